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
#include "text.h"

#define LEX_MAX_ATTR 6

typedef struct {
    const char *phrase;              /* as written in the file (first form) */
    const char *attr[LEX_MAX_ATTR];  /* columns 2.., "" when absent */
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

/* Longest entry whose tokens equal t's tokens from i (not crossing `end`);
 * NULL if none.  *ntok receives the number of tokens matched. */
const lex_entry *lex_match(const lexicon *lx, const text_doc *t, size_t i, size_t end, size_t *ntok);

/* The next entry with exactly the same words as e (another reading of one
 * phrase: "seized" a town or "seized" weapons), NULL if none. */
const lex_entry *lex_next_same(const lexicon *lx, const lex_entry *e);

/* Entry whose phrase is exactly the single key `key` (a one-token lookup). */
const lex_entry *lex_find(const lexicon *lx, const char *key);

#endif
