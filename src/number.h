/* number.h -- quantities as news reports write them.
 *
 * Contract: number_parse reads one quantity that starts exactly at s[0] and
 * says how many bytes it used.  It knows
 *   digits             "15", "1,200", "1 200" (thin/normal space groups of 3), "2.5 million"
 *   words              "one" .. "nineteen", "twenty-one", "a hundred and five",
 *                      "two thousand", "a dozen", "two dozen", "half a dozen"
 *   vague quantities   "dozens", "scores", "hundreds", "thousands", "tens",
 *                      "several", "a few", "some" (only before a noun - caller's job),
 *                      "a handful", "many", "numerous"
 * Vague quantities follow ACLED's rule where ACLED has one (tens = 10,
 * dozens = 12, hundreds = 100, thousands = 1000) and, for the rest, a
 * documented conservative minimum: several = 3, a few = 3, a handful = 3,
 * scores = 40 (two score), many / numerous = 3.  A vague quantity has
 * vague = 1, min = its conservative value and max = 0 (unbounded).
 *
 * It does not read qualifiers ("at least", "up to", "between .. and ..") or
 * what is counted: those are the claims stage's.  It never reads a year-like
 * 4-digit number followed by nothing numeric as anything but a number; the
 * caller decides whether "2020" is a year.  Ordinals ("first", "21st") and
 * bare "one" used as a pronoun are the caller's concern too: number_parse
 * returns 0 for ordinals.
 *
 * Rules in detail (number.c implements exactly these):
 *   - Digit groups: a lead of 1-3 digits, then groups of exactly 3 digits
 *     joined by one separator, the same one throughout: ',' or a single
 *     space (ASCII, NBSP, thin, narrow NBSP, figure space).  "1,20" and
 *     "1,2000" read "1"; "1,200 000" reads "1,200".
 *   - A decimal ("2.5") counts only before thousand / million / billion;
 *     a bare "2.5" returns 0.  Digits also take "hundred" and "dozen"
 *     ("15 hundred", "3 dozen").  Anything above 10^15 returns 0.
 *   - Words: 1..99 ("forty-two", "forty two"), a group "[a|N] hundred [and]
 *     N" or "N dozen", then falling scales thousand > million > billion with
 *     optional "and" ("one million two hundred thousand", "three thousand
 *     and fifty"); "a thousand", "half a dozen|hundred|thousand|million",
 *     "a couple" = 2.  An "and" is consumed only if a number follows it.
 *   - Vague: plurals tens 10, dozens 12, scores 40, hundreds 100, thousands
 *     1000, millions 10^6, and "A of B" for a bigger B >= hundreds ("tens of
 *     thousands" = 10000); "dozens of" consumes only "dozens".  several /
 *     many / a few (3) and "a couple [of]" (2) take up to two rising scales
 *     ("several hundred" = 300, "a few thousand" = 3000, "several hundred
 *     thousand" = 300000).  "some" = 2, but "some" followed by a number
 *     ("some 300") returns 0: it is the qualifier "about".
 *   - "200-odd", "100-plus", "100+" are vague with min = the number.
 *   - Returns 0 (not a count) when the number is followed by a word
 *     character ("15km", "15th", "tenth", "onetime"; non-ASCII bytes are
 *     letters except Unicode spaces, dashes and quotes), by a hyphen and a
 *     letter ("15-year-old", "one-third", "two-day"), by '%', by ':', '/' or
 *     '.' and a digit (times, dates, fractions), and when a word number is
 *     followed by an ordinal or fraction word ("twenty first", "a hundred and
 *     first", "one third"; "second" only after >= 20, so "one second" is 1).
 *     A hyphen or dash followed by a digit ends the number ("10-15" reads
 *     "10").
 *   - White space between number words: spaces, tabs, Unicode spaces and at
 *     most one line break.
 *   - On 0, *out is zeroed; out may be NULL.  s need not be NUL-terminated:
 *     nothing at or after s[len] is read.
 */
#ifndef TALLY_NUMBER_H
#define TALLY_NUMBER_H

#include <stddef.h>

typedef struct {
    long long min;   /* the value, or a vague quantity's conservative minimum */
    long long max;   /* == min for an exact number, 0 for an open-ended vague one */
    int vague;       /* 1 for "dozens", "several", ... */
    int words;       /* 1 if written in words ("twenty-one"), 0 for digits */
} number_t;

/* Returns the number of bytes consumed (0 if s does not start with a number). */
size_t number_parse(const char *s, size_t len, number_t *out);

#endif
