/* dates.c - date expressions in English news text.
 *
 * The text is cut into tokens (words, numbers, dashes, commas); at each
 * token a few patterns are tried, longest first:
 *   ISO 2023-09-18; Month D[, Y] with ranges (Feb. 21-22, May 1 to 2,
 *   September23-24, 2024, Dec. 30, 2024 - Jan. 2, 2025); D Month [Y]
 *   (18 September 2023, 16-17 August 2022); Month Y; a month or a year
 *   after a preposition (in November, by the end of 2023, in May and
 *   August); weekdays (Saturday, on Thursday and Friday); this/last/next
 *   week/month/year (early next year), today/yesterday/tomorrow.
 *
 * Past or future: news mostly reports what happened, so an expression
 * without a year (a month, a month and day, a weekday) resolves to the
 * nearest such date on or before the reference date, unless the sentence
 * around it has a future cue (will, shall, 'll, upcoming, scheduled, plans
 * to, to be held, expected to, next ...): then the nearest on or after it.
 */
#include "dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

/* ------------------------------------------------------------- calendar */

static int dt_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int dt_mdays(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && (y == 0 || dt_leap(y)) ? 29 : md[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
static long dt_days(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static struct date_val dt_civil(long z)
{
    struct date_val v;
    long era, doe, yoe, doy, mp, y;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    v.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    v.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    v.y = (int)(y + (v.m <= 2));
    return v;
}

/* ISO weekday, Monday = 1 .. Sunday = 7. */
static int dt_wday(long days)
{
    long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static void dt_iso_week(long days, int *wy, int *wk)
{
    long thursday = days - dt_wday(days) + 4;
    struct date_val t = dt_civil(thursday);
    *wy = t.y;
    *wk = (int)((thursday - dt_days(t.y, 1, 1)) / 7 + 1);
}

static int dt_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= dt_mdays(y, m);
}

void date_format(const struct date_val *v, char *buf, size_t cap)
{
    if (!cap)
        return;
    if (v->m == 0)
        snprintf(buf, cap, "%04d", v->y);
    else if (v->d == 0)
        snprintf(buf, cap, "%04d-%02d", v->y, v->m);
    else
        snprintf(buf, cap, "%04d-%02d-%02d", v->y, v->m, v->d);
}

int date_parse_iso(const char *s, struct date_val *v)
{
    int y = 0, m = 0, d = 0;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!dt_valid(y, m, d))
        return -1;
    v->y = y;
    v->m = m;
    v->d = d;
    return 0;
}

/* --------------------------------------------------------------- tokens */

enum dtok_kind { DT_WORD, DT_NUM, DT_DASH, DT_COMMA, DT_OTHER };

struct dtok {
    size_t s, e; /* bytes of the token; a word's e includes a trailing '.' when dot */
    int kind;
    int num, ndig; /* numbers: value (capped) and digit count */
    int sp;        /* whitespace before the token */
    int dot;       /* a word followed directly by '.' */
    int upper;     /* a word starting with an upper-case letter */
    char low[16];  /* a word, lower-cased ("" when longer than 15 bytes) */
};

static size_t dt_tokenize(const char *t, size_t len, struct dtok **out)
{
    struct dtok *v = NULL;
    size_t n = 0, cap = 0, i = 0;
    int sp = 1;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        struct dtok k;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            sp = 1;
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0) {
            sp = 1;
            i += 2;
            continue;
        }
        memset(&k, 0, sizeof k);
        k.s = i;
        k.sp = sp;
        sp = 0;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            size_t j = i;
            while (j < len &&
                   (((unsigned char)t[j] | 0x20) >= 'a' && ((unsigned char)t[j] | 0x20) <= 'z'))
                j++;
            k.kind = DT_WORD;
            k.upper = c <= 'Z';
            if (j - i < sizeof k.low)
                for (size_t q = i; q < j; q++)
                    k.low[q - i] = (char)((unsigned char)t[q] | 0x20);
            k.e = j;
            if (j < len && t[j] == '.') {
                k.dot = 1; /* "Feb." - the period is not a token of its own */
                j++;
            }
            i = j;
        } else if (c >= '0' && c <= '9') {
            size_t j = i;
            long val = 0;
            while (j < len && t[j] >= '0' && t[j] <= '9') {
                if (val < 100000)
                    val = val * 10 + (t[j] - '0');
                j++;
            }
            k.kind = DT_NUM;
            k.num = (int)val;
            k.ndig = (int)(j - i > 9 ? 9 : j - i);
            k.e = j;
            i = j;
        } else if (c == '-') {
            k.kind = DT_DASH;
            k.e = ++i;
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
                   ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94)) {
            k.kind = DT_DASH;
            i += 3;
            k.e = i;
        } else if (c == ',') {
            k.kind = DT_COMMA;
            k.e = ++i;
        } else {
            k.kind = DT_OTHER;
            i++;
            while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
                i++;
            k.e = i;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = xrealloc(v, xmul(cap, sizeof *v));
        }
        v[n++] = k;
    }
    *out = v;
    return n;
}

/* ---------------------------------------------------------- vocabularies */

/* strcmp(A, B) == 0 with the first bytes compared inline: most words of a
 * text differ from a calendar word there. */
static int dt_eq(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

static int dt_is(const struct dtok *k, const char *w)
{
    return k->kind == DT_WORD && dt_eq(k->low, w);
}

/* Month 1-12 of a capitalised month name or abbreviation, else 0. */
static int dt_month(const struct dtok *k)
{
    static const char *const full[12] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};
    static const char *const abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (k->kind != DT_WORD || !k->upper)
        return 0;
    for (int m = 0; m < 12; m++)
        if (dt_eq(k->low, full[m]) || dt_eq(k->low, abbr[m]))
            return m + 1;
    if (dt_eq(k->low, "sept"))
        return 9;
    return 0;
}

/* Non-zero when the month word K is an abbreviation (its '.' belongs to it). */
static int dt_month_abbr(const struct dtok *k)
{
    return k->e - k->s <= 4 && k->dot;
}

/* ISO weekday 1-7 of a capitalised weekday name or abbreviation, else 0.
 * Abbreviations need their period ("Mon.", "Wed.", "Sat.", "Sun." are words
 * too), except the forms that are no English word ("Tues", "Thurs"). */
static int dt_weekday(const struct dtok *k)
{
    static const char *const wd[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};
    static const struct {
        const char *w;
        int day, bare; /* BARE: also without a period */
    } ab[] = {{"mon", 1, 0},  {"tue", 2, 1}, {"tues", 2, 1}, {"wed", 3, 0},
              {"weds", 3, 1}, {"thu", 4, 1}, {"thur", 4, 1}, {"thurs", 4, 1},
              {"fri", 5, 0},  {"sat", 6, 0}, {"sun", 7, 0}};
    if (k->kind != DT_WORD || !k->upper)
        return 0;
    for (int w = 0; w < 7; w++)
        if (dt_eq(k->low, wd[w]))
            return w + 1;
    for (size_t a = 0; a < sizeof ab / sizeof ab[0]; a++)
        if (dt_eq(k->low, ab[a].w) && (k->dot || ab[a].bare))
            return ab[a].day;
    return 0;
}

/* Non-zero when the weekday word K is an abbreviation with its period. */
static int dt_weekday_abbr(const struct dtok *k)
{
    return k->dot && k->e - k->s <= 5 && dt_weekday(k);
}

static int dt_is_year(const struct dtok *k)
{
    return k->kind == DT_NUM && k->ndig == 4 && k->num >= 1000 && k->num <= 2999;
}

static int dt_is_day(const struct dtok *k)
{
    return k->kind == DT_NUM && k->ndig <= 2 && k->num >= 1 && k->num <= 31;
}

/* Words after which a bare month or year is read as a date. */
static int dt_trigger(const struct dtok *k)
{
    static const char *const w[] = {
        "in",     "since",   "by",         "until", "till", "during", "from", "through", "early",
        "late",   "mid",     "before",     "after", "of",   "last",   "next", "this",    "in",
        "around", "between", "throughout", "on",    "for",  "to",     "into"};
    if (k->kind != DT_WORD)
        return 0;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (dt_eq(k->low, w[i]))
            return 1;
    return 0;
}

/* Range joiners between two days or dates. */
static int dt_joiner(const struct dtok *k)
{
    return k->kind == DT_DASH || dt_is(k, "to") || dt_is(k, "through") || dt_is(k, "until") ||
           dt_is(k, "and") || dt_is(k, "thru");
}

/* ------------------------------------------------------------- matching */

enum dt_grain { G_DAY, G_MONTH, G_YEAR, G_WEEK };

struct dmatch {
    size_t ntok; /* tokens consumed */
    size_t end;  /* byte end of the expression */
    struct date_val from, to;
    enum date_kind kind;
    int is_range;
    int grain;
    int need_year; /* month/day given, the year comes from the reference */
};

struct dctx {
    const struct date_val *ref;
    int future; /* the sentence has a future cue */
};

/* The end byte of token K, with the '.' of an abbreviated month or weekday. */
static size_t dt_end(const struct dtok *k)
{
    return ((k->dot && dt_month(k) && dt_month_abbr(k)) || dt_weekday_abbr(k)) ? k->e + 1 : k->e;
}

/* Day after an optional ordinal suffix ("18th"): returns tokens used (1 or 2). */
static size_t dt_day_len(const struct dtok *v, size_t n, size_t i)
{
    if (i + 1 < n && !v[i + 1].sp &&
        (dt_is(&v[i + 1], "st") || dt_is(&v[i + 1], "nd") || dt_is(&v[i + 1], "rd") ||
         dt_is(&v[i + 1], "th")))
        return 2;
    return 1;
}

/* Year of a month/day without one, from the reference and the tense. */
static int dt_resolve_year(const struct dctx *cx, int m, int d)
{
    const struct date_val *r = cx->ref;
    int mine = m * 32 + d, refv = r->m * 32 + (d ? r->d : 0);
    if (cx->future)
        return mine >= refv ? r->y : r->y + 1;
    return mine <= refv ? r->y : r->y - 1;
}

/* Month D[-D2][, Y] and Month D[, Y] - Month2 D2[, Y2]; Month Y; Month alone. */
static int dt_match_month_first(const struct dtok *v, size_t n, size_t i, const struct dctx *cx,
                                struct dmatch *mt)
{
    int m = dt_month(&v[i]), d1, d2 = 0, m2 = 0, y = 0, y2 = 0;
    size_t j = i + 1, last = i;
    if (!m)
        return 0;
    if (j < n && dt_is_day(&v[j]) && !(j + 1 < n && v[j + 1].kind == DT_NUM && !v[j + 1].sp)) {
        d1 = v[j].num;
        j += dt_day_len(v, n, j);
        last = j - 1;
        /* a same-month range: "21-22", "1 to 2", "16 and 17" */
        if (j + 1 < n && dt_joiner(&v[j]) && dt_is_day(&v[j + 1]) && v[j + 1].num > d1 &&
            !(j + 2 < n && dt_month(&v[j + 2]))) {
            d2 = v[j + 1].num;
            j += 1 + dt_day_len(v, n, j + 1);
            last = j - 1;
        }
        {
            size_t k = j;
            if (k < n && v[k].kind == DT_COMMA)
                k++;
            if (k < n && dt_is_year(&v[k])) {
                y = v[k].num;
                j = k + 1;
                last = k;
            }
        }
        /* a cross-month range: "Dec. 30, 2024 - Jan. 2, 2025", "Aug. 31-Sept. 1" */
        if (!d2 && j + 2 < n && dt_joiner(&v[j]) && !dt_is(&v[j], "and") && dt_month(&v[j + 1]) &&
            dt_is_day(&v[j + 2])) {
            size_t k = j + 2;
            m2 = dt_month(&v[j + 1]);
            d2 = v[k].num;
            k += dt_day_len(v, n, k);
            last = k - 1;
            {
                size_t q = k;
                if (q < n && v[q].kind == DT_COMMA)
                    q++;
                if (q < n && dt_is_year(&v[q])) {
                    y2 = v[q].num;
                    last = q;
                }
            }
        }
        if (!m2)
            m2 = m;
        if (!d2)
            d2 = d1;
        if (!y && y2)
            y = (m2 < m) ? y2 - 1 : y2;
        if (y && !y2)
            y2 = (m2 < m) ? y + 1 : y;
        mt->need_year = y == 0;
        if (!y) {
            if (!cx->ref)
                y = y2 = 0;
            else {
                y = dt_resolve_year(cx, m, d1);
                y2 = m2 < m ? y + 1 : y;
            }
        }
        if (d1 > dt_mdays(y, m) || d2 > dt_mdays(y2, m2))
            return 0;
        mt->from = (struct date_val){y, m, d1};
        mt->to = (struct date_val){y2, m2, d2};
        mt->is_range = m2 != m || d2 != d1 || y2 != y;
        mt->kind = mt->need_year ? DATE_PARTIAL : DATE_ABSOLUTE;
        mt->grain = G_DAY;
        mt->ntok = last + 1 - i;
        mt->end = dt_end(&v[last]);
        return 1;
    }
    /* Month Year: "May 2010", "September, 2023" */
    {
        size_t k = j;
        if (k < n && v[k].kind == DT_COMMA)
            k++;
        if (k < n && dt_is_year(&v[k])) {
            mt->from = mt->to = (struct date_val){v[k].num, m, 0};
            mt->kind = DATE_ABSOLUTE;
            mt->grain = G_MONTH;
            mt->is_range = 0;
            mt->need_year = 0;
            mt->ntok = k + 1 - i;
            mt->end = v[k].e;
            return 1;
        }
    }
    /* a month alone, after a preposition ("in November", "in May and August") */
    if (i > 0 && (dt_trigger(&v[i - 1]) || ((dt_is(&v[i - 1], "and") || dt_is(&v[i - 1], "or") ||
                                             v[i - 1].kind == DT_COMMA) &&
                                            i > 1 && dt_month(&v[i - 2])))) {
        if (strcmp(v[i].low, "may") == 0 && i + 1 < n && v[i + 1].kind == DT_WORD &&
            !v[i + 1].upper && !dt_is(&v[i + 1], "and") && !dt_is(&v[i + 1], "to"))
            return 0; /* "... by May be" is a verb */
        y = 0;
        if (cx->ref) {
            const struct date_val *r = cx->ref;
            if (dt_is(&v[i - 1], "last"))
                y = m < r->m ? r->y : r->y - 1;
            else if (dt_is(&v[i - 1], "next"))
                y = m > r->m ? r->y : r->y + 1;
            else if (dt_is(&v[i - 1], "this"))
                y = r->y;
            else
                y = dt_resolve_year(cx, m, 0);
        }
        mt->from = mt->to = (struct date_val){y, m, 0};
        mt->kind = DATE_PARTIAL;
        mt->grain = G_MONTH;
        mt->is_range = 0;
        mt->need_year = 1;
        mt->ntok = 1;
        mt->end = dt_end(&v[i]);
        return 1;
    }
    return 0;
}

/* D Month [Y] and D-D2 Month [Y]: "18 September 2023", "16-17 August 2022". */
static int dt_match_day_first(const struct dtok *v, size_t n, size_t i, const struct dctx *cx,
                              struct dmatch *mt)
{
    int d1 = v[i].num, d2, m, y = 0;
    size_t j;
    if (!dt_is_day(&v[i]))
        return 0;
    j = i + dt_day_len(v, n, i);
    d2 = d1;
    if (j + 1 < n && dt_joiner(&v[j]) && dt_is_day(&v[j + 1]) && v[j + 1].num > d1) {
        d2 = v[j + 1].num;
        j += 1 + dt_day_len(v, n, j + 1);
    }
    if (j < n && dt_is(&v[j], "of"))
        j++;
    if (j >= n || !(m = dt_month(&v[j])))
        return 0;
    mt->end = dt_end(&v[j]);
    mt->ntok = j + 1 - i;
    {
        size_t k = j + 1;
        if (k < n && v[k].kind == DT_COMMA)
            k++;
        if (k < n && dt_is_year(&v[k])) {
            y = v[k].num;
            mt->end = v[k].e;
            mt->ntok = k + 1 - i;
        }
    }
    mt->need_year = y == 0;
    if (!y && cx->ref)
        y = dt_resolve_year(cx, m, d1);
    if (d2 > dt_mdays(y, m))
        return 0;
    mt->from = (struct date_val){y, m, d1};
    mt->to = (struct date_val){y, m, d2};
    mt->is_range = d2 != d1;
    mt->kind = mt->need_year ? DATE_PARTIAL : DATE_ABSOLUTE;
    mt->grain = G_DAY;
    return 1;
}

/* 2023-09-18 */
static int dt_match_iso(const struct dtok *v, size_t n, size_t i, struct dmatch *mt)
{
    if (i + 4 >= n || !dt_is_year(&v[i]))
        return 0;
    for (size_t k = i + 1; k <= i + 4; k++)
        if (v[k].sp)
            return 0;
    if (v[i + 1].kind != DT_DASH || v[i + 3].kind != DT_DASH || v[i + 2].kind != DT_NUM ||
        v[i + 4].kind != DT_NUM || v[i + 2].ndig > 2 || v[i + 4].ndig > 2)
        return 0;
    if (i + 5 < n && !v[i + 5].sp && (v[i + 5].kind == DT_NUM || v[i + 5].kind == DT_DASH))
        return 0;
    if (!dt_valid(v[i].num, v[i + 2].num, v[i + 4].num))
        return 0;
    mt->from = mt->to = (struct date_val){v[i].num, v[i + 2].num, v[i + 4].num};
    mt->kind = DATE_ABSOLUTE;
    mt->grain = G_DAY;
    mt->is_range = 0;
    mt->need_year = 0;
    mt->ntok = 5;
    mt->end = v[i + 4].e;
    return 1;
}

/* Weekday [and|to|- Weekday2]: resolved in the sentence's tense. */
static int dt_match_weekday(const struct dtok *v, size_t n, size_t i, const struct dctx *cx,
                            struct dmatch *mt)
{
    int w1 = dt_weekday(&v[i]), w2;
    long ref, first, last;
    size_t j = i + 1;
    if (!w1 || !cx->ref)
        return 0;
    w2 = w1;
    if (j + 1 < n && dt_joiner(&v[j]) && dt_weekday(&v[j + 1])) {
        w2 = dt_weekday(&v[j + 1]);
        j += 2;
    }
    ref = dt_days(cx->ref->y, cx->ref->m, cx->ref->d);
    {
        int span = (w2 - w1 + 7) % 7;
        if (cx->future) {
            first = ref + ((w1 - dt_wday(ref) + 7) % 7);
            last = first + span;
        } else {
            last = ref - ((dt_wday(ref) - w2 + 7) % 7);
            first = last - span;
        }
    }
    mt->from = dt_civil(first);
    mt->to = dt_civil(last);
    mt->is_range = first != last;
    mt->kind = DATE_RELATIVE;
    mt->grain = G_DAY;
    mt->need_year = 0;
    mt->ntok = j - i;
    mt->end = dt_end(&v[j - 1]);
    return 1;
}

/* [early|late|mid|earlier|later] this|last|next|past week|month|year;
 * today, yesterday, tomorrow. */
static int dt_match_relative(const struct dtok *v, size_t n, size_t i, const struct dctx *cx,
                             struct dmatch *mt)
{
    const struct date_val *r = cx->ref;
    size_t j = i;
    int shift;
    long ref;
    if (!r)
        return 0;
    ref = dt_days(r->y, r->m, r->d);
    mt->is_range = 0;
    mt->kind = DATE_RELATIVE;
    mt->need_year = 0;
    if (dt_is(&v[i], "today") || dt_is(&v[i], "yesterday") || dt_is(&v[i], "tomorrow")) {
        long d = ref + (dt_is(&v[i], "yesterday") ? -1 : dt_is(&v[i], "tomorrow") ? 1 : 0);
        mt->from = mt->to = dt_civil(d);
        mt->grain = G_DAY;
        mt->ntok = 1;
        mt->end = v[i].e;
        return 1;
    }
    if (dt_is(&v[j], "early") || dt_is(&v[j], "late") || dt_is(&v[j], "mid") ||
        dt_is(&v[j], "earlier") || dt_is(&v[j], "later"))
        j++;
    if (j + 1 >= n)
        return 0;
    if (dt_is(&v[j], "this") || dt_is(&v[j], "current"))
        shift = 0;
    else if (dt_is(&v[j], "last") || dt_is(&v[j], "past") || dt_is(&v[j], "previous"))
        shift = -1;
    else if (dt_is(&v[j], "next") || dt_is(&v[j], "coming"))
        shift = 1;
    else
        return 0;
    j++;
    if (dt_is(&v[j], "week")) {
        long mon = ref - (dt_wday(ref) - 1) + 7L * shift;
        mt->from = dt_civil(mon);
        mt->to = dt_civil(mon + 6);
        mt->is_range = 1;
        mt->grain = G_WEEK;
    } else if (dt_is(&v[j], "month")) {
        int y = r->y, m = r->m + shift;
        if (m < 1) {
            m = 12;
            y--;
        } else if (m > 12) {
            m = 1;
            y++;
        }
        mt->from = mt->to = (struct date_val){y, m, 0};
        mt->grain = G_MONTH;
    } else if (dt_is(&v[j], "year")) {
        mt->from = mt->to = (struct date_val){r->y + shift, 0, 0};
        mt->grain = G_YEAR;
    } else {
        return 0;
    }
    mt->ntok = j + 1 - i;
    mt->end = v[j].e;
    return 1;
}

/* A year after a preposition: "in 2023", "by the end of 2023", "early 2011". */
static int dt_match_year(const struct dtok *v, size_t n, size_t i, struct dmatch *mt)
{
    (void)n;
    if (!dt_is_year(&v[i]) || i == 0 || !dt_trigger(&v[i - 1]))
        return 0;
    if (i + 1 < n && !v[i + 1].sp && (v[i + 1].kind == DT_NUM || v[i + 1].kind == DT_WORD))
        return 0;
    mt->from = mt->to = (struct date_val){v[i].num, 0, 0};
    mt->kind = DATE_ABSOLUTE;
    mt->grain = G_YEAR;
    mt->is_range = 0;
    mt->need_year = 0;
    mt->ntok = 1;
    mt->end = v[i].e;
    return 1;
}

static int dt_match(const struct dtok *v, size_t n, size_t i, const struct dctx *cx,
                    struct dmatch *mt)
{
    memset(mt, 0, sizeof *mt);
    if (v[i].kind == DT_NUM)
        return dt_match_iso(v, n, i, mt) || dt_match_day_first(v, n, i, cx, mt) ||
               dt_match_year(v, n, i, mt);
    if (v[i].kind != DT_WORD)
        return 0;
    return dt_match_month_first(v, n, i, cx, mt) || dt_match_weekday(v, n, i, cx, mt) ||
           dt_match_relative(v, n, i, cx, mt);
}

/* -------------------------------------------------------------- tense */

/* Future cues in the sentence around [S,E): a window bounded by sentence
 * ends (". " before a capital) and at most 200 bytes each way. */
/* Non-zero when CUE (ASCII, lower case) matches T (N bytes) at its start,
 * ASCII case folded (strncasecmp in the C locale). */
static int dt_cue_at(const char *t, size_t n, const char *cue)
{
    size_t i = 0;
    for (; cue[i]; i++) {
        unsigned char c = (unsigned char)t[i];
        if (i >= n || (c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)cue[i])
            return 0;
    }
    return 1;
}

static int dt_future(const char *t, size_t len, size_t s, size_t e)
{
    static const char *const cues[] = {" will ",      " shall ",       "'ll ",         " upcoming ",
                                       " scheduled ", " plans to ",    " plan to ",    " planned ",
                                       " to be held", " expected to ", " is to ",      " are to ",
                                       " going to ",  " next ",        " to host ",    " to hold ",
                                       " slated ",    " set to ",      " forthcoming "};
    size_t a = s > 200 ? s - 200 : 0, b = e + 200 < len ? e + 200 : len;
    for (size_t k = s; k > a; k--)
        if (t[k - 1] == '\n' ||
            (k >= 2 && (t[k - 2] == '.' || t[k - 2] == '?' || t[k - 2] == '!') && t[k - 1] == ' ' &&
             k < len && t[k] >= 'A' && t[k] <= 'Z' && k + 0 < s && !(k >= 4 && t[k - 4] == '.'))) {
            a = k;
            break;
        }
    for (size_t k = e; k < b; k++)
        if (t[k] == '\n' ||
            ((t[k] == '.' || t[k] == '?' || t[k] == '!') && k + 2 < len && t[k + 1] == ' ' &&
             t[k + 2] >= 'A' && t[k + 2] <= 'Z' && !(k >= 2 && t[k - 2] == '.'))) {
            b = k;
            break;
        }
    /* every cue opens with ' ' or '\'': test the cues only there (one pass
     * instead of one strncasecmp per cue and offset) */
    for (size_t k = a; k < b; k++) {
        if (t[k] != ' ' && t[k] != '\'')
            continue;
        for (size_t c = 0; c < sizeof cues / sizeof cues[0]; c++)
            if (cues[c][0] == t[k] && dt_cue_at(t + k, b - k, cues[c]))
                return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- API */

size_t dates_find(const char *text, size_t len, const struct date_val *ref, struct date_span **out)
{
    struct dtok *v = NULL;
    size_t n = dt_tokenize(text, len, &v), cnt = 0, cap = 0;
    struct date_span *sp = NULL;

    for (size_t i = 0; i < n;) {
        struct dmatch mt;
        struct dctx cx = {ref, 0};
        if (ref && (dt_month(&v[i]) || dt_weekday(&v[i]) || v[i].kind == DT_NUM))
            cx.future = dt_future(text, len, v[i].s, v[i].e);
        if (!dt_match(v, n, i, &cx, &mt)) {
            i++;
            continue;
        }
        if (cnt == cap) {
            cap = cap ? cap * 2 : 8;
            sp = xrealloc(sp, xmul(cap, sizeof *sp));
        }
        sp[cnt].start = v[i].s;
        sp[cnt].end = mt.end;
        sp[cnt].from = mt.from;
        sp[cnt].to = mt.to;
        sp[cnt].kind = mt.kind;
        sp[cnt].is_range = mt.is_range;
        cnt++;
        i += mt.ntok ? mt.ntok : 1;
    }
    free(v);
    *out = sp;
    return cnt;
}

/* ------------------------------------------------------ normalisation */

static int dt_number_word(const char *w)
{
    static const char *const nw[] = {"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                     "seven", "eight", "nine", "ten",   "eleven", "twelve"};
    for (int i = 0; i < 13; i++)
        if (strcmp(w, nw[i]) == 0)
            return i;
    if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0)
        return 1;
    return -1;
}

static int dt_season(const char *w)
{
    if (strcmp(w, "spring") == 0)
        return 1;
    if (strcmp(w, "summer") == 0)
        return 2;
    if (strcmp(w, "fall") == 0 || strcmp(w, "autumn") == 0)
        return 3;
    if (strcmp(w, "winter") == 0)
        return 4;
    return 0;
}

int dates_normalize(const char *expr, const struct date_val *ref, char *value, size_t cap)
{
    struct dtok *v = NULL;
    size_t len = strlen(expr), n = dt_tokenize(expr, len, &v), i = 0;
    struct dctx cx = {ref, 0};
    struct dmatch mt;
    int rc = -1;
    char buf[32];

    if (!cap)
        goto out;
    /* skip "the" and modifiers that do not change the value */
    while (i < n && (dt_is(&v[i], "the") || dt_is(&v[i], "early") || dt_is(&v[i], "late") ||
                     dt_is(&v[i], "mid") || dt_is(&v[i], "earlier") || dt_is(&v[i], "later") ||
                     v[i].kind == DT_DASH ||
                     ((dt_is(&v[i], "end") || dt_is(&v[i], "beginning") || dt_is(&v[i], "start") ||
                       dt_is(&v[i], "middle")) &&
                      i + 1 < n && dt_is(&v[i + 1], "of"))))
        i += (dt_is(&v[i], "end") || dt_is(&v[i], "beginning") || dt_is(&v[i], "start") ||
              dt_is(&v[i], "middle"))
                 ? 2
                 : 1;
    if (i >= n)
        goto out;
    /* references */
    if (n - i == 1 &&
        (dt_is(&v[i], "now") || dt_is(&v[i], "currently") || dt_is(&v[i], "today") ||
         dt_is(&v[i], "present") || dt_is(&v[i], "nowadays") || dt_is(&v[i], "presently"))) {
        snprintf(value, cap, "PRESENT_REF");
        rc = 0;
        goto out;
    }
    if ((n - i == 1 &&
         (dt_is(&v[i], "past") || dt_is(&v[i], "previously") || dt_is(&v[i], "formerly"))) ||
        (n - i == 2 && dt_is(&v[i], "at") && dt_is(&v[i + 1], "time")) ||
        (n - i == 3 && dt_is(&v[i], "at") && dt_is(&v[i + 2], "time"))) {
        snprintf(value, cap, "PAST_REF");
        rc = 0;
        goto out;
    }
    if (n - i == 1 && dt_is(&v[i], "future")) {
        snprintf(value, cap, "FUTURE_REF");
        rc = 0;
        goto out;
    }
    if (!ref)
        goto out;
    /* "N years/months/weeks/days ago" */
    if (n - i >= 3 && dt_is(&v[n - 1], "ago")) {
        int k = v[i].kind == DT_NUM ? v[i].num : dt_number_word(v[i].low);
        const char *unit = v[i + 1].low;
        long refd = dt_days(ref->y, ref->m, ref->d);
        if (k < 0)
            goto out;
        if (strncmp(unit, "year", 4) == 0)
            snprintf(value, cap, "%04d", ref->y - k);
        else if (strncmp(unit, "month", 5) == 0) {
            int mm = ref->y * 12 + (ref->m - 1) - k;
            snprintf(value, cap, "%04d-%02d", mm / 12, mm % 12 + 1);
        } else if (strncmp(unit, "week", 4) == 0) {
            int wy, wk;
            dt_iso_week(refd - 7L * k, &wy, &wk);
            snprintf(value, cap, "%04d-W%02d", wy, wk);
        } else if (strncmp(unit, "day", 3) == 0) {
            struct date_val d = dt_civil(refd - k);
            date_format(&d, value, cap);
        } else {
            goto out;
        }
        rc = 0;
        goto out;
    }
    /* seasons: "last summer", "this winter", "summer" */
    {
        size_t j = i;
        int shift = 0, has = 0, s;
        if (j < n && (dt_is(&v[j], "last") || dt_is(&v[j], "this") || dt_is(&v[j], "next") ||
                      dt_is(&v[j], "past"))) {
            shift = dt_is(&v[j], "next") ? 1 : dt_is(&v[j], "this") ? 0 : -1;
            has = 1;
            j++;
        }
        if (j + 1 == n && (s = dt_season(v[j].low)) != 0) {
            /* the season's year: the one that has begun by the reference */
            int start_m = s * 3, y = ref->y;
            int begun = ref->m >= start_m || (s == 4 && ref->m <= 2);
            if (s == 4 && ref->m <= 2)
                y--;
            if (!has || shift == 0)
                ;
            else if (shift < 0)
                y = begun && !(s == 4 && ref->m <= 2) ? y : y - 1;
            else
                y = begun ? y + 1 : y;
            if (has && shift < 0 && begun && !(s == 4 && ref->m <= 2))
                y = y - 1;
            snprintf(value, cap, "%04d-%s", y,
                     s == 1   ? "SP"
                     : s == 2 ? "SU"
                     : s == 3 ? "FA"
                              : "WI");
            rc = 0;
            goto out;
        }
    }
    /* "this/last/next week" as an ISO week */
    if (i + 2 == n && dt_is(&v[i + 1], "week") &&
        (dt_is(&v[i], "this") || dt_is(&v[i], "last") || dt_is(&v[i], "next") ||
         dt_is(&v[i], "past") || dt_is(&v[i], "previous") || dt_is(&v[i], "current"))) {
        int wy, wk,
            shift = dt_is(&v[i], "next")                                ? 1
                    : (dt_is(&v[i], "this") || dt_is(&v[i], "current")) ? 0
                                                                        : -1;
        dt_iso_week(dt_days(ref->y, ref->m, ref->d) + 7L * shift, &wy, &wk);
        snprintf(value, cap, "%04d-W%02d", wy, wk);
        rc = 0;
        goto out;
    }
    /* "this fiscal year" */
    if (i + 3 == n && dt_is(&v[i + 1], "fiscal") && dt_is(&v[i + 2], "year") &&
        (dt_is(&v[i], "this") || dt_is(&v[i], "last") || dt_is(&v[i], "next"))) {
        snprintf(value, cap, "%04d",
                 ref->y + (dt_is(&v[i], "next")   ? 1
                           : dt_is(&v[i], "last") ? -1
                                                  : 0));
        rc = 0;
        goto out;
    }
    /* "year" alone after "end of" etc.: the reference year */
    if (i + 1 == n && dt_is(&v[i], "year")) {
        snprintf(value, cap, "%04d", ref->y);
        rc = 0;
        goto out;
    }
    /* "20th century" -> "19" */
    if (i + 3 <= n && v[i].kind == DT_NUM && dt_is(&v[i + 2], "century") && v[i].num >= 1 &&
        v[i].num <= 99) {
        snprintf(value, cap, "%02d", v[i].num - 1);
        rc = 0;
        goto out;
    }
    /* a bare two-digit year ("58", "'58") */
    if (n - i <= 2 && v[n - 1].kind == DT_NUM && v[n - 1].ndig == 2 &&
        (n - i == 1 || (v[i].kind == DT_OTHER && expr[v[i].s] == '\''))) {
        int yy = v[n - 1].num;
        snprintf(value, cap, "%04d", yy > ref->y % 100 ? 1900 + yy : 2000 + yy);
        rc = 0;
        goto out;
    }
    /* "last June": the most recent such month before the reference month */
    if (i + 2 == n && dt_month(&v[i + 1]) && (dt_is(&v[i], "last") || dt_is(&v[i], "next"))) {
        int m = dt_month(&v[i + 1]);
        int y = dt_is(&v[i], "last") ? (m < ref->m ? ref->y : ref->y - 1)
                                     : (m > ref->m ? ref->y : ref->y + 1);
        snprintf(value, cap, "%04d-%02d", y, m);
        rc = 0;
        goto out;
    }
    if (dt_match(v, n, i, &cx, &mt) ||
        (dt_month(&v[i]) && i + 1 == n &&
         (mt.from = mt.to =
              (struct date_val){dt_resolve_year(&cx, dt_month(&v[i]), 0), dt_month(&v[i]), 0},
          mt.grain = G_MONTH, mt.ntok = 1)) ||
        (dt_is_year(&v[i]) && i + 1 == n &&
         (mt.from = mt.to = (struct date_val){v[i].num, 0, 0}, mt.grain = G_YEAR, mt.ntok = 1))) {
        if (mt.grain == G_WEEK) {
            int wy, wk;
            dt_iso_week(dt_days(mt.from.y, mt.from.m, mt.from.d), &wy, &wk);
            snprintf(value, cap, "%04d-W%02d", wy, wk);
        } else {
            date_format(&mt.from, buf, sizeof buf);
            snprintf(value, cap, "%s", buf);
        }
        rc = 0;
    }
out:
    free(v);
    return rc;
}
