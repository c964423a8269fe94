import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// Loads the sample program (both cuatrimestres) into entity A.
func loadSampleProgram(_ app: Application) async throws -> UUID {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    var id: UUID? = nil
    for n in [1, 2] {
        let text = try String(contentsOf: url.appendingPathComponent("Samples/seguimiento-paac-demo-2026-c\(n).txt"), encoding: .utf8)
        id = try await VigiaTasks.importProgram(text: text, entityNIT: "800-A", at: app.now, on: app.db).id
    }
    return id!
}

func programSnapshot(_ app: Application, _ id: UUID) async throws -> ProgramSnapshot {
    try await ProgramStore.snapshot(of: try #require(await AnticorruptionProgram.find(id, on: app.db)), on: app.db)
}

@Suite("Program seguimiento (OCI) and monitoreo (responsables)")
struct ProgramRoleTests {
    @Test("Two cuatrimestres imported into one program; the OCI records period 3 for a component", arguments: TestDB.all)
    func ociRecordsAPeriod(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleProgram(app)
            #expect(try await AnticorruptionProgram.query(on: app.db).count() == 1)
            let p = try await programSnapshot(app, id)
            #expect((ProgramEvaluator.evaluate(p, period: 2).porcentaje! * 100).rounded() / 100 == 79.89)
            #expect((ProgramEvaluator.evaluate(p, period: 1).porcentaje! * 100).rounded() / 100 == 38.83)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let form = try await oci.get("/programas/\(id)/periodos/3/seguimiento?componente=2")
            #expect(form.status == .ok)
            let c2 = p.componentes[1].actividades.map { $0.id!.uuidString }
            let res = try await oci.post("/programas/\(id)/periodos/3/seguimiento?componente=2",
                                         ["pct_\(c2[0])": "100", "pct_\(c2[1])": "80", "seg_\(c2[1])": "Avance verificado.",
                                          "ev_\(c2[1])": "https://sanisidro.gov.co/tramites/informe.pdf"])
            #expect(res.status == .seeOther)
            let after = try await programSnapshot(app, id)
            let e3 = ProgramEvaluator.evaluate(after, period: 3)
            #expect(e3.componentes[1].porcentaje == 90)
            #expect(e3.componentes[1].zona == .verde)
            #expect(e3.componentes[0].porcentaje == nil)
            let page = try await oci.get("/programas/\(id)?periodo=3")
            #expect(page.body.string.contains("90 % · Alta"))
            let bad = try await oci.post("/programas/\(id)/periodos/3/seguimiento?componente=2", ["pct_\(c2[0])": "120"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Componente 2, actividad 1"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$programID == id).filter(\.$field == "% de avance").count() == 2)
        }
    }

    @Test("A responsable cannot write the seguimiento; it reports monitoreo only for its activities", arguments: TestDB.all)
    func responsableMonitoring(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleProgram(app)
            let p = try await programSnapshot(app, id)
            let lines = ActivityLine.lines(of: p)
            let mine = try await ActivityDependency.query(on: app.db).with(\.$dependency).all()
                .filter { $0.dependency.name == "Secretaría de Hacienda" }.map { $0.$activity.id }
            let own = try #require(mine.first)
            let other = try #require(lines.first { !mine.contains($0.id) && $0.takesPercent }).id
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            // MUT: the OCI's columns are out of reach
            let html = try await resp.post("/programas/\(id)/periodos/2/seguimiento", ["pct_\(own)": "100"])
            #expect(html.status == .forbidden)
            let api = try await resp.json(.PUT, "/api/v1/programs/\(id)/periods/2/seguimiento",
                                          ["actividades": [["actividadId": own.uuidString]]])
            #expect(api.status == .forbidden)
            // the OCI graded period 2 in the imported seguimiento: that monitoreo is closed
            let closed = try await resp.post("/programas/\(id)/periodos/2/monitoreo", ["pct_\(own)": "95", "seg_\(own)": "Informe enviado"])
            #expect(closed.status == .conflict)
            #expect(closed.body.string.contains("el monitoreo quedó cerrado"))
            // its own monitoreo of the open period 3 works, another dependency's activity does not
            let ok = try await resp.post("/programas/\(id)/periodos/3/monitoreo", ["pct_\(own)": "95", "seg_\(own)": "Informe enviado"])
            #expect(ok.status == .seeOther)
            let foreign = try await resp.json(.PUT, "/api/v1/programs/\(id)/periods/3/monitoreo",
                                              ["actividades": [["actividadId": other.uuidString]]])
            #expect(foreign.status == .forbidden)
            let after = try await programSnapshot(app, id)
            let line = try #require(ActivityLine.lines(of: after).first { $0.id == own })
            #expect(line.activity.monitoring(3)?.porcentaje == 95)
            #expect(line.activity.monitoring(2) == lines.first { $0.id == own }?.activity.monitoring(2))
            #expect(line.activity.followUp(3) == lines.first { $0.id == own }?.activity.followUp(3))  // the OCI's figure is untouched
            // and the OCI cannot write the monitoreo
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.post("/programas/\(id)/periodos/3/monitoreo", ["pct_\(own)": "10"]).status == .forbidden)
            let page = try await oci.get("/programas/\(id)?periodo=3")
            #expect(page.body.string.contains("95 % · Informe enviado"))
        }
    }

    /// The 2026 sample's first two publication deadlines: 15/05/2026, and 14/09/2026 (ten business days after the 31/08 cut-off).
    @Test("Another entity cannot see the program; the home page shows the next publication deadline",
          arguments: TestDB.all, [("15/05/2026", "15/05/2026"), ("16/05/2026", "14/09/2026")])
    func isolationAndDashboard(db: TestDB, day: (String, String)) async throws {
        let today = try #require(LocalDate(dayFirst: day.0))
        try await withTestApp(db, settings: { $0.now = TestDates.at(today) }) { app, _ in
            let id = try await loadSampleProgram(app)
            var b = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await b.get("/programas/\(id)").status == .notFound)
            #expect(try await b.get("/api/v1/programs/\(id)").status == .notFound)
            var a = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            let home = try await a.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Fecha límite de publicación: \(day.1)"))
            #expect(try await a.post("/programas/\(id)/periodos/3/seguimiento", [:]).status == .forbidden)
        }
    }
}
