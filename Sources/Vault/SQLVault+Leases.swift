public import Foundation

// Several intake processes sharing one vault (PostgreSQL): each says it is alive by renewing a
// lease on its name; the files a process claimed sit in a work folder of its own. When a lease
// runs out (the process died, its machine went away), another process takes the lease over —
// one taker only: `FOR UPDATE SKIP LOCKED` passes over a row another taker holds — moves the
// files into its own work folder and ends the lease. A taker that dies midway leaves the lease
// in its own name, to run out and be taken over again.
extension SQLVault {
    /// Records that `worker` is alive for `seconds` more, by the database's clock (PostgreSQL)
    /// or this machine's (SQLite, one machine anyway).
    public func renewLease(worker: String, seconds: Double, at now: Date) throws(VaultError) {
        try engine.write("renewing an intake lease") { db in
            try db.execute(
                sql: """
                    INSERT INTO intake_lease (worker, lease_until) VALUES (?, \(Self.leaseEnd(db)))
                    ON CONFLICT (worker) DO UPDATE SET lease_until = excluded.lease_until
                    """, arguments: Self.leaseArguments(db, seconds: seconds, now: now).prepending(worker))
        }
    }

    /// Extends `worker`'s lease if it is still on record (not taken over and ended by another
    /// process after it ran out); `false` when it is not: the caller stops claiming.
    public func extendLease(worker: String, seconds: Double, at now: Date) throws(VaultError) -> Bool {
        try engine.write("renewing an intake lease") { db in
            try db.execute(
                sql: "UPDATE intake_lease SET lease_until = \(Self.leaseEnd(db)) WHERE worker = ?",
                arguments: Self.leaseArguments(db, seconds: seconds, now: now) + [worker])
            return db.changesCount > 0
        }
    }

    /// Takes over every other worker's lease that ran out: each is now `worker`'s for `seconds`.
    /// Returns their names; the caller moves their files, then ends each lease.
    public func takeOverExpiredLeases(by worker: String, seconds: Double, at now: Date) throws(VaultError)
        -> [String]
    {
        try engine.write("taking over intake leases") { db in
            let expired = try db.fetchColumn(
                String.self,
                sql:
                    "SELECT worker FROM intake_lease WHERE lease_until < \(Self.clock(db)) AND worker <> ? ORDER BY worker"
                    + (db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""),
                arguments: (db.dialect == .postgres ? [] : [now] as SQLArguments) + [worker])
            for name in expired {
                try db.execute(
                    sql: "UPDATE intake_lease SET lease_until = \(Self.leaseEnd(db)) WHERE worker = ?",
                    arguments: Self.leaseArguments(db, seconds: seconds, now: now) + [name])
            }
            return expired
        }
    }

    /// Ends `worker`'s lease (a clean stop, or a taken-over worker whose files were moved).
    public func endLease(worker: String) throws(VaultError) {
        try engine.write("ending an intake lease") { db in
            try db.execute(sql: "DELETE FROM intake_lease WHERE worker = ?", arguments: [worker])
        }
    }

    private static func clock(_ db: any SQLSession) -> String {
        db.dialect == .postgres ? "clock_timestamp()" : "?"
    }

    private static func leaseEnd(_ db: any SQLSession) -> String {
        db.dialect == .postgres ? "clock_timestamp() + make_interval(secs => ?)" : "?"
    }

    private static func leaseArguments(_ db: any SQLSession, seconds: Double, now: Date) -> SQLArguments {
        db.dialect == .postgres ? [seconds] : [now.addingTimeInterval(seconds)]
    }
}

extension SQLArguments {
    func prepending(_ value: some SQLBindable) -> SQLArguments { SQLArguments([value.sqlValue] + values) }
}
