/* extract_data.c - the extract stage's vocabularies (stages/extract/data/). */
#include "extract.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "datadir.h"
#include "fileio.h"
#include "jsonio.h"
#include "xalloc.h"

/* Data files are small; anything larger is not one of ours. */
#define XDATA_MAX_FILE (4u * 1024u * 1024u)

void xlist_parse(struct xlist *l, const char *text, size_t len)
{
    size_t cap = 0, i = 0;
    memset(l, 0, sizeof *l);
    while (i < len) {
        size_t e = i, tab;
        while (e < len && text[e] != '\n')
            e++;
        size_t le = e;
        if (le > i && text[le - 1] == '\r')
            le--;
        while (i < le && (text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i < le && text[i] != '#') {
            for (tab = i; tab < le && text[tab] != '\t'; tab++)
                ;
            if (l->n == cap) {
                cap = cap ? 2 * cap : 32;
                l->a = xrealloc(l->a, xmul(cap, sizeof *l->a));
                l->b = xrealloc(l->b, xmul(cap, sizeof *l->b));
            }
            size_t ae = tab;
            while (ae > i && (text[ae - 1] == ' '))
                ae--;
            l->a[l->n] = xstrndup(text + i, ae - i);
            l->b[l->n] = tab < le ? xstrndup(text + tab + 1, le - tab - 1) : NULL;
            l->n++;
        }
        i = e + 1;
    }
    l->v = xcalloc(l->n ? l->n : 1, sizeof *l->v);
    for (size_t r = 0; r < l->n; r++)
        l->v[r] = l->b[r] ? l->b[r] : l->a[r];
    l->ia = xindex_new((const char *const *)l->a, l->n);
    l->ib = xindex_new((const char *const *)l->v, l->n);
}

void xlist_free(struct xlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->a[i]);
        free(l->b[i]);
    }
    free(l->a);
    free(l->b);
    free(l->v);
    xindex_free(l->ia);
    xindex_free(l->ib);
    memset(l, 0, sizeof *l);
}

/* A and B (N bytes each, A without NUL bytes) equal with ASCII case folded,
 * as strncasecmp in the C locale. */
static int xlist_eq_fold(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (xt_fold((unsigned char)a[i]) != xt_fold((unsigned char)b[i]))
            return 0;
    return 1;
}

int xlist_has(const struct xlist *l, const char *word, size_t len, int icase)
{
    const struct xindex *ix = l->ia;
    unsigned c;
    if (!len || !ix)
        return 0;
    c = xt_fold((unsigned char)word[0]);
    for (uint32_t k = ix->first[c]; k < ix->first[c + 1]; k++) {
        size_t r = ix->row[k];
        if (ix->len[r] != len)
            continue;
        if (icase ? xlist_eq_fold(l->a[r], word, len) : memcmp(l->a[r], word, len) == 0)
            return 1;
    }
    return 0;
}

static int xdata_file(struct xlist *l, const char *name, struct diag *d)
{
    struct buf rel = BUF_INIT;
    char *path, *text;
    size_t len;
    buf_printf(&rel, "stages/extract/data/%s", name);
    path = datadir_find(buf_str(&rel), d);
    buf_free(&rel);
    if (!path)
        return -1;
    text = fileio_read(path, XDATA_MAX_FILE, &len, d);
    free(path);
    if (!text)
        return -1;
    xlist_parse(l, text, len);
    free(text);
    return 0;
}

int xdata_load(struct xdata *x, struct diag *d)
{
    static const struct {
        size_t off;
        const char *name;
    } files[] = {
        {offsetof(struct xdata, series), "series.tsv"},
        {offsetof(struct xdata, meeting_nouns), "meeting_nouns.txt"},
        {offsetof(struct xdata, event_verbs), "event_verbs.txt"},
        {offsetof(struct xdata, related_markers), "related_markers.txt"},
        {offsetof(struct xdata, formats), "formats.txt"},
        {offsetof(struct xdata, places), "places.tsv"},
        {offsetof(struct xdata, surnames), "korean_surnames.txt"},
        {offsetof(struct xdata, reporting), "reporting_verbs.txt"},
        {offsetof(struct xdata, commit_verbs), "commit_verbs.txt"},
        {offsetof(struct xdata, commit_actors), "commit_actors.tsv"},
        {offsetof(struct xdata, exercises), "exercises.txt"},
        {offsetof(struct xdata, mechanisms), "mechanism_nouns.txt"},
        {offsetof(struct xdata, figures), "figure_nouns.txt"},
        {offsetof(struct xdata, titles), "titles.tsv"},
        {offsetof(struct xdata, sides), "sides.tsv"},
        {offsetof(struct xdata, stopwords), "name_stopwords.txt"},
        {offsetof(struct xdata, topics), "topics.tsv"},
        {offsetof(struct xdata, doc_signals), "doc_signals.tsv"},
        {offsetof(struct xdata, lead_verbs), "lead_verbs.txt"},
        {offsetof(struct xdata, side_verbs), "side_verbs.txt"},
        {offsetof(struct xdata, meet_verbs), "meet_verbs.txt"},
        {offsetof(struct xdata, parties), "parties.tsv"},
    };
    char *path;
    json_t *tj;
    memset(x, 0, sizeof *x);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (xdata_file((struct xlist *)((char *)x + files[i].off), files[i].name, d) != 0)
            goto fail;
    path = datadir_find("stages/extract/data/topics.json", d);
    if (!path)
        goto fail;
    tj = jsonio_load(path, d);
    free(path);
    if (!tj)
        goto fail;
    x->topic_ids = json_incref(json_object_get(tj, "topics"));
    json_decref(tj);
    if (!json_is_array(x->topic_ids)) {
        diag_set(d, "stages/extract/data/topics.json", "expected a \"topics\" array, found none");
        goto fail;
    }
    for (size_t i = 0; i < x->topics.n; i++) {
        const char *id = x->topics.a[i];
        size_t k;
        json_t *t;
        int found = 0;
        json_array_foreach(x->topic_ids, k, t) if (jsonio_str(t, "id") &&
                                                   strcmp(jsonio_str(t, "id"), id) == 0) found = 1;
        if (!found || !x->topics.b[i] || !*x->topics.b[i]) {
            diag_set(d, "stages/extract/data/topics.tsv",
                     "row %zu: expected a topic id of topics.json and a phrase, found \"%s\"",
                     i + 1, id);
            goto fail;
        }
    }
    x->topic_pat = xcalloc(x->topics.n ? x->topics.n : 1, sizeof *x->topic_pat);
    x->topic_tid = xcalloc(x->topics.n ? x->topics.n : 1, sizeof *x->topic_tid);
    for (size_t r = 0; r < x->topics.n; r++) {
        size_t k;
        json_t *t;
        x->topic_pat[r] = x->topics.b[r][0] == '-' ? x->topics.b[r] + 1 : x->topics.b[r];
        x->topic_tid[r] = -1;
        json_array_foreach(x->topic_ids, k, t) if (x->topic_tid[r] < 0 && jsonio_str(t, "id") &&
                                                   !strcmp(jsonio_str(t, "id"), x->topics.a[r]))
            x->topic_tid[r] = (long)k;
    }
    x->topic_ix = xindex_new(x->topic_pat, x->topics.n);
    /* doc_signals rows: TYPE \t WHERE \t WEIGHT \t phrase */
    x->signal_pat = xcalloc(x->doc_signals.n ? x->doc_signals.n : 1, sizeof *x->signal_pat);
    for (size_t r = 0; r < x->doc_signals.n; r++) {
        const char *rest = x->doc_signals.b[r], *w2, *w3;
        if (rest && (w2 = strchr(rest, '\t')) && (w3 = strchr(w2 + 1, '\t')))
            x->signal_pat[r] = w3 + 1;
    }
    x->signal_ix = xindex_new(x->signal_pat, x->doc_signals.n);
    {
        struct buf w = BUF_INIT;
        for (size_t r = 0; r < x->titles.n; r++)
            for (const char *t = x->titles.a[r]; *t;) {
                size_t n = strcspn(t, " ");
                if (*t >= 'A' && *t <= 'Z') {
                    buf_appendn(&w, t, n);
                    buf_putc(&w, '\n');
                }
                t += n;
                t += *t == ' ';
            }
        xlist_parse(&x->title_words, buf_str(&w), w.len);
        buf_free(&w);
    }
    for (int k = 0; k < 3; k++) {
        x->ex_pat[k] = xcalloc(x->exercises.n ? x->exercises.n : 1, sizeof *x->ex_pat[k]);
        for (size_t r = 0; r < x->exercises.n; r++) {
            const char *a = x->exercises.a[r];
            int kind = !strncmp(a, "prefix ", 7) ? 1 : !strncmp(a, "suffix ", 7) ? 2 : 0;
            if (kind == k)
                x->ex_pat[k][r] = kind ? a + 7 : a;
        }
        x->ex_ix[k] = xindex_new(x->ex_pat[k], x->exercises.n);
    }
    return 0;
fail:
    xdata_free(x);
    return -1;
}

void xdata_free(struct xdata *x)
{
    struct xlist *l = (struct xlist *)x;
    size_t n = offsetof(struct xdata, topic_ids) / sizeof(struct xlist);
    for (size_t i = 0; i < n; i++)
        xlist_free(&l[i]);
    json_decref(x->topic_ids);
    x->topic_ids = NULL;
    xindex_free(x->topic_ix);
    xindex_free(x->signal_ix);
    free(x->topic_pat);
    free(x->topic_tid);
    free(x->signal_pat);
    xlist_free(&x->title_words);
    for (int k = 0; k < 3; k++) {
        xindex_free(x->ex_ix[k]);
        free(x->ex_pat[k]);
        x->ex_ix[k] = NULL;
        x->ex_pat[k] = NULL;
    }
    x->topic_ix = x->signal_ix = NULL;
    x->topic_pat = x->signal_pat = NULL;
    x->topic_tid = NULL;
}
