import Foundation
import Pipeline
import TestSupport
import Testing

/// `web:` in pipeline.yml: the web app's session lifetimes and log-in limit.
@Suite struct WebAppSettingsTests {
    static func shipped() throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("pipeline.yml"), encoding: .utf8)
    }

    @Test("without web: the defaults (30 min idle, 12 h at most, 5 failures in 15 min); with it, its values")
    func values() throws {
        let defaults = try PipelineConfig.parse(try Self.shipped(), file: "pipeline.yml").web.sessionPolicy
        #expect(defaults.idleTimeout == 1800 && defaults.absoluteTimeout == 43200)
        #expect(defaults.maxFailures == 5 && defaults.failureWindow == 900)
        let yaml =
            try Self.shipped()
            + "\nweb: {session_idle: 10m, session_max: 8h, login_failures: 3, login_window: 1h}\n"
        let policy = try PipelineConfig.parse(yaml, file: "pipeline.yml").web.sessionPolicy
        #expect(policy.idleTimeout == 600 && policy.absoluteTimeout == 28800)
        #expect(policy.maxFailures == 3 && policy.failureWindow == 3600)
    }

    @Test("an idle time longer than the maximum, an unknown key or an out-of-range value is an error with its line")
    func errors() throws {
        for bad in [
            "web: {session_idle: 13h, session_max: 12h}", "web: {session_lifetime: 1h}", "web: {login_failures: 0}",
            "web: {session_idle: 10s}",
        ] {
            #expect(throws: ConfigErrors.self, "\(bad)") {
                try PipelineConfig.parse(try Self.shipped() + "\n" + bad + "\n", file: "pipeline.yml")
            }
        }
    }
}
