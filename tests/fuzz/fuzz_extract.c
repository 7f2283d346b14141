/* fuzz_extract.c - the extract stage on a clean document.
 *
 * Two modes, chosen by the first byte:
 *   even: the rest is a clean JSON document, given to extract_record as the
 *         stage would (it validates its input and its output);
 *   odd:  the rest is page text; each line becomes a block (the first the
 *         title, lines starting with '#' headings, '[' captions) with exact
 *         offsets, so the fuzzer reaches the sentence, date and name logic
 *         without having to discover the schema first.
 * The record, when one is made, must validate against the meeting schema. */
#include <jansson.h>
#include <stdint.h>

#include "diag.h"
#include "extract.h"
#include "fuzz_util.h"
#include "jsonio.h"
#include "schema.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct xdata fuzz_data;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct diag d = {.prog = "fuzz_extract"};
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_extract");
    diag_clear(&d);
    if (xdata_load(&fuzz_data, &d) != 0)
        abort();
    return 0;
}

/* A clean document whose blocks are the lines of TEXT. */
static json_t *fuzz_clean_doc(const char *text, size_t len)
{
    json_t *blocks = json_array(), *doc;
    size_t i = 0, nb = 0;
    while (i < len) {
        size_t j = i;
        const char *kind = "paragraph";
        while (j < len && text[j] != '\n')
            j++;
        if (j > i) {
            json_t *text_v = jsonio_stringn(text + i, j - i);
            if (nb == 0)
                kind = "title";
            else if (text[i] == '#')
                kind = "heading";
            else if (text[i] == '[')
                kind = "caption";
            /* Only blocks that are verbatim UTF-8 copies keep exact offsets. */
            if (strlen(json_string_value(text_v)) == j - i &&
                memcmp(json_string_value(text_v), text + i, j - i) == 0) {
                json_array_append_new(blocks,
                                      json_pack("{s:s,s:o,s:I,s:I}", "kind", kind, "text", text_v,
                                                "start", (json_int_t)i, "end", (json_int_t)j));
                nb++;
            } else {
                json_decref(text_v);
            }
        }
        i = j + 1;
    }
    doc = json_pack("{s:s,s:{s:s,s:s,s:I,s:s,s:I},s:{s:n,s:n,s:s,s:n,s:n},s:o,s:{s:I,s:I}}",
                    "format", "briefing-clean/1", "source", "file", "fuzz.txt", "sha256",
                    "0000000000000000000000000000000000000000000000000000000000000000", "bytes",
                    (json_int_t)len, "encoding", "UTF-8", "replacements", (json_int_t)0, "meta",
                    "title", "publisher", "published", "2024-05-02", "published_text", "byline",
                    "blocks", blocks, "dropped", "blocks", (json_int_t)0, "bytes", (json_int_t)0);
    return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag d = {.prog = "fuzz_extract"};
    json_t *clean, *rec;
    int mode = size > 0 ? data[0] & 1 : 0;
    if (size > 0) {
        data++;
        size--;
    }
    diag_clear(&d);
    if (mode == 0)
        clean = jsonio_loadb((const char *)data, size, "fuzz.json", &d);
    else
        clean = fuzz_clean_doc((const char *)data, size);
    if (!clean)
        return 0;
    diag_clear(&d);
    rec = extract_record(clean, "fuzz.json", NULL, &fuzz_data, &d);
    if (rec) {
        struct diag d2 = {.prog = "fuzz_extract"};
        diag_clear(&d2);
        FUZZ_CHECK(schema_check("meeting", rec, "record", &d2) == 0);
    } else {
        FUZZ_CHECK(d.set);
    }
    json_decref(rec);
    json_decref(clean);
    return 0;
}
