"""Fictional identity documents, specimen style, for `Samples/id/`.

Every document is marked SPECIMEN, and every holder, date and number is invented. The names
combine entries of `data.py`; the BSNs pass the 11-proof (`person.make_bsn`); the document
numbers follow the form of the real series and nothing else. They are drawn at 300 dpi to
their real sizes (ID-1 card 85.60 × 53.98 mm, passport data page 125 × 88 mm), in DejaVu
(fonts-dejavu-core); the MRZ is DejaVu Sans Mono at the ICAO pitch of 2.54 mm, about 3 mm
high, with check digits and composite check digit from `mrz.py`.

- `nl-identiteitskaart.png`: Dutch identity card, front above back. The BSN printed as
  Persoonsnummer and in the TD1 MRZ (line 1, 16-29, its check digit in 30, as Dutch cards do).
- `nl-paspoort.png`: Dutch passport data page, TD3; the BSN is the personal number (line 2,
  29-42, check digit 43).
- `de-reisepass.jpg`: German passport data page (`D<<`), TD3 without a personal number, no BSN.
- `nl-verblijfsdocument.png`: Dutch residence document, TD1 with document code `IR` and a
  number of `V` and 8 characters (no 0, no O), no BSN.
- `nl-rijbewijs.jpg`: Dutch driving licence, EU layout with numbered fields (4d holds the BSN,
  as on Dutch licences), no MRZ.
- `nl-single-column-id-copy.pdf`: `nl-single-column.pdf` (its text page) followed by an
  image-only page, a photocopy of the same candidate's identity card.

Truth per file, `truth/<stem>.json`: `{file, kind, country, document_number, bsn, mrz, holder
{surname, given_names}, birth_date}` with `kind` one of passport, id_card, residence_permit,
driving_licence, `country` the issuing state's ISO 3166 alpha-3 code (Germany's MRZ writes
`D<<`), `bsn` null when the document has none and `mrz` [] when it has no MRZ. The CV's own
truth is beside it as `truth/nl-single-column-id-copy.cv.json` (`file` set to the PDF).

    python3 Tools/samplegen/scanned.py --samples Samples --out Samples/scanned   # runs this too
    python3 Tools/samplegen/idcards.py --samples Samples --out Samples/id

Standard library, Pillow and pypdf (joining the CV and the copy). No dates, fixed JPEG
quality, PNG without time chunks, Pillow's basic text layout: the same bytes on every run.
"""

import argparse
import datetime
import functools
import io
import json
import math
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mrz      # noqa: E402
import person   # noqa: E402
import scanned  # noqa: E402

FONTS = "/usr/share/fonts/truetype/dejavu"
SANS, BOLD, MONO = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"
DPI = 300
# A Dutch document number: 2 letters, 6 letters or digits, 1 digit; never the letter O.
NL_LETTERS = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
# Dutch residence documents since 2019: V and 8 letters or digits, no 0 and no O.
V_CHARACTERS = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
# German passport numbers use these characters only.
DE_CHARACTERS = "CFGHJKLMNPRTVWXYZ0123456789"
MONTHS = ["JAN/JAN", "FEB/FEB", "MAA/MAR", "APR/APR", "MEI/MAY", "JUN/JUN", "JUL/JUL", "AUG/AUG",
          "SEP/SEP", "OKT/OCT", "NOV/NOV", "DEC/DEC"]
INK, LABEL, SIGNATURE, RED = (22, 22, 30), (60, 62, 96), (30, 40, 110), (200, 30, 30)
# The candidate of the CV with an ID copy, as nl-single-column.pdf has her.
CV_SAMPLE = "nl-single-column"
CV_HOLDER = {"surname": "Vos", "given_names": "Femke", "name": "Femke Vos", "birth": "1984-08-17",
             "place": "Eindhoven", "sex": "F"}


def mm(value):
    return round(value * DPI / 25.4)


CARD = (mm(85.60), mm(53.98))
PAGE = (mm(125), mm(88))
MRZ_PITCH = mm(2.54)


@functools.lru_cache(maxsize=None)
def font(name, size):
    # The basic layout (no HarfBuzz/raqm): the same glyph positions wherever Pillow runs.
    return ImageFont.truetype(os.path.join(FONTS, name), size, layout_engine=ImageFont.Layout.BASIC)


def date(text):
    return datetime.date.fromisoformat(text)


def nl_date(d):
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def yymmdd(d):
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def nl_document_number(rng):
    middle = NL_LETTERS + "0123456789"
    return ("".join(rng.choice(NL_LETTERS) for _ in range(2)) + "".join(rng.choice(middle) for _ in range(6))
            + str(rng.randrange(10)))


def bsn(rng):
    number = person.make_bsn(rng)
    assert person.bsn_valid(number), number
    return number


# ------------------------------------------------------------------ drawing

def background(size, top, bottom, rng):
    """A pale security print: a vertical blend of two tints and a few faint waves."""
    w, h = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(h):
        t = y / (h - 1)
        draw.line([(0, y), (w, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    wave = tuple(max(0, c - 14) for c in top)
    for k in range(7):
        phase, amplitude, period = rng.uniform(0, 2 * math.pi), rng.uniform(10, 26), rng.uniform(180, 320)
        base = h * (k + 0.5) / 7
        draw.line([(x, base + amplitude * math.sin(phase + 2 * math.pi * x / period)) for x in range(0, w + 8, 8)],
                  fill=wave, width=2)
    return image


def text(draw, xy, value, name=SANS, size=22, fill=INK, anchor="la"):
    draw.text(xy, value, font=font(name, size), fill=fill, anchor=anchor)


def field(draw, x, y, label, value, value_size=30):
    """A printed field: the small bilingual label and the value under it."""
    text(draw, (x, y), label, SANS, 20, LABEL)
    text(draw, (x, y + 26), value, BOLD, value_size, INK)


def photo_placeholder(image, box):
    """A grey photo area with a lighter head-and-shoulders silhouette (no face)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    photo = Image.new("RGB", (w, h), (176, 180, 188))
    draw = ImageDraw.Draw(photo)
    draw.ellipse([w * 0.08, h * 0.62, w * 0.92, h * 1.45], fill=(218, 220, 226))
    draw.ellipse([w * 0.3, h * 0.16, w * 0.7, h * 0.6], fill=(218, 220, 226))
    draw.rectangle([0, 0, w - 1, h - 1], outline=(120, 124, 132), width=2)
    image.paste(photo, (x0, y0))


def signature(draw, box, rng):
    """A pen scribble of sine waves: no one's signature."""
    x0, y0, x1, y1 = box
    waves = [(rng.uniform(1.5, 3.5), rng.uniform(0, 6.3), rng.uniform(0.15, 0.3)) for _ in range(3)]
    points = []
    for i in range(121):
        t = i / 120
        y = 0.5 + sum(a * math.sin(2 * math.pi * f * t + p) for f, p, a in waves)
        points.append((x0 + t * (x1 - x0), y0 + (y1 - y0) * min(1.0, max(0.0, y))))
    draw.line(points, fill=SIGNATURE, width=3, joint="curve")


def specimen(image, centre, size, angle, alpha=80):
    """SPECIMEN across `image`, translucent red, turned by `angle` degrees about `centre`."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).text(centre, "SPECIMEN", font=font(BOLD, size), fill=RED + (alpha,), anchor="mm")
    layer = layer.rotate(angle, center=centre, resample=Image.Resampling.BICUBIC)
    return Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")


def machine_zone(image, lines, top):
    """The MRZ on a white band from `top` to the bottom edge, one character every 2.54 mm."""
    draw = ImageDraw.Draw(image)
    w, h = image.size
    draw.rectangle([0, top, w, h], fill=(252, 252, 250))
    mono = font(MONO, 50)
    left = (w - MRZ_PITCH * len(lines[0])) // 2
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            draw.text((left + column * MRZ_PITCH + MRZ_PITCH // 2, top + 34 + row * 62), char, font=mono,
                      fill=INK, anchor="ma")


def rounded_card(card):
    """The card with its rounded corners (radius 3.18 mm) as an RGBA picture."""
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, card.size[0] - 1, card.size[1] - 1], radius=mm(3.18), fill=255)
    shaped = card.convert("RGBA")
    shaped.putalpha(mask)
    return shaped


def two_sides(front, back):
    """Front above back on a light grey sheet, as a flat-bed scan of both sides."""
    margin, gap = 40, 40
    w, h = front.size
    sheet = Image.new("RGB", (w + 2 * margin, 2 * h + gap + 2 * margin), (244, 244, 242))
    draw = ImageDraw.Draw(sheet)
    for y, side in [(margin, front), (margin + h + gap, back)]:
        sheet.paste(side, (margin, y), rounded_card(side))
        draw.rounded_rectangle([margin, y, margin + w - 1, y + h - 1], radius=mm(3.18), outline=(150, 150, 150),
                               width=2)
    return sheet


# ------------------------------------------------------------------ documents

def nl_card_front(rng, title, subtitle, tints, rows):
    """The front of a Dutch ID-1 card: header, photo, signature and the `rows` of fields."""
    card = background(CARD, *tints, rng)
    draw = ImageDraw.Draw(card)
    w, _ = CARD
    text(draw, (36, 22), "KONINKRIJK DER NEDERLANDEN", BOLD, 24)
    text(draw, (36, 54), "KINGDOM OF THE NETHERLANDS", SANS, 18, LABEL)
    text(draw, (w - 36, 20), title, BOLD, 30, anchor="ra")
    text(draw, (w - 36, 58), subtitle, SANS, 20, LABEL, anchor="ra")
    photo_placeholder(card, (36, 104, 36 + mm(23), 104 + mm(30)))
    signature(draw, (48, 490, 36 + mm(23) - 12, 590), rng)
    y = 100
    for row in rows:
        for x, label, value in row:
            field(draw, x, y, label, value)
        y += 72
    return specimen(card, (w // 2 + 60, 330), 120, 22, alpha=70)


def nl_card_back(rng, tints, rows, lines):
    card = background(CARD, *tints[::-1], rng)
    draw = ImageDraw.Draw(card)
    y = 26
    for row in rows:
        for x, label, value in row:
            field(draw, x, y, label, value)
        y += 72
    text(draw, (CARD[0] - 36, 250), "SPECIMEN", BOLD, 40, RED, anchor="ra")
    machine_zone(card, lines, 420)
    return card


def identity_card(d, rng):
    """Dutch identity card (TD1, BSN in the optional data of line 1)."""
    lines = mrz.td1("I", "NLD", d["number"], yymmdd(d["birth"]), d["sex"], yymmdd(d["expiry"]), "NLD",
                    d["surname"], d["given_names"], mrz.dutch_optional(d["bsn"]))
    sex = {"F": "V/F", "M": "M/M"}[d["sex"]]
    tints = ((214, 228, 242), (238, 232, 244))
    front = nl_card_front(rng, "IDENTITEITSKAART", "IDENTITY CARD", tints, [
        [(350, "Naam / Surname", d["surname"])],
        [(350, "Voornamen / Given names", d["given_names"])],
        [(350, "Geboortedatum / Date of birth", nl_date(d["birth"])), (760, "Geslacht / Sex", sex)],
        [(350, "Nationaliteit / Nationality", "Nederlandse")],
        [(350, "Documentnummer / Document No.", d["number"])],
        [(350, "Geldig tot / Date of expiry", nl_date(d["expiry"]))],
        [(350, "Persoonsnummer / Personal No.", d["bsn"])],
    ])
    back = nl_card_back(rng, tints, [
        [(36, "Geboorteplaats / Place of birth", d["place"]), (560, "Lengte / Height", d["height"])],
        [(36, "Datum van afgifte / Date of issue", nl_date(d["issue"]))],
        [(36, "Afgegeven door / Authority", d["authority"])],
    ], lines)
    return two_sides(front, back), lines


def residence_document(d, rng):
    """Dutch residence document (TD1, document code IR), no BSN."""
    lines = mrz.td1("IR", "NLD", d["number"], yymmdd(d["birth"]), d["sex"], yymmdd(d["expiry"]),
                    d["nationality_code"], d["surname"], d["given_names"])
    sex = {"F": "V/F", "M": "M/M"}[d["sex"]]
    tints = ((226, 238, 222), (244, 238, 220))
    front = nl_card_front(rng, "VERBLIJFSDOCUMENT", "RESIDENCE DOCUMENT", tints, [
        [(350, "Naam / Surname", d["surname"])],
        [(350, "Voornamen / Given names", d["given_names"])],
        [(350, "Geboortedatum / Date of birth", nl_date(d["birth"])), (760, "Geslacht / Sex", sex)],
        [(350, "Nationaliteit / Nationality", d["nationality"])],
        [(350, "Documentnummer / Document No.", d["number"])],
        [(350, "Geldig tot / Date of expiry", nl_date(d["expiry"]))],
        [(350, "Soort / Type", "REGULIER BEPAALDE TIJD")],
    ])
    back = nl_card_back(rng, tints, [
        [(36, "Opmerkingen / Remarks", "Arbeid vrij toegestaan. TWV niet vereist.")],
        [(36, "Datum van afgifte / Date of issue", nl_date(d["issue"]))],
        [(36, "Plaats van afgifte / Place of issue", d["authority"])],
    ], lines)
    return two_sides(front, back), lines


def passport_page(rng, header, title, rows, lines, tints):
    """A passport data page: header, photo, signature, rows of fields and the TD3 MRZ."""
    page = background(PAGE, *tints, rng)
    draw = ImageDraw.Draw(page)
    w, _ = PAGE
    y = 26
    for index, line in enumerate(header):
        text(draw, (50, y), line, BOLD if index == 0 else SANS, 28 if index == 0 else 20, INK if index == 0 else LABEL)
        y += 38 if index == 0 else 28
    for index, line in enumerate(title):
        first = index == 0
        text(draw, (w - 50, 24 if first else 40 + index * 32), line, BOLD if first else SANS, 36 if first else 24,
             INK if first else LABEL, anchor="ra")
    photo_placeholder(page, (50, 150, 50 + mm(32), 150 + mm(40)))
    signature(draw, (70, 650, 50 + mm(32) - 20, 760), rng)
    y = 140
    for row in rows:
        for x, label, value in row:
            field(draw, x, y, label, value)
        y += 72
    page = specimen(page, (w // 2 + 120, 420), 170, 18, alpha=60)
    machine_zone(page, lines, 850)
    return page


def dutch_passport(d, rng):
    """Dutch passport data page (TD3, the BSN as personal number)."""
    lines = mrz.td3("P", "NLD", d["surname"], d["given_names"], d["number"], "NLD", yymmdd(d["birth"]),
                    d["sex"], yymmdd(d["expiry"]), d["bsn"])
    sex = {"F": "V/F", "M": "M/M"}[d["sex"]]
    rows = [
        [(480, "Type / Type", "P"), (660, "Code / Code", "NLD"), (900, "Paspoortnr. / Passport No.", d["number"])],
        [(480, "Naam / Surname", d["surname"])],
        [(480, "Voornamen / Given names", d["given_names"])],
        [(480, "Nationaliteit / Nationality", "Nederlandse")],
        [(480, "Geboortedatum / Date of birth", nl_date(d["birth"])),
         (900, "Geboorteplaats / Place of birth", d["place"])],
        [(480, "Geslacht / Sex", sex), (900, "Lengte / Height", d["height"])],
        [(480, "Datum van afgifte / Date of issue", nl_date(d["issue"])),
         (900, "Geldig tot / Date of expiry", nl_date(d["expiry"]))],
        [(480, "Persoonsnummer / Personal No.", d["bsn"]), (900, "Autoriteit / Authority", d["authority"])],
    ]
    page = passport_page(rng, ["KONINKRIJK DER NEDERLANDEN", "KINGDOM OF THE NETHERLANDS"],
                         ["PASPOORT", "PASSPORT"], rows, lines, ((232, 226, 240), (244, 236, 226)))
    return page, lines


def german_passport(d, rng):
    """German passport data page (TD3, issuing state and nationality D<<, no personal number)."""
    lines = mrz.td3("P", "D", d["surname"], d["given_names"], d["number"], "D", yymmdd(d["birth"]), d["sex"],
                    yymmdd(d["expiry"]))

    def de(day):
        return f"{day.day:02d}.{day.month:02d}.{day.year}"

    rows = [
        [(480, "Typ / Type", "P"), (660, "Kode / Code", "D"), (900, "Pass-Nr. / Passport No.", d["number"])],
        [(480, "Name / Surname / Nom", d["surname"].upper())],
        [(480, "Vornamen / Given names / Prénoms", d["given_names"].upper())],
        [(480, "Staatsangehörigkeit / Nationality / Nationalité", "DEUTSCH")],
        [(480, "Geburtstag / Date of birth", de(d["birth"])), (900, "Geburtsort / Place of birth", d["place"].upper())],
        [(480, "Geschlecht / Sex / Sexe", d["sex"]), (900, "Größe / Height", d["height"])],
        [(480, "Ausstellungsdatum / Date of issue", de(d["issue"])),
         (900, "Gültig bis / Date of expiry", de(d["expiry"]))],
        [(480, "Behörde / Authority / Autorité", d["authority"])],
    ]
    page = passport_page(rng, ["BUNDESREPUBLIK DEUTSCHLAND", "FEDERAL REPUBLIC OF GERMANY",
                                  "RÉPUBLIQUE FÉDÉRALE D'ALLEMAGNE"],
                         ["REISEPASS", "PASSPORT", "PASSEPORT"], rows, lines, ((238, 232, 222), (226, 232, 240)))
    return page, lines


def eu_flag(card, box):
    """The blue EU band of a driving licence: twelve stars in a ring and the country code."""
    draw = ImageDraw.Draw(card)
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=(0, 51, 153))
    cx, cy, ring = (x0 + x1) / 2, y0 + (y1 - y0) * 0.36, (y1 - y0) * 0.24
    for k in range(12):
        sx, sy = cx + ring * math.cos(2 * math.pi * k / 12), cy + ring * math.sin(2 * math.pi * k / 12)
        points = [(sx + r * math.sin(math.pi * i / 5), sy - r * math.cos(math.pi * i / 5))
                  for i, r in zip(range(10), [6, 2.5] * 5)]
        draw.polygon(points, fill=(255, 204, 0))
    text(draw, (cx, y1 - 8), "NL", BOLD, 34, (255, 255, 255), anchor="md")


def driving_licence(d, rng):
    """Dutch driving licence (EU model): numbered fields, 4d is the BSN, no MRZ."""
    def dotted(day):
        return f"{day.day:02d}.{day.month:02d}.{day.year}"

    tints = ((246, 224, 228), (234, 236, 246))
    front = background(CARD, *tints, rng)
    draw = ImageDraw.Draw(front)
    eu_flag(front, (30, 26, 160, 136))
    text(draw, (190, 24), "RIJBEWIJS", BOLD, 46)
    text(draw, (192, 82), "KONINKRIJK DER NEDERLANDEN", SANS, 20, LABEL)
    photo_placeholder(front, (30, 160, 30 + mm(22), 160 + mm(28)))
    fields = [("1.", d["surname"]), ("2.", d["given_names"]), ("3.", f"{dotted(d['birth'])} {d['place']}"),
              ("4a.", f"{dotted(d['issue'])}   4b. {dotted(d['expiry'])}"), ("4c.", d["authority"]),
              ("4d.", d["bsn"]), ("5.", d["number"]), ("9.", "AM/B")]
    y = 140
    for number, value in fields:
        text(draw, (320, y + 4), number, SANS, 22, LABEL)
        text(draw, (372, y), value, BOLD, 28)
        y += 56
    text(draw, (30, 505), "7.", SANS, 22, LABEL)
    signature(draw, (62, 500, 30 + mm(22), 590), rng)
    front = specimen(front, (CARD[0] // 2 + 80, 330), 120, 22, alpha=70)

    back = background(CARD, *tints[::-1], rng)
    draw = ImageDraw.Draw(back)
    categories = ["AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T"]
    left, top, row_h = 30, 50, 36
    columns = [left, left + 110, left + 300, left + 490, left + 640, CARD[0] - 30]
    for x, head in zip(columns, ["9.", "10.", "11.", "12."]):
        text(draw, (x + 8, top - 34), head, SANS, 22, LABEL)
    for i, category in enumerate(categories):
        y = top + i * row_h
        draw.line([(left, y), (columns[-1], y)], fill=LABEL, width=1)
        text(draw, (left + 8, y + 6), category, BOLD, 22)
        if category in ("AM", "B"):
            text(draw, (columns[1] + 8, y + 6), dotted(d["issue"]), SANS, 22)
            text(draw, (columns[2] + 8, y + 6), dotted(d["expiry"]), SANS, 22)
    bottom = top + len(categories) * row_h
    draw.line([(left, bottom), (columns[-1], bottom)], fill=LABEL, width=1)
    for x in columns:
        draw.line([(x, top), (x, bottom)], fill=LABEL, width=1)
    text(draw, (columns[4] + 8, top + 6 * row_h), "SPECIMEN", BOLD, 30, RED)
    return two_sides(front, back), []


# ------------------------------------------------------------------ the set

def holders():
    """The fictional holders, each with numbers from a stream seeded with the document's name."""
    def rng(name):
        return random.Random(f"idcards:{name}")

    card_rng, passport_rng, licence_rng, permit_rng, german_rng, copy_rng = (
        rng(n) for n in ["id-card", "passport", "licence", "permit", "german", "copy"])
    return [
        ("nl-identiteitskaart.png", "id_card", "NLD", identity_card, dict(
            surname="van der Meer", given_names="Sanne Marieke", sex="F", birth=date("1991-05-23"),
            place="Amersfoort", height="1,68 m", issue=date("2021-03-15"), expiry=date("2031-03-15"),
            authority="Burgemeester van Amersfoort", number=nl_document_number(card_rng), bsn=bsn(card_rng))),
        ("nl-paspoort.png", "passport", "NLD", dutch_passport, dict(
            surname="de Jong", given_names="Daan Hendrik", sex="M", birth=date("1979-11-02"), place="Zwolle",
            height="1,84 m", issue=date("2022-06-20"), expiry=date("2032-06-20"), authority="Burg. van Zwolle",
            number=nl_document_number(passport_rng), bsn=bsn(passport_rng))),
        ("de-reisepass.jpg", "passport", "DEU", german_passport, dict(
            surname="Schröder", given_names="Jürgen", sex="M", birth=date("1983-02-14"), place="Köln",
            height="179 cm", issue=date("2020-10-05"), expiry=date("2030-10-04"), authority="Stadt Köln",
            number="C" + "".join(german_rng.choice(DE_CHARACTERS) for _ in range(8)), bsn=None)),
        ("nl-verblijfsdocument.png", "residence_permit", "NLD", residence_document, dict(
            surname="Sharma", given_names="Priya", sex="F", birth=date("1994-09-30"), nationality="Indiase",
            nationality_code="IND", issue=date("2023-01-10"), expiry=date("2028-01-10"), authority="'s-Gravenhage",
            number="V" + "".join(permit_rng.choice(V_CHARACTERS) for _ in range(8)), bsn=None)),
        ("nl-rijbewijs.jpg", "driving_licence", "NLD", driving_licence, dict(
            surname="ter Horst", given_names="Ruben", sex="M", birth=date("1988-07-09"), place="Deventer",
            issue=date("2019-04-12"), expiry=date("2029-04-12"), authority="Burgemeester van Deventer",
            number="5" + "".join(str(licence_rng.randrange(10)) for _ in range(9)), bsn=bsn(licence_rng))),
        ("nl-single-column-id-copy.pdf", "id_card", "NLD", identity_card, dict(
            surname=CV_HOLDER["surname"], given_names=CV_HOLDER["given_names"], sex=CV_HOLDER["sex"],
            birth=date(CV_HOLDER["birth"]), place=CV_HOLDER["place"], height="1,71 m", issue=date("2020-09-07"),
            expiry=date("2030-09-07"), authority="Burgemeester van Eindhoven",
            number=nl_document_number(copy_rng), bsn=bsn(copy_rng))),
    ]


def truth(name, kind, country, d, lines):
    return {"file": name, "kind": kind, "country": country, "document_number": d["number"], "bsn": d["bsn"],
            "mrz": lines, "holder": {"surname": d["surname"], "given_names": d["given_names"]},
            "birth_date": d["birth"].isoformat()}


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def photocopy_page(sheet):
    """An A4 page at 300 dpi, grey, with the card sheet near its top, turned half a degree."""
    page = Image.new("L", (mm(210), mm(297)), 255)
    page.paste(sheet.convert("L"), (mm(25), mm(22)))
    page = page.rotate(-0.5, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return (595.28, 841.89) + page.size + (page.tobytes(),)


def cv_with_copy(samples, sheet):
    """The CV's own PDF with the photocopy of the card appended as an image-only page."""
    import pypdf
    import pdfwriter
    with open(os.path.join(samples, "truth", CV_SAMPLE + ".json"), encoding="utf-8") as f:
        cv = json.load(f)
    found = {(v["category"], v["text"]) for v in cv["personal"]}
    if ("name", CV_HOLDER["name"]) not in found or ("birth_date", CV_HOLDER["birth"]) not in found:
        raise ValueError(f"{CV_SAMPLE}: the CV's candidate is no longer {CV_HOLDER['name']}; update CV_HOLDER")
    with open(os.path.join(samples, CV_SAMPLE + ".pdf"), "rb") as f:
        writer = pdfwriter._FixedIdWriter(clone_from=pypdf.PdfReader(io.BytesIO(f.read())))
    copy = pypdf.PdfReader(io.BytesIO(scanned.image_pdf([photocopy_page(sheet)])))
    writer.add_page(copy.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), cv


def encoded(image, name):
    """JPEG at quality 80, or PNG with a palette of 64 colours (median cut, no dithering), which
    keeps text sharp and the file a third of the size of full colour."""
    buffer = io.BytesIO()
    if name.endswith(".jpg"):
        image.save(buffer, "JPEG", quality=80, optimize=True, dpi=(DPI, DPI))
    else:
        image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        image.save(buffer, "PNG", optimize=True, dpi=(DPI, DPI))
    return buffer.getvalue()


def write_all(samples, out):
    mrz.selftest()
    for name, kind, country, draw, d in holders():
        picture, lines = draw(d, random.Random(f"idcards:draw:{name}"))
        stem = os.path.splitext(name)[0]
        if name.endswith(".pdf"):
            data, cv = cv_with_copy(samples, picture)
            cv["file"] = name
            write_json(os.path.join(out, "truth", stem + ".cv.json"), cv)
        else:
            data = encoded(picture, name)
        scanned.write(os.path.join(out, name), data)
        write_json(os.path.join(out, "truth", stem + ".json"), truth(name, kind, country, d, lines))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", default="Samples")
    ap.add_argument("--out", default="Samples/id")
    args = ap.parse_args(argv)
    write_all(args.samples, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
