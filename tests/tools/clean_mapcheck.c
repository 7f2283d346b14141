/* clean_mapcheck.c - test harness: load every block of each clean JSON file
 * through the reader's offmap rules (offmap_from_block) and print one line
 * per block the later stages would reject. Exit 1 when there is any.
 *   clean_mapcheck FILE.json...  */
#include <stdio.h>

#include "diag.h"
#include "jsonio.h"
#include "offmap.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    int bad = 0;
    xalloc_init("clean_mapcheck");
    if (argc < 2) {
        fprintf(stderr, "usage: clean_mapcheck FILE.json...\n");
        return RC_USAGE;
    }
    for (int a = 1; a < argc; a++) {
        struct diag d = {.prog = "clean_mapcheck"};
        json_t *doc, *blocks, *blk;
        size_t i;
        diag_clear(&d);
        if (!(doc = jsonio_load(argv[a], &d))) {
            diag_print(&d, stderr);
            bad++;
            continue;
        }
        blocks = json_object_get(doc, "blocks");
        if (!json_is_array(blocks)) {
            printf("%s: no blocks array\n", argv[a]);
            bad++;
        }
        json_array_foreach(blocks, i, blk)
        {
            struct offmap m;
            diag_clear(&d);
            if (offmap_from_block(&m, blk, &d) != 0) {
                printf("%s: block %zu: %s\n", argv[a], i, d.msg);
                bad++;
                continue;
            }
            offmap_free(&m);
        }
        json_decref(doc);
    }
    return bad ? RC_DATA : RC_OK;
}
