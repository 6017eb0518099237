/* place.c -- see place.h. */
#include "place.h"

#include <string.h>

#define MAX_RUN 4

typedef struct {
    char iso2[3];
    int score;
    size_t first;
} country_score;

static void add_country(country_score *cs, size_t *n, size_t cap, const char *iso2, int w, size_t pos)
{
    if (!iso2[0])
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(cs[i].iso2, iso2) == 0) {
            cs[i].score += w;
            return;
        }
    if (*n < cap) {
        memcpy(cs[*n].iso2, iso2, 3);
        cs[*n].score = w;
        cs[*n].first = pos;
        (*n)++;
    }
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

static int is_cap(const analysis *a, size_t i) { return (a->td.tok[i].flags & (TOK_CAP | TOK_NUM)) == TOK_CAP; }

static int excluded(const analysis *a, size_t i)
{
    return lex_find(a->t->notplaces, tok_key(&a->td, i)) != NULL;
}

static int is_joiner(const analysis *a, size_t i)
{
    static const char *const j[] = {"of", "the", "and", "de", "del", "es", "al", "el", "la", "du", "des"};
    return tok_is_any(&a->td, i, j, ARRAY_LEN(j));
}

static void push(analysis *a, const place_m *p)
{
    a->places = grow_array(a->places, &a->capplaces, a->nplaces, sizeof *a->places);
    a->places[a->nplaces++] = *p;
}

/* Among candidates, prefer the evidenced countries, then population. */
static int pick(const gaz_place *c, size_t n, const country_score *cs, size_t ncs)
{
    int best = -1;
    long long bestscore = -1;
    for (size_t k = 0; k < n; k++) {
        long long s = (long long)c[k].population;
        for (size_t j = 0; j < ncs; j++)
            if (strcmp(cs[j].iso2, c[k].iso2) == 0)
                s += 100000000LL * cs[j].score;
        if (c[k].kind == GAZ_COUNTRY)
            s += 1000000000000LL;
        /* A region's population is the sum of its towns; "in Kidal" means the
         * town unless "region"/"province" follows (handled by the caller). */
        if (c[k].kind == GAZ_ADMIN1)
            s = s / 100;
        if (s > bestscore) {
            bestscore = s;
            best = (int)k;
        }
    }
    return best;
}

void places_scan(analysis *a)
{
    const text_doc *td = &a->td;
    const char *text = a->doc->text;
    country_score cs[64];
    size_t ncs = 0;
    gaz_place cand[32];

    /* Pass 1: country evidence from country names and demonyms. */
    for (size_t i = 0; i < td->ntok; i++) {
        if (!is_cap(a, i))
            continue;
        gaz_country c;
        if (gaz_demonym(a->t->gaz, text + td->tok[i].start, td->tok[i].end - td->tok[i].start, &c)) {
            add_country(cs, &ncs, ARRAY_LEN(cs), c.iso2, 1, i);
            continue;
        }
        size_t n = gaz_lookup(a->t->gaz, text + td->tok[i].start, td->tok[i].end - td->tok[i].start, cand, 4);
        for (size_t k = 0; k < n && k < 4; k++)
            if (cand[k].kind == GAZ_COUNTRY && !excluded(a, i)) {
                add_country(cs, &ncs, ARRAY_LEN(cs), cand[k].iso2, 2, i);
                break;
            }
    }

    /* Pass 2: place mentions. */
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        size_t end = se->first + se->count;
        for (size_t i = se->first; i < end; i++) {
            if (!is_cap(a, i) || excluded(a, i))
                continue;
            gaz_country dc;
            if (gaz_demonym(a->t->gaz, text + td->tok[i].start, td->tok[i].end - td->tok[i].start, &dc))
                continue; /* "Malian" is evidence of Mali, never a town called Malian */
            if (i > se->first && is_cap(a, i - 1) && !(td->tok[i - 1].flags & TOK_POSS))
                continue; /* inside a longer capitalised run that was already tried */
            /* A name may hold lower-case joiners: "Democratic Republic of
             * Congo", "Bosnia and Herzegovina", "Dar es Salaam". */
            size_t run = 0;
            while (i + run < end && run < MAX_RUN + 2) {
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
                uint32_t b = td->tok[i].start, e = td->tok[i + len - 1].end;
                size_t n = gaz_lookup(a->t->gaz, text + b, e - b, cand, ARRAY_LEN(cand));
                if (n > ARRAY_LEN(cand))
                    n = ARRAY_LEN(cand);
                if (n == 0)
                    continue;
                int k = pick(cand, n, cs, ncs);
                const gaz_place *g = &cand[k];
                int sentence_initial = (i == se->first) || (td->tok[i - 1].flags & TOK_QUOTE);
                int accept = g->kind != GAZ_PLACE || loc ||
                             (g->population >= 100000 && !sentence_initial);
                if (!accept)
                    continue;
                place_m p = {0};
                p.sp = (span){b, e};
                p.tok = (uint32_t)i;
                p.ntok = (uint32_t)len;
                p.sentence = (int)s;
                span_copy(text, p.sp, p.name, sizeof p.name);
                p.g = *g;
                p.resolved = 1;
                p.locative = loc > 0;
                p.precision = g->kind == GAZ_PLACE ? (loc > 1 ? loc : 1) : 3;
                push(a, &p);
                if (g->kind == GAZ_PLACE)
                    add_country(cs, &ncs, ARRAY_LEN(cs), g->iso2, 1, i);
                found = 1;
                i += len - 1;
            }
            if (!found && loc && run <= 3) {
                /* A name the gazetteer lacks, introduced as a place: keep it. */
                place_m p = {0};
                p.sp = (span){td->tok[i].start, td->tok[i + run - 1].end};
                p.tok = (uint32_t)i;
                p.ntok = (uint32_t)run;
                p.sentence = (int)s;
                span_copy(text, p.sp, p.name, sizeof p.name);
                p.locative = 1;
                p.precision = loc;
                push(a, &p);
                i += run - 1;
            }
        }
    }

    /* The main country: most evidence, earliest first on a tie. */
    int best = -1;
    for (size_t k = 0; k < ncs; k++)
        if (best < 0 || cs[k].score > cs[best].score ||
            (cs[k].score == cs[best].score && cs[k].first < cs[(size_t)best].first))
            best = (int)k;
    a->country[0] = '\0';
    if (best >= 0)
        memcpy(a->country, cs[best].iso2, 3);
}

int place_at(const analysis *a, size_t tok)
{
    for (size_t k = 0; k < a->nplaces; k++)
        if (tok >= a->places[k].tok && tok < a->places[k].tok + a->places[k].ntok)
            return 1;
    return 0;
}
