import Fluent
import Vapor
import VigiaCore

/// A user's own API tokens, and the administrador's view of locked accounts.
enum AccountController {
    // MARK: - API tokens

    @Sendable static func tokens(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let rows = try await ApiToken.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        return tokensPage(req, rows, now: req.now, newToken: nil, error: nil)
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
            return tokensPage(req, rows, now: now, newToken: nil, error: "Etiqueta: escriba para qué es el token.", status: .unprocessableEntity)
        }
        var expires: Date? = nil
        if let text = form.dias?.trimmed, !text.isEmpty {
            guard let days = Int(text), (1...3650).contains(days) else {
                return tokensPage(req, rows, now: now, newToken: nil,
                                  error: "Vence en (días): «\(text)» debe ser un número entero de 1 a 3650.", status: .unprocessableEntity)
            }
            expires = now.addingTimeInterval(Double(days) * 86_400)
        }
        let token = try await VigiaTasks.issueToken(userID: user.id, label: label, expires: expires, by: Actor(user),
                                                    entityID: user.entityID, on: req.db)
        let all = try await ApiToken.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        return tokensPage(req, all, now: now, newToken: token, error: nil)
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

    static func tokensPage(_ req: Request, _ tokens: [ApiToken], now: Date, newToken: String?, error: String?,
                           status: HTTPStatus = .ok) -> Response {
        let rows = tokens.map { ApiTokensView.Row(id: $0.id ?? UUID(), label: $0.label, createdAt: $0.createdAt,
                                                  lastUsedAt: $0.lastUsedAt, expiresAt: $0.expiresAt) }
        return ApiTokensView.render(PageContext(req, title: ApiTokensView.title), tokens: rows, now: now, newToken: newToken,
                                    error: error, status: status)
    }

    // MARK: - Locked accounts (administrador)

    static func requireAdmin(_ user: CurrentUser) throws {
        try Access.requireAdministrador(user, "Solo el administrador consulta y levanta los bloqueos de ingreso.")
    }

    @Sendable static func lockouts(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try requireAdmin(user)
        let locked = try await LoginThrottle.lockedAccounts(entityID: user.entityID, app: req.application, on: req.db)
        return LockoutsView.render(PageContext(req, title: LockoutsView.title),
                                   locked: locked.map { .init(id: $0.user.id ?? UUID(), name: $0.user.name, email: $0.user.email, until: $0.until) })
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
