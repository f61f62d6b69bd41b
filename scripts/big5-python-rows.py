#!/usr/bin/env python3
"""Write data/codec/big5_python.tsv: how Python's big5 and cp950 decoders read the Big5
rows where they (and Windows code page 950) disagree with the WHATWG Big5 decoder that
encoding_rs implements: A1-A2 (a dozen symbols), C6-C7 (the ETEN kana, circled numbers
and radicals), F9 (ETEN box drawing), and the rows Python rejects (wholly or in part)
where WHATWG has characters: A3 (from A3C0) and C8 (WHATWG's Cyrillic and kana).

One line per pair: hex pair, Python big5's character, cp950's ('-' where the decoder
rejects the pair). Whole rows are stored, not only the differences, so the file says
nothing about encoding_rs: src/repair/mojibake/eten.rs compares at run time.

Usage: python3 scripts/big5-python-rows.py > data/codec/big5_python.tsv
       python3 scripts/big5-python-rows.py --check   (compare with the stored file)
Python's codec tables are PSF-licensed; a character mapping is a list of facts.
"""
import sys

ROWS = [0xA1, 0xA2, 0xA3, 0xC6, 0xC7, 0xC8, 0xF9]
TRAILS = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))


def read(pair, codec):
    try:
        s = pair.decode(codec)
    except UnicodeDecodeError:
        return "-"
    return s if len(s) == 1 else "-"


def lines():
    out = [f"# Big5 rows as Python {sys.version.split()[0]} decodes them "
           "(scripts/big5-python-rows.py): pair, big5, cp950"]
    for lead in ROWS:
        for trail in TRAILS:
            pair = bytes([lead, trail])
            out.append(f"{pair.hex().upper()}\t{read(pair, 'big5')}\t{read(pair, 'cp950')}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    text = lines()
    if "--check" in sys.argv:
        path = "data/codec/big5_python.tsv"
        with open(path, encoding="utf-8") as f:
            stored = f.read()
        body = lambda t: [l for l in t.splitlines() if not l.startswith("#")]
        ok = body(stored) == body(text)
        print(f"{path}: {'matches' if ok else 'DIFFERS FROM'} this Python's codecs")
        sys.exit(0 if ok else 1)
    sys.stdout.write(text)
