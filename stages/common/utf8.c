/* utf8.c - exact UTF-8 decoding and small text helpers. */
#include "utf8.h"

#include <string.h>

#include "buf.h"
#include "xalloc.h"

uint32_t utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    uint32_t c = s[p], cp;
    int n;
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
    } else {
        *i = p + 1;
        return UTF8_BAD;
    }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) {
            *i = p + 1;
            return UTF8_BAD;
        }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return UTF8_BAD;
    }
    *i = p + 1 + (size_t)n;
    return cp;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        if ((unsigned char)s[i] < 0x80) {
            /* ASCII runs eight bytes at a time: most text is ASCII */
            uint64_t w;
            i++;
            while (i + 8 <= len) {
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            continue;
        }
        if (utf8_next(s, len, &i) == UTF8_BAD)
            return at;
    }
    return len;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        utf8_next(s, len, &i);
        n++;
    }
    return n;
}

int utf8_width(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

int utf8_is_space(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

int utf8_is_invisible(uint32_t c)
{
    return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

static char *utf8_fold_impl(const char *s, size_t len, int fold)
{
    struct buf b = BUF_INIT;
    size_t i = 0;
    int pending_space = 0;
    buf_grow(&b, len);
    while (i < len) {
        uint32_t c = utf8_next(s, len, &i);
        if (c == UTF8_BAD)
            c = 0xFFFD;
        if (utf8_is_space(c)) {
            pending_space = b.len > 0;
            continue;
        }
        if (fold && utf8_is_invisible(c))
            continue;
        if (pending_space) {
            buf_putc(&b, ' ');
            pending_space = 0;
        }
        if (fold) {
            if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2032)
                c = '\'';
            else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x2033)
                c = '"';
            else if (c >= 0x2010 && c <= 0x2015)
                c = '-';
            else if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
        }
        buf_put_utf8(&b, c);
    }
    return buf_take(&b);
}

char *utf8_fold(const char *s, size_t len)
{
    return utf8_fold_impl(s, len, 1);
}

/* Already squeezed: ASCII-only spacing, single spaces, no space at either
 * end, valid UTF-8 with no other space characters. The common case for
 * sentence evidence, so it is checked before the general copy. */
static int utf8_is_squeezed(const char *s, size_t len)
{
    size_t i = 0;
    if (len && (s[0] == ' ' || s[len - 1] == ' '))
        return 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == ' ' ? (i + 1 < len && s[i + 1] == ' ') : (c < 0x20 || c == 0x7F))
                return 0;
            i++;
            continue;
        }
        uint32_t cp = utf8_next(s, len, &i);
        if (cp == UTF8_BAD || utf8_is_space(cp))
            return 0;
    }
    return 1;
}

char *utf8_squeeze(const char *s, size_t len)
{
    if (utf8_is_squeezed(s, len)) {
        char *p = xmalloc(len + 1);
        memcpy(p, s, len);
        p[len] = '\0';
        return p;
    }
    return utf8_fold_impl(s, len, 0);
}
