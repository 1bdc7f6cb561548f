#!/usr/bin/env python3
"""Regenerates the measured figures in README.md between <!-- BEGIN:X --> and <!-- END:X -->
markers, from the commands the README names. Run `make readme-figures` after `make pkg`.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
VEIL = os.path.join(ROOT, "target", "release", "veil")


def run(*args):
    return subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def pct(x):
    return "-" if x is None else f"{x * 100:.1f}%"


TARGETS = [  # (category, lang, minimum recall) from the detection issue
    ("sexual", "en", 0.95), ("harassment", "en", 0.70), ("hate", "en", 0.65),
    ("threat", "en", 0.70), ("spam_scam", "en", 0.70), ("sexual_minors", "en", 0.85),
    ("spam_scam", "zh", 0.80), ("hate", "zh", 0.55), ("harassment", "zh", 0.55),
]


def figures():
    out = {}
    medium = json.loads(run(VEIL, "eval", DATA, "--json"))["levels"][0]
    rows = ["| category | lang | positives | recall | precision |", "|---|---|---:|---:|---:|"]
    harm = {(h["category"], h["lang"]): h for h in medium["harm"]}
    for h in medium["harm"]:
        pos = h["tp"] + h["fn"]
        if pos:
            rows.append(f"| {h['category']} | {h['lang']} | {pos} | {pct(h['recall'])} | {pct(h['precision'])} |")
    out["QUALITY_MEDIUM"] = "\n".join(rows)

    rows = ["| benign source | lang | rows | flagged |", "|---|---|---:|---:|"]
    totals = {}
    for b in medium["benign"]:
        rows.append(f"| {b['source']} | {b['lang']} | {b['rows']} | {pct(b['flagged'] / b['rows'])} |")
        t = totals.setdefault(b["lang"], [0, 0, 0.0])
        t[0] += b["flagged"]
        t[1] += b["rows"]
        t[2] = max(t[2], b["flagged"] / b["rows"])
    for lang, (f, n, worst) in sorted(totals.items()):
        rows.append(f"| **all benign** | {lang} | {n} | {pct(f / n)} |")
    out["BENIGN_MEDIUM"] = "\n".join(rows)

    rows = ["| target | measured | met? |", "|---|---:|---|"]
    for lang, (f, n, worst) in sorted(totals.items()):
        rows.append(f"| false flags {lang}, all benign ≤ 0.3% | {pct(f / n)} | {'yes' if f / n <= 0.003 else 'no'} |")
        rows.append(f"| false flags {lang}, any one source ≤ 1% | worst {pct(worst)} | {'yes' if worst <= 0.01 else 'no'} |")
    for cat, lang, goal in TARGETS:
        h = harm.get((cat, lang))
        r = h["recall"] if h else None
        met = "no positives in the data" if r is None else ("yes" if r >= goal else "**no**")
        rows.append(f"| recall {cat} {lang} ≥ {goal * 100:.0f}% | {pct(r)} | {met} |")
    out["TARGETS"] = "\n".join(rows)

    out["QUALITY_ALL"] = run(VEIL, "eval", DATA, "--level", "all", "--markdown").strip()
    out["ROBUSTNESS"] = "```\n" + run(VEIL, "perturb", DATA, "--seed", "7").strip() + "\n```"

    native = run(VEIL, "bench", DATA).strip()
    wasm = run("node", "bench/wasm.mjs", DATA).strip()
    wasm_file = os.path.join(ROOT, "pkg", "veil_bg.wasm")
    raw = os.path.getsize(wasm_file)
    gz = len(subprocess.run(["gzip", "-9", "-c", wasm_file], capture_output=True).stdout)
    js = sum(os.path.getsize(os.path.join(ROOT, "pkg", f)) for f in ("veil.js", "dom.js", "veil.css"))
    out["SPEED"] = (
        "Measured with `make bench` on the 2-core machine this project is built on (one thread;\n"
        "the figures vary with load). Native (`veil bench ../shared/data`, every message five times):\n\n"
        f"```\n{native}\n```\n\nThe wasm package in Node (`node bench/wasm.mjs ../shared/data`):\n\n"
        f"```\n{wasm}\n```\n\n"
        f"**Size:** `veil_bg.wasm` is {raw / 1024:.0f} KB, **{gz / 1024:.0f} KB gzipped** (after `wasm-opt -Oz`);\n"
        f"the JS glue, DOM helper and CSS add {js / 1024:.0f} KB before compression. Most of the wasm is data:\n"
        "the word lists, the Traditional → Simplified table (4,100 characters) and the Unicode folding table.\n"
        "Start-up builds the automaton once per page (the first `check`)."
    )
    return out


def main():
    path = os.path.join(ROOT, "README.md")
    text = open(path, encoding="utf-8").read()
    for name, body in figures().items():
        block = f"<!-- BEGIN:{name} -->\n{body}\n<!-- END:{name} -->"
        pattern = re.compile(rf"<!-- BEGIN:{name} -->.*?<!-- END:{name} -->|^{name}$", re.S | re.M)
        text, n = pattern.subn(lambda _m: block, text)
        if n != 1:
            sys.exit(f"README.md: no single place for {name}")
    open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
