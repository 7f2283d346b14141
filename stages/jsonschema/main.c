/* main.c - jsonschema: validate JSON files against a JSON Schema. */
#include <stdio.h>

#include "diag.h"
#include "fileio.h"
#include "jsonschema_cli.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct jsonschema_opts o;
    struct diag d = {.prog = "jsonschema"};
    int rc, args;
    xalloc_init("jsonschema");
    fileio_install_signal_cleanup();
    diag_clear(&d);
    args = jsonschema_parse_args(argc, argv, &o);
    if (args == JSONSCHEMA_ARGS_HELP) {
        jsonschema_usage(stdout);
        return diag_close_stdout("jsonschema", RC_OK);
    }
    if (args == JSONSCHEMA_ARGS_VERSION) {
        puts("jsonschema " BRIEFING_VERSION);
        return diag_close_stdout("jsonschema", RC_OK);
    }
    if (args == JSONSCHEMA_ARGS_BAD) {
        fprintf(stderr, "jsonschema: %s\njsonschema: try 'jsonschema --help'\n", o.bad);
        return RC_USAGE;
    }
    rc = jsonschema_run(&o, stderr, &d);
    if (rc == RC_USAGE)
        diag_print(&d, stderr);
    return diag_close_stdout("jsonschema", rc);
}
