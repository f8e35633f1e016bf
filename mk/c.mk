# C ABI, C++ wrapper and packaging (crates/connect-session-ffi, include/, tests/c,
# tests/cpp, examples/quickstart.{c,cpp}). Every target builds what it needs with cargo.

.PHONY: generate test-generated header check-header cbindgen-tool cbindgen-config ffi-debug ffi-release test-header test-compile-fail test-c test-cpp \
	test-c-valgrind test-install install uninstall demo-c demo-cpp

TEST_TARGETS += test-generated test-header test-compile-fail test-c test-cpp test-c-valgrind test-install
DEMO_TARGETS += demo-c demo-cpp
LINT_TARGETS += check-header

# cbindgen's output changes between releases: the header is made by exactly this version.
CBINDGEN_VERSION := 0.29.4
FFI_TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
CBINDGEN_ROOT := $(FFI_TARGET_DIR)/tools
CBINDGEN := $(CBINDGEN_ROOT)/bin/cbindgen
FFI_CRATE := crates/connect-session-ffi
HEADER := include/connect_session.h
# cbindgen.toml with the version filled in (see cbindgen-config below).
CBINDGEN_CONFIG := $(FFI_TARGET_DIR)/cbindgen/cbindgen.toml
CBINDGEN_ARGS := --quiet --config $(CBINDGEN_CONFIG) --crate connect-session-ffi \
	--output $(HEADER) $(FFI_CRATE)

# The workspace version ([workspace.package]), which connect_session_version() returns:
# the one place it is written. The SONAME follows cargo-c's rule (build.rs sets it).
CS_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
CS_VERSION_MAJOR := $(word 1,$(subst ., ,$(CS_VERSION)))
CS_VERSION_MINOR := $(word 2,$(subst ., ,$(CS_VERSION)))
CS_VERSION_PATCH := $(firstword $(subst -, ,$(subst +, ,$(word 3,$(subst ., ,$(CS_VERSION))))))
SO_LINK := libconnect_session.so
SONAME := $(SO_LINK).$(if $(filter 0,$(CS_VERSION_MAJOR)),0.$(CS_VERSION_MINOR),$(CS_VERSION_MAJOR))
SO_REAL := $(SO_LINK).$(CS_VERSION_MAJOR).$(CS_VERSION_MINOR).$(CS_VERSION_PATCH)

FFI_DEBUG_DIR := $(FFI_TARGET_DIR)/debug
FFI_DEBUG_A := $(FFI_DEBUG_DIR)/libconnect_session.a
FFI_RELEASE_DIR := $(FFI_TARGET_DIR)/release
C_OUT := $(FFI_TARGET_DIR)/c
# What a program linking libconnect_session.a also needs, as rustc printed it
# when it built the archive (mk/ffi-build.sh); read when the recipe runs.
NATIVE_LIBS = $$(cat $(FFI_DEBUG_DIR)/connect_session.native-libs)

C_STD := -std=c99 -Wall -Wextra -Wpedantic -Werror -g
CXX_STD := -std=c++17 -Wall -Wextra -Wpedantic -Werror -g
C_TEST_FLAGS := -Iinclude -Itests/c -DEXPECTED_VERSION='"$(CS_VERSION)"'
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
VALGRIND := valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=1
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1

# --- header ------------------------------------------------------------------

cbindgen-tool:
	@"$(CBINDGEN)" --version 2>/dev/null | grep -qx 'cbindgen $(CBINDGEN_VERSION)' || \
		$(CARGO) install cbindgen --version $(CBINDGEN_VERSION) --locked --root "$(CBINDGEN_ROOT)"

# The header's version macros are the workspace version, so cbindgen.toml
# holds placeholders that this fills in.
cbindgen-config:
	@mkdir -p $(dir $(CBINDGEN_CONFIG))
	@sed -e 's|@VERSION_MAJOR@|$(CS_VERSION_MAJOR)|' -e 's|@VERSION_MINOR@|$(CS_VERSION_MINOR)|' \
		-e 's|@VERSION_PATCH@|$(CS_VERSION_PATCH)|' -e 's|@VERSION@|$(CS_VERSION)|' \
		$(FFI_CRATE)/cbindgen.toml >$(CBINDGEN_CONFIG)

# Everything that follows from the core's table of models is written by one
# generator (xtask/): the C ABI's functions, the C++ classes, the Python
# classes and stubs, the JSON Schema files and the documentation's tables;
# then cbindgen writes the header from the C functions. `make test` fails
# while any of it is stale (test-generated).
generate: ## rewrite every file that follows from the core's table of models, then the header
	$(CARGO) run -q -p xtask -- generate
	$(MAKE) --no-print-directory header

test-generated: ## the generated files are current (xtask check)
	$(CARGO) run -q -p xtask -- check

header: cbindgen-tool cbindgen-config ## regenerate include/connect_session.h with the pinned cbindgen
	"$(CBINDGEN)" $(CBINDGEN_ARGS)

check-header: cbindgen-tool cbindgen-config ## fail if include/connect_session.h is stale
	@"$(CBINDGEN)" $(CBINDGEN_ARGS) --verify || \
		{ echo "$(HEADER) is stale: run 'make header' and commit it"; exit 1; }

# --- builds ------------------------------------------------------------------

ffi-debug:
	CARGO="$(CARGO)" mk/ffi-build.sh $(FFI_DEBUG_DIR)

ffi-release:
	CARGO="$(CARGO)" mk/ffi-build.sh $(FFI_RELEASE_DIR) --release

# --- tests -------------------------------------------------------------------

test-header: ## the headers compile on their own: C99 and C++17, warnings as errors
	$(CC) $(C_STD) -Iinclude -fsyntax-only tests/c/header_alone.c
	$(CXX) $(CXX_STD) -Iinclude -fsyntax-only -x c++ tests/c/header_alone.c
	$(CXX) $(CXX_STD) -Iinclude -fsyntax-only tests/cpp/header_alone.cpp

test-compile-fail: ## code that must not compile (views of temporaries, ignored statuses): fails as expected
	CC="$(CC)" CXX="$(CXX)" tests/compile_fail/run.sh

test-c: ffi-debug test-header ## C suites (API misuse, shared vectors) with ASan+UBSan
	@mkdir -p $(C_OUT)/asan
	$(CC) $(C_STD) $(SANITIZE) $(C_TEST_FLAGS) tests/c/test_api.c $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/asan/test_api
	$(CC) $(C_STD) $(SANITIZE) $(C_TEST_FLAGS) tests/c/test_vectors.c $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/asan/test_vectors
	@for t in test_api test_vectors; do \
		nm $(C_OUT)/asan/$$t | grep -q __asan_init || { echo "$$t: built without ASan"; exit 1; }; \
	done
	$(SAN_ENV) $(C_OUT)/asan/test_api
	$(SAN_ENV) $(C_OUT)/asan/test_vectors tests/vectors

test-cpp: ffi-debug test-header ## C++ wrapper suite with ASan+UBSan
	@mkdir -p $(C_OUT)/asan
	$(CXX) $(CXX_STD) $(SANITIZE) $(C_TEST_FLAGS) tests/cpp/test_wrapper.cpp $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/asan/test_wrapper
	@nm $(C_OUT)/asan/test_wrapper | grep -q __asan_init || { echo "test_wrapper: built without ASan"; exit 1; }
	$(SAN_ENV) $(C_OUT)/asan/test_wrapper

test-c-valgrind: ffi-debug ## C and C++ suites under valgrind: no error, no leak of any kind
	@command -v valgrind >/dev/null || { echo "valgrind is required"; exit 1; }
	@mkdir -p $(C_OUT)/plain
	$(CC) $(C_STD) $(C_TEST_FLAGS) tests/c/test_api.c $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/plain/test_api
	$(CC) $(C_STD) $(C_TEST_FLAGS) tests/c/test_vectors.c $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/plain/test_vectors
	$(CXX) $(CXX_STD) $(C_TEST_FLAGS) tests/cpp/test_wrapper.cpp $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/plain/test_wrapper
	$(VALGRIND) $(C_OUT)/plain/test_api
	$(VALGRIND) $(C_OUT)/plain/test_vectors tests/vectors
	$(VALGRIND) $(C_OUT)/plain/test_wrapper

# CMake: the machine's, else the pinned one `make venv` installs from PyPI.
test-install: venv ## install (several layouts), use it via pkg-config and CMake, uninstall
	CC="$(CC)" CXX="$(CXX)" CARGO="$(CARGO)" MAKE="$(MAKE)" \
		CMAKE="$(or $(CMAKE),$(shell command -v cmake),$(VENV_BIN)/cmake)" tests/c/test_install.sh

# --- packaging ---------------------------------------------------------------
# PREFIX, LIBDIR and INCLUDEDIR as distributions pass them: LIBDIR and
# INCLUDEDIR are under PREFIX when relative (lib64, lib/x86_64-linux-gnu) and
# used as given when absolute. DESTDIR stages the files for a package: it
# prefixes every path written (connect_session.pc and the CMake package record
# none, see below).

PREFIX ?= /usr/local
LIBDIR ?= lib
INCLUDEDIR ?= include
DOCDIR ?= share/doc/connect-session
STRIP ?= strip
under_prefix = $(if $(filter /%,$(1)),$(1),$(PREFIX)/$(1))
LIB_PATH = $(call under_prefix,$(LIBDIR))
INC_PATH = $(call under_prefix,$(INCLUDEDIR))
DOC_PATH = $(call under_prefix,$(DOCDIR))
CMAKE_PKG_DIR = cmake/connect_session
# connect_session.pc and the CMake package record no absolute path: each finds the
# rest from its own directory (pkg-config's ${pcfiledir}, CMake's
# CMAKE_CURRENT_LIST_DIR), so the installed tree works wherever it is moved or
# unpacked (the archive of `make dist` is this install), and DESTDIR cannot leak in.
relative_path = $(shell realpath -m -s --relative-to='$(1)' '$(2)')
PC_TO_PREFIX = $(call relative_path,$(LIB_PATH)/pkgconfig,$(PREFIX))
PC_LIBDIR = $(if $(filter /%,$(LIBDIR)),$${pcfiledir}/..,$${prefix}/$(LIBDIR))
PC_INCLUDEDIR = $(if $(filter /%,$(INCLUDEDIR)),$${pcfiledir}/$(call relative_path,$(LIB_PATH)/pkgconfig,$(INC_PATH)),$${prefix}/$(INCLUDEDIR))
CMAKE_TO_INCLUDEDIR = $(call relative_path,$(LIB_PATH)/$(CMAKE_PKG_DIR),$(INC_PATH))
POINTER_BITS := $(shell rustc --print cfg 2>/dev/null | sed -n 's/^target_pointer_width="\(.*\)"/\1/p')

# Everything install puts in place, which is exactly what uninstall removes.
INSTALLED_LIB_FILES = $(SO_REAL) $(SONAME) $(SO_LINK) libconnect_session.a pkgconfig/connect_session.pc \
	$(CMAKE_PKG_DIR)/connect_sessionConfig.cmake $(CMAKE_PKG_DIR)/connect_sessionConfigVersion.cmake
INSTALLED_INCLUDE_FILES = connect_session.h connect_session.hpp
# The header points its readers here.
INSTALLED_DOC_FILES = contract.md

STAGE := $(FFI_RELEASE_DIR)/install-stage
FILL_IN = sed -e 's|@VERSION@|$(CS_VERSION)|' \
	-e 's|@MAJOR@|$(CS_VERSION_MAJOR)|' -e 's|@MINOR@|$(CS_VERSION_MINOR)|' \
	-e 's|@SO_REAL@|$(SO_REAL)|' -e 's|@SONAME@|$(SONAME)|' -e "s|@NATIVE_LIBS@|$$native|"

install: ffi-release ## install the libraries, headers, pkg-config file, CMake package and contract (PREFIX, LIBDIR, INCLUDEDIR, DOCDIR, DESTDIR)
	@rm -rf $(STAGE) && mkdir -p $(STAGE)
	@# Stripped copies (and no LLVM bitcode, which C linkers never read): the
	@# unstripped ones stay in target/ for debugging.
	$(STRIP) --strip-unneeded -o $(STAGE)/$(SO_REAL) $(FFI_RELEASE_DIR)/$(SO_LINK)
	$(STRIP) --strip-debug -R .llvmbc -R .llvmcmd -o $(STAGE)/libconnect_session.a $(FFI_RELEASE_DIR)/libconnect_session.a
	libs="$$(cat $(FFI_RELEASE_DIR)/connect_session.native-libs)"; \
	native=$$libs && $(FILL_IN) -e 's|@PC_TO_PREFIX@|$(PC_TO_PREFIX)|' \
		-e 's|@LIBDIR@|$(PC_LIBDIR)|' -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' \
		$(FFI_CRATE)/connect_session.pc.in >$(STAGE)/connect_session.pc && \
	native=$$(printf '%s' "$$libs" | tr -s ' ' ';') && \
	$(FILL_IN) -e 's|@INCLUDEDIR_FROM_HERE@|$(CMAKE_TO_INCLUDEDIR)|' \
		$(FFI_CRATE)/connect_sessionConfig.cmake.in >$(STAGE)/connect_sessionConfig.cmake && \
	$(FILL_IN) -e 's|@SIZEOF_VOID_P@|$(shell expr $(POINTER_BITS) / 8)|' \
		$(FFI_CRATE)/connect_sessionConfigVersion.cmake.in >$(STAGE)/connect_sessionConfigVersion.cmake
	install -d "$(DESTDIR)$(LIB_PATH)/pkgconfig" "$(DESTDIR)$(LIB_PATH)/$(CMAKE_PKG_DIR)" "$(DESTDIR)$(INC_PATH)"
	install -m 755 $(STAGE)/$(SO_REAL) "$(DESTDIR)$(LIB_PATH)/"
	ln -sf $(SO_REAL) "$(DESTDIR)$(LIB_PATH)/$(SONAME)"
	ln -sf $(SONAME) "$(DESTDIR)$(LIB_PATH)/$(SO_LINK)"
	install -m 644 $(STAGE)/libconnect_session.a "$(DESTDIR)$(LIB_PATH)/"
	install -m 644 $(STAGE)/connect_session.pc "$(DESTDIR)$(LIB_PATH)/pkgconfig/"
	install -m 644 $(STAGE)/connect_sessionConfig.cmake $(STAGE)/connect_sessionConfigVersion.cmake \
		"$(DESTDIR)$(LIB_PATH)/$(CMAKE_PKG_DIR)/"
	install -m 644 include/connect_session.h include/connect_session.hpp "$(DESTDIR)$(INC_PATH)/"
	install -d "$(DESTDIR)$(DOC_PATH)"
	install -m 644 docs/contract.md "$(DESTDIR)$(DOC_PATH)/"

uninstall: ## remove what install put under PREFIX (give the same PREFIX, LIBDIR, INCLUDEDIR, DOCDIR, DESTDIR)
	cd "$(DESTDIR)$(LIB_PATH)" 2>/dev/null && rm -f $(INSTALLED_LIB_FILES) || true
	cd "$(DESTDIR)$(INC_PATH)" 2>/dev/null && rm -f $(INSTALLED_INCLUDE_FILES) || true
	cd "$(DESTDIR)$(DOC_PATH)" 2>/dev/null && rm -f $(INSTALLED_DOC_FILES) || true
	@# The package's own directories go too; shared ones (pkgconfig, cmake) stay.
	rmdir "$(DESTDIR)$(LIB_PATH)/$(CMAKE_PKG_DIR)" "$(DESTDIR)$(DOC_PATH)" 2>/dev/null || true

# --- demos -------------------------------------------------------------------

demo-c: ffi-debug ## build and run examples/quickstart.c
	@mkdir -p $(C_OUT)
	$(CC) $(C_STD) -Iinclude examples/quickstart.c $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/quickstart_c
	$(C_OUT)/quickstart_c

demo-cpp: ffi-debug ## build and run examples/quickstart.cpp
	@mkdir -p $(C_OUT)
	$(CXX) $(CXX_STD) -Iinclude examples/quickstart.cpp $(FFI_DEBUG_A) $(NATIVE_LIBS) -o $(C_OUT)/quickstart_cpp
	$(C_OUT)/quickstart_cpp
