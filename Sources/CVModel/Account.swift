public import Foundation

/// What an account of the web app may do. Each role includes the ones before it: recruiters see
/// candidates, profiles and exports; privacy officers also requests, holds, erasure, audit and the
/// record of processing; admins also accounts and the configuration check.
public enum AccountRole: String, Codable, Sendable, CaseIterable, Comparable {
    case recruiter
    case privacyOfficer = "privacy-officer"
    case admin

    var rank: Int {
        switch self {
        case .recruiter: 0
        case .privacyOfficer: 1
        case .admin: 2
        }
    }

    public static func < (lhs: AccountRole, rhs: AccountRole) -> Bool { lhs.rank < rhs.rank }

    /// Whether an account of this role may do what `required` may.
    public func includes(_ required: AccountRole) -> Bool { self >= required }
}

/// An account of the web app. Audit records name it by ``id``; its name is shown to admins only.
public struct Account: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: AccountRole
    public var isDisabled: Bool
    public var createdAt: Date

    public init(id: Int64, name: String, role: AccountRole, isDisabled: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.role = role
        self.isDisabled = isDisabled
        self.createdAt = createdAt
    }

    /// The audit log's actor for what this account does.
    public var auditActor: String { "account:\(id)" }
}

/// A signed-in session as the vault keeps it: the token itself is never stored, only its hash.
public struct AccountSession: Sendable, Equatable {
    public var account: Account
    /// The token every form of this session carries (compared in constant time).
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(account: Account, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.account = account
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
