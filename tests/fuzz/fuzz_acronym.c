/* fuzz_acronym.c - "Long Form (ACR)" definitions on arbitrary bytes: every
 * span inside the text, the long form before the short form. */
#include <stdint.h>

#include "acronym.h"
#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_acronym");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup(data, size);
    struct acro_def *a = NULL;
    size_t n = acronym_find(text, size, &a);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(a[i].sf_start < a[i].sf_end && a[i].sf_end <= size);
        FUZZ_CHECK(a[i].lf_start < a[i].lf_end && a[i].lf_end <= size);
    }
    free(a);
    free(text);
    return 0;
}
