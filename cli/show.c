/* show.c -- `tally show EVENT_ID`: one event, every claim, and the report
 * sentences behind them, evidence marked (bold on a terminal, [[ ]] else). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "show.h"

int cmd_show(int argc, char **argv)
{
    const char *db_path = "tally.db", *id_arg = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db_path = argv[++i];
        else if (argv[i][0] != '-' && !id_arg)
            id_arg = argv[i];
        else {
            fprintf(stderr, "tally show: unexpected argument '%s'\nusage: tally show EVENT_ID [--db FILE]\n", argv[i]);
            return 2;
        }
    }
    long long id;
    if (!id_arg || !show_parse_id(id_arg, &id)) {
        if (id_arg)
            fprintf(stderr, "tally show: '%s' is not an event id (123 or MLI123)\n", id_arg);
        fputs("usage: tally show EVENT_ID [--db FILE]\n", stderr);
        return 2;
    }
    char err[512];
    sqlite3 *db = export_open_db(db_path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "tally show: %s\n", err);
        return 2;
    }
    /* Colour only for a person at a terminal who has not asked for none. */
    int color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    int rc = show_event(db, id, stdout, color, err, sizeof err);
    sqlite3_close(db);
    if (rc == 1) {
        fprintf(stderr, "tally show: no event %lld in %s\n", id, db_path);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "tally show: %s\n", err);
        return 2;
    }
    return 0;
}
