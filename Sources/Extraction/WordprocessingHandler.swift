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
        var look = PendingLook()
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
    private var tables: [(row: [[(text: String, look: PendingLook)]], cell: [(text: String, look: PendingLook)])] = []
    /// The look of each block's lines (one look for a paragraph's lines, one per line for a table
    /// row), parallel to `blocks`, until the styles are known.
    private var pendingLooks: [PendingLooks?] = []
    /// The paragraph styles the part's paragraphs name.
    private(set) var usedStyles = Set<String>()
    /// The pictures the part draws (`w:drawing`): the relationship id of the image part
    /// (`a:blip r:embed`) and the size it is shown at (`wp:extent`, in EMU), for at most 64.
    private(set) var pictures: [DrawnPicture] = []
    /// The page size of the last section (`w:pgSz`, twentieths of a point).
    private(set) var pageSize: (width: Int, height: Int)?
    private var extent: (width: Int, height: Int)?
    /// The drawing being read is anchored behind the text (`wp:anchor behindDoc="1"`): a
    /// template's background picture, not a scanned page.
    private var isBehindText = false
    private var paragraphPropertiesDepth = 0
    private var isInRunProperties = false
    private var runLook = RunLook()
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
        if namespace == .other {
            notePicture(localName, attributes: attributes)
            return
        }
        guard namespace == .wordprocessing else { return }
        switch localName {
        case "p": paragraphs.append(Paragraph())
        case "pgSz":
            if let width = attributes.value("w", in: .wordprocessing).flatMap({ Int($0) }),
                let height = attributes.value("h", in: .wordprocessing).flatMap({ Int($0) }), width > 0, height > 0
            {
                pageSize = (width, height)
            }
        case "pPr": paragraphPropertiesDepth += 1
        case "pStyle" where paragraphPropertiesDepth > 0 && !paragraphs.isEmpty:
            let id = attributes.value("val", in: .wordprocessing)
            paragraphs[paragraphs.count - 1].look.styleId = id
            if let id, usedStyles.count < 256 { usedStyles.insert(id) }
        case "outlineLvl" where paragraphPropertiesDepth > 0 && !paragraphs.isEmpty:
            paragraphs[paragraphs.count - 1].look.outlineLevel =
                attributes.value("val", in: .wordprocessing).flatMap { Int($0) }
        case "r":
            runDepth += 1
            runLook = RunLook()
        case "rPr" where runDepth > 0: isInRunProperties = true
        case "b", "sz", "caps", "smallCaps":
            if isInRunProperties { runLook.read(localName, attributes: attributes) }
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
        case "pPr": paragraphPropertiesDepth = max(0, paragraphPropertiesDepth - 1)
        case "rPr": isInRunProperties = false
        case "r": runDepth = max(0, runDepth - 1)
        case "t", "delText", "instrText": capture = .none
        case "tc":
            guard !tables.isEmpty else { return }
            tables[tables.count - 1].row.append(tables[tables.count - 1].cell)
            tables[tables.count - 1].cell = []
        case "tr":
            guard !tables.isEmpty else { return }
            let row = tables[tables.count - 1].row
            tables[tables.count - 1].row = []
            emitRow(row.filter { !$0.isEmpty })
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
            countLook(of: bytes)
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

    /// Counts the letters of a text chunk by the look of the run that holds them: every UTF-8
    /// byte that starts a letter or digit counts one.
    private func countLook(of bytes: UnsafeBufferPointer<UInt8>) {
        var letters = 0
        for byte in bytes
        where (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0xC0 {
            letters += 1
        }
        guard letters > 0 else { return }
        paragraphs[paragraphs.count - 1].look.count(letters, runLook: runLook)
    }

    private func finishParagraph() {
        guard let paragraph = paragraphs.popLast() else { return }
        let text = String(decoding: paragraph.text, as: UTF8.self)
        var look = paragraph.look
        look.isAllCapitals = LineLayout.isAllCapitals(text)
        if !tables.isEmpty && textboxDepth == 0 {
            if !text.isEmpty { tables[tables.count - 1].cell.append((text, look)) }
        } else {
            emit(text, source: currentSource, look: look)
        }
        if !paragraph.deleted.isEmpty {
            let deleted = String(decoding: paragraph.deleted, as: UTF8.self)
            emit(deleted, source: currentSource, isDeleted: true)
        }
    }

    private func emit(_ text: String, source: TextSource, isDeleted: Bool = false, look: PendingLook? = nil) {
        let trimmed = text.trimmingTrailingWhitespace()
        guard trimmed.contains(where: { !$0.isWhitespace }) else { return }
        let lines = trimmed.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        add(TextBlock(text: trimmed, source: source, isDeleted: isDeleted), looks: look.map { .same($0, lines: lines) })
    }

    /// A table row as one block: its cells side by side with a tab between them, a cell's
    /// paragraphs on lines of their own (the first paragraph of a cell continues the row's line).
    private func emitRow(_ cells: [[(text: String, look: PendingLook)]]) {
        var lines: [(text: String, look: PendingLook)] = []
        for (column, cell) in cells.enumerated() {
            for (index, paragraph) in cell.enumerated() {
                let parts = paragraph.text.split(separator: "\n", omittingEmptySubsequences: false)
                for (partIndex, part) in parts.enumerated() {
                    if column > 0, index == 0, partIndex == 0, !lines.isEmpty {
                        lines[lines.count - 1].text += "\t" + part
                    } else {
                        lines.append((String(part), paragraph.look))
                    }
                }
            }
        }
        let text = lines.map(\.text).joined(separator: "\n").trimmingTrailingWhitespace()
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        let count = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        add(TextBlock(text: text, source: currentSource), looks: .each(Array(lines.map(\.look).prefix(count))))
    }

    private enum PendingLooks {
        case same(PendingLook, lines: Int)
        case each([PendingLook])
    }

    private func add(_ block: TextBlock, looks: PendingLooks? = nil) {
        guard budget.admit(block) else { return }
        pendingLooks.append(looks)
        blocks.append(block)
    }

    /// The part's blocks with each line's layout, now that the styles are known.
    func blocks(with styles: ParagraphStyles) -> [TextBlock] {
        var resolved = blocks
        for index in resolved.indices {
            switch pendingLooks[index] {
            case .same(let look, let lines)?:
                resolved[index].layout = Array(repeating: look.layout(with: styles), count: lines)
            case .each(let looks)?: resolved[index].layout = looks.map { $0.layout(with: styles) }
            case nil: break
            }
        }
        return resolved
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

/// A picture a WordprocessingML part draws: which image part, at what size.
struct DrawnPicture: Equatable {
    /// The `r:embed` relationship id of the image part.
    var relationship: String
    /// The size it is shown at, in EMU (914,400 an inch).
    var width: Int
    var height: Int
}

extension WordprocessingHandler {
    /// `wp:extent` (DrawingML's size of an inline or anchored drawing) comes before the
    /// `a:blip` that names the image inside it. A picture behind the text (a CV template's
    /// background) is left out: OCR of it would only add noise to a page that has its text.
    fileprivate func notePicture(_ localName: String, attributes: XMLAttributes) {
        switch localName {
        case "anchor":
            isBehindText = ["1", "true", "on"].contains(attributes.value("behindDoc") ?? "")
            extent = nil
        case "inline":
            isBehindText = false
            extent = nil
        case "extent":
            if let width = attributes.value("cx").flatMap({ Int($0) }),
                let height = attributes.value("cy").flatMap({ Int($0) }), width > 0, height > 0
            {
                extent = (width, height)
            }
        case "blip":
            guard let id = attributes.value("embed", in: .relationships), let size = extent, !isBehindText,
                pictures.count < 64
            else { return }
            pictures.append(DrawnPicture(relationship: id, width: size.width, height: size.height))
            extent = nil
        default: break
        }
    }
}
