import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve requests [--json]`: open subject requests and their 4-week deadlines.
struct RequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "List open data-subject requests and their deadlines; overdue ones are marked.")

    @OptionGroup var options: CommonOptions
    @OptionGroup var now: NowOption

    @Flag(help: "Include answered requests.") var all = false

    func run() async throws {
        let requests = try await options.service().requests(includeCompleted: all, at: try now.date())
        if options.json {
            try Output.json(requests)
            return
        }
        for request in requests {
            let due = request.extendedUntil ?? request.dueAt
            let state = request.completedAt.map { "answered \(day($0))" } ?? (request.isOverdue ? "OVERDUE" : "open")
            print(
                "  #\(request.id) \(request.kind.padding(9)) \(request.code)  received \(day(request.receivedAt))  due \(day(due))  \(state)"
            )
        }
        let overdue = requests.filter(\.isOverdue).count
        print("\(requests.filter { $0.completedAt == nil }.count) open requests, \(overdue) overdue")
    }
}
