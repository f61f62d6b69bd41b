# Conversion throughput: OpenCC 1.4.2 vs zhfix's native engine (conversion stage only).
# OpenCC is timed in-process (best of 3, single thread: its API has no parallel mode);
# zhfix through examples/opencc.rs with 1 thread and with all cores (best of 3).
out="$BENCH_PARTS/10-convert.md"
opencc_mbps() { # config file
    $PY - "$1" "$2" <<'PY'
import sys, time, opencc
cfg, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
conv = opencc.OpenCC(cfg + ".json")
best = min(
    (lambda t0: (conv.convert(text), time.perf_counter() - t0)[1])(time.perf_counter())
    for _ in range(3)
)
print(f"{len(text.encode()) / best / 1e6:.1f}")
PY
}
zhfix_mbps() { # config file threads
    "$OPENCC_EX" -c "$1" -j "$3" --repeat 3 <"$2" 2>&1 >/dev/null | awk '/^MB\/s/ {print $2}'
}
{
    echo "## Conversion throughput (MB/s, $(du -h "$BIG_CN" | cut -f1) input)"
    echo
    echo "| config | input | OpenCC 1.4.2 | zhfix 1 thread | ratio | zhfix $NPROC threads | ratio | scaling |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    for pair in s2t:BIG_CN t2s:BIG_TW s2twp:BIG_CN tw2sp:BIG_TW; do
        cfg=${pair%%:*}
        var=${pair#*:}
        file=${!var}
        ref=$(opencc_mbps "$cfg" "$file")
        one=$(zhfix_mbps "$cfg" "$file" 1)
        all=$(zhfix_mbps "$cfg" "$file" "$NPROC")
        awk -v c="$cfg" -v f="zh_${var#BIG_}" -v r="$ref" -v o="$one" -v a="$all" 'BEGIN {
            printf "| %s | %s | %.1f | %.1f | %.1fx | %.1f | %.1fx | %.2fx |\n", c, f, r, o, o / r, a, a / r, a / o }'
    done
    echo
    echo "Scaling is zhfix's $NPROC-thread throughput over its own 1-thread throughput (target >= 1.8x"
    echo "with 2 threads; it needs idle cores: load average when this part ended $(cut -d' ' -f1-3 /proc/loadavg))."
} >"$out"
