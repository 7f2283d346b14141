/* clean_cli.h - the clean command line. */
#ifndef CLEAN_CLEAN_CLI_H
#define CLEAN_CLEAN_CLI_H

#include <stdio.h>

#include "clean.h"

enum { CLEAN_ARGS_OK, CLEAN_ARGS_HELP, CLEAN_ARGS_VERSION, CLEAN_ARGS_BAD };

struct clean_opts {
    int text, replace;
    const char *encoding; /* NULL: detect */
    const char *out;      /* -o FILE, NULL: stdout */
    const char *outdir;   /* -O DIR */
    const char **files;   /* inputs (heap array of borrowed argv strings) */
    size_t nfiles;
    char bad[256]; /* why the command line was refused */
};

void clean_usage(FILE *out);
/* Parse ARGV into O (free with clean_opts_free). Returns a CLEAN_ARGS_* value. */
int clean_parse_args(int argc, char **argv, struct clean_opts *o);
void clean_opts_free(struct clean_opts *o);
/* Clean every input. RC_OK, or RC_DATA with D filled (in batch mode each bad
 * input was already printed to stderr and D sums them up). */
int clean_run(const struct clean_opts *o, struct diag *d);

#endif
