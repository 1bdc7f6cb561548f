//! The plain data that goes in and out of the engine: categories, severities, actions,
//! sensitivity levels, settings, messages and verdicts. No logic beyond parsing and naming.
//!
//! Everything here is `serde`-serialisable, so the same shapes travel through the CLI's JSON,
//! the wasm binding and saved settings.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The fixed set of harm categories, in their documented order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    SexualMinors,
    Sexual,
    Threat,
    Harassment,
    Hate,
    SelfHarm,
    PersonalInfo,
    OffPlatform,
    SpamScam,
    Profanity,
    /// From sender memory (`memory`): a sender who looks like one the user blocked.
    BanEvasion,
    /// From sender memory: a sender who has already sent several harmful messages.
    RepeatOffender,
}

impl Category {
    /// The categories of a message's content, scored by the engine (`ALL.len()` sizes its tables).
    pub const ALL: [Category; 10] = [
        Category::SexualMinors,
        Category::Sexual,
        Category::Threat,
        Category::Harassment,
        Category::Hate,
        Category::SelfHarm,
        Category::PersonalInfo,
        Category::OffPlatform,
        Category::SpamScam,
        Category::Profanity,
    ];

    /// The categories sender memory adds (never from the text alone).
    pub const SENDER: [Category; 2] = [Category::BanEvasion, Category::RepeatOffender];

    /// Every category: content first, then sender memory's.
    pub const EVERY: [Category; 12] = {
        let mut all = [Category::SexualMinors; 12];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < Category::ALL.len() {
                Category::ALL[i]
            } else {
                Category::SENDER[i - Category::ALL.len()]
            };
            i += 1;
        }
        all
    };

    pub fn name(self) -> &'static str {
        match self {
            Category::SexualMinors => "sexual_minors",
            Category::Sexual => "sexual",
            Category::Threat => "threat",
            Category::Harassment => "harassment",
            Category::Hate => "hate",
            Category::SelfHarm => "self_harm",
            Category::PersonalInfo => "personal_info",
            Category::OffPlatform => "off_platform",
            Category::SpamScam => "spam_scam",
            Category::Profanity => "profanity",
            Category::BanEvasion => "ban_evasion",
            Category::RepeatOffender => "repeat_offender",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn parse(s: &str) -> Result<Category, Error> {
        Category::EVERY
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| {
                Error::new(format!(
                    "unknown category \"{s}\" (expected one of: {})",
                    Category::EVERY.map(|c| c.name()).join(", ")
                ))
            })
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the client should do with a message. Ordered: `Show < Blur < Hide`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    #[default]
    Show,
    Blur,
    Hide,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Show => "show",
            Action::Blur => "blur",
            Action::Hide => "hide",
        }
    }

    pub fn parse(s: &str) -> Result<Action, Error> {
        match s {
            "show" => Ok(Action::Show),
            "blur" => Ok(Action::Blur),
            "hide" => Ok(Action::Hide),
            _ => Err(Error::new(format!(
                "unknown action \"{s}\" (expected show, blur or hide)"
            ))),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How sensitive the filter is. `Medium` is the default.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Off,
    Low,
    #[default]
    Medium,
    High,
    Strict,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Off,
        Level::Low,
        Level::Medium,
        Level::High,
        Level::Strict,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Strict => "strict",
        }
    }

    pub fn parse(s: &str) -> Result<Level, Error> {
        Level::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| {
                Error::new(format!(
                    "unknown level \"{s}\" (expected off, low, medium, high or strict)"
                ))
            })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The version of the settings format this build writes. Older versions are upgraded on load.
pub const SETTINGS_VERSION: u32 = 1;

fn settings_version() -> u32 {
    SETTINGS_VERSION
}

/// The user's or parent's choices. Serialisable and versioned, so a client can store it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default = "settings_version")]
    pub version: u32,
    #[serde(default)]
    pub level: Level,
    /// A fixed action for a category whenever it is detected, replacing the level's choice.
    #[serde(default)]
    pub overrides: BTreeMap<Category, Action>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            level: Level::Medium,
            overrides: BTreeMap::new(),
        }
    }
}

impl Settings {
    pub fn with_level(level: Level) -> Self {
        Settings {
            level,
            ..Settings::default()
        }
    }

    /// Checks what serde cannot: the version is one this build understands.
    pub fn validate(&self) -> Result<(), Error> {
        if self.version == 0 || self.version > SETTINGS_VERSION {
            return Err(Error::new(format!(
                "settings version {} is not supported (this build reads 1 to {SETTINGS_VERSION})",
                self.version
            )));
        }
        Ok(())
    }
}

/// One incoming message: its text and optional metadata. Metadata is not used for text
/// classification; it is carried for sender memory (a later stage) and for evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Message<'a> {
    pub text: &'a str,
    pub sender: Option<&'a str>,
    /// The sender's display name, for recognising a blocked sender on a new account.
    #[serde(default)]
    pub name: Option<&'a str>,
    pub conversation: Option<&'a str>,
    /// Milliseconds since the Unix epoch.
    pub time: Option<f64>,
}

impl<'a> Message<'a> {
    pub fn new(text: &'a str) -> Self {
        Message {
            text,
            ..Message::default()
        }
    }
}

/// A byte range `[start, end)` in the ORIGINAL message text (UTF-8 bytes in Rust and the CLI;
/// the wasm binding converts to UTF-16 code units so `text.slice(start, end)` works in JS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One detected category in a verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryHit {
    pub category: Category,
    /// 1 (mild) to 3 (severe).
    pub severity: u8,
    /// Confidence from 0 to 1.
    pub score: f32,
    /// What the settings do with this category on its own; the verdict's action is the maximum.
    pub action: Action,
    /// What matched, in the original text, sorted and merged.
    pub spans: Vec<Span>,
}

/// A plain-language reason, in English and Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub category: Category,
    pub en: String,
    pub zh: String,
}

/// The engine's answer for one message (the default: show, nothing found).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub action: Action,
    /// Detected categories in the documented category order.
    pub categories: Vec<CategoryHit>,
    /// One reason per distinct explanation, most severe first.
    pub reasons: Vec<Reason>,
    /// The message was longer than [`MAX_ANALYSED`] bytes, or held more than [`MAX_HITS`]
    /// word-list and pattern hits, and only its start was read. Such a message is never shown
    /// as safe: its action is at least blur.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// The most of a message Veil reads, in bytes of UTF-8 (64 KiB: far beyond any chat message, and
/// read in milliseconds). The rest is not analysed, and the verdict says so (`truncated`).
pub const MAX_ANALYSED: usize = 64 * 1024;

/// The most word-list and pattern hits Veil weighs in one message. Ordinary chat has a few per
/// sentence; only tens of kilobytes of dense harm reach this. Past it the rest is not weighed
/// (and the verdict is `truncated`), which bounds the memory a hostile message can take: pairs
/// of nearby hits grow with the hits, and wasm memory does not shrink once grown.
pub const MAX_HITS: usize = 2048;

impl Verdict {
    pub fn flagged(&self) -> bool {
        self.action != Action::Show
    }

    /// The action this verdict would get for one category alone (used by evaluation).
    pub fn has(&self, category: Category) -> bool {
        self.categories.iter().any(|c| c.category == category)
    }
}

/// A clear, user-facing error (bad settings, unknown names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
