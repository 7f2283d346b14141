/* clean_meta.c - publication date, publisher and byline of a page.
 *
 * The date comes only from a dateline in the page header (the units before
 * the first paragraph): a short line holding a date, preferring one labelled
 * "published"/"posted"/"date". Dates elsewhere (related headlines, captions,
 * the body) are never used: a gap is better than a guess.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- dates ------------------------------------------------------------- */

static const char *const month_names[12][3] = {
    {"january", "jan", NULL}, {"february", "feb", NULL}, {"march", "mar", NULL},
    {"april", "apr", NULL},   {"may", NULL, NULL},       {"june", "jun", NULL},
    {"july", "jul", NULL},    {"august", "aug", NULL},   {"september", "sept", "sep"},
    {"october", "oct", NULL}, {"november", "nov", NULL}, {"december", "dec", NULL},
};

/* Month at S (letters, case-insensitive, optional '.'); bytes used in *USED. */
static int month_at(const char *s, size_t n, size_t *used)
{
    size_t k = 0;
    char w[12];
    if (n == 0)
        return 0;
    /* every month name starts with one of these letters, either case */
    switch (s[0] | 0x20) {
    case 'j':
    case 'f':
    case 'm':
    case 'a':
    case 's':
    case 'o':
    case 'n':
    case 'd':
        break;
    default:
        return 0;
    }
    while (k < n && k < sizeof w - 1 && isalpha((unsigned char)s[k])) {
        w[k] = (char)(s[k] | 0x20); /* an ASCII letter (C locale) */
        k++;
    }
    if (k < 3 || k > 9 || (k < n && isalpha((unsigned char)s[k])))
        return 0;
    w[k] = '\0';
    for (int m = 0; m < 12; m++) {
        if (month_names[m][0][0] != w[0])
            continue; /* a month's names share their first letter */
        for (int v = 0; v < 3 && month_names[m][v]; v++)
            if (strcmp(w, month_names[m][v]) == 0) {
                if (k < n && s[k] == '.')
                    k++;
                *used = k;
                return m + 1;
            }
    }
    return 0;
}

static int num_at(const char *s, size_t n, size_t maxd, size_t *used)
{
    size_t k = 0;
    int v = 0;
    while (k < n && k < maxd && isdigit((unsigned char)s[k]))
        v = v * 10 + (s[k++] - '0');
    if (k == 0 || (k < n && isdigit((unsigned char)s[k])))
        return -1;
    *used = k;
    return v;
}

static int valid_ymd(int y, int m, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

static size_t skip_sep(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '.'))
        i++;
    return i;
}

/* Try a date starting exactly at S[I]. */
static int date_at(const char *s, size_t n, size_t i, int *y, int *m, int *d)
{
    size_t u, j;
    int a, b, c;
    if (i > 0 && (isalnum((unsigned char)s[i - 1])))
        return 0;
    if (isdigit((unsigned char)s[i])) {
        a = num_at(s + i, n - i, 4, &u);
        if (a < 0)
            return 0;
        j = i + u;
        if (u == 4 && j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
            char sep = s[j];
            b = num_at(s + j + 1, n - j - 1, 2, &u);
            if (b < 0)
                return 0;
            j += 1 + u;
            if (j >= n || s[j] != sep)
                return 0;
            c = num_at(s + j + 1, n - j - 1, 2, &u);
            if (c < 0)
                return 0;
            *y = a, *m = b, *d = c;
            return valid_ymd(a, b, c);
        }
        if (u == 4 && j < n && (unsigned char)s[j] >= 0x80) {
            /* 2025년 5월 3일 / 2025年5月3日 */
            size_t k = j;
            const char *ym[2] = {"\xEB\x85\x84", "\xE5\xB9\xB4"};
            const char *mm[2] = {"\xEC\x9B\x94", "\xE6\x9C\x88"};
            for (int z = 0; z < 2; z++) {
                k = j;
                if (n - k < 3 || memcmp(s + k, ym[z], 3) != 0)
                    continue;
                k = skip_sep(s, n, k + 3);
                b = num_at(s + k, n - k, 2, &u);
                if (b < 0)
                    continue;
                k += u;
                if (n - k < 3 || memcmp(s + k, mm[z], 3) != 0)
                    continue;
                k = skip_sep(s, n, k + 3);
                c = num_at(s + k, n - k, 2, &u);
                if (c < 0)
                    continue;
                *y = a, *m = b, *d = c;
                return valid_ymd(a, b, c);
            }
            return 0;
        }
        if (u <= 2) { /* 03 May. 2025 */
            j = skip_sep(s, n, j);
            b = month_at(s + j, n - j, &u);
            if (!b)
                return 0;
            j = skip_sep(s, n, j + u);
            c = num_at(s + j, n - j, 4, &u);
            if (c < 1000)
                return 0;
            *y = c, *m = b, *d = a;
            return valid_ymd(c, b, a);
        }
        return 0;
    }
    if (isalpha((unsigned char)s[i])) { /* Sept. 18, 2023 */
        b = month_at(s + i, n - i, &u);
        if (!b)
            return 0;
        j = skip_sep(s, n, i + u);
        a = num_at(s + j, n - j, 2, &u);
        if (a < 0)
            return 0;
        j += u;
        if (j + 1 < n && isalpha((unsigned char)s[j]) && isalpha((unsigned char)s[j + 1]))
            j += 2; /* 18th, 1st */
        j = skip_sep(s, n, j);
        c = num_at(s + j, n - j, 4, &u);
        if (c < 1000)
            return 0;
        *y = c, *m = b, *d = a;
        return valid_ymd(c, b, a);
    }
    return 0;
}

int clean_parse_date(const char *text, size_t len, char out[11])
{
    size_t first_digit = 0;
    /* every shape has a number in it: a text without digits has no date */
    while (first_digit < len && !isdigit((unsigned char)text[first_digit]))
        first_digit++;
    if (first_digit == len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int y, m, d;
        if (!isalnum((unsigned char)text[i]))
            continue;
        if (date_at(text, len, i, &y, &m, &d)) {
            snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
                     (unsigned)d % 100u);
            return 1;
        }
    }
    return 0;
}

/* ---- metadata ---------------------------------------------------------- */

static int has_label(const char *t, size_t n)
{
    static const char *const labels[] = {"published", "posted", "date", "updated", "news |"};
    char *f = utf8_fold(t, n < 64 ? n : 64);
    int hit = 0;
    for (size_t k = 0; k < sizeof labels / sizeof *labels && !hit; k++)
        if (strstr(f, labels[k]))
            hit = (int)(k < 3 ? 2 : 1);
    free(f);
    return hit;
}

/* Non-zero when the byte before T+I ends a word: a copyright marker glued to
 * letters ("S\xC3\x83\xC2\xA9oul", Windows-1252 mojibake of "S\xC3\xA9oul") is a
 * piece of a word, not a marker. */
static int word_start(const char *t, size_t i)
{
    unsigned char c = i ? (unsigned char)t[i - 1] : ' ';
    return !(isalnum(c) || c >= 0x80 || c == '_');
}

/* Marker at T[I] ("©" standing alone or "copyright" as a whole word): bytes
 * after it in *AFTER, else 0. */
static int copyright_marker(const char *t, size_t n, size_t i, size_t *after)
{
    if (!word_start(t, i))
        return 0;
    if (i + 2 <= n && memcmp(t + i, "\xC2\xA9", 2) == 0) {
        *after = i + 2;
        return 1;
    }
    if (i + 9 <= n && strncasecmp(t + i, "copyright", 9) == 0 &&
        (i + 9 == n || !isalpha((unsigned char)t[i + 9]))) {
        *after = i + 9;
        return 1;
    }
    return 0;
}

int clean_plausible_name(const char *s, size_t n)
{
    size_t words = 0, letters = 0, lower_words = 0;
    unsigned char c0 = n ? (unsigned char)s[0] : 0;
    /* a name opens with a capital, a digit ("38 North") or a non-Latin
     * letter; never lower case (a fragment like "oul") or punctuation */
    if (n < 2 || n > 80 || (c0 < 0x80 && !isupper(c0) && !isdigit(c0)))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            (unsigned char)s[i + 2] == 0xBD)
            return 0; /* U+FFFD: a damaged name */
        if (isalpha(c) || c >= 0x80)
            letters++;
        if (c != ' ' && (i == 0 || s[i - 1] == ' ')) {
            words++;
            /* lower-case words beyond short joiners ("of", "the", "and")
             * mean a sentence, not a name */
            if (islower(c)) {
                size_t k = i;
                while (k < n && s[k] != ' ')
                    k++;
                if (k - i > 4)
                    lower_words++;
            }
        }
    }
    return letters >= 2 && words <= 10 && lower_words <= 1;
}

/* "Copyright © 2014-2025 NAME. All rights reserved." -> NAME (heap) or NULL */
static char *copyright_holder(const char *t, size_t n)
{
    size_t i = 0, j;
    char *res = NULL;
    int found = 0;
    /* work on the original text from the first free-standing marker on */
    for (; i < n && !found; i++)
        if ((t[i] == '\xC2' || t[i] == 'c' || t[i] == 'C') && copyright_marker(t, n, i, &j))
            found = 1;
    if (!found)
        return NULL;
    i = j;
    for (;;) {
        while (i < n && (t[i] == ' ' || t[i] == ',' || t[i] == '-' || t[i] == ':'))
            i++;
        if (i + 2 <= n && memcmp(t + i, "\xC2\xA9", 2) == 0) {
            i += 2;
            continue;
        }
        if (i + 3 <= n && strncasecmp(t + i, "(c)", 3) == 0) {
            i += 3;
            continue;
        }
        if (i < n && isdigit((unsigned char)t[i])) {
            while (i < n && (isdigit((unsigned char)t[i]) || t[i] == '-'))
                i++;
            continue;
        }
        break;
    }
    if (i + 3 <= n && strncasecmp(t + i, "by ", 3) == 0)
        i += 3; /* "Copyright 2019 by NAME" */
    j = i;
    /* the name ends at a separator or where the notice goes on */
    while (j < n && t[j] != '|' && t[j] != '.' && t[j] != ';' &&
           strncasecmp(t + j, "all rights", 10) != 0 && strncmp(t + j, " \xE2\x80\x94", 4) != 0 &&
           strncmp(t + j, " \xE2\x80\x93", 4) != 0 && strncasecmp(t + j, " unless ", 8) != 0)
        j++;
    while (j > i && (t[j - 1] == ' ' || t[j - 1] == ',' || t[j - 1] == '-'))
        j--;
    if (j > i && clean_plausible_name(t + i, j - i))
        res = xstrndup(t + i, j - i);
    return res;
}

/* A known outlet named in U as whole words ("Reuters", not "Reutersville"). */
static int outlet_in(const struct clean_unit *u, const struct clean_lex *lx)
{
    const char *f = u->fold;
    if (u->words > 8)
        return 0;
    for (size_t i = 0; i < u->flen; i++) {
        size_t k = 0;
        if (!word_start(f, i))
            continue;
        while ((k = clean_phrases_at(&lx->outlets, f, u->flen, i, k)) < lx->outlets.n) {
            size_t e = i + lx->outlets.len[k];
            unsigned char c = e < u->flen ? (unsigned char)f[e] : ' ';
            if (!(isalnum(c) || c >= 0x80 || c == '_'))
                return 1;
            k++;
        }
    }
    return 0;
}

void clean_meta_find(const struct clean_page *pg, const struct clean_lex *lx, struct clean_meta *m)
{
    size_t head = pg->n, i;
    int best_label = -1;
    memset(m, 0, sizeof *m);
    for (i = 0; i < pg->n; i++)
        if (pg->u[i].kind == CK_PARAGRAPH) {
            head = i;
            break;
        }
    if (pg->title >= 0)
        m->title = xstrdup(pg->u[pg->title].text);
    /* date: the header's datelines, labelled ones first */
    for (i = 0; i < head; i++) {
        const struct clean_unit *u = &pg->u[i];
        char date[11];
        int lab;
        if (u->words > 16 || !clean_parse_date(u->text, u->tlen, date))
            continue;
        if (u->tlen >= 3 && (memcmp(u->text + u->tlen - 3, "...", 3) == 0 ||
                             memcmp(u->text + u->tlen - 3, "\xE2\x80\xA6", 3) == 0))
            continue;
        lab = has_label(u->text, u->tlen);
        if (u->words > 8 && !lab)
            continue;
        if (lab > best_label) {
            best_label = lab;
            memcpy(m->published, date, 11);
            free(m->published_text);
            m->published_text = xstrdup(u->text);
        }
    }
    /* publisher: a masthead naming a known outlet, else the copyright holder */
    for (i = 0; i < head && !m->publisher; i++)
        if (!pg->u[i].chrome && outlet_in(&pg->u[i], lx) && pg->u[i].words <= 6 &&
            clean_plausible_name(pg->u[i].text, pg->u[i].tlen))
            m->publisher = xstrdup(pg->u[i].text);
    for (i = pg->n; i-- > 0 && !m->publisher;)
        if (pg->u[i].words <= 30)
            m->publisher = copyright_holder(pg->u[i].text, pg->u[i].tlen);
    for (i = 0; i < pg->n && !m->publisher; i++)
        if (outlet_in(&pg->u[i], lx) && pg->u[i].words <= 4 &&
            clean_plausible_name(pg->u[i].text, pg->u[i].tlen))
            m->publisher = xstrdup(pg->u[i].text);
    for (i = 0; i < pg->n; i++)
        if (pg->u[i].kind == CK_BYLINE) {
            m->byline = xstrdup(pg->u[i].text);
            break;
        }
}

void clean_meta_free(struct clean_meta *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->publisher);
    free(m->published_text);
    free(m->byline);
    memset(m, 0, sizeof *m);
}
