#!/bin/sh
# bench/run.sh -- throughput, memory and start-up figures for tally extract, and the
# date stage beside chrono-node (bench/dates.js).
# Called by `make bench` (after `make all`).  Prints figures; never fails on them.
#
#   BENCH_MB=50    size of the synthetic corpus in MB (1000 for a 1 GB run)
#   BENCH_SEED=1   corpus seed (bench/gen is deterministic)
#   BENCH_JOBS=    threads for the parallel run (default: nproc)
#   BENCH_MERGE_FILL=1000000   events in the store bench/merge measures against
#   BENCH_CALLGRIND=1   also count instructions per MB (valgrind, ~5 MB corpus, ~30 s):
#                  stable when wall-clock figures are not, on a shared machine
#
# The corpus is kept in build/bench/ and reused while its size and seed match.
# The last lines are machine-readable, one figure a line: `name: value unit`.
set -u
cd "$(dirname "$0")/.." || exit 2

CC=${CC:-cc}
MB=${BENCH_MB:-50}
SEED=${BENCH_SEED:-1}
NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
JOBS=${BENCH_JOBS:-$NPROC}
OUT=build/bench
mkdir -p "$OUT"
CFLAGS_B="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes"

# ---- tools ------------------------------------------------------------------
build() { # build OUT SRC [extra...]
    o=$1; s=$2; shift 2
    if [ ! -x "$o" ] || [ "$s" -nt "$o" ] || [ build/libtally.a -nt "$o" ]; then
        # shellcheck disable=SC2086
        $CC $CFLAGS_B "$s" "$@" -o "$o" || { echo "bench: cannot build $o" >&2; exit 2; }
    fi
}
build build/gen bench/gen.c
build build/rss bench/rss.c
build build/scan bench/scan.c -Iinclude -Isrc build/libtally.a -lutf8proc -lcjson -lsqlite3 -lm -lpthread
build build/merge bench/merge.c -Iinclude -Isrc build/libtally.a -lutf8proc -lcjson -lsqlite3 -lm -lpthread
[ -x ./tally ] && [ -f build/gazetteer.bin ] || { echo "bench: run 'make all' first" >&2; exit 2; }

# ---- measuring ----------------------------------------------------------------
# measure OUTFILE CMD...: runs CMD (stdout to OUTFILE); sets WALL_MS and RSS_KB.
# Wall time comes from build/rss (clock_gettime around fork/exec/wait); peak RSS
# from /usr/bin/time -v when it is installed, else from build/rss (getrusage).
HAVE_TIME=0
/usr/bin/time -v true >/dev/null 2>&1 && HAVE_TIME=1
measure() {
    o=$1; shift
    if [ $HAVE_TIME = 1 ]; then
        /usr/bin/time -v -o "$OUT/time.txt" build/rss "$@" >"$o" 2>"$OUT/rss.txt"
        RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$OUT/time.txt")
    else
        build/rss "$@" >"$o" 2>"$OUT/rss.txt"
        RSS_KB=$(sed -n 's/^peak_rss_kb: //p' "$OUT/rss.txt")
    fi
    WALL_MS=$(sed -n 's/^wall_ms: //p' "$OUT/rss.txt")
}
calc() { awk "BEGIN { printf \"${2:-%.1f}\", $1 }"; }   # calc EXPR [FORMAT]

# ---- corpus -------------------------------------------------------------------
# bench/gen averages ~5.7 KB a report (1-10 KB, uniform).
NDOCS=$(awk -v mb="$MB" 'BEGIN { n = int(mb * 1000000 / 5750); print (n > 0 ? n : 1) }')
CORPUS=$OUT/corpus-$SEED-$NDOCS.jsonl
if [ ! -s "$CORPUS" ]; then
    echo "bench: generating $CORPUS ($NDOCS reports, ~$MB MB)"
    build/gen "$SEED" "$NDOCS" >"$CORPUS.tmp" && mv "$CORPUS.tmp" "$CORPUS" || exit 2
fi
BYTES=$(wc -c <"$CORPUS")
CMB=$(calc "$BYTES / 1000000")
echo "bench: corpus $CORPUS: $NDOCS reports, $CMB MB; $NPROC CPU(s) online"

# ---- the floor: parse + tokenise + trigger lookup, no extraction ---------------------
measure /dev/null build/scan "$CORPUS"
SCAN_MS=$WALL_MS
sed -n 's/^scan: /bench: scan: /p' "$OUT/rss.txt"

# ---- extract, one thread --------------------------------------------------------
# best of BENCH_REPEAT runs (default 3): on a shared machine a neighbour's
# burst only ever makes a run slower, so the fastest run is the one least
# disturbed (the first run also warms the page cache for the others)
REPEAT=${BENCH_REPEAT:-3}
best_of() { # best_of OUTFILE CMD...: WALL_MS and RSS_KB of the fastest of REPEAT runs
    b_ms=; b_rss=
    r=0
    while [ $r -lt "$REPEAT" ]; do
        measure "$@"
        if [ -z "$b_ms" ] || [ "$(calc "$WALL_MS < $b_ms" %d)" = 1 ]; then b_ms=$WALL_MS; b_rss=$RSS_KB; fi
        r=$((r + 1))
    done
    WALL_MS=$b_ms; RSS_KB=$b_rss
}
best_of "$OUT/out-j1.jsonl" ./tally extract "$CORPUS"
J1_MS=$WALL_MS; J1_RSS=$RSS_KB
EVENTS=$(wc -l <"$OUT/out-j1.jsonl")
echo "bench: extract -j 1: $J1_MS ms (best of $REPEAT), $EVENTS events"

# ---- extract, N threads ---------------------------------------------------------
best_of "$OUT/out-jN.jsonl" ./tally extract -j "$JOBS" "$CORPUS"
JN_MS=$WALL_MS; JN_RSS=$RSS_KB
if cmp -s "$OUT/out-j1.jsonl" "$OUT/out-jN.jsonl"; then SAME=yes; else SAME=NO; fi
echo "bench: extract -j $JOBS: $JN_MS ms (best of $REPEAT), output identical to -j 1: $SAME"
rm -f "$OUT/out-j1.jsonl" "$OUT/out-jN.jsonl"

# ---- start-up: median of 20 runs on a one-line report ----------------------------------
printf '{"id":"one","date":"2025-06-15","text":"Gunmen killed at least 12 civilians in Djibo on Sunday, local sources said."}\n' >"$OUT/one.jsonl"
: >"$OUT/startup.txt"
i=0
while [ $i -lt 20 ]; do
    measure /dev/null ./tally extract "$OUT/one.jsonl"
    echo "$WALL_MS" >>"$OUT/startup.txt"
    i=$((i + 1))
done
STARTUP=$(sort -n "$OUT/startup.txt" | awk '{ v[NR] = $1 } END { printf "%.1f", (v[10] + v[11]) / 2 }')

# ---- store and merge: an empty store, then one holding BENCH_MERGE_FILL events -------
# The filled store (build/bench/merge-N.db, ~1 GB for a million) is built once and reused.
build/merge "$CORPUS" "$OUT" "${BENCH_MERGE_FILL:-1000000}" 2000 >"$OUT/merge.txt" || echo "bench: merge failed" >&2
sed -n 's/^merge: /bench: merge: /p' "$OUT/merge.txt"

# ---- figures --------------------------------------------------------------------
echo
echo "corpus_mb: $CMB MB"
echo "corpus_reports: $NDOCS reports"
echo "extract_mb_s: $(calc "$BYTES / ($J1_MS * 1000)") MB/s   # -j 1; target >= 50 MB/s per core"
echo "extract_mb_s_jN: $(calc "$BYTES / ($JN_MS * 1000)") MB/s   # -j $JOBS; per thread $(calc "$BYTES / ($JN_MS * 1000 * $JOBS)") MB/s"
echo "reports_s: $(calc "$NDOCS * 1000 / $J1_MS" %.0f) reports/s   # -j 1"
echo "reports_s_jN: $(calc "$NDOCS * 1000 / $JN_MS" %.0f) reports/s   # -j $JOBS"
echo "scan_mb_s: $(calc "$BYTES / ($SCAN_MS * 1000)") MB/s   # floor: JSON + text_split + lex_match, no extraction"
echo "peak_rss_mb: $(calc "$J1_RSS / 1024") MB   # -j 1; target < 200 MB"
echo "peak_rss_mb_jN: $(calc "$JN_RSS / 1024") MB   # -j $JOBS; target < 200 MB"
echo "startup_ms: $STARTUP ms   # median of 20; target < 50 ms"
echo "jN_identical: $SAME"

# ---- instructions per MB: the figure to compare on a loaded machine ------------------
if [ "${BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
    CG=$OUT/corpus-$SEED-869.jsonl
    [ -s "$CG" ] || build/gen "$SEED" 869 >"$CG"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null ./tally extract "$CG" >/dev/null 2>"$OUT/cg.txt"
    IR=$(sed -n 's/.*Collected : *//p' "$OUT/cg.txt")
    [ -n "$IR" ] && echo "extract_minstr_per_mb: $(calc "$IR / $(wc -c <"$CG")" %.0f) Minstr/MB   # callgrind, $(calc "$IR / 1000000" %.0f) M instructions on $CG"
fi

# ---- the date stage beside chrono-node (bench/dates.js) ---------------------------
if command -v node >/dev/null 2>&1 && [ -d node_modules/chrono-node ]; then
    node bench/dates.js | sed -n 's/^\(dates_[a-z_0-9]*: .*\)$/\1/p; s/^\(bench\/dates: .*\)$/\1/p'
else
    echo "bench: node or chrono-node missing: date comparison skipped"
fi
grep -v '^merge: ' "$OUT/merge.txt"

# ---- tally serve under a bounded load on loopback (bench/serve.sh) ---------------------
sh bench/serve.sh | sed -n 's/^\(serve_[a-z_0-9]*: .*\)$/\1/p; s/^\(bench: .*\)$/\1/p'

# ---- the gazetteer index: start-up, memory, lookups (bench/gazetteer.c) ------------------
build build/bench-gazetteer bench/gazetteer.c -Iinclude -Isrc build/libtally.a -lutf8proc -lcjson -lsqlite3 -lm -lpthread
build/bench-gazetteer build/gazetteer.bin || echo "bench: gazetteer bench failed" >&2
