/* schema.c - PLACEHOLDER until the validator lands (issue 3): only checks
 * that the schema file exists and the document is an object. */
#include "schema.h"

#include <stdlib.h>

#include "datadir.h"
#include "buf.h"

int schema_check(const char *name, const json_t *doc, const char *file, struct diag *d)
{
    struct buf rel = BUF_INIT;
    char *path;
    buf_printf(&rel, "schemas/%s.schema.json", name);
    path = datadir_find(buf_str(&rel), d);
    buf_free(&rel);
    if (!path)
        return -1;
    free(path);
    if (!json_is_object(doc))
        return diag_set(d, file, "expected a JSON object");
    return 0;
}

void schema_cache_free(void) {}
