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

/* What normalisation does with a character. */
enum norm_class {
    NORM_KEEP,  /* copied (NUL and U+FFFD included) */
    NORM_SPACE, /* joins a run of whitespace that becomes one space */
    NORM_BREAK, /* the same, and it is a line break (CR, LF) */
    NORM_DROP   /* removed: zero-width characters, soft hyphens */
};

/* Class of the character at S[I] (text ends at B); its end goes to *J. */
static inline enum norm_class norm_class(const char *s, size_t i, size_t b, size_t *j)
{
    unsigned char c = (unsigned char)s[i];
    uint32_t cp;
    if (c < 0x80) {
        *j = i + 1;
        if (c > 0x20 && c < 0x7F)
            return NORM_KEEP;
        if (c == '\n' || c == '\r')
            return NORM_BREAK;
        return c == 0 ? NORM_KEEP : NORM_SPACE; /* controls and DEL are space */
    }
    *j = i;
    cp = utf8_next(s, b, j);
    if (utf8_is_invisible(cp))
        return NORM_DROP;
    return utf8_is_space(cp) ? NORM_SPACE : NORM_KEEP;
}

/* End of the stretch from I on that normalisation copies unchanged: kept
 * characters, and single ASCII spaces between two of them (such a space
 * would be replaced by itself). */
static size_t kept_run(const char *s, size_t i, size_t b)
{
    for (;;) {
        size_t at, j;
        while (i < b && (unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7F)
            i++;
        at = i < b && s[i] == ' ' ? i + 1 : i;
        if (at >= b || norm_class(s, at, b, &j) != NORM_KEEP)
            return i;
        i = j;
    }
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
        size_t j;
        enum norm_class k = norm_class(s, i, b, &j);
        if (k == NORM_KEEP) {
            if (pending_inv)
                flush_inv(d, m, out, &pending_inv, inv_from, i, &copy_from);
            if (pending_space) {
                if (started) {
                    size_t t0 = out->len;
                    /* "secu-\nrity" joins without a space */
                    int hyphen_join = pending_nl && out->len > 0 && out->p[out->len - 1] == '-' &&
                                      s[i] >= 'a' && s[i] <= 'z';
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
            i = kept_run(s, j, b);
            last_kept_end = i;
            continue;
        }
        /* flush the verbatim stretch before the first space or invisible */
        if (started && !pending_space) {
            emit_copy(d, copy_from, i, out, m);
            copy_from = i;
        }
        if (k == NORM_DROP) {
            /* removed: a replacement of [i,j) by nothing, declared when the
             * next visible character comes (inside a space run it simply
             * joins the run) */
            if (!pending_space) {
                if (started && !pending_inv) {
                    pending_inv = 1;
                    inv_from = i;
                }
                copy_from = j;
            }
            i = j;
            continue;
        }
        if (!pending_space)
            space_from = pending_inv ? inv_from : i;
        pending_inv = 0;
        pending_space = 1;
        if (k == NORM_BREAK)
            pending_nl = 1;
        i = j;
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
