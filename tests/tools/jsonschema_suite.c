/* jsonschema_suite - run JSON Schema Test Suite files through our validator.
 *
 *     jsonschema_suite [-v] FILE.json ...
 *
 * Prints one line per file, "FILE passed N failed N skipped N", with one
 * "#   fail: ..." line per failing case when -v is given, then a total line.
 * Groups whose schema refers to the official meta-schema (a remote
 * document) are skipped and counted as skipped. Format assertion is on.
 * Exit 0 when the files could be read, 2 otherwise (the rate is judged by
 * tests/suites/jsonschema.sh).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "schema.h"
#include "xalloc.h"

#define REMOTE_PREFIX "https://json-schema.org/"

/* 1 when some "$ref" in J points at the remote meta-schema. */
static int needs_remote(const json_t *j)
{
    const char *k;
    json_t *v;
    size_t i;
    if (json_is_array(j)) {
        json_array_foreach(j, i, v) if (needs_remote(v)) return 1;
        return 0;
    }
    if (!json_is_object(j))
        return 0;
    json_object_foreach((json_t *)j, k, v)
    {
        if (strcmp(k, "$ref") == 0 && json_is_string(v) &&
            strncmp(json_string_value(v), REMOTE_PREFIX, strlen(REMOTE_PREFIX)) == 0)
            return 1;
        if (needs_remote(v))
            return 1;
    }
    return 0;
}

static int run_file(const char *path, int verbose, int *tp, int *tf, int *ts)
{
    json_error_t err;
    json_t *doc = json_load_file(path, JSON_ALLOW_NUL, &err);
    int pass = 0, fail = 0, skip = 0;
    size_t gi, ti;
    json_t *group, *test;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!doc || !json_is_array(doc)) {
        fprintf(stderr, "jsonschema_suite: %s: cannot read: %s\n", path,
                doc ? "not an array" : err.text);
        json_decref(doc);
        return -1;
    }
    json_array_foreach(doc, gi, group)
    {
        const json_t *schema = json_object_get(group, "schema");
        const json_t *tests = json_object_get(group, "tests");
        const char *gdesc = json_string_value(json_object_get(group, "description"));
        struct diag d = {.prog = "jsonschema_suite"};
        struct schema *s;
        if (needs_remote(schema)) {
            skip += (int)json_array_size(tests);
            continue;
        }
        diag_clear(&d);
        s = schema_compile(schema, "suite", &d);
        if (s)
            schema_set_format_assertion(s, 1);
        json_array_foreach(tests, ti, test)
        {
            const char *tdesc = json_string_value(json_object_get(test, "description"));
            int want = json_is_true(json_object_get(test, "valid"));
            int got;
            if (!s) {
                fail++;
                if (verbose)
                    printf("#   fail: %s: %s: %s: schema refused: %s\n", base, gdesc, tdesc, d.msg);
                continue;
            }
            got = schema_validate(s, json_object_get(test, "data"), NULL, NULL, 0) == 0;
            if (got == want) {
                pass++;
            } else {
                fail++;
                if (verbose)
                    printf("#   fail: %s: %s: %s: expected %s\n", base, gdesc, tdesc,
                           want ? "valid" : "invalid");
            }
        }
        schema_free(s);
    }
    json_decref(doc);
    printf("%s passed %d failed %d skipped %d\n", base, pass, fail, skip);
    *tp += pass;
    *tf += fail;
    *ts += skip;
    return 0;
}

int main(int argc, char **argv)
{
    int verbose = 0, pass = 0, fail = 0, skip = 0, rc = RC_OK;
    xalloc_init("jsonschema_suite");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
            continue;
        }
        if (run_file(argv[i], verbose, &pass, &fail, &skip) != 0)
            rc = RC_USAGE;
    }
    printf("total passed %d failed %d skipped %d\n", pass, fail, skip);
    return diag_close_stdout("jsonschema_suite", rc);
}
