/* compare_input.c - loading the meeting records, dropping duplicate files,
 * merging records of the same meeting, and ordering the meetings. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "fileio.h"
#include "jsonio.h"
#include "schema.h"
#include "xalloc.h"

/* Source types from the most to the least complete; the first two are full
 * statements whose silence on a topic is evidence of absence. */
static const char *const compare_doc_types[] = {"joint_statement", "press_release", "news_report",
                                                "analysis", "other"};
#define COMPARE_FULL_TYPES 2

/* ------------------------------------------------------------ dates */

int compare_day(const char *s, long *day)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long y, m, dd;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = atol(s);
    m = atol(s + 5);
    dd = atol(s + 8);
    if (m < 1 || m > 12 || dd < 1)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (dd > mdays[m - 1] + (m == 2 && leap))
        return -1;
    /* days from civil (H. Hinnant's algorithm) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *day = era * 146097 + doe - 719468;
    return 0;
}

/* The month named in TEXT (full name or abbreviation, any case, a whole
 * word; "May" and "March" are taken only capitalised), 1-12, or 0; the
 * first four-digit year 1900-2199 into *YEAR, or 0 when none. */
int compare_text_month(const char *text, int *year)
{
    static const char *const names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    static const char *const abbr[] = {"jan", "feb", "mar",  "apr", "may", "jun",
                                       "jul", "aug", "sept", "oct", "nov", "dec"};
    int month = 0;
    *year = 0;
    if (!text)
        return 0;
    for (const char *p = text; *p; p++) {
        size_t n = 0;
        char w[16];
        if ((p > text && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z') ||
                          (p[-1] >= '0' && p[-1] <= '9'))))
            continue;
        if (!*year && p[0] >= '1' && p[0] <= '2' && strspn(p, "0123456789") == 4) {
            int y = atoi(p);
            if (y >= 1900 && y <= 2199)
                *year = y;
        }
        while (n + 1 < sizeof w && ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z'))) {
            w[n] = (char)(p[n] | 0x20);
            n++;
        }
        w[n] = '\0';
        if (month || n < 3 || (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z'))
            continue;
        for (int m = 0; m < 12 && !month; m++) {
            /* "may" and "march" are also ordinary words */
            if ((m == 2 || m == 4) && !(p[0] >= 'A' && p[0] <= 'Z'))
                continue;
            if (!strcmp(w, names[m]) || (!strcmp(w, abbr[m]) && (m == 4 || p[n] == '.')))
                month = m + 1;
        }
    }
    return month;
}

/* ------------------------------------------------------------ loading */

/* Read, validate and reduce one record into S (see compare_source_reduce).
 * 0, or -1 with D filled (S then holds what compare_source_free frees). */
static int compare_load_one(struct compare_ctx *c, struct compare_source *s, const char *path,
                            struct diag *d)
{
    const json_t *src, *words;
    memset(s, 0, sizeof *s);
    s->doc = jsonio_load(path, d);
    if (!s->doc)
        return -1;
    if (schema_check("meeting", s->doc, diag_name(path), d) != 0)
        return -1;
    src = json_object_get(s->doc, "source");
    if (!json_is_object(src) || !json_is_object(json_object_get(s->doc, "meeting"))) {
        diag_set(d, diag_name(path),
                 "expected a meeting record with \"source\" and \"meeting\" "
                 "objects, found none");
        diag_at_pointer(d, json_is_object(src) ? "/meeting" : "/source");
        return -1;
    }
    s->path = xstrdup(path);
    s->file = jsonio_str(src, "file");
    if (!s->file || !*s->file)
        s->file = fileio_basename(s->path);
    s->sha = jsonio_str(src, "sha256");
    if (!s->sha)
        s->sha = "";
    s->doc_type = jsonio_str(src, "doc_type");
    s->pref = 4;
    for (int i = 0; i < 5; i++)
        if (s->doc_type && !strcmp(s->doc_type, compare_doc_types[i]))
            s->pref = i;
    s->doc_type = compare_doc_types[s->pref];
    s->full = s->pref < COMPARE_FULL_TYPES;
    s->published = jsonio_str(src, "published");
    words = json_object_get(src, "words");
    s->words = json_is_integer(words) ? (long long)json_integer_value(words) : 0;
    compare_source_reduce(c, s);
    return 0;
}

/* Read the --failed file: "file<TAB>reason" lines. */
static int compare_load_failed(struct compare_ctx *c, const char *path, struct diag *d)
{
    size_t len;
    char *text = fileio_read(path, 16u * 1024u * 1024u, &len, d);
    const char *p, *end;
    if (!text)
        return -1;
    for (p = text, end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *tab = memchr(p, '\t', l);
        if (l && p[l - 1] == '\r')
            l--;
        if (l) {
            size_t fl = tab ? (size_t)(tab - p) : l;
            const char *why = tab ? tab + 1 : "";
            size_t wl = tab ? l - fl - 1 : 0;
            json_array_append_new(
                c->failed, json_pack("{s:o,s:o}", "file", jsonio_stringn(p, fl), "reason",
                                     wl ? jsonio_stringn(why, wl) : jsonio_string("failed")));
        }
        p = nl ? nl + 1 : end;
    }
    free(text);
    return 0;
}

/* ------------------------------------------------------------ merging */

static size_t compare_find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void compare_union(size_t *parent, size_t a, size_t b)
{
    a = compare_find(parent, a);
    b = compare_find(parent, b);
    if (a != b)
        parent[a < b ? b : a] = a < b ? a : b;
}

/* Sorting context: qsort has no user pointer, so the comparators read this
 * file-static pointer (set just before each sort). */
static const struct compare_source *compare_sort_src;

static const char *compare_series_of(const struct compare_source *s)
{
    return jsonio_str(json_object_get(s->doc, "meeting"), "series");
}

static long long compare_ordinal_of(const struct compare_source *s)
{
    const json_t *o = json_object_get(json_object_get(s->doc, "meeting"), "ordinal");
    return json_is_integer(o) && json_integer_value(o) > 0 ? (long long)json_integer_value(o) : -1;
}

static int compare_days_of(const struct compare_source *s, long *a, long *b)
{
    const json_t *m = json_object_get(s->doc, "meeting");
    if (compare_day(jsonio_str(m, "start_date"), a) != 0)
        return -1;
    if (compare_day(jsonio_str(m, "end_date"), b) != 0 || *b < *a)
        *b = *a;
    return 0;
}

static int compare_by_sha(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int r = strcmp(compare_sort_src[i].sha, compare_sort_src[j].sha);
    return r ? r : (i > j) - (i < j);
}

static int compare_by_series_ordinal(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int r = strcasecmp(compare_series_of(&compare_sort_src[i]),
                       compare_series_of(&compare_sort_src[j]));
    long long a = compare_ordinal_of(&compare_sort_src[i]),
              b = compare_ordinal_of(&compare_sort_src[j]);
    if (r)
        return r;
    if (a != b)
        return a < b ? -1 : 1;
    return (i > j) - (i < j);
}

static int compare_by_series_date(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    long a0, a1, b0, b1;
    int r = strcasecmp(compare_series_of(&compare_sort_src[i]),
                       compare_series_of(&compare_sort_src[j]));
    if (r)
        return r;
    compare_days_of(&compare_sort_src[i], &a0, &a1);
    compare_days_of(&compare_sort_src[j], &b0, &b1);
    if (a0 != b0)
        return a0 < b0 ? -1 : 1;
    return (i > j) - (i < j);
}

/* Preferred source first: full statements, then longer texts. */
static int compare_by_pref(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    const struct compare_source *a = &compare_sort_src[i], *b = &compare_sort_src[j];
    if (a->pref != b->pref)
        return a->pref < b->pref ? -1 : 1;
    if (a->words != b->words)
        return a->words > b->words ? -1 : 1;
    return (i > j) - (i < j);
}

/* Union records of the same meeting: same series and ordinal, or same
 * series and overlapping or adjacent dates (unless their ordinals differ). */
static void compare_merge(struct compare_ctx *c, const size_t *live, size_t nlive, size_t *parent)
{
    size_t *idx = xmalloc(xmul(nlive ? nlive : 1, sizeof *idx)), n = 0;
    compare_sort_src = c->src;
    for (size_t k = 0; k < nlive; k++)
        if (compare_series_of(&c->src[live[k]]) && compare_ordinal_of(&c->src[live[k]]) > 0)
            idx[n++] = live[k];
    qsort(idx, n, sizeof *idx, compare_by_series_ordinal);
    for (size_t k = 1; k < n; k++)
        if (!strcasecmp(compare_series_of(&c->src[idx[k - 1]]),
                        compare_series_of(&c->src[idx[k]])) &&
            compare_ordinal_of(&c->src[idx[k - 1]]) == compare_ordinal_of(&c->src[idx[k]]))
            compare_union(parent, idx[k - 1], idx[k]);
    n = 0;
    for (size_t k = 0; k < nlive; k++) {
        long a, b;
        if (compare_series_of(&c->src[live[k]]) && compare_days_of(&c->src[live[k]], &a, &b) == 0)
            idx[n++] = live[k];
    }
    qsort(idx, n, sizeof *idx, compare_by_series_date);
    for (size_t k = 1, run = 0; k < n; k++) {
        const struct compare_source *p = &c->src[idx[run]], *q = &c->src[idx[k]];
        long p0, p1, q0, q1;
        long long po = compare_ordinal_of(p), qo = compare_ordinal_of(q);
        compare_days_of(p, &p0, &p1);
        compare_days_of(q, &q0, &q1);
        if (strcasecmp(compare_series_of(p), compare_series_of(q)) == 0 && q0 <= p1 + 1 &&
            (po < 0 || qo < 0 || po == qo)) {
            compare_union(parent, idx[run], idx[k]);
            if (q1 > p1)
                run = k; /* extend the run with the later-ending record */
        } else {
            run = k;
        }
    }
    free(idx);
}

/* ------------------------------------------------------------ facts */

static const char *const compare_fact_fields[] = {"series",     "name",     "ordinal",
                                                  "start_date", "end_date", "city",
                                                  "country",    "format",   "date_basis"};
/* fields whose disagreement is a conflict worth reporting */
static int compare_conflict_field(const char *f)
{
    return !strcmp(f, "ordinal") || !strcmp(f, "start_date") || !strcmp(f, "end_date") ||
           !strcmp(f, "city") || !strcmp(f, "country");
}

static const char *compare_evidence_key(const char *field)
{
    if (!strcmp(field, "start_date") || !strcmp(field, "end_date"))
        return "dates";
    return field;
}

static void compare_merge_facts(struct compare_ctx *c, struct compare_meeting *m)
{
    m->facts = json_object();
    m->conflicts = json_array();
    for (size_t f = 0; f < sizeof compare_fact_fields / sizeof compare_fact_fields[0]; f++) {
        const char *field = compare_fact_fields[f];
        json_t *chosen = NULL, *values = json_array();
        int differ = 0;
        for (size_t k = 0; k < m->nsrc; k++) {
            const struct compare_source *s = &c->src[m->src[k]];
            const json_t *mt = json_object_get(s->doc, "meeting");
            json_t *v = json_object_get(mt, field);
            if (!v || json_is_null(v))
                continue;
            if (!chosen)
                chosen = v;
            else if (!json_equal(chosen, v))
                differ = 1;
            json_t *ev = compare_evidence(
                json_object_get(json_object_get(mt, "evidence"), compare_evidence_key(field)),
                s->file);
            json_array_append_new(values, json_pack("{s:s,s:O,s:o}", "file", s->file, "value", v,
                                                    "evidence", ev ? ev : json_null()));
        }
        json_object_set_new(m->facts, field, chosen ? json_incref(chosen) : json_null());
        if (differ && compare_conflict_field(field))
            json_array_append_new(m->conflicts,
                                  json_pack("{s:s,s:o}", "field", field, "values", values));
        else
            json_decref(values);
    }
    m->series = jsonio_str(m->facts, "series");
    m->ordinal = json_is_integer(json_object_get(m->facts, "ordinal"))
                     ? (long long)json_integer_value(json_object_get(m->facts, "ordinal"))
                     : -1;
}

/* ------------------------------------------------------------ chronology */

static int compare_by_chrono(const void *x, const void *y)
{
    const struct compare_meeting *a = x, *b = y;
    int r;
    if (a->has_sortday != b->has_sortday)
        return a->has_sortday ? -1 : 1;
    if (a->has_sortday && a->sortday != b->sortday)
        return a->sortday < b->sortday ? -1 : 1;
    r = strcasecmp(a->series ? a->series : "", b->series ? b->series : "");
    if (r)
        return r;
    if (a->ordinal != b->ordinal)
        return a->ordinal < b->ordinal ? -1 : 1;
    return (a->src[0] > b->src[0]) - (a->src[0] < b->src[0]);
}

const char *compare_month(int m)
{
    static const char *const months[] = {"Jan.", "Feb.", "March", "April", "May",  "June",
                                         "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};
    return m >= 1 && m <= 12 ? months[m - 1] : "?";
}

static void compare_label(struct compare_ctx *c, struct compare_meeting *m, json_t *ids)
{
    struct buf b = BUF_INIT, id = BUF_INIT;
    const char *name = m->series ? m->series : jsonio_str(m->facts, "name");
    const char *date = jsonio_str(m->facts, "start_date");
    long day;
    if (m->ordinal > 0) {
        long long r = m->ordinal % 100;
        const char *sfx = (r >= 11 && r <= 13)   ? "th"
                          : m->ordinal % 10 == 1 ? "st"
                          : m->ordinal % 10 == 2 ? "nd"
                          : m->ordinal % 10 == 3 ? "rd"
                                                 : "th";
        buf_printf(&b, "%lld%s ", m->ordinal, sfx);
    }
    buf_append(&b, name && *name ? name : "Meeting");
    if (compare_day(date, &day) == 0) {
        buf_printf(&b, " (%s %.4s)", compare_month(atoi(date + 5)), date);
    } else {
        date = c->src[m->src[0]].published;
        if (compare_day(date, &day) == 0)
            buf_printf(&b, " (reported %s %.4s)", compare_month(atoi(date + 5)), date);
        else
            buf_append(&b, " (date unknown)");
    }
    m->label = buf_take(&b);
    /* id: series slug plus date or ordinal, made unique */
    for (const char *p = m->series ? m->series : "meeting"; *p; p++) {
        char ch = *p;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            buf_putc(&id, ch);
        else if (id.len && id.p[id.len - 1] != '-')
            buf_putc(&id, '-');
    }
    if (!id.len)
        buf_append(&id, "meeting");
    date = jsonio_str(m->facts, "start_date");
    if (compare_day(date, &day) == 0)
        buf_printf(&id, "-%s", date);
    else if (m->ordinal > 0)
        buf_printf(&id, "-%lld", m->ordinal);
    else
        buf_append(&id, "-undated");
    if (json_object_get(ids, buf_str(&id))) {
        size_t base = id.len;
        for (int k = 2;; k++) {
            id.len = base;
            id.p[base] = '\0';
            buf_printf(&id, "-%d", k);
            if (!json_object_get(ids, buf_str(&id)))
                break;
        }
    }
    json_object_set_new(ids, buf_str(&id), json_true());
    m->id = buf_take(&id);
}

/* ------------------------------------------------------------ entry */

int compare_input_load(struct compare_ctx *c, const struct compare_opts *o, struct diag *d)
{
    size_t *order = NULL, *live = NULL, *parent = NULL, *root_meeting = NULL, nlive = 0;
    json_t *ids = NULL;
    int rc = -1;
    c->failed = json_array();
    c->duplicates = json_array();
    if (o->failed && compare_load_failed(c, o->failed, d) != 0)
        return -1;
    c->src = xcalloc(o->ninputs, sizeof *c->src);
    c->words = json_object();
    for (size_t i = 0; i < o->ninputs; i++) {
        if (compare_load_one(c, &c->src[i], o->inputs[i], d) != 0) {
            compare_source_free(&c->src[i]);
            c->nsrc = i;
            return -1;
        }
        c->nsrc = i + 1;
    }
    /* the same file twice (same digest) counts once: keep the first */
    order = xmalloc(xmul(c->nsrc, sizeof *order));
    live = xmalloc(xmul(c->nsrc, sizeof *live));
    parent = xmalloc(xmul(c->nsrc, sizeof *parent));
    root_meeting = xmalloc(xmul(c->nsrc, sizeof *root_meeting));
    for (size_t i = 0; i < c->nsrc; i++) {
        order[i] = i;
        parent[i] = i;
        root_meeting[i] = (size_t)-1;
    }
    compare_sort_src = c->src;
    qsort(order, c->nsrc, sizeof *order, compare_by_sha);
    for (size_t k = 0; k < c->nsrc; k++) {
        size_t i = order[k];
        if (k > 0 && *c->src[i].sha && !strcmp(c->src[i].sha, c->src[order[k - 1]].sha)) {
            size_t first = order[k - 1];
            json_array_append_new(c->duplicates,
                                  json_pack("{s:o,s:s}", "file", jsonio_string(c->src[i].path),
                                            "duplicate_of", c->src[first].file));
            c->src[i].meeting = (size_t)-1; /* dropped */
            order[k] = first;               /* later duplicates point at the first kept */
            continue;
        }
        c->src[i].meeting = 0;
    }
    for (size_t i = 0; i < c->nsrc; i++)
        if (c->src[i].meeting != (size_t)-1)
            live[nlive++] = i;
    compare_merge(c, live, nlive, parent);
    /* meetings: one per union root, sources in preference order */
    c->m = xcalloc(nlive ? nlive : 1, sizeof *c->m);
    for (size_t k = 0; k < nlive; k++) {
        size_t r = compare_find(parent, live[k]);
        if (root_meeting[r] == (size_t)-1)
            root_meeting[r] = c->nm++;
        struct compare_meeting *m = &c->m[root_meeting[r]];
        m->src = xrealloc(m->src, xmul(m->nsrc + 1, sizeof *m->src));
        m->src[m->nsrc++] = live[k];
    }
    for (size_t i = 0; i < c->nm; i++) {
        struct compare_meeting *m = &c->m[i];
        long day;
        qsort(m->src, m->nsrc, sizeof *m->src, compare_by_pref);
        compare_merge_facts(c, m);
        for (size_t k = 0; k < m->nsrc; k++)
            m->full |= c->src[m->src[k]].full;
        const char *basis = jsonio_str(m->facts, "date_basis");
        if (compare_day(jsonio_str(m->facts, "start_date"), &day) == 0) {
            m->sortday = day;
            m->has_sortday = 1;
            if (basis && (!strcmp(basis, "relative") || !strcmp(basis, "partial") ||
                          !strcmp(basis, "caption")))
                m->date_flag = !strcmp(basis, "relative")  ? "relative"
                               : !strcmp(basis, "partial") ? "partial"
                                                           : "caption";
        } else {
            m->date_flag = "unknown";
            for (size_t k = 0; k < m->nsrc; k++)
                if (compare_day(c->src[m->src[k]].published, &day) == 0) {
                    m->sortday = day;
                    m->has_sortday = 1;
                    m->date_flag = "publication_date";
                    break;
                }
        }
    }
    qsort(c->m, c->nm, sizeof *c->m, compare_by_chrono);
    ids = json_object();
    for (size_t i = 0; i < c->nm; i++) {
        for (size_t k = 0; k < c->m[i].nsrc; k++)
            c->src[c->m[i].src[k]].meeting = i;
        compare_label(c, &c->m[i], ids);
    }
    rc = 0;
    json_decref(ids);
    free(order);
    free(live);
    free(parent);
    free(root_meeting);
    return rc;
}

void compare_ctx_free(struct compare_ctx *c)
{
    for (size_t i = 0; i < c->nsrc; i++)
        compare_source_free(&c->src[i]);
    free(c->src);
    json_decref(c->words);
    for (size_t i = 0; i < c->nm; i++) {
        free(c->m[i].src);
        json_decref(c->m[i].facts);
        json_decref(c->m[i].conflicts);
        free(c->m[i].id);
        free(c->m[i].label);
    }
    free(c->m);
    json_decref(c->failed);
    json_decref(c->duplicates);
    json_decref(c->topics);
    compare_vocab_free(&c->signals);
    compare_vocab_free(&c->ranks);
    memset(c, 0, sizeof *c);
}
