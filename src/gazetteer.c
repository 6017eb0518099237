/* gazetteer.c -- the lookup side of the gazetteer (see gazetteer.h; the file
 * format is described at the top of gazbuild.c).
 *
 * gaz_open maps the file and checks only what can be checked in constant
 * time: the header, that every section lies inside the file, and that record
 * sizes divide the sections.  Everything else (a string offset, a posting
 * range, an entry index) is bounds-checked where it is read, so a file that
 * passes the header check but is damaged inside yields wrong or empty
 * answers, never a read outside the mapping.  That keeps opening at one mmap
 * and a few comparisons, however big the index grows. */
#include "gazetteer.h"

#include "norm.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the gazetteer file is little-endian and is read in place"
#endif

/* Longest key we look up; a longer query cannot be a place name. */
#define GAZ_KEYMAX 512

/* Size of the demonym filter: with some 1,300 demonyms and two bits each, a
 * word that is none passes it about once in a thousand. */
#define DEM_FILTER_BITS 65536

/* What the index said of the keys asked so far: the same names (a country,
 * its capital, the towns of a conflict) come back report after report, and
 * each answer from the index costs a handful of cache misses in its 11 MB of
 * sorted hashes.  A key's entries (their indices, in order) are kept, up to
 * CACHE_KEEP of them; the whole cache is dropped when it holds CACHE_MAX
 * keys.  Shared by the threads that use one index (tally serve), under a
 * mutex: the answers are the index's own, whoever asked first. */
#define CACHE_KEEP 64
#define CACHE_MAX 16384
#define CACHE_KEYMAX 128

typedef struct {
    uint64_t hash;
    char *key;                 /* NULL: empty slot; in the block idx starts */
    uint32_t klen;
    uint32_t total;            /* how many entries the key has */
    uint32_t kept;             /* idx holds the first min(total, CACHE_KEEP) */
    uint32_t *idx;
} cache_slot;

/* gaz_country_part's answer for a country and a direction (ns, ew each
 * -1, 0 or 1): 0 not asked yet, 1 none, 2 the point. */
typedef struct {
    unsigned char state;
    double lat, lon;
} part_answer;

typedef struct {
    pthread_mutex_t mu;
    cache_slot *slot;          /* open addressing by hash; a power of two */
    size_t nslots, used;
    part_answer part[26 * 26][9]; /* by the country's two capitals, then (ns + 1) * 3 + ew + 1 */
} lookup_cache;

struct gaz {
    const unsigned char *map;
    size_t map_len;
    const char *pool;
    size_t pool_len;
    const gazf_entry *entries;
    size_t n_entries;
    const gazf_key *keys;      /* n_keys real keys, then one sentinel */
    size_t n_keys;
    const uint32_t *post;
    size_t n_post;
    const gazf_country *countries;
    size_t n_countries;
    const gazf_demonym *dem;
    size_t n_dem;
    size_t n_admin1, n_admin2, n_places;
    /* Two bits a demonym key hash (see dem_bits): nearly every capitalised
     * word of a report is asked whether it is a demonym, and nearly none is;
     * the filter answers those without a search.  Built at open from the
     * demonym hashes, a few hundred records. */
    uint64_t dem_filter[DEM_FILTER_BITS / 64];
    /* Country by its two letters, 1 + its index (0: none), when every code
     * is two capitals in strictly ascending order, as the builder writes
     * them (iso_direct); else the binary search answers.  The exporters ask
     * once per event and actor. */
    uint16_t iso_slot[26 * 26];
    int iso_direct;
    lookup_cache *cache;       /* mutable behind the const gaz the lookups take */
};

static const char *str_at(const gaz *g, uint32_t off)
{
    /* The pool ends in NUL (checked at open), so any in-range offset starts a
     * terminated string. */
    return off < g->pool_len ? g->pool + off : "";
}

static double from_e6(int32_t v) { return (double)v / 1e6; }

/* The demonym filter's two bit positions for a key hash: its low and its
 * high 16 bits (FNV-1a mixes every byte into both). */
static void dem_filter_add(gaz *g, uint64_t h)
{
    uint32_t a = (uint32_t)h % DEM_FILTER_BITS, b = (uint32_t)(h >> 48) % DEM_FILTER_BITS;
    g->dem_filter[a / 64] |= 1ULL << (a % 64);
    g->dem_filter[b / 64] |= 1ULL << (b % 64);
}

static int dem_filter_may_hold(const gaz *g, uint64_t h)
{
    uint32_t a = (uint32_t)h % DEM_FILTER_BITS, b = (uint32_t)(h >> 48) % DEM_FILTER_BITS;
    return (g->dem_filter[a / 64] >> (a % 64) & 1) && (g->dem_filter[b / 64] >> (b % 64) & 1);
}

static void fail(char *err, size_t errlen, const char *path, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, why);
}

gaz *gaz_open(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(err, errlen, path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fail(err, errlen, path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof(gazf_header)) {
        fail(err, errlen, path, "not a gazetteer index (too short; rebuild with gazbuild)");
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd); /* the mapping keeps the file alive */
    if (m == MAP_FAILED) {
        fail(err, errlen, path, strerror(errno));
        return NULL;
    }
    const char *why = NULL;
    gazf_header h;
    memcpy(&h, m, sizeof h);
    if (memcmp(h.magic, GAZF_MAGIC, sizeof h.magic) != 0)
        why = "not a gazetteer index (bad magic)";
    else if (h.version != GAZF_VERSION || h.nsec != GAZF_NSEC)
        why = "gazetteer index of another version; rebuild with gazbuild";
    else if (h.file_size != (uint64_t)len)
        why = "gazetteer index is truncated or has trailing bytes";
    static const size_t recsize[GAZF_NSEC] = {1, sizeof(gazf_entry), sizeof(gazf_key), sizeof(uint32_t),
                                             sizeof(gazf_country), sizeof(gazf_demonym), sizeof(gazf_code)};
    for (int i = 0; !why && i < GAZF_NSEC; i++) {
        uint64_t off = h.sec[i].off, sz = h.sec[i].size;
        /* Written as two comparisons so that a huge off cannot wrap. */
        if (off < sizeof h || off > len || sz > len - off || off % 8 != 0 || sz % recsize[i] != 0)
            why = "corrupt gazetteer index (a section lies outside the file)";
    }
    gaz *g = NULL;
    if (!why) {
        g = calloc(1, sizeof *g);
        if (!g)
            why = "out of memory";
        else if (!(g->cache = calloc(1, sizeof *g->cache)) || pthread_mutex_init(&g->cache->mu, NULL) != 0) {
            free(g->cache);
            g->cache = NULL; /* no cache: every lookup goes to the index */
        }
    }
    if (!why) {
        const unsigned char *base = m;
        g->map = base;
        g->map_len = len;
        g->pool = (const char *)base + h.sec[GAZF_SEC_POOL].off;
        g->pool_len = h.sec[GAZF_SEC_POOL].size;
        g->entries = (const gazf_entry *)(const void *)(base + h.sec[GAZF_SEC_ENTRIES].off);
        g->n_entries = h.sec[GAZF_SEC_ENTRIES].size / sizeof(gazf_entry);
        g->keys = (const gazf_key *)(const void *)(base + h.sec[GAZF_SEC_KEYS].off);
        g->n_keys = h.sec[GAZF_SEC_KEYS].size / sizeof(gazf_key);
        g->post = (const uint32_t *)(const void *)(base + h.sec[GAZF_SEC_POSTINGS].off);
        g->n_post = h.sec[GAZF_SEC_POSTINGS].size / sizeof(uint32_t);
        g->countries = (const gazf_country *)(const void *)(base + h.sec[GAZF_SEC_COUNTRIES].off);
        g->n_countries = h.sec[GAZF_SEC_COUNTRIES].size / sizeof(gazf_country);
        g->dem = (const gazf_demonym *)(const void *)(base + h.sec[GAZF_SEC_DEMONYMS].off);
        g->n_dem = h.sec[GAZF_SEC_DEMONYMS].size / sizeof(gazf_demonym);
        g->n_admin1 = h.n_admin1;
        g->n_admin2 = h.n_admin2;
        g->n_places = h.n_places;
        if (g->pool_len == 0 || g->pool[g->pool_len - 1] != '\0' || g->pool[0] != '\0')
            why = "corrupt gazetteer index (string pool)";
        else if (g->n_keys == 0) /* the sentinel is always there */
            why = "corrupt gazetteer index (key table)";
        else if (g->n_countries != h.n_countries ||
                 (uint64_t)h.n_countries + h.n_admin1 + h.n_admin2 + h.n_places != g->n_entries)
            why = "corrupt gazetteer index (entry counts disagree)";
        g->n_keys--; /* drop the sentinel from the searchable range */
        for (size_t i = 0; !why && i < g->n_dem; i++)
            dem_filter_add(g, g->dem[i].hash);
        g->iso_direct = !why && g->n_countries < UINT16_MAX;
        for (size_t i = 0; g->iso_direct && i < g->n_countries; i++) {
            const char *c = g->countries[i].iso2;
            if (c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
                (i > 0 && memcmp(g->countries[i - 1].iso2, c, 2) >= 0))
                g->iso_direct = 0;
            else
                g->iso_slot[(c[0] - 'A') * 26 + (c[1] - 'A')] = (uint16_t)(i + 1);
        }
    }
    if (why) {
        fail(err, errlen, path, why);
        if (g && g->cache) {
            pthread_mutex_destroy(&g->cache->mu);
            free(g->cache);
        }
        free(g);
        munmap(m, len);
        return NULL;
    }
    return g;
}

static void cache_clear(lookup_cache *c)
{
    for (size_t k = 0; k < c->nslots; k++)
        if (c->slot[k].key)
            free(c->slot[k].idx); /* the start of the slot's block */
    free(c->slot);
    c->slot = NULL;
    c->nslots = c->used = 0;
}

void gaz_close(gaz *g)
{
    if (!g)
        return;
    if (g->cache) {
        cache_clear(g->cache);
        pthread_mutex_destroy(&g->cache->mu);
        free(g->cache);
    }
    munmap((void *)g->map, g->map_len);
    free(g);
}

void gaz_counts(const gaz *g, size_t *places, size_t *admin1, size_t *countries)
{
    if (places)
        *places = g->n_places;
    if (admin1)
        *admin1 = g->n_admin1;
    if (countries)
        *countries = g->n_countries;
}

size_t gaz_count_admin2(const gaz *g) { return g->n_admin2; }

static uint64_t hash_at(const unsigned char *a, size_t stride, size_t i)
{
    uint64_t h;
    memcpy(&h, a + i * stride, sizeof h);
    return h;
}

/* First index in a hash-sorted array of n records (stride bytes apart, hash
 * at offset 0) whose hash is >= h.  The hashes are FNV-1a of the keys, as
 * good as uniform over 64 bits, so the position is guessed from the value
 * (interpolation) and bracketed by a second probe about one expected error
 * (half the square root of the range) beyond the guess: each round takes the
 * range from w to about sqrt(w), a handful of probes where bisecting 700,000
 * keys takes twenty, each on a cache line (and often a page of the mapping)
 * of its own.  A round that fails to halve the range is followed by a
 * bisection, so a damaged or skewed file still costs O(log n) probes. */
static size_t lower_bound(const void *arr, size_t stride, size_t n, uint64_t h)
{
    const unsigned char *a = arr;
    size_t lo = 0, hi = n; /* records below lo hash < h, from hi on >= h */
    while (hi - lo > 8) {
        uint64_t hl = hash_at(a, stride, lo), hh = hash_at(a, stride, hi - 1);
        if (h <= hl)
            return lo;
        if (h > hh)
            return hi;
        size_t width = hi - lo;
        size_t mid = lo + (size_t)((double)(h - hl) / (double)(hh - hl) * (double)(width - 1));
        if (mid <= lo)
            mid = lo + 1;
        if (mid >= hi)
            mid = hi - 1;
        size_t step = 2 + (size_t)sqrt((double)width) / 2;
        if (hash_at(a, stride, mid) < h) {
            lo = mid + 1;
            if (mid + step < hi) {
                if (hash_at(a, stride, mid + step) >= h)
                    hi = mid + step;
                else
                    lo = mid + step + 1;
            }
        } else {
            hi = mid;
            if (mid >= lo + step) {
                if (hash_at(a, stride, mid - step) < h)
                    lo = mid - step + 1;
                else
                    hi = mid - step;
            }
        }
        if (hi - lo > width / 2) {
            mid = lo + (hi - lo) / 2;
            if (hash_at(a, stride, mid) < h)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    while (lo < hi && hash_at(a, stride, lo) < h)
        lo++;
    return lo;
}

static int key_equal(const gaz *g, uint32_t off, const char *key, size_t klen)
{
    if (off >= g->pool_len || g->pool_len - off <= klen)
        return 0;
    return memcmp(g->pool + off, key, klen) == 0 && g->pool[off + klen] == '\0';
}

static void fill_place(const gaz *g, const gazf_entry *e, gaz_place *p)
{
    p->kind = e->kind <= GAZ_ADMIN2 ? (enum gaz_kind)e->kind : GAZ_PLACE;
    p->id = e->id;
    p->name = str_at(g, e->name);
    p->lat = from_e6(e->lat_e6);
    p->lon = from_e6(e->lon_e6);
    memcpy(p->iso2, e->iso2, 2);
    p->iso2[2] = '\0';
    p->admin1 = str_at(g, e->admin1);
    p->admin2 = str_at(g, e->admin2);
    p->population = e->population;
    memcpy(p->fcode, e->fcode, sizeof p->fcode);
    p->fcode[sizeof p->fcode - 1] = '\0';
}

size_t gaz_lookup(const gaz *g, const char *name, size_t len, gaz_place *out, size_t max)
{
    char key[GAZ_KEYMAX];
    size_t klen = norm_key(name, len, NORM_NAME, key, sizeof key);
    if (klen == (size_t)-1 || klen == 0)
        return 0;
    return gaz_lookup_key(g, key, klen, out, max);
}

size_t gaz_lookup_key(const gaz *g, const char *key, size_t klen, gaz_place *out, size_t max)
{
    return gaz_lookup_hashed(g, key, klen, hash64(key, klen), out, max);
}

/* The kept slot of key, or the empty slot where it goes (c->mu held, nslots > 0). */
static cache_slot *cache_find(lookup_cache *c, const char *key, size_t klen, uint64_t h)
{
    size_t s = (size_t)h & (c->nslots - 1);
    for (; c->slot[s].key; s = (s + 1) & (c->nslots - 1))
        if (c->slot[s].hash == h && c->slot[s].klen == klen && memcmp(c->slot[s].key, key, klen) == 0)
            break;
    return &c->slot[s];
}

/* Keeps the answer for key (c->mu held).  Out of memory only costs the
 * keeping. */
static void cache_put(lookup_cache *c, const char *key, size_t klen, uint64_t h, size_t total, const uint32_t *idx,
                      size_t kept)
{
    if (c->used >= CACHE_MAX)
        cache_clear(c);
    if ((c->used + 1) * 2 > c->nslots) {
        size_t ns = c->nslots ? c->nslots * 2 : 1024;
        cache_slot *slot = calloc(ns, sizeof *slot);
        if (!slot)
            return;
        lookup_cache bigger = {.slot = slot, .nslots = ns, .used = c->used};
        for (size_t k = 0; k < c->nslots; k++)
            if (c->slot[k].key)
                *cache_find(&bigger, c->slot[k].key, c->slot[k].klen, c->slot[k].hash) = c->slot[k];
        free(c->slot);
        c->slot = slot;
        c->nslots = ns;
    }
    cache_slot *e = cache_find(c, key, klen, h);
    if (e->key)
        return; /* another thread kept it meanwhile */
    char *block = malloc(kept * sizeof *idx + klen + 1);
    if (!block)
        return;
    e->idx = (uint32_t *)(void *)block;
    if (kept)
        memcpy(e->idx, idx, kept * sizeof *idx);
    e->key = block + kept * sizeof *idx;
    memcpy(e->key, key, klen);
    e->key[klen] = '\0';
    e->hash = h;
    e->klen = (uint32_t)klen;
    e->total = (uint32_t)total;
    e->kept = (uint32_t)kept;
    c->used++;
}

size_t gaz_lookup_hashed(const gaz *g, const char *key, size_t klen, uint64_t h, gaz_place *out, size_t max)
{
    lookup_cache *c = klen <= CACHE_KEYMAX ? g->cache : NULL;
    uint32_t idx[CACHE_KEEP];
    size_t kept = 0, total = 0;
    if (c) {
        int hit = 0;
        pthread_mutex_lock(&c->mu);
        if (c->nslots) {
            const cache_slot *e = cache_find(c, key, klen, h);
            /* Answered from the cache when it kept every entry asked for. */
            if (e->key && (max <= e->kept || e->total == e->kept)) {
                hit = 1;
                total = e->total;
                kept = e->kept < max ? e->kept : max;
                memcpy(idx, e->idx, kept * sizeof *idx);
            }
        }
        pthread_mutex_unlock(&c->mu);
        if (hit) {
            for (size_t j = 0; j < kept; j++)
                fill_place(g, &g->entries[idx[j]], &out[j]);
            return total;
        }
    }
    for (size_t i = lower_bound(g->keys, sizeof *g->keys, g->n_keys, h); i < g->n_keys && g->keys[i].hash == h;
         i++) {
        if (!key_equal(g, g->keys[i].key, key, klen))
            continue; /* a different key with the same 64-bit hash */
        /* Postings are stored in entry order, and entries are laid out
         * countries, admin-1, places by population: so this is already the
         * order the contract promises. */
        size_t first = g->keys[i].first, end = g->keys[i + 1].first;
        if (end > g->n_post)
            end = g->n_post;
        for (size_t j = first; j < end; j++) {
            uint32_t e = g->post[j];
            if (e >= g->n_entries)
                continue;
            if (total < max)
                fill_place(g, &g->entries[e], &out[total]);
            if (kept < CACHE_KEEP)
                idx[kept++] = e;
            total++;
        }
        break; /* keys are unique */
    }
    if (c) {
        pthread_mutex_lock(&c->mu);
        cache_put(c, key, klen, h, total, idx, kept);
        pthread_mutex_unlock(&c->mu);
    }
    return total;
}

static void fill_country(const gaz *g, const gazf_country *c, gaz_country *out)
{
    memcpy(out->iso2, c->iso2, 2);
    out->iso2[2] = '\0';
    memcpy(out->iso3, c->iso3, 3);
    out->iso3[3] = '\0';
    out->name = str_at(g, c->name);
    out->capital = str_at(g, c->capital);
    out->lat = from_e6(c->lat_e6);
    out->lon = from_e6(c->lon_e6);
}

int gaz_demonym(const gaz *g, const char *word, size_t len, gaz_country *out)
{
    char key[GAZ_KEYMAX];
    size_t klen = norm_key(word, len, NORM_NAME, key, sizeof key);
    if (klen == (size_t)-1 || klen == 0)
        return 0;
    return gaz_demonym_hashed(g, key, klen, hash64(key, klen), out);
}

int gaz_demonym_hashed(const gaz *g, const char *key, size_t klen, uint64_t h, gaz_country *out)
{
    if (!dem_filter_may_hold(g, h))
        return 0;
    /* Within one key the records are sorted by preference (English before
     * French, states before territories), so the first match is the answer. */
    for (size_t i = lower_bound(g->dem, sizeof *g->dem, g->n_dem, h); i < g->n_dem && g->dem[i].hash == h; i++) {
        if (!key_equal(g, g->dem[i].key, key, klen) || g->dem[i].country >= g->n_countries)
            continue;
        fill_country(g, &g->countries[g->dem[i].country], out);
        return 1;
    }
    return 0;
}

int gaz_country_by_iso(const gaz *g, const char *iso2, gaz_country *out)
{
    if (!iso2 || !iso2[0] || !iso2[1] || iso2[2])
        return 0;
    char want[2] = {iso2[0], iso2[1]};
    if (want[0] >= 'a' && want[0] <= 'z')
        want[0] = (char)(want[0] - 32);
    if (want[1] >= 'a' && want[1] <= 'z')
        want[1] = (char)(want[1] - 32);
    if (g->iso_direct && want[0] >= 'A' && want[0] <= 'Z' && want[1] >= 'A' && want[1] <= 'Z') {
        uint16_t k = g->iso_slot[(want[0] - 'A') * 26 + (want[1] - 'A')];
        if (!k)
            return 0;
        fill_country(g, &g->countries[k - 1], out);
        return 1;
    }
    size_t lo = 0, hi = g->n_countries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(g->countries[mid].iso2, want, 2);
        if (c == 0) {
            fill_country(g, &g->countries[mid], out);
            return 1;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int country_part(const gaz *g, const char *iso2, int ns, int ew, double *lat, double *lon);

/* The answers are kept per handle: a report that says "northern Nigeria"
 * is seldom the last, and the walk costs some 30 k instructions. */
int gaz_country_part(const gaz *g, const char *iso2, int ns, int ew, double *lat, double *lon)
{
    if (!iso2 || !iso2[0] || !iso2[1])
        return 0;
    lookup_cache *c = g->cache;
    unsigned a = (unsigned char)iso2[0] - 'A', b = (unsigned char)iso2[1] - 'A';
    if (!c || a >= 26 || b >= 26 || ns < -1 || ns > 1 || ew < -1 || ew > 1)
        return country_part(g, iso2, ns, ew, lat, lon);
    part_answer *pa = &c->part[a * 26 + b][(ns + 1) * 3 + ew + 1];
    pthread_mutex_lock(&c->mu);
    part_answer got = *pa;
    pthread_mutex_unlock(&c->mu);
    if (!got.state) {
        got.state = country_part(g, iso2, ns, ew, &got.lat, &got.lon) ? 2 : 1;
        pthread_mutex_lock(&c->mu);
        *pa = got;
        pthread_mutex_unlock(&c->mu);
    }
    if (got.state == 2) {
        *lat = got.lat;
        *lon = got.lon;
    }
    return got.state == 2;
}

static int country_part(const gaz *g, const char *iso2, int ns, int ew, double *lat, double *lon)
{
    /* Countries come first in the entries, then the admin-1 regions.  The
     * country's regions are picked out in one walk (a few thousand entries)
     * and the three passes below go over those only. */
    size_t from = g->n_countries, to = g->n_countries + g->n_admin1;
    if (to > g->n_entries)
        to = g->n_entries;
    enum { MAX_REGIONS = 1024 }; /* GeoNames has at most 212 (Slovenia's municipalities) */
    const gazf_entry *reg[MAX_REGIONS];
    size_t n = 0;
    double la0 = 91, la1 = -91, lo0 = 181, lo1 = -181;
    for (size_t k = from; k < to && n < MAX_REGIONS; k++) {
        const gazf_entry *e = &g->entries[k];
        if (e->iso2[0] != iso2[0] || e->iso2[1] != iso2[1] || e->kind != GAZ_ADMIN1 || !e->population)
            continue;
        reg[n++] = e;
        double y = from_e6(e->lat_e6), x = from_e6(e->lon_e6);
        la0 = y < la0 ? y : la0;
        la1 = y > la1 ? y : la1;
        lo0 = x < lo0 ? x : lo0;
        lo1 = x > lo1 ? x : lo1;
    }
    if (n < 3)
        return 0;
    double sy = la1 - la0 > 1e-6 ? la1 - la0 : 1, sx = lo1 - lo0 > 1e-6 ? lo1 - lo0 : 1;
    /* Two walks: the furthest step first, then the mean of those near it. */
    double best = -10;
    for (int pass = 0; pass < 2; pass++) {
        double my = 0, mx = 0, wsum = 0;
        size_t m = 0;
        for (size_t k = 0; k < n; k++) {
            const gazf_entry *e = reg[k];
            double y = from_e6(e->lat_e6), x = from_e6(e->lon_e6);
            double v = (y - la0) / sy - 0.5, u = (x - lo0) / sx - 0.5;
            double step = ns || ew ? ns * v + ew * u : -sqrt(u * u + v * v);
            if (pass == 0) {
                best = step > best ? step : best;
                continue;
            }
            double within = ns && ew ? 0.5 : ns || ew ? 1.0 / 3 : 0.25;
            if (step >= best - within) {
                /* Weighted by population: reports of "northern Yemen" are
                 * of where its people live, not of the desert's middle. */
                double w = sqrt((double)e->population);
                my += w * y;
                mx += w * x;
                wsum += w;
                m++;
            }
        }
        if (pass == 1) {
            if (!m)
                return 0;
            *lat = my / wsum;
            *lon = mx / wsum;
        }
    }
    return 1;
}
