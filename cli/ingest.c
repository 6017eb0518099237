/* ingest.c -- `tally ingest`: reports in, events merged into tally.db
 * (src/store.h, docs/store.md).
 *
 * One transaction per batch (BATCH_DOCS documents or BATCH_SECONDS,
 * whichever comes first): a kill loses at most the batch in flight, and a
 * rerun redoes it, finding the committed documents unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store.h"
#include "tally.h"

#define BATCH_DOCS 256
#define BATCH_SECONDS 1.0
#define PROGRESS_SECONDS 0.25

typedef struct {
    tally *t;
    store *st;
    int tty;                  /* stderr is a terminal: show progress */
    long total;               /* documents to read, 0 when unknown */
    long docs, result[3], failed, events;
    long in_batch;
    double start, batch_start, last_progress;
    int fatal;                /* a commit failed: stop reading */
    char err[512];
} ingest;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void clear_progress(const ingest *g)
{
    if (g->tty)
        fputs("\r\033[K", stderr);
}

static void progress(ingest *g, int force)
{
    double t = now_s();
    if (!g->tty || (!force && t - g->last_progress < PROGRESS_SECONDS))
        return;
    g->last_progress = t;
    double rate = t > g->start ? g->docs / (t - g->start) : 0;
    fprintf(stderr, "\r\033[Ktally ingest: %ld", g->docs);
    if (g->total)
        fprintf(stderr, "/%ld", g->total);
    fprintf(stderr, " documents, %ld events, %.0f docs/s", g->events, rate);
    if (g->total && rate > 0 && g->total > g->docs) {
        long eta = (long)((g->total - g->docs) / rate + 0.5);
        fprintf(stderr, ", ETA %ld:%02ld", eta / 60, eta % 60);
    }
    fflush(stderr);
}

static void on_error(void *ctx, const char *file, long line, const char *msg)
{
    clear_progress(ctx);
    cli_on_error(ctx, file, line, msg);
}

static int commit_batch(ingest *g, int reopen)
{
    if (store_commit(g->st, g->err, sizeof g->err) < 0 || (reopen && store_begin(g->st, g->err, sizeof g->err) < 0)) {
        clear_progress(g);
        fprintf(stderr, "tally: %s\n", g->err);
        g->fatal = 1;
        return -1;
    }
    g->in_batch = 0;
    g->batch_start = now_s();
    return 0;
}

static int on_doc(void *ctx, const tally_doc *doc)
{
    ingest *g = ctx;
    tally_events *ev = tally_extract(g->t, doc);
    int r = store_put(g->st, doc, ev, g->err, sizeof g->err);
    if (r == STORE_ERROR) {
        clear_progress(g);
        fprintf(stderr, "%s: cannot store: %s\n", doc->id, g->err);
        g->failed++;
    } else {
        g->result[r]++;
        if (r != STORE_UNCHANGED)
            g->events += (long)tally_events_count(ev);
    }
    tally_events_free(ev);
    g->docs++;
    if (++g->in_batch >= BATCH_DOCS || now_s() - g->batch_start >= BATCH_SECONDS)
        if (commit_batch(g, 1) < 0)
            return 1;
    progress(g, 0);
    return 0;
}

/* The total for the ETA: a first, quiet pass that only parses. */
static int count_doc(void *ctx, const tally_doc *doc)
{
    (void)doc;
    ++*(long *)ctx;
    return 0;
}
static void count_error(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx, (void)file, (void)line, (void)msg;
}

int cmd_ingest(int argc, char **argv)
{
    const char *db = "tally.db", *datadir = NULL, *gazetteer = NULL;
    int npaths = 0;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(a, "--data") && i + 1 < argc)
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
    ingest g = {.tty = isatty(STDERR_FILENO)};
    g.t = tally_open(datadir, gazetteer, g.err, sizeof g.err);
    if (!g.t) {
        fprintf(stderr, "tally: %s\n", g.err);
        free(paths);
        return 2;
    }
    g.st = store_open(db, 0, g.err, sizeof g.err);
    if (!g.st) {
        fprintf(stderr, "tally: %s\n", g.err);
        tally_close(g.t);
        free(paths);
        return 2;
    }
    if (g.tty) {
        int stream = 0;
        for (int i = 0; i < npaths; i++)
            stream |= !strcmp(paths[i], "-");
        tally_reader c = {.on_doc = count_doc, .on_error = count_error, .ctx = &g.total};
        for (int i = 0; i < npaths && !stream; i++)
            tally_read_path(&c, paths[i]);
    }
    g.start = g.batch_start = now_s();
    long skipped = 0;
    if (store_begin(g.st, g.err, sizeof g.err) < 0) {
        fprintf(stderr, "tally: %s\n", g.err);
        g.fatal = 1;
    } else {
        tally_reader r = {.on_doc = on_doc, .on_error = on_error, .ctx = &g};
        for (int i = 0; i < npaths && !g.fatal; i++) {
            long s = tally_read_path(&r, paths[i]);
            if (s > 0)
                skipped += s;
        }
        if (!g.fatal)
            commit_batch(&g, 0);
    }
    progress(&g, 1);
    clear_progress(&g);
    const store_counts *c = store_stats(g.st);
    fprintf(stderr,
            "tally: %ld document(s): %ld new, %ld unchanged, %ld replaced, %ld skipped; %ld event(s) created, %ld "
            "report(s) merged into existing events\n",
            g.docs + skipped, g.result[STORE_NEW], g.result[STORE_UNCHANGED], g.result[STORE_REPLACED],
            skipped + g.failed, c->events_created, c->reports_merged);
    store_close(g.st);
    tally_close(g.t);
    free(paths);
    if (g.fatal)
        return 2;
    return skipped || g.failed ? 1 : 0;
}
