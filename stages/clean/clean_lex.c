/* clean_lex.c - the clean stage's vocabularies, loaded from stages/clean/data.
 *
 * Each file is UTF-8, one entry per line; '#' starts a comment line; entries
 * are folded (utf8_fold: ASCII lower case, typographic quotes to ASCII,
 * whitespace runs to one space) so lookups compare folded text.
 */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "datadir.h"
#include "fileio.h"
#include "utf8.h"
#include "xalloc.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read data file REL into a list of folded entries. 0 or -1 with D. */
static int lex_file(const char *rel, char ***out, size_t *n, struct diag *d)
{
    char *path = datadir_find(rel, d), *text;
    size_t len, cap = 0, i = 0;
    if (!path)
        return -1;
    text = fileio_read(path, 16u * 1024u * 1024u, &len, d);
    free(path);
    if (!text)
        return -1;
    *out = NULL;
    *n = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        if (j > i && text[i] != '#') {
            char *f = utf8_fold(text + i, j - i);
            if (f[0]) {
                if (*n == cap) {
                    cap = cap ? cap * 2 : 64;
                    *out = xrealloc(*out, xmul(cap, sizeof **out));
                }
                (*out)[(*n)++] = f;
            } else {
                free(f);
            }
        }
        i = j + 1;
    }
    free(text);
    return 0;
}

static void lex_list_free(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

int clean_lex_load(struct clean_lex *lx, struct diag *d)
{
    memset(lx, 0, sizeof *lx);
    if (lex_file("stages/clean/data/chrome_lines.txt", &lx->chrome, &lx->nchrome, d) != 0 ||
        lex_file("stages/clean/data/chrome_phrases.txt", &lx->chrome_sub, &lx->nchrome_sub,
                 d) != 0 ||
        lex_file("stages/clean/data/stopwords.txt", &lx->stop, &lx->nstop, d) != 0 ||
        lex_file("stages/clean/data/outlets.txt", &lx->outlets, &lx->noutlets, d) != 0 ||
        lex_file("stages/clean/data/caption_markers.txt", &lx->caption, &lx->ncaption, d) != 0 ||
        lex_file("stages/clean/data/section_breaks.txt", &lx->breaks, &lx->nbreaks, d) != 0) {
        clean_lex_free(lx);
        return -1;
    }
    qsort(lx->stop, lx->nstop, sizeof *lx->stop, cmp_str);
    qsort(lx->chrome, lx->nchrome, sizeof *lx->chrome, cmp_str);
    return 0;
}

void clean_lex_free(struct clean_lex *lx)
{
    if (!lx)
        return;
    lex_list_free(lx->chrome, lx->nchrome);
    lex_list_free(lx->chrome_sub, lx->nchrome_sub);
    lex_list_free(lx->stop, lx->nstop);
    lex_list_free(lx->outlets, lx->noutlets);
    lex_list_free(lx->caption, lx->ncaption);
    lex_list_free(lx->breaks, lx->nbreaks);
    memset(lx, 0, sizeof *lx);
}

static int cmp_n(const char *w, size_t len, const char *e)
{
    int c = strncmp(w, e, len);
    if (c)
        return c;
    return e[len] ? -1 : 0;
}

int clean_lex_is_stop(const struct clean_lex *lx, const char *w, size_t len)
{
    size_t lo = 0, hi = lx->nstop;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_n(w, len, lx->stop[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
