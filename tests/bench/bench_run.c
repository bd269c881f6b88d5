/*
 * bench_run.c — runs one command and reports its wall time, CPU time and peak resident memory.
 *
 *   bench_run OUTFILE COMMAND [ARGS...]
 *
 * The command's stdout goes to OUTFILE (stderr is passed through). Prints one line:
 *
 *   <wall seconds> <user+sys seconds> <peak RSS in KiB> <exit status>
 *
 * Implementation notes
 * --------------------
 * Peak RSS is the kernel's ru_maxrss for that one child, from wait4(): the number that
 * /usr/bin/time -v calls "Maximum resident set size". Linux carries the high-water mark of the
 * forking process across exec, so the launcher must be small: a Python or bash launcher adds its
 * own 5-10 MB to every figure, which would swamp a decoder that needs a few MB. This C launcher
 * adds about 1 MB, and needs no package beyond the build (Debian's `time` is not installed by
 * default). A tool, not library code: it uses stdio, fork and the clock freely.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_run OUTFILE COMMAND [ARGS...]\n");
        return 2;
    }
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror(argv[1]);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        dup2(out, STDOUT_FILENO);
        close(out);
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(out);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%.3f %.3f %ld %d\n", wall, seconds(ru.ru_utime) + seconds(ru.ru_stime), ru.ru_maxrss, code);
    return 0;
}
