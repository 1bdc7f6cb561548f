//! The wasm binding, run by wasm-bindgen-test in Node: `make test-wasm`.
#![cfg(target_arch = "wasm32")]

include!("support/wasm_binding.rs");
