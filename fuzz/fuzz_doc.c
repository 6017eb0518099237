/* fuzz_doc.c -- libFuzzer target for the report reader (src/doc.c).
 *
 * Sources: src/doc.c src/norm.c src/util.c (fuzz/run.sh links all of src/).
 *
 * The input goes three ways: to doc_parse_seed (the "date YYYY-MM-DD" + text
 * format), to doc_parse_json (one JSON Lines record), and, written to a file,
 * through tally_read_path, which sniffs the format and streams JSON Lines a
 * line at a time -- once with the default size limit and once with a 256-byte
 * limit so the "line too long" paths run too.  Checks the reader's contract:
 * a document handed over has a valid date, an id and non-blank text of the
 * length it claims, and a file with any non-blank byte produces at least one
 * document or one error (nothing vanishes silently). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_doc(const tally_doc *d)
{
    civil_date c = {d->date.year, d->date.month, d->date.day};
    if (!d->id || !d->id[0] || !d->text || !date_valid(c))
        abort();
    size_t bad;
    if (!utf8_valid(d->text, d->len, &bad) || d->text[d->len] != '\0')
        abort();
    size_t i = 0;
    while (i < d->len && (d->text[i] == ' ' || d->text[i] == '\t' || d->text[i] == '\r' || d->text[i] == '\n'))
        i++;
    if (i == d->len)
        abort(); /* blank text must have been refused */
}

typedef struct {
    long docs, errors;
} counts;

static int on_doc(void *ctx, const tally_doc *d)
{
    check_doc(d);
    ((counts *)ctx)->docs++;
    return 0;
}

static void on_error(void *ctx, const char *file, long line, const char *msg)
{
    if (!file || !msg || !msg[0] || line < 0)
        abort();
    ((counts *)ctx)->errors++;
}

static char path[4096];

static void read_file_as_stream(const uint8_t *data, size_t size, size_t max)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    counts c = {0, 0};
    tally_reader r = {on_doc, on_error, &c, max};
    long skipped = tally_read_path(&r, path);
    if (skipped != c.errors)
        abort();
    int blank = 1;
    for (size_t i = 0; i < size && blank; i++)
        blank = data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n';
    if (!blank && c.docs + c.errors == 0)
        abort(); /* a non-blank input vanished without a word */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/fuzz_doc.%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
    }
    /* Exactly size bytes on the heap, so that ASan sees a read past the end. */
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    doc_owned d;
    memset(&d, 0, sizeof d);
    char err[256];
    long line = 0;
    if (doc_parse_seed("fuzz.txt", s, size, &d, err, sizeof err, &line) == 0)
        check_doc(&d.doc);
    else if (line < 1 || !err[0])
        abort(); /* an error names a line and says something */
    int rc = doc_parse_json(s, size, &d, err, sizeof err);
    if (rc == 0)
        check_doc(&d.doc);
    else if (!err[0])
        abort();
    /* The fast path for flat lines must read every line as cJSON does. */
    doc_owned slow;
    memset(&slow, 0, sizeof slow);
    char err2[256];
    int rc2 = doc_parse_json_with(s, size, &slow, err2, sizeof err2, 0);
    if (rc != rc2 || (rc != 0 && strcmp(err, err2) != 0))
        abort();
    if (rc == 0 && (strcmp(d.doc.id, slow.doc.id) != 0 || d.doc.len != slow.doc.len ||
                    memcmp(d.doc.text, slow.doc.text, d.doc.len) != 0 ||
                    memcmp(&d.doc.date, &slow.doc.date, sizeof d.doc.date) != 0 ||
                    (d.doc.title == NULL) != (slow.doc.title == NULL) ||
                    (d.doc.title && strcmp(d.doc.title, slow.doc.title) != 0) ||
                    (d.doc.url == NULL) != (slow.doc.url == NULL) || (d.doc.url && strcmp(d.doc.url, slow.doc.url) != 0) ||
                    (d.doc.source == NULL) != (slow.doc.source == NULL) ||
                    (d.doc.source && strcmp(d.doc.source, slow.doc.source) != 0)))
        abort();
    doc_owned_free(&slow);
    doc_owned_free(&d);
    free(s);
    read_file_as_stream(data, size, 0);
    read_file_as_stream(data, size, 256);
    unlink(path);
    return 0;
}
