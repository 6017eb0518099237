/* event.h -- from mentions to the events an analyst would code.
 *
 * Contract: events_build turns one report's mentions into events.
 *   - A sentence's trigger (triggers.tsv) says what happened; of several,
 *     the highest priority wins.  A trigger under negation, denial, threat
 *     or hypothesis ("denied carrying out strikes", "threatened to attack")
 *     does not count.  Headings are skipped.  Non-event phrases, grounding
 *     of weak triggers and the context rules that refine a sub-type are in
 *     docs/events.md.
 *   - One incident, one event: a definite or possessive reference ("the
 *     strikes", "Sunday's strikes") and a sentence with claims but no
 *     trigger join the event in focus; a new mention joins an earlier event
 *     of the same type whose dates overlap and whose place does not differ;
 *     otherwise it opens a new event.
 *   - Dates (when.h): the sentence's own date; "in the following days" and
 *     durations resolve against the event in focus; a sentence whose only
 *     dates are background ("since a 2020 coup") codes no event, nor does
 *     an undated, uncounted sentence whose shape is background ("Under
 *     X, ...", "have regularly attacked", a past perfect outside reported
 *     speech, "This led to" after background).  An event with no date
 *     evidence takes the report date, time_precision 2.
 *   - Place: the most specific place in the event's sentences (a town
 *     before a region before a country); none gives the main country.
 *   - Actors: actor1 the first acting actor, assoc_actor_1 those named
 *     with it ("X and Y"); for battles actor2 the other side; otherwise the
 *     targeted actor or, when civilians were counted, "Civilians (Country)".
 *     Speakers of claims and counted victims are not actors; blames are
 *     kept apart (event.blame) and give actor1 only when nothing else does;
 *     a claim of responsibility ("X claimed the attack") is kept there too,
 *     with X as its own source, and replaces an unidentified armed group;
 *     crowds, agreements and unnamed perpetrators as in docs/events.md.
 *   - Tolls: claims that restate another source's figure, are parts of a
 *     claim, are superseded by the same source's later figure ("the toll
 *     rose to 30"), are cumulative context ("since 2022") or denials are
 *     kept but not counted; counts in one statement of one source add up
 *     ("84 fighters and 47 soldiers"); across statements low is the
 *     smallest, high the largest, best the lower median (of the
 *     independent sources only, under the prefer-independent rule).
 */
#ifndef TALLY_EVENT_H
#define TALLY_EVENT_H

#include "model.h"

void events_build(analysis *a, tally_events *out);

/* Reconciles one event's claims into fatalities/injured, the per-group
 * fatalities and the UCDP sides (docs/format.md), with the given rule for
 * best; event_reconcile uses the default, lower-median.  Exposed for tests. */
void event_reconcile_rule(event *e, const claim *claims, enum best_rule rule);
void event_reconcile(event *e, const claim *claims);

void event_free(event *e);

/* ACLED's interaction code: the two inter codes, lower first (17: state
 * forces against civilians), or inter1 * 10 for a sole actor; 0 if none. */
int event_interaction(const event *e);

#endif
