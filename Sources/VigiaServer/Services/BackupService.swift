import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor
import ZIPFoundation

/// `vigia backup` and `vigia restore`: one ZIP archive with every table (as JSON, from one
/// consistent snapshot taken while the server runs), the evidence files, and a manifest with
/// the rows and the SHA-256 of every part. A restore checks every part before it writes
/// anything, and writes only into an empty database — SQLite or PostgreSQL, whichever the
/// backup came from.
public enum BackupService {
    public struct Manifest: Codable, Sendable {
        public var formato = "vigia-respaldo"
        public var version = 1
        public var creado: Date
        public var baseDeDatos: String
        public var migraciones: [String]
        public var tablas: [Part]
        public var archivos: [Part]
    }

    public struct Part: Codable, Sendable, Equatable {
        public var ruta: String
        public var filas: Int?
        public var bytes: Int
        public var sha256: String
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// Writes the archive at `url` (atomically: a half-written archive never has its name).
    public static func backup(to url: URL, app: Application) async throws -> Manifest {
        let db = app.db
        let dialect = (db as? SQLDatabase)?.dialect.name ?? "?"
        let migrations = try await migrationNames(on: db)
        let tables: [(Part, Data)] = try await db.transaction { db in
            var tables: [(Part, Data)] = []
            // One snapshot for every table: PostgreSQL needs it asked for, SQLite's read
            // transaction gives it.
            if dialect == "postgresql", let sql = db as? SQLDatabase {
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            }
            for table in BackupTable.all {
                let (json, rows) = try await table.dump(db)
                tables.append((Part(ruta: "tablas/\(table.name).json", filas: rows, bytes: json.count, sha256: sha256(json)), json))
            }
            return tables
        }
        let fileRows = tables.first { $0.0.ruta == "tablas/evidence_files.json" }?.1 ?? Data("[]".utf8)
        let hashes = Set(try JSONDecoder().decode([EvidenceFile].self, from: fileRows).map(\.sha256)).sorted()
        let created = app.now
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive = try Archive(url: temporary, accessMode: .create)
        // It holds personal data and password hashes: readable by its owner only.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        func add(_ path: String, _ data: Data) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: created,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        for (part, json) in tables { try add(part.ruta, json) }
        // One file in memory at a time; the manifest, written last, lists them.
        var files: [Part] = []
        for hash in hashes {
            guard let data = try await EvidenceStore.contents(hash, app: app) else {
                throw ValidationFailure("Falta el archivo de evidencia \(hash) en \(EvidenceStore.describe(app)): el almacén está incompleto; revíselo y repita el respaldo.")
            }
            guard sha256(data) == hash else {
                throw ValidationFailure("El archivo de evidencia \(hash) no coincide con su huella SHA-256: el almacén está dañado; revíselo y repita el respaldo.")
            }
            try add("evidencias/\(hash)", data)
            files.append(Part(ruta: "evidencias/\(hash)", filas: nil, bytes: data.count, sha256: hash))
        }
        let manifest = Manifest(creado: created, baseDeDatos: dialect, migraciones: migrations, tablas: tables.map(\.0), archivos: files)
        try add("manifest.json", try JSONEncoder.manifest.encode(manifest))
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: temporary, to: url)
        return manifest
    }

    static func migrationNames(on db: Database) async throws -> [String] {
        guard let sql = db as? SQLDatabase else { return [] }
        return try await sql.select().column("name").from("_fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }.sorted()
    }
}

extension JSONEncoder {
    static var manifest: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
