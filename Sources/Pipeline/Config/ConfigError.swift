public import CVModel

/// A problem in pipeline.yml, with the position where it is (1-based line and column).
public struct ConfigError: ReportableError, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var problem: String

    public init(file: String, line: Int? = nil, column: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var exitCode: Int32 { 2 }
    public var kind: String { "config" }

    public var description: String {
        let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        return "\(file)\(position): \(problem)"
    }
}
