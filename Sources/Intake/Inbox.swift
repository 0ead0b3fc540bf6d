public import Foundation
import Glibc
public import Logging

/// The inbox side of intake: which files to take, claiming them by atomic rename, the retry of
/// files a crash left behind, and the quarantine with a reason file for what cannot be processed.
///
/// Nothing is lost: a file is always in exactly one place — the inbox, `work/` (claimed, being
/// processed), `quarantine/<id>/` (with `reason.txt`), or gone because it was stored.
public struct Inbox: Sendable {
    public let inbox: String
    public let workFolder: String
    public let quarantineFolder: String

    /// - Parameters:
    ///   - inbox: the folder recruiters drop files into; its subfolders are channels.
    ///   - data: the data folder, which holds `work/` and `quarantine/`.
    public init(inbox: String, data: String) {
        self.inbox = inbox
        workFolder = (data as NSString).appendingPathComponent("work")
        quarantineFolder = (data as NSString).appendingPathComponent("quarantine")
    }

    /// A file taken from the inbox.
    public struct ClaimedFile: Sendable, Hashable {
        /// The name as dropped (shown in errors and quarantine reasons).
        public var name: String
        public var channel: String?
        /// Where the file is while it is processed.
        public var workPath: String
    }

    /// A file in the inbox, not yet claimed.
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var channel: String?
        public var isSymlink: Bool

        public init(path: String, channel: String?, isSymlink: Bool) {
            self.path = path
            self.channel = channel
            self.isSymlink = isSymlink
        }
    }

    /// Names of partial and temporary files that are never taken.
    public static func isIgnored(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix(".~lock")
            || [".part", ".crdownload", ".tmp", ".partial", ".download", ".swp"].contains { lower.hasSuffix($0) }
    }

    /// Files in the inbox and its channel folders (one level). Symbolic links are listed (to be
    /// quarantined, never followed); everything else that is not a regular file is left alone.
    public func scan() -> [Entry] {
        var found: [Entry] = []
        for (folder, channel) in [(inbox, nil as String?)]
            + channels().map { ((inbox as NSString).appendingPathComponent($0), $0) }
        {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !Self.isIgnored(name)
            {
                let path = (folder as NSString).appendingPathComponent(name)
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                if type == S_IFREG || type == S_IFLNK {
                    found.append(Entry(path: path, channel: channel, isSymlink: type == S_IFLNK))
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Renames files whose names are not valid UTF-8 (which Foundation cannot list) to the same
    /// name with U+FFFD for each invalid byte, so they are taken like any other file instead of
    /// lying unseen in the inbox. Returns how many were renamed.
    @discardableResult
    public func repairNames() -> Int {
        var renamed = 0
        for folder in [inbox] + channels().map({ (inbox as NSString).appendingPathComponent($0) }) {
            guard let directory = opendir(folder) else { continue }
            var invalid: [[UInt8]] = []
            while let entry = readdir(directory) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) == nil { invalid.append(bytes) }
            }
            closedir(directory)
            for bytes in invalid {
                let repaired = String(decoding: bytes, as: UTF8.self)
                let target = (folder as NSString).appendingPathComponent(repaired)
                guard !FileManager.default.fileExists(atPath: target) else { continue }
                let source = Array(folder.utf8) + [UInt8(ascii: "/")] + bytes + [0]
                let moved = source.withUnsafeBufferPointer { pointer in
                    pointer.withMemoryRebound(to: CChar.self) { rename($0.baseAddress, target) }
                }
                if moved == 0 { renamed += 1 }
            }
        }
        return renamed
    }

    /// Channel folders: the inbox's subdirectories (not links).
    public func channels() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).filter { name in
            var info = stat()
            return !Self.isIgnored(name) && lstat((inbox as NSString).appendingPathComponent(name), &info) == 0
                && info.st_mode & S_IFMT == S_IFDIR
        }.sorted()
    }

    /// Claims one file by renaming it into the work folder: atomic on one file system, so two
    /// processes never take the same file, and a crash leaves it in `work/` to be retried.
    public func claim(_ entry: Entry) -> ClaimedFile? {
        try? FileManager.default.createDirectory(atPath: workFolder, withIntermediateDirectories: true)
        let name = (entry.path as NSString).lastPathComponent
        let workPath = (workFolder as NSString).appendingPathComponent(UUID().uuidString)
        // The dropped name and channel are kept beside the claim, so a retry or quarantine can report them.
        let record = "\(entry.channel ?? "")\n\(name)"
        guard FileManager.default.createFile(atPath: workPath + ".name", contents: Data(record.utf8)) else {
            return nil
        }
        guard rename(entry.path, workPath) == 0 else {
            try? FileManager.default.removeItem(atPath: workPath + ".name")
            return nil
        }
        return ClaimedFile(name: name, channel: entry.channel, workPath: workPath)
    }

    /// Files a previous process claimed and did not finish (it crashed or was killed). Each is
    /// retried once; a file found a second time is quarantined, since it may be what crashed it.
    public func leftovers(logger: Logger) -> [ClaimedFile] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: workFolder)) ?? []
        var retry: [ClaimedFile] = []
        for entry in entries.sorted() where !entry.contains(".") {
            let workPath = (workFolder as NSString).appendingPathComponent(entry)
            let record = (try? String(contentsOfFile: workPath + ".name", encoding: .utf8)) ?? "\n\(entry)"
            let lines = record.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let channel = lines.first.map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let name = lines.count > 1 ? String(lines[1]) : entry
            let file = ClaimedFile(name: name, channel: channel, workPath: workPath)
            let marker = workPath + ".retried"
            if FileManager.default.fileExists(atPath: marker) {
                try? FileManager.default.removeItem(atPath: marker)
                quarantine(
                    file, kind: "interrupted_twice",
                    reason: "processing stopped twice while this file was in hand (crash or kill); it may be what "
                        + "crashed the process: inspect it before retrying", logger: logger)
            } else {
                FileManager.default.createFile(atPath: marker, contents: nil)
                retry.append(file)
            }
        }
        return retry
    }

    /// Removes a processed file and its records from the work folder.
    public func release(_ file: ClaimedFile) {
        for suffix in ["", ".name", ".retried"] { try? FileManager.default.removeItem(atPath: file.workPath + suffix) }
    }

    /// Moves a claimed file to `quarantine/<time>-<id>/` with `reason.txt` (kind, reason, what to do).
    public func quarantine(_ file: ClaimedFile, kind: String, reason: String, logger: Logger) {
        let id = Self.quarantineID()
        let folder = (quarantineFolder as NSString).appendingPathComponent(id)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let target = (folder as NSString).appendingPathComponent(Self.safeName(file.name))
            try FileManager.default.moveItem(atPath: file.workPath, toPath: target)
            let text =
                "file: \(file.name)\nchannel: \(file.channel ?? "")\nkind: \(kind)\nreason: \(reason)\n"
                + "retry: cvsieve retry \(id)\n"
            try text.write(
                toFile: (folder as NSString).appendingPathComponent("reason.txt"), atomically: true, encoding: .utf8)
            for suffix in [".name", ".retried"] { try? FileManager.default.removeItem(atPath: file.workPath + suffix) }
            logger.warning("quarantined a file", metadata: ["cvsieve.reason": "\(kind)", "quarantine.id": "\(id)"])
        } catch {
            logger.error(
                "could not quarantine a file; it stays in the work folder", metadata: ["cvsieve.reason": "\(kind)"])
        }
    }

    /// Quarantines an inbox entry that is never claimed: a symbolic link (moved as a link, never followed).
    public func quarantine(_ entry: Entry, kind: String, reason: String, logger: Logger) {
        guard let claimed = claim(entry) else { return }
        quarantine(claimed, kind: kind, reason: reason, logger: logger)
    }

    static func quarantineID() -> String {
        let stamp = ISO8601DateFormatter().string(from: Date()).filter { $0 != ":" && $0 != "-" }
        return "\(stamp)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A file name safe to write: no path separators, no control characters, valid UTF-8.
    static func safeName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { $0 == "/" || $0.value < 32 ? "_" : Character($0) })
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "file" : cleaned
    }

    // MARK: - Quarantine listing and retry

    /// One quarantined file, from its `reason.txt`.
    public struct QuarantinedFile: Codable, Sendable {
        public var id: String
        public var file: String
        public var channel: String?
        public var kind: String
        public var reason: String
    }

    public func quarantined() -> [QuarantinedFile] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: quarantineFolder)) ?? []
        return folders.sorted().compactMap { id in
            let path = (quarantineFolder as NSString).appendingPathComponent("\(id)/reason.txt")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(
                    in: .whitespaces)
            }
            return QuarantinedFile(
                id: id, file: fields["file"] ?? "?", channel: fields["channel"].flatMap { $0.isEmpty ? nil : $0 },
                kind: fields["kind"] ?? "unknown", reason: fields["reason"] ?? "")
        }
    }

    /// Quarantined files per error kind.
    public func quarantineReasons() -> [String: Int] {
        var counts: [String: Int] = [:]
        for file in quarantined() { counts[file.kind, default: 0] += 1 }
        return counts
    }

    /// Puts a quarantined file back into its channel folder of the inbox (`cvsieve retry`).
    /// Returns false when there is no such quarantine entry.
    public func retry(_ id: String) throws -> Bool {
        guard let entry = quarantined().first(where: { $0.id == id }) else { return false }
        let folder = (quarantineFolder as NSString).appendingPathComponent(id)
        let target = entry.channel.map { (inbox as NSString).appendingPathComponent($0) } ?? inbox
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let source = (folder as NSString).appendingPathComponent(Self.safeName(entry.file))
        var destination = (target as NSString).appendingPathComponent(Self.safeName(entry.file))
        if FileManager.default.fileExists(atPath: destination) {
            destination = (target as NSString).appendingPathComponent("retry-\(id)-\(Self.safeName(entry.file))")
        }
        try FileManager.default.moveItem(atPath: source, toPath: destination)
        try FileManager.default.removeItem(atPath: folder)
        return true
    }
}
