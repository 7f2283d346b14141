/* nlp_lexicon.c - sectioned word lists loaded once per process. */
#include "nlp_lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "diag.h"
#include "fileio.h"
#include "xalloc.h"

/* Longest entry kept; longer lines are ignored (keeps lookups bounded). */
#define NLP_LEXICON_MAX_WORD 63
#define NLP_LEXICON_MAX_FILE (4u * 1024u * 1024u)

static int lex_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int lex_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void lex_add(struct nlp_wordset *set, size_t *cap, const char *w, size_t n)
{
    char *s;
    if (n == 0 || n > NLP_LEXICON_MAX_WORD)
        return;
    if (set->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        set->words = xrealloc(set->words, xmul(*cap, sizeof *set->words));
    }
    s = xstrndup(w, n);
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char)(s[i] - 'A' + 'a');
    set->words[set->n++] = s;
}

static void lex_parse(const char *text, size_t len, const char *const *sections,
                      struct nlp_wordset *sets, size_t *caps, size_t nsets)
{
    long cur = -1;
    size_t i = 0;
    for (size_t k = 0; k < nsets; k++)
        if (sections[k][0] == '\0')
            cur = (long)k;
    while (i < len) {
        size_t e = i, a, b;
        while (e < len && text[e] != '\n')
            e++;
        a = i;
        b = e;
        for (size_t h = a; h < b; h++)
            if (text[h] == '#') {
                b = h;
                break;
            }
        while (a < b && lex_is_blank(text[a]))
            a++;
        while (b > a && lex_is_blank(text[b - 1]))
            b--;
        if (b > a && text[a] == '[' && text[b - 1] == ']') {
            cur = -1;
            for (size_t k = 0; k < nsets; k++)
                if (strlen(sections[k]) == b - a - 2 &&
                    memcmp(sections[k], text + a + 1, b - a - 2) == 0)
                    cur = (long)k;
        } else if (b > a && cur >= 0) {
            lex_add(&sets[cur], &caps[cur], text + a, b - a);
        }
        i = e + 1;
    }
}

void nlp_lexicon_load(const char *rel, const char *builtin, const char *const *sections,
                      struct nlp_wordset *sets, size_t nsets)
{
    struct diag d = {.prog = "extract"};
    size_t caps[16] = {0};
    char *path, *text = NULL;
    size_t len = 0;

    if (nsets > 16)
        nsets = 16;
    for (size_t k = 0; k < nsets; k++) {
        sets[k].words = NULL;
        sets[k].n = 0;
    }
    path = datadir_find(rel, &d);
    if (path)
        text = fileio_read(path, NLP_LEXICON_MAX_FILE, &len, &d);
    free(path);
    if (text) {
        lex_parse(text, len, sections, sets, caps, nsets);
        free(text);
    } else {
        lex_parse(builtin, strlen(builtin), sections, sets, caps, nsets);
    }
    for (size_t k = 0; k < nsets; k++)
        if (sets[k].n > 1)
            qsort(sets[k].words, sets[k].n, sizeof *sets[k].words, lex_cmp);
}

int nlp_wordset_has(const struct nlp_wordset *set, const char *w, size_t n)
{
    char key[NLP_LEXICON_MAX_WORD + 1];
    size_t lo = 0, hi = set->n;
    if (n == 0 || n > NLP_LEXICON_MAX_WORD)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c == '\0')
            return 0;
        key[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    key[n] = '\0';
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, set->words[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
