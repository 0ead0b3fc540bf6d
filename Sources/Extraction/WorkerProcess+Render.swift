/// Page images, drawn in the worker under the same sandbox, memory limit and time limit as
/// extraction.
extension WorkerProcess {
    /// Where the file to draw is.
    public enum PageSource {
        /// A file on disk (a quarantined original), read by the worker as it reads an inbox file.
        case path(String)
        /// A file held in memory (a kept original opened from the vault): sent through the
        /// request pipe, never written to disk in the clear.
        case bytes([UInt8])
    }

    /// Draws page `page` (1-based) of a PDF as a PNG with each mark's occurrences boxed
    /// (``PageRenderer/render(bytes:page:scale:marks:)`` in the worker).
    ///
    /// The parent believes no more of the answer than it can check: the page is the one asked
    /// for, the size is within ``PageRenderer/maxLongSide`` and is the PNG's own (its signature
    /// and header are read, nothing more is decoded here), the PNG is no longer than an
    /// uncompressed image of that size, and there is one box count per mark sent. A mark past
    /// ``PageRenderer/maxMarks`` or longer than ``PageRenderer/maxMarkLength`` is not sent; its
    /// count is 0.
    public func renderPage(
        _ source: PageSource, page: Int, scale: Double, marks: [PageMark], testHook: WorkerTestHook? = nil
    ) throws(ExtractionError) -> PageImage {
        let sent = Self.sendable(marks)
        let request = WorkerRequest(
            path: "", limits: limits, testHook: testHook, render: RenderJob(page: page, scale: scale, marks: sent))
        let (drawn, deadline) = try exchangeRender(request, source: source)
        guard isPlausible(drawn, page: page, marks: sent.count), let worker = child else {
            _ = reap(force: true)
            throw .workerAnswerRejected(.notThePageAskedFor)
        }
        let png = try awaitFrame(from: worker, limit: drawn.pngBytes, before: deadline)
        guard png.count == drawn.pngBytes, let size = ImageHeader.pngSize(of: png),
            size == (drawn.width, drawn.height)
        else {
            _ = reap(force: true)
            throw .workerAnswerRejected(.notThePageAskedFor)
        }
        return PageImage(
            page: drawn.page, pageCount: drawn.pageCount, width: drawn.width, height: drawn.height, png: png,
            boxCounts: drawn.boxCounts + Array(repeating: 0, count: marks.count - sent.count))
    }

    /// The copy of an identity document a vault may keep: `pages` (1-based, at most
    /// ``IdentityCopy/maxPages``) read as OCR reads them, with each mark's value blacked out
    /// and, when `blackOutPictures`, the pictures (the holder's photo), as one grey PNG.
    /// ``IdentityCopy/pictures`` counts the pages on which a picture was blacked out.
    public func drawIdentityCopy(_ source: PageSource, pages: [Int], marks: [PageMark], blackOutPictures: Bool)
        throws(ExtractionError) -> IdentityCopy
    {
        guard let first = pages.first, pages.count <= IdentityCopy.maxPages, pages.allSatisfy({ $0 >= 1 }),
            Set(pages).count == pages.count
        else {
            throw .noSuchPage(page: 0, pages: 0)
        }
        let sent = Self.sendable(marks)
        let request = WorkerRequest(
            path: "", limits: limits,
            render: RenderJob(
                page: first, scale: 1, marks: sent,
                identityCopy: IdentityCopyJob(pages: pages, blackOutPictures: blackOutPictures)))
        let (drawn, deadline) = try exchangeRender(request, source: source)
        let widths = 1...IdentityCopyRenderer.maxWidth
        let heights = 1...(IdentityCopyRenderer.maxWidth * 2 * pages.count)
        guard drawn.page == first, drawn.pageCount == pages.count, widths.contains(drawn.width),
            heights.contains(drawn.height), drawn.boxCounts.count == sent.count + 1,
            drawn.boxCounts.allSatisfy({ $0 >= 0 }), (0...pages.count).contains(drawn.boxCounts.last ?? -1),
            (8...PageImage.maxPNGBytes(width: drawn.width, height: drawn.height)).contains(drawn.pngBytes),
            let worker = child
        else {
            _ = reap(force: true)
            throw .workerAnswerRejected(.notThePageAskedFor)
        }
        let png = try awaitFrame(from: worker, limit: drawn.pngBytes, before: deadline)
        guard png.count == drawn.pngBytes, let size = ImageHeader.pngSize(of: png), size == (drawn.width, drawn.height)
        else {
            _ = reap(force: true)
            throw .workerAnswerRejected(.notThePageAskedFor)
        }
        let counts = Array(drawn.boxCounts.dropLast()) + Array(repeating: 0, count: marks.count - sent.count)
        return IdentityCopy(
            png: png, width: drawn.width, height: drawn.height, counts: counts, pictures: drawn.boxCounts.last ?? 0)
    }

    /// The marks as sent: at most ``PageRenderer/maxMarks``, a value longer than
    /// ``PageRenderer/maxMarkLength`` sent empty (its count comes back 0).
    private static func sendable(_ marks: [PageMark]) -> [PageMark] {
        marks.prefix(PageRenderer.maxMarks).map { mark in
            mark.text.unicodeScalars.count <= PageRenderer.maxMarkLength
                ? mark : PageMark(text: "", category: mark.category)
        }
    }

    /// Sends a render request for the file at `source` (a path the worker reads, or bytes through
    /// the pipe under `max_file_size`) and takes its answer's page numbers; the PNG follows.
    private func exchangeRender(_ request: WorkerRequest, source: PageSource) throws(ExtractionError)
        -> (RenderedPage, deadline: Double)
    {
        var request = request
        var attachment: [UInt8]?
        switch source {
        case .path(let path):
            request.path = path
        case .bytes(let bytes):
            guard !bytes.isEmpty else { throw .emptyFile }
            guard bytes.count <= limits.maxFileBytes else {
                throw .fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
            }
            request.attachedBytes = bytes.count
            attachment = bytes
        }
        let (response, deadline) = try exchange(
            request, attachment: attachment, answerLimit: WorkerFraming.maxRenderAnswerBytes)
        guard let drawn = response.page else {
            if response.document == nil, let error = response.error { throw error }
            _ = reap(force: true)
            throw .workerAnswerRejected(.notThePageAskedFor)
        }
        return (drawn, deadline)
    }

    /// What an honest worker answers for page `page` with `marks` marks.
    private func isPlausible(_ drawn: RenderedPage, page: Int, marks: Int) -> Bool {
        let sides = 1...PageRenderer.maxLongSide
        return drawn.page == page && (page...limits.maxPages).contains(drawn.pageCount)
            && sides.contains(drawn.width) && sides.contains(drawn.height)
            && drawn.boxCounts.count == marks && drawn.boxCounts.allSatisfy { $0 >= 0 }
            && (8...PageImage.maxPNGBytes(width: drawn.width, height: drawn.height)).contains(drawn.pngBytes)
    }
}

/// The copy of an identity document a vault may keep (``WorkerProcess/drawIdentityCopy(_:pages:marks:blackOutPictures:)``):
/// a grey PNG of its pages, with how often each mark's value and how many pictures were blacked out.
public struct IdentityCopy: Sendable, Equatable {
    /// Most pages one copy holds.
    public static let maxPages = IdentityCopyRenderer.maxPages

    public var png: [UInt8]
    public var width: Int
    public var height: Int
    public var counts: [Int]
    public var pictures: Int
}
