/// A document's plain text cut into runs, each either ordinary text or one detected value with
/// its category: what the web app shows, with `<mark>`, where there are no pages to render (a
/// DOCX original), or beside the page images for what is not on any page (metadata, link
/// targets, form fields).
///
/// The runs join to exactly ``Document/plainText``. Findings are placed by their offsets
/// (``Finding/start`` and ``Finding/end``, in Unicode scalars of the plain text), not by
/// searching for their text, so a value is marked where detection found it and nowhere else.
public struct MarkedText: Codable, Sendable, Equatable {
    /// A stretch of text: a detected value when `category` is set, ordinary text otherwise.
    public struct Run: Codable, Sendable, Equatable {
        public var text: String
        public var category: Category?

        public init(text: String, category: Category? = nil) {
            self.text = text
            self.category = category
        }
    }

    public var runs: [Run]

    public init(runs: [Run]) { self.runs = runs }

    /// Marks `findings` in `text` (a document's ``Document/plainText``). A finding that overlaps
    /// one placed before it (detection resolves overlaps, but propagated values can touch), lies
    /// outside the text or is empty (a photo has no span) is left out.
    public init(text: String, findings: [Finding]) {
        let scalars = Array(text.unicodeScalars)
        var runs: [Run] = []
        var cursor = 0
        func append(_ range: Range<Int>, _ category: Category?) {
            guard !range.isEmpty else { return }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            runs.append(Run(text: String(view), category: category))
        }
        let placed = findings.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= scalars.count }
            .sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        for finding in placed where finding.start >= cursor {
            append(cursor..<finding.start, nil)
            append(finding.start..<finding.end, finding.category)
            cursor = finding.end
        }
        append(cursor..<scalars.count, nil)
        self.runs = runs
    }

    /// The plain text again, marks dropped.
    public var text: String { runs.map(\.text).joined() }

    /// The categories marked, each once, in ``Category`` order.
    public var categories: [Category] { Set(runs.compactMap(\.category)).sorted() }
}
