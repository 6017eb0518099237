#!/bin/sh
# The tally command as a user runs it.  Prints "ok N - what" or "not ok N - what".
# Usage: sh tests/cli.sh path/to/tally
TALLY=${1:-./tally}
. "$(dirname "$0")/lib/tap.sh"

# --- a single seed-format report -----------------------------------------
"$TALLY" extract tests/fixtures/menaka-2025-06-15.txt >"$tmp/one.jsonl" 2>"$tmp/one.err"
echo $? >"$tmp/one.rc"
check "seed report: exit 0" grep -qx 0 "$tmp/one.rc"
check "seed report: four events" test "$(wc -l <"$tmp/one.jsonl")" -eq 4
check "seed report: nothing on stderr" test ! -s "$tmp/one.err"
check "seed report: drone strike with contested toll" grep -q '"sub_event_type":"Air/drone strike".*"fatalities":{"low":9,"best":9,"high":11}' "$tmp/one.jsonl"

# --- a directory, recursively, with bad documents --------------------------
"$TALLY" extract tests/fixtures/batch >"$tmp/dir.jsonl" 2>"$tmp/dir.err"
echo $? >"$tmp/dir.rc"
check "directory: exit 1 when some documents were skipped" grep -qx 1 "$tmp/dir.rc"
check "directory: bad date named by file and line" grep -q '^tests/fixtures/batch/bad-date.txt:1: malformed date' "$tmp/dir.err"
check "directory: invalid UTF-8 named by file and line" grep -q '^tests/fixtures/batch/bad-utf8.txt:2: invalid UTF-8' "$tmp/dir.err"
check "directory: broken JSON line named" grep -q '^tests/fixtures/batch/mixed.jsonl:2: broken JSON' "$tmp/dir.err"
check "directory: empty text named" grep -q '^tests/fixtures/batch/mixed.jsonl:4: empty: empty text' "$tmp/dir.err"
check "directory: summary line" grep -q '7 document(s) read, 5 skipped' "$tmp/dir.err"
check "directory: nested JSON Lines file read" grep -q '"doc_id":"sd-0820"' "$tmp/dir.jsonl"
check "directory: good lines after a bad one still read" grep -q '"doc_id":"ok-2"' "$tmp/dir.jsonl"

# --- standard input --------------------------------------------------------
cat tests/fixtures/batch/nested/reports.jsonl | "$TALLY" extract - >"$tmp/stdin.jsonl" 2>&1
check "stdin: JSON Lines stream" grep -q '"doc_id":"so-0302"' "$tmp/stdin.jsonl"
"$TALLY" extract - <tests/fixtures/menaka-2025-06-15.txt >"$tmp/stdin2.jsonl"
check "stdin: seed format" test "$(wc -l <"$tmp/stdin2.jsonl")" -eq 4

# --- CSV -------------------------------------------------------------------
"$TALLY" extract --format csv tests/fixtures/menaka-2025-06-15.txt >"$tmp/out.csv"
check "csv: ACLED header" grep -q '^event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2' "$tmp/out.csv"
check "csv: header plus four rows" test "$(wc -l <"$tmp/out.csv")" -eq 5

# --- usage and fatal errors --------------------------------------------------
"$TALLY" extract >/dev/null 2>&1; echo $? >"$tmp/rc"
check "no path: usage, exit 2" grep -qx 2 "$tmp/rc"
"$TALLY" extract --format xml x >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "unknown format: exit 2" grep -qx 2 "$tmp/rc"
"$TALLY" extract --data /nonexistent tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "missing dictionaries: exit 2" grep -qx 2 "$tmp/rc"
check "missing dictionaries: names the file" grep -q '/nonexistent/triggers.tsv' "$tmp/err"
printf 'drone strike\tExplosions/Remote violence\n' >"$tmp/triggers.tsv"
mkdir -p "$tmp/data" && cp data/*.tsv "$tmp/data/" && cp "$tmp/triggers.tsv" "$tmp/data/triggers.tsv"
"$TALLY" extract --data "$tmp/data" tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"
check "malformed dictionary: file and line" grep -q 'triggers.tsv:1: expected a phrase and 3' "$tmp/err"
"$TALLY" extract tests/fixtures/nothing-here.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "missing input: exit 1 and named" sh -c "grep -qx 1 $tmp/rc && grep -q 'nothing-here.txt: cannot open' $tmp/err"
"$TALLY" gazetteer lookup Bamako >"$tmp/gaz"
check "gazetteer lookup" grep -q '^place	Bamako	ML' "$tmp/gaz"

# --- the shared sample, when it is beside the repository ----------------------
if [ -f ../shared/examples/mali-2024-08-25.txt ]; then
    "$TALLY" extract ../shared/examples/mali-2024-08-25.txt >"$tmp/mali.jsonl"
    check "mali sample: drone strike on 2024-08-25 at Tinzaouatene, 15/20/21" \
        grep -q '"event_date":"2024-08-25".*"sub_event_type":"Air/drone strike","actor1":"Military Forces of Mali","assoc_actor_1":"Wagner Group".*"actor2":"Civilians (Mali)".*"iso":"MLI".*"location":"Tinzaouatene".*"fatalities":{"low":15,"best":20,"high":21}' "$tmp/mali.jsonl"
    check "mali sample: late-July battle with the party's 84 + 47" \
        grep -q '"event_date":"2024-07-25".*"event_type":"Battles".*"fatalities":{"low":131,"best":131,"high":131}.*"source_kind":"party"' "$tmp/mali.jsonl"
    check "mali sample: channel suspension is a strategic development" \
        grep -q '"event_date":"2024-08-24".*"event_type":"Strategic developments"' "$tmp/mali.jsonl"
    check "mali sample: no event from the 2020 coup or 2023" sh -c "! grep -q '\"event_date\":\"202[03]' $tmp/mali.jsonl"
    check "mali sample: background (Under X, This led to) is no event; four events in all" \
        sh -c "! grep -q 'Change to group/activity' $tmp/mali.jsonl && test \$(wc -l <$tmp/mali.jsonl) -eq 4"
    check "mali sample: retaliatory strikes in the following days" \
        grep -q '"date_start":"2024-07-28","date_end":"2024-08-03".*"sub_event_type":"Air/drone strike"' "$tmp/mali.jsonl"
    check "mali sample: four claims on the strike" node -e "const e=JSON.parse(require('fs').readFileSync('$tmp/mali.jsonl','utf8').split('\\n')[0]); process.exit(e.claims.length===4?0:1)"
fi

# --- -j N: document-level parallelism, same bytes as -j 1 ----------------------
"$TALLY" extract -j 4 tests/fixtures/batch >"$tmp/dir4.jsonl" 2>"$tmp/dir4.err"
echo $? >"$tmp/dir4.rc"
check "-j 4: output identical to -j 1 on a directory" cmp "$tmp/dir.jsonl" "$tmp/dir4.jsonl"
check "-j 4: same exit status (1) when some documents were skipped" cmp "$tmp/dir.rc" "$tmp/dir4.rc"
check "-j 4: same messages on stderr, same summary line" cmp "$tmp/dir.err" "$tmp/dir4.err"
"$TALLY" extract -j 0 tests/fixtures/batch >"$tmp/dir0.jsonl" 2>/dev/null
check "-j 0 (one thread per CPU): output identical to -j 1" cmp "$tmp/dir.jsonl" "$tmp/dir0.jsonl"
"$TALLY" extract -j4 --format csv tests/fixtures/batch >"$tmp/dir4.csv" 2>/dev/null
"$TALLY" extract --format csv tests/fixtures/batch >"$tmp/dir1.csv" 2>/dev/null
check "-j4 csv: header once, rows identical to -j 1" cmp "$tmp/dir1.csv" "$tmp/dir4.csv"
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    cat tests/fixtures/batch/mixed.jsonl tests/fixtures/batch/nested/reports.jsonl
done >"$tmp/many.jsonl"
"$TALLY" extract "$tmp/many.jsonl" >"$tmp/many1.jsonl" 2>"$tmp/many1.err"; echo $? >"$tmp/many1.rc"
"$TALLY" extract -j 3 "$tmp/many.jsonl" >"$tmp/many3.jsonl" 2>"$tmp/many3.err"; echo $? >"$tmp/many3.rc"
check "-j 3: more documents than the queue holds, same output in input order" cmp "$tmp/many1.jsonl" "$tmp/many3.jsonl"
check "-j 3: same exit status with bad lines in a stream" cmp "$tmp/many1.rc" "$tmp/many3.rc"
check "-j 3: same messages on stderr, in the same order" cmp "$tmp/many1.err" "$tmp/many3.err"
"$TALLY" extract -j 3 - <"$tmp/many.jsonl" >"$tmp/many3s.jsonl" 2>/dev/null
check "-j 3 from stdin: same output" cmp "$tmp/many1.jsonl" "$tmp/many3s.jsonl"
"$TALLY" extract -j 4 tests/fixtures/menaka-2025-06-15.txt >"$tmp/one4.jsonl" 2>"$tmp/one4.err"; echo $? >"$tmp/one4.rc"
check "-j 4 single report: exit 0, nothing on stderr, same events" sh -c "grep -qx 0 $tmp/one4.rc && test ! -s $tmp/one4.err && cmp $tmp/one.jsonl $tmp/one4.jsonl"
"$TALLY" extract -j x tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "-j with a bad count: exit 2, named" sh -c "grep -qx 2 $tmp/rc && grep -q \"bad thread count 'x'\" $tmp/err"
"$TALLY" extract -j 4 --data /nonexistent tests/fixtures/menaka-2025-06-15.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "-j 4 missing dictionaries: exit 2, names the file" sh -c "grep -qx 2 $tmp/rc && grep -q '/nonexistent/triggers.tsv' $tmp/err"
"$TALLY" extract -j 4 tests/fixtures/nothing-here.txt >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "-j 4 missing input: exit 1 and named" sh -c "grep -qx 1 $tmp/rc && grep -q 'nothing-here.txt: cannot open' $tmp/err"
