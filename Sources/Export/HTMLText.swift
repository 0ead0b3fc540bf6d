/// Text made safe to place in HTML, between tags or inside a quoted attribute value.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; everything else as it is.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
