import CCairo
import CVModel
import Foundation

/// A PNG decoded with cairo (`cairo_image_surface_create_from_png_stream`), for reading pixels
/// back in tests: the page images are checked by their colours, not by their bytes.
struct PNGPixels {
    let width: Int
    let height: Int
    /// 0x00RRGGBB per pixel, row by row.
    private let pixels: [UInt32]

    init?(_ png: [UInt8]) {
        final class Source {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let source = Source(png)
        guard
            let surface = cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                    let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
                    let count = Int(length)
                    guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
                    source.bytes.withUnsafeBufferPointer { buffer in
                        guard let base = buffer.baseAddress else { return }
                        data.update(from: base + source.offset, count: count)
                    }
                    source.offset += count
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(source).toOpaque())
        else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
            cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24
                || cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32,
            let data = cairo_image_surface_get_data(surface)
        else { return nil }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for row in 0..<height {
            let line = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width { pixels.append(line[column] & 0x00FF_FFFF) }
        }
        self.pixels = pixels
    }

    static func rgb(_ colour: CategoryGroup.Colour) -> UInt32 {
        UInt32(colour.red) << 16 | UInt32(colour.green) << 8 | UInt32(colour.blue)
    }

    /// How many pixels in `columns` × `rows` (clipped to the image) are exactly `colour`.
    func count(_ colour: CategoryGroup.Colour, columns: Range<Int>? = nil, rows: Range<Int>? = nil) -> Int {
        let wanted = Self.rgb(colour)
        let columns = (columns ?? 0..<width).clamped(to: 0..<width)
        let rows = (rows ?? 0..<height).clamped(to: 0..<height)
        var found = 0
        for row in rows {
            for column in columns where pixels[row * width + column] == wanted { found += 1 }
        }
        return found
    }
}
