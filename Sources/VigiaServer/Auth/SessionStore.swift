import Fluent
import SQLKit
import Vapor

/// Sessions kept on the server with an idle and an absolute lifetime. Only signed-in sessions
/// are stored: an anonymous visitor (login page, a 404, the transparency page) writes no row —
/// its CSRF token lives in a cookie of its own (`PreSessionCSRF`).
struct SessionStore: SessionDriver {
    static let userKey = SessionKey.userID

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask { try await create(data, request) }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask { try await read(sessionID, request) }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask { try await update(sessionID, data, request) }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.makeFutureWithTask {
            try await UserSession.query(on: request.db).filter(\.$tokenHash == Token.sha256(sessionID.string)).delete()
        }
    }

    private func create(_ data: SessionData, _ req: Request) async throws -> SessionID {
        let id = SessionID(string: Token.random())
        guard let uid = data[Self.userKey].flatMap(UUID.init(uuidString:)) else { return id }
        let now = req.now.timeIntervalSince1970
        try await Self.purgeExpired(req.application, on: req.db)
        let row = UserSession()
        row.tokenHash = Token.sha256(id.string)
        row.$user.id = uid
        row.data = try Self.encode(data)
        row.createdAt = now
        row.lastSeenAt = now
        try await row.create(on: req.db)
        return id
    }

    /// The session with its user, its entity's semáforo limits and revision: every request with a
    /// cookie runs it, so its text is written once (SQLKit's builder spent a tenth of a cached
    /// page's time quoting the same identifiers again on every request).
    static let readStatement = """
        SELECT s.id, s.data, s.created_at, s.last_seen_at, u.id AS user_id, u.entity_id, u.name, u.email, u.role, \
        u.dependency_id, u.active, e.zone_low_below, e.zone_high_from, e.revision AS entity_revision \
        FROM user_sessions s JOIN users u ON u.id = s.user_id JOIN entities e ON e.id = u.entity_id WHERE s.token_hash = 
        """

    /// Reads the session, and with it the user and its entity (`SessionUserKey`), so a signed-in
    /// request asks the database once for both; column by column into plain values.
    private func read(_ id: SessionID, _ req: Request) async throws -> SessionData? {
        guard let sql = req.db as? SQLDatabase else { throw Abort(.internalServerError) }
        guard let joined = try await sql.raw("\(unsafeRaw: Self.readStatement)\(bind: Token.sha256(id.string)) LIMIT 1").first() else {
            return nil
        }
        var row = LoadedSession(id: try joined.decode(column: "id", as: UUID.self), data: try joined.decode(column: "data", as: String.self),
                                createdAt: try joined.decode(column: "created_at", as: Double.self),
                                lastSeenAt: try joined.decode(column: "last_seen_at", as: Double.self))
        req.storage[SessionUserKey.self] = try CurrentUser.Row(joined)
        let settings = req.application.settings
        let now = settings.now().timeIntervalSince1970
        if now - row.lastSeenAt > settings.sessionIdleTimeout || now - row.createdAt > settings.sessionAbsoluteTimeout {
            try await sql.delete(from: UserSession.schema).where("id", .equal, row.id).run()
            req.storage[SessionUserKey.self] = nil
            return nil
        }
        let data = try JSONDecoder().decode(SessionData.self, from: Data(row.data.utf8))
        row.decoded = data
        req.storage[LoadedSessionKey.self] = row
        return data
    }

    /// Writes when the data changed, and at most once a minute to move the idle deadline.
    private func update(_ id: SessionID, _ data: SessionData, _ req: Request) async throws -> SessionID {
        guard let row = req.storage[LoadedSessionKey.self], let sql = req.db as? SQLDatabase else { return try await create(data, req) }
        let now = req.now.timeIntervalSince1970
        // Compared decoded: encoding the data of every request only to find it unchanged cost more.
        guard data != row.decoded || now - row.lastSeenAt > 60 else { return id }
        let encoded = try Self.encode(data)
        try await sql.update(UserSession.schema).set("data", to: encoded).set("last_seen_at", to: now).where("id", .equal, row.id).run()
        req.storage[LoadedSessionKey.self] = LoadedSession(id: row.id, data: encoded, createdAt: row.createdAt, lastSeenAt: now, decoded: data)
        return id
    }

    static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }

    /// Removes the sessions that can no longer be used.
    static func purgeExpired(_ app: Application, on db: Database) async throws {
        let now = app.now.timeIntervalSince1970
        try await UserSession.query(on: db).group(.or) {
            $0.filter(\.$lastSeenAt < now - app.settings.sessionIdleTimeout)
              .filter(\.$createdAt < now - app.settings.sessionAbsoluteTimeout)
        }.delete()
    }

    /// Ends every session of a user (password change, deactivation).
    static func endAll(userID: UUID, on db: Database) async throws {
        try await UserSession.query(on: db).filter(\.$user.$id == userID).delete()
    }

    /// Every session of the user but `kept` (the value of the session cookie that stays).
    static func endAll(userID: UUID, except kept: String?, on db: Database) async throws {
        let query = UserSession.query(on: db).filter(\.$user.$id == userID)
        if let kept { query.filter(\.$tokenHash != Token.sha256(kept)) }
        try await query.delete()
    }
}

/// The session row this request read, with its data as decoded then.
private struct LoadedSession {
    var id: UUID
    var data: String
    var createdAt: Double
    var lastSeenAt: Double
    var decoded: SessionData? = nil
}

private struct LoadedSessionKey: StorageKey { typealias Value = LoadedSession }
