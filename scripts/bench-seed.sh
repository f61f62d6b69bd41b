#!/bin/sh
# Cost of the seed-corruption stage (annotations, misalignment, lost bytes).
#
# Clean text must pay only a scan (no annotation evidence -> no GBK re-encoding, no
# search); damaged text pays the beam search over its garbled runs. Compare:
#   clean:   ~1.6 MB of clean Traditional text (seed 000's expected text x500)
#   damaged: seed 000 (annotations, misaligned runs, a stray byte) x30
# Needs hyperfine (apt-get install hyperfine) and a release build.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
clean = open('tests/fixtures/seed/000_expected.txt', encoding='utf-8').read()
seed = open('tests/fixtures/seed/000_input.txt', encoding='utf-8').read()
open(f'{d}/clean.txt', 'w', encoding='utf-8').write(clean * 500)
open(f'{d}/damaged.txt', 'w', encoding='utf-8').write((seed + '\n') * 30)
PY
hyperfine --warmup 2 \
  -n clean "target/release/zhfix --to keep $tmp/clean.txt" \
  -n damaged "target/release/zhfix --to keep $tmp/damaged.txt"
