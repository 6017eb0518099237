/* stats.c -- `tally stats`: counts and fatalities by country and ISO week. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "stats.h"

static int usage_error(const char *fmt, const char *what)
{
    fputs("tally stats: ", stderr);
    fprintf(stderr, fmt, what);
    fputs("\nusage: tally stats [--db FILE] [--by country|week] [--country C] [--since DATE] [--until DATE]\n"
          "                   [--type T] [--min-fatalities N] [--data DIR]\n",
          stderr);
    return 2;
}

int cmd_stats(int argc, char **argv)
{
    const char *db_path = "tally.db", *datadir = NULL;
    enum stats_by by = STATS_BOTH;
    export_filter f = EXPORT_FILTER_ALL;
    char err[512];
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1])
            return usage_error("unexpected argument '%s'", a);
        if (i + 1 >= argc)
            return usage_error("%s needs a value", a);
        const char *v = argv[++i];
        int took = export_filter_option(&f, a, v, err, sizeof err);
        if (took < 0)
            return usage_error("%s", err);
        if (took)
            continue;
        if (!strcmp(a, "--db"))
            db_path = v;
        else if (!strcmp(a, "--data"))
            datadir = v;
        else if (!strcmp(a, "--by")) {
            if (!strcmp(v, "country"))
                by = STATS_COUNTRY;
            else if (!strcmp(v, "week"))
                by = STATS_WEEK;
            else
                return usage_error("--by: '%s' is not country or week", v);
        } else
            return usage_error("unknown option '%s'", a);
    }
    countries *c = NULL;
    if (f.country) {
        char cpath[4096];
        c = countries_load(countries_default_path(datadir, cpath, sizeof cpath), err, sizeof err);
        if (!c) {
            fprintf(stderr, "tally stats: %s\n", err);
            return 2;
        }
    }
    int bad = export_filter_resolve(&f, c, err, sizeof err);
    countries_free(c);
    if (bad)
        return usage_error("%s", err);
    sqlite3 *db = export_open_db(db_path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "tally stats: %s\n", err);
        return 2;
    }
    int rc = stats_write(db, &f, by, stdout, err, sizeof err);
    sqlite3_close(db);
    if (rc) {
        fprintf(stderr, "tally stats: %s\n", err);
        return 2;
    }
    return 0;
}
