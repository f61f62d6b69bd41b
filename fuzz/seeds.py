#!/usr/bin/env python3
"""Write a seed corpus for one fuzz target from the text in tests/fixtures.

usage: seeds.py TARGET OUT_DIR MAX_LEN

Every fixture file (raw bytes: the detect fixtures are real GBK/Big5/UTF-16/HZ files) and
every string of 4+ characters in the fixtures' JSON lines (the pipeline records, the
OpenCC oracle, the seed-repair and mojibake sentences) becomes one seed, cut to MAX_LEN.
Targets whose first byte picks an option or configuration get a rotating first byte so
every choice starts with real text.
"""
import hashlib, json, pathlib, sys

PICKS = {"decode", "fix_annotations", "fix_misalign", "fix_mojibake", "repair", "convert", "pipeline"}
target, out, max_len = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def strings(value):
    if isinstance(value, str):
        if len(value) >= 4:
            yield value.encode("utf-8")
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


seeds = []
for path in sorted(p for p in root.rglob("*") if p.is_file()):
    if path.suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                seeds.extend(strings(json.loads(line)))
            except json.JSONDecodeError:  # edge.jsonl holds deliberately broken lines
                seeds.append(line.encode("utf-8"))
    elif path.suffix == ".txt" and path.parent.name == "mojibake":
        seeds.extend(l.encode("utf-8") for l in path.read_text(encoding="utf-8").splitlines() if l)
    else:
        seeds.append(path.read_bytes())

out.mkdir(parents=True, exist_ok=True)
written = set()
for i, seed in enumerate(seeds):
    seed = seed[: max_len - 1 if target in PICKS else max_len]
    if target in PICKS:
        seed = bytes([i % 256]) + seed
    name = hashlib.sha1(seed).hexdigest()
    if name not in written:
        written.add(name)
        (out / name).write_bytes(seed)
print(f"{target}: {len(written)} seeds in {out}")
