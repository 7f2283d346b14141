/* compare.h - the compare stage: meeting records side by side.
 *
 * compare_run() loads the meeting records, merges the ones describing the
 * same meeting, orders them, and builds the comparison document
 * (schemas/comparison.schema.json). The modules:
 *   compare_cli.c       command line
 *   compare_input.c     loading, de-duplication, merging, chronology
 *   compare_vocab.c     data files: topics, signal phrases, rank scale
 *   compare_sections.c  at a glance, topic matrix, changes, people, signals...
 *   compare_findings.c  ranked findings and caveats
 *   compare_csv.c       the CSV export
 */
#ifndef COMPARE_COMPARE_H
#define COMPARE_COMPARE_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"

/* ------------------------------------------------------------ options */

struct compare_opts {
    const char *out;     /* -o FILE, NULL: stdout */
    const char *csv_dir; /* --csv DIR or NULL */
    const char *failed;  /* --failed TSV or NULL */
    char **inputs;       /* borrowed from argv */
    size_t ninputs;
};

enum compare_args { COMPARE_ARGS_OK, COMPARE_ARGS_HELP, COMPARE_ARGS_VERSION, COMPARE_ARGS_BAD };

/* Parse argv into O. On COMPARE_ARGS_BAD, D says why. */
enum compare_args compare_parse_args(int argc, char **argv, struct compare_opts *o, struct diag *d);
void compare_usage(FILE *out);

/* ------------------------------------------------------------ vocabularies */

/* A phrase pattern: folded words; "..." is a gap of up to COMPARE_GAP words;
 * a word ending in '*' matches any word with that prefix. */
#define COMPARE_GAP 4

struct compare_pattern {
    char *id;     /* signal id or rank label */
    char *label;  /* display label for people to read (signals); the id for ranks */
    char *phrase; /* the pattern as written in the data file */
    char **words;
    size_t nwords;
    int level; /* rank level (ranks.tsv); 0 for signals */
};

struct compare_vocab {
    struct compare_pattern *p;
    size_t n;
};

/* Load a TSV of patterns. Signals: "id<TAB>label<TAB>pattern"; ranks:
 * "level<TAB>label<TAB>phrase" (IS_RANKS). Lines starting with '#' and blank
 * lines are skipped. 0, or -1 with D naming file and line. */
int compare_vocab_load(const char *rel, int is_ranks, struct compare_vocab *v, struct diag *d);
void compare_vocab_free(struct compare_vocab *v);

/* Does PATTERN occur in TEXT (any case; quotes and dashes folded)? */
int compare_pattern_match(const struct compare_pattern *p, const char *text);

/* utf8_fold() of the C string S, "" when nothing survives the fold (heap
 * string, caller frees). */
char *compare_fold(const char *s);

/* Folded words of TEXT (heap array of heap strings; free with
 * compare_words_free), and matching a pattern against such words. */
char **compare_text_words(const char *text, size_t *n);
void compare_words_free(char **w, size_t n);
int compare_pattern_match_words(const struct compare_pattern *p, char **w, size_t n);

/* Reusable folded words: compare_wordbuf_split() folds TEXT into B and
 * points B->w at its words (valid until the next split or the free). */
struct compare_wordbuf {
    char *text;
    char **w;
    size_t n, cap;
};
void compare_wordbuf_split(struct compare_wordbuf *b, const char *text);
void compare_wordbuf_free(struct compare_wordbuf *b);

/* Rank of TITLE on the scale: the first pattern of R that matches, its
 * level (1 highest) via *LEVEL and its label; 5 and "other" when none. */
const char *compare_rank(const struct compare_vocab *r, const char *title, int *level);

/* The topic taxonomy as [{"id","label"}] (new reference): from
 * stages/extract/data/topics.json when it can be found and read, else
 * from the topic ids the records use (label = id). */
json_t *compare_topics_load(json_t *records_topic_ids);

/* ------------------------------------------------------------ model */

/* An evidence object reduced to what the comparison prints (the file is the
 * source's). TEXT NULL: none. */
struct compare_ev {
    char *text; /* may hold NUL bytes: TEXT_LEN bytes */
    size_t text_len;
    json_int_t start, end;
    const char *block; /* NULL when the record gave none; static or BLOCK_OWNED */
    char *block_owned;
};

/* One topic id of one source: how many usable evidence objects it has and
 * the few that can become the meeting's strongest (the first, the first
 * longest caption, the first longest body sentence), in record order. */
struct compare_topic_hit {
    char *id;
    size_t count;
    struct compare_ev cand[3];
    size_t ncand;
};

/* One commitment of one source with at least one content word. */
struct compare_commit {
    char *actor, *verb, *text; /* NULL when absent */
    size_t *words;             /* interned content words, ascending, unique */
    size_t nwords;
    struct compare_ev ev; /* its first usable evidence */
};

/* A meeting record as compare keeps it: the record is read, validated and
 * reduced at once (the body sentences are searched for the signal phrases
 * and the "first ... since" clause, then dropped with the rest of what the
 * sections do not read), so memory grows with the meetings, not the texts. */
struct compare_source {
    char *path;            /* as given on the command line (owned) */
    json_t *doc;           /* the record without sentences, figures, topics and
                              commitments; participants' evidence carries the file
                              (owned reference) */
    const char *file;      /* /source/file, else the base name of path */
    const char *sha;       /* /source/sha256 or "" */
    const char *doc_type;  /* "other" when missing */
    const char *published; /* NULL when unknown */
    long long words;
    int full;                  /* a full statement-type source: absence is evidence */
    int pref;                  /* preference rank of the doc type, 0 best */
    int has_sentences;         /* the record lists its body sentences */
    size_t meeting;            /* index of its meeting */
    struct compare_ev *signal; /* per signal phrase: the hit a meeting takes
                                  from this source (text NULL: none) */
    size_t *signal_order;      /* signal indices hit, in order of first hit */
    size_t nsignal_order;
    char *first_since; /* "first ... since ..." clause or NULL */
    struct compare_ev first_since_ev;
    struct compare_topic_hit *topics; /* first-seen order */
    size_t ntopics;
    struct compare_commit *commits;
    size_t ncommits;
    char **acronyms; /* acronym, name, acronym, name...: the pairs with both */
    size_t nacronyms;
};

struct compare_meeting {
    size_t *src; /* indices into sources, preferred source first */
    size_t nsrc;
    json_t *facts;     /* merged meeting facts (owned object) */
    json_t *conflicts; /* [{field, values: [{file, value}]}] (owned) */
    const char *series;
    long long ordinal; /* -1 when unknown */
    long sortday;      /* days since 1970 of the date used for ordering */
    int has_sortday;
    const char *date_flag; /* static string or NULL */
    char *id, *label;      /* owned */
    int full;              /* any full source */
};

struct compare_ctx {
    struct compare_source *src;
    size_t nsrc;
    struct compare_meeting *m; /* in chronological order */
    size_t nm;
    json_t *failed;     /* [{file, reason}] */
    json_t *duplicates; /* [{file, duplicate_of}] */
    json_t *topics;     /* [{id, label}] */
    struct compare_vocab signals, ranks;
    json_t *words; /* commitment word -> its number (interning) */
};

/* Load every input (validated against the meeting schema), drop duplicate
 * files, merge and order the meetings. 0, or -1 with D filled. */
int compare_input_load(struct compare_ctx *c, const struct compare_opts *o, struct diag *d);
void compare_ctx_free(struct compare_ctx *c);

/* Days since 1970-01-01 of a "YYYY-MM-DD" string; 0 on success, -1 when S
 * is not a valid date. */
int compare_day(const char *s, long *day);

/* Short month name for a label ("Sept.", "Nov."), "?" outside 1-12. */
const char *compare_month(int m);

/* The month named in TEXT, 1-12, or 0; *YEAR gets the first four-digit
 * year of TEXT (1900-2199) or 0. */
int compare_text_month(const char *text, int *year);

/* ------------------------------------------------------------ output */

/* Copy of an evidence object with "file" added (new reference), or NULL
 * when EV is not a usable evidence object. */
json_t *compare_evidence(const json_t *ev, const char *file);
/* Would compare_evidence() accept EV? */
int compare_evidence_ok(const json_t *ev);

/* Reduce EV as compare_evidence() would check it into *OUT (heap strings;
 * free with compare_ev_free): 0, or -1 (OUT cleared) when not usable. */
int compare_ev_keep(const json_t *ev, struct compare_ev *out);
/* The evidence object compare_evidence() makes from the kept one (new
 * reference), or JSON null when E holds none. */
json_t *compare_ev_json(const struct compare_ev *e, const char *file);
void compare_ev_free(struct compare_ev *e);
int compare_ev_is_caption(const struct compare_ev *e);

/* Reduce the validated record S->doc of source S (see struct
 * compare_source); C gives the signal phrases and the word numbers. */
void compare_source_reduce(struct compare_ctx *c, struct compare_source *s);
void compare_source_free(struct compare_source *s);

/* Every evidence object a record carries (borrowed), with duplicates by
 * offsets removed; "sentences" first when the record has them. Appends to
 * OUT (a JSON array, which holds its own references). */
void compare_record_evidence(const json_t *rec, json_t *out);

/* Build the sections of the comparison into DOC. */
void compare_sections_build(struct compare_ctx *c, json_t *doc);
/* Caveats and findings from the built sections. */
void compare_findings_build(struct compare_ctx *c, json_t *doc);

/* Write topic_matrix.csv and at_a_glance.csv into DIR. 0 or -1 with D. */
int compare_csv_write(const json_t *doc, const char *dir, struct diag *d);

/* The whole stage: a new comparison document, or NULL with D filled. */
json_t *compare_run(const struct compare_opts *o, struct diag *d);

#endif
