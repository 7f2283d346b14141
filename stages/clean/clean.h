/* clean.h - the clean stage: page text in, structured blocks out.
 *
 * Pipeline inside the stage:
 *   clean_decode  bytes -> UTF-8 text plus a map from text bytes to source bytes
 *   clean_norm    normalised block text with its offmap back to the source
 *   clean_blocks  lines -> units -> kinds (title, paragraph, caption, chrome...)
 *   clean_meta    publication date, publisher
 *   clean_doc     the clean JSON document and the --text rendering
 */
#ifndef CLEAN_CLEAN_H
#define CLEAN_CLEAN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "offmap.h"

/* ---- decoding ---------------------------------------------------------- */

/* A run of decoded characters that all have the same byte widths: TW bytes of
 * UTF-8 for SW source bytes each. TW == SW == 1 marks a verbatim byte run. */
struct clean_run {
    size_t t, s;          /* first decoded byte, first source byte */
    unsigned char tw, sw; /* widths per character */
};

struct clean_decoded {
    const char *text;       /* UTF-8, LEN bytes: OWN, or the caller's SRC itself when
                             * that is valid UTF-8 already (SRC must then outlive D) */
    char *own;              /* heap text (owned, NUL-terminated), or NULL */
    size_t len;             /* bytes in text */
    size_t src_len;         /* bytes of the original input */
    const char *encoding;   /* static name: "UTF-8", "UTF-16LE", "CP949", ... */
    size_t replacements;    /* U+FFFD substituted for invalid sequences */
    struct clean_run *runs; /* increasing in t and s (heap, owned) */
    size_t nruns, cap;
};

/* Decode SRC (LEN bytes) into D. ENCODING NULL means detect (BOM, UTF-8
 * validity, then a CP949 pair statistic, else Windows-1252); REPLACE non-zero
 * substitutes U+FFFD for invalid sequences instead of failing. Valid UTF-8 is
 * not copied: D->text then points into SRC, which must outlive D.
 * 0, or -1 with DG filled (offset of the first bad byte). Free with
 * clean_decoded_free(). */
int clean_decode(const char *src, size_t len, const char *encoding, int replace,
                 struct clean_decoded *d, struct diag *dg);
void clean_decoded_free(struct clean_decoded *d);

/* Source offset of decoded byte offset T (T at a character boundary, or len). */
size_t clean_src(const struct clean_decoded *d, size_t t);

/* ---- lexicons (stages/clean/data) ------------------------------------- */

/* A list of folded phrases matched in one pass: sorted by their first two
 * bytes (KEY), with a 64K-bit filter over the keys. */
struct clean_phrases {
    char **p;            /* phrases (owned) */
    size_t *len;         /* their lengths */
    uint16_t *key;       /* first two bytes, big-endian; the list is sorted by it */
    unsigned char *flag; /* 1 when the entry was written with a leading '!' */
    size_t n, maxlen;
    int has_short;            /* some phrase is a single byte */
    uint64_t bits[1024];      /* filter: three-byte hashes, keys of two-byte phrases */
    uint64_t pair_bits[1024]; /* the keys of all phrases of two bytes or more */
};

/* Index of the first phrase (index >= FROM; 0 to start) occurring at S+AT in
 * S[0,N), or PS->n when none. */
size_t clean_phrases_at(const struct clean_phrases *ps, const char *s, size_t n, size_t at,
                        size_t from);
/* Non-zero when some phrase of PS occurs anywhere in S[0,N). */
int clean_phrases_in(const struct clean_phrases *ps, const char *s, size_t n);
/* Non-zero when S[0,N) is exactly one of the phrases. */
int clean_phrases_is(const struct clean_phrases *ps, const char *s, size_t n);

struct clean_lex {
    struct clean_phrases chrome;     /* whole-line chrome phrases */
    struct clean_phrases chrome_sub; /* chrome phrases matched inside short lines */
    char **stop;
    size_t nstop;               /* stopwords (folded) */
    size_t *stop_tab, stop_cap; /* hash table over stop (index + 1) */
    uint32_t *stop_tag;         /* per slot: low hash bits | 1, checked before the bytes */
    uint64_t *stop8;            /* the stopwords of up to eight bytes packed into one
                                 * number each (open addressing, 0 empty) */
    size_t stop8_cap;
    unsigned stop8_bits;
    size_t *stop_len, stop_maxlen;
    unsigned stop_bits;           /* log2(stop_cap) */
    struct clean_phrases outlets; /* known publisher names */
    struct clean_phrases caption; /* caption markers ("photo by", "image credit") */
    struct clean_phrases breaks;  /* section openers the article never crosses ('!': comments) */
};

/* Load every data file. 0, or -1 with D filled. */
int clean_lex_load(struct clean_lex *lx, struct diag *d);
void clean_lex_free(struct clean_lex *lx);
/* Non-zero when folded word W (LEN bytes) is a stopword. */
int clean_lex_is_stop(const struct clean_lex *lx, const char *w, size_t len);

/* ---- normalisation ----------------------------------------------------- */

/* Append the normalised text of decoded bytes [A,B) to OUT: line breaks joined
 * (a space, or nothing after a hyphen), whitespace folded to one space, NBSP to
 * space, zero-width characters and soft hyphens removed, ends trimmed. When M
 * is non-NULL, it is begun at the source offset of the first kept character
 * and records every replacement; the source range goes to SRC_START, SRC_END.
 * OUT must be empty (map offsets count from its start). */
void clean_norm(const struct clean_decoded *d, size_t a, size_t b, struct buf *out,
                struct offmap *m, size_t *src_start, size_t *src_end);

/* ---- blocks ------------------------------------------------------------ */

enum clean_kind {
    CK_BOILERPLATE = 0,
    CK_TITLE,
    CK_BYLINE,
    CK_DATELINE,
    CK_HEADING,
    CK_PARAGRAPH,
    CK_CAPTION
};

const char *clean_kind_name(enum clean_kind k);

/* Units of at most this many words keep their fold after clean_blocks (the
 * timestamp, outlet, break and chrome tests all stop above it). */
#define CLEAN_FOLD_WORDS 30

struct clean_unit {
    size_t a, b;   /* decoded byte range (trimmed) */
    size_t s0, s1; /* source byte range of the kept text (clean_norm's) */
    char *text;    /* normalised text (in the page's arena) */
    char *fold;    /* utf8_fold of text, trailing " .:|>-" cut, for lexicon matching
                    * (in the page's arena); NULL (flen 0) once clean_blocks has
                    * classified a unit of more than CLEAN_FOLD_WORDS words */
    size_t tlen, flen;
    enum clean_kind kind;
    size_t words, stops, letters, chars;
    int end_punct;    /* ends with sentence punctuation */
    int blank_before; /* a blank line precedes it */
    int dup_of;       /* index of an earlier identical unit, or -1 */
    int dup_later;    /* an identical unit follows */
    int chrome;       /* matches the chrome lexicon or a menu/breadcrumb shape */
    int brk;          /* opens a non-article section: 1, comments: 2 */
    int caption;      /* photo-caption shape */
    int teaser;       /* truncated or dated story teaser */
    int wire;         /* opens with a wire dateline ("SEOUL, May 3 (AP) --"): a lead */
    double score;
};

struct clean_page {
    struct clean_unit *u;
    size_t n, cap;
    char *arena; /* every unit's text and fold (heap, owned) */
    int title;   /* index of the title unit, -1 when none */
    size_t dropped_blocks, dropped_bytes;
};

/* Split D into units and classify them. */
void clean_blocks(const struct clean_decoded *d, const struct clean_lex *lx, struct clean_page *pg);
void clean_page_free(struct clean_page *pg);

/* ---- metadata ---------------------------------------------------------- */

/* Find a date in TEXT (LEN bytes) written in one of the usual dateline
 * shapes; writes "YYYY-MM-DD" into OUT (11 bytes). Non-zero when found. */
int clean_parse_date(const char *text, size_t len, char out[11]);

struct clean_meta {
    char *title, *publisher, *published_text, *byline; /* heap or NULL */
    char published[11];                                /* "" when none */
};

/* Non-zero when S (N bytes) reads as a whole publisher name: opens with a
 * capital, a digit or a non-Latin letter, at most ten words, not a
 * sentence, no replacement character. */
int clean_plausible_name(const char *s, size_t n);

void clean_meta_find(const struct clean_page *pg, const struct clean_lex *lx, struct clean_meta *m);
void clean_meta_free(struct clean_meta *m);

/* ---- the document ------------------------------------------------------ */

/* Build the clean JSON for input SRC (LEN bytes) named NAME (display name).
 * NULL with D filled on bad data. Caller decrefs. */
json_t *clean_document(const char *src, size_t len, const char *name, const char *encoding,
                       int replace, const struct clean_lex *lx, struct diag *d);

/* The --text rendering of a clean document: title, then headings and
 * paragraphs, one blank line between blocks. Heap string, caller frees. */
char *clean_text_render(const json_t *doc);

#endif
