import CVModel

/// Copies of identity documents in scanned pages and pictures (OCR text): each page is classified
/// on its own (``IdentityDocument/classify(_:)``), and a document found gives an `id_copy` finding
/// over its machine-readable zone (or its title), its document number as `other_id`, a Dutch
/// document's BSN as `bsn`, and the holder's name and birth date from a verified zone.
///
/// Only OCR text is read: an identity document arrives as a scan or a photo, and a CV's own text
/// that mentions a passport or a driving licence is not a copy of one.
struct IdentityDocumentRecognizer: Recognizer {
    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        for (range, block) in context.text.blocks where block.source == .ocr {
            guard let start = context.text.normalizedIndex(ofOriginal: range.lowerBound) else { continue }
            let end = context.text.normalizedIndex(ofOriginal: range.upperBound) ?? context.scalars.count
            guard start < end else { continue }
            let page = Array(context.scalars[start..<end])
            for document in IdentityDocument.classify(page) {
                found += Self.candidates(document, offset: start)
            }
        }
        return found
    }

    /// What an `id_copy` finding says: the kind of document and its issuing country
    /// (`passport NLD`, `driving_licence`), nothing of its holder.
    static func description(of document: IdentityDocument) -> String {
        [document.kind.rawValue, document.country].compactMap { $0 }.joined(separator: " ")
    }

    static func candidates(_ document: IdentityDocument, offset: Int) -> [Candidate] {
        let shift = { (range: Range<Int>) in (range.lowerBound + offset)..<(range.upperBound + offset) }
        let zone = document.machineReadableZone
        let confidence = zone == nil ? 0.8 : 0.95
        var found: [Candidate] = []
        if let anchor = zone?.range ?? document.evidence.first(where: { $0.kind == .documentTitle })?.range
            ?? document.evidence.first?.range
        {
            // The finding names the document, not its text: the zone holds the BSN, which a
            // purpose keeping the copy but not the BSN must not store in the copy's stead.
            found.append(
                Candidate(
                    category: .idCopy, range: shift(anchor), confidence: confidence,
                    value: Self.description(of: document)))
        }
        for range in document.documentNumberRanges {
            var candidate = Candidate(category: .otherID, range: shift(range), confidence: confidence)
            // The zone's own number field, as its check digit corrected it (`O` read for `0`).
            if let zone, range == zone.documentNumberRange,
                zone.corrections > 0 || !zone.documentNumberAlternatives.isEmpty
            {
                candidate.value = zone.documentNumber
            }
            found.append(candidate)
        }
        for range in document.personalNumberRanges {
            var candidate = Candidate(category: .bsn, range: shift(range), confidence: 0.99)
            if let zone, range == zone.personalNumberRange, let number = zone.personalNumber {
                candidate.value = number
            }
            found.append(candidate)
        }
        if let zone, zone.checks.composite || zone.checks.documentNumber {
            // The holder's name as people write it (`DAAN HENDRIK DE JONG`), not as the zone does.
            let name = [zone.givenNames, zone.surname].filter { !$0.isEmpty }.joined(separator: " ")
            found.append(
                Candidate(
                    category: .name, range: shift(zone.nameRange), confidence: 0.9, value: name.isEmpty ? nil : name))
            if zone.checks.birthDate {
                found.append(Candidate(category: .birthDate, range: shift(zone.birthDateRange), confidence: 0.9))
            }
        }
        return found
    }
}
