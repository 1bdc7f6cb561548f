//! `check` at every level, with and without the n-gram model: no panic, and every span lies on
//! character boundaries of the original text (UTF-8 here; the binding converts to UTF-16).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use veil::{Filter, Level, Settings};

fn filters() -> &'static Vec<Filter> {
    static FILTERS: OnceLock<Vec<Filter>> = OnceLock::new();
    FILTERS.get_or_init(|| {
        let model = include_bytes!("../../data/model/ngram.bin");
        let mut out = Vec::new();
        for level in Level::ALL {
            let plain = Filter::new(Settings::with_level(level)).unwrap();
            let mut with = plain.clone();
            with.load_model(model).unwrap();
            out.push(plain);
            out.push(with);
        }
        out
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let fs = filters();
    let f = &fs[pick as usize % fs.len()];
    let v = f.check_text(text);
    for c in &v.categories {
        assert!((1..=3).contains(&c.severity));
        for s in &c.spans {
            assert!(s.start < s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    assert_eq!(f.check_batch([text]), vec![v]);
});
