import CVModel
import Yams

/// A YAML node with its position, read strictly: every mapping remembers which keys were read,
/// and ``ConfigReader/finish()`` reports the ones nobody asked for (a typo such as `retension`
/// must not silently fall back to a default).
final class ConfigReader {
    let file: String
    private(set) var errors: [ConfigError] = []

    init(file: String) { self.file = file }

    func error(_ problem: String, at node: Node?) {
        let mark = node?.mark
        errors.append(
            ConfigError(file: file, line: mark.map { $0.line }, column: mark.map { $0.column }, problem: problem))
    }

    /// A mapping's entries by key, with the key node kept for positions.
    struct Mapping {
        let node: Node
        let entries: [(key: String, keyNode: Node, value: Node)]
        let path: String

        subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }
    }

    /// Reads `node` as a mapping whose keys must all be in `allowed`; reports unknown keys.
    func mapping(_ node: Node?, path: String, allowed: Set<String>?) -> Mapping? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            error("\(path) must be a mapping (key: value lines)", at: node)
            return nil
        }
        var entries: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.string else {
                error("\(path) has a key that is not text", at: key)
                continue
            }
            if let allowed, !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                error("unknown key '\(name)' in \(path) (known: \(known))", at: key)
                continue
            }
            entries.append((name, key, value))
        }
        return Mapping(node: node, entries: entries, path: path)
    }

    func string(_ node: Node?, path: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            error("\(path) must be a text value", at: node)
            return nil
        }
        return scalar.string
    }

    func bool(_ node: Node?, path: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            error("\(path) must be true or false", at: node)
            return nil
        }
        return value
    }

    func integer(_ node: Node?, path: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, range.contains(value) else {
            error("\(path) must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: node)
            return nil
        }
        return value
    }

    func strings(_ node: Node?, path: String) -> [String]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            error("\(path) must be a list ([a, b] or '- a' lines)", at: node)
            return nil
        }
        return sequence.compactMap { string($0, path: path) }
    }

    /// A size such as `50MB`, `8 MiB`, `512KB` or a plain byte count, up to ``maxSizeBytes``.
    func size(_ node: Node?, path: String) -> Int? {
        guard let text = string(node, path: path) else { return nil }
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        let units: [(String, Int)] = [
            ("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10), ("GB", 1 << 30),
            ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1),
        ]
        var bytes: (partialValue: Int, overflow: Bool)?
        for (suffix, factor) in units where compact.hasSuffix(suffix) {
            if let number = Int(compact.dropLast(suffix.count)), number > 0 {
                bytes = number.multipliedReportingOverflow(by: factor)
                break
            }
        }
        if bytes == nil, let number = Int(compact), number > 0 { bytes = (number, false) }
        guard let bytes else {
            error("\(path) must be a size such as 50MB, 512KB or 8MiB (got '\(text)')", at: node)
            return nil
        }
        // A number of digits no limit needs would overflow the multiplication, or a sum later.
        guard !bytes.overflow, bytes.partialValue <= Self.maxSizeBytes else {
            error("\(path) must be at most 1TiB (got '\(text)')", at: node)
            return nil
        }
        return bytes.partialValue
    }

    /// The largest size any setting takes: 1 TiB, far past any CV, and far from `Int.max`, so
    /// that the limits can be added and multiplied without a trap.
    static let maxSizeBytes = 1 << 40

    /// A duration such as `30s`, `5m`, `4w`, `1y`, `0d`, up to ``maxDuration``.
    func duration(_ node: Node?, path: String) -> TimeSpan? {
        guard let text = string(node, path: path) else { return nil }
        guard let duration = TimeSpan(text) else {
            error("\(path) must be a duration such as 30s, 5m, 12h, 0d, 4w, 6mo or 1y (got '\(text)')", at: node)
            return nil
        }
        // Spans become dates and whole seconds (the daemon's pause, retention dates): an amount
        // of twenty digits would not fit either.
        guard duration.seconds <= Self.maxDuration.seconds else {
            error("\(path) must be at most \(Self.maxDuration) (got '\(text)')", at: node)
            return nil
        }
        return duration
    }

    /// The longest span any setting takes: a century, past any retention period.
    static let maxDuration = TimeSpan(amount: 100, unit: .years)
}
