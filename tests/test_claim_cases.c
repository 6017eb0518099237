/* The casualty-claims regression suite: every sentence of
 * tests/claims/cases.txt (hand-written, in the phrasing of wire reports)
 * with the exact claims it must give.  The notation is documented at the
 * top of that file.  Each case is one cmocka test named after its line; a
 * failing case prints its sentence, the claims expected and the claims got. */
#include "testutil.h"
#include "testtally.h"

#include <stdio.h>
#include <stdlib.h>

#include "event.h"
#include "model.h"

#define CASES "tests/claims/cases.txt"
#define MAXC 12
#define MAXCHK 8

typedef struct {
    enum outcome outcome;
    long long min, max;
    enum qualifier q;
    enum victim_cat vcat;
    enum source_kind kind;
    char src[96], victims[48], vague[48];
    int part, sup, context, denial, single, hit;
} want_claim;

typedef struct {
    char line[160]; /* the check as written, for messages */
} want_check;

typedef struct {
    int lineno;
    char name[32];
    char text[2048];
    char outlet[64];
    want_claim c[MAXC];
    int nc;
    int none;
    want_check chk[MAXCHK];
    int nchk;
} tcase;

static tcase *cases;
static size_t ncases;

static int lookup(const char *w, const char *const *names, int n)
{
    for (int k = 0; k < n; k++)
        if (!strcmp(w, names[k]))
            return k;
    return -1;
}

/* Reads a quoted value after key= ; returns the end of it. */
static const char *quoted(const char *p, char *out, size_t cap)
{
    size_t n = 0;
    if (*p != '"')
        return NULL;
    for (p++; *p && *p != '"'; p++)
        if (n + 1 < cap)
            out[n++] = *p;
    out[n] = '\0';
    return *p == '"' ? p + 1 : NULL;
}

/* Copies src into dst (cap bytes), cutting it if needed. */
static void copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void die(int lineno, const char *what)
{
    fprintf(stderr, "%s:%d: %s\n", CASES, lineno, what);
    exit(2);
}

static void parse_claim(const char *line, int lineno, want_claim *w)
{
    char oc[16], bounds[48], q[16], vc[16], kind[16];
    int used = 0;
    memset(w, 0, sizeof *w);
    w->part = w->sup = -1;
    if (sscanf(line, "%15s %47s %15s %15s %15s%n", oc, bounds, q, vc, kind, &used) != 5)
        die(lineno, "a claim needs OUTCOME BOUNDS QUALIFIER CATEGORY KIND");
    int o = lookup(oc, outcome_name, OUT_N), qq = lookup(q, qualifier_name, 5), v = lookup(vc, victim_cat_name, 4),
        k = lookup(kind, source_kind_name, 6);
    if (o < 0 || qq < 0 || v < 0 || k < 0)
        die(lineno, "unknown outcome, qualifier, category or source kind");
    w->outcome = (enum outcome)o;
    w->q = (enum qualifier)qq;
    w->vcat = (enum victim_cat)v;
    w->kind = (enum source_kind)k;
    char *e;
    w->min = strtoll(bounds, &e, 10);
    if (*e == '\0')
        w->max = w->min;
    else if (*e == '+' && e[1] == '\0')
        w->max = 0;
    else if (*e == '-')
        w->max = strtoll(e + 1, NULL, 10);
    else
        die(lineno, "bounds are N, N-M or N+");
    const char *p = line + used;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (!strncmp(p, "src=", 4))
            p = quoted(p + 4, w->src, sizeof w->src);
        else if (!strncmp(p, "victims=", 8))
            p = quoted(p + 8, w->victims, sizeof w->victims);
        else if (!strncmp(p, "vague=", 6))
            p = quoted(p + 6, w->vague, sizeof w->vague);
        else if (!strncmp(p, "part=", 5))
            w->part = (int)strtol(p + 5, (char **)&p, 10);
        else if (!strncmp(p, "sup=", 4))
            w->sup = (int)strtol(p + 4, (char **)&p, 10);
        else if (!strncmp(p, "context", 7))
            w->context = 1, p += 7;
        else if (!strncmp(p, "denial", 6))
            w->denial = 1, p += 6;
        else if (!strncmp(p, "single", 6))
            w->single = 1, p += 6;
        else if (!strncmp(p, "hit", 3))
            w->hit = 1, p += 3;
        else
            die(lineno, "unknown claim key");
        if (!p)
            die(lineno, "unterminated quote");
    }
}

static void load_cases(void)
{
    FILE *f = fopen(CASES, "r");
    if (!f)
        die(0, "cannot open");
    char line[2048];
    int lineno = 0;
    tcase *cur = NULL;
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0) {
            cur = NULL;
            continue;
        }
        if (line[0] == '#')
            continue;
        if (!cur) {
            if (ncases == cap) {
                cap = cap ? cap * 2 : 64;
                cases = realloc(cases, cap * sizeof *cases);
            }
            cur = &cases[ncases++];
            memset(cur, 0, sizeof *cur);
            cur->lineno = lineno;
            snprintf(cur->name, sizeof cur->name, "cases.txt:%d", lineno);
        }
        if (line[0] == '>') {
            const char *s = line + 1 + (line[1] == ' ');
            size_t have = strlen(cur->text);
            snprintf(cur->text + have, sizeof cur->text - have, "%s%s", have ? " " : "", s);
        } else if (line[0] == '@')
            copy(cur->outlet, sizeof cur->outlet, line + 2);
        else if (!strcmp(line, "none"))
            cur->none = 1;
        else if (line[0] == '=' || !strncmp(line, "sides ", 6) || !strncmp(line, "group ", 6)) {
            if (cur->nchk == MAXCHK)
                die(lineno, "too many checks");
            copy(cur->chk[cur->nchk++].line, sizeof cur->chk[0].line, line);
        } else {
            if (cur->nc == MAXC)
                die(lineno, "too many claims");
            parse_claim(line, lineno, &cur->c[cur->nc++]);
        }
    }
    fclose(f);
}

static void show_claim(const tally_events *ev, const claim *c)
{
    fprintf(stderr, "      %s %lld", outcome_name[c->outcome], c->min);
    if (c->max == 0)
        fputc('+', stderr);
    else if (c->max != c->min)
        fprintf(stderr, "-%lld", c->max);
    fprintf(stderr, " %s %s %s src=\"%s\" victims=\"%s\"", qualifier_name[c->q], victim_cat_name[c->vcat],
            source_kind_name[c->kind], c->source, c->victims);
    if (c->vague)
        fprintf(stderr, " vague=\"%s\"", c->words);
    if (c->part_of >= 0)
        fprintf(stderr, " part=%d", c->part_of);
    if (c->superseded_by >= 0)
        fprintf(stderr, " sup=%d", c->superseded_by);
    if (c->context)
        fputs(" context", stderr);
    if (c->denial)
        fputs(" denial", stderr);
    if (c->single)
        fputs(" single", stderr);
    if (c->hit)
        fputs(" hit", stderr);
    if (c->restates >= 0)
        fprintf(stderr, " (restates %d)", c->restates);
    (void)ev;
    fputc('\n', stderr);
}

/* Empty string when claim c is as wanted, else what differs. */
static const char *differs(const want_claim *w, const claim *c)
{
    if (w->outcome != c->outcome)
        return "outcome";
    if (w->min != c->min || w->max != c->max)
        return "bounds";
    if (w->q != c->q)
        return "qualifier";
    if (w->vcat != c->vcat)
        return "victim category";
    if (w->kind != c->kind)
        return "source kind";
    if (w->src[0] && strcmp(w->src, c->source))
        return "source words";
    if (w->victims[0] && strcmp(w->victims, c->victims))
        return "victim words";
    if ((w->vague[0] != 0) != (c->vague != 0) || (w->vague[0] && strcmp(w->vague, c->words)))
        return "vague words";
    if (w->part != c->part_of)
        return "part";
    if (w->sup != c->superseded_by)
        return "superseded_by";
    if (w->context != c->context)
        return "context";
    if (w->denial != c->denial)
        return "denial";
    if (w->single != c->single)
        return "single";
    if (w->hit != c->hit)
        return "hit";
    return "";
}

static int toll_is(const toll *t, const char *lo, const char *be, const char *hi)
{
    if (!strcmp(lo, "-"))
        return !t->known;
    return t->known && t->low == atoll(lo) && t->best == atoll(be) && t->high == atoll(hi);
}

/* Empty string when the check holds on ev (extracted under rule). */
static const char *check_fails(const tcase *tc, const want_check *k, const tally_events *ev, char *why, size_t cap)
{
    char w[6][32] = {{0}};
    int n = sscanf(k->line, "%31s %31s %31s %31s %31s %31s", w[0], w[1], w[2], w[3], w[4], w[5]);
    const event *e = ev->n ? &ev->ev[0] : NULL;
    (void)tc;
    if (!e)
        return "no event";
    if (w[0][0] == '=') {
        const toll *t = !strcmp(w[1], "killed") ? &e->fatalities : !strcmp(w[1], "injured") ? &e->injured : NULL;
        if (!t || (n != 5 && !(n == 3 && !strcmp(w[2], "-"))))
            die(tc->lineno, "= OUTCOME LOW BEST HIGH");
        if (toll_is(t, w[2], w[3], w[4]))
            return "";
        if (t->known)
            snprintf(why, cap, "toll is %lld/%lld/%lld", t->low, t->best, t->high);
        else
            snprintf(why, cap, "no toll");
        return why;
    }
    if (!strcmp(w[0], "sides")) {
        if (n != 5)
            die(tc->lineno, "sides A B CIVILIANS UNKNOWN");
        if (e->deaths_a == atoll(w[1]) && e->deaths_b == atoll(w[2]) && e->deaths_civilians == atoll(w[3]) &&
            e->deaths_unknown == atoll(w[4]))
            return "";
        snprintf(why, cap, "sides are %lld %lld %lld %lld (actor1 '%s' %d, actor2 '%s' %d)", e->deaths_a,
                 e->deaths_b, e->deaths_civilians, e->deaths_unknown, e->actor1, e->inter1, e->actor2, e->inter2);
        return why;
    }
    int g = lookup(w[1], toll_group_name, TG_N);
    if (g < 0 || (n != 5 && n != 3))
        die(tc->lineno, "group NAME LOW BEST HIGH");
    if (toll_is(&e->fatal_by[g], w[2], w[3], w[4]))
        return "";
    const toll *t = &e->fatal_by[g];
    snprintf(why, cap, "group is %s", t->known ? "" : "absent");
    if (t->known)
        snprintf(why, cap, "group is %lld/%lld/%lld", t->low, t->best, t->high);
    return why;
}

static tally_events *extract(const tcase *tc)
{
    tally_doc doc = {.id = tc->name, .date = {2024, 3, 10}, .text = tc->text, .len = strlen(tc->text),
                     .source = tc->outlet[0] ? tc->outlet : NULL};
    return tally_extract(T, &doc);
}

static void run_case(void **state)
{
    const tcase *tc = *state;
    tally_set_best_rule(T, "lower-median");
    tally_events *ev = extract(tc);
    int bad = 0;
    char why[256];
    const char *msg = "";
    if (ev->nclaims != (size_t)tc->nc) {
        bad = 1;
        snprintf(why, sizeof why, "%zu claims, expected %d", ev->nclaims, tc->nc);
        msg = why;
    }
    for (int k = 0; !bad && k < tc->nc; k++)
        if (*(msg = differs(&tc->c[k], &ev->claims[k]))) {
            bad = 1;
            snprintf(why, sizeof why, "claim %d: %s", k, msg);
            msg = why;
        }
    for (int k = 0; !bad && k < tc->nchk; k++) {
        const want_check *chk = &tc->chk[k];
        tally_events *ev2 = NULL;
        if (!strncmp(chk->line, "=independent", 12)) {
            tally_set_best_rule(T, "prefer-independent");
            ev2 = extract(tc);
            tally_set_best_rule(T, "lower-median");
        }
        if (*(msg = check_fails(tc, chk, ev2 ? ev2 : ev, why, sizeof why))) {
            bad = 1;
            char tmp[512];
            snprintf(tmp, sizeof tmp, "'%s': %s", chk->line, msg);
            copy(why, sizeof why, tmp);
            msg = why;
        }
        tally_events_free(ev2);
    }
    if (bad) {
        fprintf(stderr, "%s:%d: %s\n  > %s\n  expected:\n", CASES, tc->lineno, msg, tc->text);
        for (int k = 0; k < tc->nc; k++) {
            const want_claim *w = &tc->c[k];
            fprintf(stderr, "      %s %lld", outcome_name[w->outcome], w->min);
            if (w->max == 0)
                fputc('+', stderr);
            else if (w->max != w->min)
                fprintf(stderr, "-%lld", w->max);
            fprintf(stderr, " %s %s %s\n", qualifier_name[w->q], victim_cat_name[w->vcat], source_kind_name[w->kind]);
        }
        fprintf(stderr, "  got:\n");
        for (size_t k = 0; k < ev->nclaims; k++)
            show_claim(ev, &ev->claims[k]);
    }
    tally_events_free(ev);
    if (bad)
        fail_msg("%s", tc->name);
}

int main(void)
{
    load_cases();
    struct CMUnitTest *tests = calloc(ncases, sizeof *tests);
    for (size_t k = 0; k < ncases; k++) {
        if (!cases[k].nc && !cases[k].none)
            die(cases[k].lineno, "a case needs claims or 'none'");
        tests[k].name = cases[k].name;
        tests[k].test_func = run_case;
        tests[k].initial_state = &cases[k];
    }
    int rc = _cmocka_run_group_tests("claim_cases", tests, ncases, tally_setup, tally_teardown);
    free(tests);
    free(cases);
    return rc;
}
