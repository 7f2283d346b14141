/* clean_blocks.c - page text to classified blocks.
 *
 * 1. Lines are split (LF, CRLF, CR); hard-wrapped paragraphs are re-joined
 *    when the page looks wrapped (many lines filled close to one width).
 * 2. Each unit gets features: words, stopwords, sentence punctuation, chrome
 *    lexicon hits, repetition elsewhere on the page, teaser and caption shapes.
 * 3. The main run of prose is the contiguous span of units with the largest
 *    sum of values (prose counts its words, chrome, menus and teasers count
 *    against it), in the spirit of Body Text Extraction (Finn et al.) with
 *    jusText-style block features.
 * 4. Inside the run, units become paragraphs, headings, captions, bylines or
 *    datelines; chrome and repeats are dropped. Before it, the headline is
 *    chosen among the nearby heading-shaped units.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "utf8.h"
#include "xalloc.h"

const char *clean_kind_name(enum clean_kind k)
{
    switch (k) {
    case CK_TITLE:
        return "title";
    case CK_BYLINE:
        return "byline";
    case CK_DATELINE:
        return "dateline";
    case CK_HEADING:
        return "heading";
    case CK_PARAGRAPH:
        return "paragraph";
    case CK_CAPTION:
        return "caption";
    default:
        return "boilerplate";
    }
}

/* ---- lines and units --------------------------------------------------- */

struct line {
    size_t a, b;  /* decoded range without the line break */
    size_t chars; /* visible code points */
    int blank;
};

static int is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF);
}

static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp == UTF8_BAD || utf8_is_space(cp) || utf8_is_invisible(cp))
        return 0;
    if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 ||
        cp == 0xA9 || cp == 0xAE || cp == 0xFFFD || (cp >= 0x2190 && cp <= 0x2BFF))
        return 0;
    return 1;
}

static uint32_t lower_cp(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x410 && cp <= 0x42F))
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

static int is_end_punct(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
           cp == 0x2026 || cp == ':' || cp == ';';
}

static int is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == 0x201D || cp == 0x2019 || cp == 0xBB ||
           cp == 0x300D || cp == 0x300F;
}

/* 1 for the ASCII digits and letters, 0 for every other byte. */
static const unsigned char ascii_alnum[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0x30: 0-9 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40: A-O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x50: P-Z */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60: a-o */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x70: p-z */
};

/* Word, stopword and CJK counts of normalised text T. */
static void unit_features(struct clean_unit *u, const struct clean_lex *lx)
{
    const char *t = u->text;
    size_t n = u->tlen, i = 0, cjk = 0;
    char w[64];
    size_t wl = 0;
    int inword = 0;
    uint32_t last = 0, prev_last = 0;
    u->words = u->stops = u->letters = u->chars = 0;
    while (i <= n) {
        uint32_t cp = 0;
        int wc = 0;
        if (i < n && ascii_alnum[(unsigned char)t[i]]) {
            /* a run of ASCII letters and digits: no decoding, no case table */
            size_t from = i, len, room;
            if (!inword) {
                inword = 1;
                wl = 0;
            }
            while (i < n && ascii_alnum[(unsigned char)t[i]])
                i++;
            len = i - from;
            u->chars += len;
            u->letters += len;
            prev_last = len >= 2 ? (unsigned char)t[i - 2] : last;
            last = (unsigned char)t[i - 1];
            /* the word keeps its first sizeof w - 2 bytes */
            room = sizeof w - 2 - wl;
            if (len > room)
                len = room;
            if (wl + len > lx->stop_maxlen) {
                wl += len; /* too long for a stopword: the bytes do not matter */
                continue;
            }
            for (size_t k = 0; k < len; k++)
                w[wl + k] = (char)(t[from + k] | 32); /* digits have bit 5 set already */
            wl += len;
            continue;
        }
        if (i < n && (unsigned char)t[i] < 0x80) {
            unsigned char c = (unsigned char)t[i++];
            u->chars++;
            if (c != ' ') {
                prev_last = last;
                last = c;
            }
            if (inword) {
                inword = 0;
                u->words++;
                if (clean_lex_is_stop(lx, w, wl))
                    u->stops++;
            }
            continue;
        }
        if (i < n) {
            cp = utf8_next(t, n, &i);
            wc = is_word_cp(cp);
            u->chars++;
            if (cp != ' ') {
                prev_last = last;
                last = cp;
            }
        } else {
            i++;
        }
        if (wc) {
            u->letters++;
            if (is_cjk(cp))
                cjk++;
            if (!inword) {
                inword = 1;
                wl = 0;
            }
            {
                uint32_t lc = lower_cp(cp);
                int wd = utf8_width(lc);
                if (wl + (size_t)wd < sizeof w - 1) {
                    if (wd == 1) {
                        w[wl] = (char)lc;
                    } else if (wd == 2) {
                        w[wl] = (char)(0xC0 | (lc >> 6));
                        w[wl + 1] = (char)(0x80 | (lc & 0x3F));
                    } else if (wd == 3) {
                        w[wl] = (char)(0xE0 | (lc >> 12));
                        w[wl + 1] = (char)(0x80 | ((lc >> 6) & 0x3F));
                        w[wl + 2] = (char)(0x80 | (lc & 0x3F));
                    } else {
                        w[wl] = (char)(0xF0 | (lc >> 18));
                        w[wl + 1] = (char)(0x80 | ((lc >> 12) & 0x3F));
                        w[wl + 2] = (char)(0x80 | ((lc >> 6) & 0x3F));
                        w[wl + 3] = (char)(0x80 | (lc & 0x3F));
                    }
                    wl += (size_t)wd;
                }
            }
        } else if (inword) {
            inword = 0;
            u->words++;
            if (clean_lex_is_stop(lx, w, wl))
                u->stops++;
        }
    }
    if (cjk > 0 && cjk * 2 > u->words)
        u->words += cjk / 2;
    u->end_punct = is_end_punct(last) || (is_closer(last) && is_end_punct(prev_last));
}

/* ---- lexicon matching -------------------------------------------------- */

/* Menus and breadcrumbs written on one line: "Home > News > World",
 * "Home : Media : News", "Terms | Privacy | Contact": two or more
 * separators between short segments. */
static int menu_shape(const struct clean_unit *u)
{
    const char *t = u->text;
    size_t n = u->tlen, seps = 0;
    if (u->end_punct)
        return 0; /* a sentence, whatever its separators */
    for (size_t i = 0; i + 2 < n; i++) {
        if (t[i] != ' ')
            continue;
        if ((t[i + 1] == '>' || t[i + 1] == '|' || t[i + 1] == ':' || t[i + 1] == '/') &&
            t[i + 2] == ' ')
            seps++;
        else if (i + 4 < n && t[i + 4] == ' ' &&
                 (memcmp(t + i + 1, "\xC2\xBB", 2) == 0 || memcmp(t + i + 1, "\xC2\xB7", 2) == 0))
            seps++;
        else if (i + 5 < n && t[i + 4] == ' ' && memcmp(t + i + 1, "\xE2\x80\xA2", 3) == 0)
            seps++;
    }
    return seps >= 2 && u->words <= (seps + 1) * 4 && !u->end_punct;
}

static int chrome_match(const struct clean_unit *u, const struct clean_lex *lx)
{
    if (clean_phrases_is(&lx->chrome, u->fold, u->flen))
        return 1;
    if (u->words <= 25 && clean_phrases_in(&lx->chrome_sub, u->fold, u->flen))
        return 1;
    return menu_shape(u);
}

static int break_match(const struct clean_unit *u, const struct clean_lex *lx)
{
    const char *f;
    int hit = 0;
    if (u->words <= 16 && u->tlen > 6 &&
        (memcmp(u->text + u->tlen - 5, "said:", 5) == 0 ||
         memcmp(u->text + u->tlen - 5, "says:", 5) == 0)) {
        char date[11];
        if (clean_parse_date(u->text, u->tlen, date))
            return 2;
    }
    if (u->words > 6 || u->end_punct)
        return 0;
    f = u->fold;
    /* "12 comments", "[ 167 comments ]": a count before the opener */
    {
        size_t k = 0;
        while (f[k] == '[' || f[k] == ' ' || (f[k] >= '0' && f[k] <= '9'))
            k++;
        if (f[k])
            f += k;
    }
    {
        size_t fl = u->flen - (size_t)(f - u->fold), k = 0;
        while ((k = clean_phrases_at(&lx->breaks, f, fl, 0, k)) < lx->breaks.n) {
            unsigned char c = (unsigned char)f[lx->breaks.len[k]];
            if (!(c >= 'a' && c <= 'z')) {
                hit = lx->breaks.flag[k] ? 2 : 1;
                if (hit == 2)
                    break;
            }
            k++;
        }
    }
    return hit;
}

/* Bytes of a dash at T (N bytes left): "--", "-", en, em or horizontal bar;
 * 0 when there is none. */
static size_t dash_at(const char *t, size_t n)
{
    if (n >= 2 && t[0] == '-' && t[1] == '-')
        return 2;
    if (n >= 1 && t[0] == '-')
        return 1;
    if (n >= 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
        (unsigned char)t[2] >= 0x93 && (unsigned char)t[2] <= 0x95)
        return 3;
    return 0;
}

/* A wire-report dateline opening the lead paragraph: an upper-case place,
 * optionally a region or date after a comma, the agency in brackets, then a
 * dash and the story: "WASHINGTON, Jan. 10 (Yonhap) -- ...", "ST. JOSEPH,
 * Mich. (AP) — ...", "TOKYO (Reuters) - ...". */
static int wire_lead_shape(const struct clean_unit *u)
{
    const char *t = u->text;
    size_t n = u->tlen, i = 0, caps = 0, k, dl;
    if (u->words < 6 || n < 12)
        return 0;
    /* the place: capitals, spaces, dots, hyphens, apostrophes, non-ASCII */
    while (i < n && i < 40) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 'A' && c <= 'Z')
            caps++;
        else if (c >= 0x80) {
            if (c == 0xE2 && dash_at(t + i, n - i))
                break;
        } else if (!(c == ' ' || c == '.' || c == '-' || c == '\''))
            break;
        if (c == '-' && dash_at(t + i, n - i) && i > 0 && t[i - 1] == ' ')
            break;
        i++;
    }
    if (caps < 2 || i == 0 || !(t[0] >= 'A' && t[0] <= 'Z'))
        return 0;
    /* a region or date after a comma ("Mich.", "Jan. 10", "May 3, 2025") */
    if (i < n && t[i] == ',') {
        k = i + 1;
        while (k < n && k < i + 40 && t[k] != '(' && t[k] != ')' && t[k] != '[')
            k++;
        i = k;
    }
    while (i < n && t[i] == ' ')
        i++;
    /* the agency */
    if (i >= n || (t[i] != '(' && t[i] != '['))
        return 0;
    k = i + 1;
    if (k >= n || !(t[k] >= 'A' && t[k] <= 'Z'))
        return 0;
    while (k < n && k < i + 40 && t[k] != ')' && t[k] != ']' && t[k] != '(')
        k++;
    if (k >= n || (t[k] != ')' && t[k] != ']'))
        return 0;
    i = k + 1;
    while (i < n && t[i] == ' ')
        i++;
    dl = dash_at(t + i, n - i);
    if (!dl)
        return 0;
    i += dl;
    return i < n && t[i] == ' ';
}

static int caption_shape_raw(const struct clean_unit *u, const struct clean_lex *lx)
{
    const char *t = u->text;
    size_t n = u->tlen;
    const char *f;
    int hit = 0;
    if (n < 2)
        return 0;
    /* slideshow captions: "1 of 4 ...", "2of4 ..." */
    {
        size_t k = 0, d1 = 0, d2 = 0;
        while (k < n && t[k] >= '0' && t[k] <= '9')
            k++, d1++;
        if (d1 && k < n && t[k] == ' ')
            k++;
        if (d1 && k + 1 < n && t[k] == 'o' && t[k + 1] == 'f') {
            k += 2;
            if (k < n && t[k] == ' ')
                k++;
            while (k < n && t[k] >= '0' && t[k] <= '9')
                k++, d2++;
            if (d2)
                return 1;
        }
    }
    /* "... [DEFENSE MINISTRY]": a closing bracket holding capitals only */
    if (t[n - 1] == ']') {
        size_t k = n - 1, caps = 0, lower = 0;
        while (k > 0 && t[k - 1] != '[') {
            unsigned char c = (unsigned char)t[--k];
            if (c >= 'A' && c <= 'Z')
                caps++;
            else if (c >= 'a' && c <= 'z')
                lower++;
        }
        if (k > 0 && caps >= 2 && lower == 0)
            return 1;
    }
    /* a marker counts at the very start, or inside the last parenthesis or
     * bracket when that one is still open or closes the line */
    f = u->fold;
    if (u->wire)
        return 0;
    if (clean_phrases_at(&lx->caption, f, u->flen, 0, 0) < lx->caption.n)
        return 1;
    /* a credit as the last short sentence: "... in 2021. Credit: ESA" */
    {
        size_t k = u->flen, sp = 0;
        while (k > 1 && !(f[k - 1] == ' ' && (f[k - 2] == '.' || f[k - 2] == ')')) && sp <= 6)
            sp += f[--k] == ' ';
        if (k > 1 && sp <= 6 && clean_phrases_at(&lx->caption, f, u->flen, k, 0) < lx->caption.n)
            return 1;
    }
    if (!memchr(f, '(', u->flen) && !memchr(f, '[', u->flen))
        return 0;
    {
        size_t k = u->flen, e;
        while (k > 0 && f[k - 1] != '(' && f[k - 1] != '[')
            k--;
        if (k == 0)
            return 0;
        /* the bracket must still be open at the end or close the line: a
         * credit inside a sentence ("the official told (AFP) ...") is prose */
        for (e = k; e < u->flen && f[e] != ')' && f[e] != ']'; e++)
            ;
        if (e < u->flen) {
            size_t r = e + 1;
            while (r < u->flen && (f[r] == ' ' || f[r] == '.' || f[r] == ',' || f[r] == ';'))
                r++;
            if (r < u->flen)
                return 0;
        }
        hit = clean_phrases_in(&lx->caption, f + k - 1, u->flen - (k - 1));
    }
    return hit;
}

/* Cached: computed once per unit in clean_blocks. */
static int caption_shape(const struct clean_unit *u, const struct clean_lex *lx)
{
    (void)lx;
    return u->caption;
}

static int byline_shape(const struct clean_unit *u)
{
    const char *t = u->text;
    if (u->words > 10 || u->words < 2)
        return 0;
    return strncmp(t, "By ", 3) == 0 || strncmp(t, "by ", 3) == 0 || strncmp(t, "BY ", 3) == 0 ||
           strncmp(t, "Written by ", 11) == 0 || strncmp(t, "Reporter ", 9) == 0 ||
           strncmp(t, "Von ", 4) == 0 || strncmp(t, "Por ", 4) == 0;
}

static int teaser_shape_raw(const struct clean_unit *u)
{
    const char *t = u->text;
    size_t n = u->tlen;
    char date[11];
    if (u->wire)
        return 0;
    /* truncated teasers are short; a long paragraph cut by a paywall is not one */
    if (n >= 3 && u->words <= 35 &&
        (memcmp(t + n - 3, "...", 3) == 0 || memcmp(t + n - 3, "\xE2\x80\xA6", 3) == 0))
        return 1;
    /* "May 24, 2024 - Text": a dated teaser */
    if (n > 20) {
        const char *dash = strstr(t, " - ");
        if (dash && dash - t <= 24 && clean_parse_date(t, (size_t)(dash - t), date))
            return 1;
    }
    return 0;
}

static int teaser_shape(const struct clean_unit *u)
{
    return u->teaser;
}

/* ---- repetition -------------------------------------------------------- */

/* Hash of S (N bytes), eight bytes per step; only places units in the
 * repeat table (equal texts are compared in full). */
static uint64_t hash_text(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
    }
    for (; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 32);
}

struct hent {
    uint32_t tag; /* high hash bits | 1; 0 marks an empty slot */
    int32_t first;
};

/* Mark dup_of / dup_later and count each text's occurrences (COUNTS) with an
 * open-addressing table (linear time). */
static void mark_repeats(struct clean_page *pg, int *counts)
{
    size_t cap = 16;
    unsigned bits = 4;
    struct hent *tab;
    while (cap < pg->n * 2 + 2)
        cap *= 2, bits++;
    tab = xcalloc(cap, sizeof *tab);
    for (size_t i = 0; i < pg->n; i++)
        counts[i] = 0;
    for (size_t i = 0; i < pg->n; i++) {
        struct clean_unit *u = &pg->u[i];
        uint64_t h = hash_text(u->text, u->tlen);
        size_t k = (size_t)(h >> (64 - bits));
        uint32_t tag = (uint32_t)h | 1u;
        u->dup_of = -1;
        while (tab[k].tag && !(tab[k].tag == tag && pg->u[tab[k].first].tlen == u->tlen &&
                               memcmp(pg->u[tab[k].first].text, u->text, u->tlen) == 0))
            k = (k + 1) & (cap - 1);
        if (tab[k].tag) {
            u->dup_of = tab[k].first;
            pg->u[tab[k].first].dup_later = 1;
        } else {
            tab[k].tag = tag;
            tab[k].first = (int32_t)i;
        }
        counts[u->dup_of >= 0 ? (size_t)u->dup_of : i]++;
    }
    for (size_t i = 0; i < pg->n; i++)
        if (pg->u[i].dup_of >= 0)
            counts[i] = counts[pg->u[i].dup_of];
    free(tab);
}

/* ---- splitting --------------------------------------------------------- */

/* utf8_fold of normalised text T (N bytes: single spaces, no invisible
 * characters, trimmed) into OUT (N + 1 bytes), then trailing separators cut
 * so "Share:" and "Home >" match their lexicon entries. Returns the length. */
static size_t fold_text(const char *t, size_t n, char *out)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, t + i, 8), (w & high) == 0)) {
            /* eight ASCII bytes: a byte B gets bit 7 from B + (0x80 - 'A')
             * when B >= 'A' and from B + (0x80 - 'Z' - 1) when B > 'Z' (no
             * carries below 0x80); 'A'..'Z' get 0x20 added */
            uint64_t upper = (w + ones * (0x80 - 'A')) & ~(w + ones * (0x80 - 'Z' - 1)) & high;
            w |= upper >> 2;
            memcpy(out + o, &w, 8);
            i += 8;
            o += 8;
            continue;
        }
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
            unsigned char c2 = (unsigned char)t[i + 2];
            char r = 0;
            if ((c2 >= 0x98 && c2 <= 0x9B) || c2 == 0xB2)
                r = '\'';
            else if ((c2 >= 0x9C && c2 <= 0x9F) || c2 == 0xB3)
                r = '"';
            else if (c2 >= 0x90 && c2 <= 0x95)
                r = '-';
            if (r) {
                out[o++] = r;
                i += 3;
                continue;
            }
        }
        out[o++] = (char)c;
        i++;
    }
    while (o > 0 && strchr(" .:|>-", out[o - 1]))
        o--;
    out[o] = '\0';
    return o;
}

/* Append the unit of decoded bytes [A,B) when it holds any text. Its text
 * goes to ARENA, whose capacity the caller reserved up front (it never
 * moves); the units keep arena offsets until clean_blocks turns them into
 * pointers. */
static void add_unit(struct clean_page *pg, const struct clean_decoded *d, struct buf *arena,
                     size_t a, size_t b, int blank_before)
{
    struct clean_unit *u;
    size_t t0 = arena->len, s0 = 0, s1 = 0;
    clean_norm(d, a, b, arena, NULL, &s0, &s1);
    if (arena->len == t0)
        return;
    if (pg->n == pg->cap) {
        pg->cap = pg->cap ? pg->cap * 2 : 64;
        pg->u = xrealloc(pg->u, xmul(pg->cap, sizeof *pg->u));
    }
    u = &pg->u[pg->n++];
    memset(u, 0, sizeof *u);
    u->a = a;
    u->b = b;
    u->s0 = s0;
    u->s1 = s1;
    u->tlen = arena->len - t0;
    arena->len++;                    /* keep the NUL clean_norm left */
    u->text = (char *)(uintptr_t)t0; /* an offset until the arena is complete */
    u->blank_before = blank_before;
    u->dup_of = -1;
}

/* Visible code points of decoded bytes [A,B) (for wrap detection) and whether
 * the line holds only whitespace and invisible characters. */
static int line_blank(const struct clean_decoded *d, size_t a, size_t b, size_t *chars)
{
    const unsigned char *t = (const unsigned char *)d->text;
    size_t i, n = 0;
    int graphic = 0;
    for (i = a; i < b && !graphic; i++) {
        n += (t[i] & 0xC0) != 0x80;
        graphic = t[i] > 0x20 && t[i] < 0x7F;
    }
    /* the rest only counts code points (bytes other than 10xxxxxx), eight
     * ASCII bytes at a time */
    while (i < b) {
        uint64_t w;
        if (i + 8 <= b && (memcpy(&w, t + i, 8), (w & 0x8080808080808080ull) == 0)) {
            n += 8;
            i += 8;
            continue;
        }
        n += (t[i] & 0xC0) != 0x80;
        i++;
    }
    *chars = n;
    if (graphic)
        return 0;
    for (i = a; i < b;) {
        uint32_t cp = utf8_next(d->text, b, &i);
        if (!utf8_is_space(cp) && !utf8_is_invisible(cp) && cp >= 0x20)
            return 0;
    }
    return 1;
}

static struct line *split_lines(const struct clean_decoded *d, size_t *nl)
{
    size_t cap = 64, n = 0, i = 0;
    struct line *L = xmalloc(xmul(cap, sizeof *L));
    while (i < d->len) {
        size_t j = i;
        const char *nlp = memchr(d->text + i, '\n', d->len - i);
        const char *crp = memchr(d->text + i, '\r', (nlp ? (size_t)(nlp - d->text) : d->len) - i);
        size_t next;
        j = crp ? (size_t)(crp - d->text) : nlp ? (size_t)(nlp - d->text) : d->len;
        next = j;
        if (next < d->len) {
            if (d->text[next] == '\r' && next + 1 < d->len && d->text[next + 1] == '\n')
                next += 2;
            else
                next += 1;
        }
        if (n == cap) {
            cap *= 2;
            L = xrealloc(L, xmul(cap, sizeof *L));
        }
        L[n].a = i;
        L[n].b = j;
        L[n].blank = line_blank(d, i, j, &L[n].chars);
        n++;
        i = next;
    }
    *nl = n;
    return L;
}

/* A page is hard-wrapped at width W (<= 100 columns) when at least three
 * lines, and half of the lines longer than W/2, end within 15 columns of the
 * longest line. Returns W, or 0 when the page is not wrapped. */
static size_t wrap_width(const struct line *L, size_t n)
{
    size_t w = 0, longish = 0, near = 0;
    for (size_t i = 0; i < n; i++) {
        if (L[i].blank)
            continue;
        if (L[i].chars > 100)
            return 0;
        if (L[i].chars > w)
            w = L[i].chars;
    }
    if (w < 40)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (L[i].blank || L[i].chars * 2 < w)
            continue;
        longish++;
        if (L[i].chars + 15 >= w)
            near++;
    }
    return near >= 3 && near * 2 >= longish ? w : 0;
}

/* Line J was wrapped when the next line's first word would not have fit on
 * it (greedy filling at width W). */
static int wrapped_into(const struct clean_decoded *d, const struct line *L, size_t j, size_t W)
{
    size_t i = L[j + 1].a, fw = 0;
    while (i < L[j + 1].b && (d->text[i] == ' ' || d->text[i] == '\t'))
        i++;
    while (i < L[j + 1].b && d->text[i] != ' ' && d->text[i] != '\t') {
        uint32_t cp = utf8_next(d->text, L[j + 1].b, &i);
        (void)cp;
        fw++;
    }
    /* a little slack: byte-counting wrappers (fold) make lines with
     * multi-byte characters look shorter */
    return L[j].chars * 2 >= W && L[j].chars + 1 + fw + 4 > W;
}

/* ---- classification ---------------------------------------------------- */

static int prose(const struct clean_unit *u);

/* A time of day at T[I]: "6:12", "09:40", "6:12am", "6.12 pm" (H:MM). */
static int time_at(const char *t, size_t n, size_t i)
{
    size_t k = i;
    if (i > 0 && isalnum((unsigned char)t[i - 1]))
        return 0;
    while (k < n && k - i < 2 && isdigit((unsigned char)t[k]))
        k++;
    if (k == i || k + 2 >= n || t[k] != ':' || !isdigit((unsigned char)t[k + 1]) ||
        !isdigit((unsigned char)t[k + 2]))
        return 0;
    return k + 3 == n || !isdigit((unsigned char)t[k + 3]);
}

/* A byline/timestamp line: it holds a date and either opens with a dateline
 * label ("Posted", "Updated", "Published", "Last modified") or names a time
 * of day ("... 7 Aug 2024 at 6:12am"). Never a headline, however long. */
static int timestamp_shape(const struct clean_unit *u)
{
    static const char *const labels[] = {"posted",          "updated",       "published",
                                         "last updated",    "last modified", "modified",
                                         "first published", "date:",         "created"};
    char date[11];
    const char *f = u->fold;
    if (u->words > 30 || !clean_parse_date(u->text, u->tlen, date))
        return 0; /* (so F is kept: 30 <= CLEAN_FOLD_WORDS) */
    if (u->words <= 8)
        return 1;
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t l = strlen(labels[k]);
        if (u->flen >= l && memcmp(f, labels[k], l) == 0 &&
            (u->flen == l || !isalnum((unsigned char)f[l])))
            return 1;
    }
    for (size_t i = 0; i + 3 < u->tlen; i++)
        if (isdigit((unsigned char)u->text[i]) && time_at(u->text, u->tlen, i))
            return 1;
    return 0;
}

/* A headline: 3 to 40 words, no closing period, not chrome, not a dateline
 * or timestamp, byline or caption. */
static int title_shape(const struct clean_unit *u, const struct clean_lex *lx)
{
    if (u->chrome || u->brk || u->words < 3 || u->words > 40)
        return 0;
    if (u->tlen && u->text[u->tlen - 1] == '.')
        return 0;
    if (timestamp_shape(u))
        return 0;
    if (byline_shape(u) || caption_shape(u, lx) || teaser_shape(u))
        return 0;
    return !(prose(u) && u->words > 25);
}

/* Value of a prose unit is its word count less LINE_COST: a run of short
 * sentences (teasers, comments) earns little, long paragraphs much. */
#define LINE_COST 8.0
/* A section opener (comments, related stories) the main run never crosses. */
#define BREAK_COST 20.0
/* Value of prose repeated elsewhere on the page. */
#define REPEAT_COST 2.0
/* A run of short lines is a link list when 1 in MENU_SHARE is chrome or repeated. */
#define MENU_SHARE 5
/* Prose after a comments opener keeps this share of its value. */
#define AFTER_COMMENTS 0.2
/* Share of a prose unit's value when it lacks closing punctuation. */
#define NO_PUNCT 0.5

static int prose(const struct clean_unit *u)
{
    double dens = u->words ? (double)u->stops / (double)u->words : 0;
    if (u->words >= 12 && (u->end_punct || dens >= 0.2))
        return 1;
    if (u->words >= 7 && u->end_punct && (dens >= 0.15 || u->stops == 0))
        return 1;
    return 0;
}

void clean_blocks(const struct clean_decoded *d, const struct clean_lex *lx, struct clean_page *pg)
{
    size_t nl, W, i;
    struct line *L = split_lines(d, &nl);
    double *val, best = 0, run = 0;
    int *counts, *teaser_group;
    size_t bl = 0, br = 0, cur_l = 0;
    int have = 0, after_comments = 0, head_at = -1;
    char date_buf[11];
    double mass = 0, page_dens;
    size_t all_words = 0, all_stops = 0;
    struct buf arena = BUF_INIT, scratch = BUF_INIT;
    memset(pg, 0, sizeof *pg);
    pg->title = -1;
    W = wrap_width(L, nl);
    {
        int blank = 1;
        size_t lines = 0;
        /* each unit takes at most its bytes twice (text, fold) and two NULs */
        buf_grow(&arena, xmul(d->len + nl + 8, 2));
        /* at most one unit per non-blank line: reserved once, never moved
         * (the pages of the reserve that stay unused are never touched) */
        for (i = 0; i < nl; i++)
            lines += !L[i].blank;
        if (lines) {
            pg->cap = lines;
            pg->u = xmalloc(xmul(lines, sizeof *pg->u));
        }
        for (i = 0; i < nl;) {
            size_t j = i;
            if (L[i].blank) {
                blank = 1;
                i++;
                continue;
            }
            if (W)
                while (j + 1 < nl && !L[j + 1].blank && wrapped_into(d, L, j, W))
                    j++;
            add_unit(pg, d, &arena, L[i].a, L[j].b, blank);
            blank = 0;
            i = j + 1;
        }
        pg->arena = arena.p;
        for (i = 0; i < pg->n; i++)
            pg->u[i].text = pg->arena + (size_t)(uintptr_t)pg->u[i].text;
    }
    free(L);
    if (pg->n == 0)
        return;
    counts = xcalloc(pg->n, sizeof *counts);
    teaser_group = xcalloc(pg->n, sizeof *teaser_group);
    val = xcalloc(pg->n, sizeof *val);
    mark_repeats(pg, counts);
    for (i = 0; i < pg->n; i++) {
        struct clean_unit *u = &pg->u[i];
        unit_features(u, lx);
        /* the fold is kept in the arena (it stays in place: its reserve
         * holds every text and fold) for the units that are matched again
         * later; a longer unit's fold serves the matching below only */
        if (u->words <= CLEAN_FOLD_WORDS) {
            u->fold = arena.p + arena.len;
            u->flen = fold_text(u->text, u->tlen, u->fold);
            arena.len += u->flen + 1;
        } else {
            buf_grow(&scratch, u->tlen + 1);
            u->fold = scratch.p;
            u->flen = fold_text(u->text, u->tlen, u->fold);
        }
        u->chrome = chrome_match(u, lx);
        u->brk = break_match(u, lx);
        u->wire = wire_lead_shape(u);
        u->caption = caption_shape_raw(u, lx);
        u->teaser = teaser_shape_raw(u);
        if (u->words > CLEAN_FOLD_WORDS) {
            u->fold = NULL;
            u->flen = 0;
        }
    }
    buf_free(&scratch);
    for (i = 0; i < pg->n; i++) {
        all_words += pg->u[i].words;
        all_stops += pg->u[i].stops;
    }
    page_dens = all_words ? (double)all_stops / (double)all_words : 0;
    /* blank-separated groups holding a teaser are cards of a story list */
    for (i = 0; i < pg->n;) {
        size_t j = i + 1, k;
        int t = teaser_shape(&pg->u[i]);
        while (j < pg->n && !pg->u[j].blank_before) {
            t |= teaser_shape(&pg->u[j]);
            j++;
        }
        for (k = i; k < j; k++)
            teaser_group[k] = t && (j - i > 1 || teaser_shape(&pg->u[k]));
        i = j;
    }
    for (i = 0; i < pg->n; i++) {
        struct clean_unit *u = &pg->u[i];
        double v;
        if (u->brk)
            v = -BREAK_COST;
        else if (u->chrome)
            v = -8;
        else if (teaser_group[i])
            v = -8;
        else if (prose(u)) {
            double f = 1.0;
            if (page_dens >= 0.1) {
                f = ((double)u->stops / (double)u->words) / 0.3;
                f = f < 0.2 ? 0.2 : f > 1.0 ? 1.0 : f;
            }
            if (!u->end_punct)
                f *= NO_PUNCT;
            v = (double)u->words * f - LINE_COST;
        } else if (caption_shape(u, lx))
            v = -2;
        else if (u->words <= 4)
            v = -4;
        else
            v = u->end_punct ? -1 : -4;
        if (counts[i] > 2 && !prose(u))
            v -= 4;
        /* prose shown again elsewhere on the page (not as the adjacent copy a
         * photo caption gets) is a teaser of a story list or carousel */
        if (counts[i] >= 2 && prose(u) && v > 0 &&
            !(i + 1 < pg->n && pg->u[i + 1].dup_of == (int)i) &&
            !(u->dup_of >= 0 && (size_t)u->dup_of + 1 == i))
            v = -REPEAT_COST;
        if (after_comments && v > 0)
            v *= AFTER_COMMENTS;
        if (v > 0)
            mass += v;
        if (u->brk == 2 && mass >= 40)
            after_comments = 1;
        val[i] = v;
    }
    /* maximum-sum span */
    for (i = 0; i < pg->n; i++) {
        if (run <= 0) {
            run = 0;
            cur_l = i;
        }
        run += val[i];
        if (run > best) {
            best = run;
            bl = cur_l;
            br = i + 1;
            have = 1;
        }
    }
    /* the article starts at its headline: when the run opens with a little
     * weak prose (site notices) followed by chrome or a dateline and a
     * headline-shaped unit, the run starts at that headline */
    if (have) {
        double pre = 0;
        int chrome_seen = 0;
        for (i = bl; i < br && i < bl + 10; i++) {
            struct clean_unit *u = &pg->u[i];
            char date[11];
            if (u->chrome || (u->words <= 8 && clean_parse_date(u->text, u->tlen, date)) ||
                timestamp_shape(u)) {
                chrome_seen = 1;
                continue;
            }
            if (prose(u)) {
                if (val[i] >= 20)
                    break;
                pre += val[i] > 0 ? val[i] : 0;
                if (pre >= 40)
                    break;
                continue;
            }
            if (chrome_seen && pre > 0 && title_shape(u, lx) && i + 1 < br) {
                bl = i;
                head_at = (int)i;
                break;
            }
        }
    }
    /* kinds */
    for (i = 0; i < pg->n; i++) {
        struct clean_unit *u = &pg->u[i];
        u->kind = CK_BOILERPLATE;
        u->score = val[i];
    }
    if (have) {
        for (i = bl; i < br; i++) {
            struct clean_unit *u = &pg->u[i];
            if (u->chrome || u->brk || teaser_group[i])
                continue;
            if (u->dup_of >= 0 && pg->u[u->dup_of].kind != CK_BOILERPLATE)
                continue;
            if (u->wire)
                u->kind = CK_PARAGRAPH;
            else if (caption_shape(u, lx) || (u->dup_later && i + 1 < pg->n &&
                                              pg->u[i + 1].dup_of == (int)i && u->words >= 8))
                u->kind = CK_CAPTION;
            else if (byline_shape(u))
                u->kind = CK_BYLINE;
            else if (u->words <= 20 && !u->end_punct &&
                     clean_parse_date(u->text, u->tlen, date_buf))
                u->kind = CK_DATELINE;
            else if (u->words <= 14 && !prose(u)) {
                char date[11];
                if (clean_parse_date(u->text, u->tlen, date))
                    u->kind = CK_DATELINE;
                else if (u->words <= 12 && !u->end_punct)
                    u->kind = CK_HEADING;
                else
                    u->kind = CK_PARAGRAPH;
            } else
                u->kind = CK_PARAGRAPH;
        }
        /* after a section opener inside the run, drop the list it opens up to
         * the next substantial paragraph; runs of three or more short
         * non-prose lines are link lists when chrome or repeated lines make
         * up a good share of them */
        {
            int skipping = 0;
            for (i = bl; i < br; i++) {
                struct clean_unit *u = &pg->u[i];
                if (u->brk) {
                    skipping = 1;
                    continue;
                }
                /* a summary glued under a card's author or date line (no
                 * blank line before it) is still the list; glued under the
                 * opener itself ("About the company"), it is text */
                if (skipping && prose(u) && u->end_punct && !teaser_group[i] &&
                    (u->blank_before || prose(&pg->u[i - 1]) || pg->u[i - 1].brk))
                    skipping = 0;
                if (skipping)
                    u->kind = CK_BOILERPLATE;
            }
            for (i = bl; i < br;) {
                size_t j = i;
                while (j < br && !prose(&pg->u[j]) && pg->u[j].kind != CK_CAPTION)
                    j++;
                if (j - i >= 3) {
                    size_t bad = 0;
                    for (size_t k = i; k < j; k++)
                        bad += pg->u[k].chrome || pg->u[k].dup_of >= 0 || pg->u[k].teaser ||
                               pg->u[k].dup_later;
                    if (bad * MENU_SHARE >= j - i)
                        for (size_t k = i; k < j; k++)
                            pg->u[k].kind = CK_BOILERPLATE;
                }
                i = j + 1;
            }
        }
        /* a short label line right before a caption belongs to it, and so
         * does a line the caption repeats (an image's alt text) */
        for (i = bl; i + 1 < br; i++) {
            struct clean_unit *u = &pg->u[i], *c = &pg->u[i + 1];
            if (c->kind != CK_CAPTION || c->blank_before || u->kind == CK_BOILERPLATE)
                continue;
            if (u->kind == CK_HEADING ||
                (c->tlen > u->tlen && memcmp(c->text, u->text, u->tlen) == 0))
                u->kind = CK_CAPTION;
        }
        /* headings do not end the run */
        while (br > bl && pg->u[br - 1].kind != CK_PARAGRAPH) {
            if (pg->u[br - 1].kind == CK_HEADING)
                pg->u[br - 1].kind = CK_BOILERPLATE;
            br--;
        }
        /* the headline: nearest heading-shaped unit before the run */
        {
            size_t seen = 0;
            for (size_t k = bl; k-- > 0 && seen < 12;) {
                struct clean_unit *u = &pg->u[k];
                seen++;
                if (head_at >= 0)
                    break;
                if (teaser_group[k] || !title_shape(u, lx))
                    continue;
                pg->title = (int)(u->dup_of >= 0 ? u->dup_of : (int)k);
                break;
            }
            if (head_at >= 0 || (pg->title < 0 && pg->u[bl].kind == CK_HEADING))
                pg->title = (int)bl;
            if (pg->title >= 0)
                pg->u[pg->title].kind = CK_TITLE;
        }
        /* bylines and datelines between the title and the run */
        if (pg->title >= 0) {
            for (i = (size_t)pg->title + 1; i < bl; i++) {
                struct clean_unit *u = &pg->u[i];
                char date[11];
                if (u->dup_of >= 0 || u->chrome)
                    continue;
                if (byline_shape(u))
                    u->kind = CK_BYLINE;
                else if ((u->words <= 14 && clean_parse_date(u->text, u->tlen, date)) ||
                         timestamp_shape(u))
                    u->kind = CK_DATELINE;
                else if (caption_shape(u, lx))
                    u->kind = CK_CAPTION;
            }
        }
    }
    for (i = 0; i < pg->n; i++)
        if (pg->u[i].kind == CK_BOILERPLATE) {
            pg->dropped_blocks++;
            pg->dropped_bytes += pg->u[i].tlen;
        }
    free(val);
    free(counts);
    free(teaser_group);
}

void clean_page_free(struct clean_page *pg)
{
    if (!pg)
        return;
    free(pg->arena);
    free(pg->u);
    memset(pg, 0, sizeof *pg);
}
