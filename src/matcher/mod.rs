//! Finds every word-list spelling in the folded text, from tables `build.rs` made, read in
//! place: nothing is built at start-up, so the first verdict does not wait for an automaton.
//!
//! Keys (the distinct folded spellings) are filed in buckets by their first two characters (the
//! one, for one-character keys). At each character of the text, the bucket of it and the bucket
//! of it and the next are looked up (by index for ASCII, else in a small open-addressing
//! table), and the bucket's sorted keys searched for those the text starts with there (a bitmap
//! passes over characters that start no key without a lookup). Keys
//! that match only at the start of a word (most Latin ones) are filed apart, and looked up only
//! where a word starts: inside a word most positions need no lookup that finds anything.

pub mod bucket;
pub mod phrases;

use std::ops::Range;

use crate::tables::{
    unpacked, Unpacked, MATCH_ASCII, MATCH_BUCKET_WORD_START, MATCH_KEYS, MATCH_STARTS,
    MATCH_TABLE, MATCH_TERM_STARTS,
};
use bucket::{ascii_index, bucket_hash, bucket_key, is_word_char};

/// Calls `found(key, spellings, start)` for every key that occurs in `text`, overlapping ones
/// included, in order of where they start: `key` is the matched text and `spellings` the
/// word-list spellings that fold to it (indices into `TERM_ENTRIES`).
///
/// Keys that match only at the start of a word are looked up only where a word starts, or
/// where `joined(at)` says that `at` is inside letters spelled apart and joined, whose word
/// boundaries are unknown.
pub fn each_match<'t>(
    text: &'t str,
    joined: impl Fn(usize) -> bool,
    mut found: impl FnMut(&'t str, Range<u16>, usize),
) {
    let ix = unpacked();
    let mut chars = text.char_indices();
    let mut in_word = false;
    while let Some((at, first)) = chars.next() {
        let word_char = is_word_char(first);
        let cp = first as usize;
        if cp < 0x10000 && MATCH_STARTS[cp / 64] >> (cp % 64) & 1 == 0 {
            in_word = word_char; // no key starts with this character
            continue;
        }
        let rest = &text[at..];
        let second = chars.clone().next().map(|(_, c)| c);
        let one = &rest[..first.len_utf8()];
        let two = second.map(|b| &rest[..one.len() + b.len_utf8()]);
        let word_start = word_char && (!in_word || joined(at));
        for space in [false, true] {
            if space && !word_start {
                continue;
            }
            scan(
                ix,
                bucket(ix, first, None, space, one),
                rest,
                at,
                &mut found,
            );
            if let Some(two) = two {
                scan(
                    ix,
                    bucket(ix, first, second, space, two),
                    rest,
                    at,
                    &mut found,
                );
            }
        }
        in_word = word_char;
    }
}

/// Reports the keys of a bucket that `rest` starts with. The bucket's keys are sorted, so the
/// ones that are prefixes of `rest` are found by binary search, longest first, rather than by
/// comparing each ("yo" files hundreds of phrases).
fn scan<'t>(
    ix: &Unpacked,
    keys: Option<Range<usize>>,
    rest: &'t str,
    at: usize,
    found: &mut impl FnMut(&'t str, Range<u16>, usize),
) {
    let Some(keys) = keys else {
        return;
    };
    let (lo, mut hi) = (keys.start, keys.end);
    let mut bound = rest.as_bytes();
    while lo < hi {
        // The last key ≤ bound: every key that `bound` starts with sorts at or before it.
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let m = (a + b) / 2;
            if key_bytes(ix, m) <= bound {
                a = m + 1;
            } else {
                b = m;
            }
        }
        if a == lo {
            break;
        }
        let j = a - 1;
        let k = key_bytes(ix, j);
        let common = k.iter().zip(bound).take_while(|(a, b)| a == b).count();
        if common == k.len() {
            // A whole key: it ends on a char boundary of `rest`, which it starts.
            found(&rest[..k.len()], spellings(j), at);
        }
        // Shorter matches are prefixes of what this key shares with the text.
        bound = &bound[..common];
        hi = j;
    }
}

/// The keys of the bucket of these characters (written `text`), if there is one.
#[inline]
fn bucket(
    ix: &Unpacked,
    first: char,
    second: Option<char>,
    word_start: bool,
    text: &str,
) -> Option<Range<usize>> {
    let b = match ascii_index(first, second, word_start) {
        Some(i) => MATCH_ASCII[i],
        None => hashed(
            ix,
            bucket_key(first, second, word_start),
            text.as_bytes(),
            second.is_some(),
        )?,
    };
    let b = b as usize;
    (b != u16::MAX as usize).then(|| ix.bucket_first[b] as usize..ix.bucket_first[b + 1] as usize)
}

/// A bucket's number from the open-addressing table. A bucket is known by its first key (no
/// bucket is empty): that key is `text` (one character), or starts with it (two), and it files
/// under the same word-start space.
fn hashed(ix: &Unpacked, prefix: u64, text: &[u8], two: bool) -> Option<u16> {
    let mask = MATCH_TABLE.len() - 1;
    let mut slot = bucket_hash(prefix) & mask;
    loop {
        let b = MATCH_TABLE[slot];
        if b == u16::MAX {
            return None;
        }
        let first = key_bytes(ix, ix.bucket_first[b as usize] as usize);
        let same_space =
            (MATCH_BUCKET_WORD_START[b as usize / 8] >> (b % 8) & 1) as u64 == prefix >> 63;
        if same_space && (first == text || (two && first.starts_with(text))) {
            return Some(b);
        }
        slot = (slot + 1) & mask;
    }
}

/// The spellings key `k` stands for. Stored less the key's own number, which keeps the table
/// small once compressed: most keys have one spelling, so the stored numbers run the same.
fn spellings(k: usize) -> Range<u16> {
    let start = |k: usize| MATCH_TERM_STARTS[k] + k as u16;
    start(k)..start(k + 1)
}

/// Key `k`'s bytes (compared as bytes: the keys are sorted bytewise).
#[inline]
fn key_bytes(ix: &Unpacked, k: usize) -> &'static [u8] {
    let ends = &ix.key_ends;
    let start = if k == 0 { 0 } else { ends[k - 1] as usize };
    &MATCH_KEYS.as_bytes()[start..ends[k] as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        each_match(
            text,
            |_| false,
            |key, spellings, at| {
                assert!(!spellings.is_empty());
                out.push((at, key));
            },
        );
        out
    }

    #[test]
    fn finds_overlapping_keys_in_every_script() {
        let found = keys("you are dead, 傻逼 性价比");
        // Keys inside longer keys are found too: the phrase, and the words it starts with.
        for k in ["you", "you are", "you are dead"] {
            assert!(found.contains(&(0, k)), "{k} in {found:?}");
        }
        assert!(found.contains(&("you are dead, ".len(), "傻逼")));
        assert!(found.contains(&("you are dead, 傻逼 ".len(), "性价比")));
    }

    #[test]
    fn every_key_is_found_where_it_stands() {
        // Each key, alone, is found at 0 with its own length: no key is filed where the
        // matcher would not look.
        let ix = unpacked();
        for k in 0..ix.key_ends.len() {
            let key = std::str::from_utf8(key_bytes(ix, k)).unwrap();
            assert!(keys(key).contains(&(0, key)), "{key:?}");
        }
    }

    #[test]
    fn text_with_no_keys_finds_nothing() {
        assert!(keys("").is_empty());
        assert!(keys("\u{10FFFF}\u{10FFFE}").is_empty());
    }
}
