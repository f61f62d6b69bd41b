# Peak RSS (GNU time -v) converting the large zh_CN file with s2t, whole file in memory on
# both sides: OpenCC 1.4.2 from Python vs zhfix's conversion stage and full pipeline.
out="$BENCH_PARTS/30-memory.md"
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {printf "%.1f", $2 / 1024}'; }
ref=$(rss $PY -c "import opencc,sys; opencc.OpenCC('s2t.json').convert(open(sys.argv[1], encoding='utf-8').read())" "$BIG_CN")
conv=$(rss sh -c "\"$OPENCC_EX\" -c s2t -j $NPROC <\"$BIG_CN\"")
pipe=$(rss "$ZHFIX" --to t "$BIG_CN")
{
    echo "## Peak RSS, s2t over $(du -h "$BIG_CN" | cut -f1) (MB)"
    echo
    echo "| OpenCC 1.4.2 (python) | zhfix conversion only | ratio | zhfix --to t (pipeline) | ratio |"
    echo "|---:|---:|---:|---:|---:|"
    awk -v r="$ref" -v c="$conv" -v p="$pipe" 'BEGIN { printf "| %.1f | %.1f | %.2fx | %.1f | %.2fx |\n", r, c, c / r, p, p / r }'
} >"$out"
