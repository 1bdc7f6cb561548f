//! Stage 1: fold the text into one canonical form, so that every later stage sees through the
//! usual disguises once, and keep a map back to the original text for spans.
//!
//! The steps, in order, each a small function below:
//! 1. `fold_chars`: drop invisible characters; fold compatibility forms (full-width, 𝐦𝐚𝐭𝐡,
//!    Ⓒⓘⓡⓒⓛⓔⓓ), accents, homoglyphs (Cyrillic, Greek) and Traditional Chinese; lowercase.
//! 2. `chinese_numerals`: 一三八… in a phone-number-like run become digits.
//! 3. `leet`: s3x, b1tch, n00dz, @ss become letters, only inside letter-led tokens.
//! 4. `join_separated`: f u c k, d.a.u.g.h.t.e.r and 傻@#逼 lose their separators.
//! 5. `unmask`: a word with one `*` in it ("d*ughter", "teleg*ram") reads as the listed word
//!    it masks, if one is in the word lists.
//! 6. `chat_words`: whole-word chat spellings read as the words they stand for ("u ll" is
//!    "you'll", "gonna" is "going to"), from `data/normalize/chat_words.tsv`.
//! 7. `squeeze`: runs of one letter collapse to one, remembering the run length, so
//!    "fuuuuck" matches "fuck" and "ass" still needs two s's.

use crate::tables::{fold_pairs, CHAT_WORDS, FOLD_BMP, FOLD_LONG, LEET, MASKABLE_WORDS, NUMERALS};

/// One character of the folded text, with where it came from in the original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Unit {
    ch: char,
    /// Byte range in the original text.
    start: u32,
    end: u32,
    /// Non-zero for letters that were spelled apart and joined ("f u c k"): the chain's number.
    chain: u32,
}

/// The folded text and its way back to the original.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The canonical text all matching runs on.
    pub text: String,
    /// For every byte of `text`: the original byte range of the character it came from.
    origin: Vec<(u32, u32)>,
    /// For every byte of `text`: how many times its character repeated in a row before squeezing.
    runs: Vec<u8>,
    /// Byte ranges of `text` that were letters spelled apart ("y o u s t u p i d"). Their word
    /// boundaries are lost, so word-list terms may start or end anywhere inside them.
    chains: Vec<(usize, usize)>,
}

impl Folded {
    /// Maps a byte range of the folded text back to a byte range of the original text.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || end > self.origin.len() {
            return (0, 0);
        }
        (
            self.origin[start].0 as usize,
            self.origin[end - 1].1 as usize,
        )
    }

    /// Whether the bytes `a` and `b` of the folded text lie in one spelled-apart chain.
    /// Where the spelled-apart chain holding byte `at` starts, if it is in one.
    pub fn chain_start(&self, at: usize) -> Option<usize> {
        self.chains
            .iter()
            .find(|&&(s, e)| s <= at && at < e)
            .map(|&(s, _)| s)
    }

    pub fn same_chain(&self, a: usize, b: usize) -> bool {
        self.chains
            .iter()
            .any(|&(s, e)| s <= a.min(b) && a.max(b) < e)
    }

    /// How many times the character at byte `at` of the folded text was repeated.
    pub fn run(&self, at: usize) -> u8 {
        self.runs.get(at).copied().unwrap_or(1)
    }
}

/// Folds `text` into its canonical form. See the module docs for the steps.
pub fn normalize(text: &str) -> Folded {
    let mut units = fold_chars(text);
    chinese_numerals(&mut units);
    leet(&mut units);
    let mut units = join_separated(units);
    // After joining: a star between two joined pieces ("w h a t*s a p p") must be read on the
    // first pass, or folding the folded text would read it on the second.
    unmask(&mut units);
    let units = chat_words(units);
    squeeze(&units)
}

/// Folds a word-list term the same way as message text, so that data files may be written in
/// any case, script or width. Returns the folded text and the run length of each of its chars.
pub fn normalize_term(term: &str) -> (String, Vec<u8>) {
    let f = normalize(term);
    let runs = f
        .text
        .char_indices()
        .map(|(i, _)| f.runs[i])
        .collect::<Vec<_>>();
    (f.text, runs)
}

fn is_invisible(c: char) -> bool {
    // No ASCII character is among them: most text is answered here.
    c as u32 >= 0xAD
        && matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// What a character folds to, if anything: one character (most) or a short string (⑩ → 10).
enum Fold {
    One(char),
    Long(&'static str),
}

fn lookup(c: char) -> Option<Fold> {
    let key = c as u32;
    if key < 0x10000 && FOLD_BMP[key as usize / 64] >> (key % 64) & 1 == 0 {
        return None;
    }
    let fold = fold_pairs();
    if let Ok(i) = fold.binary_search_by_key(&key, |&(cp, _)| cp) {
        return Some(Fold::One(fold[i].1));
    }
    FOLD_LONG
        .binary_search_by_key(&key, |&(cp, _)| cp)
        .ok()
        .map(|i| Fold::Long(FOLD_LONG[i].1))
}

fn fold_chars(text: &str) -> Vec<Unit> {
    let mut units = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if is_invisible(c) {
            continue;
        }
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        let mut push = |ch: char| {
            units.push(Unit {
                ch,
                start,
                end,
                chain: 0,
            })
        };
        let mut push_fold = |f: Fold| match f {
            Fold::One(ch) => push(ch),
            Fold::Long(s) => s.chars().for_each(&mut push),
        };
        if c == 'I' && capital_i_is_l(text.as_bytes(), i) {
            push('l');
        } else if c.is_ascii() {
            push_fold(Fold::One(c.to_ascii_lowercase()));
        } else if let Some(f) = lookup(c) {
            push_fold(f);
        } else {
            for lower in c.to_lowercase() {
                push_fold(lookup(lower).unwrap_or(Fold::One(lower)));
            }
        }
    }
    units
}

/// A capital I between two lowercase letters is a look-alike of l ("teIegram", "sIut"): no
/// English or pinyin word has a capital inside it, and camel case starts a word part with it.
fn capital_i_is_l(bytes: &[u8], at: usize) -> bool {
    at > 0
        && bytes[at - 1].is_ascii_lowercase()
        && bytes.get(at + 1).is_some_and(u8::is_ascii_lowercase)
}

fn numeral(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    NUMERALS
        .binary_search_by_key(&c, |&(n, _)| n)
        .ok()
        .map(|i| NUMERALS[i].1)
}

/// Separators people put between the digits of a phone number (一三八，一二三四/五六七八).
fn is_number_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | ',' | '，' | '/' | '、' | '|' | '_' | '~' | '～'
    )
}

/// Chinese numerals become digits only inside a run of at least 5 numerals (with digits,
/// spaces, dashes, commas or slashes between), the shape of a phone number or ID, so that 一个
/// stays 一个. Separators inside such a run become spaces, which the phone pattern allows.
fn chinese_numerals(units: &mut [Unit]) {
    let mut i = 0;
    while i < units.len() {
        if numeral(units[i].ch).is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut count = 0;
        let mut has_chinese = false;
        while j < units.len() {
            let c = units[j].ch;
            if let Some(d) = numeral(c) {
                count += 1;
                has_chinese |= d != c;
            } else if !is_number_separator(c) && !is_cjk_noise(c) {
                // Noise that `join_separated` drops between Chinese characters (壹叁捌★陆贰)
                // separates numerals too, or folding again would find a run this pass missed.
                break;
            }
            j += 1;
        }
        // A separator after the last numeral belongs to the sentence, not to the number.
        let mut end = j;
        while end > i && numeral(units[end - 1].ch).is_none() {
            end -= 1;
        }
        if count >= 5 && has_chinese {
            for u in &mut units[i..end] {
                match numeral(u.ch) {
                    Some(d) => u.ch = d,
                    None if u.ch != '-' => u.ch = ' ',
                    None => {}
                }
            }
        }
        i = j.max(i + 1);
    }
}

#[inline]
fn leet_letter(c: char) -> Option<char> {
    LEET.binary_search_by_key(&c, |&(l, _)| l)
        .ok()
        .map(|i| LEET[i].1)
}

/// A character of a token as `leet` reads tokens: an ASCII letter or digit, or a leet symbol.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || leet_letter(c).is_some()
}

/// Leetspeak is read only inside tokens that start with a letter (or a symbol such as `@` or
/// `$`, or a 0 before letters only: "0ne"), contain a letter, and are not numbers (five digits in a row, or mostly digits):
/// "s3x", "b1tch", "n00dz", "@55h0l3", "r374rd", but not "14cm", "7yo", "wx123456" or
/// "qq12345678", which stay as they are for the number and handle patterns. Trailing symbols are
/// punctuation ("bitch!"), not letters.
fn leet(units: &mut [Unit]) {
    let mut i = 0;
    while i < units.len() {
        if !is_token_char(units[i].ch) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < units.len() && is_token_char(units[j].ch) {
            j += 1;
        }
        let mut end = j;
        while end > i && !units[end - 1].ch.is_ascii_alphanumeric() {
            end -= 1;
        }
        let dot_domain = units.get(end).is_some_and(|u| u.ch == '.')
            && units
                .get(end + 1)
                .is_some_and(|u| u.ch.is_ascii_alphabetic());
        let tok = &mut units[i..end];
        let has_letter = tok.iter().any(|u| u.ch.is_ascii_alphabetic());
        // A leading 0 before letters only is an o ("0ne", "0nly"); other leading digits are a
        // number's ("14cm", "7yo").
        let zero_o = tok.len() >= 3
            && tok[0].ch == '0'
            && tok[1..].iter().all(|u| u.ch.is_ascii_alphabetic());
        let starts_ok = zero_o || tok.first().is_some_and(|u| !u.ch.is_ascii_digit());
        // Five digits in a row, or mostly digits, is a number (phone, QQ, order id), not a word.
        let digits = tok.iter().filter(|u| u.ch.is_ascii_digit()).count();
        let long_number = digits * 4 > tok.len() * 3
            || tok
                .windows(5)
                .any(|w| w.iter().all(|u| u.ch.is_ascii_digit()));
        // An email's @ sits inside the token, which goes on with ".domain": leave it alone.
        // ("wh@tsapp" has no dot after it and is leet.)
        let email_like = dot_domain && tok.iter().skip(1).any(|u| u.ch == '@');
        if has_letter && starts_ok && !long_number && !email_like {
            for u in tok.iter_mut() {
                if !u.ch.is_ascii_alphabetic() {
                    if let Some(l) = leet_letter(u.ch) {
                        u.ch = l;
                    }
                }
            }
        }
        i = j;
    }
}

/// The letters a `*` stands for in a masked word, tried in this order: none (a star dropped
/// into the word, "teleg*ram"), then the vowels ("d*ughter", "us*d", "f*ck").
const MASKED: [Option<u8>; 7] = [
    None,
    Some(b'a'),
    Some(b'e'),
    Some(b'i'),
    Some(b'o'),
    Some(b'u'),
    Some(b'y'),
];

/// The longest masked word looked up: longer tokens are left alone.
const MASKED_MAX: usize = 24;

/// Reads a word with one `*` between its letters as the word-list word it masks: "d*ughter" is
/// "daughter", "teleg*ram" is "telegram". Only when a reading is a word of the lists
/// (`MASKABLE_WORDS`, every Latin word of four letters or more in `data/lexicon/`; the first in
/// the order of `MASKED`), so a star in ordinary text ("5*", "*bold*", "a*b") changes nothing.
/// A starred spelling listed as it is (the variant "c*nt") stays for its variant to match.
/// Words are compared with runs of a letter squeezed to one (as `squeeze` will fold them), so
/// that the folded text, folded again, reads the same: "ff*eet" is "feet" on the first pass as
/// it would be on the second. Runs only on texts with a star.
fn unmask(units: &mut Vec<Unit>) {
    if !units.iter().any(|u| u.ch == '*') {
        return;
    }
    let mut i = 0;
    while i < units.len() {
        if !units[i].ch.is_ascii_lowercase() {
            i += 1;
            continue;
        }
        // The token: letters and stars, starting and ending with a letter.
        let mut j = i;
        while j < units.len() && (units[j].ch.is_ascii_lowercase() || units[j].ch == '*') {
            j += 1;
        }
        let mut end = j;
        while end > i && units[end - 1].ch == '*' {
            end -= 1;
        }
        let token = &units[i..end];
        let stars = token.iter().filter(|u| u.ch == '*').count();
        // A whole word only: not the tail of "0m*ke" (which `leet` may read as "om*ke" once the
        // star is gone) nor the head of "m*ke2".
        let glued = |k: Option<&Unit>| k.is_some_and(|u| u.ch.is_alphanumeric());
        let whole = !glued(i.checked_sub(1).map(|k| &units[k])) && !glued(units.get(j));
        let mut buf = [0u8; MASKED_MAX];
        let listed = |w: &str| MASKABLE_WORDS.binary_search(&w).is_ok();
        // As written (star kept): long enough, and not itself a listed spelling ("c*nt").
        let open = stars == 1
            && whole
            && squeezed(token, None, &mut buf).is_some_and(|w| w.len() >= 4 && !listed(w));
        if open {
            let at = i + token.iter().position(|u| u.ch == '*').unwrap_or(0);
            // the first reading that is a listed word
            match MASKED
                .into_iter()
                .find(|&fill| squeezed(token, Some(fill), &mut buf).is_some_and(listed))
            {
                Some(Some(l)) => units[at].ch = l as char,
                Some(None) => {
                    units.remove(at);
                    j -= 1;
                }
                None => {}
            }
        }
        i = j;
    }
}

/// Whether the char beside a chat word glues it to more of a word: letters, digits, Chinese
/// ("u盘"), handle and email symbols ("u_2024", "u@x"), or `.`, `-`, `/`, `'` with a letter or
/// digit beyond them ("u.s.", "u-boat").
fn glues(units: &[Unit], at: Option<usize>, beyond: Option<usize>) -> bool {
    let Some(u) = at.and_then(|k| units.get(k)) else {
        return false;
    };
    match u.ch {
        '_' | '@' | '*' | '#' | '&' => true,
        '.' | '-' | '/' | '\'' => beyond
            .and_then(|k| units.get(k))
            .is_some_and(|b| is_alphanumeric(b.ch)),
        c => is_alphanumeric(c),
    }
}

/// The length in units of the chat word `key` (runs squeezed) read at `units[i..]`, if it is
/// there and ends there.
fn chat_word_at(units: &[Unit], i: usize, key: &str) -> Option<usize> {
    let mut j = i;
    for k in key.chars() {
        if units.get(j).map(|u| u.ch) != Some(k) || units[j].chain != 0 {
            return None;
        }
        j += 1;
        // a run of the same letter is one letter of the key
        while k != ' ' && units.get(j).is_some_and(|u| u.ch == k && u.chain == 0) {
            j += 1;
        }
    }
    Some(j - i)
}

/// Reads whole-word chat spellings as the words they stand for (`CHAT_WORDS`): "u" is "you",
/// "u ll" is "you'll". The reading's characters all map back to the spelling's span. Leaves
/// the text untouched (and unallocated) where no chat word starts a word.
fn chat_words(units: Vec<Unit>) -> Vec<Unit> {
    // The letters chat words start with, a bit each: most letters start none, and are passed
    // over without a look at the neighbours or the table.
    static FIRSTS: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let firsts = *FIRSTS.get_or_init(|| {
        CHAT_WORDS
            .iter()
            .filter_map(|(k, _)| k.bytes().next())
            .fold(0, |m, b| m | 1 << (b - b'a'))
    });
    let mut out: Option<Vec<Unit>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < units.len() {
        let first = units[i].ch;
        let starts_word = first.is_ascii_lowercase()
            && firsts >> (first as u8 - b'a') & 1 == 1
            && !glues(&units, i.checked_sub(1), i.checked_sub(2));
        let found = starts_word
            .then(|| {
                CHAT_WORDS.iter().find_map(|&(key, reads)| {
                    if !key.starts_with(first) {
                        return None;
                    }
                    let n = chat_word_at(&units, i, key)?;
                    let end = i + n;
                    (!glues(&units, Some(end), Some(end + 1))).then_some((n, reads))
                })
            })
            .flatten();
        let Some((n, reads)) = found else {
            i += 1;
            continue;
        };
        let buf = out.get_or_insert_with(|| Vec::with_capacity(units.len() + 8));
        buf.extend_from_slice(&units[copied..i]);
        let (start, end) = (units[i].start, units[i + n - 1].end);
        buf.extend(reads.chars().map(|ch| Unit {
            ch,
            start,
            end,
            chain: 0,
        }));
        i += n;
        copied = i;
    }
    match out {
        Some(mut buf) => {
            buf.extend_from_slice(&units[copied..]);
            buf
        }
        None => units,
    }
}

/// `token` with its star kept (`fill` None), dropped (`Some(None)`) or replaced by a letter, and
/// runs of one character squeezed to one; None when it does not fit `MASKED_MAX`.
fn squeezed<'a>(
    token: &[Unit],
    fill: Option<Option<u8>>,
    buf: &'a mut [u8; MASKED_MAX],
) -> Option<&'a str> {
    let mut n = 0;
    for u in token {
        let c = match (u.ch, fill) {
            ('*', Some(None)) => continue,
            ('*', Some(Some(l))) => l,
            (c, _) => c as u8,
        };
        if n > 0 && buf[n - 1] == c {
            continue;
        }
        *buf.get_mut(n)? = c;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// `char::is_alphanumeric`, answering Chinese characters (which are) without its table search.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    is_cjk(c) || c.is_alphanumeric()
}

/// A Chinese character (the CJK ideograph blocks).
pub fn is_cjk(c: char) -> bool {
    c as u32 >= 0x3400
        && matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// A character that can sit between the letters of a disguised word. Not `'` (a word's own)
/// and not `@`: an @ inside a token marks an email, which `leet` leaves alone, and joining
/// across it would let folding again read it as a letter.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && c != '\'' && c != '@')
        || matches!(
            c,
            '·' | '•' | '・' | '、' | '丶' | '~' | '…' | '_' | '-' | '—' | '|'
        )
}

/// Noise a harasser drops between Chinese characters: ASCII symbols, spaces, dots, stars,
/// currency signs, arrows, shapes, card suits and dingbats (傻♡逼, 加¥微¥信).
/// Emoji are kept: some are words in the word lists (🍆).
/// Chinese sentence punctuation (，。！？；, which folding turns into ASCII) stays, since it
/// separates real sentences: "我知道，你住哪个酒店？" is not "我知道你住哪".
fn is_cjk_noise(c: char) -> bool {
    (c.is_ascii() && !c.is_ascii_alphanumeric() && !matches!(c, ',' | '!' | '?' | ';'))
        || c.is_whitespace()
        || matches!(
            c,
            '·' | '•' | '・' | '丶' | '~' | '…' | '★' | '☆' | '♥' | '❤' | '*'
                | '¥' | '£' | '¢' | '§' | '¤' | '°' | '※' | '〃' | '‖' | '†' | '‡'
                | '\u{2190}'..='\u{21FF}' // arrows
                | '\u{2500}'..='\u{25FF}' // box drawing, blocks, geometric shapes
                | '\u{2600}'..='\u{27BF}' // miscellaneous symbols, dingbats
        )
}

/// Whether the char at `k` ends a token that holds an @ after its first char, as `leet` reads
/// tokens ("lily@d", "a@!d"): the start of an email's domain.
fn in_email_token(units: &[Unit], k: usize) -> bool {
    let mut start = k;
    while start > 0 && is_token_char(units[start - 1].ch) {
        start -= 1;
    }
    (start + 1..k).any(|p| units[p].ch == '@')
}

/// Removes separators from letters spelled apart ("f u c k", "d.a.u.g.h.t.e.r": at least three
/// single letters, always with the same separator, so "u b.i.t.c.h" keeps "u" apart), from
/// digits spelled apart ("0 9 0 6 6 3", at least five) and from between Chinese characters
/// ("傻@#逼", "傻 逼").
fn join_separated(mut units: Vec<Unit>) -> Vec<Unit> {
    let n = units.len();
    let mut drop = vec![false; n];
    // A lone letter (or a run of one letter, "dd", which `squeeze` later makes one), or a lone
    // digit: the pieces of a word or number spelled apart. Counting a run as one piece keeps
    // folding idempotent: what squeezing leaves lone was already a piece here. A chain holds
    // one kind only, so "call 0 9 0 6" and "s e x" join but "a 1 b" does not. Returns whether
    // the piece is a digit, and where it ends.
    let piece = |units: &[Unit], k: usize| -> Option<(bool, usize)> {
        let c = units[k].ch;
        let digit = c.is_ascii_digit();
        let letter = !is_cjk(c) && c.is_alphabetic();
        if !digit && !letter {
            return None;
        }
        let mut end = k + 1;
        while !digit && end < n && units[end].ch == c {
            end += 1;
        }
        let alone = (k == 0 || !is_alphanumeric(units[k - 1].ch))
            && (end >= n || !is_alphanumeric(units[end].ch));
        alone.then_some((digit, end))
    };
    let same_gap = |units: &[Unit], a: (usize, usize), b: (usize, usize)| {
        a.1 - a.0 == b.1 - b.0 && (0..a.1 - a.0).all(|d| units[a.0 + d].ch == units[b.0 + d].ch)
    };
    let mut chain = 0;
    let mut pieces: Vec<(usize, usize)> = Vec::new(); // reused: most texts have lone letters
    let mut i = 0;
    while i < n {
        // An email's domain ("lily@d.a.com") does not start a chain: joining it would drop the
        // dot that tells `leet` to leave the @ alone, and folding again would then read it.
        let Some((digits, end)) = piece(&units, i).filter(|_| !in_email_token(&units, i)) else {
            i += 1;
            continue;
        };
        // Follow piece, separators (1 to 3, the same each time), piece, ...
        pieces.clear();
        pieces.push((i, end));
        let mut gap: Option<(usize, usize)> = None;
        let mut k = end;
        loop {
            let mut s = k;
            while s < n && s - k < 3 && is_separator(units[s].ch) {
                s += 1;
            }
            let fits = gap.is_none_or(|g| same_gap(&units, g, (k, s)));
            match (s > k && s < n && fits).then(|| piece(&units, s)).flatten() {
                Some((d, e)) if d == digits => {
                    gap = Some((k, s));
                    pieces.push((s, e));
                    k = e;
                }
                _ => break,
            }
        }
        // Three letters make a word, and not of one letter only ("z z z" would squeeze to a
        // lone "z"); a number needs five digits ("1 2 3" stays a list).
        let word = if digits {
            pieces.len() >= 5
        } else {
            pieces.len() >= 3 && pieces.iter().any(|p| units[p.0].ch != units[i].ch)
        };
        let (last, last_end) = *pieces.last().unwrap();
        if word {
            for w in pieces.windows(2) {
                drop[w[0].1..w[1].0].iter_mut().for_each(|d| *d = true);
            }
            if !digits {
                chain += 1;
                for &(a, b) in &pieces {
                    units[a..b].iter_mut().for_each(|u| u.chain = chain);
                }
            }
            i = last_end;
        } else if pieces.len() == 1 {
            i = last_end;
        } else {
            // Too short: the last piece may start a chain of its own ("u b.i.t.c.h").
            i = last;
        }
    }
    // Between two Chinese characters, drop up to three noise characters. A character that is
    // noise itself (丶) is no anchor, or folding again would drop it too.
    let anchor = |c: char| is_cjk(c) && !is_cjk_noise(c);
    let mut i = 0;
    while i < n {
        if anchor(units[i].ch) {
            let mut j = i + 1;
            while j < n && j - i <= 3 && is_cjk_noise(units[j].ch) {
                j += 1;
            }
            if j > i + 1 && j < n && anchor(units[j].ch) {
                drop[i + 1..j].iter_mut().for_each(|d| *d = true);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    units
        .into_iter()
        .zip(drop)
        .filter_map(|(u, d)| (!d).then_some(u))
        .collect()
}

/// Collapses runs of one letter into a single char with its run length. Digits are kept as
/// they are, since phone numbers and amounts repeat digits.
fn squeeze(units: &[Unit]) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(units.len()),
        origin: Vec::with_capacity(units.len()),
        runs: Vec::with_capacity(units.len()),
        chains: Vec::new(),
    };
    let mut open_chain: Option<(u32, usize)> = None;
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let mut j = i + 1;
        // Noise between Chinese characters (丶, itself Chinese) is not squeezed: a shorter run
        // of it would be dropped by folding again.
        let c = u.ch;
        let squeezable = c.is_ascii_alphabetic()
            || (!c.is_ascii() && (is_cjk(c) || c.is_alphabetic()) && !is_cjk_noise(c));
        if squeezable {
            while j < units.len() && units[j].ch == u.ch {
                j += 1;
            }
        }
        let run = (j - i).min(255) as u8;
        let span = (u.start, units[j - 1].end);
        if open_chain.is_some_and(|(c, _)| c != u.chain) {
            let (_, start) = open_chain.take().unwrap();
            out.chains.push((start, out.text.len()));
        }
        if u.chain != 0 && open_chain.is_none() {
            open_chain = Some((u.chain, out.text.len()));
        }
        out.text.push(u.ch);
        for _ in 0..u.ch.len_utf8() {
            out.origin.push(span);
            out.runs.push(run);
        }
        i = j;
    }
    if let Some((_, start)) = open_chain {
        out.chains.push((start, out.text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn folds_width_case_and_styles() {
        assert_eq!(n("ＨＥＬＬＯ"), "helo");
        assert_eq!(n("𝐬𝐞𝐱"), "sex");
        assert_eq!(n("ⓢⓔⓧ"), "sex");
        assert_eq!(n("fück"), "fuck");
    }

    #[test]
    fn removes_invisible_characters() {
        assert_eq!(n("s\u{200B}e\u{200D}x"), "sex");
    }

    #[test]
    fn reads_a_capital_i_inside_a_word_as_l() {
        assert_eq!(n("teIegram"), "telegram");
        assert_eq!(n("I like it"), "i like it");
        assert_eq!(n("McIntosh iPhone TEIEGRAM"), "mclntosh iphone teiegram");
    }

    #[test]
    fn reads_leet_only_in_words() {
        assert_eq!(n("s3x"), "sex");
        assert_eq!(n("b1tch"), "bitch");
        assert_eq!(n("14cm"), "14cm");
        assert_eq!(n("7yo"), "7yo");
        assert_eq!(n("wx123456"), "wx123456");
        assert_eq!(n("@55h0l3"), n("asshole"));
        assert_eq!(n("b1tch!"), "bitch!");
        assert_eq!(n("r374rd"), "retard");
        assert_eq!(n("wh@tsapp"), n("whatsapp"));
        assert_eq!(n("lily@mail.com"), "lily@mail.com");
        assert_eq!(n("y0ur l1ttle 0ne"), n("your little one"));
        assert_eq!(n("0800 123"), "0800 123");
    }

    #[test]
    fn reads_a_masked_word_as_the_word_it_masks() {
        // A star for a vowel, or dropped into the word, when one listed word fits.
        assert_eq!(n("his d*ughter"), "his daughter");
        assert_eq!(n("get me on teleg*ram"), "get me on telegram");
        // Stars that mask nothing listed, or too much, stay.
        assert_eq!(n("5* star"), "5* star");
        assert_eq!(n("*bold* text"), "*bold* text");
        assert_eq!(n("f***"), "f***");
        // A starred spelling the lists have as written stays for its variant ("c*nt", not "cant").
        assert_eq!(n("c*nt"), "c*nt");
        // A star between letters spelled apart, or beside a run, is read once, on the first pass
        // (both found by the fuzzer: folding the folded text must change nothing).
        for text in ["w h a t*s a p p", "ff*eet", "waiting 0m*ke"] {
            let once = n(text);
            assert_eq!(n(&once), once, "{text}");
        }
    }

    #[test]
    fn joins_spelled_apart_letters() {
        assert_eq!(n("f u c k you"), "fuck you");
        assert_eq!(n("d.a.u.g.h.t.e.r"), "daughter");
        assert_eq!(n("傻@#逼"), "傻逼");
        assert_eq!(n("傻♡逼"), "傻逼");
        assert_eq!(n("任~~~丶䨶"), "任~~~丶䨶");
        assert_eq!(n("乶@丶丶@佶"), "乶@丶丶@佶");
        assert_eq!(n("加¥微→信"), "加微信");
        assert_eq!(n("你好。再见"), "你好。再见");
        assert_eq!(n("我知道，你住哪个酒店？"), "我知道,你住哪个酒店?");
        assert_eq!(n("a cat"), "a cat");
        assert_eq!(n("cm u b.i.t.c.h"), "cm you bitch");
        assert_eq!(n("call 0.9.0.6.6.3.6"), n("call 0906636"));
        assert_eq!(n("1 2 3 go"), "1 2 3 go");
        assert_eq!(n("z z z"), "z z z");
        // A doubled letter is one piece, so folding the folded text changes nothing.
        assert_eq!(n("a_a_dd.a.u.g.h.t.e.r"), "ad.aughter");
        assert_eq!(n("f u u c k"), "fuck");
        assert_eq!(n("a@d.a.u.g.h.t.e.r"), "a@d.aughter");
        assert_eq!(n("|r@r@e.u"), "|r@r@e.u");
        let f = normalize("y o u s t u p i d");
        assert_eq!(f.text, "youstupid");
        assert!(f.same_chain(2, 3) && !f.same_chain(0, 9));
    }

    #[test]
    fn reads_chat_words_as_words() {
        assert_eq!(n("u ll regret it"), "you'l regret it");
        assert_eq!(n("youll regret it"), "you'l regret it");
        assert_eq!(n("U'LL regret it"), "you'l regret it");
        assert_eq!(n("r u home? u r"), "are you home? you are");
        assert_eq!(n("uuu gonna pay"), "you going to pay");
        assert_eq!(n("see u."), "se you.");
        // not inside a word, a handle, an abbreviation, or beside Chinese
        assert_eq!(n("u盘 u_2024 u.s. u-boat #u"), "u盘 u_2024 u.s. u-boat #u");
        assert_eq!(n("you young cue"), "you young cue");
        // every reading maps back to its spelling
        let f = normalize("ok u ll see");
        let at = f.text.find("you'l").unwrap();
        assert_eq!(f.original_span(at, at + "you'l".len()), (3, 7));
    }

    #[test]
    fn converts_chinese_numerals_in_phone_runs() {
        assert_eq!(n("一三八一二三四五六七八"), "13812345678");
        assert_eq!(n("一个"), "一个");
        assert_eq!(n("一三八，一二三四/五六七八"), "138 1234 5678");
        assert_eq!(n("一三八一二三四五六七八，好的"), "13812345678,好的");
        assert_eq!(n("一共两件，一百二十五元"), "一共两件,一百二十五元");
        assert_eq!(n("壹叁捌\0陆贰"), "138 62");
    }

    #[test]
    fn squeezes_and_maps_back() {
        let text = "fuuuuck";
        let f = normalize(text);
        assert_eq!(f.text, "fuck");
        assert_eq!(f.run(1), 4);
        assert_eq!(f.original_span(0, f.text.len()), (0, text.len()));
        let text = "ＡＢ";
        let f = normalize(text);
        assert_eq!(f.original_span(1, 2), (3, 6));
    }
}
