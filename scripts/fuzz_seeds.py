#!/usr/bin/env python3
"""Seeds the fuzz corpora (fuzz/corpus/<target>/): every string literal of the case and evasion
suites and the blind rounds, hostile Unicode, settings files and model assets (whole, cut short
and with a byte flipped). Generated, not committed: `make fuzz-smoke` runs this first."""
import glob, json, os, re, hashlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")

def put(target, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb").write(data)

texts = []
for f in glob.glob(os.path.join(ROOT, "tests", "*.rs")):
    for m in re.finditer(r'"((?:[^"\\\n]|\\.){3,})"', open(f, encoding="utf-8").read()):
        try:
            texts.append(json.loads('"' + m.group(1).replace("\\'", "'") + '"'))
        except ValueError:
            pass
for f in glob.glob(os.path.join(ROOT, "tests", "blind", "**", "*.jsonl"), recursive=True):
    texts += [t for l in open(f, encoding="utf-8") if l.strip() for t in [json.loads(l).get("text")] if t]
hostile = [
    "\u202e\u202dsend me pics\u202c of your d\u200bau\u200dghter",      # RTL overrides, zero-width
    "e" + "\u0301" * 500,                                               # a run of combining marks
    "".join(chr(c) for c in [0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0x85, 0xa0, 0x1680] + list(range(0x2000, 0x200b)) + [0x2028, 0x2029, 0x202f, 0x205f, 0x3000]),
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\uffa0",
    "ѕеnd mе а рiс оf уоur dаughtеr 𝐟𝐞𝐞𝐭 ⓕⓔⓔⓣ ｆｅｅｔ",                 # homoglyphs, styled letters
    "你女儿的脚 send 照片 ph0t0 😀👣🦶🏻👧🏽‍🦰🇨🇳 ✌︎",
    "\ud800x\udfff",                                                     # lone surrogates from JS
    "\x00\x01\x7f",
]
for i, t in enumerate(texts + hostile):
    put("check", bytes([i % 10]) + t.encode("utf-8", "surrogatepass"))  # level and model by index
    put("normalize", t)
for s in ['{}', '{"version":1}', '{"version":1,"level":"high","overrides":{"off_platform":"show"}}',
          '{"version":2,"level":"medium"}', '{"level":"extreme"}', '{"overrides":{"nonsense":"hide"}}',
          '{"version":1,"level":"strict","overrides":{"sexual_minors":"hide","profanity":"show"}}', '[]', 'null']:
    put("settings", s)
asset = open(os.path.join(ROOT, "data", "model", "ngram.bin"), "rb").read()
put("model", asset)
for cut in (7, 64, len(asset) // 2, len(asset) - 1):
    put("model", asset[:cut])
flipped = bytearray(asset)
flipped[40] ^= 1
put("model", bytes(flipped))
# Sender memory snapshots: one real, then cut and edited.
import subprocess
stream = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in [
    {"type": "message", "sender": "a", "name": "Toxic_Mike", "text": "vx: XM_2024 send pics of her feet"},
    {"type": "block", "sender": "a"},
    {"type": "message", "sender": "b", "name": "Sarah", "text": "is this still available?"},
    {"type": "trust", "sender": "b"},
])
veil = os.path.join(ROOT, "target", "release", "veil")
if os.path.exists(veil):
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "state.json")
        subprocess.run([veil, "replay", "--state", state], input=stream, text=True, capture_output=True)
        if os.path.exists(state):
            snap = open(state, encoding="utf-8").read()
            put("state", snap)
            put("state", snap[: len(snap) // 2])
            put("state", snap.replace("xm2024", "xm2025"))
            put("state", snap.replace('"version":1', '"version":2', 1))
print(f"fuzz corpora seeded under {CORPUS}: {len(texts)} texts, {len(hostile)} hostile strings")
