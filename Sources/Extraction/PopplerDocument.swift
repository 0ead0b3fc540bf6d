import CPoppler

/// Owner of one `PopplerDocument` (a GObject), opened from bytes and released with
/// `g_object_unref`. Non-Sendable on purpose: poppler documents are not thread-safe.
final class PopplerDocument {
    private let handle: OpaquePointer

    /// Opens `bytes` (copied into a `GBytes`, so the document does not depend on the caller's buffer).
    ///
    /// > `poppler_document_new_from_bytes`: returns a new PopplerDocument, or NULL with `error`
    /// > set (domain `POPPLER_ERROR`, code `POPPLER_ERROR_ENCRYPTED` when a password is needed).
    init(bytes: UnsafeRawBufferPointer, fileName: String) throws(ExtractionError) {
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
            if isEncrypted { throw .encrypted(file: fileName) }
            throw .corruptPDF(file: fileName, reason: "poppler cannot open it (no readable document structure)")
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

    /// Embedded files, each read through `poppler_attachment_save_to_callback` into a buffer
    /// that stops at `cap` bytes.
    func attachments(cap: Int) -> [Attachment] {
        guard poppler_document_has_attachments(handle) != 0 else { return [] }
        guard let list = poppler_document_get_attachments(handle) else { return [] }
        defer {
            g_list_free_full(list) { cvsieve_g_object_unref($0) }
        }
        var result: [Attachment] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
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

/// Owner of one `PopplerPage` GObject.
final class PopplerPage {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { cvsieve_g_object_unref(UnsafeMutableRawPointer(handle)) }

    /// The page's text in reading order, line by line (`poppler_page_get_text`), with two-column
    /// pages re-read column by column (``ColumnLayout``) from `poppler_page_get_text_layout`.
    var text: String {
        let text = takeString(poppler_page_get_text(handle)) ?? ""
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles else { return text }
        defer { g_free(rectangles) }
        // > One rectangle per character of poppler_page_get_text's result, line breaks included.
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == Int(count) else { return text }
        var glyphs: [ColumnLayout.Glyph] = []
        glyphs.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let box = rectangles[index]
            glyphs.append(ColumnLayout.Glyph(scalar: scalar, x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2))
        }
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return ColumnLayout.reorder(glyphs, pageWidth: width) ?? ColumnLayout.separatingGluedRuns(glyphs)
    }

    /// Images on the page, with their size on the page in points (`poppler_page_get_image_mapping`).
    var imageSizes: [(width: Int, height: Int)] {
        guard let list = poppler_page_get_image_mapping(handle) else { return [] }
        defer { poppler_page_free_image_mapping(list) }
        return elements(of: list, as: PopplerImageMapping.self).map {
            (Int(($0.area.x2 - $0.area.x1).rounded()), Int(($0.area.y2 - $0.area.y1).rounded()))
        }
    }

    /// URI targets of the page's links (`mailto:` stripped): contact details behind icons.
    var linkTargets: [String] {
        guard let list = poppler_page_get_link_mapping(handle) else { return [] }
        defer { poppler_page_free_link_mapping(list) }
        return elements(of: list, as: PopplerLinkMapping.self).compactMap { mapping in
            guard let uri = cvsieve_action_uri(mapping.action) else { return nil }
            let target = String(cString: uri)
            let text = target.lowercased().hasPrefix("mailto:") ? String(target.dropFirst(7)) : target
            return text.isEmpty ? nil : text
        }
    }

    /// Filled-in values of the page's form fields: text fields and selected choices.
    var formValues: [(name: String?, value: String)] {
        guard let list = poppler_page_get_form_field_mapping(handle) else { return [] }
        defer { poppler_page_free_form_field_mapping(list) }
        return elements(of: list, as: PopplerFormFieldMapping.self).flatMap { mapping -> [(String?, String)] in
            guard let field = mapping.field else { return [] }
            let name = takeString(poppler_form_field_get_partial_name(field))
            var values: [String] = []
            switch poppler_form_field_get_field_type(field) {
            case POPPLER_FORM_FIELD_TEXT:
                if let text = takeString(poppler_form_field_text_get_text(field)) { values.append(text) }
            case POPPLER_FORM_FIELD_CHOICE:
                let count = poppler_form_field_choice_get_n_items(field)
                for item in 0..<max(count, 0) where poppler_form_field_choice_is_item_selected(field, item) != 0 {
                    if let text = takeString(poppler_form_field_choice_get_item(field, item)) { values.append(text) }
                }
                if let text = takeString(poppler_form_field_choice_get_text(field)) { values.append(text) }
            default:
                break
            }
            return values.filter { $0.contains { !$0.isWhitespace } }.map { (name, $0) }
        }
    }

    /// Contents of annotations (sticky notes, free text), skipping links and form widgets.
    var annotationContents: [String] {
        guard let list = poppler_page_get_annot_mapping(handle) else { return [] }
        defer { poppler_page_free_annot_mapping(list) }
        return elements(of: list, as: PopplerAnnotMapping.self).compactMap { mapping in
            guard let annot = mapping.annot else { return nil }
            let type = poppler_annot_get_annot_type(annot)
            guard type != POPPLER_ANNOT_LINK, type != POPPLER_ANNOT_WIDGET else { return nil }
            guard let contents = takeString(poppler_annot_get_contents(annot)),
                contents.contains(where: { !$0.isWhitespace })
            else { return nil }
            return contents
        }
    }
}

@available(*, unavailable)
extension PopplerDocument: Sendable {}

@available(*, unavailable)
extension PopplerPage: Sendable {}

/// Takes ownership of a `gchar *` returned by poppler: copies it into a Swift string and `g_free`s it.
private func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    return String(cString: pointer)
}

/// The elements of a `GList` whose data are pointers to `Element` structs.
private func elements<Element>(of list: UnsafeMutablePointer<GList>, as: Element.Type) -> [Element] {
    var result: [Element] = []
    var node: UnsafeMutablePointer<GList>? = list
    while let current = node {
        if let data = current.pointee.data { result.append(data.assumingMemoryBound(to: Element.self).pointee) }
        node = current.pointee.next
    }
    return result
}

/// poppler-glib rebuilds its global state whenever the last open document is freed; keeping one
/// tiny document open for the life of the process takes about 30% off opening each CV.
final class PopplerKeepAlive: @unchecked Sendable {
    // @unchecked: the handle is written once in `init` and never read again; it only has to live.
    private let handle: OpaquePointer?

    static let shared = PopplerKeepAlive()

    private init() {
        let pdf = Array(PopplerKeepAlive.minimalPDF.utf8)
        handle = pdf.withUnsafeBytes { bytes in
            let gbytes = g_bytes_new(bytes.baseAddress, gsize(bytes.count))
            defer { g_bytes_unref(gbytes) }
            return poppler_document_new_from_bytes(gbytes, nil, nil)
        }
    }

    /// Forces the shared instance into existence.
    func touch() {}

    private static let minimalPDF = """
        %PDF-1.4
        1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
        2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
        3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj
        trailer<</Root 1 0 R>>
        %%EOF
        """
}
