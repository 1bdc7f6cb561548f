// Learned weights are data: a weight that happens to be close to 1/π is not a constant.
#![allow(clippy::approx_constant)]
//! The data files under `data/`, compiled by `build.rs` into static tables. The types here are
//! the shapes of those tables; the contents live in `$OUT_DIR/tables.rs`.

/// What a word-list entry or pattern means when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tag {
    /// A harm category (index into `Category::ALL`) with its severity 1–3.
    Category(u8, u8),
    /// A slot word for intent rules (index into `SLOT_NAMES`), such as CHILD or MEDIA.
    Slot(u16),
    /// An allow-list entry: masks any hit it fully covers (性价比 masks 性).
    Allow,
}

/// One line of `data/lexicon/*.tsv`.
#[derive(Debug)]
pub struct Entry {
    /// The term was written with `*` at its start or end: the match may run on into the rest
    /// of a Latin word on that side. (The spellings themselves are in `MATCH_KEYS`.)
    pub open_start: bool,
    pub open_end: bool,
    pub tag: Tag,
    /// Index into `REASONS`, or the category's default reason.
    pub reason: Option<u16>,
}

/// One line of `data/patterns.tsv`: a regex for what word lists cannot express.
#[derive(Debug)]
pub struct Pattern {
    pub name: &'static str,
    pub tag: Tag,
    pub reason: Option<u16>,
    pub regex: &'static str,
    /// The regex runs only if one of these is in the text: a literal, or `#N` for at least
    /// N ASCII digits. Empty: always runs. Regexes are the slowest stage, so gate them.
    pub gate: &'static [&'static str],
}

/// One condition of a rule: a slot word, or a hit of a category at a minimum severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Atom {
    Slot(u16),
    Category(u8, u8),
}

/// What a rule produces when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A harm category (index into `Category::ALL`).
    Category(u8),
    /// A derived slot that later rules can use, such as CHILD_FEET from YOUR_CHILD + FEET.
    Slot(u16),
}

/// One line of `data/rules/*.tsv`: when every `need` group has a hit within `window`
/// characters, and no `forbid` group has one nearby, the rule produces its output.
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub output: Output,
    pub severity: u8,
    pub window: usize,
    /// Each group is satisfied by any one of its atoms.
    pub need: &'static [&'static [Atom]],
    pub forbid: &'static [&'static [Atom]],
    pub reason: Option<u16>,
}

/// In `ENTRY_FEATURE`, `RULE_FEATURE` and `PATTERN_FEATURE`: the item has no feature of its own
/// (a slot word, a rule deriving a slot, a pattern for a slot).
pub const NO_FEATURE: u16 = u16::MAX;

/// Bits of `TERM_FLAGS`, one byte per word-list spelling: it starts, or ends, with a Latin
/// letter or digit (that edge needs a word boundary); it counts only in a message with Chinese
/// in it ("sb" for 傻逼); it needs a doubled letter (its run lengths: `term_runs`).
pub const TERM_LATIN_START: u8 = 1;
pub const TERM_LATIN_END: u8 = 2;
pub const TERM_CJK_ONLY: u8 = 4;
pub const TERM_DOUBLED: u8 = 8;

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

/// The tables that ship packed (as differences, as one category mask per feature, as low and
/// high bytes), which compress to a third or less in the wasm, unpacked together once, at the
/// first check (a few microseconds; about 250 KB of memory).
mod unpacked {
    use std::sync::OnceLock;

    pub struct Unpacked {
        /// Where each key of `MATCH_KEYS` ends.
        pub key_ends: Vec<u32>,
        /// Each matcher bucket's first key, and one past the last bucket's last key.
        pub bucket_first: Vec<u32>,
        /// The pair features' keys, sorted.
        pub pair_keys: Vec<u32>,
        /// Every one-character fold, by code point: `(code point, what it folds to)`, sorted.
        pub fold: Vec<(u32, char)>,
        /// The spellings that need a doubled letter, sorted, and where each one's run lengths
        /// start in `TERM_RUN_BYTES` (with where the last ends).
        run_spellings: Vec<u32>,
        run_starts: Vec<u32>,
        /// Where each feature's weights start in `weight_category` and `weight_milli`, and
        /// where the last ends.
        pub weight_start: Vec<u32>,
        /// Each weight's category (an index into `Category::ALL`).
        pub weight_category: Vec<u8>,
        /// Each weight, in thousandths.
        pub weight_milli: Vec<i16>,
    }

    impl Unpacked {
        /// The run lengths of spelling `number` (one per char), if it needs a doubled letter.
        pub fn term_runs(&self, number: u32) -> Option<&'static [u8]> {
            let k = self.run_spellings.binary_search(&number).ok()?;
            let (start, end) = (self.run_starts[k], self.run_starts[k + 1]);
            Some(&super::TERM_RUN_BYTES[start as usize..end as usize])
        }
    }

    fn running_sum<T: Copy + Into<u32>>(parts: &[T]) -> Vec<u32> {
        let mut total = 0u32;
        parts
            .iter()
            .map(|&p| {
                total += p.into();
                total
            })
            .collect()
    }

    /// A table shipped as its low bytes and its high bytes, as little-endian pairs again.
    fn joined(lo: &'static [u8], hi: &'static [u8]) -> impl Iterator<Item = [u8; 2]> {
        lo.iter().zip(hi).map(|(&l, &h)| [l, h])
    }

    pub fn unpacked() -> &'static Unpacked {
        static UNPACKED: OnceLock<Unpacked> = OnceLock::new();
        UNPACKED.get_or_init(|| {
            use super::*;
            let mut weight_start = vec![0u32];
            let mut weight_category = Vec::new();
            for mask in joined(WEIGHT_MASK_LO, WEIGHT_MASK_HI).map(u16::from_le_bytes) {
                weight_category.extend((0..16u8).filter(|c| mask >> c & 1 == 1));
                weight_start.push(weight_category.len() as u32);
            }
            let mut run_starts = vec![0];
            run_starts.extend(running_sum(TERM_RUN_LENS));
            Unpacked {
                key_ends: running_sum(MATCH_KEY_LENS),
                bucket_first: running_sum(MATCH_BUCKET_SIZES),
                pair_keys: running_sum(PAIR_KEY_GAPS),
                fold: running_sum(FOLD_KEY_GAPS)
                    .into_iter()
                    .zip(FOLD_TO.iter().copied())
                    .collect(),
                run_spellings: running_sum(TERM_RUN_GAPS),
                run_starts,
                weight_start,
                weight_category,
                weight_milli: joined(WEIGHT_MILLI_LO, WEIGHT_MILLI_HI)
                    .map(i16::from_le_bytes)
                    .collect(),
            }
        })
    }
}
pub use unpacked::{unpacked, Unpacked};

/// Every one-character fold, sorted by code point (`normalize` reads it; `build.rs` has its own).
pub fn fold_pairs() -> &'static [(u32, char)] {
    &unpacked().fold
}
