//! Stage 4: turn word-list hits, pattern hits and fired rules into readable features, the input
//! of the learned scorer (`score`). Every feature has a name a reviewer can read in
//! `data/model/weights.tsv`:
//!
//! | feature | fires when |
//! |---|---|
//! | `term:<term>` | that word-list term matched |
//! | `words:<category>:<severity>` | any term of that category and severity matched (new terms count through it) |
//! | `slot:<SLOT>` | a slot word matched (or a rule derived the slot) |
//! | `family:<FAMILY>` | a slot of that family (`data/families.tsv`) matched |
//! | `pair:<A>+<B>` | two atoms (slots, `@category` for any term of it, `fam:<FAMILY>`) matched within [`PAIR_WINDOW`] characters ([`FETISH_PAIR_WINDOW`] for a worn-item fetish word) |
//! | `rule:<name>` | a hand-written rule in `data/rules/` fired |
//! | `pattern:<name>` | a pattern in `data/patterns.tsv` matched |
//! | `cue:question`, `cue:long` | the message asks; it is long (incidental words are likelier) |
//!
//! Pairs are what lets evidence combine without a rule for every wording: "your girl" and "hot"
//! close together weigh much more than either alone, whatever else the sentence says. Family
//! pairs (`fam:CHILD+fam:ROUTINE`) carry what was learned from one wording to another that
//! uses other slots of the same meanings.

use crate::lexicon::Hit;
use crate::rules::RuleHit;
use crate::tables::{
    Tag, ATOM_CATEGORY_BASE, ATOM_FAMILY_BASE, ENTRY_FEATURE, FAMILY_BASE, GROUP_BASE, NO_FEATURE,
    PATTERN_FEATURE, RULE_FEATURE, SLOT_BASE, SLOT_FAMILY, SLOT_MARKED_CHILD,
};

/// Two hits form a pair when the second starts at most this many characters after the first ends.
pub const PAIR_WINDOW: usize = 24;

/// ... or this many when either is a worn-item fetish word (a slot `data/families.tsv` marks
/// `child`: "don't wash them", "the longer the better"): rare in ordinary chat and strong, they
/// weigh with the item or the child anywhere in a message of a few sentences.
pub const FETISH_PAIR_WINDOW: usize = 80;

/// ... and a pair the reviewer named as evidence (`data/combinations.tsv`: "blocking me won't
/// help, I've got 6 other accounts") pairs across this many: the meaning of the two together
/// is known, so distance within a message of a few sentences does not dilute it. Other pairs
/// stay within [`PAIR_WINDOW`], where chance neighbours are fewer.
pub const COMBINATION_WINDOW: usize = 60;

fn combination(x: u16, y: u16) -> bool {
    crate::tables::COMBINATION_PAIRS
        .binary_search(&(x.min(y), x.max(y)))
        .is_ok()
}

fn wide(tag: Tag) -> bool {
    matches!(tag, Tag::Slot(s) if SLOT_MARKED_CHILD[s as usize])
}

/// Messages of this many characters or more are `cue:long`.
const LONG: usize = 100;

/// A feature: a fixed one (cue, word group, slot, rule, pattern, term) or a pair of atoms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Fixed(u16),
    /// Two atoms, the smaller first: slot ids, then `ATOM_CATEGORY_BASE + category`.
    Pair(u16, u16),
}

/// Where in the message a feature stands, for spans and reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A cue of the whole message.
    Message,
    /// `hits[i]`.
    Hit(u32),
    /// `hits[i]` and `hits[j]`.
    Pair(u32, u32),
    /// `rules[i]`.
    Rule(u32),
}

/// One occurrence of a feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub key: Key,
    pub from: Origin,
}

fn atom(tag: Tag) -> Option<u16> {
    match tag {
        Tag::Slot(s) => Some(s),
        Tag::Category(c, _) => Some(ATOM_CATEGORY_BASE + c as u16),
        Tag::Allow => None,
    }
}

/// The family atom of a slot hit, if its slot has a family.
fn family(tag: Tag) -> Option<u16> {
    match tag {
        Tag::Slot(s) => match SLOT_FAMILY[s as usize] {
            NO_FEATURE => None,
            f => Some(f),
        },
        _ => None,
    }
}

/// Message-level facts that the cues need.
pub struct Shape {
    pub chars: usize,
    pub question: bool,
    pub zh: bool,
}

impl Shape {
    pub fn of(folded: &str) -> Shape {
        let mut chars = 0;
        let mut zh = false;
        let mut question = false;
        for c in folded.chars() {
            chars += 1;
            zh |= crate::normalize::is_cjk(c);
            question |= c == '?';
        }
        let tail = folded.trim_end_matches(|c: char| !c.is_alphanumeric());
        question |= tail.ends_with(['吗', '呢', '么']);
        Shape {
            chars,
            question,
            zh,
        }
    }
}

/// Appends every feature occurrence of a message to `out`. `pos[i]` is hit `i`'s range in
/// characters of the folded text (hits sorted by start).
pub fn extract(
    hits: &[Hit],
    pos: &[(usize, usize)],
    rules: &[RuleHit],
    shape: &Shape,
    out: &mut Vec<Occurrence>,
) {
    // No cue for the language or for shortness: thresholds are per language already, and such
    // a weight would undercut the severity a reviewer gave a word that is the whole message.
    let cues = [shape.question, shape.chars >= LONG];
    for (id, on) in cues.into_iter().enumerate() {
        if on {
            out.push(Occurrence {
                key: Key::Fixed(id as u16),
                from: Origin::Message,
            });
        }
    }
    let any_wide = hits.iter().any(|h| wide(h.tag));
    for (i, h) in hits.iter().enumerate() {
        let from = Origin::Hit(i as u32);
        let mut push = |id: u16| {
            if id != NO_FEATURE {
                out.push(Occurrence {
                    key: Key::Fixed(id),
                    from,
                })
            }
        };
        let fam = family(h.tag);
        if let Some(f) = fam {
            push(FAMILY_BASE + f);
        }
        match h.tag {
            Tag::Slot(s) => push(SLOT_BASE + s),
            Tag::Category(c, sev) => {
                push(GROUP_BASE + c as u16 * 3 + (sev.clamp(1, 3) - 1) as u16);
                push(if h.from_pattern {
                    PATTERN_FEATURE[h.source as usize]
                } else {
                    ENTRY_FEATURE[h.source as usize]
                });
            }
            Tag::Allow => {}
        }
        let Some(a) = atom(h.tag) else { continue };
        let fa = fam.map(|f| ATOM_FAMILY_BASE + f);
        let wide_i = wide(h.tag);
        // Only a message with a fetish word looks further than the ordinary window.
        let reach = pos[i].1
            + if any_wide {
                FETISH_PAIR_WINDOW
            } else {
                COMBINATION_WINDOW
            };
        for (j, h2) in hits.iter().enumerate().skip(i + 1) {
            if pos[j].0 > reach {
                break; // sorted by start: no later hit is near
            }
            let Some(b) = atom(h2.tag) else { continue };
            let fb = family(h2.tag).map(|f| ATOM_FAMILY_BASE + f);
            let mut pair = |x: u16, y: u16| {
                out.push(Occurrence {
                    key: Key::Pair(x.min(y), x.max(y)),
                    from: Origin::Pair(i as u32, j as u32),
                })
            };
            let near = pos[j].0 <= pos[i].1 + PAIR_WINDOW;
            if !near && !wide_i && !wide(h2.tag) {
                // Beyond the ordinary window only the reviewer's combinations pair.
                if pos[j].0 <= pos[i].1 + COMBINATION_WINDOW {
                    if a != b && combination(a, b) {
                        pair(a, b);
                    }
                    if let (Some(x), Some(y)) = (fa, fb) {
                        if a != b && combination(x, y) {
                            pair(x, y);
                        }
                    }
                }
                continue;
            }
            if a != b {
                pair(a, b);
            }
            // Families pair with families (two slots of one family too: "block me" and "new
            // account" are both menace) and with categories (a term stands for itself).
            let cat = |x: u16| (ATOM_CATEGORY_BASE..ATOM_FAMILY_BASE).contains(&x);
            match (fa, fb) {
                (Some(x), Some(y)) if a != b => pair(x, y),
                (Some(x), None) if cat(b) => pair(x, b),
                (None, Some(y)) if cat(a) => pair(a, y),
                _ => {}
            }
        }
    }
    for (i, r) in rules.iter().enumerate() {
        let id = RULE_FEATURE[r.rule as usize];
        if id != NO_FEATURE {
            out.push(Occurrence {
                key: Key::Fixed(id),
                from: Origin::Rule(i as u32),
            });
        }
    }
}

/// The readable name of a feature, as written in `data/model/weights.tsv`.
pub fn name(key: Key) -> String {
    use crate::tables::{FAMILY_NAMES, FEATURE_NAMES, SLOT_NAMES};
    let atom_name = |a: u16| -> String {
        if a >= ATOM_FAMILY_BASE {
            format!("fam:{}", FAMILY_NAMES[(a - ATOM_FAMILY_BASE) as usize])
        } else if a >= ATOM_CATEGORY_BASE {
            format!(
                "@{}",
                crate::Category::ALL[(a - ATOM_CATEGORY_BASE) as usize].name()
            )
        } else {
            SLOT_NAMES[a as usize].to_string()
        }
    };
    match key {
        Key::Fixed(id) => FEATURE_NAMES[id as usize].to_string(),
        Key::Pair(a, b) => {
            // Named in alphabetical order, so names stay put when slot ids move.
            let (a, b) = (atom_name(a), atom_name(b));
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            format!("pair:{a}+{b}")
        }
    }
}

/// The pair feature of two atoms named as in `name` (a slot, `fam:<FAMILY>` or `@<category>`),
/// or why there is none.
pub fn pair_key(a: &str, b: &str) -> Result<Key, String> {
    use crate::tables::{FAMILY_NAMES, SLOT_NAMES};
    let atom = |n: &str| -> Result<u16, String> {
        if let Some(f) = n.strip_prefix("fam:") {
            FAMILY_NAMES
                .iter()
                .position(|x| *x == f)
                .map(|i| ATOM_FAMILY_BASE + i as u16)
                .ok_or(format!("unknown family {f}"))
        } else if let Some(c) = n.strip_prefix('@') {
            crate::Category::parse(c)
                .map(|c| ATOM_CATEGORY_BASE + c.index() as u16)
                .map_err(|e| e.to_string())
        } else {
            SLOT_NAMES
                .iter()
                .position(|x| *x == n)
                .map(|i| i as u16)
                .ok_or(format!("unknown slot {n}"))
        }
    };
    let (x, y) = (atom(a)?, atom(b)?);
    if x == y {
        return Err(format!("{a} pairs with itself"));
    }
    Ok(Key::Pair(x.min(y), x.max(y)))
}

/// The hand-written evidence the trainer starts from: for the word groups, rules and patterns,
/// the category they name and a prior weight from the severity a reviewer gave them. Training
/// pulls each weight towards its prior (L2), so evidence the data is silent on keeps what the
/// reviewer said, and the data corrects what misfires. Everything else starts at 0.
pub fn priors() -> Vec<(Key, usize, f64)> {
    use crate::tables::{Output, PATTERNS, RULES};
    let by_severity = |sev: u8| PRIOR_BY_SEVERITY[(sev.clamp(1, 3) - 1) as usize];
    let mut out = Vec::new();
    for c in 0..crate::Category::ALL.len() {
        for sev in 1..=3u8 {
            let id = GROUP_BASE + c as u16 * 3 + (sev - 1) as u16;
            out.push((Key::Fixed(id), c, by_severity(sev)));
        }
    }
    for (r, rule) in RULES.iter().enumerate() {
        if let Output::Category(c) = rule.output {
            out.push((
                Key::Fixed(RULE_FEATURE[r]),
                c as usize,
                by_severity(rule.severity),
            ));
        }
    }
    for (p, pattern) in PATTERNS.iter().enumerate() {
        if let Tag::Category(c, sev) = pattern.tag {
            out.push((Key::Fixed(PATTERN_FEATURE[p]), c as usize, by_severity(sev)));
        }
    }
    out
}

/// Every word-group feature (`words:<category>:<severity>`) with its own category and its
/// severity - 1.
pub fn word_groups() -> Vec<(Key, usize, usize)> {
    (0..crate::Category::ALL.len())
        .flat_map(|c| {
            (0..3u16).map(move |k| (Key::Fixed(GROUP_BASE + c as u16 * 3 + k), c, k as usize))
        })
        .collect()
}

/// Prior weights (added to the logit) for evidence of severity 1, 2 and 3.
pub const PRIOR_BY_SEVERITY: [f64; 3] = [6.0, 8.5, 10.5];

/// Whether a feature may only weigh against a flag: a slot or family alone (a slot word means
/// nothing alone: only in a pair, a rule or with a term does it count towards a flag), and a
/// pair with a slot or family of an `against` family in `data/families.tsv`.
pub fn against(key: Key) -> bool {
    use crate::tables::{FAMILY_AGAINST, SLOT_NAMES};
    let family_against = |f: u16| FAMILY_AGAINST[f as usize];
    let slot_against = |s: u16| match SLOT_FAMILY[s as usize] {
        NO_FEATURE => false,
        f => family_against(f),
    };
    let atom_against = |a: u16| {
        if a >= ATOM_FAMILY_BASE {
            family_against(a - ATOM_FAMILY_BASE)
        } else if a >= ATOM_CATEGORY_BASE {
            false
        } else {
            slot_against(a)
        }
    };
    match key {
        Key::Pair(a, b) => atom_against(a) || atom_against(b),
        Key::Fixed(id) => {
            let slots = SLOT_BASE..SLOT_BASE + SLOT_NAMES.len() as u16;
            let families = FAMILY_BASE..FAMILY_BASE + FAMILY_AGAINST.len() as u16;
            slots.contains(&id) || families.contains(&id)
        }
    }
}
