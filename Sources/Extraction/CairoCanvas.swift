import CCairo

/// Owner of one cairo image surface (24-bit RGB, no alpha) and the drawing context on it:
/// what a page is drawn onto before it becomes a PNG. Non-Sendable: cairo contexts are not
/// thread-safe.
///
/// Calls `cairo_image_surface_create`, `cairo_create` and `cairo_surface_write_to_png_stream`
/// (<https://www.cairographics.org/manual/cairo-Image-Surfaces.html>,
/// <https://www.cairographics.org/manual/cairo-PNG-Support.html>).
final class CairoCanvas {
    /// The `cairo_t *`, for poppler to draw on.
    let context: OpaquePointer
    private let surface: OpaquePointer

    /// A white canvas of `width` × `height` pixels.
    ///
    /// > `cairo_image_surface_create`: This function always returns a valid pointer, but it will
    /// > return a pointer to a "nil" surface if an error such as out of memory occurs. You can use
    /// > `cairo_surface_status()` to check for this. — `cairo_create` likewise returns a "nil"
    /// > context on failure; both are released with their destroy function either way.
    init(width: Int, height: Int) throws(ExtractionError) {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        let context = cairo_create(surface)
        let status =
            cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS
            ? cairo_surface_status(surface) : cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS, let surface, let context else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw .renderFailed(cairoStatus: Int32(status.rawValue))
        }
        self.surface = surface
        self.context = context
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Runs `body` with the context scaled by `x` and `y` (page points to pixels), restored after.
    func scaled(x: Double, y: Double, _ body: () -> Void) {
        cairo_save(context)
        cairo_scale(context, x, y)
        body()
        cairo_restore(context)
    }

    /// Strokes `rectangles` (in pixels) 2 px wide in `colour`, without anti-aliasing: on whole
    /// pixel coordinates the line covers exactly the pixel on each side of the edge, in exactly
    /// that colour, so the boxes are sharp and a test can find them pixel by pixel.
    func strokeBoxes(_ rectangles: [(x: Int, y: Int, width: Int, height: Int)], red: UInt8, green: UInt8, blue: UInt8) {
        guard !rectangles.isEmpty else { return }
        cairo_save(context)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
        cairo_set_line_width(context, 2)
        cairo_set_source_rgb(context, Double(red) / 255, Double(green) / 255, Double(blue) / 255)
        for rectangle in rectangles {
            cairo_rectangle(
                context, Double(rectangle.x), Double(rectangle.y), Double(rectangle.width), Double(rectangle.height))
        }
        cairo_stroke(context)
        cairo_restore(context)
    }

    /// The canvas as 8-bit grey, `width` bytes a row (`cvsieve_rgb24_to_grey`): what Tesseract reads.
    func greyPixels() -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = cairo_image_surface_get_stride(surface)
        guard let data = cairo_image_surface_get_data(surface), width > 0, height > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
            cvsieve_rgb24_to_grey(data, stride, Int32(width), Int32(height), buffer.baseAddress)
            count = width * height
        }
    }

    /// The context's error state: poppler draws through it and cairo records what failed there.
    var status: Int32 { Int32(cairo_status(context).rawValue) }

    /// The canvas as a PNG file, written into a buffer that refuses to grow past `cap` bytes.
    func png(cap: Int) throws(ExtractionError) -> [UInt8] {
        cairo_surface_flush(surface)
        let sink = Sink(cap: cap)
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, data, length in
                guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
                guard sink.bytes.count + Int(length) <= sink.cap else { return CAIRO_STATUS_WRITE_ERROR }
                if let data { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw .renderFailed(cairoStatus: Int32(status.rawValue)) }
        return sink.bytes
    }

    private final class Sink {
        let cap: Int
        var bytes: [UInt8] = []
        init(cap: Int) { self.cap = cap }
    }
}

@available(*, unavailable)
extension CairoCanvas: Sendable {}
