"""CV content -> output writers.

``DocxOut`` and ``PdfOut`` give one small interface over the two writers so
the section emitters below (profile, experience, ...) serve both formats.
"""

from model import P, K, TAB
from person import reference_person

HEAD = {
    "nl": {"personal": ["Personalia", "Persoonlijke gegevens"], "profile": ["Profiel", "Over mij"],
           "experience": ["Werkervaring", "Loopbaan"], "education": ["Opleidingen", "Opleiding"],
           "certificates": ["Cursussen", "Certificaten", "Cursussen en certificaten"],
           "skills": ["Vaardigheden", "Competenties"], "languages": ["Talen"],
           "hobbies": ["Hobby's"], "references": ["Referenties"]},
    "en": {"personal": ["Personal details"], "profile": ["Profile", "Summary"],
           "experience": ["Work experience", "Experience"], "education": ["Education"],
           "certificates": ["Certifications"], "skills": ["Skills"], "languages": ["Languages"],
           "hobbies": ["Interests"], "references": ["References"]},
}
# Heading words used only by the evaluation corpus, never by Samples/.
ALT_HEAD = {
    "nl": {"personal": ["Contactgegevens", "Gegevens"], "profile": ["Persoonlijk profiel", "Wie ben ik"],
           "experience": ["Arbeidsverleden", "Werkgevers"], "education": ["Genoten opleidingen", "Scholing"],
           "certificates": ["Diploma's en trainingen"], "skills": ["Kennis en kunde"],
           "languages": ["Talenkennis"], "hobbies": ["Interesses", "Vrije tijd"],
           "references": ["Referentiepersonen"]},
    "en": {"personal": ["Contact", "Contact information"],
           "profile": ["About me", "Professional summary"],
           "experience": ["Employment history", "Career history"],
           "education": ["Qualifications", "Academic background"],
           "certificates": ["Licenses & certifications", "Training"],
           "skills": ["Key skills", "Core competencies"], "languages": ["Language skills"],
           "hobbies": ["Hobbies"], "references": ["Referees"]},
}

LABELS = {
    "nl": {"name": ["Naam"], "address": ["Adres"], "postcode_city": ["Postcode en woonplaats",
           "Woonplaats"], "phone": ["Telefoon", "Mobiel", "Tel."], "landline": ["Telefoon thuis",
           "Vast"], "email": ["E-mail", "E-mailadres"], "birth_date": ["Geboortedatum", "Geb.",
           "Geboren"], "birth_place": ["Geboorteplaats"], "gender": ["Geslacht"],
           "nationality": ["Nationaliteit"], "marital": ["Burgerlijke staat"],
           "bsn": ["BSN", "Burgerservicenummer"], "iban": ["IBAN", "Rekeningnummer"],
           "url": ["LinkedIn"], "github": ["GitHub"], "website": ["Website"],
           "other_id": ["Paspoortnummer"]},
    "en": {"name": ["Name"], "address": ["Address"], "postcode_city": ["Town"],
           "phone": ["Phone", "Mobile", "Tel."], "landline": ["Home phone"],
           "email": ["Email", "E-mail"], "birth_date": ["Date of birth", "DOB", "Born"],
           "birth_place": ["Place of birth"], "gender": ["Gender"], "nationality": ["Nationality"],
           "marital": ["Marital status"], "bsn": ["BSN"], "iban": ["IBAN"], "url": ["LinkedIn"],
           "github": ["GitHub"], "website": ["Website"], "other_id": ["National Insurance number"]},
}


def heading(rng, lang, key, alt=False):
    return rng.choice((ALT_HEAD if alt else HEAD)[lang][key])


def personal_fields(p, rng, keys, lang=None, labels=None):
    """[(label, spans)] for the given field keys, in that order; ``labels``
    forces the label of some keys."""
    lang = lang or p.lang
    L = LABELS[lang]
    labels = labels or {}
    out = []
    for k in keys:
        label = labels.get(k) or rng.choice(L[k] if k in L else ["-"])
        if k == "name":
            v = [P("name", p.name)]
        elif k == "address":
            if p.origin in ("nl", "int"):
                v = [P("address", p.address)]
            else:
                v = [P("address", p.address), ", ", P("city", p.city)]
                if p.origin == "us":
                    v += [", " + p.state + " ", P("postcode", p.postcode)]
                elif rng.random() < 0.6:
                    v += [" ", P("postcode", p.postcode)]
        elif k == "postcode_city":
            if p.origin in ("nl", "int"):
                v = [P("postcode", p.postcode), "  ", P("city", p.city)]
            else:
                v = [P("city", p.city)]
        elif k == "address_full":
            label = labels.get(k) or L["address"][0]
            v = [P("address", p.address), ", ", P("postcode", p.postcode), " ", P("city", p.city)]
        elif k == "phone":
            v = [P("phone", p.phone)]
        elif k == "landline":
            v = [P("phone", p.landline)]
        elif k == "email":
            v = [P("email", p.email)]
        elif k == "birth_date":
            v = [P("birth_date", p.birth_date)]
        elif k == "born_at":      # "14 april 1989 te Zwolle" / "14 April 1989 in Leeds"
            label = labels.get(k) or L["birth_date"][-1]
            v = [P("birth_date", p.birth_date), " te " if lang == "nl" else " in ",
                 P("birth_place", p.birth_place)]
        elif k == "birth_place":
            v = [P("birth_place", p.birth_place)]
        elif k == "gender":
            v = [P("gender", p.gender)]
        elif k == "nationality":
            v = [P("nationality", p.nationality)]
        elif k == "marital":
            v = [P("marital_status", p.marital)]
        elif k == "bsn":
            v = [P("bsn", p.bsn)]
        elif k == "iban":
            v = [P("iban", p.iban)]
        elif k == "url":
            v = [P("url", p.linkedin)]
        elif k == "github":
            v = [P("url", p.github)]
        elif k == "website":
            v = [P("url", p.website)]
        elif k == "other_id":
            if lang == "nl":
                v = [P("other_id", p.passport)]
            else:
                v = [P("other_id", p.ni_number)]
        else:
            raise KeyError(k)
        out.append((label, v))
    return out


# ---------------------------------------------------------------- writers

class DocxOut:
    fmt = "docx"

    def __init__(self, doc):
        self.d = doc

    def title(self, spans, size=20, spaced=False):
        self.d.para(spans, style="Title", bold=True, size=size)

    def subtitle(self, spans):
        self.d.para(spans, italic=True, size=12)

    def heading(self, text):
        self.d.heading(text)

    def text(self, spans, bold=False, italic=False):
        self.d.para(spans, bold=bold, italic=italic)

    def bullet(self, spans):
        self.d.para(["• "] + list(spans))

    def kv(self, fields, style="lines"):
        if style == "table":
            self.d.table([[[label], value] for label, value in fields])
        elif style == "tabs":
            for label, value in fields:
                self.d.para([label + ":", TAB] + value)
        else:
            for label, value in fields:
                self.d.para([label + ": "] + value)

    def table(self, rows, widths=(2000, 7000)):
        self.d.table(rows, widths=widths)

    def gap(self):
        pass


class PdfOut:
    fmt = "pdf"

    def __init__(self, pdf):
        self.p = pdf

    def title(self, spans, size=20, spaced=False):
        from model import plain
        from reportlab.pdfbase.pdfmetrics import stringWidth
        text, cs = plain(spans), (3 if spaced else 0)
        while size > 9 and stringWidth(text, "Helvetica-Bold", size) + cs * len(text) > self.p.width:
            size -= 1
        self.p.line(spans, "Helvetica-Bold", size, char_space=cs)

    def subtitle(self, spans):
        self.p.line(spans, "Helvetica-Oblique", 12)

    def heading(self, text):
        self.p.heading(text)

    def text(self, spans, bold=False, italic=False):
        font = "Helvetica-Bold" if bold else "Helvetica-Oblique" if italic else "Helvetica"
        self.p.para(spans, font)

    def bullet(self, spans):
        self.p.para(list(spans), indent=12, bullet="•")

    def kv(self, fields, style="lines"):
        if style in ("table", "tabs"):
            for label, value in fields:
                self.p.line(value, label=label, label_width=min(130, self.p.width * 0.42))
        else:
            for label, value in fields:
                self.p.line([label + ": "] + value)

    def table(self, rows, widths=None):
        for row in rows:
            rest = []
            for cell in row[1:]:
                rest += (["  "] if rest else []) + cell
            self.p.line(row[0] + ["   "] + rest)

    def gap(self):
        self.p.gap(4)


# ---------------------------------------------------------------- sections

def dash(rng):
    return rng.choice([" – ", " - ", " – "])


def emit_profile(out, p, rng, named=True, head=None):
    out.heading(head)
    if named:
        assert p.profile_named.startswith(p.first + " ")
        out.text([P("name", p.first), p.profile_named[len(p.first):]])
    else:
        out.text([p.profile_plain])


def emit_experience(out, p, rng, head, style=None, bullets=True, at=None):
    out.heading(head)
    style = style or rng.choice("ABC")
    d = dash(rng)
    at = at or (" bij " if p.lang == "nl" else " at ")
    for i, e in enumerate(p.experience):
        t, em = K("experience", i, "title", e["title"]), K("experience", i, "employer", e["employer"])
        s, en = K("experience", i, "start", e["start"]), K("experience", i, "end", e["end"])
        if style == "A":
            out.text([s, d, en], italic=True)
            out.text([t], bold=True)
            out.text([em])
        elif style == "B":
            out.text([t, ", ", em], bold=True)
            out.text([s, d, en])
        elif style == "C":
            out.text([s, d, en, "   ", t, at, em])
        else:  # "US": Title | Employer | dates
            out.text([t, " | ", em, " | ", s, d, en], bold=False)
        if bullets:
            for b in e.get("bullets", []):
                out.bullet([b])
        out.gap()


def emit_education(out, p, rng, head, style=None):
    out.heading(head)
    style = style or rng.choice("AB")
    d = dash(rng)
    if style == "table":
        out.table([[[K("education", i, "year", e["year"])],
                    [K("education", i, "degree", e["degree"]), d,
                     K("education", i, "institution", e["institution"])]]
                   for i, e in enumerate(p.education)])
        return
    for i, e in enumerate(p.education):
        y, dg = K("education", i, "year", e["year"]), K("education", i, "degree", e["degree"])
        ins = K("education", i, "institution", e["institution"])
        if style == "A":
            out.text([y, "   ", dg, d, ins])
        else:
            out.text([dg], bold=True)
            out.text([ins, ", ", y])


def emit_certificates(out, p, rng, head, style=None):
    out.heading(head)
    style = style or rng.choice(["bullets", "line"])
    items = [K("certificates", i, None, c) for i, c in enumerate(p.certificates)]
    if style == "bullets":
        for it in items:
            out.bullet([it])
    else:
        line = []
        for it in items:
            line += ([", "] if line else []) + [it]
        out.text(line)


def emit_languages(out, p, rng, head, style=None):
    out.heading(head)
    style = style or rng.choice(["dash", "colon", "paren"])
    for i, l in enumerate(p.languages):
        a, b = K("languages", i, "language", l["language"]), K("languages", i, "level", l["level"])
        if style == "dash":
            out.text([a, " – ", b])
        elif style == "colon":
            out.text([a, ": ", b])
        else:
            out.text([a, " (", b, ")"])


def emit_skills(out, p, rng, head, style=None):
    out.heading(head)
    style = style or rng.choice(["bullets", "line"])
    items = [K("skills", i, None, s) for i, s in enumerate(p.skills)]
    if style == "bullets":
        for it in items:
            out.bullet([it])
    else:
        line = []
        for it in items:
            line += [" · " if line else ""] + [it]
        out.text([x for x in line if x != ""])


def emit_hobbies(out, p, rng, head):
    out.heading(head)
    out.text([", ".join(p.hobbies)])


def make_references(p, rng, n):
    refs = []
    names = {p.name}
    for _ in range(n):
        r = reference_person(rng, p.lang, exclude=names)
        names.add(r.name)
        refs.append(r)
    return refs


def emit_references(out, p, rng, head, refs):
    out.heading(head)
    for r in refs:
        role = f"{r.job_title}, {r.experience[0]['employer']}"
        out.text([P("name", r.name, subject="reference")], bold=True)
        out.text([role])
        if p.lang == "nl":
            out.text(["Tel: ", P("phone", r.phone, subject="reference"), "  |  E-mail: ",
                      P("email", r.email, subject="reference")])
        else:
            out.text(["Phone: ", P("phone", r.phone, subject="reference")])
            out.text(["Email: ", P("email", r.email, subject="reference")])
        out.gap()


def emit_body(out, p, rng, opts):
    """Profile + career sections in a given order.  opts keys: lang, alt,
    profile ("named"/"plain"/None), exp_style, edu_style, sections (list),
    references (list of reference persons)."""
    lang, alt = p.lang, opts.get("alt", False)
    order = opts.get("sections") or ["profile", "experience", "education", "certificates",
                                     "languages", "skills", "hobbies", "references"]
    for sec in order:
        head = heading(rng, lang, sec, alt)
        if sec == "profile" and opts.get("profile"):
            emit_profile(out, p, rng, opts["profile"] == "named", head)
        elif sec == "experience":
            emit_experience(out, p, rng, head, opts.get("exp_style"), opts.get("bullets", True))
        elif sec == "education":
            emit_education(out, p, rng, head, opts.get("edu_style"))
        elif sec == "certificates":
            emit_certificates(out, p, rng, head)
        elif sec == "languages":
            emit_languages(out, p, rng, head)
        elif sec == "skills":
            emit_skills(out, p, rng, head)
        elif sec == "hobbies" and opts.get("hobbies", True):
            emit_hobbies(out, p, rng, head)
        elif sec == "references" and opts.get("references"):
            emit_references(out, p, rng, head, opts["references"])
