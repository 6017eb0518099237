/* tally.c -- the library's front door: loading resources, running the stages
 * on one report (see model.h for the order), freeing results. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actor.h"
#include "claim.h"
#include "event.h"
#include "model.h"
#include "place.h"

#ifndef TALLY_DATADIR
#define TALLY_DATADIR "data"
#endif
#ifndef TALLY_GAZETTEER
#define TALLY_GAZETTEER "build/gazetteer.bin"
#endif

void *grow_array(void *p, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(p, c * elem);
    if (!q) {
        fputs("tally: out of memory\n", stderr);
        abort();
    }
    *cap = c;
    return q;
}

void span_copy(const char *text, span sp, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    for (uint32_t i = sp.start; i < sp.end && n + 1 < cap; i++) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < cap)
            out[n++] = ' ';
        space = 0;
        out[n++] = c;
    }
    /* never cut a UTF-8 sequence in half */
    while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80 && n + 1 >= cap)
        n--;
    if (n > 0 && (unsigned char)out[n - 1] >= 0xC0)
        n--;
    out[n] = '\0';
}

static const struct {
    const char *file;
    int min_attrs;
    size_t off;
} lexicons[] = {
    {"triggers.tsv", 3, offsetof(struct tally, triggers)},
    {"actors.tsv", 3, offsetof(struct tally, actors)},
    {"forces.tsv", 2, offsetof(struct tally, forces)},
    {"victims.tsv", 2, offsetof(struct tally, victims)},
    {"outcomes.tsv", 2, offsetof(struct tally, outcomes)},
    {"qualifiers.tsv", 1, offsetof(struct tally, qualifiers)},
    {"sources.tsv", 1, offsetof(struct tally, sources)},
    {"attribution.tsv", 1, offsetof(struct tally, attribution)},
    {"locatives.tsv", 1, offsetof(struct tally, locatives)},
    {"notplaces.tsv", 0, offsetof(struct tally, notplaces)},
    {"facilities.tsv", 1, offsetof(struct tally, facilities)},
};

tally *tally_open(const char *datadir, const char *gazetteer, char *err, size_t errlen)
{
    if (!datadir)
        datadir = getenv("TALLY_DATA");
    if (!datadir)
        datadir = TALLY_DATADIR;
    if (!gazetteer)
        gazetteer = getenv("TALLY_GAZETTEER");
    if (!gazetteer)
        gazetteer = TALLY_GAZETTEER;
    tally *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    for (size_t i = 0; i < ARRAY_LEN(lexicons); i++) {
        buf path = {0};
        buf_printf(&path, "%s/%s", datadir, lexicons[i].file);
        lexicon *lx = lex_load(path.data, lexicons[i].min_attrs, err, errlen);
        buf_free(&path);
        if (!lx) {
            tally_close(t);
            return NULL;
        }
        *(lexicon **)((char *)t + lexicons[i].off) = lx;
    }
    lexicon *all[ARRAY_LEN(lexicons)];
    for (size_t i = 0; i < ARRAY_LEN(lexicons); i++)
        all[i] = *(lexicon **)((char *)t + lexicons[i].off);
    t->lexset = lex_set_new(all, ARRAY_LEN(all));
    const char *rule = getenv("TALLY_BEST");
    if (rule && rule[0] && tally_set_best_rule(t, rule) != 0) {
        snprintf(err, errlen, "TALLY_BEST: unknown rule '%s' (lower-median, prefer-independent)", rule);
        tally_close(t);
        return NULL;
    }
    t->gaz = gaz_open(gazetteer, err, errlen);
    if (!t->gaz) {
        tally_close(t);
        return NULL;
    }
    return t;
}

const char *const best_rule_name[BEST_N] = {"lower-median", "prefer-independent"};

int tally_set_best_rule(tally *t, const char *rule)
{
    for (int k = 0; k < BEST_N; k++)
        if (!strcmp(rule, best_rule_name[k])) {
            t->best_rule = (enum best_rule)k;
            return 0;
        }
    return -1;
}

void tally_close(tally *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < ARRAY_LEN(lexicons); i++)
        lex_free(*(lexicon **)((char *)t + lexicons[i].off));
    lex_set_free(t->lexset);
    gaz_close(t->gaz);
    free(t);
}

/* The token, sentence and key arrays of a report are as large as its text
 * and were allocated (and grown, and freed) anew for every report: a thread
 * keeps them instead for its next report, since text_split overwrites every
 * field it hands out.  A thread that ends frees them (spare_key's
 * destructor); the main thread's stay reachable from its TLS until exit.
 * Arrays grown for an unusually long text are not kept, so that one huge
 * report does not pin its memory for the rest of the run. */
#define SPARE_MAX_TOKENS (1u << 18)
static _Thread_local text_doc spare_td;
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_key_ok;

static void spare_free(void *p) { text_free(p); }
static void spare_key_make(void) { spare_key_ok = pthread_key_create(&spare_key, spare_free) == 0; }

static void take_spare(text_doc *td)
{
    *td = spare_td;
    memset(&spare_td, 0, sizeof spare_td);
}

static void keep_spare(text_doc *td)
{
    pthread_once(&spare_once, spare_key_make);
    if (!spare_key_ok || td->captok > SPARE_MAX_TOKENS) {
        text_free(td);
        return;
    }
    spare_td = *td;
    spare_td.text = NULL;
    spare_td.len = 0;
    pthread_setspecific(spare_key, &spare_td);
}

tally_events *tally_extract(const tally *t, const tally_doc *doc)
{
    tally_events *out = calloc(1, sizeof *out);
    if (!out)
        abort();
    buf_puts(&out->doc_id, doc->id ? doc->id : "");
    buf_put(&out->text, doc->text, doc->len);
    analysis a = {0};
    a.t = t;
    a.doc = doc;
    a.report = (civil_date){doc->date.year, doc->date.month, doc->date.day};
    out->report = a.report;
    take_spare(&a.td);
    if (text_split(&a.td, doc->text, doc->len) == 0) {
        if (t->lexset)
            lex_set_mark(t->lexset, &a.td);
        a.no_demonym = calloc(a.td.ntok + 1, 1); /* NULL only disables the cache */
        places_scan(&a);
        actors_scan(&a);
        claims_scan(&a);
        events_build(&a, out);
    }
    memcpy(out->country, a.country, 3);
    out->claims = a.claims;
    out->nclaims = a.nclaims;
    keep_spare(&a.td);
    free(a.places);
    free(a.actors);
    free(a.no_demonym);
    return out;
}

size_t tally_events_count(const tally_events *ev) { return ev->n; }

void tally_events_free(tally_events *ev)
{
    if (!ev)
        return;
    for (size_t k = 0; k < ev->n; k++)
        event_free(&ev->ev[k]);
    free(ev->ev);
    free(ev->claims);
    buf_free(&ev->doc_id);
    buf_free(&ev->text);
    free(ev);
}
