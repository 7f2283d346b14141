/* schema_uri.h - RFC 3986 reference resolution for $id and $ref. */
#ifndef COMMON_SCHEMA_URI_H
#define COMMON_SCHEMA_URI_H

/* Resolve REF against the absolute BASE (RFC 3986 section 5.2, with
 * dot-segment removal). Returns a heap string (caller frees). */
char *suri_resolve(const char *base, const char *ref);

/* Heap copy of URI without its fragment ("#..."), caller frees. */
char *suri_strip_fragment(const char *uri);

/* Percent-decode the LEN bytes of S into a heap string (caller frees);
 * *OUTLEN gets its length (it may hold NUL bytes). NULL when a %
 * is not followed by two hex digits. */
char *suri_pct_decode(const char *s, size_t len, size_t *outlen);

#endif
