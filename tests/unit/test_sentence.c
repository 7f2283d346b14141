/* test_sentence.c - unit tests of the sentence segmenter (domain cases). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../stages/extract/sentence.h"
#include "xalloc.h"

/* Split TEXT and compare with the NULL-terminated list WANT. */
static void expect_split(const char *text, const char *const *want)
{
    struct sent_span *sp = NULL;
    size_t n = sentence_split(text, strlen(text), &sp), k = 0;
    for (; want[k]; k++) {
        char got[512];
        if (k >= n)
            fail_msg("\"%s\": only %zu sentences, want \"%s\"", text, n, want[k]);
        snprintf(got, sizeof got, "%.*s", (int)(sp[k].end - sp[k].start), text + sp[k].start);
        assert_string_equal(got, want[k]);
    }
    assert_int_equal(n, k);
    free(sp);
}

static void test_abbreviations(void **state)
{
    (void)state;
    expect_split("The U.S. and the U.N. met in Sept. 2023. Gen. Paul LaCamera spoke.",
                 (const char *const[]){"The U.S. and the U.N. met in Sept. 2023.",
                                       "Gen. Paul LaCamera spoke.", NULL});
    expect_split("Lt. Col. Kim and Adm. John Aquilino met Dr. Lee at No. 10 St. James St. today.",
                 (const char *const[]){"Lt. Col. Kim and Adm. John Aquilino met Dr. Lee at No. 10 "
                                       "St. James St. today.",
                                       NULL});
    expect_split("Secretary of Defense Lloyd J. Austin III met Minister Lee Jong-sup. They talked.",
                 (const char *const[]){"Secretary of Defense Lloyd J. Austin III met Minister Lee "
                                       "Jong-sup.",
                                       "They talked.", NULL});
    expect_split("Martin Luther King Jr. spoke. Troops grew 2.5 percent in the U.S. The end.",
                 (const char *const[]){"Martin Luther King Jr. spoke.",
                                       "Troops grew 2.5 percent in the U.S.", "The end.", NULL});
    expect_split("The talks began at 10 a.m. and ended at 3 p.m. The ministers then left.",
                 (const char *const[]){"The talks began at 10 a.m. and ended at 3 p.m.",
                                       "The ministers then left.", NULL});
    expect_split("They meet on Thurs. Oct. 5 in Seoul. The talks follow on Fri. The end.",
                 (const char *const[]){"They meet on Thurs. Oct. 5 in Seoul.",
                                       "The talks follow on Fri.", "The end.", NULL});
}

/* Compounds ending in an abbreviation and titles opening with a starter word
 * ("Under", "First") after "U.S." keep the sentence whole; a starter that
 * opens no title still ends it. */
static void test_compounds_and_titles(void **state)
{
    (void)state;
    expect_split("The Korea-U.S. Integrated Defense Dialogue met. ROK-U.S. ties grew.",
                 (const char *const[]){"The Korea-U.S. Integrated Defense Dialogue met.",
                                       "ROK-U.S. ties grew.", NULL});
    expect_split("He met U.S. Under Secretary of Defense Colin Kahl. They talked.",
                 (const char *const[]){"He met U.S. Under Secretary of Defense Colin Kahl.",
                                       "They talked.", NULL});
    expect_split("Talks with ROK First Vice Minister Kim went on in the U.S. Under the plan, "
                 "aid rose. It grew in Korea-U.S. The allies agreed.",
                 (const char *const[]){"Talks with ROK First Vice Minister Kim went on in the U.S.",
                                       "Under the plan, aid rose.", "It grew in Korea-U.S.",
                                       "The allies agreed.", NULL});
}

static void test_quotes_brackets(void **state)
{
    (void)state;
    expect_split("\xE2\x80\x9CWe stand together,\xE2\x80\x9D Austin said. \xE2\x80\x9CThe alliance "
                 "is ironclad.\xE2\x80\x9D He left.",
                 (const char *const[]){"\xE2\x80\x9CWe stand together,\xE2\x80\x9D Austin said.",
                                       "\xE2\x80\x9CThe alliance is ironclad.\xE2\x80\x9D",
                                       "He left.", NULL});
    expect_split("The ministers (who met in Seoul.) agreed. Next.",
                 (const char *const[]){"The ministers (who met in Seoul.) agreed.", "Next.", NULL});
    expect_split("Did they agree? Yes! They did.",
                 (const char *const[]){"Did they agree?", "Yes!", "They did.", NULL});
}

static void test_asides_and_lists(void **state)
{
    (void)state;
    /* an aside after ! or ? goes on; one between two quotations stands alone */
    expect_split(
        "'Not again!' the envoy said, 'we agreed on this!' (He had.) Talks resumed.",
        (const char *const[]){"'Not again!' the envoy said, 'we agreed on this!' (He had.)",
                              "Talks resumed.", NULL});
    expect_split("\"We agreed!\" (The talks had run late.) \"Now we sign.\"",
                 (const char *const[]){"\"We agreed!\"", "(The talks had run late.)",
                                       "\"Now we sign.\"", NULL});
    expect_split(
        "They met -- at last! -- in Seoul. Then they left.",
        (const char *const[]){"They met -- at last! -- in Seoul.", "Then they left.", NULL});
    expect_split("He said, \"We will hold the line, and--\" Then the feed cut out.",
                 (const char *const[]){"He said, \"We will hold the line, and--\"",
                                       "Then the feed cut out.", NULL});
    /* list markers after a sentence end, "(a)" and Roman markers, chains */
    expect_split("The plan has parts. (a) Deter aggression. (b) Train jointly.",
                 (const char *const[]){"The plan has parts.", "(a) Deter aggression.",
                                       "(b) Train jointly.", NULL});
    expect_split("i) Deter. ii) Train. iii) Share.",
                 (const char *const[]){"i) Deter.", "ii) Train.", "iii) Share.", NULL});
    expect_split("Article 5 (a) and (b) apply.",
                 (const char *const[]){"Article 5 (a) and (b) apply.", NULL});
    expect_split("1. Seoul 2. Busan 3. Osan",
                 (const char *const[]){"1. Seoul", "2. Busan", "3. Osan", NULL});
    /* no space after the stop; not in e-mail, URL or abbreviation */
    expect_split("Talks ended.Ministers left. Mail kim.Lee@example.org or see example.Com/x.",
                 (const char *const[]){"Talks ended.", "Ministers left.",
                                       "Mail kim.Lee@example.org or see example.Com/x.", NULL});
    expect_split(
        "Talks ended\xEF\xBC\x8E"
        "Ministers left\xEF\xBC\x8E",
        (const char *const[]){"Talks ended\xEF\xBC\x8E", "Ministers left\xEF\xBC\x8E", NULL});
    expect_split("First line\rSecond line",
                 (const char *const[]){"First line", "Second line", NULL});
}

/* Clean TEXT (PDF mode when PDF) and split the result like expect_split. */
static void expect_clean_split(const char *text, int pdf, const char *const *want)
{
    size_t n;
    char *c = sentence_clean_text(text, strlen(text), pdf, &n);
    assert_int_equal(strlen(c), n);
    expect_split(c, want);
    free(c);
}

static void test_clean_text(void **state)
{
    (void)state;
    expect_clean_split("<p>Talks began. <b>They</b> ended.</p>", 0,
                       (const char *const[]){"Talks began.", "They ended.", NULL});
    expect_clean_split("Talks began at \nnoon.\nagenda\nitems", 0,
                       (const char *const[]){"Talks began at noon.", "agenda", "items", NULL});
    expect_clean_split("Talks\nbegan at \nnoon.", 1,
                       (const char *const[]){"Talks began at noon.", NULL});
    expect_clean_split(
        "Contents\nIntroduction ........ 3\n\n12\n\n====\n`Talks' began.\\nEnd", 0,
        (const char *const[]){"Contents", "Introduction", "'Talks' began.", "End", NULL});
    expect_clean_split("\nN\nA\nT\nO\n", 0, (const char *const[]){"NATO", NULL});
    expect_clean_split("Wait   here\n.", 0, (const char *const[]){"Wait here.", NULL});
    {
        /* bytes of every kind never crash; the result is NUL-terminated */
        static const char bad[] = {'<', 'a',  '\0', '&',    'l', 't', ';', '{', 'b',
                                   '^', '\\', '\n', '\xff', '.', '.', '.', '.', '\r'};
        size_t n;
        char *c = sentence_clean_text(bad, sizeof bad, 1, &n);
        assert_true(n <= 2 * sizeof bad);
        free(c);
        c = sentence_clean_text("", 0, 0, &n);
        assert_int_equal(n, 0);
        assert_string_equal(c, "");
        free(c);
    }
}

static void test_blank_lines_and_edges(void **state)
{
    struct sent_span *sp = NULL;
    (void)state;
    expect_split("Heading without period\n\nBody text here.",
                 (const char *const[]){"Heading without period", "Body text here.", NULL});
    expect_split("   ", (const char *const[]){NULL});
    expect_split("", (const char *const[]){NULL});
    expect_split("한국어 문장입니다. 두 번째 문장.",
                 (const char *const[]){"한국어 문장입니다.", "두 번째 문장.", NULL});
    /* NUL bytes and invalid UTF-8 must not crash or read past LEN */
    {
        static const char bad[] = {'A', '.', ' ', '\0', '\xff', '.', ' ', 'B', '\xe2', '\x80'};
        size_t n = sentence_split(bad, sizeof bad, &sp);
        assert_true(n >= 1);
        for (size_t k = 0; k < n; k++)
            assert_true(sp[k].start < sp[k].end && sp[k].end <= sizeof bad);
        free(sp);
    }
    {
        char *one = xmalloc(4);
        memcpy(one, "Hi.", 3);
        assert_int_equal(sentence_split(one, 3, &sp), 1);
        assert_int_equal(sp[0].end, 3);
        free(sp);
        free(one);
    }
}

static void test_long_input_is_linear(void **state)
{
    /* 10 MB on one line: must finish quickly (the runner has a timeout) */
    size_t len = 10u * 1024u * 1024u;
    char *t = xmalloc(len);
    struct sent_span *sp = NULL;
    size_t n;
    (void)state;
    for (size_t i = 0; i < len; i++)
        t[i] = "Gen. Kim met U.S. envoys. Then 1. x "[i % 36];
    n = sentence_split(t, len, &sp);
    assert_true(n > 1000);
    free(sp);
    memset(t, '.', len);
    n = sentence_split(t, len, &sp);
    assert_true(n <= 1);
    free(sp);
    memset(t, 'a', len);
    n = sentence_split(t, len, &sp);
    assert_int_equal(n, 1);
    free(sp);
    /* patterns that start look-aheads of the newer rules at every step */
    {
        static const char *const pats[] = {"(a) X! (",  "ii) Iv. ", "ab.Cd.", "x--\" Y ",
                                           "<a{b^&lt;", "W\nA\n",   "....a ", "\\ n//"};
        for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
            size_t pl = strlen(pats[p]), cl;
            char *c;
            for (size_t i = 0; i < len; i++)
                t[i] = pats[p][i % pl];
            n = sentence_split(t, len, &sp);
            free(sp);
            c = sentence_clean_text(t, len, (int)(p & 1), &cl);
            n = sentence_split(c, cl, &sp);
            free(sp);
            free(c);
        }
    }
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations),        cmocka_unit_test(test_compounds_and_titles),
        cmocka_unit_test(test_quotes_brackets),      cmocka_unit_test(test_asides_and_lists),
        cmocka_unit_test(test_clean_text),           cmocka_unit_test(test_blank_lines_and_edges),
        cmocka_unit_test(test_long_input_is_linear),
    };
    xalloc_init("test_sentence");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
