/* eval_acronyms.c - score acronym_find on MED1250 (see
 * ../shared/eval/acronyms/README.md): per record, the multiset of exact
 * (sf, lf) pairs found in the title and the abstract against the gold pairs.
 * Usage: eval_acronyms FILE.json [-v]. Prints "tp N fp N fn N" and
 * "precision P recall R" (and every miss with -v). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../stages/extract/acronym.h"
#include "buf.h"
#include "diag.h"
#include "jsonio.h"
#include "xalloc.h"

/* Append "sf\x1flf" strings for the definitions in S to LIST. */
static void found_pairs(const char *s, json_t *list)
{
    struct acro_def *defs = NULL;
    size_t n = acronym_find(s, strlen(s), &defs);
    for (size_t k = 0; k < n; k++) {
        struct buf b = BUF_INIT;
        buf_appendn(&b, s + defs[k].sf_start, defs[k].sf_end - defs[k].sf_start);
        buf_putc(&b, '\x1f');
        buf_appendn(&b, s + defs[k].lf_start, defs[k].lf_end - defs[k].lf_start);
        json_array_append_new(list, json_string(buf_str(&b)));
        buf_free(&b);
    }
    free(defs);
}

int main(int argc, char **argv)
{
    struct diag d = {.prog = "eval_acronyms"};
    json_t *doc, *rec;
    size_t idx, tp = 0, fp = 0, fn = 0;
    int verbose = argc > 2 && strcmp(argv[2], "-v") == 0;

    xalloc_init("eval_acronyms");
    if (argc < 2) {
        fprintf(stderr, "usage: eval_acronyms FILE.json [-v]\n");
        return RC_USAGE;
    }
    doc = jsonio_load(argv[1], &d);
    if (!doc || !json_is_array(doc)) {
        if (!d.set)
            diag_set(&d, argv[1], "expected a JSON array of records");
        diag_print(&d, stderr);
        json_decref(doc);
        return RC_DATA;
    }
    json_array_foreach(doc, idx, rec)
    {
        json_t *got = json_array(), *gold = json_array(), *p;
        size_t k;
        const char *title = jsonio_str(rec, "title"), *abs = jsonio_str(rec, "abstract");
        if (title)
            found_pairs(title, got);
        if (abs)
            found_pairs(abs, got);
        json_array_foreach(json_object_get(rec, "pairs"), k, p)
        {
            struct buf b = BUF_INIT;
            buf_printf(&b, "%s\x1f%s", jsonio_str(p, "sf") ? jsonio_str(p, "sf") : "",
                       jsonio_str(p, "lf") ? jsonio_str(p, "lf") : "");
            json_array_append_new(gold, json_string(buf_str(&b)));
            buf_free(&b);
        }
        /* multiset intersection */
        for (size_t g = 0; g < json_array_size(gold); g++) {
            const char *gs = json_string_value(json_array_get(gold, g));
            size_t hit = (size_t)-1;
            for (size_t f = 0; f < json_array_size(got); f++)
                if (strcmp(gs, json_string_value(json_array_get(got, f))) == 0) {
                    hit = f;
                    break;
                }
            if (hit != (size_t)-1) {
                tp++;
                json_array_remove(got, hit);
            } else {
                fn++;
                if (verbose)
                    printf("# FN %s: %s\n", jsonio_str(rec, "id"), gs);
            }
        }
        fp += json_array_size(got);
        if (verbose)
            for (size_t f = 0; f < json_array_size(got); f++)
                printf("# FP %s: %s\n", jsonio_str(rec, "id"),
                       json_string_value(json_array_get(got, f)));
        json_decref(got);
        json_decref(gold);
    }
    json_decref(doc);
    printf("tp %zu fp %zu fn %zu\n", tp, fp, fn);
    printf("precision %.4f recall %.4f\n", tp + fp ? (double)tp / (double)(tp + fp) : 0.0,
           tp + fn ? (double)tp / (double)(tp + fn) : 0.0);
    return diag_close_stdout("eval_acronyms", RC_OK);
}
