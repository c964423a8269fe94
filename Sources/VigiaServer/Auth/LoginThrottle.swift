import Fluent
import SQLKit
import Vapor

/// Failed logins, counted per account (the typed e-mail, whether or not it exists, so a lock
/// tells nothing about which addresses have accounts) and per client address. A counter decays
/// by one every `loginDecaySeconds`, so a slow trickle of guesses never keeps an account
/// locked; reaching the limit locks for 30 s, doubling with each further failure, up to
/// `loginMaxLockSeconds`. Each change is a compare-and-swap on the row, so parallel guesses
/// each count, on one server or several sharing the database.
enum LoginThrottle {
    struct State: Sendable { let score: Double; let lockedUntil: Double }

    static func accountKey(_ email: String) -> String { "cuenta:" + email.trimmed.lowercased() }
    static func addressKey(_ address: String) -> String { "ip:" + address }

    /// The client's address (from `X-Forwarded-For` only behind a trusted proxy, and then its
    /// right-most entry: the one the proxy added, which the client cannot choose).
    static func clientAddress(_ req: Request) -> String {
        if req.application.settings.trustProxy, let forwarded = req.headers[.xForwardedFor].last?
            .split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return req.remoteAddress?.ipAddress ?? "desconocida"
    }

    /// Seconds left on the lock of `key`, or nil when it is not locked.
    static func lockedFor(_ key: String, app: Application, on db: Database) async throws -> Double? {
        let now = app.now.timeIntervalSince1970
        guard let row = try await LoginThrottleRecord.query(on: db).filter(\.$key == key).first(), row.lockedUntil > now else { return nil }
        return row.lockedUntil - now
    }

    /// Counts one failure; returns whether this failure locked the key.
    @discardableResult
    static func recordFailure(_ key: String, limit: Double, app: Application, on db: Database) async throws -> Bool {
        let s = app.settings
        for _ in 0..<20 {
            let now = s.now().timeIntervalSince1970
            guard let row = try await LoginThrottleRecord.query(on: db).filter(\.$key == key).first() else {
                let fresh = LoginThrottleRecord()
                fresh.key = key
                fresh.score = 1
                fresh.updatedAt = now
                fresh.lockedUntil = limit <= 1 ? now + 30 : 0
                do { try await fresh.create(on: db); return limit <= 1 } catch { continue }   // another request created it: retry
            }
            let decayed = max(0, row.score - max(0, now - row.updatedAt) / s.loginDecaySeconds)
            let score = decayed + 1
            var lockedUntil = row.lockedUntil
            // "limit failures in quick succession": the few seconds between them decay a little.
            let locks = score >= limit - 0.5
            if locks {
                let seconds = min(s.loginMaxLockSeconds, 30 * pow(2, min(10, max(0, (score - limit + 0.5).rounded(.down)))))
                lockedUntil = max(lockedUntil, now + seconds)
            }
            // Compare-and-swap: only if nobody changed the row since it was read.
            guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
            let changed = try await sql.update(LoginThrottleRecord.schema)
                .set("score", to: score).set("updated_at", to: now).set("locked_until", to: lockedUntil)
                .where("key", .equal, key).where("score", .equal, row.score).where("updated_at", .equal, row.updatedAt)
                .returning("key").all()
            if changed.count == 1 { return locks && row.lockedUntil <= now }
        }
        throw Abort(.serviceUnavailable, reason: "Hay demasiados intentos de ingreso al mismo tiempo. Inténtelo de nuevo en un momento.")
    }

    static func clear(_ key: String, on db: Database) async throws {
        try await LoginThrottleRecord.query(on: db).filter(\.$key == key).delete()
    }

    /// Accounts of an entity that are locked now, for the administrador.
    static func lockedAccounts(entityID: UUID, app: Application, on db: Database) async throws -> [(user: User, until: Date)] {
        let now = app.now.timeIntervalSince1970
        let rows = try await LoginThrottleRecord.query(on: db).filter(\.$lockedUntil > now).all()
            .filter { $0.key.hasPrefix("cuenta:") }
        guard !rows.isEmpty else { return [] }
        let emails = rows.map { String($0.key.dropFirst("cuenta:".count)) }
        let users = try await User.query(on: db).filter(\.$entity.$id == entityID).filter(\.$email ~~ emails).all()
        return users.compactMap { u in
            rows.first { $0.key == accountKey(u.email) }.map { (u, Date(timeIntervalSince1970: $0.lockedUntil)) }
        }
    }
}
