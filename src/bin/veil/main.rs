//! `veil`: the command-line face of the engine. Every command shares the library's logic.
//!
//!     veil check "some text" [--level L]      print a readable verdict
//!     veil classify [--level L]               JSONL in, JSONL out (a stable interface)
//!     veil replay [--level L] [--state FILE]  a log of messages and blocks through sender memory
//!     veil eval DIR [--level L|all] [--json|--markdown] [--errors N] [--model F]
//!                                             recall, precision and false flags on labelled data
//!     veil perturb DIR [--seed N] [--level L] robustness of recall to evasion tactics
//!     veil bench [DIR]                        speed: start-up, throughput, latency
//!     veil train DIR [--check]                learn data/model/ from labelled data

mod bench;
mod classify;
mod eval;
mod perturb;
mod replay;
mod train;
mod train_ngram;

use std::path::Path;
use std::process::ExitCode;

use veil::{Filter, Level, Settings};

const USAGE: &str = "\
usage:
  veil check TEXT [--level L] [--model F] [--explain]
                                       show the verdict for one message (--explain: the
                                       features and learned weights behind it)
  veil classify [--level L] [--model F]
                                       read JSONL ({\"text\", \"id\"?}) on stdin, write verdicts
  veil replay [--level L] [--model F] [--state FILE]
                                       a JSONL log of message, block and trust events through
                                       sender memory; one verdict line per message
  veil eval DIR [--level L|all] [--json|--markdown] [--errors N] [--model F]
                                       score labelled data laid out like ../shared/data
  veil perturb DIR [--seed N] [--level L]
                                       recall on disguised copies of the positives
  veil bench [DIR]                     speed: start-up, throughput, latency percentiles
  veil train DIR [--check|--cv]        learn the scorer (data/model/) from labelled data;
                                       --check: fail if the shipped files differ;
                                       --cv: cross-validate on the marketplace sets
  veil train-ngram DIR [--check] [--keep N] [--out F]
                                       learn the n-gram model asset (data/model/ngram.bin)
--model F: also use the n-gram model asset F (data/model/ngram.bin), lexicon-only without it
levels: off, low, medium (default), high, strict";

/// Parsed `--flag value` options and positional arguments.
pub struct Args {
    pub positional: Vec<String>,
    pub level: Option<String>,
    pub seed: u64,
    pub json: bool,
    /// `--markdown`: the README's tables.
    pub markdown: bool,
    /// `--errors N`: print up to N misses and false flags for reading.
    pub errors: Option<usize>,
    /// `--check`: compare instead of writing (train).
    pub check: bool,
    /// `--cv`: cross-validate on the hand-labelled sets instead of writing (train).
    pub cv: bool,
    /// `--explain`: list the features and weights behind a verdict (check).
    pub explain: bool,
    /// `--model PATH`: load the n-gram model asset (check, classify, eval).
    pub model: Option<String>,
    /// `--keep N`: buckets the n-gram model keeps (train-ngram).
    pub keep: Option<usize>,
    /// `--out PATH`: where train-ngram writes the asset.
    pub out: Option<String>,
    /// `--state FILE`: sender memory's snapshot (replay).
    pub state: Option<String>,
}

impl Args {
    /// The data folder a command reads (its first positional argument), or why it is needed.
    pub fn data_dir(&self, command: &str) -> Result<&Path, String> {
        self.positional
            .first()
            .map(Path::new)
            .ok_or_else(|| format!("{command} needs a data folder, for example ../shared/data"))
    }
}

fn parse_args(raw: Vec<String>) -> Result<Args, String> {
    let mut args = Args {
        positional: Vec::new(),
        level: None,
        seed: 7,
        json: false,
        markdown: false,
        errors: None,
        check: false,
        cv: false,
        explain: false,
        model: None,
        keep: None,
        out: None,
        state: None,
    };
    let mut it = raw.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--level" | "-l" => {
                args.level = Some(it.next().ok_or("--level needs a value")?);
            }
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                args.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--json" => args.json = true,
            "--markdown" => args.markdown = true,
            "--check" => args.check = true,
            "--cv" => args.cv = true,
            "--explain" => args.explain = true,
            "--model" => args.model = Some(it.next().ok_or("--model needs a file")?),
            "--out" => args.out = Some(it.next().ok_or("--out needs a file")?),
            "--state" => args.state = Some(it.next().ok_or("--state needs a file")?),
            "--keep" => {
                let v = it.next().ok_or("--keep needs a number")?;
                args.keep = Some(
                    v.parse()
                        .map_err(|_| format!("--keep: not a number: {v}"))?,
                );
            }
            "--errors" => {
                let v = it.next().ok_or("--errors needs a number")?;
                args.errors = Some(
                    v.parse()
                        .map_err(|_| format!("--errors: not a number: {v}"))?,
                );
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => args.positional.push(a),
        }
    }
    Ok(args)
}

/// The filter for the `--level` (medium when absent) and `--model` options.
pub fn filter_for(args: &Args) -> Result<Filter, String> {
    let level = match args.level.as_deref() {
        Some(l) => Level::parse(l).map_err(|e| e.to_string())?,
        None => Level::Medium,
    };
    let mut filter = Filter::new(Settings::with_level(level)).map_err(|e| e.to_string())?;
    if let Some(path) = &args.model {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        filter
            .load_model(&bytes)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(filter)
}

fn run() -> Result<(), String> {
    let mut raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.is_empty() {
        return Err(String::new());
    }
    let command = raw.remove(0);
    let args = parse_args(raw)?;
    match command.as_str() {
        "check" => {
            let text = args.positional.join(" ");
            if text.is_empty() {
                return Err("check needs the text of a message".into());
            }
            let filter = filter_for(&args)?;
            print!("{}", classify::render(&text, &filter.check_text(&text)));
            if args.explain {
                print!(
                    "{}",
                    classify::features(&text, filter.model().map(|m| &**m))
                );
            }
            Ok(())
        }
        "classify" => classify::run(&filter_for(&args)?),
        "replay" => replay::run(&filter_for(&args)?, args.state.as_deref()),
        "eval" => eval::run(&args),
        "perturb" => perturb::run(&args),
        "bench" => bench::run(&args),
        "train" => train::run(&args),
        "train-ngram" => train_ngram::run(&args),
        "help" | "-h" | "--help" => Err(String::new()),
        other => Err(format!("unknown command \"{other}\"")),
    }
}

/// Lets `veil eval ... | head` end quietly, as command-line tools do, instead of panicking on
/// a closed pipe: restore the default SIGPIPE action that Rust programs start without.
#[cfg(unix)]
fn default_sigpipe() {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    // SAFETY: setting a signal's disposition to the default is async-signal-safe and has no
    // preconditions; it happens before any other thread exists.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

#[cfg(not(unix))]
fn default_sigpipe() {}

fn main() -> ExitCode {
    default_sigpipe();
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("veil: {msg}");
            }
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
