/// The ground truth of a fictional sample CV (`Samples/truth/<name>.json`), written by the
/// project's generator: every personal value exactly as written, where it lives, and the
/// career facts. Read by the tests and by `cvsieve eval`.
public struct SampleTruth: Codable, Sendable {
    public struct Value: Codable, Sendable, Hashable {
        /// A category name as in `detect --json` (`name`, `email`, `phone`, …).
        public var category: String
        public var text: String
        public var source: TextSource
        /// `reference` for third parties (a referee's name and phone); `nil` for the candidate.
        public var subject: String?
        /// Text still in the file as a tracked deletion.
        public var deleted: Bool?
        /// A deliberately hard writing (letter-spaced, all caps, obfuscated email).
        public var hard: Bool?
    }

    public var file: String
    public var language: String
    public var format: DocumentFormat
    public var personal: [Value]
    public var photo: Bool?
    public var career: CareerFacts
}
