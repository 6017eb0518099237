/* schema.h -- the SQLite tables of a tally store and their migrations.
 *
 * Contract: docs/schema.md describes every table and column.  The version
 * lives in PRAGMA user_version; schema_migrate brings a file (new and
 * empty, or older) up to SCHEMA_VERSION, one transaction per step, and
 * refuses a file from a newer tally. */
#ifndef TALLY_SCHEMA_H
#define TALLY_SCHEMA_H

#include <stddef.h>
#include <sqlite3.h>

#define SCHEMA_VERSION 5

/* The claims of one stored event (?1 = event id), in the order an analyst
 * reads them: by report date, document, report, claim.  tally show and
 * tally serve both read them with this one statement, by these columns. */
#define SCHEMA_EVENT_CLAIMS_SQL                                                                               \
    "SELECT c.id, c.report_id, c.part_of, c.source, c.source_kind, c.outcome, c.victims, c.label,"            \
    " c.victim_category, c.victim_actor, c.min, c.max, c.qualifier, c.vague, c.superseded,"                    \
    " c.context, c.denial, d.doc_key, r.ordinal, d.outlet, d.report_date"                                      \
    " FROM claim c JOIN report r ON r.id = c.report_id JOIN document d ON d.id = r.document_id"                \
    " WHERE c.event_id = ?1 ORDER BY d.report_date, d.doc_key, r.ordinal, c.id"
enum {
    CLAIM_COL_ID, CLAIM_COL_REPORT, CLAIM_COL_PART_OF, CLAIM_COL_SOURCE, CLAIM_COL_SOURCE_KIND, CLAIM_COL_OUTCOME,
    CLAIM_COL_VICTIMS, CLAIM_COL_LABEL, CLAIM_COL_VICTIM_CATEGORY, CLAIM_COL_VICTIM_ACTOR, CLAIM_COL_MIN,
    CLAIM_COL_MAX, CLAIM_COL_QUALIFIER, CLAIM_COL_VAGUE, CLAIM_COL_SUPERSEDED, CLAIM_COL_CONTEXT, CLAIM_COL_DENIAL,
    CLAIM_COL_DOC_KEY, CLAIM_COL_ORDINAL, CLAIM_COL_OUTLET, CLAIM_COL_REPORT_DATE
};

/* The file's version (0 for a new file), -1 on error. */
int schema_version(sqlite3 *db);
/* 0 on success; -1 with a message in err. */
int schema_migrate(sqlite3 *db, char *err, size_t errlen);
/* The SQL of one step (version 1 creates the tables, version 2 adds the
 * claim columns event_reconcile needs), NULL if none. */
const char *schema_sql(int version);

#endif
