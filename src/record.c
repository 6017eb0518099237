/* record.c -- writing events: JSON Lines (docs/format.md) and ACLED-style CSV.
 *
 * Field names follow ACLED and UCDP-GED where those exist, so that an
 * analyst's existing scripts read tally's output.  Later versions add
 * fields; they never rename them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "model.h"
#include "record.h"

const char *const outcome_name[OUT_N] = {"killed", "injured", "abducted", "arrested", "missing"};
const char *const qualifier_name[5] = {"exact", "at_least", "at_most", "about", "range"};
const char *const source_kind_name[6] = {"unknown", "party", "official", "ngo", "local", "media"};
const char *const victim_cat_name[4] = {"unknown", "civilian", "state", "nonstate"};
const char *const toll_group_name[TG_N] = {"civilian", "state", "nonstate", "unknown", "children", "women"};

/* Pieces go out with the room test inline (buf_reserve only when the buffer
 * must grow) and literals by their known length: a record is ~80 small
 * pieces, and a call, a strlen and a memcpy call per piece cost more than
 * the bytes.  The buffer stays NUL-terminated as buf_put keeps it. */
static inline void put_n(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

#define PUT_LIT(b, lit) put_n((b), "" lit, sizeof(lit) - 1)

static inline void put_ch(buf *b, char c) { put_n(b, &c, 1); }

static void json_str(buf *b, const char *s)
{
    put_ch(b, '"');
    for (; s && *s; s++) {
        /* Copy the run of bytes that need no escape in one go. */
        size_t run = 0;
        while ((unsigned char)s[run] >= 0x20 && s[run] != '"' && s[run] != '\\')
            run++;
        if (run) {
            put_n(b, s, run);
            s += run - 1;
            continue;
        }
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': PUT_LIT(b, "\\\""); break;
        case '\\': PUT_LIT(b, "\\\\"); break;
        case '\n': PUT_LIT(b, "\\n"); break;
        case '\r': PUT_LIT(b, "\\r"); break;
        case '\t': PUT_LIT(b, "\\t"); break;
        default:
            if (c < 0x20)
                buf_printf(b, "\\u%04x", c);
            else
                put_ch(b, (char)c);
        }
    }
    put_ch(b, '"');
}

/* Writing is ~10% of extraction; the fixed parts of a record go out with
 * buf_puts and integers with buf_put_ll rather than through printf formats
 * (the same bytes). */

/* The bytes of printf("%.5f", x), without the format machinery (a fifth of
 * the writer's cost went to the coordinates).  Exact: x is m * 2^-sh with m
 * an integer below 2^53, so x * 10^5 = m * 10^5 / 2^sh is split into its
 * integer part and remainder in 128-bit arithmetic and rounded half to even,
 * as glibc rounds the exact value.  Values that are not finite or not below
 * 2^31 (no coordinate) go through printf. */
void record_put_fixed5(buf *b, double x)
{
    int e2;
    double f = frexp(fabs(x), &e2); /* |x| = f * 2^e2, 0.5 <= f < 1 */
    if (!isfinite(x) || e2 > 31) {
        buf_printf(b, "%.5f", x);
        return;
    }
    unsigned long long m = (unsigned long long)ldexp(f, 53); /* exact: f has 53 bits */
    int sh = 53 - e2;                                        /* |x| = m / 2^sh, sh >= 22 */
    unsigned long long q;
    if (x == 0 || sh >= 128)
        q = 0; /* m * 10^5 < 2^70 is below half of 2^sh: rounds to 0 */
    else {
        unsigned __int128 p = (unsigned __int128)m * 100000u;
        unsigned __int128 whole = p >> sh; /* below 2^31 * 10^5: fits q */
        unsigned __int128 rest = p - (whole << sh);
        unsigned __int128 half = (unsigned __int128)1 << (sh - 1);
        q = (unsigned long long)whole;
        if (rest > half || (rest == half && (q & 1)))
            q++;
    }
    if (signbit(x))
        put_ch(b, '-');
    buf_put_ll(b, (long long)(q / 100000u));
    char d[5];
    unsigned long long r = q % 100000u;
    for (int k = 4; k >= 0; k--, r /= 10)
        d[k] = (char)('0' + r % 10);
    put_ch(b, '.');
    put_n(b, d, 5);
}

/* ,"key": then val as a JSON string; keys are literals that need no escape. */
#define json_key_str(b, key, val) (PUT_LIT(b, ",\"" key "\":"), json_str(b, val))

/* lit then v: json_int(b, ",\"inter1\":", e->inter1) */
#define json_int(b, lit, v) (PUT_LIT(b, lit), buf_put_ll(b, (long long)(v)))

/* An evidence span.  pre is `{"doc_id":"...","start":` for the record's
 * document, escaped once per record (span_prefix) rather than at each of its
 * dozen spans. */
static void json_span(buf *b, const buf *pre, span sp)
{
    put_n(b, pre->data, pre->len);
    buf_put_ll(b, sp.start);
    json_int(b, ",\"end\":", sp.end);
    put_ch(b, '}');
}

static void span_prefix(buf *pre, const char *doc_id)
{
    PUT_LIT(pre, "{\"doc_id\":");
    json_str(pre, doc_id);
    PUT_LIT(pre, ",\"start\":");
}

static void json_toll(buf *b, const toll *t)
{
    if (!t->known)
        PUT_LIT(b, "null");
    else {
        json_int(b, "{\"low\":", t->low);
        json_int(b, ",\"best\":", t->best);
        json_int(b, ",\"high\":", t->high);
        put_ch(b, '}');
    }
}

/* Position of claim index ci in the event's written claims array, -1. */
static int written_pos(const tally_events *ev, const event *e, int ci)
{
    int pos = 0;
    for (size_t i = 0; i < e->nclaims; i++) {
        const claim *c = &ev->claims[e->claims[i]];
        if (c->restates >= 0 || c->part_of >= 0)
            continue;
        if (e->claims[i] == ci)
            return pos;
        pos++;
    }
    return -1;
}

static void claim_json(buf *b, const buf *pre, const claim *c, int superseded_by)
{
    PUT_LIT(b, "{\"source\":");
    json_str(b, c->source);
    json_key_str(b, "source_kind", source_kind_name[c->kind]);
    json_key_str(b, "outcome", outcome_name[c->outcome]);
    json_key_str(b, "victims", c->victims);
    json_key_str(b, "victim_category", victim_cat_name[c->vcat]);
    json_int(b, ",\"min\":", c->min);
    PUT_LIT(b, ",\"max\":");
    if (c->max || !c->vague) /* a claim of zero has max 0 too */
        buf_put_ll(b, c->max);
    else
        PUT_LIT(b, "null");
    json_key_str(b, "qualifier", qualifier_name[c->q]);
    if (c->vague)
        json_key_str(b, "vague", c->words);
    if (superseded_by >= 0)
        json_int(b, ",\"superseded_by\":", superseded_by);
    if (c->context)
        PUT_LIT(b, ",\"context\":true");
    if (c->denial)
        PUT_LIT(b, ",\"denial\":true");
    if (c->hit)
        PUT_LIT(b, ",\"hit\":true");
    PUT_LIT(b, ",\"evidence\":");
    json_span(b, pre, c->sp);
    if (c->source_span.end > c->source_span.start) {
        PUT_LIT(b, ",\"source_evidence\":");
        json_span(b, pre, c->source_span);
    }
    PUT_LIT(b, "}");
}

static void event_json(buf *b, const tally_events *ev, size_t k)
{
    const event *e = &ev->ev[k];
    const char *id = ev->doc_id.data;
    char d0[11], d1[11], d2[11];
    date_format(e->date, d0);
    date_format(e->first, d1);
    date_format(e->last, d2);
    /* The event id is the doc id, '#' and a number, none of which the
     * escape changes: the escaped doc id serves for both. */
    buf pre = {0};
    span_prefix(&pre, id);
    const char *esc = pre.data + (sizeof "{\"doc_id\":" - 1); /* the quoted doc id */
    size_t esclen = pre.len - (sizeof "{\"doc_id\":" - 1) - (sizeof ",\"start\":" - 1);
    PUT_LIT(b, "{\"event_id\":");
    put_n(b, esc, esclen - 1); /* without its closing quote */
    put_ch(b, '#');
    buf_put_ll(b, (long long)(k + 1));
    PUT_LIT(b, "\",\"doc_id\":");
    put_n(b, esc, esclen);
    PUT_LIT(b, ",\"event_date\":\"");
    buf_puts(b, d0);
    PUT_LIT(b, "\",\"date_start\":\"");
    buf_puts(b, d1);
    PUT_LIT(b, "\",\"date_end\":\"");
    buf_puts(b, d2);
    json_int(b, "\",\"time_precision\":", e->time_precision);
    json_key_str(b, "event_type", e->event_type);
    json_key_str(b, "sub_event_type", e->sub_event_type);
    json_key_str(b, "actor1", e->actor1);
    json_key_str(b, "assoc_actor_1", e->assoc1);
    json_int(b, ",\"inter1\":", e->inter1);
    json_key_str(b, "actor2", e->actor2);
    json_key_str(b, "assoc_actor_2", e->assoc2);
    json_int(b, ",\"inter2\":", e->inter2);
    json_int(b, ",\"interaction\":", event_interaction(e));
    PUT_LIT(b, ",\"attributed_by\":[");
    for (int i = 0; i < e->nblame; i++) {
        buf_puts(b, i ? ",{\"actor\":" : "{\"actor\":");
        json_str(b, e->blame[i].actor);
        json_key_str(b, "source", e->blame[i].source);
        put_ch(b, '}');
    }
    put_ch(b, ']');
    json_key_str(b, "country", e->country);
    json_key_str(b, "iso", e->iso3);
    json_key_str(b, "admin1", e->admin1);
    json_key_str(b, "admin2", e->admin2);
    json_key_str(b, "location", e->location);
    if (e->has_coords) {
        PUT_LIT(b, ",\"latitude\":");
        record_put_fixed5(b, e->lat);
        PUT_LIT(b, ",\"longitude\":");
        record_put_fixed5(b, e->lon);
        json_int(b, ",\"geo_precision\":", e->geo_precision);
    } else
        PUT_LIT(b, ",\"latitude\":null,\"longitude\":null,\"geo_precision\":null");
    PUT_LIT(b, ",\"fatalities\":");
    json_toll(b, &e->fatalities);
    PUT_LIT(b, ",\"injured\":");
    json_toll(b, &e->injured);
    PUT_LIT(b, ",\"fatalities_by_category\":{");
    for (int g = 0, n = 0; g < TG_N; g++) {
        if (!e->fatal_by[g].known)
            continue;
        buf_puts(b, n++ ? ",\"" : "\"");
        buf_puts(b, toll_group_name[g]);
        PUT_LIT(b, "\":");
        json_toll(b, &e->fatal_by[g]);
    }
    put_ch(b, '}');
    if (e->fatalities.known) {
        json_int(b, ",\"deaths_a\":", e->deaths_a);
        json_int(b, ",\"deaths_b\":", e->deaths_b);
        json_int(b, ",\"deaths_civilians\":", e->deaths_civilians);
        json_int(b, ",\"deaths_unknown\":", e->deaths_unknown);
    } else
        PUT_LIT(b, ",\"deaths_a\":null,\"deaths_b\":null,\"deaths_civilians\":null,\"deaths_unknown\":null");
    PUT_LIT(b, ",\"claims\":[");
    /* The parts of any whole, in the event's order: each whole looks through
     * these few, not through all of the event's claims (quadratic in a
     * report with hundreds of figures). */
    size_t nparts = 0;
    for (size_t i = 0; i < e->nclaims; i++)
        nparts += ev->claims[e->claims[i]].part_of >= 0;
    int parts_fixed[16];
    int *parts = nparts <= 16 ? parts_fixed : malloc(nparts * sizeof *parts);
    if (!parts)
        abort();
    nparts = 0;
    for (size_t i = 0; i < e->nclaims; i++)
        if (ev->claims[e->claims[i]].part_of >= 0)
            parts[nparts++] = e->claims[i];
    int first = 1;
    for (size_t i = 0; i < e->nclaims; i++) {
        const claim *c = &ev->claims[e->claims[i]];
        if (c->restates >= 0 || c->part_of >= 0)
            continue;
        if (!first)
            put_ch(b, ',');
        first = 0;
        claim_json(b, &pre, c, c->superseded_by >= 0 ? written_pos(ev, e, c->superseded_by) : -1);
        /* parts ride inside their whole: never added to the toll */
        int np = 0;
        for (size_t j = 0; j < nparts; j++) {
            const claim *p = &ev->claims[parts[j]];
            if (p->part_of != e->claims[i])
                continue;
            if (np++ == 0) {
                b->len--; /* reopen the claim object */
                PUT_LIT(b, ",\"including\":[");
            } else
                put_ch(b, ',');
            claim_json(b, &pre, p, -1);
        }
        if (np)
            PUT_LIT(b, "]}");
    }
    if (parts != parts_fixed)
        free(parts);
    PUT_LIT(b, "],\"evidence\":{\"event\":[");
    for (size_t i = 0; i < e->ntriggers; i++) {
        if (i)
            put_ch(b, ',');
        json_span(b, &pre, e->triggers[i]);
    }
    PUT_LIT(b, "]");
    if (e->date_sp.end > e->date_sp.start) {
        PUT_LIT(b, ",\"date\":");
        json_span(b, &pre, e->date_sp);
    }
    if (e->has_place && e->place.sp.end > e->place.sp.start) {
        PUT_LIT(b, ",\"location\":");
        json_span(b, &pre, e->place.sp);
    }
    if (e->actor1_sp.end > e->actor1_sp.start) {
        PUT_LIT(b, ",\"actor1\":");
        json_span(b, &pre, e->actor1_sp);
    }
    if (e->actor2_sp.end > e->actor2_sp.start) {
        PUT_LIT(b, ",\"actor2\":");
        json_span(b, &pre, e->actor2_sp);
    }
    PUT_LIT(b, "}");
    /* Notes: restated figures are named so an analyst sees nothing vanished. */
    buf notes = {0};
    if (e->notes.len)
        buf_put(&notes, e->notes.data, e->notes.len);
    for (size_t i = 0; i < e->nclaims; i++) {
        const claim *c = &ev->claims[e->claims[i]];
        if (c->restates < 0)
            continue;
        const claim *d = &ev->claims[c->restates];
        buf_printf(&notes, "The figure %lld (%s, bytes %u-%u) restates the claim of %s and is not counted twice. ",
                   c->min, c->source, c->sp.start, c->sp.end, d->source);
    }
    while (notes.len && notes.data[notes.len - 1] == ' ')
        notes.len--;
    json_key_str(b, "notes", notes.len ? buf_cstr(&notes) : "");
    buf_free(&notes);
    buf_free(&pre);
    PUT_LIT(b, "}\n");
}

void record_event_json(buf *b, const tally_events *ev, size_t k) { event_json(b, ev, k); }

void tally_write_jsonl(const tally_events *ev, FILE *out)
{
    buf b = {0};
    for (size_t k = 0; k < ev->n; k++) {
        b.len = 0;
        event_json(&b, ev, k);
        fwrite(b.data, 1, b.len, out);
    }
    buf_free(&b);
}

/* ---- CSV ----------------------------------------------------------------- */

static const char *const csv_cols[] = {
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "iso3", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "fatalities", "fatalities_low", "fatalities_high", "injured",
    "date_start", "date_end", "doc_id", "notes"};

static void csv_field(buf *b, const char *s, int last)
{
    int quote = strpbrk(s, ",\"\n\r") != NULL;
    if (quote) {
        buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"')
                buf_putc(b, '"');
            buf_putc(b, *s);
        }
        buf_putc(b, '"');
    } else
        buf_puts(b, s);
    buf_putc(b, last ? '\n' : ',');
}

void tally_write_csv_header(FILE *out)
{
    for (size_t i = 0; i < ARRAY_LEN(csv_cols); i++)
        fprintf(out, "%s%c", csv_cols[i], i + 1 == ARRAY_LEN(csv_cols) ? '\n' : ',');
}

void tally_write_csv(const tally_events *ev, FILE *out)
{
    buf b = {0}, t = {0};
    for (size_t k = 0; k < ev->n; k++) {
        const event *e = &ev->ev[k];
        b.len = 0;
#define FIELD(...)                                                                                                     \
    do {                                                                                                               \
        t.len = 0;                                                                                                     \
        buf_printf(&t, __VA_ARGS__);                                                                                   \
        csv_field(&b, buf_cstr(&t), 0);                                                                                \
    } while (0)
        char d0[11], d1[11], d2[11];
        date_format(e->date, d0);
        date_format(e->first, d1);
        date_format(e->last, d2);
        FIELD("%s#%zu", ev->doc_id.data, k + 1);
        FIELD("%s", d0);
        FIELD("%d", e->time_precision);
        FIELD("%s", e->event_type);
        FIELD("%s", e->sub_event_type);
        FIELD("%s", e->actor1);
        FIELD("%s", e->assoc1);
        FIELD("%d", e->inter1);
        FIELD("%s", e->actor2);
        FIELD("%s", e->assoc2);
        FIELD("%d", e->inter2);
        FIELD("%d", event_interaction(e));
        FIELD("%s", e->country);
        FIELD("%s", e->iso3);
        FIELD("%s", e->admin1);
        FIELD("%s", e->admin2);
        FIELD("%s", e->location);
        if (e->has_coords) {
            FIELD("%.5f", e->lat);
            FIELD("%.5f", e->lon);
            FIELD("%d", e->geo_precision);
        } else {
            FIELD("%s", "");
            FIELD("%s", "");
            FIELD("%s", "");
        }
        /* ACLED's "source" column: every source of a counted claim */
        t.len = 0;
        buf src = {0};
        for (size_t i = 0; i < e->nclaims; i++) {
            const claim *c = &ev->claims[e->claims[i]];
            if (c->restates >= 0 || c->part_of >= 0 || (src.len && strstr(src.data, c->source)))
                continue;
            buf_printf(&src, "%s%s", src.len ? "; " : "", c->source);
        }
        csv_field(&b, src.len ? buf_cstr(&src) : "", 0);
        buf_free(&src);
        if (e->fatalities.known) {
            FIELD("%lld", e->fatalities.best);
            FIELD("%lld", e->fatalities.low);
            FIELD("%lld", e->fatalities.high);
        } else {
            FIELD("%d", 0);
            FIELD("%s", "");
            FIELD("%s", "");
        }
        if (e->injured.known)
            FIELD("%lld", e->injured.best);
        else
            FIELD("%s", "");
        FIELD("%s", d1);
        FIELD("%s", d2);
        FIELD("%s", ev->doc_id.data);
        t.len = 0;
        buf_printf(&t, "%s", e->notes.len ? e->notes.data : "");
        csv_field(&b, buf_cstr(&t), 1);
#undef FIELD
        fwrite(b.data, 1, b.len, out);
    }
    buf_free(&b);
    buf_free(&t);
}
