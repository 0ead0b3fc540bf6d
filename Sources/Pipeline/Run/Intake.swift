public import Foundation
public import Logging

/// The inbox side of a batch: which files to take, claiming them by atomic rename, and the
/// quarantine with a reason file for what cannot be processed.
public struct Intake: Sendable {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    public var workFolder: String { (config.data as NSString).appendingPathComponent("work") }

    public struct ClaimedFile: Sendable {
        /// The name as dropped (shown in errors and quarantine reasons).
        public var name: String
        public var channel: String?
        /// Where the file is while it is processed.
        public var workPath: String
    }

    /// Names of partial and temporary files that are never taken.
    public static func isIgnored(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix(".~lock")
            || [".part", ".crdownload", ".tmp", ".partial", ".download", ".swp"].contains { lower.hasSuffix($0) }
    }

    /// Candidate files: regular files in the inbox and its channel folders (one level), no links.
    public func scan() -> [(path: String, channel: String?)] {
        var found: [(String, String?)] = []
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: config.inbox) else { return [] }
        for entry in entries.sorted() where !Self.isIgnored(entry) {
            let path = (config.inbox as NSString).appendingPathComponent(entry)
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                let type = attributes[.type] as? FileAttributeType
            else { continue }
            if type == .typeRegular {
                found.append((path, nil))
            } else if type == .typeDirectory {
                let channel = entry
                for name in ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted()
                where !Self.isIgnored(name) {
                    let filePath = (path as NSString).appendingPathComponent(name)
                    let fileType = (try? manager.attributesOfItem(atPath: filePath))?[.type] as? FileAttributeType
                    if fileType == .typeRegular { found.append((filePath, channel)) }
                }
            }
        }
        return found
    }

    /// Claims every file found by renaming it into the work folder (atomic on one file system):
    /// two runs never take the same file, and a crash leaves it in `work/` to be retried.
    public func claimAll(logger: Logger) -> [ClaimedFile] {
        try? FileManager.default.createDirectory(atPath: workFolder, withIntermediateDirectories: true)
        var claimed = leftovers()
        for (path, channel) in scan() {
            let name = (path as NSString).lastPathComponent
            let workName = "\(UUID().uuidString).\(channel ?? "-")"
            let workPath = (workFolder as NSString).appendingPathComponent(workName)
            // The dropped name is kept beside the claim so quarantine can report it.
            let namePath = workPath + ".name"
            guard FileManager.default.createFile(atPath: namePath, contents: Data(name.utf8)) else { continue }
            if rename(path, workPath) == 0 {
                claimed.append(ClaimedFile(name: name, channel: channel, workPath: workPath))
            } else {
                try? FileManager.default.removeItem(atPath: namePath)
                logger.warning("could not claim a file (errno \(errno)); it stays in the inbox")
            }
        }
        return claimed
    }

    /// Files claimed by a run that did not finish (a crash): taken again.
    private func leftovers() -> [ClaimedFile] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: workFolder)) ?? []
        return entries.filter { !$0.hasSuffix(".name") }.sorted().map { entry in
            let workPath = (workFolder as NSString).appendingPathComponent(entry)
            let name = (try? String(contentsOfFile: workPath + ".name", encoding: .utf8)) ?? entry
            let channelPart = entry.split(separator: ".").dropFirst().first.map(String.init)
            return ClaimedFile(name: name, channel: channelPart == "-" ? nil : channelPart, workPath: workPath)
        }
    }

    /// Removes a processed file and its name record from the work folder.
    public func release(_ file: ClaimedFile) {
        try? FileManager.default.removeItem(atPath: file.workPath)
        try? FileManager.default.removeItem(atPath: file.workPath + ".name")
    }

    /// Moves a claimed file to `quarantine/<time>-<n>/` with `reason.txt` (kind, reason, what to do).
    public func quarantine(_ file: ClaimedFile, kind: String, reason: String, logger: Logger) {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let folder = (config.quarantineFolder as NSString).appendingPathComponent(
            "\(stamp)-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let target = (folder as NSString).appendingPathComponent(Self.safeName(file.name))
            try FileManager.default.moveItem(atPath: file.workPath, toPath: target)
            let text =
                "file: \(file.name)\nchannel: \(file.channel ?? "-")\nkind: \(kind)\nreason: \(reason)\n"
                + "retry: cvsieve retry \((folder as NSString).lastPathComponent)\n"
            try text.write(
                toFile: (folder as NSString).appendingPathComponent("reason.txt"), atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: file.workPath + ".name")
            logger.warning(
                "quarantined a file",
                metadata: [
                    "cvsieve.reason": "\(kind)", "quarantine.folder": "\((folder as NSString).lastPathComponent)",
                ])
        } catch {
            logger.error(
                "could not quarantine a file; it stays in the work folder", metadata: ["cvsieve.reason": "\(kind)"])
        }
    }

    /// A file name safe to write: no path separators, no control characters.
    static func safeName(_ name: String) -> String {
        let cleaned = name.unicodeScalars.map { $0 == "/" || $0.value < 32 ? "_" : Character($0) }
        let result = String(cleaned)
        return result.isEmpty || result == "." || result == ".." ? "file" : result
    }
}

extension Intake {
    /// Quarantined files per error kind, from each folder's `reason.txt`.
    public func quarantineReasons() -> [String: Int] {
        var counts: [String: Int] = [:]
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: config.quarantineFolder)) ?? []
        for folder in folders {
            let path = (config.quarantineFolder as NSString).appendingPathComponent("\(folder)/reason.txt")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let kind =
                text.split(separator: "\n").first { $0.hasPrefix("kind: ") }.map { String($0.dropFirst(6)) }
                ?? "unknown"
            counts[kind, default: 0] += 1
        }
        return counts
    }
}
