/* acronym.c - "Long Form (ACR)" definitions.
 *
 * For each parenthesis whose content looks like a short form (2-10 ASCII
 * characters, at most two words, a letter, first character alphanumeric,
 * not a lower-case word), the words before it (at most min(|SF|+5, 2|SF|),
 * stopping at a sentence or clause end) are the long-form candidate. Two
 * aligners run over it, skipping parenthesised groups such as an inner
 * "(OPCON)":
 *   1. initials: every SF letter is the first letter of a word or of a
 *      hyphen/period part of one, digit runs match a digit part; function
 *      words and at most one other word may go unmatched;
 *   2. Schwartz & Hearst (2003): SF characters matched right to left in the
 *      candidate, the first one at the start of a word; the shortest match.
 * The long form runs from the word matched by the first SF character to the
 * last word before the parenthesis. */
#include "acronym.h"

#include <string.h>

#include "xalloc.h"

#define ACRO_MAX_SF 10
#define ACRO_MAX_WINDOW 400 /* bytes of long-form candidate looked at */
#define ACRO_MAX_TOKENS 32

static int acro_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static int acro_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
static int acro_alnum(unsigned char c)
{
    return acro_alpha(c) || acro_digit(c);
}
static int acro_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static unsigned char acro_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* Words that may stand unmatched inside a long form. */
static int acro_function_word(const char *w, size_t n)
{
    static const char *const fw[] = {"of", "for",  "the", "and", "on",   "in", "to", "a",
                                     "an", "with", "by",  "at",  "from", "&",  "or"};
    for (size_t i = 0; i < sizeof fw / sizeof fw[0]; i++) {
        size_t k = strlen(fw[i]);
        if (k == n) {
            size_t j = 0;
            while (j < n && acro_lower((unsigned char)w[j]) == (unsigned char)fw[i][j])
                j++;
            if (j == n)
                return 1;
        }
    }
    return 0;
}

/* The value of a number word ("two", "second") that a digit of a short form
 * stands for ("two-dimensional (2D)"), or -1. */
static int acro_number_word(const char *w, size_t n)
{
    static const char *const card[] = {"zero", "one", "two",   "three", "four",
                                       "five", "six", "seven", "eight", "nine"};
    static const char *const ord[] = {"",      "first", "second",  "third",  "fourth",
                                      "fifth", "sixth", "seventh", "eighth", "ninth"};
    for (int v = 0; v < 10; v++) {
        const char *const cand[2] = {card[v], ord[v]};
        for (int k = 0; k < 2; k++) {
            size_t j = 0, cl = strlen(cand[k]);
            if (cl != n || cl == 0)
                continue;
            while (j < n && acro_lower((unsigned char)w[j]) == (unsigned char)cand[k][j])
                j++;
            if (j == n)
                return v;
        }
    }
    return -1;
}

/* ------------------------------------------------------------ short form */

/* Check the short form T[A,B) (already trimmed). */
static int acro_sf_ok(const char *t, size_t a, size_t b)
{
    size_t n = b - a, letters = 0, upper = 0, digits = 0, words = 1;
    if (n < 2 || n > ACRO_MAX_SF || !acro_alnum((unsigned char)t[a]))
        return 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x80 || c < 0x20)
            return 0;
        if (acro_alpha(c)) {
            letters++;
            if (c < 'a')
                upper++;
        } else if (acro_digit(c)) {
            digits++;
        } else if (c == ' ') {
            words++;
        } else if (!strchr("-&/.'+", c)) {
            return 0;
        }
    }
    if (letters == 0 || words > 2)
        return 0;
    /* "(e.g. ...)", "(i.e. ...)", "(that is ...)" introduce no short form */
    if (n >= 3 && (memcmp(t + a, "e.g", 3) == 0 || memcmp(t + a, "i.e", 3) == 0))
        return 0;
    /* a lower-case word such as "(left)" or "(photo)" is not a short form */
    if (upper == 0 && digits == 0 && words == 1 && letters >= 4)
        return 0;
    return 1;
}

/* ------------------------------------------------------- long-form window */

struct acro_tok {
    size_t s, e; /* bytes of a whitespace-delimited token */
    int group;   /* a parenthesised group, e.g. "(OPCON)": matches nothing */
};

/* Collect up to MAXW tokens before position P (the '('), nearest last.
 * Returns the count; tokens are stored in text order in TOK. */
static size_t acro_window(const char *t, size_t p, size_t maxw, struct acro_tok *tok)
{
    struct acro_tok rev[ACRO_MAX_TOKENS];
    size_t n = 0, i = p, floor = p > ACRO_MAX_WINDOW ? p - ACRO_MAX_WINDOW : 0;
    size_t words = 0;

    while (i > floor && n < ACRO_MAX_TOKENS) {
        size_t e, s;
        int opened;
        while (i > floor && acro_space((unsigned char)t[i - 1]))
            i--;
        if (i == floor)
            break;
        e = i;
        if (t[i - 1] == ')') {
            /* skip back to the matching '(' */
            int depth = 0;
            size_t j = i;
            while (j > floor) {
                j--;
                if (t[j] == ')')
                    depth++;
                else if (t[j] == '(' && --depth == 0)
                    break;
            }
            if (depth != 0 || t[j] != '(')
                break;
            /* only a short form such as "(OPCON)" may sit inside a long form */
            {
                size_t gs = j + 1, ge = e - 1;
                while (gs < ge && acro_space((unsigned char)t[gs]))
                    gs++;
                while (ge > gs && acro_space((unsigned char)t[ge - 1]))
                    ge--;
                if (!acro_sf_ok(t, gs, ge))
                    break;
            }
            rev[n].s = j;
            rev[n].e = e;
            rev[n].group = 1;
            n++;
            i = j;
            continue;
        }
        s = i;
        while (s > floor && !acro_space((unsigned char)t[s - 1]) && t[s - 1] != '(' &&
               t[s - 1] != ')' &&
               !(t[s - 1] == '[' && (s - 1 == floor || acro_space((unsigned char)t[s - 2]))))
            s--;
        /* right after an open bracket, "(body mass index (BMI)": the word
         * may start the long form, and nothing before it may */
        opened = s > floor && (t[s - 1] == '(' || t[s - 1] == '[');
        /* clause ends: ";", ":", "?", "!" and a sentence end "word." (not
         * "U.S." or "e.g.", which hold another period) */
        if (n > 0) {
            unsigned char last = (unsigned char)t[e - 1];
            if (last == ';' || last == ':' || last == '!' || last == '?')
                break;
            if (last == '.' && e - s >= 3 && memchr(t + s, '.', e - s - 1) == NULL &&
                !(t[e - 2] >= 'A' && t[e - 2] <= 'Z'))
                break;
        }
        if (s == e)
            break;
        rev[n].s = s;
        rev[n].e = e;
        rev[n].group = 0;
        n++;
        i = s;
        if (++words >= maxw || opened)
            break;
    }
    for (size_t k = 0; k < n; k++)
        tok[k] = rev[n - 1 - k];
    return n;
}

/* ------------------------------------------------------------- aligners */

/* Strategy 1: initials. Returns the LF start or (size_t)-1. */
static size_t acro_align_initials(const char *t, const char *sf, size_t sfn,
                                  const struct acro_tok *tok, size_t ntok)
{
    long ti = (long)ntok - 1;
    size_t pe = 0; /* parts of token ti at or after pe are used up */
    size_t u = sfn, skipped = 0, lf = (size_t)-1;
    int tok_used = 0;

    if (ntok == 0)
        return lf;
    pe = tok[ti].e;
    while (u > 0) {
        /* the SF unit ending at u: a digit run or one letter */
        size_t ue = u, us;
        if (!acro_alnum((unsigned char)sf[u - 1])) {
            u--;
            continue;
        }
        us = ue - 1;
        if (acro_digit((unsigned char)sf[us]))
            while (us > 0 && acro_digit((unsigned char)sf[us - 1]))
                us--;
        /* find the nearest part before pe whose start matches the unit */
        for (;;) {
            int found = 0;
            if (ti < 0)
                return (size_t)-1;
            if (!tok[ti].group) {
                size_t j = pe;
                while (j > tok[ti].s) {
                    size_t ps, pend;
                    while (j > tok[ti].s && !acro_alnum((unsigned char)t[j - 1]))
                        j--;
                    pend = j;
                    while (j > tok[ti].s && acro_alnum((unsigned char)t[j - 1]))
                        j--;
                    ps = j;
                    if (pend == ps)
                        break;
                    if (acro_digit((unsigned char)sf[us])) {
                        found =
                            (pend - ps == ue - us && memcmp(t + ps, sf + us, ue - us) == 0) ||
                            (ue - us == 1 && acro_number_word(t + ps, pend - ps) == sf[us] - '0');
                    } else {
                        found =
                            acro_lower((unsigned char)t[ps]) == acro_lower((unsigned char)sf[us]);
                        /* "People's": the "s" after an apostrophe is no part */
                        if (found && ps > tok[ti].s && t[ps - 1] == '\'')
                            found = 0;
                    }
                    if (found) {
                        pe = ps;
                        tok_used = 1;
                        /* "non-high-density" for HDL: from the matched part
                         * when the hyphenated word's first part does not count */
                        {
                            size_t f = tok[ti].s;
                            while (f < ps && !acro_alnum((unsigned char)t[f]))
                                f++;
                            lf = (f == ps || t[ps - 1] == '-') ? ps : tok[ti].s;
                        }
                        break;
                    }
                }
            }
            if (found)
                break;
            if (!tok_used && !tok[ti].group &&
                !acro_function_word(t + tok[ti].s, tok[ti].e - tok[ti].s))
                skipped++;
            if (skipped > 1)
                return (size_t)-1;
            ti--;
            tok_used = 0;
            if (ti >= 0)
                pe = tok[ti].e;
        }
        u = us;
    }
    return lf;
}

/* Strategy 2: Schwartz & Hearst. Returns the LF start or (size_t)-1. */
static size_t acro_align_sh(const char *t, const char *sf, size_t sfn, const struct acro_tok *tok,
                            size_t ntok)
{
    long si = (long)sfn - 1;
    long ti = (long)ntok - 1;
    size_t li;
    size_t first = (size_t)-1;

    if (ntok == 0)
        return first;
    li = tok[ti].e; /* next byte to look at is li - 1 */
    while (si >= 0) {
        unsigned char c = acro_lower((unsigned char)sf[si]);
        int found = 0;
        if (!acro_alnum(c)) {
            si--;
            continue;
        }
        while (ti >= 0 && !found) {
            if (tok[ti].group) {
                ti--;
                if (ti >= 0)
                    li = tok[ti].e;
                continue;
            }
            while (li > tok[ti].s) {
                size_t k = li - 1;
                li--;
                if (acro_lower((unsigned char)t[k]) != c)
                    continue;
                if (si == 0 && k > tok[ti].s && acro_alnum((unsigned char)t[k - 1]))
                    continue;
                found = 1;
                first = k;
                break;
            }
            if (!found) {
                ti--;
                if (ti >= 0)
                    li = tok[ti].e;
            }
        }
        if (!found)
            return (size_t)-1;
        si--;
    }
    /* the LF starts at the start of the word holding the first match */
    while (ti >= 0 && first < tok[ti].s)
        ti--;
    (void)first;
    return ti >= 0 ? tok[ti].s : (size_t)-1;
}

/* ---------------------------------------------------------------- driver */

static void acro_add(struct acro_def **defs, size_t *n, size_t *cap, size_t sa, size_t sb,
                     size_t la, size_t lb)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *defs = xrealloc(*defs, xmul(*cap, sizeof **defs));
    }
    (*defs)[*n].sf_start = sa;
    (*defs)[*n].sf_end = sb;
    (*defs)[*n].lf_start = la;
    (*defs)[*n].lf_end = lb;
    (*n)++;
}

/* Upper-case letters in T[A,B). */
static size_t acro_uppers(const char *t, size_t a, size_t b)
{
    size_t u = 0;
    for (size_t i = a; i < b; i++)
        u += t[i] >= 'A' && t[i] <= 'Z';
    return u;
}

/* The long form of short form T[A,B) that ends before P (the bracket):
 * initials first (also without a plural "s": "proton pump inhibitors
 * (PPIs)"), then Schwartz & Hearst. Returns its start or (size_t)-1. */
static size_t acro_long_form(const char *t, size_t p, size_t a, size_t b)
{
    struct acro_tok tok[ACRO_MAX_TOKENS];
    size_t sfn = b - a, maxw = sfn + 5 < sfn * 2 ? sfn + 5 : sfn * 2, ntok, lf;
    ntok = acro_window(t, p, maxw, tok);
    lf = acro_align_initials(t, t + a, sfn, tok, ntok);
    if (lf == (size_t)-1 && sfn >= 3 && t[b - 1] == 's' && acro_alpha((unsigned char)t[b - 2]))
        lf = acro_align_initials(t, t + a, sfn - 1, tok, ntok);
    if (lf == (size_t)-1)
        lf = acro_align_sh(t, t + a, sfn, tok, ntok);
    return lf;
}

/* A long form that fills T[A,B) (inside brackets) for short form SF of SFN
 * bytes, by initials only: "SAS (Surface Air System)", "(blood-brain barrier,
 * BBB)". Returns 1 when every word of it is accounted for. */
static int acro_fills(const char *t, size_t a, size_t b, const char *sf, size_t sfn)
{
    struct acro_tok tok[ACRO_MAX_TOKENS];
    size_t ntok, lf;
    if (b <= a)
        return 0;
    ntok = acro_window(t, b, sfn + 3, tok);
    if (ntok < 2 || tok[0].s != a)
        return 0;
    lf = acro_align_initials(t, sf, sfn, tok, ntok);
    return lf == a;
}

/* "masseter (M)", "Testosterone (T)": a one-letter short form whose long form
 * is the single word before P that starts with the letter and is otherwise in
 * lower case. Returns the word's start or (size_t)-1. */
static size_t acro_one_letter(const char *t, size_t p, char letter)
{
    size_t e = p, s;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    s = e;
    while (s > 0 && e - s < 40 && (acro_alpha((unsigned char)t[s - 1]) || t[s - 1] == '-'))
        s--;
    if (e - s < 4 || (s > 0 && !acro_space((unsigned char)t[s - 1])) ||
        acro_lower((unsigned char)t[s]) != acro_lower((unsigned char)letter))
        return (size_t)-1;
    for (size_t i = s + 1; i < e; i++)
        if (t[i] >= 'A' && t[i] <= 'Z')
            return (size_t)-1;
    if (acro_function_word(t + s, e - s))
        return (size_t)-1;
    return s;
}

/* Non-zero when "(L" with the letter after LETTER follows within a few
 * hundred bytes after C: "artery (A), ... artery (B)" labels groups. */
static int acro_next_label(const char *t, size_t len, size_t c, char letter)
{
    size_t stop = c + 300 < len ? c + 300 : len;
    for (size_t q = c; q + 2 < stop; q++)
        if (t[q] == '(' && t[q + 1] == letter + 1 && !acro_alnum((unsigned char)t[q + 2]))
            return 1;
    return 0;
}

size_t acronym_find(const char *text, size_t len, struct acro_def **out)
{
    struct acro_def *defs = NULL;
    size_t n = 0, cap = 0;

    for (size_t p = 0; p < len; p++) {
        size_t a, b, c, sep = 0, lf, le;
        char close;

        if (text[p] != '(' && !(text[p] == '[' && p > 0 && acro_space((unsigned char)text[p - 1])))
            continue; /* "[EEG]" after a space, not "diethyl-[DEP]" */
        close = text[p] == '(' ? ')' : ']';
        /* the content up to the closer (no nested bracket, bounded); "(DMSO,
         * 18 and 1 h before, ...": a short form before a separator is enough */
        c = p + 1;
        while (c < len && c - p <= 64 && text[c] != close && text[c] != '(' && text[c] != '[' &&
               text[c] != '\n') {
            if (!sep && (text[c] == ';' || text[c] == ','))
                sep = c;
            c++;
        }
        if (c >= len || text[c] != close) {
            if (close != ')' || !sep || sep - p > ACRO_MAX_SF + 2 || sep + 1 >= len ||
                text[sep + 1] != ' ')
                continue;
            c = sep;
        } else if (c + 1 < len && acro_alnum((unsigned char)text[c + 1])) {
            continue; /* "[Ca2+]i", "[3H]prazosin": part of a name */
        }
        a = p + 1;
        b = sep ? sep : c;
        while (a < b && acro_space((unsigned char)text[a]))
            a++;
        while (b > a && acro_space((unsigned char)text[b - 1]))
            b--;
        le = p;
        while (le > 0 && acro_space((unsigned char)text[le - 1]))
            le--;
        if (b - a == 1 && text[a] >= 'A' && text[a] <= 'Z' && close == ')') {
            lf = acro_one_letter(text, p, text[a]);
            if (lf != (size_t)-1 && acro_next_label(text, len, c, text[a]))
                lf = (size_t)-1;
            if (lf != (size_t)-1)
                acro_add(&defs, &n, &cap, a, b, lf, le);
            p = c;
            continue;
        }
        if (acro_sf_ok(text, a, b)) {
            lf = acro_long_form(text, p, a, b);
            if (lf != (size_t)-1) {
                /* skip opening quotes and brackets before the long form */
                while (lf < le &&
                       (text[lf] == '"' || text[lf] == '\'' || text[lf] == '[' || text[lf] == '{'))
                    lf++;
                /* 'an "astigmatic intensity equation" (AIE)': the quotes go */
                if (lf > 0 && le > lf && text[lf - 1] == '"' && text[le - 1] == '"')
                    le--;
                if (le - lf > b - a) {
                    acro_add(&defs, &n, &cap, a, b, lf, le);
                    p = c;
                    continue;
                }
            }
        }
        if (text[c] != close)
            continue;
        if (sep) {
            /* "(blood-brain barrier, BBB)": long form, then the short form */
            size_t sa = c, sb = c, la = p + 1;
            while (sb > sep && acro_space((unsigned char)text[sb - 1]))
                sb--;
            sa = sb;
            while (sa > sep + 1 && !acro_space((unsigned char)text[sa - 1]) && text[sa - 1] != ',')
                sa--;
            while (la < sep && acro_space((unsigned char)text[la]))
                la++;
            if (text[sep] == ',' && acro_sf_ok(text, sa, sb) && acro_uppers(text, sa, sb) >= 2 &&
                memchr(text + sep + 1, ',', sa - sep - 1) == NULL &&
                acro_fills(text, la, sep, text + sa, sb - sa)) {
                acro_add(&defs, &n, &cap, sa, sb, la, sep);
                p = c;
                continue;
            }
        } else if (close == ')' && le > 0) {
            /* "SAS (Surface Air System)": the short form first */
            size_t sa = le;
            while (sa > 0 && !acro_space((unsigned char)text[sa - 1]) && text[sa - 1] != '(')
                sa--;
            if (acro_sf_ok(text, sa, le) && acro_uppers(text, sa, le) >= 2 &&
                acro_uppers(text, sa, le) == (size_t)(le - sa) &&
                acro_fills(text, a, b, text + sa, le - sa)) {
                acro_add(&defs, &n, &cap, sa, le, a, b);
                p = c;
                continue;
            }
        }
    }
    *out = defs;
    return n;
}
