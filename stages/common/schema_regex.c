/* schema_regex.c - ECMA-262 pattern subset for JSON Schema (see the header
 * for the exact subset). The pattern compiles to a small program for a
 * Thompson NFA (relative jump offsets, so a fragment can be copied for
 * counted repetition); matching walks all threads in step, one code point at
 * a time, so time is O(subject length x program size) and memory O(program).
 */
#include "schema_regex.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

#define RX_MAX_INST 20000 /* program size limit after expanding {n,m} */
#define RX_MAX_DEPTH 200  /* group nesting limit */
#define RX_NONE 0xFFFFFFFFu
#define RX_INF (-1)

enum rx_op {
    RX_CHAR,
    RX_ANY,
    RX_CLASS,
    RX_SPLIT,
    RX_JMP,
    RX_BOL,
    RX_EOL,
    RX_WORDB,
    RX_NWORDB,
    RX_MATCH
};

/* Built-in sets, as bits of rx_class.sets (negated ones shifted by 8). */
enum {
    SET_DIGIT = 1,
    SET_WORD = 2,
    SET_SPACE = 4,
    SET_L = 8,
    SET_LU = 16,
    SET_LL = 32,
    SET_N = 64,
    SET_ND = 128
};

struct rx_inst {
    unsigned char op;
    int x, y;     /* relative targets of SPLIT (x preferred) and JMP (x) */
    uint32_t arg; /* code point (CHAR) or class index (CLASS) */
};

struct rx_class {
    uint32_t (*r)[2]; /* inclusive ranges */
    size_t n, cap;
    unsigned sets; /* SET_* bits; bits << 8 are negated sets */
    int neg;
};

struct sregex {
    struct rx_inst *code;
    size_t n;
    struct rx_class *cls;
    size_t ncls;
};

struct rx_parser {
    const char *s;
    size_t len, i;
    struct sregex *re;
    size_t cap, clscap;
    char *err;
    size_t errlen;
    int failed;
    int depth;
};

/* ---------------------------------------------------------------- tables */

struct rx_range {
    uint32_t lo, hi;
};

static const struct rx_range rx_letters[] = {
    {0x41, 0x5A},     {0x61, 0x7A},     {0xAA, 0xAA},       {0xB5, 0xB5},     {0xBA, 0xBA},
    {0xC0, 0xD6},     {0xD8, 0xF6},     {0xF8, 0x2C1},      {0x2C6, 0x2D1},   {0x2E0, 0x2E4},
    {0x370, 0x374},   {0x376, 0x377},   {0x37A, 0x37D},     {0x37F, 0x37F},   {0x386, 0x386},
    {0x388, 0x38A},   {0x38C, 0x38C},   {0x38E, 0x3A1},     {0x3A3, 0x3F5},   {0x3F7, 0x481},
    {0x48A, 0x52F},   {0x531, 0x556},   {0x560, 0x588},     {0x5D0, 0x5EA},   {0x5EF, 0x5F2},
    {0x620, 0x64A},   {0x66E, 0x66F},   {0x671, 0x6D3},     {0x904, 0x939},   {0x93D, 0x93D},
    {0x950, 0x950},   {0x958, 0x961},   {0x972, 0x980},     {0x985, 0x9B9},   {0xE01, 0xE30},
    {0xE32, 0xE33},   {0xE40, 0xE46},   {0x10A0, 0x10FA},   {0x1100, 0x11FF}, {0x1E00, 0x1F15},
    {0x1F18, 0x1FBC}, {0x1FC2, 0x1FCC}, {0x1FD0, 0x1FDB},   {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FFC},
    {0x2C00, 0x2CE4}, {0x3041, 0x3096}, {0x309D, 0x309F},   {0x30A1, 0x30FA}, {0x30FC, 0x30FF},
    {0x3105, 0x312F}, {0x3131, 0x318E}, {0x31F0, 0x31FF},   {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xA000, 0xA48C}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},   {0xFB00, 0xFB06}, {0xFF21, 0xFF3A},
    {0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0x20000, 0x2FA1F},
};

static const struct rx_range rx_upper[] = {
    {0x41, 0x5A},   {0xC0, 0xD6},     {0xD8, 0xDE},     {0x386, 0x386}, {0x388, 0x38A},
    {0x38C, 0x38C}, {0x38E, 0x38F},   {0x391, 0x3A1},   {0x3A3, 0x3AB}, {0x400, 0x42F},
    {0x531, 0x556}, {0x10A0, 0x10C5}, {0xFF21, 0xFF3A},
};

static const struct rx_range rx_lower[] = {
    {0x61, 0x7A},   {0xB5, 0xB5},   {0xDF, 0xF6},   {0xF8, 0xFF},     {0x390, 0x390},
    {0x3AC, 0x3CE}, {0x430, 0x45F}, {0x560, 0x588}, {0xFF41, 0xFF5A},
};

static const struct rx_range rx_digits[] = {
    {0x30, 0x39},   {0x660, 0x669}, {0x6F0, 0x6F9},   {0x966, 0x96F},
    {0x9E6, 0x9EF}, {0xE50, 0xE59}, {0xFF10, 0xFF19},
};

static const struct rx_range rx_numbers[] = {
    {0xB2, 0xB3},     {0xB9, 0xB9},     {0xBC, 0xBE},     {0x2150, 0x2189},
    {0x2460, 0x249B}, {0x3007, 0x3007}, {0x3021, 0x3029},
};

static int rx_in(const struct rx_range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < t[mid].lo)
            hi = mid;
        else if (cp > t[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

#define RX_IN(t, cp) rx_in((t), sizeof(t) / sizeof((t)[0]), (cp))

/* Latin Extended-A and the Cyrillic extensions alternate upper/lower. */
static int rx_is_upper(uint32_t cp)
{
    if (cp >= 0x100 && cp <= 0x137)
        return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148)
        return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177)
        return cp % 2 == 0;
    if (cp >= 0x178 && cp <= 0x17E)
        return cp == 0x178 || cp % 2 == 1;
    if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF))
        return cp % 2 == 0;
    return RX_IN(rx_upper, cp);
}

static int rx_is_lower(uint32_t cp)
{
    if ((cp >= 0x100 && cp <= 0x17F) || (cp >= 0x460 && cp <= 0x481) ||
        (cp >= 0x48A && cp <= 0x4BF))
        return !rx_is_upper(cp);
    return RX_IN(rx_lower, cp);
}

static int rx_is_word(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
}

/* ECMA-262 WhiteSpace and LineTerminator. */
static int rx_is_space(uint32_t cp)
{
    return cp == 0x09 || cp == 0x0A || cp == 0x0B || cp == 0x0C || cp == 0x0D || cp == 0x20 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

static int rx_set_has(unsigned set, uint32_t cp)
{
    switch (set) {
    case SET_DIGIT:
        return cp >= '0' && cp <= '9';
    case SET_WORD:
        return rx_is_word(cp);
    case SET_SPACE:
        return rx_is_space(cp);
    case SET_L:
        return RX_IN(rx_letters, cp);
    case SET_LU:
        return rx_is_upper(cp);
    case SET_LL:
        return rx_is_lower(cp);
    case SET_ND:
        return RX_IN(rx_digits, cp);
    case SET_N:
        return RX_IN(rx_digits, cp) || RX_IN(rx_numbers, cp);
    }
    return 0;
}

static int rx_class_has(const struct rx_class *c, uint32_t cp)
{
    int in = 0;
    for (size_t k = 0; k < c->n && !in; k++)
        in = cp >= c->r[k][0] && cp <= c->r[k][1];
    for (unsigned b = 1; b < 256 && !in; b <<= 1) {
        if ((c->sets & b) && rx_set_has(b, cp))
            in = 1;
        if ((c->sets & (b << 8)) && !rx_set_has(b, cp))
            in = 1;
    }
    return in != c->neg;
}

/* ---------------------------------------------------------------- parser */

static void rx_fail(struct rx_parser *p, const char *what)
{
    if (!p->failed)
        snprintf(p->err, p->errlen, "%s at character %zu", what, p->i + 1);
    p->failed = 1;
}

static int rx_eof(const struct rx_parser *p)
{
    return p->i >= p->len;
}

static uint32_t rx_peek(const struct rx_parser *p)
{
    size_t i = p->i;
    return rx_eof(p) ? RX_NONE : utf8_next(p->s, p->len, &i);
}

static uint32_t rx_get(struct rx_parser *p)
{
    uint32_t cp;
    if (rx_eof(p))
        return RX_NONE;
    cp = utf8_next(p->s, p->len, &p->i);
    if (cp == UTF8_BAD) {
        rx_fail(p, "invalid UTF-8 in pattern");
        return RX_NONE;
    }
    return cp;
}

static size_t rx_emit(struct rx_parser *p, enum rx_op op, int x, int y, uint32_t arg)
{
    struct sregex *re = p->re;
    if (re->n >= RX_MAX_INST) {
        rx_fail(p, "pattern too large");
        return re->n;
    }
    if (re->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        re->code = xrealloc(re->code, xmul(p->cap, sizeof *re->code));
    }
    re->code[re->n] = (struct rx_inst){(unsigned char)op, x, y, arg};
    return re->n++;
}

/* Insert an instruction at AT, shifting the fragment after it. */
static void rx_insert(struct rx_parser *p, size_t at, enum rx_op op, int x, int y)
{
    size_t end = p->re->n;
    rx_emit(p, RX_MATCH, 0, 0, 0);
    if (p->failed)
        return;
    memmove(p->re->code + at + 1, p->re->code + at, (end - at) * sizeof *p->re->code);
    p->re->code[at] = (struct rx_inst){(unsigned char)op, x, y, 0};
}

static size_t rx_new_class(struct rx_parser *p)
{
    struct sregex *re = p->re;
    if (re->ncls == p->clscap) {
        p->clscap = p->clscap ? p->clscap * 2 : 8;
        re->cls = xrealloc(re->cls, xmul(p->clscap, sizeof *re->cls));
    }
    memset(&re->cls[re->ncls], 0, sizeof re->cls[0]);
    return re->ncls++;
}

static void rx_class_add(struct rx_class *c, uint32_t lo, uint32_t hi)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->r = xrealloc(c->r, xmul(c->cap, sizeof *c->r));
    }
    c->r[c->n][0] = lo;
    c->r[c->n][1] = hi;
    c->n++;
}

static int rx_hex(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

static uint32_t rx_hexn(struct rx_parser *p, int n)
{
    uint32_t v = 0;
    for (int k = 0; k < n; k++) {
        int h = rx_hex(rx_peek(p));
        if (h < 0) {
            rx_fail(p, "expected a hexadecimal digit");
            return 0;
        }
        rx_get(p);
        v = v * 16 + (uint32_t)h;
    }
    return v;
}

/* \p{...} / \P{...}: returns the SET_* bit, 0 after failing. */
static unsigned rx_property(struct rx_parser *p)
{
    static const struct {
        const char *name;
        unsigned set;
    } props[] = {{"L", SET_L},     {"Letter", SET_L},
                 {"Lu", SET_LU},   {"Uppercase_Letter", SET_LU},
                 {"Ll", SET_LL},   {"Lowercase_Letter", SET_LL},
                 {"N", SET_N},     {"Number", SET_N},
                 {"Nd", SET_ND},   {"Decimal_Number", SET_ND},
                 {"digit", SET_ND}};
    size_t start, end;
    const char *name;
    size_t n;
    if (rx_get(p) != '{') {
        rx_fail(p, "expected { after \\p");
        return 0;
    }
    start = p->i;
    while (!rx_eof(p) && p->s[p->i] != '}')
        p->i++;
    if (rx_eof(p)) {
        rx_fail(p, "unterminated \\p{...}");
        return 0;
    }
    end = p->i++;
    name = p->s + start;
    n = end - start;
    if (n > 17 && memcmp(name, "General_Category=", 17) == 0)
        name += 17, n -= 17;
    else if (n > 3 && memcmp(name, "gc=", 3) == 0)
        name += 3, n -= 3;
    for (size_t k = 0; k < sizeof props / sizeof props[0]; k++)
        if (strlen(props[k].name) == n && memcmp(props[k].name, name, n) == 0)
            return props[k].set;
    rx_fail(p, "unsupported Unicode property in \\p{...}");
    return 0;
}

/* After a backslash: a character escape. Sets *SET (and *NEGSET) instead
 * when the escape is a class (\d, \p{L}, ...). IN_CLASS: \b is backspace. */
static uint32_t rx_escape(struct rx_parser *p, unsigned *set, int in_class)
{
    uint32_t c = rx_get(p);
    *set = 0;
    switch (c) {
    case RX_NONE:
        rx_fail(p, "pattern ends with a lone backslash");
        return 0;
    case 'd':
        *set = SET_DIGIT;
        return 0;
    case 'D':
        *set = SET_DIGIT << 8;
        return 0;
    case 'w':
        *set = SET_WORD;
        return 0;
    case 'W':
        *set = SET_WORD << 8;
        return 0;
    case 's':
        *set = SET_SPACE;
        return 0;
    case 'S':
        *set = SET_SPACE << 8;
        return 0;
    case 'p':
        *set = rx_property(p);
        return 0;
    case 'P':
        *set = rx_property(p) << 8;
        return 0;
    case 't':
        return 9;
    case 'n':
        return 10;
    case 'v':
        return 11;
    case 'f':
        return 12;
    case 'r':
        return 13;
    case 'b':
        if (in_class)
            return 8;
        break;
    case '0':
        if (rx_hex(rx_peek(p)) >= 0 && rx_peek(p) <= '9') {
            rx_fail(p, "octal escapes are not supported");
            return 0;
        }
        return 0;
    case 'c': {
        uint32_t l = rx_get(p);
        if (!((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z'))) {
            rx_fail(p, "expected a letter after \\c");
            return 0;
        }
        return l % 32;
    }
    case 'x':
        return rx_hexn(p, 2);
    case 'u':
        if (rx_peek(p) == '{') {
            uint32_t v = 0;
            int digits = 0;
            rx_get(p);
            while (rx_hex(rx_peek(p)) >= 0 && v <= 0x10FFFF)
                v = v * 16 + (uint32_t)rx_hex(rx_get(p)), digits++;
            if (!digits || rx_get(p) != '}' || v > 0x10FFFF) {
                rx_fail(p, "malformed \\u{...} escape");
                return 0;
            }
            return v;
        } else {
            uint32_t v = rx_hexn(p, 4);
            /* a surrogate pair written as two \u escapes */
            if (v >= 0xD800 && v <= 0xDBFF && p->i + 6 <= p->len && p->s[p->i] == '\\' &&
                p->s[p->i + 1] == 'u') {
                size_t save = p->i;
                uint32_t lo;
                p->i += 2;
                lo = rx_hexn(p, 4);
                if (!p->failed && lo >= 0xDC00 && lo <= 0xDFFF)
                    return 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                p->failed = 0;
                p->i = save;
            }
            return v;
        }
    default:
        break;
    }
    if (c >= '1' && c <= '9') {
        rx_fail(p, "backreferences are not supported");
        return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        rx_fail(p, "unknown escape");
        return 0;
    }
    return c; /* identity escape of a syntax or other character */
}

static void rx_parse_class(struct rx_parser *p)
{
    size_t ci = rx_new_class(p);
    struct rx_class *c = &p->re->cls[ci];
    if (rx_peek(p) == '^') {
        rx_get(p);
        c->neg = 1;
    }
    for (;;) {
        uint32_t lo, hi;
        unsigned set = 0, set2 = 0;
        if (rx_eof(p)) {
            rx_fail(p, "unterminated character class");
            return;
        }
        lo = rx_get(p);
        if (lo == ']')
            break;
        if (lo == '\\')
            lo = rx_escape(p, &set, 1);
        if (p->failed)
            return;
        if (set) {
            c->sets |= set;
            continue;
        }
        if (rx_peek(p) == '-' && p->i + 1 < p->len && p->s[p->i + 1] != ']') {
            rx_get(p);
            hi = rx_get(p);
            if (hi == '\\')
                hi = rx_escape(p, &set2, 1);
            if (p->failed)
                return;
            if (set2) { /* [a-\d]: the dash is literal (Annex B) */
                rx_class_add(c, lo, lo);
                rx_class_add(c, '-', '-');
                c->sets |= set2;
                continue;
            }
            if (hi < lo) {
                rx_fail(p, "character range out of order");
                return;
            }
            rx_class_add(c, lo, hi);
        } else {
            rx_class_add(c, lo, lo);
        }
    }
    rx_emit(p, RX_CLASS, 0, 0, (uint32_t)ci);
}

static void rx_parse_alt(struct rx_parser *p);

static int rx_parse_num(struct rx_parser *p, long *v)
{
    int digits = 0;
    *v = 0;
    while (!rx_eof(p) && p->s[p->i] >= '0' && p->s[p->i] <= '9') {
        if (*v < 1000000)
            *v = *v * 10 + (p->s[p->i] - '0');
        p->i++;
        digits++;
    }
    return digits;
}

/* {n}, {n,}, {n,m} at p->i; 0 (position unchanged) when not a quantifier. */
static int rx_parse_braces(struct rx_parser *p, long *min, long *max)
{
    size_t save = p->i;
    p->i++; /* { */
    if (!rx_parse_num(p, min))
        goto no;
    *max = *min;
    if (!rx_eof(p) && p->s[p->i] == ',') {
        p->i++;
        if (!rx_parse_num(p, max))
            *max = RX_INF;
    }
    if (rx_eof(p) || p->s[p->i] != '}')
        goto no;
    p->i++;
    return 1;
no:
    p->i = save;
    return 0;
}

static void rx_copy(struct rx_parser *p, const struct rx_inst *frag, size_t len)
{
    for (size_t k = 0; k < len && !p->failed; k++)
        rx_emit(p, (enum rx_op)frag[k].op, frag[k].x, frag[k].y, frag[k].arg);
}

/* Repeat the fragment code[start..n) MIN..MAX times (MAX RX_INF: unbounded). */
static void rx_repeat(struct rx_parser *p, size_t start, long min, long max)
{
    size_t len = p->re->n - start;
    struct rx_inst *frag;
    int l = (int)len;
    if (max != RX_INF && max < min) {
        rx_fail(p, "numbers out of order in {n,m} quantifier");
        return;
    }
    if ((min > 0 && len * (size_t)min > RX_MAX_INST) ||
        (max != RX_INF && len * (size_t)max > RX_MAX_INST)) {
        rx_fail(p, "pattern too large after expanding {n,m}");
        return;
    }
    frag = xmalloc(xmul(len ? len : 1, sizeof *frag));
    memcpy(frag, p->re->code + start, len * sizeof *frag);
    p->re->n = start;
    for (long k = 0; k < min && !p->failed; k++)
        rx_copy(p, frag, len);
    if (max == RX_INF) {
        rx_emit(p, RX_SPLIT, 1, l + 2, 0);
        rx_copy(p, frag, len);
        rx_emit(p, RX_JMP, -(l + 1), 0, 0);
    } else {
        for (long k = min; k < max && !p->failed; k++) {
            rx_emit(p, RX_SPLIT, 1, l + 1, 0);
            rx_copy(p, frag, len);
        }
    }
    free(frag);
}

static void rx_parse_atom(struct rx_parser *p)
{
    uint32_t c = rx_get(p);
    unsigned set;
    switch (c) {
    case '(':
        if (++p->depth > RX_MAX_DEPTH) {
            rx_fail(p, "groups nested too deeply");
            return;
        }
        if (rx_peek(p) == '?') {
            rx_get(p);
            c = rx_get(p);
            if (c == '<' && rx_peek(p) != '=' && rx_peek(p) != '!') {
                while (!rx_eof(p) && p->s[p->i] != '>')
                    p->i++;
                if (rx_get(p) != '>') {
                    rx_fail(p, "unterminated group name");
                    return;
                }
            } else if (c != ':') {
                rx_fail(p, "lookaround assertions are not supported");
                return;
            }
        }
        rx_parse_alt(p);
        if (!p->failed && rx_get(p) != ')')
            rx_fail(p, "missing )");
        p->depth--;
        return;
    case '[':
        rx_parse_class(p);
        return;
    case '.':
        rx_emit(p, RX_ANY, 0, 0, 0);
        return;
    case '^':
        rx_emit(p, RX_BOL, 0, 0, 0);
        return;
    case '$':
        rx_emit(p, RX_EOL, 0, 0, 0);
        return;
    case '*':
    case '+':
    case '?':
        rx_fail(p, "nothing to repeat");
        return;
    case '\\':
        if (rx_peek(p) == 'b' || rx_peek(p) == 'B') {
            rx_emit(p, rx_get(p) == 'b' ? RX_WORDB : RX_NWORDB, 0, 0, 0);
            return;
        }
        c = rx_escape(p, &set, 0);
        if (p->failed)
            return;
        if (set) {
            size_t ci = rx_new_class(p);
            p->re->cls[ci].sets = set;
            rx_emit(p, RX_CLASS, 0, 0, (uint32_t)ci);
            return;
        }
        rx_emit(p, RX_CHAR, 0, 0, c);
        return;
    default:
        rx_emit(p, RX_CHAR, 0, 0, c);
        return;
    }
}

static void rx_parse_cat(struct rx_parser *p)
{
    while (!p->failed && !rx_eof(p) && p->s[p->i] != '|' && p->s[p->i] != ')') {
        size_t start = p->re->n;
        long min = -2, max = 0;
        rx_parse_atom(p);
        if (p->failed || rx_eof(p))
            continue;
        switch (p->s[p->i]) {
        case '*':
            p->i++;
            min = 0;
            max = RX_INF;
            break;
        case '+':
            p->i++;
            min = 1;
            max = RX_INF;
            break;
        case '?':
            p->i++;
            min = 0;
            max = 1;
            break;
        case '{':
            if (!rx_parse_braces(p, &min, &max))
                min = -2;
            break;
        }
        if (min == -2)
            continue;
        if (!rx_eof(p) && p->s[p->i] == '?')
            p->i++; /* lazy: the same language */
        if (!rx_eof(p) && strchr("*+?", p->s[p->i])) {
            rx_fail(p, "nothing to repeat");
            return;
        }
        rx_repeat(p, start, min, max);
    }
}

static void rx_parse_alt(struct rx_parser *p)
{
    size_t start = p->re->n, jmp, bstart;
    rx_parse_cat(p);
    if (p->failed || rx_eof(p) || p->s[p->i] != '|')
        return;
    p->i++;
    rx_insert(p, start, RX_SPLIT, 1, 0);
    jmp = rx_emit(p, RX_JMP, 0, 0, 0);
    bstart = p->re->n;
    rx_parse_alt(p);
    if (p->failed)
        return;
    p->re->code[start].y = (int)(bstart - start);
    p->re->code[jmp].x = (int)(p->re->n - jmp);
}

struct sregex *sregex_compile(const char *pat, size_t len, char *err, size_t errlen)
{
    struct rx_parser p = {pat, len, 0, NULL, 0, 0, err, errlen, 0, 0};
    p.re = xcalloc(1, sizeof *p.re);
    rx_parse_alt(&p);
    if (!p.failed && !rx_eof(&p))
        rx_fail(&p, "unmatched )");
    rx_emit(&p, RX_MATCH, 0, 0, 0);
    if (p.failed) {
        sregex_free(p.re);
        return NULL;
    }
    return p.re;
}

void sregex_free(struct sregex *re)
{
    if (!re)
        return;
    for (size_t k = 0; k < re->ncls; k++)
        free(re->cls[k].r);
    free(re->cls);
    free(re->code);
    free(re);
}

/* ---------------------------------------------------------------- matcher */

struct rx_list {
    size_t *pc;
    size_t n;
};

/* Add PC and everything reachable from it without consuming input, at a
 * position whose previous / current code points are PREV / CUR. */
static void rx_add(const struct sregex *re, struct rx_list *l, size_t pc, unsigned *mark,
                   unsigned gen, size_t *stack, uint32_t prev, uint32_t cur)
{
    size_t sp = 0;
    if (mark[pc] == gen)
        return;
    mark[pc] = gen;
    stack[sp++] = pc;
    while (sp) {
        const struct rx_inst *in;
        size_t next[2];
        int nn = 0;
        pc = stack[--sp];
        in = &re->code[pc];
        switch (in->op) {
        case RX_SPLIT:
            next[nn++] = pc + (size_t)(ptrdiff_t)in->x;
            next[nn++] = pc + (size_t)(ptrdiff_t)in->y;
            break;
        case RX_JMP:
            next[nn++] = pc + (size_t)(ptrdiff_t)in->x;
            break;
        case RX_BOL:
            if (prev == RX_NONE)
                next[nn++] = pc + 1;
            break;
        case RX_EOL:
            if (cur == RX_NONE)
                next[nn++] = pc + 1;
            break;
        case RX_WORDB:
        case RX_NWORDB: {
            int a = prev != RX_NONE && rx_is_word(prev);
            int b = cur != RX_NONE && rx_is_word(cur);
            if ((a != b) == (in->op == RX_WORDB))
                next[nn++] = pc + 1;
            break;
        }
        default:
            l->pc[l->n++] = pc;
            break;
        }
        for (int k = 0; k < nn; k++) {
            if (mark[next[k]] != gen) {
                mark[next[k]] = gen;
                stack[sp++] = next[k];
            }
        }
    }
}

static uint32_t rx_decode(const char *s, size_t len, size_t *i)
{
    uint32_t cp;
    if (*i >= len)
        return RX_NONE;
    cp = utf8_next(s, len, i);
    return cp == UTF8_BAD ? 0xFFFD : cp;
}

int sregex_search(const struct sregex *re, const char *s, size_t len)
{
    size_t n = re->n, i = 0;
    size_t small[4 * 64];
    unsigned smark[64];
    size_t *mem = n <= 64 ? small : xmalloc(xmul(n, 3 * sizeof(size_t)));
    unsigned *mark = n <= 64 ? smark : xcalloc(n, sizeof(unsigned));
    struct rx_list cl = {mem, 0}, nl = {mem + n, 0}, tmp;
    size_t *stack = mem + 2 * n;
    unsigned gen = 1;
    uint32_t prev = RX_NONE, cur;
    int anchored = re->code[0].op == RX_BOL, found = 0;

    if (n <= 64)
        memset(smark, 0, sizeof smark);
    cur = rx_decode(s, len, &i);
    for (;;) {
        uint32_t next;
        if (!anchored || prev == RX_NONE)
            rx_add(re, &cl, 0, mark, gen, stack, prev, cur);
        for (size_t k = 0; k < cl.n; k++)
            if (re->code[cl.pc[k]].op == RX_MATCH) {
                found = 1;
                goto out;
            }
        if (cur == RX_NONE || (anchored && cl.n == 0))
            break;
        next = rx_decode(s, len, &i);
        gen++;
        nl.n = 0;
        for (size_t k = 0; k < cl.n; k++) {
            const struct rx_inst *in = &re->code[cl.pc[k]];
            int m = 0;
            if (in->op == RX_CHAR)
                m = in->arg == cur;
            else if (in->op == RX_ANY)
                m = cur != 0x0A && cur != 0x0D && cur != 0x2028 && cur != 0x2029;
            else if (in->op == RX_CLASS)
                m = rx_class_has(&re->cls[in->arg], cur);
            if (m)
                rx_add(re, &nl, cl.pc[k] + 1, mark, gen, stack, cur, next);
        }
        tmp = cl, cl = nl, nl = tmp;
        prev = cur;
        cur = next;
    }
out:
    if (n > 64) {
        free(mem);
        free(mark);
    }
    return found;
}
