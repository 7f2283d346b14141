/* clean_doc.c - the clean JSON document and its --text rendering. */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "jsonio.h"
#include "sha256.h"
#include "utf8.h"
#include "xalloc.h"

static json_t *str_or_null(const char *s)
{
    return s ? jsonio_string(s) : json_null();
}

static int only_space(const struct clean_decoded *d)
{
    size_t i = 0;
    while (i < d->len) {
        uint32_t cp = utf8_next(d->text, d->len, &i);
        if (!utf8_is_space(cp) && !utf8_is_invisible(cp) && cp >= 0x20)
            return 0;
    }
    return 1;
}

static json_t *block_json(const struct clean_decoded *dec, const struct clean_unit *u)
{
    struct buf t = BUF_INIT;
    struct offmap m;
    json_t *b = json_object();
    json_object_set_new(b, "kind", json_string(clean_kind_name(u->kind)));
    if (dec->nruns <= 1 && u->tlen == u->s1 - u->s0) {
        /* Decoded bytes sit at a fixed distance from the source bytes and
         * normalisation only ever shortens a stretch, so a text as long as
         * its source range changed nothing the map would record: the unit's
         * text is the block text, with no map. */
        json_object_set_new(b, "text", jsonio_stringn(u->text, u->tlen));
        json_object_set_new(b, "start", json_integer((json_int_t)u->s0));
        json_object_set_new(b, "end", json_integer((json_int_t)u->s1));
        return b;
    }
    clean_norm(dec, u->a, u->b, &t, &m, NULL, NULL);
    json_object_set_new(b, "text", jsonio_stringn(t.p ? t.p : "", t.len));
    json_object_set_new(b, "start", json_integer((json_int_t)u->s0));
    json_object_set_new(b, "end", json_integer((json_int_t)u->s1));
    {
        json_t *map = offmap_to_json(&m);
        if (map)
            json_object_set_new(b, "map", map);
    }
    offmap_free(&m);
    buf_free(&t);
    return b;
}

/* The reader's rules (offmap_from_block) applied to a block about to be
 * emitted, so no later stage ever sees a map it rejects. 0, or -1 with D
 * filled ("internal error: ..."). */
static int block_check(const json_t *b, size_t idx, const char *name, struct diag *d)
{
    struct offmap m;
    struct diag why = {.prog = d->prog};
    if (offmap_from_block(&m, b, &why) != 0) {
        diag_set(d, name, "internal error: block %zu (start %lld): %s", idx,
                 (long long)json_integer_value(json_object_get(b, "start")), why.msg);
        return -1;
    }
    offmap_free(&m);
    return 0;
}

json_t *clean_document(const char *src, size_t len, const char *name, const char *encoding,
                       int replace, const struct clean_lex *lx, struct diag *d)
{
    struct clean_decoded dec;
    struct clean_page pg;
    struct clean_meta meta;
    json_t *doc, *source, *jm, *blocks, *dropped;
    char hex[65];
    size_t dropped_bytes = 0;
    if (clean_decode(src, len, encoding, replace, &dec, d) != 0) {
        if (!d->file[0])
            snprintf(d->file, sizeof d->file, "%s", name);
        return NULL;
    }
    if (only_space(&dec)) {
        clean_decoded_free(&dec);
        diag_set(d, name, "no text: expected page text, found %s",
                 len ? "only whitespace" : "an empty file");
        return NULL;
    }
    clean_blocks(&dec, lx, &pg);
    clean_meta_find(&pg, lx, &meta);
    sha256_hex(src, len, hex);

    doc = json_object();
    json_object_set_new(doc, "format", json_string("briefing-clean/1"));
    source = json_object();
    json_object_set_new(source, "file", jsonio_string(name));
    json_object_set_new(source, "sha256", json_string(hex));
    json_object_set_new(source, "bytes", json_integer((json_int_t)len));
    json_object_set_new(source, "encoding", json_string(dec.encoding));
    json_object_set_new(source, "replacements", json_integer((json_int_t)dec.replacements));
    json_object_set_new(doc, "source", source);
    jm = json_object();
    json_object_set_new(jm, "title", str_or_null(meta.title));
    json_object_set_new(jm, "publisher", str_or_null(meta.publisher));
    json_object_set_new(jm, "published",
                        meta.published[0] ? json_string(meta.published) : json_null());
    json_object_set_new(jm, "published_text", str_or_null(meta.published_text));
    json_object_set_new(jm, "byline", str_or_null(meta.byline));
    json_object_set_new(doc, "meta", jm);
    blocks = json_array();
    json_object_set_new(doc, "blocks", blocks);
    for (size_t i = 0; i < pg.n; i++) {
        json_t *b;
        if (pg.u[i].kind == CK_BOILERPLATE) {
            dropped_bytes += clean_src(&dec, pg.u[i].b) - clean_src(&dec, pg.u[i].a);
            continue;
        }
        b = block_json(&dec, &pg.u[i]);
        if (block_check(b, json_array_size(blocks), name, d) != 0) {
            json_decref(b);
            json_decref(doc);
            doc = NULL;
            goto out;
        }
        json_array_append_new(blocks, b);
    }
    dropped = json_object();
    json_object_set_new(dropped, "blocks", json_integer((json_int_t)pg.dropped_blocks));
    json_object_set_new(dropped, "bytes", json_integer((json_int_t)dropped_bytes));
    json_object_set_new(doc, "dropped", dropped);
out:
    clean_meta_free(&meta);
    clean_page_free(&pg);
    clean_decoded_free(&dec);
    return doc;
}

char *clean_text_render(const json_t *doc)
{
    struct buf b = BUF_INIT;
    json_t *blocks = json_object_get(doc, "blocks");
    size_t i;
    json_t *blk;
    json_array_foreach(blocks, i, blk)
    {
        const char *kind = jsonio_str(blk, "kind");
        const char *text = jsonio_str(blk, "text");
        if (!kind || !text)
            continue;
        if (strcmp(kind, "title") != 0 && strcmp(kind, "heading") != 0 &&
            strcmp(kind, "paragraph") != 0)
            continue;
        if (b.len)
            buf_putc(&b, '\n');
        buf_append(&b, text);
        buf_putc(&b, '\n');
    }
    return buf_take(&b);
}
