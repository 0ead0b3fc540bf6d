/// Puts a page with two text columns back into reading order: the left column top to bottom,
/// then the right one, with full-width lines (a name across the top) where they stand.
///
/// poppler's reading order (and `pdftotext`'s) joins lines of two columns that share a baseline,
/// so a CV with a sidebar comes out interleaved line by line, sometimes with words glued across
/// the gutter ("TalenOpleiding"). This works from the position of every character
/// (`poppler_page_get_text_layout`): runs of characters are cut at wide horizontal gaps, a
/// gutter is the x position that (almost) no run crosses while both sides hold text, and the runs
/// are re-read column by column. A page without such a gutter keeps poppler's order unchanged.
struct ColumnLayout {
    struct Glyph {
        var scalar: Unicode.Scalar
        var x1: Double
        var y1: Double
        var x2: Double
        var y2: Double
        /// Font size in points (poppler's text attributes); 0 where unknown.
        var size: Double = 0
        var isBold = false
    }

    struct Run {
        var text: String.UnicodeScalarView
        var x1: Double
        var x2: Double
        var y: Double
        var height: Double
        /// The run's characters in the page's glyphs (first and last index).
        var first = 0
        var last = 0
        /// Filled in by ``styled(_:glyphs:)`` once a page turns out to have columns.
        var style = LineStyle()
    }

    /// The runs with their look, from their glyphs: only pages with columns need it.
    static func styled(_ runs: [Run], glyphs: [Glyph]) -> [Run] {
        runs.map { run in
            var run = run
            for index in run.first...run.last { run.style.add(glyphs[index]) }
            return run
        }
    }

    /// The page's text in column order, or `nil` when the page has one column.
    static func reorder(_ glyphs: [Glyph], pageWidth: Double) -> [PageLine]? {
        let plain = runs(of: glyphs)
        // Fewer than 8 runs is no layout; more than 4,000 on one page is no CV page (the column
        // checks compare runs pairwise).
        guard plain.count >= 8, plain.count <= 4000, let gutter = gutter(of: plain, pageWidth: pageWidth) else {
            return nil
        }
        let runs = styled(plain, glyphs: glyphs)
        guard isInterleaved(glyphs, gutter: gutter) else {
            return isLabelForm(runs, gutter: gutter) ? rows(of: runs, gutter: gutter) : nil
        }
        var output: [PageLine] = []
        var left: [Run] = []
        var right: [Run] = []
        let flush = {
            output += lines(of: left) + lines(of: right)
            left.removeAll()
            right.removeAll()
        }
        for run in runs.sorted(by: { $0.y < $1.y || ($0.y == $1.y && $0.x1 < $1.x1) }) {
            if run.x2 <= gutter {
                left.append(run)
            } else if run.x1 >= gutter {
                right.append(run)
            } else {
                flush()
                output += lines(of: [run])
            }
        }
        flush()
        return output
    }

    /// poppler's text with a tab wherever two characters on one line stand far apart without a space
    /// between them: poppler glues a sidebar's last word to the main column's first
    /// (`s.jansen@example.nlPayroll`), which hides both from detection.
    ///
    /// Letter-spaced text (`C U R R I C U L U M` set with wide tracking) is not cut: a gap counts
    /// as wide only when it is also well above the line's usual gap between letters.
    static func separatingGluedRuns(_ glyphs: [Glyph]) -> [PageLine] {
        var lines: [PageLine] = []
        var start = 0
        for index in 0...glyphs.count where index == glyphs.count || glyphs[index].scalar == "\n" {
            let line = glyphs[start..<index]
            start = index + 1
            // The line's tracking, worked out only when a gap is wide enough to matter.
            var tracking: Double?
            var text = String.UnicodeScalarView()
            var style = LineStyle()
            var previous: Glyph?
            for glyph in line where glyph.scalar != "\r" {
                if let last = previous, !Self.isSpace(last.scalar), !Self.isSpace(glyph.scalar) {
                    let height = max(last.y2 - last.y1, glyph.y2 - glyph.y1, 1)
                    let sameLine = abs((last.y1 + last.y2) / 2 - (glyph.y1 + glyph.y2) / 2) < height / 2
                    let gap = glyph.x1 - last.x2
                    if !sameLine {
                        text.append("\t")
                    } else if gap > height * 2 {
                        if tracking == nil { tracking = letterGap(line) }
                        if gap > (tracking ?? 0) * 3 + height { text.append("\t") }
                    }
                }
                text.append(glyph.scalar)
                style.add(glyph)
                previous = glyph
            }
            lines.append(PageLine(text: String(text), style: style))
        }
        return lines
    }

    /// Whitespace, without the Unicode tables for ASCII (every character of every page comes here).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// The median gap between neighbouring non-space characters of a line: about 0 for normal
    /// text, the tracking for letter-spaced text.
    static func letterGap(_ line: ArraySlice<Glyph>) -> Double {
        var gaps: [Double] = []
        var previous: Glyph?
        for glyph in line {
            defer { previous = glyph }
            guard let last = previous, !isSpace(last.scalar), !isSpace(glyph.scalar) else { continue }
            gaps.append(max(0, glyph.x1 - last.x2))
        }
        guard !gaps.isEmpty else { return 0 }
        gaps.sort()
        return gaps[gaps.count / 2]
    }

    /// Whether poppler's own order mixes the columns: its lines cross the gutter or jump from one
    /// side to the other. A page that poppler already reads column by column (a Europass form with
    /// its labels in one block and its values in another) keeps poppler's order, the same as
    /// `pdftotext`.
    static func isInterleaved(_ glyphs: [Glyph], gutter: Double) -> Bool {
        enum Side { case left, right, both }
        var sides: [Side] = []
        var current: Side?
        for glyph in glyphs {
            if glyph.scalar == "\n" {
                if let side = current { sides.append(side) }
                current = nil
                continue
            }
            guard !glyph.scalar.properties.isWhitespace else { continue }
            let side: Side = glyph.x2 <= gutter ? .left : glyph.x1 >= gutter ? .right : .both
            current = current == nil || current == side ? side : .both
        }
        if let side = current { sides.append(side) }
        guard sides.count >= 4 else { return false }
        let crossing = sides.filter { $0 == .both }.count
        let jumps = zip(sides, sides.dropFirst()).filter { $0 != $1 && $0 != .both && $1 != .both }.count
        // Half the lines or more: a sidebar CV read across (a Europass form with its label blocks stays).
        return Double(crossing + jumps) >= Double(sides.count) * 0.5
    }

    /// A form with a narrow column of labels beside their values (a Europass CV: `Date of birth`
    /// next to the date, a period next to its job): most left runs are short and share a baseline
    /// with a run on the right. poppler reads such a page as a block of labels and then a block of
    /// values, which separates every label from its value.
    static func isLabelForm(_ runs: [Run], gutter: Double) -> Bool {
        let left = runs.filter { $0.x2 <= gutter }
        let right = runs.filter { $0.x1 >= gutter }
        guard left.count >= 4, right.count * 2 >= left.count else { return false }
        let isPaired = { (run: Run) in right.contains { abs($0.y - run.y) < min($0.height, run.height) / 2 } }
        let paired = left.filter(isPaired).count
        // Unpaired left runs are section headings in a form (`WORK EXPERIENCE`, or a larger
        // `Ervaring` in a margin beside the entries); in a sidebar CV whose lines happen
        // to share baselines with the main column they are values and labels.
        let bodySize = medianSize(of: runs)
        // Larger type, not bold alone: a sidebar's labels (`Adres`, `Tel.`) are bold at body size.
        let isHeading = { (run: Run) in bodySize.map { run.style.size ?? 0 >= $0 * 1.15 } ?? false }
        let unpairedText = left.filter { run in
            !isPaired(run) && run.text.contains { $0.properties.isLowercase } && !isHeading(run)
        }.count
        let meanLength = Double(left.map(\.text.count).reduce(0, +)) / Double(left.count)
        return paired >= 3 && Double(paired) >= Double(left.count) * 0.4 && meanLength <= 25
            && Double(unpairedText) <= Double(left.count) * 0.3
    }

    /// The font size most of the runs' letters are set in.
    static func medianSize(of runs: [Run]) -> Double? {
        let sizes = runs.compactMap(\.style.size).sorted()
        return sizes.isEmpty ? nil : sizes[sizes.count / 2]
    }

    /// The page row by row, top to bottom: runs sharing a baseline on one line, a tab between a
    /// label and its value across the gutter.
    static func rows(of runs: [Run], gutter: Double) -> [PageLine] {
        baselines(of: runs).map { sorted in
            var line = ""
            var style = LineStyle()
            for (index, run) in sorted.enumerated() {
                if index > 0 { line += sorted[index - 1].x2 <= gutter && run.x1 >= gutter ? "\t" : " " }
                line += String(run.text).trimmingTrailingWhitespace()
                style.add(run.style)
            }
            return PageLine(text: line, style: style)
        }
    }

    /// Runs of characters on one line without a wide gap (more than twice the line height).
    static func runs(of glyphs: [Glyph]) -> [Run] {
        var runs: [Run] = []
        var current: Run?
        for (index, glyph) in glyphs.enumerated() {
            if glyph.scalar == "\n" || glyph.scalar == "\r" {
                if let run = current { runs.append(run) }
                current = nil
                continue
            }
            let height = max(glyph.y2 - glyph.y1, 1)
            if var run = current {
                let sameLine = abs((glyph.y1 + glyph.y2) / 2 - run.y) < run.height / 2
                let gap = glyph.x1 - run.x2
                if sameLine && gap < max(run.height, height) * 2 && gap > -run.height {
                    if glyph.scalar != " " || run.text.last != " " { run.text.append(glyph.scalar) }
                    if glyph.scalar != " " { run.x2 = max(run.x2, glyph.x2) }
                    run.last = index
                    current = run
                    continue
                }
                runs.append(run)
            }
            guard glyph.scalar != " " else {
                current = nil
                continue
            }
            var run = Run(
                text: String.UnicodeScalarView([glyph.scalar]), x1: glyph.x1, x2: glyph.x2,
                y: (glyph.y1 + glyph.y2) / 2, height: height, first: index, last: index)
            current = run
        }
        if let run = current { runs.append(run) }
        return runs.filter { $0.text.contains { !$0.properties.isWhitespace } }
    }

    /// The x position between 15% and 85% of the page width crossed by the fewest runs (at most
    /// 10% of them), with at least four runs wholly on each side at heights the other side also uses.
    static func gutter(of runs: [Run], pageWidth: Double) -> Double? {
        guard pageWidth > 0 else { return nil }
        var best: (x: Double, crossings: Int, margin: Double)?
        let step = 2.0
        var x = pageWidth * 0.15
        while x <= pageWidth * 0.85 {
            var crossings = 0
            var leftCount = 0
            var rightCount = 0
            var margin = Double.infinity
            for run in runs {
                if run.x2 <= x {
                    leftCount += 1
                    margin = min(margin, x - run.x2)
                } else if run.x1 >= x {
                    rightCount += 1
                    margin = min(margin, run.x1 - x)
                } else {
                    crossings += 1
                }
            }
            if leftCount >= 4, rightCount >= 4, crossings * 10 <= runs.count {
                if best == nil || crossings < best?.crossings ?? 0
                    || (crossings == best?.crossings && margin > best?.margin ?? 0)
                {
                    best = (x, crossings, margin)
                }
            }
            x += step
        }
        guard let best else { return nil }
        // Both columns must run side by side: enough left runs share a line with a right run.
        let left = runs.filter { $0.x2 <= best.x }
        let right = runs.filter { $0.x1 >= best.x }
        let sideBySide = left.filter { run in right.contains { abs($0.y - run.y) < run.height } }.count
        return sideBySide >= 3 ? best.x : nil
    }

    /// Runs grouped into lines (same baseline), each line's runs in x order joined by a space.
    static func lines(of runs: [Run]) -> [PageLine] {
        baselines(of: runs).map { line in
            var style = LineStyle()
            for run in line { style.add(run.style) }
            return PageLine(
                text: line.map { String($0.text).trimmingTrailingWhitespace() }.joined(separator: " "), style: style)
        }
    }

    /// Runs grouped by baseline, top to bottom, each group in x order.
    static func baselines(of runs: [Run]) -> [[Run]] {
        var groups: [[Run]] = []
        for run in runs.sorted(by: { $0.y < $1.y }) {
            if let last = groups.last?.last, abs(last.y - run.y) < min(last.height, run.height) / 2 {
                groups[groups.count - 1].append(run)
            } else {
                groups.append([run])
            }
        }
        return groups.map { $0.sorted { $0.x1 < $1.x1 } }
    }
}
