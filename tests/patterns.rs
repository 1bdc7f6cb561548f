//! Contact details found by `data/patterns.tsv` (phones, handles), where word lists cannot reach.

use veil::{Category, Filter, Settings};

#[test]
fn handles_and_numbers_next_to_an_app_are_off_platform() {
    let f = Filter::new(Settings::default()).unwrap();
    let mut failures = Vec::new();
    for text in [
        "add me on wechat: lily_2015",
        "qq 123456789",
        "加我微信: abc123",
        "微信是abc12345",
        "whatsapp +44 7700 900123",
        "line id: abc_123",
        "snap: kidsclothes22",
    ] {
        let v = f.check_text(text);
        if !(v.flagged() && v.has(Category::OffPlatform)) {
            failures.push(format!("not flagged: {text:?}"));
        }
    }
    for text in [
        "I shop online mostly",
        "discipline matters at that age",
        "is the telegram in the photo included?",
        "the line is 8 cm long",
        "order 138001380001234 arrived",
    ] {
        if f.check_text(text).flagged() {
            failures.push(format!("flagged: {text:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn pattern_spans_do_not_include_the_boundary() {
    // The phone pattern consumes the characters around the number; the hit must not.
    let text = "是13800138000吗";
    let folded = veil::normalize::normalize(text);
    let mut hits = Vec::new();
    veil::lexicon::Lexicon::get().find(&folded, &mut hits);
    let spans: Vec<&str> = hits
        .iter()
        .filter(|h| h.from_pattern)
        .map(|h| &folded.text[h.start..h.end])
        .collect();
    assert!(spans.contains(&"13800138000"), "{spans:?}");
}

#[test]
fn links_count_only_with_a_scam_cue() {
    let f = Filter::new(Settings::default()).unwrap();
    for text in [
        "your account is suspended, log in at http://secure-bank.xyz/login",
        "you won a prize! claim at www.win-big.top",
    ] {
        let v = f.check_text(text);
        assert!(v.has(Category::SpamScam) && v.flagged(), "{text:?}");
        assert!(
            v.categories
                .iter()
                .flat_map(|c| &c.spans)
                .any(|s| text[s.start..s.end].contains(".xyz")
                    || text[s.start..s.end].contains(".top")),
            "the link itself is a span: {text:?}"
        );
    }
    for text in [
        "here is the link to the listing http://example.com/item/1",
        "I'm tired now.see you tomorrow",
    ] {
        assert!(!f.check_text(text).flagged(), "{text:?}");
    }
}

/// "sb" is 傻逼 in Chinese chat and "somebody" in English: variants marked `zh` count only in a
/// message with Chinese in it. Unambiguous ones (cnm) count everywhere.
#[test]
fn ambiguous_pinyin_counts_only_in_chinese_text() {
    let f = Filter::new(Settings::default()).unwrap();
    for text in [
        "did sb call me?",
        "the SB size is fine",
        "Mr Cao will pick it up",
    ] {
        assert!(!f.check_text(text).flagged(), "{text:?}");
    }
    for text in ["你个sb", "sb吧你", "cnm"] {
        assert!(f.check_text(text).has(Category::Harassment), "{text:?}");
    }
}

/// 原味 is also a flavour: only with "don't wash it" is it the fetish request.
#[test]
fn yuanwei_needs_dont_wash() {
    let f = Filter::new(Settings::default()).unwrap();
    assert!(f
        .check_text("我要原味的，不要洗")
        .has(Category::SexualMinors));
    for text in ["有原味的吗", "原味的好吃吗"] {
        assert!(!f.check_text(text).flagged(), "{text:?}");
    }
}

#[test]
fn phishing_needs_the_readers_own_details() {
    let f = Filter::new(Settings::default()).unwrap();
    for text in [
        "Your order is frozen, verify your bank card at this link",
        "please confirm your card details",
    ] {
        assert!(f.check_text(text).has(Category::SpamScam), "{text:?}");
    }
    for text in [
        "enter the password on wifi",
        "my card is blocked, can I pay cash?",
    ] {
        assert!(!f.check_text(text).flagged(), "{text:?}");
    }
}
