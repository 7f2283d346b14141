/* clean_cli.c - the clean command line and one run over its inputs. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "clean_cli.h"
#include "fileio.h"
#include "jsonio.h"
#include "schema.h"
#include "xalloc.h"

void clean_usage(FILE *out)
{
    fputs("usage: clean [--text] [--encoding NAME] [--replace] [--no-sync] [-o FILE] FILE|-\n"
          "       clean [--text] [--encoding NAME] [--replace] [--no-sync] -O DIR FILE...\n"
          "\n"
          "Turn a saved web page text into the clean document (JSON, see\n"
          "schemas/clean.schema.json): the article's blocks with byte offsets into\n"
          "the input, and the page's title, publisher and publication date.\n"
          "\n"
          "  --text           print the article body instead: title, headings and\n"
          "                   paragraphs, one blank line between blocks\n"
          "  --encoding NAME  decode the input as NAME (any iconv name) instead of\n"
          "                   detecting UTF-8/16/32, CP949 or Windows-1252\n"
          "  --replace        substitute U+FFFD for invalid byte sequences (counted in\n"
          "                   source.replacements) instead of failing\n"
          "  --no-sync        do not fsync each output before renaming it into place\n"
          "                   (still atomic; the caller syncs, as run.sh does)\n"
          "  -o FILE          write to FILE atomically (default: stdout)\n"
          "  -O DIR           batch: write DIR/<stem>.json (.txt with --text) per input;\n"
          "                   a bad input is reported and the others still run\n"
          "  --help, --version\n"
          "\n"
          "Exit status: 0 done, 1 bad data or unreadable/unwritable file, 2 usage.\n",
          out);
}

int clean_parse_args(int argc, char **argv, struct clean_opts *o)
{
    int i, only_files = 0;
    memset(o, 0, sizeof *o);
    o->files = xcalloc((size_t)argc + 1, sizeof *o->files);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0)
            only_files = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return CLEAN_ARGS_HELP;
        else if (strcmp(a, "--version") == 0)
            return CLEAN_ARGS_VERSION;
        else if (strcmp(a, "--text") == 0)
            o->text = 1;
        else if (strcmp(a, "--replace") == 0)
            o->replace = 1;
        else if (strcmp(a, "--no-sync") == 0)
            fileio_fsync = 0;
        else if ((strcmp(a, "--encoding") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "-O") == 0) &&
                 i + 1 < argc) {
            const char *v = argv[++i];
            if (a[1] == 'o')
                o->out = v;
            else if (a[1] == 'O')
                o->outdir = v;
            else
                o->encoding = v;
        } else if (strncmp(a, "--encoding=", 11) == 0)
            o->encoding = a + 11;
        else {
            snprintf(o->bad, sizeof o->bad, "unknown option or missing value: %s", a);
            return CLEAN_ARGS_BAD;
        }
    }
    if (o->encoding && !o->encoding[0]) {
        snprintf(o->bad, sizeof o->bad, "--encoding needs a name");
        return CLEAN_ARGS_BAD;
    }
    if (o->encoding) {
        iconv_t cd = iconv_open("UTF-8", o->encoding);
        if (cd == (iconv_t)-1) {
            snprintf(o->bad, sizeof o->bad,
                     "--encoding: expected an encoding name iconv knows (see iconv -l), "
                     "found \"%.100s\"",
                     o->encoding);
            return CLEAN_ARGS_BAD;
        }
        iconv_close(cd);
    }
    if (o->nfiles == 0) {
        snprintf(o->bad, sizeof o->bad, "expected an input FILE or -");
        return CLEAN_ARGS_BAD;
    }
    if (o->out && o->outdir) {
        snprintf(o->bad, sizeof o->bad, "-o and -O exclude each other");
        return CLEAN_ARGS_BAD;
    }
    if (!o->outdir && o->nfiles > 1) {
        snprintf(o->bad, sizeof o->bad, "several inputs need -O DIR");
        return CLEAN_ARGS_BAD;
    }
    return CLEAN_ARGS_OK;
}

void clean_opts_free(struct clean_opts *o)
{
    free(o->files);
    o->files = NULL;
}

/* Clean one input and write it to OUT. 0 or -1 with D filled. */
static int clean_one(const struct clean_opts *o, const struct clean_lex *lx, const char *in,
                     const char *out, struct diag *d)
{
    size_t len;
    char *src = fileio_read(in, FILEIO_MAX_INPUT, &len, d);
    json_t *doc;
    int rc = -1;
    if (!src)
        return -1;
    doc = clean_document(src, len, fileio_basename(in), o->encoding, o->replace, lx, d);
    free(src); /* before the output is built: the input may be large */
    if (!doc)
        snprintf(d->file, sizeof d->file, "%s", diag_name(in));
    if (doc) {
        json_int_t reps = jsonio_int(json_object_get(doc, "source"), "replacements", 0);
        if (reps > 0)
            diag_warn(d->prog, diag_name(in), "%lld invalid byte sequence%s replaced by U+FFFD",
                      (long long)reps, reps == 1 ? "" : "s");
    }
    if (doc && schema_check("clean", doc, diag_name(in), d) == 0) {
        if (o->text) {
            char *t = clean_text_render(doc);
            rc = fileio_write_atomic(out, t, strlen(t), d);
            free(t);
        } else {
            rc = jsonio_write(out, doc, d);
        }
    }
    json_decref(doc);
    return rc;
}

int clean_run(const struct clean_opts *o, struct diag *d)
{
    struct clean_lex lx;
    int failed = 0;
    if (clean_lex_load(&lx, d) != 0)
        return RC_DATA;
    if (!o->outdir) {
        int rc = clean_one(o, &lx, o->files[0], o->out, d) == 0 ? RC_OK : RC_DATA;
        clean_lex_free(&lx);
        return rc;
    }
    if (fileio_mkdir(o->outdir, d) != 0) {
        clean_lex_free(&lx);
        return RC_DATA;
    }
    for (size_t i = 0; i < o->nfiles; i++) {
        struct diag one = {.prog = d->prog};
        char *stem = strcmp(o->files[i], "-") == 0 ? xstrdup("stdin") : fileio_stem(o->files[i]);
        char *name = xmalloc(strlen(stem) + 6);
        char *path;
        diag_clear(&one);
        snprintf(name, strlen(stem) + 6, "%s.%s", stem, o->text ? "txt" : "json");
        path = fileio_join(o->outdir, name);
        if (clean_one(o, &lx, o->files[i], path, &one) != 0) {
            diag_print(&one, stderr);
            failed++;
        }
        free(path);
        free(name);
        free(stem);
    }
    clean_lex_free(&lx);
    if (failed) {
        diag_set(d, NULL, "%d of %zu inputs failed", failed, o->nfiles);
        return RC_DATA;
    }
    return RC_OK;
}
