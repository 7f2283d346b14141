/* clean_decode.c - input bytes to UTF-8 with a map back to the source bytes.
 *
 * Detection, in order (documented in the README):
 *   1. a byte-order mark: UTF-8, UTF-32LE/BE, UTF-16LE/BE;
 *   2. known binary shapes (PDF, ZIP, gzip, PNG, NUL bytes) are refused, except
 *      BOM-less UTF-16 whose every other byte is NUL;
 *   3. UTF-8 when the bytes are valid UTF-8, or when valid multi-byte sequences
 *      are at least a quarter as many as the invalid bytes (then the invalid
 *      ones are errors, or U+FFFD with --replace);
 *   4. CP949 (EUC-KR superset) when at least 95% of the non-ASCII bytes form
 *      lead/trail pairs and most pairs sit in the KS X 1001 Hangul rows;
 *   5. otherwise Windows-1252.
 * Legacy encodings are converted one character at a time with iconv, so each
 * character's source width is known exactly for the offset map.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- output helpers ---------------------------------------------------- */

static void dec_put(struct clean_decoded *d, struct buf *b, const char *u, size_t tw, size_t s,
                    size_t sw)
{
    int verbatim = (tw == sw);
    struct clean_run *last = d->nruns ? &d->runs[d->nruns - 1] : NULL;
    size_t t = b->len;
    buf_appendn(b, u, tw);
    if (last) {
        if (verbatim && last->tw == 1 && last->sw == 1 && last->s + (t - last->t) == s)
            return;
        if (!verbatim && last->tw == tw && last->sw == sw &&
            (t - last->t) / tw * sw + last->s == s && (t - last->t) % tw == 0)
            return;
    }
    if (d->nruns == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->runs = xrealloc(d->runs, xmul(d->cap, sizeof *d->runs));
    }
    d->runs[d->nruns].t = t;
    d->runs[d->nruns].s = s;
    d->runs[d->nruns].tw = verbatim ? 1 : (unsigned char)tw;
    d->runs[d->nruns].sw = verbatim ? 1 : (unsigned char)sw;
    d->nruns++;
}

size_t clean_src(const struct clean_decoded *d, size_t t)
{
    size_t lo = 0, hi = d->nruns;
    const struct clean_run *r;
    if (t >= d->len)
        return d->src_len;
    if (d->nruns == 0)
        return t;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->runs[mid].t <= t)
            lo = mid;
        else
            hi = mid;
    }
    r = &d->runs[lo];
    return r->s + (t - r->t) / r->tw * r->sw;
}

static void dec_fffd(struct clean_decoded *d, struct buf *b, size_t s, size_t sw)
{
    dec_put(d, b, "\xEF\xBF\xBD", 3, s, sw);
    d->replacements++;
}

static int bad_seq(struct clean_decoded *d, struct diag *dg, const char *src, size_t len, size_t at,
                   const char *enc)
{
    char hex[40] = "";
    size_t k;
    for (k = 0; k < 4 && at + k < len; k++)
        snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%s0x%02X", k ? " " : "",
                 (unsigned char)src[at + k]);
    diag_set(dg, NULL,
             "invalid %s sequence: expected a valid character, found bytes %s "
             "(use --encoding NAME, or --replace to substitute U+FFFD)",
             enc, hex);
    diag_at_offset(dg, (long long)at);
    (void)d;
    return -1;
}

/* ---- decoders ---------------------------------------------------------- */

/* VALID: src[0, VALID) is already known to be valid UTF-8 (0 when unknown). */
static int dec_utf8(const char *src, size_t len, size_t i, size_t valid, int replace,
                    struct clean_decoded *d, struct buf *b, struct diag *dg)
{
    while (i < len) {
        size_t j = valid > i ? valid : i;
        j += utf8_valid_prefix(src + j, len - j);
        valid = 0;
        if (j >= len && d->nruns == 0) {
            /* all valid: the text is the input itself, one verbatim run */
            d->runs = xmalloc(sizeof *d->runs);
            d->runs[0] = (struct clean_run){.t = 0, .s = i, .tw = 1, .sw = 1};
            d->nruns = d->cap = 1;
            d->text = src + i;
            d->len = len - i;
            return 0;
        }
        if (j > i)
            dec_put(d, b, src + i, j - i, i, j - i);
        if (j >= len)
            break;
        if (!replace)
            return bad_seq(d, dg, src, len, j, "UTF-8");
        i = j;
        (void)utf8_next(src, len, &i); /* advances by one byte on a bad sequence */
        dec_fffd(d, b, j, i - j);
    }
    return 0;
}

static int dec_utf16(const char *src, size_t len, size_t i, int be, int replace,
                     struct clean_decoded *d, struct buf *b, struct diag *dg)
{
    const unsigned char *p = (const unsigned char *)src;
    while (i < len) {
        unsigned cp, sw = 2;
        char u[4];
        struct buf tmp = BUF_INIT;
        if (i + 1 >= len)
            goto bad;
        cp = be ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i + 1] << 8 | p[i]);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo;
            if (i + 3 >= len)
                goto bad;
            lo = be ? (unsigned)(p[i + 2] << 8 | p[i + 3]) : (unsigned)(p[i + 3] << 8 | p[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF)
                goto bad;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            sw = 4;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            goto bad;
        }
        buf_put_utf8(&tmp, cp);
        memcpy(u, tmp.p, tmp.len);
        dec_put(d, b, u, tmp.len, i, sw);
        buf_free(&tmp);
        i += sw;
        continue;
    bad:
        if (!replace)
            return bad_seq(d, dg, src, len, i, be ? "UTF-16BE" : "UTF-16LE");
        sw = i + 1 < len ? 2 : 1;
        dec_fffd(d, b, i, sw);
        i += sw;
    }
    return 0;
}

static int dec_utf32(const char *src, size_t len, size_t i, int be, int replace,
                     struct clean_decoded *d, struct buf *b, struct diag *dg)
{
    const unsigned char *p = (const unsigned char *)src;
    while (i < len) {
        unsigned long cp;
        size_t sw = len - i < 4 ? len - i : 4;
        if (sw == 4) {
            cp = be ? ((unsigned long)p[i] << 24 | (unsigned long)p[i + 1] << 16 |
                       (unsigned long)p[i + 2] << 8 | p[i + 3])
                    : ((unsigned long)p[i + 3] << 24 | (unsigned long)p[i + 2] << 16 |
                       (unsigned long)p[i + 1] << 8 | p[i]);
            if (cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                struct buf tmp = BUF_INIT;
                buf_put_utf8(&tmp, (unsigned)cp);
                dec_put(d, b, tmp.p, tmp.len, i, 4);
                buf_free(&tmp);
                i += 4;
                continue;
            }
        }
        if (!replace)
            return bad_seq(d, dg, src, len, i, be ? "UTF-32BE" : "UTF-32LE");
        dec_fffd(d, b, i, sw);
        i += sw;
    }
    return 0;
}

/* Any encoding iconv knows, one character at a time: feed 1, 2, ... bytes
 * until iconv completes a character. ASCII_SAFE: bytes < 0x80 are ASCII. */
static int dec_iconv(const char *src, size_t len, size_t i, const char *enc, int ascii_safe,
                     int replace, struct clean_decoded *d, struct buf *b, struct diag *dg)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return diag_set(dg, NULL,
                        "unknown encoding \"%s\": expected a name iconv knows "
                        "(see iconv -l)",
                        enc);
    while (i < len) {
        char out[32];
        size_t k, done = 0;
        if (ascii_safe && (unsigned char)src[i] < 0x80) {
            size_t j = i;
            while (j < len && (unsigned char)src[j] < 0x80)
                j++;
            for (k = i; k < j; k++)
                dec_put(d, b, src + k, 1, k, 1);
            i = j;
            continue;
        }
        for (k = 1; k <= 8 && i + k <= len; k++) {
            char *in = (char *)src + i, *o = out;
            size_t inl = k, outl = sizeof out;
            size_t r;
            iconv(cd, NULL, NULL, NULL, NULL);
            r = iconv(cd, &in, &inl, &o, &outl);
            if (r != (size_t)-1 && inl == 0) {
                size_t ol = sizeof out - outl;
                if (ol == 0 || utf8_valid_prefix(out, ol) != ol)
                    break;
                dec_put(d, b, out, ol, i, k);
                done = k;
                break;
            }
            if (r == (size_t)-1 && errno != EINVAL)
                break;
        }
        if (done) {
            i += done;
            continue;
        }
        if (!replace) {
            iconv_close(cd);
            return bad_seq(d, dg, src, len, i, enc);
        }
        dec_fffd(d, b, i, 1);
        i++;
    }
    iconv_close(cd);
    return 0;
}

/* ---- detection --------------------------------------------------------- */

static int looks_cp949(const unsigned char *p, size_t len)
{
    size_t high = 0, paired = 0, pairs = 0, hangul = 0, i = 0;
    while (i < len) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        high++;
        if (c >= 0x81 && c <= 0xFE && i + 1 < len) {
            unsigned t = p[i + 1];
            if ((t >= 0x41 && t <= 0x5A) || (t >= 0x61 && t <= 0x7A) || (t >= 0x81 && t <= 0xFE)) {
                pairs++;
                paired += 2;
                high++;
                if (c >= 0xB0 && c <= 0xC8 && t >= 0xA1)
                    hangul++;
                i += 2;
                continue;
            }
        }
        i++;
    }
    return pairs >= 2 && paired * 100 >= high * 95 && hangul * 2 >= pairs;
}

static int looks_cp949_only(const unsigned char *p, size_t len)
{
    /* EUC-KR proper uses lead and trail bytes 0xA1-0xFE only */
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        if (p[i] < 0xA1 || i + 1 >= len || p[i + 1] < 0xA1)
            return 1;
        i += 2;
    }
    return 0;
}

static const char *binary_kind(const char *src, size_t len)
{
    if (len >= 5 && memcmp(src, "%PDF-", 5) == 0)
        return "a PDF file";
    if (len >= 4 && memcmp(src, "PK\x03\x04", 4) == 0)
        return "a ZIP archive (or office document)";
    if (len >= 2 && memcmp(src, "\x1F\x8B", 2) == 0)
        return "gzip-compressed data";
    if (len >= 8 && memcmp(src, "\x89PNG\r\n\x1A\n", 8) == 0)
        return "a PNG image";
    if (len >= 3 && memcmp(src, "\xFF\xD8\xFF", 3) == 0)
        return "a JPEG image";
    return NULL;
}

/* Which half of the bytes holds NULs, for BOM-less UTF-16: 1 LE, 2 BE, 0 neither. */
static int nul_pattern(const unsigned char *p, size_t len)
{
    size_t even = 0, odd = 0, n = len < 4096 ? len : 4096;
    for (size_t i = 0; i < n; i++)
        if (p[i] == 0)
            *(i & 1 ? &odd : &even) += 1;
    if (n >= 4 && odd * 10 >= n * 4 && even * 20 < n)
        return 1;
    if (n >= 4 && even * 10 >= n * 4 && odd * 20 < n)
        return 2;
    return 0;
}

static int utf8_stats_prefers(const char *src, size_t len)
{
    size_t valid = 0, bad = 0, i = 0;
    while (i < len) {
        size_t j = i;
        uint32_t cp;
        if ((unsigned char)src[i] < 0x80) {
            i++;
            continue;
        }
        cp = utf8_next(src, len, &j);
        if (cp == UTF8_BAD)
            bad++;
        else if (cp >= 0xA0)
            valid++;
        i = j;
    }
    /* A valid multi-byte sequence needs a lead byte followed by 0x80-0xBF
     * bytes: in real Windows-1252 text ("Ã©", "â€™") that is mojibake and
     * next to never happens. So a few valid sequences say UTF-8 even among
     * more stray bytes (a legacy paragraph pasted into a UTF-8 page): the
     * stray bytes are then reported, not the whole page misdecoded. */
    return valid > 0 && valid * 4 >= bad;
}

/* ---- entry ------------------------------------------------------------- */

static int ieq(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

int clean_decode(const char *src, size_t len, const char *encoding, int replace,
                 struct clean_decoded *d, struct diag *dg)
{
    const unsigned char *p = (const unsigned char *)src;
    struct buf b = BUF_INIT;
    int rc = 0;
    size_t valid;
    const char *kind;
    memset(d, 0, sizeof *d);
    d->src_len = len;
    buf_grow(&b, len + 1);
    if (encoding) {
        size_t skip = 0;
        if (ieq(encoding, "UTF-8") || ieq(encoding, "UTF8")) {
            skip = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            d->encoding = "UTF-8";
            rc = dec_utf8(src, len, skip, 0, replace, d, &b, dg);
        } else if (ieq(encoding, "UTF-16LE") || ieq(encoding, "UTF-16BE") ||
                   ieq(encoding, "UTF-16")) {
            int be = ieq(encoding, "UTF-16BE");
            if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
                be = p[0] == 0xFE;
                skip = 2;
            }
            d->encoding = be ? "UTF-16BE" : "UTF-16LE";
            rc = dec_utf16(src, len, skip, be, replace, d, &b, dg);
        } else if (ieq(encoding, "UTF-32LE") || ieq(encoding, "UTF-32BE") ||
                   ieq(encoding, "UTF-32")) {
            int be = ieq(encoding, "UTF-32BE");
            if (len >= 4 && memcmp(src, "\xFF\xFE\0\0", 4) == 0) {
                be = 0;
                skip = 4;
            } else if (len >= 4 && memcmp(src, "\0\0\xFE\xFF", 4) == 0) {
                be = 1;
                skip = 4;
            }
            d->encoding = be ? "UTF-32BE" : "UTF-32LE";
            rc = dec_utf32(src, len, skip, be, replace, d, &b, dg);
        } else {
            static char name[64];
            snprintf(name, sizeof name, "%s", encoding);
            for (char *q = name; *q; q++)
                if (*q >= 'a' && *q <= 'z')
                    *q = (char)(*q - 'a' + 'A');
            d->encoding = name;
            rc = dec_iconv(src, len, 0, encoding, 0, replace, d, &b, dg);
        }
    } else if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        d->encoding = "UTF-8";
        rc = dec_utf8(src, len, 3, 0, replace, d, &b, dg);
    } else if (len >= 4 && memcmp(src, "\xFF\xFE\0\0", 4) == 0) {
        d->encoding = "UTF-32LE";
        rc = dec_utf32(src, len, 4, 0, replace, d, &b, dg);
    } else if (len >= 4 && memcmp(src, "\0\0\xFE\xFF", 4) == 0) {
        d->encoding = "UTF-32BE";
        rc = dec_utf32(src, len, 4, 1, replace, d, &b, dg);
    } else if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        d->encoding = "UTF-16LE";
        rc = dec_utf16(src, len, 2, 0, replace, d, &b, dg);
    } else if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        d->encoding = "UTF-16BE";
        rc = dec_utf16(src, len, 2, 1, replace, d, &b, dg);
    } else if ((kind = binary_kind(src, len)) != NULL) {
        diag_set(dg, NULL, "expected page text, found %s", kind);
        rc = -1;
    } else if (memchr(src, 0, len)) {
        int pat = nul_pattern(p, len);
        if (pat) {
            d->encoding = pat == 1 ? "UTF-16LE" : "UTF-16BE";
            rc = dec_utf16(src, len, 0, pat == 2, replace, d, &b, dg);
        } else {
            size_t at = (size_t)((const char *)memchr(src, 0, len) - src);
            diag_set(dg, NULL, "expected page text, found binary data (a NUL byte)");
            diag_at_offset(dg, (long long)at);
            rc = -1;
        }
    } else if ((valid = utf8_valid_prefix(src, len)) == len || utf8_stats_prefers(src, len)) {
        d->encoding = "UTF-8";
        rc = dec_utf8(src, len, 0, valid, replace, d, &b, dg);
    } else if (looks_cp949(p, len)) {
        d->encoding = looks_cp949_only(p, len) ? "CP949" : "EUC-KR";
        rc = dec_iconv(src, len, 0, "CP949", 1, replace, d, &b, dg);
    } else {
        d->encoding = "WINDOWS-1252";
        rc = dec_iconv(src, len, 0, "WINDOWS-1252", 1, 0, d, &b, dg);
        if (rc != 0) {
            /* a byte 1252 leaves undefined: ISO-8859-1 defines every byte */
            diag_clear(dg);
            buf_reset(&b);
            free(d->runs);
            d->runs = NULL;
            d->nruns = d->cap = 0;
            d->encoding = "ISO-8859-1";
            rc = dec_iconv(src, len, 0, "ISO-8859-1", 1, replace, d, &b, dg);
        }
    }
    if (rc != 0) {
        buf_free(&b);
        free(d->runs);
        memset(d, 0, sizeof *d);
        return -1;
    }
    if (d->text) { /* dec_utf8 kept the input as it is */
        buf_free(&b);
        return 0;
    }
    if (!b.p)
        buf_grow(&b, 1);
    d->len = b.len;
    d->text = d->own = buf_take(&b);
    return 0;
}

void clean_decoded_free(struct clean_decoded *d)
{
    if (!d)
        return;
    free(d->own);
    free(d->runs);
    memset(d, 0, sizeof *d);
}
