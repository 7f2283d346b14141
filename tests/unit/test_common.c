/* test_common.c - unit tests of the common library. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "evidence.h"
#include "fileio.h"
#include "jsonio.h"
#include "jsonread.h"
#include "offmap.h"
#include "sha256.h"
#include "utf8.h"
#include "xalloc.h"

static void test_sha256_vectors(void **state)
{
    char hex[65];
    (void)state;
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha256_hex(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopq"
        "rlmnopqrsmnopqrstnopqrstu",
        112, hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* FIPS 180-2's one million 'a', fed in pieces of every size from 1 to 200
 * bytes: partial blocks, whole blocks straight from the input, and both. */
static void test_sha256_pieces(void **state)
{
    static const char hexd[] = "0123456789abcdef";
    char chunk[200], hex[65];
    unsigned char d[32];
    struct sha256 c;
    size_t left = 1000000, k = 1;
    (void)state;
    memset(chunk, 'a', sizeof chunk);
    sha256_init(&c);
    while (left) {
        size_t n = k < left ? k : left;
        sha256_update(&c, chunk, n);
        left -= n;
        k = k % 200 + 1;
    }
    sha256_final(&c, d);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = hexd[d[i] >> 4];
        hex[2 * i + 1] = hexd[d[i] & 15];
    }
    hex[64] = '\0';
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* jansson's own dump of DOC plus the newline: what jsonio_dumps must give. */
static char *jansson_dumps(const json_t *doc)
{
    char *j = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10) | JSON_ENCODE_ANY), *s;
    size_t n;
    assert_non_null(j);
    n = strlen(j);
    s = malloc(n + 2);
    assert_non_null(s);
    memcpy(s, j, n);
    xalloc_json_free(j);
    s[n] = '\n';
    s[n + 1] = '\0';
    return s;
}

/* jsonio's writer gives jansson's bytes: escapes (quotes, backslash,
 * control bytes, DEL and U+2028 kept), UTF-8, NUL inside a string, integers
 * at the limits, reals, empty containers, nesting, key order and odd keys. */
static void test_jsonio_dumps_like_jansson(void **state)
{
    json_t *doc = json_object(), *arr = json_array(), *inner = json_object();
    char *want, *got;
    size_t len;
    (void)state;
    json_object_set_new(doc, "esc", json_string("q\" b\\ / \b\f\n\r\t \x01\x1F \x7F end"));
    json_object_set_new(doc, "utf8",
                        json_string("caf\xC3\xA9 \xE2\x80\x99 \xE2\x80\xA8 \xF0\x9F\x98\x80"));
    json_object_set_new(doc, "long",
                        json_string("an ordinary sentence longer than eight bytes, "
                                    "with a \"quote\" past the first words"));
    /* every byte that needs an escape, at each place in a 16- and 8-byte
     * block of a long ASCII string */
    for (const char *e = "\"\\\x01\x1F\n"; *e; e++)
        for (size_t at = 0; at < 40; at += 3) {
            char str[48], key[16];
            memset(str, 'x', sizeof str - 1);
            str[sizeof str - 1] = '\0';
            str[at] = *e;
            snprintf(key, sizeof key, "k%02x_%zu", (unsigned char)*e, at);
            json_object_set_new(doc, key, json_string(str));
        }
    json_object_set_new(doc, "nul", json_stringn("a\0b", 3));
    json_object_set_new(doc, "empty", json_string(""));
    json_object_set_new(doc, "ints", arr);
    json_array_append_new(arr, json_integer(0));
    json_array_append_new(arr, json_integer(-42));
    json_array_append_new(arr, json_integer(9007199254740993LL));
    json_array_append_new(arr, json_integer(INT64_MIN));
    json_array_append_new(arr, json_real(0.5));
    json_array_append_new(arr, json_real(1e21));
    json_array_append_new(arr, json_array());
    json_array_append_new(arr, json_object());
    json_object_set_new(inner, "t", json_true());
    json_object_set_new(inner, "f", json_false());
    json_object_set_new(inner, "n", json_null());
    json_object_set_new(inner, "r", json_real(0.1));
    json_object_set_new(doc, "ke\"y\n", inner);
    want = jansson_dumps(doc);
    got = jsonio_dumpsn(doc, &len);
    assert_string_equal(got, want);
    assert_int_equal(len, strlen(want));
    free(got);
    got = jsonio_dumps(json_array_get(arr, 1)); /* a bare scalar (JSON_ENCODE_ANY) */
    assert_string_equal(got, "-42\n");
    free(got);
    free(want);
    json_decref(doc);
}

static void test_utf8_decode(void **state)
{
    size_t i = 0;
    (void)state;
    assert_int_equal(utf8_next("\xE2\x80\x94", 3, &i), 0x2014);
    assert_int_equal(i, 3);
    i = 0;
    assert_int_equal(utf8_next("\xC0\xAF", 2, &i), UTF8_BAD); /* overlong */
    assert_int_equal(i, 1);
    i = 0;
    assert_int_equal(utf8_next("\xED\xA0\x80", 3, &i), UTF8_BAD); /* surrogate */
    i = 0;
    assert_int_equal(utf8_next("\xE2\x80", 2, &i), UTF8_BAD); /* truncated */
    assert_int_equal(utf8_valid_prefix("ab\xFF"
                                       "cd",
                                       5),
                     2);
    assert_int_equal(utf8_count("h\xC3\xA9llo \xF0\x9F\x98\x80", 11), 7);
}

static void test_utf8_fold(void **state)
{
    char *f;
    (void)state;
    const char *in = "  The \xE2\x80\x9CIronclad\xE2\x80\x9D  Alliance\xE2\x80\x94U.S.\n";
    f = utf8_fold(in, strlen(in));
    assert_string_equal(f, "the \"ironclad\" alliance-u.s.");
    free(f);
    f = utf8_squeeze("a \xC2\xA0 b\n\nc", 10);
    assert_string_equal(f, "a b c");
    free(f);
    /* only spaces and invisible characters: an empty string, terminated */
    f = utf8_fold(" \t\xE2\x80\x8B\n", 6);
    assert_string_equal(f, "");
    free(f);
    f = utf8_squeeze("  \n", 3);
    assert_string_equal(f, "");
    free(f);
    /* the already-squeezed fast path and the general path agree */
    static const char *const cases[][2] = {{"The two sides met.", "The two sides met."},
                                           {"a  b", "a b"},
                                           {" a", "a"},
                                           {"a ", "a"},
                                           {"a\tb", "a b"},
                                           {"caf\xC3\xA9 au lait", "caf\xC3\xA9 au lait"},
                                           {"a\xE2\x80\x89"
                                            "b",
                                            "a b"},
                                           {"x\xFFy", "x\xEF\xBF\xBDy"},
                                           {"", ""}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        f = utf8_squeeze(cases[i][0], strlen(cases[i][0]));
        assert_string_equal(f, cases[i][1]);
        free(f);
    }
}

static void test_buf(void **state)
{
    struct buf b = BUF_INIT;
    char *s;
    (void)state;
    assert_string_equal(buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    buf_reset(&b);
    buf_put_utf8(&b, 0xD55C);
    assert_string_equal(buf_str(&b), "\xED\x95\x9C");
    s = buf_take(&b);
    assert_string_equal(s, "\xED\x95\x9C");
    free(s);
    buf_free(&b);
}

/* Source "ab\r\ncd\xC2\xA0" "ef" normalised to "ab cd ef". */
static void test_offmap_roundtrip(void **state)
{
    struct offmap m, r;
    struct diag d = {.prog = "test"};
    json_t *block, *map;
    (void)state;
    offmap_begin(&m, 100);
    offmap_replace(&m, 2, 102, 3, 104); /* \r\n -> ' ' */
    offmap_replace(&m, 5, 106, 6, 108); /* NBSP -> ' ' */
    offmap_end(&m, 8, 110);
    map = offmap_to_json(&m);
    assert_non_null(map);
    block =
        json_pack("{s:s, s:i, s:i, s:o}", "text", "ab cd ef", "start", 100, "end", 110, "map", map);
    assert_int_equal(offmap_from_block(&r, block, &d), 0);
    assert_int_equal(offmap_src(&r, 0, 0), 100);
    assert_int_equal(offmap_src(&r, 1, 0), 101);
    assert_int_equal(offmap_src(&r, 2, 1), 102); /* end before the break */
    assert_int_equal(offmap_src(&r, 3, 0), 104); /* "c" */
    assert_int_equal(offmap_src(&r, 6, 0), 108); /* "e" */
    assert_int_equal(offmap_src(&r, 8, 1), 110);
    json_t *ev = evidence_new(&r, "ab cd ef", 3, 8, "paragraph");
    assert_int_equal(json_integer_value(json_object_get(ev, "start")), 104);
    assert_int_equal(json_integer_value(json_object_get(ev, "end")), 110);
    assert_string_equal(json_string_value(json_object_get(ev, "text")), "cd ef");
    json_decref(ev);
    json_decref(block);
    offmap_free(&m);
    offmap_free(&r);
}

static void test_offmap_verbatim_has_no_map(void **state)
{
    struct offmap m;
    (void)state;
    offmap_begin(&m, 7);
    offmap_replace(&m, 1, 8, 2, 9); /* same length: verbatim */
    offmap_end(&m, 5, 12);
    assert_null(offmap_to_json(&m));
    offmap_free(&m);
}

static void test_atomic_write(void **state)
{
    char dir[] = "/tmp/briefing-test-XXXXXX";
    struct diag d = {.prog = "test"};
    char *path, *back;
    size_t len;
    (void)state;
    assert_non_null(mkdtemp(dir));
    path = fileio_join(dir, "out.json");
    assert_int_equal(fileio_write_atomic(path, "{}\n", 3, &d), 0);
    back = fileio_read(path, 100, &len, &d);
    assert_non_null(back);
    assert_int_equal(len, 3);
    free(back);
    /* a file larger than the limit is refused with a message naming it */
    assert_null(fileio_read(path, 2, &len, &d));
    assert_non_null(strstr(d.msg, "larger than the limit"));
    /* one of exactly the limit is read, as from a pipe */
    back = fileio_read(path, 3, &len, &d);
    assert_non_null(back);
    assert_int_equal(len, 3);
    free(back);
    /* a directory is refused */
    assert_null(fileio_read(dir, 100, &len, &d));
    assert_non_null(strstr(d.msg, "is a directory"));
    /* writing into a missing directory fails and names the target */
    char *bad = fileio_join(dir, "missing/out.json");
    assert_int_equal(fileio_write_atomic(bad, "x", 1, &d), -1);
    assert_string_equal(d.file, bad);
    free(bad);
    unlink(path);
    rmdir(dir);
    free(path);
}

static void test_stem(void **state)
{
    char *s;
    (void)state;
    s = fileio_stem("dir/some file.v2.txt");
    assert_string_equal(s, "some file.v2");
    free(s);
    s = fileio_stem(".hidden");
    assert_string_equal(s, ".hidden");
    free(s);
    assert_string_equal(fileio_basename("-"), "<stdin>");
}

static void test_jsonio_error_position(void **state)
{
    struct diag d = {.prog = "test"};
    (void)state;
    assert_null(jsonio_loadb("{\n  \"a\": [1,\n", 13, "x.json", &d));
    assert_string_equal(d.file, "x.json");
    assert_true(d.line >= 2);
    json_t *s = jsonio_stringn("ok\xFF", 3);
    assert_string_equal(json_string_value(s), "ok\xEF\xBF\xBD");
    json_decref(s);
}

/* ---- the fast reader (jsonread.c) against jansson's json_loadb ---------- */

#define JR_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY)

/* The fast reader's verdict on TEXT must agree with jansson: when it
 * returns a value, jansson returns the same one (same dump, key order,
 * types). Returns whether the fast reader took it. */
static int jr_agrees(const char *text, size_t len)
{
    json_error_t err;
    json_t *fast = jsonread_fast(text, len), *ref = json_loadb(text, len, JR_FLAGS, &err);
    int took = fast != NULL;
    if (fast) {
        char *a, *b;
        if (!ref)
            fail_msg("fast reader accepted what jansson rejects (%s): %.*s", err.text, (int)len,
                     text);
        a = jsonio_dumps(fast);
        b = jsonio_dumps(ref);
        if (strcmp(a, b) != 0 || !json_equal(fast, ref))
            fail_msg("fast reader's value differs from jansson's for %.*s", (int)len, text);
        free(a);
        free(b);
    }
    json_decref(fast);
    json_decref(ref);
    return took;
}

static void test_jsonread_takes_valid(void **state)
{
    static const char *const docs[] = {
        "{}",
        "[]",
        " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\n",
        "{\n  \"format\": \"x\",\n  \"blocks\": [\n    {\n      \"kind\": \"paragraph\",\n"
        "      \"start\": 0,\n      \"end\": 12\n    }\n  ]\n}\n",
        "\"a string longer than eight bytes with caf\xC3\xA9 and \xE2\x80\x99 and "
        "\xF0\x9F\x98\x80 at odd places \x7F\"",
        "\"esc: \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
        "\"\\u00e9\\u00C9 \\u2028 \\ud83d\\ude00 \\uFFFF\"",
        "{\"k\\\"ey\": {\"in\\ner\": \"v\\u0041\"}, \"k2\": \"\"}",
        "[0, -0, 7, -42, 123456789012345678, -123456789012345678]",
        "[0.5, -1.5E-3, 1e21, 2E+2, 0e0, 1e-400, 3.14159265358979323846]",
        "[true, false, null, [[[]]], {\"\": null}]",
        "42",
        "-0.0",
        "null",
        "\"\"",
    };
    (void)state;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        if (!jr_agrees(docs[i], strlen(docs[i])))
            fail_msg("fast reader declined valid %s", docs[i]);
}

static void test_jsonread_declines(void **state)
{
    /* errors (jansson's message is reported) and valid rarities left to it */
    static const char *const docs[] = {
        "",
        " ",
        "{",
        "[",
        "}",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{a:1}",
        "[1 2]",
        "01",
        "-01",
        "1.",
        "1.e3",
        "1e",
        "1e+",
        "-",
        ".5",
        "+1",
        "tru",
        "truex",
        "nul",
        "nullx",
        "NaN",
        "\"\\u0000\"",
        "{\"a\\u0000\":1}",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\x\"",
        "\"\\\"",
        "\"a\x01\"",
        "\"tab\tin\"",
        "\"\xC3\"",
        "\"\xC0\x80\"",
        "\"\xED\xA0\x80\"",
        "\"\xF4\x90\x80\x80\"",
        "\"\xFF\"",
        "\"abc",
        "{\"a\":1,\"a\":2}",
        "[1] x",
        "{} {}",
        "\xEF\xBB\xBF{}",
        "1e999",
        "-1e999",
        "1234567890123456789",
        "-9223372036854775808",
        "99999999999999999999",
        "[1]\x01",
    };
    (void)state;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        if (jr_agrees(docs[i], strlen(docs[i])))
            fail_msg("fast reader took %s", docs[i]);
    /* a NUL byte inside the buffer, and nesting deeper than the reader goes */
    assert_false(jr_agrees("[1]\0", 4));
    assert_false(jr_agrees("\"a\0b\"", 5));
    {
        char deep[2 * 300 + 1];
        memset(deep, '[', 300);
        memset(deep + 300, ']', 300);
        deep[600] = '\0';
        assert_false(jr_agrees(deep, 600));
        assert_true(jr_agrees(deep + 100, 400)); /* 200 levels: taken */
    }
}

/* Mutations of a document (bytes replaced, dropped, duplicated) with a
 * fixed-seed generator: whatever the fast reader takes, jansson reads the
 * same; a good share of the originals must be taken, or the test proves
 * nothing. */
static void test_jsonread_mutations(void **state)
{
    static const char base[] =
        "{\"a\": [1, -2, 3.5e2, true, false, null], \"s\": \"caf\xC3\xA9 \\u00e9 \\n \\\\ "
        "\\ud83d\\ude00\", \"o\": {\"x\": {}, \"y\": [[]], \"\": \"\"}, \"n\": 0}";
    static const char alphabet[] = "{}[]:,\"\\ u0123456789abcdefe.-+EtrnlsAZ\x01\x7F\xC3\xA9\xFF";
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char doc[256];
    int taken = 0, n = 20000;
    (void)state;
    for (int i = 0; i < n; i++) {
        size_t len = sizeof base - 1;
        memcpy(doc, base, len);
        for (int k = 0; k < 1 + i % 3; k++) {
            size_t at;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            at = (size_t)(x % len);
            switch ((x >> 32) % 3) {
            case 0:
                doc[at] = alphabet[(x >> 40) % (sizeof alphabet - 1)];
                break;
            case 1:
                memmove(doc + at, doc + at + 1, len - at - 1);
                len--;
                break;
            default:
                if (len + 1 < sizeof doc) {
                    memmove(doc + at + 1, doc + at, len - at);
                    len++;
                }
            }
        }
        taken += jr_agrees(doc, len);
    }
    assert_true(jr_agrees(base, sizeof base - 1));
    assert_true(taken > n / 20);
}

/* jansson allocates through xalloc's small-block cache: blocks of every
 * size class are freed and handed out again while others live; no live
 * value may change, and json_dumps's result goes back through
 * xalloc_json_free. */
static void test_json_block_cache(void **state)
{
    enum { N = 3000 };
    static json_t *live[N];
    char text[400];
    (void)state;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N; i++) {
            size_t n = (size_t)(i * 7 + round) % 300;
            if (live[i] && (i + round) % 2)
                continue;
            json_decref(live[i]);
            memset(text, 'a' + (i + round) % 26, n);
            live[i] = json_stringn(text, n);
            assert_non_null(live[i]);
        }
        for (int i = 0; i < N; i++) {
            const char *v = json_string_value(live[i]);
            size_t n = json_string_length(live[i]);
            for (size_t k = 0; k < n; k++)
                if (v[k] != v[0])
                    fail_msg("string %d changed at byte %zu", i, k);
        }
    }
    {
        char *d = json_dumps(live[1], JSON_ENCODE_ANY);
        assert_non_null(d);
        assert_int_equal(d[0], '"');
        xalloc_json_free(d);
    }
    for (int i = 0; i < N; i++) {
        json_decref(live[i]);
        live[i] = NULL;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_sha256_pieces),
        cmocka_unit_test(test_jsonio_dumps_like_jansson),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_fold),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_offmap_roundtrip),
        cmocka_unit_test(test_offmap_verbatim_has_no_map),
        cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_stem),
        cmocka_unit_test(test_jsonio_error_position),
        cmocka_unit_test(test_jsonread_takes_valid),
        cmocka_unit_test(test_jsonread_declines),
        cmocka_unit_test(test_jsonread_mutations),
        cmocka_unit_test(test_json_block_cache),
    };
    xalloc_init("test_common");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
