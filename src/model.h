/* model.h -- what the extraction stages hand each other.
 *
 * Contract: the stages run in this order on one report, each filling its
 * part of `analysis`:
 *   text_split        tokens and sentences            (text.h)
 *   places_scan       place mentions, the main country (place.h)
 *   actors_scan       actor mentions                   (actor.h)
 *   claims_scan       casualty claims with sources     (claim.h)
 *   events_build      events: trigger, date, place, actors, claims,
 *                     reconciled tolls                  (event.h)
 * and record.c writes the events out.  All spans are byte offsets into the
 * report text.
 */
#ifndef TALLY_MODEL_H
#define TALLY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "lexicon.h"
#include "tally.h"
#include "text.h"
#include "util.h"

typedef struct {
    uint32_t start, end;
} span;

/* How reconciliation picks a toll's best figure (docs/format.md). */
enum best_rule { BEST_LOWER_MEDIAN, BEST_PREFER_INDEPENDENT, BEST_N };
extern const char *const best_rule_name[BEST_N];

/* Loaded resources (tally.h's opaque `tally`). */
struct tally {
    lexicon *triggers, *actors, *forces, *victims, *outcomes, *qualifiers, *sources, *attribution, *locatives,
        *notplaces, *facilities;
    lex_set *lexset;           /* all of the above: tokens are marked once per report (lexicon.h) */
    gaz *gaz;
    enum best_rule best_rule;  /* how a toll's best is chosen (docs/format.md) */
};

enum outcome { OUT_KILLED, OUT_INJURED, OUT_ABDUCTED, OUT_ARRESTED, OUT_MISSING, OUT_N };
enum qualifier { Q_EXACT, Q_AT_LEAST, Q_AT_MOST, Q_ABOUT, Q_RANGE };
enum source_kind { SRC_UNKNOWN, SRC_PARTY, SRC_OFFICIAL, SRC_NGO, SRC_LOCAL, SRC_MEDIA };
enum victim_cat { VIC_UNKNOWN, VIC_CIVILIAN, VIC_STATE, VIC_NONSTATE };
/* Groups a toll is broken down by: the four victim categories, and two
 * groups analysts ask for that are usually given as parts of a total. */
enum toll_group { TG_CIVILIAN, TG_STATE, TG_NONSTATE, TG_UNKNOWN, TG_CHILDREN, TG_WOMEN, TG_N };
extern const char *const toll_group_name[TG_N];

extern const char *const outcome_name[OUT_N];
extern const char *const qualifier_name[5];
extern const char *const source_kind_name[6];
extern const char *const victim_cat_name[4];

typedef struct {
    char source[96];
    enum source_kind kind;
    span source_span;          /* empty when the source is not in the text */
    enum outcome outcome;
    char victims[48];          /* "civilians", "children", "Wagner fighters" */
    char label[24];            /* victims.tsv's label: "children", "soldiers", "" */
    char victim_actor[96];     /* an actor named among the victims ("Wagner fighters"), "" */
    enum victim_cat vcat;
    long long min, max;        /* max == 0: open-ended */
    enum qualifier q;
    int vague;                 /* "dozens": min is ACLED's conservative value */
    char words[48];            /* the quantity as written, for vague ones */
    span sp;                   /* evidence: from qualifier to outcome word */
    int sentence;
    int part_of;               /* index of the claim this one is part of ("including 11 children"), -1 */
    int restates;              /* index of the claim this one repeats (a lede's unattributed figure), -1 */
    int event;                 /* event index, -1 until assigned */
    int single;                /* one victim named without a number ("killed the chief") */
    int update;                /* written as a new figure: "the toll rose to 30" */
    int superseded_by;         /* index of the same source's later figure ("rose to"), -1 */
    int context;               /* cumulative or historical ("since 2022, 3,000 killed"): not this event's toll */
    int denial;                /* a source denies it ("the army denied that civilians were killed") */
    int hit;                   /* people shot ("five people were shot"): the dead among them, unless
                                * the victims are "others" (event.c takes the dead out of the injured) */
} claim;

typedef struct {
    span sp;
    uint32_t tok, ntok;
    int sentence;
    char name[96];
    int inter;
    char iso2[3];
    int speaker;               /* gives a statement ("X said") */
    int side;                  /* 1 doer (before the trigger, after "by"), 2 target (after "on/against") */
    int generic;               /* a generic group word ("gunmen", "fighters"), not a name;
                                * 2: its name wants a country that was not known */
} actor_m;

typedef struct {
    span sp;
    uint32_t tok, ntok;
    int sentence;
    char name[96];             /* the words of the text */
    gaz_place g;               /* resolved entry (g.name empty when unresolved) */
    int resolved;
    int precision;             /* 1 town, 2 near it, 3 region/country */
    int locative;              /* introduced by "in/at/near/..." */
    int role;                  /* enum place_role */
    int part;                  /* a part of a country ("northern Mali"): g is the
                                * country at the part's point, as a region (place.c) */
} place_m;

/* Where a mention stands: a dateline names the reporter's office, which is
 * the event's place only when the body names no other; a qualifier ("N.C."
 * in "Graham, N.C.") narrows the town before it and is never the event's
 * place by itself. */
enum place_role { PLACE_BODY = 0, PLACE_DATELINE, PLACE_QUALIFIER };

typedef struct {
    const struct tally *t;
    const tally_doc *doc;
    civil_date report;
    text_doc td;
    char country[3];           /* the report's main country, "" if none */
    place_m *places;
    size_t nplaces, capplaces;
    actor_m *actors;
    size_t nactors, capactors;
    claim *claims;
    size_t nclaims, capclaims;
    unsigned char *no_demonym; /* per token: bit 0 once gaz_demonym said no of the token
                                * (token_demonym), bit 1 of the token and the next one
                                * (place.c demonym_at); may be NULL */
    struct sentence_memo *memo; /* events_build's answers kept for the report: dates by
                                 * sentence, trigger readings by token (event.c); may be NULL */
    struct sentence_index *by_sentence; /* events_build: the claims and actors of each
                                         * sentence (event.c) */
} analysis;

/* gaz_demonym on token i.  Places and actors both ask it of every
 * capitalised word, so a "no" is remembered for the report (a "yes" is rare
 * and asked again).  The same answer as calling gaz_demonym directly. */
static inline int token_demonym(const analysis *a, size_t i, gaz_country *out)
{
    if (a->no_demonym && (a->no_demonym[i] & 1))
        return 0;
    const token *t = &a->td.tok[i];
    int r = gaz_demonym(a->t->gaz, a->doc->text + t->start, t->end - t->start, out);
    if (!r && a->no_demonym)
        a->no_demonym[i] |= 1;
    return r;
}

typedef struct {
    long long low, best, high;
    int known;
} toll;

typedef struct {
    const char *event_type, *sub_event_type;
    int priority;
    civil_date date, first, last;
    int time_precision;        /* 1 day, 2 week, 3 month */
    int date_known;
    span date_sp;
    /* a date of a statement about the event ("police said Saturday"): used
     * only when the text dates the event nowhere else */
    civil_date said_first, said_last;
    int said_precision;
    span said_sp;
    place_m place;
    int has_place;
    /* the place as written out (filled once the event is complete) */
    char location[96], country[64], iso2[3], iso3[4], admin1[64], admin2[64];
    double lat, lon;
    int geo_precision, has_coords;
    char actor1[96], assoc1[192], actor2[96], assoc2[192];
    int inter1, inter2;
    span actor1_sp, actor2_sp;
    int *claims;               /* indices into analysis.claims */
    size_t nclaims, capclaims;
    span *triggers;            /* evidence of what happened */
    size_t ntriggers, captriggers;
    int *sents;                /* sentences that speak of this event, in order */
    size_t nsents, capsents;
    toll fatalities, injured;
    toll fatal_by[TG_N];       /* per group, each reconciled on its own (docs/format.md) */
    /* UCDP-GED sides: the statement behind fatalities.best split by whom
     * its dead belonged to; they add up to fatalities.best. */
    long long deaths_a, deaths_b, deaths_civilians, deaths_unknown;
    buf notes;
    /* "X blamed Y for the strikes": who was named as the perpetrator, and by
     * whom; actor1 only when nothing else names the perpetrator. */
    struct {
        char actor[96], source[96];
    } blame[4];
    int nblame;
} event;

struct tally_events {
    buf doc_id;
    buf text;                  /* a copy, so spans stay meaningful for writers */
    civil_date report;
    char country[3];
    event *ev;
    size_t n, cap;
    claim *claims;
    size_t nclaims;
};

/* Growable-array helper: ensures room for one more element. */
void *grow_array(void *p, size_t *cap, size_t n, size_t elem);

/* Copies text[sp] into out (cap bytes), squeezing whitespace. */
void span_copy(const char *text, span sp, char *out, size_t cap);

#endif
