/* fileio.c - reading inputs and writing outputs atomically. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

int fileio_fsync = 1;

/* How long reading a named FIFO waits for a writer to open it. */
#define FILEIO_FIFO_WAIT_MS 5000

/* The temp file being written right now, for the signal handler. A fixed
 * buffer, because the handler may only call async-signal-safe functions. */
static char fileio_tmp_path[4096];
static volatile sig_atomic_t fileio_tmp_active;

static void fileio_on_signal(int sig)
{
    if (fileio_tmp_active)
        unlink(fileio_tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void fileio_block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGPIPE);
    sigprocmask(SIG_BLOCK, &set, old);
}

void fileio_install_signal_cleanup(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = fileio_on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

const char *fileio_basename(const char *path)
{
    const char *slash;
    if (!path || strcmp(path, "-") == 0)
        return "<stdin>";
    slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *fileio_stem(const char *path)
{
    const char *base = fileio_basename(path);
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return xstrdup(base);
    return xstrndup(base, (size_t)(dot - base));
}

char *fileio_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = xmalloc(a + b + 2);
    memcpy(p, dir, a);
    if (a && dir[a - 1] != '/')
        p[a++] = '/';
    memcpy(p + a, name, b + 1);
    return p;
}

int fileio_mkdir(const char *path, struct diag *d)
{
    struct stat st;
    if (mkdir(path, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (errno == EEXIST)
        return diag_set(d, path, "exists and is not a directory");
    return diag_errno(d, path, errno, "cannot create directory");
}

char *fileio_read(const char *path, size_t max, size_t *len, struct diag *d)
{
    const char *name = diag_name(path);
    int fd, is_stdin = !path || strcmp(path, "-") == 0;
    struct stat st;
    size_t cap = 65536, n = 0;
    char *buf;

    *len = 0;
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        /* O_NONBLOCK so that a FIFO without a writer cannot hang the open;
         * blocking reads are restored right after (a FIFO without a writer
         * then reads as empty). */
        fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            diag_errno(d, name, errno, "cannot open");
            return NULL;
        }
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
            diag_errno(d, name, errno, "cannot open");
            goto fail;
        }
    }
    if (fstat(fd, &st) != 0) {
        diag_errno(d, name, errno, "cannot stat");
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_set(d, name, "is a directory, expected a file");
        goto fail;
    }
    if (!is_stdin && S_ISFIFO(st.st_mode)) {
        /* A named FIFO: wait a while for a writer instead of forever. */
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int pr;
        do
            pr = poll(&pfd, 1, FILEIO_FIFO_WAIT_MS);
        while (pr < 0 && errno == EINTR);
        if (pr == 0) {
            diag_set(d, name, "is a FIFO and no writer opened it within %d s",
                     FILEIO_FIFO_WAIT_MS / 1000);
            goto fail;
        }
    }
    if (S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > max) {
            diag_set(d, name, "file is %lld bytes, larger than the limit of %zu bytes",
                     (long long)st.st_size, max);
            goto fail;
        }
        /* room for the bytes, the NUL, and the empty read that finds the
         * end, so a file read whole is never reallocated */
        cap = (size_t)st.st_size + 2;
    }
    buf = xmalloc(cap);
    for (;;) {
        ssize_t r;
        if (n + 1 >= cap) {
            if (cap > max) {
                free(buf);
                diag_set(d, name, "input is larger than the limit of %zu bytes", max);
                goto fail;
            }
            cap = cap * 2 > max + 1 ? max + 2 : cap * 2;
            buf = xrealloc(buf, cap);
        }
        r = read(fd, buf + n, cap - 1 - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            diag_errno(d, name, errno, "read failed");
            free(buf);
            goto fail;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            free(buf);
            diag_set(d, name, "input is larger than the limit of %zu bytes", max);
            goto fail;
        }
    }
    buf[n] = '\0';
    *len = n;
    if (!is_stdin)
        close(fd);
    return buf;
fail:
    if (!is_stdin)
        close(fd);
    return NULL;
}

static int fileio_write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static int fileio_write_special(const char *path, const void *data, size_t len, struct diag *d)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    int err;
    if (fd < 0)
        return diag_errno(d, path, errno, "cannot open for writing");
    if (fileio_write_all(fd, data, len) != 0) {
        err = errno;
        close(fd);
        return diag_errno(d, path, err, "write failed");
    }
    if (close(fd) != 0)
        return diag_errno(d, path, errno, "write failed");
    return 0;
}

int fileio_write_atomic(const char *path, const void *data, size_t len, struct diag *d)
{
    struct stat st;
    const char *base;
    size_t dirlen;
    int fd, err;
    mode_t um;
    sigset_t old_mask;

    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return diag_errno(d, "<stdout>", errno ? errno : EIO, "write failed");
        return 0;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return diag_set(d, path, "is a directory, expected a file name to write");
        /* A device or FIFO (-o /dev/stdout, a pipe): write through it; a
         * rename would replace the device node with a regular file. */
        return fileio_write_special(path, data, len, d);
    }
    base = fileio_basename(path);
    dirlen = (size_t)(base - path);
    if (dirlen + strlen(base) + 16 >= sizeof fileio_tmp_path)
        return diag_set(d, path, "path is too long");
    snprintf(fileio_tmp_path, sizeof fileio_tmp_path, "%.*s.%s.tmp.XXXXXX", (int)dirlen, path,
             base);
    /* Block the cleanup signals while the temp file comes into being, so a
     * signal cannot land between mkstemp() and the flag the handler reads
     * (interrupt.sh found temp files left after SIGTERM). */
    fileio_block_signals(&old_mask);
    fd = mkstemp(fileio_tmp_path);
    if (fd < 0) {
        err = errno;
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        return diag_errno(d, path, err, "cannot create a temporary file next to it");
    }
    fileio_tmp_active = 1;
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    xalloc_on_exit_unlink(fileio_tmp_path);
    um = umask(0);
    umask(um);
    if (fchmod(fd, 0666 & ~um) != 0 || fileio_write_all(fd, data, len) != 0 ||
        (fileio_fsync && fsync(fd) != 0)) {
        err = errno;
        close(fd);
        goto fail;
    }
    if (close(fd) != 0) {
        err = errno;
        goto fail;
    }
    fileio_block_signals(&old_mask);
    if (rename(fileio_tmp_path, path) != 0) {
        err = errno;
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        goto fail;
    }
    fileio_tmp_active = 0;
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    xalloc_forget_unlink(fileio_tmp_path);
    return 0;
fail:
    unlink(fileio_tmp_path);
    fileio_tmp_active = 0;
    xalloc_forget_unlink(fileio_tmp_path);
    return diag_errno(d, path, err, "write failed, previous file left as it was");
}
