#!/usr/bin/env python3
"""Build zhfix's Chinese text models (data/model/).

Three models come out of this script:

1. The dictionary model (chars.tsv, bigrams.tsv): character counts and within-word
   bigram counts from jieba's word-frequency dictionary (dict.txt, MIT, PyPI `jieba`
   0.42.1; ~349k simplified words with corpus frequencies), each word also converted to
   Traditional with OpenCC 1.4.2 (s2t, s2tw, s2hk). Detection and the mojibake
   pre-filter ask it "is this a dictionary word part?".

2. The character n-gram model (ngram_chars.tsv, ngram_bigrams.tsv): an interpolated
   Kneser-Ney character bigram model of RUNNING text, punctuation and a line-start symbol
   included. Repairs that guess a lost character ask it for ln P(c | previous character).
   It is trained on:
     * the Chinese prose of LibreOffice's help (Debian `libreoffice-help-zh-cn` and
       `-zh-tw`, MPL-2.0; see SOURCES below). Every line is also converted to the other script
       with OpenCC (s2t for zh_CN sources, t2s for zh_TW ones), so both scripts score
       alike. The Simplified form of each line quotes with “” ‘’ (MAINLAND_QUOTES), as
       mainland text does (GB/T 15834), the Traditional form with 「」『』 as Taiwan's
       does: the help quotes with 「」 in both translations (30k of them against 146 “),
       so the model thought `–` (its menu paths' separator, 245 of them) likelier than
       `“`, and a lost byte of E2 80 ?? in a man page came back as `–` where it was a
       quote. On dev this took 9 of the lossy variants' 852 character errors off
       (utf8_as_gbk site-pairwise 133 -> 128; no exact count moved), and every audit
       set read the same;
     * jieba's dictionary words as short pseudo-sentences, each counted
       round(freq * JIEBA_SCALE) times (with its s2t form). Running documentation is
       technical; jieba's counts come from news and general text and supply the
       within-word statistics of vocabulary the manuals never use (危化品, 疫情).

   Why these and not others: the dev corpus is generated from Debian's manpages-zh and
   fortunes-zh and CPython's CJK codec test texts, so those are excluded (training on them
   would make the dev score dishonest). PyPI `snownlp` and `wordfreq` ship no running
   text (marshalled classifier counts and word frequencies). LibreOffice's help is the
   largest running Chinese text under a licence compatible with zhfix's (MIT OR
   Apache-2.0) that ships in a registry we can use. Debian's GPL-2+ manuals
   (debian-reference, debian-faq, debian-edu-doc) and the CC-BY-SA gnome-user-docs were
   tried too and left out for their licences: with them the dev scores were the same to
   within a case or two per category (seed_annot 87.3 vs 88.0 without, utf8_as_cp1252
   86.2 vs 85.0, mixed 87.8 both; macro average 81.3 vs 81.2).

   Choices, measured. `--eval` holds out every 20th line of the running text: its
   cross-entropy (nats per non-ASCII character) is 3.64 without jieba, 3.71 / 3.89 / 4.24
   with JIEBA_SCALE 0.01 / 0.05 / 0.2, and pruning bigrams below 3 costs 0.04. Held-out
   lines are the manuals' own domain, so they favour the manuals alone; the dev corpus
   (man pages, fortunes, poetry, CPython's texts) is not, and there the jieba words pay:
   with the model in misalign's and the hole filler's scoring, `mixed` is 84.4% exact at
   scale 0.01 and 0.05 and 85.6% at 0.2 (seed_annot 86.7% at all three). Pruning below
   6 instead of 3 (2.3 MB instead of 3.3 MB) lost seed_annot 1 case, utf8_as_cp1252 2
   and mixed 1, so MIN_NGRAM stays 3.

   Character classes: ASCII letters are one symbol `a`, ASCII digits `0`, whitespace
   ` ` (src/model.rs maps queries the same way); the line start is U+0002.
   Kneser-Ney: P(c|a) = max(C(ac)-D, 0)/C(a) + gamma(a) * Pcont(c), with
   gamma(a) = (D * N1+(a.) + pruned mass)/C(a) and Pcont(c) = N1+(.c)/N1+(..).
   Bigrams with count < MIN_NGRAM are pruned (their discounted mass moves to gamma), so
   the stored files stay small.

3. The word model (words.tsv): jieba's words with count >= MIN_WORD, each also in its
   OpenCC s2t/s2tw/s2hk forms and its Taiwan phrasing (s2twp: 程序 -> 程式, 字符串 ->
   字串, 全局 -> 全域性), so Taiwan's vocabulary gets its mainland twin's count (a form
   shared by several words sums their counts). Hole
   filling adds the cost of the best segmentation of its window into these words
   (src/model/words.rs), which sees a whole word across the hole where the bigram model
   sees one character. The same cost in misalign's beam left seed_annot at 130/150 with
   weight 0.3 (one case gained, 連接?[h2xs; one lost, 每個引數 read 每個除數: jieba is
   mainland news, 引數 is a Taiwanese term) and lost 2 at 0.6 and 1.0, so misalign does
   not use it.

Output files hold natural-log probabilities with 3 decimals:
  ngram_chars.tsv    char <TAB> ln Pcont(c) <TAB> ln gamma(c as context) <TAB> ln P(c)
  ngram_bigrams.tsv  two chars <TAB> ln P(b | a)          (stored bigrams only)

and words.tsv holds `word <TAB> count`.

build.rs compiles all five TSVs into sorted binary tables (no parsing at run time).

Usage:
  pip install jieba==0.42.1 opencc==1.4.2
  python3 scripts/build-model.py [--eval]
It downloads the Debian packages with `apt-get download` into a temporary folder (or
ZHFIX_MODEL_WORKDIR, where already-extracted packages are reused); the output is
deterministic for the same package versions (Debian 12: libreoffice-help 7.4.7).
"""
import collections
import html
import math
import os
import re
import subprocess
import sys
import tempfile

import jieba
import opencc

MIN_BIGRAM = 30
# jieba words rarer than this are left out of words.tsv (see write_word_model): 526k forms,
# 6.5 MB. Technical and literary words sit low in jieba's news counts (重定向 3, 字串 and
# 檔名 in their Traditional forms): at 5 (224k forms, 2.7 MB) the dev lossy variants had 8
# more character errors in 1,001 and two fewer exact cases (hole filling chose 檔上 for 檔名,
# 快得去 for 快得多, 劝坛 for 劝君); at 1 (592k forms) nothing more is gained. At 10
# (171k forms) utf8_as_cp1252/cp1252-replace lost a case more.
MIN_WORD = int(os.environ.get('ZHFIX_MIN_WORD', 3))
# The Taiwan phrasing took 10 more character errors off the dev lossy variants (993 -> 983:
# 全域性 for 海域性, 陣列, 表示式, 遠端檔名, 繫結), with no exact case lost.
WORD_CONFIGS = ('s2t', 's2tw', 's2hk', 's2twp')
# Both can be overridden for experiments (see "Choices, measured" above).
MIN_NGRAM = int(os.environ.get('ZHFIX_MIN_NGRAM', 3))
JIEBA_SCALE = float(os.environ.get('ZHFIX_JIEBA_SCALE', 0.2))
# The line-start context (STX: never in text, and a TSV key without escaping).
BOS = '\x02'

# (Debian package, script of its text, licence from its copyright file)
SOURCES = [
    ('libreoffice-help-zh-cn', 's', 'MPL-2.0'),
    ('libreoffice-help-zh-tw', 't', 'MPL-2.0'),
]

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, '..', 'data', 'model')
dict_path = os.path.join(os.path.dirname(jieba.__file__), 'dict.txt')


def is_han(c):
    return '\u4e00' <= c <= '\u9fff' or '\u3400' <= c <= '\u4dbf'


def han_count(s):
    return sum(1 for c in s if is_han(c))


# Block elements end a line; inline ones (links, emphasis, UI names) sit inside sentences.
BLOCK = re.compile(r'</?(p|div|h[1-6]|li|ul|ol|dt|dd|td|th|tr|table|br|title|pre|'
                   r'para|item|section|note|list|tr|thead|tbody|head|body|html)\b[^>]*>', re.I)
TAG = re.compile(r'<[^>]+>')
SKIP = re.compile(r'(?s)<(script|style|pre|code|screen|programlisting)[^>]*>.*?</\1>')
# The Simplified form of a line quotes as mainland text does (see the docstring).
MAINLAND_QUOTES = str.maketrans('「」『』', '“”‘’')
ZH_PATH = re.compile(r'zh[-_](cn|tw|hk)', re.I)


def doc_lines(path):
    """Prose lines of one documentation file: markup stripped, lines mostly Chinese."""
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if path.endswith(('.html', '.page', '.xml')):
        text = SKIP.sub('\n', text).replace('\n', ' ')
        text = html.unescape(TAG.sub('', BLOCK.sub('\n', text)))
    for line in text.split('\n'):
        line = ' '.join(line.split())
        h = han_count(line)
        if h >= 4 and h >= 0.3 * len(line):
            yield line


def running_text(workdir):
    """Lines of every source in both scripts, in a fixed order."""
    s2t, t2s = opencc.OpenCC('s2t'), opencc.OpenCC('t2s')
    lines = []
    for pkg, script, _ in SOURCES:
        dest = os.path.join(workdir, pkg)
        if not os.path.isdir(dest):
            subprocess.run(['apt-get', 'download', pkg], cwd=workdir, check=True,
                           stdout=subprocess.DEVNULL)
            deb = next(f for f in sorted(os.listdir(workdir))
                       if f.startswith(pkg + '_') and f.endswith('.deb'))
            subprocess.run(['dpkg', '-x', os.path.join(workdir, deb), dest], check=True)
        files = []
        for dp, _, fs in os.walk(dest):
            files += [os.path.join(dp, f) for f in fs
                      if ZH_PATH.search(os.path.join(dp, f))
                      and f.endswith(('.html', '.page', '.txt'))]
        for p in sorted(files):
            for line in doc_lines(p):
                if script == 's':
                    simplified, traditional = line, s2t.convert(line)
                else:
                    simplified, traditional = t2s.convert(line), line
                simplified = simplified.translate(MAINLAND_QUOTES)
                lines.extend(dict.fromkeys((simplified, traditional)))
    return lines


def normalize(c):
    if c.isascii():
        if c.isalpha():
            return 'a'
        if c.isdigit():
            return '0'
        if c.isspace():
            return ' '
    return c


def count_line(line, uni, bi, weight=1, bos=True):
    prev = BOS if bos else None
    for ch in line:
        c = normalize(ch)
        if c == ' ' and prev == ' ':
            continue
        uni[c] += weight
        if prev is not None:
            bi[prev + c] += weight
        prev = c


def jieba_words(configs=('s2t', 's2tw', 's2hk')):
    converters = [opencc.OpenCC(c) for c in configs]
    with open(dict_path, encoding='utf-8') as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            variants = {word}
            variants.update(c.convert(word) for c in converters)
            yield word, freq, variants


def kn_model(bi, min_count):
    """Interpolated Kneser-Ney bigram model: (ln Pcont, ln gamma) per char, ln P(b|a)."""
    n1 = sum(1 for n in bi.values() if n == 1)
    n2 = sum(1 for n in bi.values() if n == 2)
    d = n1 / (n1 + 2 * n2) if n1 + n2 else 0.75
    ctx = collections.Counter()
    follow_types = collections.Counter()
    cont = collections.Counter()
    for ab, n in bi.items():
        ctx[ab[0]] += n
        follow_types[ab[0]] += 1
        cont[ab[1]] += 1
    types = sum(cont.values())
    pcont = {c: n / types for c, n in cont.items()}
    pruned = collections.Counter()
    kept = {}
    for ab, n in bi.items():
        if n >= min_count:
            kept[ab] = n
        else:
            pruned[ab[0]] += max(n - d, 0.0)
    gamma = {a: (d * follow_types[a] + pruned[a]) / ctx[a] for a in ctx}
    chars = {}
    for c in set(pcont) | set(gamma):
        chars[c] = (math.log(pcont[c]) if c in pcont else None,
                    math.log(gamma[c]) if c in gamma else None)
    bigrams = {ab: math.log((n - d) / ctx[ab[0]] + gamma[ab[0]] * pcont[ab[1]])
               for ab, n in kept.items()}
    return d, chars, bigrams


UNSEEN = -16.0


def logp(model, a, b):
    _, chars, bigrams = model
    if a + b in bigrams:
        return bigrams[a + b]
    pc = chars.get(b, (None, None))[0]
    g = chars.get(a, (None, 0.0))[1]
    if pc is None:
        return UNSEEN
    return (g if g is not None else 0.0) + pc


def cross_entropy(model, lines):
    total, n = 0.0, 0
    for line in lines:
        prev = BOS
        for ch in line:
            c = normalize(ch)
            if c == ' ' and prev == ' ':
                continue
            if is_han(c) or not c.isascii():
                total -= logp(model, prev, c)
                n += 1
            prev = c
    return total / max(n, 1)


def ngram_counts(lines, scale):
    uni, bi = collections.Counter(), collections.Counter()
    for line in lines:
        count_line(line, uni, bi)
    if scale:
        for _, freq, variants in jieba_words():
            w = round(freq * scale)
            if w:
                for v in variants:
                    count_line(v, uni, bi, weight=w, bos=False)
    return uni, bi


def evaluate(lines):
    held = lines[::20]
    train = [l for i, l in enumerate(lines) if i % 20]
    for scale in (0.0, 0.01, 0.05, 0.2):
        for min_count in (1, MIN_NGRAM):
            model = kn_model(ngram_counts(train, scale)[1], min_count)
            print(f'jieba scale {scale:<5} min count {min_count}: '
                  f'{cross_entropy(model, held):.3f} nats/char, '
                  f'{len(model[2])} bigrams', file=sys.stderr)


def write_dictionary_model():
    chars = collections.Counter()
    bigrams = collections.Counter()
    for _, freq, variants in jieba_words():
        for v in variants:
            for ch in v:
                chars[ch] += freq
            for a, b in zip(v, v[1:]):
                bigrams[a + b] += freq
    with open(os.path.join(out_dir, 'chars.tsv'), 'w', encoding='utf-8') as f:
        for ch, n in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0])):
            if ch.strip():
                f.write(f'{ch}\t{n}\n')
    with open(os.path.join(out_dir, 'bigrams.tsv'), 'w', encoding='utf-8') as f:
        for bg, n in sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= MIN_BIGRAM and bg.strip() and len(bg) == 2:
                f.write(f'{bg}\t{n}\n')


def write_word_model():
    """jieba's words (and their Traditional forms) with their counts, for the word
    segmentation score (src/model/words.rs). A form shared by several words sums them."""
    counts = collections.Counter()
    for _, freq, variants in jieba_words(WORD_CONFIGS):
        if freq >= MIN_WORD:
            for v in variants:
                counts[v] += freq
    with open(os.path.join(out_dir, 'words.tsv'), 'w', encoding='utf-8') as f:
        for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if w.strip() and '\t' not in w:
                f.write(f'{w}\t{n}\n')
    print(f'{len(counts)} words', file=sys.stderr)


def write_ngram_model(lines):
    uni, bi = ngram_counts(lines, JIEBA_SCALE)
    d, chars, bigrams = kn_model(bi, MIN_NGRAM)
    total = sum(uni.values())
    fmt = lambda x: '' if x is None else f'{x:.3f}'
    with open(os.path.join(out_dir, 'ngram_chars.tsv'), 'w', encoding='utf-8') as f:
        for c in sorted(chars):
            pc, g = chars[c]
            pu = math.log(uni[c] / total) if uni[c] else None
            f.write(f'{c}\t{fmt(pc)}\t{fmt(g)}\t{fmt(pu)}\n')
    with open(os.path.join(out_dir, 'ngram_bigrams.tsv'), 'w', encoding='utf-8') as f:
        for ab in sorted(bigrams):
            f.write(f'{ab}\t{bigrams[ab]:.3f}\n')
    print(f'discount {d:.3f}, {len(chars)} chars, {len(bigrams)} bigrams', file=sys.stderr)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        workdir = os.environ.get('ZHFIX_MODEL_WORKDIR', tmp)
        lines = running_text(workdir)
    print(f'{len(lines)} lines, {sum(map(han_count, lines))} Han', file=sys.stderr)
    if '--eval' in sys.argv:
        evaluate(lines)
        return
    os.makedirs(out_dir, exist_ok=True)
    write_dictionary_model()
    write_word_model()
    write_ngram_model(lines)


if __name__ == '__main__':
    main()
