/* claim.h -- casualty claims: who says how many were killed, hurt, taken.
 *
 * Contract: claims_scan reads every count in the report that has an outcome
 * (killed, injured, abducted, arrested, missing) and makes it a claim with
 *   - its bounds and qualifier: "at least 15" (at_least), "up to 30"
 *     (at_most), "about 40" (about), "10 to 15" / "between 10 and 15" /
 *     "10-15" (range), vague words by number.h's rule;
 *   - who was counted ("21 civilians", "84 Wagner fighters") and their
 *     category (civilian / state / nonstate / unknown);
 *   - the source: the nearest speaker that an attribution verb ties to the
 *     figure ("a local politician told AFP ...", "..., local sources said",
 *     "according to ..."); a recipient ("told AFP") is never the source;
 *     with no speaker in the sentence, the outlet (document "source") or
 *     "unknown";
 *   - parts: a count after "including" / "among them" is part of the claim
 *     before it and is never added to it ("21 civilians, including 11
 *     children" is 21);
 *   - coordination: "killed 84 Wagner fighters and 47 Malian soldiers" gives
 *     two claims with one outcome; events.c adds them as one statement.
 * Counts of time, distance, money, ages and percentages are not claims.
 */
#ifndef TALLY_CLAIM_H
#define TALLY_CLAIM_H

#include "model.h"

void claims_scan(analysis *a);

#endif
