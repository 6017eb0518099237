/* The main event of each report under tests/events/: event type, sub-event
 * type, actor1, actor2 and interaction code, exactly as an analyst would
 * code them (docs/events.md).
 *
 * A case file is a header of "# field: value" lines, then a report in the
 * seed format ("date YYYY-MM-DD" and the text).  Fields: event_type
 * ("none" when the report codes no event at all), sub_event_type, actor1,
 * actor2 (empty for none), interaction, and optionally events (how many
 * events the whole report codes: background sentences add none) and
 * attributed_by (the main event's blames and claims of responsibility,
 * "ACTOR <- SOURCE" each, joined by " | "; "-" for none) and event_date
 * (the main event's date, YYYY-MM-DD).  The main event is the report's
 * first event: a wire report leads with it. */
#include "testutil.h"
#include "testtally.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "event.h"
#include "model.h"

#define CASE_DIR "tests/events"


typedef struct {
    char type[64], sub[64], actor1[96], actor2[96];
    char attributed[512]; /* "" unchecked */
    char event_date[16];  /* "" unchecked */
    int interaction;
    int nevents; /* "# events: N": how many events the report codes; -1 unchecked */
    char *bytes;
    const char *text;
    size_t len;
    civil_date date;
} ev_case;

static void field(const char *line, const char *key, char *out, size_t cap)
{
    size_t n = strlen(key);
    if (strncmp(line, key, n) || line[n] != ':')
        return;
    const char *v = line + n + 1;
    while (*v == ' ')
        v++;
    size_t m = strcspn(v, "\n");
    snprintf(out, cap, "%.*s", (int)m, v);
}

/* Reads one case; fails the test with the file's name when it is malformed. */
static void read_case(const char *path, ev_case *c)
{
    memset(c, 0, sizeof *c);
    size_t n;
    c->bytes = read_file(path, &n);
    if (!c->bytes)
        fail_msg("%s: cannot read", path);
    const char *p = c->bytes;
    char interaction[16] = "", nevents[16] = "";
    while (*p == '#') {
        const char *line = p + 1;
        while (*line == ' ')
            line++;
        field(line, "event_type", c->type, sizeof c->type);
        field(line, "sub_event_type", c->sub, sizeof c->sub);
        field(line, "actor1", c->actor1, sizeof c->actor1);
        field(line, "actor2", c->actor2, sizeof c->actor2);
        field(line, "interaction", interaction, sizeof interaction);
        field(line, "events", nevents, sizeof nevents);
        field(line, "attributed_by", c->attributed, sizeof c->attributed);
        field(line, "event_date", c->event_date, sizeof c->event_date);
        const char *nl = strchr(p, '\n');
        if (!nl)
            fail_msg("%s: header without a report", path);
        p = nl + 1;
    }
    if (!c->type[0])
        fail_msg("%s: no event_type in the header", path);
    c->interaction = atoi(interaction);
    c->nevents = nevents[0] ? atoi(nevents) : -1;
    if (strncmp(p, "date ", 5) || !date_parse_iso(p + 5, 10, &c->date))
        fail_msg("%s: expected 'date YYYY-MM-DD' after the header", path);
    c->text = p + 16;
    c->len = n - (size_t)(c->text - c->bytes);
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static void test_every_case(void **state)
{
    (void)state;
    DIR *d = opendir(CASE_DIR);
    assert_non_null(d);
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".txt"))
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    /* The issue asks for at least 40 reports; a lost directory must not pass. */
    assert_true(n >= 40);
    int wrong = 0;
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", CASE_DIR, names[i]);
        ev_case c;
        read_case(path, &c);
        tally_doc doc = {.id = names[i], .date = {c.date.year, c.date.month, c.date.day}, .text = c.text,
                         .len = c.len};
        tally_events *ev = tally_extract(T, &doc);
        assert_non_null(ev);
        char got[512], want[512];
        if (!strcmp(c.type, "none"))
            snprintf(want, sizeof want, "none");
        else
            snprintf(want, sizeof want, "%s | %s | %s | %s | %d", c.type, c.sub, c.actor1, c.actor2, c.interaction);
        if (ev->n == 0)
            snprintf(got, sizeof got, "none");
        else {
            const event *e = &ev->ev[0];
            snprintf(got, sizeof got, "%s | %s | %s | %s | %d", e->event_type, e->sub_event_type, e->actor1,
                     e->actor2, event_interaction(e));
        }
        if (strcmp(got, want)) {
            fprintf(stderr, "%s:\n  expected %s\n  got      %s\n", path, want, got);
            wrong++;
        }
        /* Who named the perpetrator: blames and the claimant's own word. */
        if (c.attributed[0]) {
            char att[512] = "";
            if (ev->n)
                for (int k = 0; k < ev->ev[0].nblame; k++) {
                    size_t l = strlen(att);
                    snprintf(att + l, sizeof att - l, "%s%s <- %s", k ? " | " : "", ev->ev[0].blame[k].actor,
                             ev->ev[0].blame[k].source);
                }
            if (!att[0])
                snprintf(att, sizeof att, "-");
            if (strcmp(att, c.attributed)) {
                fprintf(stderr, "%s:\n  expected attributed_by %s\n  got                  %s\n", path, c.attributed, att);
                wrong++;
            }
        }
        if (c.event_date[0]) {
            char day[11] = "none";
            if (ev->n)
                date_format(ev->ev[0].date, day);
            if (strcmp(day, c.event_date)) {
                fprintf(stderr, "%s:\n  expected event_date %s\n  got                %s\n", path, c.event_date, day);
                wrong++;
            }
        }
        /* Background sentences and other non-events must not add events. */
        if (c.nevents >= 0 && ev->n != (size_t)c.nevents) {
            fprintf(stderr, "%s:\n  expected %d events\n  got      %zu:", path, c.nevents, ev->n);
            for (size_t k = 0; k < ev->n; k++)
                fprintf(stderr, " [%s]", ev->ev[k].sub_event_type);
            fprintf(stderr, "\n");
            wrong++;
        }
        tally_events_free(ev);
        free(c.bytes);
        free(names[i]);
    }
    assert_int_equal(wrong, 0);
}

/* ACLED's interaction code from the two inter codes. */
static void test_interaction_code(void **state)
{
    (void)state;
    event e;
    memset(&e, 0, sizeof e);
    assert_int_equal(event_interaction(&e), 0);
    snprintf(e.actor1, sizeof e.actor1, "Military Forces of Mali");
    e.inter1 = 1;
    assert_int_equal(event_interaction(&e), 10);
    snprintf(e.actor2, sizeof e.actor2, "Civilians (Mali)");
    e.inter2 = 7;
    assert_int_equal(event_interaction(&e), 17);
    /* lower code first, whichever side acted */
    e.inter1 = 7;
    e.inter2 = 1;
    assert_int_equal(event_interaction(&e), 17);
    e.inter1 = e.inter2 = 2;
    assert_int_equal(event_interaction(&e), 22);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_case),
        cmocka_unit_test(test_interaction_code),
    };
    return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
}
