#!/usr/bin/env bash
# zhfix benchmark driver: one command, prints a table, writes target/bench/results.md.
#
#   scripts/bench.sh            # everything (a few minutes on 2 cores)
#   scripts/bench.sh convert    # only parts whose file name contains "convert"
#
# It installs what it needs (Debian manpages-zh, opencc CLI, hyperfine, GNU time; PyPI
# opencc==1.4.2, ftfy), builds release, builds the corpus from Debian's manpages-zh, then runs
# every scripts/bench/*.sh part in name order. A part writes a markdown section to
# "$BENCH_PARTS/<part>.md" (or prints it on stdout); this driver concatenates them into
# results.md. Parts get:
#   BENCH_DIR   target/bench          BENCH_PARTS  where to write the section
#   CORPUS_CN   zh_CN manpage text    CORPUS_TW    zh_TW manpage text   (~5 MB each)
#   BIG_CN      CORPUS_CN x4          BIG_TW       CORPUS_TW x4         (~20 MB each)
#   ZHFIX       the release binary    OPENCC_EX    conversion-only filter (examples/opencc.rs)
#   NPROC       cores                 PY           python3 with opencc==1.4.2
# Add a part by dropping scripts/bench/NN-name.sh here; it may assume `set -euo pipefail`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
filter=${1:-}

need_apt=()
dpkg -s manpages-zh &>/dev/null || need_apt+=(manpages-zh)
# The PyPI wheel puts its own `opencc` on PATH: check for the Debian binary itself.
[ -x /usr/bin/opencc ] || need_apt+=(opencc)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing ${need_apt[*]}" >&2
    apt-get update -q >/dev/null
    apt-get install -y -q "${need_apt[@]}" >/dev/null
fi
export PY=${PY:-python3}
if ! $PY -c 'import opencc, sys; sys.exit(opencc.__version__ != "1.4.2")' 2>/dev/null; then
    $PY -m pip install -q opencc==1.4.2
fi
# The mojibake part compares against ftfy, the tool people use for this.
$PY -c 'import ftfy' 2>/dev/null || $PY -m pip install -q ftfy

echo "building release" >&2
cargo build --release --quiet --bin zhfix --example opencc

export BENCH_DIR="$root/target/bench"
export BENCH_PARTS="$BENCH_DIR/parts"
export ZHFIX="$root/target/release/zhfix"
export OPENCC_EX="$root/target/release/examples/opencc"
export NPROC=$(nproc)
rm -rf "$BENCH_PARTS"
mkdir -p "$BENCH_PARTS" "$BENCH_DIR/corpus"
export CORPUS_CN="$BENCH_DIR/corpus/zh_CN.txt" CORPUS_TW="$BENCH_DIR/corpus/zh_TW.txt"
export BIG_CN="$BENCH_DIR/corpus/big_zh_CN.txt" BIG_TW="$BENCH_DIR/corpus/big_zh_TW.txt"
if [ ! -s "$CORPUS_CN" ] || [ ! -s "$BIG_TW" ]; then
    $PY scripts/opencc-agreement.py --corpus-only "$BENCH_DIR/corpus"
    for lang in CN TW; do
        src="$BENCH_DIR/corpus/zh_$lang.txt"
        cat "$src" "$src" "$src" "$src" >"$BENCH_DIR/corpus/big_zh_$lang.txt"
    done
fi

for part in scripts/bench/*.sh; do
    name=$(basename "$part" .sh)
    case "$name" in *"$filter"*) ;; *) continue ;; esac
    echo "running $name" >&2
    if ! bash -euo pipefail "$part" >"$BENCH_PARTS/$name.stdout"; then
        echo "**$name failed**" >>"$BENCH_PARTS/$name.md"
    fi
    # A part may print its section on stdout instead of writing the file.
    if [ ! -s "$BENCH_PARTS/$name.md" ] && [ -s "$BENCH_PARTS/$name.stdout" ]; then
        mv "$BENCH_PARTS/$name.stdout" "$BENCH_PARTS/$name.md"
    fi
    rm -f "$BENCH_PARTS/$name.stdout"
done

{
    echo "# zhfix benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Corpus: Debian manpages-zh ($(du -h "$CORPUS_CN" | cut -f1) zh_CN, $(du -h "$CORPUS_TW" | cut -f1) zh_TW; large files are 4 copies)."
    echo "Reference: OpenCC 1.4.2 (PyPI wheel, C++ core, called in-process from Python); ratios are zhfix / OpenCC."
    for f in "$BENCH_PARTS"/*.md; do
        echo
        cat "$f"
    done
} >"$BENCH_DIR/results.md"
cat "$BENCH_DIR/results.md"
