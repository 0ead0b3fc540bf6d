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
# A CV photographed with a phone and a TIFF scan (read by OCR), and a scanned identity card: the
# shipped purposes keep no copy of it, nor its BSN or number.
cp Samples/scanned/photo/nl-personalia-bsn-iban.jpg "$demo/inbox/sollicitatie/photographed-cv.jpg"
cp Samples/scanned/image/nl-personalia-bsn-iban.tif "$demo/inbox/sollicitatie/scanned-cv.tif"
cp Samples/id/nl-identiteitskaart.png "$demo/inbox/sollicitatie/identity-card.png"
echo "demo: $(ls "$demo/inbox/sollicitatie" | wc -l) files copied to $demo/inbox/sollicitatie (CVs, a photo and a scan of one, an identity card; one file damaged on purpose)"
# Exit code 1 means some files were quarantined: expected here (the damaged one).
"$binary" run --config "$demo/pipeline.yml" || [ $? -eq 1 ]
echo
"$binary" candidates --config "$demo/pipeline.yml"
echo
"$binary" status --config "$demo/pipeline.yml"
"$binary" audit verify --config "$demo/pipeline.yml"
echo
# Client-ready profiles: every candidate as PDF and Markdown, leak-gated, each disclosure recorded.
mkdir -p "$demo/profiles"
codes=$("$binary" candidates --config "$demo/pipeline.yml" --json | python3 -c 'import json,sys; print(" ".join(c["code"] for c in json.load(sys.stdin)))')
for code in $codes; do
    for format in pdf md; do
        "$binary" export "$code" --client "Demo Klant BV" --format "$format" --out "$demo/profiles/$code.$format" \
            --config "$demo/pipeline.yml" > /dev/null 2>> "$demo/export-warnings.txt"
    done
done
echo "demo: $(ls "$demo/profiles" | wc -l) anonymous client profiles (PDF and Markdown) in $demo/profiles/"
echo "demo: vault (values sealed, key in master.key): $demo/data/vault.sqlite"
echo "demo: quarantined file and its reason.json: $demo/data/quarantine/"
# The web app on the demo vault: one admin account whose password is shown here once (the vault
# keeps only its bcrypt hash).
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20)
printf '%s\n' "$password" | "$binary" user add demo --role admin --config "$demo/pipeline.yml" > /dev/null
echo "demo: web app: $binary serve --config $demo/pipeline.yml, then open http://127.0.0.1:8080"
echo "demo:   and sign in as 'demo' with password $password (shown once; admin)"
