import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The listeners of `cvsieve serve` in one service group: SIGTERM or SIGINT stops both, each
/// finishing the requests in hand.
enum Listeners {
    static func run(
        _ staff: some ApplicationProtocol, _ approvals: (some ApplicationProtocol)?, logger: Logger
    ) async throws {
        var services: [any ServiceLifecycle.Service] = [staff]
        if let approvals { services.append(approvals) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
