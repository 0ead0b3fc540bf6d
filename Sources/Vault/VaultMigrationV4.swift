import GRDB

/// The fourth vault format, for listing and counting at ten thousand candidates without opening
/// a sealed value:
/// - `value(code, retain_until)`: a candidate's value count and earliest retention date from the
///   index alone (the listing's per-candidate figures);
/// - `value(code, legal_basis)`: whether a candidate is registered (a value kept on a contract),
///   for the listing's state, from the index alone;
/// - `candidate(created_at, code)`: the default listing order, so a first page stops early;
/// - `candidate.quasi_key`: a keyed hash (HMAC-SHA256, ``KeyStore/quasiKey(_:)``) of the
///   candidate's profile quasi-identifiers, indexed, so the k-anonymity estimate is one COUNT;
///   `quasi_basis` (indexed too, to find stale keys without a scan) says what it was computed
///   under (a year and the exported fields, no personal data). Existing rows start without a key: Pipeline computes the missing ones once, on the
///   first count;
/// - `candidate.application_ended_at`: the day the application procedure ended, when recorded
///   (`subject application-end`); an applicant's data goes `no_agreement` after it.
///
/// `consent` and `career` need no index of their own: their primary keys start with the code.
struct VaultMigrationV4 {
    func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX value_code_retain ON value(code, retain_until);
                CREATE INDEX value_code_basis ON value(code, legal_basis);
                CREATE INDEX candidate_created ON candidate(created_at, code);
                ALTER TABLE candidate ADD COLUMN quasi_key TEXT;
                ALTER TABLE candidate ADD COLUMN quasi_basis TEXT;
                CREATE INDEX candidate_quasi_key ON candidate(quasi_key);
                CREATE INDEX candidate_quasi_basis ON candidate(quasi_basis);
                ALTER TABLE candidate ADD COLUMN application_ended_at DATETIME;
                """)
    }
}
