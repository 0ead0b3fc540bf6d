#!/usr/bin/env bash
# Seeds, runs and reports the libFuzzer targets built in .build-fuzz (see Fuzz/README.md).
#
#   Fuzz/fuzz.sh seeds                      lay out var/fuzz/seeds/<target> from Samples/ and pipeline.yml
#   Fuzz/fuzz.sh run SECONDS TARGET...      fuzz each target in turn into var/fuzz/corpus/<target>
#                                           (FUZZ_RUNS=N: stop a target after N inputs too)
#   Fuzz/fuzz.sh smoke SECONDS TARGET...    seeds only, a fresh corpus, a fixed seed; fails on any finding
#
# Everything written lands under var/fuzz (git-ignored): seeds, corpora, crash artefacts
# (crashes/<target>/), inputs that took down a PDF worker (findings/<target>/, and known/ there
# for the crashes listed in Fuzz/known-worker-crashes.txt) and logs.
# Seeds are made at run time from the samples, so no copy of a sample is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FUZZ_BIN:-.build-fuzz/release}
root=${FUZZ_ROOT:-var/fuzz}

# LeakSanitizer stays on: our code must not leak. Swift's own crash backtracer is off so that
# libFuzzer's handler reports a trap (a failed precondition) and keeps the input. FUZZ_BIN and
# FUZZ_ROOT move the binaries and var/fuzz (the Makefile sets FUZZ_BIN from FUZZ_SCRATCH).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export SWIFT_BACKTRACE=enable=no

seeds() {
    local seeds=$root/seeds
    rm -rf "$seeds"
    mkdir -p "$seeds"/{FuzzDOCX,FuzzPDFWorker,FuzzXML,FuzzConfig,FuzzNormalizer,FuzzDetector,FuzzWorkerAnswer}
    local file name part parts target
    # Whole files: every format the sniffer knows goes to the DOCX target, PDFs to the worker.
    for file in Samples/*.docx Samples/hostile/*; do
        case $file in *.json | *.pdf) continue ;; esac
        cp "$file" "$seeds/FuzzDOCX/"
    done
    cp Samples/*.pdf Samples/hostile/*.pdf "$seeds/FuzzPDFWorker/"
    cp pipeline.yml "$seeds/FuzzConfig/"
    # The XML parts inside the sample packages (the zip bombs' parts are left out: 100 MB of nothing).
    for file in Samples/*.docx Samples/hostile/*.docx; do
        case $file in *zip-bomb*) continue ;; esac
        name=$(basename "$file" .docx)
        # Not every .docx sample is a zip (one is a PDF under a .docx name).
        parts=$(unzip -Z1 "$file" 2>/dev/null | grep -E '\.(xml|rels)$' || true)
        for part in $parts; do
            unzip -p "$file" "$part" > "$seeds/FuzzXML/$name--${part//\//_}" 2>/dev/null || true
        done
    done
    # Text for detection: what poppler reads from the sample PDFs, and the sample DOCX bodies with
    # their tags taken out (a paragraph a line).
    for file in Samples/*.pdf; do
        pdftotext -q -layout "$file" "$seeds/FuzzDetector/$(basename "$file" .pdf).txt" || true
    done
    for file in Samples/*.docx; do
        unzip -p "$file" word/document.xml 2>/dev/null | sed -e 's#</w:p>#\n#g' -e 's/<[^>]*>//g' \
            > "$seeds/FuzzDetector/$(basename "$file" .docx).txt" || true
    done
    # In pieces of at most 512 bytes, whole lines: detection's cost grows with the text (sanitized,
    # about 2 to 3 ms a kilobyte for the normaliser, 10 for the detector), so the targets run with
    # -max_len=1024 and see a CV a few lines at a time.
    for file in "$seeds"/FuzzDetector/*.txt; do
        split -C 512 -d "$file" "${file%.txt}-"
        rm "$file"
    done
    # A worker's binary answer after its first two bytes: the sandbox report, then a DOCX
    # document with one block ("ok", body text, no layout), no image, no attachment.
    printf '\001\000\000\001\000\000\000\001\002ok\000\000\000\000\000\000\000\000' \
        > "$seeds/FuzzWorkerAnswer/one-block"
    # Inputs that once crashed a target (minimised, committed): replayed by every run.
    for target in Fuzz/Regressions/*/; do
        cp "$target"* "$seeds/$(basename "$target")/"
    done
    find "$seeds" -type f -empty -delete
    cp "$seeds"/FuzzDetector/* "$seeds/FuzzNormalizer/"
    for target in "$seeds"/*; do echo "seeds: $(ls "$target" | wc -l) in $target"; done
}

# count FOLDER: the files directly in it (0 when it does not exist).
count() {
    find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l
}

# fuzz TARGET CORPUS FINDINGS LOG OPTIONS...: one libFuzzer run; prints its one-line summary.
fuzz() {
    local target=$1 corpus=$2 findings=$3 log=$4
    shift 4
    mkdir -p "$corpus" "$findings" "$root/crashes/$target" "$root/work"
    local before known_before status=0 options=()
    # Detection's cost grows with the text: keep inputs to a few lines.
    case $target in FuzzNormalizer | FuzzDetector) options=(-max_len=1024) ;; esac
    # FUZZ_RUNS stops a run after that many inputs, whichever comes first with the time budget.
    if [ -n "${FUZZ_RUNS:-}" ]; then options+=(-runs="$FUZZ_RUNS"); fi
    before=$(count "$findings")
    known_before=$(count "$findings/known")
    FUZZ_FINDINGS_DIR=$findings FUZZ_WORK_DIR=$root/work FUZZ_KNOWN_WORKER_CRASHES=Fuzz/known-worker-crashes.txt \
        "$bin/$target" "$corpus" "$root/seeds/$target" -artifact_prefix="$root/crashes/$target/" \
        -print_final_stats=1 "${options[@]}" "$@" > "$log" 2>&1 || status=$?
    local runs rate cov ft kept known crashed
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    kept=$(($(count "$findings") - before))
    known=$(($(count "$findings/known") - known_before))
    crashed=no
    if [ "$status" -eq 72 ]; then
        # libFuzzer's exit code after SIGINT or SIGTERM from outside: stopped, not a finding.
        crashed="no, interrupted from outside (exit 72, log $log)"
    elif [ "$status" -ne 0 ]; then
        crashed="yes (exit $status; artefact in $root/crashes/$target/, log $log)"
    fi
    printf '%-15s executions %10s  (%s/s)  cov: %-6s ft: %-7s worker findings: %s new, %s known  crashed: %s\n' \
        "$target" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$kept" "$known" "$crashed"
    [ "$status" -eq 0 ] && [ "$kept" -eq 0 ]
}

mode=${1:?usage: fuzz.sh seeds | run SECONDS TARGET... | smoke SECONDS TARGET...}
shift
case $mode in
seeds)
    seeds
    ;;
run)
    seconds=$1
    shift
    seeds > /dev/null
    mkdir -p "$root/logs"
    failed=0
    for target in "$@"; do
        fuzz "$target" "$root/corpus/$target" "$root/findings/$target" "$root/logs/$target.log" \
            -max_total_time="$seconds" -timeout=60 || failed=1
    done
    exit $failed
    ;;
smoke)
    seconds=$1
    shift
    seeds > /dev/null
    smoke=$root/smoke
    rm -rf "$smoke"
    mkdir -p "$smoke"
    failed=0
    for target in "$@"; do
        fuzz "$target" "$smoke/corpus/$target" "$smoke/findings/$target" "$smoke/$target.log" \
            -max_total_time="$seconds" -seed=1 -timeout=60 || failed=1
    done
    # The reporting path itself: a worker made to crash on every input must leave one kept
    # finding per input, and this process must go on.
    case " $* " in *" FuzzPDFWorker "*)
        local_findings=$smoke/findings/self-test
        if FUZZ_WORKER_SELF_TEST=1 FUZZ_FINDINGS_DIR=$local_findings FUZZ_WORK_DIR=$root/work \
            FUZZ_KNOWN_WORKER_CRASHES=Fuzz/known-worker-crashes.txt \
            "$bin/FuzzPDFWorker" -runs=3 "$root/seeds/FuzzPDFWorker/$(ls "$root/seeds/FuzzPDFWorker" | head -1)" \
            > "$smoke/self-test.log" 2>&1 && [ "$(count "$local_findings")" -eq 1 ]; then
            echo "FuzzPDFWorker   self-test: a crashed worker was kept as a finding, and fuzzing went on"
        else
            echo "FuzzPDFWorker   self-test FAILED: a crashed worker was not kept as a finding (log $smoke/self-test.log)"
            failed=1
        fi
        ;;
    esac
    if [ $failed -ne 0 ]; then echo "fuzz-smoke: a target crashed or took down a worker (logs in $smoke)"; fi
    exit $failed
    ;;
*)
    echo "fuzz.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
