import CPoppler

/// What the page view needs of a page: its size, where a string stands on it, and its pixels.
extension PopplerPage {
    /// A rectangle on the page in points, origin at the top left (as cairo draws).
    struct Box: Equatable {
        var x1: Double
        var y1: Double
        var x2: Double
        var y2: Double

        func overlapsVertically(_ other: Box) -> Bool { y1 < other.y2 && other.y1 < y2 }
    }

    /// The page text's characters with their boxes, for telling whole words from parts of words.
    struct Glyphs {
        var scalars: [Unicode.Scalar]
        var boxes: [Box]
    }

    /// The page's size in points, rotation applied (`poppler_page_get_size`).
    var size: (width: Double, height: Double) {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return (width, height)
    }

    /// Every character of `poppler_page_get_text` with its box from `poppler_page_get_text_layout`
    /// (origin at the top left, as `lines` reads them); `nil` when poppler gives no layout or one
    /// that does not match the text.
    var glyphs: Glyphs? {
        let text = takeString(poppler_page_get_text(handle)) ?? ""
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles else { return nil }
        defer { g_free(rectangles) }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == Int(count) else { return nil }
        let boxes = (0..<scalars.count).map { rectangles[$0] }.map { Box(x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2) }
        return Glyphs(scalars: scalars, boxes: boxes)
    }

    /// Where `text` stands on the page as whole words: one box per occurrence, or per line of an
    /// occurrence that wraps onto the next line.
    ///
    /// Calls `poppler_page_find_text_with_options` with `POPPLER_FIND_MULTILINE` (an address broken
    /// over two lines is still found; a hyphen at the line end is skipped), ignoring case as
    /// detection does (<https://poppler.freedesktop.org/api/glib/poppler-Poppler-Page.html#poppler-page-find-text-with-options>).
    /// Not with `POPPLER_FIND_WHOLE_WORDS_ONLY`: poppler's words carry their punctuation, so it
    /// misses `hs` in `10 hs, 5658 OW`. Instead, a match that starts or ends inside a word (a
    /// letter or digit just before or after it in `glyphs`) is dropped here: a first name found
    /// alone must not box the same letters inside another word.
    ///
    /// > The coordinates are in PDF points. — and, in poppler's source (`glib/poppler-page.cc`),
    /// > `match->y1 = height - yMax; match->y2 = height - yMin;`: the origin is the page's bottom
    /// left, where `poppler_page_get_text_layout` and cairo have it at the top left. Each box is
    /// turned over here, once.
    func find(_ text: String, glyphs: Glyphs?) -> [Box] {
        guard let list = poppler_page_find_text_with_options(handle, text, POPPLER_FIND_MULTILINE) else { return [] }
        // > Returns: a newly allocated list of newly allocated PopplerRectangle. Free with
        // > g_list_free_full() using poppler_rectangle_free().
        defer {
            g_list_free_full(list) { poppler_rectangle_free($0?.assumingMemoryBound(to: PopplerRectangle.self)) }
        }
        let height = size.height
        var found: [Box] = []
        var match: [Box] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            node = current.pointee.next
            guard let data = current.pointee.data else { continue }
            let rectangle = data.assumingMemoryBound(to: PopplerRectangle.self)
            let flat = rectangle.pointee
            match.append(
                Box(
                    x1: min(flat.x1, flat.x2), y1: height - max(flat.y1, flat.y2),
                    x2: max(flat.x1, flat.x2), y2: height - min(flat.y1, flat.y2)))
            // > poppler_rectangle_find_get_match_continued: TRUE for all rectangles belonging to
            // > the same match, except for the last one.
            guard poppler_rectangle_find_get_match_continued(rectangle) == 0 else { continue }
            if let first = match.first, let last = match.last, let glyphs,
                !glyphs.isWordBoundary(before: first) || !glyphs.isWordBoundary(after: last)
            {
                match = []
                continue
            }
            found += match
            match = []
        }
        return found + match
    }

    /// Draws the page onto `cairo` (a `cairo_t *`) at its current transformation, as a screen
    /// shows it: annotations as their flags say, form fields with their values
    /// (`poppler_page_render`).
    func render(to cairo: OpaquePointer) {
        poppler_page_render(handle, cairo)
    }
}

extension PopplerPage.Glyphs {
    /// Half a point: a match's edge is the edge of its first or last character, the same number
    /// poppler computed for both.
    private static let tolerance = 0.5

    /// Whether the character before the one that starts at `box`'s left edge is not a letter or
    /// digit. When no character starts there (a layout poppler could not give), the match stands.
    func isWordBoundary(before box: PopplerPage.Box) -> Bool {
        guard
            let index = boxes.indices.first(where: {
                abs(boxes[$0].x1 - box.x1) < Self.tolerance && boxes[$0].overlapsVertically(box)
                    && !scalars[$0].properties.isWhitespace
            }), index > 0
        else { return true }
        return !Self.isWordCharacter(scalars[index - 1])
    }

    /// Whether the character after the one that ends at `box`'s right edge is not a letter or digit.
    func isWordBoundary(after box: PopplerPage.Box) -> Bool {
        guard
            let index = boxes.indices.first(where: {
                abs(boxes[$0].x2 - box.x2) < Self.tolerance && boxes[$0].overlapsVertically(box)
                    && !scalars[$0].properties.isWhitespace
            }), index + 1 < scalars.count
        else { return true }
        return !Self.isWordCharacter(scalars[index + 1])
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
