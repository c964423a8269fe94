import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// A PDF of `size` bytes whose content varies, so each size has its own hash.
private func pdf(_ size: Int, seed: UInt8 = 1) -> Data {
    var data = Data("%PDF-1.4\n".utf8)
    data.append(contentsOf: (0..<(size - data.count)).map { UInt8(truncatingIfNeeded: $0 &* 31) ^ seed })
    return data
}

private func blobParts(_ app: Application) async throws -> Int {
    try await (app.db as! SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        .from("evidence_blobs").first()?.decode(column: "n", as: Int.self) ?? 0
}

/// Files under the data folder's evidence store (not its temporary uploads).
private func filesInFolder(_ app: Application) async throws -> Set<String> {
    try await EvidenceStore.hashes(in: .folder, app: app)
}

/// An open round on the fixture's plan A and the responsable's autoreporte form of its first action.
private func reportForm(_ app: Application, _ fx: Fixture) async throws -> String {
    var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
    _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
    let action = try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[0].id!
    return "/planes/\(fx.planA)/seguimientos/1/acciones/\(action)/autoreporte"
}

@Suite("Evidence store: the data folder or the database")
struct EvidenceStoreTests {
    @Test("The default store is the database on PostgreSQL and the folder on SQLite", arguments: TestDB.all)
    func defaults(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            #expect(EvidenceStore.storage(app) == (db == .postgres ? .database : .folder))
        }
    }

    @Test("A file of several parts goes up, streams down whole, is kept once and leaves with its last attachment",
          arguments: TestDB.all, EvidenceStorage.allCases)
    func roundTrip(db: TestDB, storage: EvidenceStorage) async throws {
        try await withTestApp(db, settings: { $0.evidenceStorage = storage; $0.maxEvidenceBytes = 4 * 1024 * 1024 }) { app, fx in
            let form = try await reportForm(app, fx)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let big = pdf(EvidenceStore.partBytes * 2 + 12_345)
            let sent = try await resp.upload(form, ["porcentaje": "40", "descripcion": "Actas"], files: [("actas.pdf", big), ("copia.pdf", big)])
            #expect(sent.status == .seeOther)
            #expect(try await EvidenceFile.query(on: app.db).count() == 1)
            let hash = BackupService.sha256(big)
            #expect(try await EvidenceStore.hashes(in: storage, app: app) == [hash])
            if storage == .database {
                #expect(try await blobParts(app) == 3)
                #expect(try await filesInFolder(app).isEmpty)   // nothing left on this server's disk
            } else {
                #expect(try await blobParts(app) == 0)
            }
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let evidence = try await ReportEvidence.query(on: app.db).sort(\.$name).all()
            let download = try await oci.get("/evidencias/\(evidence[0].id!)")
            #expect(download.status == .ok)
            #expect(Data(download.body.readableBytesView) == big)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            // one attachment removed: the bytes stay for the other; the last one takes them
            #expect(try await resp.post("/evidencias/\(evidence[0].id!)/eliminar", [:]).status == .seeOther)
            #expect(try await EvidenceStore.hashes(in: storage, app: app) == [hash])
            #expect(try await resp.post("/evidencias/\(evidence[1].id!)/eliminar", [:]).status == .seeOther)
            #expect(try await EvidenceStore.hashes(in: storage, app: app).isEmpty)
            #expect(try await blobParts(app) == 0)
        }
    }

    @Test("Whole files written by a restore read back the same, the empty one and one of exactly two parts included",
          arguments: TestDB.all, EvidenceStorage.allCases)
    func writeAndRead(db: TestDB, storage: EvidenceStorage) async throws {
        try await withTestApp(db) { app, _ in
            for data in [Data(), pdf(EvidenceStore.partBytes * 2), pdf(10)] {
                let hash = BackupService.sha256(data)
                try await EvidenceStore.write(data, sha256: hash, to: storage, app: app)
                try await EvidenceStore.write(data, sha256: hash, to: storage, app: app)   // twice: replaced, not doubled
                #expect(try await EvidenceStore.contents(hash, from: storage, app: app) == data)
            }
            #expect(try await EvidenceStore.hashes(in: storage, app: app).count == 3)
            #expect(try await blobParts(app) == (storage == .database ? 1 + 2 + 1 : 0))
        }
    }

    @Test("A file missing from the store is a Spanish 404, not a broken download", arguments: TestDB.all, EvidenceStorage.allCases)
    func missing(db: TestDB, storage: EvidenceStorage) async throws {
        try await withTestApp(db, settings: { $0.evidenceStorage = storage }) { app, fx in
            let form = try await reportForm(app, fx)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await resp.upload(form, ["porcentaje": "10", "descripcion": "x"], files: [("acta.pdf", pdf(3_000))]).status == .seeOther)
            let ev = try #require(try await ReportEvidence.query(on: app.db).with(\.$file).first())
            // the store loses the bytes (a folder not mounted, a part deleted by hand)
            switch storage {
            case .folder: try FileManager.default.removeItem(at: EvidenceStore.path(app, sha256: ev.file.sha256))
            case .database: try await (app.db as! SQLDatabase).delete(from: "evidence_blobs").run()
            }
            let download = try await resp.get("/evidencias/\(ev.id!)")
            #expect(download.status == .notFound)
            #expect(download.body.string.contains("El archivo ya no está en el almacenamiento."))
            // and a backup says which file and which store
            let archive = FileManager.default.temporaryDirectory.appendingPathComponent("r-\(UUID().uuidString).zip")
            await #expect(throws: ValidationFailure.self) { try await BackupService.backup(to: archive, app: app) }
            #expect(!FileManager.default.fileExists(atPath: archive.path))
        }
    }

    @Test("copy-evidence takes a folder's files into the database (checked by hash) and back", arguments: TestDB.all)
    func copyBetweenStores(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.evidenceStorage = .folder }) { app, fx in
            let form = try await reportForm(app, fx)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let good = pdf(5_000, seed: 7), damaged = pdf(6_000, seed: 9)
            #expect(try await resp.upload(form, ["porcentaje": "10", "descripcion": "x"], files: [("a.pdf", good), ("b.pdf", damaged)]).status == .seeOther)
            let badHash = BackupService.sha256(damaged)
            try Data("otra cosa".utf8).write(to: EvidenceStore.path(app, sha256: badHash))
            // the install moves to the database: before the copy, its files are not there
            app.settings.evidenceStorage = .database
            let ev = try #require(try await ReportEvidence.query(on: app.db).filter(\.$name == "a.pdf").first())
            #expect(try await resp.get("/evidencias/\(ev.id!)").status == .notFound)
            let first = try await EvidenceCopy.run(from: .folder, to: .database, app: app)
            #expect(first.copied == 1 && first.present == 0 && first.missing == [badHash])
            let download = try await resp.get("/evidencias/\(ev.id!)")
            #expect(Data(download.body.readableBytesView) == good)
            // a second run copies nothing again; copying back to an emptied folder restores it
            #expect(try await EvidenceCopy.run(from: .folder, to: .database, app: app).present == 1)
            try FileManager.default.removeItem(at: EvidenceStore.path(app, sha256: BackupService.sha256(good)))
            let back = try await EvidenceCopy.run(from: .database, to: .folder, app: app)
            #expect(back.copied == 1 && back.present == 1 && back.missing.isEmpty)   // the folder still has the damaged copy
            #expect(FileManager.default.contents(atPath: EvidenceStore.path(app, sha256: BackupService.sha256(good)).path) == good)
            await #expect(throws: ValidationFailure.self) { try await EvidenceCopy.run(from: .folder, to: .folder, app: app) }
        }
    }
}
