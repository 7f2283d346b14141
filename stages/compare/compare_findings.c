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
#define COMPARE_LIST_NAMES 4

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
    json_array_append_new(caveats, json_pack("{s:s,s:o,s:o}", "kind", kind, "text",
                                             jsonio_string(text), "meetings",
                                             meetings ? meetings : json_array()));
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
    if (json_is_object(e) && json_is_string(json_object_get(e, "file")) &&
        json_array_size(ev) < 8)
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

static const char *compare_topic_label(const struct compare_ctx *c, const char *id)
{
    size_t i;
    json_t *t;
    json_array_foreach(c->topics, i, t) if (!strcmp(jsonio_str(t, "id"), id)) return jsonio_str(
        t, "label");
    return id;
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
        if (m->date_flag && (!strcmp(m->date_flag, "relative") || !strcmp(m->date_flag, "partial"))) {
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
                free(val);
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

static void compare_describe_lead(struct buf *b, const json_t *l)
{
    const char *title = jsonio_str(l, "title");
    buf_append(b, jsonio_str(l, "name"));
    buf_append(b, " (");
    if (title)
        buf_printf(b, "%s; ", title);
    buf_printf(b, "level %d", (int)jsonio_int(l, "rank", 5));
    if (json_is_true(json_object_get(l, "acting")))
        buf_append(b, ", acting");
    buf_append(b, ")");
}

static void compare_find_leads(struct compare_ctx *c, const json_t *meetings,
                               struct compare_flist *fl)
{
    size_t k, i, j;
    json_t *m, *d, *l;
    json_array_foreach(meetings, k, m)
    {
        struct buf b = BUF_INIT;
        json_t *ev = json_array();
        int any = 0;
        buf_printf(&b, "%s was led by ", jsonio_str(m, "label"));
        json_array_foreach(json_object_get(m, "delegation"), i, d)
        {
            const char *side = jsonio_str(d, "side");
            if (any)
                buf_append(&b, i + 1 == json_array_size(json_object_get(m, "delegation"))
                                   ? " and "
                                   : "; ");
            int nl = 0;
            json_array_foreach(json_object_get(m, "leads"), j, l)
            {
                const char *ls = jsonio_str(l, "side");
                if (!((!ls && !side) || (ls && side && !strcmp(ls, side))))
                    continue;
                if (nl++)
                    buf_append(&b, " with ");
                compare_describe_lead(&b, l);
                compare_ev_add(ev, json_array_get(json_object_get(l, "evidence"), 0));
            }
            buf_printf(&b, " for %s", side ? side : "an unnamed side");
            any = 1;
        }
        buf_append(&b, ".");
        if (any)
            compare_add_finding(fl, 50, "leads", buf_str(&b), ev,
                                json_pack("[O]", json_object_get(m, "id")));
        else
            json_decref(ev);
        buf_free(&b);
    }
    (void)c;
}

static const char *compare_level_words(int level)
{
    static const char *const w[] = {"", "minister/secretary", "vice minister/under secretary",
                                    "deputy minister/assistant secretary",
                                    "deputy assistant secretary/director general",
                                    "director or other"};
    return level >= 1 && level <= 5 ? w[level] : "unknown";
}

static void compare_find_levels(const json_t *meetings, const json_t *changes,
                                struct compare_flist *fl, struct compare_ctx *c)
{
    size_t i, a, b;
    json_t *ch, *da, *db;
    json_array_foreach(changes, i, ch)
    {
        const char *basis = jsonio_str(ch, "basis");
        const struct compare_meeting *ma = compare_meeting_by_id(c, jsonio_str(ch, "from"));
        const struct compare_meeting *mb = compare_meeting_by_id(c, jsonio_str(ch, "to"));
        json_t *ja, *jb;
        if (!basis || strcmp(basis, "same_series") || !ma || !mb)
            continue;
        ja = json_array_get(meetings, (size_t)(ma - c->m));
        jb = json_array_get(meetings, (size_t)(mb - c->m));
        json_array_foreach(json_object_get(ja, "delegation"), a, da)
            json_array_foreach(json_object_get(jb, "delegation"), b, db)
        {
            const char *sa = jsonio_str(da, "side"), *sb = jsonio_str(db, "side");
            int la = (int)jsonio_int(da, "level", 5), lb = (int)jsonio_int(db, "level", 5);
            struct buf t = BUF_INIT;
            json_t *ev, *l;
            size_t j;
            if (!sa || !sb || strcmp(sa, sb) || la == lb)
                continue;
            ev = json_array();
            buf_printf(&t, "The %s delegation to %s %s from level %d (%s%s) at the %s to level %d "
                           "(%s%s) at the %s.",
                       sa, ma->series, lb < la ? "rose" : "fell", la, compare_level_words(la),
                       json_is_true(json_object_get(da, "acting")) ? ", acting" : "", ma->label,
                       lb, compare_level_words(lb),
                       json_is_true(json_object_get(db, "acting")) ? ", acting" : "", mb->label);
            json_array_foreach(json_object_get(ja, "leads"), j, l) if (
                jsonio_str(l, "side") && !strcmp(jsonio_str(l, "side"), sa))
                compare_ev_add(ev, json_array_get(json_object_get(l, "evidence"), 0));
            json_array_foreach(json_object_get(jb, "leads"), j, l) if (
                jsonio_str(l, "side") && !strcmp(jsonio_str(l, "side"), sa))
                compare_ev_add(ev, json_array_get(json_object_get(l, "evidence"), 0));
            compare_add_finding(fl, 85, "level_change", buf_str(&t), ev,
                                json_pack("[s,s]", ma->id, mb->id));
            buf_free(&t);
        }
    }
}

/* Turn "a|b|c" into "a, b and c" (", c" when MORE follows). */
static void compare_and_list(struct buf *b, int more)
{
    char *last = NULL;
    if (!b->len)
        return;
    for (size_t i = 0; i < b->len; i++)
        if (b->p[i] == '|')
            last = b->p + i;
    if (!last)
        return;
    char *s = buf_take(b);
    for (char *p = s; *p; p++) {
        if (*p != '|')
            buf_putc(b, *p);
        else
            buf_append(b, (p == s + (last - s) && !more) ? " and " : ", ");
    }
    free(s);
}

static void compare_find_signals(struct compare_ctx *c, const json_t *signals,
                                 struct compare_flist *fl)
{
    size_t i, k;
    json_t *s, *cell;
    json_array_foreach(signals, i, s)
    {
        struct buf yes = BUF_INIT, no = BUF_INIT, t = BUF_INIT;
        size_t ny = 0, nn = 0;
        json_t *ev = json_array(), *ids = json_array();
        json_array_foreach(json_object_get(s, "cells"), k, cell)
        {
            const char *st = jsonio_str(cell, "status");
            const struct compare_meeting *m = &c->m[k];
            if (!strcmp(st, "present")) {
                if (ny < COMPARE_LIST_NAMES)
                    buf_printf(&yes, "%s%s", ny ? "|" : "", m->label);
                ny++;
                compare_ev_add(ev, json_object_get(cell, "evidence"));
            } else {
                if (nn < COMPARE_LIST_NAMES)
                    buf_printf(&no, "%s%s%s", nn ? "|" : "", m->label,
                               m->full ? "" : !strcmp(c->src[m->src[0]].doc_type, "news_report")
                                                  ? " (a short news report)"
                                                  : " (not a full statement)");
                nn++;
            }
            json_array_append_new(ids, json_string(m->id));
        }
        compare_and_list(&yes, ny > COMPARE_LIST_NAMES);
        compare_and_list(&no, nn > COMPARE_LIST_NAMES);
        if (ny && nn) {
            if (ny > COMPARE_LIST_NAMES)
                buf_printf(&yes, " and %zu more", ny - COMPARE_LIST_NAMES);
            if (nn > COMPARE_LIST_NAMES)
                buf_printf(&no, " and %zu more", nn - COMPARE_LIST_NAMES);
            buf_printf(&t, "\"%s\" appears in the %s text%s but not in the %s text%s.",
                       jsonio_str(s, "phrase"), buf_str(&yes), ny > 1 ? "s" : "", buf_str(&no),
                       nn > 1 ? "s" : "");
            compare_add_finding(fl, 80, "signal", buf_str(&t), ev, ids);
        } else if (ny && c->nm > 1) {
            buf_printf(&t, "\"%s\" appears in every meeting's text (%s).", jsonio_str(s, "phrase"),
                       buf_str(&yes));
            compare_add_finding(fl, 40, "signal", buf_str(&t), ev, ids);
        } else {
            json_decref(ev);
            json_decref(ids);
        }
        buf_free(&yes);
        buf_free(&no);
        buf_free(&t);
    }
}

/* Strongest evidence of TOPIC at meeting index K in the matrix. */
static const json_t *compare_matrix_ev(const json_t *matrix, const char *topic, size_t k)
{
    size_t i;
    json_t *row;
    json_array_foreach(matrix, i, row) if (!strcmp(jsonio_str(row, "id"), topic)) return json_object_get(
        json_array_get(json_object_get(row, "cells"), k), "strongest");
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

static void compare_find_changes(struct compare_ctx *c, const json_t *doc, struct compare_flist *fl)
{
    const json_t *matrix = json_object_get(doc, "topic_matrix");
    size_t i, j;
    json_t *ch, *x;
    json_array_foreach(json_object_get(doc, "changes"), i, ch)
    {
        const struct compare_meeting *ma = compare_meeting_by_id(c, jsonio_str(ch, "from"));
        const struct compare_meeting *mb = compare_meeting_by_id(c, jsonio_str(ch, "to"));
        int same = !strcmp(jsonio_str(ch, "basis"), "same_series");
        const json_t *topics = json_object_get(ch, "topics");
        static const char *const parts[] = {"new", "dropped", "not_reported"};
        if (!ma || !mb)
            continue;
        for (size_t p = 0; p < 3; p++) {
            const json_t *list = json_object_get(topics, parts[p]);
            size_t n = json_array_size(list);
            struct buf t = BUF_INIT;
            json_t *ev;
            if (!n)
                continue;
            ev = json_array();
            if (p == 0)
                buf_printf(&t, "New at the %s compared with the %s: ", mb->label, ma->label);
            else if (p == 1)
                buf_printf(&t, "Discussed at the %s but not in the full statement of the %s: ",
                           ma->label, mb->label);
            else
                buf_printf(&t, "Discussed at the %s but not reported from the %s (%s, so not "
                               "necessarily dropped): ",
                           ma->label, mb->label, compare_doc_words(c->src[mb->src[0]].doc_type));
            json_array_foreach(list, j, x)
            {
                if (j < 6)
                    buf_printf(&t, "%s%s", j ? ", " : "",
                               compare_topic_label(c, json_string_value(x)));
                compare_ev_add(ev, compare_matrix_ev(matrix, json_string_value(x),
                                                     (size_t)((p == 0 ? mb : ma) - c->m)));
            }
            if (n > 6)
                buf_printf(&t, " and %zu more", n - 6);
            buf_append(&t, ".");
            compare_add_finding(fl, (same ? 70 : 55) + (p == 1 ? 3 : 0), "topics", buf_str(&t),
                                ev, json_pack("[s,s]", ma->id, mb->id));
            buf_free(&t);
        }
        static const char *const things[] = {"mechanisms", "exercises"};
        for (size_t p = 0; p < 2; p++) {
            const json_t *list = json_object_get(json_object_get(ch, things[p]), "new");
            struct buf t = BUF_INIT;
            json_t *ev = json_array();
            if (!json_array_size(list)) {
                json_decref(ev);
                continue;
            }
            buf_printf(&t, "%s named at the %s but not at the %s: ",
                       p == 0 ? "Mechanisms" : "Exercises", mb->label, ma->label);
            json_array_foreach(list, j, x)
            {
                if (j < 6)
                    buf_printf(&t, "%s%s", j ? ", " : "", json_string_value(x));
                compare_ev_add(ev, compare_named_ev(json_array_get(json_object_get(doc, "meetings"),
                                                                   (size_t)(mb - c->m)),
                                                    things[p], json_string_value(x)));
            }
            buf_append(&t, ".");
            compare_add_finding(fl, same ? 62 : 52, p == 0 ? "mechanisms" : "exercises",
                                buf_str(&t), ev, json_pack("[s,s]", ma->id, mb->id));
            buf_free(&t);
        }
    }
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
            buf_printf(&t, "The sources disagree on the %s of the %s:", jsonio_str(it, "field"),
                       c->m[k].label);
            json_array_foreach(json_object_get(it, "values"), j, v)
            {
                char *val = json_dumps(json_object_get(v, "value"), JSON_ENCODE_ANY);
                if (!val)
                    xalloc_die();
                buf_printf(&t, "%s %s says %s", j ? ";" : "", jsonio_str(v, "file"), val);
                free(val);
                compare_ev_add(ev, json_object_get(v, "evidence"));
            }
            buf_append(&t, ".");
            compare_add_finding(fl, 90, "conflict", buf_str(&t), ev, compare_one_id(&c->m[k]));
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

void compare_findings_build(struct compare_ctx *c, json_t *doc)
{
    struct compare_flist fl = {NULL, 0, 0, json_object()};
    json_t *caveats = json_array(), *findings = json_array();
    const json_t *meetings = json_object_get(doc, "meetings");
    compare_ids = json_object();
    for (size_t k = 0; k < c->nm; k++)
        json_object_set_new(compare_ids, c->m[k].id, json_integer((json_int_t)k));
    compare_caveats(c, doc, caveats);
    compare_find_conflicts(c, &fl);
    compare_find_levels(meetings, json_object_get(doc, "changes"), &fl, c);
    compare_find_signals(c, json_object_get(doc, "signals"), &fl);
    compare_find_changes(c, doc, &fl);
    compare_find_leads(c, meetings, &fl);
    compare_find_people(json_object_get(doc, "people"), &fl);
    if (fl.n)
        qsort(fl.v, fl.n, sizeof *fl.v, compare_by_score);
    for (size_t i = 0; i < fl.n; i++) {
        if (i < COMPARE_MAX_FINDINGS) {
            json_object_set_new(fl.v[i].f, "rank", json_integer((json_int_t)i + 1));
            json_array_append(findings, fl.v[i].f);
        }
        json_decref(fl.v[i].f);
    }
    free(fl.v);
    json_decref(fl.texts);
    json_decref(compare_ids);
    compare_ids = NULL;
    json_object_set_new(doc, "caveats", caveats);
    json_object_set_new(doc, "findings", findings);
}
