//! How a sender writes: a MinHash fingerprint of character n-grams, stock phrases left out.

use std::sync::OnceLock;

use super::lines;
use crate::matcher::phrases::Phrases;
use crate::normalize;

/// Hashes in a writing fingerprint (MinHash over character n-grams).
pub(super) const SKETCH: usize = 32;

/// A MinHash fingerprint of a folded text's character n-grams (3 for Latin, 2 for Chinese),
/// stock phrases left out. Empty for a text too short to say anything.
pub(super) fn sketch(folded: &str) -> Vec<u32> {
    let text = without_stock_phrases(folded);
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < 8 {
        return Vec::new();
    }
    let mut mins = vec![u32::MAX; SKETCH];
    let n = if chars.iter().any(|&c| normalize::is_cjk(c)) {
        2
    } else {
        3
    };
    for w in chars.windows(n) {
        let mut h: u32 = 0x811c_9dc5;
        for &c in w {
            h = (h ^ c as u32).wrapping_mul(0x0100_0193);
        }
        for (k, m) in mins.iter_mut().enumerate() {
            let mut x = h ^ (k as u32).wrapping_mul(0x9e37_79b9);
            x ^= x >> 16;
            x = x.wrapping_mul(0x85eb_ca6b);
            x ^= x >> 13;
            *m = (*m).min(x);
        }
    }
    mins
}

pub(super) fn merge_sketch(into: &mut Vec<u32>, other: &[u32]) {
    if other.is_empty() {
        return;
    }
    if into.is_empty() {
        *into = other.to_vec();
        return;
    }
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).min(*b);
    }
}

/// The share of equal hashes: an estimate of the n-gram sets' Jaccard similarity.
pub(super) fn similarity(a: &[u32], b: &[u32]) -> f32 {
    if a.len() != SKETCH || b.len() != SKETCH {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / SKETCH as f32
}

/// The text with each stock phrase (`data/memory/stock_phrases.tsv`) replaced by a space,
/// leftmost first and the longest where several start at one place.
fn without_stock_phrases(folded: &str) -> String {
    let phrases = stock_phrases();
    let mut found = Vec::new();
    phrases.each(folded, |s, p| found.push((s, s + phrases.get(p).len())));
    found.sort_unstable_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    let mut out = String::with_capacity(folded.len());
    let mut at = 0;
    for (s, e) in found {
        if s >= at {
            out.push_str(&folded[at..s]);
            out.push(' ');
            at = e;
        }
    }
    out.push_str(&folded[at..]);
    out
}

fn stock_phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        Phrases::new(
            lines(include_str!("../../data/memory/stock_phrases.tsv"))
                .map(|l| normalize::normalize(l).text)
                .collect(),
        )
    })
}
