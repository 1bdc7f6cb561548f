#!/usr/bin/env python3
"""Scores a replay stream with expectations (`"expect"` on message events: ban_evasion, style or
none) through `veil replay`: the share of returning senders recognised (ban_evasion) on the first
message that carries a signal, by kind of signal when the scenario says, and ordinary messages
wrongly flagged as ban_evasion.
Usage: python3 scripts/replay_score.py STREAM.jsonl [--show] [--level L]"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VEIL = os.path.join(ROOT, "target", "release", "veil")
path = sys.argv[1]
level = sys.argv[sys.argv.index("--level") + 1] if "--level" in sys.argv else "medium"
events = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
inp = "".join(json.dumps({k: v for k, v in e.items() if k != "expect"}, ensure_ascii=False) + "\n" for e in events)
out = subprocess.run([VEIL, "replay", "--level", level], input=inp, capture_output=True, text=True, check=True).stdout
verdicts = {}
for line in out.splitlines():
    v = json.loads(line)
    verdicts[v.get("id")] = v
counts = {}
for e in events:
    exp = e.get("expect")
    if not exp:
        continue
    v = verdicts.get(e.get("id"), {})
    hit = any(c["category"] == "ban_evasion" for c in v.get("categories", []))
    k = counts.setdefault(exp, [0, 0])
    k[0] += 1
    k[1] += hit
    if "--show" in sys.argv and (hit != (exp == "ban_evasion")):
        print("MISS" if exp != "none" else "FALSE", exp, e.get("id"), e.get("name"), e["text"][:80], [c["category"] for c in v.get("categories", [])])
for exp, (n, hit) in sorted(counts.items()):
    print(f"{exp}: {hit}/{n} = {100 * hit / max(n, 1):.1f}% flagged as ban_evasion")
