# Peak RSS (GNU time -v). First the large zh_CN file with s2t, whole file in memory on both
# sides: OpenCC 1.4.2 from Python vs zhfix's conversion stage and full pipeline. Then a
# 1 GB file (the zh_CN corpus repeated, made here under target/bench and deleted after)
# streamed through `zhfix --to t`: zhfix reads it in 2 MiB chunks (a path and stdin take
# the same streaming code),
# so its memory must not grow with the input (target: under 100 MB).
out="$BENCH_PARTS/30-memory.md"
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {printf "%.1f", $2 / 1024}'; }
ref=$(rss $PY -c "import opencc,sys; opencc.OpenCC('s2t.json').convert(open(sys.argv[1], encoding='utf-8').read())" "$BIG_CN")
conv=$(rss sh -c "\"$OPENCC_EX\" -c s2t -j $NPROC <\"$BIG_CN\"")
pipe=$(rss "$ZHFIX" --to t "$BIG_CN")

huge="$BENCH_DIR/1g.txt"
trap 'rm -f "$huge"' EXIT
: >"$huge"
while [ "$(stat -c %s "$huge")" -lt 1000000000 ]; do cat "$CORPUS_CN" >>"$huge"; done
huge_mb=$(($(stat -c %s "$huge") / 1000000))
t0=$(date +%s.%N)
stream_path=$(rss "$ZHFIX" --to t "$huge")
t1=$(date +%s.%N)
load=$(cut -d' ' -f1-3 /proc/loadavg)
rm -f "$huge"
{
    echo "## Peak RSS (MB)"
    echo
    echo "s2t over $(du -h "$BIG_CN" | cut -f1), whole file in memory:"
    echo
    echo "| OpenCC 1.4.2 (python) | zhfix conversion only | ratio | zhfix --to t (pipeline) | ratio |"
    echo "|---:|---:|---:|---:|---:|"
    awk -v r="$ref" -v c="$conv" -v p="$pipe" 'BEGIN { printf "| %.1f | %.1f | %.2fx | %.1f | %.2fx |\n", r, c, c / r, p, p / r }'
    echo
    echo "Streaming a ${huge_mb} MB file through \`zhfix --to t\` (target < 100 MB; load average $load):"
    echo
    echo "| peak RSS (MB) | wall time (s) | MB/s |"
    echo "|---:|---:|---:|"
    awk -v p="$stream_path" -v t0="$t0" -v t1="$t1" -v m="$huge_mb" 'BEGIN { t = t1 - t0; printf "| %.1f | %.1f | %.1f |\n", p, t, m / t }'
} >"$out"
