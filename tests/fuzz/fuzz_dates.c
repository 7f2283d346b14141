/* fuzz_dates.c - dates_find (with and without a reference date),
 * dates_normalize, date_format and date_parse_iso on arbitrary bytes.
 * The first 3 bytes pick the reference date. */
#include <stdint.h>
#include <stdio.h>

#include "dates.h"
#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init("fuzz_dates");
    return 0;
}

static void fuzz_check_val(const struct date_val *v)
{
    char buf[32];
    FUZZ_CHECK(v->m >= 0 && v->m <= 12);
    FUZZ_CHECK(v->d >= 0 && v->d <= 31);
    date_format(v, buf, sizeof buf);
    FUZZ_CHECK(memchr(buf, '\0', sizeof buf) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct date_val ref = {2024, 1, 1};
    struct date_span *sp = NULL;
    struct date_val iso;
    char value[64], tiny[4];
    char *text;
    size_t n;
    if (size >= 3) {
        ref.y = 1990 + data[0] % 60;
        ref.m = 1 + data[1] % 12;
        ref.d = 1 + data[2] % 28;
        data += 3;
        size -= 3;
    }
    text = fuzz_strndup(data, size);
    for (int pass = 0; pass < 2; pass++) {
        n = dates_find(text, size, pass ? NULL : &ref, &sp);
        for (size_t i = 0; i < n; i++) {
            FUZZ_CHECK(sp[i].start < sp[i].end && sp[i].end <= size);
            fuzz_check_val(&sp[i].from);
            fuzz_check_val(&sp[i].to);
        }
        free(sp);
        sp = NULL;
    }
    if (dates_normalize(text, &ref, value, sizeof value) == 0)
        FUZZ_CHECK(memchr(value, '\0', sizeof value) != NULL);
    (void)dates_normalize(text, &ref, tiny, sizeof tiny);
    if (date_parse_iso(text, &iso) == 0) {
        char back[32];
        FUZZ_CHECK(iso.m >= 1 && iso.m <= 12 && iso.d >= 1 && iso.d <= 31);
        date_format(&iso, back, sizeof back);
    }
    free(text);
    return 0;
}
