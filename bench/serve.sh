#!/bin/sh
# bench/serve.sh -- how many API requests a second tally serve answers on
# loopback, from a bounded run of build/load (bench/load.c) against a
# synthetic store (build/exportgen, as bench/export.sh builds it).  Prints
# figures (`name: value unit`); never fails on them.  Run after `make all`:
#
#   sh bench/serve.sh                        # 20,000 events, 20,000 requests
#   BENCH_SERVE_EVENTS=100000 BENCH_SERVE_REQUESTS=50000 sh bench/serve.sh
#
# The server runs with --rate 0 (the per-client limit would otherwise refuse
# the load, as it should) and --threads 2; the client keeps 4 connections.
set -u
cd "$(dirname "$0")/.." || exit 2
CC=${CC:-cc}
N=${BENCH_SERVE_EVENTS:-20000}
REQ=${BENCH_SERVE_REQUESTS:-20000}
OUT=build/bench
mkdir -p "$OUT"
[ -x ./tally ] && [ -f build/libtally.a ] && [ -f build/www/index.html ] || { echo "bench: run 'make all' first" >&2; exit 2; }
CF="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra"
if [ ! -x build/exportgen ] || [ bench/exportgen.c -nt build/exportgen ] || [ build/libtally.a -nt build/exportgen ]; then
    $CC $CF -Iinclude -Isrc bench/exportgen.c build/libtally.a -lutf8proc -lcjson -lsqlite3 -lm -lpthread \
        -o build/exportgen || exit 2
fi
if [ ! -x build/load ] || [ bench/load.c -nt build/load ]; then
    $CC $CF bench/load.c -lpthread -o build/load || exit 2
fi
# The store is kept between runs; its name carries the schema version, so a
# store written by an older tally (which tally serve refuses) is not reused.
SV=$(sed -n 's/^#define SCHEMA_VERSION \([0-9]*\).*/\1/p' src/schema.h)
DB=$OUT/store-$N-v$SV.db
if [ ! -s "$DB" ]; then
    echo "bench: generating $DB ($N events)"
    build/exportgen "$DB.tmp" "$N" && mv "$DB.tmp" "$DB" || exit 2
fi

./tally serve --db "$DB" --port 0 --rate 0 --threads 2 2>"$OUT/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
i=0; PORT=
while [ $i -lt 100 ] && [ -z "$PORT" ]; do
    sleep 0.05
    PORT=$(sed -n 's|^tally serve: http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$OUT/serve.err")
    i=$((i + 1))
done
[ -n "$PORT" ] || { echo "bench: tally serve did not start" >&2; cat "$OUT/serve.err" >&2; exit 2; }
# what the page asks for: a filtered list, one event, the timeline, meta
MID=$((N / 2))
echo "bench: tally serve on $DB ($N events), $REQ requests, 4 connections"
# the server's own CPU time (utime + stime, in clock ticks): on a shared
# machine the rate depends on the neighbours, CPU per request does not
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0; }
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
C0=$(cpu)
build/load "$PORT" 4 "$REQ" \
    "/api/events?country=MLI&since=2023-01-01&until=2023-03-31&limit=500" \
    "/api/events/$MID" \
    "/api/weekly?type=Battles" \
    "/api/events?bbox=-5,10,5,20&min_fatalities=5&limit=200" \
    "/api/meta" \
    "/app.js"
C1=$(cpu)
awk -v t=$((C1 - C0)) -v hz="$HZ" -v n="$REQ" 'BEGIN { printf "serve_cpu_ms_per_request: %.2f ms   # server user+sys\n", t * 1000 / hz / n }'
kill -TERM $pid
wait $pid 2>/dev/null
trap - EXIT
