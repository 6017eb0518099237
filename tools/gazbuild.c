/* gazbuild -- build the gazetteer index.
 *
 *   gazbuild NODE_MODULES_DIR OUT [EXTRA...]
 *
 * EXTRA files are GeoNames dumps or user TSVs (see gazetteer.h).  Prints the
 * entry counts, the file size and the build time, so that a change in the
 * data or the builder shows up in the make log. */
#include "gazetteer.h"

#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s NODE_MODULES_DIR OUT [EXTRA...]\n", argv[0]);
        return 2;
    }
    char err[512];
    double t0 = now();
    if (gaz_build(argv[1], (const char *const *)argv + 3, (size_t)(argc - 3), argv[2], err, sizeof err) != 0) {
        fprintf(stderr, "gazbuild: %s\n", err);
        return 1;
    }
    double t1 = now();
    /* Re-open what was written: proves the file passes the reader's checks. */
    gaz *g = gaz_open(argv[2], err, sizeof err);
    if (!g) {
        fprintf(stderr, "gazbuild: %s\n", err);
        return 1;
    }
    size_t np, na, nc;
    gaz_counts(g, &np, &na, &nc);
    size_t na2 = gaz_count_admin2(g);
    gaz_close(g);
    struct stat st;
    long long size = stat(argv[2], &st) == 0 ? (long long)st.st_size : -1;
    printf("gazbuild: %s: %zu places, %zu admin-1 regions, %zu admin-2 regions, %zu countries; %.1f MB in %.2f s\n",
           argv[2], np, na, na2, nc, (double)size / 1e6, t1 - t0);
    return 0;
}
