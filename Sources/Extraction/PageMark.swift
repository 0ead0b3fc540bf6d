public import CVModel

/// A value to box on a page image: the text detection found, and its category (which gives the
/// box its colour, ``CVModel/CategoryGroup/colour``).
///
/// The text is a personal value. It travels to the worker inside a request and never comes back:
/// the answer says only how many boxes each mark got, by position in the list sent.
public struct PageMark: Codable, Sendable, Hashable {
    public var text: String
    public var category: Category

    public init(text: String, category: Category) {
        self.text = text
        self.category = category
    }

    /// The text as it is searched for: runs of white space (a line break inside an address
    /// included) become one space, and the ends are trimmed. poppler's multi-line search lets a
    /// space match a line break.
    var searchText: String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
