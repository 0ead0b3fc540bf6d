public import Foundation

/// Where LibreOffice is (`soffice` from `libreoffice-writer-nogui`, installed by `make deps`),
/// and whether the tests run under CI, where a missing one fails instead of skipping.
public enum LibreOffice {
    public static let soffice = "/usr/bin/soffice"
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: soffice) }
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
