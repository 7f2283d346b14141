/* render.h - the render stage: comparison JSON -> PDF briefing. */
#ifndef RENDER_H
#define RENDER_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"

enum render_args {
    RENDER_ARGS_RUN = 0,
    RENDER_ARGS_HELP = 1,
    RENDER_ARGS_VERSION = 2,
    RENDER_ARGS_BAD = -1
};

struct render_opts {
    const char *in;    /* comparison JSON path ("-" = stdin) */
    const char *out;   /* PDF path */
    int a4;            /* non-zero: A4 paper, else US Letter */
    const char *boxes; /* when set: dump the layout boxes here (BRIEFING_RENDER_BOXES) */
    long long epoch;   /* SOURCE_DATE_EPOCH, or -1 for "now" */
};

/* Parse the command line into O. On RENDER_ARGS_BAD, D holds the reason. */
int render_parse_args(int argc, char **argv, struct render_opts *o, struct diag *d);
void render_usage(FILE *out);

/* Render the comparison document DOC (borrowed; NAME names it in messages)
 * into PDF bytes. Returns a heap buffer (caller frees; *LEN its size) or NULL
 * with D filled. */
unsigned char *render_document(const json_t *doc, const char *name, const struct render_opts *o,
                               size_t *len, struct diag *d);

/* The whole stage: read, validate, render, write atomically. 0 or -1. */
int render_run(const struct render_opts *o, struct diag *d);

#endif
