/* dates.c -- `tally dates`: the time expressions of each report, one JSON
 * object a line, resolved against the report date (the date stage alone:
 * src/when.h, docs/dates.md).  Offsets are bytes into the report text.
 *
 *   {"doc_id":"r1","start":31,"end":37,"text":"Sunday","kind":"date",
 *    "value":"2024-08-25","first":"2024-08-25","last":"2024-08-25",
 *    "precision":1,"background":false,"reporting":false}
 *
 * kind "anchored" ("the next day") gives off_start/off_end in days from the
 * event it follows; kind "duration" ("three days of fighting") gives ndays and
 * lasting (whether it says how long the event went on); kind "time" (a clock
 * time with no day next to it) gives first, the day it was put on; kinds "set"
 * ("every year") and "ref" ("now") give only their value.  A date that marks a
 * later step ("was arrested Sunday") has "aftermath":true.
 * --count prints only the totals (documents, sentences, mentions). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally.h"
#include "text.h"
#include "when.h"

typedef struct {
    int count_only;
    text_doc td;
    long docs, sentences, mentions;
} dates_job;

static void put_json_str(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void put_mention(const tally_doc *doc, const when_mention *m, size_t base)
{
    static const char *const kinds[] = {"date", "anchored", "duration", "set", "ref", "time"};
    char v[WHEN_VALUE_MAX], a[11], b[11];
    when_value(m, v);
    fputs("{\"doc_id\":", stdout);
    put_json_str(doc->id, strlen(doc->id));
    printf(",\"start\":%zu,\"end\":%zu,\"text\":", base + m->start, base + m->end);
    put_json_str(doc->text + base + m->start, m->end - m->start);
    printf(",\"kind\":\"%s\",\"value\":\"%s\"", kinds[m->kind], v);
    if (m->kind == WHEN_DATE) {
        date_format(m->first, a);
        date_format(m->last, b);
        printf(",\"first\":\"%s\",\"last\":\"%s\",\"precision\":%d,\"background\":%s,\"reporting\":%s", a, b,
               m->precision, m->background ? "true" : "false", m->reporting ? "true" : "false");
        if (m->aftermath)
            fputs(",\"aftermath\":true", stdout);
    } else if (m->kind == WHEN_ANCHORED) {
        printf(",\"off_start\":%d,\"off_end\":%d,\"precision\":%d", m->off_start, m->off_end, m->precision);
    } else if (m->kind == WHEN_DURATION) {
        printf(",\"ndays\":%d,\"lasting\":%s", m->ndays, m->lasting ? "true" : "false");
    } else if (m->kind == WHEN_TIME) {
        date_format(m->first, a);
        printf(",\"first\":\"%s\"", a);
    }
    fputs("}\n", stdout);
}

static int on_doc(void *ctx, const tally_doc *doc)
{
    dates_job *j = ctx;
    civil_date report = {doc->date.year, doc->date.month, doc->date.day};
    j->docs++;
    if (text_split(&j->td, doc->text, doc->len) != 0)
        return 0; /* over 4 GiB: the reader's size limit stops this first */
    when_mention wm[32];
    for (size_t s = 0; s < j->td.nsent; s++) {
        const sentence *se = &j->td.sent[s];
        size_t n = when_scan(doc->text + se->start, se->end - se->start, report, wm, ARRAY_LEN(wm));
        j->sentences++;
        j->mentions += (long)n;
        if (j->count_only)
            continue;
        for (size_t k = 0; k < n && k < ARRAY_LEN(wm); k++)
            put_mention(doc, &wm[k], se->start);
    }
    return 0;
}

int cmd_dates(int argc, char **argv)
{
    dates_job j;
    memset(&j, 0, sizeof j);
    int npaths = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--count"))
            j.count_only = 1;
        else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "-")) {
            fprintf(stderr, "tally dates: unknown option '%s'\n", argv[i]);
            cli_usage(stderr);
            return 2;
        } else
            npaths++;
    }
    if (!npaths) {
        cli_usage(stderr);
        return 2;
    }
    tally_reader r = {.on_doc = on_doc, .on_error = cli_on_error, .ctx = &j};
    long skipped = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--count"))
            continue;
        long s = tally_read_path(&r, argv[i]);
        if (s > 0)
            skipped += s;
    }
    if (j.count_only)
        printf("documents: %ld\nsentences: %ld\nmentions: %ld\n", j.docs, j.sentences, j.mentions);
    text_free(&j.td);
    fflush(stdout);
    return skipped ? 1 : 0;
}
