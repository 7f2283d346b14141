/* sha256.h - SHA-256 (FIPS 180-4), for the source digest in every record. */
#ifndef COMMON_SHA256_H
#define COMMON_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t bits;
    unsigned char block[64];
    size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* Hex digest of DATA into HEX (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
