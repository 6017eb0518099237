#!/bin/sh
# tally export / show / stats as a user runs them, on the fixture store
# (tests/fixtures/store.sql through schema_migrate, built by
# `test_export --make-store`).  Each CSV is read back by a real CSV parser
# (npm csv-parse), GeoJSON and JSON Lines by JSON.parse.
# Prints "ok N - what" or "not ok N - what".  Usage: sh tests/export.sh build/san/tally
TALLY=${1:-./tally}
MAKESTORE=$(dirname "$TALLY")/test_export
. "$(dirname "$0")/lib/tap.sh"

db=$tmp/fixture.db
check "fixture store built through schema_migrate" "$MAKESTORE" --make-store "$db"

have_node=0
if command -v node >/dev/null 2>&1 && [ -d node_modules/csv-parse ]; then have_node=1; fi
js() { node tests/export_check.js "$@"; }

ACLED_HEADER="event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
UCDP_HEADER="id,relid,year,active_year,code_status,type_of_violence,conflict_name,dyad_name,side_a,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,gwnoa,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low"
# a field with a comma, doubled quotes and a line break
nl=$(printf '\nx'); nl=${nl%x}
NOTES="Claims: at least 12 civilians killed (local official); 17 people killed (separatists’ spokesman); at least 14 people killed (humanitarian worker). Tolls differ: the separatists say \"17\", the army says none,${nl}per the same dispatch."

# --- ACLED -------------------------------------------------------------------
"$TALLY" export --format acled --db "$db" >"$tmp/acled.csv" 2>"$tmp/acled.err"; echo $? >"$tmp/rc"
check "acled: exit 0, nothing on stderr" sh -c "grep -qx 0 $tmp/rc && test ! -s $tmp/acled.err"
if [ $have_node = 1 ]; then
    check "acled: csv-parse reads ACLED's 31 columns in ACLED's order" js header "$tmp/acled.csv" "$ACLED_HEADER"
    check "acled: five records, none ragged" js rows "$tmp/acled.csv" 5
    check "acled: notes with comma, quotes and a line break round-trip exactly" js field "$tmp/acled.csv" event_id_cnty MLI1 notes "$NOTES"
    check "acled: UTF-8 location round-trips" js field "$tmp/acled.csv" event_id_cnty MLI1 location "Ménaka"
    check "acled: iso is the numeric code" js field "$tmp/acled.csv" event_id_cnty SOM5 iso 706
    check "acled: region from the country table" js field "$tmp/acled.csv" event_id_cnty SOM5 region "Eastern Africa"
    check "acled: interaction, smaller code first" js field "$tmp/acled.csv" event_id_cnty MLI1 interaction 17
    check "acled: sources of both documents" js field "$tmp/acled.csv" event_id_cnty MLI1 source "AFP; Reuters"
    check "acled: fatalities is best, 0 when no toll" js field "$tmp/acled.csv" event_id_cnty BFA3 fatalities 0
    check "acled: timestamp is unix seconds of updated_at" js field "$tmp/acled.csv" event_id_cnty MLI2 timestamp 1750420800
else
    skip "node or csv-parse missing: CSV checks"
fi

# --- UCDP ----------------------------------------------------------------------
"$TALLY" export --format ucdp --db "$db" >"$tmp/ucdp.csv" 2>"$tmp/ucdp.err"; echo $? >"$tmp/rc"
check "ucdp: exit 0" grep -qx 0 "$tmp/rc"
check "ucdp: the protest left out and counted on stderr" grep -q '4 event(s) written, 1 left out' "$tmp/ucdp.err"
if [ $have_node = 1 ]; then
    check "ucdp: csv-parse reads GED's columns" js header "$tmp/ucdp.csv" "$UCDP_HEADER"
    check "ucdp: four records" js rows "$tmp/ucdp.csv" 4
    check "ucdp: headline with a comma round-trips" js field "$tmp/ucdp.csv" relid MLI1 source_headline "Drone strike near Ménaka kills civilians, officials say; Toll rises after market strike in Mali"
    check "ucdp: one-sided violence is type 3" js field "$tmp/ucdp.csv" relid MLI1 type_of_violence 3
    check "ucdp: the government is side A" js field "$tmp/ucdp.csv" relid MLI2 side_a "Military Forces of Mali"
    check "ucdp: deaths_a follows side A" js field "$tmp/ucdp.csv" relid MLI2 deaths_a 6
    check "ucdp: priogrid_gid of Mogadishu" js field "$tmp/ucdp.csv" relid SOM5 priogrid_gid 132931
    check "ucdp: a week's range is date_prec 3" js field "$tmp/ucdp.csv" relid MLI4 date_prec 3
fi

# --- GeoJSON and JSON Lines ---------------------------------------------------------
"$TALLY" export --format geojson --db "$db" >"$tmp/events.geojson" 2>"$tmp/geo.err"; echo $? >"$tmp/rc"
check "geojson: exit 0, the event without coordinates counted on stderr" sh -c "grep -qx 0 $tmp/rc && grep -q '1 left out (no coordinates)' $tmp/geo.err"
if command -v node >/dev/null 2>&1; then
    check "geojson: JSON.parse gives a FeatureCollection of 4 points, [lon, lat]" js geojson "$tmp/events.geojson" 4 SOM5 45.34375 2.03711
    "$TALLY" export --format jsonl --db "$db" >"$tmp/events.jsonl"
    check "jsonl: five events, each line JSON with claims and sources" js jsonl "$tmp/events.jsonl" 5
fi

# --- filters -------------------------------------------------------------------------
rows() { "$TALLY" export --format jsonl --db "$db" "$@" | wc -l | tr -d ' '; }
check "filter: --country ML, MLI and Mali select the same 3 events" sh -c "test $(rows --country ML) = 3 && test $(rows --country MLI) = 3 && test $(rows --country Mali) = 3"
check "filter: --since/--until inclusive" test "$(rows --since 2025-06-15 --until 2025-06-20)" = 2
check "filter: --type matches an event type or a sub-event type" sh -c "test $(rows --type Battles) = 2 && test $(rows --type 'Air/drone strike') = 1"
check "filter: --min-fatalities on best" test "$(rows --min-fatalities 14)" = 2
"$TALLY" export --format acled --db "$db" -o "$tmp/out.csv" >"$tmp/stdout" 2>&1
check "-o FILE: the same bytes as standard output, nothing else printed" sh -c "cmp $tmp/out.csv $tmp/acled.csv && test ! -s $tmp/stdout && ! ls $tmp/out.csv.tmp* 2>/dev/null"

# --- show ----------------------------------------------------------------------------
"$TALLY" show 1 --db "$db" >"$tmp/show.txt" 2>&1; echo $? >"$tmp/rc"
check "show: exit 0" grep -qx 0 "$tmp/rc"
check "show: the toll" grep -q '^  fatalities   12 / 14 / 17 (low / best / high)$' "$tmp/show.txt"
check "show: every claim with source, kind, figure" sh -c "grep -c '^  #[0-9]' $tmp/show.txt | grep -qx 4 && grep -q 'humanitarian worker (ngo): killed people \[unknown\] 14+ at_least' $tmp/show.txt"
check "show: evidence in [[ ]] when not a terminal" grep -qF '[[killed at least 12 civilians]] [[on Saturday]], [[a local official]] said.' "$tmp/show.txt"
check "show: no escape codes in a pipe" sh -c "! grep -q \"$(printf '\033')\" $tmp/show.txt"
if command -v script >/dev/null 2>&1; then
    # a real terminal (a pty from script(1)): bold yellow, no brackets
    script -qc "env -u NO_COLOR $TALLY show 1 --db $db" /dev/null >"$tmp/tty.txt" 2>&1
    esc=$(printf '\033')
    check "show: evidence in bold yellow on a terminal" sh -c "grep -qF '${esc}[1;33mkilled at least 12 civilians${esc}[0m' $tmp/tty.txt && ! grep -qF '[[' $tmp/tty.txt"
else
    skip "script(1) missing: no terminal to test colour on"
fi
"$TALLY" show MLI1 --db "$db" >"$tmp/show2.txt" 2>&1
check "show: ACLED's event_id_cnty works as the id" cmp "$tmp/show.txt" "$tmp/show2.txt"
"$TALLY" show 99 --db "$db" >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "show: unknown event: exit 1, named" sh -c "grep -qx 1 $tmp/rc && grep -q 'no event 99 in $db' $tmp/err"

# --- stats ---------------------------------------------------------------------------
"$TALLY" stats --db "$db" >"$tmp/stats.txt"; echo $? >"$tmp/rc"
check "stats: exit 0" grep -qx 0 "$tmp/rc"
# each table: the rows' sums must equal its total line, and the totals the export's rows
sums_match() {
    awk -F'\t' '
        /^(country|week)\t/ { split("", s); next }
        /^total\t/ { for (i = 3; i <= 6; i++) if (s[i] + 0 != $i + 0) bad = 1; tables++; next }
        NF == 6 { for (i = 3; i <= 6; i++) s[i] += $i }
        END { exit (bad || tables != 2) }' "$1"
}
check "stats: rows add up to the total in both tables" sums_match "$tmp/stats.txt"
check "stats: totals are all events and the sums of their tolls" grep -qx "$(printf 'total\t\t5\t46\t48\t53')" "$tmp/stats.txt"
check "stats --by week: ISO weeks" sh -c "$TALLY stats --db $db --by week | grep -q \"^2025-W25$(printf '\t')2025-06-16$(printf '\t')2$(printf '\t')31\""
check "stats --country SO: one country" sh -c "test \$($TALLY stats --db $db --by country --country SO | wc -l) = 3"

# --- bad arguments: exit 2 and a message ---------------------------------------------
bad() { # bad "what" "expected message" args...
    what=$1; msg=$2; shift 2
    "$TALLY" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
    check "$what: exit 2, says so" sh -c "grep -qx 2 $tmp/rc && grep -qF -e \"$msg\" $tmp/err && test ! -s $tmp/out"
}
bad "unknown format" "unknown format 'xml'" export --format xml --db "$db"
bad "no format" "--format is required" export --db "$db"
bad "bad date" "'2025-02-30' is not a date" export --format acled --db "$db" --since 2025-02-30
bad "bad count" "'many' is not a count" export --format acled --db "$db" --min-fatalities many
bad "unknown country" "unknown country 'Atlantis'" export --format acled --db "$db" --country Atlantis
bad "unknown option" "unknown option '--colour'" export --format acled --db "$db" --colour red
bad "option without a value" "--db needs a value" export --format acled --db
bad "missing store" "$tmp/none.db: No such file" export --format acled --db "$tmp/none.db"
check "missing store: not created by reading" test ! -e "$tmp/none.db"
bad "show without an id" "usage: tally show" show --db "$db"
bad "show with a bad id" "'x1y' is not an event id" show x1y --db "$db"
bad "show on a missing store" "$tmp/none.db: No such file" show 1 --db "$tmp/none.db"
bad "stats --by month" "'month' is not country or week" stats --db "$db" --by month
printf 'id,name\n1,x\n' >"$tmp/text.db"
bad "a file that is not a store" "not a tally store" stats --db "$tmp/text.db"
bad "-o into a missing directory" "$tmp/no/such/dir/out.csv: cannot write" export --format acled --db "$db" -o "$tmp/no/such/dir/out.csv"
