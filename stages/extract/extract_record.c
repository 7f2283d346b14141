/* extract_record.c - the meeting record: source, meeting, people, topics,
 * commitments, mechanisms, exercises, quotes, figures. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonio.h"
#include "schema.h"
#include "xalloc.h"

/* ---- doc_type ------------------------------------------------------------- */

static const char *const xr_types[] = {"joint_statement", "press_release", "news_report",
                                       "analysis"};

static size_t xr_count(const char *s, size_t len, const char *ph)
{
    size_t n = 0, at = 0;
    while (s && (at = xt_find(s, len, at, ph, 1)) != (size_t)-1) {
        n++;
        at++;
    }
    return n;
}

/* "said Saturday", "told reporters Monday": the wire-report dateline habit. */
static int xr_said_weekday(const struct xdoc *doc)
{
    static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
    const struct xlist *rv = &doc->data->reporting;
    struct xhits h = {0};
    int found = 0;
    for (size_t si = 0; si < doc->nbody && !found; si++) {
        size_t len;
        const char *s = xdoc_stext(doc, si, &len);
        h.n = 0;
        xindex_scan(rv->ia, s, len, 0, XT_EXACT, &h);
        for (size_t k = 0; k < h.n && !found; k++) {
            size_t p = xt_skip_sp(s, len, h.v[k].at + h.v[k].len);
            for (size_t d = 0; d < 7; d++)
                if (xt_match_at(s, len, p, days[d], 0))
                    found = 1;
        }
    }
    free(h.v);
    return found;
}

/* Hits of every doc_signals row in S (LEN bytes) added to CNT. */
static void xr_count_all(const struct xdata *x, const char *s, size_t len, size_t *cnt)
{
    struct xhits h = {0};
    if (!s)
        return;
    xindex_scan(x->signal_ix, s, len, 0, XT_FOLD, &h);
    for (size_t k = 0; k < h.n; k++)
        cnt[h.v[k].row]++;
    free(h.v);
}

const char *extract_doc_type(const struct xdoc *doc)
{
    const struct xlist *sg = &doc->data->doc_signals;
    const char *title = jsonio_str(json_object_get(doc->clean, "meta"), "title");
    const char *publisher = jsonio_str(json_object_get(doc->clean, "meta"), "publisher");
    const char *byline = jsonio_str(json_object_get(doc->clean, "meta"), "byline");
    long score[4] = {0, 0, 0, 0}, best = -1;
    size_t last = (size_t)-1, prev = (size_t)-1, *body;
    for (size_t bi = 0; bi < doc->nblocks; bi++)
        if (doc->blocks[bi].body && !doc->blocks[bi].title) {
            prev = last;
            last = bi;
        }
    if (!title)
        for (size_t bi = 0; bi < doc->nblocks; bi++)
            if (doc->blocks[bi].title)
                title = doc->blocks[bi].text;
    /* body phrases: one pass over the body for every row at once */
    body = xcalloc(sg->n ? sg->n : 1, sizeof *body);
    for (size_t bi = 0; bi < doc->nblocks; bi++)
        if (doc->blocks[bi].body && !doc->blocks[bi].title)
            xr_count_all(doc->data, doc->blocks[bi].text, doc->blocks[bi].len, body);
    for (size_t r = 0; r < sg->n; r++) {
        /* TYPE \t WHERE \t WEIGHT \t phrase: column b holds the rest */
        const char *rest = sg->b[r], *w2, *w3;
        long weight, t = -1;
        size_t hits = 0;
        if (!rest || !(w2 = strchr(rest, '\t')) || !(w3 = strchr(w2 + 1, '\t')))
            continue;
        for (size_t k = 0; k < 4; k++)
            if (!strcmp(sg->a[r], xr_types[k]))
                t = (long)k;
        if (t < 0)
            continue;
        weight = strtol(w2 + 1, NULL, 10);
        w3++;
        if (!strncmp(rest, "title\t", 6))
            hits = title ? xr_count(title, strlen(title), w3) > 0 : 0;
        else if (!strncmp(rest, "publisher\t", 10))
            hits = publisher ? xr_count(publisher, strlen(publisher), w3) > 0 : 0;
        else if (!strncmp(rest, "byline\t", 7))
            hits = byline ? xr_count(byline, strlen(byline), w3) > 0 : 0;
        else if (!strncmp(rest, "last\t", 5)) {
            /* a short credit line at the end ("Yonhap") */
            size_t cand[2] = {last, prev};
            for (size_t c = 0; c < 2; c++)
                if (cand[c] != (size_t)-1 && doc->blocks[cand[c]].len < 40 &&
                    xr_count(doc->blocks[cand[c]].text, doc->blocks[cand[c]].len, w3))
                    hits = 1;
        } else if (!strncmp(rest, "body\t", 5)) {
            hits = body[r];
            if (hits > 3)
                hits = 3;
        }
        score[t] += weight * (long)hits;
    }
    free(body);
    if (xr_said_weekday(doc))
        score[2] += 4;
    for (size_t k = 0; k < 4; k++)
        if (score[k] >= 3 && (best < 0 || score[k] > score[best]))
            best = (long)k;
    return best >= 0 ? xr_types[best] : "other";
}

/* ---- the record ------------------------------------------------------------- */

static json_t *xr_copy_str(const json_t *obj, const char *key)
{
    const char *v = jsonio_str(obj, key);
    return v ? json_string(v) : json_null();
}

json_t *extract_record(json_t *clean, const char *file, const char *published,
                       const struct xdata *data, struct diag *d)
{
    struct xdoc doc;
    struct xmeeting mt;
    json_t *rec = NULL, *src, *related = NULL, *people, *meta, *csrc;
    char buf[16];

    if (schema_check("clean", clean, file, d) != 0)
        return NULL;
    if (xdoc_init(&doc, clean, file, published, data, d) != 0) {
        xdoc_free(&doc);
        return NULL;
    }
    meta = json_object_get(clean, "meta");
    csrc = json_object_get(clean, "source");
    rec = json_object();
    json_object_set_new(rec, "format", json_string("briefing-meeting/1"));
    src = json_object();
    json_object_set_new(src, "file", xr_copy_str(csrc, "file"));
    json_object_set_new(src, "sha256", xr_copy_str(csrc, "sha256"));
    /* the page title from the metadata, else the title block */
    if (jsonio_str(meta, "title"))
        json_object_set_new(src, "title", xr_copy_str(meta, "title"));
    else {
        json_t *t = json_null();
        for (size_t bi = 0; bi < doc.nblocks; bi++)
            if (doc.blocks[bi].title) {
                json_decref(t);
                t = jsonio_stringn(doc.blocks[bi].text, doc.blocks[bi].len);
                break;
            }
        json_object_set_new(src, "title", t);
    }
    json_object_set_new(src, "publisher", xr_copy_str(meta, "publisher"));
    if (doc.has_pub) {
        date_format(&doc.pub, buf, sizeof buf);
        json_object_set_new(src, "published", json_string(buf));
    } else
        json_object_set_new(src, "published", json_null());
    json_object_set_new(src, "doc_type", json_string(extract_doc_type(&doc)));
    json_object_set_new(src, "encoding", xr_copy_str(csrc, "encoding"));
    json_object_set_new(src, "words", json_integer((json_int_t)doc.words));
    json_object_set_new(src, "sentences", json_integer((json_int_t)doc.nbody));
    json_object_set_new(rec, "source", src);
    json_object_set_new(rec, "meeting", extract_meeting(&doc, &related, &mt));
    json_object_set_new(rec, "related_meetings", related);
    /* participants of a meeting: none when the text is about no meeting (the
     * people still resolve quote speakers) */
    people = extract_people(&doc, &mt);
    json_object_set_new(rec, "participants", mt.series ? json_incref(people) : json_array());
    json_object_set_new(rec, "acronyms", extract_acronyms(&doc));
    json_object_set_new(rec, "topics", extract_topics(&doc));
    json_object_set_new(rec, "commitments", extract_commitments(&doc, people));
    json_object_set_new(rec, "mechanisms", extract_mechanisms(&doc));
    json_object_set_new(rec, "exercises", extract_exercises(&doc));
    json_object_set_new(rec, "quotes", extract_quotes(&doc, people));
    json_decref(people);
    json_object_set_new(rec, "figures", extract_figures(&doc));
    json_object_set_new(rec, "sentences", xdoc_sentences(&doc));
    xmeeting_free(&mt);
    xdoc_free(&doc);
    if (schema_check("meeting", rec, file, d) != 0) {
        json_decref(rec);
        return NULL;
    }
    return rec;
}
