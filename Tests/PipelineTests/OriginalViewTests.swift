import CVModel
import Extraction
import Foundation
import Intake
import Logging
import Pipeline
import TestSupport
import Testing
import Vault

/// The page view of kept and quarantined originals, end to end: intake with a real worker, the
/// original sealed in the vault, detection, page images drawn in a worker, the audit record.
@Suite(.serialized) struct OriginalViewTests {
    /// Runs intake over `samples` (from Samples/ or Samples/hostile/) with `originals.keep`.
    static func ingest(_ samples: [URL], keep: String, in folder: URL) async throws -> (Service, BatchRunner.Summary) {
        let config = try OriginalsAndRetryTests.config(in: folder, keep: keep)
        try TestSupport.dropSamples(samples, into: folder)
        let service = try Service(config: config, actor: "account-1")
        let summary = try await service.runBatch(
            at: Date(), logger: Logger(label: "test"), workerCommand: TestSupport.workerCommand)
        return (service, summary)
    }

    static func sample(_ name: String) -> URL { TestSupport.samplesFolder.appendingPathComponent(name) }

    /// Width and height from a PNG's IHDR chunk, after its signature.
    static func pngSize(_ png: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](png)
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func number(_ offset: Int) -> Int { bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// No value of the sample's truth in any audit record.
    static func expectNoValues(in records: [AuditRecord], sample: String) throws {
        let truth = try TestSupport.truth(for: sample)
        for record in records {
            for value in truth.personal {
                #expect(!record.detail.contains(value.text), "\(value.category) in an audit record")
            }
        }
    }

    @Test("a kept PDF original: its page with the categories boxed on it, audited under the code")
    func keptPDF() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let (service, summary) = try await Self.ingest(
                [Self.sample("nl-single-column.pdf")], keep: "30d", in: folder)
            let code = try #require(summary.files.first?.code)
            let views = try await service.originalPages(
                code: code, at: Date(), workerCommand: TestSupport.workerCommand)
            #expect(views.count == 1)
            let view = try #require(views.first)
            #expect(view.format == .pdf && view.pageCount == 1 && view.extractionProblem == nil)
            let page = try #require(view.pages.first)
            #expect(page.number == 1 && view.pages.count == 1)
            #expect(Self.pngSize(page.png).map { [$0.width, $0.height] } == [893, 1263])
            #expect((page.width, page.height) == (893, 1263))
            let truth = try TestSupport.truth(for: "nl-single-column.pdf")
            let truthCategories = Set(truth.personal.compactMap { Category(rawValue: $0.category) })
            #expect(truthCategories.isSubset(of: Set(page.categories)))
            #expect(view.notOnAnyPage.isEmpty)
            // The text beside the page marks the same values where detection found them.
            let marked = try #require(view.markedText)
            let markedValues = Set(marked.runs.filter { $0.category != nil }.map(\.text))
            #expect(markedValues.contains(PageImageFacts.email))

            let records = try await service.auditRecords(code: code, since: nil).filter { $0.action == "original-view" }
            #expect(records.count == 1)
            #expect(records.first?.actor == "account-1")
            #expect(records.first?.detail.hasSuffix(": 1 page shown") == true)
            try Self.expectNoValues(
                in: try await service.auditRecords(code: nil, since: nil), sample: "nl-single-column.pdf")
        }
    }

    @Test("every page of a four-page original, numbered in order")
    func fourPages() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let (service, summary) = try await Self.ingest(
                [Self.sample("en-long-four-pages.pdf")], keep: "30d", in: folder)
            let code = try #require(summary.files.first?.code)
            let view = try #require(
                try await service.originalPages(
                    code: code, at: Date(), scale: 1, workerCommand: TestSupport.workerCommand
                )
                .first)
            #expect(view.pageCount == 4)
            #expect(view.pages.map(\.number) == [1, 2, 3, 4])
            for page in view.pages {
                let size = try #require(Self.pngSize(page.png))
                #expect(size == (page.width, page.height) && page.width <= 2000 && page.height <= 2000)
            }
            #expect(view.pages[0].categories.contains(.email))
            let records = try await service.auditRecords(code: code, since: nil).filter { $0.action == "original-view" }
            #expect(records.map { $0.detail.hasSuffix(": 4 pages shown") } == [true])
        }
    }

    @Test("a kept DOCX original: the text with its values marked, no pages")
    func keptDOCX() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let name = "nl-personalia-table.docx"
            let (service, summary) = try await Self.ingest([Self.sample(name)], keep: "30d", in: folder)
            let code = try #require(summary.files.first?.code)
            let view = try #require(
                try await service.originalPages(code: code, at: Date(), workerCommand: TestSupport.workerCommand).first)
            #expect(view.format == .docx && view.pageCount == nil && view.pages.isEmpty)
            let marked = try #require(view.markedText)
            #expect(marked.categories.contains(.email) && marked.categories.contains(.name))
            let truth = try TestSupport.truth(for: name)
            let email = try #require(truth.personal.first { $0.category == "email" })
            #expect(marked.runs.contains { $0.category == .email && $0.text == email.text })
            #expect(marked.runs.contains { $0.category == nil && !$0.text.isEmpty })
            let records = try await service.auditRecords(code: code, since: nil).filter { $0.action == "original-view" }
            #expect(records.map { $0.detail.hasSuffix(": marked text shown") } == [true])
        }
    }

    @Test("originals.keep 0d: nothing to show, and nothing audited")
    func notKept() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let (service, summary) = try await Self.ingest(
                [Self.sample("nl-single-column.pdf")], keep: "0d", in: folder)
            let code = try #require(summary.files.first?.code)
            await #expect(throws: OriginalsError.noOriginalKept(code: code)) {
                try await service.originalPages(code: code, at: Date(), workerCommand: TestSupport.workerCommand)
            }
            await #expect(throws: VaultError.unknownCandidate(code: "C-BCDF-GHJK")) {
                try await service.originalPages(
                    code: "C-BCDF-GHJK", at: Date(), workerCommand: TestSupport.workerCommand)
            }
            #expect(try await service.auditRecords(code: nil, since: nil).allSatisfy { $0.action != "original-view" })
        }
    }

    @Test("quarantined files: a scan is drawn without boxes and the reason said; a damaged one gives its error")
    func quarantined() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let files = ["image-only.pdf", "truncated.pdf"].map(TestSupport.hostileFile)
            let (service, summary) = try await Self.ingest(files, keep: "0d", in: folder)
            #expect(summary.quarantined == 2)
            let entries = service.config.makeInbox().quarantined().entries
            let scan = try #require(entries.first { $0.reason == .noTextLayer })
            let damaged = try #require(entries.first { $0.reason == .corruptPDF })

            let view = try await service.quarantinedPages(
                id: scan.id, at: Date(), workerCommand: TestSupport.workerCommand)
            #expect(view.format == .pdf && view.pageCount == 1 && view.pages.count == 1)
            #expect(view.pages.first?.categories == [])
            #expect(view.markedText == nil)
            #expect(view.extractionProblem?.hasPrefix("no text layer") == true)

            await #expect(throws: OriginalsError.unreadable(subject: damaged.id, .corruptPDF(.truncated))) {
                try await service.quarantinedPages(id: damaged.id, at: Date(), workerCommand: TestSupport.workerCommand)
            }
            await #expect(throws: IntakeError.noSuchQuarantineEntry(id: "../vault")) {
                try await service.quarantinedPages(id: "../vault", at: Date(), workerCommand: TestSupport.workerCommand)
            }
            let records = try await service.auditRecords(code: nil, since: nil).filter { $0.action == "original-view" }
            #expect(records.map(\.detail) == ["quarantine \(scan.id): 1 page shown"])
            #expect(records.map(\.code) == [nil])
        }
    }
}

/// Facts of the fictional sample shared with the Extraction tests.
enum PageImageFacts {
    static let email = "f.vos@voorbeeldmail.nl"
}

/// The marked text: runs that join to the plain text, each detected value one marked run.
@Suite struct MarkedTextTests {
    static func finding(_ category: Category, _ start: Int, _ end: Int) -> Finding {
        Finding(category: category, text: "", start: start, end: end, confidence: 1, source: .body)
    }

    @Test("values are marked where detection found them; the runs join to the text")
    func runs() {
        let text = "Naam Femke Vos\nE-mail f.vos@voorbeeldmail.nl"
        let marked = MarkedText(text: text, findings: [Self.finding(.email, 22, 44), Self.finding(.name, 5, 14)])
        #expect(marked.text == text)
        #expect(
            marked.runs == [
                .init(text: "Naam "), .init(text: "Femke Vos", category: .name), .init(text: "\nE-mail "),
                .init(text: "f.vos@voorbeeldmail.nl", category: .email),
            ])
        #expect(marked.categories == [.name, .email])
    }

    @Test("an overlapping, empty or out-of-range finding is left out, never cutting the text")
    func leftOut() {
        let text = "Femke Vos, Eindhoven"
        let marked = MarkedText(
            text: text,
            findings: [
                Self.finding(.name, 0, 9), Self.finding(.name, 6, 9), Self.finding(.photo, 0, 0),
                Self.finding(.city, 11, 99), Self.finding(.city, -1, 3),
            ])
        #expect(marked.text == text)
        #expect(marked.runs == [.init(text: "Femke Vos", category: .name), .init(text: ", Eindhoven")])
    }

    @Test("offsets count Unicode scalars, as Finding's do")
    func scalars() {
        let text = "José Müller 👍 Zwolle"
        let marked = MarkedText(text: text, findings: [Self.finding(.city, 14, 20)])
        #expect(marked.runs.last == .init(text: "Zwolle", category: .city))
        #expect(marked.text == text)
    }
}
