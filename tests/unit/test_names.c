/* test_names.c - unit tests of the person-name matcher (names.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "xalloc.h"

static void test_order_and_hyphens(void **state)
{
    (void)state;
    assert_int_equal(names_compare("Taekeun Heo", "Heo Tae-keun"), NAMES_SAME);
    assert_int_equal(names_compare("Dr. Taekeun Heo", "Heo Tae Keun"), NAMES_SAME);
    assert_int_equal(names_compare("Cho Chang-rae", "Cho Chang Lae"), NAMES_SAME);
    assert_int_equal(names_compare("Kim Yong Hyun", "Kim Yong-hyun"), NAMES_SAME);
    assert_int_equal(names_compare("Kim Yong Hyun", "KIM YONG-HYUN"), NAMES_SAME);
}

static void test_romanisation(void **state)
{
    (void)state;
    assert_int_equal(names_compare("Cho Tae-yul", "Jo Tae-yeol"), NAMES_SAME);
    assert_int_equal(names_compare("Huh Tae-keun", "Heo Taegeun"), NAMES_SAME);
    assert_int_equal(names_compare("Shin Won-sik", "Sin Won-sik"), NAMES_SAME);
    assert_int_equal(names_compare("Kang Kyung-wha", "Gang Gyeong-hwa"), NAMES_SAME);
}

static void test_different(void **state)
{
    (void)state;
    assert_int_equal(names_compare("Cho Tae-yul", "Cho Tae-yong"), NAMES_DIFFERENT);
    assert_int_equal(names_compare("Shin Won-sik", "Shim Won-sik"), NAMES_DIFFERENT);
    assert_int_equal(names_compare("Jeon Du-hwan", "Jeong Du-hwan"), NAMES_DIFFERENT);
    assert_int_equal(names_compare("Park Jin", "Park Jin-young"), NAMES_DIFFERENT);
    assert_int_equal(names_compare("Kim Yong Hyun", "Kim Jong Un"), NAMES_DIFFERENT);
    assert_int_equal(names_compare("Lloyd Austin", "Antony Blinken"), NAMES_DIFFERENT);
}

static void test_possible(void **state)
{
    (void)state;
    assert_int_equal(names_compare("Lee Jong-sup", "Lee Jung-sup"), NAMES_POSSIBLE);
    assert_int_equal(names_compare("Yoo Myung-hee", "Ryu Myung-hee"), NAMES_POSSIBLE);
    assert_int_equal(names_compare("Chun Doo-hwan", "Cheon Doo-hwan"), NAMES_POSSIBLE);
    assert_int_equal(names_compare("Cara Allison Marshall", "Cara Marshall"), NAMES_POSSIBLE);
}

static void test_western_names(void **state)
{
    (void)state;
    assert_int_equal(names_compare("Elbridge Colby", "elbridge colby"), NAMES_SAME);
    assert_int_equal(names_compare("Mr. John Noh", "John Noh"), NAMES_SAME);
    assert_int_equal(names_compare("John Noh", "John Doe"), NAMES_DIFFERENT);
}

static void test_keys_and_buckets(void **state)
{
    char *a = names_key("Taekeun Heo"), *b = names_key("Heo Tae-keun");
    char *c = names_bucket("Huh Tae Keun"), *d = names_bucket("Taekeun Heo");
    (void)state;
    assert_string_equal(a, b);
    assert_string_equal(c, d);
    free(a);
    free(b);
    free(c);
    free(d);
}

static void test_odd_input(void **state)
{
    char long_name[600];
    char *k;
    (void)state;
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(names_compare("", ""), NAMES_DIFFERENT);
    assert_int_equal(names_compare(NULL, "Kim Jin"), NAMES_DIFFERENT);
    assert_int_equal(names_compare(long_name, long_name), NAMES_SAME);
    assert_int_equal(names_compare("\xff\xfe Kim", "Kim"), NAMES_DIFFERENT);
    assert_int_equal(names_compare("a b c d e", "e d c b a"), NAMES_SAME);
    /* more tokens than a name has: compared verbatim */
    assert_int_equal(names_compare("a b c d e f g h i j k", "k j i h g f e d c b a"),
                     NAMES_DIFFERENT);
    k = names_key("- - -");
    assert_non_null(k);
    free(k);
    k = names_bucket("");
    assert_string_equal(k, "");
    free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_hyphens), cmocka_unit_test(test_romanisation),
        cmocka_unit_test(test_different),         cmocka_unit_test(test_possible),
        cmocka_unit_test(test_western_names),     cmocka_unit_test(test_keys_and_buckets),
        cmocka_unit_test(test_odd_input),
    };
    xalloc_init("test_names");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
