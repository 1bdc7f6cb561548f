//! Shows what the word lists and patterns find in a message, for reviewers tuning `data/`:
//! `cargo run --release --example hits -- "message text"` prints the folded text and each hit.
fn main() {
    let text = std::env::args().nth(1).unwrap();
    let f = veil::normalize::normalize(&text);
    let mut hits = Vec::new();
    veil::lexicon::Lexicon::get().find(&f, &mut hits);
    println!("{}", f.text);
    for h in &hits {
        println!("{:?} {:?}", h.tag, &f.text[h.start..h.end]);
    }
}
