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

static void lex_build_stop_table(struct clean_lex *lx);

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
        lex_file("stages/clean/data/chrome_phrases.txt", &lx->chrome_sub, &lx->nchrome_sub, d) !=
            0 ||
        lex_file("stages/clean/data/stopwords.txt", &lx->stop, &lx->nstop, d) != 0 ||
        lex_file("stages/clean/data/outlets.txt", &lx->outlets, &lx->noutlets, d) != 0 ||
        lex_file("stages/clean/data/caption_markers.txt", &lx->caption, &lx->ncaption, d) != 0 ||
        lex_file("stages/clean/data/section_breaks.txt", &lx->breaks, &lx->nbreaks, d) != 0) {
        clean_lex_free(lx);
        return -1;
    }
    qsort(lx->stop, lx->nstop, sizeof *lx->stop, cmp_str);
    lex_build_stop_table(lx);
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
    free(lx->stop_tab);
    memset(lx, 0, sizeof *lx);
}

static uint64_t lex_hash(const char *w, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Open-addressing table over the stopword list (indexes + 1; 0 is empty). */
static void lex_build_stop_table(struct clean_lex *lx)
{
    size_t cap = 16;
    while (cap < lx->nstop * 2 + 2)
        cap *= 2;
    lx->stop_tab = xcalloc(cap, sizeof *lx->stop_tab);
    lx->stop_cap = cap;
    for (size_t i = 0; i < lx->nstop; i++) {
        size_t k = (size_t)lex_hash(lx->stop[i], strlen(lx->stop[i])) & (cap - 1);
        while (lx->stop_tab[k])
            k = (k + 1) & (cap - 1);
        lx->stop_tab[k] = i + 1;
    }
}

int clean_lex_is_stop(const struct clean_lex *lx, const char *w, size_t len)
{
    size_t k;
    if (!lx->stop_cap)
        return 0;
    k = (size_t)lex_hash(w, len) & (lx->stop_cap - 1);
    while (lx->stop_tab[k]) {
        const char *e = lx->stop[lx->stop_tab[k] - 1];
        if (strncmp(e, w, len) == 0 && e[len] == '\0')
            return 1;
        k = (k + 1) & (lx->stop_cap - 1);
    }
    return 0;
}
