import ArgumentParser
import Foundation
import Logging
import Pipeline
import Server

/// `cvsieve serve [--listen 127.0.0.1:8080] [--behind-tls]`: the web app for recruiters and
/// privacy officers. SIGINT/SIGTERM finish the requests in hand and exit 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the web app (loopback by default; put a TLS proxy in front).")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "The address to listen on (HOST:PORT).")
    var listen = "127.0.0.1:8080"

    @Flag(name: .long, help: "A TLS proxy is in front: mark cookies Secure (sent over HTTPS only).")
    var behindTLS = false

    @Option(
        name: .customLong("approval-listen"),
        help: "Also serve the public approval page for candidates on this address (HOST:PORT); off by default.")
    var approvalListen: String?

    func run() async throws {
        guard let address = WebSettings.parseListen(listen) else {
            throw ValidationError("--listen must be HOST:PORT, such as 127.0.0.1:8080 (got '\(listen)')")
        }
        let config = try options.loadConfig(requireFile: true)
        let settings = WebSettings(
            host: address.host, port: address.port, isBehindTLS: behindTLS, sessions: config.web.sessionPolicy)
        if !settings.isLoopback {
            Output.warning("\(listen) is not a loopback address: serve it only behind a TLS proxy (README, deploy/)")
        }
        let service = try options.service(actor: "cvsieve-serve")
        var approvals: ApprovalApp?
        if let approvalListen {
            guard let address = WebSettings.parseListen(approvalListen), address != (settings.host, settings.port)
            else {
                throw ValidationError(
                    "--approval-listen must be HOST:PORT, other than --listen, such as 127.0.0.1:8081 (got '\(approvalListen)')"
                )
            }
            approvals = ApprovalApp(
                service: service,
                settings: WebSettings(host: address.host, port: address.port, isBehindTLS: behindTLS))
        }
        let listen = listen
        let approvalListen = approvalListen
        try await WebApp(service: service, settings: settings).serve(
            logger: Logger(label: "cvsieve.web"), approvals: approvals
        ) {
            Output.standardError("cvsieve serve: listening on http://\(listen); SIGTERM or Ctrl-C to stop\n")
            if let approvalListen {
                Output.standardError("cvsieve serve: the public approval page on http://\(approvalListen)/akkoord\n")
            }
        }
        Output.standardError("cvsieve serve: stopped\n")
    }
}
