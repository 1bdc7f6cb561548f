#!/usr/bin/env python3
"""False matches of sender memory on ordinary chat: every benign source of ../shared/data replayed
as many ordinary senders (consecutive rows grouped into senders of 1-5 messages, display names
drawn from a pool that collides often: "宝妈", "Sarah", "user" plus digits), with a random 1% of
senders blocked after their last message. Counts ordinary messages (from senders never blocked)
flagged ban_evasion, the cost per message through `veil replay`, and the snapshot's size.
Usage: python3 scripts/replay_benign.py [DATA_DIR] [--seed N]   (`make memory-figures`)"""
import json, os, random, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VEIL = os.path.join(ROOT, "target", "release", "veil")
data = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()), os.path.join(ROOT, "..", "shared", "data"))
seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
rng = random.Random(seed)
sources = json.load(open(os.path.join(data, "SOURCES.json")))
sources = sources.get("sources", sources) if isinstance(sources, dict) else sources
EN = ["Sarah", "Sarah K", "sarah_j", "Mike", "Mike_Jones", "John", "Emma", "Mum of 2", "Jess", "Tom", "Chris", "Amy", "Dave", "Kate", "Lucy"]
ZH = ["宝妈", "小王", "快乐每一天", "阳光", "小李", "静静", "开心就好", "二宝妈", "老张", "微笑", "小小", "晨晨妈妈", "平安是福", "幸福一家人"]
events, owner = [], {}
n_senders = 0
for name, meta in (sources.items() if isinstance(sources, dict) else []):
    if meta.get("kind") != "benign":
        continue
    path = os.path.join(data, f"{name}.jsonl")
    if not os.path.exists(path):
        continue
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    i = 0
    while i < len(rows):
        k = rng.randint(1, 5)
        n_senders += 1
        sender = f"{name}_{n_senders}"
        pool = ZH if rows[i].get("lang") == "zh" else EN
        r = rng.random()
        display = rng.choice(pool) if r < 0.6 else (f"user{rng.randint(1000, 99999)}" if r < 0.8 else f"{rng.choice(pool)}{rng.randint(1, 99)}")
        for row in rows[i:i + k]:
            events.append({"type": "message", "sender": sender, "name": display, "text": row["text"], "id": len(events)})
            owner[len(events) - 1] = sender
        if rng.random() < 0.01:
            events.append({"type": "block", "sender": sender})
        i += k
blocked = {e["sender"] for e in events if e["type"] == "block"}
with tempfile.TemporaryDirectory() as tmp:
    state = os.path.join(tmp, "state.json")
    inp = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    t0 = time.time()
    out = subprocess.run([VEIL, "replay", "--state", state], input=inp, capture_output=True, text=True, check=True).stdout
    elapsed = time.time() - t0
    size = os.path.getsize(state)
messages = [json.loads(l) for l in out.splitlines()]
ordinary = [v for v in messages if owner.get(v["id"]) not in blocked]
false = [v for v in ordinary if any(c["category"] == "ban_evasion" for c in v["categories"])]
repeat = [v for v in ordinary if any(c["category"] == "repeat_offender" for c in v["categories"])]
print(f"{len(messages)} messages from {n_senders} senders, {len(blocked)} blocked (seed {seed})")
print(f"ordinary messages flagged ban_evasion: {len(false)} of {len(ordinary)} = {100 * len(false) / max(len(ordinary), 1):.3f}%")
print(f"ordinary messages flagged repeat_offender: {len(repeat)} = {100 * len(repeat) / max(len(ordinary), 1):.3f}%")
print(f"replay: {elapsed:.1f} s, {1e6 * elapsed / max(len(messages), 1):.1f} µs per message (process start and JSON included)")
print(f"snapshot after the run (at most 10,000 senders kept): {size / 1024:.0f} KB")
if "--show" in sys.argv:
    by_id = {e["id"]: e for e in events if e["type"] == "message"}
    for v in false[:20]:
        e = by_id[v["id"]]
        print("FALSE", e["name"], e["text"][:80], [c["category"] for c in v["categories"]])
