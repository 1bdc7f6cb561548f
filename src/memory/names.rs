//! Display names: a key with disguises undone, and how two names compare.

use super::identifiers::light_fold;
use crate::normalize;

/// A display name's key: folded (case, width, look-alikes, Traditional), digits read as the
/// letters they stand for inside words, and only letters and Chinese characters kept.
pub fn name_key(name: &str) -> String {
    let folded = normalize::normalize(name).text;
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let letter_near = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphabetic())
        };
        let leet = match c {
            '0' => Some('o'),
            '1' => Some('i'),
            '3' => Some('e'),
            '4' => Some('a'),
            '5' => Some('s'),
            '7' => Some('t'),
            '@' => Some('a'),
            '$' => Some('s'),
            _ => None,
        };
        if c.is_alphabetic() {
            out.push(c);
        } else if let Some(l) = leet {
            // A digit between letters is a disguised letter; trailing digits are dropped.
            if letter_near(i.checked_sub(1)) && letter_near(Some(i + 1)) {
                out.push(l);
            }
        }
    }
    out
}

pub(super) enum NameMatch {
    No,
    /// Near (one edit apart).
    Near,
    /// The same key.
    Same,
    /// The same key, long enough to identify alone.
    Distinctive,
}

/// How two display names compare once disguises are undone. Their length is counted before
/// repeated letters are squeezed ("kk哥哥" has four), and a short name means nothing: "宝妈",
/// "sam" and "Sarah" are many people.
pub(super) fn name_match(a: &str, b: &str) -> NameMatch {
    let letters = |n: &str| light_fold(n).chars().filter(|c| c.is_alphabetic()).count();
    let (ka, kb) = (name_key(a), name_key(b));
    let (la, lb) = (letters(a), letters(b));
    let cjk = ka.chars().any(normalize::is_cjk);
    let min = if cjk { 3 } else { 5 };
    if la < min || lb < min || ka.is_empty() {
        return NameMatch::No;
    }
    if ka == kb {
        let distinctive = if cjk { 4 } else { 8 };
        return if la.min(lb) >= distinctive {
            NameMatch::Distinctive
        } else {
            NameMatch::Same
        };
    }
    let (ca, cb) = (ka.chars().count(), kb.chars().count());
    if ca.min(cb) > min && ca.abs_diff(cb) <= 1 && edit_distance(&ka, &kb) <= 1 {
        return NameMatch::Near;
    }
    NameMatch::No
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != cb) as usize)
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_names_fold_to_one_key() {
        assert_eq!(name_key("Toxic_Mike"), "toxicmike");
        assert_eq!(name_key("T0xicMike_2"), "toxicmike");
        assert_eq!(name_key("TOXIC mike 99"), "toxicmike");
        assert!(matches!(
            name_match("Toxic_Mike", "T0xic_Mikey"),
            NameMatch::Near
        ));
        assert!(matches!(
            name_match("Toxic_Mike", "T0xicMike_2"),
            NameMatch::Distinctive
        ));
        assert!(matches!(name_match("Sarah", "sarah"), NameMatch::Same));
        assert!(matches!(name_match("宝妈", "宝妈"), NameMatch::No));
        assert!(matches!(
            name_match("風流浪子", "风流浪子"),
            NameMatch::Distinctive
        ));
    }
}
