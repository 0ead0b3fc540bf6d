import CPoppler

/// Owner of one `PopplerPage` GObject.
final class PopplerPage {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { cvsieve_g_object_unref(UnsafeMutableRawPointer(handle)) }

    /// The page's lines in reading order (`poppler_page_get_text`), with two-column pages re-read
    /// column by column (``ColumnLayout``) from `poppler_page_get_text_layout`, each line with
    /// its look from `poppler_page_get_text_attributes` (font size, bold face) and its box.
    var lines: [PageLine] {
        let text = takeString(poppler_page_get_text(handle)) ?? ""
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                PageLine(text: String($0), style: LineStyle())
            }
        }
        defer { g_free(rectangles) }
        // > One rectangle per character of poppler_page_get_text's result, line breaks included.
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == Int(count) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                PageLine(text: String($0), style: LineStyle())
            }
        }
        var glyphs: [ColumnLayout.Glyph] = []
        glyphs.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let box = rectangles[index]
            glyphs.append(ColumnLayout.Glyph(scalar: scalar, x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2))
        }
        applyTextAttributes(to: &glyphs)
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return ColumnLayout.reorder(glyphs, pageWidth: width) ?? ColumnLayout.separatingGluedRuns(glyphs)
    }

    /// Font size and boldness per character: poppler's text attributes cover ranges of the
    /// characters of `poppler_page_get_text`, the same indices as the layout rectangles.
    private func applyTextAttributes(to glyphs: inout [ColumnLayout.Glyph]) {
        guard let list = poppler_page_get_text_attributes(handle) else { return }
        defer { poppler_page_free_text_attributes(list) }
        var node: UnsafeMutablePointer<GList>? = list
        var boldByFont: [String: Bool] = [:]
        while let current = node {
            node = current.pointee.next
            guard let data = current.pointee.data else { continue }
            let attributes = data.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
            let start = max(0, Int(attributes.start_index))
            let end = min(glyphs.count - 1, Int(attributes.end_index))
            guard start <= end else { continue }
            var isBold = false
            if let name = attributes.font_name {
                let font = String(cString: name)
                if let known = boldByFont[font] {
                    isBold = known
                } else {
                    isBold = LineStyle.isBoldFont(font)
                    boldByFont[font] = isBold
                }
            }
            for index in start...end {
                glyphs[index].size = attributes.font_size
                glyphs[index].isBold = isBold
            }
        }
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
extension PopplerPage: Sendable {}
