#!/bin/sh
# Inputs from the wild: what scrapers, word processors and broken pipes feed
# tally.  Each must give a clear error naming file and line, or a correct
# result -- never a crash or a hang.  Big inputs are generated here, at run
# time, into a temporary directory.  See docs/hardening.md.
# Prints "ok N - what" or "not ok N - what".  Usage: sh tests/wild.sh path/to/tally
TALLY=${1:-./tally}
. "$(dirname "$0")/lib/tap.sh"
rc_is() { test "$(cat "$tmp/rc")" -eq "$1"; }
# run NAME args...: tally extract, keeping NAME.out, NAME.err and the exit status in rc
run() {
    name=$1; shift
    "$TALLY" extract "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >"$tmp/rc"
}
# The record without its offsets and ids, to compare two spellings of one report.
strip() { sed 's/"start":[0-9]*,"end":[0-9]*//g; s/bytes [0-9]*-[0-9]*//g; s/"doc_id":"[^"]*"//g; s/"event_id":"[^"]*"//g' "$1"; }
has_node() { command -v node >/dev/null 2>&1; }

STORY='Gunmen killed 12 people in the town of Gao on Sunday, a local official said.'
QUIET='The ministry published its annual budget on Tuesday and officials said the figures would be debated.'

# --- invalid UTF-8 ----------------------------------------------------------------
mkdir "$tmp/utf8"
printf 'date 2024-08-25\n\nGunmen killed 3 people in \303\050 Gao.\n' >"$tmp/utf8/bad.txt"
printf 'date 2024-08-25\n\n%s\n' "$STORY" >"$tmp/utf8/good.txt"
printf '{"id":"u1","date":"2024-08-25","text":"%s"}\n{"id":"u2","date":"2024-08-25","text":"Rebels \377 killed 4."}\n{"id":"u3","date":"2024-08-25","text":"%s"}\n' \
    "$STORY" "$STORY" >"$tmp/utf8/lines.jsonl"
run utf8 "$tmp/utf8"
check "invalid UTF-8: exit 1 (something skipped)" rc_is 1
check "invalid UTF-8 in a report: file, line and byte named" grep -q "^$tmp/utf8/bad.txt:3: invalid UTF-8 at byte 26" "$tmp/utf8.err"
check "invalid UTF-8 in a JSON line: file and line named" grep -q "^$tmp/utf8/lines.jsonl:2: invalid UTF-8" "$tmp/utf8.err"
check "invalid UTF-8: the good reports are still read" test "$(grep -c '"fatalities":{"low":12' "$tmp/utf8.out")" -eq 3

# --- NUL bytes ----------------------------------------------------------------------
printf 'date 2024-08-25\n\nGunmen killed 12\000people in the town of Gao on Sunday, a local official said.\n' >"$tmp/nul.txt"
printf 'date 2024-08-25\n\nGunmen killed 12 people in the town of Gao on Sunday, a local official said.\n' >"$tmp/space.txt"
run nul "$tmp/nul.txt"
check "NUL byte in a report: read (exit 0), not cut short" sh -c "test $(cat "$tmp/rc") -eq 0 && grep -q '\"fatalities\":{\"low\":12' '$tmp/nul.out'"
run space "$tmp/space.txt"
strip "$tmp/nul.out" >"$tmp/a"; strip "$tmp/space.out" >"$tmp/b"
check "NUL byte in a report: read as a space (the same record)" cmp "$tmp/a" "$tmp/b"
check "NUL byte in a report: same offsets too" sh -c "test \"\$(grep -o '\"start\":[0-9]*' '$tmp/nul.out')\" = \"\$(grep -o '\"start\":[0-9]*' '$tmp/space.out')\""
printf '{"id":"z1","date":"2024-08-25","text":"A market reopened.\\u0000 %s"}\n' "$STORY" >"$tmp/nul.jsonl"
run nulj "$tmp/nul.jsonl"
check "\\u0000 in a JSON text: the text after it is not lost" grep -q '"fatalities":{"low":12' "$tmp/nulj.out"

# --- CRLF line ends ----------------------------------------------------------------------
printf 'date 2024-08-25\n\n%s\n\nThe army said 3 soldiers were wounded in a separate ambush near Menaka on Saturday.\n' "$STORY" >"$tmp/lf.txt"
sed 's/$/\r/' "$tmp/lf.txt" >"$tmp/crlf.txt"
run lf "$tmp/lf.txt"
run crlf "$tmp/crlf.txt"
check "CRLF report: exit 0" rc_is 0
strip "$tmp/lf.out" >"$tmp/a"; strip "$tmp/crlf.out" >"$tmp/b"
check "CRLF report: the same events as with LF" sh -c "test -s '$tmp/lf.out' && cmp '$tmp/a' '$tmp/b'"
printf '{"id":"c1","date":"2024-08-25","text":"%s"}\r\n{"id":"c2","date":"2024-08-25","text":"%s"}\r\n' "$STORY" "$STORY" >"$tmp/crlf.jsonl"
run crlfj "$tmp/crlf.jsonl"
check "CRLF JSON Lines: both records read, exit 0" sh -c "test $(cat "$tmp/rc") -eq 0 && test $(grep -c '\"doc_id\":\"c[12]\"' "$tmp/crlfj.out") -eq 2"

# --- a 10 MB single-line report, and big reports under the limit -------------------------------
awk -v s="$STORY " 'BEGIN { printf "date 2024-08-25\n\n"; while (n < 10485760) { printf "%s", s; n += length(s) + 1 } printf "\n" }' >"$tmp/huge.txt"
run huge "$tmp/huge.txt"
check "10 MB single-line report: exit 1, refused by size, file named" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '^$tmp/huge.txt:1: report larger than the 1048576-byte limit; skipped' '$tmp/huge.err'"
{
    printf '{"id":"h1","date":"2024-08-25","text":"%s"}\n' "$STORY"
    awk -v s="$STORY " 'BEGIN { printf "{\"id\":\"h2\",\"date\":\"2024-08-25\",\"text\":\""; while (n < 10485760) { printf "%s", s; n += length(s) + 1 } printf "\"}\n" }'
    printf '{"id":"h3","date":"2024-08-25","text":"%s"}\n' "$STORY"
} >"$tmp/huge.jsonl"
run hugej "$tmp/huge.jsonl"
check "10 MB JSON line: named by line, the lines around it read" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '^$tmp/huge.jsonl:2: line longer than the 1048576-byte limit' '$tmp/hugej.err' && grep -q '\"doc_id\":\"h1\"' '$tmp/hugej.out' && grep -q '\"doc_id\":\"h3\"' '$tmp/hugej.out'"
# 900 KB on one line: quiet text with one incident in the middle.
awk -v q="$QUIET " -v s="$STORY " 'BEGIN { printf "date 2024-08-25\n\n"; while (n < 900000) { printf "%s", (k++ == 4000 ? s : q); n += length(q) + 1 } printf "\n" }' >"$tmp/long.txt"
run long "$tmp/long.txt"
check "900 KB single-line report: read, the one incident in it found" sh -c "test $(cat "$tmp/rc") -eq 0 && test $(wc -l <"$tmp/long.out") -eq 1 && grep -q '\"fatalities\":{\"low\":12' '$tmp/long.out'"
# A 200 KB run-on "sentence" of casualty phrases and no full stop (a hostile
# input: it used to be one sentence that every stage rescanned per figure).
awk 'BEGIN { printf "date 2024-08-25\n\n"; while (n < 200000) { printf "killed 3 people in Gao and "; n += 27 } printf "\n" }' >"$tmp/runon.txt"
run runon "$tmp/runon.txt"
check "200 KB run-on sentence: finishes, exit 0, figures read" sh -c "test $(cat "$tmp/rc") -eq 0 && grep -q '\"min\":3' '$tmp/runon.out'"

# --- 100,000 reports in one JSON Lines file ------------------------------------------------------
awk 'BEGIN { for (i = 1; i <= 100000; i++) {
        if (i % 10000 == 0) printf "{\"id\":\"r%d\",\"date\":\"2024-02-30\",\"text\":\"A bad date.\"}\n", i;
        else printf "{\"id\":\"r%d\",\"date\":\"2024-08-25\",\"text\":\"Rebels killed %d soldiers.\"}\n", i, i % 50 + 1 } }' >"$tmp/many.jsonl"
run many "$tmp/many.jsonl"
check "100,000 reports: exit 1 (ten bad dates)" rc_is 1
check "100,000 reports: one record per good report" test "$(wc -l <"$tmp/many.out")" -eq 99990
check "100,000 reports: each bad line named" sh -c "test $(grep -c 'many.jsonl:[0-9]*0000: r[0-9]*0000: malformed date' "$tmp/many.err") -eq 10"
check "100,000 reports: summary counts" grep -q '99990 document(s) read, 10 skipped' "$tmp/many.err"

# --- deeply nested and truncated JSON -------------------------------------------------------------
awk -v s="$STORY" 'BEGIN { printf "{\"id\":\"d1\",\"date\":\"2024-08-25\",\"text\":\"%s\",\"extra\":", s;
        for (i = 0; i < 100000; i++) printf "["; printf "\n";
        printf "{\"id\":\"d2\",\"date\":\"2024-08-25\",\"text\":\"%s\"}\n", s;
        for (i = 0; i < 100000; i++) printf "{\"a\":"; printf "1\n" }' >"$tmp/deep.jsonl"
run deep "$tmp/deep.jsonl"
check "100k '[' in a JSON line: broken JSON, named by line" grep -q "^$tmp/deep.jsonl:1: broken JSON near byte" "$tmp/deep.err"
check "100k nested objects: broken JSON, named by line" grep -q "^$tmp/deep.jsonl:3: broken JSON near byte" "$tmp/deep.err"
check "deep JSON: the good line between is read, exit 1" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '\"doc_id\":\"d2\"' '$tmp/deep.out'"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; printf "\n" }' >"$tmp/brackets.txt"
run brackets "$tmp/brackets.txt"
check "a file of 100k '[': not a report, said so" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '^$tmp/brackets.txt:1: missing date header' '$tmp/brackets.err'"
printf '{"id":"t1","date":"2024-08-25","text":"%s"}\n{"id":"t2","date":"2024-08-25","text":"Gunmen kil\n{"id":"t3","date":"2024-08-25","text":"%s"}\n{"id":"t4","date":"2024-08-25","te' \
    "$STORY" "$STORY" >"$tmp/trunc.jsonl"
run trunc "$tmp/trunc.jsonl"
check "truncated JSON line: named by line" grep -q "^$tmp/trunc.jsonl:2: broken JSON" "$tmp/trunc.err"
check "truncated last line (no newline): named by line" grep -q "^$tmp/trunc.jsonl:4: broken JSON" "$tmp/trunc.err"
check "truncated JSON: the whole lines read, exit 1" sh -c "test $(cat "$tmp/rc") -eq 1 && test $(wc -l <"$tmp/trunc.out") -eq 2"

# --- HTML fragments and entities ---------------------------------------------------------------------
# The page's text once the markup is gone is what is coded, and what the
# offsets point into: the same record as for that text given plainly.
cat >"$tmp/page.txt" <<'EOF'
date 2024-08-25

<div class="story"><p>Gunmen killed 12 people in Gao &amp; two nearby villages on Sunday, a local official said.</p><script>var s = "<p>Gunmen killed 99 people.</p>";</script><!-- ad --><p>The army&#39;s spokesman said soldiers were sent to the area&nbsp;&mdash; residents fled.</p></div>
EOF
printf '{"id":"page.txt","date":"2024-08-25","text":"\\n\\n\\n\\nGunmen killed 12 people in Gao & two nearby villages on Sunday, a local official said.\\n\\n\\n\\nThe army'"'"'s spokesman said soldiers were sent to the area \\u2014 residents fled.\\n\\n\\n\\n\\n"}\n' >"$tmp/page-text.jsonl"
run page "$tmp/page.txt"
run pagetext "$tmp/page-text.jsonl"
check "HTML report: exit 0, one event, 12 killed" sh -c "test $(cat "$tmp/rc") -eq 0 && test $(wc -l <"$tmp/page.out") -eq 1 && grep -q '\"fatalities\":{\"low\":12,\"best\":12,\"high\":12}' '$tmp/page.out'"
check "HTML report: script text not coded (no 99)" sh -c "! grep -q '\"min\":99' '$tmp/page.out'"
check "HTML report: same record and offsets as its plain text" cmp "$tmp/page.out" "$tmp/pagetext.out"
if has_node; then
    check "HTML report: the claim's evidence span covers 'killed 12' in the cleaned text" node -e "
        const fs = require('fs');
        const text = JSON.parse(fs.readFileSync('$tmp/page-text.jsonl', 'utf8')).text;
        const ev = JSON.parse(fs.readFileSync('$tmp/page.out', 'utf8').split('\n')[0]);
        const sp = ev.claims[0].evidence, b = Buffer.from(text, 'utf8');
        const words = b.subarray(sp.start, sp.end).toString('utf8');
        process.exit(/killed/.test(words) && /12/.test(words) ? 0 : 1);"
fi
printf 'date 2024-08-25\n\nAT&T staff said fewer than <5 were hurt & gunmen killed 7 people in Gao on Sunday.\n' >"$tmp/amp.txt"
run amp "$tmp/amp.txt"
if has_node; then
    check "a bare & and < stay text: offsets are those of the file's text" node -e "
        const fs = require('fs');
        const raw = fs.readFileSync('$tmp/amp.txt').subarray(17);
        const ev = JSON.parse(fs.readFileSync('$tmp/amp.out', 'utf8').split('\n')[0]);
        const sp = ev.claims.find(c => c.min === 7).evidence;
        process.exit(/killed 7|7 people/.test(raw.subarray(sp.start, sp.end).toString()) ? 0 : 1);"
fi
printf 'date 2024-08-25\n\n<p></p><div><br/></div>\n' >"$tmp/onlytags.txt"
run onlytags "$tmp/onlytags.txt"
check "a report of nothing but tags: empty text, named" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '^$tmp/onlytags.txt:3: empty text' '$tmp/onlytags.err'"

# --- byte-order marks ------------------------------------------------------------------------------------
printf '\357\273\277date 2024-08-25\r\n\r\n%s\r\n' "$STORY" >"$tmp/bom.txt"
printf '\357\273\277{"id":"b1","date":"2024-08-25","text":"%s"}\n' "$STORY" >"$tmp/bom.jsonl"
run bom "$tmp/bom.txt" "$tmp/bom.jsonl"
check "UTF-8 BOM at the start (seed and JSON Lines): both read, exit 0" sh -c "test $(cat "$tmp/rc") -eq 0 && test $(grep -c '\"fatalities\":{\"low\":12' "$tmp/bom.out") -eq 2"
printf '\357\274\201date 2024-08-25\n\n%s\n' "$STORY" >"$tmp/fullwidth.txt"
run fullwidth "$tmp/fullwidth.txt"
check "a character that only starts like a BOM is not skipped" grep -q "^$tmp/fullwidth.txt:1: missing date header" "$tmp/fullwidth.err"
printf '\377\376d\000a\000t\000e\000' >"$tmp/utf16.txt"
run utf16 "$tmp/utf16.txt"
check "UTF-16 file: exit 1, said so plainly" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '^$tmp/utf16.txt:1: UTF-16 text' '$tmp/utf16.err'"

# --- a file with only a header -----------------------------------------------------------------------------
printf 'date 2024-08-25\n' >"$tmp/header.txt"
printf 'date 2024-08-25' >"$tmp/header-nonl.txt"
: >"$tmp/empty.txt"
run header "$tmp/header.txt" "$tmp/header-nonl.txt" "$tmp/empty.txt"
check "header only: empty text, named by file and line" grep -q "^$tmp/header.txt:2: empty text" "$tmp/header.err"
check "header only, no newline: empty text, line 1" grep -q "^$tmp/header-nonl.txt:1: empty text" "$tmp/header.err"
check "empty file: said so" grep -q "^$tmp/empty.txt:1: empty file" "$tmp/header.err"
check "header only: exit 1, nothing written" sh -c "test $(cat "$tmp/rc") -eq 1 && test ! -s '$tmp/header.out'"

# --- exit status 2: the job could not run ------------------------------------------------------------------
"$TALLY" extract --gazetteer "$tmp/header.txt" "$tmp/lf.txt" >/dev/null 2>"$tmp/gz.err"; echo $? >"$tmp/rc"
check "a gazetteer file that is no index: exit 2, named" sh -c "test $(cat "$tmp/rc") -eq 2 && grep -q '$tmp/header.txt: not a gazetteer index' '$tmp/gz.err'"

# --- the long-running path: ingest of a few hundred reports, then again with some
# changed.  tests/run.sh fails the suite on any LeakSanitizer report, so these
# runs are the leak check of the store's insert, skip and replace paths. ----------
mkdir "$tmp/batch"
awk -v dir="$tmp/batch" 'BEGIN { for (i = 1; i <= 300; i++) { f = sprintf("%s/r%03d.txt", dir, i);
        printf "date 2024-08-%02d\n\nGunmen killed %d people in the town of Gao on Sunday, a local official said. The army said %d soldiers were wounded near Menaka.\n", i % 28 + 1, i % 40 + 1, i % 7 + 1 > f; close(f) } }'
"$TALLY" ingest --db "$tmp/batch.db" "$tmp/batch" >"$tmp/ing.out" 2>"$tmp/ing.err"; echo $? >"$tmp/rc"
check "ingest of 300 reports: exit 0, all new" sh -c "test $(cat "$tmp/rc") -eq 0 && grep -q '300 document(s): 300 new' '$tmp/ing.err'"
for i in 001 002 003; do sed 's/Sunday/Monday/' "$tmp/batch/r$i.txt" >"$tmp/x" && mv "$tmp/x" "$tmp/batch/r$i.txt"; done
"$TALLY" ingest --db "$tmp/batch.db" "$tmp/batch" >"$tmp/ing.out" 2>"$tmp/ing.err"; echo $? >"$tmp/rc"
check "ingest again with 3 reports changed: 297 unchanged, 3 replaced" sh -c "test $(cat "$tmp/rc") -eq 0 && grep -q '297 unchanged, 3 replaced' '$tmp/ing.err'"
