/* fuzz_when.c -- libFuzzer target for the date grammar (when_scan, when_value).
 *
 * Sources: src/when.c src/util.c (fuzz/run.sh links all of src/).
 *
 * The first three bytes pick the report date (so that year inference, weekday
 * arithmetic and the "valid report date" branch are all reached, including an
 * invalid date); the rest is one sentence.  Checks what the contract promises:
 * spans inside the sentence and in text order, a resolved range that is a real
 * closed range of valid days, a precision of 1..3, and a TIMEX3 value that
 * fits its 16 bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "when.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXM 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    /* Years 1900..2155 and months/days that may be out of range on purpose. */
    civil_date report = {1900 + data[0], 1 + data[1] % 13, 1 + data[2] % 32};
    if (data[1] % 13 == 12)
        report = (civil_date){0, 0, 0}; /* no usable report date */
    const char *s = (const char *)data + 3;
    size_t len = size - 3;
    /* A copy of exactly len bytes, so that ASan catches any read at s[len]. */
    char *t = malloc(len ? len : 1);
    if (!t)
        return 0;
    memcpy(t, s, len);
    when_mention m[MAXM];
    size_t n = when_scan(t, len, report, m, MAXM);
    size_t w = n < MAXM ? n : MAXM;
    size_t prev = 0;
    for (size_t i = 0; i < w; i++) {
        const when_mention *x = &m[i];
        if (x->start > x->end || x->end > len || x->start < prev)
            abort();
        prev = x->start;
        if (x->kind == WHEN_DATE) {
            if (!date_valid(x->first) || !date_valid(x->last))
                abort();
            if (date_to_days(x->first) > date_to_days(x->last))
                abort();
            if (x->precision < 1 || x->precision > 3)
                abort();
        }
        char v[WHEN_VALUE_MAX]; /* the contract's size: values grew to 24 bytes with clock times */
        size_t vl = when_value(x, v);
        if (vl >= sizeof v || strlen(v) != vl)
            abort();
    }
    free(t);
    return 0;
}
