/* schema.h - JSON Schema (draft 2020-12) validation on top of jansson.
 *
 * Every stage validates what it reads and what it writes:
 *     if (schema_check("meeting", record, out_name, &d) != 0) goto out;
 * looks up schemas/meeting.schema.json (datadir_find), compiles it once per
 * process, validates, and on failure fills D with every violation (up to a
 * limit), one per line, each naming the JSON Pointer, the keyword and what
 * was expected and found.
 */
#ifndef COMMON_SCHEMA_H
#define COMMON_SCHEMA_H

#include <jansson.h>
#include <stdio.h>

#include "diag.h"

struct schema;

/* Compile the schema document DOC (borrowed; the schema keeps its own
 * reference). NAME names it in messages. NULL with D filled when the schema
 * is invalid or uses a keyword this validator does not implement. */
struct schema *schema_compile(const json_t *doc, const char *name, struct diag *d);

/* Load and compile a schema file. Sibling schema files in the same folder
 * can be referenced by relative path or $id. */
struct schema *schema_load(const char *path, struct diag *d);

void schema_free(struct schema *s);

/* When non-zero, "format" asserts (date, date-time, ...); default on. */
void schema_set_format_assertion(struct schema *s, int on);

/* Validate INST. Returns the number of violations (0 = valid). When OUT is
 * non-NULL each violation is printed to it as one line:
 *     PREFIX: /pointer: message (keyword at #/schema/location/keyword)
 * PREFIX may be NULL. At most MAX violations are printed (0 = default 50).
 * The pointer of the document root is shown as "(root)"; the keyword's
 * schema location is "#/json/pointer" in the main schema file and
 * "file.json#/..." in a referenced sibling file. */
int schema_validate(const struct schema *s, const json_t *inst, FILE *out, const char *prefix,
                    int max);

/* The same violations as schema_validate, one per line, as a heap string
 * (caller frees); NULL when INST is valid. *COUNT (may be NULL) gets the
 * number of violations found (all of them, not only the MAX shown). */
char *schema_errors(const struct schema *s, const json_t *inst, int max, int *count);

/* Validate DOC against schemas/NAME.schema.json. 0 when valid; -1 with D
 * filled (file FILE, all violations in the message) when not, or when the
 * schema cannot be loaded. The compiled schema is cached for the process. */
int schema_check(const char *name, const json_t *doc, const char *file, struct diag *d);

/* Free the cache used by schema_check (call before exit for clean valgrind). */
void schema_cache_free(void);

#endif
