import CCairo
import CPoppler

/// The pictures drawn on a page, for deciding whether a page without text is worth OCR.
extension PopplerPage {
    /// A picture on the page: where it is drawn (points, origin at the top left, as cairo
    /// draws) and, when poppler could decode it, its own size in pixels.
    struct Picture {
        var area: Box
        var pixels: (width: Int, height: Int)?

        /// Pixels per inch as drawn, in the coarser direction; nil when the picture's own size
        /// is unknown or it is drawn with no area.
        var pixelsPerInch: Double? {
            let width = area.x2 - area.x1
            let height = area.y2 - area.y1
            guard let pixels, pixels.width > 0, pixels.height > 0, width > 0, height > 0 else { return nil }
            return min(Double(pixels.width) / (width / 72), Double(pixels.height) / (height / 72))
        }
    }

    /// The page's pictures (`poppler_page_get_image_mapping`, each decoded by
    /// `poppler_page_get_image` for its size, which parses the page's content once more per
    /// picture), or nil when there are more than `limit`: asked for only where a page would
    /// otherwise be read by OCR, and a page of thousands of pictures must not cost thousands of
    /// parses.
    func pictures(limit: Int) -> [Picture]? {
        guard let list = poppler_page_get_image_mapping(handle) else { return [] }
        defer { poppler_page_free_image_mapping(list) }
        let mappings = elements(of: list, as: PopplerImageMapping.self)
        guard mappings.count <= limit else { return nil }
        return mappings.map { mapping in
            var pixels: (Int, Int)?
            if let surface = poppler_page_get_image(handle, mapping.image_id) {
                pixels = (Int(cairo_image_surface_get_width(surface)), Int(cairo_image_surface_get_height(surface)))
                cairo_surface_destroy(surface)
            }
            let area = mapping.area
            return Picture(
                area: Box(
                    x1: min(area.x1, area.x2), y1: min(area.y1, area.y2), x2: max(area.x1, area.x2),
                    y2: max(area.y1, area.y2)),
                pixels: pixels)
        }
    }
}
