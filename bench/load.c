/* load.c -- a small HTTP/1.1 load client for `tally serve`, loopback only.
 *
 *     build/load PORT CONNECTIONS REQUESTS PATH...
 *
 * Opens CONNECTIONS keep-alive connections to 127.0.0.1:PORT (one thread
 * each) and sends REQUESTS requests in all, cycling through the PATHs, each
 * answer read in full (Content-Length) before the next request.  A
 * connection the server closes is reopened.  Any answer other than 200, and
 * any connection or read failure, is an error.  Prints, one figure a line:
 *
 *     serve_requests_s: N req/s
 *     serve_errors: N
 *     serve_latency_p50_ms, serve_latency_p99_ms
 *
 * The host is fixed to 127.0.0.1: this is a benchmark of the machine's own
 * server, never a tool to point at someone else's. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static char **paths;
static int npaths;

typedef struct {
    long requests, errors, done;
    double *lat; /* ms per request */
} worker;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int connect_loopback(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One request and its whole answer.  Returns the status, 0 on a failure;
 * *closed is set when the server ends the connection. */
static int exchange(int fd, const char *path, int *closed)
{
    char req[1024];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: application/json\r\n\r\n", path,
                     port);
    if (n <= 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n)
        return 0;
    static __thread char buf[1 << 16];
    size_t have = 0;
    char *end = NULL;
    while (!end) {
        ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
        if (r <= 0)
            return 0;
        have += (size_t)r;
        buf[have] = '\0';
        end = strstr(buf, "\r\n\r\n");
        if (!end && have >= sizeof buf - 1)
            return 0;
    }
    int status = 0;
    if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
        return 0;
    long clen = -1;
    *closed = 0;
    for (char *line = strstr(buf, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
        if (!strncasecmp(line, "Content-Length:", 15))
            clen = atol(line + 15);
        else if (!strncasecmp(line, "Connection: close", 17))
            *closed = 1;
    }
    if (clen < 0)
        return 0;
    size_t body = have - (size_t)(end + 4 - buf);
    while ((long)body < clen) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r <= 0)
            return 0;
        body += (size_t)r;
    }
    return status;
}

static void *run(void *arg)
{
    worker *w = arg;
    int fd = -1;
    for (long i = 0; i < w->requests; i++) {
        if (fd < 0 && (fd = connect_loopback()) < 0) {
            w->errors++;
            continue;
        }
        int closed = 0;
        double t0 = now();
        int st = exchange(fd, paths[i % npaths], &closed);
        w->lat[w->done++] = (now() - t0) * 1000.0;
        if (st != 200)
            w->errors++;
        if (!st || closed) {
            close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        close(fd);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fputs("usage: load PORT CONNECTIONS REQUESTS PATH...\n", stderr);
        return 2;
    }
    port = atoi(argv[1]);
    int conns = atoi(argv[2]);
    long total = atol(argv[3]);
    paths = argv + 4;
    npaths = argc - 4;
    if (port <= 0 || port > 65535 || conns < 1 || conns > 256 || total < conns || total > 10000000) {
        fputs("load: PORT 1-65535, CONNECTIONS 1-256, REQUESTS CONNECTIONS..10000000\n", stderr);
        return 2;
    }
    worker *w = calloc((size_t)conns, sizeof *w);
    pthread_t *t = calloc((size_t)conns, sizeof *t);
    for (int i = 0; i < conns; i++) {
        w[i].requests = total / conns + (i < total % conns);
        w[i].lat = malloc((size_t)w[i].requests * sizeof(double));
    }
    double t0 = now();
    for (int i = 0; i < conns; i++)
        pthread_create(&t[i], NULL, run, &w[i]);
    long errors = 0, done = 0;
    for (int i = 0; i < conns; i++) {
        pthread_join(t[i], NULL);
        errors += w[i].errors;
        done += w[i].done;
    }
    double wall = now() - t0;
    double *lat = malloc((size_t)(done ? done : 1) * sizeof *lat);
    long k = 0;
    for (int i = 0; i < conns; i++) {
        memcpy(lat + k, w[i].lat, (size_t)w[i].done * sizeof *lat);
        k += w[i].done;
        free(w[i].lat);
    }
    qsort(lat, (size_t)k, sizeof *lat, cmp_double);
    printf("serve_requests_s: %.0f req/s   # %ld requests, %d connections, %d paths, %.2f s\n", done / wall, done,
           conns, npaths, wall);
    printf("serve_errors: %ld\n", errors);
    if (k) {
        printf("serve_latency_p50_ms: %.2f ms\n", lat[k / 2]);
        printf("serve_latency_p99_ms: %.2f ms\n", lat[(k * 99) / 100]);
    }
    free(lat);
    free(w);
    free(t);
    return errors ? 1 : 0;
}
