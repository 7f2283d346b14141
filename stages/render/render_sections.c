/* render_sections.c - the briefing's contents, section by section.
 *
 * Reads the comparison defensively: any field may be missing, null or of an
 * unexpected type; what is not there is shown as "not stated", never guessed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "datadir.h"
#include "fileio.h"
#include "render.h"
#include "render_fonts.h"
#include "render_layout.h"
#include "render_pdf.h"
#include "render_text.h"
#include "xalloc.h"

/* ==== styles ============================================================= */

#define NAVY 0.09f, 0.19f, 0.36f
#define INK 0.10f, 0.10f, 0.12f
#define GREY 0.38f, 0.38f, 0.42f
#define LINK 0.10f, 0.32f, 0.72f

static const struct lay_style st_title = {RFONT_BOLD, 16, 20, NAVY};
static const struct lay_style st_sub = {RFONT_REGULAR, 9.5, 12.5, GREY};
static const struct lay_style st_h1 = {RFONT_BOLD, 12.5, 16, NAVY};
static const struct lay_style st_h2 = {RFONT_BOLD, 9.5, 13, INK};
static const struct lay_style st_body = {RFONT_REGULAR, 8.8, 12, INK};
static const struct lay_style st_bold = {RFONT_BOLD, 8.8, 12, INK};
static const struct lay_style st_ital = {RFONT_ITALIC, 8.8, 12, INK};
static const struct lay_style st_note = {RFONT_BOLD, 7.5, 12, LINK};
static const struct lay_style st_small = {RFONT_REGULAR, 7.5, 9.6, GREY};
static const struct lay_style st_cell = {RFONT_REGULAR, 7.4, 9.4, INK};
static const struct lay_style st_cellb = {RFONT_BOLD, 7.4, 9.4, INK};
static const struct lay_style st_cellw = {RFONT_BOLD, 7.4, 9.4, 1.0f, 1.0f, 1.0f};
static const struct lay_style st_cellg = {RFONT_REGULAR, 7.4, 9.4, GREY};
static const struct lay_style st_notes = {RFONT_REGULAR, 7.6, 10, INK};

#define NOT_STATED "not stated"

/* ==== JSON access ======================================================== */

static const char *js(const json_t *o, const char *k)
{
    const json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const json_t *ja(const json_t *o, const char *k)
{
    const json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_array(v) ? v : NULL;
}

static size_t jn(const json_t *a)
{
    return json_is_array(a) ? json_array_size(a) : 0;
}

static int jint(const json_t *o, const char *k, long long *v)
{
    const json_t *x = json_is_object(o) ? json_object_get(o, k) : NULL;
    if (!json_is_integer(x))
        return 0;
    *v = json_integer_value(x);
    return 1;
}

/* A scalar as text ("" for null/missing): strings as is, numbers printed. */
static void jtext(struct buf *b, const json_t *v)
{
    if (json_is_string(v))
        buf_append(b, json_string_value(v));
    else if (json_is_integer(v))
        buf_printf(b, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        buf_printf(b, "%g", json_real_value(v));
    else if (json_is_true(v))
        buf_append(b, "yes");
    else if (json_is_false(v))
        buf_append(b, "no");
}

/* ==== dates ============================================================== */

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static int parse_date(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* Days since 1970-01-01 (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void fmt_date(struct buf *b, const char *iso)
{
    int y, m, d;
    if (parse_date(iso, &y, &m, &d))
        buf_printf(b, "%d %s %d", d, months[m - 1], y);
    else if (iso && *iso)
        buf_append(b, iso);
    else
        buf_append(b, "date " NOT_STATED);
}

static void fmt_range(struct buf *b, const char *s, const char *e)
{
    int y1, m1, d1, y2, m2, d2;
    if (!e || !s || strcmp(s, e) == 0 || !parse_date(s, &y1, &m1, &d1) ||
        !parse_date(e, &y2, &m2, &d2)) {
        fmt_date(b, s ? s : e);
        return;
    }
    if (y1 == y2 && m1 == m2)
        buf_printf(b, "%d\xE2\x80\x93%d %s %d", d1, d2, months[m1 - 1], y1);
    else if (y1 == y2)
        buf_printf(b, "%d %s \xE2\x80\x93 %d %s %d", d1, months[m1 - 1], d2, months[m2 - 1], y1);
    else
        buf_printf(b, "%d %s %d \xE2\x80\x93 %d %s %d", d1, months[m1 - 1], y1, d2, months[m2 - 1],
                   y2);
}

/* ==== the document state ================================================= */

struct rdoc {
    struct layout *L;
    const json_t *doc, *meetings;
    json_t *notes;      /* array of evidence objects, note n = index n-1 (owned) */
    json_t *note_ix;    /* canonical text of a note -> its index in notes (owned) */
    json_t *meeting_ix; /* id_key of a meeting id -> first meeting index (owned, lazy) */
    struct buf scratch;
    HPDF_Doc pdf;
};

static const char *meeting_label(const struct rdoc *r, size_t i, struct buf *b)
{
    const json_t *m = json_array_get(r->meetings, i);
    const char *lab = js(m, "label"), *series = js(m, "series"), *name = js(m, "name");
    long long ord;
    buf_reset(b);
    if (lab && *lab)
        buf_append(b, lab);
    else if (series && jint(m, "ordinal", &ord))
        buf_printf(b, "%s %lld", series, ord);
    else if (series)
        buf_append(b, series);
    else if (name)
        buf_append(b, name);
    else
        buf_printf(b, "Meeting %zu", i + 1);
    return buf_str(b);
}

/* A key that two scalars share exactly when json_equal says they are equal
 * (type tag, then the value); 0 when V is no scalar (then callers compare
 * with json_equal one by one). Ids and cells are looked up through these
 * keys so that a briefing of thousands of meetings is not quadratic. */
static int id_key(const json_t *v, struct buf *b)
{
    char num[40];
    buf_reset(b);
    switch (json_typeof(v)) {
    case JSON_STRING:
        buf_putc(b, 's');
        buf_appendn(b, json_string_value(v), json_string_length(v));
        return 1;
    case JSON_INTEGER:
        snprintf(num, sizeof num, "i%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        snprintf(num, sizeof num, "r%.17g", json_real_value(v));
        break;
    case JSON_TRUE:
        return buf_append(b, "t"), 1;
    case JSON_FALSE:
        return buf_append(b, "f"), 1;
    case JSON_NULL:
        return buf_append(b, "n"), 1;
    default:
        return 0;
    }
    buf_append(b, num);
    return 1;
}

/* ix[KEY(v)] = I unless KEY is there already (the first one wins, as in a
 * linear search); 0 when V has no key. */
static int ix_put(json_t *ix, const json_t *v, size_t i, struct buf *b)
{
    json_t *n;
    if (!v || !id_key(v, b))
        return 0;
    if (json_object_getn(ix, b->p, b->len))
        return 1;
    n = json_integer((json_int_t)i);
    if (!n || json_object_setn_new(ix, b->p, b->len, n) != 0)
        xalloc_die();
    return 1;
}

/* ix[KEY(v)], or -1 when absent; -2 when V has no key. */
static long ix_get(const json_t *ix, const json_t *v, struct buf *b)
{
    const json_t *n;
    if (!v || !id_key(v, b))
        return -2;
    n = json_object_getn(ix, b->p, b->len);
    return n ? (long)json_integer_value(n) : -1;
}

static json_t *ix_new(void)
{
    json_t *ix = json_object();
    if (!ix)
        xalloc_die();
    return ix;
}

/* Index of the first meeting whose id equals ID, or -1. */
static long meeting_index(struct rdoc *r, const json_t *id)
{
    struct buf k = BUF_INIT;
    long found;
    if (!id)
        return -1;
    if (!r->meeting_ix) {
        r->meeting_ix = ix_new();
        for (size_t i = 0; i < jn(r->meetings); i++)
            ix_put(r->meeting_ix, json_object_get(json_array_get(r->meetings, i), "id"), i, &k);
    }
    found = ix_get(r->meeting_ix, id, &k);
    buf_free(&k);
    if (found != -2)
        return found;
    for (size_t i = 0; i < jn(r->meetings); i++) { /* an object or array id */
        const json_t *mid = json_object_get(json_array_get(r->meetings, i), "id");
        if (mid && json_equal(mid, id))
            return (long)i;
    }
    return -1;
}

static void label_of_id(struct rdoc *r, const json_t *id, struct buf *b)
{
    long i = meeting_index(r, id);
    struct buf t = BUF_INIT;
    if (i >= 0)
        buf_append(b, meeting_label(r, (size_t)i, &t));
    else if (id)
        jtext(b, id);
    buf_free(&t);
}

/* Register evidence EV as a note (FILE when EV lacks one); returns its number
 * (1-based), reusing an equal note, or 0 when EV is not an evidence object. */
static int note_add(struct rdoc *r, const json_t *ev, const char *file)
{
    json_t *n;
    const json_t *have;
    char *key;
    if (!json_is_object(ev) || !js(ev, "text"))
        return 0;
    n = json_deep_copy(ev);
    if (!n)
        xalloc_die();
    if (!js(n, "file") && file)
        json_object_set_new(n, "file", json_string(file));
    /* equal notes have the same canonical text (sorted keys): one lookup */
    key = json_dumps(n, JSON_COMPACT | JSON_SORT_KEYS);
    if (!key)
        xalloc_die();
    have = json_object_get(r->note_ix, key);
    if (have) {
        xalloc_json_free(key);
        json_decref(n);
        return (int)json_integer_value(have) + 1;
    }
    if (json_object_set_new(r->note_ix, key, json_integer((json_int_t)json_array_size(r->notes))) !=
            0 ||
        json_array_append_new(r->notes, n) != 0)
        xalloc_die();
    xalloc_json_free(key);
    return (int)json_array_size(r->notes);
}

/* The single source file of meeting M, or NULL when it has none or several. */
static const char *meeting_file(const json_t *m)
{
    const json_t *s = ja(m, "sources");
    if (jn(s) == 1 && json_is_string(json_array_get(s, 0)))
        return json_string_value(json_array_get(s, 0));
    return NULL;
}

static HPDF_Outline outline(struct rdoc *r, HPDF_Outline parent, const char *title,
                            HPDF_Destination dst)
{
    char *a = render_text_ascii(title);
    HPDF_Outline o = HPDF_CreateOutline(r->pdf, parent, a, NULL);
    free(a);
    if (o && dst)
        HPDF_Outline_SetDestination(o, dst);
    if (o)
        HPDF_Outline_SetOpened(o, HPDF_FALSE);
    return o;
}

static HPDF_Outline section(struct rdoc *r, const char *title)
{
    HPDF_Destination dst;
    r->L->step = title;
    dst = lay_heading(r->L, &st_h1, title, 16, 60);
    lay_space(r->L, 3);
    return outline(r, NULL, title, dst);
}

/* A plain table: N columns as fractions FRAC of width W, a bold header row
 * HEAD, body cells in the cell style. */
static void table_setup(struct lay_table *t, size_t n, double w, const double *frac,
                        const char *const *head)
{
    memset(t, 0, sizeof *t);
    t->ncols = n;
    t->pad = 3;
    t->body = &st_cell;
    t->has_head = 1;
    for (size_t c = 0; c < n; c++) {
        t->width[c] = frac[c] * w;
        t->head[c] = (struct lay_cell){head[c], &st_cellb, 0, 0, 0, 0, 0};
    }
}

static void subhead(struct rdoc *r, const char *title)
{
    lay_heading(r->L, &st_h2, title, 8, 40);
    lay_space(r->L, 1);
}

/* ==== 1. title, findings, at a glance ==================================== */

static void title_block(struct rdoc *r, const char *date)
{
    struct layout *L = r->L;
    struct buf t = BUF_INIT, lab = BUF_INIT;
    size_t n = jn(r->meetings);
    HPDF_Destination dst;
    r->L->step = "the title block";
    if (n == 0) {
        buf_append(&t, "Alliance defense meetings: no meeting could be compared");
    } else if (n <= 4) {
        buf_append(&t, "Alliance defense meetings compared: ");
        for (size_t i = 0; i < n; i++) {
            if (i)
                buf_append(&t, i + 1 == n ? " and " : ", ");
            buf_append(&t, meeting_label(r, i, &lab));
        }
    } else {
        const char *s0 = js(json_array_get(r->meetings, 0), "start_date");
        const char *s1 = js(json_array_get(r->meetings, n - 1), "start_date");
        buf_printf(&t, "%zu alliance defense meetings compared", n);
        if (s0 && s1) {
            buf_append(&t, ", ");
            fmt_date(&t, s0);
            buf_append(&t, " to ");
            fmt_date(&t, s1);
        }
    }
    lay_page(L);
    lay_rect(L, L->x0, L->y - 3, L->x1 - L->x0, 3, NAVY, 0);
    L->y -= 10;
    dst = HPDF_Page_CreateDestination(lay_page(L));
    if (dst)
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)L->ph);
    outline(r, NULL, "Title and key findings", dst);
    lay_text(L, &st_title, buf_str(&t));
    lay_space(L, 3);
    buf_reset(&t);
    buf_append(&t, "Briefing of ");
    fmt_date(&t, date);
    buf_printf(&t, " \xC2\xB7 %zu meeting%s", n, n == 1 ? "" : "s");
    if (n > 4) {
        buf_append(&t, ": ");
        for (size_t i = 0; i < n; i++) {
            if (i)
                buf_append(&t, "; ");
            buf_append(&t, meeting_label(r, i, &lab));
        }
    }
    {
        size_t ns = 0;
        for (size_t i = 0; i < n; i++)
            ns += jn(ja(json_array_get(r->meetings, i), "sources"));
        buf_printf(&t,
                   " \xC2\xB7 compiled automatically from %zu source text%s; every finding "
                   "cites its source sentence in the notes.",
                   ns, ns == 1 ? "" : "s");
    }
    lay_text(L, &st_sub, buf_str(&t));
    buf_free(&t);
    buf_free(&lab);
}

static void findings(struct rdoc *r)
{
    const json_t *f = ja(r->doc, "findings");
    size_t n = jn(f), shown = 0;
    r->L->step = "the key findings";
    lay_heading(r->L, &st_h1, "Key findings", 12, 50);
    lay_space(r->L, 2);
    for (size_t i = 0; i < n && shown < 8; i++) {
        const json_t *x = json_array_get(f, i);
        const json_t *ev = ja(x, "evidence");
        struct lay_run runs[6];
        size_t nr = 0;
        char marker[32];
        const char *text = js(x, "text");
        if (!text || !*text)
            continue;
        runs[nr++] = (struct lay_run){text, &st_body, 0, 0};
        for (size_t k = 0; k < jn(ev) && nr < 4; k++) {
            int note = note_add(r, json_array_get(ev, k), NULL), dup = 0;
            for (size_t q = 1; q < nr; q++)
                dup |= runs[q].note == note;
            if (note > 0 && !dup) {
                char *lab = xmalloc(16);
                snprintf(lab, 16, "[%d]", note);
                runs[nr++] = (struct lay_run){lab, &st_note, note, 0};
            }
        }
        snprintf(marker, sizeof marker, "%zu.", shown + 1);
        lay_bullet(r->L, marker, &st_bold, runs, nr, 16);
        lay_space(r->L, 3);
        for (size_t k = 1; k < nr; k++)
            free((char *)runs[k].text);
        shown++;
    }
    if (shown == 0)
        lay_text(r->L, &st_ital,
                 "The comparison holds no findings: the sources did not "
                 "support any statement the compare stage could rank.");
    else if (shown < 4)
        lay_text(r->L, &st_small,
                 "Only these findings are supported by the sources; no "
                 "further ones were ranked.");
}

/* How sure the date is, from date_flag (null: stated explicitly). */
static void date_flag_text(const json_t *m, struct buf *b)
{
    static const char *const flags[][2] = {{"partial", "partly stated"},
                                           {"relative", "resolved from a relative date"},
                                           {"caption", "from a photo caption"},
                                           {"publication_date", "publication date"},
                                           {"unknown", "date uncertain"}};
    const char *flag = js(m, "date_flag");
    if (!flag || !*flag)
        return;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(flag, flags[i][0]) == 0) {
            buf_printf(b, " (%s)", flags[i][1]);
            return;
        }
    buf_printf(b, " (%s)", flag);
}

/* "US: level 4, deputy assistant secretary (acting): Name; ..." */
static void delegation_text(const json_t *m, struct buf *b)
{
    const json_t *a = ja(m, "delegation");
    for (size_t i = 0; i < jn(a); i++) {
        const json_t *x = json_array_get(a, i);
        const char *side = js(x, "side"), *rl = js(x, "rank_label");
        long long level;
        if (i)
            buf_putc(b, '\n');
        buf_printf(b, "%s: ", side ? side : "side " NOT_STATED);
        if (jint(x, "level", &level))
            buf_printf(b, "level %lld", level);
        else
            buf_append(b, "level " NOT_STATED);
        if (rl)
            buf_printf(b, ", %s", rl);
        if (json_is_true(json_object_get(x, "acting")))
            buf_append(b, " (acting)");
        if (jn(ja(x, "leads"))) {
            buf_append(b, " \xE2\x80\x94 ");
            for (size_t k = 0; k < jn(ja(x, "leads")); k++) {
                if (k)
                    buf_append(b, ", ");
                jtext(b, json_array_get(ja(x, "leads"), k));
            }
        }
    }
    if (!jn(a))
        buf_append(b, NOT_STATED);
}

static void leads_text(const json_t *m, const char *key, struct buf *b)
{
    const json_t *a = ja(m, key);
    for (size_t i = 0; i < jn(a); i++) {
        const json_t *p = json_array_get(a, i);
        const char *name = js(p, "name"), *side = js(p, "side"), *title = js(p, "title");
        if (json_is_string(p)) {
            buf_append(b, json_string_value(p));
        } else {
            buf_printf(b, "%s%s%s", side ? side : "", side ? ": " : "", name ? name : NOT_STATED);
            if (json_is_true(json_object_get(p, "acting")))
                buf_append(b, " (acting)");
            if (title && *title)
                buf_printf(b, ", %s", title);
        }
        buf_putc(b, '\n');
    }
    if (!jn(a))
        buf_append(b, NOT_STATED);
    else
        b->p[--b->len] = '\0';
}

static void sources_text(const json_t *m, struct buf *b)
{
    const json_t *sd = ja(m, "source_details");
    const json_t *s = ja(m, "sources");
    if (jn(sd)) {
        for (size_t i = 0; i < jn(sd); i++) {
            const json_t *x = json_array_get(sd, i);
            const char *type = js(x, "doc_type") ? js(x, "doc_type") : js(x, "type");
            const char *pub = js(x, "publisher");
            if (i)
                buf_putc(b, '\n');
            if (json_is_string(x)) {
                buf_append(b, json_string_value(x));
                continue;
            }
            for (const char *c = type ? type : "source type " NOT_STATED; *c; c++)
                buf_putc(b, *c == '_' ? ' ' : *c);
            buf_printf(b, ", %s", pub ? pub : "publisher " NOT_STATED);
        }
    } else if (jn(s)) {
        for (size_t i = 0; i < jn(s); i++) {
            if (i)
                buf_putc(b, '\n');
            jtext(b, json_array_get(s, i));
        }
    } else {
        buf_append(b, NOT_STATED);
    }
}

static void place_text(const json_t *m, struct buf *b)
{
    const char *city = js(m, "city"), *country = js(m, "country");
    if (city)
        buf_append(b, city);
    if (country)
        buf_printf(b, "%s%s", city ? ", " : "", country);
    if (!city && !country)
        buf_append(b, NOT_STATED);
}

static void glance(struct rdoc *r)
{
    struct layout *L = r->L;
    size_t n = jn(r->meetings), per = 4;
    static const char *const rows[] = {"Meeting", "Dates", "Place", "Format", "Leads", "Sources"};
    double w = L->x1 - L->x0, lw = 64;
    r->L->step = "the at-a-glance table";
    lay_heading(L, &st_h1, "At a glance", 14, 80);
    lay_space(L, 2);
    if (n == 0) {
        lay_text(L, &st_ital, "No meeting to show.");
        return;
    }
    for (size_t c0 = 0; c0 < n; c0 += per) {
        size_t k = n - c0 < per ? n - c0 : per;
        struct lay_table t;
        struct buf cellbuf[LAY_MAX_COLS], rowbuf[LAY_MAX_COLS];
        struct buf lab = BUF_INIT;
        memset(&t, 0, sizeof t);
        t.ncols = k + 1;
        t.pad = 3;
        t.body = &st_cell;
        t.width[0] = lw;
        for (size_t c = 0; c < k; c++)
            t.width[c + 1] = (w - lw) / (double)(n < per ? n : per);
        if (n > per) {
            char head[96];
            snprintf(head, sizeof head, "Meetings %zu\xE2\x80\x93%zu of %zu", c0 + 1, c0 + k, n);
            lay_space(L, 4);
            lay_ensure(L, 60);
            lay_text(L, &st_small, head);
        }
        /* the meeting names are the header row: it repeats on every page */
        t.has_head = 1;
        t.head[0] = (struct lay_cell){rows[0], &st_cellb, 1, 0.92f, 0.94f, 0.97f, 0};
        for (size_t c = 0; c < k; c++) {
            const json_t *m = json_array_get(r->meetings, c0 + c);
            const char *name = js(m, "name");
            struct buf *b = &cellbuf[c];
            *b = (struct buf)BUF_INIT;
            buf_append(b, meeting_label(r, c0 + c, &lab));
            if (name && strcmp(name, buf_str(&lab)) != 0)
                buf_printf(b, "\n%s", name);
            t.head[c + 1] = (struct lay_cell){buf_str(b), &st_cellb, 1, 0.92f, 0.94f, 0.97f, 0};
        }
        lay_table_begin(L, &t);
        for (size_t row = 1; row < sizeof rows / sizeof rows[0]; row++) {
            struct lay_cell cells[LAY_MAX_COLS];
            memset(cells, 0, sizeof cells);
            cells[0].text = rows[row];
            cells[0].st = &st_cellb;
            cells[0].fill = 1;
            cells[0].fr = 0.92f, cells[0].fg = 0.94f, cells[0].fb = 0.97f;
            for (size_t c = 0; c < k; c++) {
                const json_t *m = json_array_get(r->meetings, c0 + c);
                struct buf *b = &rowbuf[c];
                *b = (struct buf)BUF_INIT;
                switch (row) {
                case 1: {
                    fmt_range(b, js(m, "start_date"), js(m, "end_date"));
                    date_flag_text(m, b);
                    break;
                }
                case 2:
                    place_text(m, b);
                    break;
                case 3: {
                    const char *fm = js(m, "format");
                    buf_append(b, fm ? fm : NOT_STATED);
                    break;
                }
                case 4:
                    leads_text(m, "leads", b);
                    break;
                default:
                    sources_text(m, b);
                    break;
                }
                cells[c + 1].text = buf_str(b);
            }
            lay_table_row(L, &t, cells);
            for (size_t c = 0; c < k; c++)
                buf_free(&rowbuf[c]);
        }
        for (size_t c = 0; c < k; c++)
            buf_free(&cellbuf[c]);
        buf_free(&lab);
    }
}

/* ==== 2-4. the middle sections ==== */

static const char *topic_label(const struct rdoc *r, const char *id)
{
    const json_t *tm = ja(r->doc, "topic_matrix");
    for (size_t i = 0; id && i < jn(tm); i++) {
        const json_t *t = json_array_get(tm, i);
        if (js(t, "id") && strcmp(js(t, "id"), id) == 0 && js(t, "label"))
            return js(t, "label");
    }
    return id;
}

/* Which cell of ROW's "cells" belongs to each of the N meetings: POS[i] is
 * the index of the first cell whose "meeting" equals meeting i's id, or of
 * cell i when meeting i has no id; SIZE_MAX when there is none. One pass
 * over the cells and one over the meetings. */
static void cells_of_row(const struct rdoc *r, const json_t *row, size_t *pos, size_t n)
{
    const json_t *cells = ja(row, "cells");
    json_t *ix = ix_new();
    struct buf k = BUF_INIT;
    for (size_t c = 0; c < jn(cells); c++)
        ix_put(ix, json_object_get(json_array_get(cells, c), "meeting"), c, &k);
    for (size_t i = 0; i < n; i++) {
        const json_t *mid = json_object_get(json_array_get(r->meetings, i), "id");
        long at = ix_get(ix, mid, &k);
        pos[i] = SIZE_MAX;
        if (!mid) { /* no ids: fall back to position */
            if (i < jn(cells))
                pos[i] = i;
            continue;
        }
        if (at == -2) { /* an object or array id: compare one by one */
            for (size_t c = 0; c < jn(cells); c++) {
                const json_t *cm = json_object_get(json_array_get(cells, c), "meeting");
                if (cm && json_equal(mid, cm)) {
                    pos[i] = c;
                    break;
                }
            }
        } else if (at >= 0) {
            pos[i] = (size_t)at;
        }
    }
    buf_free(&k);
    json_decref(ix);
}

static void swatch(struct rdoc *r, double *x, double y, float cr, float cg, float cb, int box,
                   const char *text)
{
    struct layout *L = r->L;
    lay_rect(L, *x, y - 2, 14, 9, cr, cg, cb, 0);
    if (box)
        lay_rect(L, *x, y - 2, 14, 9, 0.6f, 0.6f, 0.6f, 1);
    *x += 18;
    *x += lay_text_at(L, &st_small, text, *x, y, LAY_TEXT, L->x0, L->bottom, L->x1, L->top) + 12;
}

/* MODE 0: topic matrix (shaded by count); 1: signal phrases. */
static void matrix(struct rdoc *r, const json_t *rows, int mode)
{
    struct layout *L = r->L;
    size_t n = jn(r->meetings), per = 10;
    double w = L->x1 - L->x0, lw = 150, cw;
    struct buf lab = BUF_INIT;
    size_t *pos;
    if (!jn(rows) || !n) {
        lay_text(L, &st_ital, mode ? "No signal phrases were tracked." : "No topics were found.");
        return;
    }
    pos = xcalloc(jn(rows), n * sizeof *pos);
    for (size_t i = 0; i < jn(rows); i++)
        cells_of_row(r, json_array_get(rows, i), pos + i * n, n);
    for (size_t c0 = 0; c0 < n; c0 += per) {
        size_t k = n - c0 < per ? n - c0 : per;
        struct lay_table t;
        memset(&t, 0, sizeof t);
        t.ncols = k + 1;
        t.pad = 2.5;
        t.body = &st_cell;
        t.has_head = 1;
        t.width[0] = lw;
        t.head[0].text = mode ? "Signal phrase" : "Topic";
        cw = (w - lw) / (double)(n < per ? n : per);
        if (cw > 64)
            cw = 64;
        t.head[0].st = &st_cellb;
        for (size_t c = 0; c < k; c++) {
            t.width[c + 1] = cw;
            t.head[c + 1].text = xstrdup(meeting_label(r, c0 + c, &lab));
            t.head[c + 1].st = &st_cellb;
            t.head[c + 1].align = LAY_CENTER;
        }
        if (n > per) {
            char head[96];
            snprintf(head, sizeof head, "Meetings %zu\xE2\x80\x93%zu of %zu", c0 + 1, c0 + k, n);
            lay_space(L, 4);
            lay_ensure(L, 60);
            lay_text(L, &st_small, head);
        }
        lay_table_begin(L, &t);
        for (size_t i = 0; i < jn(rows) && !L->failed; i++) {
            const json_t *row = json_array_get(rows, i);
            struct lay_cell cells[LAY_MAX_COLS];
            char txt[LAY_MAX_COLS][24];
            memset(cells, 0, sizeof cells);
            cells[0].text = mode ? (js(row, "phrase") ? js(row, "phrase") : js(row, "id"))
                                 : (js(row, "label") ? js(row, "label") : js(row, "id"));
            if (!cells[0].text)
                cells[0].text = NOT_STATED;
            for (size_t c = 0; c < k; c++) {
                size_t at = pos[i * n + c0 + c];
                const json_t *cell = at == SIZE_MAX ? NULL : json_array_get(ja(row, "cells"), at);
                const char *status = js(cell, "status");
                long long cnt = 0;
                struct lay_cell *x = &cells[c + 1];
                x->align = LAY_CENTER;
                x->st = &st_cell;
                txt[c][0] = '\0';
                if (!status || strcmp(status, "not_reported") == 0) {
                    snprintf(txt[c], sizeof txt[c], "n/r");
                    x->st = &st_cellg;
                    x->fill = 1;
                    x->fr = x->fg = x->fb = 0.88f;
                } else if (strcmp(status, "present") == 0) {
                    if (mode) {
                        snprintf(txt[c], sizeof txt[c], "stated");
                        x->fill = 1;
                        x->fr = 0.80f, x->fg = 0.87f, x->fb = 0.95f;
                    } else {
                        jint(cell, "count", &cnt);
                        snprintf(txt[c], sizeof txt[c], "%lld", cnt);
                        x->fill = 1;
                        if (cnt >= 4) {
                            x->fr = 0.20f, x->fg = 0.38f, x->fb = 0.65f;
                            x->st = &st_cellw;
                        } else if (cnt >= 2) {
                            x->fr = 0.55f, x->fg = 0.70f, x->fb = 0.87f;
                        } else {
                            x->fr = 0.82f, x->fg = 0.88f, x->fb = 0.96f;
                        }
                    }
                } else if (strcmp(status, "absent") == 0) {
                    snprintf(txt[c], sizeof txt[c], "\xE2\x80\x94");
                    x->st = &st_cellg;
                } else {
                    snprintf(txt[c], sizeof txt[c], "%.20s", status);
                }
                x->text = txt[c];
            }
            lay_table_row(L, &t, cells);
        }
        for (size_t c = 0; c < k; c++)
            free((char *)t.head[c + 1].text);
    }
    buf_free(&lab);
    free(pos);
    /* legend */
    {
        double x = L->x0, y;
        lay_space(L, 5);
        lay_ensure(L, 14);
        y = L->y - 9;
        if (mode) {
            swatch(r, &x, y, 0.80f, 0.87f, 0.95f, 0, "stated in the source");
        } else {
            swatch(r, &x, y, 0.82f, 0.88f, 0.96f, 0, "1 sentence");
            swatch(r, &x, y, 0.55f, 0.70f, 0.87f, 0,
                   "2\xE2\x80\x93"
                   "3");
            swatch(r, &x, y, 0.20f, 0.38f, 0.65f, 0, "4 or more");
        }
        swatch(r, &x, y, 1, 1, 1, 1, "\xE2\x80\x94 absent from a full account");
        swatch(r, &x, y, 0.88f, 0.88f, 0.88f, 0, "n/r not reported by the source");
        L->y -= 14;
    }
}

static const struct lay_style *timeline_style(const json_t *e)
{
    const char *kind = js(e, "kind");
    return kind && strcmp(kind, "related") == 0 ? &st_small : &st_cellb;
}

static void timeline(struct rdoc *r)
{
    struct layout *L = r->L;
    const json_t *tl = ja(r->doc, "timeline");
    size_t n = jn(tl), placed = 0;
    long lo = 0, hi = 0;
    int have = 0;
    enum { LANES = 10 };
    double lane_end[LANES], ax0 = L->x0 + 30, ax1 = L->x1 - 30, h, axis_y;
    struct buf unplaced = BUF_INIT;
    int lanes_used = 0;
    long *day;
    int *lane;
    double *lx;
    subhead(r, "Timeline (drawn to scale)");
    if (!n) {
        lay_text(L, &st_ital, "No dated meetings to place on a timeline.");
        return;
    }
    day = xcalloc(n, sizeof *day);
    lane = xcalloc(n, sizeof *lane);
    lx = xcalloc(n, sizeof *lx);
    for (size_t i = 0; i < n; i++) {
        int y, m, d;
        const json_t *e = json_array_get(tl, i);
        lane[i] = -1;
        if (!parse_date(js(e, "start_date"), &y, &m, &d)) {
            day[i] = LONG_MIN;
            continue;
        }
        day[i] = days_from_civil(y, m, d);
        if (!have || day[i] < lo)
            lo = day[i];
        if (!have || day[i] > hi)
            hi = day[i];
        have = 1;
    }
    if (have && hi - lo < 30) {
        lo -= 15;
        hi += 15;
    }
    for (int k = 0; k < LANES; k++)
        lane_end[k] = -1e9;
    for (size_t i = 0; have && i < n; i++) {
        const json_t *e = json_array_get(tl, i);
        const char *label = js(e, "label") ? js(e, "label") : NOT_STATED;
        double x, lw;
        if (day[i] == LONG_MIN)
            continue;
        x = ax0 + (ax1 - ax0) * (double)(day[i] - lo) / (double)(hi - lo);
        lx[i] = x;
        lw = lay_width(L, timeline_style(e), label);
        for (int k = 0; k < LANES; k++) {
            double left = x - 2;
            if (left + lw > L->x1)
                left = L->x1 - lw;
            if (left > lane_end[k] + 6) {
                lane[i] = k;
                lane_end[k] = left + lw;
                if (k + 1 > lanes_used)
                    lanes_used = k + 1;
                break;
            }
        }
        placed++;
    }
    h = 26 + lanes_used * 10.5 + 6;
    lay_ensure(L, h);
    axis_y = L->y - lanes_used * 10.5 - 12;
    {
        HPDF_Page p = lay_page(L);
        /* axis and year ticks */
        lay_hline(L, ax0 - 10, ax1 + 10, axis_y, 0.8, 0.3f);
        int ystep = 1;
        static const int steps[] = {1, 2, 5, 10, 20, 50, 100};
        for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
            ystep = steps[k];
            if ((ax1 - ax0) * 365.25 * ystep / (double)(hi - lo) >= 34)
                break;
        }
        for (int y = 1900; have && y <= 2200; y += ystep) {
            long dd = days_from_civil(y, 1, 1);
            char yl[16];
            double x;
            if (dd < lo || dd > hi)
                continue;
            x = ax0 + (ax1 - ax0) * (double)(dd - lo) / (double)(hi - lo);
            if (p && !L->failed) {
                HPDF_Page_SetGrayStroke(p, 0.3f);
                HPDF_Page_SetLineWidth(p, 0.6f);
                HPDF_Page_MoveTo(p, (HPDF_REAL)x, (HPDF_REAL)(axis_y - 3));
                HPDF_Page_LineTo(p, (HPDF_REAL)x, (HPDF_REAL)(axis_y + 3));
                HPDF_Page_Stroke(p);
            }
            snprintf(yl, sizeof yl, "%d", y);
            lay_text_at(L, &st_small, yl, x - lay_width(L, &st_small, yl) / 2, axis_y - 12,
                        LAY_TEXT, L->x0, L->bottom, L->x1, L->top);
        }
        for (size_t i = 0; i < n; i++) {
            const json_t *e = json_array_get(tl, i);
            const char *kind = js(e, "kind");
            int related = kind && strcmp(kind, "related") == 0;
            const char *label = js(e, "label") ? js(e, "label") : NOT_STATED;
            if (day[i] == LONG_MIN) {
                if (unplaced.len)
                    buf_append(&unplaced, "; ");
                buf_append(&unplaced, label);
                continue;
            }
            if (p && !L->failed) {
                if (related) {
                    HPDF_Page_SetRGBStroke(p, 0.75f, 0.40f, 0.10f);
                    HPDF_Page_SetLineWidth(p, 1);
                    HPDF_Page_Rectangle(p, (HPDF_REAL)(lx[i] - 2.5), (HPDF_REAL)(axis_y - 2.5), 5,
                                        5);
                    HPDF_Page_Stroke(p);
                } else {
                    HPDF_Page_SetRGBFill(p, NAVY);
                    HPDF_Page_Circle(p, (HPDF_REAL)lx[i], (HPDF_REAL)axis_y, 3);
                    HPDF_Page_Fill(p);
                }
            }
            if (lane[i] >= 0) {
                double ly = axis_y + 8 + lane[i] * 10.5,
                       lw = lay_width(L, timeline_style(e), label);
                double left = lx[i] - 2;
                if (left + lw > L->x1)
                    left = L->x1 - lw;
                if (p && !L->failed) {
                    HPDF_Page_SetGrayStroke(p, 0.7f);
                    HPDF_Page_SetLineWidth(p, 0.3f);
                    HPDF_Page_MoveTo(p, (HPDF_REAL)lx[i], (HPDF_REAL)(axis_y + 3));
                    HPDF_Page_LineTo(p, (HPDF_REAL)lx[i], (HPDF_REAL)(ly - 2));
                    HPDF_Page_Stroke(p);
                }
                lay_text_at(L, timeline_style(e), label, left, ly, LAY_TEXT, L->x0, L->bottom,
                            L->x1, L->top);
            } else {
                if (unplaced.len)
                    buf_append(&unplaced, "; ");
                buf_append(&unplaced, label);
                buf_append(&unplaced, " (");
                fmt_date(&unplaced, js(e, "start_date"));
                buf_append(&unplaced, ", no room for its label)");
            }
        }
    }
    L->y -= h;
    {
        double x = L->x0, y;
        lay_ensure(L, 14);
        y = L->y - 9;
        lay_rect(L, x + 4, y + 0.5, 5, 5, NAVY, 0);
        x += 18;
        x += lay_text_at(L, &st_small, "meeting compared", x, y, LAY_TEXT, L->x0, L->bottom, L->x1,
                         L->top) +
             12;
        lay_rect(L, x + 4, y + 0.5, 5, 5, 0.75f, 0.40f, 0.10f, 1);
        x += 18;
        lay_text_at(L, &st_small, "related meeting mentioned in the sources", x, y, LAY_TEXT, L->x0,
                    L->bottom, L->x1, L->top);
        L->y -= 14;
    }
    if (unplaced.len) {
        struct buf t = BUF_INIT;
        buf_printf(&t, "Not placed: %s.", buf_str(&unplaced));
        lay_text(L, &st_small, buf_str(&t));
        buf_free(&t);
    }
    (void)placed;
    buf_free(&unplaced);
    free(day);
    free(lane);
    free(lx);
}

/* Append the strings of array A (topic ids mapped to labels when TOPICS). */
static void list_text(const struct rdoc *r, const json_t *a, int topics, struct buf *b)
{
    for (size_t i = 0; i < jn(a); i++) {
        const json_t *v = json_array_get(a, i);
        if (i)
            buf_append(b, "; ");
        if (topics && json_is_string(v))
            buf_append(b, topic_label(r, json_string_value(v)));
        else if (json_is_object(v)) {
            const char *nm = js(v, "name")    ? js(v, "name")
                             : js(v, "value") ? js(v, "value")
                                              : js(v, "id");
            buf_append(b, nm ? nm : "?");
            if (js(v, "value") && js(v, "file"))
                buf_printf(b, " (%s)", js(v, "file"));
        } else
            jtext(b, v);
    }
}

static void change_cell(const struct rdoc *r, const json_t *ch, const char *key, struct buf *b)
{
    static const char *const groups[] = {"topics", "exercises", "mechanisms", "signals"};
    static const char *const names[] = {"", "Exercises: ", "Mechanisms: ", "Signal phrases: "};
    for (int g = 0; g < 4; g++) {
        const json_t *a = ja(json_object_get(ch, groups[g]), key);
        if (!jn(a))
            continue;
        if (b->len)
            buf_putc(b, '\n');
        buf_append(b, names[g]);
        list_text(r, a, g == 0, b);
    }
    if (!b->len)
        buf_append(b, "\xE2\x80\x94");
}

static void changes(struct rdoc *r)
{
    struct layout *L = r->L;
    const json_t *a = ja(r->doc, "changes");
    struct lay_table t;
    double w = L->x1 - L->x0;
    subhead(r, "New, continued and no longer mentioned");
    if (!jn(a)) {
        lay_text(L, &st_ital,
                 jn(r->meetings) < 2 ? "Only one meeting: nothing to compare with."
                                     : "The comparison lists no changes.");
        return;
    }
    memset(&t, 0, sizeof t);
    t.ncols = 4;
    t.pad = 3;
    t.body = &st_cell;
    t.has_head = 1;
    t.width[0] = 0.19 * w;
    t.width[1] = t.width[2] = t.width[3] = 0.27 * w;
    t.head[0] = (struct lay_cell){"Between", &st_cellb, 0, 0, 0, 0, 0};
    t.head[1] = (struct lay_cell){"New", &st_cellb, 0, 0, 0, 0, 0};
    t.head[2] = (struct lay_cell){"Continued", &st_cellb, 0, 0, 0, 0, 0};
    t.head[3] =
        (struct lay_cell){"No longer mentioned (n/r: not reported)", &st_cellb, 0, 0, 0, 0, 0};
    lay_table_begin(L, &t);
    for (size_t i = 0; i < jn(a) && !L->failed; i++) {
        const json_t *ch = json_array_get(a, i);
        struct buf b[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
        struct lay_cell cells[4];
        const char *basis = js(ch, "basis");
        memset(cells, 0, sizeof cells);
        label_of_id(r, json_object_get(ch, "from"), &b[0]);
        buf_append(&b[0], " \xE2\x86\x92 ");
        label_of_id(r, json_object_get(ch, "to"), &b[0]);
        if (basis)
            buf_printf(&b[0], "\n(%s)",
                       strcmp(basis, "same_series") == 0   ? "same series"
                       : strcmp(basis, "consecutive") == 0 ? "consecutive"
                                                           : basis);
        if (json_is_false(json_object_get(ch, "later_full_source")))
            buf_append(&b[0], "\nlater source is partial: omissions are not reported, not "
                              "dropped");
        change_cell(r, ch, "new", &b[1]);
        change_cell(r, ch, "continued", &b[2]);
        change_cell(r, ch, "dropped", &b[3]);
        {
            struct buf nr = BUF_INIT;
            list_text(r, ja(json_object_get(ch, "topics"), "not_reported"), 1, &nr);
            if (nr.len)
                buf_printf(&b[3], "\nn/r: %s", buf_str(&nr));
            buf_free(&nr);
        }
        for (int c = 0; c < 4; c++)
            cells[c].text = buf_str(&b[c]);
        cells[0].st = &st_cellb;
        lay_table_row(L, &t, cells);
        for (int c = 0; c < 4; c++)
            buf_free(&b[c]);
    }
}

static void delegations(struct rdoc *r)
{
    struct layout *L = r->L;
    struct lay_table t;
    struct buf lab = BUF_INIT;
    double w = L->x1 - L->x0;
    subhead(r, "Delegation level");
    lay_text(L, &st_small,
             "Level 1 is the highest rank (minister or secretary); an acting "
             "official is marked.");
    lay_space(L, 2);
    {
        static const double frac[] = {0.24, 0.76};
        static const char *const head[] = {"Meeting", "Delegations: side, level, rank, leads"};
        table_setup(&t, 2, w, frac, head);
    }
    lay_table_begin(L, &t);
    for (size_t i = 0; i < jn(r->meetings) && !L->failed; i++) {
        struct buf b = BUF_INIT;
        struct lay_cell cells[2];
        memset(cells, 0, sizeof cells);
        delegation_text(json_array_get(r->meetings, i), &b);
        cells[0].text = meeting_label(r, i, &lab);
        cells[0].st = &st_cellb;
        cells[1].text = buf_str(&b);
        lay_table_row(L, &t, cells);
        buf_free(&b);
    }
    buf_free(&lab);
}

static void people(struct rdoc *r)
{
    struct layout *L = r->L;
    const json_t *a = ja(r->doc, "people");
    struct lay_table t;
    double w = L->x1 - L->x0;
    delegations(r);
    subhead(r, "People across meetings");
    if (!jn(a)) {
        lay_text(L, &st_ital, "No people were named in the sources.");
        return;
    }
    {
        static const double frac[] = {0.24, 0.08, 0.68};
        static const char *const head[] = {"Person", "Side",
                                           "Appearances: meeting, title as written, role"};
        table_setup(&t, 3, w, frac, head);
    }
    lay_table_begin(L, &t);
    for (size_t i = 0; i < jn(a) && !L->failed; i++) {
        const json_t *p = json_array_get(a, i);
        const json_t *ap = ja(p, "appearances"), *pm = ja(p, "possible_matches");
        struct buf b = BUF_INIT;
        struct lay_cell cells[3];
        memset(cells, 0, sizeof cells);
        for (size_t k = 0; k < jn(ap); k++) {
            const json_t *x = json_array_get(ap, k);
            const char *title = js(x, "title"), *role = js(x, "role");
            if (k)
                buf_putc(&b, '\n');
            if (!json_is_object(x)) {
                jtext(&b, x);
                continue;
            }
            label_of_id(r, json_object_get(x, "meeting"), &b);
            buf_printf(&b, ": %s", title ? title : "title " NOT_STATED);
            if (json_is_true(json_object_get(x, "acting")))
                buf_append(&b, " (acting)");
            if (role)
                buf_printf(&b, " \xC2\xB7 %s",
                           strcmp(role, "side_meeting") == 0 ? "side meeting" : role);
        }
        if (!jn(ap))
            buf_append(&b, NOT_STATED);
        if (jn(pm)) {
            buf_append(&b, "\nPossibly the same person as: ");
            list_text(r, pm, 0, &b);
        }
        cells[0].text = js(p, "name") ? js(p, "name") : NOT_STATED;
        cells[0].st = &st_cellb;
        cells[1].text = js(p, "side") ? js(p, "side") : "\xE2\x80\x94";
        cells[2].text = buf_str(&b);
        lay_table_row(L, &t, cells);
        buf_free(&b);
    }
}

/* A bullet: TEXT then note markers for the evidence of X. */
static void item(struct rdoc *r, const char *text, const json_t *x, const char *file,
                 const struct lay_style *st)
{
    struct lay_run runs[4];
    size_t nr = 0;
    char lab[3][24];
    const json_t *ev = json_is_object(x) ? json_object_get(x, "evidence") : NULL;
    runs[nr++] = (struct lay_run){text, st, 0, 0};
    if (json_is_object(ev)) {
        int note = note_add(r, ev, file);
        if (note > 0) {
            snprintf(lab[0], sizeof lab[0], "[%d]", note);
            runs[nr++] = (struct lay_run){lab[0], &st_note, note, 0};
        }
    } else {
        for (size_t k = 0; k < jn(ev) && nr < 4; k++) {
            int note = note_add(r, json_array_get(ev, k), file);
            if (note > 0) {
                snprintf(lab[nr - 1], sizeof lab[0], "[%d]", note);
                runs[nr] = (struct lay_run){lab[nr - 1], &st_note, note, 0};
                nr++;
            }
        }
    }
    lay_bullet(r->L, "\xE2\x80\xA2", &st_body, runs, nr, 10);
}

static void profile_list(struct rdoc *r, const json_t *m, const char *key, const char *title)
{
    const json_t *a = ja(m, key);
    const char *file = meeting_file(m);
    if (!jn(a))
        return;
    lay_heading(r->L, &st_bold, title, 3, 24);
    for (size_t i = 0; i < jn(a) && !r->L->failed; i++) {
        const json_t *x = json_array_get(a, i);
        struct buf b = BUF_INIT;
        const struct lay_style *st = &st_body;
        if (!json_is_object(x)) {
            jtext(&b, x);
        } else if (strcmp(key, "commitments") == 0) {
            const char *actor = js(x, "actor"), *verb = js(x, "verb"), *text = js(x, "text");
            if (actor)
                buf_printf(&b, "%s ", actor);
            if (verb)
                buf_printf(&b, "%s ", verb);
            buf_append(&b, text ? text : NOT_STATED);
        } else if (strcmp(key, "quotes") == 0) {
            const char *sp = js(x, "speaker"), *text = js(x, "text");
            buf_printf(&b, "\xE2\x80\x9C%s\xE2\x80\x9D \xE2\x80\x94 %s", text ? text : "",
                       sp ? sp : "speaker " NOT_STATED);
            st = &st_ital;
        } else if (strcmp(key, "mechanisms") == 0) {
            const char *name = js(x, "name"), *acr = js(x, "acronym");
            buf_append(&b, name ? name : acr ? acr : NOT_STATED);
            if (name && acr)
                buf_printf(&b, " (%s)", acr);
        } else if (strcmp(key, "conflicts") == 0) {
            const char *field = js(x, "field");
            const char *text = js(x, "text");
            if (field)
                buf_printf(&b, "%s: ", field);
            if (text)
                buf_append(&b, text);
            else
                list_text(r, ja(x, "values"), 0, &b);
        } else {
            const char *name = js(x, "name");
            buf_append(&b, name ? name : NOT_STATED);
        }
        item(r, buf_str(&b), x, file, st);
        buf_free(&b);
    }
}

/* Turn the line breaks of a list into "; " separators. */
static void semicolons(struct buf *t)
{
    struct buf o = BUF_INIT;
    for (size_t i = 0; i < t->len; i++) {
        if (t->p[i] == '\n')
            buf_append(&o, "; ");
        else
            buf_putc(&o, t->p[i]);
    }
    buf_free(t);
    *t = o;
}

static void profiles(struct rdoc *r, HPDF_Outline top)
{
    struct layout *L = r->L;
    struct buf lab = BUF_INIT, t = BUF_INIT;
    for (size_t i = 0; i < jn(r->meetings) && !L->failed; i++) {
        const json_t *m = json_array_get(r->meetings, i);
        const char *name = js(m, "name"), *fm = js(m, "format");
        HPDF_Destination dst;
        buf_reset(&t);
        buf_append(&t, meeting_label(r, i, &lab));
        if (name && strcmp(name, buf_str(&lab)) != 0)
            buf_printf(&t, " \xE2\x80\x94 %s", name);
        dst = lay_heading(L, &st_h2, buf_str(&t), 10, 50);
        outline(r, top, buf_str(&t), dst);
        buf_reset(&t);
        fmt_range(&t, js(m, "start_date"), js(m, "end_date"));
        buf_append(&t, " \xC2\xB7 ");
        place_text(m, &t);
        buf_printf(&t, " \xC2\xB7 format: %s", fm ? fm : NOT_STATED);
        lay_text(L, &st_small, buf_str(&t));
        lay_space(L, 2);
        buf_reset(&t);
        leads_text(m, "leads", &t);
        semicolons(&t);
        {
            struct lay_run runs[2] = {{"Leads:", &st_bold, 0, 0}, {buf_str(&t), &st_body, 0, 0}};
            lay_para(L, runs, 2, L->x0, L->x1 - L->x0, LAY_LEFT);
        }
        if (jn(ja(m, "delegation"))) {
            buf_reset(&t);
            delegation_text(m, &t);
            semicolons(&t);
            {
                struct lay_run runs[2] = {{"Delegation:", &st_bold, 0, 0},
                                          {buf_str(&t), &st_body, 0, 0}};
                lay_para(L, runs, 2, L->x0, L->x1 - L->x0, LAY_LEFT);
            }
        }
        profile_list(r, m, "commitments", "Commitments");
        profile_list(r, m, "mechanisms", "Mechanisms and working groups");
        profile_list(r, m, "exercises", "Exercises");
        profile_list(r, m, "quotes", "Notable quotes");
        profile_list(r, m, "conflicts", "Where the sources disagree");
        if (!jn(ja(m, "commitments")) && !jn(ja(m, "mechanisms")) && !jn(ja(m, "exercises")) &&
            !jn(ja(m, "quotes")))
            lay_text(L, &st_small,
                     "The sources state no commitments, mechanisms, exercises or "
                     "quotes for this meeting.");
    }
    buf_free(&lab);
    buf_free(&t);
}

static void glossary(struct rdoc *r)
{
    struct layout *L = r->L;
    const json_t *a = ja(r->doc, "glossary");
    struct lay_table t;
    double w = L->x1 - L->x0;
    if (!jn(a)) {
        lay_text(L, &st_ital, "No acronyms were defined in the sources.");
        return;
    }
    {
        static const double frac[] = {0.14, 0.56, 0.30};
        static const char *const head[] = {"Acronym", "Meaning", "Used in"};
        table_setup(&t, 3, w, frac, head);
    }
    lay_table_begin(L, &t);
    for (size_t i = 0; i < jn(a) && !L->failed; i++) {
        const json_t *g = json_array_get(a, i);
        const json_t *ms = ja(g, "meetings");
        struct buf b = BUF_INIT;
        struct lay_cell cells[3];
        memset(cells, 0, sizeof cells);
        for (size_t k = 0; k < jn(ms); k++) {
            if (k)
                buf_append(&b, "; ");
            label_of_id(r, json_array_get(ms, k), &b);
        }
        cells[0].text = js(g, "acronym") ? js(g, "acronym") : NOT_STATED;
        cells[0].st = &st_cellb;
        cells[1].text = js(g, "name") ? js(g, "name") : NOT_STATED;
        cells[2].text = b.len ? buf_str(&b) : "\xE2\x80\x94";
        lay_table_row(L, &t, cells);
        buf_free(&b);
    }
}

static void sources(struct rdoc *r)
{
    struct layout *L = r->L;
    json_t *seen = json_object();
    if (!seen)
        xalloc_die();
    subhead(r, "Sources");
    for (size_t i = 0; i < jn(r->meetings) && !L->failed; i++) {
        const json_t *m = json_array_get(r->meetings, i);
        const json_t *sd = ja(m, "source_details");
        const json_t *s = ja(m, "sources");
        size_t n = jn(sd) ? jn(sd) : jn(s);
        for (size_t k = 0; k < n; k++) {
            const json_t *x = jn(sd) ? json_array_get(sd, k) : NULL;
            const char *file = x ? js(x, "file") : NULL;
            const char *title, *pub, *date, *type, *sha;
            struct buf b = BUF_INIT, lab = BUF_INIT;
            struct lay_run runs[2];
            if (!file && json_is_string(json_array_get(s, k)))
                file = json_string_value(json_array_get(s, k));
            if (!file)
                file = "file " NOT_STATED;
            if (json_object_get(seen, file))
                continue;
            json_object_set_new(seen, file, json_true());
            title = js(x, "title");
            pub = js(x, "publisher");
            date = js(x, "published") ? js(x, "published") : js(x, "date");
            type = js(x, "doc_type") ? js(x, "doc_type") : js(x, "type");
            sha = js(x, "sha256");
            buf_printf(&b, "%s. ", title ? title : "Title " NOT_STATED);
            buf_printf(&b, "%s, ", pub ? pub : "publisher " NOT_STATED);
            if (date)
                fmt_date(&b, date);
            else
                buf_append(&b, "date " NOT_STATED);
            buf_append(&b, "; ");
            for (const char *c = type ? type : "type " NOT_STATED; *c; c++)
                buf_putc(&b, *c == '_' ? ' ' : *c);
            buf_printf(&b, "; file %s", file);
            if (sha)
                buf_printf(&b, "; sha256 %.12s", sha);
            buf_printf(&b, "; describes %s.", meeting_label(r, i, &lab));
            runs[0] = (struct lay_run){buf_str(&b), &st_body, 0, 0};
            lay_bullet(L, "\xE2\x80\xA2", &st_body, runs, 1, 10);
            buf_free(&b);
            buf_free(&lab);
        }
    }
    json_decref(seen);
    {
        const json_t *failed = ja(r->doc, "failed");
        if (jn(failed)) {
            subhead(r, "Documents left out");
            for (size_t i = 0; i < jn(failed); i++) {
                const json_t *f = json_array_get(failed, i);
                struct buf b = BUF_INIT;
                struct lay_run run;
                buf_printf(&b, "%s: %s", js(f, "file") ? js(f, "file") : "file " NOT_STATED,
                           js(f, "reason") ? js(f, "reason") : "reason " NOT_STATED);
                run = (struct lay_run){buf_str(&b), &st_body, 0, 0};
                lay_bullet(L, "\xE2\x80\xA2", &st_body, &run, 1, 10);
                buf_free(&b);
            }
        }
    }
}

static void method(struct rdoc *r)
{
    struct layout *L = r->L;
    struct diag d = {.prog = "render"};
    char *path = datadir_find("stages/render/data/method.txt", &d);
    const json_t *cv = ja(r->doc, "caveats");
    char *text = NULL;
    size_t len = 0;
    subhead(r, "Method");
    if (path)
        text = fileio_read(path, 1u << 20, &len, &d);
    free(path);
    if (text) {
        char *p = text;
        while (*p) {
            char *e = strstr(p, "\n\n");
            if (e)
                *e = '\0';
            lay_text(L, &st_body, p);
            lay_space(L, 4);
            if (!e)
                break;
            p = e + 2;
        }
        free(text);
    }
    subhead(r, "Caveats");
    for (size_t i = 0; i < jn(cv); i++) {
        const json_t *c = json_array_get(cv, i);
        const json_t *ms = ja(c, "meetings");
        struct buf b = BUF_INIT;
        struct lay_run run;
        buf_append(&b, js(c, "text") ? js(c, "text")
                                     : (json_is_string(c) ? json_string_value(c) : NOT_STATED));
        if (jn(ms)) {
            buf_append(&b, " (");
            for (size_t k = 0; k < jn(ms); k++) {
                if (k)
                    buf_append(&b, "; ");
                label_of_id(r, json_array_get(ms, k), &b);
            }
            buf_append(&b, ")");
        }
        run = (struct lay_run){buf_str(&b), &st_body, 0, 0};
        lay_bullet(L, "\xE2\x80\xA2", &st_body, &run, 1, 10);
        buf_free(&b);
    }
    if (!jn(cv))
        lay_text(L, &st_small, "The compare stage recorded no caveats beyond those above.");
}

static void render_sections_rest(struct rdoc *r)
{
    HPDF_Outline top;
    section(r, "Topic coverage");
    lay_text(r->L, &st_small,
             "Number of source sentences per topic and meeting. \"n/r\": the "
             "source did not report on this part of the meeting; \"\xE2\x80\x94\": "
             "absent from a full account.");
    lay_space(r->L, 3);
    matrix(r, ja(r->doc, "topic_matrix"), 0);
    timeline(r);
    /* the section opens with the change table, whose rows are long lists:
     * start it where its heading, header and a typical row fit */
    lay_ensure(r->L, 320);
    section(r, "What changed");
    changes(r);
    subhead(r, "Signal phrases");
    matrix(r, ja(r->doc, "signals"), 1);
    people(r);
    top = section(r, "Meeting profiles");
    profiles(r, top);
    section(r, "Glossary");
    glossary(r);
    section(r, "Sources and method");
    sources(r);
    method(r);
}

/* ==== 5. notes =========================================================== */

static void notes_section(struct rdoc *r)
{
    struct layout *L = r->L;
    size_t n = json_array_size(r->notes);
    section(r, "Notes");
    lay_text(L, &st_small,
             "Each note quotes the source sentence behind a statement, with the "
             "source file and the byte offsets of the sentence in that file.");
    lay_space(L, 4);
    for (size_t i = 0; i < n && !L->failed; i++) {
        const json_t *e = json_array_get(r->notes, i);
        struct buf t = BUF_INIT, src = BUF_INIT;
        char marker[32];
        long long s0, s1;
        struct lay_run runs[2];
        const char *etext = js(e, "text");
        buf_append(&t, "\xE2\x80\x9C");
        buf_append(&t, etext ? etext : "");
        buf_append(&t, "\xE2\x80\x9D");
        buf_append(&src, js(e, "file") ? js(e, "file") : "source file " NOT_STATED);
        if (jint(e, "start", &s0) && jint(e, "end", &s1))
            buf_printf(&src, ", bytes %lld\xE2\x80\x93%lld", s0, s1);
        if (js(e, "block") && strcmp(js(e, "block"), "paragraph") != 0)
            buf_printf(&src, " (%s)", js(e, "block"));
        runs[0] = (struct lay_run){buf_str(&t), &st_notes, 0, 0};
        runs[1] = (struct lay_run){buf_str(&src), &st_small, 0, 0};
        snprintf(marker, sizeof marker, "[%zu]", i + 1);
        lay_ensure(L, 2 * st_notes.leading);
        lay_mark_note(L, (int)i + 1);
        lay_bullet(L, marker, &st_note, runs, 2, 24);
        lay_space(L, 2);
        buf_free(&t);
        buf_free(&src);
    }
    if (n == 0)
        lay_text(L, &st_ital, "No evidence sentences were cited.");
}

/* ==== the document ======================================================= */

static void briefing_date(long long epoch, char *out, size_t n)
{
    time_t t = epoch >= 0 ? (time_t)epoch : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    snprintf(out, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void doc_info(struct rdoc *r, long long epoch)
{
    struct buf t = BUF_INIT, kw = BUF_INIT, lab = BUF_INIT;
    time_t tt = epoch >= 0 ? (time_t)epoch : time(NULL);
    struct tm tm;
    HPDF_Date dt;
    char *a;
    buf_append(&t, "Alliance defense meetings compared");
    buf_append(&kw, "alliance; defense; briefing");
    for (size_t i = 0; i < jn(r->meetings) && i < 12; i++) {
        buf_printf(&t, "%s%s", i ? ", " : ": ", meeting_label(r, i, &lab));
        if (js(json_array_get(r->meetings, i), "series"))
            buf_printf(&kw, "; %s", js(json_array_get(r->meetings, i), "series"));
    }
    if (jn(r->meetings) > 12)
        buf_append(&t, ", ...");
    a = render_text_ascii(buf_str(&t));
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_TITLE, a);
    free(a);
    a = render_text_ascii(buf_str(&kw));
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_KEYWORDS, a);
    free(a);
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_AUTHOR, "alliance-briefing pipeline");
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_SUBJECT,
                     "Comparison of alliance defense meetings: leads, topics, changes, sources");
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "alliance-briefing render " BRIEFING_VERSION);
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_PRODUCER,
                     "alliance-briefing render " BRIEFING_VERSION
                     " with libharu " HPDF_VERSION_TEXT);
    if (!gmtime_r(&tt, &tm))
        memset(&tm, 0, sizeof tm);
    memset(&dt, 0, sizeof dt);
    dt.year = tm.tm_year + 1900;
    dt.month = tm.tm_mon + 1;
    dt.day = tm.tm_mday;
    dt.hour = tm.tm_hour;
    dt.minutes = tm.tm_min;
    dt.seconds = tm.tm_sec;
    dt.ind = 'Z';
    HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, dt);
    HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, dt);
    buf_free(&t);
    buf_free(&kw);
    buf_free(&lab);
}

unsigned char *render_document(const json_t *doc, const char *name, const struct render_opts *o,
                               size_t *len, struct diag *d)
{
    struct render_pdf_err e;
    struct render_fonts fonts;
    struct layout L;
    struct rdoc r;
    HPDF_Doc pdf;
    unsigned char *out = NULL;
    char date[40];
    memset(&e, 0, sizeof e);
    e.d = d;
    pdf = render_pdf_new(&e);
    if (!pdf)
        return NULL;
    if (render_fonts_init(&fonts, pdf, d) != 0) {
        if (e.count || e.oom) { /* libharu's own reason (e.g. out of memory) beats ours */
            diag_clear(d);
            render_pdf_failed(&e, name);
        }
        render_pdf_free(pdf);
        render_fonts_free(&fonts);
        return NULL;
    }
    lay_init(&L, pdf, &fonts, o->a4 ? 595.276 : 612, o->a4 ? 841.89 : 792);
    e.step = &L.step;
    memset(&r, 0, sizeof r);
    r.L = &L;
    r.doc = doc;
    r.pdf = pdf;
    r.meetings = ja(doc, "meetings");
    r.notes = json_array();
    r.note_ix = json_object();
    if (!r.notes || !r.note_ix)
        xalloc_die();
    briefing_date(o->epoch, date, sizeof date);
    doc_info(&r, o->epoch);
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);

    title_block(&r, date);
    findings(&r);
    glance(&r);
    if (!e.count && !e.oom)
        render_sections_rest(&r);
    if (!e.count && !e.oom)
        notes_section(&r);
    L.step = "the page headers and footers";
    {
        struct buf hd = BUF_INIT;
        buf_append(&hd, "Alliance defense meetings compared");
        buf_printf(&hd, " \xC2\xB7 briefing of ");
        fmt_date(&hd, date);
        lay_finish(&L, "alliance-briefing", buf_str(&hd));
        buf_free(&hd);
    }
    if (o->boxes && lay_dump_boxes(&L, o->boxes, d) != 0)
        goto done;
    L.step = "the saved file";
    out = render_pdf_save(pdf, &fonts, &e, name, len);
done:
    json_decref(r.notes);
    json_decref(r.note_ix);
    json_decref(r.meeting_ix);
    buf_free(&r.scratch);
    lay_free(&L);
    render_pdf_free(pdf);
    render_fonts_free(&fonts);
    return out;
}
