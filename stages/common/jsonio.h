/* jsonio.h - loading and writing JSON documents with jansson. */
#ifndef COMMON_JSONIO_H
#define COMMON_JSONIO_H

#include <jansson.h>

#include "diag.h"

/* Largest JSON document a stage reads. */
#define JSONIO_MAX_INPUT (256u * 1024u * 1024u)

/* Load PATH ("-" for stdin). On a syntax error D names the line and column.
 * Returns a new reference (caller decrefs) or NULL with D filled. */
json_t *jsonio_load(const char *path, struct diag *d);

/* Parse LEN bytes of TEXT; NAME is used in messages. */
json_t *jsonio_loadb(const char *text, size_t len, const char *name, struct diag *d);

/* Serialise deterministically (insertion order, 2-space indent, trailing
 * newline): the bytes of json_dumps(JSON_INDENT(2) | JSON_REAL_PRECISION(10)
 * | JSON_ENCODE_ANY) plus "\n", written without jansson's dumper. Returns a
 * heap string (caller frees); jsonio_dumpsn also gives its length. */
char *jsonio_dumps(const json_t *doc);
char *jsonio_dumpsn(const json_t *doc, size_t *len);

/* Write DOC to PATH atomically ("-" or NULL: stdout). 0 or -1 with D. */
int jsonio_write(const char *path, const json_t *doc, struct diag *d);

/* Small getters: NULL / 0 when the member is missing or of another type. */
const char *jsonio_str(const json_t *obj, const char *key);
json_int_t jsonio_int(const json_t *obj, const char *key, json_int_t dflt);

/* json_string() that never returns NULL: invalid UTF-8 is repaired with
 * U+FFFD; S NULL gives json_null(). */
json_t *jsonio_string(const char *s);
json_t *jsonio_stringn(const char *s, size_t len);

#endif
