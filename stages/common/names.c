/* names.c - PLACEHOLDER key until the compare stage's matcher lands:
 * lowercase, honorifics dropped, hyphens removed, tokens sorted. */
#include "names.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

static int names_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *names_key(const char *name)
{
    char *copy = xstrdup(name), *tok[16], *save = NULL, *t;
    size_t n = 0;
    struct buf b = BUF_INIT;
    for (char *p = copy; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (t = strtok_r(copy, " .,", &save); t && n < 16; t = strtok_r(NULL, " .,", &save)) {
        char *w = t, *r = t;
        if (!strcmp(t, "dr") || !strcmp(t, "mr") || !strcmp(t, "ms") || !strcmp(t, "mrs"))
            continue;
        for (; *r; r++)
            if (*r != '-')
                *w++ = *r;
        *w = '\0';
        tok[n++] = t;
    }
    qsort(tok, n, sizeof tok[0], names_cmp);
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? " " : "", tok[i]);
    free(copy);
    return buf_take(&b);
}

enum names_match names_compare(const char *a, const char *b)
{
    char *ka = names_key(a), *kb = names_key(b);
    int same = strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same ? NAMES_SAME : NAMES_DIFFERENT;
}
