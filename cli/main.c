/* main.c -- the tally command: a thin layer over libtally (include/tally.h).
 * Each command lives in its own file (cli/<command>.c) behind cli.h; this
 * file only dispatches.
 *
 * Exit status: 0 every document was read; 1 some were skipped (each one
 * named on stderr as FILE:LINE: reason); 2 the job itself could not run
 * (bad usage, missing data files). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally.h"

void cli_usage(FILE *f)
{
    fputs("usage: tally extract [--format jsonl|csv] [-j N] [--data DIR] [--gazetteer FILE] PATH...\n"
          "       tally places [--data DIR] [--gazetteer FILE] PATH...\n"
          "       tally dates [--count] PATH...\n"
          "       tally ingest [--db tally.db] [--data DIR] [--gazetteer FILE] PATH...\n"
          "       tally gazetteer info [--gazetteer FILE]\n"
          "       tally gazetteer add FILE [--gazetteer FILE]\n"
          "       tally gazetteer lookup NAME [--gazetteer FILE]\n"
          "       tally export --format acled|ucdp|geojson|jsonl [--db FILE] [--country C] [--since DATE]\n"
          "                    [--until DATE] [--type T] [--min-fatalities N] [-o FILE]\n"
          "       tally show EVENT_ID [--db FILE]\n"
          "       tally stats [--db FILE] [--by country|week] [filters as for export]\n"
          "       tally serve [--db FILE] [--port 8080] [--bind 127.0.0.1] [--www DIR] [--rate N]\n"
          "       tally version\n"
          "\n"
          "PATH is a report in the seed format (a 'date YYYY-MM-DD' line, then the text),\n"
          "a JSON Lines file ({\"id\",\"date\",\"text\"} a line), a directory (read\n"
          "recursively) or - for standard input.  Events go to standard output, one\n"
          "JSON object a line (docs/format.md), or ACLED-style CSV with --format csv.\n"
          "-j N extracts with N threads (0 = one per online CPU; default 1); the\n"
          "output is the same, in the same order, whatever N.\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "extract"))
        return cmd_extract(argc - 2, argv + 2);
    if (!strcmp(argv[1], "places"))
        return cmd_places(argc - 2, argv + 2);
    if (!strcmp(argv[1], "dates"))
        return cmd_dates(argc - 2, argv + 2);
    if (!strcmp(argv[1], "ingest"))
        return cmd_ingest(argc - 2, argv + 2);
    if (!strcmp(argv[1], "gazetteer"))
        return cmd_gazetteer(argc - 2, argv + 2);
    if (!strcmp(argv[1], "export"))
        return cmd_export(argc - 2, argv + 2);
    if (!strcmp(argv[1], "show"))
        return cmd_show(argc - 2, argv + 2);
    if (!strcmp(argv[1], "stats"))
        return cmd_stats(argc - 2, argv + 2);
    if (!strcmp(argv[1], "serve"))
        return cmd_serve(argc - 2, argv + 2);
    if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
        printf("tally %s\n", TALLY_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        cli_usage(stdout);
        return 0;
    }
    fprintf(stderr, "tally: unknown command '%s'\n", argv[1]);
    cli_usage(stderr);
    return 2;
}
