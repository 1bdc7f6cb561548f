//! The wasm binding, run by wasm-bindgen-test in headless Chromium: `make test-wasm`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("support/wasm_binding.rs");
