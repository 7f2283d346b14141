/* compare_vocab.c - the compare stage's data files: signal phrases, the
 * rank scale and the topic taxonomy, and the phrase matcher. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "datadir.h"
#include "fileio.h"
#include "jsonio.h"
#include "utf8.h"
#include "xalloc.h"

#define COMPARE_MAX_VOCAB_LINE 1024

/* ------------------------------------------------------------ words */

char *compare_fold(const char *s)
{
    size_t len = strlen(s), i = 0;
    /* utf8_fold() returns an unterminated buffer when nothing survives the
     * fold (only spaces and invisible characters): give "" for those */
    while (i < len) {
        uint32_t c = utf8_next(s, len, &i);
        if (c == UTF8_BAD || (!utf8_is_space(c) && !utf8_is_invisible(c)))
            return utf8_fold(s, len);
    }
    return xstrdup("");
}

/* Split folded text S into words: runs of ASCII letters/digits and
 * non-ASCII bytes; every other byte separates (hyphens too, so
 * "rules-based" is two words). "..." in a pattern becomes the word "...".
 * Returns a heap array of heap strings (free with compare_words_free). */
static char **compare_words(const char *s, size_t *n, int pattern)
{
    char **w = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; s[i];) {
        size_t j = i;
        unsigned char c = (unsigned char)s[i];
        if (pattern && !strncmp(s + i, "...", 3)) {
            j = i + 3;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            while (s[j]) {
                unsigned char d = (unsigned char)s[j];
                if (!((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9') || d >= 0x80 ||
                      (pattern && d == '*')))
                    break;
                j++;
            }
        } else {
            i++;
            continue;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            w = xrealloc(w, xmul(cap, sizeof *w));
        }
        w[(*n)++] = xstrndup(s + i, j - i);
        i = j;
    }
    return w;
}

void compare_words_free(char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

static int compare_word_eq(const char *pat, const char *word)
{
    size_t l = strlen(pat);
    if (l > 1 && pat[l - 1] == '*')
        return strncmp(pat, word, l - 1) == 0;
    return strcmp(pat, word) == 0;
}

/* Match pattern words P[pi..] against text words T starting at ti. */
static int compare_match_at(char **p, size_t np, size_t pi, char **t, size_t nt, size_t ti)
{
    if (pi == np)
        return 1;
    if (p[pi][0] == '.' && !strcmp(p[pi], "...")) {
        for (size_t g = 0; g <= COMPARE_GAP && ti + g <= nt; g++)
            if (compare_match_at(p, np, pi + 1, t, nt, ti + g))
                return 1;
        return 0;
    }
    if (ti >= nt || !compare_word_eq(p[pi], t[ti]))
        return 0;
    return compare_match_at(p, np, pi + 1, t, nt, ti + 1);
}

char **compare_text_words(const char *text, size_t *n)
{
    char *f = compare_fold(text), **w = compare_words(f, n, 0);
    free(f);
    return w;
}

int compare_pattern_match_words(const struct compare_pattern *p, char **w, size_t n)
{
    /* a pattern that starts with a word (not a gap) can only match where a
     * text word starts with that word's first byte */
    char lead = p->nwords && strcmp(p->words[0], "...") ? p->words[0][0] : '\0';
    for (size_t i = 0; i < n && p->nwords; i++)
        if ((!lead || w[i][0] == lead) && compare_match_at(p->words, p->nwords, 0, w, n, i))
            return 1;
    return 0;
}

int compare_pattern_match(const struct compare_pattern *p, const char *text)
{
    char *f, **t;
    size_t nt;
    int hit = 0;
    if (!text || p->nwords == 0)
        return 0;
    f = compare_fold(text);
    t = compare_words(f, &nt, 0);
    for (size_t i = 0; i < nt && !hit; i++)
        hit = compare_match_at(p->words, p->nwords, 0, t, nt, i);
    compare_words_free(t, nt);
    free(f);
    return hit;
}

/* ------------------------------------------------------------ TSV files */

static void compare_pattern_init(struct compare_pattern *p, const char *id, const char *label,
                                 const char *phrase, int level)
{
    char *f = compare_fold(phrase);
    p->id = xstrdup(id);
    p->label = xstrdup(label);
    p->phrase = xstrdup(phrase);
    p->words = compare_words(f, &p->nwords, 1);
    p->level = level;
    free(f);
}

int compare_vocab_load(const char *rel, int is_ranks, struct compare_vocab *v, struct diag *d)
{
    char *path = datadir_find(rel, d), *text;
    size_t len, cap = 0, line = 0;
    const char *p, *end;
    v->p = NULL;
    v->n = 0;
    if (!path)
        return -1;
    text = fileio_read(path, 4u * 1024u * 1024u, &len, d);
    if (!text) {
        free(path);
        return -1;
    }
    if (utf8_valid_prefix(text, len) != len) {
        diag_set(d, path, "expected UTF-8 text, found an invalid byte at offset %zu",
                 utf8_valid_prefix(text, len));
        goto bad;
    }
    for (p = text, end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char buf[COMPARE_MAX_VOCAB_LINE + 1], *f[3] = {NULL, NULL, NULL}, *s;
        size_t nf = 0;
        line++;
        if (l && p[l - 1] == '\r')
            l--;
        if (l > COMPARE_MAX_VOCAB_LINE) {
            diag_set(d, path, "expected a line of at most %d bytes, found %zu bytes",
                     COMPARE_MAX_VOCAB_LINE, l);
            diag_at_line(d, (long)line, 0);
            goto bad;
        }
        memcpy(buf, p, l);
        buf[l] = '\0';
        p = nl ? nl + 1 : end;
        if (buf[0] == '#' || strspn(buf, " \t") == l)
            continue;
        for (s = buf; nf < 3;) {
            f[nf++] = s;
            s = strchr(s, '\t');
            if (!s)
                break;
            *s++ = '\0';
        }
        if (nf != 3 || !*f[0] || !*f[1] || !*f[2]) {
            diag_set(d, path, "expected %s, found \"%s\"",
                     is_ranks ? "level<TAB>label<TAB>phrase" : "id<TAB>label<TAB>pattern", buf);
            diag_at_line(d, (long)line, 0);
            goto bad;
        }
        int level = 0;
        if (is_ranks) {
            if (f[0][1] || f[0][0] < '1' || f[0][0] > '5') {
                diag_set(d, path, "expected a rank level 1-5, found \"%s\"", f[0]);
                diag_at_line(d, (long)line, 0);
                goto bad;
            }
            level = f[0][0] - '0';
        }
        if (v->n == cap) {
            cap = cap ? cap * 2 : 32;
            v->p = xrealloc(v->p, xmul(cap, sizeof *v->p));
        }
        compare_pattern_init(&v->p[v->n++], is_ranks ? f[1] : f[0], f[1], f[2], level);
    }
    free(text);
    free(path);
    return 0;
bad:
    free(text);
    free(path);
    compare_vocab_free(v);
    return -1;
}

void compare_vocab_free(struct compare_vocab *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->p[i].id);
        free(v->p[i].label);
        free(v->p[i].phrase);
        compare_words_free(v->p[i].words, v->p[i].nwords);
    }
    free(v->p);
    v->p = NULL;
    v->n = 0;
}

const char *compare_rank(const struct compare_vocab *r, const char *title, int *level)
{
    if (title)
        for (size_t i = 0; i < r->n; i++)
            if (compare_pattern_match(&r->p[i], title)) {
                *level = r->p[i].level;
                return r->p[i].id;
            }
    *level = 5;
    return "other";
}

/* ------------------------------------------------------------ topics */

json_t *compare_topics_load(json_t *ids)
{
    struct diag d = {.prog = "compare"};
    char *path = datadir_find("stages/extract/data/topics.json", &d);
    json_t *doc = path ? jsonio_load(path, &d) : NULL, *list, *t, *out = json_array();
    size_t i;
    free(path);
    list = json_is_object(doc) ? json_object_get(doc, "topics") : doc;
    if (json_is_array(list))
        json_array_foreach(list, i, t)
        {
            const char *id = jsonio_str(t, "id"), *label = jsonio_str(t, "label");
            if (!id || !*id)
                continue;
            json_array_append_new(out, json_pack("{s:o,s:o}", "id", jsonio_string(id), "label",
                                                 jsonio_string(label ? label : id)));
        }
    /* topic ids the records use but the taxonomy lacks (or no taxonomy) */
    json_array_foreach(ids, i, t)
    {
        const char *id = json_string_value(t);
        size_t k;
        json_t *o;
        int known = 0;
        json_array_foreach(out, k, o) if (!strcmp(jsonio_str(o, "id"), id)) known = 1;
        if (!known)
            json_array_append_new(
                out, json_pack("{s:o,s:o}", "id", jsonio_string(id), "label", jsonio_string(id)));
    }
    json_decref(doc);
    return out;
}

/* ------------------------------------------------------------ word buffer */

void compare_wordbuf_split(struct compare_wordbuf *b, const char *text)
{
    char *s;
    free(b->text);
    b->text = s = compare_fold(text);
    b->n = 0;
    /* the words of compare_words(), NUL-terminated in place: the byte after
     * a word is a separator (or the end) */
    for (size_t i = 0; s[i];) {
        unsigned char c = (unsigned char)s[i];
        size_t j = i;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)) {
            i++;
            continue;
        }
        while (s[j]) {
            unsigned char d = (unsigned char)s[j];
            if (!((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9') || d >= 0x80))
                break;
            j++;
        }
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 32;
            b->w = xrealloc(b->w, xmul(b->cap, sizeof *b->w));
        }
        b->w[b->n++] = s + i;
        if (!s[j])
            break;
        s[j] = '\0';
        i = j + 1;
    }
}

void compare_wordbuf_free(struct compare_wordbuf *b)
{
    free(b->text);
    free(b->w);
    memset(b, 0, sizeof *b);
}
