/* gazetteer.c -- `tally gazetteer`: look into the place index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gazetteer.h"

static void on_bad(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s\n", msg);
}

/* `tally gazetteer add FILE`: 0 all merged, 1 bad lines skipped (the rest
 * merged), 2 nothing changed (the file is neither format, or the index
 * could not be read or written). */
static int add(const char *index, const char *file, char *err, size_t errlen)
{
    if (!file) {
        cli_usage(stderr);
        return 2;
    }
    gaz_add_stats st;
    int rc = gaz_add(index, file, on_bad, NULL, &st, err, errlen);
    if (rc != 0) {
        fprintf(stderr, "tally: %s\n", err);
        return 2;
    }
    printf("%s: %zu places added, %zu already there, %zu bad lines skipped\n", index, st.added, st.dups, st.bad);
    return st.bad ? 1 : 0;
}

int cmd_gazetteer(int argc, char **argv)
{
    const char *path = NULL, *name = NULL, *sub = argc > 0 ? argv[0] : "info";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--gazetteer") && i + 1 < argc)
            path = argv[++i];
        else
            name = argv[i];
    }
    if (!path)
        path = getenv("TALLY_GAZETTEER");
#ifdef TALLY_GAZETTEER
    if (!path)
        path = TALLY_GAZETTEER;
#endif
    if (!path)
        path = "build/gazetteer.bin";
    char err[1024];
    if (!strcmp(sub, "add"))
        return add(path, name, err, sizeof err);
    gaz *g = gaz_open(path, err, sizeof err);
    if (!g) {
        fprintf(stderr, "tally: %s\n", err);
        return 2;
    }
    int rc = 0;
    if (!strcmp(sub, "info")) {
        size_t p, a1, c;
        gaz_counts(g, &p, &a1, &c);
        printf("%s: %zu places, %zu admin-1 regions, %zu admin-2 regions, %zu countries\n", path, p, a1,
               gaz_count_admin2(g), c);
    } else if (!strcmp(sub, "lookup") && name) {
        gaz_place out[20];
        size_t n = gaz_lookup(g, name, strlen(name), out, 20);
        static const char *const kinds[] = {"place", "admin1", "country", "admin2"};
        for (size_t k = 0; k < n && k < 20; k++)
            printf("%s\t%s\t%s\t%s\t%.5f\t%.5f\t%u\t%s\n", kinds[out[k].kind], out[k].name, out[k].iso2,
                   out[k].admin1, out[k].lat, out[k].lon, out[k].population, out[k].fcode);
        rc = n ? 0 : 1;
    } else {
        cli_usage(stderr);
        rc = 2;
    }
    gaz_close(g);
    return rc;
}

