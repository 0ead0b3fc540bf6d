public import CVModel

/// Why an account could not be added: the name or the password does not meet the rules.
public enum AccountError: ReportableError, Equatable {
    case invalidName
    case weakPassword(minimum: Int)

    public var exitCode: Int32 { 2 }

    public var kind: String {
        switch self {
        case .invalidName: "invalid_account_name"
        case .weakPassword: "weak_password"
        }
    }

    public var description: String {
        switch self {
        case .invalidName:
            "account name: use 1 to 64 lower-case letters, digits, '.', '_' or '-' (a log-in name, not a person's name)"
        case .weakPassword(let minimum):
            "password: at least \(minimum) characters, on the first line of standard input"
        }
    }
}
