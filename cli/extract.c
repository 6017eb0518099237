/* extract.c -- `tally extract`: reports in, event records out, in input
 * order whatever the thread count. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tally.h"

void cli_on_error(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file, msg);
}

typedef struct {
    const tally *t;
    int csv;
    long docs, events;
} job;

/* -j 1: extract and write as the reader hands over each document. */
static int on_doc(void *ctx, const tally_doc *doc)
{
    job *j = ctx;
    tally_events *ev = tally_extract(j->t, doc);
    if (j->csv)
        tally_write_csv(ev, stdout);
    else
        tally_write_jsonl(ev, stdout);
    j->docs++;
    j->events += (long)tally_events_count(ev);
    tally_events_free(ev);
    return 0;
}

/* ---- -j N: document-level parallelism --------------------------------------
 *
 * The reader (the main thread, inside tally_read_path) copies each document
 * into the slot of its sequence number; N workers take documents in sequence
 * order, extract them and render the output into a memory buffer; one writer
 * thread writes the buffers to stdout strictly in sequence order, so the
 * output is byte-identical to -j 1.  A document occupies its slot from the
 * moment it is read until its output is written, and the reader waits while
 * all WINDOW_PER_WORKER * N slots are taken: memory is bounded by that many
 * documents (and their outputs), whatever the order workers finish in.
 *
 * All shared state is under one mutex; extraction, rendering and writing
 * happen outside it. */
#define WINDOW_PER_WORKER 4

enum { SLOT_FREE, SLOT_READ, SLOT_BUSY, SLOT_DONE };

typedef struct {
    int state;
    tally_doc doc;       /* strings point into mem */
    char *mem;
    char *out;           /* rendered output */
    size_t outlen;
    long events;
} slot;

typedef struct {
    const tally *t;
    int csv;
    size_t nslots;
    slot *slots;
    unsigned long long next_read;    /* sequence number of the next document read */
    unsigned long long next_take;    /* next document a worker takes */
    unsigned long long next_write;   /* next document written */
    int eof;                         /* the reader is done */
    pthread_mutex_t mu;
    pthread_cond_t can_read;   /* a slot became free */
    pthread_cond_t can_take;   /* a document was read, or eof */
    pthread_cond_t can_write;  /* a document was done, or eof */
    long docs, events;         /* written by the writer thread, read after join */
} pool;

static void die_oom(void)
{
    fputs("tally: out of memory\n", stderr);
    abort();
}

static char *copy_field(char **p, const char *s, size_t n)
{
    char *d = *p;
    memcpy(d, s, n);
    d[n] = '\0';
    *p += n + 1;
    return d;
}

static int pool_on_doc(void *ctx, const tally_doc *doc)
{
    pool *p = ctx;
    /* One allocation per document: id, text, title, url, source. */
    size_t lid = doc->id ? strlen(doc->id) : 0, ltitle = doc->title ? strlen(doc->title) : 0,
           lurl = doc->url ? strlen(doc->url) : 0, lsrc = doc->source ? strlen(doc->source) : 0;
    char *mem = malloc(lid + doc->len + ltitle + lurl + lsrc + 5);
    if (!mem)
        die_oom();
    char *w = mem;
    tally_doc d = *doc;
    d.id = doc->id ? copy_field(&w, doc->id, lid) : NULL;
    d.text = copy_field(&w, doc->text, doc->len);
    d.title = doc->title ? copy_field(&w, doc->title, ltitle) : NULL;
    d.url = doc->url ? copy_field(&w, doc->url, lurl) : NULL;
    d.source = doc->source ? copy_field(&w, doc->source, lsrc) : NULL;

    pthread_mutex_lock(&p->mu);
    while (p->next_read - p->next_write >= p->nslots)
        pthread_cond_wait(&p->can_read, &p->mu);
    slot *s = &p->slots[p->next_read % p->nslots];
    s->state = SLOT_READ;
    s->doc = d;
    s->mem = mem;
    p->next_read++;
    pthread_cond_signal(&p->can_take);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

static void *pool_worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_take == p->next_read && !p->eof)
            pthread_cond_wait(&p->can_take, &p->mu);
        if (p->next_take == p->next_read)
            break;   /* eof and nothing left */
        slot *s = &p->slots[p->next_take % p->nslots];
        p->next_take++;
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);

        tally_events *ev = tally_extract(p->t, &s->doc);
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (!f)
            die_oom();
        if (p->csv)
            tally_write_csv(ev, f);
        else
            tally_write_jsonl(ev, f);
        if (fclose(f) != 0)
            die_oom();
        long nev = (long)tally_events_count(ev);
        tally_events_free(ev);
        free(s->mem);

        pthread_mutex_lock(&p->mu);
        s->mem = NULL;
        s->out = buf;
        s->outlen = len;
        s->events = nev;
        s->state = SLOT_DONE;
        if (s == &p->slots[p->next_write % p->nslots])
            pthread_cond_signal(&p->can_write);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *pool_writer(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot *s = &p->slots[p->next_write % p->nslots];
        while (!(p->next_write < p->next_read && s->state == SLOT_DONE) &&
               !(p->eof && p->next_write == p->next_read))
            pthread_cond_wait(&p->can_write, &p->mu);
        if (p->next_write == p->next_read)
            break;   /* eof, everything written */
        char *out = s->out;
        size_t len = s->outlen;
        p->docs++;
        p->events += s->events;
        pthread_mutex_unlock(&p->mu);

        fwrite(out, 1, len, stdout);
        free(out);

        pthread_mutex_lock(&p->mu);
        s->out = NULL;
        s->state = SLOT_FREE;
        p->next_write++;
        pthread_cond_signal(&p->can_read);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Reads every path with nthreads workers; fills docs/events; returns the
 * number of documents skipped, or -1 if the threads could not start. */
static long extract_parallel(const tally *t, int csv, int nthreads, char **paths, int npaths, long *docs,
                             long *events)
{
    pool p = {.t = t, .csv = csv, .nslots = (size_t)nthreads * WINDOW_PER_WORKER};
    p.slots = calloc(p.nslots, sizeof *p.slots);
    pthread_t *th = calloc((size_t)nthreads + 1, sizeof *th);
    if (!p.slots || !th) {
        free(p.slots);
        free(th);
        fputs("tally: out of memory\n", stderr);
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.can_read, NULL);
    pthread_cond_init(&p.can_take, NULL);
    pthread_cond_init(&p.can_write, NULL);

    int started = 0, rc = 0;
    if ((rc = pthread_create(&th[0], NULL, pool_writer, &p)) == 0) {
        started = 1;
        while (started <= nthreads && (rc = pthread_create(&th[started], NULL, pool_worker, &p)) == 0)
            started++;
    }
    long skipped = 0;
    if (started == nthreads + 1) {
        tally_reader r = {.on_doc = pool_on_doc, .on_error = cli_on_error, .ctx = &p};
        for (int i = 0; i < npaths; i++) {
            long s = tally_read_path(&r, paths[i]);
            if (s > 0)
                skipped += s;
        }
    } else {
        fprintf(stderr, "tally: cannot start %d threads: %s\n", nthreads, strerror(rc));
        skipped = -1;
    }
    pthread_mutex_lock(&p.mu);
    p.eof = 1;
    pthread_cond_broadcast(&p.can_take);
    pthread_cond_broadcast(&p.can_write);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);

    *docs = p.docs;
    *events = p.events;
    pthread_cond_destroy(&p.can_write);
    pthread_cond_destroy(&p.can_take);
    pthread_cond_destroy(&p.can_read);
    pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(th);
    return skipped;
}

/* "-j N" value: 0 = online CPUs.  Returns the thread count, or -1. */
static int parse_jobs(const char *s)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (!*s || *end || errno || n < 0 || n > 1024)
        return -1;
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (c > 1024 ? 1024 : c) : 1;
    }
    return (int)n;
}

int cmd_extract(int argc, char **argv)
{
    const char *datadir = NULL, *gazetteer = NULL;
    int csv = 0, nthreads = 1;
    int npaths = 0;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--format") && i + 1 < argc) {
            const char *f = argv[++i];
            if (!strcmp(f, "csv"))
                csv = 1;
            else if (!strcmp(f, "jsonl") || !strcmp(f, "json"))
                csv = 0;
            else {
                fprintf(stderr, "tally: unknown format '%s' (jsonl or csv)\n", f);
                free(paths);
                return 2;
            }
        } else if ((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && i + 1 < argc) {
            const char *v = argv[++i];
            if ((nthreads = parse_jobs(v)) < 0) {
                fprintf(stderr, "tally: bad thread count '%s' (0 to 1024)\n", v);
                free(paths);
                return 2;
            }
        } else if (!strncmp(a, "-j", 2) && a[2] != '\0') {
            if ((nthreads = parse_jobs(a + 2)) < 0) {
                fprintf(stderr, "tally: bad thread count '%s' (0 to 1024)\n", a + 2);
                free(paths);
                return 2;
            }
        } else if (!strcmp(a, "--data") && i + 1 < argc)
            datadir = argv[++i];
        else if (!strcmp(a, "--gazetteer") && i + 1 < argc)
            gazetteer = argv[++i];
        else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "tally: unknown option '%s'\n", a);
            cli_usage(stderr);
            free(paths);
            return 2;
        } else
            paths[npaths++] = argv[i];
    }
    if (npaths == 0) {
        cli_usage(stderr);
        free(paths);
        return 2;
    }
    char err[512];
    tally *t = tally_open(datadir, gazetteer, err, sizeof err);
    if (!t) {
        fprintf(stderr, "tally: %s\n", err);
        free(paths);
        return 2;
    }
    job j = {.t = t, .csv = csv};
    if (csv)
        tally_write_csv_header(stdout);
    long skipped = 0;
    if (nthreads > 1) {
        skipped = extract_parallel(t, csv, nthreads, paths, npaths, &j.docs, &j.events);
        if (skipped < 0) {
            tally_close(t);
            free(paths);
            return 2;
        }
    } else {
        tally_reader r = {.on_doc = on_doc, .on_error = cli_on_error, .ctx = &j};
        for (int i = 0; i < npaths; i++) {
            long s = tally_read_path(&r, paths[i]);
            if (s > 0)
                skipped += s;
        }
    }
    fflush(stdout);
    tally_close(t);
    free(paths);
    if (skipped)
        fprintf(stderr, "tally: %ld document(s) read, %ld skipped, %ld event(s)\n", j.docs, skipped, j.events);
    return skipped ? 1 : 0;
}

