public import CVModel
public import Foundation
import Glibc
public import Logging

extension Inbox {
    /// A reason text safe to write and print: one line, no control characters.
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    static func quarantineID() -> String {
        let stamp = ISO8601DateFormatter().string(from: Date()).filter { $0 != ":" && $0 != "-" }
        return "\(stamp)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Whether `id` has the shape of a quarantine id (`20261130T051200Z-1a2b3c4d`): nothing else,
    /// no `/` and no `..`, ever reaches a path.
    static func isQuarantineID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 16 && parts[1].count == 8
            && parts[0].allSatisfy { $0.isASCII && ($0.isNumber || $0 == "T" || $0 == "Z") }
            && parts[1].allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    /// Moves a claimed file to `quarantine/<id>/original` with `reason.json`. The folder appears
    /// only once both are complete (built under a hidden name, then renamed); when anything fails
    /// (a full disk) the file stays claimed in the work folder and `nil` is returned.
    @discardableResult
    public func quarantine(_ claim: Claim, reason: QuarantineReason, detail: String, logger: Logger)
        -> QuarantineEntry?
    {
        DataFolder.create(quarantineFolder)
        let id = Self.quarantineID()
        let building = (quarantineFolder as NSString).appendingPathComponent(".building-\(id)")
        let folder = (quarantineFolder as NSString).appendingPathComponent(id)
        let entry = QuarantineEntry(
            id: id, claim: claim.id, channel: claim.channel, reason: reason, detail: Self.clean(detail), at: Date(),
            extension: Claim.safeExtension(of: claim.droppedName)
                ?? (FileManager.default.contents(atPath: claim.recordPath).flatMap {
                    try? JSONDecoder().decode(Claim.Record.self, from: $0)
                }?.extension))
        let original = (building as NSString).appendingPathComponent("original")
        var moved = false
        // reason.json first, then the file, then the folder's final name: a crash in between
        // leaves a `.building-` folder that ``recoverQuarantines()`` completes (file inside) or
        // removes (file still claimed in the work folder).
        do throws(FileMover.Failure) {
            guard mkdir(building, 0o700) == 0 else { throw .errno(errno) }
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            guard let data = try? encoder.encode(entry) else { throw .errno(EINVAL) }
            try FileMover.writeAtomically(data, to: (building as NSString).appendingPathComponent("reason.json"))
            try FileMover.move(claim.workPath, to: original)
            moved = true
            guard rename(building, folder) == 0 else { throw .errno(errno) }
        } catch {
            if moved { try? FileMover.move(original, to: claim.workPath) }
            try? FileManager.default.removeItem(atPath: building)
            logger.error(
                "could not quarantine a file; it stays claimed in the work folder",
                metadata: ["cvsieve.reason": "\(reason.rawValue)", "claim.id": "\(claim.id)"])
            return nil
        }
        unlink(claim.recordPath)
        logger.warning(
            "quarantined a file",
            metadata: ["cvsieve.reason": "\(reason.rawValue)", "quarantine.id": "\(id)", "claim.id": "\(claim.id)"])
        return entry
    }

    /// Completes or undoes quarantines a crash cut short: a `.building-<id>` folder with its file
    /// is renamed to `<id>` (its reason.json was written first); one without its file is removed
    /// (the file is still claimed in the work folder and is taken again).
    public func recoverQuarantines() {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: quarantineFolder)) ?? []
        for name in folders where name.hasPrefix(".building-") {
            let building = (quarantineFolder as NSString).appendingPathComponent(name)
            let id = String(name.dropFirst(".building-".count))
            let hasFile = FileManager.default.fileExists(
                atPath: (building as NSString).appendingPathComponent("original"))
            let hasReason = FileManager.default.fileExists(
                atPath: (building as NSString).appendingPathComponent("reason.json"))
            if hasFile && hasReason && Self.isQuarantineID(id) {
                rename(building, (quarantineFolder as NSString).appendingPathComponent(id))
            } else if !hasFile {
                try? FileManager.default.removeItem(atPath: building)
            }
        }
    }

    /// Quarantines an inbox entry that is never processed (a symbolic link, moved as a link,
    /// never followed).
    public func quarantine(_ entry: Entry, reason: QuarantineReason, detail: String, logger: Logger)
        -> QuarantineEntry?
    {
        guard case .claimed(let claim) = claim(entry) else { return nil }
        return quarantine(claim, reason: reason, detail: detail, logger: logger)
    }

    // MARK: - Listing and retry

    /// Every quarantine entry; folders without a readable `reason.json` are listed as
    /// malformed ids (written by an older cvsieve, or edited by hand).
    public func quarantined() -> (entries: [QuarantineEntry], malformed: [String]) {
        var entries: [QuarantineEntry] = []
        var malformed: [String] = []
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for id in ((try? FileManager.default.contentsOfDirectory(atPath: quarantineFolder)) ?? []).sorted()
        where !id.hasPrefix(".") {
            let path = (quarantineFolder as NSString).appendingPathComponent("\(id)/reason.json")
            if Self.isQuarantineID(id), let data = FileManager.default.contents(atPath: path),
                let entry = try? decoder.decode(QuarantineEntry.self, from: data), entry.id == id
            {
                entries.append(entry)
            } else {
                malformed.append(Self.isQuarantineID(id) ? id : "(a folder not made by cvsieve)")
            }
        }
        return (entries, malformed)
    }

    /// The path of a quarantined file (`quarantine/<id>/original`), for the page view. Only an
    /// id of the quarantine shape reaches a path; the file itself is read by a worker, with
    /// `O_NOFOLLOW`, like any inbox file.
    public func quarantinedOriginal(_ id: String) throws(IntakeError) -> String {
        guard Self.isQuarantineID(id) else { throw .noSuchQuarantineEntry(id: Self.clean(String(id.prefix(40)))) }
        let path = (quarantineFolder as NSString).appendingPathComponent("\(id)/original")
        guard FileManager.default.fileExists(atPath: path) else { throw .noSuchQuarantineEntry(id: id) }
        return path
    }

    /// Quarantined files per reason.
    public func quarantineReasons() -> [QuarantineReason: Int] {
        var counts: [QuarantineReason: Int] = [:]
        for entry in quarantined().entries { counts[entry.reason, default: 0] += 1 }
        return counts
    }

    /// Puts a quarantined file back into the inbox folder it came from (`cvsieve retry`), as
    /// `retry-<id>.<ext>`. Only an existing channel folder is a target — found by its configured
    /// name or by its name's hash — and the resolved path must lie inside the inbox.
    public func retry(_ id: String) throws(IntakeError) {
        guard Self.isQuarantineID(id) else { throw .noSuchQuarantineEntry(id: Self.clean(String(id.prefix(40)))) }
        let folder = (quarantineFolder as NSString).appendingPathComponent(id)
        guard FileManager.default.fileExists(atPath: folder) else { throw .noSuchQuarantineEntry(id: id) }
        guard let entry = quarantined().entries.first(where: { $0.id == id }) else {
            throw .malformedQuarantineEntry(id: id)
        }
        let channelFolder: String
        switch entry.channel {
        case .root:
            channelFolder = inbox
        case .configured(let name):
            guard channels().contains(name) else { throw .channelGone(id: id) }
            channelFolder = (inbox as NSString).appendingPathComponent(name)
        case .unconfigured(let hash):
            guard let name = channels().first(where: { ChannelRef.nameHash($0) == hash }) else {
                throw .channelGone(id: id)
            }
            channelFolder = (inbox as NSString).appendingPathComponent(name)
        }
        let name = "retry-\(id)" + (entry.extension.map { ".\($0)" } ?? "")
        let target = (channelFolder as NSString).appendingPathComponent(name)
        let resolvedInbox = URL(fileURLWithPath: inbox).resolvingSymlinksInPath().path
        let resolvedFolder = URL(fileURLWithPath: channelFolder).resolvingSymlinksInPath().path
        guard resolvedFolder == resolvedInbox || resolvedFolder.hasPrefix(resolvedInbox + "/") else {
            throw .retryFailed(id: id, reason: "its channel folder resolves outside the inbox")
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw .retryFailed(id: id, reason: "a file of that name is already waiting in the inbox")
        }
        let source = (folder as NSString).appendingPathComponent("original")
        do throws(FileMover.Failure) {
            try FileMover.move(source, to: target)
        } catch {
            guard case .errno(let code) = error else { return }
            throw .retryFailed(id: id, reason: IntakeError.describe(errno: code))
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
