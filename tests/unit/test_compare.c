/* test_compare.c - unit tests of the compare stage's helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../stages/compare/compare.h"
#include "xalloc.h"

static void test_day(void **state)
{
    long a, b;
    (void)state;
    assert_int_equal(compare_day("1970-01-01", &a), 0);
    assert_int_equal(a, 0);
    assert_int_equal(compare_day("2024-10-30", &a), 0);
    assert_int_equal(compare_day("2024-10-31", &b), 0);
    assert_int_equal(b - a, 1);
    assert_int_equal(compare_day("2024-02-29", &a), 0);
    assert_int_equal(compare_day("2023-02-29", &a), -1);
    assert_int_equal(compare_day("2023-13-01", &a), -1);
    assert_int_equal(compare_day("2023-1-01", &a), -1);
    assert_int_equal(compare_day(NULL, &a), -1);
}

static void test_vocab(void **state)
{
    struct compare_vocab s, r;
    struct diag d = {.prog = "test"};
    int level;
    (void)state;
    assert_int_equal(compare_vocab_load("stages/compare/data/signals.tsv", 0, &s, &d), 0);
    assert_int_equal(compare_vocab_load("stages/compare/data/ranks.tsv", 1, &r, &d), 0);
    for (size_t i = 0; i < s.n; i++) {
        if (!strcmp(s.p[i].id, "ironclad")) {
            assert_true(compare_pattern_match(
                &s.p[i], "reaffirmed its \xe2\x80\x9cIronclad\xe2\x80\x9d commitment"));
            assert_false(compare_pattern_match(&s.p[i], "iron clad"));
        }
        if (!strcmp(s.p[i].id, "full_range_capabilities")) {
            assert_true(
                compare_pattern_match(&s.p[i], "the full range of U.S. military capabilities"));
            assert_false(
                compare_pattern_match(&s.p[i], "the full range of a b c d e f capabilities"));
        }
        if (!strcmp(s.p[i].id, "rules_based_order"))
            assert_true(compare_pattern_match(&s.p[i], "a Rules-Based Order"));
    }
    assert_string_equal(compare_rank(&r, "Acting Deputy Assistant Secretary of Defense", &level),
                        "deputy assistant secretary");
    assert_int_equal(level, 4);
    compare_rank(&r, "Under Secretary of Defense for Policy", &level);
    assert_int_equal(level, 2);
    compare_rank(&r, "deputy defense minister for policy", &level);
    assert_int_equal(level, 3);
    compare_rank(&r, "Minister of National Defense", &level);
    assert_int_equal(level, 1);
    compare_rank(&r, "Secretary of State", &level);
    assert_int_equal(level, 1);
    compare_rank(&r, NULL, &level);
    assert_int_equal(level, 5);
    compare_vocab_free(&s);
    compare_vocab_free(&r);
}

static void test_evidence(void **state)
{
    json_t *ev =
        json_pack("{s:s,s:i,s:i,s:s}", "text", "A.", "start", 3, "end", 5, "block", "caption");
    json_t *bad = json_pack("{s:s,s:i,s:i}", "text", "A.", "start", 5, "end", 3);
    json_t *e = compare_evidence(ev, "f.txt");
    (void)state;
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(e, "file")), "f.txt");
    assert_string_equal(json_string_value(json_object_get(e, "block")), "caption");
    assert_null(compare_evidence(bad, "f.txt"));
    assert_null(compare_evidence(NULL, "f.txt"));
    json_decref(e);
    json_decref(ev);
    json_decref(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day),
        cmocka_unit_test(test_vocab),
        cmocka_unit_test(test_evidence),
    };
    xalloc_init("test_compare");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
