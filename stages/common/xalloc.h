/* xalloc.h - allocation that never returns NULL, with fault injection.
 *
 * On failure the x* functions print one line ("PROG: out of memory"), remove
 * any temporary file registered with xalloc_on_exit_unlink(), and exit(1).
 * No abort(), no core dump, no limping on.
 *
 * Fault injection: with BRIEFING_FAIL_ALLOC=N in the environment, the N-th
 * allocation (1-based, counting every x* call and every jansson allocation)
 * fails as if memory ran out. Tests walk N over a whole run to prove every
 * failure ends in a clean exit 1 and no half-written file.
 * With BRIEFING_ALLOC_REPORT=FILE, a normal exit appends "PROG COUNT" (the
 * number of allocations made) to FILE: the walk's upper bound.
 */
#ifndef COMMON_XALLOC_H
#define COMMON_XALLOC_H

#include <stddef.h>

/* Call first thing in main(): remembers PROG for messages, reads
 * BRIEFING_FAIL_ALLOC, and routes jansson's allocations through here. */
void xalloc_init(const char *prog);

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Multiply with overflow check (dies on overflow like on OOM). */
size_t xmul(size_t a, size_t b);

/* Free memory that jansson allocated for the caller (what json_dumps
 * returns): jansson allocates through xalloc, which keeps a small-block
 * cache with a header per block, so plain free() on it is wrong. */
void xalloc_json_free(void *p);

/* Allocation for third-party allocators that handle NULL themselves
 * (libharu): counts toward fault injection, returns NULL on failure. */
void *xalloc_try(size_t n);

/* Die with "PROG: out of memory" (used by the above and by callers that
 * detect exhaustion themselves, e.g. a NULL from jansson). */
void xalloc_die(void) __attribute__((noreturn));

/* Register / forget a temporary path to unlink if the process dies here. */
void xalloc_on_exit_unlink(const char *path);
void xalloc_forget_unlink(const char *path);

/* Number of allocations so far (for the fault-injection walk). */
unsigned long xalloc_count(void);

#endif
