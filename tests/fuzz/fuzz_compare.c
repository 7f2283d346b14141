/* fuzz_compare.c - the compare stage on fuzzed meeting records.
 *
 * The input holds up to 4 meeting records separated by NUL bytes; each is
 * written to a file in a private temp folder (compare reads files) and
 * compare_run merges them as the stage does: it validates every record and
 * its output. A comparison it returns must validate against the comparison
 * schema and, when every record was accepted, list one source per file. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "compare.h"
#include "diag.h"
#include "fuzz_util.h"
#include "schema.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_RECORDS 4

static char fuzz_dir[64];
static char fuzz_paths[FUZZ_MAX_RECORDS][96];

static void fuzz_cleanup(void)
{
    for (int i = 0; i < FUZZ_MAX_RECORDS; i++)
        unlink(fuzz_paths[i]);
    rmdir(fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_compare");
    snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/fuzz_compare.XXXXXX");
    if (!mkdtemp(fuzz_dir))
        abort();
    for (int i = 0; i < FUZZ_MAX_RECORDS; i++)
        snprintf(fuzz_paths[i], sizeof fuzz_paths[i], "%s/r%d.json", fuzz_dir, i);
    atexit(fuzz_cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct compare_opts o;
    struct diag d = {.prog = "fuzz_compare"};
    char *inputs[FUZZ_MAX_RECORDS];
    size_t n = 0, at = 0;
    json_t *doc;
    while (n < FUZZ_MAX_RECORDS && at <= size) {
        const uint8_t *nul = memchr(data + at, '\0', size - at);
        size_t len = nul ? (size_t)(nul - (data + at)) : size - at;
        FILE *f = fopen(fuzz_paths[n], "wb");
        if (!f)
            abort();
        if (len)
            fwrite(data + at, 1, len, f);
        fclose(f);
        inputs[n] = fuzz_paths[n];
        n++;
        at += len + 1;
        if (!nul)
            break;
    }
    memset(&o, 0, sizeof o);
    o.inputs = inputs;
    o.ninputs = n;
    diag_clear(&d);
    doc = compare_run(&o, &d);
    if (doc) {
        struct diag d2 = {.prog = "fuzz_compare"};
        diag_clear(&d2);
        FUZZ_CHECK(schema_check("comparison", doc, "comparison", &d2) == 0);
        json_decref(doc);
    } else {
        FUZZ_CHECK(d.set);
    }
    return 0;
}
