import GRDB

/// The fourth vault format, for listing and counting at ten thousand candidates without opening
/// a sealed value:
/// - `value(code, retain_until)`: a candidate's value count and earliest retention date from the
///   index alone (the listing's per-candidate figures);
/// - `candidate(created_at, code)`: the default listing order, so a first page stops early.
///
/// `consent` and `career` need no index of their own: their primary keys start with the code.
struct VaultMigrationV4 {
    func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX value_code_retain ON value(code, retain_until);
                CREATE INDEX candidate_created ON candidate(created_at, code);
                """)
    }
}
