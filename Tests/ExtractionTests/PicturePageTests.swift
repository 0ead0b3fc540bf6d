import CCairo
import Foundation
import Testing

@testable import Extraction

/// Pages without text that OCR would read nothing on are not read: a blank page, a page holding
/// only a portrait enlarged from a thumbnail. A mark beside the picture or a picture fine enough
/// to hold text still goes to OCR. The pages are real PDFs drawn by cairo and read by poppler.
@Suite struct PicturePageTests {
    /// A `width` × `height` picture in four colours (quarters), like a small portrait.
    static func picture(width: Int, height: Int, stripes: Bool = false) -> OpaquePointer? {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 0.55, 0.6, 0.75)
        cairo_paint(context)
        cairo_set_source_rgb(context, 0.25, 0.27, 0.33)
        if stripes {
            // Black bars two pixels high, as text lines in a scan.
            for y in stride(from: 10, to: height - 10, by: 8) {
                cairo_rectangle(context, 10, Double(y), Double(width - 20), 2)
            }
        } else {
            cairo_rectangle(context, Double(width) / 4, Double(height) / 3, Double(width) / 2, Double(height) * 2 / 3)
        }
        cairo_fill(context)
        cairo_surface_flush(surface)
        return surface
    }

    /// Draws `surface` into the rectangle at (`x`, `y`), `side` points square.
    static func draw(_ surface: OpaquePointer?, on context: OpaquePointer?, x: Double, y: Double, side: Double) {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_scale(
            context, side / Double(cairo_image_surface_get_width(surface)),
            side / Double(cairo_image_surface_get_height(surface)))
        cairo_set_source_surface(context, surface, 0, 0)
        cairo_paint(context)
        cairo_restore(context)
    }

    /// A four-page A4 PDF: a coarse portrait alone; nothing; the portrait and a black bar beside
    /// it; a fine striped picture (300 ppi) alone.
    static func pages() throws -> PopplerDocument {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cvsieve-pictures-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pdf = cairo_pdf_surface_create(path, 595, 842)
        let context = cairo_create(pdf)
        let coarse = picture(width: 24, height: 24)
        let fine = picture(width: 600, height: 600, stripes: true)
        defer {
            cairo_surface_destroy(coarse)
            cairo_surface_destroy(fine)
        }
        draw(coarse, on: context, x: 150, y: 200, side: 300)
        cairo_show_page(context)
        cairo_show_page(context)
        draw(coarse, on: context, x: 150, y: 200, side: 300)
        cairo_set_source_rgb(context, 0, 0, 0)
        cairo_rectangle(context, 150, 600, 120, 6)
        cairo_fill(context)
        cairo_show_page(context)
        draw(fine, on: context, x: 150, y: 200, side: 144)
        cairo_show_page(context)
        cairo_destroy(context)
        cairo_surface_finish(pdf)
        cairo_surface_destroy(pdf)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try bytes.withUnsafeBytes { raw throws(ExtractionError) in try PopplerDocument(bytes: raw) }
    }

    @Test(
        "a blank page and a page of only a coarse portrait hold nothing to read; a mark beside it or a fine picture do")
    func nothingLegible() throws {
        let document = try Self.pages()
        #expect(document.pageCount == 4)
        let portrait = try #require(document.page(1))
        #expect(portrait.pictures(limit: 8)?.count == 1)
        #expect(portrait.pictures(limit: 0) == nil)
        let drawn = try #require(portrait.pictures(limit: 8)?.first)
        // Where poppler says the picture is drawn, with the origin at the top left.
        #expect(abs(drawn.area.x1 - 150) < 1 && abs(drawn.area.y1 - 200) < 1 && abs(drawn.area.x2 - 450) < 1)
        #expect(abs((drawn.pixelsPerInch ?? 0) - 5.76) < 0.1)
        #expect(PageOCR.holdsNothingLegible(portrait))
        #expect(PageOCR.holdsNothingLegible(try #require(document.page(2))))
        #expect(!PageOCR.holdsNothingLegible(try #require(document.page(3))))
        let fine = try #require(document.page(4))
        #expect((fine.pictures(limit: 8)?.first?.pixelsPerInch ?? 0) > 290)
        #expect(!PageOCR.holdsNothingLegible(fine))
    }
}
