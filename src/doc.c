/* doc.c -- see doc.h and tally.h.
 *
 * JSON Lines files are streamed a line at a time so that a 1 GB archive never
 * sits in memory; a line over the size limit is skipped without being held.
 * Seed-format files are read whole (they are single reports). */
#include "doc.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "norm.h"

void doc_owned_free(doc_owned *d)
{
    buf_free(&d->id);
    buf_free(&d->text);
    buf_free(&d->title);
    buf_free(&d->url);
    buf_free(&d->source);
    buf_free(&d->raw_date);
    buf_free(&d->raw_text);
    buf_free(&d->raw_title);
    memset(d, 0, sizeof *d);
}

static void reset(doc_owned *d)
{
    d->id.len = d->text.len = d->title.len = d->url.len = d->source.len = 0;
    memset(&d->doc, 0, sizeof d->doc);
}

static long line_of(const char *bytes, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += bytes[i] == '\n';
    return line;
}

/* "empty text" when text is only blanks. */
static int check_blank(const char *text, size_t len, char *err, size_t errlen, size_t *bad)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    if (i == len) {
        snprintf(err, errlen, "empty text");
        *bad = len;
        return -1;
    }
    return 0;
}

static int check_text(const char *text, size_t len, char *err, size_t errlen, size_t *bad)
{
    if (!utf8_valid(text, len, bad)) {
        snprintf(err, errlen, "invalid UTF-8 at byte %zu", *bad);
        return -1;
    }
    return check_blank(text, len, err, errlen, bad);
}

/* ---- text clean-up ------------------------------------------------------
 * Reports scraped from the web arrive with markup in them.  What an analyst
 * expects is the text a browser would show, so clean_text decodes character
 * references and drops tags, and every evidence span then points into the
 * cleaned text (docs/format.md).  It also turns NUL bytes into spaces: a NUL
 * is never text, and a C string reader (a CSV viewer, sqlite's text
 * functions) would stop at it and lose the rest of the report. */

static const struct {
    const char *name, *utf8;
} entities[] = {
    {"amp", "&"},       {"lt", "<"},        {"gt", ">"},        {"quot", "\""},     {"apos", "'"},
    {"nbsp", " "},      {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"},
    {"ldquo", "\u201C"}, {"rdquo", "\u201D"}, {"hellip", "\u2026"}, {"laquo", "\u00AB"}, {"raquo", "\u00BB"},
    {"deg", "\u00B0"},   {"eacute", "\u00E9"}, {"egrave", "\u00E8"}, {"ecirc", "\u00EA"}, {"euml", "\u00EB"},
    {"aacute", "\u00E1"}, {"agrave", "\u00E0"}, {"acirc", "\u00E2"}, {"auml", "\u00E4"}, {"ccedil", "\u00E7"},
    {"iacute", "\u00ED"}, {"iuml", "\u00EF"},   {"icirc", "\u00EE"}, {"oacute", "\u00F3"}, {"ocirc", "\u00F4"},
    {"ouml", "\u00F6"},   {"uacute", "\u00FA"}, {"uuml", "\u00FC"},  {"ntilde", "\u00F1"}, {"Eacute", "\u00C9"},
};

/* Tags that end a block of text: they become a paragraph break, so that
 * "<p>one</p><p>two</p>" is two paragraphs, not one run-on sentence. */
static const char *const block_tags[] = {"p",  "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "tr", "table", "blockquote", "article", "section", "header",
                                         "footer", "figcaption", "hr", "dd", "dt", "title"};

static void put_utf8(buf *out, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | c >> 6);
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | c >> 12);
        u[1] = (char)(0x80 | (c >> 6 & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | c >> 18);
        u[1] = (char)(0x80 | (c >> 12 & 0x3F));
        u[2] = (char)(0x80 | (c >> 6 & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    buf_put(out, u, n);
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A character reference at s[0] == '&': its length, with what it stands
 * for written to out; 0 if it is none ("AT&T", "&foo;", "&#0;"), and the
 * '&' is then text. */
static size_t entity_at(const char *s, size_t n, buf *out)
{
    size_t semi = 1;
    while (semi < n && semi < 12 && s[semi] != ';')
        semi++;
    if (semi >= n || s[semi] != ';' || semi < 2)
        return 0;
    if (s[1] == '#') {
        uint32_t c = 0;
        size_t k = 2;
        int hex = k < semi && (s[k] == 'x' || s[k] == 'X');
        k += hex;
        if (k == semi)
            return 0;
        for (; k < semi; k++) {
            char d = s[k];
            int v = d >= '0' && d <= '9' ? d - '0'
                    : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                    : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                   : -1;
            if (v < 0 || c > 0x10FFFF)
                return 0;
            c = c * (hex ? 16 : 10) + (uint32_t)v;
        }
        /* No NUL, no other C0 control but tab and line ends, no surrogate,
         * nothing past Unicode: those are not characters of a text. */
        if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ||
            (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
            return 0;
        put_utf8(out, c == 0xA0 ? ' ' : c);
        return semi + 1;
    }
    for (size_t e = 0; e < ARRAY_LEN(entities); e++)
        if (strlen(entities[e].name) == semi - 1 && memcmp(s + 1, entities[e].name, semi - 1) == 0) {
            buf_puts(out, entities[e].utf8);
            return semi + 1;
        }
    return 0;
}

/* Finds needle (lower-case ASCII) in s[0..n) ignoring ASCII case. */
static size_t find_nocase(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && (s[i + k] | 0x20) == needle[k])
            k++;
        if (k == m)
            return i;
    }
    return n;
}

/* A tag (or comment) at s[0] == '<': its length, with a paragraph break
 * written for a block tag; 0 if the '<' is text ("<10 dead", "a < b"). */
static size_t tag_at(const char *s, size_t n, buf *out)
{
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        size_t e = 4;
        while (e + 3 <= n && memcmp(s + e, "-->", 3) != 0)
            e++;
        return e + 3 <= n ? e + 3 : 0;
    }
    size_t k = 1 + (n > 1 && (s[1] == '/' || s[1] == '!'));
    if (k >= n || !is_alpha(s[k]))
        return 0;
    size_t name = k;
    while (k < n && (is_alpha(s[k]) || (s[k] >= '0' && s[k] <= '9')))
        k++;
    size_t nlen = k - name;
    /* The tag closes within a line's length and before any other '<'. */
    size_t e = k;
    while (e < n && e < 1024 && s[e] != '>' && s[e] != '<')
        e++;
    if (e >= n || s[e] != '>')
        return 0;
    e++;
    char lname[12] = {0};
    for (size_t i = 0; i < nlen && i + 1 < sizeof lname; i++)
        lname[i] = (char)(s[name + i] | 0x20);
    if (nlen < sizeof lname && s[1] != '/' && (!strcmp(lname, "script") || !strcmp(lname, "style"))) {
        /* Code and style sheets are not text: drop up to the closing tag. */
        char close[16];
        snprintf(close, sizeof close, "</%s", lname);
        size_t c = e + find_nocase(s + e, n - e, close);
        if (c >= n)
            return n;
        while (c < n && s[c] != '>')
            c++;
        return c < n ? c + 1 : n;
    }
    for (size_t b = 0; b < ARRAY_LEN(block_tags); b++)
        if (nlen < sizeof lname && !strcmp(lname, block_tags[b])) {
            buf_puts(out, "\n\n");
            break;
        }
    return e;
}

/* Writes the cleaned s[0..n) to out (see above).  s is valid UTF-8. */
static void clean_text(const char *s, size_t n, buf *out)
{
    int markup = memchr(s, '&', n) || memchr(s, '<', n);
    if (!markup && !memchr(s, '\0', n)) {
        buf_put(out, s, n);
        return;
    }
    buf_reserve(out, n + 1);
    for (size_t i = 0; i < n;) {
        size_t used = 0;
        if (s[i] == '&' && markup)
            used = entity_at(s + i, n - i, out);
        else if (s[i] == '<' && markup)
            used = tag_at(s + i, n - i, out);
        if (used) {
            i += used;
            continue;
        }
        buf_putc(out, s[i] ? s[i] : ' ');
        i++;
    }
    buf_cstr(out);
}

/* Cleans text into out; -1 with "empty text" in err when nothing but blanks
 * is left (a report that was only markup). */
static int clean_or_refuse(const char *text, size_t len, buf *out, char *err, size_t errlen)
{
    clean_text(text, len, out);
    size_t i = 0;
    while (i < out->len && (out->data[i] == ' ' || out->data[i] == '\t' || out->data[i] == '\r' ||
                            out->data[i] == '\n'))
        i++;
    if (i == out->len) {
        snprintf(err, errlen, "empty text (nothing left once the markup is removed)");
        return -1;
    }
    return 0;
}

int doc_parse_seed(const char *name, const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen,
                   long *line)
{
    reset(out);
    size_t i = 0;
    /* Blanks and a UTF-8 BOM.  All three bytes of the BOM are checked: any
     * other character starting with 0xEF (the fullwidth forms, U+FF01 ...)
     * is text, not a mark to skip. */
    for (;;) {
        if (i < len && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
            i++;
        else if (len - i >= 3 && memcmp(bytes + i, "\xEF\xBB\xBF", 3) == 0)
            i += 3;
        else
            break;
    }
    *line = line_of(bytes, i);
    if (len - i < 4 || memcmp(bytes + i, "date", 4) != 0) {
        snprintf(err, errlen, "missing date header: a report starts with 'date YYYY-MM-DD'");
        return -1;
    }
    i += 4;
    size_t sp = i;
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\t'))
        i++;
    size_t ds = i;
    while (i < len && bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r' && bytes[i] != '\n')
        i++;
    civil_date d;
    if (i == sp || !date_parse_iso(bytes + ds, i - ds, &d)) {
        int n = (int)(i - ds > 40 ? 40 : i - ds);
        snprintf(err, errlen, "malformed date '%.*s' (expected YYYY-MM-DD, a real calendar day)", n, bytes + ds);
        return -1;
    }
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    size_t bad = 0;
    if (check_text(bytes + i, len - i, err, errlen, &bad) < 0) {
        *line = line_of(bytes, i + bad);
        return -1;
    }
    if (clean_or_refuse(bytes + i, len - i, &out->text, err, errlen) < 0) {
        *line = line_of(bytes, i);
        return -1;
    }
    buf_puts(&out->id, name);
    out->doc.id = buf_cstr(&out->id);
    out->doc.date = (tally_date){d.year, d.month, d.day};
    out->doc.text = buf_cstr(&out->text);
    out->doc.len = out->text.len;
    return 0;
}

static const char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- JSON Lines: the fast path ------------------------------------------
 * Nearly every line of an archive is one flat object of strings: {"id": ...,
 * "date": ..., "text": ...} and perhaps a few more fields.  Building a cJSON
 * tree of it costs a pass over the text, a copy of every value and an
 * allocation per field: 8% of all the instructions of an extraction.
 * flat_scan reads such a line in one pass and decodes the strings it needs
 * straight into the document's buffers.  It is strict: it accepts only what
 * the JSON grammar (RFC 8259) allows, which cJSON accepts too with the same
 * values, and it gives up (returns 0) on anything else -- a surrogate
 * escape, a raw control byte, a number as the id, an escape in a field name,
 * nesting deeper than FLAT_DEPTH, bytes after the object -- so that cJSON
 * reads those lines and every error message stays what it was.  As with
 * cJSON_GetObjectItemCaseSensitive, the first of two fields of the same
 * name counts. */

enum { F_ID, F_DATE, F_TEXT, F_TITLE, F_URL, F_SOURCE, F_N };
static const char *const flat_field[F_N] = {"id", "date", "text", "title", "url", "source"};
#define FLAT_DEPTH 32

typedef struct {
    const char *s;
    size_t n, i;
    int seen[F_N]; /* 1 a string, 2 any other value: the first occurrence decides */
    buf *val[F_N]; /* where a string field's decoded value goes */
} flat;

static void flat_ws(flat *f)
{
    while (f->i < f->n && (f->s[f->i] == ' ' || f->s[f->i] == '\t' || f->s[f->i] == '\n' || f->s[f->i] == '\r'))
        f->i++;
}

static int hex4(const char *s, uint32_t *v)
{
    uint32_t c = 0;
    for (int k = 0; k < 4; k++) {
        char d = s[k];
        int x = d >= '0' && d <= '9' ? d - '0' : d >= 'a' && d <= 'f' ? d - 'a' + 10 : d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
        if (x < 0)
            return 0;
        c = c << 4 | (uint32_t)x;
    }
    *v = c;
    return 1;
}

/* The length of the run of ordinary string bytes at s[0..n): up to the
 * first '"', backslash or control byte.  A report's text is such a run of
 * kilobytes between a few escapes, so it is tested eight bytes at a time:
 * (x - 0x20 in every byte) & ~x has a byte's top bit set where that byte is
 * below 0x20 (a zero byte of x ^ '"' marks a quote), and may flag a byte
 * above a true hit through the borrow, never miss one; a flagged word is
 * then walked byte by byte. */
static size_t plain_run(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
        uint64_t hit = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x);
        if (hit & highs)
            break;
    }
    while (i < n && s[i] != '"' && s[i] != '\\' && (unsigned char)s[i] >= 0x20)
        i++;
    return i;
}

/* A string at f->i (the opening quote): decoded into out (NULL: only
 * checked), f->i past the closing quote.  0 when the fast path gives up. */
static int flat_string(flat *f, buf *out)
{
    f->i++;
    for (;;) {
        size_t run = f->i;
        f->i += plain_run(f->s + f->i, f->n - f->i);
        if (out && f->i > run)
            buf_put(out, f->s + run, f->i - run);
        if (f->i >= f->n || (unsigned char)f->s[f->i] < 0x20)
            return 0;
        if (f->s[f->i] == '"') {
            f->i++;
            return 1;
        }
        if (f->i + 1 >= f->n)
            return 0;
        char e = f->s[f->i + 1], c;
        f->i += 2;
        switch (e) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
            uint32_t v;
            if (f->n - f->i < 4 || !hex4(f->s + f->i, &v) || (v >= 0xD800 && v <= 0xDFFF))
                return 0;
            f->i += 4;
            if (out)
                put_utf8(out, v ? v : ' '); /* \u0000 is a space, as on cJSON's path below */
            continue;
        }
        default:
            return 0;
        }
        if (out)
            buf_putc(out, c);
    }
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A number, by the JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int flat_number(flat *f)
{
    const char *s = f->s;
    size_t i = f->i, n = f->n;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && is_digit(s[i]))
        while (i < n && is_digit(s[i]))
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        if (++i >= n || !is_digit(s[i]))
            return 0;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return 0;
        while (i < n && is_digit(s[i]))
            i++;
    }
    f->i = i;
    return 1;
}

static int flat_literal(flat *f, const char *word)
{
    size_t k = strlen(word);
    if (f->n - f->i < k || memcmp(f->s + f->i, word, k) != 0)
        return 0;
    f->i += k;
    return 1;
}

static int flat_value(flat *f, int depth);

/* After a member or an element: a ',' goes on (1), the closing bracket
 * ends the container (0), anything else is not JSON (-1). */
static int flat_after_value(flat *f, char close)
{
    flat_ws(f);
    if (f->i < f->n && f->s[f->i] == ',') {
        f->i++;
        flat_ws(f);
        return 1;
    }
    if (f->i < f->n && f->s[f->i] == close) {
        f->i++;
        return 0;
    }
    return -1;
}

/* An object or an array at f->i whose values are only checked (a field we
 * do not read, such as "gold"). */
static int flat_container(flat *f, int depth)
{
    char close = f->s[f->i] == '{' ? '}' : ']';
    int object = close == '}';
    if (depth >= FLAT_DEPTH)
        return 0;
    f->i++;
    flat_ws(f);
    if (f->i < f->n && f->s[f->i] == close) {
        f->i++;
        return 1;
    }
    for (;;) {
        if (object) {
            if (f->i >= f->n || f->s[f->i] != '"' || !flat_string(f, NULL))
                return 0;
            flat_ws(f);
            if (f->i >= f->n || f->s[f->i] != ':')
                return 0;
            f->i++;
            flat_ws(f);
        }
        if (!flat_value(f, depth + 1))
            return 0;
        int next = flat_after_value(f, close);
        if (next <= 0)
            return next == 0;
    }
}

static int flat_value(flat *f, int depth)
{
    if (f->i >= f->n)
        return 0;
    char c = f->s[f->i];
    if (c == '"')
        return flat_string(f, NULL);
    if (c == '{' || c == '[')
        return flat_container(f, depth);
    if (c == 't')
        return flat_literal(f, "true");
    if (c == 'f')
        return flat_literal(f, "false");
    if (c == 'n')
        return flat_literal(f, "null");
    return flat_number(f);
}

/* The fields of flat_field of the top-level object into f->val, the others
 * checked and dropped.  1 when the whole line was read. */
static int flat_scan(flat *f)
{
    flat_ws(f);
    if (f->i >= f->n || f->s[f->i] != '{')
        return 0;
    f->i++;
    flat_ws(f);
    if (f->i < f->n && f->s[f->i] == '}')
        f->i++;
    else
        for (;;) {
            if (f->i >= f->n || f->s[f->i] != '"')
                return 0;
            /* Field names are short and plain: the raw bytes are compared,
             * and a name with an escape in it is left to cJSON. */
            size_t k0 = f->i + 1, k = k0;
            while (k < f->n && f->s[k] != '"' && f->s[k] != '\\' && (unsigned char)f->s[k] >= 0x20)
                k++;
            if (k >= f->n || f->s[k] != '"')
                return 0;
            int which = -1;
            for (int w = 0; w < F_N; w++)
                if (strlen(flat_field[w]) == k - k0 && memcmp(f->s + k0, flat_field[w], k - k0) == 0)
                    which = w;
            f->i = k + 1;
            flat_ws(f);
            if (f->i >= f->n || f->s[f->i] != ':')
                return 0;
            f->i++;
            flat_ws(f);
            if (which >= 0 && !f->seen[which]) {
                if (f->i < f->n && f->s[f->i] == '"') {
                    f->seen[which] = 1;
                    if (!flat_string(f, f->val[which]))
                        return 0;
                } else {
                    if (which == F_ID)
                        return 0; /* a number as the id: cJSON's "%.0f" spells it */
                    f->seen[which] = 2;
                    if (!flat_value(f, 1))
                        return 0;
                }
            } else if (!flat_value(f, 1)) {
                return 0;
            }
            int next = flat_after_value(f, '}');
            if (next < 0)
                return 0;
            if (next == 0)
                break;
        }
    flat_ws(f);
    return f->i == f->n;
}

/* The checks and the document, from the decoded fields (NULL: absent or not
 * a string), shared by both paths so that they say the same things. */
static int json_doc(const char *id, const char *date, const char *text, size_t textlen, const char *title,
                    const char *url, const char *source, doc_owned *out, char *err, size_t errlen)
{
    size_t bad;
    if (!id || !*id) {
        snprintf(err, errlen, "missing \"id\"");
        return -1;
    }
    if (!date) {
        snprintf(err, errlen, "%s: missing \"date\"", id);
        return -1;
    }
    civil_date d;
    size_t dl = strlen(date);
    /* Accept a full timestamp ("2024-08-25T10:00:00Z"): the day is what counts. */
    if (!(dl >= 10 && date_parse_iso(date, 10, &d) && (dl == 10 || date[10] == 'T' || date[10] == ' '))) {
        snprintf(err, errlen, "%s: malformed date \"%.40s\" (expected YYYY-MM-DD)", id, date);
        return -1;
    }
    if (!text) {
        snprintf(err, errlen, "%s: missing \"text\"", id);
        return -1;
    }
    /* The whole line was checked to be UTF-8 before either path decoded it,
     * and neither decodes an escape into anything else (the fast path
     * hands surrogates to cJSON, which refuses a lone one): only blanks
     * remain to be checked. */
    if (check_blank(text, textlen, err, errlen, &bad) < 0 ||
        clean_or_refuse(text, textlen, &out->text, err, errlen) < 0) {
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", err);
        snprintf(err, errlen, "%s: %s", id, tmp);
        return -1;
    }
    /* On the fast path id, url and source were decoded in place. */
    if (out->id.data != id) {
        out->id.len = 0;
        buf_puts(&out->id, id);
    }
    if (title)
        clean_text(title, strlen(title), &out->title);
    if (url && out->url.data != url) {
        out->url.len = 0;
        buf_puts(&out->url, url);
    }
    if (source && out->source.data != source) {
        out->source.len = 0;
        buf_puts(&out->source, source);
    }
    out->doc.id = buf_cstr(&out->id);
    out->doc.date = (tally_date){d.year, d.month, d.day};
    out->doc.text = buf_cstr(&out->text);
    out->doc.len = out->text.len;
    out->doc.title = out->title.len ? buf_cstr(&out->title) : NULL;
    out->doc.url = url && out->url.len ? buf_cstr(&out->url) : NULL;
    out->doc.source = source && out->source.len ? buf_cstr(&out->source) : NULL;
    return 0;
}

/* The fast path.  1 with the outcome in *rc when it read the line; 0 when
 * cJSON must.  The date, the text and the title are decoded into scratch
 * buffers of out, reused from line to line, and cleaned from there. */
static int parse_flat(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen, int *rc)
{
    buf *date = &out->raw_date, *text = &out->raw_text, *title = &out->raw_title;
    date->len = text->len = title->len = 0;
    flat f = {.s = bytes, .n = len};
    f.val[F_ID] = &out->id;
    f.val[F_DATE] = date;
    f.val[F_TEXT] = text;
    f.val[F_TITLE] = title;
    f.val[F_URL] = &out->url;
    f.val[F_SOURCE] = &out->source;
    if (!flat_scan(&f)) {
        out->id.len = out->url.len = out->source.len = 0;
        return 0;
    }
    *rc = json_doc(f.seen[F_ID] == 1 ? buf_cstr(&out->id) : NULL, f.seen[F_DATE] == 1 ? buf_cstr(date) : NULL,
                   f.seen[F_TEXT] == 1 ? buf_cstr(text) : NULL, text->len,
                   f.seen[F_TITLE] == 1 ? buf_cstr(title) : NULL, f.seen[F_URL] == 1 ? buf_cstr(&out->url) : NULL,
                   f.seen[F_SOURCE] == 1 ? buf_cstr(&out->source) : NULL, out, err, errlen);
    return 1;
}

int doc_parse_json(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen)
{
    return doc_parse_json_with(bytes, len, out, err, errlen, 1);
}

int doc_parse_json_with(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen, int fast)
{
    reset(out);
    size_t bad;
    if (!utf8_valid(bytes, len, &bad)) {
        snprintf(err, errlen, "invalid UTF-8 at byte %zu of the line", bad);
        return -1;
    }
    int rc;
    if (fast && parse_flat(bytes, len, out, err, errlen, &rc))
        return rc;
    /* cJSON decodes "\u0000" into a NUL that ends its C string: the rest of
     * the text would vanish without a word.  Such escapes become "\u0020"
     * (a space, as clean_text makes of a raw NUL) in a copy of the line, byte
     * for byte, so that error positions still hold. */
    char *fixed = NULL;
    for (size_t i = 0; i + 1 < len; i++) {
        if (bytes[i] != '\\')
            continue;
        if (bytes[i + 1] == 'u' && len - i >= 6 && memcmp(bytes + i + 2, "0000", 4) == 0) {
            if (!fixed) {
                fixed = malloc(len);
                if (!fixed)
                    abort();
                memcpy(fixed, bytes, len);
            }
            memcpy(fixed + i + 2, "0020", 4);
        }
        i++; /* the escaped character, so that "\\\\u0000" stays text */
    }
    if (fixed)
        bytes = fixed;
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(bytes, len, &end, 0);
    if (!o) {
        size_t at = end && end >= bytes ? (size_t)(end - bytes) : 0;
        snprintf(err, errlen, "broken JSON near byte %zu", at);
        free(fixed);
        return -1;
    }
    rc = -1;
    if (!cJSON_IsObject(o)) {
        snprintf(err, errlen, "a JSON line must be an object with \"id\", \"date\" and \"text\"");
        goto done;
    }
    const cJSON *idv = cJSON_GetObjectItemCaseSensitive(o, "id");
    char idnum[32];
    const char *id = NULL;
    if (cJSON_IsString(idv))
        id = idv->valuestring;
    else if (cJSON_IsNumber(idv)) {
        snprintf(idnum, sizeof idnum, "%.0f", idv->valuedouble);
        id = idnum;
    }
    const char *text = json_str(o, "text");
    rc = json_doc(id, json_str(o, "date"), text, text ? strlen(text) : 0, json_str(o, "title"), json_str(o, "url"),
                  json_str(o, "source"), out, err, errlen);
done:
    cJSON_Delete(o);
    free(fixed);
    return rc;
}

/* ---- streams ----------------------------------------------------------- */

typedef struct {
    const tally_reader *r;
    size_t max;
    long skipped;
    int stopped;
    doc_owned d;
} reading;

static void report(reading *rd, const char *file, long line, const char *msg)
{
    rd->skipped++;
    if (rd->r->on_error)
        rd->r->on_error(rd->r->ctx, file, line, msg);
}

static void deliver(reading *rd)
{
    if (rd->r->on_doc && rd->r->on_doc(rd->r->ctx, &rd->d.doc))
        rd->stopped = 1;
}

/* Streams JSON Lines from f.  `pre` holds bytes already read from f (the
 * content sniff). */
static void read_jsonl(reading *rd, FILE *f, const char *file, const char *pre, size_t npre)
{
    buf line = {0};
    long lineno = 0;
    int too_long = 0;
    char chunk[65536];
    size_t n = 0, pos = 0;
    const char *src = pre;
    size_t srclen = npre;
    int from_pre = npre > 0;
    for (;;) {
        if (pos == srclen) {
            if (from_pre) {
                from_pre = 0;
                src = chunk;
                srclen = 0;
                pos = 0;
                continue;
            }
            n = fread(chunk, 1, sizeof chunk, f);
            src = chunk;
            srclen = n;
            pos = 0;
            if (n == 0)
                break;
        }
        const char *nl = memchr(src + pos, '\n', srclen - pos);
        size_t take = nl ? (size_t)(nl - (src + pos)) : srclen - pos;
        if (!too_long) {
            if (line.len + take > rd->max)
                too_long = 1;
            else
                buf_put(&line, src + pos, take);
        }
        pos += take;
        if (!nl)
            continue;
        pos++; /* the newline */
        lineno++;
        if (too_long) {
            char msg[96];
            snprintf(msg, sizeof msg, "line longer than the %zu-byte limit; skipped", rd->max);
            report(rd, file, lineno, msg);
        } else {
            size_t k = line.len;
            while (k && (line.data[k - 1] == '\r' || line.data[k - 1] == ' ' || line.data[k - 1] == '\t'))
                k--;
            size_t b = 0;
            while (b < k && (line.data[b] == ' ' || line.data[b] == '\t'))
                b++;
            if (k > b) {
                char err[256];
                if (doc_parse_json(line.data + b, k - b, &rd->d, err, sizeof err) < 0)
                    report(rd, file, lineno, err);
                else
                    deliver(rd);
            }
        }
        line.len = 0;
        too_long = 0;
        if (rd->stopped)
            break;
    }
    if (!rd->stopped && (line.len > 0 || too_long)) { /* last line without a newline */
        lineno++;
        char err[256];
        if (too_long) {
            snprintf(err, sizeof err, "line longer than the %zu-byte limit; skipped", rd->max);
            report(rd, file, lineno, err);
        } else if (doc_parse_json(line.data, line.len, &rd->d, err, sizeof err) < 0)
            report(rd, file, lineno, err);
        else
            deliver(rd);
    }
    if (ferror(f))
        report(rd, file, lineno + 1, "read error");
    buf_free(&line);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

/* Reads one stream, telling JSON Lines from the seed format by the first
 * non-blank byte. */
static void read_stream(reading *rd, FILE *f, const char *file)
{
    char pre[4096];
    size_t n = fread(pre, 1, sizeof pre, f);
    if (n >= 2 && (((unsigned char)pre[0] == 0xFF && (unsigned char)pre[1] == 0xFE) ||
                   ((unsigned char)pre[0] == 0xFE && (unsigned char)pre[1] == 0xFF))) {
        /* Word processors save "Unicode text" as UTF-16; said plainly, this
         * beats "missing date header" or "invalid UTF-8" at byte 1. */
        while (fread(pre, 1, sizeof pre, f) > 0)
            ;
        report(rd, file, 1, "UTF-16 text (it starts with a UTF-16 byte-order mark); tally reads UTF-8: "
                            "convert it first, e.g. iconv -f UTF-16 -t UTF-8");
        return;
    }
    size_t i = 0;
    while (i < n && (pre[i] == ' ' || pre[i] == '\t' || pre[i] == '\r' || pre[i] == '\n'))
        i++;
    if (i + 3 <= n && (unsigned char)pre[i] == 0xEF && (unsigned char)pre[i + 1] == 0xBB &&
        (unsigned char)pre[i + 2] == 0xBF)
        i += 3;
    if (i < n && pre[i] == '{') {
        read_jsonl(rd, f, file, pre, n);
        return;
    }
    buf all = {0};
    buf_put(&all, pre, n);
    char chunk[65536];
    size_t k;
    int too_big = 0;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (all.len + k > rd->max) {
            too_big = 1;
            continue; /* drain without keeping */
        }
        buf_put(&all, chunk, k);
    }
    if (ferror(f))
        report(rd, file, 1, "read error");
    else if (too_big) {
        char msg[96];
        snprintf(msg, sizeof msg, "report larger than the %zu-byte limit; skipped", rd->max);
        report(rd, file, 1, msg);
    } else if (n == 0)
        report(rd, file, 1, "empty file");
    else {
        char err[256];
        long line = 1;
        if (doc_parse_seed(base_name(file), all.data, all.len, &rd->d, err, sizeof err, &line) < 0)
            report(rd, file, line, err);
        else
            deliver(rd);
    }
    buf_free(&all);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void read_any(reading *rd, const char *path, int depth)
{
    if (rd->stopped)
        return;
    if (strcmp(path, "-") == 0) {
        read_stream(rd, stdin, "<stdin>");
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        report(rd, path, 0, msg);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (depth > 64) {
            report(rd, path, 0, "directories nested too deep");
            return;
        }
        DIR *dir = opendir(path);
        if (!dir) {
            char msg[128];
            snprintf(msg, sizeof msg, "cannot open directory: %s", strerror(errno));
            report(rd, path, 0, msg);
            return;
        }
        /* Sorted, so that output order does not depend on the file system. */
        char **names = NULL;
        size_t nn = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (e->d_name[0] == '.')
                continue; /* ., .., hidden files */
            if (nn == cap) {
                cap = cap ? cap * 2 : 32;
                names = realloc(names, cap * sizeof *names);
                if (!names)
                    abort();
            }
            buf p = {0};
            buf_printf(&p, "%s/%s", path, e->d_name);
            names[nn++] = p.data;
        }
        closedir(dir);
        if (nn)
            qsort(names, nn, sizeof *names, cmp_str);
        for (size_t k = 0; k < nn; k++) {
            read_any(rd, names[k], depth + 1);
            free(names[k]);
        }
        free(names);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        char msg[128];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        report(rd, path, 0, msg);
        return;
    }
    read_stream(rd, f, path);
    fclose(f);
}

long tally_read_path(const tally_reader *r, const char *path)
{
    reading rd = {.r = r, .max = r->max_doc_bytes ? r->max_doc_bytes : DOC_DEFAULT_MAX};
    read_any(&rd, path, 0);
    doc_owned_free(&rd.d);
    return rd.stopped ? -1 : rd.skipped;
}
