/* compare_findings.c - caveats that keep the comparison honest, and the
 * ranked plain-English findings (each with its evidence). */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "jsonio.h"
#include "xalloc.h"

#define COMPARE_MAX_FINDINGS 60

/* ------------------------------------------------------------ helpers */

static const char *compare_doc_words(const char *doc_type)
{
    if (!strcmp(doc_type, "joint_statement"))
        return "a joint statement";
    if (!strcmp(doc_type, "press_release"))
        return "a press release";
    if (!strcmp(doc_type, "news_report"))
        return "a news report";
    if (!strcmp(doc_type, "analysis"))
        return "an analysis";
    return "a text of another kind";
}

static void compare_caveat(json_t *caveats, const char *kind, const char *text, json_t *meetings)
{
    json_array_append_new(caveats,
                          json_pack("{s:s,s:o,s:o}", "kind", kind, "text", jsonio_string(text),
                                    "meetings", meetings ? meetings : json_array()));
}

static json_t *compare_one_id(const struct compare_meeting *m)
{
    return json_pack("[s]", m->id);
}

/* Findings collect with a score; sorted and ranked at the end. */
struct compare_finding {
    int score;
    size_t seq;
    json_t *f; /* {kind, text, evidence, meetings} */
};

struct compare_flist {
    struct compare_finding *v;
    size_t n, cap;
    json_t *texts; /* set of texts already added */
};

/* Add a finding; consumes EV and MEETINGS. Dropped when it has no evidence
 * or repeats an earlier text. */
static void compare_add_finding(struct compare_flist *l, int score, const char *kind,
                                const char *text, json_t *ev, json_t *meetings)
{
    if (!json_array_size(ev) || json_object_get(l->texts, text)) {
        json_decref(ev);
        json_decref(meetings);
        return;
    }
    json_object_set_new(l->texts, text, json_true());
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xrealloc(l->v, xmul(l->cap, sizeof *l->v));
    }
    l->v[l->n].score = score;
    l->v[l->n].seq = l->n;
    l->v[l->n].f = json_pack("{s:s,s:o,s:o,s:o}", "kind", kind, "text", jsonio_string(text),
                             "meetings", meetings ? meetings : json_array(), "evidence", ev);
    l->n++;
}

static int compare_by_score(const void *x, const void *y)
{
    const struct compare_finding *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static void compare_ev_add(json_t *ev, const json_t *e)
{
    if (json_is_object(e) && json_is_string(json_object_get(e, "file")) && json_array_size(ev) < 8)
        json_array_append(ev, (json_t *)e);
}

/* id -> meeting index, built once per run (ids are unique). */
static json_t *compare_ids;

static const struct compare_meeting *compare_meeting_by_id(const struct compare_ctx *c,
                                                           const char *id)
{
    const json_t *k = id ? json_object_get(compare_ids, id) : NULL;
    return json_is_integer(k) ? &c->m[json_integer_value(k)] : NULL;
}

/* ------------------------------------------------------------ caveats */

static int compare_is_caption_ev(const json_t *ev)
{
    const char *b = jsonio_str(ev, "block");
    return b && !strcmp(b, "caption");
}

static void compare_caveats(struct compare_ctx *c, json_t *doc, json_t *caveats)
{
    size_t i;
    json_t *it;
    int kinds[5] = {0};
    /* unequal sources */
    for (size_t k = 0; k < c->nm; k++)
        for (size_t s = 0; s < c->m[k].nsrc; s++)
            kinds[c->src[c->m[k].src[s]].pref] = 1;
    if (kinds[0] + kinds[1] + kinds[2] + kinds[3] + kinds[4] > 1 && c->nm > 1) {
        struct buf b = BUF_INIT;
        json_t *ids = json_array();
        buf_append(&b, "The sources are unequal: ");
        for (size_t k = 0; k < c->nm && k < 12; k++) {
            const struct compare_source *s = &c->src[c->m[k].src[0]];
            buf_printf(&b, "%s%s is known from %s (%lld words)", k ? "; " : "", c->m[k].label,
                       compare_doc_words(s->doc_type), s->words);
            json_array_append_new(ids, json_string(c->m[k].id));
        }
        if (c->nm > 12)
            buf_printf(&b, "; and %zu more meetings", c->nm - 12);
        buf_append(&b, ". Compare what they say, not what they leave out.");
        compare_caveat(caveats, "unequal_sources", buf_str(&b), ids);
        buf_free(&b);
    }
    for (size_t k = 0; k < c->nm; k++) {
        const struct compare_meeting *m = &c->m[k];
        const struct compare_source *s = &c->src[m->src[0]];
        const char *pub = jsonio_str(json_object_get(s->doc, "source"), "publisher");
        struct buf b = BUF_INIT;
        if (!m->full) {
            buf_printf(&b,
                       "%s is known only from %s%s%s%s (%lld words): topics and phrases it does "
                       "not mention are \"not reported\", not evidence that they were dropped.",
                       m->label, compare_doc_words(s->doc_type), pub ? " (" : "", pub ? pub : "",
                       pub ? ")" : "", s->words);
            compare_caveat(caveats, "short_source", buf_str(&b), compare_one_id(m));
            buf_reset(&b);
        }
        /* facts seen only in a caption, or dated from a relative expression */
        json_t *ev = json_object_get(json_object_get(s->doc, "meeting"), "evidence");
        const char *key;
        json_object_foreach(ev, key, it)
        {
            const char *blk = jsonio_str(it, "block");
            if (blk && !strcmp(blk, "caption")) {
                buf_printf(&b, "The %s of %s comes only from a photo caption (\"%s\").",
                           !strcmp(key, "dates") ? "date" : key, m->label, jsonio_str(it, "text"));
                compare_caveat(caveats, "caption_only", buf_str(&b), compare_one_id(m));
                buf_reset(&b);
            }
        }
        if (m->date_flag &&
            (!strcmp(m->date_flag, "relative") || !strcmp(m->date_flag, "partial"))) {
            buf_printf(&b,
                       "The date of %s was worked out from %s and the publication date, not "
                       "stated in full.",
                       m->label,
                       !strcmp(m->date_flag, "relative") ? "a relative expression"
                                                         : "a date without its year");
            compare_caveat(caveats, "relative_date", buf_str(&b), compare_one_id(m));
            buf_reset(&b);
        } else if (m->date_flag && !strcmp(m->date_flag, "caption")) {
            if (!compare_is_caption_ev(json_object_get(ev, "dates"))) {
                buf_printf(&b, "The date of %s is given only in a photo caption.", m->label);
                compare_caveat(caveats, "caption_only", buf_str(&b), compare_one_id(m));
                buf_reset(&b);
            }
        } else if (m->date_flag) {
            buf_printf(&b,
                       !strcmp(m->date_flag, "unknown")
                           ? "The sources do not date %s; it is placed last."
                           : "The sources do not date %s; it is placed by its publication date.",
                       m->label);
            compare_caveat(caveats, "date_unknown", buf_str(&b), compare_one_id(m));
            buf_reset(&b);
        }
        static const char *const stated[] = {"ordinal", "start_date", "city"};
        int first = 1;
        for (size_t f = 0; f < 3; f++)
            if (json_is_null(json_object_get(m->facts, stated[f]))) {
                buf_printf(&b, "%s%s", first ? "" : ", ",
                           !strcmp(stated[f], "start_date") ? "date" : stated[f]);
                first = 0;
            }
        if (!first) {
            char *fields = buf_take(&b);
            buf_printf(&b, "The text%s on %s do%s not state: %s (left blank, not guessed).",
                       m->nsrc > 1 ? "s" : "", m->label, m->nsrc > 1 ? "" : "es", fields);
            free(fields);
            compare_caveat(caveats, "unstated", buf_str(&b), compare_one_id(m));
            buf_reset(&b);
        }
        json_array_foreach(m->conflicts, i, it)
        {
            size_t j;
            json_t *v;
            buf_printf(&b, "The sources disagree on the %s of %s:", jsonio_str(it, "field"),
                       m->label);
            json_array_foreach(json_object_get(it, "values"), j, v)
            {
                char *val = json_dumps(json_object_get(v, "value"), JSON_ENCODE_ANY);
                if (!val)
                    xalloc_die();
                buf_printf(&b, "%s %s says %s", j ? ";" : "", jsonio_str(v, "file"), val);
                xalloc_json_free(val);
            }
            buf_append(&b, ".");
            compare_caveat(caveats, "conflict", buf_str(&b), compare_one_id(m));
            buf_reset(&b);
        }
        buf_free(&b);
    }
    json_array_foreach(c->duplicates, i, it)
    {
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s is the same file as %s and was counted once.", jsonio_str(it, "file"),
                   jsonio_str(it, "duplicate_of"));
        compare_caveat(caveats, "duplicate", buf_str(&b), NULL);
        buf_free(&b);
    }
    json_array_foreach(json_object_get(doc, "failed"), i, it)
    {
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s could not be processed and is left out: %s.", jsonio_str(it, "file"),
                   jsonio_str(it, "reason"));
        compare_caveat(caveats, "failed", buf_str(&b), NULL);
        buf_free(&b);
    }
}

/* ------------------------------------------------------------ findings */

/* What a reader calls a source of this type ("the 23rd KIDD (Sept. 2023)
 * joint statement"). */
static const char *compare_doc_noun(const char *doc_type)
{
    if (!strcmp(doc_type, "joint_statement"))
        return "joint statement";
    if (!strcmp(doc_type, "press_release"))
        return "press release";
    if (!strcmp(doc_type, "news_report"))
        return "news report";
    if (!strcmp(doc_type, "analysis"))
        return "analysis";
    return "text";
}

/* "the LABEL joint statement" for meeting M's preferred source. */
static void compare_put_source(struct buf *b, const struct compare_ctx *c,
                               const struct compare_meeting *m)
{
    buf_printf(b, "the %s %s", m->label, compare_doc_noun(c->src[m->src[0]].doc_type));
}

/* Why silence of a partial source is not evidence: ", which is short" for a
 * news report, ", which is not a full statement" otherwise. */
static const char *compare_partial_why(const struct compare_ctx *c, const struct compare_meeting *m)
{
    return !strcmp(c->src[m->src[0]].doc_type, "news_report") ? ", which is short"
                                                              : ", which is not a full statement";
}

/* Append the quoted strings of LIST (at most MAX, then "and N more") as
 * "'a', 'b' and 'c'"; QUOTE 0 leaves them unquoted. */
static void compare_put_list(struct buf *b, const json_t *list, size_t max, int quote)
{
    size_t n = json_array_size(list), shown = n > max ? max : n;
    for (size_t i = 0; i < shown; i++) {
        if (i)
            buf_append(b, i + 1 == shown && n == shown ? " and " : ", ");
        buf_printf(b, quote ? "'%s'" : "%s", json_string_value(json_array_get(list, i)));
    }
    if (n > shown)
        buf_printf(b, " and %zu more", n - shown);
}

static const char *compare_topic_label(const struct compare_ctx *c, const char *id)
{
    size_t i;
    json_t *t;
    json_array_foreach(c->topics, i,
                       t) if (!strcmp(jsonio_str(t, "id"), id)) return jsonio_str(t, "label");
    return id;
}

static const char *compare_count_word(size_t n)
{
    static const char *const w[] = {"no",    "one",   "two",  "three", "four",   "five",  "six",
                                    "seven", "eight", "nine", "ten",   "eleven", "twelve"};
    return n < sizeof w / sizeof w[0] ? w[n] : NULL;
}

/* "one topic" / "13 topics" */
static void compare_put_count(struct buf *b, size_t n, const char *what)
{
    const char *w = compare_count_word(n);
    if (w)
        buf_append(b, w);
    else
        buf_printf(b, "%zu", n);
    buf_printf(b, " %s%s", what, n == 1 ? "" : "s");
}

/* ------------------------------------------------------------ leads */

static int compare_same_side(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* "Cara Allison Marshall (acting Deputy Assistant Secretary ...)" for the
 * leads of SIDE in meeting entry M; evidence into EV. */
static void compare_put_side_leads(struct buf *b, const json_t *m, const char *side, json_t *ev)
{
    size_t j, nl = 0, n = 0;
    json_t *l;
    json_array_foreach(json_object_get(m, "leads"), j, l) n +=
        compare_same_side(jsonio_str(l, "side"), side);
    json_array_foreach(json_object_get(m, "leads"), j, l)
    {
        const char *title = jsonio_str(l, "title");
        if (!compare_same_side(jsonio_str(l, "side"), side))
            continue;
        if (nl++)
            buf_append(b, nl == n ? " and " : ", ");
        buf_append(b, jsonio_str(l, "name"));
        if (title)
            buf_printf(b, " (%s%s)",
                       json_is_true(json_object_get(l, "acting")) && !strstr(title, "cting") &&
                               !strstr(title, "duties")
                           ? "acting "
                           : "",
                       title);
        else if (json_is_true(json_object_get(l, "acting")))
            buf_append(b, " (acting)");
        compare_ev_add(ev, json_array_get(json_object_get(l, "evidence"), 0));
    }
}

static void compare_put_level(struct buf *b, const json_t *d)
{
    const char *lab = jsonio_str(d, "rank_label");
    buf_printf(b, "%s%s", json_is_true(json_object_get(d, "acting")) ? "acting " : "",
               lab && strcmp(lab, "other") ? lab : "other official");
}

/* The name of the highest-ranked lead of delegation D in meeting entry M;
 * its evidence into EV. */
static void compare_put_top_lead(struct buf *b, const json_t *m, const json_t *d, json_t *ev)
{
    size_t j;
    json_t *l;
    json_array_foreach(json_object_get(m, "leads"), j, l)
    {
        if (!compare_same_side(jsonio_str(l, "side"), jsonio_str(d, "side")) ||
            jsonio_int(l, "rank", 5) != jsonio_int(d, "level", 5))
            continue;
        buf_append(b, jsonio_str(l, "name"));
        compare_ev_add(ev, json_array_get(json_object_get(l, "evidence"), 0));
        return;
    }
    buf_append(b, "an unnamed official");
}

/* One finding per same-series pair: who led each side both times, and
 * whether the level rose or fell. */
static void compare_find_series_leads(struct compare_ctx *c, const json_t *meetings,
                                      const json_t *changes, struct compare_flist *fl,
                                      unsigned char *covered)
{
    size_t i, a, b;
    json_t *ch, *da, *db;
    json_array_foreach(changes, i, ch)
    {
        const char *basis = jsonio_str(ch, "basis");
        const struct compare_meeting *ma = compare_meeting_by_id(c, jsonio_str(ch, "from"));
        const struct compare_meeting *mb = compare_meeting_by_id(c, jsonio_str(ch, "to"));
        const json_t *ja, *jb;
        struct buf t = BUF_INIT;
        json_t *ev;
        int changed = 0, parts = 0;
        if (!basis || strcmp(basis, "same_series") || !ma || !mb)
            continue;
        ja = json_array_get(meetings, (size_t)(ma - c->m));
        jb = json_array_get(meetings, (size_t)(mb - c->m));
        ev = json_array();
        buf_printf(&t, "Who led the %s: ", ma->series ? ma->series : "meetings");
        /* sides whose level changed first, then the steady ones */
        for (int pass = 0; pass < 2; pass++)
            json_array_foreach(json_object_get(jb, "delegation"), b, db)
            {
                const char *side = jsonio_str(db, "side");
                json_array_foreach(json_object_get(ja, "delegation"), a, da)
                {
                    int la = (int)jsonio_int(da, "level", 5), lb = (int)jsonio_int(db, "level", 5);
                    if (!side || !compare_same_side(jsonio_str(da, "side"), side) ||
                        (la != lb) != (pass == 0))
                        continue;
                    if (parts++)
                        buf_append(&t, "; ");
                    buf_printf(&t, "the %s side ", side);
                    if (la == lb) {
                        buf_append(&t, "stayed at the same level (");
                        compare_put_level(&t, db);
                        buf_append(&t, ": ");
                        compare_put_top_lead(&t, ja, da, ev);
                        buf_append(&t, ", then ");
                        compare_put_top_lead(&t, jb, db, ev);
                        buf_append(&t, ")");
                    } else {
                        int diff = la > lb ? la - lb : lb - la;
                        changed = 1;
                        buf_printf(&t, "was led %s level%s %s, from ",
                                   compare_count_word((size_t)diff), diff > 1 ? "s" : "",
                                   lb < la ? "higher" : "lower");
                        compare_put_top_lead(&t, ja, da, ev);
                        buf_append(&t, " (");
                        compare_put_level(&t, da);
                        buf_printf(&t, ") at the %s to ", ma->label);
                        compare_put_top_lead(&t, jb, db, ev);
                        buf_append(&t, " (");
                        compare_put_level(&t, db);
                        buf_printf(&t, ") at the %s", mb->label);
                    }
                }
            }
        buf_append(&t, ".");
        if (parts) {
            covered[ma - c->m] = covered[mb - c->m] = 1;
            compare_add_finding(fl, changed ? 90 : 64, changed ? "level_change" : "leads",
                                buf_str(&t), ev, json_pack("[s,s]", ma->id, mb->id));
        } else {
            json_decref(ev);
        }
        buf_free(&t);
    }
}

/* Who led each meeting the series findings did not cover. */
static void compare_find_leads(const json_t *meetings, struct compare_flist *fl,
                               const unsigned char *covered)
{
    size_t k, i;
    json_t *m, *d;
    json_array_foreach(meetings, k, m)
    {
        struct buf b = BUF_INIT;
        json_t *ev = json_array();
        size_t nd = json_array_size(json_object_get(m, "delegation"));
        int top = nd > 0;
        buf_printf(&b, "The %s was led ", jsonio_str(m, "label"));
        json_array_foreach(json_object_get(m, "delegation"), i, d)
        {
            const char *side = jsonio_str(d, "side");
            if (i)
                buf_append(&b, i + 1 == nd ? ", and " : ", ");
            buf_printf(&b, "for %s%s by ", side ? "the " : "", side ? side : "an unnamed side");
            compare_put_side_leads(&b, m, side, ev);
            top &= jsonio_int(d, "level", 5) == 1;
        }
        if (top && nd > 1)
            buf_append(&b, ": minister or secretary level on every side");
        buf_append(&b, ".");
        if (nd)
            compare_add_finding(fl, covered[k] ? 42 : 60, "leads", buf_str(&b), ev,
                                json_pack("[O]", json_object_get(m, "id")));
        else
            json_decref(ev);
        buf_free(&b);
    }
}

/* ------------------------------------------------------------ identity */

/* Per meeting: the facts that place it (first meeting since X; the 2+2
 * format; its ordinal), when the sources state them. */
static void compare_find_identity(struct compare_ctx *c, struct compare_flist *fl)
{
    for (size_t k = 0; k < c->nm; k++) {
        const struct compare_meeting *m = &c->m[k];
        const char *format = jsonio_str(m->facts, "format"), *city = jsonio_str(m->facts, "city");
        struct buf t = BUF_INIT;
        json_t *ev = json_array();
        char *first = NULL;
        int score = 0;
        /* the clause was looked for in each record's sentences when it was read */
        for (size_t s = 0; s < m->nsrc && !first; s++) {
            const struct compare_source *src = &c->src[m->src[s]];
            if (src->first_since) {
                json_t *e = compare_ev_json(&src->first_since_ev, src->file);
                first = xstrdup(src->first_since);
                compare_ev_add(ev, e);
                json_decref(e);
            }
        }
        buf_printf(&t, "The %s", m->label);
        if (city)
            buf_printf(&t, ", held in %s,", city);
        if (first) {
            buf_printf(&t, " was the %s", first);
            score = 84;
        }
        /* a bilateral meeting is the default: not worth a finding */
        if (format && *format && strcasecmp(format, "bilateral")) {
            const json_t *fev = NULL;
            for (size_t s = 0; s < m->nsrc && !fev; s++) {
                fev = json_object_get(
                    json_object_get(json_object_get(c->src[m->src[s]].doc, "meeting"), "evidence"),
                    "format");
                if (json_is_object(fev)) {
                    json_t *e = compare_evidence(fev, c->src[m->src[s]].file);
                    compare_ev_add(ev, e);
                    json_decref(e);
                } else {
                    fev = NULL;
                }
            }
            buf_printf(&t, "%s in the %s format", first ? ", and met" : " met", format);
            if (!strcmp(format, "2+2"))
                buf_append(&t, ", with the foreign and defense ministers of both sides together");
            score = score ? score : 74;
        }
        buf_append(&t, ".");
        if (score)
            compare_add_finding(fl, score, "identity", buf_str(&t), ev, compare_one_id(m));
        else
            json_decref(ev);
        free(first);
        buf_free(&t);
    }
    /* meetings of a series missing between two with known ordinals: each
     * meeting and the next one of its series (any case), found through an
     * index of the series from the last meeting back */
    size_t *next = xmalloc(xmul(c->nm ? c->nm : 1, sizeof *next));
    json_t *last = json_object();
    for (size_t k = c->nm; k-- > 0;) {
        char *key = c->m[k].series ? xstrdup(c->m[k].series) : NULL;
        next[k] = c->nm;
        if (!key)
            continue;
        for (char *p = key; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        if (json_object_get(last, key))
            next[k] = (size_t)json_integer_value(json_object_get(last, key));
        json_object_set_new(last, key, json_integer((json_int_t)k));
        free(key);
    }
    json_decref(last);
    for (size_t k = 0; k < c->nm; k++)
        if (next[k] < c->nm) {
            const struct compare_meeting *a = &c->m[k], *b = &c->m[next[k]];
            if (a->ordinal > 0 && b->ordinal > a->ordinal + 1) {
                struct buf t = BUF_INIT;
                json_t *ev = json_array();
                long long gap = b->ordinal - a->ordinal - 1;
                buf_printf(&t,
                           "%lld %s meeting%s took place between the %s and the %s but %s "
                           "not among the sources compared.",
                           gap, a->series, gap > 1 ? "s" : "", a->label, b->label,
                           gap > 1 ? "are" : "is");
                for (int w = 0; w < 2; w++) {
                    const struct compare_meeting *x = w ? b : a;
                    json_t *e = compare_evidence(
                        json_object_get(
                            json_object_get(json_object_get(c->src[x->src[0]].doc, "meeting"),
                                            "evidence"),
                            "ordinal"),
                        c->src[x->src[0]].file);
                    compare_ev_add(ev, e);
                    json_decref(e);
                }
                compare_add_finding(fl, 46, "identity", buf_str(&t), ev,
                                    json_pack("[s,s]", a->id, b->id));
                buf_free(&t);
            }
        }
    free(next);
}

/* ------------------------------------------------------------ related */

/* Per meeting: the related meetings its texts mention that are not among
 * the compared meetings (from the timeline), upcoming ones first. */
static void compare_find_related(struct compare_ctx *c, const json_t *timeline,
                                 struct compare_flist *fl)
{
    /* the timeline's related entries per meeting, in timeline order */
    json_t **byid = xcalloc(c->nm ? c->nm : 1, sizeof *byid), *it;
    size_t i;
    json_array_foreach(timeline, i, it)
    {
        const char *kind = jsonio_str(it, "kind");
        const struct compare_meeting *m = compare_meeting_by_id(c, jsonio_str(it, "meeting"));
        if (!kind || strcmp(kind, "related") || !m)
            continue;
        if (!byid[m - c->m])
            byid[m - c->m] = json_array();
        json_array_append(byid[m - c->m], it);
    }
    for (size_t k = 0; k < c->nm; k++) {
        const struct compare_meeting *m = &c->m[k];
        const char *mdate = jsonio_str(m->facts, "start_date");
        json_t *upcoming = json_array(), *other = json_array(), *ev = json_array();
        struct buf t = BUF_INIT;
        json_array_foreach(byid[k], i, it)
        {
            const char *start = jsonio_str(it, "start_date");
            json_array_append_new(start && mdate && strcmp(start, mdate) > 0 ? upcoming : other,
                                  json_string(jsonio_str(it, "label")));
        }
        json_decref(byid[k]);
        if (!json_array_size(upcoming) && !json_array_size(other))
            goto next;
        /* evidence: the related-meeting sentences of the meeting's sources */
        for (size_t s = 0; s < m->nsrc; s++) {
            json_t *r;
            json_array_foreach(json_object_get(c->src[m->src[s]].doc, "related_meetings"), i, r)
            {
                json_t *e =
                    compare_evidence(json_object_get(r, "evidence"), c->src[m->src[s]].file);
                compare_ev_add(ev, e);
                json_decref(e);
            }
        }
        compare_put_source(&t, c, m);
        t.p[0] = 'T';
        if (json_array_size(upcoming)) {
            buf_append(&t, " looks ahead to the ");
            compare_put_list(&t, upcoming, 4, 0);
            if (json_array_size(other)) {
                buf_append(&t, " and also mentions the ");
                compare_put_list(&t, other, 4, 0);
            }
        } else {
            buf_append(&t, " mentions the ");
            compare_put_list(&t, other, 4, 0);
        }
        buf_append(&t, ", not among the meetings compared.");
        compare_add_finding(fl, json_array_size(upcoming) ? 58 : 44, "related", buf_str(&t), ev,
                            compare_one_id(m));
        ev = NULL;
    next:
        json_decref(ev);
        json_decref(upcoming);
        json_decref(other);
        buf_free(&t);
    }
    free(byid);
}

/* ------------------------------------------------------------ pairs */

/* Signal phrases between two meetings, grouped into one finding: what the
 * earlier text has and the later lacks, and the other way round. */
static void compare_find_pair_signals(struct compare_ctx *c, const json_t *signals,
                                      const struct compare_meeting *ma,
                                      const struct compare_meeting *mb, int same,
                                      struct compare_flist *fl)
{
    size_t ia = (size_t)(ma - c->m), ib = (size_t)(mb - c->m), i;
    json_t *gone = json_array(), *added = json_array(), *ev = json_array(), *s;
    json_t *gone_ev = json_array(), *added_ev = json_array();
    struct buf t = BUF_INIT;
    json_array_foreach(signals, i, s)
    {
        const json_t *ca = json_array_get(json_object_get(s, "cells"), ia);
        const json_t *cb = json_array_get(json_object_get(s, "cells"), ib);
        int pa = !strcmp(jsonio_str(ca, "status"), "present");
        int pb = !strcmp(jsonio_str(cb, "status"), "present");
        if (pa == pb)
            continue;
        json_array_append_new(pa ? gone : added, json_string(jsonio_str(s, "phrase")));
        json_array_append(pa ? gone_ev : added_ev, json_object_get(pa ? ca : cb, "evidence"));
    }
    /* evidence from both directions, alternating, so neither is crowded out */
    for (i = 0; i < json_array_size(gone_ev) || i < json_array_size(added_ev); i++) {
        compare_ev_add(ev, json_array_get(gone_ev, i));
        compare_ev_add(ev, json_array_get(added_ev, i));
    }
    if (json_array_size(gone)) {
        compare_put_list(&t, gone, 6, 1);
        buf_printf(&t, " appear%s in ", json_array_size(gone) == 1 ? "s" : "");
        compare_put_source(&t, c, ma);
        buf_append(&t, " but not in ");
        compare_put_source(&t, c, mb);
        if (!mb->full) /* wording is absent; the silence of a partial text says little */
            buf_printf(&t, "%s, so the wording's absence says little about the talks",
                       compare_partial_why(c, mb));
        buf_append(&t, ".");
    }
    if (json_array_size(added)) {
        if (t.len)
            buf_append(&t, " ");
        compare_put_list(&t, added, 6, 1);
        buf_printf(&t, " appear%s in ", json_array_size(added) == 1 ? "s" : "");
        compare_put_source(&t, c, mb);
        buf_append(&t, " but not in the earlier ");
        buf_printf(&t, "%s %s", ma->label, compare_doc_noun(c->src[ma->src[0]].doc_type));
        if (!ma->full)
            buf_printf(&t, "%s", compare_partial_why(c, ma));
        buf_append(&t, ".");
    }
    if (t.len) {
        t.p[0] = t.p[0] == 't' ? 'T' : t.p[0];
        compare_add_finding(fl, (same ? 76 : 66) - (json_array_size(gone) ? 0 : 4), "signal",
                            buf_str(&t), ev, json_pack("[s,s]", ma->id, mb->id));
    } else {
        json_decref(ev);
    }
    json_decref(gone);
    json_decref(added);
    json_decref(gone_ev);
    json_decref(added_ev);
    buf_free(&t);
}

/* Strongest evidence of TOPIC at meeting index K in the matrix. */
static const json_t *compare_matrix_ev(const json_t *matrix, const char *topic, size_t k)
{
    size_t i;
    json_t *row;
    json_array_foreach(
        matrix, i,
        row) if (!strcmp(jsonio_str(row, "id"),
                         topic)) return json_object_get(json_array_get(json_object_get(row,
                                                                                       "cells"),
                                                                       k),
                                                        "strongest");
    return NULL;
}

/* Evidence of the exercise or mechanism NAME in meeting entry M. */
static const json_t *compare_named_ev(const json_t *m, const char *what, const char *name)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(m, what), i, x)
    {
        const char *n = jsonio_str(x, "name");
        if (n && name && !strcmp(n, name))
            return json_object_get(x, "evidence");
    }
    return NULL;
}

/* Topic labels of the topic ids in LIST (new array). */
static json_t *compare_topic_labels(const struct compare_ctx *c, const json_t *list)
{
    json_t *out = json_array(), *x;
    size_t i;
    json_array_foreach(list, i, x)
        json_array_append_new(out, json_string(compare_topic_label(c, json_string_value(x))));
    return out;
}

/* Topics between two meetings, counted, in one finding. */
static void compare_find_pair_topics(struct compare_ctx *c, const json_t *doc, const json_t *ch,
                                     const struct compare_meeting *ma,
                                     const struct compare_meeting *mb, int same,
                                     struct compare_flist *fl)
{
    const json_t *matrix = json_object_get(doc, "topic_matrix");
    const json_t *topics = json_object_get(ch, "topics");
    const json_t *nw = json_object_get(topics, "new"), *co = json_object_get(topics, "continued");
    const json_t *dr = json_object_get(topics, "dropped"),
                 *nr = json_object_get(topics, "not_reported");
    size_t nnew = json_array_size(nw), ngone = json_array_size(dr) + json_array_size(nr), j;
    struct buf t = BUF_INIT;
    json_t *ev, *x, *labels;
    if (!nnew && !ngone)
        return;
    ev = json_array();
    buf_printf(&t, "From the %s to the %s, ", ma->label, mb->label);
    compare_put_count(&t, nnew, "topic");
    buf_printf(&t, " %s new", nnew == 1 ? "is" : "are");
    if (nnew) {
        labels = compare_topic_labels(c, nw);
        buf_append(&t, " (");
        compare_put_list(&t, labels, 4, 0);
        buf_append(&t, ")");
        json_decref(labels);
    }
    buf_append(&t, ", ");
    if (!json_array_size(co))
        buf_append(&t, "none");
    else if (compare_count_word(json_array_size(co)))
        buf_append(&t, compare_count_word(json_array_size(co)));
    else
        buf_printf(&t, "%zu", json_array_size(co));
    buf_append(&t, " continued");
    if (ngone) {
        const json_t *gone = json_array_size(dr) ? dr : nr;
        buf_append(&t, " and ");
        compare_put_count(&t, ngone, "topic");
        if (json_array_size(dr)) {
            buf_append(&t, " of the earlier meeting are no longer mentioned in ");
            compare_put_source(&t, c, mb);
        } else {
            buf_append(&t, " of the earlier meeting are not reported in ");
            compare_put_source(&t, c, mb);
            buf_printf(&t, "%s, so not necessarily dropped", compare_partial_why(c, mb));
        }
        labels = compare_topic_labels(c, gone);
        buf_append(&t, ": ");
        compare_put_list(&t, labels, 5, 0);
        json_decref(labels);
    }
    buf_append(&t, ".");
    json_array_foreach(nw, j, x) if (j < 4)
        compare_ev_add(ev, compare_matrix_ev(matrix, json_string_value(x), (size_t)(mb - c->m)));
    json_array_foreach(json_array_size(dr) ? dr : nr, j, x) if (j < 4)
        compare_ev_add(ev, compare_matrix_ev(matrix, json_string_value(x), (size_t)(ma - c->m)));
    compare_add_finding(fl, same ? 80 : 68, "topics", buf_str(&t), ev,
                        json_pack("[s,s]", ma->id, mb->id));
    buf_free(&t);
}

/* Mechanisms and exercises the later meeting names and the earlier did not. */
static void compare_find_pair_named(struct compare_ctx *c, const json_t *doc, const json_t *ch,
                                    const struct compare_meeting *ma,
                                    const struct compare_meeting *mb, int same,
                                    struct compare_flist *fl)
{
    static const char *const things[] = {"mechanisms", "exercises"};
    static const char *const one[] = {"the mechanism", "the exercise"};
    static const char *const many[] = {"the mechanisms", "the exercises"};
    const json_t *entry = json_array_get(json_object_get(doc, "meetings"), (size_t)(mb - c->m));
    struct buf t = BUF_INIT;
    json_t *ev = json_array(), *x;
    int parts = 0, has_mech = 0;
    size_t j;
    buf_printf(&t, "New at the %s compared with the %s: ", mb->label, ma->label);
    for (size_t p = 0; p < 2; p++) {
        const json_t *list = json_object_get(json_object_get(ch, things[p]), "new");
        size_t n = json_array_size(list);
        if (!n)
            continue;
        if (parts++)
            buf_append(&t, "; and ");
        buf_printf(&t, "%s ", n == 1 ? one[p] : many[p]);
        compare_put_list(&t, list, 5, 0);
        has_mech |= p == 0;
        json_array_foreach(list, j, x)
            compare_ev_add(ev, compare_named_ev(entry, things[p], json_string_value(x)));
    }
    buf_append(&t, ".");
    if (parts)
        compare_add_finding(fl, same ? 63 : 61, has_mech ? "mechanisms" : "exercises", buf_str(&t),
                            ev, json_pack("[s,s]", ma->id, mb->id));
    else
        json_decref(ev);
    buf_free(&t);
}

static void compare_find_pairs(struct compare_ctx *c, const json_t *doc, struct compare_flist *fl)
{
    size_t i;
    json_t *ch;
    json_array_foreach(json_object_get(doc, "changes"), i, ch)
    {
        const struct compare_meeting *ma = compare_meeting_by_id(c, jsonio_str(ch, "from"));
        const struct compare_meeting *mb = compare_meeting_by_id(c, jsonio_str(ch, "to"));
        int same = !strcmp(jsonio_str(ch, "basis"), "same_series");
        if (!ma || !mb)
            continue;
        compare_find_pair_topics(c, doc, ch, ma, mb, same, fl);
        compare_find_pair_signals(c, json_object_get(doc, "signals"), ma, mb, same, fl);
        compare_find_pair_named(c, doc, ch, ma, mb, same, fl);
    }
}

/* Phrases every meeting's text carries, in one finding. */
static void compare_find_constant_signals(struct compare_ctx *c, const json_t *signals,
                                          struct compare_flist *fl)
{
    json_t *names = json_array(), *ev = json_array(), *s, *cell;
    struct buf t = BUF_INIT;
    size_t i, k;
    if (c->nm < 2)
        goto out;
    json_array_foreach(signals, i, s)
    {
        int all = 1;
        json_array_foreach(json_object_get(s, "cells"), k, cell) all &=
            !strcmp(jsonio_str(cell, "status"), "present");
        if (!all)
            continue;
        json_array_append_new(names, json_string(jsonio_str(s, "phrase")));
        json_array_foreach(json_object_get(s, "cells"), k, cell)
            compare_ev_add(ev, json_object_get(cell, "evidence"));
    }
    if (json_array_size(names)) {
        compare_put_list(&t, names, 6, 1);
        buf_printf(&t, " appear%s in the texts of every meeting compared.",
                   json_array_size(names) == 1 ? "s" : "");
        compare_add_finding(fl, 48, "signal", buf_str(&t), ev, NULL);
        ev = NULL;
    }
out:
    json_decref(ev);
    json_decref(names);
    buf_free(&t);
}

/* ------------------------------------------------------------ others */

static const char *compare_field_words(const char *field)
{
    if (!strcmp(field, "start_date"))
        return "start date";
    if (!strcmp(field, "end_date"))
        return "end date";
    return field;
}

static void compare_find_conflicts(struct compare_ctx *c, struct compare_flist *fl)
{
    for (size_t k = 0; k < c->nm; k++) {
        size_t i, j;
        json_t *it, *v;
        json_array_foreach(c->m[k].conflicts, i, it)
        {
            struct buf t = BUF_INIT;
            json_t *ev = json_array();
            buf_printf(&t, "The sources disagree on the %s of the %s:",
                       compare_field_words(jsonio_str(it, "field")), c->m[k].label);
            json_array_foreach(json_object_get(it, "values"), j, v)
            {
                const json_t *val = json_object_get(v, "value");
                buf_printf(&t, "%s %s says ", j ? ";" : "", jsonio_str(v, "file"));
                if (json_is_string(val))
                    buf_append(&t, json_string_value(val));
                else if (json_is_integer(val))
                    buf_printf(&t, "%lld", (long long)json_integer_value(val));
                else
                    buf_append(&t, "something else");
                compare_ev_add(ev, json_object_get(v, "evidence"));
            }
            buf_append(&t, ".");
            compare_add_finding(fl, 95, "conflict", buf_str(&t), ev, compare_one_id(&c->m[k]));
            buf_free(&t);
        }
    }
}

static void compare_find_people(const json_t *people, struct compare_flist *fl)
{
    size_t i, j;
    json_t *p, *a;
    json_array_foreach(people, i, p)
    {
        const json_t *apps = json_object_get(p, "appearances");
        json_t *ids = json_array(), *ev = json_array(), *names = json_object();
        struct buf t = BUF_INIT;
        json_array_foreach(apps, j, a)
        {
            const char *mid = jsonio_str(a, "meeting");
            size_t n = json_array_size(ids);
            if (!n || strcmp(json_string_value(json_array_get(ids, n - 1)), mid)) {
                json_array_append_new(ids, json_string(mid));
                compare_ev_add(ev, json_array_get(json_object_get(a, "evidence"), 0));
            }
            json_object_set_new(names, jsonio_str(a, "name"), json_true());
        }
        if (json_array_size(ids) >= 2) {
            buf_printf(&t, "%s appears at %zu of the meetings", jsonio_str(p, "name"),
                       json_array_size(ids));
            if (json_object_size(names) > 1) {
                const char *k;
                json_t *v;
                size_t n = 0;
                buf_append(&t, ", written ");
                json_object_foreach(names, k, v) buf_printf(&t, "%s\"%s\"", n++ ? " and " : "", k);
            }
            buf_append(&t, ".");
            compare_add_finding(fl, 45, "person", buf_str(&t), ev, ids);
        } else {
            json_decref(ev);
            json_decref(ids);
        }
        json_decref(names);
        buf_free(&t);
    }
}

/* ------------------------------------------------------------ ranking */

/* The first COMPARE_TOP findings are what page 1 shows: at most
 * COMPARE_TOP_PER_KIND of a kind (leads and level changes count as one
 * kind), so the top is a mix; the rest follow in score order. */
#define COMPARE_TOP 8
#define COMPARE_TOP_PER_KIND 2

static const char *compare_kind_family(const char *kind)
{
    return !strcmp(kind, "level_change") ? "leads"
           : !strcmp(kind, "exercises")  ? "mechanisms"
                                         : kind;
}

static void compare_rank_findings(struct compare_flist *fl, json_t *findings)
{
    json_t *per_kind = json_object();
    unsigned char *top = xcalloc(fl->n ? fl->n : 1, 1);
    size_t ntop = 0, rank = 0;
    if (fl->n)
        qsort(fl->v, fl->n, sizeof *fl->v, compare_by_score);
    for (size_t i = 0; i < fl->n && ntop < COMPARE_TOP; i++) {
        const char *fam = compare_kind_family(jsonio_str(fl->v[i].f, "kind"));
        json_int_t used = jsonio_int(per_kind, fam, 0);
        if (used >= COMPARE_TOP_PER_KIND + !strcmp(fam, "leads"))
            continue;
        json_object_set_new(per_kind, fam, json_integer(used + 1));
        top[i] = 1;
        ntop++;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < fl->n; i++) {
            if (top[i] != (pass == 0) || rank >= COMPARE_MAX_FINDINGS)
                continue;
            json_object_set_new(fl->v[i].f, "rank", json_integer((json_int_t)++rank));
            json_array_append(findings, fl->v[i].f);
        }
    for (size_t i = 0; i < fl->n; i++)
        json_decref(fl->v[i].f);
    free(top);
    json_decref(per_kind);
}

void compare_findings_build(struct compare_ctx *c, json_t *doc)
{
    struct compare_flist fl = {NULL, 0, 0, json_object()};
    json_t *caveats = json_array(), *findings = json_array();
    const json_t *meetings = json_object_get(doc, "meetings");
    unsigned char *covered = xcalloc(c->nm ? c->nm : 1, 1);
    compare_ids = json_object();
    for (size_t k = 0; k < c->nm; k++)
        json_object_set_new(compare_ids, c->m[k].id, json_integer((json_int_t)k));
    compare_caveats(c, doc, caveats);
    compare_find_conflicts(c, &fl);
    compare_find_series_leads(c, meetings, json_object_get(doc, "changes"), &fl, covered);
    compare_find_leads(meetings, &fl, covered);
    compare_find_identity(c, &fl);
    compare_find_pairs(c, doc, &fl);
    compare_find_constant_signals(c, json_object_get(doc, "signals"), &fl);
    compare_find_related(c, json_object_get(doc, "timeline"), &fl);
    compare_find_people(json_object_get(doc, "people"), &fl);
    compare_rank_findings(&fl, findings);
    free(covered);
    free(fl.v);
    json_decref(fl.texts);
    json_decref(compare_ids);
    compare_ids = NULL;
    json_object_set_new(doc, "caveats", caveats);
    json_object_set_new(doc, "findings", findings);
}
