/* Reading reports: every input form, every kind of bad input. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>

#include "doc.h"

typedef struct {
    int docs;
    char ids[16][64];
    char texts[16][128];
    tally_date dates[16];
    int errors;
    char err[16][256];
} sink;

static int on_doc(void *ctx, const tally_doc *d)
{
    sink *s = ctx;
    if (s->docs < 16) {
        snprintf(s->ids[s->docs], 64, "%s", d->id);
        snprintf(s->texts[s->docs], 128, "%.*s", (int)(d->len < 127 ? d->len : 127), d->text);
        s->dates[s->docs] = d->date;
    }
    s->docs++;
    return 0;
}

static void on_error(void *ctx, const char *file, long line, const char *msg)
{
    sink *s = ctx;
    if (s->errors < 16)
        snprintf(s->err[s->errors], 256, "%s:%ld: %s", file, line, msg);
    s->errors++;
}

static const char *write_tmp(const char *name, const char *bytes, size_t n)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/tally-test-%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(bytes, 1, n, f);
    fclose(f);
    return path;
}

static void test_seed_format(void **state)
{
    (void)state;
    const char *s = "  \n date 2024-08-25 At least 15 civilians were killed.\n\nSecond paragraph.\n";
    doc_owned d = {0};
    char err[256];
    long line;
    assert_int_equal(doc_parse_seed("mali.txt", s, strlen(s), &d, err, sizeof err, &line), 0);
    assert_string_equal(d.doc.id, "mali.txt");
    assert_int_equal(d.doc.date.year, 2024);
    assert_int_equal(d.doc.date.month, 8);
    assert_int_equal(d.doc.date.day, 25);
    assert_true(strncmp(d.doc.text, "At least 15 civilians", 21) == 0);
    doc_owned_free(&d);
}

static void test_seed_bad_dates(void **state)
{
    (void)state;
    doc_owned d = {0};
    char err[256];
    long line = 0;
    const char *nodate = "\n\nSomething happened in Gao.\n";
    assert_int_equal(doc_parse_seed("x", nodate, strlen(nodate), &d, err, sizeof err, &line), -1);
    assert_int_equal(line, 3);
    assert_non_null(strstr(err, "missing date header"));
    const char *bad = "date 2024-02-30\nText.\n";
    assert_int_equal(doc_parse_seed("x", bad, strlen(bad), &d, err, sizeof err, &line), -1);
    assert_non_null(strstr(err, "malformed date '2024-02-30'"));
    const char *bad2 = "date 25/08/2024\nText.\n";
    assert_int_equal(doc_parse_seed("x", bad2, strlen(bad2), &d, err, sizeof err, &line), -1);
    const char *empty = "date 2024-08-25\n   \n";
    assert_int_equal(doc_parse_seed("x", empty, strlen(empty), &d, err, sizeof err, &line), -1);
    assert_non_null(strstr(err, "empty text"));
    const char *utf = "date 2024-08-25\nline two\nbad \xC3\x28 byte\n";
    assert_int_equal(doc_parse_seed("x", utf, strlen(utf), &d, err, sizeof err, &line), -1);
    assert_non_null(strstr(err, "invalid UTF-8"));
    assert_int_equal(line, 3);
    doc_owned_free(&d);
}

static void test_json_record(void **state)
{
    (void)state;
    const char *j = "{\"id\":\"r1\",\"date\":\"2024-08-25T08:00:00Z\",\"text\":\"Two killed.\",\"title\":\"T\","
                    "\"source\":\"AFP\",\"gold\":{\"deaths\":2},\"extra\":[1,2]}";
    doc_owned d = {0};
    char err[256];
    assert_int_equal(doc_parse_json(j, strlen(j), &d, err, sizeof err), 0);
    assert_string_equal(d.doc.id, "r1");
    assert_string_equal(d.doc.text, "Two killed.");
    assert_string_equal(d.doc.source, "AFP");
    assert_string_equal(d.doc.title, "T");
    assert_null(d.doc.url);
    assert_int_equal(d.doc.date.day, 25);
    const char *num = "{\"id\":42,\"date\":\"2024-08-25\",\"text\":\"x\"}";
    assert_int_equal(doc_parse_json(num, strlen(num), &d, err, sizeof err), 0);
    assert_string_equal(d.doc.id, "42");
    doc_owned_free(&d);
}

static void test_json_bad_records(void **state)
{
    (void)state;
    doc_owned d = {0};
    char err[256];
    const struct {
        const char *json, *msg;
    } bad[] = {
        {"{\"id\":\"a\",\"date\":\"2024-08-25\",\"text\":\"x\"", "broken JSON"},
        {"[1,2]", "must be an object"},
        {"{\"date\":\"2024-08-25\",\"text\":\"x\"}", "missing \"id\""},
        {"{\"id\":\"a\",\"text\":\"x\"}", "missing \"date\""},
        {"{\"id\":\"a\",\"date\":\"yesterday\",\"text\":\"x\"}", "malformed date"},
        {"{\"id\":\"a\",\"date\":\"2024-08-25\"}", "missing \"text\""},
        {"{\"id\":\"a\",\"date\":\"2024-08-25\",\"text\":\"\"}", "empty text"},
        {"{\"id\":\"a\",\"date\":\"2024-08-25\",\"text\":\"\xff\"}", "invalid UTF-8"},
        {"{\"id\":\"a\",\"date\":\"2024-08-25\",\"text\":{\"nested\":[[[[]]]]}}", "missing \"text\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(doc_parse_json(bad[i].json, strlen(bad[i].json), &d, err, sizeof err), -1);
        if (!strstr(err, bad[i].msg))
            fail_msg("case %zu: '%s' does not mention '%s'", i, err, bad[i].msg);
    }
    doc_owned_free(&d);
}

/* The fast path for flat lines and cJSON must read every line alike: the
 * same outcome, document and message.  The lines are the shapes the fast
 * path reads itself (escapes, fields it skips, duplicates) and those it must
 * hand over (surrogates, raw control bytes, a number as the id, deep
 * nesting, bytes after the object, an escaped field name). */
static void same_reading(const char *line, size_t len)
{
    doc_owned a = {0}, b = {0};
    char ea[256] = "", eb[256] = "";
    int ra = doc_parse_json_with(line, len, &a, ea, sizeof ea, 1);
    int rb = doc_parse_json_with(line, len, &b, eb, sizeof eb, 0);
    if (ra != rb)
        fail_msg("'%s': fast path %d, cJSON %d (%s | %s)", line, ra, rb, ea, eb);
    if (ra == 0) {
        assert_string_equal(a.doc.id, b.doc.id);
        assert_int_equal(a.doc.len, b.doc.len);
        assert_memory_equal(a.doc.text, b.doc.text, a.doc.len);
        assert_int_equal(a.doc.date.year, b.doc.date.year);
        assert_int_equal(a.doc.date.month, b.doc.date.month);
        assert_int_equal(a.doc.date.day, b.doc.date.day);
        assert_true((a.doc.title == NULL) == (b.doc.title == NULL));
        if (a.doc.title)
            assert_string_equal(a.doc.title, b.doc.title);
        assert_true((a.doc.url == NULL) == (b.doc.url == NULL));
        if (a.doc.url)
            assert_string_equal(a.doc.url, b.doc.url);
        assert_true((a.doc.source == NULL) == (b.doc.source == NULL));
        if (a.doc.source)
            assert_string_equal(a.doc.source, b.doc.source);
    } else {
        assert_string_equal(ea, eb);
    }
    doc_owned_free(&a);
    doc_owned_free(&b);
}

static void test_json_fast_path_reads_like_cjson(void **state)
{
    (void)state;
    const char *lines[] = {
        "{\"id\":\"r1\",\"date\":\"2024-08-25\",\"text\":\"Two killed.\"}",
        " { \"id\" : \"r1\" ,\t\"date\":\"2024-08-25\" , \"text\" : \"Two killed.\" } \r",
        "{\"id\":\"r\\u00e9\",\"date\":\"2024-08-25\",\"text\":\"A \\\"quote\\\",\\ttab\\nline \\\\ \\/ \\b\\f\\r \\u20AC \\u0000 end\"}",
        "{\"id\":\"d\",\"date\":\"2024-08-25\",\"text\":\"first\",\"text\":\"second\",\"id\":\"e\"}",
        "{\"id\":\"g\",\"gold\":{\"deaths\":[2,-0.5e3,1E+2,true,false,null,{\"a\":[]}],\"s\":\"x\\\"y\"},"
        "\"date\":\"2024-08-25\",\"text\":\"One.\",\"title\":\"A &amp; B\",\"url\":\"http://x/y\",\"source\":\"AFP\"}",
        "{\"id\":\"n\",\"date\":\"2024-08-25\",\"text\":null}",
        "{\"id\":\"n\",\"date\":5,\"text\":\"x\"}",
        "{\"id\":\"n\",\"date\":\"2024-08-25\",\"text\":\"<p>one</p><p>two &lt;3</p>\"}",
        "{\"id\":\"\",\"date\":\"2024-08-25\",\"text\":\"x\"}",
        "{}",
        "{\"id\":42,\"date\":\"2024-08-25\",\"text\":\"x\"}",
        "{\"id\":\"s\",\"date\":\"2024-08-25\",\"text\":\"\\ud83d\\ude00 smile\"}",
        "{\"id\":\"s\",\"date\":\"2024-08-25\",\"text\":\"lone \\ud83d here\"}",
        "{\"id\":\"c\",\"date\":\"2024-08-25\",\"text\":\"raw\ttab\"}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"x\"} trailing",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"te\\u0078t\":\"escaped name\"}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"bad \\q escape\"}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"x\",\"n\":01}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"x\",\"n\":1.}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"x\",\"n\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"x\",}",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"unterminated",
        "{\"id\":\"t\",\"date\":\"2024-08-25\",\"text\":\"a long text with no escape at all, more than eight bytes\"}",
        "[\"id\"]",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        same_reading(lines[i], strlen(lines[i]));
    /* A NUL byte inside the line (raw, not escaped) */
    const char nul[] = "{\"id\":\"z\",\"date\":\"2024-08-25\",\"text\":\"a\0b\"}";
    same_reading(nul, sizeof nul - 1);
}

static void test_jsonl_stream_skips_and_goes_on(void **state)
{
    (void)state;
    const char *lines = "{\"id\":\"a\",\"date\":\"2024-08-25\",\"text\":\"One.\"}\n"
                        "\n"
                        "{\"id\":\"b\",\"date\":\"2024-08-2\",\"text\":\"Two.\"}\r\n"
                        "not json at all\n"
                        "{\"id\":\"c\",\"date\":\"2024-08-27\",\"text\":\"Three.\"}"; /* no final newline */
    const char *path = write_tmp("a.jsonl", lines, strlen(lines));
    sink s = {0};
    tally_reader r = {.on_doc = on_doc, .on_error = on_error, .ctx = &s};
    assert_int_equal(tally_read_path(&r, path), 2);
    assert_int_equal(s.docs, 2);
    assert_string_equal(s.ids[0], "a");
    assert_string_equal(s.ids[1], "c");
    assert_int_equal(s.errors, 2);
    char want[300];
    snprintf(want, sizeof want, "%s:3: b: malformed date", path);
    assert_true(strncmp(s.err[0], want, strlen(want)) == 0);
    snprintf(want, sizeof want, "%s:4: broken JSON", path);
    assert_true(strncmp(s.err[1], want, strlen(want)) == 0);
    remove(path);
}

static void test_oversized_line_is_skipped(void **state)
{
    (void)state;
    /* A 3 MB line against a 1 MB limit; the records around it survive. */
    size_t big = 3u << 20;
    char *bytes = malloc(big + 256);
    assert_non_null(bytes);
    int n = sprintf(bytes, "{\"id\":\"a\",\"date\":\"2024-08-25\",\"text\":\"One.\"}\n{\"id\":\"big\",\"date\":\"2024-08-25\",\"text\":\"");
    memset(bytes + n, 'x', big);
    n += (int)big;
    n += sprintf(bytes + n, "\"}\n{\"id\":\"c\",\"date\":\"2024-08-25\",\"text\":\"Three.\"}\n");
    const char *path = write_tmp("big.jsonl", bytes, (size_t)n);
    free(bytes);
    sink s = {0};
    tally_reader r = {.on_doc = on_doc, .on_error = on_error, .ctx = &s, .max_doc_bytes = 1u << 20};
    assert_int_equal(tally_read_path(&r, path), 1);
    assert_int_equal(s.docs, 2);
    assert_string_equal(s.ids[1], "c");
    assert_non_null(strstr(s.err[0], ":2: line longer than the 1048576-byte limit"));
    remove(path);
}

static void test_directory_recursive_and_missing_path(void **state)
{
    (void)state;
    sink s = {0};
    tally_reader r = {.on_doc = on_doc, .on_error = on_error, .ctx = &s};
    long skipped = tally_read_path(&r, "tests/fixtures/batch");
    /* djibo.txt, leading-blanks.txt, mixed.jsonl (2 good), nested/reports.jsonl (3) */
    assert_int_equal(s.docs, 7);
    assert_int_equal(skipped, 5);
    assert_int_equal(s.errors, 5);
    /* sorted order: bad-date.txt is reported first */
    assert_non_null(strstr(s.err[0], "bad-date.txt:1: malformed date"));
    assert_string_equal(s.ids[0], "djibo-2025-03-09.txt");
    assert_string_equal(s.ids[1], "leading-blanks.txt");
    assert_int_equal(s.dates[1].day, 5);
    sink m = {0};
    r.ctx = &m;
    assert_int_equal(tally_read_path(&r, "tests/fixtures/no-such-dir"), 1);
    assert_non_null(strstr(m.err[0], "no-such-dir:0: cannot open"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_format),
        cmocka_unit_test(test_seed_bad_dates),
        cmocka_unit_test(test_json_record),
        cmocka_unit_test(test_json_bad_records),
        cmocka_unit_test(test_json_fast_path_reads_like_cjson),
        cmocka_unit_test(test_jsonl_stream_skips_and_goes_on),
        cmocka_unit_test(test_oversized_line_is_skipped),
        cmocka_unit_test(test_directory_recursive_and_missing_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
