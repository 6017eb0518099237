/* places.c -- `tally places`: every place mention of each report, with its
 * byte offsets, its role (body, dateline, qualifier, demonym) and how the
 * gazetteer resolved it, one JSON object a line.  For checking what tally
 * reads as a place, and for toponym-level evaluation (eval/geo.js). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "place.h"
#include "tally.h"

static int on_doc(void *ctx, const tally_doc *doc)
{
    places_write_jsonl(ctx, doc, stdout);
    return 0;
}

int cmd_places(int argc, char **argv)
{
    const char *data = NULL, *gazetteer = NULL;
    int npaths = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--gazetteer") && i + 1 < argc)
            gazetteer = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "tally places: unknown option '%s'\n", argv[i]);
            cli_usage(stderr);
            return 2;
        } else
            npaths++;
    }
    if (!npaths) {
        cli_usage(stderr);
        return 2;
    }
    char err[512];
    tally *t = tally_open(data, gazetteer, err, sizeof err);
    if (!t) {
        fprintf(stderr, "tally: %s\n", err);
        return 2;
    }
    tally_reader r = {.on_doc = on_doc, .on_error = cli_on_error, .ctx = t};
    long skipped = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--data") || !strcmp(argv[i], "--gazetteer")) {
            i++;
            continue;
        }
        long s = tally_read_path(&r, argv[i]);
        skipped += s > 0 ? s : 0;
    }
    tally_close(t);
    return skipped ? 1 : 0;
}
