#!/usr/bin/env python3
"""Distinct words and distinct adjacent word pairs per word in the first MB megabytes of a
corpus (files in a fixed shuffled order): how varied its vocabulary is, which sets the size of
term dictionaries and of the phrase pairs. Compares a generated corpus with real minutes:

    benches/vocabulary.py ../shared/corpus/parish-minutes 8
    benches/vocabulary.py /tmp/scale-bench/corpus-100MB-realistic-seed1 8
"""
import os
import random
import re
import sys

root, megabytes = sys.argv[1], float(sys.argv[2])
paths = sorted(
    os.path.join(d, f)
    for d, _, files in os.walk(root)
    for f in files
    if f.endswith((".md", ".txt", ".html", ".htm"))
)
random.Random(1).shuffle(paths)
words, pairs, tokens, size = set(), set(), 0, 0
for path in paths:
    with open(path, errors="replace") as f:
        text = f.read()
    size += len(text)
    w = [t.lower() for t in re.findall(r"[A-Za-z0-9]+", text)]
    tokens += len(w)
    words.update(w)
    pairs.update(zip(w, w[1:]))
    if size >= megabytes * 1e6:
        break
print(
    f"{size / 1e6:.1f} MB, {tokens} words: {len(words) / tokens:.3f} distinct words "
    f"and {len(pairs) / tokens:.3f} distinct pairs per word ({len(words)} and {len(pairs)})"
)
