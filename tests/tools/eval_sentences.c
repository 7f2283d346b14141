/* eval_sentences.c - score sentence_split on a sentence-boundary yardstick
 * (a JSON array of {"id", "text", "sentences"}; see
 * ../shared/eval/sentences/README.md): a case passes when the trimmed
 * sentences equal the expected list exactly.
 * Usage: eval_sentences FILE.json [-v] [--clean]. With --clean each case's
 * text first goes through sentence_clean_text() (PDF mode when its
 * "doc_type" is "pdf"), except cases marked "clean": false, as Pragmatic
 * Segmenter's spec runs with its cleaner on by default; the sentences are then
 * compared with spans of the cleaned text. Prints "# case ID: ..." lines for
 * failures with -v, "verbatim N of M" (the cases whose expected sentences
 * all occur verbatim in the text, i.e. that need no cleaning: a segmenter
 * that returns spans can only pass those) and a last line "passed N of M".
 * Exit 0, or 1/2 on unreadable input / usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../stages/extract/sentence.h"
#include "diag.h"
#include "jsonio.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    struct diag d = {.prog = "eval_sentences"};
    json_t *doc, *c;
    size_t idx, pass = 0, total = 0, vpass = 0, vtotal = 0;
    int verbose = 0, clean = 0;

    xalloc_init("eval_sentences");
    for (int a = 2; a < argc; a++) {
        if (strcmp(argv[a], "-v") == 0) {
            verbose = 1;
        } else if (strcmp(argv[a], "--clean") == 0) {
            clean = 1;
        } else {
            argc = 0;
            break;
        }
    }
    if (argc < 2) {
        fprintf(stderr, "usage: eval_sentences FILE.json [-v] [--clean]\n");
        return RC_USAGE;
    }
    doc = jsonio_load(argv[1], &d);
    if (!doc || !json_is_array(doc)) {
        if (!d.set)
            diag_set(&d, argv[1], "expected a JSON array of cases");
        diag_print(&d, stderr);
        json_decref(doc);
        return RC_DATA;
    }
    json_array_foreach(doc, idx, c)
    {
        json_t *text = json_object_get(c, "text"), *want = json_object_get(c, "sentences");
        struct sent_span *sp = NULL;
        const char *tx;
        char *cleaned = NULL;
        size_t n, tlen;
        int ok;
        if (!json_is_string(text) || !json_is_array(want))
            continue;
        total++;
        tx = json_string_value(text);
        tlen = json_string_length(text);
        if (clean && !json_is_false(json_object_get(c, "clean"))) {
            const char *dt = json_string_value(json_object_get(c, "doc_type"));
            cleaned = sentence_clean_text(tx, tlen, dt && strcmp(dt, "pdf") == 0, &tlen);
            tx = cleaned;
        }
        n = sentence_split(tx, tlen, &sp);
        ok = n == json_array_size(want);
        for (size_t k = 0; ok && k < n; k++) {
            json_t *w = json_array_get(want, k);
            const char *ws = json_string_value(w);
            size_t wl = json_string_length(w);
            while (wl && (ws[0] == ' ' || ws[0] == '\n' || ws[0] == '\t')) {
                ws++;
                wl--;
            }
            while (wl && (ws[wl - 1] == ' ' || ws[wl - 1] == '\n' || ws[wl - 1] == '\t'))
                wl--;
            ok = sp[k].end - sp[k].start == wl && memcmp(tx + sp[k].start, ws, wl) == 0;
        }
        {
            int verbatim = 1;
            for (size_t k = 0; k < json_array_size(want); k++) {
                const char *ws = json_string_value(json_array_get(want, k));
                while (ws && (*ws == ' ' || *ws == '\n' || *ws == '\t'))
                    ws++;
                if (!ws || !strstr(json_string_value(text), ws))
                    verbatim = 0;
            }
            vtotal += (size_t)verbatim;
            vpass += (size_t)(verbatim && ok);
        }
        if (ok) {
            pass++;
        } else if (verbose) {
            printf("# case %lld failed: got %zu sentences, want %zu\n",
                   (long long)jsonio_int(c, "id", -1), n, json_array_size(want));
            for (size_t k = 0; k < n; k++)
                printf("#   got  [%.*s]\n", (int)(sp[k].end - sp[k].start), tx + sp[k].start);
            for (size_t k = 0; k < json_array_size(want); k++)
                printf("#   want [%s]\n", json_string_value(json_array_get(want, k)));
        }
        free(sp);
        free(cleaned);
    }
    json_decref(doc);
    printf("verbatim %zu of %zu\n", vpass, vtotal);
    printf("passed %zu of %zu\n", pass, total);
    return diag_close_stdout("eval_sentences", RC_OK);
}
