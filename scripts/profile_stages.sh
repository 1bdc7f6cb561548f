#!/usr/bin/env bash
# Where a check's time goes, by pipeline stage: the native CLI under valgrind's callgrind
# (instruction counts, repeatable whatever else the machine does), over every 8th labelled
# message, counting only inside Filter::check. Prints a markdown table of inclusive shares.
# Usage: bash scripts/profile_stages.sh [DATA_DIR]      (make profile)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
data="${1:-../shared/data}"
if ! command -v valgrind >/dev/null; then echo "profile: skipped: valgrind is not installed"; exit 0; fi
if [ ! -d "$data" ]; then echo "profile: skipped: no labelled data at $data"; exit 0; fi
out=target/profile && mkdir -p "$out"
for f in "$data"/*.jsonl; do awk 'NR % 8 == 1' "$f"; done > "$out/sample.jsonl"
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build -q --release --bin veil --target-dir "$out/build"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
  --toggle-collect='veil::Filter::check_analysed*' \
  "$out/build/release/veil" classify --level medium < "$out/sample.jsonl" > /dev/null 2> "$out/valgrind.log"
callgrind_annotate --inclusive=yes "$out/callgrind.out" 2>/dev/null | python3 -c '
import re, sys
rows = {}
for line in sys.stdin:
    # "count (share)  file:function [binary]"; a function appears once per file its inlined
    # code came from, and the largest count is the whole function.
    m = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+[^:\s]+:(.+?)(?: \[[^\]]*\])?$", line)
    if m:
        n, fn = int(m.group(1).replace(",", "")), m.group(2)
        rows[fn] = max(rows.get(fn, 0), n)
def total(*names):
    return sum(max((v for k, v in rows.items() if k.startswith(n)), default=0) for n in names)
whole = total("veil::Filter::check_analysed")
stages = [
    ("normalise (fold, numerals, leet, join, squeeze)", ["veil::normalize::normalize"]),
    ("lexicon: word lists (matcher), boundaries, allow-list, patterns", ["veil::lexicon::Lexicon::find"]),
    ("  of which patterns (regex)", ["<regex_lite::pikevm::FindMatches"]),
    ("rules", ["veil::rules::apply"]),
    ("features", ["veil::features::extract", "veil::features::Shape::of"]),
    # What is left is the scorer and what follows it (inlined into the check, so measured
    # as the rest).
    ("the rest: scoring, policy, spans, reasons", None),
]
print("| stage | share of a check |")
print("|---|---:|")
parts = ["veil::normalize::normalize", "veil::lexicon::Lexicon::find", "veil::rules::apply",
         "veil::features::extract", "veil::features::Shape::of"]
for name, fns in stages:
    n = total(*fns) if fns else whole - total(*parts)
    print(f"| {name} | {100 * n / whole:.1f} % |")
alloc = total("malloc", "free", "realloc")
print(f"| (throughout: malloc, free, realloc) | {100 * alloc / whole:.1f} % |")
print(f"\n{whole / 1e6:.0f} M instructions for the sample; messages: see target/profile/sample.jsonl")
'
