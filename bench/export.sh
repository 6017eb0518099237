#!/bin/sh
# bench/export.sh -- how fast tally export, stats and show read a large store.
# Prints figures (`name: value unit`); never fails on them.  Run after `make all`:
#
#   sh bench/export.sh              # 100,000 events (200,000 documents, ~170 MB store)
#   BENCH_EVENTS=1000000 sh bench/export.sh
#
# The store is built by build/exportgen (bench/exportgen.c) through
# schema_migrate and kept in build/bench/ while its size matches.
set -u
cd "$(dirname "$0")/.." || exit 2
CC=${CC:-cc}
N=${BENCH_EVENTS:-100000}
OUT=build/bench
mkdir -p "$OUT"
[ -x ./tally ] && [ -f build/libtally.a ] || { echo "bench: run 'make all' first" >&2; exit 2; }
if [ ! -x build/exportgen ] || [ bench/exportgen.c -nt build/exportgen ] || [ build/libtally.a -nt build/exportgen ]; then
    $CC -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Iinclude -Isrc bench/exportgen.c build/libtally.a \
        -lutf8proc -lcjson -lsqlite3 -lm -lpthread -o build/exportgen || exit 2
fi
# The store is kept between runs; its name carries the schema version, so a
# store written by an older tally (which tally serve refuses) is not reused.
SV=$(sed -n 's/^#define SCHEMA_VERSION \([0-9]*\).*/\1/p' src/schema.h)
DB=$OUT/store-$N-v$SV.db
if [ ! -s "$DB" ]; then
    echo "bench: generating $DB ($N events)"
    build/exportgen "$DB.tmp" "$N" && mv "$DB.tmp" "$DB" || exit 2
fi
echo "bench: $DB: $N events, $(du -m "$DB" | cut -f1) MB"
calc() { awk "BEGIN { printf \"${2:-%.0f}\", $1 }"; }
# timed OUTFILE CMD...: sets WALL and CPU (user + sys) in seconds.  On a
# shared machine the wall time depends on the neighbours; CPU time does not.
if /usr/bin/time -f "%e %U %S" true >/dev/null 2>&1; then HAVE_TIME=1; else HAVE_TIME=0; fi
timed() {
    o=$1; shift
    if [ $HAVE_TIME = 1 ]; then
        /usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" "$@" >"$o" 2>/dev/null
        WALL=$(awk '{ print $1 }' "$OUT/time.txt"); CPU=$(awk '{ print $2 + $3 }' "$OUT/time.txt")
    else
        t0=$(date +%s%N); "$@" >"$o" 2>/dev/null; t1=$(date +%s%N)
        WALL=$(calc "($t1 - $t0) / 1e9" %.3f); CPU=$WALL
    fi
    awk "BEGIN { exit !($WALL < 0.001) }" && WALL=0.001
    awk "BEGIN { exit !($CPU < 0.001) }" && CPU=0.001
}
for fmt in acled ucdp geojson jsonl; do
    timed "$OUT/export.$fmt" ./tally export --format $fmt --db "$DB"
    mb=$(calc "$(wc -c <"$OUT/export.$fmt") / 1000000" %.1f)
    echo "export_${fmt}_events_s: $(calc "$N / $CPU") events/s   # per CPU second ($CPU s user+sys); wall $WALL s; $mb MB out"
    rm -f "$OUT/export.$fmt"
done
timed /dev/null ./tally export --format acled --db "$DB" --country ML --since 2024-01-01
echo "export_acled_filtered_ms: $(calc "$WALL * 1000") ms   # wall; --country ML --since 2024-01-01 (the country index)"
timed /dev/null ./tally stats --db "$DB"
echo "stats_ms: $(calc "$WALL * 1000") ms   # wall; both tables over every event"
timed /dev/null ./tally show $((N / 2)) --db "$DB"
echo "show_ms: $(calc "$WALL * 1000") ms   # wall; one event with its reports' sentences"
