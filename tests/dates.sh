#!/bin/sh
# `tally dates`: the date stage alone, as a user runs it.  Prints "ok N - what" or "not ok N - what".
# Usage: sh tests/dates.sh path/to/tally
TALLY=${1:-./tally}
. "$(dirname "$0")/lib/tap.sh"

cat >"$tmp/r.jsonl" <<'JSON'
{"id":"r1","date":"2024-08-25","text":"The army said on Thursday that gunmen killed 12 people on Tuesday."}
{"id":"r2","date":"2024-08-25","text":"Since a 2020 coup, fighting went on.\n\nThree days of fighting starting July 25 left 40 dead."}
{"id":"bad","date":"2024-13-45","text":"On Sunday."}
JSON
"$TALLY" dates "$tmp/r.jsonl" >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/rc"
check "dates: exit 1 when a document was skipped" grep -qx 1 "$tmp/rc"
check "dates: the bad document named by file and line" grep -q 'r.jsonl:3:' "$tmp/err"
check "dates: statement date flagged as reporting" grep -q '"start":17,"end":25,"text":"Thursday","kind":"date","value":"2024-08-22".*"reporting":true' "$tmp/out"
check "dates: event date resolved" grep -q '"text":"Tuesday","kind":"date","value":"2024-08-20","first":"2024-08-20","last":"2024-08-20","precision":1,"background":false,"reporting":false' "$tmp/out"
check "dates: a 2020 coup is background" grep -q '"text":"2020","kind":"date","value":"2020".*"background":true' "$tmp/out"
check "dates: offsets count from the start of the text, across paragraphs" grep -q '"doc_id":"r2","start":38,"end":48,"text":"Three days","kind":"duration","value":"P3D","ndays":3' "$tmp/out"
check "dates: July 25 in the second paragraph" grep -q '"start":70,"end":77,"text":"July 25"' "$tmp/out"
check "dates: five mentions" test "$(wc -l <"$tmp/out")" -eq 5
"$TALLY" dates --count "$tmp/r.jsonl" >"$tmp/count" 2>/dev/null
check "dates --count: totals" grep -qx 'mentions: 5' "$tmp/count"
"$TALLY" dates --bogus "$tmp/r.jsonl" >/dev/null 2>"$tmp/err2"
echo $? >"$tmp/rc2"
check "dates: unknown option exits 2" grep -qx 2 "$tmp/rc2"
