/* serve_query.c -- see serve_query.h.  Everything is checked in place on
 * the caller's bytes; nothing is allocated, so a hostile query costs at
 * most SERVE_MAX_QUERY steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_query.h"
#include "util.h"

static const struct {
    const char *name;
    unsigned bit;
} params[] = {
    {"bbox", SQ_BBOX},   {"since", SQ_SINCE},          {"until", SQ_UNTIL}, {"country", SQ_COUNTRY},
    {"type", SQ_TYPE},   {"min_fatalities", SQ_MINF}, {"limit", SQ_LIMIT}, {"offset", SQ_OFFSET},
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0, n) into out (room for cap bytes and a NUL).
 * Returns the decoded length, or -1 for a broken escape, a control byte
 * (NUL included: it would cut the value short in C and in SQLite's text
 * functions) or a value longer than cap. */
static long decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '+')
            c = ' ';
        else if (c == '%') {
            if (i + 2 >= n)
                return -1;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0)
                return -1;
            c = (unsigned char)(h * 16 + l);
            i += 2;
        }
        if (c < 0x20 || c == 0x7f)
            return -1;
        if (k >= cap)
            return -1;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return (long)k;
}

/* A decimal in degrees: -?digits[.digits], at most 12 characters; no
 * exponent, "inf" or hex float, which strtod would take. */
static int parse_degree(const char *s, size_t n, double *out)
{
    if (n == 0 || n > 12)
        return 0;
    size_t i = 0, digits = 0, dots = 0;
    if (s[0] == '-')
        i++;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && !dots && digits)
            dots++;
        else
            return 0;
    }
    if (!digits || s[n - 1] == '.')
        return 0;
    char tmp[16];
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    *out = strtod(tmp, NULL);
    return 1;
}

static int parse_bbox(const char *v, serve_query *q)
{
    double d[4];
    size_t start = 0, len = strlen(v);
    for (int k = 0; k < 4; k++) {
        size_t end = start;
        while (end < len && v[end] != ',')
            end++;
        if ((k < 3) != (end < len) || !parse_degree(v + start, end - start, &d[k]))
            return 0;
        start = end + 1;
    }
    /* west, south, east, north; west > east is a box across the antimeridian */
    if (d[0] < -180 || d[0] > 180 || d[2] < -180 || d[2] > 180 || d[1] < -90 || d[3] > 90 || d[1] > d[3])
        return 0;
    q->west = d[0];
    q->south = d[1];
    q->east = d[2];
    q->north = d[3];
    return 1;
}

/* Digits only, at most maxdigits of them, no sign. */
static int parse_count(const char *v, int maxdigits, long long *out)
{
    size_t n = strlen(v);
    if (n == 0 || n > (size_t)maxdigits)
        return 0;
    long long x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return 0;
        x = x * 10 + (v[i] - '0');
    }
    *out = x;
    return 1;
}

/* Country names and ACLED types are words: letters (any UTF-8 letter
 * bytes: "Côte d'Ivoire"), spaces, and the few marks their names use.
 * Quotes, semicolons, '=', '%' and '*' are never part of one. */
static int name_chars(const char *v, int allow_apostrophe)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == ' ' ||
            c == '-' || c == '/' || c == '.' || c == '(' || c == ')' || c == ',')
            continue;
        if (c == '\'' && allow_apostrophe)
            continue;
        return 0;
    }
    return 1;
}

static int fail(char *err, size_t errlen, int status, const char *fmt, const char *name)
{
    snprintf(err, errlen, fmt, name);
    return status;
}

int serve_parse_query(const char *qs, size_t len, unsigned allowed, serve_query *q, char *err, size_t errlen)
{
    memset(q, 0, sizeof *q);
    q->min_fatalities = -1;
    q->limit = SERVE_DEFAULT_LIMIT;
    if (len > SERVE_MAX_QUERY)
        return fail(err, errlen, 414, "query string longer than %s bytes", "1024");
    unsigned seen = 0;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && qs[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && qs[eq] != '=')
            eq++;
        if (end == i) { /* "a=1&&b=2": an empty pair is nothing */
            i = end + 1;
            continue;
        }
        char key[24];
        long klen = decode(qs + i, eq - i, key, sizeof key - 1);
        unsigned bit = 0;
        const char *name = NULL;
        for (size_t k = 0; klen > 0 && k < ARRAY_LEN(params); k++)
            if (!strcmp(key, params[k].name)) {
                bit = params[k].bit;
                name = params[k].name;
            }
        if (!bit)
            return fail(err, errlen, 400, "unknown parameter%s", "");
        if (!(allowed & bit))
            return fail(err, errlen, 400, "parameter '%s' is not taken here", name);
        if (seen & bit)
            return fail(err, errlen, 400, "parameter '%s' given twice", name);
        seen |= bit;
        char v[SERVE_MAX_VALUE + 1];
        long vlen = eq < end ? decode(qs + eq + 1, end - eq - 1, v, SERVE_MAX_VALUE) : 0;
        if (vlen < 0)
            return fail(err, errlen, 400, "parameter '%s': bad encoding, control character or too long", name);
        if (eq >= end)
            v[0] = '\0';
        i = end + 1;
        if (vlen == 0)
            continue; /* "since=": not given */
        civil_date d;
        long long n;
        switch (bit) {
        case SQ_BBOX:
            if (!parse_bbox(v, q))
                return fail(err, errlen, 400, "parameter '%s': give west,south,east,north in degrees", name);
            break;
        case SQ_SINCE:
        case SQ_UNTIL:
            if (vlen != 10 || !date_parse_iso(v, 10, &d))
                return fail(err, errlen, 400, "parameter '%s': not a date (YYYY-MM-DD)", name);
            memcpy(bit == SQ_SINCE ? q->since : q->until, v, 11);
            break;
        case SQ_COUNTRY:
            if (!name_chars(v, 1))
                return fail(err, errlen, 400, "parameter '%s': not a country name or code", name);
            memcpy(q->country, v, (size_t)vlen + 1);
            break;
        case SQ_TYPE:
            if (!name_chars(v, 0))
                return fail(err, errlen, 400, "parameter '%s': not an ACLED event type", name);
            memcpy(q->type, v, (size_t)vlen + 1);
            break;
        case SQ_MINF:
            if (!parse_count(v, 9, &n))
                return fail(err, errlen, 400, "parameter '%s': not a count (0 or more)", name);
            q->min_fatalities = n;
            break;
        case SQ_LIMIT:
            if (!parse_count(v, 9, &n) || n < 1 || n > SERVE_MAX_LIMIT)
                return fail(err, errlen, 400, "parameter '%s': give 1 to 5000", name);
            q->limit = (long)n;
            break;
        case SQ_OFFSET:
            if (!parse_count(v, 9, &n) || n > SERVE_MAX_OFFSET)
                return fail(err, errlen, 400, "parameter '%s': give 0 to 100000000", name);
            q->offset = (long)n;
            break;
        }
        q->given |= bit;
    }
    if (q->since[0] && q->until[0] && strcmp(q->since, q->until) > 0)
        return fail(err, errlen, 400, "since is after until%s", "");
    return 0;
}
