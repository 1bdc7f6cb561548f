//! Levels, overrides and settings: the documented policy table, and settings that serialise.

use veil::{Action, Category, Filter, Level, Settings};

const CHILD_MEDIA: &str = "send me a video of your daughter's feet";

fn verdict_action(settings: Settings, text: &str) -> Action {
    Filter::new(settings).unwrap().check_text(text).action
}

#[test]
fn the_table_matches_the_docs() {
    use veil::policy::table;
    use Action::*;
    let rows = [
        (Level::Off, [Show, Show, Show]),
        (Level::Low, [Show, Show, Blur]),
        (Level::Medium, [Show, Blur, Hide]),
        (Level::High, [Blur, Blur, Hide]),
        (Level::Strict, [Blur, Hide, Hide]),
    ];
    for (level, expect) in rows {
        for sev in 1..=3u8 {
            assert_eq!(table(level, sev), expect[sev as usize - 1], "{level} {sev}");
        }
    }
}

#[test]
fn severe_child_abuse_and_threats_are_hidden_at_every_level_but_off() {
    use veil::policy::action;
    for level in [Level::Low, Level::Medium, Level::High, Level::Strict] {
        let s = Settings::with_level(level);
        assert_eq!(action(&s, Category::SexualMinors, 3), Action::Hide);
        assert_eq!(action(&s, Category::Threat, 3), Action::Hide);
        assert_eq!(action(&s, Category::Profanity, 3), Action::Blur);
    }
    let off = Settings::with_level(Level::Off);
    assert_eq!(action(&off, Category::SexualMinors, 3), Action::Show);
    let filter = Filter::new(off).unwrap();
    assert_eq!(
        filter.check_text(CHILD_MEDIA).action,
        Action::Show,
        "off shows everything"
    );
}

#[test]
fn overrides_replace_the_level_for_one_category() {
    let mut s = Settings::with_level(Level::Medium);
    s.overrides.insert(Category::SexualMinors, Action::Blur);
    assert_eq!(verdict_action(s.clone(), CHILD_MEDIA), Action::Blur);
    s.overrides.insert(Category::SexualMinors, Action::Show);
    assert_eq!(verdict_action(s, CHILD_MEDIA), Action::Show);
    // An override only acts when its category is detected.
    let mut s = Settings::with_level(Level::Medium);
    s.overrides.insert(Category::Profanity, Action::Hide);
    assert_eq!(
        verdict_action(s, "Does this fit a 7-year-old?"),
        Action::Show
    );
}

#[test]
fn verdict_lists_categories_in_order_with_spans_and_both_languages() {
    let text = "send me a video of your daughter's feet";
    let v = Filter::new(Settings::default()).unwrap().check_text(text);
    let c = &v.categories[0];
    assert_eq!(c.category, Category::SexualMinors);
    assert_eq!(c.action, Action::Hide);
    assert!((0.0..=1.0).contains(&c.score));
    for s in &c.spans {
        assert!(s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start));
    }
    assert!(c
        .spans
        .iter()
        .any(|s| text[s.start..s.end].contains("feet")));
    assert!(!v.reasons[0].en.is_empty() && !v.reasons[0].zh.is_empty());
    let order: Vec<_> = v.categories.iter().map(|c| c.category).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn settings_serialise_and_reject_mistakes() {
    let mut s = Settings::with_level(Level::High);
    s.overrides.insert(Category::OffPlatform, Action::Show);
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        json,
        r#"{"version":1,"level":"high","overrides":{"off_platform":"show"}}"#
    );
    let back: Settings = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let empty: Settings = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, Settings::default());
    for bad in [
        r#"{"level":"extreme"}"#,
        r#"{"levle":"low"}"#,
        r#"{"overrides":{"nudity":"hide"}}"#,
        r#"{"overrides":{"sexual":"delete"}}"#,
    ] {
        assert!(serde_json::from_str::<Settings>(bad).is_err(), "{bad}");
    }
    let future: Settings = serde_json::from_str(r#"{"version":9}"#).unwrap();
    assert!(Filter::new(future).is_err());
}

#[test]
fn names_parse_with_clear_errors() {
    assert_eq!(Level::parse("strict").unwrap(), Level::Strict);
    let e = Level::parse("max").unwrap_err();
    assert!(e.message().contains("max"));
    assert_eq!(Category::parse("spam_scam").unwrap(), Category::SpamScam);
    assert!(Category::parse("nudity")
        .unwrap_err()
        .message()
        .contains("nudity"));
    assert_eq!(Action::parse("hide").unwrap(), Action::Hide);
}

#[test]
fn empty_and_odd_input_is_safe() {
    let f = Filter::new(Settings::default()).unwrap();
    for text in [
        "",
        " ",
        "\u{200B}\u{200B}",
        "🙂",
        "a",
        "\u{FEFF}",
        &"x".repeat(60_000),
    ] {
        let v = f.check_text(text);
        assert_eq!(v.action, Action::Show, "{text:?}");
    }
    // Past the limit the rest is unread, so even harmless text is not shown as checked.
    let long = f.check_text(&"x".repeat(100_000));
    assert!(long.truncated && long.action == Action::Blur);
    let batch = f.check_batch(["hello", CHILD_MEDIA]);
    assert_eq!(batch[1].action, Action::Hide);
}

/// A guard against blow-ups, not a benchmark: a long message full of matches and allow-list
/// words must come back in bounded time (generous: the usual figure is milliseconds).
#[test]
fn long_adversarial_messages_stay_fast() {
    let f = Filter::new(Settings::default()).unwrap();
    let unit = "send me a video of your daughter's feet 性价比 加我微信 f u c k 13800138000 ";
    let text = unit.repeat(100_000 / unit.len());
    let started = std::time::Instant::now();
    let v = f.check_text(&text);
    assert_eq!(v.action, Action::Hide);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}
