#!/bin/sh
# Runs every test program given on the command line, then the script tests, and
# closes on one line "N passed, N failed" (N counts individual test cases).
# Exit status is non-zero if anything failed.
passed=0
failed=0
# detect_stack_use_after_return: a pointer to a local array kept past its
# function's return read stale stack in place.c ("Town, Country" qualifiers)
# and went unseen without it.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "$@"; do
    out=$("$t" 2>&1)
    rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or sanitizer report
    if [ "$f" -ne 0 ]; then printf '%s\n' "$out"; fi
    echo "$(basename "$t"): $p passed, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
done
# Every tests/*.sh script takes the sanitizer build of the tally program as
# its argument and prints TAP-style lines: "ok N - what" / "not ok N - what".
# A script's checks look at output and exit codes, so a leak or a UBSan
# report in a run whose output was right would go unseen: the sanitizers
# write their reports to files here instead, and any report is a failure.
sanlogs=$(mktemp -d)
trap 'rm -rf "$sanlogs"' EXIT
for s in tests/*.sh; do
    [ "$s" = tests/run.sh ] && continue
    name=$(basename "$s" .sh)
    rm -f "$sanlogs"/*
    out=$(ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$sanlogs/asan" UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$sanlogs/ubsan" \
          sh "$s" build/san/tally 2>&1)
    printf '%s\n' "$out" | grep -v '^ok ' || true
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    for r in "$sanlogs"/*; do
        [ -s "$r" ] || continue
        echo "not ok - $name: sanitizer report ($(basename "$r")):"
        head -30 "$r" | sed 's/^/#   /'
        f=$((f + 1))
    done
    echo "$name: $p passed, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
