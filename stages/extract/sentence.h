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

/* Clean LEN bytes of TEXT the way Pragmatic Segmenter does before it
 * segments (its default clean: true): typed "\n" and CRs become line breaks,
 * HTML tags, escaped tags and inline formatting codes go, dotted leaders and
 * decorative rules become breaks, vertical text is joined, page-number and
 * symbol-only lines go, errant line breaks inside a sentence are joined (PDF
 * non-zero: text taken from a PDF, joined more eagerly) and space runs shrink.
 * Line breaks that remain are written as blank lines, so sentence_split ends a
 * sentence at each. Only for the yardstick harness: the pipeline segments the
 * source bytes, whose offsets this text does not keep. Returns a NUL-terminated
 * heap string (caller frees with free()), its length in *OUT_LEN. */
char *sentence_clean_text(const char *text, size_t len, int pdf, size_t *out_len);

#endif
