//! The n-gram model asset as the engine uses it: it loads, it only ever adds to the readable
//! scorer's verdict, and ordinary buyers stay visible with it.

use veil::Action;

#[path = "support/filters.rs"]
mod support;
use support::{filters, ASSET};

/// Every text of the blind rounds kept in the repository.
fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["tests/blind", "tests/blind/holdout"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "jsonl") {
                for line in std::fs::read_to_string(&path).unwrap().lines() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    if let Some(t) = v["text"].as_str() {
                        out.push(t.to_string()); // replay streams also hold block events
                    }
                }
            }
        }
    }
    assert!(out.len() >= 600, "the blind rounds are in tests/blind");
    out
}

#[test]
fn the_model_never_removes_or_lowers_a_flag() {
    let (plain, with) = filters();
    let mut raised = 0;
    for t in texts() {
        let (a, b) = (plain.check_text(&t), with.check_text(&t));
        assert!(
            b.action >= a.action,
            "{t:?}: {:?} → {:?}",
            a.action,
            b.action
        );
        for c in &a.categories {
            let after = b.categories.iter().find(|x| x.category == c.category);
            assert!(
                after.is_some_and(|x| x.severity >= c.severity),
                "{t:?}: {:?} lost or lowered",
                c.category
            );
        }
        raised += (b.action > a.action) as usize;
    }
    // It does something: some message is raised (if none were, the model would be inert).
    assert!(raised > 0, "the model raised nothing");
}

#[test]
fn the_model_never_hides_on_its_own_and_its_spans_are_in_bounds() {
    let (plain, with) = filters();
    for t in texts() {
        let (a, b) = (plain.check_text(&t), with.check_text(&t));
        for c in &b.categories {
            let before = a.categories.iter().find(|x| x.category == c.category);
            if before.is_none_or(|x| x.severity < c.severity) {
                assert!(c.severity <= 2, "{t:?}: the model alone gave severity 3");
            }
            for s in &c.spans {
                assert!(s.start < s.end && s.end <= t.len(), "{t:?}: span {s:?}");
                assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            }
        }
    }
}

#[test]
fn ordinary_buyers_stay_visible_with_the_model() {
    let (_, with) = filters();
    for t in [
        "Does this fit a 7-year-old?",
        "宝宝脚长14cm能穿吗",
        "are the socks new or worn?",
        "Is the blue coat still available? I can collect on Saturday.",
        "还在吗？包邮吗",
        "can you send a photo of the label and the sole?",
    ] {
        assert_eq!(with.check_text(t).action, Action::Show, "{t:?}");
    }
}

#[test]
fn a_refused_asset_leaves_the_filter_as_it_was() {
    let (plain, mut with) = filters();
    let t = "you're a waste of space honestly";
    let before = with.check_text(t);
    assert!(with.load_model(&ASSET[..ASSET.len() - 3]).is_err());
    assert_eq!(
        with.check_text(t),
        before,
        "the loaded model stays after a refused one"
    );
    let mut fresh = plain.clone();
    assert!(fresh.load_model(b"not a model").is_err());
    assert!(fresh.model().is_none());
    assert_eq!(fresh.check_text(t), plain.check_text(t));
}
