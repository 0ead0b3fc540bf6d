import CVModel
import Extraction

/// An extraction error about a file a person named on the command line, shown as
/// `error: <path>: <reason>`. ``ExtractionError`` names no file (a dropped file's name is
/// personal data); the single-file commands may echo the path, since the person just typed it.
struct TypedPathError: ReportableError {
    var path: String
    var error: ExtractionError

    var exitCode: Int32 { error.exitCode }
    var kind: String { error.kind }
    var description: String { "\(path): \(error.reason)" }

    /// The result of `body`, with an extraction error naming `path`.
    static func naming<Value>(_ path: String, _ body: () throws(ExtractionError) -> Value) throws(TypedPathError)
        -> Value
    {
        do {
            return try body()
        } catch {
            throw TypedPathError(path: path, error: error)
        }
    }
}
