/// Why an export did not happen. The leak gate names the category it found, never the value.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case leak(categories: [String])
    case render(format: String, reason: String)

    public var description: String {
        switch self {
        case .leak(let categories):
            "the leak gate refused the export: the rendered profile contains a stored personal value "
                + "(\(categories.joined(separator: ", "))); nothing was written or sent"
        case .render(let format, let reason): "could not render the \(format) profile: \(reason)"
        }
    }
}
