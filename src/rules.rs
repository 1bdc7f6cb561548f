//! Stage 3: intent rules. A rule fires when a hit for each of its slot groups lies within a
//! window of characters, for example REQUEST + MEDIA + CHILD_FEET → sexual_minors, 3.
//! Reading intent from combinations is what lets "宝宝脚长14cm能穿吗" (a child and feet, but no
//! request for media) pass while "send me a video of your daughter's feet" does not.
//!
//! Rules run in file order. A rule whose output is a SLOT adds a derived hit (for example
//! CHILD_FEET where YOUR_CHILD and FEET stand close), which later rules can use.

use crate::lexicon::Hit;
use crate::model::Category;
use crate::tables::{Atom, Output, Rule, Tag, RULES};

/// A category rule that fired, with the hits that made it fire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleHit {
    pub rule: u16,
    /// Byte ranges in the folded text of the hits used.
    pub parts: Vec<(usize, usize)>,
}

impl RuleHit {
    pub fn rule(&self) -> &'static Rule {
        &RULES[self.rule as usize]
    }
}

fn satisfies(tag: Tag, atom: Atom) -> bool {
    match (tag, atom) {
        (Tag::Slot(s), Atom::Slot(a)) => s == a,
        (Tag::Category(c, sev), Atom::Category(a, min)) => c == a && sev >= min,
        _ => false,
    }
}

fn satisfies_group(tag: Tag, group: &[Atom]) -> bool {
    group.iter().any(|&a| satisfies(tag, a))
}

/// Which slots and categories (at which severity) a message's hits hold: lets a rule that some
/// group cannot meet be skipped without walking the hits again for each rule.
struct Present {
    slots: Vec<u64>,
    severity: [u8; Category::ALL.len()],
}

impl Present {
    fn of(hits: &[Hit]) -> Present {
        let mut p = Present {
            slots: Vec::new(),
            severity: [0; Category::ALL.len()],
        };
        hits.iter().for_each(|h| p.add(h.tag));
        p
    }

    fn add(&mut self, tag: Tag) {
        match tag {
            Tag::Slot(s) => {
                let (w, b) = (s as usize / 64, s % 64);
                if self.slots.len() <= w {
                    self.slots.resize(w + 1, 0);
                }
                self.slots[w] |= 1 << b;
            }
            Tag::Category(c, sev) => {
                let m = &mut self.severity[c as usize];
                *m = (*m).max(sev);
            }
            Tag::Allow => {}
        }
    }

    fn meets(&self, group: &[Atom]) -> bool {
        group.iter().any(|&a| match a {
            Atom::Slot(s) => self
                .slots
                .get(s as usize / 64)
                .is_some_and(|w| w >> (s % 64) & 1 == 1),
            Atom::Category(c, min) => self.severity[c as usize] >= min,
        })
    }
}

/// Runs every rule over `hits` (sorted by start), adding derived slot hits to `hits` and fired
/// category rules to `out`. `chars` maps a folded byte offset to a char index, so windows are
/// counted in characters for every script alike. Returns each final hit's range in characters,
/// which the features stage needs too.
pub fn apply(
    hits: &mut Vec<Hit>,
    chars: impl Fn(usize) -> usize,
    out: &mut Vec<RuleHit>,
) -> Vec<(usize, usize)> {
    let mut pos: Vec<(usize, usize)> = hits
        .iter()
        .map(|h| (chars(h.start), chars(h.end)))
        .collect();
    let mut present = Present::of(hits);
    for (r, rule) in RULES.iter().enumerate() {
        if !rule.need.iter().all(|g| present.meets(g)) {
            continue; // cheap rejection: some group is met nowhere in the message
        }
        match rule.output {
            Output::Category(_) => {
                if let Some(parts) = matches(rule, hits, &pos).next() {
                    out.push(RuleHit {
                        rule: r as u16,
                        parts,
                    });
                }
            }
            Output::Slot(slot) => {
                let derived: Vec<Hit> = matches(rule, hits, &pos)
                    .map(|parts| Hit {
                        tag: Tag::Slot(slot),
                        source: r as u16,
                        from_pattern: false,
                        start: parts.iter().map(|p| p.0).min().unwrap_or(0),
                        end: parts.iter().map(|p| p.1).max().unwrap_or(0),
                    })
                    .collect();
                if !derived.is_empty() {
                    present.add(Tag::Slot(slot));
                    hits.extend(derived);
                    hits.sort_by_key(|h| (h.start, h.end));
                    hits.dedup_by(|a, b| a.tag == b.tag && a.start == b.start && a.end == b.end);
                    pos = hits
                        .iter()
                        .map(|h| (chars(h.start), chars(h.end)))
                        .collect();
                }
            }
        }
    }
    pos
}

/// Every window, anchored at a hit, in which each `need` group is met and no `forbid` group is.
fn matches<'a>(
    rule: &'a Rule,
    hits: &'a [Hit],
    pos: &'a [(usize, usize)],
) -> impl Iterator<Item = Vec<(usize, usize)>> + 'a {
    (0..hits.len()).filter_map(move |i| {
        if !rule.need.iter().any(|g| satisfies_group(hits[i].tag, g)) {
            return None;
        }
        let first = pos[i].0;
        let limit = first + rule.window;
        let mut parts = Vec::with_capacity(rule.need.len());
        let mut last = first;
        for group in rule.need {
            let j = (i..hits.len())
                .take_while(|&j| pos[j].0 <= limit)
                .find(|&j| pos[j].1 <= limit && satisfies_group(hits[j].tag, group))?;
            parts.push((hits[j].start, hits[j].end));
            last = last.max(pos[j].1);
        }
        // A forbidding word near the matched words cancels the rule ("my daughter", "don't").
        let lo = first.saturating_sub(rule.window / 2);
        let hi = last + rule.window / 2;
        let from = pos.partition_point(|p| p.0 < lo);
        let nearby = || {
            (from..hits.len())
                .take_while(|&j| pos[j].0 <= hi)
                .filter(|&j| pos[j].1 <= hi)
        };
        let forbidden = rule
            .forbid
            .iter()
            .any(|group| nearby().any(|j| satisfies_group(hits[j].tag, group)));
        (!forbidden).then_some(parts)
    })
}
