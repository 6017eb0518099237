/* scan.c -- the floor for tally extract: the same bytes, the least work.
 *
 *     bench/scan [--data DIR] [FILE.jsonl | -]
 *
 * Reads JSON Lines, parses each line (cJSON, as the reader does), splits the
 * "text" into tokens and sentences with the library's text_split and looks
 * every token up in the triggers lexicon (lex_match), with no extraction.
 * Prints one line of counts to stderr.  Whatever tally extract spends above
 * this is the cost of extraction proper. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lexicon.h"
#include "text.h"

int main(int argc, char **argv)
{
    const char *datadir = getenv("TALLY_DATA"), *path = "-";
    if (!datadir)
        datadir = "data";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            datadir = argv[++i];
        else
            path = argv[i];
    }
    char lexpath[4096], err[512];
    snprintf(lexpath, sizeof lexpath, "%s/triggers.tsv", datadir);
    lexicon *lx = lex_load(lexpath, 3, err, sizeof err);
    if (!lx) {
        fprintf(stderr, "scan: %s\n", err);
        return 2;
    }
    FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!in) {
        perror(path);
        lex_free(lx);
        return 2;
    }
    text_doc td = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long long docs = 0, bytes = 0, tokens = 0, hits = 0, sentences = 0;
    while ((n = getline(&line, &cap, in)) > 0) {
        bytes += (unsigned long long)n;
        cJSON *j = cJSON_ParseWithLength(line, (size_t)n);
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
        if (cJSON_IsString(text) && text_split(&td, text->valuestring, strlen(text->valuestring)) == 0) {
            docs++;
            tokens += td.ntok;
            sentences += td.nsent;
            for (size_t i = 0; i < td.ntok;) {
                size_t m = 0;
                if (lex_match(lx, &td, i, td.ntok, &m) && m > 0) {
                    hits++;
                    i += m;
                } else
                    i++;
            }
        }
        cJSON_Delete(j);
    }
    fprintf(stderr, "scan: %llu docs, %llu bytes, %llu tokens, %llu sentences, %llu trigger hits\n", docs, bytes,
            tokens, sentences, hits);
    free(line);
    text_free(&td);
    lex_free(lx);
    if (in != stdin)
        fclose(in);
    return 0;
}
