/* Regression tests for what the fuzzers (fuzz/) found, and the library's
 * promises on hostile input.  Every text here is handed over in a buffer of
 * exactly its length with no NUL after it -- tally.h allows that -- so that
 * ASan catches any read past the end. */
#include "testutil.h"
#include "testtally.h"

#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
#include "model.h"
#include "tally.h"


static int span_ok(span sp, size_t len) { return sp.start <= sp.end && sp.end <= len; }

/* Extracts text from an exact-size, unterminated copy; checks that every
 * evidence span lies inside it; returns the number of events. */
static size_t extract_exact(const char *text)
{
    size_t len = strlen(text);
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    tally_doc doc = {.id = "hardening", .date = {2024, 8, 25}, .text = copy, .len = len};
    tally_events *ev = tally_extract(T, &doc);
    size_t n = tally_events_count(ev);
    for (size_t k = 0; k < ev->n; k++) {
        const event *e = &ev->ev[k];
        for (size_t i = 0; i < e->ntriggers; i++)
            assert_true(span_ok(e->triggers[i], len));
        assert_true(span_ok(e->date_sp, len));
        assert_true(span_ok(e->actor1_sp, len));
        assert_true(span_ok(e->actor2_sp, len));
    }
    for (size_t i = 0; i < ev->nclaims; i++) {
        assert_true(span_ok(ev->claims[i].sp, len));
        assert_true(span_ok(ev->claims[i].source_span, len));
    }
    tally_events_free(ev);
    free(copy);
    return n;
}

/* fuzz_extract: a text ending in a one-byte punctuation token after a
 * capitalised word ("KIDAL:", a dateline without its story) made the dash
 * test compare three bytes from the colon, two past the end. */
static void test_dateline_colon_at_end(void **state)
{
    (void)state;
    assert_int_equal(extract_exact("KIDAL:"), 0);
    assert_int_equal(extract_exact("JNIM:"), 0);
    /* a trailing dateline adds nothing to the story before it */
    assert_int_equal(extract_exact("Gunmen attacked the town.\n\nKIDAL, Mali:"),
                     extract_exact("Gunmen attacked the town."));
    /* and a real dateline with its story still codes the event */
    assert_true(extract_exact("KIDAL, Mali - Gunmen killed 4 soldiers at a checkpoint on Sunday.") >= 1);
}

/* fuzz_extract: a four-digit year as the text's last token ("... killed in
 * 1994") was read with atoi, past the end of an unterminated text. */
static void test_year_at_end(void **state)
{
    (void)state;
    /* the fuzzer's input, garbled as it found it: the second figure's
     * context test looks at "in 1994" */
    assert_int_equal(extract_exact("li, killed a@ least 14 civilians oclud@ least 14 civilians oclud in 1994"),
                     extract_exact("li, killed a@ least 14 civilians oclud@ least 14 civilians oclud in 1994."));
    assert_int_equal(extract_exact("Gunmen killed 14 civilians in Gao on Sunday. The worst attack since 2019"),
                     extract_exact("Gunmen killed 14 civilians in Gao on Sunday."));
}

/* The reader's clean-up of scraped text (docs/format.md): entities decoded,
 * tags gone, block tags as paragraph breaks, script and comments dropped,
 * what is not markup left alone. */
static void test_markup_cleaned(void **state)
{
    (void)state;
    static const char in[] = "date 2024-08-25\n\n<p class=\"lead\">A &amp; B&#39;s &#x2019; &bogus; AT&T <5 &#0; "
                             "&#xD800;</p><!-- ad --><script>var p = \"<p>\";</script><b>Gao</b>&eacute;";
    doc_owned d;
    memset(&d, 0, sizeof d);
    char err[256];
    long line;
    assert_int_equal(doc_parse_seed("m.txt", in, sizeof in - 1, &d, err, sizeof err, &line), 0);
    assert_string_equal(d.doc.text, "\n\nA & B's \xE2\x80\x99 &bogus; AT&T <5 &#0; &#xD800;\n\nGao\xC3\xA9");
    assert_int_equal(d.doc.len, strlen(d.doc.text));
    /* NUL bytes become spaces, byte for byte */
    static const char nul[] = "date 2024-08-25\nTwo\0killed.";
    assert_int_equal(doc_parse_seed("n.txt", nul, sizeof nul - 1, &d, err, sizeof err, &line), 0);
    assert_int_equal(d.doc.len, 11);
    assert_memory_equal(d.doc.text, "Two killed.", 11);
    /* a JSON \u0000 does not cut the text short */
    static const char js[] = "{\"id\":\"j\",\"date\":\"2024-08-25\",\"text\":\"Two\\u0000killed, \\\\u0000 stays.\"}";
    assert_int_equal(doc_parse_json(js, sizeof js - 1, &d, err, sizeof err), 0);
    assert_string_equal(d.doc.text, "Two killed, \\u0000 stays.");
    /* nothing but markup is no report */
    static const char tags[] = "date 2024-08-25\n<p></p><br/>";
    assert_int_equal(doc_parse_seed("t.txt", tags, sizeof tags - 1, &d, err, sizeof err, &line), -1);
    assert_non_null(strstr(err, "empty text"));
    doc_owned_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dateline_colon_at_end),
        cmocka_unit_test(test_year_at_end),
        cmocka_unit_test(test_markup_cleaned),
    };
    return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
}
