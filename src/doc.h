/* doc.h -- reading reports (the reader half of tally.h).
 *
 * Contract: every byte of input ends either as a tally_doc handed to on_doc
 * or as an on_error report naming file and line; nothing is dropped
 * silently.  Parsing single documents is exposed for tests and fuzzing.
 */
#ifndef TALLY_DOC_H
#define TALLY_DOC_H

#include "tally.h"
#include "util.h"

/* The default size limit of one report (a seed file, a JSON line).  News
 * reports are 1-20 KB; the longest long-reads stay under 200 KB.  A bigger
 * "report" is a dump or an attack, and some stages still grow faster than
 * linearly with the figures in one report (docs/hardening.md): at 1 MiB the
 * worst case takes seconds, at 10 MB it took many minutes. */
#define DOC_DEFAULT_MAX (1u << 20)

/* A parsed document owning its strings. */
typedef struct {
    tally_doc doc;
    buf id, text, title, url, source;
    buf raw_date, raw_text, raw_title; /* the JSON fast path's decoded fields, before clean-up */
} doc_owned;

void doc_owned_free(doc_owned *d);

/* Parses a seed-format document (name = its id).  Returns 0, or -1 with the
 * message in err and the 1-based line it concerns in *line. */
int doc_parse_seed(const char *name, const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen,
                   long *line);

/* Parses one JSON Lines record.  Returns 0 or -1 with the message in err. */
int doc_parse_json(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen);

/* doc_parse_json with the fast path for flat lines on (fast = 1) or off
 * (fast = 0: every line through cJSON).  Both must give the same document
 * and the same message for every line; the tests and the fuzz target
 * compare them. */
int doc_parse_json_with(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen, int fast);

#endif
