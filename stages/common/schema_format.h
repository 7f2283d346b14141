/* schema_format.h - checks behind the JSON Schema "format" keyword. */
#ifndef COMMON_SCHEMA_FORMAT_H
#define COMMON_SCHEMA_FORMAT_H

#include <stddef.h>

/* The formats this validator asserts; others are annotations only. */
enum sformat {
    SFORMAT_NONE,
    SFORMAT_DATE,
    SFORMAT_DATE_TIME,
    SFORMAT_TIME,
    SFORMAT_EMAIL,
    SFORMAT_URI,
    SFORMAT_IPV4,
    SFORMAT_IPV6
};

/* The format named NAME (LEN bytes), SFORMAT_NONE when not asserted. */
enum sformat sformat_lookup(const char *name, size_t len);

/* The format's name and its plain-words name ("e-mail address"). */
const char *sformat_name(enum sformat f);
const char *sformat_words(enum sformat f);

/* 1 when the LEN bytes of S are valid for format F (RFC 3339 full-date,
 * date-time with real calendar and leap-second rules, RFC 5321 mailbox,
 * RFC 3986 URI, dotted-quad IPv4, RFC 4291 IPv6). */
int sformat_check(enum sformat f, const char *s, size_t len);

#endif
