//! Stage 4: turn hits and fired rules into one severity, score, span list and reason for each
//! category. A learned scorer can join here later as one more input.

use crate::lexicon::Hit;
use crate::model::{Category, Span};
use crate::rules::RuleHit;
use crate::tables::{Output, Tag};

/// What the evidence says about one category, before policy.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub severity: u8,
    /// Probability that none of the pieces of evidence is right, multiplied up.
    miss: f32,
    /// Byte ranges in the folded text.
    pub parts: Vec<(usize, usize)>,
    /// The reason of the most severe piece of evidence (index into `REASONS`), if it has one.
    pub reason: Option<u16>,
    reason_severity: u8,
}

impl Evidence {
    fn add(&mut self, severity: u8, reason: Option<u16>, parts: &[(usize, usize)]) {
        if self.severity == 0 {
            self.miss = 1.0;
        }
        self.severity = self.severity.max(severity);
        // Each piece of evidence is right with a probability that grows with its severity.
        let p = match severity {
            1 => 0.4,
            2 => 0.7,
            _ => 0.9,
        };
        self.miss *= 1.0 - p;
        self.parts.extend_from_slice(parts);
        if reason.is_some() && severity >= self.reason_severity {
            self.reason = reason;
            self.reason_severity = severity;
        }
    }

    pub fn score(&self) -> f32 {
        ((1.0 - self.miss) * 1000.0).round() / 1000.0
    }
}

/// Evidence for every category, indexed by `Category::index`.
pub type Scores = [Evidence; Category::ALL.len()];

pub fn score(hits: &[Hit], rules: &[RuleHit]) -> Scores {
    let mut scores: Scores = Default::default();
    for h in hits {
        if let Tag::Category(c, sev) = h.tag {
            scores[c as usize].add(sev, h.reason(), &[(h.start, h.end)]);
        }
    }
    for r in rules {
        let rule = r.rule();
        if let Output::Category(c) = rule.output {
            scores[c as usize].add(rule.severity, rule.reason, &r.parts);
        }
    }
    scores
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
