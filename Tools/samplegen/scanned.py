#!/usr/bin/env python3
"""Scanned variants of sample CVs: every page rasterised to 8-bit grey at a given resolution
(poppler's `pdftoppm`, from poppler-utils) and wrapped in an image-only PDF, one Flate image per
page and no text at all, as a scanner's Scan-to-PDF writes it. Each variant keeps its original's
name and truth file, byte for byte, so `cvsieve eval --samples Samples/scanned/300dpi` scores it
against the same values as `Samples/`. `stamped/` holds one 300-dpi scan whose text layer is only
a scanner app's stamp, as phone scanner apps write them.

    python3 Tools/samplegen/scanned.py --samples Samples --out Samples/scanned

Standard library only (pdftoppm does the drawing). For the same poppler and zlib the output is
identical byte for byte: no dates, no IDs, fixed compression level.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

# Samples whose truth values are all in the page text: a scan keeps what is printed and loses
# links, metadata, form fields, annotations and attachments (their values cannot be found in it).
SAMPLES = [
    "nl-single-column",
    "nl-two-column-sidebar",
    "nl-personalia-bsn-iban",
    "en-pdf-references",
    "en-long-four-pages",
]
RESOLUTIONS = [300, 200]
# A scan with a scanner app's stamp in its text layer: text that covers almost nothing of the
# page image, which must not stop the page from being read by OCR.
STAMPED = "nl-single-column"
STAMP = "Scanned with ScanApp"


def read_pgm(path):
    """Width, height and pixels of a binary 8-bit PGM (P5) as pdftoppm writes it."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5" or int(fields[3]) != 255:
        raise ValueError(f"{path}: not an 8-bit binary PGM")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height]
    if len(pixels) != width * height:
        raise ValueError(f"{path}: short pixel data")
    return width, height, pixels


def page_sizes(pdf):
    """Page sizes in points from `pdfinfo -f 1 -l N` (the scan keeps the original's page size)."""
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    detail = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), pdf], check=True, capture_output=True,
                            text=True).stdout
    sizes = []
    for line in detail.splitlines():
        if line.startswith("Page") and "size:" in line:
            words = line.split("size:")[1].split()
            sizes.append((float(words[0]), float(words[2])))
    return sizes


def image_pdf(pages, stamp=None):
    """A PDF of one full-page grey image per page: `pages` is [(width_pt, height_pt, w, h, pixels)].
    With `stamp`, each page also carries that line of text (Helvetica 7 pt) at its bottom left."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    tree = add(None)
    kids = []
    for width_pt, height_pt, w, h, pixels in pages:
        data = zlib.compress(pixels, 9)
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
                    + data + b"\nendstream")
        draw = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width_pt, height_pt)
        if stamp:
            draw += b" BT /F1 7 Tf 12 8 Td (%s) Tj ET" % stamp.encode("ascii")
        content = add(b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                        b"/Resources << /XObject << /Im0 %d 0 R >>%s >> /Contents %d 0 R >>"
                        % (tree, width_pt, height_pt, image,
                           b" /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>" if stamp else b"",
                           content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                         + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def rasterise(pdf, dpi, work):
    """The pages of `pdf` as grey pixels at `dpi`, with the page sizes in points."""
    prefix = os.path.join(work, "page")
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), pdf, prefix], check=True)
    files = sorted(f for f in os.listdir(work) if f.startswith("page") and f.endswith(".pgm"))
    sizes = page_sizes(pdf)
    if len(files) != len(sizes):
        raise RuntimeError(f"{pdf}: {len(files)} images for {len(sizes)} pages")
    pages = []
    for name, (width_pt, height_pt) in zip(files, sizes):
        w, h, pixels = read_pgm(os.path.join(work, name))
        pages.append((width_pt, height_pt, w, h, pixels))
        os.remove(os.path.join(work, name))
    return pages


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", default="Samples")
    ap.add_argument("--out", default="Samples/scanned")
    args = ap.parse_args(argv)
    for dpi in RESOLUTIONS:
        folder = os.path.join(args.out, f"{dpi}dpi")
        os.makedirs(os.path.join(folder, "truth"), exist_ok=True)
        for stem in SAMPLES:
            with tempfile.TemporaryDirectory() as work:
                pages = rasterise(os.path.join(args.samples, stem + ".pdf"), dpi, work)
            with open(os.path.join(folder, stem + ".pdf"), "wb") as f:
                f.write(image_pdf(pages))
            shutil.copyfile(os.path.join(args.samples, "truth", stem + ".json"),
                            os.path.join(folder, "truth", stem + ".json"))
            print(f"{folder}/{stem}.pdf: {len(pages)} page(s)", file=sys.stderr)
    folder = os.path.join(args.out, "stamped")
    os.makedirs(os.path.join(folder, "truth"), exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        pages = rasterise(os.path.join(args.samples, STAMPED + ".pdf"), 300, work)
    with open(os.path.join(folder, STAMPED + ".pdf"), "wb") as f:
        f.write(image_pdf(pages, stamp=STAMP))
    shutil.copyfile(os.path.join(args.samples, "truth", STAMPED + ".json"),
                    os.path.join(folder, "truth", STAMPED + ".json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
