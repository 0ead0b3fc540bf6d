import CVModel
import Foundation
import Minimisation
import Testing

@testable import Vault

/// The paged listing against the whole list filtered and sorted in memory, over a vault of a few
/// hundred candidates in every state, with flags, both purposes and shared creation dates.
@Suite struct CandidateListingTests {
    /// `count` candidates, three to a creation day, cycling through the states; some on hold,
    /// restricted or objecting. Returns the state each was put in.
    static func fill(_ vault: SQLVault, count: Int) throws -> [String: CandidateState] {
        var states: [String: CandidateState] = [:]
        let start = date("2026-01-01")
        let both = [TestPurposes.application, TestPurposes.mediation]
        for index in 0..<count {
            let received = start.addingTimeInterval(Double(index / 3) * day)
            let kind = index % 6
            let purpose = kind < 2 ? TestPurposes.application : TestPurposes.mediation
            let code = try storeFictional(vault, index: index, purpose: purpose, at: received)
            switch kind {
            case 0:
                states[code] = .applicant
            case 1:
                try vault.consent(
                    code, purpose: TestPurposes.application, granted: true, actor: "t", at: received + day)
                states[code] = .talentPool
            case 2:
                // Applied first, registered for mediation later: both purposes, registered.
                _ = try storeFictional(vault, index: index, purpose: TestPurposes.application, at: received + day)
                states[code] = .registered
            case 3:
                try vault.recordAgreement(code, starts: true, purposes: both, actor: "t", at: received + day)
                states[code] = .placed
            case 4:
                try vault.recordAgreement(code, starts: true, purposes: both, actor: "t", at: received + day)
                try vault.recordAgreement(code, starts: false, purposes: both, actor: "t", at: received + 30 * day)
                states[code] = .formerlyPlaced
            default:
                states[code] = .registered
            }
            if index % 7 == 0 { try vault.hold(code, reason: "dispute", actor: "t", at: received) }
            if index % 11 == 0 { _ = try vault.restrict(code, isObjection: false, actor: "t", at: received) }
            if index % 13 == 0 { _ = try vault.restrict(code, isObjection: true, actor: "t", at: received) }
        }
        return states
    }

    /// The query applied in memory to the whole list (which is in creation order, ties by code).
    static func expected(_ all: [CandidateSummary], _ query: CandidateQuery) -> [String] {
        let rank = { (state: String) in CandidateState.allCases.firstIndex { $0.rawValue == state } ?? -1 }
        let matching = all.filter { row in
            if let state = query.state, row.state != state.rawValue { return false }
            if let purpose = query.purpose, !row.purposes.contains(purpose) { return false }
            switch query.flag {
            case .onHold: if row.holdReason == nil { return false }
            case .restricted: if !row.isRestricted { return false }
            case .objected: if !row.hasObjected { return false }
            case nil: break
            }
            if let before = query.retentionEndsBefore {
                guard let until = row.retainUntil, until < before else { return false }
            }
            return true
        }
        let ordered: [CandidateSummary]
        switch query.sort {
        case .created: ordered = matching
        case .code: ordered = matching.sorted { $0.code < $1.code }
        case .retention:
            ordered = matching.sorted { left, right in
                switch (left.retainUntil, right.retainUntil) {
                case (let l?, let r?): l != r ? l < r : left.code < right.code
                case (nil, nil): left.code < right.code
                case (.some, nil): true
                case (nil, .some): false
                }
            }
        case .state:
            ordered = matching.sorted { (rank($0.state), $0.code) < (rank($1.state), $1.code) }
        }
        return (query.isDescending ? ordered.reversed() : ordered).map(\.code)
    }

    @Test("the whole list agrees with each candidate's own values and with the states they were put in")
    func wholeList() throws {
        try withVault { vault, _ in
            let states = try Self.fill(vault, count: 60)
            let all = try vault.candidates()
            #expect(all.count == 60)
            #expect(Set(all.map(\.code)) == Set(states.keys))
            for row in all {
                let values = try vault.values(of: row.code)
                let career = try vault.career(of: row.code)
                #expect(row.state == states[row.code]?.rawValue)
                #expect(row.values == values.count)
                #expect(row.retainUntil == values.compactMap(\.retainUntil).min())
                #expect(row.purposes == Set(values.map(\.purpose)).union(career.keys).sorted())
            }
            #expect(Set(all.map(\.state)) == Set(CandidateState.allCases.map(\.rawValue)))
        }
    }

    @Test("every page of every query: the same rows in the same order, and the same total, as in memory")
    func pages() throws {
        try withVault { vault, _ in
            _ = try Self.fill(vault, count: 300)
            let all = try vault.candidates()
            #expect(all.count == 300)
            let queries = [
                CandidateQuery(),
                CandidateQuery(sort: .code, isDescending: true, limit: 37),
                CandidateQuery(sort: .created, isDescending: true, limit: 64),
                CandidateQuery(state: .talentPool, sort: .retention, limit: 20),
                CandidateQuery(state: .placed, sort: .retention, isDescending: true, limit: 9),
                CandidateQuery(purpose: "mediation", sort: .state, isDescending: true, limit: 45),
                CandidateQuery(purpose: "application", sort: .state, limit: 45),
                CandidateQuery(flag: .onHold, sort: .created, isDescending: true, limit: 10),
                CandidateQuery(flag: .restricted, sort: .code, limit: nil),
                CandidateQuery(flag: .objected, sort: .state, limit: 4),
                CandidateQuery(
                    retentionEndsBefore: date("2026-03-01"), sort: .retention, isDescending: true, limit: 25),
                CandidateQuery(sort: .retention, limit: 50),
                CandidateQuery(
                    state: .applicant, purpose: "application", flag: .onHold, retentionEndsBefore: date("2026-06-01"),
                    sort: .code, limit: 3),
                CandidateQuery(purpose: "no-such-purpose"),
            ]
            for query in queries {
                let expected = Self.expected(all, query)
                #expect(
                    expected.isEmpty == (query.purpose == "no-such-purpose"), "a query that selects nothing: \(query)")
                var seen: [String] = []
                var page = query
                repeat {
                    let result = try vault.candidatePage(page)
                    #expect(result.total == expected.count, "total of \(query)")
                    #expect(result.rows.count <= (query.limit ?? Int.max))
                    seen += result.rows.map(\.code)
                    page.offset += query.limit ?? all.count
                } while page.offset < expected.count
                #expect(seen == expected, "rows of \(query)")
                page.offset = expected.count + 5
                let past = try vault.candidatePage(page)
                #expect(past.rows.isEmpty && past.total == expected.count)
            }
            // A page's rows carry the same figures as the whole list's.
            let first = try vault.candidatePage(CandidateQuery(sort: .retention, limit: 10)).rows
            let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
            for row in first {
                let whole = try #require(byCode[row.code])
                #expect(row.state == whole.state && row.values == whole.values && row.purposes == whole.purposes)
                #expect(row.retainUntil == whole.retainUntil && row.holdReason == whole.holdReason)
                #expect(row.isRestricted == whole.isRestricted && row.hasObjected == whole.hasObjected)
            }
        }
    }

    @Test("the listing opens nothing: a vault opened with another master key lists, but cannot read a value")
    func nothingDecrypted() throws {
        try withVault { vault, folder in
            let states = try Self.fill(vault, count: 12)
            let otherKey = folder.appendingPathComponent("other.key")
            try Data((0..<32).map { UInt8($0) }).write(to: otherKey)
            // Past the key check at open (which refuses another key: VaultHardeningTests), to
            // show that the listing itself unwraps nothing.
            try tamperWith(vault) { db in try db.execute(sql: "DELETE FROM vault_meta") }
            let stranger = try reopen(vault, folder: folder, keyPath: otherKey.path)
            let page = try stranger.candidatePage(CandidateQuery(state: .registered, sort: .code, limit: 100))
            #expect(page.total == states.values.filter { $0 == .registered }.count)
            #expect(page.rows.map(\.code) == states.filter { $0.value == .registered }.keys.sorted())
            let code = try #require(page.rows.first?.code)
            #expect(throws: VaultError.wrongKey(path: "master key")) { try stranger.values(of: code) }
        }
    }
}
