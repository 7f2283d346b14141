/* jsonio.c - loading and writing JSON documents with jansson. */
#include "jsonio.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "utf8.h"
#include "xalloc.h"

json_t *jsonio_loadb(const char *text, size_t len, const char *name, struct diag *d)
{
    json_error_t err;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
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

char *jsonio_dumps(const json_t *doc)
{
    char *s = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10) | JSON_ENCODE_ANY);
    size_t n;
    if (!s)
        xalloc_die();
    n = strlen(s);
    s = xrealloc(s, n + 2);
    s[n] = '\n';
    s[n + 1] = '\0';
    return s;
}

int jsonio_write(const char *path, const json_t *doc, struct diag *d)
{
    char *s = jsonio_dumps(doc);
    int rc = fileio_write_atomic(path, s, strlen(s), d);
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
