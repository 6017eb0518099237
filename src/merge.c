/* merge.c -- the rule that says two reports are one incident (merge.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "merge.h"

int merge_cell(double lat, double lon)
{
    int row = (int)floor(lat) + 90, col = (int)floor(lon) + 180;
    row = row < 0 ? 0 : row > 179 ? 179 : row;
    col = ((col % 360) + 360) % 360;
    return row * 360 + col;
}

size_t merge_cells_near(const incident *r, int *cells, size_t cap)
{
    size_t n = 0;
    if (!r->has_coords || cap == 0)
        return 0;
    cells[n++] = merge_cell(r->lat, r->lon);
    /* A degree of latitude is 111 km; a degree of longitude shrinks with
     * the cosine of the latitude, so near the poles more columns are near. */
    double dlat = MERGE_NEAR_KM / 111.0;
    int row0 = (int)floor(r->lat - dlat) + 90, row1 = (int)floor(r->lat + dlat) + 90;
    double c = cos(fmin(fabs(r->lat) + dlat, 89.0) * M_PI / 180.0);
    double dlon = MERGE_NEAR_KM / (111.0 * c);
    int ncols = dlon >= 180 ? 360 : (int)floor(r->lon + dlon) - (int)floor(r->lon - dlon) + 1;
    int col0 = ncols >= 360 ? 0 : (int)floor(r->lon - dlon) + 180;
    if (ncols > 360)
        ncols = 360;
    for (int row = row0 < 0 ? 0 : row0; row <= (row1 > 179 ? 179 : row1); row++)
        for (int k = 0; k < ncols; k++) {
            int id = row * 360 + (((col0 + k) % 360) + 360) % 360;
            if (id == cells[0])
                continue;
            if (n == cap)
                return n;
            cells[n++] = id;
        }
    return n;
}

void merge_date_window(const incident *r, civil_date *from, civil_date *to)
{
    *from = days_to_date(date_to_days(r->first) - 1 - MERGE_MAX_SPAN_DAYS);
    *to = days_to_date(date_to_days(r->last) + 1);
}

double merge_km(double lat1, double lon1, double lat2, double lon2)
{
    double rad = M_PI / 180.0;
    double dphi = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
    double a = sin(dphi / 2) * sin(dphi / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dl / 2) * sin(dl / 2);
    return 2 * 6371.0 * asin(fmin(1.0, sqrt(a)));
}

static int coarse(const incident *x) { return !x->has_coords || x->geo_precision >= 3; }

/* Names somebody: "Unidentified Armed Group" is a description, not a name. */
static int named(const char *actor) { return actor[0] && strncmp(actor, "Unidentified", 12) != 0; }

static int dates_match(const incident *e, const incident *r, int *days)
{
    int64_t d = date_to_days(r->date) - date_to_days(e->date);
    *days = (int)(d < 0 ? -d : d);
    if (e->time_precision == 1 && r->time_precision == 1)
        return *days <= 1;
    return date_to_days(e->first) <= date_to_days(r->last) && date_to_days(r->first) <= date_to_days(e->last);
}

/* Names must agree where both give one: the coarser place contains the finer. */
static int same_or_unsaid(const char *a, const char *b) { return !a[0] || !b[0] || !strcmp(a, b); }

static int places_match(const incident *e, const incident *r, double *km)
{
    *km = 0;
    if (!coarse(e) && !coarse(r)) {
        *km = merge_km(e->lat, e->lon, r->lat, r->lon);
        double limit = e->geo_precision == 1 && r->geo_precision == 1 ? MERGE_TOWN_KM : MERGE_NEAR_KM;
        return *km <= limit;
    }
    if (!e->iso3[0] || strcmp(e->iso3, r->iso3))
        return 0;
    return same_or_unsaid(e->admin1, r->admin1) && same_or_unsaid(e->admin2, r->admin2);
}

static int actors_contradict(const incident *e, const incident *r)
{
    if (!named(e->actor1) || !named(r->actor1) || !strcmp(e->actor1, r->actor1))
        return 0;
    if (!strcmp(e->event_type, "Battles"))
        return strcmp(r->actor1, e->actor2) && strcmp(e->actor1, r->actor2);
    return 1;
}

int merge_compatible(const incident *e, const incident *r, int *days, double *km)
{
    *days = 0;
    *km = 0;
    return !strcmp(e->event_type, r->event_type) && dates_match(e, r, days) && places_match(e, r, km) &&
           !actors_contradict(e, r);
}

/* ---- recomputing an event from its reports ---------------------------------- */

/* The index of the report whose key (cmp == 0 means same) most reports
 * share, among those accepted by keep; ties go to the earliest.  -1 if
 * none is accepted. */
typedef int (*same_fn)(const incident *, const incident *);
typedef int (*keep_fn)(const incident *, int arg);

static int vote(const incident *r, size_t n, same_fn same, keep_fn keep, int arg)
{
    int best = -1, best_n = 0;
    for (size_t i = 0; i < n; i++) {
        if (!keep(&r[i], arg))
            continue;
        int votes = 0;
        for (size_t j = 0; j < n; j++)
            votes += keep(&r[j], arg) && same(&r[i], &r[j]);
        if (votes > best_n) {
            best = (int)i;
            best_n = votes;
        }
    }
    return best;
}

static int same_place(const incident *a, const incident *b)
{
    return !strcmp(a->location, b->location) && a->has_coords == b->has_coords &&
           (!a->has_coords || (a->lat == b->lat && a->lon == b->lon));
}
static int keep_geo(const incident *x, int prec) { return x->has_coords && x->geo_precision == prec; }
static int keep_any(const incident *x, int arg) { return (void)x, (void)arg, 1; }

static int same_date(const incident *a, const incident *b)
{
    return date_to_days(a->date) == date_to_days(b->date) && date_to_days(a->first) == date_to_days(b->first) &&
           date_to_days(a->last) == date_to_days(b->last);
}
static int keep_time(const incident *x, int prec) { return x->time_precision == prec; }
static int same_sub(const incident *a, const incident *b) { return !strcmp(a->sub_event_type, b->sub_event_type); }

/* Actor votes: side 1 or 2; arg's low bit says whether unnamed counts. */
static int same_actor1(const incident *a, const incident *b) { return !strcmp(a->actor1, b->actor1); }
static int same_actor2(const incident *a, const incident *b) { return !strcmp(a->actor2, b->actor2); }
static int keep_actor1(const incident *x, int want_named) { return want_named ? named(x->actor1) : !!x->actor1[0]; }
static int keep_actor2(const incident *x, int want_named) { return want_named ? named(x->actor2) : !!x->actor2[0]; }

/* Appends each "; "-separated name of list to out unless already there or
 * one of the main actors. */
static void add_assoc(char *out, size_t cap, const char *list, const char *a1, const char *a2)
{
    const char *p = list;
    while (*p) {
        const char *q = strstr(p, "; ");
        size_t len = q ? (size_t)(q - p) : strlen(p);
        char name[96];
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        p += len + (q ? 2 : 0);
        if (!name[0] || !strcmp(name, a1) || !strcmp(name, a2))
            continue;
        int found = 0;
        for (const char *o = out; (o = strstr(o, name)) != NULL; o += strlen(name))
            if ((o == out || o[-1] == ' ') && (o[strlen(name)] == ';' || !o[strlen(name)]))
                found = 1;
        size_t used = strlen(out);
        if (found || used + len + 3 > cap)
            continue;
        snprintf(out + used, cap - used, "%s%s", used ? "; " : "", name);
    }
}

void merge_combine(incident *out, const incident *r, size_t n)
{
    if (n == 0)
        return;
    *out = r[0];
    /* place */
    int p = -1;
    for (int prec = 1; prec <= 3 && p < 0; prec++)
        p = vote(r, n, same_place, keep_geo, prec);
    if (p >= 0) {
        const incident *s = &r[p];
        memcpy(out->country, s->country, sizeof out->country);
        memcpy(out->iso3, s->iso3, sizeof out->iso3);
        memcpy(out->admin1, s->admin1, sizeof out->admin1);
        memcpy(out->admin2, s->admin2, sizeof out->admin2);
        memcpy(out->location, s->location, sizeof out->location);
        out->lat = s->lat;
        out->lon = s->lon;
        out->has_coords = 1;
        out->geo_precision = s->geo_precision;
    }
    /* date */
    int d = -1;
    for (int prec = 1; prec <= 3 && d < 0; prec++)
        d = vote(r, n, same_date, keep_time, prec);
    if (d >= 0) {
        out->date = r[d].date;
        out->first = r[d].first;
        out->last = r[d].last;
        out->time_precision = r[d].time_precision;
    }
    int s = vote(r, n, same_sub, keep_any, 0);
    memcpy(out->sub_event_type, r[s].sub_event_type, sizeof out->sub_event_type);
    /* actors: a named one beats an unnamed one; actor2 must differ from actor1 */
    int a1 = vote(r, n, same_actor1, keep_actor1, 1);
    if (a1 < 0)
        a1 = vote(r, n, same_actor1, keep_actor1, 0);
    out->actor1[0] = '\0';
    out->inter1 = 0;
    if (a1 >= 0) {
        memcpy(out->actor1, r[a1].actor1, sizeof out->actor1);
        out->inter1 = r[a1].inter1;
    }
    out->actor2[0] = '\0';
    out->inter2 = 0;
    for (int want_named = 1; want_named >= 0 && !out->actor2[0]; want_named--) {
        int best = -1, best_n = 0;
        for (size_t i = 0; i < n; i++) {
            if (!keep_actor2(&r[i], want_named) || !strcmp(r[i].actor2, out->actor1))
                continue;
            int votes = 0;
            for (size_t j = 0; j < n; j++)
                votes += same_actor2(&r[i], &r[j]);
            if (votes > best_n)
                best = (int)i, best_n = votes;
        }
        if (best >= 0) {
            memcpy(out->actor2, r[best].actor2, sizeof out->actor2);
            out->inter2 = r[best].inter2;
        }
    }
    out->assoc1[0] = out->assoc2[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(r[i].actor1, out->actor1))
            add_assoc(out->assoc1, sizeof out->assoc1, r[i].assoc1, out->actor1, out->actor2);
        if (!strcmp(r[i].actor2, out->actor2))
            add_assoc(out->assoc2, sizeof out->assoc2, r[i].assoc2, out->actor1, out->actor2);
    }
}

const char *merge_disorder_type(const char *t)
{
    if (!strcmp(t, "Protests") || !strcmp(t, "Riots"))
        return "Demonstrations";
    if (!strcmp(t, "Strategic developments"))
        return "Strategic developments";
    return "Political violence";   /* Battles, Explosions/Remote violence, Violence against civilians */
}

int merge_civilian_targeting(const incident *e)
{
    return !strcmp(e->event_type, "Violence against civilians") || e->inter2 == 7;
}
