# Start-up: load every dictionary s2t needs and convert one short line.
# In-process: OpenCC 1.4.2's constructor (Python, timed around OpenCC('s2t.json') plus the
# first convert) vs zhfix's convert::load (printed by examples/opencc.rs). Whole process:
# hyperfine over zhfix's binary, Debian's opencc CLI 1.1.6 and python -c (interpreter
# start-up included, so only indicative).
out="$BENCH_PARTS/20-startup.md"
tiny="$BENCH_DIR/corpus/tiny.txt"
echo "汉字转换测试，头发和发展。" >"$tiny"
ref_ms=$($PY - <<'PY'
import time, opencc
best = 1e9
for _ in range(5):
    t = time.perf_counter()
    opencc.OpenCC("s2t.json").convert("汉字")
    best = min(best, time.perf_counter() - t)
print(f"{best * 1e3:.2f}")
PY
)
own_ms=$(for _ in 1 2 3 4 5; do "$OPENCC_EX" -c s2t --repeat 1 <"$tiny" 2>&1 >/dev/null | awk '/^load_ms/ {print $2}'; done | sort -g | head -n1)
json="$BENCH_DIR/startup.json"
hyperfine -N --warmup 3 --runs 20 --export-json "$json" \
    -n zhfix "$ZHFIX --to t $tiny" \
    -n opencc-cli-1.1.6 "/usr/bin/opencc -c s2t -i $tiny" \
    -n python-opencc-1.4.2 "$PY -c \"import opencc; opencc.OpenCC('s2t.json').convert('汉字')\"" >/dev/null
{
    echo "## Start-up (s2t)"
    echo
    echo "| measure | OpenCC 1.4.2 | zhfix | ratio (OpenCC / zhfix) |"
    echo "|---|---:|---:|---:|"
    awk -v r="$ref_ms" -v o="$own_ms" 'BEGIN { printf "| load s2t dictionaries, in-process (ms) | %.2f | %.2f | %.1fx faster |\n", r, o, r / o }'
    $PY - "$json" <<'PY'
import json, sys
res = {r["command"]: r["mean"] * 1e3 for r in json.load(open(sys.argv[1]))["results"]}
z = res["zhfix"]
print(f"| whole process, `zhfix --to t` on one line (ms) | {res['python-opencc-1.4.2']:.1f} (python -c) | {z:.1f} | {res['python-opencc-1.4.2'] / z:.1f}x faster |")
print(f"| whole process, Debian `opencc` CLI 1.1.6 (ms) | {res['opencc-cli-1.1.6']:.1f} | {z:.1f} | {res['opencc-cli-1.1.6'] / z:.1f}x faster |")
PY
} >"$out"
