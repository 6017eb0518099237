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

static int check_text(const char *text, size_t len, char *err, size_t errlen, size_t *bad)
{
    if (!utf8_valid(text, len, bad)) {
        snprintf(err, errlen, "invalid UTF-8 at byte %zu", *bad);
        return -1;
    }
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

int doc_parse_json(const char *bytes, size_t len, doc_owned *out, char *err, size_t errlen)
{
    reset(out);
    size_t bad;
    if (!utf8_valid(bytes, len, &bad)) {
        snprintf(err, errlen, "invalid UTF-8 at byte %zu of the line", bad);
        return -1;
    }
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
    int rc = -1;
    if (!cJSON_IsObject(o)) {
        snprintf(err, errlen, "a JSON line must be an object with \"id\", \"date\" and \"text\"");
        goto done;
    }
    const cJSON *idv = cJSON_GetObjectItemCaseSensitive(o, "id");
    const char *date = json_str(o, "date"), *text = json_str(o, "text");
    char idnum[32];
    const char *id = NULL;
    if (cJSON_IsString(idv))
        id = idv->valuestring;
    else if (cJSON_IsNumber(idv)) {
        snprintf(idnum, sizeof idnum, "%.0f", idv->valuedouble);
        id = idnum;
    }
    if (!id || !*id) {
        snprintf(err, errlen, "missing \"id\"");
        goto done;
    }
    if (!date) {
        snprintf(err, errlen, "%s: missing \"date\"", id);
        goto done;
    }
    civil_date d;
    size_t dl = strlen(date);
    /* Accept a full timestamp ("2024-08-25T10:00:00Z"): the day is what counts. */
    if (!(dl >= 10 && date_parse_iso(date, 10, &d) && (dl == 10 || date[10] == 'T' || date[10] == ' '))) {
        snprintf(err, errlen, "%s: malformed date \"%.40s\" (expected YYYY-MM-DD)", id, date);
        goto done;
    }
    if (!text) {
        snprintf(err, errlen, "%s: missing \"text\"", id);
        goto done;
    }
    if (check_text(text, strlen(text), err, errlen, &bad) < 0) {
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", err);
        snprintf(err, errlen, "%s: %s", id, tmp);
        goto done;
    }
    if (clean_or_refuse(text, strlen(text), &out->text, err, errlen) < 0) {
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", err);
        snprintf(err, errlen, "%s: %s", id, tmp);
        goto done;
    }
    buf_puts(&out->id, id);
    const char *s;
    if ((s = json_str(o, "title")))
        clean_text(s, strlen(s), &out->title);
    if ((s = json_str(o, "url")))
        buf_puts(&out->url, s);
    if ((s = json_str(o, "source")))
        buf_puts(&out->source, s);
    out->doc.id = buf_cstr(&out->id);
    out->doc.date = (tally_date){d.year, d.month, d.day};
    out->doc.text = buf_cstr(&out->text);
    out->doc.len = out->text.len;
    out->doc.title = out->title.len ? buf_cstr(&out->title) : NULL;
    out->doc.url = out->url.len ? buf_cstr(&out->url) : NULL;
    out->doc.source = out->source.len ? buf_cstr(&out->source) : NULL;
    rc = 0;
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
