#!/bin/sh
# tally ingest as a user runs it, and a real kill -9 in the middle of a large
# ingest.  Prints "ok N - what" or "not ok N - what".
# Usage: sh tests/store.sh path/to/tally
TALLY=${1:-./tally}
# The large ingest runs the optimised build when there is one: the kill
# test is about the file on disk, not about memory errors.
FAST=$TALLY
[ -x ./tally ] && FAST=./tally
. "$(dirname "$0")/lib/tap.sh"
q() { sqlite3 -cmd ".timeout 5000" "$@"; }

# --- one report, then the same again ---------------------------------------------
"$TALLY" ingest --db "$tmp/one.db" tests/fixtures/menaka-2025-06-15.txt >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/rc"
check "one report: exit 0" grep -qx 0 "$tmp/rc"
check "one report: nothing on stdout" test ! -s "$tmp/out"
check "one report: summary line" grep -qx 'tally: 1 document(s): 1 new, 0 unchanged, 0 replaced, 0 skipped; 4 event(s) created, 0 report(s) merged into existing events' "$tmp/err"
check "one report: no progress line when stderr is not a terminal" test "$(tr -cd '\r' <"$tmp/err" | wc -c)" -eq 0
check "one report: four events, the drone strike's toll" test "$(q "$tmp/one.db" "SELECT count(*) || ' ' || (SELECT fatalities_low || '/' || fatalities_best || '/' || fatalities_high FROM event WHERE sub_event_type = 'Air/drone strike') FROM event")" = "4 9/9/11"
check "one report: WAL mode" test "$(q "$tmp/one.db" "PRAGMA journal_mode")" = wal
"$TALLY" ingest --db "$tmp/one.db" tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"
echo $? >"$tmp/rc"
check "same report again: exit 0, unchanged" sh -c "grep -qx 0 $tmp/rc && grep -q ': 0 new, 1 unchanged, 0 replaced' $tmp/err"
check "same report again: still four events" test "$(q "$tmp/one.db" "SELECT count(*) FROM event")" = 4

# --- bad input: named by file and line, the rest stored ---------------------------
"$TALLY" ingest --db "$tmp/batch.db" tests/fixtures/batch >/dev/null 2>"$tmp/err"
echo $? >"$tmp/rc"
check "directory with bad documents: exit 1" grep -qx 1 "$tmp/rc"
check "bad date named by file and line" grep -q '^tests/fixtures/batch/bad-date.txt:1: malformed date' "$tmp/err"
check "broken JSON line named by file and line" grep -q '^tests/fixtures/batch/mixed.jsonl:2: broken JSON' "$tmp/err"
check "good documents stored" test "$(q "$tmp/batch.db" "SELECT count(*) FROM document")" = 7
check "good line after a bad one stored" test "$(q "$tmp/batch.db" "SELECT count(*) FROM document WHERE doc_key = 'ok-2'")" = 1
check "summary counts the skipped" grep -q '7 new, 0 unchanged, 0 replaced, 5 skipped' "$tmp/err"

# --- usage and fatal errors ------------------------------------------------------------
"$TALLY" ingest --db "$tmp/x.db" >/dev/null 2>&1; echo $? >"$tmp/rc"
check "no path: exit 2" grep -qx 2 "$tmp/rc"
"$TALLY" ingest --frobnicate x >/dev/null 2>&1; echo $? >"$tmp/rc"
check "unknown option: exit 2" grep -qx 2 "$tmp/rc"
"$TALLY" ingest --db "$tmp/no/such/dir/t.db" tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "unopenable store: exit 2, named" sh -c "grep -qx 2 $tmp/rc && grep -q 'no/such/dir/t.db' $tmp/err"
printf 'not a database, just text\n%.0s' $(seq 1 200) >"$tmp/junk.db"
"$TALLY" ingest --db "$tmp/junk.db" tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "a file that is not a store: exit 2" grep -qx 2 "$tmp/rc"
check "a file that is not a store: left as it was" test "$(head -c 10 "$tmp/junk.db")" = "not a data"

# --- progress on a terminal --------------------------------------------------------------
if command -v script >/dev/null 2>&1; then
    script -qc "$TALLY ingest --db $tmp/tty.db tests/fixtures/batch/nested" /dev/null >"$tmp/tty" 2>&1
    check "terminal: progress line with documents, events and rate" grep -q 'tally ingest: [0-9]*/[0-9]* documents, [0-9]* events, [0-9]* docs/s' "$tmp/tty"
fi

# --- kill -9 in the middle of a large ingest ----------------------------------------
CC=${CC:-cc}
$CC -O2 -std=c11 -D_DEFAULT_SOURCE bench/gen.c -o "$tmp/gen" || exit 0
"$tmp/gen" 11 3000 >"$tmp/corpus.jsonl"
counts() {
    q "$1" "SELECT (SELECT count(*) FROM document) || ' ' || (SELECT count(*) FROM event) || ' ' ||
                   (SELECT count(*) FROM report) || ' ' || (SELECT count(*) FROM claim) || ' ' ||
                   (SELECT count(*) FROM evidence) || ' ' || (SELECT total(fatalities_best) FROM event) || ' ' ||
                   (SELECT total(number_of_sources) FROM event)"
}
"$FAST" ingest --db "$tmp/ref.db" "$tmp/corpus.jsonl" 2>/dev/null
REF=$(counts "$tmp/ref.db")

"$FAST" ingest --db "$tmp/kill.db" "$tmp/corpus.jsonl" 2>/dev/null &
pid=$!
# wait until some batches are committed, then kill without warning
i=0
while [ $i -lt 600 ]; do
    c=$(q "$tmp/kill.db" "SELECT count(*) FROM document" 2>/dev/null || echo 0)
    [ "${c:-0}" -ge 600 ] && break
    sleep 0.05
    i=$((i + 1))
done
alive=no
kill -0 "$pid" 2>/dev/null && alive=yes
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
echo $? >"$tmp/rc"
check "kill -9: the ingest was still running when killed" sh -c "test $alive = yes && grep -qx 137 $tmp/rc"
KEPT=$(q "$tmp/kill.db" "SELECT count(*) FROM document")
check "kill -9: committed batches kept ($KEPT of 3000 documents)" test "$KEPT" -ge 600 -a "$KEPT" -lt 3000
check "kill -9: integrity_check ok" test "$(q "$tmp/kill.db" "PRAGMA integrity_check")" = ok
check "kill -9: no foreign key broken" test -z "$(q "$tmp/kill.db" "PRAGMA foreign_key_check")"
check "kill -9: no orphan rows" test "$(q "$tmp/kill.db" "SELECT
    (SELECT count(*) FROM event WHERE id NOT IN (SELECT event_id FROM report)) +
    (SELECT count(*) FROM report WHERE event_id NOT IN (SELECT id FROM event) OR document_id NOT IN (SELECT id FROM document)) +
    (SELECT count(*) FROM claim WHERE report_id NOT IN (SELECT id FROM report)) +
    (SELECT count(*) FROM claim c WHERE event_id <> (SELECT event_id FROM report r WHERE r.id = c.report_id)) +
    (SELECT count(*) FROM evidence WHERE report_id NOT IN (SELECT id FROM report))")" = 0
check "kill -9: every stored document has its reports" test "$(q "$tmp/kill.db" "SELECT count(*) FROM document d WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.document_id = d.id)")" = "$(q "$tmp/ref.db" "SELECT count(*) FROM document d WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.document_id = d.id) AND d.id <= $KEPT")"
"$FAST" ingest --db "$tmp/kill.db" "$tmp/corpus.jsonl" 2>"$tmp/err"
echo $? >"$tmp/rc"
check "rerun: exit 0" grep -qx 0 "$tmp/rc"
check "rerun: the committed documents unchanged, the rest new" grep -q "3000 document(s): $((3000 - KEPT)) new, $KEPT unchanged, 0 replaced, 0 skipped" "$tmp/err"
check "rerun: same counts as an uninterrupted ingest ($REF)" test "$(counts "$tmp/kill.db")" = "$REF"
check "rerun: same events as an uninterrupted ingest" test "$(q "$tmp/kill.db" "SELECT group_concat(event_date || location || ifnull(fatalities_best, '') || number_of_sources, ';') FROM event")" = "$(q "$tmp/ref.db" "SELECT group_concat(event_date || location || ifnull(fatalities_best, '') || number_of_sources, ';') FROM event")"
