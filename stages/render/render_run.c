/* render_run.c - the render stage's command line and top-level run. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "jsonio.h"
#include "render.h"
#include "schema.h"
#include "xalloc.h"

void render_usage(FILE *out)
{
    fputs("usage: render COMPARISON_JSON -o PDF [--paper letter|a4]\n"
          "\n"
          "Lay out the comparison of alliance meetings (compare's output) as a PDF\n"
          "briefing: key findings, at-a-glance table, topic coverage, timeline, what\n"
          "changed, meeting profiles, glossary, sources and method, evidence notes.\n"
          "\n"
          "  -o, --output PDF   write the briefing here (atomically); required\n"
          "  --paper SIZE       letter (default) or a4\n"
          "  -h, --help         show this help\n"
          "  --version          show the version\n"
          "\n"
          "COMPARISON_JSON may be - for standard input.\n"
          "Environment: SOURCE_DATE_EPOCH fixes the briefing date and makes the PDF\n"
          "byte-identical across runs; BRIEFING_RENDER_BOXES=FILE dumps the layout boxes.\n"
          "Exit status: 0 done, 1 bad data or file error, 2 usage error.\n",
          out);
}

static long long render_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;
    if (!s || !*s)
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL)
        return -2;
    return v;
}

int render_parse_args(int argc, char **argv, struct render_opts *o, struct diag *d)
{
    int only_files = 0;
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (!only_files && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            return RENDER_ARGS_HELP;
        } else if (!only_files && strcmp(a, "--version") == 0) {
            return RENDER_ARGS_VERSION;
        } else if (!only_files && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (++i >= argc)
                return diag_set(d, NULL, "%s: expected a file name after it", a), RENDER_ARGS_BAD;
            o->out = argv[i];
        } else if (!only_files && strncmp(a, "--output=", 9) == 0) {
            o->out = a + 9;
        } else if (!only_files && (strcmp(a, "--paper") == 0 || strncmp(a, "--paper=", 8) == 0)) {
            const char *v = a[7] == '=' ? a + 8 : (++i < argc ? argv[i] : NULL);
            if (v && strcmp(v, "a4") == 0)
                o->a4 = 1;
            else if (v && strcmp(v, "letter") == 0)
                o->a4 = 0;
            else
                return diag_set(d, NULL, "--paper: expected letter or a4, found %s",
                                v ? v : "nothing"),
                       RENDER_ARGS_BAD;
        } else if (!only_files && a[0] == '-' && a[1] != '\0') {
            return diag_set(d, NULL, "expected an option or a file, found unknown option %s", a),
                   RENDER_ARGS_BAD;
        } else if (!o->in) {
            o->in = a;
        } else {
            return diag_set(d, NULL, "expected one comparison file, found a second: %s", a),
                   RENDER_ARGS_BAD;
        }
    }
    if (!o->in)
        return diag_set(d, NULL, "expected a comparison JSON file"), RENDER_ARGS_BAD;
    if (!o->out || !*o->out)
        return diag_set(d, NULL, "expected -o PDF (the briefing is binary: no stdout)"),
               RENDER_ARGS_BAD;
    o->epoch = render_epoch();
    if (o->epoch == -2)
        return diag_set(d, NULL, "SOURCE_DATE_EPOCH: expected seconds since 1970, found %s",
                        getenv("SOURCE_DATE_EPOCH")),
               RENDER_ARGS_BAD;
    o->boxes = getenv("BRIEFING_RENDER_BOXES");
    if (o->boxes && !*o->boxes)
        o->boxes = NULL;
    return RENDER_ARGS_RUN;
}

int render_run(const struct render_opts *o, struct diag *d)
{
    json_t *doc = jsonio_load(o->in, d);
    unsigned char *pdf;
    size_t len = 0;
    int rc;
    if (!doc)
        return -1;
    if (schema_check("comparison", doc, diag_name(o->in), d) != 0) {
        json_decref(doc);
        return -1;
    }
    pdf = render_document(doc, diag_name(o->in), o, &len, d);
    json_decref(doc);
    if (!pdf)
        return -1;
    rc = fileio_write_atomic(o->out, pdf, len, d);
    free(pdf);
    return rc;
}
