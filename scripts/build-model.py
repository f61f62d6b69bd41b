#!/usr/bin/env python3
"""Build zhfix's Chinese text model (data/model/) from jieba's word-frequency dictionary.

jieba's dict.txt (MIT, PyPI package `jieba`) lists ~349k simplified words with corpus
frequencies. Traditional text must score as well as simplified, so every word is also
converted with OpenCC 1.4.2 (s2t, s2tw, s2hk; PyPI `opencc`) and the variants are counted
too. Output:

  data/model/chars.tsv    char <TAB> count        (every character seen)
  data/model/bigrams.tsv  two chars <TAB> count   (within-word bigrams, count >= MIN_BIGRAM)

Usage: pip install jieba==0.42.1 opencc==1.4.2 && python3 scripts/build-model.py
"""
import collections
import os
import sys

import jieba
import opencc

MIN_BIGRAM = 30

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, '..', 'data', 'model')
dict_path = os.path.join(os.path.dirname(jieba.__file__), 'dict.txt')
converters = [opencc.OpenCC(c) for c in ('s2t', 's2tw', 's2hk')]

chars = collections.Counter()
bigrams = collections.Counter()
with open(dict_path, encoding='utf-8') as f:
    for line in f:
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        variants = {word}
        variants.update(c.convert(word) for c in converters)
        for v in variants:
            for ch in v:
                chars[ch] += freq
            for a, b in zip(v, v[1:]):
                bigrams[a + b] += freq

os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, 'chars.tsv'), 'w', encoding='utf-8') as f:
    for ch, n in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0])):
        if ch.strip():
            f.write(f'{ch}\t{n}\n')
with open(os.path.join(out_dir, 'bigrams.tsv'), 'w', encoding='utf-8') as f:
    for bg, n in sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_BIGRAM and bg.strip() and len(bg) == 2:
            f.write(f'{bg}\t{n}\n')
print(f'{len(chars)} chars, {sum(1 for n in bigrams.values() if n >= MIN_BIGRAM)} bigrams', file=sys.stderr)
