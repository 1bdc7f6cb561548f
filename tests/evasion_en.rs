//! English evasion suite: the disguises people use to slip words past a filter. Each tactic has
//! positives (the disguised message must still be caught, with its category) and a benign check
//! (an ordinary message written the same way must stay visible). All sentences are written for
//! this suite. Failures are collected and reported together.

use veil::{Action, Category, Filter, Settings};

use Category::*;

/// (tactic, disguised message, expected category)
const POSITIVES: &[(&str, &str, Category)] = &[
    // leetspeak
    ("leet", "s3nd n00dz", Sexual),
    ("leet", "you stupid b1tch", Harassment),
    ("leet", "f4gg0t", Hate),
    ("leet", "k1ll yourself", SelfHarm),
    ("leet", "add me on wh@tsapp", OffPlatform),
    ("leet", "s3x with your daughter", SexualMinors),
    ("leet", "send me pics of her f33t", SexualMinors),
    ("leet", "what a b!tch", Harassment),
    ("leet", "i w1ll k1ll you", Threat),
    ("leet", "p0rn", Sexual),
    ("leet", "unwashed s0cks from ur girl", SexualMinors),
    // Cyrillic and Greek look-alike letters
    (
        "homoglyph",
        "\u{455}\u{435}nd \u{440}\u{456}\u{441}\u{455} \u{43e}f h\u{435}r f\u{435}\u{435}t",
        SexualMinors,
    ),
    ("homoglyph", "fuсk you", Harassment), // Cyrillic с
    ("homoglyph", "bіtch", Harassment),    // Cyrillic і
    ("homoglyph", "ѕеnd nudеs", Sexual),   // Cyrillic ѕ, е
    ("homoglyph", "аdd me on whаtsаpp", OffPlatform), // Cyrillic а
    ("homoglyph", "kіll yοurself", SelfHarm), // Cyrillic і, Greek ο
    // mathematical, circled and full-width letters
    ("styled", "𝐤𝐢𝐥𝐥 𝐲𝐨𝐮𝐫𝐬𝐞𝐥𝐟", SelfHarm),
    ("styled", "add me on ｗｈａｔｓａｐｐ", OffPlatform),
    ("styled", "ⓢⓔⓝⓓ ⓝⓤⓓⓔⓢ", Sexual),
    ("styled", "𝘺𝘰𝘶 𝘴𝘵𝘶𝘱𝘪𝘥 𝘣𝘪𝘵𝘤𝘩", Harassment),
    ("styled", "ＦＵＣＫ ＹＯＵ", Harassment),
    // zero-width and invisible characters
    ("invisible", "ki\u{200B}ll your\u{200D}self", SelfHarm),
    ("invisible", "add me on what\u{200B}sapp", OffPlatform),
    ("invisible", "b\u{2060}i\u{200C}t\u{FEFF}ch", Harassment),
    (
        "invisible",
        "send me pics of her fe\u{200B}et",
        SexualMinors,
    ),
    // letters spelled apart
    ("spaced", "f u c k you", Harassment),
    ("spaced", "add me on w h a t s a p p", OffPlatform),
    (
        "spaced",
        "send pics of your d.a.u.g.h.t.e.r's feet",
        SexualMinors,
    ),
    ("spaced", "k y s", SelfHarm),
    ("spaced", "add me on t e l e g r a m", OffPlatform),
    ("spaced", "p.i.c.s of her f.e.e.t", SexualMinors),
    ("spaced", "s-e-n-d n-u-d-e-s", Sexual),
    ("spaced", "n.i.g.g.e.r", Hate),
    // repeated letters
    ("repeated", "fuuuuck youuuu", Harassment),
    ("repeated", "biiiiitch", Harassment),
    ("repeated", "kill yourselfffff", SelfHarm),
    ("repeated", "add me on whatsaaapp", OffPlatform),
    ("repeated", "sooo sexyyy, your daughter", SexualMinors),
    // emoji used as words
    ("emoji", "send 👧🦶📸", SexualMinors),
    ("emoji", "i will 🔪 you", Threat),
    ("emoji", "🍆💦", Sexual),
    ("emoji", "wanna see your girl's feet 📸", SexualMinors),
    ("emoji", "🖕", Harassment),
    ("emoji", "your daughter 🤤💦", SexualMinors),
];

/// (tactic, ordinary message written the same way): must be shown.
const NEGATIVES: &[(&str, &str)] = &[
    ("leet", "my son is 7yo and 120cm, will it fit?"),
    ("leet", "the 3T and 4T are both available"),
    ("leet", "order id a1b2c3, thanks!"),
    ("leet", "2 for £5 or 3 @ £7, thanks"),
    ("leet", "p3 uniform, size 5-6"),
    ("homoglyph", "Привет, is the dress still available?"),
    ("homoglyph", "Ευχαριστώ, thank you!"),
    ("styled", "African print dress, 𝐬𝐢𝐳𝐞 𝟔"),
    ("styled", "ｓｉｚｅ ７ please"),
    ("styled", "ⓝⓔⓦ with tags"),
    ("invisible", "is it still\u{200B} available?"),
    ("invisible", "thank\u{200D}you so much"),
    ("spaced", "a b c letters on the t-shirt"),
    ("spaced", "size s m l available"),
    ("spaced", "the U.S.A. flag jumper"),
    ("spaced", "is it a b o y or girl design?"),
    ("repeated", "sooooo cute!!! thank youuuu"),
    ("repeated", "yesss i'll take it"),
    ("repeated", "the bootees are lovely"),
    ("repeated", "assess the condition please"),
    ("emoji", "🧦 are new, never worn"),
    ("emoji", "my daughter 👧 loves it 😍"),
    ("emoji", "nice 🦶 print on the baby grow"),
    ("emoji", "can you send a 📸 of the label?"),
    ("emoji", "🍆 and 🥕 pattern leggings"),
    ("emoji", "👶 clothes bundle, 0-3 months"),
    ("leet", "size 4t, fits 3-4y"),
    ("leet", "the 2nd pair is £3"),
    ("leet", "h&m 5-6y dress"),
    ("homoglyph", "Σας ευχαριστώ, is it still for sale?"),
    ("homoglyph", "Спасибо! will collect tomorrow"),
    ("homoglyph", "café au lait colour, size 8"),
    ("styled", "𝐍𝐄𝐖 𝐖𝐈𝐓𝐇 𝐓𝐀𝐆𝐒 ✨"),
    ("styled", "ＳＯＬＤ, thanks everyone"),
    ("styled", "Ⓢⓞⓛⓓ ⓞⓤⓣ"),
    ("invisible", "lovely\u{200B}dress, thanks"),
    ("invisible", "size\u{00AD}able bundle, 20 items"),
    ("spaced", "f u n print t-shirt"),
    ("spaced", "b l u e and white stripes"),
    ("spaced", "s h o e s size 10"),
    ("spaced", "i'm in the u.k. so postage is cheap"),
    ("repeated", "thank youuuu so much!!!"),
    ("repeated", "it's sooo soft"),
    ("repeated", "a little bit baggy, good for growing"),
    ("repeated", "noooo worries at all"),
    ("emoji", "👗 size 7-8, worn twice 🙂"),
    ("emoji", "👟👟 two pairs for £5"),
    ("emoji", "🦶 length 18cm, fits my son 👍"),
    ("emoji", "🍑 peach colour dress"),
];

fn filter() -> Filter {
    Filter::new(Settings::default()).expect("default settings are valid")
}

fn cats(v: &veil::Verdict) -> String {
    v.categories
        .iter()
        .map(|c| format!("{}:{}", c.category.name(), c.severity))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn disguised_positives_are_caught() {
    let f = filter();
    let mut failures = Vec::new();
    for &(tactic, text, cat) in POSITIVES {
        let v = f.check_text(text);
        if !v.flagged() || !v.has(cat) {
            failures.push(format!(
                "  [{tactic}] {text:?}: want {}, got {:?} [{}]",
                cat.name(),
                v.action,
                cats(&v)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} disguised positives missed:\n{}",
        failures.len(),
        POSITIVES.len(),
        failures.join("\n")
    );
}

#[test]
fn benign_messages_written_the_same_way_are_shown() {
    let f = filter();
    let mut failures = Vec::new();
    for &(tactic, text) in NEGATIVES {
        let v = f.check_text(text);
        if v.action != Action::Show {
            failures.push(format!(
                "  [{tactic}] {text:?}: {:?} [{}]",
                v.action,
                cats(&v)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} benign messages flagged:\n{}",
        failures.len(),
        NEGATIVES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_tactic_has_a_benign_check() {
    for &(tactic, _, _) in POSITIVES {
        assert!(
            NEGATIVES.iter().any(|&(t, _)| t == tactic),
            "tactic {tactic} has no benign check"
        );
    }
}
