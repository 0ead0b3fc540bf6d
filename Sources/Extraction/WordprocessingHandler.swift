import CVModel

/// Turns the SAX events of one WordprocessingML part (document, header, footer, footnotes,
/// endnotes, comments) into text blocks.
///
/// What a person reads, once: paragraphs in order; a table row as one block with cells joined
/// by tabs; text boxes (`w:txbxContent`) from the first `mc:Choice` of an
/// `mc:AlternateContent`, never again from its `mc:Fallback`; deleted text (`w:delText`) as a
/// separate block marked deleted; hyperlink targets and `HYPERLINK` field targets as `link`
/// blocks; field instructions (`w:instrText`) never as text. Every block goes through the
/// extraction's ``TextBudget`` first; once that is spent, blocks are dropped and the reader stops.
final class WordprocessingHandler: XMLEventHandler {
    private struct Paragraph {
        var text: [UInt8] = []
        var deleted: [UInt8] = []
    }

    private struct AlternateContent {
        var hasTakenChoice = false
    }

    private let partSource: TextSource
    private let hyperlinkTargets: [String: String]
    private let budget: TextBudget
    private(set) var blocks: [TextBlock] = []

    private var paragraphs: [Paragraph] = []
    /// One entry per open table: the cells of the current row, and the paragraphs of the current cell.
    private var tables: [(row: [String], cell: [String])] = []
    private var textboxDepth = 0
    private var runDepth = 0
    private var alternateContents: [AlternateContent] = []
    private var skipDepth = 0
    private var capture: Capture = .none
    private var fieldInstruction: [UInt8] = []
    private var isInFieldInstruction = false
    private var commentAuthor: String?

    private enum Capture { case none, text, deletedText, instruction }

    /// - Parameters:
    ///   - source: what the part is (body, header, footer, footnote, comment).
    ///   - hyperlinkTargets: the part's relationship ids to external targets, from its `.rels`.
    ///   - budget: the whole document's `max_text` and `max_blocks` count, shared by its parts.
    init(source: TextSource, hyperlinkTargets: [String: String], budget: TextBudget) {
        self.partSource = source
        self.hyperlinkTargets = hyperlinkTargets
        self.budget = budget
    }

    private var currentSource: TextSource {
        if textboxDepth > 0 { return .textbox }
        if !tables.isEmpty && partSource == .body { return .table }
        return partSource
    }

    // MARK: - Events

    func startElement(_ localName: String, namespace: XMLNamespace, attributes: XMLAttributes) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        if namespace == .markupCompatibility {
            switch localName {
            case "AlternateContent": alternateContents.append(AlternateContent())
            case "Choice", "Fallback":
                if alternateContents.last?.hasTakenChoice == true {
                    skipDepth = 1
                } else if !alternateContents.isEmpty {
                    alternateContents[alternateContents.count - 1].hasTakenChoice = true
                }
            default: break
            }
            return
        }
        guard namespace == .wordprocessing else { return }
        switch localName {
        case "p": paragraphs.append(Paragraph())
        case "r": runDepth += 1
        case "t": capture = .text
        case "delText": capture = .deletedText
        case "instrText":
            capture = .instruction
        case "tab", "ptab":
            if runDepth > 0 { append(UInt8(ascii: "\t")) }
        case "br", "cr":
            if runDepth > 0 { append(UInt8(ascii: "\n")) }
        case "noBreakHyphen":
            if runDepth > 0 { append(UInt8(ascii: "-")) }
        case "tbl": tables.append(([], []))
        case "txbxContent": textboxDepth += 1
        case "hyperlink":
            if let id = attributes.value("id", in: .relationships), let target = hyperlinkTargets[id] {
                emitLink(target)
            }
        case "fldChar":
            switch attributes.value("fldCharType", in: .wordprocessing) {
            case "begin":
                fieldInstruction.removeAll(keepingCapacity: true)
                isInFieldInstruction = true
            case "separate", "end":
                if isInFieldInstruction { finishFieldInstruction() }
            default: break
            }
        case "fldSimple":
            if let instruction = attributes.value("instr", in: .wordprocessing) {
                fieldInstruction = Array(instruction.utf8)
                finishFieldInstruction()
            }
        case "comment":
            commentAuthor = attributes.value("author", in: .wordprocessing)
        default: break
        }
    }

    func endElement(_ localName: String, namespace: XMLNamespace) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        if namespace == .markupCompatibility {
            if localName == "AlternateContent", !alternateContents.isEmpty { alternateContents.removeLast() }
            return
        }
        guard namespace == .wordprocessing else { return }
        switch localName {
        case "p": finishParagraph()
        case "r": runDepth = max(0, runDepth - 1)
        case "t", "delText", "instrText": capture = .none
        case "tc":
            guard !tables.isEmpty else { return }
            let cell = tables[tables.count - 1].cell.joined(separator: "\n")
            tables[tables.count - 1].row.append(cell)
            tables[tables.count - 1].cell = []
        case "tr":
            guard !tables.isEmpty else { return }
            let row = tables[tables.count - 1].row
            tables[tables.count - 1].row = []
            let text = row.filter { !$0.isEmpty }.joined(separator: "\t")
            emit(text, source: currentSource)
        case "tbl":
            if !tables.isEmpty { tables.removeLast() }
        case "txbxContent": textboxDepth = max(0, textboxDepth - 1)
        case "comment":
            if let author = commentAuthor, !author.isEmpty {
                add(TextBlock(text: author, source: .comment, label: "author"))
            }
            commentAuthor = nil
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard skipDepth == 0 else { return }
        switch capture {
        case .none: return
        case .text:
            guard !paragraphs.isEmpty else { return }
            paragraphs[paragraphs.count - 1].text.append(contentsOf: bytes)
        case .deletedText:
            guard !paragraphs.isEmpty else { return }
            paragraphs[paragraphs.count - 1].deleted.append(contentsOf: bytes)
        case .instruction:
            fieldInstruction.append(contentsOf: bytes)
        }
    }

    // MARK: - Building blocks

    private func append(_ byte: UInt8) {
        guard skipDepth == 0, !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].text.append(byte)
    }

    private func finishParagraph() {
        guard let paragraph = paragraphs.popLast() else { return }
        let text = String(decoding: paragraph.text, as: UTF8.self)
        if !tables.isEmpty && textboxDepth == 0 {
            if !text.isEmpty { tables[tables.count - 1].cell.append(text) }
        } else {
            emit(text, source: currentSource)
        }
        if !paragraph.deleted.isEmpty {
            let deleted = String(decoding: paragraph.deleted, as: UTF8.self)
            emit(deleted, source: currentSource, isDeleted: true)
        }
    }

    private func emit(_ text: String, source: TextSource, isDeleted: Bool = false) {
        let trimmed = text.trimmingTrailingWhitespace()
        guard trimmed.contains(where: { !$0.isWhitespace }) else { return }
        add(TextBlock(text: trimmed, source: source, isDeleted: isDeleted))
    }

    private func add(_ block: TextBlock) {
        if budget.admit(block) { blocks.append(block) }
    }

    private func emitLink(_ target: String) {
        let text = target.hasPrefix("mailto:") ? String(target.dropFirst("mailto:".count)) : target
        guard !text.isEmpty else { return }
        add(TextBlock(text: text, source: .link, label: partSource == .body ? nil : partSource.rawValue))
    }

    /// `HYPERLINK "https://…"` (with optional switches such as `\l`) yields its target; other
    /// fields (PAGE, TOC, MERGEFIELD) yield nothing.
    private func finishFieldInstruction() {
        isInFieldInstruction = false
        let instruction = String(decoding: fieldInstruction, as: UTF8.self)
        fieldInstruction.removeAll(keepingCapacity: true)
        let words = instruction.split(whereSeparator: \.isWhitespace)
        guard words.first?.uppercased() == "HYPERLINK" else { return }
        if let open = instruction.firstIndex(of: "\""),
            let close = instruction[instruction.index(after: open)...].firstIndex(of: "\"")
        {
            let target = String(instruction[instruction.index(after: open)..<close])
            if !target.isEmpty { emitLink(target) }
        } else if words.count > 1, !words[1].hasPrefix("\\") {
            emitLink(String(words[1]))
        }
    }
}

@available(*, unavailable)
extension WordprocessingHandler: Sendable {}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[startIndex..<end])
    }
}
