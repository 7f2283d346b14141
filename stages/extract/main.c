/* main.c - extract: clean JSON in, meeting record JSON out.
 *
 *   extract [--published YYYY-MM-DD] [-o FILE] CLEAN_JSON|-
 *   extract [--published YYYY-MM-DD] -O DIR CLEAN_JSON...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "extract.h"
#include "fileio.h"
#include "jsonio.h"
#include "schema.h"
#include "xalloc.h"

enum { ARGS_OK, ARGS_HELP, ARGS_VERSION, ARGS_BAD };

struct extract_opts {
    const char *published;
    const char *out;    /* -o FILE */
    const char *outdir; /* -O DIR */
    char **inputs;
    int ninputs;
};

static void extract_usage(FILE *f)
{
    fputs("usage: extract [--published YYYY-MM-DD] [--no-sync] [-o FILE] CLEAN_JSON|-\n"
          "       extract [--published YYYY-MM-DD] [--no-sync] -O DIR CLEAN_JSON...\n"
          "Turn a clean document (schemas/clean.schema.json) into a meeting record\n"
          "(schemas/meeting.schema.json).\n"
          "  --published DATE  publication date for relative dates (overrides meta.published)\n"
          "  --no-sync         do not fsync each output before renaming it into place\n"
          "                    (still atomic; the caller syncs, as run.sh does)\n"
          "  -o FILE           write the record to FILE atomically (default: stdout)\n"
          "  -O DIR            write DIR/<stem>.json for each input; continue past bad ones\n"
          "  --help, --version\n"
          "Exit status: 0 done, 1 bad data or I/O error, 2 usage error.\n",
          f);
}

static int extract_parse_args(int argc, char **argv, struct extract_opts *o)
{
    int i, only_files = 0;
    memset(o, 0, sizeof *o);
    o->inputs = xcalloc((size_t)argc, sizeof *o->inputs);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            o->inputs[o->ninputs++] = argv[i];
        } else if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            return ARGS_HELP;
        } else if (!strcmp(a, "--version")) {
            return ARGS_VERSION;
        } else if (!strcmp(a, "--published") && i + 1 < argc) {
            o->published = argv[++i];
        } else if (!strncmp(a, "--published=", 12)) {
            o->published = a + 12;
        } else if (!strcmp(a, "--no-sync")) {
            fileio_fsync = 0;
        } else if (!strcmp(a, "-o") && i + 1 < argc) {
            o->out = argv[++i];
        } else if (!strcmp(a, "-O") && i + 1 < argc) {
            o->outdir = argv[++i];
        } else {
            fprintf(stderr, "extract: unknown or incomplete option '%s'\n", a);
            return ARGS_BAD;
        }
    }
    if (o->ninputs == 0) {
        fprintf(stderr, "extract: expected a clean JSON file (or -), found none\n");
        return ARGS_BAD;
    }
    if (o->out && o->outdir) {
        fprintf(stderr, "extract: -o and -O cannot be combined\n");
        return ARGS_BAD;
    }
    if (!o->outdir && o->ninputs > 1) {
        fprintf(stderr, "extract: several inputs need -O DIR\n");
        return ARGS_BAD;
    }
    if (o->published) {
        struct date_val v;
        if (date_parse_iso(o->published, &v) != 0) {
            fprintf(stderr, "extract: --published: expected a date YYYY-MM-DD, found \"%s\"\n",
                    o->published);
            return ARGS_BAD;
        }
    }
    return ARGS_OK;
}

/* One input to one output; 0 or -1 with D filled. */
static int extract_one(const char *in, const char *out, const struct extract_opts *o,
                       const struct xdata *data, struct diag *d)
{
    const char *name = diag_name(in);
    json_t *clean = jsonio_load(in, d), *rec;
    int rc;
    if (!clean)
        return -1;
    rec = extract_record(clean, name, o->published, data, d);
    json_decref(clean);
    if (!rec)
        return -1;
    rc = jsonio_write(out, rec, d);
    json_decref(rec);
    return rc;
}

int main(int argc, char **argv)
{
    struct extract_opts o;
    struct diag d = {.prog = "extract"};
    struct xdata data;
    int rc = RC_DATA, args, loaded = 0;

    xalloc_init("extract");
    fileio_install_signal_cleanup();
    diag_clear(&d);
    args = extract_parse_args(argc, argv, &o);
    if (args == ARGS_HELP || args == ARGS_VERSION) {
        if (args == ARGS_HELP)
            extract_usage(stdout);
        else
            puts("extract " BRIEFING_VERSION);
        free(o.inputs);
        return diag_close_stdout("extract", RC_OK);
    }
    if (args == ARGS_BAD) {
        fprintf(stderr, "extract: try 'extract --help'\n");
        free(o.inputs);
        return RC_USAGE;
    }
    if (xdata_load(&data, &d) != 0)
        goto out;
    loaded = 1;
    if (!o.outdir) {
        if (extract_one(o.inputs[0], o.out, &o, &data, &d) != 0)
            goto out;
        rc = RC_OK;
        goto out;
    }
    if (fileio_mkdir(o.outdir, &d) != 0)
        goto out;
    rc = RC_OK;
    for (int i = 0; i < o.ninputs; i++) {
        char *stem = fileio_stem(fileio_basename(o.inputs[i])), *path;
        size_t sl = strlen(stem);
        char *fn = xmalloc(sl + 6);
        memcpy(fn, stem, sl);
        memcpy(fn + sl, ".json", 6);
        path = fileio_join(o.outdir, fn);
        diag_clear(&d);
        if (extract_one(o.inputs[i], path, &o, &data, &d) != 0) {
            diag_print(&d, stderr);
            rc = RC_DATA;
        }
        free(stem);
        free(fn);
        free(path);
    }
    diag_clear(&d);
out:
    if (rc != RC_OK && d.set)
        diag_print(&d, stderr);
    if (loaded)
        xdata_free(&data);
    schema_cache_free();
    free(o.inputs);
    return diag_close_stdout("extract", rc);
}
