#!/bin/sh
# fuzz/run.sh (make fuzz) -- builds every fuzz/fuzz_*.c as a libFuzzer target
# with ASan and UBSan, runs each for FUZZ_SECONDS (default 30) and prints one
# line per target, "fuzz_NAME: N runs, 0 crashes".  Exits 1 if any target
# crashed, leaked, hung or failed one of its own checks (the input that did
# it is kept in build/fuzz/crash/ and its report is printed); 2 if the
# targets could not be built.
#
#   FUZZ_SECONDS=600 sh fuzz/run.sh            every target, ten minutes each
#   FUZZ_SECONDS=3600 sh fuzz/run.sh when       one target (names without fuzz_)
#   FUZZ_FLAGS='-max_len=65536' sh fuzz/run.sh  extra libFuzzer flags
#
# Corpora: fuzz/corpus/NAME/ holds the small hand-written seeds kept in the
# repository; the fuzzer writes what it discovers to build/fuzz/corpus/NAME/
# (never into the repository).  fuzz/NAME.dict, when present, is given as a
# libFuzzer dictionary.  See docs/hardening.md.
#
# The library is compiled once more here, by clang, with coverage
# instrumentation (-fsanitize=fuzzer-no-link), into build/fuzz/libtally.a;
# each target links against it, so a target needs nothing but its own file.
# Sources outside src/ that a target's header comment names (cli/x.c,
# tools/x.c) are compiled into that target as well.
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
CLANG=${CLANG:-clang}
B=build/fuzz

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "fuzz: $CLANG is needed (Debian: clang libclang-rt-14-dev; scripts/deps.sh installs them)" >&2
    exit 2
fi

CFLAGS="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -g -O1 -fno-omit-frame-pointer \
-fno-sanitize-recover=undefined -Wall -Wextra -Wno-unused-parameter -Iinclude -Isrc -Ifuzz"
DATADEF="-DTALLY_DATADIR=\"$ROOT/data\""
GAZDEF="-DTALLY_GAZETTEER=\"$ROOT/build/gazetteer.bin\""
LIBS="-lutf8proc -lcjson -lsqlite3 -lm -lpthread"
# The web server's library, for a target that parses its requests.
if pkg-config --exists libmicrohttpd 2>/dev/null; then
    CFLAGS="$CFLAGS $(pkg-config --cflags libmicrohttpd)"
    LIBS="$LIBS $(pkg-config --libs libmicrohttpd)"
fi

mkdir -p "$B/obj" "$B/corpus" "$B/crash" "$B/log"

# ---- build ------------------------------------------------------------------
# An object is rebuilt when its source or any header is newer than it.
newest_header=$(ls -t src/*.h include/*.h fuzz/*.h 2>/dev/null | head -1)
stale() { # stale OUT IN...: OUT is missing or older than an input
    out=$1; shift
    [ -f "$out" ] || return 0
    for i in "$@"; do [ "$i" -nt "$out" ] && return 0; done
    return 1
}
built=0
for c in src/*.c; do
    o="$B/obj/$(basename "$c" .c).o"
    if stale "$o" "$c" "$newest_header" fuzz/run.sh; then
        # shellcheck disable=SC2086
        if ! $CLANG $CFLAGS -fsanitize=fuzzer-no-link,address,undefined "$DATADEF" "$GAZDEF" -c "$c" -o "$o"; then
            echo "fuzz: cannot compile $c" >&2
            exit 2
        fi
        built=1
    fi
done
if [ "$built" = 1 ] || [ ! -f "$B/libtally.a" ]; then
    rm -f "$B/libtally.a"
    ar rcs "$B/libtally.a" "$B"/obj/*.o || exit 2
fi

names=""
for t in fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    name=${name#fuzz_}
    names="$names $name"
    # Sources outside src/ named in the target's leading comment.
    extra=$(sed -n '1,/\*\//p' "$t" | grep -o '\(cli\|tools\)/[A-Za-z0-9_]*\.c' | sort -u | tr '\n' ' ')
    for e in $extra; do [ -f "$e" ] || { echo "fuzz: $t names $e, which does not exist" >&2; exit 2; }; done
    # shellcheck disable=SC2086
    if stale "$B/fuzz_$name" "$t" "$B/libtally.a" "$newest_header" $extra; then
        if ! $CLANG $CFLAGS -Icli -fsanitize=fuzzer,address,undefined "$DATADEF" "$GAZDEF" "$t" $extra \
            "$B/libtally.a" $LIBS -o "$B/fuzz_$name"; then
            echo "fuzz: cannot build $t" >&2
            exit 2
        fi
    fi
done

# The extraction target reads the world index; build it if it is missing.
if [ ! -f build/gazetteer.bin ]; then
    make build/gazetteer.bin >/dev/null || { echo "fuzz: cannot build build/gazetteer.bin" >&2; exit 2; }
fi

# ---- run --------------------------------------------------------------------
[ $# -gt 0 ] && names=$*
# Scratch files the targets write per input go to memory when it is there.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then scratch_root=/dev/shm; else scratch_root="$ROOT/$B"; fi
scratch=$(mktemp -d "$scratch_root/tally_fuzz.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
export TMPDIR="$scratch"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

failed=0
for name in $names; do
    bin="$B/fuzz_$name"
    if [ ! -x "$bin" ]; then
        echo "fuzz_$name: no such target" >&2
        failed=1
        continue
    fi
    mkdir -p "$B/corpus/$name"
    seeds=""
    [ -d "fuzz/corpus/$name" ] && seeds="fuzz/corpus/$name"
    dict=""
    [ -f "fuzz/$name.dict" ] && dict="-dict=fuzz/$name.dict"
    rm -f "$B/crash/$name"-*
    log="$B/log/$name.log"
    # shellcheck disable=SC2086
    "$bin" "$B/corpus/$name" $seeds $dict -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$B/crash/$name-" $FUZZ_FLAGS >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
    [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
    crashes=$(ls "$B/crash/$name"-* 2>/dev/null | wc -l)
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
    echo "fuzz_$name: ${runs:-0} runs, $crashes crashes"
    if [ "$crashes" -ne 0 ]; then
        failed=1
        for a in "$B/crash/$name"-*; do [ -f "$a" ] && echo "#   input kept: $a"; done
        grep -n -A 30 -m 1 '==ERROR\|runtime error\|deadly signal\|ALARM\|out-of-memory' "$log" | head -40 | sed 's/^/#   /'
        echo "#   full log: $log"
    fi
done
exit $failed
