/* fuzz_sentence.c - the sentence splitter on arbitrary bytes: spans stay
 * inside the text, are non-empty, in order and do not overlap. */
#include <stdint.h>

#include "fuzz_util.h"
#include "sentence.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sent_span *s = NULL;
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_sentence");
    /* Load the abbreviation lists now, so the first input is not special. */
    free(s), s = NULL;
    sentence_split("Warm up. Dr. Who.", 17, &s);
    free(s);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup(data, size);
    struct sent_span *s = NULL;
    size_t n = sentence_split(text, size, &s), prev = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(s[i].start <= s[i].end);
        FUZZ_CHECK(s[i].end <= size);
        FUZZ_CHECK(s[i].start >= prev);
        prev = s[i].end;
    }
    free(s);
    free(text);
    return 0;
}
