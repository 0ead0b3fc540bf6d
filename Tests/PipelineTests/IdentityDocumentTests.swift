import CVModel
import Detection
import Extraction
import Foundation
import Logging
import Pipeline
import TestSupport
import Testing
import Vault

/// Copies of identity documents (`Samples/id/`: specimen-style images of a Dutch identity card,
/// passport, residence document and driving licence, a German passport, and a CV with a scanned
/// identity card as its second page; all invented, written by `Tools/samplegen/idcards.py`):
/// recognised, never stored under the shipped policy, and kept with the BSN and the photo blacked
/// out where a legal-obligation purpose keeps `id_copy`.
@Suite(.serialized) struct IdentityDocumentTests {
    /// `Samples/id/truth/<stem>.json`.
    struct Truth: Decodable {
        var file: String
        var kind: String
        var country: String
        var documentNumber: String
        var bsn: String?
        var mrz: [String]

        enum CodingKeys: String, CodingKey {
            case file, kind, country, mrz, bsn
            case documentNumber = "document_number"
        }
    }

    static var folder: URL { TestSupport.samplesFolder.appendingPathComponent("id") }

    static func truths() throws -> [Truth] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("truth").path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".cv.json") }.sorted().map {
                try JSONDecoder().decode(
                    Truth.self, from: Data(contentsOf: folder.appendingPathComponent("truth/\($0)")))
            }
    }

    @Test("every identity document sample is recognised: its kind, and from a machine-readable zone its number and BSN")
    func recognised() throws {
        let truths = try Self.truths()
        #expect(truths.count >= 6)
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let detector = try Detector()
        for truth in truths {
            let document = try worker.extract(path: Self.folder.appendingPathComponent(truth.file).path)
            let findings = detector.detect(document).findings
            let copies = findings.filter { $0.category == .idCopy }.map(\.text)
            #expect(copies.contains { $0.hasPrefix(truth.kind) }, "\(truth.file): \(copies)")
            // A Dutch zone gives the document number (corrected by its check digit) and the BSN.
            guard !truth.mrz.isEmpty, truth.country == "NLD" else { continue }
            #expect(findings.contains { $0.category == .otherID && $0.text == truth.documentNumber }, "\(truth.file)")
            if let bsn = truth.bsn {
                #expect(findings.contains { $0.category == .bsn && $0.text == bsn }, "\(truth.file)")
            }
        }
    }

    @Test("CVs are not identity documents: no scanned or text-layer sample CV gives an id_copy finding")
    func cvsAreNot() throws {
        let detector = try Detector()
        let scans = ["nl-single-column", "nl-personalia-bsn-iban", "en-pdf-references"].map {
            TestSupport.samplesFolder.appendingPathComponent("scanned/300dpi/\($0).pdf")
        }
        for file in TestSupport.sampleFiles() + scans {
            let findings = detector.detect(try Extractor(limits: TestSupport.unhurried).extract(path: file.path))
                .findings
            #expect(!findings.contains { $0.category == .idCopy }, "\(file.lastPathComponent)")
        }
    }

    static func run(_ files: [URL], channel: String, config: PipelineConfig, folder: URL) async throws
        -> BatchRunner.Summary
    {
        try TestSupport.dropSamples(files, into: folder, channel: channel)
        let vault = try openTestVault(config)
        return try await BatchRunner(
            config: config, ingestor: try Ingestor(config: config, vault: vault, actor: "test"),
            workerCommand: TestSupport.workerCommand
        ).run(at: Date(), logger: Logger(label: "test"))
    }

    @Test("under the shipped policy no identity document is stored, nor the file holding one, even with originals kept")
    func neverStoredByDefault() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let path = try TestSupport.writeConfig(in: folder)
            let yaml = try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "originals: {keep: 0d}", with: "originals: {keep: 30d}")
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let config = try PipelineConfig.load(path: path)
            let files = try Self.truths().map { Self.folder.appendingPathComponent($0.file) }
            let summary = try await Self.run(files, channel: "bemiddeling", config: config, folder: folder)
            #expect(summary.stored + summary.quarantined == files.count)
            let vault = try openTestVault(config)
            for result in summary.files {
                guard let code = result.code else { continue }
                let report = try vault.access(code, actor: "test", at: Date())
                let categories = Set(report.values.map(\.category))
                #expect(categories.isDisjoint(with: ["id_copy", "bsn", "other_id"]), "\(categories)")
                for sha in report.documents { #expect(try vault.original(sha256: sha) == nil) }
            }
        }
    }

    /// The shipped configuration with a legal-obligation purpose for hiring (wage tax needs the
    /// identity document), reached through an `indiensttreding` channel.
    static func hiringConfig(in folder: URL, keep: String) throws -> PipelineConfig {
        let path = try TestSupport.writeConfig(in: folder)
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: "  bemiddeling: mediation      # registrations for mediation\n",
                with: "  bemiddeling: mediation      # registrations for mediation\n  indiensttreding: hiring\n"
            )
            .replacingOccurrences(
                of: "\n# Original files:",
                with: """

                      hiring:
                        description: Identifying a new employee for wage tax
                        legal_basis: legal_obligation
                        keep: [\(keep)]
                        retention: {no_agreement: 4w, after_agreement_end: 5y}
                        disclose: false

                    # Original files:
                    """)
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path)
    }

    @Test("a legal-obligation purpose that keeps id_copy keeps the copy, BSN and photo blacked out, until its deadline")
    func keptBlackedOut() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.hiringConfig(in: folder, keep: "name, other_id, id_copy")
            let truth = try #require(try Self.truths().first { $0.file == "nl-identiteitskaart.png" })
            let bsn = try #require(truth.bsn)
            let received = Date()
            let summary = try await Self.run(
                [Self.folder.appendingPathComponent(truth.file)], channel: "indiensttreding", config: config,
                folder: folder)
            #expect(summary.stored == 1)
            let vault = try openTestVault(config)
            let code = try #require(summary.files.first?.code)
            let report = try vault.access(code, actor: "test", at: received)
            #expect(report.values.contains { $0.category == "id_copy" && $0.value == "id_card NLD" })
            #expect(report.values.contains { $0.category == "other_id" && $0.value == truth.documentNumber })
            #expect(!report.values.contains { $0.category == "bsn" || $0.value.contains(bsn) })
            let sha = try #require(report.documents.first)
            let copy = try #require(try vault.original(sha256: sha))
            let original = try Data(contentsOf: Self.folder.appendingPathComponent(truth.file))
            #expect(copy != original)
            // The copy is a picture of the card: read again, the card is legible and its BSN is not.
            let read = try Extractor(limits: TestSupport.unhurried).extract(bytes: [UInt8](copy), fileName: "")
            #expect(read.format == .image)
            let text = OCRTextFolding.fold(read.plainText)
            #expect(text.contains("IDENTITEITSKAART") && text.contains("VANDERMEER"))
            #expect(text.contains(OCRTextFolding.fold(String(truth.documentNumber.prefix(3)))))
            #expect(!text.contains(bsn))
            // Kept until the purpose's deadline for an applicant (4 weeks), then purged.
            #expect(
                try vault.purge(at: received.addingTimeInterval(27 * 86_400), dryRun: false, actor: "t")
                    .originalsDeleted == 0)
            #expect(
                try vault.purge(at: received.addingTimeInterval(29 * 86_400), dryRun: false, actor: "t")
                    .originalsDeleted == 1)
        }
    }

    @Test("the copy drawn in a worker: every BSN on the card blacked out, the photo too, or kept when asked")
    func drawnCopy() throws {
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let truth = try #require(try Self.truths().first { $0.file == "nl-paspoort.png" })
        let bsn = try #require(truth.bsn)
        let path = Self.folder.appendingPathComponent(truth.file).path
        let copy = try worker.drawIdentityCopy(
            .path(path), pages: [1], marks: [PageMark(text: bsn, category: .bsn)], blackOutPictures: true)
        // Printed under "Persoonsnummer" and inside the zone's second line.
        #expect(copy.counts == [2])
        #expect(copy.pictures >= 1)
        let photoKept = try worker.drawIdentityCopy(.path(path), pages: [1], marks: [], blackOutPictures: false)
        #expect(photoKept.pictures == 0)
        #expect(photoKept.png != copy.png)
        let reread = try Extractor(limits: TestSupport.unhurried).extract(bytes: copy.png, fileName: "")
        #expect(!OCRTextFolding.fold(reread.plainText).contains(bsn))
        #expect(
            OCRTextFolding.fold(
                try Extractor(limits: TestSupport.unhurried).extract(bytes: photoKept.png, fileName: "").plainText
            ).contains(bsn))
        // More pages than a copy holds, or none, are refused before the worker is asked.
        #expect(throws: ExtractionError.self) {
            try worker.drawIdentityCopy(.path(path), pages: [], marks: [], blackOutPictures: true)
        }
    }
}

/// Letters and digits only, upper-cased: OCR may read spacing and case differently.
enum OCRTextFolding {
    static func fold(_ text: String) -> String { String(text.uppercased().filter { $0.isLetter || $0.isNumber }) }
}
