/// The words, numbers and layout marks the classifier looks for on a page, and where they stand.
extension IdentityDocument {
    /// Document titles as printed, by kind (folded: upper case, no accents).
    static let titleWords: [(phrase: String, kind: IdentityDocumentKind)] = [
        ("PASPOORT", .passport), ("PASSPORT", .passport), ("REISEPASS", .passport), ("PASSEPORT", .passport),
        ("PASAPORTE", .passport), ("PASSAPORTO", .passport),
        ("IDENTITEITSKAART", .idCard), ("IDENTITY CARD", .idCard), ("PERSONALAUSWEIS", .idCard),
        ("CARTE D'IDENTITE", .idCard), ("CARTE NATIONALE D'IDENTITE", .idCard), ("CARTA D'IDENTITA", .idCard),
        ("VERBLIJFSDOCUMENT", .residencePermit), ("VERBLIJFSVERGUNNING", .residencePermit),
        ("VERBLIJFSTITEL", .residencePermit), ("RESIDENCE PERMIT", .residencePermit),
        ("RESIDENCE DOCUMENT", .residencePermit), ("AUFENTHALTSTITEL", .residencePermit),
        ("TITRE DE SEJOUR", .residencePermit), ("PERMIS DE SEJOUR", .residencePermit),
        ("RIJBEWIJS", .drivingLicence), ("DRIVING LICENCE", .drivingLicence), ("DRIVING LICENSE", .drivingLicence),
        ("FUHRERSCHEIN", .drivingLicence), ("PERMIS DE CONDUIRE", .drivingLicence),
    ]

    /// Issuing states' formal names as documents print them. A bare `NEDERLAND` is not one: an
    /// upper-case address block ends with it.
    static let countryNames: [(phrase: String, code: String?)] = [
        ("KONINKRIJK DER NEDERLANDEN", "NLD"), ("KINGDOM OF THE NETHERLANDS", "NLD"), ("ROYAUME DES PAYS-BAS", "NLD"),
        ("BUNDESREPUBLIK DEUTSCHLAND", "DEU"), ("FEDERAL REPUBLIC OF GERMANY", "DEU"), ("KONINKRIJK BELGIE", "BEL"),
        ("ROYAUME DE BELGIQUE", "BEL"), ("KINGDOM OF BELGIUM", "BEL"), ("REPUBLIQUE FRANCAISE", "FRA"),
        ("EUROPESE UNIE", nil), ("EUROPEAN UNION", nil), ("EUROPAISCHE UNION", nil), ("UNION EUROPEENNE", nil),
    ]

    /// Labels printed on identity documents and not in CVs, one entry per field with its
    /// spellings: `Documentnummer/Document no.` is one field, so one label. A label a CV also
    /// uses (`Nationaliteit`, `Geboortedatum`) is only listed in its bilingual form. `/` also
    /// matches spaces around it.
    static let documentLabels: [[String]] = [
        ["DOCUMENTNUMMER", "DOCUMENT NO"], ["PERSOONSNUMMER", "PERSONAL NO"], ["DATUM VAN AFGIFTE"],
        ["HANDTEKENING HOUDER"], ["NATIONALITEIT/NATIONALITY"], ["GEBOORTEDATUM/DATE OF BIRTH"],
        ["GEBOORTEPLAATS/PLACE OF BIRTH"], ["GESLACHT/SEX"], ["NAAM/SURNAME"], ["VOORNAMEN/GIVEN NAMES"],
        ["GELDIG TOT/DATE OF EXPIRY"], ["AUTORITEIT/AUTHORITY"], ["LENGTE/HEIGHT"],
        ["SOORT DOCUMENT/TYPE OF DOCUMENT"],
    ]
    static let documentNumberLabels = ["DOCUMENTNUMMER", "DOCUMENT NO"]
    static let personalNumberLabels = ["PERSOONSNUMMER", "PERSONAL NO", "BURGERSERVICENUMMER", "BSN"]

    /// The EU driving licence's numbered fields (Directive 2006/126/EC, annex I).
    static let licenceMarkers = ["1.", "2.", "3.", "4A.", "4B.", "4C.", "4D.", "5.", "7.", "8.", "9."]

    /// A page of OCR text cut into lines, each with a folded copy for matching: upper case,
    /// accents removed, one scalar for one, so a match's offsets are the page's offsets.
    struct Page {
        let scalars: [Unicode.Scalar]
        let folded: [Unicode.Scalar]
        let lines: [Range<Int>]

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
            folded = scalars.map(Self.fold)
            var lines: [Range<Int>] = []
            var start = 0
            for index in 0...scalars.count where index == scalars.count || scalars[index] == "\n" {
                lines.append(start..<index)
                start = index + 1
            }
            self.lines = lines
        }

        /// The number of the line holding scalar `index`.
        func lineNumber(at index: Int) -> Int {
            var low = 0
            var high = lines.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lines[middle].lowerBound <= index { low = middle } else { high = middle - 1 }
            }
            return low
        }

        /// How many lines apart two scalars are.
        func lineDistance(_ first: Int, _ second: Int) -> Int { abs(lineNumber(at: first) - lineNumber(at: second)) }

        private static let accents: [Unicode.Scalar: Unicode.Scalar] = {
            var table: [Unicode.Scalar: Unicode.Scalar] = [:]
            for (base, accented) in [
                ("A", "ÀÁÂÃÄÅ"), ("E", "ÈÉÊË"), ("I", "ÌÍÎÏ"), ("O", "ÒÓÔÕÖØ"), ("U", "ÙÚÛÜ"), ("C", "Ç"), ("N", "Ñ"),
                ("Y", "Ý"),
            ] {
                for scalar in accented.unicodeScalars { table[scalar] = base.unicodeScalars.first }
            }
            return table
        }()

        private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            if scalar.value >= 0x61 && scalar.value <= 0x7A { return Unicode.Scalar(UInt8(scalar.value - 32)) }
            if scalar.isASCII { return scalar }
            let upper = scalar.properties.uppercaseMapping.unicodeScalars
            let single = upper.count == 1 ? upper.first ?? scalar : scalar
            return accents[single] ?? single
        }

        private func isWordCharacter(_ index: Int) -> Bool {
            let scalar = folded[index]
            return (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
                || (!scalar.isASCII && scalar.properties.isAlphabetic)
        }

        private func isSpace(_ index: Int) -> Bool { folded[index] == " " || folded[index] == "\t" }

        // MARK: Matching

        /// Where `phrase` (folded) matches within `line`, on word boundaries. A space in the phrase
        /// matches one or more spaces; `/` matches a slash with or without spaces around it; `'`
        /// matches an apostrophe, a space or nothing (OCR reads `D'IDENTITÉ` all three ways).
        func occurrences(of phrase: String, in line: Range<Int>) -> [Range<Int>] {
            let pattern = Array(phrase.unicodeScalars)
            var found: [Range<Int>] = []
            var start = line.lowerBound
            while start < line.upperBound {
                if start == line.lowerBound || !isWordCharacter(start - 1),
                    let end = match(pattern[...], at: start, in: line),
                    end == line.upperBound || !isWordCharacter(end) || !isWordCharacter(end - 1)
                {
                    found.append(start..<end)
                    start = end
                } else {
                    start += 1
                }
            }
            return found
        }

        private func match(_ pattern: ArraySlice<Unicode.Scalar>, at index: Int, in line: Range<Int>) -> Int? {
            guard let first = pattern.first else { return index }
            let rest = pattern.dropFirst()
            switch first {
            case " ":
                var cursor = index
                while cursor < line.upperBound, isSpace(cursor) { cursor += 1 }
                return cursor > index ? match(rest, at: cursor, in: line) : nil
            case "/":
                var cursor = index
                while cursor < line.upperBound, isSpace(cursor) { cursor += 1 }
                guard cursor < line.upperBound, folded[cursor] == "/" else { return nil }
                cursor += 1
                while cursor < line.upperBound, isSpace(cursor) { cursor += 1 }
                return match(rest, at: cursor, in: line)
            case "'":
                if index < line.upperBound, folded[index] == "'" || isSpace(index),
                    let end = match(rest, at: index + 1, in: line)
                {
                    return end
                }
                return match(rest, at: index, in: line)
            default:
                guard index < line.upperBound, folded[index] == first else { return nil }
                return match(rest, at: index + 1, in: line)
            }
        }

        /// Every word-bounded occurrence of `word` on the page, as printed (case-insensitive).
        func occurrences(ofWord word: String) -> [Range<Int>] {
            guard !word.isEmpty else { return [] }
            return lines.flatMap { occurrences(of: word, in: $0) }
        }

        // MARK: Title-like lines

        /// Whether a line reads as a title on a document rather than a sentence: at most 80
        /// characters of letters, digits, spaces and `/ ' - . |`, at least four letters, and
        /// four in five letters upper case — or its letters are all title words (`phrases`),
        /// two of them or more (`Paspoort / Passport / Passeport`).
        func isTitleLike(_ line: Range<Int>, phrases: [Range<Int>]) -> Bool {
            guard line.count <= 80 else { return false }
            var letters = 0
            var upper = 0
            var lettersOutsidePhrases = 0
            for index in line {
                let scalar = scalars[index]
                if isWordCharacter(index) {
                    guard !(scalar.value >= 0x30 && scalar.value <= 0x39) else { continue }
                    letters += 1
                    if scalar.properties.isUppercase { upper += 1 }
                    if !phrases.contains(where: { $0.contains(index) }) { lettersOutsidePhrases += 1 }
                } else if !(isSpace(index) || "/'-.|".unicodeScalars.contains(scalar)) {
                    return false
                }
            }
            guard letters >= 4 else { return false }
            return upper * 5 >= letters * 4 || (phrases.count >= 2 && lettersOutsidePhrases == 0)
        }

        /// Document titles on title-like lines.
        func titles() -> [(kind: IdentityDocumentKind, range: Range<Int>)] {
            var found: [(kind: IdentityDocumentKind, range: Range<Int>)] = []
            for line in lines {
                let matches = IdentityDocument.titleWords.flatMap { title in
                    occurrences(of: title.phrase, in: line).map { (kind: title.kind, range: $0) }
                }
                guard !matches.isEmpty, isTitleLike(line, phrases: matches.map(\.range)) else { continue }
                found += matches
            }
            return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
        }

        /// Issuing states' formal names on title-like lines.
        func countries() -> [(code: String?, range: Range<Int>)] {
            var found: [(code: String?, range: Range<Int>)] = []
            for line in lines {
                let matches = IdentityDocument.countryNames.flatMap { country in
                    occurrences(of: country.phrase, in: line).map { (code: country.code, range: $0) }
                }
                guard !matches.isEmpty, isTitleLike(line, phrases: matches.map(\.range)) else { continue }
                found += matches
            }
            return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
        }

        // MARK: Layout evidence

        /// The driving licence's numbered fields, when `4a.`, `4b.` and three of the others are
        /// there, each at the start of a line or after a space and followed by a space or the
        /// line end; with the value of field 5 (the licence number).
        func licenceFields() -> (markers: [Range<Int>], numbers: [Range<Int>]) {
            var markers: [String: [Range<Int>]] = [:]
            var numbers: [Range<Int>] = []
            for line in lines {
                for marker in IdentityDocument.licenceMarkers {
                    let pattern = Array(marker.unicodeScalars)
                    var index = line.lowerBound
                    while index + pattern.count <= line.upperBound {
                        let end = index + pattern.count
                        if index == line.lowerBound || isSpace(index - 1), folded[index..<end].elementsEqual(pattern),
                            end == line.upperBound || isSpace(end)
                        {
                            markers[marker, default: []].append(index..<end)
                            if marker == "5.", let value = firstToken(after: end, in: line) { numbers.append(value) }
                        }
                        index += 1
                    }
                }
            }
            let others = ["1.", "2.", "3.", "4C.", "5.", "9."].filter { markers[$0] != nil }.count
            guard markers["4A."] != nil, markers["4B."] != nil, others >= 3 else { return ([], []) }
            return (markers.values.flatMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }, numbers)
        }

        /// The run of letters and digits after `index` on its line, past spaces and a colon.
        private func firstToken(after index: Int, in line: Range<Int>) -> Range<Int>? {
            var start = index
            while start < line.upperBound, isSpace(start) || folded[start] == ":" { start += 1 }
            var end = start
            while end < line.upperBound, isWordCharacter(end) { end += 1 }
            return end > start ? start..<end : nil
        }

        /// Numbers of the Dutch passport and identity-card form standing alone as words.
        func dutchDocumentNumbers() -> [Range<Int>] {
            var found: [Range<Int>] = []
            var index = 0
            while index + 9 <= scalars.count {
                let end = index + 9
                if index == 0 || !isWordCharacter(index - 1), end == scalars.count || !isWordCharacter(end),
                    MachineReadableZone.isDutchDocumentNumber(scalars[index..<end])
                {
                    found.append(index..<end)
                    index = end
                } else {
                    index += 1
                }
            }
            return found
        }

        /// Document labels at the start of a line or after a wide gap (two columns of labels):
        /// their ranges when labels of two different fields are there, and the values of the
        /// document-number labels (the first run of letters and digits after the label, on its line or the next).
        func labelledFields() -> (ranges: [Range<Int>], documentNumbers: [Range<Int>]) {
            var ranges: [Range<Int>] = []
            var fields = Set<Int>()
            var documentNumbers: [Range<Int>] = []
            for (number, line) in lines.enumerated() {
                for (field, spellings) in IdentityDocument.documentLabels.enumerated() {
                    for label in spellings {
                        for range in occurrences(of: label, in: line) where startsField(range.lowerBound, in: line) {
                            ranges.append(range)
                            fields.insert(field)
                            if IdentityDocument.documentNumberLabels.contains(label),
                                let value = value(after: range.upperBound, line: number)
                            {
                                documentNumbers.append(value)
                            }
                        }
                    }
                }
            }
            guard fields.count >= 2 else { return ([], []) }
            return (ranges.sorted { $0.lowerBound < $1.lowerBound }, documentNumbers)
        }

        private func startsField(_ index: Int, in line: Range<Int>) -> Bool {
            var cursor = index
            var spaces = 0
            while cursor > line.lowerBound, isSpace(cursor - 1) {
                cursor -= 1
                spaces += 1
            }
            return cursor == line.lowerBound || spaces >= 2 || folded[cursor - 1] == "/"
        }

        /// The value after a label: the first run of letters and digits after it on its line that
        /// holds a digit and six characters or more (the label's translation, `/Document no.`, holds
        /// none), or else the first run on the next non-blank line, if it holds a digit.
        private func value(after index: Int, line number: Int) -> Range<Int>? {
            let line = lines[number]
            var cursor = index
            while cursor < line.upperBound {
                guard isWordCharacter(cursor) else {
                    cursor += 1
                    continue
                }
                var end = cursor
                while end < line.upperBound, isWordCharacter(end) { end += 1 }
                if end - cursor >= 6, hasDigit(cursor..<end) { return cursor..<end }
                cursor = end
            }
            guard let next = lines[(number + 1)...].first(where: { !$0.allSatisfy(isSpace) }),
                let token = firstToken(after: next.lowerBound, in: next), hasDigit(token)
            else { return nil }
            return token
        }

        private func hasDigit(_ range: Range<Int>) -> Bool {
            scalars[range].contains { $0.value >= 0x30 && $0.value <= 0x39 }
        }

        // MARK: BSN

        /// Nine digits, in one run or grouped by dots or single spaces (`1234.56.782`,
        /// `123 456 782`), standing alone, that pass the 11-proof, with their digits.
        func personalNumbers(where accept: (String) -> Bool = { _ in true }) -> [Range<Int>] {
            var found: [Range<Int>] = []
            var index = 0
            let isDigit = { (index: Int) in self.scalars[index].value >= 0x30 && self.scalars[index].value <= 0x39 }
            while index < scalars.count {
                guard isDigit(index), index == 0 || !isWordCharacter(index - 1) else {
                    index += 1
                    continue
                }
                var digits: [Int] = []
                var cursor = index
                var end = index
                while cursor < scalars.count, digits.count <= 9 {
                    if isDigit(cursor) {
                        digits.append(Int(scalars[cursor].value) - 0x30)
                        cursor += 1
                        end = cursor
                    } else if scalars[cursor] == "." || scalars[cursor] == " ", cursor + 1 < scalars.count,
                        isDigit(cursor + 1)
                    {
                        cursor += 1
                    } else {
                        break
                    }
                }
                let text = String(digits.map { Character(String($0)) })
                if digits.count == 9, end == scalars.count || !isWordCharacter(end), ElevenProof.isValid(digits),
                    accept(text)
                {
                    found.append(index..<end)
                }
                index = max(index + 1, end)
            }
            return found
        }

        /// BSNs printed after a `Persoonsnummer`, `Personal No.`, `BSN` or `Burgerservicenummer`
        /// label, on the label's line or the next.
        func labelledPersonalNumbers() -> [Range<Int>] {
            let numbers = personalNumbers()
            var found: [Range<Int>] = []
            for (number, line) in lines.enumerated() {
                let labelled = IdentityDocument.personalNumberLabels.contains { !occurrences(of: $0, in: line).isEmpty }
                guard labelled else { continue }
                let next = lines[(number + 1)...].first { !$0.allSatisfy(isSpace) }
                let reach = line.lowerBound..<(next?.upperBound ?? line.upperBound)
                found += numbers.filter { reach.contains($0.lowerBound) && !found.contains($0) }
            }
            return found
        }
    }
}
