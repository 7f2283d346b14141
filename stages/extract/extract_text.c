/* extract_text.c - small byte-exact text helpers for the extract modules. */
#include "extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ASCII case folding and word bytes as tables: the matchers below run on
 * every byte of every sentence, so no ctype call (and no locale) per byte. */
const unsigned char xt_fold_tab[256] = {
#define XT_F1(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c))
#define XT_F4(c) XT_F1(c), XT_F1((c) + 1), XT_F1((c) + 2), XT_F1((c) + 3)
#define XT_F16(c) XT_F4(c), XT_F4((c) + 4), XT_F4((c) + 8), XT_F4((c) + 12)
#define XT_F64(c) XT_F16(c), XT_F16((c) + 16), XT_F16((c) + 32), XT_F16((c) + 48)
    XT_F64(0), XT_F64(64), XT_F64(128), XT_F64(192)
#undef XT_F64
#undef XT_F16
#undef XT_F4
#undef XT_F1
};

const unsigned char xt_word_tab[256] = {
#define XT_W1(c)                                                                                   \
    (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ||     \
     (c) >= 0x80)
#define XT_W4(c) XT_W1(c), XT_W1((c) + 1), XT_W1((c) + 2), XT_W1((c) + 3)
#define XT_W16(c) XT_W4(c), XT_W4((c) + 4), XT_W4((c) + 8), XT_W4((c) + 12)
#define XT_W64(c) XT_W16(c), XT_W16((c) + 16), XT_W16((c) + 32), XT_W16((c) + 48)
    XT_W64(0), XT_W64(64), XT_W64(128), XT_W64(192)
#undef XT_W64
#undef XT_W16
#undef XT_W4
#undef XT_W1
};

/* The folded bytes S[AT..AT+8) as xindex pre8 packs a row (zero past LEN). */
static uint64_t xt_fold8(const char *s, size_t len, size_t at)
{
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at once: xt_fold_tab folds only A-Z, so add 0x20 to the
     * bytes below 0x80 that are >= 'A' and <= 'Z' (no carry between bytes) */
    if (len - at >= 8) {
        const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
        uint64_t low7, ge_a, gt_z;
        memcpy(&v, s + at, 8);
        low7 = v & ~high;
        ge_a = low7 + (0x80 - 'A') * ones;
        gt_z = low7 + (0x7f - 'Z') * ones;
        return v | ((ge_a & ~gt_z & ~v & high) >> 2);
    }
#endif
    for (size_t k = 0; k < 8 && at + k < len; k++)
        v |= (uint64_t)xt_fold_tab[(unsigned char)s[at + k]] << (8 * k);
    return v;
}

/* The match of PAT (N bytes, N > 0) at S+AT on word boundaries: N or 0.
 * With ICASE the first KNOWN bytes (<= N) are known to match folded. */
static size_t xt_match_fold(const char *s, size_t len, size_t at, const char *pat, size_t n,
                            int icase, size_t known)
{
    if (len - at < n)
        return 0;
    if (at > 0 && xt_is_word((unsigned char)s[at - 1]) && xt_is_word((unsigned char)pat[0]) &&
        !(at >= 3 && xt_is_quote(s, len, at - 3)))
        return 0;
    if (icase) {
        for (size_t i = known; i < n; i++)
            if (xt_fold_tab[(unsigned char)s[at + i]] != xt_fold_tab[(unsigned char)pat[i]])
                return 0;
    } else if (memcmp(s + at, pat, n) != 0) {
        return 0;
    }
    if (at + n < len && xt_is_word((unsigned char)s[at + n]) &&
        xt_is_word((unsigned char)pat[n - 1]) && !xt_is_quote(s, len, at + n))
        return 0;
    return n;
}

static size_t xt_match_n(const char *s, size_t len, size_t at, const char *pat, size_t n, int icase)
{
    return xt_match_fold(s, len, at, pat, n, icase, 0);
}

size_t xt_match_at_rest(const char *s, size_t len, size_t at, const char *pat, int icase)
{
    return xt_match_n(s, len, at, pat, strlen(pat), icase);
}

/* The first byte C in [P, LIM), or LIM. */
static const char *xt_next_byte(const char *p, unsigned char c, const char *lim)
{
    const char *q = memchr(p, c, (size_t)(lim - p));
    return q ? q : lim;
}

size_t xt_find(const char *s, size_t len, size_t from, const char *pat, int icase)
{
    size_t n = strlen(pat);
    if (!n || from >= len || len - from < n)
        return (size_t)-1;
    if (icase) {
        /* the bytes that fold to PAT's first: itself, and its upper case
         * when it is a letter (only A-Z fold); memchr finds the next of each */
        unsigned char f0 = xt_fold_tab[(unsigned char)pat[0]];
        unsigned char u0 = f0 >= 'a' && f0 <= 'z' ? (unsigned char)(f0 - 32) : f0;
        const char *lim = s + len - n + 1, *p = s + from, *ql = NULL, *qu = NULL;
        while (p < lim) {
            /* QL, QU: the first F0 / U0 at or after an earlier P, so also
             * the first at or after P while not behind it (LIM: none) */
            if (!ql || ql < p)
                ql = xt_next_byte(p, f0, lim);
            if (u0 == f0)
                qu = lim;
            else if (!qu || qu < p)
                qu = xt_next_byte(p, u0, lim);
            p = ql < qu ? ql : qu;
            if (p >= lim)
                break;
            if (xt_match_fold(s, len, (size_t)(p - s), pat, n, 1, 1))
                return (size_t)(p - s);
            p++;
        }
    } else {
        const char *p = s + from, *end = s + len - n + 1;
        while (p < end && (p = memchr(p, pat[0], (size_t)(end - p))) != NULL) {
            if (xt_match_n(s, len, (size_t)(p - s), pat, n, 0))
                return (size_t)(p - s);
            p++;
        }
    }
    return (size_t)-1;
}

/* ---- phrase index -------------------------------------------------------- */

static int xt_all_caps(const char *s)
{
    int up = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        up |= *s >= 'A' && *s <= 'Z';
    }
    return up;
}

/* Pair key of folded first bytes A, B, and its row in the pair list. */
struct xt_kr {
    uint32_t key, row;
};

static int xt_kr_cmp(const void *a, const void *b)
{
    const struct xt_kr *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static uint32_t xt_pair_hash(uint32_t key, uint32_t mask)
{
    return (key * 2654435761u) >> 16 & mask;
}

/* The rows shorter than four bytes that may match where the folded text
 * starts with the bytes of K4 (xt_fold4 packing): the pair list of its first
 * two bytes, else the one-byte rows of its first byte. *ROWS points into
 * IX; returns their number. */
static uint32_t xt_ix_short(const struct xindex *ix, uint32_t k4, const uint32_t **rows)
{
    unsigned c = k4 & 0xff;
    uint32_t key = (uint32_t)c << 8 | (k4 >> 8 & 0xff), h = xt_pair_hash(key, ix->hmask);
    for (; ix->hkey[h]; h = (h + 1) & ix->hmask)
        if (ix->hkey[h] == key + 1) {
            *rows = ix->prow + ix->hoff[h];
            return ix->hcnt[h];
        }
    *rows = ix->one + ix->ofirst[c];
    return ix->ofirst[c + 1] - ix->ofirst[c];
}

static uint32_t xt_quad_hash(uint32_t key, uint32_t mask)
{
    return (key * 2654435761u) >> 15 & mask;
}

static int xt_u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The quad lists (after the pair lists): for every folded first-four-bytes
 * key of a row of four bytes or more, the rows with that key and the
 * shorter rows of its first two bytes (the key's pair list, or the one-byte
 * rows of its first byte), in file order. */
static void xt_quads_build(struct xindex *ix)
{
    size_t n = ix->n, nk = 0, nd = 0, total = 0, w = 0;
    struct xt_kr *kr = xcalloc(n ? n : 1, sizeof *kr);
    for (size_t i = 0; i < n; i++)
        if (ix->pat[i] && ix->len[i] >= 4)
            kr[nk++] = (struct xt_kr){(uint32_t)ix->pre8[i], (uint32_t)i};
    qsort(kr, nk, sizeof *kr, xt_kr_cmp);
    for (size_t a = 0; a < nk;) {
        size_t b = a;
        const uint32_t *sh;
        while (b < nk && kr[b].key == kr[a].key)
            b++;
        nd++;
        total += b - a + xt_ix_short(ix, kr[a].key, &sh);
        a = b;
    }
    ix->qmask = 1;
    while (ix->qmask + 1 < 2 * nd + 2)
        ix->qmask = 2 * ix->qmask + 1;
    ix->qkey = xcalloc(ix->qmask + 1, sizeof *ix->qkey);
    ix->qoff = xcalloc(ix->qmask + 1, sizeof *ix->qoff);
    ix->qcnt = xcalloc(ix->qmask + 1, sizeof *ix->qcnt);
    ix->qrow = xcalloc(total ? total : 1, sizeof *ix->qrow);
    for (size_t a = 0; a < nk;) {
        uint32_t key = kr[a].key, h = xt_quad_hash(key, ix->qmask), start = (uint32_t)w;
        const uint32_t *sh;
        size_t ns = xt_ix_short(ix, key, &sh);
        while (a < nk && kr[a].key == key)
            ix->qrow[w++] = kr[a++].row;
        memcpy(ix->qrow + w, sh, ns * sizeof *sh);
        w += ns;
        qsort(ix->qrow + start, w - start, sizeof *ix->qrow, xt_u32_cmp);
        while (ix->qkey[h])
            h = (h + 1) & ix->qmask;
        ix->qkey[h] = key;
        ix->qoff[h] = start;
        ix->qcnt[h] = (uint32_t)w - start;
    }
    free(kr);
}

/* The pair lists: for every folded first-two-bytes key of a row, the rows
 * with that key merged in file order with the one-byte rows of its first
 * byte; a key without a list falls back to the one-byte rows (ix->row's
 * bucket minus the longer rows: ix->one). */
static void xt_pairs_build(struct xindex *ix)
{
    size_t n = ix->n, nk = 0, nd = 0, total = 0, w = 0;
    struct xt_kr *kr = xcalloc(n ? n : 1, sizeof *kr);
    uint32_t ones[257] = {0};
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)ix->pat[i];
        if (!p)
            continue;
        if (!p[1])
            ones[xt_fold_tab[p[0]] + 1]++;
        else if (ix->len[i] < 4)
            kr[nk++] =
                (struct xt_kr){(uint32_t)xt_fold_tab[p[0]] << 8 | xt_fold_tab[p[1]], (uint32_t)i};
    }
    for (unsigned c = 0; c < 256; c++)
        ones[c + 1] += ones[c];
    memcpy(ix->ofirst, ones, sizeof ones);
    ix->one = xcalloc(ones[256] ? ones[256] : 1, sizeof *ix->one);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)ix->pat[i];
        if (p && !p[1])
            ix->one[ones[xt_fold_tab[p[0]]]++] = (uint32_t)i;
    }
    qsort(kr, nk, sizeof *kr, xt_kr_cmp);
    for (size_t a = 0; a < nk; a++)
        if (a == 0 || kr[a].key != kr[a - 1].key) {
            unsigned c = kr[a].key >> 8;
            nd++;
            total += ix->ofirst[c + 1] - ix->ofirst[c];
        }
    total += nk;
    ix->hmask = 1;
    while (ix->hmask + 1 < 2 * nd + 2)
        ix->hmask = 2 * ix->hmask + 1;
    ix->hkey = xcalloc(ix->hmask + 1, sizeof *ix->hkey);
    ix->hoff = xcalloc(ix->hmask + 1, sizeof *ix->hoff);
    ix->hcnt = xcalloc(ix->hmask + 1, sizeof *ix->hcnt);
    ix->prow = xcalloc(total ? total : 1, sizeof *ix->prow);
    for (size_t a = 0; a < nk;) {
        uint32_t key = kr[a].key, h = xt_pair_hash(key, ix->hmask), start = (uint32_t)w;
        unsigned c = key >> 8;
        uint32_t o = ix->ofirst[c], oe = ix->ofirst[c + 1];
        size_t b = a;
        while (b < nk && kr[b].key == key)
            b++;
        /* merge the rows of this key (sorted) with the one-byte rows of C */
        while (a < b || o < oe) {
            if (o >= oe || (a < b && kr[a].row < ix->one[o]))
                ix->prow[w++] = kr[a++].row;
            else
                ix->prow[w++] = ix->one[o++];
        }
        while (ix->hkey[h])
            h = (h + 1) & ix->hmask;
        ix->hkey[h] = key + 1;
        ix->hoff[h] = start;
        ix->hcnt[h] = (uint32_t)w - start;
    }
    free(kr);
    xt_quads_build(ix);
}

struct xindex *xindex_new(const char *const *pat, size_t n)
{
    struct xindex *ix = xcalloc(1, sizeof *ix);
    uint32_t fill[256];
    ix->n = n;
    ix->pat = xcalloc(n ? n : 1, sizeof *ix->pat);
    ix->len = xcalloc(n ? n : 1, sizeof *ix->len);
    ix->caps = xcalloc(n ? n : 1, 1);
    ix->row = xcalloc(n ? n : 1, sizeof *ix->row);
    ix->pre8 = xcalloc(n ? n : 1, sizeof *ix->pre8);
    ix->mask8 = xcalloc(n ? n : 1, sizeof *ix->mask8);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)pat[i];
        if (!p || !p[0])
            continue;
        ix->pat[i] = pat[i];
        ix->len[i] = strlen(pat[i]);
        for (size_t k = 0; k < 8 && k < ix->len[i]; k++) {
            ix->pre8[i] |= (uint64_t)xt_fold_tab[p[k]] << (8 * k);
            ix->mask8[i] |= (uint64_t)0xff << (8 * k);
        }
        ix->caps[i] = (unsigned char)xt_all_caps(pat[i]);
        ix->first[xt_fold_tab[p[0]] + 1]++;
        if (!p[1]) {
            for (unsigned c = 0; c < 256; c++) {
                unsigned k = (unsigned)xt_fold_tab[p[0]] << 8 | c;
                ix->pair[k >> 3] |= (unsigned char)(1u << (k & 7));
            }
        } else {
            unsigned k = (unsigned)xt_fold_tab[p[0]] << 8 | xt_fold_tab[p[1]];
            ix->pair[k >> 3] |= (unsigned char)(1u << (k & 7));
        }
    }
    for (unsigned c = 0; c < 256; c++)
        ix->first[c + 1] += ix->first[c];
    memcpy(fill, ix->first, sizeof fill);
    /* rows keep their file order inside a bucket: ties go to the earlier row */
    for (size_t i = 0; i < n; i++)
        if (ix->pat[i])
            ix->row[fill[xt_fold_tab[(unsigned char)ix->pat[i][0]]]++] = (uint32_t)i;
    xt_pairs_build(ix);
    return ix;
}

void xindex_free(struct xindex *ix)
{
    if (!ix)
        return;
    free(ix->pat);
    free(ix->len);
    free(ix->caps);
    free(ix->row);
    free(ix->one);
    free(ix->prow);
    free(ix->hkey);
    free(ix->hoff);
    free(ix->hcnt);
    free(ix->pre8);
    free(ix->mask8);
    free(ix->qrow);
    free(ix->qkey);
    free(ix->qoff);
    free(ix->qcnt);
    free(ix);
}

/* Row R of IX matched at S+AT in MODE: its length or 0. T8 is
 * xt_fold8(S, LEN, AT): a row whose folded first bytes differ cannot match
 * in any mode. */
static size_t xt_ix_row(const struct xindex *ix, uint32_t r, const char *s, size_t len, size_t at,
                        int mode, uint64_t t8)
{
    int icase = mode == XT_AUTO ? !ix->caps[r] : mode;
    if ((t8 & ix->mask8[r]) != ix->pre8[r])
        return 0;
    if (!icase && s[at] != ix->pat[r][0])
        return 0;
    /* the folded first eight bytes (or all) matched above */
    return xt_match_fold(s, len, at, ix->pat[r], ix->len[r], icase,
                         ix->len[r] < 8 ? ix->len[r] : 8);
}

/* The folded byte after S+AT, 0 at the end. */
static unsigned xt_c2(const char *s, size_t len, size_t at)
{
    return at + 1 < len ? xt_fold_tab[(unsigned char)s[at + 1]] : 0u;
}

/* Non-zero when some row of IX may start at S+AT (first two folded bytes). */
static int xt_ix_may(const struct xindex *ix, const char *s, size_t len, size_t at)
{
    unsigned k = (unsigned)xt_fold_tab[(unsigned char)s[at]] << 8 | xt_c2(s, len, at);
    return ix->pair[k >> 3] >> (k & 7) & 1;
}

/* The rows that may match at S+AT, whose folded first four bytes (zero past
 * LEN) are T4, in file order: those of the quad list of T4, else the shorter
 * rows of the first two bytes. *ROWS points into IX; returns their number. */
static uint32_t xt_ix_cands(const struct xindex *ix, uint32_t t4, const uint32_t **rows)
{
    for (uint32_t h = xt_quad_hash(t4, ix->qmask); ix->qkey[h]; h = (h + 1) & ix->qmask)
        if (ix->qkey[h] == t4) {
            *rows = ix->qrow + ix->qoff[h];
            return ix->qcnt[h];
        }
    return xt_ix_short(ix, t4, rows);
}

size_t xindex_rows_at(const struct xindex *ix, const char *s, size_t len, size_t at,
                      const uint32_t **rows)
{
    unsigned c;
    if (at >= len || !xt_ix_may(ix, s, len, at))
        return 0;
    c = xt_fold_tab[(unsigned char)s[at]];
    *rows = ix->row + ix->first[c];
    return ix->first[c + 1] - ix->first[c];
}

long xindex_longest_at_slow(const struct xindex *ix, const char *s, size_t len, size_t at, int mode,
                            size_t *mlen)
{
    long best = -1;
    size_t bl = 0;
    if (at < len && xt_ix_may(ix, s, len, at) && !xt_inword(s, len, at)) {
        const uint32_t *rows;
        uint64_t t8 = xt_fold8(s, len, at);
        uint32_t nr = xt_ix_cands(ix, (uint32_t)t8, &rows);
        for (uint32_t k = 0; k < nr; k++) {
            size_t m = xt_ix_row(ix, rows[k], s, len, at, mode, t8);
            if (m > bl || (m && m == bl && (long)rows[k] < best)) {
                bl = m;
                best = (long)rows[k];
            }
        }
    }
    if (mlen)
        *mlen = bl;
    return best;
}

void xindex_scan(const struct xindex *ix, const char *s, size_t len, size_t from, int mode,
                 struct xhits *h)
{
    unsigned char pw = from > 0 && from <= len && xt_is_word((unsigned char)s[from - 1]);
    for (size_t at = from; at < len; at++) {
        const uint32_t *rows;
        uint32_t nr;
        /* xt_inword with the previous byte's word test carried over (a
         * skipped offset is a word byte: PW stays set) */
        unsigned char w = xt_word_tab[(unsigned char)s[at]];
        if (pw & w && (at < 3 || (unsigned char)s[at - 3] != 0xe2 || !xt_is_quote(s, len, at - 3)))
            continue;
        pw = w;
        if (!xt_ix_may(ix, s, len, at))
            continue;
        uint64_t t8 = xt_fold8(s, len, at);
        nr = xt_ix_cands(ix, (uint32_t)t8, &rows);
        for (uint32_t k = 0; k < nr; k++) {
            size_t m = xt_ix_row(ix, rows[k], s, len, at, mode, t8);
            if (!m)
                continue;
            if (h->n == h->cap) {
                h->cap = h->cap ? 2 * h->cap : 16;
                h->v = xrealloc(h->v, xmul(h->cap, sizeof *h->v));
            }
            h->v[h->n++] = (struct xhit){.at = at, .len = m, .row = rows[k]};
        }
    }
}

size_t xindex_first(const struct xindex *ix, const char *s, size_t len, size_t from, int mode,
                    int word, size_t *row)
{
    unsigned char pw = from > 0 && from <= len && xt_is_word((unsigned char)s[from - 1]);
    for (size_t at = from; at < len; at++) {
        const uint32_t *rows;
        uint32_t nr;
        /* xt_inword with the previous byte's word test carried over (a
         * skipped offset is a word byte: PW stays set) */
        unsigned char w = xt_word_tab[(unsigned char)s[at]];
        if (pw & w && (at < 3 || (unsigned char)s[at - 3] != 0xe2 || !xt_is_quote(s, len, at - 3)))
            continue;
        pw = w;
        if (!xt_ix_may(ix, s, len, at))
            continue;
        if (word && at > 0 && (s[at - 1] == '-' || s[at - 1] == '/'))
            continue;
        uint64_t t8 = xt_fold8(s, len, at);
        nr = xt_ix_cands(ix, (uint32_t)t8, &rows);
        for (uint32_t k = 0; k < nr; k++)
            if (xt_ix_row(ix, rows[k], s, len, at, mode, t8)) {
                if (row)
                    *row = rows[k];
                return at;
            }
    }
    return (size_t)-1;
}

size_t xt_skip_sp(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
    return i;
}

size_t xt_back_sp(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n'))
        i--;
    return i;
}

int xt_is_cap(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= 'A' && s[i] <= 'Z';
}

size_t xt_word_len(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        unsigned char c = (unsigned char)s[j];
        if (xt_is_word(c))
            j++;
        else if ((c == '-' || c == '\'' || c == '.') && j + 1 < len &&
                 xt_is_word((unsigned char)s[j + 1]) && j > i)
            j++;
        else if (c == '.' && j > i && (j - i == 1 || memchr(s + i, '.', j - i)))
            return j + 1 - i; /* keep the closing period of an initial or of U.S. */
        else
            break;
    }
    return j - i;
}

size_t xt_find_word(const char *s, size_t len, size_t from, const char *pat, int icase)
{
    size_t at = from;
    while ((at = xt_find(s, len, at, pat, icase)) != (size_t)-1) {
        if (at == 0 || (s[at - 1] != '-' && s[at - 1] != '/'))
            return at;
        at++;
    }
    return (size_t)-1;
}
