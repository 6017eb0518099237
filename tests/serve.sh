#!/bin/sh
# tally serve as an analyst and as a hostile client meet it: a store ingested
# from the repository's fixtures, the server on a free loopback port, the API
# checked with curl against the store itself (sqlite3), bad requests refused
# with the right 4xx and no change to the file, the rate limit, then the page
# in Chromium (tests/e2e.js).  The server is the sanitizer build: it is
# stopped with SIGTERM and must exit 0 with no leak report.
# Prints "ok N - what" or "not ok N - what".  Usage: sh tests/serve.sh build/san/tally
TALLY=${1:-./tally}
. "$(dirname "$0")/lib/tap.sh"
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

q() { sqlite3 -readonly "$db" "$1"; }
# status code to stdout, body to $tmp/body, headers to $tmp/hdr
http() { curl -s -o "$tmp/body" -D "$tmp/hdr" -w '%{http_code}' --max-time 10 "$@"; }
is() { # is WANT GOT: for check
    [ "$1" = "$2" ] || { echo "expected '$1', got '$2'"; cat "$tmp/body" 2>/dev/null; return 1; }
}
header() { tr -d '\r' <"$tmp/hdr" | grep -i "^$1:" | head -1 | sed 's/^[^:]*: *//'; }
js() { # js 'expression over j' < json: prints the value
    node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(String(eval(process.argv[1])));' "$1"
}

command -v curl >/dev/null 2>&1 || { skip "curl missing"; exit 0; }
command -v node >/dev/null 2>&1 || { skip "node missing"; exit 0; }

# start NAME ARGS...: starts tally serve on a free port, sets PORT
start() {
    name=$1; shift
    "$TALLY" serve --port 0 "$@" 2>"$tmp/$name.err" &
    pid=$!
    pids="$pids $pid"
    eval "${name}_pid=$pid"
    i=0
    PORT=
    while [ $i -lt 200 ]; do
        PORT=$(sed -n 's|^tally serve: http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/$name.err")
        [ -n "$PORT" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
        i=$((i + 1))
    done
}

# --- the store ------------------------------------------------------------------
db=$tmp/test.db
"$TALLY" ingest --db "$db" tests/fixtures/serve examples tests/fixtures/menaka-2025-06-15.txt 2>"$tmp/ingest.err"
check "a test store ingested from the fixtures" test "$(q 'SELECT count(*) FROM event')" -gt 5
SUM_BEFORE=$(cksum <"$db")

start main --db "$db" --rate 10000
check "serve prints the loopback URL it listens on" test -n "$PORT"
BASE=http://127.0.0.1:$PORT
if command -v ss >/dev/null 2>&1; then
    check "it listens on 127.0.0.1 only" sh -c "ss -ltnH 'sport = :$PORT' | awk '{print \$4}' | grep -qx '127.0.0.1:$PORT'"
fi

# --- the page -------------------------------------------------------------------------
check "/ is the page, text/html" sh -c "test \"\$(curl -s -o /dev/null -w '%{http_code} %{content_type}' $BASE/)\" = '200 text/html; charset=utf-8'"
check "/app.js is JavaScript" sh -c "test \"\$(curl -s -o /dev/null -w '%{http_code} %{content_type}' $BASE/app.js)\" = '200 text/javascript; charset=utf-8'"
check "vendored Leaflet is served as built" sh -c "curl -s $BASE/vendor/leaflet.js | cmp -s - build/www/vendor/leaflet.js"
check "vendored Natural Earth outlines are served" sh -c "curl -s $BASE/vendor/countries-110m.json | cmp -s - build/www/vendor/countries-110m.json"
check "the page names no outside host (but the SVG namespace)" sh -c "! grep -E 'https?://' build/www/index.html build/www/app.js build/www/app.css | grep -v \"createElementNS('http://www.w3.org/2000/svg'\""

# --- the API against the store --------------------------------------------------------
check "/api/meta: 200, JSON" is "200 application/json; charset=utf-8" "$(curl -s -o "$tmp/meta" -w '%{http_code} %{content_type}' "$BASE/api/meta")"
check "/api/meta counts the store's events" is "$(q 'SELECT count(*) FROM event')" "$(js j.events <"$tmp/meta")"
http "$BASE/api/events" >/dev/null
check "/api/events: every event" is "$(q 'SELECT count(*) FROM event')" "$(js j.events.length <"$tmp/body")"
check "/api/events: security headers" sh -c "grep -qi '^X-Content-Type-Options: nosniff' $tmp/hdr && grep -qi \"^Content-Security-Policy: default-src 'self'\" $tmp/hdr"
http "$BASE/api/events?country=ML&min_fatalities=10" >/dev/null
check "/api/events?country=ML&min_fatalities=10: as SQL selects them" is \
    "$(q "SELECT group_concat(id) FROM (SELECT id FROM event WHERE iso3 = 'MLI' AND coalesce(fatalities_best, 0) >= 10 ORDER BY event_date, id)")" \
    "$(js 'j.events.map(e => e.id).join(",")' <"$tmp/body")"
http "$BASE/api/events?bbox=-6,10,3,16&since=2025-03-01&until=2025-06-30" >/dev/null
check "/api/events with bbox and dates: as SQL selects them" is \
    "$(q "SELECT group_concat(id) FROM (SELECT id FROM event WHERE latitude BETWEEN 10 AND 16 AND longitude BETWEEN -6 AND 3 AND event_date BETWEEN '2025-03-01' AND '2025-06-30' ORDER BY event_date, id)")" \
    "$(js 'j.events.map(e => e.id).join(",")' <"$tmp/body")"
http "$BASE/api/events?type=Air%2Fdrone%20strike&limit=1" >/dev/null
check "/api/events?limit=1: one event, the total and truncated" is "1 $(q "SELECT count(*) FROM event WHERE sub_event_type = 'Air/drone strike'") true" \
    "$(js '[j.count, j.total, j.truncated].join(" ")' <"$tmp/body")"
KIDAL=$(q "SELECT id FROM event WHERE location = 'Kidal'")
http "$BASE/api/events/$KIDAL" >/dev/null
check "/api/events/ID: the Kidal strike's four claims and their sources" is \
    "separatists,local politician,local NGO official,retired local official" \
    "$(js 'j.claims.filter(c => c.part_of === null).map(c => c.source).join(",")' <"$tmp/body")"
check "/api/events/ID: the report text, marked, is the stored text" is \
    "$(q "SELECT text FROM document WHERE doc_key LIKE '%kidal-2025-09-14.txt'" | cksum)" \
    "$(js 'j.reports[0].segments.map(s => s.text).join("") + "\n"' <"$tmp/body" | cksum)"
http "$BASE/api/weekly" >/dev/null
check "/api/weekly: best figures add up to the store's" is "$(q 'SELECT total(fatalities_best) FROM event' | sed 's/\.0$//')" \
    "$(js 'j.weeks.reduce((s, w) => s + w.best, 0)' <"$tmp/body")"
check "keep-alive: two requests on one connection" sh -c "curl -s -o /dev/null -o /dev/null -w '%{http_code}%{num_connects}\n' $BASE/api/meta $BASE/api/weekly | tr '\n' ' ' | grep -qx '2001 2000 '"
check "HEAD: 200, no body" sh -c "test \"\$(curl -s -I -o /dev/null -w '%{http_code}' $BASE/api/meta)\" = 200"

# --- bad requests: the right 4xx, JSON, and nothing changes -----------------------------
long=$(head -c 3000 /dev/zero | tr '\0' a)
huge=$(head -c 100000 /dev/zero | tr '\0' a)
check "a 3 KB query string: 414" is 414 "$(http "$BASE/api/events?type=$long")"
check "a 3 KB query string: the error is JSON" is "application/json; charset=utf-8" "$(header Content-Type)"
check "a 100 KB query string: 414" is 414 "$(http "$BASE/api/events?type=$huge")"
check "a 40 KB header: refused" sh -c "c=\$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Pad: $(head -c 40000 /dev/zero | tr '\0' b)' $BASE/api/meta); test \$c -ge 400 -a \$c -lt 500"
check "../ in the path: 400" is 400 "$(http --path-as-is "$BASE/../../etc/passwd")"
check "../ after a real directory: 400" is 400 "$(http --path-as-is "$BASE/vendor/../../data/countries.tsv")"
check "%2e%2e in the path: 400" is 400 "$(http --path-as-is "$BASE/%2e%2e/%2e%2e/etc/passwd")"
check "%2E%2E%2F in the path: 400" is 400 "$(http --path-as-is "$BASE/vendor/%2E%2E%2Fapp.js")"
check "an encoded NUL in the path: 400" is 400 "$(http --path-as-is "$BASE/app.js%00.html")"
check "a file beside the page, not listed: 404" is 404 "$(http "$BASE/vendor/leaflet.js.map")"
check "an unknown path: 404, JSON" sh -c "test \"\$(curl -s -o /dev/null -w '%{http_code} %{content_type}' $BASE/nothing/here)\" = '404 application/json; charset=utf-8'"
check "an unknown event: 404" is 404 "$(http "$BASE/api/events/999999")"
check "SQL in type: 400" is 400 "$(http "$BASE/api/events?type=x%27%20OR%20%271%27%3D%271")"
check "SQL in country: 400" is 400 "$(http "$BASE/api/events?country=MLI%27%3B%20DROP%20TABLE%20event%3B--")"
check "SQL in min_fatalities: 400" is 400 "$(http "$BASE/api/events?min_fatalities=0%20OR%201%3D1")"
check "SQL in the event id: 404" is 404 "$(http "$BASE/api/events/1%20OR%201=1")"
check "the error names no internals" sh -c "! grep -Eqi 'sqlite|select|/tmp|\\.c:' $tmp/body"
check "an unknown parameter: 400" is 400 "$(http "$BASE/api/events?contry=ML")"
check "a bad date: 400" is 400 "$(http "$BASE/api/events?since=2025-02-30")"
check "a limit over 5000: 400" is 400 "$(http "$BASE/api/events?limit=5001")"
check "POST: 405" is 405 "$(http -X POST -d 'x=1' "$BASE/api/events")"
check "405 says what is allowed" is "GET, HEAD" "$(header Allow)"
check "PUT: 405" is 405 "$(http -X PUT -d 'x' "$BASE/index.html")"
check "DELETE: 405" is 405 "$(http -X DELETE "$BASE/api/events/1")"
check "a GET with a body: 413" is 413 "$(http -X GET -H 'Content-Type: text/plain' --data-binary 'abc' "$BASE/api/meta")"
check "a Host that is not loopback (DNS rebinding): 400" is 400 "$(http -H 'Host: evil.example' "$BASE/api/meta")"
check "the server still answers after all that" is 200 "$(http "$BASE/api/meta")"
check "the store is unchanged, byte for byte" is "$SUM_BEFORE" "$(cksum <"$db")"
check "the store is intact" is ok "$(q 'PRAGMA integrity_check')"

# --- the rate limit ---------------------------------------------------------------------
start slow --db "$db" --rate 2
SLOW=$PORT
codes=$(for i in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$SLOW/api/meta"; done)
# --rate 2 allows bursts of 4: each request takes one token, not one per callback
check "over the rate limit: 429 after the burst of 4 ($codes)" sh -c "echo '$codes' | grep -q '^200 200 200 200 .*429'"
check "429 says when to come back" sh -c "curl -s -D - -o /dev/null http://127.0.0.1:$SLOW/api/meta | tr -d '\r' | grep -qi '^Retry-After: 1'"
kill -TERM "$slow_pid"; wait "$slow_pid"; echo $? >"$tmp/rc"
check "SIGTERM: exit 0" grep -qx 0 "$tmp/rc"

# --- usage and fatal errors ------------------------------------------------------------------
"$TALLY" serve --help >"$tmp/out" 2>&1; echo $? >"$tmp/rc"
check "--help: usage on stdout, exit 0" sh -c "grep -qx 0 $tmp/rc && grep -q '^usage: tally serve' $tmp/out"
"$TALLY" serve --frobnicate 1 >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "an unknown option: exit 2, named" sh -c "grep -qx 2 $tmp/rc && grep -q frobnicate $tmp/err"
"$TALLY" serve --db "$tmp/none.db" --port 0 >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "a missing store: exit 2, named" sh -c "grep -qx 2 $tmp/rc && grep -q 'none.db' $tmp/err"
"$TALLY" serve --db "$db" --bind example.org >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "--bind takes an address: exit 2" grep -qx 2 "$tmp/rc"
"$TALLY" serve --db "$db" --port "$(echo "$BASE" | sed 's/.*://')" >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"
check "a port in use: exit 2, said" sh -c "grep -qx 2 $tmp/rc && grep -q 'cannot listen' $tmp/err"
"$TALLY" serve --db "$db" --port 70000 >/dev/null 2>&1; echo $? >"$tmp/rc"
check "a port out of range: exit 2" grep -qx 2 "$tmp/rc"

# --- the page in a browser ----------------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
    skip "chromium missing: browser test"
elif [ ! -d node_modules/playwright-core ]; then
    skip "playwright-core missing: browser test"
else
    mkdir -p build
    node tests/e2e.js "$BASE/" build/serve-e2e.png $((n + 1)) >"$tmp/e2e.out" 2>&1
    cat "$tmp/e2e.out" | grep -E '^(not )?ok |^#'
    n=$((n + $(grep -cE '^(not )?ok ' "$tmp/e2e.out")))
fi

# --- a clean stop ----------------------------------------------------------------------------------
kill -TERM "$main_pid"; wait "$main_pid"; echo $? >"$tmp/rc"
check "SIGTERM: the server stops with exit 0" grep -qx 0 "$tmp/rc"
check "no sanitizer report (leaks included) from the server" sh -c "! grep -q 'Sanitizer' $tmp/main.err $tmp/slow.err"
check "after the browser, the store is still unchanged" is "$SUM_BEFORE" "$(cksum <"$db")"
