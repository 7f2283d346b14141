/* jsonio.c - loading and writing JSON documents with jansson. */
#include "jsonio.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "fileio.h"
#include "jsonread.h"
#include "utf8.h"
#include "xalloc.h"

json_t *jsonio_loadb(const char *text, size_t len, const char *name, struct diag *d)
{
    json_error_t err;
    /* the fast reader gives jansson's values; whatever it declines (every
     * error among it) goes to jansson, whose messages we report */
    json_t *doc = jsonread_fast(text, len);
    if (doc)
        return doc;
    doc = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (!doc) {
        diag_set(d, name, "not valid JSON: %s", err.text);
        if (err.line > 0)
            diag_at_line(d, err.line, err.column > 0 ? err.column : 0);
    }
    return doc;
}

json_t *jsonio_load(const char *path, struct diag *d)
{
    size_t len;
    json_t *doc;
    char *text = fileio_read(path, JSONIO_MAX_INPUT, &len, d);
    if (!text)
        return NULL;
    if (len == 0) {
        free(text);
        diag_set(d, diag_name(path), "empty file, expected a JSON document");
        return NULL;
    }
    doc = jsonio_loadb(text, len, diag_name(path), d);
    free(text);
    return doc;
}

/* ---- writing ------------------------------------------------------------
 * Byte for byte what json_dumps(JW_FLAGS) writes, then a newline, in one
 * pass over the tree into one buffer: jansson's dumper goes through a
 * callback per token and per code point, and cost up to half of a stage's
 * time on the benchmark corpus (the unit test compares the two). */

#define JW_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(10) | JSON_ENCODE_ANY)

static void jw_indent(struct buf *b, size_t depth)
{
    buf_grow(b, 1 + 2 * depth);
    b->p[b->len++] = '\n';
    memset(b->p + b->len, ' ', 2 * depth);
    b->len += 2 * depth;
    b->p[b->len] = '\0';
}

/* A JSON string as jansson dumps it: '"', '\\' and control bytes escaped
 * (\b \f \n \r \t, else \u00XX upper-case), '/' and UTF-8 as they are
 * (jansson strings are valid UTF-8). */
/* Non-zero when none of the 8 bytes at P needs an escape (a control byte,
 * '"' or '\\'): the usual word-at-a-time tests for a byte below 0x20 and
 * for a zero byte after XOR with '"' and with '\\' (exact for "any byte"). */
static int jw_plain8(const char *p)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t v, q, k;
    memcpy(&v, p, sizeof v);
    q = v ^ (ones * '"');
    k = v ^ (ones * '\\');
    return !((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((k - ones) & ~k)) & highs);
}

#ifdef __SSE2__
/* The same test on 16 bytes: a byte <= 0x1F is one where max(byte, 0x1F)
 * is 0x1F (unsigned). */
static int jw_plain16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
    __m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i k = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return _mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, k))) == 0;
}
#endif

static void jw_string(struct buf *b, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    buf_putc(b, '"');
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
#ifdef __SSE2__
        if (i + 16 <= n && jw_plain16(s + i)) {
            i += 16;
            continue;
        }
#endif
        if (i + 8 <= n && jw_plain8(s + i)) {
            i += 8;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        buf_appendn(b, s + run, i - run);
        switch (c) {
        case '"':
            buf_appendn(b, "\\\"", 2);
            break;
        case '\\':
            buf_appendn(b, "\\\\", 2);
            break;
        case '\b':
            buf_appendn(b, "\\b", 2);
            break;
        case '\f':
            buf_appendn(b, "\\f", 2);
            break;
        case '\n':
            buf_appendn(b, "\\n", 2);
            break;
        case '\r':
            buf_appendn(b, "\\r", 2);
            break;
        case '\t':
            buf_appendn(b, "\\t", 2);
            break;
        default: {
            char seq[8];
            snprintf(seq, sizeof seq, "\\u%04X", (unsigned)c);
            buf_appendn(b, seq, 6);
        }
        }
        run = ++i;
    }
    buf_appendn(b, s + run, n - run);
    buf_putc(b, '"');
}

static void jw_value(struct buf *b, const json_t *v, size_t depth)
{
    char num[32];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        size_t klen;
        json_t *val;
        size_t k = 0, n = json_object_size(v);
        if (!n) {
            buf_appendn(b, "{}", 2);
            break;
        }
        buf_putc(b, '{');
        jw_indent(b, depth + 1);
        /* insertion order, as json_dumps without JSON_SORT_KEYS */
        json_object_keylen_foreach((json_t *)v, key, klen, val)
        {
            jw_string(b, key, klen);
            buf_appendn(b, ": ", 2);
            jw_value(b, val, depth + 1);
            if (++k < n) {
                buf_putc(b, ',');
                jw_indent(b, depth + 1);
            } else {
                jw_indent(b, depth);
            }
        }
        buf_putc(b, '}');
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (!n) {
            buf_appendn(b, "[]", 2);
            break;
        }
        buf_putc(b, '[');
        jw_indent(b, depth + 1);
        for (size_t i = 0; i < n; i++) {
            jw_value(b, json_array_get(v, i), depth + 1);
            if (i + 1 < n) {
                buf_putc(b, ',');
                jw_indent(b, depth + 1);
            } else {
                jw_indent(b, depth);
            }
        }
        buf_putc(b, ']');
        break;
    }
    case JSON_STRING:
        jw_string(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER: {
        /* "%lld" by hand: offsets are most of the numbers */
        json_int_t iv = json_integer_value(v);
        unsigned long long u = iv < 0 ? 0ull - (unsigned long long)iv : (unsigned long long)iv;
        size_t n = 0;
        do {
            num[sizeof num - ++n] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (iv < 0)
            num[sizeof num - ++n] = '-';
        buf_appendn(b, num + sizeof num - n, n);
        break;
    }
    case JSON_REAL: {
        /* jansson's own number formatting (precision, ".0", exponent) */
        char *r = json_dumps(v, JW_FLAGS);
        if (!r)
            xalloc_die();
        buf_append(b, r);
        xalloc_json_free(r);
        break;
    }
    case JSON_TRUE:
        buf_appendn(b, "true", 4);
        break;
    case JSON_FALSE:
        buf_appendn(b, "false", 5);
        break;
    case JSON_NULL:
        buf_appendn(b, "null", 4);
        break;
    }
}

char *jsonio_dumpsn(const json_t *doc, size_t *len)
{
    struct buf b = BUF_INIT;
    buf_grow(&b, 1 << 14);
    jw_value(&b, doc, 0);
    buf_putc(&b, '\n');
    if (len)
        *len = b.len;
    return buf_take(&b);
}

char *jsonio_dumps(const json_t *doc)
{
    return jsonio_dumpsn(doc, NULL);
}

int jsonio_write(const char *path, const json_t *doc, struct diag *d)
{
    size_t n;
    char *s = jsonio_dumpsn(doc, &n);
    int rc = fileio_write_atomic(path, s, n, d);
    free(s);
    return rc;
}

const char *jsonio_str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

json_int_t jsonio_int(const json_t *obj, const char *key, json_int_t dflt)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? json_integer_value(v) : dflt;
}

json_t *jsonio_stringn(const char *s, size_t len)
{
    json_t *v;
    if (!s)
        return json_null();
    /* checked here (jansson's own check is the same strict UTF-8): no second
     * pass in json_stringn */
    if (utf8_valid_prefix(s, len) == len && !memchr(s, '\0', len)) {
        v = json_stringn_nocheck(s, len);
    } else {
        struct buf b = BUF_INIT;
        size_t i = 0;
        while (i < len) {
            uint32_t c = utf8_next(s, len, &i);
            buf_put_utf8(&b, c == UTF8_BAD || c == 0 ? 0xFFFD : c);
        }
        v = json_stringn_nocheck(buf_str(&b), b.len);
        buf_free(&b);
    }
    if (!v)
        xalloc_die();
    return v;
}

json_t *jsonio_string(const char *s)
{
    return s ? jsonio_stringn(s, strlen(s)) : json_null();
}
