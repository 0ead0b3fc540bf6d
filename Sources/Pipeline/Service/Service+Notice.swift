public import CVModel
public import Foundation
public import Vault

/// The information notice (GDPR art. 13/14): the CLI's `notice` and the web app call these.
extension Service {
    /// The notice use case over this service's configuration, vault and actor.
    public var notices: NoticeService { NoticeService(config: config, vault: vault, actor: actor) }

    /// The notice for `code` in `language` (default `notices.language`); nothing is recorded.
    public func notice(code: String, language: NoticeLanguage? = nil, at now: Date) async throws(VaultError)
        -> Notice
    {
        try await notices.notice(code: code, language: language ?? config.notices.language, at: now)
    }

    /// `notice` rendered as text, HTML or an `.eml` message.
    public func renderNotice(_ notice: Notice, format: NoticeFormat) -> Data {
        notices.render(notice, format: format)
    }

    /// Builds, writes (mode 0600, atomically) and records the notice for `code`.
    public func writeNotice(
        code: String, language: NoticeLanguage? = nil, format: NoticeFormat, to path: String, at now: Date
    ) async throws -> NoticeService.Written {
        try await notices.write(
            code: code, language: language ?? config.notices.language, format: format, to: path, at: now)
    }

    /// Records that a notice reached the candidate another way (the web app sent or handed it
    /// over): language, format and destination, never the text.
    public func recordNoticeSent(
        code: String, language: NoticeLanguage, format: NoticeFormat, destination: NoticeDestination = .file,
        at now: Date
    ) async throws(VaultError) {
        try await vault.recordNotice(
            code, language: language, format: format, destination: destination, actor: actor, at: now)
    }
}
