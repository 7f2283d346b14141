/* fuzz_schema.c - the JSON Schema validator.
 *
 * The input is a schema and an instance separated by the first NUL byte
 * (no NUL: the whole input is the instance). The first byte chooses:
 *   < 0xC0: schema_compile + schema_validate on the fuzzed pair
 *   else:   the instance against one of the project schemas (clean,
 *           meeting, comparison), the way every stage checks its input.
 * Violations are printed to a memory stream (exercising the message code)
 * that is thrown away. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "fuzz_util.h"
#include "jsonio.h"
#include "schema.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_schema");
    return 0;
}

static void fuzz_validate(const struct schema *s, const json_t *inst)
{
    char *mem = NULL;
    size_t memlen = 0;
    FILE *out = open_memstream(&mem, &memlen);
    int n = schema_validate(s, inst, out, "fuzz", 0);
    FUZZ_CHECK(n >= 0);
    if (out)
        fclose(out);
    free(mem);
    FUZZ_CHECK(schema_validate(s, inst, NULL, NULL, 0) == n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"clean", "meeting", "comparison"};
    struct diag d = {.prog = "fuzz_schema"};
    const char *text = (const char *)data, *nul;
    int mode;
    json_t *sdoc = NULL, *inst = NULL;
    if (size == 0)
        return 0;
    mode = data[0];
    text++;
    size--;
    diag_clear(&d);
    if (mode >= 0xC0) {
        inst = jsonio_loadb(text, size, "fuzz.json", &d);
        if (inst) {
            diag_clear(&d);
            if (schema_check(names[mode % 3], inst, "fuzz.json", &d) != 0)
                FUZZ_CHECK(d.set);
        }
        json_decref(inst);
        return 0;
    }
    nul = memchr(text, '\0', size);
    if (nul) {
        size_t slen = (size_t)(nul - text);
        sdoc = json_loadb(text, slen, JSON_DECODE_ANY, NULL);
        inst = json_loadb(nul + 1, size - slen - 1, JSON_DECODE_ANY, NULL);
    } else {
        sdoc = json_pack("{s:s}", "type", "object");
        inst = json_loadb(text, size, JSON_DECODE_ANY, NULL);
    }
    if (sdoc && inst) {
        struct schema *s = schema_compile(sdoc, "fuzz.schema.json", &d);
        if (s) {
            fuzz_validate(s, inst);
            schema_set_format_assertion(s, 0);
            fuzz_validate(s, inst);
            schema_free(s);
        } else {
            FUZZ_CHECK(d.set);
        }
    }
    json_decref(sdoc);
    json_decref(inst);
    return 0;
}
