//! English case suite: marketplace messages a parent selling children's clothes may receive.
//! Every positive names the category it should raise at the default level (medium); every hard
//! negative is ordinary shop or chat talk that should stay visible. Scored as a whole
//! (`support/suite.rs`): every failure is printed, and the suite fails past its allowed share.
//! All sentences are written for this suite.

use veil::{Action, Category, Filter, Settings};

#[path = "support/suite.rs"]
mod suite;

use Category::*;

/// (message, expected category). The message must be blurred or hidden and carry the category.
const POSITIVES: &[(&str, Category)] = &[
    // sexual_minors: media of the child's feet or body, often dressed up as sizing
    (
        "can you send me a video of your daughter's feet in the shoes",
        SexualMinors,
    ),
    ("send me pics of her feet please", SexualMinors),
    (
        "could you take a photo of her bare feet so i can check the size",
        SexualMinors,
    ),
    ("i want to see a close up of her toes", SexualMinors),
    (
        "show me a picture of your girl's legs in the tights",
        SexualMinors,
    ),
    ("post a pic of the girl in her swimsuit", SexualMinors),
    ("send a video of her trying on the leotard", SexualMinors),
    (
        "can i see a photo of your daughter in the bath",
        SexualMinors,
    ),
    ("pics of your little girl naked?", SexualMinors),
    (
        "would love to see more photos of her feet, i pay extra",
        SexualMinors,
    ),
    (
        "measure her foot and film it for me, barefoot please",
        SexualMinors,
    ),
    // worn and unwashed items
    ("do you have any unwashed socks she has worn", SexualMinors),
    ("i want her used tights unwashed", SexualMinors),
    (
        "please don't wash the leggings before you send them",
        SexualMinors,
    ),
    (
        "i'll pay extra if the socks are worn and smelly",
        SexualMinors,
    ),
    (
        "can she wear the socks for a few days before you send them",
        SexualMinors,
    ),
    (
        "make her wear them to bed then post them to me",
        SexualMinors,
    ),
    ("do the shoes still smell of her?", SexualMinors),
    ("i want her socks smelly", SexualMinors),
    (
        "the smellier the better, i'll pay extra for her socks",
        SexualMinors,
    ),
    ("i would love to sniff her socks", SexualMinors),
    // sexualising the child
    ("your daughter is so sexy in that dress", SexualMinors),
    ("she has such cute feet", SexualMinors),
    ("your girl has a nice body for her age", SexualMinors),
    ("how old is she? she looks sexy", SexualMinors),
    ("i want to have sex with your daughter", SexualMinors),
    ("is your daughter still a virgin", SexualMinors),
    ("got any child porn", SexualMinors),
    ("can i talk to your daughter alone", SexualMinors),
    // sexual
    ("i want to lick her feet", SexualMinors),
    ("show me her socks off", SexualMinors),
    ("let me see her feet", SexualMinors),
    ("Does she have ticklish feet? 😉", SexualMinors),
    (
        "Lovely dress. Can you send a video of your daughter wearing it, barefoot if possible?",
        SexualMinors,
    ),
    ("teen sex videos here", SexualMinors),
    ("i want sex", Sexual),
    ("send nudes", Sexual),
    ("want to see my dick pic?", Sexual),
    ("i'm so horny right now", Sexual),
    ("do you want to have sex tonight", Sexual),
    ("check out my onlyfans", Sexual),
    ("nice tits", Sexual),
    ("i watch porn all day", Sexual),
    ("suck my cock", Sexual),
    // threat
    ("i know where you live", Threat),
    (
        "your address is on the parcel, i know where you live now",
        Threat,
    ),
    ("your address is on the label. think about that", Threat),
    ("i'm going to hurt your daughter", Threat),
    ("i will kill you", Threat),
    ("i'll find you and your kids", Threat),
    ("i'll come to your house tonight, you'll see", Threat),
    ("watch your back", Threat),
    ("i know which school she goes to", Threat),
    ("i'll break your legs if you cancel", Threat),
    ("you'll regret this", Threat),
    ("i have your address and i will come to your house", Threat),
    // harassment
    ("you stupid bitch", Harassment),
    ("you're a fucking idiot", Harassment),
    ("fuck you", Harassment),
    ("you are so ugly", Harassment),
    ("shut the fuck up", Harassment),
    ("what a pathetic loser you are", Harassment),
    ("you dumb cow", Harassment),
    ("go to hell", Harassment),
    ("piece of shit seller", Harassment),
    ("you're a scammer and a liar", Harassment),
    // hate
    ("go back to your country, immigrants are vermin", Hate),
    ("all muslims are terrorists", Hate),
    ("i hate jews", Hate),
    ("jews are rats", Hate),
    ("faggot", Hate),
    ("typical nigger", Hate),
    ("gays are disgusting animals", Hate),
    // self_harm
    ("kill yourself", SelfHarm),
    ("kys", SelfHarm),
    ("go hang yourself", SelfHarm),
    ("i want to die", SelfHarm),
    ("i've been cutting myself again", SelfHarm),
    ("nobody would miss you", SelfHarm),
    // personal_info
    ("what's your home address", PersonalInfo),
    ("what school does your daughter go to?", PersonalInfo),
    ("when does she get home from school", PersonalInfo),
    ("is she home alone after school?", PersonalInfo),
    ("what's her snapchat?", PersonalInfo),
    ("does your daughter have tiktok?", SexualMinors),
    ("what's your phone number", PersonalInfo),
    ("give me your email", PersonalInfo),
    ("where do you live exactly", PersonalInfo),
    ("which park does your daughter play in", PersonalInfo),
    // off_platform
    ("add me on whatsapp", OffPlatform),
    ("message me on telegram, it's easier", OffPlatform),
    ("do you have snapchat?", OffPlatform),
    ("text me on my number instead", OffPlatform),
    ("let's talk on whatsapp", OffPlatform),
    ("are you on instagram? dm me", OffPlatform),
    ("contact me via email, this app is slow", OffPlatform),
    ("can we continue outside the app", OffPlatform),
    ("my number is 07700 900123 call me", OffPlatform),
    // spam_scam
    ("can i pay you by paypal friends and family", SpamScam),
    ("i'll pay by bank transfer to avoid the fees", SpamScam),
    (
        "congratulations you have won a prize, click the link to claim",
        SpamScam,
    ),
    (
        "your account will be suspended, verify your account here",
        SpamScam,
    ),
    ("send me the verification code you just got", SpamScam),
    (
        "i'll pay with a gift card, send me your card details",
        SpamScam,
    ),
    (
        "you've been selected for a £500 reward, call now to claim",
        SpamScam,
    ),
    (
        "pay me directly via venmo, cheaper than the app fees",
        SpamScam,
    ),
    (
        "go to www.parcel-refund.xyz to claim your refund urgently",
        SpamScam,
    ),
    // grooming, modelling and paying for wear
    (
        "i'm a photographer, i'd like your daughter to model for me",
        SexualMinors,
    ),
    (
        "could you send a pic of her wearing it so i can see the fit",
        SexualMinors,
    ),
    ("is she allowed on snapchat?", SexualMinors),
    (
        "i'd pay £50 for the socks if she wears them for a week",
        SexualMinors,
    ),
    ("are the tights worn? i prefer them worn", SexualMinors),
    ("how much for her worn underwear", SexualMinors),
    ("i want the knickers she has worn", SexualMinors),
    ("i like little girls feet", SexualMinors),
    ("she is so pretty, i'd love to meet her", SexualMinors),
    ("send me the dirty ones", SexualMinors),
    // more threats
    ("i'm parked outside your house", Threat),
    ("i've seen your daughter at the park", Threat),
    ("nice house, i found it on google maps", Threat),
    ("refund me or i'll find out where you live", Threat),
    ("you'll pay for this", Threat),
    (
        "if you don't refund i will post your address online",
        Threat,
    ),
    ("hope you get cancer", Threat),
    ("stupid cow", Harassment),
    // scams that pose as buyers
    (
        "i have paid, click the link to receive your payment",
        SpamScam,
    ),
    (
        "to receive the funds please verify your card at www.safe-pay.top",
        SpamScam,
    ),
    (
        "FREE ringtone! txt TONE to 81234 now, 150p/msg, 16+ only",
        SpamScam,
    ),
    (
        "You have won a £1000 prize! Call 09012345678 to claim, valid 12 hrs",
        SpamScam,
    ),
    // profanity (not aimed at anyone)
    ("fucking post office lost it again", Profanity),
    ("this weather is fucking awful", Profanity),
    ("what the fuck happened to the delivery", Profanity),
];

/// Ordinary marketplace and chat messages: every one must be shown.
const NEGATIVES: &[&str] = &[
    // sizing, fit and condition: children, feet and clothes, but nothing sought
    "Does this fit a 7-year-old?",
    "my daughter is 7, will this fit?",
    "are the socks new or worn?",
    "can you send a photo of the soles?",
    "the model in the photo, is she your daughter? looks great on her",
    "how long are the shoes inside? her feet are about 18cm",
    "my daughter's feet are wide, do these run small?",
    "could you send a picture of the label please?",
    "can you send more photos of the dress?",
    "is there a photo of the back of the coat?",
    "what size is this? my son is 5",
    "are the leggings worn much? any bobbling?",
    "have the shoes been worn a lot? how are the heels?",
    "is the swimsuit chlorine damaged?",
    "do the tights have any holes?",
    "are these school shoes? my girl starts school in september",
    "my little girl loves unicorns, is this still available?",
    "my kids are 4 and 6, would you do a bundle?",
    "does she wear it with leggings in the photo?",
    "lovely pics, the colour looks great",
    "can you take a photo of it laid flat?",
    "how old was she when it fit her?",
    "is it machine washable?",
    "has it been washed? any stains?",
    "the socks were used once, still in great condition",
    "my niece is 9 and tall for her age, would a 10-11 fit?",
    "can you send a video showing the light-up shoes working?",
    "what's the insole length in cm?",
    "perfect for our daughter's birthday, thank you",
    "sorry, stupid question: do you ship abroad?",
    "it's a gift for my granddaughter, can you wrap it?",
    "is the ballet leotard a size 6-7?",
    "she has gymnastics on mondays so the leotard would be great",
    // collection, address and payment done the ordinary way
    "can i collect? what's your address for pick up",
    "where are you based? i could pick up saturday",
    "i'll pay through the app now",
    "payment sent, thank you!",
    "can you post it? i'll pay the postage",
    "do you have a tracking number?",
    "the parcel arrived today, thanks so much",
    "what time can i pick it up tomorrow?",
    "i paid, can you send the tracking number when it ships",
    "any chance of a discount for two items?",
    "would you take £8 for both?",
    "is the price negotiable?",
    "I'll take it, thank you",
    "Thanks so much, you're a star",
    "you're so kind, thank you",
    "i'll send payment tonight",
    "no worries, take your time",
    "I won't be able to collect until friday",
    "i got a free gift with my order, thanks",
    "i hope you didn't get hurt when the parcel fell",
    "has she worn the tights much?",
    "she wore it at school a few times, still great",
    "my daughter wore them once, selling as she grew out",
    "i love the little girls' dresses in your shop",
    "she's been modelling them in the photos, great right?",
    "i'm outside your house to collect the coat",
    "please confirm the delivery fee",
    "payment is pending, i'll check the app",
    "i have paid through the app, thanks",
    "the delivery fee is £3, is that ok?",
    "call me old fashioned but i love a pinafore",
    "i'll text my husband to see if he can pick up",
    "is this the free size or the 3-4?",
    "the shoes are a bit dirty on the soles but fine",
    "she's so tall now, nothing fits her",
    "what a lovely little shop",
    "i was an idiot and ordered twice, can you cancel one?",
    "the buttons are a bit stiff",
    "my mum hates the colour but my daughter loves it",
    "the stitching is coming loose on the sleeve",
    "our toddler chews everything, are the toggles secure?",
    "thanks so much, she'll love it xxx",
    "what sex is your baby? i'd like to send a gift",
    "she sucks her thumb so the sleeves get a bit wet",
    "she has a real thing for pink lol",
    "how old is the pram?",
    "we need it for her birthday party on saturday",
    "she's been so naughty today, sorry for the slow reply",
    "is it virgin wool? she's allergic to some fibres",
    "it's so hot today, does she need a sun hat with it?",
    "she's always moaning about itchy labels",
    "she turned on the light-up trainers and loved them",
    "she's very mature for her age so likes grown-up styles",
    "she needs it for her school disco, do you post fast?",
    "her school uniform is navy, is this navy or black?",
    "she can try it on after school",
    "I saw your shop on instagram, she loved the dress",
    "is she home? i'm outside to collect",
    "which club is the kit from? she supports them",
    "Do you watch any TV shows? My kids love the one on this top",
    "it's the tv character jumper, size 4-5",
    "most women go back to work after a year",
    "the women's section has the same dress in adult sizes",
    "my girls love animals, is the zoo print still available?",
    "immigrants built this town, lovely local market",
    "her feet are perfect for these, so pretty",
    "these pretty shoes would suit her feet",
    "her feet are 18cm, perfect, i'll take them",
    "Can you send a photo of the baby changing mat?",
    "blue tits print dress for girls",
    "there's nothing on the back, see photo, fits a girl of 6",
    "could you send a photo of the changing bag's inside pockets?",
    "I'll find you a bigger size",
    "i'll find you one in blue",
    "i'll come to your house to pick it up",
    "can i come to your house to collect?",
    "Dick Whittington costume age 5-6",
    "nipped out for a fag, back in 5",
    "a chink in the armour, the zip sticks",
    "Don't kill yourself over it, no rush",
    "spic and span, freshly washed",
    "Which school is this uniform for? She starts in September",
    "what school is the logo from? she might be going there",
    "she gets sweaty feet so breathable shoes are a must",
    "are the shoes smelly?",
    "Can you send another photo of the shoes? Her feet are wide so I want to check the shape.",
    "could you send a pic of the trainers from above? her foot is 17cm",
    "send me a photo of the sandals please, she has wide feet",
    "Could you send a photo of the dress? she will wear it to a wedding",
    "can you send a photo of the coat? she'd be wearing it to school",
    "I'll pay now; she'll wear it all day at the wedding",
    "are the knickers worn? she's 5",
    "can you send a photo of the swimsuit? she's 8",
    "is there a picture of the leotard back? she does gymnastics",
    "could you send a photo of the tights packaging? she needs 7-8",
    "photo of the bikini bottoms please, she's tall",
    "can you show me the knickers multipack? she's 5",
    "let me see the baby body vest",
    "show me the kids leg warmers",
    "show me the baby's sleepsuit with feet",
    "send a pic of the baby sleepsuit with feet",
    "show me the kids' skin-safe dyes info",
    "show me the soles, her feet are wide",
    "can you send a photo of the soles? her feet are wide",
    "could you send a pic of the insole? her feet are 17cm",
    "pic of the soles? her feet are wide",
    "I have your address already from last time, same as before?",
    "whereabouts do you live? i can collect",
    "i'll let her wear them for a week at home to check the fit",
    "i'll have her wear the tights to bed, they're so soft",
    "are they well worn? she'd wear them for school",
    "she's a stinky little monkey after football, is it machine washable?",
    // ordinary words that contain or resemble listed ones
    "The assessment was fine",
    "Playing Assassin's Creed tonight",
    "we drove through Scunthorpe",
    "cocktail dress for a wedding",
    "she's in a class of 30",
    "the grass stains came out",
    "shiitake mushrooms",
    "is it unisex?",
    "this raincoat is great for puddles",
    "the hot water bottle cover is cute",
    "we live in Essex",
    "it's a cocker spaniel print",
    "my kid thinks the dog print is hilarious",
    "does it come with the matching hat",
    "the shoes hurt her heels, so we're selling them",
    "honestly the socks smell fine, they're new",
    "i'll wash it before posting",
    "this dress would kill at a party",
    "that price is killing me lol",
    "i could kill for a coffee right now",
    "the kids were dead tired after the park",
    "he knows where the shop is",
    "I know your shop from instagram, love your stuff",
    "shoot me a message when it's ready",
    "i'll shoot you an offer later",
    "i'm so stupid, i ordered the wrong size",
    "do you have the cow print one?",
    "the photos are a bit dark, could you take another in daylight?",
    "is she wearing the 3-4 in the photo?",
    "can you show me the zip?",
    "let me see if my daughter likes it and i'll get back to you",
    "the online shop had it for more",
    "please don't send it yet, i'll confirm tomorrow",
    "which school uniform is this? green?",
    "is this suitable for school?",
    // more ordinary talk near every category
    "i need your address to send the parcel back for a refund",
    "the parcel label says it was delivered",
    "i'll leave feedback once it arrives",
    "the app says payment is pending, is that normal?",
    "can you message me here when it's posted?",
    "i'll check the app tonight and reply",
    "the shop's instagram photos look lovely",
    "we saw your listing on facebook marketplace too",
    "my phone died, sorry for the late reply",
    "my email notifications are off, so i'll check here",
    "I won a raffle at school, thought you'd like to know",
    "free postage if i buy three?",
    "she wore it once to a wedding, it's like new",
    "the girls' coat has a small mark on the sleeve",
    "the kids' wellies have a bit of wear on the toes",
    "our daughter grew out of it in a month",
    "my son hates the itchy label, is it soft?",
    "i hate when parcels get lost, so please use tracked",
    "the film on the screen protector is still on",
    "we're going to the beach, does the swimsuit dry fast?",
    "my daughter does ballet, are the ballet shoes leather?",
    "my girls would look so cute in matching dresses",
    "this would be perfect for my niece's photo shoot",
    "i'm dying to know if it comes in blue lol",
    "the suspense is killing me, has it shipped?",
    "ugh, the post office is so slow",
    "damn, that's a good price",
    "the old pair hurt my son's feet, these look comfier",
    "what is the code on the label? i want to check the size",
    "thanks, i got the code for the locker pick up",
];

fn filter() -> Filter {
    Filter::new(Settings::default()).expect("default settings are valid")
}

#[test]
fn positives_are_flagged_with_their_category() {
    let f = filter();
    let mut failures = Vec::new();
    for &(text, cat) in POSITIVES {
        let v = f.check_text(text);
        if !v.flagged() || !v.has(cat) {
            let got: Vec<String> = v
                .categories
                .iter()
                .map(|c| format!("{}:{}", c.category.name(), c.severity))
                .collect();
            failures.push(format!(
                "  {text:?}: want {}, got {:?} [{}]",
                cat.name(),
                v.action,
                got.join(",")
            ));
        }
    }
    suite::assert_share("positives missed", &failures, POSITIVES.len(), 0.08);
}

#[test]
fn hard_negatives_are_shown() {
    let f = filter();
    let mut failures = Vec::new();
    for &text in NEGATIVES {
        let v = f.check_text(text);
        if v.action != Action::Show {
            let got: Vec<String> = v
                .categories
                .iter()
                .map(|c| format!("{}:{}", c.category.name(), c.severity))
                .collect();
            failures.push(format!("  {text:?}: {:?} [{}]", v.action, got.join(",")));
        }
    }
    suite::assert_share("negatives flagged", &failures, NEGATIVES.len(), 0.14);
}

#[test]
fn every_category_has_positives_and_more_negatives_than_positives() {
    for cat in Category::ALL {
        assert!(
            POSITIVES.iter().any(|&(_, c)| c == cat),
            "no positive for {}",
            cat.name()
        );
    }
    assert!(
        NEGATIVES.len() >= POSITIVES.len(),
        "fewer negatives than positives"
    );
}

#[test]
fn my_child_cancels_child_rules() {
    let f = filter();
    for text in [
        "my daughter's feet are 17cm, can you send a photo of the insole?",
        "my daughter wore similar socks, are these worn much?",
        "my son is 8 and tall for his age",
    ] {
        let v = f.check_text(text);
        assert!(!v.has(SexualMinors), "{text:?} raised sexual_minors");
    }
}

#[test]
fn severe_child_requests_are_hidden() {
    let f = filter();
    for text in [
        "send me a video of your daughter's feet",
        "i want her socks unwashed, i'll pay extra",
    ] {
        assert_eq!(f.check_text(text).action, Action::Hide, "{text:?}");
    }
}
