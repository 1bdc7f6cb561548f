//! A short list of phrases (tens), found by their first byte: a table says which phrases start
//! with each byte, so one pass over a text checks only those. For lists too short to be worth
//! the word lists' tables: the patterns' gate literals, and sender memory's app words and stock
//! phrases.

/// The phrases and, for each byte, the numbers of those that start with it.
pub struct Phrases {
    phrases: Vec<String>,
    by_first: Vec<Vec<u16>>,
}

impl Phrases {
    /// Phrases keep their numbers (their place in `phrases`); an empty one is never found.
    pub fn new(phrases: Vec<String>) -> Phrases {
        let mut by_first = vec![Vec::new(); 256];
        for (i, p) in phrases.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first() {
                by_first[b as usize].push(i as u16);
            }
        }
        Phrases { phrases, by_first }
    }

    pub fn get(&self, i: usize) -> &str {
        &self.phrases[i]
    }

    /// Calls `found(start, phrase number)` for every occurrence in `text`, overlapping ones
    /// included, in order of where they start.
    pub fn each(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        let bytes = text.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            for &p in &self.by_first[b as usize] {
                if bytes[at..].starts_with(self.phrases[p as usize].as_bytes()) {
                    found(at, p as usize);
                }
            }
        }
    }

    /// Every occurrence in `text` as (start, end, phrase number), sorted by where they end.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.each(text, |at, p| out.push((at, at + self.phrases[p].len(), p)));
        out.sort_unstable_by_key(|&(s, e, p)| (e, s, p));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_and_keeps_numbers() {
        let p = Phrases::new(vec!["ab".into(), String::new(), "b".into(), "abc".into()]);
        assert_eq!(
            p.occurrences("xabcab"),
            [(1, 3, 0), (2, 3, 2), (1, 4, 3), (4, 6, 0), (5, 6, 2)]
        );
        assert_eq!(p.get(3), "abc");
        assert!(p.occurrences("").is_empty());
    }
}
