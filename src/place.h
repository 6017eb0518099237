/* place.h -- place mentions and the report's main country.
 *
 * Contract: places_scan finds the places a report names and resolves each in
 * the gazetteer, then chooses the report's main country (the one with the
 * most evidence: country names, demonyms, resolved places).  A capitalised
 * name counts as a place when it is a country or region name, when a
 * locative introduces it ("in", "at", "near", "outskirts of", "city of"), or
 * when it is a large town (population >= 100,000) away from the start of a
 * sentence.  Names the gazetteer does not know are kept, unresolved, when a
 * locative introduces them: the event still has a named location and the
 * coordinates of the country, with geo_precision 3.
 *
 * Among same-name candidates the one in a country the report speaks of wins,
 * then the most populous.
 */
#ifndef TALLY_PLACE_H
#define TALLY_PLACE_H

#include "model.h"

void places_scan(analysis *a);

/* 1 if token i is part of a place mention (for the other stages). */
int place_at(const analysis *a, size_t tok);

#endif
