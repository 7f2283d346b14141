/* test_acronym.c - unit tests of "Long Form (ACR)" definitions (domain cases). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../stages/extract/acronym.h"
#include "xalloc.h"

/* Definitions in TEXT as "SF=LF" lines joined by '|' into OUT. */
static void defs_of(const char *text, size_t len, char *out, size_t cap)
{
    struct acro_def *d = NULL;
    size_t n = acronym_find(text, len, &d), used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        assert_true(d[k].sf_start < d[k].sf_end && d[k].sf_end <= len);
        assert_true(d[k].lf_start < d[k].lf_end && d[k].lf_end <= len);
        used += (size_t)snprintf(out + used, cap - used, "%s%.*s=%.*s", k ? "|" : "",
                                 (int)(d[k].sf_end - d[k].sf_start), text + d[k].sf_start,
                                 (int)(d[k].lf_end - d[k].lf_start), text + d[k].lf_start);
        if (used >= cap)
            fail_msg("output too long");
    }
    free(d);
}

static void expect_defs(const char *text, const char *want)
{
    char got[1024];
    defs_of(text, strlen(text), got, sizeof got);
    assert_string_equal(got, want);
}

static void test_domain_definitions(void **state)
{
    (void)state;
    expect_defs("He met the Deputy Assistant Secretary of Defense (DASD) in Seoul.",
                "DASD=Deputy Assistant Secretary of Defense");
    expect_defs("the Deputy Minister for National Defense Policy (DEPMIN) said",
                "DEPMIN=Deputy Minister for National Defense Policy");
    expect_defs("during Ulchi Freedom Shield 23 (UFS23) last month",
                "UFS23=Ulchi Freedom Shield 23");
    expect_defs("launched a space launch vehicle (SLV) on Monday", "SLV=space launch vehicle");
    expect_defs("the Democratic People's Republic of Korea (DPRK) fired",
                "DPRK=Democratic People's Republic of Korea");
    expect_defs("the Korea-U.S. Integrated Defense Dialogue (KIDD) was held",
                "KIDD=Korea-U.S. Integrated Defense Dialogue");
    expect_defs("officials from the U.S. Department of Defense (DoD) and",
                "DoD=Department of Defense");
    expect_defs("a table-top exercise (TTX) on extended deterrence", "TTX=table-top exercise");
    expect_defs("the Republic of Korea (ROK) and the United Nations (UN) agreed",
                "ROK=Republic of Korea|UN=United Nations");
    expect_defs("the Nuclear Consultative Group (NCG) met", "NCG=Nuclear Consultative Group");
}

static void test_nested(void **state)
{
    (void)state;
    expect_defs("the Conditions-based Operational Control (OPCON) Transition Working Group "
                "(COTWG) met",
                "OPCON=Operational Control|COTWG=Conditions-based Operational Control (OPCON) "
                "Transition Working Group");
}

static void test_other_shapes(void **state)
{
    (void)state;
    expect_defs("the Combined Forces Command [CFC] said", "CFC=Combined Forces Command");
    expect_defs("the staff (Combined Forces Command (CFC) officers) met",
                "CFC=Combined Forces Command");
    expect_defs("the staff (Combined Forces Command, CFC) met", "CFC=Combined Forces Command");
    expect_defs("NATO (North Atlantic Treaty Organization) members",
                "NATO=North Atlantic Treaty Organization");
    expect_defs("unmanned aerial vehicles (UAVs) flew", "UAVs=unmanned aerial vehicles");
    expect_defs("a three-dimensional (3D) map", "3D=three-dimensional");
    expect_defs("marked unclassified (U) and", "U=unclassified");
    expect_defs("the Combined Forces Command (CFC, since 1978) said",
                "CFC=Combined Forces Command");
}

static void test_not_acronyms(void **state)
{
    (void)state;
    expect_defs("the aircraft carrier USS Carl Vinson (CVN-71) arrived", "");
    expect_defs("the destroyer JS Kongo (DD-183) sailed", "");
    expect_defs("Minister Shin Won-sik (left) and Secretary Austin", "");
    expect_defs("the Defense Reform Act (2023) passed", "");
    expect_defs("\xEB\x8C\x93\xEA\xB8\x80 (0/250\xEC\x9E\x90)", "");
    expect_defs("Tomorrow (Friday) Secretary Lloyd Austin", "");
    expect_defs("unclosed (NCG", "");
    expect_defs("the northern sector (A) and the southern sector (B) held", "");
    expect_defs("levels of [Ca2+]i rose and [3H]prazosin bound", "");
    expect_defs("the Group (A) team", "");
    expect_defs("Tomorrow (Friday, October 6) they meet", "");
}

static void test_bytes(void **state)
{
    char got[256];
    static const char bad[] = {'(', '\0', 'A', 'B', ')', '\xff', ' ',
                               'A', 'b',  ' ', '(', 'A', 'B',    ')'};
    (void)state;
    defs_of(bad, sizeof bad, got, sizeof got);
    defs_of("(", 1, got, sizeof got);
    assert_string_equal(got, "");
    defs_of("", 0, got, sizeof got);
    assert_string_equal(got, "");
    defs_of("Alpha Beta (AB)", 10, got, sizeof got); /* never past LEN */
    assert_string_equal(got, "");
    defs_of("Alpha Beta (AB, ", 15, got, sizeof got);
    assert_string_equal(got, "");
    defs_of("NATO (North", 11, got, sizeof got);
    assert_string_equal(got, "");
}

static void test_long_input(void **state)
{
    static const char *const pats[] = {"alpha (A) ", "Alpha Beta (AB, ",
                                       " [AB] ",     "AB (Alpha Beta) ",
                                       "x (y, AB) ", "two-dimensional (2D)("};
    size_t len = 10u * 1024u * 1024u;
    char *t = xmalloc(len);
    (void)state;
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        struct acro_def *d = NULL;
        size_t pl = strlen(pats[p]);
        for (size_t i = 0; i < len; i++)
            t[i] = pats[p][i % pl];
        (void)acronym_find(t, len, &d);
        free(d);
    }
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_definitions), cmocka_unit_test(test_nested),
        cmocka_unit_test(test_other_shapes),       cmocka_unit_test(test_long_input),
        cmocka_unit_test(test_not_acronyms),       cmocka_unit_test(test_bytes),
    };
    xalloc_init("test_acronym");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
