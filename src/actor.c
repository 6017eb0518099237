/* actor.c -- see actor.h. */
#include "actor.h"

#include <string.h>

/* The last country named, for the scan of one report: its mentions of state
 * forces nearly all name the same country, and the gazetteer's answer costs
 * more than the rest of building the actor's name. */
typedef struct {
    char iso2[3];
    int known;
    char name[64];
} country_memo;

/* out (64 bytes) = the name of country iso2 (char[3]), "" if unknown. */
static void country_name(const analysis *a, country_memo *cm, const char iso2[3], char out[64])
{
    if (!cm->known || memcmp(cm->iso2, iso2, 3) != 0) {
        gaz_country c;
        if (iso2[0] && gaz_country_by_iso(a->t->gaz, iso2, &c))
            str_copy(cm->name, sizeof cm->name, c.name);
        else
            cm->name[0] = '\0';
        memcpy(cm->iso2, iso2, 3);
        cm->known = 1;
    }
    memcpy(out, cm->name, sizeof cm->name);
}

/* Country named by the token(s) at i: a demonym ("Malian") or a country name
 * followed by the possessive ("Mali's").  Returns the number of tokens used. */
static size_t country_ref(const analysis *a, size_t i, size_t end, char iso2[3])
{
    const text_doc *td = &a->td;
    const char *text = a->doc->text;
    if (i >= end || !(td->tok[i].flags & TOK_CAP))
        return 0;
    gaz_country c;
    if (token_demonym(a, i, &c)) {
        memcpy(iso2, c.iso2, 3);
        return 1;
    }
    for (size_t len = 3; len >= 1; len--) {
        if (i + len >= end || !(td->tok[i + len].flags & TOK_POSS))
            continue;
        gaz_place g[4];
        size_t n = gaz_lookup(a->t->gaz, text + td->tok[i].start, td->tok[i + len - 1].end - td->tok[i].start, g, 4);
        for (size_t k = 0; k < n && k < 4; k++)
            if (g[k].kind == GAZ_COUNTRY) {
                memcpy(iso2, g[k].iso2, 3);
                return len + 1;
            }
    }
    return 0;
}

int attribution_near(const analysis *a, size_t first, size_t end, size_t after, size_t before, int window)
{
    size_t n;
    for (size_t k = after; k < end && k < after + (size_t)window; k++) {
        const lex_entry *e = lex_match(a->t->attribution, &a->td, k, end, &n);
        if (e && (strcmp(e->attr[0], "after") == 0 || strcmp(e->attr[0], "both") == 0))
            return 1;
    }
    /* "according to a local rights group": the verb may stand a few words back. */
    for (size_t back = 1; back <= 5 && back <= before - first; back++) {
        const lex_entry *e = lex_match(a->t->attribution, &a->td, before - back, end, &n);
        if (e && before - back + n <= before && before - back + n + 2 >= before &&
            (strcmp(e->attr[0], "before") == 0 || strcmp(e->attr[0], "both") == 0))
            return 1;
    }
    return 0;
}

/* Appends s[0..n) to out[0..*len), keeping room for the NUL of a cap-byte
 * field (cap > 0). */
static void put_cut(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
    if (n > cap - 1 - *len)
        n = cap - 1 - *len;
    memcpy(out + *len, s, n);
    *len += n;
}

/* A named actor's name; "%s" in it stands for the country's name
 * ("Unidentified Armed Group (%s)"), and goes with its brackets when the
 * country is unknown. */
static void named_actor(const analysis *a, country_memo *cm, const char *tmpl, const char iso2[3], char *out,
                        size_t cap)
{
    const char *pct = strstr(tmpl, "%s");
    if (!pct) {
        str_copy(out, cap, tmpl);
        return;
    }
    char cname[64];
    country_name(a, cm, iso2, cname);
    /* Assembled by hand, cut to cap - 1 bytes as snprintf would: this runs for
     * most actor mentions, and the format machinery cost more than the rest. */
    size_t len = 0;
    if (cname[0]) {
        put_cut(out, cap, &len, tmpl, (size_t)(pct - tmpl));
        put_cut(out, cap, &len, cname, strlen(cname));
        put_cut(out, cap, &len, pct + 2, strlen(pct + 2));
    } else {
        size_t n = (size_t)(pct - tmpl);
        while (n && (tmpl[n - 1] == '(' || tmpl[n - 1] == ' '))
            n--;
        put_cut(out, cap, &len, tmpl, n);
    }
    out[len] = '\0';
}

/* A violence trigger starts at token i ("shelling", "drone attack"). */
static int violent_trigger_at(const analysis *a, size_t i, size_t end)
{
    size_t n;
    const lex_entry *e = lex_match(a->t->triggers, &a->td, i, end, &n);
    return e && (!strcmp(e->attr[0], "Battles") || !strcmp(e->attr[0], "Explosions/Remote violence"));
}

static void push(analysis *a, const actor_m *m)
{
    /* The same actor named twice in a row ("Russian mercenaries from the
     * Wagner group") is one mention. */
    if (a->nactors) {
        actor_m *last = &a->actors[a->nactors - 1];
        if (last->sentence == m->sentence && strcmp(last->name, m->name) == 0 && m->tok <= last->tok + last->ntok + 3) {
            last->ntok = m->tok + m->ntok - last->tok;
            last->sp.end = m->sp.end;
            return;
        }
        /* "JNIM fighters", "Viv Ansanm gang members": a generic word right
         * after a named group is that group. */
        if (last->sentence == m->sentence && m->generic && !last->generic && m->tok == last->tok + last->ntok) {
            last->ntok += m->ntok;
            last->sp.end = m->sp.end;
            return;
        }
        /* "gunmen from the Sinaloa cartel", "fighters of Hayat Tahrir
         * al-Sham": the name says who the generic word means. */
        if (last->sentence == m->sentence && last->generic && !m->generic && m->tok > last->tok + last->ntok &&
            m->tok <= last->tok + last->ntok + 2) {
            int joined = 1;
            for (size_t k = last->tok + last->ntok; k < m->tok && joined; k++)
                joined = tok_is(&a->td, k, "from") || tok_is(&a->td, k, "of") || tok_is(&a->td, k, "the");
            if (joined) {
                uint32_t tok = last->tok, start = last->sp.start;
                int side = last->side;
                *last = *m;
                last->ntok = m->tok + m->ntok - tok;
                last->tok = tok;
                last->sp.start = start;
                last->side = side;
                return;
            }
        }
    }
    a->actors = grow_array(a->actors, &a->capactors, a->nactors, sizeof *a->actors);
    a->actors[a->nactors++] = *m;
}

/* A force word used as a modifier ("army officer", "military leaders",
 * "police station") names a person or thing, not the force acting. */
static int modifier_use(const text_doc *td, size_t j)
{
    static const char *const heads[] = {"officer", "officers", "leader", "leaders", "chief", "chiefs", "spokesman",
                                        "spokesperson", "source", "sources", "base", "bases", "camp", "camps",
                                        "station", "stations", "vehicle", "vehicles", "convoy", "court", "courts",
                                        "rule", "regime", "operation", "operations", "commander", "commanders",
                                        "statement", "post", "posts", "checkpoint", "positions", "position",
                                        "official", "officials", "truck", "trucks", "lorry", "personnel", "uniform",
                                        "uniforms", "helicopter", "aircraft"};
    return tok_is_any(td, j, heads, ARRAY_LEN(heads));
}

static int side_of(const analysis *a, size_t i, size_t first)
{
    /* The object of a verb of violence is its target: "X killed Y",
     * "ambushed a Malian army convoy", "are fighting separatists". */
    static const char *const verbs[] = {
        "on",        "against",   "targeting", "targeted", "attacked",  "attacking", "attack",    "killed",
        "killing",   "ambushed",  "ambushing", "abducted", "kidnapped", "shelled",   "shelling",  "bombed",
        "bombing",   "struck",    "hit",       "raided",   "fighting",  "fought",    "arrested",  "detained",
        "executed",  "massacred", "beheaded",  "captured", "dispersed", "disperse",  "stormed",   "besieged",
        "overran",   "repelled",  "repulsed",  "routed",   "shot",      "wounding",  "wounded",   "injuring"};
    static const char *const skip[] = {"the", "its", "their", "a", "an", "his", "her", "several", "dozens", "of",
                                       "scores", "some", "many", "two", "three", "four", "five", "six", "seven",
                                       "eight", "nine", "ten", "at", "least", "more", "than", "about", "nearly",
                                       "around", "some", "over", "positions"};
    /* Look back over determiners and counts only: "on the Malian army",
     * "by gunmen", "killed at least 12 soldiers". */
    for (size_t back = 1; back <= 5 && back <= i - first; back++) {
        size_t k = i - back;
        if (tok_is_any(&a->td, k, verbs, ARRAY_LEN(verbs)))
            return 2;
        if (tok_is(&a->td, k, "by"))
            return 1;
        if (!(a->td.tok[k].flags & TOK_NUM) && !tok_is_any(&a->td, k, skip, ARRAY_LEN(skip)))
            break;
    }
    return 0;
}

/* out = head[0..hlen) + name + tail, cut to cap - 1 bytes as snprintf would:
 * a force's name ("%s Armed Forces") is built for every mention of a
 * country's forces, where a printf format cost a tenth of actors_scan. */
static void fill_template(char *out, size_t cap, const char *head, size_t hlen, const char *name, const char *tail)
{
    size_t n = 0;
    for (size_t k = 0; k < hlen && n + 1 < cap; k++)
        out[n++] = head[k];
    for (; *name && n + 1 < cap; name++)
        out[n++] = *name;
    for (; *tail && n + 1 < cap; tail++)
        out[n++] = *tail;
    out[n] = '\0';
}

/* An alias in capitals in actors.tsv ("FLA", "RSF", "M23") is an acronym:
 * the same letters in lower case are another word ("Jacksonville, Fla.",
 * AP's abbreviation for Florida).  Keys are case-folded, so the case is
 * checked here, on the text: an acronym matches only a word with no
 * lower-case letter. */
static int acronym_in_lower_case(const text_doc *td, size_t i, const lex_entry *e)
{
    const char *p = e->phrase;
    int upper = 0;
    for (; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            upper++;
        else if (!(*p >= '0' && *p <= '9'))
            return 0; /* a lower-case letter, a space, a hyphen: a name, not an acronym */
    }
    if (upper < 2)
        return 0;
    for (uint32_t b = td->tok[i].start; b < td->tok[i].end; b++)
        if (td->text[b] >= 'a' && td->text[b] <= 'z')
            return 1;
    return 0;
}

void actors_scan(analysis *a)
{
    const text_doc *td = &a->td;
    country_memo cm = {{0}, 0, {0}};
    /* the marks of both dictionaries, when the text carries them (else every
     * token may start a mention) */
    uint16_t abit = lex_mark_bit(a->t->actors, td), fbit = lex_mark_bit(a->t->forces, td);
    uint16_t marks = abit && fbit ? (uint16_t)(abit | fbit) : 0;
    for (size_t s = 0; s < td->nsent; s++) {
        const sentence *se = &td->sent[s];
        size_t end = se->first + se->count;
        for (size_t i = se->first; i < end; i++) {
            /* A mention starts with a capital (a demonym, a country's
             * possessive), a named actor or a force word: most tokens are
             * none, and are passed before anything is set up for them. */
            if (marks && !(td->tok[i].flags & TOK_CAP) && !(td->tok[i].lexmask & marks))
                continue;
            actor_m m = {0};
            size_t n = 0;
            char iso2[3] = "";
            size_t c = country_ref(a, i, end, iso2);
            const lex_entry *e = NULL;
            const lex_entry *named = lex_match(a->t->actors, td, i, end, &n);
            if (named && acronym_in_lower_case(td, i, named))
                named = NULL;
            int demonym = 0;
            if (!named && c) {
                named = lex_match(a->t->actors, td, i + c, end, &n);
                if (named && !strcmp(named->attr[2], "*")) {
                    n += c;
                    demonym = 1;
                } else
                    named = NULL;
            }
            if (named) {
                m.inter = named->attr[1][0] - '0';
                const char *cc = named->attr[2];
                if (!strcmp(cc, "*"))
                    cc = a->country;
                str_copy(m.iso2, sizeof m.iso2, cc);
                /* A country demonym before a generic group names its country
                 * ("Nigerian protesters"); else the report's main country. */
                if (demonym)
                    memcpy(m.iso2, iso2, 3);
                m.generic = !strcmp(named->attr[2], "*");
                /* the country is not known yet: event.c names it from the
                 * event's place */
                if (m.generic && !m.iso2[0] && strstr(named->attr[0], "%s"))
                    m.generic = 2;
                named_actor(a, &cm, named->attr[0], m.iso2, m.name, sizeof m.name);
            } else if (c == 1 && violent_trigger_at(a, i + 1, end)) {
                /* "Russian shelling", "Israeli airstrikes": the adjective
                 * names the state whose forces acted. */
                memcpy(m.iso2, iso2, 3);
                char cname[64];
                country_name(a, &cm, m.iso2, cname);
                if (!cname[0])
                    continue;
                snprintf(m.name, sizeof m.name, "Military Forces of %s", cname);
                m.inter = 1;
                n = 1;
            } else if (c && (e = lex_match(a->t->forces, td, i + c, end, &n))) {
                n += c;
                memcpy(m.iso2, iso2, 3);
            } else if ((e = lex_match(a->t->forces, td, i, end, &n))) {
                /* A bare force word: "the army", "troops".  Singular nouns
                 * need a determiner, so "army officer" style modifiers and
                 * "military" as an adjective ("military leaders") pass. */
                size_t j = i + n;
                /* "army officer", "police station" name a person or a thing;
                 * but "attacked a police checkpoint", "ambushed an army
                 * convoy" name whose post or convoy was hit: that force is
                 * the target. */
                int owner = 0;
                if (j < end && modifier_use(td, j)) {
                    if (side_of(a, i, se->first) != 2)
                        continue;
                    owner = 1;
                }
                /* "ISIS forces", "RSF troops", "FAMa soldiers": a force word
                 * right after a named group is that group's, not a state's. */
                if (a->nactors && !owner) {
                    actor_m *last = &a->actors[a->nactors - 1];
                    if (last->sentence == (int)s && !last->generic && last->inter < 5 &&
                        last->tok + last->ntok == i) {
                        last->ntok += (uint32_t)n;
                        last->sp.end = td->tok[i + n - 1].end;
                        i += n - 1;
                        continue;
                    }
                }
                /* "the army of the Malian junta", "forces of Mali" */
                if (tok_is(td, j, "of")) {
                    size_t k = j + 1;
                    if (tok_is(td, k, "the"))
                        k++;
                    char iso[3] = "";
                    size_t cc = country_ref(a, k, end, iso);
                    if (cc) {
                        size_t n2;
                        if (lex_match(a->t->forces, td, k + cc, end, &n2))
                            cc += n2;
                        n = k + cc - i;
                        memcpy(m.iso2, iso, 3);
                    }
                }
                if (!m.iso2[0])
                    memcpy(m.iso2, a->country, 3);
            } else
                continue;
            if (e) {
                char cname[64];
                country_name(a, &cm, m.iso2, cname);
                if (!cname[0])
                    continue; /* state forces of no known state */
                /* The template has exactly one %s (checked by the tests). */
                const char *pct = strstr(e->attr[0], "%s");
                if (!pct)
                    continue;
                fill_template(m.name, sizeof m.name, e->attr[0], (size_t)(pct - e->attr[0]), cname, pct + 2);
                m.inter = e->attr[1][0] - '0';
            }
            m.tok = (uint32_t)i;
            m.ntok = (uint32_t)n;
            m.sp = (span){td->tok[i].start, td->tok[i + n - 1].end};
            m.sentence = (int)s;
            m.speaker = attribution_near(a, se->first, end, i + n, i, 2);
            /* "..., police and hospital officials said": the verb follows the
             * last of the sources named together, a few words on. */
            if (!m.speaker && i + n < end && tok_is(td, i + n, "and"))
                for (size_t w = i + n + 1; w < end && w <= i + n + 3 && (td->tok[w].flags & TOK_WORD); w++)
                    if (attribution_near(a, se->first, end, w + 1, i, 1)) {
                        m.speaker = 1;
                        break;
                    }
            m.side = side_of(a, i, se->first);
            push(a, &m);
            i += n - 1;
        }
    }
}
