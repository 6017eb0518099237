/* gazetteer.c -- figures for the gazetteer index: start-up, resident memory,
 * lookups per second.
 *
 *     build/bench-gazetteer [INDEX]      (default build/gazetteer.bin)
 *
 * Start-up is gaz_open + one lookup + gaz_close, repeated, the median: what
 * every `tally` run pays before its first report (the file is in the page
 * cache after the first run, as it is in use).  Resident memory is VmRSS
 * from /proc/self/status, before opening, after opening and after the
 * lookups (split into file-backed and anonymous); the index is a shared read-only file mapping, so what it adds is
 * the pages the lookups touched, which the kernel may drop and share between
 * processes.  Lookups per second: gaz_lookup (up to 32 candidates written
 * back) over a fixed mix of names written for this file -- famous and
 * ambiguous towns, regions, countries, spelling variants, and capitalised
 * words that are no place (half the lookups a scan makes miss) -- then
 * gaz_demonym the same way.  Prints `name: value unit` lines. */
#include "gazetteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A field of /proc/self/status in kB ("VmRSS:", "RssFile:"), -1 if absent. */
static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, n)) {
            kb = strtol(line + n, NULL, 10);
            break;
        }
    fclose(f);
    return kb;
}

static long rss_kb(void) { return status_kb("VmRSS:"); }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *const names[] = {
    "Bamako",        "Gao",            "Kidal",          "Tinzaouatene",  "Tin Zaouatine", "Mopti",
    "Maiduguri",     "Borno",          "Zamfara",        "Kaduna",        "Mogadishu",     "Kismayo",
    "Alexandria",    "Springfield",    "Franklin",       "Columbia",      "Georgia",       "Paris",
    "London",        "Athens",         "San Jose",       "Santiago",      "Kabul",         "Kandahar",
    "Helmand",       "Aleppo",         "Idlib",          "Taiz",          "Goma",          "North Kivu",
    "Mali",          "Nigeria",        "Democratic Republic of Congo", "Burkina Faso", "Djibo", "Ouagadougou",
    "Niamey",        "Tillaberi",      "Port-au-Prince", "Lashio",        "Rapides Parish", "Johnson County",
    "St. Louis",     "Bamakó",         "Gao region",     "Police",        "Tuesday",       "President",
    "Smith",         "Reuters",        "Army",           "Government",    "Minister",      "Wagner",
    "Xyzzyville",    "Sunday",         "Chad",           "Jordan",        "Niger",         "Sudan",
};

static const char *const demonyms[] = {"Malian", "Nigerian", "Afghan", "Somali", "Congolese", "American",
                                       "Burkinabe", "Nigerien", "Smith", "Police", "Syrian", "Yemeni"};

#define NNAMES (sizeof names / sizeof names[0])
#define NDEM (sizeof demonyms / sizeof demonyms[0])

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "build/gazetteer.bin";
    char err[512];
    long rss0 = rss_kb();

    enum { STARTS = 200 };
    double t[STARTS];
    gaz_place cand[32];
    for (int i = 0; i < STARTS; i++) {
        double t0 = now();
        gaz *g = gaz_open(path, err, sizeof err);
        if (!g) {
            fprintf(stderr, "bench-gazetteer: %s\n", err);
            return 2;
        }
        (void)gaz_lookup(g, "Bamako", 6, cand, 32);
        gaz_close(g);
        t[i] = now() - t0;
    }
    qsort(t, STARTS, sizeof t[0], cmp_double);

    gaz *g = gaz_open(path, err, sizeof err);
    if (!g) {
        fprintf(stderr, "bench-gazetteer: %s\n", err);
        return 2;
    }
    long rss_open = rss_kb();
    size_t len[NNAMES];
    for (size_t k = 0; k < NNAMES; k++)
        len[k] = strlen(names[k]);

    const size_t N = 1000000;
    size_t hits = 0, found = 0;
    double t0 = now();
    for (size_t i = 0; i < N; i++) {
        size_t k = i % NNAMES;
        size_t n = gaz_lookup(g, names[k], len[k], cand, 32);
        hits += n > 0;
        found += n;
    }
    double lookup_s = now() - t0;
    long rss_look = rss_kb(), rss_look_file = status_kb("RssFile:"), rss_look_anon = status_kb("RssAnon:");

    gaz_country c;
    size_t dhits = 0;
    t0 = now();
    for (size_t i = 0; i < N; i++) {
        const char *w = demonyms[i % NDEM];
        dhits += (size_t)gaz_demonym(g, w, strlen(w), &c);
    }
    double dem_s = now() - t0;

    size_t np, na1, nc;
    gaz_counts(g, &np, &na1, &nc);
    size_t na2 = gaz_count_admin2(g);
    gaz_close(g);

    FILE *f = fopen(path, "rb");
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (f)
        fclose(f);

    printf("bench-gazetteer: %s: %zu places, %zu admin-1, %zu admin-2, %zu countries\n", path, np, na1, na2, nc);
    printf("gaz_index_mb: %.1f MB   # the file, memory-mapped read-only\n", (double)size / 1e6);
    printf("gaz_startup_us: %.0f us   # median of %d: open + one lookup + close (page cache warm)\n",
           t[STARTS / 2] * 1e6, STARTS);
    printf("gaz_startup_p95_us: %.0f us\n", t[STARTS * 95 / 100] * 1e6);
    if (rss0 >= 0) {
        printf("gaz_rss_open_mb: %.1f MB   # VmRSS after gaz_open (%.1f MB before)\n", (double)rss_open / 1024,
               (double)rss0 / 1024);
        printf("gaz_rss_lookups_mb: %.1f MB   # VmRSS after %zu lookups of %zu names: %.1f MB file-backed "
               "(index pages the lookups touched, with the kernel's fault-around; shared, droppable), %.1f MB anonymous\n",
               (double)rss_look / 1024, N, (size_t)NNAMES, (double)rss_look_file / 1024, (double)rss_look_anon / 1024);
    }
    printf("gaz_lookups_s: %.0f lookups/s   # %.0f%% of the names hit, %.1f candidates a hit\n", (double)N / lookup_s,
           100.0 * (double)hits / (double)N, hits ? (double)found / (double)hits : 0.0);
    printf("gaz_demonyms_s: %.0f lookups/s   # %.0f%% hit\n", (double)N / dem_s, 100.0 * (double)dhits / (double)N);
    return 0;
}
