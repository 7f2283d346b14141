/* schema.c - JSON Schema (draft 2020-12) validation on top of jansson.
 *
 * A schema document compiles once into a tree of struct snode (every
 * keyword parsed and checked, regexes compiled, $ref targets resolved), so
 * validating an instance never looks at the schema JSON again. A keyword
 * outside the supported set makes compilation fail: nothing is silently
 * ignored. Supported: the assertion and applicator keywords of the core and
 * validation vocabularies except $dynamicRef/$dynamicAnchor and
 * unevaluatedItems/unevaluatedProperties; "format" asserts date, date-time,
 * time, email, uri, ipv4 and ipv6 (others are annotations).
 */
#include "schema.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "datadir.h"
#include "fileio.h"
#include "schema_format.h"
#include "schema_regex.h"
#include "schema_uri.h"
#include "utf8.h"
#include "xalloc.h"

#define SCHEMA_MAX_DEPTH 1000 /* nested validation calls (instance depth + $ref hops) */
#define SCHEMA_COMPILE_DEPTH 500
#define SCHEMA_DEFAULT_MAX 50
#define SCHEMA_MAX_FILES 64

enum {
    T_NULL = 1,
    T_BOOLEAN = 2,
    T_OBJECT = 4,
    T_ARRAY = 8,
    T_NUMBER = 16,
    T_STRING = 32,
    T_INTEGER = 64
};

static const char *const type_names[] = {"null",   "boolean", "object", "array",
                                         "number", "string",  "integer"};

struct sprop {
    const char *key;
    size_t klen;
    struct snode *s;
};

struct spat {
    struct sregex *re;
    const char *src;
    struct snode *s;
};

struct sdep {
    const char *key;
    size_t klen;
    const json_t *names; /* dependentRequired: array of strings */
    struct snode *s;     /* dependentSchemas */
};

struct snode {
    const json_t *src; /* the schema JSON (borrowed: the schema holds the doc) */
    char *loc;         /* "#/properties/x" or "other.json#/..." for messages */
    int boolean;       /* -1: an object schema; 0 / 1: false / true */
    unsigned types;
    const json_t *enum_, *const_;
    struct sprop *props;
    size_t nprops;
    struct spat *pats;
    size_t npats;
    struct snode *addl, *pnames, *items, *contains, *not_, *if_, *then_, *else_, *ref;
    struct snode **prefix, **all, **any, **one;
    size_t nprefix, nall, nany, none;
    long long min_contains, max_contains, min_items, max_items, min_len, max_len, min_props,
        max_props;
    int unique;
    const json_t *minimum, *maximum, *xmin, *xmax, *mult;
    struct sregex *pattern;
    const char *pattern_src;
    enum sformat format;
    const json_t *required;
    struct sdep *depreq, *depsch;
    size_t ndepreq, ndepsch;
    char *ref_uri; /* absolute $ref target, resolved after compiling */
};

struct sres {
    char *uri; /* absolute, no fragment */
    const json_t *root;
    char *label; /* location prefix for messages ("" for the main document) */
};

struct sanchor {
    char *uri; /* base#name */
    struct snode *node;
};

struct schema {
    json_t *doc;
    char *name;
    char *dir; /* folder for sibling files (schema_load), NULL otherwise */
    int format_on;
    struct snode *root;
    struct snode **nodes;
    size_t nnodes, capnodes;
    struct sres *res;
    size_t nres, capres;
    struct sanchor *anchors;
    size_t nanchors, capanchors;
    json_t *files[SCHEMA_MAX_FILES];
    size_t nfiles;
    struct diag *d; /* compile-time errors */
    int failed;
};

/* ================================================================ numbers */

static long double num_val(const json_t *j)
{
    return json_is_integer(j) ? (long double)json_integer_value(j)
                              : (long double)json_real_value(j);
}

static int num_is_integer(const json_t *j)
{
    double v;
    if (json_is_integer(j))
        return 1;
    if (!json_is_real(j))
        return 0;
    v = json_real_value(j);
    return isfinite(v) && floor(v) == v;
}

static int num_cmp(const json_t *a, const json_t *b)
{
    if (json_is_integer(a) && json_is_integer(b)) {
        json_int_t x = json_integer_value(a), y = json_integer_value(b);
        return x < y ? -1 : x > y;
    }
    long double x = num_val(a), y = num_val(b);
    return x < y ? -1 : x > y;
}

/* multipleOf with a tolerance for binary fractions (0.0075 / 0.0001 is
 * 75.00000000000001); an overflowing quotient is simply not a multiple. */
static int num_multiple(const json_t *inst, const json_t *m)
{
    long double q, r;
    if (json_is_integer(inst) && json_is_integer(m))
        return json_integer_value(inst) % json_integer_value(m) == 0;
    if (num_val(inst) == 0)
        return 1;
    q = num_val(inst) / num_val(m);
    if (!isfinite(q) || !isfinite((double)q))
        return 0;
    r = roundl(q);
    return fabsl(q - r) <= 1e-9L * (fabsl(r) > 1 ? fabsl(r) : 1);
}

/* ================================================================ equality */

/* JSON Schema equality: 1 and 1.0 are equal; object key order is ignored. */
static int json_eq(const json_t *a, const json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return num_cmp(a, b) == 0;
    if (json_typeof(a) != json_typeof(b))
        return 0;
    switch (json_typeof(a)) {
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b))
            return 0;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!json_eq(json_array_get(a, i), json_array_get(b, i)))
                return 0;
        return 1;
    case JSON_OBJECT: {
        const char *k;
        size_t kl;
        json_t *v;
        if (json_object_size(a) != json_object_size(b))
            return 0;
        json_object_keylen_foreach((json_t *)a, k, kl, v)
        {
            json_t *w = json_object_getn(b, k, kl);
            if (!w || !json_eq(v, w))
                return 0;
        }
        return 1;
    }
    default:
        return 1;
    }
}

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

/* A hash consistent with json_eq. */
static uint64_t json_hash(const json_t *j)
{
    uint64_t h = 14695981039346656037ull + (uint64_t)json_typeof(j);
    switch (json_typeof(j)) {
    case JSON_INTEGER:
    case JSON_REAL: {
        double v = (double)num_val(j);
        if (v == 0)
            v = 0; /* -0.0 */
        return hash_bytes(99, &v, sizeof v);
    }
    case JSON_STRING:
        return hash_bytes(h, json_string_value(j), json_string_length(j));
    case JSON_ARRAY:
        for (size_t i = 0; i < json_array_size(j); i++)
            h = (h * 31) ^ json_hash(json_array_get(j, i));
        return h;
    case JSON_OBJECT: {
        const char *k;
        size_t kl;
        json_t *v;
        uint64_t sum = 0;
        json_object_keylen_foreach((json_t *)j, k, kl, v)
        {
            sum += hash_bytes(7, k, kl) * (json_hash(v) | 1);
        }
        return h ^ sum;
    }
    default:
        return h;
    }
}

struct hidx {
    uint64_t h;
    size_t i;
};

static int hidx_cmp(const void *a, const void *b)
{
    const struct hidx *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Index pair of the first duplicate in array A, or 0 when all unique. */
static int json_find_dup(const json_t *a, size_t *first, size_t *second)
{
    size_t n = json_array_size(a);
    struct hidx *v;
    int found = 0;
    if (n < 2)
        return 0;
    v = xmalloc(xmul(n, sizeof *v));
    for (size_t i = 0; i < n; i++)
        v[i] = (struct hidx){json_hash(json_array_get(a, i)), i};
    qsort(v, n, sizeof *v, hidx_cmp);
    for (size_t i = 0; i < n && !found; i++)
        for (size_t k = i + 1; k < n && v[k].h == v[i].h && !found; k++)
            if (json_eq(json_array_get(a, v[i].i), json_array_get(a, v[k].i))) {
                *first = v[i].i < v[k].i ? v[i].i : v[k].i;
                *second = v[i].i < v[k].i ? v[k].i : v[i].i;
                found = 1;
            }
    free(v);
    return found;
}

/* ================================================================ text */

static void ptr_escape(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '~')
            buf_append(b, "~0");
        else if (s[i] == '/')
            buf_append(b, "~1");
        else if (s[i] == '\0')
            buf_append(b, "\\u0000");
        else
            buf_putc(b, s[i]);
    }
}

/* A short, printable rendering of string S for messages. */
static void put_quoted(struct buf *b, const char *s, size_t n)
{
    size_t i = 0, shown = 0;
    buf_putc(b, '"');
    while (i < n) {
        size_t at = i;
        uint32_t cp = utf8_next(s, n, &i);
        if (shown++ >= 60) {
            buf_append(b, "...");
            break;
        }
        if (cp == '"' || cp == '\\')
            buf_printf(b, "\\%c", (char)cp);
        else if (cp < 0x20 || cp == 0x7F || cp == UTF8_BAD)
            buf_printf(b, "\\u%04x", cp == UTF8_BAD ? 0xFFFDu : cp);
        else
            buf_appendn(b, s + at, i - at);
    }
    buf_putc(b, '"');
}

static const char *type_of(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return num_is_integer(j) ? "integer" : "number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    default:
        return "null";
    }
}

/* "integer 5", "string \"x\"", "an object with 3 properties", ... */
static void put_value(struct buf *b, const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        buf_printf(b, "an object with %zu propert%s", json_object_size(j),
                   json_object_size(j) == 1 ? "y" : "ies");
        break;
    case JSON_ARRAY:
        buf_printf(b, "an array of %zu item%s", json_array_size(j),
                   json_array_size(j) == 1 ? "" : "s");
        break;
    case JSON_STRING:
        buf_append(b, "string ");
        put_quoted(b, json_string_value(j), json_string_length(j));
        break;
    case JSON_INTEGER:
        buf_printf(b, "integer %" JSON_INTEGER_FORMAT, json_integer_value(j));
        break;
    case JSON_REAL:
        buf_printf(b, "number %.17g", json_real_value(j));
        break;
    case JSON_TRUE:
        buf_append(b, "true");
        break;
    case JSON_FALSE:
        buf_append(b, "false");
        break;
    default:
        buf_append(b, "null");
        break;
    }
}

/* A compact JSON rendering of a schema value (for const / enum). */
static void put_json(struct buf *b, const json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        xalloc_die();
    if (strlen(s) > 120)
        strcpy(s + 117, "...");
    buf_append(b, s);
    xalloc_json_free(s);
}

static void put_types(struct buf *b, unsigned types)
{
    int first = 1;
    for (int k = 0; k < 7; k++)
        if (types & (1u << k)) {
            buf_printf(b, "%s%s", first ? "" : " or ", type_names[k]);
            first = 0;
        }
}

/* ================================================================ compiling */

static int cfail(struct schema *S, const char *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int cfail(struct schema *S, const char *loc, const char *fmt, ...)
{
    va_list ap;
    struct buf b = BUF_INIT;
    char tmp[DIAG_MAX_TEXT];
    if (S->failed)
        return -1;
    S->failed = 1;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    buf_printf(&b, "%s: %s", loc, tmp);
    diag_set(S->d, S->name, "%s", buf_str(&b));
    buf_free(&b);
    return -1;
}

static struct snode *node_new(struct schema *S, const json_t *src, const char *loc)
{
    struct snode *n = xcalloc(1, sizeof *n);
    n->src = src;
    n->loc = xstrdup(loc);
    n->boolean = -1;
    n->min_contains = 1;
    n->max_contains = n->min_items = n->max_items = n->min_len = n->max_len = n->min_props =
        n->max_props = -1;
    if (S->nnodes == S->capnodes) {
        S->capnodes = S->capnodes ? S->capnodes * 2 : 64;
        S->nodes = xrealloc(S->nodes, xmul(S->capnodes, sizeof *S->nodes));
    }
    S->nodes[S->nnodes++] = n;
    return n;
}

static void node_free(struct snode *n)
{
    free(n->loc);
    free(n->props);
    for (size_t i = 0; i < n->npats; i++)
        sregex_free(n->pats[i].re);
    free(n->pats);
    free(n->prefix);
    free(n->all);
    free(n->any);
    free(n->one);
    sregex_free(n->pattern);
    free(n->depreq);
    free(n->depsch);
    free(n->ref_uri);
    free(n);
}

static void add_resource(struct schema *S, const char *uri, const json_t *root, const char *label)
{
    char *u = suri_strip_fragment(uri);
    for (size_t i = 0; i < S->nres; i++)
        if (strcmp(S->res[i].uri, u) == 0) {
            free(u);
            return;
        }
    if (S->nres == S->capres) {
        S->capres = S->capres ? S->capres * 2 : 8;
        S->res = xrealloc(S->res, xmul(S->capres, sizeof *S->res));
    }
    S->res[S->nres++] = (struct sres){u, root, xstrdup(label)};
}

static struct snode *compile_node(struct schema *S, const json_t *js, const char *base,
                                  const char *loc, int depth);

/* LOC + "/" + escaped KEY. Heap string. */
static char *loc_join(const char *loc, const char *key, size_t klen)
{
    struct buf b = BUF_INIT;
    buf_append(&b, loc);
    buf_putc(&b, '/');
    ptr_escape(&b, key, klen);
    return buf_take(&b);
}

static struct snode *compile_sub(struct schema *S, const json_t *js, const char *base,
                                 const char *loc, const char *kw, int depth)
{
    char *l = loc_join(loc, kw, strlen(kw));
    struct snode *n = compile_node(S, js, base, l, depth + 1);
    free(l);
    return n;
}

/* A non-negative integer keyword (1.0 counts as an integer). */
static int get_count(struct schema *S, const json_t *v, const char *loc, const char *kw,
                     long long *out)
{
    if (!num_is_integer(v) || num_val(v) < 0 || num_val(v) > (long double)LLONG_MAX)
        return cfail(S, loc, "%s must be a non-negative integer", kw);
    *out = json_is_integer(v) ? (long long)json_integer_value(v) : (long long)json_real_value(v);
    return 0;
}

/* A list of schemas (allOf, anyOf, oneOf, prefixItems). */
static int compile_list(struct schema *S, const json_t *v, const char *base, const char *loc,
                        const char *kw, int depth, struct snode ***out, size_t *n)
{
    char *l;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return cfail(S, loc, "%s must be a non-empty array of schemas", kw);
    *n = json_array_size(v);
    *out = xcalloc(*n, sizeof **out);
    l = loc_join(loc, kw, strlen(kw));
    for (size_t i = 0; i < *n && !S->failed; i++) {
        char idx[32];
        char *li;
        snprintf(idx, sizeof idx, "%zu", i);
        li = loc_join(l, idx, strlen(idx));
        (*out)[i] = compile_node(S, json_array_get(v, i), base, li, depth + 1);
        free(li);
    }
    free(l);
    return S->failed ? -1 : 0;
}

static int prop_cmp(const void *a, const void *b)
{
    const struct sprop *x = a, *y = b;
    if (x->klen != y->klen)
        return x->klen < y->klen ? -1 : 1;
    return memcmp(x->key, y->key, x->klen);
}

/* Compile each member of the object V as a schema into *OUT. */
static int compile_map(struct schema *S, const json_t *v, const char *base, const char *loc,
                       const char *kw, int depth, struct sprop **out, size_t *n)
{
    const char *k;
    size_t kl, i = 0;
    json_t *sub;
    char *l;
    *out = NULL; /* a caller may free it whatever happens */
    *n = 0;
    if (!json_is_object(v))
        return cfail(S, loc, "%s must be an object of schemas", kw);
    *n = json_object_size(v);
    *out = xcalloc(*n ? *n : 1, sizeof **out);
    l = loc_join(loc, kw, strlen(kw));
    json_object_keylen_foreach((json_t *)v, k, kl, sub)
    {
        char *lk = loc_join(l, k, kl);
        (*out)[i].key = k;
        (*out)[i].klen = kl;
        (*out)[i].s = compile_node(S, sub, base, lk, depth + 1);
        free(lk);
        i++;
        if (S->failed)
            break;
    }
    free(l);
    if (!S->failed)
        qsort(*out, *n, sizeof **out, prop_cmp);
    return S->failed ? -1 : 0;
}

static int type_bit(const json_t *t)
{
    for (int k = 0; k < 7; k++)
        if (json_is_string(t) && strcmp(json_string_value(t), type_names[k]) == 0)
            return 1 << k;
    return 0;
}

static int is_annotation(const char *k)
{
    static const char *const ann[] = {
        "title",           "description",   "$comment",    "default",   "examples",
        "$schema",         "deprecated",    "readOnly",    "writeOnly", "contentMediaType",
        "contentEncoding", "contentSchema", "$vocabulary", NULL};
    for (int i = 0; ann[i]; i++)
        if (strcmp(k, ann[i]) == 0)
            return 1;
    return 0;
}

static int compile_keyword(struct schema *S, struct snode *n, const char *k, size_t kl,
                           const json_t *v, const char *base, const char *loc, int depth)
{
    if (strlen(k) != kl)
        return cfail(S, loc, "unknown keyword with a NUL byte");
    if (!strcmp(k, "$id") || !strcmp(k, "$anchor") || !strcmp(k, "$defs") || is_annotation(k))
        return 0; /* handled by compile_node, or annotations */
    if (!strcmp(k, "type")) {
        if (json_is_string(v)) {
            if (!(n->types = (unsigned)type_bit(v)))
                return cfail(S, loc, "unknown type \"%s\"", json_string_value(v));
        } else if (json_is_array(v)) {
            for (size_t i = 0; i < json_array_size(v); i++) {
                int b = type_bit(json_array_get(v, i));
                if (!b)
                    return cfail(S, loc, "type must list type names");
                n->types |= (unsigned)b;
            }
        } else {
            return cfail(S, loc, "type must be a string or an array of strings");
        }
    } else if (!strcmp(k, "enum")) {
        if (!json_is_array(v))
            return cfail(S, loc, "enum must be an array");
        n->enum_ = v;
    } else if (!strcmp(k, "const")) {
        n->const_ = v;
    } else if (!strcmp(k, "properties")) {
        return compile_map(S, v, base, loc, k, depth, &n->props, &n->nprops);
    } else if (!strcmp(k, "patternProperties")) {
        struct sprop *m;
        size_t cnt;
        if (compile_map(S, v, base, loc, k, depth, &m, &cnt) != 0) {
            free(m);
            return -1;
        }
        n->pats = xcalloc(cnt ? cnt : 1, sizeof *n->pats);
        for (size_t i = 0; i < cnt; i++) {
            char err[160];
            n->pats[i].src = m[i].key;
            n->pats[i].s = m[i].s;
            n->pats[i].re = sregex_compile(m[i].key, m[i].klen, err, sizeof err);
            n->npats = i + 1;
            if (!n->pats[i].re) {
                int rc = cfail(S, loc, "patternProperties: bad regular expression \"%s\": %s",
                               m[i].key, err);
                free(m); /* after the message: it quotes m[i].key */
                return rc;
            }
        }
        free(m);
    } else if (!strcmp(k, "additionalProperties")) {
        n->addl = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "propertyNames")) {
        n->pnames = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "items")) {
        n->items = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "prefixItems")) {
        return compile_list(S, v, base, loc, k, depth, &n->prefix, &n->nprefix);
    } else if (!strcmp(k, "contains")) {
        n->contains = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "minContains")) {
        return get_count(S, v, loc, k, &n->min_contains);
    } else if (!strcmp(k, "maxContains")) {
        return get_count(S, v, loc, k, &n->max_contains);
    } else if (!strcmp(k, "minItems")) {
        return get_count(S, v, loc, k, &n->min_items);
    } else if (!strcmp(k, "maxItems")) {
        return get_count(S, v, loc, k, &n->max_items);
    } else if (!strcmp(k, "uniqueItems")) {
        if (!json_is_boolean(v))
            return cfail(S, loc, "uniqueItems must be a boolean");
        n->unique = json_is_true(v);
    } else if (!strcmp(k, "minLength")) {
        return get_count(S, v, loc, k, &n->min_len);
    } else if (!strcmp(k, "maxLength")) {
        return get_count(S, v, loc, k, &n->max_len);
    } else if (!strcmp(k, "minProperties")) {
        return get_count(S, v, loc, k, &n->min_props);
    } else if (!strcmp(k, "maxProperties")) {
        return get_count(S, v, loc, k, &n->max_props);
    } else if (!strcmp(k, "pattern")) {
        char err[160];
        if (!json_is_string(v))
            return cfail(S, loc, "pattern must be a string");
        n->pattern_src = json_string_value(v);
        n->pattern = sregex_compile(n->pattern_src, json_string_length(v), err, sizeof err);
        if (!n->pattern)
            return cfail(S, loc, "pattern: bad regular expression \"%s\": %s", n->pattern_src, err);
    } else if (!strcmp(k, "minimum") || !strcmp(k, "maximum") || !strcmp(k, "exclusiveMinimum") ||
               !strcmp(k, "exclusiveMaximum")) {
        if (!json_is_number(v))
            return cfail(S, loc, "%s must be a number", k);
        if (k[0] == 'm')
            *(k[1] == 'i' ? &n->minimum : &n->maximum) = v;
        else
            *(k[10] == 'i' ? &n->xmin : &n->xmax) = v;
    } else if (!strcmp(k, "multipleOf")) {
        if (!json_is_number(v) || num_val(v) <= 0)
            return cfail(S, loc, "multipleOf must be a number greater than 0");
        n->mult = v;
    } else if (!strcmp(k, "format")) {
        if (!json_is_string(v))
            return cfail(S, loc, "format must be a string");
        n->format = sformat_lookup(json_string_value(v), json_string_length(v));
    } else if (!strcmp(k, "required")) {
        if (!json_is_array(v))
            return cfail(S, loc, "required must be an array of strings");
        for (size_t i = 0; i < json_array_size(v); i++)
            if (!json_is_string(json_array_get(v, i)))
                return cfail(S, loc, "required must be an array of strings");
        n->required = v;
    } else if (!strcmp(k, "dependentRequired")) {
        const char *dk;
        size_t dkl;
        json_t *dv;
        if (!json_is_object(v))
            return cfail(S, loc, "dependentRequired must be an object");
        n->depreq = xcalloc(json_object_size(v) + 1, sizeof *n->depreq);
        json_object_keylen_foreach((json_t *)v, dk, dkl, dv)
        {
            if (!json_is_array(dv))
                return cfail(S, loc, "dependentRequired values must be arrays of strings");
            for (size_t i = 0; i < json_array_size(dv); i++)
                if (!json_is_string(json_array_get(dv, i)))
                    return cfail(S, loc, "dependentRequired values must be arrays of strings");
            n->depreq[n->ndepreq++] = (struct sdep){dk, dkl, dv, NULL};
        }
    } else if (!strcmp(k, "dependentSchemas")) {
        struct sprop *m;
        size_t cnt;
        if (compile_map(S, v, base, loc, k, depth, &m, &cnt) != 0) {
            free(m);
            return -1;
        }
        n->depsch = xcalloc(cnt + 1, sizeof *n->depsch);
        for (size_t i = 0; i < cnt; i++)
            n->depsch[i] = (struct sdep){m[i].key, m[i].klen, NULL, m[i].s};
        n->ndepsch = cnt;
        free(m);
    } else if (!strcmp(k, "allOf")) {
        return compile_list(S, v, base, loc, k, depth, &n->all, &n->nall);
    } else if (!strcmp(k, "anyOf")) {
        return compile_list(S, v, base, loc, k, depth, &n->any, &n->nany);
    } else if (!strcmp(k, "oneOf")) {
        return compile_list(S, v, base, loc, k, depth, &n->one, &n->none);
    } else if (!strcmp(k, "not")) {
        n->not_ = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "if")) {
        n->if_ = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "then")) {
        n->then_ = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "else")) {
        n->else_ = compile_sub(S, v, base, loc, k, depth);
    } else if (!strcmp(k, "$ref")) {
        if (!json_is_string(v))
            return cfail(S, loc, "$ref must be a string");
        n->ref_uri = suri_resolve(base, json_string_value(v));
    } else {
        return cfail(S, loc,
                     "unsupported keyword \"%s\" (this validator implements draft "
                     "2020-12 without $dynamicRef and unevaluated*)",
                     k);
    }
    return S->failed ? -1 : 0;
}

static struct snode *compile_node(struct schema *S, const json_t *js, const char *base,
                                  const char *loc, int depth)
{
    struct snode *n;
    const json_t *id, *anchor, *defs;
    char *newbase = NULL;
    const char *k;
    size_t kl;
    json_t *v;

    if (S->failed)
        return NULL;
    if (depth > SCHEMA_COMPILE_DEPTH) {
        cfail(S, loc, "schema nested too deeply");
        return NULL;
    }
    if (json_is_boolean(js)) {
        n = node_new(S, js, loc);
        n->boolean = json_is_true(js);
        return n;
    }
    if (!json_is_object(js)) {
        cfail(S, loc, "expected a schema (an object or a boolean), found %s", type_of(js));
        return NULL;
    }
    n = node_new(S, js, loc);
    id = json_object_get(js, "$id");
    if (id) {
        if (!json_is_string(id)) {
            cfail(S, loc, "$id must be a string");
            return NULL;
        }
        newbase = suri_resolve(base, json_string_value(id));
        add_resource(S, newbase, js, loc);
        base = newbase;
    }
    anchor = json_object_get(js, "$anchor");
    if (anchor) {
        struct buf b = BUF_INIT;
        char *nf;
        if (!json_is_string(anchor) || json_string_length(anchor) == 0) {
            free(newbase);
            cfail(S, loc, "$anchor must be a non-empty string");
            return NULL;
        }
        nf = suri_strip_fragment(base);
        buf_printf(&b, "%s#%s", nf, json_string_value(anchor));
        free(nf);
        if (S->nanchors == S->capanchors) {
            S->capanchors = S->capanchors ? S->capanchors * 2 : 8;
            S->anchors = xrealloc(S->anchors, xmul(S->capanchors, sizeof *S->anchors));
        }
        S->anchors[S->nanchors++] = (struct sanchor){buf_take(&b), n};
    }
    defs = json_object_get(js, "$defs");
    if (defs) {
        struct sprop *m = NULL;
        size_t cnt;
        compile_map(S, defs, base, loc, "$defs", depth, &m, &cnt);
        free(m);
    }
    json_object_keylen_foreach((json_t *)js, k, kl, v)
    {
        if (compile_keyword(S, n, k, kl, v, base, loc, depth) != 0)
            break;
    }
    free(newbase);
    return S->failed ? NULL : n;
}

static struct snode *node_for(const struct schema *S, const json_t *src)
{
    for (size_t i = 0; i < S->nnodes; i++)
        if (S->nodes[i]->src == src)
            return S->nodes[i];
    return NULL;
}

static const struct sres *find_resource(const struct schema *S, const char *uri)
{
    for (size_t i = 0; i < S->nres; i++)
        if (strcmp(S->res[i].uri, uri) == 0)
            return &S->res[i];
    return NULL;
}

/* Load a sibling schema file for the unresolved resource URI (by its last
 * path segment in S->dir). 0 when loaded, -1 otherwise (no diag). */
static int load_sibling(struct schema *S, const char *uri)
{
    const char *seg = strrchr(uri, '/');
    char *path;
    char *text;
    size_t len;
    json_t *doc;
    json_error_t err;
    struct diag tmp = {0};
    struct buf label = BUF_INIT;
    if (!S->dir || S->nfiles >= SCHEMA_MAX_FILES)
        return -1;
    seg = seg ? seg + 1 : strchr(uri, ':') ? strchr(uri, ':') + 1 : uri;
    if (!*seg || strstr(seg, ".."))
        return -1;
    path = fileio_join(S->dir, seg);
    text = fileio_read(path, FILEIO_MAX_INPUT, &len, &tmp);
    free(path);
    if (!text)
        return -1;
    doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    free(text);
    if (!doc) {
        cfail(S, uri, "referenced schema file %s is not valid JSON: %s", seg, err.text);
        return -1;
    }
    S->files[S->nfiles++] = doc;
    buf_printf(&label, "%s#", seg);
    /* registered under the URI it was found by; compile_node adds its $id */
    add_resource(S, uri, doc, buf_str(&label));
    compile_node(S, doc, uri, buf_str(&label), 0);
    buf_free(&label);
    return S->failed ? -1 : 0;
}

/* Resolve one $ref (absolute URI with optional fragment) to a node. */
static struct snode *resolve_ref(struct schema *S, const struct snode *from)
{
    const char *uri = from->ref_uri;
    const char *hash = strchr(uri, '#');
    char *nf = suri_strip_fragment(uri);
    const struct sres *r = find_resource(S, nf);
    struct snode *target = NULL;
    if (!r && load_sibling(S, nf) == 0)
        r = find_resource(S, nf);
    if (!r) {
        free(nf);
        if (!S->failed)
            cfail(S, from->loc,
                  "$ref \"%s\" cannot be resolved (no such schema here; remote "
                  "references are not supported)",
                  uri);
        return NULL;
    }
    if (!hash || !hash[1]) {
        target = node_for(S, r->root);
    } else if (hash[1] == '/') {
        size_t dlen;
        char *dec = suri_pct_decode(hash + 1, strlen(hash + 1), &dlen);
        const json_t *j = r->root;
        size_t i = 0;
        if (!dec) {
            free(nf);
            cfail(S, from->loc, "$ref \"%s\": bad %%-escape in the fragment", uri);
            return NULL;
        }
        while (j && i < dlen) {
            struct buf tok = BUF_INIT;
            i++; /* the '/' */
            while (i < dlen && dec[i] != '/') {
                if (dec[i] == '~' && i + 1 < dlen && (dec[i + 1] == '0' || dec[i + 1] == '1')) {
                    buf_putc(&tok, dec[i + 1] == '0' ? '~' : '/');
                    i += 2;
                } else {
                    buf_putc(&tok, dec[i++]);
                }
            }
            if (json_is_object(j)) {
                j = json_object_getn(j, buf_str(&tok), tok.len);
            } else if (json_is_array(j)) {
                char *end;
                unsigned long long idx = strtoull(buf_str(&tok), &end, 10);
                int ok = tok.len > 0 && *end == '\0' && (tok.p[0] != '0' || tok.len == 1) &&
                         tok.p[0] >= '0' && tok.p[0] <= '9';
                j = ok && idx < json_array_size(j) ? json_array_get(j, (size_t)idx) : NULL;
            } else {
                j = NULL;
            }
            buf_free(&tok);
        }
        free(dec);
        if (j) {
            target = node_for(S, j);
            if (!target) /* a schema in a place we did not walk: compile it now */
                target = compile_node(S, j, nf, from->loc, 0);
        }
    } else {
        struct buf a = BUF_INIT;
        buf_printf(&a, "%s%s", nf, hash);
        for (size_t i = 0; i < S->nanchors && !target; i++)
            if (strcmp(S->anchors[i].uri, buf_str(&a)) == 0)
                target = S->anchors[i].node;
        buf_free(&a);
    }
    free(nf);
    if (!target && !S->failed)
        cfail(S, from->loc, "$ref \"%s\" points to nothing", uri);
    return target;
}

static struct schema *schema_build(json_t *doc, const char *name, const char *base, const char *dir,
                                   struct diag *d)
{
    struct schema *S = xcalloc(1, sizeof *S);
    S->doc = doc; /* consumed */
    S->name = xstrdup(name);
    S->dir = dir ? xstrdup(dir) : NULL;
    S->format_on = 1;
    S->d = d;
    add_resource(S, base, doc, "#");
    S->root = compile_node(S, doc, base, "#", 0);
    for (size_t i = 0; i < S->nnodes && !S->failed; i++)
        if (S->nodes[i]->ref_uri)
            S->nodes[i]->ref = resolve_ref(S, S->nodes[i]);
    S->d = NULL;
    if (S->failed) {
        schema_free(S);
        return NULL;
    }
    return S;
}

struct schema *schema_compile(const json_t *doc, const char *name, struct diag *d)
{
    return schema_build(json_incref((json_t *)doc), name ? name : "schema", "urn:briefing:schema",
                        NULL, d);
}

struct schema *schema_load(const char *path, struct diag *d)
{
    size_t len;
    char *text = fileio_read(path, FILEIO_MAX_INPUT, &len, d);
    json_t *doc;
    json_error_t err;
    char *real, *slash;
    struct buf base = BUF_INIT;
    struct schema *S;
    if (!text)
        return NULL;
    doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    free(text);
    if (!doc) {
        diag_set(d, diag_name(path), "schema is not valid JSON: %s", err.text);
        diag_at_line(d, err.line, err.column);
        return NULL;
    }
    real = realpath(path, NULL);
    if (!real)
        real = xstrdup(path);
    slash = strrchr(real, '/');
    buf_printf(&base, "file://%s", real);
    if (slash)
        *slash = '\0';
    S = schema_build(doc, diag_name(path), buf_str(&base), slash ? (real[0] ? real : "/") : ".", d);
    free(real);
    buf_free(&base);
    return S;
}

void schema_free(struct schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nnodes; i++)
        node_free(s->nodes[i]);
    free(s->nodes);
    for (size_t i = 0; i < s->nres; i++) {
        free(s->res[i].uri);
        free(s->res[i].label);
    }
    free(s->res);
    for (size_t i = 0; i < s->nanchors; i++)
        free(s->anchors[i].uri);
    free(s->anchors);
    for (size_t i = 0; i < s->nfiles; i++)
        json_decref(s->files[i]);
    json_decref(s->doc);
    free(s->name);
    free(s->dir);
    free(s);
}

void schema_set_format_assertion(struct schema *s, int on)
{
    if (s)
        s->format_on = on;
}

/* ================================================================ validating */

struct vref {
    const struct snode *node;
    const json_t *inst;
};

struct vctx {
    const struct schema *S;
    struct buf ptr;  /* JSON Pointer of the instance being checked */
    struct buf *out; /* message lines, NULL to count only */
    int quiet;       /* inside anyOf/oneOf/not/if/contains: no messages, stop early */
    int printed, max, total;
    int depth;
    struct vref refs[SCHEMA_MAX_DEPTH];
    int nrefs;
    const char *label; /* shown instead of the keyword (e.g. "format: date") */
};

static int report(struct vctx *c, const struct snode *n, const char *kw, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Record one violation; returns 1 (the count to add). */
static int report(struct vctx *c, const struct snode *n, const char *kw, const char *fmt, ...)
{
    va_list ap;
    char text[1024];
    if (c->quiet)
        return 1;
    c->total++;
    if (!c->out || c->printed >= c->max)
        return 1;
    c->printed++;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n->boolean == 0) /* the location is the false schema itself */
        buf_printf(c->out, "%s: %s (at %s)\n", c->ptr.len ? buf_str(&c->ptr) : "(root)", text,
                   n->loc);
    else
        buf_printf(c->out, "%s: %s (%s at %s/%s)\n", c->ptr.len ? buf_str(&c->ptr) : "(root)", text,
                   c->label ? c->label : kw, n->loc, kw);
    c->label = NULL;
    return 1;
}

static size_t ptr_push_key(struct vctx *c, const char *k, size_t kl)
{
    size_t old = c->ptr.len;
    buf_putc(&c->ptr, '/');
    ptr_escape(&c->ptr, k, kl);
    return old;
}

static size_t ptr_push_index(struct vctx *c, size_t i)
{
    /* every array item passes here: digits by hand, not buf_printf */
    char d[24];
    size_t n = 0, old = c->ptr.len;
    do {
        d[sizeof d - ++n] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    buf_putc(&c->ptr, '/');
    buf_appendn(&c->ptr, d + sizeof d - n, n);
    return old;
}

static void ptr_pop(struct vctx *c, size_t old)
{
    c->ptr.len = old;
    if (c->ptr.p)
        c->ptr.p[old] = '\0';
}

static int v_node(struct vctx *c, const struct snode *n, const json_t *inst);

/* Validate quietly: 1 when INST is valid against N. */
static int v_quiet(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int save = c->quiet, bad;
    c->quiet = 1;
    bad = v_node(c, n, inst);
    c->quiet = save;
    return bad == 0;
}

static const struct sprop *prop_find(const struct snode *n, const char *k, size_t kl)
{
    struct sprop key = {k, kl, NULL};
    return n->nprops ? bsearch(&key, n->props, n->nprops, sizeof key, prop_cmp) : NULL;
}

#define STOP_EARLY()                                                                               \
    do {                                                                                           \
        if (c->quiet && e)                                                                         \
            return e;                                                                              \
    } while (0)

static int v_object(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int e = 0;
    const char *k;
    size_t kl;
    json_t *v;
    size_t size = json_object_size(inst);

    if (n->min_props >= 0 && (long long)size < n->min_props)
        e += report(c, n, "minProperties", "expected at least %lld properties, found %zu",
                    n->min_props, size);
    if (n->max_props >= 0 && (long long)size > n->max_props)
        e += report(c, n, "maxProperties", "expected at most %lld properties, found %zu",
                    n->max_props, size);
    STOP_EARLY();
    for (size_t i = 0; n->required && i < json_array_size(n->required); i++) {
        const json_t *r = json_array_get(n->required, i);
        if (!json_object_getn(inst, json_string_value(r), json_string_length(r))) {
            struct buf full = BUF_INIT;
            size_t old = ptr_push_key(c, json_string_value(r), json_string_length(r));
            buf_append(&full, c->ptr.p);
            ptr_pop(c, old);
            e += report(c, n, "required", "required property \"%s\" is missing (expected at %s)",
                        json_string_value(r), buf_str(&full));
            buf_free(&full);
            STOP_EARLY();
        }
    }
    for (size_t i = 0; i < n->ndepreq; i++) {
        const struct sdep *dp = &n->depreq[i];
        if (!json_object_getn(inst, dp->key, dp->klen))
            continue;
        for (size_t j = 0; j < json_array_size(dp->names); j++) {
            const json_t *r = json_array_get(dp->names, j);
            if (!json_object_getn(inst, json_string_value(r), json_string_length(r)))
                e += report(c, n, "dependentRequired",
                            "property \"%s\" is required when \"%s\" is present",
                            json_string_value(r), dp->key);
            STOP_EARLY();
        }
    }
    for (size_t i = 0; i < n->ndepsch; i++)
        if (json_object_getn(inst, n->depsch[i].key, n->depsch[i].klen)) {
            e += v_node(c, n->depsch[i].s, inst);
            STOP_EARLY();
        }
    if (!n->nprops && !n->npats && !n->addl && !n->pnames)
        return e;
    json_object_keylen_foreach((json_t *)inst, k, kl, v)
    {
        const struct sprop *p = prop_find(n, k, kl);
        int matched = p != NULL;
        size_t old = ptr_push_key(c, k, kl);
        if (n->pnames) {
            json_t *name = json_stringn_nocheck(k, kl);
            if (!name)
                xalloc_die();
            if (c->quiet) {
                e += v_node(c, n->pnames, name);
            } else if (!v_quiet(c, n->pnames, name)) {
                struct buf q = BUF_INIT;
                put_quoted(&q, k, kl);
                e += report(c, n, "propertyNames",
                            "property name %s is not allowed by the "
                            "propertyNames schema",
                            buf_str(&q));
                buf_free(&q);
            }
            json_decref(name);
        }
        if (p)
            e += v_node(c, p->s, v);
        for (size_t i = 0; i < n->npats; i++)
            if (sregex_search(n->pats[i].re, k, kl)) {
                matched = 1;
                e += v_node(c, n->pats[i].s, v);
            }
        if (!matched && n->addl) {
            if (n->addl->boolean == 0) {
                struct buf q = BUF_INIT;
                put_quoted(&q, k, kl);
                e += report(c, n, "additionalProperties",
                            "property %s is not allowed here (no such property in the schema)",
                            buf_str(&q));
                buf_free(&q);
            } else {
                e += v_node(c, n->addl, v);
            }
        }
        ptr_pop(c, old);
        STOP_EARLY();
    }
    return e;
}

static int v_array(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int e = 0;
    size_t size = json_array_size(inst), a, b;
    if (n->min_items >= 0 && (long long)size < n->min_items)
        e +=
            report(c, n, "minItems", "expected at least %lld items, found %zu", n->min_items, size);
    if (n->max_items >= 0 && (long long)size > n->max_items)
        e += report(c, n, "maxItems", "expected at most %lld items, found %zu", n->max_items, size);
    STOP_EARLY();
    if (n->unique && json_find_dup(inst, &a, &b)) {
        e += report(c, n, "uniqueItems", "expected unique items, found item %zu equal to item %zu",
                    b, a);
        STOP_EARLY();
    }
    for (size_t i = 0; i < size; i++) {
        const struct snode *s = i < n->nprefix ? n->prefix[i] : n->items;
        size_t old;
        if (!s)
            continue;
        old = ptr_push_index(c, i);
        e += v_node(c, s, json_array_get(inst, i));
        ptr_pop(c, old);
        STOP_EARLY();
    }
    if (n->contains) {
        long long hits = 0;
        for (size_t i = 0; i < size; i++) {
            size_t old = ptr_push_index(c, i);
            hits += v_quiet(c, n->contains, json_array_get(inst, i));
            ptr_pop(c, old);
            if (n->max_contains < 0 && hits >= n->min_contains)
                break;
        }
        if (hits < n->min_contains)
            e += report(c, n, "contains",
                        "expected at least %lld items matching contains, "
                        "found %lld",
                        n->min_contains, hits);
        else if (n->max_contains >= 0 && hits > n->max_contains)
            e += report(c, n, "maxContains",
                        "expected at most %lld items matching contains, "
                        "found %lld",
                        n->max_contains, hits);
    }
    return e;
}

static int v_string(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int e = 0;
    const char *s = json_string_value(inst);
    size_t len = json_string_length(inst);
    struct buf q = BUF_INIT;
    /* a string has between LEN / 4 and LEN characters: count them only when
     * a bound could fail */
    if ((n->min_len >= 0 && (unsigned long long)n->min_len > len / 4) ||
        (n->max_len >= 0 && (unsigned long long)len > (unsigned long long)n->max_len)) {
        size_t cps = utf8_count(s, len);
        if (n->min_len >= 0 && (long long)cps < n->min_len)
            e += report(c, n, "minLength", "expected at least %lld characters, found %zu",
                        n->min_len, cps);
        if (n->max_len >= 0 && (long long)cps > n->max_len)
            e += report(c, n, "maxLength", "expected at most %lld characters, found %zu",
                        n->max_len, cps);
        STOP_EARLY();
    }
    if (n->pattern && !sregex_search(n->pattern, s, len)) {
        if (!c->quiet)
            put_quoted(&q, s, len);
        e += report(c, n, "pattern", "%s does not match the pattern \"%s\"", buf_str(&q),
                    n->pattern_src);
        STOP_EARLY();
    }
    if (n->format != SFORMAT_NONE && c->S->format_on && !sformat_check(n->format, s, len)) {
        buf_reset(&q);
        if (!c->quiet)
            put_quoted(&q, s, len);
        struct buf lab = BUF_INIT;
        buf_printf(&lab, "format: %s", sformat_name(n->format));
        c->label = buf_str(&lab);
        e += report(c, n, "format", "%s is not a valid %s", buf_str(&q), sformat_words(n->format));
        c->label = NULL;
        buf_free(&lab);
    }
    buf_free(&q);
    return e;
}

static int v_number(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int e = 0;
    struct buf f = BUF_INIT, l = BUF_INIT;
    const json_t *lim[4] = {n->minimum, n->maximum, n->xmin, n->xmax};
    static const char *const kw[4] = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"};
    static const char *const words[4] = {"at least", "at most", "greater than", "less than"};
    for (int k = 0; k < 4; k++) {
        int cmp, bad;
        if (!lim[k])
            continue;
        cmp = num_cmp(inst, lim[k]);
        bad = k == 0 ? cmp < 0 : k == 1 ? cmp > 0 : k == 2 ? cmp <= 0 : cmp >= 0;
        if (!bad)
            continue;
        buf_reset(&f);
        buf_reset(&l);
        if (!c->quiet) {
            put_value(&f, inst);
            put_json(&l, lim[k]);
        }
        e += report(c, n, kw[k], "expected a number %s %s, found %s", words[k], buf_str(&l),
                    buf_str(&f));
        if (c->quiet)
            break;
    }
    if (!e && n->mult && !num_multiple(inst, n->mult)) {
        buf_reset(&f);
        buf_reset(&l);
        if (!c->quiet) {
            put_value(&f, inst);
            put_json(&l, n->mult);
        }
        e += report(c, n, "multipleOf", "expected a multiple of %s, found %s", buf_str(&l),
                    buf_str(&f));
    }
    buf_free(&f);
    buf_free(&l);
    return e;
}

static int type_matches(unsigned types, const json_t *inst)
{
    switch (json_typeof(inst)) {
    case JSON_OBJECT:
        return (types & T_OBJECT) != 0;
    case JSON_ARRAY:
        return (types & T_ARRAY) != 0;
    case JSON_STRING:
        return (types & T_STRING) != 0;
    case JSON_INTEGER:
        return (types & (T_NUMBER | T_INTEGER)) != 0;
    case JSON_REAL:
        return (types & T_NUMBER) || ((types & T_INTEGER) && num_is_integer(inst));
    case JSON_TRUE:
    case JSON_FALSE:
        return (types & T_BOOLEAN) != 0;
    default:
        return (types & T_NULL) != 0;
    }
}

/* The index of the only alternative in LIST whose "type" admits INST (so
 * its own messages explain the failure best), or N when there is not
 * exactly one. */
static size_t only_candidate(struct snode *const *list, size_t n, const json_t *inst)
{
    size_t found = n;
    for (size_t i = 0; i < n; i++) {
        const struct snode *a = list[i];
        for (int hop = 0; hop < 8 && a->boolean == -1 && !a->types && a->ref; hop++)
            a = a->ref; /* {"$ref": "#/$defs/evidence"}: look at what it names */
        if (a->boolean != -1 || (a->types && !type_matches(a->types, inst)))
            continue;
        if (!a->types && !a->const_ && !a->enum_)
            return n; /* an alternative without a type: no clear candidate */
        if (found != n)
            return n;
        found = i;
    }
    return found;
}

static int v_applicators(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int e = 0;
    for (size_t i = 0; i < n->nall; i++) {
        e += v_node(c, n->all[i], inst);
        STOP_EARLY();
    }
    if (n->nany) {
        size_t i;
        for (i = 0; i < n->nany; i++)
            if (v_quiet(c, n->any[i], inst))
                break;
        if (i == n->nany && !c->quiet && (i = only_candidate(n->any, n->nany, inst)) < n->nany)
            e += v_node(c, n->any[i], inst); /* the one alternative of the right type says why */
        else if (i == n->nany)
            e += report(c, n, "anyOf", "matches none of the %zu alternatives in anyOf", n->nany);
        STOP_EARLY();
    }
    if (n->none) {
        size_t hits = 0, first = 0, second = 0;
        for (size_t i = 0; i < n->none && hits < 2; i++)
            if (v_quiet(c, n->one[i], inst)) {
                if (hits++ == 0)
                    first = i;
                else
                    second = i;
            }
        if (hits == 0 && !c->quiet && (first = only_candidate(n->one, n->none, inst)) < n->none)
            e += v_node(c, n->one[first], inst);
        else if (hits == 0)
            e += report(c, n, "oneOf",
                        "matches none of the %zu alternatives in oneOf, expected "
                        "exactly one",
                        n->none);
        else if (hits > 1)
            e += report(c, n, "oneOf",
                        "matches alternatives %zu and %zu of oneOf, expected "
                        "exactly one",
                        first, second);
        STOP_EARLY();
    }
    if (n->not_ && v_quiet(c, n->not_, inst)) {
        e += report(c, n, "not", "matches the schema in \"not\", which it must not");
        STOP_EARLY();
    }
    if (n->if_) {
        if (v_quiet(c, n->if_, inst)) {
            if (n->then_)
                e += v_node(c, n->then_, inst);
        } else if (n->else_) {
            e += v_node(c, n->else_, inst);
        }
    }
    return e;
}

static int v_node(struct vctx *c, const struct snode *n, const json_t *inst)
{
    int e = 0;
    if (n->boolean == 1)
        return 0;
    if (n->boolean == 0)
        return report(c, n, "false", "no value is allowed here (the schema is false)");
    if (++c->depth > SCHEMA_MAX_DEPTH) {
        c->depth--;
        return report(c, n, "$ref", "schema recursion deeper than %d levels", SCHEMA_MAX_DEPTH);
    }
    if (n->ref) {
        int loop = 0;
        for (int i = c->nrefs - 1; i >= 0 && c->refs[i].inst == inst && !loop; i--)
            loop = c->refs[i].node == n->ref;
        if (loop) {
            e += report(c, n, "$ref", "$ref loops back to itself without consuming the instance");
        } else {
            c->refs[c->nrefs++] = (struct vref){n->ref, inst};
            e += v_node(c, n->ref, inst);
            c->nrefs--;
        }
        if (c->quiet && e)
            goto out;
    }
    if (n->types && !type_matches(n->types, inst)) {
        struct buf t = BUF_INIT, f = BUF_INIT;
        if (!c->quiet) {
            put_types(&t, n->types);
            put_value(&f, inst);
        }
        e += report(c, n, "type", "expected %s, found %s", buf_str(&t), buf_str(&f));
        buf_free(&t);
        buf_free(&f);
        goto out; /* the other keywords would only repeat the type mismatch */
    }
    if (n->const_ && !json_eq(n->const_, inst)) {
        struct buf t = BUF_INIT, f = BUF_INIT;
        if (!c->quiet) {
            put_json(&t, n->const_);
            put_value(&f, inst);
        }
        e += report(c, n, "const", "expected %s, found %s", buf_str(&t), buf_str(&f));
        buf_free(&t);
        buf_free(&f);
        if (c->quiet)
            goto out;
    }
    if (n->enum_) {
        size_t i;
        for (i = 0; i < json_array_size(n->enum_); i++)
            if (json_eq(json_array_get(n->enum_, i), inst))
                break;
        if (i == json_array_size(n->enum_)) {
            struct buf t = BUF_INIT, f = BUF_INIT;
            if (!c->quiet) {
                put_json(&t, n->enum_);
                put_value(&f, inst);
            }
            e += report(c, n, "enum", "expected one of %s, found %s", buf_str(&t), buf_str(&f));
            buf_free(&t);
            buf_free(&f);
            if (c->quiet)
                goto out;
        }
    }
    switch (json_typeof(inst)) {
    case JSON_OBJECT:
        e += v_object(c, n, inst);
        break;
    case JSON_ARRAY:
        e += v_array(c, n, inst);
        break;
    case JSON_STRING:
        e += v_string(c, n, inst);
        break;
    case JSON_INTEGER:
    case JSON_REAL:
        e += v_number(c, n, inst);
        break;
    default:
        break;
    }
    if (c->quiet && e)
        goto out;
    e += v_applicators(c, n, inst);
out:
    c->depth--;
    return e;
}

/* ================================================================ public */

char *schema_errors(const struct schema *s, const json_t *inst, int max, int *count)
{
    struct vctx *c = xcalloc(1, sizeof *c);
    struct buf out = BUF_INIT;
    int n;
    c->S = s;
    c->out = &out;
    c->max = max > 0 ? max : SCHEMA_DEFAULT_MAX;
    buf_putc(&c->ptr, '\0');
    ptr_pop(c, 0);
    n = v_node(c, s->root, inst);
    if (n > 0 && c->total > c->printed)
        buf_printf(&out, "(and %d more violations)\n", c->total - c->printed);
    buf_free(&c->ptr);
    free(c);
    if (count)
        *count = n;
    if (n == 0) {
        buf_free(&out);
        return NULL;
    }
    return buf_take(&out);
}

int schema_validate(const struct schema *s, const json_t *inst, FILE *out, const char *prefix,
                    int max)
{
    int count = 0;
    char *lines = schema_errors(s, inst, max, &count);
    if (lines && out) {
        char *line = lines, *nl;
        while ((nl = strchr(line, '\n'))) {
            *nl = '\0';
            if (prefix)
                fprintf(out, "%s: %s\n", prefix, line);
            else
                fprintf(out, "%s\n", line);
            line = nl + 1;
        }
    }
    free(lines);
    return count;
}

/* ---------------------------------------------------------------- cache */

#define SCHEMA_CACHE_MAX 16

static struct {
    char *name;
    struct schema *s;
} schema_cache[SCHEMA_CACHE_MAX];

static struct schema *schema_cached(const char *name, struct diag *d)
{
    struct buf rel = BUF_INIT;
    char *path;
    struct schema *s;
    int i;
    for (i = 0; i < SCHEMA_CACHE_MAX && schema_cache[i].name; i++)
        if (strcmp(schema_cache[i].name, name) == 0)
            return schema_cache[i].s;
    buf_printf(&rel, "schemas/%s.schema.json", name);
    path = datadir_find(buf_str(&rel), d);
    buf_free(&rel);
    if (!path)
        return NULL;
    s = schema_load(path, d);
    free(path);
    if (s && i < SCHEMA_CACHE_MAX) {
        schema_cache[i].name = xstrdup(name);
        schema_cache[i].s = s;
    }
    return s;
}

int schema_check(const char *name, const json_t *doc, const char *file, struct diag *d)
{
    struct schema *s = schema_cached(name, d);
    char *lines, *line, *nl, *first_end;
    int count = 0;
    struct buf msg = BUF_INIT;
    const char *prog = d->prog ? d->prog : "briefing";
    if (!s)
        return -1;
    lines = schema_errors(s, doc, SCHEMA_DEFAULT_MAX, &count);
    if (!lines)
        return 0;
    /* diag_print prefixes the first line with "prog: file: "; the later
     * lines get the same prefix here, so each violation is one full line */
    first_end = strchr(lines, '\n');
    if (first_end)
        *first_end = '\0';
    buf_append(&msg, lines);
    line = first_end ? first_end + 1 : NULL;
    while (line && (nl = strchr(line, '\n'))) {
        size_t need;
        *nl = '\0';
        need = strlen(prog) + strlen(diag_name(file)) + strlen(line) + 64;
        if (msg.len + need >= DIAG_MAX_TEXT - 48) {
            buf_printf(&msg, "\n%s: %s: (more violations not shown; %d in all)", prog,
                       diag_name(file), count);
            break;
        }
        buf_printf(&msg, "\n%s: %s: %s", prog, diag_name(file), line);
        line = nl + 1;
    }
    diag_set(d, diag_name(file), "%s", buf_str(&msg));
    buf_free(&msg);
    free(lines);
    return -1;
}

void schema_cache_free(void)
{
    for (int i = 0; i < SCHEMA_CACHE_MAX && schema_cache[i].name; i++) {
        free(schema_cache[i].name);
        schema_free(schema_cache[i].s);
        schema_cache[i].name = NULL;
        schema_cache[i].s = NULL;
    }
}
