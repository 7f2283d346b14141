/* fuzz_util.h - shared set-up for the libFuzzer harnesses.
 *
 * Every harness: no printing, no global state carried between inputs (data
 * files and schemas are loaded once and only read afterwards), and an
 * invariant violated by a stage becomes an abort() so libFuzzer reports it
 * with the input that caused it.
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

/* Abort (a libFuzzer finding) when COND does not hold. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

/* Route allocations through xalloc (as the stages do) and find the data
 * files of the checkout the harness was built from. */
static inline void fuzz_init(const char *prog)
{
    setenv("BRIEFING_HOME", FUZZ_ROOT, 0);
    unsetenv("BRIEFING_FAIL_ALLOC");
    unsetenv("BRIEFING_ALLOC_REPORT");
    xalloc_init(prog);
}

/* A NUL-terminated heap copy of the fuzz input (caller frees). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1);
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
