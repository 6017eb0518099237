/* actor.h -- who acts: named groups and state forces.
 *
 * Contract: actors_scan finds actor mentions in every sentence:
 *   - named actors and aliases from actors.tsv ("Wagner group", "JNIM");
 *     a country of "*" there means the report's main country;
 *   - state forces from forces.tsv, whose country is read from a demonym
 *     before them ("Malian army"), a country possessive ("Mali's army"), an
 *     "of" phrase after them ("the army of the Malian junta"), or else is
 *     the report's main country ("the army");
 * and marks each as a speaker when an attribution verb follows or precedes
 * it ("X said", "according to X"), and with a side: 2 when introduced by
 * "on", "against" or "targeting", 1 after "by", 0 otherwise.
 * Must run after places_scan (it needs the main country).
 */
#ifndef TALLY_ACTOR_H
#define TALLY_ACTOR_H

#include "model.h"

void actors_scan(analysis *a);

/* 1 if an attribution verb ("said", "told", ...) sits within `window`
 * tokens after token `after` or right before token `before`. */
int attribution_near(const analysis *a, size_t first, size_t end, size_t after, size_t before, int window);

#endif
