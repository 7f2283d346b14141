/* eval_names.c - run names_compare() over a file of labelled name pairs
 * ([{"id", "a", "b", "label": same|different|ambiguous}]) and print one TAP
 * line per pair: `same` must be NAMES_SAME, `different` NAMES_DIFFERENT,
 * `ambiguous` NAMES_POSSIBLE. Ends with "# report: ..." figures.
 * Exit 0 when every pair is decided right, 1 otherwise, 2 on usage. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "jsonio.h"
#include "names.h"
#include "xalloc.h"

static const char *eval_names_word(enum names_match m)
{
    return m == NAMES_SAME ? "same" : m == NAMES_POSSIBLE ? "possible" : "different";
}

int main(int argc, char **argv)
{
    struct diag d = {.prog = "eval_names"};
    json_t *doc;
    size_t i, n = 0, right = 0, same_n = 0, same_ok = 0, diff_n = 0, diff_ok = 0, amb_n = 0,
              amb_ok = 0;
    json_t *p;
    xalloc_init("eval_names");
    if (argc != 2) {
        fprintf(stderr, "usage: eval_names PAIRS_JSON\n");
        return RC_USAGE;
    }
    doc = jsonio_load(argv[1], &d);
    if (!doc) {
        diag_print(&d, stderr);
        return RC_DATA;
    }
    if (!json_is_array(doc)) {
        fprintf(stderr, "eval_names: %s: expected an array of pairs\n", argv[1]);
        json_decref(doc);
        return RC_DATA;
    }
    json_array_foreach(doc, i, p)
    {
        const char *a = jsonio_str(p, "a"), *b = jsonio_str(p, "b"),
                   *label = jsonio_str(p, "label");
        enum names_match want, got;
        if (!a || !b || !label)
            continue;
        if (!strcmp(label, "same")) {
            want = NAMES_SAME;
            same_n++;
        } else if (!strcmp(label, "different")) {
            want = NAMES_DIFFERENT;
            diff_n++;
        } else {
            want = NAMES_POSSIBLE;
            amb_n++;
        }
        got = names_compare(a, b);
        n++;
        if (got == want) {
            right++;
            same_ok += want == NAMES_SAME;
            diff_ok += want == NAMES_DIFFERENT;
            amb_ok += want == NAMES_POSSIBLE;
            printf("ok - pair %lld: %s / %s: %s\n", (long long)jsonio_int(p, "id", 0), a, b, label);
        } else {
            printf("not ok - pair %lld: %s / %s: expected %s, got %s\n",
                   (long long)jsonio_int(p, "id", 0), a, b, label, eval_names_word(got));
        }
    }
    printf("# report: names: same %zu/%zu, different %zu/%zu, ambiguous as possible %zu/%zu\n",
           same_ok, same_n, diff_ok, diff_n, amb_ok, amb_n);
    json_decref(doc);
    return right == n ? RC_OK : RC_DATA;
}
