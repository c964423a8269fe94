import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

private let pdfBytes = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
private let exeBytes = Data([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 200))

/// The files the evidence store holds (the folder on SQLite, the database on PostgreSQL, unless set).
private func storedFiles(_ app: Application) async throws -> Set<String> {
    try await EvidenceStore.hashes(in: EvidenceStore.storage(app), app: app)
}

@Suite("Autoreportes with evidence files")
struct ProgressReportTests {
    @Test("Upload, deduplication, type and size checks, download permissions, acceptance into the grade", arguments: TestDB.all)
    func reportsAndEvidence(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let a1 = snap.hallazgos[0].acciones[0].id!, a2 = snap.hallazgos[0].acciones[1].id!
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let formPath = "/planes/\(fx.planA)/seguimientos/1/acciones/\(a1)/autoreporte"
            #expect(try await resp.get(formPath).status == .ok)
            // an .exe renamed .pdf is refused by its bytes; nothing is stored
            let exe = try await resp.upload(formPath, ["porcentaje": "50", "descripcion": "Avance"], files: [("informe.pdf", exeBytes)])
            #expect(exe.status == .unprocessableEntity)
            #expect(exe.body.string.contains("«informe.pdf»"))
            #expect(try await ProgressReport.query(on: app.db).count() == 0)
            #expect(try await storedFiles(app).isEmpty)
            // an oversize file is refused at the limit; nothing stored, no temporary file left
            let big = try await resp.upload(formPath, ["porcentaje": "50", "descripcion": "Avance"],
                                            files: [("grande.pdf", pdfBytes + Data(count: 200 * 1024))])
            #expect(big.status == .payloadTooLarge)
            #expect(big.body.string.contains("supera el máximo"))
            #expect(try await storedFiles(app).isEmpty)
            // without the CSRF field: refused
            let noToken = try await resp.upload(formPath, ["descripcion": "x"], files: [("a.pdf", pdfBytes)], csrf: false)
            #expect(noToken.status == .forbidden)
            // a good report, then the same bytes on another action: one stored file, two attachments
            let ok = try await resp.upload(formPath, ["porcentaje": "60", "descripcion": "Se depuró la cartera 2015-2017", "enlaces": "https://example.org/acta"],
                                           files: [("acta.pdf", pdfBytes)])
            #expect(ok.status == .seeOther)
            let ok2 = try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(a2)/autoreporte",
                                            ["porcentaje": "10", "descripcion": "Inicio"], files: [("copia.pdf", pdfBytes)])
            #expect(ok2.status == .seeOther)
            #expect(try await EvidenceFile.query(on: app.db).count() == 1)
            #expect(try await ReportEvidence.query(on: app.db).count() == 2)
            #expect(try await storedFiles(app).count == 1)
            // downloads: the OCI of the entity yes, as an attachment; another entity and another dependency no
            let ev = try #require(try await ReportEvidence.query(on: app.db).filter(\.$name == "acta.pdf").first())
            let download = try await oci.get("/evidencias/\(ev.id!)")
            #expect(download.status == .ok)
            #expect(Data(download.body.readableBytesView) == pdfBytes)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            var b = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await b.get("/evidencias/\(ev.id!)").status == .notFound)
            var other = try await Browser.signedIn(app, as: "planeacion@a.gov.co")
            #expect(try await other.get("/evidencias/\(ev.id!)").status == .notFound)
            // removing one attachment keeps the bytes the other report uses
            let copy = try #require(try await ReportEvidence.query(on: app.db).filter(\.$name == "copia.pdf").first())
            #expect(try await resp.post("/evidencias/\(copy.id!)/eliminar", [:]).status == .seeOther)
            #expect(try await storedFiles(app).count == 1)
            // the OCI sees the report and accepts its % with one click; the report is then locked
            let round = try await oci.get("/planes/\(fx.planA)/seguimientos/1")
            #expect(round.body.string.contains("Se depuró la cartera 2015-2017"))
            let accepted = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "aceptar": a1.uuidString])
            #expect(accepted.status == .seeOther)
            let graded = try await roundValues(app, plan: fx.planA)
            #expect(graded.seguimientos[0].grade(for: ActionRef(hallazgo: 0, accion: 0))?.porcentaje == 60)
            let report = try #require(try await ProgressReport.query(on: app.db).filter(\.$action.$id == a1).first())
            #expect(report.porcentaje == 60)   // never overwritten by the grade
            let late = try await resp.upload(formPath, ["porcentaje": "90", "descripcion": "Más"], files: [])
            #expect(late.status == .conflict)
            // the OCI cannot file an autoreporte
            #expect(try await oci.upload(formPath, ["descripcion": "x"], files: []).status == .forbidden)
        }
    }
}

@Suite("Reporting windows")
struct ReportingWindowTests {
    /// The window runs 01/06/2026–15/06/2026, both days included.
    @Test("A report outside the round's window is refused with a clear message; inside it is saved",
          arguments: TestDB.all, [("31/05/2026", "abre el 01/06/2026"), ("01/06/2026", nil), ("15/06/2026", nil),
                                  ("16/06/2026", "cerró el 15/06/2026")])
    func window(db: TestDB, day: (String, String?)) async throws {
        // setup
        let today = try #require(LocalDate(dayFirst: day.0))
        try await withTestApp(db, settings: { $0.now = TestDates.at(today) }) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let bad = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo",
                                         ["fechaCorte": "2026-06-30", "reporteDesde": "10/06/2026", "reporteHasta": "01/06/2026"])
            #expect(bad.status == .unprocessableEntity)
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo",
                                   ["fechaCorte": "2026-06-30", "reporteDesde": "01/06/2026", "reporteHasta": "15/06/2026"])
            let a = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[0].id)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let form = try await resp.get("/planes/\(fx.planA)/seguimientos/1/acciones/\(a)/autoreporte")
            // MUT
            let res = try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(a)/autoreporte", ["descripcion": "x"], files: [])
            // validate
            // the page says why before anything is typed, and offers no form outside the window
            #expect(form.body.string.contains("multipart/form-data") == (day.1 == nil))
            if let refusal = day.1 {
                #expect(form.body.string.contains(refusal))
                #expect(res.status == .conflict)
                #expect(res.body.string.contains(refusal))
                #expect(try await ProgressReport.query(on: app.db).count() == 0)
            } else {
                #expect(res.status == .seeOther)
                #expect(try await ProgressReport.query(on: app.db).count() == 1)
            }
        }
    }
}

@Suite("Evidence files of the monitoreo")
struct MonitoringEvidenceTests {
    @Test("A responsable attaches files to its activity's monitoreo; not to another dependency's", arguments: TestDB.all)
    func files(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleProgram(app)
            let mine = try await ActivityDependency.query(on: app.db).with(\.$dependency).all()
                .filter { $0.dependency.name == "Secretaría de Hacienda" }.map { $0.$activity.id }
            let own = try #require(mine.first)
            let foreign = try #require(try await ProgramActivity.query(on: app.db).all().first { !mine.contains($0.id!) }?.id)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            _ = try await resp.get("/programas/\(id)/periodos/3/actividades/\(own)/evidencias")
            let pdf = Data("%PDF-1.7\nfoto del acta\n%%EOF".utf8)
            // period 2 was graded by the OCI (imported seguimiento): its monitoreo is closed, files too
            let closed = try await resp.upload("/programas/\(id)/periodos/2/actividades/\(own)/evidencias", [:], files: [("acta.pdf", pdf)])
            #expect(closed.status == .conflict)
            #expect(closed.body.string.contains("La OCI ya calificó esta actividad en el segundo cuatrimestre 2026: el monitoreo quedó cerrado."))
            #expect(try await resp.upload("/programas/\(id)/periodos/3/actividades/\(own)/evidencias", [:], files: [("acta.pdf", pdf)]).status == .seeOther)
            #expect(try await resp.upload("/programas/\(id)/periodos/3/actividades/\(foreign)/evidencias", [:], files: [("acta.pdf", pdf)]).status == .forbidden)
            let ev = try #require(try await ReportEvidence.query(on: app.db).filter(\.$reportKind == .monitoreo).first())
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let download = try await oci.get("/evidencias/\(ev.id!)")
            #expect(Data(download.body.readableBytesView) == pdf)
            // once the OCI grades the activity for period 3, its monitoreo files stay
            _ = try await oci.get("/programas/\(id)/periodos/3/seguimiento")
            #expect(try await oci.post("/programas/\(id)/periodos/3/seguimiento", ["pct_\(own)": "50"]).status == .seeOther)
            _ = try await resp.get("/programas/\(id)/periodos/3/actividades/\(own)/evidencias")
            let removal = try await resp.post("/evidencias/\(ev.id!)/eliminar", [:])
            #expect(removal.status == .conflict)
            #expect(removal.body.string.contains("el monitoreo quedó cerrado"))
            #expect(try await ReportEvidence.find(ev.id, on: app.db) != nil)
            var b = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await b.get("/evidencias/\(ev.id!)").status == .notFound)
        }
    }
}
