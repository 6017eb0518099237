#!/bin/sh
# The toll as an analyst reads it from the command line: the best rule, the
# per-group figures and UCDP sides.  Prints "ok N - what" / "not ok N - what".
# Usage: sh tests/claims.sh path/to/tally
TALLY=${1:-./tally}
. "$(dirname "$0")/lib/tap.sh"

# A party's figure against independent ones (sentences written for this test).
printf '%s\n' '{"id":"r1","date":"2024-03-10","text":"The army said 2 civilians were killed in the air strike on the market in Kidal on Sunday. A rights group said 31 civilians were killed. Residents said 25 civilians died, including 9 children."}' >"$tmp/r1.jsonl"
"$TALLY" extract "$tmp/r1.jsonl" >"$tmp/lm.jsonl"
check "lower-median by default: 2/25/31" grep -q '"fatalities":{"low":2,"best":25,"high":31}' "$tmp/lm.jsonl"
check "children beside the total" grep -q '"children":{"low":9,"best":9,"high":9}' "$tmp/lm.jsonl"
check "UCDP split of best: all civilians" grep -q '"deaths_a":0,"deaths_b":0,"deaths_civilians":25,"deaths_unknown":0' "$tmp/lm.jsonl"
printf '%s\n' '{"id":"r2","date":"2024-03-10","text":"The army said 2 civilians were killed in the air strike on the market in Kidal on Sunday. A rights group said 31 civilians were killed."}' >"$tmp/r2.jsonl"
TALLY_BEST=prefer-independent "$TALLY" extract "$tmp/r2.jsonl" >"$tmp/pi.jsonl"
check "TALLY_BEST=prefer-independent: 2/31/31" grep -q '"fatalities":{"low":2,"best":31,"high":31}' "$tmp/pi.jsonl"
"$TALLY" extract "$tmp/r2.jsonl" >"$tmp/lm2.jsonl"
check "lower-median: 2/2/31" grep -q '"fatalities":{"low":2,"best":2,"high":31}' "$tmp/lm2.jsonl"
TALLY_BEST=highest "$TALLY" extract "$tmp/r2.jsonl" >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "unknown rule: exit 2" grep -qx 2 "$tmp/rc"
check "unknown rule: named in the message" grep -q "TALLY_BEST: unknown rule 'highest'" "$tmp/err"

# An update supersedes; a cumulative figure and a denial are on record only.
printf '%s\n' '{"id":"r3","date":"2024-03-10","text":"Gunmen killed 11 villagers in Bourasso on Sunday, the mayor said. The toll later rose to 14, the mayor said. Since 2022, more than 3,000 people have been killed in the region. The army denied that soldiers were involved in the killings."}' >"$tmp/r3.jsonl"
"$TALLY" extract "$tmp/r3.jsonl" >"$tmp/r3.out"
check "update: 14/14/14" grep -q '"fatalities":{"low":14,"best":14,"high":14}' "$tmp/r3.out"
check "update: the first figure superseded by the second claim" grep -q '"min":11,"max":11,"qualifier":"exact","superseded_by":1' "$tmp/r3.out"
check "cumulative figure kept as context" grep -q '"min":3000,"max":3000,"qualifier":"at_least","context":true' "$tmp/r3.out"

if [ -f ../shared/examples/mali-2024-08-25.txt ]; then
    TALLY_BEST=prefer-independent "$TALLY" extract ../shared/examples/mali-2024-08-25.txt >"$tmp/mali.jsonl"
    check "mali sample, prefer-independent: 15/20/21" grep -q '"sub_event_type":"Air/drone strike".*"fatalities":{"low":15,"best":20,"high":21}' "$tmp/mali.jsonl"
    check "mali sample: 84 Wagner fighters and 47 soldiers on the army's side" grep -q '"fatalities":{"low":131,"best":131,"high":131}.*"deaths_a":0,"deaths_b":131' "$tmp/mali.jsonl"
else
    echo "# ../shared/examples absent: mali sample checks skipped"
fi
