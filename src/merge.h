/* merge.h -- when two reports speak of one incident, and what the incident
 * then looks like.  No SQL here: the store (store.c) finds candidates
 * through its indexes and asks these rules.
 *
 * Contract (docs/store.md is the analyst's copy):
 *   A report joins a stored event when ALL hold
 *   - type:   the same ACLED event_type (sub-types may differ: one outlet's
 *             "Attack" is another's "Abduction/forced disappearance" only
 *             if both coded it Violence against civilians);
 *   - date:   both at day precision: event dates at most 1 day apart
 *             ("on Sunday night" vs "on Monday"); otherwise the ranges
 *             date_start..date_end overlap;
 *   - place:  both at town precision (geo_precision 1): at most 25 km
 *             apart; one near a town (2): at most 50 km; one at region or
 *             country precision (3, or no coordinates): same country, and
 *             the same admin1 (and admin2) when the coarser one names them;
 *   - actors: no contradiction.  Two different named actor1 contradict;
 *             for Battles the sides are unordered (one outlet's actor1 is
 *             the other's actor2), so actor1 must be one of the other's
 *             two sides.  "Unidentified Armed Group" names nobody.
 *   and the event holds no report of the same document (a report that
 *   describes two incidents describes two events).
 *   Of several compatible events the nearest in date, then in km, wins.
 *
 *   Recomputing an event from its reports: the place of the most precise
 *   reports (lowest geo_precision; among those the place most reports give,
 *   then the earliest report's); the date likewise (lowest time_precision,
 *   then the date most reports give, then the earliest); the sub-event type
 *   and actor1/actor2 most reports give (named beats unnamed); associated
 *   actors the union of those named with the chosen actor.
 */
#ifndef TALLY_MERGE_H
#define TALLY_MERGE_H

#include <stddef.h>

#include "util.h"

/* What one report (or the merged event) says of an incident: the fields of
 * the event record that the merge rule reads and the event row stores. */
typedef struct {
    char event_type[48], sub_event_type[64];
    civil_date date, first, last;
    int time_precision;
    char actor1[96], assoc1[192], actor2[96], assoc2[192];
    int inter1, inter2;
    char country[64], iso3[4], admin1[64], admin2[64], location[96];
    double lat, lon;
    int has_coords, geo_precision;
} incident;

#define MERGE_TOWN_KM 25.0
#define MERGE_NEAR_KM 50.0
/* Stored events are found by event_date (= date_start) in a window; an
 * event whose own range is longer than this is found only from its start. */
#define MERGE_MAX_SPAN_DAYS 31

/* 1-degree grid cell of (lat, lon): row (0..179) * 360 + column (0..359). */
int merge_cell(double lat, double lon);
/* The cells within MERGE_NEAR_KM of the incident's point (its own first);
 * returns how many were written (at most cap). */
size_t merge_cells_near(const incident *r, int *cells, size_t cap);
/* The event_date window [from, to] in which a stored event may match. */
void merge_date_window(const incident *r, civil_date *from, civil_date *to);
/* Great-circle distance in km. */
double merge_km(double lat1, double lon1, double lat2, double lon2);

/* 1 when the report r may join the stored event e (rules above; the
 * same-document rule is the store's).  *days and *km say how close they
 * are, for choosing among several (km is 0 when a side is coarse). */
int merge_compatible(const incident *e, const incident *r, int *days, double *km);

/* Recomputes the event's description from its reports, oldest first. */
void merge_combine(incident *out, const incident *reports, size_t n);

/* ACLED's disorder type of an event type. */
const char *merge_disorder_type(const char *event_type);
/* ACLED civilian_targeting: violence against civilians, or civilians the
 * targeted side (inter2 7). */
int merge_civilian_targeting(const incident *e);

#endif
