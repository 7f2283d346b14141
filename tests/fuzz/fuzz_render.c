/* fuzz_render.c - the layout/render path on a fuzzed comparison document.
 * As in the stage, only a document that validates against the comparison
 * schema is rendered; the PDF must come back non-empty and start with
 * "%PDF-". Render is slow per input, so inputs above 64 KB are skipped. */
#include <jansson.h>
#include <stdint.h>

#include "diag.h"
#include "fuzz_util.h"
#include "jsonio.h"
#include "render.h"
#include "schema.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_render");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag d = {.prog = "fuzz_render"};
    struct render_opts o;
    json_t *doc;
    unsigned char *pdf;
    size_t len = 0;
    if (size > 65536)
        return 0;
    diag_clear(&d);
    doc = jsonio_loadb((const char *)data, size, "fuzz.json", &d);
    if (!doc)
        return 0;
    diag_clear(&d);
    if (schema_check("comparison", doc, "fuzz.json", &d) != 0) {
        json_decref(doc);
        return 0;
    }
    memset(&o, 0, sizeof o);
    o.in = "fuzz.json";
    o.out = "fuzz.pdf";
    o.a4 = size & 1;
    o.epoch = 0;
    diag_clear(&d);
    pdf = render_document(doc, "fuzz.json", &o, &len, &d);
    if (pdf)
        FUZZ_CHECK(len > 5 && memcmp(pdf, "%PDF-", 5) == 0);
    else
        FUZZ_CHECK(d.set);
    free(pdf);
    json_decref(doc);
    return 0;
}
