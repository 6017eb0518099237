/* show.h -- one event of a tally store, as an analyst checks it: its
 * fields, every claim with its source and figures, and for each report the
 * sentences of the document the evidence lies in, with the evidence marked.
 *
 * Contract: show_event reads the store (docs/schema.md, opened read-only by
 * export_open_db) and writes plain text.  Sentences are cut by the same
 * splitter extraction uses (text.h), so a sentence shown is the sentence the
 * claim was read from.  Evidence spans (claim figures, claim sources and
 * the report's evidence rows: trigger, date, place, actors) are merged where
 * they overlap and marked with ANSI bold yellow when `color` is set (a
 * terminal), else with [[ and ]] so that a pipe or a file keeps the marks.
 */
#ifndef TALLY_SHOW_H
#define TALLY_SHOW_H

#include <stdio.h>
#include <sqlite3.h>

/* "123", "MLI123" (ACLED's event_id_cnty) -> 123; 0 if s is neither. */
int show_parse_id(const char *s, long long *id);

/* 0 shown; 1 no such event; -1 with a message in err (a store error). */
int show_event(sqlite3 *db, long long id, FILE *out, int color, char *err, size_t errlen);

#endif
