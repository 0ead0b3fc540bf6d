import CVModel

/// The look a run or paragraph property sets: bold, size, capitals. `nil` where it is not set,
/// so a style's own setting can fall back to the style it is based on.
struct RunLook: Equatable {
    var isBold: Bool?
    /// Font size in points (`w:sz` holds half points).
    var size: Double?
    var isCapitals: Bool?

    /// `self` where set, otherwise `base`.
    func over(_ base: RunLook) -> RunLook {
        RunLook(isBold: isBold ?? base.isBold, size: size ?? base.size, isCapitals: isCapitals ?? base.isCapitals)
    }

    /// Reads one run property element (`w:b`, `w:sz`, `w:caps`, `w:smallCaps`) into the look.
    mutating func read(_ localName: String, attributes: XMLAttributes) {
        // ST_OnOff: absent `w:val` is on; `0`, `false`, `off` are off.
        let isOn = { (value: String?) in value.map { !["0", "false", "off"].contains($0) } ?? true }
        switch localName {
        case "b": isBold = isOn(attributes.value("val", in: .wordprocessing))
        case "caps", "smallCaps":
            let on = isOn(attributes.value("val", in: .wordprocessing))
            isCapitals = (isCapitals ?? false) || on
        case "sz":
            if let value = attributes.value("val", in: .wordprocessing).flatMap(Double.init), value > 0, value < 4000 {
                size = value / 2
            }
        default: break
        }
    }
}

/// The paragraph styles of a DOCX (`word/styles.xml`): for each style id, its heading level (from
/// its name, `Title` or `heading n`, or its outline level) and its run look, with `w:basedOn`
/// followed. Word writes built-in style names in English whatever the UI language (`Kop1` is
/// named `heading 1`), so the names are reliable.
struct ParagraphStyles {
    struct Style {
        var name: String?
        var basedOn: String?
        var outlineLevel: Int?
        var look = RunLook()
    }

    var styles: [String: Style] = [:]
    var defaultLook = RunLook()
    var defaultStyle: String?

    /// The heading level of a style: 0 for Title, n for `heading n`, outline level + 1.
    func headingLevel(of id: String?) -> Int? {
        var current = id ?? defaultStyle
        for _ in 0..<12 {
            guard let key = current, let style = styles[key] else { return nil }
            if let level = style.outlineLevel, level < 9 { return level + 1 }
            if let name = style.name?.lowercased() {
                if name == "title" { return 0 }
                if name.hasPrefix("heading "), let level = Int(name.dropFirst(8)) { return level }
            }
            current = style.basedOn
        }
        return nil
    }

    /// The run look a paragraph of this style gives its text, before the runs' own properties.
    func look(of id: String?) -> RunLook {
        var look = RunLook()
        var current = id ?? defaultStyle
        for _ in 0..<12 {
            guard let key = current, let style = styles[key] else { break }
            look = look.over(style.look)
            current = style.basedOn
        }
        return look.over(defaultLook)
    }
}

/// Reads `word/styles.xml` into ``ParagraphStyles``: the run defaults, the default paragraph
/// style and the styles the document uses, with the styles they are based on. It stops as soon
/// as it has them: Word's and python-docx's templates carry hundreds of table and latent styles
/// (350 KB) behind the few a CV uses.
final class StylesHandler: XMLEventHandler {
    private(set) var result = ParagraphStyles()
    private var current: (id: String, style: ParagraphStyles.Style)?
    private var inRunDefaults = false
    private var inRunProperties = false
    private var wanted: Set<String>
    private var sawDefaults = false

    init(wanted: Set<String>) { self.wanted = wanted }

    var isDone: Bool { sawDefaults && result.defaultStyle != nil && wanted.isEmpty }

    func startElement(_ localName: String, namespace: XMLNamespace, attributes: XMLAttributes) {
        guard namespace == .wordprocessing else { return }
        switch localName {
        case "rPrDefault": inRunDefaults = true
        case "style":
            guard attributes.value("type", in: .wordprocessing) == "paragraph",
                let id = attributes.value("styleId", in: .wordprocessing)
            else { return }
            current = (id, ParagraphStyles.Style())
            if let isDefault = attributes.value("default", in: .wordprocessing), isDefault == "1" || isDefault == "true"
            {
                result.defaultStyle = id
            }
        case "name": current?.style.name = attributes.value("val", in: .wordprocessing)
        case "basedOn": current?.style.basedOn = attributes.value("val", in: .wordprocessing)
        case "outlineLvl":
            current?.style.outlineLevel = attributes.value("val", in: .wordprocessing).flatMap { Int($0) }
        case "rPr": inRunProperties = true
        default:
            guard inRunProperties else { return }
            if current != nil {
                current?.style.look.read(localName, attributes: attributes)
            } else if inRunDefaults {
                result.defaultLook.read(localName, attributes: attributes)
            }
        }
    }

    func endElement(_ localName: String, namespace: XMLNamespace) {
        guard namespace == .wordprocessing else { return }
        switch localName {
        case "rPrDefault": inRunDefaults = false
        case "docDefaults": sawDefaults = true
        case "rPr": inRunProperties = false
        case "style":
            if let (id, style) = current {
                result.styles[id] = style
                wanted.remove(id)
                if let base = style.basedOn, result.styles[base] == nil { wanted.insert(base) }
            }
            current = nil
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// What a paragraph's runs say about its look before the styles are read: letters counted by
/// whether their run sets bold, capitals and size itself or leaves them to the style. The
/// styles part is read after the text parts, for only the styles they name.
struct PendingLook {
    var styleId: String?
    var outlineLevel: Int?
    var letters = 0
    var boldLetters = 0
    var boldUnsetLetters = 0
    var capitalLetters = 0
    var capitalUnsetLetters = 0
    var size: Double?
    var sizeUnset = false
    var isAllCapitals = false

    mutating func count(_ letters: Int, runLook: RunLook) {
        self.letters += letters
        switch runLook.isBold {
        case true?: boldLetters += letters
        case nil: boldUnsetLetters += letters
        case false?: break
        }
        switch runLook.isCapitals {
        case true?: capitalLetters += letters
        case nil: capitalUnsetLetters += letters
        case false?: break
        }
        if let runSize = runLook.size { size = max(size ?? 0, runSize) } else { sizeUnset = true }
    }

    func layout(with styles: ParagraphStyles) -> LineLayout {
        let style = styles.look(of: styleId)
        let bold = boldLetters + (style.isBold == true ? boldUnsetLetters : 0)
        let capitals = capitalLetters + (style.isCapitals == true ? capitalUnsetLetters : 0)
        var size = self.size
        if sizeUnset || size == nil, let styleSize = style.size { size = max(size ?? 0, styleSize) }
        return LineLayout(
            size: size, isBold: letters > 0 && bold * 2 > letters,
            isCapitals: (letters > 0 && capitals * 2 > letters) || isAllCapitals,
            headingLevel: outlineLevel.map { $0 < 9 ? $0 + 1 : nil } ?? styles.headingLevel(of: styleId))
    }
}
