/* test_export.c -- reading the store: filters, the ACLED, UCDP, GeoJSON and
 * JSON Lines writers, `show` and `stats`, on the fixture store
 * tests/fixtures/store.sql (schema_migrate, then the fixture's INSERTs).
 *
 * `test_export --make-store FILE` writes that store to FILE and exits: the
 * CLI test (tests/export.sh) builds its database this way, from the same
 * schema and the same rows. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "countries.h"
#include "export.h"
#include "schema.h"
#include "show.h"
#include "stats.h"
#include "util.h"

#define FIXTURE "tests/fixtures/store.sql"

static int load_fixture(sqlite3 *db, char *err, size_t errlen)
{
    if (schema_migrate(db, err, errlen))
        return -1;
    size_t len;
    char *sql = read_file(FIXTURE, &len);
    if (!sql) {
        snprintf(err, errlen, "%s: cannot read", FIXTURE);
        return -1;
    }
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "%s: %s", FIXTURE, msg ? msg : "?");
    sqlite3_free(msg);
    free(sql);
    return rc == SQLITE_OK ? 0 : -1;
}

typedef struct {
    sqlite3 *db;
    countries *c;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    char err[512] = "";
    if (sqlite3_open(":memory:", &fx->db) != SQLITE_OK || load_fixture(fx->db, err, sizeof err)) {
        fprintf(stderr, "fixture: %s\n", err);
        return -1;
    }
    fx->c = countries_load("data/countries.tsv", err, sizeof err);
    if (!fx->c) {
        fprintf(stderr, "countries: %s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    sqlite3_close(fx->db);
    countries_free(fx->c);
    free(fx);
    return 0;
}

/* Runs an export into a string (caller frees). */
static char *run_export(fixture *fx, export_filter *f, enum export_format fmt, export_counts *n)
{
    char err[512] = "";
    assert_int_equal(export_filter_resolve(f, fx->c, err, sizeof err), 0);
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_non_null(m);
    int rc = export_write(fx->db, fx->c, f, fmt, m, n, err, sizeof err);
    fclose(m);
    if (rc)
        fprintf(stderr, "export: %s\n", err);
    assert_int_equal(rc, 0);
    return out;
}

/* The ids of the JSON Lines export, "1,2,5". */
static void selected_ids(fixture *fx, export_filter f, char *ids, size_t idslen)
{
    export_counts n;
    char *out = run_export(fx, &f, EXPORT_JSONL, &n);
    ids[0] = '\0';
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *j = cJSON_Parse(line);
        assert_non_null(j);
        size_t l = strlen(ids);
        snprintf(ids + l, idslen - l, "%s%d", l ? "," : "", cJSON_GetObjectItem(j, "event_id")->valueint);
        cJSON_Delete(j);
    }
    free(out);
}

static void fixture_offsets_all_found(void **state)
{
    fixture *fx = *state;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(fx->db,
                                        "SELECT (SELECT count(*) FROM claim WHERE ev_start < 0 OR src_start < 0)"
                                        " + (SELECT count(*) FROM evidence WHERE start < 0),"
                                        " (SELECT count(*) FROM claim), (SELECT count(*) FROM evidence)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    assert_int_equal(sqlite3_column_int(st, 1), 9);
    assert_int_equal(sqlite3_column_int(st, 2), 14);
    sqlite3_finalize(st);
}

static void filters_select_the_right_events(void **state)
{
    fixture *fx = *state;
    char ids[64];
    export_filter all = EXPORT_FILTER_ALL;
    selected_ids(fx, all, ids, sizeof ids);
    assert_string_equal(ids, "3,1,2,5,4");   /* by event_date, then id */

    const char *mali[] = {"ML", "MLI", "Mali", "mali"};
    for (size_t i = 0; i < 4; i++) {
        export_filter f = EXPORT_FILTER_ALL;
        f.country = mali[i];
        selected_ids(fx, f, ids, sizeof ids);
        assert_string_equal(ids, "1,2,4");
    }
    export_filter f = EXPORT_FILTER_ALL;
    f.country = "SO";
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "5");

    f = (export_filter)EXPORT_FILTER_ALL;
    f.since = "2025-06-15";
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "2,5,4");
    f.until = "2025-06-20";   /* inclusive on both ends */
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "2,5");

    f = (export_filter)EXPORT_FILTER_ALL;
    f.type = "battles";
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "2,4");
    f.type = "Air/drone strike";   /* a sub-event type */
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "1");

    f = (export_filter)EXPORT_FILTER_ALL;
    f.min_fatalities = 14;   /* best, inclusive */
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "1,2");
    f.min_fatalities = 0;    /* an event with no toll counts as 0 */
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "3,1,2,5,4");

    f = (export_filter)EXPORT_FILTER_ALL;
    f.country = "Mali";
    f.since = "2025-06-15";
    f.min_fatalities = 5;
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "2");

    f = (export_filter)EXPORT_FILTER_ALL;
    f.type = "Riots";
    selected_ids(fx, f, ids, sizeof ids);
    assert_string_equal(ids, "");
}

static void filter_options_are_checked(void **state)
{
    fixture *fx = *state;
    export_filter f = EXPORT_FILTER_ALL;
    char err[256];
    assert_int_equal(export_filter_option(&f, "--since", "2025-06-01", err, sizeof err), 1);
    assert_string_equal(f.since, "2025-06-01");
    assert_int_equal(export_filter_option(&f, "--until", "2025-02-30", err, sizeof err), -1);
    assert_non_null(strstr(err, "'2025-02-30' is not a date"));
    assert_int_equal(export_filter_option(&f, "--until", "2025-6-1", err, sizeof err), -1);
    assert_int_equal(export_filter_option(&f, "--min-fatalities", "-3", err, sizeof err), -1);
    assert_int_equal(export_filter_option(&f, "--min-fatalities", "5x", err, sizeof err), -1);
    assert_int_equal(export_filter_option(&f, "--min-fatalities", "12", err, sizeof err), 1);
    assert_int_equal(f.min_fatalities, 12);
    assert_int_equal(export_filter_option(&f, "--db", "x.db", err, sizeof err), 0);
    f.country = "Atlantis";
    assert_int_equal(export_filter_resolve(&f, fx->c, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown country 'Atlantis'"));
    enum export_format fmt;
    assert_int_equal(export_format_parse("ucdp", &fmt), 0);
    assert_int_equal(fmt, EXPORT_UCDP);
    assert_int_equal(export_format_parse("xlsx", &fmt), -1);
}

static void country_table(void **state)
{
    fixture *fx = *state;
    const country *m = countries_find(fx->c, "ml");
    assert_non_null(m);
    assert_string_equal(m->iso3, "MLI");
    assert_string_equal(m->numeric, "466");
    assert_string_equal(m->acled_region, "Western Africa");
    assert_string_equal(m->ucdp_region, "Africa");
    const country *a = countries_by_iso3(fx->c, "AFG");
    assert_string_equal(a->numeric, "4");   /* ACLED writes 4, not 004 */
    assert_string_equal(a->acled_region, "South Asia");
    assert_string_equal(countries_find(fx->c, "Iran")->acled_region, "Middle East");
    assert_string_equal(countries_find(fx->c, "MZ")->acled_region, "Southern Africa");
    assert_string_equal(countries_find(fx->c, "Armenia")->acled_region, "Caucasus and Central Asia");
    assert_null(countries_find(fx->c, "XX"));
    assert_true(countries_count(fx->c) >= 249);
}

static const char acled_header[] =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

static void acled_columns_and_rows(void **state)
{
    fixture *fx = *state;
    export_filter f = EXPORT_FILTER_ALL;
    export_counts n;
    char *out = run_export(fx, &f, EXPORT_ACLED, &n);
    assert_int_equal(n.written, 5);
    assert_int_equal(n.left_out, 0);
    assert_memory_equal(out, acled_header, strlen(acled_header));
    /* the clash outside Gao, exactly: no outlet, so the document names the source */
    assert_non_null(strstr(out, "\nMLI2,2025-06-19,2025,1,Political violence,Battles,Armed clash,"
                                "Jama'at Nusrat al-Islam wal-Muslimin,,2,Military Forces of Mali,,1,12,,466,"
                                "Western Africa,Mali,Gao,Gao,,Gao,16.27167,-0.04472,2,fx/gao.txt,,"
                                "Claims: 6 soldiers killed (army); about 20 assailants killed (army).,26,,1750420800\n"));
    /* the protest: lone actor (interaction 60), no toll -> fatalities 0 */
    assert_non_null(strstr(out, "\nBFA3,2025-03-09,2025,1,Demonstrations,Protests,Peaceful protest,"
                                "Protesters (Burkina Faso),,6,,,0,60,,854,Western Africa,Burkina Faso,Sahel,Soum,,"
                                "Djibo,14.10195,-1.63056,1,Xinhua,,,0,,1741597200\n"));
    /* no coordinates: empty latitude, longitude, geo_precision */
    assert_non_null(strstr(out, ",Mali,,,,,,,,AFP,,"));
    free(out);
}

static void acled_quotes_per_rfc4180(void **state)
{
    fixture *fx = *state;
    export_filter f = EXPORT_FILTER_ALL;
    f.type = "Air/drone strike";
    export_counts n;
    char *out = run_export(fx, &f, EXPORT_ACLED, &n);
    assert_int_equal(n.written, 1);
    const char *row = out + strlen(acled_header);
    const char *expect =
        "MLI1,2025-06-14,2025,1,Political violence,Explosions/Remote violence,Air/drone strike,"
        "Military Forces of Mali,Wagner Group,1,Civilians (Mali),,7,17,Civilian targeting,466,Western Africa,Mali,"
        "Ménaka,Ménaka,,Ménaka,15.91822,2.40219,2,AFP; Reuters,,"
        "\"Claims: at least 12 civilians killed (local official); 17 people killed (separatists’ spokesman); "
        "at least 14 people killed (humanitarian worker). Tolls differ: the separatists say \"\"17\"\", the army "
        "says none,\nper the same dispatch.\",14,,1750062600\n";
    assert_string_equal(row, expect);
    free(out);
}

static const char ucdp_header[] =
    "id,relid,year,active_year,code_status,type_of_violence,conflict_name,dyad_name,side_a,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,gwnoa,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,"
    "high,low\n";

static void ucdp_fields(void **state)
{
    fixture *fx = *state;
    export_filter f = EXPORT_FILTER_ALL;
    export_counts n;
    char *out = run_export(fx, &f, EXPORT_UCDP, &n);
    assert_int_equal(n.written, 4);
    assert_int_equal(n.left_out, 1);   /* the protest */
    assert_memory_equal(out, ucdp_header, strlen(ucdp_header));
    assert_null(strstr(out, "Djibo"));
    /* state-based: the government is side A, its deaths deaths_a */
    assert_non_null(strstr(out, "\n2,MLI2,2025,,,1,,Military Forces of Mali - Jama'at Nusrat al-Islam wal-Muslimin,"
                                "Military Forces of Mali,Jama'at Nusrat al-Islam wal-Muslimin,1,"
                                "\"fx/gao.txt, 2025-06-20\",fx/gao.txt,2025-06-20,,army,2,,Gao,,Gao,Gao,"
                                "16.27167,-0.04472,POINT (-0.04472 16.27167),153000,Mali,,Africa,,1,"
                                "2025-06-19,2025-06-19,6,20,0,0,26,26,26\n"));
    /* one-sided: the drone strike on civilians; two documents */
    assert_non_null(strstr(out, "\n1,MLI1,2025,,,3,,Military Forces of Mali - Civilians,Military Forces of Mali,"
                                "Civilians,2,\"AFP, 2025-06-15, Drone strike near Ménaka kills civilians, officials "
                                "say; Reuters, 2025-06-16, Toll rises after market strike in Mali\",AFP; Reuters,"
                                "2025-06-15; 2025-06-16,\"Drone strike near Ménaka kills civilians, officials say; "
                                "Toll rises after market strike in Mali\","
                                "local official; separatists’ spokesman; humanitarian worker,2,,Ménaka,,Ménaka,"
                                "Ménaka,15.91822,2.40219,POINT (2.40219 15.91822),152285,Mali,,Africa,,1,"
                                "2025-06-14,2025-06-14,0,0,14,0,14,17,12\n"));
    /* non-state, no place, a week's range; no victim category: all unknown */
    assert_non_null(strstr(out, "\n4,MLI4,2025,,,2,,Unidentified Armed Group (Mali) - Unidentified Armed Group "
                                "(Mali),Unidentified Armed Group (Mali),Unidentified Armed Group (Mali),1,"
                                "\"AFP, 2025-06-30\",AFP,2025-06-30,,security source,,,,,,,,,,,Mali,,Africa,,3,"
                                "2025-06-23,2025-06-29,0,0,0,3,3,3,3\n"));
    /* Somalia: the IED against the army is state-based; side A the army */
    assert_non_null(strstr(out, "\n5,SOM5,2025,,,1,,Military Forces of Somalia - Al Shabaab,"));
    assert_non_null(strstr(out, ",1,,Mogadishu,,Banaadir,,2.03711,45.34375,POINT (45.34375 2.03711),132931,"
                                "Somalia,,Africa,,1,2025-06-20,2025-06-20,5,0,0,0,5,7,5\n"));
    free(out);
}

static void ucdp_and_acled_rules(void **state)
{
    (void)state;
    assert_int_equal(export_interaction(2, 1), 12);
    assert_int_equal(export_interaction(1, 7), 17);
    assert_int_equal(export_interaction(6, 0), 60);
    assert_int_equal(export_interaction(0, 0), 0);
    assert_int_equal(export_ucdp_type("Battles", 1, 2, 0), 1);
    assert_int_equal(export_ucdp_type("Battles", 2, 3, 0), 2);
    assert_int_equal(export_ucdp_type("Battles", 2, 8, 0), 1);   /* external forces are a state's */
    assert_int_equal(export_ucdp_type("Violence against civilians", 2, 7, 1), 3);
    assert_int_equal(export_ucdp_type("Explosions/Remote violence", 1, 7, 1), 3);
    assert_int_equal(export_ucdp_type("Explosions/Remote violence", 3, 0, 0), 2);
    assert_int_equal(export_ucdp_type("Protests", 6, 0, 0), 0);
    assert_int_equal(export_ucdp_type("Riots", 5, 7, 0), 0);
    assert_int_equal(export_ucdp_type("Strategic developments", 1, 0, 0), 0);
    assert_int_equal(export_priogrid(-90, -180), 1);
    assert_int_equal(export_priogrid(89.99, 179.99), 259200);
    assert_int_equal(export_priogrid(90, 180), 259200);
    assert_int_equal(export_priogrid(15.91822, 2.40219), 152285);
    assert_int_equal(export_priogrid(-0.25, -0.25), 179 * 720 + 359 + 1);
    assert_int_equal(export_where_prec(1, 1), 1);
    assert_int_equal(export_where_prec(2, 1), 2);
    assert_int_equal(export_where_prec(3, 1), 4);
    assert_int_equal(export_where_prec(3, 0), 6);
    assert_int_equal(export_where_prec(0, 0), 0);
    assert_int_equal(export_date_prec("2025-06-14", "2025-06-14", 1), 1);
    assert_int_equal(export_date_prec("2025-06-14", "2025-06-16", 1), 2);
    assert_int_equal(export_date_prec("2025-06-23", "2025-06-29", 2), 3);
    assert_int_equal(export_date_prec("2025-07-01", "2025-07-31", 3), 4);
    assert_int_equal(export_date_prec("2025-01-01", "2025-12-31", 3), 5);
    assert_int_equal(export_date_prec("2025-06-14", "2025-06-14", 2), 3);
    assert_int_equal(export_date_prec("2025-06-14", "2025-06-14", 3), 4);
}

static void geojson_is_a_feature_collection_in_lon_lat(void **state)
{
    fixture *fx = *state;
    export_filter f = EXPORT_FILTER_ALL;
    export_counts n;
    char *out = run_export(fx, &f, EXPORT_GEOJSON, &n);
    assert_int_equal(n.written, 4);
    assert_int_equal(n.left_out, 1);   /* event 4 has no coordinates */
    cJSON *j = cJSON_Parse(out);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "type")->valuestring, "FeatureCollection");
    cJSON *fs = cJSON_GetObjectItem(j, "features");
    assert_int_equal(cJSON_GetArraySize(fs), 4);
    cJSON *ft;
    int seen = 0;
    cJSON_ArrayForEach(ft, fs)
    {
        assert_string_equal(cJSON_GetObjectItem(ft, "type")->valuestring, "Feature");
        cJSON *g = cJSON_GetObjectItem(ft, "geometry");
        assert_string_equal(cJSON_GetObjectItem(g, "type")->valuestring, "Point");
        cJSON *p = cJSON_GetObjectItem(ft, "properties");
        if (strcmp(cJSON_GetObjectItem(p, "event_id_cnty")->valuestring, "SOM5"))
            continue;
        seen = 1;
        cJSON *c = cJSON_GetObjectItem(g, "coordinates");
        assert_int_equal(cJSON_GetArraySize(c), 2);
        assert_float_equal(cJSON_GetArrayItem(c, 0)->valuedouble, 45.34375, 1e-9);   /* longitude first */
        assert_float_equal(cJSON_GetArrayItem(c, 1)->valuedouble, 2.03711, 1e-9);
        assert_int_equal(cJSON_GetObjectItem(p, "fatalities_best")->valueint, 5);
        assert_int_equal(cJSON_GetObjectItem(p, "fatalities_high")->valueint, 7);
        assert_true(cJSON_IsNull(cJSON_GetObjectItem(p, "injured_best")));
        assert_string_equal(cJSON_GetObjectItem(p, "claims")->valuestring,
                            "5 soldiers killed (police officer); 7 soldiers killed (Al Shabaab)");
        assert_string_equal(cJSON_GetObjectItem(p, "sources")->valuestring, "AFP");
    }
    assert_true(seen);
    cJSON_Delete(j);
    free(out);
}

static void jsonl_carries_claims_and_sources(void **state)
{
    fixture *fx = *state;
    export_filter f = EXPORT_FILTER_ALL;
    f.type = "Air/drone strike";
    export_counts n;
    char *out = run_export(fx, &f, EXPORT_JSONL, &n);
    assert_int_equal(n.written, 1);
    assert_non_null(strchr(out, '\n'));
    assert_null(strchr(out, '\n') + 1 < out + strlen(out) ? strchr(strchr(out, '\n') + 1, '\n') : NULL);
    cJSON *j = cJSON_Parse(out);
    assert_non_null(j);
    cJSON *fat = cJSON_GetObjectItem(j, "fatalities");
    assert_int_equal(cJSON_GetObjectItem(fat, "low")->valueint, 12);
    assert_int_equal(cJSON_GetObjectItem(fat, "best")->valueint, 14);
    assert_int_equal(cJSON_GetObjectItem(fat, "high")->valueint, 17);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "injured")));
    cJSON *src = cJSON_GetObjectItem(j, "sources");
    assert_int_equal(cJSON_GetArraySize(src), 2);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(src, 0), "outlet")->valuestring, "AFP");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(src, 1), "doc_key")->valuestring, "fx/menaka-2.txt");
    cJSON *cl = cJSON_GetObjectItem(j, "claims");
    assert_int_equal(cJSON_GetArraySize(cl), 4);
    cJSON *c0 = cJSON_GetArrayItem(cl, 0), *c2 = cJSON_GetArrayItem(cl, 2);
    assert_string_equal(cJSON_GetObjectItem(c0, "source")->valuestring, "local official");
    assert_string_equal(cJSON_GetObjectItem(c0, "qualifier")->valuestring, "at_least");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(c0, "max")));
    /* byte offsets past "Ménaka" and an en dash still land on the words */
    cJSON *ev = cJSON_GetObjectItem(c0, "evidence");
    assert_string_equal(cJSON_GetObjectItem(ev, "text")->valuestring, "killed at least 12 civilians");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(c0, "source_evidence"), "text")->valuestring,
                        "a local official");
    assert_int_equal(cJSON_GetObjectItem(c2, "part_of")->valueint, 2);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(c2, "evidence"), "text")->valuestring,
                        "five children");
    assert_string_equal(cJSON_GetObjectItem(j, "notes")->valuestring,
                        "Tolls differ: the separatists say \"17\", the army says none,\nper the same dispatch.");
    cJSON_Delete(j);
    free(out);
}

static char *run_show(fixture *fx, long long id, int color, int *rc)
{
    char err[256] = "";
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    *rc = show_event(fx->db, id, m, color, err, sizeof err);
    fclose(m);
    return out;
}

static void show_marks_the_evidence(void **state)
{
    fixture *fx = *state;
    int rc;
    char *out = run_show(fx, 1, 0, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "event 1 (MLI1)\n"));
    assert_non_null(strstr(out, "  fatalities   12 / 14 / 17 (low / best / high)\n"));
    assert_non_null(strstr(out, "  #1 local official (local): killed civilians [civilian] 12+ at_least -- "
                                "fx/menaka-1.txt#1 (AFP, 2025-06-15)\n"));
    assert_non_null(strstr(out, "  #3 (part of #2, not added) separatists’ spokesman (party): killed children"));
    /* the whole sentence, every span in it marked */
    assert_non_null(strstr(out, "    > Ménaka, Mali (AFP) – A [[drone strike]] on a livestock market [[near Ménaka]] "
                                "[[killed at least 12 civilians]] [[on Saturday]], [[a local official]] said.\n"));
    /* overlapping spans (source inside the claim's sentence) merge; two
     * marked sentences in a row are shown as one excerpt */
    assert_non_null(strstr(out, "[[The separatists’ spokesman]] said [[17 people died]], including [[five children]]."));
    /* a sentence without evidence is not shown */
    assert_null(strstr(out, "logistics base"));
    assert_non_null(strstr(out, "    > [[At least 14 people were killed]] when [[a drone hit]] a market [[near Menaka]]"));
    free(out);

    out = run_show(fx, 1, 1, &rc);
    assert_non_null(strstr(out, "\033[1;33mkilled at least 12 civilians\033[0m"));
    assert_null(strstr(out, "[["));
    free(out);

    out = run_show(fx, 99, 0, &rc);
    assert_int_equal(rc, 1);
    free(out);

    long long id;
    assert_int_equal(show_parse_id("MLI123", &id), 1);
    assert_int_equal(id, 123);
    assert_int_equal(show_parse_id("42", &id), 1);
    assert_int_equal(id, 42);
    assert_int_equal(show_parse_id("MLI", &id), 0);
    assert_int_equal(show_parse_id("12a", &id), 0);
    assert_int_equal(show_parse_id("ABCD1", &id), 0);
}

static void stats_by_country_and_week(void **state)
{
    fixture *fx = *state;
    char wk[16];
    assert_int_equal(stats_iso_week("2025-06-14", wk), 1);
    assert_string_equal(wk, "2025-W24");
    assert_int_equal(stats_iso_week("2024-12-30", wk), 1);   /* Monday of 2025's first week */
    assert_string_equal(wk, "2025-W01");
    assert_int_equal(stats_iso_week("2021-01-03", wk), 1);   /* Sunday of 2020's 53rd */
    assert_string_equal(wk, "2020-W53");
    assert_int_equal(stats_iso_week("2025-13-01", wk), 0);

    export_filter f = EXPORT_FILTER_ALL;
    char err[256];
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_int_equal(stats_write(fx->db, &f, STATS_BOTH, m, err, sizeof err), 0);
    fclose(m);
    assert_string_equal(out, "country\tiso3\tevents\tfatalities_low\tfatalities_best\tfatalities_high\n"
                             "Burkina Faso\tBFA\t1\t0\t0\t0\n"
                             "Mali\tMLI\t3\t41\t43\t46\n"
                             "Somalia\tSOM\t1\t5\t5\t7\n"
                             "total\t\t5\t46\t48\t53\n"
                             "\n"
                             "week\tmonday\tevents\tfatalities_low\tfatalities_best\tfatalities_high\n"
                             "2025-W10\t2025-03-03\t1\t0\t0\t0\n"
                             "2025-W24\t2025-06-09\t1\t12\t14\t17\n"
                             "2025-W25\t2025-06-16\t2\t31\t31\t33\n"
                             "2025-W26\t2025-06-23\t1\t3\t3\t3\n"
                             "total\t\t5\t46\t48\t53\n");
    free(out);

    f.country = "ML";
    assert_int_equal(export_filter_resolve(&f, fx->c, err, sizeof err), 0);
    out = NULL;
    m = open_memstream(&out, &len);
    assert_int_equal(stats_write(fx->db, &f, STATS_COUNTRY, m, err, sizeof err), 0);
    fclose(m);
    assert_string_equal(out, "country\tiso3\tevents\tfatalities_low\tfatalities_best\tfatalities_high\n"
                             "Mali\tMLI\t3\t41\t43\t46\n"
                             "total\t\t3\t41\t43\t46\n");
    free(out);
}

static void opening_checks_the_file(void **state)
{
    (void)state;
    char err[512];
    char dir[] = "/tmp/tally-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[600];
    snprintf(path, sizeof path, "%s/none.db", dir);
    assert_null(export_open_db(path, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "No such file"));
    assert_int_equal(access(path, F_OK), -1);   /* not created */

    snprintf(path, sizeof path, "%s/text.db", dir);
    FILE *f = fopen(path, "w");
    fputs("not a database, just words\n", f);
    fclose(f);
    assert_null(export_open_db(path, err, sizeof err));
    assert_non_null(strstr(err, "not a tally store"));
    remove(path);

    snprintf(path, sizeof path, "%s/empty.db", dir);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_null(export_open_db(path, err, sizeof err));
    assert_non_null(strstr(err, "no schema"));
    remove(path);
    rmdir(dir);
}

static int make_store(const char *path)
{
    remove(path);
    sqlite3 *db;
    char err[512] = "";
    if (sqlite3_open(path, &db) != SQLITE_OK || load_fixture(db, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", path, err[0] ? err : sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--make-store"))
        return make_store(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixture_offsets_all_found),
        cmocka_unit_test(filters_select_the_right_events),
        cmocka_unit_test(filter_options_are_checked),
        cmocka_unit_test(country_table),
        cmocka_unit_test(acled_columns_and_rows),
        cmocka_unit_test(acled_quotes_per_rfc4180),
        cmocka_unit_test(ucdp_fields),
        cmocka_unit_test(ucdp_and_acled_rules),
        cmocka_unit_test(geojson_is_a_feature_collection_in_lon_lat),
        cmocka_unit_test(jsonl_carries_claims_and_sources),
        cmocka_unit_test(show_marks_the_evidence),
        cmocka_unit_test(stats_by_country_and_week),
        cmocka_unit_test(opening_checks_the_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
