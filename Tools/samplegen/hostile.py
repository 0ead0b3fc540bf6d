"""Samples/hostile/: files the extractor must reject with a specific error
kind (see EXPECT).  Nothing here needs ground truth."""

import io
import json
import os
import random
import struct
import zipfile

import png
from model import Truth
from ooxml import FIXED_ZIP_TIME, XML_DECL, T_W, T_R, CORE_REL, zip_write, rels_xml
from pdfwriter import Pdf, postprocess
from layouts import PdfOut, emit_body
from person import make_person

EXPECT = {
    "zip-bomb.docx": "zip_bomb",
    "zip-bomb-lying-header.docx": "zip_bomb",
    "entity-bomb.docx": "xml_doctype",
    "xxe.docx": "xml_doctype",
    "truncated.pdf": "corrupt_pdf",
    "encrypted.pdf": "encrypted",
    "image-only.pdf": "no_text_layer",
    "not-a-zip.docx": "unsupported_format",
    "empty.docx": "empty_file",
    "empty.pdf": "empty_file",
    "legacy.doc": "unsupported_format",
    "document.rtf": "unsupported_format",
    "document.odt": "unsupported_format",
    "corrupt-xml.docx": "corrupt_docx",
    "missing-main-part.docx": "corrupt_docx",
    "attachment-spec-broken.pdf": "worker_crashed",
}

BOMB_BYTES = 256 * 1024 * 1024      # inflated size of the bomb's document.xml
CLAIMED_SIZE = 4096                 # what the lying header declares
OFFICE_DOC = T_R + "/officeDocument"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _package_entries(main_xml=None):
    ct = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          + (f'<Override PartName="/word/document.xml" ContentType="{MAIN_CT}"/>' if main_xml is not None
             else "") + "</Types>")
    rels = [("rId1", OFFICE_DOC, "word/document.xml", False)]
    out = [("[Content_Types].xml", ct.encode()), ("_rels/.rels", rels_xml(rels).encode())]
    if main_xml is not None:
        out.append(("word/document.xml", main_xml))
        out.append(("word/_rels/document.xml.rels", rels_xml([]).encode()))
    return out


def _doc(body_inner, doctype=""):
    return (XML_DECL + doctype + f'<w:document xmlns:w="{T_W}" xmlns:r="{T_R}"><w:body>'
            + body_inner + "</w:body></w:document>").encode()


def _zinfo(name):
    zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.create_system = 0
    for attr in ("compress_level", "_compresslevel"):
        try:
            setattr(zi, attr, 9)
        except AttributeError:
            pass
    return zi


def write_bomb(path):
    """Valid DOCX whose word/document.xml inflates to BOMB_BYTES, written in
    1 MiB chunks so the generator never holds it in memory.  Sizes in the
    headers are the honest ones (zipfile seeks back and fills them in)."""
    head = (XML_DECL + f'<w:document xmlns:w="{T_W}"><w:body>').encode()
    tail = b"</w:body></w:document>"
    para = b"<w:p><w:r><w:t>Curriculum vitae</w:t></w:r></w:p>"
    chunk = para * ((1 << 20) // len(para))
    body = BOMB_BYTES - len(head) - len(tail)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in _package_entries():
            zf.writestr(_zinfo(name), data)
        with zf.open(_zinfo("word/document.xml"), "w") as f:
            f.write(head)
            written = 0
            while written + len(chunk) <= body:
                f.write(chunk)
                written += len(chunk)
            f.write(para * ((body - written) // len(para)))
            f.write(tail)
        zf.writestr(_zinfo("word/_rels/document.xml.rels"), rels_xml([]).encode())


def lie_about_size(path, member="word/document.xml", claimed=CLAIMED_SIZE):
    """Patch the uncompressed-size fields of ``member`` in both the local file
    header and the central directory (CRC left as it was)."""
    with open(path, "r+b") as f:
        blob = bytearray(f.read())
        eocd = blob.rfind(b"PK\x05\x06")
        cd_size, cd_off = struct.unpack_from("<II", blob, eocd + 12)
        pos = cd_off
        while pos < cd_off + cd_size:
            assert blob[pos:pos + 4] == b"PK\x01\x02"
            nlen, xlen, clen = struct.unpack_from("<HHH", blob, pos + 28)
            local = struct.unpack_from("<I", blob, pos + 42)[0]
            name = bytes(blob[pos + 46:pos + 46 + nlen]).decode()
            if name == member:
                struct.pack_into("<I", blob, pos + 24, claimed)
                assert blob[local:local + 4] == b"PK\x03\x04"
                struct.pack_into("<I", blob, local + 22, claimed)
            pos += 46 + nlen + xlen + clen
        f.seek(0)
        f.write(blob)


def _zip_bytes(entries):
    buf = io.BytesIO()
    zip_write(buf, entries)
    return buf.getvalue()


def _cv_pdf(seed, name):
    rng = random.Random(f"{seed}:hostile/{name}")
    p = make_person(rng, "nl")
    t = Truth(name, "nl", "pdf")
    pdf = Pdf(t)
    o = PdfOut(pdf)
    o.title(["Curriculum vitae"])
    emit_body(o, p, rng, {"profile": "plain", "bullets": True})
    return pdf.getvalue()


def _image_only_pdf(seed):
    rng = random.Random(f"{seed}:hostile/image-only.pdf")
    w, h = 620, 877
    bars, y = [], 60
    while y < h - 80:
        x0 = 60 + (20 if rng.random() < 0.2 else 0)
        bars.append((x0, x0 + rng.randint(200, 480), y))
        y += rng.choice([14, 14, 14, 28])
    bitmap = png.scanned_page(w, h, bars)
    t = Truth("image-only.pdf", "nl", "pdf")
    pdf = Pdf(t)
    pdf.image(bitmap, 0, 0, pdf.W, pdf.H)
    pdf.set_meta(title="", creator="Scanner", producer="Scan-to-PDF")
    return pdf.getvalue()


def build_all(out_dir, seed):
    os.makedirs(out_dir, exist_ok=True)
    files = {}
    write_bomb(os.path.join(out_dir, "zip-bomb.docx"))
    write_bomb(os.path.join(out_dir, "zip-bomb-lying-header.docx"))
    lie_about_size(os.path.join(out_dir, "zip-bomb-lying-header.docx"))
    lol = "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
    files["entity-bomb.docx"] = _zip_bytes(_package_entries(_doc(
        "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>",
        f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>\n')))
    files["xxe.docx"] = _zip_bytes(_package_entries(_doc(
        "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')))
    cv = _cv_pdf(seed, "truncated.pdf")
    files["truncated.pdf"] = cv[:int(len(cv) * 0.4)]
    files["encrypted.pdf"] = postprocess(_cv_pdf(seed, "encrypted.pdf"), user_password="geheim",
                                         owner_password="eigenaar")
    files["image-only.pdf"] = _image_only_pdf(seed)
    files["not-a-zip.docx"] = ("Dit is geen Word-document.\nHet is platte tekst met de extensie "
                               ".docx.\n" * 3).encode()
    files["empty.docx"] = b""
    files["empty.pdf"] = b""
    junk = random.Random(f"{seed}:hostile/legacy.doc")
    files["legacy.doc"] = (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) +
                           bytes([0x3E, 0x00, 0x03, 0x00, 0xFE, 0xFF, 0x09, 0x00]) +
                           bytes(junk.randrange(256) for _ in range(4064)))
    files["document.rtf"] = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}"
                             "\n\\f0\\fs24 Curriculum vitae\\par\nWerkervaring: logistiek medewerker"
                             "\\par\n}\n").encode()
    odt_ct = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
              'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
              '<office:body><office:text><text:h text:outline-level="1">Curriculum vitae</text:h>'
              '<text:p>Werkervaring: administratief medewerker</text:p></office:text></office:body>'
              '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zi = zipfile.ZipInfo("mimetype", date_time=FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_STORED
        zf.writestr(zi, b"application/vnd.oasis.opendocument.text")
        for name, data in (("content.xml", odt_ct), ("META-INF/manifest.xml", manifest)):
            zf.writestr(_zinfo(name), data.encode())
    files["document.odt"] = buf.getvalue()
    files["corrupt-xml.docx"] = _zip_bytes(_package_entries(
        (XML_DECL + f'<w:document xmlns:w="{T_W}"><w:body><w:p><w:r><w:t>Curriculum vitae</w:t>'
         '</w:r></w:p><w:p><w:r><w:t>Werkervaring</w:r></w:t><w:p><w:r><w:t>Niet afgesloten'
         ).encode()))
    core = (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:title>Curriculum vitae</dc:title></cp:coreProperties>')
    files["missing-main-part.docx"] = _zip_bytes([
        ("[Content_Types].xml", (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/'
                                 '2006/content-types"><Default Extension="rels" ContentType="application/'
                                 'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                                 'ContentType="application/xml"/><Override PartName="/docProps/core.xml" '
                                 'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                                 '</Types>').encode()),
        ("_rels/.rels", rels_xml([("rId1", CORE_REL, "docProps/core.xml", False)]).encode()),
        ("docProps/core.xml", core.encode())])
    # Found by Fuzz/ (FuzzPDFWorker), minimised: an EmbeddedFiles name tree entry that is no file
    # specification makes poppler-glib 22.12 (Debian 12) dereference NULL inside
    # poppler_document_get_attachments. Nothing before that call can tell; it costs the worker.
    files["attachment-spec-broken.pdf"] = (b"%PDF-\n1 0 obj<</Pages 2 0R/Names 11 0R\n2 0 obj<</Count\n"
                                           b"10 0 obj<\n11 0 obj<</EmbeddedFiles<</Names[)10 0R\n"
                                           b"trailer<</Root 1 0R%%EOF")
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    with open(os.path.join(out_dir, "expect.json"), "w") as f:
        f.write(json.dumps(EXPECT, indent=2, sort_keys=True) + "\n")
    assert set(EXPECT) == set(files) | {"zip-bomb.docx", "zip-bomb-lying-header.docx"}
