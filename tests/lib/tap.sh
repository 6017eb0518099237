# tests/lib/tap.sh -- sourced by every tests/*.sh script: the TAP-style lines
# tests/run.sh counts, and a scratch directory removed on exit.
#
#   . "$(dirname "$0")/lib/tap.sh"
#   check "what it asserts" command args...   # "ok N - what" or "not ok N - what"
#   skip "why"                                # "ok N - # SKIP why"
#
# A script that needs more cleaning up sets its own EXIT trap and removes
# "$tmp" there.  (It lives in lib/ so that run.sh, which runs tests/*.sh,
# does not run it as a test.)
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # check "what" command...
    what=$1; shift
    n=$((n + 1))
    if "$@" >"$tmp/log" 2>&1; then echo "ok $n - $what"; else echo "not ok $n - $what"; sed 's/^/#   /' "$tmp/log"; fi
}
skip() { n=$((n + 1)); echo "ok $n - # SKIP $1"; }
