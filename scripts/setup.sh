#!/usr/bin/env bash
# Installs what Veil's build and tests need, skipping what is already there at the right
# version. Safe to run again. Verified versions: ../shared/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.129
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. The wasm target for the Rust toolchain.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli, pinned to the crate version in Cargo.toml (it refuses other versions).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked
fi

# 3. Debian chromium and its driver, for browser tests. Never Debian's binaryen (it is broken
#    for current rustc output; wasm-opt comes from npm instead).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 4. npm packages (wasm-opt, Playwright, http-server), from the lock file.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi
# 5. For the fuzz smoke test: a nightly toolchain (cargo-fuzz needs it; rustup's own downloads
#    are reachable here) and cargo-fuzz. If either cannot be had, `make fuzz-smoke` says so and
#    skips, and everything else still runs.
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  say "installing the nightly toolchain (minimal profile) for fuzzing"
  rustup toolchain install nightly --profile minimal || say "no nightly toolchain: fuzzing will be skipped"
fi
if ! cargo fuzz --version >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  say "installing cargo-fuzz (takes a minute or two)"
  cargo +nightly install cargo-fuzz --version 0.13.2 --locked || say "cargo-fuzz did not install: fuzzing will be skipped"
fi
say "ready"
