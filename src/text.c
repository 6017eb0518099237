/* text.c -- see text.h. */
#include "text.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "norm.h"
#include "util.h"

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * elem);
    if (!q)
        abort();
    *cap = c;
    return q;
}

/* Letters by folding case first (c | 0x20 maps only A-Z onto a-z): two
 * unsigned range tests instead of three ranges, at every byte of a word. */
static int is_ascii_letter(unsigned char c) { return (unsigned)((c | 0x20) - 'a') < 26u; }
static int is_ascii_digit(unsigned char c) { return (unsigned)(c - '0') < 10u; }

static int is_alnum_byte(unsigned char c) { return c >= 0x80 || is_ascii_letter(c) || is_ascii_digit(c); }

/* Byte tables for the loops of pass 1, built at compile time: BYTES256(F)
 * expands to F(0), F(1) ... F(255). */
#define BYTES4(F, c) F(c), F((c) + 1), F((c) + 2), F((c) + 3)
#define BYTES16(F, c) BYTES4(F, c), BYTES4(F, (c) + 4), BYTES4(F, (c) + 8), BYTES4(F, (c) + 12)
#define BYTES64(F, c) BYTES16(F, c), BYTES16(F, (c) + 16), BYTES16(F, (c) + 32), BYTES16(F, (c) + 48)
#define BYTES256(F) BYTES64(F, 0), BYTES64(F, 64), BYTES64(F, 128), BYTES64(F, 192)

/* The key byte of an ASCII letter or digit (the letter lower-cased), 0 for
 * any other byte: one load per byte in the loop that scans a plain word. */
#define KEY_BYTE(c) ((c) >= 'A' && (c) <= 'Z' ? (c) | 0x20 : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') ? (c) : 0)
static const unsigned char key_byte[256] = {BYTES256(KEY_BYTE)};

/* 1 for a byte after which a run of letters and digits is surely a whole
 * word: a space or an ASCII mark other than the joiners - , . ' (a
 * non-ASCII byte may be a letter or a mark, so it is asked about).  Most
 * words end at such a byte, and skip the joiner tests. */
#define ENDS_WORD(c) ((c) < 0x80 && !KEY_BYTE(c) && (c) != '-' && (c) != ',' && (c) != '.' && (c) != '\'')
static const unsigned char ends_word[256] = {BYTES256(ENDS_WORD)};

#define SPACE_BYTE(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n' || (c) == '\f' || (c) == '\v')
static const unsigned char space_byte[256] = {BYTES256(SPACE_BYTE)};

/* Multi-byte punctuation that must not be glued into words: curly quotes,
 * dashes, the arrow bullets of web page furniture.  Returns its length. */
static size_t utf8_punct(const unsigned char *s, size_t n, int *quote)
{
    *quote = 0;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
        unsigned char c = s[2];
        if (c == 0x9C || c == 0x9D || c == 0x98 || c == 0x99 || c == 0x9E)
            *quote = (c != 0x99); /* U+2019 is mostly an apostrophe */
        if ((c >= 0x90 && c <= 0x9F) || c == 0xA2 || c == 0xA6)
            return 3;
    }
    if (n >= 3 && s[0] == 0xE2 && (s[1] == 0x9E || s[1] == 0x96 || s[1] == 0x97 || s[1] == 0x86))
        return 3; /* arrows, geometric shapes */
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) {
        *quote = 1;
        return 2; /* guillemets */
    }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2; /* no-break space: treated as punctuation-free space below */
    return 0;
}

static const char *const abbrev[] = {
    "col", "gen", "lt", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "mr", "mrs", "ms", "dr",
    "prof", "st", "sen", "rep", "gov", "pres", "rev", "fr", "no", "nos", "vs", "etc", "approx", "dept", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "inc", "corp", "ltd", "co",
    "jr", "sr", "est", "govt", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m"};

/* AP's state abbreviations ("SPRINGFIELD, Ill. (AP) --", "a man from Austin,
 * Tex., said").  Those that are also English words ("fell ill.", "Miss.")
 * count only right after a comma, the place an AP state name takes. */
static const char *const state_abbrev[] = {"ala", "ariz", "ark", "calif", "colo", "conn", "fla", "kan", "ky",
                                           "mich", "minn", "mont", "neb", "nev", "okla", "tenn", "tex", "vt",
                                           "wis", "wyo"};
static const char *const state_abbrev_after_comma[] = {"ill", "ind", "miss", "wash", "mass", "la", "pa", "mo",
                                                       "ore", "del", "md", "va", "ga"};

/* Asked at every full stop, of the word before it: tok_is_any probes the
 * lists as hash sets (the tokens are complete by the sentence pass). */
static int is_state_abbrev(const text_doc *t, size_t i, int after_comma)
{
    return tok_is_any(t, i, state_abbrev, ARRAY_LEN(state_abbrev)) ||
           (after_comma && tok_is_any(t, i, state_abbrev_after_comma, ARRAY_LEN(state_abbrev_after_comma)));
}

static int is_abbrev(const text_doc *t, size_t i)
{
    if (t->tok[i].keylen == 1)
        return 1; /* initials: "J. Smith", "U." */
    return tok_is_any(t, i, abbrev, ARRAY_LEN(abbrev));
}

/* Does the word at s[0..n) start with a non-ASCII capital ("Élysée")? */
static int starts_upper(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    return utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) > 0 &&
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Appends the token whose key (k bytes and a NUL) is already written at
 * t->keys + t->keylen, with hash h.  Inline, and the array grown only when
 * full, because nearly every token of a report passes here. */
static inline void push_token(text_doc *t, size_t start, size_t end, int flags, size_t k, uint64_t h)
{
    if (t->ntok == t->captok)
        t->tok = grow(t->tok, &t->captok, t->ntok + 1, sizeof *t->tok);
    token *tk = &t->tok[t->ntok++];
    tk->start = (uint32_t)start;
    tk->end = (uint32_t)end;
    tk->key = (uint32_t)t->keylen;
    tk->keylen = (uint16_t)(k > 65535 ? 65535 : k);
    tk->hash = h;
    unsigned char c0 = (unsigned char)t->text[start];
    if ((unsigned)(c0 - 'A') < 26u)
        flags |= TOK_CAP;
    else if (c0 >= 0x80 && !(flags & TOK_PUNCT) && starts_upper(t->text + start, end - start))
        flags |= TOK_CAP;
    tk->flags = (uint16_t)flags;
    tk->lexmask = 0;
    tk->breaks = 0;
    t->keylen += k + 1;
}


/* Pass 1 keeps room in keys for twice the bytes it has not read yet, and a
 * NUL: the key and NUL of a plain word or of a one-byte mark take at most
 * twice its bytes, so those need no check of their own; add_token, whose
 * keys may be longer (norm_key), restores the room after it. */
static void keep_key_room(text_doc *t, size_t rest)
{
    if (t->keycap - t->keylen < 2 * rest + 1)
        t->keys = grow(t->keys, &t->keycap, t->keylen + 2 * rest + 1, 1);
}

static void add_token(text_doc *t, size_t start, size_t end, int flags)
{
    size_t n = end - start;
    t->keys = grow(t->keys, &t->keycap, t->keylen + n * 3 + 8, 1);
    size_t k = 0;
    char *out = t->keys + t->keylen;
    uint64_t h = HASH64_INIT;
    /* Most words are plain ASCII letters and digits, whose key is the bytes
     * lower-cased (norm_key's own fast path): copy, lower and hash them in one
     * pass (and mark them TOK_PLAIN).  Punctuation, and words with any other
     * byte, go through norm_key and hash64. */
    if (!(flags & TOK_PUNCT))
        for (; k < n; k++) {
            unsigned char c = (unsigned char)t->text[start + k];
            if (is_ascii_letter(c))
                c |= 0x20;
            else if (!is_ascii_digit(c))
                break;
            out[k] = (char)c;
            h = hash64_byte(h, c);
        }
    if (k == n && !(flags & TOK_PUNCT))
        flags |= TOK_PLAIN;
    else {
        if (flags & TOK_PUNCT) {
            memcpy(out, t->text + start, n);
            k = n;
        } else {
            k = norm_key(t->text + start, n, NORM_WORD, out, n * 3 + 8);
            if (k == (size_t)-1)
                k = strlen(out);
        }
        h = hash64(out, k);
    }
    out[k] = '\0';
    push_token(t, start, end, flags, k, h);
    keep_key_room(t, t->len - end);
}

#define SENT_MAX_TOKENS 400

/* Adds the sentence of tokens [first, end_tok), of which `words` are no
 * punctuation (counted by the sentence pass as it goes). */
static void add_sentence(text_doc *t, size_t first, size_t end_tok, uint32_t para, int line_alone, size_t words)
{
    if (end_tok <= first)
        return;
    t->sent = grow(t->sent, &t->capsent, t->nsent + 1, sizeof *t->sent);
    sentence *s = &t->sent[t->nsent++];
    s->first = (uint32_t)first;
    s->count = (uint32_t)(end_tok - first);
    s->start = t->tok[first].start;
    s->end = t->tok[end_tok - 1].end;
    s->paragraph = para;
    const token *last = &t->tok[end_tok - 1];
    char lc = t->text[last->start];
    int terminal = (last->flags & TOK_PUNCT) && (lc == '.' || lc == '!' || lc == '?' || lc == ':' || lc == '"' ||
                                                 (unsigned char)lc == 0xE2);
    s->heading = line_alone && !terminal && words <= 12;
}

/* Pass 1: tokens, each with the line breaks that follow it.  Pass 2:
 * sentences over the tokens. */
int text_split(text_doc *t, const char *text, size_t len)
{
    if (len >= 0xFFFFFFF0u)
        return -1;
    t->text = text;
    t->len = len;
    t->ntok = t->nsent = t->keylen = 0;
    /* Room for the usual number of tokens (a word and its space are ~6 bytes
     * of news text) and their keys up front, so that a report costs one
     * allocation per array rather than a dozen doublings. */
    t->tok = grow(t->tok, &t->captok, len / 5 + 16, sizeof *t->tok);
    t->keys = grow(t->keys, &t->keycap, 2 * len + 64, 1); /* keep_key_room */
    t->marked_by = NULL;
    const unsigned char *s = (const unsigned char *)text;
    /* The text's last byte that is no key byte (a mark, a space) bounds every
     * run of key bytes that starts before it: those runs need no test of the
     * text's end at each byte, only a run that starts after it (a word that
     * ends the text) does. */
    size_t run_bound = len;
    while (run_bound > 0 && key_byte[s[run_bound - 1]])
        run_bound--;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        /* A word that starts with an ASCII letter or digit, the commonest
         * case, goes straight to the word loop; everything else is sorted
         * out first. */
        if (!key_byte[c]) {
            if (space_byte[c]) {
                /* the sentence pass asks for the line breaks between tokens */
                if (c == '\n' && t->ntok && t->tok[t->ntok - 1].breaks < 2)
                    t->tok[t->ntok - 1].breaks++;
                i++;
                continue;
            }
            int quote;
            size_t pl = c >= 0x80 ? utf8_punct(s + i, len - i, &quote) : 0;
            if (pl) {
                if (!(s[i] == 0xC2 && s[i + 1] == 0xA0)) {
                    /* A typographic apostrophe + s after a word is the possessive. */
                    if (s[i] == 0xE2 && s[i + 2] == 0x99 && i + 3 < len && (s[i + 3] == 's' || s[i + 3] == 'S') &&
                        (i + 4 >= len || !is_alnum_byte(s[i + 4])) && t->ntok && t->tok[t->ntok - 1].end == i) {
                        add_token(t, i, i + 4, TOK_POSS);
                        i += 4;
                        continue;
                    }
                    add_token(t, i, i + pl, TOK_PUNCT | (quote ? TOK_QUOTE : 0));
                }
                i += pl;
                continue;
            }
            if (c == '\'' && i + 1 < len && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                (i + 2 >= len || !is_alnum_byte(s[i + 2])) && t->ntok && t->tok[t->ntok - 1].end == i) {
                add_token(t, i, i + 2, TOK_POSS);
                i += 2;
                continue;
            }
            if (!is_alnum_byte(c)) {
                /* An ASCII mark is its own key: no call to add_token. */
                char *out = t->keys + t->keylen;
                out[0] = (char)c;
                out[1] = '\0';
                push_token(t, i, i + 1, TOK_PUNCT | (c == '"' ? TOK_QUOTE : 0), 1, hash64_byte(HASH64_INIT, c));
                i++;
                continue;
            }
        }
        size_t j = i;
        int digit_start = (c >= '0' && c <= '9');
        /* Most words are ASCII letters and digits only, whose key is the
         * bytes lower-cased: they are keyed and hashed here, in the pass that
         * finds the word's end, so that no byte is read twice.  Any other byte
         * in the word (a hyphen, an accent, an inner apostrophe) leaves it to
         * add_token and norm_key.  The key fits: see keep_key_room. */
        char *out = t->keys + t->keylen;
        uint64_t h = HASH64_INIT;
        int plain = 1;
        /* The run of letters and digits that starts the word: the common
         * case, in a loop of its own.  What follows it, unless it surely ends
         * the word (ends_word), goes to the loop below, which keeps the key
         * only while the word stays plain. */
        if (i < run_bound)
            for (unsigned char kc; (kc = key_byte[s[j]]) != 0; j++) {
                out[j - i] = (char)kc;
                h = hash64_byte(h, kc);
            }
        else
            for (unsigned char kc; j < len && (kc = key_byte[s[j]]) != 0; j++) {
                out[j - i] = (char)kc;
                h = hash64_byte(h, kc);
            }
        while (j < len && !ends_word[s[j]]) {
            unsigned char d = s[j];
            unsigned char lower = d | 0x20;
            if ((unsigned)(lower - 'a') < 26u || (unsigned)(d - '0') < 10u) {
                if (plain) {
                    unsigned char kc = d >= 'A' ? lower : d;
                    out[j - i] = (char)kc;
                    h = hash64_byte(h, kc);
                } else {
                    plain = 0;
                }
                j++;
                continue;
            }
            if (d >= 0x80) {
                int q;
                if (utf8_punct(s + j, len - j, &q))
                    break;
                plain = 0;
                j++;
                continue;
            }
            if (d == '-' && j + 1 < len && is_alnum_byte(s[j + 1]) && j > i) {
                plain = 0;
                j++;
                continue;
            }
            if ((d == ',' || d == '.') && digit_start && j + 1 < len && s[j + 1] >= '0' && s[j + 1] <= '9' &&
                s[j - 1] >= '0' && s[j - 1] <= '9') {
                plain = 0;
                j++;
                continue;
            }
            /* Inner apostrophe of a name ("N'Djamena", "Ma'arat"), not "'s". */
            if (d == '\'' && j + 1 < len && is_alnum_byte(s[j + 1]) &&
                !((s[j + 1] == 's' || s[j + 1] == 'S') && (j + 2 >= len || !is_alnum_byte(s[j + 2])))) {
                plain = 0;
                j++;
                continue;
            }
            /* Dotted abbreviations: "U.S.", "U.N." */
            if (d == '.' && j + 2 < len && j - i == 1 && s[j + 1] >= 'A' && s[j + 1] <= 'Z' && s[j + 2] == '.') {
                plain = 0;
                j += 2;
                continue;
            }
            break;
        }
        if (plain) {
            out[j - i] = '\0';
            push_token(t, i, j, (digit_start ? TOK_NUM : TOK_WORD) | TOK_PLAIN, j - i, h);
        } else {
            add_token(t, i, j, digit_start ? TOK_NUM : TOK_WORD);
        }
        /* the space after a word, the commonest byte after one, is skipped
         * here rather than by a turn of the loop (it adds no line break) */
        i = j < len && s[j] == ' ' ? j + 1 : j;
    }

    /* Sentences. */
    size_t first = 0;
    uint32_t para = 0;
    int line_alone = 1; /* the current sentence started at the start of a line */
    size_t words = 0;   /* tokens of the current sentence that are no punctuation */
    for (size_t k = 0; k < t->ntok; k++) {
        const token *tk = &t->tok[k];
        int newlines = tk->breaks;
        int is_punct = tk->flags & TOK_PUNCT;
        words += !is_punct;
        /* only a mark's character matters below (. ! ? : ;) */
        char c = is_punct ? text[tk->start] : 0;
        int is_stop = c == '.' || c == '!' || c == '?';
        /* most tokens end no sentence: no stop, no line break, no cut */
        if (!is_stop && !newlines && k + 1 - first < SENT_MAX_TOKENS)
            continue;
        int boundary = 0;
        size_t end_tok = k + 1;
        if (is_stop) {
            /* Swallow closing quotes/brackets after the stop. */
            size_t m = k + 1;
            while (m < t->ntok && t->tok[m].start == t->tok[m - 1].end &&
                   ((t->tok[m].flags & TOK_QUOTE) || text[t->tok[m].start] == ')' || text[t->tok[m].start] == '\''))
                m++;
            end_tok = m;
            int abbrev_before = 0;
            if (c == '.' && k > first && t->tok[k - 1].end == tk->start && !(t->tok[k - 1].flags & TOK_NUM)) {
                const token *w = &t->tok[k - 1];
                int after_comma = k >= first + 2 && text[t->tok[k - 2].start] == ',';
                abbrev_before = is_abbrev(t, k - 1) || is_state_abbrev(t, k - 1, after_comma) ||
                                (w->end - w->start >= 3 && text[w->end - 2] == '.'); /* "U.S" + "." */
            }
            size_t next = end_tok;
            int next_lower = 0;
            if (next < t->ntok) {
                unsigned char nc = (unsigned char)text[t->tok[next].start];
                next_lower = (nc >= 'a' && nc <= 'z');
            }
            if (next >= t->ntok)
                boundary = 1;
            else if (next_lower)
                boundary = 0;
            else if (abbrev_before) {
                /* "the U.S. Army" continues; "...in the U.S. The next day" ends: an
                 * abbreviation ends a sentence only before a paragraph break. */
                boundary = t->tok[end_tok - 1].breaks > 0;
            } else
                boundary = 1;
            if (boundary) {
                newlines = t->tok[end_tok - 1].breaks;
                for (size_t m2 = k + 1; m2 < end_tok; m2++) /* a swallowed "'s" is a word */
                    words += !(t->tok[m2].flags & TOK_PUNCT);
                k = end_tok - 1;
            }
        }
        if (!boundary && newlines > 0) {
            if (newlines >= 2)
                boundary = 1; /* paragraph break */
            else {
                /* A single line break: a heading or furniture line ends here when
                 * the line is short and the next one starts with a capital. */
                size_t line_start = t->tok[first].start;
                unsigned char nc = k + 1 < t->ntok ? (unsigned char)text[t->tok[k + 1].start] : 'A';
                if (tk->end - line_start < 80 && !(nc >= 'a' && nc <= 'z'))
                    boundary = 1;
                else if (c == ':' || c == ';')
                    boundary = 1;
            }
        }
        /* A run of SENT_MAX_TOKENS tokens without a sentence end is no prose
         * sentence (the longest written ones are ~150 words) but a list, a
         * table or a hostile input; it is cut here because the stages scan
         * each sentence once per number or trigger in it, which over one
         * 1 MB "sentence" took minutes (tests/wild.sh). */
        if (!boundary && end_tok - first >= SENT_MAX_TOKENS)
            boundary = 1;
        if (boundary) {
            int alone = line_alone && (newlines > 0 || end_tok >= t->ntok);
            add_sentence(t, first, end_tok, para, alone, words);
            words = 0;
            first = end_tok;
            line_alone = newlines > 0;
            if (newlines >= 2)
                para++;
        }
    }
    if (first < t->ntok)
        add_sentence(t, first, t->ntok, para, line_alone, words);
    /* A heading heads something: a report that is one unpunctuated line
     * ("Gunmen have shot dead a doctor in Baghlan province") is its own body. */
    if (t->nsent == 1)
        t->sent[0].heading = 0;
    return 0;
}

void text_free(text_doc *t)
{
    free(t->tok);
    free(t->sent);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

/* ---- word lists as hash sets (tok_is_any) --------------------------------- */

/* The registry (text.h) maps a list, its address and length, to its set:
 * linear probing from the list's home slot. */
tok_set_slot tok_set_reg[TOK_SET_REG];
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;

static int make_set(tok_set *set, const char *const *keys, size_t n)
{
    size_t slots = 16;
    while (slots < n * 4)
        slots *= 2;
    uint64_t *hash = calloc(slots, sizeof *hash);
    const char **word = calloc(slots, sizeof *word);
    if (!hash || !word) {
        free(hash);
        free(word);
        return -1;
    }
    for (size_t j = 0; j < n; j++) {
        uint64_t h = hash64(keys[j], strlen(keys[j]));
        size_t at = (size_t)h & (slots - 1);
        while (word[at])
            at = (at + 1) & (slots - 1);
        word[at] = keys[j];
        hash[at] = h;
    }
    set->mask = slots - 1;
    set->hash = hash;
    set->word = word;
    return 0;
}

static const tok_set *tok_set_add(const char *const *keys, size_t n)
{
    const tok_set *found = NULL;
    pthread_mutex_lock(&reg_lock);
    size_t home = tok_set_home(keys);
    for (size_t p = 0; p < TOK_SET_REG; p++) {
        tok_set_slot *r = &tok_set_reg[(home + p) & (TOK_SET_REG - 1)];
        const char *const *k = atomic_load_explicit(&r->keys, memory_order_relaxed);
        if (k == keys && r->n == n) {
            found = &r->set;
            break;
        }
        if (!k) {
            if (make_set(&r->set, keys, n) == 0) {
                r->n = n;
                atomic_store_explicit(&r->keys, keys, memory_order_release);
                found = &r->set;
            }
            break;
        }
    }
    pthread_mutex_unlock(&reg_lock);
    return found;
}

const tok_set *tok_set_of(const char *const *keys, size_t n)
{
    size_t home = tok_set_home(keys);
    for (size_t p = 0; p < TOK_SET_REG; p++) {
        const tok_set_slot *r = &tok_set_reg[(home + p) & (TOK_SET_REG - 1)];
        const char *const *k = atomic_load_explicit(&r->keys, memory_order_acquire);
        if (k == keys && r->n == n)
            return &r->set;
        if (!k)
            return tok_set_add(keys, n);
    }
    return NULL; /* registry full: the caller walks the list */
}
