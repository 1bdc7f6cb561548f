//! Chinese case suite: what a parent selling children's clothes sees at the default level.
//! A positive should be flagged (blurred or hidden) for its category; a negative — the
//! ordinary talk of a kids'-clothes shop — should be shown. Scored as a whole (`support/suite.rs`):
//! every failure is printed, and the suite fails when more than its allowed share fail.

use veil::{Action, Category, Filter, Settings};

#[path = "support/suite.rs"]
mod suite;

use Category::*;

/// (message, category it must be flagged for, or None when it must be shown)
const CASES: &[(&str, Option<Category>)] = &[
    // ---- sexual_minors ----
    ("拍个宝贝穿上的脚给我看看", Some(SexualMinors)),
    ("能发几张你女儿光脚的照片吗", Some(SexualMinors)),
    ("你家宝宝的小脚丫拍个视频给我", Some(SexualMinors)),
    ("让我看看你女儿的腿", Some(SexualMinors)),
    ("发一张宝宝洗澡的照片", Some(SexualMinors)),
    ("有没有原味的袜子，没洗过的那种", Some(SexualMinors)),
    ("我要你女儿穿过没洗的袜子", Some(SexualMinors)),
    ("收原味童袜，价格好说", Some(SexualMinors)),
    ("你女儿发育得真好", Some(SexualMinors)),
    ("加你女儿微信，我想跟她聊聊", Some(SexualMinors)),
    ("让你女儿接电话", Some(SexualMinors)),
    ("这是我们的秘密，别告诉你妈妈", Some(SexualMinors)),
    ("让她多穿几天再寄给我，我加钱", Some(SexualMinors)),
    // ---- sexual ----
    ("约炮吗美女", Some(Sexual)),
    ("想睡你", Some(Sexual)),
    ("有没有裸照", Some(Sexual)),
    ("晚上一起开房", Some(Sexual)),
    // ---- threat ----
    ("我知道你住哪", Some(Threat)),
    ("你地址在快递单上，我会去找你", Some(Threat)),
    ("信不信我弄死你", Some(Threat)),
    ("不退款我就杀你全家", Some(Threat)),
    ("我要绑架你女儿", Some(Threat)),
    ("你给我等着", Some(Threat)),
    ("出门小心点", Some(Threat)),
    // ---- harassment ----
    ("你个傻逼", Some(Harassment)),
    ("卖家是智障吧", Some(Harassment)),
    ("滚蛋吧你", Some(Harassment)),
    ("你真恶心", Some(Harassment)),
    ("你就是个垃圾", Some(Harassment)),
    ("操你妈的骗子", Some(Harassment)),
    ("臭不要脸的贱人", Some(Harassment)),
    ("你有病吧", Some(Harassment)),
    // ---- hate ----
    ("黑鬼滚出中国", Some(Hate)),
    ("河南人素质低", Some(Hate)),
    ("娘炮", Some(Hate)),
    ("女拳都该死", Some(Hate)),
    ("东北人都是骗子", Some(Hate)),
    ("死基佬", Some(Hate)),
    // ---- self_harm ----
    ("你怎么不去死", Some(SelfHarm)),
    ("去死吧", Some(SelfHarm)),
    ("我想自杀，割腕", Some(SelfHarm)),
    // ---- personal_info ----
    ("你家住哪", Some(PersonalInfo)),
    ("你女儿在哪个学校上学", Some(PersonalInfo)),
    ("她几点放学", Some(PersonalInfo)),
    ("你家宝宝一个人在家吗", Some(PersonalInfo)),
    ("把你的身份证照片发我", Some(PersonalInfo)),
    // ---- off_platform ----
    ("加我微信聊", Some(OffPlatform)),
    ("加个qq吧", Some(OffPlatform)),
    ("微信上细聊", Some(OffPlatform)),
    ("有事qq找我", Some(OffPlatform)),
    ("留个联系方式吧", Some(OffPlatform)),
    ("这里不方便说，加我好友私聊", Some(OffPlatform)),
    // ---- spam_scam ----
    ("我们私下转账吧，不走平台", Some(SpamScam)),
    ("点击链接领取退款", Some(SpamScam)),
    ("我是平台客服，把验证码发给我", Some(SpamScam)),
    ("恭喜您中奖了，请点击领取", Some(SpamScam)),
    ("兼职刷单，日赚三百", Some(SpamScam)),
    ("无抵押低息贷款，当天放款", Some(SpamScam)),
    ("代开各类发票", Some(SpamScam)),
    ("新店开业全场八折，欢迎进店选购，详询热线", Some(SpamScam)),
    ("回复TD退订", Some(SpamScam)),
    (
        "工商银行卡号：6222 0000 1111 2222，户名张三，直接打这卡",
        Some(SpamScam),
    ),
    // ---- more of what buyers send, seen in review ----
    ("你女儿穿这个袜子的照片发我", Some(SexualMinors)),
    ("小姑娘腿真白", Some(SexualMinors)),
    ("你的地址我已经查到了", Some(Threat)),
    ("不给我退款，我就天天去你家门口等你", Some(Threat)),
    ("你女儿放学路上小心点", Some(Threat)),
    ("直接微信转我就行，不用走平台", Some(SpamScam)),
    (
        "您好，请提供一下收到的验证码，我帮您操作退款",
        Some(SpamScam),
    ),
    ("滚开", Some(Harassment)),
    ("让她和我视频聊天", Some(SexualMinors)),
    ("本店新到童装，电话13812345678", Some(SpamScam)),
    ("即日起到店即送精美礼品，数量有限，先到先得", Some(SpamScam)),
    // sizing as a cover for photos of the child's body
    (
        "麻烦让小朋友穿上拍一下脚，我看看合不合适",
        Some(SexualMinors),
    ),
    (
        "能让宝贝光脚踩在鞋垫上拍个照吗？我好比对尺寸",
        Some(SexualMinors),
    ),
    ("想看看孩子穿上袜子的样子，拍个小视频", Some(SexualMinors)),
    ("你女儿的鞋子穿了多久了？我就喜欢穿旧的", Some(SexualMinors)),
    ("我收小女孩穿过的袜子，高价", Some(SexualMinors)),
    ("我就在你们学校门口", Some(Threat)),
    ("我知道你的地址", Some(Threat)),
    ("你女儿的微信多少", Some(SexualMinors)),
    (
        "您好，我是淘宝客服，您的订单异常，需要为您办理退款，请点击链接",
        Some(SpamScam),
    ),
    (
        "您的快递丢失了，我们给您三倍理赔，请加客服微信",
        Some(OffPlatform),
    ),
    ("你好，你开通了会员自动扣费，需要帮你取消", Some(SpamScam)),
    ("你女儿还是处女吗", Some(SexualMinors)),
    ("你女儿有男朋友吗", Some(SexualMinors)),
    ("想看你女儿穿泳衣的样子", Some(SexualMinors)),
    ("宝宝的小内裤有穿过的吗", Some(SexualMinors)),
    ("把你女儿电话给我", Some(SexualMinors)),
    ("你女儿晚上几点睡觉", Some(PersonalInfo)),
    ("你们小区是哪个", Some(PersonalInfo)),
    ("我在你家楼下", Some(Threat)),
    ("我要让你全家都不得好死", Some(Harassment)),
    ("你这种人就该去跳楼", Some(SelfHarm)),
    // ---- profanity (blurred, aimed at no one) ----
    ("卧槽，这么便宜", None),
    // ---- ordinary shop talk: must be shown ----
    ("宝宝脚长14cm能穿吗", None),
    ("袜子是新的还是穿过的？", None),
    ("我女儿7岁能穿吗", None),
    ("能拍一下鞋底吗", None),
    ("模特是你女儿吗？穿着真好看", None),
    ("这个宝贝还在吗", None),
    ("能便宜点吗，砍价砍到80可以吗", None),
    ("什么时候发货？", None),
    ("已经拍下了，麻烦尽快发顺丰", None),
    ("衣服有没有起球？洗过几次？", None),
    ("裤腿长多少，腿长大概多少能穿", None),
    ("胸围多少？我家宝宝胸围56", None),
    ("我家宝宝脚长15cm，穿哪个码", None),
    ("能拍一下吊牌和洗标吗", None),
    ("可以发一张实物图吗", None),
    ("宝宝几岁穿的？", None),
    ("孩子130身高穿多大", None),
    ("我女儿上一年级，穿这个会不会小", None),
    ("性价比很高，谢谢亲", None),
    ("奶粉罐可以一起打包吗", None),
    ("成人款有吗", None),
    ("包邮吗？能不能再便宜5块", None),
    ("收到了，质量很好，宝宝很喜欢", None),
    ("这个颜色是裸粉吗", None),
    ("鞋子有点硬吗，宝宝穿着磨脚不", None),
    ("我想给我侄女买，她8岁", None),
    ("我儿子脚有点宽，这双合适吗", None),
    ("袜子是纯棉的吗？", None),
    ("内衣是全新的吗，有没有拆过包装", None),
    ("泳衣是什么尺码的", None),
    ("可以同城面交吗？", None),
    ("地址发你了，记得填快递单", None),
    ("你发货地址是哪里？", None),
    ("支持七天无理由退货吗", None),
    ("这个可以用优惠券吗", None),
    ("麻烦帮我看看这个尺码表", None),
    ("我再看看别的", None),
    ("宝宝发烧了，晚点再聊", None),
    ("垃圾袋也可以一起寄吗", None),
    ("图片上的颜色和实物一样吗", None),
    ("原味酸奶是给宝宝吃的吗", None),
    ("宝宝皮肤敏感，这个面料会不会过敏", None),
    ("你家衣服质量真好", None),
    ("你家的店铺在哪个城市？", None),
    ("这条裙子适合几岁的小女孩", None),
    ("小朋友穿着会不会太长", None),
    ("我是她外婆，帮她买的", None),
    ("宝宝发育有点快，要买大一码", None),
    ("这个活动什么时候结束？", None),
    ("你们平台有运费险吗", None),
    ("可以微信支付吗", None),
    ("我们学校要求穿白袜子", None),
    ("谢谢，辛苦了，祝您生活愉快", None),
    ("草莓图案的那件还有吗", None),
    ("我操作一下，马上付款", None),
    ("送给妈妈的礼物", None),
    ("她穿110的，你这个是多大码", None),
    ("能发个视频看看面料吗", None),
    ("我看看你家别的衣服", None),
    ("你好，请问还有货吗？", None),
    ("太好看了，我女儿一定喜欢", None),
    ("等我下班再付款", None),
    ("鞋垫长度多少", None),
    ("穿过几次，没有破损", None),
    ("旧的也没关系，干净就行", None),
    ("她在幼儿园穿的校服", None),
    ("宝宝皮肤真白，穿粉色好看", None),
    ("能发一张鞋子的实物图吗", None),
    ("我家宝宝脚很白，穿白色好看", None),
    ("下雨了，收货的时候小心点", None),
    ("你家宝宝真可爱", None),
    ("她穿着很合身，谢谢", None),
    ("地址我发你了，麻烦核对一下", None),
    ("你是宝妈吧？我也是，一起加油", None),
    // hard negatives, category by category
    ("笑死我了，这个图案太可爱了", None),
    ("今天热死了，宝宝穿短袖就行", None),
    ("累死了，明天再发货", None),
    ("这个衣服死贵死贵的", None),
    ("我是河南人，发河南快吗", None),
    ("外国人设计的牌子吗？", None),
    ("男生女生都能穿吗", None),
    ("女孩子穿粉色的好看", None),
    ("我知道了，谢谢", None),
    ("我知道你家的衣服质量好", None),
    ("小心点拆，别划破衣服", None),
    ("我要去接孩子放学了，晚点回复", None),
    ("我家孩子几点放学都不固定", None),
    ("平台上聊就行，不用加微信", None),
    ("这个价格已经很优惠了", None),
    ("请问可以开发票吗", None),
    ("可以用花呗吗", None),
    ("孩子长得快，穿了一季就小了", None),
    ("能看看宝宝穿上的效果图吗", None),
    ("你女儿穿着真好看，是几码的？", None),
    ("这是我女儿的旧鞋，洗干净了", None),
    ("这件睡衣宝宝洗澡后穿着很舒服", None),
    ("能量一下宝宝的脚长吗", None),
    ("杀虫剂味道重不重", None),
    ("内裤是新的还是穿过的", None),
    ("这个款式叫什么名字", None),
    ("你女儿打电话问过我了", None),
    ("处女座的宝宝穿什么颜色好", None),
    ("宝宝晚上睡觉穿这个会热吗", None),
    ("我们小区快递柜满了，放门卫可以吗", None),
    ("泳衣有儿童款吗", None),
    ("她说想要粉色的", None),
    ("孩子爸爸说尺码偏小", None),
    ("我女儿的男同学也想买一件", None),
    // buyers' talk that shares words with advertising
    ("专柜买的吗？原价多少？", None),
    ("什么品牌的？包邮吗", None),
    ("一口价50包邮可以吗", None),
    ("半价出吗？有现货吗", None),
    ("原价多少钱买的？专卖店买的吗", None),
    ("活动价多少？有优惠吗", None),
    ("可以送个小礼品吗", None),
    ("店铺有满减活动吗", None),
    ("我是老顾客了，能优惠点吗", None),
    ("尊敬的卖家你好，这个还在吗", None),
    ("活动期间有赠品吗", None),
    ("限时优惠还有吗", None),
    ("送的小礼品是什么", None),
    ("打折活动什么时候结束", None),
    ("这个是特价活动的价格？", None),
    ("全场八折是真的不", None),
    ("满减活动能叠加优惠券不", None),
    ("店铺活动八折，我刚拍下", None),
    ("特价优惠，我要两件", None),
    ("之前活动价买的，现在便宜出", None),
    ("我是老客户了，给个优惠吧", None),
    ("即日起我不在家，下周再发可以吗", None),
    ("谢谢亲，祝您生活愉快，给你好评", None),
    ("数量有限的话我先拍了", None),
    ("我们幼儿园要求统一买，可以团购吗", None),
    ("快递显示签收了但我没收到，可以帮我问问吗", None),
    ("平台客服说让我们自己协商", None),
    ("去死皮的效果好", None),
    ("我知道了，你住哪个区？我看看运费", None),
    ("宝宝脚胖，能拍下鞋内长吗", None),
    ("她的脚比较胖，能拍个鞋内长的照片吗", None),
    ("宝宝脚比较宽，能发个鞋底的照片吗", None),
    ("孩子的脚有点肉，拍张鞋子内部的图吧", None),
    ("宝宝光脚穿会不会磨脚", None),
    ("宝宝脚14cm，能拍一下鞋底吗", None),
    ("已拍下，宝宝脚15cm麻烦发货", None),
    ("宝宝的腿比较长，能拍一下裤长吗", None),
    ("我家宝宝腿短，拍一下裤子平铺的照片", None),
    ("袜子能拍个实物图吗？宝宝穿几码", None),
    ("你家孩子穿着很漂亮，我们见面交易吧", None),
    ("我收到穿过的袜子了，有点脏", None),
    ("回收穿过的童装吗", None),
    ("我姐姐说她想见面交易", None),
    ("她单独买一件可以吗", None),
    ("她出来玩的时候穿", None),
    ("你赶紧死心吧，这件已经卖了", None),
    ("跳楼价出，手慢无", None),
    ("A片区的快递柜放不下", None),
    ("我的微信支付不了，用支付宝吧", None),
    ("这是杂种狗的衣服吗", None),
    ("这双鞋孩子穿了两次，几乎全新", None),
];

#[test]
fn chinese_cases() {
    let filter = Filter::new(Settings::default()).unwrap();
    let mut failures = Vec::new();
    for &(text, expected) in CASES {
        let v = filter.check_text(text);
        match expected {
            Some(cat) => {
                let hit = v
                    .categories
                    .iter()
                    .any(|c| c.category == cat && c.action != Action::Show);
                if !hit || !v.flagged() {
                    failures.push(format!("MISSED {cat:?}: {text:?} -> {:?}", v.categories));
                }
            }
            None => {
                if v.action != Action::Show {
                    failures.push(format!("FALSE FLAG: {text:?} -> {:?}", v.categories));
                }
            }
        }
    }
    let positives = CASES.iter().filter(|c| c.1.is_some()).count();
    assert!(
        CASES.len() - positives >= positives,
        "need at least as many negatives as positives"
    );
    suite::assert_share("Chinese cases", &failures, CASES.len(), 0.09);
}

#[test]
fn profanity_is_blurred_not_hidden() {
    // Even at `strict`, where severity 2 hides, profanity aimed at no one is only blurred.
    let strict = Filter::new(Settings::with_level(veil::Level::Strict)).unwrap();
    let v = strict.check_text("他妈的，又涨价了");
    assert!(v.has(Category::Profanity), "{:?}", v.categories);
    assert_eq!(v.action, Action::Blur, "{:?}", v.categories);
}
