/* sentence.c - English sentence segmentation (Golden Rules style).
 *
 * One left-to-right pass over the bytes decides at each run of terminal
 * punctuation (. ? ! and ellipses, with trailing closing quotes/brackets)
 * whether a sentence ends there, from the token before it (abbreviation,
 * initial, number, ordinary word) and the token after it (lower case,
 * digit, sentence starter, capitalised word). A pre-pass finds enumerated
 * list markers ("1.)", "2)", "3.", "a.") that form consecutive chains; a
 * new sentence starts at each of them and at bullets. Blank lines always
 * end a sentence. Lookbehind and lookahead are bounded, so the pass is
 * linear in the input. */
#include "sentence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "nlp_lexicon.h"
#include "utf8.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- lexicon */

enum { SENT_PREPOSITIVE, SENT_NUMERIC, SENT_ORDINARY, SENT_TIME, SENT_NSETS };

static const char sentence_builtin_abbr[] =
    "[prepositive]\nadm\ncapt\ncol\ndr\ne.g\ngen\ngov\ni.e\nlt\nmaj\nmr\nmrs\nms\nmt\n"
    "prof\nrep\nrev\nsen\nsgt\nst\nvs\n"
    "[numeric]\nno\nnos\np\npp\nvol\nart\nfig\nsec\njan\nfeb\nmar\napr\njun\njul\naug\n"
    "sep\nsept\noct\nnov\ndec\n"
    "[ordinary]\nco\ncorp\ninc\nltd\njr\netc\ndept\nu.s\nu.n\nu.k\ne.u\nd.c\nu.s.a\n"
    "mon\ntue\ntues\nweds\nthu\nthur\nthurs\nfri\n"
    "[time]\na.m\np.m\n";
static const char sentence_builtin_starters[] =
    "a\nafter\nalso\nan\nand\nas\nat\nbut\nby\ndid\nduring\nfor\nhe\nher\nhis\nhow\n"
    "however\ni\nif\nin\nit\nits\nmeanwhile\non\nshe\nso\nthat\nthe\nthey\nthis\nthere\n"
    "these\nwe\nwhat\nwhen\nwhere\nwhile\nwho\nwhy\nyou\n"
    "[title]\nunder\nfirst\n";

/* Byte classes the per-byte scans test first (one load instead of a chain
 * of comparisons): */
enum {
    SC_PLAIN = 1,  /* sent_plain(): ASCII that starts no case of the splitter */
    SC_MARK = 2,   /* a list marker may start here whatever follows: '(' 0-9 i v x */
    SC_LETTER = 4, /* a-z: a marker "a." or "b)" when '.' or ')' follows */
    SC_OPEN = 8    /* a region opener may start here: '(' '[' '"' '\'' and 0xE2 */
};

static unsigned char sent_class(unsigned c)
{
    unsigned char k = 0;
    if (c < 0x80 && c != '\n' && c != '\r' && c != '"' && c != '.' && c != '?' && c != '!')
        k |= SC_PLAIN;
    if (c == '(' || (c >= '0' && c <= '9') || c == 'i' || c == 'v' || c == 'x')
        k |= SC_MARK;
    if (c >= 'a' && c <= 'z')
        k |= SC_LETTER;
    if (c == '(' || c == '[' || c == '"' || c == '\'' || c == 0xE2)
        k |= SC_OPEN;
    return k;
}

static unsigned char sent_classes[256];

static struct nlp_wordset sentence_sets[SENT_NSETS];
/* [0]: sentence starters; [1]: starters that open a title when a capitalised
 * word follows ("U.S. Under Secretary", "ROK First Vice Minister") */
static struct nlp_wordset sentence_starters[2];
static int sentence_loaded;

static void sentence_load(void)
{
    static const char *const abbr_sections[SENT_NSETS] = {"prepositive", "numeric", "ordinary",
                                                          "time"};
    static const char *const starter_sections[2] = {"", "title"};
    if (sentence_loaded)
        return;
    for (unsigned c = 0; c < 256; c++)
        sent_classes[c] = sent_class(c);
    nlp_lexicon_load("stages/extract/data/abbreviations.txt", sentence_builtin_abbr, abbr_sections,
                     sentence_sets, SENT_NSETS);
    nlp_lexicon_load("stages/extract/data/sentence_starters.txt", sentence_builtin_starters,
                     starter_sections, sentence_starters, 2);
    sentence_loaded = 1;
}

/* ------------------------------------------------------- character classes */

/* Longest token looked at before or after a boundary candidate. */
#define SENT_MAX_TOKEN 64

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}
static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}
static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
static int is_alpha(unsigned char c)
{
    return is_upper(c) || is_lower(c);
}

/* Width of the whitespace character at T[I] (0 when none). */
static size_t space_at_mb(const char *t, size_t len, size_t i)
{
    size_t j = i;
    uint32_t cp = utf8_next(t, len, &j);
    return cp != UTF8_BAD && utf8_is_space(cp) ? j - i : 0;
}

/* Inline: the splitter asks at almost every byte; only non-ASCII bytes need
 * the decoder. */
static inline size_t space_at(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    return c >= 0x80 ? space_at_mb(t, len, i) : 0;
}

/* Bytes of a closing quote or bracket at T[I] (0 when none). */
static size_t closer_at(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
        return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x9D || (unsigned char)t[i + 2] == 0x99 ||
         (unsigned char)t[i + 2] == 0xBA))
        return 3; /* ” ’ › */
    if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xBB)
        return 2; /* » */
    return 0;
}

/* Bytes of an opening quote or bracket at T[I] (0 when none). */
static size_t opener_at(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{')
        return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x98))
        return 3; /* “ ‘ */
    if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xAB)
        return 2; /* « */
    return 0;
}

/* Bytes of a bullet character at T[I] (0 when none): • ‣ ⁃ ▪ ◦ ●. */
static inline size_t bullet_at(const char *t, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)t + i;
    if (i + 2 >= len || u[0] != 0xE2)
        return 0;
    if (u[1] == 0x80 && (u[2] == 0xA2 || u[2] == 0xA3))
        return 3;
    if (u[1] == 0x81 && u[2] == 0x83)
        return 3;
    if (u[1] == 0x96 && u[2] == 0xAA)
        return 3;
    if (u[1] == 0x97 && (u[2] == 0xA6 || u[2] == 0x8F))
        return 3;
    return 0;
}

/* Non-zero when T[I] starts the ellipsis character U+2026. */
static int hellip_at(const char *t, size_t len, size_t i)
{
    return i + 2 < len && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
           (unsigned char)t[i + 2] == 0xA6;
}

/* Bytes of a dash that sets off an aside at T[I] (0 when none): "--", an em
 * dash or an en dash ("voila! -- you have cake"). */
static size_t aside_dash_at(const char *t, size_t len, size_t i)
{
    if (t[i] == '-' && i + 1 < len && t[i + 1] == '-')
        return 2;
    if (i + 2 < len && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93))
        return 3;
    return 0;
}

/* Bytes of a full-width or ideographic sentence end at T[I] (0 when none):
 * U+FF0E, U+FF01, U+FF1F, U+3002. */
static size_t wide_stop_at(const char *t, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)t + i;
    if (i + 2 >= len)
        return 0;
    if (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8E || u[2] == 0x81 || u[2] == 0x9F))
        return 3;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82)
        return 3;
    return 0;
}

/* ------------------------------------------------------------ list markers */

enum {
    LM_NUM_DOT_PAREN,
    LM_NUM_PAREN,
    LM_NUM_DOT,
    LM_ALPHA_DOT,
    LM_ALPHA_PAREN,
    LM_ALPHA_DOT_PAREN,
    LM_PAREN_NUM,   /* "(1)" */
    LM_PAREN_ALPHA, /* "(a)" */
    LM_PAREN_ROMAN, /* "(iv)" */
    LM_ROMAN_PAREN, /* "iv)" */
    LM_NSTYLES
};

struct list_marker {
    size_t pos, end; /* the marker "12.)" is [pos,end) */
    unsigned value;
    int style;
    int accepted;
};

/* Non-zero when a list marker may start at T[P]: at the start of the text
 * or a line, right after a bullet, after a sentence end ("Smith. a. here"),
 * or after a word that is not capitalised ("item 2." yes, "Article 2." no).
 * STRICT (for "(a)" markers, which also mark asides): only the first three. */
static int marker_context_ok(const char *t, size_t len, size_t p, int strict)
{
    size_t i = p, ws = 0;
    if (p == 0)
        return 1;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')) {
        i--;
        ws++;
    }
    if (i == 0 || t[i - 1] == '\n' || t[i - 1] == '\r')
        return 1;
    if (i >= 3 && bullet_at(t, len, i - 3))
        return 1;
    if (ws == 0)
        return 0;
    if (t[i - 1] == '.' || t[i - 1] == '!' || t[i - 1] == '?' ||
        (strict && (t[i - 1] == ':' || t[i - 1] == ';')))
        return 1;
    if (strict)
        return 0;
    /* start of the previous word */
    {
        size_t w = i, n = 0;
        while (w > 0 && n < SENT_MAX_TOKEN && !space_at(t, len, w - 1)) {
            w--;
            n++;
        }
        return !is_upper((unsigned char)t[w]);
    }
}

/* Parse a marker at T[P]; fills M and returns 1, or 0. */
static int marker_parse(const char *t, size_t len, size_t p, struct list_marker *m)
{
    size_t i = p;
    unsigned v = 0;
    int num, paren = 0;
    if (t[i] == '(' && i + 1 < len) {
        paren = 1;
        i++;
    }
    if (is_digit((unsigned char)t[i])) {
        while (i < len && is_digit((unsigned char)t[i]) && i - p < 2)
            v = v * 10 + (unsigned)(t[i++] - '0');
        num = 1;
    } else if (is_lower((unsigned char)t[i])) {
        v = (unsigned)(t[i++] - 'a') + 1;
        num = 0;
    } else {
        return 0;
    }
    if (i >= len)
        return 0;
    if (paren) {
        if (t[i] != ')')
            return 0;
        m->style = num ? LM_PAREN_NUM : LM_PAREN_ALPHA;
        i++;
    } else if (t[i] == '.' && i + 1 < len && t[i + 1] == ')') {
        m->style = num ? LM_NUM_DOT_PAREN : LM_ALPHA_DOT_PAREN;
        i += 2;
    } else if (t[i] == ')') {
        m->style = num ? LM_NUM_PAREN : LM_ALPHA_PAREN;
        i++;
    } else if (t[i] == '.') {
        m->style = num ? LM_NUM_DOT : LM_ALPHA_DOT;
        i++;
    } else {
        return 0;
    }
    if (i >= len || !space_at(t, len, i))
        return 0;
    m->pos = p;
    m->end = i;
    m->value = v;
    m->accepted = 0;
    return 1;
}

/* Parse a lower-case Roman numeral marker "(iv)" or "iv)" (i to xxxix) at
 * T[P]; fills M and returns 1, or 0. */
static int marker_parse_roman(const char *t, size_t len, size_t p, struct list_marker *m)
{
    static const char *const units[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    size_t i = p, a;
    unsigned v = 0;
    int paren = t[p] == '(';
    if (paren)
        i++;
    a = i;
    while (i < len && i - a < 8 && (t[i] == 'i' || t[i] == 'v' || t[i] == 'x'))
        i++;
    if (i == a || i + 1 >= len || t[i] != ')' || !space_at(t, len, i + 1))
        return 0;
    {
        /* canonical spelling only: tens of x, then one unit */
        size_t q = a, u;
        while (q < i && t[q] == 'x' && v < 30) {
            v += 10;
            q++;
        }
        for (u = 9; u > 0; u--)
            if (strlen(units[u]) == i - q && memcmp(units[u], t + q, i - q) == 0)
                break;
        if (u == 0 && q != i)
            return 0;
        v += (unsigned)u;
        if (v == 0)
            return 0;
    }
    m->style = paren ? LM_PAREN_ROMAN : LM_ROMAN_PAREN;
    m->pos = p;
    m->end = i + 1;
    m->value = v;
    m->accepted = 0;
    return 1;
}

/* Non-zero when marker M continues the last chain of its style. */
static int marker_continues(const struct list_marker *ms, const size_t *last, const int *have,
                            const struct list_marker *m)
{
    return have[m->style] && ms[last[m->style]].value + 1 == m->value;
}

/* Find markers that belong to a chain of consecutive values of one style.
 * Returns the count of accepted markers in *OUT (heap; caller frees). */
static size_t markers_find(const char *t, size_t len, struct list_marker **out)
{
    struct list_marker *ms = NULL;
    size_t n = 0, cap = 0, k = 0;
    size_t last[LM_NSTYLES];
    int have[LM_NSTYLES] = {0};

    for (size_t p = 0; p < len; p++) {
        struct list_marker m, r;
        int strict, has_m, has_r;
        unsigned char k0 = sent_classes[(unsigned char)t[p]];
        /* what the two parsers accept first: '(', a digit, or a letter
         * followed by '.' or ')' (Roman numerals: i, v, x and more) */
        if (!(k0 & SC_MARK) &&
            !((k0 & SC_LETTER) && p + 1 < len && (t[p + 1] == '.' || t[p + 1] == ')')))
            continue;
        if (p > 0 && !space_at(t, len, p - 1) && !(p >= 3 && bullet_at(t, len, p - 3)))
            continue;
        has_m = marker_parse(t, len, p, &m);
        has_r = marker_parse_roman(t, len, p, &r);
        /* "(i)" is Roman unless it follows "(h)"; "(v)" is Roman after "(iv)" */
        if (has_r && (!has_m || marker_continues(ms, last, have, &r) ||
                      (r.value == 1 && !marker_continues(ms, last, have, &m))))
            m = r;
        else if (!has_m)
            continue;
        strict = m.style == LM_PAREN_NUM || m.style == LM_PAREN_ALPHA || m.style == LM_PAREN_ROMAN;
        if (!marker_context_ok(t, len, p, strict)) {
            /* "4. Hello 5. Hello": a chain already under way goes on after a
             * capitalised one-word item */
            if (strict || !have[m.style] || ms[last[m.style]].value + 1 != m.value ||
                !ms[last[m.style]].accepted || p - ms[last[m.style]].end > 120)
                continue;
        }
        if (m.style == LM_NUM_DOT || strict) {
            /* "1. The first item", not "for 1. above" */
            size_t q = m.end;
            while (q < len && space_at(t, len, q))
                q += space_at(t, len, q);
            if (q < len &&
                (strict ? !is_upper((unsigned char)t[q]) : is_lower((unsigned char)t[q])))
                continue;
        }
        if (p == 0 || t[p - 1] == '\n')
            m.accepted = 1;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ms = xrealloc(ms, xmul(cap, sizeof *ms));
        }
        if (have[m.style] && ms[last[m.style]].value + 1 == m.value) {
            ms[last[m.style]].accepted = 1;
            m.accepted = 1;
        }
        have[m.style] = 1;
        last[m.style] = n;
        ms[n++] = m;
        p = m.end - 1;
    }
    for (size_t i = 0; i < n; i++)
        if (ms[i].accepted)
            ms[k++] = ms[i];
    *out = ms;
    return k;
}

/* ---------------------------------------------------------------- decision */

enum next_kind { NEXT_END, NEXT_NONE, NEXT_LOWER, NEXT_DIGIT, NEXT_PUNCT, NEXT_UPPER, NEXT_OTHER };

struct next_tok {
    enum next_kind kind;
    size_t at;         /* the first byte after the spaces */
    size_t word, wlen; /* the next word (ASCII letters) after openers */
};

static void next_token(const char *t, size_t len, size_t k, struct next_tok *nt)
{
    size_t q = k, w, o;
    int spaced = 0;
    nt->word = nt->wlen = 0;
    nt->at = k;
    while (q < len) {
        size_t s = space_at(t, len, q);
        if (!s)
            break;
        q += s;
        spaced = 1;
    }
    nt->at = q;
    if (q >= len) {
        nt->kind = NEXT_END;
        return;
    }
    if (!spaced) {
        nt->kind = NEXT_NONE;
        return;
    }
    w = q;
    while (w < len && (o = opener_at(t, len, w)) != 0)
        w += o;
    if (w >= len) {
        nt->kind = NEXT_OTHER;
        return;
    }
    {
        unsigned char c = (unsigned char)t[w];
        size_t e = w;
        while (e < len && e - w < SENT_MAX_TOKEN && is_alpha((unsigned char)t[e]))
            e++;
        nt->word = w;
        nt->wlen = e - w;
        if (is_lower(c))
            nt->kind = NEXT_LOWER;
        else if (is_digit(c))
            nt->kind = NEXT_DIGIT;
        else if (is_upper(c))
            nt->kind = NEXT_UPPER;
        else if (c < 0x80 && w == q && !opener_at(t, len, q))
            nt->kind = NEXT_PUNCT;
        else
            nt->kind = NEXT_OTHER;
    }
}

/* Non-zero when the word NT opens a title: a [title] starter followed by
 * one space and a capitalised word ("Under Secretary", "First Vice"). */
static int next_opens_title(const char *t, size_t len, const struct next_tok *nt)
{
    size_t e = nt->word + nt->wlen;
    return nlp_wordset_has(&sentence_starters[1], t + nt->word, nt->wlen) && e + 1 < len &&
           t[e] == ' ' && is_upper((unsigned char)t[e + 1]);
}

static int next_is_starter(const char *t, size_t len, const struct next_tok *nt)
{
    return nt->kind == NEXT_UPPER && nt->wlen > 0 &&
           nlp_wordset_has(&sentence_starters[0], t + nt->word, nt->wlen) &&
           !next_opens_title(t, len, nt);
}

/* Words between S (sentence start) and P, at most LIMIT+1 counted. */
static size_t words_before(const char *t, size_t len, size_t s, size_t p, size_t limit)
{
    size_t n = 0;
    int in = 0;
    if (p - s > 64)
        return limit + 1;
    for (size_t i = s; i < p; i++) {
        if (space_at(t, len, i)) {
            in = 0;
        } else if (!in) {
            in = 1;
            if (++n > limit)
                break;
        }
    }
    return n;
}

/* Decide on a single period at T[I] followed (after closers) by NT.
 * S is the current sentence start. */
static int period_ends(const char *t, size_t len, size_t s, size_t i, const struct next_tok *nt)
{
    size_t b = i, n = 0, o;
    int all_digits = 1, letters = 0;

    while (b > s && n < SENT_MAX_TOKEN && !space_at(t, len, b - 1)) {
        b--;
        n++;
    }
    if (n >= SENT_MAX_TOKEN)
        return nt->kind == NEXT_UPPER || nt->kind == NEXT_OTHER;
    while (b < i && (o = opener_at(t, len, b)) != 0)
        b += o;
    if (b == i)
        return nt->kind == NEXT_UPPER || nt->kind == NEXT_OTHER || nt->kind == NEXT_DIGIT;
    for (size_t j = b; j < i; j++) {
        unsigned char c = (unsigned char)t[j];
        if (is_alpha(c))
            letters++;
        if (!is_digit(c) && c != ',' && c != '.' && c != '$' && c != '%')
            all_digits = 0;
    }
    if (nlp_wordset_has(&sentence_sets[SENT_PREPOSITIVE], t + b, i - b))
        return nt->kind != NEXT_UPPER && nt->kind != NEXT_DIGIT && nt->kind != NEXT_OTHER;
    {
        /* a compound ending in an abbreviation ("Korea-U.S.", "ROK-U.S.") is the
         * abbreviation: it ends a sentence only before a sentence starter */
        size_t h = i;
        while (h > b && t[h - 1] != '-')
            h--;
        if (h > b + 1 && i - h >= 2 && (nt->kind == NEXT_UPPER || nt->kind == NEXT_OTHER)) {
            int dotted = i - h >= 3;
            for (size_t j = h; j < i && dotted; j++)
                dotted = ((j - h) % 2) == 0 ? is_alpha((unsigned char)t[j]) : t[j] == '.';
            if (dotted || nlp_wordset_has(&sentence_sets[SENT_ORDINARY], t + h, i - h))
                return next_is_starter(t, len, nt);
        }
    }
    if (nt->kind == NEXT_DIGIT)
        return letters > 1 && !all_digits &&
               !nlp_wordset_has(&sentence_sets[SENT_NUMERIC], t + b, i - b) &&
               !nlp_wordset_has(&sentence_sets[SENT_ORDINARY], t + b, i - b);
    if (nt->kind != NEXT_UPPER && nt->kind != NEXT_OTHER)
        return 0;
    if (nlp_wordset_has(&sentence_sets[SENT_TIME], t + b, i - b)) {
        if (next_is_starter(t, len, nt))
            return 1;
        /* "At 5 a.m. Mr. Smith went" vs "... at 6 p.m. Mr. Smith then" */
        return nt->kind == NEXT_UPPER && words_before(t, len, s, b, 3) > 3;
    }
    if (nlp_wordset_has(&sentence_sets[SENT_NUMERIC], t + b, i - b) ||
        nlp_wordset_has(&sentence_sets[SENT_ORDINARY], t + b, i - b))
        return next_is_starter(t, len, nt);
    /* initials and letter-dot abbreviations not in the list: "E.", "U.S.A." */
    while (s < b && space_at(t, len, s))
        s += space_at(t, len, s);
    if (letters == 1 && i - b == 1)
        return b != s && next_is_starter(t, len, nt); /* "Q. What is ..." opens a sentence */
    {
        int dotted = 1;
        for (size_t j = b; j < i; j++) {
            int expect_letter = ((j - b) % 2) == 0;
            if (expect_letter ? !is_alpha((unsigned char)t[j]) : t[j] != '.')
                dotted = 0;
        }
        if (dotted && i - b >= 3)
            return next_is_starter(t, len, nt);
    }
    return 1;
}

/* "world.Today", "1,000.That": a sentence end with no space after the
 * period at T[I]. The word before ends in a lower-case letter or a digit and
 * holds no period, '@', '/', ':' or a backslash (e-mail, URL, path, "e.g.Foo") and
 * is not an abbreviation; the word after is capitalised, in lower case after
 * its first letter, and does not go on as a name ("Doe@", "Net/", "Js.org"). */
static int glued_end(const char *t, size_t len, size_t s, size_t i)
{
    size_t b = i, e = i + 1, o;
    if (i == 0 || i + 2 >= len || !is_upper((unsigned char)t[i + 1]) ||
        !is_lower((unsigned char)t[i + 2]))
        return 0;
    if (!is_lower((unsigned char)t[i - 1]) && !is_digit((unsigned char)t[i - 1]))
        return 0;
    while (b > s && i - b < SENT_MAX_TOKEN && !space_at(t, len, b - 1)) {
        char c = t[--b];
        if (c == '.' || c == '@' || c == '/' || c == ':' || c == '\\')
            return 0;
    }
    while (b < i && (o = opener_at(t, len, b)) != 0)
        b += o;
    if (i - b < 2 || i - b >= SENT_MAX_TOKEN)
        return 0;
    for (int k = 0; k < SENT_NSETS; k++)
        if (nlp_wordset_has(&sentence_sets[k], t + b, i - b))
            return 0;
    while (e < len && e - i < SENT_MAX_TOKEN && is_alpha((unsigned char)t[e]))
        e++;
    if (e < len && (t[e] == '@' || t[e] == '/' || t[e] == '_' || is_digit((unsigned char)t[e])))
        return 0;
    if (e + 1 < len && t[e] == '.' && is_alpha((unsigned char)t[e + 1]) &&
        (e + 2 >= len || !space_at(t, len, e + 2)))
        return 0;
    return 1;
}

/* ------------------------------------------------------- quoted regions */

/* No sentence ends inside a quotation or a bracket pair that closes within
 * SENT_MAX_REGION bytes and before a blank line ("'Well!' thought Alice,
 * 'after such a fall ... house!'" is one sentence). */
#define SENT_MAX_REGION 1000

enum { RQ_DOUBLE, RQ_CURLY2, RQ_CURLY1, RQ_SINGLE, RQ_PAREN, RQ_BRACKET, RQ_NTYPES };

struct region {
    size_t s, e; /* [s,e): from the opener to just after the closer */
};

struct regions {
    struct region *r;
    size_t n, cap;
    size_t cur; /* lookup cursor, moves forward only */
};

/* The closer of TYPE at T[I]: its width, or 0. */
static size_t region_closer(const char *t, size_t len, size_t i, int type)
{
    unsigned char c = (unsigned char)t[i];
    switch (type) {
    case RQ_DOUBLE:
        return c == '"';
    case RQ_CURLY2:
        return (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
                (unsigned char)t[i + 2] == 0x9D)
                   ? 3
                   : 0;
    case RQ_CURLY1:
        if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
            (unsigned char)t[i + 2] == 0x99 && (i + 3 >= len || !is_alpha((unsigned char)t[i + 3])))
            return 3;
        return 0;
    case RQ_SINGLE:
        return c == '\'' && (i + 1 >= len || !is_alpha((unsigned char)t[i + 1])) && i > 0 &&
               !space_at(t, len, i - 1);
    case RQ_PAREN:
        return c == ')';
    default:
        return c == ']';
    }
}

/* The opener type at T[I], or -1. */
static int region_opener(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    int after_space;
    if (c == '(')
        return RQ_PAREN;
    if (c == '[')
        return RQ_BRACKET;
    if (!(sent_classes[c] & SC_OPEN))
        return -1;
    after_space = i == 0 || space_at(t, len, i - 1) || t[i - 1] == '(';
    if (c == '"' && after_space)
        return RQ_DOUBLE;
    if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80) {
        if ((unsigned char)t[i + 2] == 0x9C)
            return RQ_CURLY2;
        if ((unsigned char)t[i + 2] == 0x98 && after_space)
            return RQ_CURLY1;
    }
    if (c == '\'' && after_space && i + 1 < len && !space_at(t, len, i + 1))
        return RQ_SINGLE;
    return -1;
}

/* Closer positions found so far, per type: no closer of the type lies in
 * [last query, upto) except at pos (pos == SIZE_MAX: none). Queries come with
 * FROM increasing, so every byte is scanned at most once per type. */
struct region_scan {
    size_t pos, upto;
};

static size_t region_next(const char *t, size_t len, struct region_scan *c, size_t from, int type)
{
    size_t q, stop = from + SENT_MAX_REGION < len ? from + SENT_MAX_REGION : len;
    if (c->pos != SIZE_MAX && c->pos >= from)
        return c->pos;
    for (q = from > c->upto ? from : c->upto; q < stop; q++)
        if (type < 0 ? (t[q] == '\n' && q + 1 < len && t[q + 1] == '\n')
                     : region_closer(t, len, q, type) != 0) {
            c->pos = q;
            c->upto = q + 1;
            return q;
        }
    c->pos = SIZE_MAX;
    c->upto = q > c->upto ? q : c->upto;
    return SIZE_MAX;
}

static void regions_find(const char *t, size_t len, struct regions *rg)
{
    struct region_scan sc[RQ_NTYPES], blank = {SIZE_MAX, 0};
    for (int k = 0; k < RQ_NTYPES; k++)
        sc[k].pos = SIZE_MAX, sc[k].upto = 0;
    for (size_t i = 0; i < len; i++) {
        int type = region_opener(t, len, i);
        size_t from, close, bl, w;
        if (type < 0)
            continue;
        from = (type == RQ_CURLY2 || type == RQ_CURLY1) ? i + 3 : i + 1;
        close = region_next(t, len, &sc[type], from, type);
        if (close == SIZE_MAX)
            continue;
        bl = region_next(t, len, &blank, from, -1);
        if (bl != SIZE_MAX && bl < close)
            continue;
        w = region_closer(t, len, close, type);
        if (rg->n == rg->cap) {
            rg->cap = rg->cap ? rg->cap * 2 : 16;
            rg->r = xrealloc(rg->r, xmul(rg->cap, sizeof *rg->r));
        }
        rg->r[rg->n].s = i;
        rg->r[rg->n].e = close + w;
        rg->n++;
        i = close + w - 1;
    }
}

/* Non-zero when a cut at K would fall strictly inside a region that began
 * after the sentence start S (calls come with K increasing). */
static int in_region(struct regions *rg, size_t s, size_t k)
{
    while (rg->cur < rg->n && rg->r[rg->cur].e <= k)
        rg->cur++;
    return rg->cur < rg->n && rg->r[rg->cur].s < k && k < rg->r[rg->cur].e && rg->r[rg->cur].s >= s;
}

/* The end of the region that opens at T[P], or 0 when none does. */
static size_t region_end_at(const struct regions *rg, size_t p)
{
    size_t lo = 0, hi = rg->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rg->r[mid].s < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < rg->n && rg->r[lo].s == p ? rg->r[lo].e : 0;
}

/* Non-zero when a double quote (straight or curly) ends at T[K-1]. */
static int double_quote_before(const char *t, size_t k)
{
    return (k >= 1 && t[k - 1] == '"') ||
           (k >= 3 && (unsigned char)t[k - 3] == 0xE2 && (unsigned char)t[k - 2] == 0x80 &&
            (unsigned char)t[k - 1] == 0x9D);
}

/* Footnote marks after a sentence end: "martyr.[1] The", "consultation.11 12
 * Take", "(type 2).10 This". Returns the new end K. */
static size_t citation_end(const char *t, size_t len, size_t i, size_t k, struct next_tok *nt)
{
    size_t q = k;
    if (nt->kind != NEXT_NONE)
        return k;
    while (q < len && t[q] == '[') {
        size_t d = q + 1;
        while (d < len && d - q <= 4 && is_digit((unsigned char)t[d]))
            d++;
        if (d == q + 1 || d >= len || t[d] != ']')
            break;
        q = d + 1;
    }
    if (q == k && i > 0 && (is_lower((unsigned char)t[i - 1]) || t[i - 1] == ')')) {
        for (;;) {
            size_t d = q;
            while (d < len && d - q < 4 && is_digit((unsigned char)t[d]))
                d++;
            if (d == q || d - q > 3 || (d < len && !space_at(t, len, d)))
                break;
            q = d;
            if (q + 1 < len && t[q] == ' ' && is_digit((unsigned char)t[q + 1]))
                q++;
            else
                break;
        }
    }
    if (q == k)
        return k;
    {
        struct next_tok n2;
        next_token(t, len, q, &n2);
        if (n2.kind != NEXT_UPPER && n2.kind != NEXT_END)
            return k;
        *nt = n2;
    }
    return q;
}

/* ------------------------------------------------------------------- split */

struct cuts {
    size_t *p;
    size_t n, cap;
};

static void cut_add(struct cuts *c, size_t pos)
{
    if (c->n && c->p[c->n - 1] >= pos)
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->p = xrealloc(c->p, xmul(c->cap, sizeof *c->p));
    }
    c->p[c->n++] = pos;
}

/* Non-zero when only whitespace and bullets lie in [A,B). */
static int only_space(const char *t, size_t len, size_t a, size_t b)
{
    while (a < b) {
        size_t s = space_at(t, len, a);
        if (!s)
            s = bullet_at(t, len, a);
        if (!s)
            return 0;
        a += s;
    }
    return 1;
}

/* Plain ASCII bytes: no sentence end, quote, line break or bullet starts at
 * one. */
static int sent_plain(unsigned char c)
{
    return sent_classes[c] & SC_PLAIN;
}

size_t sentence_split(const char *text, size_t len, struct sent_span **out)
{
    struct cuts cuts = {NULL, 0, 0};
    struct list_marker *lm = NULL;
    size_t nlm, li = 0, start = 0, i = 0;
    struct sent_span *spans = NULL;
    size_t nspans = 0;
    struct regions rg = {NULL, 0, 0, 0};

    sentence_load();
    nlm = markers_find(text, len, &lm);
    regions_find(text, len, &rg);

    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        size_t bl;

        while (li < nlm && lm[li].end <= i)
            li++;
        if (li < nlm && lm[li].pos == i) {
            if (!only_space(text, len, start, i)) {
                cut_add(&cuts, i);
                start = i;
            }
            i = lm[li].end;
            continue;
        }
        /* plain ASCII text: none of the cases below starts here, nor does a
         * list marker before BOUND (li stays the same up to there) */
        if (sent_plain(c)) {
            size_t bound = len;
            if (li < nlm)
                bound = lm[li].pos > i && lm[li].pos < lm[li].end ? lm[li].pos : lm[li].end;
            i++;
            while (i < bound && sent_plain((unsigned char)text[i]))
                i++;
            continue;
        }
        if ((bl = bullet_at(text, len, i)) != 0) {
            if (!only_space(text, len, start, i)) {
                cut_add(&cuts, i);
                start = i;
            }
            i += bl;
            continue;
        }
        if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
            /* a blank line ends a sentence (a lone CR is a line break) */
            size_t j = i + 1;
            while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
                j++;
            if (j < len && text[j] == '\n') {
                cut_add(&cuts, i);
                start = j;
                i = j + 1;
                continue;
            }
            /* a line break ends a sentence unless it wraps one: a line that
             * ends in a lower-case letter or comma and goes on in lower case */
            if (!only_space(text, len, start, i)) {
                size_t pe = i, nx = i + 1;
                while (pe > start &&
                       (text[pe - 1] == ' ' || text[pe - 1] == '\t' || text[pe - 1] == '\r'))
                    pe--;
                while (nx < len && (text[nx] == ' ' || text[nx] == '\t'))
                    nx++;
                if (nx < len && !(pe > start &&
                                  (is_lower((unsigned char)text[pe - 1]) || text[pe - 1] == ',') &&
                                  is_lower((unsigned char)text[nx]))) {
                    cut_add(&cuts, i);
                    start = i;
                }
            }
            i++;
            continue;
        }
        if ((bl = wide_stop_at(text, len, i)) != 0) {
            /* full-width stops need no space after them: "period．Does" */
            size_t k = i + bl, cl;
            struct next_tok nt;
            while (k < len && (cl = closer_at(text, len, k)) != 0)
                k += cl;
            next_token(text, len, k, &nt);
            if (nt.kind != NEXT_LOWER && !in_region(&rg, start, k)) {
                cut_add(&cuts, k);
                start = k;
            }
            i = k;
            continue;
        }
        if ((c == '"' || (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
                          (unsigned char)text[i + 2] == 0x9D)) &&
            i >= 2 &&
            (aside_dash_at(text, len, i - 2) == 2 ||
             (i >= 3 && aside_dash_at(text, len, i - 3) == 3))) {
            /* speech broken off: 'to--" At this moment' */
            size_t k = i + closer_at(text, len, i);
            struct next_tok nt;
            next_token(text, len, k, &nt);
            if (nt.kind == NEXT_UPPER && !in_region(&rg, start, k)) {
                cut_add(&cuts, k);
                start = k;
            }
            i = k;
            continue;
        }
        if (c == '.' || c == '?' || c == '!' || hellip_at(text, len, i)) {
            size_t j = i, k, ndots = 0, nother = 0, nell = 0, first_end;
            int spaced = 0, attached;
            struct next_tok nt;
            while (j < len) {
                if (text[j] == '.') {
                    ndots++;
                    j++;
                } else if (text[j] == '?' || text[j] == '!') {
                    nother++;
                    j++;
                } else if (hellip_at(text, len, j)) {
                    nell++;
                    j += 3;
                } else if (text[j] == ' ' && j + 1 < len && text[j + 1] == '.' && nother == 0 &&
                           nell == 0) {
                    spaced = 1;
                    j++;
                } else {
                    break;
                }
            }
            first_end = i + 1;
            k = j;
            {
                size_t cl;
                while (k < len && (cl = closer_at(text, len, k)) != 0)
                    k += cl;
            }
            next_token(text, len, k, &nt);
            attached = i > 0 && !space_at(text, len, i - 1);
            if (ndots == 1 && nother == 0 && nell == 0)
                k = citation_end(text, len, i, k, &nt);
            if (nt.kind == NEXT_NONE && ndots == 1 && nother == 0 && nell == 0 && k == i + 1 &&
                glued_end(text, len, start, i) && !in_region(&rg, start, k)) {
                cut_add(&cuts, k);
                start = k;
                i = k;
                continue;
            }
            if (nt.kind == NEXT_END) {
                cut_add(&cuts, k);
                start = k;
                i = k;
                continue;
            }
            if (nt.kind == NEXT_NONE || nt.kind == NEXT_LOWER ||
                (nt.kind == NEXT_PUNCT && !(nother > 0 && text[nt.word] == '-')) ||
                (nother > 0 && aside_dash_at(text, len, nt.at))) {
                i = j;
                continue;
            }
            if (nother > 0 && nell == 0) {
                /* "... stairs!' (Which was true.)" goes on */
                int end = (nt.kind != NEXT_DIGIT || ndots == 0) && text[nt.at] != '(';
                if (text[nt.at] == '(' && double_quote_before(text, k)) {
                    /* an aside between two quotations stands alone:
                     * '"... think!" (Dinah was the cat.) "I hope ...' */
                    size_t pe = region_end_at(&rg, nt.at);
                    struct next_tok after;
                    if (pe) {
                        next_token(text, len, pe, &after);
                        end = after.kind != NEXT_NONE && after.kind != NEXT_END &&
                              (text[after.at] == '"' ||
                               (after.at + 2 < len && (unsigned char)text[after.at] == 0xE2 &&
                                (unsigned char)text[after.at + 1] == 0x80 &&
                                (unsigned char)text[after.at + 2] == 0x9C));
                    }
                }
                if (in_region(&rg, start, k))
                    end = 0;
                if (end) {
                    cut_add(&cuts, k);
                    start = k;
                }
                i = k;
                continue;
            }
            if (nell > 0 || ndots >= 2) {
                int end = 0;
                size_t at = k;
                if (nell > 0 || (!spaced && ndots == 3))
                    end = next_is_starter(text, len, &nt); /* "slowly... And this" */
                else if (spaced && ndots == 3)
                    end = 0;
                else if (!spaced)
                    end = nt.kind == NEXT_UPPER;
                else if (attached && ndots >= 4) {
                    end = nt.kind == NEXT_UPPER;
                    at = first_end;
                } else {
                    end = ndots >= 4 && nt.kind == NEXT_UPPER;
                }
                if (end && in_region(&rg, start, at))
                    end = 0;
                if (end) {
                    cut_add(&cuts, at);
                    start = at;
                }
                i = end ? at : k;
                continue;
            }
            if (period_ends(text, len, start, i, &nt) && !in_region(&rg, start, k)) {
                cut_add(&cuts, k);
                start = k;
            }
            i = k;
            continue;
        }
        i++;
    }
    free(lm);
    free(rg.r);

    /* turn cuts into trimmed spans */
    {
        size_t a = 0, cap = cuts.n + 1;
        spans = xmalloc(xmul(cap, sizeof *spans));
        for (size_t ci = 0; ci <= cuts.n; ci++) {
            size_t b = ci < cuts.n ? cuts.p[ci] : len, s = a, e = b;
            while (s < e) {
                size_t w = space_at(text, len, s);
                if (!w || s + w > e)
                    break;
                s += w;
            }
            while (e > s) {
                /* trim trailing whitespace: ASCII or a multi-byte space ending at e */
                size_t w = 0;
                for (size_t back = 1; back <= 3 && back <= e - s; back++)
                    if (space_at(text, len, e - back) == back) {
                        w = back;
                        break;
                    }
                if (!w)
                    break;
                e -= w;
            }
            if (e > s) {
                spans[nspans].start = s;
                spans[nspans].end = e;
                nspans++;
            }
            a = b;
        }
    }
    free(cuts.p);
    *out = spans;
    return nspans;
}

/* ---------------------------------------------------------------- cleaning */

/* Rewriting rules of the cleaning pass, in the order they run. Each pass
 * reads its input once; the look-ahead of a rule is bounded or stops at the
 * next place where the rule could start again, so the passes are linear. */
#define CLEAN_MAX_TAG 300
#define CLEAN_MAX_ENTITY_TAG 100
#define CLEAN_MAX_INLINE 40

static int clean_starts(const char *t, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i + n <= len && memcmp(t + i, lit, n) == 0;
}

/* End of the span from T[I] that ends with CLOSE within MAX bytes without
 * meeting AGAIN (where the same rule could start over), or 0. */
static size_t clean_span(const char *t, size_t len, size_t i, size_t from, const char *close,
                         const char *again, size_t max)
{
    for (size_t q = from; q < len && q - i < max; q++) {
        if (clean_starts(t, len, q, close))
            return q + strlen(close);
        if (clean_starts(t, len, q, again))
            return 0;
    }
    return 0;
}

/* Pass 1: escaped and CR line breaks, grave-accent quotes, markup, dotted
 * leaders and decorative runs. */
static void clean_chars(const char *t, size_t len, struct buf *o)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        size_t e, r;
        if (c == '\\') {
            /* "\n", "\r" typed as text, also with a stray space ("\ n") */
            size_t j = i + 1 + (i + 1 < len && t[i + 1] == ' ');
            if (j < len && (t[j] == 'n' || t[j] == 'r')) {
                buf_putc(o, '\n');
                i = j + 1;
                continue;
            }
        }
        if (c == '\r') {
            buf_putc(o, '\n');
            i += 1 + (i + 1 < len && t[i + 1] == '\n');
            continue;
        }
        if (c == '`') {
            buf_putc(o, '\'');
            i++;
            continue;
        }
        if (c == '{' && clean_starts(t, len, i, "{b^") &&
            (e = clean_span(t, len, i, i + 3, "b^}", "{b^", CLEAN_MAX_INLINE)) != 0) {
            i = e; /* inline formatting codes */
            continue;
        }
        if (c == '<' && i + 1 < len &&
            (is_alpha((unsigned char)t[i + 1]) || t[i + 1] == '/' || t[i + 1] == '!') &&
            (e = clean_span(t, len, i, i + 1, ">", "<", CLEAN_MAX_TAG)) != 0) {
            i = e; /* an HTML tag */
            continue;
        }
        if (c == '&' && clean_starts(t, len, i, "&lt;") &&
            (e = clean_span(t, len, i, i + 4, "&gt;", "&lt;", CLEAN_MAX_ENTITY_TAG)) != 0) {
            i = e; /* an escaped HTML tag */
            continue;
        }
        for (r = i; r < len && t[r] == t[i]; r++)
            ;
        if (c == '.' && r - i >= 4) {
            size_t q = r;
            while (q < len && t[q] == ' ')
                q++;
            if (q < len && is_digit((unsigned char)t[q])) {
                /* table-of-contents leader and page number: a line break */
                while (q < len && (is_digit((unsigned char)t[q]) || t[q] == '-'))
                    q++;
                buf_putc(o, '\n');
                i = q;
                continue;
            }
            if (r - i >= 5 || (r < len && is_lower((unsigned char)t[r]))) {
                buf_putc(o, ' ');
                i = r;
                continue;
            }
        }
        if (r - i >= 3 && c < 0x80 && strchr("/\\*=#~+_|", c)) {
            buf_putc(o, '\n'); /* a decorative rule */
            i = r;
            continue;
        }
        if (c == '-' && r - i >= 4) {
            buf_putc(o, '\n');
            i = r;
            continue;
        }
        buf_appendn(o, t + i, r - i);
        i = r;
    }
}

/* Trimmed extent of line [A,B). */
static void clean_trim(const char *t, size_t *a, size_t *b)
{
    while (*a < *b && (t[*a] == ' ' || t[*a] == '\t'))
        (*a)++;
    while (*b > *a && (t[*b - 1] == ' ' || t[*b - 1] == '\t'))
        (*b)--;
}

/* A line of one or two capital letters: a word set vertically, one letter or
 * two per line ("W\nA\nRN\nI\nNG"). */
static int clean_vertical(const char *t, size_t a, size_t b)
{
    clean_trim(t, &a, &b);
    if (b - a < 1 || b - a > 2)
        return 0;
    for (size_t i = a; i < b; i++)
        if (!is_upper((unsigned char)t[i]))
            return 0;
    return 1;
}

/* Pass 2: lines. A line without a letter or digit (a leftover rule or
 * symbol) or holding only a page number becomes empty; three or more
 * vertical-text lines in a row become one word. */
static void clean_lines(const char *t, size_t len, struct buf *o)
{
    size_t a = 0;
    while (a <= len) {
        size_t b = a, ta, tb, run = 0, e;
        while (b < len && t[b] != '\n')
            b++;
        /* count a run of vertical-text lines */
        for (e = a;;) {
            size_t f = e;
            while (f < len && t[f] != '\n')
                f++;
            if (!clean_vertical(t, e, f))
                break;
            run++;
            if (f >= len)
                break;
            e = f + 1;
        }
        if (run >= 3) {
            for (size_t k = 0; k < run; k++) {
                size_t f = a, x, y;
                while (f < len && t[f] != '\n')
                    f++;
                x = a;
                y = f;
                clean_trim(t, &x, &y);
                buf_appendn(o, t + x, y - x);
                a = f + 1;
            }
            if (a <= len)
                buf_putc(o, '\n');
            continue;
        }
        ta = a;
        tb = b;
        clean_trim(t, &ta, &tb);
        {
            int alnum = 0, digits = 1;
            for (size_t i = ta; i < tb; i++) {
                unsigned char c = (unsigned char)t[i];
                if (is_alpha(c) || is_digit(c) || c >= 0x80)
                    alnum = 1;
                if (!is_digit(c))
                    digits = 0;
            }
            if (ta < tb && (t[ta] == '.' || t[ta] == '?' || t[ta] == '!'))
                alnum = 1; /* a stop wrapped onto its own line is joined later */
            if (alnum && !(digits && tb - ta <= 4))
                buf_appendn(o, t + a, b - a);
        }
        if (b >= len)
            break;
        buf_putc(o, '\n');
        a = b + 1;
    }
}

/* Pass 3: line breaks and spaces. A break before a stop (".", "?", "!")
 * goes; a break after a space goes when a lower-case word or "(" follows; in
 * PDF text any break after a space goes, and a break before a lower-case
 * letter becomes a space. Every other break is kept and written as a blank
 * line, which sentence_split always honours (upstream, each line break that
 * survives cleaning ends a segment). A gap of three or more spaces becomes
 * one space. */
static void clean_breaks(const char *t, size_t len, int pdf, struct buf *o)
{
    size_t i = 0;
    while (i < len) {
        char c = t[i];
        if (c == '\n') {
            size_t q = i + 1, nl = 1;
            char prev = o->len ? o->p[o->len - 1] : '\n';
            for (;;) {
                while (q < len && (t[q] == ' ' || t[q] == '\t'))
                    q++;
                if (q < len && t[q] == '\n') {
                    nl++;
                    q++;
                } else {
                    break;
                }
            }
            if (q >= len || prev == '\n') {
                buf_putc(o, '\n');
                i = q;
                continue;
            }
            if (nl > 1) {
                buf_appendn(o, "\n\n", 2);
            } else if (t[q] == '.' || t[q] == '?' || t[q] == '!') {
                while (o->len && (o->p[o->len - 1] == ' ' || o->p[o->len - 1] == '\t'))
                    o->p[--o->len] = '\0';
            } else if (prev == ' ' && (is_lower((unsigned char)t[q]) || t[q] == '(')) {
                ; /* the space before the break stays */
            } else if (pdf && prev == ' ') {
                ;
            } else if (pdf && is_lower((unsigned char)t[q])) {
                buf_putc(o, ' ');
            } else {
                buf_appendn(o, "\n\n", 2);
            }
            i = q;
            continue;
        }
        if (c == ' ' || c == '\t') {
            size_t q = i;
            while (q < len && (t[q] == ' ' || t[q] == '\t'))
                q++;
            if (q - i >= 3)
                buf_putc(o, ' '); /* a gap of three or more spaces */
            else
                buf_appendn(o, t + i, q - i);
            i = q;
            continue;
        }
        buf_putc(o, c);
        i++;
    }
}

char *sentence_clean_text(const char *text, size_t len, int pdf, size_t *out_len)
{
    struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
    char *s;
    clean_chars(text, len, &a);
    clean_lines(a.p ? a.p : "", a.len, &b);
    buf_free(&a);
    clean_breaks(b.p ? b.p : "", b.len, pdf, &c);
    buf_free(&b);
    *out_len = c.len;
    s = buf_take(&c);
    return s;
}
