# livret — programme booklets from conference YAML.
#
#   make demo          install what is missing (Debian 12), build, render samples/
#   make check         the whole test suite (.ci/run calls it)
#   make check-corpus  render every ../shared/corpus programme with the same checks
#   make check-fresh   `make demo && make check` in a bare Debian 12 (root; .ci/run)
#   make check-unicode every assigned code point drawn or named (also in check)
#   make asan          the test suite under AddressSanitizer + UBSan
#   make install       PREFIX=/usr/local DESTDIR=
#   make bench         synthetic programmes, timings per stage
#   make typo-report   word spacing and hyphenation figures of justified text

VERSION  := 0.1.0
PREFIX   ?= /usr/local
BUILD    ?= build
CC       ?= cc
PKGS     := yaml-0.1 freetype2 harfbuzz harfbuzz-subset libutf8proc icu-uc icu-i18n libxml-2.0 fontconfig libpng lcms2 libdeflate
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(CI),true)
WARN     += -Werror
endif
# -O3: 4 % faster than -O2 at 1,000 sessions (make bench, issue 15), the
# same bytes (ISO C: no contraction into FMA, no fast-math).
OPT      ?= -O3 -g
CFLAGS   ?= $(OPT)
ALL_CFLAGS := -Isrc -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
              $(PKG_CFLAGS) -DLIVRET_VERSION='"$(VERSION)"' \
              -DLIVRET_DATADIR='"$(PREFIX)/share/livret"' $(CFLAGS)
LIBS     := -lhpdf -lhyphen -ljpeg $(PKG_LIBS) -lm -pthread

# One folder a stage (docs/architecture.md); main.c is the command line.
STAGES   := base model input import display text layout edition pdf
SRC      := $(wildcard src/livret.c) $(foreach d,$(STAGES),$(wildcard src/$(d)/*.c))
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/liblivret.a
BIN      := $(BUILD)/livret
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZERS  := loader pipeline unicode
# The fuzz harnesses without libFuzzer: replay tests/fuzz/regressions/.
FUZZ_REPLAY := $(FUZZERS:%=$(BUILD)/tests/replay_%)

.PHONY: FORCE
.PHONY: all demo deps check check-unit check-e2e check-corpus check-fresh check-unicode \
        asan valgrind \
        install uninstall clean bench typo-report update-golden fuzz fuzz-build

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LIBS)

# The harness sets LIVRET_DATADIR to this tree unless the caller did.
FUZZ_DEFS := -Itests/fuzz -DFUZZ_SRCDIR='"$(CURDIR)"'
$(BUILD)/tests/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(LIB) $(LIBS)
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIB)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -fsanitize=fuzzer -o $@ $< $(LIB) $(LIBS)

-include $(OBJ:.o=.d) $(BUILD)/obj/main.d

# The data directory is compiled into style.o: rebuild it when PREFIX changes.
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/obj/input/style.o: $(BUILD)/prefix.stamp
FORCE:

deps:
	@sh tools/deps.sh

demo: deps
	$(MAKE) all
	@mkdir -p out
	@for f in samples/*.yaml; do \
	  $(BIN) build "$$f" -o "out/$$(basename "$$f" .yaml).pdf" || exit 1; \
	done
	@echo "demo: PDFs in out/"

check: all $(UNIT_BIN) $(FUZZ_REPLAY) $(BUILD)/tests/sweep
	@sh tests/run.sh $(BUILD)

check-corpus: all
	@sh tests/corpus.sh $(BUILD) ../shared/corpus

# The README's two commands in a clone of the committed HEAD inside a bare
# Debian 12 chroot (needs root; the base system is cached).
check-fresh:
	@bash ../shared/tools/fresh/fresh-debian.sh . 'make demo && make check'

# The Unicode-wide sweep (tests/unicode/run.sh, tests/suite_unicode.sh in
# check); alone: make check-unicode.
$(BUILD)/tests/sweep: tests/unicode/sweep.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS)
check-unicode: all $(BUILD)/tests/sweep
	@sh tests/unicode/run.sh $(BUILD)

asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) BUILD=build-asan CC=clang \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

valgrind: all $(UNIT_BIN) $(FUZZ_REPLAY) $(BUILD)/tests/sweep
	@LIVRET_VALGRIND=1 sh tests/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/livret/fonts \
	  $(DESTDIR)$(PREFIX)/share/livret/layouts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/livret
	install -m 644 fonts/*.ttf fonts/LICENSE* fonts/SHA256SUMS $(DESTDIR)$(PREFIX)/share/livret/fonts/
	cp -R layouts/. $(DESTDIR)$(PREFIX)/share/livret/layouts/
	install -m 644 docs/livret.1 $(DESTDIR)$(PREFIX)/share/man/man1/livret.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/livret $(DESTDIR)$(PREFIX)/share/man/man1/livret.1
	rm -rf $(DESTDIR)$(PREFIX)/share/livret

clean:
	rm -rf build build-asan build-fuzz out

# Synthetic programmes against the floor (bench/floor.c): see bench/run.sh
# and docs/performance.md.  BENCH_SIZES and BENCH_RUNS override.
$(BUILD)/floor: bench/floor.c
	$(CC) $(ALL_CFLAGS) -o $@ $< -lhpdf

bench: all $(BUILD)/floor
	@sh bench/run.sh $(BUILD)

# Word spacing of justified text, measured from pdftotext's word boxes on
# the typography bench (bench/gen.py's 40 sessions, bench/typo/layout.yaml);
# see tests/tools/spacing.py and docs/performance.md.
typo-report: all
	@mkdir -p $(BUILD)/bench
	@python3 bench/gen.py 40 > $(BUILD)/bench/typo-40.yaml
	@$(BIN) build $(BUILD)/bench/typo-40.yaml --layout bench/typo/layout.yaml \
	  -q -o $(BUILD)/bench/typo-40.pdf
	@python3 tests/tools/spacing.py $(BUILD)/bench/typo-40.pdf 10 0.26

# libFuzzer harnesses (clang), ASan+UBSan, each run FUZZ_SECONDS; the
# corpus is kept in build-fuzz/corpus.  See tests/fuzz/run.sh.
FUZZ_SECONDS ?= 60
FUZZ_OPT := -O1 -g -fsanitize=address,undefined,fuzzer-no-link \
            -fno-omit-frame-pointer -fno-sanitize-recover=all
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="$(FUZZ_OPT)" \
	  $(FUZZERS:%=build-fuzz/fuzz_%)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZERS)

# Rewrite the golden dumps from the current build; review with git diff.
update-golden: all
	@for y in tests/golden/*.yaml; do \
	  $(BIN) build "$$y" --dump -q -o "$${y%.yaml}.dump" || exit 1; \
	done; echo "golden dumps rewritten: review with git diff tests/golden"
