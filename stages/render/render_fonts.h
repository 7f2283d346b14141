/* render_fonts.h - the embedded fonts: loading, glyph coverage, font runs.
 *
 * Fonts are TrueType files listed in stages/render/data/fonts.tsv, loaded
 * into libharu as UTF-8 (Identity-H, CID = Unicode code point) fonts the
 * first time a role is used. Each face knows which BMP code points its cmap
 * covers, so text is split into runs: a Hangul name in Latin text is drawn
 * with the fallback face, a code point no face has becomes U+FFFD or '?'.
 * Each face also records the code points drawn with it, from which
 * render_pdf builds exact ToUnicode CMaps.
 */
#ifndef RENDER_FONTS_H
#define RENDER_FONTS_H

#include <hpdf.h>
#include <stddef.h>

#include "diag.h"

enum rfont_role {
    RFONT_REGULAR,
    RFONT_BOLD,
    RFONT_ITALIC,
    RFONT_SERIF,
    RFONT_FALLBACK,
    RFONT_NFACES
};

#define RFONT_BITMAP (65536 / 8)

struct rfont_face {
    char *path;           /* TrueType file (heap), NULL when none is listed */
    const char *name;     /* libharu's font name, e.g. "DejaVuSans,Book" (libharu owns) */
    HPDF_Font font;       /* NULL until loaded */
    unsigned char *cover; /* RFONT_BITMAP bytes: code points with a glyph */
    unsigned char *used;  /* RFONT_BITMAP bytes: code points drawn */
    int state;            /* 0 not loaded yet, 1 loaded, -1 unusable */
};

struct render_fonts {
    HPDF_Doc pdf;
    struct rfont_face face[RFONT_NFACES];
};

/* Read the font list and load the regular face. -1 with D filled when the
 * list or the regular font cannot be used. Free with render_fonts_free. */
int render_fonts_init(struct render_fonts *f, HPDF_Doc pdf, struct diag *d);
void render_fonts_free(struct render_fonts *f);

/* Split LEN bytes of cleaned text S (see render_text_clean) into runs of one
 * face for ROLE and call FN for each; the run bytes are NUL-terminated. */
typedef void (*render_fonts_run_fn)(void *ctx, struct rfont_face *face, const char *s, size_t n);
void render_fonts_runs(struct render_fonts *f, int role, const char *s, size_t n,
                       render_fonts_run_fn fn, void *ctx);

/* Width in points of S drawn in ROLE at SIZE. */
double render_fonts_width(struct render_fonts *f, int role, double size, const char *s, size_t n);

/* The face whose libharu name is NAME (a PDF BaseFont without its subset
 * tag), or NULL. */
const struct rfont_face *render_fonts_by_name(const struct render_fonts *f, const char *name,
                                              size_t len);

/* Parse the cmap of the TrueType font in DATA (LEN bytes) and set a bit in
 * COVER (RFONT_BITMAP bytes, zeroed by the caller) for every BMP code point
 * that maps to a glyph. -1 when the font has no usable Unicode cmap. */
int render_fonts_cmap(const unsigned char *data, size_t len, unsigned char *cover);

#endif
