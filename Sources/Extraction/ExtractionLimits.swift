/// The limits every untrusted file is parsed under. Each has a name in pipeline.yml
/// (`extraction.max_file_size`, …) that errors quote so an operator knows what to raise.
public struct ExtractionLimits: Codable, Sendable, Hashable {
    /// Largest file accepted, in bytes (`extraction.max_file_size`).
    public var maxFileBytes: Int
    /// Most PDF pages read (`extraction.max_pages`).
    public var maxPages: Int
    /// Largest uncompressed size of one DOCX part or PDF attachment (`extraction.max_part_size`).
    public var maxPartBytes: Int
    /// Largest total uncompressed size of all DOCX parts read (`extraction.max_unpacked`).
    public var maxUnpackedBytes: Int
    /// Largest uncompressed/compressed ratio of a DOCX part over 256 KiB (`extraction.max_ratio`).
    /// Word's XML compresses 5–20×; a zip bomb a thousand times or more.
    public var maxCompressionRatio: Int
    /// Wall-clock seconds a worker process may spend on one file (`extraction.timeout`).
    public var timeoutSeconds: Double
    /// Address-space limit of a worker process in MiB (`extraction.worker_memory`).
    public var workerMemoryMiB: Int
    /// Most characters of text one file may yield (`extraction.max_text`): a 300-page CV has
    /// about a million; more is a generated or hostile file, and would slow detection down.
    /// Labels (metadata keys, form-field names), attachment names and image part names count
    /// too: they are text from the file as well, and they travel back from the worker with it.
    public var maxTextCharacters: Int
    /// Most text blocks one file may yield (`extraction.max_blocks`): a CV has a few hundred
    /// paragraphs, table rows and fields. A file of 200,000 one-letter paragraphs is within
    /// `max_text` but would make a worker's answer, and detection, needlessly large.
    public var maxBlocks: Int
    /// Most pixels a page may have at the OCR resolution (300 dpi) before it is read
    /// (`extraction.ocr_max_pixels`): A4 is 8.7 million, A3 17.4 million. A page that claims to
    /// be a poster would take gigabytes to draw and minutes to read.
    public var ocrMaxPixels: Int
    /// Most pages of one file read by OCR (`extraction.ocr_max_pages`): a scanned CV has a few;
    /// each costs seconds of a worker's time.
    public var ocrMaxPages: Int
    /// Seconds Tesseract may spend recognising one page (`extraction.ocr_page_timeout`). The whole
    /// file stays within `extraction.timeout` as well.
    public var ocrPageTimeoutSeconds: Double
    /// Mean word confidence (0–100) below which an OCR page is flagged for review
    /// (`extraction.ocr_min_confidence`).
    public var ocrMinConfidence: Double

    /// Most images a document lists (a photo and a logo or two are what matter); more are dropped.
    public static let maxImages = 256
    /// Most embedded files a document lists and reads; more are dropped.
    public static let maxAttachments = 64

    public init(
        maxFileBytes: Int = 50 << 20, maxPages: Int = 100, maxPartBytes: Int = 8 << 20,
        maxUnpackedBytes: Int = 64 << 20, maxCompressionRatio: Int = 200, timeoutSeconds: Double = 60,
        workerMemoryMiB: Int = 1024, maxTextCharacters: Int = 1_000_000, maxBlocks: Int = 20_000,
        ocrMaxPixels: Int = 20_000_000, ocrMaxPages: Int = 10, ocrPageTimeoutSeconds: Double = 10,
        ocrMinConfidence: Double = 60
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxPages = maxPages
        self.maxPartBytes = maxPartBytes
        self.maxUnpackedBytes = maxUnpackedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.timeoutSeconds = timeoutSeconds
        self.workerMemoryMiB = workerMemoryMiB
        self.maxTextCharacters = maxTextCharacters
        self.maxBlocks = maxBlocks
        self.ocrMaxPixels = ocrMaxPixels
        self.ocrMaxPages = ocrMaxPages
        self.ocrPageTimeoutSeconds = ocrPageTimeoutSeconds
        self.ocrMinConfidence = ocrMinConfidence
    }

    public static let `default` = ExtractionLimits()
}
