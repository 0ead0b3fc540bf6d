"""Fictional people and their career facts.

``make_person`` draws every value from a ``random.Random`` so a seed fixes the
whole person.  Formatted strings (phone, dates, BSN, IBAN, ...) are chosen
from the writing styles listed below; sample code may re-format a value by
calling the ``fmt_*`` helpers with an explicit style.
"""

import datetime
import string
import unicodedata

import data as D

MOBILE_STYLES = ["06-12345678", "06 1234 5678", "06 12 34 56 78", "+31 (0)6 12345678",
                 "+31 6 12345678", "0031 6 12345678"]
LAND_STYLES = ["020-1234567", "020 123 4567", "010 123 45 67", "0251 - 123456"]
NL_DATE_STYLES = ["14 april 1989", "14-04-1989", "14-4-1989", "14.04.1989", "1989-04-14"]
EN_DATE_STYLES = ["April 14, 1989", "14 April 1989", "14/04/1989", "1989-04-14"]
BSN_STYLES = ["123456782", "1234.56.782", "123 456 782"]
BANKS = ["ABNA", "INGB", "RABO", "TRIO", "SNSB"]
HOUSE_ADDITIONS = ["", "", "", "a", "-II", " bis", " hs", "A", "-3", "b"]
POSTCODE_LETTERS = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase
                    if a + b not in ("SA", "SD", "SS")]


def ascii_slug(text):
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if c.isascii() and (c.isalnum())).lower()


# ---------------------------------------------------------------- numbers

def fmt_mobile(d8, style):
    a = d8
    return {"06-12345678": f"06-{a}",
            "06 1234 5678": f"06 {a[:4]} {a[4:]}",
            "06 12 34 56 78": f"06 {a[0:2]} {a[2:4]} {a[4:6]} {a[6:8]}",
            "+31 (0)6 12345678": f"+31 (0)6 {a}",
            "+31 6 12345678": f"+31 6 {a}",
            "0031 6 12345678": f"0031 6 {a}"}[style]


def fmt_land(area, sub, style):
    if len(area) == 3:          # 7-digit subscriber number
        if style == "020 123 4567":
            return f"{area} {sub[:3]} {sub[3:]}"
        if style == "010 123 45 67":
            return f"{area} {sub[:3]} {sub[3:5]} {sub[5:]}"
        return f"{area}-{sub}"
    # 4-digit area code, 6-digit subscriber number
    if style == "0251 - 123456":
        return f"{area} - {sub}"
    if style == "010 123 45 67":
        return f"{area} {sub[:2]} {sub[2:4]} {sub[4:]}"
    return f"{area}-{sub}"


def make_bsn(rng):
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        s = sum(w * x for w, x in zip(range(9, 1, -1), d))
        last = s % 11
        if last < 10:
            digits = d + [last]
            assert (s - last) % 11 == 0
            return "".join(map(str, digits))


def bsn_valid(bsn):
    d = [int(c) for c in bsn if c.isdigit()]
    if len(d) != 9 or not any(d):
        return False
    return (sum(w * x for w, x in zip(range(9, 1, -1), d[:8])) - d[8]) % 11 == 0


def fmt_bsn(b, style):
    return {"123456782": b, "1234.56.782": f"{b[:4]}.{b[4:6]}.{b[6:]}",
            "123 456 782": f"{b[:3]} {b[3:6]} {b[6:]}"}[style]


def iban_check(country, bban):
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(num) % 97:02d}"


def iban_valid(iban):
    s = iban.replace(" ", "")
    num = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(num) % 97 == 1


def make_iban(rng):
    bban = rng.choice(BANKS) + "".join(str(rng.randint(0, 9)) for _ in range(10))
    return "NL" + iban_check("NL", bban) + bban


def fmt_iban(iban, grouped):
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if grouped else iban


def fmt_date(d, style):
    if style == "14 april 1989":
        return f"{d.day} {D.NL_MONTHS[d.month - 1]} {d.year}"
    if style == "14-04-1989":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "14-4-1989":
        return f"{d.day}-{d.month}-{d.year}"
    if style == "14.04.1989":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "1989-04-14":
        return d.isoformat()
    if style == "April 14, 1989":
        return f"{D.EN_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "14 April 1989":
        return f"{d.day} {D.EN_MONTHS[d.month - 1]} {d.year}"
    if style == "14/04/1989":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "04/14/1989":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    raise ValueError(style)


def fmt_month(year, month, style, lang):
    if style == "year":
        return str(year)
    if lang == "nl":
        if style == "abbr":
            return f"{D.NL_MONTHS_ABBR[month - 1]} {year}"
        if style == "full":
            return f"{D.NL_MONTHS[month - 1]} {year}"
        return f"{month:02d}-{year}"
    if style == "abbr":
        return f"{D.EN_MONTHS_ABBR[month - 1]} {year}"
    if style == "full":
        return f"{D.EN_MONTHS[month - 1]} {year}"
    return f"{month:02d}/{year}"


# ---------------------------------------------------------------- people

class Person:
    """Plain attribute bag; see make_person for the fields."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def _nl_name(rng, gender, origin):
    if origin == "int":
        first = rng.choice(D.INT_FIRST_M if gender == "m" else D.INT_FIRST_F)
        tv, last = rng.choice(D.INT_SURNAMES + D.NL_SURNAMES[:6])
    else:
        first = rng.choice(D.NL_FIRST_M if gender == "m" else D.NL_FIRST_F)
        tv, last = rng.choice(D.NL_SURNAMES)
    return first, tv, last


def make_person(rng, lang="nl", origin=None, gender=None, double_surname=None, first=None,
                surname=None, city=None):
    """origin: "nl" (Dutch), "int" (international name, lives in NL),
    "uk" (British, UK address) or "us" (American, US address).  ``first``,
    ``surname`` (a (tussenvoegsel, name) pair) and ``city`` force a value."""
    if origin is None:
        origin = rng.choice(["nl"] * 5 + ["int"] * 2) if lang == "nl" else \
            rng.choice(["uk", "uk", "nl", "int"])
    gender = gender or rng.choice("mf")
    p = Person(lang=lang, origin=origin, gender_code=gender)
    if origin in ("uk", "us"):
        p.first = rng.choice(D.EN_FIRST_M if gender == "m" else D.EN_FIRST_F)
        p.tv, p.last = "", rng.choice(D.EN_SURNAMES)
    else:
        p.first, p.tv, p.last = _nl_name(rng, gender, origin)
    if first:
        p.first = first
    if surname:
        p.tv, p.last = surname
    if double_surname is None:
        double_surname = origin == "nl" and gender == "f" and rng.random() < 0.2
    p.surname = (p.tv + " " if p.tv else "") + p.last
    if double_surname:
        tv2, last2 = rng.choice([s for s in D.NL_SURNAMES if s[1] != p.last])
        p.surname = f"{p.surname}-{tv2 + ' ' if tv2 else ''}{last2}"
    p.name = f"{p.first} {p.surname}"
    parts = p.first.split("-")
    p.initials = "".join(x[0] + "." for x in parts)
    p.initials_name = f"{p.initials} {p.surname}"
    # contact
    slug_first, slug_last = ascii_slug(p.first), ascii_slug(p.surname)
    by = rng.randint(1964, 2002)
    p.birth = datetime.date(by, rng.randint(1, 12), rng.randint(1, 28))
    p.email = rng.choice([f"{slug_first}.{slug_last}", f"{slug_first[0]}.{slug_last}",
                          f"{slug_first}{slug_last}{by % 100:02d}", f"{slug_last}.{slug_first}",
                          f"{slug_first}_{slug_last}"]) + "@" + rng.choice(D.EMAIL_DOMAINS)
    p.email_user, p.email_domain = p.email.split("@")
    p.mobile_digits = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    hyph = "-".join([ascii_slug(x) for x in p.name.replace("'", "").split()])
    p.linkedin = rng.choice([f"https://www.linkedin.com/in/{hyph}-{rng.randint(1000, 9999)}",
                             f"linkedin.com/in/{slug_first}{slug_last}",
                             f"www.linkedin.com/in/{hyph}"])
    p.github = f"github.com/{slug_first[0]}{slug_last}"
    p.website = f"www.{slug_first}{slug_last}.example"
    if origin in ("nl", "int"):
        p.city = city or rng.choice(sorted(D.NL_CITIES))
        lo, hi, area = D.NL_CITIES[p.city]
        p.postcode_num, p.postcode_letters = rng.randint(lo, hi), rng.choice(POSTCODE_LETTERS)
        p.postcode = f"{p.postcode_num} {p.postcode_letters}" if rng.random() < 0.8 \
            else f"{p.postcode_num}{p.postcode_letters}"
        p.house = str(rng.randint(1, 180)) + rng.choice(HOUSE_ADDITIONS)
        p.street = rng.choice(D.STREETS_NL)
        p.address = f"{p.street} {p.house}"
        p.area = area
        p.land_sub = str(rng.randint(2, 9)) + "".join(
            str(rng.randint(0, 9)) for _ in range(6 if len(area) == 3 else 5))
        p.phone = fmt_mobile(p.mobile_digits, rng.choice(MOBILE_STYLES))
        p.landline = fmt_land(area, p.land_sub, rng.choice(LAND_STYLES))
        p.birth_place = rng.choice(D.BIRTH_PLACES_NL)
        p.nationality = "Nederlandse" if lang == "nl" else "Dutch"
    elif origin == "uk":
        p.city = rng.choice(sorted(D.EN_CITIES))
        p.postcode = rng.choice(D.EN_CITIES[p.city])
        p.street = rng.choice(D.EN_STREETS)
        p.house = str(rng.randint(1, 120))
        p.address = f"{p.house} {p.street}"
        p.phone = rng.choice(["07700 900", "+44 7700 900"]) + f"{rng.randint(0, 999):03d}"
        p.landline = f"0161 496 0{rng.randint(0, 999):03d}"
        p.birth_place = rng.choice(D.EN_BIRTH_PLACES)
        p.nationality = "British"
    else:
        p.city, p.state, p.postcode = rng.choice(D.US_CITIES)
        p.street = rng.choice(D.US_STREETS)
        p.house = str(rng.randint(100, 4999))
        p.address = f"{p.house} {p.street}"
        area = rng.choice(["312", "608", "503", "512", "614"])
        p.phone = f"({area}) 555-01{rng.randint(0, 99):02d}"
        p.landline = f"{area}-555-01{rng.randint(0, 99):02d}"
        p.birth_place = rng.choice(["Chicago", "Denver", "Boston", "Seattle"])
        p.nationality = "American"
    if lang == "nl":
        p.birth_style = rng.choice(NL_DATE_STYLES)
        p.gender = "man" if gender == "m" else "vrouw"
        p.marital = rng.choice(["gehuwd", "ongehuwd", "samenwonend"])
    else:
        p.birth_style = rng.choice(EN_DATE_STYLES if origin != "us"
                                   else ["April 14, 1989", "04/14/1989"])
        p.gender = "male" if gender == "m" else "female"
        p.marital = rng.choice(["married", "single"])
    p.bsn_digits = make_bsn(rng)
    p.bsn = fmt_bsn(p.bsn_digits, rng.choice(BSN_STYLES))
    p.iban_compact = make_iban(rng)
    p.iban = fmt_iban(p.iban_compact, rng.random() < 0.7)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no O or I in Dutch document numbers
    p.passport = (rng.choice(letters) + rng.choice(letters) +
                  "".join(rng.choice(letters + "0123456789") for _ in range(6)) +
                  str(rng.randint(0, 9)))
    p.ni_number = f"QQ {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} " \
                  f"{rng.choice('ABCD')}"   # QQ prefix is never issued
    make_career(rng, p)
    return p


def set_birth(p, d):
    p.birth = d
    p.birth_date = fmt_date(d, p.birth_style)


def reference_person(rng, lang, exclude=()):
    r = make_person(rng, lang, origin="nl" if lang == "nl" else "uk")
    while r.name in exclude:
        r = make_person(rng, lang, origin="nl" if lang == "nl" else "uk")
    return r


# ---------------------------------------------------------------- career

def make_career(rng, p, n_exp=None, date_style=None):
    lang = p.lang
    sectors = D.SECTORS_NL if lang == "nl" else D.SECTORS_EN
    p.sector = rng.choice(sorted(sectors))
    sec = sectors[p.sector]
    n_exp = n_exp or rng.randint(2, 4)
    date_style = date_style or rng.choice(["abbr", "abbr", "full", "year", "num"])
    p.date_style = date_style
    present = rng.choice(["heden", "heden", "nu"]) if lang == "nl" else \
        rng.choice(["present", "Present", "current"])
    titles = rng.sample(sec["titles"], min(n_exp, len(sec["titles"])))
    while len(titles) < n_exp:
        titles.append(rng.choice(sec["titles"]))
    employers = rng.sample(sec["employers"], min(n_exp, len(sec["employers"])))
    while len(employers) < n_exp:
        employers.append(rng.choice(sec["employers"]))
    year, month = 2024, rng.randint(1, 12)
    exp = []
    end = present
    for i in range(n_exp):
        dur = rng.randint(14, 60)
        total = year * 12 + month - 1 - dur
        sy, sm = divmod(total, 12)
        sm += 1
        start = fmt_month(sy, sm, date_style, lang)
        if date_style == "year" and end == start:
            sy -= 1
            start = str(sy)
        exp.append({"title": titles[i], "employer": employers[i], "start": start, "end": end})
        year, month = sy, sm
        end = fmt_month(sy, sm, date_style, lang)
    p.experience = exp
    p.job_title = titles[0]
    first_job_year = year
    if p.birth.year > first_job_year - 18 or not hasattr(p, "birth_date"):
        by = min(p.birth.year, first_job_year - rng.randint(18, 24))
        set_birth(p, p.birth.replace(year=by))
    edu = []
    deg = rng.choice(sec["degrees"])
    if lang == "nl":
        level = deg.split()[0]
        inst = rng.choice(D.INSTITUTIONS_NL[level])
        edu.append({"degree": deg, "institution": inst, "year": str(first_job_year)})
        if rng.random() < 0.6:
            kind, schools = rng.choice(D.SCHOOLS_NL)
            edu.append({"degree": kind, "institution": rng.choice(schools),
                        "year": str(first_job_year - rng.randint(3, 5))})
    else:
        edu.append({"degree": deg, "institution": rng.choice(D.INSTITUTIONS_EN),
                    "year": str(first_job_year)})
        if rng.random() < 0.4:
            edu.append({"degree": "High School Diploma", "institution": "Lincoln High School",
                        "year": str(first_job_year - 4)} if p.origin == "us" else
                       {"degree": "A-levels", "institution": "Hollins Park Sixth Form College",
                        "year": str(first_job_year - 3)})
    p.education = edu
    p.certificates = rng.sample(D.CERTS_NL if lang == "nl" else D.CERTS_EN, rng.randint(1, 3))
    if lang == "nl":
        native = "Nederlands"
        langs = [("Nederlands", "moedertaal")]
        for name, levels in rng.sample(D.LANG_LEVELS_NL[:3], rng.randint(1, 2)):
            langs.append((name, rng.choice(levels)))
        if p.origin == "int" and rng.random() < 0.5:
            langs[0] = ("Nederlands", rng.choice(["vloeiend", "C1"]))
            name, levels = rng.choice(D.LANG_LEVELS_NL[4:])
            langs.insert(0, (name, "moedertaal"))
    else:
        native = "English"
        langs = [(native, "native")]
        for name, levels in rng.sample(D.LANG_LEVELS_EN, rng.randint(1, 2)):
            langs.append((name, rng.choice(levels)))
    p.languages = [{"language": a, "level": b} for a, b in langs]
    p.skills = rng.sample(sec["skills"], rng.randint(3, min(5, len(sec["skills"]))))
    p.hobbies = rng.sample(D.HOBBIES_NL if lang == "nl" else D.HOBBIES_EN, 3)
    years = 2024 - first_job_year
    if lang == "nl":
        p.profile_named = (f"{p.first} is een gedreven {p.job_title.lower()} met {years} jaar "
                           f"ervaring in {sec['field']}. Betrouwbaar, leergierig en gewend om "
                           f"zelfstandig en in teamverband te werken.")
        p.profile_plain = (f"Gedreven {p.job_title.lower()} met {years} jaar ervaring in "
                           f"{sec['field']}. Ik werk nauwkeurig, houd van aanpakken en zoek een "
                           f"functie met ruimte voor verdere groei.")
    else:
        p.profile_named = (f"{p.first} is a motivated {p.job_title.lower()} with {years} years "
                           f"of experience in {sec['field']}, known for clear communication "
                           f"and reliable delivery.")
        p.profile_plain = (f"Motivated {p.job_title.lower()} with {years} years of experience "
                           f"in {sec['field']}. I enjoy solving problems with colleagues and "
                           f"am looking for a role with room to grow.")
    bullets = D.BULLETS_NL if lang == "nl" else D.BULLETS_EN
    for e in exp:
        e["bullets"] = rng.sample(bullets, 2)
