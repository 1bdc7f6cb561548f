//! Compiles the reviewable files under `data/` into static Rust tables (`$OUT_DIR/tables.rs`).
//!
//! Every data file is checked here, so a typo in a category name or a malformed line fails the
//! build with `file:line` instead of shipping silently. The Unicode folding table (full-width,
//! mathematical and enclosed letters, accents) is generated from the Unicode data in the
//! `unicode-normalization` crate, restricted to the blocks that matter, so it stays small.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// How the matcher files keys, shared so that the tables made here are read as they were filed.
#[path = "src/matcher/bucket.rs"]
mod bucket;
/// The engine's own normalisation, shared with this build script so that word-list terms are
/// folded here, once, exactly as messages are folded at run time.
#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;
#[path = "src/spelling.rs"]
mod spelling;

/// Stand-ins for the generated tables that `normalize.rs` reads (`crate::tables::FOLD`, ...):
/// the same data, filled in by `char_maps` before any term is folded.
mod tables {
    use std::ops::Deref;
    use std::sync::OnceLock;

    pub struct Table<T: 'static>(pub OnceLock<Vec<T>>);

    impl<T> Deref for Table<T> {
        type Target = [T];
        fn deref(&self) -> &[T] {
            self.0.get().expect("char_maps fills the tables first")
        }
    }

    pub static FOLD: Table<(u32, char)> = Table(OnceLock::new());
    pub static FOLD_LONG: Table<(u32, &'static str)> = Table(OnceLock::new());
    pub static FOLD_BMP: Table<u64> = Table(OnceLock::new());
    pub static LEET: Table<(char, char)> = Table(OnceLock::new());
    pub static NUMERALS: Table<(char, char)> = Table(OnceLock::new());
    pub static MASKABLE_WORDS: Table<&'static str> = Table(OnceLock::new());
    pub static CHAT_WORDS: Table<(&'static str, &'static str)> = Table(OnceLock::new());

    /// As `crate::tables::fold_pairs` (which sums the shipped table at first use).
    pub fn fold_pairs() -> &'static [(u32, char)] {
        &FOLD
    }
}

const CATEGORIES: [&str; 10] = [
    "sexual_minors",
    "sexual",
    "threat",
    "harassment",
    "hate",
    "self_harm",
    "personal_info",
    "off_platform",
    "spam_scam",
    "profanity",
];

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    println!("cargo:rerun-if-changed=src/spelling.rs");
    println!("cargo:rerun-if-changed=data/families.tsv");
    let mut out = String::new();
    char_maps(&mut out);
    maskable_words(&mut out);
    chat_words(&mut out);
    let variants = variants();
    let reasons = reasons(&mut out);
    let mut space = FeatureSpace::default();
    let slots = lexicon(&mut out, &reasons, &variants, &mut space);
    patterns(&mut out, &reasons, &slots, &mut space);
    space.slots = rules(&mut out, &reasons, &slots, &mut space);
    model(&mut out, &space);
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("tables.rs");
    fs::write(dest, out).unwrap();
}

/// One data line: its location for error messages and its tab-separated fields.
struct Line {
    at: String,
    fields: Vec<String>,
}

/// Reads every `.tsv` in a folder (or one file), skipping blank lines and `#` comments.
fn read_lines(path: &str) -> Vec<Line> {
    let p = Path::new(path);
    let mut files: Vec<_> = if p.is_dir() {
        fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|f| f.extension().is_some_and(|x| x == "tsv"))
            .collect()
    } else {
        vec![p.to_path_buf()]
    };
    files.sort();
    let mut lines = Vec::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for (i, raw) in text.lines().enumerate() {
            let trimmed = raw.trim_end_matches('\r');
            if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
                continue;
            }
            let fields = trimmed.split('\t').map(|f| f.trim().to_string()).collect();
            lines.push(Line {
                at: format!("{}:{}", file.display(), i + 1),
                fields,
            });
        }
    }
    lines
}

fn need(line: &Line, n: usize, what: &str) {
    if line.fields.len() < n {
        panic!(
            "{}: expected {n} tab-separated fields ({what}), found {}",
            line.at,
            line.fields.len()
        );
    }
}

/// Each value less the one before it (the first less 0): how the tables that only rise ship,
/// since the differences compress to a third or less of the values in the wasm. `src/tables.rs`
/// sums them back once, at first use.
fn gaps(values: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut prev = 0;
    values
        .into_iter()
        .map(|v| {
            let gap = v - prev;
            prev = v;
            gap
        })
        .collect()
}

/// `values` in a narrower integer type, or a panic saying which table outgrew it.
fn narrow<T: TryFrom<u32>>(values: &[u32], what: &str) -> Vec<T> {
    values
        .iter()
        .map(|&v| T::try_from(v).unwrap_or_else(|_| panic!("{what}: {v} does not fit")))
        .collect()
}

/// Emits 16-bit `values` as two byte tables, `{name}_LO` and `{name}_HI`: the high bytes are
/// mostly the same, and compress to almost nothing (`src/tables.rs` joins them at first use).
fn emit_split(out: &mut String, name: &str, values: impl Iterator<Item = [u8; 2]>) {
    let (lo, hi): (Vec<u8>, Vec<u8>) = values.map(|[l, h]| (l, h)).unzip();
    writeln!(out, "pub static {name}_LO: &[u8] = &{lo:?};").unwrap();
    writeln!(out, "pub static {name}_HI: &[u8] = &{hi:?};").unwrap();
}

/// `word` with every run of one character squeezed to one, as `normalize::squeeze` folds
/// letters ("feet" is "fet").
fn squeeze_runs(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    chars.dedup();
    chars.into_iter().collect()
}

fn is_slot(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn category_index(line: &Line, name: &str) -> usize {
    CATEGORIES
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("{}: unknown category \"{name}\"", line.at))
}

fn severity(line: &Line, s: &str) -> u8 {
    match s {
        "1" => 1,
        "2" => 2,
        "3" => 3,
        _ => panic!("{}: severity must be 1, 2 or 3, found \"{s}\"", line.at),
    }
}

fn reason_ref(line: &Line, key: &str, reasons: &BTreeMap<String, usize>) -> String {
    if key.is_empty() || key == "-" {
        return "None".into();
    }
    match reasons.get(key) {
        Some(i) => format!("Some({i})"),
        None => panic!("{}: reason \"{key}\" is not in data/reasons.tsv", line.at),
    }
}

/// `data/reasons.tsv`: key, English, Chinese. Every category needs a `default_<category>`.
fn reasons(out: &mut String) -> BTreeMap<String, usize> {
    let mut keys = BTreeMap::new();
    out.push_str("pub static REASONS: &[(&str, &str, &str)] = &[\n");
    for line in read_lines("data/reasons.tsv") {
        need(&line, 3, "key, English, Chinese");
        let key = &line.fields[0];
        if keys.insert(key.clone(), keys.len()).is_some() {
            panic!("{}: duplicate reason \"{key}\"", line.at);
        }
        writeln!(
            out,
            "    ({:?}, {:?}, {:?}),",
            key, line.fields[1], line.fields[2]
        )
        .unwrap();
    }
    out.push_str("];\n");
    // Each category's default reason, by category index, so the engine needs no lookup.
    out.push_str("pub static DEFAULT_REASONS: [u16; 10] = [");
    for c in CATEGORIES {
        let key = format!("default_{c}");
        match keys.get(&key) {
            Some(i) => write!(out, "{i}, ").unwrap(),
            None => panic!("data/reasons.tsv: missing \"{key}\""),
        }
    }
    out.push_str("];\n");
    keys
}

/// Collects slot names as they are seen, so rules can be checked against them.
type Slots = BTreeMap<String, usize>;

fn slot_id(slots: &mut Slots, name: &str) -> usize {
    let n = slots.len();
    *slots.entry(name.to_string()).or_insert(n)
}

/// The word lists' spellings as tables the matcher (`src/matcher/`) reads in place, so that
/// nothing is built at start-up. Each distinct folded spelling is a key; keys are grouped in
/// buckets by their first two characters (the one, for one-character keys), apart for keys that
/// match only at the start of a word (a Latin key none of whose terms starts with `*`), which
/// the matcher need not look up inside a word. Emits `MATCH_KEYS` (the
/// keys, bucket by bucket, sorted in each), `MATCH_KEY_ENDS` (where each key ends in it),
/// `MATCH_BUCKET_FIRST` (each bucket's first key; one more at the end), `MATCH_ASCII` (bucket
/// numbers by index, for ASCII characters) and `MATCH_TABLE` (the other buckets'
/// numbers, by hash, in open addressing). Spellings are numbered in key order, so a key's
/// spellings are a range of `TERM_ENTRIES`, from `MATCH_TERM_STARTS` (less the key's number),
/// (each spelling's entry), `TERM_RUN_*` (run lengths, for the few that need a doubled letter)
/// and `TERM_FLAGS` (bits, `TERM_*` in `src/tables.rs`: Latin letters at the start and at the
/// end, counts only in a message with Chinese in it, needs a doubled letter).
fn match_tables(out: &mut String, spellings: &[Spelling], open_start: &[bool]) {
    // Distinct keys in order of first appearance, each with the spellings that fold to it.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut keys: Vec<(&str, Vec<&Spelling>)> = Vec::new();
    for sp in spellings {
        let k = *index.entry(sp.key.as_str()).or_insert_with(|| {
            keys.push((sp.key.as_str(), Vec::new()));
            keys.len() - 1
        });
        keys[k].1.push(sp);
    }
    assert!(
        spellings.len() < u16::MAX as usize,
        "too many spellings for u16"
    );
    // Buckets in order of their prefix; keys within a bucket sorted, as the matcher searches.
    let mut by_bucket: BTreeMap<(bool, char, Option<char>), Vec<usize>> = BTreeMap::new();
    for (k, (key, sp)) in keys.iter().enumerate() {
        by_bucket
            .entry(bucket_of(key, sp, open_start))
            .or_default()
            .push(k);
    }
    // Spellings are numbered in key order, so a key's spellings are a range of numbers.
    let (mut text, mut ends, mut firsts, mut term_starts) =
        (String::new(), Vec::new(), Vec::new(), vec![0u16]);
    let (mut entries, mut runs, mut flags) = (Vec::new(), Vec::new(), Vec::new());
    for members in by_bucket.values() {
        firsts.push(ends.len() as u16);
        let mut members = members.clone();
        members.sort_by_key(|&k| keys[k].0);
        for k in members {
            text.push_str(keys[k].0);
            ends.push(text.len() as u32);
            let key = keys[k].0;
            let edges = u8::from(key.chars().next().is_some_and(bucket::is_word_char))
                | u8::from(key.chars().next_back().is_some_and(bucket::is_word_char)) << 1;
            for sp in &keys[k].1 {
                let number = entries.len();
                entries.push(sp.entry as u16);
                let doubled = sp.runs.iter().any(|&r| r > 1);
                if doubled {
                    runs.push((number, sp.runs.clone()));
                }
                flags.push(edges | u8::from(sp.cjk_only) << 2 | u8::from(doubled) << 3);
            }
            term_starts.push(entries.len() as u16);
        }
    }
    firsts.push(ends.len() as u16);
    let hashed = by_bucket
        .keys()
        .filter(|&&(w, a, b)| bucket::ascii_index(a, b, w).is_none())
        .count();
    let size = (hashed * 3 / 2).next_power_of_two();
    let mut table = vec![u16::MAX; size];
    // Buckets of ASCII characters, the most looked up, are found by index, not hash.
    let mut ascii = vec![u16::MAX; 2 * 128 * 128];
    for (b, &(word_start, first, second)) in by_bucket.keys().enumerate() {
        if let Some(i) = bucket::ascii_index(first, second, word_start) {
            ascii[i] = b as u16;
            continue;
        }
        let key = bucket::bucket_key(first, second, word_start);
        let mut slot = bucket::bucket_hash(key) & (size - 1);
        while table[slot] != u16::MAX {
            slot = (slot + 1) & (size - 1);
        }
        table[slot] = b as u16;
    }
    // Which buckets hold word-start keys, a bit each: a hashed bucket is checked against it.
    let mut word_start = vec![0u8; by_bucket.len().div_ceil(8)];
    for (b, &(w, _, _)) in by_bucket.keys().enumerate() {
        word_start[b / 8] |= u8::from(w) << (b % 8);
    }
    writeln!(
        out,
        "pub static MATCH_BUCKET_WORD_START: &[u8] = &{word_start:?};"
    )
    .unwrap();
    // Which characters of the Basic Multilingual Plane start a key, a bit each: the text's
    // other characters (most of it) are passed over without a lookup.
    let mut starts = vec![0u64; 0x10000 / 64];
    for &(_, first, _) in by_bucket.keys() {
        if (first as u32) < 0x10000 {
            starts[first as usize / 64] |= 1 << (first as u32 % 64);
        }
    }
    writeln!(out, "pub static MATCH_STARTS: &[u64] = &{starts:?};").unwrap();
    writeln!(out, "pub static MATCH_ASCII: &[u16] = &{ascii:?};").unwrap();
    writeln!(out, "pub static MATCH_KEYS: &str = {text:?};").unwrap();
    // As each key's length (`gaps`).
    let lens: Vec<u8> = narrow(&gaps(ends), "a key's length in bytes");
    writeln!(out, "pub static MATCH_KEY_LENS: &[u8] = &{lens:?};").unwrap();
    // Less each key's own number (src/matcher/mod.rs, `spellings`).
    let term_starts: Vec<u16> = term_starts
        .iter()
        .enumerate()
        .map(|(k, &s)| s - k as u16)
        .collect();
    writeln!(
        out,
        "pub static MATCH_TERM_STARTS: &[u16] = &{term_starts:?};"
    )
    .unwrap();
    // Each bucket's first key as the bucket sizes (`gaps`; the first bucket starts at 0).
    let sizes: Vec<u16> = narrow(
        &gaps(firsts.iter().map(|&f| u32::from(f))),
        "a bucket's size",
    );
    writeln!(out, "pub static MATCH_BUCKET_SIZES: &[u16] = &{sizes:?};").unwrap();
    writeln!(out, "pub static MATCH_TABLE: &[u16] = &{table:?};").unwrap();
    writeln!(out, "pub static TERM_ENTRIES: &[u16] = &{entries:?};").unwrap();
    // The spellings that need a doubled letter (`gaps`); how many run lengths each has (one
    // a char); and the run lengths, end to end: no pointer per spelling in the wasm.
    let run_gaps: Vec<u16> = narrow(
        &gaps(runs.iter().map(|(n, _)| *n as u32)),
        "a gap between doubled spellings",
    );
    let lens: Vec<u32> = runs.iter().map(|(_, r)| r.len() as u32).collect();
    let run_lens: Vec<u8> = narrow(&lens, "a term's length in chars");
    let run_bytes: Vec<u8> = runs.iter().flat_map(|(_, r)| r.iter().copied()).collect();
    writeln!(out, "pub static TERM_RUN_GAPS: &[u16] = &{run_gaps:?};").unwrap();
    writeln!(out, "pub static TERM_RUN_LENS: &[u8] = &{run_lens:?};").unwrap();
    writeln!(out, "pub static TERM_RUN_BYTES: &[u8] = &{run_bytes:?};").unwrap();
    writeln!(out, "pub static TERM_FLAGS: &[u8] = &{flags:?};").unwrap();
}

/// A key's bucket (`src/matcher/bucket.rs`, which the matcher uses too).
fn bucket_of(
    key: &str,
    spellings: &[&Spelling],
    open_start: &[bool],
) -> (bool, char, Option<char>) {
    let mut chars = key.chars();
    let first = chars.next().expect("keys are not empty");
    let word_start = bucket::is_word_char(first) && spellings.iter().all(|s| !open_start[s.entry]);
    (word_start, first, chars.next())
}

/// `data/lexicon/*.tsv`: term, tag, severity, reason, note.
/// A tag is a category (`sexual`), a slot for rules (`CHILD`), or `allow` (masks what it covers).
/// Every spelling of every term (variants expanded), folded by the engine's own `normalize`,
/// goes to `match_tables`.
fn lexicon(
    out: &mut String,
    reasons: &BTreeMap<String, usize>,
    variants: &[spelling::Variant],
    space: &mut FeatureSpace,
) -> Slots {
    let mut slots = Slots::new();
    // Compact on purpose (it is most of the wasm's data): keys in one string, entries in one
    // array, and run lengths only for the few spellings that need a doubled letter.
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut open_start: Vec<bool> = Vec::new();
    out.push_str("pub static LEXICON: &[Entry] = &[\n");
    for (index, line) in read_lines("data/lexicon").into_iter().enumerate() {
        need(&line, 2, "term, tag");
        let term = &line.fields[0];
        let tag = line.fields[1].as_str();
        if term.trim_matches('*').is_empty() {
            panic!("{}: empty term", line.at);
        }
        let sev = line.fields.get(2).map(String::as_str).unwrap_or("-");
        let reason = line.fields.get(3).map(String::as_str).unwrap_or("-");
        let kind = if tag == "allow" {
            space.entry_terms.push(None);
            "Tag::Allow".to_string()
        } else if is_slot(tag) {
            space.entry_terms.push(None);
            format!("Tag::Slot({})", slot_id(&mut slots, tag))
        } else {
            space.entry_terms.push(Some(term.to_lowercase()));
            format!(
                "Tag::Category({}, {})",
                category_index(&line, tag),
                severity(&line, sev)
            )
        };
        open_start.push(term.starts_with('*'));
        // The term itself is not kept at run time, only how its ends may run on (`*`).
        writeln!(
            out,
            "    Entry {{ open_start: {}, open_end: {}, tag: {kind}, reason: {} }},",
            term.starts_with('*'),
            term.ends_with('*'),
            reason_ref(&line, reason, reasons)
        )
        .unwrap();
        let raw = term.trim_matches('*').to_lowercase();
        let mut seen = Vec::new();
        for (spelling, zh_only) in spelling::expand_variants(&raw, variants) {
            let (key, runs) = normalize::normalize_term(&spelling);
            if key.is_empty() {
                panic!("{}: \"{spelling}\" folds to nothing", line.at);
            }
            if key.contains('\n') {
                panic!("{}: a term cannot contain a line break", line.at);
            }
            if !seen.contains(&(key.clone(), runs.clone())) {
                seen.push((key.clone(), runs.clone()));
                spellings.push(Spelling {
                    // A `zh` variant that leaves no Chinese in the term ("sb" for 傻逼) means
                    // that term only in Chinese text: in English "sb" is "somebody".
                    cjk_only: zh_only && !key.chars().any(normalize::is_cjk),
                    key,
                    entry: index,
                    runs,
                });
            }
        }
    }
    out.push_str("];\n");
    match_tables(out, &spellings, &open_start);
    slots
}

/// One spelling of a word-list term: its folded key, its entry (line) in `LEXICON`, the run
/// length each character needs, and whether it counts only in Chinese text.
struct Spelling {
    key: String,
    entry: usize,
    runs: Vec<u8>,
    cjk_only: bool,
}

/// `data/patterns.tsv`: name, tag, severity, reason, regex (regex-lite syntax, on folded text),
/// and an optional gate: literals (or `#N`, at least N digits) one of which must be present.
fn patterns(
    out: &mut String,
    reasons: &BTreeMap<String, usize>,
    slots: &Slots,
    space: &mut FeatureSpace,
) {
    let mut slots = slots.clone();
    out.push_str("pub static PATTERNS: &[Pattern] = &[\n");
    for line in read_lines("data/patterns.tsv") {
        need(&line, 5, "name, tag, severity, reason, regex");
        let tag = line.fields[1].as_str();
        let kind = if is_slot(tag) {
            space.patterns.push(None);
            format!("Tag::Slot({})", slot_id(&mut slots, tag))
        } else {
            space.patterns.push(Some(line.fields[0].clone()));
            format!(
                "Tag::Category({}, {})",
                category_index(&line, tag),
                severity(&line, &line.fields[2])
            )
        };
        check_squeezed(&line, &line.fields[4], "regex");
        let gate: Vec<&str> = line
            .fields
            .get(5)
            .map(|g| {
                g.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        for g in &gate {
            check_squeezed(&line, g, "gate");
            if let Some(n) = g.strip_prefix('#') {
                n.parse::<usize>().unwrap_or_else(|_| {
                    panic!("{}: gate \"{g}\": # must be followed by a number", line.at)
                });
            }
        }
        writeln!(
            out,
            "    Pattern {{ name: {:?}, tag: {kind}, reason: {}, regex: {:?}, gate: &{:?} }},",
            line.fields[0],
            reason_ref(&line, &line.fields[3], reasons),
            line.fields[4],
            gate
        )
        .unwrap();
    }
    out.push_str("];\n");
}

/// Patterns run on the folded text, where a run of one letter is squeezed to one ("http" reads
/// "htp"). A doubled letter in a pattern could never match, so it is refused here.
fn check_squeezed(line: &Line, text: &str, what: &str) {
    let chars: Vec<char> = text.chars().collect();
    for i in 1..chars.len() {
        let escaped = i >= 2 && chars[i - 2] == '\\';
        if chars[i].is_alphabetic() && chars[i] == chars[i - 1] && !escaped {
            panic!(
                "{}: the {what} has \"{}{}\", but patterns see folded text where repeated \
                 letters are squeezed to one: write it once (\"http\" as \"htp\")",
                line.at, chars[i], chars[i]
            );
        }
    }
}

fn write_slots(out: &mut String, slots: &Slots) {
    let mut names: Vec<_> = slots.iter().collect();
    names.sort_by_key(|(_, i)| **i);
    out.push_str("#[allow(dead_code)] // for debugging and future explanations\npub static SLOT_NAMES: &[&str] = &[");
    for (name, _) in names {
        write!(out, "{name:?}, ").unwrap();
    }
    out.push_str("];\n");
}

/// `data/rules/*.tsv`: name, category (or a SLOT it derives), severity, window, slots, reason.
/// Slots are space-separated; `A|B` means either; `!A` means A must not be in the window;
/// `@category` stands for any word-list hit of that category (`@category:2`: severity 2 or more).
fn rules(
    out: &mut String,
    reasons: &BTreeMap<String, usize>,
    lex_slots: &Slots,
    space: &mut FeatureSpace,
) -> Slots {
    // Re-derive the full slot table (lexicon + patterns) the same way `patterns` did.
    let mut slots = lex_slots.clone();
    for line in read_lines("data/patterns.tsv") {
        if is_slot(&line.fields[1]) {
            slot_id(&mut slots, &line.fields[1]);
        }
    }
    out.push_str("pub static RULES: &[Rule] = &[\n");
    let lines = read_lines("data/rules");
    // Slots that rules derive (category column in CAPITALS) can be used by later rules.
    for line in &lines {
        need(
            line,
            6,
            "name, category or SLOT, severity, window, slots, reason",
        );
        if is_slot(&line.fields[1]) {
            slot_id(&mut slots, &line.fields[1]);
        }
    }
    for line in lines {
        let (output, sev) = if is_slot(&line.fields[1]) {
            space.rules.push(None);
            (format!("Output::Slot({})", slots[&line.fields[1]]), 0)
        } else {
            space.rules.push(Some(line.fields[0].clone()));
            let cat = category_index(&line, &line.fields[1]);
            (
                format!("Output::Category({cat})"),
                severity(&line, &line.fields[2]),
            )
        };
        let window: usize = line.fields[3]
            .parse()
            .unwrap_or_else(|_| panic!("{}: window must be a number of characters", line.at));
        let mut need_s = String::new();
        let mut forbid = String::new();
        for group in line.fields[4].split_whitespace() {
            let (neg, group) = match group.strip_prefix('!') {
                Some(g) => (true, g),
                None => (false, group),
            };
            let mut alts = String::new();
            for alt in group.split('|') {
                let atom = if let Some(cat) = alt.strip_prefix('@') {
                    // `@sexual` is any hit of the category; `@sexual:2` one of severity 2 or more.
                    let (cat, min) = match cat.split_once(':') {
                        Some((c, m)) => (c, severity(&line, m)),
                        None => (cat, 1),
                    };
                    format!("Atom::Category({}, {min})", category_index(&line, cat))
                } else if let Some(id) = slots.get(alt) {
                    format!("Atom::Slot({id})")
                } else {
                    panic!(
                        "{}: slot \"{alt}\" is used by no word list or pattern",
                        line.at
                    )
                };
                write!(alts, "{atom}, ").unwrap();
            }
            let target = if neg { &mut forbid } else { &mut need_s };
            write!(target, "&[{alts}], ").unwrap();
        }
        writeln!(
            out,
            "    Rule {{ name: {:?}, output: {output}, severity: {sev}, window: {window}, need: &[{need_s}], forbid: &[{forbid}], reason: {} }},",
            line.fields[0],
            reason_ref(&line, &line.fields[5], reasons)
        )
        .unwrap();
    }
    out.push_str("];\n");
    write_slots(out, &slots);
    slots
}

/// Single-character maps: generated Unicode folding plus the reviewable tables in
/// `data/normalize/` (homoglyphs, Traditional → Simplified, extra folds). Sorted for binary search.
fn char_maps(out: &mut String) {
    let mut fold: BTreeMap<u32, String> = BTreeMap::new();
    // Blocks where compatibility forms hide ordinary letters and digits.
    let ranges: &[(u32, u32)] = &[
        (0x00A0, 0x024F),   // Latin-1 and Latin Extended: accents are dropped
        (0x1E00, 0x1EFF),   // Latin Extended Additional
        (0x2070, 0x209F),   // superscripts and subscripts
        (0x2100, 0x214F),   // letterlike symbols
        (0x2150, 0x218F),   // number forms (Roman numerals)
        (0x2460, 0x24FF),   // enclosed alphanumerics: ① Ⓐ ⓐ
        (0x3000, 0x3000),   // ideographic space
        (0x3200, 0x33FF),   // enclosed CJK and CJK compatibility
        (0xFE50, 0xFE6F),   // small form variants
        (0xFF00, 0xFFEF),   // full-width and half-width forms
        (0x1D400, 0x1D7FF), // mathematical alphanumerics: 𝐬𝐞𝐱
        (0x1F100, 0x1F1FF), // enclosed alphanumeric supplement: 🅰 🄰
    ];
    for &(lo, hi) in ranges {
        for cp in lo..=hi {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            // NFKD then drop combining marks: compatibility folding plus accent removal.
            let folded: String = c
                .to_string()
                .nfkd()
                .filter(|ch| !('\u{300}'..='\u{36F}').contains(ch))
                .flat_map(char::to_lowercase)
                .collect();
            if folded.is_empty() || folded == c.to_string() || folded.chars().count() > 4 {
                continue;
            }
            // Keep folds that lead to something matchable; skip spaces-only and odd symbols.
            // Full-width forms (ＡＢＣ, ！, ￥) always fold to their ordinary width.
            let full_width = (0xFF00..=0xFFEF).contains(&cp);
            if full_width
                || folded.chars().all(|ch| ch.is_alphanumeric() || ch == ' ')
                || folded.chars().all(|ch| ch.is_ascii_punctuation())
            {
                fold.insert(cp, folded);
            }
        }
    }
    let mut add = |path: &str, what: &str| {
        for line in read_lines(path) {
            need(&line, 2, what);
            let mut chars = line.fields[0].chars();
            let (Some(from), None) = (chars.next(), chars.next()) else {
                panic!("{}: the first field must be exactly one character", line.at);
            };
            if line.fields[1].is_empty() {
                panic!("{}: empty replacement", line.at);
            }
            fold.insert(from as u32, line.fields[1].clone());
        }
    };
    add("data/normalize/homoglyphs.tsv", "character, Latin letter");
    add("data/normalize/fold.tsv", "character, replacement");
    add("data/normalize/t2s.tsv", "Traditional, Simplified");
    // Fold the replacements themselves, so that one pass reaches what a second would
    // (㊜ → 適 → 适): folding text that is already folded must change nothing.
    for _ in 0..4 {
        let next: BTreeMap<u32, String> = fold
            .iter()
            .map(|(&cp, s)| {
                let s = s
                    .chars()
                    .flat_map(char::to_lowercase)
                    .map(|ch| fold.get(&(ch as u32)).cloned().unwrap_or(ch.to_string()))
                    .collect();
                (cp, s)
            })
            .collect();
        if next == fold {
            break;
        }
        fold = next;
    }
    // Most folds are one character to one (FOLD); the few longer ones (⑩ → 10) go apart
    // (FOLD_LONG), so the big table holds no string pointers.
    let (one, long): (Vec<_>, Vec<_>) = fold.iter().partition(|(_, s)| s.chars().count() == 1);
    // The code points (`gaps`), and what each folds to.
    let key_gaps = gaps(one.iter().map(|(cp, _)| **cp));
    let to: Vec<char> = one.iter().map(|(_, s)| s.chars().next().unwrap()).collect();
    writeln!(out, "pub static FOLD_KEY_GAPS: &[u32] = &{key_gaps:?};").unwrap();
    writeln!(out, "pub static FOLD_TO: &[char] = &{to:?};").unwrap();
    out.push_str("pub static FOLD_LONG: &[(u32, &str)] = &[\n");
    for (cp, s) in &long {
        writeln!(out, "    ({cp}, {s:?}),").unwrap();
    }
    out.push_str("];\n");
    let one = one
        .iter()
        .map(|(cp, s)| (**cp, s.chars().next().unwrap()))
        .collect();
    tables::FOLD.0.set(one).ok();
    let long = long
        .iter()
        .map(|(cp, s)| (**cp, &*Box::leak(s.to_string().into_boxed_str())))
        .collect();
    tables::FOLD_LONG.0.set(long).ok();
    // Which characters of the Basic Multilingual Plane fold at all, a bit each: most text
    // (Chinese among it) folds nothing, and is answered without a search.
    let mut bmp = vec![0u64; 0x10000 / 64];
    for &cp in fold.keys().filter(|&&cp| cp < 0x10000) {
        bmp[cp as usize / 64] |= 1 << (cp % 64);
    }
    writeln!(out, "pub static FOLD_BMP: &[u64] = &{bmp:?};").unwrap();
    tables::FOLD_BMP.0.set(bmp).ok();

    let numerals = char_pairs(
        out,
        "NUMERALS",
        "data/normalize/numerals.tsv",
        "numeral, digit",
    );
    if let Some((a, b)) = numerals.iter().find(|(_, b)| !b.is_ascii_digit()) {
        panic!("data/normalize/numerals.tsv: {a} must map to a digit 0-9, not {b}");
    }
    tables::NUMERALS.0.set(numerals).ok();
    let leet = char_pairs(out, "LEET", "data/normalize/leet.tsv", "symbol, letter");
    tables::LEET.0.set(leet).ok();
}

/// Every Latin word of four letters or more in the word lists (`data/lexicon/`) and the spelling
/// variants, lowercased, runs of a letter squeezed to one, and sorted: what `normalize::unmask` may read a word masked with a star
/// as ("d*ughter"), and the starred spellings it leaves as they are ("c*nt"). Filled
/// in before any term is folded, so that terms fold here as messages do at run time.
fn maskable_words(out: &mut String) {
    // Spellings with a star of their own (variants such as "c*nt" for "cunt") are listed as
    // written, so that `unmask` leaves them for the variant to match ("c*nt" is not "cant").
    let mut lines = read_lines("data/lexicon");
    lines.extend(read_lines("data/normalize/variants.tsv"));
    let mut words: Vec<String> = lines
        .iter()
        .flat_map(|l| {
            l.fields[0]
                .to_lowercase()
                .split_whitespace()
                .map(|w| w.trim_end_matches('*').to_string())
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'*'))
        // Runs squeezed to one, as `unmask` compares them ("feet" is filed as "fet").
        .map(|w| squeeze_runs(&w))
        .collect();
    words.sort();
    words.dedup();
    writeln!(out, "pub static MASKABLE_WORDS: &[&str] = &{words:?};").unwrap();
    let words: Vec<&'static str> = words
        .into_iter()
        .map(|w| &*Box::leak(w.into_boxed_str()))
        .collect();
    tables::MASKABLE_WORDS.0.set(words).ok();
}

/// `data/normalize/chat_words.tsv`: whole-word chat spellings and what they read as. The
/// spellings are kept with runs of a letter squeezed to one (as `normalize::chat_words`
/// compares them), longest first so that "u ll" is read before "u".
fn chat_words(out: &mut String) {
    let mut words: Vec<(String, String)> = Vec::new();
    for line in read_lines("data/normalize/chat_words.tsv") {
        need(&line, 2, "spelling, what it reads as");
        let (from, to) = (line.fields[0].to_lowercase(), line.fields[1].to_lowercase());
        let ok = |w: &str| {
            !w.is_empty()
                && w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.ends_with(|c: char| c.is_ascii_lowercase())
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'\'')
        };
        if !ok(&from) || !ok(&to) {
            panic!("{}: a chat word is ASCII letters, spaces and apostrophes, from a letter to a letter", line.at);
        }
        let key = squeeze_runs(&from);
        if words.iter().any(|(k, _)| *k == key) {
            panic!(
                "{}: \"{from}\" is listed twice (compared with repeated letters squeezed)",
                line.at
            );
        }
        words.push((key, to));
    }
    // A reading must not itself be read again, or folding the folded text would change it.
    for (_, to) in &words {
        for w in to.split(' ') {
            if words.iter().any(|(k, _)| k == w) {
                panic!(
                    "data/normalize/chat_words.tsv: \"{to}\" contains \"{w}\", itself a chat word"
                );
            }
        }
    }
    words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    writeln!(out, "pub static CHAT_WORDS: &[(&str, &str)] = &{words:?};").unwrap();
    let words = words
        .into_iter()
        .map(|(k, v)| {
            (
                &*Box::leak(k.into_boxed_str()),
                &*Box::leak(v.into_boxed_str()),
            )
        })
        .collect();
    tables::CHAT_WORDS.0.set(words).ok();
}

/// A table of one character to one character, sorted for binary search, emitted as `name`.
fn char_pairs(out: &mut String, name: &str, path: &str, what: &str) -> Vec<(char, char)> {
    let mut pairs = BTreeMap::new();
    for line in read_lines(path) {
        need(&line, 2, what);
        let (Some(a), Some(b)) = (line.fields[0].chars().next(), line.fields[1].chars().next())
        else {
            panic!("{}: empty field", line.at)
        };
        pairs.insert(a, b);
    }
    writeln!(out, "pub static {name}: &[(char, char)] = &[").unwrap();
    for (a, b) in &pairs {
        writeln!(out, "    ({a:?}, {b:?}),").unwrap();
    }
    out.push_str("];\n");
    pairs.into_iter().collect()
}

/// `data/normalize/variants.tsv`: variant, canonical, where (`any` or `zh`), note. Every
/// word-list term that contains the canonical spelling is also matched with the variant in its
/// place (lowercased here).
fn variants() -> Vec<spelling::Variant> {
    read_lines("data/normalize/variants.tsv")
        .into_iter()
        .map(|line| {
            need(&line, 3, "variant, canonical, where (any or zh)");
            let zh_only = match line.fields[2].as_str() {
                "any" => false,
                "zh" => true,
                other => panic!("{}: where must be any or zh, not \"{other}\"", line.at),
            };
            spelling::Variant {
                variant: line.fields[0].to_lowercase(),
                canonical: line.fields[1].to_lowercase(),
                zh_only,
            }
        })
        .collect()
}

/// What the scorer's features are named after, collected while the data files are compiled.
#[derive(Default)]
struct FeatureSpace {
    /// Per lexicon entry: its term, when the entry names a category (slot words are slots).
    entry_terms: Vec<Option<String>>,
    /// Per pattern: its name, when the pattern names a category.
    patterns: Vec<Option<String>>,
    /// Per rule: its name, when the rule names a category (slot rules derive slots instead).
    rules: Vec<Option<String>>,
    /// Every slot (word lists, patterns, derived by rules).
    slots: Slots,
}

/// Message-level cues, in the order `src/features.rs` expects.
const CUES: [&str; 2] = ["cue:question", "cue:long"];

/// The scorer: names every feature, then compiles `data/model/weights.tsv`
/// (`feature <TAB> category <TAB> weight`) and `data/model/thresholds.tsv`
/// (`lang <TAB> category <TAB> severity <TAB> probability`), both written by `make train`.
/// Feature ids: cues, category word groups, slots, rules, patterns, terms; then the pairs of
/// atoms (slots and categories) that the weights name.
fn model(out: &mut String, space: &FeatureSpace) {
    let mut names: Vec<String> = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    fn add(names: &mut Vec<String>, ids: &mut BTreeMap<String, usize>, name: String) -> usize {
        let n = ids.len();
        let id = *ids.entry(name.clone()).or_insert(n);
        if id == n {
            names.push(name);
        }
        id
    }
    for c in CUES {
        add(&mut names, &mut ids, c.to_string());
    }
    let group_base = names.len();
    for c in CATEGORIES {
        for sev in 1..=3 {
            add(&mut names, &mut ids, format!("words:{c}:{sev}"));
        }
    }
    let slot_base = names.len();
    let mut slot_names: Vec<(&String, &usize)> = space.slots.iter().collect();
    slot_names.sort_by_key(|(_, i)| **i);
    for (name, _) in &slot_names {
        add(&mut names, &mut ids, format!("slot:{name}"));
    }
    // Slot families (`data/families.tsv`): a feature each, and atoms for pairs.
    let mut families: Vec<String> = Vec::new();
    let mut slot_family = vec![u16::MAX; slot_names.len()];
    let mut against: Vec<bool> = Vec::new();
    // Slots marked `child`: worn-item fetish words, about a child in this shop even when none is
    // named (they open `score::gate`), rare and strong (they pair across a longer window).
    let mut marked_child = vec![false; slot_names.len()];
    for line in read_lines("data/families.tsv") {
        need(&line, 2, "slot, family");
        let Some(&slot) = space.slots.get(&line.fields[0]) else {
            panic!(
                "{}: slot \"{}\" is used by no word list, pattern or rule",
                line.at, line.fields[0]
            );
        };
        if !is_slot(&line.fields[1]) {
            panic!("{}: a family is a name in CAPITALS", line.at);
        }
        let f = match families.iter().position(|f| *f == line.fields[1]) {
            Some(f) => f,
            None => {
                families.push(line.fields[1].clone());
                against.push(false);
                families.len() - 1
            }
        };
        match line.fields.get(2).map(String::as_str) {
            None | Some("") => {}
            Some("against") => against[f] = true,
            Some("child") => marked_child[slot] = true,
            Some(other) => panic!(
                "{}: the third field is `against`, `child` or nothing, not \"{other}\"",
                line.at
            ),
        }
        if slot_family[slot] != u16::MAX {
            panic!("{}: slot {} already has a family", line.at, line.fields[0]);
        }
        slot_family[slot] = f as u16;
    }
    let family_base = names.len();
    for f in &families {
        add(&mut names, &mut ids, format!("family:{f}"));
    }
    let mut feature_list = |items: &[Option<String>], prefix: &str| -> String {
        let mut s = String::new();
        for item in items {
            match item {
                Some(n) => {
                    let id = add(&mut names, &mut ids, format!("{prefix}:{n}"));
                    write!(s, "{id},").unwrap()
                }
                None => s.push_str("NO_FEATURE,"),
            }
        }
        s
    };
    let rule_features = feature_list(&space.rules, "rule");
    let pattern_features = feature_list(&space.patterns, "pattern");
    let entry_features = feature_list(&space.entry_terms, "term");
    let fixed = names.len();
    writeln!(out, "pub const GROUP_BASE: u16 = {group_base};").unwrap();
    writeln!(out, "pub const SLOT_BASE: u16 = {slot_base};").unwrap();
    writeln!(out, "pub const FIXED_FEATURES: u16 = {fixed};").unwrap();
    writeln!(
        out,
        "pub const ATOM_CATEGORY_BASE: u16 = {};",
        slot_names.len()
    )
    .unwrap();
    writeln!(out, "pub const FAMILY_BASE: u16 = {family_base};").unwrap();
    writeln!(
        out,
        "pub const ATOM_FAMILY_BASE: u16 = {};",
        slot_names.len() + CATEGORIES.len()
    )
    .unwrap();
    writeln!(out, "pub static SLOT_FAMILY: &[u16] = &{slot_family:?};").unwrap();
    writeln!(out, "pub static FAMILY_AGAINST: &[bool] = &{against:?};").unwrap();
    writeln!(out, "pub static FAMILY_NAMES: &[&str] = &{families:?};").unwrap();
    // Slots that name the child for `score::gate`: the CHILD and HER families, and those marked.
    let names_child: Vec<bool> = (0..slot_names.len())
        .map(|s| {
            marked_child[s]
                || families
                    .get(slot_family[s] as usize)
                    .is_some_and(|f| f == "CHILD" || f == "HER")
        })
        .collect();
    writeln!(
        out,
        "pub static SLOT_NAMES_CHILD: &[bool] = &{names_child:?};"
    )
    .unwrap();
    writeln!(
        out,
        "pub static SLOT_MARKED_CHILD: &[bool] = &{marked_child:?};"
    )
    .unwrap();
    // The reviewer's combinations (`data/combinations.tsv`) that say a pair is evidence: their
    // atoms pair across a whole sentence (`features::COMBINATION_WINDOW`), not only within the
    // ordinary window, since "blocking me won't help, I've got 6 other accounts" says it at a
    // distance. Sorted pairs of atom ids (slot, then category, then family), for binary search.
    let atom_id = |n: &str, at: &str| -> u16 {
        let id = if let Some(f) = n.strip_prefix("fam:") {
            families
                .iter()
                .position(|x| x == f)
                .map(|i| slot_names.len() + CATEGORIES.len() + i)
        } else if let Some(c) = n.strip_prefix('@') {
            CATEGORIES
                .iter()
                .position(|x| *x == c)
                .map(|i| slot_names.len() + i)
        } else {
            space.slots.get(n).copied()
        };
        id.unwrap_or_else(|| panic!("{at}: unknown atom \"{n}\"")) as u16
    };
    let mut combination_pairs: Vec<(u16, u16)> = read_lines("data/combinations.tsv")
        .iter()
        .filter(|l| l.fields.len() >= 4 && l.fields[1] != "-" && l.fields[3] != "against")
        .map(|l| {
            let (x, y) = (atom_id(&l.fields[0], &l.at), atom_id(&l.fields[1], &l.at));
            (x.min(y), x.max(y))
        })
        .collect();
    combination_pairs.sort_unstable();
    combination_pairs.dedup();
    writeln!(
        out,
        "pub static COMBINATION_PAIRS: &[(u16, u16)] = &{combination_pairs:?};"
    )
    .unwrap();
    writeln!(out, "pub static RULE_FEATURE: &[u16] = &[{rule_features}];").unwrap();
    writeln!(
        out,
        "pub static PATTERN_FEATURE: &[u16] = &[{pattern_features}];"
    )
    .unwrap();
    writeln!(
        out,
        "pub static ENTRY_FEATURE: &[u16] = &[{entry_features}];"
    )
    .unwrap();
    // Names are for the trainer and for reading explanations; the wasm build never reads them,
    // so the linker leaves them out.
    writeln!(out, "pub static FEATURE_NAMES: &[&str] = &{names:?};").unwrap();

    // Atoms of pairs: slots by id, then the categories.
    let atom = |name: &str| -> Option<u16> {
        if let Some(f) = name.strip_prefix("fam:") {
            families
                .iter()
                .position(|x| x == f)
                .map(|i| (slot_names.len() + CATEGORIES.len() + i) as u16)
        } else if let Some(cat) = name.strip_prefix('@') {
            CATEGORIES
                .iter()
                .position(|c| *c == cat)
                .map(|c| (slot_names.len() + c) as u16)
        } else {
            space.slots.get(name).map(|&i| i as u16)
        }
    };
    let path = "data/model/weights.tsv";
    println!("cargo:rerun-if-changed={path}");
    let mut bias = [-10.0f32; 10];
    let mut weights: Vec<(u32, Option<u32>, usize, f32)> = Vec::new(); // (fixed id | pair key)
    if Path::new(path).exists() {
        for line in read_lines(path) {
            need(&line, 3, "feature, category, weight");
            let cat = category_index(&line, &line.fields[1]);
            let w: f32 = line.fields[2]
                .parse()
                .unwrap_or_else(|_| panic!("{}: weight must be a number", line.at));
            let name = line.fields[0].as_str();
            if name == "bias" {
                bias[cat] = w;
            } else if let Some(pair) = name.strip_prefix("pair:") {
                let parts: Option<Vec<u16>> = pair.split('+').map(atom).collect();
                match parts.as_deref() {
                    Some(&[a, b]) => {
                        let (a, b) = (a.min(b) as u32, a.max(b) as u32);
                        weights.push((0, Some((a << 16) | b), cat, w))
                    }
                    _ => println!(
                        "cargo:warning={}: unknown pair {name}: run `make train`",
                        line.at
                    ),
                }
            } else if let Some(&id) = ids.get(name) {
                weights.push((id as u32, None, cat, w));
            } else {
                // A word or rule was removed since the weights were trained.
                println!(
                    "cargo:warning={}: unknown feature {name}: run `make train`",
                    line.at
                );
            }
        }
    }
    let mut pair_keys: Vec<u32> = weights.iter().filter_map(|w| w.1).collect();
    pair_keys.sort_unstable();
    pair_keys.dedup();
    for w in &mut weights {
        if let Some(key) = w.1 {
            w.0 = (fixed + pair_keys.binary_search(&key).unwrap()) as u32;
        }
    }
    weights.sort_by_key(|w| (w.0, w.2));
    let total = fixed + pair_keys.len();
    // The pair keys, sorted (`gaps`).
    let pair_gaps = gaps(pair_keys.iter().copied());
    writeln!(out, "pub static PAIR_KEY_GAPS: &[u32] = &{pair_gaps:?};").unwrap();
    // Which categories each feature has a weight for, a bit each: the weights are sorted by
    // feature and category, so the masks say where each starts and which category it is.
    let mut masks = vec![0u16; total];
    for w in &weights {
        let bit = 1u16 << w.2;
        assert!(
            masks[w.0 as usize] & bit == 0,
            "two weights for one feature and category"
        );
        masks[w.0 as usize] |= bit;
    }
    emit_split(out, "WEIGHT_MASK", masks.iter().map(|m| m.to_le_bytes()));
    // Weights in thousandths (the file has three decimals).
    let milli: Vec<i16> = weights
        .iter()
        .map(|w| {
            let milli = (w.3 * 1000.0).round();
            if milli.abs() > i16::MAX as f32 {
                panic!(
                    "data/model/weights.tsv: weight {} is out of range (at most 32.767)",
                    w.3
                );
            }
            milli as i16
        })
        .collect();
    emit_split(out, "WEIGHT_MILLI", milli.iter().map(|m| m.to_le_bytes()));
    writeln!(out, "pub static BIAS: [f32; 10] = {bias:?};").unwrap();

    let path = "data/model/thresholds.tsv";
    println!("cargo:rerun-if-changed={path}");
    let mut thresholds = [[[0.5f32, 0.7, 0.9]; 10]; 2];
    if Path::new(path).exists() {
        for line in read_lines(path) {
            need(&line, 4, "lang, category, severity, probability");
            let lang = match line.fields[0].as_str() {
                "en" => 0,
                "zh" => 1,
                other => panic!("{}: lang must be en or zh, not \"{other}\"", line.at),
            };
            let cat = category_index(&line, &line.fields[1]);
            let sev = severity(&line, &line.fields[2]);
            thresholds[lang][cat][sev as usize - 1] = line.fields[3]
                .parse()
                .unwrap_or_else(|_| panic!("{}: probability must be a number", line.at));
        }
    }
    writeln!(
        out,
        "pub static THRESHOLDS: [[[f32; 3]; 10]; 2] = {thresholds:?};"
    )
    .unwrap();
}
