#!/usr/bin/env python3
"""The real-format corpus (`../shared/corpus/real`: docs/ and labels/) as scans: every document
drawn at 300 dpi in 8-bit grey and wrapped in an image-only PDF, as `scanned.py` does for the
samples. A DOCX is first laid out by LibreOffice (`soffice --convert-to pdf`), which is also the
text-layer baseline for it: the figure compares each scan with the same pages with their text.

    python3 Tools/samplegen/rasterise_corpus.py --corpus ../shared/corpus/real --out var/corpus-scanned

writes OUT/text/{docs,labels} (the PDFs with their text layer) and OUT/scan/{docs,labels} (the
same pages as scans). The corpus files are not ours to publish: the output stays under var/.
Needs poppler-utils and libreoffice-writer-nogui; standard library and Pillow otherwise.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scanned import image_pdf, rasterise  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpus/real")
    ap.add_argument("--out", default="var/corpus-scanned")
    ap.add_argument("--dpi", type=int, default=300)
    args = ap.parse_args(argv)
    for kind in ("text", "scan"):
        os.makedirs(os.path.join(args.out, kind, "docs"), exist_ok=True)
        shutil.copytree(os.path.join(args.corpus, "labels"), os.path.join(args.out, kind, "labels"),
                        dirs_exist_ok=True)
    docs = sorted(os.listdir(os.path.join(args.corpus, "docs")))
    with tempfile.TemporaryDirectory() as work:
        for name in docs:
            source = os.path.join(args.corpus, "docs", name)
            stem, ext = os.path.splitext(name)
            if ext.lower() == ".docx":
                subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work, source],
                               check=True, capture_output=True)
                pdf = os.path.join(work, stem + ".pdf")
            elif ext.lower() == ".pdf":
                pdf = source
            else:
                continue
            shutil.copyfile(pdf, os.path.join(args.out, "text", "docs", stem + ".pdf"))
            pages_dir = os.path.join(work, "pages")
            os.makedirs(pages_dir, exist_ok=True)
            pages = rasterise(pdf, args.dpi, pages_dir)
            with open(os.path.join(args.out, "scan", "docs", stem + ".pdf"), "wb") as f:
                f.write(image_pdf(pages))
            print(f"{stem}: {len(pages)} page(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
