/// An error whose description is safe to show: it names a file, a limit or a category, never a
/// personal value, and it tells the reader what to do.
///
/// Errors that do not conform (from Foundation, GRDB, a C library) are printed only by type
/// name, since their text may echo input.
public protocol ReportableError: Error, CustomStringConvertible, Sendable {
    /// The process exit code the CLI uses when this error ends a command.
    var exitCode: Int32 { get }
    /// A short, stable, machine-readable name (`zip_bomb`, `encrypted`) for `--json` and status counts.
    var kind: String { get }
}
