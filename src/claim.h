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
 *   - toll phrases: "the death toll from the bombing stands at 32", "the
 *     number of dead has risen to 27"; with a verb of change ("rose",
 *     "climbed", "revised up to", "bringing") the claim is an update,
 *     which events.c lets supersede the same source's earlier figures;
 *   - "at least 20 ... and possibly 30": one claim, min 20, max 30;
 *   - context: a figure with a period that is not the event's time ("since
 *     2022", "so far this year", "over the past decade", "in 2019" before
 *     the report's year) before it in the sentence or after it in its
 *     clause, or with a conflict for subject ("the insurgency has killed
 *     ..."), is marked context; "the deadliest since 2019" and "over the
 *     past two days" are not periods of that kind;
 *   - denials: claims after "denied that / rejected claims that / dismissed
 *     reports ..." in the same clause are marked denial (not after "saying",
 *     and not when the denial is negated: "did not confirm or deny"); a
 *     denial with no number gives a denial claim of 0;
 *   - zeros: "no one was killed", "nobody was hurt", "there were no
 *     casualties" give a claim of 0;
 *   - one victim without a number: "killed the village chief", "a muezzin
 *     was shot dead", "he died at the hospital" give a `single` claim of 1,
 *     killed, or else injured ("a 15-year-old boy was shot in the leg").
 *   - people shot: "five people were shot, one fatally" gives an injured
 *     claim marked hit (the dead are among them) and a killed claim of 1;
 *     events.c takes the event's dead out of a hit count;
 *   - one more person: "killed four children and a woman", "killing one
 *     and wounding another", "killed along with his wife and 10 others",
 *     two named people ("the mayor and a council member were gunned down");
 *   - the attacker's own death ("before turning the gun on himself"); after
 *     a victim in its sentence ("shot his wife and then killed himself")
 *     events.c counts it beside the victim's death, never as its restatement;
 *   - one victim in more shapes: a reduced relative ("a 16-year-old boy shot
 *     and killed late Friday"), a name before ", who died", "pronounced the
 *     victim dead", "one of them has died", "a mother and son were found
 *     fatally shot" (2), "Both died at a hospital" (2);
 *   - the agents of an active verb ("two suicide bombers have killed 12
 *     people") are not victims, nor is a count after a preposition
 *     ("killed in two explosions").
 * Counts of time, distance, money, ages, animals and percentages are not
 * claims.
 */
#ifndef TALLY_CLAIM_H
#define TALLY_CLAIM_H

#include "model.h"

void claims_scan(analysis *a);

#endif
