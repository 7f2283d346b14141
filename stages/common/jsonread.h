/* jsonread.h - a fast reader of JSON into jansson values. */
#ifndef COMMON_JSONREAD_H
#define COMMON_JSONREAD_H

#include <jansson.h>
#include <stddef.h>

/* The LEN bytes of TEXT as json_loadb(JSON_REJECT_DUPLICATES |
 * JSON_DECODE_ANY) would read them, built with the same jansson calls; or
 * NULL when the reader declines (on any error, and on rare valid input it
 * leaves to jansson: see jsonread.c). A non-NULL result is always exactly
 * jansson's; a NULL says nothing about validity. */
json_t *jsonread_fast(const char *text, size_t len);

#endif
