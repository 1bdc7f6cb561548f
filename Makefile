# Veil: the two commands are `make demo` and `make test`. Each installs what is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
DATA ?= ../shared/data

.PHONY: demo test setup pkg test-native test-wasm test-node test-e2e lint eval eval-all perturb bench readme-figures train cv model-sizes fuzz-smoke fuzz-long props-long bench-peers profile opt-study

demo: setup pkg
	@echo ""
	@echo "  Veil demo: http://127.0.0.1:8080   (Ctrl+C to stop)"
	@echo ""
	http-server www -a 127.0.0.1 -p 8080 -c-1 -s

test: setup lint test-native pkg test-wasm test-node test-e2e fuzz-smoke
	@echo "all tests passed"

setup:
	@bash scripts/setup.sh

pkg:
	@bash scripts/build-pkg.sh

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

# Property tests run from a fixed seed here, so that CI is repeatable; `make props-long` explores.
test-native:
	PROPTEST_RNG_SEED=20261201 cargo test --release

# Property tests with fresh seeds and PROPTEST_CASES cases each (default 20000).
props-long:
	PROPTEST_CASES=$${PROPTEST_CASES:-20000} cargo test --release --test properties

test-wasm:
	cargo test --release --target wasm32-unknown-unknown --test wasm_node
	cargo test --release --target wasm32-unknown-unknown --test wasm_browser

test-node:
	node --test tests/node/

test-e2e:
	playwright test

# Learns data/model/ from $(DATA) and tests/blind/, deterministically: the scorer's weights and
# thresholds, then (rebuilt on those weights) the n-gram model asset data/model/ngram.bin.
train:
	cargo run --release --bin veil -- train $(DATA)
	cargo run --release --bin veil -- train-ngram $(DATA)

# Cross-validates the scorer on the marketplace sets and blind rounds (five folds).
cv:
	cargo run --release --bin veil -- train $(DATA) --cv
	cargo run --release --bin veil -- train-ngram $(DATA) --cv

eval:
	cargo run --release --bin veil -- eval $(DATA) --level medium

eval-all:
	cargo run --release --bin veil -- eval $(DATA) --level all --markdown

perturb:
	cargo run --release --bin veil -- perturb $(DATA) --seed 7

bench: setup pkg
	cargo run --release --bin veil -- bench $(DATA)
	cargo run --release --bin veil -- bench $(DATA) --model data/model/ngram.bin
	node bench/wasm.mjs $(DATA)
	node bench/wasm.mjs $(DATA) --model
	@echo "wasm: $$(wc -c < pkg/veil_bg.wasm) bytes, $$(gzip -9 -c pkg/veil_bg.wasm | wc -c) bytes gzipped"

# Veil beside @2toad/profanity, leo-profanity and obscenity, in one Node run on the same messages.
bench-peers: setup pkg
	node bench/peers.mjs $(DATA)
	node bench/chromium-startup.mjs

# Where a check's time goes, by stage: natively (callgrind instruction counts) and in wasm
# (Node's sampling profiler).
profile: setup pkg
	bash scripts/profile_stages.sh $(DATA)
	node bench/profile-wasm.mjs $(DATA)

# The wasm build's opt-level and wasm-opt settings, measured for size, start-up and speed.
opt-study: setup
	bash scripts/opt_study.sh $(DATA)

# Fuzzing with cargo-fuzz (libFuzzer, nightly): a short smoke of every target (part of `make
# test`), and a long run (FUZZ_SECONDS per target) whose results the README records.
FUZZ_TARGETS := normalize check settings model state
FUZZ_SECONDS ?= 1800
fuzz-smoke:
	@FUZZ_SEED=1 bash scripts/fuzz.sh 10

fuzz-long:
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Recall against size of the n-gram model asset (trains it at several sizes; about two minutes).
model-sizes:
	cargo build --release
	python3 scripts/model_sizes.py $(DATA)

# Refreshes the measured figures in README.md (quality, robustness, speed, size).
readme-figures: pkg
	cargo build --release
	python3 scripts/update_readme.py $(DATA)
