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
 *              "last year", "this year", "next week/month/year",
 *              "early Sunday", "late Thursday",
 *              "on the 25th" (the most recent 25th on or before the report),
 *              "in recent days/weeks/months" (a low-precision range ending
 *              on the report date)
 *   contextual "in the following days", "the next day", "days later",
 *              "a day earlier": kind WHEN_ANCHORED, resolved by the caller
 *              against the date of the event they follow (offsets given)
 *   durations  "three days of fighting", "for two weeks": kind WHEN_DURATION
 *              with ndays and lasting = 1 (the caller extends a range that
 *              starts at an anchor); any other length ("90 days in jail",
 *              "in a decade", "several months", "the next few months") with
 *              lasting = 0 and a TimeML value (P90D, P10Y, PXM)
 *   more       recurrences ("every Friday", "annually": WHEN_SET), vague
 *              pointers ("now", "in the past": WHEN_REF), clock times ("8
 *              p.m. Friday" is that day with hour/minute; alone: WHEN_TIME),
 *              parts of the day ("Friday evening": tod), seasons ("last
 *              summer"), centuries, year spans ("1957-58")
 *   glosses    "killed yesterday [3 January]": the relative day takes the
 *              editor's bracketed date
 * A missing year is inferred from the report date: the month-day that is not
 * more than ~2 months after the report date; otherwise the previous year
 * (a December report saying "January 3" means the coming January only if
 * "next" says so; news reports mostly look back).
 *
 * background = 1 when the expression is governed by "since" / "after" and is
 * year-level (a range longer than a month: "since 2022", "after 2020"), or
 * its resolved range ends more than 180 days before the report date ("a 2020
 * coup", "resumed in August 2023"), or it names a whole year that is not the
 * report's ("last year's attack", "two years ago"): such dates describe
 * context, not the news event.
 *
 * reporting = 1 when the expression dates the act of reporting: right after a
 * reporting verb ("said on Thursday", "announced Friday", "said late
 * Thursday", "Posted: Friday, January 31"), after "told" and its object
 * ("told AFP on Monday", "told reporters Tuesday"), after a statement noun
 * ("in a statement on Monday", "a news conference Friday"), right before a
 * reporting verb or statement noun ("on Thursday said", "a Friday statement"),
 * or opening its clause before a short subject and a reporting verb
 * ("Tuesday evening police said").  The caller prefers other dates; it treats
 * aftermath dates ("was arrested Sunday", see the field) the same way.
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
    WHEN_DURATION,     /* a length of time: ndays */
    WHEN_SET,          /* a recurrence: "every year", "each morning", "annually", "on Fridays" */
    WHEN_REF,          /* a vague pointer: "now", "currently" (present), "in the past", "at the
                        * time" (past), "in the future"; no range */
    WHEN_TIME          /* a clock time with no day next to it ("at 8 p.m."): first/last hold
                        * the day taken from the sentence (else the report date) */
};

/* The calendar unit an expression names (for its TIMEX3-style value). */
enum when_unit {
    WHEN_U_NONE = 0,
    WHEN_U_DAY,        /* "July 25", "Sunday", "yesterday" */
    WHEN_U_WEEK,       /* "last week", "this week" */
    WHEN_U_WEEKEND,    /* "last weekend" */
    WHEN_U_MONTH,      /* "July", "late July", "last month" */
    WHEN_U_YEAR,       /* "2020", "late 2023", "last year" */
    WHEN_U_SPAN,       /* a stretch of days: "25-27 July", "the past three days" */
    WHEN_U_PAST,       /* a vague stretch before the report: "in recent weeks"; WHEN_REF: "the past" */
    WHEN_U_SEASON,     /* "last summer", "winter 2012" (northern hemisphere) */
    WHEN_U_CENTURY,    /* "the 20th century" */
    WHEN_U_PRESENT,    /* WHEN_REF "now" */
    WHEN_U_FUTURE      /* WHEN_REF "the future" */
};

typedef struct {
    enum when_kind kind;
    size_t start, end;         /* byte span of the expression in s */
    civil_date first, last;    /* WHEN_DATE: the resolved range */
    int precision;             /* 1 day, 2 week, 3 month or longer */
    int off_start, off_end;    /* WHEN_ANCHORED: days after (+) or before (-) the anchor's end/start */
    int ndays;                 /* WHEN_DURATION */
    int background;            /* 1: context, not the news event (see above) */
    int reporting;             /* 1: dates a statement ("said on Thursday", "told AFP on
                                * Monday", "announced Friday"), not the event reported */
    int weekday;               /* 1: resolved from a bare weekday name (may need moving back
                                * a week when it must precede another date) */
    int since;                 /* 1: governed by "since": a period that runs up to the report
                                * ("the deadliest attack since 2019"), so the sentence can
                                * still be about today's event */
    enum when_unit unit;
    int count;                 /* with unit SPAN or a duration: how many of dunit; 0 with a
                                * dunit: a vague number ("several months", "for years") */
    char dunit;                /* 'D', 'W', 'M', 'Y', 'E' (decade), 'C' (century), 'H' (hours)
                                * or 'N' (minutes) */
    int lasting;               /* WHEN_DURATION: 1 when it says how long the news event went on
                                * ("three days of fighting", "for two weeks", "a two-day
                                * battle"); 0 for any other length ("sentenced to 90 days",
                                * "the worst in a decade"), which the caller must not use to
                                * stretch an event */
    int aftermath;             /* 1: dates a later step, not the incident: an arrest, a
                                * charge, a court appearance, a victim's condition or death
                                * from wounds ("was arrested Sunday", "remained in critical
                                * condition Friday", "died Saturday"); like reporting, the
                                * caller prefers other dates */
    int tod;                   /* part of the day: 1 morning, 2 afternoon, 3 evening, 4 night
                                * ("Friday evening", "last night", "every morning") */
    int clock;                 /* 1: hour/minute hold a clock time ("8 p.m. Friday", "15:00 GMT") */
    int hour, minute;
    int season;                /* WHEN_U_SEASON: 1 spring, 2 summer, 3 autumn, 4 winter */
    int set_wday;              /* WHEN_SET on a weekday: 1 Monday .. 7 Sunday */
} when_mention;

/* Bytes when_value needs ("2024-07-25T20:00" and its NUL). */
#define WHEN_VALUE_MAX 24

/* Writes at most max mentions to out, in text order; returns how many were found
 * (may exceed max; only max are written). */
size_t when_scan(const char *s, size_t len, civil_date report, when_mention *out, size_t max);

/* The mention's value in TimeML's TIMEX3 notation ("2024-07-25", "2024-07",
 * "2024-W33", "2024-W33-WE", "2024", "2024-SU", "19" (a century), "P3D",
 * "PT48H", "PXM" (a vague count), "2024-07-25TEV", "2024-07-25T20:00",
 * "XXXX-WXX-5" (every Friday), "PRESENT_REF", "PAST_REF"); "" when it has none
 * on its own (WHEN_ANCHORED without a count, a range of days given without a
 * count).  Returns the length written (out holds WHEN_VALUE_MAX bytes). */
size_t when_value(const when_mention *m, char out[WHEN_VALUE_MAX]);

#endif
