/* extract_meeting.c - which meeting the text is about (series, name,
 * ordinal, dates, city, format) and which meetings it merely mentions. */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonio.h"
#include "xalloc.h"

struct xmention {
    size_t si;     /* sentence */
    size_t t0, t1; /* name as written, in the block text (prefix included) */
    long series;   /* row of series.tsv, -1 for an unknown series */
    char *label;   /* series label (heap) */
    int acronym;   /* written as the short form */
    long ordinal;  /* 0 when not stated */
    size_t ord_t0; /* where the ordinal starts */
    int related;   /* a marker says it is only mentioned */
    int score;
};

static const char *const xm_ordwords[] = {
    "inaugural",  "first",     "second",    "third",       "fourth",     "fifth",      "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",    "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};

static int xm_all_caps(const char *s)
{
    int caps = 0;
    for (; *s; s++) {
        if (islower((unsigned char)*s))
            return 0;
        caps += isupper((unsigned char)*s) != 0;
    }
    return caps > 0;
}

/* A country-pair prefix such as "U.S.-ROK" or "Korea-U.S." right before T0. */
static size_t xm_prefix(const char *s, size_t t0)
{
    size_t e = t0, b;
    if (e == 0 || s[e - 1] != ' ')
        return t0;
    e--;
    b = e;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '(' && s[b - 1] != '"')
        b--;
    if (e - b < 4 || !memchr(s + b, '-', e - b) || !isupper((unsigned char)s[b]))
        return t0;
    for (size_t i = b; i < e; i++)
        if (!(isalpha((unsigned char)s[i]) || s[i] == '.' || s[i] == '-'))
            return t0;
    return b;
}

/* Ordinal right before T0 ("the 23rd", "56th", "the inaugural"), also
 * across "meeting of the" / "session of their" ("the second session of the
 * Nuclear Consultative Group"). */
static long xm_ordinal(const char *s, size_t t0, size_t *at)
{
    static const char *const nouns[] = {"meeting of the",   "meeting of their", "session of the",
                                        "session of their", "round of the",     "round of their",
                                        "meeting of",       "session of",       "round of",
                                        "plenary of the"};
    size_t e = xt_back_sp(s, t0), b = e;
    if (e == t0)
        return 0;
    for (size_t k = 0; k < sizeof nouns / sizeof nouns[0]; k++) {
        size_t n = strlen(nouns[k]);
        if (e >= n + 2 && xt_match_at(s, e, e - n, nouns[k], 1) == n && s[e - n - 1] == ' ') {
            e = xt_back_sp(s, e - n);
            b = e;
            break;
        }
    }
    while (b > 0 && isalnum((unsigned char)s[b - 1]))
        b--;
    *at = b;
    if (e - b >= 3 && isdigit((unsigned char)s[b])) {
        size_t k = b;
        long v = 0;
        while (k < e && isdigit((unsigned char)s[k]) && v < 100000)
            v = v * 10 + (s[k++] - '0');
        if (e - k == 2 && (!strncmp(s + k, "st", 2) || !strncmp(s + k, "nd", 2) ||
                           !strncmp(s + k, "rd", 2) || !strncmp(s + k, "th", 2)))
            return v > 0 ? v : 0;
        return 0;
    }
    for (size_t i = 0; i < sizeof xm_ordwords / sizeof xm_ordwords[0]; i++)
        if (strlen(xm_ordwords[i]) == e - b && !strncasecmp(s + b, xm_ordwords[i], e - b))
            return i == 0 ? 1 : (long)i;
    return 0;
}

static int xm_has_any(const struct xlist *l, const char *s, size_t len)
{
    return xindex_first(l->ia, s, len, 0, XT_FOLD, 1, NULL) != (size_t)-1;
}

/* "The NCG convened its fourth meeting": an ordinal after the name, through
 * "its"/"their" within the same clause. Returns it, *AT its offset. */
static long xm_ordinal_after(const char *s, size_t t1, size_t s1, size_t *at)
{
    static const char *const nouns[] = {"meeting", "session", "round", "plenary", "dialogue"};
    size_t lim = t1 + 48 < s1 ? t1 + 48 : s1;
    for (size_t p = t1; p < lim; p++) {
        size_t m = xt_match_at(s, lim, p, "its", 1);
        size_t q, e;
        long v;
        if (!m)
            m = xt_match_at(s, lim, p, "their", 1);
        if (!m && p == t1 && p + 2 <= lim && !memcmp(s + p, "'s", 2))
            m = 2; /* "the NCG's fourth meeting" */
        if (!m && p == t1 && p + 4 <= lim && !memcmp(s + p, "\xe2\x80\x99s", 4))
            m = 4;
        if (!m || memchr(s + t1, ',', p - t1))
            continue;
        q = xt_skip_sp(s, s1, p + m);
        e = q + xt_word_len(s, s1, q);
        if (e == q || e >= s1 || s[e] != ' ')
            continue;
        v = xm_ordinal(s, e + 1, at);
        if (!v || *at != q)
            continue;
        for (size_t k = 0; k < sizeof nouns / sizeof nouns[0]; k++)
            if (xt_match_at(s, s1, e + 1, nouns[k], 1))
                return v;
    }
    return 0;
}

/* A related-meeting marker within the 40 bytes before T0 (same clause). */
static int xm_marked_related(const struct xdata *x, const char *s, size_t s0, size_t t0, size_t t1,
                             size_t s1)
{
    size_t from = t0 > s0 + 40 ? t0 - 40 : s0;
    /* markers after the name ("... will be held in Seoul"): rows "after<TAB>phrase" */
    for (size_t i = 0; i < x->related_markers.n; i++) {
        size_t lim = t1 + 30 < s1 ? t1 + 30 : s1, at;
        if (strcmp(x->related_markers.a[i], "after") != 0 || !x->related_markers.b[i])
            continue;
        at = xt_find(s, lim, t1, x->related_markers.b[i], 1);
        if (at != (size_t)-1 && !memchr(s + t1, ',', at - t1))
            return 1;
    }
    for (size_t i = 0; i < x->related_markers.n; i++) {
        if (x->related_markers.b[i])
            continue;
        size_t at = from;
        while ((at = xt_find(s, t0, at, x->related_markers.a[i], 1)) != (size_t)-1) {
            size_t e = at + strlen(x->related_markers.a[i]);
            if (!memchr(s + e, ',', t0 - e) && !memchr(s + e, ';', t0 - e))
                return 1;
            at++;
        }
    }
    return 0;
}

static void xm_add(struct xmention **v, size_t *n, size_t *cap, struct xmention m)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *v = xrealloc(*v, xmul(*cap, sizeof **v));
    }
    (*v)[(*n)++] = m;
}

/* Unknown series: "the [inaugural] Capitalised ... Dialogue" in a sentence
 * that says a meeting was held. */
static void xm_unknown(const struct xdoc *doc, size_t si, struct xmention **v, size_t *n,
                       size_t *cap)
{
    const struct xdata *x = doc->data;
    const struct xsent *st = &doc->sents[si];
    const char *s = doc->blocks[st->blk].text;
    for (size_t i = st->t0; i < st->t1; i++) {
        size_t b, e, ml;
        if (!xt_is_cap(s, st->t1, i) || (i > 0 && xt_is_word((unsigned char)s[i - 1])))
            continue;
        /* a run of capitalised words (and "of", "and", "for") */
        b = i;
        e = i;
        for (;;) {
            size_t w = xt_word_len(s, st->t1, e), nx;
            if (!w)
                break;
            if (xt_longest_at(&x->meeting_nouns, s, st->t1, e, 0, &ml) >= 0 && ml) {
                e += ml;
                goto found;
            }
            if (!isupper((unsigned char)s[e]) &&
                !(w <= 3 && (!strncmp(s + e, "of", 2) || !strncmp(s + e, "and", 3) ||
                             !strncmp(s + e, "for", 3))))
                break;
            nx = e + w;
            if (nx >= st->t1 || s[nx] != ' ')
                break;
            e = nx + 1;
        }
        i = e;
        continue;
    found:
        for (size_t k = 0; k < *n; k++)
            if ((*v)[k].si == si && !((*v)[k].t1 <= b || (*v)[k].t0 >= e))
                goto next;
        if (e - b < 8 || !strchr(s + b, ' ') || (size_t)(strchr(s + b, ' ') - s) >= e)
            goto next; /* one word ("Meeting") is not a name */
        {
            struct xmention m = {.si = si, .t0 = b, .t1 = e, .series = -1};
            size_t p = xt_skip_sp(s, st->t1, e);
            if (p < st->t1 && s[p] == '(') {
                size_t q = p + 1;
                while (q < st->t1 && (isupper((unsigned char)s[q]) || isdigit((unsigned char)s[q])))
                    q++;
                if (q < st->t1 && s[q] == ')' && q - p > 2)
                    m.label = xstrndup(s + p + 1, q - p - 1);
            }
            if (!m.label)
                m.label = xstrndup(s + b, e - b);
            m.ordinal = xm_ordinal(s, b, &m.ord_t0);
            xm_add(v, n, cap, m);
        }
    next:
        i = e;
    }
}

static size_t xm_collect(const struct xdoc *doc, struct xmention **out)
{
    const struct xdata *x = doc->data;
    struct xmention *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t si = 0; si < doc->nsents; si++) {
        const struct xsent *st = &doc->sents[si];
        const char *s = doc->blocks[st->blk].text;
        size_t n0 = n;
        int event;
        for (size_t i = st->t0; i < st->t1; i++) {
            size_t bl = 0;
            long best = xindex_longest_at(x->series.ib, s, st->t1, i, XT_AUTO, &bl);
            if (best < 0)
                continue;
            {
                const char *var = x->series.b[best] ? x->series.b[best] : x->series.a[best];
                struct xmention m = {.si = si, .t0 = i, .t1 = i + bl, .series = best};
                m.acronym = xm_all_caps(var);
                if (!m.acronym)
                    m.t0 = xm_prefix(s, i);
                m.label = xstrdup(x->series.a[best]);
                m.ordinal = xm_ordinal(s, m.t0, &m.ord_t0);
                if (!m.ordinal)
                    m.ordinal = xm_ordinal_after(s, m.t1, st->t1, &m.ord_t0);
                if (m.ordinal && m.ord_t0 < m.t0 && m.ordinal < 100 &&
                    !isdigit((unsigned char)s[m.ord_t0])) {
                    /* "the first KIDD meeting since ...", "the first TMM
                     * hosted in Japan", "the second KIDD this year" count,
                     * they do not number the series */
                    static const char *const count_words[] = {
                        "since", "hosted",  "ever",      "this year", "of its kind",
                        "under", "outside", "in person", "in years"};
                    size_t e = i + bl, lim = e + 30 < st->t1 ? e + 30 : st->t1;
                    for (size_t q = 0; q < sizeof count_words / sizeof *count_words; q++)
                        if (xt_find(s, lim, e, count_words[q], 1) != (size_t)-1)
                            m.ordinal = 0;
                }
                xm_add(&v, &n, &cap, m);
            }
            i += bl - 1;
        }
        event = xm_has_any(&x->event_verbs, s + st->t0, st->t1 - st->t0);
        if (event && !st->caption)
            xm_unknown(doc, si, &v, &n, &cap);
        for (size_t k = n0; k < n; k++) {
            struct xmention *m = &v[k];
            size_t from = m->ordinal && m->ord_t0 < m->t0 ? m->ord_t0 : m->t0;
            m->related = xm_marked_related(x, s, st->t0, from, m->t1, st->t1);
            m->score = (event ? 4 : 0) + (doc->blocks[st->blk].title ? 5 : 0) +
                       (!st->caption && st->para < 3 ? 2 : 0) + (m->ordinal ? 1 : 0) -
                       (st->caption ? 3 : 0) - (m->related ? 20 : 0) - (m->series < 0 ? 1 : 0);
        }
    }
    *out = v;
    return n;
}

/* ---- dates --------------------------------------------------------------- */

/* A wire dateline opening a lead paragraph: "WASHINGTON, Jan. 10 (Yonhap) --",
 * "TOKYO (Reuters) -", "SEOUL, South Korea, March 3 --". END is where the
 * story starts; DAY the dateline's date (year from the publication date) when
 * it gives one. Relative dates of the story count from that day. */
struct xm_dateline {
    int have, have_day;
    size_t si, end; /* sentence, end offset in the block text */
    struct date_val day;
};

static size_t xm_dash_at(const char *s, size_t len, size_t i)
{
    if (i + 2 <= len && s[i] == '-' && s[i + 1] == '-')
        return 2;
    if (i + 3 <= len && (!memcmp(s + i, "\xe2\x80\x94", 3) || !memcmp(s + i, "\xe2\x80\x93", 3)))
        return 3;
    if (i + 1 < len && s[i] == '-' && s[i + 1] == ' ' && i > 0 && s[i - 1] == ' ')
        return 1;
    return 0;
}

static int xm_dateline_in(const char *s, size_t t0, size_t t1, const struct date_val *pub,
                          struct xm_dateline *dl)
{
    size_t i = t0, caps = 0, head, dash = 0, dl_len;
    /* the place: capital letters (spaces, dots, hyphens and apostrophes inside) */
    while (i < t1 && (isupper((unsigned char)s[i]) || s[i] == ' ' || s[i] == '.' || s[i] == '-' ||
                      s[i] == '\''))
        caps += isupper((unsigned char)s[i++]) != 0;
    while (i > t0 && s[i - 1] == ' ')
        i--;
    if (caps < 3 || i >= t1 || (s[i] != ',' && s[i] != ' ') || i - t0 > 40)
        return 0;
    head = i;
    /* then, within a short stretch, the dash that ends the dateline */
    for (size_t k = head; k < t1 && k < head + 60; k++)
        if ((dl_len = xm_dash_at(s, t1, k)) != 0) {
            dash = k;
            break;
        }
    if (!dash || memchr(s + head, '"', dash - head))
        return 0;
    memset(dl, 0, sizeof *dl);
    dl->have = 1;
    dl->end = xt_skip_sp(s, t1, dash + dl_len);
    if (pub) {
        struct date_span *ds = NULL;
        size_t nd = dates_find(s + head, dash - head, pub, &ds);
        for (size_t k = 0; k < nd && !dl->have_day; k++)
            if (!ds[k].is_range && ds[k].kind != DATE_RELATIVE && ds[k].from.y > 0 &&
                ds[k].from.m > 0 && ds[k].from.d > 0) {
                dl->day = ds[k].from;
                dl->have_day = 1;
            }
        free(ds);
    }
    return 1;
}

/* The dateline of the first lead paragraphs, if any. */
static void xm_dateline(const struct xdoc *doc, struct xm_dateline *dl)
{
    memset(dl, 0, sizeof *dl);
    for (size_t si = 0; si < doc->nbody; si++) {
        const struct xsent *st = &doc->sents[si];
        const struct xblock *b = &doc->blocks[st->blk];
        if (b->title || strcmp(b->kind, "paragraph") != 0 || si != b->s0)
            continue;
        if (st->para > 2)
            break;
        if (xm_dateline_in(b->text, st->t0, st->t1, doc->has_pub ? &doc->pub : NULL, dl)) {
            dl->si = si;
            return;
        }
    }
}

struct xm_date {
    int have, rank; /* rank: 4 explicit, 3 partial, 2 relative, 1 caption */
    struct date_val from, to;
    size_t si, t0, t1;
};

static const char *xm_basis(int rank)
{
    switch (rank) {
    case 4:
        return "explicit";
    case 3:
        return "partial";
    case 2:
        return "relative";
    case 1:
        return "caption";
    default:
        return NULL;
    }
}

/* The mention of sentence SI nearest to byte T (index into V, or -1). V is in
 * sentence order, so the sentence's mentions are found by bisection. */
static long xm_nearest(const struct xmention *v, size_t n, size_t si, size_t t)
{
    long best = -1;
    size_t bd = (size_t)-1, lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].si < si)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < n && v[k].si == si; k++) {
        size_t dd = t >= v[k].t1 ? t - v[k].t1 : v[k].t0 > t ? v[k].t0 - t : 0;
        if (dd < bd) {
            bd = dd;
            best = (long)k;
        }
    }
    return best;
}

/* The reference date for relative dates: the dateline's day, else the
 * publication date; NULL when neither is known. */
static const struct date_val *xm_ref(const struct xdoc *doc, const struct xm_dateline *dl)
{
    return dl->have_day ? &dl->day : doc->has_pub ? &doc->pub : NULL;
}

static void xm_date_in(const struct xdoc *doc, size_t si, const struct xmention *v, size_t n,
                       const char *label, const struct xm_dateline *dl, struct xm_date *best)
{
    const struct xsent *st = &doc->sents[si];
    const char *s = doc->blocks[st->blk].text + st->t0;
    size_t len = st->t1 - st->t0;
    struct date_span *ds = NULL;
    size_t nd =
        dates_find(s, len, st->caption ? (doc->has_pub ? &doc->pub : NULL) : xm_ref(doc, dl), &ds);
    for (size_t k = 0; k < nd; k++) {
        long near = xm_nearest(v, n, si, st->t0 + ds[k].start);
        int rank;
        if (ds[k].from.y <= 0 || ds[k].from.m <= 0 || ds[k].from.d <= 0)
            continue;
        if (dl->have && si == dl->si && st->t0 + ds[k].start < dl->end)
            continue; /* the dateline dates the story, not the meeting */
        if (near >= 0 && (strcmp(v[near].label, label) != 0 || v[near].related))
            continue;
        if (ds[k].start >= 6 && !strncasecmp(s + ds[k].start - 6, "since ", 6))
            continue;
        /* a day counted from a dateline that gives the day is as good as
         * written ("WASHINGTON, Jan. 10 (Yonhap) -- ... on Friday") */
        rank = st->caption                       ? 1
               : ds[k].kind == DATE_ABSOLUTE     ? 4
               : ds[k].kind == DATE_PARTIAL      ? 3
               : dl->have_day && !ds[k].is_range ? 4
                                                 : 2;
        if (rank > best->rank) {
            best->have = 1;
            best->rank = rank;
            best->from = ds[k].from;
            best->to = ds[k].is_range ? ds[k].to : ds[k].from;
            if (best->to.y <= 0 || best->to.m <= 0 || best->to.d <= 0)
                best->to = best->from;
            best->si = si;
        }
    }
    free(ds);
}

/* ---- the meeting object --------------------------------------------------- */

static json_t *xm_ev_or_null(const struct xdoc *doc, long si)
{
    return si >= 0 ? xdoc_evidence(doc, (size_t)si) : json_null();
}

static json_t *xm_date_json(const struct date_val *v)
{
    char buf[16];
    if (v->y <= 0 || v->m <= 0 || v->d <= 0)
        return json_null();
    date_format(v, buf, sizeof buf);
    return json_string(buf);
}

/* Non-zero when S names a meeting still ahead (related_markers.txt rows
 * "future<TAB>phrase"). */
static int xm_future(const struct xdata *x, const char *s, size_t len)
{
    for (size_t i = 0; i < x->related_markers.n; i++)
        if (!strcmp(x->related_markers.a[i], "future") && x->related_markers.b[i] &&
            xt_find(s, len, 0, x->related_markers.b[i], 1) != (size_t)-1)
            return 1;
    return 0;
}

/* The month of date span P as "YYYY-MM": the year as written, else the
 * nearest such month (within six months) of the meeting's date MEET, else
 * of the publication date PUB; null when neither is known or the month is
 * further away. */
/* (FUTURE: the next such month within a year.) */
static json_t *xm_month_json(const struct date_span *p, const struct date_val *meet,
                             const struct date_val *pub, int future)
{
    const struct date_val *ref = meet && meet->y > 0 && meet->m > 0 ? meet : pub;
    int y = p->from.y, m = p->from.m;
    char buf[16];
    if (m < 1 || m > 12)
        return json_null();
    if (p->kind != DATE_ABSOLUTE) {
        /* a month without a year: its year was a guess from the reference */
        int best = 0, bd = 99;
        if (!ref || ref->y <= 0 || ref->m <= 0)
            return json_null();
        for (int cy = ref->y - 1; cy <= ref->y + 1; cy++) {
            int dd = (cy * 12 + m) - (ref->y * 12 + ref->m);
            if (future && dd < 0)
                continue;
            if (dd < 0)
                dd = -dd;
            else if (future)
                dd /= 2; /* ahead: up to a year */
            if (dd < bd) {
                bd = dd;
                best = cy;
            }
        }
        if (bd > 6)
            return json_null();
        y = best;
    }
    if (y <= 0)
        return json_null();
    snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return json_string(buf);
}

/* "in CITY" in sentence SI; returns the places row or -1. */
static long xm_city_in(const struct xdoc *doc, size_t si)
{
    const struct xsent *st = &doc->sents[si];
    const char *s = doc->blocks[st->blk].text;
    for (size_t i = st->t0; i + 3 < st->t1; i++) {
        size_t ml;
        long r;
        if (!xt_match_at(s, st->t1, i, "in", 0) && !xt_match_at(s, st->t1, i, "at", 0))
            continue;
        r = xt_longest_at(&doc->data->places, s, st->t1, i + 3, 0, &ml);
        if (r >= 0)
            return r;
    }
    return -1;
}

static int xm_meeting_word(const char *s, size_t len)
{
    static const char *const w[] = {"meeting", "talks", "dialogue", "consultations", "held"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (xt_find(s, len, 0, w[i], 1) != (size_t)-1)
            return 1;
    return 0;
}

json_t *extract_meeting(const struct xdoc *doc, json_t **related, struct xmeeting *mt)
{
    const struct xdata *x = doc->data;
    struct xmention *v = NULL;
    size_t n = xm_collect(doc, &v);
    long best = -1, name_k = -1, ord_k = -1, city_si = -1, fmt_si = -1, fmt_row = -1;
    long city_row = -1;
    struct xm_date dt = {0};
    json_t *m = json_object(), *ev = json_object();
    unsigned char *named = NULL; /* per sentence: names the chosen meeting */
    struct xm_dateline dl;

    memset(mt, 0, sizeof *mt);
    mt->series_sent = -1;
    xm_dateline(doc, &dl);
    *related = json_array();
    for (size_t k = 0; k < n; k++)
        if (v[k].score >= 4 && (best < 0 || v[k].score > v[best].score))
            best = (long)k;
    if (best >= 0) {
        const char *label = v[best].label;
        for (size_t k = 0; k < n; k++) {
            if (strcmp(v[k].label, label) != 0 || v[k].related)
                continue;
            if (!v[k].acronym && (name_k < 0 || v[k].t1 - v[k].t0 > v[name_k].t1 - v[name_k].t0))
                name_k = (long)k;
            if (v[k].ordinal && ord_k < 0)
                ord_k = (long)k;
        }
        if (name_k < 0)
            name_k = best;
        if (v[best].ordinal)
            ord_k = best; /* the ordinal of the mention that says it was held */
        if (ord_k >= 0)
            for (size_t k = 0; k < n; k++)
                if (!strcmp(v[k].label, label) && v[k].ordinal && v[k].ordinal != v[ord_k].ordinal)
                    v[k].related = 1; /* "the 55th SCM" in a record of the 54th */
        /* dates: sentences naming the meeting, then meeting sentences near the top */
        named = xcalloc(doc->nsents ? doc->nsents : 1, 1);
        for (size_t k = 0; k < n; k++)
            if (!strcmp(v[k].label, label) && !v[k].related)
                named[v[k].si] = 1;
        for (size_t si = 0; si < doc->nsents; si++)
            if (named[si])
                xm_date_in(doc, si, v, n, label, &dl, &dt);
        if (!dt.have || dt.rank < 2)
            for (size_t si = 0; si < doc->nsents; si++) {
                size_t len;
                const char *s = xdoc_stext(doc, si, &len);
                if ((doc->sents[si].caption || doc->sents[si].para < 3) &&
                    xm_meeting_word(s, len) && xm_nearest(v, n, si, doc->sents[si].t0) < 0)
                    xm_date_in(doc, si, v, n, label, &dl, &dt);
            }
        /* city: sentences naming the meeting, then the first paragraphs */
        for (size_t k = 0; k < n && city_row < 0; k++)
            if (!strcmp(v[k].label, label) && !v[k].related && !doc->sents[v[k].si].caption &&
                (city_row = xm_city_in(doc, v[k].si)) >= 0)
                city_si = (long)v[k].si;
        for (size_t si = 0; si < doc->nsents && city_row < 0; si++) {
            size_t len;
            const char *s = xdoc_stext(doc, si, &len);
            if ((doc->sents[si].caption || doc->sents[si].para < 3) && xm_meeting_word(s, len) &&
                (city_row = xm_city_in(doc, si)) >= 0)
                city_si = (long)si;
        }
        /* format: the title or a sentence naming the meeting */
        for (size_t si = 0; si < doc->nbody && fmt_row < 0; si++) {
            size_t len, at;
            const char *s = xdoc_stext(doc, si, &len);
            if (!named[si] && !doc->blocks[doc->sents[si].blk].title)
                continue;
            for (size_t r = 0; r < x->formats.n && fmt_row < 0; r++)
                if (x->formats.b[r] &&
                    (at = xt_find(s, len, 0, x->formats.b[r], 1)) != (size_t)-1) {
                    fmt_row = (long)r;
                    fmt_si = (long)si;
                }
        }
        mt->series = xstrdup(label);
        mt->series_sent = (long)v[best].si;
        mt->name = xstrndup(doc->blocks[doc->sents[v[name_k].si].blk].text + v[name_k].t0,
                            v[name_k].t1 - v[name_k].t0);
        mt->name_blk = doc->sents[v[name_k].si].blk;
        mt->name_t0 = v[name_k].t0;
        mt->name_t1 = v[name_k].t1;
    }
    json_object_set_new(m, "series", jsonio_string(mt->series));
    json_object_set_new(m, "name", jsonio_string(mt->name));
    json_object_set_new(m, "ordinal", ord_k >= 0 ? json_integer(v[ord_k].ordinal) : json_null());
    json_object_set_new(m, "start_date", dt.have ? xm_date_json(&dt.from) : json_null());
    json_object_set_new(m, "end_date", dt.have ? xm_date_json(&dt.to) : json_null());
    /* places.tsv: CITY<TAB>COUNTRY[<TAB>CITY AS REPORTED] ("Pentagon" -> Washington) */
    if (city_row >= 0) {
        const char *b = x->places.b[city_row], *tab = b ? strchr(b, '\t') : NULL;
        json_object_set_new(m, "city", json_string(tab ? tab + 1 : x->places.a[city_row]));
        json_object_set_new(
            m, "country", b ? jsonio_stringn(b, tab ? (size_t)(tab - b) : strlen(b)) : json_null());
    } else {
        json_object_set_new(m, "city", json_null());
        json_object_set_new(m, "country", json_null());
    }
    json_object_set_new(m, "format",
                        fmt_row >= 0 ? json_string(x->formats.a[fmt_row]) : json_null());
    json_object_set_new(m, "date_basis", dt.have ? json_string(xm_basis(dt.rank)) : json_null());
    json_object_set_new(ev, "name", xm_ev_or_null(doc, best >= 0 ? (long)v[name_k].si : -1));
    json_object_set_new(ev, "ordinal", xm_ev_or_null(doc, ord_k >= 0 ? (long)v[ord_k].si : -1));
    json_object_set_new(ev, "dates", xm_ev_or_null(doc, dt.have ? (long)dt.si : -1));
    json_object_set_new(ev, "city", xm_ev_or_null(doc, city_si));
    json_object_set_new(ev, "format", xm_ev_or_null(doc, fmt_si));
    json_object_set_new(m, "evidence", ev);

    /* related meetings: marked ones, and other series cited with an ordinal */
    for (size_t k = 0; k < n; k++) {
        const struct xsent *st = &doc->sents[v[k].si];
        const char *s = doc->blocks[st->blk].text;
        struct date_span *ds = NULL;
        size_t nd, dup = 0, i;
        json_t *r, *o;
        if (best >= 0 && !v[k].related && !strcmp(v[k].label, v[best].label))
            continue;
        /* cited with a number ("the 55th SCM"); "the first X exercise" is no meeting */
        if (!v[k].related && !(v[k].ordinal && isdigit((unsigned char)s[v[k].ord_t0])))
            continue;
        json_array_foreach(*related, i, o)
        {
            if (!strcmp(jsonio_str(o, "series") ? jsonio_str(o, "series") : "", v[k].label) &&
                jsonio_int(o, "ordinal", 0) == v[k].ordinal)
                dup = 1;
        }
        if (dup)
            continue;
        r = json_object();
        json_object_set_new(r, "series", json_string(v[k].label));
        json_object_set_new(r, "name", jsonio_stringn(s + v[k].t0, v[k].t1 - v[k].t0));
        json_object_set_new(r, "ordinal", v[k].ordinal ? json_integer(v[k].ordinal) : json_null());
        nd = dates_find(s + st->t0, st->t1 - st->t0,
                        st->caption ? (doc->has_pub ? &doc->pub : NULL) : xm_ref(doc, &dl), &ds);
        {
            long pick = -1;
            for (size_t q = 0; q < nd && pick < 0; q++) {
                /* the first date after the name whose nearest mention is this
                 * meeting (or its acronym: "the 55th Security Consultative
                 * Meeting (SCM) in November") */
                long near = xm_nearest(v, n, v[k].si, st->t0 + ds[q].start);
                if (near >= 0 && st->t0 + ds[q].start >= v[k].t1 &&
                    (near == (long)k || (near > (long)k && !strcmp(v[near].label, v[k].label) &&
                                         (!v[near].ordinal || v[near].ordinal == v[k].ordinal))))
                    pick = (long)q;
            }
            if (pick >= 0) {
                struct date_span *p = &ds[pick];
                json_object_set_new(r, "start_date", xm_date_json(&p->from));
                json_object_set_new(r, "end_date", xm_date_json(p->is_range ? &p->to : &p->from));
                json_object_set_new(r, "date_text",
                                    jsonio_stringn(s + st->t0 + p->start, p->end - p->start));
                json_object_set_new(r, "start_month",
                                    xm_month_json(p, dt.have ? &dt.from : NULL,
                                                  doc->has_pub ? &doc->pub : NULL,
                                                  xm_future(x, s + st->t0, st->t1 - st->t0)));
            } else {
                json_object_set_new(r, "start_date", json_null());
                json_object_set_new(r, "end_date", json_null());
                json_object_set_new(r, "date_text", json_null());
                json_object_set_new(r, "start_month", json_null());
            }
        }
        free(ds);
        json_object_set_new(r, "evidence", xdoc_evidence(doc, v[k].si));
        json_array_append_new(*related, r);
    }
    for (size_t k = 0; k < n; k++)
        free(v[k].label);
    free(v);
    free(named);
    return m;
}

void xmeeting_free(struct xmeeting *m)
{
    free(m->series);
    free(m->name);
    memset(m, 0, sizeof *m);
}
