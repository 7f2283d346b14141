/* render_pdf.c - the libharu document: creation, errors, saving, repair. */
#include "render_pdf.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sha256.h"
#include "xalloc.h"

/* ==== creation and errors ================================================ */

/* Each block handed to libharu starts with this header, linked into one list
 * of live blocks: libharu 2.3 leaks objects on some error paths (a font's
 * before-write hook builds a dict that a failing HPDF_SaveToStream never
 * frees), and render_pdf_free() releases whatever HPDF_Free left behind. */
union rp_block {
    struct {
        union rp_block *prev, *next;
    } l;
    max_align_t align;
};

static union rp_block rp_live = {.l = {&rp_live, &rp_live}};
static struct render_pdf_err *rp_cur; /* the open document's error record */

static void *render_pdf_alloc(HPDF_UINT size)
{
    size_t n = sizeof(union rp_block) + (size ? size : 1);
    union rp_block *b = n > size ? xalloc_try(n) : NULL;
    if (!b) {
        /* libharu may report this late, as another error, or not at all */
        if (rp_cur && !rp_cur->oom) {
            rp_cur->oom = 1;
            rp_cur->oom_at = rp_cur->step && *rp_cur->step ? *rp_cur->step : NULL;
        }
        return NULL;
    }
    b->l.prev = &rp_live;
    b->l.next = rp_live.l.next;
    rp_live.l.next->l.prev = b;
    rp_live.l.next = b;
    return b + 1;
}

static void render_pdf_free_fn(void *p)
{
    union rp_block *b;
    if (!p)
        return;
    b = (union rp_block *)p - 1;
    b->l.prev->l.next = b->l.next;
    b->l.next->l.prev = b->l.prev;
    free(b);
}

void render_pdf_free(HPDF_Doc pdf)
{
    if (pdf)
        HPDF_Free(pdf);
    while (rp_live.l.next != &rp_live)
        render_pdf_free_fn(rp_live.l.next + 1);
    rp_cur = NULL;
}

static void render_pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct render_pdf_err *e = user;
    if (e->count++ == 0) {
        e->code = code;
        e->detail = detail;
        e->at = e->step && *e->step ? *e->step : NULL;
    }
}

HPDF_Doc render_pdf_new(struct render_pdf_err *e)
{
    HPDF_Doc pdf;
    rp_cur = e;
    pdf = HPDF_NewEx(render_pdf_on_error, render_pdf_alloc, render_pdf_free_fn, 0, e);
    if (!pdf) {
        render_pdf_free(NULL);
        diag_set(e->d, NULL, "out of memory while starting the PDF document");
        return NULL;
    }
    if (HPDF_UseUTFEncodings(pdf) != HPDF_OK ||
        HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL) != HPDF_OK || e->count || e->oom) {
        if (e->oom)
            diag_set(e->d, NULL, "out of memory while starting the PDF document");
        else if (!render_pdf_failed(e, NULL))
            diag_set(e->d, NULL, "libharu could not start the PDF document");
        render_pdf_free(pdf);
        return NULL;
    }
    return pdf;
}

int render_pdf_failed(struct render_pdf_err *e, const char *file)
{
    if (!e->count && !e->oom)
        return 0;
    if (!e->d->set) {
        const char *step = e->at ? e->at : "the document";
        if (e->oom)
            diag_set(e->d, file, "out of memory while drawing %s", e->oom_at ? e->oom_at : step);
        else if (e->code == HPDF_FAILD_TO_ALLOC_MEM || e->detail == HPDF_FAILD_TO_ALLOC_MEM)
            diag_set(e->d, file, "out of memory while drawing %s", step);
        else
            diag_set(e->d, file, "libharu error 0x%04X (detail %u) while drawing %s",
                     (unsigned)e->code, (unsigned)e->detail, step);
    }
    return 1;
}

/* ==== ToUnicode ========================================================== */

static int rp_bit(const unsigned char *used, unsigned cp)
{
    return used[cp >> 3] >> (cp & 7) & 1;
}

char *render_pdf_tounicode(const unsigned char *used)
{
    struct buf b = BUF_INIT, body = BUF_INIT;
    unsigned cp = 0, nent = 0;
    int blocks = 0;
    buf_append(&b, "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* ranges of consecutive used code points within one high byte */
    while (cp < 0x10000) {
        unsigned end;
        if (!rp_bit(used, cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp++;
            continue;
        }
        end = cp;
        while (end + 1 < 0x10000 && (end + 1) >> 8 == cp >> 8 && rp_bit(used, end + 1))
            end++;
        buf_printf(&body, "<%04X> <%04X> <%04X>\n", cp, end, cp);
        nent++;
        if (nent == 100) {
            buf_printf(&b, "%u beginbfrange\n%sendbfrange\n", nent, buf_str(&body));
            buf_reset(&body);
            nent = 0;
            blocks++;
        }
        cp = end + 1;
    }
    if (nent || !blocks) {
        if (!nent)
            buf_append(&body, "<0020> <0020> <0020>\n");
        buf_printf(&b, "%u beginbfrange\n%sendbfrange\n", nent ? nent : 1, buf_str(&body));
    }
    buf_append(&b, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
    buf_free(&body);
    return buf_take(&b);
}

/* ==== repair ============================================================= */

struct rp_obj {
    size_t num, off, end; /* object number, byte range in the input */
    char *replace;        /* heap replacement bytes for the whole object, or NULL */
};

static const unsigned char *rp_find(const unsigned char *h, size_t hn, const char *needle)
{
    size_t nn = strlen(needle);
    if (nn == 0 || hn < nn)
        return NULL;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == (unsigned char)needle[0] && memcmp(h + i, needle, nn) == 0)
            return h + i;
    return NULL;
}

static int rp_cmp(const void *a, const void *b)
{
    const struct rp_obj *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

static int rp_cmp_num(const void *a, const void *b)
{
    const struct rp_obj *x = a, *y = b;
    return x->num < y->num ? -1 : x->num > y->num;
}

unsigned char *render_pdf_repair(const unsigned char *in, size_t n, const struct render_fonts *f,
                                 size_t *len)
{
    const unsigned char *p, *sx, *xref, *trailer;
    size_t xoff, count, i, first;
    struct rp_obj *obj = NULL;
    struct buf out = BUF_INIT;
    unsigned char digest[32];
    char *end;
    unsigned char *res = NULL;

    /* startxref: the last one in the file */
    sx = NULL;
    for (p = in; (p = rp_find(p, n - (size_t)(p - in), "startxref")) != NULL; p++)
        sx = p;
    if (!sx)
        return NULL;
    xoff = strtoul((const char *)sx + 9, &end, 10);
    if (xoff >= n || memcmp(in + xoff, "xref", 4) != 0)
        return NULL;
    xref = in + xoff;
    p = xref + 4;
    while (p < in + n && (*p == '\r' || *p == '\n'))
        p++;
    first = strtoul((const char *)p, &end, 10);
    count = strtoul(end, &end, 10);
    if (first != 0 || count < 2 || count > 10000000)
        return NULL;
    p = (const unsigned char *)end;
    while (p < in + n && (*p == '\r' || *p == '\n' || *p == ' '))
        p++;
    if ((size_t)(in + n - p) < count * 20)
        return NULL;
    obj = xcalloc(count, sizeof *obj);
    for (i = 0; i < count; i++) {
        const unsigned char *e = p + 20 * i;
        obj[i].num = i;
        obj[i].off = strtoul((const char *)e, NULL, 10);
        if (i > 0 && (e[17] != 'n' || obj[i].off >= xoff || obj[i].off == 0))
            goto fail;
    }
    trailer = rp_find(p + 20 * count, (size_t)(sx - (p + 20 * count)), "trailer");
    if (!trailer)
        goto fail;
    /* object extents: from its offset to the next object (or the xref) */
    qsort(obj + 1, count - 1, sizeof *obj, rp_cmp);
    for (i = 1; i < count; i++)
        obj[i].end = i + 1 < count ? obj[i + 1].off : xoff;
    qsort(obj + 1, count - 1, sizeof *obj, rp_cmp_num);

    /* Type0 fonts: replace the ToUnicode stream they reference */
    for (i = 1; i < count; i++) {
        const unsigned char *o = in + obj[i].off, *tu, *bf, *plus, *nm;
        size_t on = obj[i].end - obj[i].off, tnum;
        const struct rfont_face *face;
        if (!rp_find(o, on, "/Type0") || !(tu = rp_find(o, on, "/ToUnicode ")) ||
            !(bf = rp_find(o, on, "/BaseFont /")))
            continue;
        tnum = strtoul((const char *)tu + 11, NULL, 10);
        nm = bf + 11;
        plus = memchr(nm, '+', (size_t)(o + on - nm));
        if (plus)
            nm = plus + 1;
        {
            const unsigned char *ne = nm;
            while (ne<o + on && * ne> ' ' && *ne != '/' && *ne != '>' && *ne != '[')
                ne++;
            face = render_fonts_by_name(f, (const char *)nm, (size_t)(ne - nm));
        }
        if (!face || tnum == 0 || tnum >= count || obj[tnum].replace)
            continue;
        {
            char *cmap = render_pdf_tounicode(face->used);
            struct buf ob = BUF_INIT;
            buf_printf(&ob, "%zu 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n", tnum,
                       strlen(cmap), cmap);
            free(cmap);
            obj[tnum].replace = buf_take(&ob);
        }
    }

    /* write: header, objects in their original order, xref, trailer */
    qsort(obj + 1, count - 1, sizeof *obj, rp_cmp);
    buf_appendn(&out, (const char *)in, obj[1].off);
    {
        size_t *newoff = xcalloc(count, sizeof *newoff);
        for (i = 1; i < count; i++) {
            newoff[obj[i].num] = out.len;
            if (obj[i].replace)
                buf_append(&out, obj[i].replace);
            else
                buf_appendn(&out, (const char *)in + obj[i].off, obj[i].end - obj[i].off);
        }
        {
            struct sha256 h;
            sha256_init(&h);
            sha256_update(&h, out.p, out.len);
            sha256_final(&h, digest);
        }
        xoff = out.len;
        buf_printf(&out, "xref\n0 %zu\n0000000000 65535 f\r\n", count);
        for (i = 1; i < count; i++)
            buf_printf(&out, "%010zu 00000 n\r\n", newoff[i]);
        free(newoff);
    }
    {
        /* trailer dictionary: libharu's, with an /ID derived from the content */
        const unsigned char *ts = trailer + 7, *te = sx;
        const unsigned char *close = NULL;
        for (p = ts; p + 1 < te; p++)
            if (p[0] == '>' && p[1] == '>')
                close = p;
        if (!close || rp_find(ts, (size_t)(te - ts), "/ID"))
            goto fail_out;
        buf_append(&out, "trailer");
        buf_appendn(&out, (const char *)ts, (size_t)(close - ts));
        buf_append(&out, "/ID [<");
        for (i = 0; i < 16; i++)
            buf_printf(&out, "%02x", digest[i]);
        buf_append(&out, "> <");
        for (i = 0; i < 16; i++)
            buf_printf(&out, "%02x", digest[i]);
        buf_append(&out, ">]\n>>\n");
        buf_printf(&out, "startxref\n%zu\n%%%%EOF\n", xoff);
    }
    *len = out.len;
    res = (unsigned char *)buf_take(&out);
    goto done;
fail_out:
    buf_free(&out);
fail:
    res = NULL;
done:
    if (obj)
        for (i = 0; i < count; i++)
            free(obj[i].replace);
    free(obj);
    return res;
}

/* ==== saving ============================================================= */

unsigned char *render_pdf_save(HPDF_Doc pdf, const struct render_fonts *f, struct render_pdf_err *e,
                               const char *file, size_t *len)
{
    HPDF_UINT32 size;
    unsigned char *raw, *fixed;
    if (render_pdf_failed(e, file))
        return NULL;
    if (HPDF_SaveToStream(pdf) != HPDF_OK || render_pdf_failed(e, file)) {
        render_pdf_failed(e, file);
        if (!e->d->set)
            diag_set(e->d, file, "libharu could not save the document");
        return NULL;
    }
    size = HPDF_GetStreamSize(pdf);
    raw = xmalloc((size_t)size + 1);
    raw[size] = '\0';
    {
        HPDF_UINT32 got = size;
        if (HPDF_ResetStream(pdf) != HPDF_OK || HPDF_ReadFromStream(pdf, raw, &got) != HPDF_OK ||
            got != size) {
            /* ReadFromStream returns HPDF_STREAM_EOF when it read everything */
            if (got != size) {
                free(raw);
                render_pdf_failed(e, file);
                if (!e->d->set)
                    diag_set(e->d, file, "libharu's memory stream gave %u of %u bytes",
                             (unsigned)got, (unsigned)size);
                return NULL;
            }
        }
    }
    e->count = 0; /* HPDF_STREAM_EOF above is not a failure */
    fixed = render_pdf_repair(raw, size, f, len);
    free(raw);
    if (!fixed)
        diag_set(e->d, file,
                 "expected libharu's PDF layout (objects, xref, trailer) to repair "
                 "its ToUnicode maps, found something else");
    return fixed;
}
