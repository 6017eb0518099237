/* The whole pipeline on reports written for these tests, asserting the
 * values an analyst would code. */
#include "testutil.h"
#include "testtally.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "record.h"


static int contains(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

/* Reads a seed-format fixture and extracts it. */
static tally_events *extract_file(const char *path, char **text_out)
{
    size_t n;
    char *bytes = read_file(path, &n);
    assert_non_null(bytes);
    /* "date YYYY-MM-DD\n" then the text */
    civil_date d;
    assert_true(date_parse_iso(bytes + 5, 10, &d));
    const char *text = bytes + 16;
    tally_doc doc = {.id = "fixture", .date = {d.year, d.month, d.day}, .text = text, .len = n - 16};
    tally_events *ev = tally_extract(T, &doc);
    *text_out = bytes;
    return ev;
}

static const claim *nth_counted_claim(const tally_events *ev, const event *e, int k)
{
    for (size_t i = 0; i < e->nclaims; i++) {
        const claim *c = &ev->claims[e->claims[i]];
        if (c->part_of < 0 && c->restates < 0 && k-- == 0)
            return c;
    }
    return NULL;
}

static void assert_date(civil_date d, int y, int m, int day)
{
    char got[11], want[11];
    date_format(d, got);
    date_format((civil_date){y, m, day}, want);
    assert_string_equal(got, want);
}

static void test_contested_strike_report(void **state)
{
    (void)state;
    char *bytes;
    tally_events *ev = extract_file("tests/fixtures/menaka-2025-06-15.txt", &bytes);
    assert_int_equal(ev->n, 4);

    /* 1: the strike of the report's day, contested tolls. */
    const event *e = &ev->ev[0];
    assert_string_equal(e->event_type, "Explosions/Remote violence");
    assert_string_equal(e->sub_event_type, "Air/drone strike");
    assert_date(e->date, 2025, 6, 15);
    assert_int_equal(e->time_precision, 1);
    assert_string_equal(e->iso3, "MLI");
    assert_string_equal(e->location, "Ménaka");
    assert_int_equal(e->geo_precision, 1);
    assert_string_equal(e->actor1, "Military Forces of Mali");
    assert_string_equal(e->assoc1, "Wagner Group");
    assert_string_equal(e->actor2, "Civilians (Mali)");
    assert_true(e->fatalities.known);
    assert_int_equal(e->fatalities.low, 9);
    assert_int_equal(e->fatalities.best, 9);
    assert_int_equal(e->fatalities.high, 11);
    /* the lede's "local sources" figure restates the official's: two counted claims */
    const claim *c0 = nth_counted_claim(ev, e, 0), *c1 = nth_counted_claim(ev, e, 1);
    assert_non_null(c0);
    assert_non_null(c1);
    assert_null(nth_counted_claim(ev, e, 2));
    assert_string_equal(c0->source, "Rebels");
    assert_int_equal(c0->kind, SRC_PARTY);
    assert_int_equal(c0->min, 11);
    assert_int_equal(c0->q, Q_EXACT);
    assert_string_equal(c1->source, "local official");
    assert_int_equal(c1->kind, SRC_LOCAL);
    assert_int_equal(c1->q, Q_AT_LEAST);
    /* "including four children" is a part of 11, never added */
    int parts = 0;
    for (size_t i = 0; i < e->nclaims; i++) {
        const claim *c = &ev->claims[e->claims[i]];
        if (c->part_of >= 0) {
            parts++;
            assert_int_equal(c->min, 4);
            assert_string_equal(c->victims, "children");
        }
    }
    assert_int_equal(parts, 1);

    /* 2: the ambush and two days of fighting: one battle, the party's counts added. */
    e = &ev->ev[1];
    assert_string_equal(e->event_type, "Battles");
    assert_date(e->first, 2025, 6, 2);
    assert_date(e->last, 2025, 6, 3);
    assert_int_equal(e->geo_precision, 2); /* "near Menaka" */
    assert_int_equal(e->fatalities.best, 32);
    const claim *p = nth_counted_claim(ev, e, 0);
    assert_int_equal(p->kind, SRC_PARTY);
    assert_int_equal(p->outcome, OUT_KILLED);

    /* 3: retaliation "in the following days": after the battle, a week's range. */
    e = &ev->ev[2];
    assert_string_equal(e->sub_event_type, "Air/drone strike");
    assert_date(e->first, 2025, 6, 4);
    assert_date(e->last, 2025, 6, 10);
    assert_int_equal(e->time_precision, 2);
    assert_string_equal(e->actor1, "Military Forces of Mali");
    assert_false(e->fatalities.known);

    /* 4: a suspended radio station: a strategic development on Saturday. */
    e = &ev->ev[3];
    assert_string_equal(e->event_type, "Strategic developments");
    assert_date(e->date, 2025, 6, 14);
    assert_string_equal(e->actor1, "Government of Mali");
    assert_int_equal(e->geo_precision, 3);

    /* the 2020 coup is background: no event carries 2020 */
    for (size_t k = 0; k < ev->n; k++)
        assert_true(ev->ev[k].first.year == 2025);
    tally_events_free(ev);
    free(bytes);
}

/* A document id that needs escaping ("wire \"A\"\\7", a tab) comes back
 * whole from every place the record names it: the event id, the doc id and
 * each evidence span, which the writer escapes once per record. */
static void test_record_escaped_doc_id(void **state)
{
    (void)state;
    const char *text = "Gunmen killed five villagers in an attack on Djibo on Sunday, the army said. "
                       "Soldiers later clashed with the attackers near Djibo, killing two of them.";
    const char *id = "wire \"A\"\\7\tx";
    tally_doc doc = {.id = id, .date = {2025, 3, 4}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &doc);
    assert_true(tally_events_count(ev) >= 1);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    tally_write_jsonl(ev, f);
    fclose(f);
    int lines = 0, spans = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *o = cJSON_Parse(line);
        assert_non_null(o);
        lines++;
        char want[64];
        snprintf(want, sizeof want, "%s#%d", id, lines);
        assert_string_equal(cJSON_GetObjectItem(o, "event_id")->valuestring, want);
        assert_string_equal(cJSON_GetObjectItem(o, "doc_id")->valuestring, id);
        cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItem(o, "claims"))
        {
            cJSON *evd = cJSON_GetObjectItem(c, "evidence");
            assert_string_equal(cJSON_GetObjectItem(evd, "doc_id")->valuestring, id);
            assert_true(cJSON_GetObjectItem(evd, "end")->valueint > cJSON_GetObjectItem(evd, "start")->valueint);
            spans++;
        }
        cJSON_Delete(o);
    }
    assert_int_equal((size_t)lines, tally_events_count(ev));
    assert_true(spans >= 1);
    free(out);
    tally_events_free(ev);
}

/* Coordinates are written without printf: the same bytes as "%.5f" for
 * ordinary and awkward values (exact ties at the sixth decimal, which round
 * half to even; tiny and negative values that round to zero; the poles and
 * the antimeridian; values past any coordinate). */
static void test_record_fixed5(void **state)
{
    (void)state;
    double v[] = {0.0, -0.0, 12.34567, -12.34567, 3.0 / 64, -3.0 / 64, 5.0 / 64, 0.5, 1e-9, -1e-9, 4e-6, 6e-6,
                  -4.99999e-6, 90.0, -90.0, 180.0, -180.0, 179.999995, -179.999995, 14.693450000000001, 1e15,
                  -123456789.123456789, 9007199254740993.0, 1e300, 5e-324};
    buf b = {0};
    char want[512];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        b.len = 0;
        record_put_fixed5(&b, v[i]);
        snprintf(want, sizeof want, "%.5f", v[i]);
        assert_string_equal(buf_cstr(&b), want);
    }
    /* and a sweep of coordinates at random */
    unsigned long long x = 88172645463325252ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double d = ((double)(x >> 11) / 9007199254740992.0) * 360.0 - 180.0;
        if (i % 3 == 0)
            d = (double)(long long)(d * 1e6) / 1e6 + 5e-7; /* near a tie */
        b.len = 0;
        record_put_fixed5(&b, d);
        snprintf(want, sizeof want, "%.5f", d);
        assert_string_equal(buf_cstr(&b), want);
    }
    buf_free(&b);
}

static void test_record_format(void **state)
{
    (void)state;
    char *bytes;
    tally_events *ev = extract_file("tests/fixtures/menaka-2025-06-15.txt", &bytes);
    const char *text = bytes + 16;
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    tally_write_jsonl(ev, f);
    fclose(f);
    static const char *const fields[] = {"event_id", "doc_id", "event_date", "date_start", "date_end",
                                         "time_precision", "event_type", "sub_event_type", "actor1",
                                         "assoc_actor_1", "actor2", "assoc_actor_2", "country", "iso", "admin1",
                                         "admin2", "location", "latitude", "longitude", "geo_precision",
                                         "fatalities", "injured", "claims", "evidence", "notes"};
    int lines = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *o = cJSON_Parse(line);
        assert_non_null(o);
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (!cJSON_HasObjectItem(o, fields[i]))
                fail_msg("field %s missing", fields[i]);
        /* every claim's evidence span holds its number's words */
        cJSON *claims = cJSON_GetObjectItem(o, "claims"), *c;
        cJSON_ArrayForEach(c, claims)
        {
            cJSON *evd = cJSON_GetObjectItem(c, "evidence");
            int s = cJSON_GetObjectItem(evd, "start")->valueint, e = cJSON_GetObjectItem(evd, "end")->valueint;
            assert_true(s >= 0 && e > s);
            assert_string_equal(cJSON_GetObjectItem(evd, "doc_id")->valuestring, "fixture");
            const char *kinds[] = {"party", "official", "ngo", "local", "media", "unknown"};
            int ok = 0;
            for (int k = 0; k < 6; k++)
                ok |= !strcmp(cJSON_GetObjectItem(c, "source_kind")->valuestring, kinds[k]);
            assert_true(ok);
            int mn = cJSON_GetObjectItem(c, "min")->valueint;
            char num[16];
            snprintf(num, sizeof num, "%d", mn);
            const char *words[] = {"nine", "11", "20", "12"};
            int found = 0;
            for (int k = 0; k < 4; k++)
                found |= contains(text + s, (size_t)(e - s), words[k]);
            assert_true(found);
        }
        cJSON *fat = cJSON_GetObjectItem(o, "fatalities");
        if (cJSON_IsObject(fat))
            assert_true(cJSON_GetObjectItem(fat, "low")->valueint <= cJSON_GetObjectItem(fat, "best")->valueint &&
                        cJSON_GetObjectItem(fat, "best")->valueint <= cJSON_GetObjectItem(fat, "high")->valueint);
        cJSON_Delete(o);
        lines++;
    }
    assert_int_equal(lines, 4);
    free(out);
    tally_events_free(ev);
    free(bytes);
}

static void test_one_incident_many_numbers(void **state)
{
    (void)state;
    const char *text = "At least 13 people were killed and 14 others wounded when a suicide bomber struck a "
                       "wedding in the eastern Afghan city of Jalalabad on Sunday, officials said. The Taliban "
                       "denied any role. Police said the toll rose overnight.";
    tally_doc doc = {.id = "af", .date = {2017, 1, 17}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &doc);
    assert_int_equal(ev->n, 1);
    const event *e = &ev->ev[0];
    assert_string_equal(e->sub_event_type, "Suicide bomb");
    assert_string_equal(e->location, "Jalālābād"); /* GeoNames' preferred name */
    assert_string_equal(e->iso3, "AFG");
    assert_date(e->date, 2017, 1, 15);
    assert_int_equal(e->fatalities.best, 13);
    assert_int_equal(e->injured.best, 14);
    assert_string_equal(nth_counted_claim(ev, e, 0)->source, "officials");
    tally_events_free(ev);
}

static void test_nothing_to_code(void **state)
{
    (void)state;
    const char *text = "The minister opened a new school in Dakar on Monday. Officials said 300 pupils enrolled.";
    tally_doc doc = {.id = "calm", .date = {2024, 9, 3}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &doc);
    assert_int_equal(tally_events_count(ev), 0);
    tally_events_free(ev);
    /* negated and threatened violence is not an event */
    const char *neg = "The group threatened to attack the town. The army denied carrying out air strikes.";
    tally_doc d2 = {.id = "neg", .date = {2024, 9, 3}, .text = neg, .len = strlen(neg)};
    ev = tally_extract(T, &d2);
    assert_int_equal(tally_events_count(ev), 0);
    tally_events_free(ev);
}

static void test_sub_event_types(void **state)
{
    (void)state;
    const struct {
        const char *text, *type, *sub;
    } cases[] = {
        {"Protesters hurled stones at police in Nairobi on Tuesday.", "Riots", "Violent demonstration"},
        {"Police used water cannon to break up a rally in Dakar on Tuesday.", "Protests", "Protest with intervention"},
        {"Soldiers killed protesters in Khartoum on Tuesday, medics said.", "Protests",
         "Excessive force against protesters"},
        {"Troops seized weapons and ammunition in a raid near Goma on Tuesday.", "Strategic developments",
         "Disrupted weapons use"},
        {"Rebels pulled out of the town of Bunia on Tuesday.", "Strategic developments",
         "Non-violent transfer of territory"},
        {"A drone strike hit a convoy near Gao on Tuesday.", "Explosions/Remote violence", "Air/drone strike"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tally_doc doc = {.id = "s", .date = {2024, 9, 4}, .text = cases[i].text, .len = strlen(cases[i].text)};
        tally_events *ev = tally_extract(T, &doc);
        if (ev->n < 1 || strcmp(ev->ev[0].event_type, cases[i].type) || strcmp(ev->ev[0].sub_event_type, cases[i].sub))
            fail_msg("'%s': got %s / %s", cases[i].text, ev->n ? ev->ev[0].event_type : "(none)",
                     ev->n ? ev->ev[0].sub_event_type : "");
        assert_int_equal(ev->ev[0].date.day, 3);
        tally_events_free(ev);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contested_strike_report),
        cmocka_unit_test(test_record_format),
        cmocka_unit_test(test_record_escaped_doc_id),
        cmocka_unit_test(test_record_fixed5),
        cmocka_unit_test(test_one_incident_many_numbers),
        cmocka_unit_test(test_nothing_to_code),
        cmocka_unit_test(test_sub_event_types),
    };
    return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
}
