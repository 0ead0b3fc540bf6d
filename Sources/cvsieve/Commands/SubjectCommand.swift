import ArgumentParser
import CVModel
import Foundation
import Pipeline
import Vault

/// `cvsieve subject …`: data-subject rights and the agency's events, by code or by e-mail.
struct SubjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject", abstract: "Data-subject rights, consent, contact, agreements and legal holds.",
        subcommands: [
            Access.self, Rectify.self, Erase.self, Restrict.self, Object.self, Consent.self, Contact.self,
            Agreement.self, Hold.self, Release.self, Receive.self, Extend.self,
        ])

    /// A candidate named by code or by `--email`.
    struct Target: ParsableArguments {
        @Argument(help: "The candidate's code (C-XXXX-XXXX).")
        var code: String?

        @Option(
            name: .customLong("email-from"),
            help: ArgumentHelp(
                "Find the candidate by e-mail address instead of code, read from this file ('-': standard input).",
                discussion: "Never on the command line: argv shows in `ps` and in shell history."))
        var emailFile: String?

        /// The vault of `options`' configuration and the candidate's code in it.
        func open(_ options: CommonOptions) throws -> (vault: SQLiteVault, code: String) {
            let vault = try options.loadConfig(requireFile: true).openVault()
            return (vault, try resolve(in: vault))
        }

        func resolve(in vault: SQLiteVault) throws -> String {
            if let code { return code }
            if let emailFile {
                return try vault.candidate(email: try SecretInput.read(emailFile, what: "e-mail address"))
            }
            throw ValidationError("name a candidate: a code, or --email-from FILE")
        }
    }

    static func report(_ outcome: RightsOutcome, json: Bool) throws {
        if json {
            try Output.json(outcome)
            return
        }
        print("\(outcome.code): \(outcome.action) done")
        if !outcome.recipientsToInform.isEmpty {
            print(
                "inform these clients, who received the profile: \(outcome.recipientsToInform.joined(separator: ", "))")
        }
    }

    struct Access: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything held on the person, as JSON (access and portability).")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() throws {
            let (vault, code) = try target.open(options)
            try Output.json(try vault.access(code, actor: currentActor, at: Date()))
        }
    }

    struct Rectify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the stored values of one field; the correct value is read from standard input.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        @Argument(help: "The field (name, email, phone, city, …).") var field: String
        @Option(
            name: .customLong("value-from"),
            help: "Read the correct value from this file instead of standard input (never on the command line).")
        var valueFile: String = "-"
        func run() throws {
            guard let category = Category(rawValue: field) else { throw VaultError.unknownCategory(field) }
            let value = try SecretInput.read(valueFile, what: "value")
            let vault = try options.loadConfig(requireFile: true).openVault()
            try report(
                try vault.rectify(code, category: category, value: value, actor: currentActor, at: Date()),
                json: options.json)
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the candidate (destroys their key; refused under a legal hold).")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() throws {
            let (vault, code) = try target.open(options)
            try report(try vault.erase(code, actor: currentActor, at: Date()), json: options.json)
        }
    }

    struct Restrict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restrict processing: kept, not processed or exported.")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() throws {
            let (vault, code) = try target.open(options)
            try report(
                try vault.restrict(code, isObjection: false, actor: currentActor, at: Date()), json: options.json)
        }
    }

    struct Object: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an objection: stops legitimate-interest processing.")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() throws {
            let (vault, code) = try target.open(options)
            try report(try vault.restrict(code, isObjection: true, actor: currentActor, at: Date()), json: options.json)
        }
    }

    struct Consent: ParsableCommand {
        enum Action: String, ExpressibleByArgument, CaseIterable { case grant, withdraw }
        static let configuration = CommandConfiguration(abstract: "Record consent granted or withdrawn for a purpose.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "grant or withdraw.") var action: Action
        @Argument(help: "The candidate's code.") var code: String
        @Option(help: "The purpose the consent is for.") var purpose: String
        func run() throws {
            let config = try options.loadConfig(requireFile: true)
            try config.openVault().consent(
                code, purpose: try config.purpose(named: purpose), granted: action == .grant, actor: currentActor,
                at: Date())
            print("\(code): consent \(action == .grant ? "granted" : "withdrawn") for \(purpose); retention recomputed")
        }
    }

    struct Contact: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record contact with the candidate now.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        func run() throws {
            let config = try options.loadConfig(requireFile: true)
            try config.openVault().recordContact(
                code, purposes: Array(config.purposes.values), actor: currentActor, at: Date())
            print("\(code): contact recorded; retention recomputed")
        }
    }

    struct Agreement: ParsableCommand {
        enum Action: String, ExpressibleByArgument, CaseIterable { case start, end }
        static let configuration = CommandConfiguration(
            abstract: "Record the start or end of an agreement (placement, employment).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "start or end.") var action: Action
        @Argument(help: "The candidate's code.") var code: String
        func run() throws {
            let config = try options.loadConfig(requireFile: true)
            try config.openVault().recordAgreement(
                code, starts: action == .start, purposes: Array(config.purposes.values), actor: currentActor, at: Date()
            )
            print("\(code): agreement \(action.rawValue) recorded; retention recomputed")
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Place a legal hold: suspends purge and erasure.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        @Option(help: "Why (kept in the vault and listed; no personal data).") var reason: String
        func run() throws {
            try options.loadConfig(requireFile: true).openVault().hold(
                code, reason: reason, actor: currentActor, at: Date())
            print("\(code): legal hold placed")
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release a legal hold.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        func run() throws {
            try options.loadConfig(requireFile: true).openVault().hold(
                code, reason: nil, actor: currentActor, at: Date())
            print("\(code): legal hold released")
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a request as received (due in 4 weeks).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "access, portability, rectify, erase, restrict, object, withdraw.") var kind: String
        @Argument(help: "The candidate's code.") var code: String
        @OptionGroup var now: NowOption
        func run() throws {
            guard let kind = RequestKind(rawValue: kind) else {
                throw ValidationError(
                    "'\(kind)' is not a request kind: \(RequestKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let id = try options.loadConfig(requireFile: true).openVault().receiveRequest(
                code, kind: kind, actor: currentActor, at: try now.date())
            print("request #\(id) (\(kind.rawValue)) recorded for \(code), due in 4 weeks")
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend a request's deadline, with a reason.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The request number (see `cvsieve requests`).") var id: Int64
        @Option(help: "The new deadline (YYYY-MM-DD).") var until: String
        @Option(help: "Why the extension is needed.") var reason: String
        func run() throws {
            let date = try NowOption(now: until).date()
            try options.loadConfig(requireFile: true).openVault().extendRequest(
                id, until: date, reason: reason, actor: currentActor, at: Date())
            print("request #\(id) extended until \(day(date))")
        }
    }
}

extension NowOption {
    init(now: String) {
        self.init()
        self.now = now
    }
}

/// A personal value the operator gives cvsieve (a corrected value, an e-mail address to look up):
/// read from a file or standard input, never from argv, which other users see in `ps` and which
/// shells keep in their history.
enum SecretInput {
    static func read(_ path: String, what: String) throws -> String {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read the \(what) from \(path == "-" ? "standard input" : path)")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty, !value.contains("\n") else {
            throw ValidationError("give exactly one \(what), on one line")
        }
        return value
    }
}
