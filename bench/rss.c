/* rss.c -- runs a command and reports its wall time and peak resident set size.
 *
 *     bench/rss COMMAND [ARG...]
 *
 * bench/run.sh's stopwatch, and its source of peak RSS when /usr/bin/time -v
 * is not installed.  The command's stdin/stdout/stderr are inherited;
 * afterwards two lines go to stderr: "wall_ms: X" (CLOCK_MONOTONIC around
 * fork/exec/wait) and "peak_rss_kb: N" (getrusage RUSAGE_CHILDREN ru_maxrss,
 * kilobytes on Linux).  The exit status is the command's. */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: rss COMMAND [ARG...]\n", stderr);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("rss: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror("rss: exec");
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0) {
        perror("rss: waitpid");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    fprintf(stderr, "wall_ms: %.3f\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    fprintf(stderr, "peak_rss_kb: %ld\n", ru.ru_maxrss);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
