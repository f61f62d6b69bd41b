# The full pipeline (detect + decode + repair + convert + write) on the large clean files,
# against conversion alone (examples/opencc.rs), both as whole processes with all cores
# available: simplified text with `zhfix --to t` against s2t, and Traditional text with
# `zhfix --to s` against t2s. A third run of each with --no-repair shows what the stages
# around conversion cost without the repair stage. On clean text the repair stage should
# cost almost nothing (issue #5: the pipeline within 1.5x conversion alone).
out="$BENCH_PARTS/40-pipeline.md"
runs() { # name, input, --to, OpenCC config
    hyperfine -N --warmup 1 --runs 5 --export-json "$BENCH_DIR/pipeline-$1.json" \
        -n pipeline "$ZHFIX --to $3 $2" \
        -n no-repair "$ZHFIX --to $3 --no-repair $2" \
        -n convert "sh -c '$OPENCC_EX -c $4 -j $NPROC <$2'" >/dev/null
}
runs cn "$BIG_CN" t s2t
runs tw "$BIG_TW" s t2s
{
    echo "## Full pipeline vs conversion alone (clean man pages, $(du -h "$BIG_CN" | cut -f1) each)"
    echo
    $PY - "$BENCH_DIR" "$BIG_CN" "$BIG_TW" <<'PY'
import json, os, sys
bench, big_cn, big_tw = sys.argv[1:]
print("| input | run | seconds | MB/s | time / conversion |\n|---|---|---:|---:|---:|")
summary = []
for tag, path, to, config in (("cn", big_cn, "t", "s2t"), ("tw", big_tw, "s", "t2s")):
    res = {r["command"]: r["mean"] for r in json.load(open(f"{bench}/pipeline-{tag}.json"))["results"]}
    size = os.path.getsize(path) / 1e6
    p, n, c = res["pipeline"], res["no-repair"], res["convert"]
    label = f"zh_{tag.upper()}"
    print(f"| {label} | `zhfix --to {to}` (detect+repair+convert) | {p:.3f} | {size / p:.1f} | {p / c:.2f}x |")
    print(f"| {label} | `zhfix --to {to} --no-repair` (detect+convert) | {n:.3f} | {size / n:.1f} | {n / c:.2f}x |")
    print(f"| {label} | conversion only ({config}) | {c:.3f} | {size / c:.1f} | 1.00x |")
    summary.append(f"{label} `--to {to}`: **{p / c:.2f}x** (without the repair stage {n / c:.2f}x)")
print("\nPipeline / conversion time (target <= 1.5x): " + "; ".join(summary) + ".")
PY
} >"$out"
