#!/usr/bin/env python3
"""Machine-readable zones (ICAO Doc 9303) for the fictional identity documents of `idcards.py`.

- `check_digit`: weights 7, 3, 1 repeating; `<` counts 0, `0`-`9` their value, `A`-`Z` 10-35;
  the digit is the sum modulo 10 (Doc 9303 part 3, 4.9).
- `td1`: three lines of 30 characters (ID-1 cards: identity cards, residence permits). Line 1 is
  document code, issuing state, document number, its check digit and optional data in positions
  16-30 (a Dutch identity card holds the BSN there, `dutch_optional`). Line 2 is birth date, check, sex, expiry,
  check, nationality, optional data (19-29) and the composite check digit over line 1 positions
  6-30 and line 2 positions 1-7, 9-15 and 19-29 (part 5, 4.2.2). Line 3 is the name.
- `td3`: two lines of 44 characters (passport data pages). Line 2 is document number, check,
  nationality, birth date, check, sex, expiry, check, personal number (29-42, a Dutch
  passport's BSN), its check digit (43) and the composite check digit over positions 1-10,
  14-20 and 22-43 (part 4, 4.2.2).
- `name_field`: `SURNAME<<GIVEN<NAMES`, transliterated as part 3, 6 recommends (Ä → AE,
  Ö → OE, Ü → UE, ß → SS, other accents dropped, apostrophes left out).

    python3 Tools/samplegen/mrz.py      # checks the Doc 9303 worked examples and Dutch specimens

Standard library only.
"""

import sys
import unicodedata

FILLER = "<"
WEIGHTS = (7, 3, 1)
# Part 3, 6 (recommended transliterations of Latin letters with diacritics, the multi-letter ones).
TRANSLITERATION = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Å": "AA", "Æ": "AE", "Ø": "OE",
                   "Œ": "OE", "Þ": "TH", "Ĳ": "IJ"}


def char_value(c):
    if c == FILLER:
        return 0
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    raise ValueError(f"not an MRZ character: {c!r}")


def check_digit(field):
    return str(sum(char_value(c) * WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def pad(text, length):
    if len(text) > length:
        raise ValueError(f"{text!r} is longer than {length}")
    return text + FILLER * (length - len(text))


def transliterate(text):
    """Upper-case MRZ letters: `'s-Gravenhage` → `S<GRAVENHAGE`, `Schröder` → `SCHROEDER`."""
    out = []
    for c in text.upper():
        if c in TRANSLITERATION:
            out.append(TRANSLITERATION[c])
        elif c in "'’":
            continue
        elif c in " -":
            out.append(FILLER)
        else:
            base = unicodedata.normalize("NFD", c)[0]
            if not ("A" <= base <= "Z"):
                raise ValueError(f"no MRZ transliteration for {c!r}")
            out.append(base)
    return "".join(out)


def name_field(surname, given_names, length):
    field = transliterate(surname) + FILLER * 2 + transliterate(given_names)
    return pad(field, length)


def td1(code, state, number, birth, sex, expiry, nationality, surname, given_names,
        optional1="", optional2=""):
    """Three 30-character lines. Dates are YYMMDD; `number` has 9 characters."""
    if len(number) != 9:
        raise ValueError("TD1 document numbers here have 9 characters")
    line1 = pad(code, 2) + state + number + check_digit(number) + pad(optional1, 15)
    line2 = (birth + check_digit(birth) + sex + expiry + check_digit(expiry) + pad(nationality, 3)
             + pad(optional2, 11))
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += check_digit(composite)
    line3 = name_field(surname, given_names, 30)
    lines = [line1, line2, line3]
    assert all(len(line) == 30 for line in lines), lines
    return lines


def dutch_optional(bsn):
    """TD1 line 1, positions 16-30, of a Dutch card: the BSN, fillers to position 29 and a check
    digit over 16-29 in 30 (the layout of the Dutch specimen card; ICAO leaves the field free)."""
    field = pad(bsn, 14)
    return field + check_digit(field)


def td3(code, state, surname, given_names, number, nationality, birth, sex, expiry, personal=""):
    """Two 44-character lines. An empty personal number gets a filler as its check digit."""
    line1 = pad(code, 2) + pad(state, 3) + name_field(surname, given_names, 39)
    personal_field = pad(personal, 14)
    line2 = (pad(number, 9) + check_digit(pad(number, 9)) + pad(nationality, 3) + birth + check_digit(birth)
             + sex + expiry + check_digit(expiry) + personal_field
             + (check_digit(personal_field) if personal else FILLER))
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    line2 += check_digit(composite)
    lines = [line1, line2]
    assert all(len(line) == 44 for line in lines), lines
    return lines


def selftest():
    """The worked examples of Doc 9303 part 4 (TD3) and part 5 (TD1), and a few check digits."""
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("ZE184226B<<<<<") == "1"
    assert check_digit("D23145890") == "7"
    assert td3("P", "UTO", "Eriksson", "Anna Maria", "L898902C3", "UTO", "740812", "F", "120415",
               "ZE184226B") == ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    assert td1("I", "UTO", "D23145890", "740812", "F", "120415", "UTO", "Eriksson", "Anna Maria") == [
        "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    # The Dutch specimen documents (public, RvIG): the passport's BSN is its personal number, the
    # card's sits in line 1 with a check digit at position 30.
    assert td3("P", "NLD", "De Bruijn", "Willeke Liselotte", "SPECI2014", "NLD", "650310", "F", "240115",
               "999999990")[1] == "SPECI20142NLD6503101F2401151999999990<<<<<82"
    assert td1("I", "NLD", "SPECI2014", "650310", "F", "240309", "NLD", "De Bruijn", "Willeke Liselotte",
               dutch_optional("999999990"))[:2] == ["I<NLDSPECI20142999999990<<<<<8", "6503101F2403096NLD<<<<<<<<<<<8"]
    assert transliterate("Schröder") == "SCHROEDER"
    assert transliterate("van 't Hof") == "VAN<T<HOF"
    assert transliterate("Zoë") == "ZOE"


if __name__ == "__main__":
    selftest()
    print("mrz.py: the ICAO 9303 worked examples and the Dutch specimens check out", file=sys.stderr)
    sys.exit(0)
