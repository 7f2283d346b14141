/* compare_reduce.c - a meeting record reduced, as soon as it is read, to
 * what the comparison needs: the signal phrases and the "first ... since"
 * clause found in its sentences, its topics and commitments in compact
 * form, and the rest of the record without the evidence nobody reads. The
 * sentences (most of a record) are freed before the next record is read. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "jsonio.h"
#include "xalloc.h"

/* ------------------------------------------------------------ evidence */

static const char *const compare_blocks[] = {"title",   "byline",    "dateline", "heading",
                                             "caption", "paragraph", NULL};

int compare_ev_keep(const json_t *ev, struct compare_ev *out)
{
    const json_t *t = json_object_get(ev, "text"), *s = json_object_get(ev, "start"),
                 *e = json_object_get(ev, "end"), *b = json_object_get(ev, "block");
    memset(out, 0, sizeof *out);
    /* the checks of compare_evidence() */
    if (!json_is_string(t) || !json_is_integer(s) || !json_is_integer(e) ||
        json_integer_value(s) < 0 || json_integer_value(e) < json_integer_value(s))
        return -1;
    out->text_len = json_string_length(t);
    out->text = xmalloc(out->text_len + 1);
    memcpy(out->text, json_string_value(t), out->text_len + 1);
    out->start = json_integer_value(s);
    out->end = json_integer_value(e);
    if (json_is_string(b)) {
        for (size_t i = 0; compare_blocks[i] && !out->block; i++)
            if (!strcmp(json_string_value(b), compare_blocks[i]) &&
                json_string_length(b) == strlen(compare_blocks[i]))
                out->block = compare_blocks[i];
        if (!out->block) {
            out->block_owned = xmalloc(json_string_length(b) + 1);
            memcpy(out->block_owned, json_string_value(b), json_string_length(b) + 1);
            out->block = out->block_owned;
        }
    }
    return 0;
}

json_t *compare_ev_json(const struct compare_ev *e, const char *file)
{
    json_t *out;
    if (!e->text)
        return json_null();
    /* the key order of compare_evidence() */
    out = json_pack("{s:o,s:I,s:I,s:o}", "text", json_stringn(e->text, e->text_len), "start",
                    e->start, "end", e->end, "file", jsonio_string(file));
    if (!out)
        xalloc_die();
    if (e->block)
        json_object_set_new(out, "block", json_string(e->block));
    return out;
}

void compare_ev_free(struct compare_ev *e)
{
    free(e->text);
    free(e->block_owned);
    memset(e, 0, sizeof *e);
}

int compare_ev_is_caption(const struct compare_ev *e)
{
    return e->block && !strcmp(e->block, "caption");
}

static int compare_raw_is_caption(const json_t *ev)
{
    const char *b = jsonio_str(ev, "block");
    return b && !strcmp(b, "caption");
}

/* The first evidence object of LIST (object or array) compare_evidence()
 * accepts (borrowed), or NULL. */
static json_t *compare_first_raw(json_t *list)
{
    size_t i;
    json_t *ev;
    if (json_is_object(list))
        return compare_evidence_ok(list) ? list : NULL;
    json_array_foreach(list, i, ev) if (compare_evidence_ok(ev)) return ev;
    return NULL;
}

/* ------------------------------------------------------------ first since */

static const char *const compare_meeting_nouns[] = {
    "meeting", "meetings", "dialogue",    "talks", "consultation", "consultations",
    "session", "summit",   "ministerial", "round", "conference",   NULL};

static int compare_is_letter(unsigned char ch)
{
    return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}

/* Does the whole word W (any case) start at S[I]? I is inside S. */
static int compare_word_at(const char *s, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (strncasecmp(s + i, w, n)) /* stops at S's NUL: S[I+N] is then readable */
        return 0;
    return !(i && compare_is_letter((unsigned char)s[i - 1])) &&
           !compare_is_letter((unsigned char)s[i + n]);
}

/* In sentence S, "first ... since ..." where the words between name the
 * meeting (its series or a meeting noun): the clause from "first" to the end
 * of the sentence (heap string, caller frees), or NULL. The series of every
 * record of one meeting is the same but for case, which the match ignores. */
static char *compare_first_since(const char *s, const char *series)
{
    for (size_t i = 0; s[i]; i++) {
        if (!compare_word_at(s, i, "first"))
            continue;
        const char *since = NULL;
        for (size_t j = i + 5; s[j] && j < i + 70; j++)
            if (compare_word_at(s, j, "since")) {
                since = s + j;
                break;
            }
        if (!since)
            continue;
        int named = 0;
        for (size_t j = i + 5; s + j < since && !named; j++) {
            if (series && *series && compare_word_at(s, j, series))
                named = 1;
            for (size_t w = 0; compare_meeting_nouns[w] && !named; w++)
                named = compare_word_at(s, j, compare_meeting_nouns[w]);
        }
        if (!named)
            continue;
        size_t end = strlen(s);
        while (end > i && strchr(" .\"'", s[end - 1]))
            end--;
        return xstrndup(s + i, end - i);
    }
    return NULL;
}

/* ------------------------------------------------------------ sentences */

/* Every evidence sentence of the record, in compare_record_evidence() order:
 * per signal phrase the hit a meeting would take from this record (the first
 * body hit, else the first caption hit), in order of first hit; and the first
 * body sentence with a "first ... since" clause. */
static void compare_scan_sentences(struct compare_ctx *c, struct compare_source *s)
{
    const char *series = jsonio_str(json_object_get(s->doc, "meeting"), "series");
    json_t *all = json_array(), *it;
    struct compare_wordbuf wb = {0};
    size_t i, nsig = c->signals.n;
    s->signal = xcalloc(nsig ? nsig : 1, sizeof *s->signal);
    s->signal_order = xmalloc(xmul(nsig ? nsig : 1, sizeof *s->signal_order));
    compare_record_evidence(s->doc, all);
    json_array_foreach(all, i, it)
    {
        const char *text = jsonio_str(it, "text");
        int cap = compare_raw_is_caption(it), split = 0;
        if (!cap && !s->first_since) {
            s->first_since = compare_first_since(text, series);
            if (s->first_since)
                compare_ev_keep(it, &s->first_since_ev);
        }
        for (size_t p = 0; p < nsig; p++) {
            struct compare_ev *h = &s->signal[p], e;
            /* a body hit stays; a caption hit gives way to a body one */
            if (h->text && !(compare_ev_is_caption(h) && !cap))
                continue;
            if (!split) {
                compare_wordbuf_split(&wb, text);
                split = 1;
            }
            if (!compare_pattern_match_words(&c->signals.p[p], wb.w, wb.n) ||
                compare_ev_keep(it, &e) != 0)
                continue;
            if (!h->text)
                s->signal_order[s->nsignal_order++] = p;
            compare_ev_free(h);
            *h = e;
        }
    }
    compare_wordbuf_free(&wb);
    json_decref(all);
}

/* ------------------------------------------------------------ topics */

/* Per topic id: the usable evidence counted, and kept only when it can be
 * the strongest of a meeting (compare_collect_sets() prefers a body
 * sentence to a caption, then the longest sentence of one file): the first,
 * the first longest caption and the first longest body sentence. */
static void compare_reduce_topics(struct compare_source *s)
{
    json_t *index = json_object(), *it, *ev;
    size_t i, j, cap = 0;
    struct {
        long first, cap, body; /* positions in the id's evidence, -1 none */
        size_t cap_len, body_len;
    } *pick = NULL;
    /* first pass: positions; second: copies, in record order */
    for (int pass = 0; pass < 2; pass++) {
        size_t *pos = NULL;
        if (pass == 1)
            pos = xcalloc(s->ntopics ? s->ntopics : 1, sizeof *pos);
        json_array_foreach(json_object_get(s->doc, "topics"), i, it)
        {
            const char *id = jsonio_str(it, "id");
            const json_t *k;
            size_t t;
            if (!id || !*id)
                continue;
            k = json_object_get(index, id);
            if (pass == 0 && !k) {
                if (s->ntopics == cap) {
                    cap = cap ? cap * 2 : 16;
                    s->topics = xrealloc(s->topics, xmul(cap, sizeof *s->topics));
                    pick = xrealloc(pick, xmul(cap, sizeof *pick));
                }
                t = s->ntopics++;
                memset(&s->topics[t], 0, sizeof s->topics[t]);
                s->topics[t].id = xstrdup(id);
                pick[t].first = pick[t].cap = pick[t].body = -1;
                pick[t].cap_len = pick[t].body_len = 0;
                json_object_set_new(index, id, json_integer((json_int_t)t));
            } else {
                t = (size_t)json_integer_value(k);
            }
            struct compare_topic_hit *th = &s->topics[t];
            json_array_foreach(json_object_get(it, "evidence"), j, ev)
            {
                if (!compare_evidence_ok(ev))
                    continue;
                if (pass == 0) {
                    long p = (long)th->count++;
                    size_t len = strlen(jsonio_str(ev, "text"));
                    if (pick[t].first < 0)
                        pick[t].first = p;
                    if (compare_raw_is_caption(ev)) {
                        if (pick[t].cap < 0 || len > pick[t].cap_len)
                            pick[t].cap = p, pick[t].cap_len = len;
                    } else if (pick[t].body < 0 || len > pick[t].body_len) {
                        pick[t].body = p, pick[t].body_len = len;
                    }
                } else {
                    long p = (long)pos[t]++;
                    if (p == pick[t].first || p == pick[t].cap || p == pick[t].body)
                        compare_ev_keep(ev, &th->cand[th->ncand++]);
                }
            }
        }
        free(pos);
    }
    free(pick);
    json_decref(index);
}

/* ------------------------------------------------------------ commitments */

static const char *const compare_stopwords[] = {
    "the",  "a",     "an",      "of",   "to",       "and",       "in",   "on",   "for",
    "with", "by",    "as",      "at",   "its",      "their",     "both", "two",  "sides",
    "side", "that",  "this",    "be",   "is",       "are",       "was",  "were", "from",
    "will", "would", "further", "also", "continue", "continued", "u",    "s",    NULL};

static int compare_is_stop(const char *w)
{
    for (size_t i = 0; compare_stopwords[i]; i++)
        if (w[0] == compare_stopwords[i][0] && !strcmp(w, compare_stopwords[i]))
            return 1;
    return 0;
}

static int compare_by_word(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* Content words of verb and object (no stopwords, longer than two bytes),
 * numbered through C->words, ascending and unique into *OUT (heap). */
static size_t compare_commit_words(struct compare_ctx *c, const json_t *it,
                                   struct compare_wordbuf *wb, size_t **out)
{
    const char *parts[2] = {jsonio_str(it, "verb"), jsonio_str(it, "text")};
    size_t *w = NULL, n = 0, cap = 0, u = 0;
    for (int p = 0; p < 2; p++) {
        if (!parts[p])
            continue;
        compare_wordbuf_split(wb, parts[p]);
        for (size_t i = 0; i < wb->n; i++) {
            const json_t *k;
            if (strlen(wb->w[i]) <= 2 || compare_is_stop(wb->w[i]))
                continue;
            k = json_object_get(c->words, wb->w[i]);
            if (!k) {
                k = json_integer((json_int_t)json_object_size(c->words));
                json_object_set_new(c->words, wb->w[i], (json_t *)k);
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                w = xrealloc(w, xmul(cap, sizeof *w));
            }
            w[n++] = (size_t)json_integer_value(k);
        }
    }
    if (n)
        qsort(w, n, sizeof *w, compare_by_word);
    for (size_t i = 0; i < n; i++)
        if (!u || w[u - 1] != w[i])
            w[u++] = w[i];
    *out = w;
    return u;
}

static char *compare_dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* A commitment whose content words are those of an earlier one of the same
 * record is never kept: the earlier one is kept (similarity 1) or dropped
 * for a kept one that is then as similar to this one. So it is dropped here. */
static void compare_reduce_commitments(struct compare_ctx *c, struct compare_source *s)
{
    const json_t *list = json_object_get(s->doc, "commitments");
    struct compare_wordbuf wb = {0};
    struct buf key = BUF_INIT;
    json_t *seen = json_object(), *it;
    size_t i;
    s->commits = xcalloc(json_array_size(list) + 1, sizeof *s->commits);
    json_array_foreach(list, i, it)
    {
        struct compare_commit *cm = &s->commits[s->ncommits];
        const json_t *ev;
        cm->nwords = compare_commit_words(c, it, &wb, &cm->words);
        buf_reset(&key);
        for (size_t w = 0; w < cm->nwords; w++)
            buf_printf(&key, "%zu,", cm->words[w]);
        if (!cm->nwords || json_object_get(seen, buf_str(&key))) {
            free(cm->words);
            cm->words = NULL;
            cm->nwords = 0;
            continue;
        }
        json_object_set_new(seen, buf_str(&key), json_true());
        cm->actor = compare_dup_or_null(jsonio_str(it, "actor"));
        cm->verb = compare_dup_or_null(jsonio_str(it, "verb"));
        cm->text = compare_dup_or_null(jsonio_str(it, "text"));
        ev = compare_first_raw(json_object_get(it, "evidence"));
        if (ev)
            compare_ev_keep(ev, &cm->ev);
        s->ncommits++;
    }
    buf_free(&key);
    json_decref(seen);
    compare_wordbuf_free(&wb);
}

/* ------------------------------------------------------------ the record */

/* Keep only the first usable evidence object of each item of LIST. */
static void compare_trim_evidence(json_t *list)
{
    size_t i;
    json_t *it;
    json_array_foreach(list, i, it)
    {
        json_t *ev = compare_first_raw(json_object_get(it, "evidence"));
        if (ev)
            json_object_set(it, "evidence", ev);
        else
            json_object_del(it, "evidence");
    }
}

static json_t *compare_ev_array(const json_t *list, const char *file)
{
    json_t *out = json_array(), *ev;
    size_t i;
    if (json_is_object(list)) {
        json_t *e = compare_evidence(list, file);
        if (e)
            json_array_append_new(out, e);
        return out;
    }
    json_array_foreach(list, i, ev)
    {
        json_t *e = compare_evidence(ev, file);
        if (e)
            json_array_append_new(out, e);
    }
    return out;
}

void compare_source_reduce(struct compare_ctx *c, struct compare_source *s)
{
    static const char *const dropped[] = {"sentences", "figures", "topics", "commitments",
                                          "acronyms"};
    json_t *doc = s->doc, *it;
    size_t i;
    s->has_sentences = json_is_array(json_object_get(doc, "sentences"));
    compare_scan_sentences(c, s);
    compare_reduce_topics(s);
    compare_reduce_commitments(c, s);
    /* the people and leads print every evidence object of a participant */
    json_array_foreach(json_object_get(doc, "participants"), i, it) json_object_set_new(
        it, "evidence", compare_ev_array(json_object_get(it, "evidence"), s->file));
    s->acronyms = xmalloc(
        xmul(xmul(2, json_array_size(json_object_get(doc, "acronyms")) + 1), sizeof *s->acronyms));
    json_array_foreach(json_object_get(doc, "acronyms"), i, it)
    {
        const char *a = jsonio_str(it, "acronym"), *n = jsonio_str(it, "name");
        if (!a || !n)
            continue;
        s->acronyms[2 * s->nacronyms] = xstrdup(a);
        s->acronyms[2 * s->nacronyms + 1] = xstrdup(n);
        s->nacronyms++;
    }
    compare_trim_evidence(json_object_get(doc, "exercises"));
    compare_trim_evidence(json_object_get(doc, "mechanisms"));
    for (size_t k = 0; k < sizeof dropped / sizeof dropped[0]; k++)
        json_object_del(doc, dropped[k]);
}

void compare_source_free(struct compare_source *s)
{
    json_decref(s->doc);
    free(s->path);
    if (s->signal)
        for (size_t p = 0; p < s->nsignal_order; p++)
            compare_ev_free(&s->signal[s->signal_order[p]]);
    free(s->signal);
    free(s->signal_order);
    free(s->first_since);
    compare_ev_free(&s->first_since_ev);
    for (size_t t = 0; t < s->ntopics; t++) {
        free(s->topics[t].id);
        for (size_t k = 0; k < s->topics[t].ncand; k++)
            compare_ev_free(&s->topics[t].cand[k]);
    }
    free(s->topics);
    for (size_t k = 0; k < s->ncommits; k++) {
        free(s->commits[k].actor);
        free(s->commits[k].verb);
        free(s->commits[k].text);
        free(s->commits[k].words);
        compare_ev_free(&s->commits[k].ev);
    }
    free(s->commits);
    for (size_t k = 0; k < 2 * s->nacronyms; k++)
        free(s->acronyms[k]);
    free(s->acronyms);
    memset(s, 0, sizeof *s);
}
