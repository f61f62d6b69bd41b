#!/usr/bin/env bash
# Runs every cargo-fuzz target for a fixed wall-clock budget each, one after another, and
# logs what each run did to target/fuzz-log/ (see tests/FUZZING.md).
#
# usage: fuzz/campaign.sh [SECONDS_PER_TARGET] [TARGET...]
#   (build first: RUSTC_BOOTSTRAP=1 cargo fuzz build -O; FUZZ_BIN=DIR runs the binaries in DIR,
#   FUZZ_COMMIT=SHA records the commit they were built from)
#
# libFuzzer stops at the first crash. So that one crash does not cost a target the rest of
# its budget, a run that crashes is logged and restarted with the time left; the crashing
# input is set aside (artifact kept) so a seed that crashes is not replayed forever.
#
# Output, per target T:
#   target/fuzz-log/T.log          libFuzzer's full output of every run of T
#   target/fuzz-log/T-crash-<sha1> each crashing input; its panic message is in T.log
#   target/fuzz-log/summary.tsv    one line per run: see the header line
#   target/fuzz-corpus/T/          the corpus the runs grew (seeds stay in target/fuzz-seeds/T)
set -u
cd "$(dirname "$0")/.."
budget=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(detect decode fix_annotations fix_misalign fix_mojibake repair convert pipeline)

declare -A max_len=(
    [detect]=8192 [decode]=8192 [convert]=4096 [pipeline]=4096
    [fix_annotations]=2048 [fix_misalign]=2048 [fix_mojibake]=2048 [repair]=2048
)
bin=${FUZZ_BIN:-fuzz/target/x86_64-unknown-linux-gnu/release}  # FUZZ_BIN: a copy, so rebuilding mid-campaign changes nothing
log=target/fuzz-log
commit=${FUZZ_COMMIT:-$(git rev-parse HEAD)}  # FUZZ_COMMIT: the commit FUZZ_BIN was built from
mkdir -p "$log"
summary=$log/summary.tsv
[ -f "$summary" ] || printf 'target\tcommit\trun\tstart_utc\tend_utc\tseconds\texit\texecs\texec_per_s\tcov\tft\tcorpus\tnew_units\tpeak_rss_mb\tcrash_input\n' > "$summary"

for t in "${targets[@]}"; do
    len=${max_len[$t]}
    seeds=target/fuzz-seeds/$t
    corpus=target/fuzz-corpus/$t
    [ -d "$seeds" ] || python3 fuzz/seeds.py "$t" "$seeds" "$len" >> "$log/$t.log"
    mkdir -p "$corpus"
    end=$(( $(date +%s) + budget ))
    run=0
    while left=$(( end - $(date +%s) )); [ "$left" -gt 5 ]; do
        run=$((run + 1))
        start=$(date -u +%FT%TZ); t0=$(date +%s)
        echo "=== $t run $run, $left s left, commit $commit, $start" >> "$log/$t.log"
        out=$(mktemp)
        "$bin/$t" "$corpus" "$seeds" -max_total_time="$left" -max_len="$len" -timeout=30 \
            -print_final_stats=1 -artifact_prefix="$log/$t-" > "$out" 2>&1
        rc=$?
        cat "$out" >> "$log/$t.log"
        fstat() { grep -a "^stat::$1:" "$out" | awk '{print $2}' | tail -1; }
        last=$(grep -a -E '^#[0-9]+.*cov: ' "$out" | tail -1)
        field() { echo "$last" | grep -o -E "$1: [0-9]+" | awk '{print $2}'; }
        crash=$(grep -a -o -E "Test unit written to \S+" "$out" | awk '{print $5}' | tail -1)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$commit" "$run" \
            "$start" "$(date -u +%FT%TZ)" $(( $(date +%s) - t0 )) "$rc" "$(fstat number_of_executed_units)" \
            "$(fstat average_exec_per_sec)" "$(field cov)" "$(field ft)" "$(field corp)" \
            "$(fstat new_units_added)" "$(fstat peak_rss_mb)" "${crash:--}" >> "$summary"
        rm -f "$out"
        [ "$rc" -eq 0 ] && break
        if [ -n "$crash" ]; then
            # Artifacts are named by the input's SHA-1, as the seeds and corpus files are.
            sha=${crash##*-}
            rm -f "$seeds/$sha" "$corpus/$sha"
        else
            break  # not a crash we can step past (e.g. an out-of-memory in the driver)
        fi
    done
    echo "=== $t finished $(date -u +%FT%TZ)" >> "$log/$t.log"
done
echo "campaign finished $(date -u +%FT%TZ)" >> "$log/summary.done"
