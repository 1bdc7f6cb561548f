#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm engine, its JS glue and types, the entries (index.js
# for browsers and bundlers, node.js for Node), the optional n-gram model asset (veil-model.bin,
# fetched only by filter.loadModel()), the DOM helper and CSS from js/. Then copies it into
# www/pkg/ for the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build --profile wasm --target wasm32-unknown-unknown --lib
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name veil \
  target/wasm32-unknown-unknown/wasm/veil.wasm
# A copy that keeps its function names, for profiling (bench/profile-wasm.mjs); not shipped.
rm -rf target/pkg-named && cp -r pkg target/pkg-named && echo '{"type": "module"}' > target/pkg-named/package.json
wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers pkg/veil_bg.wasm -o pkg/veil_bg.wasm
# The settings and metadata arguments are optional in JS; say so in the types.
sed -i -e 's/constructor(settings: Settings)/constructor(settings?: Settings)/' \
  -e 's/check(text: string, meta: MessageMeta)/check(text: string, meta?: MessageMeta)/' pkg/veil.d.ts
cp -r packaging/. pkg/
if [ -d js ]; then cp -r js/. pkg/; fi
# The model ships as a separate asset that the package loads on demand.
if [ ! -f data/model/ngram.bin ]; then
  echo "build-pkg: data/model/ngram.bin is missing (the optional model asset; see make train)" >&2
  exit 1
fi
cp data/model/ngram.bin pkg/veil-model.bin
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
sed -i "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg/package.json
rm -rf www/pkg && cp -r pkg www/pkg
raw=$(wc -c < pkg/veil_bg.wasm); gz=$(gzip -9 -c pkg/veil_bg.wasm | wc -c)
model=$(wc -c < pkg/veil-model.bin); mgz=$(gzip -9 -c pkg/veil-model.bin | wc -c)
echo "pkg/ built: veil_bg.wasm $raw bytes, $gz bytes gzipped; veil-model.bin $model bytes, $mgz bytes gzipped (loaded on demand)"
