//! Veil: an on-device message filter for chat, in Chinese and English.
//!
//! A message travels through six stages, one module each:
//! [`normalize`] → [`lexicon`] → [`rules`] → [`features`] → [`score`] → [`policy`], and comes
//! out as a [`Verdict`]: show, blur or hide, with categories, spans in the original text and
//! reasons.
//!
//! ```
//! use veil::{Filter, Settings, Level, Action};
//! let filter = Filter::new(Settings::with_level(Level::Medium)).unwrap();
//! assert_eq!(filter.check_text("does this fit a 7-year-old?").action, Action::Show);
//! ```

pub mod features;
pub mod lexicon;
pub mod model;
pub mod normalize;
pub mod policy;
pub mod rules;
pub mod score;
#[doc(hidden)]
pub mod tables;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{
    Action, Category, CategoryHit, Error, Level, Message, Reason, Settings, Span, Verdict,
    SETTINGS_VERSION,
};

use features::Occurrence;
use lexicon::{Hit, Lexicon};
use rules::RuleHit;
use tables::{DEFAULT_REASONS, REASONS};

/// The engine. Cheap to create (the word lists are compiled once per process and shared).
#[derive(Clone, Debug)]
pub struct Filter {
    settings: Settings,
}

impl Filter {
    /// Creates a filter, rejecting settings this build cannot honour.
    pub fn new(settings: Settings) -> Result<Filter, Error> {
        settings.validate()?;
        Ok(Filter { settings })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn set_settings(&mut self, settings: Settings) -> Result<(), Error> {
        settings.validate()?;
        self.settings = settings;
        Ok(())
    }

    /// Checks one message.
    pub fn check(&self, message: &Message<'_>) -> Verdict {
        self.check_text(message.text)
    }

    /// Checks a text with no metadata.
    pub fn check_text(&self, text: &str) -> Verdict {
        let a = Analysis::of(text);
        if a.occurrences.is_empty() {
            return Verdict::default(); // no word-list or pattern hit: nothing to weigh
        }
        let mut occurrences = a.occurrences;
        let logits = score::logits(&mut occurrences);

        let mut categories = Vec::new();
        let mut reasons: Vec<(u8, Reason)> = Vec::new();
        let mut action = Action::Show;
        for category in Category::ALL {
            let p = score::probability(logits[category.index()]);
            let severity = score::severity(category.index(), p, a.zh);
            if severity == 0 {
                continue;
            }
            let severity = severity.min(score::severity_cap(
                &occurrences,
                category.index(),
                &a.hits,
                &a.rules,
            ));
            let why = score::explain(&occurrences, category.index(), &a.hits, &a.rules);
            let category_action = policy::action(&self.settings, category, severity);
            action = action.max(category_action);
            let spans = why
                .parts
                .iter()
                .map(|&(s, e)| {
                    let (start, end) = a.folded.original_span(s, e);
                    Span { start, end }
                })
                .collect();
            categories.push(CategoryHit {
                category,
                severity,
                score: (p * 1000.0).round() / 1000.0,
                action: category_action,
                spans: score::merge_spans(spans),
            });
            let key = why
                .reason
                .map(usize::from)
                .unwrap_or_else(|| default_reason(category));
            let (_, en, zh) = REASONS[key];
            if !reasons.iter().any(|(_, r)| r.en == en) {
                reasons.push((
                    severity,
                    Reason {
                        category,
                        en: en.to_string(),
                        zh: zh.to_string(),
                    },
                ));
            }
        }
        // Most severe first; the category order breaks ties (stable sort).
        reasons.sort_by_key(|r| std::cmp::Reverse(r.0));
        Verdict {
            action,
            categories,
            reasons: reasons.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// Checks many messages; the same as calling [`Filter::check`] on each, in order.
    pub fn check_batch<'a>(&self, messages: impl IntoIterator<Item = &'a str>) -> Vec<Verdict> {
        messages.into_iter().map(|t| self.check_text(t)).collect()
    }
}

/// Everything the stages before the scorer find in a text: what the trainer learns from and
/// what [`Filter::check_text`] weighs.
pub struct Analysis {
    pub folded: normalize::Folded,
    pub hits: Vec<Hit>,
    pub rules: Vec<RuleHit>,
    /// Empty when nothing matched (the common case, answered without further work).
    pub occurrences: Vec<Occurrence>,
    /// The message has Chinese in it (its thresholds are the Chinese ones).
    pub zh: bool,
}

impl Analysis {
    pub fn of(text: &str) -> Analysis {
        let folded = normalize::normalize(text);
        let mut hits: Vec<Hit> = Vec::new();
        Lexicon::get().find(&folded, &mut hits);
        let mut rules: Vec<RuleHit> = Vec::new();
        let mut occurrences = Vec::new();
        let mut zh = false;
        if !hits.is_empty() {
            let char_index = char_index(&folded.text);
            let pos = rules::apply(&mut hits, |b| char_index[b], &mut rules);
            let shape = features::Shape::of(&folded.text);
            zh = shape.zh;
            features::extract(&hits, &pos, &rules, &shape, &mut occurrences);
        }
        Analysis {
            folded,
            hits,
            rules,
            occurrences,
            zh,
        }
    }
}

/// Maps each byte offset of `text` (and its end) to a char index.
fn char_index(text: &str) -> Vec<usize> {
    let mut idx = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            idx[i + k] = n;
        }
        n += 1;
    }
    idx[text.len()] = n;
    idx
}

fn default_reason(category: Category) -> usize {
    usize::from(DEFAULT_REASONS[category.index()])
}
