public import CVModel
public import Foundation

/// Applies a purpose's keep-list to a detection result.
public struct Minimiser: Sendable {
    public init() {}

    /// Categories that no purpose may store unless its legal basis is a legal obligation.
    public static let legalObligationOnly: Set<Category> = [.bsn, .otherID, .idCopy]

    /// The career facts a purpose keeps: without the summary and descriptions unless it keeps the narrative.
    static func career(_ career: CareerFacts, for purpose: Purpose) -> CareerFacts {
        guard !purpose.keepsNarrative else { return career }
        var career = career
        career.summary = nil
        for index in career.experience.indices { career.experience[index].description = nil }
        return career
    }

    public func minimise(_ result: DetectionResult, for purpose: Purpose) -> MinimalRecord {
        var kept: [KeptValue] = []
        var dropped: [Category: Int] = [:]
        var seen = Set<String>()
        for finding in result.findings where finding.category != .photo {
            let allowed =
                purpose.keeps(finding.category) && finding.subject == .candidate
                && (!Self.legalObligationOnly.contains(finding.category) || purpose.legalBasis == .legalObligation)
            guard allowed else {
                dropped[finding.category, default: 0] += 1
                continue
            }
            // One row per distinct value, in its most complete writing (propagated variants are
            // found again by the leak gate from the stored value).
            let key = "\(finding.category.rawValue)|\(finding.text.lowercased())"
            guard !finding.isPropagated, seen.insert(key).inserted else { continue }
            kept.append(KeptValue(category: finding.category, value: finding.text, subject: finding.subject))
        }
        let identifiers = result.findings.filter {
            ($0.category == .email || $0.category == .phone) && $0.subject == .candidate && !$0.isPropagated
        }.map { KeptValue(category: $0.category, value: $0.text, subject: $0.subject) }
        return MinimalRecord(
            purpose: purpose, values: kept,
            career: purpose.keepsCareer ? Self.career(result.career, for: purpose) : nil,
            droppedCategories: dropped,
            specialCategories: Set(result.special.map(\.category)), identifiers: identifiers)
    }
}
