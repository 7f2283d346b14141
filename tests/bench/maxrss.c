/* maxrss.c - run a command, then print its wall time, CPU time, peak RSS
 * and exit status on one line (the bench's install-free /usr/bin/time).
 *
 *   maxrss [-t SECONDS] [-i FILE] [-o FILE] [--] COMMAND [ARG...]
 *
 * Output on stderr (or appended to -r FILE), one line:
 *   wall=S user=S sys=S maxrss_kb=N status=N
 * status is the exit code, 128+signal when killed, 124 on timeout. The
 * child runs in its own process group so a timeout kills its children too;
 * ru_maxrss is the largest of the waited-for descendants (RUSAGE_CHILDREN).
 * -i/-o redirect the command's stdin/stdout (default: inherited). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;
static pid_t child;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    if (child > 0) kill(-child, SIGKILL);
}

static double tv_seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static int usage(void)
{
    fprintf(stderr, "usage: maxrss [-t SECONDS] [-i IN] [-o OUT] [-r REPORT] [--] COMMAND [ARG...]\n");
    return 2;
}

static int redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0) return -1;
    if (dup2(f, fd) < 0) return -1;
    close(f);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned timeout = 0;
    const char *in = NULL, *out = NULL, *report = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--") == 0) { i++; break; }
        if (i + 1 >= argc) return usage();
        if (strcmp(argv[i], "-t") == 0) timeout = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-i") == 0) in = argv[++i];
        else if (strcmp(argv[i], "-o") == 0) out = argv[++i];
        else if (strcmp(argv[i], "-r") == 0) report = argv[++i];
        else return usage();
    }
    if (i >= argc) return usage();

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    child = fork();
    if (child < 0) { perror("maxrss: fork"); return 125; }
    if (child == 0) {
        setpgid(0, 0);
        if (in && redirect(in, 0, O_RDONLY) != 0) { perror(in); _exit(126); }
        if (out && redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC) != 0) { perror(out); _exit(126); }
        execvp(argv[i], argv + i);
        fprintf(stderr, "maxrss: %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }
    setpgid(child, child);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    if (timeout) alarm(timeout);

    int st = 0;
    while (waitpid(child, &st, 0) < 0) {
        if (errno != EINTR) { perror("maxrss: waitpid"); return 125; }
    }
    alarm(0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (timed_out) status = 124;
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    FILE *rf = stderr;
    if (report && !(rf = fopen(report, "a"))) { perror(report); return 125; }
    fprintf(rf, "wall=%.4f user=%.4f sys=%.4f maxrss_kb=%ld status=%d\n", wall,
            tv_seconds(ru.ru_utime), tv_seconds(ru.ru_stime), ru.ru_maxrss, status);
    if (rf != stderr) fclose(rf);
    return status;
}
