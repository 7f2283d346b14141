/* render_fonts.c - the embedded fonts: loading, glyph coverage, font runs. */
#include "render_fonts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "datadir.h"
#include "fileio.h"
#include "utf8.h"
#include "xalloc.h"

#define RFONT_MAX_FILE (64u * 1024u * 1024u)

static const char *const rfont_role_names[RFONT_NFACES] = {"regular", "bold", "italic", "serif",
                                                           "fallback"};

/* ---- TrueType cmap ------------------------------------------------------ */

static uint32_t rf_u16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}
static uint32_t rf_u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int rf_cmap4(const unsigned char *t, size_t len, unsigned char *cover)
{
    size_t seg2, seg, i;
    if (len < 14 || rf_u16(t) != 4)
        return -1;
    seg2 = rf_u16(t + 6);
    seg = seg2 / 2;
    if (seg == 0 || 16 + 4 * seg2 > len)
        return -1;
    for (i = 0; i < seg; i++) {
        uint32_t end = rf_u16(t + 14 + 2 * i);
        uint32_t start = rf_u16(t + 16 + seg2 + 2 * i);
        uint32_t delta = rf_u16(t + 16 + 2 * seg2 + 2 * i);
        size_t ro_pos = 16 + 3 * seg2 + 2 * i;
        uint32_t ro = rf_u16(t + ro_pos);
        for (uint32_t c = start; c <= end && c < 0xFFFF; c++) {
            uint32_t gid;
            if (ro == 0) {
                gid = (c + delta) & 0xFFFF;
            } else {
                size_t at = ro_pos + ro + 2 * (size_t)(c - start);
                if (at + 2 > len)
                    break;
                gid = rf_u16(t + at);
                if (gid)
                    gid = (gid + delta) & 0xFFFF;
            }
            if (gid)
                cover[c >> 3] |= (unsigned char)(1u << (c & 7));
        }
    }
    return 0;
}

int render_fonts_cmap(const unsigned char *data, size_t len, unsigned char *cover)
{
    size_t ntab, i, cmap = 0, cmap_len = 0, best = 0;
    int best_rank = 0;
    if (len < 12)
        return -1;
    ntab = rf_u16(data + 4);
    if (12 + 16 * ntab > len)
        return -1;
    for (i = 0; i < ntab; i++) {
        const unsigned char *r = data + 12 + 16 * i;
        if (memcmp(r, "cmap", 4) == 0) {
            cmap = rf_u32(r + 8);
            cmap_len = rf_u32(r + 12);
        }
    }
    if (!cmap || cmap > len || cmap_len > len - cmap || cmap_len < 4)
        return -1;
    {
        const unsigned char *c = data + cmap;
        size_t n = rf_u16(c + 2);
        if (4 + 8 * n > cmap_len)
            return -1;
        for (i = 0; i < n; i++) {
            uint32_t plat = rf_u16(c + 4 + 8 * i), enc = rf_u16(c + 6 + 8 * i);
            uint32_t off = rf_u32(c + 8 + 8 * i);
            int rank = (plat == 3 && enc == 1) ? 2 : (plat == 0) ? 1 : 0;
            if (rank > best_rank && off + 4 <= cmap_len && rf_u16(c + off) == 4) {
                best_rank = rank;
                best = off;
            }
        }
        if (!best_rank)
            return -1;
        return rf_cmap4(c + best, cmap_len - best, cover);
    }
}

/* ---- loading ------------------------------------------------------------ */

static int rf_read_list(struct render_fonts *f, struct diag *d)
{
    char *path = datadir_find("stages/render/data/fonts.tsv", d);
    size_t len;
    char *text, *line, *save = NULL;
    if (!path)
        return -1;
    text = fileio_read(path, 1u << 20, &len, d);
    free(path);
    if (!text)
        return -1;
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        for (int r = 0; r < RFONT_NFACES; r++) {
            if (strcmp(line, rfont_role_names[r]) == 0 && !f->face[r].path &&
                access(tab + 1, R_OK) == 0)
                f->face[r].path = xstrdup(tab + 1);
        }
    }
    free(text);
    return 0;
}

/* Load face R now; on any failure the face is marked unusable. */
static int rf_load(struct render_fonts *f, int r, struct diag *d)
{
    struct rfont_face *fc = &f->face[r];
    size_t len;
    unsigned char *data;
    struct diag scratch = {.prog = d ? d->prog : "render"};
    if (fc->state)
        return fc->state > 0 ? 0 : -1;
    fc->state = -1;
    if (!fc->path)
        return d ? diag_set(d, "stages/render/data/fonts.tsv", "no readable font for role %s",
                            rfont_role_names[r])
                 : -1;
    data = (unsigned char *)fileio_read(fc->path, RFONT_MAX_FILE, &len, d ? d : &scratch);
    if (!data)
        return -1;
    fc->cover = xcalloc(RFONT_BITMAP, 1);
    fc->used = xcalloc(RFONT_BITMAP, 1);
    if (render_fonts_cmap(data, len, fc->cover) != 0) {
        free(data);
        return d ? diag_set(d, fc->path, "expected a TrueType font with a Unicode cmap") : -1;
    }
    free(data);
    fc->name = HPDF_LoadTTFontFromFile(f->pdf, fc->path, HPDF_TRUE);
    if (fc->name)
        fc->font = HPDF_GetFont(f->pdf, fc->name, "UTF-8");
    if (!fc->font)
        return d ? diag_set(d, fc->path, "libharu could not load the font") : -1;
    fc->state = 1;
    return 0;
}

int render_fonts_init(struct render_fonts *f, HPDF_Doc pdf, struct diag *d)
{
    memset(f, 0, sizeof *f);
    f->pdf = pdf;
    if (rf_read_list(f, d) != 0)
        return -1;
    return rf_load(f, RFONT_REGULAR, d);
}

void render_fonts_free(struct render_fonts *f)
{
    for (int r = 0; r < RFONT_NFACES; r++) {
        free(f->face[r].path);
        free(f->face[r].cover);
        free(f->face[r].used);
    }
    memset(f, 0, sizeof *f);
}

/* ---- runs --------------------------------------------------------------- */

static int rf_has(const struct rfont_face *fc, uint32_t cp)
{
    return fc->state > 0 && cp < 0x10000 && (fc->cover[cp >> 3] >> (cp & 7) & 1);
}

/* The face for ROLE, or the regular face when ROLE's font is unusable. */
static struct rfont_face *rf_primary(struct render_fonts *f, int role)
{
    if (role < 0 || role >= RFONT_FALLBACK)
        role = RFONT_REGULAR;
    if (rf_load(f, role, NULL) == 0)
        return &f->face[role];
    return &f->face[RFONT_REGULAR];
}

void render_fonts_runs(struct render_fonts *f, int role, const char *s, size_t n,
                       render_fonts_run_fn fn, void *ctx)
{
    struct rfont_face *prim = rf_primary(f, role), *cur = NULL;
    struct buf run = BUF_INIT;
    size_t i = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        struct rfont_face *fc = prim;
        if (cp == UTF8_BAD || cp > 0xFFFF)
            cp = 0xFFFD;
        if (!rf_has(prim, cp)) {
            struct rfont_face *fb = &f->face[RFONT_FALLBACK];
            if (fb->state == 0)
                rf_load(f, RFONT_FALLBACK, NULL);
            if (rf_has(fb, cp))
                fc = fb;
            else
                cp = rf_has(prim, 0xFFFD) ? 0xFFFD : '?';
        }
        if (fc->state <= 0)
            continue; /* no usable font at all: nothing can be drawn */
        if (cur && fc != cur && run.len) {
            fn(ctx, cur, run.p, run.len);
            run.len = 0;
            run.p[0] = '\0';
        }
        cur = fc;
        fc->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
        buf_put_utf8(&run, cp);
    }
    if (cur && run.len)
        fn(ctx, cur, run.p, run.len);
    buf_free(&run);
}

struct rf_width {
    double size, w;
};

static void rf_width_fn(void *ctx, struct rfont_face *face, const char *s, size_t n)
{
    struct rf_width *w = ctx;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(face->font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
    w->w += tw.width * w->size / 1000.0;
}

double render_fonts_width(struct render_fonts *f, int role, double size, const char *s, size_t n)
{
    struct rf_width w = {size, 0};
    render_fonts_runs(f, role, s, n, rf_width_fn, &w);
    return w.w;
}

const struct rfont_face *render_fonts_by_name(const struct render_fonts *f, const char *name,
                                              size_t len)
{
    for (int r = 0; r < RFONT_NFACES; r++) {
        const struct rfont_face *fc = &f->face[r];
        if (fc->state > 0 && fc->name && strlen(fc->name) == len &&
            memcmp(fc->name, name, len) == 0)
            return fc;
    }
    return NULL;
}
