import Fluent
import Foundation
import SQLKit
import Vapor

/// Where the bytes of evidence files live (`VIGIA_EVIDENCIAS`).
public enum EvidenceStorage: String, Sendable, CaseIterable {
    /// In the database, table `evidence_blobs`: every `vigia serve` on the same database sees
    /// them. The default on PostgreSQL.
    case database = "base"
    /// Under `<VIGIA_DATA_DIR>/evidencias/ab/abcdef…`: one server, or several that mount the
    /// same shared folder. The default on SQLite.
    case folder = "carpeta"

    /// The store a database gets when none is set.
    static func `default`(for database: DatabaseURL) -> EvidenceStorage {
        if case .postgres = database { return .database }
        return .folder
    }
}

/// The evidence files' bytes, content-addressed by SHA-256, in the store the settings name.
/// Everything that reads or writes them goes through here: uploads (`attach`), removals
/// (`detach`), downloads (`response`), backups (`contents`), restores (`write`) and the copy
/// between stores (`vigia copy-evidence`).
enum EvidenceStore {
    /// Bytes per row of `evidence_blobs`: a file is written and read one part at a time.
    static let partBytes = 1024 * 1024

    static func storage(_ app: Application) -> EvidenceStorage { app.settings.evidenceStorage ?? .folder }

    /// The folder store's root, and the place of every upload's temporary files (one server's own).
    static func root(_ app: Application) -> URL {
        URL(fileURLWithPath: app.settings.dataDirectory).appendingPathComponent("evidencias")
    }

    static func path(_ app: Application, sha256: String) -> URL {
        root(app).appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    /// The store in words, for messages: «la base de datos» or the folder's path.
    static func describe(_ app: Application) -> String {
        switch storage(app) {
        case .database: return "el almacén de evidencias de la base de datos"
        case .folder: return "el almacén de evidencias \(root(app).path)"
        }
    }

    private static func sqlDatabase(_ db: Database) throws -> SQLDatabase {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError, reason: "La base de datos no admite SQL.") }
        return sql
    }

    /// Moves an uploaded file into the store (or drops it when the same bytes are there) and
    /// returns the entity's record for those bytes. In the database store the bytes are written
    /// on `db`, so they go with the caller's transaction if it rolls back.
    static func keep(_ file: EvidenceUpload.File, entityID: UUID, app: Application, on db: Database) async throws -> EvidenceFile {
        switch storage(app) {
        case .folder:
            let target = path(app, sha256: file.sha256)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: target.path) {
                try? FileManager.default.removeItem(at: file.temp)
            } else {
                try FileManager.default.moveItem(at: file.temp, to: target)
            }
        case .database:
            defer { try? FileManager.default.removeItem(at: file.temp) }
            if try await !has(file.sha256, on: db) {
                let handle = try FileHandle(forReadingFrom: file.temp)
                defer { try? handle.close() }
                var part = 0
                while let data = try handle.read(upToCount: partBytes), !data.isEmpty {
                    try await insertPart(file.sha256, part, data, on: db)
                    part += 1
                }
                if part == 0 { try await insertPart(file.sha256, 0, Data(), on: db) }
            }
        }
        if let existing = try await EvidenceFile.query(on: db).filter(\.$entity.$id == entityID).filter(\.$sha256 == file.sha256).first() {
            return existing
        }
        let record = EvidenceFile()
        record.$entity.id = entityID
        record.sha256 = file.sha256
        record.size = file.size
        record.mime = file.type?.mime ?? "application/octet-stream"
        try await record.create(on: db)
        return record
    }

    /// Whether the database store holds the file (its first part).
    private static func has(_ sha256: String, on db: Database) async throws -> Bool {
        try await sqlDatabase(db).select().column(SQLLiteral.numeric("1")).from("evidence_blobs")
            .where("sha256", .equal, sha256).where("part", .equal, 0).first() != nil
    }

    /// One part; another server writing the same bytes at the same moment is not an error.
    private static func insertPart(_ sha256: String, _ part: Int, _ data: Data, on db: Database) async throws {
        try await sqlDatabase(db).insert(into: "evidence_blobs").columns("sha256", "part", "bytes")
            .values(SQLBind(sha256), SQLBind(part), SQLBind(data)).ignoringConflicts().run()
    }

    /// Stores the uploaded files and attaches them to a report (“autoreporte” or “monitoreo”).
    static func attach(_ files: [EvidenceUpload.File], kind: ReportKind, reportID: UUID, by user: CurrentUser,
                       app: Application, on db: Database) async throws {
        for file in files {
            let stored = try await keep(file, entityID: user.entityID, app: app, on: db)
            let ev = ReportEvidence()
            ev.$entity.id = user.entityID
            ev.reportKind = kind
            ev.reportID = reportID
            ev.$file.id = try stored.requireID()
            ev.name = file.name
            ev.uploadedByName = user.name
            ev.$uploadedBy.id = user.id
            try await ev.create(on: db)
        }
    }

    /// Removes an attachment; the bytes go only when no attachment of any entity uses them.
    static func detach(_ evidence: ReportEvidence, app: Application, on db: Database) async throws {
        let fileID = evidence.$file.id
        try await evidence.delete(on: db)
        guard try await ReportEvidence.query(on: db).filter(\.$file.$id == fileID).count() == 0,
              let file = try await EvidenceFile.find(fileID, on: db) else { return }
        let sha = file.sha256
        try await file.delete(on: db)
        switch storage(app) {
        case .folder:
            if try await EvidenceFile.query(on: db).filter(\.$sha256 == sha).count() == 0 {
                try? FileManager.default.removeItem(at: path(app, sha256: sha))
            }
        case .database:
            // In one statement, so a record another request adds in between keeps its bytes.
            let sql = try sqlDatabase(db)
            try await sql.raw("""
                DELETE FROM evidence_blobs WHERE sha256 = \(bind: sha)
                AND NOT EXISTS (SELECT 1 FROM evidence_files WHERE sha256 = \(bind: sha))
                """).run()
        }
    }

    /// The file as a streamed response body (a part at a time from the database), or nil when
    /// the store does not hold all of its `size` bytes.
    static func body(of file: EvidenceFile, req: Request) async throws -> Response? {
        switch storage(req.application) {
        case .folder:
            let url = path(req.application, sha256: file.sha256)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return try await req.fileio.asyncStreamFile(at: url.path)
        case .database:
            let sha = file.sha256, sql = try sqlDatabase(req.db)
            guard let row = try await sql.raw("""
                SELECT COUNT(*) AS parts, COALESCE(SUM(LENGTH(bytes)), 0) AS size FROM evidence_blobs WHERE sha256 = \(bind: sha)
                """).first(),
                  try row.decode(column: "size", as: Int.self) == file.size else { return nil }
            let parts = try row.decode(column: "parts", as: Int.self)
            let body = Response.Body(managedAsyncStream: { writer in
                for part in 0..<parts {
                    guard let data = try await self.part(sha, part, on: sql) else {
                        throw Abort(.internalServerError, reason: "Falta una parte del archivo \(sha).")
                    }
                    try await writer.writeBuffer(ByteBuffer(data: data))
                }
            }, count: file.size)
            return Response(status: .ok, body: body)
        }
    }

    private static func part(_ sha256: String, _ part: Int, on db: SQLDatabase) async throws -> Data? {
        try await db.select().column("bytes").from("evidence_blobs").where("sha256", .equal, sha256).where("part", .equal, part)
            .first()?.decode(column: "bytes", as: Data.self)
    }

    /// The whole file, or nil when the store lacks it (backups; the copy between stores).
    static func contents(_ sha256: String, from storage: EvidenceStorage, app: Application) async throws -> Data? {
        switch storage {
        case .folder:
            return FileManager.default.contents(atPath: path(app, sha256: sha256).path)
        case .database:
            let rows = try await sqlDatabase(app.db).select().column("part").column("bytes").from("evidence_blobs")
                .where("sha256", .equal, sha256).orderBy("part").all()
            guard !rows.isEmpty else { return nil }
            var data = Data()
            for (index, row) in rows.enumerated() {
                guard try row.decode(column: "part", as: Int.self) == index else { return nil }
                data.append(try row.decode(column: "bytes", as: Data.self))
            }
            return data
        }
    }

    static func contents(_ sha256: String, app: Application) async throws -> Data? {
        try await contents(sha256, from: storage(app), app: app)
    }

    /// Writes a whole file whose hash was checked (restores; the copy between stores). The
    /// folder store writes beside the target and renames, so no half-written file has its name.
    static func write(_ data: Data, sha256: String, to storage: EvidenceStorage, app: Application) async throws {
        switch storage {
        case .folder:
            let target = path(app, sha256: sha256)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(sha256).\(UUID().uuidString).tmp")
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: temporary, to: target)
        case .database:
            try await app.db.transaction { db in
                try await sqlDatabase(db).delete(from: "evidence_blobs").where("sha256", .equal, sha256).run()
                var offset = 0, part = 0
                repeat {
                    let end = min(data.count, offset + partBytes)
                    try await insertPart(sha256, part, data.subdata(in: offset..<end), on: db)
                    offset = end
                    part += 1
                } while offset < data.count
            }
        }
    }

    static func write(_ data: Data, sha256: String, app: Application) async throws {
        try await write(data, sha256: sha256, to: storage(app), app: app)
    }

    /// The hashes the store holds (tests; the copy between stores).
    static func hashes(in storage: EvidenceStorage, app: Application) async throws -> Set<String> {
        switch storage {
        case .folder:
            let root = root(app)
            let names = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]) ?? []
            return Set(names.compactMap { name in
                let parts = name.split(separator: "/")
                guard parts.count == 2, parts[0] != "tmp", parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else { return nil }
                return String(parts[1])
            })
        case .database:
            return Set(try await sqlDatabase(app.db).select().distinct().column("sha256").from("evidence_blobs").all()
                .map { try $0.decode(column: "sha256", as: String.self) })
        }
    }
}
