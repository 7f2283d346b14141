/* fuzz_clean.c - the clean stage's decoder and cleaner on arbitrary bytes:
 * clean_document (encoding detection or a forced encoding, with and without
 * replacement), the schema check the stage runs, and the --text rendering.
 * Every block's offsets must lie inside the input and its map must load.
 * The first byte picks the encoding and the replace flag. */
#include <jansson.h>
#include <stdint.h>

#include "clean.h"
#include "diag.h"
#include "fuzz_util.h"
#include "jsonio.h"
#include "offmap.h"
#include "schema.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct clean_lex fuzz_lex;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct diag d = {.prog = "fuzz_clean"};
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_clean");
    diag_clear(&d);
    if (clean_lex_load(&fuzz_lex, &d) != 0)
        abort(); /* the harness cannot run without the data files */
    return 0;
}

static void fuzz_check_blocks(const json_t *doc, size_t size)
{
    const json_t *blocks = json_object_get(doc, "blocks"), *b;
    size_t i;
    FUZZ_CHECK(json_is_array(blocks));
    json_array_foreach(blocks, i, b)
    {
        struct offmap m;
        struct diag d = {.prog = "fuzz_clean"};
        json_int_t start = jsonio_int(b, "start", -1), end = jsonio_int(b, "end", -1);
        diag_clear(&d);
        FUZZ_CHECK(start >= 0 && start <= end && (size_t)end <= size);
        memset(&m, 0, sizeof m);
        FUZZ_CHECK(offmap_from_block(&m, b, &d) == 0);
        FUZZ_CHECK(offmap_src(&m, 0, 0) == (size_t)start);
        FUZZ_CHECK(offmap_src(&m, m.text_len, 1) == (size_t)end);
        offmap_free(&m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encodings[] = {NULL,    "UTF-8",        "UTF-16LE",   "UTF-16BE",
                                            "CP949", "WINDOWS-1252", "ISO-8859-1", "UTF-32LE"};
    struct diag d = {.prog = "fuzz_clean"};
    const char *enc = NULL;
    int replace = 1;
    json_t *doc;
    if (size > 0) {
        /* Mostly detection with replacement, the way the CLI runs. */
        unsigned sel = data[0];
        if (sel >= 0xC0) {
            enc = encodings[sel % 8];
            replace = (sel >> 3) & 1;
        }
        data++;
        size--;
    }
    diag_clear(&d);
    doc = clean_document((const char *)data, size, "fuzz.txt", enc, replace, &fuzz_lex, &d);
    if (!doc) {
        FUZZ_CHECK(d.set);
        return 0;
    }
    fuzz_check_blocks(doc, size);
    diag_clear(&d);
    if (schema_check("clean", doc, "fuzz.txt", &d) == 0) {
        char *t = clean_text_render(doc);
        free(t);
    }
    json_decref(doc);
    return 0;
}
