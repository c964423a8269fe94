import Fluent
import Vapor
import VigiaCore

/// The signed-in user, as every handler sees it.
struct CurrentUser: Sendable {
    let id: UUID
    let entityID: UUID
    let name: String
    let email: String
    let role: Role
    let dependencyID: UUID?
    /// Signed in with an API token (no cookie, so no CSRF check applies).
    let viaToken: Bool

    init(_ user: User, viaToken: Bool = false) throws {
        id = try user.requireID()
        entityID = user.$entity.id
        name = user.name
        email = user.email
        role = user.role
        dependencyID = user.$dependency.id
        self.viaToken = viaToken
    }
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

enum SessionKey {
    static let userID = "uid"
    static let csrf = "csrf"
    static let flash = "flash"
}

extension Request {
    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// The signed-in user, or 401 (the login middleware normally redirects before this).
    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized, reason: "Debe iniciar sesión.") }
        return user
    }

    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data[SessionKey.csrf] { return token }
        let token = Token.random()
        session.data[SessionKey.csrf] = token
        return token
    }

    /// A one-time message shown on the next page.
    func flash(_ message: String) { session.data[SessionKey.flash] = message }

    func takeFlash() -> String? {
        guard hasSession, let message = session.data[SessionKey.flash] else { return nil }
        session.data[SessionKey.flash] = nil
        return message
    }
}

enum Token {
    /// 32 random bytes, URL-safe base64.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
