/* names.h - person-name keys that survive romanisation and order variants
 * ("Taekeun Heo" = "Heo Tae-keun", "Cho Chang-rae" = "Cho Chang Lae"). */
#ifndef COMMON_NAMES_H
#define COMMON_NAMES_H

enum names_match { NAMES_DIFFERENT = 0, NAMES_POSSIBLE = 1, NAMES_SAME = 2 };

/* A normalised key for NAME: honorifics (Dr., Mr.) dropped, case folded,
 * hyphens/spaces inside given names joined, romanisation variants folded,
 * tokens in a canonical order. Heap string, caller frees. */
char *names_key(const char *name);

/* A coarse bucket key for NAME: every name that names_compare() may call
 * SAME or POSSIBLE shares it, so callers compare only within a bucket
 * (Korean names: the given-name syllables with vowels folded to families;
 * others: the last token). Heap string, caller frees. */
char *names_bucket(const char *name);

/* Decide whether A and B name the same person. NAMES_POSSIBLE when the
 * romanisation alone cannot decide (Jong/Jung, Yoo, Chun). */
enum names_match names_compare(const char *a, const char *b);

#endif
