//! Contact identifiers in a message, one key per written form: phones (the last nine digits),
//! handles after an app word (`data/memory/handles.tsv`), emails and links, also spelled apart,
//! written out or in Chinese numerals.

use std::sync::OnceLock;

use super::lines;
use crate::matcher::phrases::Phrases;
use crate::normalize;

/// Every contact identifier written in a folded text, as keys: `phone:13812345678`,
/// `handle:xm2024`, `email:a@b.com`, `link:example.com/x`.
pub fn identifiers(folded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if !out.contains(&k) {
            out.push(k);
        }
    };
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    // Phones: 7 to 15 digits with separators between them.
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1.is_ascii_digit() {
            let mut digits = String::new();
            let mut j = i;
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_ascii_digit() {
                    digits.push(c);
                } else if !matches!(c, ' ' | '-' | '.' | '·' | '(' | ')' | '+' | '_') {
                    break;
                }
                j += 1;
            }
            if (7..=15).contains(&digits.len()) {
                // The last nine digits: the same with or without a country code or a leading 0
                // (+44 7700 900123 and 07700 900123; +86 138… and 138…).
                add(format!(
                    "phone:{}",
                    &digits[digits.len().saturating_sub(9)..]
                ));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    // Handles after an app word.
    let words = handle_words();
    for (start, from, w) in words.occurrences(folded) {
        let word = words.get(w);
        {
            // The word must start a token (not "v" inside "love").
            let before = folded[..start].chars().next_back();
            let after = folded[from..].chars().next();
            let latin_end = word
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            if before.is_some_and(|c| c.is_ascii_alphanumeric())
                || (latin_end && after.is_some_and(|c| c.is_ascii_alphanumeric()))
            {
                continue; // inside a word: "v" in "love", "tele" in "telephone"
            }
            for h in handle_after(&folded[from..]) {
                add(format!("handle:{h}"));
            }
        }
    }
    // Emails and links: the key keeps letters, digits, dots, slashes and the @.
    let clean = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '@'))
            .collect()
    };
    for token in folded.split(|c: char| c.is_whitespace() || normalize::is_cjk(c)) {
        let t = token.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some((user, host)) = t.split_once('@') {
            if !user.is_empty() && host.contains('.') && !host.ends_with('.') {
                add(format!("email:{}", clean(t)));
                continue;
            }
        }
        let bare = t
            .strip_prefix("https://")
            .or_else(|| t.strip_prefix("http://"))
            .unwrap_or(t);
        let bare = bare.strip_prefix("www.").unwrap_or(bare);
        let (host, path) = bare.split_once('/').unwrap_or((bare, ""));
        let tld = host.rsplit_once('.').map_or("", |h| h.1);
        let hosty = (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic());
        if hosty && (!path.is_empty() || t.starts_with("http") || t.starts_with("www.")) {
            add(format!("link:{}", clean(bare.trim_end_matches('/'))));
        }
    }
    out
}

/// Lowercase, with full-width forms as ASCII, numbers written as words or in Chinese as digits
/// ("eight eight", "七七八八"), and written-out punctuation of addresses joined ("garyp dot
/// collects at gmail dot com", "linktr . ee / x"): enough for identifiers, which the full fold's
/// leetspeak reading would spoil ("xm2024" is not "xmzoza").
pub fn light_fold(text: &str) -> String {
    let lower: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '零' | '〇' => '0',
            '一' | '壹' => '1',
            '二' | '贰' => '2',
            '三' | '叁' => '3',
            '四' | '肆' => '4',
            '五' | '伍' => '5',
            '六' | '陆' => '6',
            '七' | '柒' => '7',
            '八' | '捌' => '8',
            '九' | '玖' => '9',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // Punctuation written out inside an address or a handle ("jay(dot)knox(underscore)",
    // "d harlow 82 (at) gmail (dot) com", "qiang 下划线 520").
    let mut lower = lower;
    let written_out = lower.contains(['(', '[', '下']);
    for (written, mark) in [
        ("(dot)", " . "),
        ("[dot]", " . "),
        ("(at)", " @ "),
        ("[at]", " @ "),
        ("(underscore)", " _ "),
        ("下划线", " _ "),
    ] {
        if written_out && lower.contains(written) {
            lower = lower.replace(written, mark);
        }
    }
    const WORDS: [(&str, &str); 17] = [
        ("zero", "0"),
        ("oh", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("dot", "."),
        ("at", "@"),
        ("slash", "/"),
        ("underscore", "_"),
        ("dash", "-"),
        ("hundred", "00"),
    ];
    let mut out = String::with_capacity(lower.len());
    // "double oh" is 00, "triple seven" 777: the next digit repeated.
    let mut times = 1;
    for (i, token) in lower.split(' ').enumerate() {
        // A word read as a digit may carry the sentence's comma ("double oh, nine hundred").
        let bare = token.trim_end_matches([',', ';']);
        let word = WORDS.iter().find(|w| w.0 == bare).map_or(token, |w| w.1);
        match bare {
            "double" => times = 2,
            "triple" => times = 3,
            _ => {
                if i > 0 {
                    out.push(' ');
                }
                if word.len() == 1 && word.as_bytes()[0].is_ascii_digit() {
                    (0..times).for_each(|_| out.push_str(word));
                } else {
                    out.push_str(word);
                }
                times = 1;
            }
        }
    }
    // "x . y", "x @ y", "x / y", "x _ y": the punctuation of an address or a handle, spaced out.
    for (spaced, joined) in [(" . ", "."), (" @ ", "@"), (" / ", "/"), (" _ ", "_")] {
        if out.contains(spaced) {
            out = out.replace(spaced, joined);
        }
    }
    out
}

/// The handle after an app word: skip a colon, spaces and symbols, then read letters, digits
/// and `_ . -`; across a space only a character spelled apart ("x m _ 2 0 2 4") or a short run
/// of digits ("soft_paw 77"). Its keys: letters and digits, lowercase; for a handle read across
/// spaces, every cut of 6 characters or more too, since where it ends is a guess.
fn handle_after(rest: &str) -> Vec<String> {
    let skip = |r: &str| -> String {
        r.trim_start_matches(|c: char| !c.is_ascii_alphanumeric() && !normalize::is_cjk(c))
            .to_string()
    };
    // Words between the app and the handle: "telegram me @x", "my ig is x", "抖音号是 x".
    const FILLER: [&str; 11] = [
        "me", "is", "at", "on", "id", "my", "号", "是", "搜", "号是", "id是",
    ];
    let mut rest = skip(rest);
    loop {
        let word = FILLER.iter().find(|f| {
            rest.strip_prefix(**f).is_some_and(|r| {
                r.is_empty() || !r.starts_with(|c: char| c.is_ascii_alphanumeric())
            })
        });
        match word {
            Some(w) => rest = skip(&rest[w.len()..]),
            None => break,
        }
    }
    let mut keys = Vec::new();
    let mut key = String::new();
    let mut spaced = false;
    for (n, token) in rest.split(' ').enumerate() {
        let head: String = token
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            .collect();
        let part: String = head
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let spelled = head
            .split(['.', '_', '-'])
            .all(|seg| seg.chars().count() <= 1);
        let joins =
            n == 0 || spelled || (part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()));
        if part.is_empty() && !head.is_empty() && head.len() == token.len() {
            continue; // a lone separator between spelled-apart characters: "x m _ 2 0 2 4"
        }
        if part.is_empty() || !joins {
            break;
        }
        if n > 0 {
            spaced = true;
            if key.len() >= 6 {
                keys.push(key.clone());
            }
        }
        key.push_str(&part);
        if head.len() < token.len() {
            break; // the token went on with something else ("xm2024，谢谢")
        }
    }
    // A handle has at least 4 characters and a letter, or enough digits to be one.
    let letters = key.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if key.len() >= 4 && (letters > 0 || key.len() >= 6) {
        keys.push(key);
    }
    if !spaced {
        keys.truncate(1);
    }
    keys
}

/// `data/memory/handles.tsv`, folded as messages are.
fn handle_words() -> &'static Phrases {
    static WORDS: OnceLock<Phrases> = OnceLock::new();
    WORDS.get_or_init(|| {
        // Both folds: identifiers are read from the folded text and from the lighter one.
        let mut w: Vec<String> = lines(include_str!("../../data/memory/handles.tsv"))
            .flat_map(|l| [normalize::normalize(l).text, light_fold(l)])
            .collect();
        w.sort();
        w.dedup();
        Phrases::new(w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form_of_an_identifier_gives_one_key() {
        let key = |t: &str| {
            let mut k = identifiers(&normalize::normalize(t).text);
            k.extend(identifiers(&light_fold(t)));
            k
        };
        let all_give = |texts: &[&str], want: &str| {
            for t in texts {
                assert!(key(t).contains(&want.to_string()), "{t}: {:?}", key(t));
            }
        };
        all_give(
            &[
                "vx: XM_2024",
                "薇信 x m _ 2 0 2 4",
                "V❤ xm2024",
                "加微信XM-2024",
            ],
            "handle:xm2024",
        );
        all_give(
            &[
                "+86 138 1234 5678",
                "一三八 1234 五六七八",
                "138-1234-5678",
                "13812345678",
            ],
            "phone:812345678",
        );
        assert!(key("+44 7700 900123").contains(&"phone:700900123".to_string()));
        assert!(key("07700 900 123").contains(&"phone:700900123".to_string()));
        all_give(
            &[
                "snap: toxic.mike99",
                "snap t o x i c . m i k e 9 9 i just want to chat",
            ],
            "handle:toxicmike99",
        );
        assert!(key("write to garyp dot collects at gmail dot com")
            .contains(&"email:garyp.collects@gmail.com".to_string()));
        assert_eq!(
            key("LINKTR . EE / lil-angels-fan"),
            key("linktr.ee/lil_angels_fan")
        );
        assert!(key("mail me: Jo.Bloggs@Example.com")
            .contains(&"email:jo.bloggs@example.com".to_string()));
        assert!(key("i love you").is_empty(), "{:?}", key("i love you"));
        assert!(key("is this still available? size 10").is_empty());
    }
}
