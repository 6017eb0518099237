/* test_when.c -- time expressions (src/when.h). */
#include "testutil.h"

#include <stdio.h>

#include "when.h"

static when_mention g_out[16];
static size_t g_n;

static civil_date iso(const char *s)
{
    civil_date d = {0, 0, 0};
    assert_true(date_parse_iso(s, strlen(s), &d));
    return d;
}

static size_t scan_at(const char *s, const char *report)
{
    g_n = when_scan(s, strlen(s), iso(report), g_out, ARRAY_LEN(g_out));
    return g_n;
}

/* The mention whose span is exactly `span` (the first occurrence in s). */
static const when_mention *span_of(const char *s, const char *span)
{
    const char *p = strstr(s, span);
    assert_non_null(p);
    size_t b = (size_t)(p - s), e = b + strlen(span);
    for (size_t i = 0; i < g_n && i < ARRAY_LEN(g_out); i++)
        if (g_out[i].start == b && g_out[i].end == e)
            return &g_out[i];
    fprintf(stderr, "no mention [%s] in \"%s\"; have:", span, s);
    for (size_t i = 0; i < g_n && i < ARRAY_LEN(g_out); i++)
        fprintf(stderr, " [%.*s]", (int)(g_out[i].end - g_out[i].start), s + g_out[i].start);
    fprintf(stderr, "\n");
    fail();
    return NULL;
}

static void date_is(const char *s, const char *report, const char *span, const char *first,
                    const char *last, int prec, int background)
{
    scan_at(s, report);
    const when_mention *m = span_of(s, span);
    char a[11], b[11];
    date_format(m->first, a);
    date_format(m->last, b);
    assert_int_equal(m->kind, WHEN_DATE);
    assert_string_equal(a, first);
    assert_string_equal(b, last);
    assert_int_equal(m->precision, prec);
    assert_int_equal(m->background, background);
}

/* The TIMEX3-style value of the mention with this span. */
static void value_is(const char *s, const char *report, const char *span, const char *value)
{
    scan_at(s, report);
    const when_mention *m = span_of(s, span);
    char v[WHEN_VALUE_MAX];
    when_value(m, v);
    assert_string_equal(v, value);
}

static void reporting_is(const char *s, const char *span, int reporting)
{
    scan_at(s, "2024-08-25");
    const when_mention *m = span_of(s, span);
    assert_int_equal(m->reporting, reporting);
}

static void anchored_is(const char *s, const char *span, int off_start, int off_end)
{
    scan_at(s, "2024-08-25");
    const when_mention *m = span_of(s, span);
    assert_int_equal(m->kind, WHEN_ANCHORED);
    assert_int_equal(m->off_start, off_start);
    assert_int_equal(m->off_end, off_end);
}

static void duration_is(const char *s, const char *span, int ndays)
{
    scan_at(s, "2024-08-25");
    const when_mention *m = span_of(s, span);
    assert_int_equal(m->kind, WHEN_DURATION);
    assert_int_equal(m->ndays, ndays);
}

static void none_in(const char *s)
{
    size_t n = scan_at(s, "2024-08-25");
    if (n) {
        fprintf(stderr, "unexpected in \"%s\": [%.*s]\n", s, (int)(g_out[0].end - g_out[0].start),
                s + g_out[0].start);
    }
    assert_int_equal(n, 0);
}

#define R "2024-08-25" /* a Sunday */

/* ---- explicit ---- */

static void test_day_month_year(void **st)
{
    (void)st;
    date_is("Clashes erupted on 25 July 2024 in Gao.", R, "25 July 2024", "2024-07-25", "2024-07-25", 1, 0);
    date_is("On July 25, 2024, gunmen attacked.", R, "July 25, 2024", "2024-07-25", "2024-07-25", 1, 0);
    date_is("On the 3rd of August, troops left.", R, "3rd of August", "2024-08-03", "2024-08-03", 1, 0);
}

static void test_month_day_no_year(void **st)
{
    (void)st;
    date_is("On July 25 gunmen attacked.", R, "July 25", "2024-07-25", "2024-07-25", 1, 0);
    date_is("On Aug. 25 gunmen attacked.", R, "Aug. 25", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Talks open on Sept. 3 in Doha.", R, "Sept. 3", "2024-09-03", "2024-09-03", 1, 0);
    date_is("On Sept. 3 a bomb exploded.", "2024-09-20", "Sept. 3", "2024-09-03", "2024-09-03", 1, 0);
}

static void test_numeric(void **st)
{
    (void)st;
    date_is("Reported 25/07/2024 by officials.", R, "25/07/2024", "2024-07-25", "2024-07-25", 1, 0);
    date_is("Reported 07/25/2024 by officials.", R, "07/25/2024", "2024-07-25", "2024-07-25", 1, 0);
    date_is("Reported 2024-07-25 by officials.", R, "2024-07-25", "2024-07-25", "2024-07-25", 1, 0);
    date_is("Le 25.07.2024, des tirs.", R, "25.07.2024", "2024-07-25", "2024-07-25", 1, 0);
    none_in("Reported 31/02/2024 by officials.");
}

static void test_months(void **st)
{
    (void)st;
    date_is("Fighting in July killed many.", R, "July", "2024-07-01", "2024-07-31", 3, 0);
    date_is("Fighting in July 2024 killed many.", R, "July 2024", "2024-07-01", "2024-07-31", 3, 0);
    date_is("Fighting in late July killed many.", R, "late July", "2024-07-21", "2024-07-31", 3, 0);
    date_is("Fighting in early August killed many.", R, "early August", "2024-08-01", "2024-08-10", 3, 0);
    date_is("Since mid-July, the road is closed.", R, "mid-July", "2024-07-11", "2024-07-20", 3, 0);
    date_is("By the end of June the town fell.", R, "end of June", "2024-06-21", "2024-06-30", 3, 0);
    date_is("Elections are due in October.", R, "October", "2024-10-01", "2024-10-31", 3, 0);
    date_is("The siege began in November.", R, "November", "2023-11-01", "2023-11-30", 3, 1);
}

static void test_years(void **st)
{
    (void)st;
    date_is("Violence rose sharply in 2020.", R, "2020", "2020-01-01", "2020-12-31", 3, 1);
    date_is("Since seizing power in a 2020 coup, the junta...", R, "2020", "2020-01-01", "2020-12-31", 3, 1);
    date_is("Attacks have doubled since 2022.", R, "2022", "2022-01-01", "2022-12-31", 3, 1);
    date_is("In late 2023 the army withdrew.", R, "late 2023", "2023-09-01", "2023-12-31", 3, 1);
    date_is("Talks resumed in August 2023.", R, "August 2023", "2023-08-01", "2023-08-31", 3, 1);
}

static void test_year_inference(void **st)
{
    (void)st;
    /* a December report: "January 3" looks back to this year's January */
    date_is("On January 3 rebels attacked.", "2024-12-10", "January 3", "2024-01-03", "2024-01-03", 1, 1);
    date_is("Polls open next January 3.", "2024-12-10", "next January 3", "2025-01-03", "2025-01-03", 1, 0);
    /* a January report: "December 28" is last December */
    date_is("On December 28 rebels attacked.", "2025-01-05", "December 28", "2024-12-28", "2024-12-28", 1, 0);
    /* within 60 days ahead stays in the report's year */
    date_is("The vote is set for October 10.", R, "October 10", "2024-10-10", "2024-10-10", 1, 0);
    date_is("It happened on October 30.", R, "October 30", "2023-10-30", "2023-10-30", 1, 1);
}

/* ---- weekdays ---- */

static void test_weekdays(void **st)
{
    (void)st;
    date_is("Drones struck on Sunday.", R, "Sunday", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Drones struck on Saturday.", R, "Saturday", "2024-08-24", "2024-08-24", 1, 0);
    date_is("Drones struck on Monday.", R, "Monday", "2024-08-19", "2024-08-19", 1, 0);
    date_is("Sunday's strikes killed 4.", R, "Sunday", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Sunday’s strikes killed 4.", R, "Sunday", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Gunmen attacked on Sunday evening.", R, "Sunday evening", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Talks resume next Monday.", R, "next Monday", "2024-08-26", "2024-08-26", 1, 0);
    date_is("Talks collapsed last Sunday.", R, "last Sunday", "2024-08-18", "2024-08-18", 1, 0);
    date_is("ON SATURDAY troops moved.", R, "SATURDAY", "2024-08-24", "2024-08-24", 1, 0);
    date_is("On Friday, July 26, troops moved.", R, "Friday, July 26", "2024-07-26", "2024-07-26", 1, 0);
}

static void kind_is(const char *s, const char *report, const char *span, enum when_kind kind)
{
    scan_at(s, report);
    assert_int_equal(span_of(s, span)->kind, kind);
}

static void test_weekday_plural_is_a_set(void **st)
{
    (void)st;
    kind_is("Markets close on Mondays.", R, "Mondays", WHEN_SET);
    value_is("Markets close on Mondays.", R, "Mondays", "XXXX-WXX-1");
    value_is("Sundays are quiet.", R, "Sundays", "XXXX-WXX-7");
}

/* ---- relative ---- */

static void test_relative_days(void **st)
{
    (void)st;
    date_is("Yesterday, police fired.", R, "Yesterday", "2024-08-24", "2024-08-24", 1, 0);
    date_is("Police fired yesterday morning.", R, "yesterday morning", "2024-08-24", "2024-08-24", 1, 0);
    date_is("Police fired today.", R, "today", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Police fired tonight.", R, "tonight", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Shelling overnight killed two.", R, "overnight", "2024-08-24", "2024-08-24", 1, 0);
    date_is("Shelling last night killed two.", R, "last night", "2024-08-24", "2024-08-24", 1, 0);
    date_is("It started three days ago.", R, "three days ago", "2024-08-22", "2024-08-22", 1, 0);
    date_is("It started 10 days ago.", R, "10 days ago", "2024-08-15", "2024-08-15", 1, 0);
    date_is("It happened the day before yesterday.", R, "the day before yesterday", "2024-08-23", "2024-08-23", 1, 0);
    date_is("Over the past three days, 40 died.", R, "the past three days", "2024-08-22", "2024-08-25", 2, 0);
}

static void test_relative_weeks(void **st)
{
    (void)st;
    date_is("Clashes last week left 9 dead.", R, "last week", "2024-08-12", "2024-08-18", 2, 0);
    date_is("Clashes earlier this week left 9 dead.", R, "earlier this week", "2024-08-19", "2024-08-24", 2, 0);
    date_is("Clashes this week left 9 dead.", R, "this week", "2024-08-19", "2024-08-25", 2, 0);
    date_is("Clashes last weekend left 9 dead.", R, "last weekend", "2024-08-17", "2024-08-18", 2, 0);
    date_is("Clashes last weekend left 9 dead.", "2024-08-26", "last weekend", "2024-08-24", "2024-08-25", 2, 0);
}

static void test_relative_months_years(void **st)
{
    (void)st;
    date_is("Clashes last month left 9 dead.", R, "last month", "2024-07-01", "2024-07-31", 3, 0);
    date_is("Clashes last month left 9 dead.", "2024-01-10", "last month", "2023-12-01", "2023-12-31", 3, 0);
    date_is("Clashes earlier this month left 9 dead.", R, "earlier this month", "2024-08-01", "2024-08-24", 3, 0);
    date_is("Clashes last year left 9 dead.", R, "last year", "2023-01-01", "2023-12-31", 3, 1);
    /* a whole year other than the report's is context even when recent */
    date_is("Clashes last year left 9 dead.", "2024-02-01", "last year", "2023-01-01", "2023-12-31", 3, 1);
    date_is("Last year's attack on the base killed 30.", R, "Last year", "2023-01-01", "2023-12-31", 3, 1);
    date_is("The siege ended two years ago.", R, "two years ago", "2022-01-01", "2022-12-31", 3, 1);
    date_is("Clashes in 2024 left 9 dead.", R, "2024", "2024-01-01", "2024-12-31", 3, 0);
    date_is("Clashes earlier this year left 9 dead.", R, "earlier this year", "2024-01-01", "2024-08-24", 3, 0);
    date_is("Over the last week, 9 died.", R, "the last week", "2024-08-18", "2024-08-25", 2, 0);
    date_is("Police fired this morning.", R, "this morning", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Clashes this year left 9 dead.", R, "this year", "2024-01-01", "2024-08-25", 3, 0);
}

/* ---- contextual ---- */

static void test_anchored(void **st)
{
    (void)st;
    anchored_is("More bodies were found in the following days.", "the following days", 1, 7);
    anchored_is("The army retook the town the next day.", "the next day", 1, 1);
    /* as in TimeML, the span is the length; "later" / "earlier" is the signal */
    anchored_is("Days later, the army retook it.", "Days", 1, 7);
    anchored_is("A day earlier, rebels had struck.", "A day", -1, -1);
    anchored_is("Two days later, the army retook it.", "Two days", 2, 2);
    anchored_is("The previous day, rebels had struck.", "The previous day", -1, -1);
    anchored_is("A week later, they returned.", "A week", 7, 7);
    anchored_is("In the days that followed, 30 died.", "the days that followed", 1, 7);
    anchored_is("A few days later, they returned.", "A few days", 2, 5);
    anchored_is("An hour before the vote, a bomb went off.", "An hour", 0, 0);
    value_is("Two days later, the army retook it.", R, "Two days", "P2D");
    value_is("A few days later, they returned.", R, "A few days", "PXD");
    value_is("The rains came a month earlier than usual.", R, "a month", "P1M");
    value_is("An hour before the vote, a bomb went off.", R, "An hour", "PT1H");
}

static void test_durations(void **st)
{
    (void)st;
    duration_is("After three days of intense fighting, the town fell.", "three days", 3);
    duration_is("The town was besieged for two weeks.", "two weeks", 14);
    duration_is("The two-day battle ended.", "two-day", 2);
    duration_is("A 10-day curfew was imposed.", "10-day", 10);
    duration_is("A 48-hour strike began.", "48-hour", 2);
}

/* ---- background ---- */

static void test_background(void **st)
{
    (void)st;
    date_is("On July 25 gunmen attacked.", R, "July 25", "2024-07-25", "2024-07-25", 1, 0);
    /* just inside / outside 180 days */
    date_is("On February 27 gunmen attacked.", R, "February 27", "2024-02-27", "2024-02-27", 1, 0);
    date_is("On February 26 gunmen attacked.", R, "February 26", "2024-02-26", "2024-02-26", 1, 1);
    /* "since" + a recent month is not background; "since" + a year is */
    date_is("Fighting since July has killed 40.", R, "July", "2024-07-01", "2024-07-31", 3, 0);
    date_is("The junta has ruled since 2024.", R, "2024", "2024-01-01", "2024-12-31", 3, 1);
    date_is("Attacks rose after 2024 began.", R, "2024", "2024-01-01", "2024-12-31", 3, 1);
}

/* ---- gaps filled for issue 5 ---- */

static void test_nth_of_month(void **st)
{
    (void)st;
    /* this month's 25th when it has come, else last month's */
    date_is("Gunmen struck on the 25th, killing four.", R, "the 25th", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Gunmen struck on the 28th, killing four.", R, "the 28th", "2024-07-28", "2024-07-28", 1, 0);
    date_is("Gunmen struck on the 3rd.", R, "the 3rd", "2024-08-03", "2024-08-03", 1, 0);
    date_is("Gunmen struck on the 30th.", "2024-01-10", "the 30th", "2023-12-30", "2023-12-30", 1, 0);
    date_is("Gunmen struck on the 12th of this month.", R, "the 12th of this month", "2024-08-12", "2024-08-12", 1, 0);
    /* a rank, not a date */
    none_in("Troops of the 3rd battalion moved.");
    none_in("On the 25th anniversary of the massacre, crowds gathered.");
    /* a March report: last month had no 30th, so no date */
    assert_int_equal(scan_at("Gunmen struck on the 30th.", "2024-03-05"), 0);
}

static void test_common_forms_and_years(void **st)
{
    (void)st;
    date_is("Rebels attacked on 25 July.", R, "25 July", "2024-07-25", "2024-07-25", 1, 0);
    date_is("Rebels attacked on Aug. 25, 2023.", R, "Aug. 25, 2023", "2023-08-25", "2023-08-25", 1, 1);
    date_is("Rebels attacked on 3 Sept.", R, "3 Sept.", "2024-09-03", "2024-09-03", 1, 0);
    date_is("Rebels attacked on 25-07-2024.", R, "25-07-2024", "2024-07-25", "2024-07-25", 1, 0);
    /* 05/07: both parts could be a month: day first */
    date_is("Rebels attacked on 05/07/2024.", R, "05/07/2024", "2024-07-05", "2024-07-05", 1, 0);
    /* year inference across the new year, both ways */
    date_is("Rebels attacked on December 30.", "2025-01-02", "December 30", "2024-12-30", "2024-12-30", 1, 0);
    date_is("Rebels attacked on 30 Dec. at dawn", "2025-01-02", "30 Dec.", "2024-12-30", "2024-12-30", 1, 0);
    /* AP style writes the year unless it is the current one: a December
     * report's bare "January 15" is this year's; the coming one says "next" */
    date_is("Rebels attacked on January 15.", "2024-12-20", "January 15", "2024-01-15", "2024-01-15", 1, 1);
    date_is("Talks open next January 15.", "2024-12-20", "next January 15", "2025-01-15", "2025-01-15", 1, 0);
    /* more than 60 days ahead goes back a year, unless the clause looks
     * ahead ("set for"); up to 60 days ahead stays in the report's year */
    date_is("Rebels attacked on February 15.", "2024-12-20", "February 15", "2024-02-15", "2024-02-15", 1, 1);
    date_is("Talks are set for February 15.", "2024-12-20", "February 15", "2025-02-15", "2025-02-15", 1, 0);
    date_is("Talks are set for December 30.", "2024-11-20", "December 30", "2024-12-30", "2024-12-30", 1, 0);
}

static void test_qualified_weekdays(void **st)
{
    (void)st;
    date_is("Gunmen attacked early Sunday.", R, "early Sunday", "2024-08-25", "2024-08-25", 1, 0);
    date_is("Gunmen attacked late Thursday night.", R, "late Thursday night", "2024-08-22", "2024-08-22", 1, 0);
    date_is("Gunmen attacked on Wednesday afternoon.", R, "Wednesday afternoon", "2024-08-21", "2024-08-21", 1, 0);
    date_is("Polls open this coming Friday.", R, "coming Friday", "2024-08-30", "2024-08-30", 1, 0);
}

static void test_recent(void **st)
{
    (void)st;
    date_is("Attacks have risen in recent weeks.", R, "recent weeks", "2024-07-28", "2024-08-25", 3, 0);
    date_is("Attacks have risen in recent days.", R, "recent days", "2024-08-18", "2024-08-25", 2, 0);
    date_is("Attacks have risen in recent months.", R, "recent months", "2024-02-27", "2024-08-25", 3, 0);
    date_is("Over the past few days, 40 died.", R, "the past few days", "2024-08-18", "2024-08-25", 2, 0);
    none_in("A recent attack killed 4.");
}

static void test_reporting_dates(void **st)
{
    (void)st;
    const char *s = "The army said on Thursday that gunmen killed 12 people on Tuesday.";
    reporting_is(s, "Thursday", 1);
    reporting_is(s, "Tuesday", 0);
    reporting_is("Police said Friday the attack began at dawn.", "Friday", 1);
    reporting_is("Police said late Friday the attack was over.", "late Friday", 1);
    reporting_is("A spokesman told AFP on Monday that 5 died.", "Monday", 1);
    reporting_is("A spokesman told reporters Monday that 5 died.", "Monday", 1);
    reporting_is("A spokesman told the BBC on Monday that 5 died.", "Monday", 1);
    reporting_is("The ministry announced Friday that 5 died.", "Friday", 1);
    reporting_is("In a statement on Monday, the group claimed the attack.", "Monday", 1);
    reporting_is("The governor on Sunday said 5 died.", "Sunday", 1);
    reporting_is("Posted: Friday, August 23, 2024", "Friday, August 23, 2024", 1);
    reporting_is("(Published Friday, Aug 23, 2024) A teen was arrested.", "Friday, Aug 23, 2024", 1);
    /* the event's own date, even after a reporting verb further back */
    reporting_is("Police said gunmen attacked on Tuesday.", "Tuesday", 0);
    reporting_is("Officials said that on Tuesday gunmen attacked.", "Tuesday", 0);
    reporting_is("Gunmen killed 5 on Sunday, police said.", "Sunday", 0);
    reporting_is("A spokesman told AFP that gunmen attacked on Monday.", "Monday", 0);
}

static void test_values(void **st)
{
    (void)st;
    value_is("Clashes on 25 July 2024.", R, "25 July 2024", "2024-07-25");
    value_is("Clashes in July.", R, "July", "2024-07");
    value_is("Clashes in late July.", R, "late July", "2024-07");
    value_is("Clashes in 2020.", R, "2020", "2020");
    value_is("Clashes last week.", R, "last week", "2024-W33");
    value_is("Clashes this week.", R, "this week", "2024-W34");
    value_is("Clashes last weekend.", R, "last weekend", "2024-W33-WE");
    value_is("Clashes on Friday.", R, "Friday", "2024-08-23");
    value_is("Clashes in recent weeks.", R, "recent weeks", "PXW");
    value_is("Over the past few days, 40 died.", R, "the past few days", "PXD");
    value_is("Over the past three days, 40 died.", R, "the past three days", "P3D");
    value_is("Over the last week, 40 died.", R, "the last week", "2024-W33");
    date_is("Elections are due next year.", R, "next year", "2025-01-01", "2025-12-31", 3, 0);
    date_is("Talks resume next week.", R, "next week", "2024-08-26", "2024-09-01", 2, 0);
    date_is("Talks resume next month.", "2024-12-03", "next month", "2025-01-01", "2025-01-31", 3, 0);
    value_is("Over the past 24 hours, 40 died.", R, "the past 24 hours", "PT24H");
    value_is("After three days of fighting, it fell.", R, "three days", "P3D");
    value_is("It was besieged for two weeks.", R, "two weeks", "P2W");
    value_is("A 48-hour strike began.", R, "48-hour", "PT48H");
    /* ISO week 1 of 2025 starts on Monday 2024-12-30 */
    value_is("Clashes this week.", "2024-12-31", "this week", "2025-W01");
    value_is("More bodies were found in the following days.", R, "the following days", "");
    value_is("Clashes on 25-27 July.", R, "25-27 July", "");
}


/* ---- lengths, recurrences, parts of the day, clock times, seasons ---- */

static void length_is(const char *s, const char *span, const char *value, int lasting)
{
    scan_at(s, R);
    const when_mention *m = span_of(s, span);
    char v[WHEN_VALUE_MAX];
    assert_int_equal(m->kind, WHEN_DURATION);
    when_value(m, v);
    assert_string_equal(v, value);
    assert_int_equal(m->lasting, lasting);
}

static void test_lengths(void **st)
{
    (void)st;
    length_is("After three days of fighting, the town fell.", "three days", "P3D", 1);
    length_is("The town was besieged for two weeks.", "two weeks", "P2W", 1);
    length_is("The judge sentenced him to 90 days in jail.", "90 days", "P90D", 0);
    length_is("He got five years' probation.", "five years", "P5Y", 0);
    length_is("She led the council for almost seven years.", "almost seven years", "P7Y", 1);
    length_is("It was the worst flooding in a decade.", "a decade", "P10Y", 0);
    length_is("The truce held for a mere 24 hours.", "a mere 24 hours", "PT24H", 1);
    length_is("Several days into the search, divers found the boat.", "Several days", "PXD", 0);
    length_is("The pullout could take between 12 and 18 months.", "12", "P12M", 0);
    length_is("The pullout could take between 12 and 18 months.", "18 months", "P18M", 0);
    length_is("Rebels have held the hills for years.", "years", "PXY", 1);
    length_is("Two years after the coup, the junta still rules.", "Two years", "P2Y", 0);
    length_is("In the 90 years since independence, no woman has led it.", "the 90 years", "P90Y", 0);
    length_is("Aid will be cut over the next few months.", "the next few months", "PXM", 0);
    length_is("Coal use will grow over the next decade.", "the next decade", "P10Y", 0);
    length_is("Attacks have doubled over the past decade.", "the past decade", "P10Y", 0);
    length_is("Convoys were hit within hours.", "hours", "PTXH", 0);
    length_is("The shooting lasted some 30 minutes.", "some 30 minutes", "PT30M", 1);
    value_is("Over 5,000 were held in the past several months.", R, "the past several months", "PXM");
    /* ages and rates are not lengths */
    none_in("A 22-year-old student was shot.");
    none_in("Children aged 6 months were treated.");
    none_in("All ages 6 months and older qualify.");
    none_in("The firm earns $5bn a year.");
    none_in("Patrols pass twice a week.");
}

static void test_sets(void **st)
{
    (void)st;
    value_is("Thousands march every year.", R, "every year", "XXXX");
    value_is("Shelling resumed each morning.", R, "each morning", "XXXX-XX-XXTMO");
    value_is("Protesters gather every Friday.", R, "every Friday", "XXXX-WXX-5");
    value_is("Protesters gather every Friday night.", R, "every Friday night", "XXXX-WXX-5TNI");
    value_is("Curfews are imposed every week.", R, "every week", "XXXX-WXX");
    value_is("Pay arrives every month.", R, "every month", "XXXX-XX");
    value_is("The fund pays billions annually.", R, "annually", "XXXX");
    value_is("Clashes now erupt daily.", R, "daily", "XXXX-XX-XX");
    kind_is("Thousands march every year.", R, "every year", WHEN_SET);
    none_in("The daily newspaper printed it.");
    none_in("Each man carried a rifle.");
}

static void test_parts_of_day(void **st)
{
    (void)st;
    value_is("Rebels struck on Friday evening.", R, "Friday evening", "2024-08-23TEV");
    value_is("Rebels struck Friday afternoon.", R, "Friday afternoon", "2024-08-23TAF");
    value_is("Rebels struck yesterday morning.", R, "yesterday morning", "2024-08-24TMO");
    value_is("Rebels struck last night.", R, "last night", "2024-08-24TNI");
    value_is("Rebels struck this morning.", R, "this morning", "2024-08-25TMO");
    value_is("Talks resume tonight.", R, "tonight", "2024-08-25TNI");
    /* the day is unchanged for dating */
    date_is("Rebels struck on Friday evening.", R, "Friday evening", "2024-08-23", "2024-08-23", 1, 0);
}

static void test_clock_times(void **st)
{
    (void)st;
    value_is("The match was moved to 15:00 GMT Saturday.", R, "15:00 GMT Saturday", "2024-08-24T15:00");
    date_is("The blast came at 8 p.m. Friday.", R, "8 p.m. Friday", "2024-08-23", "2024-08-23", 1, 0);
    value_is("The blast came at 8 p.m. Friday.", R, "8 p.m. Friday", "2024-08-23T20:00");
    value_is("The blast came at 8 p.m. on Friday.", R, "8 p.m. on Friday", "2024-08-23T20:00");
    /* a clock time alone takes the sentence's day, else the report's */
    value_is("Gunmen attacked on Friday, and at 10:30 pm the army arrived.", R, "10:30 pm", "2024-08-23T22:30");
    kind_is("Gunmen attacked on Friday, and at 10:30 pm the army arrived.", R, "10:30 pm", WHEN_TIME);
    value_is("The curfew starts at 6pm.", R, "6pm", "2024-08-25T18:00");
    value_is("The curfew ends at 12 am.", R, "12 am", "2024-08-25T00:00");
    value_is("Shots were heard at 10:30.", R, "10:30", "2024-08-25T10:30");
    value_is("Shots rang out just after noon Thursday.", R, "noon Thursday", "2024-08-22T12:00");
    value_is("Shots rang out shortly after midnight.", R, "midnight", "2024-08-25T00:00");
}

static void test_refs(void **st)
{
    (void)st;
    value_is("Now, the town is calm.", R, "Now", "PRESENT_REF");
    value_is("Rebels currently hold the pass.", R, "currently", "PRESENT_REF");
    value_is("Few are armed at present.", R, "present", "PRESENT_REF");
    value_is("In the past, such raids were rare.", R, "the past", "PAST_REF");
    value_is("The ship was in open waters at the time.", R, "at the time", "PAST_REF");
    value_is("Talks may resume in the future.", R, "the future", "FUTURE_REF");
    kind_is("Now, the town is calm.", R, "Now", WHEN_REF);
    none_in("Now that the talks have failed, fighting will resume.");
}

static void test_seasons(void **st)
{
    (void)st;
    date_is("He vanished last summer.", "2013-03-22", "last summer", "2012-06-01", "2012-08-31", 3, 1);
    value_is("He vanished last summer.", "2013-03-22", "last summer", "2012-SU");
    /* in August the summer under way is not "last summer" */
    value_is("He vanished last summer.", R, "last summer", "2023-SU");
    date_is("Fighting eased this winter.", "2024-01-10", "this winter", "2023-12-01", "2024-02-29", 3, 0);
    value_is("Fighting eased this winter.", "2024-01-10", "this winter", "2023-WI");
    date_is("Talks resume next spring.", R, "next spring", "2025-03-01", "2025-05-31", 3, 0);
    value_is("The drought of summer 2012 hit hard.", R, "summer 2012", "2012-SU");
    value_is("The offensive began in the autumn of 2019.", R, "autumn of 2019", "2019-FA");
    value_is("Rebels retreated last fall.", R, "last fall", "2023-FA");
    none_in("The fall of the town surprised no one.");
    none_in("Prices fall when the rains come.");
}

static void test_centuries_and_year_spans(void **st)
{
    (void)st;
    date_is("The worst war of the 20th century.", R, "20th century", "1900-01-01", "1999-12-31", 3, 1);
    value_is("The worst war of the 20th century.", R, "20th century", "19");
    value_is("The 1957-58 expedition crossed the ice.", R, "1957", "1957");
    value_is("The 1957-58 expedition crossed the ice.", R, "58", "1958");
    value_is("During the drought of 2009-2010, herders fled.", R, "2010", "2010");
    value_is("He funded his 2007 campaign abroad.", R, "2007", "2007");
    value_is("The ministry cut spending this fiscal year.", R, "this fiscal year", "2024");
    date_is("He vanished late last July.", "2013-03-22", "late last July", "2012-07-21", "2012-07-31", 3, 1);
    value_is("He vanished late last July.", "2013-03-22", "late last July", "2012-07");
}

static void test_looking_ahead(void **st)
{
    (void)st;
    /* report of Sunday 25 August 2024 */
    date_is("Talks will resume on Tuesday.", R, "Tuesday", "2024-08-27", "2024-08-27", 1, 0);
    date_is("He will be buried Friday.", R, "Friday", "2024-08-30", "2024-08-30", 1, 0);
    value_is("The match was postponed until 15:00 GMT Saturday.", R, "15:00 GMT Saturday", "2024-08-31T15:00");
    date_is("A hearing is scheduled for Monday.", R, "Monday", "2024-08-26", "2024-08-26", 1, 0);
    date_is("The mission is to run through June.", R, "June", "2025-06-01", "2025-06-30", 3, 0);
    /* the past stays past */
    date_is("Gunmen attacked on Tuesday.", R, "Tuesday", "2024-08-20", "2024-08-20", 1, 0);
    date_is("Police will investigate the attack on Tuesday.", R, "Tuesday", "2024-08-20", "2024-08-20", 1, 0);
    date_is("The mission ran through June.", R, "June", "2024-06-01", "2024-06-30", 3, 0);
    date_is("The ban will stay until June 2023 rules change.", R, "June 2023", "2023-06-01", "2023-06-30", 3, 1);
}

static void test_bracketed_gloss(void **st)
{
    (void)st;
    /* the editor's date wins over the relative word it glosses */
    date_is("A singer was killed yesterday [3 January] in the capital.", "2016-01-05", "yesterday",
            "2016-01-03", "2016-01-03", 1, 0);
    date_is("Gunmen struck on Sunday (July 21) near the border.", R, "Sunday", "2024-07-21", "2024-07-21", 1, 0);
    /* no brackets: each keeps its own reading */
    date_is("Gunmen struck on Sunday, a week after July 21.", R, "Sunday", "2024-08-25", "2024-08-25", 1, 0);
}

static void aftermath_is(const char *s, const char *span, int aftermath)
{
    scan_at(s, R);
    assert_int_equal(span_of(s, span)->aftermath, aftermath);
}

static void test_aftermath_dates(void **st)
{
    (void)st;
    aftermath_is("A suspect was arrested Sunday in Kano.", "Sunday", 1);
    aftermath_is("The man was arraigned on Thursday.", "Thursday", 1);
    aftermath_is("The boy remained in critical condition Friday.", "Friday", 1);
    aftermath_is("The boy remained hospitalized Friday.", "Friday", 1);
    aftermath_is("The girl died Saturday of a wound suffered on Friday.", "Saturday", 1);
    aftermath_is("The girl died Saturday of a wound suffered on Friday.", "Friday", 0);
    aftermath_is("The man appeared in court Monday.", "Monday", 1);
    aftermath_is("The boy remains in the hospital Monday.", "Monday", 1);
    aftermath_is("The suspect was in custody Tuesday.", "Tuesday", 1);
    aftermath_is("The suspect was taken into custody Tuesday.", "Tuesday", 1);
    aftermath_is("Gunmen killed 5 on Sunday.", "Sunday", 0);
    aftermath_is("Two people died on Sunday when a bomb exploded.", "Sunday", 0);
    aftermath_is("Riot police charged the crowd on Sunday.", "Sunday", 0);
    aftermath_is("She was in court for Wednesday's hearing.", "Wednesday", 1);
    aftermath_is("An autopsy is scheduled for Thursday.", "Thursday", 1);
    aftermath_is("Statements released Saturday describe the raid.", "Saturday", 1);
    aftermath_is("The officer testified Wednesday that she fired.", "Wednesday", 1);
    aftermath_is("Gunmen struck for two hours on Wednesday.", "Wednesday", 0);
    /* naming a victim and the search for a gunman come after the shooting */
    aftermath_is("Police on Tuesday identified the man shot in Dayton.", "Tuesday", 1);
    aftermath_is("The victim was identified Sunday as a 19-year-old.", "Sunday", 1);
    aftermath_is("Deputies were searching Monday for the gunman.", "Monday", 1);
    aftermath_is("Detectives were investigating Friday after two men were wounded.", "Friday", 1);
    /* a possessive date dates its noun, not the step before it */
    aftermath_is("Detectives were investigating Friday's shooting on Elm Street.", "Friday", 0);
    reporting_is("Detectives revealed Thursday that the boy shot his brother.", "Thursday", 1);
    /* a death told apart from the wound that caused it */
    aftermath_is("He died at 4:25 a.m. on Monday from a gunshot wound.", "4:25 a.m. on Monday", 1);
    aftermath_is("The boy died early Monday hours after he was shot.", "early Monday", 1);
    aftermath_is("Her son died Tuesday night at a San Antonio hospital.", "Tuesday night", 1);
    aftermath_is("The girl was pronounced dead at 12:30 p.m. Saturday.", "12:30 p.m. Saturday", 1);
    aftermath_is("A fifth victim succumbed to his injuries on Saturday morning.", "Saturday morning", 1);
    aftermath_is("The sailor passed away early this morning.", "this morning", 1);
    aftermath_is("The boy was taken off life support Thursday afternoon.", "Thursday afternoon", 1);
    aftermath_is("Two people died on Sunday when a bomb exploded.", "Sunday", 0);
    aftermath_is("Three men died Friday in the ambush near Gao.", "Friday", 0);
    /* the court and the jail the case goes to */
    aftermath_is("The boy appeared in juvenile court Tuesday afternoon.", "Tuesday afternoon", 1);
    aftermath_is("The suspects returned to court today for a hearing.", "today", 1);
    aftermath_is("The officer was released from jail Wednesday.", "Wednesday", 1);
    aftermath_is("He was booked into the county jail early Friday evening.", "early Friday evening", 1);
    aftermath_is("Charges were filed Friday against the driver.", "Friday", 1);
    aftermath_is("Gunmen attacked a court Tuesday in Kabul.", "Tuesday", 0);
    aftermath_is("The girl was rushed to the hospital Monday.", "Monday", 0);
    /* the court's steps after a shooting */
    aftermath_is("The man pleaded guilty Friday to manslaughter.", "Friday", 1);
    aftermath_is("She was found not guilty Wednesday.", "Wednesday", 1);
    aftermath_is("He entered a plea Monday in district court.", "Monday", 1);
    aftermath_is("The teen received probation Thursday for the shooting.", "Thursday", 1);
    aftermath_is("A judge denied bond Tuesday.", "Tuesday", 1);
    aftermath_is("The charges were dismissed Tuesday.", "Tuesday", 1);
    aftermath_is("The suspect was extradited Monday to Texas.", "Monday", 1);
    /* a date that opens its clause, then a short subject and a reporting verb */
    reporting_is("Tuesday evening police said the boy died.", "Tuesday evening", 1);
    reporting_is("On Sunday, the county sheriff said two men were held.", "Sunday", 1);
    reporting_is("On Sunday gunmen killed 5 villagers, police said.", "Sunday", 0);
    reporting_is("On Sunday gunmen attacked herders who said they fled.", "Sunday", 0);
    /* a statement noun after the date */
    reporting_is("Police spoke at a Saturday night press conference.", "Saturday night", 1);
    reporting_is("In a Friday statement, the army denied it.", "Friday", 1);
    reporting_is("He spoke before Sunday's news conference.", "Sunday", 1);
}

/* ---- must not fire ---- */

static void test_may_march(void **st)
{
    (void)st;
    none_in("May God protect them, he said.");
    none_in("Protesters march on the capital.");
    none_in("March organisers said police fired.");
    none_in("Officials may march with them.");
    date_is("In May, rebels struck.", R, "May", "2024-05-01", "2024-05-31", 3, 0);
    date_is("Rebels struck on May 5.", R, "May 5", "2024-05-05", "2024-05-05", 1, 0);
    date_is("Rebels struck in early March.", R, "early March", "2024-03-01", "2024-03-10", 3, 0);
    date_is("Rebels struck on 12 March 2024.", R, "12 March 2024", "2024-03-12", "2024-03-12", 1, 0);
    none_in("Jan Egeland said aid is blocked.");
}

static void test_numbers_not_dates(void **st)
{
    (void)st;
    none_in("Gunmen killed 15 people near Gao.");
    none_in("Some 1,200 people fled.");
    none_in("About 2020 people fled.");
    none_in("The M23 rebels advanced 25 km.");
    none_in("He won the race in 3:07:35.");
    none_in("Room 10 was hit.");
    none_in("The 1990s were violent.");
    /* "In July 25 people were killed": July, not July 25 */
    date_is("In July 25 people were killed.", R, "July", "2024-07-01", "2024-07-31", 3, 0);
}

static void test_year_contexts(void **st)
{
    (void)st;
    date_is("The 2021 election was disputed.", R, "2021", "2021-01-01", "2021-12-31", 3, 1);
    date_is("Unrest during 2023 spread.", R, "2023", "2023-01-01", "2023-12-31", 3, 1);
    date_is("2022 elections were disputed.", R, "2022", "2022-01-01", "2022-12-31", 3, 1);
}

/* ---- mechanics ---- */

static void test_offsets_and_order(void **st)
{
    (void)st;
    const char *s = "On Saturday, three days after the July 20 raid, 4 died.";
    size_t n = scan_at(s, R);
    assert_int_equal(n, 3);
    assert_int_equal(g_out[0].start, 3);
    assert_int_equal(g_out[0].end, 11);
    assert_int_equal(g_out[1].kind, WHEN_ANCHORED);
    assert_int_equal(g_out[1].off_start, 3);
    assert_int_equal(g_out[2].start, (size_t)(strstr(s, "July 20") - s));
    assert_int_equal(g_out[2].end, (size_t)(strstr(s, " raid") - s));
}

static void test_max_and_utf8(void **st)
{
    (void)st;
    const char *s = "Le 25 juillet, «Sunday» et Monday — today.";
    when_mention one[1];
    size_t n = when_scan(s, strlen(s), iso(R), one, 1);
    assert_int_equal(n, 3);
    assert_int_equal(one[0].start, (size_t)(strstr(s, "Sunday") - s));
    assert_int_equal(when_scan(s, strlen(s), iso(R), NULL, 0), 3);
    /* non-ASCII letters join words: "Sundayé" is not a weekday */
    none_in("Sundayé x");
    none_in("");
    none_in("No time words here at all.");
}

static void test_unknown_report_date(void **st)
{
    (void)st;
    civil_date none = {0, 0, 0};
    const char *s = "On 25 July 2024, and yesterday, and July 3.";
    when_mention out[4];
    size_t n = when_scan(s, strlen(s), none, out, 4);
    assert_int_equal(n, 1); /* only the fully explicit date */
    assert_int_equal(out[0].first.year, 2024);
}

static void test_long_sentence(void **st)
{
    (void)st;
    static char s[20000];
    size_t len = 0;
    for (int i = 0; i < 900; i++)
        len += (size_t)snprintf(s + len, sizeof s - len, "word%d ", i);
    size_t at = len;
    len += (size_t)snprintf(s + len, sizeof s - len, "on 25 July 2024 ");
    for (int i = 0; i < 10; i++)
        len += (size_t)snprintf(s + len, sizeof s - len, "x ");
    when_mention out[4];
    size_t n = when_scan(s, len, iso(R), out, 4);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].start, at + 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_month_year),
        cmocka_unit_test(test_month_day_no_year),
        cmocka_unit_test(test_numeric),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_year_inference),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_weekday_plural_is_a_set),
        cmocka_unit_test(test_relative_days),
        cmocka_unit_test(test_relative_weeks),
        cmocka_unit_test(test_relative_months_years),
        cmocka_unit_test(test_anchored),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_background),
        cmocka_unit_test(test_may_march),
        cmocka_unit_test(test_numbers_not_dates),
        cmocka_unit_test(test_year_contexts),
        cmocka_unit_test(test_offsets_and_order),
        cmocka_unit_test(test_max_and_utf8),
        cmocka_unit_test(test_unknown_report_date),
        cmocka_unit_test(test_long_sentence),
        cmocka_unit_test(test_nth_of_month),
        cmocka_unit_test(test_common_forms_and_years),
        cmocka_unit_test(test_qualified_weekdays),
        cmocka_unit_test(test_recent),
        cmocka_unit_test(test_reporting_dates),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_parts_of_day),
        cmocka_unit_test(test_clock_times),
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_seasons),
        cmocka_unit_test(test_centuries_and_year_spans),
        cmocka_unit_test(test_bracketed_gloss),
        cmocka_unit_test(test_looking_ahead),
        cmocka_unit_test(test_aftermath_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
