# Vigía — development tasks (GNU make).
#
#   make deps    install the system packages the build and the tests need (apt; only what is missing)
#   make build   compile the `vigia` executable (CONFIG=debug by default; CONFIG=release for production)
#   make run     build optimised (-c release), migrate, load the demo (first time only) and serve on
#                http://127.0.0.1:8080
#   make test    build and run the tests against a throw-away PostgreSQL server (they include
#                20,000 fuzz inputs per importer and parser, in process), then two `vigia serve` on
#                one PostgreSQL (scripts/e2e/two_servers.py) and the browser journeys (a new office;
#                closing a finding and reformulating an action; a follow-up round by every role, from the
#                imported plan to the hash a citizen verifies, with axe-core's WCAG 2.1 AA audit of every page,
#                390 px and keyboard-only checks: scripts/e2e/follow_up.py)
#   make screens screenshots of the main pages of each role at 1366 and 390 px into docs/screens/
#   make fuzz    a million generated inputs per importer and parser (vigia-fuzz, release build,
#                each target in child processes); prints inputs, traps and time per target
#   make clean   remove .build
#
# The database is DATABASE_URL from the environment (default sqlite:./data/vigia.sqlite).

SWIFT  ?= swift
CONFIG ?= debug
BIN     = $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/vigia

# chromium-l10n: Chromium's Spanish; without it Chromium runs in English whatever --lang says, and a date input
# takes mm/dd/aaaa instead of the dd/mm/aaaa a user in Colombia types.
DEPS_PACKAGES := postgresql nginx-light openssl libsqlite3-dev curl ca-certificates unzip libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils pkg-config libcurl4-openssl-dev chromium chromium-driver chromium-l10n

.DEFAULT_GOAL := build
# swift build parallelises itself; running deps and build at once would race.
.NOTPARALLEL:
.PHONY: deps build run test screens bench fuzz clean

deps:
	@if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "deps: apt no está disponible; instale a mano: $(DEPS_PACKAGES) (servidor PostgreSQL, SQLite, curl, certificados)." >&2; \
	  exit 0; \
	fi; \
	missing=""; \
	for p in $(DEPS_PACKAGES); do \
	  dpkg -s "$$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: nada que instalar ($(DEPS_PACKAGES))."; exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "deps: faltan$$missing y no hay sudo; ejecute 'make deps' como root." >&2; exit 1; fi; \
	echo "deps: instalando$$missing"; \
	$$sudo apt-get update && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing
	@python3 -c "import icalendar, aiosmtpd, html5lib, selenium, openapi_spec_validator" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check icalendar aiosmtpd html5lib selenium openapi-spec-validator
# axe-core, for the accessibility audit of the browser journeys, comes as the axe.min.js inside this PyPI package
# (npm is not reachable from every build machine). --no-deps: only that file is used (found through the
# package's metadata, never imported), not the Playwright the package would pull in; hence a pip line of its own.
	@python3 -c "import importlib.metadata as m; m.distribution('axe-playwright-python')" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check --no-deps axe-playwright-python==0.1.8

build:
	$(SWIFT) build -c $(CONFIG) --product vigia

# `make run` serves an optimised build (the first one takes several minutes; later ones only
# recompile what changed).
run: deps
	$(SWIFT) build -c release --product vigia
	mkdir -p data
	bin="$$($(SWIFT) build -c release --show-bin-path)/vigia"; \
	"$$bin" migrate && \
	"$$bin" demo --if-empty && \
	exec "$$bin" serve --hostname 127.0.0.1 --port 8080

# The Swift suites on SQLite and PostgreSQL, then the end-to-end journeys in headless Chromium
# against the optimised build that `make run` serves (screenshots of every step in .build/e2e/);
# all inside a temporary folder of their own, removed at the end, and the run fails if a process
# a test started is still alive (scripts/test.sh).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --product vigia
	SWIFT="$(SWIFT)" bash scripts/test.sh "$$($(SWIFT) build -c release --show-bin-path)/vigia"

# Screenshots of the main pages of each role (and the public ones) at 1366 and 390 px on the demo data,
# named ROLE-PAGE-WIDTH.png, with the optimised build (scripts/e2e/follow_up.py --screens).
screens: deps
	@python3 -c "import PIL" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pillow
	$(SWIFT) build -c release --product vigia
	python3 scripts/e2e/follow_up.py "$$($(SWIFT) build -c release --show-bin-path)/vigia" --screens docs/screens

bench: deps
	@command -v soffice >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-calc)
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install --quiet openpyxl
	bash scripts/bench.sh
	@(command -v wrk && command -v nginx && command -v sqlite3) >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk nginx-light sqlite3)
	$(SWIFT) build -c release --product vigia
	bash scripts/bench_server.sh "$$($(SWIFT) build -c release --show-bin-path)/vigia"
	$(SWIFT) build -c release --product vigia-bench
	bash scripts/bench_server.sh "$$($(SWIFT) build -c release --show-bin-path)/vigia" grande
	bash scripts/bench_server.sh "$$($(SWIFT) build -c release --show-bin-path)/vigia" planes 1000
	bash scripts/with-test-postgres.sh bash -c 'DATABASE_URL=$$VIGIA_TEST_POSTGRES_URL bash scripts/bench_server.sh "$$0" escala $${ESCALA:-1100}' "$$($(SWIFT) build -c release --show-bin-path)/vigia"

# A trap's input is saved under .build/fuzz-crashes/ and the run exits non-zero; replay one with
# `vigia-fuzz --target NAME --input FILE`. Two targets run at a time (FUZZ_JOBS). Measured on a
# 2-core machine, a million each: plan 17 min and program 25 min are the slow ones (each input is a
# whole import of a 10–22 kB file), outline 1.5 min, dates and percent 1 min, number 7 s; about
# 26 minutes in all (32 while another test run shared the machine). FUZZ_ITERATIONS=100000: 3 min.
FUZZ_ITERATIONS ?= 1000000
FUZZ_SEED ?= 1
FUZZ_JOBS ?= 2
SERVER_FUZZ ?= 5000

fuzz: deps
	$(SWIFT) build -c release --product vigia-fuzz
	"$$($(SWIFT) build -c release --show-bin-path)/vigia-fuzz" --iterations $(FUZZ_ITERATIONS) --seed $(FUZZ_SEED) --jobs $(FUZZ_JOBS)
	# The same generators through the server's web imports, on SQLite and PostgreSQL: it must keep
	# answering, and a refused file must leave nothing written (make test sends 300 of each).
	$(SWIFT) build --build-tests
	VIGIA_SERVER_FUZZ=$(SERVER_FUZZ) bash scripts/with-test-postgres.sh $(SWIFT) test --skip-build --filter ServerFuzzTests

clean:
	rm -rf .build
