public import CVModel
public import Foundation

// What intake did lately, from the audit log, counted in SQL (the web app's overview).
extension SQLVault {
    /// The latest audit record of one of `actions` (not before `since`), and how many of each
    /// of them the 24 hours up to it hold; `nil` when there is none.
    public func latestActivity(_ actions: [AuditAction], since: Date) throws(VaultError)
        -> (at: Date, counts: [AuditAction: Int])?
    {
        let names = actions.map(\.rawValue)
        let marks = SQLList.marks(names.count)
        return try read("summarising intake") { db in
            // `at` is kept in milliseconds since 1970 (the chain's own representation).
            guard
                let latest = try db.fetchScalar(
                    Int64.self, sql: "SELECT MAX(at) FROM audit WHERE action IN (\(marks)) AND at >= ?",
                    arguments: SQLArguments(names + [AuditLog.milliseconds(since)] as [any SQLBindable]))
            else { return nil }
            var counts: [AuditAction: Int] = [:]
            for row in try db.fetchAll(
                sql: "SELECT action, COUNT(*) AS n FROM audit WHERE action IN (\(marks)) AND at > ? GROUP BY action",
                arguments: SQLArguments(names + [latest - 24 * 3600 * 1000] as [any SQLBindable]))
            {
                if let action = AuditAction(rawValue: row["action"]) { counts[action] = row["n"] }
            }
            return (Date(timeIntervalSince1970: Double(latest) / 1000), counts)
        }
    }
}
