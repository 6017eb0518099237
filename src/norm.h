/* norm.h -- matching keys for names and words.
 *
 * Contract: two spellings that a reader would call "the same name" get the
 * same key.  A key is the text case-folded (Unicode, via utf8proc), with
 * combining marks stripped ("Ségou" -> "segou", "Goïta" -> "goita").
 *
 *   NORM_WORD  keeps letters, digits and single spaces (punctuation other than
 *              inner apostrophes/hyphens becomes a space; runs collapse).
 *              Used for lexicon phrases ("Wagner group" == "wagner  Group").
 *   NORM_NAME  keeps letters and digits only, so "Tin-Zaouatene",
 *              "Tin Zaouatene" and "Tinzaouatene" share a key.  Used for the
 *              gazetteer.
 *
 * No allocation: the caller gives the output buffer.  Returns the key length,
 * or (size_t)-1 if it does not fit (then out holds a truncated key).  The
 * input must be valid UTF-8 (documents are validated on reading); an invalid
 * byte is dropped.
 */
#ifndef TALLY_NORM_H
#define TALLY_NORM_H

#include <stddef.h>

enum { NORM_WORD = 0, NORM_NAME = 1 };

size_t norm_key(const char *s, size_t len, int mode, char *out, size_t cap);

/* Returns 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates);
 * otherwise 0 and *bad is the offset of the first invalid byte. */
int utf8_valid(const char *s, size_t len, size_t *bad);

#endif
