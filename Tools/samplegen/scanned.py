#!/usr/bin/env python3
"""Scanned variants of sample CVs: every page rasterised to 8-bit grey at a given resolution
(poppler's `pdftoppm`, from poppler-utils) and wrapped in an image-only PDF, one image per page
and no text at all, as a scanner's Scan-to-PDF writes it. Each variant keeps its original's
name and truth file, byte for byte, so `cvsieve eval --samples Samples/scanned/300dpi` scores it
against the same values as `Samples/`.

- `300dpi/`, `200dpi/`: the five, 8-bit grey, one Flate image per page.
- `stamped/`: one 300-dpi scan whose text layer is only a scanner app's stamp, as phone scanner
  apps write them.
- `rotated/`: the five at 300 dpi, each page skewed by 1-3 degrees (the sign alternating, white
  fill), 1-bit black and white as an office scanner's document mode stores it; plus
  `nl-personalia-bsn-iban-sideways.pdf` (pages turned 90 degrees, landscape pages) and
  `en-pdf-references-upside-down.pdf` (turned 180 degrees), whose truth is the original's with
  `file` set to the new name.
- `noisy/`: the five at 300 dpi, slightly blurred, with dark speckles, stored as JPEG quality 35
  (the PDF's image is the JPEG stream itself, /DCTDecode).
- `photo/` and `image/`: `photographed.py`. It and `idcards.py` (`Samples/id/`, or `--id-out`)
  run from here, so this one command makes every variant.

    python3 Tools/samplegen/scanned.py --samples Samples --out Samples/scanned

Standard library and Pillow (pdftoppm does the drawing). For the same poppler, zlib and Pillow
the output is identical byte for byte: no dates, no IDs, fixed compression levels and JPEG
qualities, and every random choice from a stream seeded with the sample's name.
"""

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zlib

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

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
# rotated/: each page of the five turned by its own skew of 1 to 3 degrees, the sign alternating,
# as pages lie on a flat-bed's glass; stored 1-bit (an office scanner's black-and-white document
# mode), which keeps the folder small. Two more samples lie sideways and upside down.
SKEW_RANGE = (1.0, 3.0)
BLACK_BELOW = 160
SIDEWAYS = "nl-personalia-bsn-iban"
UPSIDE_DOWN = "en-pdf-references"
# noisy/: the five with scanner speckles (dark dots of 1 to 3 pixels) and the artefacts of a
# low-quality JPEG, stored as the PDF's DCTDecode image stream.
SPECKLES = 1200
NOISY_QUALITY = 35


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


def image_object(w, h, data, encoding="grey"):
    """The image XObject of one page: `grey` is 8-bit grey pixels (Flate), `mono` 1-bit rows padded
    to whole bytes, 1 = white (Flate, as Pillow's mode "1" packs them), `jpeg` a grey JPEG file
    (DCTDecode, the JPEG stream as it is)."""
    if encoding == "jpeg":
        bits, filters = 8, b"/DCTDecode"
    else:
        bits, filters, data = (8 if encoding == "grey" else 1), b"/FlateDecode", zlib.compress(data, 9)
    return (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent %d /Filter %s /Length %d >>\nstream\n" % (w, h, bits, filters, len(data))
            + data + b"\nendstream")


def image_pdf(pages, stamp=None):
    """A PDF of one full-page image per page: `pages` is [(width_pt, height_pt, w, h, pixels)], with
    an optional sixth item, the encoding of `image_object` (8-bit grey when left out).
    With `stamp`, each page also carries that line of text (Helvetica 7 pt) at its bottom left."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    tree = add(None)
    kids = []
    for width_pt, height_pt, w, h, pixels, *encoding in pages:
        image = add(image_object(w, h, pixels, encoding[0] if encoding else "grey"))
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


def copy_truth(samples, stem, folder, name=None, **changes):
    """The truth of `stem` into `folder`/truth/: byte for byte, or under `name` (a file name) with
    `file` set to it and `changes` applied, in the generator's JSON layout."""
    source = os.path.join(samples, "truth", stem + ".json")
    os.makedirs(os.path.join(folder, "truth"), exist_ok=True)
    if name is None and not changes:
        shutil.copyfile(source, os.path.join(folder, "truth", stem + ".json"))
        return
    with open(source, encoding="utf-8") as f:
        truth = json.load(f)
    name = name or truth["file"]
    truth["file"] = name
    truth.update(changes)
    with open(os.path.join(folder, "truth", os.path.splitext(name)[0] + ".json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(truth, ensure_ascii=False, indent=2) + "\n")


def as_image(page):
    """A rasterised page as a Pillow grey image."""
    _, _, w, h, pixels = page[:5]
    return Image.frombytes("L", (w, h), pixels)


def mono(image):
    """Black and white at a fixed threshold, no dithering: Pillow's mode "1", 1 = white."""
    return image.point([0 if v < BLACK_BELOW else 255 for v in range(256)]).convert("1", dither=Image.Dither.NONE)


def skews(stem, count):
    """The skew of each page of `stem` in degrees (counter-clockwise positive), from a stream seeded
    with the sample's name; the sign alternates page by page and starts differently per sample."""
    rng = random.Random(f"rotated:{stem}")
    sign = 1 if SAMPLES.index(stem) % 2 == 0 else -1
    angles = []
    for _ in range(count):
        angles.append(round(sign * rng.uniform(*SKEW_RANGE), 1))
        sign = -sign
    return angles


def rotated(samples, out, scans):
    """rotated/: the five skewed, one sideways and one upside down, all 1-bit."""
    folder = os.path.join(out, "rotated")
    for stem in SAMPLES:
        pages = []
        for page, angle in zip(scans[stem], skews(stem, len(scans[stem]))):
            turned = mono(as_image(page).rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255))
            pages.append(page[:4] + (turned.tobytes(), "mono"))
        write(os.path.join(folder, stem + ".pdf"), image_pdf(pages))
        copy_truth(samples, stem, folder)
    for stem, suffix, turn in [(SIDEWAYS, "sideways", Image.Transpose.ROTATE_90),
                               (UPSIDE_DOWN, "upside-down", Image.Transpose.ROTATE_180)]:
        pages = []
        for width_pt, height_pt, w, h, pixels in scans[stem]:
            turned = mono(as_image((width_pt, height_pt, w, h, pixels)).transpose(turn))
            if turn == Image.Transpose.ROTATE_90:
                width_pt, height_pt = height_pt, width_pt
            pages.append((width_pt, height_pt) + turned.size + (turned.tobytes(), "mono"))
        name = f"{stem}-{suffix}.pdf"
        write(os.path.join(folder, name), image_pdf(pages))
        copy_truth(samples, stem, folder, name=name)


def speckled(image, seed):
    """`image` slightly out of focus with dark speckles drawn from a stream seeded with `seed`."""
    image = image.filter(ImageFilter.GaussianBlur(1.0))
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    w, h = image.size
    for _ in range(SPECKLES):
        x, y, size = rng.randrange(w), rng.randrange(h), rng.choice([0, 0, 1, 1, 2])
        draw.rectangle([x, y, x + size, y + size], fill=rng.randrange(40, 190))
    return image


def jpeg(image, quality, **options):
    """JPEG bytes: a fixed quality and optimised Huffman tables, no EXIF, no dates."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, **options)
    return buffer.getvalue()


def noisy(samples, out, scans):
    """noisy/: the five speckled and stored as JPEG images (DCTDecode) at quality 35."""
    folder = os.path.join(out, "noisy")
    for stem in SAMPLES:
        pages = []
        for number, page in enumerate(scans[stem], start=1):
            image = speckled(as_image(page), f"noisy:{stem}:{number}")
            pages.append(page[:4] + (jpeg(image, NOISY_QUALITY), "jpeg"))
        write(os.path.join(folder, stem + ".pdf"), image_pdf(pages))
        copy_truth(samples, stem, folder)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", default="Samples")
    ap.add_argument("--out", default="Samples/scanned")
    ap.add_argument("--id-out", help="folder of the identity documents (default: SAMPLES/id)")
    args = ap.parse_args(argv)
    import idcards        # they use this module's helpers: imported here, not at the top
    import photographed
    scans = {}
    for dpi in RESOLUTIONS:
        folder = os.path.join(args.out, f"{dpi}dpi")
        scans[dpi] = {}
        for stem in SAMPLES:
            with tempfile.TemporaryDirectory() as work:
                pages = rasterise(os.path.join(args.samples, stem + ".pdf"), dpi, work)
            scans[dpi][stem] = pages
            write(os.path.join(folder, stem + ".pdf"), image_pdf(pages))
            copy_truth(args.samples, stem, folder)
            print(f"{folder}/{stem}.pdf: {len(pages)} page(s)", file=sys.stderr)
    folder = os.path.join(args.out, "stamped")
    write(os.path.join(folder, STAMPED + ".pdf"), image_pdf(scans[300][STAMPED], stamp=STAMP))
    copy_truth(args.samples, STAMPED, folder)
    rotated(args.samples, args.out, scans[300])
    noisy(args.samples, args.out, scans[300])
    photographed.write_all(args.samples, args.out, scans)
    idcards.write_all(args.samples, args.id_out or os.path.join(args.samples, "id"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
