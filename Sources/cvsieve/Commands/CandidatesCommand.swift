import ArgumentParser
import CVModel
import Pipeline

/// `cvsieve candidates [--json]`: stored candidates by pseudonymous code, purpose, retention date.
struct CandidatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "List stored candidates by code, purpose, state and retention date.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let candidates = try await options.service().candidates()
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
    }
}
