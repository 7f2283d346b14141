/* sentence.h - English sentence segmentation (Golden Rules style).
 * Handles abbreviations (U.S., Sept., Dr., No., Gen., Lt.), initials,
 * numbers, ellipses, quotes and brackets. Abbreviation lists live in
 * stages/extract/data/abbreviations.txt (loaded once; built-in fallback
 * when the file cannot be found). */
#ifndef EXTRACT_SENTENCE_H
#define EXTRACT_SENTENCE_H

#include <stddef.h>

struct sent_span {
    size_t start, end; /* byte offsets into the text; [start,end) trimmed of spaces */
};

/* Split LEN bytes of UTF-8 TEXT into sentences. *OUT gets a heap array
 * (caller frees with free()); returns the count. Never fails (OOM exits). */
size_t sentence_split(const char *text, size_t len, struct sent_span **out);

#endif
