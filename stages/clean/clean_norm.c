/* clean_norm.c - normalised block text with an exact map to source bytes.
 *
 * Keeps meaning: typographic quotes and dashes stay; only whitespace,
 * invisible characters and line breaks change. Every change is recorded as an
 * offmap replacement segment, as is every transcoded character whose UTF-8
 * width differs from its source width.
 */
#include <string.h>

#include "clean.h"
#include "utf8.h"

/* Emit decoded bytes [x,y) (whole characters) verbatim into OUT, declaring
 * replacements for characters whose source width differs. */
static void emit_copy(const struct clean_decoded *d, size_t x, size_t y, struct buf *out,
                      struct offmap *m)
{
    size_t t0 = out->len;
    buf_appendn(out, d->text + x, y - x);
    if (!m)
        return;
    if (clean_src(d, y) - clean_src(d, x) == y - x && (d->nruns <= 1))
        return; /* one verbatim run: nothing to declare */
    for (size_t i = x; i < y;) {
        size_t j = i, s0, s1;
        (void)utf8_next(d->text, y, &j);
        s0 = clean_src(d, i);
        s1 = clean_src(d, j);
        if (s1 - s0 != j - i)
            offmap_replace(m, t0 + (i - x), s0, t0 + (j - x), s1);
        i = j;
    }
}

/* Declare the removed invisibles [inv_from, i) as replaced by nothing. */
static void flush_inv(const struct clean_decoded *d, struct offmap *m, const struct buf *out,
                      int *pending_inv, size_t inv_from, size_t i, size_t *copy_from)
{
    if (m)
        offmap_replace(m, out->len, clean_src(d, inv_from), out->len, clean_src(d, i));
    *pending_inv = 0;
    *copy_from = i;
}

static int is_space_cp(uint32_t cp)
{
    return utf8_is_space(cp) || (cp < 0x20 && cp != 0) || cp == 0x7F;
}

void clean_norm(const struct clean_decoded *d, size_t a, size_t b, struct buf *out,
                struct offmap *m, size_t *src_start, size_t *src_end)
{
    const char *s = d->text;
    size_t i = a, copy_from = a, last_kept_end = a, space_from = a;
    size_t inv_from = a;
    /* pending_inv: invisibles removed since the last kept character; their
     * replacement is declared only when a visible character follows, so that
     * trailing invisibles never put an anchor past the block's end */
    int pending_space = 0, started = 0, pending_nl = 0, pending_inv = 0;
    if (m)
        memset(m, 0, sizeof *m);
    while (i < b) {
        size_t j = i;
        uint32_t cp;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x21 && c < 0x7F) { /* fast path: printable ASCII */
            if (pending_inv)
                flush_inv(d, m, out, &pending_inv, inv_from, i, &copy_from);
            if (pending_space) {
                if (started) {
                    size_t t0 = out->len;
                    int hyphen_join = pending_nl && out->len > 0 && out->p[out->len - 1] == '-' &&
                                      c >= 'a' && c <= 'z';
                    if (!hyphen_join)
                        buf_putc(out, ' ');
                    if (m)
                        offmap_replace(m, t0, clean_src(d, space_from), out->len, clean_src(d, i));
                }
                pending_space = pending_nl = 0;
                copy_from = i;
            }
            if (!started) {
                started = 1;
                copy_from = i;
                if (m)
                    offmap_begin(m, clean_src(d, i));
                if (src_start)
                    *src_start = clean_src(d, i);
            }
            j = i + 1;
            while (j < b && (unsigned char)s[j] >= 0x21 && (unsigned char)s[j] < 0x7F)
                j++;
            i = j;
            last_kept_end = i;
            continue;
        }
        cp = utf8_next(s, b, &j);
        if (is_space_cp(cp) || utf8_is_invisible(cp)) {
            /* flush the verbatim stretch before the first space or invisible */
            if (started && !pending_space) {
                emit_copy(d, copy_from, i, out, m);
                copy_from = i;
            }
            if (utf8_is_invisible(cp) && !pending_space) {
                /* removed: a replacement of [i,j) by nothing, declared when
                 * the next visible character comes (inside a space run it
                 * simply joins the run) */
                if (started && !pending_inv) {
                    pending_inv = 1;
                    inv_from = i;
                }
                copy_from = j;
                i = j;
                continue;
            }
            if (!utf8_is_invisible(cp)) {
                if (!pending_space)
                    space_from = pending_inv ? inv_from : i;
                pending_inv = 0;
                pending_space = 1;
                if (cp == '\n' || cp == '\r')
                    pending_nl = 1;
            }
            i = j;
            continue;
        }
        /* another visible character (non-ASCII or U+FFFD) */
        if (pending_inv)
            flush_inv(d, m, out, &pending_inv, inv_from, i, &copy_from);
        if (pending_space) {
            if (started) {
                size_t t0 = out->len;
                buf_putc(out, ' ');
                if (m)
                    offmap_replace(m, t0, clean_src(d, space_from), out->len, clean_src(d, i));
            }
            pending_space = pending_nl = 0;
            copy_from = i;
        }
        if (!started) {
            started = 1;
            copy_from = i;
            if (m)
                offmap_begin(m, clean_src(d, i));
            if (src_start)
                *src_start = clean_src(d, i);
        }
        i = j;
        last_kept_end = i;
    }
    if (started && copy_from < last_kept_end)
        emit_copy(d, copy_from, last_kept_end, out, m);
    if (!started) {
        if (m)
            offmap_begin(m, clean_src(d, a));
        if (src_start)
            *src_start = clean_src(d, a);
        last_kept_end = a;
    }
    if (m)
        offmap_end(m, out->len, clean_src(d, last_kept_end));
    if (src_end)
        *src_end = clean_src(d, last_kept_end);
}
