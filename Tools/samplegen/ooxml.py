"""Hand-written WordprocessingML (DOCX) with exact control over every part.

Parts are always reachable through relationships; part names can be chosen
freely (``names=``), and Strict OOXML namespaces can be used (``strict=True``).
Zip entries get a fixed timestamp so output is byte-for-byte reproducible.
"""

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from model import Tag

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
REV_DATE = "2024-01-02T09:00:00Z"

T_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
T_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
S_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
S_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
NS_EXTRA = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:v="urn:schemas-microsoft-com:vml"')
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CONTENT_TYPES = {"main": CT + "document.main+xml", "header": CT + "header+xml",
                 "footer": CT + "footer+xml", "comments": CT + "comments+xml",
                 "footnotes": CT + "footnotes+xml", "endnotes": CT + "endnotes+xml",
                 "styles": CT + "styles+xml",
                 "core": "application/vnd.openxmlformats-package.core-properties+xml",
                 "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
DEFAULT_NAMES = {"main": "word/document.xml", "header": "word/header1.xml",
                 "footer": "word/footer1.xml", "comments": "word/comments.xml",
                 "footnotes": "word/footnotes.xml", "endnotes": "word/endnotes.xml",
                 "styles": "word/styles.xml", "core": "docProps/core.xml",
                 "app": "docProps/app.xml"}

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def zip_write(path_or_buf, entries):
    """entries: list of (name, bytes).  Fixed timestamps and attributes."""
    with zipfile.ZipFile(path_or_buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in entries:
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zf.writestr(zi, payload, compresslevel=6)


def rels_xml(rels):
    out = [XML_DECL, f'<Relationships xmlns="{PKG_REL}">']
    for rid, typ, target, external in rels:
        mode = ' TargetMode="External"' if external else ""
        out.append(f'<Relationship Id="{rid}" Type="{typ}" Target={quoteattr(target)}{mode}/>')
    out.append("</Relationships>")
    return "".join(out)


class Docx:
    def __init__(self, truth, strict=False, names=None):
        self.truth = truth
        self.strict = strict
        self.names = dict(DEFAULT_NAMES, **(names or {}))
        self.w = S_W if strict else T_W
        self.r = S_R if strict else T_R
        self.rel_base = (S_R if strict else T_R) + "/"
        self.body = []
        self.header_xml = None
        self.footer_xml = None
        self.doc_rels = []
        self.media = []
        self.comments = []
        self.notes = {"footnote": [], "endnote": []}
        self.core = {}
        self.app = {"Application": "Tekstverwerker 3.1", "Pages": "1"}
        self._ids = 0

    # ------------------------------------------------------------ helpers
    def _next(self):
        self._ids += 1
        return self._ids

    def rid(self, kind, target, external=False):
        rid = f"rId{len(self.doc_rels) + 1}"
        typ = self.rel_base + kind
        self.doc_rels.append((rid, typ, target, external))
        return rid

    def _rec(self, tag, source, deleted=False):
        if deleted and tag.info.get("kind") == "p":
            flags = {k: v for k, v in tag.info.items() if k not in ("kind", "category")}
            flags["deleted"] = True
            self.truth.add(tag.info["category"], tag.text, source, **flags)
        else:
            self.truth.record(tag, source)

    @staticmethod
    def _rpr(bold=False, size=None, italic=False, color=None):
        inner = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
            (f'<w:color w:val="{color}"/>' if color else "") + \
            (f'<w:sz w:val="{int(size * 2)}"/>' if size else "")
        return f"<w:rPr>{inner}</w:rPr>" if inner else ""

    def runs(self, spans, source, rpr="", deleted=False, merge=False):
        """Runs for a list of spans.  ``merge`` puts plain text, tabs and
        breaks into one w:r (text nodes separated by w:tab/w:br/w:cr)."""
        tname = "w:delText" if deleted else "w:t"
        if merge:
            parts = []
            for s in spans:
                if isinstance(s, (str, Tag)):
                    if isinstance(s, Tag):
                        self._rec(s, source, deleted)
                        s = s.text
                    parts.append(f'<{tname} xml:space="preserve">{escape(s)}</{tname}>')
                else:
                    parts.append({"tab": "<w:tab/>", "br": "<w:br/>", "cr": "<w:cr/>"}[s.kind])
            return f"<w:r>{rpr}{''.join(parts)}</w:r>"
        out = []
        for s in spans:
            if isinstance(s, str):
                out.append(f'<w:r>{rpr}<{tname} xml:space="preserve">{escape(s)}</{tname}></w:r>')
            elif isinstance(s, Tag):
                self._rec(s, source, deleted)
                out.append(f'<w:r>{rpr}<{tname} xml:space="preserve">{escape(s.text)}</{tname}></w:r>')
            elif s.kind in ("tab", "br", "cr"):
                out.append(f"<w:r>{rpr}<w:{s.kind}/></w:r>")
            elif s.kind == "link":
                rid = self.rid("hyperlink", s.target, external=True)
                if s.target_tag is not None:
                    self._rec(s.target_tag, "link")
                inner = self.runs(s.spans, source, rpr or
                                  '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>')
                out.append(f'<w:hyperlink r:id="{rid}">{inner}</w:hyperlink>')
            elif s.kind == "field":
                out.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                           f'<w:r><w:instrText xml:space="preserve">{escape(s.instr)}</w:instrText></w:r>'
                           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                           + self.runs(s.spans, source, rpr) +
                           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            elif s.kind == "ins":
                out.append(f'<w:ins w:id="{self._next() + 100}" w:author={quoteattr(s.author)} '
                           f'w:date="{REV_DATE}">' + self.runs(s.spans, source, rpr) + "</w:ins>")
            elif s.kind == "del":
                out.append(f'<w:del w:id="{self._next() + 100}" w:author={quoteattr(s.author)} '
                           f'w:date="{REV_DATE}">' + self.runs(s.spans, source, rpr, deleted=True)
                           + "</w:del>")
            elif s.kind == "noteref":
                notes = self.notes[s.note]
                nid = len(notes) + 1
                ref = "w:footnoteRef" if s.note == "footnote" else "w:endnoteRef"
                paras = []
                for i, line in enumerate(s.paragraphs):
                    lead = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><{ref}/></w:r>' \
                        if i == 0 else ""
                    paras.append(f"<w:p>{lead}{self.runs(line, 'footnote')}</w:p>")
                notes.append((nid, "".join(paras)))
                out.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                           f'<w:{s.note}Reference w:id="{nid}"/></w:r>')
            elif s.kind == "comment":
                cid = len(self.comments)
                body = "".join(f"<w:p>{self.runs(line, 'comment')}</w:p>" for line in s.paragraphs)
                self.comments.append((cid, s.author, s.initials, body))
                out.append(f'<w:commentRangeStart w:id="{cid}"/>' + self.runs(s.spans, source, rpr)
                           + f'<w:commentRangeEnd w:id="{cid}"/>'
                           f'<w:r><w:commentReference w:id="{cid}"/></w:r>')
            else:
                raise ValueError(s.kind)
        return "".join(out)

    def para_xml(self, spans, source="body", style=None, bold=False, size=None, italic=False,
                 align=None, merge=False, color=None):
        ppr = ""
        if style or align:
            ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + \
                (f'<w:jc w:val="{align}"/>' if align else "") + "</w:pPr>"
        return f"<w:p>{ppr}{self.runs(spans, source, self._rpr(bold, size, italic, color), merge=merge)}</w:p>"

    # ------------------------------------------------------------ block API
    def para(self, spans, **kw):
        self.body.append(self.para_xml(spans, **kw))

    def heading(self, text, level=1):
        self.para([text], style=f"Heading{level}", bold=True, size=13 if level == 1 else 11)

    def table(self, rows, source="table", widths=(2600, 6400)):
        """rows: list of rows; a cell is a line (list of spans) or a list of lines
        (detected by its first element being a list)."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>'
               f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
        for row in rows:
            out.append("<w:tr>")
            for ci, cell in enumerate(row):
                lines = cell if cell and isinstance(cell[0], list) else [cell]
                paras = "".join(self.para_xml(line, source=source) for line in lines)
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[ci]}" w:type="dxa"/></w:tcPr>'
                           f"{paras}</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))

    def _paras(self, lines, source):
        out = []
        for line in lines:
            if isinstance(line, tuple):
                spans, kw = line
            else:
                spans, kw = line, {}
            out.append(self.para_xml(spans, source=source, **kw))
        return "".join(out)

    def header(self, lines):
        self.header_xml = self._paras(lines, "header")

    def footer(self, lines):
        self.footer_xml = self._paras(lines, "footer")

    def textbox(self, lines, width_cm=7.0, height_cm=4.5):
        """A floating text box: mc:Choice (wps:txbx) + mc:Fallback (v:textbox)
        holding the same paragraphs (recorded once, source "textbox")."""
        assert not self.strict
        content = f"<w:txbxContent>{self._paras(lines, 'textbox')}</w:txbxContent>"
        cx, cy = int(width_cm * 360000), int(height_cm * 360000)
        n = self._next()
        choice = (
            '<mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapSquare wrapText="bothSides"/>'
            f'<wp:docPr id="{n}" name="Tekstvak {n}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '<a:solidFill><a:srgbClr val="F2F2F2"/></a:solidFill></wps:spPr>'
            f'<wps:txbx>{content}</wps:txbx>'
            '<wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>')
        fallback = (
            '<mc:Fallback><w:pict>'
            f'<v:shape id="Tekstvak{n}" type="#_x0000_t202" '
            f'style="position:absolute;margin-left:0;margin-top:0;width:{width_cm}cm;height:{height_cm}cm;'
            'z-index:251659264;mso-position-horizontal:right;mso-position-horizontal-relative:margin" '
            'fillcolor="#f2f2f2" stroked="f">'
            f'<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>')
        self.body.append(f"<w:p><w:r><mc:AlternateContent>{choice}{fallback}"
                         f"</mc:AlternateContent></w:r></w:p>")

    def image(self, png, w_px, h_px, name="foto.png", descr="Foto"):
        assert not self.strict
        target = f"media/{name}"
        self.media.append(("word/" + target, png))
        rid = self.rid("image", target)
        emu = 9525 * 2  # 2 EMU-pixels per image pixel: about 1 cm per 20 px
        cx, cy = w_px * emu, h_px * emu
        n = self._next()
        self.body.append(
            '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{n}" name="Afbeelding {n}" descr="{descr}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
        self.truth.photo = True

    def set_core(self, title=None, creator=None, last_modified_by=None, subject=None,
                 keywords=None):
        """Values may be str or Tag (recorded with source "metadata")."""
        for key, val in (("title", title), ("creator", creator),
                         ("lastModifiedBy", last_modified_by), ("subject", subject),
                         ("keywords", keywords)):
            if val is None:
                continue
            if isinstance(val, list):
                for t in val:
                    if isinstance(t, Tag):
                        self.truth.record(t, "metadata")
                val = "".join(t.text if isinstance(t, Tag) else t for t in val)
            elif isinstance(val, Tag):
                self.truth.record(val, "metadata")
                val = val.text
            self.core[key] = val

    # ------------------------------------------------------------ serialise
    def _root_ns(self, extra=True):
        # Strict documents here use no drawings, so no DrawingML/VML prefixes.
        extra = extra and not self.strict
        return f'xmlns:w="{self.w}" xmlns:r="{self.r}"' + (" " + NS_EXTRA if extra else "")

    def _styles(self):
        def st(sid, name, ppr="", rpr=""):
            return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                    f'<w:basedOn w:val="Normal"/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')
        return (XML_DECL + f'<w:styles {self._root_ns(False)}>'
                '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault>'
                '</w:docDefaults>'
                '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
                '</w:style>'
                + st("Title", "Title", '<w:spacing w:after="120"/>', '<w:b/><w:sz w:val="40"/>')
                + st("Heading1", "heading 1", '<w:spacing w:before="240" w:after="60"/>'
                     '<w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="26"/>')
                + st("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>', '<w:b/>')
                + "</w:styles>")

    def _core_xml(self):
        fields = []
        for key, tag in (("title", "dc:title"), ("subject", "dc:subject"),
                         ("creator", "dc:creator"), ("keywords", "cp:keywords"),
                         ("lastModifiedBy", "cp:lastModifiedBy")):
            if key in self.core:
                fields.append(f"<{tag}>{escape(self.core[key])}</{tag}>")
        return (XML_DECL + '<cp:coreProperties '
                'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + "".join(fields) +
                '<cp:revision>3</cp:revision>'
                '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
                '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-02T09:00:00Z</dcterms:modified>'
                '</cp:coreProperties>')

    def _app_xml(self):
        ns = ("http://purl.oclc.org/ooxml/officeDocument/extendedProperties" if self.strict else
              "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
        vt = ("http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes" if self.strict else
              "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes")
        inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in self.app.items())
        return XML_DECL + f'<Properties xmlns="{ns}" xmlns:vt="{vt}">{inner}</Properties>'

    def _notes_xml(self, kind):
        tag = kind + "s"
        sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
               f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
               f'</w:r></w:p></w:{kind}>')
        notes = "".join(f'<w:{kind} w:id="{nid}">{body}</w:{kind}>' for nid, body in self.notes[kind])
        return XML_DECL + f"<w:{tag} {self._root_ns(False)}>{sep}{notes}</w:{tag}>"

    @staticmethod
    def _rels_name(part):
        d, _, base = part.rpartition("/")
        return f"{d}/_rels/{base}.rels"

    @staticmethod
    def _rel_target(frm, to):
        fd = frm.rpartition("/")[0]
        return to[len(fd) + 1:] if to.startswith(fd + "/") else "/" + to

    def build(self):
        n = self.names
        main = n["main"]
        parts = []          # (name, xml, content-type key)
        rb = self.rel_base
        sect_refs = ""
        extra_rels = []
        if self.header_xml is not None:
            parts.append((n["header"], XML_DECL + f"<w:hdr {self._root_ns()}>{self.header_xml}</w:hdr>",
                          "header"))
            rid = self.rid("header", self._rel_target(main, n["header"]))
            sect_refs += f'<w:headerReference w:type="default" r:id="{rid}"/>'
        if self.footer_xml is not None:
            parts.append((n["footer"], XML_DECL + f"<w:ftr {self._root_ns()}>{self.footer_xml}</w:ftr>",
                          "footer"))
            rid = self.rid("footer", self._rel_target(main, n["footer"]))
            sect_refs += f'<w:footerReference w:type="default" r:id="{rid}"/>'
        if self.comments:
            body = "".join(f'<w:comment w:id="{cid}" w:author={quoteattr(a)} w:date="{REV_DATE}" '
                           f'w:initials={quoteattr(ini)}>{xml}</w:comment>'
                           for cid, a, ini, xml in self.comments)
            parts.append((n["comments"], XML_DECL + f"<w:comments {self._root_ns(False)}>{body}</w:comments>",
                          "comments"))
            self.rid("comments", self._rel_target(main, n["comments"]))
        for kind in ("footnote", "endnote"):
            if self.notes[kind]:
                parts.append((n[kind + "s"], self._notes_xml(kind), kind + "s"))
                self.rid(kind + "s", self._rel_target(main, n[kind + "s"]))
        parts.append((n["styles"], self._styles(), "styles"))
        self.rid("styles", self._rel_target(main, n["styles"]))
        conf = ' w:conformance="strict"' if self.strict else ""
        sect = (f"<w:sectPr>{sect_refs}"
                '<w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" '
                'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
        doc = (XML_DECL + f"<w:document {self._root_ns()}{conf}><w:body>" + "".join(self.body)
               + sect + "</w:body></w:document>")
        parts.insert(0, (main, doc, "main"))
        parts.append((n["core"], self._core_xml(), "core"))
        parts.append((n["app"], self._app_xml(), "app"))
        ext_type = "extendedProperties" if self.strict else "extended-properties"
        pkg_rels = [("rId1", rb + "officeDocument", main, False),
                    ("rId2", CORE_REL, n["core"], False),
                    ("rId3", rb + ext_type, n["app"], False)] + extra_rels
        ct = ['<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>']
        if self.media:
            ct.append('<Default Extension="png" ContentType="image/png"/>')
        for name, _, key in parts:
            ct.append(f'<Override PartName="/{name}" ContentType="{CONTENT_TYPES[key]}"/>')
        ct.append("</Types>")
        entries = [("[Content_Types].xml", (XML_DECL + "".join(ct)).encode()),
                   ("_rels/.rels", rels_xml(pkg_rels).encode())]
        for name, xml, key in parts:
            entries.append((name, xml.encode("utf-8")))
            if key == "main":
                entries.append((self._rels_name(main), rels_xml(self.doc_rels).encode()))
        entries.extend(self.media)
        return entries

    def save(self, path):
        buf = io.BytesIO()
        zip_write(buf, self.build())
        with open(path, "wb") as f:
            f.write(buf.getvalue())
