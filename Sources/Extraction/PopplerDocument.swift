import CPoppler

/// Owner of one `PopplerDocument` (a GObject), opened from bytes and released with
/// `g_object_unref`. Non-Sendable on purpose: poppler documents are not thread-safe.
final class PopplerDocument {
    private let handle: OpaquePointer

    /// Opens `bytes` (copied into a `GBytes`, so the document does not depend on the caller's buffer).
    ///
    /// > `poppler_document_new_from_bytes`: returns a new PopplerDocument, or NULL with `error`
    /// > set (domain `POPPLER_ERROR`, code `POPPLER_ERROR_ENCRYPTED` when a password is needed).
    init(bytes: UnsafeRawBufferPointer) throws(ExtractionError) {
        let gbytes = g_bytes_new(bytes.baseAddress, gsize(bytes.count))
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            let isEncrypted =
                error.map {
                    $0.pointee.domain == cvsieve_poppler_error_quark()
                        && $0.pointee.code == cvsieve_poppler_error_encrypted()
                } ?? false
            if let error { g_error_free(error) }
            // poppler's own message can quote the file's bytes, so only the code is used.
            if isEncrypted { throw .encrypted }
            throw .corruptPDF(.noDocumentStructure)
        }
        handle = document
    }

    deinit { cvsieve_g_object_unref(UnsafeMutableRawPointer(handle)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    /// The page with this 1-based number (`poppler_document_get_page` is 0-based).
    func page(_ number: Int) -> PopplerPage? {
        poppler_document_get_page(handle, Int32(number - 1)).map(PopplerPage.init)
    }

    /// Title, author, subject, keywords, creator and producer, where set.
    var metadata: [(key: String, value: String)] {
        let getters: [(String, (OpaquePointer) -> UnsafeMutablePointer<gchar>?)] = [
            ("title", poppler_document_get_title), ("author", poppler_document_get_author),
            ("subject", poppler_document_get_subject), ("keywords", poppler_document_get_keywords),
            ("creator", poppler_document_get_creator), ("producer", poppler_document_get_producer),
        ]
        return getters.compactMap { key, getter in
            guard let value = takeString(getter(handle)), !value.isEmpty else { return nil }
            return (key, value)
        }
    }

    struct Attachment {
        var name: String
        var size: Int
        /// The contents, or `nil` when larger than the cap (listed, not read).
        var bytes: [UInt8]?
    }

    /// The first `count` embedded files, each read through `poppler_attachment_save_to_callback`
    /// into a buffer that stops at `cap` bytes.
    func attachments(cap: Int, count: Int) -> [Attachment] {
        guard poppler_document_has_attachments(handle) != 0 else { return [] }
        guard let list = poppler_document_get_attachments(handle) else { return [] }
        defer {
            g_list_free_full(list) { cvsieve_g_object_unref($0) }
        }
        var result: [Attachment] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node, result.count < count {
            defer { node = current.pointee.next }
            guard let data = current.pointee.data else { continue }
            let attachment = data.assumingMemoryBound(to: PopplerAttachment.self)
            let name = poppler_attachment_get_name(attachment).map { String(cString: $0) } ?? "attachment"
            // poppler reports (gsize)-1 when the embedded file does not declare its size.
            let declaredSize = poppler_attachment_get_size(attachment)
            let sink = CappedSink(cap: cap)
            let context = Unmanaged.passUnretained(sink).toOpaque()
            var error: UnsafeMutablePointer<GError>?
            let saved = poppler_attachment_save_to_callback(
                attachment,
                { buffer, count, context, error in
                    guard let context else { return 0 }
                    let sink = Unmanaged<CappedSink>.fromOpaque(context).takeUnretainedValue()
                    guard sink.bytes.count + Int(count) <= sink.cap else {
                        sink.isOverCap = true
                        g_set_error_literal(error, g_quark_from_static_string("cvsieve"), 1, "over cap")
                        return 0
                    }
                    if let buffer {
                        sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: Int(count)))
                    }
                    return 1
                }, context, &error)
            if let error { g_error_free(error) }
            let isRead = saved != 0 && !sink.isOverCap
            let size = isRead ? sink.bytes.count : declaredSize > UInt64(Int.max) ? -1 : Int(declaredSize)
            result.append(Attachment(name: name, size: size, bytes: isRead ? sink.bytes : nil))
        }
        return result
    }

    private final class CappedSink {
        let cap: Int
        var bytes: [UInt8] = []
        var isOverCap = false
        init(cap: Int) { self.cap = cap }
    }
}

@available(*, unavailable)
extension PopplerDocument: Sendable {}

/// Takes ownership of a `gchar *` returned by poppler: copies it into a Swift string and `g_free`s it.
func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    return String(cString: pointer)
}

/// The elements of a `GList` whose data are pointers to `Element` structs.
func elements<Element>(of list: UnsafeMutablePointer<GList>, as: Element.Type) -> [Element] {
    var result: [Element] = []
    var node: UnsafeMutablePointer<GList>? = list
    while let current = node {
        if let data = current.pointee.data { result.append(data.assumingMemoryBound(to: Element.self).pointee) }
        node = current.pointee.next
    }
    return result
}
