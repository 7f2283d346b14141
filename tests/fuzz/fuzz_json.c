/* fuzz_json.c - jsonio_loadb, offmap_from_block and offmap_src on fuzzed
 * JSON: a document of blocks (or one block) with text, start, end and map.
 * Also differential: whatever the fast reader (jsonread.c) takes, jansson's
 * json_loadb must read as the same value. */
#include <jansson.h>
#include <stdint.h>

#include "diag.h"
#include "fuzz_util.h"
#include "jsonio.h"
#include "jsonread.h"
#include "offmap.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_json");
    return 0;
}

static void fuzz_block(const json_t *block)
{
    struct offmap m;
    struct diag d = {.prog = "fuzz_json"};
    diag_clear(&d);
    memset(&m, 0, sizeof m);
    if (offmap_from_block(&m, block, &d) == 0) {
        size_t prev = 0;
        /* Offsets map monotonically into [start, end]. */
        for (size_t t = 0; t <= m.text_len && t < 4096; t++) {
            size_t s0 = offmap_src(&m, t, 0), s1 = offmap_src(&m, t, 1);
            FUZZ_CHECK(s0 <= s1 && s1 <= m.src_end);
            FUZZ_CHECK(s0 >= prev);
            prev = s0;
        }
        json_decref(offmap_to_json(&m));
    } else {
        FUZZ_CHECK(d.set);
    }
    offmap_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag d = {.prog = "fuzz_json"};
    json_t *doc, *blocks, *b;
    size_t i;
    char *dump;
    diag_clear(&d);
    {
        json_t *fast = jsonread_fast((const char *)data, size), *ref;
        if (fast) {
            char *fa, *fb;
            ref = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                             NULL);
            FUZZ_CHECK(ref != NULL);
            fa = jsonio_dumps(fast);
            fb = jsonio_dumps(ref);
            FUZZ_CHECK(strcmp(fa, fb) == 0 && json_equal(fast, ref));
            free(fa);
            free(fb);
            json_decref(ref);
            json_decref(fast);
        }
    }
    doc = jsonio_loadb((const char *)data, size, "fuzz.json", &d);
    if (!doc) {
        FUZZ_CHECK(d.set);
        return 0;
    }
    dump = jsonio_dumps(doc);
    free(dump);
    blocks = json_object_get(doc, "blocks");
    if (json_is_array(blocks)) {
        json_array_foreach(blocks, i, b) fuzz_block(b);
    } else {
        fuzz_block(doc);
    }
    json_decref(doc);
    return 0;
}
