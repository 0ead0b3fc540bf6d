import CVModel
public import Foundation

/// `web:` — the web app's sessions and log-in limit (`cvsieve serve`). Every key is optional; the
/// defaults are the ones a privacy officer would ask for.
public struct WebAppSettings: Sendable, Hashable {
    static let keys: Set<String> = ["session_idle", "session_max", "login_failures", "login_window"]

    /// A session unused this long ends.
    public var sessionIdle: TimeInterval = 30 * 60
    /// A session ends this long after its log-in, however busy.
    public var sessionMax: TimeInterval = 12 * 3600
    /// Failed log-ins per account name within ``loginWindow`` before further tries are refused (a
    /// client address gets four times as many, over all names).
    public var loginFailures = 5
    public var loginWindow: TimeInterval = 15 * 60

    public init() {}

    /// The sessions' rules for the web app.
    public var sessionPolicy: SessionPolicy {
        SessionPolicy(
            idleTimeout: sessionIdle, absoluteTimeout: sessionMax, maxFailures: loginFailures,
            failureWindow: loginWindow)
    }

    static func parse(_ section: ConfigReader.Mapping, reader: ConfigReader) -> WebAppSettings {
        var settings = WebAppSettings()
        func seconds(_ key: String, range: ClosedRange<TimeInterval>) -> TimeInterval? {
            guard let span = reader.duration(section[key], path: "web.\(key)") else { return nil }
            let value = TimeInterval(span.seconds)
            guard range.contains(value) else {
                reader.error(
                    "web.\(key) must lie between \(Int(range.lowerBound / 60))m and \(Int(range.upperBound / 3600))h "
                        + "(got '\(span)')", at: section[key])
                return nil
            }
            return value
        }
        if let idle = seconds("session_idle", range: 60...(24 * 3600)) { settings.sessionIdle = idle }
        if let max = seconds("session_max", range: 300...(7 * 24 * 3600)) { settings.sessionMax = max }
        if let failures = reader.integer(section["login_failures"], path: "web.login_failures", range: 1...100) {
            settings.loginFailures = failures
        }
        if let window = seconds("login_window", range: 60...(24 * 3600)) { settings.loginWindow = window }
        if settings.sessionIdle > settings.sessionMax {
            reader.error("web.session_idle must not be longer than web.session_max", at: section["session_idle"])
        }
        return settings
    }
}
