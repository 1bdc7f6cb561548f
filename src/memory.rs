//! Stage 7, optional: sender memory. What the client's app sees of a sender (an account id, a
//! display name, the text) is remembered on the device, bounded, so that Veil can
//!
//! - **blur a repeat offender**: after `flags_before_blur` harmful messages (severity 2 or more),
//!   the sender's further messages are blurred at least (`repeat_offender`);
//! - **carry conversation evidence**: for `window` messages after a harmful one, the sender's
//!   messages in the same conversation are raised to severity 2 in that category when they touch
//!   its themes (`data/memory/context.tsv`): "how old is she?" after a sexual remark;
//! - **recognise a blocked sender on a new account** (`ban_evasion`), by what identifies them:
//!   a shared contact identifier (phone, handle, email, link; every written form gives one key) is
//!   enough alone; a display name that is the same once disguises are undone, together with a
//!   similar way of writing, or a long and distinctive name alone; saying so ("you blocked me",
//!   "换了个号") when someone is blocked. Writing alone never flags: on a few short messages it is
//!   weak evidence, and stock phrases ("is this still available?") are left out of it.
//!
//! A sender the user trusts is exempt from all of it. The state serialises to a versioned,
//! checksummed snapshot; a snapshot that is corrupt, truncated, from a future version or edited
//! by hand is refused with a clear error, and the memory it would have replaced is untouched.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::{Category, CategoryHit, Error, Message, Reason, Span, Verdict};
use crate::normalize;
use crate::tables::{Tag, FAMILY_NAMES, REASONS, SLOT_FAMILY};
use crate::{Analysis, Filter};

/// The snapshot format this build writes and reads.
pub const STATE_VERSION: u32 = 1;
const FORMAT: &str = "veil-memory";
/// Hashes in a writing fingerprint (MinHash over character n-grams).
const SKETCH: usize = 32;
/// Identifiers kept per sender.
const MAX_IDENTIFIERS: usize = 16;

/// The memory's limits and thresholds. Every field has a documented default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MemoryConfig {
    /// Harmful messages (severity 2 or more) after which a sender's messages are blurred at least.
    pub flags_before_blur: u32,
    /// How many of a sender's messages in a conversation their harmful message colours.
    pub window: u32,
    /// Senders remembered; past it the least useful (never flagged, longest unseen) are dropped.
    pub max_senders: usize,
    /// Blocked profiles kept; past it the oldest block is dropped.
    pub max_blocked: usize,
    /// Trusted senders kept.
    pub max_trusted: usize,
    /// Share of fingerprint hashes two senders must share for their writing to count as alike.
    pub style_threshold: f32,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        MemoryConfig {
            flags_before_blur: 2,
            window: 5,
            max_senders: 10_000,
            max_blocked: 1_000,
            max_trusted: 10_000,
            style_threshold: 0.25,
        }
    }
}

/// What is remembered of one sender.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sender {
    /// Harmful messages so far.
    flags: u32,
    /// The memory's clock when last seen.
    last: u64,
    /// The display name last seen, and its folded key.
    name: Option<String>,
    /// Contact identifiers the sender has written (keys).
    identifiers: Vec<String>,
    /// Writing fingerprint (empty until a message with enough text).
    sketch: Vec<u32>,
    /// Recent harmful messages: (conversation, clock of the sender's message count, category,
    /// severity).
    recent: Vec<(String, u32, Category, u8)>,
    /// Messages seen.
    count: u32,
}

/// A blocked sender's profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profile {
    sender: String,
    name: Option<String>,
    identifiers: Vec<String>,
    sketch: Vec<u32>,
    blocked_at: u64,
}

/// Sender memory. Create one per user (or per inbox), pass every message through
/// [`Memory::check`], and save [`Memory::export`] to restore it later with [`Memory::import`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Memory {
    config: MemoryConfig,
    clock: u64,
    senders: BTreeMap<String, Sender>,
    blocked: Vec<Profile>,
    trusted: BTreeSet<String>,
    /// How many senders have had each display-name key (a name many use identifies no one).
    name_counts: BTreeMap<String, u32>,
}

/// The snapshot's envelope.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    format: String,
    version: u32,
    /// FNV-64 of the state's JSON, in hex: a hand edit or a cut shows.
    checksum: String,
    state: serde_json::Value,
}

impl Memory {
    pub fn new(config: MemoryConfig) -> Memory {
        Memory {
            config,
            ..Memory::default()
        }
    }

    pub fn config(&self) -> &MemoryConfig {
        &self.config
    }

    /// Checks a message with what is remembered of its sender, and remembers it. Without a
    /// sender this is [`Filter::check`].
    pub fn check(&mut self, filter: &Filter, message: &Message<'_>) -> Verdict {
        let Some(id) = message.sender else {
            return filter.check(message);
        };
        if self.trusted.contains(id) {
            return filter.check(message);
        }
        self.clock += 1;
        let conversation = message.conversation.unwrap_or("");
        let window = self.config.window;
        // Conversation evidence: the categories this sender's recent harmful messages here had.
        let carried: Vec<Category> = self.senders.get(id).map_or(Vec::new(), |s| {
            s.recent
                .iter()
                .filter(|r| r.0 == conversation && s.count.saturating_sub(r.1) < window)
                .map(|r| r.2)
                .collect()
        });
        let (mut verdict, analysis) = filter.check_analysed(message.text);
        if !carried.is_empty() {
            raise_in_context(filter, &analysis, &carried, &mut verdict);
        }
        // From the folded text (Chinese numerals become digits) and from a lighter fold of the
        // original (the full fold reads "xm2024" as leetspeak).
        let mut identifiers = identifiers(&analysis.folded.text);
        for i in self::identifiers(&light_fold(message.text)) {
            if !identifiers.contains(&i) {
                identifiers.push(i);
            }
        }
        let sketch = sketch(&analysis.folded.text);

        // Remember the message.
        let clock = self.clock;
        let harmful: Vec<(Category, u8)> = verdict
            .categories
            .iter()
            .filter(|c| c.severity >= 2 && Category::ALL.contains(&c.category))
            .map(|c| (c.category, c.severity))
            .collect();
        let s = self.senders.entry(id.to_string()).or_default();
        s.last = clock;
        s.count += 1;
        if let Some(n) = message.name {
            if s.name.as_deref() != Some(n) {
                let key = name_key(n);
                if !key.is_empty() && self.name_counts.len() < 4 * self.config.max_senders {
                    *self.name_counts.entry(key).or_default() += 1;
                }
                s.name = Some(n.to_string());
            }
        }
        for i in identifiers {
            if !s.identifiers.contains(&i) && s.identifiers.len() < MAX_IDENTIFIERS {
                s.identifiers.push(i);
            }
        }
        merge_sketch(&mut s.sketch, &sketch);
        let before = s.flags;
        if !harmful.is_empty() {
            s.flags += 1;
            for &(c, sev) in &harmful {
                s.recent.push((conversation.to_string(), s.count, c, sev));
            }
            let count = s.count;
            s.recent.retain(|r| count.saturating_sub(r.1) < window);
        }
        let flags_before_blur = self.config.flags_before_blur;
        let sender = s.clone();

        // A sender who already sent several harmful messages.
        if flags_before_blur > 0 && before >= flags_before_blur {
            add(
                filter,
                &mut verdict,
                Category::RepeatOffender,
                2,
                "repeat_offender",
            );
        }
        // A blocked sender on a new account.
        if let Some((signal, severity)) = self.recognise(id, &sender, &analysis) {
            add(filter, &mut verdict, Category::BanEvasion, severity, signal);
        }
        self.bound();
        verdict
    }

    /// Which blocked profile this sender matches, by the strongest signal: the reason key and
    /// the severity.
    fn recognise(&self, id: &str, s: &Sender, analysis: &Analysis) -> Option<(&'static str, u8)> {
        if self.blocked.is_empty() {
            return None;
        }
        let mut best: Option<(&'static str, u8)> = None;
        let mut keep = |signal: &'static str, sev: u8| {
            if best.is_none_or(|b| sev > b.1) {
                best = Some((signal, sev));
            }
        };
        let name = s.name.as_deref().unwrap_or_default();
        for p in self.blocked.iter().filter(|p| p.sender != id) {
            if s.identifiers.iter().any(|i| p.identifiers.contains(i)) {
                keep("ban_evasion_identifier", 3);
            }
            let theirs = p.name.as_deref().unwrap_or_default();
            let alike = similarity(&s.sketch, &p.sketch) >= self.config.style_threshold;
            // A name is evidence only while it is rare: if other senders have had it, many
            // people use it ("Mike_Jones", "宝妈").
            let rare = self
                .name_counts
                .get(&name_key(theirs))
                .copied()
                .unwrap_or(0)
                <= 2;
            if !rare {
                continue;
            }
            match name_match(name, theirs) {
                NameMatch::Distinctive => keep("ban_evasion_name", 3),
                NameMatch::Same if alike => keep("ban_evasion_name", 3),
                NameMatch::Near if alike => keep("ban_evasion_name", 2),
                _ => {}
            }
        }
        // Saying so, while someone is blocked.
        let text = &analysis.folded.text;
        let says = statements().iter().any(|p| {
            text.match_indices(p.as_str()).any(|(at, m)| {
                let before = text[..at].chars().next_back();
                let after = text[at + m.len()..].chars().next();
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                !(latin(before) || latin(after)) // whole words: not "new accountant"
            })
        });
        if says {
            keep("ban_evasion_statement", 2);
        }
        best
    }

    /// Blocks a sender: their profile (identifiers, name, writing) is kept for recognition.
    pub fn block(&mut self, sender: &str) {
        self.trusted.remove(sender);
        self.blocked.retain(|p| p.sender != sender);
        let s = self.senders.get(sender).cloned().unwrap_or_default();
        self.clock += 1;
        self.blocked.push(Profile {
            sender: sender.to_string(),
            name: s.name,
            identifiers: s.identifiers,
            sketch: s.sketch,
            blocked_at: self.clock,
        });
        if self.blocked.len() > self.config.max_blocked {
            let excess = self.blocked.len() - self.config.max_blocked;
            self.blocked.drain(..excess); // the oldest blocks go first
        }
    }

    pub fn unblock(&mut self, sender: &str) {
        self.blocked.retain(|p| p.sender != sender);
    }

    /// Trusts a sender: none of the memory's flags apply to them (their content still does).
    pub fn trust(&mut self, sender: &str) {
        self.unblock(sender);
        if self.trusted.len() < self.config.max_trusted {
            self.trusted.insert(sender.to_string());
        }
    }

    pub fn untrust(&mut self, sender: &str) {
        self.trusted.remove(sender);
    }

    pub fn is_blocked(&self, sender: &str) -> bool {
        self.blocked.iter().any(|p| p.sender == sender)
    }

    /// The blocked senders, oldest block first.
    pub fn blocked(&self) -> Vec<&str> {
        self.blocked.iter().map(|p| p.sender.as_str()).collect()
    }

    /// How many senders are remembered.
    pub fn len(&self) -> usize {
        self.senders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.senders.is_empty()
    }

    /// Keeps the memory within its limits, dropping the least useful senders first: never
    /// flagged before flagged, then the longest unseen. Blocked and trusted senders' profiles
    /// live apart and are not dropped here.
    fn bound(&mut self) {
        let max = self.config.max_senders;
        if self.senders.len() <= max {
            return;
        }
        // Drop a tenth at once, so that the sort is rare.
        let target = max - max / 10;
        let mut order: Vec<(bool, u64, String)> = self
            .senders
            .iter()
            .map(|(k, s)| (s.flags > 0, s.last, k.clone()))
            .collect();
        order.sort();
        for (_, _, k) in order.into_iter().take(self.senders.len() - target) {
            self.senders.remove(&k);
        }
    }

    /// The state as a versioned, checksummed JSON snapshot.
    pub fn export(&self) -> String {
        let state = serde_json::to_value(self).expect("memory serialises");
        let text = serde_json::to_string(&state).expect("memory serialises");
        let snapshot = Snapshot {
            format: FORMAT.to_string(),
            version: STATE_VERSION,
            checksum: format!("{:016x}", fnv64(text.as_bytes())),
            state,
        };
        serde_json::to_string(&snapshot).expect("memory serialises")
    }

    /// Reads a snapshot from [`Memory::export`]. On any error nothing changes: the caller keeps
    /// the memory it had.
    pub fn import(snapshot: &str) -> Result<Memory, Error> {
        let bad = |why: String| Error::new(format!("the memory snapshot is {why}"));
        let s: Snapshot = serde_json::from_str(snapshot).map_err(|e| {
            if e.is_eof() {
                bad("truncated".into())
            } else {
                bad(format!("not valid ({e})"))
            }
        })?;
        if s.format != FORMAT {
            return Err(bad(format!(
                "not a Veil memory snapshot (format {:?})",
                s.format
            )));
        }
        if s.version > STATE_VERSION || s.version == 0 {
            return Err(Error::new(format!(
                "the memory snapshot has version {}; this build reads version {STATE_VERSION} (it comes from a newer Veil)",
                s.version
            )));
        }
        let text = serde_json::to_string(&s.state).map_err(|e| bad(e.to_string()))?;
        if format!("{:016x}", fnv64(text.as_bytes())) != s.checksum {
            return Err(bad("corrupt or edited (checksum mismatch)".into()));
        }
        let m: Memory =
            serde_json::from_value(s.state).map_err(|e| bad(format!("invalid ({e})")))?;
        let c = &m.config;
        if m.senders.len() > c.max_senders
            || m.blocked.len() > c.max_blocked
            || m.trusted.len() > c.max_trusted
            || m.senders.values().any(|s| s.sketch.len() > SKETCH)
        {
            return Err(bad("invalid (past its own limits)".into()));
        }
        Ok(m)
    }
}

/// Raises carried categories to severity 2 where the message touches their themes.
fn raise_in_context(filter: &Filter, a: &Analysis, carried: &[Category], v: &mut Verdict) {
    let themes = context_families();
    for &c in carried {
        let Some(families) = themes.iter().find(|t| t.0 == c).map(|t| &t.1) else {
            continue;
        };
        let touching: Vec<(usize, usize)> = a
            .hits
            .iter()
            .filter(|h| match h.tag {
                Tag::Slot(s) => families.contains(&SLOT_FAMILY[s as usize]),
                _ => false,
            })
            .map(|h| a.folded.original_span(h.start, h.end))
            .collect();
        if touching.is_empty() {
            continue;
        }
        let already = v
            .categories
            .iter()
            .any(|h| h.category == c && h.severity >= 2);
        if already {
            continue;
        }
        v.categories.retain(|h| h.category != c);
        let spans = crate::score::merge_spans(
            touching
                .into_iter()
                .map(|(start, end)| Span { start, end })
                .collect(),
        );
        push(filter, v, c, 2, "context", spans);
    }
}

/// Adds a sender-memory category to a verdict.
fn add(filter: &Filter, v: &mut Verdict, c: Category, severity: u8, reason: &str) {
    push(filter, v, c, severity, reason, Vec::new());
}

fn push(
    filter: &Filter,
    v: &mut Verdict,
    c: Category,
    severity: u8,
    reason: &str,
    spans: Vec<Span>,
) {
    let action = crate::policy::action(filter.settings(), c, severity);
    v.action = v.action.max(action);
    let at = v
        .categories
        .iter()
        .position(|h| h.category > c)
        .unwrap_or(v.categories.len());
    v.categories.insert(
        at,
        CategoryHit {
            category: c,
            severity,
            score: 1.0,
            action,
            spans,
        },
    );
    if let Some(&(_, en, zh)) = REASONS.iter().find(|r| r.0 == reason) {
        if !v.reasons.iter().any(|r| r.en == en) {
            let r = Reason {
                category: c,
                en: en.to_string(),
                zh: zh.to_string(),
            };
            // Most severe first: a recognised blocked sender leads; the rest follow the text's.
            let severest = v.categories.iter().map(|h| h.severity).max().unwrap_or(0);
            if severity >= severest {
                v.reasons.insert(0, r);
            } else {
                v.reasons.push(r);
            }
        }
    }
}

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
    let (words, automaton) = handle_words();
    for m in automaton.find_overlapping_iter(folded) {
        let word = &words[m.pattern().as_usize()];
        {
            let (start, from) = (m.start(), m.end());
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
    const WORDS: [(&str, &str); 14] = [
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
    ];
    let mut out = String::with_capacity(lower.len());
    for (i, token) in lower.split(' ').enumerate() {
        let word = WORDS.iter().find(|w| w.0 == token).map_or(token, |w| w.1);
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    // "x . y", "x @ y", "x / y": the punctuation of an address, spaced out.
    for (spaced, joined) in [(" . ", "."), (" @ ", "@"), (" / ", "/")] {
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

enum NameMatch {
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
fn name_match(a: &str, b: &str) -> NameMatch {
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

/// A MinHash fingerprint of a folded text's character n-grams (3 for Latin, 2 for Chinese),
/// stock phrases left out. Empty for a text too short to say anything.
fn sketch(folded: &str) -> Vec<u32> {
    let text = stock_phrases().replace_all(folded, &vec![" "; stock_phrases().patterns_len()]);
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < 8 {
        return Vec::new();
    }
    let mut mins = vec![u32::MAX; SKETCH];
    let n = if chars.iter().any(|&c| normalize::is_cjk(c)) {
        2
    } else {
        3
    };
    for w in chars.windows(n) {
        let mut h: u32 = 0x811c_9dc5;
        for &c in w {
            h = (h ^ c as u32).wrapping_mul(0x0100_0193);
        }
        for (k, m) in mins.iter_mut().enumerate() {
            let mut x = h ^ (k as u32).wrapping_mul(0x9e37_79b9);
            x ^= x >> 16;
            x = x.wrapping_mul(0x85eb_ca6b);
            x ^= x >> 13;
            *m = (*m).min(x);
        }
    }
    mins
}

fn merge_sketch(into: &mut Vec<u32>, other: &[u32]) {
    if other.is_empty() {
        return;
    }
    if into.is_empty() {
        *into = other.to_vec();
        return;
    }
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).min(*b);
    }
}

/// The share of equal hashes: an estimate of the n-gram sets' Jaccard similarity.
fn similarity(a: &[u32], b: &[u32]) -> f32 {
    if a.len() != SKETCH || b.len() != SKETCH {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / SKETCH as f32
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `data/memory/handles.tsv`, folded as messages are, and one automaton finding them all.
fn handle_words() -> &'static (Vec<String>, aho_corasick::AhoCorasick) {
    static WORDS: OnceLock<(Vec<String>, aho_corasick::AhoCorasick)> = OnceLock::new();
    WORDS.get_or_init(|| {
        // Both folds: identifiers are read from the folded text and from the lighter one.
        let mut w: Vec<String> = lines(include_str!("../data/memory/handles.tsv"))
            .flat_map(|l| [normalize::normalize(l).text, light_fold(l)])
            .collect();
        w.sort();
        w.dedup();
        let automaton = aho_corasick::AhoCorasick::new(&w).expect("handle words build");
        (w, automaton)
    })
}

fn statements() -> &'static [String] {
    static STATEMENTS: OnceLock<Vec<String>> = OnceLock::new();
    STATEMENTS.get_or_init(|| {
        lines(include_str!("../data/memory/statements.tsv"))
            .map(|l| normalize::normalize(l).text)
            .collect()
    })
}

/// `data/memory/stock_phrases.tsv` as one automaton, longest phrase first.
fn stock_phrases() -> &'static aho_corasick::AhoCorasick {
    static PHRASES: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let p: Vec<String> = lines(include_str!("../data/memory/stock_phrases.tsv"))
            .map(|l| normalize::normalize(l).text)
            .collect();
        aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&p)
            .expect("stock phrases build")
    })
}

/// `data/memory/context.tsv`: per category, the family ids that continue it.
fn context_families() -> &'static [(Category, Vec<u16>)] {
    static THEMES: OnceLock<Vec<(Category, Vec<u16>)>> = OnceLock::new();
    THEMES.get_or_init(|| {
        lines(include_str!("../data/memory/context.tsv"))
            .filter_map(|l| {
                let (cat, fams) = l.split_once('\t')?;
                let c = Category::parse(cat).ok()?;
                let ids = fams
                    .split_whitespace()
                    .filter_map(|f| FAMILY_NAMES.iter().position(|n| *n == f).map(|i| i as u16))
                    .collect();
                Some((c, ids))
            })
            .collect()
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
        for t in [
            "vx: XM_2024",
            "薇信 x m _ 2 0 2 4",
            "V❤ xm2024",
            "加微信XM-2024",
        ] {
            assert!(
                key(t).contains(&"handle:xm2024".to_string()),
                "{t}: {:?}",
                key(t)
            );
        }
        for t in [
            "+86 138 1234 5678",
            "一三八 1234 五六七八",
            "138-1234-5678",
            "13812345678",
        ] {
            assert!(
                key(t).contains(&"phone:812345678".to_string()),
                "{t}: {:?}",
                key(t)
            );
        }
        assert!(key("+44 7700 900123").contains(&"phone:700900123".to_string()));
        assert!(key("07700 900 123").contains(&"phone:700900123".to_string()));
        for t in [
            "snap: toxic.mike99",
            "snap t o x i c . m i k e 9 9 i just want to chat",
        ] {
            assert!(
                key(t).contains(&"handle:toxicmike99".to_string()),
                "{t}: {:?}",
                key(t)
            );
        }
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
