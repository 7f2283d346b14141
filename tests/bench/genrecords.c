/* genrecords.c - synthetic meeting records (README "Meeting record") for
 * the compare scaling figures and the validator timing.
 *
 *   genrecords [-S SEED] -n N -O DIR        DIR/m00000.json ... N records
 *   genrecords [-S SEED] --big BYTES -o FILE one record of at least BYTES
 *
 * Records mix series (KIDD, SCM, NCG, ...), ordinals and dates; about a
 * third describe a meeting another record already describes (a second
 * source), and people appear under romanisation and order variants
 * ("Taekeun Heo" / "Heo Tae-keun"). Keys come from the shared names_key().
 * Deterministic for a given seed. Exit 0, 1 (I/O error), 2 (usage). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

/* ----------------------------------------------------------------- rng */

static uint64_t rng_state;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static size_t rn(size_t n) { return n ? (size_t)(rnd() % n) : 0; }
static int chance(unsigned percent) { return rn(100) < percent; }
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) (a[rn(NELEM(a))])

/* ---------------------------------------------------------------- data */

struct series { const char *id, *name, *format; int first_year; };
static const struct series SERIES[] = {
    {"KIDD", "Korea-U.S. Integrated Defense Dialogue", "bilateral", 2011},
    {"SCM", "Security Consultative Meeting", "bilateral", 1968},
    {"NCG", "Nuclear Consultative Group", "bilateral", 2023},
    {"MCM", "Military Committee Meeting", "bilateral", 1978},
    {"EDSCG", "Extended Deterrence Strategy and Consultation Group", "2+2", 2016},
    {"TMM", "Trilateral Ministerial Meeting", "trilateral", 2019},
    {"DTT", "Defense Trilateral Talks", "trilateral", 2008},
};
static const char *CITIES[][2] = {{"Washington", "US"}, {"Seoul", "ROK"}, {"Tokyo", "JP"},
                                  {"Honolulu", "US"},  {"Singapore", "SG"}, {"Busan", "ROK"}};
static const char *TOPICS[] = {
    "denuclearization", "dprk_threat", "extended_deterrence", "combined_posture", "exercises",
    "missile_defense", "opcon_transition", "cyber", "space", "science_technology",
    "defense_industry", "trilateral_japan", "regional_security", "unc", "un_sanctions",
    "dprk_russia", "china", "burden_sharing", "usfk_posture", "alliance_vision"};
/* each person: side, title, then spellings of the same name */
struct person { const char *side, *title, *names[3]; };
static const struct person PEOPLE[] = {
    {"ROK", "Deputy Minister for National Defense Policy", {"Taekeun Heo", "Heo Tae-keun", "Heo Taekeun"}},
    {"ROK", "Deputy Minister for Defense Policy", {"Cho Chang-rae", "Cho Chang Lae", "Chang-rae Cho"}},
    {"ROK", "Minister of National Defense", {"Kim Yong-hyun", "Kim Yong Hyun", "Yong-hyun Kim"}},
    {"ROK", "Minister of National Defense", {"Shin Won-sik", "Shin Wonsik", "Won-sik Shin"}},
    {"ROK", "Minister of Foreign Affairs", {"Cho Tae-yul", "Cho Tae Yul", "Tae-yul Cho"}},
    {"ROK", "Deputy Minister for Policy", {"Chung Suk-hwan", "Jung Seok-hwan", "Chung Suk Hwan"}},
    {"ROK", "Director General", {"Yoo Seung-jin", "Ryu Seung-jin", "Yu Seungjin"}},
    {"US", "Secretary of Defense", {"Lloyd Austin", "Lloyd J. Austin III", "Lloyd Austin"}},
    {"US", "Secretary of State", {"Antony Blinken", "Antony J. Blinken", "Antony Blinken"}},
    {"US", "Acting Deputy Assistant Secretary of Defense for East Asia", {"Cara Allison Marshall", "Cara Marshall", "Cara A. Marshall"}},
    {"US", "Under Secretary of Defense for Policy", {"Elbridge Colby", "Elbridge A. Colby", "Elbridge Colby"}},
    {"US", "Assistant Secretary of Defense for Indo-Pacific Security Affairs", {"Ely Ratner", "Ely S. Ratner", "Ely Ratner"}},
    {"US", "Deputy Assistant Secretary of Defense for East Asia", {"Andrew Winternitz", "Andrew Winternitz", "A. Winternitz"}},
    {"US", "Performing the duties of Assistant Secretary of Defense", {"John Noh", "John Noh", "J. Noh"}},
    {"JP", "Minister of Defense", {"Minoru Kihara", "Kihara Minoru", "Minoru Kihara"}},
    {"JP", "Director General for Defense Policy", {"Kazuo Masuda", "Masuda Kazuo", "Kazuo Masuda"}},
};
static const char *DOC_TYPES[] = {"joint_statement", "press_release", "news_report", "analysis", "other"};
static const char *PUBLISHERS[] = {"U.S. Department of Defense", "Ministry of National Defense",
                                   "Korea JoongAng Daily", "Yonhap", "IRIA News", "The Harbor Ledger"};
static const char *EXERCISES[] = {"Ulchi Freedom Shield", "Freedom Shield", "Warrior Shield",
                                  "Freedom Edge", "Vigilant Defense", "Combined Command Post Training"};
static const char *MECHS[][2] = {{"Nuclear Consultative Group", "NCG"},
                                 {"Tailored Deterrence Strategy", "TDS"},
                                 {"Counter-Missile Working Group", "CMWG"},
                                 {"Deterrence Strategy Committee", "DSC"},
                                 {"Space Cooperation Working Group", "SCWG"}};
static const char *VERBS[] = {"reaffirmed", "pledged", "agreed", "committed", "decided"};
static const char *SENTENCES[] = {
    "Both sides reaffirmed the shared goal of the complete denuclearization of the DPRK.",
    "The two sides shared their assessments of continued DPRK provocations and missile launches.",
    "The U.S. side reaffirmed its ironclad commitment to the defense of the ROK.",
    "The leaders committed to respond to provocations through close and coordinated responses.",
    "The two sides pledged to further strengthen combined exercises and training.",
    "Both sides recognized the need to modernize the Alliance and deliver new technologies.",
    "The leaders underscored the importance of bolstering supply chain resiliency.",
    "The two sides agreed to expand trilateral security cooperation with Japan.",
    "They condemned the military cooperation between the DPRK and Russia.",
    "The delegations discussed space and cyber cooperation and information sharing.",
};

/* ------------------------------------------------------------- builders */

static json_t *evidence(size_t *pos)
{
    const char *s = PICK(SENTENCES);
    size_t start = *pos + rn(400);
    size_t end = start + strlen(s);
    *pos = end;
    json_t *e = json_pack("{s:s, s:I, s:I}", "text", s, "start", (json_int_t)start, "end",
                          (json_int_t)end);
    if (chance(5)) json_object_set_new(e, "block", json_string("caption"));
    return e;
}

static json_t *ev_list(size_t *pos, size_t k)
{
    json_t *a = json_array();
    for (size_t i = 0; i < k; i++) json_array_append_new(a, evidence(pos));
    return a;
}

static void hex64(char *out)
{
    static const char hx[] = "0123456789abcdef";
    for (int i = 0; i < 64; i++) out[i] = hx[rnd() & 15];
    out[64] = '\0';
}

/* OUT: 11 bytes; y, m, d within a calendar range */
static void date(char *out, int y, int m, int d)
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static json_t *participant(const struct person *p, const char *role, size_t *pos, size_t nev)
{
    const char *name = p->names[rn(3)];
    char *key = names_key(name);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:o}", "name", name, "key",
                          key ? key : name, "side", p->side, "title", p->title, "role", role,
                          "acting", strstr(p->title, "Acting") != NULL, "evidence",
                          ev_list(pos, nev));
    free(key);
    return o;
}

/* Meeting identity: series index, ordinal, year, month, day, city. */
struct meeting { size_t s; int ordinal, y, m, d; size_t city; };

/* One meeting record. SCALE multiplies the list lengths (1 = realistic). */
static json_t *record(const struct meeting *mt, const char *file, size_t scale)
{
    const struct series *se = &SERIES[mt->s];
    size_t pos = 200 + rn(500);
    char sha[65], start[11], end[11], pub[11], name[160];
    hex64(sha);
    date(start, mt->y, mt->m, mt->d);
    date(end, mt->y, mt->m, mt->d + (chance(40) ? 1 : 0));
    date(pub, mt->y, mt->m, mt->d + 1 + (int)rn(2));
    const char *ord_sfx = (mt->ordinal % 10 == 1 && mt->ordinal % 100 != 11) ? "st"
                          : (mt->ordinal % 10 == 2 && mt->ordinal % 100 != 12) ? "nd"
                          : (mt->ordinal % 10 == 3 && mt->ordinal % 100 != 13) ? "rd" : "th";
    snprintf(name, sizeof name, "%d%s %s", mt->ordinal, ord_sfx, se->name);
    int has_ord = chance(80), has_date = chance(90), has_city = chance(85);
    const char *basis = !has_date ? NULL : chance(70) ? "explicit" : chance(50) ? "relative" : "partial";
    char title[240];
    snprintf(title, sizeof title, "Joint Press Statement for the %s", name);

    json_t *source = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "file", file, "sha256", sha, "title", title,
        "publisher", PICK(PUBLISHERS), "published", pub, "doc_type", PICK(DOC_TYPES), "encoding",
        "UTF-8", "words", (json_int_t)(300 + rn(1500)), "sentences", (json_int_t)(12 + rn(60)));
    json_t *mev = json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", evidence(&pos), "ordinal",
                            has_ord ? evidence(&pos) : json_null(), "dates",
                            has_date ? evidence(&pos) : json_null(), "city",
                            has_city ? evidence(&pos) : json_null(), "format", json_null());
    json_t *meeting = json_pack(
        "{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o}", "series", se->id, "name", name,
        "ordinal", has_ord ? json_integer(mt->ordinal) : json_null(), "start_date",
        has_date ? json_string(start) : json_null(), "end_date",
        has_date ? json_string(end) : json_null(), "city",
        has_city ? json_string(CITIES[mt->city][0]) : json_null(), "country",
        has_city ? json_string(CITIES[mt->city][1]) : json_null(), "format", se->format,
        "date_basis", basis ? json_string(basis) : json_null(), "evidence", mev);

    json_t *related = json_array();
    if (chance(40)) {
        char rs[11];
        date(rs, mt->y, mt->m < 12 ? mt->m + 1 : 12, 10);
        json_array_append_new(related, json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "series", "SCM",
                                                 "name", "Security Consultative Meeting", "ordinal",
                                                 json_integer(40 + (int)rn(17)), "start_date", rs,
                                                 "end_date", rs, "date_text", "next month",
                                                 "evidence", evidence(&pos)));
    }

    json_t *people = json_array();
    size_t np = (3 + rn(6)) * scale;
    size_t lead_us = rn(NELEM(PEOPLE) / 2), lead_rok = 7 + rn(NELEM(PEOPLE) - 9);
    json_array_append_new(people, participant(&PEOPLE[lead_rok % NELEM(PEOPLE)], "lead", &pos, 1 + rn(2)));
    json_array_append_new(people, participant(&PEOPLE[lead_us], "lead", &pos, 1 + rn(2)));
    for (size_t i = 2; i < np; i++) {
        static const char *roles[] = {"participant", "side_meeting", "mentioned"};
        json_array_append_new(people, participant(&PEOPLE[rn(NELEM(PEOPLE))], PICK(roles), &pos, 1 + rn(3)));
    }

    json_t *acr = json_array(), *mechs = json_array();
    for (size_t i = 0, k = (1 + rn(4)) * scale; i < k; i++) {
        size_t j = rn(NELEM(MECHS));
        json_array_append_new(acr, json_pack("{s:s, s:s, s:o}", "acronym", MECHS[j][1], "name",
                                             MECHS[j][0], "evidence", evidence(&pos)));
        if (chance(60))
            json_array_append_new(mechs, json_pack("{s:s, s:s, s:o}", "name", MECHS[j][0], "acronym",
                                                   MECHS[j][1], "evidence", evidence(&pos)));
    }
    json_t *topics = json_array();
    size_t first = rn(NELEM(TOPICS)), nt = 3 + rn(10);
    for (size_t i = 0; i < nt; i++)   /* distinct ids: a window of the list */
        json_array_append_new(topics, json_pack("{s:s, s:o}", "id", TOPICS[(first + i) % NELEM(TOPICS)],
                                                "evidence", ev_list(&pos, (1 + rn(3)) * scale)));
    json_t *commits = json_array(), *quotes = json_array(), *figures = json_array(),
           *exer = json_array();
    for (size_t i = 0, k = (2 + rn(6)) * scale; i < k; i++)
        json_array_append_new(commits, json_pack("{s:s, s:s, s:s, s:o}", "actor", "the two sides", "verb",
                                                 PICK(VERBS), "text", PICK(SENTENCES), "evidence",
                                                 evidence(&pos)));
    for (size_t i = 0, k = rn(3) * scale; i < k; i++)
        json_array_append_new(quotes, json_pack("{s:s, s:s, s:o}", "speaker", PEOPLE[rn(NELEM(PEOPLE))].names[0],
                                                "text", PICK(SENTENCES), "evidence", evidence(&pos)));
    for (size_t i = 0, k = rn(3) * scale; i < k; i++)
        json_array_append_new(figures, json_pack("{s:s, s:o}", "text", "10,000 troops", "evidence",
                                                 evidence(&pos)));
    for (size_t i = 0, k = rn(3); i < k; i++)
        json_array_append_new(exer, json_pack("{s:s, s:o}", "name", EXERCISES[(i + rn(2)) % NELEM(EXERCISES)],
                                              "evidence", ev_list(&pos, 1 + rn(2) * scale)));

    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "format",
                     "briefing-meeting/1", "source", source, "meeting", meeting, "related_meetings",
                     related, "participants", people, "acronyms", acr, "topics", topics,
                     "commitments", commits, "mechanisms", mechs, "exercises", exer, "quotes", quotes,
                     "figures", figures);
}

static void new_meeting(struct meeting *m, int *next_ord)
{
    m->s = rn(NELEM(SERIES));
    m->ordinal = next_ord[m->s]++;
    m->y = SERIES[m->s].first_year > 2011 ? SERIES[m->s].first_year : 2011;
    m->y += (int)rn((size_t)(2026 - m->y));
    m->m = 1 + (int)rn(12);
    m->d = 1 + (int)rn(25);   /* + 2 days still a valid date in February */
    m->city = rn(NELEM(CITIES));
}

static int dump(json_t *rec, const char *path)
{
    int rc = json_dump_file(rec, path, JSON_INDENT(1));
    if (rc != 0) fprintf(stderr, "genrecords: %s: cannot write\n", path);
    json_decref(rec);
    return rc;
}

int main(int argc, char **argv)
{
    uint64_t seed = 0x5EC0DEULL;
    size_t n = 0, big = 0;
    const char *dir = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) goto usage;
        if (!strcmp(argv[i], "-S")) seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "-n")) n = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--big")) big = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-O")) dir = argv[++i];
        else if (!strcmp(argv[i], "-o")) out = argv[++i];
        else goto usage;
    }
    rng_state = seed;
    int next_ord[NELEM(SERIES)];
    for (size_t i = 0; i < NELEM(SERIES); i++) next_ord[i] = 1 + (int)rn(20);

    if (big && out) {
        /* measure one scale, then size SCALE so the record is at least BIG bytes */
        struct meeting m;
        new_meeting(&m, next_ord);
        uint64_t keep = rng_state;
        size_t scale = 16;
        for (;;) {
            rng_state = keep;
            json_t *rec = record(&m, "big.txt", scale);
            char *s = json_dumps(rec, JSON_INDENT(1));
            size_t len = s ? strlen(s) : 0;
            free(s);
            if (len >= big) return dump(rec, out) ? 1 : 0;
            json_decref(rec);
            size_t want = (size_t)((double)scale * (double)big / (double)(len ? len : 1) * 1.02) + 1;
            scale = want > scale ? want : scale + 1;
        }
    }
    if (!n || !dir) goto usage;
    struct meeting *seen = calloc(n, sizeof *seen);
    if (!seen) return 1;
    for (size_t i = 0; i < n; i++) {
        if (i && chance(33)) seen[i] = seen[rn(i)];   /* a second source for the same meeting */
        else new_meeting(&seen[i], next_ord);
        char file[32], path[4096];
        snprintf(file, sizeof file, "m%05zu.txt", i);
        snprintf(path, sizeof path, "%s/m%05zu.json", dir, i);
        if (dump(record(&seen[i], file, 1), path) != 0) { free(seen); return 1; }
    }
    free(seen);
    return 0;
usage:
    fputs("usage: genrecords [-S SEED] -n N -O DIR | genrecords [-S SEED] --big BYTES -o FILE\n", stderr);
    return 2;
}
