/* gencorpus.c - the deterministic bench corpus: page texts made by
 * recombining paragraph-level pieces of the test texts with varied page
 * chrome (banners, menus, breadcrumbs, related headlines, comment boxes,
 * copyright and cookie lines), varied sizes and a few long documents.
 *
 *   gencorpus [-n DOCS] [-b MIN_BYTES] [-S SEED] -O DIR INPUT...
 *
 * Writes DIR/bNNNNN.txt: at least DOCS documents and, if DOCS are not
 * enough, more until MIN_BYTES in total. INPUTs that are not valid UTF-8
 * text (error cases, UTF-16, legacy encodings) are skipped. The same
 * inputs in the same order and the same seed give the same bytes. Prints
 * "documents bytes" on stdout. Exit 0, 1 (I/O error, no usable input), 2. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- utils */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) { fputs("gencorpus: out of memory\n", stderr); exit(1); }
    return q;
}

struct sbuf { char *s; size_t n, cap; };

static void sb_addn(struct sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void sb_add(struct sbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }

struct piece { const char *s; size_t n; };
struct pool { struct piece *v; size_t n, cap; };

static void pool_add(struct pool *p, const char *s, size_t n)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->v = xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n].s = s;
    p->v[p->n].n = n;
    p->n++;
}

/* splitmix64: small, fast, and the same on every platform */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static size_t rn(size_t n) { return n ? (size_t)(rnd() % n) : 0; }
static size_t rrange(size_t lo, size_t hi) { return lo + rn(hi - lo + 1); }
static int chance(unsigned percent) { return rn(100) < percent; }
#define PICK(a) (a[rn(sizeof(a) / sizeof(a[0]))])

static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        if (c == 0) return 0;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) k = 1;
        else if (c >= 0xE0 && c <= 0xEF) k = 2;
        else if (c >= 0xF0 && c <= 0xF4) k = 3;
        else return 0;
        for (size_t j = 1; j <= k; j++)
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80) return 0;
        i += k + 1;
    }
    return 1;
}

/* ------------------------------------------------------------ the pools */

static struct pool body, shorts, titles, sentences;

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\r') continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { i++; continue; }
        return 0;
    }
    return 1;
}

static size_t trim(const char **s, size_t n)
{
    while (n && (**s == ' ' || **s == '\t')) { (*s)++; n--; }
    while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t' || (*s)[n - 1] == '\r')) n--;
    return n;
}

/* Whether the '.' at S[I] ends an abbreviation ("U.S.", "Dr.", "Gen."):
 * an upper-case letter before it, or a capitalised word of 1-3 letters. */
static int abbreviation(const char *s, size_t i)
{
    if (s[i] != '.' || i == 0) return 0;
    if (s[i - 1] >= 'A' && s[i - 1] <= 'Z') return 1;
    size_t w = i;
    while (w > 0 && s[w - 1] != ' ') w--;
    return i - w <= 3 && s[w] >= 'A' && s[w] <= 'Z';
}

/* Split a body paragraph into sentences at ". " + capital letter. */
static void add_sentences(const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ' &&
            s[i + 2] >= 'A' && s[i + 2] <= 'Z' && !abbreviation(s, i)) {
            size_t len = i + 1 - start;
            if (len >= 40 && len <= 600) pool_add(&sentences, s + start, len);
            start = i + 2;
        }
    }
    if (n - start >= 40 && n - start <= 600) pool_add(&sentences, s + start, n - start);
}

/* Cut TEXT (kept for the program's life) into pieces for the pools. */
static void index_text(char *text, size_t n)
{
    /* CRLF -> LF in place, so the pieces are line-ending neutral */
    size_t w = 0;
    for (size_t r = 0; r < n; r++)
        if (!(text[r] == '\r' && r + 1 < n && text[r + 1] == '\n')) text[w++] = text[r];
    n = w;
    int first = 1;
    size_t i = 0;
    while (i < n) {
        /* one paragraph: lines up to a blank line */
        size_t pstart = i, pend = i, lines = 0;
        while (i < n) {
            const char *nl = memchr(text + i, '\n', n - i);
            size_t le = nl ? (size_t)(nl - text) : n;
            if (is_blank(text + i, le - i)) { i = le + 1; break; }
            pend = le;
            lines++;
            i = le + 1;
        }
        const char *p = text + pstart;
        size_t len = trim(&p, pend - pstart);
        if (!len) continue;
        if (first && len >= 20 && len <= 200 && !memchr(p, '\n', len)) pool_add(&titles, p, len);
        first = 0;
        if (lines == 1 && len >= 150) {
            pool_add(&body, p, len);
            add_sentences(p, len);
        } else if (lines == 1 && len >= 15) {
            pool_add(&shorts, p, len);
            if (len >= 30 && p[len - 1] != '.') pool_add(&titles, p, len);
        } else if (lines > 1) {
            /* a block of short lines (menus, headline lists): keep each line */
            const char *q = p, *e = p + len;
            while (q < e) {
                const char *nl = memchr(q, '\n', (size_t)(e - q));
                const char *le = nl ? nl : e;
                const char *t = q;
                size_t tl = trim(&t, (size_t)(le - q));
                if (tl >= 150) { pool_add(&body, t, tl); add_sentences(t, tl); }
                else if (tl >= 15) pool_add(&shorts, t, tl);
                q = le + 1;
            }
        }
    }
}

/* --------------------------------------------------------------- chrome */

static const char *PUBLISHERS[] = {
    "The Harbor Ledger", "Capital Defense Wire", "Peninsula Times Online", "Northeast Asia Monitor",
    "Defense Policy Review", "Allied Press Service", "The Morning Dispatch", "Pacific Security Digest",
    "Seoul Evening Herald", "Strategy & Statecraft", "Department of Defense News", "Global Affairs Desk",
};
static const char *MENU[] = {
    "Home", "News", "Politics", "National", "Diplomacy", "Defense", "World", "Business", "Opinion",
    "Analysis", "Video", "Photos", "Podcasts", "Newsletters", "Subscribe", "Sign in", "Search",
    "Features", "About Us", "Contact", "Media", "Releases", "Transcripts", "Speeches", "Topics",
};
static const char *MENU_SEP[] = {" | ", " · ", "  ", " / ", " > "};
static const char *SECTIONS[] = {"Diplomacy", "Defense", "Politics", "Security", "Asia-Pacific", "World"};
static const char *MONTHS[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};
static const char *MON3[] = {"Jan.", "Feb.", "March", "April", "May", "June", "July",
                             "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
static const char *FIRST[] = {"Min-ji", "Daniel", "Sarah", "Ji-hoon", "Michael", "Eun-young",
                              "Robert", "Hye-jin", "Laura", "Sung-ho", "Kenji", "Emily"};
static const char *LAST[] = {"Kim", "Park", "Lee", "Smith", "Choi", "Johnson", "Jung", "Yoon",
                             "Brown", "Han", "Tanaka", "Garcia"};
static const char *INLINE_CHROME[] = {
    "Advertisement", "ADVERTISEMENT", "Subscribe to our daily newsletter for the latest updates.",
    "Click here to read more stories like this.", "Scroll to continue with content",
    "Share this article", "Listen to this article", "Photo: Ministry of National Defense",
    "Sponsored Content", "Most Read",
};
static const char *COMMENT_BOX[] = {
    "Log in to Twitter or Facebook account to connect", "0 Comments", "Write a comment (0/250)",
    "To write comments, please log in to one of the accounts.", "Be the first to comment",
    "Comments are moderated and will appear after approval.", "Report abuse",
    "Sort by: Newest | Oldest | Most liked", "Leave a Reply", "Your email address will not be published.",
};
static const char *FOOTER[] = {
    "Terms of Use", "Privacy Policy", "Accessibility", "Contact Us", "Careers", "Advertise with us",
    "RSS Feeds", "Site Map", "FOIA", "No FEAR Act", "Help", "Corrections",
};
static const char *COOKIE[] = {
    "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
    "This site uses cookies. Accept all | Manage preferences",
    "Cookie settings: strictly necessary, performance, targeting. Save and close.",
};
static const char *CREDITS[] = {"[DEFENSE MINISTRY]", "[YONHAP]", "(Photo: DoD)", "[JOINT PRESS CORPS]",
                                "(AP Photo)", "[NEWS1]", "(U.S. Army photo)"};

static void add_line(struct sbuf *b, const char *s) { sb_add(b, s); sb_add(b, "\n"); }

static void add_piece(struct sbuf *b, struct piece p) { sb_addn(b, p.s, p.n); }

static void add_menu(struct sbuf *b)
{
    size_t k = rrange(4, 12);
    int vertical = chance(40);
    const char *sep = PICK(MENU_SEP);
    for (size_t i = 0; i < k; i++) {
        if (i && !vertical) sb_add(b, sep);
        sb_add(b, PICK(MENU));
        if (vertical) sb_add(b, "\n");
    }
    if (!vertical) sb_add(b, "\n");
}

static void add_date(struct sbuf *b)
{
    unsigned y = (unsigned)rrange(2011, 2025), m = (unsigned)rn(12), d = (unsigned)rrange(1, 28);
    char t[96];
    switch (rn(6)) {
    case 0: snprintf(t, sizeof t, "Published: %02u %.3s. %u, %02u:%02u", d, MONTHS[m], y,
                     (unsigned)rn(24), (unsigned)rn(60)); break;
    case 1: snprintf(t, sizeof t, "NEWS | %s %u, %u", MON3[m], d, y); break;
    case 2: snprintf(t, sizeof t, "%u-%02u-%02u %02u:%02u KST", y, m + 1, d, (unsigned)rn(24),
                     (unsigned)rn(60)); break;
    case 3: snprintf(t, sizeof t, "%s %u, %u", MONTHS[m], d, y); break;
    case 4: snprintf(t, sizeof t, "Updated %u.%02u.%02u", y, m + 1, d); break;
    default: snprintf(t, sizeof t, " date %u-%02u-%02u", y, m + 1, d); break;
    }
    add_line(b, t);
}

static void add_headlines(struct sbuf *b, const char *heading, size_t k, const char *sep)
{
    add_line(b, heading);
    sb_add(b, sep);
    for (size_t i = 0; i < k; i++) {
        struct piece p = chance(70) && titles.n ? titles.v[rn(titles.n)] : shorts.v[rn(shorts.n)];
        add_piece(b, p);
        sb_add(b, "\n");
        if (sep[0] == '\n') sb_add(b, "\n");
    }
}

/* A paragraph made from 2-6 sentences of the sentence pool. */
static void add_recombined(struct sbuf *b)
{
    size_t k = rrange(2, 6);
    for (size_t i = 0; i < k; i++) {
        if (i) sb_add(b, " ");
        add_piece(b, sentences.v[rn(sentences.n)]);
    }
}

/* Hard-wrap the paragraph that starts at b->s[from] at WIDTH columns. */
static void hard_wrap(struct sbuf *b, size_t from, size_t width)
{
    size_t col = 0, last_space = (size_t)-1;
    for (size_t i = from; i < b->n; i++) {
        if (b->s[i] == '\n') { col = 0; last_space = (size_t)-1; continue; }
        if (b->s[i] == ' ') last_space = i;
        if ((b->s[i] & 0xC0) != 0x80) col++;
        if (col > width && last_space != (size_t)-1) {
            b->s[last_space] = '\n';
            col = i - last_space;
            last_space = (size_t)-1;
        }
    }
}

/* ------------------------------------------------------------- document */

static size_t body_paragraphs(void)
{
    size_t r = rn(100);
    if (r < 3) return rrange(250, 1200);   /* long documents: 100 KB - 600 KB */
    if (r < 25) return rrange(40, 120);
    return rrange(6, 40);
}

static void gen_doc(struct sbuf *b)
{
    const char *pub = PICK(PUBLISHERS);
    const char *psep = PICK(((const char *[]){"\n\n", "\n \n", "\n\n\n", "\n", "\n\n"}));
    int wrap = chance(12);
    if (wrap) psep = "\n\n";
    char t[256];

    /* header chrome */
    if (chance(85)) add_line(b, pub);
    if (chance(25)) add_line(b, "Skip to main content");
    if (chance(75)) add_menu(b);
    if (chance(50)) {
        snprintf(t, sizeof t, "Home > %s > %s", PICK(SECTIONS), PICK(SECTIONS));
        add_line(b, t);
    }
    sb_add(b, "\n");

    /* title, dateline, byline */
    struct piece title = titles.v[rn(titles.n)];
    if (chance(35)) { add_piece(b, title); sb_add(b, "\n\n"); }
    if (chance(30)) add_date(b);
    add_piece(b, title);
    sb_add(b, "\n\n");
    if (chance(70)) add_date(b);
    if (chance(55)) {
        snprintf(t, sizeof t, "By %s %s%s", PICK(FIRST), PICK(LAST),
                 chance(50) ? ", Staff Reporter" : "");
        add_line(b, t);
    }
    if (chance(20)) { snprintf(t, sizeof t, "%u minute read", (unsigned)rrange(2, 12)); add_line(b, t); }
    sb_add(b, "\n");

    /* body */
    size_t k = body_paragraphs();
    for (size_t i = 0; i < k; i++) {
        size_t from = b->n;
        unsigned r = (unsigned)rn(100);
        if (r < 7 && shorts.n) {
            add_piece(b, shorts.v[rn(shorts.n)]);                     /* heading-like */
        } else if (r < 11) {
            add_piece(b, sentences.v[rn(sentences.n)]);               /* photo caption */
            sb_add(b, " ");
            sb_add(b, PICK(CREDITS));
        } else if (r < 14) {
            sb_add(b, PICK(INLINE_CHROME));
        } else if (r < 16 && titles.n) {
            sb_add(b, "Read more: ");
            add_piece(b, titles.v[rn(titles.n)]);
        } else if (r < 60) {
            add_piece(b, body.v[rn(body.n)]);
        } else {
            add_recombined(b);
        }
        if (wrap) hard_wrap(b, from, rrange(60, 80));
        sb_add(b, psep);
    }

    /* footer chrome */
    if (chance(40)) { sb_add(b, "tags "); add_menu(b); }
    if (chance(70)) {
        snprintf(t, sizeof t, "More in %s", PICK(SECTIONS));
        add_headlines(b, t, rrange(3, 8), chance(50) ? "\n" : "");
    }
    if (chance(60)) add_headlines(b, chance(50) ? "Related Stories" : "You may also like", rrange(3, 7), "\n");
    if (chance(45)) {
        size_t c = rrange(2, 6);
        for (size_t i = 0; i < c; i++) add_line(b, PICK(COMMENT_BOX));
    }
    if (chance(50)) {
        size_t c = rrange(3, 8);
        for (size_t i = 0; i < c; i++) add_line(b, PICK(FOOTER));
    }
    if (chance(30)) add_line(b, PICK(COOKIE));
    snprintf(t, sizeof t, "%s %u %s. All rights reserved.", chance(50) ? "©" : "Copyright (c)",
             (unsigned)rrange(2011, 2026), pub);
    if (chance(80)) add_line(b, t);
}

/* ----------------------------------------------------------------- main */

static int write_file(const char *path, const struct sbuf *b, int crlf, int bom)
{
    FILE *f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno)); return -1; }
    if (bom) fputs("\xEF\xBB\xBF", f);
    if (!crlf) {
        fwrite(b->s, 1, b->n, f);
    } else {
        for (size_t i = 0; i < b->n; i++) {
            if (b->s[i] == '\n') putc('\r', f);
            putc(b->s[i], f);
        }
    }
    if (fclose(f) != 0) { fprintf(stderr, "gencorpus: %s: write failed\n", path); return -1; }
    return 0;
}

int main(int argc, char **argv)
{
    size_t docs = 2400;
    unsigned long long min_bytes = 52428800ULL;
    uint64_t seed = 0xB41EF1A6ULL;
    const char *dir = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--") == 0) { i++; break; }
        if (i + 1 >= argc) goto usage;
        if (strcmp(argv[i], "-n") == 0) docs = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-b") == 0) min_bytes = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-S") == 0) seed = strtoull(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "-O") == 0) dir = argv[++i];
        else goto usage;
    }
    if (!dir || i >= argc) goto usage;

    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { fprintf(stderr, "gencorpus: %s: %s\n", argv[i], strerror(errno)); return 1; }
        struct sbuf t = {0};
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) sb_addn(&t, chunk, got);
        fclose(f);
        if (!t.n) { free(t.s); continue; }
        char *s = t.s;
        size_t n = t.n;
        if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; n -= 3; }
        if (!valid_utf8((const unsigned char *)s, n)) { free(t.s); continue; }  /* kept: never freed */
        index_text(s, n);
    }
    if (!body.n || !sentences.n || !titles.n || !shorts.n) {
        fprintf(stderr, "gencorpus: not enough usable text in the inputs\n");
        return 1;
    }

    rng_state = seed;
    struct sbuf b = {0};
    unsigned long long total = 0;
    size_t d = 0;
    char path[4096];
    for (; d < docs || total < min_bytes; d++) {
        b.n = 0;
        gen_doc(&b);
        int crlf = chance(5), bom = chance(3);
        snprintf(path, sizeof path, "%s/b%05zu.txt", dir, d);
        if (write_file(path, &b, crlf, bom) != 0) return 1;
        total += b.n + (bom ? 3 : 0);
        if (crlf)
            for (size_t j = 0; j < b.n; j++) total += b.s[j] == '\n';
    }
    printf("%zu %llu\n", d, total);
    free(b.s);
    return 0;
usage:
    fputs("usage: gencorpus [-n DOCS] [-b MIN_BYTES] [-S SEED] -O DIR INPUT...\n", stderr);
    return 2;
}
