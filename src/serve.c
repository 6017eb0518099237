/* serve.c -- see serve.h.  One request is: check the method and the URI,
 * parse the query (serve_query.c), borrow a read-only SQLite connection,
 * run one or two prepared statements, build the answer with cJSON. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <utf8proc.h>

#include "export.h"
#include "schema.h"
#include "serve.h"
#include "stats.h"
#include "show.h"
#include "util.h"

#define CT_JSON "application/json; charset=utf-8"

/* ---- the page's files ------------------------------------------------------- */

/* The only paths served from the www directory.  A request path is compared
 * with these strings; it is never joined to a directory name. */
static const struct {
    const char *path, *file, *type;
} page_files[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/index.html", "index.html", "text/html; charset=utf-8"},
    {"/app.js", "app.js", "text/javascript; charset=utf-8"},
    {"/app.css", "app.css", "text/css; charset=utf-8"},
    {"/vendor/leaflet.js", "vendor/leaflet.js", "text/javascript; charset=utf-8"},
    {"/vendor/leaflet.css", "vendor/leaflet.css", "text/css; charset=utf-8"},
    {"/vendor/topojson-client.min.js", "vendor/topojson-client.min.js", "text/javascript; charset=utf-8"},
    {"/vendor/countries-110m.json", "vendor/countries-110m.json", CT_JSON},
};
#define NPAGE (sizeof page_files / sizeof page_files[0])

/* The aggregate answers (meta, weekly) read the whole event table; they
 * are kept per connection until the store changes.  PRAGMA data_version
 * changes on a connection whenever another connection has committed, and
 * every writer is another connection: ours are read-only. */
#define CACHE_SLOTS 8
#define CACHE_MAX_BODY (256 * 1024)

typedef struct {
    char *key, *body;
    size_t len;
    long long version;
} cached;

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *version;
    int busy;
    cached cache[CACHE_SLOTS];
    int next;
} conn;

struct serve_app {
    const countries *countries;
    char *page[NPAGE];
    size_t page_len[NPAGE];
    /* SQLite connections: a handler borrows one for its request */
    conn *c;
    int ndb;
    pthread_mutex_t lock;
    pthread_cond_t freed;
};

serve_app *serve_open(const serve_config *cfg, char *err, size_t errlen)
{
    serve_app *app = calloc(1, sizeof *app);
    if (!app) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    app->countries = cfg->countries;
    pthread_mutex_init(&app->lock, NULL);
    pthread_cond_init(&app->freed, NULL);
    int n = cfg->connections > 0 ? cfg->connections : 1;
    app->c = calloc((size_t)n, sizeof *app->c);
    if (!app->c) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    for (int i = 0; i < n; i++) {
        conn *c = &app->c[i];
        c->db = export_open_db(cfg->db_path, err, errlen);
        if (!c->db)
            goto fail;
        app->ndb++;
        /* READONLY already refuses writes to the file; query_only also
         * refuses statements that would write (a temp table, a PRAGMA). */
        if (sqlite3_exec(c->db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_prepare_v2(c->db, "PRAGMA data_version", -1, &c->version, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "%s: %s", cfg->db_path, sqlite3_errmsg(c->db));
            goto fail;
        }
    }
    if (cfg->www_dir)
        for (size_t i = 0; i < NPAGE; i++) {
            /* "/" and "/index.html" are one file: read it once */
            if (i > 0 && !strcmp(page_files[i].file, page_files[i - 1].file)) {
                continue;
            }
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", cfg->www_dir, page_files[i].file);
            app->page[i] = read_file(path, &app->page_len[i]);
            if (!app->page[i]) {
                snprintf(err, errlen, "%s: cannot read (the page is built by make into build/www)", path);
                goto fail;
            }
        }
    return app;
fail:
    serve_close(app);
    return NULL;
}

void serve_close(serve_app *app)
{
    if (!app)
        return;
    for (int i = 0; i < app->ndb; i++) {
        conn *c = &app->c[i];
        for (int k = 0; k < CACHE_SLOTS; k++) {
            free(c->cache[k].key);
            free(c->cache[k].body);
        }
        sqlite3_finalize(c->version);
        sqlite3_close(c->db);
    }
    for (size_t i = 0; i < NPAGE; i++)
        free(app->page[i]);
    free(app->c);
    pthread_mutex_destroy(&app->lock);
    pthread_cond_destroy(&app->freed);
    free(app);
}

static int db_take(serve_app *app)
{
    pthread_mutex_lock(&app->lock);
    for (;;) {
        for (int i = 0; i < app->ndb; i++)
            if (!app->c[i].busy) {
                app->c[i].busy = 1;
                pthread_mutex_unlock(&app->lock);
                return i;
            }
        pthread_cond_wait(&app->freed, &app->lock);
    }
}

static void db_give(serve_app *app, int i)
{
    pthread_mutex_lock(&app->lock);
    app->c[i].busy = 0;
    pthread_cond_signal(&app->freed);
    pthread_mutex_unlock(&app->lock);
}

/* ---- answers ------------------------------------------------------------------ */

static void answer_json(serve_response *r, int status, cJSON *root)
{
    char *s = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!s) {
        static const char oom[] = "{\"error\":\"out of memory\"}";
        *r = (serve_response){500, CT_JSON, oom, sizeof oom - 1, 0, 0, NULL};
        return;
    }
    *r = (serve_response){status, CT_JSON, s, strlen(s), 1, 0, s};
}

static void answer_error(serve_response *r, int status, const char *msg)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", msg);
    cJSON_AddNumberToObject(o, "status", status);
    answer_json(r, status, o);
}

void serve_response_free(serve_response *r)
{
    if (r->storage)
        cJSON_free(r->storage);
    r->storage = NULL;
}

/* Store text is UTF-8 as ingested; a byte that is not (a damaged row, a
 * span cut mid-character) becomes U+FFFD so the JSON stays valid. */
static char *clean_utf8(const char *s, size_t n)
{
    buf b = {0};
    buf_reserve(&b, n);
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0) {
            buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        } else {
            buf_put(&b, s + i, (size_t)k);
            i += (size_t)k;
        }
    }
    buf_cstr(&b);
    return b.data;
}

static void add_text(cJSON *o, const char *key, sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);
    if (!s) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    char *c = clean_utf8(s, (size_t)n);
    cJSON_AddStringToObject(o, key, c ? c : "");
    free(c);
}

static void add_int(cJSON *o, const char *key, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, (double)sqlite3_column_int64(st, i));
}

static void add_real(cJSON *o, const char *key, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, sqlite3_column_double(st, i));
}

/* {"low","best","high"} from three columns, null when no report gave one. */
static void add_toll(cJSON *o, const char *key, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i + 1) == SQLITE_NULL) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    cJSON *t = cJSON_AddObjectToObject(o, key);
    add_int(t, "low", st, i);
    add_int(t, "best", st, i + 1);
    add_int(t, "high", st, i + 2);
}

/* ---- filters ------------------------------------------------------------------ */

/* The query as an export_filter (the same selection `tally export` and
 * `tally stats` make) plus the bounding box.  0, or 400 with err. */
static int make_filter(serve_app *app, const serve_query *q, export_filter *f, char *err, size_t errlen)
{
    *f = (export_filter)EXPORT_FILTER_ALL;
    f->since = q->since[0] ? q->since : NULL;
    f->until = q->until[0] ? q->until : NULL;
    f->type = q->type[0] ? q->type : NULL;
    f->min_fatalities = q->min_fatalities;
    if (!q->country[0])
        return 0;
    f->country = q->country;
    if (app->countries) {
        if (export_filter_resolve(f, app->countries, err, errlen)) {
            snprintf(err, errlen, "parameter 'country': unknown country (give ML, MLI or Mali)");
            return 400;
        }
        return 0;
    }
    /* no country table: the store's own alpha-3 codes */
    if (strlen(q->country) != 3) {
        snprintf(err, errlen, "parameter 'country': give an ISO alpha-3 code");
        return 400;
    }
    for (int i = 0; i < 3; i++) {
        char c = q->country[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') {
            snprintf(err, errlen, "parameter 'country': give an ISO alpha-3 code");
            return 400;
        }
        f->iso3[i] = c;
    }
    f->iso3[3] = '\0';
    return 0;
}

static void where(const export_filter *f, const serve_query *q, buf *sql)
{
    size_t before = sql->len;
    export_filter_where(f, sql);
    if (!(q->given & SQ_BBOX))
        return;
    buf_puts(sql, sql->len > before ? " AND " : " WHERE ");
    buf_puts(sql, "latitude BETWEEN :south AND :north AND ");
    /* west > east: the box crosses the antimeridian */
    buf_puts(sql, q->west <= q->east ? "longitude BETWEEN :west AND :east" : "(longitude >= :west OR longitude <= :east)");
}

static void bind_real(sqlite3_stmt *st, const char *name, double v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i)
        sqlite3_bind_double(st, i, v);
}

static void bind(sqlite3_stmt *st, const export_filter *f, const serve_query *q)
{
    export_filter_bind(st, f);
    if (q->given & SQ_BBOX) {
        bind_real(st, ":south", q->south);
        bind_real(st, ":north", q->north);
        bind_real(st, ":west", q->west);
        bind_real(st, ":east", q->east);
    }
}

/* ---- the endpoints ---------------------------------------------------------- */

/* 0 answered; -1 an SQLite error (the caller answers 500). */
typedef int handler(serve_app *app, sqlite3 *db, const serve_query *q, long long id, serve_response *r);

static const char event_list_cols[] =
    "SELECT id, iso3, event_date, event_type, sub_event_type, actor1, actor2, country, admin1, location,"
    " latitude, longitude, geo_precision, fatalities_low, fatalities_best, fatalities_high, number_of_sources"
    " FROM event";

static int api_events(serve_app *app, sqlite3 *db, const serve_query *q, long long id, serve_response *r)
{
    export_filter f;
    char err[160];
    int status = make_filter(app, q, &f, err, sizeof err);
    if (status) {
        answer_error(r, status, err);
        return 0;
    }
    buf sql = {0}, count = {0};
    buf_puts(&sql, event_list_cols);
    where(&f, q, &sql);
    buf_puts(&sql, " ORDER BY event_date, id LIMIT :limit OFFSET :offset");
    buf_puts(&count, "SELECT count(*), COALESCE(sum(fatalities_best), 0) FROM event");
    where(&f, q, &count);
    sqlite3_stmt *st = NULL, *ct = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, sql.data, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, count.data, -1, &ct, NULL) != SQLITE_OK)
        goto done;
    bind(st, &f, q);
    bind(ct, &f, q);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"), q->limit);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"), q->offset);
    if (sqlite3_step(ct) != SQLITE_ROW)
        goto done;
    long long total = sqlite3_column_int64(ct, 0);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "total", (double)total);
    /* over every selected event, not only this page's */
    cJSON_AddNumberToObject(root, "total_best", (double)sqlite3_column_int64(ct, 1));
    cJSON_AddNumberToObject(root, "offset", (double)q->offset);
    cJSON_AddNumberToObject(root, "limit", (double)q->limit);
    cJSON *list = cJSON_AddArrayToObject(root, "events");
    int step, n = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *e = cJSON_CreateObject();
        char cnty[32];
        snprintf(cnty, sizeof cnty, "%s%lld", sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "",
                 sqlite3_column_int64(st, 0));
        add_int(e, "id", st, 0);
        cJSON_AddStringToObject(e, "event_id_cnty", cnty);
        add_text(e, "date", st, 2);
        add_text(e, "event_type", st, 3);
        add_text(e, "sub_event_type", st, 4);
        add_text(e, "actor1", st, 5);
        add_text(e, "actor2", st, 6);
        add_text(e, "country", st, 7);
        add_text(e, "iso3", st, 1);
        add_text(e, "admin1", st, 8);
        add_text(e, "location", st, 9);
        add_real(e, "latitude", st, 10);
        add_real(e, "longitude", st, 11);
        add_int(e, "geo_precision", st, 12);
        add_toll(e, "fatalities", st, 13);
        add_int(e, "sources", st, 16);
        cJSON_AddItemToArray(list, e);
        n++;
    }
    if (step != SQLITE_DONE) {
        cJSON_Delete(root);
        goto done;
    }
    cJSON_AddNumberToObject(root, "count", n);
    cJSON_AddBoolToObject(root, "truncated", q->offset + n < total);
    answer_json(r, 200, root);
    rc = 0;
done:
    sqlite3_finalize(st);
    sqlite3_finalize(ct);
    buf_free(&sql);
    buf_free(&count);
    return rc;
}

static int api_weekly(serve_app *app, sqlite3 *db, const serve_query *q, long long id, serve_response *r)
{
    export_filter f;
    char err[160];
    int status = make_filter(app, q, &f, err, sizeof err);
    if (status) {
        answer_error(r, status, err);
        return 0;
    }
    /* ISO weeks, Monday first (docs/schema.md, "Reading it"; tally stats) */
    buf sql = {0};
    buf_puts(&sql, "SELECT " STATS_MONDAY_SQL " AS monday,"
                   " count(*), COALESCE(sum(fatalities_low), 0), COALESCE(sum(fatalities_best), 0),"
                   " COALESCE(sum(fatalities_high), 0) FROM event");
    where(&f, q, &sql);
    buf_puts(&sql, " GROUP BY monday ORDER BY monday");
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, sql.data, -1, &st, NULL) != SQLITE_OK)
        goto done;
    bind(st, &f, q);
    cJSON *root = cJSON_CreateObject();
    cJSON *weeks = cJSON_AddArrayToObject(root, "weeks");
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *monday = (const char *)sqlite3_column_text(st, 0);
        char wk[16];
        if (!monday || !stats_iso_week(monday, wk))
            continue; /* an event_date SQLite cannot read has no week */
        cJSON *w = cJSON_CreateObject();
        cJSON_AddStringToObject(w, "week", wk);
        cJSON_AddStringToObject(w, "monday", monday);
        add_int(w, "events", st, 1);
        add_int(w, "low", st, 2);
        add_int(w, "best", st, 3);
        add_int(w, "high", st, 4);
        cJSON_AddItemToArray(weeks, w);
    }
    if (step != SQLITE_DONE) {
        cJSON_Delete(root);
        goto done;
    }
    answer_json(r, 200, root);
    rc = 0;
done:
    sqlite3_finalize(st);
    buf_free(&sql);
    return rc;
}

static int api_meta(serve_app *app, sqlite3 *db, const serve_query *q, long long id, serve_response *r)
{
    sqlite3_stmt *a = NULL, *b = NULL, *c = NULL;
    cJSON *root = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*), min(event_date), max(event_date) FROM event", -1, &a, NULL) ||
        sqlite3_prepare_v2(db, "SELECT event_type, count(*) FROM event GROUP BY event_type ORDER BY event_type", -1, &b,
                           NULL) ||
        /* the covering index event_by_country counts; the name is the
         * store's for the code (one per code) */
        sqlite3_prepare_v2(db,
                           "SELECT iso3, (SELECT country FROM event e WHERE e.iso3 = g.iso3 LIMIT 1), n"
                           " FROM (SELECT iso3, count(*) AS n FROM event WHERE iso3 <> '' GROUP BY iso3) g ORDER BY 2",
                           -1, &c, NULL))
        goto done;
    if (sqlite3_step(a) != SQLITE_ROW)
        goto done;
    root = cJSON_CreateObject();
    add_int(root, "events", a, 0);
    add_text(root, "first", a, 1);
    add_text(root, "last", a, 2);
    cJSON *types = cJSON_AddArrayToObject(root, "event_types");
    int step;
    while ((step = sqlite3_step(b)) == SQLITE_ROW) {
        cJSON *t = cJSON_CreateObject();
        add_text(t, "type", b, 0);
        add_int(t, "events", b, 1);
        cJSON_AddItemToArray(types, t);
    }
    if (step != SQLITE_DONE)
        goto done;
    cJSON *cs = cJSON_AddArrayToObject(root, "countries");
    while ((step = sqlite3_step(c)) == SQLITE_ROW) {
        cJSON *o = cJSON_CreateObject();
        add_text(o, "iso3", c, 0);
        add_text(o, "name", c, 1);
        add_int(o, "events", c, 2);
        /* world-atlas outlines are keyed by the ISO numeric code */
        const country *k = app->countries ? countries_by_iso3(app->countries, (const char *)sqlite3_column_text(c, 0)) : NULL;
        if (k && k->numeric[0])
            cJSON_AddStringToObject(o, "numeric", k->numeric);
        cJSON_AddItemToArray(cs, o);
    }
    if (step != SQLITE_DONE)
        goto done;
    cJSON *lim = cJSON_AddObjectToObject(root, "limits");
    cJSON_AddNumberToObject(lim, "default_limit", SERVE_DEFAULT_LIMIT);
    cJSON_AddNumberToObject(lim, "max_limit", SERVE_MAX_LIMIT);
    cJSON_AddNumberToObject(lim, "max_query", SERVE_MAX_QUERY);
    answer_json(r, 200, root);
    root = NULL;
    rc = 0;
done:
    cJSON_Delete(root);
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    sqlite3_finalize(c);
    return rc;
}

/* ---- one event: claims, reports, the text with its evidence ------------------ */

typedef struct {
    size_t start, end;
    const char *kind; /* static */
    long long claim;  /* 0 for an evidence row */
} span;

typedef struct {
    span *s;
    size_t n, cap;
} spans;

/* Offsets are bytes of UTF-8; one inside a character moves back to the
 * character's start, so no segment begins with a continuation byte. */
static size_t snap(const char *text, size_t len, size_t p)
{
    while (p > 0 && p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
        p--;
    return p;
}

static void spans_add(spans *v, const char *text, size_t len, sqlite3_stmt *st, int i, const char *kind, long long claim)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL || sqlite3_column_type(st, i + 1) == SQLITE_NULL)
        return;
    long long a = sqlite3_column_int64(st, i), b = sqlite3_column_int64(st, i + 1);
    /* a span outside the text (a damaged row) is ignored, not trusted */
    if (a < 0 || b <= a || (unsigned long long)b > len)
        return;
    size_t sa = snap(text, len, (size_t)a), sb = snap(text, len, (size_t)b);
    if (sb <= sa)
        return;
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->s = realloc(v->s, v->cap * sizeof *v->s);
        if (!v->s)
            abort();
    }
    v->s[v->n++] = (span){sa, sb, kind, claim};
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* What the store's evidence rows may name; anything else is "other". */
static const char *evidence_kind(const char *k)
{
    static const char *const kinds[] = {"event", "date", "location", "actor1", "actor2"};
    for (size_t i = 0; k && i < ARRAY_LEN(kinds); i++)
        if (!strcmp(k, kinds[i]))
            return kinds[i];
    return "other";
}

/* The report text cut at every span boundary: [{"text", "marks"?, "claims"?}];
 * marks and claims list what covers the piece. */
static cJSON *segments(const char *text, size_t len, const spans *v)
{
    size_t nb = 2 * v->n + 2, k = 0;
    size_t *cut = malloc(nb * sizeof *cut);
    if (!cut)
        abort();
    cut[k++] = 0;
    cut[k++] = len;
    for (size_t i = 0; i < v->n; i++) {
        cut[k++] = v->s[i].start;
        cut[k++] = v->s[i].end;
    }
    qsort(cut, k, sizeof *cut, cmp_size);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i + 1 < k; i++) {
        size_t a = cut[i], b = cut[i + 1];
        if (a == b)
            continue;
        cJSON *seg = cJSON_CreateObject();
        char *t = clean_utf8(text + a, b - a);
        cJSON_AddStringToObject(seg, "text", t);
        free(t);
        cJSON *marks = NULL, *claims = NULL;
        for (size_t j = 0; j < v->n; j++) {
            const span *s = &v->s[j];
            if (s->start > a || s->end < b)
                continue;
            if (!marks)
                marks = cJSON_AddArrayToObject(seg, "marks");
            int dup = 0;
            cJSON *m;
            cJSON_ArrayForEach(m, marks) dup |= !strcmp(m->valuestring, s->kind);
            if (!dup)
                cJSON_AddItemToArray(marks, cJSON_CreateString(s->kind));
            if (s->claim) {
                if (!claims)
                    claims = cJSON_AddArrayToObject(seg, "claims");
                dup = 0;
                cJSON_ArrayForEach(m, claims) dup |= (long long)m->valuedouble == s->claim;
                if (!dup)
                    cJSON_AddItemToArray(claims, cJSON_CreateNumber((double)s->claim));
            }
        }
        cJSON_AddItemToArray(arr, seg);
    }
    free(cut);
    return arr;
}

static int event_fields(sqlite3 *db, long long id, cJSON **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, iso3, event_date, date_start, date_end, time_precision, disorder_type, event_type,"
                           " sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,"
                           " civilian_targeting, country, admin1, admin2, location, latitude, longitude, geo_precision,"
                           " fatalities_low, fatalities_best, fatalities_high, injured_low, injured_best, injured_high,"
                           " deaths_a, deaths_b, deaths_civilians, deaths_unknown, number_of_sources, updated_at"
                           " FROM event WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? 1 : -1;
    }
    cJSON *e = cJSON_CreateObject();
    char cnty[32];
    snprintf(cnty, sizeof cnty, "%s%lld", sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "", id);
    add_int(e, "id", st, 0);
    cJSON_AddStringToObject(e, "event_id_cnty", cnty);
    static const char *const names[] = {"iso3", "date", "date_start", "date_end", "time_precision", "disorder_type",
                                        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
                                        "assoc_actor_2", "inter2", "civilian_targeting", "country", "admin1", "admin2",
                                        "location"};
    for (int i = 1; i <= 19; i++) {
        if (i == 5 || i == 11 || i == 14 || i == 15)
            add_int(e, names[i - 1], st, i);
        else
            add_text(e, names[i - 1], st, i);
    }
    add_real(e, "latitude", st, 20);
    add_real(e, "longitude", st, 21);
    add_int(e, "geo_precision", st, 22);
    add_toll(e, "fatalities", st, 23);
    add_toll(e, "injured", st, 26);
    cJSON *d = cJSON_AddObjectToObject(e, "deaths");
    add_int(d, "a", st, 29);
    add_int(d, "b", st, 30);
    add_int(d, "civilians", st, 31);
    add_int(d, "unknown", st, 32);
    add_int(e, "sources", st, 33);
    add_text(e, "updated_at", st, 34);
    sqlite3_finalize(st);
    *out = e;
    return 0;
}

static int event_claims(sqlite3 *db, long long id, cJSON *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, SCHEMA_EVENT_CLAIMS_SQL, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    cJSON *arr = cJSON_AddArrayToObject(e, "claims");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *c = cJSON_CreateObject();
        add_int(c, "id", st, CLAIM_COL_ID);
        add_int(c, "report", st, CLAIM_COL_REPORT);
        add_int(c, "part_of", st, CLAIM_COL_PART_OF);
        add_text(c, "source", st, CLAIM_COL_SOURCE);
        add_text(c, "source_kind", st, CLAIM_COL_SOURCE_KIND);
        add_text(c, "outcome", st, CLAIM_COL_OUTCOME);
        add_text(c, "victims", st, CLAIM_COL_VICTIMS);
        add_text(c, "label", st, CLAIM_COL_LABEL);
        add_text(c, "victim_category", st, CLAIM_COL_VICTIM_CATEGORY);
        add_text(c, "victim_actor", st, CLAIM_COL_VICTIM_ACTOR);
        add_int(c, "min", st, CLAIM_COL_MIN);
        add_int(c, "max", st, CLAIM_COL_MAX);
        add_text(c, "qualifier", st, CLAIM_COL_QUALIFIER);
        add_text(c, "vague", st, CLAIM_COL_VAGUE);
        cJSON_AddBoolToObject(c, "superseded", sqlite3_column_int(st, CLAIM_COL_SUPERSEDED));
        cJSON_AddBoolToObject(c, "context", sqlite3_column_int(st, CLAIM_COL_CONTEXT));
        cJSON_AddBoolToObject(c, "denial", sqlite3_column_int(st, CLAIM_COL_DENIAL));
        add_text(c, "doc_key", st, CLAIM_COL_DOC_KEY);
        add_int(c, "ordinal", st, CLAIM_COL_ORDINAL);
        add_text(c, "outlet", st, CLAIM_COL_OUTLET);
        add_text(c, "report_date", st, CLAIM_COL_REPORT_DATE);
        cJSON_AddItemToArray(arr, c);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int event_reports(sqlite3 *db, long long id, cJSON *e)
{
    sqlite3_stmt *st = NULL, *sp = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT r.id, d.doc_key, r.ordinal, d.outlet, d.report_date, d.title, d.url,"
                           " CAST(d.text AS BLOB) FROM report r JOIN document d ON d.id = r.document_id"
                           " WHERE r.event_id = ?1 ORDER BY d.report_date, d.doc_key, r.ordinal",
                           -1, &st, NULL) != SQLITE_OK ||
        /* kind 0 figure, 1 source (with the claim), 2 an evidence row */
        sqlite3_prepare_v2(db,
                           "SELECT 0, ev_start, ev_end, id, NULL FROM claim WHERE report_id = ?1"
                           " UNION ALL SELECT 1, src_start, src_end, id, NULL FROM claim WHERE report_id = ?1"
                           " UNION ALL SELECT 2, start, end, 0, kind FROM evidence WHERE report_id = ?1",
                           -1, &sp, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    cJSON *arr = cJSON_AddArrayToObject(e, "reports");
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, o);
        add_int(o, "id", st, 0);
        add_text(o, "doc_key", st, 1);
        add_int(o, "ordinal", st, 2);
        add_text(o, "outlet", st, 3);
        add_text(o, "report_date", st, 4);
        add_text(o, "title", st, 5);
        add_text(o, "url", st, 6);
        const char *text = sqlite3_column_blob(st, 7);
        size_t len = (size_t)sqlite3_column_bytes(st, 7);
        if (!text)
            text = "";
        spans v = {0};
        sqlite3_reset(sp);
        sqlite3_bind_int64(sp, 1, sqlite3_column_int64(st, 0));
        int s2;
        while ((s2 = sqlite3_step(sp)) == SQLITE_ROW) {
            int kind = sqlite3_column_int(sp, 0);
            const char *k = kind == 0 ? "figure" : kind == 1 ? "source" : evidence_kind((const char *)sqlite3_column_text(sp, 4));
            spans_add(&v, text, len, sp, 1, k, kind < 2 ? sqlite3_column_int64(sp, 3) : 0);
        }
        if (s2 != SQLITE_DONE) {
            free(v.s);
            goto done;
        }
        cJSON_AddItemToObject(o, "segments", segments(text, len, &v));
        free(v.s);
    }
    rc = step == SQLITE_DONE ? 0 : -1;
done:
    sqlite3_finalize(st);
    sqlite3_finalize(sp);
    return rc;
}

static int api_event(serve_app *app, sqlite3 *db, const serve_query *q, long long id, serve_response *r)
{
    cJSON *e;
    int rc = event_fields(db, id, &e);
    if (rc == 1) {
        answer_error(r, 404, "no such event");
        return 0;
    }
    if (rc || event_claims(db, id, e) || event_reports(db, id, e)) {
        cJSON_Delete(e);
        return -1;
    }
    answer_json(r, 200, e);
    return 0;
}

/* ---- routing ------------------------------------------------------------------ */

/* Percent-decodes a path into out (cap bytes with the NUL); 0 if it holds a
 * broken escape or a control byte. */
static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int decode_path(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int h = i + 2 < n ? hexval(s[i + 1]) : -1, l = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (h < 0 || l < 0)
                return 0;
            c = (unsigned char)(h * 16 + l);
            i += 2;
        }
        if (c < 0x20 || c == 0x7f || k + 1 >= cap)
            return 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return 1;
}

static long long data_version(conn *c)
{
    sqlite3_reset(c->version);
    long long v = sqlite3_step(c->version) == SQLITE_ROW ? sqlite3_column_int64(c->version, 0) : -1;
    sqlite3_reset(c->version);
    return v;
}

/* key: the URI as received; a cached answer is served while the store has
 * not changed since it was computed. */
static void run(serve_app *app, handler *h, const serve_query *q, long long id, const char *path, const char *key,
                serve_response *r)
{
    int i = db_take(app);
    conn *c = &app->c[i];
    long long version = key ? data_version(c) : -1;
    if (key && version >= 0)
        for (int k = 0; k < CACHE_SLOTS; k++) {
            cached *e = &c->cache[k];
            if (e->key && e->version == version && !strcmp(e->key, key)) {
                char *copy = cJSON_malloc(e->len + 1);
                if (copy) {
                    memcpy(copy, e->body, e->len + 1);
                    *r = (serve_response){200, CT_JSON, copy, e->len, 1, 0, copy};
                    db_give(app, i);
                    return;
                }
            }
        }
    if (h(app, c->db, q, id, r)) {
        /* the details are for the operator, not for the client */
        fprintf(stderr, "tally serve: %s: %s\n", path, sqlite3_errmsg(c->db));
        answer_error(r, 500, "internal error");
    } else if (key && version >= 0 && r->status == 200 && r->len <= CACHE_MAX_BODY) {
        cached *e = &c->cache[c->next];
        c->next = (c->next + 1) % CACHE_SLOTS;
        free(e->key);
        free(e->body);
        e->key = strdup(key);
        e->body = malloc(r->len + 1);
        if (e->key && e->body) {
            memcpy(e->body, r->body, r->len);
            e->body[r->len] = '\0';
            e->len = r->len;
            e->version = version;
        } else {
            free(e->key);
            free(e->body);
            e->key = e->body = NULL;
        }
    }
    db_give(app, i);
}

void serve_handle(serve_app *app, const char *method, const char *uri, serve_response *r)
{
    *r = (serve_response){0};
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        answer_error(r, 405, "method not allowed (GET or HEAD)");
        return;
    }
    size_t ulen = strlen(uri);
    if (ulen > SERVE_MAX_URI) {
        answer_error(r, 414, "URI too long");
        return;
    }
    if (uri[0] != '/') {
        answer_error(r, 400, "bad request target");
        return;
    }
    const char *qm = memchr(uri, '?', ulen);
    size_t plen = qm ? (size_t)(qm - uri) : ulen;
    const char *qs = qm ? qm + 1 : "";
    size_t qlen = qm ? ulen - plen - 1 : 0;
    char path[SERVE_MAX_URI + 1];
    /* ".." and "\" are refused outright, encoded or not: no served path has
     * them, and a request that carries one is probing */
    if (!decode_path(uri, plen, path, sizeof path) || strstr(path, "..") || strchr(path, '\\') || strstr(path, "//")) {
        answer_error(r, 400, "bad path");
        return;
    }
    char err[160];
    serve_query q;
    if (!strncmp(path, "/api/", 5)) {
        const char *rest = path + 5;
        handler *h = NULL;
        unsigned allowed = 0;
        long long id = 0;
        int cacheable = 0;
        if (!strcmp(rest, "events")) {
            h = api_events;
            allowed = SQ_FILTERS | SQ_LIMIT | SQ_OFFSET;
        } else if (!strcmp(rest, "weekly")) {
            h = api_weekly;
            allowed = SQ_FILTERS;
            cacheable = 1;
        } else if (!strcmp(rest, "meta")) {
            h = api_meta;
            cacheable = 1;
        } else if (!strncmp(rest, "events/", 7)) {
            if (!show_parse_id(rest + 7, &id) || id <= 0) {
                answer_error(r, 404, "no such event");
                return;
            }
            h = api_event;
        } else {
            answer_error(r, 404, "no such endpoint");
            return;
        }
        int status = serve_parse_query(qs, qlen, allowed, &q, err, sizeof err);
        if (status) {
            answer_error(r, status, err);
            return;
        }
        run(app, h, &q, id, path, cacheable ? uri : NULL, r);
        return;
    }
    for (size_t i = 0; i < NPAGE; i++)
        if (!strcmp(path, page_files[i].path)) {
            size_t k = i;
            while (k > 0 && !app->page[k] && !strcmp(page_files[k].file, page_files[k - 1].file))
                k--;
            if (!app->page[k])
                break;
            *r = (serve_response){200, page_files[i].type, app->page[k], app->page_len[k], 0, 1, NULL};
            return;
        }
    answer_error(r, 404, "not found");
}

/* ---- rate limit ---------------------------------------------------------------- */

#define RATE_SLOTS 1024

struct serve_rate {
    double rate, burst;
    pthread_mutex_t lock;
    struct {
        int used;
        double tokens, at;
    } slot[RATE_SLOTS];
};

serve_rate *serve_rate_new(double rate, double burst)
{
    serve_rate *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->rate = rate;
    r->burst = burst < 1 ? 1 : burst;
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

void serve_rate_free(serve_rate *r)
{
    if (!r)
        return;
    pthread_mutex_destroy(&r->lock);
    free(r);
}

int serve_rate_take(serve_rate *r, const void *addr, size_t addrlen, double now)
{
    if (!r || r->rate <= 0)
        return 1;
    /* addresses that hash to one slot share its bucket: that errs on the
     * strict side, and memory stays fixed whatever the number of clients */
    size_t i = hash64((const char *)addr, addrlen) % RATE_SLOTS;
    pthread_mutex_lock(&r->lock);
    if (!r->slot[i].used) {
        r->slot[i].used = 1;
        r->slot[i].tokens = r->burst;
        r->slot[i].at = now;
    }
    double t = r->slot[i].tokens + (now - r->slot[i].at) * r->rate;
    if (t > r->burst)
        t = r->burst;
    r->slot[i].at = now;
    int ok = t >= 1.0;
    r->slot[i].tokens = ok ? t - 1.0 : t;
    pthread_mutex_unlock(&r->lock);
    return ok;
}

int serve_host_ok(const char *host, int loopback_only)
{
    if (!loopback_only || !host)
        return 1;
    static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        size_t n = strlen(names[i]);
        if (strncasecmp(host, names[i], n))
            continue;
        const char *p = host + n;
        if (!*p)
            return 1;
        if (*p++ != ':' || !*p)
            continue;
        while (*p >= '0' && *p <= '9')
            p++;
        if (!*p)
            return 1;
    }
    return 0;
}
