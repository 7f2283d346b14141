/* extract_topics.c - topics of topics.json discussed in the body, each with
 * the body sentences that discuss it (captions and chrome never count). */
#include "extract.h"

#include <ctype.h>
#include <string.h>

#include "xalloc.h"

#define XTOP_MAX_EVIDENCE 6

static int xtop_caps(const char *s)
{
    int up = 0;
    for (; *s; s++) {
        if (islower((unsigned char)*s))
            return 0;
        up |= isupper((unsigned char)*s);
    }
    return up;
}

/* Non-zero when PHRASE (row R of the lexicon) occurs in S outside every
 * exclusion of the same topic. */
static int xtop_hit(const struct xlist *lx, size_t r, const char *s, size_t len)
{
    const char *ph = lx->b[r];
    int icase = !xtop_caps(ph);
    size_t at = 0;
    while ((at = xt_find(s, len, at, ph, icase)) != (size_t)-1) {
        int excluded = 0;
        for (size_t k = 0; k < lx->n && !excluded; k++) {
            const char *ex = lx->b[k];
            size_t e0 = 0, el;
            if (strcmp(lx->a[k], lx->a[r]) != 0 || !ex || ex[0] != '-')
                continue;
            ex++;
            el = strlen(ex);
            while ((e0 = xt_find(s, len, e0, ex, !xtop_caps(ex))) != (size_t)-1) {
                if (e0 <= at && at + strlen(ph) <= e0 + el)
                    excluded = 1;
                e0++;
            }
        }
        if (!excluded)
            return 1;
        at++;
    }
    return 0;
}

json_t *extract_topics(const struct xdoc *doc)
{
    const struct xdata *x = doc->data;
    json_t *out = json_array(), *t;
    size_t i;
    json_array_foreach(x->topic_ids, i, t)
    {
        const char *id = json_string_value(json_object_get(t, "id"));
        json_t *ev = json_array();
        if (!id) {
            json_decref(ev);
            continue;
        }
        for (size_t si = 0; si < doc->nbody && json_array_size(ev) < XTOP_MAX_EVIDENCE; si++) {
            size_t len;
            const char *s = xdoc_stext(doc, si, &len);
            for (size_t r = 0; r < x->topics.n; r++) {
                if (strcmp(x->topics.a[r], id) != 0 || x->topics.b[r][0] == '-')
                    continue;
                if (xtop_hit(&x->topics, r, s, len)) {
                    json_array_append_new(ev, xdoc_evidence(doc, si));
                    break;
                }
            }
        }
        if (json_array_size(ev)) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(id));
            json_object_set_new(o, "evidence", ev);
            json_array_append_new(out, o);
        } else {
            json_decref(ev);
        }
    }
    return out;
}
