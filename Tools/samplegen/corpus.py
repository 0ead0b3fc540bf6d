"""Random evaluation corpus.  Mixes PDF/DOCX and Dutch/English, the layouts
used by Samples/ plus layouts and wordings the fixed samples never use:

  inline         label-less personalia line "Jan de Vries | 06-12345678 | jan@..."
  right_contact  contact block in a right-hand column (DOCX: a 2-cell table)
  us_style       English US-style CV (US address/phone, "Title | Employer | dates")
  alternative heading words (layouts.ALT_HEAD) in about half of all CVs
"""

import io
import random

import layouts as L
from layouts import DocxOut, PdfOut, personal_fields, emit_body, make_references
from model import P, Truth
from ooxml import Docx, zip_write
from pdfwriter import Pdf
from person import make_person
import png

BASE = ["kv_table", "kv_lines", "kv_tabs", "header_footer", "textbox", "sidebar"]
EXTRA = ["inline", "right_contact", "us_style"]


def pick_fields(rng, p):
    keys = []
    if rng.random() < 0.7:
        keys += ["address", "postcode_city"] if rng.random() < 0.6 else ["address_full"]
    else:
        keys.append("postcode_city")
    keys += ["phone", "email"]
    if p.origin in ("nl", "int") and rng.random() < 0.15:
        keys.append("landline")
    if rng.random() < 0.5:
        keys.append("born_at" if rng.random() < 0.25 else "birth_date")
        if keys[-1] == "birth_date" and rng.random() < 0.3:
            keys.append("birth_place")
    for k, prob in (("nationality", 0.3), ("gender", 0.15), ("marital", 0.15), ("url", 0.4),
                    ("github", 0.08), ("website", 0.05), ("bsn", 0.04), ("iban", 0.04),
                    ("other_id", 0.03)):
        if rng.random() < prob:
            keys.append(k)
    if p.origin == "us":
        keys = [k for k in keys if k not in ("postcode_city", "bsn", "iban", "other_id",
                                             "landline", "born_at", "birth_place")]
        if "address_full" in keys:
            keys[keys.index("address_full")] = "address"
    return keys


def contact_values(p, fields):
    """Label-less value lines from personal_fields output."""
    return [v for _, v in fields]


def title(out, p, rng, caps=False):
    out.title([P("name", p.name.upper(), hard=True)] if caps else [P("name", p.name)])
    if rng.random() < 0.7:
        out.subtitle([p.job_title])


def build_one(seed, i):
    rng = random.Random(f"{seed}:corpus:{i}")
    lang = "nl" if rng.random() < 0.65 else "en"
    fmt = rng.choice(["pdf", "docx"])
    layouts = BASE + EXTRA * 2
    layouts = [x for x in layouts
               if not (fmt == "pdf" and x in ("header_footer", "textbox"))
               and not (fmt == "docx" and x == "sidebar")
               and not (lang == "nl" and x == "us_style")]
    layout = rng.choice(layouts)
    origin = "us" if layout == "us_style" else None
    p = make_person(rng, lang, origin=origin)
    alt = layout in EXTRA or rng.random() < 0.5
    fname = f"cv-{i:04d}-{lang}-{layout.replace('_', '-')}.{fmt}"
    t = Truth(fname, lang, fmt)
    fields = personal_fields(p, rng, pick_fields(rng, p))
    caps = rng.random() < 0.08
    photo = rng.random() < 0.2 and not (fmt == "pdf" and layout == "right_contact")
    opts = {"alt": alt, "profile": rng.choice(["named", "plain", None]),
            "bullets": rng.random() < 0.6, "hobbies": rng.random() < 0.5}
    if rng.random() < 0.25:
        opts["references"] = make_references(p, rng, rng.randint(1, 2))
    if layout == "us_style":
        opts["exp_style"] = "US"
    if rng.random() < 0.3:
        opts["sections"] = ["profile", "education", "experience", "skills", "languages",
                            "certificates", "hobbies", "references"]
    if fmt == "docx":
        d = Docx(t)
        o = DocxOut(d)
        if photo:
            d.image(png.photo_placeholder(40, 50), 40, 50)
        if layout in ("kv_table", "kv_lines", "kv_tabs"):
            title(o, p, rng, caps)
            o.heading(L.heading(rng, lang, "personal", alt))
            o.kv(fields, layout[3:])
        elif layout == "header_footer":
            d.header([([P("name", p.name)], {"bold": True, "size": 14})])
            d.footer([(sum(([" | "] + v for v in contact_values(p, fields)), [])[1:], {"size": 8})])
            o.title(["Curriculum vitae"])
        elif layout == "textbox":
            title(o, p, rng, caps)
            d.textbox([(["Contact" if lang == "en" else "Contactgegevens"], {"bold": True})]
                      + contact_values(p, fields))
        elif layout == "inline":
            o.title(["Curriculum vitae"])
            vals = [[P("name", p.name)]] + contact_values(p, fields)
            o.text(sum(([" | "] + v for v in vals), [])[1:])
        elif layout == "right_contact":
            left = [[P("name", p.name)], [p.job_title]]
            d.table([[left, contact_values(p, fields)]], widths=(5200, 3800))
        elif layout == "us_style":
            o.title([P("name", p.name)])
            o.text(sum(([" • "] + v for v in contact_values(p, fields)), [])[1:])
        emit_body(o, p, rng, opts)
        if rng.random() < 0.7:
            d.set_core(creator=P("name", p.name))
        buf = io.BytesIO()
        zip_write(buf, d.build())
        return fname, buf.getvalue(), t
    pdf = Pdf(t)
    o = PdfOut(pdf)
    if photo and layout != "sidebar":
        pdf.image(png.photo_placeholder(40, 50), pdf.W - 130, pdf.H - 150, 80, 100)
        pdf.frame(pdf.x, pdf.width - 100)
    if layout in ("kv_table", "kv_lines", "kv_tabs"):
        title(o, p, rng, caps)
        o.heading(L.heading(rng, lang, "personal", alt))
        o.kv(fields, layout[3:])
    elif layout == "sidebar":
        side_w = 185
        pdf.rect(0, 0, side_w, pdf.H, 0.92)
        top = pdf.H - 50
        if photo:
            pdf.image(png.photo_placeholder(40, 50), 40, pdf.H - 135, 80, 100)
            top = pdf.H - 150
        pdf.frame(30, side_w - 45, top)
        pdf.heading(L.heading(rng, lang, "personal", alt), size=11)
        for label, value in fields:
            pdf.line([label], "Helvetica-Bold", 8.5)
            pdf.line(value, "Helvetica", 8.5, lead=11)
        pdf.frame(side_w + 25, pdf.W - side_w - 60, pdf.H - 50)
        title(o, p, rng, caps)
    elif layout == "inline":
        title(o, p, rng, caps)
        vals = contact_values(p, fields)
        half = (len(vals) + 1) // 2
        for chunk in (vals[:half], vals[half:]):
            if chunk:
                pdf.line(sum(([" | "] + v for v in chunk), [])[1:], "Helvetica", 9)
    elif layout == "right_contact":
        top = pdf.y
        pdf.frame(pdf.x, pdf.width * 0.55)
        title(o, p, rng, caps)
        left_y = pdf.y
        pdf.frame(50 + (pdf.W - 100) * 0.45, (pdf.W - 100) * 0.55, top)
        for v in contact_values(p, fields):
            pdf.line(v, "Helvetica", 8.5, lead=11, align="right")
        pdf.frame(50, pdf.W - 100, min(left_y, pdf.y))
    elif layout == "us_style":
        o.title([P("name", p.name)])
        vals = contact_values(p, fields)
        pdf.line(sum(([" • "] + v for v in vals[:3]), [])[1:], "Helvetica", 9)
        if vals[3:]:
            pdf.line(sum(([" • "] + v for v in vals[3:]), [])[1:], "Helvetica", 9)
    if layout != "sidebar":
        if photo:
            pdf.y = min(pdf.y, pdf.H - 155)
        pdf.frame(50, pdf.W - 100)
    emit_body(o, p, rng, opts)
    if rng.random() < 0.4:
        pdf.set_meta(author=P("name", p.name), title="Curriculum vitae")
    return fname, pdf.getvalue(), t


def generate(seed, count):
    for i in range(1, count + 1):
        yield build_one(seed, i)
