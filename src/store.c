/* store.c -- documents, reports, claims and merged events in SQLite
 * (store.h; tables in docs/schema.md, merge rule in merge.h). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "merge.h"
#include "model.h"
#include "record.h"
#include "schema.h"
#include "store.h"

/* Every statement the store runs, prepared once. */
enum {
    Q_DOC_FIND,
    Q_DOC_INSERT,
    Q_DOC_UPDATE,
    Q_DOC_EVENTS,
    Q_DOC_DELETE_REPORTS,
    Q_EVENT_INSERT,
    Q_EVENT_UPDATE,
    Q_EVENT_DELETE,
    Q_EVENT_HAS_DOC,
    Q_NEAR_CELLS,
    Q_NEAR_CELLS_SPAN,
    Q_NEAR_COUNTRY,
    Q_NEAR_COUNTRY_SPAN,
    Q_NEAR_COUNTRY_COARSE,
    Q_REPORT_INSERT,
    Q_REPORTS_OF_EVENT,
    Q_SOURCES_OF_EVENT,
    Q_CLAIM_INSERT,
    Q_CLAIMS_OF_EVENT,
    Q_EVIDENCE_INSERT,
    Q_N
};

#define NEAR_CELLS 9
#define INCIDENT_COLS                                                                                                  \
    "id, event_type, sub_event_type, event_date, date_start, date_end, time_precision, actor1, assoc_actor_1, "         \
    "inter1, actor2, assoc_actor_2, inter2, country, iso3, admin1, admin2, location, latitude, longitude, "           \
    "geo_precision"

static const char *const sql[Q_N] = {
    [Q_DOC_FIND] = "SELECT id, content_hash FROM document WHERE doc_key = ?",
    [Q_DOC_INSERT] = "INSERT INTO document (doc_key, content_hash, report_date, title, url, outlet, text, "
                     "ingested_at) VALUES (?,?,?,?,?,?,?,?)",
    [Q_DOC_UPDATE] = "UPDATE document SET content_hash = ?2, report_date = ?3, title = ?4, url = ?5, outlet = ?6, "
                     "text = ?7, ingested_at = ?8 WHERE id = ?1",
    [Q_DOC_EVENTS] = "SELECT DISTINCT event_id FROM report WHERE document_id = ?",
    [Q_DOC_DELETE_REPORTS] = "DELETE FROM report WHERE document_id = ?",
    [Q_EVENT_INSERT] = "INSERT INTO event (event_date, date_start, date_end, time_precision, disorder_type, "
                       "event_type, sub_event_type, updated_at) VALUES (?,?,?,?,?,?,?,?)",
    [Q_EVENT_UPDATE] =
        "UPDATE event SET event_date=?2, date_start=?3, date_end=?4, time_precision=?5, disorder_type=?6, "
        "event_type=?7, sub_event_type=?8, actor1=?9, assoc_actor_1=?10, inter1=?11, actor2=?12, "
        "assoc_actor_2=?13, inter2=?14, civilian_targeting=?15, country=?16, iso3=?17, admin1=?18, admin2=?19, "
        "location=?20, latitude=?21, longitude=?22, geo_precision=?23, fatalities_low=?24, fatalities_best=?25, "
        "fatalities_high=?26, injured_low=?27, injured_best=?28, injured_high=?29, deaths_a=?30, deaths_b=?31, "
        "deaths_civilians=?32, deaths_unknown=?33, number_of_sources=?34, cell=?35, updated_at=?36 WHERE id=?1",
    [Q_EVENT_DELETE] = "DELETE FROM event WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM report WHERE event_id = ?1)",
    [Q_EVENT_HAS_DOC] = "SELECT 1 FROM report WHERE event_id = ? AND document_id = ? LIMIT 1",
    /* The candidates of a report (find_event).  Every query names its
     * index, so that the planner never falls back to a wider one. */
    [Q_NEAR_CELLS] = "SELECT " INCIDENT_COLS " FROM event INDEXED BY event_by_cell WHERE cell IN "
                     "(?,?,?,?,?,?,?,?,?) AND event_type = ?12 AND event_date BETWEEN ?10 AND ?11",
    [Q_NEAR_CELLS_SPAN] = "SELECT " INCIDENT_COLS " FROM event INDEXED BY event_span_by_cell WHERE cell IN "
                          "(?,?,?,?,?,?,?,?,?) AND date_end <> date_start AND event_type = ?12 "
                          "AND event_date BETWEEN ?10 AND ?11",
    [Q_NEAR_COUNTRY] = "SELECT " INCIDENT_COLS " FROM event INDEXED BY event_merge_by_country WHERE iso3 = ?1 "
                       "AND event_type = ?4 AND event_date BETWEEN ?2 AND ?3",
    [Q_NEAR_COUNTRY_SPAN] = "SELECT " INCIDENT_COLS " FROM event INDEXED BY event_span_by_country WHERE iso3 = ?1 "
                            "AND date_end <> date_start AND event_type = ?4 AND event_date BETWEEN ?2 AND ?3",
    [Q_NEAR_COUNTRY_COARSE] = "SELECT " INCIDENT_COLS " FROM event INDEXED BY event_coarse_by_country "
                              "WHERE iso3 = ?1 AND (geo_precision IS NULL OR geo_precision >= 3) "
                              "AND event_type = ?4 AND event_date BETWEEN ?2 AND ?3",
    [Q_REPORT_INSERT] = "INSERT INTO report (event_id, document_id, ordinal, record) VALUES (?,?,?,?)",
    [Q_REPORTS_OF_EVENT] = "SELECT record FROM report WHERE event_id = ? ORDER BY id",
    [Q_SOURCES_OF_EVENT] = "SELECT count(DISTINCT document_id) FROM report WHERE event_id = ?",
    [Q_CLAIM_INSERT] = "INSERT INTO claim (report_id, event_id, part_of, source, source_kind, outcome, victims, "
                       "victim_category, min, max, qualifier, vague, ev_start, ev_end, src_start, src_end, sentence, "
                       "single, label, victim_actor, superseded, context, denial, hit) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [Q_CLAIMS_OF_EVENT] = "SELECT id, report_id, part_of, source, source_kind, outcome, victim_category, min, max, "
                          "qualifier, sentence, single, victims, label, victim_actor, superseded, context, denial, hit "
                          "FROM claim WHERE event_id = ? ORDER BY id",
    [Q_EVIDENCE_INSERT] = "INSERT INTO evidence (report_id, kind, start, end) VALUES (?,?,?,?)",
};

struct store {
    sqlite3 *db;
    int readonly;
    sqlite3_stmt *q[Q_N];
    store_counts counts;
    buf record;
};

/* ---- small helpers ------------------------------------------------------------ */

static void fail(const store *s, char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(s->db));
}

/* The statement, reset and unbound, ready to bind. */
static sqlite3_stmt *Q(store *s, int k)
{
    sqlite3_reset(s->q[k]);
    sqlite3_clear_bindings(s->q[k]);
    return s->q[k];
}

static void now_utc(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_date(sqlite3_stmt *st, int i, civil_date d)
{
    char s[11];
    date_format(d, s);
    sqlite3_bind_text(st, i, s, 10, SQLITE_TRANSIENT);
}

static void col_copy(sqlite3_stmt *st, int i, char *out, size_t cap)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    snprintf(out, cap, "%s", v ? (const char *)v : "");
}

static civil_date col_date(sqlite3_stmt *st, int i)
{
    civil_date d = {0, 0, 0};
    const unsigned char *v = sqlite3_column_text(st, i);
    if (v)
        date_parse_iso((const char *)v, strlen((const char *)v), &d);
    return d;
}

/* FNV-1a over the date and the text: the document's content. */
static void content_hash(const tally_doc *doc, char out[17])
{
    char d[11];
    date_format((civil_date){doc->date.year, doc->date.month, doc->date.day}, d);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char *p = d; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
    h = (h ^ '\n') * 0x100000001b3ULL;
    for (size_t i = 0; i < doc->len; i++)
        h = (h ^ (unsigned char)doc->text[i]) * 0x100000001b3ULL;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static int exec(store *s, const char *q, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, q, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", q, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* ---- open / close ---------------------------------------------------------------- */

store *store_open(const char *path, int readonly, char *err, size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->readonly = readonly;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 10000);
    char e2[256];
    if (!readonly && (exec(s, "PRAGMA journal_mode=WAL", e2, sizeof e2) < 0 ||
                      exec(s, "PRAGMA synchronous=FULL", e2, sizeof e2) < 0)) {
        snprintf(err, errlen, "%s: %s", path, e2);
        store_close(s);
        return NULL;
    }
    /* A batch touches many index pages again and again: a cache that holds
     * them saves writing them to the WAL more than once per commit. */
    /* The merge reads candidate rows all over a large file: through pread
     * each page is copied from the kernel's cache into SQLite's, which was
     * a quarter of the time of merging against a million events (kernel
     * 26.6% -> 11.6% of the samples mapped).  Mapped, a page is read where it
     * lies; writes still go through the WAL. */
    if (exec(s, "PRAGMA foreign_keys=ON", e2, sizeof e2) < 0 || exec(s, "PRAGMA cache_size=-65536", e2, sizeof e2) < 0 ||
        exec(s, "PRAGMA mmap_size=4294967296", e2, sizeof e2) < 0) {
        snprintf(err, errlen, "%s: %s", path, e2);
        store_close(s);
        return NULL;
    }
    int v = schema_version(s->db);
    if (readonly) {
        if (v < 1 || v > SCHEMA_VERSION) {
            snprintf(err, errlen, "%s: %s", path,
                     v < 0    ? sqlite3_errmsg(s->db)
                     : v == 0 ? "not a tally store (run tally ingest first)"
                              : "made by a newer tally");
            store_close(s);
            return NULL;
        }
        return s;   /* readers prepare their own statements */
    }
    if (schema_migrate(s->db, e2, sizeof e2) < 0) {
        snprintf(err, errlen, "%s: %s", path, e2);
        store_close(s);
        return NULL;
    }
    for (int k = 0; k < Q_N; k++)
        if (sqlite3_prepare_v3(s->db, sql[k], -1, SQLITE_PREPARE_PERSISTENT, &s->q[k], NULL) != SQLITE_OK) {
            snprintf(err, errlen, "%s: preparing statement %d: %s", path, k, sqlite3_errmsg(s->db));
            store_close(s);
            return NULL;
        }
    return s;
}

void store_close(store *s)
{
    if (!s)
        return;
    for (int k = 0; k < Q_N; k++)
        sqlite3_finalize(s->q[k]);
    sqlite3_close(s->db);
    buf_free(&s->record);
    free(s);
}

int store_begin(store *s, char *err, size_t errlen) { return exec(s, "BEGIN IMMEDIATE", err, errlen); }
int store_commit(store *s, char *err, size_t errlen) { return exec(s, "COMMIT", err, errlen); }
const store_counts *store_stats(const store *s) { return &s->counts; }
sqlite3 *store_db(store *s) { return s->db; }

/* ---- incidents: from an extracted event, a stored event, a stored record ---------- */

static void incident_of_event(incident *r, const event *e)
{
    memset(r, 0, sizeof *r);
    snprintf(r->event_type, sizeof r->event_type, "%s", e->event_type);
    snprintf(r->sub_event_type, sizeof r->sub_event_type, "%s", e->sub_event_type);
    r->date = e->date;
    r->first = e->first;
    r->last = e->last;
    r->time_precision = e->time_precision;
    memcpy(r->actor1, e->actor1, sizeof r->actor1);
    memcpy(r->assoc1, e->assoc1, sizeof r->assoc1);
    memcpy(r->actor2, e->actor2, sizeof r->actor2);
    memcpy(r->assoc2, e->assoc2, sizeof r->assoc2);
    r->inter1 = e->inter1;
    r->inter2 = e->inter2;
    memcpy(r->country, e->country, sizeof r->country);
    memcpy(r->iso3, e->iso3, sizeof r->iso3);
    memcpy(r->admin1, e->admin1, sizeof r->admin1);
    memcpy(r->admin2, e->admin2, sizeof r->admin2);
    memcpy(r->location, e->location, sizeof r->location);
    r->has_coords = e->has_coords;
    r->lat = e->lat;
    r->lon = e->lon;
    r->geo_precision = e->has_coords ? e->geo_precision : 0;
}

/* A row of INCIDENT_COLS (column 0 is the id). */
static void incident_of_row(incident *r, sqlite3_stmt *st)
{
    memset(r, 0, sizeof *r);
    col_copy(st, 1, r->event_type, sizeof r->event_type);
    col_copy(st, 2, r->sub_event_type, sizeof r->sub_event_type);
    r->date = col_date(st, 3);
    r->first = col_date(st, 4);
    r->last = col_date(st, 5);
    r->time_precision = sqlite3_column_int(st, 6);
    col_copy(st, 7, r->actor1, sizeof r->actor1);
    col_copy(st, 8, r->assoc1, sizeof r->assoc1);
    r->inter1 = sqlite3_column_int(st, 9);
    col_copy(st, 10, r->actor2, sizeof r->actor2);
    col_copy(st, 11, r->assoc2, sizeof r->assoc2);
    r->inter2 = sqlite3_column_int(st, 12);
    col_copy(st, 13, r->country, sizeof r->country);
    col_copy(st, 14, r->iso3, sizeof r->iso3);
    col_copy(st, 15, r->admin1, sizeof r->admin1);
    col_copy(st, 16, r->admin2, sizeof r->admin2);
    col_copy(st, 17, r->location, sizeof r->location);
    r->has_coords = sqlite3_column_type(st, 18) != SQLITE_NULL && sqlite3_column_type(st, 19) != SQLITE_NULL;
    r->lat = sqlite3_column_double(st, 18);
    r->lon = sqlite3_column_double(st, 19);
    r->geo_precision = sqlite3_column_int(st, 20);
}

static void json_copy(const cJSON *o, const char *key, char *out, size_t cap)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    snprintf(out, cap, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

static int json_int(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

static civil_date json_date(const cJSON *o, const char *key)
{
    civil_date d = {0, 0, 0};
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v))
        date_parse_iso(v->valuestring, strlen(v->valuestring), &d);
    return d;
}

/* A report's record (docs/format.md); 0 on success. */
static int incident_of_record(incident *r, const char *json)
{
    memset(r, 0, sizeof *r);
    cJSON *o = cJSON_Parse(json);
    if (!o)
        return -1;
    json_copy(o, "event_type", r->event_type, sizeof r->event_type);
    json_copy(o, "sub_event_type", r->sub_event_type, sizeof r->sub_event_type);
    r->date = json_date(o, "event_date");
    r->first = json_date(o, "date_start");
    r->last = json_date(o, "date_end");
    r->time_precision = json_int(o, "time_precision");
    json_copy(o, "actor1", r->actor1, sizeof r->actor1);
    json_copy(o, "assoc_actor_1", r->assoc1, sizeof r->assoc1);
    r->inter1 = json_int(o, "inter1");
    json_copy(o, "actor2", r->actor2, sizeof r->actor2);
    json_copy(o, "assoc_actor_2", r->assoc2, sizeof r->assoc2);
    r->inter2 = json_int(o, "inter2");
    json_copy(o, "country", r->country, sizeof r->country);
    json_copy(o, "iso", r->iso3, sizeof r->iso3);
    json_copy(o, "admin1", r->admin1, sizeof r->admin1);
    json_copy(o, "admin2", r->admin2, sizeof r->admin2);
    json_copy(o, "location", r->location, sizeof r->location);
    const cJSON *lat = cJSON_GetObjectItemCaseSensitive(o, "latitude"),
                *lon = cJSON_GetObjectItemCaseSensitive(o, "longitude");
    r->has_coords = cJSON_IsNumber(lat) && cJSON_IsNumber(lon);
    if (r->has_coords) {
        r->lat = lat->valuedouble;
        r->lon = lon->valuedouble;
        r->geo_precision = json_int(o, "geo_precision");
    }
    cJSON_Delete(o);
    return 0;
}

/* ---- recomputing an event ------------------------------------------------------------ */

static int name_index(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], s))
            return i;
    return 0;
}


static void bind_toll(sqlite3_stmt *st, int i, const toll *t)
{
    if (t->known) {
        sqlite3_bind_int64(st, i, t->low);
        sqlite3_bind_int64(st, i + 1, t->best);
        sqlite3_bind_int64(st, i + 2, t->high);
    } else
        for (int k = 0; k < 3; k++)
            sqlite3_bind_null(st, i + k);
}

typedef struct {
    incident *reports;
    size_t n, cap;
    claim *claims;
    long long *claim_ids, *claim_reports, *part_ids;
    size_t nclaims, capclaims;
} recompute_buf;

static void recompute_buf_free(recompute_buf *b)
{
    free(b->reports);
    free(b->claims);
    free(b->claim_ids);
    free(b->claim_reports);
    free(b->part_ids);
}

static int load_claims(store *s, long long event_id, recompute_buf *b, char *err, size_t errlen)
{
    sqlite3_stmt *st = Q(s, Q_CLAIMS_OF_EVENT);
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (b->nclaims == b->capclaims) {
            size_t cap = b->capclaims ? 2 * b->capclaims : 16;
            claim *c = realloc(b->claims, cap * sizeof *c);
            long long *ids = realloc(b->claim_ids, cap * sizeof *ids);
            long long *reps = ids ? realloc(b->claim_reports, cap * sizeof *reps) : NULL;
            long long *parts = reps ? realloc(b->part_ids, cap * sizeof *parts) : NULL;
            if (c)
                b->claims = c;
            if (ids)
                b->claim_ids = ids;
            if (reps)
                b->claim_reports = reps;
            if (!c || !ids || !reps || !parts)
                abort();
            b->part_ids = parts;
            b->capclaims = cap;
        }
        size_t k = b->nclaims++;
        claim *c = &b->claims[k];
        memset(c, 0, sizeof *c);
        b->claim_ids[k] = sqlite3_column_int64(st, 0);
        b->claim_reports[k] = sqlite3_column_int64(st, 1);
        b->part_ids[k] = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 2);
        col_copy(st, 3, c->source, sizeof c->source);
        c->kind = (enum source_kind)name_index(source_kind_name, 6, (const char *)sqlite3_column_text(st, 4));
        c->outcome = (enum outcome)name_index(outcome_name, OUT_N, (const char *)sqlite3_column_text(st, 5));
        c->vcat = (enum victim_cat)name_index(victim_cat_name, 4, (const char *)sqlite3_column_text(st, 6));
        c->min = sqlite3_column_int64(st, 7);
        c->max = sqlite3_column_type(st, 8) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 8);
        c->q = (enum qualifier)name_index(qualifier_name, 5, (const char *)sqlite3_column_text(st, 9));
        c->sentence = sqlite3_column_int(st, 10);
        c->single = sqlite3_column_int(st, 11);
        col_copy(st, 12, c->victims, sizeof c->victims);
        col_copy(st, 13, c->label, sizeof c->label);
        col_copy(st, 14, c->victim_actor, sizeof c->victim_actor);
        /* the later figure is in the same report; reconciliation needs only
         * to know that one exists */
        c->superseded_by = sqlite3_column_int(st, 15) ? (int)k : -1;
        c->context = sqlite3_column_int(st, 16);
        c->denial = sqlite3_column_int(st, 17);
        c->hit = sqlite3_column_int(st, 18);
        c->restates = -1;
    }
    if (rc != SQLITE_DONE) {
        fail(s, err, errlen, "reading claims");
        return -1;
    }
    /* event_reconcile tells statements apart by (sentence, source) within
     * one report; across reports every sentence is a statement of its own.
     * Number the (report, sentence) pairs afresh so no two reports share one. */
    int *stored = malloc((b->nclaims ? b->nclaims : 1) * sizeof *stored);
    if (!stored)
        abort();
    for (size_t i = 0; i < b->nclaims; i++)
        stored[i] = b->claims[i].sentence;
    int next = 0;
    for (size_t i = 0; i < b->nclaims; i++) {
        claim *c = &b->claims[i];
        c->sentence = -1;
        for (size_t j = 0; j < i && c->sentence < 0; j++)
            if (b->claim_reports[j] == b->claim_reports[i] && stored[j] == stored[i])
                c->sentence = b->claims[j].sentence;
        if (c->sentence < 0)
            c->sentence = next++;
        c->part_of = -1;
        for (size_t j = 0; j < b->nclaims && b->part_ids[i] >= 0; j++)
            if (b->claim_ids[j] == b->part_ids[i])
                c->part_of = (int)j;
    }
    free(stored);
    return 0;
}

int store_recompute(store *s, long long event_id, char *err, size_t errlen)
{
    recompute_buf b = {0};
    int ret = -1;
    sqlite3_stmt *st = Q(s, Q_REPORTS_OF_EVENT);
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        b.reports = grow_array(b.reports, &b.cap, b.n, sizeof *b.reports);
        if (incident_of_record(&b.reports[b.n], (const char *)sqlite3_column_text(st, 0)) == 0)
            b.n++;
    }
    if (rc != SQLITE_DONE) {
        fail(s, err, errlen, "reading reports");
        goto out;
    }
    if (b.n == 0) {
        st = Q(s, Q_EVENT_DELETE);
        sqlite3_bind_int64(st, 1, event_id);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fail(s, err, errlen, "deleting an event with no report");
            goto out;
        }
        s->counts.events_deleted += sqlite3_changes(s->db) > 0;
        ret = 0;
        goto out;
    }
    st = Q(s, Q_SOURCES_OF_EVENT);
    sqlite3_bind_int64(st, 1, event_id);
    int nsources = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
    sqlite3_reset(st);

    incident m;
    merge_combine(&m, b.reports, b.n);
    if (load_claims(s, event_id, &b, err, errlen) < 0)
        goto out;
    /* The merged event's claims go through the same reconciliation as one
     * report's (event.h): tolls, per-group figures and UCDP's sides, with
     * the merged event's actors deciding which side a claim's dead are on. */
    event e = {0};
    snprintf(e.actor1, sizeof e.actor1, "%s", m.actor1);
    snprintf(e.assoc1, sizeof e.assoc1, "%s", m.assoc1);
    snprintf(e.actor2, sizeof e.actor2, "%s", m.actor2);
    snprintf(e.assoc2, sizeof e.assoc2, "%s", m.assoc2);
    e.inter1 = m.inter1;
    e.inter2 = m.inter2;
    int *idx = malloc((b.nclaims ? b.nclaims : 1) * sizeof *idx);
    if (!idx)
        abort();
    for (size_t i = 0; i < b.nclaims; i++)
        idx[i] = (int)i;
    e.claims = idx;
    e.nclaims = b.nclaims;
    event_reconcile(&e, b.claims);
    free(idx);
    long long deaths[4] = {e.deaths_a, e.deaths_b, e.deaths_civilians, e.deaths_unknown};

    char now[21];
    now_utc(now);
    st = Q(s, Q_EVENT_UPDATE);
    sqlite3_bind_int64(st, 1, event_id);
    bind_date(st, 2, m.date);
    bind_date(st, 3, m.first);
    bind_date(st, 4, m.last);
    sqlite3_bind_int(st, 5, m.time_precision);
    bind_text(st, 6, merge_disorder_type(m.event_type));
    bind_text(st, 7, m.event_type);
    bind_text(st, 8, m.sub_event_type);
    bind_text(st, 9, m.actor1);
    bind_text(st, 10, m.assoc1);
    sqlite3_bind_int(st, 11, m.inter1);
    bind_text(st, 12, m.actor2);
    bind_text(st, 13, m.assoc2);
    sqlite3_bind_int(st, 14, m.inter2);
    sqlite3_bind_int(st, 15, merge_civilian_targeting(&m));
    bind_text(st, 16, m.country);
    bind_text(st, 17, m.iso3);
    bind_text(st, 18, m.admin1);
    bind_text(st, 19, m.admin2);
    bind_text(st, 20, m.location);
    if (m.has_coords) {
        sqlite3_bind_double(st, 21, m.lat);
        sqlite3_bind_double(st, 22, m.lon);
        sqlite3_bind_int(st, 23, m.geo_precision);
        sqlite3_bind_int(st, 35, merge_cell(m.lat, m.lon));
    }
    bind_toll(st, 24, &e.fatalities);
    bind_toll(st, 27, &e.injured);
    if (e.fatalities.known) {
        for (int k = 0; k < 4; k++)
            sqlite3_bind_int64(st, 30 + k, deaths[k]);
    }
    sqlite3_bind_int(st, 34, nsources);
    bind_text(st, 36, now);
    if (sqlite3_step(st) != SQLITE_DONE) {
        fail(s, err, errlen, "updating an event");
        goto out;
    }
    ret = 0;
out:
    recompute_buf_free(&b);
    return ret;
}

/* ---- finding the event a report belongs to ---------------------------------------------- */

typedef struct {
    long long id;
    int days;
    double km;
} candidate;

static int same_document(store *s, long long event_id, long long doc_id)
{
    sqlite3_stmt *st = Q(s, Q_EVENT_HAS_DOC);
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int64(st, 2, doc_id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

/* Steps a candidate query; keeps the best compatible event in *best. */
static int scan_candidates(store *s, sqlite3_stmt *st, const incident *r, long long doc_id, candidate *best)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        incident e;
        incident_of_row(&e, st);
        int days;
        double km;
        if (!merge_compatible(&e, r, &days, &km))
            continue;
        long long id = sqlite3_column_int64(st, 0);
        if (best->id && (days > best->days || (days == best->days && km >= best->km)))
            continue;
        if (same_document(s, id, doc_id))
            continue;
        best->id = id;
        best->days = days;
        best->km = km;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int scan_cells(store *s, int q, const int *cells, size_t n, civil_date from, civil_date to,
                      const incident *r, long long doc_id, candidate *best)
{
    for (size_t k = 0; k < n; k += NEAR_CELLS) {
        sqlite3_stmt *st = Q(s, q);
        for (size_t j = 0; j < NEAR_CELLS; j++)
            sqlite3_bind_int(st, (int)j + 1, k + j < n ? cells[k + j] : -1);
        bind_date(st, 10, from);
        bind_date(st, 11, to);
        bind_text(st, 12, r->event_type);
        if (scan_candidates(s, st, r, doc_id, best) < 0)
            return -1;
    }
    return 0;
}

static int scan_country(store *s, int q, civil_date from, civil_date to, const incident *r, long long doc_id,
                        candidate *best)
{
    sqlite3_stmt *st = Q(s, q);
    bind_text(st, 1, r->iso3);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    bind_text(st, 4, r->event_type);
    return scan_candidates(s, st, r, doc_id, best);
}

/* The stored event this report belongs to, 0 for none, -1 on error.  Only
 * indexes are read, in a date window: an event that may overlap the
 * report starts between a day before the report's range and a day after
 * it, or -- if it spans days -- up to MERGE_MAX_SPAN_DAYS earlier (the span
 * indexes hold only those).  Precise places look in the grid cells near
 * them and at the coarse events of their country; coarse places look at
 * the whole country. */
static long long find_event(store *s, const incident *r, long long doc_id)
{
    civil_date from, to;
    merge_date_window(r, &from, &to);
    civil_date near_from = days_to_date(date_to_days(r->first) - 1);
    candidate best = {0, 0, 0};
    int precise = r->has_coords && r->geo_precision > 0 && r->geo_precision < 3;
    int rc = 0;
    if (precise) {
        int cells[64];
        size_t n = merge_cells_near(r, cells, ARRAY_LEN(cells));
        rc |= scan_cells(s, Q_NEAR_CELLS, cells, n, near_from, to, r, doc_id, &best);
        rc |= scan_cells(s, Q_NEAR_CELLS_SPAN, cells, n, from, near_from, r, doc_id, &best);
        if (r->iso3[0])
            rc |= scan_country(s, Q_NEAR_COUNTRY_COARSE, from, to, r, doc_id, &best);
    } else if (r->iso3[0]) {
        rc |= scan_country(s, Q_NEAR_COUNTRY, near_from, to, r, doc_id, &best);
        rc |= scan_country(s, Q_NEAR_COUNTRY_SPAN, from, near_from, r, doc_id, &best);
    }
    return rc ? -1 : best.id;
}

/* ---- storing one document ------------------------------------------------------------------ */

static int put_evidence(store *s, long long report_id, const char *kind, span sp)
{
    if (sp.end <= sp.start)
        return 0;
    sqlite3_stmt *st = Q(s, Q_EVIDENCE_INSERT);
    sqlite3_bind_int64(st, 1, report_id);
    bind_text(st, 2, kind);
    sqlite3_bind_int64(st, 3, sp.start);
    sqlite3_bind_int64(st, 4, sp.end);
    return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int put_claim(store *s, long long report_id, long long event_id, const claim *c, long long part_of,
                     long long *id)
{
    sqlite3_stmt *st = Q(s, Q_CLAIM_INSERT);
    sqlite3_bind_int64(st, 1, report_id);
    sqlite3_bind_int64(st, 2, event_id);
    if (part_of > 0)
        sqlite3_bind_int64(st, 3, part_of);
    bind_text(st, 4, c->source);
    bind_text(st, 5, source_kind_name[c->kind]);
    bind_text(st, 6, outcome_name[c->outcome]);
    bind_text(st, 7, c->victims);
    bind_text(st, 8, victim_cat_name[c->vcat]);
    sqlite3_bind_int64(st, 9, c->min);
    if (c->max)
        sqlite3_bind_int64(st, 10, c->max);
    bind_text(st, 11, qualifier_name[c->q]);
    if (c->vague)
        bind_text(st, 12, c->words);
    sqlite3_bind_int64(st, 13, c->sp.start);
    sqlite3_bind_int64(st, 14, c->sp.end);
    if (c->source_span.end > c->source_span.start) {
        sqlite3_bind_int64(st, 15, c->source_span.start);
        sqlite3_bind_int64(st, 16, c->source_span.end);
    }
    sqlite3_bind_int(st, 17, c->sentence);
    sqlite3_bind_int(st, 18, c->single);
    bind_text(st, 19, c->label);
    bind_text(st, 20, c->victim_actor);
    sqlite3_bind_int(st, 21, c->superseded_by >= 0);
    sqlite3_bind_int(st, 22, c->context);
    sqlite3_bind_int(st, 23, c->denial);
    sqlite3_bind_int(st, 24, c->hit);
    if (sqlite3_step(st) != SQLITE_DONE)
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

/* One extracted event: a report, its claims and evidence, in a stored event. */
static int put_report(store *s, long long doc_id, const tally_events *ev, size_t k, char *err, size_t errlen)
{
    const event *e = &ev->ev[k];
    incident r;
    incident_of_event(&r, e);
    long long event_id = find_event(s, &r, doc_id);
    if (event_id < 0) {
        fail(s, err, errlen, "looking for the event");
        return -1;
    }
    if (event_id > 0)
        s->counts.reports_merged++;
    else {
        char now[21];
        now_utc(now);
        sqlite3_stmt *st = Q(s, Q_EVENT_INSERT);
        bind_date(st, 1, r.date);
        bind_date(st, 2, r.first);
        bind_date(st, 3, r.last);
        sqlite3_bind_int(st, 4, r.time_precision);
        bind_text(st, 5, merge_disorder_type(r.event_type));
        bind_text(st, 6, r.event_type);
        bind_text(st, 7, r.sub_event_type);
        bind_text(st, 8, now);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fail(s, err, errlen, "creating an event");
            return -1;
        }
        event_id = sqlite3_last_insert_rowid(s->db);
        s->counts.events_created++;
    }
    s->record.len = 0;
    record_event_json(&s->record, ev, k);
    while (s->record.len && s->record.data[s->record.len - 1] == '\n')
        s->record.len--;
    sqlite3_stmt *st = Q(s, Q_REPORT_INSERT);
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int64(st, 2, doc_id);
    sqlite3_bind_int64(st, 3, (long long)k + 1);
    sqlite3_bind_text(st, 4, s->record.data, (int)s->record.len, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
        fail(s, err, errlen, "storing a report");
        return -1;
    }
    long long report_id = sqlite3_last_insert_rowid(s->db);

    /* Wholes first, so that parts can point at them; restatements are left
     * out (the record's notes name them), and so are parts of one. */
    long long *ids = calloc(ev->nclaims ? ev->nclaims : 1, sizeof *ids);
    if (!ids)
        abort();
    int bad = 0;
    for (int pass = 0; pass < 2 && !bad; pass++)
        for (size_t i = 0; i < e->nclaims && !bad; i++) {
            int ci = e->claims[i];
            const claim *c = &ev->claims[ci];
            if (c->restates >= 0 || (pass == 0) != (c->part_of < 0))
                continue;
            long long whole = 0;
            if (c->part_of >= 0 && !(whole = ids[c->part_of]))
                continue;
            bad = put_claim(s, report_id, event_id, c, whole, &ids[ci]) < 0;
        }
    free(ids);
    for (size_t i = 0; i < e->ntriggers && !bad; i++)
        bad = put_evidence(s, report_id, "event", e->triggers[i]) < 0;
    if (!bad)
        bad = put_evidence(s, report_id, "date", e->date_sp) < 0 ||
              (e->has_place && put_evidence(s, report_id, "location", e->place.sp) < 0) ||
              put_evidence(s, report_id, "actor1", e->actor1_sp) < 0 ||
              put_evidence(s, report_id, "actor2", e->actor2_sp) < 0;
    if (bad) {
        fail(s, err, errlen, "storing claims and evidence");
        return -1;
    }
    return store_recompute(s, event_id, err, errlen);
}

/* Takes a replaced document's reports out of their events. */
static int remove_reports(store *s, long long doc_id, char *err, size_t errlen)
{
    long long *events = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = Q(s, Q_DOC_EVENTS);
    sqlite3_bind_int64(st, 1, doc_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        events = grow_array(events, &cap, n, sizeof *events);
        events[n++] = sqlite3_column_int64(st, 0);
    }
    int ret = -1;
    if (rc != SQLITE_DONE) {
        fail(s, err, errlen, "reading the old version's reports");
        goto out;
    }
    st = Q(s, Q_DOC_DELETE_REPORTS);
    sqlite3_bind_int64(st, 1, doc_id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        fail(s, err, errlen, "removing the old version's reports");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        if (store_recompute(s, events[i], err, errlen) < 0)
            goto out;
    ret = 0;
out:
    free(events);
    return ret;
}

static void bind_document(sqlite3_stmt *st, const tally_doc *doc, const char *hash)
{
    char now[21];
    now_utc(now);
    bind_text(st, 2, hash);
    bind_date(st, 3, (civil_date){doc->date.year, doc->date.month, doc->date.day});
    bind_text(st, 4, doc->title);
    bind_text(st, 5, doc->url);
    bind_text(st, 6, doc->source);
    sqlite3_bind_text(st, 7, doc->text, (int)doc->len, SQLITE_TRANSIENT);
    bind_text(st, 8, now);
}

int store_put(store *s, const tally_doc *doc, const tally_events *ev, char *err, size_t errlen)
{
    if (s->readonly) {
        snprintf(err, errlen, "the store is open read-only");
        return STORE_ERROR;
    }
    char hash[17];
    content_hash(doc, hash);
    sqlite3_stmt *st = Q(s, Q_DOC_FIND);
    bind_text(st, 1, doc->id);
    long long doc_id = 0;
    int same = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        doc_id = sqlite3_column_int64(st, 0);
        same = !strcmp((const char *)sqlite3_column_text(st, 1), hash);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        fail(s, err, errlen, "looking up the document");
        return STORE_ERROR;
    }
    if (same)
        return STORE_UNCHANGED;

    store_counts before = s->counts;
    if (exec(s, "SAVEPOINT put", err, errlen) < 0)
        return STORE_ERROR;
    int result = doc_id ? STORE_REPLACED : STORE_NEW;
    if (doc_id) {
        if (remove_reports(s, doc_id, err, errlen) < 0)
            goto undo;
        st = Q(s, Q_DOC_UPDATE);
        sqlite3_bind_int64(st, 1, doc_id);
        bind_document(st, doc, hash);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fail(s, err, errlen, "updating the document");
            goto undo;
        }
    } else {
        st = Q(s, Q_DOC_INSERT);
        bind_text(st, 1, doc->id);
        bind_document(st, doc, hash);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fail(s, err, errlen, "storing the document");
            goto undo;
        }
        doc_id = sqlite3_last_insert_rowid(s->db);
    }
    for (size_t k = 0; k < ev->n; k++)
        if (put_report(s, doc_id, ev, k, err, errlen) < 0)
            goto undo;
    if (exec(s, "RELEASE put", err, errlen) < 0)
        goto undo;
    return result;
undo:
    s->counts = before;
    for (int k = 0; k < Q_N; k++)
        sqlite3_reset(s->q[k]);
    sqlite3_exec(s->db, "ROLLBACK TO put; RELEASE put", NULL, NULL, NULL);
    return STORE_ERROR;
}
