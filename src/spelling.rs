//! Spelling variants of word-list terms. Used at build time (by `build.rs`, which folds every
//! spelling once) so that start-up only builds the automaton.

/// Spelling variants of a term (lowercased, before folding): the term itself, one for each
/// variant whose canonical form it contains (加微信 → 加vx, 加薇信, …), and for a phrase of
/// Latin words, the words run together ("kill yourself" → "killyourself"), as written when
/// letters are spaced apart or the spaces are dropped.
pub fn expand_variants(term: &str, variants: &[(String, String)]) -> Vec<String> {
    let mut out = vec![term.to_string()];
    for (variant, canonical) in variants {
        if !canonical.is_empty() && term.contains(canonical.as_str()) {
            out.push(term.replace(canonical.as_str(), variant));
        }
    }
    let joined: Vec<String> = out
        .iter()
        .filter(|t| t.contains(' ') && t.chars().all(|c| c.is_ascii() && c != '*'))
        .map(|t| t.replace(' ', ""))
        .filter(|t| t.len() >= 7)
        .collect();
    out.extend(joined);
    out
}
