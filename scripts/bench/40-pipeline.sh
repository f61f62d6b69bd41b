# The full pipeline (detect + decode + repair + convert + write) with `zhfix --to t` on
# the large clean simplified file, against conversion alone (examples/opencc.rs -c s2t),
# both as whole processes with all cores available.
out="$BENCH_PARTS/40-pipeline.md"
json="$BENCH_DIR/pipeline.json"
hyperfine -N --warmup 1 --runs 5 --export-json "$json" \
    -n pipeline "$ZHFIX --to t $BIG_CN" \
    -n convert "sh -c '$OPENCC_EX -c s2t -j $NPROC <$BIG_CN'" >/dev/null
{
    echo "## Full pipeline vs conversion alone ($(du -h "$BIG_CN" | cut -f1) clean zh_CN, --to t)"
    echo
    $PY - "$json" "$BIG_CN" <<'PY'
import json, os, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
size = os.path.getsize(sys.argv[2]) / 1e6
p, c = res["pipeline"], res["convert"]
print("| run | seconds | MB/s |\n|---|---:|---:|")
print(f"| `zhfix --to t` (detect+repair+convert) | {p:.3f} | {size / p:.1f} |")
print(f"| conversion only (s2t) | {c:.3f} | {size / c:.1f} |")
print(f"\nPipeline / conversion time: **{p / c:.2f}x** (target <= 1.5x).")
PY
} >"$out"
