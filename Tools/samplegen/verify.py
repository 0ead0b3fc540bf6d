#!/usr/bin/env python3
"""Self-check of a generated sample directory (or corpus).

  python3 Tools/samplegen/verify.py Samples [--no-hostile]

For every file with a truth JSON: every truth value must literally occur in
the text of its source (DOCX: the XML text of the part, runs joined; PDF:
pdftotext for "body", pypdf for metadata/link/form/annotation/attachment).
Also checks XML well-formedness, BSN 11-proof, IBAN mod-97, postcodes, and
the hostile files' properties.  Exits non-zero on any failure.
"""

import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
import zlib
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from person import bsn_valid, iban_valid  # noqa: E402

W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main")
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
FAIL = []


def fail(msg):
    FAIL.append(msg)
    print("FAIL", msg)


# ------------------------------------------------------------------ DOCX

def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _is_w(tag):
    return tag.startswith("{") and tag[1:].split("}")[0] in W_NS


def docx_texts(el, out, ctx="body"):
    """Collect text into out[ctx] (and out['deleted']); tables -> 'table',
    text boxes -> 'textbox' (mc:Fallback skipped), instrText ignored."""
    tag = el.tag
    if tag == MC + "Fallback":
        return
    name = _local(tag) if _is_w(tag) else None
    if name == "tbl" and ctx == "body":
        ctx = "table"
    if name == "txbxContent":
        ctx = "textbox"
    if name == "t":
        out.setdefault(ctx, []).append(el.text or "")
    elif name == "delText":
        out.setdefault("deleted", []).append(el.text or "")
    elif name == "tab":
        out.setdefault(ctx, []).append("\t")
    elif name in ("br", "cr"):
        out.setdefault(ctx, []).append("\n")
    for child in el:
        docx_texts(child, out, ctx)
    if name == "p":
        out.setdefault(ctx, []).append("\n")


def _rels(z, part):
    d, base = posixpath.split(part)
    name = posixpath.join(d, "_rels", base + ".rels")
    if name not in z.namelist():
        return []
    root = ET.fromstring(z.read(name))
    out = []
    for r in root.iter(PKG + "Relationship"):
        t = r.get("Target")
        if r.get("TargetMode") != "External":
            t = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(d, t))
        out.append((r.get("Type").rsplit("/", 1)[-1], t, r.get("TargetMode") == "External"))
    return out


def check_docx(path, truth):
    z = zipfile.ZipFile(path)
    for n in z.namelist():
        if n.endswith((".xml", ".rels")):
            try:
                ET.fromstring(z.read(n))
            except ET.ParseError as e:
                fail(f"{path}: {n} not well-formed: {e}")
    texts = {}
    pkg = _rels(z, "")
    main = [t for k, t, _ in pkg if k == "officeDocument"][0]
    core = [t for k, t, _ in pkg if k == "core-properties"]
    docx_texts(ET.fromstring(z.read(main)), texts)
    for kind, target, external in _rels(z, main):
        if external:
            if kind == "hyperlink":
                texts.setdefault("link", []).append(
                    target[len("mailto:"):] if target.startswith("mailto:") else target)
                texts["link"].append("\n")
            continue
        src = {"header": "header", "footer": "footer", "comments": "comment",
               "footnotes": "footnote", "endnotes": "footnote"}.get(kind)
        if src:
            tmp = {}
            docx_texts(ET.fromstring(z.read(target)), tmp, src)
            for k, v in tmp.items():
                texts.setdefault(k, []).extend(v)
    for c in core:
        root = ET.fromstring(z.read(c))
        texts.setdefault("metadata", []).extend((e.text or "") + "\n" for e in root)
    joined = {k: "".join(v) for k, v in texts.items()}
    if "HYPERLINK" in joined.get("body", "") or " PAGE " in joined.get("footer", ""):
        fail(f"{path}: field instruction leaked into text")
    check_truth(path, truth, joined)


# ------------------------------------------------------------------ PDF

def pdf_texts(path):
    import pypdf
    out = {"body": subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                                  capture_output=True, text=True).stdout}
    r = pypdf.PdfReader(path)
    if r.is_encrypted:
        r.decrypt("")
    meta = r.metadata or {}
    out["metadata"] = "\n".join(str(v) for v in meta.values())
    links, notes = [], []
    for page in r.pages:
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Link":
                uri = a.get("/A", {}).get("/URI", "")
                links.append(uri[7:] if uri.startswith("mailto:") else uri)
            elif a.get("/Subtype") == "/Text":
                notes.append(str(a.get("/Contents", "")))
    out["link"] = "\n".join(links)
    out["annotation"] = "\n".join(notes)
    out["form"] = "\n".join(str(f.get("/V", "")) for f in (r.get_fields() or {}).values())
    out["attachment"] = "\n".join(b.decode("utf-8") for datas in r.attachments.values()
                                  for b in datas)
    return out


def check_pdf(path, truth):
    check_truth(path, truth, pdf_texts(path))


# ------------------------------------------------------------------ truth

POSTCODE = re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$")


def check_truth(path, truth, texts):
    for e in truth["personal"]:
        src = "deleted" if e.get("deleted") else e["source"]
        if e["text"] not in texts.get(src, ""):
            fail(f"{path}: {e} not found in {src}")
        if e["category"] == "bsn" and not bsn_valid(e["text"]):
            fail(f"{path}: invalid BSN {e['text']}")
        if e["category"] == "iban" and not iban_valid(e["text"]):
            fail(f"{path}: invalid IBAN {e['text']}")
        if e["category"] == "postcode" and truth["language"] == "nl" and re.match(r"^\d", e["text"]):
            if not POSTCODE.match(e["text"]) or e["text"][-2:] in ("SA", "SD", "SS"):
                fail(f"{path}: bad postcode {e['text']}")
    for group, items in truth["career"].items():
        for it in items:
            if isinstance(it, str):
                vals, src = [it], "body"
            else:
                src = it.get("source", "body")
                vals = [v for k, v in it.items() if k != "source"]
            for v in vals:
                if v not in texts.get(src, ""):
                    fail(f"{path}: career {group} value {v!r} not found in {src}")


# ------------------------------------------------------------------ hostile

def inflated_size(path, member, limit=None):
    """Actual inflated size of a zip member, streaming (ignores header sizes)."""
    z = zipfile.ZipFile(path)
    info = z.getinfo(member)
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        head = f.read(30)
        nlen, xlen = int.from_bytes(head[26:28], "little"), int.from_bytes(head[28:30], "little")
        f.seek(info.header_offset + 30 + nlen + xlen)
        d = zlib.decompressobj(-15)
        total, left = 0, info.compress_size
        while left > 0:
            chunk = f.read(min(left, 1 << 16))
            left -= len(chunk)
            total += len(d.decompress(chunk))
        return total + len(d.flush()), info.file_size


def check_hostile(hdir):
    expect = json.load(open(os.path.join(hdir, "expect.json")))
    for name in expect:
        if not os.path.exists(os.path.join(hdir, name)):
            fail(f"hostile/{name} missing")
    p = lambda n: os.path.join(hdir, n)  # noqa: E731
    for n in ("zip-bomb.docx", "zip-bomb-lying-header.docx"):
        real, declared = inflated_size(p(n), "word/document.xml")
        size = os.path.getsize(p(n))
        print(f"  {n}: {size} bytes on disk, inflates to {real}, header says {declared}")
        if real <= 200_000_000 or size >= 1 << 20:
            fail(f"{n}: not a bomb")
        if (n == "zip-bomb.docx") != (declared == real):
            fail(f"{n}: declared size wrong")
    for n in ("entity-bomb.docx", "xxe.docx"):
        if b"<!DOCTYPE" not in zipfile.ZipFile(p(n)).read("word/document.xml"):
            fail(f"{n}: no DOCTYPE")
    if subprocess.run(["pdfinfo", p("truncated.pdf")], capture_output=True).returncode == 0 and \
            b"%%EOF" in open(p("truncated.pdf"), "rb").read():
        fail("truncated.pdf looks complete")
    info = subprocess.run(["pdfinfo", p("encrypted.pdf")], capture_output=True, text=True)
    if info.returncode == 0:
        fail("encrypted.pdf opens without a password")
    if subprocess.run(["pdftotext", p("image-only.pdf"), "-"], capture_output=True,
                      text=True).stdout.strip():
        fail("image-only.pdf has text")
    if "image" not in subprocess.run(["pdfimages", "-list", p("image-only.pdf")],
                                     capture_output=True, text=True).stdout:
        fail("image-only.pdf has no image")
    if not open(p("legacy.doc"), "rb").read().startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        fail("legacy.doc magic")
    for n in ("empty.docx", "empty.pdf"):
        if os.path.getsize(p(n)):
            fail(f"{n} not empty")
    try:
        ET.fromstring(zipfile.ZipFile(p("corrupt-xml.docx")).read("word/document.xml"))
        fail("corrupt-xml.docx parses")
    except ET.ParseError:
        pass
    if any("officeDocument" in t[0] for t in _rels(zipfile.ZipFile(p("missing-main-part.docx")), "")):
        fail("missing-main-part.docx has a main part")


def main():
    root = sys.argv[1]
    tdir = os.path.join(root, "truth")
    n = 0
    for tf in sorted(os.listdir(tdir)):
        truth = json.load(open(os.path.join(tdir, tf)))
        path = os.path.join(root, truth["file"])
        with open(path, "rb") as f:
            magic = f.read(5)
        if magic == b"%PDF-":
            check_pdf(path, truth)
        else:
            check_docx(path, truth)
        n += 1
    hdir = os.path.join(root, "hostile")
    if os.path.isdir(hdir) and "--no-hostile" not in sys.argv:
        check_hostile(hdir)
    print(f"checked {n} files: {'OK' if not FAIL else f'{len(FAIL)} failures'}")
    sys.exit(1 if FAIL else 0)


if __name__ == "__main__":
    main()
