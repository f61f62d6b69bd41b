#!/usr/bin/env bash
# Benchmark part: the Python module against ftfy + Python opencc, same records, same run.
#
# Prints a markdown table on stdout (scripts/bench.sh collects it into
# target/bench/results.md): records/s for zhfix.fix called once per record, for
# zhfix.fix_batch (GIL released, rayon), and for ftfy.fix_text followed by
# opencc.OpenCC("t2s").convert -- the pair data-juicer-style pipelines use today -- each
# doing "repair, then convert to Simplified", plus repair only. The records are the
# pipeline fixture (dev-corpus lines: mojibake, inline-pinyin corruption, clean text),
# repeated to ZHFIX_BENCH_RECORDS (default 20000). Each timing is the best of 3.
#
# Needs the zhfix module (built here from this tree with `pip install ./python` every run),
# ftfy and opencc==1.4.2 (installed from PyPI if missing; a row says so if they cannot be).
set -euo pipefail
cd "$(dirname "$0")/../.."

py=${PYTHON:-python3}
# Always this tree's module: an installed one may be an older build (it was, once, and the
# table then measured code the tree no longer held). Sharing the CLI's target dir reuses
# its compiled dependencies.
echo "building the zhfix Python module from this tree (pip install ./python)" >&2
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}" "$py" -m pip install -q \
    --force-reinstall --no-deps --disable-pip-version-check --root-user-action=ignore ./python >&2
"$py" -c 'import ftfy, opencc' 2>/dev/null || "$py" -m pip install -q ftfy 'opencc==1.4.2' >&2 || true

"$py" - tests/fixtures/pipeline/records.jsonl "${ZHFIX_BENCH_RECORDS:-20000}" <<'PY'
import json
import os
import sys
import time

import zhfix

path, n = sys.argv[1], int(sys.argv[2])
base = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
texts = (base * (n // len(base) + 1))[:n]
mb = sum(len(t.encode()) for t in texts) / 1e6


def best(fn, runs=3):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


rows = []
for to, job in (("s", "repair + convert to Simplified"), ("keep", "repair only")):
    pipeline = zhfix.Pipeline(to=to)
    zhfix.fix_batch(base, to=to)  # load dictionaries and the model outside the timings
    secs, single = best(lambda: [zhfix.fix(t, to=to) for t in texts])
    rows.append((job, "zhfix.fix, one call per record", secs, None))
    secs, batch = best(lambda: zhfix.fix_batch(texts, to=to))
    assert batch == single
    rows.append((job, f"zhfix.fix_batch ({os.cpu_count()} cores)", secs, None))
    try:
        import ftfy
        import opencc
    except ImportError as e:
        rows.append((job, f"ftfy + opencc: not available ({e})", None, None))
        continue
    if to == "s":
        cc = opencc.OpenCC("t2s")
        fn = lambda: [cc.convert(ftfy.fix_text(t)) for t in texts]
        name = "ftfy.fix_text + opencc t2s (1.4.2)"
    else:
        fn = lambda: [ftfy.fix_text(t) for t in texts]
        name = "ftfy.fix_text"
    secs, theirs = best(fn)
    same = sum(a == b for a, b in zip(theirs, single)) / len(texts)
    rows.append((job, name, secs, same))

print(f"### Python module: {n} records ({mb:.1f} MB) from tests/fixtures/pipeline\n")
print("| job | implementation | records/s | MB/s | output equal to zhfix |")
print("|---|---|---:|---:|---:|")
for job, name, secs, same in rows:
    if secs is None:
        print(f"| {job} | {name} | – | – | – |")
        continue
    eq = "–" if same is None else f"{same:.1%}"
    print(f"| {job} | {name} | {n / secs:,.0f} | {mb / secs:.2f} | {eq} |")
PY
