/* place.c -- see place.h. */
#include "place.h"

#include "norm.h"

#include <stdlib.h>
#include <string.h>

#define MAX_RUN 4
#define MAX_CAND 32
#define KEYMAX 256

/* ---- evidence ------------------------------------------------------------ */

typedef struct {
    char iso2[3];
    int score;
    size_t first;
} country_score;

typedef struct {
    char iso2[3];
    char name[64];   /* admin-1 name as the gazetteer spells it */
    int score;
} admin_score;

typedef struct {
    country_score cs[64];
    size_t ncs;
    admin_score as[32];
    size_t nas;
} context;

static void add_country(context *cx, const char *iso2, int w, size_t pos)
{
    if (!iso2[0])
        return;
    for (size_t i = 0; i < cx->ncs; i++)
        if (strcmp(cx->cs[i].iso2, iso2) == 0) {
            cx->cs[i].score += w;
            return;
        }
    if (cx->ncs < ARRAY_LEN(cx->cs)) {
        memcpy(cx->cs[cx->ncs].iso2, iso2, 3);
        cx->cs[cx->ncs].score = w;
        cx->cs[cx->ncs].first = pos;
        cx->ncs++;
    }
}

static int country_ev(const context *cx, const char *iso2)
{
    for (size_t i = 0; i < cx->ncs; i++)
        if (strcmp(cx->cs[i].iso2, iso2) == 0)
            return cx->cs[i].score;
    return 0;
}

static void add_admin(context *cx, const char *iso2, const char *name, int w)
{
    if (!iso2[0] || !name || !name[0])
        return;
    for (size_t i = 0; i < cx->nas; i++)
        if (strcmp(cx->as[i].iso2, iso2) == 0 && strcmp(cx->as[i].name, name) == 0) {
            cx->as[i].score += w;
            return;
        }
    if (cx->nas < ARRAY_LEN(cx->as)) {
        admin_score *s = &cx->as[cx->nas++];
        memcpy(s->iso2, iso2, 3);
        snprintf(s->name, sizeof s->name, "%s", name);
        s->score = w;
    }
}

static int admin_ev(const context *cx, const char *iso2, const char *name)
{
    if (!name || !name[0])
        return 0;
    for (size_t i = 0; i < cx->nas; i++)
        if (strcmp(cx->as[i].iso2, iso2) == 0 && strcmp(cx->as[i].name, name) == 0)
            return cx->as[i].score;
    return 0;
}

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

static int excluded(const analysis *a, size_t i) { return lex_find(a->t->notplaces, tok_key(&a->td, i)) != NULL; }

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

/* Locative ending right before token i: returns its precision, 0 if none. */
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
    return 0;
}

/* A generic word after a name that makes it a region: "the Kidal region",
 * "Borno state", "Helmand Province". */
static int region_word(const analysis *a, size_t i)
{
    static const char *const w[] = {"region",   "regions",    "province",   "state",      "governorate",
                                    "district", "department", "prefecture", "oblast",     "county",
                                    "division", "municipality", "territory", "emirate"};
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
static long long cand_score(const gaz_place *c, const context *cx, const char *qkey, const gaz_place *all, size_t n,
                            int want)
{
    char key[KEYMAX];
    size_t kl = norm_key(c->name, strlen(c->name), NORM_NAME, key, sizeof key);
    int own_name = kl != (size_t)-1 && strcmp(key, qkey) == 0;
    long long s = (long long)c->population;
    if (!own_name)
        s /= 1000; /* an old or foreign name of some other place */
    if (c->kind == GAZ_ADMIN1)
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

static int pick(const gaz_place *c, size_t n, const context *cx, const char *qkey, int want, const restrict_to *r)
{
    int best = -1;
    long long bestscore = -1;
    for (size_t k = 0; k < n; k++) {
        if (!allowed(&c[k], r))
            continue;
        long long s = cand_score(&c[k], cx, qkey, c, n, want);
        if (s > bestscore) {
            bestscore = s;
            best = (int)k;
        }
    }
    return best;
}

/* Looks up text[b..e) and picks; -1 if nothing fits. */
static int resolve(const analysis *a, const context *cx, uint32_t b, uint32_t e, int want, const restrict_to *r,
                   gaz_place *cand, size_t *ncand)
{
    char qkey[KEYMAX];
    size_t kl = norm_key(a->doc->text + b, e - b, NORM_NAME, qkey, sizeof qkey);
    if (kl == (size_t)-1 || kl == 0)
        return -1;
    size_t n = gaz_lookup(a->t->gaz, a->doc->text + b, e - b, cand, MAX_CAND);
    if (n > MAX_CAND)
        n = MAX_CAND;
    *ncand = n;
    return n ? pick(cand, n, cx, qkey, want, r) : -1;
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
        gaz_place c[MAX_CAND];
        size_t n = gaz_lookup(a->t->gaz, us_states[st].name, strlen(us_states[st].name), c, MAX_CAND);
        for (size_t m = 0; m < n && m < MAX_CAND; m++)
            if (c[m].kind == GAZ_ADMIN1 && strcmp(c[m].iso2, "US") == 0) {
                q->g = c[m];
                q->resolved = 1;
                break;
            }
        q->precision = 3;
        q->role = PLACE_QUALIFIER;
        r->iso2 = "US";
        r->admin1 = us_states[st].name;
        *is_postal = postal;
        (void)cx;
        return k;
    }
    /* ", Nigeria": a country name of one to three words. */
    size_t k = j + 1;
    while (k < td->ntok && k < j + 4 && is_cap(a, k))
        k++;
    for (size_t e = k; e > j + 1; e--) {
        gaz_place c[8];
        uint32_t b = td->tok[j + 1].start, be = td->tok[e - 1].end;
        size_t n = gaz_lookup(a->t->gaz, a->doc->text + b, be - b, c, 8);
        if (n && c[0].kind == GAZ_COUNTRY) {
            *q = mention(a, j + 1, e - (j + 1), sentence_of(a, j + 1));
            q->g = c[0];
            q->resolved = 1;
            q->precision = 3;
            q->role = PLACE_QUALIFIER;
            r->iso2 = c[0].iso2;
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
    gaz_place cand[MAX_CAND];
    size_t n;
    int k = resolve(a, cx, town->sp.start, town->sp.end, WANT_ANY, r, cand, &n);
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
static int dateline_at(analysis *a, context *cx, size_t i, unsigned char *used)
{
    const text_doc *td = &a->td;
    size_t j = i;
    while (j < td->ntok && j < i + MAX_RUN && (is_cap(a, j) || (j > i && is_joiner(a, j) && all_upper(a, j))))
        j++;
    if (j == i)
        return 0;
    int caps = 1;
    for (size_t k = i; k < j; k++)
        caps &= all_upper(a, k) || is_joiner(a, k);
    restrict_to r = {NULL, NULL};
    place_m q = {0};
    int postal = 0;
    size_t after = qualifier_after(a, cx, j, &r, &q, &postal);
    if (!caps && !after)
        return 0;
    size_t k = after ? after : j;
    if (is_punct(a, k, '(')) { /* (AP), (Reuters), (AFP) */
        size_t m = k + 1;
        while (m < td->ntok && m < k + 5 && !is_punct(a, m, ')'))
            m++;
        if (!is_punct(a, m, ')'))
            return 0;
        k = m + 1;
    } else if (!is_dash(a, k) && !is_punct(a, k, ':'))
        return 0;
    place_m town = mention(a, i, j - i, sentence_of(a, i));
    town.role = PLACE_DATELINE;
    if (after) {
        push_qualified(a, cx, &town, j - i, &q, &r, postal, 0);
    } else {
        gaz_place cand[MAX_CAND];
        size_t n;
        int c = resolve(a, cx, town.sp.start, town.sp.end, WANT_ANY, NULL, cand, &n);
        if (c >= 0) {
            town.g = cand[c];
            town.resolved = 1;
            town.precision = cand[c].kind == GAZ_PLACE ? 1 : 3;
            add_country(cx, cand[c].iso2, 1, i);
        } else
            town.precision = 3;
        push(a, &town);
    }
    take(used, i, k - i);
    return 1;
}

/* ---- the scan -------------------------------------------------------------- */

/* A first name, not a place: "Chad Smith said", "Jordan Peterson".  The next
 * word is capitalised, is not a generic or a notplace word ("Chad Army",
 * "Kidal Sunday"), and is no place or country itself. */
static int person_name(const analysis *a, size_t i, size_t end)
{
    size_t j = i + 1;
    if (j >= end || !is_cap(a, j) || (a->td.tok[i].flags & TOK_POSS) || excluded(a, j) || region_word(a, j))
        return 0;
    if (a->td.tok[j].start != a->td.tok[i].end + 1)
        return 0; /* separated by more than one space: a line break, a table */
    gaz_place c[4];
    const token *t = &a->td.tok[j];
    size_t n = gaz_lookup(a->t->gaz, a->doc->text + t->start, t->end - t->start, c, 4);
    for (size_t k = 0; k < n && k < 4; k++)
        if (c[k].kind != GAZ_PLACE || c[k].population >= 100000)
            return 0;
    return 1;
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
        if (is_cap(a, i - 1) &&
            gaz_demonym(a->t->gaz, a->doc->text + pt->start, pt->end - pt->start, &gc)) {
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
        gaz_place cand[MAX_CAND];
        size_t n = gaz_lookup(a->t->gaz, gc.capital, strlen(gc.capital), cand, MAX_CAND);
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

void places_scan(analysis *a)
{
    const text_doc *td = &a->td;
    const char *text = a->doc->text;
    context cx;
    memset(&cx, 0, sizeof cx);
    gaz_place cand[MAX_CAND];
    unsigned char *used = calloc(td->ntok + 1, 1);
    if (!used)
        abort();

    /* Pass 0: datelines, at the start of the first paragraphs. */
    uint32_t last_para = UINT32_MAX;
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        if (se->paragraph == last_para || se->paragraph > 3 || se->count == 0)
            continue;
        last_para = se->paragraph;
        dateline_at(a, &cx, se->first, used);
    }

    /* Pass 1: country evidence from country names and demonyms.  A country
     * name that is also a region elsewhere ("Georgia") waits for pass 2. */
    for (size_t i = 0; i < td->ntok; i++) {
        if (!is_cap(a, i) || used[i])
            continue;
        gaz_country c;
        const token *t = &td->tok[i];
        if (gaz_demonym(a->t->gaz, text + t->start, t->end - t->start, &c)) {
            if (demonym_evidence(a, i))
                add_country(&cx, c.iso2, 1, i);
            continue;
        }
        if (excluded(a, i) || after_border(a, i) || person_name(a, i, td->ntok))
            continue;
        size_t n = gaz_lookup(a->t->gaz, text + t->start, t->end - t->start, cand, 8);
        int country = -1, region = 0;
        for (size_t k = 0; k < n && k < 8; k++) {
            if (cand[k].kind == GAZ_COUNTRY && country < 0)
                country = (int)k;
            if (cand[k].kind == GAZ_ADMIN1 && country >= 0 && strcmp(cand[k].iso2, cand[country].iso2) != 0)
                region = 1;
        }
        if (country >= 0 && !region)
            add_country(&cx, cand[country].iso2, 2, i);
    }

    /* Pass 2: place mentions. */
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        size_t end = se->first + se->count;
        for (size_t i = se->first; i < end; i++) {
            if (used[i] || !is_cap(a, i) || excluded(a, i) || is_continent(a, i))
                continue;
            const token *t = &td->tok[i];
            gaz_country dc;
            if (gaz_demonym(a->t->gaz, text + t->start, t->end - t->start, &dc))
                continue; /* "Malian" is evidence of Mali, never a town called Malian */
            if (i > se->first && is_cap(a, i - 1) && !(td->tok[i - 1].flags & TOK_POSS) && !used[i - 1])
                continue; /* inside a longer capitalised run that was already tried */
            /* A name may hold lower-case joiners: "Democratic Republic of
             * Congo", "Bosnia and Herzegovina", "Dar es Salaam". */
            size_t run = 0;
            while (i + run < end && run < MAX_RUN + 2 && !used[i + run]) {
                if (is_cap(a, i + run))
                    run++;
                else if (run > 0 && i + run + 1 < end && is_cap(a, i + run + 1) && is_joiner(a, i + run))
                    run++;
                else
                    break;
            }
            int loc = locative_before(a, i, se->first);
            int found = 0;
            for (size_t len = run; len >= 1 && !found; len--) {
                if (!is_cap(a, i + len - 1))
                    continue; /* a name does not end on a joiner */
                if (len == 1 && run > 1 && person_name(a, i, i + run))
                    break;
                uint32_t b = td->tok[i].start, e = td->tok[i + len - 1].end;
                size_t after = i + len;
                int want = WANT_ANY, prec = 0;
                if (loc == 3 || region_word(a, after))
                    want = WANT_REGION;
                if (part_after(a, after))
                    prec = 2;

                /* "Graham, N.C.", "Gao, Mali": the qualifier decides. */
                restrict_to r = {NULL, NULL};
                place_m q = {0};
                int postal = 0;
                size_t qend = qualifier_after(a, &cx, after, &r, &q, &postal);
                if (qend) {
                    size_t n;
                    int k = resolve(a, &cx, b, e, WANT_ANY, &r, cand, &n);
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
                int k = resolve(a, &cx, b, e, want, NULL, cand, &n);
                if (k < 0)
                    continue;
                const gaz_place *g = &cand[k];
                int sentence_initial = (i == se->first) || (td->tok[i - 1].flags & TOK_QUOTE);
                /* A small town counts without a locative when the report is
                 * about its region ("Cottonport" in a story on Louisiana). */
                int in_region = g->kind == GAZ_PLACE && admin_ev(&cx, g->iso2, g->admin1) > 0 &&
                                g->population >= 1000 && !sentence_initial;
                int accept = g->kind != GAZ_PLACE || loc || in_region ||
                             (g->population >= 100000 && !sentence_initial);
                if (g->kind == GAZ_COUNTRY && after_border(a, i))
                    accept = 0;
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
                if (g->kind == GAZ_PLACE || g->kind == GAZ_ADMIN1)
                    add_country(&cx, g->iso2, 1, i);
                if (g->kind == GAZ_COUNTRY)
                    for (size_t c = 0; c < n; c++)
                        if (cand[c].kind == GAZ_ADMIN1 && strcmp(cand[c].iso2, g->iso2) != 0) {
                            add_country(&cx, g->iso2, 2, i); /* the evidence pass 1 held back */
                            break;
                        }
                if (g->kind != GAZ_COUNTRY)
                    add_admin(&cx, g->iso2, g->admin1, 1);
                found = 1;
                i += p.ntok - 1;
            }
            if (!found && loc && run <= 3 && run > 0) {
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
    free(used);
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
static const char *const kind_name[] = {"place", "admin1", "country"};

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
        json_field(b, "admin2", g->kind == GAZ_PLACE ? g->admin2 : "");
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
        places_scan(&a);
        /* Demonyms are written in text order among the places, as country
         * evidence: "Malian" refers to Mali though it places nothing. */
        size_t k = 0;
        for (size_t i = 0; i <= a.td.ntok; i++) {
            uint32_t at = i < a.td.ntok ? a.td.tok[i].start : UINT32_MAX;
            for (; k < a.nplaces && a.places[k].sp.start <= at; k++) {
                const place_m *p = &a.places[k];
                write_one(&a, &b, p->sp, role_name[p->role], &p->g, p->resolved, p->precision);
            }
            if (i == a.td.ntok || !is_cap(&a, i) || place_at(&a, i))
                continue;
            gaz_country c;
            const token *tk = &a.td.tok[i];
            if (!gaz_demonym(t->gaz, doc->text + tk->start, tk->end - tk->start, &c))
                continue;
            gaz_place g = {0};
            g.kind = GAZ_COUNTRY;
            g.name = c.name;
            g.lat = c.lat;
            g.lon = c.lon;
            memcpy(g.iso2, c.iso2, 3);
            g.admin1 = g.admin2 = "";
            write_one(&a, &b, (span){tk->start, tk->end}, "demonym", &g, 1, 3);
        }
    }
    if (b.len)
        fwrite(b.data, 1, b.len, out);
    buf_free(&b);
    text_free(&a.td);
    free(a.places);
}
