/* schema_format.c - "format" checks: RFC 3339 date / date-time / time,
 * RFC 5321 e-mail addresses, RFC 3986 URIs, IPv4 and IPv6 addresses.
 * All checks work on bytes and accept ASCII only where the RFC says so.
 */
#include "schema_format.h"

#include <string.h>

static const struct {
    const char *name;
    const char *words;
    enum sformat f;
} sformat_table[] = {
    {"date", "date", SFORMAT_DATE},
    {"date-time", "date-time", SFORMAT_DATE_TIME},
    {"time", "time", SFORMAT_TIME},
    {"email", "e-mail address", SFORMAT_EMAIL},
    {"uri", "URI", SFORMAT_URI},
    {"ipv4", "IPv4 address", SFORMAT_IPV4},
    {"ipv6", "IPv6 address", SFORMAT_IPV6},
};

#define SFORMAT_N (sizeof sformat_table / sizeof sformat_table[0])

enum sformat sformat_lookup(const char *name, size_t len)
{
    for (size_t k = 0; k < SFORMAT_N; k++)
        if (strlen(sformat_table[k].name) == len && memcmp(sformat_table[k].name, name, len) == 0)
            return sformat_table[k].f;
    return SFORMAT_NONE;
}

const char *sformat_name(enum sformat f)
{
    for (size_t k = 0; k < SFORMAT_N; k++)
        if (sformat_table[k].f == f)
            return sformat_table[k].name;
    return "?";
}

const char *sformat_words(enum sformat f)
{
    for (size_t k = 0; k < SFORMAT_N; k++)
        if (sformat_table[k].f == f)
            return sformat_table[k].words;
    return "?";
}

/* ---------------------------------------------------------------- dates */

static int fmt_digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        *v = *v * 10 + (s[k] - '0');
    }
    return 1;
}

static int fmt_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* full-date = YYYY-MM-DD, exactly 10 bytes. */
static int fmt_date(const char *s, size_t len)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    if (!fmt_digits(s, 4, &y) || !fmt_digits(s + 5, 2, &m) || !fmt_digits(s + 8, 2, &d))
        return 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= fmt_days_in_month(y, m);
}

/* full-time = HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); a leap second (60) only
 * where the time is 23:59 in UTC. */
static int fmt_time(const char *s, size_t len)
{
    int h, m, sec, oh = 0, om = 0, sign = 0;
    size_t i = 8;
    if (len < 9 || s[2] != ':' || s[5] != ':')
        return 0;
    if (!fmt_digits(s, 2, &h) || !fmt_digits(s + 3, 2, &m) || !fmt_digits(s + 6, 2, &sec))
        return 0;
    if (h > 23 || m > 59 || sec > 60)
        return 0;
    if (s[i] == '.') {
        size_t f = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == f)
            return 0;
    }
    if (i >= len)
        return 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        i++;
    } else if (s[i] == '+' || s[i] == '-') {
        sign = s[i] == '+' ? 1 : -1;
        if (len - i != 6 || s[i + 3] != ':' || !fmt_digits(s + i + 1, 2, &oh) ||
            !fmt_digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
            return 0;
        i += 6;
    } else {
        return 0;
    }
    if (i != len)
        return 0;
    if (sec == 60) {
        int utc = ((h * 60 + m - sign * (oh * 60 + om)) % 1440 + 1440) % 1440;
        if (utc != 23 * 60 + 59)
            return 0;
    }
    return 1;
}

static int fmt_date_time(const char *s, size_t len)
{
    return len > 11 && (s[10] == 'T' || s[10] == 't') && fmt_date(s, 10) &&
           fmt_time(s + 11, len - 11);
}

/* ---------------------------------------------------------------- IP */

/* dec-octet: 0-255 without leading zeros. */
static int fmt_ipv4(const char *s, size_t len)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        size_t start = i;
        int v = 0;
        if (part > 0) {
            if (i >= len || s[i] != '.')
                return 0;
            start = ++i;
        }
        while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 3)
            v = v * 10 + (s[i++] - '0');
        if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
            return 0;
    }
    return i == len;
}

static int fmt_is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int fmt_ipv6(const char *s, size_t len)
{
    int groups = 0, gap = 0;
    size_t i = 0;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 1;
        i = 2;
    } else if (len && s[0] == ':') {
        return 0;
    }
    while (i < len) {
        size_t start = i;
        while (i < len && fmt_is_hex(s[i]) && i - start < 5)
            i++;
        if (i < len && s[i] == '.') { /* trailing IPv4 */
            if (groups > 6 || !fmt_ipv4(s + start, len - start))
                return 0;
            groups += 2;
            i = len;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups++;
        if (i == len)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < len && s[i] == ':') {
            if (gap)
                return 0;
            gap = 1;
            i++;
            if (i == len)
                break;
        } else if (i == len) {
            return 0;
        }
    }
    return gap ? groups <= 7 : groups == 8;
}

/* ---------------------------------------------------------------- e-mail */

static int fmt_is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int fmt_hostname(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || len > 253)
        return 0;
    while (i < len) {
        size_t start = i;
        while (i < len && (fmt_is_alnum(s[i]) || s[i] == '-'))
            i++;
        if (i == start || i - start > 63 || s[start] == '-' || s[i - 1] == '-')
            return 0;
        if (i < len) {
            if (s[i] != '.' || i + 1 == len)
                return 0;
            i++;
        }
    }
    return 1;
}

static int fmt_email(const char *s, size_t len)
{
    size_t i = 0, at;
    if (len && s[0] == '"') {
        for (i = 1; i < len && s[i] != '"'; i++) {
            if (s[i] == '\\' && i + 1 < len)
                i++;
            else if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
                return 0;
        }
        if (i >= len)
            return 0;
        i++;
    } else {
        int prev_dot = 1;
        for (; i < len && s[i] != '@'; i++) {
            char c = s[i];
            if (c == '.') {
                if (prev_dot)
                    return 0;
                prev_dot = 1;
                continue;
            }
            if (!c || (!fmt_is_alnum(c) && !strchr("!#$%&'*+-/=?^_`{|}~", c)))
                return 0;
            prev_dot = 0;
        }
        if (i == 0 || prev_dot)
            return 0;
    }
    if (i >= len || s[i] != '@')
        return 0;
    at = i + 1;
    if (at < len && s[at] == '[') {
        if (s[len - 1] != ']')
            return 0;
        if (len - at > 6 && memcmp(s + at + 1, "IPv6:", 5) == 0)
            return fmt_ipv6(s + at + 6, len - at - 7);
        return fmt_ipv4(s + at + 1, len - at - 2);
    }
    return fmt_hostname(s + at, len - at);
}

/* ---------------------------------------------------------------- URI */

static int fmt_unreserved(char c)
{
    return fmt_is_alnum(c) || (c && strchr("-._~", c));
}
static int fmt_sub_delim(char c)
{
    return c && strchr("!$&'()*+,;=", c) != NULL;
}

/* Bytes S[i..end) are all unreserved, sub-delims, pct-encoded or in EXTRA. */
static int fmt_uri_chars(const char *s, size_t i, size_t end, const char *extra)
{
    while (i < end) {
        char c = s[i];
        if (c == '%') {
            if (end - i < 3 || !fmt_is_hex(s[i + 1]) || !fmt_is_hex(s[i + 2]))
                return 0;
            i += 3;
            continue;
        }
        if (!c || !(fmt_unreserved(c) || fmt_sub_delim(c) || strchr(extra, c)))
            return 0;
        i++;
    }
    return 1;
}

static int fmt_uri(const char *s, size_t len)
{
    size_t i = 0, end;
    if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while (i < len && (fmt_is_alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    if (i >= len || s[i] != ':')
        return 0;
    i++;
    if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t a = i + 2, at = (size_t)-1, host, hend;
        end = a;
        while (end < len && s[end] != '/' && s[end] != '?' && s[end] != '#')
            end++;
        for (size_t k = a; k < end; k++)
            if (s[k] == '@')
                at = k;
        if (at != (size_t)-1) {
            if (!fmt_uri_chars(s, a, at, ":"))
                return 0;
            host = at + 1;
        } else {
            host = a;
        }
        if (host < end && s[host] == '[') {
            size_t close = host;
            while (close < end && s[close] != ']')
                close++;
            if (close >= end)
                return 0;
            if (close > host + 1 && (s[host + 1] == 'v' || s[host + 1] == 'V')) {
                if (!fmt_uri_chars(s, host + 1, close, ":"))
                    return 0;
            } else if (!fmt_ipv6(s + host + 1, close - host - 1)) {
                return 0;
            }
            hend = close + 1;
        } else {
            hend = host;
            while (hend < end && s[hend] != ':')
                hend++;
            if (!fmt_uri_chars(s, host, hend, ""))
                return 0;
        }
        if (hend < end) {
            if (s[hend] != ':')
                return 0;
            for (size_t k = hend + 1; k < end; k++)
                if (s[k] < '0' || s[k] > '9')
                    return 0;
        }
        i = end;
    }
    end = i;
    while (end < len && s[end] != '?' && s[end] != '#')
        end++;
    if (!fmt_uri_chars(s, i, end, ":@/"))
        return 0;
    i = end;
    if (i < len && s[i] == '?') {
        end = ++i;
        while (end < len && s[end] != '#')
            end++;
        if (!fmt_uri_chars(s, i, end, ":@/?"))
            return 0;
        i = end;
    }
    if (i < len && s[i] == '#')
        return fmt_uri_chars(s, i + 1, len, ":@/?");
    return 1;
}

int sformat_check(enum sformat f, const char *s, size_t len)
{
    switch (f) {
    case SFORMAT_DATE:
        return fmt_date(s, len);
    case SFORMAT_DATE_TIME:
        return fmt_date_time(s, len);
    case SFORMAT_TIME:
        return fmt_time(s, len);
    case SFORMAT_EMAIL:
        return fmt_email(s, len);
    case SFORMAT_URI:
        return fmt_uri(s, len);
    case SFORMAT_IPV4:
        return fmt_ipv4(s, len);
    case SFORMAT_IPV6:
        return fmt_ipv6(s, len);
    case SFORMAT_NONE:
        break;
    }
    return 1;
}
