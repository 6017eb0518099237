/* test_store.c -- the store: reports of one incident merged into one event,
 * distinct incidents kept apart, idempotence, corrections, reopening.
 * The reports are wire-style sentences written for this test. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge.h"
#include "store.h"
#include "tally.h"

static tally *T;
static char dir[64], path[96];

typedef struct {
    const char *id, *date, *outlet, *text;
} wire;

/* One attack on Kaya's market on Sunday 11 May 2025, as four outlets told it. */
static const wire kaya[] = {
    {"afp-0512", "2025-05-12", "AFP",
     "Gunmen killed at least 22 civilians in an attack on a market in Kaya, in central Burkina Faso, on Sunday, a "
     "local official said."},
    {"daily-0512", "2025-05-12", "Le Quotidien",
     "Armed men stormed the weekly market of Kaya on Sunday and shot dead 30 people, residents told our "
     "correspondent."},
    {"tv-0513", "2025-05-13", "Sahel TV",
     "At least 35 people died in Sunday's attack on a market in Kaya, a hospital source said on Monday."},
    {"agg-0514", "2025-05-14", "Conflict Monitor",
     "At least 25 people were killed on May 11 when gunmen opened fire at a market in Kaya, according to a "
     "humanitarian group."},
};
/* Same town, two days later: another incident. */
static const wire kaya_tuesday = {"afp-0514", "2025-05-14", "AFP",
                                  "Gunmen killed seven civilians in Kaya on Tuesday, two days after the market attack, "
                                  "a local official said."};
/* Same day, a town 94 km away: another incident. */
static const wire ouaga_sunday = {"daily-0513", "2025-05-13", "Le Quotidien",
                                  "In a separate attack on Sunday, gunmen killed 9 civilians in Ouagadougou, police "
                                  "said."};

static int put(store *s, const wire *w)
{
    tally_doc d = {.id = w->id, .text = w->text, .len = strlen(w->text), .source = w->outlet};
    assert_int_equal(sscanf(w->date, "%d-%d-%d", &d.date.year, &d.date.month, &d.date.day), 3);
    tally_events *ev = tally_extract(T, &d);
    char err[256] = "";
    int r = store_put(s, &d, ev, err, sizeof err);
    if (r == STORE_ERROR)
        fail_msg("store_put %s: %s", w->id, err);
    tally_events_free(ev);
    return r;
}

static long long q1(store *s, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(store_db(s)));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* Everything in the store as one string, to see that nothing changed. */
static char *snapshot(store *s)
{
    static const char *const sql =
        "SELECT (SELECT group_concat(id||content_hash||ingested_at, ';') FROM document) || '|' ||"
        " (SELECT group_concat(id||event_date||location||ifnull(fatalities_best,'-')||number_of_sources||updated_at,"
        " ';') FROM event) || '|' || (SELECT group_concat(id||event_id||record, ';') FROM report) || '|' ||"
        " (SELECT group_concat(id||report_id||min, ';') FROM claim) || '|' || (SELECT count(*) FROM evidence)";
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

static store *open_store(void)
{
    char err[256] = "";
    store *s = store_open(path, 0, err, sizeof err);
    if (!s)
        fail_msg("store_open: %s", err);
    return s;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tally-store-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/tally.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[128];
    static const char *const ext[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, ext[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

/* Four outlets, four figures: one event, every claim kept. */
static void one_incident_four_outlets(void **state)
{
    (void)state;
    store *s = open_store();
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(put(s, &kaya[i]), STORE_NEW);
    assert_int_equal(q1(s, "SELECT count(*) FROM event"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM report"), 4);
    assert_int_equal(q1(s, "SELECT count(*) FROM claim"), 4);
    assert_int_equal(q1(s, "SELECT count(DISTINCT event_id) FROM claim"), 1);
    assert_int_equal(q1(s, "SELECT number_of_sources FROM event"), 4);
    /* 22, 30, 35, 25: low the smallest, high the largest, best the lower median */
    assert_int_equal(q1(s, "SELECT fatalities_low FROM event"), 22);
    assert_int_equal(q1(s, "SELECT fatalities_best FROM event"), 25);
    assert_int_equal(q1(s, "SELECT fatalities_high FROM event"), 35);
    /* UCDP's sides split the statement behind best (docs/format.md): the
     * humanitarian group's 25 "people", who are of no known side */
    assert_int_equal(q1(s, "SELECT deaths_civilians FROM event"), 0);
    assert_int_equal(q1(s, "SELECT deaths_unknown FROM event"), 25);
    assert_int_equal(q1(s, "SELECT deaths_a + deaths_b FROM event"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM event WHERE event_date = '2025-05-11' AND time_precision = 1 AND "
                           "location = 'Kaya' AND geo_precision = 1 AND iso3 = 'BFA' AND "
                           "disorder_type = 'Political violence' AND event_type = 'Violence against civilians' AND "
                           "civilian_targeting = 1 AND actor2 = 'Civilians (Burkina Faso)'"),
                     1);
    assert_int_equal(q1(s, "SELECT cell FROM event"), merge_cell(13.09167, -1.08444));
    assert_int_equal(store_stats(s)->events_created, 1);
    assert_int_equal(store_stats(s)->reports_merged, 3);
    /* every report keeps its evidence: trigger, date and place spans at least */
    assert_int_equal(q1(s, "SELECT count(DISTINCT report_id) FROM evidence WHERE kind = 'location'"), 4);
    store_close(s);
}

/* Same town two days apart, same day 94 km apart: three events. */
static void nearby_distinct_incidents(void **state)
{
    (void)state;
    store *s = open_store();
    for (size_t i = 0; i < 4; i++)
        put(s, &kaya[i]);
    assert_int_equal(put(s, &kaya_tuesday), STORE_NEW);
    assert_int_equal(put(s, &ouaga_sunday), STORE_NEW);
    assert_int_equal(q1(s, "SELECT count(*) FROM event"), 3);
    assert_int_equal(q1(s, "SELECT fatalities_best FROM event WHERE event_date = '2025-05-13' AND location = 'Kaya'"),
                     7);
    assert_int_equal(q1(s, "SELECT fatalities_best FROM event WHERE location = 'Ouagadougou'"), 9);
    assert_int_equal(q1(s, "SELECT number_of_sources FROM event WHERE location = 'Ouagadougou'"), 1);
    /* the market attack is untouched */
    assert_int_equal(q1(s, "SELECT fatalities_high FROM event WHERE event_date = '2025-05-11' AND location = 'Kaya'"),
                     35);
    store_close(s);
}

/* The same document twice: nothing changes, not even a timestamp. */
static void same_document_twice_changes_nothing(void **state)
{
    (void)state;
    store *s = open_store();
    for (size_t i = 0; i < 4; i++)
        put(s, &kaya[i]);
    char *before = snapshot(s);
    sleep(1); /* so that a rewritten timestamp would differ */
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(put(s, &kaya[i]), STORE_UNCHANGED);
    char *after = snapshot(s);
    assert_string_equal(before, after);
    free(before);
    free(after);
    store_close(s);
}

/* A corrected report replaces its old contribution; the toll follows. */
static void corrected_report_replaces(void **state)
{
    (void)state;
    store *s = open_store();
    for (size_t i = 0; i < 4; i++)
        put(s, &kaya[i]);
    put(s, &kaya_tuesday);
    wire fixed = kaya[2];
    fixed.text = "At least 41 people died in Sunday's attack on a market in Kaya, a hospital source said on Monday.";
    assert_int_equal(put(s, &fixed), STORE_REPLACED);
    assert_int_equal(q1(s, "SELECT count(*) FROM event"), 2);
    assert_int_equal(q1(s, "SELECT count(*) FROM document"), 5);
    assert_int_equal(q1(s, "SELECT count(*) FROM claim WHERE min = 35"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM claim WHERE min = 41"), 1);
    assert_int_equal(q1(s, "SELECT fatalities_high FROM event WHERE event_date = '2025-05-11'"), 41);
    assert_int_equal(q1(s, "SELECT fatalities_low FROM event WHERE event_date = '2025-05-11'"), 22);
    assert_int_equal(q1(s, "SELECT number_of_sources FROM event WHERE event_date = '2025-05-11'"), 4);
    assert_int_equal(q1(s, "SELECT count(*) FROM document WHERE doc_key = 'tv-0513' AND text LIKE '%41 people%'"), 1);

    /* a correction that no longer reports the Tuesday killing: its event goes */
    wire retracted = kaya_tuesday;
    retracted.text = "Residents of Kaya held a peaceful march on Tuesday to demand better protection of the market.";
    assert_int_equal(put(s, &retracted), STORE_REPLACED);
    assert_int_equal(q1(s, "SELECT count(*) FROM event WHERE event_type = 'Violence against civilians'"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM claim WHERE min = 7"), 0);
    assert_int_equal(store_stats(s)->events_deleted, 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM report WHERE event_id NOT IN (SELECT id FROM event)"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM event WHERE id NOT IN (SELECT event_id FROM report)"), 0);
    store_close(s);
}

/* A store closed and opened again still merges into what it holds. */
static void reopened_store_still_merges(void **state)
{
    (void)state;
    store *s = open_store();
    put(s, &kaya[0]);
    put(s, &kaya[1]);
    store_close(s);
    s = open_store();
    assert_int_equal(put(s, &kaya[3]), STORE_NEW);
    assert_int_equal(put(s, &kaya[0]), STORE_UNCHANGED);
    assert_int_equal(q1(s, "SELECT count(*) FROM event"), 1);
    assert_int_equal(q1(s, "SELECT number_of_sources FROM event"), 3);
    assert_int_equal(q1(s, "SELECT fatalities_best FROM event"), 25);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    store_close(s);
}

/* A region-level report is compatible with both towns of a later report;
 * only one of them may join it: a report's two incidents stay two events. */
static void one_document_never_merges_with_itself(void **state)
{
    (void)state;
    store *s = open_store();
    wire region = {"gov-0512", "2025-05-12", NULL,
                   "Gunmen killed 18 civilians in the Centre-Nord region on Sunday, the regional governor said."};
    wire towns = {"radio-0512", "2025-05-12", NULL,
                  "Gunmen killed 12 civilians at a market in Kaya on Sunday, a local official said.\n\n"
                  "On the same day, gunmen killed six civilians in Kongoussi, residents said."};
    assert_int_equal(put(s, &region), STORE_NEW);
    assert_int_equal(put(s, &towns), STORE_NEW);
    assert_int_equal(q1(s, "SELECT count(*) FROM event"), 2);
    /* Kaya joined the region's event and made its place precise */
    assert_int_equal(q1(s, "SELECT number_of_sources FROM event WHERE location = 'Kaya' AND geo_precision = 1"), 2);
    assert_int_equal(q1(s, "SELECT fatalities_low FROM event WHERE location = 'Kaya'"), 12);
    assert_int_equal(q1(s, "SELECT fatalities_high FROM event WHERE location = 'Kaya'"), 18);
    assert_int_equal(q1(s, "SELECT number_of_sources FROM event WHERE location = 'Kongoussi'"), 1);
    assert_int_equal(q1(s, "SELECT fatalities_best FROM event WHERE location = 'Kongoussi'"), 6);
    store_close(s);
}

/* ---- the rule itself, on hand-made incidents ------------------------------------ */

static incident town(const char *loc, double lat, double lon, int y, int m, int d)
{
    incident r;
    memset(&r, 0, sizeof r);
    strcpy(r.event_type, "Battles");
    strcpy(r.sub_event_type, "Armed clash");
    r.date = r.first = r.last = (civil_date){y, m, d};
    r.time_precision = 1;
    strcpy(r.country, "Mali");
    strcpy(r.iso3, "MLI");
    strcpy(r.admin1, "Gao");
    strcpy(r.location, loc);
    r.lat = lat;
    r.lon = lon;
    r.has_coords = 1;
    r.geo_precision = 1;
    return r;
}

static void rule_dates_places_actors(void **state)
{
    (void)state;
    int days;
    double km;
    incident e = town("Gao", 16.27, -0.04, 2024, 3, 10);
    incident r = e;
    assert_true(merge_compatible(&e, &r, &days, &km));
    r.date = r.first = r.last = (civil_date){2024, 3, 11}; /* "Sunday night" vs "Monday" */
    assert_true(merge_compatible(&e, &r, &days, &km));
    assert_int_equal(days, 1);
    r.date = r.first = r.last = (civil_date){2024, 3, 12};
    assert_false(merge_compatible(&e, &r, &days, &km));
    /* a week-precision report overlapping the day */
    r.first = r.date = (civil_date){2024, 3, 8};
    r.last = (civil_date){2024, 3, 14};
    r.time_precision = 2;
    assert_true(merge_compatible(&e, &r, &days, &km));
    r.first = r.date = (civil_date){2024, 3, 1};
    r.last = (civil_date){2024, 3, 7};
    assert_false(merge_compatible(&e, &r, &days, &km));
    /* 20 km away merges, 40 km does not (towns), 40 km does when one is "near" */
    r = e;
    r.lat += 20.0 / 111.2;
    assert_true(merge_compatible(&e, &r, &days, &km));
    assert_true(km > 19.5 && km < 20.5);
    r.lat = e.lat + 40.0 / 111.2;
    assert_false(merge_compatible(&e, &r, &days, &km));
    r.geo_precision = 2;
    assert_true(merge_compatible(&e, &r, &days, &km));
    /* region precision: same admin1 merges, another admin1 does not */
    r = e;
    r.lat = 17.5, r.lon = 1.0, r.geo_precision = 3;
    r.location[0] = '\0';
    assert_true(merge_compatible(&e, &r, &days, &km));
    strcpy(r.admin1, "Menaka");
    assert_false(merge_compatible(&e, &r, &days, &km));
    /* actors: two named attackers contradict; unidentified does not; the
     * sides of a battle may come in either order */
    r = e;
    strcpy(e.actor1, "Military Forces of Mali");
    strcpy(e.actor2, "JNIM: Group for Support of Islam and Muslims");
    strcpy(r.actor1, "JNIM: Group for Support of Islam and Muslims");
    assert_true(merge_compatible(&e, &r, &days, &km));
    strcpy(r.actor1, "Islamic State Sahel");
    assert_false(merge_compatible(&e, &r, &days, &km));
    strcpy(r.actor1, "Unidentified Armed Group");
    assert_true(merge_compatible(&e, &r, &days, &km));
    strcpy(e.event_type, "Violence against civilians");
    strcpy(r.event_type, "Violence against civilians");
    strcpy(r.actor1, "JNIM: Group for Support of Islam and Muslims");
    assert_false(merge_compatible(&e, &r, &days, &km));
    /* another event type never merges */
    r = e;
    strcpy(r.event_type, "Protests");
    assert_false(merge_compatible(&e, &r, &days, &km));
}

static void rule_cells_and_disorder(void **state)
{
    (void)state;
    assert_int_equal(merge_cell(0.5, 0.5), 90 * 360 + 180);
    assert_int_equal(merge_cell(-0.5, -0.5), 89 * 360 + 179);
    assert_int_equal(merge_cell(90.0, 180.0), 179 * 360 + 0);
    /* a point near a cell corner: its cell and the three across the corner */
    incident r = town("x", 16.99, -0.01, 2024, 1, 1);
    int cells[64];
    size_t n = merge_cells_near(&r, cells, 64);
    assert_int_equal(cells[0], merge_cell(16.99, -0.01));
    int want[] = {merge_cell(17.2, -0.01), merge_cell(16.99, 0.2), merge_cell(17.2, 0.2)};
    for (size_t w = 0; w < 3; w++) {
        int found = 0;
        for (size_t i = 0; i < n; i++)
            found |= cells[i] == want[w];
        assert_true(found);
    }
    assert_true(n <= 9);
    assert_string_equal(merge_disorder_type("Battles"), "Political violence");
    assert_string_equal(merge_disorder_type("Explosions/Remote violence"), "Political violence");
    assert_string_equal(merge_disorder_type("Violence against civilians"), "Political violence");
    assert_string_equal(merge_disorder_type("Protests"), "Demonstrations");
    assert_string_equal(merge_disorder_type("Riots"), "Demonstrations");
    assert_string_equal(merge_disorder_type("Strategic developments"), "Strategic developments");
}

/* The most precise place and date win; the actor most reports name wins. */
static void rule_combine(void **state)
{
    (void)state;
    incident r[3];
    r[0] = town("Gao region", 16.5, 0.5, 2024, 3, 4);
    r[0].geo_precision = 3;
    r[0].time_precision = 2;
    r[0].first = (civil_date){2024, 3, 4};
    r[0].last = (civil_date){2024, 3, 10};
    r[1] = town("Gao", 16.27, -0.04, 2024, 3, 10);
    r[2] = town("Gao", 16.27, -0.04, 2024, 3, 10);
    strcpy(r[0].actor1, "Unidentified Armed Group");
    strcpy(r[1].actor1, "Islamic State Sahel");
    strcpy(r[1].assoc1, "Katiba Macina");
    strcpy(r[2].actor1, "Islamic State Sahel");
    incident m;
    merge_combine(&m, r, 3);
    assert_string_equal(m.location, "Gao");
    assert_int_equal(m.geo_precision, 1);
    assert_int_equal(m.time_precision, 1);
    assert_int_equal(m.date.day, 10);
    assert_string_equal(m.actor1, "Islamic State Sahel");
    assert_string_equal(m.assoc1, "Katiba Macina");
}

int main(void)
{
    char err[512];
    T = tally_open(TEST_DATADIR, TEST_GAZETTEER, err, sizeof err);
    if (!T) {
        fprintf(stderr, "tally_open: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_incident_four_outlets, setup, teardown),
        cmocka_unit_test_setup_teardown(nearby_distinct_incidents, setup, teardown),
        cmocka_unit_test_setup_teardown(same_document_twice_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(corrected_report_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(reopened_store_still_merges, setup, teardown),
        cmocka_unit_test_setup_teardown(one_document_never_merges_with_itself, setup, teardown),
        cmocka_unit_test(rule_dates_places_actors),
        cmocka_unit_test(rule_cells_and_disorder),
        cmocka_unit_test(rule_combine),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tally_close(T);
    return rc;
}
