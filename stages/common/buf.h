/* buf.h - a growable byte buffer (always NUL-terminated). */
#ifndef COMMON_BUF_H
#define COMMON_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *p;    /* heap bytes, NUL-terminated once anything was added; NULL when empty */
    size_t len; /* bytes used, not counting the NUL */
    size_t cap; /* bytes allocated */
};

#define BUF_INIT                                                                                   \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Make room for N more bytes (dies on OOM like xmalloc). */
void buf_grow(struct buf *b, size_t n);
void buf_appendn(struct buf *b, const char *s, size_t n);
void buf_append(struct buf *b, const char *s);

/* One byte; inline because text loops call it per byte. */
static inline void buf_putc(struct buf *b, char c)
{
    if (b->len + 2 > b->cap)
        buf_grow(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Encode code point CP as UTF-8 and append it (invalid -> U+FFFD). */
void buf_put_utf8_slow(struct buf *b, unsigned cp);
static inline void buf_put_utf8(struct buf *b, unsigned cp)
{
    if (cp < 0x80)
        buf_putc(b, (char)cp);
    else
        buf_put_utf8_slow(b, cp);
}
/* The contents as a C string ("" when empty; borrowed). */
const char *buf_str(const struct buf *b);
/* Take the heap string out (caller frees; "" allocated when empty); B is reset. */
char *buf_take(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
