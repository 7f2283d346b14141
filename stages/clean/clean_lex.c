/* clean_lex.c - the clean stage's vocabularies, loaded from stages/clean/data.
 *
 * Each file is UTF-8, one entry per line; '#' starts a comment line; entries
 * are folded (utf8_fold: ASCII lower case, typographic quotes to ASCII,
 * whitespace runs to one space) so lookups compare folded text.
 *
 * Phrase lists are matched in one pass over a text: each phrase is filed
 * under its first two bytes, a 64K-bit filter over those pairs rejects
 * almost every position at once, and only the few phrases sharing a
 * position's pair are compared. Stopwords sit in an open-addressing table.
 */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "datadir.h"
#include "fileio.h"
#include "utf8.h"
#include "xalloc.h"

static void lex_build_stop_table(struct clean_lex *lx);

/* Read data file REL into a list of folded entries. 0 or -1 with D. */
static int lex_file(const char *rel, char ***out, size_t *n, struct diag *d)
{
    char *path = datadir_find(rel, d), *text;
    size_t len, cap = 0, i = 0;
    if (!path)
        return -1;
    text = fileio_read(path, 16u * 1024u * 1024u, &len, d);
    free(path);
    if (!text)
        return -1;
    *out = NULL;
    *n = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        if (j > i && text[i] != '#') {
            char *f = utf8_fold(text + i, j - i);
            if (f[0]) {
                if (*n == cap) {
                    cap = cap ? cap * 2 : 64;
                    *out = xrealloc(*out, xmul(cap, sizeof **out));
                }
                (*out)[(*n)++] = f;
            } else {
                free(f);
            }
        }
        i = j + 1;
    }
    free(text);
    return 0;
}

static void lex_list_free(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

/* ---- phrase sets ------------------------------------------------------- */

static unsigned phrase_key(const char *s, size_t n, size_t at)
{
    return (unsigned)(unsigned char)s[at] << 8 | (at + 1 < n ? (unsigned char)s[at + 1] : 0u);
}

/* Filter bit of the three bytes at S (phrases of three bytes or more). */
static unsigned phrase_bit3(const char *s)
{
    unsigned h = (unsigned char)s[0] * 0x9E3779B1u ^ (unsigned char)s[1] * 0x85EBCA77u ^
                 (unsigned char)s[2] * 0xC2B2AE3Du;
    return (h >> 16) & 0xFFFFu;
}

struct phrase_ent {
    char *p;
    size_t len;
    unsigned key;
    int flag;
};

static int cmp_ent(const void *a, const void *b)
{
    const struct phrase_ent *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->p, y->p);
}

/* Build PS from LIST (N folded entries; consumes LIST and its strings). With
 * FLAGS, a leading '!' is cut off and recorded as the phrase's flag. */
static void phrases_build(struct clean_phrases *ps, char **list, size_t n, int flags)
{
    struct phrase_ent *e = xcalloc(n ? n : 1, sizeof *e);
    size_t k = 0;
    memset(ps, 0, sizeof *ps);
    for (size_t i = 0; i < n; i++) {
        char *p = list[i];
        int flag = 0;
        if (flags && p[0] == '!' && p[1]) {
            memmove(p, p + 1, strlen(p));
            flag = 1;
        }
        e[k].p = p;
        e[k].len = strlen(p);
        e[k].key = phrase_key(p, e[k].len, 0);
        e[k].flag = flag;
        k++;
    }
    free(list);
    qsort(e, k, sizeof *e, cmp_ent);
    ps->n = k;
    ps->p = xcalloc(k ? k : 1, sizeof *ps->p);
    ps->len = xcalloc(k ? k : 1, sizeof *ps->len);
    ps->key = xcalloc(k ? k : 1, sizeof *ps->key);
    ps->flag = xcalloc(k ? k : 1, sizeof *ps->flag);
    for (size_t i = 0; i < k; i++) {
        ps->p[i] = e[i].p;
        ps->len[i] = e[i].len;
        ps->key[i] = (uint16_t)e[i].key;
        ps->flag[i] = (unsigned char)e[i].flag;
        unsigned b = e[i].len >= 3 ? phrase_bit3(e[i].p) : e[i].key;
        ps->bits[b >> 6] |= 1ull << (b & 63);
        if (e[i].len >= 2)
            ps->pair_bits[e[i].key >> 6] |= 1ull << (e[i].key & 63);
        if (e[i].len > ps->maxlen)
            ps->maxlen = e[i].len;
        if (e[i].len < 2)
            ps->has_short = 1;
    }
    free(e);
}

static void phrases_free(struct clean_phrases *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->p[i]);
    free(ps->p);
    free(ps->len);
    free(ps->key);
    free(ps->flag);
    memset(ps, 0, sizeof *ps);
}

/* First phrase index >= FROM with key KEY and occurring at S+AT, or ps->n. */
static size_t phrases_scan(const struct clean_phrases *ps, unsigned key, const char *s, size_t n,
                           size_t at, size_t from)
{
    size_t lo = 0, hi = ps->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ps->key[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < from)
        lo = from;
    for (; lo < ps->n && ps->key[lo] == key; lo++)
        if (ps->len[lo] <= n - at && memcmp(s + at, ps->p[lo], ps->len[lo]) == 0)
            return lo;
    return ps->n;
}

/* Non-zero when the filter lets position AT of S[0,N) through: it holds the
 * three-byte hashes of the longer phrases and the keys of the two-byte ones,
 * so a position passing neither holds no phrase of two bytes or more. */
static inline int phrases_filter(const struct clean_phrases *ps, const char *s, size_t n, size_t at)
{
    unsigned key = phrase_key(s, n, at), b3;
    /* first the two bytes every such phrase starts with */
    if (!((ps->pair_bits[key >> 6] >> (key & 63)) & 1))
        return 0;
    b3 = at + 2 < n ? phrase_bit3(s + at) : 0x10000u;
    return (b3 < 0x10000u && ((ps->bits[b3 >> 6] >> (b3 & 63)) & 1)) ||
           ((ps->bits[key >> 6] >> (key & 63)) & 1);
}

size_t clean_phrases_at(const struct clean_phrases *ps, const char *s, size_t n, size_t at,
                        size_t from)
{
    size_t r = ps->n;
    if (at >= n || ps->n == 0)
        return ps->n;
    if (phrases_filter(ps, s, n, at))
        r = phrases_scan(ps, phrase_key(s, n, at), s, n, at, from);
    if (r == ps->n && ps->has_short)
        r = phrases_scan(ps, (unsigned)(unsigned char)s[at] << 8, s, n, at, from);
    return r;
}

int clean_phrases_in(const struct clean_phrases *ps, const char *s, size_t n)
{
    if (ps->n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        /* the filter inline: it turns away nearly every position */
        if (!ps->has_short && !phrases_filter(ps, s, n, i))
            continue;
        if (clean_phrases_at(ps, s, n, i, 0) < ps->n)
            return 1;
    }
    return 0;
}

int clean_phrases_is(const struct clean_phrases *ps, const char *s, size_t n)
{
    size_t k = 0;
    if (n > ps->maxlen)
        return 0;
    while ((k = clean_phrases_at(ps, s, n, 0, k)) < ps->n) {
        if (ps->len[k] == n)
            return 1;
        k++;
    }
    return 0;
}

/* ---- loading ----------------------------------------------------------- */

static int lex_phrases(const char *rel, struct clean_phrases *ps, int flags, struct diag *d)
{
    char **list;
    size_t n;
    if (lex_file(rel, &list, &n, d) != 0)
        return -1;
    phrases_build(ps, list, n, flags);
    return 0;
}

int clean_lex_load(struct clean_lex *lx, struct diag *d)
{
    memset(lx, 0, sizeof *lx);
    if (lex_phrases("stages/clean/data/chrome_lines.txt", &lx->chrome, 0, d) != 0 ||
        lex_phrases("stages/clean/data/chrome_phrases.txt", &lx->chrome_sub, 0, d) != 0 ||
        lex_file("stages/clean/data/stopwords.txt", &lx->stop, &lx->nstop, d) != 0 ||
        lex_phrases("stages/clean/data/outlets.txt", &lx->outlets, 0, d) != 0 ||
        lex_phrases("stages/clean/data/caption_markers.txt", &lx->caption, 0, d) != 0 ||
        lex_phrases("stages/clean/data/section_breaks.txt", &lx->breaks, 1, d) != 0) {
        clean_lex_free(lx);
        return -1;
    }
    lex_build_stop_table(lx);
    return 0;
}

void clean_lex_free(struct clean_lex *lx)
{
    if (!lx)
        return;
    phrases_free(&lx->chrome);
    phrases_free(&lx->chrome_sub);
    lex_list_free(lx->stop, lx->nstop);
    phrases_free(&lx->outlets);
    phrases_free(&lx->caption);
    phrases_free(&lx->breaks);
    free(lx->stop_tab);
    free(lx->stop_tag);
    free(lx->stop8);
    free(lx->stop_len);
    memset(lx, 0, sizeof *lx);
}

/* ---- stopwords --------------------------------------------------------- */

static uint64_t lex_hash(const char *w, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* A word of at most eight bytes as one number (zero-padded: words hold no
 * NUL byte, so different words give different numbers). */
static uint64_t lex_pack(const char *w, size_t len)
{
    uint64_t k = 0;
    for (size_t i = 0; i < len; i++)
        k |= (uint64_t)(unsigned char)w[i] << (8 * i);
    return k;
}

static size_t lex_slot8(uint64_t key, unsigned bits)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* Open-addressing tables over the stopword list: the short words as packed
 * numbers (most words of a text are short), and every word by its bytes
 * (indexes + 1; 0 is empty), slots taken from the hash's high bits. */
static void lex_build_stop_table(struct clean_lex *lx)
{
    size_t cap = 16;
    unsigned bits = 4;
    /* a quarter full: most lookups are of words that are not stopwords and
     * end at an empty slot right away */
    while (cap < lx->nstop * 4 + 2)
        cap *= 2, bits++;
    lx->stop_tab = xcalloc(cap, sizeof *lx->stop_tab);
    lx->stop_tag = xcalloc(cap, sizeof *lx->stop_tag);
    lx->stop_len = xcalloc(lx->nstop ? lx->nstop : 1, sizeof *lx->stop_len);
    lx->stop_cap = cap;
    lx->stop_bits = bits;
    for (size_t i = 0; i < lx->nstop; i++) {
        size_t len = strlen(lx->stop[i]);
        uint64_t h = lex_hash(lx->stop[i], len);
        size_t k = (size_t)(h >> (64 - bits));
        lx->stop_len[i] = len;
        if (len > lx->stop_maxlen)
            lx->stop_maxlen = len;
        while (lx->stop_tab[k])
            k = (k + 1) & (cap - 1);
        lx->stop_tab[k] = i + 1;
        lx->stop_tag[k] = (uint32_t)h | 1u;
    }
    lx->stop8_cap = cap;
    lx->stop8_bits = bits;
    lx->stop8 = xcalloc(cap, sizeof *lx->stop8);
    for (size_t i = 0; i < lx->nstop; i++) {
        size_t k;
        uint64_t key;
        if (lx->stop_len[i] > 8)
            continue;
        key = lex_pack(lx->stop[i], lx->stop_len[i]);
        k = lex_slot8(key, bits);
        while (lx->stop8[k] && lx->stop8[k] != key)
            k = (k + 1) & (cap - 1);
        lx->stop8[k] = key;
    }
}

int clean_lex_is_stop(const struct clean_lex *lx, const char *w, size_t len)
{
    size_t k;
    uint64_t h;
    uint32_t tag;
    if (!lx->stop_cap || len > lx->stop_maxlen || len == 0)
        return 0;
    if (len <= 8) {
        uint64_t key = lex_pack(w, len);
        for (k = lex_slot8(key, lx->stop8_bits); lx->stop8[k]; k = (k + 1) & (lx->stop8_cap - 1))
            if (lx->stop8[k] == key)
                return 1;
        return 0;
    }
    h = lex_hash(w, len);
    k = (size_t)(h >> (64 - lx->stop_bits));
    tag = (uint32_t)h | 1u;
    while (lx->stop_tab[k]) {
        size_t e = lx->stop_tab[k] - 1;
        if (lx->stop_tag[k] == tag && lx->stop_len[e] == len && memcmp(lx->stop[e], w, len) == 0)
            return 1;
        k = (k + 1) & (lx->stop_cap - 1);
    }
    return 0;
}
