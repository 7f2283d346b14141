/* compare_cli.c - the compare command line. */
#include "compare.h"

#include <stdio.h>
#include <string.h>

void compare_usage(FILE *out)
{
    fputs("usage: compare [-o FILE] [--csv DIR] [--failed TSV] MEETING_JSON...\n"
          "\n"
          "Compare meeting records (schemas/meeting.schema.json) and write the\n"
          "comparison (schemas/comparison.schema.json).\n"
          "\n"
          "  -o FILE        write the comparison to FILE atomically (default stdout)\n"
          "  --csv DIR      also write DIR/topic_matrix.csv and DIR/at_a_glance.csv\n"
          "  --failed TSV   documents that failed earlier stages, one\n"
          "                 \"file<TAB>reason\" per line, listed in the comparison\n"
          "  --help         print this help\n"
          "  --version      print the version\n"
          "\n"
          "Exit status: 0 done, 1 bad data or unreadable/unwritable file, 2 usage.\n",
          out);
}

/* An option that takes a value: "-o FILE", "--csv=DIR" or "--csv DIR". */
static int compare_optval(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (!strcmp(argv[*i], name)) {
        if (*i + 1 >= argc)
            return -1;
        *val = argv[++*i];
        return 1;
    }
    if (name[1] == '-' && !strncmp(argv[*i], name, n) && argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return 1;
    }
    return 0;
}

enum compare_args compare_parse_args(int argc, char **argv, struct compare_opts *o, struct diag *d)
{
    static const char *const names[] = {"-o", "--output", "--csv", "--failed"};
    int i, dashdash = 0;
    memset(o, 0, sizeof *o);
    o->inputs = argv + argc; /* filled in place below */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int handled = 0;
        if (!dashdash && !strcmp(a, "--")) {
            dashdash = 1;
            continue;
        }
        if (!dashdash && a[0] == '-' && a[1] != '\0') {
            if (!strcmp(a, "--help") || !strcmp(a, "-h"))
                return COMPARE_ARGS_HELP;
            if (!strcmp(a, "--version"))
                return COMPARE_ARGS_VERSION;
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                const char *val = NULL;
                int r = compare_optval(argc, argv, &i, names[k], &val);
                if (r < 0) {
                    diag_set(d, NULL, "option %s: expected a value, found the end of the arguments",
                             names[k]);
                    return COMPARE_ARGS_BAD;
                }
                if (r > 0) {
                    if (!*val) {
                        diag_set(d, NULL, "option %s: expected a value, found \"\"", names[k]);
                        return COMPARE_ARGS_BAD;
                    }
                    if (k <= 1)
                        o->out = val;
                    else if (k == 2)
                        o->csv_dir = val;
                    else
                        o->failed = val;
                    handled = 1;
                    break;
                }
            }
            if (!handled) {
                diag_set(d, NULL,
                         "expected an option or a meeting file, found unknown option \"%s\"", a);
                return COMPARE_ARGS_BAD;
            }
            continue;
        }
        /* compact the inputs to the front of the argument list's tail */
        argv[1 + o->ninputs] = argv[i];
        o->ninputs++;
    }
    o->inputs = argv + 1;
    if (o->ninputs == 0) {
        diag_set(d, NULL, "expected at least one MEETING_JSON, found none");
        return COMPARE_ARGS_BAD;
    }
    return COMPARE_ARGS_OK;
}
