/* schema_uri.c - RFC 3986 reference resolution (section 5.2) for $id/$ref. */
#include <stddef.h>

#include "schema_uri.h"

#include <string.h>

#include "buf.h"
#include "xalloc.h"

struct suri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t nscheme, nauth, npath, nquery, nfrag;
    int has_scheme, has_auth, has_query, has_frag;
};

/* Appendix B: ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))? */
static void suri_split(const char *s, struct suri_parts *u)
{
    size_t i = 0, n = strlen(s);
    memset(u, 0, sizeof *u);
    while (i < n && !strchr(":/?#", s[i]))
        i++;
    if (i > 0 && i < n && s[i] == ':') {
        u->has_scheme = 1;
        u->scheme = s;
        u->nscheme = i;
        s += i + 1;
        n -= i + 1;
    }
    i = 0;
    if (n >= 2 && s[0] == '/' && s[1] == '/') {
        i = 2;
        while (i < n && !strchr("/?#", s[i]))
            i++;
        u->has_auth = 1;
        u->auth = s + 2;
        u->nauth = i - 2;
    }
    u->path = s + i;
    while (i < n && s[i] != '?' && s[i] != '#')
        i++;
    u->npath = (size_t)(s + i - u->path);
    if (i < n && s[i] == '?') {
        size_t q = ++i;
        while (i < n && s[i] != '#')
            i++;
        u->has_query = 1;
        u->query = s + q;
        u->nquery = i - q;
    }
    if (i < n && s[i] == '#') {
        u->has_frag = 1;
        u->frag = s + i + 1;
        u->nfrag = n - i - 1;
    }
}

/* Section 5.2.4: remove "." and ".." segments from the path in B. */
static void suri_remove_dots(const char *in, size_t n, struct buf *out)
{
    size_t i = 0;
    while (i < n) {
        if (n - i >= 3 && memcmp(in + i, "../", 3) == 0) {
            i += 3;
        } else if (n - i >= 2 && memcmp(in + i, "./", 2) == 0) {
            i += 2;
        } else if ((n - i >= 3 && memcmp(in + i, "/./", 3) == 0)) {
            i += 2;
        } else if (n - i == 2 && memcmp(in + i, "/.", 2) == 0) {
            buf_putc(out, '/');
            i = n;
        } else if ((n - i >= 4 && memcmp(in + i, "/../", 4) == 0) ||
                   (n - i == 3 && memcmp(in + i, "/..", 3) == 0)) {
            char *slash;
            int last = n - i == 3;
            i += 3;
            buf_putc(out, '\0'); /* make sure out->p exists */
            out->len--;
            out->p[out->len] = '\0';
            slash = strrchr(out->p, '/');
            out->len = slash ? (size_t)(slash - out->p) : 0;
            out->p[out->len] = '\0';
            if (last)
                buf_putc(out, '/');
        } else if ((n - i == 1 && in[i] == '.') || (n - i == 2 && memcmp(in + i, "..", 2) == 0)) {
            i = n;
        } else {
            size_t j = i + (in[i] == '/' ? 1 : 0);
            while (j < n && in[j] != '/')
                j++;
            buf_appendn(out, in + i, j - i);
            i = j;
        }
    }
}

char *suri_resolve(const char *base, const char *ref)
{
    struct suri_parts b, r;
    struct buf out = BUF_INIT, path = BUF_INIT;
    const char *query;
    size_t nquery;
    int has_query;
    suri_split(base, &b);
    suri_split(ref, &r);
    if (r.has_scheme) {
        buf_appendn(&out, r.scheme, r.nscheme);
        buf_putc(&out, ':');
        if (r.has_auth) {
            buf_append(&out, "//");
            buf_appendn(&out, r.auth, r.nauth);
        }
        suri_remove_dots(r.path, r.npath, &path);
        query = r.query, nquery = r.nquery, has_query = r.has_query;
    } else {
        if (b.has_scheme) {
            buf_appendn(&out, b.scheme, b.nscheme);
            buf_putc(&out, ':');
        }
        if (r.has_auth) {
            buf_append(&out, "//");
            buf_appendn(&out, r.auth, r.nauth);
            suri_remove_dots(r.path, r.npath, &path);
            query = r.query, nquery = r.nquery, has_query = r.has_query;
        } else {
            if (b.has_auth) {
                buf_append(&out, "//");
                buf_appendn(&out, b.auth, b.nauth);
            }
            if (r.npath == 0) {
                buf_appendn(&path, b.path, b.npath);
                if (r.has_query)
                    query = r.query, nquery = r.nquery, has_query = 1;
                else
                    query = b.query, nquery = b.nquery, has_query = b.has_query;
            } else {
                struct buf merged = BUF_INIT;
                if (r.path[0] == '/') {
                    buf_appendn(&merged, r.path, r.npath);
                } else {
                    /* section 5.2.3: merge with the base path */
                    size_t keep = b.npath;
                    while (keep > 0 && b.path[keep - 1] != '/')
                        keep--;
                    if (b.has_auth && b.npath == 0)
                        buf_putc(&merged, '/');
                    buf_appendn(&merged, b.path, keep);
                    buf_appendn(&merged, r.path, r.npath);
                }
                suri_remove_dots(buf_str(&merged), merged.len, &path);
                buf_free(&merged);
                query = r.query, nquery = r.nquery, has_query = r.has_query;
            }
        }
    }
    buf_appendn(&out, buf_str(&path), path.len);
    buf_free(&path);
    if (has_query) {
        buf_putc(&out, '?');
        buf_appendn(&out, query, nquery);
    }
    if (r.has_frag) {
        buf_putc(&out, '#');
        buf_appendn(&out, r.frag, r.nfrag);
    }
    return buf_take(&out);
}

char *suri_strip_fragment(const char *uri)
{
    const char *h = strchr(uri, '#');
    return h ? xstrndup(uri, (size_t)(h - uri)) : xstrdup(uri);
}

static int suri_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *suri_pct_decode(const char *s, size_t len, size_t *outlen)
{
    struct buf out = BUF_INIT;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            int h, l;
            if (len - i < 3 || (h = suri_hex(s[i + 1])) < 0 || (l = suri_hex(s[i + 2])) < 0) {
                buf_free(&out);
                return NULL;
            }
            buf_putc(&out, (char)(h * 16 + l));
            i += 2;
        } else {
            buf_putc(&out, s[i]);
        }
    }
    *outlen = out.len;
    return buf_take(&out);
}
