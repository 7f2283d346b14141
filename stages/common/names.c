/* names.c - person-name matching across romanisation and order variants.
 *
 * A Korean name is a known surname plus one to three given-name syllables.
 * Each given-name part ("Tae-keun", "Taekeun", "Tae keun") is segmented into
 * romanised syllables (onset, vowel, coda), and syllables are compared with
 * the alternations of the Revised, McCune-Reischauer (no diacritics) and
 * customary spellings folded: k/g, t/d, ch/j, p/b, s/sh, r/l in onsets; the
 * vowel spellings are read as the set of vowels they may stand for ("o" is
 * o or eo, "u" is u, eo or eu, "oo" is only u...). Two spellings agree for
 * sure when one set contains the other; they only possibly agree when the
 * sets merely overlap ("Jong" vs "Jung"). Surnames use a table with one
 * primary reading per spelling and further possible readings ("Chun" is
 * mostly Jeon, sometimes Cheon). Both word orders are tried.
 * Anything else compares by tokens with honorifics dropped.
 */
#include "names.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

#define NAMES_MAX_TOK 8
#define NAMES_MAX_SYL 8
#define NAMES_MAX_PART 48

/* ---------------------------------------------------------------- tokens */

static const char *const names_honorifics[] = {
    "dr",  "mr",        "mrs", "ms",   "miss", "prof",       "professor", "sir",
    "hon", "honorable", "rep", "sen",  "gen",  "general",    "adm",       "admiral",
    "lt",  "col",       "maj", "capt", "amb",  "ambassador", "h.e",       NULL};

struct names_toks {
    size_t n;
    char t[NAMES_MAX_TOK][NAMES_MAX_PART + 1];
};

static int names_is_honorific(const char *t)
{
    for (size_t i = 0; names_honorifics[i]; i++)
        if (names_honorifics[i][0] == t[0] && !strcmp(t, names_honorifics[i]))
            return 1;
    return 0;
}

/* Split NAME into lowercased tokens at spaces, commas and dots (hyphens kept
 * inside a token). Non-ASCII bytes are kept as they are. Returns 0, or -1
 * when the name has too many or too long tokens (then compared verbatim). */
static int names_tokenize(const char *name, struct names_toks *out)
{
    size_t len = 0;
    char cur[NAMES_MAX_PART + 1];
    out->n = 0;
    for (const char *p = name;; p++) {
        unsigned char c = (unsigned char)*p;
        int sep = c == 0 || c == ' ' || c == ',' || c == '.' || c == '\t' || c == '\n' ||
                  c == '\r' || c == '(' || c == ')' || c == '"' || c == '\'';
        if (!sep) {
            if (len >= NAMES_MAX_PART)
                return -1;
            cur[len++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        } else if (len) {
            cur[len] = '\0';
            /* trim stray hyphens at the ends */
            char *s = cur;
            while (*s == '-')
                s++;
            size_t l = strlen(s);
            while (l && s[l - 1] == '-')
                s[--l] = '\0';
            if (l && !names_is_honorific(s)) {
                if (out->n >= NAMES_MAX_TOK)
                    return -1;
                memcpy(out->t[out->n++], s, l + 1);
            }
            len = 0;
        }
        if (!c)
            break;
    }
    return 0;
}

/* ------------------------------------------------------------- surnames */

/* Each spelling: its primary reading, then further possible readings
 * (space separated). Readings are Revised Romanization names. */
static const char *const names_surnames[][2] = {
    {"kim", "gim"},      {"gim", "gim"},         {"lee", "i"},
    {"yi", "i"},         {"rhee", "i"},          {"rhie", "i"},
    {"ri", "i"},         {"ree", "i"},           {"park", "bak"},
    {"pak", "bak"},      {"bak", "bak"},         {"bahk", "bak"},
    {"choi", "choe"},    {"choe", "choe"},       {"chey", "choe"},
    {"jung", "jeong"},   {"jeong", "jeong"},     {"chung", "jeong"},
    {"cheong", "jeong"}, {"chong", "jeong"},     {"joung", "jeong"},
    {"kang", "gang"},    {"gang", "gang"},       {"cho", "jo"},
    {"jo", "jo"},        {"joh", "jo"},          {"yoon", "yun"},
    {"yun", "yun"},      {"youn", "yun"},        {"jang", "jang"},
    {"chang", "jang"},   {"lim", "im"},          {"im", "im"},
    {"yim", "im"},       {"rim", "im"},          {"han", "han"},
    {"oh", "o"},         {"seo", "seo"},         {"suh", "seo"},
    {"so", "seo"},       {"shin", "sin"},        {"sin", "sin"},
    {"kwon", "gwon"},    {"gwon", "gwon"},       {"hwang", "hwang"},
    {"ahn", "an"},       {"an", "an"},           {"song", "song"},
    {"yoo", "yu ryu"},   {"yu", "yu ryu"},       {"you", "yu ryu"},
    {"ryu", "ryu"},      {"ryoo", "ryu"},        {"rhyu", "ryu"},
    {"hong", "hong"},    {"jeon", "jeon cheon"}, {"chun", "jeon cheon"},
    {"jun", "jeon"},     {"chon", "jeon cheon"}, {"cheon", "cheon"},
    {"go", "go"},        {"ko", "go"},           {"koh", "go"},
    {"moon", "mun"},     {"mun", "mun"},         {"yang", "yang"},
    {"son", "son"},      {"sohn", "son"},        {"bae", "bae"},
    {"pae", "bae"},      {"baek", "baek"},       {"paik", "baek"},
    {"paek", "baek"},    {"back", "baek"},       {"heo", "heo"},
    {"huh", "heo"},      {"hur", "heo"},         {"her", "heo"},
    {"nam", "nam"},      {"noh", "no"},          {"roh", "no"},
    {"no", "no"},        {"ro", "no"},           {"nho", "no"},
    {"ha", "ha"},        {"kwak", "gwak"},       {"gwak", "gwak"},
    {"sung", "seong"},   {"seong", "seong"},     {"cha", "cha"},
    {"joo", "ju"},       {"ju", "ju"},           {"chu", "ju"},
    {"woo", "u"},        {"koo", "gu"},          {"ku", "gu"},
    {"gu", "gu"},        {"min", "min"},         {"na", "na"},
    {"jin", "jin"},      {"chin", "jin"},        {"ji", "ji"},
    {"chi", "ji"},       {"um", "eom"},          {"eom", "eom"},
    {"uhm", "eom"},      {"shim", "sim"},        {"sim", "sim"},
    {"won", "won"},      {"hyun", "hyeon"},      {"hyeon", "hyeon"},
    {"yeo", "yeo"},      {"yeom", "yeom"},       {"yum", "yeom"},
    {"bang", "bang"},    {"pang", "bang"},       {"kong", "gong"},
    {"gong", "gong"},    {"byun", "byeon"},      {"byeon", "byeon"},
    {"pyon", "byeon"},   {"ham", "ham"},         {"maeng", "maeng"},
    {"nah", "na"},       {"suk", "seok"},        {"seok", "seok"},
    {"sok", "seok"},     {"wi", "wi"},           {"wee", "wi"},
    {"ok", "ok"},        {"yook", "yuk"},        {"yuk", "yuk"},
    {"do", "do"},        {"doh", "do"},          {"tak", "tak"},
    {"kil", "gil"},      {"gil", "gil"},         {"pyo", "pyo"},
    {"myung", "myeong"}, {"myeong", "myeong"},   {"hahn", "han"},
    {"ban", "ban"},      {"pan", "ban"},         {"chae", "chae"},
    {"chai", "chae"},    {"ma", "ma"},           {"seol", "seol"},
    {"sul", "seol"},     {"ki", "gi"},           {"gi", "gi"},
    {"yeon", "yeon"},    {"yon", "yeon"},        {"eun", "eun"},
    {"tae", "tae"},      {"kye", "gye"},         {"gye", "gye"},
    {"jee", "ji"},       {"lyu", "ryu"},         {NULL, NULL}};

/* Index of spelling T in the table, or -1. */
static int names_surname(const char *t)
{
    for (int i = 0; names_surnames[i][0]; i++)
        if (names_surnames[i][0][0] == t[0] && !strcmp(names_surnames[i][0], t))
            return i;
    return -1;
}

/* Is the word W (length N) one of the readings of READINGS? */
static int names_has_reading(const char *readings, const char *w, size_t n)
{
    const char *p = readings;
    while (*p) {
        size_t l = strcspn(p, " ");
        if (l == n && !strncmp(p, w, n))
            return 1;
        p += l;
        while (*p == ' ')
            p++;
    }
    return 0;
}

static enum names_match names_surname_cmp(int a, int b)
{
    const char *ra = names_surnames[a][1], *rb = names_surnames[b][1];
    size_t pa = strcspn(ra, " "), pb = strcspn(rb, " ");
    if (pa == pb && !strncmp(ra, rb, pa))
        return NAMES_SAME;
    /* any shared reading: a possible match */
    for (const char *p = ra; *p;) {
        size_t l = strcspn(p, " ");
        if (names_has_reading(rb, p, l))
            return NAMES_POSSIBLE;
        p += l;
        while (*p == ' ')
            p++;
    }
    return NAMES_DIFFERENT;
}

/* ------------------------------------------------------------ syllables */

/* Vowel readings as bit sets. */
enum {
    V_A = 1 << 0,
    V_AE = 1 << 1,
    V_E = 1 << 2,
    V_EO = 1 << 3,
    V_EU = 1 << 4,
    V_I = 1 << 5,
    V_O = 1 << 6,
    V_OE = 1 << 7,
    V_U = 1 << 8,
    V_UI = 1 << 9,
    V_WA = 1 << 10,
    V_WAE = 1 << 11,
    V_WE = 1 << 12,
    V_WI = 1 << 13,
    V_WO = 1 << 14,
    V_YA = 1 << 15,
    V_YAE = 1 << 16,
    V_YE = 1 << 17,
    V_YEO = 1 << 18,
    V_YO = 1 << 19,
    V_YU = 1 << 20
};

/* Longest spellings first. */
static const struct {
    const char *s;
    unsigned set;
} names_vowels[] = {{"yeo", V_YEO},
                    {"yae", V_YAE},
                    {"wae", V_WAE},
                    {"wai", V_WAE},
                    {"weo", V_WO},
                    {"eui", V_UI},
                    {"yoo", V_YU},
                    {"you", V_YU},
                    {"woo", V_U},
                    {"wee", V_WI},
                    {"eo", V_EO},
                    {"eu", V_EU},
                    {"ae", V_AE},
                    {"ai", V_AE},
                    {"oe", V_OE},
                    {"oi", V_OE},
                    {"ui", V_UI},
                    {"oo", V_U},
                    {"ee", V_I},
                    {"ya", V_YA},
                    {"ye", V_YE},
                    {"yo", V_YO | V_YEO | V_YU},
                    {"yu", V_YU | V_YEO},
                    {"wa", V_WA},
                    {"we", V_WE},
                    {"wi", V_WI},
                    {"wo", V_WO},
                    {"wu", V_U},
                    {"a", V_A},
                    {"e", V_E},
                    {"i", V_I},
                    {"o", V_O | V_EO},
                    {"u", V_U | V_EO | V_EU},
                    {NULL, 0}};

/* Onsets, longest first, with their folded class. */
static const struct {
    const char *s;
    char cls;
} names_onsets[] = {{"tch", 'c'}, {"jj", 'c'}, {"kk", 'k'}, {"tt", 't'}, {"pp", 'p'}, {"ss", 's'},
                    {"ch", 'c'},  {"sh", 's'}, {"kh", 'k'}, {"th", 't'}, {"ph", 'p'}, {"hw", 'H'},
                    {"k", 'k'},   {"g", 'k'},  {"t", 't'},  {"d", 't'},  {"p", 'p'},  {"b", 'p'},
                    {"f", 'p'},   {"s", 's'},  {"j", 'c'},  {"h", 'h'},  {"m", 'm'},  {"n", 'n'},
                    {"r", 'l'},   {"l", 'l'},  {NULL, 0}};

/* Codas, longest first, with their folded class. */
static const struct {
    const char *s;
    char cls;
} names_codas[] = {{"ng", 'N'}, {"n", 'n'}, {"m", 'm'}, {"l", 'l'}, {"r", 'l'}, {"k", 'k'},
                   {"g", 'k'},  {"p", 'p'}, {"b", 'p'}, {"t", 't'}, {NULL, 0}};

struct names_syl {
    char onset; /* class, 0 for none; 'H' is hw (onset h + w glide) */
    unsigned vowel;
    char coda; /* class, 0 for none */
};

struct names_parse {
    size_t n;
    struct names_syl s[NAMES_MAX_SYL];
};

static int names_is_vowel_letter(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The results of names_segment() for the suffixes of one word, by suffix
 * offset and depth (the search meets the same suffix through many
 * segmentations of what precedes it): 0 not known, 1 none, 2 in RES. */
struct names_seg_memo {
    const char *w0;
    unsigned char state[NAMES_MAX_PART + 1][NAMES_MAX_SYL];
    struct names_parse res[NAMES_MAX_PART + 1][NAMES_MAX_SYL];
};

static int names_segment_search(const char *w, size_t len, struct names_parse *out, int depth,
                                struct names_seg_memo *m);

/* Best segmentation of W[0..LEN) into syllables: fewest syllables, then
 * fewest codas (a consonant between vowels opens the next syllable).
 * Returns 0 and fills OUT, or -1 when W is not a romanised Korean part.
 * W is a suffix of the word M was started for. */
static int names_segment(const char *w, size_t len, struct names_parse *out, int depth,
                         struct names_seg_memo *m)
{
    size_t at = (size_t)(w - m->w0);
    int rc;
    if (len == 0) {
        out->n = 0;
        return 0;
    }
    if (depth >= NAMES_MAX_SYL)
        return -1;
    if (m->state[at][depth]) {
        if (m->state[at][depth] == 1)
            return -1;
        *out = m->res[at][depth];
        return 0;
    }
    rc = names_segment_search(w, len, out, depth, m);
    m->state[at][depth] = rc == 0 ? 2 : 1;
    if (rc == 0)
        m->res[at][depth] = *out;
    return rc;
}

static int names_segment_search(const char *w, size_t len, struct names_parse *out, int depth,
                                struct names_seg_memo *m)
{
    struct names_parse best, cand;
    int have = 0, bestcodas = 0;
    best.n = 0;
    for (int oi = -1; oi == -1 || names_onsets[oi].s; oi++) {
        size_t ol;
        if (oi >= 0 && names_onsets[oi].s[0] != w[0])
            continue; /* the first byte decides most onsets at once */
        ol = oi < 0 ? 0 : strlen(names_onsets[oi].s);
        if (oi >= 0 && (ol > len || strncmp(w, names_onsets[oi].s, ol)))
            continue;
        /* vowels: every spelling that fits, plus "y" between consonants */
        for (int vi = 0; names_vowels[vi].s || vi == 0; vi++) {
            const char *vs = names_vowels[vi].s;
            unsigned vset;
            size_t vl;
            if (!vs)
                break;
            if (ol >= len || vs[0] != w[ol])
                continue;
            vl = strlen(vs);
            if (ol + vl > len || strncmp(w + ol, vs, vl))
                continue;
            vset = names_vowels[vi].set;
            for (int ci = -1; ci == -1 || names_codas[ci].s; ci++) {
                size_t cl, used;
                if (ci >= 0 && (ol + vl >= len || names_codas[ci].s[0] != w[ol + vl]))
                    continue;
                cl = ci < 0 ? 0 : strlen(names_codas[ci].s);
                used = ol + vl + cl;
                if (ci >= 0 && (used > len || strncmp(w + ol + vl, names_codas[ci].s, cl)))
                    continue;
                /* a coda cannot be followed by a vowel letter (it would be an onset) */
                if (ci >= 0 && used < len &&
                    (names_is_vowel_letter(w[used]) || w[used] == 'y' || w[used] == 'w'))
                    continue;
                if (names_segment(w + used, len - used, &cand, depth + 1, m) != 0)
                    continue;
                if (cand.n + 1 > NAMES_MAX_SYL)
                    continue;
                int codas = (ci >= 0);
                for (size_t k = 0; k < cand.n; k++)
                    codas += cand.s[k].coda != 0;
                if (!have || cand.n + 1 < best.n || (cand.n + 1 == best.n && codas < bestcodas)) {
                    best.n = cand.n + 1;
                    best.s[0].onset = oi < 0 ? 0 : names_onsets[oi].cls;
                    best.s[0].vowel = vset;
                    best.s[0].coda = ci < 0 ? 0 : names_codas[ci].cls;
                    memcpy(best.s + 1, cand.s, cand.n * sizeof cand.s[0]);
                    bestcodas = codas;
                    have = 1;
                }
            }
        }
        /* "y" as a vowel between consonants ("Syngman" = Seung-man) */
        if (ol > 0 && ol < len && w[ol] == 'y' &&
            (ol + 1 == len || !names_is_vowel_letter(w[ol + 1]))) {
            for (int ci = -1; ci == -1 || names_codas[ci].s; ci++) {
                size_t cl = ci < 0 ? 0 : strlen(names_codas[ci].s);
                size_t used = ol + 1 + cl;
                if (ci >= 0 && (used > len || strncmp(w + ol + 1, names_codas[ci].s, cl)))
                    continue;
                if (ci >= 0 && used < len && names_is_vowel_letter(w[used]))
                    continue;
                if (names_segment(w + used, len - used, &cand, depth + 1, m) != 0 ||
                    cand.n + 1 > NAMES_MAX_SYL)
                    continue;
                int codas = (ci >= 0);
                for (size_t k = 0; k < cand.n; k++)
                    codas += cand.s[k].coda != 0;
                if (!have || cand.n + 1 < best.n || (cand.n + 1 == best.n && codas < bestcodas)) {
                    best.n = cand.n + 1;
                    best.s[0].onset = names_onsets[oi].cls;
                    best.s[0].vowel = V_EU;
                    best.s[0].coda = ci < 0 ? 0 : names_codas[ci].cls;
                    memcpy(best.s + 1, cand.s, cand.n * sizeof cand.s[0]);
                    bestcodas = codas;
                    have = 1;
                }
            }
        }
    }
    if (!have)
        return -1;
    *out = best;
    return 0;
}

/* Segment one given-name part: "wh" read as "hw", a final "h" after a vowel
 * dropped ("Kyu-hah", "Suh"), hyphens split parts. Appends to OUT. */
static int names_segment_part(const char *tok, struct names_parse *out)
{
    char w[NAMES_MAX_PART + 1];
    size_t n = 0;
    const char *p = tok;
    struct names_seg_memo memo;
    while (*p) {
        size_t l = strcspn(p, "-");
        struct names_parse one;
        if (l == 0) {
            p++;
            continue;
        }
        n = 0;
        for (size_t i = 0; i < l; i++) {
            char c = p[i];
            if (c < 'a' || c > 'z')
                return -1;
            if (c == 'w' && i + 1 < l && p[i + 1] == 'h') {
                w[n++] = 'h';
                w[n++] = 'w';
                i++;
                continue;
            }
            w[n++] = c;
        }
        if (n >= 2 && w[n - 1] == 'h' && names_is_vowel_letter(w[n - 2]))
            n--;
        memo.w0 = w;
        memset(memo.state, 0, sizeof memo.state);
        if (names_segment(w, n, &one, 0, &memo) != 0 || out->n + one.n > NAMES_MAX_SYL)
            return -1;
        memcpy(out->s + out->n, one.s, one.n * sizeof one.s[0]);
        out->n += one.n;
        p += l;
    }
    return 0;
}

/* Onset classes: 'H' (hw) is h plus a w glide; fold it for comparison by
 * treating "hwa" and "wha" alike (both segment to H). */
static enum names_match names_syl_cmp(const struct names_syl *a, const struct names_syl *b)
{
    unsigned i;
    if (a->onset != b->onset || a->coda != b->coda)
        return NAMES_DIFFERENT;
    i = a->vowel & b->vowel;
    if (!i)
        return NAMES_DIFFERENT;
    if (i == a->vowel || i == b->vowel)
        return NAMES_SAME;
    return NAMES_POSSIBLE;
}

/* A Korean reading of tokens: surname index and given-name syllables. */
struct names_korean {
    int surname;
    struct names_parse given;
};

/* Read T as Korean with the surname at token SURNAME_AT (0 or last). */
static int names_read_korean(const struct names_toks *t, size_t surname_at, struct names_korean *k)
{
    if (t->n < 2 || t->n > 4)
        return -1;
    k->surname = names_surname(t->t[surname_at]);
    if (k->surname < 0)
        return -1;
    k->given.n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (i != surname_at && names_segment_part(t->t[i], &k->given) != 0)
            return -1;
    if (k->given.n < 1 || k->given.n > 3)
        return -1;
    return 0;
}

static enum names_match names_korean_cmp(const struct names_korean *a, const struct names_korean *b)
{
    enum names_match m = names_surname_cmp(a->surname, b->surname);
    if (m == NAMES_DIFFERENT || a->given.n != b->given.n)
        return NAMES_DIFFERENT;
    for (size_t i = 0; i < a->given.n && m != NAMES_DIFFERENT; i++) {
        enum names_match s = names_syl_cmp(&a->given.s[i], &b->given.s[i]);
        if (s < m)
            m = s;
    }
    return m;
}

/* ------------------------------------------------------------ interface */

/* Family letter of a vowel set for keys: every spelling that may match
 * another for sure shares the family. */
static char names_vowel_family(unsigned v)
{
    if (v & (V_O | V_EO | V_U | V_EU))
        return 'o';
    if (v & (V_YO | V_YEO | V_YU))
        return 'y';
    if (v & V_A)
        return 'a';
    if (v & V_AE)
        return 'q';
    if (v & V_E)
        return 'e';
    if (v & V_I)
        return 'i';
    if (v & V_OE)
        return 'x';
    if (v & V_UI)
        return 'z';
    if (v & V_WA)
        return 'w';
    if (v & V_WAE)
        return 'v';
    if (v & V_WE)
        return 'f';
    if (v & V_WI)
        return 'j';
    if (v & V_WO)
        return 'r';
    if (v & V_YA)
        return 'b';
    if (v & V_YAE)
        return 'c';
    return 'd';
}

/* The Korean reading used for keys: surname first when the first token is a
 * known surname, else surname last. 0 or -1. */
static int names_key_reading(const struct names_toks *t, struct names_korean *k)
{
    int first = names_surname(t->t[0]), last = t->n ? names_surname(t->t[t->n - 1]) : -1;
    if (first >= 0 && (last < 0 || first <= last) && names_read_korean(t, 0, k) == 0)
        return 0;
    if (t->n && names_read_korean(t, t->n - 1, k) == 0)
        return 0;
    return names_read_korean(t, 0, k);
}

static void names_put_given(struct buf *b, const struct names_parse *g)
{
    for (size_t i = 0; i < g->n; i++) {
        if (i)
            buf_putc(b, '-');
        if (g->s[i].onset)
            buf_putc(b, g->s[i].onset);
        buf_putc(b, names_vowel_family(g->s[i].vowel));
        if (g->s[i].coda)
            buf_putc(b, g->s[i].coda);
    }
}

char *names_key(const char *name)
{
    struct names_toks t;
    struct names_korean k;
    struct buf b = BUF_INIT;
    if (!name)
        return xstrdup("");
    if (names_tokenize(name, &t) != 0) {
        buf_append(&b, name);
        return buf_take(&b);
    }
    if (t.n >= 2 && names_key_reading(&t, &k) == 0) {
        const char *r = names_surnames[k.surname][1];
        buf_appendn(&b, r, strcspn(r, " "));
        buf_putc(&b, ' ');
        names_put_given(&b, &k.given);
        return buf_take(&b);
    }
    for (size_t i = 0; i < t.n; i++) {
        if (i)
            buf_putc(&b, ' ');
        buf_append(&b, t.t[i]);
    }
    return buf_take(&b);
}

static char *names_bucket_compute(const char *name)
{
    struct names_toks t;
    struct names_korean k;
    struct buf b = BUF_INIT;
    if (names_tokenize(name, &t) != 0 || t.n == 0) {
        buf_append(&b, name);
        return buf_take(&b);
    }
    if (t.n >= 2 && names_key_reading(&t, &k) == 0) {
        buf_append(&b, "k:");
        names_put_given(&b, &k.given);
        return buf_take(&b);
    }
    buf_append(&b, "w:");
    buf_append(&b, t.t[t.n - 1]);
    return buf_take(&b);
}

/* The last buckets computed, by a hash of the name (direct-mapped): the same
 * officials are named again and again, and reading a name as Korean tries
 * many segmentations. */
#define NAMES_BUCKET_CACHE 1024

static struct {
    char *name, *bucket;
} names_bucket_cache[NAMES_BUCKET_CACHE];

char *names_bucket(const char *name)
{
    uint32_t h = 2166136261u;
    char *b;
    if (!name)
        return xstrdup("");
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h &= NAMES_BUCKET_CACHE - 1;
    if (names_bucket_cache[h].name && !strcmp(names_bucket_cache[h].name, name))
        return xstrdup(names_bucket_cache[h].bucket);
    b = names_bucket_compute(name);
    free(names_bucket_cache[h].name);
    free(names_bucket_cache[h].bucket);
    names_bucket_cache[h].name = NULL;
    names_bucket_cache[h].bucket = xstrdup(b);
    names_bucket_cache[h].name = xstrdup(name);
    return b;
}

/* Token comparison for names that are not both read as Korean: the same
 * tokens (any order) are the same person; the same first and last tokens
 * with a middle name or an initial missing on one side are possibly so. */
static enum names_match names_token_cmp(const struct names_toks *a, const struct names_toks *b)
{
    int used[NAMES_MAX_TOK] = {0};
    size_t hit = 0;
    if (a->n == 0 || b->n == 0)
        return NAMES_DIFFERENT;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (!used[j] && !strcmp(a->t[i], b->t[j])) {
                used[j] = 1;
                hit++;
                break;
            }
    if (hit == a->n && hit == b->n)
        return NAMES_SAME;
    if (a->n >= 2 && b->n >= 2 && !strcmp(a->t[a->n - 1], b->t[b->n - 1])) {
        const char *fa = a->t[0], *fb = b->t[0];
        size_t la = strlen(fa), lb = strlen(fb);
        if (!strcmp(fa, fb) || (la == 1 && fa[0] == fb[0]) || (lb == 1 && fa[0] == fb[0]))
            return NAMES_POSSIBLE;
    }
    return NAMES_DIFFERENT;
}

enum names_match names_compare(const char *a, const char *b)
{
    struct names_toks ta, tb;
    enum names_match best = NAMES_DIFFERENT;
    int korean = 0;
    if (!a || !b)
        return NAMES_DIFFERENT;
    if (names_tokenize(a, &ta) != 0 || names_tokenize(b, &tb) != 0)
        return strcmp(a, b) == 0 ? NAMES_SAME : NAMES_DIFFERENT;
    if (ta.n >= 2 && tb.n >= 2) {
        size_t pa[2] = {0, ta.n - 1}, pb[2] = {0, tb.n - 1};
        for (int i = 0; i < 2; i++) {
            struct names_korean ka;
            if (names_read_korean(&ta, pa[i], &ka) != 0)
                continue;
            for (int j = 0; j < 2; j++) {
                struct names_korean kb;
                if (names_read_korean(&tb, pb[j], &kb) != 0)
                    continue;
                korean = 1;
                enum names_match m = names_korean_cmp(&ka, &kb);
                if (m > best)
                    best = m;
            }
        }
    }
    if (korean)
        return best;
    return names_token_cmp(&ta, &tb);
}
