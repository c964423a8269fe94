import Fluent
import Vapor
import VigiaCore

/// Loads the user of the session cookie or of an `Authorization: Bearer` API token.
struct UserLoaderMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            if let token = try await ApiToken.query(on: req.db).filter(\.$tokenHash == Token.sha256(bearer.token))
                .with(\.$user).first() {
                req.currentUser = try CurrentUser(token.user, viaToken: true)
            } else {
                throw Abort(.unauthorized, reason: "El token de acceso no es válido.")
            }
        } else if let text = req.session.data[SessionKey.userID], let id = UUID(uuidString: text),
                  let user = try await User.find(id, on: req.db) {
            req.currentUser = try CurrentUser(user)
        }
        return try await next.respond(to: req)
    }
}

/// Pages need a signed-in user: anonymous visitors go to the login page and come back.
struct RequireLoginMiddleware: AsyncMiddleware {
    let api: Bool

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard req.currentUser != nil else {
            if api { throw Abort(.unauthorized, reason: "Debe autenticarse (sesión o token de acceso).") }
            var target = SiteURL.login.path
            if req.method == .GET, let next = req.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                target += "?siguiente=\(next)"
            }
            return req.redirect(to: target)
        }
        return try await next.respond(to: req)
    }
}

/// Every state-changing request from a browser must carry the session's CSRF token: in the
/// form field `_csrf` (HTML forms) or the `X-CSRF-Token` header (scripts using the cookie).
/// API calls with a bearer token carry no cookie and need none.
struct CSRFMiddleware: AsyncMiddleware {
    /// Streamed uploads whose handler checks the CSRF field as the body arrives.
    static let checkedInStream: Set<String> = [SiteURL.selfReport(.key, .key, .key).path,
                                                SiteURL.monitoringEvidence(.key, .key, .key).path]

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(req.method), req.currentUser?.viaToken != true,
              !CSRFMiddleware.checkedInStream.contains("/" + (req.route?.path.map(\.description).joined(separator: "/") ?? "")) else {
            return try await next.respond(to: req)
        }
        let sent = req.headers.first(name: "X-CSRF-Token") ?? (try? req.content.get(String.self, at: "_csrf"))
        guard let expected = req.hasSession ? req.session.data[SessionKey.csrf] : nil,
              let sent, !sent.isEmpty, sent.utf8.elementsEqual(expected.utf8) else {
            throw Abort(.forbidden, reason: "El formulario venció o no trae su código de seguridad (CSRF). Vuelva a cargar la página e inténtelo de nuevo.")
        }
        return try await next.respond(to: req)
    }
}

/// Headers every response carries.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "Content-Security-Policy",
                                 value: "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'")
        return res
    }
}
