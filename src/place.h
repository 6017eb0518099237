/* place.h -- place mentions and the report's main country.
 *
 * Contract: places_scan finds the places a report names and resolves each in
 * the gazetteer, then chooses the report's main country (the one with the
 * most evidence: country names, demonyms, resolved places, the dateline).
 *
 * What counts as a mention:
 *  - a dateline at the start of a paragraph: "GRAHAM, N.C. (AP) --",
 *    "SPRINGFIELD, Ill. --", "LAGOS, Nigeria (Reuters) -", "BAMAKO --"
 *    (role PLACE_DATELINE; the state or country after the comma is a
 *    PLACE_QUALIFIER mention and narrows the town's candidates);
 *  - a capitalised name that is a country or a region, that a locative
 *    introduces ("in", "at", "near", "north of", "outskirts of"), that is a
 *    large town (population >= 100,000) away from the start of a sentence,
 *    or a town in a state (admin-1 region) the report already names;
 *  - "Town, ST" / "Town, State" / "Town, Country" anywhere: the qualifier
 *    narrows the town to that state or country (AP abbreviations "N.C.",
 *    "Ill.", "Calif.", postal codes "NC", full names);
 *  - "the X region", "X province", "X state", "region of X": the admin-1
 *    region when there is one, precision 3; "X's outskirts", "north of X":
 *    precision 2;
 *  - "in the capital", "the Malian capital": the capital of the report's
 *    main country (or of the demonym's country), precision 1;
 *  - "northern Cameroon", "Pakistan's northwest", "the south of Mali": the
 *    country at the middle of that part (gaz_country_part), precision 3,
 *    marked `part`; as a region (GAZ_ADMIN2 kind) unless its sentence
 *    names a region, so that an event at a village the gazetteer lacks
 *    falls back on it.  `tally places` still writes the country's point;
 *  - "in Nigeria's northeastern Borno state": the locative is the place's
 *    after the possessive, not the country's;
 *  - a bare "Congo" is the DR Congo, unless the report names the Republic
 *    of Congo in full (or Brazzaville).
 * Demonyms ("Malian") are country evidence, never places; "near the
 * Algerian border" is not evidence that the event is in Algeria.  A name
 * followed by another capitalised word that is no place ("Chad Smith said",
 * "Jordan Peterson") is a person, not a place.  Continents are not places.
 *
 * Names the gazetteer does not know are kept, unresolved, when a locative or
 * a dateline introduces them: the event still has a named location, and
 * the coordinates of the nearest known place its sentences name (events.c)
 * or of the country, with geo_precision 2 or 3.
 *
 * Also: a dateline after a byline and a date ("By Jane Roe ... GREENVILLE
 * --") when it names a known town; "X County", "X Parish" (admin-2
 * regions) and lists of them ("Butler, Clark and Warren counties");
 * "St. Louis", "Mt. Pleasant".  Not places: a name before a street word
 * ("Fulton Avenue"), an unknown name ending in a street or building word
 * (data/facilities.tsv), compound adjectives ("Saudi-led").
 *
 * Among same-name candidates, first in text order on the evidence so far,
 * then again for all the report's towns together (the coherence pass,
 * docs/places.md): the strong evidence of the report (a country, region or
 * county it names anywhere, a qualifier, the dateline's state), the
 * report's other place names with a candidate within 150 km, population on
 * a log scale and feature class; a name that is only a place's alternate
 * name costs ("Africa" is an old name of Mahdia).  A small far namesake in
 * a country with no evidence is left unresolved; a country's name that is
 * a town of the report's state, with nothing else for the country, is the
 * town.
 */
#ifndef TALLY_PLACE_H
#define TALLY_PLACE_H

#include <stdio.h>

#include "model.h"

void places_scan(analysis *a);

/* 1 if token i is part of a place mention (for the other stages). */
int place_at(const analysis *a, size_t tok);

/* `tally places`: one JSON object a line for each place mention of the
 * document (and each demonym, as country evidence), in text order, with byte
 * offsets, the role, and the resolution. */
void places_write_jsonl(const struct tally *t, const tally_doc *doc, FILE *out);

#endif
