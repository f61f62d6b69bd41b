#!/usr/bin/env python3
"""Write data/model/hangul.tsv: how often each Hangul syllable, and each pair of
neighbouring syllables, occurs in the words of a Korean dictionary, for the Korean side of
detection's plausibility check (src/detect/hangul.rs).

The source is the stem list of Debian's hunspell-ko (spellcheck-ko's hunspell-dict-ko,
MPL-1.1 or GPL-2+ or LGPL-2.1+): about 100,000 words, stored as conjoining jamo, composed
here to syllables. A word list counts each word once, so the counts are of vocabulary, not
of running text (particles and endings, which live in the affix file, are rarer here than
in text); like jieba's dictionary for Chinese, it is enough to tell real Korean from the
syllables a misreading of GBK makes (럿쀼 for 返回), which are rare ones that form no word.

One line per syllable ("한<TAB>7667") and per pair ("마무<TAB>12"), most frequent
first.

Usage: apt-get download hunspell-ko && dpkg-deb -x hunspell-ko_*.deb /tmp/hk
       python3 scripts/build-hangul.py /tmp/hk/usr/share/hunspell/ko.dic > data/model/hangul.tsv
"""
import collections
import re
import sys
import unicodedata


def main():
    syllables, pairs = collections.Counter(), collections.Counter()
    with open(sys.argv[1], encoding="utf-8") as f:
        next(f)  # the word count
        for line in f:
            word = unicodedata.normalize("NFC", line.split("/")[0].strip())
            for run in re.findall("[\uac00-\ud7a3]+", word):
                syllables.update(run)
                pairs.update(a + b for a, b in zip(run, run[1:]))
    rows = syllables.most_common() + pairs.most_common()
    print("\n".join(f"{k}\t{n}" for k, n in rows))


if __name__ == "__main__":
    main()
