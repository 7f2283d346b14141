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

/* jansson's values: a document makes and frees hundreds of thousands of
 * small blocks (nodes, strings, hash-table entries). Freed blocks of up to
 * XJ_SMALL bytes wait on a free list per 8-byte size class and are handed
 * out again without a round trip through malloc. Each block carries its
 * class in a header. Not under AddressSanitizer, which must see
 * every free to catch a use after it. */
#if defined(__SANITIZE_ADDRESS__)
#define XJ_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XJ_CACHE 0
#endif
#endif
#ifndef XJ_CACHE
#define XJ_CACHE 1
#endif

#define XJ_SMALL 256
#define XJ_GRAIN 8
#define XJ_CLASSES (XJ_SMALL / XJ_GRAIN + 1)
#define XJ_KEEP_BYTES (16u << 20) /* most bytes kept on the lists */

/* Each block starts with an 8-byte header: its size class (0: larger than
 * XJ_SMALL, never cached). jansson's values need no more than 8-byte
 * alignment, and glibc rounds a request plus its own 8 bytes up to 16, so
 * the header is often free. While a block is on a free list, the first
 * bytes after the header link to the next one. The lists hold headers, the
 * start of what malloc gave, so memcheck sees cached blocks as reachable. */
struct xj_hdr {
    size_t cls;
    struct xj_hdr *next; /* in the payload: only while on a list */
};
#define XJ_HDR sizeof(size_t)

static struct xj_hdr *xj_lists[XJ_CLASSES];
static size_t xj_kept;

static void *xalloc_json_malloc(size_t n)
{
    size_t c;
    struct xj_hdr *h;
    if (!XJ_CACHE)
        return xmalloc(n);
    c = n <= XJ_SMALL ? (n + XJ_GRAIN - 1) / XJ_GRAIN : 0;
    if (xalloc_should_fail() || n > SIZE_MAX - XJ_HDR)
        xalloc_die();
    if (c && xj_lists[c]) {
        h = xj_lists[c];
        xj_lists[c] = h->next;
        xj_kept -= c * XJ_GRAIN;
    } else {
        /* at least a whole header, so that NEXT fits in the payload */
        size_t want = c ? c * XJ_GRAIN : n;
        h = malloc(XJ_HDR + (want < XJ_HDR ? XJ_HDR : want));
        if (!h)
            xalloc_die();
        h->cls = c;
    }
    return (unsigned char *)h + XJ_HDR;
}

void xalloc_json_free(void *p)
{
    struct xj_hdr *h;
    if (!XJ_CACHE || !p) {
        free(p);
        return;
    }
    h = (struct xj_hdr *)(void *)((unsigned char *)p - XJ_HDR);
    if (h->cls && xj_kept + h->cls * XJ_GRAIN <= XJ_KEEP_BYTES) {
        h->next = xj_lists[h->cls];
        xj_lists[h->cls] = h;
        xj_kept += h->cls * XJ_GRAIN;
        return;
    }
    free(h);
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
    json_set_alloc_funcs(xalloc_json_malloc, xalloc_json_free);
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
