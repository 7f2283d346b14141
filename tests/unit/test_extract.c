/* test_extract.c - unit tests of the extract stage: data lists, text
 * helpers, and whole records built from small clean documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../stages/extract/extract.h"
#include "buf.h"
#include "diag.h"
#include "jsonio.h"
#include "xalloc.h"

static struct xdata test_data;

static int setup(void **state)
{
    struct diag d = {.prog = "test_extract"};
    (void)state;
    return xdata_load(&test_data, &d) == 0 ? 0 : (fprintf(stderr, "%s\n", d.msg), -1);
}

static int teardown(void **state)
{
    (void)state;
    xdata_free(&test_data);
    return 0;
}

/* A clean document whose blocks are PARAS (NULL-terminated); the first one is
 * the title. Offsets are those of the paragraphs joined by "\n\n". */
static json_t *make_clean(const char *const *paras, const char *published)
{
    json_t *doc = json_object(), *blocks = json_array(), *src = json_object(),
           *meta = json_object();
    json_t *dropped = json_object();
    size_t off = 0;
    for (size_t i = 0; paras[i]; i++) {
        json_t *b = json_object();
        size_t n = strlen(paras[i]);
        json_object_set_new(b, "kind", json_string(i == 0 ? "title" : "paragraph"));
        json_object_set_new(b, "text", json_string(paras[i]));
        json_object_set_new(b, "start", json_integer((json_int_t)off));
        json_object_set_new(b, "end", json_integer((json_int_t)(off + n)));
        json_array_append_new(blocks, b);
        off += n + 2;
    }
    json_object_set_new(src, "file", json_string("t.txt"));
    json_object_set_new(
        src, "sha256",
        json_string("0000000000000000000000000000000000000000000000000000000000000000"));
    json_object_set_new(src, "bytes", json_integer((json_int_t)off));
    json_object_set_new(src, "encoding", json_string("UTF-8"));
    json_object_set_new(src, "replacements", json_integer(0));
    json_object_set_new(meta, "title", json_string(paras[0]));
    json_object_set_new(meta, "publisher", json_null());
    json_object_set_new(meta, "published", published ? json_string(published) : json_null());
    json_object_set_new(meta, "published_text", json_null());
    json_object_set_new(meta, "byline", json_null());
    json_object_set_new(dropped, "blocks", json_integer(0));
    json_object_set_new(dropped, "bytes", json_integer(0));
    json_object_set_new(doc, "format", json_string("briefing-clean/1"));
    json_object_set_new(doc, "source", src);
    json_object_set_new(doc, "meta", meta);
    json_object_set_new(doc, "blocks", blocks);
    json_object_set_new(doc, "dropped", dropped);
    return doc;
}

static json_t *record_of(const char *const *paras, const char *published)
{
    struct diag d = {.prog = "test_extract"};
    json_t *clean = make_clean(paras, published);
    json_t *rec = extract_record(clean, "t.txt", NULL, &test_data, &d);
    if (!rec)
        fprintf(stderr, "extract_record: %s\n", d.msg);
    json_decref(clean);
    return rec;
}

static const json_t *person(const json_t *rec, const char *name)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(rec, "participants"), i,
                       p) if (!strcmp(jsonio_str(p, "name"), name)) return p;
    return NULL;
}

static int has_topic(const json_t *rec, const char *id)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(rec, "topics"), i,
                       t) if (!strcmp(jsonio_str(t, "id"), id)) return 1;
    return 0;
}

static void test_xlist_parse(void **state)
{
    struct xlist l;
    const char text[] =
        "# comment\nKIDD\tKorea-U.S. Integrated Defense Dialogue\r\n\n  SCM\nNCG\ta\tb";
    (void)state;
    xlist_parse(&l, text, sizeof text - 1);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.a[0], "KIDD");
    assert_string_equal(l.b[0], "Korea-U.S. Integrated Defense Dialogue");
    assert_string_equal(l.a[1], "SCM");
    assert_null(l.b[1]);
    assert_string_equal(l.b[2], "a\tb");
    assert_true(xlist_has(&l, "scm", 3, 1));
    assert_false(xlist_has(&l, "scm", 3, 0));
    xlist_free(&l);
}

static void test_text_match(void **state)
{
    const char *s = "the KIDD and KIDDs (U.S.)";
    size_t n = strlen(s);
    (void)state;
    assert_int_equal(xt_find(s, n, 0, "KIDD", 0), 4);
    assert_int_equal(xt_find(s, n, 5, "KIDD", 0), (size_t)-1); /* "KIDDs" is another word */
    assert_int_equal(xt_match_at(s, n, 20, "U.S.", 0), 4);
    assert_int_equal(xt_find(s, n, 0, "kidd", 1), 4);
    assert_int_equal(xt_word_len("U.S. Army", 9, 0), 4);
    assert_int_equal(xt_word_len("Seoul.", 6, 0), 5);
}

static void test_record_kidd(void **state)
{
    static const char *const paras[] = {
        "Joint Press Statement for the 24th Korea-U.S. Integrated Defense Dialogue",
        "The U.S. Department of Defense (DoD) and the Republic of Korea (ROK) Ministry of National "
        "Defense (MND) held the 24th Korea-U.S. Integrated Defense Dialogue (KIDD) on April 11-12, "
        "2024 in Washington.",
        "Acting Deputy Assistant Secretary of Defense for East Asia, Jane Doe, led the U.S. "
        "delegation and Deputy Minister for National Defense Policy, Dr. Cho Chang-rae, led the "
        "ROK delegation.",
        "Both sides reaffirmed the goal of the complete denuclearization of North Korea and "
        "pledged "
        "to strengthen the Nuclear Consultative Group (NCG).",
        "The two sides agreed to continue progress leading up to the 56th SCM in the fall.",
        NULL};
    json_t *rec = record_of(paras, "2024-04-12"), *m;
    const json_t *p;
    (void)state;
    assert_non_null(rec);
    m = json_object_get(rec, "meeting");
    assert_string_equal(jsonio_str(m, "series"), "KIDD");
    assert_int_equal(jsonio_int(m, "ordinal", 0), 24);
    assert_string_equal(jsonio_str(m, "start_date"), "2024-04-11");
    assert_string_equal(jsonio_str(m, "end_date"), "2024-04-12");
    assert_string_equal(jsonio_str(m, "city"), "Washington");
    assert_string_equal(jsonio_str(m, "date_basis"), "explicit");
    assert_string_equal(jsonio_str(json_object_get(rec, "source"), "doc_type"), "joint_statement");
    p = person(rec, "Jane Doe");
    assert_non_null(p);
    assert_string_equal(jsonio_str(p, "role"), "lead");
    assert_string_equal(jsonio_str(p, "side"), "US");
    assert_true(json_is_true(json_object_get(p, "acting")));
    p = person(rec, "Cho Chang-rae"); /* "Dr." is no part of the name */
    assert_non_null(p);
    assert_string_equal(jsonio_str(p, "side"), "ROK");
    assert_string_equal(jsonio_str(p, "role"), "lead");
    assert_true(has_topic(rec, "denuclearization"));
    assert_true(has_topic(rec, "extended_deterrence"));
    assert_false(has_topic(rec, "china"));
    assert_int_equal(
        jsonio_int(json_array_get(json_object_get(rec, "related_meetings"), 0), "ordinal", 0), 56);
    assert_true(json_array_size(json_object_get(rec, "commitments")) >= 3);
    assert_true(json_array_size(json_object_get(rec, "acronyms")) >= 4);
    json_decref(rec);
}

static void test_record_evidence_offsets(void **state)
{
    static const char *const paras[] = {"Allies hold talks",
                                        "South Korea and the United States held the 57th Security "
                                        "Consultative Meeting (SCM) in Seoul on Monday.",
                                        NULL};
    json_t *rec = record_of(paras, "2025-11-05"), *ev;
    size_t title_len = strlen(paras[0]) + 2;
    (void)state;
    assert_non_null(rec);
    ev = json_object_get(json_object_get(json_object_get(rec, "meeting"), "evidence"), "dates");
    assert_true(json_is_object(ev));
    assert_int_equal(jsonio_int(ev, "start", -1), (json_int_t)title_len);
    assert_int_equal(jsonio_int(ev, "end", -1), (json_int_t)(title_len + strlen(paras[1])));
    assert_string_equal(jsonio_str(json_object_get(rec, "meeting"), "start_date"), "2025-11-03");
    assert_string_equal(jsonio_str(json_object_get(rec, "meeting"), "date_basis"), "relative");
    json_decref(rec);
}

/* xt_find against the plain definition: the first offset >= FROM where
 * xt_match_at matches, on random texts over a small alphabet (both cases,
 * word and non-word bytes, a curly quote) and patterns cut from them. */
static void test_find_like_match_at(void **state)
{
    static const char alpha[] = "aAbB .-'\xE2\x80\x99"
                                "cC";
    uint64_t x = 88172645463325252ull;
    char s[64], pat[8];
    (void)state;
    for (int it = 0; it < 20000; it++) {
        size_t n, pn, from, want = (size_t)-1;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        n = 1 + x % 60;
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            s[i] = alpha[x % (sizeof alpha - 1)];
        }
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        pn = 1 + x % 4;
        from = (x >> 8) % n;
        if (pn > n)
            pn = n;
        memcpy(pat, s + (x >> 16) % (n - pn + 1), pn);
        pat[pn] = '\0';
        if (!pat[0] || strlen(pat) != pn)
            continue;
        for (int icase = 0; icase < 2; icase++) {
            want = (size_t)-1;
            for (size_t i = from; i + pn <= n && want == (size_t)-1; i++)
                if (xt_match_at(s, n, i, pat, icase))
                    want = i;
            if (xt_find(s, n, from, pat, icase) != want)
                fail_msg("xt_find(\"%.*s\", %zu, \"%s\", %d) != %zu", (int)n, s, from, pat, icase,
                         want);
        }
    }
}

/* The phrase index matches like xt_match_at, row by row, in one pass. */
static void test_index(void **state)
{
    static const char *const pat[] = {"KIDD", "defense dialogue", "Defense", "U.S.", NULL, "x"};
    static const char s[] = "The KIDD and the Korea-U.S. defense dialogue; KIDDs, kidd.";
    size_t n = sizeof s - 1, ml = 0, row = 99;
    struct xindex *ix = xindex_new(pat, 6);
    struct xhits h = {0};
    (void)state;
    assert_int_equal(xindex_longest_at(ix, s, n, 4, XT_AUTO, &ml), 0);
    assert_int_equal(ml, 4);
    /* "defense dialogue" (longer) wins over "Defense" folded */
    assert_int_equal(xindex_longest_at(ix, s, n, 28, XT_FOLD, &ml), 1);
    assert_int_equal(ml, 16);
    assert_int_equal(xindex_longest_at(ix, s, n, 28, XT_EXACT, &ml), 1);
    assert_int_equal(xindex_first(ix, s, n, 5, XT_AUTO, 0, &row), 23);
    assert_int_equal(row, 3);
    assert_int_equal(xindex_first(ix, s, n, 5, XT_AUTO, 1, &row), 28); /* not "-U.S." */
    xindex_scan(ix, s, n, 0, XT_AUTO, &h);
    /* KIDD, U.S., defense dialogue, Defense; not "KIDDs", not "kidd" (all capitals: exact) */
    assert_int_equal(h.n, 4);
    assert_int_equal(h.v[0].at, 4);
    assert_int_equal(h.v[1].row, 3);
    assert_int_equal(h.v[2].row, 1);
    assert_int_equal(h.v[3].row, 2);
    h.n = 0;
    xindex_scan(ix, s, n, 0, XT_FOLD, &h);
    assert_int_equal(h.n, 5); /* "kidd" folded too */
    free(h.v);
    xindex_free(ix);
    xindex_free(NULL);
}

/* A portfolio in a title is no topic; a related meeting's month is kept. */
static void test_record_title_topic_month(void **state)
{
    static const char *const paras[] = {
        "Allies hold defense dialogue",
        "The 24th Korea-U.S. Integrated Defense Dialogue (KIDD) was held in Seoul on April 11, "
        "2024.",
        "John Hill, acting U.S. assistant secretary of defense for space policy, attended the "
        "talks on deterrence.",
        "The 56th Security Consultative Meeting (SCM) is scheduled in November.", NULL};
    json_t *rec = record_of(paras, "2024-04-12"), *r;
    (void)state;
    assert_non_null(rec);
    assert_false(has_topic(rec, "space"));
    r = json_array_get(json_object_get(rec, "related_meetings"), 0);
    assert_non_null(r);
    assert_string_equal(jsonio_str(r, "date_text"), "November");
    assert_string_equal(jsonio_str(r, "start_month"), "2024-11");
    assert_int_equal(json_array_size(json_object_get(rec, "sentences")),
                     (size_t)jsonio_int(json_object_get(rec, "source"), "sentences", -1));
    json_decref(rec);
}

static void test_record_no_meeting(void **state)
{
    static const char *const paras[] = {"North Korea fires missiles",
                                        "North Korea fired two ballistic missiles on Thursday, the "
                                        "Joint Chiefs of Staff (JCS) said.",
                                        "North Korean leader Kim Jong Un watched the launch.",
                                        NULL};
    json_t *rec = record_of(paras, "2024-03-14"), *m;
    (void)state;
    assert_non_null(rec);
    m = json_object_get(rec, "meeting");
    assert_true(json_is_null(json_object_get(m, "series")));
    assert_true(json_is_null(json_object_get(m, "start_date")));
    assert_int_equal(json_array_size(json_object_get(rec, "participants")), 0);
    assert_true(has_topic(rec, "dprk_threat"));
    json_decref(rec);
}

static void test_record_unknown_series(void **state)
{
    static const char *const paras[] = {
        "Allies launch space talks",
        "The United States and the Republic of Korea held the inaugural Defense Space Policy "
        "Dialogue via video teleconference on March 4, 2024.",
        NULL};
    json_t *rec = record_of(paras, "2024-03-05"), *m;
    (void)state;
    assert_non_null(rec);
    m = json_object_get(rec, "meeting");
    assert_string_equal(jsonio_str(m, "series"), "Defense Space Policy Dialogue");
    assert_int_equal(jsonio_int(m, "ordinal", 0), 1);
    assert_string_equal(jsonio_str(m, "format"), "video teleconference");
    assert_string_equal(jsonio_str(m, "start_date"), "2024-03-04");
    assert_true(json_is_null(json_object_get(m, "city")));
    json_decref(rec);
}

static void test_record_quotes_and_roles(void **state)
{
    static const char *const paras[] = {
        "Allies meet",
        "U.S. Secretary of Defense Lloyd Austin and ROK Minister of National Defense Kim Yong Hyun "
        "held the 56th Security Consultative Meeting (SCM) in Washington on October 30, 2024.",
        "After the meeting, Kim had separate talks with U.S. Deputy Secretary of State Kurt "
        "Campbell.",
        "\u201cOur commitment remains ironclad,\u201d Austin said.",
        "The U.S. defense secretary said, \u201cWe will stand with the ROK every step of the "
        "way.\u201d",
        NULL};
    json_t *rec, *q;
    const json_t *p;
    size_t i;
    int hits = 0;
    (void)state;
    rec = record_of(paras, "2024-10-31");
    assert_non_null(rec);
    p = person(rec, "Kurt Campbell");
    assert_non_null(p);
    assert_string_equal(jsonio_str(p, "role"), "side_meeting");
    assert_string_equal(jsonio_str(person(rec, "Kim Yong Hyun"), "role"), "lead");
    json_array_foreach(json_object_get(rec, "quotes"), i, q)
    {
        assert_string_equal(jsonio_str(q, "speaker"), "Lloyd Austin");
        hits++;
    }
    assert_int_equal(hits, 2);
    json_decref(rec);
}

static void test_record_bad_input(void **state)
{
    struct diag d = {.prog = "test_extract"};
    json_t *bad = json_pack("{s:s}", "format", "briefing-clean/1");
    (void)state;
    assert_null(extract_record(bad, "bad.json", NULL, &test_data, &d));
    assert_true(d.set);
    json_decref(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlist_parse),
        cmocka_unit_test(test_text_match),
        cmocka_unit_test(test_find_like_match_at),
        cmocka_unit_test(test_record_kidd),
        cmocka_unit_test(test_record_evidence_offsets),
        cmocka_unit_test(test_record_no_meeting),
        cmocka_unit_test(test_record_unknown_series),
        cmocka_unit_test(test_index),
        cmocka_unit_test(test_record_title_topic_month),
        cmocka_unit_test(test_record_unknown_series),
        cmocka_unit_test(test_record_quotes_and_roles),
        cmocka_unit_test(test_record_bad_input),
    };
    xalloc_init("test_extract");
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, setup, teardown);
}
