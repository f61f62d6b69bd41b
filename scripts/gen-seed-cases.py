#!/usr/bin/env python3
"""Generate seed-corruption test cases (inline pinyin + GBK misalignment), written from
docs/corruption.md, on real Chinese text from Debian's manpages-zh and fortunes-zh.

Each case is made the way the seed documents were:

1. a short passage (a few lines of a zh_CN man page, roff stripped, or a few poems of
   fortunes-zh, colour codes stripped, a blank line between them) is converted to
   Traditional with OpenCC 1.4 (s2t, s2tw or s2hk) and encoded as GBK;
2. a random site table (20-250 Traditional characters of the passage plus a few random
   ones, each with one pinyin reading, sometimes a non-default heteronym, from pypinyin)
   is applied in random order as a byte-level, boundary-unaware replace
   `bytes(X) -> bytes(X) + "(" + pinyin + ")"`;
3. optionally a stray byte below 0x40 (newline, CR, space, tab) is inserted after a lead
   byte, as a line wrap would;
4. the bytes are decoded the way code page 936 does it: a lead byte followed by a byte
   that cannot be a trail byte becomes one `?` and both bytes are consumed; a pair in the
   user-defined area becomes a private-use character, which is then dropped; fullwidth
   ASCII is folded to ASCII (U+FF01-FF5E only).

The expected output is the Traditional passage with fullwidth ASCII folded. A case is
`lossy` when bytes were destroyed (a stray byte, a dropped private-use pair, or a `?`
that did not swallow an annotation's `(`).

Usage: gen-seed-cases.py [--seed N] [--count N] [--source man|fortunes] [--out FILE]
Requires: opencc==1.4.2 and pypinyin (pip), manpages-zh or fortunes-zh (apt).
"""

import argparse
import glob
import gzip
import json
import random
import re
import sys

import opencc
import pypinyin

MAN_DIR = '/usr/share/man/zh_CN'
FORTUNE_DIR = '/usr/share/games/fortunes'
ANSI = re.compile('\x1b\\[[0-9;]*m')
STRAYS = [0x0A, 0x0D, 0x20, 0x09]


def man_passages(rng, limit):
    """Chinese-bearing lines of zh_CN man pages, roff requests and escapes removed."""
    files = sorted(glob.glob(f'{MAN_DIR}/man*/*.gz'))
    rng.shuffle(files)
    for path in files[:limit]:
        try:
            raw = gzip.open(path).read().decode('utf-8')
        except (OSError, UnicodeDecodeError):
            continue
        lines = []
        for line in raw.splitlines():
            if line.startswith(('.', "'", '\\"')):
                if line.startswith(('.B ', '.I ', '.SH ', '.SS ')):
                    line = line.split(' ', 1)[1]
                else:
                    continue
            line = re.sub(r'\\f[BIRPH]|\\\(..|\\[-&e|^]|\\s[-+]?\d', '', line)
            line = line.replace('\\', '').strip().strip('"')
            if re.search('[\u4e00-\u9fff]', line):
                lines.append(line)
        if lines:
            yield path, lines


def fortune_passages(rng, limit):
    """Groups of one to three consecutive fortunes (poems, sayings), as lists of lines with
    an empty line between fortunes; the files' ANSI colour codes removed."""
    fortunes = []
    for path in sorted(glob.glob(f'{FORTUNE_DIR}/*.u8')):
        with open(path, encoding='utf-8', errors='replace') as f:
            for i, block in enumerate(re.split(r'^%$', f.read(), flags=re.M)):
                lines = [ANSI.sub('', l).rstrip() for l in block.strip('\n').splitlines()]
                if any(re.search('[\u4e00-\u9fff]', l) for l in lines):
                    fortunes.append((f'{path.removeprefix(FORTUNE_DIR + "/")}#{i}', lines))
    for _ in range(limit):
        at = rng.randrange(len(fortunes))
        group = fortunes[at:at + rng.randint(1, 3)]
        lines = []
        for _, f in group:
            lines += ([''] if lines else []) + f
        yield group[0][0], lines


def gbk_ok(text):
    try:
        text.encode('gbk')
        return True
    except UnicodeEncodeError:
        return False


def decode_cp936(data):
    """Decode like code page 936 at the corrupting site; returns (text, qmarks, pua)."""
    out = []
    qmarks = []  # (position in data of the pair, trail byte)
    pua = 0
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b == 0xFF or i + 1 >= n:
            out.append('?')
            i += 1
            continue
        t = data[i + 1]
        if b == 0x80 or not (0x40 <= t <= 0xFE and t != 0x7F):
            out.append('?')
            qmarks.append((i, t))
            i += 2
            continue
        try:
            c = bytes([b, t]).decode('gb18030')
        except UnicodeDecodeError:
            c = '\ue000'
        if '\ue000' <= c <= '\uf8ff':
            pua += 1
        else:
            out.append(c)
        i += 2
    return ''.join(out), qmarks, pua


def fold(text):
    return ''.join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def site_table(rng, text):
    chars = sorted({c for c in text if '\u4e00' <= c <= '\u9fff'})
    trad = [c for c in chars if len(c.encode('gbk')) == 2 and not is_gb2312(c)]
    other = [c for c in chars if c not in trad]
    k = rng.randint(20, 250)
    picked = rng.sample(trad, min(len(trad), k))
    picked += rng.sample(other, min(len(other), rng.randint(0, 5)))
    table = []
    for c in picked:
        readings = pypinyin.pinyin(c, heteronym=True)[0]
        if not readings or not re.fullmatch('[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+', readings[0]):
            continue
        r = readings[0] if rng.random() < 0.9 else rng.choice(readings)
        table.append((c, r))
    rng.shuffle(table)
    return table


def is_gb2312(c):
    b = c.encode('gbk')
    return len(b) == 2 and 0xB0 <= b[0] <= 0xF7 and b[1] >= 0xA1


def corrupt(rng, text, table, stray):
    data = text.encode('gbk')
    for c, r in table:
        x = c.encode('gbk')
        data = data.replace(x, x + b'(' + r.encode('gbk') + b')')
    strays = []
    if stray:
        leads = lead_positions(data)
        for _ in range(rng.randint(1, 2)):
            if not leads:
                break
            at = rng.choice(leads)
            s = rng.choice(STRAYS)
            data = data[:at + 1] + bytes([s]) + data[at + 1:]
            strays.append((at, s))
            leads = lead_positions(data)
    decoded, qmarks, pua = decode_cp936(data)
    # A `?` is recoverable only when it swallowed an annotation's `(`.
    lost = bool(strays) or pua > 0 or any(t != 0x28 for _, t in qmarks)
    return fold(decoded), lost, strays


def lead_positions(data):
    """Offsets of lead bytes of aligned two-byte characters outside annotations."""
    out = []
    i = 0
    while i < len(data) - 1:
        if data[i] >= 0x81:
            out.append(i)
            i += 2
        else:
            i += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, default=3)
    ap.add_argument('--count', type=int, default=300)
    ap.add_argument('--stray-rate', type=float, default=0.25)
    ap.add_argument('--max-chars', type=int, default=400)
    ap.add_argument('--min-annotations', type=int, default=3,
                    help='skip passages with fewer inserted annotations: with one or two, '
                         'legitimate pinyin and damage cannot be told apart')
    ap.add_argument('--source', choices=('man', 'fortunes'), default='man')
    ap.add_argument('--out', default='-')
    args = ap.parse_args()
    rng = random.Random(args.seed)
    configs = {name: opencc.OpenCC(name) for name in ('s2t', 's2tw', 's2hk')}
    out = sys.stdout if args.out == '-' else open(args.out, 'w', encoding='utf-8')
    made = 0
    passages = man_passages if args.source == 'man' else fortune_passages
    for path, lines in passages(rng, 10_000):
        if made >= args.count:
            break
        start = rng.randrange(len(lines))
        passage = []
        for line in lines[start:start + rng.randint(3, 10)]:
            if sum(map(len, passage)) + len(line) > args.max_chars:
                break
            passage.append(line)
        if not passage:
            continue
        conv = rng.choice(sorted(configs))
        text = configs[conv].convert('\n'.join(passage)) + '\n'
        if not gbk_ok(text):
            continue
        table = site_table(rng, text)
        if not table:
            continue
        stray = rng.random() < args.stray_rate
        damaged, lossy, strays = corrupt(rng, text, table, stray)
        if damaged == fold(text) or damaged.count(')') - text.count(')') < args.min_annotations:
            continue
        case = {
            'id': f'gen-{args.seed}-{made:04d}',
            'source': path.removeprefix(MAN_DIR + '/'),
            'conversion': conv,
            'lossy': lossy,
            'strays': strays,
            'input': damaged,
            'expected': fold(text),
        }
        out.write(json.dumps(case, ensure_ascii=False) + '\n')
        made += 1
    print(f'{made} cases', file=sys.stderr)


if __name__ == '__main__':
    main()
