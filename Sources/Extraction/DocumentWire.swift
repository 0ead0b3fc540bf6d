public import CVModel

/// The binary form of a worker's answer with a document: what crosses the pipe for nearly every
/// file. JSON cost about as much as extracting a DOCX (encoding in the worker, decoding in the
/// parent: 0.3–0.45 ms of a 1–1.2 ms file); this form is a length-prefixed copy of the values.
///
/// A frame in this form starts with ``magic`` and ``version``; a JSON answer starts with `{`, so
/// the parent tells them apart by the first byte. A worker only answers in this form when the
/// request asks (``WorkerRequest/binaryAnswer``), and only for a document: errors, page images
/// and the sandbox probe stay JSON. The parent reads it as it reads anything from a worker, as
/// hostile: every length is checked against what is left, every count against the bytes it
/// would need, every string must be valid UTF-8, every code must be known, and nothing may
/// follow the document.
public enum DocumentWire {
    /// Not `{`, `[`, or anything else a JSON text starts with.
    public static let magic: UInt8 = 0xC5
    public static let version: UInt8 = 1

    /// Why a frame in this form was refused. It never holds any of the frame's bytes.
    public enum Malformed: Error, Equatable {
        case notThisForm
        case unknownVersion(UInt8)
        /// The frame ends in the middle of a value.
        case truncated
        /// A varint longer than 64 bits, a count the remaining bytes cannot hold, or a number that
        /// is not finite.
        case badNumber
        case invalidUTF8
        case unknownCode(UInt8)
        /// Bytes follow the document.
        case trailingBytes
        /// More blocks, images, attachments or layout lines than the parent takes.
        case overCap
    }

    // MARK: - Encoding

    /// The answer frame's payload (without the 4-byte length header).
    public static func encode(_ document: Document, sandbox: WorkerSandbox) -> [UInt8] {
        var writer = Writer()
        writer.bytes.reserveCapacity(256 + document.blocks.reduce(0) { $0 + $1.text.utf8.count + 16 })
        writer.byte(magic)
        writer.byte(version)
        writer.sandbox(sandbox)
        writer.string(document.fileName)
        writer.byte(formatCode(document.format))
        writer.string(document.sha256)
        writer.integer(document.byteCount)
        writer.optional(document.pageCount) { $0.integer($1) }
        writer.count(document.blocks.count)
        for block in document.blocks { writer.block(block) }
        writer.count(document.images.count)
        for image in document.images {
            writer.optional(image.page) { $0.integer($1) }
            writer.integer(image.width)
            writer.integer(image.height)
            writer.optional(image.part) { $0.string($1) }
        }
        writer.count(document.attachments.count)
        for attachment in document.attachments {
            writer.string(attachment.name)
            writer.integer(attachment.size)
            writer.byte(attachment.isRead ? 1 : 0)
        }
        return writer.bytes
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        /// LEB128: seven bits a byte, low bits first.
        mutating func unsigned(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        /// Zigzag, so that a small negative number stays short.
        mutating func integer(_ value: Int) {
            let wide = Int64(value)
            unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
        }

        mutating func count(_ value: Int) { unsigned(UInt64(value)) }

        mutating func double(_ value: Double) {
            let pattern = value.bitPattern
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: pattern >> shift)) }
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional<Value>(_ value: Value?, _ write: (inout Writer, Value) -> Void) {
            guard let value else { return byte(0) }
            byte(1)
            write(&self, value)
        }

        mutating func sandbox(_ sandbox: WorkerSandbox) {
            byte(sandbox.hasNoNewPrivileges ? 1 : 0)
            switch sandbox.filter {
            case .installed: byte(0)
            case .unsupportedArchitecture: byte(1)
            case .refused(let errno):
                byte(2)
                integer(Int(errno))
            }
        }

        mutating func block(_ block: TextBlock) {
            string(block.text)
            byte(DocumentWire.sourceCode(block.source))
            optional(block.page) { $0.integer($1) }
            optional(block.label) { $0.string($1) }
            byte((block.isDeleted ? 1 : 0) | (block.isLowConfidence ? 2 : 0))
            optional(block.confidence) { $0.double($1) }
            optional(block.layout) { writer, layout in
                writer.count(layout.count)
                for line in layout { writer.line(line) }
            }
        }

        /// One flags byte says which of the optional numbers follow.
        mutating func line(_ line: LineLayout) {
            var flags: UInt8 = 0
            if line.isBold { flags |= 1 }
            if line.isCapitals { flags |= 2 }
            if line.size != nil { flags |= 4 }
            if line.headingLevel != nil { flags |= 8 }
            if line.x != nil { flags |= 16 }
            if line.y != nil { flags |= 32 }
            if line.gapAbove != nil { flags |= 64 }
            byte(flags)
            if let size = line.size { double(size) }
            if let level = line.headingLevel { integer(level) }
            if let x = line.x { double(x) }
            if let y = line.y { double(y) }
            if let gap = line.gapAbove { double(gap) }
        }
    }

    // MARK: - Decoding

    /// Reads an answer frame in this form: the document and the worker's sandbox report.
    ///
    /// `maxBlocks`, `maxImages` and `maxAttachments` bound the counts before anything is made of
    /// them (a block costs the frame a few bytes and the parent a hundred), and a block may have
    /// no more layout lines than its text has lines.
    public static func decode(
        _ bytes: [UInt8], maxBlocks: Int = .max, maxImages: Int = .max, maxAttachments: Int = .max
    ) throws(Malformed) -> (Document, WorkerSandbox) {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(Malformed) in
                var reader = Reader(bytes: raw)
                return try decode(&reader, caps: (maxBlocks, maxImages, maxAttachments))
            }
        }.get()
    }

    private static func decode(_ reader: inout Reader, caps: (blocks: Int, images: Int, attachments: Int))
        throws(Malformed) -> (Document, WorkerSandbox)
    {
        guard try reader.byte() == magic else { throw .notThisForm }
        let version = try reader.byte()
        guard version == Self.version else { throw .unknownVersion(version) }
        let sandbox = try reader.sandbox()
        let fileName = try reader.string()
        let format = try format(reader.byte())
        let sha256 = try reader.string()
        let byteCount = try reader.integer()
        let pageCount = try reader.optional { reader throws(Malformed) in try reader.integer() }
        var blocks: [TextBlock] = []
        for _ in 0..<(try reader.count(leastBytesEach: 4, atMost: caps.blocks)) { blocks.append(try reader.block()) }
        var images: [EmbeddedImage] = []
        for _ in 0..<(try reader.count(leastBytesEach: 4, atMost: caps.images)) {
            let page = try reader.optional { reader throws(Malformed) in try reader.integer() }
            let width = try reader.integer()
            let height = try reader.integer()
            let part = try reader.optional { reader throws(Malformed) in try reader.string() }
            images.append(EmbeddedImage(page: page, width: width, height: height, part: part))
        }
        var attachments: [AttachmentInfo] = []
        for _ in 0..<(try reader.count(leastBytesEach: 3, atMost: caps.attachments)) {
            let name = try reader.string()
            let size = try reader.integer()
            let isRead = try reader.flag()
            attachments.append(AttachmentInfo(name: name, size: size, isRead: isRead))
        }
        guard reader.isAtEnd else { throw .trailingBytes }
        let document = Document(
            fileName: fileName, format: format, sha256: sha256, byteCount: byteCount, pageCount: pageCount,
            blocks: blocks, images: images, attachments: attachments)
        return (document, sandbox)
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var isAtEnd: Bool { offset == bytes.count }
        var remaining: Int { bytes.count - offset }

        mutating func byte() throws(Malformed) -> UInt8 {
            guard offset < bytes.count else { throw .truncated }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func flag() throws(Malformed) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            case let code: throw .unknownCode(code)
            }
        }

        mutating func unsigned() throws(Malformed) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64, shift < 63 || next <= 1 else { throw .badNumber }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        mutating func integer() throws(Malformed) -> Int {
            let zigzag = try unsigned()
            return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
        }

        /// A count of items each taking at least `leastBytesEach` bytes: never more than the rest
        /// of the frame can hold, so a lying count cannot make the parent allocate.
        mutating func count(leastBytesEach: Int, atMost cap: Int = .max) throws(Malformed) -> Int {
            let value = try unsigned()
            guard value <= UInt64(remaining / max(1, leastBytesEach)) else { throw .badNumber }
            guard value <= UInt64(max(0, cap)) else { throw .overCap }
            return Int(value)
        }

        mutating func double() throws(Malformed) -> Double {
            guard remaining >= 8 else { throw .truncated }
            var pattern: UInt64 = 0
            for index in 0..<8 { pattern |= UInt64(bytes[offset + index]) << (8 * index) }
            offset += 8
            // NaN and the infinities: no extractor gives them, and a conversion to Int traps on them.
            let value = Double(bitPattern: pattern)
            guard value.isFinite else { throw .badNumber }
            return value
        }

        mutating func string() throws(Malformed) -> String {
            let length = try count(leastBytesEach: 1)
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
            offset += length
            guard let value = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
                throw .invalidUTF8
            }
            return value
        }

        mutating func optional<Value>(_ read: (inout Reader) throws(Malformed) -> Value) throws(Malformed) -> Value? {
            try flag() ? try read(&self) : nil
        }

        mutating func sandbox() throws(Malformed) -> WorkerSandbox {
            let hasNoNewPrivileges = try flag()
            let filter: WorkerSandbox.Filter
            switch try byte() {
            case 0: filter = .installed
            case 1: filter = .unsupportedArchitecture
            case 2:
                guard let errno = Int32(exactly: try integer()) else { throw .badNumber }
                filter = .refused(errno: errno)
            case let code: throw .unknownCode(code)
            }
            return WorkerSandbox(hasNoNewPrivileges: hasNoNewPrivileges, filter: filter)
        }

        mutating func block() throws(Malformed) -> TextBlock {
            let text = try string()
            let source = try DocumentWire.source(byte())
            let page = try optional { reader throws(Malformed) in try reader.integer() }
            let label = try optional { reader throws(Malformed) in try reader.string() }
            let flags = try byte()
            guard flags & ~3 == 0 else { throw .unknownCode(flags) }
            let confidence = try optional { reader throws(Malformed) in try reader.double() }
            // At most one layout line per line of the text (detection ignores any other count).
            let textLines = TextBlock.lineCount(of: text)
            let layout = try optional { reader throws(Malformed) -> [LineLayout] in
                var lines: [LineLayout] = []
                for _ in 0..<(try reader.count(leastBytesEach: 1, atMost: textLines)) {
                    lines.append(try reader.line())
                }
                return lines
            }
            return TextBlock(
                text: text, source: source, page: page, label: label, isDeleted: flags & 1 != 0, layout: layout,
                confidence: confidence, isLowConfidence: flags & 2 != 0)
        }

        mutating func line() throws(Malformed) -> LineLayout {
            let flags = try byte()
            guard flags & 0x80 == 0 else { throw .unknownCode(flags) }
            var line = LineLayout(isBold: flags & 1 != 0, isCapitals: flags & 2 != 0)
            if flags & 4 != 0 { line.size = try double() }
            if flags & 8 != 0 { line.headingLevel = try integer() }
            if flags & 16 != 0 { line.x = try double() }
            if flags & 32 != 0 { line.y = try double() }
            if flags & 64 != 0 { line.gapAbove = try double() }
            return line
        }
    }

    // MARK: - Codes

    /// Fixed codes, not `allCases` positions: a new case gets a new code, an old code keeps its meaning.
    static func formatCode(_ format: DocumentFormat) -> UInt8 {
        switch format {
        case .pdf: 0
        case .docx: 1
        case .image: 2
        }
    }

    static func format(_ code: UInt8) throws(Malformed) -> DocumentFormat {
        switch code {
        case 0: .pdf
        case 1: .docx
        case 2: .image
        default: throw .unknownCode(code)
        }
    }

    static func sourceCode(_ source: TextSource) -> UInt8 {
        switch source {
        case .body: 0
        case .header: 1
        case .footer: 2
        case .table: 3
        case .textbox: 4
        case .footnote: 5
        case .comment: 6
        case .metadata: 7
        case .link: 8
        case .form: 9
        case .annotation: 10
        case .attachment: 11
        case .filename: 12
        case .ocr: 13
        }
    }

    /// Every source at the index of its code (the codes run from 0 without a gap: a test checks).
    static let sourcesByCode = TextSource.allCases.sorted { sourceCode($0) < sourceCode($1) }

    static func source(_ code: UInt8) throws(Malformed) -> TextSource {
        guard Int(code) < sourcesByCode.count else { throw .unknownCode(code) }
        return sourcesByCode[Int(code)]
    }
}
