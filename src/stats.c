/* stats.c -- `tally stats`: GROUP BY over the event table, filtered as the
 * exports are. */
#include <string.h>

#include "stats.h"
#include "util.h"

int stats_iso_week(const char *date, char out[16])
{
    civil_date d;
    if (!date_parse_iso(date, strlen(date), &d))
        return 0;
    /* The ISO year and week are those of the week's Thursday. */
    int64_t days = date_to_days(d);
    int64_t thursday = days - (date_weekday(d) + 6) % 7 + 3;
    civil_date th = days_to_date(thursday);
    int64_t jan1 = date_to_days((civil_date){th.year, 1, 1});
    int week = (int)((thursday - jan1) / 7 + 1);
    snprintf(out, 16, "%04d-W%02d", th.year, week);
    return 1;
}

static const char sums[] =
    "count(*), COALESCE(sum(fatalities_low), 0), COALESCE(sum(fatalities_best), 0),"
    " COALESCE(sum(fatalities_high), 0)";

/* Columns 0 and 1 are the labels; 2..5 the figures. */
static int table(sqlite3 *db, const export_filter *f, const char *head, const char *select, const char *group,
                 int week, FILE *out)
{
    buf sql = {0};
    buf_printf(&sql, "SELECT %s, %s FROM event", select, sums);
    export_filter_where(f, &sql);
    buf_printf(&sql, " %s", group);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql.data, -1, &st, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK)
        return -1;
    export_filter_bind(st, f);
    fprintf(out, "%s\tevents\tfatalities_low\tfatalities_best\tfatalities_high\n", head);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 0), *b = (const char *)sqlite3_column_text(st, 1);
        char wk[16];
        if (week)
            fprintf(out, "%s\t%s", a && stats_iso_week(a, wk) ? wk : "?", a ? a : "");
        else
            fprintf(out, "%s\t%s", a && a[0] ? a : "(unknown)", b ? b : "");
        for (int i = 2; i < 6; i++)
            fprintf(out, "\t%lld", sqlite3_column_int64(st, i));
        fputc('\n', out);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    /* the total, counted on its own */
    sql = (buf){0};
    buf_printf(&sql, "SELECT %s FROM event", sums);
    export_filter_where(f, &sql);
    rc = sqlite3_prepare_v2(db, sql.data, -1, &st, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK)
        return -1;
    export_filter_bind(st, f);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fprintf(out, "total\t\t%lld\t%lld\t%lld\t%lld\n", sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

int stats_write(sqlite3 *db, const export_filter *f, enum stats_by by, FILE *out, char *err, size_t errlen)
{
    int rc = 0;
    if (by & STATS_COUNTRY)
        /* one row per country code (the store writes one name per code) */
        rc = table(db, f, "country\tiso3", "max(country), iso3", "GROUP BY iso3 ORDER BY iso3 = '', 1, iso3", 0, out);
    if (!rc && by == STATS_BOTH)
        fputc('\n', out);
    if (!rc && (by & STATS_WEEK))
        rc = table(db, f, "week\tmonday",
                   STATS_MONDAY_SQL " AS monday, NULL",
                   "GROUP BY monday ORDER BY monday", 1, out);
    if (rc) {
        snprintf(err, errlen, "reading the store: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errlen, "write error");
        return -1;
    }
    return 0;
}
