# StanceKit — the two commands of the README's quick start are `make demo` and `make test`.
#
# Every target that builds first makes sure the Debian packages that provide BLAS, LAPACK
# and LAPACKE are installed (apt-get as root, through sudo otherwise).

SWIFT ?= swift
APT_PACKAGES := libblas-dev liblapack-dev liblapacke-dev
FORMAT_PATHS := Package.swift Sources Tests $(wildcard Benchmarks/Package.swift Benchmarks/Benchmarks)

.PHONY: all deps build release test lint format demo bench bench-corpus bench-peers clean

all: build

## deps: install the missing Debian packages (apt-get update first)
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q '^install ok installed$$' \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  echo "Installing$$missing"; \
	  $$sudo apt-get update && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

## build: debug build of the library and the CLI
build: deps
	$(SWIFT) build

## release: optimised build of the CLI (.build/release/stance)
release: deps
	$(SWIFT) build -c release --product stance

## lint: swift-format in strict mode with the repository's .swift-format
lint:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

## format: rewrite sources in place with the repository's .swift-format
format:
	$(SWIFT) format --in-place --recursive $(FORMAT_PATHS)

## test: install, check formatting, build, run every test
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

DEMO_DIR := .build/demo
STANCE := .build/release/stance

## demo: build release, train on the parity corpus, evaluate on its test split, predict
demo: release
	@mkdir -p $(DEMO_DIR)
	@echo "== stance train (data/fixtures/parity/train.csv)"
	$(STANCE) train --data data/fixtures/parity/train.csv --out $(DEMO_DIR)/demo.stance
	@echo "== stance eval (data/fixtures/parity/test.csv)"
	$(STANCE) eval --model $(DEMO_DIR)/demo.stance --data data/fixtures/parity/test.csv
	@echo "== stance predict --explain 3"
	$(STANCE) predict --model $(DEMO_DIR)/demo.stance --explain 3 \
	  --text "We will not hesitate to respond with force if the blockade continues." \
	  --text "Both delegations agreed to return to the table next week." \
	  --text "The committee meets on Thursday to review the figures."

## bench-corpus: generate the 100,000-document benchmark corpus in Benchmarks/corpus
bench-corpus: Benchmarks/corpus/train.csv

Benchmarks/corpus/train.csv: Benchmarks/tools/gen_corpus.py
	python3 -m pip show numpy >/dev/null 2>&1 || python3 -m pip install numpy
	python3 Benchmarks/tools/gen_corpus.py --n 100000 --out Benchmarks/corpus

## bench: StanceKit's benchmarks, then the peers on the same corpus (see Benchmarks/README.md)
bench: deps bench-corpus
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark
	$(MAKE) bench-peers

## bench-peers: scikit-learn, LIBLINEAR and fastText on the benchmark corpus
bench-peers: bench-corpus
	python3 -m pip install --quiet scikit-learn liblinear-official fasttext-wheel
	python3 Benchmarks/peers/peers.py --data Benchmarks/corpus

clean:
	rm -rf .build Benchmarks/.build

FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 2048
FUZZ_TARGETS ?=

.PHONY: fuzz

## fuzz: build the libFuzzer targets (.build-fuzz) and run each for FUZZ_SECONDS from
## Tests/Fuzz/corpus; fails on any crash, hang or leak (see Tests/Fuzz/README.md)
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) FUZZ_RSS_MB=$(FUZZ_RSS_MB) \
	  FUZZ_TARGETS="$(FUZZ_TARGETS)" Tests/Fuzz/run.sh
