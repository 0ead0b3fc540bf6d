import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve subject …`: data-subject rights and the agency's events, by code or by e-mail.
struct SubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject", abstract: "Data-subject rights, consent, contact, agreements and legal holds.",
        subcommands: [
            Access.self, Rectify.self, Erase.self, Restrict.self, Object.self, Consent.self, Contact.self,
            Agreement.self, ApplicationEnd.self, Hold.self, Release.self, Receive.self, Extend.self,
        ])

    /// A candidate named by code or by an e-mail address read from a file or standard input.
    struct Target: ParsableArguments {
        @Argument(help: "The candidate's code (C-XXXX-XXXX).")
        var code: String?

        @Option(
            name: .customLong("email-from"),
            help: ArgumentHelp(
                "Find the candidate by e-mail address instead of code, read from this file ('-': standard input).",
                discussion: "Never on the command line: argv shows in `ps` and in shell history."))
        var emailFile: String?

        func candidate() throws -> Service.CandidateRef {
            if let code { return .code(code) }
            if let emailFile { return .email(try SecretInput.read(emailFile, what: "e-mail address")) }
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

    struct Access: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything held on the person, as JSON (access and portability).")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() async throws {
            try Output.json(try await options.service().access(try target.candidate(), at: Date()))
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the stored values of one field; the correct value is read from standard input.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        @Argument(help: "The field (name, email, phone, city, …).") var field: String
        @Option(
            name: .customLong("value-from"),
            help: "Read the correct value from this file instead of standard input (never on the command line).")
        var valueFile: String = "-"
        func run() async throws {
            let value = try SecretInput.read(valueFile, what: "value")
            try report(
                try await options.service().rectify(code, field: field, value: value, at: Date()), json: options.json)
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the candidate (destroys their key; refused under a legal hold).")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() async throws {
            try report(try await options.service().erase(try target.candidate(), at: Date()), json: options.json)
        }
    }

    struct Restrict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restrict processing: kept, not processed or exported.")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() async throws {
            try report(
                try await options.service().restrict(try target.candidate(), isObjection: false, at: Date()),
                json: options.json)
        }
    }

    struct Object: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an objection: stops legitimate-interest processing.")
        @OptionGroup var options: CommonOptions
        @OptionGroup var target: Target
        func run() async throws {
            try report(
                try await options.service().restrict(try target.candidate(), isObjection: true, at: Date()),
                json: options.json)
        }
    }

    struct Consent: AsyncParsableCommand {
        enum Action: String, ExpressibleByArgument, CaseIterable { case grant, withdraw }
        static let configuration = CommandConfiguration(abstract: "Record consent granted or withdrawn for a purpose.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "grant or withdraw.") var action: Action
        @Argument(help: "The candidate's code.") var code: String
        @Option(help: "The purpose the consent is for.") var purpose: String
        func run() async throws {
            try await options.service().consent(code, purpose: purpose, granted: action == .grant, at: Date())
            print("\(code): consent \(action == .grant ? "granted" : "withdrawn") for \(purpose); retention recomputed")
        }
    }

    struct Contact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record contact with the candidate now.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        func run() async throws {
            try await options.service().recordContact(code, at: Date())
            print("\(code): contact recorded; retention recomputed")
        }
    }

    struct Agreement: AsyncParsableCommand {
        enum Action: String, ExpressibleByArgument, CaseIterable { case start, end }
        static let configuration = CommandConfiguration(
            abstract: "Record the start or end of an agreement (placement, employment).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "start or end.") var action: Action
        @Argument(help: "The candidate's code.") var code: String
        func run() async throws {
            try await options.service().recordAgreement(code, starts: action == .start, at: Date())
            print("\(code): agreement \(action.rawValue) recorded; retention recomputed")
        }
    }

    struct ApplicationEnd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "application-end",
            abstract: "Record that the application procedure ended: an applicant's data goes 4 weeks after that day.",
            discussion: """
                Moves the retention of data kept under the no_agreement rule to that day plus the rule's \
                period. Data kept on consent, for mediation or under an agreement keeps its date; a legal \
                hold still stops the purge.
                """)
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        @Option(help: "The day the procedure ended (YYYY-MM-DD, the agency's calendar; default: today).")
        var on: String?

        func run() async throws {
            let day = try on.map(Self.day(from:)) ?? Date()
            try await options.service().applicationEnded(code, on: day, at: Date())
            print("\(code): application end on \(Self.text(of: day)) recorded; retention recomputed")
        }

        static var formatter: DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeSpan.agencyTimeZone
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter
        }

        static func day(from text: String) throws -> Date {
            guard let date = formatter.date(from: text) else {
                throw ValidationError("--on must be a date such as 2026-12-31 (got '\(text)')")
            }
            return date
        }

        static func text(of day: Date) -> String { formatter.string(from: day) }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Place a legal hold: suspends purge and erasure.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        @Option(help: "Why (kept in the vault and listed; no personal data).") var reason: String
        func run() async throws {
            try await options.service().hold(code, reason: reason, at: Date())
            print("\(code): legal hold placed")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release a legal hold.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The candidate's code.") var code: String
        func run() async throws {
            try await options.service().hold(code, reason: nil, at: Date())
            print("\(code): legal hold released")
        }
    }

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a request as received (due in 4 weeks).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "access, portability, rectify, erase, restrict, object, consent, withdraw.") var kind: String
        @Argument(help: "The candidate's code.") var code: String
        @OptionGroup var now: NowOption
        func run() async throws {
            guard let requestKind = RequestKind(rawValue: kind) else {
                throw ValidationError(
                    "'\(kind)' is not a request kind: \(RequestKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let id = try await options.service().receiveRequest(code, kind: requestKind, at: try now.date())
            print("request #\(id) (\(requestKind.rawValue)) recorded for \(code), due in 4 weeks")
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend a request's deadline, with a reason.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The request number (see `cvsieve requests`).") var id: Int64
        @Option(help: "The new deadline (YYYY-MM-DD).") var until: String
        @Option(help: "Why the extension is needed.") var reason: String
        func run() async throws {
            let date = try NowOption(now: until).date()
            try await options.service().extendRequest(id, until: date, reason: reason, at: Date())
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
