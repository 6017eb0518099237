/* Casualty claims, one construction a test, in the phrasing of wire reports
 * (sentences written for these tests). */
#include "testutil.h"
#include "testtally.h"

#include <stdio.h>

#include "model.h"


/* Extracts text (report dated 2024-03-10) and returns the result. */
static tally_events *run(const char *text)
{
    tally_doc doc = {.id = "t", .date = {2024, 3, 10}, .text = text, .len = strlen(text)};
    return tally_extract(T, &doc);
}

/* The k-th claim of the report, in text order. */
static const claim *claim_at(const tally_events *ev, size_t k)
{
    assert_true(k < ev->nclaims);
    return &ev->claims[k];
}

static void test_qualifiers(void **state)
{
    (void)state;
    struct {
        const char *text;
        long long min, max;
        enum qualifier q;
    } cases[] = {
        {"At least 15 civilians were killed in the attack.", 15, 15, Q_AT_LEAST},
        {"No fewer than 40 villagers were killed.", 40, 40, Q_AT_LEAST},
        {"More than 200 people were killed in the raid.", 200, 200, Q_AT_LEAST},
        {"Up to 30 people may have died in the shelling.", 30, 30, Q_AT_MOST},
        {"Nearly 50 soldiers were killed near the base.", 50, 50, Q_AT_MOST},
        {"Some 300 people were killed, officials said.", 300, 300, Q_ABOUT},
        {"An estimated 1,200 people died in the fighting.", 1200, 1200, Q_ABOUT},
        {"Between 10 and 15 people were killed in the blast.", 10, 15, Q_RANGE},
        {"The blast killed 10 to 15 people.", 10, 15, Q_RANGE},
        {"The blast killed 10-15 people.", 10, 15, Q_RANGE},
        {"Twenty-one people were killed in the strike.", 21, 21, Q_EXACT},
        {"A hundred and five people were killed in the bombing.", 105, 105, Q_EXACT},
        {"Two dozen civilians were killed, witnesses said.", 24, 24, Q_EXACT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tally_events *ev = run(cases[i].text);
        if (ev->nclaims != 1)
            fail_msg("'%s': %zu claims", cases[i].text, ev->nclaims);
        const claim *c = claim_at(ev, 0);
        if (c->min != cases[i].min || c->max != cases[i].max || c->q != cases[i].q)
            fail_msg("'%s': got %lld..%lld q=%d", cases[i].text, c->min, c->max, (int)c->q);
        assert_int_equal(c->outcome, OUT_KILLED);
        tally_events_free(ev);
    }
}

static void test_vague_quantity_keeps_words(void **state)
{
    (void)state;
    tally_events *ev = run("Dozens of civilians were killed and hundreds wounded in the shelling of the town.");
    assert_int_equal(ev->nclaims, 2);
    assert_true(claim_at(ev, 0)->vague);
    assert_int_equal(claim_at(ev, 0)->min, 12);
    assert_string_equal(claim_at(ev, 0)->words, "Dozens");
    assert_int_equal(claim_at(ev, 1)->outcome, OUT_INJURED);
    assert_int_equal(claim_at(ev, 1)->min, 100);
    tally_events_free(ev);
}

static void test_two_outcomes_in_one_sentence(void **state)
{
    (void)state;
    tally_events *ev = run("The bombing left 20 dead and dozens wounded in the market.");
    assert_int_equal(ev->nclaims, 2);
    assert_int_equal(claim_at(ev, 0)->outcome, OUT_KILLED);
    assert_int_equal(claim_at(ev, 0)->min, 20);
    assert_int_equal(claim_at(ev, 1)->outcome, OUT_INJURED);
    tally_events_free(ev);
    /* the verb next to each count decides: 32 killed, 68 wounded */
    ev = run("Suicide bombers killed 32 people and wounded 68 at a market on Monday.");
    assert_int_equal(ev->nclaims, 2);
    assert_int_equal(claim_at(ev, 0)->outcome, OUT_KILLED);
    assert_int_equal(claim_at(ev, 1)->outcome, OUT_INJURED);
    assert_int_equal(ev->ev[0].fatalities.best, 32);
    assert_int_equal(ev->ev[0].injured.best, 68);
    tally_events_free(ev);
}

static void test_parts_are_not_added(void **state)
{
    (void)state;
    tally_events *ev = run("Rebels said the strike killed 21 civilians, including 11 children.");
    assert_int_equal(ev->n, 1);
    assert_int_equal(ev->ev[0].fatalities.best, 21);
    assert_int_equal(claim_at(ev, 1)->part_of, 0);
    assert_string_equal(claim_at(ev, 1)->victims, "children");
    tally_events_free(ev);
    ev = run("Eleven people, including a nurse and three minors, were killed by armed men in the town.");
    assert_int_equal(ev->ev[0].fatalities.best, 11);
    tally_events_free(ev);
}

static void test_groups_of_one_statement_add_up(void **state)
{
    (void)state;
    tally_events *ev = run("The army said it killed 15 militants and lost three soldiers in the clashes near Gao.");
    /* 15 killed; "lost three soldiers" has no outcome word we read as killed: only 15 */
    assert_int_equal(ev->ev[0].fatalities.best, 15);
    tally_events_free(ev);
    ev = run("In the clashes, rebels claimed to have killed 84 Wagner fighters and 47 Malian soldiers.");
    assert_int_equal(ev->nclaims, 2);
    assert_int_equal(ev->ev[0].fatalities.best, 131);
    assert_int_equal(claim_at(ev, 1)->vcat, VIC_STATE);
    assert_int_equal(claim_at(ev, 0)->vcat, VIC_NONSTATE);
    assert_int_equal(claim_at(ev, 0)->kind, SRC_PARTY);
    tally_events_free(ev);
    ev = run("Eight workers from a power company and three other people were found dead in the village.");
    assert_int_equal(ev->ev[0].fatalities.best, 11);
    tally_events_free(ev);
}

static void test_single_victims_count_one(void **state)
{
    (void)state;
    const char *texts[] = {
        "Gunmen shot dead the village chief in the district on Friday.",
        "A muezzin was shot dead near his home, police said.",
        "Unidentified attackers killed an elderly monk in the hills.",
        "Militants shot dead Sheikh Ali Hassan outside the mosque.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        tally_events *ev = run(texts[i]);
        if (ev->n != 1 || !ev->ev[0].fatalities.known || ev->ev[0].fatalities.best != 1)
            fail_msg("'%s' should count one dead", texts[i]);
        tally_events_free(ev);
    }
}

static void test_sources_and_recipients(void **state)
{
    (void)state;
    tally_events *ev = run("A local official told AFP at least nine people were killed, while an aid worker said "
                           "\"around 12\" villagers died. According to a local rights group, 14 people were killed.");
    assert_int_equal(ev->nclaims, 3);
    assert_string_equal(claim_at(ev, 0)->source, "local official");
    assert_int_equal(claim_at(ev, 0)->kind, SRC_LOCAL);
    assert_string_equal(claim_at(ev, 1)->source, "aid worker");
    assert_int_equal(claim_at(ev, 1)->kind, SRC_NGO);
    assert_int_equal(claim_at(ev, 1)->q, Q_ABOUT);
    assert_string_equal(claim_at(ev, 2)->source, "local rights group");
    const event *e = &ev->ev[0];
    assert_int_equal(e->fatalities.low, 9);
    assert_int_equal(e->fatalities.best, 12);
    assert_int_equal(e->fatalities.high, 14);
    tally_events_free(ev);
    /* the outlet of a JSON record is the source when the text names none */
    const char *t = "Five people were killed in a blast in the city.";
    tally_doc doc = {.id = "t", .date = {2024, 3, 10}, .text = t, .len = strlen(t), .source = "Daily Wire"};
    ev = tally_extract(T, &doc);
    assert_string_equal(claim_at(ev, 0)->source, "Daily Wire");
    assert_int_equal(claim_at(ev, 0)->kind, SRC_MEDIA);
    tally_events_free(ev);
}

static void test_not_head_counts(void **state)
{
    (void)state;
    const char *texts[] = {
        "The convoy was hit 15 km from the town after two weeks of calm.",
        "A 15-year-old boy was among those arrested in 2020.",
        "The militia controls 40 percent of the district.",
        "Troops were deployed on July 25 across three provinces.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        tally_events *ev = run(texts[i]);
        for (size_t k = 0; k < ev->nclaims; k++)
            if (ev->claims[k].min != 1 || ev->claims[k].outcome != OUT_ARRESTED)
                fail_msg("'%s' gave a claim of %lld", texts[i], ev->claims[k].min);
        tally_events_free(ev);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qualifiers),
        cmocka_unit_test(test_vague_quantity_keeps_words),
        cmocka_unit_test(test_two_outcomes_in_one_sentence),
        cmocka_unit_test(test_parts_are_not_added),
        cmocka_unit_test(test_groups_of_one_statement_add_up),
        cmocka_unit_test(test_single_victims_count_one),
        cmocka_unit_test(test_sources_and_recipients),
        cmocka_unit_test(test_not_head_counts),
    };
    return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
}
