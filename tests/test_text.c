/* Tokens and sentences: the cuts every later stage relies on. */
#include "testutil.h"

#include "norm.h"
#include "text.h"
#include "util.h"

static const char *sent_text(const text_doc *t, size_t k, char *out, size_t cap)
{
    size_t n = t->sent[k].end - t->sent[k].start;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, t->text + t->sent[k].start, n);
    out[n] = '\0';
    return out;
}

static void test_abbreviations_do_not_end_sentences(void **state)
{
    (void)state;
    const char *s = "Col. Assimi Goita met U.S. envoys in Bamako. The talks ended on Aug. 25 without a deal.";
    text_doc t = {0};
    assert_int_equal(text_split(&t, s, strlen(s)), 0);
    char b[128];
    assert_int_equal(t.nsent, 2);
    assert_string_equal(sent_text(&t, 0, b, sizeof b), "Col. Assimi Goita met U.S. envoys in Bamako.");
    assert_string_equal(sent_text(&t, 1, b, sizeof b), "The talks ended on Aug. 25 without a deal.");
    text_free(&t);
}

/* AP datelines and "City, St." carry state abbreviations; the ones that are
 * also words end a sentence unless a comma puts them in a place name. */
static void test_state_abbreviations(void **state)
{
    (void)state;
    const char *s = "SPRINGFIELD, Ill. (AP) Two men were shot near Austin, Tex. Police said. "
                    "The boy fell ill. Doctors saw him.";
    text_doc t = {0};
    assert_int_equal(text_split(&t, s, strlen(s)), 0);
    char b[128];
    assert_int_equal(t.nsent, 3);
    assert_string_equal(sent_text(&t, 0, b, sizeof b),
                        "SPRINGFIELD, Ill. (AP) Two men were shot near Austin, Tex. Police said.");
    assert_string_equal(sent_text(&t, 1, b, sizeof b), "The boy fell ill.");
    text_free(&t);
}

static void test_quotes_close_sentences(void **state)
{
    (void)state;
    const char *s = "\"We will retaliate.\" The army gave no toll. He said: \"it was over.\" Then silence.";
    text_doc t = {0};
    text_split(&t, s, strlen(s));
    char b[128];
    assert_int_equal(t.nsent, 4);
    assert_string_equal(sent_text(&t, 0, b, sizeof b), "\"We will retaliate.\"");
    assert_string_equal(sent_text(&t, 2, b, sizeof b), "He said: \"it was over.\"");
    text_free(&t);
}

static void test_tokens_keys_and_possessive(void **state)
{
    (void)state;
    const char *s = "Mali’s army and al-Shabaab killed 1,200 in Ségou's north.";
    text_doc t = {0};
    text_split(&t, s, strlen(s));
    assert_string_equal(tok_key(&t, 0), "mali");
    assert_true(t.tok[1].flags & TOK_POSS);
    assert_string_equal(tok_key(&t, 2), "army");
    assert_string_equal(tok_key(&t, 4), "al-shabaab");
    /* one token for the grouped number (its key spells the group with a space) */
    assert_int_equal(t.tok[6].end - t.tok[6].start, 5);
    assert_string_equal(tok_key(&t, 6), "1 200");
    assert_true(t.tok[6].flags & TOK_NUM);
    assert_string_equal(tok_key(&t, 8), "segou");
    assert_true(t.tok[8].flags & TOK_CAP);
    assert_true(t.tok[9].flags & TOK_POSS);
    /* offsets point at the exact bytes */
    assert_int_equal(t.tok[8].start, (uint32_t)(strstr(s, "Ségou") - s));
    text_free(&t);
}

static void test_headings_and_paragraphs(void **state)
{
    (void)state;
    const char *s = "Intense fighting\n\nTroops clashed with rebels near Goma\non Sunday, officials said.\nNext line.";
    text_doc t = {0};
    text_split(&t, s, strlen(s));
    char b[128];
    assert_int_equal(t.nsent, 3);
    assert_true(t.sent[0].heading);
    assert_string_equal(sent_text(&t, 0, b, sizeof b), "Intense fighting");
    /* a wrapped line is not a sentence break (next line starts lower case) */
    assert_false(t.sent[1].heading);
    assert_string_equal(sent_text(&t, 1, b, sizeof b), "Troops clashed with rebels near Goma\non Sunday, officials said.");
    assert_int_equal(t.sent[1].paragraph, 1);
    text_free(&t);
}

static void test_empty_and_punctuation_only(void **state)
{
    (void)state;
    text_doc t = {0};
    assert_int_equal(text_split(&t, "", 0), 0);
    assert_int_equal(t.ntok, 0);
    assert_int_equal(t.nsent, 0);
    assert_int_equal(text_split(&t, "...!?", 5), 0);
    assert_int_equal(t.ntok, 5);
    text_free(&t);
}

/* token.breaks: the line breaks after each token, 2 for a paragraph break,
 * which the sentence pass reads instead of the bytes between tokens. */
static void test_line_breaks_after_tokens(void **state)
{
    (void)state;
    const char *s = "Gunmen attacked\na convoy.\n\n\nTwo died .\r\n";
    text_doc t = {0};
    assert_int_equal(text_split(&t, s, strlen(s)), 0);
    assert_int_equal(t.ntok, 8);
    const int want[] = {0, 1, 0, 0, 2, 0, 0, 1}; /* Gunmen attacked | a convoy . || Two died . | */
    for (size_t i = 0; i < t.ntok; i++)
        assert_int_equal(t.tok[i].breaks, want[i]);
    assert_int_equal(t.nsent, 2);
    assert_int_equal(t.sent[1].paragraph, 1);
    text_free(&t);
}

/* Every key is norm_key's NORM_WORD key of the token's bytes (a mark: the
 * mark itself) and every hash is hash64 of the key, whichever path made it:
 * plain words, one-byte marks, words with accents or joiners, multi-byte
 * marks; a long run of words whose keys grow (the dotted capital I folds to
 * three bytes) checks the room kept for keys. */
static void test_keys_and_hashes_whatever_the_path(void **state)
{
    (void)state;
    char s[20000];
    size_t n = 0;
    const char *head = "Twenty-one \xc3\x89lys\xc3\xa9" "e N'Djamena's M23 1,200 \xe2\x80\x9cQuote\xe2\x80\x9d (AP) -- ";
    memcpy(s, head, strlen(head));
    n = strlen(head);
    while (n + 8 < sizeof s) {
        memcpy(s + n, "\xc4\xb0\xc4\xb0 a.", 7); /* "İİ a." */
        n += 7;
    }
    text_doc t = {0};
    assert_int_equal(text_split(&t, s, n), 0);
    assert_true(t.ntok > 2000);
    for (size_t i = 0; i < t.ntok; i++) {
        const token *k = &t.tok[i];
        char want[64];
        size_t len = k->end - k->start, wl;
        if (k->flags & TOK_PUNCT) {
            memcpy(want, s + k->start, len);
            wl = len;
        } else {
            wl = norm_key(s + k->start, len, NORM_WORD, want, sizeof want);
            assert_true(wl != (size_t)-1);
        }
        want[wl] = '\0';
        assert_string_equal(tok_key(&t, i), want);
        assert_int_equal(k->keylen, wl);
        assert_true(k->hash == hash64(want, wl));
    }
    text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations_do_not_end_sentences),
        cmocka_unit_test(test_quotes_close_sentences),
        cmocka_unit_test(test_state_abbreviations),
        cmocka_unit_test(test_tokens_keys_and_possessive),
        cmocka_unit_test(test_headings_and_paragraphs),
        cmocka_unit_test(test_empty_and_punctuation_only),
        cmocka_unit_test(test_line_breaks_after_tokens),
        cmocka_unit_test(test_keys_and_hashes_whatever_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
