/* test_places.c -- place mentions and their resolution, on wire-style
 * sentences written for these tests (one rule each). */
#include "testutil.h"
#include "testtally.h"

#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "place.h"


typedef struct {
    tally_doc doc;
    analysis a;
} scanned;

static void scan(scanned *s, const char *text)
{
    memset(s, 0, sizeof *s);
    s->doc = (tally_doc){.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    s->a.t = T;
    s->a.doc = &s->doc;
    assert_int_equal(text_split(&s->a.td, text, s->doc.len), 0);
    places_scan(&s->a);
}

static void done(scanned *s)
{
    text_free(&s->a.td);
    free(s->a.places);
}

/* The mention whose words are exactly `words`; fails the test if none. */
static const place_m *find(const scanned *s, const char *words)
{
    for (size_t k = 0; k < s->a.nplaces; k++)
        if (!strcmp(s->a.places[k].name, words))
            return &s->a.places[k];
    fail_msg("no place mention \"%s\"", words);
    return NULL;
}

static int has(const scanned *s, const char *words)
{
    for (size_t k = 0; k < s->a.nplaces; k++)
        if (!strcmp(s->a.places[k].name, words))
            return 1;
    return 0;
}

static void expect(const place_m *p, int role, const char *name, const char *admin1, const char *iso2, int prec)
{
    assert_int_equal(p->role, role);
    assert_true(p->resolved);
    assert_string_equal(p->g.name, name);
    assert_string_equal(p->g.admin1, admin1);
    assert_string_equal(p->g.iso2, iso2);
    assert_int_equal(p->precision, prec);
}

/* The first event's location, as written out. */
static void event_place(const char *text, char *loc, size_t n, int *prec)
{
    tally_doc d = {.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &d);
    assert_true(tally_events_count(ev) >= 1);
    snprintf(loc, n, "%s", ev->ev[0].location);
    *prec = ev->ev[0].geo_precision;
    tally_events_free(ev);
}

static void test_us_dateline_ap_abbreviation(void **state)
{
    (void)state;
    scanned s;
    const char *text = "GRAHAM, N.C. (AP) \xe2\x80\x94 A man was shot dead outside a gas station on Tuesday, police said.";
    scan(&s, text);
    expect(find(&s, "GRAHAM"), PLACE_DATELINE, "Graham", "North Carolina", "US", 1);
    expect(find(&s, "N.C."), PLACE_QUALIFIER, "North Carolina", "North Carolina", "US", 3);
    assert_string_equal(s.a.country, "US");
    done(&s);
    /* The body names no town: the dateline's town is the event's place. */
    char loc[96];
    int prec;
    event_place(text, loc, sizeof loc, &prec);
    assert_string_equal(loc, "Graham");
    assert_int_equal(prec, 1);
}

static void test_dateline_is_the_office(void **state)
{
    (void)state;
    scanned s;
    const char *text = "SPRINGFIELD, Ill. \xe2\x80\x94 Two people were wounded in a shooting in Decatur on Monday, "
                       "police said.";
    scan(&s, text);
    /* Springfield, Illinois, not the larger Springfield in Missouri. */
    expect(find(&s, "SPRINGFIELD"), PLACE_DATELINE, "Springfield", "Illinois", "US", 1);
    /* Decatur in the state the dateline named. */
    expect(find(&s, "Decatur"), PLACE_BODY, "Decatur", "Illinois", "US", 1);
    done(&s);
    char loc[96];
    int prec;
    event_place(text, loc, sizeof loc, &prec);
    assert_string_equal(loc, "Decatur");
    assert_int_equal(prec, 1);
}

static void test_wire_dateline_with_country(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "LAGOS, Nigeria (Reuters) - Gunmen killed 12 villagers in Zamfara state on Sunday, a police "
             "spokesman said.");
    expect(find(&s, "LAGOS"), PLACE_DATELINE, "Lagos", "Lagos", "NG", 1);
    const place_m *q = find(&s, "Nigeria");
    assert_int_equal(q->role, PLACE_QUALIFIER);
    assert_int_equal(q->g.kind, GAZ_COUNTRY);
    /* "X state" is the admin-1 region, precision 3. */
    const place_m *z = find(&s, "Zamfara state");
    assert_int_equal(z->g.kind, GAZ_ADMIN1);
    assert_string_equal(z->g.iso2, "NG");
    assert_int_equal(z->precision, 3);
    assert_string_equal(s.a.country, "NG");
    done(&s);
}

/* "Town, Country" in the body: the country narrows the town's namesakes to
 * its own, here a small town with larger ones of the same name abroad. */
static void test_country_after_town_narrows(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Gunmen shot dead a community leader at her home in La Esperanza, Honduras on Thursday, her "
             "family said.");
    expect(find(&s, "La Esperanza"), PLACE_BODY, "La Esperanza", "Intibuc\xc3\xa1 Department", "HN", 1);
    expect(find(&s, "Honduras"), PLACE_QUALIFIER, "Honduras", "", "HN", 3);
    done(&s);
}

/* A list of countries is not a town and its country: "China, Japan" is
 * China, not a town called China in Japan. */
static void test_country_list_is_no_qualifier(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Envoys from China, Japan and South Korea met in Seoul on Monday to discuss the missile tests.");
    expect(find(&s, "China"), PLACE_BODY, "China", "", "CN", 3);
    expect(find(&s, "Japan"), PLACE_BODY, "Japan", "", "JP", 3);
    done(&s);
}

static void test_postal_code_and_full_state(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Police in Albany, GA said a man was killed on Friday. Officers in Columbia, South Carolina, "
             "arrested two men.");
    /* Albany in Georgia, not the state capital of New York. */
    expect(find(&s, "Albany"), PLACE_BODY, "Albany", "Georgia", "US", 1);
    expect(find(&s, "GA"), PLACE_QUALIFIER, "Georgia", "Georgia", "US", 3);
    /* Columbia, not Colombia. */
    expect(find(&s, "Columbia"), PLACE_BODY, "Columbia", "South Carolina", "US", 1);
    done(&s);
}

static void test_georgia_in_a_us_story(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "ATLANTA (AP) \xe2\x80\x94 Storms killed three people across Georgia on Sunday, officials said.");
    expect(find(&s, "ATLANTA"), PLACE_DATELINE, "Atlanta", "Georgia", "US", 1);
    const place_m *g = find(&s, "Georgia");
    assert_int_equal(g->g.kind, GAZ_ADMIN1);
    assert_string_equal(g->g.iso2, "US");
    assert_string_equal(s.a.country, "US");
    done(&s);
    /* Without US context, Georgia is the country. */
    scan(&s, "Protesters clashed with police in Georgia on Sunday, officials said.");
    assert_int_equal(find(&s, "Georgia")->g.kind, GAZ_COUNTRY);
    assert_string_equal(s.a.country, "GE");
    done(&s);
}

static void test_regions_and_parts(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Fighting broke out in the Kidal region and north of Gao on Sunday. Rebels also shelled "
             "Kidal's outskirts, a local official said.");
    const place_m *r = find(&s, "Kidal region");
    assert_int_equal(r->g.kind, GAZ_ADMIN1);
    assert_string_equal(r->g.iso2, "ML");
    assert_int_equal(r->precision, 3);
    expect(find(&s, "Gao"), PLACE_BODY, "Gao", "Gao", "ML", 2);
    expect(find(&s, "Kidal"), PLACE_BODY, "Kidal", "Kidal", "ML", 2);
    done(&s);
}

/* "northern Cameroon", "Pakistan's northwest", "the south of Mali": the
 * country, at the middle of the part named, so that an event at a village
 * the gazetteer lacks is placed in that part rather than at the country's
 * point; "north of Gao" stays near the town, and "Northern Ireland" is a
 * name, not a part. */
static void test_part_of_a_country(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Gunmen killed four herders near the village of Bakoumbi in northern Cameroon on Tuesday. "
             "A mortar hit a school in Pakistan's northwest, police said. Troops patrolled the south of Mali.");
    const place_m *cm = find(&s, "Cameroon");
    assert_true(cm->part);
    assert_string_equal(cm->g.iso2, "CM");
    assert_true(cm->g.lat > 8.5); /* the country's point is at 6 N */
    const place_m *pk = find(&s, "Pakistan");
    assert_true(pk->part);
    assert_true(pk->g.lat > 31.0); /* point 30 N */
    const place_m *ml = find(&s, "Mali");
    assert_true(ml->part);
    assert_true(ml->g.lat < 15.0); /* point 17 N */
    done(&s);

    scan(&s, "Rebels attacked a convoy north of Mali's border on Friday. Two men were shot in Northern Ireland.");
    assert_false(find(&s, "Mali")->part);
    done(&s);

    /* The event at the unknown village takes the part, at region precision. */
    const char *text = "Gunmen killed four herders in the village of Bakoumbi in northern Cameroon on Tuesday, "
                       "a local official said.";
    tally_doc d = {.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &d);
    assert_true(tally_events_count(ev) >= 1);
    assert_int_equal(ev->ev[0].geo_precision, 3);
    assert_true(ev->ev[0].lat > 8.5);
    tally_events_free(ev);
}

/* "in Nigeria's northeastern Borno state": the locative is the region's,
 * the country only says whose it is; a comma ends the phrase. */
static void test_possessive_country(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Gunmen killed six villagers in Nigeria's northeastern Borno state on Sunday. Rebels shelled "
             "positions in Mali's north, Kidal officials said.");
    assert_false(find(&s, "Nigeria")->locative);
    assert_true(find(&s, "Borno state")->locative);
    assert_true(find(&s, "Mali")->locative);
    done(&s);

    char loc[96];
    int prec;
    event_place("Gunmen killed six villagers in Nigeria's northeastern Borno state on Sunday, police said.", loc,
                sizeof loc, &prec);
    assert_string_equal(loc, "Borno State");
    assert_int_equal(prec, 3);
}

/* A bare "Congo" is the Democratic Republic, as wire reports write it,
 * unless the report names the Republic of Congo in full. */
static void test_bare_congo(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Militiamen killed seven farmers in eastern Congo on Sunday, an army spokesman said.");
    assert_string_equal(find(&s, "Congo")->g.iso2, "CD");
    done(&s);
    scan(&s, "Troops of the Democratic Republic of Congo said on Monday that rebels had shelled a camp. "
             "Congo has asked for help.");
    assert_string_equal(find(&s, "Congo")->g.iso2, "CD");
    done(&s);
    scan(&s, "Police fired on protesters in the Republic of Congo on Friday. The government of Congo said "
             "two died.");
    assert_string_equal(find(&s, "Congo")->g.iso2, "CG");
    done(&s);
}

/* "in Taraba" is Taraba State: a region's name without its generic word is
 * its own name, not an alternate one that a far town shares. */
static void test_region_without_its_generic_word(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Herdsmen killed nine farmers in Taraba on Monday, police said.");
    const place_m *p = find(&s, "Taraba");
    assert_true(p->resolved);
    assert_int_equal(p->g.kind, GAZ_ADMIN1);
    assert_string_equal(p->g.iso2, "NG");
    done(&s);
}

/* "in northeastern Nigerian Damboa", "in southern Damboa": the locative
 * reaches the town across a direction adjective and a demonym. */
static void test_locative_across_direction_and_demonym(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    event_place("A suicide bomber killed nine worshippers at a mosque in northeastern Nigerian Damboa on Friday.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Damboa");
    assert_int_equal(prec, 1);
    scanned s;
    scan(&s, "Gunmen killed three traders in southern Damboa on Monday.");
    assert_true(find(&s, "Damboa")->locative);
    done(&s);
}

/* A region named by a compass word alone is a direction unless the report
 * speaks of its country; "the South of France" is France. */
static void test_compass_word_region(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "WASHINGTON -- Three men were shot in Southwest early Sunday, police said.");
    assert_false(has(&s, "Southwest"));
    done(&s);
    char loc[96];
    int prec;
    event_place("WASHINGTON -- Three men were shot in Southwest early Sunday, police said.", loc, sizeof loc, &prec);
    assert_string_equal(loc, "Washington");
    scan(&s, "She spent a year in the South of France before the attack.");
    assert_false(has(&s, "South"));
    assert_string_equal(find(&s, "France")->g.iso2, "FR");
    done(&s);
    scan(&s, "Separatists attacked a school in Cameroon on Monday. Soldiers then patrolled the South-West, "
             "a local official said.");
    expect(find(&s, "South-West"), PLACE_BODY, "South-West", "South-West", "CM", 3);
    done(&s);
}

/* "One man was shot": a number word, not the village of Onè. */
static void test_one_is_a_number(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "One man was killed and two were hurt in a shooting in downtown Atlanta early Tuesday.");
    assert_false(has(&s, "One"));
    assert_string_equal(find(&s, "Atlanta")->g.iso2, "US");
    done(&s);
}

static void test_border_and_capital(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Militants attacked an army post near the Algerian border on Sunday, killing four Malian soldiers, "
             "and later shelled the capital.");
    /* The border's country is not where the event is. */
    assert_string_equal(s.a.country, "ML");
    /* "the capital" is the main country's. */
    expect(find(&s, "the capital"), PLACE_BODY, "Bamako", "Bamako", "ML", 1);
    assert_false(has(&s, "Algerian"));
    done(&s);
    scan(&s, "Gunmen opened fire in the Nigerien capital on Monday, a witness said.");
    expect(find(&s, "the Nigerien capital"), PLACE_BODY, "Niamey", "Niamey", "NE", 1);
    done(&s);
}

static void test_person_names_and_continents(void **state)
{
    (void)state;
    scanned s;
    scan(&s, "Chad Smith said the shooting happened at a bar in Decatur, Ill. Jordan Peterson was not hurt. "
             "Attacks have spread across West Africa and Africa, analysts said.");
    assert_false(has(&s, "Chad"));
    assert_false(has(&s, "Jordan"));
    assert_false(has(&s, "Africa"));
    expect(find(&s, "Decatur"), PLACE_BODY, "Decatur", "Illinois", "US", 1);
    assert_string_equal(s.a.country, "US");
    done(&s);
    /* The country, when it is one: "in Chad". */
    scan(&s, "Soldiers were killed in Chad on Monday.");
    assert_int_equal(find(&s, "Chad")->g.kind, GAZ_COUNTRY);
    done(&s);
}

static void test_own_name_before_alternate(void **state)
{
    (void)state;
    scanned s;
    /* "Albania" is also an old alternate name of Albany, New York. */
    scan(&s, "Floods hit Albania on Sunday, officials said.");
    assert_int_equal(find(&s, "Albania")->g.kind, GAZ_COUNTRY);
    assert_string_equal(s.a.country, "AL");
    done(&s);
}

static void test_places_jsonl(void **state)
{
    (void)state;
    const char *text = "GRAHAM, N.C. (AP) \xe2\x80\x94 Malian troops were not involved.";
    tally_doc d = {.id = "w1", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    assert_non_null(f);
    places_write_jsonl(T, &d, f);
    fclose(f);
    const char *want =
        "{\"doc_id\":\"w1\",\"start\":0,\"end\":6,\"text\":\"GRAHAM\",\"role\":\"dateline\",\"kind\":\"place\","
        "\"name\":\"Graham\",\"country\":\"United States\",\"iso\":\"USA\",\"admin1\":\"North Carolina\","
        "\"admin2\":\"Alamance County\",\"latitude\":36.06903,\"longitude\":-79.40058,\"geo_precision\":1,"
        "\"geonameid\":4468525}\n";
    assert_memory_equal(out, want, strlen(want));
    assert_non_null(strstr(out, "\"text\":\"N.C.\",\"role\":\"qualifier\",\"kind\":\"admin1\""));
    assert_non_null(strstr(out, "\"text\":\"Malian\",\"role\":\"demonym\",\"kind\":\"country\",\"name\":\"Mali\""));
    free(out);
}

static void test_neighbours_settle_a_shared_name(void **state)
{
    (void)state;
    scanned s;
    /* No state is named: Pineville and Ball, next to Alexandria, Louisiana,
     * say which Alexandria this is (not the Egyptian port, not Virginia's). */
    scan(&s, "A man was shot outside a store in Alexandria on Friday, and deputies later arrested two "
             "suspects in Pineville and Ball, police said.");
    expect(find(&s, "Alexandria"), PLACE_BODY, "Alexandria", "Louisiana", "US", 1);
    expect(find(&s, "Pineville"), PLACE_BODY, "Pineville", "Louisiana", "US", 1);
    assert_string_equal(s.a.country, "US");
    done(&s);
    /* Alone, the name is the famous city. */
    scan(&s, "A man was shot outside a store in Alexandria on Friday, police said.");
    assert_string_equal(find(&s, "Alexandria")->g.iso2, "EG");
    done(&s);
}

static void test_state_named_later_votes(void **state)
{
    (void)state;
    scanned s;
    /* The state comes a sentence after the town, and is not its qualifier. */
    scan(&s, "The mayor of Mansfield said the shooting was the first in the town this year. State police "
             "in Louisiana are investigating.");
    expect(find(&s, "Mansfield"), PLACE_BODY, "Mansfield", "Louisiana", "US", 1);
    assert_string_equal(s.a.country, "US");
    done(&s);
}

static void test_repeated_name_is_not_evidence(void **state)
{
    (void)state;
    scanned s;
    /* Five mentions of one ambiguous name do not outvote the state: every
     * mention is read the same way, on the report's strong evidence. */
    scan(&s, "Mansfield police said Mansfield had two shootings. Mansfield officers and Mansfield firefighters "
             "answered, and Mansfield residents were told to stay home, a Louisiana State Police spokesman said.");
    for (size_t k = 0; k < s.a.nplaces; k++)
        if (!strcmp(s.a.places[k].name, "Mansfield"))
            assert_string_equal(s.a.places[k].g.admin1, "Louisiana");
    assert_string_equal(s.a.country, "US");
    done(&s);
}

static void test_parish_and_county(void **state)
{
    (void)state;
    scanned s;
    /* "X Parish", "X County": the admin-2 region, precision 3, and its state
     * is evidence for the town. */
    scan(&s, "Two men were wounded in a shooting in Alexandria on Saturday, the Rapides Parish Sheriff's "
             "Office said.");
    const place_m *p = find(&s, "Rapides Parish");
    assert_int_equal(p->g.kind, GAZ_ADMIN2);
    assert_string_equal(p->g.admin1, "Louisiana");
    assert_int_equal(p->precision, 3);
    expect(find(&s, "Alexandria"), PLACE_BODY, "Alexandria", "Louisiana", "US", 1);
    done(&s);
    /* A county name many states share is settled by its neighbours, and
     * settles the dateline's town in turn. */
    scan(&s, "FRANKLIN (May 2, 2024) \xe2\x80\x93 Johnson County deputies arrested a man after a shooting near "
             "Whiteland on Tuesday.");
    expect(find(&s, "FRANKLIN"), PLACE_DATELINE, "Franklin", "Indiana", "US", 1);
    p = find(&s, "Johnson County");
    assert_int_equal(p->g.kind, GAZ_ADMIN2);
    assert_string_equal(p->g.admin1, "Indiana");
    done(&s);
}

static void test_alternate_name_abroad(void **state)
{
    (void)state;
    scanned s;
    /* Russia is named (by demonym), and a Russian village has "Paris" among
     * its alternate names: the city's own name still wins. */
    scan(&s, "Russian and Ukrainian officials met in Paris on Monday, diplomats said.");
    expect(find(&s, "Paris"), PLACE_BODY, "Paris", "\xc3\x8ele-de-France", "FR", 1);
    done(&s);
}

static void test_dateline_after_byline(void **state)
{
    (void)state;
    scanned s;
    /* A local paper's byline and date before the dateline. */
    scan(&s, "By Jane Roe, Staff Writer\nMay 2, 2024 GREENVILLE -- A teenager was shot dead at a park in Greer "
             "on Monday, deputies said.");
    expect(find(&s, "GREENVILLE"), PLACE_DATELINE, "Greenville", "South Carolina", "US", 1);
    expect(find(&s, "Greer"), PLACE_BODY, "Greer", "South Carolina", "US", 1);
    done(&s);
    /* Capitals that name no town are not a dateline. */
    scan(&s, "By Jane Roe\nUPDATE -- A teenager was shot dead at a park in Greer on Monday.");
    assert_false(has(&s, "UPDATE"));
    done(&s);
}

static void test_event_place_from_the_report(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    /* The body naming the dateline's own town again does not unseat it. */
    event_place("DANVILLE, Va. (AP) \xe2\x80\x94 A man was killed in a shooting on Sunday. Danville police "
                "arrested a suspect hours later.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Danville");
    assert_int_equal(prec, 1);
    /* The sentence of the killing names no place; the one town the report
     * names is a better point than the country. */
    event_place("A woman was shot dead on Saturday night, police said. Officers later found her car abandoned "
                "in Greer.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Greer");
    assert_int_equal(prec, 1);
    /* Two towns of one state: the state, honestly at precision 3. */
    event_place("A woman was shot dead on Saturday night, police said. Her relatives live in Greer and "
                "Taylors, a neighbour said.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "South Carolina");
    assert_int_equal(prec, 3);
}

static void test_saint_and_mount(void **state)
{
    (void)state;
    scanned s;
    /* "St." is part of the name, in the body and in a dateline in capitals. */
    scan(&s, "ST. LOUIS (AP) \xe2\x80\x94 A man was shot dead on Monday in St. Louis, police said.");
    expect(find(&s, "ST. LOUIS"), PLACE_DATELINE, "St. Louis", "Missouri", "US", 1);
    expect(find(&s, "St. Louis"), PLACE_BODY, "St. Louis", "Missouri", "US", 1);
    assert_false(has(&s, "St"));
    done(&s);
}

static void test_streets_and_buildings(void **state)
{
    (void)state;
    scanned s;
    /* A street named like a town is a street; a school or a bar the
     * gazetteer does not know is no unknown town. */
    scan(&s, "A man was shot on Monday on Fulton Avenue, near the Boondocks Bar, and a student at McGavock "
             "High School in Nashville was charged, police said. Officers went to a home on Letchworth Dr. "
             "later.");
    assert_false(has(&s, "Fulton"));
    assert_false(has(&s, "Fulton Avenue"));
    assert_false(has(&s, "Boondocks Bar"));
    assert_false(has(&s, "McGavock High School"));
    assert_false(has(&s, "Letchworth Dr"));
    assert_false(has(&s, "Letchworth"));
    expect(find(&s, "Nashville"), PLACE_BODY, "Nashville", "Tennessee", "US", 1);
    done(&s);
    /* A building named after its town still places the event in the town
     * when the report is about the town's region. */
    scan(&s, "Gunmen attacked a checkpoint near the Gao airport on Sunday, officials in the Gao region said.");
    assert_true(has(&s, "Gao"));
    done(&s);
}

static void test_unknown_village_near_a_known_town(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    /* The village is not in the gazetteer; the town the sentence measures
     * from is, and is a far better point than the country's. */
    event_place("Gunmen killed five herders in the village of Kadoumbe, 30 km from Djibo, on Sunday, a local "
                "official said.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Djibo");
    assert_int_equal(prec, 2);
}

/* An unknown village whose own sentence names nothing better: the region
 * or the part of the country another sentence of the report names is a
 * better point than the country's -- a town of another sentence is not
 * (it may be another incident's). */
static void test_unknown_village_in_a_region_named_elsewhere(void **state)
{
    (void)state;
    const char *text = "Gunmen killed six farmers in the village of Ngawudi on Sunday night, residents said. The "
                       "village lies in the Gwoza area of Borno state, close to the border with Cameroon.";
    tally_doc d = {.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &d);
    assert_true(tally_events_count(ev) >= 1);
    assert_string_equal(ev->ev[0].iso2, "NG");
    assert_string_equal(ev->ev[0].admin1, "Borno State");
    assert_int_equal(ev->ev[0].geo_precision, 3);
    tally_events_free(ev);

    text = "Gunmen killed four herders in the village of Bakoumbi on Tuesday, a local official said. Such raids "
           "have grown more frequent in northern Cameroon since January.";
    d = (tally_doc){.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    ev = tally_extract(T, &d);
    assert_true(tally_events_count(ev) >= 1);
    assert_int_equal(ev->ev[0].geo_precision, 3);
    assert_true(ev->ev[0].lat > 8.5); /* the part's point, not the country's at 6 N */
    tally_events_free(ev);
}

/* A region of the event's country says more than the country, in the
 * same sentence whichever comes first or has the locative, and in a later
 * sentence of the same event. */
static void test_region_narrows_the_country(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    event_place("Gunmen killed ten villagers in Mali on Sunday as violence spread across the Mopti region, "
                "officials said.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Mopti");
    assert_int_equal(prec, 3);
    event_place("Gunmen killed nine people in Nigeria on Sunday, police said. The gunmen attacked the farming "
                "village at dawn in Plateau state, killing the nine as they slept.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Plateau State");
    assert_int_equal(prec, 3);
}

/* "An official in Juba told reporters": the speaker's town is not the
 * event's place when the sentence says where the killing was; when it
 * names no other, the speaker's town is still the best evidence. */
static void test_speaker_town_is_not_the_event_place(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    event_place("A U.N. official in Juba told reporters that gunmen killed 25 civilians in Bor on Saturday.", loc,
                sizeof loc, &prec);
    assert_string_equal(loc, "Bor");
    event_place("Police in Kano said gunmen killed five traders on Sunday.", loc, sizeof loc, &prec);
    assert_string_equal(loc, "Kano");
    assert_int_equal(prec, 1);
}

/* An unknown village whose sentence names its country is in that country,
 * not in the report's main one, and not at a town of the main country the
 * sentence names for the speaker. */
static void test_unknown_village_in_the_country_its_sentence_names(void **state)
{
    (void)state;
    const char *text = "Boko Haram fighters killed ten fishermen in the village of Toubakoura in Cameroon on "
                       "Sunday, a Nigerian army spokesman said in Abuja. Nigeria's army has fought the group in "
                       "Borno state for a decade, and Nigerian troops patrol the shores of Lake Chad from Baga "
                       "and Monguno.";
    tally_doc d = {.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &d);
    assert_true(tally_events_count(ev) >= 1);
    assert_string_equal(ev->ev[0].location, "Toubakoura");
    assert_string_equal(ev->ev[0].iso2, "CM");
    assert_int_equal(ev->ev[0].geo_precision, 3);
    tally_events_free(ev);
}

/* A report that names no town but one county: the county, not the
 * country; two counties of one state: the state; two states: neither;
 * no region but one part of the country: the part. */
static void test_one_region_of_a_report_without_towns(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    event_place("The Navarro County Sheriff's Office is investigating what they are calling a possible "
                "murder-suicide. A man shot his wife and then himself at their home, deputies said.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Navarro County");
    assert_int_equal(prec, 3);
    event_place("Gunmen killed nine farmers on Sunday, police said. Attacks by herders have grown in Plateau "
                "state and in Benue state this year.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Nigeria");
    /* Two counties of one state: the state. */
    event_place("Deputies from the Navarro County Sheriff's Office and the Ellis County Sheriff's Office are "
                "investigating a possible murder-suicide. A man shot his wife and then himself at their home, "
                "deputies said.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Texas");
    assert_int_equal(prec, 3);
    /* No region at all, one part of the country: the part's point. */
    const char *text = "Gunmen killed nine farmers on Sunday, police said. Such attacks have grown more frequent "
                       "across northern Nigeria this year.";
    tally_doc d = {.id = "t", .date = {2024, 5, 1}, .text = text, .len = strlen(text)};
    tally_events *ev = tally_extract(T, &d);
    assert_true(tally_events_count(ev) >= 1);
    assert_string_equal(ev->ev[0].iso2, "NG");
    assert_true(ev->ev[0].lat > 11.0); /* the country's point is at 10 N */
    tally_events_free(ev);
}

static void test_far_namesake_and_multiword_country(void **state)
{
    (void)state;
    scanned s;
    /* "Burkina Faso" (two words) is evidence for its country, and a French
     * village that shares the market town's name is no reading of it. */
    scan(&s, "Gunmen killed four traders at the market in Maze, in northern Burkina Faso, on Sunday, a local "
             "official said.");
    assert_false(find(&s, "Maze")->resolved);
    assert_string_equal(s.a.country, "BF");
    done(&s);
    /* "Saudi-led" is an adjective, not a place. */
    scan(&s, "Jets of the Saudi-led coalition struck a market in Hajjah province on Sunday, killing nine "
             "people, medics said.");
    assert_false(has(&s, "Saudi-led"));
    assert_string_equal(find(&s, "Hajjah province")->g.iso2, "YE");
    done(&s);
}

static void test_region_or_town_of_one_name(void **state)
{
    (void)state;
    scanned s;
    /* Virginia is a state of 8 million people and a town of 13,000 in the
     * Free State: the bare name is the state. */
    scan(&s, "The inmate will be moved to a prison in Virginia next month, his lawyer said.");
    const place_m *p = find(&s, "Virginia");
    assert_int_equal(p->g.kind, GAZ_ADMIN1);
    assert_string_equal(p->g.iso2, "US");
    assert_int_equal(p->precision, 3);
    done(&s);
    /* A town a little smaller than its region is still the town. */
    scan(&s, "Fighting broke out in Gao on Sunday, a local official said.");
    expect(find(&s, "Gao"), PLACE_BODY, "Gao", "Gao", "ML", 1);
    done(&s);
}

static void test_institution_word_after_a_town(void **state)
{
    (void)state;
    scanned s;
    /* "Cottonport Fire Station" is no first name and surname: the town. */
    scan(&s, "Deputies met at the Cottonport Fire Station before the raids, the sheriff said.");
    expect(find(&s, "Cottonport"), PLACE_BODY, "Cottonport", "Louisiana", "US", 1);
    done(&s);
}

static void test_list_of_counties(void **state)
{
    (void)state;
    scanned s;
    /* Each name before "counties" is a county, in the state that has a
     * county of every name in the list (Ohio here; Hamilton alone would be
     * Tennessee's or Indiana's as well). */
    scan(&s, "The contest is open to residents of Butler, Clark, Hamilton, Preble or Warren counties, organizers "
             "said. Deputies in Caddo and Bossier parishes made arrests.");
    const char *ohio[] = {"Butler", "Clark", "Hamilton", "Preble", "Warren"};
    for (size_t k = 0; k < ARRAY_LEN(ohio); k++) {
        const place_m *p = find(&s, ohio[k]);
        assert_int_equal(p->g.kind, GAZ_ADMIN2);
        assert_string_equal(p->g.admin1, "Ohio");
        assert_int_equal(p->precision, 3);
    }
    assert_string_equal(find(&s, "Bossier")->g.name, "Bossier Parish");
    assert_string_equal(find(&s, "Bossier")->g.admin1, "Louisiana");
    done(&s);
}

static void test_country_name_as_a_town(void **state)
{
    (void)state;
    scanned s;
    /* Lebanon, Ohio: the report names Ohio and nothing Lebanese. */
    scan(&s, "LEBANON (AP) \xe2\x80\x94 A man was charged on Monday with killing his neighbour, Warren County "
             "prosecutors in Ohio said. Lebanon police arrested him at his home.");
    expect(find(&s, "LEBANON"), PLACE_DATELINE, "Lebanon", "Ohio", "US", 1);
    expect(find(&s, "Lebanon"), PLACE_BODY, "Lebanon", "Ohio", "US", 1);
    assert_string_equal(s.a.country, "US");
    done(&s);
    /* Without a state that has a Lebanon, the country. */
    scan(&s, "Israeli jets struck targets in Lebanon on Monday, the army said.");
    assert_int_equal(find(&s, "Lebanon")->g.kind, GAZ_COUNTRY);
    done(&s);
}

static void test_dateline_named_again(void **state)
{
    (void)state;
    char loc[96];
    int prec;
    /* The shooting's sentence names no place and the report names two
     * towns, but it names the dateline's town again: the story is about it. */
    event_place("PATERSON \xe2\x80\x93 A teenager was fatally shot on Saturday night, police said. His mother, who "
                "moved to Paterson from Newark last year, asked for help.",
                loc, sizeof loc, &prec);
    assert_string_equal(loc, "Paterson");
    assert_int_equal(prec, 1);
}

static void test_town_before_police(void **state)
{
    (void)state;
    scanned s;
    /* A small town with no locative: "Beebe police" is the town's police. */
    scan(&s, "Beebe police arrested a man on Sunday after a child was shot, officers said.");
    expect(find(&s, "Beebe"), PLACE_BODY, "Beebe", "Arkansas", "US", 1);
    done(&s);
    /* A town's people: "a Chiefland man". */
    scan(&s, "A Chiefland man, 19, was stabbed in the back on Friday, deputies said.");
    expect(find(&s, "Chiefland"), PLACE_BODY, "Chiefland", "Florida", "US", 1);
    done(&s);
}

static void test_two_word_demonyms(void **state)
{
    (void)state;
    scanned s;
    /* "Sri Lankan" is one demonym, evidence for Sri Lanka, and names the
     * capital it qualifies. */
    scan(&s, "Sri Lankan troops guarded the port on Monday, and South African police met officers in the Sri "
             "Lankan capital.");
    assert_false(has(&s, "Sri Lankan"));
    assert_false(has(&s, "South"));
    expect(find(&s, "the Sri Lankan capital"), PLACE_BODY, "Colombo", "Western Province", "LK", 1);
    assert_string_equal(s.a.country, "LK");
    done(&s);
}

static void test_state_abbreviation_alone(void **state)
{
    (void)state;
    scanned s;
    /* A dotted AP abbreviation with no town before it: the state, after a
     * locative or before a lower-case word; not a sentence's first word. */
    scan(&s, "A Cincinnati man died in a Ky. jail on Monday. The clinic will open in S.C. next week. Ill. "
             "lawmakers met on Tuesday.");
    const place_m *p = find(&s, "Ky.");
    assert_int_equal(p->g.kind, GAZ_ADMIN1);
    assert_string_equal(p->g.name, "Kentucky");
    assert_string_equal(find(&s, "S.C.")->g.name, "South Carolina");
    assert_false(has(&s, "Ill."));
    done(&s);
}

static void test_county_road(void **state)
{
    (void)state;
    scanned s;
    /* A county road names its county, though "Road" ends a street's name. */
    scan(&s, "The Minnesota State Patrol closed Douglas County Road 4 on Monday after a crash.");
    const place_m *p = find(&s, "Douglas County");
    assert_int_equal(p->g.kind, GAZ_ADMIN2);
    assert_string_equal(p->g.admin1, "Minnesota");
    done(&s);
}

static void test_sentence_initial_locative(void **state)
{
    (void)state;
    scanned s;
    /* "In" and "At" are capitalised only because they start the sentence;
     * they used to swallow the name after them. */
    scan(&s, "In Kidal, rebels attacked a base on Sunday. At Menaka, gunmen killed five herders.");
    expect(find(&s, "Kidal"), PLACE_BODY, "Kidal", "Kidal", "ML", 1);
    assert_string_equal(find(&s, "Menaka")->g.iso2, "ML");
    assert_false(has(&s, "In Kidal"));
    done(&s);
}

static void test_one_sense_per_report(void **state)
{
    (void)state;
    scanned s;
    /* "Mansfield" opens the headline with nothing to make it a place; the
     * body's "in Mansfield" does, and the headline's is the same town. */
    scan(&s, "Mansfield approves new budget. The council met on Monday in Mansfield, Louisiana, officials said.");
    size_t n = 0;
    for (size_t k = 0; k < s.a.nplaces; k++)
        if (!strcmp(s.a.places[k].name, "Mansfield")) {
            assert_string_equal(s.a.places[k].g.admin1, "Louisiana");
            n++;
        }
    assert_int_equal(n, 2);
    done(&s);
    /* Not inside a person's name. */
    scan(&s, "Troops were sent to Jordan on Monday. A speech by Jordan Peterson was cancelled.");
    n = 0;
    for (size_t k = 0; k < s.a.nplaces; k++)
        n += !strcmp(s.a.places[k].name, "Jordan");
    assert_int_equal(n, 1);
    done(&s);
}

static void test_small_region_named_bare(void **state)
{
    (void)state;
    scanned s;
    /* "Michael" is a sheading of the Isle of Man; bare, in a report that
     * does not speak of the island, it is a first name. */
    scan(&s, "Michael Jordan was not at the game on Monday, his agent said.");
    assert_false(has(&s, "Michael"));
    done(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_us_dateline_ap_abbreviation),
        cmocka_unit_test(test_dateline_is_the_office),
        cmocka_unit_test(test_wire_dateline_with_country),
        cmocka_unit_test(test_country_after_town_narrows),
        cmocka_unit_test(test_country_list_is_no_qualifier),
        cmocka_unit_test(test_postal_code_and_full_state),
        cmocka_unit_test(test_georgia_in_a_us_story),
        cmocka_unit_test(test_regions_and_parts),
        cmocka_unit_test(test_border_and_capital),
        cmocka_unit_test(test_person_names_and_continents),
        cmocka_unit_test(test_own_name_before_alternate),
        cmocka_unit_test(test_places_jsonl),
        cmocka_unit_test(test_neighbours_settle_a_shared_name),
        cmocka_unit_test(test_state_named_later_votes),
        cmocka_unit_test(test_repeated_name_is_not_evidence),
        cmocka_unit_test(test_parish_and_county),
        cmocka_unit_test(test_alternate_name_abroad),
        cmocka_unit_test(test_dateline_after_byline),
        cmocka_unit_test(test_event_place_from_the_report),
        cmocka_unit_test(test_saint_and_mount),
        cmocka_unit_test(test_streets_and_buildings),
        cmocka_unit_test(test_unknown_village_near_a_known_town),
        cmocka_unit_test(test_far_namesake_and_multiword_country),
        cmocka_unit_test(test_region_or_town_of_one_name),
        cmocka_unit_test(test_institution_word_after_a_town),
        cmocka_unit_test(test_list_of_counties),
        cmocka_unit_test(test_country_name_as_a_town),
        cmocka_unit_test(test_dateline_named_again),
        cmocka_unit_test(test_town_before_police),
        cmocka_unit_test(test_two_word_demonyms),
        cmocka_unit_test(test_state_abbreviation_alone),
        cmocka_unit_test(test_county_road),
        cmocka_unit_test(test_sentence_initial_locative),
        cmocka_unit_test(test_one_sense_per_report),
        cmocka_unit_test(test_small_region_named_bare),
        cmocka_unit_test(test_part_of_a_country),
        cmocka_unit_test(test_possessive_country),
        cmocka_unit_test(test_bare_congo),
        cmocka_unit_test(test_region_without_its_generic_word),
        cmocka_unit_test(test_locative_across_direction_and_demonym),
        cmocka_unit_test(test_compass_word_region),
        cmocka_unit_test(test_one_is_a_number),
        cmocka_unit_test(test_unknown_village_in_a_region_named_elsewhere),
        cmocka_unit_test(test_region_narrows_the_country),
        cmocka_unit_test(test_speaker_town_is_not_the_event_place),
        cmocka_unit_test(test_unknown_village_in_the_country_its_sentence_names),
        cmocka_unit_test(test_one_region_of_a_report_without_towns),
    };
    return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
}
