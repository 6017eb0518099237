/* number.c -- the number grammar of number.h.
 *
 * Everything works on absolute offsets into s[0..len); no function reads
 * s[p] without checking p < len first, so s need not be NUL-terminated.
 * No allocation, no tables bigger than a few words, no recursion deeper than
 * two (the "some" look-ahead).
 *
 * Functions that match something return the offset just past the match, or
 * 0 for "no match" (a match always consumes at least one byte, so 0 is never
 * a valid end).
 */
#include "number.h"

#include <string.h>

#define NUM_MAX 1000000000000000LL /* 10^15: anything bigger is not a count */

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

/* ---- character classes, UTF-8 aware ------------------------------------ */

/* A Unicode space written in UTF-8 at p: NBSP, U+2000..U+200A (thin space
 * among them), U+202F narrow NBSP.  Returns its length or 0. */
static size_t uspace_len(const unsigned char *u, size_t len, size_t p)
{
    if (p + 1 < len && u[p] == 0xC2 && u[p + 1] == 0xA0)
        return 2;
    if (p + 2 < len && u[p] == 0xE2 && u[p + 1] == 0x80 &&
        ((u[p + 2] >= 0x80 && u[p + 2] <= 0x8A) || u[p + 2] == 0xAF))
        return 3;
    return 0;
}

/* A hyphen or dash at p: '-', U+2010..U+2015, U+2212 minus.  Returns its length or 0. */
static size_t hyphen_len(const unsigned char *u, size_t len, size_t p)
{
    if (p < len && u[p] == '-')
        return 1;
    if (p + 2 < len && u[p] == 0xE2 && u[p + 1] == 0x80 && u[p + 2] >= 0x90 && u[p + 2] <= 0x95)
        return 3;
    if (p + 2 < len && u[p] == 0xE2 && u[p + 1] == 0x88 && u[p + 2] == 0x92)
        return 3;
    return 0;
}

/* Other non-ASCII punctuation that ends a word: curly quotes U+2018..U+201F,
 * ellipsis U+2026, line/paragraph separators U+2028/9, guillemets. */
static size_t upunct_len(const unsigned char *u, size_t len, size_t p)
{
    if (p + 1 < len && u[p] == 0xC2 && (u[p + 1] == 0xAB || u[p + 1] == 0xBB))
        return 2;
    if (p + 2 < len && u[p] == 0xE2 && u[p + 1] == 0x80 &&
        ((u[p + 2] >= 0x98 && u[p + 2] <= 0x9F) || u[p + 2] == 0xA6 || u[p + 2] == 0xA8 ||
         u[p + 2] == 0xA9))
        return 3;
    return 0;
}

/* Is there a word character at p?  ASCII letters and digits are; so is any
 * other non-ASCII byte (letters of other scripts, accented letters). */
static int is_wordch(const unsigned char *u, size_t len, size_t p)
{
    if (p >= len)
        return 0;
    if (is_alpha(u[p]) || is_digit(u[p]))
        return 1;
    if (u[p] < 0x80)
        return 0;
    return !(uspace_len(u, len, p) || hyphen_len(u, len, p) || upunct_len(u, len, p));
}

/* One run of white space (ASCII or Unicode spaces) at p, with at most one
 * line break (a blank line ends a paragraph, and "twenty\n\nOne witness"
 * is not 21); returns the end of the run, or 0 if there is none. */
static size_t after_ws(const unsigned char *u, size_t len, size_t p)
{
    size_t q = p;
    int lines = 0;
    for (;;) {
        size_t n;
        if (q < len && (u[q] == ' ' || u[q] == '\t' || u[q] == '\r'))
            q++;
        else if (q < len && u[q] == '\n' && !lines++)
            q++;
        else if ((n = uspace_len(u, len, q)) != 0)
            q += n;
        else
            break;
    }
    return q > p ? q : 0;
}

/* The keyword kw (lower case ASCII) at p, case-insensitively, ending at a
 * word boundary. */
static size_t kw_rest(const unsigned char *u, size_t len, size_t p, const char *w)
{
    /* compared up to w's NUL, not measured first: nearly every call fails
     * within two bytes */
    size_t n = 0;
    for (; w[n]; n++)
        if (p + n >= len || lower(u[p + n]) != (unsigned char)w[n])
            return 0;
    if (is_wordch(u, len, p + n))
        return 0;
    return p + n;
}

/* The grammar tries dozens of keywords at each candidate position and nearly
 * all differ in the first letter: that test is inline, before the call. */
static inline size_t kw(const unsigned char *u, size_t len, size_t p, const char *w)
{
    if (p >= len || lower(u[p]) != (unsigned char)w[0])
        return 0;
    return kw_rest(u, len, p, w);
}

/* The first keyword of list[0..n) that matches at p; *idx its index. */
static size_t kw_list(const unsigned char *u, size_t len, size_t p, const char *const *list,
                      size_t n, size_t *idx)
{
    for (size_t i = 0; i < n; i++) {
        size_t e = kw(u, len, p, list[i]);
        if (e) {
            *idx = i;
            return e;
        }
    }
    return 0;
}

/* ---- words ---------------------------------------------------------------- */

static const char *const UNITS[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
};
static const char *const TENS[] = {
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Scale words that follow a count: "three thousand", "2.5 million". */
static const char *const SCALE_W[] = { "thousand", "million", "billion" };
static const long long SCALE_V[] = { 1000LL, 1000000LL, 1000000000LL };

/* Ordinals and fractions: "twenty-first", "a hundred and first", "one third". */
static const char *const ORDINALS[] = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth",
    "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth",
    "thousandth", "millionth", "thirds", "fourths", "fifths", "sixths", "sevenths",
    "eighths", "ninths", "tenths", "hundredths", "thousandths", "quarter", "quarters",
    "half",
};

/* 1..99: "seven", "nineteen", "forty", "forty-two", "forty two". */
static size_t below_hundred(const unsigned char *u, size_t len, size_t p, long long *v)
{
    size_t i, e;
    if ((e = kw_list(u, len, p, TENS, NELEM(TENS), &i)) != 0) {
        size_t h = hyphen_len(u, len, e), q = h ? e + h : after_ws(u, len, e), e2, j;
        *v = (long long)(i + 2) * 10;
        if (q && (e2 = kw_list(u, len, q, UNITS, 9, &j)) != 0) {
            *v += (long long)j + 1;
            return e2;
        }
        return e;
    }
    if ((e = kw_list(u, len, p, UNITS, NELEM(UNITS), &i)) != 0) {
        *v = (long long)i + 1;
        return e;
    }
    return 0;
}

/* A group below a thousand (up to 9999 with "ninety-nine hundred ..."):
 * "a hundred", "two hundred and five", "fifteen hundred", "two dozen",
 * "forty-two". */
static size_t word_group(const unsigned char *u, size_t len, size_t p, long long *v)
{
    size_t e, q, e2;
    long long g;
    int hundred = 0;

    if ((e = kw(u, len, p, "a")) != 0 && (q = after_ws(u, len, e)) != 0 &&
        (e2 = kw(u, len, q, "hundred")) != 0) {
        g = 100;
        e = e2;
        hundred = 1;
    } else if ((e = below_hundred(u, len, p, &g)) != 0) {
        q = after_ws(u, len, e);
        if (q && (e2 = kw(u, len, q, "hundred")) != 0) {
            g *= 100;
            e = e2;
            hundred = 1;
        } else if (q && (e2 = kw(u, len, q, "dozen")) != 0) {
            *v = g * 12;
            return e2;
        }
    } else {
        return 0;
    }
    if (hundred && (q = after_ws(u, len, e)) != 0) {
        size_t a = kw(u, len, q, "and"), r = a ? after_ws(u, len, a) : q;
        long long t;
        if (r && (e2 = below_hundred(u, len, r, &t)) != 0) {
            g += t;
            e = e2;
        }
    }
    *v = g;
    return e;
}

/* A whole number in words: groups joined by falling scales.
 * "three thousand", "two thousand five hundred", "a million",
 * "one million two hundred thousand", "three thousand and fifty". */
static size_t word_number(const unsigned char *u, size_t len, size_t p, long long *v)
{
    long long total = 0, last = NUM_MAX + 1, g;
    size_t q = p, end = 0, e, w, i;

    for (;;) {
        e = word_group(u, len, q, &g);
        if (!e && q == p) {
            /* "a thousand", "a million" */
            size_t a = kw(u, len, q, "a");
            if (a && (w = after_ws(u, len, a)) != 0 && kw_list(u, len, w, SCALE_W, NELEM(SCALE_W), &i)) {
                e = a;
                g = 1;
            }
        }
        if (!e)
            break;
        w = after_ws(u, len, e);
        size_t se = w ? kw_list(u, len, w, SCALE_W, NELEM(SCALE_W), &i) : 0;
        if (se && SCALE_V[i] < last) {
            total += g * SCALE_V[i];
            last = SCALE_V[i];
            end = se;
            /* continuation: "two thousand [and] five hundred" */
            size_t r = after_ws(u, len, se), a;
            if (!r)
                break;
            if ((a = kw(u, len, r, "and")) != 0 && (r = after_ws(u, len, a)) == 0)
                break;
            q = r;
            continue;
        }
        total += g;
        end = e;
        break;
    }
    if (!end)
        return 0;
    *v = total;
    return end;
}

/* Is p (after white space, optionally "and") an ordinal or fraction word?
 * "second" counts only after twenty or more ("twenty second" but
 * "one second"). */
static int ordinal_follows(const unsigned char *u, size_t len, size_t p, long long v)
{
    size_t q = after_ws(u, len, p), a, i;
    if (!q)
        return 0;
    if ((a = kw(u, len, q, "and")) != 0 && (q = after_ws(u, len, a)) == 0)
        return 0;
    if (!kw_list(u, len, q, ORDINALS, NELEM(ORDINALS), &i))
        return 0;
    return !(i == 1 && v < 20);
}

/* ---- vague quantities ----------------------------------------------------- */

/* Plural round numbers: "dozens", "tens of thousands". */
static const char *const PLURALS[] = { "tens", "dozens", "scores", "hundreds", "thousands", "millions" };
static const long long PLURAL_V[] = { 10, 12, 40, 100, 1000, 1000000 };

/* Scales after a vague quantifier: "several hundred", "a few thousand",
 * "many thousands". */
static const char *const QSCALE_W[] = {
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
};
static const long long QSCALE_V[] = { 12, 12, 100, 100, 1000, 1000, 1000000, 1000000 };

/* After a quantifier that ended at e with value *v: up to two rising scale
 * words ("several hundred thousand"); of_ok allows "a couple of hundred". */
static size_t quant_scales(const unsigned char *u, size_t len, size_t e, long long *v, int of_ok)
{
    long long last = 0;
    for (int k = 0; k < 2; k++) {
        size_t w = after_ws(u, len, e), i, se, a;
        if (!w)
            break;
        if (of_ok && k == 0 && (a = kw(u, len, w, "of")) != 0 && (w = after_ws(u, len, a)) == 0)
            break;
        se = kw_list(u, len, w, QSCALE_W, NELEM(QSCALE_W), &i);
        if (!se || QSCALE_V[i] <= last)
            break;
        *v *= QSCALE_V[i];
        last = QSCALE_V[i];
        e = se;
    }
    return e;
}

/* ---- digits --------------------------------------------------------------- */

/* A thousands separator at p: ',' or a single space (ASCII, NBSP, thin,
 * narrow NBSP, figure space).  Returns its length or 0. */
static size_t group_sep_len(const unsigned char *u, size_t len, size_t p)
{
    if (p < len && (u[p] == ',' || u[p] == ' '))
        return 1;
    if (p + 1 < len && u[p] == 0xC2 && u[p + 1] == 0xA0)
        return 2;
    if (p + 2 < len && u[p] == 0xE2 && u[p + 1] == 0x80 &&
        (u[p + 2] == 0x87 || u[p + 2] == 0x89 || u[p + 2] == 0xAF))
        return 3;
    return 0;
}

/* Exactly three digits at p, not followed by another digit. */
static int three_digits(const unsigned char *u, size_t len, size_t p)
{
    return p + 2 < len && is_digit(u[p]) && is_digit(u[p + 1]) && is_digit(u[p + 2]) &&
           !(p + 3 < len && is_digit(u[p + 3]));
}

/* Digits, thousands groups, a decimal part before a scale, a scale word.
 * Returns the end, or 0 (also for a bare decimal like "2.5"). */
static size_t digit_number(const unsigned char *u, size_t len, size_t p, long long *v)
{
    long long n = 0;
    size_t q = p, nd;
    while (q < len && is_digit(u[q])) {
        n = n * 10 + (u[q] - '0');
        if (n > NUM_MAX)
            return 0;
        q++;
    }
    nd = q - p;
    if (nd == 0)
        return 0;

    /* "1,200", "12 000", "1,200,000": a lead of 1-3 digits, then groups of
     * exactly three digits, always with the same separator. */
    if (nd <= 3) {
        size_t sl = group_sep_len(u, len, q), first = q;
        while (sl && group_sep_len(u, len, q) == sl && memcmp(u + q, u + first, sl) == 0 &&
               three_digits(u, len, q + sl)) {
            q += sl;
            for (int k = 0; k < 3; k++)
                n = n * 10 + (u[q++] - '0');
            if (n > NUM_MAX)
                return 0;
        }
    }

    /* "2.5 million": a decimal part only before a scale word. */
    if (q + 1 < len && u[q] == '.' && is_digit(u[q + 1])) {
        long long frac = 0, div = 1;
        size_t f = q + 1, w, se, i;
        while (f < len && is_digit(u[f])) {
            if (div >= 1000000000LL)
                return 0; /* more decimals than any report writes */
            frac = frac * 10 + (u[f] - '0');
            div *= 10;
            f++;
        }
        w = after_ws(u, len, f);
        se = w ? kw_list(u, len, w, SCALE_W, NELEM(SCALE_W), &i) : 0;
        if (!se || n > NUM_MAX / SCALE_V[i])
            return 0;
        *v = n * SCALE_V[i] + frac * SCALE_V[i] / div;
        return se;
    }

    /* "3 million", "15 hundred", "3 dozen" */
    size_t w = after_ws(u, len, q), se = 0, i;
    long long sv = 0;
    if (w) {
        if ((se = kw_list(u, len, w, SCALE_W, NELEM(SCALE_W), &i)) != 0)
            sv = SCALE_V[i];
        else if ((se = kw(u, len, w, "hundred")) != 0)
            sv = 100;
        else if ((se = kw(u, len, w, "dozen")) != 0)
            sv = 12;
    }
    if (se) {
        if (n > NUM_MAX / sv)
            return 0;
        *v = n * sv;
        return se;
    }
    *v = n;
    return q;
}

/* ---- what may follow a number --------------------------------------------- */

/* Checks what comes right after a number ending at e.  Returns the final end
 * (possibly extended over "-odd", "-plus", "+"), or 0 if the number is not a
 * count: glued to letters ("15km", "15th"), an age or compound modifier
 * ("15-year-old", "two-day", "one-third"), a percentage, a clock time, a
 * date or fraction with '/', or a decimal. */
static size_t follower(const unsigned char *u, size_t len, size_t e, number_t *out)
{
    size_t h, q, x;
    if (e >= len)
        return e;
    if (is_wordch(u, len, e))
        return 0;
    if ((h = hyphen_len(u, len, e)) != 0) {
        q = e + h;
        if (!is_wordch(u, len, q))
            return e;              /* "15-", "15 - " */
        if (is_digit(u[q]))
            return e;              /* "10-15": the caller reads ranges */
        if ((x = kw(u, len, q, "odd")) != 0 || (x = kw(u, len, q, "plus")) != 0) {
            out->vague = 1;        /* "200-odd", "100-plus": at least that many */
            out->max = 0;
            return x;
        }
        return 0;                  /* "15-year-old", "one-third", "two-day" */
    }
    if (u[e] == '%')
        return 0;
    if ((u[e] == ':' || u[e] == '/' || u[e] == '.') && e + 1 < len && is_digit(u[e + 1]))
        return 0;
    if (u[e] == '+' && !is_wordch(u, len, e + 1)) {
        out->vague = 1;            /* "100+" */
        out->max = 0;
        return e + 1;
    }
    return e;
}

/* ---- the grammar ---------------------------------------------------------- */

static void set(number_t *o, long long v, int vague, int words)
{
    o->min = v;
    o->max = vague ? 0 : v;
    o->vague = vague;
    o->words = words;
}

/* Can this byte start a number?  Digits, and the first letters of number
 * words: a(few) d(ozens) e(ight) f(ive) h(undreds) m(any) n(ine) o(ne)
 * s(ix) t(wo) */
static int can_start(unsigned char c)
{
    if (is_digit(c))
        return 1;
    switch (lower(c)) {
    case 'a': case 'd': case 'e': case 'f': case 'h':
    case 'm': case 'n': case 'o': case 's': case 't':
        return 1;
    default:
        return 0;
    }
}

static size_t parse_at(const unsigned char *u, size_t len, number_t *out, int allow_some)
{
    size_t e, w, a, i;
    long long v;

    if (is_digit(u[0])) {
        if ((e = digit_number(u, len, 0, &v)) == 0)
            return 0;
        set(out, v, 0, 0);
        return follower(u, len, e, out);
    }

    /* Every quantity that starts with the letter a is "a" and a word that
     * starts with one of the letters below ("a dozen", "a few", "a handful",
     * "a couple", "a hundred", "a thousand", "a million", "a billion"): no
     * other rule's first word starts with a.  Most "a"s are articles, and
     * "an", "and", "at" are common: answered here, without trying every
     * rule. */
    if (lower(u[0]) == 'a') {
        if ((a = kw(u, len, 0, "a")) == 0 || (w = after_ws(u, len, a)) == 0 || w >= len)
            return 0;
        switch (lower(u[w])) {
        case 'b': case 'c': case 'd': case 'f': case 'h': case 'm': case 't':
            break;
        default:
            return 0;
        }
    }

    /* "half a dozen", "half a million" */
    if ((e = kw(u, len, 0, "half")) != 0) {
        if ((w = after_ws(u, len, e)) == 0 || (a = kw(u, len, w, "a")) == 0 ||
            (w = after_ws(u, len, a)) == 0)
            return 0;
        static const char *const H[] = { "dozen", "hundred", "thousand", "million" };
        static const long long HV[] = { 6, 50, 500, 500000 };
        if ((e = kw_list(u, len, w, H, NELEM(H), &i)) == 0)
            return 0;
        set(out, HV[i], 0, 1);
        return follower(u, len, e, out);
    }

    /* "a dozen", "a few", "a handful", "a couple" */
    if ((a = kw(u, len, 0, "a")) != 0 && (w = after_ws(u, len, a)) != 0) {
        if ((e = kw(u, len, w, "dozen")) != 0) {
            set(out, 12, 0, 1);
            return follower(u, len, e, out);
        }
        if ((e = kw(u, len, w, "few")) != 0) {
            v = 3;
            e = quant_scales(u, len, e, &v, 0);
            set(out, v, 1, 1);
            return follower(u, len, e, out);
        }
        if ((e = kw(u, len, w, "handful")) != 0) {
            set(out, 3, 1, 1);
            return follower(u, len, e, out);
        }
        if ((e = kw(u, len, w, "couple")) != 0) {
            size_t e2;
            v = 2;
            e2 = quant_scales(u, len, e, &v, 1);
            set(out, v, e2 != e, 1);   /* "a couple" = 2; "a couple hundred" >= 200 */
            return follower(u, len, e2, out);
        }
    }

    /* "dozens", "hundreds of thousands" */
    if ((e = kw_list(u, len, 0, PLURALS, NELEM(PLURALS), &i)) != 0) {
        size_t o, j, e2;
        v = PLURAL_V[i];
        if ((w = after_ws(u, len, e)) != 0 && (o = kw(u, len, w, "of")) != 0 &&
            (w = after_ws(u, len, o)) != 0 &&
            (e2 = kw_list(u, len, w, PLURALS, NELEM(PLURALS), &j)) != 0 && PLURAL_V[j] >= 100 &&
            PLURAL_V[j] > v) {
            v *= PLURAL_V[j];
            e = e2;
        }
        set(out, v, 1, 1);
        return follower(u, len, e, out);
    }

    /* "several", "many", "numerous" (and "several hundred") */
    {
        static const char *const Q[] = { "several", "many", "numerous" };
        if ((e = kw_list(u, len, 0, Q, NELEM(Q), &i)) != 0) {
            v = 3;
            if (i < 2)
                e = quant_scales(u, len, e, &v, 0);
            set(out, v, 1, 1);
            return follower(u, len, e, out);
        }
    }

    /* "some": a vague quantity before a noun, but "some 300" is the
     * approximator "about", which is the claims stage's. */
    if ((e = kw(u, len, 0, "some")) != 0) {
        number_t tmp;
        if (!allow_some)
            return 0;
        if ((w = after_ws(u, len, e)) != 0 && w < len && can_start(u[w]) &&
            parse_at(u + w, len - w, &tmp, 0) > 0)
            return 0;
        set(out, 2, 1, 1);
        return follower(u, len, e, out);
    }

    if ((e = word_number(u, len, 0, &v)) == 0)
        return 0;
    if (ordinal_follows(u, len, e, v))
        return 0;
    set(out, v, 0, 1);
    return follower(u, len, e, out);
}

size_t number_parse(const char *s, size_t len, number_t *out)
{
    number_t scratch;
    size_t n;
    if (!out)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (!s || len == 0 || !can_start((unsigned char)s[0]))
        return 0;
    n = parse_at((const unsigned char *)s, len, out, 1);
    if (n == 0)
        memset(out, 0, sizeof *out);
    return n;
}
