/* lexicon.h -- dictionaries as plain data files, matched against tokens.
 *
 * Contract: a lexicon is a tab-separated file.  The first column is a phrase
 * written as a person would write it ("drone strike", "Wagner Group");
 * the other columns are attributes whose meaning belongs to the file
 * (docs/dictionaries.md).  Lines starting with '#' and blank lines are
 * ignored.  A word ending in "(s)" or "(es)" stands for both forms:
 * "drone strike(s)" is "drone strike" and "drone strikes".
 *
 * Phrases are cut into tokens by the same tokenizer as reports (text.h), so
 * a phrase matches exactly where a reader would see the same words, whatever
 * the case, accents or spacing.  lex_match returns the longest phrase that
 * starts at a token.
 */
#ifndef TALLY_LEXICON_H
#define TALLY_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include "text.h"

#define LEX_MAX_ATTR 6

typedef struct {
    const char *phrase;              /* as written in the file (first form) */
    const char *attr[LEX_MAX_ATTR];  /* columns 2.., "" when absent */
    int num[LEX_MAX_ATTR];           /* atoi of each: a numeric column (a priority)
                                        without parsing it at every use */
    int nattr;
    int ntok;
    int line;                        /* line in the file, for messages */
    const char *keys;                /* token keys, '\n'-separated */
} lex_entry;

typedef struct lexicon lexicon;

/* Loads path; every line must have at least min_attrs attribute columns.
 * NULL with "FILE:LINE: message" in err on failure. */
lexicon *lex_load(const char *path, int min_attrs, char *err, size_t errlen);
void lex_free(lexicon *lx);
size_t lex_size(const lexicon *lx);

/* The first member of every lexicon: what the inline lex_match reads to
 * answer from a token's marks (lex_set_mark) without a call. */
typedef struct {
    const void *set;  /* the lex_set that marks for this lexicon, NULL if none */
    uint16_t bit;     /* this lexicon's bit in token.lexmask */
} lex_head;

/* lex_match without the marks: probes the table. */
const lex_entry *lex_match_probe(const lexicon *lx, const text_doc *t, size_t i, size_t end, size_t *ntok);

/* Longest entry whose tokens equal t's tokens from i (not crossing `end`);
 * NULL if none.  *ntok receives the number of tokens matched.
 * Inline because it runs about seven times per token and, on a marked text,
 * nearly always ends at the mask test. */
static inline const lex_entry *lex_match(const lexicon *lx, const text_doc *t, size_t i, size_t end, size_t *ntok)
{
    const lex_head *h = (const lex_head *)(const void *)lx;
    if (i >= end || i >= t->ntok)
        return NULL;
    if (h->set && t->marked_by == h->set && !(t->tok[i].lexmask & h->bit))
        return NULL; /* the token starts no phrase of lx */
    return lex_match_probe(lx, t, i, end, ntok);
}

/* lx's bit in the lexmask of t's tokens if t carries the marks of lx's set,
 * else 0 (no marks: every token may start a phrase).  A gate for a scanner
 * that would otherwise set up a match at every token: a token whose lexmask
 * lacks the bit starts no phrase of lx (lex_match's own first test, with
 * its loads made once for the loop). */
static inline uint16_t lex_mark_bit(const lexicon *lx, const text_doc *t)
{
    const lex_head *h = (const lex_head *)(const void *)lx;
    return h->set && t->marked_by == h->set ? h->bit : 0;
}

/* The next entry with exactly the same words as e (another reading of one
 * phrase: "seized" a town or "seized" weapons), NULL if none. */
const lex_entry *lex_next_same(const lexicon *lx, const lex_entry *e);

/* Entry whose phrase is exactly the single key `key` (a one-token lookup). */
const lex_entry *lex_find(const lexicon *lx, const char *key);

/* lex_find(lx, tok_key(t, i)), answered from the token's marks and hash when
 * it can be (a per-token filter runs it on every capitalised word). */
const lex_entry *lex_find_tok(const lexicon *lx, const text_doc *t, size_t i);

/* A set of up to 16 lexicons whose first words are indexed together, so that
 * one probe per token tells which of them a token can start a phrase of
 * (a mark is "may start": a first word of longer phrases only, followed by
 * no second word of them, is not marked).
 * Extraction calls lex_match about seven times per token, nearly always on a
 * word that starts nothing; after lex_set_mark(s, t), lex_match on t with a
 * lexicon of s answers those from the token's lexmask without probing.  The
 * results are the same with or without marks.  A lexicon belongs to at most
 * one set, and must outlive it.  NULL if n > 16. */
typedef struct lex_set lex_set;
lex_set *lex_set_new(lexicon *const *lx, size_t n);
void lex_set_free(lex_set *s);
void lex_set_mark(const lex_set *s, text_doc *t);

#endif
