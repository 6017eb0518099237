/* cli.h -- the commands of the tally program.  Each takes the arguments
 * after its name and returns the process exit status (0 good, 1 something
 * was skipped or not found, 2 the job could not run). */
#ifndef TALLY_CLI_H
#define TALLY_CLI_H

#include <stdio.h>

void cli_usage(FILE *f);
/* Prints FILE:LINE: message (or FILE: message) on stderr: a tally_reader
 * on_error callback. */
void cli_on_error(void *ctx, const char *file, long line, const char *msg);

int cmd_extract(int argc, char **argv);
int cmd_gazetteer(int argc, char **argv);
int cmd_places(int argc, char **argv);
int cmd_dates(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
