/* extract_doc.c - the document model: body blocks, captions, sentences,
 * evidence with offsets into the original input. */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "jsonio.h"
#include "sentence.h"
#include "xalloc.h"

static size_t xdoc_count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int w = xt_is_word((unsigned char)s[i]);
        if (w && !in)
            n++;
        in = w || (in && (s[i] == '-' || s[i] == '\'' || s[i] == '.'));
    }
    return n;
}

int xdoc_init(struct xdoc *doc, json_t *clean, const char *file, const char *published,
              const struct xdata *data, struct diag *d)
{
    json_t *blocks = json_object_get(clean, "blocks"), *b;
    const char *pub =
        published ? published : jsonio_str(json_object_get(clean, "meta"), "published");
    size_t i, cap = 0, para = 0;
    json_int_t src_bytes, bstart, bend;
    memset(doc, 0, sizeof *doc);
    doc->file = file;
    doc->clean = clean;
    doc->data = data;
    if (pub && date_parse_iso(pub, &doc->pub) == 0)
        doc->has_pub = 1;
    else if (published)
        return diag_set(d, file, "--published: expected a date YYYY-MM-DD, found \"%s\"",
                        published);
    if (!json_is_array(blocks))
        return diag_set(d, file, "/blocks: expected an array, found none");
    src_bytes = jsonio_int(json_object_get(clean, "source"), "bytes", -1);
    doc->nblocks = json_array_size(blocks);
    doc->blocks = xcalloc(doc->nblocks ? doc->nblocks : 1, sizeof *doc->blocks);
    json_array_foreach(blocks, i, b)
    {
        struct xblock *xb = &doc->blocks[i];
        const char *kind = jsonio_str(b, "kind"), *text = jsonio_str(b, "text");
        if (!kind || !text) {
            diag_set(d, file, "expected a block with \"kind\" and \"text\", found another value");
            diag_at_pointer(d, "/blocks");
            return -1;
        }
        xb->kind = kind;
        xb->text = text;
        xb->len = json_string_length(json_object_get(b, "text"));
        xb->body = !strcmp(kind, "title") || !strcmp(kind, "heading") || !strcmp(kind, "paragraph");
        xb->caption = !strcmp(kind, "caption");
        xb->title = !strcmp(kind, "title");
        /* evidence offsets point into the source: a block must lie inside it */
        bstart = jsonio_int(b, "start", -1);
        bend = jsonio_int(b, "end", -1);
        if (bstart < 0 || bend < bstart || (src_bytes >= 0 && bend > src_bytes) ||
            (!json_object_get(b, "map") && (size_t)(bend - bstart) != xb->len)) {
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/blocks/%zu", i);
            diag_set(d, file,
                     "expected block offsets 0 <= start <= end <= %lld (source bytes), end - "
                     "start = %zu bytes of text without a map, found start %lld, end %lld",
                     (long long)src_bytes, xb->len, (long long)bstart, (long long)bend);
            diag_at_pointer(d, ptr);
            return -1;
        }
        if (offmap_from_block(&xb->map, b, d) != 0) {
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/blocks/%zu", i);
            diag_at_pointer(d, ptr);
            if (!d->file[0])
                snprintf(d->file, sizeof d->file, "%s", file);
            return -1;
        }
    }
    /* body sentences first (in reading order), then the captions */
    for (int pass = 0; pass < 2; pass++) {
        for (i = 0; i < doc->nblocks; i++) {
            struct xblock *xb = &doc->blocks[i];
            struct sent_span *sp = NULL;
            size_t n;
            if (pass == 0 ? !xb->body : !xb->caption)
                continue;
            if (pass == 0)
                doc->words += xdoc_count_words(xb->text, xb->len);
            n = sentence_split(xb->text, xb->len, &sp);
            xb->s0 = doc->nsents;
            for (size_t k = 0; k < n; k++) {
                if (sp[k].end <= sp[k].start || sp[k].end > xb->len)
                    continue;
                if (doc->nsents == cap) {
                    cap = cap ? 2 * cap : 64;
                    doc->sents = xrealloc(doc->sents, xmul(cap, sizeof *doc->sents));
                }
                doc->sents[doc->nsents++] = (struct xsent){.blk = i,
                                                           .t0 = sp[k].start,
                                                           .t1 = sp[k].end,
                                                           .para = pass == 0 ? para : (size_t)-1,
                                                           .caption = pass == 1};
            }
            free(sp);
            xb->ns = doc->nsents - xb->s0;
            if (pass == 0 && !strcmp(xb->kind, "paragraph"))
                para++;
        }
        if (pass == 0)
            doc->nbody = doc->nsents;
    }
    doc->ev = xcalloc(doc->nsents ? doc->nsents : 1, sizeof *doc->ev);
    return 0;
}

void xdoc_free(struct xdoc *doc)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        offmap_free(&doc->blocks[i].map);
        free(doc->blocks[i].acro);
    }
    free(doc->blocks);
    for (size_t i = 0; doc->ev && i < doc->nsents; i++)
        json_decref(doc->ev[i]);
    free(doc->ev);
    free(doc->sents);
    memset(doc, 0, sizeof *doc);
}

const char *xdoc_stext(const struct xdoc *doc, size_t si, size_t *len)
{
    const struct xsent *s = &doc->sents[si];
    *len = s->t1 - s->t0;
    return doc->blocks[s->blk].text + s->t0;
}

json_t *xdoc_evidence_span(const struct xdoc *doc, size_t bi, size_t t0, size_t t1)
{
    const struct xblock *b = &doc->blocks[bi];
    return evidence_new(&b->map, b->text, t0, t1, b->caption ? "caption" : NULL);
}

json_t *xdoc_evidence(const struct xdoc *doc, size_t si)
{
    const struct xsent *s = &doc->sents[si];
    /* the same sentence backs many facts: build its evidence once */
    if (!doc->ev[si])
        doc->ev[si] = xdoc_evidence_span(doc, s->blk, s->t0, s->t1);
    return json_incref(doc->ev[si]);
}

size_t xdoc_acronyms(const struct xdoc *doc, size_t bi, const struct acro_def **defs)
{
    struct xblock *b = &doc->blocks[bi];
    if (!b->acro_done) {
        b->nacro = acronym_find(b->text, b->len, &b->acro);
        b->acro_done = 1;
    }
    *defs = b->acro;
    return b->nacro;
}

size_t xdoc_sent_at(const struct xdoc *doc, size_t bi, size_t t)
{
    const struct xblock *b = &doc->blocks[bi];
    size_t lo = b->s0, hi = b->s0 + b->ns;
    /* the block's sentences are in text order: bisect on their starts */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sents[mid].t1 <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < b->s0 + b->ns && t >= doc->sents[lo].t0 && t < doc->sents[lo].t1)
        return lo;
    return (size_t)-1;
}

json_t *xdoc_sentences(const struct xdoc *doc)
{
    json_t *out = json_array();
    for (size_t si = 0; si < doc->nbody; si++) {
        const struct xsent *st = &doc->sents[si];
        const struct xblock *b = &doc->blocks[st->blk];
        json_t *ev = doc->ev[si], *o;
        if (!ev) {
            json_array_append_new(out, evidence_new(&b->map, b->text, st->t0, st->t1, b->kind));
            continue;
        }
        /* the sentence's evidence was built for a fact: share its values (a
         * body block's evidence has no "block") */
        o = json_object();
        json_object_set_nocheck(o, "text", json_object_get(ev, "text"));
        json_object_set_nocheck(o, "start", json_object_get(ev, "start"));
        json_object_set_nocheck(o, "end", json_object_get(ev, "end"));
        json_object_set_new_nocheck(o, "block", json_string(b->kind));
        json_array_append_new(out, o);
    }
    return out;
}
