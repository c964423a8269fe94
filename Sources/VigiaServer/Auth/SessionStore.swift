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

    /// Read with SQLKit into a plain struct: every request with a cookie passes here. The same
    /// query reads the session's user and its entity's semáforo limits (`SessionUserKey`), so a
    /// signed-in request asks the database once for both.
    private func read(_ id: SessionID, _ req: Request) async throws -> SessionData? {
        guard let sql = req.db as? SQLDatabase else { throw Abort(.internalServerError) }
        let table = UserSession.schema
        let query = CurrentUser.Row.joined(sql.select().from(table), userColumn: SQLColumn("user_id", table: table))
            .column(SQLColumn("id", table: table), as: "session_id").column(SQLColumn("data", table: table))
            .column(SQLColumn("created_at", table: table)).column(SQLColumn("last_seen_at", table: table))
        guard let joined = try await query.where(SQLColumn("token_hash", table: table), .equal, SQLBind(Token.sha256(id.string)))
            .limit(1).first() else { return nil }
        let row = try joined.decode(model: LoadedSession.self)
        req.storage[SessionUserKey.self] = try joined.decode(model: CurrentUser.Row.self)
        let settings = req.application.settings
        let now = settings.now().timeIntervalSince1970
        if now - row.lastSeenAt > settings.sessionIdleTimeout || now - row.createdAt > settings.sessionAbsoluteTimeout {
            try await sql.delete(from: UserSession.schema).where("id", .equal, row.id).run()
            req.storage[SessionUserKey.self] = nil
            return nil
        }
        req.storage[LoadedSessionKey.self] = row
        return try JSONDecoder().decode(SessionData.self, from: Data(row.data.utf8))
    }

    /// Writes when the data changed, and at most once a minute to move the idle deadline.
    private func update(_ id: SessionID, _ data: SessionData, _ req: Request) async throws -> SessionID {
        guard let row = req.storage[LoadedSessionKey.self], let sql = req.db as? SQLDatabase else { return try await create(data, req) }
        let now = req.now.timeIntervalSince1970
        let encoded = try Self.encode(data)
        guard encoded != row.data || now - row.lastSeenAt > 60 else { return id }
        try await sql.update(UserSession.schema).set("data", to: encoded).set("last_seen_at", to: now).where("id", .equal, row.id).run()
        req.storage[LoadedSessionKey.self] = LoadedSession(id: row.id, data: encoded, createdAt: row.createdAt, lastSeenAt: now)
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

/// The session row this request read.
private struct LoadedSession: Decodable {
    var id: UUID
    var data: String
    var createdAt: Double
    var lastSeenAt: Double
    enum CodingKeys: String, CodingKey { case id = "session_id", data, createdAt = "created_at", lastSeenAt = "last_seen_at" }
}

private struct LoadedSessionKey: StorageKey { typealias Value = LoadedSession }
