/* schema_regex.h - the ECMA-262 regular expression subset used by the JSON
 * Schema "pattern" and "patternProperties" keywords.
 *
 * Supported: literals, ".", character classes [...] / [^...] with ranges,
 * escapes \d \D \w \W \s \S \b \B \t \n \r \f \v \0 \cX \xHH \uHHHH \u{H..}
 * and escaped syntax characters, Unicode properties \p{..} / \P{..} for
 * L / Letter, Lu / Uppercase_Letter, Ll / Lowercase_Letter, N / Number,
 * Nd / Decimal_Number (letter tables cover Latin, Greek, Cyrillic, Armenian,
 * Hebrew, Arabic, the main Indic scripts, Thai, Hangul, kana and CJK;
 * case only for Latin, Greek and Cyrillic), anchors ^ $ (whole subject, no
 * multiline flag), groups ( ), (?: ), (?<name> ), alternation |, quantifiers
 * * + ? {n} {n,} {n,m} and their lazy forms. Refused when compiling:
 * backreferences and lookaround. Matching is a Thompson NFA simulation over
 * code points: linear in the subject length, never backtracks.
 */
#ifndef COMMON_SCHEMA_REGEX_H
#define COMMON_SCHEMA_REGEX_H

#include <stddef.h>

struct sregex;

/* Compile the LEN bytes of PAT (UTF-8). NULL with a plain-words reason in
 * ERR (ERRLEN bytes) when the pattern is malformed or outside the subset.
 * Free the result with sregex_free. */
struct sregex *sregex_compile(const char *pat, size_t len, char *err, size_t errlen);

/* 1 when RE matches somewhere in the LEN bytes of S (ECMA search
 * semantics: unanchored unless the pattern says ^ / $), 0 otherwise. */
int sregex_search(const struct sregex *re, const char *s, size_t len);

void sregex_free(struct sregex *re);

#endif
