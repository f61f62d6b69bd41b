#!/usr/bin/env python3
"""Line-by-line agreement of zhfix's native engine with OpenCC 1.4.2 (PyPI `opencc`).

Corpus: Debian's manpages-zh (apt-get install manpages-zh), gunzipped, with roff comments
and font escapes removed; zh_CN pages feed the s2* configurations (and the others that
start from any script), zh_TW pages feed t2s, tw2s, tw2sp, t2tw, t2hk, t2jp, tw2t, hk2s,
hk2t, jp2t.

    scripts/opencc-agreement.py [--configs s2t,t2s] [--show 5] [--corpus-only DIR]

Prints one row per configuration (lines, equal lines, agreement %) and the first few
differing lines; exits 1 if any configuration is below 99.95%. `--corpus-only DIR` just
writes DIR/zh_CN.txt and DIR/zh_TW.txt (used by scripts/bench.sh).
"""
import argparse
import gzip
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = {
    "s2t": "zh_CN", "s2tw": "zh_CN", "s2twp": "zh_CN", "s2hk": "zh_CN",
    "t2s": "zh_TW", "tw2s": "zh_TW", "tw2sp": "zh_TW", "hk2s": "zh_TW",
    "t2tw": "zh_TW", "tw2t": "zh_TW", "t2hk": "zh_TW", "hk2t": "zh_TW",
    "t2jp": "zh_TW", "jp2t": "zh_TW",
}
ESCAPE = re.compile(r"\\f(\[[^\]]*\]|\(..|.)|\\\*(\(..|.)|\\[&|^%]")


def page_lines(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # a few pages are in legacy encodings; the corpus is UTF-8 only
    for line in text.splitlines():
        if line.startswith(('.\\"', "'\\\"", '\\"')):
            continue
        if line.startswith((".", "'")):
            # keep a macro's arguments (.SH 名称), drop the macro name
            parts = line.split(None, 1)
            line = parts[1] if len(parts) > 1 else ""
        line = ESCAPE.sub("", line).strip()
        if line:
            yield line


def corpus(lang):
    lines = []
    base = f"/usr/share/man/{lang}"
    for dirpath, _, files in sorted(os.walk(base)):
        for name in sorted(files):
            if name.endswith(".gz"):
                lines.extend(page_lines(os.path.join(dirpath, name)))
    return lines


def fuzz_lines(n, seed=1):
    """Lines stitched from random dictionary keys and pieces of keys, so that phrases
    overlap, straddle segment boundaries and hit every group's shadowing rules."""
    import random

    rng = random.Random(seed)
    keys = []
    for name in sorted(os.listdir(os.path.join(ROOT, "data/opencc"))):
        if name.endswith(".txt"):
            with open(os.path.join(ROOT, "data/opencc", name), encoding="utf-8") as f:
                for line in f:
                    key, values = line.rstrip("\n").split("\t")
                    keys.append(key)
                    keys.extend(values.split(" "))
    lines = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            k = rng.choice(keys)
            if len(k) > 1 and rng.random() < 0.4:
                i = rng.randrange(len(k))
                k = k[i:] if rng.random() < 0.5 else k[:i + 1]
            parts.append(k)
        lines.append("".join(parts))
    return lines


def zhfix_convert(config, text):
    exe = os.path.join(ROOT, "target/release/examples/opencc")
    out = subprocess.run([exe, "-c", config], input=text.encode(), capture_output=True, check=True)
    return out.stdout.decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", default=",".join(SOURCE))
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--corpus-only")
    ap.add_argument("--both", action="store_true", help="run every configuration on both corpora")
    ap.add_argument("--fuzz", type=int, default=0, help="also run N lines stitched from dictionary keys")
    args = ap.parse_args()
    corpora = {lang: corpus(lang) for lang in ("zh_CN", "zh_TW")}
    if args.corpus_only:
        os.makedirs(args.corpus_only, exist_ok=True)
        for lang, lines in corpora.items():
            with open(os.path.join(args.corpus_only, f"{lang}.txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        return 0
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "opencc"], cwd=ROOT, check=True)
    import opencc

    assert opencc.__version__ == "1.4.2", opencc.__version__
    failed = False
    print(f"{'config':8} {'corpus':6} {'lines':>7} {'equal':>7} {'agree%':>8}")
    runs = [(c, SOURCE[c]) for c in args.configs.split(",")]
    if args.both:
        runs = [(c, lang) for c, _ in runs for lang in ("zh_CN", "zh_TW")]
    if args.fuzz:
        corpora["fuzz"] = fuzz_lines(args.fuzz)
        runs += [(c, "fuzz") for c in args.configs.split(",")]
    for config, lang in runs:
        lines = corpora[lang]
        ref = opencc.OpenCC(config + ".json")
        expected = [ref.convert(l) for l in lines]
        got = zhfix_convert(config, "\n".join(lines) + "\n").split("\n")[:-1]
        assert len(got) == len(lines), (config, len(got), len(lines))
        diffs = [(l, e, g) for l, e, g in zip(lines, expected, got) if e != g]
        pct = 100.0 * (len(lines) - len(diffs)) / len(lines)
        failed |= pct < 99.95
        print(f"{config:8} {lang:6} {len(lines):7} {len(lines) - len(diffs):7} {pct:8.3f}")
        for l, e, g in diffs[: args.show]:
            print(f"    in:     {l}\n    opencc: {e}\n    zhfix:  {g}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
