/* export.h -- reading a tally store (docs/schema.md) out as the files
 * analysts load: ACLED CSV, UCDP GED CSV, GeoJSON, JSON Lines.
 *
 * Contract:
 * - The store is opened read-only (export_open_db): reading never creates
 *   or changes a file, and runs beside a writer (WAL).
 * - A filter selects events by country (ISO alpha-2, alpha-3 or name:
 *   "ML", "MLI", "Mali"), by event_date (since / until, inclusive), by
 *   ACLED event type or sub-event type (case-insensitive) and by a minimum
 *   best fatality figure (an event with no toll counts as 0).  Events come
 *   out in (event_date, id) order.
 * - Writers stream: one SQLite row at a time, one event written before the
 *   next is read; memory does not grow with the store.  All SQL is
 *   parameterised.
 * - The column mappings and every rule that fills a column (ACLED's iso,
 *   region, interaction; UCDP's type_of_violence, where_prec, date_prec,
 *   priogrid_gid; ...) are documented in docs/export.md.
 * - CSV follows RFC 4180: a field holding a comma, a double quote, CR or LF
 *   is quoted and its quotes doubled; records end with LF (not CRLF), as
 *   `tally extract --format csv` does; UTF-8, no byte-order mark.
 */
#ifndef TALLY_EXPORT_H
#define TALLY_EXPORT_H

#include <stdio.h>
#include <sqlite3.h>

#include "countries.h"
#include "util.h"

enum export_format { EXPORT_ACLED, EXPORT_UCDP, EXPORT_GEOJSON, EXPORT_JSONL };

typedef struct {
    const char *country;       /* as given ("ML", "MLI", "Mali"); NULL = every country */
    char iso3[4];              /* set by export_filter_resolve */
    const char *since, *until; /* YYYY-MM-DD, inclusive; NULL = open */
    const char *type;          /* event_type or sub_event_type; NULL = any */
    long long min_fatalities;  /* < 0: no bound */
} export_filter;

#define EXPORT_FILTER_ALL {NULL, "", NULL, NULL, NULL, -1}

/* Takes one command-line filter option (--country, --since, --until, --type,
 * --min-fatalities) with its value.  Returns 1 if taken, 0 if opt is not a
 * filter option, -1 with a message in err if the value is bad (a date that
 * is not a calendar YYYY-MM-DD, a negative or non-numeric count). */
int export_filter_option(export_filter *f, const char *opt, const char *val, char *err, size_t errlen);
/* Maps f->country to f->iso3 through the country table (c may be NULL when
 * f->country is NULL).  0, or -1 with a message if the country is unknown. */
int export_filter_resolve(export_filter *f, const countries *c, char *err, size_t errlen);

/* Appends the filter's " WHERE ..." clause (nothing when it selects every
 * event) to sql, with named parameters that export_filter_bind fills; for
 * other queries over the event table (tally stats). */
void export_filter_where(const export_filter *f, buf *sql);
void export_filter_bind(sqlite3_stmt *st, const export_filter *f);

/* "acled", "ucdp", "geojson", "jsonl" -> *out; 0, or -1 if unknown. */
int export_format_parse(const char *s, enum export_format *out);

/* Opens a store read-only and checks its schema version.  NULL with a
 * message naming the file in err when it does not exist, is not an SQLite
 * file, is not a tally store, or has a schema this tally cannot read. */
sqlite3 *export_open_db(const char *path, char *err, size_t errlen);

typedef struct {
    long long written;      /* events written */
    long long left_out;     /* selected but not representable in the format:
                               GeoJSON: no coordinates; UCDP: not organised
                               violence or no death reported (docs/export.md) */
} export_counts;

/* Writes the selected events to out.  c is the country table (needed for
 * ACLED's iso and region and UCDP's region; may be NULL for GeoJSON and
 * JSON Lines).  0, or -1 with a message in err (an SQLite error, or a
 * write error on out). */
int export_write(sqlite3 *db, const countries *c, const export_filter *f, enum export_format fmt, FILE *out,
                 export_counts *counts, char *err, size_t errlen);

/* The rules, exposed for tests and for other readers of the store. */
/* ACLED interaction: the two inter codes, smaller first ("17"); a lone
 * actor gives inter1 * 10 ("10"); 0 when neither side is coded. */
int export_interaction(int inter1, int inter2);
/* UCDP type_of_violence (1 state-based, 2 non-state, 3 one-sided) of an
 * event; 0 when UCDP would not code it (not organised violence). */
int export_ucdp_type(const char *event_type, int inter1, int inter2, int civilian_targeting);
/* PRIO-GRID cell id of (lat, lon): 0.5-degree cells numbered row-major
 * from (-90, -180), starting at 1. */
long export_priogrid(double lat, double lon);
/* UCDP where_prec from ACLED geo_precision; admin1_known tells a region
 * point (4) from a country point (6) at precision 3.  0 when unknown. */
int export_where_prec(int geo_precision, int admin1_known);
/* UCDP date_prec from the date range and ACLED time_precision. */
int export_date_prec(const char *date_start, const char *date_end, int time_precision);

#endif
