// Demo data: the seller's listings, the buyers and a scripted stream of incoming messages.
// Everything here is made up for the demo.

export const LISTINGS = {
  dress: { img: "img/dress.svg", price: 35, en: "Yellow summer dress, 120 cm, worn twice", zh: "黄色夏季连衣裙 120码 只穿过两次" },
  sandals: { img: "img/sandals.svg", price: 28, en: "Girls' sandals, size 24 (14.5 cm)", zh: "女童凉鞋 24码（内长14.5cm）" },
  cardigan: { img: "img/cardigan.svg", price: 30, en: "Knit cardigan with daisies, 110–120 cm", zh: "小雏菊针织开衫 110–120码" },
};

export const BUYERS = [
  { id: "u_lily", en: "Lily's mum", zh: "莉莉妈妈", listing: "dress", hue: 24 },
  { id: "u_zhou", en: "Mr Zhou", zh: "周先生", listing: "sandals", hue: 200 },
  { id: "u_mark", en: "Mark T.", zh: "Mark T.", listing: "cardigan", hue: 140 },
  { id: "u_dd", en: "dd_collector", zh: "dd_collector", listing: "sandals", hue: 280 },
  { id: "u_anon", en: "anon_7731", zh: "anon_7731", listing: "dress", hue: 0 },
  { id: "u_svc", en: "Platform Service", zh: "平台客服", listing: "dress", hue: 48 },
  // A harasser who pushes a WeChat id, and later a "new buyer" on another account with the same id.
  { id: "u_xm", en: "uncle_xm", zh: "uncle_xm", listing: "dress", hue: 320 },
  { id: "u_new", en: "buyer_5082", zh: "buyer_5082", listing: "dress", hue: 90 },
];

// Messages already in the inbox when the page opens ({ago} minutes ago).
export const HISTORY = [
  { from: "u_lily", ago: 52, text: "Hi! Is the yellow dress still available?" },
  { from: "me", to: "u_lily", ago: 50, text: "Yes it is! Just washed and ironed." },
  { from: "u_zhou", ago: 41, text: "你好，凉鞋还在吗？" },
  { from: "u_dd", ago: 33, text: "Are these the sandals your daughter wore?" },
  { from: "u_mark", ago: 27, text: "Would you take ¥25 for the cardigan?" },
  { from: "me", to: "u_mark", ago: 25, text: "¥28 and it's yours." },
  { from: "u_dd", ago: 18, text: "Can she try them on and send me a photo of her feet?" },
  { from: "u_svc", ago: 12, text: "恭喜您中奖了，点击链接领取退款，请提供验证码" },
  { from: "u_xm", ago: 8, text: "你女儿穿这条裙子一定很可爱，多拍几张她穿着的照片给我，加我 vx: XM_2024" },
];

// "Simulate: a new buyer writes": after you block uncle_xm, a new account sends the same WeChat id,
// spelled so that a plain word filter misses it. Veil's sender memory recognises the blocked sender.
export const EVASION = [
  { from: "u_new", text: "薇信 x m _ 2 0 2 4" },
  { from: "u_new", text: "V❤ xm2024" },
];

// The stream that arrives while the demo runs, one message every few seconds.
export const SCRIPT = [
  { from: "u_lily", text: "Does this fit a 7-year-old? She's about 122 cm." },
  { from: "u_dd", text: "Unwashed socks she wore, how much? I'll pay extra" },
  { from: "u_zhou", text: "宝宝脚长14cm能穿吗" },
  { from: "u_dd", text: "原味袜子多少钱？要她穿过没洗的" },
  { from: "u_mark", text: "Great, I can pick it up on Saturday morning." },
  { from: "u_dd", text: "加我微信 abc123 详聊，价格好说" },
  { from: "u_anon", text: "Why are you ignoring me" },
  { from: "u_zhou", text: "可以包邮吗？" },
  { from: "u_anon", text: "you stupid bitch answer me" },
  { from: "u_anon", text: "I know where you live. Reply or your daughter pays" },
  { from: "u_lily", text: "Perfect, I'll take it. Can you post it tomorrow?" },
  { from: "u_dd", text: "send me a video of your daughter's feet" },
];
