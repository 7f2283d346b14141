/* diag.h - error records and exit codes shared by every stage.
 *
 * Library code never prints: it fills a struct diag and returns NULL or -1.
 * main() prints the record once with diag_print() and turns the outcome into
 * an exit code (RC_OK, RC_DATA, RC_USAGE).
 */
#ifndef COMMON_DIAG_H
#define COMMON_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum rc { RC_OK = 0, RC_DATA = 1, RC_USAGE = 2 };

#define DIAG_MAX_TEXT 2048
#define DIAG_MAX_FILE 1024
#define DIAG_MAX_PTR 512

struct diag {
    const char *prog;           /* program name, e.g. "clean" (not owned) */
    char file[DIAG_MAX_FILE];   /* file the problem is in ("<stdin>" for -) */
    long line;                  /* 1-based line, 0 when unknown */
    long col;                   /* 1-based column, 0 when unknown */
    long long offset;           /* byte offset, -1 when unknown */
    char pointer[DIAG_MAX_PTR]; /* JSON Pointer, "" when none */
    char msg[DIAG_MAX_TEXT];    /* what was expected and what was found */
    int set;                    /* non-zero once a message was recorded */
};

/* Reset everything but prog. */
void diag_clear(struct diag *d);

/* Record a problem in FILE (may be NULL). Later calls overwrite earlier ones.
 * Always returns -1 so callers can write `return diag_set(...)`. */
int diag_set(struct diag *d, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int diag_vset(struct diag *d, const char *file, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Like diag_set, appending ": strerror(errnum)". */
int diag_errno(struct diag *d, const char *file, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Add location details to the current record. */
void diag_at_line(struct diag *d, long line, long col);
void diag_at_offset(struct diag *d, long long offset);
void diag_at_pointer(struct diag *d, const char *pointer);

/* Print "prog: file[:line[:col]][: byte N][: /ptr]: msg" and a newline. */
void diag_print(const struct diag *d, FILE *out);

/* Print a warning line "prog: file: msg" to stderr right away (for
 * non-fatal notes such as counted replacement characters). */
void diag_warn(const char *prog, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Flush and close stdout; a failed write turns RC into RC_DATA with a
 * message on stderr. Returns the exit code to use. */
int diag_close_stdout(const char *prog, int rc);

/* The display name of a path: "<stdin>" for "-" or NULL. */
const char *diag_name(const char *path);

#endif
