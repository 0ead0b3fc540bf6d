import ArgumentParser
import Pipeline
import Vault

/// `cvsieve candidates [--json]`: stored candidates by pseudonymous code, purpose, retention date.
struct CandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "List stored candidates by code, purpose, state and retention date.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let candidates = try options.loadConfig(requireFile: true).openVault().candidates()
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
