/* offmap.c - text offsets back to source offsets. */
#include "offmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void offmap_push(struct offmap *m, size_t t, size_t s)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->t = xrealloc(m->t, xmul(m->cap, sizeof *m->t));
        m->s = xrealloc(m->s, xmul(m->cap, sizeof *m->s));
    }
    m->t[m->n] = t;
    m->s[m->n] = s;
    m->n++;
}

void offmap_begin(struct offmap *m, size_t src_start)
{
    memset(m, 0, sizeof *m);
    offmap_push(m, 0, src_start);
}

void offmap_replace(struct offmap *m, size_t t0, size_t s0, size_t t1, size_t s1)
{
    size_t k = m->n - 1;
    if (t1 - t0 == s1 - s0)
        return; /* same length: reads as a verbatim copy */
    if (t0 < m->t[k] || s0 < m->s[k] || t1 < t0 || s1 < s0)
        return; /* never go backwards */
    if (t0 != m->t[k] || s0 != m->s[k])
        offmap_push(m, t0, s0);
    offmap_push(m, t1, s1);
}

void offmap_end(struct offmap *m, size_t t_end, size_t s_end)
{
    m->text_len = t_end;
    m->src_end = s_end;
}

json_t *offmap_to_json(const struct offmap *m)
{
    json_t *arr;
    int verbatim = m->n >= 1 && m->text_len - m->t[0] == m->src_end - m->s[0];
    for (size_t i = 1; verbatim && i < m->n; i++)
        if (m->t[i] - m->t[i - 1] != m->s[i] - m->s[i - 1])
            verbatim = 0;
    if (verbatim)
        return NULL;
    arr = json_array();
    for (size_t i = 0; i < m->n; i++) {
        json_t *pair = json_array();
        json_array_append_new(pair, json_integer((json_int_t)m->t[i]));
        json_array_append_new(pair, json_integer((json_int_t)m->s[i]));
        json_array_append_new(arr, pair);
    }
    return arr;
}

int offmap_from_block(struct offmap *m, const json_t *block, struct diag *d)
{
    json_t *text = json_object_get(block, "text");
    json_t *start = json_object_get(block, "start");
    json_t *end = json_object_get(block, "end");
    json_t *map = json_object_get(block, "map");
    memset(m, 0, sizeof *m);
    if (!json_is_string(text) || !json_is_integer(start) || !json_is_integer(end) ||
        json_integer_value(start) < 0 || json_integer_value(end) < json_integer_value(start))
        return diag_set(d, NULL, "block needs text, start and end (start <= end)");
    m->text_len = json_string_length(text);
    m->src_end = (size_t)json_integer_value(end);
    if (!map || json_is_null(map)) {
        offmap_push(m, 0, (size_t)json_integer_value(start));
        return 0;
    }
    if (!json_is_array(map) || json_array_size(map) == 0)
        return diag_set(d, NULL, "block map must be a non-empty array of [text, source] pairs");
    for (size_t i = 0; i < json_array_size(map); i++) {
        json_t *p = json_array_get(map, i);
        json_t *a = json_array_get(p, 0), *b = json_array_get(p, 1);
        size_t t, s;
        if (!json_is_array(p) || json_array_size(p) != 2 || !json_is_integer(a) ||
            !json_is_integer(b) || json_integer_value(a) < 0 || json_integer_value(b) < 0) {
            offmap_free(m);
            return diag_set(d, NULL, "block map entry %zu is not a [text, source] pair", i);
        }
        t = (size_t)json_integer_value(a);
        s = (size_t)json_integer_value(b);
        /* The first anchor is [0, start]: without it offsets before the
         * first anchor would map below the block (found by fuzz_json). */
        if (i == 0 && (t != 0 || s != (size_t)json_integer_value(start))) {
            offmap_free(m);
            return diag_set(d, NULL, "block map must start with [0, start], found [%zu, %zu]", t,
                            s);
        }
        if (t > m->text_len || s > m->src_end ||
            (m->n && (t < m->t[m->n - 1] || s < m->s[m->n - 1]))) {
            offmap_free(m);
            return diag_set(d, NULL, "block map entry %zu goes backwards or past the block", i);
        }
        offmap_push(m, t, s);
    }
    return 0;
}

size_t offmap_src(const struct offmap *m, size_t t, int is_end)
{
    size_t lo = 0, hi = m->n, t1, s1;
    if (m->n == 0)
        return 0;
    if (t >= m->text_len)
        return m->src_end;
    /* last anchor with t_i <= t (anchors may repeat a text offset: take the last) */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (m->t[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    t1 = lo + 1 < m->n ? m->t[lo + 1] : m->text_len;
    s1 = lo + 1 < m->n ? m->s[lo + 1] : m->src_end;
    if (t1 - m->t[lo] == s1 - m->s[lo])
        return m->s[lo] + (t - m->t[lo]);
    if (t == m->t[lo])
        return m->s[lo];
    return is_end ? s1 : m->s[lo];
}

void offmap_free(struct offmap *m)
{
    free(m->t);
    free(m->s);
    memset(m, 0, sizeof *m);
}
