/* sha256.c - SHA-256 written from FIPS 180-4. */
#include "sha256.h"

#include <stdlib.h>
#include <string.h>

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t st[8], const unsigned char *p)
{
    uint32_t w[64], a, b, d, e, f, g, h, cc;
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = st[0], b = st[1], cc = st[2], d = st[3];
    e = st[4], f = st[5], g = st[6], h = st[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 =
            h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g, g = f, f = e, e = d + t1, d = cc, cc = b, b = a, a = t1 + t2;
    }
    st[0] += a, st[1] += b, st[2] += cc, st[3] += d;
    st[4] += e, st[5] += f, st[6] += g, st[7] += h;
}

static void blocks_plain(uint32_t st[8], const unsigned char *p, size_t n)
{
    for (; n; n--, p += 64)
        sha256_block(st, p);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The same compression with the x86 SHA extensions (SHA-NI), used when the
 * CPU has them: about 4x faster, and hashing the input is a large share of
 * clean's time. The instructions keep the state as two words-of-four,
 * {a,b,e,f} and {c,d,g,h}, and do two rounds per sha256rnds2; sha256msg1/2
 * compute the message schedule four words at a time. */
#include <cpuid.h>
#include <immintrin.h>

#define SHANI __attribute__((target("sha,sse4.1,ssse3")))

SHANI static void blocks_shani(uint32_t st[8], const unsigned char *p, size_t n)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i t = _mm_loadu_si128((const __m128i *)&st[0]);  /* d c b a (lane 3..0) */
    __m128i s1 = _mm_loadu_si128((const __m128i *)&st[4]); /* h g f e */
    __m128i s0;
    t = _mm_shuffle_epi32(t, 0xB1);    /* c d a b */
    s1 = _mm_shuffle_epi32(s1, 0x1B);  /* e f g h */
    s0 = _mm_alignr_epi8(t, s1, 8);    /* a b e f */
    s1 = _mm_blend_epi16(s1, t, 0xF0); /* c d g h */
    for (; n; n--, p += 64) {
        __m128i w[4], save0 = s0, save1 = s1;
        for (int g = 0; g < 16; g++) {
            __m128i m, cur;
            if (g < 4) {
                cur = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
            } else { /* W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16] */
                cur = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
                cur = _mm_add_epi32(cur, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
                cur = _mm_sha256msg2_epu32(cur, w[(g + 3) & 3]);
            }
            w[g & 3] = cur;
            m = _mm_add_epi32(cur, _mm_loadu_si128((const __m128i *)&sha256_k[4 * g]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, m);
            s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
    t = _mm_shuffle_epi32(s0, 0x1B);   /* f e b a */
    s1 = _mm_shuffle_epi32(s1, 0xB1);  /* d c h g */
    s0 = _mm_blend_epi16(t, s1, 0xF0); /* d c b a */
    s1 = _mm_alignr_epi8(s1, t, 8);    /* h g f e */
    _mm_storeu_si128((__m128i *)&st[0], s0);
    _mm_storeu_si128((__m128i *)&st[4], s1);
}

static int have_shani(void)
{
    unsigned a, b, c, d;
    if (getenv("BRIEFING_NO_SHANI")) /* tests compare both paths */
        return 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
        return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    return (b >> 29) & 1; /* CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29] */
}
#else
static int have_shani(void)
{
    return 0;
}
#define blocks_shani blocks_plain
#endif

/* N whole blocks at P into ST, through the fastest path this CPU has. */
static void sha256_blocks(uint32_t st[8], const unsigned char *p, size_t n)
{
    static int use = -1; /* -1 not yet known, 0 plain, 1 SHA-NI */
    if (use < 0)
        use = have_shani();
    if (use)
        blocks_shani(st, p, n);
    else
        blocks_plain(st, p, n);
}

void sha256_init(struct sha256 *c)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv);
    c->bits = 0;
    c->used = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len == 0)
        return;
    c->bits += (uint64_t)len * 8;
    if (c->used) { /* top up the partial block first */
        size_t take = 64 - c->used;
        if (take > len)
            take = len;
        memcpy(c->block + c->used, p, take);
        c->used += take;
        p += take;
        len -= take;
        if (c->used < 64)
            return;
        sha256_blocks(c->h, c->block, 1);
        c->used = 0;
    }
    if (len >= 64) { /* whole blocks straight from the caller's bytes */
        sha256_blocks(c->h, p, len / 64);
        p += len / 64 * 64;
        len %= 64;
    }
    if (len)
        memcpy(c->block, p, len);
    c->used = len;
}

void sha256_final(struct sha256 *c, unsigned char out[32])
{
    uint64_t bits = c->bits;
    unsigned char pad = 0x80, zero = 0, len[8];
    sha256_update(c, &pad, 1);
    while (c->used != 56)
        sha256_update(c, &zero, 1);
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(c, len, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(c->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)c->h[i];
    }
}

void sha256_hex(const void *data, size_t len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    struct sha256 c;
    unsigned char d[32];
    sha256_init(&c);
    sha256_update(&c, data, len);
    sha256_final(&c, d);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}
