# The full pipeline (detect + decode + repair + convert + write) with `zhfix --to t` on
# the large clean simplified file, against conversion alone (examples/opencc.rs -c s2t),
# both as whole processes with all cores available. A third run with --no-repair shows
# what the stages around conversion cost without the repair stage.
out="$BENCH_PARTS/40-pipeline.md"
json="$BENCH_DIR/pipeline.json"
hyperfine -N --warmup 1 --runs 5 --export-json "$json" \
    -n pipeline "$ZHFIX --to t $BIG_CN" \
    -n no-repair "$ZHFIX --to t --no-repair $BIG_CN" \
    -n convert "sh -c '$OPENCC_EX -c s2t -j $NPROC <$BIG_CN'" >/dev/null
{
    echo "## Full pipeline vs conversion alone ($(du -h "$BIG_CN" | cut -f1) clean zh_CN, --to t)"
    echo
    $PY - "$json" "$BIG_CN" <<'PY'
import json, os, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
size = os.path.getsize(sys.argv[2]) / 1e6
p, n, c = res["pipeline"], res["no-repair"], res["convert"]
print("| run | seconds | MB/s | time / conversion |\n|---|---:|---:|---:|")
print(f"| `zhfix --to t` (detect+repair+convert) | {p:.3f} | {size / p:.1f} | {p / c:.2f}x |")
print(f"| `zhfix --to t --no-repair` (detect+convert) | {n:.3f} | {size / n:.1f} | {n / c:.2f}x |")
print(f"| conversion only (s2t) | {c:.3f} | {size / c:.1f} | 1.00x |")
print(f"\nPipeline / conversion time: **{p / c:.2f}x** (target <= 1.5x); "
      f"without the repair stage **{n / c:.2f}x**.")
PY
} >"$out"
