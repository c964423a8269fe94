import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Where the data lives: `sqlite:PATH` (the embedded default) or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLite = DatabaseURL.sqlite(path: "./data/vigia.sqlite")

    public init(_ text: String) throws {
        let t = text.trimmed
        if t.hasPrefix("postgres://") || t.hasPrefix("postgresql://") {
            guard URL(string: t)?.host != nil else {
                throw ValidationFailure("La URL de PostgreSQL «\(t)» no es válida; use postgres://usuario:clave@servidor:puerto/base.")
            }
            self = .postgres(url: t)
        } else if t.hasPrefix("sqlite:") {
            var path = String(t.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw ValidationFailure("Falta la ruta del archivo en «\(t)»; use sqlite:./data/vigia.sqlite.") }
            self = .sqlite(path: path)
        } else {
            throw ValidationFailure("Base de datos «\(t)» no reconocida; use sqlite:RUTA o postgres://…")
        }
    }

    /// `--database`, else `DATABASE_URL`, else the embedded SQLite file.
    public static func resolve(_ option: String?) throws -> DatabaseURL {
        if let option, !option.isEmpty { return try DatabaseURL(option) }
        if let env = ProcessInfo.processInfo.environment["DATABASE_URL"], !env.isEmpty { return try DatabaseURL(env) }
        return defaultSQLite
    }

    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let url):
            // Never print the password.
            if var c = URLComponents(string: url), c.password != nil { c.password = "****"; return c.string ?? "postgres://…" }
            return url
        }
    }

    func configure(_ app: Application, connectionsPerLoop: Int = 4) throws {
        switch self {
        case .sqlite(let path):
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
            app.lifecycle.use(SQLiteTuning())
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = nil
            app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: connectionsPerLoop, sqlLogLevel: .debug), as: .psql)
        }
    }
}

extension DatabaseURL {
    /// Key of the PostgreSQL advisory lock held while migrating.
    static let migrationLock: Int64 = 0x5649_4749_4131   // "VIGIA1"

    /// Runs the pending migrations. On PostgreSQL several servers may start at once: each waits
    /// for an advisory lock, held on a connection of its own (outside the pool the migrations
    /// use), so one migrates and the others then find nothing left to do.
    public func migrate(_ app: Application) async throws {
        guard case .postgres(let url) = self else { try await app.autoMigrate(); return }
        let config = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(on: app.eventLoopGroup.any(), configuration: config.coreConfiguration,
                                                              id: 0, logger: app.logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLock))", logger: app.logger).get()
            try await app.autoMigrate()
            try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLock))", logger: app.logger).get()
            try await connection.close()
        } catch {
            try? await connection.close()   // closing the session releases the lock
            throw error
        }
    }
}

/// SQLite for a server: write-ahead logging (readers never wait for a writer; kept in the file)
/// and `synchronous=NORMAL` on each event loop's connection (safe with WAL: a crash may lose the
/// last commits, never corrupt the file). SQLiteNIO retries a busy database without limit.
struct SQLiteTuning: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(.sqlite, logger: app.logger, on: loop) as? SQLDatabase else { continue }
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
        }
    }
}

/// An error whose message is meant for the person at the keyboard, in Spanish.
public struct ValidationFailure: Error, CustomStringConvertible, LocalizedError {
    public let description: String
    public init(_ message: String) { description = message }
    public var errorDescription: String? { description }
}
