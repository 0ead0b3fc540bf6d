public import CVModel
public import Extraction

/// Why an original cannot be shown with its values marked. Cases name a candidate code or a
/// quarantine id, never a file name or a value.
public enum OriginalsError: ReportableError, Equatable {
    /// The candidate's documents were stored without their original (`originals.keep` was 0d
    /// when they came in), or its time is up and the purge removed it.
    case noOriginalKept(code: String)
    /// The file can be neither drawn nor read: `subject` is the candidate code or quarantine id.
    case unreadable(subject: String, ExtractionError)

    public var exitCode: Int32 { 1 }

    public var kind: String {
        switch self {
        case .noOriginalKept: "no_original_kept"
        case .unreadable(_, let error): error.kind
        }
    }

    public var description: String {
        switch self {
        case .noOriginalKept(let code):
            "\(code): no original is kept for this candidate (originals.keep was 0d when it came in, or its time "
                + "is up)"
        case .unreadable(let subject, let error):
            "\(subject): \(error.reason)"
        }
    }
}
