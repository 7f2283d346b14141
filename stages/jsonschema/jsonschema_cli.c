/* jsonschema_cli.c - the jsonschema command (see jsonschema_cli.h). */
#include "jsonschema_cli.h"

#include <stdlib.h>
#include <string.h>

#include "jsonio.h"
#include "schema.h"

void jsonschema_usage(FILE *out)
{
    fputs("usage: jsonschema [--no-format] [--max-errors N] SCHEMA INSTANCE...\n"
          "Validate each INSTANCE (a JSON file, - for stdin) against the JSON Schema\n"
          "(draft 2020-12) in SCHEMA. Sibling schema files are found by relative $ref.\n"
          "\n"
          "  --no-format      treat \"format\" as an annotation (default: assert it)\n"
          "  --max-errors N   show at most N violations per instance (default 50)\n"
          "  --help           show this help\n"
          "  --version        show the version\n"
          "\n"
          "Exit status: 0 all instances valid, 1 some instance invalid or unreadable,\n"
          "2 usage error or unreadable / invalid schema.\n",
          out);
}

int jsonschema_parse_args(int argc, char **argv, struct jsonschema_opts *o)
{
    int i, opts = 1;
    memset(o, 0, sizeof *o);
    o->format = 1;
    o->instances = argv; /* compacted in place below */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts && strcmp(a, "--") == 0) {
            opts = 0;
        } else if (opts && strcmp(a, "--help") == 0) {
            return JSONSCHEMA_ARGS_HELP;
        } else if (opts && strcmp(a, "--version") == 0) {
            return JSONSCHEMA_ARGS_VERSION;
        } else if (opts && strcmp(a, "--no-format") == 0) {
            o->format = 0;
        } else if (opts && strcmp(a, "--max-errors") == 0) {
            char *end;
            long n;
            if (i + 1 >= argc) {
                snprintf(o->bad, sizeof o->bad, "--max-errors needs a number");
                return JSONSCHEMA_ARGS_BAD;
            }
            n = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || n < 1 || n > 100000) {
                snprintf(o->bad, sizeof o->bad,
                         "--max-errors: expected 1 to 100000, found \"%.64s\"", argv[i]);
                return JSONSCHEMA_ARGS_BAD;
            }
            o->max_errors = (int)n;
        } else if (opts && a[0] == '-' && a[1] != '\0') {
            snprintf(o->bad, sizeof o->bad, "unknown option \"%.64s\"", a);
            return JSONSCHEMA_ARGS_BAD;
        } else if (!o->schema) {
            o->schema = a;
        } else {
            o->instances[o->ninstances++] = argv[i];
        }
    }
    if (!o->schema || o->ninstances == 0) {
        snprintf(o->bad, sizeof o->bad, "expected a schema and at least one instance");
        return JSONSCHEMA_ARGS_BAD;
    }
    return JSONSCHEMA_ARGS_OK;
}

int jsonschema_run(const struct jsonschema_opts *o, FILE *err, struct diag *d)
{
    struct schema *s = schema_load(o->schema, d);
    int rc = RC_OK;
    if (!s)
        return RC_USAGE;
    schema_set_format_assertion(s, o->format);
    for (int i = 0; i < o->ninstances; i++) {
        struct diag id = {.prog = d->prog};
        json_t *inst;
        diag_clear(&id);
        inst = jsonio_load(o->instances[i], &id);
        if (!inst) {
            diag_print(&id, err);
            rc = RC_DATA;
            continue;
        }
        if (schema_validate(s, inst, err, diag_name(o->instances[i]), o->max_errors) > 0)
            rc = RC_DATA;
        json_decref(inst);
    }
    schema_free(s);
    return rc;
}
