#!/usr/bin/env bash
# zhfix vs ftfy (PyPI) on the same garbled inputs, in one run. Prints a markdown table to
# stdout: lines restored exactly, clean lines left alone, and wall time, with ratios.
# Inputs are made here from tests/fixtures/mojibake/sentences.txt (real sentences), so
# both tools see identical bytes. Needs: python3 with ftfy (pip install ftfy).
set -euo pipefail
cd "$(dirname "$0")/../.."
ZHFIX="${ZHFIX:-target/release/zhfix}"
[ -x "$ZHFIX" ] || cargo build --release --quiet
python3 - "$ZHFIX" <<'PY'
import subprocess, sys, tempfile, time, os
import ftfy

zhfix = sys.argv[1]
sentences = [l for l in open('tests/fixtures/mojibake/sentences.txt', encoding='utf-8').read().splitlines() if l.strip()]
REPEAT = 40  # ~200 KB per input: long enough to time, short enough to run anywhere

def latin1(b): return b.decode('latin-1')
def cp1252(b): return ''.join(bytes([x]).decode('cp1252', errors='ignore') or chr(x) for x in b)
kinds = {
    'utf8_as_cp1252': lambda s: cp1252(s.encode()),
    'utf8_as_latin1': lambda s: latin1(s.encode()),
    'double_utf8': lambda s: latin1(cp1252(s.encode()).encode()),
    'gbk_as_latin1': lambda s: latin1(s.encode('gbk', 'strict')) if ok(s, 'gbk') else None,
    'utf8_as_gbk': lambda s: s.encode().decode('gbk', 'strict') if ok2(s) else None,
    'clean_chinese': lambda s: s,
}
def ok(s, enc):
    try: s.encode(enc); return True
    except UnicodeError: return False
def ok2(s):
    try: s.encode().decode('gbk'); return True
    except UnicodeError: return False

rows = []
tmp = tempfile.mkdtemp()
for kind, garble in kinds.items():
    pairs = [(s, garble(s)) for s in sentences]
    pairs = [(s, g) for s, g in pairs if g is not None] * REPEAT
    text = '\n'.join(g for _, g in pairs) + '\n'
    path = os.path.join(tmp, kind + '.txt')
    with open(path, 'w', encoding='utf-8') as f: f.write(text)
    t0 = time.perf_counter()
    z_out = subprocess.run([zhfix, '--to', 'keep', path], capture_output=True, check=True).stdout.decode('utf-8')
    tz = time.perf_counter() - t0
    t0 = time.perf_counter()
    f_out = ''.join(ftfy.fix_text(line) for line in text.splitlines(keepends=True))
    tf = time.perf_counter() - t0
    want = [s for s, _ in pairs]
    z_ok = sum(a == b for a, b in zip(z_out.splitlines(), want))
    f_ok = sum(a == b for a, b in zip(f_out.splitlines(), want))
    rows.append((kind, len(pairs), z_ok, f_ok, tz, tf, len(text.encode())))

print('| input | lines | zhfix exact | ftfy exact | zhfix time | ftfy time | ftfy/zhfix time |')
print('|---|---:|---:|---:|---:|---:|---:|')
for kind, n, z, f, tz, tf, size in rows:
    print(f'| {kind} ({size // 1024} KB) | {n} | {100*z/n:.1f}% | {100*f/n:.1f}% | {tz*1000:.0f} ms | {tf*1000:.0f} ms | {tf/tz:.1f}x |')
print()
print('zhfix: one process per input (startup included); ftfy: ftfy.fix_text per line, in-process, defaults.')
PY
