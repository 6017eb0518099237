/* fuzz_gazetteer.c -- libFuzzer target for the gazetteer loader (gaz_open and
 * the lookups that read the mapping).
 *
 * Sources: src/gazetteer.c src/gazbuild.c src/norm.c src/util.c and their
 * dependencies (fuzz/run.sh links all of src/); fuzz/tiny_gaz.h.
 *
 * An index file may be truncated by a full disk, cut by a failed copy or
 * simply be some other file.  Two ways in:
 *   - an input that starts with the magic "TALLYGZ" is the index file itself
 *     (the seed corpus holds a tiny valid index and damaged copies);
 *   - anything else is an edit script applied to a tiny valid index built at
 *     start-up: byte 0 says whether to cut the file (to the length in bytes
 *     1-2) and whether to make the header's file_size agree with the cut, then
 *     triples (offset lo, offset hi, value) overwrite bytes.  This reaches
 *     the checks behind the size test, which random bytes almost never pass.
 * gaz_open must refuse the file with a message naming it, or open it; an open
 * index must answer every lookup without reading outside the mapping. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tiny_gaz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *base;
static size_t base_len;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!base)
        base = tiny_gaz_build(&base_len);
    char *file;
    size_t n;
    if (size >= 7 && memcmp(data, GAZF_MAGIC, 7) == 0) {
        file = malloc(size);
        memcpy(file, data, size);
        n = size;
    } else {
        file = malloc(base_len);
        memcpy(file, base, base_len);
        n = base_len;
        size_t i = 0;
        if (size >= 3) {
            unsigned flags = data[0];
            size_t cut = (size_t)data[1] | (size_t)data[2] << 8;
            if ((flags & 1) && cut < n)
                n = cut;
            if ((flags & 2) && n >= sizeof(gazf_header)) {
                uint64_t fs = n;
                memcpy(file + offsetof(gazf_header, file_size), &fs, sizeof fs);
            }
            i = 3;
        }
        for (; i + 3 <= size; i += 3) {
            size_t off = (size_t)data[i] | (size_t)data[i + 1] << 8;
            if (off < n)
                file[off] = (char)data[i + 2];
        }
    }
    char path[600], err[700];
    tiny_put("index.bin", file, n, path, sizeof path);
    free(file);
    err[0] = '\0';
    gaz *g = gaz_open(path, err, sizeof err);
    if (!g) {
        if (!strstr(err, path))
            abort(); /* a refusal names the file */
        return 0;
    }
    tiny_exercise(g);
    gaz_close(g);
    return 0;
}
