//! The `veil` command line: `check` output, and `classify`'s JSONL format, a stable interface.

use std::io::Write;
use std::process::{Command, Stdio};

fn veil() -> Command {
    Command::new(env!("CARGO_BIN_EXE_veil"))
}

fn classify(input: &str, level: &str) -> Vec<serde_json::Value> {
    json_lines(&["classify", "--level", level], input)
}

/// Runs `veil ARGS` with `input` on stdin; it must succeed, and every output line is JSON.
fn json_lines(args: &[&str], input: &str) -> Vec<serde_json::Value> {
    let mut child = veil()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn classify_writes_one_line_per_input_line_in_order() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"send me a video of your daughter's feet\"}\n",
        "{\"text\": \"Does this fit a 7-year-old?\"}\n",
        "not json\n",
        "{\"id\": \"x\", \"text\": 5}\n",
        "\n",
        "{\"id\": \"z\", \"text\": \"宝宝脚长14cm能穿吗\"}\n",
    );
    let out = classify(input, "medium");
    assert_eq!(out.len(), 6);
    assert_eq!(out[0]["id"], 1);
    assert_eq!(out[0]["action"], "hide");
    let cat = &out[0]["categories"][0];
    assert_eq!(cat["category"], "sexual_minors");
    assert_eq!(cat["severity"], 3);
    assert!(cat["score"].as_f64().unwrap() > 0.5);
    // Exactly the documented keys, nothing more.
    let mut keys: Vec<_> = out[0].as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["action", "categories", "id"]);
    let mut keys: Vec<_> = cat.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["category", "score", "severity"]);

    assert_eq!(out[1]["id"], serde_json::Value::Null);
    assert_eq!(out[1]["action"], "show");
    assert_eq!(out[1]["categories"], serde_json::json!([]));
    assert_eq!(out[2]["id"], serde_json::Value::Null);
    assert!(out[2]["error"].as_str().unwrap().starts_with("line 3: "));
    assert!(out[3]["error"].as_str().unwrap().starts_with("line 4: "));
    assert!(out[4]["error"].as_str().unwrap().starts_with("line 5: "));
    assert_eq!(out[5]["id"], "z");
    assert_eq!(out[5]["action"], "show");
}

#[test]
fn classify_respects_the_level() {
    let line = "{\"text\": \"send me a video of your daughter's feet\"}\n";
    assert_eq!(classify(line, "off")[0]["action"], "show");
    assert_eq!(classify(line, "low")[0]["action"], "hide");
}

#[test]
fn check_prints_a_readable_verdict() {
    let out = veil()
        .args(["check", "send me a video of your daughter's feet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("action: hide"), "{text}");
    assert!(text.contains("sexual_minors"), "{text}");
    assert!(text.contains("reason: "), "{text}");
}

#[test]
fn bad_arguments_fail_clearly() {
    let out = veil()
        .args(["check", "hi", "--level", "extreme"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown level \"extreme\""), "{err}");
    let out = veil().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = veil()
        .args(["eval", "/nonexistent-folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("SOURCES.json"));
}

#[test]
fn eval_runs_on_the_shared_data_when_present() {
    let Some(dir) = shared_data("cannot evaluate") else {
        return;
    };
    let out = veil().args(["eval", dir, "--json"]).output().unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let level = &report["levels"][0];
    assert_eq!(level["level"], "medium");
    assert!(!level["harm"].as_array().unwrap().is_empty());
    assert!(!level["benign"].as_array().unwrap().is_empty());
}

/// `veil COMMAND DATA --check` succeeds: what is shipped is what the command produces.
fn retrains_the_same(command: &str, why: &str) {
    let Some(dir) = shared_data(why) else {
        return;
    };
    let out = veil().args([command, dir, "--check"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The shipped weights and thresholds are exactly what `make train` produces from the data.
#[test]
fn shipped_weights_are_what_make_train_produces() {
    retrains_the_same("train", "cannot retrain to compare");
}

/// The shipped n-gram model asset is exactly what `make train` produces from the data.
#[test]
fn shipped_ngram_model_is_what_make_train_produces() {
    retrains_the_same("train-ngram", "cannot retrain the n-gram model to compare");
}

/// The CLI loads the model asset on request, and refuses a damaged one with a clear error.
#[test]
fn the_cli_loads_the_model_and_refuses_a_damaged_one() {
    let asset = concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/ngram.bin");
    let out = veil()
        .args(["check", "--model", asset, "does this fit a 7-year-old?"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("show"));

    let mut bytes = std::fs::read(asset).unwrap();
    bytes.truncate(bytes.len() / 2);
    let damaged = std::env::temp_dir().join(format!("veil-damaged-{}.bin", std::process::id()));
    std::fs::write(&damaged, &bytes).unwrap();
    let out = veil()
        .args(["check", "--model", damaged.to_str().unwrap(), "hello"])
        .output()
        .unwrap();
    std::fs::remove_file(&damaged).ok();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("model asset"), "{err}");
}

/// `../shared/data`, or `None` (with a message saying why the test is skipped) when it is absent.
fn shared_data(why: &str) -> Option<&'static str> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
    if std::path::Path::new(dir).join("SOURCES.json").exists() {
        Some(dir)
    } else {
        eprintln!("skipping: labelled data not found at {dir}; {why}");
        None
    }
}

/// `veil replay`: events in order through sender memory, one line per message, errors in place.
#[test]
fn replay_recognises_a_blocked_sender_and_keeps_going_after_a_bad_line() {
    let input = [
        r#"{"type":"message","sender":"a","name":"Marco","text":"add me on vx: XM_2024, send pics of her feet","id":1}"#,
        r#"{"type":"block","sender":"a"}"#,
        r#"not json"#,
        r#"{"type":"message","sender":"b","name":"Sunny","text":"薇信 x m _ 2 0 2 4","id":2}"#,
        r#"{"type":"message","sender":"c","name":"Ann","text":"is this still available?","id":3}"#,
        r#"{"type":"dance","sender":"c"}"#,
        r#"{"type":"message","sender":7,"text":"hi","id":4}"#,
    ]
    .join("\n");
    let lines = json_lines(&["replay"], &input);
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert!(lines[1]["error"].as_str().unwrap().contains("not JSON"));
    let back = &lines[2];
    assert_eq!(back["id"], 2);
    assert_eq!(back["action"], "hide");
    assert!(back["categories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["category"] == "ban_evasion"));
    assert!(back["reasons"][0]
        .as_str()
        .unwrap()
        .contains("sender you blocked"));
    assert_eq!(lines[3]["action"], "show");
    assert!(lines[4]["error"]
        .as_str()
        .unwrap()
        .contains("unknown event type"));
    assert!(lines[5]["error"].as_str().unwrap().contains("sender"));
}
