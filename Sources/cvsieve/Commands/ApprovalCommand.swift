import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve approval request|record|list`: the candidate's approval of their client profile,
/// which `export.require_approval` makes a condition of every export.
struct ApprovalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approval",
        abstract: "Ask a candidate to approve their client profile, record the answer, list approvals.",
        subcommands: [Request.self, Record.self, Withdraw.self, List.self])

    /// `approval request CODE --out FILE.eml [--lang nl|en]`.
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the approval e-mail (profile attached, one-time code) for the candidate to FILE.",
            discussion: """
                The code is in the e-mail only: the vault keeps a keyed hash of it. The candidate answers on the
                public approval page (serve --approval-listen, export.approval_url) or by replying; record a
                reply with `approval record`.
                """)

        @OptionGroup var options: CommonOptions
        @OptionGroup var now: NowOption

        @Argument(help: "The candidate's code (C-XXXX-XXXX).")
        var code: String

        @Option(help: "Write the .eml here (mode 0600).")
        var out: String

        @Option(name: .customLong("lang"), help: "nl or en.")
        var language: String = "nl"

        func run() async throws {
            guard let language = NoticeLanguage(rawValue: language) else {
                throw ValidationError("--lang must be nl or en (got '\(language)')")
            }
            let service = try options.service()
            let request = try await service.requestApproval(code, at: try now.date())
            let message = try await service.approvalMessage(request, language: language)
            guard FileManager.default.createFile(atPath: out, contents: message, attributes: [.posixPermissions: 0o600])
            else {
                throw ApprovalFailure(
                    exitCode: 1, kind: "write", description: "\(out): cannot write the approval e-mail")
            }
            if options.json {
                try Output.json(request.approval)
            } else {
                print("\(out): approval #\(request.approval.id) asked; valid until \(request.approval.expiresAt)")
            }
        }
    }

    /// `approval record CODE ID --approved|--refused`.
    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the candidate's answer to an approval.")

        @OptionGroup var options: CommonOptions
        @OptionGroup var now: NowOption

        @Argument(help: "The candidate's code.")
        var code: String

        @Argument(help: "The approval's number (see `approval list`).")
        var id: Int64

        @Flag(help: "The candidate approved.")
        var approved = false

        @Flag(help: "The candidate refused.")
        var refused = false

        func validate() throws {
            guard approved != refused else { throw ValidationError("give exactly one of --approved and --refused") }
        }

        func run() async throws {
            let service = try options.service()
            guard try await service.recordApproval(code, id: id, approved: approved, at: try now.date()) else {
                throw ApprovalFailure(
                    exitCode: 2, kind: "approval_closed",
                    description: "\(code): approval #\(id) was already answered or has expired; nothing was recorded")
            }
            print("\(code): approval #\(id) \(approved ? "given" : "refused"), recorded")
        }
    }

    /// `approval withdraw CODE`.
    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the candidate withdrew their approval: every profile needs a new one.")

        @OptionGroup var options: CommonOptions
        @OptionGroup var now: NowOption

        @Argument(help: "The candidate's code.")
        var code: String

        func run() async throws {
            let count = try await options.service().withdrawApproval(code, at: try now.date())
            print("\(code): \(count) approval(s) withdrawn, recorded")
        }
    }

    /// `approval list CODE [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a candidate's approvals.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The candidate's code.")
        var code: String

        func run() async throws {
            let approvals = try await options.service().approvals(of: code)
            if options.json {
                try Output.json(approvals)
                return
            }
            for approval in approvals {
                let answer = approval.isApproved.map { $0 ? "approved" : "refused" } ?? "open"
                print(
                    "#\(approval.id)  asked \(approval.requestedAt)  until \(approval.expiresAt)  \(answer)  "
                        + "profile \(approval.profileSHA256.prefix(12))")
            }
        }
    }
}

/// An approval command's own failure, reported like every other (`error: …`, its exit code).
struct ApprovalFailure: ReportableError {
    var exitCode: Int32
    var kind: String
    var description: String
}
