/* fuzz_extract.c -- libFuzzer target for the whole extraction: document ->
 * tokens, numbers, dates, places, actors, claims, events -> JSON record.
 *
 * Sources: all of src/ (fuzz/run.sh links them), the dictionaries in data/
 * and build/gazetteer.bin (the paths compiled in by fuzz/run.sh; `make`
 * builds the index).
 *
 * An input that parses as a seed-format report ("date YYYY-MM-DD" + text) is
 * that report; any other valid UTF-8 is report text dated 2024-08-25.  The
 * events are written as JSON Lines and as CSV; every JSON line must parse,
 * every evidence span must lie inside the text with start <= end, and every
 * toll must have low <= best <= high. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "norm.h"
#include "tally.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tally *T;

static void check_spans(const cJSON *o, size_t len)
{
    if (cJSON_IsObject(o)) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "start");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "end");
        if (cJSON_IsNumber(s) && cJSON_IsNumber(e) && cJSON_GetObjectItemCaseSensitive(o, "doc_id")) {
            if (s->valuedouble < 0 || s->valuedouble > e->valuedouble || e->valuedouble > (double)len)
                abort();
        }
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, "fatalities");
        if (cJSON_IsObject(f)) {
            double lo = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "low"));
            double be = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "best"));
            double hi = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "high"));
            if (!(lo <= be && be <= hi))
                abort();
        }
    }
    for (const cJSON *c = o->child; c; c = c->next)
        check_spans(c, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!T) {
        char err[512];
        T = tally_open(NULL, NULL, err, sizeof err);
        if (!T) {
            fprintf(stderr, "fuzz_extract: %s\n", err);
            abort();
        }
    }
    doc_owned d;
    memset(&d, 0, sizeof d);
    char err[256];
    long line;
    tally_doc doc;
    char *copy = NULL;
    if (doc_parse_seed("fuzz.txt", (const char *)data, size, &d, err, sizeof err, &line) == 0)
        doc = d.doc;
    else {
        size_t bad;
        if (!utf8_valid((const char *)data, size, &bad)) {
            doc_owned_free(&d);
            return 0; /* the reader refuses it; the library's contract is UTF-8 */
        }
        /* Exactly size bytes, unterminated (the contract allows it), so that
         * ASan sees any read past the end. */
        copy = malloc(size ? size : 1);
        memcpy(copy, data, size);
        doc = (tally_doc){.id = "fuzz", .date = {2024, 8, 25}, .text = copy, .len = size};
    }
    tally_events *ev = tally_extract(T, &doc);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    tally_write_jsonl(ev, f);
    fclose(f);
    size_t lines = 0;
    for (char *p = out, *nl; p < out + outlen; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(out + outlen - p));
        if (!nl)
            abort(); /* every record ends its line */
        cJSON *o = cJSON_ParseWithLength(p, (size_t)(nl - p));
        if (!o || !cJSON_IsObject(o))
            abort(); /* the writer produced broken JSON */
        check_spans(o, doc.len);
        cJSON_Delete(o);
        lines++;
    }
    if (lines != tally_events_count(ev))
        abort();
    free(out);
    FILE *csv = fopen("/dev/null", "w");
    if (csv) {
        tally_write_csv(ev, csv);
        fclose(csv);
    }
    tally_events_free(ev);
    free(copy);
    doc_owned_free(&d);
    return 0;
}
