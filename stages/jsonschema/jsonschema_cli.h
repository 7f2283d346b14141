/* jsonschema_cli.h - the jsonschema command: validate JSON files against a
 * JSON Schema (draft 2020-12) with the shared validator (common/schema.h). */
#ifndef JSONSCHEMA_CLI_H
#define JSONSCHEMA_CLI_H

#include <stdio.h>

#include "diag.h"

enum { JSONSCHEMA_ARGS_OK, JSONSCHEMA_ARGS_HELP, JSONSCHEMA_ARGS_VERSION, JSONSCHEMA_ARGS_BAD };

struct jsonschema_opts {
    const char *schema; /* schema file (borrowed from argv) */
    char **instances;   /* instance files, "-" for stdin (borrowed) */
    int ninstances;
    int format;     /* assert "format" (default 1; --no-format: 0) */
    int max_errors; /* violations shown per instance (0: default) */
    char bad[256];  /* what was wrong with the command line */
};

/* Parse ARGV into O. Returns one of JSONSCHEMA_ARGS_*; for _BAD, O->bad
 * says why. */
int jsonschema_parse_args(int argc, char **argv, struct jsonschema_opts *o);

void jsonschema_usage(FILE *out);

/* Validate every instance. Violations (one line each, "file: /pointer:
 * message (keyword at #/schema/location)") and unreadable instances go to
 * ERR. Returns RC_OK when all are valid, RC_DATA when any is not or cannot
 * be read, RC_USAGE with D filled when the schema cannot be loaded. */
int jsonschema_run(const struct jsonschema_opts *o, FILE *err, struct diag *d);

#endif
