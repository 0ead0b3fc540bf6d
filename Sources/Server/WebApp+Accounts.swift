import CVModel
import Foundation
import Hummingbird
import Pipeline

// MARK: - Gebruikers (admins only)

extension WebApp {
    func addAccountRoutes(to router: Router<WebContext>) {
        router.get("/gebruikers") { _, context in
            _ = try context.require(.admin)
            let accounts = try await service.accounts()
            return Page.response(
                Page.layout(
                    title: Page.t("Gebruikers", "Users"), session: context.session,
                    body: Self.accountTable(accounts, csrfToken: context.session?.csrfToken ?? "")))
        }
        router.post("/gebruikers/{id}/uitschakelen") { _, context in
            let admin = try context.require(.admin)
            let id = try context.parameters.require("id", as: Int64.self)
            guard id != admin.id else { throw HTTPError(.badRequest) }
            guard let account = try await service.accounts().first(where: { $0.id == id }) else {
                throw HTTPError(.notFound)
            }
            _ = try await service.acting(as: admin.auditActor).disableAccount(name: account.name, at: clock())
            return Page.redirect(to: "/gebruikers")
        }
    }

    static func accountTable(_ accounts: [Account], csrfToken: String) -> String {
        var rows = ""
        for account in accounts {
            let action =
                account.isDisabled
                ? ""
                : """
                <form method="post" action="/gebruikers/\(account.id)/uitschakelen">\(Page.csrfField(csrfToken))\
                <button type="submit">\(Page.t("Uitschakelen", "Disable"))</button></form>
                """
            rows += """
                <tr><td>\(account.id)</td><td>\(Page.escape(account.name))</td>\
                <td>\(Page.roleLabel(account.role))</td>\
                <td>\(account.isDisabled ? Page.t("uitgeschakeld", "disabled") : Page.t("actief", "active"))</td><td>\(Page.day(account.createdAt))</td>\
                <td>\(action)</td></tr>

                """
        }
        return """
            <h1>\(Page.t("Gebruikers", "Users"))</h1>
            <p>\(Page.t("Nieuwe gebruikers voegt de beheerder toe met", "The administrator adds users with")) <code>cvsieve user add NAAM --role ROL</code>.</p>
            <table><thead><tr><th scope="col">\(Page.t("Nr.", "No."))</th><th scope="col">\(Page.t("Naam", "Name"))</th>\
            <th scope="col">\(Page.t("Rol", "Role"))</th><th scope="col">Status</th>\
            <th scope="col">\(Page.t("Aangemaakt", "Created"))</th><th scope="col"></th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            """
    }
}
