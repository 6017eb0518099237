/* place.c -- see place.h. */
#include "place.h"

#include "norm.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RUN 4
#define MAX_CAND 32
#define KEYMAX 256

/* ---- evidence ------------------------------------------------------------ */

/* Each score has a strong part: evidence that does not hang on how an
 * ambiguous town name was resolved (country names, demonyms, region names,
 * the state or country written after a town).  The rest comes from towns
 * resolved on the way, and is only provisional: the coherence pass
 * re-resolves the towns on strong evidence alone, so that six mentions of a
 * wrongly resolved "Mansfield" cannot vote England into a Louisiana story. */
typedef struct {
    char iso2[3];
    int score, strong;
    size_t first;
} country_score;

typedef struct {
    char iso2[3];
    char name[64];   /* admin-1 name as the gazetteer spells it */
    int score, strong;
} admin_score;

struct lookups;

typedef struct {
    country_score cs[64];
    size_t ncs;
    admin_score as[32];
    size_t nas;
    struct lookups *look;  /* the report's gazetteer answers (below); not evidence */
} context;

/* strcmp(x, y) == 0 for ISO alpha-2 codes, which are two letters or "": the
 * evidence tables are searched for every candidate of every lookup. */
static int same_iso(const char *x, const char *y)
{
    return x[0] == y[0] && (!x[0] || (x[1] == y[1] && (!x[1] || x[2] == y[2])));
}

static void add_country_ev(context *cx, const char *iso2, int w, size_t pos, int strong)
{
    if (!iso2[0])
        return;
    for (size_t i = 0; i < cx->ncs; i++)
        if (same_iso(cx->cs[i].iso2, iso2)) {
            cx->cs[i].score += w;
            cx->cs[i].strong += strong ? w : 0;
            return;
        }
    if (cx->ncs < ARRAY_LEN(cx->cs)) {
        memcpy(cx->cs[cx->ncs].iso2, iso2, 3);
        cx->cs[cx->ncs].score = w;
        cx->cs[cx->ncs].strong = strong ? w : 0;
        cx->cs[cx->ncs].first = pos;
        cx->ncs++;
    }
}

static void add_country(context *cx, const char *iso2, int w, size_t pos) { add_country_ev(cx, iso2, w, pos, 1); }

static int country_ev_of(const context *cx, const char *iso2, int strong)
{
    for (size_t i = 0; i < cx->ncs; i++)
        if (same_iso(cx->cs[i].iso2, iso2))
            return strong ? cx->cs[i].strong : cx->cs[i].score;
    return 0;
}

static int country_ev(const context *cx, const char *iso2) { return country_ev_of(cx, iso2, 0); }

static void add_admin_ev(context *cx, const char *iso2, const char *name, int w, int strong)
{
    if (!iso2[0] || !name || !name[0])
        return;
    for (size_t i = 0; i < cx->nas; i++)
        if (same_iso(cx->as[i].iso2, iso2) && strcmp(cx->as[i].name, name) == 0) {
            cx->as[i].score += w;
            cx->as[i].strong += strong ? w : 0;
            return;
        }
    if (cx->nas < ARRAY_LEN(cx->as)) {
        admin_score *s = &cx->as[cx->nas++];
        memcpy(s->iso2, iso2, 3);
        str_copy(s->name, sizeof s->name, name);
        s->score = w;
        s->strong = strong ? w : 0;
    }
}

static void add_admin(context *cx, const char *iso2, const char *name, int w) { add_admin_ev(cx, iso2, name, w, 1); }

static int admin_ev_of(const context *cx, const char *iso2, const char *name, int strong)
{
    if (!name || !name[0])
        return 0;
    for (size_t i = 0; i < cx->nas; i++)
        if (same_iso(cx->as[i].iso2, iso2) && strcmp(cx->as[i].name, name) == 0)
            return strong ? cx->as[i].strong : cx->as[i].score;
    return 0;
}

static int admin_ev(const context *cx, const char *iso2, const char *name) { return admin_ev_of(cx, iso2, name, 0); }


/* ---- the report's gazetteer answers ----------------------------------------
 * A report names its few places again and again, and the scan asks the
 * gazetteer about every capitalised run at every occurrence: some fifty
 * lookups a report for six different names.  What the gazetteer says of a
 * key depends on the key alone, so each answer is kept for the report, with
 * whether each candidate's own name has the key (an alternate name costs in
 * the scoring; normalising every candidate's name again was half the cost
 * of choosing).  Pointers into an answer stay valid until the report is done. */
#define LOOK_CAND 48 /* as many candidates as any caller reads (COH_CAND) */
#define LOOK_KEYMAX 512 /* gaz_lookup's own limit */

typedef struct {
    uint64_t hash;
    char *key;             /* NULL: empty slot */
    size_t klen;
    size_t total;          /* gaz_lookup's count: may exceed n */
    size_t n;              /* candidates kept, at most LOOK_CAND */
    gaz_place *c;
    unsigned char *own;    /* c[k]'s preferred name has the key */
} looked;

typedef struct lookups {
    looked *slot;          /* open addressing by hash, a power of two */
    size_t nslots, used;
    int congo_republic;    /* the report names the Republic of Congo (republic_named) */
} lookups;

static void lookups_free(lookups *L)
{
    for (size_t k = 0; k < L->nslots; k++)
        if (L->slot[k].key)
            free(L->slot[k].c); /* the start of the entry's block */
    free(L->slot);
}

/* 1 if name's NORM_NAME key is key[0..klen).  The preferred names of most
 * candidates are ASCII, whose key is their letters and digits lower-cased:
 * compared on the fly, stopping at the first difference; any other byte
 * goes through norm_key. */
static int name_has_key(const char *name, const char *key, size_t klen)
{
    size_t j = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned char c = *p;
        if (c >= 0x80) {
            char nk[KEYMAX];
            size_t kl = norm_key(name, strlen(name), NORM_NAME, nk, sizeof nk);
            return kl == klen && memcmp(nk, key, klen) == 0;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            continue;
        if (j >= klen || (unsigned char)key[j] != c)
            return 0;
        j++;
    }
    return j == klen;
}

static size_t look_home(const lookups *L, uint64_t h) { return (size_t)h & (L->nslots - 1); }

/* 1 if an admin-1 region's name is key[0..klen) and its generic word:
 * GeoNames writes "Taraba State", "Kunar Province", reports write "in
 * Taraba", "in Kunar" -- the region's own name, not an alternate one. */
static int region_name_has_key(const char *name, const char *key, size_t klen)
{
    static const char *const generic[] = {"state", "province", "region", "governorate"};
    char nk[KEYMAX];
    size_t kl = norm_key(name, strlen(name), NORM_NAME, nk, sizeof nk);
    if (kl == (size_t)-1 || kl <= klen || memcmp(nk, key, klen) != 0)
        return 0;
    for (size_t g = 0; g < ARRAY_LEN(generic); g++)
        if (kl - klen == strlen(generic[g]) && !memcmp(nk + klen, generic[g], kl - klen))
            return 1;
    return 0;
}

/* The answer for key[0..klen) (a NORM_NAME key, klen > 0) with hash h. */
static const looked *look_key(const gaz *g, lookups *L, const char *key, size_t klen, uint64_t h)
{
    if ((L->used + 1) * 2 > L->nslots) {
        size_t ns = L->nslots ? L->nslots * 2 : 64;
        looked *slot = calloc(ns, sizeof *slot);
        if (!slot)
            abort();
        lookups bigger = {slot, ns, L->used, L->congo_republic};
        for (size_t k = 0; k < L->nslots; k++)
            if (L->slot[k].key) {
                size_t s = look_home(&bigger, L->slot[k].hash);
                while (slot[s].key)
                    s = (s + 1) & (ns - 1);
                slot[s] = L->slot[k];
            }
        free(L->slot);
        *L = bigger;
    }
    size_t s = look_home(L, h);
    for (; L->slot[s].key; s = (s + 1) & (L->nslots - 1))
        if (L->slot[s].hash == h && L->slot[s].klen == klen && memcmp(L->slot[s].key, key, klen) == 0)
            return &L->slot[s];
    gaz_place c[LOOK_CAND];
    size_t total = gaz_lookup_hashed(g, key, klen, h, c, LOOK_CAND);
    size_t n = total < LOOK_CAND ? total : LOOK_CAND;
    /* One block: the candidates, their flags, the key. */
    char *block = malloc(n * sizeof *c + n + klen + 1);
    if (!block)
        abort();
    looked *e = &L->slot[s];
    e->c = (gaz_place *)(void *)block;
    e->own = (unsigned char *)block + n * sizeof *c;
    e->key = (char *)e->own + n;
    memcpy(e->key, key, klen);
    e->key[klen] = '\0';
    if (n)
        memcpy(e->c, c, n * sizeof *c);
    for (size_t k = 0; k < n; k++)
        e->own[k] = (unsigned char)(name_has_key(c[k].name, key, klen) ||
                                    (c[k].kind == GAZ_ADMIN1 && region_name_has_key(c[k].name, key, klen)));
    /* A bare "Congo" is the Democratic Republic in wire style ("eastern
     * Congo", "Congo's army"); the other one is written "Republic of
     * Congo", "Congo Republic" or "Congo-Brazzaville", whole names of their
     * own.  The gazetteer, from the country table, gives the bare name to
     * the Republic.  A report that names the Republic in full means it by
     * the short name too (republic_named). */
    if (klen == 5 && !memcmp(key, "congo", 5) && !L->congo_republic)
        for (size_t k = 0; k < n; k++)
            if (c[k].kind == GAZ_COUNTRY && !strcmp(c[k].iso2, "CG")) {
                gaz_place dr[4];
                size_t nd = gaz_lookup(g, "DR Congo", 8, dr, 4);
                for (size_t j = 0; j < nd && j < 4; j++)
                    if (dr[j].kind == GAZ_COUNTRY && !strcmp(dr[j].iso2, "CD")) {
                        e->c[k] = dr[j];
                        e->own[k] = 1;
                        break;
                    }
                break;
            }
    e->hash = h;
    e->klen = klen;
    e->total = total;
    e->n = n;
    L->used++;
    return e;
}

/* The answer for the name s[0..len): what gaz_lookup would say, kept.  NULL
 * when the name has no key (empty, or too long for any entry). */
static const looked *look_text(const analysis *a, const context *cx, const char *s, size_t len)
{
    char key[LOOK_KEYMAX];
    size_t kl = norm_key(s, len, NORM_NAME, key, sizeof key);
    if (kl == (size_t)-1 || kl == 0)
        return NULL;
    return look_key(a->t->gaz, cx->look, key, kl, hash64(key, kl));
}

static int ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The answer for tokens [i, i+n).  A plain token's key and hash are already
 * its NORM_NAME key and hash (text.h), so it is neither normalised nor
 * hashed again.  Several words ("Lower Juba", "St. Louis") have for key
 * their plain keys end to end when all else in the span is ASCII that is no
 * letter or digit (spaces, the stop of "St."), which NORM_NAME drops; any
 * other byte sends the span through norm_key. */
static const looked *look_toks(const analysis *a, const context *cx, size_t i, size_t n)
{
    const token *t = &a->td.tok[i];
    const char *text = a->doc->text;
    if (n == 1 && (t->flags & TOK_PLAIN) && t->keylen > 0 && t->keylen < LOOK_KEYMAX)
        return look_key(a->t->gaz, cx->look, tok_key(&a->td, i), t->keylen, t->hash);
    char key[LOOK_KEYMAX];
    size_t kl = 0;
    uint64_t h = HASH64_INIT;
    int plain = n > 1;
    for (size_t k = i; k < i + n && plain; k++) {
        const token *u = &a->td.tok[k];
        for (size_t b = k > i ? a->td.tok[k - 1].end : u->start; b < u->start && plain; b++)
            plain = (unsigned char)text[b] < 0x80 && !ascii_alnum((unsigned char)text[b]);
        if (u->flags & TOK_PLAIN) {
            if (kl + u->keylen >= LOOK_KEYMAX) {
                plain = 0;
                break;
            }
            const char *uk = tok_key(&a->td, k);
            for (size_t q = 0; q < u->keylen; q++) {
                key[kl++] = uk[q];
                h = hash64_byte(h, (unsigned char)uk[q]);
            }
        } else
            for (size_t b = u->start; b < u->end && plain; b++)
                plain = (unsigned char)text[b] < 0x80 && !ascii_alnum((unsigned char)text[b]);
    }
    if (plain && kl > 0)
        return look_key(a->t->gaz, cx->look, key, kl, h);
    return look_text(a, cx, text + t->start, a->td.tok[i + n - 1].end - t->start);
}

static size_t look_total(const looked *L) { return L ? L->total : 0; }

/* ---- US states as wire copy writes them ------------------------------------
 * AP style abbreviates a state after a town ("Graham, N.C.", "Springfield,
 * Ill."), spells out the eight short names, and local papers use the postal
 * code.  The full name is GeoNames' admin-1 name for the state. */
static const struct us_state {
    const char *name, *postal, *ap, *ap2;
} us_states[] = {
    {"Alabama", "AL", "Ala.", NULL},          {"Alaska", "AK", NULL, NULL},
    {"Arizona", "AZ", "Ariz.", NULL},         {"Arkansas", "AR", "Ark.", NULL},
    {"California", "CA", "Calif.", "Cal."},   {"Colorado", "CO", "Colo.", NULL},
    {"Connecticut", "CT", "Conn.", NULL},     {"Delaware", "DE", "Del.", NULL},
    {"District of Columbia", "DC", "D.C.", NULL}, {"Florida", "FL", "Fla.", NULL},
    {"Georgia", "GA", "Ga.", NULL},           {"Hawaii", "HI", NULL, NULL},
    {"Idaho", "ID", NULL, NULL},              {"Illinois", "IL", "Ill.", NULL},
    {"Indiana", "IN", "Ind.", NULL},           {"Iowa", "IA", NULL, NULL},
    {"Kansas", "KS", "Kan.", "Kans."},        {"Kentucky", "KY", "Ky.", NULL},
    {"Louisiana", "LA", "La.", NULL},         {"Maine", "ME", NULL, NULL},
    {"Maryland", "MD", "Md.", NULL},          {"Massachusetts", "MA", "Mass.", NULL},
    {"Michigan", "MI", "Mich.", NULL},        {"Minnesota", "MN", "Minn.", NULL},
    {"Mississippi", "MS", "Miss.", NULL},     {"Missouri", "MO", "Mo.", NULL},
    {"Montana", "MT", "Mont.", NULL},         {"Nebraska", "NE", "Neb.", "Nebr."},
    {"Nevada", "NV", "Nev.", NULL},           {"New Hampshire", "NH", "N.H.", NULL},
    {"New Jersey", "NJ", "N.J.", NULL},       {"New Mexico", "NM", "N.M.", NULL},
    {"New York", "NY", "N.Y.", NULL},         {"North Carolina", "NC", "N.C.", NULL},
    {"North Dakota", "ND", "N.D.", NULL},     {"Ohio", "OH", NULL, NULL},
    {"Oklahoma", "OK", "Okla.", NULL},        {"Oregon", "OR", "Ore.", "Oreg."},
    {"Pennsylvania", "PA", "Pa.", "Penn."},   {"Rhode Island", "RI", "R.I.", NULL},
    {"South Carolina", "SC", "S.C.", NULL},   {"South Dakota", "SD", "S.D.", NULL},
    {"Tennessee", "TN", "Tenn.", NULL},       {"Texas", "TX", "Tex.", NULL},
    {"Utah", "UT", NULL, NULL},               {"Vermont", "VT", "Vt.", NULL},
    {"Virginia", "VA", "Va.", NULL},          {"Washington", "WA", "Wash.", NULL},
    {"West Virginia", "WV", "W.Va.", "W. Va."}, {"Wisconsin", "WI", "Wis.", "Wisc."},
    {"Wyoming", "WY", "Wyo.", NULL},
};

static int is_alnum_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* s[0..n) at text+pos, followed by a non-letter. */
static int word_at(const char *text, size_t len, size_t pos, const char *s)
{
    /* state_at tries some 200 forms at each ", ": the first byte rejects
     * nearly all of them before strlen and memcmp. */
    if (s[0] && (pos >= len || text[pos] != s[0]))
        return 0;
    size_t n = strlen(s);
    if (pos + n > len || memcmp(text + pos, s, n) != 0)
        return 0;
    /* "Ill." ends on its stop; "Illinois" must not run on into a longer word. */
    return pos + n == len || s[n - 1] == '.' || !is_alnum_byte((unsigned char)text[pos + n]);
}

/* The US state written at text+pos (after ", "): its index, with *end the
 * byte after it and *postal set when it was a bare two-letter code; -1 if
 * none.  The longest form wins ("West Virginia" over "Virginia"). */
static int state_at(const char *text, size_t len, size_t pos, size_t *end, int *postal)
{
    int best = -1;
    size_t bestlen = 0;
    for (size_t i = 0; i < ARRAY_LEN(us_states); i++) {
        /* Every form of a state starts with its name's letter ("Kan.",
         * "KS"): the other fifty states are passed over on one byte. */
        if (pos >= len || text[pos] != us_states[i].name[0])
            continue;
        const char *forms[4] = {us_states[i].name, us_states[i].ap, us_states[i].ap2, us_states[i].postal};
        for (int f = 0; f < 4; f++) {
            if (!forms[f] || !word_at(text, len, pos, forms[f]))
                continue;
            size_t n = strlen(forms[f]);
            /* "IN" or "OR" followed by ".X" is an initialism, not Indiana. */
            if (f == 3 && pos + n + 1 < len && text[pos + n] == '.' && is_alnum_byte((unsigned char)text[pos + n + 1]))
                continue;
            if (n > bestlen) {
                best = (int)i;
                bestlen = n;
                *postal = f == 3;
            }
        }
    }
    if (best >= 0)
        *end = pos + bestlen;
    return best;
}

/* ---- token helpers ------------------------------------------------------- */

static int is_cap(const analysis *a, size_t i) { return (a->td.tok[i].flags & (TOK_CAP | TOK_NUM)) == TOK_CAP; }

static int excluded(const analysis *a, size_t i) { return lex_find_tok(a->t->notplaces, &a->td, i) != NULL; }

static int is_joiner(const analysis *a, size_t i)
{
    static const char *const j[] = {"of", "the", "and", "de", "del", "es", "al", "el", "la", "du", "des"};
    return tok_is_any(&a->td, i, j, ARRAY_LEN(j));
}

static int is_punct(const analysis *a, size_t i, char c)
{
    return i < a->td.ntok && (a->td.tok[i].flags & TOK_PUNCT) && a->doc->text[a->td.tok[i].start] == c;
}

/* A dash token: "-", "--", en or em dash. */
static int is_dash(const analysis *a, size_t i)
{
    if (i >= a->td.ntok || !(a->td.tok[i].flags & TOK_PUNCT))
        return 0;
    const char *s = a->doc->text + a->td.tok[i].start;
    size_t n = a->td.tok[i].end - a->td.tok[i].start;
    /* Compare within the token: a one-byte token at the very end of a text
     * that is not NUL-terminated (tally.h allows it) has no s[1], s[2]. */
    return (n >= 1 && s[0] == '-') ||
           (n >= 3 && (memcmp(s, "\xe2\x80\x94", 3) == 0 || memcmp(s, "\xe2\x80\x93", 3) == 0));
}

/* "St." / "Mt." / "Ft." / "Ste." in "St. Louis", "Mt. Pleasant": the stop
 * after the abbreviation is part of the name (token k is the stop). */
static int abbr_dot(const analysis *a, size_t k)
{
    static const char *const w[] = {"st", "ste", "mt", "ft", "pt"};
    return k > 0 && k + 1 < a->td.ntok && is_punct(a, k, '.') && a->td.tok[k].start == a->td.tok[k - 1].end &&
           tok_is_any(&a->td, k - 1, w, ARRAY_LEN(w)) && is_cap(a, k + 1);
}

/* The street or building word (data/facilities.tsv) at token i: 1 a street
 * word, 2 a word for a building named after a person or a brand, 0 none. */
static int facility_at(const analysis *a, size_t i)
{
    if (i >= a->td.ntok || !is_cap(a, i))
        return 0;
    const lex_entry *e = lex_find_tok(a->t->facilities, &a->td, i);
    if (!e || strcmp(e->attr[0], "town") == 0)
        return 0;
    return strcmp(e->attr[0], "street") == 0 ? 1 : 2;
}

/* A word after a name that shows the name is a town's (data/facilities.tsv,
 * kind "town"): "Beebe police", "the Charlottesville Police Department",
 * "Howland firefighters".  Local institutions are named after their town. */
static int town_word_at(const analysis *a, size_t i)
{
    if (i >= a->td.ntok)
        return 0;
    const lex_entry *e = lex_find_tok(a->t->facilities, &a->td, i);
    return e && strcmp(e->attr[0], "town") == 0;
}

/* Every letter of the token is upper case ("GRAHAM", "N.C"). */
static int all_upper(const analysis *a, size_t i)
{
    const char *s = a->doc->text + a->td.tok[i].start;
    size_t n = a->td.tok[i].end - a->td.tok[i].start;
    int letters = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += (c >= 'A' && c <= 'Z') || c >= 0x80;
    }
    return letters >= 2;
}

/* First token at or after byte pos, starting the search at token from. */
static size_t tok_from_byte(const analysis *a, size_t from, size_t pos)
{
    while (from < a->td.ntok && a->td.tok[from].start < pos)
        from++;
    return from;
}

/* A word capitalised only because it starts the sentence, and never the
 * first word of a place's name: "In Kidal, ...", "The Gao governor",
 * "At Menaka, ...".  It must not swallow the name after it. */
static int initial_function_word(const analysis *a, size_t i, size_t sfirst)
{
    static const char *const w[] = {"the",    "a",      "an",     "in",     "at",     "on",     "near",
                                    "from",   "to",     "of",     "for",    "by",     "with",   "after",
                                    "before", "during", "outside", "inside", "into",  "across", "around",
                                    "since",  "but",    "and",    "as",     "when",   "while",  "if",
                                    "this",   "that",   "these",  "those",  "his",    "her",    "their",
                                    "its",    "our",    "some",   "many",   "two",    "three",  "four",
                                    "five",   "several", "both",  "all",    "most",   "every",  "another"};
    if (i >= a->td.ntok)
        return 0;
    int initial = i == sfirst || (i > sfirst && (a->td.tok[i - 1].flags & TOK_QUOTE) && i - 1 == sfirst);
    return initial && tok_is_any(&a->td, i, w, ARRAY_LEN(w));
}

/* Locative ending right before token i: returns its precision, 0 if none. */
static int direction_word(const analysis *a, size_t i, int *ns, int *ew);

/* Token i ends in "ern" ("northern", "south-eastern"), or is "central". */
static int ern_word(const analysis *a, size_t i)
{
    const char *s = a->doc->text + a->td.tok[i].start;
    size_t n = a->td.tok[i].end - a->td.tok[i].start;
    return (n > 3 && !memcmp(s + n - 3, "ern", 3)) || tok_is(&a->td, i, "central");
}

static size_t demonym_at(const analysis *a, size_t i, gaz_country *c);

static int locative_before(const analysis *a, size_t i, size_t sfirst)
{
    for (size_t back = 1; back <= 4 && back <= i - sfirst; back++) {
        size_t n;
        const lex_entry *e = lex_match(a->t->locatives, &a->td, i - back, i, &n);
        if (e && n == back)
            return e->attr[0][0] - '0';
    }
    /* "the Algerian border", "the town": skip a determiner and look again. */
    if (i > sfirst && (tok_is(&a->td, i - 1, "the")))
        return locative_before(a, i - 1, sfirst);
    /* "in northeastern Nigerian Damboa", "in southern Kidal": the locative
     * is the name's across a direction adjective and a demonym.  (Not across
     * a bare "north": "in north DeKalb" is a part of the county.) */
    int ns, ew;
    gaz_country c;
    if (i > sfirst && !is_cap(a, i - 1) && direction_word(a, i - 1, &ns, &ew) && ern_word(a, i - 1))
        return locative_before(a, i - 1, sfirst);
    if (i > sfirst + 1 && !is_cap(a, i - 2) && direction_word(a, i - 2, &ns, &ew) && demonym_at(a, i - 1, &c) == 1)
        return locative_before(a, i - 2, sfirst);
    return 0;
}

/* A generic word after a name that makes it a region: "the Kidal region",
 * "Borno state", "Helmand Province". */
static int region_word(const analysis *a, size_t i)
{
    static const char *const w[] = {"region",   "regions",    "province",   "state",      "governorate",
                                    "district", "department", "prefecture", "oblast",     "county",
                                    "division", "municipality", "territory", "emirate", "parish",
                                    "township", "borough"};
    return i < a->td.ntok && tok_is_any(&a->td, i, w, ARRAY_LEN(w));
}

/* "Kidal's outskirts", "Gao's north": a part of or near the town. */
static int part_after(const analysis *a, size_t i)
{
    static const char *const w[] = {"outskirts", "suburbs", "north", "south", "east", "west", "northeast",
                                    "northwest", "southeast", "southwest", "periphery", "environs"};
    return i + 1 < a->td.ntok && (a->td.tok[i].flags & TOK_POSS) && tok_is_any(&a->td, i + 1, w, ARRAY_LEN(w));
}

static void push(analysis *a, const place_m *p)
{
    a->places = grow_array(a->places, &a->capplaces, a->nplaces, sizeof *a->places);
    a->places[a->nplaces++] = *p;
}

/* ---- choosing among candidates ------------------------------------------- */

enum { WANT_ANY = 0, WANT_REGION = 1 };

typedef struct {
    const char *iso2;    /* only candidates in this country ("" = any) */
    const char *admin1;  /* only candidates in this admin-1 region */
} restrict_to;

static int allowed(const gaz_place *c, const restrict_to *r)
{
    if (!r)
        return 1;
    if (r->iso2 && r->iso2[0] && strcmp(c->iso2, r->iso2) != 0)
        return 0;
    if (r->admin1 && r->admin1[0] && (c->kind == GAZ_COUNTRY || strcmp(c->admin1, r->admin1) != 0))
        return 0;
    return 1;
}

/* Scores one candidate; the highest wins.  The weights are orders of
 * magnitude apart, so each consideration only breaks the ties of the one
 * before: the kind the words ask for, then the region and country the report
 * speaks of, then whether the name is the place's own, then population. */
static long long cand_score(const gaz_place *c, int own_name, const context *cx, const gaz_place *all, size_t n,
                            int want)
{
    long long s = (long long)c->population;
    if (!own_name)
        s /= 1000; /* an old or foreign name of some other place */
    if (c->kind == GAZ_ADMIN1 || c->kind == GAZ_ADMIN2)
        s = want == WANT_REGION ? s + 100000000000LL : s / 100; /* "in Kidal" is the town */
    if (c->kind == GAZ_COUNTRY) {
        /* A country name is the country, except when it is also a region of
         * a country the report is about and the country itself has no other
         * evidence: "Georgia" in a story from Atlanta. */
        int shadowed = 0;
        for (size_t k = 0; k < n; k++)
            if (all[k].kind == GAZ_ADMIN1 && country_ev(cx, all[k].iso2) > 0 && country_ev(cx, c->iso2) == 0)
                shadowed = 1;
        if (!shadowed)
            s += 1000000000000LL;
    }
    s += 100000000LL * country_ev(cx, c->iso2);
    s += 1000000000LL * admin_ev(cx, c->iso2, c->admin1);
    return s;
}

static int pick(const gaz_place *c, const unsigned char *own, size_t n, const context *cx, int want,
                const restrict_to *r)
{
    int best = -1;
    long long bestscore = -1;
    for (size_t k = 0; k < n; k++) {
        if (!allowed(&c[k], r))
            continue;
        long long s = cand_score(&c[k], own[k], cx, c, n, want);
        if (s > bestscore) {
            bestscore = s;
            best = (int)k;
        }
    }
    return best;
}

/* Looks up tokens [i, i+ntok) and picks; -1 if nothing fits.  *cand
 * points into the report's answers. */
static int resolve(const analysis *a, const context *cx, size_t i, size_t ntok, int want, const restrict_to *r,
                   const gaz_place **cand, size_t *ncand)
{
    const looked *L = look_toks(a, cx, i, ntok);
    /* The key must fit KEYMAX, as the candidates' names were compared. */
    if (!L || L->klen >= KEYMAX)
        return -1;
    size_t n = L->total < MAX_CAND ? L->total : MAX_CAND;
    *cand = L->c;
    *ncand = n;
    return n ? pick(L->c, L->own, n, cx, want, r) : -1;
}

static place_m mention(const analysis *a, size_t i, size_t len, int s)
{
    place_m p = {0};
    p.sp = (span){a->td.tok[i].start, a->td.tok[i + len - 1].end};
    p.tok = (uint32_t)i;
    p.ntok = (uint32_t)len;
    p.sentence = s;
    span_copy(a->doc->text, p.sp, p.name, sizeof p.name);
    return p;
}

static int sentence_of(const analysis *a, size_t tok)
{
    for (size_t s = 0; s < a->td.nsent; s++)
        if (tok >= a->td.sent[s].first && tok < a->td.sent[s].first + a->td.sent[s].count)
            return (int)s;
    return 0;
}

/* The qualifier after a town: ", N.C." / ", Illinois" / ", Nigeria".  On
 * success fills the restriction (pointing into *q) and the qualifier's own
 * mention, and returns the token after it; 0 if none. */
static size_t qualifier_after(const analysis *a, context *cx, size_t j, restrict_to *r, place_m *q, int *is_postal)
{
    const text_doc *td = &a->td;
    if (!is_punct(a, j, ',') || j + 1 >= td->ntok)
        return 0;
    size_t pos = td->tok[j + 1].start, end;
    int postal = 0;
    int st = state_at(a->doc->text, a->doc->len, pos, &end, &postal);
    if (st >= 0) {
        size_t k = tok_from_byte(a, j + 1, end);
        *q = mention(a, j + 1, k - (j + 1), sentence_of(a, j + 1));
        const looked *L = look_text(a, cx, us_states[st].name, strlen(us_states[st].name));
        for (size_t m = 0; m < look_total(L) && m < MAX_CAND; m++)
            if (L->c[m].kind == GAZ_ADMIN1 && strcmp(L->c[m].iso2, "US") == 0) {
                q->g = L->c[m];
                q->resolved = 1;
                break;
            }
        q->precision = 3;
        q->role = PLACE_QUALIFIER;
        r->iso2 = "US";
        r->admin1 = us_states[st].name;
        *is_postal = postal;
        return k;
    }
    /* ", Nigeria": a country name of one to three words. */
    size_t k = j + 1;
    while (k < td->ntok && k < j + 4 && is_cap(a, k))
        k++;
    for (size_t e = k; e > j + 1; e--) {
        const looked *L = look_toks(a, cx, j + 1, e - (j + 1));
        if (look_total(L) && L->c[0].kind == GAZ_COUNTRY) {
            *q = mention(a, j + 1, e - (j + 1), sentence_of(a, j + 1));
            q->g = L->c[0];
            q->resolved = 1;
            q->precision = 3;
            q->role = PLACE_QUALIFIER;
            r->iso2 = q->g.iso2; /* q outlives this call: the caller keeps it */
            r->admin1 = NULL;
            *is_postal = 0;
            return e;
        }
    }
    return 0;
}

/* Marks tokens [i, i+n) as taken by a mention. */
static void take(unsigned char *used, size_t i, size_t n)
{
    for (size_t k = 0; k < n; k++)
        used[i + k] = 1;
}

/* Resolves the town of a qualified mention ("Graham" in "Graham, N.C.") and
 * pushes both; the qualifier is evidence for the rest of the report. */
static void push_qualified(analysis *a, context *cx, place_m *town, size_t len, place_m *q, const restrict_to *r,
                           int postal, int loc)
{
    const gaz_place *cand;
    size_t n;
    int k = resolve(a, cx, town->tok, town->ntok, WANT_ANY, r, &cand, &n);
    if (k >= 0 && cand[k].kind != GAZ_COUNTRY) {
        town->g = cand[k];
        town->resolved = 1;
        town->precision = cand[k].kind == GAZ_PLACE ? (loc > 1 ? loc : 1) : 3;
    } else if (q->resolved && !postal) {
        /* A town we do not know in a state we do: the state, honestly. */
        town->g = q->g;
        town->resolved = 1;
        town->precision = 3;
    } else
        town->precision = 3;
    (void)len;
    push(a, town);
    if (q->resolved) {
        add_country(cx, q->g.iso2, 2, q->tok);
        if (q->g.kind == GAZ_ADMIN1)
            add_admin(cx, q->g.iso2, q->g.admin1, 2);
    }
    push(a, q);
}

/* ---- datelines ------------------------------------------------------------ */

/* A dateline at token i (the first of a paragraph): "GRAHAM, N.C. (AP) --",
 * "LAGOS, Nigeria (Reuters) -", "BAMAKO --", "Gao, Mali -".  The town is in
 * capitals or is followed by a state or country; the line goes on with an
 * agency in brackets or a dash. */
static int dateline_at(analysis *a, context *cx, size_t i, unsigned char *used, int strict)
{
    const text_doc *td = &a->td;
    size_t j = i;
    while (j < td->ntok && j < i + MAX_RUN &&
           (is_cap(a, j) || (j > i && is_joiner(a, j) && all_upper(a, j)) || (j > i && abbr_dot(a, j))))
        j++;
    if (j == i)
        return 0;
    int caps = 1;
    for (size_t k = i; k < j; k++)
        caps &= all_upper(a, k) || is_joiner(a, k) || abbr_dot(a, k);
    restrict_to r = {NULL, NULL};
    place_m q = {0};
    int postal = 0;
    size_t after = qualifier_after(a, cx, j, &r, &q, &postal);
    if (!caps && !after)
        return 0;
    size_t k = after ? after : j;
    if (is_punct(a, k, '(')) { /* (AP), (Reuters), (AFP), (Feb. 4, 2014) */
        size_t m = k + 1;
        while (m < td->ntok && m < k + 9 && !is_punct(a, m, ')'))
            m++;
        if (!is_punct(a, m, ')'))
            return 0;
        k = m + 1;
    } else if (!is_dash(a, k) && !is_punct(a, k, ':'))
        return 0;
    if (strict && !after) {
        /* Away from a paragraph's start, capitals before a dash are a
         * dateline only when they name a town we know. */
        const gaz_place *cand;
        size_t n;
        int c = resolve(a, cx, i, j - i, WANT_ANY, NULL, &cand, &n);
        if (c < 0 || cand[c].kind != GAZ_PLACE || excluded(a, i))
            return 0;
    }
    place_m town = mention(a, i, j - i, sentence_of(a, i));
    town.role = PLACE_DATELINE;
    if (after) {
        push_qualified(a, cx, &town, j - i, &q, &r, postal, 0);
    } else {
        const gaz_place *cand;
        size_t n;
        int c = resolve(a, cx, town.tok, town.ntok, WANT_ANY, NULL, &cand, &n);
        if (c >= 0) {
            town.g = cand[c];
            town.resolved = 1;
            town.precision = cand[c].kind == GAZ_PLACE ? 1 : 3;
            /* Provisional when the name is a town: the coherence pass
             * settles which town it is, then counts its country. */
            add_country_ev(cx, cand[c].iso2, 1, i, cand[c].kind != GAZ_PLACE);
        } else
            town.precision = 3;
        push(a, &town);
    }
    take(used, i, k - i);
    return 1;
}

/* 1 if every admin-2 candidate lies in one admin-1 region. */
static int one_admin1(const gaz_place *c, size_t n)
{
    const gaz_place *first = NULL;
    for (size_t k = 0; k < n; k++) {
        if (c[k].kind != GAZ_ADMIN2)
            continue;
        if (!first)
            first = &c[k];
        else if (strcmp(first->iso2, c[k].iso2) != 0 || strcmp(first->admin1, c[k].admin1) != 0)
            return 0;
    }
    return first != NULL;
}

/* ---- lists of counties -----------------------------------------------------
 * "Butler, Clark, Hamilton and Warren counties", "in Caddo and Bossier
 * parishes": each name before the plural is a county, and the list as a
 * whole says which state, the one that has a county of each name.  Returns
 * the singular ("County", "Parish") when token j, right after a name, goes
 * on as such a list; NULL otherwise.  *list_end receives the plural's
 * token. */
static const char *county_list(const analysis *a, size_t j, size_t end, size_t *list_end)
{
    const text_doc *td = &a->td;
    for (size_t steps = 0; j < end && steps < 40; steps++) {
        if (tok_is(td, j, "counties")) {
            *list_end = j;
            return "County";
        }
        if (tok_is(td, j, "parishes")) {
            *list_end = j;
            return "Parish";
        }
        if (is_punct(a, j, ',') || tok_is(td, j, "and") || tok_is(td, j, "or"))
            j++;
        else if (is_cap(a, j))
            j++;
        else
            return NULL;
    }
    return NULL;
}

/* The counties of the list [from, list_end) looked up as "Name County":
 * how many of its names each admin-1 region has (*votes, parallel to the
 * regions in *regions). */
typedef struct {
    char iso2[3];
    char admin1[64];
    int votes;
} list_vote;

static size_t county_list_votes(const analysis *a, size_t from, size_t list_end, const char *suffix, list_vote *v,
                                size_t maxv)
{
    const text_doc *td = &a->td;
    size_t nv = 0;
    for (size_t j = from; j < list_end;) {
        if (!is_cap(a, j)) {
            j++;
            continue;
        }
        size_t k = j;
        while (k < list_end && is_cap(a, k))
            k++;
        char nm[200];
        int w = snprintf(nm, sizeof nm, "%.*s %s", (int)(td->tok[k - 1].end - td->tok[j].start),
                         a->doc->text + td->tok[j].start, suffix);
        gaz_place c[MAX_CAND];
        size_t n = w > 0 && (size_t)w < sizeof nm ? gaz_lookup(a->t->gaz, nm, (size_t)w, c, MAX_CAND) : 0;
        for (size_t m = 0; m < n && m < MAX_CAND; m++) {
            if (c[m].kind != GAZ_ADMIN2)
                continue;
            size_t q = 0;
            while (q < nv && !(strcmp(v[q].iso2, c[m].iso2) == 0 && strcmp(v[q].admin1, c[m].admin1) == 0))
                q++;
            if (q == nv && nv < maxv) {
                memcpy(v[nv].iso2, c[m].iso2, 3);
                snprintf(v[nv].admin1, sizeof v[nv].admin1, "%s", c[m].admin1);
                v[nv++].votes = 0;
            }
            if (q < nv)
                v[q].votes++;
        }
        j = k;
    }
    return nv;
}

/* One sense per report: a name the report uses as a place elsewhere is
 * that place at its other mentions too, even where nothing else would make
 * it one (a headline's first word, "Decatur, Avondale Estates limit
 * annexation", a bare "Mansfield" after "in Mansfield").  Not when a
 * capitalised word before or after makes it part of a longer name or a
 * person's ("Michael Jordan", "Jordan Peterson"). */
static void repeat_mentions(analysis *a, unsigned char *used, const uint32_t *caps, size_t ncap)
{
    const text_doc *td = &a->td;
    const char *text = a->doc->text;
    /* The mentions a word may repeat, and the first bytes they start with
     * (folded as strncasecmp folds them): a capitalised word with another
     * first byte repeats none, and most words are skipped on that alone. */
    size_t nknown = 0;
    size_t *known = malloc((a->nplaces + 1) * sizeof *known);
    if (!known)
        abort();
    unsigned char first[256] = {0};
    for (size_t m = 0; m < a->nplaces; m++) {
        const place_m *p = &a->places[m];
        if (p->resolved && (p->g.kind == GAZ_PLACE || p->g.kind == GAZ_ADMIN2) && p->role != PLACE_QUALIFIER) {
            known[nknown++] = m;
            first[tolower((unsigned char)text[td->tok[p->tok].start])] = 1;
        }
    }
    /* Only capitalised words can repeat a mention: the scan walks the
     * report's list of them (caps, in text order), each in its sentence. */
    size_t s = 0, from = 0; /* the sentence of the word; words before from are taken */
    for (size_t ci = 0; ci < ncap && nknown; ci++) {
        size_t i = caps[ci];
        if (i < from)
            continue;
        while (s < td->nsent && i >= (size_t)td->sent[s].first + td->sent[s].count)
            s++;
        if (s == td->nsent)
            break;
        const sentence *se = &td->sent[s];
        size_t end = se->first + se->count;
        if (i < se->first)
            continue; /* in no sentence */
        if (used[i] || !first[tolower((unsigned char)text[td->tok[i].start])] || excluded(a, i) ||
            initial_function_word(a, i, se->first))
            continue;
        if (i > se->first && is_cap(a, i - 1) && !initial_function_word(a, i - 1, se->first))
            continue;
        for (size_t len = 3; len >= 1; len--) {
            size_t e = i + len;
            if (e > end || !is_cap(a, e - 1))
                continue;
            int clean = 1;
            for (size_t k = i; k < e; k++)
                clean &= !used[k] && is_cap(a, k);
            if (!clean || (e < end && is_cap(a, e) && !region_word(a, e) && !excluded(a, e)))
                continue;
            const place_m *same = NULL;
            for (size_t m = 0; m < nknown && !same; m++) {
                const place_m *p = &a->places[known[m]];
                if (p->ntok == len &&
                    td->tok[p->tok + len - 1].end - td->tok[p->tok].start == td->tok[e - 1].end - td->tok[i].start &&
                    !strncasecmp(a->doc->text + td->tok[p->tok].start, a->doc->text + td->tok[i].start,
                                 td->tok[e - 1].end - td->tok[i].start))
                    same = p;
            }
            if (!same)
                continue;
            place_m q = mention(a, i, len, (int)s);
            q.g = same->g;
            q.resolved = 1;
            q.precision = same->g.kind == GAZ_PLACE ? 1 : 3;
            push(a, &q);
            take(used, i, len);
            from = e;
            break;
        }
    }
    free(known);
}

/* ---- coherence: one reading of the report's towns ------------------------
 * Local news names its towns bare ("Alexandria", "Mansfield", "Athens") and
 * names the state once or never; what tells Alexandria, Louisiana from the
 * Egyptian port is the rest of the report: the state or country named
 * anywhere in it, the dateline's state, and the other towns, which lie near
 * one of its candidates and far from the others.  So once every mention is
 * found, each bare town name is resolved again, all its candidates scored
 * on: the strong evidence of the report (a region or country it names, the
 * qualifier of some other town), then how many of the report's other place
 * names have a candidate within COH_KM of it, then population (on a log
 * scale, so that a few neighbours outweigh a big namesake abroad) and feature
 * class (a capital, a region's seat).  A name is resolved the same way at
 * each of its mentions.  The dateline's town is resolved first with the
 * others; its state and country then count as strong evidence for the rest,
 * because a paper's office is usually in the state its stories are about. */
#define COH_KM 150.0
#define COH_NAMES 48
#define COH_CAND 48

typedef struct {
    char key[KEYMAX];
    gaz_place c[COH_CAND];
    unsigned char own[COH_CAND]; /* the candidate's own name is the key */
    size_t n;
    int fixed;                   /* resolved by its qualifier: c[0] only */
    int dateline;
    int dropped;                 /* a far namesake: left unresolved */
} coh_name;

static double approx_km(double lat1, double lon1, double lat2, double lon2)
{
    double dlon = fabs(lon1 - lon2);
    if (dlon > 180)
        dlon = 360 - dlon;
    double x = dlon * cos((lat1 + lat2) / 2 * 3.14159265358979 / 180), y = lat1 - lat2;
    return 111.2 * sqrt(x * x + y * y);
}

/* A town mention the coherence pass may re-resolve: a body or dateline
 * mention resolved to a populated place, with no qualifier right after it. */
static int bare_town(const analysis *a, size_t m)
{
    const place_m *p = &a->places[m];
    if (!p->resolved || (p->g.kind != GAZ_PLACE && p->g.kind != GAZ_ADMIN2) ||
        (p->role != PLACE_BODY && p->role != PLACE_DATELINE))
        return 0;
    return !(m + 1 < a->nplaces && a->places[m + 1].role == PLACE_QUALIFIER &&
             a->places[m + 1].sp.start >= p->sp.end && a->places[m + 1].sp.start <= p->sp.end + 3);
}

static int coh_near(const coh_name *names, size_t nn, size_t self, const gaz_place *c)
{
    int near = 0;
    for (size_t j = 0; j < nn; j++) {
        if (j == self)
            continue;
        for (size_t k = 0; k < names[j].n; k++)
            if ((names[j].own[k] || names[j].fixed) && fabs(c->lat - names[j].c[k].lat) <= COH_KM / 111.0 &&
                approx_km(c->lat, c->lon, names[j].c[k].lat, names[j].c[k].lon) <= COH_KM) {
                near++;
                break;
            }
    }
    return near;
}

/* The country with the most strong evidence, "" if none. */
static const char *strong_country(const context *cx)
{
    int best = -1;
    for (size_t k = 0; k < cx->ncs; k++)
        if (cx->cs[k].strong > 0 && (best < 0 || cx->cs[k].strong > cx->cs[best].strong))
            best = (int)k;
    return best >= 0 ? cx->cs[best].iso2 : "";
}

/* A candidate's score in points; each consideration is worth about what it
 * tells.  Population on a log scale (a city of a million 6, a village 3), a
 * capital or a region's seat a little more.  A name that is only an
 * alternate of the place (an old or foreign form) costs 4: "Paris" in a
 * report that names Russia is not Parizh in Chelyabinsk.  A region the
 * report names is worth 5, its country 2.5 (1 more when it is the country
 * the report is most about): enough to pick the Alexandria in Louisiana over
 * the Egyptian port, not enough to drag a famous name to a village of the
 * same country.  Each other place name of the report with a candidate
 * within COH_KM is worth 1.5, up to four. */
static double coh_score(const coh_name *names, size_t nn, size_t self, size_t k, const context *cx, const char *top)
{
    const gaz_place *c = &names[self].c[k];
    double s = log10((double)c->population + 10);
    if (!names[self].own[k])
        s -= 4;
    /* A region's population is the sum of its towns', and a bare name is
     * more often the town ("in Gao"): a region pays 1.5. */
    if (c->kind == GAZ_ADMIN1)
        s -= 1.5;
    if (!strcmp(c->fcode, "PPLC"))
        s += 1;
    else if (!strcmp(c->fcode, "PPLA"))
        s += 0.5;
    if (admin_ev_of(cx, c->iso2, c->admin1, 1) > 0)
        s += 5;
    if (country_ev_of(cx, c->iso2, 1) > 0)
        s += strcmp(c->iso2, top) == 0 ? 3.5 : 2.5;
    int near = coh_near(names, nn, self, c);
    return s + 1.5 * (near > 4 ? 4 : near);
}

/* A country's name that is also a town of the state the report is about:
 * "Lebanon police" in a story from Warren County, Ohio; "Palestine" in a
 * story that names Texas.  When the report gives the country no evidence
 * but its own name (no demonym, no other mention) and its strong evidence
 * names a state that has a town of that name, the name is the town, at
 * each of its mentions, and its evidence for the country is taken back.
 * (A region of that name is left alone: "Niger" in a list of West African
 * countries is not Niger State because Nigeria is in the list too.) */
static void country_or_namesake(analysis *a, context *cx)
{
    for (size_t m = 0; m < a->nplaces; m++) {
        place_m *p = &a->places[m];
        if (!p->resolved || p->g.kind != GAZ_COUNTRY || (p->role != PLACE_BODY && p->role != PLACE_DATELINE))
            continue;
        /* Cheap bound first: all the country's mentions, whatever their
         * words; most reports give their countries more evidence. */
        int own_max = 0;
        for (size_t k = 0; k < a->nplaces; k++)
            if (a->places[k].resolved && a->places[k].g.kind == GAZ_COUNTRY &&
                same_iso(a->places[k].g.iso2, p->g.iso2))
                own_max += a->places[k].role == PLACE_DATELINE ? 1 : 2;
        if (country_ev_of(cx, p->g.iso2, 1) - own_max > 0)
            continue;
        char key[KEYMAX];
        size_t kl = norm_key(a->doc->text + p->sp.start, p->sp.end - p->sp.start, NORM_NAME, key, sizeof key);
        if (kl == (size_t)-1 || kl == 0)
            continue;
        /* Its own evidence: 2 a body mention, 1 a dateline. */
        int own = 0;
        for (size_t k = 0; k < a->nplaces; k++) {
            const place_m *q = &a->places[k];
            char qk[KEYMAX];
            if (!q->resolved || q->g.kind != GAZ_COUNTRY || !same_iso(q->g.iso2, p->g.iso2))
                continue;
            size_t ql = norm_key(a->doc->text + q->sp.start, q->sp.end - q->sp.start, NORM_NAME, qk, sizeof qk);
            if (ql != (size_t)-1 && strcmp(qk, key) == 0)
                own += q->role == PLACE_DATELINE ? 1 : 2;
        }
        if (country_ev_of(cx, p->g.iso2, 1) - own > 0)
            continue;
        /* The key of the mention's words is the one looked up (KEYMAX fits). */
        const looked *L = look_key(a->t->gaz, cx->look, key, kl, hash64(key, kl));
        int best = -1;
        for (size_t k = 0; k < L->total && k < MAX_CAND; k++) {
            if (L->c[k].kind != GAZ_PLACE || !L->own[k])
                continue;
            if (admin_ev_of(cx, L->c[k].iso2, L->c[k].admin1, 1) > 0 && best < 0)
                best = (int)k;
        }
        if (best < 0)
            continue;
        /* Every mention of the name goes with it. */
        const gaz_place chosen = L->c[best];
        char iso[3];
        memcpy(iso, p->g.iso2, 3);
        for (size_t k = 0; k < a->nplaces; k++) {
            place_m *q = &a->places[k];
            char qk[KEYMAX];
            if (!q->resolved || q->g.kind != GAZ_COUNTRY || !same_iso(q->g.iso2, iso))
                continue;
            size_t ql = norm_key(a->doc->text + q->sp.start, q->sp.end - q->sp.start, NORM_NAME, qk, sizeof qk);
            if (ql == (size_t)-1 || strcmp(qk, key) != 0)
                continue;
            q->g = chosen;
            q->precision = 1;
        }
        for (size_t k = 0; k < cx->ncs; k++)
            if (same_iso(cx->cs[k].iso2, iso)) {
                cx->cs[k].strong -= own;
                cx->cs[k].score -= own;
            }
    }
}

static void coherence(analysis *a, context *cx)
{
    country_or_namesake(a, cx);
    /* At most one name a mention: most reports name a few places, and a
     * name costs some 4 KB.  Not calloc: zeroing every slot's candidate
     * array cost more than the whole resolution (5% of extract); a name's
     * fields are set when it is taken, and only its first n candidates are
     * ever read. */
    size_t cap = a->nplaces < COH_NAMES ? a->nplaces : COH_NAMES;
    coh_name *names = malloc((cap + 1) * sizeof *names);
    if (!names)
        abort();
    size_t nn = 0;
    int *of = malloc((a->nplaces + 1) * sizeof *of); /* mention -> its name, -1 if none */
    if (!of)
        abort();
    for (size_t m = 0; m < a->nplaces; m++) {
        of[m] = -1;
        const place_m *p = &a->places[m];
        if (!p->resolved || (p->g.kind != GAZ_PLACE && p->g.kind != GAZ_ADMIN2) || p->role == PLACE_QUALIFIER)
            continue;
        char key[KEYMAX];
        size_t kl = norm_key(a->doc->text + p->sp.start, p->sp.end - p->sp.start, NORM_NAME, key, sizeof key);
        if (kl == (size_t)-1 || kl == 0)
            continue;
        int bare = bare_town(a, m);
        if (bare && p->g.kind == GAZ_ADMIN2) {
            /* "Warren" of "Clark and Warren counties" was read as Warren
             * County by its list: a lookup of "Warren" would find other
             * things. */
            char gk[KEYMAX];
            size_t gl = norm_key(p->g.name, strlen(p->g.name), NORM_NAME, gk, sizeof gk);
            bare = gl != (size_t)-1 && strcmp(gk, key) == 0;
        }
        size_t j = 0;
        while (j < nn && (strcmp(names[j].key, key) != 0 || names[j].fixed != !bare))
            j++;
        if (j == nn) {
            if (nn == cap)
                continue;
            coh_name *n = &names[nn++];
            memcpy(n->key, key, kl + 1);
            n->n = 0;
            n->dateline = 0;
            n->dropped = 0;
            n->fixed = !bare;
            if (!bare) {
                n->c[0] = p->g;
                n->own[0] = 1;
                n->n = 1;
            } else {
                const looked *L = look_key(a->t->gaz, cx->look, key, kl, hash64(key, kl));
                size_t got = L->total < COH_CAND ? L->total : COH_CAND;
                for (size_t k = 0; k < got; k++) {
                    /* A town's name may be its region's ("in Virginia"): the
                     * region competes, at a cost (see coh_score). */
                    if (L->c[k].kind != p->g.kind && !(p->g.kind == GAZ_PLACE && L->c[k].kind == GAZ_ADMIN1))
                        continue;
                    n->own[n->n] = L->own[k];
                    n->c[n->n++] = L->c[k];
                }
            }
        }
        names[j].dateline |= p->role == PLACE_DATELINE;
        of[m] = (int)j;
    }
    /* Round 1 settles every name; round 2 again, once the dateline's town is
     * known, with its state and country as evidence. */
    for (int round = 0; round < 2; round++) {
        const char *top = strong_country(cx);
        for (size_t j = 0; j < nn; j++) {
            coh_name *n = &names[j];
            if (n->fixed || n->n == 0 || (round == 1 && n->dateline))
                continue;
            size_t best = 0;
            double bs = coh_score(names, nn, j, 0, cx, top);
            for (size_t k = 1; k < n->n; k++) {
                double sc = coh_score(names, nn, j, k, cx, top);
                if (sc > bs) {
                    bs = sc;
                    best = k;
                }
            }
            /* The chosen candidate first: the only one a later name sees
             * when it is fixed, and the one written back. */
            gaz_place t = n->c[0];
            n->c[0] = n->c[best];
            n->c[best] = t;
            unsigned char o = n->own[0];
            n->own[0] = n->own[best];
            n->own[best] = o;
        }
        if (round == 0)
            for (size_t j = 0; j < nn; j++)
                if (names[j].dateline && !names[j].fixed && names[j].n) {
                    add_country_ev(cx, names[j].c[0].iso2, 1, 0, 1);
                    add_admin_ev(cx, names[j].c[0].iso2, names[j].c[0].admin1, 1, 1);
                }
    }
    /* A small town of a country the report gives no evidence for, with no
     * neighbour among the report's places, while the report is about some
     * other country, is a namesake, not the place ("Maze" in a report on
     * Ituri is not the village in Anjou): the mention stays, unresolved,
     * with the report's country, or goes if no locative introduced it. */
    const char *top = strong_country(cx);
    for (size_t j = 0; j < nn; j++) {
        coh_name *n = &names[j];
        if (n->fixed || n->n == 0 || n->dateline || !top[0] || n->c[0].kind != GAZ_PLACE)
            continue;
        if (strcmp(n->c[0].iso2, top) != 0 && country_ev_of(cx, n->c[0].iso2, 1) == 0 &&
            n->c[0].population < 100000 && coh_near(names, nn, j, &n->c[0]) == 0)
            n->dropped = 1;
    }
    /* Write back, and count each town's country once more as the main
     * country's evidence, now that the towns are settled. */
    for (size_t k = 0; k < cx->ncs; k++)
        cx->cs[k].score = cx->cs[k].strong;
    for (size_t k = 0; k < cx->nas; k++)
        cx->as[k].score = cx->as[k].strong;
    size_t w = 0;
    for (size_t m = 0; m < a->nplaces; m++) {
        place_m *p = &a->places[m];
        if (of[m] >= 0 && names[of[m]].dropped) {
            if (!p->locative)
                continue;
            memset(&p->g, 0, sizeof p->g);
            p->resolved = 0;
        } else if (of[m] >= 0 && !names[of[m]].fixed && names[of[m]].n) {
            p->g = names[of[m]].c[0];
            if (p->g.kind == GAZ_ADMIN1)
                p->precision = 3;
        }
        if (p->resolved && p->g.kind != GAZ_COUNTRY && p->role != PLACE_QUALIFIER) {
            add_country_ev(cx, p->g.iso2, 1, p->tok, 0);
            add_admin_ev(cx, p->g.iso2, p->g.admin1, 1, 0);
        }
        if (w != m) /* a place_m is some 300 bytes: no copy onto itself */
            a->places[w] = *p;
        w++;
    }
    a->nplaces = w;
    free(of);
    free(names);
}

/* ---- the scan -------------------------------------------------------------- */

/* A first name, not a place: "Chad Smith said", "Jordan Peterson".  The next
 * word is capitalised, is not a generic or a notplace word ("Chad Army",
 * "Kidal Sunday"), and is no place or country itself. */
static int person_name(const analysis *a, const context *cx, size_t i, size_t end)
{
    size_t j = i + 1;
    if (j >= end || !is_cap(a, j) || (a->td.tok[i].flags & TOK_POSS) || excluded(a, j) || region_word(a, j))
        return 0;
    if (a->td.tok[j].start != a->td.tok[i].end + 1)
        return 0; /* separated by more than one space: a line break, a table */
    const looked *L = look_toks(a, cx, j, 1);
    for (size_t k = 0; k < look_total(L) && k < 4; k++)
        if (L->c[k].kind != GAZ_PLACE || L->c[k].population >= 100000)
            return 0;
    return 1;
}

/* token_demonym (model.h), without normalising or hashing a plain token
 * again: its key and hash are already its NORM_NAME key's (text.h).  The
 * same answer, and the same "no" remembered for the other stages. */
static int word_demonym(const analysis *a, size_t i, gaz_country *c)
{
    if (a->no_demonym && (a->no_demonym[i] & 1))
        return 0;
    const token *t = &a->td.tok[i];
    int r = (t->flags & TOK_PLAIN) && t->keylen > 0 && t->keylen < LOOK_KEYMAX
                ? gaz_demonym_hashed(a->t->gaz, tok_key(&a->td, i), t->keylen, t->hash, c)
                : gaz_demonym(a->t->gaz, a->doc->text + t->start, t->end - t->start, c);
    if (!r && a->no_demonym)
        a->no_demonym[i] |= 1;
    return r;
}

/* gaz_demonym of the two words at tokens i and i+1, one byte apart.  The
 * byte between them is no letter, which NORM_NAME drops: for two plain
 * tokens the key is their keys end to end, and its hash goes on from the
 * first token's. */
static int pair_demonym(const analysis *a, size_t i, gaz_country *c)
{
    const token *t = &a->td.tok[i], *u = &a->td.tok[i + 1];
    if ((t->flags & TOK_PLAIN) && (u->flags & TOK_PLAIN) && t->keylen > 0 &&
        (size_t)t->keylen + u->keylen < LOOK_KEYMAX) {
        char key[LOOK_KEYMAX];
        memcpy(key, tok_key(&a->td, i), t->keylen);
        memcpy(key + t->keylen, tok_key(&a->td, i + 1), u->keylen);
        uint64_t h = t->hash;
        for (size_t k = t->keylen; k < (size_t)t->keylen + u->keylen; k++)
            h = hash64_byte(h, (unsigned char)key[k]);
        return gaz_demonym_hashed(a->t->gaz, key, (size_t)t->keylen + u->keylen, h, c);
    }
    return gaz_demonym(a->t->gaz, a->doc->text + t->start, u->end - t->start, c);
}

/* The demonym at token i, of one word ("Malian") or two ("Sri Lankan",
 * "South African"): its length in tokens, 0 if none. */
static size_t demonym_at(const analysis *a, size_t i, gaz_country *c)
{
    const text_doc *td = &a->td;
    if (i >= td->ntok || !is_cap(a, i))
        return 0;
    /* Both lookups are asked again of the same tokens by both passes and by
     * the context pass; a "no" is remembered in the report's no_demonym
     * (bit 1 for the pair, bit 0, through word_demonym, for the word). */
    if (i + 1 < td->ntok && is_cap(a, i + 1) && td->tok[i + 1].start == td->tok[i].end + 1 &&
        !(a->no_demonym && (a->no_demonym[i] & 2))) {
        if (pair_demonym(a, i, c))
            return 2;
        if (a->no_demonym)
            a->no_demonym[i] |= 2;
    }
    return word_demonym(a, i, c) ? 1 : 0;
}

/* The country a demonym names, unless the demonym only qualifies a border
 * ("near the Algerian border" is in the neighbouring country). */
static int demonym_evidence(const analysis *a, size_t i)
{
    static const char *const border[] = {"border", "borders", "frontier", "side"};
    return !(i + 1 < a->td.ntok && tok_is_any(&a->td, i + 1, border, ARRAY_LEN(border)));
}

/* "border with Algeria": likewise not where the event is. */
static int after_border(const analysis *a, size_t i)
{
    static const char *const w[] = {"with", "from"};
    return i >= 2 && tok_is_any(&a->td, i - 1, w, ARRAY_LEN(w)) &&
           (tok_is(&a->td, i - 2, "border") || tok_is(&a->td, i - 2, "borders") || tok_is(&a->td, i - 2, "frontier"));
}

/* "Saudi-led", "U.S.-backed", "Kabul-based": an adjective, not a place. */
static int compound_adjective(const analysis *a, size_t i)
{
    static const char *const suf[] = {"-led", "-backed", "-based", "-born", "-run", "-allied", "-owned",
                                      "-supported", "-funded", "-brokered", "-style"};
    const char *t = a->doc->text + a->td.tok[i].start;
    size_t n = a->td.tok[i].end - a->td.tok[i].start;
    /* Asked of every capitalised word: every suffix starts with its hyphen,
     * so a word with none is no compound. */
    if (!memchr(t, '-', n))
        return 0;
    for (size_t k = 0; k < ARRAY_LEN(suf); k++) {
        size_t m = strlen(suf[k]);
        if (n > m && t[n - m] == '-' && strncasecmp(t + n - m, suf[k], m) == 0)
            return 1;
    }
    return 0;
}

static int is_continent(const analysis *a, size_t i)
{
    static const char *const w[] = {"africa", "europe", "asia", "america", "americas", "antarctica", "oceania",
                                    "eurasia"};
    return tok_is_any(&a->td, i, w, ARRAY_LEN(w));
}

/* "in the capital", "the Malian capital": the capital of a country. */
static void capitals(analysis *a, context *cx, unsigned char *used)
{
    const text_doc *td = &a->td;
    for (size_t i = 1; i < td->ntok; i++) {
        if (!tok_is(td, i, "capital") || used[i])
            continue;
        if (i + 1 < td->ntok && is_cap(a, i + 1))
            continue; /* "the capital Bamako": the name itself is the mention */
        if (i + 2 < td->ntok && is_punct(a, i + 1, ',') && is_cap(a, i + 2))
            continue; /* "the capital, Bamako" */
        size_t first = i;
        char iso[3] = "";
        gaz_country gc;
        const token *pt = &td->tok[i - 1];
        if (i >= 2 && demonym_at(a, i - 2, &gc) == 2) {
            memcpy(iso, gc.iso2, 3);
            first = i - 2;
        } else if (is_cap(a, i - 1) && word_demonym(a, i - 1, &gc)) {
            memcpy(iso, gc.iso2, 3);
            first = i - 1;
        } else if (tok_is(td, i - 1, "the") || (pt->flags & TOK_POSS))
            memcpy(iso, a->country, 3);
        else
            continue;
        if (first > 0 && tok_is(td, first - 1, "the"))
            first--;
        int s = sentence_of(a, i);
        int loc = locative_before(a, first, td->sent[s].first);
        if (!iso[0] || !gaz_country_by_iso(a->t->gaz, iso, &gc) || !gc.capital[0])
            continue;
        const looked *L = look_text(a, cx, gc.capital, strlen(gc.capital));
        const gaz_place *cand = L ? L->c : NULL;
        size_t n = look_total(L);
        int best = -1;
        for (size_t k = 0; k < n && k < MAX_CAND; k++)
            if (cand[k].kind == GAZ_PLACE && strcmp(cand[k].iso2, iso) == 0 &&
                (best < 0 || (!strcmp(cand[k].fcode, "PPLC") && strcmp(cand[best].fcode, "PPLC"))))
                best = (int)k;
        if (best < 0)
            continue;
        place_m p = mention(a, first, i - first + 1, s);
        p.g = cand[best];
        p.resolved = 1;
        p.locative = loc > 0;
        p.precision = loc > 1 ? 2 : 1;
        push(a, &p);
        take(used, first, i - first + 1);
        add_country(cx, iso, 1, i);
    }
}

static int cmp_place_pos(const void *x, const void *y)
{
    const place_m *p = x, *q = y;
    return p->sp.start < q->sp.start ? -1 : p->sp.start > q->sp.start;
}

/* Pass 1's answer for a word (see places_scan). */
typedef struct {
    uint32_t tok1;        /* 1 + the first token with these bytes, 0: empty slot */
    unsigned char none;   /* the gazetteer has no entry of that name */
    unsigned char country; /* it names a country (no region elsewhere): iso2 */
    char iso2[3];
} p1_memo;

/* The slot of token i's bytes in the open-addressed table seen[0..slots):
 * the one holding an earlier token with the same bytes, else the empty slot
 * where i goes. */
static p1_memo *p1_find(const analysis *a, p1_memo *seen, size_t slots, size_t i)
{
    const token *t = &a->td.tok[i];
    size_t len = t->end - t->start;
    for (size_t s = (size_t)t->hash & (slots - 1);; s = (s + 1) & (slots - 1)) {
        if (!seen[s].tok1)
            return &seen[s];
        const token *u = &a->td.tok[seen[s].tok1 - 1];
        if (u->hash == t->hash && u->end - u->start == len &&
            memcmp(a->doc->text + u->start, a->doc->text + t->start, len) == 0)
            return &seen[s];
    }
}

/* ---- parts of a country ---------------------------------------------------
 * "northern Cameroon", "northeast Nigeria", "Pakistan's northwest", "the
 * far north of Cameroon", "central Mali": a wire report that names no town
 * it can place ("the village of X" the gazetteer lacks) still says which
 * part of the country, and the middle of that part is hundreds of kilometres
 * nearer than the country's point.  Only for the event: the toponym is
 * still the country (places_write_jsonl writes the country's point). */

/* The direction a word names: 1 with *ns, *ew set ("northern" 1 0,
 * "south-west" -1 -1, "central" 0 0); 0 if it names none. */
static int direction_word(const analysis *a, size_t i, int *ns, int *ew)
{
    if (i >= a->td.ntok)
        return 0;
    const char *s = a->doc->text + a->td.tok[i].start;
    size_t n = a->td.tok[i].end - a->td.tok[i].start;
    char w[24];
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (c == '-')
            continue;
        if (m + 1 >= sizeof w)
            return 0;
        w[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[m] = '\0';
    if (!strcmp(w, "central") || !strcmp(w, "centre") || !strcmp(w, "center")) {
        *ns = *ew = 0;
        return 1;
    }
    size_t at = 0;
    *ns = *ew = 0;
    if (!strncmp(w, "north", 5)) {
        *ns = 1;
        at = 5;
    } else if (!strncmp(w, "south", 5)) {
        *ns = -1;
        at = 5;
    }
    if (!strncmp(w + at, "east", 4)) {
        *ew = 1;
        at += 4;
    } else if (!strncmp(w + at, "west", 4)) {
        *ew = -1;
        at += 4;
    }
    if (!*ns && !*ew)
        return 0;
    return !w[at] || !strcmp(w + at, "ern");
}

/* The direction of the part of the country that mention p names, from the
 * words around it: 1 and *ns, *ew if there is one. */
static int country_part_words(const analysis *a, const place_m *p, int *ns, int *ew)
{
    size_t i = p->tok, end = p->tok + p->ntok;
    /* "northern Cameroon", "far northern Cameroon"; not "Northern Ireland"
     * (a capitalised direction is part of the name, or opens a sentence). */
    if (i > 0 && !is_cap(a, i - 1) && direction_word(a, i - 1, ns, ew))
        return 1;
    /* "the north of Mali", "the far north of Cameroon"; not "north of Mali"
     * (outside it). */
    if (i >= 3 && tok_is(&a->td, i - 1, "of") && direction_word(a, i - 2, ns, ew) &&
        (tok_is(&a->td, i - 3, "the") || (tok_is(&a->td, i - 3, "far") && i >= 4 && tok_is(&a->td, i - 4, "the"))))
        return 1;
    /* "Pakistan's northwest", "Cameroon's far north", "Yemen's southern
     * province" */
    if (end + 1 < a->td.ntok && tok_is(&a->td, end, "s") &&
        a->td.tok[end].start == a->td.tok[end - 1].end) {
        size_t d = end + 1;
        if (tok_is(&a->td, d, "far"))
            d++;
        if (direction_word(a, d, ns, ew))
            return 1;
    }
    return 0;
}

/* "in Afghanistan's northeastern Badakhshan province", "in Nigeria's Borno
 * state", "in Somalia's port city of Barawe": the country in the possessive
 * only says whose the place after it is, and the locative before it is the
 * later place's.  The locative passes to the first mention after "'s", up
 * to four lower-case words on ("northeastern", "southern state of",
 * "war-torn"), when that mention is in the same country or unresolved. */
static void possessive_countries(analysis *a)
{
    for (size_t k = 0; k + 1 < a->nplaces; k++) {
        place_m *p = &a->places[k];
        size_t end = p->tok + p->ntok;
        if (!p->resolved || p->g.kind != GAZ_COUNTRY || !p->locative || p->role != PLACE_BODY ||
            end >= a->td.ntok || !tok_is(&a->td, end, "s") || a->td.tok[end].start != a->td.tok[end - 1].end)
            continue;
        place_m *q = &a->places[k + 1];
        if (q->sentence != p->sentence || q->role != PLACE_BODY || q->tok <= end || q->tok - end - 1 > 4 ||
            (q->resolved && strcmp(q->g.iso2, p->g.iso2) != 0))
            continue;
        int words = 1;
        for (size_t i = end + 1; i < q->tok && words; i++)
            words = !(a->td.tok[i].flags & (TOK_CAP | TOK_NUM | TOK_PUNCT));
        if (!words)
            continue;
        q->locative = 1;
        p->locative = 0;
    }
}

static void country_parts(analysis *a)
{
    for (size_t k = 0; k < a->nplaces; k++) {
        place_m *p = &a->places[k];
        int ns, ew;
        double lat, lon;
        if (!p->resolved || p->g.kind != GAZ_COUNTRY || p->role != PLACE_BODY ||
            !country_part_words(a, p, &ns, &ew) || !gaz_country_part(a->t->gaz, p->g.iso2, ns, ew, &lat, &lon))
            continue;
        p->g.lat = lat;
        p->g.lon = lon;
        p->part = 1;
        /* As a region, so that an event at a village the gazetteer lacks
         * falls back on it (events.c takes a region, never a country, for
         * that) -- unless the sentence names a region of its own, which
         * says more than a direction does. */
        int region = 0;
        for (size_t j = 0; j < a->nplaces && !region; j++)
            region = j != k && a->places[j].sentence == p->sentence && a->places[j].resolved &&
                     (a->places[j].g.kind == GAZ_ADMIN1 || a->places[j].g.kind == GAZ_ADMIN2);
        if (!region)
            p->g.kind = GAZ_ADMIN2;
    }
}

/* The first w[0..n) in s[0..len), NULL if none.  memchr finds the first
 * byte sixteen or more bytes at a time; a byte loop over the whole report
 * for each form was an eighth of all the instructions of extraction. */
static const char *find_bytes(const char *s, size_t len, const char *w, size_t n)
{
    const char *end = s + len;
    for (const char *p = s; (size_t)(end - p) >= n; p++) {
        p = memchr(p, w[0], (size_t)(end - p) - n + 1);
        if (!p)
            return NULL;
        if (memcmp(p, w, n) == 0)
            return p;
    }
    return NULL;
}

/* 1 if the report names the Republic of Congo in full: "Republic of
 * (the) Congo" not after "Democratic", "Congo Republic", "Brazzaville". */
static int republic_named(const char *text, size_t len)
{
    static const char *const forms[] = {"Republic of Congo", "Republic of the Congo", "Congo Republic",
                                        "Brazzaville"};
    if (!find_bytes(text, len, "Congo", 5) && !find_bytes(text, len, "Brazzaville", 11))
        return 0; /* nearly every report */
    for (size_t f = 0; f < ARRAY_LEN(forms); f++) {
        size_t n = strlen(forms[f]);
        for (const char *at = text; (at = find_bytes(at, len - (size_t)(at - text), forms[f], n)); at++) {
            size_t off = (size_t)(at - text);
            if (f >= 2 || off < 11 || memcmp(text + off - 11, "Democratic ", 11) != 0)
                return 1;
        }
    }
    return 0;
}

void places_scan(analysis *a)
{
    const text_doc *td = &a->td;
    const char *text = a->doc->text;
    context cx;
    memset(&cx, 0, sizeof cx);
    lookups look = {NULL, 0, 0, 0};
    look.congo_republic = republic_named(text, a->doc->len);
    cx.look = &look;
    unsigned char *used = calloc(td->ntok + 1, 1);
    /* Pass 1 looks every capitalised word up; one that names nothing is
     * marked here so that pass 2 does not look it up again on its own. */
    unsigned char *no_place = calloc(td->ntok + 1, 1);
    if (!used || !no_place)
        abort();

    /* Pass 0: datelines, at the start of the first paragraphs. */
    uint32_t last_para = UINT32_MAX;
    int found_dateline = 0;
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        if (se->paragraph == last_para || se->paragraph > 3 || se->count == 0)
            continue;
        last_para = se->paragraph;
        found_dateline |= dateline_at(a, &cx, se->first, used, 0);
    }
    /* Local papers put a byline and a date before the dateline ("By Jane
     * Roe, Staff Writer May 2, 2024 GREENVILLE --"), or a photo caption:
     * without a dateline at a paragraph's start, the first capitals before a
     * dash or a bracket near the top are one. */
    for (size_t i = 0; !found_dateline && i < td->ntok && i < 80; i++)
        if (!used[i] && all_upper(a, i) && is_cap(a, i) && (i == 0 || !all_upper(a, i - 1)))
            found_dateline = dateline_at(a, &cx, i, used, 1);

    /* Pass 1: country evidence from country names and demonyms.  A country
     * name that is also a region elsewhere ("Georgia") waits for pass 2.
     * A report names the same few capitalised words again and again ("Gao",
     * "Police", "Sunday"); the lookup depends only on the word's bytes, so
     * what it said of a word is kept (p1_seen, by the token's hash) and used
     * again at the word's next occurrences. */
    /* The capitalised words, in text order: pass 1 and repeat_mentions look
     * at nothing else, and they are about one word in ten. */
    uint32_t *caps = malloc((td->ntok + 1) * sizeof *caps);
    if (!caps)
        abort();
    size_t ncap = 0;
    for (size_t i = 0; i < td->ntok; i++)
        if (is_cap(a, i))
            caps[ncap++] = (uint32_t)i;
    size_t p1_slots = 16;
    while (p1_slots < ncap * 2)
        p1_slots *= 2;
    p1_memo *p1_seen = calloc(p1_slots, sizeof *p1_seen);
    if (!p1_seen)
        abort();
    for (size_t ci = 0; ci < ncap; ci++) {
        size_t i = caps[ci];
        if (used[i])
            continue;
        gaz_country c;
        size_t dn = demonym_at(a, i, &c);
        if (dn) {
            if (demonym_evidence(a, i + dn - 1))
                add_country(&cx, c.iso2, 1, i);
            while (ci + 1 < ncap && caps[ci + 1] < i + dn)
                ci++; /* the demonym's second word */
            continue;
        }
        p1_memo *seen = p1_find(a, p1_seen, p1_slots, i);
        /* A word already known to name no country adds no evidence, whatever
         * the checks below say of it here; only its "nothing" mark is worth
         * setting (pass 2 would look it up in vain: a sure no either way). */
        if (seen->tok1 && !seen->country) {
            no_place[i] = seen->none;
            continue;
        }
        if (excluded(a, i) || after_border(a, i) || person_name(a, &cx, i, td->ntok))
            continue;
        if (!seen->tok1) {
            const looked *L = look_toks(a, &cx, i, 1);
            size_t n = look_total(L);
            const gaz_place *cand = n ? L->c : NULL;
            int country = -1, region = 0;
            for (size_t k = 0; k < n && k < 8; k++) {
                if (cand[k].kind == GAZ_COUNTRY && country < 0)
                    country = (int)k;
                if (cand[k].kind == GAZ_ADMIN1 && country >= 0 && strcmp(cand[k].iso2, cand[country].iso2) != 0)
                    region = 1;
            }
            seen->tok1 = (uint32_t)i + 1;
            seen->none = n == 0;
            seen->country = country >= 0 && !region;
            if (seen->country)
                memcpy(seen->iso2, cand[country].iso2, 3);
        }
        no_place[i] = seen->none;
        if (seen->country)
            add_country(&cx, seen->iso2, 2, i);
    }
    free(p1_seen);

    /* Pass 2: place mentions.  Only a capitalised word starts one: i goes
     * from one to the next through caps (ci follows it). */
    size_t ci = 0;
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        size_t end = se->first + se->count;
        for (size_t i = se->first; i < end; i++) {
            while (ci < ncap && caps[ci] < i)
                ci++;
            if (ci == ncap || caps[ci] >= end)
                break;
            i = caps[ci];
            if (used[i] || !is_cap(a, i) || excluded(a, i) || is_continent(a, i) || compound_adjective(a, i) ||
                initial_function_word(a, i, se->first))
                continue;
            const token *t = &td->tok[i];
            /* An AP state abbreviation on its own: "a hearing in S.C.",
             * "died in a Ky. jail".  Only the dotted forms ("Ga.", not
             * "GA"), and only after a locative or before a lower-case word,
             * where "Ill." or "Mass." cannot be a word of the sentence. */
            if (t->end < a->doc->len && (text[t->end] == '.' || memchr(text + t->start, '.', t->end - t->start))) {
                size_t send;
                int postal = 0;
                int st = state_at(text, a->doc->len, t->start, &send, &postal);
                if (st >= 0 && !postal && us_states[st].ap &&
                    memchr(text + t->start, '.', send - t->start) && i > se->first) {
                    size_t k = tok_from_byte(a, i, send);
                    int lower_after = k < end && !(td->tok[k].flags & (TOK_CAP | TOK_PUNCT | TOK_NUM));
                    const looked *L = (locative_before(a, i, se->first) || lower_after)
                                          ? look_text(a, &cx, us_states[st].name, strlen(us_states[st].name))
                                          : NULL;
                    const gaz_place *sc = L ? L->c : NULL;
                    size_t nsc = look_total(L);
                    for (size_t m = 0; m < nsc && m < MAX_CAND; m++)
                        if (sc[m].kind == GAZ_ADMIN1 && !strcmp(sc[m].iso2, "US")) {
                            place_m p = mention(a, i, k - i, (int)s);
                            p.g = sc[m];
                            p.resolved = 1;
                            p.locative = locative_before(a, i, se->first) > 0;
                            p.precision = 3;
                            push(a, &p);
                            take(used, i, k - i);
                            add_country(&cx, "US", 1, i);
                            add_admin(&cx, "US", sc[m].admin1, 1);
                            i = k - 1;
                            break;
                        }
                    if (used[i])
                        continue;
                }
            }
            gaz_country dc;
            size_t dn = demonym_at(a, i, &dc);
            if (dn) {
                /* "Malian" is evidence of Mali, never a town called Malian */
                take(used, i, dn);
                i += dn - 1;
                continue;
            }
            if (i > se->first && is_cap(a, i - 1) && !(td->tok[i - 1].flags & TOK_POSS) && !used[i - 1] &&
                !initial_function_word(a, i - 1, se->first))
                continue; /* inside a longer capitalised run that was already tried */
            /* A name may hold lower-case joiners: "Democratic Republic of
             * Congo", "Bosnia and Herzegovina", "Dar es Salaam". */
            size_t run = 0;
            while (i + run < end && run < MAX_RUN + 2 && !used[i + run]) {
                if (is_cap(a, i + run))
                    run++;
                else if (run > 0 && i + run + 1 < end && is_cap(a, i + run + 1) &&
                         (is_joiner(a, i + run) || abbr_dot(a, i + run)))
                    run++;
                else
                    break;
            }
            int loc = locative_before(a, i, se->first);
            int found = 0;
            for (size_t len = run; len >= 1 && !found; len--) {
                if (!is_cap(a, i + len - 1))
                    continue; /* a name does not end on a joiner */
                if (abbr_dot(a, i + len))
                    continue; /* "St" of "St. Louis" is no name by itself */
                /* "Fulton Avenue", "Letchworth Dr.": the street, not a town. */
                int fac = facility_at(a, i + len);
                /* ...but "Douglas County Road 4" names the county first. */
                static const char *const county_words[] = {"county", "parish"};
                if (fac == 1 && !tok_is_any(td, i + len - 1, county_words, ARRAY_LEN(county_words)))
                    continue;
                if (len == 1 && run > 1 && person_name(a, &cx, i, i + run))
                    break;
                uint32_t b = td->tok[i].start, e = td->tok[i + len - 1].end;
                size_t after = i + len;
                int want = WANT_ANY, prec = 0;
                if (loc == 3 || region_word(a, after))
                    want = WANT_REGION;
                if (part_after(a, after))
                    prec = 2;

                /* "Clark, Hamilton and Warren counties": each a county, in
                 * the state that has them all. */
                size_t list_end;
                const char *suffix = county_list(a, after, end, &list_end);
                if (suffix) {
                    char nm[200];
                    int w = snprintf(nm, sizeof nm, "%.*s %s", (int)(e - b), text + b, suffix);
                    gaz_place c[MAX_CAND];
                    size_t nc = w > 0 && (size_t)w < sizeof nm ? gaz_lookup(a->t->gaz, nm, (size_t)w, c, MAX_CAND) : 0;
                    list_vote v[32];
                    size_t nv = county_list_votes(a, i, list_end, suffix, v, ARRAY_LEN(v));
                    int bk = -1, bvotes = 0;
                    long long bs = -1;
                    for (size_t m = 0; m < nc && m < MAX_CAND; m++) {
                        if (c[m].kind != GAZ_ADMIN2)
                            continue;
                        int votes = 0;
                        for (size_t q = 0; q < nv; q++)
                            if (!strcmp(v[q].iso2, c[m].iso2) && !strcmp(v[q].admin1, c[m].admin1))
                                votes = v[q].votes;
                        long long sc = 1000000000000LL * admin_ev(&cx, c[m].iso2, c[m].admin1) +
                                       10000000000LL * votes + 100000000LL * country_ev(&cx, c[m].iso2) +
                                       (long long)c[m].population;
                        if (sc > bs) {
                            bs = sc;
                            bk = (int)m;
                            bvotes = votes;
                        }
                    }
                    if (bk >= 0) {
                        place_m p = mention(a, i, len, (int)s);
                        p.g = c[bk];
                        p.resolved = 1;
                        p.locative = loc > 0;
                        p.precision = 3;
                        p.role = PLACE_BODY;
                        push(a, &p);
                        take(used, i, len);
                        /* Strong evidence when the list agrees on a state. */
                        add_country_ev(&cx, c[bk].iso2, 1, i, bvotes >= 2);
                        add_admin_ev(&cx, c[bk].iso2, c[bk].admin1, 1, bvotes >= 2);
                        found = 1;
                        i += len - 1;
                        break;
                    }
                }

                /* "Graham, N.C.", "Gao, Mali": the qualifier decides. */
                restrict_to r = {NULL, NULL};
                place_m q; /* written by qualifier_after when qend != 0, read only then */
                int postal = 0;
                size_t qend = qualifier_after(a, &cx, after, &r, &q, &postal);
                /* "China, Japan and South Korea": a list of countries, not a
                 * town and its country (there is a China in Kagoshima). */
                if (qend && !r.admin1) {
                    const looked *L = look_toks(a, &cx, i, len);
                    if (look_total(L) && L->c[0].kind == GAZ_COUNTRY)
                        qend = 0;
                }
                /* text[b..e) is token i alone, which pass 1 found in no entry:
                 * resolve would find nothing either (it returns -1). */
                int nothing = len == 1 && no_place[i];
                const gaz_place *cand;
                if (qend && !nothing) {
                    size_t n;
                    int k = resolve(a, &cx, i, len, WANT_ANY, &r, &cand, &n);
                    if (k >= 0 && cand[k].kind == GAZ_PLACE) {
                        place_m town = mention(a, i, len, (int)s);
                        town.locative = loc > 0;
                        push_qualified(a, &cx, &town, len, &q, &r, postal, loc);
                        take(used, i, qend - i);
                        found = 1;
                        i = qend - 1;
                        break;
                    }
                }

                size_t n;
                int k = nothing ? -1 : resolve(a, &cx, i, len, want, NULL, &cand, &n);
                if (k < 0)
                    continue;
                const gaz_place *g = &cand[k];
                int sentence_initial = (i == se->first) || (td->tok[i - 1].flags & TOK_QUOTE);
                /* A small town counts without a locative when the report is
                 * about its region ("Cottonport" in a story on Louisiana). */
                int in_region = g->kind == GAZ_PLACE && admin_ev(&cx, g->iso2, g->admin1) > 0 &&
                                g->population >= 1000 && !sentence_initial;
                int accept = g->kind != GAZ_PLACE || loc || in_region || town_word_at(a, after) ||
                             (g->population >= 100000 && !sentence_initial);
                /* "at Lincoln High School": the locative is the school's, so
                 * the name needs the evidence a bare name does. */
                if (fac == 2)
                    accept = g->kind == GAZ_PLACE && (in_region || g->population >= 100000);
                if (g->kind == GAZ_COUNTRY && after_border(a, i))
                    accept = 0;
                /* A small region named bare, in a country the report does not
                 * speak of, is a word that happens to name one ("Michael", a
                 * sheading of the Isle of Man, in "Michael Jordan said"). */
                if (g->kind == GAZ_ADMIN1 && !loc && want != WANT_REGION &&
                    g->population < 100000 && country_ev(&cx, g->iso2) == 0)
                    accept = 0;
                /* A region named by a compass word alone (Cameroon's "South",
                 * Ghana's "Eastern"), even after a locative, is a direction
                 * ("shot in Southwest", "the 700 block of South") unless the
                 * report speaks of its country.  It is passed over, not kept
                 * as an unknown name (the event keeps the dateline's town),
                 * and a name after "of" is read alone ("the South of
                 * France").  Before a name ("East Oakland") it is left as it
                 * was, or the unknown run would swallow the name. */
                int ns, ew;
                if (g->kind == GAZ_ADMIN1 && len == 1 && direction_word(a, i, &ns, &ew) &&
                    country_ev(&cx, g->iso2) == 0 && !(i + 1 < td->ntok && is_cap(a, i + 1))) {
                    take(used, i, 1);
                    found = 1;
                    break;
                }
                if (!accept)
                    continue;
                place_m p = mention(a, i, len, (int)s);
                p.g = *g;
                p.resolved = 1;
                p.locative = loc > 0;
                if (g->kind == GAZ_PLACE)
                    p.precision = want == WANT_REGION ? 3 : prec ? prec : (loc > 1 ? loc : 1);
                else
                    p.precision = 3;
                /* "the Kidal region": the region word is part of the mention. */
                if (want == WANT_REGION && region_word(a, after)) {
                    p.sp.end = td->tok[after].end;
                    p.ntok++;
                    span_copy(text, p.sp, p.name, sizeof p.name);
                }
                push(a, &p);
                take(used, i, p.ntok);
                /* A town or a region named in the body is evidence for its
                 * country ("Kuriga, Kaduna state" is a Nigerian story). */
                /* A county is strong evidence for its state when its name is
                 * one county's ("Rapides Parish"); "Johnson County" is a
                 * dozen, and waits for the coherence pass like a town. */
                int strong = g->kind == GAZ_ADMIN1 || (g->kind == GAZ_ADMIN2 && one_admin1(cand, n < MAX_CAND ? n : MAX_CAND));
                if (g->kind != GAZ_COUNTRY)
                    add_country_ev(&cx, g->iso2, 1, i, strong);
                /* Pass 1 read one-word country names only: "Burkina Faso",
                 * "South Sudan", "United States" count here. */
                if (g->kind == GAZ_COUNTRY && len > 1)
                    add_country(&cx, g->iso2, 2, i);
                else if (g->kind == GAZ_COUNTRY)
                    for (size_t c = 0; c < n; c++)
                        if (cand[c].kind == GAZ_ADMIN1 && strcmp(cand[c].iso2, g->iso2) != 0) {
                            add_country(&cx, g->iso2, 2, i); /* the evidence pass 1 held back */
                            break;
                        }
                if (g->kind != GAZ_COUNTRY)
                    add_admin_ev(&cx, g->iso2, g->admin1, 1, strong);
                found = 1;
                i += p.ntok - 1;
            }
            /* A building or a street the gazetteer does not know is no
             * unknown town ("McGavock High School", "Letchworth Dr"). */
            int names_facility = run > 0 && (facility_at(a, i + run) || facility_at(a, i + run - 1));
            if (!found && loc && run <= 3 && run > 0 && !names_facility) {
                /* A name the gazetteer lacks, introduced as a place: keep it. */
                place_m p = mention(a, i, run, (int)s);
                p.locative = 1;
                p.precision = loc;
                push(a, &p);
                take(used, i, run);
                i += run - 1;
            }
        }
    }

    repeat_mentions(a, used, caps, ncap);
    free(caps);
    coherence(a, &cx);

    /* The main country: most evidence, earliest first on a tie. */
    int best = -1;
    for (size_t k = 0; k < cx.ncs; k++)
        if (best < 0 || cx.cs[k].score > cx.cs[best].score ||
            (cx.cs[k].score == cx.cs[best].score && cx.cs[k].first < cx.cs[(size_t)best].first))
            best = (int)k;
    a->country[0] = '\0';
    if (best >= 0)
        memcpy(a->country, cx.cs[best].iso2, 3);

    /* Pass 3: "the capital", now that the country is known. */
    capitals(a, &cx, used);
    if (a->nplaces > 1)
        qsort(a->places, a->nplaces, sizeof *a->places, cmp_place_pos);
    possessive_countries(a);
    country_parts(a);
    free(used);
    free(no_place);
    lookups_free(&look);
}

int place_at(const analysis *a, size_t tok)
{
    for (size_t k = 0; k < a->nplaces; k++)
        if (tok >= a->places[k].tok && tok < a->places[k].tok + a->places[k].ntok)
            return 1;
    return 0;
}

/* ---- `tally places` -------------------------------------------------------- */

static void json_str(buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            buf_printf(b, "\\%c", c);
        else if (c == '\n')
            buf_puts(b, "\\n");
        else if (c < 0x20)
            buf_printf(b, "\\u%04x", c);
        else
            buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

static void json_field(buf *b, const char *key, const char *val)
{
    buf_printf(b, ",\"%s\":", key);
    json_str(b, val ? val : "", val ? strlen(val) : 0);
}

static const char *const role_name[] = {"body", "dateline", "qualifier"};
static const char *const kind_name[] = {"place", "admin1", "country", "admin2"};

static void write_one(const analysis *a, buf *b, span sp, const char *role, const gaz_place *g, int resolved,
                      int precision)
{
    const char *id = a->doc->id ? a->doc->id : "";
    buf_puts(b, "{\"doc_id\":");
    json_str(b, id, strlen(id));
    buf_printf(b, ",\"start\":%u,\"end\":%u,\"text\":", sp.start, sp.end);
    json_str(b, a->doc->text + sp.start, sp.end - sp.start);
    json_field(b, "role", role);
    if (resolved) {
        gaz_country gc;
        int have = g->iso2[0] && gaz_country_by_iso(a->t->gaz, g->iso2, &gc);
        json_field(b, "kind", kind_name[g->kind]);
        json_field(b, "name", g->name);
        json_field(b, "country", have ? gc.name : "");
        json_field(b, "iso", have ? gc.iso3 : "");
        json_field(b, "admin1", g->kind == GAZ_COUNTRY ? "" : g->admin1);
        json_field(b, "admin2", g->kind == GAZ_PLACE || g->kind == GAZ_ADMIN2 ? g->admin2 : "");
        buf_printf(b, ",\"latitude\":%.5f,\"longitude\":%.5f,\"geo_precision\":%d", g->lat, g->lon, precision);
        if (g->id)
            buf_printf(b, ",\"geonameid\":%u", g->id);
    } else {
        buf_puts(b, ",\"kind\":null");
        buf_printf(b, ",\"geo_precision\":%d", precision);
    }
    buf_puts(b, "}\n");
}

void places_write_jsonl(const struct tally *t, const tally_doc *doc, FILE *out)
{
    analysis a = {0};
    a.t = t;
    a.doc = doc;
    a.report = (civil_date){doc->date.year, doc->date.month, doc->date.day};
    buf b = {0};
    if (text_split(&a.td, doc->text, doc->len) == 0) {
        if (t->lexset)
            lex_set_mark(t->lexset, &a.td);
        a.no_demonym = calloc(a.td.ntok + 1, 1);
        places_scan(&a);
        /* Demonyms are written in text order among the places, as country
         * evidence: "Malian" refers to Mali though it places nothing. */
        size_t k = 0;
        for (size_t i = 0; i <= a.td.ntok; i++) {
            uint32_t at = i < a.td.ntok ? a.td.tok[i].start : UINT32_MAX;
            for (; k < a.nplaces && a.places[k].sp.start <= at; k++) {
                const place_m *p = &a.places[k];
                gaz_place g = p->g;
                gaz_country pc;
                if (p->part && gaz_country_by_iso(t->gaz, g.iso2, &pc)) {
                    /* The toponym is the country, at its own point. */
                    g.kind = GAZ_COUNTRY;
                    g.lat = pc.lat;
                    g.lon = pc.lon;
                }
                write_one(&a, &b, p->sp, role_name[p->role], &g, p->resolved, p->precision);
            }
            if (i == a.td.ntok || !is_cap(&a, i) || place_at(&a, i))
                continue;
            gaz_country c;
            size_t dn = demonym_at(&a, i, &c);
            if (!dn)
                continue;
            span dsp = {a.td.tok[i].start, a.td.tok[i + dn - 1].end};
            i += dn - 1;
            gaz_place g = {0};
            g.kind = GAZ_COUNTRY;
            g.name = c.name;
            g.lat = c.lat;
            g.lon = c.lon;
            memcpy(g.iso2, c.iso2, 3);
            g.admin1 = g.admin2 = "";
            write_one(&a, &b, dsp, "demonym", &g, 1, 3);
        }
    }
    if (b.len)
        fwrite(b.data, 1, b.len, out);
    buf_free(&b);
    text_free(&a.td);
    free(a.places);
    free(a.no_demonym);
}
