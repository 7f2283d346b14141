/* extract.h - the extract stage: a clean document in, a meeting record out.
 *
 * The stage works on a document model (struct xdoc): the body blocks (title,
 * heading, paragraph) and the captions of the clean document, split into
 * sentences, each able to produce evidence objects with offsets into the
 * original input. Vocabularies live in stages/extract/data/ (struct xdata).
 * The extract_* modules each fill one part of the record.
 */
#ifndef EXTRACT_EXTRACT_H
#define EXTRACT_EXTRACT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "acronym.h"
#include "dates.h"
#include "diag.h"
#include "offmap.h"

/* ---- data files --------------------------------------------------------- */

/* A phrase index: the rows of a lexicon bucketed by their folded first byte
 * (file order kept inside a bucket), a bitmap of folded first-byte pairs, and
 * the lengths and all-capitals flags computed once. Matching a whole lexicon
 * at one text offset costs one table lookup when no row can start there. */
struct xindex {
    size_t n;
    const char **pat; /* borrowed; NULL rows are not indexed */
    size_t *len;
    unsigned char *caps; /* no lower-case letter, some capital */
    uint32_t first[257]; /* rows of first byte c: row[first[c] .. first[c+1]) */
    uint32_t *row;
    /* pair lists (file order): prow[hoff[h] .. +hcnt[h]) for the key hkey[h]-1
     * (folded first byte << 8 | folded second byte) of an open-addressed table
     * (hmask + 1 slots); one[ofirst[c] .. ofirst[c+1]): the one-byte rows of c */
    uint32_t *prow, *hkey, *hoff, *hcnt, *one;
    /* quad lists (file order): for the folded first four bytes qkey[h] of a
     * row of four bytes or more, qrow[qoff[h] .. +qcnt[h]) holds the rows
     * with those four bytes and the rows of one to three bytes that may
     * match where they do (qmask + 1 slots, qkey 0 when empty). The pair
     * lists above hold only rows shorter than four bytes: text whose four
     * bytes start no row is tested against those alone. */
    uint32_t *qrow, *qkey, *qoff, *qcnt;
    uint32_t qmask;
    /* per row: its first eight bytes folded (little-endian, zero-padded) and
     * the mask of those it has, a quick test before the full comparison
     * (the low four bytes are the quad key) */
    uint64_t *pre8, *mask8;
    uint32_t hmask;
    uint32_t ofirst[257];
    unsigned char pair[8192];
};

/* Matching modes: exact bytes, ASCII case folded, or folded unless the
 * phrase is all capitals ("KIDD" exact, "defense dialogue" folded). */
enum { XT_EXACT = 0, XT_FOLD = 1, XT_AUTO = 2 };

struct xhit {
    size_t at, len, row;
};
struct xhits {
    struct xhit *v;
    size_t n, cap;
};

/* Index the N strings PAT (borrowed: they must outlive it). Free with
 * xindex_free (NULL is fine). */
struct xindex *xindex_new(const char *const *pat, size_t n);
void xindex_free(struct xindex *ix);
/* ASCII lower case of every byte (a table: the matchers fold every byte). */
extern const unsigned char xt_fold_tab[256];
/* ASCII lower case of C. */
static inline unsigned char xt_fold(unsigned char c)
{
    return xt_fold_tab[c];
}
long xindex_longest_at_slow(const struct xindex *ix, const char *s, size_t len, size_t at, int mode,
                            size_t *mlen);
/* Non-zero when some row of IX may start at S+AT (AT < LEN): its folded
 * first two bytes are those of a row (a one-byte row allows any second). */
static inline int xindex_may(const struct xindex *ix, const char *s, size_t len, size_t at)
{
    unsigned k = (unsigned)xt_fold_tab[(unsigned char)s[at]] << 8 |
                 (at + 1 < len ? xt_fold_tab[(unsigned char)s[at + 1]] : 0u);
    return ix->pair[k >> 3] >> (k & 7) & 1;
}
/* The longest row matching at S+AT (the earliest row on a tie), -1 when none;
 * *MLEN its length. Inline: callers try it at every offset, and most offsets
 * fail the pair test. */
static inline long xindex_longest_at(const struct xindex *ix, const char *s, size_t len, size_t at,
                                     int mode, size_t *mlen)
{
    if (at >= len || !xindex_may(ix, s, len, at)) {
        if (mlen)
            *mlen = 0;
        return -1;
    }
    return xindex_longest_at_slow(ix, s, len, at, mode, mlen);
}
/* The candidate rows that may match at S+AT (same folded first two bytes),
 * in file order: *ROWS points into IX; returns their number (0: none). */
size_t xindex_rows_at(const struct xindex *ix, const char *s, size_t len, size_t at,
                      const uint32_t **rows);
/* Append every match of every row in S[FROM,LEN) to H, in text order (H->v
 * grows with xrealloc; the caller frees it). */
void xindex_scan(const struct xindex *ix, const char *s, size_t len, size_t from, int mode,
                 struct xhits *h);
/* Offset of the earliest match of any row in S[FROM,LEN) ((size_t)-1 when
 * none), *ROW the row; WORD skips matches inside a compound ("U.S.-led"). */
size_t xindex_first(const struct xindex *ix, const char *s, size_t len, size_t from, int mode,
                    int word, size_t *row);

/* One data file as rows of one or two tab-separated columns, each column
 * indexed for one-pass matching. */
struct xlist {
    size_t n;
    char **a;          /* first column */
    char **b;          /* second column (NULL when the row has one column) */
    struct xindex *ia; /* column a */
    struct xindex *ib; /* column b where present, else a */
    char **v;          /* b where present, else a (borrowed pointers) */
};

struct xdata {
    struct xlist series, meeting_nouns, event_verbs, related_markers, formats;
    struct xlist places, surnames, reporting, commit_verbs, commit_actors;
    struct xlist exercises, mechanisms, figures, titles, sides, stopwords;
    struct xlist topics, doc_signals, lead_verbs, side_verbs, meet_verbs, parties;
    json_t *topic_ids; /* topics.json "topics" array (owned) */
    /* built at load: topics.tsv phrases without the exclusion '-', and their
     * topic's index in topic_ids */
    const char **topic_pat;
    long *topic_tid;
    struct xindex *topic_ix;
    /* the capitalised words of titles.tsv ("Minister", "Secretary") */
    struct xlist title_words;
    /* exercises.txt: plain names, "prefix WORD" and "suffix WORD" rows */
    const char **ex_pat[3];
    struct xindex *ex_ix[3];
    /* doc_signals.tsv phrases (the last column) */
    const char **signal_pat;
    struct xindex *signal_ix;
};

/* Load every data file. 0, or -1 with D filled (names the file). */
int xdata_load(struct xdata *x, struct diag *d);
void xdata_free(struct xdata *x);
/* Parse data file TEXT (LEN bytes) into L (used by xdata_load and tests). */
void xlist_parse(struct xlist *l, const char *text, size_t len);
void xlist_free(struct xlist *l);
/* Non-zero when WORD (LEN bytes) equals a first-column entry (CASE-folded
 * when ICASE). */
int xlist_has(const struct xlist *l, const char *word, size_t len, int icase);

/* ---- text helpers ------------------------------------------------------- */

/* 1 for the word bytes below, else 0. */
extern const unsigned char xt_word_tab[256];
/* Word bytes: ASCII letters and digits, and every byte of a UTF-8 sequence.
 * Inline: the matchers test it on every byte of every sentence. */
static inline int xt_is_word(unsigned char c)
{
    return xt_word_tab[c];
}
/* Typographic quotes (U+2018, U+2019, U+201C, U+201D) at S+i end a word
 * although their bytes are >= 0x80: "NCG’s", "‘KIDD’". */
static inline int xt_is_quote(const char *s, size_t len, size_t i)
{
    return i + 3 <= len && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
           ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99 ||
            (unsigned char)s[i + 2] == 0x9c || (unsigned char)s[i + 2] == 0x9d);
}
/* Non-zero when S+AT (AT < LEN) is inside a word: no phrase starting with a
 * word byte matches there on word boundaries (xt_match_at, the xindex
 * matchers), so a scan may skip the offset. */
static inline int xt_inword(const char *s, size_t len, size_t at)
{
    return at > 0 && xt_is_word((unsigned char)s[at - 1]) && xt_is_word((unsigned char)s[at]) &&
           !(at >= 3 && xt_is_quote(s, len, at - 3));
}
/* Find PAT in S[from,len) on word boundaries; ICASE folds ASCII case.
 * Returns the offset or (size_t)-1. */
size_t xt_find(const char *s, size_t len, size_t from, const char *pat, int icase);
/* Like xt_find, but not inside a hyphenated compound ("U.S.-led"). */
size_t xt_find_word(const char *s, size_t len, size_t from, const char *pat, int icase);
/* xt_match_at() once the first byte matched. */
size_t xt_match_at_rest(const char *s, size_t len, size_t at, const char *pat, int icase);
/* Length of PAT matched at S+at (word boundaries), 0 if no match. Inline:
 * callers try it at most offsets, and the first byte rejects most. */
static inline size_t xt_match_at(const char *s, size_t len, size_t at, const char *pat, int icase)
{
    if (at >= len || !pat[0] || (icase ? xt_fold(s[at]) != xt_fold(pat[0]) : s[at] != pat[0]))
        return 0;
    return xt_match_at_rest(s, len, at, pat, icase);
}
/* Longest entry of L matching at S+at; returns its index or -1, *MLEN the length.
 * Inline: callers try it at every offset of a sentence. */
static inline long xt_longest_at(const struct xlist *l, const char *s, size_t len, size_t at,
                                 int icase, size_t *mlen)
{
    return xindex_longest_at(l->ia, s, len, at, icase, mlen);
}
/* Skip spaces forward / backward. */
size_t xt_skip_sp(const char *s, size_t len, size_t i);
size_t xt_back_sp(const char *s, size_t i);
/* Non-zero for an ASCII capital letter at S[i]. */
int xt_is_cap(const char *s, size_t len, size_t i);
/* Length of the word starting at S+i (letters, digits, '-', '\'', '.', UTF-8). */
size_t xt_word_len(const char *s, size_t len, size_t i);

/* ---- document model ----------------------------------------------------- */

struct xblock {
    const char *kind; /* borrowed from the clean JSON */
    const char *text;
    size_t len;
    int body;      /* title, heading or paragraph */
    int caption;   /* caption */
    int title;     /* the title block */
    size_t s0, ns; /* its sentences: doc->sents[s0 .. s0+ns) */
    struct offmap map;
    /* acronym_find() of the text, once asked for (xdoc_acronyms) */
    struct acro_def *acro;
    size_t nacro;
    int acro_done;
};

struct xsent {
    size_t blk;    /* block index */
    size_t t0, t1; /* span in the block text */
    size_t para;   /* ordinal of the body block (0-based), or (size_t)-1 for captions */
    int caption;
};

struct xdoc {
    const char *file;
    json_t *clean; /* borrowed */
    struct xblock *blocks;
    size_t nblocks;
    struct xsent *sents;
    size_t nsents, nbody; /* all sentences / body sentences */
    struct date_val pub;
    int has_pub;
    size_t words;
    const struct xdata *data;
    json_t **ev; /* per sentence: its evidence object once built (owned) */
};

/* Build the model from CLEAN (borrowed; must outlive DOC). PUBLISHED (may be
 * NULL) overrides meta.published. 0, or -1 with D filled. */
int xdoc_init(struct xdoc *doc, json_t *clean, const char *file, const char *published,
              const struct xdata *data, struct diag *d);
void xdoc_free(struct xdoc *doc);
/* Sentence text pointer and length. */
const char *xdoc_stext(const struct xdoc *doc, size_t si, size_t *len);
/* Evidence for sentence SI (whole sentence); new reference to an object
 * built once per sentence and shared: callers must not modify it. */
json_t *xdoc_evidence(const struct xdoc *doc, size_t si);
/* Evidence for bytes [t0,t1) of block BI; new reference. */
json_t *xdoc_evidence_span(const struct xdoc *doc, size_t bi, size_t t0, size_t t1);
/* Every body sentence (title, headings, paragraphs; not captions) in reading
 * order, each an evidence object whose "block" names its block kind; new
 * reference. */
json_t *xdoc_sentences(const struct xdoc *doc);
/* The acronym definitions of block BI (acronym_find), found once per
 * document: *DEFS points into DOC. Returns their number. */
size_t xdoc_acronyms(const struct xdoc *doc, size_t bi, const struct acro_def **defs);
/* Index of the sentence holding block BI offset T, or (size_t)-1. */
size_t xdoc_sent_at(const struct xdoc *doc, size_t bi, size_t t);

/* ---- record parts (each returns new references) -------------------------- */

struct xmeeting {
    long series_sent; /* sentence of the chosen mention, -1 when none */
    char *series;     /* heap or NULL */
    char *name;
    size_t name_blk, name_t0, name_t1;
};

/* The meeting object and the related meetings array. */
json_t *extract_meeting(const struct xdoc *doc, json_t **related, struct xmeeting *m);
void xmeeting_free(struct xmeeting *m);
/* doc_type: joint_statement, press_release, news_report, analysis or other. */
const char *extract_doc_type(const struct xdoc *doc);
/* A person's name at S+I (capitalised tokens that are no title, side, place
 * or stop word): the number of tokens, *END its end offset. */
size_t xpeople_name_at(const struct xdata *x, const char *s, size_t len, size_t i, size_t *end);
/* The end of the title whose titles.tsv row matched TL bytes at S+AT, with
 * its bracketed acronym and "for/of ..." portfolio ("assistant secretary
 * of defense for space policy"), before any name. */
size_t xpeople_title_end(const struct xdata *x, const char *s, size_t len, size_t at, size_t tl);
/* Participants array; meeting M tells whether the text is about a meeting. */
json_t *extract_people(const struct xdoc *doc, const struct xmeeting *m);
json_t *extract_topics(const struct xdoc *doc);
/* Commitments; PEOPLE (borrowed) lets "Secretary Austin reaffirmed" speak for
 * that person's side. */
json_t *extract_commitments(const struct xdoc *doc, const json_t *people);
/* Quotes; PEOPLE (borrowed) resolves speakers to full names. */
json_t *extract_quotes(const struct xdoc *doc, const json_t *people);
json_t *extract_acronyms(const struct xdoc *doc);
json_t *extract_exercises(const struct xdoc *doc);
json_t *extract_mechanisms(const struct xdoc *doc);
json_t *extract_figures(const struct xdoc *doc);

/* ---- the stage ---------------------------------------------------------- */

/* The meeting record for the clean document CLEAN (borrowed) read from FILE.
 * PUBLISHED ("YYYY-MM-DD" or NULL) overrides meta.published. Validates input
 * and output. New reference, or NULL with D filled. */
json_t *extract_record(json_t *clean, const char *file, const char *published,
                       const struct xdata *data, struct diag *d);

#endif
