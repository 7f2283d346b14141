/* acronym.h - "Long Form (ACR)" definitions, aligned in the manner of
 * Schwartz & Hearst (2003). Hull numbers and codes such as (CVN-71) or
 * (DD-183) are not acronyms. */
#ifndef EXTRACT_ACRONYM_H
#define EXTRACT_ACRONYM_H

#include <stddef.h>

struct acro_def {
    size_t sf_start, sf_end; /* the short form, e.g. "NCG" */
    size_t lf_start, lf_end; /* the long form, e.g. "Nuclear Consultative Group" */
};

/* Find definitions in TEXT (one sentence or a whole block). *OUT gets a
 * heap array (caller frees); returns the count. */
size_t acronym_find(const char *text, size_t len, struct acro_def **out);

#endif
