/* extract_items.c - acronyms, exercises, mechanisms and notable figures. */
#include "extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acronym.h"
#include "jsonio.h"
#include "utf8.h"
#include "xalloc.h"

/* Index of the object in ARR whose KEY folds equal to S[0,len), or -1. */
static long xi_find(const json_t *arr, const char *key, const char *s, size_t len)
{
    char *f = utf8_fold(s, len);
    size_t i;
    json_t *o;
    long hit = -1;
    json_array_foreach(arr, i, o)
    {
        const char *v = jsonio_str(o, key);
        char *g = v ? utf8_fold(v, strlen(v)) : NULL;
        if (g && !strcmp(f, g))
            hit = (long)i;
        free(g);
        if (hit >= 0)
            break;
    }
    free(f);
    return hit;
}

/* ---- acronyms ------------------------------------------------------------- */

/* A set of acronym definitions, each the pair of byte strings (short form,
 * long form), borrowed from the block texts: open addressing on an FNV-1a
 * hash of both, so a document with many definitions stays linear. */
struct xi_pairs {
    const char **sf, **lf;
    size_t *sfn, *lfn;
    size_t cap, n;
};

static uint64_t xi_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static size_t xi_pair_slot(const struct xi_pairs *t, const char *sf, size_t sfn, const char *lf,
                           size_t lfn)
{
    uint64_t h = xi_hash(xi_hash(1469598103934665603ull, sf, sfn) ^ 0xff, lf, lfn);
    size_t i = (size_t)h & (t->cap - 1);
    while (t->sf[i] && !(t->sfn[i] == sfn && t->lfn[i] == lfn && !memcmp(t->sf[i], sf, sfn) &&
                         !memcmp(t->lf[i], lf, lfn)))
        i = (i + 1) & (t->cap - 1);
    return i;
}

/* Add the pair unless present; non-zero when it was new. */
static int xi_pair_add(struct xi_pairs *t, const char *sf, size_t sfn, const char *lf, size_t lfn)
{
    size_t i;
    if (2 * (t->n + 1) > t->cap) {
        struct xi_pairs old = *t;
        t->cap = old.cap ? 2 * old.cap : 64;
        t->sf = xcalloc(t->cap, sizeof *t->sf);
        t->lf = xcalloc(t->cap, sizeof *t->lf);
        t->sfn = xcalloc(t->cap, sizeof *t->sfn);
        t->lfn = xcalloc(t->cap, sizeof *t->lfn);
        for (size_t k = 0; k < old.cap; k++)
            if (old.sf[k]) {
                i = xi_pair_slot(t, old.sf[k], old.sfn[k], old.lf[k], old.lfn[k]);
                t->sf[i] = old.sf[k];
                t->lf[i] = old.lf[k];
                t->sfn[i] = old.sfn[k];
                t->lfn[i] = old.lfn[k];
            }
        free(old.sf);
        free(old.lf);
        free(old.sfn);
        free(old.lfn);
    }
    i = xi_pair_slot(t, sf, sfn, lf, lfn);
    if (t->sf[i])
        return 0;
    t->sf[i] = sf;
    t->lf[i] = lf;
    t->sfn[i] = sfn;
    t->lfn[i] = lfn;
    t->n++;
    return 1;
}

static void xi_pairs_free(struct xi_pairs *t)
{
    free(t->sf);
    free(t->lf);
    free(t->sfn);
    free(t->lfn);
}

json_t *extract_acronyms(const struct xdoc *doc)
{
    json_t *out = json_array();
    struct xi_pairs seen = {0};
    for (size_t bi = 0; bi < doc->nblocks; bi++) {
        const struct xblock *b = &doc->blocks[bi];
        const struct acro_def *defs;
        size_t n;
        if (!b->body)
            continue;
        n = xdoc_acronyms(doc, bi, &defs);
        for (size_t k = 0; k < n; k++) {
            const struct acro_def *a = &defs[k];
            size_t si = xdoc_sent_at(doc, bi, a->lf_start);
            json_t *o;
            if (a->sf_end <= a->sf_start || a->lf_end <= a->lf_start || a->sf_end > b->len ||
                a->lf_end > b->len)
                continue;
            /* the first definition of a pair wins */
            if (!xi_pair_add(&seen, b->text + a->sf_start, a->sf_end - a->sf_start,
                             b->text + a->lf_start, a->lf_end - a->lf_start))
                continue;
            o = json_object();
            json_object_set_new(o, "acronym",
                                jsonio_stringn(b->text + a->sf_start, a->sf_end - a->sf_start));
            json_object_set_new(o, "name",
                                jsonio_stringn(b->text + a->lf_start, a->lf_end - a->lf_start));
            json_object_set_new(o, "evidence",
                                si != (size_t)-1
                                    ? xdoc_evidence(doc, si)
                                    : xdoc_evidence_span(doc, bi, a->lf_start, a->sf_end));
            json_array_append_new(out, o);
        }
    }
    xi_pairs_free(&seen);
    return out;
}

/* ---- exercises ------------------------------------------------------------ */

static int xi_cap_word(const char *s, size_t len, size_t p, size_t *wl)
{
    static const char *const no[] = {"The",  "A",    "An",    "During", "In",
                                     "On",   "At",   "After", "Before", "This",
                                     "That", "Both", "And",   "Its",    "Their"};
    size_t n = xt_word_len(s, len, p), caps = 0;
    *wl = n;
    if (!n || !isupper((unsigned char)s[p]))
        return 0;
    for (size_t k = p; k < p + n; k++) {
        if (s[k] == '.')
            return 0;
        caps += isupper((unsigned char)s[k]) != 0;
    }
    if (caps > 1 && caps * 2 >= n)
        return 0;
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (no[k][0] == s[p] && strlen(no[k]) == n && !strncmp(no[k], s + p, n))
            return 0;
    return 1;
}

static void xi_add_named(json_t *out, const struct xdoc *doc, size_t si, const char *s, size_t b,
                         size_t e)
{
    long k = xi_find(out, "name", s + b, e - b);
    json_t *o, *ev;
    if (k >= 0) {
        ev = json_object_get(json_array_get(out, (size_t)k), "evidence");
        if (json_array_size(ev) < 6)
            json_array_append_new(ev, xdoc_evidence(doc, si));
        return;
    }
    o = json_object();
    ev = json_array();
    json_object_set_new(o, "name", jsonio_stringn(s + b, e - b));
    json_array_append_new(ev, xdoc_evidence(doc, si));
    json_object_set_new(o, "evidence", ev);
    json_array_append_new(out, o);
}

/* A number right after E (" 23", " 2024") belongs to the exercise name. */
static size_t xi_number(const char *s, size_t len, size_t e)
{
    size_t p = e;
    if (p + 1 < len && s[p] == ' ' && isdigit((unsigned char)s[p + 1])) {
        size_t q = p + 1;
        while (q < len && isdigit((unsigned char)s[q]))
            q++;
        if (q - p - 1 <= 4 && (q == len || !xt_is_word((unsigned char)s[q])))
            return q;
    }
    return e;
}

json_t *extract_exercises(const struct xdoc *doc)
{
    const struct xdata *x = doc->data;
    json_t *out = json_array();
    for (size_t si = 0; si < doc->nsents; si++) {
        const struct xsent *st = &doc->sents[si];
        const char *s = doc->blocks[st->blk].text;
        size_t len = st->t1;
        for (size_t i = st->t0; i < len; i++) {
            size_t ml = 0, e, wl;
            long best = -1;
            if (i > st->t0 && xt_is_word((unsigned char)s[i - 1]))
                continue;
            best = xindex_longest_at(x->ex_ix[0], s, len, i, XT_EXACT, &ml);
            if (best >= 0) {
                e = xi_number(s, len, i + ml);
                xi_add_named(out, doc, si, s, i, e);
                i = e;
                continue;
            }
            /* a named exercise starts with a capital */
            if (!isupper((unsigned char)s[i]) || !xi_cap_word(s, len, i, &wl))
                continue;
            /* a capitalised run ending in a suffix word, or after a prefix word */
            {
                size_t p = i, words = 0, start = i;
                int pre = 0;
                pre = xindex_longest_at(x->ex_ix[1], s, len, i, XT_EXACT, NULL) >= 0;
                while (p < len && xi_cap_word(s, len, p, &wl) && words < 5) {
                    words++;
                    for (size_t r = 0; r < x->exercises.n && !pre && words >= 2; r++)
                        if (x->ex_pat[2][r] && xt_match_at(s, len, p, x->ex_pat[2][r], 0) == wl) {
                            e = xi_number(s, len, p + wl);
                            xi_add_named(out, doc, si, s, start, e);
                            i = e;
                            goto next;
                        }
                    if (p + wl + 1 >= len || s[p + wl] != ' ')
                        break;
                    p += wl + 1;
                }
                if (pre && words >= 2) {
                    size_t b = xt_skip_sp(s, len, i + xt_word_len(s, len, i));
                    e = xi_number(s, len, xt_back_sp(s, p + wl));
                    if (p + wl <= len)
                        xi_add_named(out, doc, si, s, b, xi_number(s, len, p + wl));
                    i = e;
                    continue;
                }
                i = xt_back_sp(s, p + wl > len ? len : p + wl);
            }
        next:;
        }
    }
    return out;
}

/* ---- mechanisms ----------------------------------------------------------- */

/* Length of the mechanism noun that ends S[0,e) (e.g. "Working Group"), or 0. */
static size_t xi_mech_suffix(const struct xdata *x, const char *s, size_t b, size_t e)
{
    for (size_t r = 0; r < x->mechanisms.n; r++) {
        size_t n = strlen(x->mechanisms.a[r]);
        if (e - b >= n && xt_match_at(s, e, e - n, x->mechanisms.a[r], 0) == n)
            return n;
    }
    return 0;
}

static void xi_add_mech(json_t *out, const struct xdoc *doc, size_t si, const char *s, size_t b,
                        size_t e, const char *acr, size_t al)
{
    json_t *o;
    if (xi_find(out, "name", s + b, e - b) >= 0)
        return;
    o = json_object();
    json_object_set_new(o, "name", jsonio_stringn(s + b, e - b));
    json_object_set_new(o, "acronym", acr ? jsonio_stringn(acr, al) : json_null());
    json_object_set_new(o, "evidence", xdoc_evidence(doc, si));
    json_array_append_new(out, o);
}

json_t *extract_mechanisms(const struct xdoc *doc)
{
    const struct xdata *x = doc->data;
    json_t *out = json_array();
    for (size_t bi = 0; bi < doc->nblocks; bi++) {
        const struct xblock *blk = &doc->blocks[bi];
        const char *s = blk->text;
        const struct acro_def *defs;
        size_t nd;
        if (!blk->body)
            continue;
        /* defined ones first: "Long Form Working Group (ACR)" gives the exact span */
        nd = xdoc_acronyms(doc, bi, &defs);
        for (size_t k = 0; k < nd; k++) {
            size_t si = xdoc_sent_at(doc, bi, defs[k].lf_start);
            if (si == (size_t)-1 || defs[k].lf_end > blk->len || defs[k].sf_end > blk->len ||
                !xi_mech_suffix(x, s, defs[k].lf_start, defs[k].lf_end))
                continue;
            xi_add_mech(out, doc, si, s, defs[k].lf_start, defs[k].lf_end, s + defs[k].sf_start,
                        defs[k].sf_end - defs[k].sf_start);
        }
        /* a body block's sentences are doc->sents[s0 .. s0+ns) */
        for (size_t si = blk->s0; si < blk->s0 + blk->ns; si++) {
            const struct xsent *st = &doc->sents[si];
            size_t len = st->t1;
            for (size_t i = st->t0; i < len; i++) {
                size_t ml, b, e, defined = 0;
                if (xt_inword(s, len, i) || xt_longest_at(&x->mechanisms, s, len, i, 0, &ml) < 0)
                    continue;
                e = i + ml;
                for (size_t k = 0; k < nd; k++)
                    defined |= defs[k].lf_end == e;
                if (defined) {
                    i = e;
                    continue;
                }
                /* back over capitalised words and inner connectors */
                b = i;
                for (;;) {
                    size_t q = xt_back_sp(s, b), w0 = q, wl;
                    if (q == b || q <= st->t0)
                        break;
                    while (w0 > st->t0 &&
                           (xt_is_word((unsigned char)s[w0 - 1]) || s[w0 - 1] == '-'))
                        w0--;
                    if (w0 == q)
                        break;
                    wl = q - w0;
                    if (isupper((unsigned char)s[w0]) && !(wl == 3 && !strncmp(s + w0, "The", 3))) {
                        b = w0;
                        continue;
                    }
                    if ((wl == 3 && !strncmp(s + w0, "and", 3)) ||
                        (wl == 2 && !strncmp(s + w0, "of", 2)) ||
                        (wl == 3 && !strncmp(s + w0, "for", 3))) {
                        size_t q2 = xt_back_sp(s, w0), p0 = q2;
                        while (p0 > st->t0 && xt_is_word((unsigned char)s[p0 - 1]))
                            p0--;
                        if (q2 == w0 || p0 == q2 || !isupper((unsigned char)s[p0]))
                            break;
                        b = w0;
                        continue;
                    }
                    break;
                }
                if (b == i) {
                    i = e;
                    continue; /* a bare "Committee" is not a name */
                }
                {
                    size_t p = xt_skip_sp(s, len, e), q = p + 1;
                    const char *acr = NULL;
                    if (p < len && s[p] == '(') {
                        while (q < len &&
                               (isupper((unsigned char)s[q]) || isdigit((unsigned char)s[q])))
                            q++;
                        if (q < len && s[q] == ')' && q > p + 2)
                            acr = s + p + 1;
                    }
                    xi_add_mech(out, doc, si, s, b, e, acr, acr ? q - p - 1 : 0);
                }
                i = e;
            }
        }
    }
    return out;
}

/* ---- figures -------------------------------------------------------------- */

json_t *extract_figures(const struct xdoc *doc)
{
    static const char *const lead[] = {"approximately", "about", "over",   "nearly",  "more than",
                                       "up to",         "some",  "around", "roughly", "at least"};
    const struct xdata *x = doc->data;
    json_t *out = json_array();
    for (size_t si = 0; si < doc->nbody; si++) {
        const struct xsent *st = &doc->sents[si];
        const char *s = doc->blocks[st->blk].text;
        size_t len = st->t1;
        for (size_t i = st->t0; i < len; i++) {
            size_t e = i, digits = 0, p, b = i, nl;
            int comma = 0;
            if (!isdigit((unsigned char)s[i]) || (i > 0 && (xt_is_word((unsigned char)s[i - 1]) ||
                                                            s[i - 1] == ',' || s[i - 1] == '.')))
                continue;
            while (e < len &&
                   (isdigit((unsigned char)s[e]) || ((s[e] == ',' || s[e] == '.') && e + 1 < len &&
                                                     isdigit((unsigned char)s[e + 1])))) {
                comma |= s[e] == ',';
                digits += isdigit((unsigned char)s[e]) != 0;
                e++;
            }
            if (e < len && xt_is_word((unsigned char)s[e])) {
                i = e;
                continue; /* 23rd, 24.3, F-35 */
            }
            if (digits == 4 && !comma && (s[i] == '1' || s[i] == '2')) {
                i = e;
                continue; /* a year */
            }
            /* the noun within four words */
            p = e;
            nl = 0;
            for (int w = 0; w < 5 && p < len; w++) {
                long r;
                p = xt_skip_sp(s, len, p);
                r = xt_longest_at(&x->figures, s, len, p, 1, &nl);
                if (r >= 0)
                    break;
                nl = 0;
                size_t wl = xt_word_len(s, len, p);
                if (!wl)
                    break;
                p += wl;
            }
            if (!nl) {
                i = e;
                continue;
            }
            for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++) {
                size_t L = strlen(lead[k]);
                size_t q = xt_back_sp(s, i);
                if (q >= st->t0 + L && q < i && xt_match_at(s, len, q - L, lead[k], 1) == L)
                    b = q - L;
            }
            {
                json_t *o = json_object();
                json_object_set_new(o, "text", jsonio_stringn(s + b, p + nl - b));
                json_object_set_new(o, "evidence", xdoc_evidence(doc, si));
                json_array_append_new(out, o);
            }
            i = p + nl;
        }
    }
    return out;
}
