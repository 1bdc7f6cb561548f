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

/// Tables shipped as differences, which compress to a third or less in the wasm, and summed
/// into running totals once, at first use (a few microseconds).
mod summed {
    use std::sync::OnceLock;

    fn running_sum<T: Copy + Into<u32>>(parts: &[T], start_at_zero: bool) -> Vec<u32> {
        let mut total = 0u32;
        let mut out = Vec::with_capacity(parts.len() + usize::from(start_at_zero));
        if start_at_zero {
            out.push(0);
        }
        for &p in parts {
            total += p.into();
            out.push(total);
        }
        out
    }

    /// The matcher's two running totals: where each key of `MATCH_KEYS` ends, and each
    /// bucket's first key (with one past the last bucket's last key at the end).
    pub struct MatchIndex {
        pub key_ends: Vec<u32>,
        pub bucket_first: Vec<u32>,
    }

    pub fn match_index() -> &'static MatchIndex {
        static INDEX: OnceLock<MatchIndex> = OnceLock::new();
        INDEX.get_or_init(|| MatchIndex {
            key_ends: running_sum(super::MATCH_KEY_LENS, false),
            bucket_first: running_sum(super::MATCH_BUCKET_SIZES, false),
        })
    }

    /// The pair features' keys, sorted.
    pub fn pair_keys() -> &'static [u32] {
        static KEYS: OnceLock<Vec<u32>> = OnceLock::new();
        KEYS.get_or_init(|| running_sum(super::PAIR_KEY_GAPS, false))
    }

    /// Every one-character fold, by code point: `(code point, what it folds to)`, sorted.
    pub fn fold_pairs() -> &'static [(u32, char)] {
        static PAIRS: OnceLock<Vec<(u32, char)>> = OnceLock::new();
        PAIRS.get_or_init(|| {
            running_sum(super::FOLD_KEY_GAPS, false)
                .into_iter()
                .zip(super::FOLD_TO.iter().copied())
                .collect()
        })
    }

    /// The run lengths of spelling `number` (one per char), if it needs a doubled letter.
    pub fn term_runs(number: u32) -> Option<&'static [u8]> {
        static INDEX: OnceLock<(Vec<u32>, Vec<u32>)> = OnceLock::new();
        let (numbers, starts) = INDEX.get_or_init(|| {
            (
                running_sum(super::TERM_RUN_GAPS, false),
                running_sum(super::TERM_RUN_LENS, true),
            )
        });
        let k = numbers.binary_search(&number).ok()?;
        Some(&super::TERM_RUN_BYTES[starts[k] as usize..starts[k + 1] as usize])
    }

    /// Every weight in thousandths, in the order of `weight_category`.
    pub fn weight_milli() -> &'static [i16] {
        static MILLI: OnceLock<Vec<i16>> = OnceLock::new();
        MILLI.get_or_init(|| {
            super::WEIGHT_MILLI_LO
                .iter()
                .zip(super::WEIGHT_MILLI_HI)
                .map(|(&lo, &hi)| i16::from_le_bytes([lo, hi]))
                .collect()
        })
    }

    /// The weights' layout, unfolded from one category mask per feature: where each feature's
    /// weights start (and where the last ends), and each weight's category.
    struct WeightLayout {
        start: Vec<u32>,
        category: Vec<u8>,
    }

    fn weight_layout() -> &'static WeightLayout {
        static LAYOUT: OnceLock<WeightLayout> = OnceLock::new();
        LAYOUT.get_or_init(|| {
            let mut start = vec![0u32];
            let mut category = Vec::new();
            for (&lo, &hi) in super::WEIGHT_MASK_LO.iter().zip(super::WEIGHT_MASK_HI) {
                let mask = u16::from_le_bytes([lo, hi]);
                category.extend((0..16u8).filter(|c| mask >> c & 1 == 1));
                start.push(category.len() as u32);
            }
            WeightLayout { start, category }
        })
    }

    /// Where each feature's weights start in `weight_category` and `weight_milli`, and where
    /// the last ends.
    pub fn weight_start() -> &'static [u32] {
        &weight_layout().start
    }

    /// Each weight's category (an index into `Category::ALL`).
    pub fn weight_category() -> &'static [u8] {
        &weight_layout().category
    }
}
pub use summed::{
    fold_pairs, match_index, pair_keys, term_runs, weight_category, weight_milli, weight_start,
    MatchIndex,
};
