/* test_render.c - unit tests for the render stage's modules: text cleaning,
 * TrueType cmap coverage, ToUnicode CMaps, the PDF repair pass and the
 * layout layer's word wrapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <hpdf.h>

#include "../../stages/render/render_fonts.h"
#include "../../stages/render/render_layout.h"
#include "../../stages/render/render_pdf.h"
#include "../../stages/render/render_text.h"
#include "xalloc.h"

static void check_clean(const char *in, size_t len, const char *want)
{
    char *got = render_text_clean(in, len);
    assert_string_equal(got, want);
    free(got);
}

static void test_clean(void **state)
{
    (void)state;
    check_clean("  a\tb\n\nc  ", 10, "a b c");
    check_clean("x\x07y", 3, "x y"); /* control -> space */
    check_clean("a\xE2\x80\xAE"
                "b\xE2\x80\x8F"
                "c",
                9, "abc"); /* RLO, RLM dropped */
    check_clean("a\xFF"
                "b",
                3,
                "a\xEF\xBF\xBD"
                "b");                                       /* invalid byte */
    check_clean("\xF0\x9F\x98\x80", 4, "\xEF\xBF\xBD");     /* non-BMP */
    check_clean("\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD"); /* overlong */
    check_clean("(x) Tj <</A>>", 13, "(x) Tj <</A>>");      /* PDF syntax kept as text */
    check_clean("a\0b", 3, "a b");                          /* NUL never reaches libharu */
    check_clean(NULL, 5, "");
    {
        char *a = render_text_ascii("\xE2\x80\x9CKIDD\xE2\x80\x9D \xE2\x80\x93 \xEC\xA1\xB0");
        assert_string_equal(a, "\"KIDD\" - ?");
        free(a);
    }
}

static void set(unsigned char *bits, unsigned cp)
{
    bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

static void test_tounicode(void **state)
{
    unsigned char *used = calloc(RFONT_BITMAP, 1);
    char *c;
    (void)state;
    assert_non_null(used);
    c = render_pdf_tounicode(used); /* nothing used: still a valid CMap */
    assert_non_null(strstr(c, "1 beginbfrange\n<0020> <0020> <0020>\nendbfrange"));
    free(c);
    set(used, 'A'), set(used, 'B'), set(used, 'C'), set(used, 'Z'), set(used, 0xC870);
    set(used, 0x00FF), set(used, 0x0100); /* a run across a high-byte boundary splits */
    c = render_pdf_tounicode(used);
    assert_non_null(strstr(c, "5 beginbfrange\n"));
    assert_non_null(strstr(c, "<0041> <0043> <0041>\n"));
    assert_non_null(strstr(c, "<005A> <005A> <005A>\n"));
    assert_non_null(strstr(c, "<00FF> <00FF> <00FF>\n<0100> <0100> <0100>\n"));
    assert_non_null(strstr(c, "<C870> <C870> <C870>\n"));
    assert_null(strstr(c, "begincidrange"));
    free(c);
    for (unsigned cp = 0; cp < 0x10000; cp += 2) /* 32768 single entries: blocks of 100 */
        set(used, cp);
    c = render_pdf_tounicode(used);
    assert_null(strstr(c, "101 beginbfrange"));
    assert_non_null(strstr(c, "100 beginbfrange"));
    assert_null(strstr(c, "<D800>")); /* surrogates are never mapped */
    free(c);
    free(used);
}

/* A minimal TrueType with one cmap (3,1) format 4 subtable mapping 'A'..'C'
 * to glyphs 1..3 (idDelta) and 0xAC00 via glyphIdArray. */
static size_t tiny_ttf(unsigned char *b)
{
    size_t n = 0;
    unsigned char cmap[64];
    size_t c = 0;
#define P16(a, v) (a[c] = (unsigned char)((v) >> 8), a[c + 1] = (unsigned char)(v), c += 2)
    P16(cmap, 0), P16(cmap, 1), P16(cmap, 3), P16(cmap, 1), P16(cmap, 0), P16(cmap, 12);
    /* format 4, 3 segments: [0x41-0x43 delta -0x40], [0xAC00 via array], [0xFFFF] */
    P16(cmap, 4), P16(cmap, 40), P16(cmap, 0), P16(cmap, 6), P16(cmap, 4), P16(cmap, 1),
        P16(cmap, 2);
    P16(cmap, 0x43), P16(cmap, 0xAC00), P16(cmap, 0xFFFF), P16(cmap, 0);
    P16(cmap, 0x41), P16(cmap, 0xAC00), P16(cmap, 0xFFFF);
    P16(cmap, (unsigned)(0x10000 - 0x40)), P16(cmap, 0), P16(cmap, 1);
    P16(cmap, 0), P16(cmap, 4), P16(cmap, 0);
    P16(cmap, 7); /* glyphIdArray[0] for 0xAC00 */
#undef P16
    memset(b, 0, 12 + 16);
    b[5] = 1; /* one table */
    memcpy(b + 12, "cmap", 4);
    b[12 + 11] = 28; /* offset */
    b[12 + 15] = (unsigned char)c;
    n = 28;
    memcpy(b + n, cmap, c);
    return n + c;
}

static int has(const unsigned char *cover, unsigned cp)
{
    return cover[cp >> 3] >> (cp & 7) & 1;
}

static void test_cmap(void **state)
{
    unsigned char ttf[128], *cover = calloc(RFONT_BITMAP, 1);
    size_t n = tiny_ttf(ttf);
    (void)state;
    assert_int_equal(render_fonts_cmap(ttf, n, cover), 0);
    assert_true(has(cover, 'A') && has(cover, 'C') && has(cover, 0xAC00));
    assert_false(has(cover, '@') || has(cover, 'D') || has(cover, 0xAC01) || has(cover, 0xFFFF));
    for (size_t cut = 0; cut < n; cut++) { /* every truncation fails cleanly or parses a prefix */
        memset(cover, 0, RFONT_BITMAP);
        (void)render_fonts_cmap(ttf, cut, cover);
    }
    assert_int_equal(render_fonts_cmap((const unsigned char *)"junk", 4, cover), -1);
    free(cover);
}

static void test_repair(void **state)
{
    size_t len = 0;
    struct render_fonts f;
    (void)state;
    memset(&f, 0, sizeof f);
    assert_null(render_pdf_repair((const unsigned char *)"%PDF-1.3\nstartxref\n5\n", 21, &f, &len));
    assert_null(render_pdf_repair((const unsigned char *)"", 0, &f, &len));
    {
        static const char broken[] = "%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n"
                                     "0000000000 65535 f\r\n0000009999 00000 n\r\n"
                                     "trailer\n<< /Size 2 >>\nstartxref\n29\n%%EOF\n";
        assert_null(render_pdf_repair((const unsigned char *)broken, sizeof broken - 1, &f, &len));
    }
}

static void test_document(void **state)
{
    struct render_pdf_err e;
    struct diag d = {.prog = "test"};
    struct render_fonts fonts;
    struct layout L;
    HPDF_Doc pdf;
    unsigned char *out;
    size_t len = 0;
    static const struct lay_style st = {RFONT_REGULAR, 10, 12, 0, 0, 0};
    struct lay_run run = {"The Korea-U.S. Integrated Defense Dialogue met in Washington "
                          "with \xEC\xA1\xB0\xEC\xB0\xBD\xEB\x9E\x98 leading.",
                          &st, 0, 0};
    double wide, narrow;
    (void)state;
    memset(&e, 0, sizeof e);
    e.d = &d;
    pdf = render_pdf_new(&e);
    assert_non_null(pdf);
    assert_int_equal(render_fonts_init(&fonts, pdf, &d), 0);
    lay_init(&L, pdf, &fonts, 612, 792);
    wide = lay_para_height(&L, &run, 1, 500);
    narrow = lay_para_height(&L, &run, 1, 80);
    assert_true(wide == 12.0);
    assert_true(narrow > 3 * 12.0);
    assert_true(lay_width(&L, &st, "WWW") > lay_width(&L, &st, "iii"));
    lay_para(&L, &run, 1, L.x0, 80, LAY_LEFT);
    for (size_t i = 0; i < L.nboxes; i++) {
        assert_true(L.boxes[i].x1 <= L.x0 + 80 + 0.01);
        assert_true(L.boxes[i].x0 >= L.x0 - 0.01);
    }
    lay_finish(&L, "left", "right");
    out = render_pdf_save(pdf, &fonts, &e, "test", &len);
    assert_non_null(out);
    assert_true(len > 1000);
    assert_memory_equal(out, "%PDF-", 5);
    {
        /* the rebuilt xref must point at the objects it names */
        char *text = malloc(len + 1), *x, *p;
        unsigned long off, count;
        memcpy(text, out, len);
        text[len] = '\0';
        for (size_t i = 0; i < len; i++)
            if (!text[i])
                text[i] = ' ';
        p = strstr(text, "startxref\n");
        assert_non_null(p);
        off = strtoul(p + 10, NULL, 10);
        assert_memory_equal(text + off, "xref\n0 ", 7);
        count = strtoul(text + off + 7, &x, 10);
        x = strchr(x, '\n') + 1 + 20; /* skip object 0 */
        for (unsigned long i = 1; i < count; i++, x += 20) {
            char want[32];
            unsigned long o = strtoul(x, NULL, 10);
            snprintf(want, sizeof want, "%lu 0 obj", i);
            assert_memory_equal(text + o, want, strlen(want));
        }
        assert_non_null(strstr(text, "/ID [<"));
        assert_null(strstr(text, "begincidrange"));
        free(text);
    }
    free(out);
    lay_free(&L);
    render_pdf_free(pdf);
    render_fonts_free(&fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),    cmocka_unit_test(test_tounicode),
        cmocka_unit_test(test_cmap),     cmocka_unit_test(test_repair),
        cmocka_unit_test(test_document),
    };
    xalloc_init("test_render");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
