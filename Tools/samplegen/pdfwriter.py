"""PDF output with reportlab (invariant mode) plus pypdf post-processing.

Every line is drawn with a single drawString so truth values never split.
All page text is recorded with source "body".
"""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from model import Tag, plain
import pypdf
from pypdf.generic import ArrayObject, ByteStringObject


class Pdf:
    def __init__(self, truth, margin=50):
        self.truth = truth
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1, pageCompression=1)
        self.W, self.H = A4
        self.margin = margin
        self.bottom = margin
        self.frame(margin, self.W - 2 * margin, self.H - margin)
        self.page_top = self.H - margin
        self.color = (0, 0, 0)

    # ------------------------------------------------------------ geometry
    def frame(self, x, width, top=None):
        self.x, self.width = x, width
        if top is not None:
            self.y = top

    def new_page(self):
        self.c.showPage()
        self.y = self.page_top

    def ensure(self, h):
        if self.y - h < self.bottom:
            self.new_page()

    def gap(self, h=6):
        self.y -= h

    @property
    def pages(self):
        """Pages so far (the current page counts); final count after getvalue()."""
        return getattr(self, "_final_pages", None) or self.c.getPageNumber()

    # ------------------------------------------------------------ text
    def _record(self, spans):
        for s in spans:
            if isinstance(s, Tag):
                self.truth.record(s, "body")
            elif not isinstance(s, str) and s.kind in ("link", "field", "ins", "comment"):
                self._record(s.spans)
                if s.kind == "link" and s.target_tag is not None:
                    self.truth.record(s.target_tag, "link")

    def _icon(self, kind, x, y, size):
        c = self.c
        c.saveState()
        c.setLineWidth(0.8)
        if kind == "mail":
            w, h = size * 1.3, size * 0.9
            c.rect(x, y, w, h, stroke=1, fill=0)
            c.line(x, y + h, x + w / 2, y + h * 0.4)
            c.line(x + w / 2, y + h * 0.4, x + w, y + h)
        else:  # linkedin-like square without text
            w = h = size
            c.setFillColorRGB(0.1, 0.4, 0.7)
            c.roundRect(x, y, w, h, 2, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.rect(x + w * 0.2, y + h * 0.15, w * 0.15, h * 0.45, stroke=0, fill=1)
            c.circle(x + w * 0.275, y + h * 0.75, w * 0.09, stroke=0, fill=1)
            c.rect(x + w * 0.45, y + h * 0.15, w * 0.35, h * 0.45, stroke=0, fill=1)
        c.restoreState()
        return w + 3

    def line(self, spans, font="Helvetica", size=10, lead=None, x=None, char_space=0,
             color=None, align="left", label=None, label_width=110):
        """Draw one line.  Links become link annotations over their text.
        ``label`` is drawn in bold at the frame's left edge and the spans at
        ``label_width`` to its right (a label/value row without a table)."""
        lead = lead or size * 1.35
        self.ensure(lead)
        self.y -= lead
        x = self.x if x is None else x
        c = self.c
        if label is not None:   # str, or a list of spans (recorded)
            c.setFont("Helvetica-Bold", size)
            c.setFillColorRGB(*(color or self.color))
            c.drawString(x, self.y, label if isinstance(label, str) else plain(label))
            if not isinstance(label, str):
                self._record(label)
            x += label_width
        c.setFont(font, size)
        c.setFillColorRGB(*(color or self.color))
        text = plain(spans)
        if align == "right":
            x = x + self.width - stringWidth(text, font, size)
        if char_space:
            c.saveState()       # Tc is text state: keep it out of later lines
            t = c.beginText(x, self.y)
            t.setFont(font, size)
            t.setCharSpace(char_space)
            t.textOut(text)
            c.drawText(t)
            c.restoreState()
        else:
            cx = x
            for s in spans:
                if not isinstance(s, (str, Tag)) and s.kind == "link":
                    x0 = cx
                    if s.icon:
                        cx += self._icon(s.icon, cx, self.y - 1, size)
                    seg = plain(s.spans)
                    if seg:
                        c.drawString(cx, self.y, seg)
                        cx += stringWidth(seg, font, size)
                    c.linkURL(s.target, (x0, self.y - 2, cx, self.y + size), relative=0)
                else:
                    seg = plain([s])
                    c.drawString(cx, self.y, seg)
                    cx += stringWidth(seg, font, size)
        self._record(spans)

    def para(self, spans, font="Helvetica", size=10, lead=None, indent=0, bullet=None):
        """Word-wrapped paragraph; Tags are never broken."""
        tokens = []
        for s in spans:
            if isinstance(s, str):
                words = s.split(" ")
                for i, w in enumerate(words):
                    tokens.append(w + (" " if i < len(words) - 1 else ""))
            else:
                tokens.append(s)
        width = self.width - indent
        lines, cur, curw = [], [], 0.0
        for t in tokens:
            tw = stringWidth(plain([t]), font, size)
            if cur and curw + tw > width and plain(cur).strip():
                lines.append(cur)
                cur, curw = [], 0.0
            cur.append(t)
            curw += tw
        if cur:
            lines.append(cur)
        for i, ln in enumerate(lines):
            if ln and isinstance(ln[-1], str):
                ln[-1] = ln[-1].rstrip()
            if bullet and i == 0:
                self.ensure(size * 1.35)
                self.c.setFont(font, size)
                self.c.drawString(self.x + indent - 9, self.y - size * 1.35, bullet)
            self.line(ln, font, size, lead, x=self.x + indent)

    def heading(self, text, size=12.5, rule=True, color=(0.12, 0.25, 0.45)):
        self.ensure(size * 3)
        self.gap(size * 0.6)
        self.line([text], "Helvetica-Bold", size, color=color)
        if rule:
            self.c.setStrokeColorRGB(*color)
            self.c.setLineWidth(0.6)
            self.c.line(self.x, self.y - 4, self.x + self.width, self.y - 4)
            self.gap(6)

    # ------------------------------------------------------------ extras
    def image(self, png, x, y, w, h):
        self.c.drawImage(ImageReader(io.BytesIO(png)), x, y, w, h)
        self.truth.photo = True

    def rect(self, x, y, w, h, gray):
        self.c.saveState()
        self.c.setFillColorRGB(gray, gray, gray)
        self.c.rect(x, y, w, h, stroke=0, fill=1)
        self.c.restoreState()

    def set_meta(self, title=None, author=None, subject=None, keywords=None, creator=None,
                 producer=None):
        def val(v):
            if isinstance(v, list):
                for t in v:
                    if isinstance(t, Tag):
                        self.truth.record(t, "metadata")
                return "".join(t.text if isinstance(t, Tag) else t for t in v)
            if isinstance(v, Tag):
                self.truth.record(v, "metadata")
                return v.text
            return v
        c = self.c
        if title is not None:
            c.setTitle(val(title))
        if author is not None:
            c.setAuthor(val(author))
        if subject is not None:
            c.setSubject(val(subject))
        if keywords is not None:
            c.setKeywords(val(keywords))
        if creator is not None:
            c.setCreator(val(creator))
        if producer is not None:
            c.setProducer(val(producer))

    def form_field(self, name, tag, x, y, w=220, h=18, tooltip=None):
        self.c.acroForm.textfield(name=name, value=tag.text, x=x, y=y, width=w, height=h,
                                  tooltip=tooltip, borderWidth=0.5, fontName="Helvetica",
                                  fontSize=10, fillColor=None, forceBorder=True,
                                  relative=False)
        self.truth.record(tag, "form")

    def note(self, spans, rect):
        self.c.textAnnotation(plain(spans), Rect=rect, relative=0)
        for s in spans:
            if isinstance(s, Tag):
                self.truth.record(s, "annotation")

    def getvalue(self):
        self._final_pages = self.c.getPageNumber()
        self.c.save()
        return self.buf.getvalue()


class _FixedIdWriter(pypdf.PdfWriter):
    """pypdf draws a random second file identifier when encrypting; keep the
    first one for both so output is reproducible."""

    def generate_file_identifiers(self):
        if self._ID:
            first = self._ID[0]
        else:
            first = ByteStringObject(b"cvsieve-samplegen")
        self._ID = ArrayObject((first, first))


def postprocess(pdf_bytes, attachments=(), user_password=None, owner_password=None):
    """Add embedded files and/or RC4-128 encryption (deterministic)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    writer = _FixedIdWriter(clone_from=reader)
    for name, payload in attachments:
        writer.add_attachment(name, payload)
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password or "", owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
