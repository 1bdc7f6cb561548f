//! Stage 5: the learned scorer. One linear model per category over the readable features of
//! `features`: the logit is the category's bias plus the weight of each feature present (each
//! counted once), and the probability is its logistic. Weights and thresholds are learned by
//! `make train` (`veil train`) and compiled from `data/model/` by `build.rs`.
//!
//! The probability gives the severity: thresholds per language, set so that ordinary chat the
//! model never trained on is flagged within a budget, decide severity 1 (flagged from `high`),
//! 2 (from `medium`) and 3 (hidden from `medium`, flagged at `low`). The features that
//! contributed most give the spans and the reason.

use crate::features::{Key, Occurrence, Origin};
use crate::lexicon::Hit;
use crate::model::{Category, Span};
use crate::rules::RuleHit;
use crate::tables::{
    unpacked, Output, Tag, Unpacked, BIAS, FIXED_FEATURES, SLOT_NAMES_CHILD, THRESHOLDS,
};

/// The learned weights of a feature, per category: `(category index, weight)`.
pub fn weights(key: Key) -> impl Iterator<Item = (u8, f32)> {
    let t = unpacked();
    let range = weight_range(t, key);
    t.weight_category[range.clone()]
        .iter()
        .zip(&t.weight_milli[range])
        .map(|(&c, &w)| (c, w as f32 / 1000.0))
}

fn weight_range(t: &Unpacked, key: Key) -> std::ops::Range<usize> {
    let id = match key {
        Key::Fixed(id) => id as usize,
        Key::Pair(a, b) => match t.pair_keys.binary_search(&(((a as u32) << 16) | b as u32)) {
            Ok(i) => FIXED_FEATURES as usize + i,
            Err(_) => return 0..0,
        },
    };
    t.weight_start[id] as usize..t.weight_start[id + 1] as usize
}

/// Sorts the occurrences by feature and returns every category's logit.
pub fn logits(occurrences: &mut [Occurrence]) -> [f32; Category::ALL.len()] {
    occurrences.sort_unstable_by_key(|o| o.key);
    let mut z = BIAS;
    let mut previous = None;
    for o in occurrences.iter() {
        if previous == Some(o.key) {
            continue; // a feature counts once, however often it occurs
        }
        previous = Some(o.key);
        for (c, w) in weights(o.key) {
            z[c as usize] += w;
        }
    }
    z
}

/// The category that needs a child in the message to be weighed at all ([`gate`]).
pub const NEEDS_CHILD: Category = Category::SexualMinors;

/// Whether the message names a child: a slot of the CHILD family ("your daughter", "12 years
/// old", 小妹妹), the bare pronoun (she, her, 她: in this shop usually the child), a slot that
/// `data/families.tsv` marks `child` (a worn-item fetish word), a `sexual_minors` term or
/// pattern, or a rule that says `sexual_minors`.
pub fn names_child(hits: &[Hit], rules: &[RuleHit]) -> bool {
    let sm = NEEDS_CHILD.index() as u8;
    hits.iter().any(|h| match h.tag {
        Tag::Slot(s) => SLOT_NAMES_CHILD[s as usize],
        Tag::Category(c, _) => c == sm,
        Tag::Allow => false,
    }) || rules
        .iter()
        .any(|r| r.rule().output == Output::Category(sm))
}

/// `sexual_minors` is about a child: with no child in the message it is not weighed at all
/// (a follow-up such as "more pics?" is sender memory's to judge, with the conversation).
/// Without this the pairs learned from requests about a child ("show me more", "pay more")
/// fire on ordinary chat, and the thresholds that keep those quiet cost recall. Generic so
/// that training (`f64`) gates exactly as the engine (`f32`) does.
pub fn gate<T: From<f32>>(logits: &mut [T; Category::ALL.len()], names_child: bool) {
    if !names_child {
        logits[NEEDS_CHILD.index()] = T::from(f32::NEG_INFINITY);
    }
}

pub fn probability(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

/// Severity 0 (nothing) to 3 from a category's probability, with the thresholds of the
/// message's language.
pub fn severity(category: usize, p: f32, zh: bool) -> u8 {
    THRESHOLDS[zh as usize][category]
        .iter()
        .filter(|&&t| p >= t)
        .count() as u8
}

/// The most severe a category may be, from what the reviewer said of its evidence: 3 when a
/// term, pattern or rule of the category marked severe (3) weighs for it, else 2. The
/// probability says how sure the scorer is; this keeps how bad it is the reviewer's call, so a
/// sure insult is blurred at `medium`, and only what a reviewer called severe is hidden.
pub fn severity_cap(
    occurrences: &[Occurrence],
    category: usize,
    hits: &[Hit],
    rules: &[RuleHit],
) -> u8 {
    // Occurrences come sorted by key (`logits`): look each key's weight up once.
    let mut last: Option<(Key, bool)> = None;
    let severe = occurrences.iter().any(|o| {
        let weighs = match last {
            Some((k, w)) if k == o.key => w,
            _ => {
                let w = weights(o.key).any(|(c, w)| c as usize == category && w > 0.0);
                last = Some((o.key, w));
                w
            }
        };
        if !weighs {
            return false;
        }
        match o.from {
            Origin::Hit(i) => match hits[i as usize].tag {
                Tag::Category(c, sev) => c as usize == category && sev >= 3,
                _ => false,
            },
            Origin::Rule(i) => {
                let rule = rules[i as usize].rule();
                rule.severity >= 3 && rule.output == Output::Category(category as u8)
            }
            _ => false,
        }
    });
    if severe {
        3
    } else {
        2
    }
}

/// What to show a reader for one flagged category.
pub struct Explanation {
    /// Byte ranges in the folded text.
    pub parts: Vec<(usize, usize)>,
    /// Index into `REASONS`, if the strongest evidence has a reason of its own.
    pub reason: Option<u16>,
}

/// At most this many features explain a category, each weighing at least a third of the top one.
const EXPLAIN_TOP: usize = 4;

/// The strongest features for `category` (occurrences sorted by `logits`), their spans and reason.
pub fn explain(
    occurrences: &[Occurrence],
    category: usize,
    hits: &[Hit],
    rules: &[RuleHit],
) -> Explanation {
    let mut strongest: Vec<(f32, Key)> = Vec::new();
    let mut previous = None;
    for o in occurrences {
        if previous == Some(o.key) {
            continue;
        }
        previous = Some(o.key);
        if let Some((_, w)) = weights(o.key).find(|&(c, _)| c as usize == category) {
            if w > 0.0 {
                strongest.push((w, o.key));
            }
        }
    }
    strongest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = strongest.first().map_or(0.0, |s| s.0);
    strongest.retain(|s| s.0 >= top / 3.0);
    strongest.truncate(EXPLAIN_TOP);

    let mut parts = Vec::new();
    let mut reason = None;
    for &(_, key) in &strongest {
        for o in occurrences.iter().filter(|o| o.key == key) {
            let r = match o.from {
                Origin::Message => None,
                Origin::Hit(i) => {
                    let h = &hits[i as usize];
                    parts.push((h.start, h.end));
                    h.reason()
                }
                Origin::Pair(i, j) => {
                    for k in [i, j] {
                        let h = &hits[k as usize];
                        parts.push((h.start, h.end));
                    }
                    None
                }
                Origin::Rule(i) => {
                    let r = &rules[i as usize];
                    parts.extend_from_slice(&r.parts);
                    r.rule().reason
                }
            };
            if reason.is_none() {
                reason = r;
            }
        }
    }
    Explanation { parts, reason }
}

/// Sorts and merges spans that touch or overlap.
pub fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}
