import Fluent
import Plot
import Vapor
import VigiaCore

/// A user's own API tokens, and the administrador's view of locked accounts.
enum AccountController {
    // MARK: - API tokens

    @Sendable static func tokens(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let rows = try await ApiToken.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        return AccountViews.tokens(req, tokens: rows, now: req.now, newToken: nil, error: nil)
    }

    struct NewTokenForm: Content {
        var etiqueta: String
        var dias: String?
    }

    /// The token is shown once, on the page that answers the creation; only its hash is kept.
    @Sendable static func createToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewTokenForm.self)
        let label = String(form.etiqueta.trimmed.prefix(120))
        let rows = try await ApiToken.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        let now = req.now
        guard !label.isEmpty else {
            return AccountViews.tokens(req, tokens: rows, now: now, newToken: nil, error: "Etiqueta: escriba para qué es el token.", status: .unprocessableEntity)
        }
        var expires: Date? = nil
        if let text = form.dias?.trimmed, !text.isEmpty {
            guard let days = Int(text), (1...3650).contains(days) else {
                return AccountViews.tokens(req, tokens: rows, now: now, newToken: nil,
                                           error: "Vence en (días): «\(text)» debe ser un número entero de 1 a 3650.", status: .unprocessableEntity)
            }
            expires = now.addingTimeInterval(Double(days) * 86_400)
        }
        let token = try await VigiaTasks.issueToken(userID: user.id, label: label, expires: expires, by: Actor(user),
                                                    entityID: user.entityID, on: req.db)
        let all = try await ApiToken.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        return AccountViews.tokens(req, tokens: all, now: now, newToken: token, error: nil)
    }

    @Sendable static func revokeToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let token = try await ApiToken.query(on: req.db).filter(\.$id == req.uuidParameter("token"))
            .filter(\.$user.$id == user.id).first() else {
            throw Abort(.notFound, reason: "El token no existe o no es suyo.")
        }
        try await VigiaTasks.revoke(token, by: Actor(user), entityID: user.entityID, on: req.db)
        req.flash("Token «\(token.label)» revocado: ya no abre la API.")
        return req.redirect(to: SiteURL.apiTokens.path)
    }

    // MARK: - Locked accounts (administrador)

    static func requireAdmin(_ user: CurrentUser) throws {
        try Access.requireAdministrador(user, "Solo el administrador consulta y levanta los bloqueos de ingreso.")
    }

    @Sendable static func lockouts(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try requireAdmin(user)
        let locked = try await LoginThrottle.lockedAccounts(entityID: user.entityID, app: req.application, on: req.db)
        return AccountViews.lockouts(req, locked: locked.map { ($0.user.id ?? UUID(), $0.user.name, $0.user.email, $0.until) })
    }

    struct UnlockForm: Content { var usuario: UUID }

    @Sendable static func unlock(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try requireAdmin(user)
        let form = try req.content.decode(UnlockForm.self)
        guard let target = try await User.query(on: req.db).filter(\.$id == form.usuario).filter(\.$entity.$id == user.entityID).first() else {
            throw Abort(.notFound, reason: "El usuario no existe.")
        }
        try await req.db.transaction { db in
            try await LoginThrottle.clear(LoginThrottle.accountKey(target.email), on: db)
            try await AuditLog.record("Desbloqueó la cuenta \(target.email)", by: Actor(user), entityID: user.entityID,
                                      objectType: "usuario", objectID: target.id, planID: nil, on: db)
        }
        req.flash("Cuenta de \(target.name) desbloqueada.")
        return req.redirect(to: SiteURL.lockouts.path)
    }
}

enum AccountViews {
    static func tokens(_ req: Request, tokens: [ApiToken], now: Date, newToken: String?, error: String?, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Tokens de acceso a la API")
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1("Tokens de acceso a la API")
            Node<HTML.BodyContext>.p(.text("Un token permite a un programa usar la API (/api/v1) en su nombre, con su rol. Trátelo como una contraseña; puede revocarlo en cualquier momento."))
            if let newToken {
                Node<HTML.BodyContext>.div(.class("flash"), .attribute(named: "role", value: "status"),
                    .p(.strong("Copie el token ahora: no se volverá a mostrar.")),
                    .element(named: "code", text: newToken))
            }
            if let error { Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(error)) }
            if tokens.isEmpty { Node<HTML.BodyContext>.p(.text("No tiene tokens.")) } else { Node<HTML.BodyContext>.table(
                .thead(.tr(.th("Etiqueta"), .th("Creado"), .th("Último uso"), .th("Vence"), .th("Estado"), .th(""))),
                .tbody(.forEach(tokens) { t in
                    let expired = t.expiresAt.map { $0 <= now } ?? false
                    return .tr(.td(.text(t.label)), .td(.text(format(t.createdAt))), .td(.text(t.lastUsedAt.map(format) ?? "Nunca")),
                               .td(.text(t.expiresAt.map(format) ?? "Sin vencimiento")), .td(.text(expired ? "Vencido" : "Activo")),
                               .td(.form(.method(.post), .action(SiteURL.revokeApiToken(.value(t.id ?? UUID())).path),
                                         .csrf(ctx.csrf), .button(.type(.submit), .class("secondary"), .text("Revocar")))))
                })
            ) }
            Node<HTML.BodyContext>.h2("Nuevo token")
            Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.apiTokens.path), .csrf(ctx.csrf),
                .field("Etiqueta", name: "etiqueta", value: nil, required: true, hint: "Para qué es: «Tablero de la Secretaría», «script de carga»…"),
                .field("Vence en (días)", name: "dias", value: "90", hint: "Déjelo vacío para un token sin vencimiento."),
                .button(.type(.submit), .text("Crear token")))
        }
    }

    static func lockouts(_ req: Request, locked: [(id: UUID, name: String, email: String, until: Date)]) -> Response {
        let ctx = PageContext(req, title: "Cuentas bloqueadas")
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1("Cuentas bloqueadas por intentos fallidos")
            Node<HTML.BodyContext>.p(.text("Tras varios intentos fallidos una cuenta se bloquea unos minutos (el bloqueo se levanta solo). Si la persona es quien dice ser, puede levantarlo aquí."))
            if locked.isEmpty {
                Node<HTML.BodyContext>.p(.text("No hay cuentas bloqueadas."))
            } else {
                Node<HTML.BodyContext>.table(
                    .thead(.tr(.th("Usuario"), .th("Correo"), .th("Bloqueada hasta"), .th(""))),
                    .tbody(.forEach(locked) { l in
                        .tr(.td(.text(l.name)), .td(.text(l.email)), .td(.text(format(l.until))),
                            .td(.form(.method(.post), .action(SiteURL.lockouts.path), .csrf(ctx.csrf),
                                      .input(.type(.hidden), .name("usuario"), .value(l.id.uuidString)),
                                      .button(.type(.submit), .text("Desbloquear")))))
                    }))
            }
        }
    }

    static func format(_ date: Date?) -> String {
        guard let date else { return "—" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Bogota") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
