/* exportgen.c -- a large synthetic tally store, to measure the exporters.
 *
 *     build/exportgen FILE N
 *
 * Creates FILE through schema_migrate (the store's own schema) and fills it
 * with N events in 40 countries over five years, each told by two documents
 * of ~0.5 KB (so 2N documents and reports), with three claims and three
 * evidence rows per report.  Deterministic (splitmix64, seed 1).  Every
 * sentence is a template written for this file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static uint64_t rng_state = 1;

static uint64_t rng(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned pick(unsigned n) { return (unsigned)(rng() % n); }

static const struct {
    const char *iso3, *name, *town;
    double lat, lon;
} places[] = {
    {"MLI", "Mali", "Gao", 16.27, -0.04},          {"BFA", "Burkina Faso", "Djibo", 14.10, -1.63},
    {"NER", "Niger", "Tillaberi", 14.21, 1.45},    {"NGA", "Nigeria", "Maiduguri", 11.85, 13.16},
    {"SOM", "Somalia", "Mogadishu", 2.04, 45.34},  {"SDN", "Sudan", "El Fasher", 13.63, 25.35},
    {"COD", "DR Congo", "Goma", -1.68, 29.23},     {"YEM", "Yemen", "Taiz", 13.58, 44.02},
    {"AFG", "Afghanistan", "Kandahar", 31.61, 65.71}, {"MMR", "Myanmar", "Lashio", 22.93, 97.75},
    {"HTI", "Haiti", "Port-au-Prince", 18.54, -72.34}, {"SYR", "Syria", "Idlib", 35.93, 36.63},
    {"CMR", "Cameroon", "Bamenda", 5.96, 10.15},   {"ETH", "Ethiopia", "Gondar", 12.60, 37.47},
    {"MOZ", "Mozambique", "Pemba", -12.97, 40.52}, {"PAK", "Pakistan", "Peshawar", 34.01, 71.58},
    {"IRQ", "Iraq", "Kirkuk", 35.47, 44.39},       {"COL", "Colombia", "Cucuta", 7.89, -72.51},
    {"MEX", "Mexico", "Culiacan", 24.80, -107.39}, {"UKR", "Ukraine", "Kharkiv", 49.99, 36.23},
};

static const struct {
    const char *disorder, *type, *sub;
    int inter1, inter2, civ;
} kinds[] = {
    {"Political violence", "Battles", "Armed clash", 1, 2, 0},
    {"Political violence", "Explosions/Remote violence", "Air/drone strike", 1, 7, 1},
    {"Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", 2, 1, 0},
    {"Political violence", "Violence against civilians", "Attack", 2, 7, 1},
    {"Demonstrations", "Protests", "Peaceful protest", 6, 0, 0},
    {"Political violence", "Battles", "Armed clash", 2, 3, 0},
};

static void die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "exportgen: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die(db, sql);
    return st;
}

static void run(sqlite3 *db, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die(db, "insert");
    sqlite3_reset(st);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: exportgen FILE N\n", stderr);
        return 2;
    }
    long n = atol(argv[2]);
    remove(argv[1]);
    sqlite3 *db;
    char err[256];
    if (sqlite3_open(argv[1], &db) != SQLITE_OK || schema_migrate(db, err, sizeof err))
        die(db, "creating the store");
    sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *doc = prep(db, "INSERT INTO document (id, doc_key, content_hash, report_date, title, url, outlet, text,"
                                 " ingested_at) VALUES (?1, ?2, ?2, ?3, ?4, NULL, ?5, ?6, '2025-07-01T00:00:00Z')");
    sqlite3_stmt *ev = prep(db,
                            "INSERT INTO event (id, event_date, date_start, date_end, time_precision, disorder_type,"
                            " event_type, sub_event_type, actor1, inter1, actor2, inter2, civilian_targeting, country,"
                            " iso3, admin1, admin2, location, latitude, longitude, geo_precision, fatalities_low,"
                            " fatalities_best, fatalities_high, deaths_unknown, number_of_sources, updated_at)"
                            " VALUES (?1, ?2, ?2, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14,"
                            " ?15, ?16, 1, ?17, ?18, ?19, ?18, 2, '2025-07-01T00:00:00Z')");
    sqlite3_stmt *rep = prep(db, "INSERT INTO report (id, event_id, document_id, ordinal, record) VALUES (?1, ?2, ?1, 1,"
                                 " '{\"notes\":\"\"}')");
    sqlite3_stmt *cl = prep(db, "INSERT INTO claim (report_id, event_id, source, source_kind, outcome, victims,"
                                " victim_category, min, max, qualifier, ev_start, ev_end, src_start, src_end)"
                                " VALUES (?1, ?2, ?3, 'local', 'killed', 'people', 'unknown', ?4, ?4, 'exact', ?5, ?6, ?7, ?8)");
    sqlite3_stmt *evd = prep(db, "INSERT INTO evidence (report_id, kind, start, end) VALUES (?1, ?2, ?3, ?4)");
    static const char *const outlets[] = {"AFP", "Reuters", "AP", "Xinhua", "Anadolu", "BBC", "Al Jazeera"};
    static const char *const sources[] = {"a local official", "a hospital worker", "the army", "residents", "a rebel spokesman"};
    char text[1024], key[64], date[16], title[128];
    for (long i = 1; i <= n; i++) {
        unsigned p = pick(sizeof places / sizeof *places), k = pick(sizeof kinds / sizeof *kinds);
        snprintf(date, sizeof date, "%04u-%02u-%02u", 2020 + pick(5), 1 + pick(12), 1 + pick(28));
        int low = (int)pick(30), high = low + (int)pick(10);
        double lat = places[p].lat + (double)pick(1000) / 1000.0 - 0.5, lon = places[p].lon + (double)pick(1000) / 1000.0 - 0.5;
        sqlite3_bind_int64(ev, 1, i);
        sqlite3_bind_text(ev, 2, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ev, 3, kinds[k].disorder, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 4, kinds[k].type, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 5, kinds[k].sub, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 6, kinds[k].inter1 == 1 ? "Military Forces" : "Unidentified Armed Group", -1, SQLITE_STATIC);
        sqlite3_bind_int(ev, 7, kinds[k].inter1);
        sqlite3_bind_text(ev, 8, kinds[k].inter2 == 7 ? "Civilians" : kinds[k].inter2 ? "Rebels" : "", -1, SQLITE_STATIC);
        sqlite3_bind_int(ev, 9, kinds[k].inter2);
        sqlite3_bind_int(ev, 10, kinds[k].civ);
        sqlite3_bind_text(ev, 11, places[p].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 12, places[p].iso3, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 13, places[p].town, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 14, places[p].town, -1, SQLITE_STATIC);
        sqlite3_bind_double(ev, 15, lat);
        sqlite3_bind_double(ev, 16, lon);
        sqlite3_bind_int(ev, 17, low);
        sqlite3_bind_int(ev, 18, (low + high) / 2);
        sqlite3_bind_int(ev, 19, high);
        run(db, ev);
        for (int d = 0; d < 2; d++) {
            long id = 2 * i - 1 + d;
            const char *src = sources[pick(5)];
            int fig = d ? high : low;
            int len = snprintf(text, sizeof text,
                               "Fighting broke out near %s on Sunday and lasted into the night, witnesses said. "
                               "%s told reporters that %d people were killed in the violence, and that the "
                               "wounded were taken to the regional hospital by road. Residents said shops stayed "
                               "closed on Monday and that families had started to leave for the capital, fearing "
                               "further attacks in the coming days. Aid groups said they could not reach the area.",
                               places[p].town, src, fig);
            snprintf(key, sizeof key, "bench/%ld.txt", id);
            snprintf(title, sizeof title, "Clashes near %s, %d dead", places[p].town, fig);
            sqlite3_bind_int64(doc, 1, id);
            sqlite3_bind_text(doc, 2, key, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 3, date, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 4, title, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 5, outlets[pick(7)], -1, SQLITE_STATIC);
            sqlite3_bind_text(doc, 6, text, len, SQLITE_TRANSIENT);
            run(db, doc);
            sqlite3_bind_int64(rep, 1, id);
            sqlite3_bind_int64(rep, 2, i);
            run(db, rep);
            /* offsets: where the figure and the source are in the template */
            const char *f = strstr(text, " people were killed");
            const char *s = strstr(text, src);
            long fs = (long)(f - text), ss = (long)(s - text);
            while (fs > 0 && text[fs - 1] != ' ')
                fs--;
            for (int c = 0; c < 3; c++) {
                sqlite3_bind_int64(cl, 1, id);
                sqlite3_bind_int64(cl, 2, i);
                sqlite3_bind_text(cl, 3, src, -1, SQLITE_STATIC);
                sqlite3_bind_int(cl, 4, fig + c);
                sqlite3_bind_int64(cl, 5, fs);
                sqlite3_bind_int64(cl, 6, (long)(f - text) + 19);
                sqlite3_bind_int64(cl, 7, ss);
                sqlite3_bind_int64(cl, 8, ss + (long)strlen(src));
                run(db, cl);
            }
            static const char *const kinds_ev[] = {"event", "location", "date"};
            for (int e = 0; e < 3; e++) {
                sqlite3_bind_int64(evd, 1, id);
                sqlite3_bind_text(evd, 2, kinds_ev[e], -1, SQLITE_STATIC);
                sqlite3_bind_int(evd, 3, e * 10);
                sqlite3_bind_int(evd, 4, e * 10 + 8);
                run(db, evd);
            }
        }
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        die(db, "commit");
    sqlite3_stmt *fin[] = {doc, ev, rep, cl, evd};
    for (size_t i = 0; i < sizeof fin / sizeof *fin; i++)
        sqlite3_finalize(fin[i]);
    sqlite3_close(db);
    return 0;
}
