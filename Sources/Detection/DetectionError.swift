public import CVModel

/// Why detection cannot start: the word lists did not come along with the binary.
///
/// They ship as the `cvsieve_Detection.resources` folder that the build puts beside the
/// executable (see ``Lexicon``); a binary copied elsewhere on its own has none. The cases carry
/// paths of the installation only, never anything read from a CV.
public enum DetectionError: ReportableError, Equatable {
    /// No `Data` folder of word lists in `cvsieve_Detection.resources` beside the executable.
    case lexiconMissing(folder: String)
    /// A list file is missing from the folder, cannot be read, is not UTF-8 or has no entries.
    case lexiconUnreadable(file: String, reason: String)

    public var exitCode: Int32 { 2 }

    public var kind: String { "lexicon" }

    public var description: String {
        switch self {
        case .lexiconMissing(let folder):
            "\(folder): not found: cvsieve reads its word lists (place and person names) from the "
                + "\(Lexicon.bundleName) folder beside its binary. Copy that folder from the build "
                + "(.build/release/\(Lexicon.bundleName)) next to the binary, as `make install` does, "
                + "or run the binary where it was built"
        case .lexiconUnreadable(let file, let reason):
            "\(file): \(reason): reinstall the \(Lexicon.bundleName) folder from the build beside the binary "
                + "(`make install`)"
        }
    }
}
