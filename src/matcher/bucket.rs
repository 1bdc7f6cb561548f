//! How a word-list key is filed: by its first two characters (the one, for a one-character
//! key), and by whether it can only start a word. Shared by `build.rs`, which files the keys,
//! and the matcher, which looks them up, so that both compute the same.

/// A letter or digit of a script that writes spaces between words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !is_cjk_like(c)
}

pub fn is_cjk_like(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '\u{AC00}'..='\u{D7AF}')
}

/// The bucket of a key, or of a text position: its first character and its second (0 for a
/// one-character key), and whether it holds keys that match only at the start of a word (a
/// Latin key whose terms are not open at the start with `*`).
pub fn bucket_key(first: char, second: Option<char>, word_start: bool) -> u64 {
    (u64::from(word_start) << 63) | (u64::from(first) << 32) | second.map_or(0, u64::from)
}

/// ASCII characters: such buckets are found by index (`MATCH_ASCII`), not by hash.
#[inline]
pub fn ascii_index(first: char, second: Option<char>, word_start: bool) -> Option<usize> {
    let b = second.map_or(Some(0), |b| b.is_ascii().then_some(b as usize))?;
    first
        .is_ascii()
        .then(|| usize::from(word_start) * 128 * 128 + first as usize * 128 + b)
}

/// Where a bucket starts looking in the open-addressing table (masked by the table's size).
pub fn bucket_hash(key: u64) -> usize {
    ((key ^ (key >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
}
