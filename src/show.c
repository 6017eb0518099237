/* show.c -- `tally show`: one event, its claims, and the sentences behind
 * them with the evidence marked. */
#include <stdlib.h>
#include <string.h>

#include "show.h"
#include "schema.h"
#include "text.h"
#include "util.h"

#define MARK_ON_COLOR "\033[1;33m"
#define MARK_OFF_COLOR "\033[0m"
#define MARK_ON_PLAIN "[["
#define MARK_OFF_PLAIN "]]"

int show_parse_id(const char *s, long long *id)
{
    size_t i = 0;
    while (i < 3 && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
        i++;
    if (!s[i])
        return 0;
    long long v = 0;
    for (; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (1LL << 53))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *id = v;
    return 1;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static int is_null(sqlite3_stmt *st, int i) { return sqlite3_column_type(st, i) == SQLITE_NULL; }

/* ---- the event --------------------------------------------------------------- */

static void print_toll(FILE *out, const char *label, sqlite3_stmt *st, int i)
{
    if (is_null(st, i + 1))
        fprintf(out, "  %-12s none reported\n", label);
    else
        fprintf(out, "  %-12s %lld / %lld / %lld (low / best / high)\n", label, sqlite3_column_int64(st, i),
                sqlite3_column_int64(st, i + 1), sqlite3_column_int64(st, i + 2));
}

static int print_event(sqlite3 *db, long long id, FILE *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT iso3, event_date, date_start, date_end, time_precision, disorder_type, event_type,"
                           " sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,"
                           " civilian_targeting, location, admin2, admin1, country, latitude, longitude, geo_precision,"
                           " fatalities_low, fatalities_best, fatalities_high, injured_low, injured_best, injured_high,"
                           " number_of_sources, updated_at FROM event WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? 1 : -1;
    }
    fprintf(out, "event %lld (%s%lld)\n", id, col(st, 0), id);
    fprintf(out, "  %-12s %s (%s to %s, time precision %d)\n", "date", col(st, 1), col(st, 2), col(st, 3),
            sqlite3_column_int(st, 4));
    fprintf(out, "  %-12s %s / %s / %s\n", "type", col(st, 5), col(st, 6), col(st, 7));
    for (int k = 0; k < 2; k++) {
        int a = 8 + 3 * k;
        if (!col(st, a)[0])
            continue;
        fprintf(out, "  %-12s %s (inter %d)", k ? "actor2" : "actor1", col(st, a), sqlite3_column_int(st, a + 2));
        if (col(st, a + 1)[0])
            fprintf(out, " with %s", col(st, a + 1));
        fputc('\n', out);
    }
    if (sqlite3_column_int(st, 14))
        fprintf(out, "  %-12s civilian targeting\n", "");
    fprintf(out, "  %-12s ", "place");
    /* location, admin2, admin1, country; a town that names its district
     * and region ("Gao, Gao, Gao") is said once */
    const char *sep = "", *prev = "";
    for (int i = 15; i <= 18; i++)
        if (col(st, i)[0] && strcmp(col(st, i), prev)) {
            fprintf(out, "%s%s", sep, col(st, i));
            sep = ", ";
            prev = col(st, i);
        }
    if (!is_null(st, 19))
        fprintf(out, "%s%.5f, %.5f (geo precision %d)", *sep ? "; " : "", sqlite3_column_double(st, 19),
                sqlite3_column_double(st, 20), sqlite3_column_int(st, 21));
    else
        fprintf(out, "%sno coordinates", *sep ? "; " : "");
    fputc('\n', out);
    print_toll(out, "fatalities", st, 22);
    print_toll(out, "injured", st, 25);
    fprintf(out, "  %-12s %d document(s); updated %s\n", "sources", sqlite3_column_int(st, 28), col(st, 29));
    sqlite3_finalize(st);
    return 0;
}

/* ---- claims ----------------------------------------------------------------- */

static int print_claims(sqlite3 *db, long long id, FILE *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, SCHEMA_EVENT_CLAIMS_SQL, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc, n = 0;
    fputs("claims\n", out);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        fprintf(out, "  #%lld ", sqlite3_column_int64(st, CLAIM_COL_ID));
        if (!is_null(st, CLAIM_COL_PART_OF))
            fprintf(out, "(part of #%lld, not added) ", sqlite3_column_int64(st, CLAIM_COL_PART_OF));
        fprintf(out, "%s (%s): %s", col(st, CLAIM_COL_SOURCE), col(st, CLAIM_COL_SOURCE_KIND), col(st, CLAIM_COL_OUTCOME));
        if (col(st, CLAIM_COL_VICTIMS)[0])
            fprintf(out, " %s", col(st, CLAIM_COL_VICTIMS));
        fprintf(out, " [%s]", col(st, CLAIM_COL_VICTIM_CATEGORY));
        long long min = sqlite3_column_int64(st, CLAIM_COL_MIN);
        fprintf(out, " %lld", min);
        if (is_null(st, CLAIM_COL_MAX))
            fputs("+", out);
        else if (sqlite3_column_int64(st, CLAIM_COL_MAX) != min)
            fprintf(out, "-%lld", sqlite3_column_int64(st, CLAIM_COL_MAX));
        fprintf(out, " %s", col(st, CLAIM_COL_QUALIFIER));
        if (col(st, CLAIM_COL_VAGUE)[0])
            fprintf(out, " \"%s\"", col(st, CLAIM_COL_VAGUE));
        fprintf(out, " -- %s#%d", col(st, CLAIM_COL_DOC_KEY), sqlite3_column_int(st, CLAIM_COL_ORDINAL));
        if (col(st, CLAIM_COL_OUTLET)[0])
            fprintf(out, " (%s, %s)", col(st, CLAIM_COL_OUTLET), col(st, CLAIM_COL_REPORT_DATE));
        fputc('\n', out);
    }
    if (!n)
        fputs("  none\n", out);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- reports: sentences with the evidence marked ------------------------------ */

typedef struct {
    size_t start, end;
} range;

static int range_cmp(const void *a, const void *b)
{
    const range *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

/* Sorts and merges overlapping or touching ranges; returns the new count. */
static size_t merge_ranges(range *r, size_t n)
{
    if (!n)
        return 0;
    qsort(r, n, sizeof *r, range_cmp);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (r[i].start <= r[k].end) {
            if (r[i].end > r[k].end)
                r[k].end = r[i].end;
        } else
            r[++k] = r[i];
    }
    return k + 1;
}

typedef struct {
    range *r;
    size_t n, cap;
} ranges;

static void ranges_add(ranges *rs, long long start, long long end, size_t len)
{
    /* a span outside the text (a damaged row) is ignored, not trusted */
    if (start < 0 || end <= start || (size_t)end > len)
        return;
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? 2 * rs->cap : 16;
        rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
        if (!rs->r)
            abort();
    }
    rs->r[rs->n++] = (range){(size_t)start, (size_t)end};
}

/* Writes text[a, b) with the marked ranges (sorted, disjoint); line breaks
 * inside become spaces so the excerpt stays one indented paragraph. */
static void print_marked(FILE *out, const char *text, size_t a, size_t b, const ranges *marks, int color)
{
    const char *on = color ? MARK_ON_COLOR : MARK_ON_PLAIN, *off = color ? MARK_OFF_COLOR : MARK_OFF_PLAIN;
    size_t m = 0;
    while (m < marks->n && marks->r[m].end <= a)
        m++;
    int inside = 0;
    for (size_t i = a; i < b; i++) {
        if (!inside && m < marks->n && i == (marks->r[m].start > a ? marks->r[m].start : a)) {
            fputs(on, out);
            inside = 1;
        }
        char c = text[i];
        fputc(c == '\n' || c == '\r' ? ' ' : c, out);
        if (inside && i + 1 == marks->r[m].end) {
            fputs(off, out);
            inside = 0;
            m++;
        }
    }
    if (inside)
        fputs(off, out);
}

static int print_report(sqlite3_stmt *spans, long long report_id, const char *text, size_t len,
                        FILE *out, int color)
{
    ranges marks = {0};
    sqlite3_reset(spans);
    sqlite3_bind_int64(spans, 1, report_id);
    int rc;
    while ((rc = sqlite3_step(spans)) == SQLITE_ROW)
        if (!is_null(spans, 0) && !is_null(spans, 1))
            ranges_add(&marks, sqlite3_column_int64(spans, 0), sqlite3_column_int64(spans, 1), len);
    if (rc != SQLITE_DONE) {
        free(marks.r);
        return -1;
    }
    marks.n = merge_ranges(marks.r, marks.n);

    /* the sentences each mark lies in, merged when marks share one */
    text_doc t = {0};
    ranges shown = {0};
    if (text_split(&t, text, len) == 0) {
        for (size_t i = 0; i < marks.n; i++) {
            size_t a = marks.r[i].start, b = marks.r[i].end;
            for (size_t s = 0; s < t.nsent; s++) {
                const sentence *se = &t.sent[s];
                if (se->start < marks.r[i].end && se->end > marks.r[i].start) {
                    a = se->start < a ? se->start : a;
                    b = se->end > b ? se->end : b;
                }
            }
            ranges_add(&shown, (long long)a, (long long)b, len);
        }
    }
    text_free(&t);
    shown.n = merge_ranges(shown.r, shown.n);
    if (!shown.n)
        fputs("    (no evidence recorded)\n", out);
    for (size_t i = 0; i < shown.n; i++) {
        fputs("    > ", out);
        print_marked(out, text, shown.r[i].start, shown.r[i].end, &marks, color);
        fputc('\n', out);
    }
    free(marks.r);
    free(shown.r);
    return 0;
}

static int print_reports(sqlite3 *db, long long id, FILE *out, int color)
{
    sqlite3_stmt *st = NULL, *spans = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT r.id, d.doc_key, r.ordinal, d.outlet, d.report_date, d.title, d.url,"
                           " CAST(d.text AS BLOB) FROM report r JOIN document d ON d.id = r.document_id"
                           " WHERE r.event_id = ?1 ORDER BY d.report_date, d.doc_key, r.ordinal",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT ev_start, ev_end FROM claim WHERE report_id = ?1"
                           " UNION ALL SELECT src_start, src_end FROM claim WHERE report_id = ?1"
                           " UNION ALL SELECT start, end FROM evidence WHERE report_id = ?1",
                           -1, &spans, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    fputs("reports\n", out);
    int step, n = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        fprintf(out, "  %s#%d", col(st, 1), sqlite3_column_int(st, 2));
        if (col(st, 3)[0])
            fprintf(out, "  %s", col(st, 3));
        fprintf(out, "  %s", col(st, 4));
        if (col(st, 5)[0])
            fprintf(out, "  \"%s\"", col(st, 5));
        if (col(st, 6)[0])
            fprintf(out, "  %s", col(st, 6));
        fputc('\n', out);
        const char *text = sqlite3_column_blob(st, 7);
        size_t len = (size_t)sqlite3_column_bytes(st, 7);
        if (print_report(spans, sqlite3_column_int64(st, 0), text ? text : "", len, out, color))
            goto done;
    }
    if (step != SQLITE_DONE)
        goto done;
    if (!n)
        fputs("  none\n", out);
    rc = 0;
done:
    sqlite3_finalize(st);
    sqlite3_finalize(spans);
    return rc;
}

int show_event(sqlite3 *db, long long id, FILE *out, int color, char *err, size_t errlen)
{
    int rc = print_event(db, id, out);
    if (rc == 1)
        return 1;
    if (rc || print_claims(db, id, out) || print_reports(db, id, out, color)) {
        snprintf(err, errlen, "reading event %lld: %s", id, sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}
