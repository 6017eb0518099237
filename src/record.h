/* record.h -- one event as the JSON line `tally extract` writes for it.
 *
 * Contract: record_event_json appends the record of ev->ev[k] to b, exactly
 * the bytes tally_write_jsonl writes for that event, with the trailing
 * newline (docs/format.md).  The store keeps this line as report.record. */
#ifndef TALLY_RECORD_H
#define TALLY_RECORD_H

#include "model.h"

void record_event_json(buf *b, const tally_events *ev, size_t k);

/* Appends the bytes of printf("%.5f", x): how coordinates are written
 * (exposed for its test). */
void record_put_fixed5(buf *b, double x);

#endif
