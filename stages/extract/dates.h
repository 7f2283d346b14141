/* dates.h - finding and normalising date expressions in English news text.
 * Absolute (September 18, 2023; Sept. 18, 2023; 18 September 2023;
 * 2023-09-18), ranges (May 1 to 2; August 16-17, 2022; from September 23-24,
 * 2024; Feb. 21-22), and relative ones (on Thursday and Friday, this week,
 * last month, Saturday) resolved against a reference date (the publication
 * date). A month without a year takes the year from the reference. */
#ifndef EXTRACT_DATES_H
#define EXTRACT_DATES_H

#include <stddef.h>

struct date_val {
    int y, m, d; /* 0 = not known at that grain (e.g. d = 0 for "May 2025") */
};

enum date_kind {
    DATE_ABSOLUTE, /* the text gives the full date (or month/year) */
    DATE_PARTIAL,  /* month and day given, year taken from the reference */
    DATE_RELATIVE  /* weekday / this week / last month ... resolved from the reference */
};

struct date_span {
    size_t start, end;    /* byte offsets of the expression in the text */
    struct date_val from; /* first day (or month/year) */
    struct date_val to;   /* last day, equal to from for a single date */
    enum date_kind kind;
    int is_range;
};

/* Find date expressions in TEXT. REF may be NULL (then partial and relative
 * expressions get y = 0 / are skipped). *OUT gets a heap array (caller
 * frees); returns the count. */
size_t dates_find(const char *text, size_t len, const struct date_val *ref, struct date_span **out);

/* Normalise one whole expression EXPR (e.g. "last Friday", "March 2013",
 * "the week") to a TIMEX3-style value ("2013-03-15", "2013-03", "2013-W12",
 * "PRESENT_REF", ...) relative to REF, in VALUE (CAP bytes). Returns 0, or
 * -1 when EXPR is not recognised. Used by the TempEval-3 yardstick. */
int dates_normalize(const char *expr, const struct date_val *ref, char *value, size_t cap);

/* "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" for coarser values) into BUF. */
void date_format(const struct date_val *v, char *buf, size_t cap);

/* Parse "YYYY-MM-DD" strictly (real calendar day). 0 or -1. */
int date_parse_iso(const char *s, struct date_val *v);

#endif
