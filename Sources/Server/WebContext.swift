public import CVModel
public import Hummingbird
import NIOCore

/// What one request carries between the middleware and the routes: the signed-in session (if
/// any), its cookie token, and the form fields of a POST (read once, CSRF-checked before any
/// route sees them).
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: AccountSession?
    var sessionToken: String?
    var form: FormFields = FormFields()
    /// The files of an upload (multipart POST to the upload page only).
    var uploads: [MultipartForm.File] = []
    /// The peer's address, for the log-in rate limit (behind a proxy: the proxy's).
    let clientAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The signed-in account, or a redirect to the log-in page.
    func account() throws -> Account {
        guard let account = session?.account else { throw HTTPError(.unauthorized) }
        return account
    }

    /// The signed-in account if its role includes `role`; 403 otherwise. Every route that shows or
    /// changes data calls this: authorisation is the server's, never the page's.
    func require(_ role: AccountRole) throws -> Account {
        let account = try account()
        guard account.role.includes(role) else { throw HTTPError(.forbidden) }
        return account
    }
}
