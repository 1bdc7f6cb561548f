#!/usr/bin/env python3
"""Recall against size for the n-gram model asset: trains it keeping N buckets for several N,
and prints a Markdown table of its gzipped size and whole messages flagged at medium (with the
model, on the sources it trained on and on the sources it never saw) and benign false flags.
Usage: python3 scripts/model_sizes.py DATA_DIR   (`make model-sizes`; about two minutes)"""
import gzip, json, os, subprocess, sys, tempfile

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
veil = os.path.join(os.path.dirname(__file__), "..", "target", "release", "veil")
SEEN = ["cold", "marketplace_en", "marketplace_zh", "sms_spam_uci", "openai_moderation"]
UNSEEN = ["conda", "olid", "ethos", "zh_sms_spam"]

def evaluate(model):
    args = [veil, "eval", data, "--json"] + (["--model", model] if model else [])
    out = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    level = out["levels"][0]
    msgs = {m["source"]: m for m in level["messages"]}
    def recall(names):
        pos = sum(msgs[n]["positives"] for n in names if n in msgs)
        hit = sum(msgs[n]["positives_flagged"] for n in names if n in msgs)
        return 100.0 * hit / max(pos, 1)
    worst = max(100.0 * b["flagged"] / max(b["rows"], 1) for b in level["benign"])
    return recall(SEEN), recall(UNSEEN), worst

rows = [("lexicon only", 0) + evaluate(None)]
with tempfile.TemporaryDirectory() as tmp:
    for keep in [5000, 10000, 20000, 40000, 70000]:
        path = os.path.join(tmp, f"m{keep}.bin")
        subprocess.run([veil, "train-ngram", data, "--keep", str(keep), "--out", path],
                       capture_output=True, check=True)
        size = len(gzip.compress(open(path, "rb").read(), 9))
        rows.append((f"{keep} buckets", size) + evaluate(path))
print("| model | gzipped | flagged, seen sources | flagged, unseen sources | worst benign source |")
print("|---|---:|---:|---:|---:|")
for name, size, seen, unseen, worst in rows:
    kb = f"{size / 1024:.0f} KB" if size else "0"
    print(f"| {name} | {kb} | {seen:.1f}% | {unseen:.1f}% | {worst:.2f}% |")
