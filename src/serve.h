/* serve.h -- what `tally serve` answers, without the HTTP server: routing,
 * parameter checks, the JSON of the API and the static page's files.  The
 * CLI (cli/serve.c) only moves bytes between libmicrohttpd and serve_handle,
 * so every answer can be tested without a socket (tests/test_serve.c).
 *
 * Contract (docs/serve.md is the reader's version):
 *   - serve_open opens the store read-only (export_open_db: SQLITE_OPEN_
 *     READONLY, schema checked) plus PRAGMA query_only, one connection per
 *     handler thread, and reads the page's files into memory from a fixed
 *     list: a request path is looked up in that list and never reaches the
 *     file system, so no path can climb out of the www directory.
 *   - serve_handle answers one request from its method and its URI as
 *     received (path and query, still percent-encoded).  It is thread-safe.
 *     Every answer has a status, a Content-Type and a body; an error's body
 *     is {"error": "..."} with a message about the request, never about the
 *     server's internals (those go to stderr).
 *       GET/HEAD only (else 405 with Allow); a URI longer than
 *       SERVE_MAX_URI: 414; a bad path or parameter: 400; an unknown path or
 *       event: 404; an SQLite error: 500.
 *   - All SQL is prepared with bound parameters; the query string goes
 *     through serve_parse_query (serve_query.h) first.
 *   - serve_rate_take is the per-client rate limit (a token bucket per
 *     address), serve_host_ok the Host check against DNS rebinding.
 */
#ifndef TALLY_SERVE_H
#define TALLY_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "countries.h"
#include "serve_query.h"

#define SERVE_MAX_URI 2048 /* bytes of path and query as received */

typedef struct serve_app serve_app;

typedef struct {
    const char *db_path;
    const char *www_dir;        /* the built page (build/www); NULL: API only */
    const countries *countries; /* resolves country=ML/MLI/Mali; NULL: alpha-3 codes only */
    int connections;            /* SQLite connections, one per handler thread (1 if 0) */
} serve_config;

/* NULL with a message naming the file in err. */
serve_app *serve_open(const serve_config *cfg, char *err, size_t errlen);
void serve_close(serve_app *app);

typedef struct {
    int status;
    const char *content_type;
    const char *body; /* owned when `owned`, else the app's memory (a static file) */
    size_t len;
    int owned;
    int is_static;    /* a page file (cacheable) rather than an API answer */
    char *storage;    /* what serve_response_free frees */
} serve_response;

void serve_handle(serve_app *app, const char *method, const char *uri, serve_response *r);
void serve_response_free(serve_response *r);

/* ---- rate limit ------------------------------------------------------------ */
/* A token bucket per client address (hashed into a fixed table, so memory
 * does not grow with the number of clients): `rate` requests a second,
 * bursts of `burst`.  rate 0 turns the limit off. */
typedef struct serve_rate serve_rate;
serve_rate *serve_rate_new(double rate, double burst);
void serve_rate_free(serve_rate *r);
/* 1: the request may go on; 0: answer 429.  now is seconds (monotonic). */
int serve_rate_take(serve_rate *r, const void *addr, size_t addrlen, double now);

/* When the server listens on loopback only, a browser must have reached it
 * by a loopback name: a Host of another name is a DNS-rebinding page
 * (docs/serve.md).  NULL host (HTTP/1.0) is accepted. */
int serve_host_ok(const char *host, int loopback_only);

#endif
