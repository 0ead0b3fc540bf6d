"""Minimal PNG encoder (zlib + struct), no third-party imaging library."""

import struct
import zlib


def _chunk(kind, payload):
    return (struct.pack(">I", len(payload)) + kind + payload +
            struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def encode_gray(width, height, pixel):
    """pixel(x, y) -> 0..255; 8-bit greyscale PNG bytes."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        raw.extend(pixel(x, y) for x in range(width))
    return (b"\x89PNG\r\n\x1a\n" +
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            _chunk(b"IDAT", zlib.compress(bytes(raw), 9)) +
            _chunk(b"IEND", b""))


def photo_placeholder(width=40, height=50):
    """Grey square with a lighter head-and-shoulders silhouette."""
    cx, cy, r = width / 2, height * 0.36, width * 0.2

    def px(x, y):
        if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
            return 215
        if y > height * 0.62 and abs(x - cx) < (y - height * 0.55) * 0.9 + r:
            return 215
        return 150
    return encode_gray(width, height, px)


def scanned_page(width, height, bars):
    """A 'scanned' page bitmap: light paper with dark bars that look like
    lines of text (pixels only, no text layer).  bars: [(x0, x1, y0)]."""
    rows = {}
    for x0, x1, y0 in bars:
        for y in range(y0, y0 + 7):
            rows.setdefault(y, []).append((x0, x1))
    paper = bytes(235 if (x * 7) % 97 else 225 for x in range(width))
    raw = bytearray()
    for y in range(height):
        row = bytearray(paper)
        for x0, x1 in rows.get(y, ()):
            for x in range(x0, min(x1, width)):
                row[x] = 40 if (x // 9) % 6 else 235
        raw.append(0)
        raw.extend(row)
    return (b"\x89PNG\r\n\x1a\n" +
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            _chunk(b"IDAT", zlib.compress(bytes(raw), 9)) +
            _chunk(b"IEND", b""))
