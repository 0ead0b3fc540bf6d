public import CVModel
public import Foundation
import HummingbirdBcrypt
public import Vault

/// How long a web session lives and how many failed log-ins are allowed.
public struct SessionPolicy: Sendable {
    /// A session unused this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after its log-in, however busy.
    public var absoluteTimeout: TimeInterval
    /// Failed log-ins per account name within ``failureWindow`` before further tries are refused
    /// unchecked (a client address gets four times as many, over all names).
    public var maxFailures: Int
    public var failureWindow: TimeInterval

    public init(
        idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 3600, maxFailures: Int = 5,
        failureWindow: TimeInterval = 15 * 60
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }
}

/// What a log-in attempt gave.
public enum LoginOutcome: Sendable, Equatable {
    case signedIn(account: Account, token: String, csrfToken: String)
    /// Wrong name or password, or a disabled account: the page does not say which.
    case refused
    /// Too many failures recently: refused without looking at the password.
    case rateLimited
}

extension Service {
    /// The shortest password `user add` accepts.
    public static let minimumPasswordLength = 12

    /// A bcrypt hash to verify against when the name is unknown, so a refusal takes as long
    /// whether the account exists or not.
    private static let decoyHash = Bcrypt.hash("cvsieve decoy password", cost: 12)

    /// `user add`: a new account; the password is hashed with bcrypt (`cost` 12; tests pass less).
    public func addAccount(name: String, role: AccountRole, password: String, at now: Date, cost: UInt8 = 12)
        async throws -> Account
    {
        guard Self.isValidAccountName(name) else { throw AccountError.invalidName }
        guard password.count >= Self.minimumPasswordLength else {
            throw AccountError.weakPassword(minimum: Self.minimumPasswordLength)
        }
        return try await vault.addAccount(
            name: name, role: role, passwordHash: Bcrypt.hash(password, cost: cost), actor: actor, at: now)
    }

    /// Log-in names are short identifiers, so they can appear in the account list and CLI errors
    /// without being a person's name written out.
    public static func isValidAccountName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar)
            }
    }

    /// `user list`.
    public func accounts() async throws(VaultError) -> [Account] { try await vault.accounts() }

    /// `user disable`: the account can no longer sign in and its sessions end.
    public func disableAccount(name: String, at now: Date) async throws(VaultError) -> Account {
        try await vault.disableAccount(name: name, actor: actor, at: now)
    }

    /// A log-in: checks the rate limit, then the password; audits the outcome by account id.
    /// `client` is the address the request came from (rate-limited over all names).
    public func login(name: String, password: String, client: String?, policy: SessionPolicy, at now: Date)
        async throws(VaultError) -> LoginOutcome
    {
        let since = now.addingTimeInterval(-policy.failureWindow)
        let nameKey = "name:" + name.lowercased()
        let clientKey = client.map { "client:" + $0 }
        let credentials = try await vault.credentials(name: name)
        let who = credentials.map { "account \($0.account.id)" } ?? "unknown account"
        var isLimited = try await vault.loginFailures(key: nameKey, since: since) >= policy.maxFailures
        if let clientKey, try await vault.loginFailures(key: clientKey, since: since) >= policy.maxFailures * 4 {
            isLimited = true
        }
        if isLimited {
            try await vault.recordAccountEvent(
                .loginRefused, actor: "web", detail: "\(who); rate limited", at: now)
            return .rateLimited
        }
        let isMatch = Bcrypt.verify(password, hash: credentials?.passwordHash ?? Self.decoyHash)
        guard let account = credentials?.account, isMatch, !account.isDisabled else {
            _ = try await vault.recordLoginFailure(key: nameKey, at: now, since: since)
            if let clientKey { _ = try await vault.recordLoginFailure(key: clientKey, at: now, since: since) }
            let reason = credentials?.account.isDisabled == true ? "disabled" : "wrong name or password"
            try await vault.recordAccountEvent(.loginRefused, actor: "web", detail: "\(who); \(reason)", at: now)
            return .refused
        }
        let session = try await vault.createSession(accountID: account.id, at: now)
        try await vault.recordAccountEvent(.login, actor: account.auditActor, detail: "\(who)", at: now)
        return .signedIn(account: account, token: session.token, csrfToken: session.csrfToken)
    }

    /// The live session a cookie's token names: `nil` when unknown, expired (idle or absolute; an
    /// expired row is deleted) or its account disabled. A use refreshes the idle clock (at most
    /// once a minute, to spare the database a write per request).
    public func session(token: String, policy: SessionPolicy, at now: Date) async throws(VaultError)
        -> AccountSession?
    {
        guard let session = try await vault.session(token: token) else { return nil }
        let isExpired =
            now.timeIntervalSince(session.lastSeenAt) > policy.idleTimeout
            || now.timeIntervalSince(session.createdAt) > policy.absoluteTimeout
        if isExpired || session.account.isDisabled {
            try await vault.deleteSession(token: token)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > 60 { try await vault.touchSession(token: token, at: now) }
        return session
    }

    /// Log-out: the session ends on the server, whatever the browser keeps.
    public func logout(token: String, account: Account, at now: Date) async throws(VaultError) {
        try await vault.deleteSession(token: token)
        try await vault.recordAccountEvent(.logout, actor: account.auditActor, detail: "account \(account.id)", at: now)
    }
}
