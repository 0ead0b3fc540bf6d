# cvsieve — two commands set everything up on a fresh Debian 12 machine:
#   make demo   install what is missing, build, run the pipeline over a copy of Samples/
#   make test   install what is missing, build, lint, run the test suite and a short fuzz run
#   make fuzz   build the libFuzzer targets in Fuzz/ and fuzz each for FUZZ_SECONDS (Fuzz/README.md)
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := pkg-config libpoppler-glib-dev libzip-dev libxml2-dev libsqlite3-dev libcairo2-dev fonts-dejavu-core poppler-utils
BENCH_PACKAGES := pandoc
# unzip takes the XML parts out of the sample packages for the XML target's seeds.
FUZZ_PACKAGES := unzip
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_TARGETS ?= FuzzDOCX FuzzPDFWorker FuzzXML FuzzConfig FuzzNormalizer FuzzDetector
# A release build with AddressSanitizer and libFuzzer's coverage in every Swift module, in its
# own scratch folder so it never disturbs .build.
FUZZ_SCRATCH ?= .build-fuzz
FUZZ_BUILD := $(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_SCRATCH) -c release \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
DEMO_DIR ?= var/demo

.PHONY: all deps build release demo test lint format bench bench-intake samples corpus clean fuzz fuzz-build fuzz-smoke

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

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: build
	@scripts/demo.sh .build/debug/cvsieve $(DEMO_DIR)

lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

test: deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory lint
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory fuzz-smoke

fuzz-build:
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(FUZZ_PACKAGES)"
	$(FUZZ_BUILD)

# Each target for FUZZ_SECONDS into var/fuzz/corpus; per target: executions, cov/ft, crashed or not.
fuzz: fuzz-build
	FUZZ_BIN=$(FUZZ_SCRATCH)/release Fuzz/fuzz.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Each target for FUZZ_SMOKE_SECONDS from the seeds alone; fails on a crash or a worker finding.
fuzz-smoke: fuzz-build
	FUZZ_BIN=$(FUZZ_SCRATCH)/release Fuzz/fuzz.sh smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

bench:
	$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	$(SWIFT) build -c release
	.build/release/cvsieve bench --corpus $${CORPUS:-Samples}

# Regenerating the fictional samples needs reportlab and pypdf from PyPI (Tools/samplegen/README.md).
samples:
	pip install -q -r Tools/samplegen/requirements.txt
	python3 Tools/samplegen/generate.py samples --out Samples --seed 1

corpus:
	pip install -q -r Tools/samplegen/requirements.txt
	python3 Tools/samplegen/generate.py corpus --out var/corpus --seed 2 --count 300

clean:
	rm -rf .build .build-fuzz var

bench-intake: release
	scripts/bench-intake.sh .build/release/cvsieve var/corpus
