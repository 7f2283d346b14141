/* datadir.c - finding schemas and data files at run time. */
#include "datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "xalloc.h"

#ifndef BRIEFING_DATADIR
#define BRIEFING_DATADIR "/usr/local/share/alliance-briefing"
#endif

static int datadir_exists(const char *p)
{
    return access(p, R_OK) == 0;
}

char *datadir_find(const char *rel, struct diag *d)
{
    struct buf tried = BUF_INIT;
    const char *home = getenv("BRIEFING_HOME");
    char exe[PATH_MAX];
    ssize_t n;
    char *p;

    if (home && *home) {
        p = fileio_join(home, rel);
        if (datadir_exists(p))
            goto found;
        buf_printf(&tried, "%s%s", tried.len ? ", " : "", p);
        free(p);
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        /* PREFIX/bin/PROG -> PREFIX/share/alliance-briefing (any install
         * place, DESTDIR included) */
        if ((slash = strrchr(exe, '/'))) {
            char share[PATH_MAX + 64];
            *slash = '\0';
            snprintf(share, sizeof share, "%s/../share/alliance-briefing", exe);
            p = fileio_join(share, rel);
            if (datadir_exists(p))
                goto found;
            buf_printf(&tried, "%s%s", tried.len ? ", " : "", p);
            free(p);
        }
        /* build/bin/PROG -> checkout; build/asan/bin/PROG -> checkout */
        for (int up = 1; up < 4 && (slash = strrchr(exe, '/')); up++) {
            *slash = '\0';
            if (up < 2)
                continue;
            p = fileio_join(exe[0] ? exe : "/", rel);
            if (datadir_exists(p))
                goto found;
            buf_printf(&tried, "%s%s", tried.len ? ", " : "", p);
            free(p);
        }
    }
    p = fileio_join(BRIEFING_DATADIR, rel);
    if (datadir_exists(p))
        goto found;
    buf_printf(&tried, "%s%s", tried.len ? ", " : "", p);
    free(p);
    diag_set(d, rel, "data file not found (looked in %s; set BRIEFING_HOME)", buf_str(&tried));
    buf_free(&tried);
    return NULL;
found:
    buf_free(&tried);
    return p;
}
