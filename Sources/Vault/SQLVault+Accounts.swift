public import CVModel
import Crypto
public import Foundation

// MARK: - Accounts and sessions

extension SQLVault {
    public func addAccount(name: String, role: AccountRole, passwordHash: String, actor: String, at now: Date)
        throws(VaultError) -> Account
    {
        try write("adding an account") { db in
            if try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM account WHERE name = ?", arguments: [name]) ?? 0
                > 0
            {
                throw VaultError.accountExists(name)
            }
            let id = try db.insert(
                sql: "INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, passwordHash, now])
            let account = Account(
                id: id, name: name, role: role, isDisabled: false, createdAt: now)
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .accountAdd, code: nil, purpose: nil,
                detail: "account \(account.id) role \(role.rawValue)", at: now)
            return account
        }
    }

    public func accounts() throws(VaultError) -> [Account] {
        try read("listing accounts") { db in
            try db.fetchAll(sql: "SELECT * FROM account ORDER BY id").map(Self.account)
        }
    }

    public func disableAccount(name: String, actor: String, at now: Date) throws(VaultError) -> Account {
        try write("disabling an account") { db in
            guard let row = try db.fetchOne(sql: "SELECT * FROM account WHERE name = ?", arguments: [name])
            else { throw VaultError.unknownAccount(name) }
            var account = Self.account(row)
            try db.execute(sql: "UPDATE account SET is_disabled = TRUE WHERE id = ?", arguments: [account.id])
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [account.id])
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .accountDisable, code: nil, purpose: nil,
                detail: "account \(account.id)", at: now)
            account.isDisabled = true
            return account
        }
    }

    public func credentials(name: String) throws(VaultError) -> (account: Account, passwordHash: String)? {
        try read("reading an account") { db in
            try db.fetchOne(sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map {
                (Self.account($0), $0["password_hash"])
            }
        }
    }

    public func createSession(accountID: Int64, at now: Date) throws(VaultError) -> (token: String, csrfToken: String) {
        let token = Self.randomToken()
        let csrfToken = Self.randomToken()
        try write("starting a session") { db in
            try db.execute(
                sql: """
                    INSERT INTO session (token_hash, account_id, csrf_token, created_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [Self.tokenHash(token), accountID, csrfToken, now, now])
        }
        return (token, csrfToken)
    }

    public func session(token: String) throws(VaultError) -> AccountSession? {
        try read("reading a session") { db in
            try db.fetchOne(
                sql: """
                    SELECT account.*, session.csrf_token, session.created_at AS session_created_at,
                        session.last_seen_at
                    FROM session JOIN account ON account.id = session.account_id
                    WHERE session.token_hash = ?
                    """,
                arguments: [Self.tokenHash(token)]
            ).map { row in
                AccountSession(
                    account: Self.account(row), csrfToken: row["csrf_token"], createdAt: row["session_created_at"],
                    lastSeenAt: row["last_seen_at"])
            }
        }
    }

    public func touchSession(token: String, at now: Date) throws(VaultError) {
        try write("refreshing a session") { db in
            try db.execute(
                sql: "UPDATE session SET last_seen_at = ? WHERE token_hash = ?",
                arguments: [now, Self.tokenHash(token)])
        }
    }

    public func deleteSession(token: String) throws(VaultError) {
        try write("ending a session") { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [Self.tokenHash(token)])
        }
    }

    public func recordLoginFailure(key: String, at now: Date, since: Date) throws(VaultError) -> Int {
        let keyHash = KeyStore.hex(key, key: keys.auditKey)
        return try write("recording a failed log-in") { db in
            try db.execute(sql: "DELETE FROM login_failure WHERE at < ?", arguments: [since])
            try db.execute(sql: "INSERT INTO login_failure (key_hash, at) VALUES (?, ?)", arguments: [keyHash, now])
            return try db.fetchScalar(
                Int.self, sql: "SELECT COUNT(*) FROM login_failure WHERE key_hash = ? AND at >= ?",
                arguments: [keyHash, since]) ?? 0
        }
    }

    public func loginFailures(key: String, since: Date) throws(VaultError) -> Int {
        let keyHash = KeyStore.hex(key, key: keys.auditKey)
        return try read("counting failed log-ins") { db in
            try db.fetchScalar(
                Int.self, sql: "SELECT COUNT(*) FROM login_failure WHERE key_hash = ? AND at >= ?",
                arguments: [keyHash, since]) ?? 0
        }
    }

    public func recordAccountEvent(_ action: AuditAction, actor: String, detail: String, at now: Date)
        throws(VaultError)
    {
        try write("recording an account event") { db in
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: action, code: nil, purpose: nil, detail: detail, at: now)
        }
    }

    // MARK: - Helpers

    static func account(_ row: SQLRow) -> Account {
        Account(
            id: row["id"], name: row["name"], role: AccountRole(rawValue: row["role"] as String) ?? .recruiter,
            isDisabled: row["is_disabled"], createdAt: row["created_at"])
    }

    /// 32 random bytes as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }.lowercaseHex
    }

    /// Session tokens are 256 random bits: an unkeyed SHA-256 is enough to make a stolen
    /// database useless for signing in.
    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}
