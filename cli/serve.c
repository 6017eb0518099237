/* serve.c -- `tally serve`: the store and the web page over HTTP on
 * loopback.  This file only moves bytes between libmicrohttpd and
 * serve_handle (src/serve.h), and applies what needs the connection: the
 * client's address (rate limit), the Host header, a request body. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "cli.h"
#include "serve.h"

#ifndef TALLY_WWWDIR
#define TALLY_WWWDIR "build/www"
#endif

static const char usage[] =
    "usage: tally serve [--db tally.db] [--port 8080] [--bind 127.0.0.1] [--www DIR] [--data DIR]\n"
    "                   [--threads N] [--rate N] [--max-connections N]\n";

typedef struct {
    serve_app *app;
    serve_rate *rate;
    int loopback;
} server;

/* What one request carries between the callbacks: the URI as received,
 * before libmicrohttpd splits and decodes it. */
typedef struct {
    char *uri;
    int headers_seen;
} request;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    request *rq = calloc(1, sizeof *rq);
    /* an over-long URI is not copied: it is answered 414 from its length */
    if (rq && strlen(uri) <= SERVE_MAX_URI)
        rq->uri = strdup(uri);
    return rq;
}

static void on_done(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_RequestTerminationCode toe)
{
    request *rq = *ctx;
    if (rq) {
        free(rq->uri);
        free(rq);
    }
    *ctx = NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static enum MHD_Result reply(struct MHD_Connection *c, serve_response *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->len, (void *)r->body, r->owned ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
    serve_response_free(r);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    /* the page loads nothing from elsewhere, and nothing may frame it */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                            "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                            "form-action 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->is_static ? "no-cache" : "no-store");
    if (r->status == 405)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    if (r->status == 429)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* An error answered here, before serve_handle: the same JSON shape. */
static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg)
{
    char body[160];
    int n = snprintf(body, sizeof body, "{\"error\":\"%s\",\"status\":%d}", msg, status);
    serve_response r = {status, "application/json; charset=utf-8", body, (size_t)n, 1, 0, NULL};
    return reply(c, &r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **ctx)
{
    server *sv = cls;
    request *rq = *ctx;
    if (!rq)
        return MHD_NO;
    /* a body that arrives after a refusal is not read */
    if (*upload_size) {
        *upload_size = 0;
        return MHD_YES;
    }
    int is_read = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    /* libmicrohttpd calls once when the headers are in and again when the
     * request is complete.  The checks run once, on the first call; an
     * answer queued then makes libmicrohttpd close the connection, which is
     * right for a refusal, so a good request is answered on the second
     * call and the client keeps its connection. */
    if (rq->headers_seen) {
        serve_response r;
        serve_handle(sv->app, method, rq->uri, &r);
        return reply(c, &r);
    }
    rq->headers_seen = 1;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    const void *addr = "";
    size_t alen = 0;
    if (sa && sa->sa_family == AF_INET) {
        addr = &((const struct sockaddr_in *)sa)->sin_addr;
        alen = sizeof(struct in_addr);
    } else if (sa && sa->sa_family == AF_INET6) {
        addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        alen = sizeof(struct in6_addr);
    }
    if (!serve_rate_take(sv->rate, addr, alen, now_s()))
        return send_error(c, 429, "too many requests");
    if (!serve_host_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST), sv->loopback))
        return send_error(c, 400, "bad Host header");
    if (!rq->uri)
        return send_error(c, 414, "URI too long");
    const char *clen = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (is_read && (MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) ||
                    (clen && strcmp(clen, "0"))))
        return send_error(c, 413, "a request body is not accepted");
    if (!is_read) { /* 405, at once: the body is never read */
        serve_response r;
        serve_handle(sv->app, method, rq->uri, &r);
        return reply(c, &r);
    }
    return MHD_YES;
}

static int parse_uint(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!s[0] || *end || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

int cmd_serve(int argc, char **argv)
{
    const char *db_path = "tally.db", *bind_addr = "127.0.0.1", *www = TALLY_WWWDIR, *datadir = NULL;
    long port = 8080, threads = 2, rate = 50, maxconn = 64;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!v) {
            fprintf(stderr, "tally serve: %s needs a value\n%s", a, usage);
            return 2;
        }
        i++;
        int ok = 1;
        if (!strcmp(a, "--db"))
            db_path = v;
        else if (!strcmp(a, "--bind"))
            bind_addr = v;
        else if (!strcmp(a, "--www"))
            www = v;
        else if (!strcmp(a, "--data"))
            datadir = v;
        else if (!strcmp(a, "--port"))
            ok = parse_uint(v, 0, 65535, &port);
        else if (!strcmp(a, "--threads"))
            ok = parse_uint(v, 1, 64, &threads);
        else if (!strcmp(a, "--rate"))
            ok = parse_uint(v, 0, 1000000, &rate);
        else if (!strcmp(a, "--max-connections"))
            ok = parse_uint(v, 1, 4096, &maxconn);
        else {
            fprintf(stderr, "tally serve: unknown option '%s'\n%s", a, usage);
            return 2;
        }
        if (!ok) {
            fprintf(stderr, "tally serve: %s: '%s' is out of range\n%s", a, v, usage);
            return 2;
        }
    }
    struct sockaddr_in s4 = {0};
    struct sockaddr_in6 s6 = {0};
    const struct sockaddr *sa;
    int v6 = 0, loopback;
    if (inet_pton(AF_INET, bind_addr, &s4.sin_addr) == 1) {
        s4.sin_family = AF_INET;
        s4.sin_port = htons((uint16_t)port);
        sa = (const struct sockaddr *)&s4;
        loopback = (ntohl(s4.sin_addr.s_addr) >> 24) == 127;
    } else if (inet_pton(AF_INET6, bind_addr, &s6.sin6_addr) == 1) {
        s6.sin6_family = AF_INET6;
        s6.sin6_port = htons((uint16_t)port);
        sa = (const struct sockaddr *)&s6;
        v6 = 1;
        loopback = IN6_IS_ADDR_LOOPBACK(&s6.sin6_addr);
    } else {
        fprintf(stderr, "tally serve: --bind: '%s' is not an IP address (127.0.0.1, ::1)\n", bind_addr);
        return 2;
    }

    char err[512], cpath[4096];
    countries *cs = countries_load(countries_default_path(datadir, cpath, sizeof cpath), err, sizeof err);
    if (!cs) {
        fprintf(stderr, "tally serve: %s\n", err);
        return 2;
    }
    serve_config cfg = {db_path, www, cs, (int)threads};
    server sv = {serve_open(&cfg, err, sizeof err), serve_rate_new((double)rate, 2.0 * (double)rate), loopback};
    if (!sv.app || !sv.rate) {
        fprintf(stderr, "tally serve: %s\n", sv.app ? "out of memory" : err);
        serve_close(sv.app);
        serve_rate_free(sv.rate);
        countries_free(cs);
        return 2;
    }
    /* SIGINT and SIGTERM are taken by sigwait below; blocked before the
     * server's threads start so that none of them gets one */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)maxconn, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)(maxconn / 2 > 0 ? maxconn / 2 : 1), MHD_OPTION_CONNECTION_TIMEOUT, 15u,
        /* the request line and headers must fit: a longer one is refused (414 or 431) */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_END);
    int rc = 0;
    if (!d) {
        fprintf(stderr, "tally serve: cannot listen on %s port %ld (in use, or not an address of this machine)\n",
                bind_addr, port);
        rc = 2;
    } else {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned actual = di ? di->port : (unsigned)port;
        if (!loopback)
            fprintf(stderr, "tally serve: warning: %s is not loopback; the store is readable from the network\n",
                    bind_addr);
        fprintf(stderr, "tally serve: http://%s%s%s:%u/ serving %s read-only; Ctrl-C stops\n", v6 ? "[" : "",
                bind_addr, v6 ? "]" : "", actual, db_path);
        int sig;
        sigwait(&stop, &sig);
        MHD_stop_daemon(d);
        fprintf(stderr, "tally serve: stopped\n");
    }
    serve_close(sv.app);
    serve_rate_free(sv.rate);
    countries_free(cs);
    return rc;
}
