/* render_text.c - cleaning input strings into drawable text. */
#include "render_text.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"

int render_text_is_dropped(uint32_t cp)
{
    /* Format characters (Unicode category Cf) that have no glyph: drawing
     * them would show a .notdef box, and bidi overrides must not reorder. */
    return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || cp == 0x061C ||
           (cp >= 0xFFF0 && cp <= 0xFFF8) || cp == 0x034F || cp == 0x180E;
}

static int render_text_is_blank(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || utf8_is_space(cp) || cp == 0x2028 ||
           cp == 0x2029;
}

char *render_text_clean(const char *s, size_t len)
{
    struct buf b = BUF_INIT;
    size_t i = 0;
    int pending_space = 0;
    if (!s)
        len = 0;
    while (i < len) {
        uint32_t cp = utf8_next(s, len, &i);
        if (cp == UTF8_BAD || cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
            cp == 0xFFFF)
            cp = 0xFFFD;
        if (render_text_is_blank(cp)) {
            pending_space = 1;
            continue;
        }
        if (render_text_is_dropped(cp))
            continue;
        if (pending_space && b.len)
            buf_putc(&b, ' ');
        pending_space = 0;
        buf_put_utf8(&b, cp);
    }
    return buf_take(&b);
}

char *render_text_cleans(const char *s)
{
    return render_text_clean(s, s ? strlen(s) : 0);
}

char *render_text_ascii(const char *s)
{
    char *clean = render_text_cleans(s);
    struct buf b = BUF_INIT;
    size_t n = strlen(clean), i = 0;
    while (i < n) {
        uint32_t cp = utf8_next(clean, n, &i);
        if (cp >= 0x20 && cp < 0x7F)
            buf_putc(&b, (char)cp);
        else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x2032)
            buf_putc(&b, '\'');
        else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x2033)
            buf_putc(&b, '"');
        else if (cp >= 0x2010 && cp <= 0x2015)
            buf_putc(&b, '-');
        else if (cp == 0x2026)
            buf_append(&b, "...");
        else if (cp == 0x00B7 || cp == 0x2022)
            buf_putc(&b, '-');
        else
            buf_putc(&b, '?');
    }
    free(clean);
    return buf_take(&b);
}
