import CVModel

/// One line of a PDF page as extraction puts it out: its text and how it looks.
struct PageLine {
    var text: String
    var style: LineStyle
}

/// What the characters of one line (or run) say about its look, gathered character by character:
/// letters in bold faces, their font sizes, the line's box.
struct LineStyle {
    private(set) var letters = 0
    private(set) var boldLetters = 0
    private(set) var upperLetters = 0
    private(set) var lowerLetters = 0
    /// Letters per font size (in half points): a line has one size or a few, so a short list.
    private var sizes: [(key: Int, count: Int)] = []
    private(set) var left = Double.infinity
    private(set) var top = Double.infinity
    private(set) var bottom = -Double.infinity

    mutating func add(_ glyph: ColumnLayout.Glyph) {
        let value = glyph.scalar.value
        // ASCII without the Unicode tables: this runs for every character of every page.
        if value < 0x80 {
            if value <= 0x20 || value == 0x7F { return }
            left = min(left, glyph.x1)
            top = min(top, glyph.y1)
            bottom = max(bottom, glyph.y2)
            let isUpper = value >= 0x41 && value <= 0x5A
            let isLower = value >= 0x61 && value <= 0x7A
            guard isUpper || isLower || (value >= 0x30 && value <= 0x39) else { return }
            if isUpper { upperLetters += 1 }
            if isLower { lowerLetters += 1 }
        } else {
            let properties = glyph.scalar.properties
            guard !properties.isWhitespace else { return }
            left = min(left, glyph.x1)
            top = min(top, glyph.y1)
            bottom = max(bottom, glyph.y2)
            guard properties.isAlphabetic || properties.numericType != nil else { return }
            if properties.isUppercase { upperLetters += 1 }
            if properties.isLowercase { lowerLetters += 1 }
        }
        letters += 1
        if glyph.isBold { boldLetters += 1 }
        if glyph.size > 0 { count(size: Int((glyph.size * 2).rounded()), letters: 1) }
    }

    private mutating func count(size key: Int, letters: Int) {
        if let index = sizes.firstIndex(where: { $0.key == key }) {
            sizes[index].count += letters
        } else {
            sizes.append((key, letters))
        }
    }

    mutating func add(_ other: LineStyle) {
        letters += other.letters
        boldLetters += other.boldLetters
        upperLetters += other.upperLetters
        lowerLetters += other.lowerLetters
        for size in other.sizes { count(size: size.key, letters: size.count) }
        left = min(left, other.left)
        top = min(top, other.top)
        bottom = max(bottom, other.bottom)
    }

    /// The most common font size among the letters, in points.
    var size: Double? {
        sizes.max { $0.count < $1.count || ($0.count == $1.count && $0.key < $1.key) }.map { Double($0.key) / 2 }
    }

    var isBold: Bool { letters > 0 && boldLetters * 2 > letters }

    /// The line's layout, with the gap to the line above when that line is on the same page and above it.
    func layout(below previous: LineStyle?) -> LineLayout {
        var gap: Double?
        // Character boxes span the font's ascent and descent, so the boxes of lines set close
        // together overlap: the gap may be negative. A line that starts above the previous one
        // (the next column, a label beside its value) has no gap.
        if let previous, previous.top.isFinite, top.isFinite, top > previous.top + 1 {
            gap = ((top - previous.bottom) * 10).rounded() / 10
        }
        return LineLayout(
            size: size, isBold: isBold, isCapitals: upperLetters >= 2 && lowerLetters == 0,
            x: left.isFinite ? (left * 10).rounded() / 10 : nil, y: top.isFinite ? (top * 10).rounded() / 10 : nil,
            gapAbove: gap)
    }

    /// Whether a font name names a bold face: `Bold`, `Black`, `Heavy`, `Semibold`/`Demibold`,
    /// or TeX's bold Computer Modern and Latin Modern faces (`CMBX12`, `LMRoman10-Bold`, `CMB`).
    static func isBoldFont(_ name: String) -> Bool {
        let lower = name.lowercased()
        // Subset prefix `ABCDEF+` is not part of the name.
        let base = lower.split(separator: "+", maxSplits: 1).last.map(String.init) ?? lower
        for word in ["bold", "black", "heavy", "semibold", "demibold", "demi"] where base.contains(word) {
            return true
        }
        return base.hasPrefix("cmbx") || base.hasPrefix("cmb10") || base.hasPrefix("cmssbx")
            || base.hasPrefix("lmbx") || base.hasPrefix("sfbx") || base.hasSuffix("-bd") || base.hasSuffix(",bold")
    }
}

extension [PageLine] {
    /// The lines' text, joined by newlines, and their layout, each line's gap measured to the line before it.
    var textAndLayout: (text: String, layout: [LineLayout]) {
        var layout: [LineLayout] = []
        layout.reserveCapacity(count)
        var previous: LineStyle?
        for line in self {
            layout.append(line.style.layout(below: previous))
            if line.style.top.isFinite { previous = line.style }
        }
        return (map(\.text).joined(separator: "\n"), layout)
    }
}
