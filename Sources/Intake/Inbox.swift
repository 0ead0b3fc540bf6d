public import CVModel
public import Foundation
import Glibc
public import Logging
import Synchronization

/// The inbox side of intake: which files to take, claiming them by atomic rename, the journal
/// that lets a restart resume, and the retry of files a crash left behind.
///
/// Nothing is lost: a file is always in exactly one place — the inbox, the work folder (claimed,
/// with a `.claim` journal beside it), `quarantine/<id>/` (with `reason.json`), or gone because
/// it was stored. Names from the inbox (files, folders) are personal data: nothing this type
/// writes or reports contains one (see ``Claim`` and ``ChannelRef``).
public struct Inbox: Sendable {
    public let inbox: String
    public let data: String
    public let quarantineFolder: String
    /// Channel folders that pipeline.yml names.
    public let configuredChannels: Set<String>
    /// This process's name among several sharing one inbox and one vault (PostgreSQL): its
    /// claimed files live in a work folder of that name, so a restart (or another process,
    /// once this one's lease ran out) knows whose they are. `nil`: the only process (SQLite).
    public let worker: String?

    /// - Parameters:
    ///   - inbox: the folder recruiters drop files into; its subfolders are channels.
    ///   - data: the data folder, which holds `work/` and `quarantine/`.
    ///   - configuredChannels: the channel folders pipeline.yml names.
    ///   - worker: this process's name among several sharing the inbox (``worker``).
    public init(inbox: String, data: String, configuredChannels: Set<String> = [], worker: String? = nil) {
        self.inbox = inbox
        self.data = data
        self.configuredChannels = configuredChannels
        self.worker = worker
        quarantineFolder = (data as NSString).appendingPathComponent("quarantine")
    }

    /// The work folder in `data`, used when the inbox lies on the same file system.
    public var dataWorkFolder: String { Self.workFolder(in: (data as NSString).appendingPathComponent("work"), worker) }
    /// The work folder inside the inbox (hidden), used when `data` lies on another file system,
    /// so a claim stays an atomic rename.
    public var inboxWorkFolder: String {
        Self.workFolder(in: (inbox as NSString).appendingPathComponent(".cvsieve-work"), worker)
    }

    private static func workFolder(in base: String, _ worker: String?) -> String {
        worker.map { (base as NSString).appendingPathComponent($0) } ?? base
    }

    /// Moves the files another worker claimed (its lease ran out: it died) into this worker's
    /// work folders, journals with them; returns how many files came over. A file whose journal
    /// did not come along counts as having been in hand (retried once, as after a crash). They
    /// come back sorted as ``leftovers(logger:)`` sorts a restart's files.
    public func adopt(worker other: String) -> (retry: [Claim], interruptedTwice: [Claim]) {
        var retry: [Claim] = []
        var interruptedTwice: [Claim] = []
        for (base, own) in [
            ((data as NSString).appendingPathComponent("work"), dataWorkFolder),
            ((inbox as NSString).appendingPathComponent(".cvsieve-work"), inboxWorkFolder),
        ] {
            let folder = (base as NSString).appendingPathComponent(other)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            DataFolder.create(own)
            // Journals first: a file never arrives before its journal could.
            for name in names.sorted(by: { $0.hasSuffix(".claim") && !$1.hasSuffix(".claim") }) {
                let from = (folder as NSString).appendingPathComponent(name)
                // A journal or copy the dead process was still writing, or a journal it kept for
                // reuse: debris, not a file.
                if name.hasSuffix(".tmp") || name.hasSuffix(".copying") || name.hasPrefix(Self.sparePrefix) {
                    unlink(from)
                    continue
                }
                let to = (own as NSString).appendingPathComponent(name)
                if rename(from, to) == 0, name.hasPrefix("k"), !name.contains(".") {
                    recover(to, retry: &retry, twice: &interruptedTwice)
                }
            }
            rmdir(folder)
        }
        return (retry, interruptedTwice)
    }

    /// Where claimed files go: `data/work` when a rename from the inbox reaches it, else the
    /// hidden work folder inside the inbox; always the latter for one of several processes.
    public var workFolder: String {
        // Several processes: in the inbox, which they all share, so one can take over another's.
        if worker != nil { return inboxWorkFolder }
        var inboxInfo = stat()
        var dataInfo = stat()
        if stat(inbox, &inboxInfo) == 0, stat(data, &dataInfo) == 0, inboxInfo.st_dev != dataInfo.st_dev {
            return inboxWorkFolder
        }
        return dataWorkFolder
    }

    /// Makes the folders intake needs and proves a file can be claimed (a rename from the inbox
    /// into the work folder); fails with a clear error before any file is touched otherwise.
    public func prepare() throws(IntakeError) {
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        DataFolder.create(data)
        let work = workFolder
        DataFolder.create(work)
        let probe = (inbox as NSString).appendingPathComponent(".cvsieve-probe-\(getpid())")
        guard FileManager.default.createFile(atPath: probe, contents: nil) else {
            throw .cannotClaim(inbox: inbox, reason: "cannot write in it: \(IntakeError.describe(errno: errno))")
        }
        let target = (work as NSString).appendingPathComponent(".probe-\(getpid())")
        defer {
            unlink(probe)
            unlink(target)
        }
        guard rename(probe, target) == 0 else {
            throw .cannotClaim(
                inbox: inbox, reason: "a rename into \(work) fails: \(IntakeError.describe(errno: errno))")
        }
    }

    // MARK: - Scanning

    /// A file in the inbox, not yet claimed.
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var channel: ChannelRef
        public var isSymlink: Bool

        public init(path: String, channel: ChannelRef, isSymlink: Bool) {
            self.path = path
            self.channel = channel
            self.isSymlink = isSymlink
        }

        /// The name as dropped: for the terminal's progress line and detection, never written.
        public var droppedName: String { (path as NSString).lastPathComponent }
    }

    /// What the inbox holds that intake never takes, so it is reported instead of lying unseen.
    public enum SkippedKind: String, Codable, Sendable, CaseIterable {
        /// A folder inside a channel folder (channels are one level deep).
        case nestedFolder = "nested_folder"
        /// A FIFO, socket or device.
        case specialFile = "special_file"
    }

    /// One look at the inbox.
    public struct Scan: Sendable {
        public var entries: [Entry]
        public var skipped: [SkippedKind: Int]
    }

    /// Names of partial and temporary files that are never taken.
    public static func isIgnored(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix(".~lock")
            || [".part", ".crdownload", ".tmp", ".partial", ".download", ".swp"].contains { lower.hasSuffix($0) }
    }

    /// The channel a folder of the inbox stands for.
    public func channel(forFolder name: String) -> ChannelRef {
        configuredChannels.contains(name) ? .configured(name) : .unconfigured(nameHash: ChannelRef.nameHash(name))
    }

    /// Files in the inbox and its channel folders (one level). Symbolic links are listed (to be
    /// quarantined, never followed); nested folders and special files are counted as skipped.
    public func scan() -> Scan {
        var scan = Scan(entries: [], skipped: [:])
        let folders =
            [(inbox, ChannelRef.root)]
            + channels().map { ((inbox as NSString).appendingPathComponent($0), channel(forFolder: $0)) }
        for (folder, channel) in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !Self.isIgnored(name)
            {
                let path = (folder as NSString).appendingPathComponent(name)
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG, S_IFLNK:
                    scan.entries.append(
                        Entry(path: path, channel: channel, isSymlink: info.st_mode & S_IFMT == S_IFLNK))
                case S_IFDIR:
                    if channel != .root { scan.skipped[.nestedFolder, default: 0] += 1 }
                default:
                    scan.skipped[.specialFile, default: 0] += 1
                }
            }
        }
        scan.entries.sort { $0.path < $1.path }
        return scan
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

    /// Channel folders: the inbox's subdirectories (not links, not hidden).
    public func channels() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).filter { name in
            var info = stat()
            return !Self.isIgnored(name) && lstat((inbox as NSString).appendingPathComponent(name), &info) == 0
                && info.st_mode & S_IFMT == S_IFDIR
        }.sorted()
    }

    // MARK: - Claims

    /// What happened when a file was to be claimed.
    public enum ClaimResult: Sendable {
        case claimed(Claim)
        /// Someone else took it first, or it went away: nothing to do.
        case gone
        /// The journal could not be written (a full disk): the file stays in the inbox.
        case failed(IntakeError)
    }

    /// Claims one file: writes its journal, then renames it into the work folder (atomic on one
    /// file system, so two processes never take the same file, and a crash leaves it either in
    /// the inbox or claimed with its journal).
    ///
    /// With `inHand`, the file goes to a worker at once (`run` claims a file only when a worker
    /// asks): the journal says so from the start, and ``markInHand(_:)`` has nothing to add — one
    /// journal file written per claim instead of two.
    public func claim(_ entry: Entry, inHand: Bool = false) -> ClaimResult {
        let work = workFolder
        let id = Claim.newID()
        let workPath = (work as NSString).appendingPathComponent(id)
        var claim = Claim(
            id: id, channel: entry.channel, droppedName: entry.droppedName, workPath: workPath, sourcePath: entry.path,
            attempts: inHand ? 1 : 0)
        claim.isClaimedInHand = inHand
        do throws(FileMover.Failure) {
            let data = try recordData(claim, isInHand: inHand)
            do {
                try writeClaimRecord(data, to: claim.recordPath, in: work)
            } catch .errno(ENOENT) {
                // `prepare()` made the work folder; made again only if it went away since (an
                // operator's clean-up), rather than a directory creation and chmod per claim.
                DataFolder.create(work)
                try writeClaimRecord(data, to: claim.recordPath, in: work)
            }
        } catch {
            if case .errno(let code) = error, code == ENOSPC || code == EDQUOT { return .failed(.diskFull(path: work)) }
            return .failed(.cannotClaim(inbox: inbox, reason: "cannot write the claim journal"))
        }
        guard rename(entry.path, workPath) == 0 else {
            let failure = errno
            unlink(claim.recordPath)
            if failure == ENOENT { return .gone }
            return .failed(.cannotClaim(inbox: inbox, reason: IntakeError.describe(errno: failure)))
        }
        chmod(workPath, 0o600)
        claim.sourcePath = entry.path
        return .claimed(claim)
    }

    /// Notes in the journal that a worker is about to take the file: only a file in hand when the
    /// process died counts as an interrupted attempt.
    public func markInHand(_ claim: inout Claim) {
        if claim.isClaimedInHand {
            claim.isClaimedInHand = false
            return
        }
        claim.attempts += 1
        // Over the waiting journal in place when it fits (no new file: creating one per claim
        // while others are deleted is what a burst pays most for on ext4), else a new journal.
        if let data = try? recordData(claim, isInHand: true), Self.overwrite(claim.recordPath, with: data) { return }
        try? writeRecord(claim, isInHand: true)
    }

    func writeRecord(_ claim: Claim, isInHand: Bool) throws(FileMover.Failure) {
        // Not synced: a kill keeps the page cache, and after a power cut a lost journal only
        // makes the file count as interrupted once (the conservative side).
        try FileMover.writeAtomically(try recordData(claim, isInHand: isInHand), to: claim.recordPath, sync: false)
    }

    private func recordData(_ claim: Claim, isInHand: Bool) throws(FileMover.Failure) -> Data {
        let record = Claim.Record(
            channel: claim.channel, attempts: claim.attempts, isInHand: isInHand,
            extension: Claim.safeExtension(of: claim.droppedName ?? ""))
        guard let data = try? JSONEncoder().encode(record) else { throw .errno(EINVAL) }
        return data
    }

    /// A new claim's journal: a journal a released claim left for reuse, written while it still
    /// has its spare name and then renamed into place (the journal is whole before it is there,
    /// as with a new file), else a new file. Reusing saves creating and deleting a file per
    /// claim, which on ext4 without a journal costs a search past recently deleted inodes.
    private func writeClaimRecord(_ data: Data, to path: String, in work: String) throws(FileMover.Failure) {
        if let spare = Self.takeSpareJournal(in: work) {
            if Self.overwrite(spare, with: data, growing: true), rename(spare, path) == 0 { return }
            unlink(spare)
        }
        try FileMover.writeAtomically(data, to: path, sync: false)
    }

    /// Released journals kept for the next claims, per work folder (this process's own), at most
    /// ``maxSpareJournals`` each. A restart or another process finding them removes them.
    private struct SpareJournals {
        var byFolder: [String: [String]] = [:]
        var next = 0
    }

    private static let spares = Mutex(SpareJournals())
    static let sparePrefix = "spare-"
    static let maxSpareJournals = 64

    /// Deletes the journals this process kept for reuse (at the end of a run or a watch), so a
    /// work folder holds only claimed files and their journals once nothing is in progress.
    public func dropSpareJournals() {
        for folder in Set([dataWorkFolder, inboxWorkFolder]) {
            for path in Self.spares.withLock({ $0.byFolder.removeValue(forKey: folder) ?? [] }) { unlink(path) }
        }
    }

    private static func takeSpareJournal(in folder: String) -> String? {
        spares.withLock { $0.byFolder[folder]?.popLast() }
    }

    /// Renames a released claim's journal to a spare name for reuse; `false` when there are
    /// enough spares or the rename failed (the caller deletes it).
    private static func keepSpareJournal(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        let name: String? = spares.withLock { state in
            guard state.byFolder[folder, default: []].count < maxSpareJournals else { return nil }
            state.next += 1
            return (folder as NSString).appendingPathComponent("\(sparePrefix)\(state.next)")
        }
        guard let name, rename(path, name) == 0 else { return false }
        spares.withLock { $0.byFolder[folder, default: []].append(name) }
        return true
    }

    /// Writes `data` over the start of the existing file at `path`, padded with spaces (JSON's
    /// whitespace) to the file's length, in one write: the file is never shorter or half old,
    /// half new to a reader after a kill (one write of under a page). `false`, changing nothing,
    /// when the file is gone or shorter than `data` — unless `growing` (a file no reader looks
    /// at yet), which lengthens it.
    static func overwrite(_ path: String, with data: Data, growing: Bool = false) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, growing || status.st_size >= data.count, status.st_size <= 4096 else {
            return false
        }
        let padded = data + Data(repeating: UInt8(ascii: " "), count: max(0, Int(status.st_size) - data.count))
        let written = padded.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return written == padded.count
    }

    /// Files a previous process claimed and did not finish (it crashed or was killed). A file
    /// that was only waiting is taken again as it was; a file that was in a worker's hands is
    /// retried once, and quarantined when it was in hand at two interruptions, since it may be
    /// what stopped the process.
    ///
    /// Files in hand at two interruptions come back as `interruptedTwice` for the caller to settle:
    /// one may have been stored just before the second kill (then it is released, not quarantined).
    public func leftovers(logger: Logger) -> (retry: [Claim], interruptedTwice: [Claim]) {
        recoverQuarantines()
        var retry: [Claim] = []
        var interruptedTwice: [Claim] = []
        for work in Set([dataWorkFolder, inboxWorkFolder]) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? []
            for name in names.sorted() where name.hasPrefix("k") && !name.contains(".") {
                recover((work as NSString).appendingPathComponent(name), retry: &retry, twice: &interruptedTwice)
            }
            // Journals an earlier process kept for reuse (this one's own are in its list).
            let own = Set(Self.spares.withLock { $0.byFolder[work] ?? [] })
            for name in names where name.hasPrefix(Self.sparePrefix) {
                let path = (work as NSString).appendingPathComponent(name)
                if !own.contains(path) { unlink(path) }
            }
            // Journals and copies whose file is gone (finished, or a copy a crash cut short).
            for name in names where name.hasSuffix(".claim") || name.hasSuffix(".copying") || name.hasSuffix(".tmp") {
                let base = String(name.prefix { $0 != "." })
                if !names.contains(base) || !name.hasSuffix(".claim") {
                    unlink((work as NSString).appendingPathComponent(name))
                }
            }
        }
        return (retry, interruptedTwice)
    }

    /// Sorts one file a stopped process left claimed, by its journal: waiting (taken again as it
    /// was), in hand once (retried), or in hand at two interruptions (for the caller to settle).
    private func recover(_ workPath: String, retry: inout [Claim], twice: inout [Claim]) {
        let record = FileManager.default.contents(atPath: workPath + ".claim").flatMap {
            try? JSONDecoder().decode(Claim.Record.self, from: $0)
        }
        var claim = Claim(
            id: (workPath as NSString).lastPathComponent, channel: record?.channel ?? .root, droppedName: nil,
            workPath: workPath, sourcePath: nil, attempts: record?.attempts ?? 1)
        if let record, !record.isInHand {
            retry.append(claim)
        } else if claim.attempts >= 2 {
            twice.append(claim)
        } else {
            claim.attempts = max(claim.attempts, 1)
            try? writeRecord(claim, isInHand: false)
            retry.append(claim)
        }
    }

    /// Why a file in hand at two interruptions is quarantined.
    public static let interruptedTwiceDetail =
        "processing stopped twice while this file was in hand (crash or kill); it may be what stopped the "
        + "process: inspect it before retrying"

    /// Files waiting in the work folders (claimed, not finished).
    public func inProgressCount() -> Int {
        Set([dataWorkFolder, inboxWorkFolder]).reduce(0) { count, work in
            count
                + ((try? FileManager.default.contentsOfDirectory(atPath: work)) ?? []).filter {
                    $0.hasPrefix("k") && !$0.contains(".")
                }.count
        }
    }

    /// Removes a processed file and its journal from the work folder.
    public func release(_ claim: Claim) {
        unlink(claim.workPath)
        if !Self.keepSpareJournal(claim.recordPath) { unlink(claim.recordPath) }
    }

    /// Gives a claimed file back (the batch stopped before it could be stored: a full disk, a
    /// vault that cannot be written): back where it was dropped when that is known and free,
    /// else it stays in the work folder, waiting, for the next run. Nothing counts as an attempt.
    public func unclaim(_ claim: Claim) {
        if let source = claim.sourcePath, !FileManager.default.fileExists(atPath: source),
            rename(claim.workPath, source) == 0
        {
            unlink(claim.recordPath)
            return
        }
        var waiting = claim
        waiting.attempts = max(0, claim.attempts - 1)
        try? writeRecord(waiting, isInHand: false)
    }
}
