/* event.c -- see event.h. */
#include "event.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "when.h"

static const char *const negators[] = {"not", "no", "never", "denied", "deny", "denies", "denying", "threatened",
                                       "threatens", "threatening", "would", "could", "might", "may", "plan",
                                       "plans", "planned", "planning", "vowed", "vows", "warned", "warns", "if",
                                       "prevent", "prevented", "foiled", "thwarted", "without"};

static int negated(const text_doc *td, size_t i, size_t first)
{
    for (size_t back = 1; back <= 4 && back <= i - first; back++)
        if (tok_is_any(td, i - back, negators, ARRAY_LEN(negators)))
            return 1;
    return 0;
}

static int cue_present(const text_doc *td, const sentence *se, const char *cues)
{
    if (!cues || !*cues)
        return 1;
    for (size_t i = se->first; i < se->first + se->count; i++) {
        const char *k = tok_key(td, i);
        size_t n = strlen(k);
        const char *p = cues;
        while (*p) {
            const char *bar = strchr(p, '|');
            size_t m = bar ? (size_t)(bar - p) : strlen(p);
            if (m == n && memcmp(p, k, n) == 0)
                return 1;
            p += m + (bar ? 1 : 0);
        }
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
} trigger_m;

static int find_trigger(const analysis *a, const sentence *se, trigger_m *out)
{
    const text_doc *td = &a->td;
    size_t end = se->first + se->count;
    int found = 0;
    int bestp = -1;
    for (size_t i = se->first; i < end; i++) {
        size_t n;
        const lex_entry *e = lex_match(a->t->triggers, td, i, end, &n);
        if (!e)
            continue;
        int p = atoi(e->attr[2]);
        if (p > bestp && !negated(td, i, se->first) && cue_present(td, se, e->attr[3])) {
            bestp = p;
            out->e = e;
            out->tok = i;
            out->ntok = n;
            out->anaphor = anaphoric(td, i, se->first);
            found = 1;
        }
        i += n - 1;
    }
    return found;
}

static int ranges_overlap(const event *e, civil_date first, civil_date last)
{
    if (!e->date_known)
        return 1;
    return date_to_days(first) <= date_to_days(e->last) && date_to_days(e->first) <= date_to_days(last);
}

static int places_differ(const event *e, const place_m *p)
{
    if (!e->has_place || !p)
        return 0;
    if (e->place.precision == 3 || p->precision == 3)
        return 0; /* a region or country does not contradict a town in it */
    return strcmp(e->place.name, p->name) != 0;
}

static void add_int(int **arr, size_t *n, size_t *cap, int v)
{
    for (size_t k = 0; k < *n; k++)
        if ((*arr)[k] == v)
            return;
    *arr = grow_array(*arr, cap, *n, sizeof **arr);
    (*arr)[(*n)++] = v;
}

/* Place of a sentence: its first locative place, else its first place. */
static const place_m *sentence_place(const analysis *a, int s)
{
    const place_m *best = NULL;
    for (size_t k = 0; k < a->nplaces; k++) {
        const place_m *p = &a->places[k];
        if (p->sentence != s)
            continue;
        int rank = (p->precision < 3 ? 2 : 0) + p->locative;
        int brank = best ? (best->precision < 3 ? 2 : 0) + best->locative : -1;
        if (rank > brank)
            best = p;
    }
    return best;
}

static void set_place(event *e, const place_m *p)
{
    if (!p)
        return;
    if (!e->has_place || p->precision < e->place.precision ||
        (p->precision == e->place.precision && !e->place.resolved && p->resolved && p->precision < 3)) {
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
    for (size_t k = 0; k < a->nclaims; k++) {
        const claim *c = &a->claims[k];
        if (c->sentence != s)
            continue;
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
    for (size_t k = 0; k < a->nclaims; k++) {
        const claim *c = &a->claims[k];
        if (c->sentence == m->sentence && m->sp.start >= c->sp.start && m->sp.end <= c->sp.end)
            return 1;
        if (c->sentence == m->sentence && c->source_span.end > c->source_span.start &&
            m->sp.start < c->source_span.end && c->source_span.start < m->sp.end)
            return 1;
    }
    return 0;
}

static void assign_actors(const analysis *a, event *e, const claim *claims)
{
    int battle = !strcmp(e->event_type, "Battles");
    const actor_m *a1 = NULL, *a2 = NULL;
    for (size_t si = 0; si < e->nsents; si++) {
        int s = e->sents[si];
        for (size_t k = 0; k < a->nactors; k++) {
            const actor_m *m = &a->actors[k];
            if (m->sentence != s || in_victims(a, m))
                continue;
            int side = m->side;
            /* a mention coordinated with a target is a target too */
            for (size_t j = 0; j < k && !side; j++)
                if (a->actors[j].side == 2 && coordinated(a, &a->actors[j], m))
                    side = 2;
            if (!strcmp(m->name, e->actor1) || !strcmp(m->name, e->actor2))
                continue;
            if (side == 2) {
                if (!e->actor2[0]) {
                    snprintf(e->actor2, sizeof e->actor2, "%s", m->name);
                    e->inter2 = m->inter;
                    e->actor2_sp = m->sp;
                    a2 = m;
                } else if (a2 && coordinated(a, a2, m))
                    append_name(e->assoc2, sizeof e->assoc2, m->name);
                continue;
            }
            if (!e->actor1[0]) {
                snprintf(e->actor1, sizeof e->actor1, "%s", m->name);
                e->inter1 = m->inter;
                e->actor1_sp = m->sp;
                a1 = m;
            } else if (coordinated(a, a1 ? a1 : m, m)) {
                append_name(e->assoc1, sizeof e->assoc1, m->name);
            } else {
                /* named with another mention of actor1 in this sentence? */
                int joined = 0;
                for (size_t j = 0; j < a->nactors && !joined; j++)
                    joined = a->actors[j].sentence == s && !strcmp(a->actors[j].name, e->actor1) &&
                             coordinated(a, &a->actors[j], m);
                if (joined)
                    append_name(e->assoc1, sizeof e->assoc1, m->name);
                else if (battle && !e->actor2[0]) {
                    snprintf(e->actor2, sizeof e->actor2, "%s", m->name);
                    e->inter2 = m->inter;
                    e->actor2_sp = m->sp;
                    a2 = m;
                }
            }
        }
    }
    /* "the army said it had killed 30 militants": with no other actor, the
     * speaker is the one who acted. */
    if (!e->actor1[0]) {
        for (size_t si = 0; si < e->nsents && !e->actor1[0]; si++)
            for (size_t k = 0; k < a->nactors; k++) {
                const actor_m *m = &a->actors[k];
                if (m->sentence == e->sents[si] && m->speaker && strcmp(m->name, e->actor2)) {
                    snprintf(e->actor1, sizeof e->actor1, "%s", m->name);
                    e->inter1 = m->inter;
                    e->actor1_sp = m->sp;
                    break;
                }
            }
    }
    if (!e->actor2[0] && !battle) {
        for (size_t k = 0; k < e->nclaims; k++) {
            const claim *c = &claims[e->claims[k]];
            if (c->vcat == VIC_CIVILIAN && c->restates < 0) {
                gaz_country gc;
                const char *iso = e->place.g.iso2[0] ? e->place.g.iso2 : a->country;
                if (iso[0] && gaz_country_by_iso(a->t->gaz, iso, &gc))
                    snprintf(e->actor2, sizeof e->actor2, "Civilians (%s)", gc.name);
                else
                    snprintf(e->actor2, sizeof e->actor2, "Civilians");
                e->inter2 = 7;
                break;
            }
        }
    }
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
static void mark_restatements(event *e, claim *claims, const char *outlet)
{
    for (size_t i = 0; i < e->nclaims; i++) {
        claim *c = &claims[e->claims[i]];
        if (c->part_of >= 0 || c->context || c->denial || !generic_source(c, outlet))
            continue;
        for (size_t j = 0; j < e->nclaims; j++) {
            const claim *d = &claims[e->claims[j]];
            if (i == j || d->part_of >= 0 || generic_source(d, outlet) || d->restates >= 0 || d->context ||
                d->denial)
                continue;
            if (d->outcome == c->outcome && d->min == c->min && d->max == c->max && d->q == c->q) {
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
} statement;

#define MAX_STATEMENTS 64

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
            deaths |= counted(&claims[e->claims[k]], OUT_KILLED);
    for (size_t k = 0; k < e->nclaims; k++) {
        const claim *c = &claims[e->claims[k]];
        if (!in_group(claims, c, o, g) || (c->single && (numbered || deaths)))
            continue;
        long long clo = c->min, chi = c->max ? c->max : c->min;
        long long cpt = c->q == Q_RANGE ? (c->min + c->max) / 2 : c->q == Q_AT_MOST ? c->max : c->min;
        if (c->q == Q_AT_MOST)
            clo = c->max;
        size_t j = 0;
        for (; j < n; j++)
            if (st[j].sentence == c->sentence && !strcasecmp(st[j].source, c->source))
                break;
        if (j < n) { /* one statement, several groups: they add up */
            st[j].lo += clo;
            st[j].hi += chi;
            st[j].pt += cpt;
            continue;
        }
        if (n == MAX_STATEMENTS)
            break;
        st[n++] = (statement){c->sentence, c->source, c->kind, clo, chi, cpt};
    }
    return n;
}

/* Sources that are not a side of the fighting. */
static int independent(enum source_kind k) { return k == SRC_NGO || k == SRC_LOCAL || k == SRC_MEDIA; }

/* Reconciles statements into t; returns the statement whose figure is best. */
static const statement *reconcile_statements(const statement *st, size_t n, enum best_rule rule, toll *t)
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
    long long pt[MAX_STATEMENTS];
    size_t m = 0;
    for (size_t j = 0; j < n; j++)
        if (!only_indep || independent(st[j].kind))
            pt[m++] = st[j].pt;
    qsort(pt, m, sizeof pt[0], cmp_ll);
    t->best = pt[(m - 1) / 2];
    for (size_t j = 0; j < n; j++)
        if (st[j].pt == t->best && (!only_indep || independent(st[j].kind)))
            return &st[j];
    return &st[0];
}

static int is_state_inter(int inter) { return inter == 1; }
static int is_armed_inter(int inter) { return inter >= 2 && inter <= 4; }

/* Which UCDP side a claim's dead belong to: 1 side A (actor1's), 2 side B
 * (actor2's), 3 civilians, 0 unknown. */
static int side_of(const event *e, const claim *c)
{
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
    const statement *b = reconcile_statements(st, n, rule, t);
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
        reconcile_statements(st, n, rule, &e->fatal_by[g]);
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

/* The place as it is written out.  An unresolved name keeps its words as
 * the location and takes the main country's point, at region precision 3:
 * a wrong town is worse than an honest country. */
static void fill_place(const analysis *a, event *e)
{
    if (!e->has_place)
        return;
    const place_m *p = &e->place;
    const char *iso = p->resolved ? p->g.iso2 : a->country;
    gaz_country gc;
    int have_country = iso[0] && gaz_country_by_iso(a->t->gaz, iso, &gc);
    snprintf(e->location, sizeof e->location, "%s", p->resolved ? p->g.name : p->name);
    if (have_country) {
        snprintf(e->country, sizeof e->country, "%s", gc.name);
        memcpy(e->iso2, gc.iso2, 3);
        memcpy(e->iso3, gc.iso3, 4);
    }
    if (p->resolved) {
        snprintf(e->admin1, sizeof e->admin1, "%s", p->g.kind == GAZ_COUNTRY ? "" : p->g.admin1);
        snprintf(e->admin2, sizeof e->admin2, "%s", p->g.kind == GAZ_PLACE ? p->g.admin2 : "");
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

void events_build(analysis *a, tally_events *out)
{
    const text_doc *td = &a->td;
    int focus = -1; /* the event the narrative is about */
    when_mention wm[16];
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        if (se->heading)
            continue;
        trigger_m tr = {0};
        int has_trigger = find_trigger(a, se, &tr);
        int nclaims = 0;
        for (size_t k = 0; k < a->nclaims; k++) /* a figure on record only opens no event */
            nclaims += a->claims[k].sentence == (int)s && !on_record_only(&a->claims[k]);
        if (!has_trigger && !nclaims)
            continue;

        /* Dates of this sentence. */
        size_t nw = when_scan(a->doc->text + se->start, se->end - se->start, a->report, wm, ARRAY_LEN(wm));
        if (nw > ARRAY_LEN(wm))
            nw = ARRAY_LEN(wm);
        int have_date = 0, background = 0, duration = 0;
        civil_date df = {0, 0, 0}, dl = {0, 0, 0};
        int prec = 0;
        span dsp = {0, 0};
        for (size_t k = 0; k < nw; k++) {
            const when_mention *w = &wm[k];
            background |= w->background;
            if (w->background || have_date)
                continue;
            span sp = {se->start + (uint32_t)w->start, se->start + (uint32_t)w->end};
            if (w->kind == WHEN_DATE) {
                df = w->first;
                dl = w->last;
                prec = w->precision;
                dsp = sp;
                have_date = 1;
            } else if (w->kind == WHEN_ANCHORED && focus >= 0 && out->ev[focus].date_known) {
                const event *fe = &out->ev[focus];
                int64_t base = w->off_start >= 0 ? date_to_days(fe->last) : date_to_days(fe->first);
                df = days_to_date(base + w->off_start);
                dl = days_to_date(base + w->off_end);
                prec = (w->off_end - w->off_start) > 0 ? 2 : 1;
                dsp = sp;
                have_date = 1;
            } else if (w->kind == WHEN_DURATION && w->ndays > 1 && w->ndays <= 31)
                duration = w->ndays; /* "three days of fighting"; an "eight-year lull" is context */
        }
        if (background && !have_date)
            continue; /* context: "since a 2020 coup", "resumed in August 2023" */
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
            type = tr.e->attr[0];
            sub = tr.e->attr[1];
            prio = atoi(tr.e->attr[2]);
        } else
            type_from_claims(a, (int)s, &type, &sub);
        if (!type)
            continue;
        const place_m *pl = sentence_place(a, (int)s);

        /* Which event is this? */
        event *target = NULL;
        if ((!has_trigger || tr.anaphor) && focus >= 0) {
            event *fe = &out->ev[focus];
            if ((!has_trigger || !strcmp(fe->event_type, type)) &&
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
                if (!strcmp(e->event_type, type) && have_date && e->date_known && ranges_overlap(e, df, dl) &&
                    !places_differ(e, pl))
                    target = e;
            }
        }
        if (!target && !has_trigger && focus >= 0 && !have_date)
            target = &out->ev[focus];
        /* The narrative goes on: an undated mention of the same kind of event
         * as the one in focus ("Police fired tear gas" after "protesters
         * marched") is that event. */
        if (!target && has_trigger && !have_date && focus >= 0 && !strcmp(out->ev[focus].event_type, type) &&
            !places_differ(&out->ev[focus], pl))
            target = &out->ev[focus];
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
        set_place(target, pl);
        add_int(&target->sents, &target->nsents, &target->capsents, (int)s);
        int ti = event_index(out, target);
        for (size_t k = 0; k < a->nclaims; k++)
            if (a->claims[k].sentence == (int)s && a->claims[k].event < 0) {
                a->claims[k].event = ti;
                add_int(&target->claims, &target->nclaims, &target->capclaims, (int)k);
            }
        focus = ti;
    }

    attach_stray_claims(a, out);
    for (size_t k = 0; k < out->n; k++) {
        event *e = &out->ev[k];
        if (!e->date_known) {
            e->first = e->last = a->report;
            e->time_precision = 2;
            buf_puts(&e->notes, "No date in the text: the report date is used. ");
        }
        e->date = e->first;
        if (!e->has_place && a->country[0]) {
            gaz_country gc;
            if (gaz_country_by_iso(a->t->gaz, a->country, &gc)) {
                place_m p = {0};
                snprintf(p.name, sizeof p.name, "%s", gc.name);
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
        fill_place(a, e);
        mark_restatements(e, a->claims, a->doc->source);
        assign_actors(a, e, a->claims);
        event_reconcile_rule(e, a->claims, a->t->best_rule);
    }
}
