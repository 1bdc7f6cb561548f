//! `veil bench [DIR]`: how fast the engine is, natively. Start-up (compiling the word lists),
//! then every message of the labelled data (or a built-in mix when DIR is absent) checked one
//! at a time, five rounds, reporting throughput and per-message latency percentiles.
//! `--model F` loads the n-gram model asset first. Timing lives here, never in pass/fail tests.

use std::path::Path;
use std::time::Instant;

use veil::{Filter, Settings};

use crate::eval::load;
use crate::Args;

/// Used when no data folder is given: ordinary and harmful marketplace lines in both languages.
const BUILT_IN: &[&str] = &[
    "Does this fit a 7-year-old?",
    "宝宝脚长14cm能穿吗",
    "are the socks new or worn?",
    "can you send a photo of the soles?",
    "send me a video of your daughter's feet",
    "加我vx详聊，价格好说",
    "我知道你住哪，快递单上有你的地址",
    "Hi! Is the blue coat still available? I can pick it up on Saturday morning if that works for you.",
    "你好，请问这件外套还在吗？周六可以自提吗？我家孩子身高120，穿什么码合适呢？谢谢",
    "you stupid b1tch, answer me",
];

pub fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let mut filter = Filter::new(Settings::default()).map_err(|e| e.to_string())?;
    filter.check_text("warm up");
    let startup = started.elapsed();
    if let Some(path) = &args.model {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let t0 = Instant::now();
        filter
            .load_model(&bytes)
            .map_err(|e| format!("{path}: {e}"))?;
        println!(
            "n-gram model loaded ({} KB): {:.1} ms",
            bytes.len() / 1024,
            t0.elapsed().as_secs_f64() * 1000.0
        );
    }

    let texts: Vec<String> = match args.positional.first() {
        Some(dir) => load(Path::new(dir))?
            .into_iter()
            .flat_map(|s| s.rows.into_iter().map(|r| r.text))
            .collect(),
        None => BUILT_IN.iter().map(|s| s.to_string()).collect(),
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds = if texts.len() < 1000 { 2000 } else { 5 };
    let mut latencies: Vec<u32> = Vec::with_capacity(texts.len() * rounds);
    let mut flagged = 0usize;

    let all = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            let t0 = Instant::now();
            let v = filter.check_text(t);
            latencies.push(t0.elapsed().as_nanos().min(u32::MAX as u128) as u32);
            flagged += v.flagged() as usize;
        }
    }
    let total = all.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pctl = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize] as f64 / 1000.0;
    let n = latencies.len() as f64;
    println!(
        "start-up (word lists compiled): {:.1} ms",
        startup.as_secs_f64() * 1000.0
    );
    println!(
        "{} messages x {rounds} rounds, {:.1} KB per round, {flagged} verdicts flagged",
        texts.len(),
        bytes as f64 / 1024.0
    );
    println!(
        "throughput: {:.0} messages/s, {:.1} MB/s",
        n / total,
        bytes as f64 * rounds as f64 / total / 1e6
    );
    println!(
        "latency per message: mean {:.1} µs, p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        total * 1e6 / n,
        pctl(0.5),
        pctl(0.99),
        pctl(1.0)
    );
    // With sender memory: every message from one of 5,000 senders (ids and names cycling).
    let mut memory = veil::memory::Memory::new(veil::memory::MemoryConfig::default());
    let ids: Vec<String> = (0..5000).map(|i| format!("sender{i}")).collect();
    let t0 = Instant::now();
    for (i, t) in texts.iter().enumerate() {
        let id = &ids[i % ids.len()];
        let m = veil::Message {
            text: t,
            sender: Some(id),
            name: Some(id),
            conversation: None,
            time: None,
        };
        memory.check(&filter, &m);
        if i % 500 == 0 {
            memory.block(id);
        }
    }
    let per = t0.elapsed().as_secs_f64() * 1e6 / texts.len() as f64;
    let snapshot = memory.export();
    println!(
        "with sender memory ({} senders remembered, {} blocked): {per:.1} µs per message; snapshot {} KB",
        memory.len(),
        memory.blocked().len(),
        snapshot.len() / 1024
    );
    // Long messages: only the first MAX_ANALYSED bytes are read, so a megabyte costs what 64 KiB do.
    for (name, unit) in [
        (
            "1 MB of dense English harm",
            "send me pics of your daughter's feet ",
        ),
        ("1 MB of dense Chinese harm", "你女儿的脚真白 发几张照片 "),
        ("1 MB of one character", "a"),
    ] {
        let t = unit.repeat(1_000_000 / unit.len());
        let t0 = Instant::now();
        let v = filter.check_text(&t);
        println!(
            "{name}: {:.1} ms ({}, truncated: {})",
            t0.elapsed().as_secs_f64() * 1000.0,
            v.action,
            v.truncated
        );
    }
    Ok(())
}
