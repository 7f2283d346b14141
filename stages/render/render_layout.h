/* render_layout.h - a small layout layer over libharu.
 *
 * Text is measured with the embedded fonts' real widths and word-wrapped;
 * paragraphs are lists of styled runs (a run may link to a note); tables
 * wrap their cells, split across pages and repeat their header row; a
 * heading keeps with what follows. Every line drawn is recorded as a box
 * (page, rectangle, the container it must stay in), so tests can prove that
 * nothing leaves its cell or the margins and no two lines overlap.
 * Coordinates are PDF points, origin bottom-left; the cursor L->y is the top
 * of the next thing to draw.
 */
#ifndef RENDER_LAYOUT_H
#define RENDER_LAYOUT_H

#include <hpdf.h>
#include <stddef.h>

#include "diag.h"
#include "render_fonts.h"

#define LAY_MAX_COLS 16

enum lay_kind { LAY_TEXT = 1, LAY_CHROME = 2, LAY_GRAPHIC = 3 };
enum lay_align { LAY_LEFT = 0, LAY_CENTER = 1, LAY_RIGHT = 2 };

struct lay_style {
    int font;       /* enum rfont_role */
    double size;    /* points */
    double leading; /* line height in points */
    float r, g, b;  /* text colour */
};

struct lay_run {
    const char *text; /* raw text: cleaned before measuring (may be NULL) */
    const struct lay_style *st;
    int note; /* > 0: the run links to note NOTE */
    int glue; /* non-zero: no space between this run and the previous */
};

struct lay_box {
    int page, kind;
    double x0, y0, x1, y1;     /* what was drawn */
    double cx0, cy0, cx1, cy1; /* the container it must stay inside */
};

struct lay_link {
    int page, note;
    double x0, y0, x1, y1;
};

struct lay_dest {
    int page; /* -1: not placed */
    double y;
};

struct lay_cell {
    const char *text;           /* may hold '\n' for forced line breaks; NULL = empty */
    const struct lay_style *st; /* NULL: the table's body style */
    int fill;                   /* non-zero: paint the background FR,FG,FB */
    float fr, fg, fb;
    int align; /* enum lay_align */
};

struct lay_table {
    size_t ncols;
    double width[LAY_MAX_COLS]; /* column widths in points */
    struct lay_cell head[LAY_MAX_COLS];
    int has_head;
    int head_pending;             /* set by lay_table_begin: head drawn with the first row */
    double pad;                   /* cell padding */
    const struct lay_style *body; /* default cell style */
};

struct layout {
    HPDF_Doc pdf;
    struct render_fonts *fonts;
    double pw, ph;              /* page size */
    double x0, x1, top, bottom; /* body area (inside the margins) */
    HPDF_Page *pages;
    size_t npages, cap_pages;
    double y;
    struct lay_box *boxes;
    size_t nboxes, cap_boxes;
    struct lay_link *links;
    size_t nlinks, cap_links;
    struct lay_dest *dests; /* indexed by note number */
    size_t ndests;
    const char *step; /* what is being drawn (for error messages) */
    int failed;       /* a libharu call failed: stop drawing */
};

/* Set up an empty layout for pages PW x PH points. No page yet. */
void lay_init(struct layout *L, HPDF_Doc pdf, struct render_fonts *f, double pw, double ph);
void lay_free(struct layout *L);

HPDF_Page lay_page(struct layout *L); /* the current page (adds the first) */
void lay_new_page(struct layout *L);
/* Start a new page unless H points fit below the cursor. */
void lay_ensure(struct layout *L, double h);
void lay_space(struct layout *L, double h);
/* Non-zero when the cursor is at the top of a page. */
int lay_at_top(const struct layout *L);

/* Height that a paragraph of RUNS would take in WIDTH points. */
double lay_para_height(struct layout *L, const struct lay_run *runs, size_t n, double width);
/* Draw RUNS word-wrapped between X0 and X0+WIDTH, breaking pages as needed. */
void lay_para(struct layout *L, const struct lay_run *runs, size_t n, double x0, double width,
              int align);
/* One-run paragraph over the full body width. */
void lay_text(struct layout *L, const struct lay_style *st, const char *text);
/* A bullet item: MARKER hanging in INDENT points, RUNS wrapped after it. */
void lay_bullet(struct layout *L, const char *marker, const struct lay_style *mst,
                const struct lay_run *runs, size_t n, double indent);
/* A heading kept with at least KEEP points of what follows. Returns its
 * destination (for the outline), or NULL when drawing failed. */
HPDF_Destination lay_heading(struct layout *L, const struct lay_style *st, const char *text,
                             double before, double keep);

/* Draw one line of cleaned-on-the-fly TEXT with its baseline at Y, left at
 * X, recorded inside container CX0..CX1 x CY0..CY1. Returns its width. */
double lay_text_at(struct layout *L, const struct lay_style *st, const char *text, double x,
                   double y, int kind, double cx0, double cy0, double cx1, double cy1);
double lay_width(struct layout *L, const struct lay_style *st, const char *text);
void lay_rect(struct layout *L, double x, double y, double w, double h, float r, float g, float b,
              int stroke);
void lay_hline(struct layout *L, double x0, double x1, double y, double lw, float grey);

/* Tables: set ncols, width, pad, body and (optionally) head, then begin. */
void lay_table_begin(struct layout *L, struct lay_table *t);
void lay_table_row(struct layout *L, struct lay_table *t, const struct lay_cell *cells);

/* Remember the cursor position as the destination of note NOTE. */
void lay_mark_note(struct layout *L, int note);

/* Draw running header (LEFT, RIGHT) and "n / N" footers on every page, and
 * turn recorded note links into link annotations. */
void lay_finish(struct layout *L, const char *left, const char *right);

/* Write the recorded boxes as TSV (page kind x0 y0 x1 y1 cx0 cy0 cx1 cy1)
 * to PATH atomically. 0 or -1 with D filled. */
int lay_dump_boxes(const struct layout *L, const char *path, struct diag *d);

#endif
