import CCairo
public import CVModel
import Foundation

/// A printable A4 PDF through cairo (which poppler-glib already brings), in DejaVu Sans so Dutch
/// diacritics render. The PDF's metadata names the agency, never the candidate.
///
/// Calls `cairo_pdf_surface_create_for_stream`, `cairo_pdf_surface_set_metadata`,
/// `cairo_show_text` (https://www.cairographics.org/manual/cairo-PDF-Surfaces.html).
enum PDFRenderer {
    static let width = 595.0
    static let height = 842.0
    static let margin = 56.0

    private final class Sink {
        var data = Data()
    }

    static func render(_ profile: Profile) throws(ExportError) -> Data {
        let sink = Sink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, closure, width, height)
        else { throw .render(format: "pdf", reason: "cairo could not create a PDF surface") }
        // > The surface must be finished before its stream is complete; destroy releases it.
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "\(Labels.title) \(profile.code)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, profile.agency)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "cvsieve")
        guard let context = cairo_create(surface) else { throw .render(format: "pdf", reason: "no drawing context") }
        var y = margin
        func newPageIfNeeded(_ needed: Double) {
            if y + needed > height - margin {
                cairo_show_page(context)
                y = margin
            }
        }
        func draw(_ text: String, size: Double, bold: Bool, indent: Double = 0, spaceBefore: Double = 0) {
            cairo_select_font_face(
                context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(context, size)
            y += spaceBefore
            for line in wrap(text, context: context, width: width - 2 * margin - indent) {
                newPageIfNeeded(size * 1.4)
                y += size * 1.4
                cairo_move_to(context, margin + indent, y)
                cairo_show_text(context, line)
            }
        }
        for line in ProfileOutline(profile).lines {
            switch line {
            case .title(let text): draw(text, size: 18, bold: true)
            case .heading(let text): draw(text, size: 13, bold: true, spaceBefore: 10)
            case .text(let text): draw(text, size: 10.5, bold: false, spaceBefore: 2)
            case .item(let text): draw("• " + text, size: 10.5, bold: false, indent: 8)
            case .detail(let text): draw("– " + text, size: 9.5, bold: false, indent: 22)
            }
        }
        cairo_destroy(context)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .render(format: "pdf", reason: "cairo status \(status.rawValue)")
        }
        return sink.data
    }

    /// Words into lines no wider than `width` at the current font.
    private static func wrap(_ text: String, context: OpaquePointer, width: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, candidate, &extents)
            if extents.x_advance > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
