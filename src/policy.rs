//! Stage 5: the sensitivity level and the per-category overrides decide show, blur or hide.
//!
//! | level  | severity 1 | severity 2 | severity 3 |
//! |--------|------------|------------|------------|
//! | off    | show       | show       | show       |
//! | low    | show       | show       | blur       |
//! | medium | show       | blur       | hide       |
//! | high   | blur       | blur       | hide       |
//! | strict | blur       | hide       | hide       |
//!
//! Two exceptions: `sexual_minors` and `threat` at severity 3 are hidden at every level but
//! `off`; `profanity` (vulgar words aimed at no one) is never hidden, only blurred.
//! An override for a category replaces the table whenever that category is detected;
//! `off` is a master switch that shows everything, overrides included.

use crate::model::{Action, Category, Level, Settings};

pub fn table(level: Level, severity: u8) -> Action {
    use Action::*;
    let row = match level {
        Level::Off => [Show, Show, Show],
        Level::Low => [Show, Show, Blur],
        Level::Medium => [Show, Blur, Hide],
        Level::High => [Blur, Blur, Hide],
        Level::Strict => [Blur, Hide, Hide],
    };
    row[(severity.clamp(1, 3) - 1) as usize]
}

/// The action for one detected category.
pub fn action(settings: &Settings, category: Category, severity: u8) -> Action {
    if settings.level == Level::Off {
        return Action::Show;
    }
    if let Some(&a) = settings.overrides.get(&category) {
        return a;
    }
    let base = table(settings.level, severity);
    match category {
        Category::SexualMinors | Category::Threat if severity >= 3 => Action::Hide,
        Category::Profanity => base.min(Action::Blur),
        _ => base,
    }
}
