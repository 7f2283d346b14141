/* render_layout.c - a small layout layer over libharu. */
#include "render_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "render_text.h"
#include "utf8.h"
#include "xalloc.h"

#define LAY_MARGIN_X 54.0
#define LAY_MARGIN_TOP 62.0
#define LAY_MARGIN_BOTTOM 54.0
#define LAY_EPS 0.01

/* ==== pages and boxes ==================================================== */

void lay_init(struct layout *L, HPDF_Doc pdf, struct render_fonts *f, double pw, double ph)
{
    memset(L, 0, sizeof *L);
    L->pdf = pdf;
    L->fonts = f;
    L->pw = pw;
    L->ph = ph;
    L->x0 = LAY_MARGIN_X;
    L->x1 = pw - LAY_MARGIN_X;
    L->top = ph - LAY_MARGIN_TOP;
    L->bottom = LAY_MARGIN_BOTTOM;
    L->y = L->top;
    L->step = "the first page";
}

void lay_free(struct layout *L)
{
    free(L->pages);
    free(L->boxes);
    free(L->links);
    free(L->dests);
    memset(L, 0, sizeof *L);
}

void lay_new_page(struct layout *L)
{
    HPDF_Page p;
    if (L->failed)
        return;
    p = HPDF_AddPage(L->pdf);
    if (!p || HPDF_Page_SetWidth(p, (HPDF_REAL)L->pw) != HPDF_OK ||
        HPDF_Page_SetHeight(p, (HPDF_REAL)L->ph) != HPDF_OK) {
        L->failed = 1;
        return;
    }
    if (L->npages == L->cap_pages) {
        L->cap_pages = L->cap_pages ? 2 * L->cap_pages : 16;
        L->pages = xrealloc(L->pages, xmul(L->cap_pages, sizeof *L->pages));
    }
    L->pages[L->npages++] = p;
    L->y = L->top;
}

HPDF_Page lay_page(struct layout *L)
{
    if (!L->npages)
        lay_new_page(L);
    return L->npages ? L->pages[L->npages - 1] : NULL;
}

int lay_at_top(const struct layout *L)
{
    return L->npages == 0 || L->y >= L->top - LAY_EPS;
}

void lay_ensure(struct layout *L, double h)
{
    lay_page(L);
    if (L->y - h < L->bottom - LAY_EPS && !lay_at_top(L))
        lay_new_page(L);
}

void lay_space(struct layout *L, double h)
{
    if (lay_at_top(L))
        return; /* space never starts a page */
    L->y -= h;
    if (L->y < L->bottom)
        L->y = L->bottom;
}

static void lay_box_add(struct layout *L, int kind, double x0, double y0, double x1, double y1,
                        double cx0, double cy0, double cx1, double cy1)
{
    struct lay_box *b;
    if (L->nboxes == L->cap_boxes) {
        L->cap_boxes = L->cap_boxes ? 2 * L->cap_boxes : 256;
        L->boxes = xrealloc(L->boxes, xmul(L->cap_boxes, sizeof *L->boxes));
    }
    b = &L->boxes[L->nboxes++];
    b->page = (int)L->npages;
    b->kind = kind;
    b->x0 = x0;
    b->y0 = y0;
    b->x1 = x1;
    b->y1 = y1;
    b->cx0 = cx0;
    b->cy0 = cy0;
    b->cx1 = cx1;
    b->cy1 = cy1;
}

/* ==== drawing text ======================================================= */

/* The fill colour, set only when it changes (as libharu stores it). */
static void set_fill(HPDF_Page page, float r, float g, float b)
{
    HPDF_RGBColor c = HPDF_Page_GetRGBFill(page);
    if (HPDF_Page_GetFillingColorSpace(page) != HPDF_CS_DEVICE_RGB || c.r != (HPDF_REAL)r ||
        c.g != (HPDF_REAL)g || c.b != (HPDF_REAL)b)
        HPDF_Page_SetRGBFill(page, r, g, b);
}

struct lay_draw {
    HPDF_Page page;
    double size, x, y;
};

static void lay_draw_fn(void *ctx, struct rfont_face *face, const char *s, size_t n)
{
    struct lay_draw *dr = ctx;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(face->font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
    /* the text state outlives BT/ET: set the font only when it changes
     * (libharu's operators are costly, and a page may hold thousands) */
    if (HPDF_Page_GetCurrentFont(dr->page) != face->font ||
        HPDF_Page_GetCurrentFontSize(dr->page) != (HPDF_REAL)dr->size)
        HPDF_Page_SetFontAndSize(dr->page, face->font, (HPDF_REAL)dr->size);
    HPDF_Page_TextOut(dr->page, (HPDF_REAL)dr->x, (HPDF_REAL)dr->y, s);
    dr->x += tw.width * dr->size / 1000.0;
}

/* Draw cleaned text S (N bytes) with its baseline at Y; returns the width. */
static double lay_draw_clean(struct layout *L, const struct lay_style *st, const char *s, size_t n,
                             double x, double y)
{
    struct lay_draw dr;
    HPDF_Page page = lay_page(L);
    if (L->failed || !page || n == 0)
        return 0;
    dr.page = page;
    dr.size = st->size;
    dr.x = x;
    dr.y = y;
    set_fill(page, st->r, st->g, st->b);
    HPDF_Page_BeginText(page);
    render_fonts_runs(L->fonts, st->font, s, n, lay_draw_fn, &dr);
    HPDF_Page_EndText(page);
    return dr.x - x;
}

double lay_width(struct layout *L, const struct lay_style *st, const char *text)
{
    char *c = render_text_cleans(text);
    double w = render_fonts_width(L->fonts, st->font, st->size, c, strlen(c));
    free(c);
    return w;
}

/* The baseline of a line whose slot starts at TOP. */
static double lay_baseline(const struct lay_style *st, double top)
{
    return top - st->size * 0.93 - (st->leading - st->size * 1.17) / 2;
}

double lay_text_at(struct layout *L, const struct lay_style *st, const char *text, double x,
                   double y, int kind, double cx0, double cy0, double cx1, double cy1)
{
    char *c = render_text_cleans(text);
    double w = lay_draw_clean(L, st, c, strlen(c), x, y);
    if (w > 0)
        lay_box_add(L, kind, x, y - st->size * 0.24, x + w, y + st->size * 0.76, cx0, cy0, cx1,
                    cy1);
    free(c);
    return w;
}

void lay_rect(struct layout *L, double x, double y, double w, double h, float r, float g, float b,
              int stroke)
{
    HPDF_Page page = lay_page(L);
    if (L->failed || !page)
        return;
    if (stroke) {
        HPDF_Page_SetRGBStroke(page, r, g, b);
        HPDF_Page_SetLineWidth(page, 0.6f);
        HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
        HPDF_Page_Stroke(page);
    } else {
        set_fill(page, r, g, b);
        HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
        HPDF_Page_Fill(page);
    }
}

void lay_hline(struct layout *L, double x0, double x1, double y, double lw, float grey)
{
    HPDF_Page page = lay_page(L);
    if (L->failed || !page)
        return;
    HPDF_Page_SetGrayStroke(page, grey);
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)lw);
    HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y);
    HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y);
    HPDF_Page_Stroke(page);
}

/* ==== word wrapping ====================================================== */

struct lay_tok {
    size_t run;      /* index into the run list */
    size_t off, len; /* bytes in the run's cleaned text */
    double w;        /* width of the token */
    double space;    /* width of the space before it (0 at a glue or hard-split join) */
};

struct lay_flow {
    char **text; /* cleaned run texts */
    const struct lay_run *runs;
    size_t nruns;
    struct lay_tok *tok;
    size_t ntok, cap;
    size_t *line; /* index of the first token of each line, plus ntok at the end */
    size_t nlines;
    double leading; /* the largest leading of the runs */
};

static void lay_tok_push(struct lay_flow *f, size_t run, size_t off, size_t len, double w,
                         double space)
{
    if (f->ntok == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 32;
        f->tok = xrealloc(f->tok, xmul(f->cap, sizeof *f->tok));
    }
    f->tok[f->ntok].run = run;
    f->tok[f->ntok].off = off;
    f->tok[f->ntok].len = len;
    f->tok[f->ntok].w = w;
    f->tok[f->ntok].space = space;
    f->ntok++;
}

/* Split one word wider than WIDTH at code point boundaries. */
static void lay_tok_split(struct layout *L, struct lay_flow *f, size_t r, size_t off, size_t len,
                          double width, double space)
{
    const struct lay_style *st = f->runs[r].st;
    const char *s = f->text[r] + off;
    size_t start = 0;
    while (start < len) {
        size_t end = start, best = start, hyph = start;
        double bw = 0, hw = 0;
        int full = 0;
        while (end < len) {
            size_t nx = end;
            double w;
            utf8_next(s, len, &nx);
            w = render_fonts_width(L->fonts, st->font, st->size, s + start, nx - start);
            if (w > width && best > start) {
                full = 1;
                break;
            }
            best = nx;
            bw = w;
            end = nx;
            if (s[nx - 1] == '-' || s[nx - 1] == '/')
                hyph = nx, hw = w; /* a break after a hyphen or slash reads better */
        }
        if (full && hyph > start) {
            best = hyph;
            bw = hw;
        }
        lay_tok_push(f, r, off + start, best - start, bw, space);
        space = 0;
        start = best;
    }
}

static void lay_flow_build(struct layout *L, struct lay_flow *f, const struct lay_run *runs,
                           size_t n, double width)
{
    memset(f, 0, sizeof *f);
    f->runs = runs;
    f->nruns = n;
    f->text = xcalloc(n ? n : 1, sizeof *f->text);
    for (size_t r = 0; r < n; r++) {
        const struct lay_style *st = runs[r].st;
        double sp = render_fonts_width(L->fonts, st->font, st->size, " ", 1);
        const char *t;
        size_t len, i = 0;
        int first = 1;
        f->text[r] = render_text_cleans(runs[r].text);
        t = f->text[r];
        len = strlen(t);
        if (st->leading > f->leading)
            f->leading = st->leading;
        while (i < len) {
            size_t j = i;
            double w, space;
            while (j < len && t[j] != ' ')
                j++;
            w = render_fonts_width(L->fonts, st->font, st->size, t + i, j - i);
            space = (first && (runs[r].glue || f->ntok == 0)) ? 0 : sp;
            if (w > width)
                lay_tok_split(L, f, r, i, j - i, width, space);
            else
                lay_tok_push(f, r, i, j - i, w, space);
            first = 0;
            i = j < len ? j + 1 : j;
        }
    }
    /* greedy line filling */
    f->line = xmalloc(xmul(f->ntok + 2, sizeof *f->line));
    {
        double cur = 0;
        size_t i;
        f->nlines = 0;
        for (i = 0; i < f->ntok; i++) {
            if (i == 0 || cur + f->tok[i].space + f->tok[i].w > width + LAY_EPS) {
                f->line[f->nlines++] = i;
                cur = f->tok[i].w;
            } else {
                cur += f->tok[i].space + f->tok[i].w;
            }
        }
        f->line[f->nlines] = f->ntok;
    }
}

static void lay_flow_free(struct lay_flow *f)
{
    for (size_t r = 0; r < f->nruns; r++)
        free(f->text[r]);
    free(f->text);
    free(f->tok);
    free(f->line);
}

static double lay_line_width(const struct lay_flow *f, size_t ln)
{
    double w = 0;
    for (size_t i = f->line[ln]; i < f->line[ln + 1]; i++)
        w += (i == f->line[ln] ? 0 : f->tok[i].space) + f->tok[i].w;
    return w;
}

static void lay_link_add(struct layout *L, int note, double x0, double y0, double x1, double y1)
{
    struct lay_link *k;
    if (L->nlinks == L->cap_links) {
        L->cap_links = L->cap_links ? 2 * L->cap_links : 64;
        L->links = xrealloc(L->links, xmul(L->cap_links, sizeof *L->links));
    }
    k = &L->links[L->nlinks++];
    k->page = (int)L->npages;
    k->note = note;
    k->x0 = x0;
    k->y0 = y0;
    k->x1 = x1;
    k->y1 = y1;
}

/* Draw line LN of F in the slot starting at L->y; container CX0..CX1. */
static void lay_flow_line(struct layout *L, const struct lay_flow *f, size_t ln, double x0,
                          double width, int align, double cy0, double cy1)
{
    double lw = lay_line_width(f, ln), x = x0, top = L->y;
    const struct lay_style *st0 = f->runs[f->tok[f->line[ln]].run].st;
    double base = lay_baseline(st0, top);
    for (size_t i = f->line[ln]; i < f->line[ln + 1]; i++)
        if (f->runs[f->tok[i].run].st->size > st0->size)
            base = lay_baseline(f->runs[f->tok[i].run].st, top);
    if (align == LAY_CENTER)
        x += (width - lw) / 2;
    else if (align == LAY_RIGHT)
        x += width - lw;
    if (x < x0)
        x = x0;
    {
        double sx = x;
        for (size_t i = f->line[ln]; i < f->line[ln + 1]; i++) {
            const struct lay_tok *t = &f->tok[i];
            const struct lay_run *r = &f->runs[t->run];
            if (i > f->line[ln])
                x += t->space;
            lay_draw_clean(L, r->st, f->text[t->run] + t->off, t->len, x, base);
            if (r->note > 0)
                lay_link_add(L, r->note, x - 1, top - f->leading, x + t->w + 1, top);
            x += t->w;
        }
        if (lw > 0)
            lay_box_add(L, LAY_TEXT, sx, top - f->leading, sx + lw, top, x0, cy0, x0 + width, cy1);
    }
}

double lay_para_height(struct layout *L, const struct lay_run *runs, size_t n, double width)
{
    struct lay_flow f;
    double h;
    lay_flow_build(L, &f, runs, n, width);
    h = (double)f.nlines * f.leading;
    lay_flow_free(&f);
    return h;
}

void lay_para(struct layout *L, const struct lay_run *runs, size_t n, double x0, double width,
              int align)
{
    struct lay_flow f;
    lay_page(L);
    lay_flow_build(L, &f, runs, n, width);
    for (size_t ln = 0; ln < f.nlines && !L->failed; ln++) {
        /* keep the last two lines of a paragraph together (no widow) */
        double need = (f.nlines >= 3 && ln == f.nlines - 2) ? 2 * f.leading : f.leading;
        if (L->y - need < L->bottom - LAY_EPS && !lay_at_top(L))
            lay_new_page(L);
        lay_flow_line(L, &f, ln, x0, width, align, L->bottom, L->top);
        L->y -= f.leading;
    }
    lay_flow_free(&f);
}

void lay_text(struct layout *L, const struct lay_style *st, const char *text)
{
    struct lay_run r = {text, st, 0, 0};
    lay_para(L, &r, 1, L->x0, L->x1 - L->x0, LAY_LEFT);
}

void lay_bullet(struct layout *L, const char *marker, const struct lay_style *mst,
                const struct lay_run *runs, size_t n, double indent)
{
    double w = L->x1 - L->x0 - indent;
    struct lay_flow f;
    lay_page(L);
    lay_flow_build(L, &f, runs, n, w);
    if (f.nlines) {
        double first = f.leading * (f.nlines >= 2 ? 2 : 1);
        if (L->y - first < L->bottom - LAY_EPS && !lay_at_top(L))
            lay_new_page(L);
        if (marker && *marker) {
            const struct lay_style *st0 = runs[0].st;
            lay_text_at(L, mst, marker, L->x0, lay_baseline(st0, L->y), LAY_TEXT, L->x0, L->bottom,
                        L->x0 + indent, L->top);
        }
    }
    for (size_t ln = 0; ln < f.nlines && !L->failed; ln++) {
        if (L->y - f.leading < L->bottom - LAY_EPS && !lay_at_top(L))
            lay_new_page(L);
        lay_flow_line(L, &f, ln, L->x0 + indent, w, LAY_LEFT, L->bottom, L->top);
        L->y -= f.leading;
    }
    lay_flow_free(&f);
}

HPDF_Destination lay_heading(struct layout *L, const struct lay_style *st, const char *text,
                             double before, double keep)
{
    struct lay_run r = {text, st, 0, 0};
    double w = L->x1 - L->x0;
    double h = lay_para_height(L, &r, 1, w);
    HPDF_Destination dst = NULL;
    HPDF_Page page;
    lay_space(L, before);
    lay_ensure(L, h + keep);
    page = lay_page(L);
    if (page && !L->failed) {
        dst = HPDF_Page_CreateDestination(page);
        if (dst)
            HPDF_Destination_SetFitH(dst, (HPDF_REAL)(L->y + 6 > L->ph ? L->ph : L->y + 6));
    }
    lay_para(L, &r, 1, L->x0, w, LAY_LEFT);
    return dst;
}

/* ==== tables ============================================================= */

struct lay_cellflow {
    struct lay_flow f;
    struct lay_run run;
    size_t next; /* next line to draw */
};

static double lay_table_width(const struct lay_table *t)
{
    double w = 0;
    for (size_t c = 0; c < t->ncols; c++)
        w += t->width[c];
    return w;
}

/* Draw one row (cells already flowed), splitting across pages when needed. */
static void lay_row_draw(struct layout *L, const struct lay_table *t, const struct lay_cell *cells,
                         struct lay_cellflow *cf, int is_head);

static void lay_cells_flow(struct layout *L, const struct lay_table *t,
                           const struct lay_cell *cells, struct lay_cellflow *cf);

static void lay_table_head(struct layout *L, const struct lay_table *t)
{
    struct lay_cellflow cf[LAY_MAX_COLS];
    if (!t->has_head)
        return;
    lay_cells_flow(L, t, t->head, cf);
    lay_row_draw(L, t, t->head, cf, 1);
    for (size_t c = 0; c < t->ncols; c++)
        lay_flow_free(&cf[c].f);
}

static double lay_row_full(const struct lay_table *t, const struct lay_cellflow *cf)
{
    double h = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        double ch = (double)(cf[c].f.nlines - cf[c].next) * cf[c].f.leading;
        if (ch > h)
            h = ch;
    }
    return h + 2 * t->pad;
}

static void lay_row_draw(struct layout *L, const struct lay_table *t, const struct lay_cell *cells,
                         struct lay_cellflow *cf, int is_head)
{
    double tw = lay_table_width(t);
    for (;;) {
        double full = lay_row_full(t, cf), avail, h = 0, x;
        size_t take[LAY_MAX_COLS];
        int more = 0;
        if (L->failed)
            return;
        avail = L->y - L->bottom;
        if (full > avail + LAY_EPS && !lay_at_top(L) &&
            (full <= L->top - L->bottom - 60 || avail < 60 || is_head)) {
            lay_new_page(L);
            if (!is_head)
                lay_table_head(L, t);
            continue;
        }
        for (size_t c = 0; c < t->ncols; c++) {
            size_t left = cf[c].f.nlines - cf[c].next;
            size_t fit = (size_t)floor((avail - 2 * t->pad + LAY_EPS) / cf[c].f.leading);
            if (fit < 1)
                fit = 1;
            take[c] = left < fit ? left : fit;
            if (take[c] < left)
                more = 1;
            if ((double)take[c] * cf[c].f.leading > h)
                h = (double)take[c] * cf[c].f.leading;
        }
        h += 2 * t->pad;
        x = L->x0;
        for (size_t c = 0; c < t->ncols; c++) {
            if (cells[c].fill)
                lay_rect(L, x, L->y - h, t->width[c], h, cells[c].fr, cells[c].fg, cells[c].fb, 0);
            x += t->width[c];
        }
        x = L->x0;
        for (size_t c = 0; c < t->ncols; c++) {
            double save = L->y, ctop = L->y, cbot = L->y - h;
            L->y -= t->pad;
            for (size_t k = 0; k < take[c]; k++) {
                lay_flow_line(L, &cf[c].f, cf[c].next + k, x + t->pad, t->width[c] - 2 * t->pad,
                              cells[c].align, cbot, ctop);
                L->y -= cf[c].f.leading;
            }
            cf[c].next += take[c];
            L->y = save;
            x += t->width[c];
        }
        lay_hline(L, L->x0, L->x0 + tw, L->y - h, is_head ? 0.8 : 0.3, is_head ? 0.2f : 0.7f);
        L->y -= h;
        if (!more)
            return;
        lay_new_page(L);
        lay_table_head(L, t);
    }
}

void lay_table_begin(struct layout *L, struct lay_table *t)
{
    double tw = lay_table_width(t), avail = L->x1 - L->x0;
    if (tw > avail + LAY_EPS) /* never let a table leave the margins */
        for (size_t c = 0; c < t->ncols; c++)
            t->width[c] *= avail / tw;
    lay_page(L);
    t->head_pending = t->has_head;
}

static double lay_head_height(struct layout *L, const struct lay_table *t)
{
    struct lay_cellflow cf[LAY_MAX_COLS];
    double h;
    lay_cells_flow(L, t, t->head, cf);
    h = lay_row_full(t, cf);
    for (size_t c = 0; c < t->ncols; c++)
        lay_flow_free(&cf[c].f);
    return h;
}

static void lay_cells_flow(struct layout *L, const struct lay_table *t,
                           const struct lay_cell *cells, struct lay_cellflow *cf)
{
    for (size_t c = 0; c < t->ncols; c++) {
        cf[c].run.text = cells[c].text ? cells[c].text : "";
        cf[c].run.st = cells[c].st ? cells[c].st : t->body;
        cf[c].run.note = 0;
        cf[c].run.glue = 0;
        cf[c].next = 0;
        if (strchr(cf[c].run.text, '\n')) {
            /* forced line breaks: flow each piece and concatenate the lines */
            struct buf piece = BUF_INIT;
            struct lay_flow all;
            const char *p = cf[c].run.text;
            memset(&all, 0, sizeof all);
            all.runs = &cf[c].run;
            all.nruns = 1;
            all.leading = cf[c].run.st->leading;
            {
                /* one flow over the text with '\n' hard breaks: build per piece */
                struct lay_flow pf;
                size_t nlines_cap = 8;
                struct buf joined = BUF_INIT;
                all.line = xmalloc(xmul(nlines_cap + 1, sizeof *all.line));
                while (*p) {
                    const char *nl = strchr(p, '\n');
                    size_t plen = nl ? (size_t)(nl - p) : strlen(p);
                    char *cl;
                    buf_reset(&piece);
                    buf_appendn(&piece, p, plen);
                    cf[c].run.text = buf_str(&piece);
                    lay_flow_build(L, &pf, &cf[c].run, 1, t->width[c] - 2 * t->pad);
                    cl = pf.text[0];
                    for (size_t ln = 0; ln < pf.nlines; ln++) {
                        if (all.nlines + 1 >= nlines_cap) {
                            nlines_cap *= 2;
                            all.line = xrealloc(all.line, xmul(nlines_cap + 1, sizeof *all.line));
                        }
                        all.line[all.nlines++] = all.ntok + pf.line[ln] - pf.line[0];
                    }
                    for (size_t i = 0; i < pf.ntok; i++)
                        lay_tok_push(&all, 0, joined.len + pf.tok[i].off, pf.tok[i].len,
                                     pf.tok[i].w, pf.tok[i].space);
                    buf_appendn(&joined, cl, strlen(cl));
                    lay_flow_free(&pf);
                    p += plen;
                    if (*p == '\n')
                        p++;
                }
                all.line[all.nlines] = all.ntok;
                all.text = xcalloc(1, sizeof *all.text);
                all.text[0] = buf_take(&joined);
            }
            buf_free(&piece);
            cf[c].run.text = "";
            cf[c].f = all;
        } else {
            lay_flow_build(L, &cf[c].f, &cf[c].run, 1, t->width[c] - 2 * t->pad);
        }
    }
}

void lay_table_row(struct layout *L, struct lay_table *t, const struct lay_cell *cells)
{
    struct lay_cellflow cf[LAY_MAX_COLS];
    lay_cells_flow(L, t, cells, cf);
    if (t->head_pending) {
        /* a header alone at the foot of a page is useless: keep the first
         * row (or its first lines) with it */
        double first = lay_row_full(t, cf), head = lay_head_height(L, t);
        double page = L->top - L->bottom;
        /* the whole first row when it fits on a page (rows that fit are
         * never split, so less would strand the header), else four lines */
        double need = head + first <= page ? first : 4 * t->body->leading + 2 * t->pad;
        lay_ensure(L, head + need);
        lay_table_head(L, t);
        t->head_pending = 0;
    }
    lay_row_draw(L, t, cells, cf, 0);
    for (size_t c = 0; c < t->ncols; c++)
        lay_flow_free(&cf[c].f);
}

/* ==== notes, chrome, links =============================================== */

void lay_mark_note(struct layout *L, int note)
{
    if (note <= 0)
        return;
    if ((size_t)note >= L->ndests) {
        size_t n = (size_t)note + 1;
        L->dests = xrealloc(L->dests, xmul(n, sizeof *L->dests));
        for (size_t i = L->ndests; i < n; i++)
            L->dests[i].page = -1;
        L->ndests = n;
    }
    lay_page(L);
    L->dests[note].page = (int)L->npages;
    L->dests[note].y = L->y;
}

void lay_finish(struct layout *L, const char *left, const char *right)
{
    static const struct lay_style chrome = {RFONT_REGULAR, 7.5, 9, 0.35f, 0.35f, 0.35f};
    size_t n = L->npages;
    size_t save_n = L->npages;
    for (size_t i = 0; i < n && !L->failed; i++) {
        char num[64];
        double w, top = L->ph - 40, cx0 = L->x0, cx1 = L->x1;
        L->npages = i + 1; /* boxes and drawing go to page i */
        if (i > 0) {
            double rw = right ? lay_width(L, &chrome, right) : 0;
            struct lay_cell dummy;
            (void)dummy;
            if (right)
                lay_text_at(L, &chrome, right, L->x1 - rw, top, LAY_CHROME, cx0, top - 4, cx1,
                            top + 10);
            if (left) {
                /* the left text gets what the right one leaves */
                char *cl = render_text_cleans(left);
                size_t len = strlen(cl);
                while (len > 0 && render_fonts_width(L->fonts, chrome.font, chrome.size, cl, len) >
                                      L->x1 - L->x0 - rw - 12) {
                    do
                        len--;
                    while (len > 0 && ((unsigned char)cl[len] & 0xC0) == 0x80);
                }
                cl[len] = '\0';
                lay_text_at(L, &chrome, cl, L->x0, top, LAY_CHROME, cx0, top - 4, cx1, top + 10);
                free(cl);
            }
            lay_hline(L, L->x0, L->x1, top - 4, 0.4, 0.6f);
        }
        snprintf(num, sizeof num, "%zu / %zu", i + 1, n);
        w = lay_width(L, &chrome, num);
        lay_text_at(L, &chrome, num, (L->pw - w) / 2, 30, LAY_CHROME, cx0, 24, cx1, 42);
    }
    L->npages = save_n;
    for (size_t i = 0; i < L->nlinks && !L->failed; i++) {
        const struct lay_link *k = &L->links[i];
        HPDF_Rect rect;
        HPDF_Destination dst;
        HPDF_Annotation a;
        HPDF_Page p, tp;
        if ((size_t)k->note >= L->ndests || L->dests[k->note].page <= 0 || k->page <= 0)
            continue;
        p = L->pages[k->page - 1];
        tp = L->pages[L->dests[k->note].page - 1];
        dst = HPDF_Page_CreateDestination(tp);
        if (!dst)
            continue;
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(L->dests[k->note].y + 4));
        rect.left = (HPDF_REAL)k->x0;
        rect.bottom = (HPDF_REAL)k->y0;
        rect.right = (HPDF_REAL)k->x1;
        rect.top = (HPDF_REAL)k->y1;
        a = HPDF_Page_CreateLinkAnnot(p, rect, dst);
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
}

int lay_dump_boxes(const struct layout *L, const char *path, struct diag *d)
{
    struct buf b = BUF_INIT;
    int rc;
    static const char *const kinds[] = {"?", "text", "chrome", "graphic"};
    buf_printf(&b,
               "# page kind x0 y0 x1 y1 cx0 cy0 cx1 cy1 (page %.2f x %.2f, body %.2f %.2f "
               "%.2f %.2f)\n",
               L->pw, L->ph, L->x0, L->bottom, L->x1, L->top);
    for (size_t i = 0; i < L->nboxes; i++) {
        const struct lay_box *x = &L->boxes[i];
        buf_printf(&b, "%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", x->page,
                   kinds[x->kind >= 1 && x->kind <= 3 ? x->kind : 0], x->x0, x->y0, x->x1, x->y1,
                   x->cx0, x->cy0, x->cx1, x->cy1);
    }
    rc = fileio_write_atomic(path, b.p ? b.p : "", b.len, d);
    buf_free(&b);
    return rc;
}
