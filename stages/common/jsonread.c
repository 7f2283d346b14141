/* jsonread.c - a fast reader of JSON into jansson values.
 *
 * jansson's reader takes every byte through a callback, checks UTF-8 a byte
 * at a time and copies each string twice; on the benchmark corpus it was the
 * largest single cost of the extract stage (~18% of its instructions).
 *
 * This reader accepts a subset of what json_loadb(JSON_REJECT_DUPLICATES |
 * JSON_DECODE_ANY) accepts and builds the same values with the same jansson
 * calls, in the same order (so objects keep jansson's key order). Whatever
 * it is not sure of it declines (returns NULL): every syntax error, invalid
 * UTF-8, a control byte in a string, "\u0000", lone surrogates, duplicate
 * keys, integers of more than 18 digits, real numbers that overflow, and
 * nesting deeper than JR_MAX_DEPTH. jsonio_loadb then asks jansson itself,
 * so both the values and the error messages are always jansson's.
 */
#include "jsonread.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"

/* jansson's own limit is JSON_PARSER_MAX_DEPTH (2048); deeper documents
 * are left to it, which also bounds this reader's recursion. */
#define JR_MAX_DEPTH 256

struct jr {
    const unsigned char *p, *end;
    struct buf tmp; /* decoded strings that have escapes */
    unsigned depth;
};

static json_t *jr_value(struct jr *r);

static int jr_is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static void jr_ws(struct jr *r)
{
    const unsigned char *p = r->p, *end = r->end;
    /* indented documents: a newline, then runs of spaces */
    while (p < end && jr_is_ws(*p)) {
        p++;
        while (end - p >= 8 && !memcmp(p, "        ", 8))
            p += 8;
    }
    r->p = p;
}

/* Non-zero when one of the 8 bytes at P is a control byte, '"', '\\' or
 * not ASCII: the word-at-a-time tests for a byte below 0x20, for a zero
 * byte after XOR with '"' and with '\\', and for the high bit. */
static int jr_special8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t v, q, k;
    memcpy(&v, p, sizeof v);
    q = v ^ (ones * '"');
    k = v ^ (ones * '\\');
    return !!((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((k - ones) & ~k) | v) & highs);
}

static int jr_hex4(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Decode the escapes of the string body [P, END) (already scanned: no
 * control bytes, valid UTF-8, every backslash starts a complete escape)
 * into r->tmp. -1 for what jansson rejects or this reader declines. */
static int jr_unescape(struct jr *r, const unsigned char *p, const unsigned char *end)
{
    r->tmp.len = 0;
    while (p < end) {
        const unsigned char *bs = memchr(p, '\\', (size_t)(end - p));
        uint32_t cp, lo;
        if (!bs) {
            buf_appendn(&r->tmp, (const char *)p, (size_t)(end - p));
            break;
        }
        buf_appendn(&r->tmp, (const char *)p, (size_t)(bs - p));
        p = bs + 1;
        if (*p != 'u') {
            /* the one-letter escapes: \" \\ \/ \b \f \n \r \t */
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *e = *p ? strchr(from, *p) : NULL;
            if (!e)
                return -1;
            buf_putc(&r->tmp, to[e - from]);
            p++;
            continue;
        }
        /* \uXXXX, a surrogate pair as one code point */
        if (end - p < 5 || jr_hex4(p + 1, &cp) != 0 || cp == 0)
            return -1;
        p += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return -1;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end - p < 7 || p[1] != '\\' || p[2] != 'u' || jr_hex4(p + 3, &lo) != 0 ||
                lo < 0xDC00 || lo > 0xDFFF)
                return -1;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        }
        buf_put_utf8(&r->tmp, cp);
        p++;
    }
    return 0;
}

/* A string at r->p (the opening quote). On success *S / *N give its value:
 * either in the input or, when it has escapes, in r->tmp. */
static int jr_string(struct jr *r, const char **s, size_t *n)
{
    const unsigned char *start = r->p + 1, *p = start, *end = r->end;
    int escaped = 0;
    for (;;) {
        while (end - p >= 8 && !jr_special8(p))
            p += 8;
        if (p >= end)
            return -1;
        if (*p == '"')
            break;
        if (*p == '\\') {
            /* the escaped byte is skipped here and checked when decoding */
            if (end - p < 2)
                return -1;
            escaped = 1;
            p += 2;
        } else if (*p < 0x20) {
            return -1;
        } else if (*p >= 0x80) {
            size_t i = 0;
            if (utf8_next((const char *)p, (size_t)(end - p), &i) == UTF8_BAD)
                return -1;
            p += i;
        } else {
            p++;
        }
    }
    r->p = p + 1;
    if (!escaped) {
        *s = (const char *)start;
        *n = (size_t)(p - start);
        return 0;
    }
    if (jr_unescape(r, start, p) != 0)
        return -1;
    *s = r->tmp.p;
    *n = r->tmp.len;
    return 0;
}

/* Past the run of digits at P; NULL when there is none. */
static const unsigned char *jr_digits(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *q = p;
    while (q < end && *q >= '0' && *q <= '9')
        q++;
    return q > p ? q : NULL;
}

static json_t *jr_number(struct jr *r)
{
    const unsigned char *s = r->p, *p = r->p, *end = r->end, *d0;
    int real = 0;
    if (*p == '-')
        p++;
    d0 = p;
    /* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    if (!(p = jr_digits(d0, end)) || (*d0 == '0' && p - d0 > 1))
        return NULL;
    if (p < end && *p == '.') {
        if (!(p = jr_digits(p + 1, end)))
            return NULL;
        real = 1;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (!(p = jr_digits(p, end)))
            return NULL;
        real = 1;
    }
    r->p = p;
    if (!real) {
        /* up to 18 digits cannot overflow json_int_t; longer ones are left
         * to jansson (its strtoll decides between a value and an error) */
        json_int_t v = 0;
        if (p - d0 > 18)
            return NULL;
        for (const unsigned char *q = d0; q < p; q++)
            v = v * 10 + (*q - '0');
        return json_integer(*s == '-' ? -v : v);
    }
    {
        char num[64];
        double v;
        size_t n = (size_t)(p - s);
        if (n >= sizeof num)
            return NULL;
        memcpy(num, s, n);
        num[n] = '\0';
        errno = 0;
        v = strtod(num, NULL);
        if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL))
            return NULL;
        return json_real(v);
    }
}

static int jr_word(struct jr *r, const char *w, size_t n)
{
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n) != 0)
        return -1;
    r->p += n;
    return 0;
}

/* At '{' or '[': step over it; 1 when CLOSE follows at once. */
static int jr_open(struct jr *r, unsigned char close)
{
    r->p++;
    jr_ws(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        return 1;
    }
    return 0;
}

/* After a member or element: 1 past CLOSE, 0 past a ',', -1 otherwise. */
static int jr_next(struct jr *r, unsigned char close)
{
    jr_ws(r);
    if (r->p >= r->end || (*r->p != close && *r->p != ','))
        return -1;
    return *r->p++ == close;
}

/* One "key": value member into OBJ. */
static int jr_member(struct jr *r, json_t *obj)
{
    const char *k;
    char *kcopy = NULL;
    size_t kn, before;
    json_t *v = NULL;
    int rc = -1;
    jr_ws(r);
    if (r->p >= r->end || *r->p != '"' || jr_string(r, &k, &kn) != 0)
        return -1;
    if (k == r->tmp.p) {
        /* decoded into r->tmp, which the value may reuse */
        kcopy = xmalloc(kn);
        memcpy(kcopy, k, kn);
        k = kcopy;
    }
    jr_ws(r);
    if (r->p < r->end && *r->p == ':') {
        r->p++;
        v = jr_value(r);
    }
    if (v) {
        before = json_object_size(obj);
        /* a duplicate key replaces the value and leaves the size alone:
         * jansson rejects it (JSON_REJECT_DUPLICATES) */
        rc = json_object_setn_new_nocheck(obj, k, kn, v) == 0 && json_object_size(obj) > before
                 ? 0
                 : -1;
    }
    free(kcopy);
    return rc;
}

static json_t *jr_object(struct jr *r)
{
    json_t *obj = json_object();
    int end = jr_open(r, '}');
    while (!end) {
        if (jr_member(r, obj) != 0 || (end = jr_next(r, '}')) < 0) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

static json_t *jr_array(struct jr *r)
{
    json_t *arr = json_array();
    int end = jr_open(r, ']');
    while (!end) {
        json_t *v = jr_value(r);
        if (!v || json_array_append_new(arr, v) != 0 || (end = jr_next(r, ']')) < 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *jr_value(struct jr *r)
{
    json_t *v = NULL;
    jr_ws(r);
    if (r->p >= r->end)
        return NULL;
    switch (*r->p) {
    case '{':
    case '[':
        if (++r->depth > JR_MAX_DEPTH)
            return NULL;
        v = *r->p == '{' ? jr_object(r) : jr_array(r);
        r->depth--;
        return v;
    case '"': {
        const char *s;
        size_t n;
        if (jr_string(r, &s, &n) != 0)
            return NULL;
        return json_stringn_nocheck(s, n);
    }
    case 't':
        return jr_word(r, "true", 4) == 0 ? json_true() : NULL;
    case 'f':
        return jr_word(r, "false", 5) == 0 ? json_false() : NULL;
    case 'n':
        return jr_word(r, "null", 4) == 0 ? json_null() : NULL;
    default:
        return jr_number(r);
    }
}

json_t *jsonread_fast(const char *text, size_t len)
{
    struct jr r = {.p = (const unsigned char *)text,
                   .end = (const unsigned char *)text + len,
                   .tmp = BUF_INIT};
    json_t *v;
    if (!text)
        return NULL;
    v = jr_value(&r);
    if (v) {
        jr_ws(&r);
        if (r.p != r.end) {
            json_decref(v);
            v = NULL;
        }
    }
    buf_free(&r.tmp);
    return v;
}
