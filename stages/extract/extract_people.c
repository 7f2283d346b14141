/* extract_people.c - people with titles, sides, roles and acting status.
 *
 * A person enters the record through an anchor: a title before the name
 * ("U.S. Secretary of Defense Lloyd Austin", "Deputy Minister ... (DEPMIN),
 * Dr. Taekeun Heo") or after it ("Cho Chang-rae, South Korea's deputy defense
 * minister", "John Noh, who performs the duties of the assistant secretary
 * ..."). Later short mentions ("Austin", "Secretary Blinken", "DEPMIN Heo")
 * are matched to the people found, and the sentences they occur in decide
 * the role: lead, side_meeting, participant or mentioned.
 */
#include "extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "jsonio.h"
#include "names.h"
#include "xalloc.h"

enum { XP_MENTIONED, XP_SIDE, XP_PARTICIPANT, XP_LEAD };
static const char *const xp_roles[] = {"mentioned", "side_meeting", "participant", "lead"};

#define XP_MAX_TOK 5
#define XP_MAX_EVIDENCE 8

struct xperson {
    char *name, *title;
    const char *side; /* borrowed from the side data */
    char *concat;     /* lowercase letters and digits of the name, in order */
    char *bucket;     /* names_bucket(): names_compare() can only match inside one */
    char *tok[XP_MAX_TOK];
    size_t ntok;
    int role, acting;
    size_t *sents, nsents;
};

/* People by key: each person is listed under its letters ('c' + concat),
 * its names_bucket ('b' + bucket), its last token ('t' + token) and its
 * family name ('s' + surname). Every person xp_same() can match shares one
 * of the first three with the name looked up, and a one-token reference
 * matches by family name, so candidates come from four lists instead of a
 * scan of everyone. A person renamed is listed under the new keys as well
 * (stale entries are harmless: candidates are tested). */
struct xp_list {
    char *key; /* kind byte, then the key */
    size_t klen;
    size_t *id, n, cap;
};

struct xp_index {
    struct xp_list *slot; /* open addressing, key NULL when empty */
    size_t cap, n;
};

struct xpeople {
    struct xperson *p;
    size_t n, cap;
    struct xp_index ix;
    /* xp_name_at() per sentence offset, for the anchors and the references
     * look at the same offsets: sentence SI's offset T0+k is
     * names[nbase[SI] + k], 0 when not computed, else 1 + the token count
     * + 8 * the name's length */
    size_t *nbase;
    uint32_t *names;
};

/* ---- names ------------------------------------------------------------------ */

static int xp_titleword(const struct xdata *x, const char *w, size_t n)
{
    return xlist_has(&x->title_words, w, n, 1);
}

static int xp_monthday(const char *w, size_t n)
{
    static const char *const m[] = {
        "January",   "February",  "March",   "April",    "May",      "June",   "July",
        "August",    "September", "October", "November", "December", "Monday", "Tuesday",
        "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",   "Jan.",   "Feb.",
        "Aug.",      "Sept.",     "Oct.",    "Nov.",     "Dec."};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (m[i][0] == w[0] && strlen(m[i]) == n && !strncmp(m[i], w, n))
            return 1;
    return 0;
}

/* Length of a possessive ending ('s, ’s) at the end of word W (N bytes). */
static size_t xp_poss(const char *w, size_t n)
{
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
        return 2;
    if (n > 4 && !memcmp(w + n - 4, "\xe2\x80\x99s", 4))
        return 4;
    return 0;
}

/* One name token at S+i: a capitalised word, an initial "J." or a suffix
 * (III, Jr.). Returns its length without a possessive, 0 when none. */
static size_t xp_token(const struct xdata *x, const char *s, size_t len, size_t i, int first)
{
    size_t n, caps = 0, core;
    if (i >= len || !isupper((unsigned char)s[i]))
        return 0;
    n = xt_word_len(s, len, i);
    if (!n)
        return 0;
    core = n - xp_poss(s + i, n);
    if (n == 2 && s[i + 1] == '.')
        return first ? 0 : 2; /* an initial, never first */
    if (!first &&
        ((core == 3 && !strncmp(s + i, "III", 3)) || (core == 3 && !strncmp(s + i, "Jr.", 3))))
        return core;
    for (size_t k = i; k < i + core; k++) {
        if (s[k] == '.')
            return 0; /* U.S., abbreviations */
        if (isdigit((unsigned char)s[k]))
            return 0;
        caps += isupper((unsigned char)s[k]) != 0;
    }
    if (caps > 1 && caps * 2 >= core)
        return 0; /* ROK, DEPMIN: acronyms */
    if (i + core + 2 < len && s[i + core] == '.' && s[i + core + 1] == ' ' &&
        isupper((unsigned char)s[i + core + 2]) && xlist_has(&x->stopwords, s + i, core + 1, 0))
        return 0; /* "Gen. Paul LaCamera": a rank; "Nakatani Gen." ends a name */
    if (core < 2 || xlist_has(&x->stopwords, s + i, core, 0) || xp_titleword(x, s + i, core) ||
        xp_monthday(s + i, core) || xlist_has(&x->places, s + i, core, 0))
        return 0;
    /* the side words' lengths come from their index (column b) */
    for (size_t k = 0; k < x->sides.n; k++)
        if (x->sides.b[k] && x->sides.ib->len[k] == core && x->sides.b[k][0] == s[i] &&
            !memcmp(x->sides.b[k], s + i, core))
            return 0;
    return core;
}

/* A name at S+i: up to XP_MAX_TOK tokens separated by single spaces.
 * Returns the number of tokens, *END the end offset. */
static size_t xp_name_at(const struct xdata *x, const char *s, size_t len, size_t i, size_t *end)
{
    size_t nt = 0, p = i, e = i;
    if (i > 0 && xt_is_word((unsigned char)s[i - 1]))
        return 0;
    if (i >= len || !isupper((unsigned char)s[i])) {
        *end = i; /* no first token */
        return 0;
    }
    while (nt < XP_MAX_TOK) {
        size_t t = xp_token(x, s, len, p, nt == 0);
        if (!t)
            break;
        nt++;
        e = p + t;
        if (xp_poss(s + p, xt_word_len(s, len, p)))
            break; /* "Cho's bilateral meeting" */
        if (e + 1 < len && s[e] == ' ')
            p = e + 1;
        else
            break;
    }
    *end = e;
    return nt;
}

/* xp_name_at() at offset I of sentence SI (the sentence's end bounds the
 * name), computed once per document. */
static size_t xp_name_in(const struct xdoc *doc, struct xpeople *pl, size_t si, size_t i,
                         size_t *end)
{
    const struct xsent *st = &doc->sents[si];
    const char *s = doc->blocks[st->blk].text;
    size_t nt, e = i;
    uint32_t *c;
    if (i < st->t0 || i >= st->t1)
        return xp_name_at(doc->data, s, st->t1, i, end);
    c = &pl->names[pl->nbase[si] + (i - st->t0)];
    if (!*c) {
        nt = xp_name_at(doc->data, s, st->t1, i, &e);
        *c = (uint32_t)(1 + nt + 8 * (e - i));
    }
    *end = i + (*c >> 3);
    return (*c & 7) - 1;
}

size_t xpeople_name_at(const struct xdata *x, const char *s, size_t len, size_t i, size_t *end)
{
    return xp_name_at(x, s, len, i, end);
}

/* ---- people list ---------------------------------------------------------- */

static void xp_split(struct xperson *p)
{
    const char *s = p->name;
    struct buf c = BUF_INIT;
    p->ntok = 0;
    while (*s && p->ntok < XP_MAX_TOK) {
        const char *e = s;
        struct buf t = BUF_INIT;
        while (*e && *e != ' ')
            e++;
        for (const char *q = s; q < e; q++)
            if (isalnum((unsigned char)*q) || (unsigned char)*q >= 0x80) {
                buf_putc(&t, (char)tolower((unsigned char)*q));
                buf_putc(&c, (char)tolower((unsigned char)*q));
            }
        p->tok[p->ntok++] = buf_take(&t);
        s = *e ? e + 1 : e;
    }
    p->concat = buf_take(&c);
    free(p->bucket);
    p->bucket = names_bucket(p->name);
}

static void xp_free_one(struct xperson *p)
{
    free(p->name);
    free(p->title);
    free(p->concat);
    free(p->bucket);
    for (size_t i = 0; i < p->ntok; i++)
        free(p->tok[i]);
    free(p->sents);
}

/* The family name: first token of a Korean-order name, else the last one. */
static const char *xp_surname(const struct xdata *x, const struct xperson *p)
{
    if (p->ntok >= 2 && xlist_has(&x->surnames, p->name, strcspn(p->name, " "), 0) &&
        (strchr(p->name, '-') || p->ntok == 3))
        return p->tok[0];
    return p->tok[p->ntok - 1];
}

/* Sentences kept per person: enough for the evidence (the first ones in
 * reading order), bounded so a name on every line stays linear. */
#define XP_MAX_SENTS 64

static void xp_add_sent(struct xperson *p, size_t si)
{
    if (p->nsents >= XP_MAX_SENTS)
        return;
    for (size_t i = 0; i < p->nsents; i++)
        if (p->sents[i] == si)
            return;
    p->sents = xrealloc(p->sents, xmul(p->nsents + 1, sizeof *p->sents));
    p->sents[p->nsents++] = si;
}

/* Same person: equal letters in order ("Kim Yong Hyun" = "Kim Yong-hyun"),
 * equal key, or one name's tokens within the other's. */
static int xp_same(const struct xperson *a, const struct xperson *b)
{
    size_t hit = 0;
    const struct xperson *s = a->ntok <= b->ntok ? a : b, *l = s == a ? b : a;
    if (!strcmp(a->concat, b->concat))
        return 1;
    if (!strcmp(a->bucket, b->bucket) && names_compare(a->name, b->name) == NAMES_SAME)
        return 1;
    for (size_t i = 0; i < s->ntok; i++)
        for (size_t k = 0; k < l->ntok; k++)
            if (!strcmp(s->tok[i], l->tok[k])) {
                hit++;
                break;
            }
    return s->ntok >= 2 && hit == s->ntok && !strcmp(s->tok[s->ntok - 1], l->tok[l->ntok - 1]);
}

static uint64_t xp_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* The list of key KIND + K (N bytes); created when ADD, else NULL when
 * absent. */
static struct xp_list *xp_ix_list(struct xp_index *ix, char kind, const char *k, size_t n, int add)
{
    size_t i;
    uint64_t h = (xp_hash(k, n) ^ (unsigned char)kind) * 1099511628211ull;
    if (add && 2 * (ix->n + 1) > ix->cap) {
        struct xp_index old = *ix;
        ix->cap = old.cap ? 2 * old.cap : 64;
        ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
        for (size_t j = 0; j < old.cap; j++)
            if (old.slot[j].key) {
                const struct xp_list *l = &old.slot[j];
                uint64_t g = (xp_hash(l->key + 1, l->klen - 1) ^ (unsigned char)l->key[0]) *
                             1099511628211ull;
                i = (size_t)g & (ix->cap - 1);
                while (ix->slot[i].key)
                    i = (i + 1) & (ix->cap - 1);
                ix->slot[i] = *l;
            }
        free(old.slot);
    }
    if (!ix->cap)
        return NULL;
    i = (size_t)h & (ix->cap - 1);
    while (ix->slot[i].key) {
        struct xp_list *l = &ix->slot[i];
        if (l->klen == n + 1 && l->key[0] == kind && !memcmp(l->key + 1, k, n))
            return l;
        i = (i + 1) & (ix->cap - 1);
    }
    if (!add)
        return NULL;
    ix->slot[i].key = xmalloc(n + 2);
    ix->slot[i].key[0] = kind;
    memcpy(ix->slot[i].key + 1, k, n);
    ix->slot[i].key[n + 1] = '\0';
    ix->slot[i].klen = n + 1;
    ix->n++;
    return &ix->slot[i];
}

static void xp_ix_put(struct xp_index *ix, char kind, const char *k, size_t id)
{
    struct xp_list *l = xp_ix_list(ix, kind, k, strlen(k), 1);
    for (size_t j = 0; j < l->n; j++)
        if (l->id[j] == id)
            return;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->id = xrealloc(l->id, xmul(l->cap, sizeof *l->id));
    }
    l->id[l->n++] = id;
}

static void xp_ix_free(struct xp_index *ix)
{
    for (size_t j = 0; j < ix->cap; j++) {
        free(ix->slot[j].key);
        free(ix->slot[j].id);
    }
    free(ix->slot);
    memset(ix, 0, sizeof *ix);
}

static const char *xp_surname(const struct xdata *x, const struct xperson *p);

/* List person ID under its current keys. */
static void xp_ix_person(const struct xdata *x, struct xpeople *pl, size_t id)
{
    const struct xperson *p = &pl->p[id];
    xp_ix_put(&pl->ix, 'c', p->concat, id);
    xp_ix_put(&pl->ix, 'b', p->bucket, id);
    if (p->ntok) {
        xp_ix_put(&pl->ix, 't', p->tok[p->ntok - 1], id);
        xp_ix_put(&pl->ix, 's', xp_surname(x, p), id);
    }
}

static int xp_id_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The people that may be Q (and, when SURNAME, those whose family name is
 * Q's one token), ascending and without repeats, in *IDS (the caller
 * frees); returns their number. */
static size_t xp_candidates(const struct xpeople *pl, const struct xperson *q, int surname,
                            size_t **ids)
{
    const struct xp_list *l[4] = {0};
    size_t n = 0, m = 0, *v;
    struct xp_index *ix = (struct xp_index *)&pl->ix; /* lookups do not add */
    l[0] = xp_ix_list(ix, 'c', q->concat, strlen(q->concat), 0);
    l[1] = xp_ix_list(ix, 'b', q->bucket, strlen(q->bucket), 0);
    if (q->ntok) {
        l[2] = xp_ix_list(ix, 't', q->tok[q->ntok - 1], strlen(q->tok[q->ntok - 1]), 0);
        if (surname && q->ntok == 1)
            l[3] = xp_ix_list(ix, 's', q->tok[0], strlen(q->tok[0]), 0);
    }
    for (int k = 0; k < 4; k++)
        n += l[k] ? l[k]->n : 0;
    *ids = v = n ? xmalloc(xmul(n, sizeof *v)) : NULL;
    if (!n)
        return 0;
    n = 0;
    for (int k = 0; k < 4; k++)
        if (l[k]) {
            memcpy(v + n, l[k]->id, l[k]->n * sizeof *v);
            n += l[k]->n;
        }
    qsort(v, n, sizeof *v, xp_id_cmp);
    for (size_t k = 0; k < n; k++)
        if (!m || v[m - 1] != v[k])
            v[m++] = v[k];
    return m;
}

static struct xperson *xp_add(const struct xdata *x, struct xpeople *pl, const char *name,
                              size_t nlen, const char *title, size_t tlen, const char *side,
                              int acting, size_t si)
{
    struct xperson np = {0};
    size_t *cand, nc;
    np.name = xstrndup(name, nlen);
    xp_split(&np);
    nc = xp_candidates(pl, &np, 0, &cand);
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        struct xperson *p = &pl->p[i];
        if (!xp_same(p, &np))
            continue;
        free(cand);
        if (np.ntok > p->ntok) {
            free(p->name);
            p->name = np.name;
            np.name = NULL;
            free(p->concat);
            for (size_t k = 0; k < p->ntok; k++)
                free(p->tok[k]);
            memcpy(p->tok, np.tok, sizeof np.tok);
            p->ntok = np.ntok;
            p->concat = np.concat;
            free(p->bucket);
            p->bucket = np.bucket;
            np.ntok = 0;
            np.concat = NULL;
            np.bucket = NULL;
            xp_ix_person(x, pl, i);
        }
        if (!p->title && title)
            p->title = xstrndup(title, tlen);
        if (!p->side && side)
            p->side = side;
        p->acting |= acting;
        xp_add_sent(p, si);
        xp_free_one(&np);
        return p;
    }
    if (pl->n == pl->cap) {
        pl->cap = pl->cap ? 2 * pl->cap : 8;
        pl->p = xrealloc(pl->p, xmul(pl->cap, sizeof *pl->p));
    }
    np.title = title ? xstrndup(title, tlen) : NULL;
    np.side = side;
    np.acting = acting;
    free(cand);
    xp_add_sent(&np, si);
    pl->p[pl->n++] = np;
    xp_ix_person(x, pl, pl->n - 1);
    return &pl->p[pl->n - 1];
}

static size_t xp_skip_honorific(const char *s, size_t len, size_t p);

/* ---- titles and sides ----------------------------------------------------- */

/* The side word ending right before T0 (spaces skipped); *B gets its start. */
static const char *xp_side_before(const struct xdata *x, const char *s, size_t s0, size_t t0,
                                  size_t *b)
{
    size_t e = t0;
    const char *best = NULL;
    size_t bl = 0;
    while (e > s0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n'))
        e--; /* never before the sentence */
    if (e == t0 && t0 > s0)
        return NULL;
    for (size_t k = 0; k < x->sides.n; k++) {
        const char *w = x->sides.b[k];
        size_t n = w ? strlen(w) : 0;
        if (!n || n > e - s0 || n <= bl)
            continue;
        if (memcmp(s + e - n, w, n) != 0)
            continue;
        if (e - n > s0 && xt_is_word((unsigned char)s[e - n - 1]))
            continue;
        best = x->sides.a[k];
        bl = n;
    }
    if (best)
        *b = e - bl;
    return best;
}

/* Non-zero when the "and" at S+Q joins two parts of one portfolio: a
 * lower-case word follows that opens no new clause or noun phrase. */
static int xp_portfolio_and(const char *s, size_t len, size_t q)
{
    static const char *const no[] = {"a",    "an",    "the",  "his",   "her",   "their", "its",
                                     "was",  "is",    "has",  "had",   "will",  "said",  "who",
                                     "also", "other", "then", "later", "vowed", "agreed"};
    size_t w;
    if (!xt_match_at(s, len, q, "and", 0))
        return 0;
    w = xt_skip_sp(s, len, q + 3);
    if (w >= len || !islower((unsigned char)s[w]))
        return 0;
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (xt_match_at(s, len, w, no[k], 0))
            return 0;
    return 1;
}

/* Extend a title ending at E over "(ACR)" and a "for/of ..." complement
 * that ends at a comma or the sentence end. Returns the new end. When the
 * complement runs into a name (no comma), the name's start goes to *NAME. */
static size_t xp_title_ext(const struct xdata *x, const char *s, size_t len, size_t e, size_t *name)
{
    size_t p = xt_skip_sp(s, len, e), q;
    static const char *const stop[] = {"and",  "who",    "to",   "led",   "met",    "said", "in",
                                       "at",   "during", "with", "has",   "had",    "was",  "is",
                                       "will", "as",     "on",   "after", "before", "also", "held"};
    *name = (size_t)-1;
    if (p < len && s[p] == '(') {
        q = p + 1;
        while (q < len && s[q] != ')' && s[q] != '(' && q - p < 16)
            q++;
        if (q < len && s[q] == ')') {
            e = q + 1;
            p = xt_skip_sp(s, len, e);
        }
    }
    if (!(xt_match_at(s, len, p, "for", 0) || xt_match_at(s, len, p, "of", 0)))
        return e;
    q = p;
    for (;;) {
        size_t w = xt_word_len(s, len, q), nt, ne;
        int is_stop = 0;
        if (!w)
            break;
        for (size_t k = 0; k < sizeof stop / sizeof stop[0]; k++)
            if (xt_match_at(s, len, q, stop[k], 0))
                is_stop = 1;
        if (is_stop && xp_portfolio_and(s, len, q))
            is_stop = 0; /* "for nuclear and countering weapons of mass destruction policy" */
        if (is_stop)
            break;
        if (xp_skip_honorific(s, len, q) != q) {
            *name = q; /* "... Security Affairs Dr. Ely Ratner" */
            return xt_back_sp(s, q);
        }
        nt = xp_name_at(x, s, len, q, &ne);
        if (nt >= 2) {
            *name = q;
            return xt_back_sp(s, q);
        }
        q += w;
        if (q < len && s[q - 1] == '.' && (q >= len || s[q] == ' ') && q + 1 >= len)
            break;
        if (q >= len || s[q] != ' ')
            break;
        q++;
    }
    return xt_back_sp(s, q);
}

static const char *xp_title_side(const struct xdata *x, long row)
{
    const char *b = row >= 0 ? x->titles.b[row] : NULL;
    return b && strcmp(b, "-") != 0 && strcmp(b, "*") != 0 ? b : NULL;
}

/* A row marked "*": it introduces a name but is no title ("counterpart"). */
static int xp_not_title(const struct xdata *x, long row)
{
    return row >= 0 && x->titles.b[row] && !strcmp(x->titles.b[row], "*");
}

/* "the X delegation" after position P in the same sentence. */
static const char *xp_delegation_side(const struct xdata *x, const char *s, size_t p, size_t e)
{
    size_t at = xt_find(s, e, p, "delegation", 1);
    size_t b;
    const char *side;
    if (at == (size_t)-1 || at - p > 40)
        return NULL;
    side = xp_side_before(x, s, p, at, &b);
    return side;
}

static int xp_acting_before(const char *s, size_t s0, size_t t0)
{
    size_t e = xt_back_sp(s, t0);
    return (e >= s0 + 6 && !strncasecmp(s + e - 6, "acting", 6) &&
            (e - 6 == s0 || !xt_is_word((unsigned char)s[e - 7])));
}

static size_t xp_skip_honorific(const char *s, size_t len, size_t p)
{
    static const char *const h[] = {"Dr. ", "Mr. ", "Ms. ", "Mrs. ", "Prof. "};
    if (p >= len || (s[p] != 'D' && s[p] != 'M' && s[p] != 'P'))
        return p;
    for (size_t k = 0; k < sizeof h / sizeof h[0]; k++)
        if (len - p > strlen(h[k]) && !strncmp(s + p, h[k], strlen(h[k])))
            return p + strlen(h[k]);
    return p;
}

/* ---- anchors -------------------------------------------------------------- */

/* Non-zero when the title at [B,E) (no name after it) and the title at I are
 * one double title: "Deputy Prime Minister and Minister for Defence Richard
 * Marles". The first must be capitalised and not follow a determiner ("the
 * prime minister and Defense Minister Kihara" names two people). */
static int xp_title_pair(const char *s, size_t s0, size_t b, size_t e, size_t i)
{
    static const char *const det[] = {"the", "The", "his", "her", "their", "its", "a", "an"};
    size_t w;
    if (b == (size_t)-1 || e > i || i - e != 5 || memcmp(s + e, " and ", 5) != 0 ||
        !xt_is_cap(s, i, b))
        return 0;
    w = xt_back_sp(s, b);
    if (w == b && b > s0)
        return 0;
    for (size_t k = 0; k < sizeof det / sizeof det[0]; k++) {
        size_t n = strlen(det[k]);
        if (w >= s0 + n && !memcmp(s + w - n, det[k], n) &&
            (w - n == s0 || !xt_is_word((unsigned char)s[w - n - 1])))
            return 0;
    }
    return 1;
}

static void xp_anchor_sentence(const struct xdoc *doc, size_t si, struct xpeople *pl)
{
    const struct xdata *x = doc->data;
    const struct xsent *st = &doc->sents[si];
    const char *s = doc->blocks[st->blk].text;
    size_t len = st->t1, pt_b = (size_t)-1, pt_e = 0; /* the last title without a name */
    for (size_t i = st->t0; i < len; i++) {
        size_t tl, te, np, ne, nt, sb, nm;
        long row;
        const char *side;
        int acting;
        if (i > st->t0 && xt_is_word((unsigned char)s[i - 1]))
            continue;
        /* title first: "TITLE [(ACR)] [for ...][,] [Dr.] NAME" */
        row = xt_longest_at(&x->titles, s, len, i, 1, &tl);
        if (row >= 0) {
            te = xp_title_ext(x, s, len, i + tl, &nm);
            np = nm != (size_t)-1 ? nm : xt_skip_sp(s, len, te);
            if (nm == (size_t)-1) {
                size_t rl;
                if (np < len && s[np] == ',')
                    np = xt_skip_sp(s, len, np + 1);
                /* a rank between title and name: "Chairman of the Joint Chiefs of
                 * Staff, Admiral Kim Myung-soo", "Commander ... Gen. Paul LaCamera" */
                if (xt_longest_at(&x->titles, s, len, np, 0, &rl) >= 0 && rl)
                    np = xt_skip_sp(s, len, np + rl);
            }
            np = xp_skip_honorific(s, len, np);
            nt = xp_name_in(doc, pl, si, np, &ne);
            if (nt < 2) {
                if (pt_b == (size_t)-1 || i >= pt_e) { /* not a title inside the last one */
                    pt_b = i;
                    pt_e = te;
                }
            } else {
                size_t ti = xp_title_pair(s, st->t0, pt_b, pt_e, i) ? pt_b : i;
                sb = ti;
                side = xp_side_before(x, s, st->t0, ti, &sb);
                acting = xp_acting_before(s, st->t0, sb) || xp_acting_before(s, st->t0, ti);
                if (!side)
                    side = xp_title_side(x, row);
                if (!side)
                    side = xp_delegation_side(x, s, ne, len);
                if (xp_not_title(x, row))
                    xp_add(x, pl, s + np, ne - np, NULL, 0, side, acting, si);
                else
                    xp_add(x, pl, s + np, ne - np, s + ti, te - ti, side, acting, si);
                pt_b = (size_t)-1;
                i = ne;
                continue;
            }
        }
        /* name first: "NAME, [who performs the duties of] [SIDE] TITLE ..."
         * (a name and an honorific start with a capital) */
        if (!isupper((unsigned char)s[i]))
            continue;
        np = xp_skip_honorific(s, len, i);
        nt = xp_name_in(doc, pl, si, np, &ne);
        if (nt >= 2 && ne + 2 < len && s[ne] == ',') {
            size_t p = xt_skip_sp(s, len, ne + 1), q, sidee;
            const char *side2 = NULL;
            acting = 0;
            static const char *const lead_in[] = {"who performs the duties of",
                                                  "who is performing the duties of",
                                                  "performing the duties of",
                                                  "who is",
                                                  "the",
                                                  "a"};
            for (size_t k = 0; k < sizeof lead_in / sizeof lead_in[0]; k++) {
                size_t m = xt_match_at(s, len, p, lead_in[k], 1);
                if (m) {
                    acting |= k < 3;
                    p = xt_skip_sp(s, len, p + m);
                    if (k < 3) {
                        size_t m2 = xt_match_at(s, len, p, "the", 1);
                        if (m2)
                            p = xt_skip_sp(s, len, p + m2);
                    }
                    break;
                }
            }
            if (xt_match_at(s, len, p, "acting", 1)) {
                acting = 1;
                p = xt_skip_sp(s, len, p + 6);
            }
            /* a side word ("South Korea's", "U.S.") before the title */
            q = p;
            for (size_t k = 0; k < x->sides.n; k++) {
                const char *w = x->sides.b[k];
                size_t m = w ? xt_match_at(s, len, p, w, 0) : 0;
                if (m && (!side2 || p + m > q)) {
                    side2 = x->sides.a[k];
                    q = p + m;
                }
            }
            sidee = xt_skip_sp(s, len, q);
            row = xt_longest_at(&x->titles, s, len, sidee, 1, &tl);
            if (row >= 0 && !xp_not_title(x, row)) {
                te = xp_title_ext(x, s, len, sidee + tl, &nm);
                if (nm != (size_t)-1)
                    te = xt_back_sp(s, nm);
                if (!side2)
                    side2 = xp_title_side(x, row);
                if (!side2)
                    side2 = xp_delegation_side(x, s, te, len);
                xp_add(x, pl, s + np, ne - np, s + sidee, te - sidee, side2, acting, si);
                i = te;
                continue;
            }
        }
        if (nt)
            i = ne;
    }
}

/* ---- references and roles --------------------------------------------------- */

/* Who a name as written refers to, memoised per document: the people list
 * is complete once the anchors are read, so each distinct spelling is
 * resolved once (open addressing on an FNV-1a hash of the bytes). */
struct xp_memo {
    char **key;
    size_t *klen;
    long *val; /* person index, -1 none, -2 ambiguous */
    size_t cap, n;
};

static long *xp_memo_slot(struct xp_memo *mm, const char *s, size_t n, int *found)
{
    size_t i;
    if (2 * (mm->n + 1) > mm->cap) {
        struct xp_memo old = *mm;
        mm->cap = old.cap ? 2 * old.cap : 64;
        mm->key = xcalloc(mm->cap, sizeof *mm->key);
        mm->klen = xcalloc(mm->cap, sizeof *mm->klen);
        mm->val = xcalloc(mm->cap, sizeof *mm->val);
        for (size_t k = 0; k < old.cap; k++)
            if (old.key[k]) {
                i = xp_hash(old.key[k], old.klen[k]) & (mm->cap - 1);
                while (mm->key[i])
                    i = (i + 1) & (mm->cap - 1);
                mm->key[i] = old.key[k];
                mm->klen[i] = old.klen[k];
                mm->val[i] = old.val[k];
            }
        free(old.key);
        free(old.klen);
        free(old.val);
    }
    i = xp_hash(s, n) & (mm->cap - 1);
    while (mm->key[i]) {
        if (mm->klen[i] == n && !memcmp(mm->key[i], s, n)) {
            *found = 1;
            return &mm->val[i];
        }
        i = (i + 1) & (mm->cap - 1);
    }
    *found = 0;
    mm->key[i] = xstrndup(s, n);
    mm->klen[i] = n;
    mm->n++;
    return &mm->val[i];
}

static void xp_memo_free(struct xp_memo *mm)
{
    for (size_t k = 0; k < mm->cap; k++)
        free(mm->key[k]);
    free(mm->key);
    free(mm->klen);
    free(mm->val);
    memset(mm, 0, sizeof *mm);
}

/* The person the name S (N bytes) refers to: -1 none, -2 several. */
static long xp_resolve(const struct xdata *x, const struct xpeople *pl, const char *s, size_t n)
{
    struct xperson q = {0};
    long hit = -1;
    int many = 0;
    size_t *cand, nc;
    q.name = xstrndup(s, n);
    xp_split(&q);
    nc = xp_candidates(pl, &q, 1, &cand);
    for (size_t c = 0; c < nc; c++) {
        size_t k = cand[c];
        const struct xperson *p = &pl->p[k];
        int ok = xp_same(p, &q);
        if (!ok && q.ntok == 1)
            ok = !strcmp(q.tok[0], xp_surname(x, p));
        if (ok) {
            many |= hit >= 0;
            hit = (long)k;
        }
    }
    free(cand);
    xp_free_one(&q);
    return many ? -2 : hit;
}

/* People mentioned in sentence SI: marks them and records their offsets. */
static size_t xp_refs(const struct xdoc *doc, size_t si, struct xpeople *pl, struct xp_memo *mm,
                      size_t *who, size_t *at, size_t max)
{
    const struct xdata *x = doc->data;
    const struct xsent *st = &doc->sents[si];
    const char *s = doc->blocks[st->blk].text;
    size_t n = 0;
    if (!pl->n)
        return 0; /* no one anchored: nothing to refer to */
    for (size_t i = st->t0; i < st->t1 && n < max; i++) {
        size_t ne, nt;
        long hit, *slot;
        int found;
        /* a name starts with a capital, not inside a word */
        if (!isupper((unsigned char)s[i]) || (i > 0 && xt_is_word((unsigned char)s[i - 1])))
            continue;
        nt = xp_name_in(doc, pl, si, i, &ne);
        if (!nt)
            continue;
        slot = xp_memo_slot(mm, s + i, ne - i, &found);
        if (!found)
            *slot = xp_resolve(x, pl, s + i, ne - i);
        hit = *slot;
        if (hit >= 0) {
            who[n] = (size_t)hit;
            at[n++] = i;
            xp_add_sent(&pl->p[hit], si);
        }
        i = ne;
    }
    return n;
}

static int xp_about_meeting(const struct xdoc *doc, size_t si, const struct xmeeting *m)
{
    static const char *const w[] = {"meeting",     "talks",        "dialogue", "delegation",
                                    "counterpart", "counterparts", "session",  "consultations"};
    size_t len;
    const char *s = xdoc_stext(doc, si, &len);
    if (!m->series)
        return 0;
    if (doc->sents[si].para < 2)
        return 1;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (xt_find(s, len, 0, w[i], 1) != (size_t)-1)
            return 1;
    return xt_find(s, len, 0, m->series, 0) != (size_t)-1;
}

/* The sides taking part in the meeting (parties.tsv words): from the
 * meeting's name ("Australia-United States Ministerial Consultations"),
 * else from the headline's leading noun phrase, up to its first lower-case
 * word ("S. Korea, US hold ..."). Fills P (borrowed side strings) and returns
 * their number, at most MAX. */
static size_t xp_parties_in(const struct xdata *x, const char *s, size_t len, int headline,
                            const char **p, size_t n, size_t max)
{
    for (size_t i = 0; i < len;) {
        size_t ml = 0, w;
        long r = (i == 0 || !xt_is_word((unsigned char)s[i - 1]))
                     ? xindex_longest_at(x->parties.ib, s, len, i, XT_EXACT, &ml)
                     : -1;
        if (r >= 0 && ml) {
            const char *side = x->parties.a[r];
            size_t k = 0;
            while (k < n && strcmp(p[k], side) != 0)
                k++;
            if (k == n && n < max)
                p[n++] = side;
            i += ml;
            continue;
        }
        w = xt_is_word((unsigned char)s[i]) ? xt_word_len(s, len, i) : 0;
        if (headline && w && islower((unsigned char)s[i]) && !xt_match_at(s, len, i, "and", 0))
            break;
        i += w ? w : 1;
    }
    return n;
}

#define XP_MAX_PARTIES 4

static size_t xp_parties(const struct xdoc *doc, const struct xmeeting *m, const char **p)
{
    size_t n = 0;
    if (!m->series)
        return 0;
    if (m->name)
        n = xp_parties_in(doc->data, m->name, strlen(m->name), 0, p, 0, XP_MAX_PARTIES);
    for (size_t b = 0; n < 2 && b < doc->nblocks; b++)
        if (doc->blocks[b].title)
            n = xp_parties_in(doc->data, doc->blocks[b].text, doc->blocks[b].len, 1, p, 0,
                              XP_MAX_PARTIES);
    return n;
}

/* The one side the people WHO[FROM..TO) share, NULL when none is known or they
 * differ. */
static const char *xp_group_side(const struct xpeople *pl, const size_t *who, size_t from,
                                 size_t to, int *conflict)
{
    const char *side = NULL;
    *conflict = 0;
    for (size_t k = from; k < to; k++) {
        const char *sd = pl->p[who[k]].side;
        if (sd && side && strcmp(sd, side) != 0)
            *conflict = 1;
        if (sd && !side)
            side = sd;
    }
    return *conflict ? NULL : side;
}

static void xp_group_set_side(struct xpeople *pl, const size_t *who, size_t from, size_t to,
                              const char *side)
{
    for (size_t k = from; k < to; k++)
        if (!pl->p[who[k]].side)
            pl->p[who[k]].side = side;
}

/* "A and B met C and D" (meet_verbs.txt) in a sentence about the meeting: the
 * people before the verb (same clause) and after it (up to a relative clause)
 * all lead. The people of one group are one delegation: a member without a
 * side takes the side the others share, and with two parties known, a group
 * without any side takes the party the other group is not. WHO/AT are the
 * references of the sentence (AT in block offsets, sentence from T0). */
static void xp_meet_rule(const struct xdoc *doc, size_t si, struct xpeople *pl, const size_t *who,
                         const size_t *at, size_t n, size_t side_at, const char *const *parties,
                         size_t nparties)
{
    static const char *const before[] = {"who", "which", "had", "has", "have", "that", "never"};
    static const char *const stop[] = {";",       ", who",    ", which", ", where", ", while",
                                       ", after", ", before", ", as ",   ", when"};
    const struct xdata *x = doc->data;
    size_t len, t0 = doc->sents[si].t0, v = 0, vl = 0, c0 = 0, c1, a = 0, b, e;
    const char *s = xdoc_stext(doc, si, &len);
    for (;;) {
        size_t w;
        int bad = 0;
        v = xindex_first(x->meet_verbs.ia, s, len, v, XT_FOLD, 1, NULL);
        if (v == (size_t)-1 || v >= side_at)
            return;
        if (xindex_longest_at(x->meet_verbs.ia, s, len, v, XT_FOLD, &vl) < 0)
            return;
        w = xt_back_sp(s, v);
        for (size_t k = 0; k < sizeof before / sizeof before[0] && w < v; k++) {
            size_t bl = strlen(before[k]);
            if (w >= bl && !strncasecmp(s + w - bl, before[k], bl) &&
                (w == bl || !xt_is_word((unsigned char)s[w - bl - 1])))
                bad = 1;
        }
        if (!bad)
            break;
        v += vl;
    }
    for (size_t i = 0; i < v; i++)
        if (s[i] == ';')
            c0 = i + 1;
    c1 = len;
    for (size_t k = 0; k < sizeof stop / sizeof stop[0]; k++) {
        size_t q = v + vl;
        const char *hit = NULL;
        while (q < c1 && (hit = memchr(s + q, stop[k][0], c1 - q)) != NULL) {
            size_t o = (size_t)(hit - s), sl = strlen(stop[k]);
            if (o + sl <= c1 && !memcmp(s + o, stop[k], sl) &&
                (stop[k][sl - 1] == ' ' || stop[k][0] == ';' || o + sl == len ||
                 !xt_is_word((unsigned char)s[o + sl]))) {
                c1 = o;
                break;
            }
            q = o + 1;
        }
    }
    while (a < n && at[a] - t0 < c0)
        a++;
    b = a;
    while (b < n && at[b] - t0 < v)
        b++;
    e = b;
    while (e < n && at[e] - t0 < c1)
        e++;
    if (b == a || e == b)
        return; /* no one on one side of the verb */
    {
        int c_subj, c_obj;
        const char *gs, *go;
        for (size_t k = a; k < e; k++)
            if (at[k] - t0 < side_at && pl->p[who[k]].role < XP_LEAD)
                pl->p[who[k]].role = XP_LEAD;
        gs = xp_group_side(pl, who, a, b, &c_subj);
        go = xp_group_side(pl, who, b, e, &c_obj);
        if (gs)
            xp_group_set_side(pl, who, a, b, gs);
        if (go)
            xp_group_set_side(pl, who, b, e, go);
        if (nparties == 2 && !c_subj && !c_obj && (!gs) != (!go)) {
            const char *known = gs ? gs : go;
            const char *other = !strcmp(known, parties[0])   ? parties[1]
                                : !strcmp(known, parties[1]) ? parties[0]
                                                             : NULL;
            if (other && gs)
                xp_group_set_side(pl, who, b, e, other);
            else if (other)
                xp_group_set_side(pl, who, a, b, other);
        }
    }
}

static void xp_roles_sentence(const struct xdoc *doc, size_t si, struct xpeople *pl,
                              struct xp_memo *mm, const struct xmeeting *m,
                              const char *const *parties, size_t nparties)
{
    const struct xdata *x = doc->data;
    size_t who[32], at[32], n = xp_refs(doc, si, pl, mm, who, at, 32), len;
    const char *s = xdoc_stext(doc, si, &len);
    size_t t0 = doc->sents[si].t0, side_at = (size_t)-1, event_at = (size_t)-1;
    int lead = 0, part;
    static const char *const pw[] = {"participated", "attended", "joined", "accompanied"};
    if (!n || doc->sents[si].caption)
        return;
    side_at = xindex_first(x->side_verbs.ia, s, len, 0, XT_FOLD, 0, NULL);
    {
        size_t a = xindex_first(x->lead_verbs.ia, s, len, 0, XT_FOLD, 1, NULL);
        lead = a != (size_t)-1 && a < side_at;
    }
    {
        int about = xp_about_meeting(doc, si, m);
        lead = lead && about;
        if (about)
            xp_meet_rule(doc, si, pl, who, at, n, side_at, parties, nparties);
    }
    /* "A, B and C held the ... Meeting": the subjects of the event verb lead */
    if (!lead && m->series &&
        ((long)si == m->series_sent || xt_find(s, len, 0, m->series, 0) != (size_t)-1 ||
         (m->name && xt_find(s, len, 0, m->name, 0) != (size_t)-1)))
        event_at = xindex_first(x->event_verbs.ia, s, len, 0, XT_FOLD, 1, NULL);
    part = 0;
    for (size_t k = 0; k < sizeof pw / sizeof pw[0]; k++)
        part |= xt_find(s, len, 0, pw[k], 1) != (size_t)-1;
    for (size_t k = 0; k < n; k++) {
        struct xperson *p = &pl->p[who[k]];
        int r = XP_MENTIONED;
        if (side_at != (size_t)-1 && at[k] - t0 > side_at && m->series)
            r = XP_SIDE;
        else if (lead || (event_at != (size_t)-1 && at[k] - t0 < event_at))
            r = XP_LEAD;
        else if (part && m->series)
            r = XP_PARTICIPANT;
        if (r > p->role)
            p->role = r;
    }
}

/* A titled official with a Korean-form name ("Lee Jong-sup", "Kim Yong Hyun")
 * and no side word: the South Korean side (North Korean officials are
 * introduced as such, and carry the DPRK side from that word). */
static void xp_korean_side(const struct xdata *x, struct xperson *p)
{
    if (p->side || !p->title || p->ntok < 2 ||
        !xlist_has(&x->surnames, p->name, strcspn(p->name, " "), 0))
        return;
    if (strchr(p->name, '-') || p->ntok == 3)
        p->side = "ROK";
}

/* A title that names its country after the office ("Minister of Defense of
 * Japan", "Minister of National Defense of the Republic of Korea") gives the
 * side when nothing else did: "of [the] WORD" with a side word of sides.tsv,
 * ending at a word boundary. */
static void xp_title_country_side(const struct xdata *x, struct xperson *p)
{
    if (p->side || !p->title)
        return;
    for (size_t k = 0; k < x->sides.n; k++) {
        const char *w = x->sides.b[k];
        size_t wl;
        if (!w || !*w)
            continue;
        wl = strlen(w);
        for (const char *t = strstr(p->title, "of "); t; t = strstr(t + 1, "of ")) {
            const char *q = t + 3;
            if (t != p->title && t[-1] != ' ')
                continue;
            if (!strncmp(q, "the ", 4))
                q += 4;
            if (!strncmp(q, w, wl) && !isalnum((unsigned char)q[wl]) && q[wl] != '\'') {
                p->side = x->sides.a[k];
                return;
            }
        }
    }
}

json_t *extract_people(const struct xdoc *doc, const struct xmeeting *m)
{
    struct xpeople pl = {0};
    json_t *out = json_array();
    const char *parties[XP_MAX_PARTIES];
    size_t nparties = xp_parties(doc, m, parties);
    struct xp_memo mm = {0};
    size_t nb = 0;
    pl.nbase = xmalloc(xmul(doc->nsents + 1, sizeof *pl.nbase));
    for (size_t si = 0; si < doc->nsents; si++) {
        pl.nbase[si] = nb;
        nb += doc->sents[si].t1 - doc->sents[si].t0;
    }
    pl.names = xcalloc(nb + 1, sizeof *pl.names);
    for (size_t si = 0; si < doc->nsents; si++)
        xp_anchor_sentence(doc, si, &pl);
    for (size_t i = 0; i < pl.n; i++) {
        xp_title_country_side(doc->data, &pl.p[i]);
        xp_korean_side(doc->data, &pl.p[i]);
    }
    for (size_t si = 0; si < doc->nsents; si++)
        xp_roles_sentence(doc, si, &pl, &mm, m, parties, nparties);
    xp_memo_free(&mm);
    for (size_t i = 0; i < pl.n; i++) {
        struct xperson *p = &pl.p[i];
        json_t *o = json_object(), *ev = json_array();
        char *key = names_key(p->name);
        /* evidence in reading order: body sentences come first in doc->sents */
        for (size_t a = 0; a < p->nsents; a++)
            for (size_t b = a + 1; b < p->nsents; b++)
                if (p->sents[b] < p->sents[a]) {
                    size_t t = p->sents[a];
                    p->sents[a] = p->sents[b];
                    p->sents[b] = t;
                }
        json_object_set_new(o, "name", jsonio_string(p->name));
        json_object_set_new(o, "key", jsonio_string(key));
        free(key);
        json_object_set_new(o, "side", jsonio_string(p->side));
        json_object_set_new(o, "title", jsonio_string(p->title));
        json_object_set_new(o, "role", json_string(xp_roles[p->role]));
        json_object_set_new(o, "acting", json_boolean(p->acting));
        for (size_t a = 0; a < p->nsents && a < XP_MAX_EVIDENCE; a++)
            json_array_append_new(ev, xdoc_evidence(doc, p->sents[a]));
        json_object_set_new(o, "evidence", ev);
        json_array_append_new(out, o);
        xp_free_one(p);
    }
    free(pl.p);
    free(pl.nbase);
    free(pl.names);
    xp_ix_free(&pl.ix);
    return out;
}

size_t xpeople_title_end(const struct xdata *x, const char *s, size_t len, size_t at, size_t tl)
{
    size_t name;
    return xp_title_ext(x, s, len, at + tl, &name);
}
