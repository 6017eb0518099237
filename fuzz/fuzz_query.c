/* fuzz_query.c -- libFuzzer target for serve_parse_query, the query-string
 * parser every `tally serve` API request goes through first.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -Isrc -Iinclude src/serve_query.c src/util.c \
 *         fuzz/fuzz_query.c -o /tmp/fuzz_query
 *
 * Parses the input as a query string with every parameter allowed, and with
 * none; checks that nothing is read past len (ASan), that the status is one
 * of 0 / 400 / 414, and that what is accepted is what the contract says:
 * calendar dates in order, a box inside the world, bounded counts, values
 * without control bytes or quotes that could reach SQL text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve_query.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_value(const char *v)
{
    size_t n = strlen(v);
    if (n > SERVE_MAX_VALUE)
        abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c < 0x20 || c == 0x7f || c == '"' || c == ';' || c == '=' || c == '%' || c == '*')
            abort();
    }
}

static void check_date(const char *d)
{
    civil_date cd;
    if (d[0] && (strlen(d) != 10 || !date_parse_iso(d, 10, &cd)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes: the parser must not need a NUL */
    char *qs = malloc(size ? size : 1);
    if (!qs)
        return 0;
    memcpy(qs, data, size);
    serve_query q;
    char err[160];
    int st = serve_parse_query(qs, size, SQ_FILTERS | SQ_LIMIT | SQ_OFFSET, &q, err, sizeof err);
    if (st != 0 && st != 400 && st != 414)
        abort();
    if (st == 414 && size <= SERVE_MAX_QUERY)
        abort();
    if (st != 0 && !err[0])
        abort();
    if (st == 0) {
        if (size > SERVE_MAX_QUERY)
            abort();
        check_date(q.since);
        check_date(q.until);
        if (q.since[0] && q.until[0] && strcmp(q.since, q.until) > 0)
            abort();
        check_value(q.country);
        check_value(q.type);
        if (strchr(q.type, '\''))
            abort();
        if (q.limit < 1 || q.limit > SERVE_MAX_LIMIT || q.offset < 0 || q.offset > SERVE_MAX_OFFSET)
            abort();
        if (q.min_fatalities < -1 || q.min_fatalities > 999999999)
            abort();
        if ((q.given & SQ_MINF) ? q.min_fatalities < 0 : q.min_fatalities != -1)
            abort();
        if ((q.given & SQ_BBOX) && !(q.west >= -180 && q.west <= 180 && q.east >= -180 && q.east <= 180 &&
                                     q.south >= -90 && q.north <= 90 && q.south <= q.north))
            abort();
    }
    /* an endpoint that takes no parameter accepts only an empty selection */
    st = serve_parse_query(qs, size, 0, &q, err, sizeof err);
    if (st == 0 && q.given)
        abort();
    free(qs);
    return 0;
}
