#ifndef CVSIEVE_CCAIRO_SHIM_H
#define CVSIEVE_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <stddef.h>
#include <stdint.h>

/// The pixels of a `CAIRO_FORMAT_RGB24` surface as 8-bit grey, one byte a pixel, rows packed
/// (`width` bytes each): what Tesseract reads a page from. Luma by ITU-R BT.601 in integers
/// (77, 150, 29 over 256). In C because it touches every pixel of a 300-dpi page (8.7 million
/// for A4): a Swift loop in a debug build takes most of a second for it.
/// > CAIRO_FORMAT_RGB24: each pixel is a 32-bit quantity, with the upper 8 bits unused. Red,
/// > Green, and Blue are stored in the remaining 24 bits in that order (native endian).
static inline void cvsieve_rgb24_to_grey(const unsigned char *data, int stride, int width, int height,
                                         unsigned char *grey) {
    for (int y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        unsigned char *out = grey + (size_t)y * (size_t)width;
        for (int x = 0; x < width; x++) {
            uint32_t pixel = row[x];
            uint32_t red = (pixel >> 16) & 0xFF, green = (pixel >> 8) & 0xFF, blue = pixel & 0xFF;
            out[x] = (unsigned char)((red * 77 + green * 150 + blue * 29) >> 8);
        }
    }
}
#endif
