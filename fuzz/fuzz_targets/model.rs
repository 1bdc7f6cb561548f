//! The n-gram model asset, truncated, corrupted or hand-made: parsing never panics, and a model
//! that parses scores text without panicking and writes itself back byte for byte.
#![no_main]
use libfuzzer_sys::fuzz_target;
use veil::ngram::NgramModel;

fuzz_target!(|data: &[u8]| {
    let Ok(model) = NgramModel::parse(data) else {
        return;
    };
    assert_eq!(model.encode(), data);
    model.contribution("你女儿的脚 send me pics 😀");
    for j in 0..model.categories.len() {
        model.strongest("ur lil girl is so hot", j, 3);
    }
});
