/* store.h -- keeping reports and the events they describe in tally.db.
 *
 * Contract (the tables: docs/schema.md; the merge rule: merge.h and
 * docs/store.md):
 *   - store_open opens or creates the SQLite file in WAL mode with foreign
 *     keys on, a busy timeout, synchronous=FULL (a committed batch survives
 *     a kill -9 and a power cut), and migrates it to SCHEMA_VERSION.
 *     Read-only opens never migrate; they refuse a file that is not a
 *     tally store.
 *   - store_put stores one document and the events tally_extract found in
 *     it, inside a savepoint: on error nothing of that document is stored
 *     and the batch goes on.  A document is known by its doc_key (the
 *     reader's id) and its content hash (of date and text):
 *       STORE_UNCHANGED  same key, same hash: nothing is touched;
 *       STORE_REPLACED   same key, new hash: the old version's reports go
 *                        (their events recomputed, or deleted when left
 *                        with no report), then the new version goes in;
 *       STORE_NEW        a key not seen before.
 *     Each event of the document becomes a report that joins the stored
 *     event it matches (merge.h) or opens a new event; the event is then
 *     recomputed from all its reports and all their claims.
 *     Claims that restate another claim of the same report (claim.restates)
 *     are not stored (the report's record names them in its notes); parts
 *     ("including 11 children") are stored with part_of and never counted.
 *   - store_begin / store_commit bracket a batch (BEGIN IMMEDIATE ..
 *     COMMIT): what a crash interrupts is the uncommitted batch only, and
 *     a rerun redoes it (its documents are then new, the committed ones
 *     unchanged).
 */
#ifndef TALLY_STORE_H
#define TALLY_STORE_H

#include <stddef.h>
#include <sqlite3.h>

#include "tally.h"

typedef struct store store;

enum store_result { STORE_ERROR = -1, STORE_NEW = 0, STORE_UNCHANGED = 1, STORE_REPLACED = 2 };

/* What store_put has done since store_open. */
typedef struct {
    long events_created;   /* reports that opened a new event */
    long reports_merged;   /* reports that joined an event of another document */
    long events_deleted;   /* events left with no report by a replaced document */
} store_counts;

/* NULL with a message in err on failure. */
store *store_open(const char *path, int readonly, char *err, size_t errlen);
void store_close(store *s);

/* 0 on success; -1 with a message in err. */
int store_begin(store *s, char *err, size_t errlen);
int store_commit(store *s, char *err, size_t errlen);

/* One document and its extraction (tally_extract(t, doc)).  Returns a
 * store_result; STORE_ERROR with a message in err (nothing of the document
 * stored, the batch still usable). */
int store_put(store *s, const tally_doc *doc, const tally_events *ev, char *err, size_t errlen);

const store_counts *store_stats(const store *s);
/* The connection, for readers and tests. */
sqlite3 *store_db(store *s);

/* Recomputes one event from its reports and claims (deletes it when it has
 * none).  0 on success.  Exposed for tests and tools that edit the tables. */
int store_recompute(store *s, long long event_id, char *err, size_t errlen);

#endif
