/* nlp_lexicon.h - small word lists for the text-analysis modules (sentence,
 * dates, acronym), read once per process from a sectioned data file with a
 * built-in fallback. File format: one entry per line, '#' starts a comment,
 * "[name]" starts a section; entries are matched ASCII case-insensitively. */
#ifndef EXTRACT_NLP_LEXICON_H
#define EXTRACT_NLP_LEXICON_H

#include <stddef.h>

struct nlp_wordset {
    char **words; /* sorted, ASCII-lowercased heap strings (process lifetime) */
    size_t n;
};

/* Fill SETS[i] with the entries of section SECTIONS[i] ("" = lines before any
 * header) of data file REL (found with datadir_find), or of BUILTIN (same
 * format) when the file cannot be found or read. The sets live until exit. */
void nlp_lexicon_load(const char *rel, const char *builtin, const char *const *sections,
                      struct nlp_wordset *sets, size_t nsets);

/* Non-zero when the N bytes at W (ASCII case-insensitive) are in SET. */
int nlp_wordset_has(const struct nlp_wordset *set, const char *w, size_t n);

#endif
