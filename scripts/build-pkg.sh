#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm engine, its JS glue and types, the Node entry,
# the DOM helper and CSS from js/. Then copies it into www/pkg/ for the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build --profile wasm --target wasm32-unknown-unknown --lib
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name veil \
  target/wasm32-unknown-unknown/wasm/veil.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers pkg/veil_bg.wasm -o pkg/veil_bg.wasm
# The settings and metadata arguments are optional in JS; say so in the types.
sed -i -e 's/constructor(settings: Settings)/constructor(settings?: Settings)/' \
  -e 's/check(text: string, meta: MessageMeta)/check(text: string, meta?: MessageMeta)/' pkg/veil.d.ts
cp -r packaging/. pkg/
if [ -d js ]; then cp -r js/. pkg/; fi
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
sed -i "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg/package.json
rm -rf www/pkg && cp -r pkg www/pkg
raw=$(wc -c < pkg/veil_bg.wasm); gz=$(gzip -9 -c pkg/veil_bg.wasm | wc -c)
echo "pkg/ built: veil_bg.wasm $raw bytes, $gz bytes gzipped"
