/* extract_quotes.c - direct quotations and their speakers:
 *   "...," Austin said.      Blinken remarked, "..."
 *   The U.S. defense secretary said, "..."  (resolved to the person whose
 *   title holds those words). Short scare quotes (under four words) and
 *   quotes without a speaker are left out. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "jsonio.h"
#include "xalloc.h"

#define XQ_MIN_WORDS 4

static int xq_open(const char *s, size_t len, size_t i, size_t *w)
{
    if (i + 3 <= len && !memcmp(s + i, "\xe2\x80\x9c", 3)) {
        *w = 3;
        return 1;
    }
    if (s[i] == '"' && (i == 0 || !xt_is_word((unsigned char)s[i - 1]))) {
        *w = 1;
        return 1;
    }
    return 0;
}

static size_t xq_close(const char *s, size_t len, size_t from, int curly)
{
    for (size_t i = from; i < len; i++) {
        if (curly && i + 3 <= len && !memcmp(s + i, "\xe2\x80\x9d", 3))
            return i;
        if (!curly && s[i] == '"')
            return i;
        if (curly && i + 3 <= len && !memcmp(s + i, "\xe2\x80\x9c", 3))
            return (size_t)-1;
    }
    return (size_t)-1;
}

static size_t xq_words(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (xt_is_word((unsigned char)s[i]) && (i == 0 || s[i - 1] == ' '))
            n++;
    return n;
}

/* Resolve the speaker phrase S[0,len) to a participant's full name (heap),
 * or a written name of two capitalised words, or NULL. */
static char *xq_resolve(const struct xdoc *doc, const json_t *people, const char *s, size_t len)
{
    size_t i;
    json_t *p;
    const char *hit = NULL;
    int many = 0;
    /* by name: a capitalised word equal to a word of a participant's name */
    json_array_foreach(people, i, p)
    {
        const char *name = jsonio_str(p, "name");
        const char *q = name;
        int found = 0;
        while (q && *q && !found) {
            size_t wl = strcspn(q, " ");
            for (size_t k = 0; k + wl <= len; k++)
                if (wl > 1 && !strncmp(s + k, q, wl) &&
                    (k == 0 || !xt_is_word((unsigned char)s[k - 1])) &&
                    (k + wl == len || !xt_is_word((unsigned char)s[k + wl]) || s[k + wl] == '\'' ||
                     (unsigned char)s[k + wl] == 0xe2)) {
                    found = 1;
                    break;
                }
            q += wl;
            while (*q == ' ')
                q++;
        }
        if (found) {
            many |= hit && strcmp(hit, name) != 0;
            hit = name;
        }
    }
    if (hit && !many)
        return xstrdup(hit);
    if (hit)
        return NULL;
    /* by title: every lowercase-folded content word of S in a title */
    json_array_foreach(people, i, p)
    {
        const char *title = jsonio_str(p, "title");
        size_t k = 0, words = 0, inside = 0;
        if (!title)
            continue;
        while (k < len) {
            size_t wl = xt_word_len(s, len, k);
            if (!wl) {
                k++;
                continue;
            }
            if (islower((unsigned char)s[k])) {
                struct buf w = BUF_INIT;
                buf_appendn(&w, s + k, wl);
                words++;
                if (xt_find(title, strlen(title), 0, buf_str(&w), 1) != (size_t)-1)
                    inside++;
                buf_free(&w);
            }
            k += wl;
        }
        if (words >= 1 && inside == words &&
            !(words == 1 && xt_match_at(s, len, len - 3, "the", 1))) {
            many |= hit != NULL;
            hit = jsonio_str(p, "name");
        }
    }
    if (hit && !many)
        return xstrdup(hit);
    if (hit)
        return NULL;
    /* someone not among the participants: a full name as written */
    for (size_t k = 0; k < len; k++) {
        size_t e;
        if (k > 0 && xt_is_word((unsigned char)s[k - 1]))
            continue;
        if (xpeople_name_at(doc->data, s, len, k, &e) >= 2)
            return xstrndup(s + k, e - k);
    }
    return NULL;
}

static int xq_is_report(const struct xdata *x, const char *s, size_t len, size_t at, size_t *vl)
{
    long r = xt_longest_at(&x->reporting, s, len, at, 1, vl);
    return r >= 0;
}

/* Speaker phrase before a quote: "... , SUBJECT VERB[,:] <quote>". */
static char *xq_before(const struct xdoc *doc, const json_t *people, const char *s, size_t s0,
                       size_t q)
{
    size_t e = xt_back_sp(s, q), vb, vl, b;
    if (e > s0 && (s[e - 1] == ',' || s[e - 1] == ':'))
        e = xt_back_sp(s, e - 1);
    vb = e;
    while (vb > s0 && xt_is_word((unsigned char)s[vb - 1]))
        vb--;
    if (vb == e || !xq_is_report(doc->data, s, e, vb, &vl) || vb + vl != e)
        return NULL;
    e = xt_back_sp(s, vb);
    b = e;
    while (b > s0 && s[b - 1] != ',' && s[b - 1] != ';' && s[b - 1] != '.' && e - b < 80)
        b--;
    b = xt_skip_sp(s, e, b);
    return b < e ? xq_resolve(doc, people, s + b, e - b) : NULL;
}

/* Speaker after a quote: "<quote>, Austin said." or "... said Austin." */
static char *xq_after(const struct xdoc *doc, const json_t *people, const char *s, size_t p,
                      size_t s1)
{
    size_t e, vl;
    p = xt_skip_sp(s, s1, p);
    e = p;
    while (e < s1 && s[e] != '.' && s[e] != ';' && s[e] != '"' && e - p < 80)
        e++;
    for (size_t k = p; k < e; k++) {
        if (!xq_is_report(doc->data, s, e, k, &vl))
            continue;
        /* subject before the verb, or the name right after it */
        if (k > p)
            return xq_resolve(doc, people, s + p, xt_back_sp(s, k) - p);
        return xq_resolve(doc, people, s + k + vl, e - (k + vl));
    }
    return NULL;
}

json_t *extract_quotes(const struct xdoc *doc, const json_t *people)
{
    json_t *out = json_array();
    for (size_t bi = 0; bi < doc->nblocks; bi++) {
        const struct xblock *b = &doc->blocks[bi];
        const char *s = b->text;
        if (!b->body || b->title)
            continue;
        for (size_t i = 0; i < b->len; i++) {
            size_t ow, c, cw, ts, te, sa, sb, sc, after;
            int tail;
            char *who;
            if (!xq_open(s, b->len, i, &ow))
                continue;
            c = xq_close(s, b->len, i + ow, ow == 3);
            if (c == (size_t)-1)
                break;
            cw = ow;
            ts = i + ow;
            te = c;
            while (te > ts && (s[te - 1] == ',' || s[te - 1] == ' '))
                te--;
            if (xq_words(s + ts, te - ts) < XQ_MIN_WORDS) {
                i = c + cw - 1;
                continue;
            }
            sa = xdoc_sent_at(doc, bi, i);
            sb = xdoc_sent_at(doc, bi, c > 0 ? c - 1 : c);
            if (sa == (size_t)-1 || sb == (size_t)-1) {
                i = c + cw - 1;
                continue;
            }
            /* the attribution after the quote may sit in the next span when the
             * segmenter cut at the closing quote mark */
            after = xt_skip_sp(s, b->len, c + cw);
            sc = after < b->len ? xdoc_sent_at(doc, bi, after) : (size_t)-1;
            who = xq_before(doc, people, s, doc->sents[sa].t0, i);
            tail = !who;
            if (!who)
                who = xq_after(doc, people, s, c + cw, b->len);
            if (who) {
                json_t *o = json_object();
                size_t se = doc->sents[sb].t1;
                if (tail && sc != (size_t)-1 && doc->sents[sc].t1 > se)
                    se = doc->sents[sc].t1;
                json_object_set_new(o, "speaker", jsonio_string(who));
                json_object_set_new(o, "text", jsonio_stringn(s + ts, te - ts));
                json_object_set_new(o, "evidence",
                                    xdoc_evidence_span(doc, bi, doc->sents[sa].t0, se));
                json_array_append_new(out, o);
                free(who);
            }
            i = c + cw - 1;
        }
    }
    return out;
}
