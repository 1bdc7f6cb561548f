//! `veil perturb DIR [--seed N] [--level L]`: how well recall holds up when harassers disguise
//! their words.
//!
//! For every positive row of the harm sources, the words Veil matched on the clean text (its
//! spans: what an adversary would have to disguise) are rewritten with one evasion tactic,
//! chosen by a seeded generator, and the row is classified again. Rows Veil missed get random
//! words rewritten instead. Benign rows get random words rewritten, to check that the defences
//! do not raise false flags. The same seed gives the same rewrites on every machine.
//!
//! Tactics: leetspeak, Cyrillic/Greek homoglyphs, mathematical bold, full-width and circled
//! letters, zero-width characters, spaced and dotted letters, repeated letters (Latin); and
//! Traditional characters, inserted symbols, zero-width characters and spaced characters
//! (Chinese). Homophones are left out on purpose: the only table of them here is Veil's own
//! `variants.tsv`, so such a test would pass by construction.

use std::collections::{BTreeMap, HashMap};

use veil::{Filter, Settings, Verdict};

use crate::eval::{classify_all, flagged, levels, load, matching, pct, predicts, Dataset};
use crate::Args;

/// SplitMix64: a tiny, well-known generator, so runs are reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tactic {
    Leet,
    Homoglyph,
    MathBold,
    FullWidth,
    Circled,
    ZeroWidth,
    Spaced,
    Dotted,
    Repeated,
    Traditional,
    Symbols,
}

const LATIN: [Tactic; 9] = [
    Tactic::Leet,
    Tactic::Homoglyph,
    Tactic::MathBold,
    Tactic::FullWidth,
    Tactic::Circled,
    Tactic::ZeroWidth,
    Tactic::Spaced,
    Tactic::Dotted,
    Tactic::Repeated,
];
const CHINESE: [Tactic; 4] = [
    Tactic::Traditional,
    Tactic::Symbols,
    Tactic::ZeroWidth,
    Tactic::Spaced,
];

impl Tactic {
    fn name(self) -> &'static str {
        match self {
            Tactic::Leet => "leetspeak",
            Tactic::Homoglyph => "homoglyphs",
            Tactic::MathBold => "math bold",
            Tactic::FullWidth => "full-width",
            Tactic::Circled => "circled",
            Tactic::ZeroWidth => "zero-width",
            Tactic::Spaced => "spaced",
            Tactic::Dotted => "dotted",
            Tactic::Repeated => "repeated",
            Tactic::Traditional => "traditional",
            Tactic::Symbols => "symbols",
        }
    }
}

/// Simplified → Traditional, the reverse of the engine's table (first Traditional form wins).
fn traditional_table() -> HashMap<char, char> {
    let mut map = HashMap::new();
    for line in include_str!("../../../data/normalize/t2s.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        if let (Some(t), Some(s)) = (f.next(), f.next()) {
            if let (Some(t), Some(s)) = (t.chars().next(), s.chars().next()) {
                map.entry(s).or_insert(t);
            }
        }
    }
    map
}

/// Writes Latin letters in a styled alphabet that starts at `base` (𝐚 or ⓐ), lowercased.
fn styled(chars: &[char], base: u32) -> String {
    chars
        .iter()
        .map(|&c| match c.to_ascii_lowercase() {
            l @ 'a'..='z' => char::from_u32(base + (l as u32 - 'a' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Rewrites one word with a tactic.
fn disguise(word: &str, tactic: Tactic, rng: &mut Rng, trad: &HashMap<char, char>) -> String {
    let chars: Vec<char> = word.chars().collect();
    let lower = |c: char| c.to_ascii_lowercase();
    match tactic {
        Tactic::Leet => {
            // Real leetspeak keeps the first letter readable (s3x, b1tch) or uses @ and $.
            let mut out = String::new();
            for (i, &c) in chars.iter().enumerate() {
                let l = match (i, lower(c)) {
                    (0, 'a') => '@',
                    (0, 's') => '$',
                    (0, _) => c,
                    (_, 'a') => '4',
                    (_, 'e') => '3',
                    (_, 'i') => '1',
                    (_, 'o') => '0',
                    (_, 's') => '5',
                    (_, 't') => '7',
                    _ => c,
                };
                out.push(l);
            }
            out
        }
        Tactic::Homoglyph => chars
            .iter()
            .map(|&c| match lower(c) {
                'a' => 'а',
                'c' => 'с',
                'e' => 'е',
                'i' => 'і',
                'o' if rng.chance(0.5) => 'ο',
                'o' => 'о',
                'p' => 'р',
                's' => 'ѕ',
                'x' => 'х',
                'y' => 'у',
                _ => c,
            })
            .collect(),
        Tactic::MathBold => styled(&chars, 0x1D41A),
        Tactic::FullWidth => chars
            .iter()
            .map(|&c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect(),
        Tactic::Circled => styled(&chars, 0x24D0),
        Tactic::ZeroWidth => join(&chars, |_| "\u{200B}".to_string()),
        Tactic::Spaced => join(&chars, |_| " ".to_string()),
        Tactic::Dotted => join(&chars, |_| ".".to_string()),
        Tactic::Repeated => {
            let k = rng.below(chars.len().max(1));
            let times = 3 + rng.below(3);
            chars
                .iter()
                .enumerate()
                .flat_map(|(i, &c)| {
                    let n = if i == k && c.is_alphabetic() {
                        times
                    } else {
                        1
                    };
                    std::iter::repeat_n(c, n)
                })
                .collect()
        }
        Tactic::Traditional => chars.iter().map(|c| *trad.get(c).unwrap_or(c)).collect(),
        Tactic::Symbols => {
            const SYMBOLS: [&str; 6] = ["@", "#", "*", ".", "~", "@#"];
            join(&chars, |r| SYMBOLS[r % SYMBOLS.len()].to_string())
        }
    }
}

/// Joins characters with a separator between letters (or Chinese characters).
fn join(chars: &[char], sep: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let next = chars.get(i + 1);
        if c.is_alphanumeric() && next.is_some_and(|n| n.is_alphanumeric()) {
            out.push_str(&sep(i));
        }
    }
    out
}

/// Word-ish pieces of a text to disguise: runs of letters (a Chinese run counts as one piece).
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Rewrites the given byte ranges of `text` (sorted, non-overlapping) with a tactic.
fn rewrite(
    text: &str,
    ranges: &[(usize, usize)],
    tactic: Tactic,
    rng: &mut Rng,
    trad: &HashMap<char, char>,
) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at {
            continue;
        }
        out.push_str(&text[at..s]);
        // Disguise each word inside the range separately ("kill yourself" → two words).
        let piece = &text[s..e];
        let mut last = 0;
        for (ps, pe) in pieces(piece) {
            out.push_str(&piece[last..ps]);
            out.push_str(&disguise(&piece[ps..pe], tactic, rng, trad));
            last = pe;
        }
        out.push_str(&piece[last..]);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

fn matched_ranges(v: &Verdict) -> Vec<(usize, usize)> {
    let mut r: Vec<(usize, usize)> = v
        .categories
        .iter()
        .flat_map(|c| c.spans.iter().map(|s| (s.start, s.end)))
        .collect();
    r.sort();
    r.dedup();
    r
}

fn random_ranges(text: &str, rng: &mut Rng) -> Vec<(usize, usize)> {
    pieces(text)
        .into_iter()
        .filter(|_| rng.chance(0.3))
        .collect()
}

#[derive(Default)]
struct Tally {
    positives: u64,
    clean: u64,
    perturbed: u64,
}

pub fn run(args: &Args) -> Result<(), String> {
    let dir = args.data_dir("perturb")?;
    let level = levels(args.level.as_deref())?[0];
    let settings = Settings::with_level(level);
    let sets: Vec<Dataset> = load(dir)?;
    let clean = classify_all(&sets, None)?;
    let filter = Filter::new(Settings::default()).map_err(|e| e.to_string())?;
    let trad = traditional_table();
    let mut rng = Rng(args.seed);

    // (gold, lang) and (tactic, lang) tallies over positives; (lang) over benign rows.
    let mut by_gold: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut by_tactic: BTreeMap<(Tactic, String), Tally> = BTreeMap::new();
    let mut benign: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    let mut shown = 0;
    for (set, verdicts) in sets.iter().zip(&clean) {
        for (row, v) in set.rows.iter().zip(verdicts) {
            let tactics: &[Tactic] = if row.lang == "zh" { &CHINESE } else { &LATIN };
            let tactic = tactics[rng.below(tactics.len())];
            if set.source.kind == "benign" {
                let ranges = random_ranges(&row.text, &mut rng);
                let disguised = rewrite(&row.text, &ranges, tactic, &mut rng, &trad);
                let p = filter.check_text(&disguised);
                if !flagged(v, &settings)
                    && flagged(&p, &settings)
                    && shown < args.errors.unwrap_or(0)
                {
                    shown += 1;
                    println!("NEW FLAG {} [{}] {disguised:?}", row.lang, tactic.name());
                }
                let e = benign.entry(row.lang.clone()).or_default();
                e.0 += 1;
                e.1 += flagged(v, &settings) as u64;
                e.2 += flagged(&p, &settings) as u64;
                continue;
            }
            let golds: Vec<&String> = set
                .source
                .annotates
                .iter()
                .filter(|g| row.labels.contains(g) && !row.unknown.contains(g))
                .collect();
            if golds.is_empty() {
                continue;
            }
            let ranges = if v
                .categories
                .iter()
                .any(|c| golds.iter().any(|g| matching(g).contains(&c.category)))
            {
                matched_ranges(v)
            } else {
                random_ranges(&row.text, &mut rng)
            };
            let disguised = rewrite(&row.text, &ranges, tactic, &mut rng, &trad);
            let p = filter.check_text(&disguised);
            for g in golds {
                let (c, q) = (predicts(v, g, &settings), predicts(&p, g, &settings));
                if c && !q && shown < args.errors.unwrap_or(0) {
                    shown += 1;
                    println!("LOST {g} {} [{}] {disguised:?}", row.lang, tactic.name());
                }
                for t in [
                    by_gold.entry((g.clone(), row.lang.clone())).or_default(),
                    by_tactic.entry((tactic, row.lang.clone())).or_default(),
                ] {
                    t.positives += 1;
                    t.clean += c as u64;
                    t.perturbed += q as u64;
                }
            }
        }
    }

    let ratio = |t: &Tally| (t.clean > 0).then(|| t.perturbed as f64 / t.clean as f64);
    let recall = |n: u64, t: &Tally| (t.positives > 0).then(|| n as f64 / t.positives as f64);
    println!("level: {level}, seed: {}", args.seed);
    println!(
        "{:<14} {:<4} {:>8} {:>12} {:>16} {:>8}",
        "category", "lang", "pos", "clean recall", "perturbed recall", "ratio"
    );
    let mut total: BTreeMap<String, Tally> = BTreeMap::new();
    for ((g, lang), t) in &by_gold {
        println!(
            "{:<14} {:<4} {:>8} {:>12} {:>16} {:>8}",
            g,
            lang,
            t.positives,
            pct(recall(t.clean, t)),
            pct(recall(t.perturbed, t)),
            pct(ratio(t))
        );
        let e = total.entry(lang.clone()).or_default();
        e.positives += t.positives;
        e.clean += t.clean;
        e.perturbed += t.perturbed;
    }
    for (lang, t) in &total {
        println!(
            "{:<14} {:<4} {:>8} {:>12} {:>16} {:>8}",
            "all",
            lang,
            t.positives,
            pct(recall(t.clean, t)),
            pct(recall(t.perturbed, t)),
            pct(ratio(t))
        );
    }
    println!();
    println!("{:<14} {:<4} {:>8} {:>8}", "tactic", "lang", "pos", "ratio");
    for ((tactic, lang), t) in &by_tactic {
        println!(
            "{:<14} {:<4} {:>8} {:>8}",
            tactic.name(),
            lang,
            t.positives,
            pct(ratio(t))
        );
    }
    println!();
    println!(
        "{:<14} {:<4} {:>8} {:>12} {:>16}",
        "benign", "lang", "rows", "clean flags", "perturbed flags"
    );
    for (lang, (n, c, p)) in &benign {
        let r = |x: &u64| pct(Some(*x as f64 / *n as f64));
        println!(
            "{:<14} {:<4} {:>8} {:>12} {:>16}",
            "all benign",
            lang,
            n,
            r(c),
            r(p)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tactics_rewrite_words() {
        let trad = traditional_table();
        let mut rng = Rng(1);
        assert_eq!(disguise("bitch", Tactic::Leet, &mut rng, &trad), "b17ch");
        assert_eq!(disguise("fuck", Tactic::Spaced, &mut rng, &trad), "f u c k");
        assert_eq!(
            disguise("sex", Tactic::FullWidth, &mut rng, &trad),
            "ｓｅｘ"
        );
        assert_eq!(
            disguise("这么", Tactic::Traditional, &mut rng, &trad),
            "這麼"
        );
        assert_eq!(
            rewrite(
                "you are a bitch ok",
                &[(10, 15)],
                Tactic::Dotted,
                &mut rng,
                &trad
            ),
            "you are a b.i.t.c.h ok"
        );
    }

    #[test]
    fn same_seed_same_rewrites() {
        let trad = traditional_table();
        let run = |seed| {
            let mut rng = Rng(seed);
            (0..20)
                .map(|_| disguise("daughter", Tactic::Repeated, &mut rng, &trad))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
    }
}
