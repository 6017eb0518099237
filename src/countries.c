/* countries.c -- data/countries.tsv in memory: a few hundred rows, looked up
 * linearly (an export looks a country up once per event; 250 short string
 * compares cost less than the SQLite row they sit beside). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "countries.h"
#include "util.h"

#ifndef TALLY_DATADIR
#define TALLY_DATADIR "data"
#endif

struct countries {
    char *text;       /* the file; names and regions point into it */
    country *row;
    size_t n;
};

const char *countries_default_path(const char *datadir, char *out, size_t outlen)
{
    if (!datadir)
        datadir = getenv("TALLY_DATA");
    if (!datadir)
        datadir = TALLY_DATADIR;
    snprintf(out, outlen, "%s/countries.tsv", datadir);
    return out;
}

void countries_free(countries *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->row);
    free(c);
}

size_t countries_count(const countries *c) { return c->n; }

/* Copies a code field into a fixed array; 0 if its length is not `want`
 * (or, for the numeric code, more than 3 digits). */
static int code_field(char *dst, const char *s, size_t want, int numeric)
{
    size_t n = strlen(s);
    if (numeric ? n > 3 : n != want)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (numeric ? (s[i] < '0' || s[i] > '9') : (s[i] < 'A' || s[i] > 'Z'))
            return 0;
    memcpy(dst, s, n + 1);
    return 1;
}

countries *countries_load(const char *path, char *err, size_t errlen)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    countries *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->text = text;
    size_t cap = 0;
    long lineno = 0;
    for (char *line = text, *next; line && *line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        if (!ll || line[0] == '#')
            continue;
        char *f[6];
        int nf = 0;
        for (char *p = line; nf < 6; nf++) {
            f[nf] = p;
            p = strchr(p, '\t');
            if (!p) {
                nf++;
                break;
            }
            *p++ = '\0';
        }
        if (nf != 6) {
            snprintf(err, errlen, "%s:%ld: expected 6 tab-separated columns (iso2, iso3, numeric, name, ACLED region, UCDP region)",
                     path, lineno);
            countries_free(c);
            return NULL;
        }
        if (c->n == cap) {
            cap = cap ? 2 * cap : 256;
            c->row = realloc(c->row, cap * sizeof *c->row);
            if (!c->row)
                abort();
        }
        country *r = &c->row[c->n];
        if (!code_field(r->iso2, f[0], 2, 0) || !code_field(r->iso3, f[1], 3, 0) ||
            !code_field(r->numeric, f[2], 0, 1) || !f[3][0]) {
            snprintf(err, errlen, "%s:%ld: malformed country codes or empty name", path, lineno);
            countries_free(c);
            return NULL;
        }
        r->name = f[3];
        r->acled_region = f[4];
        r->ucdp_region = f[5];
        c->n++;
    }
    if (!c->n) {
        snprintf(err, errlen, "%s: no countries", path);
        countries_free(c);
        return NULL;
    }
    return c;
}

const country *countries_find(const countries *c, const char *key)
{
    if (!key || !key[0])
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < c->n; i++) {
        const country *r = &c->row[i];
        if ((n == 2 && !strcasecmp(r->iso2, key)) || (n == 3 && !strcasecmp(r->iso3, key)) ||
            !strcasecmp(r->name, key))
            return r;
    }
    return NULL;
}

const country *countries_by_iso3(const countries *c, const char *iso3)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->row[i].iso3, iso3))
            return &c->row[i];
    return NULL;
}
