/* schema.c -- the store's tables (docs/schema.md is the reader's copy of
 * the same SQL; tests/test_schema.c checks that the two agree). */
#include <stdio.h>
#include <string.h>

#include "schema.h"

/* Version 1.  A later version appends a step to `steps` below; it never
 * edits this text, because files created by it exist. */
static const char v1[] =
    "CREATE TABLE document (\n"
    "  id           INTEGER PRIMARY KEY,\n"
    "  doc_key      TEXT NOT NULL UNIQUE,  -- the reader's id: file path or JSON \"id\"\n"
    "  content_hash TEXT NOT NULL,         -- of date + text: same hash, nothing to do\n"
    "  report_date  TEXT NOT NULL,         -- YYYY-MM-DD\n"
    "  title        TEXT,\n"
    "  url          TEXT,\n"
    "  outlet       TEXT,                  -- \"AFP\", from the JSON \"source\" field\n"
    "  text         TEXT NOT NULL,\n"
    "  ingested_at  TEXT NOT NULL          -- UTC, ISO 8601\n"
    ");\n"
    "\n"
    "CREATE TABLE event (\n"
    "  id               INTEGER PRIMARY KEY,\n"
    "  event_date       TEXT NOT NULL,     -- YYYY-MM-DD\n"
    "  date_start       TEXT NOT NULL,\n"
    "  date_end         TEXT NOT NULL,\n"
    "  time_precision   INTEGER NOT NULL,  -- ACLED: 1 day, 2 week, 3 month\n"
    "  disorder_type    TEXT NOT NULL,     -- ACLED: Political violence / Demonstrations / Strategic developments\n"
    "  event_type       TEXT NOT NULL,\n"
    "  sub_event_type   TEXT NOT NULL,\n"
    "  actor1           TEXT NOT NULL DEFAULT '',\n"
    "  assoc_actor_1    TEXT NOT NULL DEFAULT '',\n"
    "  inter1           INTEGER NOT NULL DEFAULT 0,\n"
    "  actor2           TEXT NOT NULL DEFAULT '',\n"
    "  assoc_actor_2    TEXT NOT NULL DEFAULT '',\n"
    "  inter2           INTEGER NOT NULL DEFAULT 0,\n"
    "  civilian_targeting INTEGER NOT NULL DEFAULT 0,\n"
    "  country          TEXT NOT NULL DEFAULT '',\n"
    "  iso3             TEXT NOT NULL DEFAULT '',\n"
    "  admin1           TEXT NOT NULL DEFAULT '',\n"
    "  admin2           TEXT NOT NULL DEFAULT '',\n"
    "  location         TEXT NOT NULL DEFAULT '',\n"
    "  latitude         REAL,              -- NULL when no place was resolved\n"
    "  longitude        REAL,\n"
    "  geo_precision    INTEGER,           -- ACLED: 1 town, 2 near a town / part of a region, 3 region/country\n"
    "  fatalities_low   INTEGER,           -- NULL when no report gives a death toll\n"
    "  fatalities_best  INTEGER,\n"
    "  fatalities_high  INTEGER,\n"
    "  injured_low      INTEGER,\n"
    "  injured_best     INTEGER,\n"
    "  injured_high     INTEGER,\n"
    "  deaths_a         INTEGER,           -- UCDP: side A (actor1), side B (actor2),\n"
    "  deaths_b         INTEGER,           --   civilians, unknown; from the claims'\n"
    "  deaths_civilians INTEGER,           --   victim categories (best figures)\n"
    "  deaths_unknown   INTEGER,\n"
    "  number_of_sources INTEGER NOT NULL DEFAULT 1, -- distinct documents\n"
    "  cell             INTEGER,           -- 1-degree grid cell of (lat, lon), for the merge index\n"
    "  updated_at       TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX event_by_date ON event(event_date);\n"
    "CREATE INDEX event_by_cell ON event(cell, event_date);\n"
    "CREATE INDEX event_by_country ON event(iso3, event_date);\n"
    "\n"
    "CREATE TABLE report (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  event_id    INTEGER NOT NULL REFERENCES event(id),\n"
    "  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,\n"
    "  ordinal     INTEGER NOT NULL,       -- k in doc_id#k\n"
    "  record      TEXT NOT NULL           -- the JSON line `tally extract` wrote (docs/format.md)\n"
    ");\n"
    "CREATE INDEX report_by_event ON report(event_id);\n"
    "CREATE INDEX report_by_document ON report(document_id);\n"
    "\n"
    "CREATE TABLE claim (\n"
    "  id              INTEGER PRIMARY KEY,\n"
    "  report_id       INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,\n"
    "  event_id        INTEGER NOT NULL REFERENCES event(id),\n"
    "  part_of         INTEGER REFERENCES claim(id), -- \"including 11 children\": never added to the toll\n"
    "  source          TEXT NOT NULL,      -- the source's words (\"a local politician\")\n"
    "  source_kind     TEXT NOT NULL,      -- unknown / party / official / ngo / local / media\n"
    "  outcome         TEXT NOT NULL,      -- killed / injured / abducted / arrested / missing\n"
    "  victims         TEXT NOT NULL DEFAULT '',\n"
    "  victim_category TEXT NOT NULL,      -- unknown / civilian / state / nonstate\n"
    "  min             INTEGER NOT NULL,\n"
    "  max             INTEGER,            -- NULL: open-ended\n"
    "  qualifier       TEXT NOT NULL,      -- exact / at_least / at_most / about / range\n"
    "  vague           TEXT,               -- the words of a vague quantity (\"dozens\")\n"
    "  ev_start        INTEGER NOT NULL,   -- evidence: byte offsets into document.text\n"
    "  ev_end          INTEGER NOT NULL,\n"
    "  src_start       INTEGER,            -- where the source is named, if it is\n"
    "  src_end         INTEGER\n"
    ");\n"
    "CREATE INDEX claim_by_event ON claim(event_id);\n"
    "CREATE INDEX claim_by_report ON claim(report_id);\n"
    "\n"
    "CREATE TABLE evidence (\n"
    "  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,\n"
    "  kind      TEXT NOT NULL,            -- event / date / location / actor1 / actor2\n"
    "  start     INTEGER NOT NULL,         -- byte offsets into the report's document.text\n"
    "  end       INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX evidence_by_report ON evidence(report_id);\n";

/* Version 2: what event_reconcile needs to re-reconcile a merged event's
 * claims exactly as `tally extract` reconciled them within one report.
 * Counts one source gives in one sentence add up ("84 fighters and 47
 * soldiers"), so the store keeps each claim's sentence; a single named
 * victim ("killed the village chief") counts only when no source gives a
 * number, so it keeps that flag too.  Older files get 0 for both: every
 * claim its own statement, none single. */
static const char v2[] =
    "ALTER TABLE claim ADD COLUMN sentence INTEGER NOT NULL DEFAULT 0; -- index of the sentence in its report\n"
    "ALTER TABLE claim ADD COLUMN single   INTEGER NOT NULL DEFAULT 0; -- 1: one victim named without a number\n"
    "-- the merge looks back a month only for events that span days, and at\n"
    "-- region- or country-level events of a country: small partial indexes\n"
    "CREATE INDEX event_span_by_cell ON event(cell, event_date) WHERE date_end <> date_start;\n"
    "CREATE INDEX event_span_by_country ON event(iso3, event_date) WHERE date_end <> date_start;\n"
    "CREATE INDEX event_coarse_by_country ON event(iso3, event_date) WHERE geo_precision IS NULL OR geo_precision >= 3;\n";

/* Version 3: what the claims stage says of a claim beyond its figures. */
static const char v3[] =
    "ALTER TABLE claim ADD COLUMN label        TEXT NOT NULL DEFAULT '';   -- victims.tsv's label: \"children\", \"women\", \"soldiers\"\n"
    "ALTER TABLE claim ADD COLUMN victim_actor TEXT NOT NULL DEFAULT '';   -- an actor named among the victims (\"84 Wagner fighters\")\n"
    "ALTER TABLE claim ADD COLUMN superseded   INTEGER NOT NULL DEFAULT 0; -- 1: the same source gave a later figure (\"rose to 30\")\n"
    "ALTER TABLE claim ADD COLUMN context      INTEGER NOT NULL DEFAULT 0; -- 1: cumulative or historical (\"since 2022, 3,000 killed\")\n"
    "ALTER TABLE claim ADD COLUMN denial       INTEGER NOT NULL DEFAULT 0; -- 1: a source denies it\n";

/* Version 4: a count of people shot ("five people were shot, one fatally")
 * holds the dead too; reconciliation takes them out of the injured. */
static const char v4[] =
    "ALTER TABLE claim ADD COLUMN hit INTEGER NOT NULL DEFAULT 0; -- 1: people shot, the dead among them\n";

/* Version 5: the merge's candidate indexes hold the event type.  A report
 * is compared only with stored events of its own type, but the indexes of
 * versions 1-2 led by cell or country and the date alone, so every event of
 * every type in the window was read from the table and most then dropped:
 * a country-level report against a million stored events read some 77
 * rows to keep a dozen.  With the type second, the range is the report's
 * type only.  event_by_country stays as it was for the filters of tally
 * export and tally serve (country and dates, any type). */
static const char v5[] =
    "DROP INDEX event_by_cell;\n"
    "DROP INDEX event_span_by_cell;\n"
    "DROP INDEX event_span_by_country;\n"
    "DROP INDEX event_coarse_by_country;\n"
    "CREATE INDEX event_by_cell ON event(cell, event_type, event_date);\n"
    "CREATE INDEX event_merge_by_country ON event(iso3, event_type, event_date);\n"
    "CREATE INDEX event_span_by_cell ON event(cell, event_type, event_date) WHERE date_end <> date_start;\n"
    "CREATE INDEX event_span_by_country ON event(iso3, event_type, event_date) WHERE date_end <> date_start;\n"
    "CREATE INDEX event_coarse_by_country ON event(iso3, event_type, event_date) WHERE geo_precision IS NULL OR geo_precision >= 3;\n";

/* steps[k] takes a file from version k to version k+1. */
static const char *const steps[] = {v1, v2, v3, v4, v5};

int schema_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int schema_migrate(sqlite3 *db, char *err, size_t errlen)
{
    int v = schema_version(db);
    if (v < 0) {
        snprintf(err, errlen, "cannot read the schema version: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (v > SCHEMA_VERSION) {
        snprintf(err, errlen, "the file has schema version %d, newer than this tally's %d", v, SCHEMA_VERSION);
        return -1;
    }
    for (; v < SCHEMA_VERSION; v++) {
        /* Each step and its version bump commit together or not at all. */
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", v + 1);
        char *msg = NULL;
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, steps[v], NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, bump, NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
            snprintf(err, errlen, "migrating the schema to version %d: %s", v + 1, msg ? msg : "?");
            sqlite3_free(msg);
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}

const char *schema_sql(int version)
{
    return version >= 1 && version <= SCHEMA_VERSION ? steps[version - 1] : NULL;
}
