/* merge.c -- how fast reports are stored and merged, in an empty store and
 * in one that already holds a million events.
 *
 *     build/merge CORPUS DIR [FILL [NEW]]
 *
 * Extracts the first NEW (default 2000) reports of CORPUS (bench/gen
 * output), then times store_put of all of them (one transaction), first
 * into an empty store, then into DIR/merge-FILL.db, which holds FILL
 * (default 1,000,000) synthetic events, each with its document, report and
 * one claim, inserted directly: half spread over the inhabited latitudes of
 * the world, half around the places the new reports speak of (within about
 * a degree, as conflict events cluster), over ten years (2016-2025), one in
 * ten at region precision.  The filled store is built once and reused; the
 * timed run is rolled back, so every run sees the same store.  A warm-up
 * run with other reports (rolled back too) comes first, so the page cache
 * is not what is measured.
 *
 * Prints `name: value unit` lines:
 *   store_fill_events        events in the filled store
 *   merge_reports_s_empty    reports stored per second, empty store
 *   merge_reports_s          the same against the filled store
 *   merge_ratio              filled / empty (1.0 = no slow-down)
 *   ingest_docs_s            documents per second, extraction + store, filled
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "merge.h"
#include "model.h"
#include "store.h"
#include "tally.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 42;
static uint64_t rng(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double uniform(void) { return (double)(rng() >> 11) / 9007199254740992.0; }

/* ---- the new reports, extracted once ------------------------------------------- */

typedef struct {
    char *id, *text, *source;
    tally_doc doc;
    tally_events *ev;
} report_in;

typedef struct {
    tally *t;
    report_in *r;
    size_t n, want;
    double extract_s;
} loader;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int on_doc(void *ctx, const tally_doc *doc)
{
    loader *l = ctx;
    if (l->n == l->want)
        return 1;
    report_in *r = &l->r[l->n++];
    r->id = strdup(doc->id);
    r->text = malloc(doc->len + 1);
    memcpy(r->text, doc->text, doc->len);
    r->text[doc->len] = '\0';
    r->source = dup_or_null(doc->source);
    r->doc = *doc;
    r->doc.id = r->id;
    r->doc.text = r->text;
    r->doc.source = r->source;
    r->doc.title = r->doc.url = NULL;
    double t0 = now_s();
    r->ev = tally_extract(l->t, &r->doc);
    l->extract_s += now_s() - t0;
    return 0;
}

static void on_error(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "merge: %s:%ld: %s\n", file, line, msg);
}

/* ---- the filled store ------------------------------------------------------------------ */

static const char *const types[][3] = {
    {"Battles", "Armed clash", "Political violence"},
    {"Explosions/Remote violence", "Air/drone strike", "Political violence"},
    {"Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"},
    {"Violence against civilians", "Attack", "Political violence"},
    {"Violence against civilians", "Abduction/forced disappearance", "Political violence"},
    {"Protests", "Peaceful protest", "Demonstrations"},
    {"Riots", "Violent demonstration", "Demonstrations"},
    {"Strategic developments", "Arrests", "Strategic developments"},
};

typedef struct {
    double lat, lon;
    char iso3[4];
} hotspot;

static int exec(sqlite3 *db, const char *q)
{
    char *msg = NULL;
    if (sqlite3_exec(db, q, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "merge: %s: %s\n", q, msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static long long count_events(sqlite3 *db)
{
    sqlite3_stmt *st;
    long long n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM event", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int fill(sqlite3 *db, long long nfill, const hotspot *hot, size_t nhot)
{
    if (exec(db, "PRAGMA synchronous=OFF") < 0 || exec(db, "BEGIN") < 0)
        return -1;
    sqlite3_stmt *doc, *ev, *rep, *cl;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO document (id, doc_key, content_hash, report_date, outlet, text, ingested_at) "
                           "VALUES (?1, 'fill-' || ?1, 'h', ?2, 'Fill', 'x', '2026-01-01T00:00:00Z')",
                           -1, &doc, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO event (id, event_date, date_start, date_end, time_precision, disorder_type, "
                           "event_type, sub_event_type, actor1, inter1, iso3, location, latitude, longitude, "
                           "geo_precision, fatalities_low, fatalities_best, fatalities_high, deaths_unknown, "
                           "number_of_sources, cell, updated_at) VALUES (?1,?2,?2,?2,1,?3,?4,?5,?6,?7,?8,'fill',"
                           "?9,?10,?11,?12,?12,?12,?12,1,?13,'2026-01-01T00:00:00Z')",
                           -1, &ev, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO report (id, event_id, document_id, ordinal, record) VALUES (?1,?1,?1,1,?2)",
                           -1, &rep, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO claim (report_id, event_id, source, source_kind, outcome, victim_category, "
                           "min, qualifier, ev_start, ev_end) VALUES (?1,?1,'officials','official','killed',"
                           "'unknown',?2,'exact',0,1)",
                           -1, &cl, NULL) != SQLITE_OK) {
        fprintf(stderr, "merge: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    int64_t day0 = date_to_days((civil_date){2016, 1, 1});
    buf rec = {0};
    for (long long i = 1; i <= nfill; i++) {
        double lat, lon;
        char iso3[4];
        if (i % 2 && nhot) {
            const hotspot *h = &hot[rng() % nhot];
            lat = h->lat + (uniform() + uniform() - 1.0);
            lon = h->lon + (uniform() + uniform() - 1.0);
            memcpy(iso3, h->iso3, 4);
        } else {
            lat = -40 + 100 * uniform();
            lon = -180 + 360 * uniform();
            snprintf(iso3, sizeof iso3, "Z%02d", (int)(rng() % 100));
        }
        const char *const *ty = types[rng() % ARRAY_LEN(types)];
        int prec = rng() % 10 == 0 ? 3 : 1;
        int killed = (int)(rng() % 20);
        char d[11];
        date_format(days_to_date(day0 + (int64_t)(rng() % 3653)), d);
        char actor[32];
        snprintf(actor, sizeof actor, "Armed group %d", (int)(rng() % 50));
        sqlite3_reset(doc);
        sqlite3_bind_int64(doc, 1, i);
        sqlite3_bind_text(doc, 2, d, -1, SQLITE_TRANSIENT);
        sqlite3_reset(ev);
        sqlite3_bind_int64(ev, 1, i);
        sqlite3_bind_text(ev, 2, d, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 3, ty[2], -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 4, ty[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 5, ty[1], -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 6, actor, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ev, 7, 2);
        sqlite3_bind_text(ev, 8, iso3, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(ev, 9, lat);
        sqlite3_bind_double(ev, 10, lon);
        sqlite3_bind_int(ev, 11, prec);
        sqlite3_bind_int(ev, 12, killed);
        sqlite3_bind_int(ev, 13, merge_cell(lat, lon));
        rec.len = 0;
        buf_printf(&rec,
                   "{\"event_id\":\"fill-%lld#1\",\"doc_id\":\"fill-%lld\",\"event_date\":\"%s\",\"date_start\":\"%s\","
                   "\"date_end\":\"%s\",\"time_precision\":1,\"event_type\":\"%s\",\"sub_event_type\":\"%s\","
                   "\"actor1\":\"%s\",\"assoc_actor_1\":\"\",\"inter1\":2,\"actor2\":\"\",\"assoc_actor_2\":\"\","
                   "\"inter2\":0,\"country\":\"\",\"iso\":\"%s\",\"admin1\":\"\",\"admin2\":\"\",\"location\":\"fill\","
                   "\"latitude\":%.5f,\"longitude\":%.5f,\"geo_precision\":%d,\"fatalities\":{\"low\":%d,\"best\":%d,"
                   "\"high\":%d},\"injured\":null,\"claims\":[],\"evidence\":{\"event\":[]},\"notes\":\"\"}",
                   i, i, d, d, d, ty[0], ty[1], actor, iso3, lat, lon, prec, killed, killed, killed);
        sqlite3_reset(rep);
        sqlite3_bind_int64(rep, 1, i);
        sqlite3_bind_text(rep, 2, rec.data, (int)rec.len, SQLITE_STATIC);
        sqlite3_reset(cl);
        sqlite3_bind_int64(cl, 1, i);
        sqlite3_bind_int(cl, 2, killed);
        if (sqlite3_step(doc) != SQLITE_DONE || sqlite3_step(ev) != SQLITE_DONE || sqlite3_step(rep) != SQLITE_DONE ||
            sqlite3_step(cl) != SQLITE_DONE) {
            fprintf(stderr, "merge: filling: %s\n", sqlite3_errmsg(db));
            return -1;
        }
    }
    buf_free(&rec);
    sqlite3_finalize(doc);
    sqlite3_finalize(ev);
    sqlite3_finalize(rep);
    sqlite3_finalize(cl);
    return exec(db, "COMMIT") < 0 || exec(db, "PRAGMA synchronous=FULL") < 0 ? -1 : 0;
}

/* ---- timing store_put ------------------------------------------------------------------ */

typedef struct {
    double seconds;
    long reports, merged;
} run;

/* Stores r[from..to) in one transaction; keeps it or rolls it back. */
static int timed_put(store *s, report_in *r, size_t from, size_t to, int keep, run *out)
{
    char err[512];
    long merged0 = store_stats(s)->reports_merged;
    double t0 = now_s();
    if (store_begin(s, err, sizeof err) < 0) {
        fprintf(stderr, "merge: %s\n", err);
        return -1;
    }
    out->reports = 0;
    for (size_t i = from; i < to; i++) {
        if (store_put(s, &r[i].doc, r[i].ev, err, sizeof err) == STORE_ERROR) {
            fprintf(stderr, "merge: %s: %s\n", r[i].id, err);
            return -1;
        }
        out->reports += (long)tally_events_count(r[i].ev);
    }
    if (keep ? store_commit(s, err, sizeof err) < 0 : exec(store_db(s), "ROLLBACK") < 0)
        return -1;
    out->seconds = now_s() - t0;
    out->merged = store_stats(s)->reports_merged - merged0;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: merge CORPUS DIR [FILL [NEW]]\n", stderr);
        return 2;
    }
    const char *corpus = argv[1], *dir = argv[2];
    long long nfill = argc > 3 ? atoll(argv[3]) : 1000000;
    size_t nnew = argc > 4 ? (size_t)atol(argv[4]) : 2000, nwarm = 300;
    char err[512];
    tally *t = tally_open(NULL, NULL, err, sizeof err);
    if (!t) {
        fprintf(stderr, "merge: %s\n", err);
        return 2;
    }
    loader l = {.t = t, .want = nnew + nwarm};
    l.r = calloc(l.want, sizeof *l.r);
    tally_reader rd = {.on_doc = on_doc, .on_error = on_error, .ctx = &l};
    tally_read_path(&rd, corpus);
    if (l.n < l.want) {
        fprintf(stderr, "merge: %s has %zu reports, %zu needed\n", corpus, l.n, l.want);
        return 2;
    }
    /* warm-up reports first, measured ones after */
    report_in *warm = l.r, *meas = l.r + nwarm;

    /* hotspots: where the new reports' events are */
    hotspot *hot = calloc(1, sizeof *hot);
    size_t nhot = 0, caphot = 1;
    for (size_t i = 0; i < l.n; i++)
        for (size_t k = 0; k < l.r[i].ev->n; k++) {
            const event *e = &l.r[i].ev->ev[k];
            if (!e->has_coords)
                continue;
            size_t j = 0;
            while (j < nhot && merge_cell(hot[j].lat, hot[j].lon) != merge_cell(e->lat, e->lon))
                j++;
            if (j < nhot)
                continue;
            hot = grow_array(hot, &caphot, nhot, sizeof *hot);
            hot[nhot].lat = e->lat;
            hot[nhot].lon = e->lon;
            memcpy(hot[nhot].iso3, e->iso3, 4);
            nhot++;
        }

    /* the empty store */
    char path[1024];
    snprintf(path, sizeof path, "%s/merge-empty.db", dir);
    unlink(path);
    store *s = store_open(path, 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "merge: %s\n", err);
        return 2;
    }
    run empty, warmup, full;
    if (timed_put(s, warm, 0, nwarm, 0, &warmup) < 0 || timed_put(s, meas, 0, nnew, 1, &empty) < 0)
        return 2;
    store_close(s);
    unlink(path);
    snprintf(path + strlen(path), sizeof path - strlen(path), "-wal");
    unlink(path);

    /* the filled store, built once */
    snprintf(path, sizeof path, "%s/merge-%lld.db", dir, nfill);
    s = store_open(path, 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "merge: %s\n", err);
        return 2;
    }
    long long have = count_events(store_db(s));
    if (have != nfill) {
        store_close(s);
        unlink(path);
        s = store_open(path, 0, err, sizeof err);
        double t0 = now_s();
        fprintf(stderr, "merge: filling %s with %lld events around %zu places...\n", path, nfill, nhot);
        if (!s || fill(store_db(s), nfill, hot, nhot) < 0)
            return 2;
        fprintf(stderr, "merge: filled in %.1f s\n", now_s() - t0);
        exec(store_db(s), "ANALYZE");
    }
    have = count_events(store_db(s));
    if (timed_put(s, warm, 0, nwarm, 0, &warmup) < 0 || timed_put(s, meas, 0, nnew, 0, &full) < 0)
        return 2;
    store_close(s);

    double per_doc_extract = l.extract_s / (double)l.n;
    double rate_empty = empty.reports / empty.seconds, rate_full = full.reports / full.seconds;
    printf("merge: %zu new reports (%ld events), %zu hotspots; merged into stored events: %ld (empty store), %ld "
           "(filled)\n",
           nnew, full.reports, nhot, empty.merged, full.merged);
    printf("store_fill_events: %lld events\n", have);
    printf("merge_reports_s_empty: %.0f reports/s   # store_put, empty store\n", rate_empty);
    printf("merge_reports_s: %.0f reports/s   # store_put against %lld stored events\n", rate_full, have);
    printf("merge_ratio: %.2f   # filled / empty; 1.0 = no slow-down\n", rate_full / rate_empty);
    printf("ingest_docs_s: %.0f docs/s   # extraction + store_put, filled store, one thread\n",
           (double)nnew / (per_doc_extract * (double)nnew + full.seconds));
    for (size_t i = 0; i < l.n; i++) {
        tally_events_free(l.r[i].ev);
        free(l.r[i].id);
        free(l.r[i].text);
        free(l.r[i].source);
    }
    free(l.r);
    free(hot);
    tally_close(t);
    return 0;
}
