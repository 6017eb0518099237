/* lexicon.c -- see lexicon.h.
 *
 * Entries are sorted by first-token key, longest phrase first; an
 * open-addressing table maps a first-token key to its run of entries.  A
 * match costs one hash probe per token plus a key comparison per candidate,
 * and no allocation. */
#include "lexicon.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct {
    uint64_t hash;
    uint32_t first;         /* run of entries sharing the first token key */
    uint16_t count;
    uint16_t keylen;        /* length of that key, so a probe never scans for it;
                               KEYLEN_LONG: 65,535 bytes or more, measure it */
    uint16_t multi;         /* how many of the run have two words or more: they
                               come first (longest first), the one-word entry after */
    uint64_t second;        /* bit (hash >> 58) set for the hash of each of their
                               second words: nearly every probe is for a word
                               that starts phrases but not with the word after
                               it, and ends at this bit */
} slot;

#define KEYLEN_LONG UINT16_MAX

struct lexicon {
    lex_head head;    /* first, for the inline lex_match (lexicon.h) */
    lex_entry *e;
    size_t n, cap;
    char *file;       /* the file's bytes; attributes point into it */
    buf keys;         /* all keys; entries hold offsets until the end of loading */
    slot *table;
    size_t tcap;
    /* per entry, in e's order: the hash of its second word (0 for one word),
     * so that a probe drops the many phrases that share a first word
     * ("killed", "armed") by one comparison, without touching their keys */
    uint64_t *hash2;
};

/* One first word of the set's lexicons, and which of them it starts phrases of. */
typedef struct {
    uint64_t hash;       /* hash64(key) | 1; 0 marks an empty slot */
    const char *key;     /* in the lexicon's keys; not NUL-terminated */
    size_t keylen;
    uint16_t mask;       /* the lexicons with a phrase that starts with the word */
    uint16_t single;     /* those of them with the word alone as a phrase */
    uint64_t second;     /* the union of their slots' second-word bits (slot.second) */
} set_slot;

struct lex_set {
    set_slot *table;
    size_t tcap;
};

static const char *first_key(const lex_entry *e, size_t *n)
{
    const char *nl = strchr(e->keys, '\n');
    *n = nl ? (size_t)(nl - e->keys) : strlen(e->keys);
    return e->keys;
}

static int cmp_entry(const void *a, const void *b)
{
    const lex_entry *x = a, *y = b;
    size_t nx, ny;
    const char *kx = first_key(x, &nx), *ky = first_key(y, &ny);
    size_t m = nx < ny ? nx : ny;
    int c = memcmp(kx, ky, m);
    if (c)
        return c;
    if (nx != ny)
        return nx < ny ? -1 : 1;
    if (x->ntok != y->ntok)
        return y->ntok - x->ntok; /* longest first */
    /* the same words together, in file order (lex_next_same) */
    c = strcmp(x->keys, y->keys);
    return c ? c : x->line - y->line;
}

/* Adds one phrase form; keys are stored as offsets (cast into the pointer)
 * until loading ends, because the key buffer moves as it grows. */
static void add_form(lexicon *lx, const char *phrase, const char *form, size_t flen, char **attr, int nattr, int line)
{
    text_doc t = {0};
    text_split(&t, form, flen);
    if (t.ntok == 0) {
        text_free(&t);
        return;
    }
    size_t off = lx->keys.len;
    for (size_t i = 0; i < t.ntok; i++) {
        if (i)
            buf_putc(&lx->keys, '\n');
        buf_puts(&lx->keys, tok_key(&t, i));
    }
    buf_putc(&lx->keys, '\0');
    if (lx->n == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 256;
        lx->e = realloc(lx->e, lx->cap * sizeof *lx->e);
        if (!lx->e)
            abort();
    }
    lex_entry *e = &lx->e[lx->n++];
    memset(e, 0, sizeof *e);
    e->phrase = phrase;
    for (int k = 0; k < LEX_MAX_ATTR; k++) {
        e->attr[k] = k < nattr ? attr[k] : "";
        e->num[k] = atoi(e->attr[k]);
    }
    e->nattr = nattr;
    e->ntok = (int)t.ntok;
    e->line = line;
    e->keys = (const char *)(uintptr_t)off;
    text_free(&t);
}

/* Expands "(s)"/"(es)" suffixes (at most two per phrase: four forms). */
static void add_phrase(lexicon *lx, const char *phrase, char **attr, int nattr, int line)
{
    const char *p = strstr(phrase, "(");
    if (!p || !strchr(p, ')')) {
        add_form(lx, phrase, phrase, strlen(phrase), attr, nattr, line);
        return;
    }
    const char *q = strchr(p, ')');
    buf a = {0}, b = {0};
    buf_put(&a, phrase, (size_t)(p - phrase));
    buf_puts(&a, q + 1);
    buf_put(&b, phrase, (size_t)(p - phrase));
    buf_put(&b, p + 1, (size_t)(q - p - 1));
    buf_puts(&b, q + 1);
    /* Recurse for a second suffix; the forms are temporary, the phrase is kept. */
    const char *forms[2] = {buf_cstr(&a), buf_cstr(&b)};
    for (int k = 0; k < 2; k++) {
        const char *f = forms[k];
        if (strchr(f, '(') && strchr(f, ')')) {
            const char *p2 = strchr(f, '('), *q2 = strchr(p2, ')');
            buf c = {0}, d = {0};
            buf_put(&c, f, (size_t)(p2 - f));
            buf_puts(&c, q2 + 1);
            buf_put(&d, f, (size_t)(p2 - f));
            buf_put(&d, p2 + 1, (size_t)(q2 - p2 - 1));
            buf_puts(&d, q2 + 1);
            add_form(lx, phrase, c.data, c.len, attr, nattr, line);
            add_form(lx, phrase, d.data, d.len, attr, nattr, line);
            buf_free(&c);
            buf_free(&d);
        } else
            add_form(lx, phrase, f, strlen(f), attr, nattr, line);
    }
    buf_free(&a);
    buf_free(&b);
}

/* -1 (with the message in err) if more phrases share a first word than a
 * slot can count. */
static int build_table(lexicon *lx, const char *path, char *err, size_t errlen)
{
    qsort(lx->e, lx->n, sizeof *lx->e, cmp_entry);
    /* At most 1/4 full: lex_match is called about seven times per token and
     * nearly always misses, and a miss ends at the first empty slot. */
    lx->tcap = 16;
    while (lx->tcap < lx->n * 4 + 1)
        lx->tcap *= 2;
    lx->table = calloc(lx->tcap, sizeof *lx->table);
    lx->hash2 = calloc(lx->n + 1, sizeof *lx->hash2);
    if (!lx->table || !lx->hash2)
        abort();
    for (size_t i = 0; i < lx->n; i++) {
        if (lx->e[i].ntok < 2)
            continue;
        const char *w = strchr(lx->e[i].keys, '\n') + 1, *nl = strchr(w, '\n');
        lx->hash2[i] = hash64(w, nl ? (size_t)(nl - w) : strlen(w));
    }
    for (size_t i = 0; i < lx->n;) {
        size_t n1;
        const char *k1 = first_key(&lx->e[i], &n1);
        size_t j = i + 1;
        while (j < lx->n) {
            size_t n2;
            const char *k2 = first_key(&lx->e[j], &n2);
            if (n1 != n2 || memcmp(k1, k2, n1) != 0)
                break;
            j++;
        }
        uint64_t h = hash64(k1, n1) | 1; /* 0 marks an empty slot */
        size_t s = h & (lx->tcap - 1);
        while (lx->table[s].hash)
            s = (s + 1) & (lx->tcap - 1);
        if (j - i > UINT16_MAX) {
            snprintf(err, errlen, "%s:%d: more than %u phrases start with the same word", path, lx->e[i].line,
                     (unsigned)UINT16_MAX);
            return -1;
        }
        uint16_t multi = 0;
        uint64_t second = 0;
        for (size_t k = i; k < j; k++)
            if (lx->e[k].ntok > 1) {
                multi++;
                second |= 1ull << (lx->hash2[k] >> 58);
            }
        lx->table[s] = (slot){h, (uint32_t)i, (uint16_t)(j - i), (uint16_t)(n1 < KEYLEN_LONG ? n1 : KEYLEN_LONG),
                              multi, second};
        i = j;
    }
    return 0;
}

lexicon *lex_load(const char *path, int min_attrs, char *err, size_t errlen)
{
    size_t len;
    char *bytes = read_file(path, &len);
    if (!bytes) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        abort();
    lx->file = bytes;
    int line = 0;
    char *s = bytes;
    while (s < bytes + len) {
        line++;
        char *nl = memchr(s, '\n', (size_t)(bytes + len - s));
        char *end = nl ? nl : bytes + len;
        *end = '\0';
        if (end > s && end[-1] == '\r')
            end[-1] = '\0';
        char *next = nl ? nl + 1 : bytes + len;
        if (*s == '#' || *s == '\0') {
            s = next;
            continue;
        }
        char *col[LEX_MAX_ATTR + 1];
        int ncol = 0;
        char *c = s;
        for (;;) {
            char *tab = strchr(c, '\t');
            if (ncol < LEX_MAX_ATTR + 1)
                col[ncol++] = c;
            if (!tab)
                break;
            *tab = '\0';
            c = tab + 1;
        }
        if (ncol - 1 < min_attrs || col[0][0] == '\0') {
            snprintf(err, errlen, "%s:%d: expected a phrase and %d tab-separated column(s)", path, line, min_attrs);
            lex_free(lx);
            return NULL;
        }
        add_phrase(lx, col[0], col + 1, ncol - 1, line);
        s = next;
    }
    /* Offsets become pointers now that the key buffer has stopped moving. */
    for (size_t i = 0; i < lx->n; i++)
        lx->e[i].keys = lx->keys.data + (uintptr_t)lx->e[i].keys;
    if (build_table(lx, path, err, errlen) < 0) {
        lex_free(lx);
        return NULL;
    }
    return lx;
}

void lex_free(lexicon *lx)
{
    if (!lx)
        return;
    free(lx->e);
    free(lx->file);
    buf_free(&lx->keys);
    free(lx->table);
    free(lx->hash2);
    free(lx);
}

size_t lex_size(const lexicon *lx) { return lx->n; }

static inline const slot *find_slot_h(const lexicon *lx, const char *key, size_t n, uint64_t h)
{
    if (!lx->n)
        return NULL;
    h |= 1;
    size_t s = h & (lx->tcap - 1);
    while (lx->table[s].hash) {
        const slot *sl = &lx->table[s];
        if (sl->hash == h) {
            size_t n1 = sl->keylen;
            if (n1 == KEYLEN_LONG)
                first_key(&lx->e[sl->first], &n1);
            if (n1 == n && memcmp(lx->e[sl->first].keys, key, n) == 0)
                return sl;
        }
        s = (s + 1) & (lx->tcap - 1);
    }
    return NULL;
}

static const slot *find_slot(const lexicon *lx, const char *key, size_t n)
{
    return find_slot_h(lx, key, n, hash64(key, n));
}

const lex_entry *lex_match_probe(const lexicon *lx, const text_doc *t, size_t i, size_t end, size_t *ntok)
{
    if (i >= end || i >= t->ntok)
        return NULL;
    const slot *sl = find_slot_h(lx, tok_key(t, i), t->tok[i].keylen, t->tok[i].hash);
    if (!sl)
        return NULL;
    /* No phrase of two words or more goes on with the next token: only the
     * one-word entry can match (the same answer as trying them all). */
    uint32_t k = 0;
    if (i + 1 >= end || !((sl->second >> (t->tok[i + 1].hash >> 58)) & 1))
        k = sl->multi;
    for (; k < sl->count; k++) {
        const lex_entry *e = &lx->e[sl->first + k];
        if (i + (size_t)e->ntok > end)
            continue;
        /* the token keys' hashes are of the same keys (text.c): unequal
         * hashes, unequal words */
        if (e->ntok > 1 && lx->hash2[sl->first + k] != t->tok[i + 1].hash)
            continue;
        /* Word 0 is the slot's key, equal already.  Each later word is
         * compared in place, byte by byte against the token's key, and must end
         * where the key does: the same test as measuring the word first, since
         * a phrase's words hold no '\n' or NUL, without a strchr per word. */
        const char *p = e->keys + t->tok[i].keylen;
        int ok = 1;
        for (int w = 1; w < e->ntok && ok; w++) {
            p++; /* the '\n' after the previous word */
            const token *tk = &t->tok[i + (size_t)w];
            const char *key = t->keys + tk->key;
            size_t n = tk->keylen, q = 0;
            while (q < n && p[q] == key[q] && p[q] != '\n' && p[q] != '\0')
                q++;
            ok = q == n && (p[n] == '\n' || p[n] == '\0');
            p += n;
        }
        if (ok) {
            *ntok = (size_t)e->ntok;
            return e;
        }
    }
    return NULL;
}

const lex_entry *lex_next_same(const lexicon *lx, const lex_entry *e)
{
    /* Entries with the same words are adjacent: sorted by first key, then
     * length, then line. */
    if (e < lx->e || e + 1 >= lx->e + lx->n)
        return NULL;
    const lex_entry *f = e + 1;
    return f->ntok == e->ntok && strcmp(f->keys, e->keys) == 0 ? f : NULL;
}

/* The one-token entry of slot sl, NULL if none. */
static const lex_entry *single_of_slot(const lexicon *lx, const slot *sl)
{
    if (!sl)
        return NULL;
    for (uint32_t k = 0; k < sl->count; k++)
        if (lx->e[sl->first + k].ntok == 1)
            return &lx->e[sl->first + k];
    return NULL;
}

const lex_entry *lex_find(const lexicon *lx, const char *key)
{
    return single_of_slot(lx, find_slot(lx, key, strlen(key)));
}

const lex_entry *lex_find_tok(const lexicon *lx, const text_doc *t, size_t i)
{
    const token *tk = &t->tok[i];
    if (tk->keylen == UINT16_MAX) /* keylen is cut there: measure the key */
        return lex_find(lx, tok_key(t, i));
    if (lx->head.set && t->marked_by == lx->head.set && !(tk->lexmask & lx->head.bit))
        return NULL;
    return single_of_slot(lx, find_slot_h(lx, tok_key(t, i), tk->keylen, tk->hash));
}

/* ---- sets: every first word of several lexicons in one table ---------------- */

lex_set *lex_set_new(lexicon *const *lx, size_t n)
{
    if (n > 16)
        return NULL;
    lex_set *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    size_t nkeys = 0;
    for (size_t k = 0; k < n; k++)
        nkeys += lx[k]->tcap; /* an upper bound on its first words */
    s->tcap = 16;
    while (s->tcap < nkeys * 2 + 1)
        s->tcap *= 2;
    s->table = calloc(s->tcap, sizeof *s->table);
    if (!s->table)
        abort();
    for (size_t k = 0; k < n; k++) {
        lexicon *l = lx[k];
        l->head.set = s;
        l->head.bit = (uint16_t)(1u << k);
        for (size_t j = 0; j < l->tcap; j++) {
            const slot *sl = &l->table[j];
            if (!sl->hash)
                continue;
            size_t klen;
            const char *key = first_key(&l->e[sl->first], &klen);
            size_t at = sl->hash & (s->tcap - 1);
            while (s->table[at].hash &&
                   !(s->table[at].hash == sl->hash && s->table[at].keylen == klen &&
                     memcmp(s->table[at].key, key, klen) == 0))
                at = (at + 1) & (s->tcap - 1);
            set_slot *ss = &s->table[at];
            ss->hash = sl->hash;
            ss->key = key;
            ss->keylen = klen;
            ss->mask |= l->head.bit;
            if (sl->multi < sl->count)
                ss->single |= l->head.bit;
            ss->second |= sl->second;
        }
    }
    return s;
}

void lex_set_free(lex_set *s)
{
    if (!s)
        return;
    free(s->table);
    free(s);
}

/* A token is marked for a first word of the same hash and length: a mark only
 * says that a phrase may start there, and every probe it lets through compares
 * the key itself (find_slot_h), so the bytes need not be compared here too
 * (a 64-bit hash collision would cost one failed probe).  A word that starts
 * only longer phrases ("opened" fire, "armed" clash) is marked only where the
 * next token's hash is among their second words (the test lex_match_probe
 * makes first): most such words are not followed by one, and a mark that can
 * only lead to a failed probe costs the probe. */
void lex_set_mark(const lex_set *s, text_doc *t)
{
    for (size_t i = 0; i < t->ntok; i++) {
        token *tk = &t->tok[i];
        uint64_t h = tk->hash | 1;
        uint16_t mask = 0;
        for (size_t at = h & (s->tcap - 1); s->table[at].hash; at = (at + 1) & (s->tcap - 1)) {
            const set_slot *ss = &s->table[at];
            if (ss->hash == h && ss->keylen == tk->keylen) {
                mask = ss->single;
                if (i + 1 < t->ntok && ((ss->second >> (t->tok[i + 1].hash >> 58)) & 1))
                    mask = ss->mask;
                break;
            }
        }
        tk->lexmask = mask;
    }
    t->marked_by = s;
}
