# cvsieve — two commands set everything up on a fresh Debian 12 machine:
#   make demo   install what is missing, build, run the pipeline over a copy of Samples/
#   make test   install what is missing, build, lint, run the test suite
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := pkg-config libpoppler-glib-dev libzip-dev libxml2-dev libsqlite3-dev libcairo2-dev fonts-dejavu-core poppler-utils
BENCH_PACKAGES := pandoc
DEMO_DIR ?= var/demo

.PHONY: all deps build release demo test golden lint format bench bench-intake samples corpus clean

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
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests Package.swift

test: deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory lint
	$(SWIFT) test --skip-build

# Re-record the golden extract --json files (Tests/CLITests/Golden) after an intended change; review the diff.
golden: deps
	$(SWIFT) build --build-tests
	CVSIEVE_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenExtractTests
	git status --short Tests/CLITests/Golden

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
	rm -rf .build var

bench-intake: release
	scripts/bench-intake.sh .build/release/cvsieve var/corpus
