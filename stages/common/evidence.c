/* evidence.c - evidence objects. */
#include "evidence.h"

#include <stdlib.h>

#include "jsonio.h"
#include "utf8.h"

json_t *evidence_new(const struct offmap *m, const char *text, size_t t0, size_t t1,
                     const char *kind)
{
    json_t *ev = json_object();
    char *sq;
    if (t1 < t0)
        t1 = t0;
    sq = utf8_squeeze(text + t0, t1 - t0);
    json_object_set_new_nocheck(ev, "text", jsonio_string(sq));
    free(sq);
    json_object_set_new_nocheck(ev, "start", json_integer((json_int_t)offmap_src(m, t0, 0)));
    json_object_set_new_nocheck(ev, "end", json_integer((json_int_t)offmap_src(m, t1, 1)));
    if (kind)
        json_object_set_new_nocheck(ev, "block", json_string(kind));
    return ev;
}
