/* test_schema.c -- the store's schema: migrations and docs/schema.md. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static void new_file_gets_every_table(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(schema_version(db), 0);
    char err[256] = "";
    assert_int_equal(schema_migrate(db, err, sizeof err), 0);
    assert_int_equal(schema_version(db), SCHEMA_VERSION);
    static const char *const tables[] = {"document", "event", "report", "claim", "evidence"};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, tables[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), 1);
        sqlite3_finalize(st);
    }
    /* migrating again is a no-op, not an error */
    assert_int_equal(schema_migrate(db, err, sizeof err), 0);
    sqlite3_close(db);
}

/* A file written by the first tally keeps its rows and gains the claim
 * columns of version 2 with their defaults. */
static void version1_file_migrates(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, schema_sql(1), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA user_version = 1;"
                                  "INSERT INTO document VALUES (1,'d','h','2024-01-02',NULL,NULL,NULL,'t','x');"
                                  "INSERT INTO event (id,event_date,date_start,date_end,time_precision,disorder_type,"
                                  "event_type,sub_event_type,updated_at) VALUES (1,'2024-01-01','2024-01-01',"
                                  "'2024-01-01',1,'Political violence','Battles','Armed clash','x');"
                                  "INSERT INTO report VALUES (1,1,1,1,'{}');"
                                  "INSERT INTO claim (id,report_id,event_id,source,source_kind,outcome,"
                                  "victim_category,min,qualifier,ev_start,ev_end) VALUES (1,1,1,'army','party',"
                                  "'killed','unknown',7,'exact',0,1);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char err[256] = "";
    assert_int_equal(schema_migrate(db, err, sizeof err), 0);
    assert_int_equal(schema_version(db), SCHEMA_VERSION);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT min, sentence, single FROM claim", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 7);
    assert_int_equal(sqlite3_column_int(st, 1), 0);
    assert_int_equal(sqlite3_column_int(st, 2), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void newer_file_is_refused(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    char err[256] = "";
    assert_int_equal(schema_migrate(db, err, sizeof err), -1);
    assert_non_null(strstr(err, "newer"));
    sqlite3_close(db);
}

/* The documentation is the contract other programs read: it must show the
 * same SQL the code runs. */
static void documentation_matches_code(void **state)
{
    (void)state;
    FILE *f = fopen("docs/schema.md", "rb");
    assert_non_null(f);
    static char md[1 << 16];
    size_t n = fread(md, 1, sizeof md - 1, f);
    fclose(f);
    md[n] = '\0';
    for (int v = 1; v <= SCHEMA_VERSION; v++)
        assert_non_null(strstr(md, schema_sql(v)));
    assert_null(schema_sql(SCHEMA_VERSION + 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_file_gets_every_table),
        cmocka_unit_test(version1_file_migrates),
        cmocka_unit_test(newer_file_is_refused),
        cmocka_unit_test(documentation_matches_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
