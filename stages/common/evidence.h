/* evidence.h - the {text, start, end} evidence objects every fact carries. */
#ifndef COMMON_EVIDENCE_H
#define COMMON_EVIDENCE_H

#include <jansson.h>
#include <stddef.h>

#include "offmap.h"

/* Evidence for text bytes [T0,T1) of a block whose text is TEXT and whose
 * map is M: {"text": the span with whitespace squeezed, "start": source
 * offset, "end": source offset, "block": KIND (may be NULL: omitted)}.
 * Returns a new reference. */
json_t *evidence_new(const struct offmap *m, const char *text, size_t t0, size_t t1,
                     const char *kind);

#endif
