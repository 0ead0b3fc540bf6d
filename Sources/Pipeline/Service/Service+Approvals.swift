public import CVModel
public import Foundation
public import Vault

// `export.require_approval`: the candidate approves the exact profile a client will receive.
extension Service {
    /// A profile sent for approval: the record, the one-time code the candidate needs (shown once,
    /// only its keyed hash is stored) and the profile as PDF for the e-mail.
    public struct ApprovalRequest: Sendable {
        public var approval: Approval
        public var secret: String
        public var profilePDF: Data
    }

    /// Asks the candidate to approve their current profile: the profile is built and gated as for
    /// an export (a profile the gate refuses cannot be sent for approval either).
    public func requestApproval(_ code: String, at now: Date) async throws -> ApprovalRequest {
        let exports = ExportService(config: config)
        let gated = try await exports.profile(code: code, vault: vault, at: now)
        let pdf = try exports.render(gated, as: .pdf)
        let secret = Self.approvalSecret()
        let approval = try await vault.requestApproval(
            code, profileSHA256: gated.sha256, secret: secret,
            expiresAt: now.addingTimeInterval(Double(config.export.approvalDays) * 24 * 3600), actor: actor, at: now)
        return ApprovalRequest(approval: approval, secret: secret, profilePDF: pdf)
    }

    public func approvals(of code: String) async throws(VaultError) -> [Approval] {
        try await vault.approvals(of: code)
    }

    /// Whether the candidate approved the profile as it is now (always `true` when the agency does
    /// not require approval).
    public func isCurrentProfileApproved(_ profile: ExportService.GatedProfile) async throws(VaultError) -> Bool {
        guard config.export.requireApproval else { return true }
        return try await vault.isApproved(profile.profile.code, profileSHA256: profile.sha256)
    }

    /// Staff record the candidate's answer (given by mail or phone) to open approval `id` of `code`.
    public func recordApproval(_ code: String, id: Int64, approved: Bool, at now: Date) async throws(VaultError)
        -> Bool
    {
        guard try await vault.approvals(of: code).contains(where: { $0.id == id }) else {
            throw .unknownRequest(id)
        }
        return try await vault.answerApproval(id, approved: approved, actor: actor, at: now)
    }

    /// The candidate withdrew their approval (by mail or phone): from now on every profile of
    /// theirs needs a new one. Returns how many approvals were withdrawn.
    public func withdrawApproval(_ code: String, at now: Date) async throws(VaultError) -> Int {
        try await vault.withdrawApproval(code, actor: actor, at: now)
    }

    /// What a code typed on the public approval page finds.
    public enum CandidateApproval: Sendable {
        /// The open approval and its profile as the client would receive it (HTML).
        case open(Approval, profileHTML: Data)
        /// Unknown, used or expired, or the profile changed since it was asked for (the candidate
        /// must not approve something other than what they are shown).
        case notOpen
        /// Too many wrong codes from this address lately.
        case rateLimited
    }

    /// Wrong codes one client address may type per 15 minutes. There is no overall limit: it
    /// would let anyone lock the page for every candidate, and a 12-character code (about 57
    /// bits) does not need one.
    static let approvalFailuresPerClient = 10

    /// The approval a one-time code typed by the candidate names; wrong codes count against the
    /// client's address (`client`: the address the app sees, or the proxy's forwarded one).
    public func approvalByCandidate(secret: String, client: String?, at now: Date) async throws -> CandidateApproval {
        switch try await lookUpApproval(secret: secret, client: client, at: now) {
        case .open(let approval, let gated):
            .open(approval, profileHTML: try ExportService(config: config).render(gated, as: .html))
        case .notOpen: .notOpen
        case .rateLimited: .rateLimited
        }
    }

    /// The candidate's own answer through the public approval page; `false` when the code is not
    /// open (or no longer names the profile it was asked for).
    public func answerByCandidate(secret: String, approved: Bool, client: String?, at now: Date) async throws -> Bool {
        guard case .open(let approval, _) = try await lookUpApproval(secret: secret, client: client, at: now)
        else { return false }
        return try await vault.answerApproval(approval.id, approved: approved, actor: "candidate", at: now)
    }

    private enum ApprovalLookup {
        case open(Approval, ExportService.GatedProfile)
        case notOpen
        case rateLimited
    }

    /// The open approval a typed code names, with the profile as it is now (unrendered); a wrong
    /// code counts against the client's address.
    private func lookUpApproval(secret: String, client: String?, at now: Date) async throws -> ApprovalLookup {
        let since = now.addingTimeInterval(-15 * 60)
        if try await isApprovalRateLimited(client: client, since: since) { return .rateLimited }
        guard let approval = try await vault.openApproval(secret: Self.normalised(secret), at: now) else {
            if let client { _ = try await vault.recordLoginFailure(key: "approval:\(client)", at: now, since: since) }
            return .notOpen
        }
        let gated = try await ExportService(config: config).profile(code: approval.code, vault: vault, at: now)
        return gated.sha256 == approval.profileSHA256 ? .open(approval, gated) : .notOpen
    }

    func isApprovalRateLimited(client: String?, since: Date) async throws(VaultError) -> Bool {
        guard let client else { return false }
        return try await vault.loginFailures(key: "approval:\(client)", since: since) >= Self.approvalFailuresPerClient
    }

    /// 12 characters from an alphabet without look-alikes (about 57 bits), in groups of four.
    static func approvalSecret() -> String {
        let alphabet = Array("BCDFGHJKMNPQRSTVWXZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// A typed code as stored: upper case, grouped by four, whatever spaces or dashes were typed.
    static func normalised(_ secret: String) -> String {
        let characters = Array(secret.uppercased().filter { $0.isLetter || $0.isNumber })
        guard characters.count == 12 else { return secret }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
