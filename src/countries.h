/* countries.h -- the country table the exporters read (data/countries.tsv).
 *
 * Contract: countries_load reads the tab-separated table written by
 * scripts/countries.js from the npm world-countries package: ISO 3166-1
 * alpha-2, alpha-3, numeric (ACLED's "iso" column), common name, ACLED
 * region, UCDP region.  Lines starting with '#' and blank lines are ignored.
 * countries_find accepts what an analyst types for a country: "ML", "MLI",
 * "Mali", "mali" (ASCII case-insensitive, on the codes and the name).
 *
 * The table is data, not code: a different region scheme is a different
 * file, not a rebuild.
 */
#ifndef TALLY_COUNTRIES_H
#define TALLY_COUNTRIES_H

#include <stddef.h>

typedef struct {
    char iso2[3], iso3[4];
    char numeric[4];          /* "466"; "" when ISO gives none (Kosovo) */
    const char *name;         /* "Mali" */
    const char *acled_region; /* "Western Africa" */
    const char *ucdp_region;  /* "Africa"; "" when UCDP has none (Antarctica) */
} country;

typedef struct countries countries;

/* The default table: $TALLY_DATA/countries.tsv, else the data directory
 * compiled in.  datadir overrides both when not NULL. */
const char *countries_default_path(const char *datadir, char *out, size_t outlen);
/* NULL with "FILE:LINE: message" (or "FILE: message") in err on failure. */
countries *countries_load(const char *path, char *err, size_t errlen);
void countries_free(countries *c);
size_t countries_count(const countries *c);

/* By alpha-2, alpha-3 or name; NULL if none matches. */
const country *countries_find(const countries *c, const char *key);
/* By alpha-3 only (what the store keeps); NULL if none matches. */
const country *countries_by_iso3(const countries *c, const char *iso3);

#endif
