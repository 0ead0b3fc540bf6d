#!/usr/bin/env bash
# make demo: run the pipeline over a copy of Samples/ with the default pipeline.yml.
# Samples/ itself is never touched: the demo works on a copy under var/demo.
set -euo pipefail
binary=${1:-.build/debug/cvsieve}
demo=${2:-var/demo}
rm -rf "$demo"
mkdir -p "$demo/inbox/sollicitatie"
# The default configuration, with its inbox and data folders moved under the demo folder.
sed -e "s#^inbox: .*#inbox: ./inbox#" -e "s#^data: .*#data: ./data#" pipeline.yml > "$demo/pipeline.yml"
cp Samples/*.pdf Samples/*.docx "$demo/inbox/sollicitatie/"
cp Samples/hostile/truncated.pdf "$demo/inbox/sollicitatie/"
echo "demo: $(ls "$demo/inbox/sollicitatie" | wc -l) CVs copied to $demo/inbox/sollicitatie (one of them damaged on purpose)"
# Exit code 1 means some files were quarantined: expected here (the damaged one).
"$binary" run --config "$demo/pipeline.yml" || [ $? -eq 1 ]
echo
"$binary" candidates --config "$demo/pipeline.yml"
echo
"$binary" status --config "$demo/pipeline.yml"
"$binary" audit verify --config "$demo/pipeline.yml"
echo
echo "demo: vault (values sealed, key in master.key): $demo/data/vault.sqlite"
echo "demo: quarantined file and its reason: $demo/data/quarantine/"
