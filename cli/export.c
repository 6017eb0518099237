/* export.c -- `tally export`: the store's events as ACLED CSV, UCDP GED CSV,
 * GeoJSON or JSON Lines (docs/export.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"

static int usage_error(const char *fmt, const char *what)
{
    fputs("tally export: ", stderr);
    fprintf(stderr, fmt, what);
    fputs("\nusage: tally export --format acled|ucdp|geojson|jsonl [--db FILE] [--country C] [--since DATE]\n"
          "                    [--until DATE] [--type T] [--min-fatalities N] [--data DIR] [-o FILE]\n",
          stderr);
    return 2;
}

int cmd_export(int argc, char **argv)
{
    const char *db_path = "tally.db", *fmt_name = NULL, *out_path = NULL, *datadir = NULL;
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
        if (!strcmp(a, "--format"))
            fmt_name = v;
        else if (!strcmp(a, "--db"))
            db_path = v;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
            out_path = v;
        else if (!strcmp(a, "--data"))
            datadir = v;
        else
            return usage_error("unknown option '%s'", a);
    }
    enum export_format fmt;
    if (!fmt_name)
        return usage_error("%s", "--format is required");
    if (export_format_parse(fmt_name, &fmt))
        return usage_error("unknown format '%s' (acled, ucdp, geojson or jsonl)", fmt_name);

    /* The country table maps --country and fills ACLED's iso and region. */
    char cpath[4096];
    countries *c = countries_load(countries_default_path(datadir, cpath, sizeof cpath), err, sizeof err);
    if (!c) {
        fprintf(stderr, "tally export: %s\n", err);
        return 2;
    }
    if (export_filter_resolve(&f, c, err, sizeof err)) {
        countries_free(c);
        return usage_error("%s", err);
    }
    sqlite3 *db = export_open_db(db_path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "tally export: %s\n", err);
        countries_free(c);
        return 2;
    }

    /* -o writes beside the target and renames at the end, so a failed
     * export never leaves half a file under the name asked for. */
    FILE *out = stdout;
    char tmp[4096] = "";
    struct stat sb;
    if (out_path && strcmp(out_path, "-") && stat(out_path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        /* a device or a pipe (-o /dev/null): write to it as it is */
        out = fopen(out_path, "wb");
        if (!out) {
            fprintf(stderr, "tally export: %s: cannot write: %s\n", out_path, strerror(errno));
            sqlite3_close(db);
            countries_free(c);
            return 2;
        }
        out_path = NULL;
    } else if (out_path && strcmp(out_path, "-")) {
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", out_path, (long)getpid());
        out = fopen(tmp, "wb");
        if (!out) {
            fprintf(stderr, "tally export: %s: cannot write: %s\n", out_path, strerror(errno));
            sqlite3_close(db);
            countries_free(c);
            return 2;
        }
    }
    export_counts n;
    int rc = export_write(db, c, &f, fmt, out, &n, err, sizeof err);
    if (out != stdout && !tmp[0])
        fclose(out);
    else if (out != stdout) {
        if (fclose(out) != 0 && rc == 0) {
            snprintf(err, sizeof err, "%s: write error", out_path);
            rc = -1;
        }
        if (rc == 0 && rename(tmp, out_path) != 0) {
            snprintf(err, sizeof err, "%s: cannot rename into place", out_path);
            rc = -1;
        }
        if (rc)
            remove(tmp);
    }
    sqlite3_close(db);
    countries_free(c);
    if (rc) {
        fprintf(stderr, "tally export: %s\n", err);
        return 2;
    }
    if (n.left_out)
        fprintf(stderr, "tally export: %lld event(s) written, %lld left out (%s)\n", n.written, n.left_out,
                fmt == EXPORT_GEOJSON ? "no coordinates"
                                      : "not organised violence, or no death reported: docs/export.md");
    return 0;
}
