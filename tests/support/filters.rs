//! The two filters the model's tests compare: lexicon-only, and the same with the shipped n-gram
//! model asset loaded.

use veil::{Filter, Settings};

pub const ASSET: &[u8] = include_bytes!("../../data/model/ngram.bin");

pub fn filters() -> (Filter, Filter) {
    let plain = Filter::new(Settings::default()).unwrap();
    let mut with = plain.clone();
    with.load_model(ASSET).expect("the shipped asset loads");
    (plain, with)
}
