/* clean_json.c - the clean document serialised without jansson's dumper.
 *
 * Writes exactly what jsonio_dumps() writes (json_dumps with JSON_INDENT(2),
 * insertion order, a trailing newline), byte for byte, from the same json_t
 * that schema_check() validated. jansson's dumper decodes every string one
 * code point at a time through a callback; here a string is copied in runs
 * between the few bytes JSON must escape, which made serialising the largest
 * single cost of the stage after hashing.
 */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "fileio.h"
#include "xalloc.h"

/* Non-zero when one of the eight bytes in W needs escaping: '"', '\\' or a
 * control character. (X - ones) & ~X & high marks zero bytes of X, and
 * (W - 0x20 ones) & ~W & high bytes below 0x20; a borrow can only add marks
 * above a real one, so "none" is exact. */
static int needs_escape8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    return ((((q - ones) & ~q) | ((bs - ones) & ~bs) | ((w - ones * 0x20) & ~w)) & high) != 0;
}

/* Same escapes as jansson without JSON_ENSURE_ASCII / JSON_ESCAPE_SLASH:
 * '"', '\\' and control characters; every other byte is copied (jansson
 * strings are valid UTF-8). */
static void put_string(struct buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0, from = 0;
    buf_grow(b, n + 2);
    b->p[b->len++] = '"';
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        char esc[6];
        size_t el = 2;
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, s + i, 8), !needs_escape8(w))) {
            i += 8;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        buf_appendn(b, s + from, i - from);
        esc[0] = '\\';
        switch (c) {
        case '"':
        case '\\':
            esc[1] = (char)c;
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        buf_appendn(b, esc, el);
        from = ++i;
    }
    buf_appendn(b, s + from, n - from);
    buf_putc(b, '"');
}

static void put_indent(struct buf *b, size_t depth)
{
    buf_grow(b, 1 + 2 * depth);
    b->p[b->len++] = '\n';
    memset(b->p + b->len, ' ', 2 * depth);
    b->len += 2 * depth;
    b->p[b->len] = '\0';
}

/* Decimal, as printf's "%lld" writes it. */
static void put_int(struct buf *b, json_int_t v)
{
    char t[24];
    size_t k = sizeof t;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        t[--k] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        t[--k] = '-';
    buf_appendn(b, t + k, sizeof t - k);
}

static void put_value(struct buf *b, const json_t *v, size_t depth)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        void *it = json_object_iter((json_t *)v);
        buf_putc(b, '{');
        if (!it) {
            buf_putc(b, '}');
            return;
        }
        while (it) {
            put_indent(b, depth + 1);
            put_string(b, json_object_iter_key(it), json_object_iter_key_len(it));
            buf_appendn(b, ": ", 2);
            put_value(b, json_object_iter_value(it), depth + 1);
            it = json_object_iter_next((json_t *)v, it);
            if (it)
                buf_putc(b, ',');
        }
        put_indent(b, depth);
        buf_putc(b, '}');
        return;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        buf_putc(b, '[');
        if (n == 0) {
            buf_putc(b, ']');
            return;
        }
        for (size_t i = 0; i < n; i++) {
            put_indent(b, depth + 1);
            put_value(b, json_array_get(v, i), depth + 1);
            if (i + 1 < n)
                buf_putc(b, ',');
        }
        put_indent(b, depth);
        buf_putc(b, ']');
        return;
    }
    case JSON_STRING:
        put_string(b, json_string_value(v), json_string_length(v));
        return;
    case JSON_INTEGER:
        put_int(b, json_integer_value(v));
        return;
    case JSON_TRUE:
        buf_appendn(b, "true", 4);
        return;
    case JSON_FALSE:
        buf_appendn(b, "false", 5);
        return;
    case JSON_NULL:
        buf_appendn(b, "null", 4);
        return;
    case JSON_REAL: {
        /* not in a clean document; jansson's own number format if one appears */
        char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
        if (!s)
            xalloc_die();
        buf_append(b, s);
        free(s);
        return;
    }
    }
}

char *clean_json_dumps(const json_t *doc, size_t *len)
{
    struct buf b = BUF_INIT;
    put_value(&b, doc, 0);
    buf_putc(&b, '\n');
    *len = b.len;
    return buf_take(&b);
}

int clean_json_write(const char *path, const json_t *doc, struct diag *d)
{
    size_t len;
    char *s = clean_json_dumps(doc, &len);
    int rc = fileio_write_atomic(path, s, len, d);
    free(s);
    return rc;
}
