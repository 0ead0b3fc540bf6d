"""The fixed sample set (Samples/).  One function per file; each returns the
file bytes and its Truth.  A sample's random stream is seeded with
"<seed>:<file name>" so samples are independent of each other's order."""

import random

import layouts as L
from layouts import DocxOut, PdfOut, personal_fields, emit_body, heading, make_references
from model import P, K, Truth, TAB, BR, CR, Link, Field, Ins, Del, NoteRef, CommentRange
from ooxml import Docx
from pdfwriter import Pdf, postprocess
from person import make_person, make_career, fmt_mobile, fmt_date, fmt_land, fmt_bsn, fmt_iban, ascii_slug
import data as D
import png

SAMPLES = []


def sample(name, lang, fmt):
    def deco(fn):
        SAMPLES.append((name, lang, fmt, fn))
        return fn
    return deco


def docx_new(truth, **kw):
    d = Docx(truth, **kw)
    return d, DocxOut(d)


def title_block(out, p, caps=False, spaced=False, subtitle=True):
    if caps:
        out.title([P("name", p.name.upper(), hard=True)])
    elif spaced:
        letters = " ".join(c for c in p.name.upper() if c != " ")
        out.title([P("name", letters, hard=True)], spaced=True)
    else:
        out.title([P("name", p.name)])
    if subtitle:
        out.subtitle([p.job_title])


def recruiter(rng):
    return rng.choice(D.RECRUITERS)


def https_linkedin(p):
    slug = p.linkedin.rsplit("/", 1)[1]
    return f"https://www.linkedin.com/in/{slug}"


# ====================================================================== DOCX

@sample("nl-personalia-table.docx", "nl", "docx")
def nl_personalia_table(rng, t):
    p = make_person(rng, "nl", origin="nl", surname=("van der", "Meer"))
    p.phone = fmt_mobile(p.mobile_digits, "06-12345678")
    p.birth_date = fmt_date(p.birth, "14 april 1989")
    p.bsn = fmt_bsn(p.bsn_digits, "123456782")
    d, o = docx_new(t)
    title_block(o, p, caps=True)
    o.heading("Personalia")
    o.kv(personal_fields(p, rng, ["name", "address", "postcode_city", "phone", "email",
                                  "birth_date", "birth_place", "nationality", "gender", "marital",
                                  "bsn"],
                         labels={"birth_date": "Geboortedatum", "postcode_city": "Postcode en woonplaats",
                                 "bsn": "Burgerservicenummer"}),
         "table")
    emit_body(o, p, rng, {"profile": "named"})
    d.set_core(title="Curriculum vitae", creator=P("name", p.name))
    return d


@sample("nl-contact-header-footer.docx", "nl", "docx")
def nl_contact_header_footer(rng, t):
    """Contact data only in header/footer; parts with non-standard names."""
    p = make_person(rng, "nl")
    p.phone = fmt_mobile(p.mobile_digits, "06 1234 5678")
    d, o = docx_new(t, names={"main": "word/doc1.xml", "header": "word/kop.xml",
                              "footer": "word/voet.xml", "styles": "word/opmaak.xml",
                              "core": "docProps/kern.xml", "app": "docProps/toepassing.xml"})
    d.header([([P("name", p.name)], {"bold": True, "size": 14}), ([p.job_title], {"italic": True})])
    d.footer([([P("phone", p.phone), "  |  ", P("email", p.email)], {"size": 8}),
              ([P("address", p.address), ", ", P("postcode", p.postcode), " ", P("city", p.city)],
               {"size": 8})])
    o.title(["Curriculum vitae"])
    emit_body(o, p, rng, {"profile": "plain", "sections": ["profile", "experience", "education",
                                                           "certificates", "languages", "skills"]})
    rec = recruiter(rng)
    d.set_core(creator=P("name", p.name), last_modified_by=P("name", rec, subject="recruiter"))
    return d


@sample("nl-textbox-contact.docx", "nl", "docx")
def nl_textbox_contact(rng, t):
    p = make_person(rng, "nl", origin="int")
    p.phone = fmt_mobile(p.mobile_digits, "06 12 34 56 78")
    p.birth_date = fmt_date(p.birth, "14-04-1989")
    d, o = docx_new(t)
    title_block(o, p)
    d.textbox([(["Contact"], {"bold": True}),
               [P("address", p.address)],
               [P("postcode", p.postcode), " ", P("city", p.city)],
               ["Tel. ", P("phone", p.phone)],
               [P("email", p.email)],
               [P("url", p.linkedin)],
               ["Geb. ", P("birth_date", p.birth_date)]])
    emit_body(o, p, rng, {"profile": "named"})
    d.set_core(creator=P("name", p.name))
    return d


@sample("nl-photo-placeholder.docx", "nl", "docx")
def nl_photo_placeholder(rng, t):
    p = make_person(rng, "nl", origin="nl", gender="f", city="Amsterdam")
    p.phone = fmt_mobile(p.mobile_digits, "+31 (0)6 12345678")
    p.landline = fmt_land(p.area, p.land_sub, "020-1234567")
    p.birth_date = fmt_date(p.birth, "14-4-1989")
    d, o = docx_new(t)
    d.image(png.photo_placeholder(40, 50), 40, 50, name="pasfoto.png", descr="Pasfoto")
    title_block(o, p)
    o.heading("Persoonlijke gegevens")
    o.kv(personal_fields(p, rng, ["name", "address_full", "phone", "landline", "email", "born_at",
                                  "nationality", "website"], labels={"born_at": "Geboren"}), "tabs")
    emit_body(o, p, rng, {"profile": "plain", "references": make_references(p, rng, 1)})
    d.set_core(creator=P("name", p.name), title="CV")
    return d


@sample("nl-comments-tracked-changes.docx", "nl", "docx")
def nl_comments_tracked(rng, t):
    p = make_person(rng, "nl", origin="nl")
    p.phone = fmt_mobile(p.mobile_digits, "+31 6 12345678")
    p.birth_date = fmt_date(p.birth, "14.04.1989")
    rec = recruiter(rng)
    old_digits = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    old_phone = fmt_mobile(old_digits, "06-12345678")
    old_email = f"{ascii_slug(p.first)}{rng.randint(10, 99)}@{rng.choice(['postvak.nl', 'mailbox.test'])}"
    ini = "".join(w[0] for w in rec.split() if w[0].isupper())
    d, o = docx_new(t)
    title_block(o, p)
    o.heading("Personalia")
    d.para(["Adres: ", P("address", p.address), ", ", P("postcode", p.postcode), " ", P("city", p.city)])
    note = [["Kandidaat is overdag bereikbaar op ",
             P("phone", fmt_mobile(p.mobile_digits, "06 12 34 56 78")), ", na 17:00 uur bellen."]]
    d.para(["Telefoon: ", Del([P("phone", old_phone)], rec),
            CommentRange([Ins([P("phone", p.phone)], rec)], note, rec, ini)])
    d.para(["E-mail: ", Del([P("email", old_email)], rec), Ins([P("email", p.email)], rec)])
    d.para(["Geboortedatum: ", P("birth_date", p.birth_date)])
    d.para(["Burgerlijke staat: ", P("marital_status", p.marital)])
    emit_body(o, p, rng, {"profile": "named", "sections": ["profile", "experience", "education",
                                                           "certificates", "languages", "skills"]})
    d.para([CommentRange(["Referenties op aanvraag."],
                         [["Referenties nagevraagd, positief."]], rec, ini)])
    d.set_core(creator=P("name", p.name), last_modified_by=P("name", rec, subject="recruiter"))
    return d


@sample("en-strict-ooxml.docx", "en", "docx")
def en_strict(rng, t):
    p = make_person(rng, "en", origin="uk")
    p.birth_date = fmt_date(p.birth, "14 April 1989")
    d, o = docx_new(t, strict=True)
    title_block(o, p)
    o.heading("Personal details")
    o.kv(personal_fields(p, rng, ["address", "phone", "email", "birth_date", "birth_place",
                                  "nationality"], labels={"birth_date": "Date of birth"}))
    emit_body(o, p, rng, {"profile": "named", "edu_style": "table"})
    d.footer([(["Curriculum vitae – ", P("name", p.name)], {"size": 8})])
    d.set_core(creator=P("name", p.name), title=["CV ", P("name", p.name)])
    return d


@sample("nl-footnotes-fields-hyperlink.docx", "nl", "docx")
def nl_footnotes_fields(rng, t):
    p = make_person(rng, "nl", origin="nl", city="Rotterdam")
    p.phone = fmt_mobile(p.mobile_digits, "0031 6 12345678")
    p.landline = fmt_land(p.area, p.land_sub, "010 123 45 67")
    d, o = docx_new(t)
    title_block(o, p)
    o.heading("Persoonlijke gegevens")
    # one run: text nodes separated by w:tab, w:br and w:cr
    d.para(["Telefoon:", TAB, P("phone", p.phone), BR, "E-mail:", TAB, P("email", p.email), CR,
            "Woonplaats:", TAB, P("city", p.city)], merge=True)
    url = https_linkedin(p)
    d.para(["Profiel online: ", Link(url, ["LinkedIn-profiel"], target_tag=P("url", url)),
            " en ", Field(f' HYPERLINK "https://{p.github}" ', [P("url", p.github)])])
    d.para(["Mail direct: ", Link("mailto:" + p.email, ["stuur een bericht"],
                                  target_tag=P("email", p.email))])
    d.para(["Beschikbaar per direct",
            NoteRef("footnote", [["Overdag bereikbaar op ", P("phone", p.landline), "."]])])
    refp = make_references(p, rng, 1)[0]
    d.para(["Referenties op aanvraag",
            NoteRef("endnote", [["Referent: ", P("name", refp.name, subject="reference"), ", ",
                                 P("email", refp.email, subject="reference")]])])
    emit_body(o, p, rng, {"profile": "named", "sections": ["profile", "experience", "education",
                                                           "certificates", "languages", "skills"]})
    d.footer([(["Pagina ", Field(" PAGE ", ["1"])], {"size": 8, "align": "right"})])
    d.set_core(creator=P("name", p.name))
    return d


@sample("en-docx-references.docx", "en", "docx")
def en_references_docx(rng, t):
    p = make_person(rng, "en", origin="uk")
    d, o = docx_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address", "phone", "email", "url"]))
    emit_body(o, p, rng, {"profile": "plain", "references": make_references(p, rng, 2)})
    d.set_core(creator=P("name", p.name))
    return d


@sample("nl-obfuscated-email.docx", "nl", "docx")
def nl_obfuscated(rng, t):
    p = make_person(rng, "nl", origin="nl", city="Heemskerk", gender="m", first="Jan-Willem")
    p.phone = fmt_mobile(p.mobile_digits, "+31 (0)6 12345678")
    p.landline = fmt_land(p.area, p.land_sub, "0251 - 123456")
    p.bsn = fmt_bsn(p.bsn_digits, "1234.56.782")
    p.iban = fmt_iban(p.iban_compact, True)
    p.birth_date = fmt_date(p.birth, "14 april 1989")
    base, tld = p.email_domain.rsplit(".", 1)
    obf = f"{p.email_user} [at] {base} [dot] {tld}"
    d, o = docx_new(t)
    title_block(o, p)
    o.heading("Personalia")
    d.para(["Naam: ", P("name", p.initials_name)])
    d.para(["Adres: ", P("address", p.address)])
    d.para(["Woonplaats: ", P("postcode", p.postcode), " ", P("city", p.city)])
    d.para(["Mobiel: ", P("phone", p.phone), " / vast: ", P("phone", p.landline)])
    d.para(["E-mail: ", P("email", obf, hard=True)])
    d.para(["Geb.: ", P("birth_date", p.birth_date)])
    d.para(["BSN: ", P("bsn", p.bsn)])
    d.para(["IBAN: ", P("iban", p.iban)])
    emit_body(o, p, rng, {"profile": "named"})
    d.set_core(creator="Gebruiker")
    return d


# ====================================================================== PDF

def pdf_new(t):
    pdf = Pdf(t)
    return pdf, PdfOut(pdf)


@sample("nl-single-column.pdf", "nl", "pdf")
def nl_single_column(rng, t):
    p = make_person(rng, "nl", origin="nl")
    p.phone = fmt_mobile(p.mobile_digits, "06 12 34 56 78")
    p.birth_date = fmt_date(p.birth, "1989-04-14")
    p.experience = p.experience[:3]
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address_full", "phone", "email", "birth_date", "nationality"],
                         labels={"birth_date": "Geboortedatum"}), "table")
    emit_body(o, p, rng, {"profile": "named", "bullets": False, "hobbies": False})
    data = pdf.getvalue()
    assert pdf.pages == 1, pdf.pages
    return data


@sample("nl-two-column-sidebar.pdf", "nl", "pdf")
def nl_two_column(rng, t):
    p = make_person(rng, "nl", origin="nl", surname=("van 't", "Hof"))
    p.phone = fmt_mobile(p.mobile_digits, "06-12345678")
    pdf, o = pdf_new(t)
    side_w = 185
    pdf.rect(0, 0, side_w, pdf.H, 0.92)
    pdf.image(png.photo_placeholder(40, 50), 40, pdf.H - 135, 80, 100)
    pdf.frame(30, side_w - 45, pdf.H - 150)
    pdf.heading("Personalia", size=11)
    for label, value in personal_fields(p, rng, ["address", "postcode_city", "phone", "email",
                                                  "born_at", "nationality", "url"],
                                        labels={"born_at": "Geboren"}):
        pdf.line([label], "Helvetica-Bold", 8.5)
        pdf.line(value, "Helvetica", 8.5, lead=11)
    L.emit_languages(o, p, rng, "Talen", "dash")
    L.emit_skills(o, p, rng, "Vaardigheden", "bullets")
    pdf.frame(side_w + 25, pdf.W - side_w - 60, pdf.H - 50)
    title_block(o, p, spaced=True)
    emit_body(o, p, rng, {"profile": "named", "sections": ["profile", "experience", "education",
                                                           "certificates", "hobbies"]})
    pdf.set_meta(author=P("name", p.name), title="Curriculum vitae")
    return pdf.getvalue()


@sample("en-long-four-pages.pdf", "en", "pdf")
def en_long(rng, t):
    p = make_person(rng, "en", origin="uk")
    make_career(rng, p, n_exp=8, date_style="abbr")
    for e in p.experience:
        e["bullets"] = rng.sample(D.BULLETS_EN, 4)
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address", "phone", "email", "birth_date", "url"],
                         labels={"birth_date": "DOB"}), "table")
    refs = make_references(p, rng, 2)
    emit_body(o, p, rng, {"profile": "named", "exp_style": "B",
                          "sections": ["profile", "experience", "education", "certificates",
                                       "languages", "skills"]})
    o.heading("Selected projects")
    projects = ["Customer portal relaunch", "Warehouse analytics", "Billing migration",
                "Mobile onboarding", "Partner API", "Cost reporting", "Data retention review",
                "Accessibility audit", "Support tooling", "Release automation"]
    i = 0
    while not (pdf.pages == 4 and pdf.y < pdf.H * 0.55):
        name = projects[i % len(projects)]
        o.text([f"{name} ({2015 + i % 9})"], bold=True)
        for b in rng.sample(D.BULLETS_EN, 3):
            o.bullet([b])
        i += 1
        assert pdf.pages <= 4
    L.emit_references(o, p, rng, "References", refs)
    data = pdf.getvalue()
    assert pdf.pages == 4, pdf.pages
    return data


def europass_xml(p, phone):
    from xml.sax.saxutils import escape as e
    surname = p.surname
    work = "".join(
        f"<WorkExperience><Period><From year=\"{x['start'][-4:]}\"/></Period>"
        f"<Position><Label>{e(x['title'])}</Label></Position>"
        f"<Employer><Name>{e(x['employer'])}</Name></Employer></WorkExperience>"
        for x in p.experience)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass" locale="en">\n'
            '  <DocumentInfo><DocumentType>ECV</DocumentType>'
            '<CreationDate>2024-01-01T00:00:00.000Z</CreationDate><XSDVersion>V3.4</XSDVersion>'
            '<Generator>samplegen</Generator></DocumentInfo>\n'
            '  <LearnerInfo>\n    <Identification>\n'
            f'      <PersonName><FirstName>{e(p.first)}</FirstName><Surname>{e(surname)}</Surname></PersonName>\n'
            '      <ContactInfo>\n'
            f'        <Address><Contact><AddressLine>{e(p.address)}</AddressLine>'
            f'<PostalCode>{e(p.postcode)}</PostalCode><Municipality>{e(p.city)}</Municipality>'
            '<Country><Code>NL</Code><Label>Netherlands</Label></Country></Contact></Address>\n'
            f'        <Email><Contact>{e(p.email)}</Contact></Email>\n'
            f'        <Telephone><Contact>{e(phone)}</Contact><Use><Code>mobile</Code></Use></Telephone>\n'
            '      </ContactInfo>\n'
            f'      <Demographics><Birthdate year="{p.birth.year}" month="--{p.birth.month:02d}" '
            f'day="---{p.birth.day:02d}"/><Nationality><Code>NL</Code><Label>{e(p.nationality)}'
            '</Label></Nationality></Demographics>\n'
            f'    </Identification>\n    <WorkExperienceList>{work}</WorkExperienceList>\n'
            '  </LearnerInfo>\n</SkillsPassport>\n').encode("utf-8")


@sample("en-europass-attachment.pdf", "en", "pdf")
def en_europass(rng, t):
    p = make_person(rng, "en", origin="nl")
    p.phone = fmt_mobile(p.mobile_digits, "+31 6 12345678")
    p.birth_date = fmt_date(p.birth, "April 14, 1989")
    pdf, o = pdf_new(t)
    pdf.line(["europass"], "Helvetica-Bold", 16, color=(0.1, 0.3, 0.6))
    pdf.line(["Curriculum Vitae"], "Helvetica", 11)
    pdf.gap(10)
    pdf.line(["PERSONAL INFORMATION"], "Helvetica", 8, color=(0.1, 0.3, 0.6))
    pdf.line([P("name", p.name)], "Helvetica-Bold", 13, x=pdf.x + 150)
    for label, value in personal_fields(p, rng, ["address_full", "phone", "email", "birth_date",
                                                  "nationality", "gender"],
                                        labels={"birth_date": "Date of birth", "phone": "Mobile"}):
        pdf.line(value, "Helvetica", 9.5, label=label, label_width=150)
    pdf.gap(8)
    pdf.line(["WORK EXPERIENCE"], "Helvetica", 8, color=(0.1, 0.3, 0.6))
    for i, e in enumerate(p.experience):
        dates = [K("experience", i, "start", e["start"]), " – ", K("experience", i, "end", e["end"])]
        pdf.line([K("experience", i, "title", e["title"])], "Helvetica-Bold", 10,
                 label=dates, label_width=150)
        pdf.line([K("experience", i, "employer", e["employer"])], "Helvetica", 9.5,
                 x=pdf.x + 150)
        pdf.gap(4)
    pdf.gap(8)
    pdf.line(["EDUCATION AND TRAINING"], "Helvetica", 8, color=(0.1, 0.3, 0.6))
    for i, e in enumerate(p.education):
        pdf.line([K("education", i, "degree", e["degree"]), ", ",
                  K("education", i, "institution", e["institution"])], "Helvetica", 9.5,
                 label=e["year"], label_width=150)
        t.record(K("education", i, "year", e["year"]), "body")
    pdf.gap(8)
    pdf.line(["PERSONAL SKILLS"], "Helvetica", 8, color=(0.1, 0.3, 0.6))
    for i, l in enumerate(p.languages):
        pdf.line([K("languages", i, "language", l["language"]), " – ",
                  K("languages", i, "level", l["level"])], "Helvetica", 9.5, x=pdf.x + 150)
    L.emit_certificates(o, p, rng, "Certifications", "bullets")
    L.emit_skills(o, p, rng, "Skills", "line")
    pdf.set_meta(title="Europass CV", author=P("name", p.name), creator="Europass CV editor")
    xml = europass_xml(p, p.phone)
    for cat, text in (("name", p.first), ("name", p.surname), ("address", p.address),
                      ("postcode", p.postcode), ("city", p.city), ("email", p.email),
                      ("phone", p.phone), ("nationality", p.nationality)):
        t.add(cat, text, "attachment")
    return postprocess(pdf.getvalue(), attachments=[("europass-cv.xml", xml)])


@sample("nl-acroform-fields.pdf", "nl", "pdf")
def nl_acroform(rng, t):
    p = make_person(rng, "nl", origin="nl")
    p.phone = fmt_mobile(p.mobile_digits, "06-12345678")
    pdf, o = pdf_new(t)
    pdf.line(["Sollicitatieformulier"], "Helvetica-Bold", 18)
    pdf.line(["Uitzendbureau Voorbeeld – inschrijving kandidaat"], "Helvetica-Oblique", 10)
    pdf.gap(14)
    for fname, label, tag in (("naam", "Naam", P("name", p.name)),
                              ("email", "E-mail", P("email", p.email)),
                              ("telefoon", "Telefoonnummer", P("phone", p.phone)),
                              ("woonplaats", "Woonplaats", P("city", p.city))):
        pdf.line([label], "Helvetica-Bold", 10)
        pdf.form_field(fname, tag, pdf.x + 130, pdf.y - 5, w=250, h=18, tooltip=label)
        pdf.gap(12)
    emit_body(o, p, rng, {"profile": "plain", "bullets": False,
                          "sections": ["profile", "experience", "education", "certificates",
                                       "languages", "skills"]})
    pdf.set_meta(title="Sollicitatieformulier")
    return pdf.getvalue()


@sample("nl-link-only-email.pdf", "nl", "pdf")
def nl_link_only(rng, t):
    p = make_person(rng, "nl", origin="nl")
    p.phone = fmt_mobile(p.mobile_digits, "06 1234 5678")
    pdf, o = pdf_new(t)
    title_block(o, p)
    url = https_linkedin(p)
    pdf.line([P("address", p.address), ", ", P("postcode", p.postcode), " ", P("city", p.city)])
    pdf.line(["Tel. ", P("phone", p.phone), "     ",
              Link("mailto:" + p.email, ["E-mail"], target_tag=P("email", p.email), icon="mail"),
              "     ", Link(url, ["LinkedIn"], target_tag=P("url", url), icon="linkedin")])
    emit_body(o, p, rng, {"profile": "named", "bullets": False, "hobbies": False})
    return pdf.getvalue()


@sample("nl-recruiter-annotation.pdf", "nl", "pdf")
def nl_annotation(rng, t):
    p = make_person(rng, "nl", origin="int")
    p.phone = fmt_mobile(p.mobile_digits, "06-12345678")
    rec = recruiter(rng)
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address_full", "phone", "email"]))
    pdf.note(["Telefonisch gesproken met kandidaat op ",
              P("phone", fmt_mobile(p.mobile_digits, "06 12 34 56 78")),
              ", beschikbaar per 1 maart. Groet, ", P("name", rec, subject="recruiter")],
             (430, 760, 450, 780))
    emit_body(o, p, rng, {"profile": "plain", "bullets": False})
    return pdf.getvalue()


@sample("nl-photo-metadata.pdf", "nl", "pdf")
def nl_photo_metadata(rng, t):
    p = make_person(rng, "nl", origin="nl")
    p.phone = fmt_mobile(p.mobile_digits, "+31 6 12345678")
    pdf, o = pdf_new(t)
    pdf.image(png.photo_placeholder(40, 50), pdf.W - 50 - 80, pdf.H - 50 - 100, 80, 100)
    pdf.frame(pdf.x, pdf.width - 100)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address", "postcode_city", "phone", "email", "birth_date"],
                         labels={"birth_date": "Geboren"}), "table")
    pdf.y = min(pdf.y, pdf.H - 155)
    pdf.frame(50, pdf.W - 100)
    emit_body(o, p, rng, {"profile": "named", "bullets": False, "hobbies": False})
    pdf.set_meta(title=["Curriculum vitae – ", P("name", p.name)], author=P("name", p.name),
                 subject=f"Sollicitatie {p.job_title.lower()}",
                 keywords=f"cv, sollicitatie, {p.sector}", creator="Tekstverwerker 3.1",
                 producer="PDF-export 2.0")
    return pdf.getvalue()


@sample("en-pdf-references.pdf", "en", "pdf")
def en_references_pdf(rng, t):
    p = make_person(rng, "en", origin="uk")
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address", "phone", "email"]))
    emit_body(o, p, rng, {"profile": "plain", "bullets": False, "hobbies": False,
                          "references": make_references(p, rng, 2)})
    return pdf.getvalue()


@sample("en-pdf-named-docx.docx", "en", "pdf")
def en_pdf_named_docx(rng, t):
    p = make_person(rng, "en", origin="uk")
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address", "phone", "email", "birth_date"],
                         labels={"birth_date": "Born"}))
    emit_body(o, p, rng, {"profile": "named", "bullets": False, "hobbies": False})
    return pdf.getvalue()


@sample("nl-owner-password.pdf", "nl", "pdf")
def nl_owner_password(rng, t):
    p = make_person(rng, "nl", origin="nl")
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.kv(personal_fields(p, rng, ["address_full", "phone", "email", "birth_date"]), "table")
    emit_body(o, p, rng, {"profile": "plain", "bullets": False, "hobbies": False})
    pdf.set_meta(author=P("name", p.name), title="Curriculum vitae")
    return postprocess(pdf.getvalue(), user_password="", owner_password="x")


@sample("nl-personalia-bsn-iban.pdf", "nl", "pdf")
def nl_bsn_iban(rng, t):
    p = make_person(rng, "nl", origin="nl", gender="f", double_surname=True, city="Beverwijk",
                    first="Mariëlle")
    p.phone = fmt_mobile(p.mobile_digits, "06 12 34 56 78")
    p.landline = fmt_land(p.area, p.land_sub, "0251 - 123456")
    p.bsn = fmt_bsn(p.bsn_digits, "123 456 782")
    p.iban = fmt_iban(p.iban_compact, False)
    pdf, o = pdf_new(t)
    title_block(o, p)
    o.heading("Persoonlijke gegevens")
    o.kv(personal_fields(p, rng, ["name", "address", "postcode_city", "phone", "landline", "email",
                                  "born_at", "gender", "nationality", "marital", "bsn", "iban",
                                  "other_id"], labels={"born_at": "Geboren", "bsn": "BSN"}),
         "table")
    emit_body(o, p, rng, {"profile": "named", "bullets": False, "hobbies": False})
    return pdf.getvalue()


def build(name, lang, fmt, fn, seed):
    rng = random.Random(f"{seed}:{name}")
    t = Truth(name, lang, fmt)
    result = fn(rng, t)
    if isinstance(result, Docx):
        import io
        from ooxml import zip_write
        buf = io.BytesIO()
        zip_write(buf, result.build())
        result = buf.getvalue()
    return result, t
