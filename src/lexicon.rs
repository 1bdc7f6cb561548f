//! Stage 2: find word-list terms and patterns in the folded text.
//!
//! All terms (with their spelling variants from `data/normalize/variants.tsv`) are found by
//! `matcher`, from tables compiled at build time. A Latin-script term must sit on word
//! boundaries unless it is marked with `*`, so "Scunthorpe", "assessment" and "Assassin's
//! Creed" pass. Allow-list entries mask any hit they cover, so 性价比 does not count as 性.

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::matcher;
use crate::matcher::bucket::{is_cjk_like, is_word_char};
use crate::matcher::phrases::Phrases;
use crate::normalize::Folded;
use crate::tables::{
    unpacked, Tag, LEXICON, PATTERNS, TERM_CJK_ONLY, TERM_DOUBLED, TERM_ENTRIES, TERM_FLAGS,
    TERM_LATIN_END, TERM_LATIN_START,
};

/// One match in the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub tag: Tag,
    /// Index into `LEXICON` (for terms) or `PATTERNS` (for patterns, with `from_pattern`).
    pub source: u16,
    pub from_pattern: bool,
    /// Byte range in the folded text.
    pub start: usize,
    pub end: usize,
}

impl Hit {
    pub fn reason(&self) -> Option<u16> {
        if self.from_pattern {
            PATTERNS[self.source as usize].reason
        } else {
            LEXICON[self.source as usize].reason
        }
    }
}

/// A word-list spelling where it matched: which entry it stands for and how it must sit in the
/// text. Read on the spot from the static tables (`TERM_FLAGS` says the rest), so nothing is
/// built at start-up.
struct Compiled {
    entry: u16,
    /// The run length each char needs (for "ass" the last `s` needs 2); empty when all are 1.
    runs: &'static [u8],
    /// `*` at the start or end: the match may continue into the word on that side.
    open_start: bool,
    open_end: bool,
    /// Latin letters or digits at the edges: those edges need a word boundary.
    latin_start: bool,
    latin_end: bool,
    /// A Latin spelling of a Chinese term ("sb" for 傻逼): counts only in a message that has
    /// Chinese in it, since in English "sb" is "somebody".
    needs_cjk: bool,
}

impl Compiled {
    fn of(spelling: u16) -> Compiled {
        let i = spelling as usize;
        let entry = TERM_ENTRIES[i];
        let e = &LEXICON[entry as usize];
        let flags = TERM_FLAGS[i];
        let runs = if flags & TERM_DOUBLED == 0 {
            &[][..]
        } else {
            unpacked().term_runs(i as u32).unwrap_or(&[])
        };
        Compiled {
            entry,
            runs,
            open_start: e.open_start,
            open_end: e.open_end,
            latin_start: flags & TERM_LATIN_START != 0,
            latin_end: flags & TERM_LATIN_END != 0,
            needs_cjk: flags & TERM_CJK_ONLY != 0,
        }
    }
}

/// The compiled patterns (the word lists need no compiling: see `matcher`).
pub struct Lexicon {
    patterns: Vec<(u16, Regex, Vec<Gate>)>,
    /// The gates' literals: one pass over a text finds them all.
    literals: Phrases,
}

/// A pattern's gate, parsed once: the regex runs only if one of these holds.
enum Gate {
    /// At least this many ASCII digits in the text.
    Digits(usize),
    /// This literal in the text (its number in `Lexicon::literals`).
    Literal(u8),
}

impl Lexicon {
    /// The shared lexicon, compiled on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON_CELL: OnceLock<Lexicon> = OnceLock::new();
        LEXICON_CELL.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut literals: Vec<String> = Vec::new();
        let patterns = PATTERNS
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let re = Regex::new(p.regex)
                    .unwrap_or_else(|e| panic!("data/patterns.tsv: {}: {e}", p.name));
                let gate = p
                    .gate
                    .iter()
                    .map(|g| match g.strip_prefix('#') {
                        // build.rs checked that the count is a number
                        Some(n) => Gate::Digits(n.parse().unwrap_or(usize::MAX)),
                        None => {
                            let id = literals.iter().position(|l| l == g).unwrap_or_else(|| {
                                literals.push(g.to_string());
                                literals.len() - 1
                            });
                            Gate::Literal(id as u8)
                        }
                    })
                    .collect();
                (i as u16, re, gate)
            })
            .collect();
        assert!(
            literals.len() <= 128,
            "data/patterns.tsv: more than 128 gate literals"
        );
        Lexicon {
            patterns,
            literals: Phrases::new(literals),
        }
    }

    /// Every hit in `folded`, allow-list masking applied, sorted by position.
    pub fn find(&self, folded: &Folded, hits: &mut Vec<Hit>) {
        let text = folded.text.as_str();
        let mut allows: Vec<(usize, usize)> = Vec::new();
        let mut has_cjk: Option<bool> = None;
        let joined = |at: usize| folded.chain_start(at).is_some_and(|s| s < at);
        matcher::each_match(text, joined, |key, spellings, at| {
            for spelling in spellings {
                let c = &Compiled::of(spelling);
                if c.needs_cjk && !*has_cjk.get_or_insert_with(|| text.chars().any(is_cjk_like)) {
                    continue;
                }
                let Some((start, end)) = self.accept(folded, c, at, at + key.len()) else {
                    continue;
                };
                let tag = LEXICON[c.entry as usize].tag;
                if tag == Tag::Allow {
                    allows.push((start, end));
                } else {
                    hits.push(Hit {
                        tag,
                        source: c.entry,
                        from_pattern: false,
                        start,
                        end,
                    });
                }
            }
        });
        let mut digits: Option<usize> = None;
        let mut present: Option<u128> = None;
        let mut open = |gate: &[Gate]| {
            gate.is_empty()
                || gate.iter().any(|g| match *g {
                    Gate::Digits(n) => {
                        *digits
                            .get_or_insert_with(|| text.bytes().filter(u8::is_ascii_digit).count())
                            >= n
                    }
                    Gate::Literal(id) => {
                        *present.get_or_insert_with(|| self.literals_in(text)) >> id & 1 == 1
                    }
                })
        };
        for (i, re, gate) in &self.patterns {
            if !open(gate) {
                continue;
            }
            for m in re.find_iter(text) {
                // Patterns may consume a boundary character; do not report it as matched.
                let s = &text[m.start()..m.end()];
                let keep = |c: char| c.is_alphanumeric() || c == '+' || c == '@';
                let start = m.start() + (s.len() - s.trim_start_matches(|c| !keep(c)).len());
                let end = m.end() - (s.len() - s.trim_end_matches(|c| !keep(c)).len());
                if start >= end {
                    continue;
                }
                hits.push(Hit {
                    tag: PATTERNS[*i as usize].tag,
                    source: *i,
                    from_pattern: true,
                    start,
                    end,
                });
            }
        }
        if !allows.is_empty() {
            // Sorted by start, each allow span's end replaced by the furthest end so far: a hit
            // is covered if the last allow starting at or before it reaches past its end.
            allows.sort_unstable();
            let mut reach = 0;
            for a in &mut allows {
                reach = reach.max(a.1);
                a.1 = reach;
            }
            hits.retain(|h| {
                let k = allows.partition_point(|a| a.0 <= h.start);
                k == 0 || allows[k - 1].1 < h.end
            });
        }
        // In full order, so that which of two same-tag hits on one span stays (the first entry)
        // does not depend on the order they were found in.
        hits.sort_unstable_by_key(|h| (h.start, h.end, h.tag, h.from_pattern, h.source));
        hits.dedup_by(|a, b| a.tag == b.tag && a.start == b.start && a.end == b.end);
    }

    /// Which gate literals `text` holds, a bit each, from one pass over its bytes.
    fn literals_in(&self, text: &str) -> u128 {
        let mut mask = 0u128;
        self.literals.each(text, |_, id| mask |= 1 << id);
        mask
    }

    /// Checks boundaries and run lengths; returns the span to report (a `*` term's span runs on
    /// to the end of the word).
    fn accept(
        &self,
        folded: &Folded,
        c: &Compiled,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
        let text = folded.text.as_str();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let (mut s, mut e) = (start, end);
        // Inside letters that were spelled apart ("y o u s t u p i d"), word boundaries are
        // unknown: let terms of five letters or more match there. Shorter ones would turn up
        // inside ordinary words ("c l a s s" holds "ass").
        let relaxed = end - start >= 5;
        // A one-letter word spelled into the chain ("a c u n t", "u s t u p i d") is a word
        // boundary of its own.
        let after_article = start > 0
            && folded.chain_start(start) == Some(start - 1)
            && matches!(text.as_bytes()[start - 1], b'a' | b'i' | b'u');
        let chained_before =
            after_article || (relaxed && start > 0 && folded.same_chain(start - 1, start));
        let chained_after = relaxed && end < text.len() && folded.same_chain(end - 1, end);
        if c.latin_start && before.is_some_and(is_word_char) && !chained_before {
            if !c.open_start {
                return None;
            }
            s = text[..start]
                .char_indices()
                .rev()
                .take_while(|&(_, ch)| is_word_char(ch))
                .last()
                .map_or(start, |(i, _)| i);
        }
        if c.latin_end && after.is_some_and(is_word_char) && !chained_after {
            if !c.open_end {
                return None;
            }
            e = text[end..]
                .char_indices()
                .find(|&(_, ch)| !is_word_char(ch))
                .map_or(text.len(), |(i, _)| end + i);
        }
        if c.runs.iter().any(|&r| r > 1) {
            let ok = text[start..end]
                .char_indices()
                .zip(c.runs)
                .all(|((i, _), &need)| folded.run(start + i) >= need);
            if !ok {
                return None;
            }
        }
        Some((s, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn terms(text: &str) -> Vec<String> {
        let f = normalize(text);
        let mut hits = Vec::new();
        Lexicon::get().find(&f, &mut hits);
        hits.iter()
            .filter(|h| matches!(h.tag, Tag::Category(..)))
            .map(|h| f.text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn latin_terms_respect_word_boundaries() {
        assert!(terms("Scunthorpe").is_empty());
        assert!(terms("assessment").is_empty());
        assert!(terms("Assassin's Creed").is_empty());
        assert!(!terms("you stupid bitch").is_empty());
    }

    #[test]
    fn allow_list_masks_chinese_terms() {
        assert!(terms("性价比很高").is_empty());
        assert!(terms("奶粉").is_empty());
        assert!(terms("成人款").is_empty());
        assert!(terms("杀价").is_empty());
    }

    #[test]
    fn spelled_apart_words_match_after_a_one_letter_word() {
        assert!(!terms("you are a c u n t").is_empty());
        assert!(terms("a s s e s s m e n t").is_empty());
    }

    #[test]
    fn run_lengths_are_checked() {
        assert!(!terms("fuuuuck you").is_empty());
    }
}
