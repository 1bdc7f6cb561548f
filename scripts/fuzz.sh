#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (cargo-fuzz, libFuzzer; nightly). Seeds the corpora
# first (scripts/fuzz_seeds.py). Fails on any crash, panic or assertion, leaving the input in
# fuzz/artifacts/<target>/. Skips, saying why, when there is no nightly toolchain or cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-10}"
# libFuzzer's seed: 0 picks a fresh one each run (the long run); the smoke in `make test` fixes
# it (FUZZ_SEED=1) so that CI explores the same inputs every time.
seed="${FUZZ_SEED:-0}"
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly' || ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: skipped: cargo-fuzz needs a nightly toolchain and cargo-fuzz (make setup installs both)"
  exit 0
fi
python3 scripts/fuzz_seeds.py
for target in normalize check settings model state; do
  max_len=4096
  [ "$target" = model ] && max_len=200000 # the asset itself is about 100 KB
  echo "fuzz: $target for ${seconds}s"
  cargo +nightly fuzz run -O "$target" -- -max_total_time="$seconds" -max_len="$max_len" -seed="$seed" \
    -print_final_stats=1 2>&1 | grep -E "^(Done|stat::number_of_executed_units|==|SUMMARY|thread .* panicked)" || true
  if [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
    echo "fuzz: $target found a failing input: fuzz/artifacts/$target/"
    exit 1
  fi
done
