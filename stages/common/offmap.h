/* offmap.h - mapping offsets in a normalised block text back to the bytes
 * of the original input file.
 *
 * A clean block has "text", "start", "end" and optionally "map": an array of
 * [text_offset, source_offset] anchors, increasing in both, the first being
 * [0, start]; [len(text), end] closes it implicitly. Between two anchors,
 * if both sides have the same length the bytes correspond one to one
 * (a verbatim copy); otherwise the segment is an atomic replacement
 * (a decoded character, a folded line break, a removed soft hyphen...), and
 * a position inside it maps to the segment's source start (for a start
 * offset) or source end (for an end offset). Without "map" the text is a
 * verbatim copy of input[start:end].
 */
#ifndef COMMON_OFFMAP_H
#define COMMON_OFFMAP_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"

struct offmap {
    size_t n, cap;
    size_t *t;       /* text offsets of the anchors */
    size_t *s;       /* source offsets of the anchors */
    size_t text_len; /* closing anchor */
    size_t src_end;
};

/* Builder (clean stage): start a map for a block beginning at SRC_START. */
void offmap_begin(struct offmap *m, size_t src_start);
/* Declare that text bytes [T0,T1) replace source bytes [S0,S1) (a decoded
 * character, a folded line break, a dropped soft hyphen). Verbatim copies
 * need no call; same-length replacements are ignored (read as verbatim).
 * Calls must come in increasing order. */
void offmap_replace(struct offmap *m, size_t t0, size_t s0, size_t t1, size_t s1);
/* Close the map at text length T_END / source end S_END. */
void offmap_end(struct offmap *m, size_t t_end, size_t s_end);
/* The "map" member for JSON, or NULL when the block is a verbatim copy. */
json_t *offmap_to_json(const struct offmap *m);

/* Reader (later stages): load BLOCK's text length, start, end and map.
 * 0, or -1 with D filled (names the problem, not the file). */
int offmap_from_block(struct offmap *m, const json_t *block, struct diag *d);

/* Source offset of text offset T. IS_END selects the end rule above. */
size_t offmap_src(const struct offmap *m, size_t t, int is_end);

void offmap_free(struct offmap *m);

#endif
