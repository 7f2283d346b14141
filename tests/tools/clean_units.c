/* clean_units.c - test harness: print the clean stage's units of FILE, one per
 * line, with kind, value, words, stopwords and flags, for tuning and for
 * checking classification by eye:  clean_units FILE */
#include <stdio.h>
#include <stdlib.h>

#include "../../stages/clean/clean.h"
#include "fileio.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct diag d = {.prog = "clean_units"};
    struct clean_lex lx;
    struct clean_decoded dec;
    struct clean_page pg;
    size_t len;
    char *src;
    xalloc_init("clean_units");
    diag_clear(&d);
    if (argc != 2) {
        fprintf(stderr, "usage: clean_units FILE\n");
        return RC_USAGE;
    }
    if (clean_lex_load(&lx, &d) != 0 || !(src = fileio_read(argv[1], FILEIO_MAX_INPUT, &len, &d))) {
        diag_print(&d, stderr);
        return RC_DATA;
    }
    if (clean_decode(src, len, NULL, 1, &dec, &d) != 0) {
        diag_print(&d, stderr);
        free(src);
        clean_lex_free(&lx);
        return RC_DATA;
    }
    clean_blocks(&dec, &lx, &pg);
    for (size_t i = 0; i < pg.n; i++) {
        const struct clean_unit *u = &pg.u[i];
        printf("%4zu %-10.10s %7.1f w%-3zu s%-3zu %c%c%c%c%c | %.100s\n", i,
               clean_kind_name(u->kind), u->score, u->words, u->stops, u->end_punct ? 'P' : '.',
               u->chrome ? 'C' : '.', u->brk ? 'B' : '.', u->dup_of >= 0 ? 'D' : '.',
               u->blank_before ? '_' : '.', u->text);
    }
    clean_page_free(&pg);
    clean_decoded_free(&dec);
    clean_lex_free(&lx);
    free(src);
    return 0;
}
