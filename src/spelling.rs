//! Spelling variants of word-list terms. Used at build time (by `build.rs`, which folds every
//! spelling once) so that start-up only builds the automaton.

/// One line of `data/normalize/variants.tsv` (lowercased).
pub struct Variant {
    pub variant: String,
    pub canonical: String,
    /// The variant is also an ordinary English token ("sb"): it counts only in Chinese text.
    pub zh_only: bool,
}

/// Spelling variants of a term (lowercased, before folding): the term itself, one for each
/// variant whose canonical form it contains (加微信 → 加vx, 加薇信, …), and for a phrase of
/// Latin words, the words run together ("kill yourself" → "killyourself"), as written when
/// letters are spaced apart or the spaces are dropped. Each comes with whether it came from a
/// `zh`-only variant.
pub fn expand_variants(term: &str, variants: &[Variant]) -> Vec<(String, bool)> {
    let mut out = vec![(term.to_string(), false)];
    for v in variants {
        if !v.canonical.is_empty() && term.contains(v.canonical.as_str()) {
            out.push((term.replace(v.canonical.as_str(), &v.variant), v.zh_only));
        }
    }
    let joined: Vec<(String, bool)> = out
        .iter()
        .filter(|(t, _)| t.contains(' ') && t.chars().all(|c| c.is_ascii() && c != '*'))
        .map(|(t, zh)| (t.replace(' ', ""), *zh))
        .filter(|(t, _)| t.len() >= 7)
        .collect();
    out.extend(joined);
    out
}
