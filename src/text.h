/* text.h -- a report's text as tokens and sentences.
 *
 * Contract: text_split cuts a UTF-8 text into tokens and sentences with byte
 * offsets into that same text, so every later stage can point back at the
 * exact words (evidence spans).  Each token also carries its matching key
 * (norm_key NORM_WORD: case-folded, accents stripped) so that no later stage
 * normalises a word twice.
 *
 * Tokens: a word is a run of letters/digits (any non-ASCII byte counts as a
 * letter); an inner hyphen joins ("twenty-one", "Tuareg-led", "al-Shabaab");
 * a digit group joins across "," or "." followed by a digit ("1,200", "2.5");
 * the possessive "'s" (ASCII or typographic apostrophe) is its own token;
 * every other non-space character is a one-character punctuation token
 * (multi-byte quote marks included).
 *
 * Sentences end at . ! ? (and a closing quote or bracket right after), unless
 * the word before the full stop is an abbreviation (Col., Gen., Mr., U.S.,
 * Aug., No., a single capital letter...) or the next word starts in lower
 * case; a blank line (paragraph break) always ends one.  A single line break
 * ends a sentence only when the line looks complete: it ends in terminal
 * punctuation or the next line starts a new thought in upper case after a
 * short line (a heading, a caption, page furniture).
 *
 * A sentence is a heading when it is a whole line without terminal
 * punctuation and has at most 12 words ("Intense fighting"); extraction
 * skips headings because a sub-head repeats what the body says.
 *
 * Memory: one allocation per array, grown geometrically; nothing per token.
 */
#ifndef TALLY_TEXT_H
#define TALLY_TEXT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    TOK_WORD = 1,     /* letters (may contain digits/hyphens) */
    TOK_NUM = 2,      /* starts with a digit */
    TOK_PUNCT = 4,
    TOK_CAP = 8,      /* first character is an upper-case letter */
    TOK_QUOTE = 16,   /* a quotation mark, straight or curly */
    TOK_POSS = 32,    /* the possessive 's */
    TOK_PLAIN = 64    /* only ASCII letters and digits: the key is the text lower-cased */
};

typedef struct {
    uint64_t hash;         /* hash64 of the key, computed once for every lexicon lookup */
    uint32_t start, end;   /* bytes in the text */
    uint32_t key;          /* offset of the NUL-terminated key in text_doc.keys */
    uint16_t keylen;
    uint16_t flags;
    uint16_t lexmask;      /* lex_set_mark: bit k set if a phrase of the set's lexicon k may
                              start here (the key begins one, and for phrases of two words or
                              more the next token may be a second word); clear means none
                              does, so lex_match needs no probe (0 until marked) */
    uint8_t breaks;        /* line breaks between this token and the next (or the text's end):
                              0, 1, or 2 for two or more (a paragraph break) */
} token;

typedef struct {
    uint32_t first, count;  /* tokens [first, first+count) */
    uint32_t start, end;    /* bytes */
    uint32_t paragraph;
    int heading;
} sentence;

typedef struct {
    const char *text;
    size_t len;
    token *tok;
    size_t ntok, captok;
    sentence *sent;
    size_t nsent, capsent;
    char *keys;
    size_t keylen, keycap;
    const void *marked_by; /* the lex_set whose marks the tokens carry, NULL if none */
} text_doc;

/* Splits text (which must outlive t).  Returns 0, or -1 if the text is too
 * large for 32-bit offsets (4 GiB). Reuses t's arrays if called again. */
int text_split(text_doc *t, const char *text, size_t len);
void text_free(text_doc *t);

static inline const char *tok_key(const text_doc *t, size_t i) { return t->keys + t->tok[i].key; }

/* tok_is and tok_is_any are the most called functions of extraction: every
 * rule asks "is this word one of ...?" of the tokens around a cue, ~30 times
 * per token in all.  Nearly every comparison fails, most on the first byte,
 * so that byte is compared first; and they are inline because the
 * lists are constant arrays, which lets the compiler fold each keys[j][0]. */

/* strcmp(a, b) == 0 inline: the words compared are short and mostly
 * differ within two bytes, where a call to strcmp costs more than the loop. */
static inline int key_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* 1 if token i's key equals the given key. */
static inline int tok_is(const text_doc *t, size_t i, const char *key)
{
    if (i >= t->ntok)
        return 0;
    const char *k = t->keys + t->tok[i].key;
    return k[0] == key[0] && key_eq(k, key);
}

/* A long word list as a hash set of its keys' hash64, probed with the hash
 * every token carries: a walk of a 40-word list costs some 100 instructions
 * even when the first bytes differ, a probe a dozen.  tok_set_of finds (or,
 * the first time, builds) the set of the constant list keys[0..n); the sets
 * are built once for the process, under a lock, and read without one
 * (safe under -j N).  NULL if none could be made: walk the list. */
typedef struct {
    size_t mask;                /* slots - 1, a power of two minus one */
    const uint64_t *hash;       /* per slot: hash64 of the word */
    const char *const *word;    /* per slot: the word, NULL if empty */
} tok_set;

#define TOK_SET_MIN 6 /* shorter lists are walked: the probe would not pay */

/* The registry of sets (text.c), by the list's address: a slot is filled
 * under a lock and published by the release store of `keys`.  A list is
 * nearly always in its home slot or the next, which tok_set_find checks
 * inline; tok_set_of probes further and builds what is missing. */
#define TOK_SET_REG 1024 /* a power of two, more than the word lists of the sources */
typedef struct {
    _Atomic(const char *const *) keys;
    size_t n;
    tok_set set;
} tok_set_slot;
extern tok_set_slot tok_set_reg[TOK_SET_REG];

static inline size_t tok_set_home(const char *const *keys) { return ((uintptr_t)keys >> 3) & (TOK_SET_REG - 1); }

const tok_set *tok_set_of(const char *const *keys, size_t n);

static inline const tok_set *tok_set_find(const char *const *keys, size_t n)
{
    size_t home = tok_set_home(keys);
    const tok_set_slot *r = &tok_set_reg[home];
    if (atomic_load_explicit(&r->keys, memory_order_acquire) == keys && r->n == n)
        return &r->set;
    /* Two lists may share a home (addresses 8 KiB apart); the second then
     * sits in the next slot, checked here too: one list that missed its home
     * was asked ~26,000 times per 2 MB through tok_set_of. */
    r = &tok_set_reg[(home + 1) & (TOK_SET_REG - 1)];
    if (atomic_load_explicit(&r->keys, memory_order_acquire) == keys && r->n == n)
        return &r->set;
    return tok_set_of(keys, n);
}

/* 1 if token i's key is one of keys[0..n).  keys must stay the same list at
 * the same address for the whole process (a static const array, as every
 * caller's is): a list of TOK_SET_MIN words or more is remembered by its
 * address. */
static inline int tok_is_any(const text_doc *t, size_t i, const char *const *keys, size_t n)
{
    if (i >= t->ntok)
        return 0;
    const char *k = t->keys + t->tok[i].key;
    if (n >= TOK_SET_MIN) {
        const tok_set *s = tok_set_find(keys, n);
        if (s) {
            uint64_t h = t->tok[i].hash;
            for (size_t at = (size_t)h & s->mask; s->word[at]; at = (at + 1) & s->mask)
                if (s->hash[at] == h && key_eq(k, s->word[at]))
                    return 1;
            return 0;
        }
    }
    for (size_t j = 0; j < n; j++)
        if (k[0] == keys[j][0] && key_eq(k, keys[j]))
            return 1;
    return 0;
}

/* 1 if any token of sentence se is one of keys[0..n) (the same rule for
 * keys as tok_is_any). */
static inline int sent_has_any(const text_doc *t, const sentence *se, const char *const *keys, size_t n)
{
    for (size_t i = se->first; i < se->first + se->count; i++)
        if (tok_is_any(t, i, keys, n))
            return 1;
    return 0;
}

#endif
