/* test_dates.c - unit tests of date finding and normalisation (domain cases). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../stages/extract/dates.h"
#include "xalloc.h"

/* The dates in TEXT as "expr=from..to/kind" joined by '|', against REF
 * (YYYY-MM-DD or NULL). */
static void dates_of(const char *text, size_t len, const char *ref, char *out, size_t cap)
{
    struct date_val r;
    struct date_span *sp = NULL;
    size_t n, used = 0;
    if (ref)
        assert_int_equal(date_parse_iso(ref, &r), 0);
    n = dates_find(text, len, ref ? &r : NULL, &sp);
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        char a[16], b[16];
        static const char kinds[] = "APR";
        assert_true(sp[k].start < sp[k].end && sp[k].end <= len);
        date_format(&sp[k].from, a, sizeof a);
        date_format(&sp[k].to, b, sizeof b);
        used += (size_t)snprintf(out + used, cap - used, "%s%.*s=%s", k ? "|" : "",
                                 (int)(sp[k].end - sp[k].start), text + sp[k].start, a);
        if (sp[k].is_range && used < cap)
            used += (size_t)snprintf(out + used, cap - used, "..%s", b);
        if (used < cap)
            used += (size_t)snprintf(out + used, cap - used, "/%c", kinds[sp[k].kind]);
        if (used >= cap)
            fail_msg("output too long");
    }
    free(sp);
}

static void expect_dates(const char *text, const char *ref, const char *want)
{
    char got[1024];
    dates_of(text, strlen(text), ref, got, sizeof got);
    assert_string_equal(got, want);
}

static void test_absolute(void **state)
{
    (void)state;
    expect_dates("on September 18, 2023 in Seoul", "2023-09-20", "September 18, 2023=2023-09-18/A");
    expect_dates("on Sept. 18, 2023 in Seoul", NULL, "Sept. 18, 2023=2023-09-18/A");
    expect_dates("held 18 September 2023.", NULL, "18 September 2023=2023-09-18/A");
    expect_dates("Published 2023-09-18 09:00", NULL, "2023-09-18=2023-09-18/A");
    expect_dates("in May 2025 and by the end of 2023", NULL, "May 2025=2025-05/A|2023=2023/A");
    expect_dates("not a date: 2023-02-30, 12345, page 2023", NULL, "");
}

static void test_ranges(void **state)
{
    (void)state;
    expect_dates("met May 1 to 2 in Seoul", "2024-05-10", "May 1 to 2=2024-05-01..2024-05-02/P");
    expect_dates("from May 1 to 2", "2024-05-10", "May 1 to 2=2024-05-01..2024-05-02/P");
    expect_dates("on August 16-17, 2022,", NULL, "August 16-17, 2022=2022-08-16..2022-08-17/A");
    expect_dates("from September23-24, 2024 in", NULL,
                 "September23-24, 2024=2024-09-23..2024-09-24/A");
    expect_dates("on Feb. 21-22 in Tokyo", "2024-03-01", "Feb. 21-22=2024-02-21..2024-02-22/P");
    expect_dates("Dec. 30, 2024 \xE2\x80\x93 Jan. 2, 2025", NULL,
                 "Dec. 30, 2024 \xE2\x80\x93 Jan. 2, 2025=2024-12-30..2025-01-02/A");
    expect_dates("the 16-17 August 2022 talks", NULL, "16-17 August 2022=2022-08-16..2022-08-17/A");
}

static void test_partial_and_relative(void **state)
{
    (void)state;
    /* past tense: the most recent such date on or before the reference */
    expect_dates("They met on Oct. 31.", "2023-11-02", "Oct. 31=2023-10-31/P");
    expect_dates("They met on Oct. 31.", "2023-10-02", "Oct. 31=2022-10-31/P");
    /* future cue: the next one */
    expect_dates("They will meet on Oct. 31.", "2023-10-02", "Oct. 31=2023-10-31/P");
    expect_dates("The ministers met on Thursday and Friday.", "2023-11-13",
                 "Thursday and Friday=2023-11-09..2023-11-10/R");
    expect_dates("The ministers will meet on Thursday and Friday.", "2023-11-13",
                 "Thursday and Friday=2023-11-16..2023-11-17/R");
    expect_dates("He arrived Saturday.", "2023-11-13", "Saturday=2023-11-11/R");
    /* weekday abbreviations; the short ones that are also words need the period */
    expect_dates("They met on Thurs. and Fri. in Seoul.", "2023-11-13",
                 "Thurs. and Fri.=2023-11-09..2023-11-10/R");
    expect_dates("The ministers will meet Tues in Seoul.", "2023-11-13", "Tues=2023-11-14/R");
    expect_dates("He met them Mon. and left.", "2023-11-15", "Mon.=2023-11-13/R");
    expect_dates("Wed. talks; Sat. drills; Sun. rest", "2023-11-13",
                 "Wed.=2023-11-08/R|Sat.=2023-11-11/R|Sun.=2023-11-12/R");
    expect_dates("Sun Tzu wrote; Sat down; Wed in June", "2023-11-13", "June=2023-06/P");
    expect_dates("talks this week", "2023-11-15", "this week=2023-11-13..2023-11-19/R");
    expect_dates("since last month", "2023-01-15", "last month=2022-12/R");
    expect_dates("until next month", "2023-12-15", "next month=2024-01/R");
    expect_dates("a summit early next year", "2023-12-15", "early next year=2024/R");
    expect_dates("talks in November", "2023-12-15", "November=2023-11/P");
    expect_dates("drills in May and August", "2023-12-15", "May=2023-05/P|August=2023-08/P");
    expect_dates("Relative dates need a reference: Saturday, this week.", NULL, "");
    expect_dates("You may go. March on.", "2023-12-15", "");
}

static void test_normalize(void **state)
{
    struct date_val ref = {2013, 3, 22}; /* a Friday */
    char v[32];
    (void)state;
    static const char *const cases[][2] = {
        {"Friday", "2013-03-22"},      {"Thursday", "2013-03-21"}, {"this week", "2013-W12"},
        {"the last week", "2013-W11"}, {"last year", "2012"},      {"next year", "2014"},
        {"this month", "2013-03"},     {"Last month", "2013-02"},  {"May 2010", "2010-05"},
        {"Feb. 28", "2013-02-28"},     {"August", "2012-08"},      {"last summer", "2012-SU"},
        {"now", "PRESENT_REF"},        {"the past", "PAST_REF"},   {"four years ago", "2009"},
        {"early 2011", "2011"},        {"20th century", "19"},     {"late last July", "2012-07"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(dates_normalize(cases[i][0], &ref, v, sizeof v), 0);
        assert_string_equal(v, cases[i][1]);
    }
    assert_int_equal(dates_normalize("banana", &ref, v, sizeof v), -1);
}

static void test_iso_and_bytes(void **state)
{
    struct date_val d;
    char got[256];
    static const char bad[] = {'M', 'a', 'y', ' ', '1', '\0', '\xff', 'J', 'u', 'n', 'e', ' ', '3'};
    (void)state;
    assert_int_equal(date_parse_iso("2024-02-29", &d), 0);
    assert_int_equal(date_parse_iso("2023-02-29", &d), -1);
    assert_int_equal(date_parse_iso("2023-9-18", &d), -1);
    assert_int_equal(date_parse_iso("2023-13-01", &d), -1);
    dates_of(bad, sizeof bad, "2023-01-01", got, sizeof got);
    dates_of("September 1", 9, "2023-01-01", got, sizeof got); /* never past LEN */
    assert_string_equal(got, "");
    dates_of("", 0, NULL, got, sizeof got);
    assert_string_equal(got, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absolute),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_partial_and_relative),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_iso_and_bytes),
    };
    xalloc_init("test_dates");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
