/* main.c -- the tally command: a thin layer over libtally (include/tally.h).
 *
 * Exit status: 0 every document was read; 1 some were skipped (each one
 * named on stderr as FILE:LINE: reason); 2 the job itself could not run
 * (bad usage, missing data files). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "tally.h"

static void usage(FILE *f)
{
    fputs("usage: tally extract [--format jsonl|csv] [--data DIR] [--gazetteer FILE] PATH...\n"
          "       tally gazetteer info [--gazetteer FILE]\n"
          "       tally gazetteer lookup NAME [--gazetteer FILE]\n"
          "       tally version\n"
          "\n"
          "PATH is a report in the seed format (a 'date YYYY-MM-DD' line, then the text),\n"
          "a JSON Lines file ({\"id\",\"date\",\"text\"} a line), a directory (read\n"
          "recursively) or - for standard input.  Events go to standard output, one\n"
          "JSON object a line (docs/format.md), or ACLED-style CSV with --format csv.\n",
          f);
}

typedef struct {
    const tally *t;
    int csv;
    long docs, events;
} job;

static int on_doc(void *ctx, const tally_doc *doc)
{
    job *j = ctx;
    tally_events *ev = tally_extract(j->t, doc);
    if (j->csv)
        tally_write_csv(ev, stdout);
    else
        tally_write_jsonl(ev, stdout);
    j->docs++;
    j->events += (long)tally_events_count(ev);
    tally_events_free(ev);
    return 0;
}

static void on_error(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file, msg);
}

static int cmd_extract(int argc, char **argv)
{
    const char *datadir = NULL, *gazetteer = NULL;
    int csv = 0;
    int npaths = 0;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--format") && i + 1 < argc) {
            const char *f = argv[++i];
            if (!strcmp(f, "csv"))
                csv = 1;
            else if (!strcmp(f, "jsonl") || !strcmp(f, "json"))
                csv = 0;
            else {
                fprintf(stderr, "tally: unknown format '%s' (jsonl or csv)\n", f);
                free(paths);
                return 2;
            }
        } else if (!strcmp(a, "--data") && i + 1 < argc)
            datadir = argv[++i];
        else if (!strcmp(a, "--gazetteer") && i + 1 < argc)
            gazetteer = argv[++i];
        else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "tally: unknown option '%s'\n", a);
            usage(stderr);
            free(paths);
            return 2;
        } else
            paths[npaths++] = argv[i];
    }
    if (npaths == 0) {
        usage(stderr);
        free(paths);
        return 2;
    }
    char err[512];
    tally *t = tally_open(datadir, gazetteer, err, sizeof err);
    if (!t) {
        fprintf(stderr, "tally: %s\n", err);
        free(paths);
        return 2;
    }
    job j = {.t = t, .csv = csv};
    tally_reader r = {.on_doc = on_doc, .on_error = on_error, .ctx = &j};
    if (csv)
        tally_write_csv_header(stdout);
    long skipped = 0;
    for (int i = 0; i < npaths; i++) {
        long s = tally_read_path(&r, paths[i]);
        if (s > 0)
            skipped += s;
    }
    fflush(stdout);
    tally_close(t);
    free(paths);
    if (skipped)
        fprintf(stderr, "tally: %ld document(s) read, %ld skipped, %ld event(s)\n", j.docs, skipped, j.events);
    return skipped ? 1 : 0;
}

static int cmd_gazetteer(int argc, char **argv)
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
    char err[512];
    gaz *g = gaz_open(path, err, sizeof err);
    if (!g) {
        fprintf(stderr, "tally: %s\n", err);
        return 2;
    }
    int rc = 0;
    if (!strcmp(sub, "info")) {
        size_t p, a1, c;
        gaz_counts(g, &p, &a1, &c);
        printf("%s: %zu places, %zu admin-1 regions, %zu countries\n", path, p, a1, c);
    } else if (!strcmp(sub, "lookup") && name) {
        gaz_place out[20];
        size_t n = gaz_lookup(g, name, strlen(name), out, 20);
        static const char *const kinds[] = {"place", "admin1", "country"};
        for (size_t k = 0; k < n && k < 20; k++)
            printf("%s\t%s\t%s\t%s\t%.5f\t%.5f\t%u\t%s\n", kinds[out[k].kind], out[k].name, out[k].iso2,
                   out[k].admin1, out[k].lat, out[k].lon, out[k].population, out[k].fcode);
        rc = n ? 0 : 1;
    } else {
        usage(stderr);
        rc = 2;
    }
    gaz_close(g);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "extract"))
        return cmd_extract(argc - 2, argv + 2);
    if (!strcmp(argv[1], "gazetteer"))
        return cmd_gazetteer(argc - 2, argv + 2);
    if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
        printf("tally %s\n", TALLY_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "tally: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
