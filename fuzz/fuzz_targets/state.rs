//! Sender memory snapshots, truncated, corrupted or hand-made: importing never panics, and a
//! snapshot that imports exports again as the same memory.
#![no_main]
use libfuzzer_sys::fuzz_target;
use veil::memory::Memory;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(memory) = Memory::import(text) else {
        return;
    };
    let again = Memory::import(&memory.export()).expect("an export imports");
    assert_eq!(again, memory);
});
