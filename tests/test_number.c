/* test_number.c -- the number grammar (number.h). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "number.h"

/* Parses text[0..n) from a heap copy with no terminator, so that ASan
 * reports any read past the end.  Every shorter prefix is parsed too (its
 * result is not checked, only that it stays in bounds and is sane). */
static size_t parse_n(const char *text, size_t n, number_t *out)
{
    for (size_t k = 0; k < n; k++) {
        char *pre = malloc(k ? k : 1);
        number_t o;
        assert_non_null(pre);
        memcpy(pre, text, k);
        size_t used = number_parse(pre, k, &o);
        assert_true(used <= k);
        free(pre);
    }
    char *buf = malloc(n ? n : 1);
    assert_non_null(buf);
    memcpy(buf, text, n);
    size_t used = number_parse(buf, n, out);
    free(buf);
    return used;
}

static void check(const char *text, size_t want_used, long long min, long long max, int vague,
                  int words)
{
    number_t o;
    size_t used = parse_n(text, strlen(text), &o);
    if (used != want_used || (want_used && (o.min != min || o.max != max || o.vague != vague ||
                                            o.words != words)))
        print_error("input \"%s\": used %zu min %lld max %lld vague %d words %d\n", text, used,
                    o.min, o.max, o.vague, o.words);
    assert_int_equal(used, want_used);
    if (want_used) {
        assert_int_equal(o.min, min);
        assert_int_equal(o.max, max);
        assert_int_equal(o.vague, vague);
        assert_int_equal(o.words, words);
    }
}

/* Exact numbers in digits / words; none (returns 0). */
static void digits(const char *t, size_t used, long long v) { check(t, used, v, v, 0, 0); }
static void words(const char *t, size_t used, long long v) { check(t, used, v, v, 0, 1); }
static void vague(const char *t, size_t used, long long v) { check(t, used, v, 0, 1, 1); }
static void none(const char *t) { check(t, 0, 0, 0, 0, 0); }

static void test_digits_plain(void **state)
{
    (void)state;
    digits("15", 2, 15);
    digits("15 people", 2, 15);
    digits("0", 1, 0);
    digits("7,", 1, 7);
    digits("2020", 4, 2020);
    digits("2020.", 4, 2020);
    digits("3.", 1, 3);
    digits("15)", 2, 15);
    digits("15\xe2\x80\x99", 2, 15);   /* closing curly quote is punctuation */
}

static void test_digits_groups(void **state)
{
    (void)state;
    digits("1,200", 5, 1200);
    digits("12,000", 6, 12000);
    digits("1,200,000 people", 9, 1200000);
    digits("1 200", 5, 1200);
    digits("12 000 displaced", 6, 12000);
    digits("1\xc2\xa0" "200", 6, 1200);           /* NBSP */
    digits("1\xe2\x80\x89" "200", 7, 1200);       /* thin space */
    digits("1,20", 1, 1);
    digits("1,2000", 1, 1);
    digits("1 2000", 1, 1);
    digits("1 20 people", 1, 1);
    digits("1234,567", 4, 1234);
    digits("1,200 000", 5, 1200);                 /* separators do not mix */
    digits("15,000,00", 6, 15000);
}

static void test_digits_scales(void **state)
{
    (void)state;
    digits("2.5 million", 11, 2500000);
    digits("3 million", 9, 3000000);
    digits("1.2 thousand", 12, 1200);
    digits("3 Million people", 9, 3000000);
    digits("1.5 billion", 11, 1500000000LL);
    digits("15 hundred", 10, 1500);
    digits("3 dozen", 7, 36);
    digits("3 millionaires", 1, 3);
    none("2.5");                                  /* a fraction is not a count */
    none("2.5 people");
    none("0.1234567891 million");
}

static void test_digits_not_counts(void **state)
{
    (void)state;
    none("15th");
    none("21st");
    none("15km");
    none("15-year-old");
    none("15-year");
    none("15-Year-Old");
    none("15\xe2\x80\x90year\xe2\x80\x90old");     /* U+2010 hyphens */
    none("3-month-old");
    none("15%");
    none("10:30");
    none("3/4");
    none("1.2.3");
    none("15\xc3\xa9");                           /* glued to a non-ASCII letter */
    none("1990s");
    none("99999999999999999999");                 /* overflow is not a count */
    none("AK47");
}

static void test_ranges_and_suffixes(void **state)
{
    (void)state;
    digits("10-15", 2, 10);
    digits("10\xe2\x80\x93" "15", 2, 10);         /* en dash */
    digits("10 - 15", 2, 10);
    digits("15-", 2, 15);
    check("200-odd", 7, 200, 0, 1, 0);
    check("100-plus", 8, 100, 0, 1, 0);
    check("100+ dead", 4, 100, 0, 1, 0);
    check("twenty-odd", 10, 20, 0, 1, 1);
}

static void test_words_small(void **state)
{
    (void)state;
    static const char *const w[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen",
    };
    for (int i = 0; i < 19; i++)
        words(w[i], strlen(w[i]), i + 1);
    words("twenty", 6, 20);
    words("twenty-one", 10, 21);
    words("twenty one", 10, 21);
    words("Twenty-one", 10, 21);
    words("TWENTY-ONE", 10, 21);
    words("ninety-nine", 11, 99);
    words("forty-two people", 9, 42);
    words("twenty people", 6, 20);
    words("seventy\xe2\x80\x90" "five", 14, 75);    /* U+2010 hyphen */
    words("one second", 3, 1);                     /* a time, not an ordinal */
    words("twenty seconds", 6, 20);
    words("one's", 3, 1);                          /* pronoun: caller's concern */
    words("twenty\none", 10, 21);                  /* a wrapped line */
    words("twenty\n\nOne witness", 6, 20);         /* a paragraph break */
}

static void test_words_large(void **state)
{
    (void)state;
    words("a hundred", 9, 100);
    words("one hundred", 11, 100);
    words("a hundred and five", 18, 105);
    words("two hundred thirty", 18, 230);
    words("two hundred and seventy-three", 29, 273);
    words("one hundred and", 11, 100);
    words("one hundred and people", 11, 100);
    words("fifteen hundred", 15, 1500);
    words("three thousand", 14, 3000);
    words("two thousand five hundred", 25, 2500);
    words("three thousand and fifty", 24, 3050);
    words("two thousand people", 12, 2000);
    words("a thousand", 10, 1000);
    words("a million", 9, 1000000);
    words("a hundred thousand", 18, 100000);
    words("one million two hundred thousand", 32, 1200000);
    words("Three Thousand", 14, 3000);
}

static void test_words_dozen_half(void **state)
{
    (void)state;
    words("a dozen", 7, 12);
    words("A dozen people", 7, 12);
    words("two dozen", 9, 24);
    words("half a dozen", 12, 6);
    words("Half a million", 14, 500000);
    words("a couple", 8, 2);
    words("a couple of people", 8, 2);
    none("half");
    none("half an hour");
    none("a dozenth");
}

static void test_vague(void **state)
{
    (void)state;
    vague("dozens", 6, 12);
    vague("dozens of", 6, 12);
    vague("Dozens of people", 6, 12);
    vague("scores", 6, 40);
    vague("hundreds", 8, 100);
    vague("thousands", 9, 1000);
    vague("tens", 4, 10);
    vague("millions", 8, 1000000);
    vague("tens of thousands", 17, 10000);
    vague("tens of thousands of people", 17, 10000);
    vague("hundreds of thousands", 21, 100000);
    vague("dozens of thousands", 19, 12000);
    vague("hundreds of people", 8, 100);
    vague("several", 7, 3);
    vague("a few", 5, 3);
    vague("a handful", 9, 3);
    vague("many", 4, 3);
    vague("numerous", 8, 3);
    vague("Several hundred", 15, 300);
    vague("a few thousand", 14, 3000);
    vague("several dozen", 13, 36);
    vague("several hundred thousand", 24, 300000);
    vague("many thousands", 14, 3000);
    vague("a couple hundred", 16, 200);
    vague("a couple of dozen", 17, 24);
    vague("some", 4, 2);
    vague("some people", 4, 2);
    none("some 300");                     /* "some" = about: the claims stage's */
    none("some two hundred");
    vague("some some", 4, 2);           /* the look-ahead does not nest */
    none("someone");
    none("manya");
    none("a fewer");
}

static void test_word_boundaries(void **state)
{
    (void)state;
    none("onetime");
    none("tenth");
    none("tens2");
    none("first");
    none("second");
    none("At");
    none("at");
    none("a");
    none("a man");
    none("an");
    none("hundred");
    none("thousand");
    none("one-third");
    none("one third");
    none("two thirds");
    none("twenty-first");
    none("twenty first");
    none("twenty second");
    none("a hundred and first");
    none("two-year-old");
    none("three-day");
    none("one\xc3\xa9");
    none("often");
    none("nineteenth");
    none("ones");
    none("");
    none(" 15");
    none("-15");
    none("x");
}

static void test_not_terminated(void **state)
{
    (void)state;
    number_t o;
    char buf[2] = { '1', '5' };
    assert_int_equal(number_parse(buf, 1, &o), 1);
    assert_int_equal(o.min, 1);
    assert_int_equal(number_parse(buf, 2, &o), 2);
    assert_int_equal(o.min, 15);

    /* "one hundred" cut short reads only "one" */
    char w[11];
    memcpy(w, "one hundred", 11);
    assert_int_equal(number_parse(w, 7, &o), 3);
    assert_int_equal(o.min, 1);
    assert_int_equal(number_parse(w, 11, &o), 11);
    assert_int_equal(o.min, 100);

    /* "1,200" cut after the comma */
    char g[5];
    memcpy(g, "1,200", 5);
    assert_int_equal(number_parse(g, 4, &o), 1);
    assert_int_equal(number_parse(g, 5, &o), 5);

    /* "15-year-old" cut to "15-y" is still an age */
    char a[4];
    memcpy(a, "15-y", 4);
    assert_int_equal(number_parse(a, 4, &o), 0);
    /* a NULL out is allowed, a zero length is no number */
    assert_int_equal(number_parse("15", 2, NULL), 2);
    assert_int_equal(number_parse("15", 0, &o), 0);
}

static void test_failure_zeroes_out(void **state)
{
    (void)state;
    number_t o = { 7, 7, 1, 1 };
    assert_int_equal(number_parse("xyz", 3, &o), 0);
    assert_int_equal(o.min, 0);
    assert_int_equal(o.max, 0);
    assert_int_equal(o.vague, 0);
    assert_int_equal(o.words, 0);
}

/* Every byte value after a number: no crash, and the invariants hold. */
static void test_every_follower(void **state)
{
    (void)state;
    static const char *const heads[] = { "15", "twenty", "dozens", "1,200", "a few", "some" };
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
        size_t n = strlen(heads[h]);
        char *buf = malloc(n + 2);
        assert_non_null(buf);
        memcpy(buf, heads[h], n);
        for (int c = 0; c < 256; c++) {
            for (int d = 0; d < 256; d += 17) {
                number_t o;
                buf[n] = (char)c;
                buf[n + 1] = (char)d;
                size_t used = number_parse(buf, n + 2, &o);
                assert_true(used <= n + 2);
                if (used) {
                    assert_true(o.min >= 0);
                    assert_true(o.max == 0 || o.max >= o.min);
                }
            }
        }
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits_plain),
        cmocka_unit_test(test_digits_groups),
        cmocka_unit_test(test_digits_scales),
        cmocka_unit_test(test_digits_not_counts),
        cmocka_unit_test(test_ranges_and_suffixes),
        cmocka_unit_test(test_words_small),
        cmocka_unit_test(test_words_large),
        cmocka_unit_test(test_words_dozen_half),
        cmocka_unit_test(test_vague),
        cmocka_unit_test(test_word_boundaries),
        cmocka_unit_test(test_not_terminated),
        cmocka_unit_test(test_failure_zeroes_out),
        cmocka_unit_test(test_every_follower),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
