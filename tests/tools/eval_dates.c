/* eval_dates.c - score dates_normalize on the DATE-type cases of the
 * TempEval-3 platinum timexes (see ../shared/eval/dates/README.md): each
 * `text` normalised against `dct` must equal `value` exactly.
 * Usage: eval_dates FILE.json [-v]. Prints "exact N of M" (and every miss
 * with -v). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../stages/extract/dates.h"
#include "diag.h"
#include "jsonio.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct diag d = {.prog = "eval_dates"};
    json_t *doc, *c;
    size_t idx, exact = 0, total = 0;
    int verbose = argc > 2 && strcmp(argv[2], "-v") == 0;

    xalloc_init("eval_dates");
    if (argc < 2) {
        fprintf(stderr, "usage: eval_dates FILE.json [-v]\n");
        return RC_USAGE;
    }
    doc = jsonio_load(argv[1], &d);
    if (!doc || !json_is_array(doc)) {
        if (!d.set)
            diag_set(&d, argv[1], "expected a JSON array of timexes");
        diag_print(&d, stderr);
        json_decref(doc);
        return RC_DATA;
    }
    json_array_foreach(doc, idx, c)
    {
        const char *type = jsonio_str(c, "type"), *text = jsonio_str(c, "text");
        const char *dct = jsonio_str(c, "dct"), *want = jsonio_str(c, "value");
        struct date_val ref;
        char got[64] = "";
        if (!type || strcmp(type, "DATE") != 0 || !text || !dct || !want)
            continue;
        total++;
        if (date_parse_iso(dct, &ref) != 0 || dates_normalize(text, &ref, got, sizeof got) != 0)
            got[0] = '\0';
        if (strcmp(got, want) == 0)
            exact++;
        else if (verbose)
            printf("# miss: dct %s text \"%s\": want %s, got %s\n", dct, text, want,
                   got[0] ? got : "(none)");
    }
    json_decref(doc);
    printf("exact %zu of %zu\n", exact, total);
    return diag_close_stdout("eval_dates", RC_OK);
}
