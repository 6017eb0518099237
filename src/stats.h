/* stats.h -- counts and fatalities of a tally store by country and by ISO
 * week (`tally stats`).
 *
 * Contract: for the events an export_filter selects, one tab-separated
 * table per grouping, each with a header line and a closing "total" line:
 *
 *   country  iso3  events  fatalities_low  fatalities_best  fatalities_high
 *   week     monday  events  fatalities_low  fatalities_best  fatalities_high
 *
 * Weeks are ISO 8601 weeks ("2024-W34", starting Monday "2024-08-19").  An
 * event without a death toll counts as an event and adds 0 to the sums;
 * an event without a country is grouped under "(unknown)".  The total line
 * comes from its own query over the same events, not from adding the rows,
 * so a row lost in grouping would show.  Tables are separated by a blank
 * line.
 */
#ifndef TALLY_STATS_H
#define TALLY_STATS_H

#include <stdio.h>
#include <sqlite3.h>

#include "export.h"

enum stats_by { STATS_COUNTRY = 1, STATS_WEEK = 2, STATS_BOTH = 3 };

/* SQL for the Monday that opens the ISO week of an event's event_date
 * (strftime's %w counts from Sunday): what `tally stats` and `tally serve`
 * group weeks by. */
#define STATS_MONDAY_SQL "date(event_date, '-' || ((strftime('%w', event_date) + 6) % 7) || ' days')"

/* The ISO week of a YYYY-MM-DD date as "YYYY-Www";
 * 0 if the date is malformed. */
int stats_iso_week(const char *date, char out[16]);

/* 0, or -1 with a message in err. */
int stats_write(sqlite3 *db, const export_filter *f, enum stats_by by, FILE *out, char *err, size_t errlen);

#endif
