public import CVModel

/// The k-anonymity estimate's column: per candidate a keyed hash of the quasi-identifiers their
/// client profile shows (``CVModel/QuasiIdentifiers``), computed by Pipeline, which can build
/// profiles, and hashed here under a key derived from the master key, so the database holds no
/// region or job title beside a code and a stolen file cannot be grouped by them.
///
/// Every change to a candidate's values or career facts in this vault (a store, a rectification,
/// a purge that leaves the candidate, an objection) clears the key in the same transaction; a
/// cleared key is computed again after the change or before the next count. A key stored from
/// values read before a concurrent change is the one gap: it stays until the candidate's next
/// change, or the next year's recomputation.
extension SQLVault {
    /// Records the keys of several candidates in one transaction; a code no longer in the vault
    /// (erased meanwhile) is passed over.
    public func setQuasiKeys(_ identifiers: [String: QuasiIdentifiers]) throws(VaultError) {
        guard !identifiers.isEmpty else { return }
        try write("recording profile keys") { db in
            for (code, candidate) in identifiers.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "UPDATE candidate SET quasi_key = ?, quasi_basis = ? WHERE code = ?",
                    arguments: [keys.quasiKey(candidate), candidate.basis, code])
            }
        }
    }

    /// Stored candidates whose key equals that of `identifiers`, other than `code`: one COUNT
    /// on an index.
    public func countCandidates(sharing identifiers: QuasiIdentifiers, excluding code: String?) throws(VaultError)
        -> Int
    {
        let key = keys.quasiKey(identifiers)
        return try read("counting similar candidates") { db in
            try db.fetchScalar(
                Int.self, sql: "SELECT COUNT(*) FROM candidate WHERE quasi_key = ? AND code IS DISTINCT FROM ?",
                arguments: [key, code]) ?? 0
        }
    }

    /// Candidates without a key, or with one computed under another basis, by code. Key and
    /// basis are set and cleared together, so three ranges of the basis index answer it: nothing
    /// to read when every key is current.
    public func candidatesNeedingQuasiKey(basis: String) throws(VaultError) -> [String] {
        try read("finding candidates without a profile key") { db in
            try db.fetchColumn(
                String.self,
                sql: "SELECT code FROM candidate WHERE quasi_basis IS NULL OR quasi_basis < ? OR quasi_basis > ?",
                arguments: [basis, basis]
            ).sorted()
        }
    }

    /// Clears a candidate's key: their values or career facts changed in this transaction.
    func forgetQuasiKey(_ db: any SQLSession, code: String) throws {
        try forgetQuasiKeys(db, codes: [code])
    }

    /// ``forgetQuasiKey(_:code:)`` for several candidates, one statement per chunk of codes.
    func forgetQuasiKeys(_ db: any SQLSession, codes: [String]) throws {
        for chunk in SQLList.chunks(codes) {
            try db.executeLater(
                sql: """
                    UPDATE candidate SET quasi_key = NULL, quasi_basis = NULL
                    WHERE code IN (\(SQLList.marks(chunk.count))) AND (quasi_key IS NOT NULL OR quasi_basis IS NOT NULL)
                    """, arguments: SQLList.arguments(chunk))
        }
    }
}
