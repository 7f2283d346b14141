/* main.c - compare: meeting records -> comparison.json. */
#include <stdio.h>

#include "compare.h"
#include "diag.h"
#include "fileio.h"
#include "jsonio.h"
#include "schema.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct compare_opts o;
    struct diag d = {.prog = "compare"};
    json_t *doc = NULL;
    int rc = RC_DATA;
    enum compare_args args;

    xalloc_init("compare");
    fileio_install_signal_cleanup();
    diag_clear(&d);
    args = compare_parse_args(argc, argv, &o, &d);
    if (args == COMPARE_ARGS_HELP) {
        compare_usage(stdout);
        return diag_close_stdout("compare", RC_OK);
    }
    if (args == COMPARE_ARGS_VERSION) {
        puts("compare " BRIEFING_VERSION);
        return diag_close_stdout("compare", RC_OK);
    }
    if (args == COMPARE_ARGS_BAD) {
        diag_print(&d, stderr);
        fprintf(stderr, "compare: try 'compare --help'\n");
        return RC_USAGE;
    }
    doc = compare_run(&o, &d);
    if (!doc)
        goto out;
    if (o.csv_dir && compare_csv_write(doc, o.csv_dir, &d) != 0)
        goto out;
    if (jsonio_write(o.out, doc, &d) != 0)
        goto out;
    rc = RC_OK;
out:
    if (rc != RC_OK)
        diag_print(&d, stderr);
    json_decref(doc);
    schema_cache_free();
    return diag_close_stdout("compare", rc);
}
