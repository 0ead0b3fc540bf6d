"""Sample CVs as photos and as plain image files, drawn from the scans `scanned.py` makes.

- `photo/`: a phone photo of a printed page: the 200-dpi scan, a little warm in tone, on a
  darker desk, with a mild perspective (each corner 2-4 % of the page off the rectangle), a
  slight turn, a shadow, light falling off across the frame and a mild blur, saved as JPEG
  quality 80. Only one-page samples, so the photo holds every value of the truth.
- `image/`: one CV per container: a JPEG (300 dpi), a PNG (300 dpi), a TIFF (300 dpi, LZW) and a
  DOCX whose only content is the 200-dpi page image at the full text width (no text at all).

The truth is the original's, with `file` set to the new name and `"format": "image"` for the
image files; the DOCX keeps `"format": "docx"`. Each picture has its own random stream, seeded
with its name, so a rerun makes the same bytes (Pillow writes no dates; JPEG at a fixed quality
with optimised tables; PNG without time chunks; TIFF without a DateTime tag).

    python3 Tools/samplegen/scanned.py --samples Samples --out Samples/scanned   # runs this too

Standard library and Pillow.
"""

import io
import math
import os
import random

from PIL import Image, ImageChops, ImageFilter

import ooxml
import scanned

PHOTOS = ["nl-single-column", "nl-personalia-bsn-iban"]
PHOTO_QUALITY = 80
# One sample per image container (their truth files need distinct names).
JPEG_CV = "nl-two-column-sidebar"
PNG_CV = "nl-single-column"
TIFF_CV = "nl-personalia-bsn-iban"
DOCX_CV = "en-pdf-references"
JPEG_QUALITY = 70


def solve(matrix, vector):
    """x with matrix · x = vector (Gauss-Jordan with partial pivoting; 8 unknowns here)."""
    n = len(vector)
    rows = [list(map(float, row)) + [float(v)] for row, v in zip(matrix, vector)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def perspective(source, target):
    """Pillow's PERSPECTIVE data: it maps each output point to an input point, so the `target`
    corners in the photo come from the `source` corners of the page."""
    matrix, vector = [], []
    for (x, y), (u, v) in zip(source, target):
        matrix.append([u, v, 1, 0, 0, 0, -u * x, -v * x])
        vector.append(x)
        matrix.append([0, 0, 0, u, v, 1, -u * y, -v * y])
        vector.append(y)
    return solve(matrix, vector)


def tone(image, dark, light):
    """A grey image in colour: black becomes `dark`, white `light` (RGB), linearly in between."""
    return Image.merge("RGB", [image.point([round(lo + (hi - lo) * v / 255) for v in range(256)])
                               for lo, hi in zip(dark, light)])


def desk(size, rng):
    """A dark wooden desk: a few soft blotches of brown, blown up from a tiny random picture."""
    small = Image.new("RGB", (6, 8))
    shades = [rng.uniform(0.8, 1.15) for _ in range(48)]
    small.putdata([tuple(round(c * shade) for c in (96, 72, 52)) for shade in shades])
    return small.resize(size, Image.Resampling.BICUBIC)


def photo(page, seed):
    """A phone photo of one printed page given as a grey image."""
    rng = random.Random(seed)
    w, h = page.size
    height = round(h * 1.12)
    width = round(height * 3 / 4)
    # Corners of the page in the photo: the page centred, turned by 1.5-3 degrees, the top edge
    # further from the phone (corners drawn in by 2-4 % of the width, pushed down by up to 2 % of
    # the height), the bottom corners a little out.
    angle = math.radians(rng.choice([-1, 1]) * rng.uniform(1.5, 3.0))
    cx, cy = width / 2, height / 2
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    moves = [(rng.uniform(0.02, 0.04) * w, rng.uniform(0.005, 0.02) * h),
             (-rng.uniform(0.02, 0.04) * w, rng.uniform(0.005, 0.02) * h),
             (rng.uniform(0.005, 0.02) * w, rng.uniform(0.0, 0.01) * h),
             (-rng.uniform(0.005, 0.02) * w, rng.uniform(0.0, 0.01) * h)]
    target = []
    for (x, y), (dx, dy) in zip(corners, moves):
        x, y = x + dx, y + dy
        target.append((cx + x * math.cos(angle) - y * math.sin(angle),
                       cy + x * math.sin(angle) + y * math.cos(angle)))
    coefficients = perspective([(0, 0), (w, 0), (w, h), (0, h)], target)
    paper = tone(page, (34, 32, 36), (250, 246, 236))
    warped = paper.transform((width, height), Image.Transform.PERSPECTIVE, coefficients,
                             resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", page.size, 255).transform((width, height), Image.Transform.PERSPECTIVE, coefficients,
                                                    resample=Image.Resampling.BILINEAR, fillcolor=0)
    background = desk((width, height), rng)
    shadow = ImageChops.offset(mask, 14, 22).filter(ImageFilter.GaussianBlur(18))
    background = Image.composite(ImageChops.multiply(background, Image.new("RGB", background.size, (120, 120, 120))),
                                 background, shadow)
    picture = Image.composite(warped, background, mask)
    # Light from one side: full strength there, about 70 % on the far side.
    light = Image.linear_gradient("L").rotate(rng.choice([35, 60, 120, 145]), resample=Image.Resampling.BILINEAR,
                                              expand=False, fillcolor=128)
    light = light.crop((48, 48, 208, 208)).resize((width, height), Image.Resampling.BILINEAR)
    light = light.point([round(178 + 77 * v / 255) for v in range(256)])
    picture = ImageChops.multiply(picture, Image.merge("RGB", [light] * 3))
    return picture.filter(ImageFilter.GaussianBlur(1.1))


def encoded(image, kind, **options):
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def docx_with_image(png, w, h):
    """A minimal WordprocessingML package: one paragraph holding the PNG inline at the full text
    width of an A4 page with 1 cm margins; no text, no styles, no properties."""
    margin, page_w, page_h = 567, 11906, 16838                    # twips
    cx = (page_w - 2 * margin) * 635                              # EMU (635 per twip)
    cy = round(cx * h / w)
    assert cy <= (page_h - 2 * margin) * 635, "the image must fit on one page"
    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    document = (
        ooxml.XML_DECL
        + f'<w:document xmlns:w="{w_ns}" xmlns:r="{r_ns}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>'
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:docPr id="1" name="Picture 1"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
        f'<w:sectPr><w:pgSz w:w="{page_w}" w:h="{page_h}"/>'
        f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
        'w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>')
    types = (
        ooxml.XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f'<Override PartName="/word/document.xml" ContentType="{ooxml.CONTENT_TYPES["main"]}"/></Types>')
    package_rels = ooxml.rels_xml([("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                    "officeDocument", "word/document.xml", False)])
    document_rels = ooxml.rels_xml([("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                     "image", "media/image1.png", False)])
    buffer = io.BytesIO()
    ooxml.zip_write(buffer, [("[Content_Types].xml", types.encode()), ("_rels/.rels", package_rels.encode()),
                             ("word/document.xml", document.encode()),
                             ("word/_rels/document.xml.rels", document_rels.encode()),
                             ("word/media/image1.png", png)])
    return buffer.getvalue()


def only_page(scans, stem):
    pages = scans[stem]
    if len(pages) != 1:
        raise ValueError(f"{stem}: an image holds one page, the sample has {len(pages)}")
    return scanned.as_image(pages[0])


def write_all(samples, out, scans):
    """photo/ and image/ under `out`; `scans` is {dpi: {stem: pages}} from scanned.py."""
    folder = os.path.join(out, "photo")
    for stem in PHOTOS:
        picture = photo(only_page(scans[200], stem), f"photo:{stem}")
        name = stem + ".jpg"
        scanned.write(os.path.join(folder, name), scanned.jpeg(picture, PHOTO_QUALITY))
        scanned.copy_truth(samples, stem, folder, name=name, format="image")
    folder = os.path.join(out, "image")
    dpi = (300, 300)
    files = [(JPEG_CV + ".jpg", JPEG_CV, scanned.jpeg(only_page(scans[300], JPEG_CV), JPEG_QUALITY, dpi=dpi)),
             (PNG_CV + ".png", PNG_CV, encoded(only_page(scans[300], PNG_CV), "PNG", optimize=True, dpi=dpi)),
             (TIFF_CV + ".tif", TIFF_CV, encoded(only_page(scans[300], TIFF_CV), "TIFF", compression="tiff_lzw",
                                                 dpi=dpi))]
    for name, stem, data in files:
        scanned.write(os.path.join(folder, name), data)
        scanned.copy_truth(samples, stem, folder, name=name, format="image")
    page = only_page(scans[200], DOCX_CV)
    png = encoded(page, "PNG", optimize=True, dpi=(200, 200))
    name = DOCX_CV + ".docx"
    scanned.write(os.path.join(folder, name), docx_with_image(png, *page.size))
    scanned.copy_truth(samples, DOCX_CV, folder, name=name, format="docx")
