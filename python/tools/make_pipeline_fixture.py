#!/usr/bin/env python3
"""Build tests/fixtures/pipeline/ from the development corpus (run by hand, not by tests).

The Python and Spark tests must not read ../shared, so this copies a small, varied sample:

* records.jsonl -- a few thousand JSON records ``{"id", "source", "category", "text",
  "meta"}`` whose ``text`` comes from the corpus inputs that are valid UTF-8 (mojibake of
  every kind, the seed corruption, mixed damage, clean controls), mostly one line per record
  and some whole documents, plus clean lines taken from the expected outputs.
* edge.jsonl -- records the ``--jsonl`` mode must pass through or handle specially.
* bytes/*.bin -- small raw inputs in legacy encodings (GBK, GB18030, Big5, HZ, UTF-16
  without BOM, UTF-8 with BOM, mixed lines) for ``fix_bytes``.

Deterministic: the same corpus gives the same fixture.

    python3 python/tools/make_pipeline_fixture.py ../shared/corpus/dev tests/fixtures/pipeline
"""

import json
import os
import random
import shutil
import sys
from collections import defaultdict

# Budget: the whole fixture stays well under 1.5 MB.
MAX_RECORD_BYTES = 1500
PER_CATEGORY_RECORDS = 260
CLEAN_RECORDS = 300
BYTES_PER_VARIANT = 3
MAX_BIN_BYTES = 1400


def main(corpus: str, out: str) -> None:
    rng = random.Random(7)
    cases = [json.loads(line) for line in open(os.path.join(corpus, "cases.jsonl"), encoding="utf-8")]
    by_cat = defaultdict(list)
    for case in cases:
        by_cat[case["category"]].append(case)

    records = []
    for cat in sorted(by_cat):
        texts = []
        for case in by_cat[cat]:
            raw = open(os.path.join(corpus, case["input"]), "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if text.startswith("\ufeff"):
                continue
            # Every third small document stays whole (newlines inside the string, and the
            # document-level evidence the repairers use); the rest become line records.
            if len(raw) <= MAX_RECORD_BYTES and len(texts) % 3 == 0:
                texts.append((case["id"], text))
            else:
                for n, line in enumerate(text.split("\n")):
                    if line.strip() and len(line.encode()) <= MAX_RECORD_BYTES:
                        texts.append((f"{case['id']}:{n + 1}", line))
        rng.shuffle(texts)
        for source, text in sorted(texts[:PER_CATEGORY_RECORDS]):
            records.append({"source": source, "category": cat, "text": text})

    clean = []
    for case in cases:
        for line in case["expected_keep"].split("\n"):
            if line.strip() and len(line.encode()) <= 400:
                clean.append((case["id"], line))
    rng.shuffle(clean)
    for source, text in sorted(clean[:CLEAN_RECORDS]):
        records.append({"source": source + ":expected", "category": "clean_lines", "text": text})

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "records.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for i, r in enumerate(records):
            rec = {"id": i, "source": r["source"], "category": r["category"], "text": r["text"],
                   "meta": {"len": len(r["text"]), "tags": [r["category"]]}}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    bins = os.path.join(out, "bytes")
    shutil.rmtree(bins, ignore_errors=True)
    os.makedirs(bins)
    by_variant = defaultdict(list)
    for case in cases:
        if case["category"] in ("legacy_raw", "mixed", "utf8_as_gbk", "seed_annot"):
            size = os.path.getsize(os.path.join(corpus, case["input"]))
            if size <= MAX_BIN_BYTES:
                by_variant[(case["category"], case["variant"])].append((size, case["id"], case["input"]))
    for key in sorted(by_variant):
        for _, cid, path in sorted(by_variant[key])[:BYTES_PER_VARIANT]:
            shutil.copyfile(os.path.join(corpus, path), os.path.join(bins, cid + ".bin"))
    print(f"{len(records)} records, {len(os.listdir(bins))} byte inputs")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
