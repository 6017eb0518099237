/* fuzz_gazadd.c -- libFuzzer target for `tally gazetteer add`: the GeoNames
 * dump / user TSV parser in src/gazbuild.c (load_lines) and the merge into an
 * existing index (gaz_add).
 *
 * Sources: src/gazbuild.c src/gazetteer.c src/norm.c src/util.c and their
 * dependencies (fuzz/run.sh links all of src/); fuzz/tiny_gaz.h.
 *
 * Each input is written as the extra file and added to a fresh copy of a tiny
 * index.  gaz_add must refuse it (-2: neither format, index unchanged), report
 * bad lines and go on, or merge it; the merged index must then open and answer
 * lookups, and a second add of the same file must add nothing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tiny_gaz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *base;
static size_t base_len;

static void on_bad(void *ctx, const char *msg)
{
    if (!msg || !strchr(msg, ':'))
        abort(); /* "FILE:LINE: what" */
    (*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!base)
        base = tiny_gaz_build(&base_len);
    char idx[600], extra[600], err[700];
    tiny_put("work.bin", base, base_len, idx, sizeof idx);
    tiny_put("extra.tsv", data, size, extra, sizeof extra);
    size_t nbad = 0;
    gaz_add_stats st;
    int rc = gaz_add(idx, extra, on_bad, &nbad, &st, err, sizeof err);
    if (rc == -2 || rc == -1) {
        /* Refused as a whole: the index must be left byte-identical. */
        size_t len;
        char *now = read_file(idx, &len);
        if (!now || len != base_len || memcmp(now, base, len) != 0)
            abort();
        free(now);
        return 0;
    }
    if (rc != 0 || st.bad != nbad)
        abort();
    gaz *g = gaz_open(idx, err, sizeof err);
    if (!g)
        abort(); /* gaz_add wrote an index its reader refuses */
    tiny_exercise(g);
    gaz_close(g);
    /* Adding the same file again changes nothing. */
    gaz_add_stats st2;
    nbad = 0;
    if (gaz_add(idx, extra, on_bad, &nbad, &st2, err, sizeof err) != 0 || st2.added != 0)
        abort();
    return 0;
}
