# A tree of many small files through the whole pipeline (--to t into --out-dir), and the
# repair stage's cost on clean text (--to keep, which only detects and repairs) against
# conversion alone, all on the same clean zh_CN corpus.
out="$BENCH_PARTS/50-tree.md"
tree="$BENCH_DIR/tree"
if [ ! -d "$tree/in" ]; then
    mkdir -p "$tree/in"
    split -l 40 -a 4 -d "$CORPUS_CN" "$tree/in/page-"
fi
files=$(find "$tree/in" -type f | wc -l)
json="$BENCH_DIR/tree.json"
hyperfine -N --warmup 1 --runs 5 --export-json "$json" \
    --prepare "rm -rf $tree/out" \
    -n tree "$ZHFIX --to t -r --out-dir $tree/out $tree/in" \
    -n keep "$ZHFIX --to keep $CORPUS_CN" \
    -n convert "sh -c '$OPENCC_EX -c s2t -j $NPROC <$CORPUS_CN'" >/dev/null
{
    echo "## Many small files, and repair cost on clean text ($(du -h "$CORPUS_CN" | cut -f1) zh_CN)"
    echo
    $PY - "$json" "$CORPUS_CN" "$files" <<'PY'
import json, os, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
size = os.path.getsize(sys.argv[2]) / 1e6
print("| run | seconds | MB/s |\n|---|---:|---:|")
print(f"| `zhfix --to t -r --out-dir` over {sys.argv[3]} files | {res['tree']:.3f} | {size / res['tree']:.1f} |")
print(f"| `zhfix --to keep` (detect + repair only), one file | {res['keep']:.3f} | {size / res['keep']:.1f} |")
print(f"| conversion only (s2t), one file | {res['convert']:.3f} | {size / res['convert']:.1f} |")
print(f"\nRepair-only / conversion-only time: **{res['keep'] / res['convert']:.2f}x**.")
PY
} >"$out"
