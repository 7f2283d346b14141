/* main.c - render: comparison JSON -> PDF briefing. */
#include <stdio.h>

#include "diag.h"
#include "fileio.h"
#include "render.h"
#include "schema.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct render_opts o;
    struct diag d = {.prog = "render"};
    int rc = RC_DATA, args;
    xalloc_init("render");
    fileio_install_signal_cleanup();
    args = render_parse_args(argc, argv, &o, &d);
    if (args == RENDER_ARGS_HELP) {
        render_usage(stdout);
        return diag_close_stdout("render", RC_OK);
    }
    if (args == RENDER_ARGS_VERSION) {
        puts("render " BRIEFING_VERSION);
        return diag_close_stdout("render", RC_OK);
    }
    if (args == RENDER_ARGS_BAD) {
        diag_print(&d, stderr);
        fprintf(stderr, "render: try 'render --help'\n");
        return RC_USAGE;
    }
    if (render_run(&o, &d) == 0)
        rc = RC_OK;
    if (rc != RC_OK)
        diag_print(&d, stderr);
    schema_cache_free();
    return diag_close_stdout("render", rc);
}
