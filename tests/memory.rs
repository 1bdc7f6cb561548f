//! Sender memory: repeat offenders, conversation evidence, blocking and recognition, trust,
//! bounds, and snapshots (including the ones it must refuse).

use veil::memory::{Memory, MemoryConfig};
use veil::{Action, Category, Filter, Message, Settings};

fn filter() -> Filter {
    Filter::new(Settings::default()).unwrap()
}

fn msg<'a>(sender: &'a str, name: &'a str, text: &'a str) -> Message<'a> {
    Message {
        text,
        sender: Some(sender),
        name: Some(name),
        conversation: Some("c1"),
        time: None,
    }
}

fn has(v: &veil::Verdict, c: Category) -> bool {
    v.categories.iter().any(|h| h.category == c)
}

#[test]
fn a_sender_who_keeps_going_is_blurred_with_a_reason() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    for _ in 0..2 {
        let v = m.check(
            &f,
            &msg("a", "Bob", "send me a video of your daughter's feet"),
        );
        assert_eq!(v.action, Action::Hide);
    }
    let v = m.check(&f, &msg("a", "Bob", "hello?"));
    assert!(has(&v, Category::RepeatOffender), "{v:?}");
    assert!(v.action >= Action::Blur);
    assert!(v
        .reasons
        .iter()
        .any(|r| r.en == "Sent several harmful messages"));
    // Another sender's "hello?" is untouched.
    assert_eq!(m.check(&f, &msg("b", "Ann", "hello?")).action, Action::Show);
}

#[test]
fn a_harmful_message_colours_the_next_ones_in_the_conversation() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    assert_eq!(f.check_text("how old is she?").action, Action::Show);
    m.check(
        &f,
        &msg("a", "Bob", "ur lil girl is so hot in that swimsuit"),
    );
    let v = m.check(&f, &msg("a", "Bob", "how old is she?"));
    assert!(v.action >= Action::Blur, "{v:?}");
    assert!(v
        .reasons
        .iter()
        .any(|r| r.en.contains("Follows harmful messages")));
    // Only this sender, only this conversation.
    assert_eq!(
        m.check(&f, &msg("b", "Ann", "how old is she?")).action,
        Action::Show
    );
    let elsewhere = Message {
        conversation: Some("c2"),
        ..msg("a", "Bob", "how old is she?")
    };
    assert!(!has(&m.check(&f, &elsewhere), Category::SexualMinors));
    // The window passes: after five ordinary messages it no longer counts.
    for _ in 0..5 {
        m.check(&f, &msg("a", "Bob", "ok"));
    }
    assert!(!has(
        &m.check(&f, &msg("a", "Bob", "how old is she?")),
        Category::SexualMinors
    ));
}

#[test]
fn a_blocked_sender_is_recognised_by_an_identifier_in_another_spelling() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(
        &f,
        &msg("a", "Marco", "add me on vx: XM_2024, send pics of her"),
    );
    m.block("a");
    for (i, text) in ["薇信 x m _ 2 0 2 4", "V❤ xm2024 加我"].iter().enumerate() {
        let id = format!("new{i}");
        let v = m.check(&f, &msg(&id, "Sunny", text));
        assert!(has(&v, Category::BanEvasion), "{text}: {v:?}");
        assert_eq!(v.action, Action::Hide);
        assert!(v
            .reasons
            .iter()
            .any(|r| r.en.contains("same contact details")));
    }
    m.check(&f, &msg("p", "Pete", "call me +86 138 1234 5678"));
    m.block("p");
    let v = m.check(&f, &msg("q", "Quinn", "打我电话 一三八 1234 五六七八"));
    assert!(has(&v, Category::BanEvasion));
}

#[test]
fn a_rare_name_is_evidence_and_a_common_one_is_not() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(&f, &msg("a", "Toxic_Mike", "your girl is cute, send more"));
    m.block("a");
    let v = m.check(&f, &msg("b", "T0xicMike_2", "hi again"));
    assert!(has(&v, Category::BanEvasion), "{v:?}");
    // A common name: many senders have had it, so it identifies no one.
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    for i in 0..5 {
        m.check(
            &f,
            &msg(&format!("s{i}"), "Sarah Jones", "is this still available?"),
        );
    }
    m.block("s0");
    let v = m.check(&f, &msg("s9", "Sarah Jones", "is this still available?"));
    assert!(!has(&v, Category::BanEvasion), "{v:?}");
    // Short names never count alone.
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(&f, &msg("a", "宝妈", "你女儿的脚真白"));
    m.block("a");
    assert!(!has(
        &m.check(&f, &msg("b", "宝妈", "还在吗")),
        Category::BanEvasion
    ));
}

#[test]
fn saying_so_counts_but_ordinary_words_do_not() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(
        &f,
        &msg("a", "X", "send me a video of your daughter's feet"),
    );
    m.block("a");
    assert!(has(
        &m.check(&f, &msg("b", "Y", "lol you blocked me, new account")),
        Category::BanEvasion
    ));
    for text in [
        "有小号吗",
        "想换个号 买小了",
        "I'm back from work, still available?",
        "that's a new accountant",
    ] {
        assert!(
            !has(&m.check(&f, &msg("c", "Z", text)), Category::BanEvasion),
            "{text}"
        );
    }
}

#[test]
fn a_trusted_sender_is_exempt() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(&f, &msg("a", "Marco", "vx: XM_2024"));
    m.block("a");
    m.trust("b");
    let v = m.check(&f, &msg("b", "Gran", "my vx is XM_2024 too, odd"));
    assert!(!has(&v, Category::BanEvasion));
}

#[test]
fn the_memory_stays_within_its_limits() {
    let config = MemoryConfig {
        max_senders: 100,
        max_blocked: 5,
        ..MemoryConfig::default()
    };
    let (f, mut m) = (filter(), Memory::new(config));
    m.check(
        &f,
        &msg("bad", "B", "send me a video of your daughter's feet"),
    );
    for i in 0..1000 {
        m.check(&f, &msg(&format!("s{i}"), "S", "is this still available?"));
    }
    assert!(m.len() <= 100, "{}", m.len());
    // The flagged sender is kept over the ordinary ones.
    m.block("bad");
    assert!(m.is_blocked("bad"));
    for i in 0..20 {
        m.block(&format!("s{i}"));
    }
    assert_eq!(m.blocked().len(), 5);
}

#[test]
fn a_snapshot_restores_the_memory_exactly() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(&f, &msg("a", "Marco", "vx: XM_2024, send pics of her feet"));
    m.block("a");
    m.trust("t");
    let snapshot = m.export();
    let back = Memory::import(&snapshot).unwrap();
    assert_eq!(back, m);
    assert_eq!(back.export(), snapshot);
    let mut back = back;
    assert!(has(
        &back.check(&f, &msg("b", "S", "vx xm2024")),
        Category::BanEvasion
    ));
}

#[test]
fn a_bad_snapshot_is_refused_with_a_reason() {
    let (f, mut m) = (filter(), Memory::new(MemoryConfig::default()));
    m.check(&f, &msg("a", "Marco", "vx: XM_2024"));
    m.block("a");
    let good = m.export();
    let cases: Vec<(String, &str)> = vec![
        (good[..good.len() / 2].to_string(), "truncated"),
        (good.replace("xm2024", "xm2025"), "checksum"),
        (good.replacen("\"version\":1", "\"version\":9", 1), "newer"),
        (
            good.replacen("veil-memory", "something-else", 1),
            "not a Veil memory",
        ),
        ("{}".to_string(), "not valid"),
        ("not json".to_string(), "not valid"),
        (String::new(), "truncated"),
    ];
    for (text, why) in cases {
        let e = Memory::import(&text).expect_err(why);
        assert!(e.message().contains(why), "{why}: {}", e.message());
    }
    // The memory that was there is untouched (import builds a new one or nothing).
    assert_eq!(m.export(), good);
}
