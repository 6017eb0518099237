/* export.c -- the store's events as ACLED CSV, UCDP GED CSV, GeoJSON and
 * JSON Lines.  docs/export.md is the reader's description of every column.
 *
 * One SELECT walks the selected events in (event_date, id) order; for each
 * event two prepared statements, reset and rebound per event, read its
 * reports (with their documents) and its claims through the report_by_event
 * and claim_by_event indexes.  Each event is rendered into a buffer and
 * written before the next row is stepped, so memory stays flat whatever the
 * size of the store. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "export.h"
#include "schema.h"
#include "util.h"

/* ---- filter ----------------------------------------------------------------- */

int export_filter_option(export_filter *f, const char *opt, const char *val, char *err, size_t errlen)
{
    if (!strcmp(opt, "--country")) {
        if (!val[0]) {
            snprintf(err, errlen, "--country needs a country (ML, MLI or Mali)");
            return -1;
        }
        f->country = val;
        return 1;
    }
    if (!strcmp(opt, "--since") || !strcmp(opt, "--until")) {
        civil_date d;
        if (!date_parse_iso(val, strlen(val), &d) || strlen(val) != 10) {
            snprintf(err, errlen, "%s: '%s' is not a date (YYYY-MM-DD)", opt, val);
            return -1;
        }
        if (opt[2] == 's')
            f->since = val;
        else
            f->until = val;
        return 1;
    }
    if (!strcmp(opt, "--type")) {
        if (!val[0]) {
            snprintf(err, errlen, "--type needs an ACLED event type or sub-event type");
            return -1;
        }
        f->type = val;
        return 1;
    }
    if (!strcmp(opt, "--min-fatalities")) {
        char *end;
        errno = 0;
        long long n = strtoll(val, &end, 10);
        if (!val[0] || *end || errno || n < 0) {
            snprintf(err, errlen, "--min-fatalities: '%s' is not a count (0 or more)", val);
            return -1;
        }
        f->min_fatalities = n;
        return 1;
    }
    return 0;
}

int export_filter_resolve(export_filter *f, const countries *c, char *err, size_t errlen)
{
    f->iso3[0] = '\0';
    if (!f->country)
        return 0;
    const country *r = c ? countries_find(c, f->country) : NULL;
    if (!r) {
        snprintf(err, errlen, "--country: unknown country '%s' (give ISO alpha-2, alpha-3 or the name: ML, MLI, Mali)",
                 f->country);
        return -1;
    }
    memcpy(f->iso3, r->iso3, sizeof f->iso3);
    return 0;
}

int export_format_parse(const char *s, enum export_format *out)
{
    static const struct {
        const char *name;
        enum export_format fmt;
    } names[] = {{"acled", EXPORT_ACLED}, {"ucdp", EXPORT_UCDP}, {"geojson", EXPORT_GEOJSON}, {"jsonl", EXPORT_JSONL}};
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (!strcmp(s, names[i].name)) {
            *out = names[i].fmt;
            return 0;
        }
    return -1;
}

/* ---- opening the store --------------------------------------------------- */

sqlite3 *export_open_db(const char *path, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        snprintf(err, errlen, "%s: %s (create a store with tally ingest)", path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s: not a file", path);
        return NULL;
    }
    sqlite3 *db = NULL;
    /* READONLY: a reader never creates or changes the file. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot open: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 5000);
    /* An export visits the event table in date order and each event's
     * reports and claims by index: a larger page cache than SQLite's 2 MB
     * default keeps the index pages resident (reads only). */
    sqlite3_exec(db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
    int v = schema_version(db);
    if (v < 0) {
        snprintf(err, errlen, "%s: not a tally store: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    if (v == 0) {
        snprintf(err, errlen, "%s: not a tally store (no schema; create one with tally ingest)", path);
        sqlite3_close(db);
        return NULL;
    }
    if (v != SCHEMA_VERSION) {
        snprintf(err, errlen, "%s: schema version %d, this tally reads version %d%s", path, v, SCHEMA_VERSION,
                 v < SCHEMA_VERSION ? " (tally ingest migrates it)" : "");
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* ---- the rules ------------------------------------------------------------- */

int export_interaction(int inter1, int inter2)
{
    if (inter1 <= 0 && inter2 <= 0)
        return 0;
    if (inter1 <= 0 || inter2 <= 0)
        return (inter1 > 0 ? inter1 : inter2) * 10;
    return inter1 <= inter2 ? inter1 * 10 + inter2 : inter2 * 10 + inter1;
}

/* ACLED inter 1 is state forces, 8 external forces (a foreign state's
 * army, peacekeepers): both are governments' forces in UCDP's terms. */
static int is_state(int inter) { return inter == 1 || inter == 8; }

int export_ucdp_type(const char *event_type, int inter1, int inter2, int civilian_targeting)
{
    int vac = !strcmp(event_type, "Violence against civilians");
    if (!vac && strcmp(event_type, "Battles") && strcmp(event_type, "Explosions/Remote violence"))
        return 0;
    if (vac || civilian_targeting || inter2 == 7)
        return 3;
    if (is_state(inter1) || is_state(inter2))
        return 1;
    return 2;
}

long export_priogrid(double lat, double lon)
{
    long row = (long)floor((lat + 90.0) * 2.0), col = (long)floor((lon + 180.0) * 2.0);
    /* the north pole and the antimeridian fall in the last cell, not past it */
    row = row < 0 ? 0 : row > 359 ? 359 : row;
    col = col < 0 ? 0 : col > 719 ? 719 : col;
    return row * 720 + col + 1;
}

int export_where_prec(int geo_precision, int admin1_known)
{
    switch (geo_precision) {
    case 1: return 1;
    case 2: return 2;
    case 3: return admin1_known ? 4 : 6;
    default: return 0;
    }
}

int export_date_prec(const char *date_start, const char *date_end, int time_precision)
{
    civil_date a, b;
    if (!date_parse_iso(date_start, strlen(date_start), &a) || !date_parse_iso(date_end, strlen(date_end), &b))
        return time_precision == 1 ? 1 : time_precision == 2 ? 3 : 4;
    int64_t span = date_to_days(b) - date_to_days(a) + 1;
    if (span <= 1)
        return time_precision <= 1 ? 1 : time_precision == 2 ? 3 : 4;
    if (span <= 6)
        return 2;
    if (span <= 7)
        return 3;
    if (span <= 31)
        return 4;
    return 5;
}

/* ---- output primitives --------------------------------------------------- */

/* RFC 4180: quote a field holding a comma, a quote, CR or LF; double quotes. */
static void csv_str(buf *b, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        buf_put(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_putc(b, '"');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '"');
}

/* JSON string of s[0..n); bytes that are not UTF-8 become U+FFFD, so the
 * output parses even if a stored offset cut a character in two. */
static void json_strn(buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0) {
                buf_puts(b, "\\ufffd");
                i++;
            } else {
                buf_put(b, s + i, (size_t)k);
                i += (size_t)k;
            }
            continue;
        }
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20)
                buf_printf(b, "\\u%04x", c);
            else
                buf_putc(b, (char)c);
        }
        i++;
    }
    buf_putc(b, '"');
}

static void json_str(buf *b, const char *s) { json_strn(b, s, strlen(s)); }

/* ,"key":"value" (first = no leading comma) */
static void json_kv(buf *b, const char *key, const char *val)
{
    buf_printf(b, ",\"%s\":", key);
    json_str(b, val);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* Appends item to a "; "-separated list unless it is already in it. */
static void list_add(buf *list, const char *item)
{
    size_t n = strlen(item);
    if (!n)
        return;
    for (size_t i = 0; i < list->len;) {
        const char *end = strstr(list->data + i, "; ");
        size_t len = end ? (size_t)(end - (list->data + i)) : list->len - i;
        if (len == n && !memcmp(list->data + i, item, n))
            return;
        i += len + 2;
    }
    if (list->len)
        buf_puts(list, "; ");
    buf_put(list, item, n);
}

/* ---- one event ------------------------------------------------------------- */

typedef struct {
    int known;
    long long v;
} opt_int;

/* The event columns, in the order of the SELECT below. */
enum {
    C_ID, C_DATE, C_START, C_END, C_TPREC, C_DISORDER, C_TYPE, C_SUBTYPE, C_ACTOR1, C_ASSOC1, C_INTER1, C_ACTOR2,
    C_ASSOC2, C_INTER2, C_CIVTARGET, C_COUNTRY, C_ISO3, C_ADMIN1, C_ADMIN2, C_LOCATION, C_LAT, C_LON, C_GEOPREC,
    C_FLOW, C_FBEST, C_FHIGH, C_ILOW, C_IBEST, C_IHIGH, C_DA, C_DB, C_DCIV, C_DUNK, C_NSRC, C_TS, C_UPDATED
};

static const char event_cols[] =
    "SELECT id, event_date, date_start, date_end, time_precision, disorder_type, event_type, sub_event_type,"
    " actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, civilian_targeting,"
    " country, iso3, admin1, admin2, location, latitude, longitude, geo_precision,"
    " fatalities_low, fatalities_best, fatalities_high, injured_low, injured_best, injured_high,"
    " deaths_a, deaths_b, deaths_civilians, deaths_unknown, number_of_sources,"
    " CAST(strftime('%s', updated_at) AS INTEGER), updated_at FROM event";

typedef struct {
    long long id;
    const char *date, *start, *end, *disorder, *type, *subtype, *actor1, *assoc1, *actor2, *assoc2;
    int tprec, inter1, inter2, civ;
    const char *country, *iso3, *admin1, *admin2, *location, *updated;
    int has_coords;
    double lat, lon;
    int geoprec;   /* 0 when NULL */
    opt_int flow, fbest, fhigh, ilow, ibest, ihigh, da, db, dciv, dunk, ts;
    int nsources;
} ev_row;

static opt_int col_opt(sqlite3_stmt *st, int i)
{
    opt_int o = {sqlite3_column_type(st, i) != SQLITE_NULL, 0};
    if (o.known)
        o.v = sqlite3_column_int64(st, i);
    return o;
}

static void row_read(sqlite3_stmt *st, ev_row *e)
{
    e->id = sqlite3_column_int64(st, C_ID);
    e->date = col_text(st, C_DATE);
    e->start = col_text(st, C_START);
    e->end = col_text(st, C_END);
    e->tprec = sqlite3_column_int(st, C_TPREC);
    e->disorder = col_text(st, C_DISORDER);
    e->type = col_text(st, C_TYPE);
    e->subtype = col_text(st, C_SUBTYPE);
    e->actor1 = col_text(st, C_ACTOR1);
    e->assoc1 = col_text(st, C_ASSOC1);
    e->inter1 = sqlite3_column_int(st, C_INTER1);
    e->actor2 = col_text(st, C_ACTOR2);
    e->assoc2 = col_text(st, C_ASSOC2);
    e->inter2 = sqlite3_column_int(st, C_INTER2);
    e->civ = sqlite3_column_int(st, C_CIVTARGET);
    e->country = col_text(st, C_COUNTRY);
    e->iso3 = col_text(st, C_ISO3);
    e->admin1 = col_text(st, C_ADMIN1);
    e->admin2 = col_text(st, C_ADMIN2);
    e->location = col_text(st, C_LOCATION);
    e->has_coords = sqlite3_column_type(st, C_LAT) != SQLITE_NULL && sqlite3_column_type(st, C_LON) != SQLITE_NULL;
    e->lat = sqlite3_column_double(st, C_LAT);
    e->lon = sqlite3_column_double(st, C_LON);
    e->geoprec = sqlite3_column_int(st, C_GEOPREC);
    e->flow = col_opt(st, C_FLOW);
    e->fbest = col_opt(st, C_FBEST);
    e->fhigh = col_opt(st, C_FHIGH);
    e->ilow = col_opt(st, C_ILOW);
    e->ibest = col_opt(st, C_IBEST);
    e->ihigh = col_opt(st, C_IHIGH);
    e->da = col_opt(st, C_DA);
    e->db = col_opt(st, C_DB);
    e->dciv = col_opt(st, C_DCIV);
    e->dunk = col_opt(st, C_DUNK);
    e->nsources = sqlite3_column_int(st, C_NSRC);
    e->ts = col_opt(st, C_TS);
    e->updated = col_text(st, C_UPDATED);
}

/* What an event's reports and claims add, gathered before it is written. */
typedef struct {
    buf outlets;      /* distinct outlets (doc_key when a document names none), "; " */
    buf dates;        /* distinct report dates */
    buf titles;       /* distinct titles */
    buf articles;     /* UCDP source_article: "outlet, date, title" per document, "; " */
    buf notes;        /* the reports' own notes, distinct, space-separated */
    buf claims;       /* summary: "at least 15 killed (local politician); ..." */
    buf originals;    /* distinct claim sources (UCDP source_original) */
    buf json_sources; /* JSON Lines: the sources array's items */
    buf json_claims;  /* JSON Lines: the claims array's items */
    long nreports;
} ev_extra;

static void extra_reset(ev_extra *x)
{
    buf *all[] = {&x->outlets, &x->dates, &x->titles, &x->articles, &x->notes,
                  &x->claims, &x->originals, &x->json_sources, &x->json_claims};
    /* every list is a valid (possibly empty) string from here on */
    for (size_t i = 0; i < ARRAY_LEN(all); i++) {
        all[i]->len = 0;
        buf_cstr(all[i]);
    }
    x->nreports = 0;
}

static void extra_free(ev_extra *x)
{
    buf *all[] = {&x->outlets, &x->dates, &x->titles, &x->articles, &x->notes,
                  &x->claims, &x->originals, &x->json_sources, &x->json_claims};
    for (size_t i = 0; i < ARRAY_LEN(all); i++)
        buf_free(all[i]);
}

static const char reports_sql[] =
    "SELECT d.doc_key, d.outlet, d.report_date, d.title, d.url, r.ordinal, r.record"
    " FROM report r JOIN document d ON d.id = r.document_id"
    " WHERE r.event_id = ?1 ORDER BY d.report_date, d.doc_key, r.ordinal";

/* The byte ranges of the evidence come out as blobs so that SQLite's
 * character-based substr counts bytes, as the offsets do. */
static const char claims_sql[] =
    "SELECT c.id, c.part_of, c.source, c.source_kind, c.outcome, c.victims, c.victim_category, c.min, c.max,"
    " c.qualifier, c.vague, c.ev_start, c.ev_end, c.src_start, c.src_end, d.doc_key,"
    " CASE WHEN ?2 THEN substr(CAST(d.text AS BLOB), c.ev_start + 1, c.ev_end - c.ev_start) END,"
    " CASE WHEN ?2 AND c.src_start IS NOT NULL THEN substr(CAST(d.text AS BLOB), c.src_start + 1,"
    " c.src_end - c.src_start) END"
    " FROM claim c JOIN report r ON r.id = c.report_id JOIN document d ON d.id = r.document_id"
    " WHERE c.event_id = ?1 ORDER BY d.report_date, d.doc_key, r.ordinal, c.id";

static int gather_reports(sqlite3_stmt *st, long long id, int want_json, ev_extra *x)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = col_text(st, 0), *outlet = col_text(st, 1), *date = col_text(st, 2),
                   *title = col_text(st, 3), *url = col_text(st, 4);
        x->nreports++;
        list_add(&x->outlets, outlet[0] ? outlet : key);
        list_add(&x->dates, date);
        list_add(&x->titles, title);
        buf art = {0};
        buf_printf(&art, "%s, %s", outlet[0] ? outlet : key, date);
        if (title[0])
            buf_printf(&art, ", %s", title);
        list_add(&x->articles, art.data);
        buf_free(&art);
        /* the record's notes: what extraction wanted an analyst to know */
        cJSON *rec = cJSON_Parse(col_text(st, 6));
        const cJSON *notes = rec ? cJSON_GetObjectItemCaseSensitive(rec, "notes") : NULL;
        if (cJSON_IsString(notes) && notes->valuestring[0] && !strstr(buf_cstr(&x->notes), notes->valuestring)) {
            if (x->notes.len)
                buf_putc(&x->notes, ' ');
            buf_puts(&x->notes, notes->valuestring);
        }
        cJSON_Delete(rec);
        if (want_json) {
            if (x->json_sources.len)
                buf_putc(&x->json_sources, ',');
            buf_puts(&x->json_sources, "{\"doc_key\":");
            json_str(&x->json_sources, key);
            json_kv(&x->json_sources, "outlet", outlet);
            json_kv(&x->json_sources, "report_date", date);
            json_kv(&x->json_sources, "title", title);
            json_kv(&x->json_sources, "url", url);
            buf_printf(&x->json_sources, ",\"ordinal\":%d}", sqlite3_column_int(st, 5));
        }
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

/* "at least 15", "10-15", "dozens": a claim's figure as a reader says it. */
static void claim_figure(buf *b, const char *qualifier, long long min, opt_int max, const char *vague)
{
    if (vague[0])
        buf_puts(b, vague);
    else if (!strcmp(qualifier, "at_least"))
        buf_printf(b, "at least %lld", min);
    else if (!strcmp(qualifier, "at_most"))
        buf_printf(b, "up to %lld", max.known ? max.v : min);
    else if (!strcmp(qualifier, "about"))
        buf_printf(b, "about %lld", min);
    else if (!strcmp(qualifier, "range") && max.known)
        buf_printf(b, "%lld-%lld", min, max.v);
    else
        buf_printf(b, "%lld", min);
}

static void json_span_text(buf *b, sqlite3_stmt *st, int col, long long start, long long end)
{
    buf_printf(b, "{\"start\":%lld,\"end\":%lld,\"text\":", start, end);
    json_strn(b, sqlite3_column_blob(st, col) ? (const char *)sqlite3_column_blob(st, col) : "",
              (size_t)sqlite3_column_bytes(st, col));
    buf_putc(b, '}');
}

static int gather_claims(sqlite3_stmt *st, long long id, int want_json, ev_extra *x)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, want_json);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        opt_int part_of = col_opt(st, 1), max = col_opt(st, 8), src_start = col_opt(st, 13), src_end = col_opt(st, 14);
        const char *source = col_text(st, 2), *kind = col_text(st, 3), *outcome = col_text(st, 4),
                   *victims = col_text(st, 5), *vcat = col_text(st, 6), *qual = col_text(st, 9),
                   *vague = col_text(st, 10), *key = col_text(st, 15);
        long long min = sqlite3_column_int64(st, 7);
        list_add(&x->originals, source);
        /* The summary names the figures that count; parts ("including 11
         * children") are in the JSON Lines export. */
        if (!part_of.known) {
            if (x->claims.len)
                buf_puts(&x->claims, "; ");
            claim_figure(&x->claims, qual, min, max, vague);
            if (victims[0])
                buf_printf(&x->claims, " %s", victims);
            buf_printf(&x->claims, " %s (%s)", outcome, source);
        }
        if (want_json) {
            buf *b = &x->json_claims;
            if (b->len)
                buf_putc(b, ',');
            buf_printf(b, "{\"id\":%lld,\"part_of\":", sqlite3_column_int64(st, 0));
            if (part_of.known)
                buf_printf(b, "%lld", part_of.v);
            else
                buf_puts(b, "null");
            json_kv(b, "source", source);
            json_kv(b, "source_kind", kind);
            json_kv(b, "outcome", outcome);
            json_kv(b, "victims", victims);
            json_kv(b, "victim_category", vcat);
            buf_printf(b, ",\"min\":%lld,\"max\":", min);
            if (max.known)
                buf_printf(b, "%lld", max.v);
            else
                buf_puts(b, "null");
            json_kv(b, "qualifier", qual);
            if (vague[0])
                json_kv(b, "vague", vague);
            json_kv(b, "doc_key", key);
            buf_puts(b, ",\"evidence\":");
            json_span_text(b, st, 16, sqlite3_column_int64(st, 11), sqlite3_column_int64(st, 12));
            if (src_start.known && src_end.known) {
                buf_puts(b, ",\"source_evidence\":");
                json_span_text(b, st, 17, src_start.v, src_end.v);
            }
            buf_putc(b, '}');
        }
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- ACLED ------------------------------------------------------------------- */

static const char *const acled_cols[] = {
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp"};

static const char *const ucdp_cols[] = {
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_name", "dyad_name",
    "side_a", "side_b", "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "gwnoa", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
    "high", "low"};

static void csv_header(buf *b, const char *const *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, cols[i]);
        buf_putc(b, i + 1 == n ? '\n' : ',');
    }
}

/* Field writers: each appends the field and its separator. */
static void f_str(buf *b, const char *s)
{
    csv_str(b, s, strlen(s));
    buf_putc(b, ',');
}

static void f_int(buf *b, long long v)
{
    buf_printf(b, "%lld,", v);
}

static void f_opt(buf *b, opt_int o)
{
    if (o.known)
        buf_printf(b, "%lld", o.v);
    buf_putc(b, ',');
}

static void f_coord(buf *b, int known, double v)
{
    if (known)
        buf_printf(b, "%.5f", v);
    buf_putc(b, ',');
}

/* The year of a YYYY-MM-DD date. */
static void f_year(buf *b, const char *date)
{
    csv_str(b, date, strlen(date) >= 4 ? 4 : 0);
    buf_putc(b, ',');
}

static void end_record(buf *b)
{
    if (b->len && b->data[b->len - 1] == ',')
        b->data[b->len - 1] = '\n';
    else
        buf_putc(b, '\n');
}

/* ACLED's event id: the country's alpha-3 code and the store's id. */
static void event_id_cnty(buf *b, const ev_row *e)
{
    buf_printf(b, "%s%lld", e->iso3, e->id);
}

static void acled_row(buf *b, const ev_row *e, const country *cn, const ev_extra *x)
{
    buf t = {0};
    event_id_cnty(&t, e);
    f_str(b, t.data);
    f_str(b, e->date);
    f_year(b, e->date);
    f_int(b, e->tprec);
    f_str(b, e->disorder);
    f_str(b, e->type);
    f_str(b, e->subtype);
    f_str(b, e->actor1);
    f_str(b, e->assoc1);
    f_int(b, e->inter1);
    f_str(b, e->actor2);
    f_str(b, e->assoc2);
    f_int(b, e->inter2);   /* 0: no actor2, as in ACLED's numeric codes */
    f_int(b, export_interaction(e->inter1, e->inter2));
    f_str(b, e->civ ? "Civilian targeting" : "");
    f_str(b, cn ? cn->numeric : "");
    f_str(b, cn ? cn->acled_region : "");
    f_str(b, e->country);
    f_str(b, e->admin1);
    f_str(b, e->admin2);
    f_str(b, "");   /* admin3: the gazetteer keeps two levels */
    f_str(b, e->location);
    f_coord(b, e->has_coords, e->lat);
    f_coord(b, e->has_coords, e->lon);
    if (e->geoprec)
        f_int(b, e->geoprec);
    else
        f_str(b, "");
    f_str(b, x->outlets.data);
    f_str(b, "");   /* source_scale: tally does not know an outlet's reach */
    t.len = 0;
    if (x->claims.len)
        buf_printf(&t, "Claims: %s.", x->claims.data);
    if (x->notes.len)
        buf_printf(&t, "%s%s", t.len ? " " : "", x->notes.data);
    f_str(b, t.len ? t.data : "");
    f_int(b, e->fbest.known ? e->fbest.v : 0);
    f_str(b, "");   /* tags */
    f_opt(b, e->ts);
    end_record(b);
    buf_free(&t);
}

/* ---- UCDP GED ------------------------------------------------------------------ */

static opt_int or_zero(opt_int o)
{
    o.v = o.known ? o.v : 0;
    o.known = 1;
    return o;
}

static void ucdp_row(buf *b, const ev_row *e, const country *cn, const ev_extra *x, int tov)
{
    /* Side A is the government in state-based violence, as in GED. */
    int swap = tov == 1 && !is_state(e->inter1) && is_state(e->inter2);
    const char *side_a = swap ? e->actor2 : e->actor1;
    const char *side_b = tov == 3 ? "Civilians" : swap ? e->actor1 : e->actor2;
    opt_int da = swap ? e->db : e->da, db = swap ? e->da : e->db, dciv = e->dciv, dunk = e->dunk;
    if (!da.known && !db.known && !dciv.known && !dunk.known && e->fbest.known)
        dunk = e->fbest;   /* no victim category known: all of best is "unknown" */
    buf t = {0};
    f_int(b, e->id);
    event_id_cnty(&t, e);
    f_str(b, t.data);
    f_year(b, e->start);
    f_str(b, "");   /* active_year: a conflict-year threshold tally cannot judge */
    f_str(b, "");   /* code_status */
    f_int(b, tov);
    f_str(b, "");   /* conflict_name: UCDP's conflict identity */
    t.len = 0;
    buf_puts(&t, side_a);
    if (side_b[0])
        buf_printf(&t, "%s%s", t.len ? " - " : "", side_b);
    f_str(b, t.len ? t.data : "");
    f_str(b, side_a);
    f_str(b, side_b);
    f_int(b, e->nsources);
    f_str(b, x->articles.data);
    f_str(b, x->outlets.data);
    f_str(b, x->dates.data);
    f_str(b, x->titles.data);
    f_str(b, x->originals.data);
    int wp = export_where_prec(e->geoprec, e->admin1[0] != '\0');
    if (wp)
        f_int(b, wp);
    else
        f_str(b, "");
    f_str(b, "");   /* gwnoa: Gleditsch-Ward codes are not in the country table */
    f_str(b, e->location);
    f_str(b, "");   /* where_description */
    f_str(b, e->admin1);
    f_str(b, e->admin2);
    f_coord(b, e->has_coords, e->lat);
    f_coord(b, e->has_coords, e->lon);
    if (e->has_coords) {
        t.len = 0;
        buf_printf(&t, "POINT (%.5f %.5f)", e->lon, e->lat);
        f_str(b, t.data);
        f_int(b, export_priogrid(e->lat, e->lon));
    } else {
        f_str(b, "");
        f_str(b, "");
    }
    f_str(b, e->country);
    f_str(b, "");   /* country_id: Gleditsch-Ward */
    f_str(b, cn ? cn->ucdp_region : "");
    f_str(b, "");   /* event_clarity */
    f_int(b, export_date_prec(e->start, e->end, e->tprec));
    f_str(b, e->start);
    f_str(b, e->end);
    f_opt(b, or_zero(da));
    f_opt(b, or_zero(db));
    f_opt(b, or_zero(dciv));
    f_opt(b, or_zero(dunk));
    f_opt(b, or_zero(e->fbest));
    f_opt(b, or_zero(e->fhigh));
    f_opt(b, or_zero(e->flow));
    end_record(b);
    buf_free(&t);
}

/* ---- JSON: GeoJSON properties and JSON Lines share the event's fields ---- */

static void json_opt(buf *b, const char *key, opt_int o)
{
    if (o.known)
        buf_printf(b, ",\"%s\":%lld", key, o.v);
    else
        buf_printf(b, ",\"%s\":null", key);
}

static void json_toll(buf *b, const char *key, opt_int low, opt_int best, opt_int high)
{
    if (best.known)
        buf_printf(b, ",\"%s\":{\"low\":%lld,\"best\":%lld,\"high\":%lld}", key, low.known ? low.v : best.v, best.v,
                   high.known ? high.v : best.v);
    else
        buf_printf(b, ",\"%s\":null", key);
}

/* The fields both JSON formats carry, after an opening '{' and a first
 * member already written. */
static void json_event_fields(buf *b, const ev_row *e)
{
    buf t = {0};
    event_id_cnty(&t, e);
    json_kv(b, "event_id_cnty", t.data);
    buf_free(&t);
    json_kv(b, "event_date", e->date);
    json_kv(b, "date_start", e->start);
    json_kv(b, "date_end", e->end);
    buf_printf(b, ",\"time_precision\":%d", e->tprec);
    json_kv(b, "disorder_type", e->disorder);
    json_kv(b, "event_type", e->type);
    json_kv(b, "sub_event_type", e->subtype);
    json_kv(b, "actor1", e->actor1);
    json_kv(b, "assoc_actor_1", e->assoc1);
    buf_printf(b, ",\"inter1\":%d", e->inter1);
    json_kv(b, "actor2", e->actor2);
    json_kv(b, "assoc_actor_2", e->assoc2);
    buf_printf(b, ",\"inter2\":%d,\"interaction\":%d,\"civilian_targeting\":%d", e->inter2,
               export_interaction(e->inter1, e->inter2), e->civ ? 1 : 0);
    json_kv(b, "country", e->country);
    json_kv(b, "iso3", e->iso3);
    json_kv(b, "admin1", e->admin1);
    json_kv(b, "admin2", e->admin2);
    json_kv(b, "location", e->location);
}

static void geojson_feature(buf *b, const ev_row *e, const ev_extra *x, int first)
{
    /* RFC 7946: positions are [longitude, latitude]. */
    buf_printf(b, "%s{\"type\":\"Feature\",\"id\":%lld,\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]},"
                  "\"properties\":{\"event_id\":%lld",
               first ? "" : ",\n", e->id, e->lon, e->lat, e->id);
    json_event_fields(b, e);
    buf_printf(b, ",\"latitude\":%.5f,\"longitude\":%.5f", e->lat, e->lon);
    if (e->geoprec)
        buf_printf(b, ",\"geo_precision\":%d", e->geoprec);
    else
        buf_puts(b, ",\"geo_precision\":null");
    /* flat properties: QGIS shows each as a column of the attribute table */
    json_opt(b, "fatalities_low", e->flow);
    json_opt(b, "fatalities_best", e->fbest);
    json_opt(b, "fatalities_high", e->fhigh);
    json_opt(b, "injured_low", e->ilow);
    json_opt(b, "injured_best", e->ibest);
    json_opt(b, "injured_high", e->ihigh);
    buf_printf(b, ",\"number_of_sources\":%d", e->nsources);
    json_kv(b, "sources", x->outlets.data);
    json_kv(b, "claims", x->claims.data);
    json_kv(b, "notes", x->notes.data);
    json_kv(b, "updated_at", e->updated);
    buf_puts(b, "}}");
}

static void jsonl_event(buf *b, const ev_row *e, const ev_extra *x)
{
    buf_printf(b, "{\"event_id\":%lld", e->id);
    json_event_fields(b, e);
    if (e->has_coords)
        buf_printf(b, ",\"latitude\":%.5f,\"longitude\":%.5f", e->lat, e->lon);
    else
        buf_puts(b, ",\"latitude\":null,\"longitude\":null");
    if (e->geoprec)
        buf_printf(b, ",\"geo_precision\":%d", e->geoprec);
    else
        buf_puts(b, ",\"geo_precision\":null");
    json_toll(b, "fatalities", e->flow, e->fbest, e->fhigh);
    json_toll(b, "injured", e->ilow, e->ibest, e->ihigh);
    buf_puts(b, ",\"deaths\":{\"a\":");
    opt_int d[4] = {e->da, e->db, e->dciv, e->dunk};
    static const char *const dn[4] = {"a", "b", "civilians", "unknown"};
    for (int i = 0; i < 4; i++) {
        if (i)
            buf_printf(b, ",\"%s\":", dn[i]);
        if (d[i].known)
            buf_printf(b, "%lld", d[i].v);
        else
            buf_puts(b, "null");
    }
    buf_printf(b, "},\"number_of_sources\":%d", e->nsources);
    json_kv(b, "updated_at", e->updated);
    json_kv(b, "notes", x->notes.data);
    buf_printf(b, ",\"sources\":[%s],\"claims\":[%s]}\n", x->json_sources.data,
               x->json_claims.data);
}

/* ---- the walk ------------------------------------------------------------------- */

/* The SELECT for a filter: only the clauses the filter uses, so that SQLite
 * can pick the country or date index; every value is a bound parameter. */
void export_filter_where(const export_filter *f, buf *sql)
{
    const char *w = " WHERE ";
    if (f->iso3[0]) {
        buf_printf(sql, "%siso3 = :iso3", w);
        w = " AND ";
    }
    if (f->since) {
        buf_printf(sql, "%sevent_date >= :since", w);
        w = " AND ";
    }
    if (f->until) {
        buf_printf(sql, "%sevent_date <= :until", w);
        w = " AND ";
    }
    if (f->type) {
        buf_printf(sql, "%s(event_type = :type COLLATE NOCASE OR sub_event_type = :type COLLATE NOCASE)", w);
        w = " AND ";
    }
    if (f->min_fatalities >= 0)
        buf_printf(sql, "%sCOALESCE(fatalities_best, 0) >= :minf", w);
}

static void bind_name(sqlite3_stmt *st, const char *name, const char *val)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i)
        sqlite3_bind_text(st, i, val, -1, SQLITE_TRANSIENT);
}

void export_filter_bind(sqlite3_stmt *st, const export_filter *f)
{
    bind_name(st, ":iso3", f->iso3);
    bind_name(st, ":since", f->since);
    bind_name(st, ":until", f->until);
    bind_name(st, ":type", f->type);
    int i = sqlite3_bind_parameter_index(st, ":minf");
    if (i)
        sqlite3_bind_int64(st, i, f->min_fatalities);
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char *err, size_t errlen)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "reading the store: %s", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

int export_write(sqlite3 *db, const countries *c, const export_filter *f, enum export_format fmt, FILE *out,
                 export_counts *counts, char *err, size_t errlen)
{
    export_counts n = {0, 0};
    sqlite3_stmt *ev = NULL, *rep = NULL, *cl = NULL;
    buf sql = {0}, b = {0};
    ev_extra x = {0};
    int rc = -1, step = SQLITE_DONE;
    int want_json = fmt == EXPORT_JSONL;

    buf_puts(&sql, event_cols);
    export_filter_where(f, &sql);
    buf_puts(&sql, " ORDER BY event_date, id");
    if (prepare(db, sql.data, &ev, err, errlen) || prepare(db, reports_sql, &rep, err, errlen) ||
        prepare(db, claims_sql, &cl, err, errlen))
        goto done;
    export_filter_bind(ev, f);

    if (fmt == EXPORT_ACLED)
        csv_header(&b, acled_cols, ARRAY_LEN(acled_cols));
    else if (fmt == EXPORT_UCDP)
        csv_header(&b, ucdp_cols, ARRAY_LEN(ucdp_cols));
    else if (fmt == EXPORT_GEOJSON)
        buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    if (b.len)
        fwrite(b.data, 1, b.len, out);

    while ((step = sqlite3_step(ev)) == SQLITE_ROW) {
        ev_row e;
        row_read(ev, &e);
        int tov = 0;
        /* what the format cannot represent is counted, not written */
        if (fmt == EXPORT_GEOJSON && !e.has_coords) {
            n.left_out++;
            continue;
        }
        if (fmt == EXPORT_UCDP) {
            tov = export_ucdp_type(e.type, e.inter1, e.inter2, e.civ);
            if (!tov || !e.fhigh.known || e.fhigh.v < 1) {
                n.left_out++;
                continue;
            }
        }
        extra_reset(&x);
        if (gather_reports(rep, e.id, want_json, &x) || gather_claims(cl, e.id, want_json, &x)) {
            snprintf(err, errlen, "reading event %lld: %s", e.id, sqlite3_errmsg(db));
            goto done;
        }
        const country *cn = c ? countries_by_iso3(c, e.iso3) : NULL;
        b.len = 0;
        switch (fmt) {
        case EXPORT_ACLED: acled_row(&b, &e, cn, &x); break;
        case EXPORT_UCDP: ucdp_row(&b, &e, cn, &x, tov); break;
        case EXPORT_GEOJSON: geojson_feature(&b, &e, &x, n.written == 0); break;
        case EXPORT_JSONL: jsonl_event(&b, &e, &x); break;
        }
        if (fwrite(b.data, 1, b.len, out) != b.len) {
            snprintf(err, errlen, "write error: %s", strerror(errno));
            goto done;
        }
        n.written++;
    }
    if (step != SQLITE_DONE) {
        snprintf(err, errlen, "reading the store: %s", sqlite3_errmsg(db));
        goto done;
    }
    if (fmt == EXPORT_GEOJSON)
        fputs("\n]}\n", out);
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errlen, "write error: %s", strerror(errno));
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(ev);
    sqlite3_finalize(rep);
    sqlite3_finalize(cl);
    buf_free(&sql);
    buf_free(&b);
    extra_free(&x);
    if (counts)
        *counts = n;
    return rc;
}
