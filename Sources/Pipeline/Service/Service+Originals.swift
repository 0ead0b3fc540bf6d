public import CVModel
import Detection
import Extraction
public import Foundation
import Intake
import Vault

// The page view: an original file as the candidate sent it, with every value detection found
// boxed in its group's colour, so that a recruiter sees what was found and what was not. Where
// the original is still held: kept in the vault (`originals.keep` > 0) or in quarantine.
extension Service {
    /// One original with its detected values marked.
    public struct OriginalView: Sendable {
        /// What it was read as (or drawn as, when it could not be read: a PDF or an image is drawn).
        public var format: DocumentFormat
        /// The page count of a PDF or an image (a TIFF has several); `nil` for a DOCX, which has no fixed pages.
        public var pageCount: Int?
        /// Every page drawn, in order; empty for a DOCX.
        public var pages: [OriginalPage]
        /// The extracted text with the values marked: the view of a DOCX, and beside a PDF's pages
        /// the place where values outside the page text show (metadata, link targets, attachments).
        /// `nil` when the file could not be read (``extractionProblem``).
        public var markedText: MarkedText?
        /// Categories with a value that is boxed on no page: in the marked text only (metadata, a
        /// link target), or laid out on the page in a way text search does not find.
        public var notOnAnyPage: [Category]
        /// Why a quarantined file could not be read for detection (the reason a recruiter can act
        /// on); its pages are then drawn without boxes.
        public var extractionProblem: String?
    }

    /// One page image.
    public struct OriginalPage: Sendable {
        /// 1-based.
        public var number: Int
        /// A PNG, 8-bit RGB.
        public var png: Data
        public var width: Int
        public var height: Int
        /// The categories boxed on this page, in ``CVModel/Category`` order.
        public var categories: [Category]
    }

    /// The page images (or marked text) of a candidate's kept originals, newest first: each
    /// document whose original `originals.keep` still holds. Every original shown is audited
    /// (``CVModel/AuditAction/originalView``) under the code, with its page count.
    ///
    /// The original is opened from the vault in this process, and sent to a worker process
    /// through a pipe: poppler reads and draws it there, under the extraction limits and
    /// sandbox. It is never written to disk in the clear.
    ///
    /// - Parameters:
    ///   - code: the candidate.
    ///   - now: the time the audit record gets.
    ///   - scale: pixels per point (1.5 draws an A4 page 893 pixels wide); pages are capped at
    ///     2000 pixels on the long side.
    ///   - workerCommand: the worker to start (by default this very binary's `worker`).
    /// - Returns: one view per kept original, newest first.
    /// - Throws: ``OriginalsError/noOriginalKept(code:)`` when none is kept, `VaultError` for an
    ///   unknown code, ``OriginalsError/unreadable(subject:_:)`` when one cannot be read.
    public func originalPages(code: String, at now: Date, scale: Double = 1.5, workerCommand: [String]? = nil)
        async throws -> [OriginalView]
    {
        var kept: [(sha256: String, bytes: [UInt8])] = []
        for sha256 in try await vault.documents(of: code) {
            if let bytes = try await vault.original(sha256: sha256) { kept.append((sha256, [UInt8](bytes))) }
        }
        let originals = kept
        guard !originals.isEmpty else { throw OriginalsError.noOriginalKept(code: code) }
        let limits = config.extraction
        let detector = try Detector()
        let views = try await Self.offThePool { () throws(OriginalsError) -> [OriginalView] in
            let reader = OriginalReader(
                worker: WorkerProcess(command: workerCommand, limits: limits), detector: detector, scale: scale)
            defer { reader.worker.stop() }
            var views: [OriginalView] = []
            for original in originals {
                do throws(ExtractionError) {
                    views.append(try reader.view(.bytes(original.bytes)))
                } catch {
                    throw .unreadable(subject: code, error)
                }
            }
            return views
        }
        for (original, view) in zip(originals, views) {
            try await vault.recordOriginalView(
                code: code, detail: "document \(original.sha256.prefix(12)): \(Self.shown(view))", actor: actor, at: now
            )
        }
        return views
    }

    /// The page images (or marked text) of a quarantined file, `quarantine/<id>/original`. A
    /// file quarantined because it could not be read usually cannot be drawn either (damaged,
    /// encrypted); one without a text layer is drawn without boxes, with the reason said. Audited
    /// without a code (nothing of it is in the vault), naming the quarantine id.
    public func quarantinedPages(id: String, at now: Date, scale: Double = 1.5, workerCommand: [String]? = nil)
        async throws -> OriginalView
    {
        let path = try config.makeInbox().quarantinedOriginal(id)
        let limits = config.extraction
        let detector = try Detector()
        let view = try await Self.offThePool { () throws(OriginalsError) -> OriginalView in
            let reader = OriginalReader(
                worker: WorkerProcess(command: workerCommand, limits: limits), detector: detector, scale: scale)
            defer { reader.worker.stop() }
            do throws(ExtractionError) {
                return try reader.view(.path(path))
            } catch {
                throw .unreadable(subject: id, error)
            }
        }
        try await vault.recordOriginalView(
            code: nil, detail: "quarantine \(id): \(Self.shown(view))", actor: actor, at: now)
        return view
    }

    /// What an audit record says was shown: a page count, or the text.
    static func shown(_ view: OriginalView) -> String {
        if view.pages.isEmpty { return "marked text shown" }
        return view.pages.count == 1 ? "1 page shown" : "\(view.pages.count) pages shown"
    }

    /// Runs `body` on a thread of its own: a worker's pipes are read with blocking `poll`, which
    /// must not hold one of Swift's cooperative threads (one per core) for seconds.
    static func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws(OriginalsError) -> Value)
        async throws(OriginalsError) -> Value
    {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Value, OriginalsError>, Never>) in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(OriginalsError) in try body() })
            }
            thread.name = "cvsieve-originals"
            thread.start()
        }
        return try result.get()
    }
}

/// Reads one original in a worker, detects its values here, and has the worker draw its pages.
private struct OriginalReader {
    let worker: WorkerProcess
    let detector: Detector
    let scale: Double

    func view(_ source: WorkerProcess.PageSource) throws(ExtractionError) -> Service.OriginalView {
        var document: Document?
        var problem: ExtractionError?
        do throws(ExtractionError) {
            switch source {
            case .bytes(let bytes): document = try worker.extract(bytes: bytes, fileName: "original")
            case .path(let path): document = try worker.extract(path: path)
            }
        } catch {
            problem = error
        }
        let findings = document.map { detector.detect($0).findings } ?? []
        let markedText = document.map { MarkedText(text: $0.plainText, findings: findings) }
        let marks = Self.marks(findings)
        guard document?.format != .docx else {
            return Service.OriginalView(
                format: .docx, pageCount: nil, pages: [], markedText: markedText,
                notOnAnyPage: Set(marks.map(\.category)).sorted(), extractionProblem: nil)
        }
        var pages: [Service.OriginalPage] = []
        var boxed = Array(repeating: false, count: marks.count)
        var pageCount = 1
        var number = 1
        while number <= pageCount {
            let image: PageImage
            do throws(ExtractionError) {
                image = try worker.renderPage(source, page: number, scale: scale, marks: marks)
            } catch {
                // Neither read nor drawn: say why it could not be read, the first reason.
                throw problem ?? error
            }
            pageCount = image.pageCount
            var categories = Set<Category>()
            for (index, count) in image.boxCounts.enumerated() where count > 0 {
                boxed[index] = true
                categories.insert(marks[index].category)
            }
            pages.append(
                Service.OriginalPage(
                    number: number, png: Data(image.png), width: image.width, height: image.height,
                    categories: categories.sorted()))
            number += 1
        }
        let unboxed = Set(zip(marks, boxed).filter { !$0.1 }.map(\.0.category)).sorted()
        return Service.OriginalView(
            format: document?.format ?? .pdf, pageCount: pageCount, pages: pages, markedText: markedText,
            notOnAnyPage: unboxed, extractionProblem: problem?.reason)
    }

    /// Each value once per category, photos left out (an image, not text on the page).
    static func marks(_ findings: [Finding]) -> [PageMark] {
        var seen = Set<PageMark>()
        return findings.compactMap { finding in
            let mark = PageMark(text: finding.text, category: finding.category)
            guard finding.category != .photo, finding.text.contains(where: { !$0.isWhitespace }),
                seen.insert(mark).inserted
            else { return nil }
            return mark
        }
    }
}
