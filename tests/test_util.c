/* The hand-written formatters that replaced printf on the writing path must
 * give the same bytes as the formats they replaced, or records would change. */
#include "testutil.h"

#include <limits.h>
#include <stdio.h>

#include "util.h"

static void test_put_ll_matches_printf(void **state)
{
    (void)state;
    const long long v[] = {0, 1, -1, 9, 10, 99, 100, 12345, -12345, 1000000000000000LL, LLONG_MAX, LLONG_MIN,
                           LLONG_MIN + 1, 4294967295LL, -2147483648LL};
    for (size_t i = 0; i < ARRAY_LEN(v); i++) {
        buf b = {0};
        buf_puts(&b, "x=");
        buf_put_ll(&b, v[i]);
        char want[64];
        snprintf(want, sizeof want, "x=%lld", v[i]);
        assert_string_equal(buf_cstr(&b), want);
        assert_int_equal(b.len, strlen(want));
        buf_free(&b);
    }
}

static void test_str_copy_truncates_like_snprintf(void **state)
{
    (void)state;
    const char *s[] = {"", "Gao", "Military Forces of Burkina Faso", "Unidentified Armed Group (Mali)"};
    const size_t caps[] = {1, 2, 4, 8, 31, 32, 33, 64};
    for (size_t i = 0; i < ARRAY_LEN(s); i++)
        for (size_t k = 0; k < ARRAY_LEN(caps); k++) {
            char got[64], want[64];
            memset(got, 'A', sizeof got);
            memset(want, 'A', sizeof want);
            str_copy(got, caps[k], s[i]);
            snprintf(want, caps[k], "%s", s[i]);
            assert_memory_equal(got, want, sizeof got);
        }
}

static void test_date_format_matches_printf(void **state)
{
    (void)state;
    const civil_date d[] = {{2025, 6, 15}, {1999, 12, 31}, {0, 0, 0}, {5, 1, 2}, {12025, 3, 9}, {2024, 2, 29}};
    for (size_t i = 0; i < ARRAY_LEN(d); i++) {
        char got[11], want[16];
        date_format(d[i], got);
        snprintf(want, sizeof want, "%04u-%02u-%02u", (unsigned)d[i].year % 10000u, (unsigned)d[i].month % 100u,
                 (unsigned)d[i].day % 100u);
        assert_string_equal(got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_ll_matches_printf),
        cmocka_unit_test(test_str_copy_truncates_like_snprintf),
        cmocka_unit_test(test_date_format_matches_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
