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

#define DOC_DEFAULT_MAX (16u << 20)

/* A parsed document owning its strings. */
typedef struct {
    tally_doc doc;
    buf id, text, title, url, source;
} doc_owned;

void doc_owned_free(doc_owned *d);

/* Parses a seed-format document (name = its id).  Returns 0, or -1 with the
 * message in err and the 1-based line it concerns in *line. */
int doc_parse_seed(const char *name, const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen,
                   long *line);

/* Parses one JSON Lines record.  Returns 0 or -1 with the message in err. */
int doc_parse_json(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen);

#endif
