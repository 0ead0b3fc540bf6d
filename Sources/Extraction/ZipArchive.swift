import CLibZip

/// Owner of one libzip archive opened read-only over bytes in memory.
///
/// Wraps `zip_source_buffer_create` + `zip_open_from_source`
/// (https://libzip.org/documentation/zip_open_from_source.html). No handle escapes
/// ``withArchive(bytes:_:)``; every read goes through ``read(_:cap:ratioLimit:chunk:)``, which
/// applies the caps before and while inflating.
final class ZipArchive {
    private let handle: OpaquePointer

    private init(handle: OpaquePointer) { self.handle = handle }

    deinit { zip_discard(handle) }

    /// Why an archive or entry could not be read, in libzip's terms (`ZIP_ER_*`) turned into words.
    /// An entry is named by its index, never by its name (the author chose the name).
    enum Failure: Error {
        /// `zip_open_from_source` failed with this `ZIP_ER_*` code.
        case notAZip(code: Int32)
        /// The header declared more than the cap (`inflated` is 0: nothing was inflated), or the
        /// read inflated `inflated` bytes, past the cap or the declared size, and stopped there.
        case overCap(index: Int, declared: UInt64?, inflated: Int)
        /// The declared sizes give an uncompressed/compressed ratio above the limit.
        case ratio(index: Int, ratio: Int)
        /// `zip_stat_index`, `zip_fopen_index` or `zip_fread` failed (CRC error, bad deflate data:
        /// `ZIP_ER_CRC`, `ZIP_ER_ZLIB`); -1 when libzip gave no code.
        case readFailed(index: Int, code: Int32)
    }

    /// Opens `bytes` as a zip for the duration of `body`. `bytes` must stay valid during the call,
    /// which the caller's own `withUnsafeBytes` scope guarantees.
    static func withArchive<Result>(
        bytes: UnsafeRawBufferPointer, _ body: (ZipArchive) throws -> Result
    ) throws -> Result {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // > The source is not freed by zip_source_buffer_create when freep is 0; zip_open_from_source
        // > takes ownership of the source on success only.
        guard let source = zip_source_buffer_create(bytes.baseAddress, zip_uint64_t(bytes.count), 0, &error) else {
            throw Failure.notAZip(code: zip_error_code_zip(&error))
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            throw Failure.notAZip(code: zip_error_code_zip(&error))
        }
        return try body(ZipArchive(handle: archive))
    }

    /// Every entry name, in central-directory order (`zip_get_num_entries`, `zip_get_name`).
    var entryNames: [String] {
        let count = zip_get_num_entries(handle, 0)
        guard count > 0 else { return [] }
        return (0..<count).compactMap { index in
            zip_get_name(handle, zip_uint64_t(index), 0).map { String(cString: $0) }
        }
    }

    /// Whether an entry with exactly this name exists (`zip_name_locate`).
    func contains(_ name: String) -> Bool { zip_name_locate(handle, name, 0) >= 0 }

    /// The entry's index in the central directory (`zip_name_locate`): how errors name a part.
    func index(of name: String) -> Int? {
        let index = zip_name_locate(handle, name, 0)
        return index >= 0 ? Int(index) : nil
    }

    /// Streams entry `name` to `chunk` in pieces of at most 64 KiB, and returns the bytes read, or
    /// `nil` if there is no such entry.
    ///
    /// The declared size is checked before inflating (`zip_stat_index`), and the running total is
    /// checked while inflating, since a header can lie. Throws ``Failure/overCap(index:declared:inflated:)``
    /// when the declared size exceeds `cap`, or the running total exceeds `cap` or the declared size.
    @discardableResult
    func read(
        _ name: String, cap: Int, ratioLimit: Int, chunk: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int? {
        guard let index = index(of: name) else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat_index(handle, zip_uint64_t(index), 0, &stat) == 0 else {
            throw Failure.readFailed(index: index, code: -1)
        }
        let declared = cvsieve_zip_stat_has_size(&stat) != 0 ? stat.size : nil
        if let declared {
            if declared > UInt64(cap) { throw Failure.overCap(index: index, declared: declared, inflated: 0) }
            if cvsieve_zip_stat_has_comp_size(&stat) != 0, declared > 256 << 10 {
                let ratio = declared / max(stat.comp_size, 1)
                if ratio > UInt64(ratioLimit) { throw Failure.ratio(index: index, ratio: Int(ratio)) }
            }
        }
        guard let file = zip_fopen_index(handle, zip_uint64_t(index), 0) else {
            throw Failure.readFailed(index: index, code: zip_error_code_zip(zip_get_error(handle)))
        }
        defer { zip_fclose(file) }
        let bufferSize = 16 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = zip_fread(file, buffer.baseAddress, zip_uint64_t(bufferSize))
            if count < 0 { throw Failure.readFailed(index: index, code: zip_error_code_zip(zip_file_get_error(file))) }
            if count == 0 { break }
            total += Int(count)
            // A header that under-declares is a lie libzip would report only at the end of the
            // stream (ZIP_ER_INCONS): stop at the lie, long before the cap.
            if total > cap || declared.map({ UInt64(total) > $0 }) == true {
                throw Failure.overCap(index: index, declared: declared, inflated: total)
            }
            try chunk(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]))
        }
        return total
    }
}

@available(*, unavailable)
extension ZipArchive: Sendable {}
