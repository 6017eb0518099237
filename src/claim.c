/* claim.c -- see claim.h. */
#include "claim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "actor.h"
#include "number.h"
#include "place.h"

/* Words after a number that make it a measure, not a head count. */
static const char *const units[] = {
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "years", "year",
    "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "minute", "percent", "per",
    "pm", "am", "dollars", "euros", "million", "billion", "kg", "tonnes", "tons", "times", "o'clock", "st", "nd",
    "rd", "th", "%", "vehicles", "houses", "homes", "buildings", "shops", "cars", "rounds", "shells", "rockets",
    "missiles", "drones", "bombs", "acres", "hectares", "bullets", "shots", "gunshots", "grenades", "mortars",
    /* "killed in two explosions", "83 cows were killed": not people */
    "attacks", "raids", "strikes", "airstrikes", "explosions", "blasts", "bombings", "incidents", "separate",
    "cows", "cattle", "livestock", "goats", "sheep", "camels", "animals", "dogs", "horses",
    "year-old", "years-old", "month-old", "week-old"};

static int is_unit(const text_doc *td, size_t j)
{
    return tok_is_any(td, j, units, ARRAY_LEN(units));
}

/* Asked of the words around every number: a probe of the list's hash set
 * (tok_is_any), not a walk of its 24 words. */
static int is_month(const text_doc *td, size_t i)
{
    static const char *const m[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                                    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
    return tok_is_any(td, i, m, ARRAY_LEN(m));
}

static int is_aux(const text_doc *td, size_t j)
{
    static const char *const aux[] = {"were", "was", "had", "have", "has", "been", "are", "is", "be", "being",
                                      "reportedly", "also", "later", "left", "all", "subsequently", "allegedly",
                                      "believed", "feared", "confirmed", "found", "reported", "to", "said"};
    return tok_is_any(td, j, aux, ARRAY_LEN(aux));
}

/* The number words of number.h that can start a quantity. */
static const char *const number_first[] = {
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "dozen", "dozens", "scores", "score",
    "hundreds", "thousands", "millions", "tens", "several", "few", "handful", "many", "numerous", "half", "some",
    "couple"};

/* The filter runs on every token, so the words are indexed once by hash64
 * (pthread_once in claims_scan: safe under -j N) and a token is looked up by
 * the hash it already carries: one probe instead of comparing with a list.
 * The table is sparse because nearly every lookup is a miss, which then
 * mostly ends at its first, empty slot. */
#define NUMBER_SLOTS 512 /* a power of two, some ten times ARRAY_LEN(number_first) */
static struct {
    uint64_t hash;       /* 0: empty */
    const char *w;
} number_slot[NUMBER_SLOTS];
/* Bit n of number_lengths[c - 'a'] is set when a word of number_first that
 * starts with c is n bytes long: "and", "in", "of", "to" are turned away by
 * this before any probe. */
static uint32_t number_lengths[26];
static pthread_once_t number_once = PTHREAD_ONCE_INIT;
_Static_assert(ARRAY_LEN(number_first) * 8 < NUMBER_SLOTS, "NUMBER_SLOTS too small");

static void number_index(void)
{
    for (size_t i = 0; i < ARRAY_LEN(number_first); i++) {
        size_t n = strlen(number_first[i]);
        uint64_t h = hash64(number_first[i], n) | 1;
        size_t s = h & (NUMBER_SLOTS - 1);
        while (number_slot[s].hash)
            s = (s + 1) & (NUMBER_SLOTS - 1);
        number_slot[s].hash = h;
        number_slot[s].w = number_first[i];
        number_lengths[number_first[i][0] - 'a'] |= (uint32_t)1 << n;
    }
}

/* Is there a word of number_first as long as k[0..n) and with its first
 * byte (in a..z)?  Most words are turned away here. */
static inline int number_length_ok(const char *k, size_t n)
{
    return n < 32 && (number_lengths[k[0] - 'a'] & ((uint32_t)1 << n));
}

/* Is k[0..n), whose hash64 is h, one of number_first? */
static int is_number_first(const char *k, size_t n, uint64_t h)
{
    h |= 1;
    for (size_t s = h & (NUMBER_SLOTS - 1); number_slot[s].hash; s = (s + 1) & (NUMBER_SLOTS - 1))
        if (number_slot[s].hash == h && strncmp(number_slot[s].w, k, n) == 0 && number_slot[s].w[n] == '\0')
            return 1;
    return 0;
}

/* Is the key k[0..n) up to its first hyphen one of number_first? */
static int number_before_hyphen(const char *k, size_t n)
{
    size_t m = 0;
    while (m < n && k[m] != '-')
        m++;
    return number_length_ok(k, m) && is_number_first(k, m, hash64(k, m));
}

/* Cheap filter before number_parse: most words cannot start a quantity,
 * and number_parse on every word was a third of the run (bench/README.md).
 * Inline, because the main scan asks it of every token and most answers
 * come from the flags or the first byte. */
static inline int may_start_number(const text_doc *td, size_t i)
{
    const token *tk = &td->tok[i];
    if (tk->flags & TOK_NUM)
        return 1;
    const char *k = tok_key(td, i);
    if (k[0] < 'a' || k[0] > 't')
        return 0; /* no number word starts otherwise */
    /* Number words hyphenate ("twenty-one"): compare up to the hyphen.  A
     * plain token has none, and its hash is that of the whole key. */
    if (tk->flags & TOK_PLAIN)
        return number_length_ok(k, tk->keylen) && is_number_first(k, tk->keylen, tk->hash);
    return number_before_hyphen(k, tk->keylen);
}

/* Can number_parse read a count at token i?  A plain word (ASCII letters
 * and digits, its key the text lower-cased) holds no boundary inside it, so
 * it starts a number only when it is a digit or one whole word of
 * number_first; any other token is left to number_parse.  So this never
 * says no where number_parse would say yes (may_start_number, which cuts a
 * word at its hyphen, is not that sure for words of other bytes). */
static inline int may_be_number(const text_doc *td, size_t i)
{
    const token *tk = &td->tok[i];
    if ((tk->flags & TOK_NUM) || !(tk->flags & TOK_PLAIN))
        return 1;
    const char *k = tok_key(td, i);
    return k[0] >= 'a' && k[0] <= 't' && number_length_ok(k, tk->keylen) && is_number_first(k, tk->keylen, tk->hash);
}

/* number_parse at token i of sentence se, asked only where may_be_number. */
static size_t number_at(const analysis *a, const sentence *se, size_t i, number_t *out)
{
    if (!may_be_number(&a->td, i)) {
        *out = (number_t){0};
        return 0;
    }
    return number_parse(a->doc->text + a->td.tok[i].start, se->end - a->td.tok[i].start, out);
}

/* Token index of the first token starting at or after byte `at`. */
static size_t token_at(const text_doc *td, size_t from, size_t end, size_t at)
{
    while (from < end && td->tok[from].start < at)
        from++;
    return from;
}

static enum outcome outcome_of(const lex_entry *e)
{
    const char *o = e->attr[0];
    for (int k = 0; k < OUT_N; k++)
        if (!strcmp(o, outcome_name[k]))
            return (enum outcome)k;
    return OUT_KILLED;
}

/* ---- tolls, context, denials, zeros ---------------------------------------- */

static int is_year_tok(const analysis *a, size_t j, int *year)
{
    const text_doc *td = &a->td;
    if (j >= td->ntok || !(td->tok[j].flags & TOK_NUM) || td->tok[j].end - td->tok[j].start != 4)
        return 0;
    /* The four digits by hand, not atoi: a year that ends a text which is
     * not NUL-terminated (tally.h allows it) would be read past its end. */
    const char *d = a->doc->text + td->tok[j].start;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (d[k] < '0' || d[k] > '9')
            return 0;
        y = y * 10 + (d[k] - '0');
    }
    if (y < 1900 || y > 2100)
        return 0;
    if (year)
        *year = y;
    return 1;
}

/* Words that say a figure is new: "the toll rose to 30". */
static const char *const update_words[] = {"rose", "risen", "rise", "rises", "rising", "climbed", "climbs",
                                           "increased", "jumped", "raised", "revised", "reached", "bringing",
                                           "brought", "grew", "mounted", "swelled", "soared", "up", "raising",
                                           "raises", "pushing", "pushed", "climbing", "increasing", "taking"};

/* A toll phrase before the count at cstart: "the death toll from the
 * bombing stands at 32", "the toll later rose to eight", "the number of
 * dead has risen to 27", "revised the toll up to 52".  Returns the outcome
 * (-1 if none), with its first token and whether it is an update. */
static int toll_before(const analysis *a, size_t first, size_t cstart, size_t *tstart, int *update)
{
    const text_doc *td = &a->td;
    size_t lim = cstart > first + 30 ? cstart - 30 : first;
    for (size_t m = cstart; m-- > lim;) {
        if ((td->tok[m].flags & TOK_NUM) || tok_is(td, m, ",") || tok_is(td, m, ";"))
            return -1;
        int o = -1;
        if (tok_is(td, m, "toll") || tok_is(td, m, "tally"))
            o = m > first && (tok_is(td, m - 1, "injury") || tok_is(td, m - 1, "casualty")) &&
                        tok_is(td, m - 1, "injury") ? OUT_INJURED : OUT_KILLED;
        else if (tok_is(td, m, "number") && m + 2 < cstart && tok_is(td, m + 1, "of")) {
            static const char *const dead[] = {"dead", "deaths", "killed", "fatalities", "people", "victims"};
            static const char *const hurt[] = {"injured", "wounded"};
            if (tok_is_any(td, m + 2, dead, ARRAY_LEN(dead)))
                o = OUT_KILLED;
            else if (tok_is_any(td, m + 2, hurt, ARRAY_LEN(hurt)))
                o = OUT_INJURED;
            if (o == OUT_KILLED && (tok_is(td, m + 2, "people") || tok_is(td, m + 2, "victims")) &&
                !(m + 3 < cstart && tok_is(td, m + 3, "killed")))
                o = -1;
        }
        if (o < 0)
            continue;
        *tstart = m;
        *update = 0;
        for (size_t j = m + 1; j < cstart; j++)
            *update |= tok_is_any(td, j, update_words, ARRAY_LEN(update_words));
        if (m > first && tok_is_any(td, m - 1, update_words, ARRAY_LEN(update_words)))
            *update = 1; /* "raised the toll to 30" */
        if (m > first + 1 && tok_is(td, m - 1, "the") && tok_is_any(td, m - 2, update_words, ARRAY_LEN(update_words)))
            *update = 1;
        return o;
    }
    return -1;
}

/* Is token j a word that marks a period, not this event: "since 2022",
 * "since January", "since the war began", "so far this year", "over the
 * past decade", "in 2019" (a year before the report's)?  "The deadliest
 * since 2019" compares this event with the past: not a cue. */
static int period_cue(const analysis *a, size_t j, size_t first, size_t end)
{
    const text_doc *td = &a->td;
    /* Asked of every word around every figure; each cue below starts with
     * "since", "so", "this", "last", "in", "over", "during" or "to". */
    switch (tok_key(td, j)[0]) {
    case 'd': case 'i': case 'l': case 'o': case 's': case 't':
        break;
    default:
        return 0;
    }
    if (tok_is(td, j, "since")) {
        if (j > first) {
            const char *k = tok_key(td, j - 1);
            size_t n = strlen(k);
            if ((n > 4 && !strcmp(k + n - 3, "est")) || !strcmp(k, "worst") || !strcmp(k, "first") ||
                (j > first + 1 && (!strncmp(tok_key(td, j - 2), "deadl", 5) || !strcmp(tok_key(td, j - 2), "worst"))))
                return 0;
        }
        size_t q = j + 1;
        if (q < end && is_year_tok(a, q, NULL))
            return 1;
        if (q < end && is_month(td, q))
            return 1;
        static const char *const starts[] = {"start", "beginning", "outbreak", "onset", "war", "conflict",
                                             "insurgency", "uprising", "crisis", "invasion", "revolution", "coup",
                                             "independence", "then", "last"};
        if (q < end && tok_is(td, q, "the"))
            q++;
        if (q < end && tok_is_any(td, q, starts, ARRAY_LEN(starts))) {
            /* "since the beginning of this week" is this event's time */
            static const char *const near[] = {"week", "weekend", "day", "night", "morning", "month"};
            for (size_t r = q + 1; r < end && r <= q + 4; r++)
                if (tok_is_any(td, r, near, ARRAY_LEN(near)))
                    return 0;
            return 1;
        }
        for (size_t r = j + 1; r < end && r <= j + 5; r++)
            if (tok_is(td, r, "began") || tok_is(td, r, "started") || tok_is(td, r, "erupted"))
                return 1;
        return 0;
    }
    if (tok_is(td, j, "so") && j + 2 < end && tok_is(td, j + 1, "far") && tok_is(td, j + 2, "this"))
        return 1;
    if ((tok_is(td, j, "this") || tok_is(td, j, "last")) && j + 1 < end && tok_is(td, j + 1, "year") &&
        !(j > first && tok_is(td, j - 1, "of")))
        return 1;
    /* "killed in the war", "died in the conflict" */
    static const char *const wars[] = {"war", "conflict", "insurgency", "uprising", "civil"};
    if (tok_is(td, j, "in") && j + 2 < end && tok_is(td, j + 1, "the") && tok_is_any(td, j + 2, wars, ARRAY_LEN(wars)))
        return 1;
    /* "over the past decade", "in recent years"; but "over the past two
     * days" and "in the last week" are an event's own span */
    if ((tok_is(td, j, "over") || tok_is(td, j, "in") || tok_is(td, j, "during")) && j + 2 < end &&
        (tok_is(td, j + 1, "the") || tok_is(td, j + 1, "recent"))) {
        static const char *const long_units[] = {"year", "years", "decade", "decades", "months"};
        if (tok_is(td, j + 1, "recent"))
            return tok_is_any(td, j + 2, long_units, ARRAY_LEN(long_units));
        if (!tok_is(td, j + 2, "past") && !tok_is(td, j + 2, "last"))
            return 0;
        for (size_t r = j + 3; r < end && r <= j + 5; r++)
            if (tok_is_any(td, r, long_units, ARRAY_LEN(long_units)))
                return 1;
        return 0;
    }
    if (tok_is(td, j, "to") && j + 1 < end && tok_is(td, j + 1, "date"))
        return 1;
    int y;
    if ((tok_is(td, j, "in") || tok_is(td, j, "during")) && j + 1 < end && is_year_tok(a, j + 1, &y) &&
        y < a->report.year)
        return 1;
    return 0;
}

/* A cumulative or historical figure: a period cue before the count in its
 * sentence, or after it in the same clause; or a conflict as the subject
 * ("the insurgency has killed 40,000 people", "a war that has killed ..."). */
static int is_context(const analysis *a, const sentence *se, size_t cstart, size_t cend)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count;
    for (size_t j = se->first; j < cstart; j++)
        if (period_cue(a, j, se->first, end))
            return 1;
    for (size_t j = cend; j < end; j++) {
        if (tok_is(td, j, ",") || tok_is(td, j, ";") || tok_is(td, j, "while") || tok_is(td, j, "but"))
            break;
        if (period_cue(a, j, se->first, end))
            return 1;
    }
    static const char *const wars[] = {"war", "conflict", "insurgency", "violence", "crisis", "unrest", "uprising",
                                       "rebellion", "bloodshed", "campaign", "fighting"};
    for (size_t j = cstart; j-- > se->first && j + 6 > cstart;) {
        if (tok_is(td, j, "has") || tok_is(td, j, "have") || tok_is(td, j, "had")) {
            for (size_t w = j; w-- > se->first && w + 3 > j;)
                if (tok_is_any(td, w, wars, ARRAY_LEN(wars)) && !tok_is(td, w, "fighting"))
                    return 1;
            break;
        }
    }
    return 0;
}

/* "denied reports of a massacre, saying 4 militants were killed": what
 * follows "saying" is the denier's own figure. */
static int new_statement(const text_doc *td, size_t from, size_t to)
{
    static const char *const says[] = {"saying", "adding", "said", "instead", "insisting", "stating"};
    for (size_t j = from; j < to; j++)
        if (tok_is_any(td, j, says, ARRAY_LEN(says)))
            return 1;
    return 0;
}

static const char *const denial_verbs[] = {"denied", "denies", "deny", "denying", "rejected", "rejects",
                                           "dismissed", "dismisses", "refuted", "disputed"};

/* The first denial in tokens [from, end): "denied that", "rejected claims
 * that", "dismissed reports of".  Returns its token or (size_t)-1. */
static size_t find_denial(const text_doc *td, size_t from, size_t end)
{
    static const char *const objs[] = {"that", "reports", "claims", "allegations", "accounts", "any", "suggestions",
                                       "charges", "it"};
    static const char *const neg[] = {"not", "neither", "nor", "never", "no"};
    for (size_t j = from; j + 1 < end; j++) {
        if (!tok_is_any(td, j, denial_verbs, ARRAY_LEN(denial_verbs)) || !tok_is_any(td, j + 1, objs, ARRAY_LEN(objs)))
            continue;
        /* "did not confirm or deny reports that ..." denies nothing */
        int negated = 0;
        for (size_t b = j; b-- > from && b + 4 >= j;)
            negated |= tok_is_any(td, b, neg, ARRAY_LEN(neg));
        if (!negated)
            return j;
    }
    return (size_t)-1;
}

/* "and possibly 30", ", perhaps as many as 30": an upper figure for the
 * claim just read, which ends before token k.  Returns the token after it
 * (0 if none) and its value in *hi. */
static size_t possibly_more(const analysis *a, const sentence *se, size_t k, long long *hi)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count, q = k;
    static const char *const maybe[] = {"possibly", "perhaps", "maybe", "probably", "potentially"};
    for (size_t w = 0; w < 4 && q < end && (tok_is(td, q, ",") || tok_is(td, q, "and") || tok_is(td, q, "or") ||
                                              tok_is(td, q, "killed") || tok_is(td, q, "dead"));
         w++)
        q++;
    if (q >= end || !tok_is_any(td, q, maybe, ARRAY_LEN(maybe)))
        return 0;
    q++;
    size_t n;
    const lex_entry *qu = lex_match(a->t->qualifiers, td, q, end, &n);
    if (qu && strcmp(qu->attr[0], "at_most") == 0)
        q += n;
    else if (q + 1 < end && tok_is(td, q, "more") && tok_is(td, q + 1, "than"))
        q += 2;
    number_t nn;
    if (q >= end)
        return 0;
    size_t used = number_at(a, se, q, &nn);
    if (!used || nn.vague)
        return 0;
    *hi = nn.min;
    return token_at(td, q, end, td->tok[q].start + used);
}

/* A source phrase or speaking actor before/after the claim. */
typedef struct {
    size_t tok, ntok;
    span sp;
    enum source_kind kind;
    char text[96];
} speaker;

static enum source_kind kind_of(const char *s)
{
    for (int k = 0; k < 6; k++)
        if (!strcmp(s, source_kind_name[k]))
            return (enum source_kind)k;
    return SRC_UNKNOWN;
}

static void strip_det(char *s)
{
    static const char *const det[] = {"the ", "The ", "a ", "A ", "an ", "An "};
    for (size_t k = 0; k < ARRAY_LEN(det); k++) {
        size_t n = strlen(det[k]);
        if (!strncmp(s, det[k], n)) {
            memmove(s, s + n, strlen(s + n) + 1);
            return;
        }
    }
}

/* The outcome phrases (outcomes.tsv) that start in the sentence being read,
 * each matched up to the sentence's end.  The rules ask for them again and
 * again: the one-victim readers walk the whole sentence two or three times
 * looking for an outcome, and the words that can start one are common ("in"
 * of "in critical condition", "shot"), each a probe of the lexicon.  So the
 * sentence is matched once, and the walks visit only the tokens where an
 * outcome starts. */
typedef struct {
    const lex_entry *e;  /* NULL: no outcome starts here */
    enum outcome out;    /* outcome_of(e) */
} outcome_slot;

/* The words that the rarer readers need, found in the same walk, by first
 * byte: suicide_claims, zero_claims and find_denial compared a dozen words
 * at every token of every sentence, and nearly no sentence holds any. */
typedef struct {
    int self; /* "himself", "herself", "life": every phrase of suicide_claims ends in one */
    int none; /* "no", "nobody", "no-one": every zero of zero_claims but a denial starts at one */
    int deny; /* one of denial_verbs, where every denial of find_denial starts */
} sentence_cues;

/* What claims_scan knows of the report and of the sentence it reads: the
 * outcomes and cues above, the speakers of the sentence (find_speakers,
 * asked by every reader that makes a claim, and the same answer each time)
 * and where each sentence's actors are. */
typedef struct {
    /* the report */
    const size_t *actor_first; /* actor_first[s]: the first actor of sentence s or after (s <= nsent);
                                * NULL if the actors are not in text order: walk them all */
    outcome_slot *slot;        /* one per token of se */
    uint32_t *at;              /* the tokens where an outcome starts, in order */
    /* the sentence */
    const sentence *se;
    size_t s, nat;
    sentence_cues cues;
    speaker sp[16];
    size_t nsp;
    int speakers_known;
    /* the report: the claims of one hurt person named beside the dead
     * ("a man was killed and a woman was wounded"), for beside_dead */
    size_t beside[32], nbeside;
} claim_memo;

static void memo_sentence(const analysis *a, claim_memo *cm, size_t s)
{
    const sentence *se = &a->td.sent[s];
    size_t end = se->first + se->count, n;
    cm->se = se;
    cm->s = s;
    cm->nat = 0;
    cm->speakers_known = 0;
    sentence_cues *c = &cm->cues;
    *c = (sentence_cues){0, 0, 0};
    /* lex_match's mark test, with its loads made once for the sentence rather
     * than at every token (the stores to the memo keep the compiler from
     * hoisting them): nearly every token starts no outcome. */
    const text_doc *td = &a->td;
    const lexicon *outcomes = a->t->outcomes;
    uint16_t bit = lex_mark_bit(outcomes, td);
    for (size_t i = se->first; i < end; i++) {
        const lex_entry *e = bit && !(td->tok[i].lexmask & bit) ? NULL : lex_match(outcomes, td, i, end, &n);
        cm->slot[i - se->first] = (outcome_slot){e, e ? outcome_of(e) : OUT_KILLED};
        if (e)
            cm->at[cm->nat++] = (uint32_t)i;
        const char *k = tok_key(td, i);
        if (k[0] == 'h')
            c->self |= key_eq(k, "himself") || key_eq(k, "herself");
        else if (k[0] == 'l')
            c->self |= key_eq(k, "life");
        else if (k[0] == 'n')
            c->none |= key_eq(k, "no") || key_eq(k, "nobody") || key_eq(k, "no-one");
        else if (k[0] == 'd' || k[0] == 'r')
            c->deny |= tok_is_any(td, i, denial_verbs, ARRAY_LEN(denial_verbs));
    }
}

/* lex_match(outcomes, td, i, end of the sentence, n), from the memo. */
static inline const lex_entry *outcome_at(const claim_memo *cm, size_t i, size_t *n)
{
    size_t k = i - cm->se->first; /* wraps for a token before the sentence */
    if (k >= cm->se->count || !cm->slot[k].e)
        return NULL;
    *n = (size_t)cm->slot[k].e->ntok;
    return cm->slot[k].e;
}

/* The outcome of outcome_at(cm, i, ...), which must not be NULL. */
static inline enum outcome outcome_kind_at(const claim_memo *cm, size_t i) { return cm->slot[i - cm->se->first].out; }

/* The sources of sentence s; actor_first as in claim_memo. */
static size_t find_speakers(const analysis *a, size_t s, speaker *out, size_t max, const size_t *actor_first)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count, n = 0;
    for (size_t i = se->first; i < end && n < max; i++) {
        size_t len;
        const lex_entry *e = lex_match(a->t->sources, td, i, end, &len);
        if (!e)
            continue;
        /* "told AFP": the outlet is the recipient, not the source. */
        if (i > se->first && (tok_is(td, i - 1, "told") ||
                              (tok_is(td, i - 1, "to") && !(i > se->first + 1 && tok_is(td, i - 2, "according"))))) {
            i += len - 1;
            continue;
        }
        /* "a doctor at the hospital said": the verb after a short phrase */
        static const char *const preps[] = {"at", "in", "from", "of", "with", "for", "on"};
        int window = i + len < end && tok_is_any(td, i + len, preps, ARRAY_LEN(preps)) ? 6 : 3;
        if (i + len < end && tok_is(td, i + len, ","))
            window = 0; /* "clashes with police, elders said": the verb is the elders' */
        if (!attribution_near(a, se->first, end, i + len, i, window)) {
            i += len - 1;
            continue;
        }
        speaker *sp = &out[n++];
        sp->tok = i;
        sp->ntok = len;
        sp->sp = (span){td->tok[i].start, td->tok[i + len - 1].end};
        sp->kind = kind_of(e->attr[0]);
        span_copy(a->doc->text, sp->sp, sp->text, sizeof sp->text);
        /* "separatist spokesperson Mohamed ... said": a party's spokesperson. */
        i += len - 1;
    }
    size_t k0 = actor_first ? actor_first[s] : 0, k1 = actor_first ? actor_first[s + 1] : a->nactors;
    for (size_t k = k0; k < k1 && n < max; k++) {
        const actor_m *m = &a->actors[k];
        if (m->sentence != (int)s || !m->speaker)
            continue;
        int dup = 0;
        for (size_t j = 0; j < n; j++)
            dup |= (m->tok < out[j].tok + out[j].ntok && out[j].tok < m->tok + m->ntok);
        if (dup)
            continue;
        speaker *sp = &out[n++];
        sp->tok = m->tok;
        sp->ntok = m->ntok;
        sp->sp = m->sp;
        sp->kind = SRC_PARTY;
        span_copy(a->doc->text, m->sp, sp->text, sizeof sp->text);
    }
    for (size_t j = 0; j < n; j++)
        strip_det(out[j].text);
    return n;
}

/* find_speakers for the memo's sentence, found when first asked. */
static const speaker *speakers_of(const analysis *a, claim_memo *cm, size_t *n)
{
    if (!cm->speakers_known) {
        cm->nsp = find_speakers(a, cm->s, cm->sp, ARRAY_LEN(cm->sp), cm->actor_first);
        cm->speakers_known = 1;
    }
    *n = cm->nsp;
    return cm->sp;
}

/* The speaker of a claim at tokens [i, k): the nearest speaker before it with
 * an attribution verb in between, else the nearest after it. */
/* Words that open another statement: a speaker after one of them speaks
 * of what follows it ("8 were killed, while the army said ..."). */
static int clause_break(const text_doc *td, size_t from, size_t to)
{
    static const char *const brk[] = {"while", "whereas", "but", ";"};
    for (size_t j = from; j < to; j++)
        if (tok_is_any(td, j, brk, ARRAY_LEN(brk)))
            return 1;
    return 0;
}

static const speaker *speaker_for(const text_doc *td, const speaker *sp, size_t n, size_t i, size_t k)
{
    const speaker *best = NULL;
    for (size_t j = 0; j < n; j++)
        if (sp[j].tok + sp[j].ntok <= i && (!best || sp[j].tok > best->tok))
            best = &sp[j];
    if (best)
        return best;
    for (size_t j = 0; j < n; j++)
        if (sp[j].tok >= k && (!best || sp[j].tok < best->tok) && !clause_break(td, k, sp[j].tok))
            best = &sp[j];
    return best;
}

/* The claim's source: the speaker, else the outlet, else "unknown". */
static void set_source(const analysis *a, claim *c, const speaker *who)
{
    if (who) {
        str_copy(c->source, sizeof c->source, who->text);
        c->kind = who->kind;
        c->source_span = who->sp;
    } else if (a->doc->source && a->doc->source[0]) {
        str_copy(c->source, sizeof c->source, a->doc->source);
        c->kind = SRC_MEDIA;
    } else {
        snprintf(c->source, sizeof c->source, "unknown");
        c->kind = SRC_UNKNOWN;
    }
}

static enum victim_cat category_of(const lex_entry *v)
{
    if (!v)
        return VIC_UNKNOWN;
    for (int k = 0; k < 4; k++)
        if (!strcmp(v->attr[0], victim_cat_name[k]))
            return (enum victim_cat)k;
    return VIC_UNKNOWN;
}

/* An actor named among the victims: "84 Wagner fighters", "12 members of
 * JNIM".  Sets the claim's victim_actor and, for a bare "members", its
 * category from the actor's inter code. */
static void victim_actor(const analysis *a, claim *c, size_t vstart, size_t vend, const size_t *actor_first)
{
    const text_doc *td = &a->td;
    size_t to = vend;
    /* "members of X", "fighters from X" */
    if (to + 1 < td->ntok && (tok_is(td, to, "of") || tok_is(td, to, "from")))
        to += 4;
    /* In text order, no actor before the claim's sentence reaches vstart,
     * and none after one at `to` or later comes before it. */
    for (size_t k = actor_first ? actor_first[c->sentence] : 0; k < a->nactors; k++) {
        const actor_m *m = &a->actors[k];
        if (actor_first && m->tok >= to)
            break;
        if (m->tok + m->ntok <= vstart || m->tok >= to)
            continue;
        if (m->tok >= vend) { /* after "of": only right after it, maybe with "the" */
            size_t gap = m->tok - vend;
            if (gap > 2 || (gap == 2 && !tok_is(td, vend + 1, "the")))
                continue;
        }
        str_copy(c->victim_actor, sizeof c->victim_actor, m->name);
        if (c->vcat == VIC_UNKNOWN)
            c->vcat = m->inter == 1 ? VIC_STATE : (m->inter >= 2 && m->inter <= 4) || m->inter == 8 ? VIC_NONSTATE
                    : m->inter == 7 ? VIC_CIVILIAN : VIC_UNKNOWN;
        return;
    }
}

static void push(analysis *a, const claim *c)
{
    a->claims = grow_array(a->claims, &a->capclaims, a->nclaims, sizeof *a->claims);
    a->claims[a->nclaims++] = *c;
}

/* A victims.tsv entry that names one person ("chief", "woman", "soldier"),
 * not a plural. */
static const lex_entry *singular_person(const analysis *a, size_t i, size_t end, size_t *n)
{
    const lex_entry *v = lex_match(a->t->victims, &a->td, i, end, n);
    if (!v)
        return NULL;
    const char *k = tok_key(&a->td, i + *n - 1);
    size_t len = strlen(k);
    if (len > 2 && k[len - 1] == 's' && k[len - 2] != 's')
        return NULL; /* a plural: counted only with a number */
    static const char *const plural[] = {"people", "men", "women", "children", "police", "others", "persons",
                                         "security forces", "troops", "militiamen", "policemen", "gunmen"};
    for (size_t p = 0; p < ARRAY_LEN(plural); p++)
        if (!strcmp(k, plural[p]))
            return NULL;
    return v;
}

/* "--", "-", an en or em dash: the marks of an apposition. */
static int is_dash(const analysis *a, size_t j)
{
    const char *t = a->doc->text + a->td.tok[j].start;
    size_t n = a->td.tok[j].end - a->td.tok[j].start;
    return (n >= 1 && n <= 2 && t[0] == '-' && (n == 1 || t[1] == '-')) ||
           (n == 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
            ((unsigned char)t[2] == 0x93 || (unsigned char)t[2] == 0x94));
}

/* An age written as one word: "15-year-old", "9-month-old". */
static int is_age(const analysis *a, size_t j)
{
    const text_doc *td = &a->td;
    if (!(td->tok[j].flags & TOK_NUM))
        return 0;
    const char *k = tok_key(td, j);
    return strstr(k, "-year") || strstr(k, "-month") || strstr(k, "-week") || strstr(k, "-day-old");
}

static int is_capword(const text_doc *td, size_t i)
{
    return i < td->ntok && (td->tok[i].flags & (TOK_CAP | TOK_NUM)) == TOK_CAP;
}

/* One named or singular victim and no number: "killed the village chief",
 * "a muezzin was shot dead", "shot dead Sheikh Ali Othman".  Counts 1. */
static int single_of(analysis *a, size_t s, enum outcome want, size_t from, claim_memo *cm);

static int ly_adverb(const text_doc *td, size_t j);

/* One more person, written "another": "killing one and wounding another",
 * "the shooting left one man dead and another injured", "three people were
 * shot to death and another was injured".  Read only in a sentence that
 * already counts someone; "another attack" is no person. */
static void another_claims(analysis *a, size_t s, size_t first_claim, claim_memo *cm)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count;
    if (a->nclaims == first_claim)
        return;
    for (size_t i = se->first + 1; i < end; i++) {
        if (!tok_is(td, i, "another"))
            continue;
        size_t n, at = 0, vn = 0, q = i + 1;
        const lex_entry *o = NULL;
        if (q < end && singular_person(a, q, end, &vn))
            q += vn; /* "another man" */
        else if (q < end && !(td->tok[q].flags & TOK_PUNCT) && !is_aux(td, q) && !tok_is(td, q, "and") &&
                 !ly_adverb(td, q) && /* "and another critically injured" */
                 !lex_match(a->t->outcomes, td, q, end, &n))
            continue; /* "another attack", "another one" */
        size_t r = q;
        while (r < end && r < q + 3 && (tok_is(td, r, "was") || tok_is(td, r, "is") || tok_is(td, r, "also") ||
                                        tok_is(td, r, "been") || tok_is(td, r, "has") || ly_adverb(td, r)))
            r++;
        if (r < end && (o = lex_match(a->t->outcomes, td, r, end, &n)) && strcmp(o->attr[1], "before") != 0)
            at = r;
        else if ((o = lex_match(a->t->outcomes, td, i - 1, end, &n)) && i - 1 + n == i &&
                 strcmp(o->attr[1], "after") != 0)
            at = i - 1, r = i; /* "wounding another" */
        else
            continue;
        claim c = {0};
        c.part_of = c.restates = c.superseded_by = c.event = -1;
        c.sentence = (int)s;
        c.min = c.max = 1;
        c.q = Q_EXACT;
        c.outcome = outcome_of(o);
        c.hit = c.outcome == OUT_INJURED && !strcmp(o->phrase, "shot");
        size_t sb = at < i ? at : i, sbe = at < i ? q : at + n;
        c.sp = (span){td->tok[sb].start, td->tok[sbe - 1].end};
        span_copy(a->doc->text, (span){td->tok[i].start, td->tok[q - 1].end}, c.victims, sizeof c.victims);
        const lex_entry *v = vn ? lex_match(a->t->victims, td, i + 1, end, &vn) : NULL;
        c.vcat = category_of(v);
        snprintf(c.label, sizeof c.label, "%s", v ? v->attr[1] : "person");
        size_t nsp;
        const speaker *sp = speakers_of(a, cm, &nsp);
        set_source(a, &c, speaker_for(td, sp, nsp, sb, sbe));
        push(a, &c);
        i = sbe;
    }
}

/* The attacker's own death: "before turning the gun on himself", "then
 * killed himself", "took his own life", "shot and killed himself".  In a
 * sentence that counts the dead it is one more of them; elsewhere it is a
 * single, counted only when no source gives a number.  The sentence's own
 * claims are those from first_claim on (claims are made sentence by
 * sentence): only they are compared, not every claim of the report. */
static void suicide_claims(analysis *a, size_t s, size_t first_claim, claim_memo *cm)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count;
    for (size_t i = se->first; i + 1 < end; i++) {
        size_t last = 0;
        int self = tok_is(td, i + 1, "himself") || tok_is(td, i + 1, "herself");
        if (self && (tok_is(td, i, "killed") || tok_is(td, i, "killing")))
            last = i + 1;
        else if (i + 3 < end && (tok_is(td, i, "turned") || tok_is(td, i, "turning")) && tok_is(td, i + 2, "gun") &&
                 tok_is(td, i + 3, "on") && i + 4 < end && (tok_is(td, i + 4, "himself") || tok_is(td, i + 4, "herself")))
            last = i + 4;
        else if (i + 3 < end && (tok_is(td, i, "took") || tok_is(td, i, "taking")) &&
                 (tok_is(td, i + 1, "his") || tok_is(td, i + 1, "her")) && tok_is(td, i + 2, "own") &&
                 tok_is(td, i + 3, "life"))
            last = i + 3;
        else if (self && tok_is(td, i, "shot") && i + 3 < end && tok_is(td, i + 2, "and") &&
                 (tok_is(td, i + 3, "died") || tok_is(td, i + 3, "dies")))
            last = i + 3;
        if (!last)
            continue;
        int numbered = 0;
        for (size_t k = first_claim; k < a->nclaims; k++) {
            const claim *p = &a->claims[k];
            numbered |= p->sentence == (int)s && p->outcome == OUT_KILLED && !p->single && !p->context;
            if (p->sentence == (int)s && p->outcome == OUT_KILLED && td->tok[i].start < p->sp.end &&
                p->sp.start <= td->tok[last].start)
                return; /* already read */
        }
        claim c = {0};
        c.part_of = c.restates = c.superseded_by = c.event = -1;
        c.sentence = (int)s;
        c.min = c.max = 1;
        c.q = Q_EXACT;
        c.single = !numbered;
        c.outcome = OUT_KILLED;
        snprintf(c.victims, sizeof c.victims, "the attacker");
        snprintf(c.label, sizeof c.label, "attacker");
        c.sp = (span){td->tok[i].start, td->tok[last].end};
        size_t nsp;
        const speaker *sp = speakers_of(a, cm, &nsp);
        set_source(a, &c, speaker_for(td, sp, nsp, i, last + 1));
        /* "shot himself" read as an injury is this death */
        for (size_t k = first_claim; k < a->nclaims; k++) {
            claim *p = &a->claims[k];
            if (p->sentence == (int)s && p->outcome == OUT_INJURED && p->single && p->sp.start >= td->tok[i].start &&
                p->sp.start <= td->tok[last].end)
                p->restates = (int)a->nclaims;
        }
        push(a, &c);
        return;
    }
}

/* One named victim, killed or else hurt: "a 15-year-old boy was shot in
 * the leg" is one injured, unless the sentence speaks of a death too. */
static void singular_claims(analysis *a, size_t s, size_t first_claim, claim_memo *cm)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count;
    for (size_t k = first_claim; k < a->nclaims; k++)
        /* the attacker's own death ("and then killed himself") is not the
         * victim's: "fatally shot his wife and then killed himself" still
         * names one victim */
        if (a->claims[k].outcome == OUT_KILLED && !(a->claims[k].single && !strcmp(a->claims[k].label, "attacker"))) {
            /* the sentence already counts its dead, unless one more is
             * named after them with "also": "two bailiffs were killed, and
             * the suspect has also been confirmed dead" */
            size_t last = 0;
            for (size_t q = first_claim; q < a->nclaims; q++)
                if (a->claims[q].sp.end > last)
                    last = a->claims[q].sp.end;
            size_t after = token_at(td, se->first, end, last);
            single_of(a, s, OUT_KILLED, after, cm);
            /* "a man was killed and a woman was wounded", "Stewart died
             * ... and a 10-year-old boy is in critical condition": one
             * hurt person named after the dead in a clause of its own */
            for (size_t q = first_claim; q < a->nclaims; q++)
                if (a->claims[q].outcome == OUT_INJURED)
                    return;
            single_of(a, s, OUT_INJURED, after, cm);
            return;
        }
    if (single_of(a, s, OUT_KILLED, 0, cm)) {
        /* "a man died at the scene and a woman was taken to a hospital" */
        single_of(a, s, OUT_INJURED, token_at(td, se->first, end, a->claims[a->nclaims - 1].sp.end), cm);
        return;
    }
    for (size_t k = first_claim; k < a->nclaims; k++)
        if (a->claims[k].outcome == OUT_INJURED)
            return;
    for (size_t k = 0; k < cm->nat; k++) {
        size_t i = cm->at[k], n = 0;
        outcome_at(cm, i, &n);
        /* "was shot and later died": not an injury; but "shot his wife and
         * then killed himself" is the attacker's death, and the wife was shot */
        if (outcome_kind_at(cm, i) == OUT_KILLED &&
            !(i + n < end && (tok_is(td, i + n, "himself") || tok_is(td, i + n, "herself"))))
            return;
    }
    single_of(a, s, OUT_INJURED, 0, cm);
}

/* The subject of a singular "was": from the clause start to head, when
 * it starts like a noun phrase about a person ("A", "The", a name) and
 * holds no number, no negation and no conjunction.  Returns the end
 * (head + 1) and *vs, or 0. */
static size_t loose_subject(const analysis *a, const sentence *se, size_t head, size_t *vs);
static int is_det(const text_doc *td, size_t j);

/* The words before a verb, back to the mark that opens their clause: *start
 * is the first of them when the sentence's start or a mark lies within
 * `window` tokens before head + 1 and at least two words lead up to head;
 * else 0.  The subject readers below look for their shapes in that run. */
static int run_back_to_mark(const text_doc *td, const sentence *se, size_t head, size_t window, size_t *start)
{
    size_t st = head + 1;
    while (st > se->first && st + window > head + 1 && !(td->tok[st - 1].flags & TOK_PUNCT))
        st--;
    if ((st > se->first && !(td->tok[st - 1].flags & TOK_PUNCT)) || st >= head)
        return 0;
    *start = st;
    return 1;
}

/* "A federal judge whose court handled cartel cases was killed", "A senior
 * member of the party who was negotiating in the talks has been shot dead":
 * one person, a relative clause, then a singular verb.  The person is the
 * words before "who" / "whose" (a/an/the or a name, at most nine words,
 * starting the sentence or a clause).  Returns the "who" token and *vs, or 0. */
static size_t relative_subject(const analysis *a, const sentence *se, size_t head, size_t *vs)
{
    const text_doc *td = &a->td;
    /* "a report of a juvenile who was shot": the noun phrase just before
     * "who", anywhere in the sentence */
    if (tok_is(td, head, "who") && head > se->first + 1) {
        /* "striking Anderson, who died at the scene", "the shooting of
         * 15-year-old Tom Reed, who died the next day": a name before ", who" */
        if (tok_is(td, head - 1, ",") && is_capword(td, head - 2)) {
            size_t d = head - 2;
            while (d > se->first && d + 4 > head - 2 && is_capword(td, d - 1))
                d--;
            if (!tok_is(td, d, "police")) { /* "told police, who ..." */
                *vs = d;
                return head - 1;
            }
        }
        for (size_t d = head - 1; d-- > se->first && d + 6 > head;) {
            if ((td->tok[d].flags & TOK_PUNCT) || ((td->tok[d].flags & TOK_NUM) && !is_age(a, d)))
                break;
            if (tok_is(td, d, "a") || tok_is(td, d, "an") || tok_is(td, d, "the")) {
                *vs = d;
                return head;
            }
        }
    }
    size_t st;
    if (!run_back_to_mark(td, se, head, 32, &st))
        return 0;
    size_t who = 0;
    for (size_t w = st + 1; w <= head && w <= st + 9 && !who; w++)
        if (tok_is(td, w, "who") || tok_is(td, w, "whose"))
            who = w;
    if (!who)
        return 0;
    size_t v;
    if (!loose_subject(a, se, who - 1, &v) || v != st)
        return 0; /* the words before "who" must be one person */
    *vs = st;
    return who;
}

static size_t loose_subject(const analysis *a, const sentence *se, size_t head, size_t *vs)
{
    const text_doc *td = &a->td;
    size_t st = head + 1;
    /* a clause starts after punctuation, or after "and"/"but"/"while"
     * before a determiner: "three were killed and the gunman was also
     * killed" */
    while (st > se->first && st + 14 > head + 1 && !(td->tok[st - 1].flags & TOK_PUNCT) &&
           !((tok_is(td, st - 1, "and") || tok_is(td, st - 1, "but") || tok_is(td, st - 1, "while")) &&
             st <= head && is_det(td, st)))
        st--;
    if (st > se->first && !(td->tok[st - 1].flags & TOK_PUNCT) &&
        !(tok_is(td, st - 1, "and") || tok_is(td, st - 1, "but") || tok_is(td, st - 1, "while")))
        return 0; /* too long to be sure */
    if (st > head)
        return 0;
    static const char *const bad_first[] = {"it", "this", "that", "which", "what", "there", "who", "nobody", "no",
                                            "none", "everything", "nothing", "attack", "car", "vehicle", "house"};
    if (tok_is_any(td, st, bad_first, ARRAY_LEN(bad_first)))
        return 0;
    if (!(tok_is(td, st, "a") || tok_is(td, st, "an") || tok_is(td, st, "the") || is_capword(td, st)))
        return 0;
    /* "Authorities said Hayden died": the subject follows the speaker */
    for (size_t w = head; w > st; w--)
        if (tok_is(td, w - 1, "said") || tok_is(td, w - 1, "says") || tok_is(td, w - 1, "say") ||
            tok_is(td, w - 1, "told")) {
            st = w;
            break;
        }
    if (!(tok_is(td, st, "a") || tok_is(td, st, "an") || tok_is(td, st, "the") || is_capword(td, st)))
        return 0;
    /* "the victims, all in their 20s, died": a plural is no one person
     * ("a man in his late teens" is) */
    size_t vn;
    for (size_t w = st; w <= head; w++) {
        if (tok_is(td, w, "in") || tok_is(td, w, "of") || tok_is(td, w, "from") || tok_is(td, w, "with") ||
            tok_is(td, w, "at"))
            break;
        if (lex_match(a->t->victims, td, w, head + 1, &vn) && w + vn == head + 1 && !singular_person(a, w, head + 1, &vn))
            return 0;
    }
    for (size_t w = st; w <= head; w++) {
        number_t nn;
        if (is_age(a, w))
            continue; /* "a 15-year-old", "a 9-month-old baby" */
        if ((td->tok[w].flags & TOK_NUM) || tok_is(td, w, "and") || tok_is(td, w, "no") || tok_is(td, w, "or") ||
            tok_is(td, w, "which") || tok_is(td, w, "nobody") || tok_is(td, w, "who") || tok_is(td, w, "whose") ||
            ((w > st || (!tok_is(td, w, "a") && !tok_is(td, w, "an"))) &&
             number_at(a, se, w, &nn)))
            return 0; /* "Many died", "two men and a boy": counts, read elsewhere */
    }
    *vs = st;
    return head + 1;
}

static int ends_with(const char *k, const char *suf)
{
    size_t n = strlen(k), m = strlen(suf);
    return n > m && !strcmp(k + n - m, suf);
}

static int is_det(const text_doc *td, size_t j)
{
    static const char *const det[] = {"a", "an", "the", "his", "her", "their"};
    return j < td->ntok && tok_is_any(td, j, det, ARRAY_LEN(det));
}

/* "Both died at the scene", "Both victims were pronounced dead": two
 * people the report has named, at the start of a clause (read for the dead
 * only: "both were shot" in a report of deaths is most often the dead
 * again, and "both were wounded, as were ..." is part of a list).  Returns the end
 * (head + 1) and *vs, or 0. */
static size_t both_subject(const analysis *a, const sentence *se, size_t head, size_t *vs)
{
    const text_doc *td = &a->td;
    size_t st = head, n;
    if (!tok_is(td, head, "both")) {
        const lex_entry *v = lex_match(a->t->victims, td, head, head + 1, &n);
        if (!v || head == se->first || !tok_is(td, head - 1, "both") || singular_person(a, head, head + 1, &n))
            return 0;
        st = head - 1;
    }
    if (st > se->first && !(td->tok[st - 1].flags & TOK_PUNCT) && !tok_is(td, st - 1, "and") &&
        !tok_is(td, st - 1, "said") && !tok_is(td, st - 1, "say") && !tok_is(td, st - 1, "says"))
        return 0; /* "killed them both" */
    *vs = st;
    return head + 1;
}

/* The subject of a plural "were" made of two people: "The mayor and a
 * council member", "A radio producer and an announcer".  Each side starts
 * with a determiner or a name; one "and", no number but ages.  Returns the
 * end (head + 1) and *vs, or 0. */
static size_t pair_subject(const analysis *a, const sentence *se, size_t head, size_t *vs)
{
    const text_doc *td = &a->td;
    size_t st;
    if (!run_back_to_mark(td, se, head, 14, &st))
        return 0;
    size_t and = 0;
    for (size_t w = st; w <= head; w++) {
        number_t nn;
        if (tok_is(td, w, "and")) {
            if (and)
                return 0;
            and = w;
        } else if (((td->tok[w].flags & TOK_NUM) && !is_age(a, w)) || tok_is(td, w, "or") || tok_is(td, w, "which") ||
                   tok_is(td, w, "who") || tok_is(td, w, "both") || tok_is(td, w, "all") || tok_is(td, w, "they") ||
                   tok_is(td, w, "said") || tok_is(td, w, "when") ||
                   (!(td->tok[w].flags & TOK_NUM) && !tok_is(td, w, "a") && !tok_is(td, w, "an") &&
                    number_at(a, se, w, &nn)))
            return 0; /* "two females and a male": a count, read elsewhere */
    }
    if (!and || and == st || and == head || and - st > 5 || head - and > 6)
        return 0;
    /* "A mother and son", "a man and woman": one determiner for both */
    size_t bn;
    int left = is_det(td, st) || is_capword(td, st),
        right = is_det(td, and + 1) || is_capword(td, and + 1) ||
                (is_det(td, st) && singular_person(a, and + 1, head + 1, &bn) && and + 1 + bn == head + 1);
    for (size_t w = st; w < and && !left; w++)
        left = is_capword(td, w); /* "party leader Abdul Razzak and his brother" */
    if (!left || !right)
        return 0;
    /* plural nouns are not one person: "soldiers and a civilian" */
    size_t n;
    for (size_t w = st; w < and; w++)
        if (lex_match(a->t->victims, td, w, and, &n) && !singular_person(a, w, and, &n))
            return 0;
    for (size_t w = and + 1; w <= head; w++)
        if (lex_match(a->t->victims, td, w, head + 1, &n) && !singular_person(a, w, head + 1, &n))
            return 0;
    *vs = st;
    return head + 1;
}

/* "a former electoral delegate": a/an, up to four words, ending before
 * punctuation, a preposition or a verb-like word; no number, no time.
 * Returns the end and *vs (= j), or 0. */
static size_t loose_object(const analysis *a, const sentence *se, size_t j, size_t *vs)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count, w = j + 1;
    static const char *const stop[] = {"in", "on", "at", "near", "outside", "inside", "from", "of", "with", "and",
                                       "who", "as", "after", "before", "during", "while", "when", "for", "by",
                                       "to", "that", "late", "early", "last", "this", "earlier"};
    static const char *const time[] = {"day", "week", "month", "year", "night", "morning", "evening", "total",
                                       "number", "few", "dozen", "couple", "handful", "hundred", "thousand"};
    while (w < end && w < j + 7 && !(td->tok[w].flags & (TOK_PUNCT | TOK_QUOTE)) &&
           !tok_is_any(td, w, stop, ARRAY_LEN(stop))) {
        if (((td->tok[w].flags & TOK_NUM) && !is_age(a, w)) || tok_is_any(td, w, time, ARRAY_LEN(time)))
            return 0;
        w++;
    }
    if (w == j + 1 || w == j + 7)
        return 0;
    *vs = j;
    return w;
}

/* Is the person at vs, named after the dead that end at token from, in a
 * clause of their own: "and", "while", "but" or ";" between, and no word
 * that ties the clause to the death ("died after he was shot", "killed
 * when she was hit"), and no relative pronoun before its outcome?  A
 * pronoun there is most often the dead person. */
static int own_clause(const text_doc *td, size_t from, size_t vs, size_t out)
{
    /* "the killing of a boy, son of an officer, who was shot": a relative
     * clause about the dead */
    static const char *const rel[] = {"who", "whose", "which", "that"};
    for (size_t j = vs; j < out; j++)
        if (tok_is_any(td, j, rel, ARRAY_LEN(rel)))
            return 0;
    static const char *const tie[] = {"after", "when", "before", "as", "because", "until", "where", "once", "since"};
    static const char *const join[] = {"and", "while", "but", "whereas", ";"};
    if (tok_is(td, vs, "he") || tok_is(td, vs, "she") || tok_is(td, vs, "they") || tok_is(td, vs, "him") ||
        tok_is(td, vs, "her"))
        return 0;
    int joined = 0;
    for (size_t j = from; j < vs; j++) {
        if (tok_is_any(td, j, tie, ARRAY_LEN(tie)))
            return 0;
        if (tok_is_any(td, j, join, ARRAY_LEN(join)))
            joined = 1;
    }
    return joined;
}

/* Does the sentence say its wounded person lives ("non-life-threatening
 * injuries", "is expected to survive", "in stable condition")?  Then the
 * person is not the one a later paragraph reports dead. */
static int survives(const text_doc *td, const sentence *se)
{
    static const char *const alive[] = {"non-life-threatening", "non-life", "minor", "survive", "recover",
                                        "stable", "recovering", "graze"};
    for (size_t j = se->first; j < se->first + se->count; j++)
        if (tok_is_any(td, j, alive, ARRAY_LEN(alive)))
            return 1;
    return 0;
}

/* Is the one hurt person at vs, whose outcome is at token out, set apart
 * from the report's dead: "also" just before the outcome ("was also
 * shot"), a subject that says one more ("another", "a second", "the
 * other"), or a sentence that says the person lives? */
static int one_more_hurt(const text_doc *td, const sentence *se, size_t vs, size_t out)
{
    static const char *const ordinal[] = {"another", "second", "third", "fourth", "other"};
    for (size_t j = out; j-- > se->first && j + 3 >= out;)
        if (tok_is(td, j, "also"))
            return 1;
    /* the subject's words may start after its determiner or age: look two
     * tokens before them too */
    for (size_t j = vs > se->first + 2 ? vs - 2 : se->first; j < out && j < vs + 2; j++)
        if (tok_is_any(td, j, ordinal, ARRAY_LEN(ordinal)))
            return 1;
    return survives(td, se);
}

/* from > 0: only a person named after token `from` whose outcome follows
 * "also" ("the suspect was also killed"), counted as one more of the
 * sentence's figures, not as a single. */
static int single_of(analysis *a, size_t s, enum outcome want, size_t from, claim_memo *cm)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count;
    /* only where an outcome starts: the tokens of the memo, from `from` on */
    for (size_t oi = 0; oi < cm->nat; oi++) {
        size_t i = cm->at[oi], n = 0;
        if (i < from || outcome_kind_at(cm, i) != want)
            continue;
        const lex_entry *o = outcome_at(cm, i, &n);
        if (from && want == OUT_KILLED &&
            !(i > se->first + 1 && (tok_is(td, i - 1, "also") || tok_is(td, i - 2, "also") ||
                                    (i > se->first + 2 && tok_is(td, i - 3, "also")))))
            continue;
        size_t vs = 0, ve = 0;
        int two = 0;
        /* a wound told as a noun or a trip to hospital ("he suffered a
         * gunshot wound", "she was rushed to a hospital"): like "was shot",
         * the person may be the one the report says later died */
        int wound_noun = 0;
        const lex_entry *v = NULL;
        /* active: OUTCOME (a|an|the|his|...) w{0,3} PERSON, or OUTCOME Name Name */
        /* "shot his daughter", "shot himself in the face" */
        int shot = want == OUT_INJURED && n == 1 && tok_is(td, i, "shot");
        if (shot && i + 1 < end && (tok_is(td, i + 1, "himself") || tok_is(td, i + 1, "herself"))) {
            vs = i + 1;
            ve = i + 2;
        }
        if (!ve && (strcmp(o->attr[1], "after") != 0 || shot)) {
            size_t j = i + n;
            if (j < end && (tok_is(td, j, "a") || tok_is(td, j, "an") || tok_is(td, j, "the") ||
                            tok_is(td, j, "his") || tok_is(td, j, "her") || tok_is(td, j, "their"))) {
                for (size_t w = j + 1; w < end && w <= j + 4 && !v; w++) {
                    if (td->tok[w].flags & TOK_PUNCT)
                        break;
                    size_t m;
                    if ((v = singular_person(a, w, end, &m))) {
                        vs = j;
                        ve = w + m;
                    }
                }
                /* "killed a district governor and his son": two people */
                size_t pe, pv;
                if (ve && ve + 2 < end && tok_is(td, ve, "and") && is_det(td, ve + 1) &&
                    (pe = loose_object(a, se, ve + 1, &pv)) != 0 && !(pe < end && tok_is(td, pe, "of")) &&
                    !ends_with(tok_key(td, pe - 1), "ing")) { /* not "and the wounding of three" */
                    two = 1;
                    ve = pe;
                }
                /* "shot and killed a former electoral delegate": what a
                 * killing verb takes with "a" is a person, whatever the noun,
                 * unless it is a time ("killed a day after") */
                if (!ve && want == OUT_KILLED && !shot && (tok_is(td, j, "a") || tok_is(td, j, "an")))
                    ve = loose_object(a, se, j, &vs);
                /* "the shooting that wounded a 15-year-old", "injuring a
                 * security guard": so too for the verbs that only hurt
                 * ("shot a video", "hit a car" are not people) */
                static const char *const hurt_verb[] = {"wounded", "wounding", "injured", "injuring"};
                if (!ve && want == OUT_INJURED && n == 1 && tok_is_any(td, i, hurt_verb, ARRAY_LEN(hurt_verb)) &&
                    (tok_is(td, j, "a") || tok_is(td, j, "an")))
                    ve = loose_object(a, se, j, &vs);
            } else if (is_capword(td, j) && is_capword(td, j + 1) && !place_at(a, j)) {
                vs = j;
                ve = j + 2;
                while (is_capword(td, ve) && ve < j + 5)
                    ve++;
            } else if (j + 1 < end && is_age(a, j) && is_capword(td, j + 1) && !place_at(a, j + 1)) {
                vs = j; /* "the shooting death of 16-year-old Javon Reilly" */
                ve = j + 2;
                while (is_capword(td, ve) && ve < j + 5)
                    ve++;
            }
        }
        /* "officers found a man suffering from a gunshot wound", "she
         * returned to find the girl with a gunshot wound to her leg": the
         * object of a verb of finding bears the wound */
        if (!ve && want == OUT_INJURED &&
            (tok_is(td, i + n - 1, "wound") || tok_is(td, i + n - 1, "wounds") || tok_is(td, i + n - 1, "injuries"))) {
            static const char *const find[] = {"found", "find", "finding", "discovered", "located"};
            size_t q = i, mark = 0;
            while (q-- > se->first && q + 6 > i && !(td->tok[q].flags & (TOK_PUNCT | TOK_NUM)))
                if (tok_is(td, q, "suffering") || tok_is(td, q, "with")) {
                    mark = q;
                    break;
                }
            /* "with" may be the start of the outcome phrase ("with a gunshot wound") */
            if (!mark && tok_is(td, i, "with"))
                mark = i;
            if (mark > se->first + 2) {
                for (size_t f = mark - 1; f-- > se->first && f + 7 > mark && !ve;) {
                    if (td->tok[f].flags & (TOK_PUNCT | TOK_NUM))
                        break;
                    if (!tok_is_any(td, f, find, ARRAY_LEN(find)) || !is_det(td, f + 1))
                        continue;
                    for (size_t w = f + 2; w < mark && !v; w++) {
                        size_t m;
                        if ((v = singular_person(a, w, mark, &m)) && w + m == mark) {
                            vs = f + 1;
                            ve = mark;
                            wound_noun = 1;
                        } else
                            v = NULL;
                    }
                }
            }
        }
        /* "Both were killed instantly", "Both victims were pronounced dead" */
        if (!ve && want == OUT_KILLED && strcmp(o->attr[1], "before") != 0 && i > se->first + 1) {
            size_t b = i - 1;
            if (ly_adverb(td, b) || tok_is(td, b, "later") || tok_is(td, b, "also"))
                b--;
            if (b > se->first && tok_is(td, b, "were") && (ve = both_subject(a, se, b - 1, &vs)) != 0)
                two = 1;
        }
        /* "The mayor and a council member were gunned down", "a radio
         * producer and an announcer have been fatally shot": two people */
        if (!ve && strcmp(o->attr[1], "before") != 0 && i > se->first + 3) {
            size_t b = i - 1;
            if (ly_adverb(td, b) || tok_is(td, b, "reportedly") || tok_is(td, b, "later") || tok_is(td, b, "also") ||
                tok_is(td, b, "found")) /* "were found fatally shot" */
                b--;
            size_t head = 0;
            if (tok_is(td, b, "were"))
                head = b - 1;
            else if (tok_is(td, b, "been") && (tok_is(td, b - 1, "have") || tok_is(td, b - 1, "had")))
                head = b - 2;
            /* "Elijah Jackson and Shakur Franklin, both 16, were killed" */
            if (head > se->first + 2 && tok_is(td, head, ",")) {
                size_t q = head;
                while (q-- > se->first + 1 && q + 8 > head && !tok_is(td, q, ","))
                    ;
                head = tok_is(td, q, ",") ? q - 1 : 0;
            }
            if (head > se->first && (ve = pair_subject(a, se, head, &vs)) != 0)
                two = 1;
        }
        /* passive: (A|The) w{0,3} PERSON ... was [adv] OUTCOME, or Name Name was OUTCOME;
         * and intransitive: "PERSON [later] died", "he succumbed" */
        static const char *const adv[] = {"reportedly", "allegedly", "later", "also", "eventually", "then", "found", "discovered",
                                          "confirmed",
                                          "accidentally", "apparently", "seriously", "initially", "reportedly",
                                          "subsequently", "fatally", "critically", "tragically"};
        static const char *const intrans[] = {"died", "dies", "succumbed", "perished"};
        if (!ve && strcmp(o->attr[1], "before") != 0 && i > se->first) {
            size_t b = i - 1;
            if (tok_is_any(td, b, adv, ARRAY_LEN(adv)))
                b--;
            int intr = tok_is_any(td, i, intrans, ARRAY_LEN(intrans));
            /* "the man suffered non-life-threatening injuries", "she
             * sustained a gunshot wound to the arm": the wound is a noun and
             * its bearer the subject of the verb before it, read like
             * "he died" */
            static const char *const deadly[] = {"fatal", "fatally", "mortal", "deadly", "self-inflicted", "lethal"};
            static const char *const bear[] = {"suffered", "sustained", "received", "suffers", "sustains",
                                               "suffering", "sustaining"};
            if (want == OUT_INJURED && !intr && (tok_is(td, i + n - 1, "injuries") || tok_is(td, i + n - 1, "injury") ||
                                                 tok_is(td, i + n - 1, "wounds") || tok_is(td, i + n - 1, "wound"))) {
                for (size_t q = i; q-- > se->first && q + 6 > i;) {
                    if (td->tok[q].flags & (TOK_PUNCT | TOK_NUM))
                        break;
                    /* "a fatal gunshot wound" is a death, told otherwise */
                    if (tok_is_any(td, q, deadly, ARRAY_LEN(deadly)))
                        break;
                    if (tok_is_any(td, q, bear, ARRAY_LEN(bear))) {
                        int ing = ends_with(tok_key(td, q), "ing");
                        /* "is suffering from" reads as "suffered"; a bare
                         * participle ("found him suffering from a gunshot
                         * wound") has an object, not a subject, before it */
                        if (ing && q > se->first + 1 && (tok_is(td, q - 1, "is") || tok_is(td, q - 1, "was")))
                            q--;
                        else if (ing)
                            break;
                        if (q > se->first) {
                            b = q - 1;
                            intr = 1;
                            wound_noun = 1;
                        }
                        break;
                    }
                }
            }
            /* "the man was taken to a hospital", "she was rushed to the
             * hospital": the verb of transport stands where an adverb would */
            static const char *const carried[] = {"taken", "transported", "rushed", "driven", "airlifted", "flown",
                                                  "brought", "carried", "transferred"};
            if (want == OUT_INJURED && !intr && b > se->first && tok_is(td, i, "to") &&
                tok_is_any(td, b, carried, ARRAY_LEN(carried))) {
                b--;
                wound_noun = 1;
                if (b > se->first && (ly_adverb(td, b) || tok_is(td, b, "later") || tok_is(td, b, "also")))
                    b--;
            }
            /* "a 16-year-old boy was shot and died at the scene" */
            if (intr && b > se->first + 2 && tok_is(td, b, "and") && tok_is(td, b - 1, "shot") &&
                tok_is(td, b - 2, "was"))
                b -= 2, intr = 0;
            /* "a priest was stabbed and then beheaded" */
            else if (!intr && b > se->first + 2 && tok_is(td, b, "and") && tok_is(td, b - 2, "was") &&
                     !(td->tok[b - 1].flags & (TOK_PUNCT | TOK_NUM)))
                b -= 2;
            /* "the man was transported to a hospital and died a short time later" */
            /* "the woman was treated at the scene and rushed to a hospital,
             * but died a short time later" */
            else if ((intr || !strcmp(o->phrase, "pronounced dead")) && b > se->first + 2 &&
                     (tok_is(td, b, "and") || tok_is(td, b, "but"))) {
                int but = tok_is(td, b, "but");
                size_t back = but && tok_is(td, b - 1, ",") ? b - 2 : b - 1;
                for (size_t q = back; q > se->first && q + (but ? 15 : 10) > b; q--) {
                    if (td->tok[q].flags & TOK_PUNCT)
                        break;
                    if (tok_is(td, q, "was")) {
                        b = q;
                        intr = 0;
                        break;
                    }
                }
            }
            if (intr && b > se->first && (tok_is(td, b, "has") || tok_is(td, b, "had")))
                b--;
            /* "an 8-year-old boy is recovering after being shot" */
            int after_being = 0;
            if (b > se->first + 3 && tok_is(td, b, "being") && tok_is(td, b - 1, "after") &&
                (tok_is(td, b - 3, "is") || tok_is(td, b - 3, "was")))
                b -= 3, after_being = 1;
            /* "the woman is listed in critical condition" */
            if (b > se->first + 1 && (tok_is(td, b, "listed") || tok_is(td, b, "remained") || tok_is(td, b, "remains")) &&
                tok_is(td, i, "in"))
            {
                if (ly_adverb(td, b - 1) && b > se->first + 2)
                    b--;
                b -= tok_is(td, b - 1, "is") || tok_is(td, b - 1, "was") ? 1 : 0;
                after_being |= tok_is(td, b, "is");
            }
            /* "a 14-year-old boy is dead after being shot", "the boy is in
             * stable condition" */
            /* "the boy is expected to survive" */
            int is_dead = ((tok_is(td, b, "is") || tok_is(td, b, "remains")) &&
                           (tok_is(td, i, "dead") || tok_is(td, i, "in") || tok_is(td, i, "expected"))) ||
                          after_being;
            /* "Conner died of a gunshot wound", "Geovany Garcia, 19, of Las
             * Vegas, died": an intransitive verb after a name or an apposition */
            if ((b > se->first || (intr && b == se->first)) &&
                (tok_is(td, b, "was") || is_dead || (tok_is(td, b, "been") && b > se->first + 1) ||
                 (intr && (!(td->tok[b].flags & TOK_PUNCT) || (tok_is(td, b, ",") && b > se->first))))) {
                /* "has also been confirmed dead": the adverb before "been" */
                int has_been = tok_is(td, b, "been") && b > se->first + 1 &&
                               (tok_is(td, b - 1, "has") ||
                                (b > se->first + 2 && (tok_is(td, b - 1, "also") || ly_adverb(td, b - 1)) &&
                                 tok_is(td, b - 2, "has")));
                size_t head = intr && !tok_is(td, b, "was") && !tok_is(td, b, "been") ? b
                              : tok_is(td, b, "been") ? b - 2 : b - 1; /* "has been" */
                if (has_been && !tok_is(td, b - 1, "has"))
                    head--;
                if (head < se->first)
                    continue;
                if (intr && want == OUT_KILLED && (ve = both_subject(a, se, head, &vs)) != 0)
                    two = 1; /* "Both died at the scene" */
                /* "four teenagers were shot, and one of them has died", "one
                 * of the victims was pronounced dead": one of a count */
                if (head > se->first + 1 && tok_is(td, head - 1, "of") && tok_is(td, head - 2, "one") &&
                    tok_is(td, head, "them")) {
                    vs = head - 2;
                    ve = head + 1;
                } else if (head > se->first + 2 && tok_is(td, head - 1, "the") && tok_is(td, head - 2, "of") &&
                           tok_is(td, head - 3, "one") && lex_match(a->t->victims, td, head, head + 1, &(size_t){0})) {
                    vs = head - 3;
                    ve = head + 1;
                }
                /* "Omar Haidari, a reporter for a local radio station, was
                 * killed", "A muezzin -- the man who calls to prayer -- was
                 * shot dead": the subject stands before the apposition */
                if (head > se->first && (tok_is(td, head, ",") || is_dash(a, head))) {
                    int dash = is_dash(a, head);
                    size_t q = head, open = 0;
                    while (dash && q > se->first && is_dash(a, q - 1))
                        q--; /* the closing "--" is two tokens */
                    while (q-- > se->first && q + 30 > head && !open)
                        if (dash ? is_dash(a, q) : tok_is(td, q, ","))
                            open = q;
                    if (!open || open == se->first)
                        continue;
                    head = open - 1;
                    while (head > se->first && is_dash(a, head))
                        head--; /* "--" is two tokens */
                    /* "Damon Sochko, 16, of Morgantown, died": the age too */
                    if (head > se->first + 1 && (td->tok[head].flags & TOK_NUM) && tok_is(td, head - 1, ","))
                        head -= 2;
                }
                /* "he was shot", "she died": a person the report has named */
                if (tok_is(td, head, "he") || tok_is(td, head, "she")) {
                    vs = head;
                    ve = head + 1;
                }
                for (size_t w = head + 1; w-- > se->first && w + 6 > head && !v;) {
                    size_t m;
                    if ((v = singular_person(a, w, end, &m)) && w + m == head + 1) {
                        vs = w;
                        ve = w + m;
                    } else
                        v = NULL;
                    if (td->tok[w].flags & TOK_PUNCT)
                        break;
                }
                if (!v && !ve && is_capword(td, head) && head > se->first && is_capword(td, head - 1)) {
                    vs = head - 1;
                    ve = head + 1;
                }
                /* "A candidate running for a council seat in the south was
                 * shot dead": a singular "was" says one person, whoever the
                 * words between are */
                if (!ve && (tok_is(td, b, "was") || is_dead || intr || has_been) &&
                    !tok_is(td, i, "blown") &&
                    !(n == 1 && tok_is(td, i, "shot") && i + n < end && tok_is(td, i + n, "at")))
                    ve = loose_subject(a, se, head, &vs);
                if (!ve && (tok_is(td, b, "was") || has_been || intr) &&
                    !(n == 1 && tok_is(td, i, "shot") && i + n < end && tok_is(td, i + n, "at")))
                    ve = relative_subject(a, se, head, &vs);
            }
        }
        /* "a shooting that left a 16-year-old boy dead", "leaving Brandon
         * Lanier dead" */
        if (!ve && want == OUT_KILLED && tok_is(td, i, "dead") && i > se->first + 1) {
            for (size_t l = i - 1; l-- > se->first && l + 7 > i && !ve;) {
                /* "paramedics pronounced the victim dead at the scene" */
                int pron = tok_is(td, l, "pronounced");
                if (!tok_is(td, l, "left") && !tok_is(td, l, "leaving") && !tok_is(td, l, "leaves") &&
                    !tok_is(td, l, "found") && !tok_is(td, l, "finding") && !pron)
                    continue;
                size_t m, w = l + 1;
                if (tok_is(td, w, "a") || tok_is(td, w, "an") || tok_is(td, w, "one") || (pron && tok_is(td, w, "the")))
                    for (size_t x = w + 1; x < i && !v; x++)
                        if ((v = singular_person(a, x, i, &m)) && x + m != i)
                            v = NULL;
                if (v || (is_capword(td, i - 1) && is_capword(td, i - 2))) {
                    vs = w;
                    ve = i;
                }
            }
        }
        /* A reduced relative: "the family of a 17-year-old shot and killed
         * by a deputy", "a vigil for a 16-year-old boy shot and killed late
         * Friday", "the man shot and killed in the parking lot has been
         * identified".  One person (a determiner, then an age or a singular
         * victim word) right before the outcome, and no object after it: a
         * preposition, a time word or punctuation ("a man shot and killed his
         * wife" is a killer, not a victim). */
        static const char *const reduced_next[] = {"by", "in", "on", "at", "near", "during", "outside", "inside",
                                                   "late", "early", "last", "while", "after", "monday", "tuesday",
                                                   "wednesday", "thursday", "friday", "saturday", "sunday",
                                                   "overnight", "earlier", "this", "has", "was", "had", "is"};
        if (!ve && want == OUT_KILLED && !strcmp(o->attr[1], "both") && i > se->first + 1 &&
            (i + n >= end || (td->tok[i + n].flags & TOK_PUNCT) ||
             tok_is_any(td, i + n, reduced_next, ARRAY_LEN(reduced_next)))) {
            size_t m = 0, w = i - 1;
            const lex_entry *pv = NULL;
            if (is_age(a, w) || (pv = singular_person(a, w, i, &m)) != NULL) {
                size_t d = w;
                if (pv && d > se->first && is_age(a, d - 1))
                    d--; /* "a 16-year-old boy" */
                if (d > se->first && (tok_is(td, d - 1, "a") || tok_is(td, d - 1, "an") || tok_is(td, d - 1, "the"))) {
                    vs = d - 1;
                    ve = i;
                    v = pv;
                }
            }
        }
        if (!ve)
            continue;
        for (size_t x = vs; x < ve && !v; x++) { /* "a teenage boy known on ...": a boy */
            size_t m;
            v = lex_match(a->t->victims, td, x, ve, &m);
        }
        claim c = {0};
        c.part_of = c.restates = c.superseded_by = c.event = -1;
        c.sentence = (int)s;
        c.min = c.max = two ? 2 : 1;
        c.q = Q_EXACT;
        /* one hurt person that the words set apart from the dead: "his
         * mother was also shot", "another man was wounded", "a second
         * victim is in stable condition" (a survivor); or named beside the
         * dead (from) */
        int more = want == OUT_INJURED && !two && (from || one_more_hurt(td, se, vs, i));
        /* two named people are a count; so is one "also" killed, and one
         * hurt person named beside the dead; one more hurt person is made
         * a count by beside_dead, in a report that counts a death */
        c.single = !two && !from;
        if (from && td->tok[vs].start < td->tok[from].start)
            continue; /* the person must be named after the sentence's counts */
        if (from && want == OUT_INJURED && !own_clause(td, from, vs, i))
            continue;
        c.outcome = want;
        /* "shot his 7-year-old daughter to death": the object of "shot",
         * then "to death", is a death */
        int to_death = want == OUT_INJURED && n == 1 && tok_is(td, i, "shot") && ve > i && ve + 1 < end &&
                       tok_is(td, ve, "to") && tok_is(td, ve + 1, "death");
        if (to_death) {
            c.outcome = OUT_KILLED;
            more = 0;
        }
        /* "struck in the chest", "hit in the head": shot, told otherwise */
        int struck = !strncmp(o->phrase, "struck in ", 10) || !strncmp(o->phrase, "hit in ", 7);
        c.hit = want == OUT_INJURED && !from && !to_death &&
                (!strcmp(o->phrase, "shot") || ((wound_noun || struck) && !survives(td, se)));
        span_copy(a->doc->text, (span){td->tok[vs].start, td->tok[ve - 1].end}, c.victims, sizeof c.victims);
        c.vcat = category_of(v);
        str_copy(c.label, sizeof c.label, v ? v->attr[1] : "person");
        size_t sb = vs < i ? vs : i, sbe = (ve + (to_death ? 2 : 0) > i + n ? ve + (to_death ? 2 : 0) : i + n);
        c.sp = (span){td->tok[sb].start, td->tok[sbe - 1].end};
        size_t nsp;
        const speaker *sp = speakers_of(a, cm, &nsp);
        set_source(a, &c, speaker_for(td, sp, nsp, sb, sbe));
        if (more && cm->nbeside < ARRAY_LEN(cm->beside))
            cm->beside[cm->nbeside++] = a->nclaims;
        push(a, &c);
        return 1;
    }
    return 0;
}

/* One hurt person named beside the dead ("Gaston shot and killed Noble and
 * wounded Ware") is counted as one more figure of the sentence, and so,
 * in a report that counts a death, is one set apart from the dead ("his
 * mother was also shot", "another man is in stable condition"): events.c
 * reads a lone single hurt beside a death as the dead person again.  But
 * when the report counts its hurt anywhere else ("injured three others",
 * a headline's "2 wounded"), that person is one of them and the count
 * says how many: the named one restates it rather than rivals it. */
static void beside_dead(analysis *a, const claim_memo *cm)
{
    int death = 0;
    for (size_t k = 0; k < a->nclaims; k++) {
        const claim *c = &a->claims[k];
        death |= c->outcome == OUT_KILLED && !c->context && !c->denial && c->part_of < 0 && c->min >= 1 &&
                 !(c->single && !strcmp(c->label, "attacker"));
    }
    for (size_t b = 0; b < cm->nbeside; b++) {
        claim *c = &a->claims[cm->beside[b]];
        if (c->single) {
            if (!death)
                continue;
            c->single = 0;
            c->hit = 0;
        }
        for (size_t k = 0; k < a->nclaims; k++) {
            const claim *o = &a->claims[k];
            int other_beside = 0;
            for (size_t q = 0; q < cm->nbeside; q++)
                other_beside |= cm->beside[q] == k;
            if (k == cm->beside[b] || other_beside || o->outcome != OUT_INJURED || o->single || o->context ||
                o->denial || o->part_of >= 0 || o->restates >= 0 || o->min < 1)
                continue;
            c->restates = (int)k;
            break;
        }
    }
}

/* Which words of a claim's evidence name a state or a trip to hospital
 * ("two remain hospitalized", "three were taken to the hospital", "two
 * are in critical condition", "two of the victims"), and which a plain
 * injury ("four people were wounded")? */
static int evidence_has(const analysis *a, const claim *c, const char *const *words, size_t nwords)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[c->sentence];
    size_t end = se->first + se->count;
    for (size_t j = token_at(td, se->first, end, c->sp.start); j < end && td->tok[j].start < c->sp.end; j++)
        if (tok_is_any(td, j, words, nwords))
            return 1;
    return 0;
}

/* "A boy shot himself in the leg ... No one else was hurt": "else" says
 * nobody besides those the report has named, not that nobody was hurt.
 * Such a zero restates the report's figure of that outcome when it has
 * one, and is a zero only when it has none ("the man was killed; no one
 * else was hurt"). */
static void else_zero(analysis *a)
{
    static const char *const else_w[] = {"else"};
    for (size_t k = 0; k < a->nclaims; k++) {
        claim *c = &a->claims[k];
        if (c->min != 0 || c->max != 0 || c->denial || c->restates >= 0 || !evidence_has(a, c, else_w, 1))
            continue;
        for (size_t w = 0; w < a->nclaims; w++) {
            const claim *o = &a->claims[w];
            if (w != k && o->outcome == c->outcome && o->min >= 1 && !o->context && !o->denial && o->part_of < 0 &&
                o->restates < 0 && o->superseded_by < 0) {
                c->restates = (int)w;
                break;
            }
        }
    }
}

/* Local reports give the hurt, then how some of them fare: "four people
 * were wounded ... two remain hospitalized", "five were shot; three were
 * taken to the hospital", "two of the victims are in critical condition".
 * The smaller figure of a state or a hospital is part of the plain count
 * of the hurt, not a rival figure of it. */
static void hurt_subsets(analysis *a)
{
    static const char *const state[] = {"hospital", "hospitals", "hospitalized", "hospitalised", "condition",
                                        "remain", "remains", "remained", "still", "treated", "critically",
                                        "seriously", "serious", "critical"};
    static const char *const plain[] = {"wounded", "injured", "hurt", "shot", "wounding", "injuring", "injuries",
                                        "wounds"};
    for (size_t k = 0; k < a->nclaims; k++) {
        claim *c = &a->claims[k];
        if (c->outcome != OUT_INJURED || c->single || c->context || c->denial || c->part_of >= 0 ||
            c->restates >= 0 || c->vague)
            continue;
        int of = 0; /* "two of the victims", "three of them" */
        const text_doc *td = &a->td;
        const sentence *se = &td->sent[c->sentence];
        size_t end = se->first + se->count, j = token_at(td, se->first, end, c->sp.start);
        for (size_t q = j; q < end && q < j + 3; q++)
            of |= tok_is(td, q, "of") && q + 1 < end &&
                  (tok_is(td, q + 1, "the") || tok_is(td, q + 1, "them") || tok_is(td, q + 1, "those"));
        if (!of && !evidence_has(a, c, state, ARRAY_LEN(state)))
            continue;
        int whole = -1;
        for (size_t w = 0; w < a->nclaims; w++) {
            const claim *o = &a->claims[w];
            if (w == k || o->outcome != OUT_INJURED || o->single || o->context || o->denial || o->part_of >= 0 ||
                o->restates >= 0 || o->vague || o->min <= c->max || evidence_has(a, o, state, ARRAY_LEN(state)) ||
                !evidence_has(a, o, plain, ARRAY_LEN(plain)))
                continue;
            if (whole < 0 || o->min > a->claims[whole].min)
                whole = (int)w;
        }
        if (whole >= 0)
            c->part_of = whole;
    }
}

/* An adverb of manner or degree: "critically", "seriously", "fatally". */
static int ly_adverb(const text_doc *td, size_t j)
{
    const char *k = tok_key(td, j);
    size_t n = strlen(k);
    return n > 4 && !strcmp(k + n - 2, "ly") && !(td->tok[j].flags & TOK_CAP);
}

/* "and a woman", "and an elderly man": one more person after a count, at
 * the "and" in token m.  Returns the token after the person, or 0. */
static size_t and_one_more(const analysis *a, const sentence *se, size_t m)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count;
    if (m + 2 >= end || !tok_is(td, m, "and") || !(tok_is(td, m + 1, "a") || tok_is(td, m + 1, "an")))
        return 0;
    for (size_t w = m + 2; w < end && w <= m + 4; w++) {
        size_t n;
        if ((td->tok[w].flags & TOK_PUNCT) || tok_is(td, w, "unborn"))
            return 0; /* tolls do not count "an unborn child" */
        if (is_age(a, w) && w + 1 < end && !singular_person(a, w + 1, end, &n))
            return w + 1; /* "four adults and a 3-year-old were shot" */
        if (td->tok[w].flags & TOK_NUM)
            return 0;
        if (singular_person(a, w, end, &n))
            return w + n;
    }
    return 0;
}

/* A preposition in tokens [from, to) between an outcome and a count:
 * "killed in two explosions" counts explosions, not the dead. */
static int preposition_between(const text_doc *td, size_t from, size_t to)
{
    static const char *const preps[] = {"in", "on", "during", "after", "by", "from", "with", "near", "as", "when",
                                        "for", "into", "across", "outside", "inside"};
    for (size_t j = from; j < to; j++)
        if (tok_is_any(td, j, preps, ARRAY_LEN(preps)) ||
            (tok_is(td, j, "at") && !(j + 1 < to + 1 && tok_is(td, j + 1, "least"))))
            return 1;
    return 0;
}

/* Does the word at j start the object of an active verb before it ("shot
 * Mr. Garcia", "killed a man", "have killed at least 12 people")? */
static int takes_object(const analysis *a, const sentence *se, size_t j)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count, n;
    if (j >= end)
        return 0;
    static const char *const det[] = {"a", "an", "the", "his", "her", "their", "him", "them", "its", "two", "three",
                                      "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "scores",
                                      "several", "hundreds", "one", "another"};
    if (tok_is_any(td, j, det, ARRAY_LEN(det)) || (td->tok[j].flags & TOK_NUM))
        return 1;
    /* "at least 12", "more than 30"; not "at a party", "as a result" */
    if (lex_match(a->t->qualifiers, td, j, end, &n) && j + n < end && may_start_number(td, j + n))
        return 1;
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", "overnight", "today", "yesterday", "tonight", "last", "this",
                                       "early", "late", "earlier", "later"};
    if (tok_is_any(td, j, days, ARRAY_LEN(days)))
        return 0; /* "30 others injured Wednesday" */
    return is_capword(td, j) && !is_month(td, j) && !place_at(a, j);
}

/* Up to three plain words at k, then a passive outcome ("were killed",
 * "have been shot dead"): the words name who was counted.  *vend is set
 * past them. */
static int unknown_victims(const analysis *a, const sentence *se, size_t k, size_t *vend)
{
    /* "told Channel 21 news that three people were shot", "called 911
     * because he had shot": a word that opens a clause ends the victims */
    static const char *const clause_open[] = {"that", "because", "when", "after", "while", "as", "if", "before"};
    const text_doc *td = &a->td;
    size_t end = se->first + se->count, w = k, n;
    while (w < end && w < k + 3 && !(td->tok[w].flags & (TOK_PUNCT | TOK_NUM | TOK_QUOTE)) && !is_aux(td, w) &&
           !lex_match(a->t->outcomes, td, w, end, &n) && !tok_is(td, w, "of") && !tok_is(td, w, "and") &&
           !tok_is(td, w, "in") && !tok_is(td, w, "who") && !tok_is_any(td, w, clause_open, ARRAY_LEN(clause_open)))
        w++;
    if (w == k || w >= end)
        return 0;
    size_t q = w;
    if (!(tok_is(td, q, "were") || tok_is(td, q, "are") || tok_is(td, q, "have") || tok_is(td, q, "had")))
        return 0;
    int perfect = !tok_is(td, q, "were") && !tok_is(td, q, "are");
    q++;
    if (q < end && tok_is(td, q, "been"))
        q++, perfect = 0;
    if (q < end && (tok_is(td, q, "reportedly") || tok_is(td, q, "also") || tok_is(td, q, "all") ||
                    tok_is(td, q, "allegedly")))
        q++;
    /* "were reported to have been killed", "are believed to have died" */
    if (q + 3 < end && (tok_is(td, q, "reported") || tok_is(td, q, "said") || tok_is(td, q, "believed") ||
                        tok_is(td, q, "feared") || tok_is(td, q, "thought")) &&
        tok_is(td, q + 1, "to") && tok_is(td, q + 2, "have")) {
        q += 3;
        if (tok_is(td, q, "been"))
            q++;
        perfect = 0;
    }
    const lex_entry *o = q < end ? lex_match(a->t->outcomes, td, q, end, &n) : NULL;
    if (!o || !strcmp(o->attr[1], "before"))
        return 0;
    if (perfect && strcmp(o->attr[1], "after") != 0)
        return 0; /* "suicide bombers have killed ...": the agents, not the dead */
    *vend = w;
    return 1;
}

/* The outcome word in tokens [from, to), and its victims word before it. */
static const lex_entry *outcome_in(const analysis *a, size_t from, size_t to, size_t *at, size_t *n)
{
    for (size_t j = from; j < to; j++) {
        const lex_entry *o = lex_match(a->t->outcomes, &a->td, j, to, n);
        if (o) {
            *at = j;
            return o;
        }
    }
    return NULL;
}

/* Claims of zero: "no one was killed", "nobody was hurt", "there were no
 * casualties"; and a denial that gives no number ("the army denied that
 * civilians were killed"), on record with min 0 but never counted.
 * "No immediate reports of casualties" says nothing and gives nothing.
 * The sentence's claims start at first_claim. */
static void zero_claims(analysis *a, size_t s, size_t first_claim, size_t deny, claim_memo *cm)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count;
    size_t from = 0, to = 0, oat = 0, n = 0, vfrom = 0;
    const lex_entry *o = NULL;
    int denial = 0;
    if (deny != (size_t)-1) {
        for (size_t k = first_claim; k < a->nclaims; k++)
            if (a->claims[k].sentence == (int)s && a->claims[k].denial)
                return; /* the denial has its number */
        to = deny + 1;
        while (to < end && !clause_break(td, to, to + 1) && !tok_is(td, to, ","))
            to++;
        o = outcome_in(a, deny + 1, to, &oat, &n);
        if (!o)
            return;
        denial = 1;
        from = deny;
        vfrom = deny + 1;
    } else {
        static const char *const nouns[] = {"casualties", "deaths", "fatalities", "injuries"};
        for (size_t j = se->first; j + 1 < end && !o; j++) {
            if (tok_is(td, j, "nobody") || tok_is(td, j, "no-one") ||
                (tok_is(td, j, "no") && tok_is(td, j + 1, "one"))) {
                size_t k = j + (tok_is(td, j, "no") ? 2 : 1);
                if ((o = outcome_in(a, k, k + 4 < end ? k + 4 : end, &oat, &n)) != NULL)
                    from = j;
            } else if (tok_is(td, j, "no") && tok_is_any(td, j + 1, nouns, ARRAY_LEN(nouns))) {
                o = lex_find(a->t->outcomes, tok_is(td, j + 1, "injuries") ? "injured" : "killed");
                from = j;
                oat = j + 1;
                n = 1;
            }
        }
        if (!o)
            return;
        vfrom = oat;
    }
    claim c = {0};
    c.part_of = c.restates = c.superseded_by = c.event = -1;
    c.sentence = (int)s;
    c.q = Q_EXACT;
    c.denial = denial;
    c.outcome = outcome_of(o);
    snprintf(c.victims, sizeof c.victims, "people");
    for (size_t j = vfrom; j < oat; j++) {
        size_t m;
        const lex_entry *v = lex_match(a->t->victims, td, j, oat, &m);
        if (v) {
            span_copy(a->doc->text, (span){td->tok[j].start, td->tok[j + m - 1].end}, c.victims, sizeof c.victims);
            c.vcat = category_of(v);
            str_copy(c.label, sizeof c.label, v->attr[1]);
            break;
        }
    }
    c.sp = (span){td->tok[from].start, td->tok[oat + n - 1].end};
    size_t nsp;
    const speaker *sp = speakers_of(a, cm, &nsp);
    set_source(a, &c, speaker_for(td, sp, nsp, from, oat + n));
    push(a, &c);
}

/* Victims written as others than those counted before: "five others",
 * "two more people", "six other adults". */
static int other_victims(const claim *c)
{
    static const char *const w[] = {"other", "others", "more", "another"};
    const char *p = c->victims;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        for (size_t k = 0; k < ARRAY_LEN(w); k++)
            if (n == strlen(w[k]) && !strncasecmp(p, w[k], n))
                return 1;
        p += n;
    }
    return 0;
}

/* "Five people were shot, one fatally", "two men were wounded, one of them
 * fatally", "four teens, one fatally, were shot": the count before
 * "fatally" is the dead among the people just counted as hit.  It gives a
 * killed claim with the hit claim's victims and source, and marks the hit
 * claim as holding its dead (claim.hit).  "One was fatally shot" is an
 * ordinary outcome and is left to the main scan. */
static int fatally_part(analysis *a, size_t s, size_t first_claim, size_t i, size_t j, const number_t *num)
{
    const text_doc *td = &a->td;
    const sentence *se = &td->sent[s];
    size_t end = se->first + se->count, fj = j, n;
    if (fj + 2 < end && tok_is(td, fj, "of") && (tok_is(td, fj + 1, "them") || tok_is(td, fj + 1, "whom")))
        fj += 2;
    if (fj >= end || !tok_is(td, fj, "fatally") || num->vague || a->nclaims <= first_claim ||
        lex_match(a->t->outcomes, td, fj, end, &n))
        return 0;
    claim *w = &a->claims[a->nclaims - 1];
    if (w->outcome != OUT_INJURED || w->part_of >= 0 || num->min > w->min)
        return 0;
    w->hit = 1;
    claim c = *w;
    c.outcome = OUT_KILLED;
    c.min = c.max = num->min;
    c.q = Q_EXACT;
    c.hit = c.single = c.vague = c.update = 0;
    c.words[0] = 0;
    c.part_of = c.restates = c.superseded_by = c.event = -1;
    c.sp = (span){td->tok[i].start, td->tok[fj].end};
    push(a, &c);
    return 1;
}

/* One person shot, written without a number ("a 4-year-old boy was shot",
 * "he shot himself"), in a report that counts a death: local reports name
 * the victim as shot, then say that he died, often in another paragraph
 * that tally may read as another event.  When the report counts one death,
 * the shot person is the dead one: the single injured claim restates it
 * and is not counted. */
static void same_victim_died(analysis *a)
{
    int death = -1;
    for (size_t k = 0; k < a->nclaims; k++) {
        const claim *c = &a->claims[k];
        if (c->outcome != OUT_KILLED || c->context || c->denial || c->part_of >= 0 || c->min < 1)
            continue;
        if (c->min > 1)
            return; /* "3 people were killed ... a woman was shot": another victim */
        if (death < 0)
            death = (int)k;
    }
    if (death < 0)
        return;
    for (size_t k = 0; k < a->nclaims; k++) {
        claim *c = &a->claims[k];
        if (c->outcome == OUT_INJURED && c->single && c->hit && c->restates < 0 && c->sentence != a->claims[death].sentence)
            c->restates = death;
    }
}

/* Are the actors in text order, as actors_scan makes them: each within its
 * sentence, after the one before it and not overlapping it?  Then the actors
 * of a sentence are found by index (claim_memo.actor_first), not by walking
 * every actor of the report for each sentence and each claim, which made a
 * report packed with figures quadratic. */
static int actors_in_order(const analysis *a)
{
    const text_doc *td = &a->td;
    for (size_t k = 0; k < a->nactors; k++) {
        const actor_m *m = &a->actors[k];
        if (m->sentence < 0 || (size_t)m->sentence >= td->nsent)
            return 0;
        const sentence *se = &td->sent[m->sentence];
        if (m->tok < se->first || m->tok + m->ntok > se->first + se->count)
            return 0;
        if (k > 0 && (m->sentence < a->actors[k - 1].sentence || m->tok < a->actors[k - 1].tok + a->actors[k - 1].ntok))
            return 0;
    }
    return 1;
}

void claims_scan(analysis *a)
{
    const text_doc *td = &a->td;
    const char *text = a->doc->text;
    pthread_once(&number_once, number_index);
    size_t longest = 1;
    for (size_t s = 0; s < td->nsent; s++)
        if (td->sent[s].count > longest)
            longest = td->sent[s].count;
    claim_memo memo = {0}, *cm = &memo;
    memo.slot = malloc(longest * sizeof *memo.slot); /* reused by every sentence */
    memo.at = malloc(longest * sizeof *memo.at);
    int in_order = actors_in_order(a);
    size_t *actor_first = in_order ? malloc((td->nsent + 1) * sizeof *actor_first) : NULL;
    if (!memo.slot || !memo.at || (in_order && !actor_first))
        abort();
    if (actor_first) {
        size_t k = 0;
        for (size_t s = 0; s <= td->nsent; s++) {
            while (k < a->nactors && a->actors[k].sentence < (int)s)
                k++;
            actor_first[s] = k;
        }
    }
    memo.actor_first = actor_first;
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        if (se->heading)
            continue;
        size_t end = se->first + se->count;
        memo_sentence(a, &memo, s);
        size_t first_claim = a->nclaims;
        size_t deny = cm->cues.deny ? find_denial(td, se->first, end) : (size_t)-1, n_age;
        for (size_t i = se->first; i < end; i++) {
            number_t num;
            if (!may_start_number(td, i))
                continue;
            if (i > se->first && tok_is(td, i - 1, "no"))
                continue; /* "no one was killed": zero_claims reads it */
            size_t used = number_parse(text + td->tok[i].start, se->end - td->tok[i].start, &num);
            if (!used)
                continue;
            size_t num_end = td->tok[i].start + used;
            size_t j = token_at(td, i, end, num_end);
            /* Dates and measures are not head counts. */
            if ((i > se->first && is_month(td, i - 1)) || (j < end && is_month(td, j)) ||
                is_unit(td, j) || (i > se->first && text[td->tok[i - 1].start] == '$')) {
                i = j - 1 > i ? j - 1 : i;
                continue;
            }
            if (!num.vague && num.min >= 1900 && num.min <= 2100 && !num.words)
                continue; /* a year */
            /* "called 911", "a 911 call", "told 911 dispatchers": the
             * emergency number of US reports, written in digits, is not a
             * head count unless people are named right after it */
            if (!num.vague && !num.words && num.min == 911 && num.max == 911 &&
                !(j < end && lex_match(a->t->victims, td, j, end, &(size_t){0})))
                continue;
            if (fatally_part(a, s, first_claim, i, j, &num))
                continue;
            /* "Smith was one of five people shot", "one of the two men
             * wounded": the person is one of the count, which is the
             * claim; unless the one has an outcome of its own ("one of
             * five people shot outside the lounge has died") */
            if (!num.vague && num.min == 1 && num.max == 1 && j + 1 < end && tok_is(td, j, "of")) {
                size_t k2 = j + 1;
                if (tok_is(td, k2, "the") || tok_is(td, k2, "those"))
                    k2++;
                number_t inner;
                int own = 0;
                for (size_t q = k2; q + 1 < end; q++)
                    if ((tok_is(td, q, "has") || tok_is(td, q, "was") || tok_is(td, q, "is") || tok_is(td, q, "later")) &&
                        q + 1 < end && lex_match(a->t->outcomes, td, q + 1, end, &(size_t){0}))
                        own = 1;
                if (!own && k2 < end && may_be_number(td, k2) && number_at(a, se, k2, &inner) && !inner.vague &&
                    inner.min > 1)
                    continue;
            }
            if (i > se->first && (tok_is(td, i - 1, "ages") || tok_is(td, i - 1, "aged") || tok_is(td, i - 1, "age")))
                continue; /* "five children, ages 11 to 15": ages, not a count */
            if (i > se->first && (td->tok[i].flags & TOK_NUM) &&
                (tok_is(td, i - 1, "their") || tok_is(td, i - 1, "his") || tok_is(td, i - 1, "her") ||
                 tok_is(td, i - 1, "early") || tok_is(td, i - 1, "mid") || tok_is(td, i - 1, "late")) &&
                (text[num_end] == 's' || text[num_end] == '\'' ||
                 !strncmp(text + num_end, "\xe2\x80\x99", 3))) /* "20’s", with a typographic apostrophe */
                continue; /* "men in their 20s": a decade of age ("shot his two daughters" is a count) */

            /* "John Smith, 46, was killed", "a girl, 15": a bare figure
             * between commas after a name or a noun is an age */
            if (!num.vague && !num.words && i > se->first + 1 && tok_is(td, i - 1, ",") && j < end &&
                (tok_is(td, j, ",") || tok_is(td, j, ";") || tok_is(td, j, ")")) &&
                !(td->tok[i - 2].flags & (TOK_PUNCT | TOK_NUM)) && !lex_match(a->t->outcomes, td, i - 2, end, &n_age))
                continue;
            claim c = {0};
            c.part_of = c.restates = c.superseded_by = c.event = -1;
            c.sentence = (int)s;
            c.min = num.min;
            c.max = num.vague ? 0 : num.max;
            c.vague = num.vague;
            c.q = num.vague ? Q_AT_LEAST : Q_EXACT;
            if (num.vague)
                span_copy(text, (span){td->tok[i].start, (uint32_t)num_end}, c.words, sizeof c.words);
            size_t cstart = i;
            /* Range: "10-15", "10 to 15", "between 10 and 15". */
            int between = i > se->first && tok_is(td, i - 1, "between");
            if (num_end < se->end && text[num_end] == '-') {
                number_t n2;
                size_t u2 = number_parse(text + num_end + 1, se->end - num_end - 1, &n2);
                if (u2 && !n2.vague && n2.min > c.min) {
                    c.max = n2.min;
                    c.q = Q_RANGE;
                    num_end += 1 + u2;
                    j = token_at(td, i, end, num_end);
                }
            } else if (j + 1 < end && (tok_is(td, j, "to") || tok_is(td, j, "or") || (between && tok_is(td, j, "and")))) {
                number_t n2;
                size_t u2 = number_at(a, se, j + 1, &n2);
                if (u2 && !n2.vague && n2.min > c.min) {
                    c.max = n2.min;
                    c.q = Q_RANGE;
                    num_end = td->tok[j + 1].start + u2;
                    j = token_at(td, j + 1, end, num_end);
                }
            }
            if (between && c.q == Q_RANGE)
                cstart = i - 1;
            if (c.q == Q_RANGE && is_unit(td, j))
                continue; /* "between 25 and 35 years old" */
            /* A toll phrase: "the death toll rose to 30". */
            size_t tstart = 0;
            int update = 0, toll_o = toll_before(a, se->first, i, &tstart, &update);
            /* Qualifier before the number. */
            /* longest first: "no fewer than" is not "fewer than" */
            for (size_t back = 4; back >= 1 && c.q == Q_EXACT; back--) {
                if (back > i - se->first)
                    continue;
                size_t n;
                const lex_entry *e = lex_match(a->t->qualifiers, td, i - back, i, &n);
                if (e && n == back && toll_o >= 0 && update && tok_is(td, i - back, "up"))
                    continue; /* "revised the toll up to 52" is a new figure */
                if (e && n == back) {
                    const char *q = e->attr[0];
                    c.q = !strcmp(q, "at_least") ? Q_AT_LEAST : !strcmp(q, "at_most") ? Q_AT_MOST : Q_ABOUT;
                    if (c.q == Q_AT_MOST) {
                        c.max = c.min;
                    }
                    cstart = i - back;
                }
            }
            if (c.q == Q_AT_LEAST && !c.vague)
                c.max = c.min;
            /* "killed by two unidentified gunmen": the count is the agents */
            if (cstart > se->first && tok_is(td, cstart - 1, "by"))
                continue;
            /* Part of the claim before: "including 11 children". */
            size_t pre = cstart;
            int among = pre > se->first + 1 && tok_is(td, pre - 1, "them") &&
                        (tok_is(td, pre - 2, "among") || tok_is(td, pre - 2, "of") || tok_is(td, pre - 2, "including"));
            /* "killed at least 60 people, many of them inmates", "30 were
             * wounded, four of whom were soldiers": a part of the count
             * before */
            int of_them = j + 1 < end && tok_is(td, j, "of") && (tok_is(td, j + 1, "them") || tok_is(td, j + 1, "whom")) &&
                          pre > se->first && (tok_is(td, pre - 1, ",") || is_dash(a, pre - 1));
            if (pre > se->first && (tok_is(td, pre - 1, "including") || tok_is(td, pre - 1, "includes") || among || of_them)) {
                if (a->nclaims > first_claim)
                    c.part_of = (int)a->nclaims - 1;
            } else if (a->nclaims > first_claim) {
                /* "including a nurse and three minors": still inside the list */
                size_t nq;
                for (size_t q = pre; q-- > se->first && q + 8 > pre;) {
                    if (tok_is(td, q, ",") || tok_is(td, q, ";") || lex_match(a->t->outcomes, td, q, end, &nq))
                        break;
                    if (tok_is(td, q, "including")) {
                        const claim *prev = &a->claims[a->nclaims - 1];
                        c.part_of = prev->part_of >= 0 ? prev->part_of : (int)a->nclaims - 1;
                        break;
                    }
                }
            }
            /* Who: "of" after vague words, up to three modifiers, a victim word. */
            size_t k = j;
            if (k < end && tok_is(td, k, "of") && (c.vague || num.words))
                k++;
            size_t vstart = k, vend = 0, n = 0;
            const lex_entry *victim = NULL;
            for (size_t skip = 0; skip <= 3 && k + skip < end; skip++) {
                size_t at = k + skip;
                if (td->tok[at].flags & TOK_QUOTE)
                    continue; /* "around 12" villagers */
                if (td->tok[at].flags & (TOK_PUNCT | TOK_NUM))
                    break;
                if ((victim = lex_match(a->t->victims, td, at, end, &n))) {
                    vend = at + n;
                    break;
                }
                if (is_aux(td, at) || lex_match(a->t->outcomes, td, at, end, &n))
                    break;
            }
            /* "11 Somalis were killed", "five opposition supporters were
             * shot dead": words no dictionary knows, then a passive
             * outcome, name who was counted (category unknown). */
            int noun = 0;
            if (!victim && !(c.q == Q_EXACT && num.words && num.min == 1))
                noun = unknown_victims(a, se, k, &vend);
            size_t after = victim || noun ? vend : j;
            if (noun)
                span_copy(text, (span){td->tok[k].start, td->tok[vend - 1].end}, c.victims, sizeof c.victims);
            if (victim) {
                span_copy(text, (span){td->tok[vstart].start, td->tok[vend - 1].end}, c.victims, sizeof c.victims);
                c.vcat = category_of(victim);
                str_copy(c.label, sizeof c.label, victim->attr[1]);
                victim_actor(a, &c, vstart, vend, cm->actor_first);
            }
            /* What happened.  Right before the count first ("killed 32 people
             * and wounded 68": 32 were killed), then after it ("15 civilians
             * were killed", "at least 29 people, including 10 foreigners,
             * were killed"), not crossing into the next clause. */
            const lex_entry *out = NULL;
            size_t oend = 0, ostart = 0;
            {
                size_t lim = cstart > se->first + 8 ? cstart - 8 : se->first;
                for (size_t m = cstart; m-- > lim;) {
                    const lex_entry *e = lex_match(a->t->outcomes, td, m, end, &n);
                    if (e && strcmp(e->attr[1], "after") != 0 && m + n <= cstart && m + n + 4 >= cstart &&
                        !preposition_between(td, m + n, cstart)) {
                        out = e;
                        ostart = m;
                        oend = m + n;
                        break;
                    }
                    if (td->tok[m].flags & TOK_NUM || tok_is(td, m, ",") || tok_is(td, m, ";") ||
                        tok_is(td, m, "and") || tok_is(td, m, "while") || tok_is(td, m, "but"))
                        break;
                }
            }
            /* "killing a mother and four children", "killed a judge allied
             * with the rebels and seven members of his family": the verb
             * before a named person is this count's too, and the person is
             * one more in the statement */
            size_t one_s = 0, one_e = 0;
            if (!out && (victim || noun) && cstart > se->first + 3 && tok_is(td, cstart - 1, "and")) {
                size_t lim = cstart > se->first + 10 ? cstart - 10 : se->first;
                for (size_t m = cstart - 2; m-- > lim;) {
                    if ((td->tok[m].flags & TOK_NUM) || tok_is(td, m, ",") || tok_is(td, m, ";") || tok_is(td, m, "and"))
                        break;
                    const lex_entry *e = lex_match(a->t->outcomes, td, m, end, &n);
                    if (e && strcmp(e->attr[1], "after") != 0 && m + n < cstart - 1 && is_det(td, m + n)) {
                        out = e;
                        ostart = m;
                        oend = m + n;
                        one_s = m + n;
                        one_e = cstart - 1;
                        break;
                    }
                }
            }
            /* "the mayor was killed along with his wife and 10 other people",
             * "was killed Friday with four others": the named person (and
             * the one named beside him) are more of the dead */
            long long along = 0;
            if (!out && (victim || noun) && cstart > se->first + 2) {
                size_t w = cstart - 1, extra = 0;
                if (tok_is(td, w, "and") && w > se->first + 3) {
                    size_t q = w - 1;
                    while (q > se->first && q + 4 > w && !tok_is(td, q, "with") && !tok_is(td, q, "alongside") &&
                           !(td->tok[q].flags & (TOK_PUNCT | TOK_NUM)))
                        q--;
                    if ((tok_is(td, q, "with") || tok_is(td, q, "alongside")) && is_det(td, q + 1))
                        w = q, extra = 1;
                }
                if (tok_is(td, w, "with") || tok_is(td, w, "alongside")) {
                    size_t lim = w > se->first + 16 ? w - 16 : se->first;
                    for (size_t m = w; m-- > lim;) {
                        if (tok_is(td, m, ";") || (td->tok[m].flags & TOK_NUM))
                            break;
                        const lex_entry *e = lex_match(a->t->outcomes, td, m, end, &n);
                        if (e && strcmp(e->attr[1], "before") != 0 && m + n <= w && m > se->first &&
                            (is_aux(td, m - 1) || ly_adverb(td, m - 1))) {
                            out = e;
                            ostart = m;
                            oend = m + n;
                            along = 1 + (long long)extra;
                            break;
                        }
                    }
                }
            }
            /* "Eight workers ... and three other people were found dead": a
             * following count joined by "and" shares the predicate, so the
             * search walks through it; "21 people, including 11 children,
             * were killed": the parenthesis is skipped. */
            size_t plain = 0, suffered = 0;
            int left_before = cstart > se->first && (tok_is(td, cstart - 1, "left") || tok_is(td, cstart - 1, "leaving"));
            for (size_t m = after; !out && m < end && m < after + 16; m++) {
                if (tok_is(td, m, ";") || tok_is(td, m, ":"))
                    break;
                /* "Twelve people, mostly women and children, have been killed",
                 * "Eleven members of an Afghan family, mostly women and
                 * children, were killed" */
                int pp = m > after && m <= after + 5 && (tok_is(td, after, "of") || tok_is(td, after, "from"));
                for (size_t q = after; pp && q < m; q++)
                    pp = !(td->tok[q].flags & (TOK_PUNCT | TOK_NUM)) && !is_aux(td, q) &&
                         !lex_match(a->t->outcomes, td, q, end, &n);
                if ((m == after || pp) && tok_is(td, m, ",") && (victim || noun)) {
                    size_t q = m + 1;
                    while (q < end && q < m + 14 && !tok_is(td, q, ",") && !((td->tok[q].flags & TOK_NUM) && !is_age(a, q)))
                        q++; /* "Two victims, a 25-year-old man and a 26-year-old man, died" */
                    if (q + 1 < end && tok_is(td, q, ",") && (is_aux(td, q + 1) || lex_match(a->t->outcomes, td, q + 1, end, &n))) {
                        m = q;
                        continue;
                    }
                }
                /* "Five children -- ages 11 to 15 -- were shot" */
                if (m == after && is_dash(a, m) && (victim || noun)) {
                    size_t q = m + 1;
                    while (q < end && is_dash(a, q))
                        q++;
                    while (q < end && q < m + 10 && !is_dash(a, q))
                        q++;
                    while (q + 1 < end && is_dash(a, q + 1))
                        q++;
                    if (q + 1 < end && is_dash(a, q) && (is_aux(td, q + 1) || lex_match(a->t->outcomes, td, q + 1, end, &n))) {
                        m = q;
                        continue;
                    }
                }
                if (tok_is(td, m, "including") ||
                    (tok_is(td, m, "among") && m + 1 < end && tok_is(td, m + 1, "them"))) {
                    size_t q = m + 1, qn;
                    while (q < end && q < m + 20 && !tok_is(td, q, ",") && !tok_is(td, q, ";") &&
                           !((is_aux(td, q) && !tok_is(td, q, "to")) || lex_match(a->t->outcomes, td, q, end, &qn)))
                        q++;
                    if (q < end && tok_is(td, q, ",")) {
                        m = q;
                        continue;
                    }
                    /* "Twelve civilians including women and children have
                     * been killed": no comma, and no count inside */
                    q = m + 1;
                    while (q < end && q < m + 9 && !(td->tok[q].flags & TOK_PUNCT) &&
                           !((td->tok[q].flags & TOK_NUM) && !is_age(a, q)) && !is_aux(td, q))
                        q++; /* "four people including a 12-year-old and an 8-year-old were injured" */
                    if (q < end && q > m + 1 && is_aux(td, q) && !tok_is(td, q, "said") && !tok_is(td, q, "to")) {
                        m = q - 1;
                        continue;
                    }
                }
                number_t nn;
                int is_num = (td->tok[m].flags & TOK_NUM) ||
                             number_at(a, se, m, &nn) > 0;
                int after_and = m > 0 && tok_is(td, m - 1, "and");
                if (is_num && !after_and &&
                    !(m > 0 && (tok_is(td, m - 1, "including") || tok_is(td, m - 1, "among") || tok_is(td, m - 1, "from"))))
                    break;
                if (tok_is(td, m, "and") && m + 2 < end) {
                    const lex_entry *v2 = lex_match(a->t->outcomes, td, m + 1, end, &n);
                    if (v2 && strcmp(v2->attr[1], "after") != 0 && m + 1 + n < end &&
                        (number_at(a, se, m + 1 + n, &nn) ||
                         lex_match(a->t->qualifiers, td, m + 1 + n, end, &n)))
                        break;
                }
                if ((tok_is(td, m, "and") || tok_is(td, m, "while") || tok_is(td, m, "but")) && m > after) {
                    size_t q = m + 1;
                    if (q < end && tok_is(td, q, "at") && q + 1 < end && tok_is(td, q + 1, "least"))
                        q += 2;
                    int next_num = q < end && ((td->tok[q].flags & TOK_NUM) ||
                                               number_at(a, se, q, &nn) > 0);
                    size_t pe, vn2;
                    /* "19 people were attacked and killed": two verbs, one subject */
                    const lex_entry *o2 = q < end ? lex_match(a->t->outcomes, td, q, end, &vn2) : NULL;
                    int passive = 0;
                    for (size_t x = after; x < m && !passive; x++)
                        passive = tok_is(td, x, "were") || tok_is(td, x, "been") || tok_is(td, x, "are");
                    if (tok_is(td, m, "and") && o2 && passive && strcmp(o2->attr[1], "before") != 0 &&
                        !(q + vn2 < end && takes_object(a, se, q + vn2)))
                        continue;
                    if (tok_is(td, m, "and") && victim && !next_num && (pe = and_one_more(a, se, m))) {
                        m = pe - 1; /* "four children and a woman were killed" */
                        continue;
                    }
                    if (!(tok_is(td, m, "and") && next_num && victim))
                        break;
                    /* the next count may have its own verb ("and 14 others
                     * wounded"): then that verb is not ours */
                    size_t r = q + 1;
                    while (r < end && r < q + 5 && !lex_match(a->t->outcomes, td, r, end, &n) && !is_aux(td, r))
                        r++;
                    if (r < end && !is_aux(td, r) && lex_match(a->t->outcomes, td, r, end, &n) && r <= q + 3 &&
                        !is_aux(td, r - 1))
                        break;
                }
                /* "20 dead", "15 have died", "one is critically injured",
                 * "two suffered non-life-threatening injuries": close when
                 * nothing is counted and a second word that is no auxiliary
                 * or adverb comes before the outcome */
                const lex_entry *e = lex_match(a->t->outcomes, td, m, end, &n);
                if (!victim && !noun && !e) {
                    static const char *const suffer[] = {"suffered", "sustained", "received", "remain", "remains",
                                                         "remained"};
                    int free_aux = is_aux(td, m) && !tok_is(td, m, "said") && !tok_is(td, m, "to") &&
                                   !tok_is(td, m, "left") && !tok_is(td, m, "reported");
                    if (tok_is_any(td, m, suffer, ARRAY_LEN(suffer)))
                        suffered = m;
                    else if (!free_aux && !ly_adverb(td, m) && !(suffered && m < suffered + 4) &&
                             ++plain > (left_before ? 4u : 1u))
                        break; /* "left 32 alleged drug offenders dead": up to four words */
                    if (td->tok[m].flags & (TOK_PUNCT | TOK_NUM))
                        break;
                }
                if (e && suffered && !tok_is(td, m + n - 1, "injuries") && !tok_is(td, m + n - 1, "wounds") &&
                    !tok_is(td, m + n - 1, "injury") && !tok_is(td, m + n - 1, "wound"))
                    break; /* "a 911 call was received stating a child had been shot" */
                if (e && n == 1 && tok_is(td, m, "shot") && !(m > 0 && is_aux(td, m - 1)) && takes_object(a, se, m + 1))
                    break; /* "two men shot Mr. Garcia": the count is the shooters; "four shot at a party" */
                /* "two female suicide bombers have killed at least 12
                 * people": a transitive verb, active, with an object; the
                 * count is the agents */
                if (e && !strcmp(e->attr[1], "both") && takes_object(a, se, m + n) &&
                    !(m > 0 && (tok_is(td, m - 1, "was") || tok_is(td, m - 1, "were") || tok_is(td, m - 1, "been") ||
                                tok_is(td, m - 1, "being") || tok_is(td, m - 1, "is") || tok_is(td, m - 1, "are"))))
                    break;
                /* "one of five people shot outside the lounge has died": a
                 * singular verb is not the plural count's */
                if (e && c.min > 1 && m > after && (tok_is(td, m - 1, "has") || tok_is(td, m - 1, "was") ||
                                                    tok_is(td, m - 1, "is")) &&
                    cstart > se->first + 1 && tok_is(td, cstart - 1, "of"))
                    break;
                if (e && strcmp(e->attr[1], "before") != 0) {
                    out = e;
                    ostart = m;
                    oend = m + n;
                    break;
                }
            }
            int inherit = -1;
            if (!out && toll_o >= 0) { /* "the toll stands at 32" */
                out = lex_find(a->t->outcomes, toll_o == OUT_INJURED ? "injured" : "killed");
                ostart = tstart;
                oend = tstart + 1;
            }
            if (!out && c.part_of >= 0)
                inherit = c.part_of;
            /* "killed 84 fighters and 47 soldiers": the second count shares the
             * verb.  After a passive one ("14 civilians were killed and three
             * others") the verb of the second is missing, most often "wounded":
             * it is not inherited. */
            if (!out && inherit < 0 && a->nclaims > first_claim && cstart > se->first &&
                (tok_is(td, cstart - 1, "and") || tok_is(td, cstart - 1, ",")) && victim) {
                const claim *prev = &a->claims[a->nclaims - 1];
                size_t pt = token_at(td, se->first, end, prev->sp.start), pn;
                if (prev->sp.end <= td->tok[cstart - 1].start + 1 && pt < end &&
                    lex_match(a->t->outcomes, td, pt, end, &pn))
                    inherit = (int)a->nclaims - 1;
            }
            if (!out && inherit < 0)
                continue;
            /* "two of the victims are in critical condition": the state of
             * some of the hurt, not their number (one person "in stable
             * condition" is read by single_of) */
            if (out && !strncmp(out->phrase, "in ", 3))
                continue;
            if (!victim && !out)
                continue;
            /* "16 civilians from one family": a count after "from" with no
             * victim word of its own is not a head count ("with 8 wounded",
             * "in 18 casualties" are) */
            if (!victim && !noun && toll_o < 0 && cstart > se->first &&
                (tok_is(td, cstart - 1, "from") || tok_is(td, cstart - 1, "into")))
                continue;
            /* "Hwy 150", "Route 9", "Apartment 3": a number that names */
            if (!victim && !noun && c.q == Q_EXACT && cstart == i && i > se->first + 1 && is_capword(td, i - 1) &&
                !(td->tok[i - 2].flags & TOK_PUNCT))
                continue;
            if (!victim && !noun)
                snprintf(c.victims, sizeof c.victims, "people");
            c.outcome = out ? outcome_of(out) : a->claims[inherit].outcome;
            /* "five people were shot": the dead are among them; "five
             * others were shot" are not the dead */
            c.hit = (out ? !strcmp(out->phrase, "shot") : a->claims[inherit].hit) && !other_victims(&c);
            size_t sb = cstart, se_tok = victim || noun ? vend : j;
            if (out && ostart < sb)
                sb = ostart;
            if (out && oend > se_tok)
                se_tok = oend;
            if (se_tok <= sb)
                se_tok = sb + 1;
            /* "at least 20 ... and possibly 30": the upper figure */
            long long hi = 0;
            size_t pe = possibly_more(a, se, se_tok, &hi);
            if (pe && hi > c.min && !c.vague && (c.q == Q_AT_LEAST || c.q == Q_EXACT)) {
                c.max = hi;
                c.q = Q_AT_LEAST;
                se_tok = pe;
            } else
                pe = 0;
            c.sp = (span){td->tok[sb].start, td->tok[se_tok - 1].end};
            c.update = toll_o >= 0 && update;
            c.context = is_context(a, se, sb, se_tok);
            if (deny != (size_t)-1 && deny < sb && !clause_break(td, deny, sb) && !new_statement(td, deny, sb))
                c.denial = 1;
            /* Source. */
            size_t nsp;
            const speaker *sp = speakers_of(a, cm, &nsp);
            const speaker *who = inherit >= 0 && c.part_of < 0 ? NULL : speaker_for(td, sp, nsp, sb, se_tok);
            if (inherit >= 0 && c.part_of < 0) {
                const claim *p = &a->claims[inherit];
                memcpy(c.source, p->source, sizeof c.source);
                c.kind = p->kind;
                c.source_span = p->source_span;
            } else
                set_source(a, &c, who);
            if (along) {
                claim c1 = c;
                c1.min = c1.max = along;
                c1.q = Q_EXACT;
                c1.vague = 0;
                c1.words[0] = 0;
                c1.victim_actor[0] = 0;
                c1.vcat = VIC_UNKNOWN;
                snprintf(c1.label, sizeof c1.label, "person");
                snprintf(c1.victims, sizeof c1.victims, "%s", along > 1 ? "the persons named" : "the person named");
                c1.sp = (span){td->tok[ostart].start, td->tok[oend - 1].end};
                push(a, &c1);
            }
            if (one_e) {
                claim c1 = c;
                c1.min = c1.max = 1;
                c1.q = Q_EXACT;
                c1.vague = 0;
                c1.words[0] = 0;
                c1.victim_actor[0] = 0;
                size_t vn;
                const lex_entry *v1 = NULL;
                for (size_t x = one_s + 1; x < one_e && !v1; x++)
                    v1 = singular_person(a, x, one_e, &vn);
                c1.vcat = category_of(v1);
                snprintf(c1.label, sizeof c1.label, "%s", v1 ? v1->attr[1] : "person");
                size_t oe = one_s + 1;
                while (oe < one_e && oe < one_s + 5 && !(td->tok[oe].flags & TOK_PUNCT) && !tok_is(td, oe, "allied") &&
                       !tok_is(td, oe, "who") && !tok_is(td, oe, "of") && !tok_is(td, oe, "in") && !tok_is(td, oe, "with"))
                    oe++;
                c1.sp = (span){td->tok[ostart].start, td->tok[oe - 1].end};
                span_copy(text, (span){td->tok[one_s].start, td->tok[oe - 1].end}, c1.victims, sizeof c1.victims);
                push(a, &c1);
            }
            push(a, &c);
            /* "killed four children and a woman": one more person, in the
             * same statement, unless a verb of its own follows ("and a
             * policeman was wounded") */
            size_t one = victim ? and_one_more(a, se, vend) : 0;
            if (one) {
                size_t q = one, vn;
                while (q < end && (is_aux(td, q) || ly_adverb(td, q)))
                    q++;
                const lex_entry *o2 = q < end ? lex_match(a->t->outcomes, td, q, end, &vn) : NULL;
                if (!o2 || outcome_of(o2) == c.outcome) {
                    claim c2 = c;
                    c2.min = c2.max = 1;
                    c2.q = Q_EXACT;
                    c2.vague = 0;
                    c2.words[0] = 0;
                    c2.update = 0;
                    c2.victim_actor[0] = 0;
                    const lex_entry *v2 = lex_match(a->t->victims, td, one - 1, end, &vn);
                    for (size_t x = vend + 2; x < one && !v2; x++)
                        v2 = lex_match(a->t->victims, td, x, one, &vn);
                    c2.vcat = category_of(v2);
                    snprintf(c2.label, sizeof c2.label, "%s", v2 ? v2->attr[1] : "person");
                    c2.sp = (span){td->tok[vend + 1].start, td->tok[one - 1].end};
                    span_copy(text, (span){td->tok[vend + 2].start, td->tok[one - 1].end}, c2.victims, sizeof c2.victims);
                    push(a, &c2);
                }
            }
            if (pe)
                i = pe - 1;
            else if (se_tok > i + 1)
                i = (victim ? vend : j) - 1;
        }
        another_claims(a, s, first_claim, cm);
        if (cm->cues.self)
            suicide_claims(a, s, first_claim, cm);
        singular_claims(a, s, first_claim, cm);
        if (cm->cues.none || deny != (size_t)-1)
            zero_claims(a, s, first_claim, deny, cm);
    }
    free(memo.slot);
    free(memo.at);
    free(actor_first);
    beside_dead(a, &memo);
    hurt_subsets(a);
    else_zero(a);
    same_victim_died(a);
}
