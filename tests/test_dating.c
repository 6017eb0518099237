/* test_dating.c -- the date of each event, through the whole pipeline
 * (tally_extract): which date of a sentence an event takes, reporting dates,
 * ranges, context.  Sentences are written for these tests in wire style. */
#include "testutil.h"
#include "testtally.h"

#include <stdio.h>

#include "model.h"


/* Report date of every case: Sunday 25 August 2024. */
static tally_events *run(const char *text)
{
    tally_doc doc = {.id = "t", .date = {2024, 8, 25}, .text = text, .len = strlen(text)};
    return tally_extract(T, &doc);
}

static void range_is(const event *e, const char *first, const char *last, int prec)
{
    char a[11], b[11], d[11];
    date_format(e->first, a);
    date_format(e->last, b);
    date_format(e->date, d);
    assert_string_equal(a, first);
    assert_string_equal(b, last);
    assert_string_equal(d, first); /* event_date is the range's first day */
    assert_int_equal(e->time_precision, prec);
}

static int notes_say(const event *e, const char *what)
{
    return e->notes.data && strstr(e->notes.data, what) != NULL;
}

/* One event expected; checks its range. */
static void one_event(const char *text, const char *first, const char *last, int prec)
{
    tally_events *ev = run(text);
    if (ev->n != 1)
        fprintf(stderr, "%zu events for \"%s\"\n", ev->n, text);
    assert_int_equal(ev->n, 1);
    range_is(&ev->ev[0], first, last, prec);
    tally_events_free(ev);
}

static void test_reporting_date_is_not_the_event(void **state)
{
    (void)state;
    /* the statement is Thursday, the killing Tuesday */
    one_event("The army said on Thursday that gunmen killed 12 people on Tuesday in central Mali.",
              "2024-08-20", "2024-08-20", 1);
    one_event("Gunmen killed 12 people in Gao on Tuesday, the army told AFP on Thursday.",
              "2024-08-20", "2024-08-20", 1);
    one_event("The governor announced Friday that gunmen had killed 7 herders near Mopti on Wednesday.",
              "2024-08-21", "2024-08-21", 1);
    /* the event cannot follow the statement: Sunday before Saturday's statement */
    one_event("Police said Saturday that gunmen attacked a market in Djibo on Sunday, killing five people.",
              "2024-08-18", "2024-08-18", 1);
}

static void test_reporting_date_as_fallback(void **state)
{
    (void)state;
    tally_events *ev = run("Police said on Friday that gunmen killed four people in Gao.");
    assert_int_equal(ev->n, 1);
    range_is(&ev->ev[0], "2024-08-23", "2024-08-23", 1);
    assert_true(notes_say(&ev->ev[0], "statement"));
    tally_events_free(ev);
    /* a later sentence dates the event: the statement's date does not split it */
    ev = run("At least 10 miners were killed by gunmen in Gao, police said Sunday. The gunmen opened fire "
             "on the miners at a small mine near the town on Saturday, police told reporters.");
    assert_int_equal(ev->n, 1);
    range_is(&ev->ev[0], "2024-08-24", "2024-08-24", 1);
    tally_events_free(ev);
}

static void test_date_in_a_sentence_without_event(void **state)
{
    (void)state;
    tally_events *ev = run("Four people were shot dead in Gao, police said. It happened late Wednesday near the market.");
    assert_int_equal(ev->n, 1);
    range_is(&ev->ev[0], "2024-08-21", "2024-08-21", 1);
    assert_true(notes_say(&ev->ev[0], "names no event"));
    tally_events_free(ev);
    /* no date anywhere: the report date, week precision */
    one_event("Four people were shot dead in Gao, police said.", "2024-08-25", "2024-08-25", 2);
}

static void test_ranges(void **state)
{
    (void)state;
    one_event("Three days of fighting starting July 25 around Kidal left at least 40 soldiers dead, the army said.",
              "2024-07-25", "2024-07-27", 1);
    one_event("Clashes in late July near Gao killed 30 soldiers, officials said.", "2024-07-21", "2024-07-31", 3);
    one_event("Gunmen killed 9 people in Gao last week.", "2024-08-12", "2024-08-18", 2);
    one_event("Jihadists have killed at least 40 civilians around Djibo in recent weeks, residents said.",
              "2024-07-28", "2024-08-25", 3);
    one_event("Clashes near Gao earlier this month killed 11 soldiers.", "2024-08-01", "2024-08-24", 3);
    one_event("Gunmen killed 6 people in Gao three days ago.", "2024-08-22", "2024-08-22", 1);
    one_event("Gunmen killed 6 people in Gao on the 21st, officials said.", "2024-08-21", "2024-08-21", 1);
    one_event("Shelling overnight killed 6 people in Gao.", "2024-08-24", "2024-08-24", 1);
}

static void test_following_days(void **state)
{
    (void)state;
    /* no new event: the search goes on, the attack keeps its day */
    tally_events *ev = run("Gunmen killed eight villagers in Bankass on Tuesday. More bodies were found in the "
                           "following days, raising the toll to 15.");
    assert_int_equal(ev->n, 1);
    range_is(&ev->ev[0], "2024-08-20", "2024-08-20", 1);
    tally_events_free(ev);
    /* a new incident in the following days: a range, cut at the report date */
    ev = run("Gunmen killed 9 people in Gao on Thursday. Fighting erupted again in the following days, "
             "killing 5 more in Ansongo.");
    assert_int_equal(ev->n, 2);
    range_is(&ev->ev[0], "2024-08-22", "2024-08-22", 1);
    range_is(&ev->ev[1], "2024-08-23", "2024-08-25", 2);
    tally_events_free(ev);
}

static void test_background(void **state)
{
    (void)state;
    /* context sentences make no event and do not date today's */
    one_event("Since seizing power in a 2020 coup, the junta has fought jihadists across the country. "
              "On Sunday, jihadists killed 20 soldiers near Menaka. "
              "Last year's attack on the same base killed 30 soldiers.",
              "2024-08-25", "2024-08-25", 1);
    one_event("Hostilities resumed in August 2023. Rebels killed 14 soldiers near Kidal on Saturday.",
              "2024-08-24", "2024-08-24", 1);
    /* "since 2019" runs up to today: the sentence is still about today's attack */
    one_event("Gunmen killed 31 villagers near Bandiagara, the deadliest attack in the area since 2019.",
              "2024-08-25", "2024-08-25", 2);
    /* "since 2015 ... has killed" counts the past: context, and its figure is
     * no claim of today's event */
    tally_events *cum = run("Jihadists killed 20 soldiers near Menaka on Sunday. Since 2015, jihadist violence "
                            "has killed more than 20,000 people in Mali.");
    assert_int_equal(cum->n, 1);
    assert_true(cum->ev[0].fatalities.known);
    assert_int_equal(cum->ev[0].fatalities.high, 20);
    tally_events_free(cum);
    /* a past incident with what, where and how many is an event of its own */
    tally_events *ev = run("Jihadists killed 20 soldiers near Menaka on Sunday. In an attack on 12 January, "
                           "jihadists killed 17 soldiers in Gao.");
    assert_int_equal(ev->n, 2);
    range_is(&ev->ev[0], "2024-08-25", "2024-08-25", 1);
    range_is(&ev->ev[1], "2024-01-12", "2024-01-12", 1);
    assert_true(notes_say(&ev->ev[1], "past incident"));
    tally_events_free(ev);
}

static void test_finest_date_of_a_sentence(void **state)
{
    (void)state;
    one_event("The boy died nearly six months ago, on March 1, when gunmen shot him in Gao.",
              "2024-03-01", "2024-03-01", 1);
    /* "this year" is too coarse when the sentence has a statement's date */
    one_event("Rebels killed 64 civilians near Beni, the governor said on Sunday, the deadliest massacre "
              "this year.", "2024-08-25", "2024-08-25", 1);
}

static void test_aftermath_dates_are_not_the_event(void **state)
{
    (void)state;
    /* the shooting's date, not the day of the victim's condition */
    one_event("A boy remained in critical condition Saturday after gunmen shot him near the market in Kano on Thursday.",
              "2024-08-22", "2024-08-22", 1);
    /* death from wounds: the day of the attack */
    one_event("A girl died Saturday of gunshot wounds suffered when gunmen attacked her village near Kano on Friday.",
              "2024-08-23", "2024-08-23", 1);
    /* a death in hospital days later: the day of the shooting */
    one_event("A teenager died Saturday at a hospital in Dayton, Ohio, days after he was shot outside a store on "
              "Wednesday night.", "2024-08-21", "2024-08-21", 1);
    /* the day a victim is named is not the day of the shooting */
    one_event("Police on Saturday identified a man who was shot and killed outside a bar in Dayton, Ohio, on Thursday night.",
              "2024-08-22", "2024-08-22", 1);
    /* the incident's date in another sentence beats the day of the arrest */
    one_event("Gunmen shot dead two farmers near Kano, police said.\n\nA suspect appeared in court on Saturday."
              "\n\nIt happened on Thursday near a market.",
              "2024-08-22", "2024-08-22", 1);
}

static void test_statement_and_future_dates(void **state)
{
    (void)state;
    /* a date that opens the clause of a statement dates the statement */
    one_event("Tuesday evening police said gunmen had shot dead two farmers near Kano on Monday.",
              "2024-08-19", "2024-08-19", 1);
    /* a date after the report cannot date what the report tells as done */
    one_event("Ahead of the September 2 vote, gunmen shot dead a trader near Kano on Friday.",
              "2024-08-23", "2024-08-23", 1);
}

static void test_anchored_to_the_statement(void **state)
{
    (void)state;
    /* "the day before" in the reported clause: before the statement */
    one_event("A spokesman said Friday that the judge was ambushed and shot dead near Gao the day before.",
              "2024-08-22", "2024-08-22", 1);
    /* "two days after being shot" counts from the shooting, not the statement */
    one_event("Police confirmed Friday that a girl died two days after being shot in Kano during a raid.",
              "2024-08-23", "2024-08-23", 1);
    /* "said Friday, a day after ...": the apposition places the statement
     * after another incident; it does not date the killing reported, which
     * keeps the statement's date as its upper bound */
    one_event("Eleven people were killed near Makurdi, officials said Friday, a day after a raid on a church.",
              "2024-08-23", "2024-08-23", 1);
}

static void test_bracketed_date_wins(void **state)
{
    (void)state;
    /* report of Sunday 25 August: "yesterday" glossed by the editor */
    one_event("Gunmen killed a singer yesterday [23 August] in Bujumbura.", "2024-08-23", "2024-08-23", 1);
}

static void test_other_lengths_do_not_stretch_the_event(void **state)
{
    (void)state;
    one_event("Gunmen killed 3 soldiers near Gao on Tuesday, almost two weeks after a ceasefire.",
              "2024-08-20", "2024-08-20", 1);
    one_event("Gunmen killed 3 soldiers near Gao on Tuesday, the deadliest attack in a decade.",
              "2024-08-20", "2024-08-20", 1);
    /* a length that says how long the fighting went on still does */
    one_event("Clashes lasting some three days near Gao killed 12 people from August 20.",
              "2024-08-20", "2024-08-22", 1);
    /* a recurrence or "now" dates nothing */
    one_event("Gunmen killed 3 soldiers near Gao on Tuesday; such raids now happen every week.",
              "2024-08-20", "2024-08-20", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reporting_date_is_not_the_event),
        cmocka_unit_test(test_reporting_date_as_fallback),
        cmocka_unit_test(test_date_in_a_sentence_without_event),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_following_days),
        cmocka_unit_test(test_background),
        cmocka_unit_test(test_finest_date_of_a_sentence),
        cmocka_unit_test(test_aftermath_dates_are_not_the_event),
        cmocka_unit_test(test_bracketed_date_wins),
        cmocka_unit_test(test_anchored_to_the_statement),
        cmocka_unit_test(test_statement_and_future_dates),
        cmocka_unit_test(test_other_lengths_do_not_stretch_the_event),
    };
    return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
}
