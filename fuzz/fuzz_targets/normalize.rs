//! The normaliser on any text: no panic, and its offset map sends every range of the folded
//! text to a range of the original on character boundaries; folding the folded text changes
//! nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let folded = veil::normalize::normalize(text);
    let f = &folded.text;
    let bounds: Vec<usize> = f.char_indices().map(|(i, _)| i).chain([f.len()]).collect();
    for w in bounds.windows(2) {
        let (s, e) = folded.original_span(w[0], w[1]);
        assert!(s <= e && e <= text.len(), "{s}..{e} of {}", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    if let (Some(&first), Some(&last)) = (bounds.first(), bounds.last()) {
        let (s, e) = folded.original_span(first, last);
        assert!(e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    assert_eq!(veil::normalize::normalize(f).text, *f, "folding {text:?} twice");
});
