#!/usr/bin/env python3
"""Write data/codec/cns11643.tsv: the characters of CNS 11643, for the ISO-2022-CN and
EUC-TW decoders (src/decode/cns.rs). encoding_rs has no CNS 11643 table, and Big5 cannot
stand in for it by arithmetic: the two order their characters alike only in long
stretches (the offset between them drifts by up to four places in plane 2).

One line per assigned code: plane, the code's two 7-bit bytes in hex, the character.
The mapping is glibc iconv's EUC-TW (plane 1 is A1-FE A1-FE there, plane N is 8E A0+N
followed by such a pair); codes iconv rejects are left out. glibc knows planes 1-7 and
15; the rare characters of planes 3 and up are mostly outside the BMP.

Usage: python3 scripts/cns11643-table.py > data/codec/cns11643.tsv
       python3 scripts/cns11643-table.py --check   (compare with the stored file)
"""
import subprocess
import sys

PLANES = [1, 2, 3, 4, 5, 6, 7, 15]
PREFIX = {p: (b"" if p == 1 else bytes([0x8E, 0xA0 + p])) for p in PLANES}


def lines():
    out = []
    for plane, prefix in PREFIX.items():
        codes = [(r, c) for r in range(0x21, 0x7F) for c in range(0x21, 0x7F)]
        # One code per line, so a rejected code (iconv -c drops it) leaves an empty line.
        src = b"".join(prefix + bytes([r | 0x80, c | 0x80]) + b"\n" for r, c in codes)
        res = subprocess.run(
            ["iconv", "-c", "-f", "EUC-TW", "-t", "UTF-8"], input=src, capture_output=True
        )
        decoded = res.stdout.decode("utf-8").split("\n")
        found = [(r, c, ch) for (r, c), ch in zip(codes, decoded) if len(ch) == 1]
        # iconv -c may skip part of a rejected code and read the rest as another
        # (8E A2 F3 C5 comes out as plane 1's F3 C5), so a code is kept only when its
        # character encodes back to it.
        back = subprocess.run(
            ["iconv", "-f", "UTF-8", "-t", "EUC-TW"],
            input="\n".join(ch for _, _, ch in found).encode("utf-8"),
            capture_output=True,
            check=True,
        ).stdout.split(b"\n")
        for (r, c, ch), again in zip(found, back):
            if again == prefix + bytes([r | 0x80, c | 0x80]):
                out.append(f"{plane}\t{r:02X}{c:02X}\t{ch}")
    return out


def main():
    table = lines()
    if sys.argv[1:] == ["--check"]:
        with open("data/codec/cns11643.tsv", encoding="utf-8") as f:
            stored = f.read().splitlines()
        same = stored == table
        print("same" if same else "differs")
        sys.exit(0 if same else 1)
    print("\n".join(table))


if __name__ == "__main__":
    main()
