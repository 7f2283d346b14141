/* diag.c - error records and exit codes. */
#include "diag.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void diag_clear(struct diag *d)
{
    const char *prog = d->prog;
    memset(d, 0, sizeof *d);
    d->prog = prog;
    d->offset = -1;
}

const char *diag_name(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return "<stdin>";
    return path;
}

int diag_vset(struct diag *d, const char *file, const char *fmt, va_list ap)
{
    diag_clear(d);
    if (file)
        snprintf(d->file, sizeof d->file, "%s", file);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    d->set = 1;
    return -1;
}

int diag_set(struct diag *d, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vset(d, file, fmt, ap);
    va_end(ap);
    return -1;
}

int diag_errno(struct diag *d, const char *file, int errnum, const char *fmt, ...)
{
    va_list ap;
    size_t n;
    va_start(ap, fmt);
    diag_vset(d, file, fmt, ap);
    va_end(ap);
    n = strlen(d->msg);
    if (n + 3 < sizeof d->msg)
        snprintf(d->msg + n, sizeof d->msg - n, "%s%s", n ? ": " : "", strerror(errnum));
    return -1;
}

void diag_at_line(struct diag *d, long line, long col)
{
    d->line = line;
    d->col = col;
}

void diag_at_offset(struct diag *d, long long offset)
{
    d->offset = offset;
}

void diag_at_pointer(struct diag *d, const char *pointer)
{
    snprintf(d->pointer, sizeof d->pointer, "%s", pointer ? pointer : "");
}

void diag_print(const struct diag *d, FILE *out)
{
    fprintf(out, "%s: ", d->prog ? d->prog : "briefing");
    if (d->file[0]) {
        fputs(d->file, out);
        if (d->line > 0) {
            fprintf(out, ":%ld", d->line);
            if (d->col > 0)
                fprintf(out, ":%ld", d->col);
        }
        if (d->offset >= 0)
            fprintf(out, ": byte %lld", d->offset);
        if (d->pointer[0])
            fprintf(out, ": %s", d->pointer);
        fputs(": ", out);
    } else if (d->pointer[0]) {
        fprintf(out, "%s: ", d->pointer);
    }
    fputs(d->set ? d->msg : "failed (no details recorded)", out);
    fputc('\n', out);
}

void diag_warn(const char *prog, const char *file, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog ? prog : "briefing");
    if (file)
        fprintf(stderr, "%s: ", file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int diag_close_stdout(const char *prog, int rc)
{
    int bad = 0, err = 0;
    if (fflush(stdout) != 0) {
        bad = 1;
        err = errno;
    }
    if (ferror(stdout) && !bad) {
        bad = 1;
        err = EIO;
    }
    if (fclose(stdout) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (bad) {
        fprintf(stderr, "%s: <stdout>: write failed: %s\n", prog ? prog : "briefing",
                strerror(err));
        if (rc == RC_OK)
            rc = RC_DATA;
    }
    return rc;
}
