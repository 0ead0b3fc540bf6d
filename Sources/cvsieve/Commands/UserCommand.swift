import ArgumentParser
import CVModel
import Foundation
import Glibc
import Pipeline

/// `cvsieve user add|list|disable`: the web app's accounts, kept in the vault.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the web app's accounts.",
        subcommands: [Add.self, List.self, Disable.self])

    /// `user add NAME --role ROLE`: the password is the first line of standard input, never an argument.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; its password is read from standard input (first line).")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The log-in name (lower-case letters, digits, '.', '_', '-').")
        var name: String

        @Option(name: .long, help: "recruiter, privacy-officer or admin.")
        var role: String

        func run() async throws {
            guard let role = AccountRole(rawValue: role) else {
                throw ValidationError("--role must be recruiter, privacy-officer or admin (got '\(role)')")
            }
            let password = Self.readPassword()
            let account = try await options.service().addAccount(
                name: name, role: role, password: password, at: Date())
            if options.json {
                try Output.json(account)
            } else {
                print("account \(account.id) \(account.name) (\(account.role.rawValue)) added")
            }
        }

        /// The first line of standard input; on a terminal, asked for with the echo off.
        static func readPassword() -> String {
            guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) ?? "" }
            var saved = termios()
            let hasTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
            if hasTerminal {
                var silent = saved
                silent.c_lflag &= ~tcflag_t(ECHO)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            }
            Output.standardError("Password: ")
            let password = readLine(strippingNewline: true) ?? ""
            if hasTerminal { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
            Output.standardError("\n")
            return password
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var options: CommonOptions

        func run() async throws {
            let accounts = try await options.service().accounts()
            if options.json {
                try Output.json(accounts)
                return
            }
            print("id    name                  role              state      created")
            for account in accounts {
                print(
                    [
                        String(account.id).padding(5), account.name.padding(21), account.role.rawValue.padding(17),
                        (account.isDisabled ? "disabled" : "active").padding(10), day(account.createdAt),
                    ].joined(separator: " "))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it can no longer sign in and its sessions end.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The log-in name.")
        var name: String

        func run() async throws {
            let account = try await options.service().disableAccount(name: name, at: Date())
            if options.json {
                try Output.json(account)
            } else {
                print("account \(account.id) \(account.name) disabled")
            }
        }
    }
}
