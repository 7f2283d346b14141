/* driver.c - replays files through a libFuzzer harness without libFuzzer:
 *     fuzz_NAME FILE...
 * links with a harness and the normal (or ASan) build's libraries, so
 * tests/suites/fuzz_smoke.sh can replay the committed corpora on any
 * compiler. Exit 0 when every input ran (a finding aborts the process). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "fileio.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    struct diag d = {.prog = "fuzz-driver"};
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *buf;
        diag_clear(&d);
        buf = fileio_read(argv[i], FILEIO_MAX_INPUT, &len, &d);
        if (!buf) {
            diag_print(&d, stderr);
            return 1;
        }
        fprintf(stderr, "replay %s (%zu bytes)\n", argv[i], len);
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        free(buf);
    }
    return 0;
}
