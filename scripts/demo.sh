#!/usr/bin/env bash
# make demo: run cvsieve over a copy of Samples/ with the default pipeline.yml.
# Samples/ itself is never touched: the demo works on a copy under var/demo.
set -euo pipefail
binary=${1:-.build/debug/cvsieve}
demo=${2:-var/demo}
rm -rf "$demo"
mkdir -p "$demo/inbox" "$demo/extracted"
cp Samples/*.pdf Samples/*.docx "$demo/inbox/"
echo "demo: $(ls "$demo/inbox" | wc -l) sample CVs copied to $demo/inbox"
failed=0
for file in "$demo"/inbox/*; do
    name=$(basename "$file")
    if "$binary" extract --json "$file" > "$demo/extracted/$name.json"; then
        summary=$("$binary" extract "$file" | head -1)
        echo "  ok    $summary"
    else
        failed=$((failed + 1))
    fi
done
echo "demo: extracted text of each sample is in $demo/extracted/ (fictional people only)"
[ "$failed" -eq 0 ] || { echo "demo: $failed file(s) failed"; exit 1; }
