/* test_serve.c -- what `tally serve` answers (src/serve.h), without a
 * socket: the query-string parser and its refusals, every endpoint's JSON on
 * the fixture store (tests/fixtures/store.sql), the status codes of bad
 * requests, the static files' whitelist, the rate limit and the Host check;
 * and the Kidal report (tests/fixtures/serve/) ingested through the library,
 * whose event must come back with its four claims. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "testutil.h"

#include "countries.h"
#include "schema.h"
#include "serve.h"
#include "store.h"
#include "tally.h"
#include "util.h"

#define FIXTURE "tests/fixtures/store.sql"
#define KIDAL "tests/fixtures/serve/kidal-2025-09-14.txt"

static char dir[64], dbpath[128], www[128];

typedef struct {
    serve_app *app;
    countries *c;
} fixture;

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static int make_store(const char *path)
{
    sqlite3 *db;
    char err[256];
    if (sqlite3_open(path, &db) != SQLITE_OK || schema_migrate(db, err, sizeof err))
        return -1;
    size_t len;
    char *sql = read_file(FIXTURE, &len);
    int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_ERROR;
    free(sql);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

/* The page's files, each holding its own name, in a www directory of its own. */
static int make_www(void)
{
    static const char *const files[] = {"index.html", "app.js", "app.css", "vendor/leaflet.js", "vendor/leaflet.css",
                                        "vendor/topojson-client.min.js", "vendor/countries-110m.json"};
    char p[256];
    snprintf(p, sizeof p, "%s/vendor", www);
    if (mkdir(www, 0700) || mkdir(p, 0700))
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(files); i++) {
        snprintf(p, sizeof p, "%s/%s", www, files[i]);
        char body[128];
        snprintf(body, sizeof body, "file %s\n", files[i]);
        if (write_file(p, body))
            return -1;
    }
    return 0;
}

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/tally-serve-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(dbpath, sizeof dbpath, "%s/fixture.db", dir);
    snprintf(www, sizeof www, "%s/www", dir);
    if (make_store(dbpath) || make_www())
        return -1;
    fixture *fx = calloc(1, sizeof *fx);
    char err[512];
    fx->c = countries_load(TEST_DATADIR "/countries.tsv", err, sizeof err);
    serve_config cfg = {dbpath, www, fx->c, 2};
    fx->app = fx->c ? serve_open(&cfg, err, sizeof err) : NULL;
    if (!fx->app) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    serve_close(fx->app);
    countries_free(fx->c);
    free(fx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- the query parser ------------------------------------------------------- */

static int parse(const char *qs, unsigned allowed, serve_query *q)
{
    char err[160];
    return serve_parse_query(qs, strlen(qs), allowed, q, err, sizeof err);
}

static void query_takes_every_filter(void **state)
{
    serve_query q;
    assert_int_equal(parse("bbox=-12.5,4,16.25,25&since=2025-01-01&until=2025-06-30&country=ML&type=Air%2Fdrone+strike"
                           "&min_fatalities=10&limit=50&offset=100",
                           SQ_FILTERS | SQ_LIMIT | SQ_OFFSET, &q),
                     0);
    assert_true(q.given & SQ_BBOX);
    assert_true(fabs(q.west + 12.5) < 1e-9 && fabs(q.south - 4) < 1e-9 && fabs(q.east - 16.25) < 1e-9 &&
                fabs(q.north - 25) < 1e-9);
    assert_string_equal(q.since, "2025-01-01");
    assert_string_equal(q.until, "2025-06-30");
    assert_string_equal(q.country, "ML");
    assert_string_equal(q.type, "Air/drone strike");
    assert_int_equal(q.min_fatalities, 10);
    assert_int_equal(q.limit, 50);
    assert_int_equal(q.offset, 100);

    /* nothing given: the defaults */
    assert_int_equal(parse("", SQ_FILTERS, &q), 0);
    assert_int_equal(q.given, 0);
    assert_int_equal(q.min_fatalities, -1);
    assert_int_equal(q.limit, SERVE_DEFAULT_LIMIT);
    assert_int_equal(q.offset, 0);
    /* an empty value is no value (a browser form sends "since="), an
     * empty pair is nothing */
    assert_int_equal(parse("since=&&type=Battles&", SQ_FILTERS, &q), 0);
    assert_int_equal(q.given, SQ_TYPE);
    assert_string_equal(q.since, "");
    /* a country name with an apostrophe and a non-ASCII letter */
    assert_int_equal(parse("country=C%C3%B4te+d%27Ivoire", SQ_FILTERS, &q), 0);
    assert_string_equal(q.country, "C\xC3\xB4te d'Ivoire");
    /* a box across the antimeridian */
    assert_int_equal(parse("bbox=170,-20,-170,10", SQ_FILTERS, &q), 0);
    assert_true(q.west > q.east);
}

static void query_refuses_what_it_cannot_trust(void **state)
{
    static const struct {
        const char *qs;
        int status;
    } bad[] = {
        {"frobnicate=1", 400},                      /* unknown: a typo must not widen the selection */
        {"since=2025-01-01&since=2025-02-01", 400}, /* twice */
        {"since=2025-02-30", 400},                  /* not a calendar day */
        {"since=2025-1-1", 400},
        {"since=2025-06-02&until=2025-06-01", 400}, /* an empty range */
        {"bbox=1,2,3", 400},
        {"bbox=1,2,3,4,5", 400},
        {"bbox=-181,0,10,10", 400},
        {"bbox=0,10,10,0", 400},                    /* south above north */
        {"bbox=1e1,0,10,10", 400},                  /* no exponent */
        {"bbox=inf,0,10,10", 400},
        {"bbox=nan,0,10,10", 400},
        {"bbox=0x10,0,10,10", 400},
        {"bbox=1.,0,10,10", 400},
        {"min_fatalities=-1", 400},
        {"min_fatalities=1.5", 400},
        {"min_fatalities=9999999999", 400},
        {"limit=0", 400},
        {"limit=5001", 400},
        {"offset=-3", 400},
        {"type=%00Battles", 400},                   /* NUL would cut the value short */
        {"type=Battles%0A", 400},
        {"type=%zz", 400},
        {"type=%4", 400},
        {"type=Battles%27%20OR%201%3D1--", 400},    /* SQL */
        {"type=x';DROP TABLE event;--", 400},
        {"country=ML%3B", 400},
        {"country=%2A", 400},
        {"type=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 400}, /* 66 bytes */
        {"=1", 400},
        {"limit=10", 400},                          /* not taken by an endpoint without limit */
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        serve_query q;
        char err[160] = "";
        int st = serve_parse_query(bad[i].qs, strlen(bad[i].qs), SQ_FILTERS, &q, err, sizeof err);
        if (st != bad[i].status)
            fail_msg("'%s': %d, expected %d", bad[i].qs, st, bad[i].status);
        assert_true(err[0]);
        /* the message names the parameter, never the client's value */
        assert_null(strstr(err, "DROP"));
        assert_null(strstr(err, "OR 1"));
    }
    /* longer than SERVE_MAX_QUERY: 414 */
    char big[SERVE_MAX_QUERY + 16];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, "type=", 5);
    serve_query q;
    assert_int_equal(parse(big, SQ_FILTERS, &q), 414);
    big[SERVE_MAX_QUERY] = '\0';
    assert_int_equal(parse(big, SQ_FILTERS, &q), 400); /* 1024 bytes: read, then too long a value */
}

/* ---- answers ------------------------------------------------------------------ */

static cJSON *get(fixture *fx, const char *uri, int want_status)
{
    serve_response r;
    serve_handle(fx->app, "GET", uri, &r);
    if (r.status != want_status)
        fail_msg("%s: status %d, expected %d: %.*s", uri, r.status, want_status, (int)r.len, r.body);
    assert_string_equal(r.content_type, "application/json; charset=utf-8");
    cJSON *j = cJSON_ParseWithLength(r.body, r.len);
    if (!j)
        fail_msg("%s: not JSON: %.*s", uri, (int)r.len, r.body);
    serve_response_free(&r);
    return j;
}

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!cJSON_IsNumber(v))
        fail_msg("'%s' is not a number", k);
    return v->valuedouble;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The ids of a list answer, "1,2,4". */
static void ids(fixture *fx, const char *uri, char *out, size_t outlen)
{
    cJSON *j = get(fx, uri, 200);
    out[0] = '\0';
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(j, "events"))
        snprintf(out + strlen(out), outlen - strlen(out), "%s%d", out[0] ? "," : "", (int)num(e, "id"));
    cJSON_Delete(j);
}

static void events_are_filtered(void **state)
{
    fixture *fx = *state;
    char got[128];
    /* five events in (event_date, id) order: 3 (March), 1, 2, 5, 4 */
    ids(fx, "/api/events", got, sizeof got);
    assert_string_equal(got, "3,1,2,5,4");
    ids(fx, "/api/events?country=ML", got, sizeof got);
    assert_string_equal(got, "1,2,4");
    ids(fx, "/api/events?country=Mali", got, sizeof got);
    assert_string_equal(got, "1,2,4");
    ids(fx, "/api/events?type=battles", got, sizeof got);
    assert_string_equal(got, "2,4");
    ids(fx, "/api/events?type=Air%2Fdrone%20strike", got, sizeof got);
    assert_string_equal(got, "1");
    ids(fx, "/api/events?min_fatalities=10", got, sizeof got);
    assert_string_equal(got, "1,2");
    ids(fx, "/api/events?since=2025-06-15&until=2025-06-22", got, sizeof got);
    assert_string_equal(got, "2,5");
    /* a box around Mali holds Djibo too; event 4 has no coordinates, so no
     * box holds it */
    ids(fx, "/api/events?bbox=-12,10,5,25", got, sizeof got);
    assert_string_equal(got, "3,1,2");
    ids(fx, "/api/events?bbox=0,15,5,17", got, sizeof got);
    assert_string_equal(got, "1");
    /* across the antimeridian: from 40 E eastwards to 170 W holds Mogadishu */
    ids(fx, "/api/events?bbox=40,-10,-170,10", got, sizeof got);
    assert_string_equal(got, "5");
    ids(fx, "/api/events?bbox=170,-10,-170,10", got, sizeof got);
    assert_string_equal(got, "");
    ids(fx, "/api/events?country=MLI&min_fatalities=20&bbox=-12,10,5,25", got, sizeof got);
    assert_string_equal(got, "2");
    /* unknown country: a bad request, not an empty answer */
    cJSON_Delete(get(fx, "/api/events?country=Atlantis", 400));
}

static void events_list_pages_and_says_so(void **state)
{
    fixture *fx = *state;
    cJSON *j = get(fx, "/api/events?limit=2&offset=1", 200);
    assert_int_equal(num(j, "total"), 5);
    assert_int_equal(num(j, "total_best"), 14 + 26 + 3 + 5); /* all five, not the page's two */
    assert_int_equal(num(j, "count"), 2);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "truncated")));
    const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "events"), 0);
    assert_int_equal(num(e, "id"), 1);
    assert_string_equal(str(e, "event_id_cnty"), "MLI1");
    assert_string_equal(str(e, "location"), "M\xC3\xA9naka");
    assert_string_equal(str(e, "event_type"), "Explosions/Remote violence");
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "fatalities");
    assert_int_equal(num(f, "low"), 12);
    assert_int_equal(num(f, "best"), 14);
    assert_int_equal(num(f, "high"), 17);
    assert_true(fabs(num(e, "latitude") - 15.91822) < 1e-9);
    assert_int_equal(num(e, "sources"), 2);
    cJSON_Delete(j);
    /* the protest has no toll: null, not 0 */
    j = get(fx, "/api/events?type=Protests", 200);
    e = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "events"), 0);
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "fatalities")));
    assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "truncated")));
    cJSON_Delete(j);
    /* the unplaced clash: null coordinates */
    j = get(fx, "/api/events?until=2025-06-30&since=2025-06-23", 200);
    e = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "events"), 0);
    assert_int_equal(num(e, "id"), 4);
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "latitude")));
    cJSON_Delete(j);
}

static void one_event_has_claims_and_marked_text(void **state)
{
    fixture *fx = *state;
    cJSON *e = get(fx, "/api/events/1", 200);
    assert_string_equal(str(e, "sub_event_type"), "Air/drone strike");
    assert_string_equal(str(e, "assoc_actor_1"), "Wagner Group");
    assert_int_equal(num(e, "civilian_targeting"), 1);
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "injured")));
    assert_int_equal(num(cJSON_GetObjectItemCaseSensitive(e, "deaths"), "civilians"), 14);
    /* three claims and a part, in report order, each with its source */
    const cJSON *claims = cJSON_GetObjectItemCaseSensitive(e, "claims");
    assert_int_equal(cJSON_GetArraySize(claims), 4);
    const cJSON *c0 = cJSON_GetArrayItem(claims, 0), *c2 = cJSON_GetArrayItem(claims, 2), *c3 = cJSON_GetArrayItem(claims, 3);
    assert_string_equal(str(c0, "source"), "local official");
    assert_string_equal(str(c0, "source_kind"), "local");
    assert_string_equal(str(c0, "qualifier"), "at_least");
    assert_int_equal(num(c0, "min"), 12);
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c0, "max")));
    assert_string_equal(str(c0, "outlet"), "AFP");
    assert_int_equal(num(c2, "part_of"), 2);
    assert_string_equal(str(c2, "victims"), "children");
    assert_string_equal(str(c3, "source"), "humanitarian worker");
    assert_string_equal(str(c3, "outlet"), "Reuters");

    /* each report's segments are its text, byte for byte */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT text FROM document WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
    const cJSON *reports = cJSON_GetObjectItemCaseSensitive(e, "reports");
    assert_int_equal(cJSON_GetArraySize(reports), 2);
    int figure_marked = 0, source_marked = 0, place_marked = 0;
    for (int k = 0; k < 2; k++) {
        const cJSON *r = cJSON_GetArrayItem(reports, k);
        buf joined = {0};
        const cJSON *s;
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(r, "segments"))
        {
            const char *t = str(s, "text");
            buf_puts(&joined, t);
            const cJSON *m;
            cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(s, "marks"))
            {
                const cJSON *cl = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s, "claims"), 0);
                if (!strcmp(m->valuestring, "figure") && !strcmp(t, "killed at least 12 civilians") && cl &&
                    (int)cl->valuedouble == 1)
                    figure_marked = 1;
                if (!strcmp(m->valuestring, "source") && !strcmp(t, "a local official"))
                    source_marked = 1;
                if (!strcmp(m->valuestring, "location") && !strcmp(t, "near M\xC3\xA9naka"))
                    place_marked = 1;
            }
        }
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, k + 1);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal(buf_cstr(&joined), (const char *)sqlite3_column_text(st, 0));
        buf_free(&joined);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_true(figure_marked);
    assert_true(source_marked);
    assert_true(place_marked);
    cJSON_Delete(e);

    /* ACLED's event_id_cnty names the same event */
    e = get(fx, "/api/events/MLI1", 200);
    assert_int_equal(num(e, "id"), 1);
    cJSON_Delete(e);
    cJSON_Delete(get(fx, "/api/events/999", 404));
    cJSON_Delete(get(fx, "/api/events/0", 404));
    cJSON_Delete(get(fx, "/api/events/1x", 404));
    cJSON_Delete(get(fx, "/api/events/1?limit=3", 400));
}

static void weekly_sums_by_iso_week(void **state)
{
    fixture *fx = *state;
    cJSON *j = get(fx, "/api/weekly", 200);
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(j, "weeks");
    /* 03-09 (a Sunday: week of 03-03), 06-14, 06-19 + 06-20, 06-23 */
    assert_int_equal(cJSON_GetArraySize(w), 4);
    const cJSON *w0 = cJSON_GetArrayItem(w, 0), *w2 = cJSON_GetArrayItem(w, 2);
    assert_string_equal(str(w0, "monday"), "2025-03-03");
    assert_string_equal(str(w0, "week"), "2025-W10");
    assert_int_equal(num(w0, "events"), 1);
    assert_int_equal(num(w0, "best"), 0); /* a protest, no toll */
    assert_string_equal(str(w2, "monday"), "2025-06-16");
    assert_int_equal(num(w2, "events"), 2);
    assert_int_equal(num(w2, "low"), 31);
    assert_int_equal(num(w2, "best"), 31);
    assert_int_equal(num(w2, "high"), 33);
    cJSON_Delete(j);
    j = get(fx, "/api/weekly?country=SOM", 200);
    w = cJSON_GetObjectItemCaseSensitive(j, "weeks");
    assert_int_equal(cJSON_GetArraySize(w), 1);
    assert_int_equal(num(cJSON_GetArrayItem(w, 0), "high"), 7);
    cJSON_Delete(j);
    cJSON_Delete(get(fx, "/api/weekly?limit=3", 400));
}

static void meta_lists_types_and_countries(void **state)
{
    fixture *fx = *state;
    cJSON *j = get(fx, "/api/meta", 200);
    assert_int_equal(num(j, "events"), 5);
    assert_string_equal(str(j, "first"), "2025-03-09");
    assert_string_equal(str(j, "last"), "2025-06-23");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "event_types");
    assert_int_equal(cJSON_GetArraySize(t), 3);
    assert_string_equal(str(cJSON_GetArrayItem(t, 0), "type"), "Battles");
    assert_int_equal(num(cJSON_GetArrayItem(t, 0), "events"), 2);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(j, "countries");
    assert_int_equal(cJSON_GetArraySize(c), 3);
    const cJSON *mli = cJSON_GetArrayItem(c, 1);
    assert_string_equal(str(mli, "iso3"), "MLI");
    assert_string_equal(str(mli, "numeric"), "466"); /* the world-atlas outline's id */
    assert_int_equal(num(mli, "events"), 3);
    cJSON_Delete(j);
    cJSON_Delete(get(fx, "/api/meta?since=2025-01-01", 400));
}

/* meta and weekly are kept per connection: a change committed by another
 * connection (an ingest running beside the server) must show at once. */
static void aggregates_follow_the_store(void **state)
{
    fixture *fx = *state;
    for (int round = 0; round < 2; round++) { /* computed, then from the cache */
        cJSON *j = get(fx, "/api/meta", 200);
        assert_string_equal(str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "event_types"), 2), "type"),
                            "Protests");
        cJSON_Delete(j);
        j = get(fx, "/api/weekly?country=BFA", 200);
        assert_int_equal(num(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "weeks"), 0), "best"), 0);
        cJSON_Delete(j);
    }
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE event SET event_type = 'Riots', fatalities_low = 1, fatalities_best = 2,"
                                  " fatalities_high = 3 WHERE id = 3",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (int round = 0; round < 3; round++) { /* both connections, whichever serves */
        cJSON *j = get(fx, "/api/meta", 200);
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "event_types");
        assert_int_equal(cJSON_GetArraySize(t), 3);
        assert_string_equal(str(cJSON_GetArrayItem(t, 2), "type"), "Riots");
        cJSON_Delete(j);
        j = get(fx, "/api/weekly?country=BFA", 200);
        assert_int_equal(num(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "weeks"), 0), "best"), 2);
        cJSON_Delete(j);
    }
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE event SET event_type = 'Protests', fatalities_low = NULL,"
                                  " fatalities_best = NULL, fatalities_high = NULL WHERE id = 3",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    cJSON *j = get(fx, "/api/meta", 200);
    assert_string_equal(str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "event_types"), 2), "type"),
                        "Protests");
    cJSON_Delete(j);
}

static void bad_requests_get_the_right_status(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *method, *uri;
        int status;
    } cases[] = {
        {"POST", "/api/events", 405},
        {"PUT", "/", 405},
        {"DELETE", "/api/events/1", 405},
        {"GET", "/../etc/passwd", 400},
        {"GET", "/%2e%2e/%2e%2e/etc/passwd", 400},
        {"GET", "/vendor/%2E%2E/app.js", 400},
        {"GET", "/vendor/..%2fapp.js", 400},
        {"GET", "/app.js%00.html", 400},
        {"GET", "/..\\app.js", 400},
        {"GET", "//etc/passwd", 400},
        {"GET", "/%zz", 400},
        {"GET", "http://example.org/", 400},
        {"GET", "/etc/passwd", 404},
        {"GET", "/api/", 404},
        {"GET", "/api/sql", 404},
        {"GET", "/vendor/", 404},
        {"GET", "/api/events?type=1%27%20UNION%20SELECT%20text%20FROM%20document--", 400},
        {"GET", "/api/events?country=MLI%27--", 400},
        {"GET", "/api/events?min_fatalities=1;DELETE", 400},
        {"HEAD", "/api/meta", 200},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        serve_response r;
        serve_handle(fx->app, cases[i].method, cases[i].uri, &r);
        if (r.status != cases[i].status)
            fail_msg("%s %s: %d, expected %d", cases[i].method, cases[i].uri, r.status, cases[i].status);
        assert_string_equal(r.content_type, "application/json; charset=utf-8");
        if (r.status >= 400) {
            cJSON *j = cJSON_ParseWithLength(r.body, r.len);
            assert_non_null(j);
            assert_non_null(str(j, "error"));
            assert_int_equal(num(j, "status"), r.status);
            /* nothing of the server's internals */
            assert_null(strstr(r.body, "sqlite"));
            assert_null(strstr(r.body, "/tmp"));
            cJSON_Delete(j);
        }
        serve_response_free(&r);
    }
    /* a URI over SERVE_MAX_URI: 414; a query over SERVE_MAX_QUERY: 414 */
    char *uri = malloc(SERVE_MAX_URI + 64);
    strcpy(uri, "/api/events?type=");
    memset(uri + strlen(uri), 'a', SERVE_MAX_URI);
    uri[SERVE_MAX_URI + 10] = '\0';
    cJSON_Delete(get(fx, uri, 414));
    uri[SERVE_MAX_URI - 100] = '\0';
    cJSON_Delete(get(fx, uri, 414));
    free(uri);
}

static void page_files_come_from_the_whitelist(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *uri, *body, *type;
    } ok[] = {
        {"/", "file index.html\n", "text/html; charset=utf-8"},
        {"/index.html", "file index.html\n", "text/html; charset=utf-8"},
        {"/app.js", "file app.js\n", "text/javascript; charset=utf-8"},
        {"/app.css", "file app.css\n", "text/css; charset=utf-8"},
        {"/vendor/leaflet.js", "file vendor/leaflet.js\n", "text/javascript; charset=utf-8"},
        {"/vendor/countries-110m.json?v=1", "file vendor/countries-110m.json\n", "application/json; charset=utf-8"},
    };
    for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
        serve_response r;
        serve_handle(fx->app, "GET", ok[i].uri, &r);
        assert_int_equal(r.status, 200);
        assert_true(r.is_static);
        assert_string_equal(r.content_type, ok[i].type);
        assert_int_equal(r.len, strlen(ok[i].body));
        assert_memory_equal(r.body, ok[i].body, r.len);
        serve_response_free(&r);
    }
    /* a file in the www directory that is not in the list is not served */
    char p[256];
    snprintf(p, sizeof p, "%s/secret.txt", www);
    assert_int_equal(write_file(p, "secret\n"), 0);
    cJSON_Delete(get(fx, "/secret.txt", 404));
    cJSON_Delete(get(fx, "/vendor/leaflet.js.map", 404));

    /* a missing page file is named when the server starts */
    snprintf(p, sizeof p, "%s/app.css", www);
    assert_int_equal(unlink(p), 0);
    serve_config cfg = {dbpath, www, fx->c, 1};
    char err[512] = "";
    assert_null(serve_open(&cfg, err, sizeof err));
    assert_non_null(strstr(err, "app.css"));
    assert_int_equal(write_file(p, "file app.css\n"), 0);
    /* and so is a file that is not a store */
    cfg.db_path = p;
    assert_null(serve_open(&cfg, err, sizeof err));
    assert_non_null(strstr(err, "app.css"));
}

static void rate_limit_is_a_bucket_per_client(void **state)
{
    serve_rate *r = serve_rate_new(2, 4);
    const unsigned char a[4] = {127, 0, 0, 1}, b[4] = {127, 0, 0, 2};
    for (int i = 0; i < 4; i++)
        assert_true(serve_rate_take(r, a, sizeof a, 100.0));
    assert_false(serve_rate_take(r, a, sizeof a, 100.0)); /* the burst is spent */
    assert_false(serve_rate_take(r, a, sizeof a, 100.2)); /* 0.4 of a token back */
    assert_true(serve_rate_take(r, a, sizeof a, 100.6));  /* 2 a second: one more after half a second */
    assert_false(serve_rate_take(r, a, sizeof a, 100.6));
    assert_true(serve_rate_take(r, b, sizeof b, 100.6));  /* another client has its own bucket */
    assert_true(serve_rate_take(r, a, sizeof a, 200.0));  /* refilled, never above the burst */
    for (int i = 0; i < 3; i++)
        assert_true(serve_rate_take(r, a, sizeof a, 200.0));
    assert_false(serve_rate_take(r, a, sizeof a, 200.0));
    serve_rate_free(r);
    /* rate 0: no limit */
    r = serve_rate_new(0, 0);
    for (int i = 0; i < 1000; i++)
        assert_true(serve_rate_take(r, a, sizeof a, 1.0));
    serve_rate_free(r);
}

static void host_must_be_a_loopback_name(void **state)
{
    assert_true(serve_host_ok("127.0.0.1:8080", 1));
    assert_true(serve_host_ok("localhost", 1));
    assert_true(serve_host_ok("LOCALHOST:80", 1));
    assert_true(serve_host_ok("[::1]:8080", 1));
    assert_true(serve_host_ok(NULL, 1));
    assert_false(serve_host_ok("evil.example:8080", 1));    /* a DNS-rebinding page */
    assert_false(serve_host_ok("127.0.0.1.evil.example", 1));
    assert_false(serve_host_ok("localhost:80x", 1));
    assert_false(serve_host_ok("localhost:", 1));
    assert_false(serve_host_ok("", 1));
    assert_true(serve_host_ok("tally.example:8080", 0));   /* bound to a network address: any name */
}

/* ---- a Mali-style report with four sources, through the library ---------------- */

static void kidal_strike_comes_back_with_four_claims(void **state)
{
    fixture *fx = *state;
    char err[512] = "";
    tally *t = tally_open(TEST_DATADIR, TEST_GAZETTEER, err, sizeof err);
    if (!t)
        fail_msg("tally_open: %s", err);
    size_t len;
    char *file = read_file(KIDAL, &len);
    assert_non_null(file);
    /* the seed format: "date YYYY-MM-DD" then the text */
    char *text = strchr(file, '\n') + 1;
    tally_doc d = {.id = "kidal-2025-09-14.txt", .text = text, .len = len - (size_t)(text - file)};
    assert_int_equal(sscanf(file, "date %d-%d-%d", &d.date.year, &d.date.month, &d.date.day), 3);
    char path[160];
    snprintf(path, sizeof path, "%s/kidal.db", dir);
    store *s = store_open(path, 0, err, sizeof err);
    assert_non_null(s);
    tally_events *ev = tally_extract(t, &d);
    assert_int_equal(store_put(s, &d, ev, err, sizeof err), STORE_NEW);
    tally_events_free(ev);
    store_close(s);
    tally_close(t);
    free(file);

    serve_config cfg = {path, NULL, fx->c, 1};
    fixture k = {serve_open(&cfg, err, sizeof err), NULL};
    if (!k.app)
        fail_msg("serve_open: %s", err);
    char got[64];
    ids(&k, "/api/events?type=Air/drone%20strike", got, sizeof got);
    assert_string_equal(got, "1");
    cJSON *e = get(&k, "/api/events/1", 200);
    assert_string_equal(str(e, "location"), "Kidal");
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "fatalities");
    assert_int_equal(num(f, "low"), 12);
    assert_int_equal(num(f, "best"), 16);
    assert_int_equal(num(f, "high"), 19);
    static const char *const sources[] = {"separatists", "local politician", "local NGO official",
                                          "retired local official"};
    static const int figures[] = {19, 12, 16, 16};
    int counted = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(e, "claims"))
    {
        if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c, "part_of")))
            continue; /* "including eight children" */
        assert_true(counted < 4);
        assert_string_equal(str(c, "source"), sources[counted]);
        assert_int_equal(num(c, "min"), figures[counted]);
        counted++;
    }
    assert_int_equal(counted, 4);
    cJSON_Delete(e);
    /* no www directory: the API only */
    cJSON_Delete(get(&k, "/", 404));
    serve_close(k.app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(query_takes_every_filter),
        cmocka_unit_test(query_refuses_what_it_cannot_trust),
        cmocka_unit_test(events_are_filtered),
        cmocka_unit_test(events_list_pages_and_says_so),
        cmocka_unit_test(one_event_has_claims_and_marked_text),
        cmocka_unit_test(weekly_sums_by_iso_week),
        cmocka_unit_test(meta_lists_types_and_countries),
        cmocka_unit_test(aggregates_follow_the_store),
        cmocka_unit_test(bad_requests_get_the_right_status),
        cmocka_unit_test(page_files_come_from_the_whitelist),
        cmocka_unit_test(rate_limit_is_a_bucket_per_client),
        cmocka_unit_test(host_must_be_a_loopback_name),
        cmocka_unit_test(kidal_strike_comes_back_with_four_claims),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
