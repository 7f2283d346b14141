/* compare_sections.c - the sections of the comparison: meetings at a
 * glance, topic matrix, changes, people, signals, timeline, glossary. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "jsonio.h"
#include "names.h"
#include "utf8.h"
#include "xalloc.h"

/* Longest list kept in one change category (the rest are counted). */
#define COMPARE_MAX_LIST 50

/* ------------------------------------------------------------ evidence */

int compare_evidence_ok(const json_t *ev)
{
    const json_t *t = json_object_get(ev, "text"), *s = json_object_get(ev, "start"),
                 *e = json_object_get(ev, "end");
    return json_is_string(t) && json_is_integer(s) && json_is_integer(e) &&
           json_integer_value(s) >= 0 && json_integer_value(e) >= json_integer_value(s);
}

json_t *compare_evidence(const json_t *ev, const char *file)
{
    const json_t *t = json_object_get(ev, "text"), *s = json_object_get(ev, "start"),
                 *e = json_object_get(ev, "end"), *b = json_object_get(ev, "block");
    json_t *out;
    if (!compare_evidence_ok(ev))
        return NULL;
    out = json_pack("{s:O,s:O,s:O,s:o}", "text", t, "start", s, "end", e, "file",
                    jsonio_string(file));
    if (json_is_string(b))
        json_object_set(out, "block", (json_t *)b);
    return out;
}

static void compare_add_ev(json_t *out, json_t *seen, const json_t *ev)
{
    char key[64];
    if (!json_is_string(json_object_get(ev, "text")) ||
        !json_is_integer(json_object_get(ev, "start")) ||
        !json_is_integer(json_object_get(ev, "end")))
        return;
    snprintf(key, sizeof key, "%lld:%lld", (long long)jsonio_int(ev, "start", 0),
             (long long)jsonio_int(ev, "end", 0));
    if (json_object_get(seen, key))
        return;
    json_object_set_new(seen, key, json_true());
    json_array_append(out, (json_t *)ev);
}

static void compare_add_ev_list(json_t *out, json_t *seen, const json_t *list)
{
    size_t i;
    json_t *ev;
    if (json_is_object(list)) {
        compare_add_ev(out, seen, list);
        return;
    }
    json_array_foreach(list, i, ev) compare_add_ev(out, seen, ev);
}

void compare_record_evidence(const json_t *rec, json_t *out)
{
    static const char *const lists[] = {"topics",       "commitments", "quotes",
                                        "participants", "mechanisms",  "exercises",
                                        "figures",      "acronyms",    "related_meetings"};
    json_t *seen = json_object(), *item, *ev;
    const char *key;
    size_t i;
    compare_add_ev_list(out, seen, json_object_get(rec, "sentences"));
    json_object_foreach(json_object_get(json_object_get(rec, "meeting"), "evidence"), key, ev)
        compare_add_ev(out, seen, ev);
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        json_array_foreach(json_object_get(rec, lists[l]), i, item)
            compare_add_ev_list(out, seen, json_object_get(item, "evidence"));
    json_decref(seen);
}

/* First usable evidence of LIST (object or array), with FILE; or NULL. */
static json_t *compare_first_ev(const json_t *list, const char *file)
{
    size_t i;
    json_t *ev;
    if (json_is_object(list))
        return compare_evidence(list, file);
    json_array_foreach(list, i, ev)
    {
        json_t *e = compare_evidence(ev, file);
        if (e)
            return e;
    }
    return NULL;
}

/* ------------------------------------------------------------ keys */

/* Exercise key: folded words without trailing numbers or "exercise"
 * ("Ulchi Freedom Shield 23" and "Ulchi Freedom Shield" share one). */
static char *compare_exercise_key(const char *name)
{
    size_t n, m;
    char **w = compare_text_words(name, &n);
    struct buf b = BUF_INIT;
    m = n;
    while (m > 0 && (strspn(w[m - 1], "0123456789") == strlen(w[m - 1]) ||
                     !strcmp(w[m - 1], "exercise") || !strcmp(w[m - 1], "exercises")))
        m--;
    for (size_t i = 0; i < m; i++) {
        if (i)
            buf_putc(&b, ' ');
        buf_append(&b, w[i]);
    }
    compare_words_free(w, n);
    return buf_take(&b);
}

static char *compare_fold_key(const char *s)
{
    size_t n;
    char **w = compare_text_words(s ? s : "", &n);
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, ' ');
        buf_append(&b, w[i]);
    }
    compare_words_free(w, n);
    return buf_take(&b);
}

/* Jaccard similarity of two commitments' content words (ascending word
 * numbers). */
static double compare_jaccard(const struct compare_commit *a, const struct compare_commit *b)
{
    size_t inter = 0, na = a->nwords, nb = b->nwords;
    if (!na || !nb)
        return 0.0;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        if (a->words[i] == b->words[j])
            inter++, i++, j++;
        else if (a->words[i] < b->words[j])
            i++;
        else
            j++;
    }
    return (double)inter / (double)(na + nb - inter);
}

/* ------------------------------------------------------------ per meeting */

/* Per-meeting sets the changes are computed from (owned JSON objects:
 * key -> display value or evidence). */
struct compare_kept_commit {
    const struct compare_commit *c; /* borrowed from its source */
    const char *file;
};

struct compare_sets {
    json_t *topics;     /* id -> {count, strongest} */
    json_t *exercises;  /* key -> {name, evidence} */
    json_t *mechanisms; /* key -> {name, evidence} */
    struct compare_kept_commit *commitments;
    size_t ncommitments;
    json_t *signals; /* id -> evidence */
};

static void compare_sets_free(struct compare_sets *s)
{
    json_decref(s->topics);
    json_decref(s->exercises);
    json_decref(s->mechanisms);
    free(s->commitments);
    json_decref(s->signals);
}

static int compare_is_caption(const json_t *ev)
{
    const char *b = jsonio_str(ev, "block");
    return b && !strcmp(b, "caption");
}

static void compare_collect_sets(struct compare_ctx *c, const struct compare_meeting *m,
                                 struct compare_sets *s)
{
    s->topics = json_object();
    s->exercises = json_object();
    s->mechanisms = json_object();
    s->signals = json_object();
    size_t ncommits = 0;
    for (size_t k = 0; k < m->nsrc; k++)
        ncommits += c->src[m->src[k]].ncommits;
    s->commitments = xmalloc(xmul(ncommits ? ncommits : 1, sizeof *s->commitments));
    s->ncommitments = 0;
    for (size_t k = 0; k < m->nsrc; k++) {
        const struct compare_source *src = &c->src[m->src[k]];
        json_t *it;
        size_t i;
        for (size_t h = 0; h < src->ntopics; h++) {
            const struct compare_topic_hit *th = &src->topics[h];
            json_t *t = json_object_get(s->topics, th->id);
            if (!t) {
                t = json_pack("{s:i,s:n}", "count", 0, "strongest");
                json_object_set_new(s->topics, th->id, t);
            }
            json_object_set_new(t, "count",
                                json_integer(jsonio_int(t, "count", 0) + (json_int_t)th->count));
            /* the candidates kept at load time decide as all the evidence would */
            for (size_t k2 = 0; k2 < th->ncand; k2++) {
                json_t *e = compare_ev_json(&th->cand[k2], src->file);
                json_t *best = json_object_get(t, "strongest");
                /* strongest: from the preferred source, body before caption,
                 * then the longest sentence */
                if (json_is_null(best) || (compare_is_caption(best) && !compare_is_caption(e)) ||
                    (!strcmp(jsonio_str(best, "file"), src->file) &&
                     compare_is_caption(best) == compare_is_caption(e) &&
                     strlen(jsonio_str(e, "text")) > strlen(jsonio_str(best, "text"))))
                    json_object_set(t, "strongest", e);
                json_decref(e);
            }
        }
        json_array_foreach(json_object_get(src->doc, "exercises"), i, it)
        {
            const char *name = jsonio_str(it, "name");
            char *key;
            if (!name || !*name)
                continue;
            key = compare_exercise_key(name);
            if (*key && !json_object_get(s->exercises, key)) {
                json_t *ev = compare_first_ev(json_object_get(it, "evidence"), src->file);
                json_object_set_new(s->exercises, key,
                                    json_pack("{s:o,s:o}", "name", jsonio_string(name), "evidence",
                                              ev ? ev : json_null()));
            }
            free(key);
        }
        json_array_foreach(json_object_get(src->doc, "mechanisms"), i, it)
        {
            const char *name = jsonio_str(it, "name"), *acr = jsonio_str(it, "acronym");
            char *key = acr && *acr ? xstrdup(acr) : compare_fold_key(name);
            if (*key && !json_object_get(s->mechanisms, key)) {
                json_t *ev = compare_first_ev(json_object_get(it, "evidence"), src->file);
                json_object_set_new(
                    s->mechanisms, key,
                    json_pack("{s:o,s:o,s:o}", "name", jsonio_string(name ? name : acr), "acronym",
                              jsonio_string(acr), "evidence", ev ? ev : json_null()));
            }
            free(key);
        }
        for (size_t k2 = 0; k2 < src->ncommits; k2++) {
            const struct compare_commit *cm = &src->commits[k2];
            int dup = 0;
            for (size_t j = 0; j < s->ncommitments && !dup; j++)
                dup = compare_jaccard(s->commitments[j].c, cm) >= 0.8;
            if (dup)
                continue;
            s->commitments[s->ncommitments].c = cm;
            s->commitments[s->ncommitments].file = src->file;
            s->ncommitments++;
        }
        /* signals: the hits found in the record's sentences when it was read;
         * a body hit of an earlier source stays, a caption hit gives way */
        for (size_t o = 0; o < src->nsignal_order; o++) {
            size_t p = src->signal_order[o];
            const char *id = c->signals.p[p].id;
            json_t *prev = json_object_get(s->signals, id);
            if (prev && !(compare_is_caption(prev) && !compare_ev_is_caption(&src->signal[p])))
                continue;
            json_object_set_new(s->signals, id, compare_ev_json(&src->signal[p], src->file));
        }
    }
}

/* ------------------------------------------------------------ at a glance */

static json_t *compare_source_details(const struct compare_source *s)
{
    const json_t *src = json_object_get(s->doc, "source");
    return json_pack(
        "{s:s,s:o,s:o,s:o,s:o,s:s,s:I}", "file", s->file, "sha256",
        jsonio_string(*s->sha ? s->sha : NULL), "title", jsonio_string(jsonio_str(src, "title")),
        "publisher", jsonio_string(jsonio_str(src, "publisher")), "published",
        jsonio_string(s->published), "doc_type", s->doc_type, "words", (json_int_t)s->words);
}

static int compare_is_acting(const json_t *p)
{
    const char *t = jsonio_str(p, "title");
    if (json_is_true(json_object_get(p, "acting")))
        return 1;
    if (t) {
        char *f = compare_fold(t);
        int a = strstr(f, "acting ") == f || strstr(f, " acting ") != NULL ||
                strstr(f, "performs the duties") != NULL || strstr(f, "performing the duties");
        free(f);
        return a;
    }
    return 0;
}

/* Leads of a meeting across its sources (one entry per person and side). */
static json_t *compare_leads(struct compare_ctx *c, const struct compare_meeting *m)
{
    json_t *leads = json_array(), *p, *l;
    size_t i, j;
    for (size_t k = 0; k < m->nsrc; k++) {
        const struct compare_source *src = &c->src[m->src[k]];
        json_array_foreach(json_object_get(src->doc, "participants"), i, p)
        {
            const char *name = jsonio_str(p, "name"), *role = jsonio_str(p, "role");
            const char *side = jsonio_str(p, "side"), *title = jsonio_str(p, "title");
            int level, dup = 0;
            const char *rank;
            if (!name || !role || strcmp(role, "lead"))
                continue;
            json_array_foreach(leads, j, l) if (names_compare(jsonio_str(l, "name"), name) ==
                                                NAMES_SAME) dup = 1;
            if (dup)
                continue;
            rank = compare_rank(&c->ranks, title, &level);
            json_array_append_new(
                leads,
                json_pack("{s:o,s:o,s:o,s:i,s:s,s:b,s:s,s:o}", "name", jsonio_string(name), "side",
                          jsonio_string(side), "title", jsonio_string(title), "rank", level,
                          "rank_label", rank, "acting", compare_is_acting(p), "file", src->file,
                          "evidence", json_incref(json_object_get(p, "evidence"))));
        }
    }
    return leads;
}

/* Delegation level per side: the highest rank among the side's leads. */
static json_t *compare_delegation(const json_t *leads)
{
    json_t *out = json_array(), *l, *d;
    size_t i, j;
    json_array_foreach(leads, i, l)
    {
        const char *side = jsonio_str(l, "side");
        json_t *found = NULL;
        json_array_foreach(out, j, d)
        {
            const char *ds = jsonio_str(d, "side");
            if ((!ds && !side) || (ds && side && !strcmp(ds, side)))
                found = d;
        }
        if (!found) {
            found = json_pack("{s:o,s:i,s:O,s:O,s:[]}", "side", jsonio_string(side), "level",
                              (int)jsonio_int(l, "rank", 5), "rank_label",
                              json_object_get(l, "rank_label"), "acting",
                              json_object_get(l, "acting"), "leads");
            json_array_append_new(out, found);
        } else if (jsonio_int(l, "rank", 5) < jsonio_int(found, "level", 5)) {
            json_object_set_new(found, "level", json_integer(jsonio_int(l, "rank", 5)));
            json_object_set(found, "rank_label", json_object_get(l, "rank_label"));
            json_object_set(found, "acting", json_object_get(l, "acting"));
        }
        json_array_append(json_object_get(found, "leads"), json_object_get(l, "name"));
    }
    return out;
}

static json_t *compare_meeting_entry(struct compare_ctx *c, const struct compare_meeting *m,
                                     const struct compare_sets *s)
{
    json_t *e = json_object(), *srcs = json_array(), *det = json_array(), *leads, *it;
    json_t *acr = json_array(), *quotes = json_array(), *seen = json_object();
    const char *key;
    size_t i;
    json_object_set_new(e, "id", json_string(m->id));
    json_object_set_new(e, "label", jsonio_string(m->label));
    json_object_foreach(m->facts, key, it) json_object_set(e, key, it);
    json_object_set_new(e, "date_flag", jsonio_string(m->date_flag));
    for (size_t k = 0; k < m->nsrc; k++) {
        const struct compare_source *src = &c->src[m->src[k]];
        json_array_append_new(srcs, json_string(src->file));
        json_array_append_new(det, compare_source_details(src));
        for (size_t x = 0; x < src->nacronyms; x++) {
            const char *a = src->acronyms[2 * x], *n = src->acronyms[2 * x + 1];
            if (json_object_get(seen, a))
                continue;
            json_object_set_new(seen, a, json_true());
            json_array_append_new(
                acr, json_pack("{s:o,s:o}", "acronym", jsonio_string(a), "name", jsonio_string(n)));
        }
        json_array_foreach(json_object_get(src->doc, "quotes"), i, it)
        {
            json_t *ev = compare_evidence(json_object_get(it, "evidence"), src->file);
            json_array_append_new(quotes, json_pack("{s:o,s:o,s:o}", "speaker",
                                                    jsonio_string(jsonio_str(it, "speaker")),
                                                    "text", jsonio_string(jsonio_str(it, "text")),
                                                    "evidence", ev ? ev : json_null()));
        }
    }
    json_decref(seen);
    json_object_set_new(e, "sources", srcs);
    json_object_set_new(e, "source_details", det);
    leads = compare_leads(c, m);
    json_object_set_new(e, "delegation", compare_delegation(leads));
    json_object_set_new(e, "leads", leads);
    json_object_set(e, "conflicts", m->conflicts);
    json_t *topics = json_array(), *ex = json_array(), *mech = json_array(), *com = json_array();
    json_object_foreach(s->topics, key, it) json_array_append_new(topics, json_string(key));
    json_object_foreach(s->exercises, key, it) json_array_append(ex, it);
    json_object_foreach(s->mechanisms, key, it) json_array_append(mech, it);
    for (size_t k = 0; k < s->ncommitments; k++) {
        const struct compare_commit *cm = s->commitments[k].c;
        json_array_append_new(com, json_pack("{s:o,s:o,s:o,s:o}", "actor", jsonio_string(cm->actor),
                                             "verb", jsonio_string(cm->verb), "text",
                                             jsonio_string(cm->text ? cm->text : ""), "evidence",
                                             compare_ev_json(&cm->ev, s->commitments[k].file)));
    }
    json_object_set_new(e, "topics", topics);
    json_object_set_new(e, "exercises", ex);
    json_object_set_new(e, "mechanisms", mech);
    json_object_set_new(e, "commitments", com);
    json_object_set_new(e, "quotes", quotes);
    json_object_set_new(e, "acronyms", acr);
    json_object_set_new(e, "full_source", json_boolean(m->full));
    return e;
}

/* ------------------------------------------------------------ matrix */

static const char *compare_missing_status(const struct compare_meeting *m)
{
    return m->full ? "absent" : "not_reported";
}

static json_t *compare_topic_matrix(struct compare_ctx *c, struct compare_sets *sets)
{
    json_t *rows = json_array(), *t;
    size_t i;
    json_array_foreach(c->topics, i, t)
    {
        const char *id = jsonio_str(t, "id");
        json_t *cells = json_array();
        for (size_t k = 0; k < c->nm; k++) {
            json_t *hit = json_object_get(sets[k].topics, id);
            json_t *best = hit ? json_object_get(hit, "strongest") : NULL;
            json_array_append_new(
                cells, json_pack("{s:s,s:s,s:I,s:O}", "meeting", c->m[k].id, "status",
                                 hit ? "present" : compare_missing_status(&c->m[k]), "count",
                                 (json_int_t)(hit ? jsonio_int(hit, "count", 0) : 0), "strongest",
                                 best ? best : json_null()));
        }
        json_array_append_new(rows,
                              json_pack("{s:O,s:O,s:o}", "id", json_object_get(t, "id"), "label",
                                        json_object_get(t, "label"), "cells", cells));
    }
    return rows;
}

/* ------------------------------------------------------------ changes */

/* new / continued / dropped / not_reported between two keyed sets; items
 * are VALUE(key, item) (a new reference). */
static json_t *compare_diff(const json_t *a, const json_t *b, int later_full,
                            json_t *(*value)(const char *, json_t *))
{
    json_t *out = json_pack("{s:[],s:[],s:[],s:[]}", "new", "continued", "dropped", "not_reported");
    json_t *gone = json_object_get(out, later_full ? "dropped" : "not_reported");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)b, k, v)
    {
        json_t *list = json_object_get(out, json_object_get(a, k) ? "continued" : "new");
        if (json_array_size(list) < COMPARE_MAX_LIST)
            json_array_append_new(list, value(k, v));
    }
    json_object_foreach((json_t *)a, k,
                        v) if (!json_object_get(b, k) && json_array_size(gone) < COMPARE_MAX_LIST)
        json_array_append_new(gone, value(k, v));
    return out;
}

static json_t *compare_key_value(const char *k, json_t *v)
{
    (void)v;
    return json_string(k);
}

static json_t *compare_named_value(const char *k, json_t *v)
{
    const char *name = jsonio_str(v, "name");
    return jsonio_string(name ? name : k);
}

static json_t *compare_commit_diff(const struct compare_sets *a, const struct compare_sets *b,
                                   int later_full)
{
    json_t *out = json_pack("{s:[],s:[],s:[],s:[]}", "new", "continued", "dropped", "not_reported");
    json_t *gone = json_object_get(out, later_full ? "dropped" : "not_reported");
    for (size_t i = 0; i < b->ncommitments; i++) {
        const struct compare_commit *x = b->commitments[i].c;
        int hit = 0;
        for (size_t j = 0; j < a->ncommitments && !hit; j++)
            hit = compare_jaccard(x, a->commitments[j].c) >= 0.5;
        json_t *list = json_object_get(out, hit ? "continued" : "new");
        if (json_array_size(list) < COMPARE_MAX_LIST)
            json_array_append_new(list, jsonio_string(x->text ? x->text : ""));
    }
    for (size_t i = 0; i < a->ncommitments; i++) {
        const struct compare_commit *x = a->commitments[i].c;
        int hit = 0;
        for (size_t j = 0; j < b->ncommitments && !hit; j++)
            hit = compare_jaccard(x, b->commitments[j].c) >= 0.5;
        if (!hit && json_array_size(gone) < COMPARE_MAX_LIST)
            json_array_append_new(gone, jsonio_string(x->text ? x->text : ""));
    }
    return out;
}

/* Signal ids in the lists of changeset CS replaced by their labels (what a
 * reader sees in the change table). */
static void compare_signal_labels(const struct compare_ctx *c, json_t *cs)
{
    const char *k;
    json_t *list, *v;
    size_t i;
    json_object_foreach(cs, k, list) json_array_foreach(list, i, v)
    {
        for (size_t p = 0; p < c->signals.n; p++)
            if (!strcmp(c->signals.p[p].id, json_string_value(v))) {
                json_array_set_new(list, i, json_string(c->signals.p[p].label));
                break;
            }
    }
}

static json_t *compare_change(struct compare_ctx *c, struct compare_sets *sets, size_t a, size_t b,
                              const char *basis)
{
    int full = c->m[b].full;
    json_t *sig = compare_diff(sets[a].signals, sets[b].signals, full, compare_key_value);
    compare_signal_labels(c, sig);
    return json_pack(
        "{s:s,s:s,s:s,s:b,s:o,s:o,s:o,s:o,s:o}", "from", c->m[a].id, "to", c->m[b].id, "basis",
        basis, "later_full_source", full, "topics",
        compare_diff(sets[a].topics, sets[b].topics, full, compare_key_value), "exercises",
        compare_diff(sets[a].exercises, sets[b].exercises, full, compare_named_value), "mechanisms",
        compare_diff(sets[a].mechanisms, sets[b].mechanisms, full, compare_named_value),
        "commitments", compare_commit_diff(&sets[a], &sets[b], full), "signals", sig);
}

static int compare_same_series(const struct compare_meeting *a, const struct compare_meeting *b)
{
    return a->series && b->series && !strcasecmp(a->series, b->series);
}

static json_t *compare_changes(struct compare_ctx *c, struct compare_sets *sets)
{
    json_t *out = json_array(), *last = json_object();
    for (size_t k = 0; k < c->nm; k++) {
        const char *series = c->m[k].series;
        if (k > 0)
            json_array_append_new(out, compare_change(c, sets, k - 1, k, "consecutive"));
        if (series) {
            json_t *prev = json_object_get(last, series);
            if (prev) {
                size_t p = (size_t)json_integer_value(prev);
                /* the consecutive pair already covers an adjacent one */
                if (p + 1 != k || !compare_same_series(&c->m[p], &c->m[k]))
                    json_array_append_new(out, compare_change(c, sets, p, k, "same_series"));
                else
                    json_object_set_new(json_array_get(out, json_array_size(out) - 1), "basis",
                                        json_string("same_series"));
            }
            json_object_set_new(last, series, json_integer((json_int_t)k));
        }
    }
    json_decref(last);
    return out;
}

/* ------------------------------------------------------------ signals */

/* A signal phrase is a fact about wording. When a source's whole body was
 * searched (its record lists every body sentence in "sentences"), a phrase
 * it does not contain is absent from that text, whatever the kind of source;
 * the caveats and findings say when that text is a short report. Without the
 * sentences only some of the text was seen: absence from a full statement
 * still counts, silence of a short report or an analysis is not reported. */
static const char *compare_signal_missing(const struct compare_ctx *c,
                                          const struct compare_meeting *m)
{
    for (size_t i = 0; i < m->nsrc; i++)
        if (c->src[m->src[i]].has_sentences)
            return "absent";
    return m->full ? "absent" : "not_reported";
}

static json_t *compare_signals(struct compare_ctx *c, struct compare_sets *sets)
{
    json_t *out = json_array();
    for (size_t p = 0; p < c->signals.n; p++) {
        json_t *cells = json_array();
        for (size_t k = 0; k < c->nm; k++) {
            json_t *ev = json_object_get(sets[k].signals, c->signals.p[p].id);
            json_array_append_new(cells,
                                  json_pack("{s:s,s:s,s:O}", "meeting", c->m[k].id, "status",
                                            ev ? "present" : compare_signal_missing(c, &c->m[k]),
                                            "evidence", ev ? ev : json_null()));
        }
        json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:o}", "id", c->signals.p[p].id,
                                             "phrase", c->signals.p[p].label, "pattern",
                                             c->signals.p[p].phrase, "cells", cells));
    }
    return out;
}

/* ------------------------------------------------------------ people */

struct compare_app {
    size_t meeting, source;
    const json_t *p; /* participant (borrowed) */
    char *bucket;
    size_t person; /* cluster index */
};

static int compare_by_bucket(const void *x, const void *y)
{
    const struct compare_app *a = x, *b = y;
    int r = strcmp(a->bucket, b->bucket);
    if (r)
        return r;
    if (a->meeting != b->meeting)
        return a->meeting < b->meeting ? -1 : 1;
    return (a->source > b->source) - (a->source < b->source);
}

static int compare_by_first(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    json_int_t fa = jsonio_int(a, "_first", 0), fb = jsonio_int(b, "_first", 0);
    if (fa != fb)
        return fa < fb ? -1 : 1;
    return strcmp(jsonio_str(a, "name"), jsonio_str(b, "name"));
}

static int compare_sides_ok(const char *a, const char *b)
{
    return !a || !b || !strcmp(a, b);
}

static json_t *compare_people(struct compare_ctx *c)
{
    struct compare_app *app = NULL;
    size_t n = 0, cap = 0, npeople = 0;
    json_t *people = json_array(), *p;
    for (size_t k = 0; k < c->nm; k++)
        for (size_t s = 0; s < c->m[k].nsrc; s++) {
            size_t i;
            json_array_foreach(json_object_get(c->src[c->m[k].src[s]].doc, "participants"), i, p)
            {
                const char *name = jsonio_str(p, "name");
                if (!name || !*name)
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 64;
                    app = xrealloc(app, xmul(cap, sizeof *app));
                }
                app[n].meeting = k;
                app[n].source = c->m[k].src[s];
                app[n].p = p;
                app[n].bucket = names_bucket(name);
                app[n].person = (size_t)-1;
                n++;
            }
        }
    if (n)
        qsort(app, n, sizeof *app, compare_by_bucket);
    /* cluster within each bucket; representatives are the first member */
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        size_t first = npeople;
        for (hi = lo; hi < n && !strcmp(app[hi].bucket, app[lo].bucket); hi++) {
            const char *name = jsonio_str(app[hi].p, "name"), *side = jsonio_str(app[hi].p, "side");
            for (size_t q = first; q < npeople && app[hi].person == (size_t)-1; q++) {
                json_t *per = json_array_get(people, q);
                if (names_compare(jsonio_str(per, "name"), name) == NAMES_SAME &&
                    compare_sides_ok(jsonio_str(per, "side"), side))
                    app[hi].person = q;
            }
            if (app[hi].person == (size_t)-1) {
                char *key = names_key(name);
                app[hi].person = npeople++;
                json_array_append_new(
                    people,
                    json_pack("{s:o,s:o,s:o,s:[],s:[],s:I}", "key", jsonio_string(key), "name",
                              jsonio_string(name), "side", jsonio_string(side), "appearances",
                              "possible_matches", "_first", (json_int_t)app[hi].meeting));
                free(key);
            } else {
                json_t *per = json_array_get(people, app[hi].person);
                if (json_is_null(json_object_get(per, "side")) && side)
                    json_object_set_new(per, "side", json_string(side));
            }
            const json_t *pp = app[hi].p;
            const char *title = jsonio_str(pp, "title");
            int level;
            const char *rank = compare_rank(&c->ranks, title, &level);
            json_array_append_new(
                json_object_get(json_array_get(people, app[hi].person), "appearances"),
                json_pack("{s:s,s:s,s:o,s:o,s:o,s:i,s:s,s:b,s:o}", "meeting",
                          c->m[app[hi].meeting].id, "file", c->src[app[hi].source].file, "name",
                          jsonio_string(name), "title", jsonio_string(title), "role",
                          jsonio_string(jsonio_str(pp, "role")), "rank", level, "rank_label", rank,
                          "acting", compare_is_acting(pp), "evidence",
                          json_incref(json_object_get(pp, "evidence"))));
        }
        /* possible matches between the bucket's people */
        for (size_t a = first; a < npeople; a++)
            for (size_t b = a + 1; b < npeople && b < first + 64; b++) {
                json_t *pa = json_array_get(people, a), *pb = json_array_get(people, b);
                if (names_compare(jsonio_str(pa, "name"), jsonio_str(pb, "name")) ==
                        NAMES_DIFFERENT ||
                    !compare_sides_ok(jsonio_str(pa, "side"), jsonio_str(pb, "side")))
                    continue;
                json_array_append_new(json_object_get(pa, "possible_matches"),
                                      json_pack("{s:O,s:O}", "key", json_object_get(pb, "key"),
                                                "name", json_object_get(pb, "name")));
                json_array_append_new(json_object_get(pb, "possible_matches"),
                                      json_pack("{s:O,s:O}", "key", json_object_get(pa, "key"),
                                                "name", json_object_get(pa, "name")));
            }
    }
    for (size_t i = 0; i < n; i++)
        free(app[i].bucket);
    free(app);
    /* order people by first appearance, then name (stable output) */
    size_t np = json_array_size(people);
    json_t **arr = xmalloc(xmul(np ? np : 1, sizeof *arr));
    for (size_t i = 0; i < np; i++)
        arr[i] = json_incref(json_array_get(people, i));
    json_decref(people);
    people = json_array();
    if (np)
        qsort(arr, np, sizeof *arr, compare_by_first);
    for (size_t i = 0; i < np; i++) {
        json_object_del(arr[i], "_first");
        json_array_append_new(people, arr[i]);
    }
    free(arr);
    return people;
}

/* ------------------------------------------------------------ timeline */

static int compare_by_timeline(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    const char *da = jsonio_str(a, "start_date"), *db = jsonio_str(b, "start_date");
    if (!da || !db)
        return (da == NULL) - (db == NULL);
    int r = strcmp(da, db);
    if (r)
        return r;
    return strcmp(jsonio_str(a, "kind"), jsonio_str(b, "kind"));
}

/* The month of related meeting R when no day is known: its "start_month"
 * (YYYY-MM), else a month named in its "date_text" with the year written
 * there or, failing that, the year that puts the month nearest (within six
 * months) to the mentioning meeting's date or the publication date PUB.
 * Writes "YYYY-MM-01" into OUT (16 bytes); 1, or 0 when there is none. */
static int compare_related_month(const json_t *r, const struct compare_meeting *m, const char *pub,
                                 char *out)
{
    const char *sm = jsonio_str(r, "start_month"), *ref = jsonio_str(m->facts, "start_date");
    int month, year;
    long day;
    if (sm && strlen(sm) == 7 && sm[4] == '-') {
        snprintf(out, 16, "%.7s-01", sm);
        if (compare_day(out, &day) == 0)
            return 1;
    }
    month = compare_text_month(jsonio_str(r, "date_text"), &year);
    if (!month)
        return 0;
    if (!year) {
        int ry, rm, diff;
        if (compare_day(ref, &day) != 0)
            ref = pub;
        if (compare_day(ref, &day) != 0)
            return 0;
        ry = atoi(ref);
        rm = atoi(ref + 5);
        diff = month - rm;
        year = diff > 6 ? ry - 1 : diff < -6 ? ry + 1 : ry;
    }
    snprintf(out, 16, "%04d-%02d-01", year, month);
    return compare_day(out, &day) == 0;
}

static json_t *compare_timeline(struct compare_ctx *c)
{
    json_t **items = NULL, *out = json_array(), *seen = json_object();
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < c->nm; k++) {
        const struct compare_meeting *m = &c->m[k];
        char key[96];
        long day0;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            items = xrealloc(items, xmul(cap, sizeof *items));
        }
        items[n++] = json_pack(
            "{s:O,s:O,s:s,s:s,s:s,s:o}", "start_date", json_object_get(m->facts, "start_date"),
            "end_date", json_object_get(m->facts, "end_date"), "label", m->label, "kind", "meeting",
            "meeting", m->id, "precision",
            jsonio_string(compare_day(jsonio_str(m->facts, "start_date"), &day0) == 0 ? "day"
                                                                                      : NULL));
        if (m->series) {
            snprintf(key, sizeof key, "%.40s#%lld", m->series, m->ordinal);
            json_object_set_new(seen, key, json_true());
            snprintf(key, sizeof key, "%.40s@%.12s", m->series,
                     jsonio_str(m->facts, "start_date") ? jsonio_str(m->facts, "start_date") : "");
            json_object_set_new(seen, key, json_true());
        }
    }
    for (size_t k = 0; k < c->nm; k++)
        for (size_t s = 0; s < c->m[k].nsrc; s++) {
            size_t i;
            json_t *r;
            json_array_foreach(json_object_get(c->src[c->m[k].src[s]].doc, "related_meetings"), i,
                               r)
            {
                const char *series = jsonio_str(r, "series"), *name = jsonio_str(r, "name");
                const char *start = jsonio_str(r, "start_date"), *dt = jsonio_str(r, "date_text");
                long long ord = jsonio_int(r, "ordinal", -1);
                char key[96];
                struct buf lb = BUF_INIT;
                long day;
                if (series) {
                    snprintf(key, sizeof key, "%.40s#%lld", series, ord);
                    if (ord > 0 && json_object_get(seen, key))
                        continue;
                    snprintf(key, sizeof key, "%.40s@%.12s", series, start ? start : "");
                    if (start && json_object_get(seen, key))
                        continue;
                    json_object_set_new(seen, key, json_true());
                }
                if (ord > 0)
                    buf_printf(&lb, "%lld%s ", ord,
                               (ord % 100 >= 11 && ord % 100 <= 13) ? "th"
                               : ord % 10 == 1                      ? "st"
                               : ord % 10 == 2                      ? "nd"
                               : ord % 10 == 3                      ? "rd"
                                                                    : "th");
                buf_append(&lb, series ? series : name ? name : "meeting");
                const char *prec = NULL;
                char mstart[16] = "";
                if (compare_day(start, &day) == 0) {
                    prec = "day";
                    buf_printf(&lb, " (%s %.4s)", compare_month(atoi(start + 5)), start);
                } else if (compare_related_month(r, &c->m[k], c->src[c->m[k].src[s]].published,
                                                 mstart)) {
                    prec = "month";
                    start = mstart;
                    buf_printf(&lb, " (%s %.4s)", compare_month(atoi(start + 5)), start);
                } else if (dt) {
                    start = NULL;
                    buf_printf(&lb, " (%s)", dt);
                } else {
                    start = NULL;
                }
                if (n == cap) {
                    cap = cap ? cap * 2 : 32;
                    items = xrealloc(items, xmul(cap, sizeof *items));
                }
                items[n++] = json_pack(
                    "{s:o,s:o,s:o,s:s,s:s,s:o}", "start_date", jsonio_string(start), "end_date",
                    jsonio_string(prec && !strcmp(prec, "day") &&
                                          compare_day(jsonio_str(r, "end_date"), &day) == 0
                                      ? jsonio_str(r, "end_date")
                                      : NULL),
                    "label", jsonio_string(buf_str(&lb)), "kind", "related", "meeting", c->m[k].id,
                    "precision", jsonio_string(prec));
                buf_free(&lb);
            }
        }
    if (n)
        qsort(items, n, sizeof *items, compare_by_timeline);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, items[i]);
    free(items);
    json_decref(seen);
    return out;
}

/* ------------------------------------------------------------ glossary */

static int compare_by_acronym(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int r = strcmp(jsonio_str(a, "acronym"), jsonio_str(b, "acronym"));
    return r ? r : strcmp(jsonio_str(a, "name"), jsonio_str(b, "name"));
}

static json_t *compare_glossary(struct compare_ctx *c)
{
    json_t *map = json_object(), *out = json_array(), *v, **arr;
    const char *k;
    size_t n = 0;
    for (size_t m = 0; m < c->nm; m++)
        for (size_t s = 0; s < c->m[m].nsrc; s++) {
            const struct compare_source *src = &c->src[c->m[m].src[s]];
            for (size_t x = 0; x < src->nacronyms; x++) {
                const char *acr = src->acronyms[2 * x], *name = src->acronyms[2 * x + 1];
                char *fold;
                struct buf key = BUF_INIT;
                json_t *e, *ms;
                if (!acr || !name || !*acr || !*name)
                    continue;
                fold = compare_fold_key(name);
                buf_printf(&key, "%s\t%s", acr, fold);
                free(fold);
                e = json_object_get(map, buf_str(&key));
                if (!e) {
                    e = json_pack("{s:o,s:o,s:[]}", "acronym", jsonio_string(acr), "name",
                                  jsonio_string(name), "meetings");
                    json_object_set_new(map, buf_str(&key), e);
                }
                buf_free(&key);
                ms = json_object_get(e, "meetings");
                if (!json_array_size(ms) ||
                    strcmp(json_string_value(json_array_get(ms, json_array_size(ms) - 1)),
                           c->m[m].id))
                    json_array_append_new(ms, json_string(c->m[m].id));
            }
        }
    arr = xmalloc(xmul(json_object_size(map) + 1, sizeof *arr));
    json_object_foreach(map, k, v) arr[n++] = v;
    qsort(arr, n, sizeof *arr, compare_by_acronym);
    for (size_t i = 0; i < n; i++)
        json_array_append(out, arr[i]);
    free(arr);
    json_decref(map);
    return out;
}

/* ------------------------------------------------------------ entry */

void compare_sections_build(struct compare_ctx *c, json_t *doc)
{
    struct compare_sets *sets = xcalloc(c->nm ? c->nm : 1, sizeof *sets);
    json_t *meetings = json_array();
    for (size_t k = 0; k < c->nm; k++) {
        compare_collect_sets(c, &c->m[k], &sets[k]);
        json_array_append_new(meetings, compare_meeting_entry(c, &c->m[k], &sets[k]));
    }
    json_object_set_new(doc, "meetings", meetings);
    json_object_set_new(doc, "topic_matrix", compare_topic_matrix(c, sets));
    json_object_set_new(doc, "changes", compare_changes(c, sets));
    json_object_set_new(doc, "people", compare_people(c));
    json_object_set_new(doc, "signals", compare_signals(c, sets));
    json_object_set_new(doc, "timeline", compare_timeline(c));
    json_object_set_new(doc, "glossary", compare_glossary(c));
    for (size_t k = 0; k < c->nm; k++)
        compare_sets_free(&sets[k]);
    free(sets);
}
