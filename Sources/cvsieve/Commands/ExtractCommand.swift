import ArgumentParser
import CVModel
import Extraction
import Pipeline

/// `cvsieve extract FILE [--json]`: the text and metadata of one file, nothing stored.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Print the extracted text and metadata of one file (no storage).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "A PDF or DOCX file.")
    var file: String

    @Flag(name: .long, help: "Parse in this process instead of an isolated worker (for debugging).")
    var inProcess = false

    func run() throws {
        let config = try options.loadConfig()
        let document = try TypedPathError.naming(file) { () throws(ExtractionError) in
            inProcess
                ? try Extractor(limits: config.extraction).extract(path: file)
                : try WorkerProcess(limits: config.extraction).extract(path: file)
        }
        if options.json {
            try Output.json(document)
            return
        }
        print(DocumentSummary(document).text)
    }
}

/// The human form of a document: a header line, then each block with its source.
struct DocumentSummary {
    let text: String

    init(_ document: Document) {
        var lines: [String] = []
        let pages = document.pageCount.map { ", \($0) page\($0 == 1 ? "" : "s")" } ?? ""
        lines.append(
            "\(document.fileName): \(document.format.rawValue)\(pages), \(document.blocks.count) text blocks, "
                + "\(document.images.count) image\(document.images.count == 1 ? "" : "s"), sha256 \(document.sha256.prefix(12))"
        )
        for image in document.images {
            let place = image.page.map { "page \($0)" } ?? image.part ?? "?"
            lines.append("  image: \(place), \(image.width)x\(image.height)")
        }
        for attachment in document.attachments {
            lines.append(
                "  attachment: \(attachment.name) (\(attachment.size) bytes\(attachment.isRead ? ", read" : ""))")
        }
        for block in document.blocks {
            var tag = block.source.rawValue
            if let page = block.page { tag += " p\(page)" }
            if let label = block.label { tag += " \(label)" }
            if block.isDeleted { tag += " deleted" }
            lines.append("")
            lines.append("[\(tag)]")
            lines.append(block.text)
        }
        text = lines.joined(separator: "\n")
    }
}
