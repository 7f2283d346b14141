/* extract_commit.c - commitments: who (both sides, the U.S., the ROK, the
 * allies...) did what (reaffirmed, pledged, agreed...) about what. A
 * sentence with "X pledged A and agreed B" gives two items. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "jsonio.h"
#include "xalloc.h"

static const char *const xc_adverbs[] = {"also",     "further", "again", "jointly",     "both",
                                         "have",     "has",     "had",   "once again",  "today",
                                         "strongly", "firmly",  "fully", "unanimously", "together",
                                         "each",     "all"};

/* Skip adverbs at S+p; returns the new position. */
static size_t xc_skip_adv(const char *s, size_t len, size_t p)
{
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; k < sizeof xc_adverbs / sizeof xc_adverbs[0]; k++) {
            size_t m = xt_match_at(s, len, p, xc_adverbs[k], 1);
            if (m) {
                p = xt_skip_sp(s, len, p + m);
                again = 1;
            }
        }
    }
    return p;
}

/* End of the commitment text starting at P: the sentence end, a ';', or
 * " and VERB" / ", and VERB" starting the next commitment (*NEXT gets VERB). */
static size_t xc_text_end(const struct xdata *x, const char *s, size_t len, size_t p, size_t *next)
{
    *next = (size_t)-1;
    for (size_t i = p; i < len; i++) {
        size_t m, vl;
        if (s[i] == ';')
            return i;
        if ((m = xt_match_at(s, len, i, "and", 0)) != 0) {
            size_t v = xc_skip_adv(s, len, xt_skip_sp(s, len, i + m));
            if (xt_longest_at(&x->commit_verbs, s, len, v, 0, &vl) >= 0) {
                *next = v;
                return xt_back_sp(s, i) > p && s[xt_back_sp(s, i) - 1] == ',' ? xt_back_sp(s, i) - 1
                                                                              : xt_back_sp(s, i);
            }
        }
    }
    while (len > p && (s[len - 1] == '.' || s[len - 1] == ' '))
        len--;
    return len;
}

/* The names of the participants whose side is known, indexed once per
 * document: each full name, then its words (a family name, not "J." or
 * "III"), person by person, so the earliest row that matches is the first
 * person's best form. */
struct xc_names {
    size_t n, cap;
    char **pat;         /* owned */
    const char **actor; /* "the U.S.", "the ROK" or the side */
    unsigned char *full;
    struct xindex *ix;
};

static void xc_names_add(struct xc_names *nm, char *pat, const char *actor, int full)
{
    if (nm->n == nm->cap) {
        nm->cap = nm->cap ? 2 * nm->cap : 16;
        nm->pat = xrealloc(nm->pat, xmul(nm->cap, sizeof *nm->pat));
        nm->actor = xrealloc(nm->actor, xmul(nm->cap, sizeof *nm->actor));
        nm->full = xrealloc(nm->full, nm->cap);
    }
    nm->pat[nm->n] = pat;
    nm->actor[nm->n] = actor;
    nm->full[nm->n++] = (unsigned char)full;
}

static void xc_names_init(struct xc_names *nm, const json_t *people)
{
    size_t k;
    json_t *p;
    memset(nm, 0, sizeof *nm);
    json_array_foreach(people, k, p)
    {
        const char *name = jsonio_str(p, "name"), *side = jsonio_str(p, "side"), *t, *actor;
        if (!side || !name || !*name)
            continue;
        actor = !strcmp(side, "US") ? "the U.S." : !strcmp(side, "ROK") ? "the ROK" : side;
        xc_names_add(nm, xstrdup(name), actor, 1);
        for (t = name; *t;) {
            size_t wl = strcspn(t, " ");
            if (wl >= 3 && !memchr(t, '.', wl) && strncmp(t, "III", wl) != 0)
                xc_names_add(nm, xstrndup(t, wl), actor, 0);
            t += wl;
            while (*t == ' ')
                t++;
        }
    }
    nm->ix = xindex_new((const char *const *)nm->pat, nm->n);
}

static void xc_names_free(struct xc_names *nm)
{
    for (size_t i = 0; i < nm->n; i++)
        free(nm->pat[i]);
    free(nm->pat);
    free(nm->actor);
    free(nm->full);
    xindex_free(nm->ix);
}

/* A participant's name at S+i whose side is known: the actor for that side
 * ("Secretary Austin reaffirmed" -> the U.S.); *AL gets the name length. */
static const char *xc_person_actor(const struct xc_names *nm, const char *s, size_t len, size_t i,
                                   size_t *al)
{
    const uint32_t *rows;
    size_t nr = xindex_rows_at(nm->ix, s, len, i, &rows);
    for (size_t k = 0; k < nr; k++) {
        size_t r = rows[k], m = 0;
        if (nm->full[r]) {
            m = xt_match_at(s, len, i, nm->pat[r], 0);
        } else {
            size_t wl = strlen(nm->pat[r]);
            if (len - i >= wl && !memcmp(s + i, nm->pat[r], wl) &&
                (i + wl == len || !xt_is_word((unsigned char)s[i + wl])))
                m = wl;
        }
        if (m) {
            *al = m;
            return nm->actor[r];
        }
    }
    return NULL;
}

json_t *extract_commitments(const struct xdoc *doc, const json_t *people)
{
    const struct xdata *x = doc->data;
    json_t *out = json_array();
    const char *last_actor = NULL;
    struct xc_names nm;
    xc_names_init(&nm, people);
    for (size_t si = 0; si < doc->nbody; si++) {
        size_t len;
        const char *s = xdoc_stext(doc, si, &len);
        for (size_t i = 0; i < len; i++) {
            size_t al = 0, vl, p, v;
            long row;
            const char *actor = NULL;
            /* every actor form below starts on a word boundary */
            if (xt_inword(s, len, i))
                continue;
            row = xt_longest_at(&x->commit_actors, s, len, i, 1, &al);
            if (row >= 0 && x->commit_actors.b[row])
                actor = x->commit_actors.b[row];
            else if (last_actor && (al = xt_match_at(s, len, i, "They", 0)) != 0)
                actor = last_actor;
            else if (last_actor && (al = xt_match_at(s, len, i, "they", 0)) != 0)
                actor = last_actor;
            else if (isupper((unsigned char)s[i]) && (i == 0 || s[i - 1] == ' ')) {
                actor = xc_person_actor(&nm, s, len, i, &al);
                /* "Kim and Austin agreed", "Minister Kim and his U.S. counterpart
                 * Lloyd Austin agreed": people of two sides speak for both */
                if (actor) {
                    size_t b = i > 120 ? i - 120 : 0, a2; /* S is one sentence */
                    if (xt_find(s, i, b, "and", 0) != (size_t)-1)
                        for (size_t k = b; k < i; k++) {
                            const char *other;
                            if (!isupper((unsigned char)s[k]) || (k > 0 && s[k - 1] != ' '))
                                continue;
                            other = xc_person_actor(&nm, s, i, k, &a2);
                            if (other && strcmp(other, actor) != 0) {
                                actor = "both sides";
                                break;
                            }
                        }
                }
            }
            if (!actor)
                continue;
            v = xc_skip_adv(s, len, xt_skip_sp(s, len, i + al));
            if (xt_longest_at(&x->commit_verbs, s, len, v, 0, &vl) < 0) {
                /* "The two sides reviewed X and pledged Y": the second verb counts
                 * (only when a verb in -ed follows the actor) */
                size_t next = (size_t)-1, wl = xt_word_len(s, len, v);
                if (wl > 3 && s[v + wl - 2] == 'e' && s[v + wl - 1] == 'd')
                    xc_text_end(x, s, len, v, &next);
                if (next == (size_t)-1) {
                    i += al - 1;
                    continue;
                }
                v = next;
            }
            last_actor = actor;
            while (v != (size_t)-1) {
                size_t next, te;
                json_t *o;
                xt_longest_at(&x->commit_verbs, s, len, v, 0, &vl);
                p = xt_skip_sp(s, len, v + vl);
                te = xc_text_end(x, s, len, p, &next);
                o = json_object();
                json_object_set_new(o, "actor", json_string(actor));
                json_object_set_new(o, "verb", jsonio_stringn(s + v, vl));
                json_object_set_new(o, "text", jsonio_stringn(s + p, te > p ? te - p : 0));
                json_object_set_new(o, "evidence", xdoc_evidence(doc, si));
                json_array_append_new(out, o);
                v = next;
                i = te;
            }
        }
    }
    xc_names_free(&nm);
    return out;
}
