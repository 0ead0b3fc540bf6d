import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve key rotate --new-key FILE`: the vault under a new master key.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "The vault's master key.", subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the vault under a new master key (stop every other cvsieve process first).",
            discussion: """
                Make the new key with `head -c 32 /dev/urandom > FILE && chmod 600 FILE`. Every data key is
                wrapped again, every keyed hash recomputed, the audit chain (which must verify first) MACed
                again and closed by a key-rotation record, in one transaction. The new key then replaces
                data/master.key; with CVSIEVE_MASTER_KEY, set it to the new key (base64) on every machine.
                Processes still running with the old key are refused at their next write.
                """)
        @OptionGroup var options: CommonOptions
        @Option(help: "The new key: a file of 32 random bytes, readable by its owner only.")
        var newKey: String

        func run() async throws {
            let (rotation, destination) = try await options.service().rotateMasterKey(newKeyPath: newKey, at: Date())
            if options.json {
                struct Report: Encodable {
                    var rotation: KeyRotation
                    var destination: Service.KeyDestination
                }
                try Output.json(Report(rotation: rotation, destination: destination))
                return
            }
            print(
                "key: \(rotation.candidates) candidates, \(rotation.values) values, \(rotation.identities) identities, "
                    + "\(rotation.disclosures) disclosures under the new key; \(rotation.auditRecords) audit records "
                    + "MACed again; \(rotation.approvalsEnded) open approvals ended")
            switch destination {
            case .keyFile:
                print("key: the new key is now data/master.key; copy it to every machine that shares the vault")
            case .environment:
                print("key: set CVSIEVE_MASTER_KEY to the new key (base64) on every machine before starting cvsieve")
            }
            print("key: remove \(newKey) once every machine has the new key")
        }
    }
}
