# alliance-briefing - top-level Makefile.
#
# Sources are discovered, so adding a module never means editing this file:
#   stages/common/*.c        -> $(BUILD)/lib/libcommon.a
#   stages/STAGE/*.c         -> $(BUILD)/lib/libSTAGE.a (all but main.c)
#   stages/STAGE/main.c      -> $(BUILD)/bin/STAGE
#   tests/unit/*.c           -> $(BUILD)/tests/NAME (cmocka unit tests)
#   tests/tools/*.c          -> $(BUILD)/tests/NAME (test harness programs)
# Module file names are unique across stages/ (no two foo.c).

VERSION     = 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
OPT        ?= -O2 -g
CC         ?= cc
AR         ?= ar
PKG_CONFIG ?= pkg-config
DATADIR     = $(PREFIX)/share/alliance-briefing

# V=1 shows the full compiler command lines.
ifeq ($(V),1)
Q =
else
Q = @
endif

WARN        = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
HPDF_LIBS   = -lhpdf

ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Istages/common \
              -DBRIEFING_VERSION='"$(VERSION)"' -DBRIEFING_DATADIR='"$(DATADIR)"' \
              $(WARN) $(OPT) $(DEP_CFLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)
ifdef SANITIZE   # make SANITIZE=address,undefined BUILD=build/asan ...
ALL_CFLAGS  += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
endif

STAGES      = clean extract compare render jsonschema
LIBS_clean      = $(JANSSON_LIBS) -lm
LIBS_extract    = $(JANSSON_LIBS) -lm
LIBS_compare    = $(JANSSON_LIBS) -lm
LIBS_render     = $(HPDF_LIBS) $(JANSSON_LIBS) -lm
LIBS_jsonschema = $(JANSSON_LIBS) -lm

COMMON_SRC  = $(wildcard stages/common/*.c)
COMMON_OBJ  = $(COMMON_SRC:%.c=$(BUILD)/obj/%.o)
stage_src   = $(filter-out stages/$(1)/main.c,$(wildcard stages/$(1)/*.c))
BINS        = $(STAGES:%=$(BUILD)/bin/%)
STAGE_LIBS  = $(STAGES:%=$(BUILD)/lib/lib%.a)
TEST_SRC    = $(wildcard tests/unit/*.c) $(wildcard tests/tools/*.c)
TEST_BINS   = $(patsubst %.c,$(BUILD)/tests/%,$(notdir $(TEST_SRC)))

.PHONY: all test check asan tests-bin install uninstall clean deps format format-check \
        valgrind fuzz bench
.DELETE_ON_ERROR:

all: $(BINS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/lib/libcommon.a: $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

define STAGE_RULES
$(BUILD)/lib/lib$(1).a: $(patsubst %.c,$(BUILD)/obj/%.o,$(call stage_src,$(1)))
	@mkdir -p $$(dir $$@)
	$(Q)rm -f $$@ && $(AR) rcs $$@ $$^
$(BUILD)/bin/$(1): $(BUILD)/obj/stages/$(1)/main.o $(BUILD)/lib/lib$(1).a $(BUILD)/lib/libcommon.a
	@mkdir -p $$(dir $$@)
	@$(if $(Q),echo "  LINK    $$@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $$@ $$^ $$(LIBS_$(1))
endef
$(foreach s,$(STAGES),$(eval $(call STAGE_RULES,$(s))))

define TEST_RULES
$(BUILD)/tests/$(basename $(notdir $(1))): $(patsubst %.c,$(BUILD)/obj/%.o,$(1)) $(STAGE_LIBS) $(BUILD)/lib/libcommon.a
	@mkdir -p $$(dir $$@)
	@$(if $(Q),echo "  LINK    $$@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $$@ $$< -Wl,--start-group $(STAGE_LIBS) $(BUILD)/lib/libcommon.a -Wl,--end-group $(CMOCKA_LIBS) $(HPDF_LIBS) $(JANSSON_LIBS) -lm
endef
$(foreach t,$(TEST_SRC),$(eval $(call TEST_RULES,$(t))))

$(BUILD)/obj/tests/%.o: ALL_CFLAGS += $(CMOCKA_CFLAGS) -Wno-unused-parameter

tests-bin: $(BINS) $(TEST_BINS)

# The test suite: the normal build, then the same suites under ASan+UBSan.
test: format-check tests-bin
	$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=address,undefined OPT="-O1 -g" tests-bin
	tests/run.sh $(BUILD) build/asan

check: test

asan:
	$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=address,undefined OPT="-O1 -g" tests-bin

valgrind: all
	tests/valgrind.sh

fuzz:
	tests/fuzz/run.sh $(FUZZ_SECONDS)

bench:
	tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/schemas
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 schemas/*.json $(DESTDIR)$(DATADIR)/schemas/
	for d in stages/*/data; do \
	  [ -d "$$d" ] || continue; \
	  install -d "$(DESTDIR)$(DATADIR)/$$d" && install -m 644 "$$d"/* "$(DESTDIR)$(DATADIR)/$$d/"; \
	done

uninstall:
	rm -f $(STAGES:%=$(DESTDIR)$(PREFIX)/bin/%)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

# Debian packages the build, the tests and the PDF checks need (run as root).
DEB_PACKAGES = build-essential pkg-config clang libhpdf-dev libjansson-dev libcmocka-dev \
               fonts-dejavu-core fonts-nanum poppler-utils qpdf mupdf-tools ghostscript \
               python3 valgrind clang-format util-linux
deps:
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "make deps: run as root: apt-get install -y $(DEB_PACKAGES)"; exit 1; fi
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES)

FORMAT_SRC = $(wildcard stages/*/*.c stages/*/*.h tests/unit/*.c tests/tools/*.c tests/fuzz/*.c)
format:
	clang-format -i $(FORMAT_SRC)
format-check:
	@clang-format --dry-run --Werror $(FORMAT_SRC) && echo "format-check: $(words $(FORMAT_SRC)) files formatted"

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
