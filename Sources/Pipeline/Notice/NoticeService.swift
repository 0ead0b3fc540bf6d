public import CVModel
public import Foundation
import Glibc
import Intake
public import Logging
public import Vault

/// The information notice use case (GDPR art. 13/14): built from the vault and pipeline.yml,
/// rendered as text, HTML or e-mail, written to a file or `notices.outbox`, and recorded in the
/// audit log (language, format, destination; never the text or a path).
public struct NoticeService: Sendable {
    public let config: PipelineConfig
    public let vault: any Vault
    /// Who acts, for the audit log.
    public let actor: String

    public init(config: PipelineConfig, vault: any Vault, actor: String) {
        self.config = config
        self.vault = vault
        self.actor = actor
    }

    /// Why a notice could not be written.
    public enum Failure: ReportableError {
        case write(path: String, reason: String)

        public var exitCode: Int32 { 1 }
        public var kind: String { "write" }
        public var description: String {
            switch self {
            case .write(let path, let reason): "\(path): cannot write the notice (\(reason))"
            }
        }
    }

    /// A notice written out.
    public struct Written: Codable, Sendable {
        public var code: String
        public var language: NoticeLanguage
        public var format: NoticeFormat
        public var destination: NoticeDestination
        public var path: String
        /// For `.eml`: whether the message has a `To:` (an e-mail address is held); otherwise the
        /// agency sends it another way.
        public var hasRecipient: Bool
    }

    /// What became of the notice `run` or `watch` writes for a new candidate.
    public enum OutboxStatus: String, Codable, Sendable {
        case written
        /// Written without a `To:` header: no usable e-mail address is held.
        case writtenWithoutAddress = "written_without_address"
        case failed
    }

    // MARK: - Building

    /// The notice for `code` in `language`, as of `now`. Reads categories, never opens a value
    /// except the e-mail addresses (for ``Notice/mailbox``); records nothing.
    public func notice(code: String, language: NoticeLanguage, at now: Date) async throws(VaultError) -> Notice {
        let overview = try await vault.overview(of: code)
        let disclosures = try await vault.disclosures(of: code)
        let addresses = try await vault.values(of: code).filter { $0.category == Category.email.rawValue }
        // The most recently collected address: an older one may have passed to someone else.
        let latest = addresses.map(\.collectedAt).max()
        let mailbox = addresses.last { $0.collectedAt == latest }?.value
        let sections = overview.held.map { held -> Notice.PurposeSection in
            let purpose = config.purposes[held.purpose]
            var categories = held.categories
            if held.hasCareer {
                categories.append(KeptField.career.rawValue)
                if purpose?.keepsNarrative == true { categories.append(KeptField.narrative.rawValue) }
            }
            let description = purpose?.description(in: language) ?? ""
            return Notice.PurposeSection(
                purpose: held.purpose, description: description.isEmpty ? held.purpose : description,
                legalBasis: held.legalBasis.flatMap(LegalBasis.init(rawValue:)) ?? purpose?.legalBasis,
                categories: categories, retainUntil: held.retainUntil,
                isKeptWhileAgreementRuns: held.retainUntil == nil,
                retention: purpose?.retention, recipients: purpose?.recipients ?? [],
                mayDiscloseProfiles: purpose?.allowsDisclosure ?? false, consent: overview.consents[held.purpose])
        }
        return Notice(
            code: code, language: language, generatedAt: now, controller: config.export.agency,
            contact: config.notices.contact, purposes: sections,
            sources: overview.documents.map {
                Notice.Source(
                    channel: $0.channel, purpose: $0.purpose, receivedAt: $0.receivedAt,
                    originalRetainUntil: $0.originalRetainUntil)
            },
            hasRectifiedValues: overview.held.contains(where: \.hasRectifiedValues),
            recipients: disclosures.sorted { $0.disclosedAt < $1.disclosedAt }.map {
                Notice.Recipient(client: $0.client, disclosedAt: $0.disclosedAt, fields: $0.fields)
            },
            isRestricted: overview.isRestricted, hasObjected: overview.hasObjected,
            mailbox: mailbox.flatMap { MailAddress.isUsable($0) ? $0 : nil })
    }

    /// The notice in `format`: UTF-8 text, an HTML document, or an `.eml` message.
    public func render(_ notice: Notice, format: NoticeFormat) -> Data {
        switch format {
        case .txt: Data(NoticeRenderer.text(notice).utf8)
        case .html: Data(NoticeRenderer.html(notice).utf8)
        case .eml: NoticeMessage.render(notice, from: config.notices.senderAddress)
        }
    }

    // MARK: - Writing

    /// Builds the notice for `code`, writes it to `path` (mode 0600, atomically) and records it.
    public func write(
        code: String, language: NoticeLanguage, format: NoticeFormat, to path: String,
        destination: NoticeDestination = .file, at now: Date
    ) async throws -> Written {
        let notice = try await notice(code: code, language: language, at: now)
        let bytes = render(notice, format: format)
        do {
            try DataFolder.writePrivateFile(bytes, to: path)
        } catch {
            throw Failure.write(path: path, reason: VaultError.describe(errno: error.errno))
        }
        try await vault.recordNotice(
            code, language: language, format: format, destination: destination, actor: actor, at: now)
        return Written(
            code: code, language: language, format: format, destination: destination, path: path,
            hasRecipient: format == .eml && notice.mailbox != nil)
    }

    /// Writes `<code>.eml` into `notices.outbox` (created 0700 when missing) in
    /// `notices.language`; `nil` when no outbox is configured.
    public func writeToOutbox(code: String, at now: Date) async throws -> Written? {
        guard let outbox = config.notices.outbox else { return nil }
        try Self.createOutbox(outbox)
        return try await write(
            code: code, language: config.notices.language, format: .eml, to: outboxPath(of: code),
            destination: .outbox, at: now)
    }

    /// The outbox file of `code`: named by the code alone, never by a personal value.
    func outboxPath(of code: String) -> String {
        ((config.notices.outbox ?? "") as NSString).appendingPathComponent("\(code).\(NoticeFormat.eml.fileExtension)")
    }

    /// Removes the outbox notices of erased candidates: a notice holds their e-mail address.
    public func removeFromOutbox(_ codes: [String]) {
        guard config.notices.outbox != nil else { return }
        for code in codes where CandidateCode.isWellFormed(code) { unlink(outboxPath(of: code)) }
    }

    /// `run` and `watch`: the notice for a candidate just stored for the first time. Never
    /// throws: the CV is stored whatever happens here; a failure is logged by code and kind.
    func writeForNewCandidate(code: String, at now: Date, logger: Logger) async -> OutboxStatus {
        do {
            guard let written = try await writeToOutbox(code: code, at: now) else { return .failed }
            return written.hasRecipient ? .written : .writtenWithoutAddress
        } catch {
            let kind = (error as? any ReportableError)?.kind ?? "internal"
            logger.warning(
                "the information notice could not be written to the outbox",
                metadata: ["candidate.code": "\(code)", "cvsieve.reason": "\(kind)"])
            return .failed
        }
    }

    private static func createOutbox(_ path: String) throws(Failure) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .write(path: path, reason: "not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .write(path: path, reason: "cannot create the outbox folder")
        }
        chmod(path, 0o700)
    }
}
