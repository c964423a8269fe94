import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
import ZIPFoundation
@testable import VigiaServer

/// A second application on its own fresh database and evidence folder, for the restore.
private func withEmptyApp(_ db: TestDB, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        var settings = ServerSettings(secureCookies: false, failedLoginDelay: 0.01)
        settings.now = { TestDates.defaultNow }
        settings.dataDirectory = NSTemporaryDirectory() + "vigia-restore-" + UUID().uuidString
        try configure(app, database: try await db.freshURL(), settings: settings)
        try await app.autoMigrate()
        try await body(app)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Every plan's and program's document, and every publication's and evidence file's hash.
private func everything(_ app: Application) async throws -> [String: Data] {
    var out: [String: Data] = [:]
    for plan in try await ImprovementPlan.query(on: app.db).all() {
        let id = try plan.requireID()
        out["plan \(id)"] = try await VigiaTasks.exportPlanJSON(id: id, round: nil, on: app.db)
        for round in try await FollowUpRound.query(on: app.db).filter(\.$plan.$id == id).all() {
            out["plan \(id) \(round.numero)"] = try await VigiaTasks.exportPlanJSON(id: id, round: round.numero, on: app.db)
        }
    }
    for program in try await AnticorruptionProgram.query(on: app.db).all() {
        for n in 1...3 {
            out["program \(try program.requireID()) \(n)"] = try await VigiaTasks.exportProgramJSON(id: program.requireID(), period: n, method: nil, on: app.db)
        }
    }
    for p in try await Publication.query(on: app.db).all() { out["publication \(try p.requireID())"] = Data((p.pdfSHA256 + p.xlsxSHA256).utf8) }
    for f in try await EvidenceFile.query(on: app.db).all() {
        out["file \(f.sha256)"] = try await EvidenceStore.contents(f.sha256, app: app)
    }
    for u in try await User.query(on: app.db).all() { out["user \(u.email)"] = Data((u.passwordHash + (u.createdAt?.description ?? "")).utf8) }
    return out
}

@Suite("Backup and restore")
struct BackupTests {
    @Test("A backup taken while requests run restores into the other kind of database with every document and file the same",
          arguments: TestDB.all)
    func backupAndRestore(db: TestDB) async throws {
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("respaldo-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: archive) }
        var before: [String: Data] = [:]
        try await withTestApp(db) { app, fx in
            _ = try await loadSampleProgram(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let a1 = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[0].id)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let path = "/planes/\(fx.planA)/seguimientos/1/acciones/\(a1)/autoreporte"
            _ = try await resp.get(path)
            #expect(try await resp.upload(path, ["porcentaje": "30", "descripcion": "Avance"], files: [("acta.pdf", Data("%PDF-1.4\nacta\n%%EOF".utf8))]).status == .seeOther)
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "pct_\(a1.uuidString)": "40"])
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1/publicar", [:]).status == .seeOther)
            before = try await everything(app)
            // Under load: readers keep asking for pages while the backup runs.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        var reader = try await Browser.signedIn(app, as: "consulta@a.gov.co")
                        for _ in 0..<15 { #expect(try await reader.get("/planes/\(fx.planA)").status == .ok) }
                    }
                }
                group.addTask { _ = try await BackupService.backup(to: archive, app: app) }
                try await group.waitForAll()
            }
        }
        // Into the other kind when PostgreSQL is here (SQLite → PostgreSQL, PostgreSQL → SQLite).
        let other: TestDB = TestDB.all.contains(.postgres) ? (db == .sqlite ? .postgres : .sqlite) : db
        try await withEmptyApp(other) { app in
            let manifest = try await BackupService.restore(from: archive, app: app)
            #expect(manifest.archivos.count == 1 && manifest.tablas.contains { $0.ruta == "tablas/publications.json" && $0.filas == 1 })
            let after = try await everything(app)
            #expect(after.keys.sorted() == before.keys.sorted())
            for key in before.keys.sorted() { #expect(after[key] == before[key], "\(key)") }
            // People sign in with their own passwords.
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/planes").status == .ok)
            // A database that already has data is not written over.
            await #expect(throws: ValidationFailure.self) { try await BackupService.restore(from: archive, app: app) }
        }
    }

    @Test("A damaged or altered archive is refused and nothing is written", arguments: TestDB.all)
    func damaged(db: TestDB) async throws {
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("respaldo-\(UUID().uuidString).zip")
        let altered = FileManager.default.temporaryDirectory.appendingPathComponent("alterado-\(UUID().uuidString).zip")
        defer { for u in [archive, altered] { try? FileManager.default.removeItem(at: u) } }
        try await withTestApp(db) { app, _ in _ = try await BackupService.backup(to: archive, app: app) }
        // The same archive with one table changed (a valid ZIP whose part no longer matches the manifest).
        let source = try Archive(url: archive, accessMode: .read)
        let copy = try Archive(url: altered, accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "tablas/users.json" { data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "oci@a.gov.co", with: "intruso@a.gov.co").utf8) }
            let bytes = data
            try copy.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { p, s in bytes.subdata(in: Int(p)..<Int(p) + s) }
        }
        var truncated = try Data(contentsOf: archive)
        truncated = truncated.prefix(truncated.count * 2 / 3)
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-\(UUID().uuidString).zip")
        try truncated.write(to: cut)
        defer { try? FileManager.default.removeItem(at: cut) }
        try await withEmptyApp(db) { app in
            let refused = await #expect(throws: ValidationFailure.self) { try await BackupService.restore(from: altered, app: app) }
            #expect(refused?.description.contains("«tablas/users.json» no coincide con su huella SHA-256. No se escribió nada.") == true, "\(String(describing: refused))")
            await #expect(throws: ValidationFailure.self) { try await BackupService.restore(from: cut, app: app) }
            let entities = try await Entity.query(on: app.db).count(), users = try await User.query(on: app.db).count()
            #expect(entities == 0 && users == 0)
        }
    }
}
