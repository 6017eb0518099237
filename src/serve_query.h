/* serve_query.h -- the query string of a `tally serve` API request, parsed
 * and checked before anything reaches SQLite.
 *
 * Contract: serve_parse_query is a pure function of its input (no I/O, no
 * globals, no allocation), so that it can be fuzzed (fuzz/fuzz_query.c).
 *   - The input is the raw query string as received, without the '?':
 *     key=value pairs joined by '&', percent-encoded ('+' is a space).
 *   - A key must be one this endpoint takes (the `allowed` mask); an
 *     unknown, repeated or malformed parameter is refused (400), never
 *     ignored: a typo must not silently widen a selection.  An empty value
 *     ("since=") is the same as no value, as a browser form sends it.
 *   - Values are checked for what they mean, not only for their bytes:
 *     dates are calendar days, the bbox is four finite degrees inside the
 *     world, counts are bounded integers, country and type are short and
 *     made of the characters names of countries and ACLED types use.  What
 *     passes is safe to bind as an SQL parameter and to echo in JSON.
 *   - Returns 0, or the HTTP status to answer with (400, or 414 for a query
 *     longer than SERVE_MAX_QUERY) and a message in err that names the
 *     parameter but repeats none of the client's bytes beyond a checked key.
 */
#ifndef TALLY_SERVE_QUERY_H
#define TALLY_SERVE_QUERY_H

#include <stddef.h>

#define SERVE_MAX_QUERY 1024     /* bytes of query string */
#define SERVE_MAX_VALUE 64       /* bytes of one decoded value */
#define SERVE_DEFAULT_LIMIT 2000 /* events a list returns when no limit is asked */
#define SERVE_MAX_LIMIT 5000     /* most events one list returns */
#define SERVE_MAX_OFFSET 100000000L

enum serve_param {
    SQ_BBOX = 1 << 0,    /* bbox=west,south,east,north (degrees; west > east crosses the antimeridian) */
    SQ_SINCE = 1 << 1,   /* since=YYYY-MM-DD, inclusive */
    SQ_UNTIL = 1 << 2,   /* until=YYYY-MM-DD, inclusive */
    SQ_COUNTRY = 1 << 3, /* country=ML / MLI / Mali */
    SQ_TYPE = 1 << 4,    /* type=ACLED event type or sub-event type */
    SQ_MINF = 1 << 5,    /* min_fatalities=N (best figure; no toll counts 0) */
    SQ_LIMIT = 1 << 6,   /* limit=1..SERVE_MAX_LIMIT */
    SQ_OFFSET = 1 << 7,  /* offset=0..SERVE_MAX_OFFSET */
};
#define SQ_FILTERS (SQ_BBOX | SQ_SINCE | SQ_UNTIL | SQ_COUNTRY | SQ_TYPE | SQ_MINF)

typedef struct {
    unsigned given;                  /* serve_param bits present with a value */
    double west, south, east, north; /* when SQ_BBOX */
    char since[11], until[11];       /* "" when not given */
    char country[SERVE_MAX_VALUE + 1];
    char type[SERVE_MAX_VALUE + 1];
    long long min_fatalities;        /* -1 when not given */
    long limit, offset;              /* SERVE_DEFAULT_LIMIT, 0 when not given */
} serve_query;

/* 0, or an HTTP status (400, 414) with a message in err. */
int serve_parse_query(const char *qs, size_t len, unsigned allowed, serve_query *q, char *err, size_t errlen);

#endif
