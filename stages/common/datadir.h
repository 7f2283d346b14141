/* datadir.h - finding schemas and data files at run time.
 *
 * A relative path such as "schemas/meeting.schema.json" or
 * "stages/extract/data/series.tsv" is looked up, first hit wins, in:
 *   1. $BRIEFING_HOME (a checkout or an installed share folder),
 *   2. BIN/../share/alliance-briefing (an installed copy, wherever it is),
 *   3. the source tree the binary was built in (BIN/../.. or BIN/../../..),
 *   4. the data folder compiled in (PREFIX/share/alliance-briefing).
 */
#ifndef COMMON_DATADIR_H
#define COMMON_DATADIR_H

#include "diag.h"

/* Heap path of the first existing candidate (caller frees), or NULL with D
 * naming every place that was tried. */
char *datadir_find(const char *rel, struct diag *d);

#endif
