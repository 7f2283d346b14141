/* xalloc.c - allocation that never returns NULL, with fault injection. */
#include "xalloc.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XALLOC_MAX_TEMPS 8

static const char *xalloc_prog = "briefing";
static unsigned long xalloc_calls;
static unsigned long xalloc_fail_at; /* 0: never */
static char *xalloc_temps[XALLOC_MAX_TEMPS];

static int xalloc_should_fail(void)
{
    xalloc_calls++;
    return xalloc_fail_at && xalloc_calls >= xalloc_fail_at;
}

unsigned long xalloc_count(void)
{
    return xalloc_calls;
}

void xalloc_die(void)
{
    /* Only async-signal-safe-ish calls: we may be deep in a failing path. */
    for (int i = 0; i < XALLOC_MAX_TEMPS; i++)
        if (xalloc_temps[i])
            unlink(xalloc_temps[i]);
    fprintf(stderr, "%s: out of memory\n", xalloc_prog);
    fflush(stderr);
    _exit(1);
}

void *xalloc_try(size_t n)
{
    if (xalloc_should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *xmalloc(size_t n)
{
    void *p = xalloc_try(n);
    if (!p)
        xalloc_die();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        xalloc_die();
    if (xalloc_should_fail())
        xalloc_die();
    p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        xalloc_die();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q;
    if (xalloc_should_fail())
        xalloc_die();
    q = realloc(p, n ? n : 1);
    if (!q)
        xalloc_die();
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

size_t xmul(size_t a, size_t b)
{
    if (b && a > SIZE_MAX / b)
        xalloc_die();
    return a * b;
}

static void *xalloc_json_malloc(size_t n)
{
    return xmalloc(n);
}

/* BRIEFING_ALLOC_REPORT=FILE: at a normal exit, append "PROG COUNT" to FILE,
 * so the fault-injection walk knows how far N has to go. */
static const char *xalloc_report_path;

static void xalloc_report(void)
{
    FILE *f = fopen(xalloc_report_path, "a");
    if (!f)
        return;
    fprintf(f, "%s %lu\n", xalloc_prog, xalloc_calls);
    fclose(f);
}

void xalloc_init(const char *prog)
{
    const char *v = getenv("BRIEFING_FAIL_ALLOC");
    if (prog)
        xalloc_prog = prog;
    xalloc_fail_at = 0;
    if (v && *v) {
        char *end;
        unsigned long n = strtoul(v, &end, 10);
        if (*end == '\0')
            xalloc_fail_at = n;
    }
    json_set_alloc_funcs(xalloc_json_malloc, free);
    v = getenv("BRIEFING_ALLOC_REPORT");
    if (v && *v && !xalloc_report_path) {
        xalloc_report_path = v;
        atexit(xalloc_report);
    }
}

void xalloc_on_exit_unlink(const char *path)
{
    for (int i = 0; i < XALLOC_MAX_TEMPS; i++)
        if (!xalloc_temps[i]) {
            /* strdup, not xstrdup: registering must not itself be a fault point */
            xalloc_temps[i] = strdup(path);
            return;
        }
}

void xalloc_forget_unlink(const char *path)
{
    for (int i = 0; i < XALLOC_MAX_TEMPS; i++)
        if (xalloc_temps[i] && strcmp(xalloc_temps[i], path) == 0) {
            free(xalloc_temps[i]);
            xalloc_temps[i] = NULL;
        }
}
