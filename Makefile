# tally -- build, test, demo.
#
#   make demo    install what is missing, build, run on the bundled samples
#   make test    install what is missing, build under ASan+UBSan, run every test
#   make bench   benchmarks (print figures; never pass/fail)
#   make eval    score on ../shared/data when it is there
#
# Sources are picked up by wildcard: a new src/x.c joins libtally, a new
# tests/test_x.c becomes a test program.

CC      ?= cc
CSTD    := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
INC     := -Iinclude -Isrc
PATHS   := -DTALLY_DATADIR='"$(CURDIR)/data"' -DTALLY_GAZETTEER='"$(CURDIR)/build/gazetteer.bin"' \
           -DTALLY_WWWDIR='"$(CURDIR)/build/www"'
LIBS    := -lutf8proc -lcjson -lsqlite3 -lmicrohttpd -lm -lpthread

SRC     := $(wildcard src/*.c)
OBJ     := $(SRC:src/%.c=build/rel/%.o)
SANOBJ  := $(SRC:src/%.c=build/san/%.o)
TESTS   := $(patsubst tests/%.c,build/san/%,$(wildcard tests/test_*.c))
GAZ     := build/gazetteer.bin
# the web page of tally serve: ours from web/, the rest vendored from npm so
# that the browser fetches nothing from outside
WWW     := $(addprefix build/www/,index.html app.js app.css) \
           $(addprefix build/www/vendor/,leaflet.js leaflet.css topojson-client.min.js countries-110m.json)

.PHONY: all deps demo test check bench eval clean fuzz www
all: tally $(GAZ) $(WWW)

# ---- dependencies -------------------------------------------------------
build/.deps: scripts/deps.sh package.json
	@mkdir -p build
	sh scripts/deps.sh
	@touch $@
deps: build/.deps

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

# ---- library and CLI ----------------------------------------------------
build/rel/%.o: src/%.c $(wildcard src/*.h include/*.h)
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) $(PATHS) -MMD -c $< -o $@

build/san/%.o: src/%.c $(wildcard src/*.h include/*.h)
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(SANFLAGS) $(INC) $(PATHS) -c $< -o $@

build/libtally.a: $(OBJ)
	ar rcs $@ $^

build/san/libtally.a: $(SANOBJ)
	ar rcs $@ $^

CLI     := $(wildcard cli/*.c)

tally: $(CLI) cli/cli.h build/libtally.a
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) -Icli $(PATHS) $(CLI) build/libtally.a $(LIBS) -o $@

build/san/tally: $(CLI) cli/cli.h build/san/libtally.a
	$(CC) $(CSTD) $(WARN) $(SANFLAGS) $(INC) -Icli $(PATHS) $(CLI) build/san/libtally.a $(LIBS) -o $@

build/gazbuild: tools/gazbuild.c build/libtally.a
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) $< build/libtally.a $(LIBS) -o $@

$(GAZ): build/gazbuild node_modules/.package-lock.json data/places.tsv
	./build/gazbuild node_modules $@ data/places.tsv

# ---- the web page ---------------------------------------------------------
build/www/%: web/%
	@mkdir -p $(@D)
	cp $< $@

build/www/vendor/leaflet.%: node_modules/leaflet/dist/leaflet.% node_modules/.package-lock.json
	@mkdir -p $(@D)
	cp $< $@

build/www/vendor/topojson-client.min.js: node_modules/topojson-client/dist/topojson-client.min.js node_modules/.package-lock.json
	@mkdir -p $(@D)
	cp $< $@

build/www/vendor/countries-110m.json: node_modules/world-atlas/countries-110m.json node_modules/.package-lock.json
	@mkdir -p $(@D)
	cp $< $@

www: $(WWW)

# ---- tests --------------------------------------------------------------
build/san/test_%: tests/test_%.c tests/testutil.h tests/testtally.h build/san/libtally.a
	$(CC) $(CSTD) $(WARN) $(SANFLAGS) $(INC) $< build/san/libtally.a $(LIBS) -lcmocka -o $@

check: $(TESTS) build/san/tally tally $(GAZ) $(WWW)
	sh tests/run.sh $(TESTS)

test: deps
	$(MAKE) check

# ---- the sample ---------------------------------------------------------
demo: deps
	$(MAKE) all
	./tally extract examples/ $(wildcard ../shared/examples/*.txt)
	rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	./tally ingest --db build/demo.db examples/ $(wildcard ../shared/examples/*.txt)
	./tally stats --db build/demo.db

bench: all
	sh bench/run.sh

# Without ../shared there is nothing to score: say so (eval/run.sh) and stop
# before building anything, so that `make eval` works in any checkout.
eval:
	@if [ -d ../shared/data ]; then $(MAKE) all; fi
	sh eval/run.sh

fuzz: $(GAZ)
	sh fuzz/run.sh

clean:
	rm -rf build tally

-include $(OBJ:.o=.d)
