#!/usr/bin/env bash
# Coverage-guided fuzzing of every importer with libFuzzer (swiftc -sanitize=fuzzer,address).
#
#   bash fuzz/run.sh [seconds-per-target] [target ...]
#
# Builds the fuzz binary (release, AddressSanitizer) into .build-fuzz, then runs each target for
# the given time (default 600 s) from its seed corpus in fuzz/seeds/<target> plus the corpus the
# earlier runs grew in .build-fuzz/corpus/<target>. A crash, a sanitizer report, an input slower
# than 10 s or over 2 GB of memory fails the run; the reproducer is saved as
# .build-fuzz/artifacts/<target>/crash-* (or timeout-*, oom-*) and the script exits non-zero.
# A summary line per target (runs, coverage, corpus size) is appended to .build-fuzz/summary.txt.
# HF_FUZZ_NO_BUILD=1 skips the build (to run a second set of targets side by side with a first).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
all=(FuzzCSV FuzzLicenceReports FuzzPeople FuzzCatalogue FuzzPolicy FuzzKitos FuzzBindingsCSV FuzzArchive FuzzArchiveFiles)
targets=("${@:-${all[@]}}")
build=.build-fuzz

if [[ -z "${HF_FUZZ_NO_BUILD:-}" ]]; then  # set it to run several targets side by side on one build
echo "== Building the fuzz binary (all targets; HF_FUZZ_TARGET picks one)"
mkdir -p "$build"
if ! HANDLEFRIHED_FUZZ=1 swift build -c release --build-path "$build" --product Fuzz \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --disable-dead-strip > "$build/build.log" 2>&1; then
    grep -E "error:" "$build/build.log" | head -20 >&2
    echo "the fuzz binary did not build (.build-fuzz/build.log)" >&2
    exit 1
fi
# SwiftPM's --sanitize=fuzzer instruments C targets and links libFuzzer; the -Xswiftc flag
# instruments the Swift code. Without it the fuzzer runs blind: refuse that.
HF_FUZZ_TARGET=FuzzCSV "$build/release/Fuzz" -runs=20 -print_coverage=1 fuzz/seeds/FuzzCSV > "$build/coverage-check.txt" 2>&1 || true
grep -q "^COVERED_FUNC.*Domain/Sources/Tabular" "$build/coverage-check.txt" \
    || { echo "the fuzz binary has no coverage of the Swift code" >&2; exit 1; }
fi

status=0
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    artifacts="$build/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    dict=()
    [[ -f "fuzz/dictionaries/$target.dict" ]] && dict=(-dict="fuzz/dictionaries/$target.dict")
    echo "== $target for ${seconds}s"
    log="$build/$target.log"
    if HF_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$build/release/Fuzz" "$corpus" "fuzz/seeds/$target" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
        grep -E "ERROR|SUMMARY|Fatal error|panic|Test unit written" "$log" | head -20 >&2 || true
    fi
    runs=$(grep -Eo "stat::number_of_executed_units: *[0-9]+" "$log" | grep -Eo "[0-9]+$" || echo 0)
    cov=$(grep -Eo "cov: [0-9]+" "$log" | tail -1 | grep -Eo "[0-9]+" || echo 0)
    files=$(find "$corpus" -type f | wc -l)
    line="$(date -u +%FT%TZ) $target ${seconds}s runs=$runs cov=$cov corpus=$files $result"
    echo "$line" | tee -a "$build/summary.txt"
done
exit $status
