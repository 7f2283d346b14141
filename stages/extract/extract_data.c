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
}

void xlist_free(struct xlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->a[i]);
        free(l->b[i]);
    }
    free(l->a);
    free(l->b);
    memset(l, 0, sizeof *l);
}

int xlist_has(const struct xlist *l, const char *word, size_t len, int icase)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strlen(l->a[i]) != len)
            continue;
        if (icase ? strncasecmp(l->a[i], word, len) == 0 : memcmp(l->a[i], word, len) == 0)
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
}
