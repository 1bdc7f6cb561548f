#!/usr/bin/env bash
# The wasm build's profile settings, measured: opt-level 3, s and z, each with no wasm-opt and
# with wasm-opt -O3 and -Oz. For each: raw and gzipped size, start-up (instantiate + first
# check) and time per message in Node (bench/wasm.mjs on DATA). Builds under target/opt-study/.
# Usage: bash scripts/opt_study.sh [DATA_DIR]     (make opt-study)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
data="${1:-../shared/data}"
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"
echo "| opt-level | wasm-opt | wasm KB | gzipped KB | start-up ms | µs per message |"
echo "|---|---|---:|---:|---:|---:|"
for opt in z s 3; do
  dir="target/opt-study/$opt"
  CARGO_PROFILE_WASM_OPT_LEVEL="$opt" cargo build -q --profile wasm --target wasm32-unknown-unknown \
    --lib --target-dir "$dir/build"
  rm -rf "$dir/bindgen" && wasm-bindgen --target web --out-dir "$dir/bindgen" --out-name veil \
    "$dir/build/wasm32-unknown-unknown/wasm/veil.wasm"
  for wo in none O3 Oz; do
    out="$dir/$wo" && rm -rf "$out" && cp -r "$dir/bindgen" "$out"
    echo '{"type": "module"}' > "$out/package.json" # as the npm package says of itself
    if [ "$wo" != none ]; then
      # shellcheck disable=SC2086
      wasm-opt "-$wo" $features --strip-debug --strip-producers "$out/veil_bg.wasm" -o "$out/veil_bg.wasm"
    fi
    raw=$(wc -c < "$out/veil_bg.wasm"); gz=$(gzip -9 -c "$out/veil_bg.wasm" | wc -c)
    line=$(node bench/wasm.mjs "$data" --pkg "$PWD/$out" | head -2 | tr '\n' ' ')
    startup=$(sed -E 's/.*start-up ([0-9.]+) ms.*/\1/' <<<"$line")
    per=$(sed -E 's/.*: ([0-9.]+) µs per message one by one.*/\1/' <<<"$line")
    echo "| $opt | ${wo/none/—} | $((raw / 1024)) | $((gz / 1024)) | $startup | $per |"
  done
done
