/* event.c -- see event.h. */
#include "event.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "when.h"

/* Words that, shortly before a trigger, make it unreal: negation, denial,
 * threat, intention, hypothesis, prevention ("threatened to attack", "vowed
 * to strike", "could attack", "denied carrying out strikes", "plans to"). */
static const char *const negators[] = {
    "not",       "no",        "never",      "denied",   "deny",      "denies",     "denying",   "threatened",
    "threatens", "threaten",  "threatening", "threat",  "threats",   "would",      "could",     "might",
    "may",       "will",      "shall",      "plan",     "plans",     "planned",    "planning",  "vowed",
    "vows",      "vow",       "warned",     "warns",    "warning",   "if",         "prevent",   "prevented",
    "foiled",    "thwarted",  "without",    "intend",   "intends",   "intended",   "preparing", "prepare",
    "prepares",  "ready",     "fear",       "feared",   "fears",     "possible",   "potential", "rejected",
    "dismissed", "refuted",   "unless",     "expected", "avert",     "averted",    "called",    "calling",
    "urged",     "urging",    "tasked",     "aimed",    "aims",      "mandate",    "mandated",  "any",
    "face",      "facing",    "respond",    "retaliate", "avenge",   "ultimatum", "plotting",   "plotted",
    "plot",      "plots",     "conspiring", "attempting"};

/* A modal or a threat governs its whole clause: "would respond to any
 * Israeli strike with rocket fire", "threatened to hit the city's airport
 * with missiles".  Used only when the sentence counts no victims (a
 * sentence with a toll speaks of something real: "will compensate the
 * families of the 12 killed in Sunday's airstrike"). */
static const char *const modals[] = {"would", "will", "could", "might", "shall", "threatened", "threatens",
                                     "threaten", "vowed", "vows", "vow", "warned", "warns", "ready", "plans",
                                     "planning", "intends", "ultimatum"};

static int clause_break(const text_doc *td, size_t j)
{
    static const char *const starts[] = {"that", "which", "who", "after", "when", "as", "since", "because",
                                         "while", "where", "and", "but"};
    return tok_is_any(td, j, starts, ARRAY_LEN(starts));
}

static int negated_wide(const text_doc *td, size_t i, size_t first, int wide)
{
    size_t reach = wide ? 10 : 4;
    for (size_t back = 1; back <= reach && back <= i - first; back++) {
        size_t k = i - back;
        if (!tok_is_any(td, k, negators, ARRAY_LEN(negators)))
            continue;
        if (back > 4) {
            if (!tok_is_any(td, k, modals, ARRAY_LEN(modals)))
                continue;
            int broken = 0;
            for (size_t j = k + 1; j < i && !broken; j++)
                broken = clause_break(td, j);
            if (broken)
                continue;
        }
        /* "called for a protest", "urged on": an appeal, not a report */
        if ((tok_is(td, k, "called") || tok_is(td, k, "calling") || tok_is(td, k, "urged") ||
             tok_is(td, k, "urging")) &&
            !tok_is(td, k + 1, "for") && !tok_is(td, k + 1, "on"))
            continue;
        /* "no" and "not" reach only the next two words ("no casualties in
         * the blast" speaks of a real blast); so does a purpose ("tasked with
         * fighting", "aimed at curbing"), which names one act only. */
        if ((tok_is(td, k, "no") || tok_is(td, k, "not") || tok_is(td, k, "any") || tok_is(td, k, "tasked") ||
             tok_is(td, k, "aimed") ||
             tok_is(td, k, "aims") || tok_is(td, k, "mandate") || tok_is(td, k, "mandated")) &&
            back > 2)
            continue;
        /* A comma or full stop between ends the reach ("Police, who feared
         * unrest, fired tear gas"); so does a clause of time or cause, which
         * tells what did happen ("is expected to survive after being shot",
         * "faces charges after he shot his neighbour", "feared for their
         * lives when gunmen opened fire"). */
        static const char *const told_as_fact[] = {"after", "when", "because", "since", "while"};
        int cut = 0;
        for (size_t j = k + 1; j < i && !cut; j++)
            cut = ((td->tok[j].flags & TOK_PUNCT) && !(td->tok[j].flags & TOK_QUOTE)) ||
                  tok_is_any(td, j, told_as_fact, ARRAY_LEN(told_as_fact));
        if (!cut)
            return 1;
    }
    return 0;
}

static int negated(const text_doc *td, size_t i, size_t first) { return negated_wide(td, i, first, 0); }

/* "opened fire", "returned fire", "came under fire", "an exchange of fire":
 * gunfire, never a blaze, so it is no cue for the fire words of the
 * accident rows ("a gunman opened fire at a gas station" is a shooting). */
static int gunfire_sense(const text_doc *td, size_t i, size_t first)
{
    static const char *const before[] = {"open", "opened", "opening", "opens", "return", "returned", "returning",
                                         "returns", "exchanged", "cease", "under", "sniper", "heavy", "live"};
    static const char *const exchange[] = {"exchange", "exchanges", "line"};
    if (i <= first)
        return 0;
    if (tok_is_any(td, i - 1, before, ARRAY_LEN(before)))
        return 1;
    return i - 1 > first && tok_is(td, i - 1, "of") && tok_is_any(td, i - 2, exchange, ARRAY_LEN(exchange));
}

/* words[b >> 6] bit (b & 63), b the top byte of a token's hash, for every
 * token of a sentence: a cue word whose bit is clear is in no token, and its
 * walk of the sentence is skipped.  Made when a cue is first asked. */
typedef struct {
    int made;
    uint64_t words[4];
} token_bloom;

static void bloom_of(const text_doc *td, const sentence *se, token_bloom *b)
{
    memset(b->words, 0, sizeof b->words);
    for (size_t i = se->first; i < se->first + se->count; i++) {
        unsigned top = (unsigned)(td->tok[i].hash >> 56);
        b->words[top >> 6] |= 1ull << (top & 63);
    }
    b->made = 1;
}

/* bloom: the sentence's (bloom_of, made here if not yet), or NULL */
static int cue_present(const text_doc *td, const sentence *se, const char *cues, token_bloom *bloom)
{
    if (!cues || !*cues)
        return 1;
    if (bloom && !bloom->made)
        bloom_of(td, se, bloom);
    /* Asked for every trigger reading: each cue of the list is cut out once
     * and compared with the sentence's keys by the length the tokens carry,
     * rather than measuring every key and cutting the list at every token. */
    const char *p = cues;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t m = bar ? (size_t)(bar - p) : strlen(p);
        /* a token's hash is that of its whole key (text.c): a token of
         * another hash holds another word, and most are passed by it */
        uint64_t h = hash64(p, m);
        unsigned top = (unsigned)(h >> 56);
        if (bloom && !((bloom->words[top >> 6] >> (top & 63)) & 1)) {
            p += m + (bar ? 1 : 0);
            continue;
        }
        for (size_t i = se->first; i < se->first + se->count; i++) {
            const token *tk = &td->tok[i];
            if (tk->hash != h)
                continue;
            const char *k = td->keys + tk->key;
            size_t n = tk->keylen == UINT16_MAX ? strlen(k) : tk->keylen;
            if (m == n && (n == 0 || (k[0] == p[0] && memcmp(p, k, n) == 0)) &&
                !(n == 4 && !memcmp(k, "fire", 4) && gunfire_sense(td, i, se->first)))
                return 1;
        }
        p += m + (bar ? 1 : 0);
    }
    return 0;
}

static int is_weekday_key(const char *k)
{
    static const char *const d[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "yesterday", "today", "week", "weekend", "night"};
    for (size_t i = 0; i < ARRAY_LEN(d); i++)
        if (!strcmp(k, d[i]))
            return 1;
    return 0;
}

/* "the strikes", "these attacks", "Sunday's strikes": a reference back. */
static int anaphoric(const text_doc *td, size_t i, size_t first)
{
    size_t k = i;
    /* skip adjectives: "the deadly drone strikes" */
    for (int n = 0; n < 2 && k > first && (td->tok[k - 1].flags & TOK_WORD) && !(td->tok[k - 1].flags & TOK_CAP) &&
                    !tok_is(td, k - 1, "the") && !tok_is(td, k - 1, "these") && !tok_is(td, k - 1, "those") &&
                    !tok_is(td, k - 1, "a") && !tok_is(td, k - 1, "an");
         n++)
        k--;
    if (k == first)
        return 0;
    if (tok_is(td, k - 1, "the") || tok_is(td, k - 1, "these") || tok_is(td, k - 1, "those") ||
        tok_is(td, k - 1, "this") || tok_is(td, k - 1, "that"))
        return 1;
    if ((td->tok[k - 1].flags & TOK_POSS) && k - 1 > first && is_weekday_key(tok_key(td, k - 2)))
        return 1;
    return 0;
}

typedef struct {
    const lex_entry *e;
    size_t tok, ntok;
    int anaphor;
    const char *type, *sub; /* the reading after context (refine_trigger) */
    int prio;
} trigger_m;

/* A non-event reading ("-" as event type in triggers.tsv: "hunger strike",
 * "traffic accident", "floods"). */
static int nonevent(const lex_entry *e) { return !strcmp(e->attr[0], "-"); }

/* ---- answers kept for the report ----------------------------------------- */

/* events_build asks when_scan about the same sentence up to three times (its
 * own dates, the background test of the sentences around a claim, the
 * report's fallback date), and when_scan tokenises the sentence anew each
 * time; find_trigger and the non-event level before it read the same trigger
 * phrases of a sentence.  Each answer depends only on the sentence (dates) or
 * on the token and its sentence (readings), so the first one is kept for the
 * report.  Dates: the count when_scan returned (which may exceed
 * WHEN_PER_SENTENCE) and the first WHEN_PER_SENTENCE mentions, in one pool
 * for the report. */
#define WHEN_PER_SENTENCE 16

struct sentence_memo {
    uint32_t *at;       /* per sentence: 1 + its index in `slot`, 0 not scanned yet */
    struct {
        size_t nw;      /* when_scan's return value */
        size_t first;   /* its mentions: pool[first .. first + min(nw, WHEN_PER_SENTENCE)) */
    } *slot;
    size_t nslot;
    when_mention *pool;
    size_t npool, cappool;
    /* per token that starts a trigger phrase: its reading (reading()) and the
     * phrase's length; read_known[i] is 0 until asked */
    unsigned char *read_known;
    const lex_entry **read_best;
    size_t *read_n;
};

static void sentence_memo_init(analysis *a)
{
    struct sentence_memo *w = calloc(1, sizeof *w);
    if (w) {
        w->at = calloc(a->td.nsent + 1, sizeof *w->at);
        w->slot = malloc((a->td.nsent + 1) * sizeof *w->slot);
        w->read_known = calloc(a->td.ntok + 1, 1);
        w->read_best = malloc((a->td.ntok + 1) * sizeof *w->read_best);
        w->read_n = malloc((a->td.ntok + 1) * sizeof *w->read_n);
        if (!w->at || !w->slot || !w->read_known || !w->read_best || !w->read_n) {
            free(w->at);
            free(w->slot);
            free(w->read_known);
            free(w->read_best);
            free(w->read_n);
            free(w);
            w = NULL;
        }
    }
    a->memo = w; /* NULL only disables the memo */
}

static void sentence_memo_free(analysis *a)
{
    struct sentence_memo *w = a->memo;
    if (w) {
        free(w->at);
        free(w->slot);
        free(w->pool);
        free(w->read_known);
        free(w->read_best);
        free(w->read_n);
        free(w);
    }
    a->memo = NULL;
}

/* The reading of a phrase at token i: of its entries (one phrase may have
 * several: "seized" a town or "seized" weapons), the highest priority whose
 * cues are in the sentence. */
static const lex_entry *reading_of(const analysis *a, const sentence *se, size_t i, size_t *n,
                                   token_bloom *bloom)
{
    const lex_entry *e = lex_match(a->t->triggers, &a->td, i, se->first + se->count, n);
    const lex_entry *best = NULL;
    for (; e; e = lex_next_same(a->t->triggers, e))
        if (cue_present(&a->td, se, e->attr[3], bloom) && (!best || e->num[2] > best->num[2]))
            best = e;
    return best;
}

/* reading_of, kept for the report (sentence_memo).  Only asked at a token
 * where a trigger phrase starts, of the sentence holding the token. */
static const lex_entry *reading(const analysis *a, const sentence *se, size_t i, size_t *n,
                                token_bloom *bloom)
{
    const struct sentence_memo *w = a->memo;
    if (!w || i >= a->td.ntok)
        return reading_of(a, se, i, n, bloom);
    if (!w->read_known[i]) {
        w->read_best[i] = reading_of(a, se, i, &w->read_n[i], bloom);
        w->read_known[i] = 1;
    }
    *n = w->read_n[i];
    return w->read_best[i];
}

/* The strongest non-event phrase of a sentence (its priority), or -1.
 * Lines whose sub-event column names a sub-type ("counterfeit", "-", "Arrests")
 * silence that sub-type only (arrests for ordinary crime); the others
 * ("-") silence violence.  `only` picks which: NULL for "-". */
/* A trigger phrase of a sentence: where it starts, its length and its
 * reading (NULL when no reading's cues are in the sentence). */
typedef struct {
    uint32_t tok, ntok;
    const lex_entry *r;
} trigger_at;

static const trigger_at *sentence_triggers(const analysis *a, const sentence *se, size_t *n);

static int nonevent_level_for(const analysis *a, const sentence *se, const char *only)
{
    int level = -1;
    size_t nt;
    const trigger_at *tg = sentence_triggers(a, se, &nt);
    for (size_t q = 0; q < nt; q++) {
        const lex_entry *r = tg[q].r;
        int kind = r && nonevent(r) && (only ? !strcmp(r->attr[1], only) : !strcmp(r->attr[1], "-"));
        if (kind && r->num[2] > level)
            level = r->num[2];
    }
    return level;
}

static int nonevent_level(const analysis *a, const sentence *se) { return nonevent_level_for(a, se, NULL); }

static int violent_type(const char *type)
{
    return !strcmp(type, "Battles") || !strcmp(type, "Explosions/Remote violence") ||
           !strcmp(type, "Violence against civilians");
}

/* "March 7", "7 March", "in March 2024": the month, not a march. */
static int month_march(const text_doc *td, size_t i, size_t first, size_t end)
{
    if (!tok_is(td, i, "march") || !(td->tok[i].flags & TOK_CAP))
        return 0;
    if (i + 1 < end && (td->tok[i + 1].flags & TOK_NUM))
        return 1;
    if (i > first && (td->tok[i - 1].flags & TOK_NUM))
        return 1;
    static const char *const before[] = {"in", "since", "until", "from", "early", "late", "mid", "last", "next",
                                         "of", "by", "through", "between", "to", "and"};
    return i > first && tok_is_any(td, i - 1, before, ARRAY_LEN(before));
}

/* ---- the claims and actors of each sentence ----------------------------- */

/* The event rules ask "the claims of sentence s" and "the actors of sentence
 * s" for every sentence and every event; a walk over all of the report's
 * claims each time made a long report with many figures quadratic (a 1 MiB
 * report packed with tolls took seconds).  Each sentence's members are listed
 * once, in their order in the report's arrays, so that every rule reads the
 * same members in the same order as the walk did. */
struct sentence_index {
    uint32_t *claim_at, *claim_ix; /* sentence s: claim_ix[claim_at[s] .. claim_at[s + 1]) */
    uint32_t *actor_at, *actor_ix;
    uint32_t *place_at, *place_ix;
    /* the actors named before their country was known (actor_m.generic 2),
     * in order; NULL until assign_actors first asks */
    uint32_t *unplaced;
    size_t n_unplaced;
    /* the trigger phrases of sentence s, once asked (trig_known[s]):
     * trig[first .. first + trig_n[s]) where first is the sentence's first
     * token; a sentence holds at most one phrase start per token */
    unsigned char *trig_known;
    uint32_t *trig_n;
    trigger_at *trig;
};

typedef struct {
    const uint32_t *ix; /* indices into a->claims or a->actors, ascending */
    size_t n;
} members;

/* Counting sort by the `int sentence` at byte `off` of each of n elements. */
static void index_by_sentence(size_t nsent, const void *base, size_t n, size_t size, size_t off, uint32_t **at,
                              uint32_t **ix)
{
    *at = calloc(nsent + 2, sizeof **at);
    *ix = malloc((n + 1) * sizeof **ix);
    if (!*at || !*ix)
        abort();
    const char *b = base;
    for (size_t k = 0; k < n; k++) {
        int s;
        memcpy(&s, b + k * size + off, sizeof s);
        if (s >= 0 && (size_t)s < nsent)
            (*at)[s + 2]++;
    }
    for (size_t s = 0; s < nsent; s++)
        (*at)[s + 2] += (*at)[s + 1];
    for (size_t k = 0; k < n; k++) {
        int s;
        memcpy(&s, b + k * size + off, sizeof s);
        if (s >= 0 && (size_t)s < nsent)
            (*ix)[(*at)[s + 1]++] = (uint32_t)k;
    }
    /* now at[s] .. at[s + 1] is sentence s */
}

static void sentence_index_init(analysis *a)
{
    struct sentence_index *x = calloc(1, sizeof *x);
    if (!x)
        abort();
    index_by_sentence(a->td.nsent, a->claims, a->nclaims, sizeof *a->claims, offsetof(claim, sentence), &x->claim_at,
                      &x->claim_ix);
    index_by_sentence(a->td.nsent, a->actors, a->nactors, sizeof *a->actors, offsetof(actor_m, sentence),
                      &x->actor_at, &x->actor_ix);
    index_by_sentence(a->td.nsent, a->places, a->nplaces, sizeof *a->places, offsetof(place_m, sentence),
                      &x->place_at, &x->place_ix);
    x->trig_known = calloc(a->td.nsent + 1, 1);
    x->trig_n = malloc((a->td.nsent + 1) * sizeof *x->trig_n);
    x->trig = malloc((a->td.ntok + 1) * sizeof *x->trig);
    if (!x->trig_known || !x->trig_n || !x->trig)
        abort();
    a->by_sentence = x;
}

static void sentence_index_free(analysis *a)
{
    struct sentence_index *x = a->by_sentence;
    if (x) {
        free(x->claim_at);
        free(x->claim_ix);
        free(x->actor_at);
        free(x->actor_ix);
        free(x->place_at);
        free(x->place_ix);
        free(x->unplaced);
        free(x->trig_known);
        free(x->trig_n);
        free(x->trig);
        free(x);
    }
    a->by_sentence = NULL;
}

static members claims_of(const analysis *a, int s)
{
    const struct sentence_index *x = a->by_sentence;
    if (s < 0 || (size_t)s >= a->td.nsent)
        return (members){NULL, 0};
    return (members){x->claim_ix + x->claim_at[s], x->claim_at[s + 1] - x->claim_at[s]};
}

static members actors_of(const analysis *a, int s)
{
    const struct sentence_index *x = a->by_sentence;
    if (s < 0 || (size_t)s >= a->td.nsent)
        return (members){NULL, 0};
    return (members){x->actor_ix + x->actor_at[s], x->actor_at[s + 1] - x->actor_at[s]};
}

static members places_of(const analysis *a, int s)
{
    const struct sentence_index *x = a->by_sentence;
    if (s < 0 || (size_t)s >= a->td.nsent)
        return (members){NULL, 0};
    return (members){x->place_ix + x->place_at[s], x->place_at[s + 1] - x->place_at[s]};
}

/* The trigger phrases of a sentence, in text order, as the walks of
 * nonevent_level_for and find_trigger read them: the longest phrase at a
 * token, then on after it.  Asked by both and by several event rules for
 * every sentence; found once. */
static const trigger_at *sentence_triggers(const analysis *a, const sentence *se, size_t *n)
{
    struct sentence_index *x = a->by_sentence;
    size_t s = (size_t)(se - a->td.sent);
    trigger_at *tg = x->trig + se->first;
    if (!x->trig_known[s]) {
        size_t nt = 0, end = se->first + se->count;
        token_bloom bloom;
        bloom.made = 0;
        uint16_t bit = lex_mark_bit(a->t->triggers, &a->td);
        for (size_t i = se->first; i < end; i++) {
            size_t len;
            if (bit && !(a->td.tok[i].lexmask & bit))
                continue; /* starts no trigger phrase: lex_match's own first test */
            if (!lex_match(a->t->triggers, &a->td, i, end, &len))
                continue;
            const lex_entry *r = reading(a, se, i, &len, &bloom);
            tg[nt++] = (trigger_at){(uint32_t)i, (uint32_t)len, r};
            i += len - 1;
        }
        x->trig_n[s] = (uint32_t)nt;
        x->trig_known[s] = 1;
    }
    *n = x->trig_n[s];
    return tg;
}

/* An actor that fights: state forces, rebels, militias, external forces,
 * not a government or its officials speaking. */
static int armed(const actor_m *m)
{
    return (m->inter >= 1 && m->inter <= 4) || m->inter == 8 ? strncmp(m->name, "Government of", 13) != 0 : 0;
}

static int claims_in(const analysis *a, int s, int outcome)
{
    int n = 0;
    members mc = claims_of(a, s);
    for (size_t q = 0; q < mc.n; q++)
        n += outcome < 0 || a->claims[mc.ix[q]].outcome == (enum outcome)outcome;
    return n;
}

/* A weak violence word ("attack", "explosion", "shooting") is political
 * violence only with an armed actor, a weapon or a victim in its sentence:
 * "prices exploded", "an attack on the budget" are not events. */
static const char *const weapons[] = {"gun",      "guns",     "gunfire",  "rifle",     "rifles",  "machete",
                                          "machetes", "knife",    "knives",   "explosive", "explosives", "bullets",
                                          "bullet",   "weapons",  "firearms", "ammunition", "gunshot", "gunshots",
                                          "grenade",  "grenades", "bomb",     "bombs",     "armed",   "arson"};

static int weapon_word(const text_doc *td, const sentence *se)
{
    return sent_has_any(td, se, weapons, ARRAY_LEN(weapons));
}

static int grounded(const analysis *a, const sentence *se, int s)
{
    members ma = actors_of(a, s);
    for (size_t q = 0; q < ma.n; q++)
        if (armed(&a->actors[ma.ix[q]]))
            return 1;
    if (claims_in(a, s, -1))
        return 1;
    return weapon_word(&a->td, se);
}

/* "confirmed dead by the police", "reported by the army": a force after
 * "by" that vouches for a figure is a source, not a side. */
static int confirmed_by(const text_doc *td, const sentence *se, const actor_m *m)
{
    static const char *const vouch[] = {"confirmed", "reported", "announced", "identified", "verified"};
    size_t k = m->tok;
    if (k > se->first && tok_is(td, k - 1, "the"))
        k--;
    if (k == se->first || !tok_is(td, k - 1, "by"))
        return 0;
    for (size_t j = k - 1; j-- > se->first && k - 1 - j <= 3;)
        if (tok_is_any(td, j, vouch, ARRAY_LEN(vouch)))
            return 1;
    return 0;
}

/* "Police have identified the victims", "Deputies are investigating the
 * shooting", "Officers responded to": a force that investigates an incident
 * after the fact is no side of it (local US reports open this way).  Of a
 * violent event (`violent`) the whole vocabulary of police work after a
 * shooting counts: "police were called to", "are searching for the
 * gunman", "have arrested a suspect", "are asking anyone with
 * information", "police say they found" -- an arrest is the act of an
 * Arrests event, but only the aftermath of a shooting. */
static const char *const after_fact_aux[] = {"have", "has", "had", "are", "is", "were", "was", "later", "also",
                                            "still", "did", "do", "does", "not", "continue", "continues",
                                            "continued", "to", "quickly", "soon", "then", "now", "been",
                                            "currently", "initially", "originally", "first", "yet", "immediately",
                                            "could", "would", "cannot", "can", "able", "officially", "earlier",
                                            "aren't", "isn't", "don't", "didn't", "haven't", "hasn't", "hadn't",
                                            "couldn't", "wouldn't", "weren't", "wasn't", "doesn't", "n't", "'t"};
static const char *const after_fact_nouns[] = {"department", "officers", "officer", "officials", "detectives",
                                              "investigators", "spokesman", "spokeswoman", "spokesperson",
                                              "homicide", "unit", "sgt", "lt", "chief", "sheriff", "office",
                                              "patrol", "csi", "supt", "superintendent", "commissioner", "cmdr",
                                              "'s", "."};
static const char *const after_fact_verbs[] = {"identified", "investigating", "investigate", "investigated",
                                              "responded", "arrived", "named"};
static const char *const aftermath_verbs[] = {
    "called",    "dispatched", "searching", "search",   "looking",    "arrested",   "charged",  "booked",
    "received",  "believe",    "believed",  "trying",   "asking",     "seeking",    "learned",  "determined",
    "interviewing", "reviewing", "canvassing", "processing", "notified", "released", "withheld", "urging",
    "urge",      "detained",  "questioned", "questioning", "collected", "cordoned", "closed",
    "confirm",   "release",   "comment",    "provide",    "disclose",   "identify",   "calling",
    "described", "ask",       "asked",      "working",    "look",       "found",
    /* what police know, think or do with the case (no act of force) */
    "continuing", "attempting", "checking", "offering", "reporting", "responding", "sorting", "identifying",
    "include", "expect", "know", "think", "suspect", "tell", "told", "treating", "examining", "figuring",
    "saying", "unsure", "sure", "unclear", "need", "interviewed", "alerted", "find", "investigation",
    "determine", "trying", "hoping", "hope", "declined", "refused", "monitoring", "monitor", "confirmed",
    "charging", "offered", "explained", "listed", "examine", "handling", "wrapped", "revealed", "want",
    "add", "adds", "added", "concluded", "aware", "discover", "uncover", "contacted"};
/* Police work on a scene after a shooting that an army's troops do in the
 * middle of a fight ("troops secured the town", "recovered weapons"): of
 * the police only. */
static const char *const police_aftermath_verbs[] = {"sealed", "blocked", "secured", "recovered", "located",
                                                     "obtained", "issued", "filed", "got", "indicated", "ruled",
                                                     "inspect", "inspected", "combed", "shut", "taped", "towed",
                                                     "conducted", "searched", "tried", "planned", "spent", "rushed",
                                                     "saw", "estimate", "removing", "scramble"};
static const char *const case_objects[] = {"a", "an", "no", "one", "few", "someone", "any", "video", "two", "the"};

static int police_force(const actor_m *m) { return !strncmp(m->name, "Police Forces", 13); }

static int investigates(const text_doc *td, const sentence *se, const actor_m *m, int violent)
{
    /* "Police on Thursday identified", "Deputies Sunday night were
     * investigating": the day of the statement sits between force and verb */
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", "today", "yesterday"};
    static const char *const parts[] = {"morning", "afternoon", "evening", "night"};
    size_t end = se->first + se->count;
    size_t j = m->tok + (m->ntok ? m->ntok : 1);
    if (violent) /* "the police department is", "police Sgt. Ray Lopez said" */
        for (size_t n = 0; j < end && n < 3 && tok_is_any(td, j, after_fact_nouns, ARRAY_LEN(after_fact_nouns)); n++)
            j++;
    /* "Police and paramedics found", "the Memphis Police Department and
     * Memphis Fire Department are on the scene": another agency with it */
    /* "shot by police in Woodlawn is charged", "gunfire between police and
     * the gunman": a force after a preposition is not the subject of the
     * words that follow it */
    static const char *const preps[] = {"by", "between", "with", "of", "against", "on", "at", "from"};
    size_t b = m->tok;
    while (b > se->first && ((td->tok[b - 1].flags & TOK_CAP) || tok_is(td, b - 1, "the")))
        b--;
    int object = b > se->first && tok_is_any(td, b - 1, preps, ARRAY_LEN(preps));
    if (violent && police_force(m) && !object && j + 1 < end && tok_is(td, j, "and")) {
        size_t k = j + 1 + (tok_is(td, j + 1, "the"));
        size_t n = 0;
        while (k < end && n < 5 && (td->tok[k].flags & TOK_CAP))
            k++, n++;
        if (!n && k < end && !(td->tok[k].flags & TOK_PUNCT))
            k++;
        if (k > j + 1)
            j = k;
    }
    /* "Police in Rockford are investigating", "Police in Chester, Delaware
     * County confirm": the force's town between it and its verb */
    if (violent && police_force(m) && !object && j + 1 < end && tok_is(td, j, "in") &&
        (td->tok[j + 1].flags & TOK_CAP)) {
        size_t k = j + 1;
        for (size_t n = 0; k < end && n < 5 &&
                           ((td->tok[k].flags & TOK_CAP) ||
                            (tok_is(td, k, ",") && k + 1 < end && (td->tok[k + 1].flags & TOK_CAP)));
             n++)
            k++;
        j = k + (k < end && tok_is(td, k, ",")); /* "Police in Rockford, Illinois, are" */
    }
    /* "Spanish Fork police, who are investigating" */
    if (violent && j + 1 < end && tok_is(td, j, ",") && tok_is(td, j + 1, "who"))
        j += 2;
    size_t d = j + (j < end && tok_is(td, j, "on"));
    if (d < end && (tok_is(td, d, "early") || tok_is(td, d, "late")))
        d++; /* "police late Saturday were investigating" */
    if (d < end && tok_is_any(td, d, days, ARRAY_LEN(days))) {
        j = d + 1;
        if (j < end && tok_is_any(td, j, parts, ARRAY_LEN(parts)))
            j++;
    }
    size_t aux0 = j;
    for (size_t n = 0; j < end && n < 3 && tok_is_any(td, j, after_fact_aux, ARRAY_LEN(after_fact_aux)); n++)
        j++;
    if (violent && m->inter == 1 && j < end && j > aux0) {
        /* "police have a suspect in custody", "police had few details":
         * have as the main verb, of a case and not a fight */
        static const char *const have[] = {"have", "has", "had"};
        if (tok_is_any(td, j - 1, have, ARRAY_LEN(have)) &&
            tok_is_any(td, j, case_objects, ARRAY_LEN(case_objects)))
            return 1;
        /* "police have not said", "police did not say": no statement made */
        if (tok_is(td, j, "said") || tok_is(td, j, "say") || tok_is(td, j, "released") || tok_is(td, j, "made"))
            return 1;
    }
    /* "police say they found", "police said they were called" */
    if (violent && j + 1 < end && (tok_is(td, j, "say") || tok_is(td, j, "says") || tok_is(td, j, "said"))) {
        size_t k = j + 1;
        if (k < end && tok_is(td, k, "that"))
            k++;
        if (k < end && tok_is(td, k, "they")) {
            j = k + 1;
            for (size_t n = 0; j < end && n < 3 && tok_is_any(td, j, after_fact_aux, ARRAY_LEN(after_fact_aux)); n++)
                j++;
        }
    }
    if (j >= end)
        return 0;
    /* "police continue their search for the killer" */
    if (violent && police_force(m) && j + 1 < end && tok_is(td, j, "their") &&
        (tok_is(td, j + 1, "search") || tok_is(td, j + 1, "investigation")))
        return 1;
    if (violent && m->inter == 1 && j + 2 < end && (tok_is(td, j, "on") || tok_is(td, j, "at")) &&
        tok_is(td, j + 1, "the") && tok_is(td, j + 2, "scene"))
        return 1; /* "police are on the scene of a shooting" */
    if (tok_is(td, j, "found") && j + 1 < end && tok_is(td, j + 1, "and"))
        return 0; /* "troops found and killed five militants": the act itself */
    return tok_is_any(td, j, after_fact_verbs, ARRAY_LEN(after_fact_verbs)) ||
           (violent && m->inter == 1 && tok_is_any(td, j, aftermath_verbs, ARRAY_LEN(aftermath_verbs))) ||
           (violent && police_force(m) &&
            tok_is_any(td, j, police_aftermath_verbs, ARRAY_LEN(police_aftermath_verbs)));
}

/* "Witnesses told police", "turned himself in to police", "according to
 * the Memphis Police Department", "was found by police", "police tape",
 * "a police spokeswoman": of a violent event a force that is told, called,
 * or does the paperwork of the aftermath -- or a word that only qualifies
 * another noun -- is no side of it.  A force after "by" still acts when the
 * verb before is harm ("shot by police" keeps police as the shooter): only
 * the verbs of police routine below count. */
static int police_not_acting(const text_doc *td, const sentence *se, const actor_m *m)
{
    static const char *const lead[] = {"to", "told", "tell", "tells", "telling", "call", "called", "calling",
                                       "contact", "contacted", "give", "gave", "notify", "notified", "alerted",
                                       "phoned", "into", "asked", "helped", "helping", "sending", "leaving",
                                       "led", "seeing"};
    /* "a release from police", "Sgt. Jane Doe with the city police", "a
     * spokesman for the police": the force a statement or a person comes
     * from ("a gunfight with police" is a fight: not these) */
    static const char *const papers[] = {"release", "releases", "statement", "statements", "information",
                                         "report", "reports", "records", "data", "update", "spokesman",
                                         "spokeswoman", "spokesperson", "cooperating", "cooperate", "speaking",
                                         "spoke", "talking", "talked", "working", "investigators", "detectives"};
    static const char *const routine[] = {"found", "taken", "recovered", "charged", "wanted", "arrested",
                                          "released", "detained", "questioned", "interviewed", "contacted",
                                          "notified", "called", "stopped", "apprehended", "booked",
                                          "transported", "sought", "located", "discovered", "seized",
                                          "provided", "obtained", "reviewed", "investigated", "custody",
                                          "conducted", "investigation", "search", "statement", "release",
                                          "towed", "handled", "led", "run", "issued", "confirmed", "reported",
                                          "linked", "tied"};
    /* not "police station", "police vehicle": an attack's target */
    static const char *const qualified[] = {"tape", "report", "reports", "camera", "scanner", "records", "record", "log", "sources",
                                            "affidavit", "release", "statement", "spokesman", "spokeswoman",
                                            "spokesperson", "lt", "sgt", "capt", "detective", "detectives",
                                            "investigator", "investigators", "chief", "dispatch", "dispatcher",
                                            "union", "academy", "tip", "hotline", "line", "commissioner",
                                            "superintendent", "lieutenant", "cpl", "captain", "sergeant", "news",
                                            "squad", "presence", "escort", "sirens", "custody", "k9", "response",
                                            "video", ":", "investigation", "scanners", "department's"};
    size_t end = se->first + se->count;
    size_t after = m->tok + (m->ntok ? m->ntok : 1);
    /* "the Chicago Police Department spokesman": past the rest of the name */
    for (size_t n = 0; after < end && n < 2 && (tok_is(td, after, "department") || tok_is(td, after, "dept") ||
                                              tok_is(td, after, "bureau") ||
                                              (td->tok[after].flags & TOK_POSS));
         n++)
        after++;
    if (after < end && tok_is_any(td, after, qualified, ARRAY_LEN(qualified)))
        return 1;
    /* "call the ... Police Department at 555-0100" */
    if (after + 1 < end && tok_is(td, after, "at") && (td->tok[after + 1].flags & TOK_NUM))
        return 1;
    /* "..., police and the medical examiner's office said.": a source with another */
    if (after < end && tok_is(td, after, "and"))
        for (size_t i = after + 1; i < end && i <= after + 8 && !tok_is(td, i, ","); i++)
            if ((tok_is(td, i, "said") || tok_is(td, i, "say") || tok_is(td, i, "says")) &&
                (i + 1 >= end || tok_is(td, i + 1, ".")))
                return 1;
    /* before the name: its town ("Memphis", "Los Angeles") and "the" */
    size_t k = m->tok;
    for (size_t n = 0; k > se->first && n < 5 && ((td->tok[k - 1].flags & TOK_CAP) || tok_is(td, k - 1, "the") ||
                                                   (td->tok[k - 1].flags & TOK_POSS) ||
                                                   tok_is(td, k - 1, "city") || tok_is(td, k - 1, "county") ||
                                                   tok_is(td, k - 1, "state"));
         n++)
        k--;
    if (k == se->first)
        return 0;
    if (tok_is_any(td, k - 1, lead, ARRAY_LEN(lead)))
        return 1;
    /* "according to the medical examiner's office and police" */
    if (tok_is(td, k - 1, "and"))
        for (size_t i = k - 1; i-- > se->first && k - 1 - i <= 12;)
            if (tok_is(td, i, "according"))
                return 1;
    int person = k - 1 > se->first && (td->tok[k - 2].flags & TOK_CAP); /* "Jane Doe with", "Doe of" */
    if ((tok_is(td, k - 1, "from") || tok_is(td, k - 1, "with") || tok_is(td, k - 1, "for") ||
         tok_is(td, k - 1, "of")) &&
        k - 1 > se->first &&
        ((person && !tok_is(td, k - 1, "from")) || tok_is_any(td, k - 2, papers, ARRAY_LEN(papers))))
        return 1;
    /* "said Jane Doe, Wichita Police Department." */
    if (tok_is(td, k - 1, ",") && person && (after >= end || tok_is(td, after, ".") || tok_is(td, after, ";")))
        return 1;
    if (tok_is(td, k - 1, "by") && k - 1 > se->first) {
        size_t v = k - 2;
        if (v > se->first && (tok_is(td, v, "later") || tok_is(td, v, "quickly")))
            v--;
        return tok_is_any(td, v, routine, ARRAY_LEN(routine));
    }
    return 0;
}

/* The target of an attack is armed: another armed actor than the first,
 * dead or wounded soldiers or fighters, or a military target ("attacked a
 * military base", "an army patrol").  ACLED codes that as a battle. */
static int armed_target(const analysis *a, const sentence *se, int s)
{
    static const char *const targets[] = {"base",     "bases",   "patrol",    "patrols",   "checkpoint",
                                          "checkpoints", "outpost", "outposts", "barracks",  "positions",
                                          "garrison", "troops",  "soldiers",  "post",      "posts"};
    const actor_m *first = NULL;
    members ma = actors_of(a, s);
    for (size_t q = 0; q < ma.n; q++) {
        const actor_m *m = &a->actors[ma.ix[q]];
        if (!armed(m) || m->speaker || confirmed_by(&a->td, se, m))
            continue;
        if (!first)
            first = m;
        else if (strcmp(first->name, m->name) && first->inter != m->inter)
            return 1;
    }
    int civ = 0, fighters = 0;
    members mc = claims_of(a, s);
    for (size_t q = 0; q < mc.n; q++) {
        const claim *c = &a->claims[mc.ix[q]];
        civ |= c->vcat == VIC_CIVILIAN;
        /* "four of the attackers were killed": the attackers' own dead say
         * someone fought back, not that the target was armed */
        fighters |= c->vcat == VIC_STATE ||
                    (c->vcat == VIC_NONSTATE && strcmp(c->label, "attackers") && strcmp(c->label, "gunmen"));
    }
    if (civ)
        return 0;
    if (fighters)
        return 1;
    return sent_has_any(&a->td, se, targets, ARRAY_LEN(targets));
}

/* A weapon found, defused or stopped before it did harm ("police found a
 * bomb", "an explosive device was defused", "troops seized rifles and
 * grenades", "air defences intercepted two drones") is ACLED's "Disrupted
 * weapons use", not an explosion.  The verb stands before the weapon word
 * (active) or after it (passive: "were discovered"); a sentence that counts
 * dead or hurt, or says the device went off, is an explosion after all. */
static int disrupted_weapon(const analysis *a, const sentence *se, int s, const trigger_m *tr)
{
    static const char *const found[] = {"found",     "discovered", "defused",     "defuse",      "defusing",
                                        "recovered", "seized",     "confiscated", "dismantled",  "neutralised",
                                        "neutralized", "unearthed", "uncovered",  "intercepted", "disarmed",
                                        "recovering", "seizing",   "finding",     "discovering", "defuses"};
    static const char *const active_only[] = {"destroyed", "destroying"};
    static const char *const stopped[] = {"intercepted", "downed"};
    static const char *const went_off[] = {"exploded", "detonated", "blew", "went", "ripped", "tore", "killing",
                                           "wounding", "injuring", "hit", "struck", "targeted", "targeting"};
    const text_doc *td = &a->td;
    size_t first = se->first, end = se->first + se->count;
    int remote = !strcmp(tr->sub, "Air/drone strike") || !strcmp(tr->sub, "Shelling/artillery/missile attack");
    if (claims_in(a, s, OUT_KILLED) || claims_in(a, s, OUT_INJURED))
        return 0;
    for (size_t i = first; i < end; i++)
        if (tok_is_any(td, i, went_off, ARRAY_LEN(went_off)))
            return 0;
    size_t lo = tr->tok > first + 10 ? tr->tok - 10 : first;
    size_t hi = tr->tok + tr->ntok + 6 < end ? tr->tok + tr->ntok + 6 : end;
    for (size_t i = lo; i < hi; i++) {
        if (i >= tr->tok && i < tr->tok + tr->ntok)
            continue;
        if (remote) { /* only an interception stops a drone or a missile */
            if (tok_is_any(td, i, stopped, ARRAY_LEN(stopped)) ||
                (tok_is(td, i, "shot") && i + 1 < end && tok_is(td, i + 1, "down")))
                return 1;
            continue;
        }
        if (tok_is_any(td, i, found, ARRAY_LEN(found)) ||
            (i < tr->tok && tok_is_any(td, i, active_only, ARRAY_LEN(active_only))))
            return 1;
    }
    return 0;
}

static int coordinated(const analysis *a, const actor_m *x, const actor_m *y);

/* The other side left before the place was taken ("after government troops
 * pulled out", "withdrew from the town", "without a fight"): ACLED codes
 * that as a non-violent transfer of territory, not a battle. */
static int taken_without_fight(const text_doc *td, const sentence *se)
{
    static const char *const left[] = {"withdrew", "withdrawn", "withdrawal", "vacated", "pullout", "handed"};
    static const char *const det[] = {"the", "their", "its", "his", "a"};
    static const char *const fight[] = {"resistance", "fight", "fighting", "shot", "clashes", "battle"};
    size_t end = se->first + se->count;
    for (size_t i = se->first; i < end; i++) {
        if (tok_is_any(td, i, left, ARRAY_LEN(left)))
            return 1;
        if (tok_is(td, i, "pulled") && i + 1 < end && tok_is(td, i + 1, "out"))
            return 1;
        /* "abandoned their positions", not "motorbikes lying abandoned" */
        if (tok_is(td, i, "abandoned") && i + 1 < end && tok_is_any(td, i + 1, det, ARRAY_LEN(det)))
            return 1;
        if (tok_is(td, i, "without") && i + 2 < end &&
            (tok_is_any(td, i + 1, fight, ARRAY_LEN(fight)) || tok_is_any(td, i + 2, fight, ARRAY_LEN(fight))))
            return 1;
    }
    return 0;
}

/* Protests are often about a killing: "demanding justice for two students
 * killed in a road accident", "over the death of a motorist", "protesting
 * the killing of".  Such dead are the grievance, not victims of force at the
 * protest.  1 if some killed claim of sentence s is not a grievance. */
static int harm_at_protest(const analysis *a, const sentence *se, int s, enum outcome outcome)
{
    static const char *const grievance[] = {"for",      "over",     "against",  "protesting", "protest",
                                            "demanding", "following", "acquittal", "death",     "deaths",
                                            "killing",  "killings", "murder",   "justice",    "mourn",
                                            "mourning", "anniversary", "commemorate", "after"};
    const text_doc *td = &a->td;
    if (nonevent_level(a, se) >= 5)
        return 0; /* "killed in a road accident" */
    members mc = claims_of(a, s);
    for (size_t q = 0; q < mc.n; q++) {
        const claim *c = &a->claims[mc.ix[q]];
        if (c->outcome != outcome)
            continue;
        size_t i = se->first;
        while (i < se->first + se->count && td->tok[i].end <= c->sp.start)
            i++;
        int cause = 0;
        for (size_t j = i > se->first + 4 ? i - 4 : se->first; j <= i && j < se->first + se->count && !cause; j++)
            cause = tok_is_any(td, j, grievance, ARRAY_LEN(grievance));
        if (!cause)
            return 1;
    }
    return 0;
}

/* A blame or a claim of responsibility in the sentence ("blamed", "claimed
 * the attack", "said it carried out the attack"). */
static int blames_in(const text_doc *td, const sentence *se)
{
    static const char *const v[] = {"blamed", "blames", "blaming", "accused", "accuses", "accusing",
                                    "responsibility", "responsible", "claimed", "claims", "claiming", "carried"};
    return sent_has_any(td, se, v, ARRAY_LEN(v));
}

/* The reading of a trigger in its sentence's context:
 *   - an attack on an armed target is a battle (armed clash);
 *   - taking a place is "Government regains territory" when state forces
 *     take it and "Non-state actor overtakes territory" otherwise, whatever
 *     the verb ("recaptured", "seized", "took control");
 *   - a protest where people were killed met excessive force. */
static void refine_trigger(const analysis *a, const sentence *se, int s, trigger_m *tr)
{
    tr->type = tr->e->attr[0];
    tr->sub = tr->e->attr[1];
    tr->prio = tr->e->num[2];
    static const char *const crowd[] = {"protest",     "protests",  "protesters",    "protestors",
                                        "demonstrators", "demonstration", "demonstrations", "rally",
                                        "march",         "sit-in"};
    if (!strcmp(tr->sub, "Attack") && tr->prio <= 6) {
        /* "police shot dead eight protesters" */
        for (size_t i = se->first; i < se->first + se->count; i++)
            if (tok_is_any(&a->td, i, crowd, ARRAY_LEN(crowd)) &&
                !month_march(&a->td, i, se->first, se->first + se->count)) {
                tr->type = "Protests";
                tr->sub = "Excessive force against protesters";
                tr->prio = 10;
                return;
            }
    }
    if (!strcmp(tr->sub, "Attack") && tr->prio <= 6 && armed_target(a, se, s)) {
        tr->type = "Battles";
        tr->sub = "Armed clash";
        return;
    }
    if (!strcmp(tr->type, "Explosions/Remote violence") && strcmp(tr->sub, "Chemical weapon") &&
        disrupted_weapon(a, se, s, tr)) {
        tr->type = "Strategic developments";
        tr->sub = "Disrupted weapons use";
        return;
    }
    /* "the device blew up as soldiers tried to defuse it, killing two": the
     * attempt failed, and the blast is the event. */
    if (!strcmp(tr->sub, "Disrupted weapons use") && (claims_in(a, s, OUT_KILLED) || claims_in(a, s, OUT_INJURED))) {
        static const char *const blew[] = {"exploded", "detonated", "blew", "explosion", "blast", "went"};
        for (size_t i = se->first; i < se->first + se->count; i++)
            if (tok_is_any(&a->td, i, blew, ARRAY_LEN(blew))) {
                tr->type = "Explosions/Remote violence";
                tr->sub = "Remote explosive/landmine/IED";
                return;
            }
    }
    if (!strcmp(tr->sub, "Government regains territory") || !strcmp(tr->sub, "Non-state actor overtakes territory")) {
        /* the taker: the nearest actor before the verb, not a target; of a
         * group named together ("the Syrian army and allied fighters"),
         * the first, which the others back */
        const actor_m *taker = NULL;
        members ma = actors_of(a, s);
        for (size_t q = 0; q < ma.n; q++) {
            const actor_m *m = &a->actors[ma.ix[q]];
            if (m->tok < tr->tok && m->side != 2 && armed(m) && !(taker && coordinated(a, taker, m)))
                taker = m;
        }
        for (size_t q = 0; !taker && q < ma.n; q++) /* "...was retaken by the army" */
            if (a->actors[ma.ix[q]].side == 1 && armed(&a->actors[ma.ix[q]]))
                taker = &a->actors[ma.ix[q]];
        if (taker)
            tr->sub = taker->inter == 1 ? "Government regains territory" : "Non-state actor overtakes territory";
        if (taken_without_fight(&a->td, se)) {
            tr->type = "Strategic developments";
            tr->sub = "Non-violent transfer of territory";
        }
        return;
    }
    /* "arrested an activist on charges of organising an illegal protest":
     * held for a protest, not at one. */
    if (!strcmp(tr->sub, "Protest with intervention") &&
        (tok_is(&a->td, tr->tok, "arrested") || tok_is(&a->td, tr->tok, "detained"))) {
        static const char *const charge[] = {"organising", "organizing", "organised", "organized", "inciting",
                                             "incited",    "charges",    "charged",   "accused",   "accusing"};
        for (size_t i = se->first; i < se->first + se->count; i++)
            if (tok_is_any(&a->td, i, charge, ARRAY_LEN(charge))) {
                tr->type = "Strategic developments";
                tr->sub = "Arrests";
                return;
            }
    }
    /* "Dozens were injured as police fired rubber bullets and tear gas":
     * force that wounds peaceful protesters is excessive (ACLED). */
    if (!strcmp(tr->sub, "Protest with intervention") && harm_at_protest(a, se, s, OUT_INJURED)) {
        tr->sub = "Excessive force against protesters";
        tr->prio = 10;
        return;
    }
    if (!strcmp(tr->type, "Protests") && strcmp(tr->sub, "Excessive force against protesters") &&
        harm_at_protest(a, se, s, OUT_KILLED)) {
        tr->sub = "Excessive force against protesters";
        tr->prio = 10;
    }
}

/* "the scene of a deadly 2017 chemical weapons attack", "the 2015 nuclear
 * agreement", "after the 2021 coup": a past year written before the noun
 * names an earlier event the report recalls, not today's. */
static int past_year_modifier(const analysis *a, size_t i, size_t first)
{
    const text_doc *td = &a->td;
    for (size_t back = 1; back <= 3 && back <= i - first; back++) {
        size_t k = i - back;
        const char *w = tok_key(td, k);
        if ((td->tok[k].flags & TOK_NUM) && strlen(w) == 4) {
            /* a determiner before it ("a deadly 2017 attack"): a year, not a
             * count ("2000 protesters marched") */
            static const char *const det[] = {"a", "an", "the", "its", "their", "his", "her", "that", "this"};
            int y = atoi(w);
            int d = k > first && (tok_is_any(td, k - 1, det, ARRAY_LEN(det)) ||
                                  (k - 1 > first && (td->tok[k - 1].flags & TOK_WORD) &&
                                   !(td->tok[k - 1].flags & TOK_CAP) && tok_is_any(td, k - 2, det, ARRAY_LEN(det))));
            return d && y >= 1900 && y < a->report.year;
        }
        if (!(td->tok[k].flags & TOK_WORD) || (td->tok[k].flags & TOK_CAP))
            return 0;
    }
    return 0;
}

/* The trigger at i sits in a clause of what came before: "after fighting",
 * "following a clash between", "amid clashes". */
static int after_clause(const text_doc *td, size_t i, size_t first)
{
    static const char *const before[] = {"after", "following", "amid", "during"};
    for (size_t back = 1; back <= 4 && back <= i - first; back++)
        if (tok_is_any(td, i - back, before, ARRAY_LEN(before)))
            return 1;
    return 0;
}

/* A trigger that only describes someone ("a commander whose unit carried
 * out a mortar attack", "rebels it accused of carrying out a chlorine
 * attack", "the group blamed for the bombing") names an earlier act: any
 * other trigger of the sentence is what happened. */
static int described_act(const text_doc *td, size_t i, size_t first)
{
    static const char *const cue[] = {"accused", "accusing", "accuses", "blamed", "blaming", "blames",
                                      "responsible", "behind"};
    static const char *const rel[] = {"that", "who", "which", "whose"};
    static const char *const did[] = {"carried", "staged", "conducted", "launched", "claimed", "mounted"};
    for (size_t back = 1; back <= 8 && back <= i - first; back++) {
        size_t k = i - back;
        if (td->tok[k].flags & TOK_PUNCT)
            return 0;
        if (back <= 6 && tok_is_any(td, k, cue, ARRAY_LEN(cue)))
            return 1;
        /* "suspected of carrying out", not "suspected suicide bombers" */
        if ((tok_is(td, k, "suspected") || tok_is(td, k, "suspects")) &&
            (tok_is(td, k + 1, "of") || tok_is(td, k + 1, "in")))
            return 1;
        /* "that carried out", "whose unit had staged" */
        if (tok_is_any(td, k, rel, ARRAY_LEN(rel)))
            for (size_t j = k + 1; j < i; j++)
                if (tok_is_any(td, j, did, ARRAY_LEN(did)))
                    return 1;
    }
    return 0;
}

/* "Separately, ...", "Elsewhere, ...", "In another attack, ...": the report
 * turns to a second incident. */
static int another_incident(const text_doc *td, const sentence *se)
{
    static const char *const words[] = {"separately", "elsewhere", "another", "meanwhile", "separate", "earlier",
                                        "later"};
    for (size_t i = se->first; i < se->first + se->count && i < se->first + 4; i++)
        if (tok_is_any(td, i, words, ARRAY_LEN(words)))
            return 1;
    return 0;
}

static int crowd_type(const char *type) { return !strcmp(type, "Protests") || !strcmp(type, "Riots"); }

/* "marched in a peaceful protest over the deadly officer-involved shooting",
 * "protesting the killing of": in a sentence about a crowd, the violence the
 * crowd protests is its grievance, not force used at the protest. */
static int grievance_act(const text_doc *td, size_t i, size_t first, size_t end)
{
    static const char *const crowd[] = {"protest", "protests", "protesters", "protestors", "demonstrators",
                                        "demonstration", "demonstrations", "rally", "marched", "vigil"};
    static const char *const cause[] = {"over", "against", "protesting", "justice", "following", "denouncing",
                                        "condemning", "decrying"};
    int about = 0;
    for (size_t k = first; k < end && !about; k++)
        about = tok_is_any(td, k, crowd, ARRAY_LEN(crowd));
    if (!about)
        return 0;
    for (size_t back = 1; back <= 4 && back <= i - first; back++) {
        if (td->tok[i - back].flags & TOK_PUNCT)
            return 0;
        if (tok_is_any(td, i - back, cause, ARRAY_LEN(cause)))
            return 1;
    }
    return 0;
}

/* "making it difficult to confirm reports of fighting", "could not
 * independently verify claims of shelling": a trigger that is what a
 * reporter could not check is a caveat about the coverage, not an incident
 * told.  A report that was confirmed ("officials confirmed reports of
 * fighting") is one, so the check must have failed: a negation or a
 * difficulty word shortly before the verb. */
static const char *const hearsay_nouns[] = {"reports", "report", "claims", "accounts", "allegations", "rumours",
                                            "rumors"};
static const char *const check_verbs[] = {"confirm", "verify", "corroborate", "substantiate", "confirmed", "verified"};
static const char *const check_failed[] = {"not", "cannot", "unable", "difficult", "impossible", "hard", "without",
                                           "no", "never"};

static int unverified_report(const text_doc *td, size_t i, size_t first)
{
    size_t k = i;
    /* "reports of heavy fighting", "reports of the attack" */
    for (int n = 0; n < 3 && k > first && !tok_is(td, k - 1, "of") && (td->tok[k - 1].flags & TOK_WORD); n++)
        k--;
    if (k < first + 3 || !tok_is(td, k - 1, "of") || !tok_is_any(td, k - 2, hearsay_nouns, ARRAY_LEN(hearsay_nouns)))
        return 0;
    size_t v = k - 2;
    /* "verify the reports of", "confirm independently reports of", "verify any reports of" */
    for (int n = 0; n < 2 && v > first && (tok_is(td, v - 1, "the") || tok_is(td, v - 1, "any") ||
                                          tok_is(td, v - 1, "independently") || tok_is(td, v - 1, "these"));
         n++)
        v--;
    if (v == first || !tok_is_any(td, v - 1, check_verbs, ARRAY_LEN(check_verbs)))
        return 0;
    for (size_t q = v - 1, n = 0; q > first && n < 4; q--, n++)
        if (tok_is_any(td, q - 1, check_failed, ARRAY_LEN(check_failed)))
            return 1;
    return 0;
}

static int find_trigger(const analysis *a, const sentence *se, trigger_m *out)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count;
    int found = 0;
    int bestp = -1;
    int veto = nonevent_level(a, se);
    int s = (int)(se - a->td.sent);
    int ground = -1; /* computed once, when a weak trigger needs it */
    trigger_m prop = {0}; /* the first property-destruction trigger */
    int wide = -1;        /* modals reach their whole clause (no toll in the sentence) */
    int crime = -2;       /* non-events that silence arrests; computed when needed */
    size_t nt;
    const trigger_at *tg = sentence_triggers(a, se, &nt);
    for (size_t q = 0; q < nt; q++) {
        size_t i = tg[q].tok, n = tg[q].ntok;
        const lex_entry *e = tg[q].r;
        if (!e || nonevent(e) || (n == 1 && month_march(td, i, se->first, end)) ||
            past_year_modifier(a, i, se->first) || unverified_report(td, i, se->first))
            continue;
        int p0 = e->num[2]; /* the phrase's own strength: veto and grounding */
        int p = p0;
        if (described_act(td, i, se->first) ||
            (!strcmp(e->attr[0], "Violence against civilians") && grievance_act(td, i, se->first, end)))
            p = p > 6 ? p - 6 : 0; /* ranks low; still the trigger when it is the only one */
        int ana = anaphoric(td, i, se->first);
        /* A disaster silences violence and also troop movements ("the army
         * mobilised to help flood victims" is relief, not a development of
         * the conflict). */
        int silenced = p0 <= veto && (violent_type(e->attr[0]) || !strcmp(e->attr[1], "Change to group/activity"));
        /* "arrested ten people over counterfeit notes": an arrest for
         * ordinary crime is no political event */
        if (!strcmp(e->attr[1], "Arrests")) {
            if (crime < -1)
                crime = nonevent_level_for(a, se, "Arrests");
            silenced |= p0 <= crime;
        }
        if (wide < 0)
            wide = !claims_in(a, s, -1);
        int ok = p > bestp && !silenced && !negated_wide(td, i, se->first, wide && !ana);
        if (ok && p0 <= 5 && !ana && violent_type(e->attr[0])) {
            if (ground < 0)
                ground = grounded(a, se, s);
            ok = ground;
        }
        if (!strcmp(e->attr[1], "Looting/property destruction") && !prop.e && !negated(td, i, se->first)) {
            prop.e = e;
            prop.tok = i;
            prop.ntok = n;
        }
        if (ok) {
            bestp = p;
            out->e = e;
            out->tok = i;
            out->ntok = n;
            out->anaphor = ana;
            found = 1;
        }
    }
    /* Property destroyed and nobody hurt: ACLED's "Looting/property
     * destruction", even when the sentence also says "attacks" ("attacks on
     * shops", "shops were looted in xenophobic attacks") or names the fighting
     * it followed ("destroyed following a clash", "looted after fighting"). */
    if (found && prop.e && !claims_in(a, s, OUT_KILLED) && !claims_in(a, s, OUT_INJURED) &&
        !claims_in(a, s, OUT_ABDUCTED)) {
        const char *bt = out->e->attr[0], *bs = out->e->attr[1];
        int bp = out->e->num[2];
        int weak_attack = !strcmp(bt, "Violence against civilians") && !strcmp(bs, "Attack") && bp <= 5;
        int prior_fight = !strcmp(bt, "Battles") && bp <= 7 && after_clause(td, out->tok, se->first);
        if (weak_attack || prior_fight)
            *out = prop;
    }
    if (found)
        refine_trigger(a, se, s, out);
    return found;
}

static int ranges_overlap(const event *e, civil_date first, civil_date last)
{
    if (!e->date_known)
        return 1;
    return date_to_days(first) <= date_to_days(e->last) && date_to_days(e->first) <= date_to_days(last);
}

/* Can an event of this kind dated from df be e?  A dated one must overlap (see
 * ranges_overlap); one dated only by a statement about it ("police said
 * Sunday") happened on or before that statement. */
static int date_compatible(const event *e, civil_date df)
{
    if (e->date_known)
        return 1;
    return !e->said_precision || date_to_days(df) <= date_to_days(e->said_last);
}

static int places_differ(const event *e, const place_m *p)
{
    if (!e->has_place || !p)
        return 0;
    if (e->place.precision == 3 || p->precision == 3)
        return 0; /* a region or country does not contradict a town in it */
    return strcmp(e->place.name, p->name) != 0;
}

/* Appends v unless it is already the last: an event's sentences are added in
 * text order, once each, and a claim joins one event only when it has none
 * yet (claim.event), so a repeat can only be the sentence just added; a
 * search of the whole array made an event with many claims quadratic. */
static void add_int(int **arr, size_t *n, size_t *cap, int v)
{
    if (*n && (*arr)[*n - 1] == v)
        return;
    *arr = grow_array(*arr, cap, *n, sizeof **arr);
    (*arr)[(*n)++] = v;
}

/* A whole country: no region, no part of it ("Mali", not "northern Mali"). */
static int whole_country(const place_m *p) { return p->resolved && p->g.kind == GAZ_COUNTRY && !p->part; }

/* A country or a part of one, wider than any of its regions. */
static int wider_than_region(const place_m *p) { return p->resolved && (p->g.kind == GAZ_COUNTRY || p->part); }

/* 1 if p narrows the country place c: a region of c's country when c is a
 * country or a part of one, or a part of c when c is the whole country. */
static int narrows_country(const place_m *p, const place_m *c)
{
    if (!p->resolved || !c->resolved || p == c || strcmp(p->g.iso2, c->g.iso2) != 0)
        return 0;
    if (!p->part && (p->g.kind == GAZ_ADMIN1 || p->g.kind == GAZ_ADMIN2))
        return 1;
    return p->part && whole_country(c);
}

/* 1 if mention p only says where a source is: "an official in Juba told
 * Reuters", "police in Kano said", "sources from Maiduguri" -- a source of
 * data/sources.tsv right before "in" or "from" and the place.  The
 * speaker's town is not where the event happened when the sentence says
 * where something happened ("... that 25 civilians were killed in
 * Cueibet"); a place merely named ("talks between Israel and ...") does
 * not. */
static int speaker_place(const analysis *a, const place_m *p)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[p->sentence];
    if (p->tok < se->first + 2 || !(tok_is(td, p->tok - 1, "in") || tok_is(td, p->tok - 1, "from")))
        return 0;
    size_t stop = p->tok - 1;
    for (size_t j = stop >= se->first + 4 ? stop - 4 : se->first; j < stop; j++) {
        size_t len;
        if (lex_match(a->t->sources, td, j, stop, &len) && j + len == stop)
            return 1;
    }
    return 0;
}

/* Place of a sentence: its first locative place, else its first place.  A
 * dateline names the office and a qualifier ("N.C.") only narrows a town:
 * neither is a sentence's place (see dateline_place). */
static const place_m *sentence_place(const analysis *a, int s)
{
    const place_m *best = NULL;
    members mp = places_of(a, s);
    int others = 0; /* locative places of the sentence outside a source's phrase */
    for (size_t q = 0; q < mp.n; q++) {
        const place_m *p = &a->places[mp.ix[q]];
        others += p->role == PLACE_BODY && p->locative && !speaker_place(a, p);
    }
    for (size_t q = 0; q < mp.n; q++) {
        const place_m *p = &a->places[mp.ix[q]];
        if (p->role != PLACE_BODY || (others && speaker_place(a, p)))
            continue;
        int rank = (p->precision < 3 ? 2 : 0) + p->locative;
        int brank = best ? (best->precision < 3 ? 2 : 0) + best->locative : -1;
        if (rank > brank)
            best = p;
    }
    /* "In Mali, gunmen killed ten villagers near the Mopti region's border",
     * "killed six people in Nigeria on Sunday ... in Borno state": a region
     * of the country says more than the country, wherever in the sentence
     * each stands and whichever a locative introduces; and "northern Mali"
     * more than a bare "Mali". */
    for (size_t q = 0; q < mp.n && best && best->precision == 3 && wider_than_region(best); q++) {
        const place_m *p = &a->places[mp.ix[q]];
        if (p->role == PLACE_BODY && p->precision == 3 && narrows_country(p, best))
            best = p;
    }
    return best;
}

/* The dateline's town, when the body names no town of its own: then the
 * office is the best evidence of where it happened ("GRAHAM, N.C. (AP) --
 * A man was shot dead at a gas station"). */
static const place_m *dateline_place(const analysis *a)
{
    const place_m *d = NULL;
    for (size_t k = 0; k < a->nplaces; k++)
        if (a->places[k].role == PLACE_DATELINE) {
            d = &a->places[k];
            break;
        }
    if (!d)
        return NULL;
    /* The body naming the dateline's own town again confirms it. */
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *p = &a->places[k];
        if (p->role == PLACE_BODY && p->precision < 3 &&
            !(p->resolved && d->resolved && p->g.kind == d->g.kind && p->g.id == d->g.id &&
              !strcmp(p->g.name, d->g.name)))
            return NULL;
    }
    return d;
}

/* The dateline's town when the body names it again: the report is about
 * its own town ("PATERSON -- A boy was shot ... on a block in Paterson"),
 * whatever other towns it names on the way. */
static const place_m *dateline_repeated(const analysis *a)
{
    const place_m *d = NULL;
    for (size_t k = 0; k < a->nplaces; k++)
        if (a->places[k].role == PLACE_DATELINE) {
            d = &a->places[k];
            break;
        }
    if (!d || !d->resolved || d->g.kind != GAZ_PLACE)
        return NULL;
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *p = &a->places[k];
        if (p->role == PLACE_BODY && p->resolved && p->g.kind == GAZ_PLACE && p->g.id == d->g.id &&
            !strcmp(p->g.name, d->g.name))
            return d;
    }
    return NULL;
}

/* The admin-1 region of p's state, at precision 3, in *region; NULL if
 * the gazetteer has none. */
static const place_m *state_of(const analysis *a, const place_m *p, place_m *region)
{
    if (!p->g.admin1[0])
        return NULL;
    gaz_place c[16];
    size_t n = gaz_lookup(a->t->gaz, p->g.admin1, strlen(p->g.admin1), c, 16);
    for (size_t k = 0; k < n && k < 16; k++)
        if (c[k].kind == GAZ_ADMIN1 && !strcmp(c[k].iso2, p->g.iso2)) {
            memset(region, 0, sizeof *region);
            snprintf(region->name, sizeof region->name, "%s", c[k].name);
            region->g = c[k];
            region->resolved = 1;
            region->precision = 3;
            region->role = PLACE_BODY;
            region->sp = p->sp;
            region->sentence = p->sentence;
            return region;
        }
    return NULL;
}

/* A report that names no town but one county or state ("The Navarro County
 * Sheriff's Office is investigating ... a man shot his wife"): that region,
 * rather than the country.  Its one admin-2 region when it names only
 * that one (with or without the state it is in); the state, when its
 * counties all lie in one; its one admin-1 region; else, when it names no
 * region at all, the one part of a country it names ("in northern
 * Nigeria"); NULL when it names regions of several states, or none. */
static const place_m *report_region(const analysis *a, place_m *region)
{
    const place_m *a1 = NULL, *a2 = NULL, *part = NULL;
    int one_county = 1, one_part = 1;
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *p = &a->places[k];
        if (p->role != PLACE_BODY || !p->resolved)
            continue;
        if (p->part) {
            if (part && (strcmp(part->g.iso2, p->g.iso2) != 0 || part->g.lat != p->g.lat || part->g.lon != p->g.lon))
                one_part = 0;
            part = part ? part : p;
            continue;
        }
        if (p->g.kind == GAZ_ADMIN1) {
            if (a1 && (a1->g.id != p->g.id || strcmp(a1->g.name, p->g.name) != 0))
                return NULL;
            a1 = p;
        } else if (p->g.kind == GAZ_ADMIN2) {
            if (a2 && (strcmp(a2->g.iso2, p->g.iso2) != 0 || strcmp(a2->g.admin1, p->g.admin1) != 0))
                return NULL; /* counties of two states */
            if (a2 && (a2->g.id != p->g.id || strcmp(a2->g.name, p->g.name) != 0))
                one_county = 0;
            a2 = a2 ? a2 : p;
        }
    }
    if (a2 && a1 && (strcmp(a2->g.iso2, a1->g.iso2) != 0 || strcmp(a2->g.admin1, a1->g.admin1) != 0))
        return NULL; /* a county of another state */
    if (a2)
        return one_county ? a2 : a1 ? a1 : state_of(a, a2, region);
    if (a1)
        return a1;
    return part && one_part ? part : NULL;
}

/* When no sentence of the report's one event names its place: the town the
 * report names, if it names one (a local report on one shooting names its town
 * once, often far from the sentence that tells the shooting: "the victim
 * was found ... Kokomo police said"); the region, when all the towns it
 * names lie in one admin-1 region, at precision 3; else nothing (the
 * caller falls back to the country).  *region receives the region's
 * entry. */
static const place_m *report_town(const analysis *a, place_m *region)
{
    const place_m *first = NULL;
    int one_town = 1, one_region = 1;
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *p = &a->places[k];
        if (p->role != PLACE_BODY || !p->resolved || p->g.kind != GAZ_PLACE || p->precision >= 3)
            continue;
        if (!first) {
            first = p;
            continue;
        }
        if (p->g.id != first->g.id || strcmp(p->g.name, first->g.name) != 0)
            one_town = 0;
        if (strcmp(p->g.iso2, first->g.iso2) != 0 || strcmp(p->g.admin1, first->g.admin1) != 0)
            one_region = 0;
    }
    if (!first)
        return report_region(a, region);
    if (one_town)
        return first;
    if (!one_region)
        return NULL;
    return state_of(a, first, region);
}

/* A region or country place does not contradict a town inside it. */
static int place_within(const place_m *town, const place_m *wide)
{
    if (!town->resolved)
        return 0;
    if (!wide->resolved)
        return 1;
    if (strcmp(town->g.iso2, wide->g.iso2) != 0)
        return 0;
    return wide->g.kind != GAZ_ADMIN1 || strcmp(town->g.admin1, wide->g.admin1) == 0;
}

static void set_place(event *e, const place_m *p)
{
    if (!p)
        return;
    /* At one precision, a region (or a part) of the event's country narrows
     * the country a sentence before named ("Gunmen killed nine people in
     * Nigeria ... The attack hit a village in Plateau state"). */
    if (!e->has_place || p->precision < e->place.precision ||
        (p->precision == e->place.precision && !e->place.resolved && p->resolved && p->precision < 3) ||
        (p->precision == 3 && e->place.precision == 3 && wider_than_region(&e->place) &&
         narrows_country(p, &e->place))) {
        e->place = *p;
        e->has_place = 1;
    }
}

static void set_date(event *e, civil_date first, civil_date last, int prec, span sp)
{
    int64_t f = date_to_days(first), l = date_to_days(last);
    if (!e->date_known) {
        e->first = first;
        e->last = last;
        e->time_precision = prec;
        e->date_sp = sp;
        e->date_known = 1;
        return;
    }
    /* A more precise date inside the known range refines it ("late July"
     * then "on July 25"); a wider one that overlaps extends it only when it
     * is a continuation (same precision). */
    if (prec < e->time_precision || (l - f) < (date_to_days(e->last) - date_to_days(e->first))) {
        if (prec == 1 && e->time_precision == 1) {
            /* two day-precise ranges: keep the union */
            if (f < date_to_days(e->first))
                e->first = first;
            if (l > date_to_days(e->last))
                e->last = last;
        } else {
            e->first = first;
            e->last = last;
            e->time_precision = prec;
            e->date_sp = sp;
        }
    } else if (prec == e->time_precision && prec == 1 && l > date_to_days(e->last))
        e->last = last;
}

static event *new_event(tally_events *out, const char *type, const char *sub, int prio)
{
    out->ev = grow_array(out->ev, &out->cap, out->n, sizeof *out->ev);
    event *e = &out->ev[out->n++];
    memset(e, 0, sizeof *e);
    e->event_type = type;
    e->sub_event_type = sub;
    e->priority = prio;
    return e;
}

/* Type for a sentence that reports casualties without a trigger word. */
static void type_from_claims(const analysis *a, int s, const char **type, const char **sub)
{
    *type = NULL;
    /* "floods killed 66", "a traffic accident killed five": no event */
    if (nonevent_level(a, &a->td.sent[s]) > 0)
        return;
    members mc = claims_of(a, s);
    for (size_t q = 0; q < mc.n; q++) {
        const claim *c = &a->claims[mc.ix[q]];
        if (c->outcome == OUT_ARRESTED && nonevent_level_for(a, &a->td.sent[s], "Arrests") > 0)
            return; /* held for ordinary crime */
        if (c->outcome == OUT_ABDUCTED) {
            *type = "Violence against civilians";
            *sub = "Abduction/forced disappearance";
        } else if (c->outcome == OUT_ARRESTED) {
            *type = "Strategic developments";
            *sub = "Arrests";
        } else if (c->vcat == VIC_STATE || c->vcat == VIC_NONSTATE) {
            *type = "Battles";
            *sub = "Armed clash";
        } else {
            *type = "Violence against civilians";
            *sub = "Attack";
        }
        return;
    }
}

/* Tokens between two mentions that keep them in one group ("X and Y",
 * "X and its Y", "X, Y", "X with Y"). */
static int coordinated(const analysis *a, const actor_m *x, const actor_m *y)
{
    if (x->sentence != y->sentence)
        return 0;
    const actor_m *l = x->tok < y->tok ? x : y, *r = x->tok < y->tok ? y : x;
    static const char *const glue[] = {"and", ",", "its", "their", "the", "allied", "allies", "with", "from",
                                       "backed", "by", "\"", "“", "”", "russian"};
    for (size_t i = l->tok + l->ntok; i < r->tok; i++)
        if (!tok_is_any(&a->td, i, glue, ARRAY_LEN(glue)))
            return 0;
    return r->tok - (l->tok + l->ntok) <= 6;
}

static void append_name(char *list, size_t cap, const char *name)
{
    if (strstr(list, name))
        return;
    size_t n = strlen(list);
    snprintf(list + n, cap - n, "%s%s", n ? "; " : "", name);
}

static int in_victims(const analysis *a, const actor_m *m)
{
    members mc = claims_of(a, m->sentence);
    for (size_t q = 0; q < mc.n; q++) {
        const claim *c = &a->claims[mc.ix[q]];
        if (m->sp.start >= c->sp.start && m->sp.end <= c->sp.end)
            return 1;
        if (c->source_span.end > c->source_span.start &&
            m->sp.start < c->source_span.end && c->source_span.start < m->sp.end)
            return 1;
    }
    return 0;
}

static const char *const blame_verbs[] = {"blamed", "blames", "blaming", "accused", "accuses", "accusing"};

/* The blame verb whose object m is ("X blamed Y and Z for the strikes",
 * "accused Y of carrying out"), or (size_t)-1. */
static size_t blame_verb_of(const analysis *a, const actor_m *m)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[m->sentence];
    size_t v = (size_t)-1;
    for (size_t i = se->first; i < m->tok; i++) {
        if (tok_is_any(td, i, blame_verbs, ARRAY_LEN(blame_verbs)))
            v = i;
        else if (v != (size_t)-1 && (tok_is(td, i, "for") || tok_is(td, i, "over") ||
                                     (tok_is(td, i, "of") && i + 1 < m->tok &&
                                      strlen(tok_key(td, i + 1)) > 4 &&
                                      !strcmp(tok_key(td, i + 1) + strlen(tok_key(td, i + 1)) - 3, "ing"))))
            v = (size_t)-1; /* the blame's object has ended */
    }
    return v;
}

/* Who gave the blame at verb v: the actor named last before it, else the
 * words before it ("Residents blamed ..."). */
static void blame_source(const analysis *a, int s, size_t v, char *out, size_t cap)
{
    out[0] = '\0';
    members ma = actors_of(a, s);
    for (size_t q = 0; q < ma.n; q++)
        if (a->actors[ma.ix[q]].tok + a->actors[ma.ix[q]].ntok <= v)
            str_copy(out, cap, a->actors[ma.ix[q]].name);
    if (out[0])
        return;
    const sentence *se = &a->td.sent[s];
    size_t from = v > se->first + 4 ? v - 4 : se->first;
    while (from < v && (tok_is(&a->td, from, "the") || (a->td.tok[from].flags & TOK_PUNCT)))
        from++;
    if (from < v)
        span_copy(a->doc->text, (span){a->td.tok[from].start, a->td.tok[v - 1].end}, out, cap);
}

/* A source of the blame given at verb v? (the one who blames is no actor) */
static int blames_at(const analysis *a, const actor_m *m)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[m->sentence];
    for (size_t i = m->tok + m->ntok; i < se->first + se->count && i <= m->tok + m->ntok + 3; i++)
        if (tok_is_any(td, i, blame_verbs, ARRAY_LEN(blame_verbs)))
            return 1;
    return 0;
}

/* A target named inside reported speech after the trigger ("suspended the
 * channel, alleging accusations were made against the army") is the
 * speaker's, not this event's. */
static int reported_target(const analysis *a, const event *e, const actor_m *m)
{
    static const char *const speech[] = {"alleging", "alleged", "accusing", "accusations", "allegations"};
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[m->sentence];
    size_t from = se->first;
    for (size_t t = 0; t < e->ntriggers; t++)
        for (size_t i = se->first; i < m->tok; i++)
            if (td->tok[i].start == e->triggers[t].start)
                from = i;
    for (size_t i = from; i < m->tok; i++)
        if (tok_is_any(td, i, speech, ARRAY_LEN(speech)))
            return 1;
    return 0;
}

/* A claim of responsibility by m, the group's own word that it did the
 * event: "Islamic State claimed responsibility for the bombing", "JNIM,
 * which claimed the attack", "the attack was claimed by JNIM", "JNIM said
 * it carried out the attack" (or "was behind", "was responsible for").
 * A denial ("denied carrying out"), "claimed the lives of" and a generic
 * word ("no group has claimed responsibility") are no claim. */
static int claims_responsibility(const analysis *a, const actor_m *m)
{
    static const char *const claim_v[] = {"claimed", "claims", "claiming", "claim"};
    static const char *const did[] = {"carried", "conducted", "staged", "launched", "mounted", "behind",
                                      "responsible", "perpetrated"};
    static const char *const neg[] = {"denied", "denies", "deny", "denying", "not", "no", "never", "rejected"};
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[m->sentence];
    size_t end = se->first + se->count, after = m->tok + m->ntok;
    if (m->generic || m->inter < 2 || m->inter > 4)
        return 0; /* a state force's "claimed to have killed" is a report of its act */
    /* "the attack was claimed by JNIM", "claimed by the Islamic State group" */
    size_t k = m->tok;
    while (k > se->first && tok_is(td, k - 1, "the"))
        k--;
    if (k >= se->first + 2 && tok_is(td, k - 1, "by") && tok_is_any(td, k - 2, claim_v, ARRAY_LEN(claim_v)))
        return 1;
    /* "X claimed ...", "X, which claimed ...", "X has since claimed ...", "X said it carried out ..." */
    for (size_t i = after; i < end && i <= after + 8; i++) {
        if (tok_is_any(td, i, neg, ARRAY_LEN(neg)))
            return 0;
        if (tok_is_any(td, i, claim_v, ARRAY_LEN(claim_v))) {
            if (i > after + 4 && !tok_is(td, i - 1, "which") && !tok_is(td, i - 1, "has") &&
                !tok_is(td, i - 1, "have") && !tok_is(td, i - 1, "later"))
                return 0; /* too far from its subject */
            if (i + 1 < end && (tok_is(td, i + 1, "the") && i + 2 < end && tok_is(td, i + 2, "lives")))
                return 0; /* "claimed the lives of" */
            if (i + 1 < end && tok_is(td, i + 1, "lives"))
                return 0;
            return 1;
        }
        if ((tok_is(td, i, "said") || tok_is(td, i, "says")) && i + 1 < end) {
            /* "said it carried out", "said its fighters had staged", "said in a statement it was behind" */
            for (size_t j = i + 1; j < end && j <= i + 8; j++) {
                if (tok_is_any(td, j, neg, ARRAY_LEN(neg)))
                    return 0;
                if ((tok_is(td, j, "it") || tok_is(td, j, "its") || tok_is(td, j, "they") || tok_is(td, j, "we")) &&
                    j + 1 < end)
                    for (size_t d = j + 1; d < end && d <= j + 4; d++)
                        if (tok_is_any(td, d, did, ARRAY_LEN(did)))
                            return 1;
            }
            return 0;
        }
    }
    return 0;
}

/* "No group has claimed responsibility, but Boko Haram is active in the
 * area", "There was no immediate claim of responsibility": the groups such a
 * sentence names are suspects, not the perpetrator. */
static int unclaimed(const text_doc *td, const sentence *se)
{
    static const char *const claim_v[] = {"claimed", "claims", "claim", "claiming"};
    static const char *const none[] = {"no", "nobody", "not", "yet", "none"};
    for (size_t i = se->first; i < se->first + se->count; i++)
        if (tok_is_any(td, i, claim_v, ARRAY_LEN(claim_v)))
            for (size_t k = i > se->first + 4 ? i - 4 : se->first; k < i; k++)
                if (tok_is_any(td, k, none, ARRAY_LEN(none)))
                    return 1;
    return 0;
}

static void country_of_event(const analysis *a, const event *e, char *out, size_t cap);

static void set_actor(char *name, size_t cap, int *inter, span *sp, const actor_m *m)
{
    str_copy(name, cap, m->name);
    *inter = m->inter;
    if (sp)
        *sp = m->sp;
}

static void add_blame(event *e, const char *actor, const char *source)
{
    for (int k = 0; k < e->nblame; k++)
        if (!strcmp(e->blame[k].actor, actor))
            return;
    if (e->nblame == (int)ARRAY_LEN(e->blame))
        return;
    str_copy(e->blame[e->nblame].actor, sizeof e->blame[0].actor, actor);
    str_copy(e->blame[e->nblame].source, sizeof e->blame[0].source, source);
    e->nblame++;
}

static void country_of_event(const analysis *a, const event *e, char *out, size_t cap)
{
    gaz_country gc;
    const char *iso = e->place.g.iso2[0] ? e->place.g.iso2 : a->country;
    if (iso[0] && gaz_country_by_iso(a->t->gaz, iso, &gc))
        str_copy(out, cap, gc.name);
    else
        out[0] = '\0';
}

/* "Civilians (Mali)", "Protesters (Kenya)": a group named by its country. */
static void group_name(const analysis *a, const event *e, const char *group, char *out, size_t cap)
{
    char cn[64];
    country_of_event(a, e, cn, sizeof cn);
    if (cn[0])
        snprintf(out, cap, "%s (%s)", group, cn);
    else
        str_copy(out, cap, group);
}

/* "a protest against the junta", "marched against police brutality": the
 * force is what the crowd protests, not one that stepped in. */
static int grievance_target(const text_doc *td, const actor_m *m)
{
    size_t first = td->sent[m->sentence].first;
    size_t k = m->tok;
    while (k > first && (tok_is(td, k - 1, "the") || tok_is(td, k - 1, "military") || tok_is(td, k - 1, "ruling")))
        k--;
    return k > first && (tok_is(td, k - 1, "against") || tok_is(td, k - 1, "denouncing") ||
                         tok_is(td, k - 1, "condemning"));
}

/* Protests and riots in ACLED's terms: the crowd is actor1 ("Protesters
 * (Country)", "Rioters (Country)"), and the force that intervened actor2;
 * excessive force is the force's act, so the force is actor1 and the
 * protesters actor2.  A peaceful protest has no actor2. */
static void crowd_actors(const analysis *a, event *e)
{
    int riot = !strcmp(e->event_type, "Riots");
    const char *sub = e->sub_event_type;
    const actor_m *force = NULL;
    for (size_t si = 0; si < e->nsents && !force; si++) {
        members ma = actors_of(a, e->sents[si]);
        for (size_t q = 0; q < ma.n && !force; q++) {
            const actor_m *m = &a->actors[ma.ix[q]];
            if (m->inter == 1 && armed(m) && !m->speaker &&
                !grievance_target(&a->td, m))
                force = m;
        }
    }
    char crowd[96];
    group_name(a, e, riot ? "Rioters" : "Protesters", crowd, sizeof crowd);
    int cinter = riot ? 5 : 6;
    char target[96] = "";
    int tinter = 0;
    if (!strcmp(sub, "Mob violence") && e->actor2[0] && e->inter2 != 5 && e->inter2 != 6) {
        str_copy(target, sizeof target, e->actor2); /* the mob's victims */
        tinter = e->inter2;
    }
    e->assoc1[0] = e->assoc2[0] = '\0';
    e->actor1_sp = e->actor2_sp = (span){0, 0};
    if (!strcmp(sub, "Excessive force against protesters")) {
        if (force)
            set_actor(e->actor1, sizeof e->actor1, &e->inter1, &e->actor1_sp, force);
        else {
            e->actor1[0] = '\0';
            e->inter1 = 0;
        }
        str_copy(e->actor2, sizeof e->actor2, crowd);
        e->inter2 = cinter;
        return;
    }
    str_copy(e->actor1, sizeof e->actor1, crowd);
    e->inter1 = cinter;
    e->actor2[0] = '\0';
    e->inter2 = 0;
    if (!strcmp(sub, "Peaceful protest"))
        return;
    if (!target[0] && !strcmp(sub, "Mob violence")) {
        group_name(a, e, "Civilians", target, sizeof target); /* a lynching's victim */
        tinter = 7;
    }
    if (target[0]) {
        str_copy(e->actor2, sizeof e->actor2, target);
        e->inter2 = tinter;
    } else if (force)
        set_actor(e->actor2, sizeof e->actor2, &e->inter2, &e->actor2_sp, force);
}

/* "the army said it had killed 30 militants": the speaker tells of its own
 * act ("it", "its forces", "they", "we"), not of someone else's. */
static int speaks_of_itself(const analysis *a, const actor_m *m)
{
    static const char *const self[] = {"it", "its", "they", "their", "we", "our"};
    const sentence *se = &a->td.sent[m->sentence];
    /* "Islamic State claimed a bombing": a claim of responsibility */
    size_t after = m->tok + m->ntok;
    if (after < se->first + se->count && (tok_is(&a->td, after, "claimed") || tok_is(&a->td, after, "claims")))
        return 1;
    /* "the army said on Monday it had ...": a few words on, past the date.
     * Not "police said it appears the shooting ..." (no one's "it") nor
     * "police said their investigation showed" (the case, not an act). */
    static const char *const empty_it[] = {"appears", "appeared", "appear", "seems", "seemed", "seem",
                                           "happened", "occurred", "looks", "looked", "remains", "remained"};
    static const char *const casework[] = {"investigation", "preliminary", "initial", "inquiry", "probe",
                                           "investigators", "detectives", "records", "report"};
    size_t end = se->first + se->count;
    for (size_t i = m->tok + m->ntok; i < end && i <= m->tok + m->ntok + 5; i++)
        if (tok_is_any(&a->td, i, self, ARRAY_LEN(self))) {
            if (i + 1 < end && tok_is(&a->td, i, "it") && tok_is_any(&a->td, i + 1, empty_it, ARRAY_LEN(empty_it)))
                continue;
            if (i + 1 < end && (tok_is(&a->td, i, "its") || tok_is(&a->td, i, "their")) &&
                tok_is_any(&a->td, i + 1, casework, ARRAY_LEN(casework)))
                continue;
            return 1;
        }
    /* "according to the army, its troops killed ..." */
    for (size_t i = se->first; i < se->first + se->count; i++)
        if ((i < m->tok || i >= m->tok + m->ntok) && tok_is_any(&a->td, i, self + 1, 1))
            return 1;
    return 0;
}

static void assign_actors(const analysis *a, event *e, const claim *claims)
{
    /* A place handed over has two sides as a battle does: the one that took
     * it and the one that left ("after government troops withdrew"). */
    int battle = !strcmp(e->event_type, "Battles") || !strcmp(e->sub_event_type, "Non-violent transfer of territory");
    const actor_m *a1 = NULL, *a2 = NULL;
    const actor_m *victim = NULL; /* an armed actor counted among the dead */
    const actor_m *claimant = NULL; /* the group that claimed the event */
    for (size_t si = 0; si < e->nsents; si++) {
        int s = e->sents[si];
        int by = 0; /* "Y were killed by X": an actor after "by" makes those before it targets */
        int no_claim = -1; /* unclaimed(se), asked once for the sentence when a mention needs it */
        const sentence *se = &a->td.sent[s];
        members ma = actors_of(a, s);
        for (size_t q = 0; q < ma.n; q++)
            by |= a->actors[ma.ix[q]].side == 1 && !confirmed_by(&a->td, se, &a->actors[ma.ix[q]]);
        for (size_t q = 0; q < ma.n; q++) {
            const actor_m *m = &a->actors[ma.ix[q]];
            if (m->inter == 7 && m->speaker)
                continue; /* "residents said" */
            /* the claimant speaks of its own act: recorded, and actor1 below
             * if the report names no perpetrator of its own */
            int claimed = claims_responsibility(a, m);
            if (claimed) {
                if (!claimant)
                    claimant = m;
                add_blame(e, m->name, m->name);
            }
            if (confirmed_by(&a->td, se, m) || investigates(&a->td, se, m, violent_type(e->event_type)) ||
                (police_force(m) && violent_type(e->event_type) && police_not_acting(&a->td, se, m)))
                continue; /* "confirmed dead by the police": a source; "police identified": an investigator */
            if (m->speaker && !speaks_of_itself(a, m) && !claimed)
                continue; /* "..., police said": a source; its own acts below */
            if (in_victims(a, m)) {
                if (!victim && armed(m) && !m->speaker)
                    victim = m;
                continue;
            }
            if (no_claim < 0)
                no_claim = unclaimed(&a->td, se);
            if (no_claim)
                continue;
            size_t v = blame_verb_of(a, m);
            if (v != (size_t)-1) {
                char src[96];
                blame_source(a, s, v, src, sizeof src);
                add_blame(e, m->name, src);
                continue;
            }
            if (blames_at(a, m))
                continue;
            int side = m->inter == 7 ? 2 : m->side; /* civilians are acted upon */
            if (!side && by) {
                for (size_t r = q + 1; r < ma.n; r++)
                    if (a->actors[ma.ix[r]].side == 1 && !coordinated(a, m, &a->actors[ma.ix[r]]))
                        side = 2;
            }
            /* a mention coordinated with a target is a target too (only
             * mentions of one sentence are coordinated) */
            for (size_t r = 0; r < q && !side; r++)
                if (a->actors[ma.ix[r]].side == 2 && coordinated(a, &a->actors[ma.ix[r]], m))
                    side = 2;
            if (side == 2 && reported_target(a, e, m))
                continue;
            if (!strcmp(m->name, e->actor1) || !strcmp(m->name, e->actor2))
                continue;
            if (side == 2) {
                if (!e->actor2[0]) {
                    set_actor(e->actor2, sizeof e->actor2, &e->inter2, &e->actor2_sp, m);
                    a2 = m;
                } else if (a2 && coordinated(a, a2, m))
                    append_name(e->assoc2, sizeof e->assoc2, m->name);
                continue;
            }
            if (!e->actor1[0]) {
                set_actor(e->actor1, sizeof e->actor1, &e->inter1, &e->actor1_sp, m);
                a1 = m;
            } else if (coordinated(a, a1 ? a1 : m, m)) {
                append_name(e->assoc1, sizeof e->assoc1, m->name);
            } else {
                /* named with another mention of actor1 in this sentence? */
                int joined = 0;
                for (size_t r = 0; r < ma.n && !joined; r++)
                    joined = !strcmp(a->actors[ma.ix[r]].name, e->actor1) && coordinated(a, &a->actors[ma.ix[r]], m);
                if (joined)
                    append_name(e->assoc1, sizeof e->assoc1, m->name);
                else if (battle && !e->actor2[0] && !m->speaker) {
                    set_actor(e->actor2, sizeof e->actor2, &e->inter2, &e->actor2_sp, m);
                    a2 = m;
                }
            }
        }
    }
    /* A blame names the perpetrator only when nothing else does. */
    if (!e->actor1[0] && e->nblame) {
        str_copy(e->actor1, sizeof e->actor1, e->blame[0].actor);
        for (size_t k = 0; k < a->nactors; k++)
            if (!strcmp(a->actors[k].name, e->blame[0].actor)) {
                e->inter1 = a->actors[k].inter;
                break;
            }
        for (int k = 1; k < e->nblame; k++)
            if (!strcmp(e->blame[k].source, e->blame[0].source))
                append_name(e->assoc1, sizeof e->assoc1, e->blame[k].actor);
    }
    /* "the army said it had killed 30 militants": with no other actor, the
     * speaker is the one who acted. */
    if (!e->actor1[0]) {
        for (size_t si = 0; si < e->nsents && !e->actor1[0]; si++) {
            members ma = actors_of(a, e->sents[si]);
            for (size_t q = 0; q < ma.n; q++) {
                const actor_m *m = &a->actors[ma.ix[q]];
                if (m->speaker && armed(m) && strcmp(m->name, e->actor2) && !blames_at(a, m) &&
                    speaks_of_itself(a, m) &&
                    !investigates(&a->td, &a->td.sent[m->sentence], m, violent_type(e->event_type))) {
                    set_actor(e->actor1, sizeof e->actor1, &e->inter1, &e->actor1_sp, m);
                    break;
                }
            }
        }
    }
    /* "Unidentified Armed Group" named before the country was known (the
     * report's few such mentions, listed once: sentence_index) */
    struct sentence_index *x = a->by_sentence;
    if (!x->unplaced) {
        x->unplaced = malloc((a->nactors + 1) * sizeof *x->unplaced);
        if (!x->unplaced)
            abort();
        for (size_t k = 0; k < a->nactors; k++)
            if (a->actors[k].generic == 2)
                x->unplaced[x->n_unplaced++] = (uint32_t)k;
    }
    for (size_t q = 0; q < x->n_unplaced; q++) {
        const actor_m *m = &a->actors[x->unplaced[q]];
        char cn[64];
        country_of_event(a, e, cn, sizeof cn);
        if (!cn[0])
            break;
        if (!strcmp(e->actor1, m->name))
            snprintf(e->actor1, sizeof e->actor1, "%.60s (%.30s)", m->name, cn);
        if (!strcmp(e->actor2, m->name))
            snprintf(e->actor2, sizeof e->actor2, "%.60s (%.30s)", m->name, cn);
    }
    /* A claim of responsibility names the perpetrator that the report's
     * "gunmen" or "assailants" left unnamed (ACLED codes the claimant); a
     * perpetrator named by the report itself stands. */
    if (claimant && (!e->actor1[0] || !strncmp(e->actor1, "Unidentified Armed Group", 24))) {
        set_actor(e->actor1, sizeof e->actor1, &e->inter1, &e->actor1_sp, claimant);
        e->assoc1[0] = '\0';
        if (!strcmp(e->actor2, claimant->name)) {
            e->actor2[0] = e->assoc2[0] = '\0';
            e->inter2 = 0;
        }
    }
    int vac = !strcmp(e->event_type, "Violence against civilians");
    int explosion = !strcmp(e->event_type, "Explosions/Remote violence");
    /* "killed 20 soldiers", "arrested 12 suspected al-Shabaab members": the
     * armed side counted among the dead, hurt or held is the other side. */
    if (!vac && !e->actor2[0] && victim && strcmp(victim->name, e->actor1))
        set_actor(e->actor2, sizeof e->actor2, &e->inter2, &e->actor2_sp, victim);
    if (!strcmp(e->event_type, "Protests") || !strcmp(e->event_type, "Riots")) {
        crowd_actors(a, e);
        return;
    }
    /* "The army and the RSF agreed to a ceasefire": the parties to an
     * agreement are its two sides. */
    if (!strcmp(e->sub_event_type, "Agreement") && !e->actor2[0] && e->assoc1[0]) {
        char *semi = strstr(e->assoc1, "; ");
        size_t n = semi ? (size_t)(semi - e->assoc1) : strlen(e->assoc1);
        snprintf(e->actor2, sizeof e->actor2, "%.*s", (int)n, e->assoc1);
        for (size_t k = 0; k < a->nactors; k++)
            if (!strcmp(a->actors[k].name, e->actor2)) {
                e->inter2 = a->actors[k].inter;
                break;
            }
        memmove(e->assoc1, semi ? semi + 2 : e->assoc1 + n, strlen(semi ? semi + 2 : e->assoc1 + n) + 1);
    }
    /* Violence against civilians, a bomb, a grenade: when nobody is named,
     * ACLED codes an unidentified armed group.  (Air strikes and shelling
     * need an air force or artillery, so an unnamed one stays unnamed.) */
    if (!e->actor1[0] && (vac || (explosion && (!strcmp(e->sub_event_type, "Remote explosive/landmine/IED") ||
                                                !strcmp(e->sub_event_type, "Suicide bomb") ||
                                                !strcmp(e->sub_event_type, "Grenade"))))) {
        group_name(a, e, "Unidentified Armed Group", e->actor1, sizeof e->actor1);
        e->inter1 = 2;
    }
    /* Civilians counted among the dead of a strike or an attack are its
     * target, whoever else the sentence names ("where the army is fighting
     * separatists" is background). */
    if (!battle && e->actor2[0] && e->inter2 != 7)
        for (size_t k = 0; k < e->nclaims; k++) {
            const claim *c = &claims[e->claims[k]];
            if (c->vcat == VIC_CIVILIAN && c->restates < 0 && c->part_of < 0) {
                e->actor2[0] = e->assoc2[0] = '\0';
                e->actor2_sp = (span){0, 0};
                break;
            }
        }
    if (!e->actor2[0] && !battle) {
        for (size_t k = 0; k < e->nclaims; k++) {
            const claim *c = &claims[e->claims[k]];
            if ((c->vcat == VIC_CIVILIAN || ((vac || explosion) && c->vcat == VIC_UNKNOWN)) && c->restates < 0) {
                group_name(a, e, "Civilians", e->actor2, sizeof e->actor2);
                e->inter2 = 7;
                break;
            }
        }
    }
    /* Violence against civilians has civilians on the other side, by
     * definition, even when the report does not count them. */
    if (vac && !e->actor2[0]) {
        group_name(a, e, "Civilians", e->actor2, sizeof e->actor2);
        e->inter2 = 7;
        e->assoc2[0] = '\0';
    }
}

int event_interaction(const event *e)
{
    int x = e->actor1[0] ? e->inter1 : 0, y = e->actor2[0] ? e->inter2 : 0;
    if (!x && !y)
        return 0;
    if (!x || !y)
        return 10 * (x ? x : y);
    return x < y ? 10 * x + y : 10 * y + x;
}

/* The same source named twice: "Police" and "police", "the health
 * ministry" and "the ministry", "police" and "police spokesman". */
static int same_source(const char *x, const char *y)
{
    if (!strcasecmp(x, y))
        return 1;
    size_t nx = strlen(x), ny = strlen(y);
    const char *l = nx > ny ? x : y, *sh = nx > ny ? y : x;
    size_t nl = nx > ny ? nx : ny, ns = nx > ny ? ny : nx;
    if (!ns)
        return 0;
    if (!strncasecmp(l, sh, ns) && l[ns] == ' ')
        return 1;
    return !strcasecmp(l + nl - ns, sh) && l[nl - ns - 1] == ' ';
}

static int generic_source(const claim *c, const char *outlet)
{
    return c->kind == SRC_UNKNOWN || strstr(c->source, "sources") != NULL || !strcmp(c->source, "unknown") ||
           (outlet && !strcmp(c->source, outlet));
}

/* A figure nobody in particular gives ("local sources said", the outlet)
 * that equals a named source's figure restates it.  A new figure ("the toll
 * rose to 30") supersedes the earlier figures of the same outcome by the
 * same source, or by nobody in particular when it is itself unattributed:
 * they stay on record but are not counted. */
/* The attacker's own death told without a number, after a victim in the
 * same sentence ("shot his wife and then killed himself", "shot and wounded
 * her son before killing herself"): one person apart from any victim, so
 * neither restates the other.  Alone in its sentence ("a boy accidentally
 * shot and killed himself") the attacker may be the victim. */
static int lone_attacker(const event *e, const claim *claims, const claim *c)
{
    if (!c->single || strcmp(c->label, "attacker") != 0)
        return 0;
    for (size_t k = 0; k < e->nclaims; k++) {
        const claim *v = &claims[e->claims[k]];
        if (v != c && v->sentence == c->sentence && v->sp.start < c->sp.start && !v->context && !v->denial &&
            (v->outcome == OUT_KILLED || v->outcome == OUT_INJURED))
            return 1;
    }
    return 0;
}

static int two_people(const claim *a, const claim *b);

static void mark_restatements(event *e, claim *claims, const char *outlet)
{
    /* The claims stage takes one person shot, in a report of one death, for
     * the dead person again ("a boy was shot ... the boy died").  Words
     * that set the two apart ("A 6-year-old boy was shot to death ... His
     * father was shot in the arm") make the hurt one a survivor. */
    for (size_t i = 0; i < e->nclaims; i++) {
        claim *c = &claims[e->claims[i]];
        if (c->outcome == OUT_INJURED && c->single && c->restates >= 0 &&
            claims[c->restates].outcome == OUT_KILLED && two_people(c, &claims[c->restates]))
            c->restates = -1;
    }
    for (size_t i = 0; i < e->nclaims; i++) {
        claim *c = &claims[e->claims[i]];
        if (c->part_of >= 0 || c->context || c->denial || !generic_source(c, outlet))
            continue;
        for (size_t j = 0; j < e->nclaims; j++) {
            const claim *d = &claims[e->claims[j]];
            if (i == j || d->part_of >= 0 || generic_source(d, outlet) || d->restates >= 0 || d->context ||
                d->denial)
                continue;
            if (d->outcome == c->outcome && d->min == c->min && d->max == c->max && d->q == c->q &&
                lone_attacker(e, claims, c) == lone_attacker(e, claims, d)) {
                c->restates = e->claims[j];
                break;
            }
        }
    }
    for (size_t i = 0; i < e->nclaims; i++) {
        const claim *u = &claims[e->claims[i]];
        if (!u->update || u->part_of >= 0 || u->context || u->denial)
            continue;
        for (size_t j = 0; j < e->nclaims; j++) {
            claim *d = &claims[e->claims[j]];
            if (e->claims[j] >= e->claims[i] || d->outcome != u->outcome || d->part_of >= 0 || d->context ||
                d->denial || d->superseded_by >= 0)
                continue;
            int same = same_source(d->source, u->source) || (generic_source(u, outlet) && generic_source(d, outlet));
            if (same)
                d->superseded_by = e->claims[i];
        }
    }
}

static int cmp_ll(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return (a > b) - (a < b);
}

/* A claim that counts toward its outcome's toll. */
static int counted(const claim *c, enum outcome o)
{
    return c->outcome == o && c->part_of < 0 && c->restates < 0 && c->superseded_by < 0 && !c->context &&
           !c->denial;
}

static enum toll_group group_of_category(enum victim_cat v)
{
    switch (v) {
    case VIC_CIVILIAN: return TG_CIVILIAN;
    case VIC_STATE: return TG_STATE;
    case VIC_NONSTATE: return TG_NONSTATE;
    default: return TG_UNKNOWN;
    }
}

/* Does claim c count toward group g (-1: the total) of outcome o?  Parts
 * ("including 11 children") count only toward children / women, and only
 * when their whole is counted. */
static int in_group(const claim *claims, const claim *c, enum outcome o, int g)
{
    if (c->part_of >= 0) {
        if (g != TG_CHILDREN && g != TG_WOMEN)
            return 0;
        const claim *w = &claims[c->part_of];
        if (!counted(w, o) || c->restates >= 0 || c->superseded_by >= 0 || c->context || c->denial)
            return 0;
    } else if (!counted(c, o))
        return 0;
    if (g < 0)
        return 1;
    if (g == TG_CHILDREN)
        return !strcmp(c->label, "children");
    if (g == TG_WOMEN)
        return !strcmp(c->label, "women");
    return c->part_of < 0 && group_of_category(c->vcat) == (enum toll_group)g;
}

/* The figures one source gives in one sentence: its groups add up. */
typedef struct {
    int sentence;
    const char *source;
    enum source_kind kind;
    long long lo, hi, pt;
    int vague; /* every figure in it is vague ("dozens", "many") */
    const claim *first; /* its first claim */
} statement;

/* "At least five people were killed when gunmen attacked the town, killing
 * at least five people": the same figure of the same victims twice in one
 * statement is said twice, not two groups. */
static int same_figure(const claim *a, const claim *b)
{
    return a->min == b->min && a->max == b->max && a->q == b->q && a->vcat == b->vcat && !strcmp(a->label, b->label) &&
           a->outcome == b->outcome && !a->single && !b->single && !strstr(b->victims, "other") &&
           !strstr(b->victims, "more"); /* "three died and three other people were killed" */
}

#define MAX_STATEMENTS 64

/* The sex the victims' words give one person ("a man", "his wife", "She"):
 * 'm', 'f', or 0 when they do not tell ("the victim", "a 17-year-old").
 * "his wife" is a woman and "a man in his late teens" a man; "her" is left
 * out, being most often a possessive ("her son"); words of both ("a mother
 * and son") tell nothing of one person.  Two people of different sex named in a report
 * are two people, whatever else the report leaves open. */
/* The class that the words of `words` give when each is looked up in two
 * NULL-ended lists: class_a for a word of list a, class_b for one of list b;
 * 0 when no word is in either, or when words of both are (one text naming
 * two people). */
static int words_class(const char *words, const char *const *a, int class_a, const char *const *b, int class_b)
{
    const char *p = words;
    int cls = 0;
    while (*p) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        const char *w = p;
        while (isalpha((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            break;
        int wc = 0;
        for (int k = 0; a[k] && !wc; k++)
            if (strlen(a[k]) == n && !strncasecmp(w, a[k], n))
                wc = class_a;
        for (int k = 0; b[k] && !wc; k++)
            if (strlen(b[k]) == n && !strncasecmp(w, b[k], n))
                wc = class_b;
        if (wc && cls && wc != cls)
            return 0;
        if (wc)
            cls = wc;
    }
    return cls;
}

static int victim_sex(const claim *c)
{
    static const char *const male[] = {"man", "men", "boy", "he", "son", "stepson", "father", "stepfather",
                                       "husband", "brother", "boyfriend", "nephew", "grandfather", "uncle",
                                       "grandson", NULL};
    static const char *const female[] = {"woman", "women", "girl", "she", "daughter", "stepdaughter", "mother",
                                         "stepmother", "wife", "sister", "girlfriend", "niece", "grandmother",
                                         "aunt", "granddaughter", NULL};
    return words_class(c->victims, male, 'm', female, 'f'); /* "a mother and son": 0 */
}

/* Whether the victims' words make one person a child ('c': "a 6-year-old
 * boy", "the toddler") or a grown-up ('a': "his father", "a woman"), 0 when
 * they do not tell ("the teen", "his son": a son may be of any age).  A
 * child and a grown-up are two people. */
static int victim_age(const claim *c)
{
    static const char *const child[] = {"boy", "girl", "child", "baby", "toddler", "infant", "kid", "juvenile",
                                        NULL};
    static const char *const adult[] = {"man", "woman", "father", "mother", "husband", "wife", "grandfather",
                                        "grandmother", "stepfather", "stepmother", NULL};
    if (strstr(c->victims, " and ")) /* "a mother and son": two people, of either age */
        return 0;
    return words_class(c->victims, child, 'c', adult, 'a'); /* "a mother and her baby": 0 */
}

/* Do the victims' words give one person's full name ("Tom Reed")?  Two
 * words or more (a lone "Eian" and a lone "Santiago" are often one man's
 * first name and surname), every one capitalised and not in capitals
 * ("SOUTH SHORE" is a banner), none a pronoun or a determiner ("The
 * man"), and no word of a sex ("A Portsmouth Man"). */
static int victim_name(const claim *c)
{
    static const char *const not_names[] = {"the", "a", "an", "he", "she", "his", "her", "one", "another",
                                            "both", "this", "that", "victim", NULL};
    const char *p = c->victims;
    int words = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            break;
        if (!isupper((unsigned char)w[0]))
            return 0;
        int lower = 0;
        for (size_t i = 1; i < n; i++)
            lower |= islower((unsigned char)w[i]) != 0;
        if (!lower)
            return 0;
        for (int k = 0; not_names[k]; k++)
            if (strlen(not_names[k]) == n && !strncasecmp(w, not_names[k], n))
                return 0;
        words++;
    }
    return words > 1 && !victim_sex(c);
}

/* Do two names share a word ("Tom Reed" and "Reed", "Inna Gonzalez" and
 * "Inna")?  Then they may be one person. */
static int names_meet(const char *a, const char *b)
{
    for (const char *p = a; *p;) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        for (const char *q = b; n && *q;) {
            while (*q == ' ')
                q++;
            const char *v = q;
            while (*q && *q != ' ')
                q++;
            if ((size_t)(q - v) == n && !strncasecmp(w, v, n))
                return 1;
        }
    }
    return 0;
}

/* Are two single victims surely two people?  A man and a woman are; so are
 * two full names with no word in common ("Shakur Franklin" and "Elijah
 * Jackson").  Anything else ("the man" and "He", "Reed" and "the victim")
 * may be one person told twice. */
static int two_people(const claim *a, const claim *b)
{
    int sa = victim_sex(a), sb = victim_sex(b), aa = victim_age(a), ab = victim_age(b);
    if ((sa && sb && sa != sb) || (aa && ab && aa != ab))
        return 1;
    return victim_name(a) && victim_name(b) && !names_meet(a->victims, b->victims);
}

/* A lone person hurt in a report that counts a death is most often the dead
 * person told twice ("was shot ... and died at the hospital"), unless the
 * words set them apart: the hurt one's sex is not that of any of the dead
 * ("A 19-year-old man was found shot to death ... A 17-year-old girl was
 * wounded"). */
static int survivor(const event *e, const claim *claims, const claim *c)
{
    int sex = victim_sex(c), age = victim_age(c);
    if (!sex && !age)
        return 0;
    int dead = 0;
    for (size_t k = 0; k < e->nclaims; k++) {
        const claim *d = &claims[e->claims[k]];
        if (!counted(d, OUT_KILLED) || lone_attacker(e, claims, d))
            continue;
        int ds = victim_sex(d), da = victim_age(d);
        if (!((sex && ds && ds != sex) || (age && da && da != age)))
            return 0;
        dead = 1;
    }
    return dead;
}

static size_t statements(const event *e, const claim *claims, enum outcome o, int g, statement *st)
{
    size_t n = 0;
    /* A single named victim ("a security officer was also killed") is a
     * toll only when no source gives a number: otherwise it is one of them. */
    int numbered = 0;
    for (size_t k = 0; k < e->nclaims; k++) {
        const claim *c = &claims[e->claims[k]];
        numbered |= in_group(claims, c, o, g) && !c->single;
    }
    /* A single person shot and a death in the same event: most often the
     * same person ("was shot ... and died at the hospital"). */
    int deaths = 0;
    if (o == OUT_INJURED)
        for (size_t k = 0; k < e->nclaims; k++)
            deaths |= counted(&claims[e->claims[k]], OUT_KILLED) && !lone_attacker(e, claims, &claims[e->claims[k]]);
    /* People shot ("five people were shot, one fatally") hold the dead:
     * the injured are the rest (killed is reconciled first). */
    long long dead = o == OUT_INJURED && e->fatalities.known ? e->fatalities.best : 0;
    /* ... but not the attacker who shot them and then himself */
    for (size_t k = 0; k < e->nclaims && dead > 0; k++)
        if (counted(&claims[e->claims[k]], OUT_KILLED) && lone_attacker(e, claims, &claims[e->claims[k]])) {
            dead--;
            break;
        }
    /* "A man shot his wife and then killed himself. ... The woman died at
     * the scene": with no number anywhere, the attacker's own death is one
     * more than whatever the report says of the victims, not a rival figure
     * of the same toll. */
    const claim *attacker = NULL;
    const claim *people[MAX_STATEMENTS]; /* single victims surely apart from one another */
    long long persons = 0;
    for (size_t k = 0; k < e->nclaims; k++) {
        const claim *c = &claims[e->claims[k]];
        if (!in_group(claims, c, o, g) || (c->single && (numbered || (deaths && !survivor(e, claims, c)))))
            continue;
        if (o == OUT_KILLED && lone_attacker(e, claims, c)) {
            if (!attacker)
                attacker = c;
            continue;
        }
        if (c->single && persons < MAX_STATEMENTS) {
            long long p = 0;
            while (p < persons && two_people(people[p], c))
                p++;
            if (p == persons)
                people[persons++] = c;
        }
        long long clo = c->min, chi = c->max ? c->max : c->min;
        long long cpt = c->q == Q_RANGE ? (c->min + c->max) / 2 : c->q == Q_AT_MOST ? c->max : c->min;
        if (c->q == Q_AT_MOST)
            clo = c->max;
        if (c->hit && dead > 0 && dead <= clo && dead <= cpt && !(c->single && deaths)) {
            clo -= dead;
            cpt -= dead;
            chi -= dead;
        }
        size_t j = 0;
        for (; j < n; j++)
            if (st[j].sentence == c->sentence && !strcasecmp(st[j].source, c->source))
                break;
        if (j < n && same_figure(st[j].first, c))
            continue;
        if (j < n) { /* one statement, several groups: they add up */
            st[j].lo += clo;
            st[j].hi += chi;
            st[j].pt += cpt;
            st[j].vague &= c->vague;
            continue;
        }
        if (n == MAX_STATEMENTS)
            break;
        st[n++] = (statement){c->sentence, c->source, c->kind, clo, chi, cpt, c->vague, c};
    }
    /* With no number anywhere, people the report sets apart in separate
     * sentences ("A man was shot in the arm. A woman was shot in the leg.",
     * "Elijah Jackson ... was killed. Shakur Franklin was also killed")
     * are so many people, not statements of one: each statement's figure is
     * at least their number. */
    if (persons > 1 && !numbered)
        for (size_t j = 0; j < n; j++)
            if (st[j].pt < persons) {
                st[j].lo = st[j].lo > persons ? st[j].lo : persons;
                st[j].hi = st[j].hi > persons ? st[j].hi : persons;
                st[j].pt = persons;
            }
    if (attacker) {
        for (size_t j = 0; j < n; j++)
            st[j].lo++, st[j].hi++, st[j].pt++;
        if (!n)
            st[n++] = (statement){attacker->sentence, attacker->source, attacker->kind, 1, 1, 1, 0, attacker};
    }
    return n;
}

/* Sources that are not a side of the fighting. */
static int independent(enum source_kind k) { return k == SRC_NGO || k == SRC_LOCAL || k == SRC_MEDIA; }

/* Reconciles statements into t; returns the statement whose figure is best.
 * upper: best is the upper median, not the lower (the hurt, below). */
static const statement *reconcile_statements(const statement *st, size_t n, enum best_rule rule, int upper,
                                             toll *t)
{
    if (!n) {
        t->known = 0;
        return NULL;
    }
    t->known = 1;
    t->low = st[0].lo;
    t->high = st[0].hi;
    for (size_t j = 1; j < n; j++) {
        if (st[j].lo < t->low)
            t->low = st[j].lo;
        if (st[j].hi > t->high)
            t->high = st[j].hi;
    }
    /* best: the lower median of the point values, over the independent
     * sources only when the rule prefers them and there are any */
    int only_indep = 0;
    if (rule == BEST_PREFER_INDEPENDENT)
        for (size_t j = 0; j < n; j++)
            only_indep |= independent(st[j].kind);
    /* and over the figures that are numbers when there are any: "killed
     * dozens" (ACLED's 12) or "many" (3) is a floor for low, not a rival
     * of "55 civilians were killed" for best */
    int precise = 0;
    for (size_t j = 0; j < n; j++)
        precise |= (!only_indep || independent(st[j].kind)) && !st[j].vague;
    long long pt[MAX_STATEMENTS];
    size_t m = 0;
    for (size_t j = 0; j < n; j++)
        if ((!only_indep || independent(st[j].kind)) && (!precise || !st[j].vague))
            pt[m++] = st[j].pt;
    qsort(pt, m, sizeof pt[0], cmp_ll);
    t->best = pt[upper ? m / 2 : (m - 1) / 2];
    for (size_t j = 0; j < n; j++)
        if (st[j].pt == t->best && (!only_indep || independent(st[j].kind)) && (!precise || !st[j].vague))
            return &st[j];
    return &st[0];
}

static int is_state_inter(int inter) { return inter == 1; }
static int is_armed_inter(int inter) { return inter >= 2 && inter <= 4; }

/* Which UCDP side a claim's dead belong to: 1 side A (actor1's), 2 side B
 * (actor2's), 3 civilians, 0 unknown. */
static int side_of(const event *e, const claim *c)
{
    /* Civilians are UCDP's own column even when the event's actor2 is
     * "Civilians (Mali)". */
    if (c->vcat == VIC_CIVILIAN)
        return 3;
    if (c->victim_actor[0]) { /* "84 Wagner fighters": the side that names them */
        if (!strcmp(c->victim_actor, e->actor1) || strstr(e->assoc1, c->victim_actor))
            return 1;
        if (!strcmp(c->victim_actor, e->actor2) || strstr(e->assoc2, c->victim_actor))
            return 2;
    }
    switch (c->vcat) {
    case VIC_CIVILIAN:
        return 3;
    case VIC_STATE:
        if (is_state_inter(e->inter1) && !is_state_inter(e->inter2))
            return 1;
        if (is_state_inter(e->inter2) && !is_state_inter(e->inter1))
            return 2;
        return 0;
    case VIC_NONSTATE:
        if (is_armed_inter(e->inter1) && !is_armed_inter(e->inter2))
            return 1;
        if (is_armed_inter(e->inter2) && !is_armed_inter(e->inter1))
            return 2;
        return 0;
    default:
        return 0;
    }
}

static void reconcile_outcome(event *e, const claim *claims, enum outcome o, toll *t, enum best_rule rule)
{
    statement st[MAX_STATEMENTS];
    size_t n = statements(e, claims, o, -1, st);
    /* Reports count the hurt in parts far more often than sources
     * undercount them: "three men and three women were injured ... four were
     * taken to a local hospital", "four people were wounded ... police found
     * two women with gunshot wounds".  Of two figures of the hurt the larger
     * is the one that counts them all, so their best is the upper median
     * (still the middle of three or more, so one round-up's figure does not
     * carry it).  The dead keep the lower median: their rival figures are
     * the sides' claims, and the lower is the cautious one. */
    const statement *b = reconcile_statements(st, n, rule, o == OUT_INJURED, t);
    if (o != OUT_KILLED)
        return;
    e->deaths_a = e->deaths_b = e->deaths_civilians = e->deaths_unknown = 0;
    if (b) {
        int numbered = 0;
        for (size_t k = 0; k < e->nclaims; k++) {
            const claim *c = &claims[e->claims[k]];
            numbered |= counted(c, o) && !c->single;
        }
        for (size_t k = 0; k < e->nclaims; k++) {
            const claim *c = &claims[e->claims[k]];
            if (!counted(c, o) || (c->single && numbered) || c->sentence != b->sentence || strcmp(c->source, b->source))
                continue;
            long long cpt = c->q == Q_RANGE ? (c->min + c->max) / 2 : c->q == Q_AT_MOST ? c->max : c->min;
            switch (side_of(e, c)) {
            case 1: e->deaths_a += cpt; break;
            case 2: e->deaths_b += cpt; break;
            case 3: e->deaths_civilians += cpt; break;
            default: e->deaths_unknown += cpt; break;
            }
        }
    }
    for (int g = 0; g < TG_N; g++) {
        n = statements(e, claims, o, g, st);
        reconcile_statements(st, n, rule, 0, &e->fatal_by[g]);
    }
}

void event_reconcile_rule(event *e, const claim *claims, enum best_rule rule)
{
    reconcile_outcome(e, claims, OUT_KILLED, &e->fatalities, rule);
    reconcile_outcome(e, claims, OUT_INJURED, &e->injured, rule);
}

void event_reconcile(event *e, const claim *claims) { event_reconcile_rule(e, claims, BEST_LOWER_MEDIAN); }

void event_free(event *e)
{
    free(e->claims);
    free(e->triggers);
    free(e->sents);
    buf_free(&e->notes);
}

/* An event placed at a name the gazetteer lacks ("in the village of
 * Dumay, 80 km west of Lasanod"): the most specific known place its own
 * sentences name instead -- a town, at precision 2 (near it), else a county
 * or region at 3, else the part of the country they name ("in northern
 * Cameroon", the lowest rank: a direction says less than a region's name)
 * -- so that the event gets the town's point rather than the country's.
 * When its sentences name none, a region or part of the country that the
 * report's other sentences name (a lead that says "a village in Borno
 * state" then tells the attack in the next): never a town of another
 * sentence, which may be another incident's.  The unknown name is kept in
 * the notes. */
static int known_rank(const char *iso, const place_m *p)
{
    if (!p->resolved || p->role != PLACE_BODY)
        return 0;
    if (iso[0] && strcmp(p->g.iso2, iso) != 0)
        return 0;
    if (p->part)
        return 1;
    return p->g.kind == GAZ_PLACE ? 4 : p->g.kind == GAZ_ADMIN2 ? 3 : p->g.kind == GAZ_ADMIN1 ? 2 : 0;
}

static void nearest_known(const analysis *a, event *e)
{
    const char *iso = e->place.g.iso2[0] ? e->place.g.iso2 : a->country;
    const place_m *best = NULL;
    int brank = 0;
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *p = &a->places[k];
        int rank = known_rank(iso, p);
        if (rank <= brank)
            continue;
        int in = 0;
        for (size_t j = 0; j < e->nsents && !in; j++)
            in = e->sents[j] == p->sentence;
        if (in) {
            best = p;
            brank = rank;
        }
    }
    int elsewhere = 0;
    for (size_t k = 0; k < a->nplaces && !best; k++) {
        const place_m *p = &a->places[k];
        int rank = known_rank(iso, p);
        if (rank >= 1 && rank <= 3)
            best = p, elsewhere = 1; /* the report's first region or part */
    }
    if (!best)
        return;
    buf_printf(&e->notes,
               elsewhere ? "\"%s\" is not in the gazetteer: the region the report names is used. "
                         : "\"%s\" is not in the gazetteer: the nearest place the event's sentences name is used. ",
               e->place.name);
    e->place = *best;
    if (e->place.precision < 2 && best->g.kind == GAZ_PLACE)
        e->place.precision = 2;
    else if (best->g.kind != GAZ_PLACE || best->part)
        e->place.precision = 3;
}

/* The country of an unknown name: the one country its own sentence names,
 * when that is not the report's main country ("killed ten fishermen in
 * Touboun Ali in Cameroon", in a report mostly about Nigeria): the
 * sentence says whose village it is.  Left to the main country when the
 * sentence names none, or several. */
static void own_country(const analysis *a, place_m *p)
{
    const char *iso = NULL;
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *q = &a->places[k];
        if (q->sentence != p->sentence || q->role != PLACE_BODY || !q->resolved || !wider_than_region(q))
            continue;
        if (iso && strcmp(iso, q->g.iso2) != 0)
            return;
        iso = q->g.iso2;
    }
    if (iso)
        snprintf(p->g.iso2, sizeof p->g.iso2, "%s", iso);
}

/* The place as it is written out.  An unresolved name keeps its words as
 * the location and takes the main country's point, at region precision 3:
 * a wrong town is worse than an honest country. */
static void fill_place(const analysis *a, event *e)
{
    if (!e->has_place)
        return;
    const place_m *p = &e->place;
    const char *iso = p->resolved || p->g.iso2[0] ? p->g.iso2 : a->country;
    gaz_country gc;
    int have_country = iso[0] && gaz_country_by_iso(a->t->gaz, iso, &gc);
    str_copy(e->location, sizeof e->location, p->resolved ? p->g.name : p->name);
    if (have_country) {
        str_copy(e->country, sizeof e->country, gc.name);
        memcpy(e->iso2, gc.iso2, 3);
        memcpy(e->iso3, gc.iso3, 4);
    }
    if (p->resolved) {
        snprintf(e->admin1, sizeof e->admin1, "%s", p->g.kind == GAZ_COUNTRY ? "" : p->g.admin1);
        snprintf(e->admin2, sizeof e->admin2, "%s",
                 p->g.kind == GAZ_PLACE || p->g.kind == GAZ_ADMIN2 ? p->g.admin2 : "");
        e->lat = p->g.lat;
        e->lon = p->g.lon;
        e->has_coords = 1;
        e->geo_precision = p->precision;
    } else if (have_country) {
        e->lat = gc.lat;
        e->lon = gc.lon;
        e->has_coords = 1;
        e->geo_precision = 3;
        buf_printf(&e->notes, "'%s' is not in the gazetteer: placed at the country's point (add it with a "
                              "user gazetteer file). ", p->name);
    }
}

static int event_index(const tally_events *out, const event *e) { return (int)(e - out->ev); }

/* ---- dates of a sentence, scanned once (see sentence_memo) --------------- */

/* when_scan of sentence s into wm (WHEN_PER_SENTENCE slots); returns what
 * when_scan returns. */
static size_t sentence_when(const analysis *a, size_t s, when_mention *wm)
{
    const sentence *se = &a->td.sent[s];
    struct sentence_memo *w = a->memo;
    if (w && w->at[s]) {
        size_t k = w->at[s] - 1;
        size_t nw = w->slot[k].nw, m = nw < WHEN_PER_SENTENCE ? nw : WHEN_PER_SENTENCE;
        if (m)
            memcpy(wm, w->pool + w->slot[k].first, m * sizeof *wm);
        return nw;
    }
    size_t nw = when_scan(a->doc->text + se->start, se->end - se->start, a->report, wm, WHEN_PER_SENTENCE);
    if (!w)
        return nw;
    size_t m = nw < WHEN_PER_SENTENCE ? nw : WHEN_PER_SENTENCE;
    if (w->npool + m > w->cappool) {
        size_t cap = w->cappool ? w->cappool * 2 : 64;
        while (cap < w->npool + m)
            cap *= 2;
        when_mention *p = realloc(w->pool, cap * sizeof *p);
        if (!p)
            return nw; /* not remembered: asked again next time */
        w->pool = p;
        w->cappool = cap;
    }
    if (m)
        memcpy(w->pool + w->npool, wm, m * sizeof *wm);
    w->slot[w->nslot].nw = nw;
    w->slot[w->nslot].first = w->npool;
    w->npool += m;
    w->at[s] = (uint32_t)++w->nslot;
    return nw;
}

/* The first date in the report that could date today's event: not context,
 * not a statement's date, within a month before the report (a local report
 * often dates the incident in a sentence with no trigger: "It happened
 * Wednesday night").  Offsets in *m are made absolute.  1 if found. */
static int report_event_date(const analysis *a, when_mention *m)
{
    const text_doc *td = &a->td;
    when_mention wm[WHEN_PER_SENTENCE];
    int64_t r = date_to_days(a->report);
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        if (se->heading)
            continue;
        size_t nw = sentence_when(a, s, wm);
        if (nw > ARRAY_LEN(wm))
            nw = ARRAY_LEN(wm);
        for (size_t k = 0; k < nw; k++) {
            const when_mention *w = &wm[k];
            if (w->kind != WHEN_DATE || w->background || w->reporting || w->aftermath || w->precision > 2)
                continue;
            int64_t l = date_to_days(w->last);
            if (l > r || l < r - 31)
                continue;
            *m = *w;
            m->start += se->start;
            m->end += se->start;
            return 1;
        }
    }
    return 0;
}

/* Does the anchored mention w close its clause ("was shot the day before.")?
 * Then it counts from the narrative's time, the statement; "died two days
 * after being shot" counts from the clause that follows it instead. */
static int anchored_closes_clause(const char *s, size_t len, const when_mention *w)
{
    size_t i = w->end;
    while (i < len && s[i] == ' ')
        i++;
    static const char *const signals[] = {"after", "before", "later", "earlier"};
    for (size_t k = 0; k < ARRAY_LEN(signals); k++) {
        size_t n = strlen(signals[k]);
        if (i + n <= len && !strncmp(s + i, signals[k], n) && (i + n == len || !isalpha((unsigned char)s[i + n]))) {
            i += n;
            break;
        }
    }
    while (i < len && s[i] == ' ')
        i++;
    return i >= len || s[i] == '.' || s[i] == ',' || s[i] == ';' || s[i] == '"' || s[i] == ')';
}

/* "The deadliest attack since 2019" compares today's event with the past;
 * "Since 2015, violence has killed 20,000" counts the past.  The first keeps
 * its sentence, the second makes it context.  `at` is the byte offset of the
 * date expression that follows "since". */
static int since_compares(const analysis *a, const sentence *se, uint32_t at)
{
    const text_doc *td = &a->td;
    size_t i = se->first, end = se->first + se->count;
    while (i < end && td->tok[i].start < at)
        i++;
    /* i is the date's first token; i-1 is "since"; look a few words before it */
    for (size_t k = i >= 2 ? i - 2 : 0, n = 0; k >= se->first && k < i - 1 && n < 6; k--, n++) {
        const char *w = td->keys + td->tok[k].key;
        size_t len = strlen(w);
        if ((len > 4 && strcmp(w + len - 3, "est") == 0) || !strcmp(w, "first") || !strcmp(w, "worst") ||
            !strcmp(w, "most") || !strcmp(w, "biggest"))
            return 1;
        if (k == 0)
            break;
    }
    return 0;
}

/* Background narrative.  A wire report closes with what led up to the news
 * ("Under Colonel Assimi Goita, the junta broke off ...", "Jihadists have
 * regularly attacked ...", "The army had withdrawn from the town ..."), and
 * such sentences often carry a trigger but no date of their own: they must
 * not become events of the report's day.  The cues are the shape of the
 * sentence, not its words of violence:
 *   - an era frame at its head: "Under" and a name or title ("Under
 *     President X", "Under Colonel X");
 *   - a habitual or long-run adverb: "regularly", "repeatedly", "often",
 *     "for years", "in recent years", "have long";
 *   - the trigger in the past perfect outside reported speech ("had
 *     deployed", "had been expelled"): what came before the story;
 *   - a consequence of a background sentence: "This led to", "That
 *     prompted", "It resulted in" right after one.
 * A sentence with a date of its own, or a figure that counts, is not
 * background by these cues (its date or toll says it is news). */
static int era_opener(const text_doc *td, const sentence *se)
{
    return se->count > 2 && tok_is(td, se->first, "under") && (td->tok[se->first + 1].flags & TOK_CAP);
}

static int habitual(const text_doc *td, const sentence *se)
{
    /* and the adjectives of the same sense: "the scene of frequent ambushes" */
    static const char *const adv[] = {"regularly",  "repeatedly",  "frequently",    "routinely",
                                      "often",      "habitually",  "historically",  "traditionally",
                                      "periodically", "frequent",  "recurrent",     "persistent"};
    size_t end = se->first + se->count;
    for (size_t i = se->first; i < end; i++) {
        if (tok_is_any(td, i, adv, ARRAY_LEN(adv)))
            return 1;
        /* "for years", "for decades", "in recent years", "over the years",
         * "have long" + participle */
        if ((tok_is(td, i, "for") || tok_is(td, i, "recent")) && i + 1 < end &&
            (tok_is(td, i + 1, "years") || tok_is(td, i + 1, "decades") || tok_is(td, i + 1, "months")))
            return 1;
        if (tok_is(td, i, "over") && i + 2 < end && tok_is(td, i + 1, "the") && tok_is(td, i + 2, "years"))
            return 1;
        if ((tok_is(td, i, "have") || tok_is(td, i, "has")) && i + 1 < end && tok_is(td, i + 1, "long"))
            return 1;
    }
    return 0;
}

/* Reported speech anywhere in the sentence: "the army said it had retaken
 * the town" reports news in the past perfect. */
static int speech_in(const text_doc *td, const sentence *se)
{
    static const char *const verbs[] = {"said",     "says",    "told",      "tells",   "reported", "according",
                                        "announced", "stated", "confirmed", "claimed", "added",    "quoted",
                                        "quoting",  "statement"};
    return sent_has_any(td, se, verbs, ARRAY_LEN(verbs));
}

static int past_perfect(const text_doc *td, const sentence *se, size_t trig)
{
    static const char *const between[] = {"been", "already", "previously", "earlier", "once", "also", "long"};
    for (size_t k = trig; k-- > se->first && trig - k <= 3;) {
        if (tok_is(td, k, "had"))
            return !speech_in(td, se);
        if (!tok_is_any(td, k, between, ARRAY_LEN(between)))
            return 0;
    }
    return 0;
}

static int causal_link(const text_doc *td, const sentence *se)
{
    static const char *const subj[] = {"this", "that", "it", "which", "these", "those"};
    static const char *const verbs[] = {"led", "prompted", "resulted", "paved", "triggered", "caused", "meant"};
    return se->count > 2 && tok_is_any(td, se->first, subj, ARRAY_LEN(subj)) &&
           tok_is_any(td, se->first + 1, verbs, ARRAY_LEN(verbs));
}

/* Does sentence s date something of its own (not context, not a
 * statement)?  And is one of its dates context ("since 2020", "in 2015")? */
/* A long stretch that runs up to the report ("in recent months", "this
 * year", "over the past few weeks"): the frame of a trend, not the date of
 * an incident. */
static int trend_frame(const analysis *a, const when_mention *w)
{
    if (w->kind != WHEN_DATE || !a->report.year || !w->first.year || !w->last.year)
        return 0;
    int64_t first = date_to_days(w->first), last = date_to_days(w->last), report = date_to_days(a->report);
    return last - first > 31 && last >= report - 1;
}

/* Does sentence s date something of its own (not context, not a
 * statement, not a trend's stretch)?  Is one of its dates context ("since
 * 2020", "in 2015")?  Does it hold a trend frame (trend_frame)? */
static void sentence_dates(const analysis *a, size_t s, int *own, int *context, int *trend)
{
    const sentence *se = &a->td.sent[s];
    when_mention wm[WHEN_PER_SENTENCE];
    size_t nw = sentence_when(a, s, wm);
    if (nw > ARRAY_LEN(wm))
        nw = ARRAY_LEN(wm);
    *own = *context = *trend = 0;
    for (size_t k = 0; k < nw; k++) {
        const when_mention *w = &wm[k];
        if (w->background && !(w->since && since_compares(a, se, se->start + (uint32_t)w->start)))
            *context = 1;
        else if (!w->reporting && trend_frame(a, w))
            *trend = 1;
        else if (w->kind == WHEN_SET)
            *context = 1; /* "every Friday", "each year": a habit, not an incident */
        else if (!w->reporting && w->kind != WHEN_DURATION && w->kind != WHEN_REF)
            *own = 1; /* "now", "currently", "in the past" point nowhere in particular */
    }
}

/* Sentence s is dated only by a trend frame ("in recent months"). */
static int trend_only(const analysis *a, size_t s)
{
    int own, context, trend;
    sentence_dates(a, s, &own, &context, &trend);
    return trend && !own;
}

/* "has stepped up", "have intensified", "has been": the present perfect,
 * which with a trend frame tells of a development over the stretch ("The
 * group has stepped up its attacks in recent months"), not of one
 * incident. */
static int present_perfect(const text_doc *td, const sentence *se)
{
    static const char *const aux[] = {"has", "have"};
    size_t end = se->first + se->count;
    for (size_t i = se->first; i + 1 < end; i++) {
        if (!tok_is_any(td, i, aux, ARRAY_LEN(aux)))
            continue;
        for (size_t j = i + 1; j < end && j <= i + 2; j++) {
            const char *k = tok_key(td, j);
            size_t n = strlen(k);
            if (!strcmp(k, "been") || (n > 3 && !strcmp(k + n - 2, "ed")))
                return 1;
        }
    }
    return 0;
}

/* Sentence s is background narrative by its shape (see above); `trig` is
 * its trigger's token or (size_t)-1.  `depth` bounds the look back along
 * "This led to" chains. */
static int background_narrative(const analysis *a, size_t s, size_t trig, int depth)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    int own, context, trend;
    sentence_dates(a, s, &own, &context, &trend);
    if (own)
        return 0;
    if (context || era_opener(td, se) || habitual(td, se) || (trend && present_perfect(td, se)))
        return 1;
    if (trig != (size_t)-1 && past_perfect(td, se, trig))
        return 1;
    if (causal_link(td, se) && depth < 3) {
        size_t p = s;
        while (p > 0 && td->sent[p - 1].heading)
            p--; /* a heading between paragraphs breaks nothing */
        return p > 0 && background_narrative(a, p - 1, (size_t)-1, depth + 1);
    }
    return 0;
}

static int on_record_only(const claim *c)
{
    return c->context || c->denial || (c->min == 0 && c->max == 0 && !c->vague);
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* Claims on record that open no event of their own (a cumulative figure
 * in a background sentence, a denial, "no one was hurt") join the event
 * the narrative was about at that point, else the first one, so that no
 * claim vanishes from the output.  They are never counted. */
static void attach_stray_claims(analysis *a, tally_events *out)
{
    if (!out->n)
        return;
    for (size_t k = 0; k < a->nclaims; k++) {
        claim *c = &a->claims[k];
        if (c->event >= 0 || !on_record_only(c))
            continue;
        size_t best = 0;
        int best_s = -1;
        for (size_t x = 0; x < out->n; x++)
            for (size_t j = 0; j < out->ev[x].nsents; j++)
                if (out->ev[x].sents[j] <= c->sentence && out->ev[x].sents[j] > best_s) {
                    best_s = out->ev[x].sents[j];
                    best = x;
                }
        c->event = (int)best;
        add_int(&out->ev[best].claims, &out->ev[best].nclaims, &out->ev[best].capclaims, (int)k);
    }
    for (size_t x = 0; x < out->n; x++) /* text order */
        if (out->ev[x].nclaims > 1)
            qsort(out->ev[x].claims, out->ev[x].nclaims, sizeof(int), cmp_int);
}

/* A report that leads with an industrial blast or fire (blast_word), with
 * no word of shooting, fighting or attack in that sentence, silenced or not:
 * "shot during a hunting accident" is still about a shooting, which later
 * sentences may tell as such; only a blast or a fire is an accident through
 * and through. */
static int blast_word(const text_doc *td, const sentence *se)
{
    static const char *const w[] = {"explosion", "explosions", "blast",     "blasts",  "exploded", "explode",
                                    "explodes",  "blew",       "fireball",  "blaze",   "fire",     "burst"};
    return sent_has_any(td, se, w, ARRAY_LEN(w));
}

static int person_violence_word(const analysis *a, const sentence *se)
{
    for (size_t i = se->first; i < se->first + se->count; i++) {
        size_t n;
        const lex_entry *e = lex_match(a->t->triggers, &a->td, i, se->first + se->count, &n);
        for (; e; e = lex_next_same(a->t->triggers, e))
            if (!strcmp(e->attr[0], "Battles") || !strcmp(e->attr[0], "Violence against civilians"))
                return 1;
    }
    return 0;
}

void events_build(analysis *a, tally_events *out)
{
    const text_doc *td = &a->td;
    int focus = -1; /* the event the narrative is about */
    int accident = 0; /* the report leads with a non-event (see below) */
    int crime = 0;    /* ... or with arrests for ordinary crime */
    when_mention wm[WHEN_PER_SENTENCE];
    sentence_memo_init(a);
    sentence_index_init(a);
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        if (se->heading)
            continue;
        trigger_m tr = {0};
        int has_trigger = find_trigger(a, se, &tr);
        int nclaims = 0;
        members mc = claims_of(a, (int)s);
        for (size_t q = 0; q < mc.n; q++) /* a figure on record only opens no event */
            nclaims += !on_record_only(&a->claims[mc.ix[q]]);
        /* A report that leads with an accident or a disaster ("a tank at the
         * plant exploded") goes on about it: its toll ("Four people were
         * injured") and a reference back ("The blast occurred in ...") are
         * that accident's, not an attack.  A new trigger ends it. */
        if (!has_trigger && !out->n && nonevent_level(a, se) >= 5 && blast_word(&a->td, se) &&
            !person_violence_word(a, se) && !weapon_word(td, se)) {
            accident = 1;
            continue;
        }
        if (accident && (!has_trigger || (tr.anaphor && tr.prio <= 6 && violent_type(tr.type))))
            continue;
        /* Likewise a report that leads with arrests for ordinary crime
         * ("arrested ten men and recovered counterfeit notes"): its further
         * arrests ("The men were detained at ...") are that case's. */
        if (!has_trigger && !out->n && nonevent_level_for(a, se, "Arrests") > 0)
            crime = 1;
        if (crime && (has_trigger ? !strcmp(tr.sub, "Arrests") : claims_in(a, (int)s, OUT_ARRESTED) == nclaims))
            continue;
        if (has_trigger) {
            accident = 0;
            crime = 0;
        }
        if (!has_trigger && !nclaims)
            continue;

        /* Dates of this sentence: the first date of the event itself.  A date
         * that only says when a statement was made ("said on Thursday that
         * gunmen killed 12 on Tuesday") is the fallback, and an upper bound
         * for a weekday: the event cannot follow its report. */
        size_t nw = sentence_when(a, s, wm);
        if (nw > ARRAY_LEN(wm))
            nw = ARRAY_LEN(wm);
        int have_date = 0, background = 0, duration = 0, weekday = 0, anchored = 0;
        civil_date df = {0, 0, 0}, dl = {0, 0, 0};
        int prec = 0;
        span dsp = {0, 0};
        const when_mention *said = NULL, *past = NULL, *coarse = NULL;
        for (size_t k = 0; k < nw; k++) {
            const when_mention *w = &wm[k];
            if (w->background && !(w->since && since_compares(a, se, se->start + (uint32_t)w->start))) {
                background = 1; /* "the deadliest since 2019" is about today: not a reason to skip */
                if (!past)
                    past = w;
            }
            /* a date days after the report ("a hearing set for March 29", a
             * mistyped stamp) cannot date what the report tells as done */
            if (w->kind == WHEN_DATE && date_to_days(w->first) > date_to_days(a->report) + 1)
                continue;
            /* the first date of the finest precision: "died six months ago,
             * on March 1" is March 1 */
            if (w->background || (have_date && (w->kind != WHEN_DATE || w->precision >= prec)))
                continue;
            span sp = {se->start + (uint32_t)w->start, se->start + (uint32_t)w->end};
            /* "was arrested Sunday", "died Saturday of wounds": a later step
             * dates the incident only as its upper bound, like a statement */
            if (w->kind == WHEN_DATE && (w->reporting || w->aftermath)) {
                if (!said)
                    said = w;
            } else if (w->kind == WHEN_DATE && w->unit == WHEN_U_YEAR) {
                if (!coarse)
                    coarse = w; /* "this year": only when nothing else dates it */
            } else if (w->kind == WHEN_DATE) {
                df = w->first;
                dl = w->last;
                prec = w->precision;
                dsp = sp;
                weekday = w->weekday;
                have_date = 1;
            } else if (w->kind == WHEN_ANCHORED &&
                       ((said && anchored_closes_clause(a->doc->text + se->start, se->end - se->start, w)) ||
                        (focus >= 0 && out->ev[focus].date_known))) {
                /* "a spokesman said Sunday that the judge was shot the day
                 * before": the statement earlier in the sentence is the
                 * nearer anchor; else the event in focus */
                int on_said = said && anchored_closes_clause(a->doc->text + se->start, se->end - se->start, w);
                civil_date bf = on_said ? said->first : out->ev[focus].first;
                civil_date bl = on_said ? said->last : out->ev[focus].last;
                int64_t base = w->off_start >= 0 ? date_to_days(bl) : date_to_days(bf);
                int64_t r = date_to_days(a->report);
                /* "in the following days" cannot run past the report */
                df = days_to_date(base + w->off_start > r ? r : base + w->off_start);
                dl = days_to_date(base + w->off_end > r ? r : base + w->off_end);
                prec = (w->off_end - w->off_start) > 0 ? 2 : 1;
                dsp = sp;
                have_date = anchored = 1;
            } else if (w->kind == WHEN_DURATION && w->lasting && w->ndays > 1 && w->ndays <= 31)
                duration = w->ndays; /* "three days of fighting"; an "eight-year lull" is context */
        }
        if (have_date && said && weekday && date_to_days(df) > date_to_days(said->last)) {
            df = days_to_date(date_to_days(df) - 7);
            dl = days_to_date(date_to_days(dl) - 7);
        }
        /* A past incident told as context ("in 2020, gunmen killed 50 in
         * Solhan") is an event of its own when the sentence gives what, where
         * and how many; otherwise the sentence is context and is skipped. */
        int past_event = 0;
        /* After the lead, a sentence dated by its year alone and counting
         * nothing ("The government announced a new security plan earlier
         * this year") is the report's context: the news is dated to the
         * day or the week, and a past incident worth coding gives its toll
         * (the rule for past events below). */
        if (!have_date && coarse && !said && has_trigger && !nclaims && out->n)
            continue;
        if (!have_date && coarse && !said) {
            df = coarse->first;
            dl = coarse->last;
            prec = coarse->precision;
            dsp = (span){se->start + (uint32_t)coarse->start, se->start + (uint32_t)coarse->end};
            have_date = 1;
        }
        /* Background narrative by the sentence's shape: no event of its own
         * (a dated or counted sentence is news; see background_narrative). */
        if (has_trigger && !background && (!have_date || trend_only(a, s)) && !said && !nclaims && out->n &&
            background_narrative(a, s, tr.tok, 0))
            continue; /* after the lead: a report does not open with its background */
        /* A report that leads with a dated day ("On 2 February 2015, a
         * helicopter dropped barrel bombs ...", a photo caption "...,
         * November 11, 2019") is about that day's incident, however long ago
         * and whenever it was reported: a lead is not background. */
        int dated_lead = background && !have_date && has_trigger && !out->n && past && past->kind == WHEN_DATE &&
                         past->precision == 1;
        if (background && !have_date && (!said || dated_lead)) {
            const place_m *bp = sentence_place(a, (int)s);
            if (!dated_lead &&
                (!has_trigger || !nclaims || !bp || bp->precision >= 3 || !past || past->precision >= 3 ||
                 past->last.year < a->report.year - 1))
                continue; /* a year alone, or years back, is not enough to code it */
            df = past->first;
            dl = past->last;
            prec = past->precision;
            dsp = (span){se->start + (uint32_t)past->start, se->start + (uint32_t)past->end};
            have_date = 1;
            past_event = !dated_lead; /* a dated lead is the report's own event */
        }
        if (duration && !have_date && focus >= 0 && out->ev[focus].date_known) {
            df = out->ev[focus].first;
            dl = days_to_date(date_to_days(df) + duration - 1);
            prec = out->ev[focus].time_precision;
            have_date = 1;
        } else if (duration && have_date && prec == 1)
            dl = days_to_date(date_to_days(df) + duration - 1);

        const char *type = NULL, *sub = NULL;
        int prio = 0;
        if (has_trigger) {
            type = tr.type;
            sub = tr.sub;
            prio = tr.prio;
        } else
            type_from_claims(a, (int)s, &type, &sub);
        if (!type)
            continue;
        const place_m *pl = sentence_place(a, (int)s);

        /* "JNIM said in a statement on Friday that it carried out the
         * attack", "The army on Monday blamed the RSF for the shelling": a
         * blame or claim that refers back and counts nothing is dated by
         * its statement, not by the event it speaks of. */
        if (has_trigger && tr.anaphor && !nclaims && have_date && !anchored && focus >= 0 && blames_in(td, se) &&
            !ranges_overlap(&out->ev[focus], df, dl) && date_to_days(df) > date_to_days(out->ev[focus].last))
            have_date = 0;

        /* Which event is this? */
        event *target = NULL;
        if (past_event) {
            target = new_event(out, type, sub, prio);
            buf_puts(&target->notes, "A past incident told as context in the report. ");
        }
        /* One crowd, one event: a protest that turns violent ("There were
         * scuffles", "protesters threw stones") is a violent demonstration,
         * and police stepping into a riot do not make a second event. */
        if (!target && has_trigger && focus >= 0 && crowd_type(type) && crowd_type(out->ev[focus].event_type) &&
            strcmp(type, out->ev[focus].event_type) && (!have_date || ranges_overlap(&out->ev[focus], df, dl)) &&
            !places_differ(&out->ev[focus], pl)) {
            target = &out->ev[focus];
            if (!strcmp(type, "Riots") && strcmp(target->sub_event_type, "Excessive force against protesters")) {
                target->event_type = type;
                target->sub_event_type = sub;
                target->priority = prio;
            }
        }
        /* A lead that says only "attacks" and a next sentence that names the
         * weapon ("was attacked with a grenade", "killed in a grenade attack
         * in Srinagar") tell one incident: the weapon decides its type.  A
         * sentence that says it is another incident ("Separately, ...",
         * "Elsewhere, ...") is not merged. */
        if (!target && has_trigger && !tr.anaphor && focus >= 0 &&
            !strcmp(out->ev[focus].sub_event_type, "Attack") && out->ev[focus].priority <= 5 &&
            !strcmp(type, "Explosions/Remote violence") && !another_incident(td, se) &&
            (!have_date || ranges_overlap(&out->ev[focus], df, dl)) && !places_differ(&out->ev[focus], pl)) {
            target = &out->ev[focus];
            target->event_type = type;
            target->sub_event_type = sub;
            target->priority = prio;
        }
        if (!target && (!has_trigger || tr.anaphor) && focus >= 0) {
            event *fe = &out->ev[focus];
            /* "X blamed Y for the attack", "accused Y of the raid": a blame
             * that refers back with a generic word is about the event in
             * focus, whatever its type (a shelling, a bombing).  Only in a
             * blame with no toll of its own: elsewhere "the attack" keeps to
             * the same-type rule, as two figures in one event are
             * reconciled, not added (the claims stage owns that). */
            int generic = has_trigger && tr.anaphor && tr.e->num[2] <= 5 && !nclaims && blames_in(td, se);
            if ((!has_trigger || !strcmp(fe->event_type, type) || generic) &&
                (!have_date || ranges_overlap(fe, df, dl)))
                target = fe;
        }
        if (!target && (has_trigger && tr.anaphor)) {
            for (size_t k = out->n; k-- > 0 && !target;)
                if (!strcmp(out->ev[k].event_type, type) && (!have_date || ranges_overlap(&out->ev[k], df, dl)))
                    target = &out->ev[k];
        }
        if (!target && has_trigger) {
            for (size_t k = 0; k < out->n && !target; k++) {
                event *e = &out->ev[k];
                if (!strcmp(e->event_type, type) && have_date && date_compatible(e, df) && ranges_overlap(e, df, dl) &&
                    !places_differ(e, pl))
                    target = e;
            }
        }
        if (!target && !has_trigger && focus >= 0 && (!have_date || anchored))
            target = &out->ev[focus]; /* "more bodies were found in the following days" */
        /* The narrative goes on: an undated mention of the same kind of event
         * as the one in focus ("Police fired tear gas" after "protesters
         * marched") is that event. */
        if (!target && has_trigger && !have_date && focus >= 0 && !strcmp(out->ev[focus].event_type, type) &&
            !places_differ(&out->ev[focus], pl))
            target = &out->ev[focus];
        /* "The attack is a cowardly act", "the fighting there is driven by
         * land disputes": a definite reference back that brings no date and
         * no figure presupposes an incident already told.  When none of its
         * type is (the lead told a bombing, the quote says "the attack"),
         * the incident it means is one of another type, not a new one. */
        if (!target && has_trigger && tr.anaphor && !have_date && !nclaims && out->n)
            continue;
        if (!target) {
            event *prev = focus >= 0 ? &out->ev[focus] : NULL;
            civil_date pf = {0, 0, 0}, plast = {0, 0, 0};
            int pprec = 0, pknown = prev && prev->date_known;
            if (pknown) {
                pf = prev->first;
                plast = prev->last;
                pprec = prev->time_precision;
            }
            target = new_event(out, type, sub, prio);
            /* An undated sentence after a dated one continues its time
             * ("Boko Haram fighters later ambushed a rescue team"). */
            if (!have_date && pknown) {
                set_date(target, pf, plast, pprec, (span){0, 0});
                buf_puts(&target->notes, "Date taken from the preceding event in the report. ");
            }
        }
        else if (has_trigger && prio > target->priority && !strcmp(target->event_type, type)) {
            target->sub_event_type = sub;
            target->priority = prio;
        }
        if (has_trigger) {
            target->triggers = grow_array(target->triggers, &target->captriggers, target->ntriggers,
                                          sizeof *target->triggers);
            target->triggers[target->ntriggers++] =
                (span){td->tok[tr.tok].start, td->tok[tr.tok + tr.ntok - 1].end};
        }
        if (have_date)
            set_date(target, df, dl, prec, dsp);
        else if (said && !target->said_precision) {
            target->said_first = said->first;
            target->said_last = said->last;
            target->said_precision = said->precision;
            target->said_sp = (span){se->start + (uint32_t)said->start, se->start + (uint32_t)said->end};
        }
        set_place(target, pl);
        add_int(&target->sents, &target->nsents, &target->capsents, (int)s);
        int ti = event_index(out, target);
        for (size_t q = 0; q < mc.n; q++)
            if (a->claims[mc.ix[q]].event < 0) {
                a->claims[mc.ix[q]].event = ti;
                add_int(&target->claims, &target->nclaims, &target->capclaims, (int)mc.ix[q]);
            }
        if (!past_event)
            focus = ti; /* the narrative stays on today's event */
    }

    when_mention doc_date;
    int doc_dated = -1; /* not looked for yet */
    /* The report's dateline town, its repetition in the body and the one town
     * of the report depend on the report's places alone, which nothing below
     * changes: found once, when an event first needs them, not once per event
     * (a walk over all places, per event, in a report of many events). */
    const place_m *dl = NULL, *dr_memo = NULL, *rt_memo = NULL;
    int dl_known = 0, dr_known = 0, rt_known = 0;
    place_m region;
    attach_stray_claims(a, out);
    for (size_t k = 0; k < out->n; k++) {
        event *e = &out->ev[k];
        if (!e->date_known && doc_dated < 0)
            doc_dated = report_event_date(a, &doc_date);
        if (!e->date_known && doc_dated > 0) {
            set_date(e, doc_date.first, doc_date.last, doc_date.precision,
                     (span){(uint32_t)doc_date.start, (uint32_t)doc_date.end});
            buf_puts(&e->notes, "Date taken from a sentence of the report that names no event. ");
        } else if (!e->date_known && e->said_precision) {
            set_date(e, e->said_first, e->said_last, e->said_precision, e->said_sp);
            buf_puts(&e->notes, "Date of a statement about the event: it happened on or before. ");
        } else if (!e->date_known) {
            e->first = e->last = a->report;
            e->time_precision = 2;
            buf_puts(&e->notes, "No date in the text: the report date is used. ");
        }
        e->date = e->first;
        if (!dl_known) {
            dl = dateline_place(a);
            dl_known = 1;
        }
        if (dl && dl->resolved && (!e->has_place || (e->place.precision == 3 && place_within(dl, &e->place)))) {
            e->place = *dl;
            e->has_place = 1;
            buf_puts(&e->notes, "The body names no other town: the dateline's is used. ");
        }
        if (!dr_known && (!e->has_place || e->place.precision == 3)) {
            dr_memo = dateline_repeated(a);
            dr_known = 1;
        }
        const place_m *dr = !e->has_place || e->place.precision == 3 ? dr_memo : NULL;
        if (dr && (!e->has_place || place_within(dr, &e->place))) {
            e->place = *dr;
            e->has_place = 1;
            buf_puts(&e->notes, "The event's sentences name no town: the dateline's, which the report names again, "
                                "is used. ");
        }
        /* Not for a strategic development in a report of several events: a
         * decision, a ban, an agreement is seldom made in the town of the
         * report's ambush ("the junta suspended the station"). */
        int may_borrow = out->n == 1 || strcmp(e->event_type, "Strategic developments") != 0;
        if (!rt_known && may_borrow && (!e->has_place || e->place.precision == 3)) {
            rt_memo = report_town(a, &region);
            rt_known = 1;
        }
        const place_m *rt = may_borrow && (!e->has_place || e->place.precision == 3) ? rt_memo : NULL;
        if (rt && (!e->has_place || (place_within(rt, &e->place) && rt->precision < 3) ||
                   (rt->g.kind == GAZ_ADMIN1 && e->place.g.kind == GAZ_COUNTRY && !strcmp(rt->g.iso2, e->place.g.iso2)) ||
                   (rt->precision == 3 && wider_than_region(&e->place) && narrows_country(rt, &e->place)))) {
            e->place = *rt;
            e->has_place = 1;
            buf_puts(&e->notes, rt->g.kind == GAZ_PLACE
                                    ? "The event's sentences name no town: the one town of the report is used. "
                                    : "The event's sentences name no town: the region of the report's towns, or the one region it names, is used. ");
        }
        if (!e->has_place && a->country[0]) {
            gaz_country gc;
            if (gaz_country_by_iso(a->t->gaz, a->country, &gc)) {
                place_m p = {0};
                str_copy(p.name, sizeof p.name, gc.name);
                p.resolved = 1;
                p.precision = 3;
                p.g.kind = GAZ_COUNTRY;
                p.g.name = gc.name;
                p.g.lat = gc.lat;
                p.g.lon = gc.lon;
                memcpy(p.g.iso2, gc.iso2, 3);
                p.g.admin1 = p.g.admin2 = "";
                e->place = p;
                e->has_place = 1;
                buf_puts(&e->notes, "No place in the event's sentences: the report's main country is used. ");
            }
        }
        if (e->has_place && !e->place.resolved) {
            own_country(a, &e->place);
            nearest_known(a, e);
        }
        fill_place(a, e);
        mark_restatements(e, a->claims, a->doc->source);
        assign_actors(a, e, a->claims);
        event_reconcile_rule(e, a->claims, a->t->best_rule);
    }
    sentence_memo_free(a);
    sentence_index_free(a);
}
