/* tally.h -- the public interface of libtally.
 *
 * libtally turns dated news reports about political violence into event
 * records: what happened (ACLED event and sub-event type), where (a gazetteer
 * place with coordinates), when (a calendar date with a precision), who did
 * it to whom (actors), and how many were killed or hurt, with every figure a
 * claim attributed to the source that gave it and reconciled into
 * low / best / high.  Every field carries evidence: byte offsets into the
 * report text.
 *
 * Typical use:
 *
 *     char err[256];
 *     tally *t = tally_open(NULL, NULL, err, sizeof err);   // default data
 *     tally_doc doc = { .id = "r1", .date = {2024, 8, 25}, .text = s, .len = n };
 *     tally_events *ev = tally_extract(t, &doc);
 *     tally_write_jsonl(ev, stdout);
 *     tally_events_free(ev);
 *     tally_close(t);
 *
 * The record format is documented in docs/format.md.  A tally handle is
 * read-only after tally_open and may be shared by threads; everything a call
 * produces belongs to its result.
 */
#ifndef TALLY_H
#define TALLY_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TALLY_VERSION "0.1.0"

typedef struct {
    int year, month, day;
} tally_date;

/* One report.  Strings are UTF-8; text need not be NUL-terminated. */
typedef struct {
    const char *id;       /* document id (file name, or the JSON "id") */
    tally_date date;      /* the report's date: relative dates resolve against it */
    const char *text;
    size_t len;
    const char *title;    /* optional, may be NULL */
    const char *url;      /* optional */
    const char *source;   /* optional: the outlet ("AFP", "Reuters") */
} tally_doc;

typedef struct tally tally;
typedef struct tally_events tally_events;

/* datadir holds the dictionaries (triggers.tsv, actors.tsv, ...); gazetteer
 * is the index file built by `make`.  NULL for either means the defaults:
 * $TALLY_DATA / $TALLY_GAZETTEER, else the paths compiled in.  Returns NULL
 * with a message naming the file (and line) in err on failure. */
tally *tally_open(const char *datadir, const char *gazetteer, char *err, size_t errlen);
void tally_close(tally *t);

/* How a toll's best figure is chosen from the sources' figures
 * (docs/format.md): "lower-median" (the default) or "prefer-independent"
 * (the lower median of NGO, local and media figures when there are any).
 * tally_open takes it from $TALLY_BEST when set.  Call before sharing the
 * handle between threads.  Returns 0, or -1 for an unknown rule. */
int tally_set_best_rule(tally *t, const char *rule);

/* Extracts the events of one report.  Never NULL (out of memory aborts);
 * a report with no event gives an empty result. */
tally_events *tally_extract(const tally *t, const tally_doc *doc);
size_t tally_events_count(const tally_events *ev);
void tally_events_free(tally_events *ev);

/* One JSON object per event per line (docs/format.md). */
void tally_write_jsonl(const tally_events *ev, FILE *out);
/* ACLED's column names; tally_write_csv_header once, then rows. */
void tally_write_csv_header(FILE *out);
void tally_write_csv(const tally_events *ev, FILE *out);

/* ---- reading reports ---------------------------------------------------
 * The readers accept the seed format (a file starting with "date YYYY-MM-DD",
 * then the text), JSON Lines ({"id","date","text"} required; "title", "url",
 * "source" optional; unknown fields ignored), a directory (recursively, each
 * file told by its content) or "-" for standard input.  A bad document is
 * reported through on_error as FILE:LINE: message and skipped; reading goes on.
 */
typedef struct {
    /* Called for every good document; the document is valid only during the
     * call.  Return non-zero to stop reading. */
    int (*on_doc)(void *ctx, const tally_doc *doc);
    /* Called for every skipped document or unreadable path. */
    void (*on_error)(void *ctx, const char *file, long line, const char *msg);
    void *ctx;
    size_t max_doc_bytes;   /* 0 = default (1 MiB): larger documents are skipped */
} tally_reader;

/* Returns the number of documents skipped (0 = all good), or -1 if reading
 * was stopped by on_doc. */
long tally_read_path(const tally_reader *r, const char *path);

#ifdef __cplusplus
}
#endif
#endif
