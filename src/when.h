/* when.h -- time expressions in a sentence, resolved against the report date.
 *
 * Contract: when_scan finds every time expression in s[0..len) (one sentence)
 * and resolves each to a closed range of calendar days [start, end] with an
 * ACLED-style precision (1 day, 2 week, 3 month or longer).  Offsets are
 * bytes from s.  It knows
 *   explicit   "25 July 2024", "July 25", "July 25, 2024", "Aug. 25",
 *              "25/07/2024" (day first, as most non-US outlets write it;
 *              "07/25/2024" is read month-first only when the second part
 *              is > 12 and the first is not; "." and "-" separators too),
 *              ISO "2024-07-25", "in July", "in July 2024",
 *              "in 2020", "late July", "early August", "mid-July"
 *   relative   weekday names ("on Sunday", "Sunday's", "on Sunday evening":
 *              the most recent such day on or before the report date, unless
 *              "next"/"coming"), "yesterday", "today", "tonight", "overnight",
 *              "last night", "last week", "last month", "last weekend",
 *              "earlier this week/month", "this week", "N days ago",
 *              "last year", "this year"
 *   contextual "in the following days", "the next day", "days later",
 *              "a day earlier": kind WHEN_ANCHORED, resolved by the caller
 *              against the date of the event they follow (offsets given)
 *   durations  "three days of fighting", "for two weeks": kind WHEN_DURATION
 *              with ndays (the caller extends a range that starts at an
 *              anchor)
 * A missing year is inferred from the report date: the month-day that is not
 * more than ~2 months after the report date; otherwise the previous year
 * (a December report saying "January 3" means the coming January only if
 * "next" says so; news reports mostly look back).
 *
 * background = 1 when the expression is governed by "since" / "after" and is
 * year-level (a range longer than a month: "since 2022", "after 2020"), or
 * its resolved range ends more than 180 days before the report date ("a 2020
 * coup", "resumed in August 2023"): such dates describe context, not the news
 * event.
 *
 * Spans never include a leading preposition ("in July" -> "July", "on
 * Sunday" -> "Sunday", "for two weeks" -> "two weeks") nor a possessive "'s";
 * they do include qualifiers ("late July", "next Monday", "Sunday evening").
 * If the report date is not valid, only expressions that carry their own
 * year are returned.  Full rules: docs/dates.md.
 */
#ifndef TALLY_WHEN_H
#define TALLY_WHEN_H

#include <stddef.h>
#include "util.h"

enum when_kind {
    WHEN_DATE = 0,     /* start/end resolved */
    WHEN_ANCHORED,     /* relative to another event: anchor + [off_start, off_end] days */
    WHEN_DURATION      /* a length of time: ndays */
};

typedef struct {
    enum when_kind kind;
    size_t start, end;         /* byte span of the expression in s */
    civil_date first, last;    /* WHEN_DATE: the resolved range */
    int precision;             /* 1 day, 2 week, 3 month or longer */
    int off_start, off_end;    /* WHEN_ANCHORED: days after (+) or before (-) the anchor's end/start */
    int ndays;                 /* WHEN_DURATION */
    int background;            /* 1: context, not the news event (see above) */
} when_mention;

/* Writes at most max mentions to out, in text order; returns how many were found
 * (may exceed max; only max are written). */
size_t when_scan(const char *s, size_t len, civil_date report, when_mention *out, size_t max);

#endif
