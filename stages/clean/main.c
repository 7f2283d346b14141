/* main.c - clean: page text in, the clean document (or --text body) out. */
#include <stdio.h>

#include "clean_cli.h"
#include "diag.h"
#include "fileio.h"
#include "schema.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct clean_opts o;
    struct diag d = {.prog = "clean"};
    int rc, args;
    xalloc_init("clean");
    fileio_install_signal_cleanup();
    diag_clear(&d);
    args = clean_parse_args(argc, argv, &o);
    if (args == CLEAN_ARGS_HELP) {
        clean_usage(stdout);
        clean_opts_free(&o);
        return diag_close_stdout("clean", RC_OK);
    }
    if (args == CLEAN_ARGS_VERSION) {
        puts("clean " BRIEFING_VERSION);
        clean_opts_free(&o);
        return diag_close_stdout("clean", RC_OK);
    }
    if (args == CLEAN_ARGS_BAD) {
        fprintf(stderr, "clean: %s\nclean: try 'clean --help'\n", o.bad);
        clean_opts_free(&o);
        return RC_USAGE;
    }
    rc = clean_run(&o, &d);
    if (rc != RC_OK)
        diag_print(&d, stderr);
    clean_opts_free(&o);
    schema_cache_free();
    return diag_close_stdout("clean", rc);
}
