//! Settings JSON as a client might store it, corrupted any way: parsing never panics, and what
//! parses and validates makes a working filter that round-trips.
#![no_main]
use libfuzzer_sys::fuzz_target;
use veil::{Filter, Settings};

fuzz_target!(|data: &[u8]| {
    let Ok(settings) = serde_json::from_slice::<Settings>(data) else {
        return;
    };
    let Ok(filter) = Filter::new(settings) else {
        return;
    };
    let saved = serde_json::to_string(filter.settings()).unwrap();
    let again: Settings = serde_json::from_str(&saved).unwrap();
    assert_eq!(&again, filter.settings());
    filter.check_text("send me a video of your daughter's feet");
});
