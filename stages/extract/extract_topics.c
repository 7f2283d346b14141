/* extract_topics.c - topics of topics.json discussed in the body, each with
 * the body sentences that discuss it (captions and chrome never count). */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define XTOP_MAX_EVIDENCE 6

/* One pass per sentence matches every phrase of topics.tsv at once (the
 * lexicon's index); a phrase hit counts unless an exclusion row of the same
 * topic ("-phrase") covers it. Evidence is kept in sentence order. */
json_t *extract_topics(const struct xdoc *doc)
{
    const struct xdata *x = doc->data;
    const struct xlist *lx = &x->topics;
    size_t nt = json_array_size(x->topic_ids), i;
    json_t *out = json_array(), *t;
    json_t **ev = xcalloc(nt ? nt : 1, sizeof *ev);
    const long *tid = x->topic_tid;
    unsigned char *hit = xcalloc(nt ? nt : 1, 1);
    struct xhits h = {0}, tt = {0};
    for (size_t k = 0; k < nt; k++)
        ev[k] = json_array();
    for (size_t si = 0; si < doc->nbody; si++) {
        size_t len;
        const char *s = xdoc_stext(doc, si, &len);
        h.n = 0;
        xindex_scan(x->topic_ix, s, len, 0, XT_AUTO, &h);
        /* a title names an office, not what the sentence discusses: "the
         * acting assistant secretary of defense for space policy" */
        tt.n = 0;
        if (h.n)
            xindex_scan(x->titles.ia, s, len, 0, XT_FOLD, &tt);
        for (size_t a = 0; a < tt.n; a++)
            tt.v[a].len = xpeople_title_end(x, s, len, tt.v[a].at, tt.v[a].len) - tt.v[a].at;
        memset(hit, 0, nt ? nt : 1);
        for (size_t a = 0; a < h.n; a++) {
            const struct xhit *p = &h.v[a];
            long k = tid[p->row];
            int excluded = 0;
            if (k < 0 || lx->b[p->row][0] == '-' || hit[k])
                continue;
            for (size_t b = 0; b < tt.n && !excluded; b++)
                excluded = tt.v[b].at <= p->at && p->at + p->len <= tt.v[b].at + tt.v[b].len;
            for (size_t b = 0; b < h.n && !excluded; b++) {
                const struct xhit *e = &h.v[b];
                excluded = lx->b[e->row][0] == '-' && tid[e->row] == k && e->at <= p->at &&
                           p->at + p->len <= e->at + e->len;
            }
            if (!excluded)
                hit[k] = 1;
        }
        for (size_t k = 0; k < nt; k++)
            if (hit[k] && json_array_size(ev[k]) < XTOP_MAX_EVIDENCE)
                json_array_append_new(ev[k], xdoc_evidence(doc, si));
    }
    json_array_foreach(x->topic_ids, i, t)
    {
        const char *id = json_string_value(json_object_get(t, "id"));
        if (id && json_array_size(ev[i])) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(id));
            json_object_set_new(o, "evidence", ev[i]);
            json_array_append_new(out, o);
        } else {
            json_decref(ev[i]);
        }
    }
    free(h.v);
    free(tt.v);
    free(hit);
    free(ev);
    return out;
}
