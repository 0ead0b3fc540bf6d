import ArgumentParser
import CVModel
import Pipeline

/// `cvsieve candidates [--json]`: stored candidates by pseudonymous code, purpose, retention date.
struct CandidatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "List stored candidates by code, purpose, state and retention date.")

    @OptionGroup var options: CommonOptions

    @Option(help: "At most this many, in code order (a page; the listing says how to ask for the next).")
    var limit: Int?

    @Option(help: "Only candidates whose code sorts after this one (the last code of the page before).")
    var after: String?

    func run() async throws {
        let service = try options.service()
        var next: String?
        let candidates: [CandidateSummary]
        if limit != nil || after != nil {
            guard (limit ?? 1) >= 1 else { throw ValidationError("--limit must be at least 1") }
            let page = try await service.candidatePage(
                CandidateQuery(sort: .code, limit: limit, after: after))
            candidates = page.rows
            if let limit, page.rows.count == limit, page.total > limit { next = page.rows.last?.code }
        } else {
            candidates = try await service.candidates()
        }
        if options.json {
            try Output.json(candidates)
            return
        }
        print("code         state            purposes               values  retain until   flags")
        for candidate in candidates {
            var flags: [String] = []
            if candidate.isRestricted { flags.append("restricted") }
            if candidate.hasObjected { flags.append("objected") }
            if candidate.holdReason != nil { flags.append("legal hold") }
            print(
                [
                    candidate.code.padding(12), candidate.state.padding(16),
                    candidate.purposes.joined(separator: ",").padding(22), String(candidate.values).padding(7),
                    day(candidate.retainUntil).padding(14), flags.joined(separator: ","),
                ].joined(separator: " "))
        }
        print("\(candidates.count) candidates")
        if let next { print("more: cvsieve candidates --limit \(limit ?? 0) --after \(next)") }
    }
}
