/* utf8.h - exact UTF-8 decoding and small text helpers. */
#ifndef COMMON_UTF8_H
#define COMMON_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_BAD 0xFFFFFFFFu

/* Decode one code point at S[*I] (LEN bytes in all) and advance *I.
 * Returns UTF8_BAD for an invalid, overlong, surrogate or truncated
 * sequence, advancing *I by one byte. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);

/* Length in bytes of the valid UTF-8 prefix of S; equals LEN when all valid. */
size_t utf8_valid_prefix(const char *s, size_t len);

/* Number of code points in valid UTF-8 S (invalid bytes count one each). */
size_t utf8_count(const char *s, size_t len);

/* Bytes in the UTF-8 encoding of CP (1-4). */
int utf8_width(uint32_t cp);

/* Whitespace: ASCII space/tab/CR/LF/VT/FF, NEL, NBSP, U+1680, U+2000-200A,
 * U+2028/2029, U+202F, U+205F, U+3000. */
int utf8_is_space(uint32_t cp);

/* Zero-width and invisible format characters that normalisation removes:
 * U+00AD soft hyphen, U+200B-200D, U+2060, U+FEFF. */
int utf8_is_invisible(uint32_t cp);

/* Fold S for matching: typographic quotes to ASCII, dashes U+2010-2015 to
 * '-', whitespace runs to one space, ASCII letters lowercased, trimmed.
 * Returns a heap string (caller frees). */
char *utf8_fold(const char *s, size_t len);

/* Copy of S with whitespace runs collapsed to one ASCII space and trimmed
 * (heap string, caller frees). */
char *utf8_squeeze(const char *s, size_t len);

#endif
