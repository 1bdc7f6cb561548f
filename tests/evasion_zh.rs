//! Chinese evasion suite: the disguises buyers use to slip past a word list, each with the
//! plain form it hides and an ordinary message that must not be caught by the same trick.
//! Scored as a whole (`support/suite.rs`): every failure is printed, and the suite fails past
//! its allowed share.

use veil::{Action, Category, Filter, Settings};

#[path = "support/suite.rs"]
mod suite;

use Category::*;

/// (tactic, disguised message, category it must be flagged for, or None when it must be shown)
const CASES: &[(&str, &str, Option<Category>)] = &[
    // ---- Traditional characters (folded through data/normalize/t2s.tsv) ----
    ("traditional", "你這個傻逼", Some(Harassment)),
    ("traditional", "我知道你住哪裡", Some(Threat)),
    ("traditional", "加我微信聊", Some(OffPlatform)),
    (
        "traditional",
        "拍個寶貝穿上的腳給我看看",
        Some(SexualMinors),
    ),
    ("traditional", "你女兒在哪個學校", Some(PersonalInfo)),
    ("traditional", "私下轉賬吧，不走平台", Some(SpamScam)),
    ("traditional", "妳怎麼不去死", Some(SelfHarm)),
    ("traditional", "妳這個北七", Some(Harassment)),
    ("traditional", "你個仆街", Some(Harassment)),
    ("traditional", "屌你老母", Some(Harassment)),
    ("traditional", "北七家鎮的快遞站可以自提嗎", None),
    ("traditional", "寶寶腳長14公分能穿嗎", None),
    ("traditional", "這件衣服的質量很好，謝謝", None),
    ("traditional", "請問還有貨嗎？我女兒穿110碼", None),
    ("traditional", "襪子是新的還是穿過的？", None),
    ("traditional", "模特是你女兒嗎？穿著真好看", None),
    ("traditional", "能拍一下鞋底嗎", None),
    // ---- homophones and near-homophones ----
    ("homophone", "你个煞笔", Some(Harassment)),
    ("homophone", "沙比卖家", Some(Harassment)),
    ("homophone", "尼玛死了", Some(Harassment)),
    ("homophone", "加我薇信", Some(OffPlatform)),
    ("homophone", "加个威信吧", Some(OffPlatform)),
    ("homophone", "加我V信", Some(OffPlatform)),
    ("homophone", "加我扣扣", Some(OffPlatform)),
    ("homophone", "约p吗", Some(Sexual)),
    ("homophone", "威信支付的优惠是多少？", None),
    ("homophone", "宝宝穿着很威风", None),
    ("homophone", "这个牌子很有威信", None),
    ("homophone", "扣子扣扣好就不会掉", None),
    ("homophone", "尼龙面料的吗", None),
    ("homophone", "加我蔻蔻", Some(OffPlatform)),
    // ---- slang and symbols standing for characters ----
    ("slang", "宝贝的小jio拍一下给我看", Some(SexualMinors)),
    ("slang", "有yw袜子吗", Some(SexualMinors)),
    ("slang", "+我vx", Some(OffPlatform)),
    ("slang", "➕v详聊", Some(OffPlatform)),
    ("slang", "jio得这双鞋怎么样", None),
    ("slang", "价格+运费一共多少", None),
    ("slang", "3+2件一起拍可以便宜吗", None),
    // ---- pinyin and pinyin initials ----
    ("pinyin", "sb卖家", Some(Harassment)),
    ("pinyin", "cnm", Some(Harassment)),
    ("pinyin", "nmsl", Some(Harassment)),
    ("pinyin", "你个nmb", Some(Harassment)),
    ("pinyin", "加我vx", Some(OffPlatform)),
    ("pinyin", "加wx详聊", Some(OffPlatform)),
    ("pinyin", "你是shabi吗", Some(Harassment)),
    ("pinyin", "tmd你给我等着", Some(Threat)),
    ("pinyin", "wxyz是什么意思", None),
    ("pinyin", "尺码是xl还是xxl", None),
    ("pinyin", "顺丰还是jd快递", None),
    ("pinyin", "是gap的吗", None),
    ("pinyin", "ok，明天发货", None),
    // ---- symbols inserted between characters ----
    ("symbols", "傻@#逼", Some(Harassment)),
    ("symbols", "傻 逼", Some(Harassment)),
    ("symbols", "傻♡逼", Some(Harassment)),
    ("symbols", "加*我*微*信", Some(OffPlatform)),
    ("symbols", "加¥我¥微¥信", Some(OffPlatform)),
    ("symbols", "弄.死.你", Some(Threat)),
    ("symbols", "约~炮", Some(Sexual)),
    ("symbols", "你好，在吗？", None),
    ("symbols", "价格：50元 / 两件", None),
    ("symbols", "好的~谢谢~", None),
    ("symbols", "裙子★新款★特价", None),
    ("symbols", "尺码：S/M/L", None),
    // ---- split characters (拆字) ----
    ("split", "强女干", Some(Sexual)),
    ("split", "弓虽奸", Some(Sexual)),
    ("split", "女表子", Some(Harassment)),
    ("split", "嫖女昌", Some(Sexual)),
    ("split", "女儿的衣服干净吗", None),
    ("split", "女干部穿的款式", None),
    ("split", "女孩子穿的表带", None),
    ("split", "强度够不够，会不会破", None),
    // ---- Chinese and styled numerals in phone numbers ----
    (
        "numerals",
        "打我电话一三八一二三四五六七八",
        Some(OffPlatform),
    ),
    (
        "numerals",
        "电话：幺三八 幺二三四 五六七八",
        Some(OffPlatform),
    ),
    ("numerals", "我手机①③⑧①②③④⑤⑥⑦⑧", Some(OffPlatform)),
    (
        "numerals",
        "加我微信壹叁捌壹贰叁肆伍陆柒捌",
        Some(OffPlatform),
    ),
    (
        "numerals",
        "我手机一三八，一二三四，五六七八",
        Some(OffPlatform),
    ),
    (
        "numerals",
        "微信同号一三八/一二三四/五六七八",
        Some(OffPlatform),
    ),
    ("numerals", "我女儿三岁，穿一百码", None),
    ("numerals", "一、二、三、四、五号都有货", None),
    ("numerals", "尺码表：一百一，一百二，一百三", None),
    ("symbols", "宝宝★喜欢★这款", None),
    ("symbols", "收到啦♡谢谢", None),
    ("homophone", "威信高的卖家", None),
    ("pinyin", "sbs是什么品牌", None),
    ("traditional", "妳家寶寶好可愛", None),
    ("numerals", "一共两件，一百二十五元", None),
    ("numerals", "订单号 20231101123456 麻烦查一下", None),
    ("numerals", "身高一百三，体重二十五公斤", None),
    ("numerals", "三件一起买，一共九十八", None),
    ("numerals", "二零二三年买的，穿了一季", None),
    ("numerals", "鞋内长一百五十毫米", None),
    ("symbols", "亲~今天能发吗？", None),
    ("symbols", "【全新】儿童连衣裙 120码", None),
    ("traditional", "妳好，請問包郵嗎", None),
    ("traditional", "寶寶很喜歡，謝謝妳", None),
    ("homophone", "加一件薄外套就够了", None),
    ("pinyin", "vx支付不了，用支付宝可以吗", None),
    ("numerals", "快递单号SF1234567890123", None),
];

#[test]
fn chinese_evasions() {
    let filter = Filter::new(Settings::default()).unwrap();
    let mut failures = Vec::new();
    for &(tactic, text, expected) in CASES {
        let v = filter.check_text(text);
        let ok = match expected {
            Some(cat) => v
                .categories
                .iter()
                .any(|c| c.category == cat && c.action != Action::Show),
            None => v.action == Action::Show,
        };
        if !ok {
            failures.push(format!(
                "[{tactic}] {text:?}: expected {expected:?}, got {:?} {:?}",
                v.action, v.categories
            ));
        }
    }
    suite::assert_share("Chinese evasion cases", &failures, CASES.len(), 0.04);
}

/// Profanity aimed at no one is never hidden, at any level; from `high` it is blurred.
#[test]
fn chinese_profanity_blurred_not_hidden() {
    let mut failures = Vec::new();
    let texts = ["卧槽", "tmd", "他妈的，又涨价了", "握草这么便宜"];
    for level in [
        veil::Level::Low,
        veil::Level::Medium,
        veil::Level::High,
        veil::Level::Strict,
    ] {
        let filter = Filter::new(Settings::with_level(level)).unwrap();
        for text in texts {
            let v = filter.check_text(text);
            if v.action == Action::Hide {
                failures.push(format!("{level}: {text:?} hidden: {:?}", v.categories));
            }
        }
    }
    let high = Filter::new(Settings::with_level(veil::Level::High)).unwrap();
    let shown: Vec<&str> = texts
        .into_iter()
        .filter(|t| !high.check_text(t).has(Profanity))
        .collect();
    // Learned weights may leave the mildest spelling below severity 1; not more than one.
    if shown.len() > 1 {
        failures.push(format!("high: no profanity found in {shown:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each disguise gets the same action as the plain spelling it hides, for a shared category.
#[test]
fn disguises_match_their_plain_form() {
    let filter = Filter::new(Settings::default()).unwrap();
    let pairs = [
        ("傻逼", "傻@#逼"),
        ("傻逼", "煞笔"),
        ("傻逼", "傻逼".replace('逼', "屄").leak()),
        ("加我微信", "加我vx"),
        ("加我微信", "加我薇信"),
        ("操你妈", "cnm"),
        ("强奸", "强女干"),
    ];
    let mut failures = Vec::new();
    for (plain, disguised) in pairs {
        let a = filter.check_text(plain);
        let b = filter.check_text(disguised);
        let cats = |v: &veil::Verdict| v.categories.iter().map(|c| c.category).collect::<Vec<_>>();
        let shared = cats(&b).iter().any(|c| cats(&a).contains(c));
        if a.action != b.action || !shared {
            failures.push(format!(
                "{plain:?} -> {:?} {:?} but {disguised:?} -> {:?} {:?}",
                a.action,
                cats(&a),
                b.action,
                cats(&b)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
