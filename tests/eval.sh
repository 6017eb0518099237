#!/bin/sh
# `make eval` in a checkout that has no ../shared beside it (every user's):
# it must say so and exit 0, without building anything.
# Prints "ok N - what" or "not ok N - what".  Usage: sh tests/eval.sh path/to/tally (unused)
. "$(dirname "$0")/lib/tap.sh"
mkdir -p "$tmp/alone/repo"
cp -R Makefile eval "$tmp/alone/repo/"
(cd "$tmp/alone/repo" && make -s eval) >"$tmp/out" 2>&1; echo $? >"$tmp/rc"
check "make eval without ../shared: exit 0" test "$(cat "$tmp/rc")" -eq 0
check "make eval without ../shared: says the data is absent" grep -q '../shared/data is absent; nothing to score' "$tmp/out"
check "make eval without ../shared: builds nothing" test ! -e "$tmp/alone/repo/build"
