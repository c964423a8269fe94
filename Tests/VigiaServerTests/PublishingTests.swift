import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Publishing and the public transparency page")
struct PublishingTests {
    @Test("A published round is frozen; a correction is version 2 with a change-log entry; the public page serves both with their hash",
          arguments: TestDB.all)
    func publishAndCorrect(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            // nothing published: the public page shows nothing, without login
            var anon = Browser(app)
            let empty = try await anon.get("/transparencia/\(fx.entityA)")
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("Todavía no hay seguimientos publicados"))
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let a1 = snap.hallazgos[0].acciones[0].id!.uuidString
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "pct_\(a1)": "40"])
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1/publicar", [:]).status == .seeOther)
            // frozen: grading is refused and nothing changes
            let refused = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "pct_\(a1)": "90"])
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("publicado"))
            let v1 = try #require(try await Publication.query(on: app.db).filter(\.$planID == fx.planA).first())
            #expect(v1.version == 1)
            #expect(v1.pdfSHA256 == Publishing.sha256(v1.pdf))
            // correction: a reason is required, then version 2 with a change-log entry
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1/corregir", ["motivo": ""]).status == .unprocessableEntity)
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1/corregir", ["motivo": "El % de la acción 1.1 era 90 %"]).status == .seeOther)
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "pct_\(a1)": "90"])
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1/publicar", [:]).status == .seeOther)
            let versions = try await Publication.query(on: app.db).filter(\.$planID == fx.planA).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[0].pdf == v1.pdf)                 // version 1 kept as it was
            #expect(versions[1].pdfSHA256 != versions[0].pdfSHA256)
            #expect(versions[1].note.contains("El % de la acción 1.1 era 90 %"))
            let log = try await ChangeLogEntry.query(on: app.db).filter(\.$plan.$id == fx.planA).all()
            #expect(log.contains { $0.descripcion.contains("Corrección del seguimiento 1") && $0.version == "2" })
            let frozen = try Publishing.frozenDocument(versions[0])
            #expect(frozen.secciones[0].tabla.filas[0].celdas[9].valor == 40)
            // the public page lists both, serves the files and the stored hash
            let page = try await anon.get("/transparencia/\(fx.entityA)")
            #expect(page.body.string.contains(versions[0].pdfSHA256))
            #expect(page.body.string.contains(versions[1].pdfSHA256))
            #expect(page.body.string.contains("lang=\"es\""))
            // a plan's row names its unidad auditable and round, not only the format's title
            let title = "FORMULACIÓN Y SEGUIMIENTO A PLANES DE MEJORAMIENTO · Secretaría de Hacienda (auditoría AI-2026-03) · Seguimiento 1"
            #expect(versions.allSatisfy { $0.title == title }, "\(versions.map(\.title))")
            #expect(page.body.string.contains(title + "<"))
            let file = try await anon.get("/transparencia/publicaciones/\(versions[0].id!)/pdf")
            #expect(Publishing.sha256(Data(file.body.readableBytesView)) == versions[0].pdfSHA256)
            let verify = try await anon.get("/transparencia/verificar?sha256=\(versions[1].pdfSHA256)")
            #expect(verify.body.string.contains("Coincide"))
            // entity B's public page shows nothing of A
            let other = try await anon.get("/transparencia/\(fx.entityB)")
            #expect(!other.body.string.contains(versions[0].pdfSHA256))
        }
    }

    /// Period 1's legal deadline is 15/05/2026: published that day it is on time, the next day late.
    @Test("A period's seguimiento published late is flagged; once published it is not edited",
          arguments: TestDB.all, [("15/05/2026", true), ("16/05/2026", false)])
    func publishPeriod(db: TestDB, day: (String, Bool)) async throws {
        let today = try #require(LocalDate(dayFirst: day.0))
        try await withTestApp(db, settings: { $0.now = TestDates.at(today) }) { app, _ in
            let id = try await loadSampleProgram(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.post("/programas/\(id)/periodos/1/publicar", [:]).status == .seeOther)
            let p = try #require(try await Publication.query(on: app.db).filter(\.$programID == id).first())
            #expect(p.deadline == LocalDate(year: 2026, month: 5, day: 15))
            #expect(p.publishedOn == today)
            #expect(p.onTime == day.1)
            let page = try await oci.get("/programas/\(id)?periodo=1")
            #expect(page.body.string.contains(day.1 ? "a tiempo" : "fuera de plazo"))
            #expect(!page.body.string.contains(day.1 ? "fuera de plazo" : "a tiempo"))
            #expect(try await oci.post("/programas/\(id)/periodos/1/seguimiento", [:]).status == .forbidden)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await resp.post("/programas/\(id)/periodos/1/publicar", [:]).status == .forbidden)
        }
    }
}
