"""DOCX files per second through docx2txt in process, on N processes at once: the DOCX peer that
`cvsieve bench` prints its worker pool's figure against.

    var/peers/venv/bin/python Tools/peers/docx2txt_rate.py --processes N < paths

Reads one path per line on standard input. A multiprocessing.Pool of N processes imports
docx2txt (the warm-up: one task per process, meeting at a barrier, not timed), then calls
`docx2txt.process(path)` once per file, as an application embedding it would. Prints one JSON
object: files, failed, seconds, processes, the docx2txt version. Never prints a path or any
text: the files are CVs. docx2txt is MIT-licensed; it is only installed and run.
"""

import argparse
import json
import multiprocessing
import os
import sys
import time
from importlib import metadata

_barrier = None


def init_worker(barrier):
    global _barrier
    _barrier = barrier


def warm_up(_):
    import docx2txt  # noqa: F401 - loaded before the clock starts

    _barrier.wait(timeout=120)
    return True


def extract(path):
    import docx2txt

    try:
        docx2txt.process(path)
        return True
    except Exception:  # noqa: BLE001 - a broken file counts as failed, by count only
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    processes = max(1, args.processes)
    barrier = multiprocessing.Barrier(processes)
    pool = multiprocessing.Pool(processes, initializer=init_worker, initargs=(barrier,))
    pool.map(warm_up, range(processes), chunksize=1)
    start = time.perf_counter()
    results = list(pool.imap_unordered(extract, paths, chunksize=4))
    seconds = time.perf_counter() - start
    print(json.dumps({
        "files": len(paths), "failed": results.count(False), "seconds": seconds,
        "processes": processes, "version": metadata.version("docx2txt"),
    }), flush=True)
    # The figure is out: leave without Pool.terminate(), which can hang for good when it stops a
    # worker waiting on the task queue's lock (it did, once in a few runs). The workers see the
    # queue close and exit by themselves.
    pool.close()
    os._exit(0)


if __name__ == "__main__":
    main()
