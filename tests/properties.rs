//! Properties that must hold for any text (proptest): spans stay in bounds and on character
//! boundaries, a verdict does not depend on what was checked before, `check_batch` equals
//! `check`, and the optional n-gram model only ever adds. Hostile Unicode is mixed into the
//! generated text: combining marks, RTL overrides, zero-width and other invisible characters,
//! every kind of space, look-alike letters, emoji, and CJK.

use proptest::prelude::*;
use veil::{Filter, Settings};

/// Pieces real and hostile text is made of, drawn from at random.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,!?'@_-]{0,12}",
        "[\u{4e00}-\u{4e40}\u{5973}\u{513f}\u{811a}\u{88dc}]{0,6}",
        Just("send me a video of your daughter's feet".to_string()),
        Just("你女儿的脚真白 发几张照片".to_string()),
        Just("d.a.u.g.h.t.e.r f e e t".to_string()),
        Just("加v 一三八 1234 五六七八".to_string()),
        Just("\u{202e}\u{202d}\u{200b}\u{200d}\u{feff}\u{2060}\u{00ad}".to_string()),
        Just("e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}".to_string()),
        Just("\u{a0}\u{2003}\u{3000}\t\n\r\u{85}\u{2028}".to_string()),
        Just("ѕеnd mе а рiс 𝐟𝐞𝐞𝐭 ⓕⓔⓔⓣ ｆｅｅｔ".to_string()),
        Just("😀👣🦶🏻👧🏽‍🦰🇨🇳".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..8).prop_map(|v| v.concat())
}

#[path = "support/filters.rs"]
mod support;
use support::filters;

/// 400 cases each, from the seed `make test` fixes (PROPTEST_RNG_SEED) so that CI is
/// repeatable; `make props-long` explores with fresh seeds and many more cases.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig {
        cases: cases.unwrap_or(400),
        ..ProptestConfig::default()
    }
}

/// Dense runs of few letters and separators, where spelled-apart joining, squeezing and leet
/// interact ("A_A_Dd.a.u.g.h.t.e.r" once folded to a text that folded again differently).
fn tangle() -> impl Strategy<Value = String> {
    "[aAdDbB3@ ._\\-]{0,16}"
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn spans_are_in_bounds_and_on_char_boundaries(t in text()) {
        let (plain, with) = filters();
        for f in [&plain, &with] {
            for c in f.check_text(&t).categories {
                for s in c.spans {
                    prop_assert!(s.start < s.end && s.end <= t.len(), "{:?} in {:?}", s, t);
                    prop_assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
                }
            }
        }
    }

    #[test]
    fn a_verdict_does_not_depend_on_what_came_before(a in text(), b in text()) {
        let (plain, _) = filters();
        let alone = plain.check_text(&b);
        plain.check_text(&a);
        prop_assert_eq!(plain.check_text(&b), alone);
    }

    #[test]
    fn check_batch_equals_check(texts in prop::collection::vec(text(), 0..6)) {
        let (plain, with) = filters();
        for f in [&plain, &with] {
            let batch = f.check_batch(texts.iter().map(String::as_str));
            let one: Vec<_> = texts.iter().map(|t| f.check_text(t)).collect();
            prop_assert_eq!(batch, one);
        }
    }

    #[test]
    fn the_model_only_adds(t in text()) {
        let (plain, with) = filters();
        let (a, b) = (plain.check_text(&t), with.check_text(&t));
        prop_assert!(b.action >= a.action);
        for c in &a.categories {
            prop_assert!(b.categories.iter().any(|x| x.category == c.category && x.severity >= c.severity));
        }
    }

    #[test]
    fn normalising_twice_is_normalising_once(t in prop_oneof![text(), tangle()]) {
        let once = veil::normalize::normalize(&t).text;
        let twice = veil::normalize::normalize(&once).text;
        prop_assert_eq!(twice, once, "{:?}", t);
    }
}

/// Past `MAX_ANALYSED` bytes the rest is not read: the verdict says so and is never "show"
/// (unless the level is off), spans stay inside what was read, and a megabyte takes no longer
/// than a generous guard.
#[test]
fn a_long_message_is_read_up_to_the_limit_and_never_shown_as_safe() {
    use veil::{Action, Level, MAX_ANALYSED};
    let plain = Filter::new(Settings::default()).unwrap();
    let harmless = "Is the blue coat still available? ".repeat(40_000);
    let hidden_at_the_end = format!("{harmless}send me a video of your daughter's feet");
    for t in [harmless.as_str(), hidden_at_the_end.as_str()] {
        let started = std::time::Instant::now();
        let v = plain.check_text(t);
        assert!(
            started.elapsed().as_secs() < 5,
            "a blow-up: {:?}",
            started.elapsed()
        );
        assert!(v.truncated);
        assert!(v.action >= Action::Blur);
        for c in &v.categories {
            assert!(c.spans.iter().all(|s| s.end <= MAX_ANALYSED));
        }
    }
    let short = plain.check_text("Is the blue coat still available?");
    assert!(!short.truncated && short.action == Action::Show);
    // A multi-byte character straddling the limit is not split.
    let cjk = "你".repeat(MAX_ANALYSED);
    assert!(plain.check_text(&cjk).truncated);
    let off = Filter::new(Settings::with_level(Level::Off)).unwrap();
    assert_eq!(off.check_text(&harmless).action, Action::Show);
}

/// A megabyte of dense harm, in either language, is answered without a blow-up (a guard, not a
/// benchmark: `veil bench` measures).
#[test]
fn dense_harm_of_a_megabyte_is_not_a_blow_up() {
    let (plain, with) = filters();
    for unit in [
        "你女儿的脚真白 发几张照片 ",
        "send me pics of your daughter's feet ",
    ] {
        let t = unit.repeat(1_000_000 / unit.len());
        for f in [&plain, &with] {
            let started = std::time::Instant::now();
            let v = f.check_text(&t);
            assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
            assert!(v.truncated && v.action == veil::Action::Hide);
        }
    }
}

/// A text within the length limit but with more than `MAX_HITS` hits is weighed up to there:
/// the verdict says it was cut, and it is never shown; ordinary text is nowhere near the cap.
#[test]
fn a_message_with_more_hits_than_weighed_is_cut_and_never_shown() {
    use veil::{Action, MAX_ANALYSED, MAX_HITS};
    let plain = Filter::new(Settings::default()).unwrap();
    let unit = "你女儿的脚真白 发几张照片 ";
    let dense = unit.repeat(MAX_ANALYSED / 2 / unit.len());
    assert!(dense.len() < MAX_ANALYSED);
    assert!(veil::Analysis::of(&dense).cut);
    let v = plain.check_text(&dense);
    assert!(v.truncated && v.action >= Action::Blur);
    // A long ordinary message: its hits are far from the cap, so it is read whole.
    let ordinary =
        "Hi! Is the blue coat still available? I can pick it up on Saturday. ".repeat(20);
    let a = veil::Analysis::of(&ordinary);
    assert!(
        !a.cut && a.hits.len() < MAX_HITS / 8,
        "{} hits",
        a.hits.len()
    );
    assert!(!plain.check_text(&ordinary).truncated);
}
