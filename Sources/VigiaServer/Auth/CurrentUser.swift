import Fluent
import SQLKit
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
    /// When the request arrived, by the injected clock: the moment its changes are recorded at.
    let requestedAt: Date

    init(_ user: User, at requestedAt: Date, viaToken: Bool = false) throws {
        id = try user.requireID()
        entityID = user.$entity.id
        name = user.name
        email = user.email
        role = user.role
        dependencyID = user.$dependency.id
        self.viaToken = viaToken
        self.requestedAt = requestedAt
    }
}

extension CurrentUser {
    init(id: UUID, entityID: UUID, name: String, email: String, role: Role, dependencyID: UUID?, requestedAt: Date) {
        self.id = id; self.entityID = entityID; self.name = name; self.email = email; self.role = role
        self.dependencyID = dependencyID; self.viaToken = false; self.requestedAt = requestedAt
    }

    /// The columns of a signed-in user and its entity's semáforo limits, as one query reads them.
    struct Row: Decodable, Sendable {
        var user_id: UUID, entity_id: UUID, name: String, email: String, role: String, dependency_id: UUID?, active: Bool
        var zone_low_below: Double, zone_high_from: Double
        /// The entity's revision (M032): raised with every change to any of its plans and programs.
        var entity_revision: Int

        /// The columns of `row`, one by one (SQLKit's Codable row decoder costs more on every request).
        init(_ row: any SQLRow) throws {
            user_id = try row.decode(column: "user_id", as: UUID.self)
            entity_id = try row.decode(column: "entity_id", as: UUID.self)
            name = try row.decode(column: "name", as: String.self)
            email = try row.decode(column: "email", as: String.self)
            role = try row.decode(column: "role", as: String.self)
            dependency_id = try row.decode(column: "dependency_id", as: UUID?.self)
            active = try row.decode(column: "active", as: Bool.self)
            zone_low_below = try row.decode(column: "zone_low_below", as: Double.self)
            zone_high_from = try row.decode(column: "zone_high_from", as: Double.self)
            entity_revision = try row.decode(column: "entity_revision", as: Int.self)
        }

        /// The user with its entity's limits; nil for a deactivated user or an unknown role.
        func signedIn(at now: Date) -> (CurrentUser, RatingZoneLimits)? {
            guard active, let role = Role(rawValue: role) else { return nil }
            return (CurrentUser(id: user_id, entityID: entity_id, name: name, email: email, role: role,
                                dependencyID: dependency_id, requestedAt: now),
                    RatingZoneLimits(lowBelow: zone_low_below, highFrom: zone_high_from))
        }

        /// Adds the user's columns (joined to its entity) to `query`, which must name the user's id in `userColumn`.
        static func joined(_ query: SQLSelectBuilder, userColumn: SQLColumn) -> SQLSelectBuilder {
            query.column(SQLColumn("id", table: "users"), as: "user_id")
                .columns(SQLColumn("entity_id", table: "users"), SQLColumn("name", table: "users"),
                         SQLColumn("email", table: "users"), SQLColumn("role", table: "users"), SQLColumn("dependency_id", table: "users"),
                         SQLColumn("active", table: "users"), SQLColumn("zone_low_below", table: "entities"),
                         SQLColumn("zone_high_from", table: "entities"))
                .column(SQLColumn("revision", table: "entities"), as: "entity_revision")
                .join(User.schema, on: userColumn, .equal, SQLColumn("id", table: "users"))
                .join(Entity.schema, on: SQLColumn("entity_id", table: "users"), .equal, SQLColumn("id", table: "entities"))
        }
    }

    /// The active user `id` with its entity's semáforo limits, in one query read into plain
    /// values; nil for a user that is gone or deactivated. (A request with a session cookie gets
    /// them from the session's own query: `SessionStore`.)
    static func signedIn(_ id: UUID, at now: Date, on db: Database) async throws -> (CurrentUser, RatingZoneLimits)? {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        let query = Row.joined(sql.select().from(User.schema), userColumn: SQLColumn("id", table: "users"))
        return try await query.where(SQLColumn("id", table: "users"), .equal, SQLBind(id)).limit(1)
            .first().map(Row.init)?.signedIn(at: now)
    }
}

/// The user row read with the session (`SessionStore.read`), for `UserLoaderMiddleware`.
struct SessionUserKey: StorageKey { typealias Value = CurrentUser.Row }

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

    /// The CSRF token: the signed-in session's, or an anonymous visitor's own cookie (no session
    /// row is written for visitors).
    var csrfToken: String {
        guard currentUser != nil, currentUser?.viaToken != true else { return PreSessionCSRF.token(self) }
        if let token = session.data[SessionKey.csrf] { return token }
        let token = Token.random()
        session.data[SessionKey.csrf] = token
        return token
    }

    /// Whether `sent` is this browser's CSRF token (constant-time comparison).
    func csrfMatches(_ sent: String?) -> Bool {
        guard let sent, !sent.isEmpty else { return false }
        let expected: String?
        if currentUser != nil {
            expected = hasSession ? session.data[SessionKey.csrf] : nil
        } else {
            expected = cookies[PreSessionCSRF.cookieName]?.string
        }
        guard let expected, !expected.isEmpty else { return false }
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A one-time message shown on the next page (signed-in users only: visitors have no session).
    func flash(_ message: String) {
        guard currentUser != nil else { return }
        session.data[SessionKey.flash] = message
    }

    func takeFlash() -> String? {
        guard currentUser != nil, hasSession, let message = session.data[SessionKey.flash] else { return nil }
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

    /// What `random()` makes: 43 URL-safe base64 characters. Anything else is not looked up.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }

    /// Lowercase hex of the SHA-256 of `text` (every request with a cookie hashes it: no `String(format:)`).
    static func sha256(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
