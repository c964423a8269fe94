import Foundation
import Plot
import Vapor

/// The user's API tokens; a new token is shown once, on the page that answers its creation.
enum ApiTokensView {
    struct Row: Sendable, Equatable {
        var id: UUID
        var label: String
        var createdAt: Date?
        var lastUsedAt: Date?
        var expiresAt: Date?
    }

    static let title = "Tokens de acceso a la API"

    static func render(_ ctx: PageContext, tokens: [Row], now: Date, newToken: String?, error: String?, status: HTTPStatus = .ok) -> Response {
        Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1("Tokens de acceso a la API")
            Node<HTML.BodyContext>.p(.text("Un token permite a un programa usar la API (/api/v1) en su nombre, con su rol. Trátelo como una contraseña; puede revocarlo en cualquier momento."))
            if let newToken {
                Node<HTML.BodyContext>.div(.class("flash"), .attribute(named: "role", value: "status"),
                    .p(.strong("Copie el token ahora: no se volverá a mostrar.")),
                    .element(named: "code", text: newToken))
            }
            if let error { Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(error)) }
            if tokens.isEmpty { Node<HTML.BodyContext>.p(.text("No tiene tokens.")) } else { table(tokens, now: now, csrf: ctx.csrf) }
            Node<HTML.BodyContext>.h2("Nuevo token")
            Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.apiTokens.path), .csrf(ctx.csrf),
                .field("Etiqueta", name: "etiqueta", value: nil, required: true, hint: "Para qué es: «Tablero de la Secretaría», «script de carga»…"),
                .field("Vence en (días)", name: "dias", value: "90", hint: "Déjelo vacío para un token sin vencimiento."),
                .button(.type(.submit), .text("Crear token")))
        }
    }

    static func table(_ tokens: [Row], now: Date, csrf: String) -> Node<HTML.BodyContext> {
        .scrollBox("Tokens", .table(
            .thead(.tr(.th("Etiqueta"), .th("Creado"), .th("Último uso"), .th("Vence"), .th("Estado"), .th(""))),
            .tbody(.forEach(tokens) { t in
                let expired = t.expiresAt.map { $0 <= now } ?? false
                return .tr(.td(.text(t.label)), .td(.text(format(t.createdAt))), .td(.text(t.lastUsedAt.map(format) ?? "Nunca")),
                           .td(.text(t.expiresAt.map(format) ?? "Sin vencimiento")), .td(.text(expired ? "Vencido" : "Activo")),
                           .td(.form(.method(.post), .action(SiteURL.revokeApiToken(.value(t.id)).path),
                                     .csrf(csrf), .button(.type(.submit), .class("secondary"), .text("Revocar")))))
            })))
    }

    /// dd/mm/aaaa hh:mm in Bogotá.
    static func format(_ date: Date?) -> String {
        guard let date else { return "—" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Bogota") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
