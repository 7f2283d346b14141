/* compare_stage.c - compare_run(): the whole stage in one call. */
#include "compare.h"

#include <string.h>

#include "schema.h"
#include "xalloc.h"

/* Every topic id the records use, in first-seen order (new reference). */
static json_t *compare_record_topic_ids(const struct compare_ctx *c)
{
    json_t *ids = json_array(), *seen = json_object();
    for (size_t k = 0; k < c->nm; k++)
        for (size_t s = 0; s < c->m[k].nsrc; s++) {
            const struct compare_source *src = &c->src[c->m[k].src[s]];
            for (size_t t = 0; t < src->ntopics; t++) {
                const char *id = src->topics[t].id;
                if (json_object_get(seen, id))
                    continue;
                json_object_set_new(seen, id, json_true());
                json_array_append_new(ids, json_string(id));
            }
        }
    json_decref(seen);
    return ids;
}

json_t *compare_run(const struct compare_opts *o, struct diag *d)
{
    struct compare_ctx c;
    json_t *doc = NULL, *ids;
    memset(&c, 0, sizeof c);
    if (compare_vocab_load("stages/compare/data/signals.tsv", 0, &c.signals, d) != 0 ||
        compare_vocab_load("stages/compare/data/ranks.tsv", 1, &c.ranks, d) != 0 ||
        compare_input_load(&c, o, d) != 0)
        goto out;
    ids = compare_record_topic_ids(&c);
    c.topics = compare_topics_load(ids);
    json_decref(ids);
    doc = json_pack("{s:s}", "format", "briefing-comparison/1");
    if (!doc)
        xalloc_die();
    compare_sections_build(&c, doc);
    json_object_set(doc, "failed", c.failed);
    json_object_set(doc, "duplicates", c.duplicates);
    compare_findings_build(&c, doc);
    if (schema_check("comparison", doc, o->out ? o->out : "<stdout>", d) != 0) {
        json_decref(doc);
        doc = NULL;
    }
out:
    compare_ctx_free(&c);
    return doc;
}
