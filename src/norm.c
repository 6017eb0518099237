/* norm.c -- see norm.h.
 *
 * ASCII takes a fast path: news text is mostly ASCII, and a key is built for
 * every token.  Anything else goes one code point at a time through
 * utf8proc_decompose_char, which writes into a stack array (no malloc). */
#include "norm.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

static int put(char *out, size_t cap, size_t *n, const char *s, size_t k)
{
    if (*n + k >= cap)
        return 0;
    for (size_t i = 0; i < k; i++)
        out[(*n)++] = s[i];
    return 1;
}

size_t norm_key(const char *s, size_t len, int mode, char *out, size_t cap)
{
    size_t n = 0;
    int pending_space = 0, ok = 1;
    size_t i = 0;
    if (cap == 0)
        return (size_t)-1;
    /* Fast path for the shape of nearly every token, ASCII letters and digits:
     * the key is the bytes lower-cased.  It stops at the first other byte and
     * the loop below goes on from there in the state it would have reached
     * itself (n == i, no pending space). */
    while (i < len && i + 1 < cap) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[i] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out[i] = (char)(c + 32);
        else
            break;
        i++;
    }
    n = i;
    while (i < len && ok) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            char lc;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                lc = (char)c;
            else if (c >= 'A' && c <= 'Z')
                lc = (char)(c + 32);
            else {
                /* Apostrophes and hyphens inside a word join it in NORM_WORD
                 * ("al-Shabaab" stays one key word: "al-shabaab"); elsewhere
                 * they separate. */
                if (mode == NORM_WORD && (c == '-' || c == '\'') && n > 0 && !pending_space &&
                    i < len && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
                    ok = put(out, cap, &n, (const char *)&c, 1);
                else if (mode == NORM_WORD && n > 0)
                    pending_space = 1;
                continue;
            }
            if (pending_space) {
                ok = put(out, cap, &n, " ", 1);
                pending_space = 0;
            }
            if (ok)
                ok = put(out, cap, &n, &lc, 1);
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        /* Typographic apostrophes (U+2019) behave like ASCII ones. */
        if (cp == 0x2019 || cp == 0x2018) {
            if (mode == NORM_WORD && n > 0)
                pending_space = 1;
            continue;
        }
        utf8proc_int32_t dec[16];
        int lb = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, dec, 16, UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &lb);
        if (m < 0 || m > 16)
            continue;
        for (utf8proc_ssize_t j = 0; j < m && ok; j++) {
            utf8proc_category_t cat = utf8proc_category(dec[j]);
            int is_alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
            if (!is_alnum) {
                if (mode == NORM_WORD && n > 0)
                    pending_space = 1;
                continue;
            }
            if (pending_space) {
                ok = put(out, cap, &n, " ", 1);
                pending_space = 0;
            }
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t e = utf8proc_encode_char(dec[j], enc);
            if (ok)
                ok = put(out, cap, &n, (const char *)enc, (size_t)e);
        }
    }
    out[n] = '\0';
    return ok ? n : (size_t)-1;
}

int utf8_valid(const char *s, size_t len, size_t *bad)
{
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len) {
        /* Reports are mostly ASCII: skip 32, then eight, plain bytes at a
         * time. */
        if (i + 32 <= len) {
            uint64_t w[4];
            memcpy(w, u + i, sizeof w);
            if (!((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL)) {
                i += 32;
                continue;
            }
        }
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else
            goto fail;
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= len || (u[i + k] & 0xC0) != 0x80)
                goto fail;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto fail;
        i += need + 1;
    }
    return 1;
fail:
    if (bad)
        *bad = i;
    return 0;
}
