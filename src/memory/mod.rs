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

mod fingerprint;
mod identifiers;
mod names;

use crate::normalize;
use crate::tables::{Tag, FAMILY_NAMES, REASONS, SLOT_FAMILY};
use crate::{Analysis, Filter};
use fingerprint::{merge_sketch, similarity, sketch, SKETCH};
pub use identifiers::{identifiers, light_fold};
pub use names::name_key;
use names::{name_match, NameMatch};

/// The snapshot format this build writes and reads.
pub const STATE_VERSION: u32 = 1;
const FORMAT: &str = "veil-memory";
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
    /// Categories of recent harmful messages: (conversation, the sender's message count then,
    /// category).
    recent: Vec<(String, u32, Category)>,
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
        let harmful: Vec<Category> = verdict
            .categories
            .iter()
            .filter(|c| c.severity >= 2 && Category::ALL.contains(&c.category))
            .map(|c| c.category)
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
            for &c in &harmful {
                s.recent.push((conversation.to_string(), s.count, c));
            }
            let count = s.count;
            s.recent.retain(|r| count.saturating_sub(r.1) < window);
        }
        let flags_before_blur = self.config.flags_before_blur;

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
        if let Some((signal, severity)) = self.recognise(id, &self.senders[id], &analysis) {
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
        self.blocked.push(Profile {
            sender: sender.to_string(),
            name: s.name,
            identifiers: s.identifiers,
            sketch: s.sketch,
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

fn statements() -> &'static [String] {
    static STATEMENTS: OnceLock<Vec<String>> = OnceLock::new();
    STATEMENTS.get_or_init(|| {
        lines(include_str!("../../data/memory/statements.tsv"))
            .map(|l| normalize::normalize(l).text)
            .collect()
    })
}

/// `data/memory/context.tsv`: per category, the family ids that continue it.
fn context_families() -> &'static [(Category, Vec<u16>)] {
    static THEMES: OnceLock<Vec<(Category, Vec<u16>)>> = OnceLock::new();
    THEMES.get_or_init(|| {
        lines(include_str!("../../data/memory/context.tsv"))
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
