/* test_clean.c - unit tests of the clean stage: decoding and its offset runs,
 * normalisation with offmaps, date parsing, block classification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first */
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../stages/clean/clean.h"
#include "jsonio.h"
#include "offmap.h"
#include "xalloc.h"

/* ---- decoding ---------------------------------------------------------- */

static void test_decode_utf8_bom(void **state)
{
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode("\xEF\xBB\xBFhi \xE2\x80\x99x", 10, NULL, 0, &d, &dg), 0);
    assert_string_equal(d.encoding, "UTF-8");
    assert_int_equal(d.len, 7);
    assert_memory_equal(d.text, "hi \xE2\x80\x99x", 7);
    assert_int_equal(clean_src(&d, 0), 3); /* after the BOM */
    assert_int_equal(clean_src(&d, 6), 9);
    assert_int_equal(clean_src(&d, 7), 10);
    clean_decoded_free(&d);
}

static void test_decode_utf16le(void **state)
{
    /* BOM, 'A', U+00E9, U+1F600 (surrogate pair) */
    const char src[] = "\xFF\xFE"
                       "A\0"
                       "\xE9\0"
                       "\x3D\xD8\x00\xDE";
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 0, &d, &dg), 0);
    assert_string_equal(d.encoding, "UTF-16LE");
    assert_int_equal(d.len, 1 + 2 + 4);
    assert_memory_equal(d.text, "A\xC3\xA9\xF0\x9F\x98\x80", 7);
    assert_int_equal(clean_src(&d, 0), 2);
    assert_int_equal(clean_src(&d, 1), 4);
    assert_int_equal(clean_src(&d, 3), 6);
    assert_int_equal(clean_src(&d, 7), 10);
    clean_decoded_free(&d);
}

static void test_decode_invalid_utf8(void **state)
{
    /* valid multi-byte text with one stray byte: an error naming the offset */
    const char src[] = "caf\xC3\xA9 na\xC3\xAFve \xFF r\xC3\xA9sum\xC3\xA9";
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 0, &d, &dg), -1);
    assert_int_equal(dg.offset, 13);
    assert_non_null(strstr(dg.msg, "invalid UTF-8"));
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 1, &d, &dg), 0);
    assert_int_equal(d.replacements, 1);
    assert_non_null(strstr(d.text, "\xEF\xBF\xBD"));
    clean_decoded_free(&d);
}

static void test_decode_cp1252(void **state)
{
    const char src[] = "It\x92s a \x93quote\x94 caf\xE9";
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 0, &d, &dg), 0);
    assert_string_equal(d.encoding, "WINDOWS-1252");
    assert_string_equal(d.text, "It\xE2\x80\x99s a \xE2\x80\x9Cquote\xE2\x80\x9D caf\xC3\xA9");
    assert_int_equal(clean_src(&d, 5), 3); /* after the apostrophe */
    clean_decoded_free(&d);
}

static void test_decode_binary(void **state)
{
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode("%PDF-1.7\n", 9, NULL, 0, &d, &dg), -1);
    assert_non_null(strstr(dg.msg, "PDF"));
    diag_clear(&dg);
    assert_int_equal(clean_decode("ab\0cd", 5, NULL, 0, &d, &dg), -1);
    assert_int_equal(dg.offset, 2);
}

/* ---- normalisation ----------------------------------------------------- */

static void test_norm_map(void **state)
{
    /* NBSP, a zero-width space, CRLF inside the block, doubled spaces */
    const char src[] = "  one\xC2\xA0two\xE2\x80\x8B three\r\nfour  five  ";
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    struct buf t = BUF_INIT;
    struct offmap m;
    size_t s0, s1;
    json_t *map;
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 0, &d, &dg), 0);
    clean_norm(&d, 0, d.len, &t, &m, &s0, &s1);
    assert_string_equal(buf_str(&t), "one two three four five");
    assert_int_equal(s0, 2);
    assert_int_equal(s1, sizeof src - 3);
    /* every text offset maps into the source at the same word */
    assert_int_equal(offmap_src(&m, 0, 0), 2);   /* "one" */
    assert_int_equal(offmap_src(&m, 4, 0), 7);   /* "two" */
    assert_int_equal(offmap_src(&m, 8, 0), 14);  /* "three" */
    assert_int_equal(offmap_src(&m, 14, 0), 21); /* "four" */
    assert_int_equal(offmap_src(&m, 19, 0), 27); /* "five" */
    map = offmap_to_json(&m);
    assert_non_null(map);
    json_decref(map);
    offmap_free(&m);
    buf_free(&t);
    clean_decoded_free(&d);
}

static void test_norm_trailing_invisible(void **state)
{
    /* word joiners and a soft hyphen after the last visible character are
     * dropped with the block end: no anchor may lie past the block's end */
    const char src[] = "Bukan dgn 1 mata.\xE2\x81\xA0\xE2\x81\xA0\xC2\xAD\n";
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    struct buf t = BUF_INIT;
    struct offmap m, back;
    size_t s0, s1;
    json_t *block, *map;
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 0, &d, &dg), 0);
    clean_norm(&d, 0, d.len, &t, &m, &s0, &s1);
    assert_string_equal(buf_str(&t), "Bukan dgn 1 mata.");
    assert_int_equal(s0, 0);
    assert_int_equal(s1, 17);
    block = json_object();
    json_object_set_new(block, "text", json_string(buf_str(&t)));
    json_object_set_new(block, "start", json_integer((json_int_t)s0));
    json_object_set_new(block, "end", json_integer((json_int_t)s1));
    map = offmap_to_json(&m);
    if (map)
        json_object_set_new(block, "map", map);
    assert_int_equal(offmap_from_block(&back, block, &dg), 0);
    offmap_free(&back);
    json_decref(block);
    offmap_free(&m);
    buf_free(&t);
    clean_decoded_free(&d);
}

static void test_meta_publisher_name(void **state)
{
    /* Windows-1252 reading of UTF-8 "S\xC3\xA9oul" holds the bytes of "\xC2\xA9":
     * a copyright sign glued inside a word is no marker, and "oul" no name */
    const char page[] = "Allies hold talks in S\xC3\xA9oul\n\nAllies hold talks\n\n"
                        "S\xC3\xA9oul, May 3 -- Defense officials of the two countries met in "
                        "Seoul on Thursday. They agreed to deepen cooperation.\n\n"
                        "The next round will be held in Washington.\n";
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    json_t *doc;
    (void)state;
    diag_clear(&dg);
    assert_true(clean_plausible_name("Example Daily News", 18));
    assert_true(clean_plausible_name("38 North", 8));
    assert_true(clean_plausible_name("Cruz Bay Publishing, Inc", 24));
    assert_false(clean_plausible_name("oul", 3));
    assert_false(clean_plausible_name("is a registered trademark of", 28));
    assert_false(clean_plausible_name("S\xEF\xBF\xBDoul", 6));
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    doc = clean_document(page, sizeof page - 1, "p.txt", "WINDOWS-1252", 0, &lx, &dg);
    assert_non_null(doc);
    assert_true(json_is_null(json_object_get(json_object_get(doc, "meta"), "publisher")));
    json_decref(doc);
    clean_lex_free(&lx);
}

static void test_meta_timestamp_not_title(void **state)
{
    const char page[] =
        "News\n\nAllies agree to deepen defence industry ties at Melbourne talks\n\n"
        "Posted Tue 6 Aug 2024 at 6:12am, updated Tue 6 Aug 2024 at 9:40am\n\n"
        "Australia and South Korea have agreed to work more closely on building and "
        "maintaining military equipment, after their ministers met in Melbourne on Monday.\n\n"
        "The ministers said in a joint statement that the two countries would look at ways "
        "to share shipyards and repair facilities in the region over the coming years.\n";
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    json_t *doc, *meta;
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    doc = clean_document(page, sizeof page - 1, "p.txt", NULL, 0, &lx, &dg);
    assert_non_null(doc);
    meta = json_object_get(doc, "meta");
    assert_string_equal(jsonio_str(meta, "title"),
                        "Allies agree to deepen defence industry ties at Melbourne talks");
    assert_string_equal(jsonio_str(meta, "published"), "2024-08-06");
    json_decref(doc);
    clean_lex_free(&lx);
}

static void test_norm_verbatim(void **state)
{
    const char src[] = "\nplain text here\n";
    struct clean_decoded d;
    struct diag dg = {.prog = "test"};
    struct buf t = BUF_INIT;
    struct offmap m;
    size_t s0, s1;
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_decode(src, sizeof src - 1, NULL, 0, &d, &dg), 0);
    clean_norm(&d, 0, d.len, &t, &m, &s0, &s1);
    assert_string_equal(buf_str(&t), "plain text here");
    assert_int_equal(s0, 1);
    assert_int_equal(s1, 16);
    assert_null(offmap_to_json(&m));
    offmap_free(&m);
    buf_free(&t);
    clean_decoded_free(&d);
}

/* ---- dates ------------------------------------------------------------- */

static void test_dates(void **state)
{
    char out[11];
    (void)state;
    assert_true(clean_parse_date("Published: 03 May. 2025, 11:24", 30, out));
    assert_string_equal(out, "2025-05-03");
    assert_true(clean_parse_date("NEWS | Sept. 18, 2023", 21, out));
    assert_string_equal(out, "2023-09-18");
    assert_true(clean_parse_date(" date 2025-05-03  Title", 23, out));
    assert_string_equal(out, "2025-05-03");
    assert_true(clean_parse_date("November 1st, 2024", 18, out));
    assert_string_equal(out, "2024-11-01");
    assert_true(clean_parse_date(
        "\xEC\x9E\x85\xEB\xA0\xA5 2024\xEB\x85\x84 9\xEC\x9B\x94 20\xEC\x9D\xBC", 24, out));
    assert_string_equal(out, "2024-09-20");
    assert_false(clean_parse_date("2023-02-30", 10, out));
    assert_false(clean_parse_date("May 2025", 8, out));
    assert_false(clean_parse_date("room 12 of 2000 seats", 21, out));
}

/* ---- blocks ------------------------------------------------------------ */

static void test_blocks_page(void **state)
{
    static const char page[] =
        "Home | News | Sport | Weather\n"
        "Sign in\n\n"
        "Council approves the new harbour bridge after long debate\n\n"
        "By Ann Example\n"
        "Published: 2 June 2024\n\n"
        "The city council approved the new harbour bridge on Tuesday after a debate that "
        "lasted more than six hours and drew a large crowd of residents to the hall.\n\n"
        "Supporters said the bridge would cut travel times for thousands of commuters, while "
        "opponents warned that the cost had grown by a third since the plan was first shown.\n\n"
        "Work is expected to start next spring and to take about three years, according to "
        "the engineers who presented the final design to the council members.\n\n"
        "Related stories\n\n"
        "Ferry fares to rise in autumn\n\n"
        "Copyright \xC2\xA9 2024 Example Post. All rights reserved.\n";
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    json_t *doc;
    char *text;
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    doc = clean_document(page, sizeof page - 1, "page.txt", NULL, 0, &lx, &dg);
    assert_non_null(doc);
    json_t *meta = json_object_get(doc, "meta");
    assert_string_equal(jsonio_str(meta, "title"),
                        "Council approves the new harbour bridge after long debate");
    assert_string_equal(jsonio_str(meta, "published"), "2024-06-02");
    assert_string_equal(jsonio_str(meta, "publisher"), "Example Post");
    assert_string_equal(jsonio_str(meta, "byline"), "By Ann Example");
    text = clean_text_render(doc);
    assert_non_null(strstr(text, "Work is expected to start"));
    assert_null(strstr(text, "Ferry fares"));
    assert_null(strstr(text, "Sign in"));
    assert_null(strstr(text, "Copyright"));
    assert_int_equal(strncmp(text, "Council approves", 16), 0);
    free(text);
    json_decref(doc);
    clean_lex_free(&lx);
}

static void test_blocks_empty(void **state)
{
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    assert_null(clean_document(" \n\xC2\xA0\n", 5, "blank.txt", NULL, 0, &lx, &dg));
    assert_non_null(strstr(dg.msg, "no text"));
    clean_lex_free(&lx);
}

/* Kind of the first block of PAGE whose text starts with PREFIX ("none"). */
static const char *kind_of(const struct clean_lex *lx, const char *page, const char *prefix,
                           char *out, size_t outsz)
{
    struct diag dg = {.prog = "test"};
    json_t *doc, *blocks, *b;
    size_t i;
    diag_clear(&dg);
    snprintf(out, outsz, "none");
    doc = clean_document(page, strlen(page), "wire.txt", NULL, 0, lx, &dg);
    assert_non_null(doc);
    blocks = json_object_get(doc, "blocks");
    json_array_foreach(blocks, i, b)
    {
        const char *t = jsonio_str(b, "text");
        if (t && strncmp(t, prefix, strlen(prefix)) == 0) {
            snprintf(out, outsz, "%s", jsonio_str(b, "kind"));
            break;
        }
    }
    json_decref(doc);
    return out;
}

/* A short wire-report page with LEAD as its first paragraph and CAPTION
 * between the paragraphs. */
static char *wire_page(const char *lead, const char *caption)
{
    struct buf b = BUF_INIT;
    buf_append(&b, "Home | World | Asia | Business\nSign in\n\n"
                   "Allies agree to keep combined drills on schedule\n\n");
    buf_append(&b, lead);
    buf_append(&b, "\n\nThe two sides reviewed the readiness of their combined forces and "
                   "discussed how to share the costs of new surveillance assets, officials "
                   "said after the meeting.\n\n");
    buf_append(&b, caption);
    buf_append(&b, "\n\nOfficials from both countries said they would meet again in the spring "
                   "to review progress on the plans that were agreed at the talks.\n\n"
                   "Related stories\n\nCopyright 2025 Example Wire. All rights reserved.\n");
    return buf_take(&b);
}

static void test_blocks_wire_lead(void **state)
{
    static const char *const leads[] = {
        "WASHINGTON, Jan. 10 (Yonhap) -- South Korea and the United States held their first "
        "defense talks of the year on Friday, the ministry said.",
        "SEOUL, May 3 (AP) \xE2\x80\x94 South Korea and Japan agreed on Saturday to resume "
        "regular talks between their defense chiefs, officials said.",
        "TOKYO (Reuters) - Japan and Australia will expand joint exercises next year under a "
        "new agreement signed by their defense ministers on Monday.",
        "ST. JOSEPH, Mich. (AP) \xE2\x80\x94 Health officials are reporting a sixth death "
        "linked to the virus this year, the state said on Tuesday.",
        "BRUSSELS, March 4, 2025 (AFP) \xE2\x80\x93 Allied defense ministers met on Tuesday "
        "to discuss support for the alliance's eastern members.",
        /* a dated opening before " - " is also the shape of a dated teaser */
        "ROME, May 3, 2025 (AP) - Italy and Japan agreed on Saturday to build a new fighter "
        "jet together, their defense ministers said after the talks.",
    };
    static const char *const captions[] = {
        "A destroyer sails off the east coast during a combined drill on April 11. (Image "
        "Credit: South Korean Navy/via Yonhap)",
        "Delegates pose for a photo before the talks at the Pentagon on Friday. [DEFENSE "
        "MINISTRY]",
        "Soldiers take part in a river-crossing drill in Yeoju on Monday. (Yonhap)",
        "A lander on the surface of the moon in an artist's drawing. Credit: NASA",
    };
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    char kind[32];
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    for (size_t k = 0; k < sizeof leads / sizeof *leads; k++) {
        char *page = wire_page(leads[k], captions[k % 4]);
        char prefix[24];
        snprintf(prefix, sizeof prefix, "%.20s", leads[k]);
        assert_string_equal(kind_of(&lx, page, prefix, kind, sizeof kind), "paragraph");
        snprintf(prefix, sizeof prefix, "%.20s", captions[k % 4]);
        assert_string_equal(kind_of(&lx, page, prefix, kind, sizeof kind), "caption");
        free(page);
    }
    clean_lex_free(&lx);
}

static void test_blocks_credit_inside_sentence(void **state)
{
    /* an agency named in a bracket inside a sentence is not a photo credit */
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    char kind[32];
    char *page = wire_page("South Korea and the United States held their first defense talks of "
                           "the year on Friday, the ministry said in a statement.",
                           "The ministry told a reporter (speaking to Reuters on Friday) that "
                           "the drills would go ahead as planned in March.");
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    assert_string_equal(kind_of(&lx, page, "The ministry told", kind, sizeof kind), "paragraph");
    free(page);
    clean_lex_free(&lx);
}

static void test_blocks_card_list(void **state)
{
    /* after a "More ..." opener, story cards (headline; author and date with
     * the summary glued under them) are a list, however long the summaries;
     * text glued under an "About ..." opener stays */
    static const char page[] =
        "Home | World | Politics | Opinion\n\n"
        "Allies agree to keep combined drills on schedule\n\n"
        "South Korea and the United States agreed on Friday to keep their combined drills on "
        "schedule this spring, the defense ministry said after a day of talks in Seoul.\n\n"
        "The two sides reviewed the readiness of their combined forces and discussed how to "
        "share the costs of new surveillance assets over the next five years.\n\n"
        "Officials said they would meet again in the summer to review progress on the plans "
        "that were agreed at the talks, and to prepare the autumn ministerial meeting.\n\n"
        "About Example Defense Review\n"
        "Example Defense Review is an independent publication that has covered security in "
        "the region since 1999, with reporters in Seoul, Tokyo and Washington.\n\n"
        "More Example News\n\n"
        "Navy tests a new radar off the southern coast\n\n"
        "Jane Writer\n"
        "Tuesday November 19, 2024\n"
        "The navy tested a new long-range radar on Tuesday in waters off the southern coast, "
        "officials said, in the first of a series of trials planned for the coming months and "
        "meant to check how the system works with the older ships of the fleet.\n\n"
        "Budget talks stall over border spending\n\n"
        "John Writer\n"
        "Monday November 18, 2024\n"
        "Budget talks stalled again on Monday as lawmakers failed to agree on how much to "
        "spend on the border, with both sides blaming the other for the delay and warning "
        "that the deadline at the end of the month could be missed.\n\n"
        "Copyright 2024 Example Defense Review. All rights reserved.\n";
    struct clean_lex lx;
    struct diag dg = {.prog = "test"};
    json_t *doc;
    char *text;
    (void)state;
    diag_clear(&dg);
    assert_int_equal(clean_lex_load(&lx, &dg), 0);
    doc = clean_document(page, sizeof page - 1, "cards.txt", NULL, 0, &lx, &dg);
    assert_non_null(doc);
    text = clean_text_render(doc);
    assert_non_null(strstr(text, "Officials said they would meet again"));
    assert_non_null(strstr(text, "is an independent publication"));
    assert_null(strstr(text, "The navy tested"));
    assert_null(strstr(text, "Budget talks stalled"));
    free(text);
    json_decref(doc);
    clean_lex_free(&lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_utf8_bom),
        cmocka_unit_test(test_decode_utf16le),
        cmocka_unit_test(test_decode_invalid_utf8),
        cmocka_unit_test(test_decode_cp1252),
        cmocka_unit_test(test_decode_binary),
        cmocka_unit_test(test_norm_map),
        cmocka_unit_test(test_norm_verbatim),
        cmocka_unit_test(test_norm_trailing_invisible),
        cmocka_unit_test(test_meta_publisher_name),
        cmocka_unit_test(test_meta_timestamp_not_title),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_blocks_page),
        cmocka_unit_test(test_blocks_empty),
        cmocka_unit_test(test_blocks_wire_lead),
        cmocka_unit_test(test_blocks_credit_inside_sentence),
        cmocka_unit_test(test_blocks_card_list),
    };
    xalloc_init("test_clean");
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
