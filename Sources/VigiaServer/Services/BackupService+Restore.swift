import Fluent
import Foundation
import Vapor
import VigiaFormats

extension BackupService {
    /// Restores the archive at `url` into this application's database, which must be migrated
    /// and empty. Every part is read and checked against the manifest first: a damaged archive
    /// is refused with nothing written. The tables go in in one transaction; the evidence files
    /// after it.
    public static func restore(from url: URL, app: Application) async throws -> Manifest {
        let (manifest, tables, files) = try verifiedContents(of: url)
        let target = try await migrationNames(on: app.db)
        let unknown = Set(manifest.migraciones).subtracting(target)
        guard unknown.isEmpty else {
            throw ValidationFailure("El respaldo viene de una versión más nueva de Vigía (migraciones \(unknown.sorted().joined(separator: ", "))): actualice Vigía antes de restaurarlo.")
        }
        guard try await Entity.query(on: app.db).count() == 0 else {
            throw ValidationFailure("La base de datos de destino ya tiene datos: restaure en una base vacía (recién creada y migrada).")
        }
        try await app.db.transaction { db in
            for table in BackupTable.all {
                guard let json = tables["tablas/\(table.name).json"] else { continue }
                _ = try await table.load(json, db)
            }
            try await PlanRevision.renumberAll(on: db)
            try await ProgramRevision.renumberAll(on: db)
            try await EntityRevision.renumberAll(on: db)
        }
        for (hash, data) in files { try await EvidenceStore.write(data, sha256: hash, app: app) }
        return manifest
    }

    /// The manifest and every part it names, each checked (size and SHA-256).
    static func verifiedContents(of url: URL) throws -> (Manifest, [String: Data], [(String, Data)]) {
        // Read with VigiaFormats' ZIPEntries: a damaged archive must fail, not hang or trap.
        guard let bytes = FileManager.default.contents(atPath: url.path), let archive = try? ZIPEntries(bytes) else {
            throw ValidationFailure("«\(url.lastPathComponent)» no es un respaldo de Vigía (no es un archivo ZIP legible). No se escribió nada.")
        }
        func read(_ path: String, limit: Int) throws -> Data {
            guard let entry = archive[path] else { throw ValidationFailure("El respaldo está incompleto: le falta «\(path)». No se escribió nada.") }
            do { return try archive.contents(of: entry, limit: limit) } catch {
                throw ValidationFailure("El respaldo está dañado: \(error.message) No se escribió nada.")
            }
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let manifest = try? decoder.decode(Manifest.self, from: read("manifest.json", limit: 50 * 1024 * 1024)),
              manifest.formato == "vigia-respaldo" else {
            throw ValidationFailure("El respaldo no trae un manifiesto de Vigía legible. No se escribió nada.")
        }
        guard manifest.version <= 1 else { throw ValidationFailure("El respaldo usa un formato más nuevo (\(manifest.version)): actualice Vigía.") }
        func checked(_ part: Part) throws -> Data {
            // A little room over the manifest's size, so a changed part is told by its hash, not its size.
            let data = try read(part.ruta, limit: part.bytes + 1_048_576)
            guard data.count == part.bytes, sha256(data) == part.sha256 else {
                throw ValidationFailure("El respaldo está dañado: «\(part.ruta)» no coincide con su huella SHA-256. No se escribió nada.")
            }
            return data
        }
        var tables: [String: Data] = [:]
        for part in manifest.tablas { tables[part.ruta] = try checked(part) }
        let files = try manifest.archivos.map { part -> (String, Data) in
            guard part.ruta.hasPrefix("evidencias/"), part.sha256.count == 64, part.sha256.allSatisfy(\.isHexDigit) else {
                throw ValidationFailure("El respaldo está dañado: la ruta «\(part.ruta)» no es la de un archivo de evidencia.")
            }
            return (part.sha256, try checked(part))
        }
        return (manifest, tables, files)
    }
}
