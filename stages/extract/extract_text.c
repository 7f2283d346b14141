/* extract_text.c - small byte-exact text helpers for the extract modules. */
#include "extract.h"

#include <ctype.h>
#include <string.h>

int xt_is_word(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static int xt_eq(char a, char b, int icase)
{
    return icase ? tolower((unsigned char)a) == tolower((unsigned char)b) : a == b;
}

/* Typographic quotes (U+2018, U+2019, U+201C, U+201D) end a word although
 * their bytes are >= 0x80: "NCG’s", "‘KIDD’". */
static int xt_is_quote(const char *s, size_t len, size_t i)
{
    return i + 3 <= len && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
           ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99 ||
            (unsigned char)s[i + 2] == 0x9c || (unsigned char)s[i + 2] == 0x9d);
}

size_t xt_match_at(const char *s, size_t len, size_t at, const char *pat, int icase)
{
    size_t n;
    if (at >= len || !pat[0] || !xt_eq(s[at], pat[0], icase))
        return 0;
    n = strlen(pat);
    if (len - at < n)
        return 0;
    if (at > 0 && xt_is_word((unsigned char)s[at - 1]) && xt_is_word((unsigned char)pat[0]) &&
        !(at >= 3 && xt_is_quote(s, len, at - 3)))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!xt_eq(s[at + i], pat[i], icase))
            return 0;
    if (at + n < len && xt_is_word((unsigned char)s[at + n]) &&
        xt_is_word((unsigned char)pat[n - 1]) && !xt_is_quote(s, len, at + n))
        return 0;
    return n;
}

size_t xt_find(const char *s, size_t len, size_t from, const char *pat, int icase)
{
    for (size_t i = from; i < len; i++)
        if (xt_match_at(s, len, i, pat, icase))
            return i;
    return (size_t)-1;
}

long xt_longest_at(const struct xlist *l, const char *s, size_t len, size_t at, int icase,
                   size_t *mlen)
{
    long best = -1;
    size_t bl = 0;
    for (size_t i = 0; i < l->n; i++) {
        size_t m = xt_match_at(s, len, at, l->a[i], icase);
        if (m > bl) {
            bl = m;
            best = (long)i;
        }
    }
    if (mlen)
        *mlen = bl;
    return best;
}

size_t xt_skip_sp(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
    return i;
}

size_t xt_back_sp(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n'))
        i--;
    return i;
}

int xt_is_cap(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= 'A' && s[i] <= 'Z';
}

size_t xt_word_len(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        unsigned char c = (unsigned char)s[j];
        if (xt_is_word(c))
            j++;
        else if ((c == '-' || c == '\'' || c == '.') && j + 1 < len &&
                 xt_is_word((unsigned char)s[j + 1]) && j > i)
            j++;
        else if (c == '.' && j > i && (j - i == 1 || memchr(s + i, '.', j - i)))
            return j + 1 - i; /* keep the closing period of an initial or of U.S. */
        else
            break;
    }
    return j - i;
}

size_t xt_find_word(const char *s, size_t len, size_t from, const char *pat, int icase)
{
    size_t at = from;
    while ((at = xt_find(s, len, at, pat, icase)) != (size_t)-1) {
        if (at == 0 || (s[at - 1] != '-' && s[at - 1] != '/'))
            return at;
        at++;
    }
    return (size_t)-1;
}
