#!/usr/bin/env python3
"""Regenerates data/normalize/t2s.tsv (Traditional -> Simplified, one character a line).

Source: OpenCC's TSCharacters.txt (Apache-2.0), as shipped in the PyPI package
opencc-python-reimplemented. Usage:
    pip download --no-deps -d /tmp/occ opencc-python-reimplemented
    (cd /tmp/occ && unzip -o -q *.whl)
    python3 scripts/gen_t2s.py /tmp/occ/opencc/dictionary/TSCharacters.txt > data/normalize/t2s.tsv
Where OpenCC lists several Simplified forms, the first (the usual one) is kept.
"""
import sys

print("# Traditional -> Simplified Chinese, character by character: Traditional <TAB> Simplified.")
print("# Derived from OpenCC TSCharacters.txt (Apache-2.0, https://github.com/BYVoid/OpenCC)")
print("# by scripts/gen_t2s.py. Edit by hand if a mapping is wrong for chat.")
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 2:
        continue
    trad, simp = parts[0], parts[1].split(" ")[0]
    if len(trad) == 1 and len(simp) == 1 and trad != simp:
        print(f"{trad}\t{simp}")
