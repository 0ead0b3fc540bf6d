# cvsieve — two commands set everything up on a fresh Debian 12 machine:
#   make demo   install what is missing, build, run the pipeline over a copy of Samples/
#   make test   install what is missing, build, lint, the browser test, a short fuzz run, then the test suite
#   make fuzz   build the libFuzzer targets in Fuzz/ and fuzz each for FUZZ_SECONDS (Fuzz/README.md)
#   make browser-test  the web app in headless Chromium (Tests/Browser), screenshots in var/screenshots/
#   make postgres  install Debian's postgresql if missing and start a private cluster on 127.0.0.1:54329
#                  under var/pg (scripts/postgres.sh; make postgres-stop stops it); make test and make demo start it
#   make install  the release binary with its resource folders into $(PREFIX)/lib/cvsieve, linked from $(PREFIX)/bin
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := pkg-config libpoppler-glib-dev libzip-dev libxml2-dev libsqlite3-dev libcairo2-dev libphonenumber-dev fonts-dejavu-core poppler-utils \
	libtesseract-dev tesseract-ocr-nld tesseract-ocr-eng tesseract-ocr-osd
# Only `make test` installs these: unzip (with poppler-utils) reads exports back, LibreOffice opens
# the DOCX profile (LibreOfficeTests fails under CI=true without it), curl asks `cvsieve serve`.
TEST_PACKAGES := unzip libreoffice-writer-nogui curl
# The samples generator's virtual environment.
SAMPLEGEN_PACKAGES := python3-venv
BENCH_PACKAGES := pandoc
# The real-browser test: Debian's Chromium and its WebDriver, selenium (PyPI) in a virtual
# environment under var/ (README.md, "Browser test and screenshots").
BROWSER_PACKAGES := chromium chromium-driver python3-venv
BROWSER_VENV := var/browser-venv
# The peers cvsieve is measured beside (Presidio, deduce; Tools/peers/requirements.txt, from PyPI).
PEERS_VENV := var/peers/venv
BROWSER_PYTHON := $(BROWSER_VENV)/bin/python3
# unzip takes the XML parts out of the sample packages for the XML target's seeds.
FUZZ_PACKAGES := unzip
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_TARGETS ?= FuzzDOCX FuzzPDFWorker FuzzXML FuzzConfig FuzzNormalizer FuzzDetector FuzzWorkerAnswer
# A release build with AddressSanitizer and libFuzzer's coverage in every Swift module, in its
# own scratch folder so it never disturbs .build.
FUZZ_SCRATCH ?= .build-fuzz
FUZZ_BUILD := $(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_SCRATCH) -c release \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
DEMO_DIR ?= var/demo
# The samples generator's Python packages (reportlab, pypdf from PyPI) live in a virtual
# environment: Debian 12's python3 refuses a system-wide pip install (PEP 668).
SAMPLEGEN_VENV := .build/samplegen-venv
SAMPLEGEN_PYTHON := $(SAMPLEGEN_VENV)/bin/python3

.PHONY: postgres postgres-stop peers-deps all deps samplegen-deps browser-deps browser-test browser-run screenshots build release install demo test golden lint format bench bench-ocr bench-vault bench-vault-postgres bench-intake bench-web samples corpus clean fuzz fuzz-build fuzz-smoke

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "make: Debian packages present:$(DEB_PACKAGES) $(EXTRA_PACKAGES)"; \
	fi

# Installed once, and again when requirements.txt changes.
samplegen-deps: $(SAMPLEGEN_VENV)/.installed

$(SAMPLEGEN_VENV)/.installed: Tools/samplegen/requirements.txt
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(SAMPLEGEN_PACKAGES)"
	python3 -m venv $(SAMPLEGEN_VENV)
	$(SAMPLEGEN_PYTHON) -m pip install -q -r Tools/samplegen/requirements.txt
	touch $@

# Installed once, and again when requirements.txt changes.
peers-deps: $(PEERS_VENV)/.installed

$(PEERS_VENV)/.installed: Tools/peers/requirements.txt
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="python3-venv poppler-utils"
	python3 -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install -q -r Tools/peers/requirements.txt
	touch $@

# Installed once, and again when requirements.txt changes.
browser-deps: $(BROWSER_VENV)/.installed

$(BROWSER_VENV)/.installed: Tests/Browser/requirements.txt
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(BROWSER_PACKAGES)"
	rm -rf $(BROWSER_VENV)
	python3 -m venv $(BROWSER_VENV)
	$(BROWSER_PYTHON) -m pip install -q -r Tests/Browser/requirements.txt
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The binary reads the detector's word lists from cvsieve_Detection.resources beside itself (a
# symbolic link to it is followed), so it never goes anywhere without its *.resources folders:
# a binary copied alone exits 2 naming the folder. deploy/ runs $(PREFIX)/bin/cvsieve.
PREFIX ?= /usr/local
INSTALL_DIR := $(DESTDIR)$(PREFIX)/lib/cvsieve
install: release
	rm -rf $(INSTALL_DIR)
	install -d $(INSTALL_DIR) $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build/release/cvsieve $(INSTALL_DIR)/cvsieve
	cp -R .build/release/*.resources $(INSTALL_DIR)/
	chmod -R u+rwX,go+rX,go-w $(INSTALL_DIR)
	ln -sfn ../lib/cvsieve/cvsieve $(DESTDIR)$(PREFIX)/bin/cvsieve
	@echo "make: installed $(INSTALL_DIR)/cvsieve and $$(cd $(INSTALL_DIR) && echo *.resources); $(DESTDIR)$(PREFIX)/bin/cvsieve links to it"

demo: build
	@$(MAKE) --no-print-directory postgres
	@scripts/demo.sh .build/debug/cvsieve $(DEMO_DIR)

lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

# The shared vault backend's server for the tests and benchmarks: a private cluster under var/pg,
# run as Debian's unprivileged postgres user when root (README.md, "Several processes, one vault").
POSTGRES_PACKAGES := postgresql openssl
postgres:
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(POSTGRES_PACKAGES)"
	scripts/postgres.sh start

postgres-stop:
	scripts/postgres.sh stop

# SampleGeneratorTests runs the generator with $(SAMPLEGEN_PYTHON) (about 3 s).
test:
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	$(MAKE) --no-print-directory samplegen-deps
	# The vault suite runs on SQLite and on PostgreSQL: the private cluster (var/pg).
	$(MAKE) --no-print-directory postgres
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory lint
	# The real-browser flow against the binary just built (make browser-test builds it first).
	$(MAKE) --no-print-directory browser-run
	$(MAKE) --no-print-directory fuzz-smoke
	# The test suite last: its closing line is the run's verdict. OMP_THREAD_LIMIT=1 as the
	# workers have it: libgomp reads it when it loads, and the OCR tests that read scans in the
	# test process take four times as long with OpenMP's threads on every core.
	OMP_THREAD_LIMIT=1 $(SWIFT) test --skip-build

# The web app's main flow in headless Chromium against a fresh vault of fictional samples, with
# the mouse and with the keyboard only; a PNG of every page visited in var/screenshots/. The debug
# binary is built first (swift build: under a second when nothing changed, about 20 s after a fresh
# build, when SwiftPM compiles its plugins); browser-run skips that.
browser-test: build
	$(MAKE) --no-print-directory browser-run

browser-run: browser-deps
	$(BROWSER_PYTHON) Tests/Browser/browser_test.py --binary .build/debug/cvsieve --screenshots var/screenshots

# The same run: its screenshots are the point.
screenshots: browser-test
	@echo "make: screenshots in var/screenshots/"

fuzz-build:
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(FUZZ_PACKAGES)"
	$(FUZZ_BUILD)

# Each target for FUZZ_SECONDS into var/fuzz/corpus; per target: executions, cov/ft, crashed or not.
fuzz: fuzz-build
	FUZZ_BIN=$(FUZZ_SCRATCH)/release Fuzz/fuzz.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Each target for FUZZ_SMOKE_SECONDS from the seeds alone; fails on a crash or a worker finding.
fuzz-smoke: fuzz-build
	FUZZ_BIN=$(FUZZ_SCRATCH)/release Fuzz/fuzz.sh smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

# Re-record the golden extract --json files (Tests/CLITests/Golden) after an intended change; review the diff.
golden: deps
	$(SWIFT) build --build-tests
	CVSIEVE_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenExtractTests
	git status --short Tests/CLITests/Golden

bench: peers-deps
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	$(SWIFT) build -c release
	.build/release/cvsieve bench --corpus $${CORPUS:-Samples}

# Regenerating the fictional samples needs reportlab, pypdf and Pillow from PyPI (Tools/samplegen/README.md).
# scanned.py also writes the photographed and image variants and the identity documents (Samples/id).
samples: samplegen-deps
	$(SAMPLEGEN_PYTHON) Tools/samplegen/generate.py samples --out Samples --seed 1
	$(SAMPLEGEN_PYTHON) Tools/samplegen/scanned.py --samples Samples --out Samples/scanned --id-out Samples/id

corpus: samplegen-deps
	$(SAMPLEGEN_PYTHON) Tools/samplegen/generate.py corpus --out var/corpus --seed 2 --count 300

# The private cluster is stopped first: a server whose data folder is gone keeps its port.
clean:
	scripts/postgres.sh stop
	rm -rf .build .build-fuzz var

# OCR pages/s per core beside pdftoppm + tesseract per page, and detection recall on every
# scanned variant in Samples/scanned beside the same CVs with their text layer; one thread each.
bench-ocr: release
	OMP_THREAD_LIMIT=1 .build/release/cvsieve bench --ocr --corpus Samples

# The vault's operations at 1,000, 10,000 and $(CANDIDATES) candidates (default 10,000) in
# var/bench-vault (issue 19's table: candidates, subject access, export, purge, audit, requests).
bench-vault: release
	.build/release/cvsieve bench-vault --candidates $${CANDIDATES:-10000}

# The same on PostgreSQL (the private cluster, schema bench_vault, dropped first).
bench-vault-postgres: release postgres
	.build/release/cvsieve bench-vault --candidates $${CANDIDATES:-10000} --postgres "$$(cat var/pg/url)" --data var/bench-vault-pg

bench-intake: release postgres peers-deps
	scripts/bench-intake.sh .build/release/cvsieve var/corpus

# Page load of Kandidaten and Profiel on a vault of $(CANDIDATES) candidates (default 10,000) made
# from the generated corpus (make corpus): median and p95 per page kind.
bench-web: release
	@[ -d var/corpus ] || $(MAKE) --no-print-directory corpus
	scripts/bench-web.sh .build/release/cvsieve var/corpus
