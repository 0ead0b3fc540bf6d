public import Foundation

/// Where in the inbox a file was dropped. A channel folder's name is shown and stored only when
/// pipeline.yml configures it (then the operator chose it); any other folder's name may be a
/// person's, so it is known by a hash of its name alone.
public enum ChannelRef: Sendable, Hashable, Codable {
    /// The inbox folder itself.
    case root
    /// A channel folder named in pipeline.yml.
    case configured(String)
    /// A folder pipeline.yml does not name: its name's SHA-256 (hex), to find it again on retry.
    case unconfigured(nameHash: String)

    /// The configured channel's name, if any (for the purpose look-up).
    public var configuredName: String? {
        if case .configured(let name) = self { return name }
        return nil
    }

    /// What output may show.
    public var display: String {
        switch self {
        case .root: "inbox"
        case .configured(let name): name
        case .unconfigured(let hash): "unconfigured folder #\(hash.prefix(8))"
        }
    }
}

/// Why a file is in quarantine: a closed set, written by cvsieve only.
public enum QuarantineReason: String, Codable, Sendable, CaseIterable {
    case emptyFile = "empty_file"
    case unreadable
    case unsupportedFormat = "unsupported_format"
    case fileTooLarge = "file_too_large"
    case tooManyPages = "too_many_pages"
    case tooMuchText = "too_much_text"
    case tooManyBlocks = "too_many_blocks"
    case encrypted
    case corruptPDF = "corrupt_pdf"
    case noTextLayer = "no_text_layer"
    case zipBomb = "zip_bomb"
    case xmlDoctype = "xml_doctype"
    case corruptDOCX = "corrupt_docx"
    case timeLimit = "time_limit"
    case workerCrashed = "worker_crashed"
    case workerUnavailable = "worker_unavailable"
    case workerAnswerRejected = "worker_answer_rejected"
    case ocrPageTooLarge = "ocr_page_too_large"
    case ocrTooManyPages = "ocr_too_many_pages"
    case ocrTimeLimit = "ocr_time_limit"
    case ocrUnavailable = "ocr_unavailable"
    case ocrFailed = "ocr_failed"
    /// A page read by OCR with a mean word confidence under `extraction.ocr_min_confidence`: its
    /// values may be misread, so missed by detection and left in a profile; a person looks first.
    case ocrLowConfidence = "ocr_low_confidence"
    case corruptImage = "corrupt_image"
    case symlink
    case interruptedTwice = "interrupted_twice"
    case noPurpose = "no_purpose"
    case `internal`

    /// A reason from a stage's error kind; unknown kinds are `internal`.
    public init(kind: String) { self = Self(rawValue: kind) ?? .internal }
}

/// One quarantined file, as `reason.json` records it: no file name, no folder name.
public struct QuarantineEntry: Codable, Sendable, Equatable {
    public var id: String
    public var claim: String
    public var channel: ChannelRef
    public var reason: QuarantineReason
    public var detail: String
    public var at: Date
    /// The file's extension (`pdf`, `docx`), kept so a retried file keeps its type.
    public var `extension`: String?

    public init(
        id: String, claim: String, channel: ChannelRef, reason: QuarantineReason, detail: String, at: Date,
        extension: String? = nil
    ) {
        self.id = id
        self.claim = claim
        self.channel = channel
        self.reason = reason
        self.detail = detail
        self.at = at
        self.extension = `extension`
    }
}
