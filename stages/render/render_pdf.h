/* render_pdf.h - the libharu document: creation, errors, saving, repair.
 *
 * libharu allocates through xalloc_try (so BRIEFING_FAIL_ALLOC reaches it)
 * and reports errors to a handler that records the error codes and the step
 * being drawn. The allocator wrapper notes a failed allocation itself (libharu
 * often reports it late, as some other error, or not at all) and keeps every
 * block it hands out on a list, so render_pdf_free() can release what libharu
 * 2.3 leaks on its error paths. One document at a time.
 * The document is saved to libharu's memory stream, then rewritten: the
 * invalid ToUnicode CMaps libharu 2.3 writes for UTF-8 fonts are replaced by
 * exact ones built from the code points drawn, a file /ID derived from the
 * content is added, and the cross-reference table is rebuilt. Only then is
 * the file written, atomically.
 */
#ifndef RENDER_PDF_H
#define RENDER_PDF_H

#include <hpdf.h>
#include <stddef.h>

#include "diag.h"
#include "render_fonts.h"

struct render_pdf_err {
    struct diag *d;
    const char *const *step;  /* points at the layout's current step text */
    HPDF_STATUS code, detail; /* the first error */
    const char *at;           /* the step it happened in (static text) */
    int count;
    int oom;            /* an allocation for libharu failed (set by the allocator) */
    const char *oom_at; /* the step being drawn then */
};

/* A new document whose errors go to E (which must outlive it). NULL when
 * libharu cannot even start (out of memory); E->d says why. */
HPDF_Doc render_pdf_new(struct render_pdf_err *e);

/* HPDF_Free PDF (NULL is fine), then free every block libharu left
 * allocated (its error paths leak). Use instead of HPDF_Free. */
void render_pdf_free(HPDF_Doc pdf);

/* Non-zero once libharu reported an error or an allocation for it failed;
 * fills E->d (once): "out of memory while drawing STEP" when memory ran out. */
int render_pdf_failed(struct render_pdf_err *e, const char *file);

/* Save PDF to memory and return the repaired bytes (heap, caller frees;
 * *LEN gets the size), or NULL with E->d filled. */
unsigned char *render_pdf_save(HPDF_Doc pdf, const struct render_fonts *f, struct render_pdf_err *e,
                               const char *file, size_t *len);

/* Rewrite a libharu PDF (IN, N bytes): exact ToUnicode CMaps for the fonts
 * in F, a content-derived /ID, a fresh xref; IN[N] must be NUL. Heap result or NULL when IN is
 * not laid out the way libharu writes it. */
unsigned char *render_pdf_repair(const unsigned char *in, size_t n, const struct render_fonts *f,
                                 size_t *len);

/* The ToUnicode CMap for the code points set in USED (RFONT_BITMAP bytes),
 * as a heap string (caller frees). CID = code point (Identity-H). */
char *render_pdf_tounicode(const unsigned char *used);

#endif
