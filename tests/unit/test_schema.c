/* test_schema.c - unit tests of the JSON Schema validator: messages
 * (pointer, keyword, schema location, plain words), keyword handling, $ref
 * resolution, the regex subset, formats, URI resolution and speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "schema.h"
#include "schema_format.h"
#include "schema_regex.h"
#include "schema_uri.h"
#include "xalloc.h"

static json_t *parse(const char *text)
{
    json_error_t err;
    json_t *j = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!j)
        fail_msg("bad test JSON %s: %s", text, err.text);
    return j;
}

static struct schema *compile(const char *text, struct diag *d)
{
    json_t *doc = parse(text);
    struct schema *s = schema_compile(doc, "test.schema.json", d);
    json_decref(doc);
    return s;
}

/* Violations of INST against SCHEMA as one string ("" when valid). */
static char *errors_of(const char *schema, const char *inst, int *count)
{
    struct diag d = {.prog = "test"};
    struct schema *s;
    json_t *j;
    char *out;
    diag_clear(&d);
    s = compile(schema, &d);
    if (!s)
        fail_msg("schema refused: %s", d.msg);
    j = parse(inst);
    out = schema_errors(s, j, 0, count);
    json_decref(j);
    schema_free(s);
    return out ? out : xstrdup("");
}

static int is_valid(const char *schema, const char *inst)
{
    int n = -1;
    char *e = errors_of(schema, inst, &n);
    free(e);
    return n == 0;
}

static void test_format_message(void **state)
{
    int n;
    char *e = errors_of("{\"$defs\":{\"date\":{\"type\":\"string\",\"format\":\"date\"}},"
                        "\"properties\":{\"meeting\":{\"properties\":{\"start_date\":"
                        "{\"$ref\":\"#/$defs/date\"}}}}}",
                        "{\"meeting\":{\"start_date\":\"2023-9-18\"}}", &n);
    (void)state;
    assert_int_equal(n, 1);
    assert_non_null(strstr(e, "/meeting/start_date: \"2023-9-18\" is not a valid date "
                              "(format: date at #/$defs/date/format)"));
    free(e);
}

static void test_all_violations_named(void **state)
{
    int n;
    char *e = errors_of("{\"type\":\"object\",\"required\":[\"a\",\"b\"],"
                        "\"additionalProperties\":false,"
                        "\"properties\":{\"a\":{\"type\":\"integer\"},\"c\":{\"enum\":[1,2]},"
                        "\"l\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}",
                        "{\"a\":\"x\",\"c\":3,\"l\":[\"ok\",5],\"zz\":null}", &n);
    (void)state;
    assert_int_equal(n, 5);
    assert_non_null(strstr(e, "(root): required property \"b\" is missing (expected at /b) "
                              "(required at #/required)"));
    assert_non_null(strstr(e, "/a: expected integer, found string \"x\" (type at "
                              "#/properties/a/type)"));
    assert_non_null(strstr(e, "/c: expected one of [1,2], found integer 3 (enum at "
                              "#/properties/c/enum)"));
    assert_non_null(strstr(e, "/l/1: expected string, found integer 5 (type at "
                              "#/properties/l/items/type)"));
    assert_non_null(strstr(e, "/zz: property \"zz\" is not allowed here"));
    free(e);
}

static void test_pointer_escaping(void **state)
{
    int n;
    char *e = errors_of("{\"additionalProperties\":{\"type\":\"string\"}}", "{\"a/b~c\":1}", &n);
    (void)state;
    assert_int_equal(n, 1);
    assert_non_null(strstr(e, "/a~1b~0c: expected string"));
    free(e);
}

static void test_violation_limit(void **state)
{
    struct diag d = {.prog = "test"};
    struct schema *s;
    json_t *arr = json_array();
    char *out;
    int n = 0, lines = 0;
    (void)state;
    diag_clear(&d);
    s = compile("{\"items\":{\"type\":\"string\"}}", &d);
    assert_non_null(s);
    for (int i = 0; i < 100; i++)
        json_array_append_new(arr, json_integer(i));
    out = schema_errors(s, arr, 5, &n);
    assert_int_equal(n, 100);
    for (char *p = out; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, 6);
    assert_non_null(strstr(out, "(and 95 more violations)"));
    free(out);
    json_decref(arr);
    schema_free(s);
}

static void test_unknown_keywords(void **state)
{
    struct diag d = {.prog = "test"};
    struct schema *s;
    (void)state;
    diag_clear(&d);
    assert_null(compile("{\"type\":\"object\",\"requird\":[\"a\"]}", &d));
    assert_non_null(strstr(d.msg, "unsupported keyword \"requird\""));
    diag_clear(&d);
    assert_null(compile("{\"$defs\":{\"x\":{\"minimun\":1}}}", &d));
    assert_non_null(strstr(d.msg, "#/$defs/x: unsupported keyword \"minimun\""));
    /* keyword-like names in non-schema places are fine */
    s = compile("{\"properties\":{\"foo\":{}},\"const\":{\"bogus\":1},\"enum\":[{\"x\":1}],"
                "\"title\":\"t\",\"description\":\"d\",\"$comment\":\"c\",\"default\":{\"z\":1},"
                "\"examples\":[{\"q\":1}],\"deprecated\":false}",
                &d);
    assert_non_null(s);
    schema_free(s);
    diag_clear(&d);
    assert_null(compile("{\"minItems\":-1}", &d));
    assert_non_null(strstr(d.msg, "minItems must be a non-negative integer"));
    diag_clear(&d);
    assert_null(compile("{\"pattern\":\"(?=a)\"}", &d));
    assert_non_null(strstr(d.msg, "lookaround"));
    diag_clear(&d);
    assert_null(compile("{\"$ref\":\"#/$defs/missing\"}", &d));
    assert_non_null(strstr(d.msg, "points to nothing"));
}

static void test_numbers(void **state)
{
    (void)state;
    assert_true(is_valid("{\"multipleOf\":0.0001}", "0.0075"));
    assert_false(is_valid("{\"multipleOf\":0.0001}", "0.00751"));
    assert_false(is_valid("{\"type\":\"integer\",\"multipleOf\":0.123456789}", "1e308"));
    assert_true(is_valid("{\"multipleOf\":3}", "9"));
    assert_false(is_valid("{\"multipleOf\":3}", "10"));
    assert_true(is_valid("{\"type\":\"integer\"}", "1.0"));
    assert_false(is_valid("{\"type\":\"integer\"}", "1.5"));
    assert_true(is_valid("{\"const\":1}", "1.0"));
    assert_true(is_valid("{\"enum\":[[1.0,{\"a\":2}]]}", "[1,{\"a\":2.0}]"));
    assert_false(is_valid("{\"uniqueItems\":true}", "[1,\"1\",1.0]"));
    assert_true(is_valid("{\"uniqueItems\":true}", "[1,\"1\",true,[1],{\"a\":1},{\"a\":2}]"));
    assert_false(is_valid("{\"const\":false}", "0"));
    assert_true(is_valid("{\"exclusiveMaximum\":3,\"minimum\":-1}", "2.5"));
    assert_false(is_valid("{\"exclusiveMaximum\":3}", "3"));
    assert_true(is_valid("{\"maximum\":9223372036854775807}", "9223372036854775807"));
}

static void test_refs(void **state)
{
    const char *s = "{\"$defs\":{\"a/b\":{\"type\":\"integer\"},\"c%d\":{\"type\":\"string\"},"
                    "\"t~\":{\"$anchor\":\"tee\",\"type\":\"boolean\"}},"
                    "\"properties\":{\"x\":{\"$ref\":\"#/$defs/a~1b\"},"
                    "\"y\":{\"$ref\":\"#/$defs/c%25d\"},\"z\":{\"$ref\":\"#tee\"},"
                    "\"w\":{\"$ref\":\"#/$defs/t~0\"}}}";
    int n;
    char *e;
    (void)state;
    assert_true(is_valid(s, "{\"x\":1,\"y\":\"s\",\"z\":true,\"w\":false}"));
    e = errors_of(s, "{\"x\":\"1\",\"y\":2,\"z\":0,\"w\":0}", &n);
    assert_int_equal(n, 4);
    assert_non_null(strstr(e, "/y: expected string, found integer 2 (type at "
                              "#/$defs/c%d/type)"));
    free(e);
    /* $id changes the base for relative refs inside it */
    assert_false(is_valid("{\"$id\":\"http://x.org/root.json\",\"properties\":{\"p\":"
                          "{\"$ref\":\"item.json\"}},\"$defs\":{\"i\":{\"$id\":\"item.json\","
                          "\"type\":\"string\"}}}",
                          "{\"p\":1}"));
}

static void test_ref_loop(void **state)
{
    int n;
    char *e =
        errors_of("{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"$ref\":\"#/$defs/a\"}},"
                  "\"$ref\":\"#/$defs/a\"}",
                  "1", &n);
    (void)state;
    assert_true(n >= 1);
    assert_non_null(strstr(e, "loops"));
    free(e);
    /* recursion that consumes the instance is fine */
    assert_true(is_valid("{\"properties\":{\"c\":{\"$ref\":\"#\"}},\"type\":\"object\"}",
                         "{\"c\":{\"c\":{\"c\":{}}}}"));
}

static void test_applicators(void **state)
{
    int n;
    char *e;
    (void)state;
    e = errors_of("{\"oneOf\":[{\"type\":\"integer\"},{\"minimum\":0}]}", "3", &n);
    assert_non_null(strstr(e, "matches alternatives 0 and 1 of oneOf, expected exactly one"));
    free(e);
    e = errors_of("{\"if\":{\"properties\":{\"k\":{\"const\":\"a\"}}},"
                  "\"then\":{\"required\":[\"v\"]}}",
                  "{\"k\":\"a\"}", &n);
    assert_non_null(strstr(e, "required property \"v\" is missing (expected at /v) "
                              "(required at #/then/required)"));
    free(e);
    assert_true(is_valid("{\"not\":{\"type\":\"string\"}}", "1"));
    assert_false(is_valid("{\"contains\":{\"const\":2},\"maxContains\":1}", "[2,2]"));
    assert_true(is_valid("{\"dependentRequired\":{\"a\":[\"b\"]}}", "{\"b\":1}"));
    assert_false(is_valid("{\"dependentRequired\":{\"a\":[\"b\"]}}", "{\"a\":1}"));
    assert_false(is_valid("{\"propertyNames\":{\"maxLength\":2}}", "{\"abc\":1}"));
    assert_true(is_valid("{\"minLength\":2,\"maxLength\":2}", "\"\xed\x95\x9c\xea\xb5\xad\""));
    assert_false(is_valid("false", "null"));
}

static int rx(const char *pat, const char *s)
{
    char err[128];
    struct sregex *re = sregex_compile(pat, strlen(pat), err, sizeof err);
    int r;
    if (!re)
        fail_msg("regex %s refused: %s", pat, err);
    r = sregex_search(re, s, strlen(s));
    sregex_free(re);
    return r;
}

static void test_regex(void **state)
{
    char err[128];
    char *longa;
    (void)state;
    assert_true(rx("^[a-z]+$", "abc"));
    assert_false(rx("^[a-z]+$", "abC"));
    assert_true(rx("\\d{2,3}", "x12"));
    assert_false(rx("^\\d{2,3}$", "1234"));
    assert_true(rx("^(KIDD|SCM|NCG)-\\d+$", "SCM-55"));
    assert_false(rx("^(KIDD|SCM|NCG)-\\d+$", "SCMX-55"));
    assert_true(rx("^\\p{L}+$", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"));
    assert_true(rx("^\\p{Letter}+$", "\xc3\x9c"
                                     "n\xc3\xaf"
                                     "code"));
    assert_false(rx("^\\p{L}+$", "a1"));
    assert_true(rx("^\\P{L}$", "1"));
    assert_true(rx("^[^\\s]+\\b", "word"));
    assert_true(rx("^.$", "\xf0\x9f\x98\x80"));
    assert_true(rx("^\\u00e9$", "\xc3\xa9"));
    assert_true(rx("^a{0}b?$", ""));
    assert_true(rx("[\\-.]", "-"));
    assert_true(rx("^(?:ab)*$", "abab"));
    assert_false(rx("^(?:ab)*$", "aba"));
    assert_null(sregex_compile("(a", 2, err, sizeof err));
    assert_null(sregex_compile("a**", 3, err, sizeof err));
    assert_null(sregex_compile("(a)\\1", 5, err, sizeof err));
    assert_null(sregex_compile("[z-a]", 5, err, sizeof err));
    assert_null(sregex_compile("a{1000000}", 10, err, sizeof err));
    /* a backtracking bomb is linear here */
    longa = xmalloc(100001);
    memset(longa, 'a', 100000);
    longa[100000] = '\0';
    assert_false(rx("^(a*)*b$", longa));
    free(longa);
}

static void test_formats(void **state)
{
    (void)state;
    assert_true(sformat_check(SFORMAT_DATE, "2024-02-29", 10));
    assert_false(sformat_check(SFORMAT_DATE, "2023-02-29", 10));
    assert_false(sformat_check(SFORMAT_DATE, "1900-02-29", 10));
    assert_true(sformat_check(SFORMAT_DATE, "2000-02-29", 10));
    assert_false(sformat_check(SFORMAT_DATE, "2023-9-18", 9));
    assert_false(sformat_check(SFORMAT_DATE, "2023-04-31", 10));
    assert_true(sformat_check(SFORMAT_DATE_TIME, "2023-09-18T10:00:00+09:00", 25));
    assert_false(sformat_check(SFORMAT_DATE_TIME, "2023-09-18 10:00:00Z", 20));
    assert_true(sformat_check(SFORMAT_DATE_TIME, "1998-12-31T23:59:60Z", 20));
    assert_false(sformat_check(SFORMAT_DATE_TIME, "1998-12-31T22:59:60Z", 20));
    assert_true(sformat_check(SFORMAT_EMAIL, "a.b@example.org", 15));
    assert_false(sformat_check(SFORMAT_EMAIL, "a..b@example.org", 16));
    assert_true(sformat_check(SFORMAT_URI, "https://www.defense.gov/News/", 29));
    assert_false(sformat_check(SFORMAT_URI, "/relative", 9));
}

static void test_uri_resolve(void **state)
{
    static const char *const cases[][2] = {
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y#s", "http://a/b/c/g?y#s"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"g/../h", "http://a/b/c/h"},
        {"urn:x:y", "urn:x:y"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *r = suri_resolve("http://a/b/c/d;p?q", cases[i][0]);
        assert_string_equal(r, cases[i][1]);
        free(r);
    }
}

static void test_check_missing_schema(void **state)
{
    struct diag d = {.prog = "test"};
    json_t *doc = json_object();
    (void)state;
    diag_clear(&d);
    assert_int_equal(schema_check("no-such-schema-here", doc, "x.json", &d), -1);
    assert_non_null(strstr(d.msg, "not found"));
    json_decref(doc);
    schema_cache_free();
}

/* schema_check finds schemas/NAME.schema.json under $BRIEFING_HOME, follows
 * a relative $ref to a sibling file, and puts every violation in D, one
 * full "prog: file: /pointer: ..." line each. */
static void test_check_messages(void **state)
{
    char dir[] = "/tmp/test_schema.XXXXXX";
    char path[256];
    struct diag d = {.prog = "extract"};
    json_t *doc;
    FILE *f;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/schemas", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/schemas/t.schema.json", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"$id\":\"https://x.example/schemas/t.schema.json\",\"type\":\"object\","
          "\"properties\":{\"d\":{\"$ref\":\"common.schema.json#/$defs/date\"},"
          "\"n\":{\"type\":\"integer\"}}}",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/schemas/common.schema.json", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"$defs\":{\"date\":{\"type\":\"string\",\"format\":\"date\"}}}", f);
    fclose(f);
    setenv("BRIEFING_HOME", dir, 1);
    diag_clear(&d);
    doc = parse("{\"d\":\"2023-9-18\",\"n\":\"x\"}");
    assert_int_equal(schema_check("t", doc, "meetings/x.json", &d), -1);
    assert_string_equal(d.file, "meetings/x.json");
    assert_non_null(strstr(d.msg, "/d: \"2023-9-18\" is not a valid date (format: date at "
                                  "common.schema.json#/$defs/date/format)"));
    assert_non_null(strstr(d.msg, "\nextract: meetings/x.json: /n: expected integer"));
    json_decref(doc);
    doc = parse("{\"d\":\"2024-02-29\",\"n\":1}");
    assert_int_equal(schema_check("t", doc, "meetings/x.json", &d), 0);
    json_decref(doc);
    schema_cache_free();
    unsetenv("BRIEFING_HOME");
    remove(path);
    snprintf(path, sizeof path, "%s/schemas/t.schema.json", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/schemas", dir);
    rmdir(path);
    rmdir(dir);
}

/* A ~10 MB instance validates in well under a second (not timed under ASan). */
static void test_speed(void **state)
{
    struct diag d = {.prog = "test"};
    struct schema *s;
    json_t *arr = json_array();
    const char *label = getenv("SUITE_LABEL");
    clock_t t0;
    double secs;
    char *dump;
    size_t bytes;
    (void)state;
    diag_clear(&d);
    s = compile("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/ev\"},\"$defs\":{\"ev\":"
                "{\"type\":\"object\",\"required\":[\"text\",\"start\",\"end\"],"
                "\"additionalProperties\":false,\"properties\":{"
                "\"text\":{\"type\":\"string\",\"minLength\":1,\"pattern\":\"\\\\S\"},"
                "\"start\":{\"type\":\"integer\",\"minimum\":0},"
                "\"end\":{\"type\":\"integer\",\"minimum\":0},"
                "\"date\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
                "\"kind\":{\"enum\":[\"title\",\"paragraph\",\"caption\"]}}}}}",
                &d);
    assert_non_null(s);
    for (int i = 0; i < 70000; i++)
        json_array_append_new(arr, json_pack("{s:s,s:i,s:i,s:s,s:s}", "text",
                                             "The ministers reaffirmed the alliance commitment "
                                             "to extended deterrence.",
                                             "start", i * 100, "end", i * 100 + 80, "date",
                                             "2023-11-13", "kind", "paragraph"));
    dump = json_dumps(arr, JSON_COMPACT);
    bytes = strlen(dump);
    xalloc_json_free(dump);
    assert_true(bytes > 9u * 1024 * 1024);
    t0 = clock();
    assert_int_equal(schema_validate(s, arr, NULL, NULL, 0), 0);
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("# report: schema validation of a %.1f MB document: %.3f s\n",
           (double)bytes / (1024.0 * 1024.0), secs);
    if (!label || !strstr(label, "asan"))
        assert_true(secs < 0.5);
    json_decref(arr);
    schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_message),
        cmocka_unit_test(test_all_violations_named),
        cmocka_unit_test(test_pointer_escaping),
        cmocka_unit_test(test_violation_limit),
        cmocka_unit_test(test_unknown_keywords),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_ref_loop),
        cmocka_unit_test(test_applicators),
        cmocka_unit_test(test_regex),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_uri_resolve),
        cmocka_unit_test(test_check_missing_schema),
        cmocka_unit_test(test_check_messages),
        cmocka_unit_test(test_speed),
    };
    xalloc_init("test_schema");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
