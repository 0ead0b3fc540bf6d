"""Throughput of a "deduce pipeline" over a folder of CVs: the peer figure that cvsieve's
`run` throughput is printed as a ratio against.

    var/peers/venv/bin/python Tools/peers/deduce_batch.py FOLDER --workers N [--out DIR] [--json]

For every *.pdf and *.docx directly in FOLDER (sorted), a worker does what a tool chain
built from common parts would do:

- extraction: PDF through `pdftotext -enc UTF-8 FILE -` (poppler-utils, one process per
  file); DOCX in-process the way docx2txt does it (headers, word/document.xml, footers;
  paragraph ends become newlines, <w:tab/> a tab, other tags are stripped, XML entities
  unescaped);
- detection and redaction: deduce's `Deduce().deidentify(text)`, constructed and called as
  Tools/peers/run_peers.py does; the redaction output is `doc.deidentified_text`;
- output: the redacted text written to DIR/<stem>.txt with --out, otherwise discarded.

The work runs in a multiprocessing.Pool of N workers, each of which constructs its Deduce
object once, in the pool's initializer. Loading deduce takes seconds (it unpickles its
lookup structures; the very first run of an installation builds and caches them, about two
minutes), which would swamp a batch of a few hundred files. So the clock starts only after
every worker has finished loading (N warm-up tasks meet at a barrier, one per worker), and
the load time is reported separately, not counted in files/s. That is the peer's best case,
which keeps the comparison with cvsieve conservative. Workers load one at a time (a lock),
so that two of them never build or write deduce's cache file at once; each worker's load
time is measured inside the lock, and the largest is reported.

A file that fails (a PDF pdftotext rejects, a broken zip) counts as failed, recorded by its
exception type only, and the run goes on. Neither file names nor text are ever printed: the
files are CVs.

deduce is GPL-3.0: this script only imports and runs it; nothing of its code is copied.
"""

import argparse
import html
import importlib.util
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections import Counter
from importlib import metadata
from pathlib import Path

SUFFIXES = (".pdf", ".docx")
INSTALL_HINT = ("run `python3 -m venv var/peers/venv && "
                "var/peers/venv/bin/pip install -r Tools/peers/requirements.txt`")
BARRIER_TIMEOUT = 900  # seconds; a first-ever load builds deduce's cache (about two minutes per worker)

HEADER = re.compile(r"word/header\d*\.xml")
FOOTER = re.compile(r"word/footer\d*\.xml")
PARAGRAPH_END = re.compile(r"</w:p>")
TAB = re.compile(r"<w:tab/>")
BREAK = re.compile(r"<w:(?:br|cr)(?:\s[^>]*)?/>")
TAG = re.compile(r"<[^>]+>")

# ---------------------------------------------------------------- extraction


def pdf_text(path):
    """The text of a PDF as pdftotext prints it; CalledProcessError when pdftotext fails."""
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True)  # stderr kept: it can name the file
    return proc.stdout.decode("utf-8", errors="replace")


def docx_xml_text(xml):
    """docx2txt-style text of one WordprocessingML part."""
    xml = PARAGRAPH_END.sub("\n", xml)
    xml = TAB.sub("\t", xml)
    xml = BREAK.sub("\n", xml)
    return html.unescape(TAG.sub("", xml))


def docx_text(path):
    """Headers, body and footers of a DOCX, in docx2txt's order; BadZipFile/KeyError when broken."""
    with zipfile.ZipFile(path) as z:
        names = sorted(z.namelist())
        headers = [n for n in names if HEADER.fullmatch(n)]
        footers = [n for n in names if FOOTER.fullmatch(n)]
        parts = headers + ["word/document.xml"] + footers
        return "".join(docx_xml_text(z.read(n).decode("utf-8", errors="replace")) for n in parts)


def extract(path):
    return pdf_text(path) if path.suffix.lower() == ".pdf" else docx_text(path)


# ---------------------------------------------------------------- worker

_deduce = None        # this worker's Deduce object
_load_seconds = None  # how long constructing it took
_load_error = None    # the exception type name, when it could not be constructed
_barrier = None


def init_worker(lock, barrier):
    """Pool initializer: construct deduce once per worker, one worker at a time.

    An exception here is kept, not raised: a Pool replaces a worker whose initializer fails,
    forever. The warm-up task reports it instead."""
    global _deduce, _load_seconds, _load_error, _barrier
    _barrier = barrier
    with lock:
        t0 = time.perf_counter()
        try:
            from deduce import Deduce  # as in run_peers.py

            _deduce = Deduce()
        except Exception as e:  # noqa: BLE001 - reported by warm_up
            _load_error = type(e).__name__
        _load_seconds = time.perf_counter() - t0


def warm_up(_):
    """Wait until every worker is here, so that each has run its initializer; return its load."""
    _barrier.wait(timeout=BARRIER_TIMEOUT)
    return os.getpid(), _load_seconds, _load_error


def process_file(job):
    """Extract, detect and redact one file; None on success, else the exception's type name."""
    path, out = job
    try:
        text = extract(path)
        redacted = _deduce.deidentify(text).deidentified_text
        if out is not None:
            (out / f"{path.stem}.txt").write_text(redacted, encoding="utf-8")
    except Exception as e:  # noqa: BLE001 - any failure counts, by type only
        return type(e).__name__
    return None


# ---------------------------------------------------------------- main


def fail(message):
    print(f"deduce_batch: {message}", file=sys.stderr)
    sys.exit(2)


def input_files(folder):
    if not folder.is_dir():
        fail("folder not found (or not a folder)")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    if not files:
        fail("no *.pdf or *.docx files directly in the folder")
    return files


def deduce_version():
    """deduce's version, without importing it; exits 2 when it is not installed."""
    try:
        if importlib.util.find_spec("deduce") is not None:
            return metadata.version("deduce")
    except (ImportError, metadata.PackageNotFoundError):
        pass
    fail(f"the deduce package cannot be imported; {INSTALL_HINT}")


def start_workers(workers):
    """A Pool whose workers have all loaded deduce; the largest per-worker load time."""
    lock, barrier = multiprocessing.Lock(), multiprocessing.Barrier(workers)
    pool = multiprocessing.Pool(workers, initializer=init_worker, initargs=(lock, barrier))
    try:
        ready = pool.map(warm_up, range(workers), chunksize=1)
    except Exception as e:  # noqa: BLE001 - e.g. a broken barrier after BARRIER_TIMEOUT
        pool.terminate()
        fail(f"workers did not get ready ({type(e).__name__})")
    errors = sorted({error for _, _, error in ready if error})
    if errors:
        pool.terminate()
        fail(f"deduce could not be loaded in a worker ({', '.join(errors)}); {INSTALL_HINT}")
    if len({pid for pid, _, _ in ready}) != workers:  # cannot happen with the barrier; be sure
        pool.terminate()
        fail("warm-up did not reach every worker")
    return pool, max(load for _, load, _ in ready)


def run(pool, files, out):
    """Process every file; (seconds, Counter of failure types)."""
    jobs = [(path, out) for path in files]
    failures = Counter()
    t0 = time.perf_counter()
    for error in pool.imap_unordered(process_file, jobs, chunksize=1):
        if error is not None:
            failures[error] += 1
    return time.perf_counter() - t0, failures


def report(version, workers, files, failures, seconds, load, as_json):
    failed = sum(failures.values())
    rate = files / seconds if seconds > 0 else 0.0
    if as_json:
        print(json.dumps({
            "tool": "deduce", "version": version, "workers": workers, "files": files, "failed": failed,
            "seconds": round(seconds, 3), "files_per_second": round(rate, 2), "load_seconds": round(load, 3),
            "failures": dict(sorted(failures.items())),
        }))
        return
    kinds = "".join(f", {kind} {n}" for kind, n in sorted(failures.items()))
    print(f"deduce pipeline (pdftotext/docx2txt-style + deduce {version}), {workers} worker"
          f"{'s' if workers != 1 else ''}: {files} files ({failed} failed{kinds}) in {seconds:.1f} s"
          f" = {rate:.0f} files/s; load {load:.1f} s per worker")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="folder whose *.pdf and *.docx files are processed")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: the number of CPUs)")
    ap.add_argument("--out", type=Path, help="write each redacted text to OUT/<stem>.txt")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a line of text")
    args = ap.parse_args()
    if args.workers < 1:
        ap.error("--workers must be at least 1")
    return args


def main():
    args = parse_args()
    files = input_files(args.folder)
    version = deduce_version()
    if shutil.which("pdftotext") is None and any(p.suffix.lower() == ".pdf" for p in files):
        fail("pdftotext not found; install poppler-utils")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    pool, load = start_workers(args.workers)
    with pool:
        seconds, failures = run(pool, files, args.out)
    report(version, args.workers, len(files), failures, seconds, load, args.json)


if __name__ == "__main__":
    main()
