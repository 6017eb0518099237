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

/* The file's version (0 for a new file), -1 on error. */
int schema_version(sqlite3 *db);
/* 0 on success; -1 with a message in err. */
int schema_migrate(sqlite3 *db, char *err, size_t errlen);
/* The SQL of one step (version 1 creates the tables, version 2 adds the
 * claim columns event_reconcile needs), NULL if none. */
const char *schema_sql(int version);

#endif
