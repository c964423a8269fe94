import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

private let pdf = Data("%PDF-1.7\nacta\n%%EOF".utf8)

/// Entity A's sample program and the first activity of the Secretaría de Hacienda.
private func hacienda(_ app: Application) async throws -> (program: UUID, activity: UUID) {
    let program = try await loadSampleProgram(app)
    let mine = try await ActivityDependency.query(on: app.db).with(\.$dependency).all()
        .filter { $0.dependency.name == "Secretaría de Hacienda" }.map { $0.$activity.id }
    return (program, try #require(mine.first))
}

@Suite("One progress report: autoreportes and monitoreos in one table, under one lock")
struct ProgressReportStorageTests {
    @Test("M024 moves both old tables into one, ids and evidence kept; its revert splits them back", arguments: TestDB.all)
    func migration(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let (program, activity) = try await hacienda(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"]).status == .seeOther)
            let action = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[0].id)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            _ = try await resp.get("/planes/\(fx.planA)/seguimientos/1/acciones/\(action)/autoreporte")
            #expect(try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(action)/autoreporte",
                                          ["porcentaje": "40", "descripcion": "Conciliación de cuentas"], files: [("acta.pdf", pdf)]).status == .seeOther)
            #expect(try await resp.post("/programas/\(program)/periodos/3/monitoreo",
                                        ["pct_\(activity)": "70", "seg_\(activity)": "Informe", "ev_\(activity)": "https://a.gov.co/x"]).status == .seeOther)
            let before = try await ProgressReport.query(on: app.db).sort(\.$kind).all()
            try #require(before.map(\.kind) == [.autoreporte, .monitoreo])
            let sql = try #require(app.db as? SQLDatabase)

            // Back to two tables (through M036, which added the risk map's actions), then forward again: the same rows under the same ids.
            try await M036_RiskActionReports().revert(on: app.db)
            try await M024_OneProgressReportTable().revert(on: app.db)
            let oldAuto = try await sql.select().column("descripcion").from("progress_reports").all()
            let oldMonitoring = try await sql.select().column("reporte").from("activity_monitorings").all()
            #expect(try oldAuto.map { try $0.decode(column: "descripcion", as: String.self) } == ["Conciliación de cuentas"])
            #expect(try oldMonitoring.map { try $0.decode(column: "reporte", as: String.self) } == ["Informe"])
            try await M024_OneProgressReportTable().prepare(on: app.db)
            try await M036_RiskActionReports().prepare(on: app.db)

            let after = try await ProgressReport.query(on: app.db).sort(\.$kind).all()
            try #require(after.count == 2)
            #expect(after.map(\.id) == before.map(\.id))
            #expect(after[0].$action.id == action && after[0].$activity.id == nil && after[0].porcentaje == 40)
            #expect(after[1].$activity.id == activity && after[1].$action.id == nil && after[1].porcentaje == 70
                    && after[1].descripcion == "Informe" && after[1].links == ["https://a.gov.co/x"])
            // The evidence still belongs to its report.
            let ev = try #require(try await ReportEvidence.query(on: app.db).first())
            #expect(ev.reportID == after[0].id)
            #expect(try await oci.get("/evidencias/\(ev.id!)").status == .ok)
            // A row with two subjects (or none) is refused by the database itself.
            let twoSubjects = ProgressReport(entityID: fx.entityA, actionID: action, roundID: try #require(after[0].$round.id))
            twoSubjects.$activity.id = activity
            twoSubjects.$period.id = after[1].$period.id
            await #expect(throws: (any Error).self) { try await twoSubjects.create(on: app.db) }
            // The third subject (M036): a risk map's action in a period, alone.
            let mapID = try await loadSampleRiskMap(app)
            let mixed = ProgressReport(entityID: fx.entityA, riskMapID: mapID, numero: 1, accion: 1, periodo: 1)
            mixed.$activity.id = activity
            await #expect(throws: (any Error).self) { try await mixed.create(on: app.db) }
            let incomplete = ProgressReport(entityID: fx.entityA, riskMapID: mapID, numero: 1, accion: 1, periodo: 1)
            incomplete.riskAccion = nil
            await #expect(throws: (any Error).self) { try await incomplete.create(on: app.db) }
            try await ProgressReport(entityID: fx.entityA, riskMapID: mapID, numero: 1, accion: 1, periodo: 1).create(on: app.db)
        }
    }

    @Test("The OCI sets a period's monitoreo window (form and API, same messages, audited); outside it the monitoreo and its files are refused",
          arguments: TestDB.all)
    func monitoringWindow(db: TestDB) async throws {
        // Today is 21/11/2026 (TestDates.defaultNow); period 3 is the third cuatrimestre 2026.
        try await withTestApp(db) { app, _ in
            let (program, activity) = try await hacienda(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let datesPath = "/programas/\(program)/periodos/3/fechas"
            let form = try await oci.get(datesPath)
            #expect(form.status == .ok)
            #expect(form.body.string.contains(#"type="date" name="fechaCorte" id="fechaCorte" value="2026-12-31""#))
            #expect(try await resp.get(datesPath).status == .forbidden)

            // A window that ends before it starts: the same message through both doors, nothing written.
            let message = "Monitoreo: la fecha final de la ventana es anterior a la inicial."
            let bad = try await oci.post(datesPath, ["fechaCorte": "31/12/2026", "fechaLimitePublicacion": "18/01/2027",
                                                    "monitoreoDesde": "10/12/2026", "monitoreoHasta": "01/12/2026"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(message))
            let badAPI = try await oci.json(.PUT, "/api/v1/programs/\(program)/periods/3",
                                            ["fechaCorte": "2026-12-31", "fechaLimitePublicacion": "2027-01-18",
                                             "monitoreoDesde": "2026-12-10", "monitoreoHasta": "2026-12-01"])
            #expect(badAPI.status == .unprocessableEntity)
            #expect(badAPI.body.string.contains(message) && badAPI.body.string.contains("monitoreoHasta"))
            let unreadable = try await oci.post(datesPath, ["fechaCorte": "31/02/2026", "fechaLimitePublicacion": "18/01/2027"])
            #expect(unreadable.body.string.contains("Fecha de corte: «31/02/2026» no es una fecha (dd/mm/aaaa)."))
            #expect(try await FollowUpPeriod.query(on: app.db).filter(\.$numero == 3).first()?.reportFrom == nil)

            // The window opens tomorrow: the form says why it is closed, the save and a file are refused.
            #expect(try await oci.post(datesPath, ["fechaCorte": "31/12/2026", "fechaLimitePublicacion": "18/01/2027",
                                                  "monitoreoDesde": "22/11/2026", "monitoreoHasta": "15/12/2026"]).status == .seeOther)
            let opensTomorrow = "El periodo de monitoreo del tercer cuatrimestre 2026 abre el 22/11/2026."
            let page = try await resp.get("/programas/\(program)/periodos/3/monitoreo")
            #expect(page.body.string.contains(opensTomorrow))
            #expect(!page.body.string.contains("pct_\(activity)"))
            let early = try await resp.post("/programas/\(program)/periodos/3/monitoreo", ["pct_\(activity)": "70", "seg_\(activity)": "Informe"])
            #expect(early.status == .conflict && early.body.string.contains(opensTomorrow))
            _ = try await resp.get("/programas/\(program)/periodos/3/actividades/\(activity)/evidencias")
            let earlyFile = try await resp.upload("/programas/\(program)/periodos/3/actividades/\(activity)/evidencias", [:], files: [("acta.pdf", pdf)])
            #expect(earlyFile.status == .conflict)

            // Through the API the window is today only: both ends included, the report goes in.
            let today = try await oci.json(.PUT, "/api/v1/programs/\(program)/periods/3",
                                           ["fechaCorte": "2026-12-31", "fechaLimitePublicacion": "2027-01-18",
                                            "monitoreoDesde": "2026-11-21", "monitoreoHasta": "2026-11-21"])
            #expect(today.status == .ok)
            _ = try await resp.get("/programas/\(program)/periodos/3/monitoreo")
            #expect(try await resp.post("/programas/\(program)/periodos/3/monitoreo", ["pct_\(activity)": "70", "seg_\(activity)": "Informe"]).status == .seeOther)
            _ = try await resp.get("/programas/\(program)/periodos/3/actividades/\(activity)/evidencias")
            #expect(try await resp.upload("/programas/\(program)/periodos/3/actividades/\(activity)/evidencias", [:], files: [("acta.pdf", pdf)]).status == .seeOther)
            let file = try #require(try await ReportEvidence.query(on: app.db).first())

            // It closed yesterday: figures and files stay as they are.
            _ = try await oci.get(datesPath)
            #expect(try await oci.post(datesPath, ["fechaCorte": "31/12/2026", "fechaLimitePublicacion": "18/01/2027",
                                                  "monitoreoDesde": "01/11/2026", "monitoreoHasta": "20/11/2026"]).status == .seeOther)
            _ = try await resp.get("/programas/\(program)/periodos/3/actividades/\(activity)/evidencias")
            let removal = try await resp.post("/evidencias/\(file.id!)/eliminar", [:])
            #expect(removal.status == .conflict)
            #expect(removal.body.string.contains("El periodo de monitoreo del tercer cuatrimestre 2026 cerró el 20/11/2026."))
            #expect(try await ReportEvidence.find(file.id, on: app.db) != nil)

            // Each change is in the audit trail, the API's marked as such.
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectType == "periodo").all()
            #expect(audit.contains { $0.summary == "Cambió las fechas del tercer cuatrimestre 2026 (API)" && $0.field == "monitoreo hasta" && $0.newValue == "21/11/2026" })
            #expect(audit.contains { $0.summary == "Cambió las fechas del tercer cuatrimestre 2026" && $0.field == "monitoreo hasta" && $0.newValue == "20/11/2026" })
            // A published period's dates are not changed.
            let first = try #require(try await FollowUpPeriod.query(on: app.db).filter(\.$numero == 1).first())
            first.estado = .publicado
            try await first.save(on: app.db)
            let published = try await oci.json(.PUT, "/api/v1/programs/\(program)/periods/1",
                                               ["fechaCorte": "2026-04-30", "fechaLimitePublicacion": "2026-05-20"])
            #expect(published.status == .conflict)
            #expect(try await oci.get("/programas/\(program)/periodos/1/fechas").body.string.contains("Este periodo está publicado"))
        }
    }

    @Test("An autoreporte's file cannot be removed once the round is published; a graded activity's monitoreo row is shown, not offered",
          arguments: TestDB.all)
    func locks(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"]).status == .seeOther)
            let action = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[1].id)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let path = "/planes/\(fx.planA)/seguimientos/1/acciones/\(action)/autoreporte"
            _ = try await resp.get(path)
            #expect(try await resp.upload(path, ["porcentaje": "40", "descripcion": "Avance"], files: [("acta.pdf", pdf)]).status == .seeOther)
            let file = try #require(try await ReportEvidence.query(on: app.db).first())
            // Published (without grading this action): before, the file could still be removed.
            let round = try #require(try await FollowUpRound.query(on: app.db).filter(\.$plan.$id == fx.planA).first())
            round.estado = .publicado
            try await round.save(on: app.db)
            let removal = try await resp.post("/evidencias/\(file.id!)/eliminar", [:])
            #expect(removal.status == .conflict)
            #expect(removal.body.string.contains("El seguimiento 1 ya está publicado."))

            // The OCI grades one of Hacienda's activities in period 3: its row is closed in the
            // responsable's form, and sending the form as shown changes nothing and is accepted.
            let (program, activity) = try await hacienda(app)
            _ = try await oci.get("/programas/\(program)/periodos/3/seguimiento")
            #expect(try await oci.post("/programas/\(program)/periodos/3/seguimiento", ["pct_\(activity)": "50"]).status == .seeOther)
            let page = try await resp.get("/programas/\(program)/periodos/3/monitoreo")
            #expect(page.body.string.contains("La OCI ya calificó esta actividad: el monitoreo quedó cerrado."))
            let shown = try #require(PageForm.all(in: page.body.string).first { $0.action.hasSuffix("/periodos/3/monitoreo") })
            var fields = Dictionary(shown.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            #expect(fields["pct_\(activity)"] == "")
            fields["pct_\(activity)"] = "99"
            #expect(try await resp.post("/programas/\(program)/periodos/3/monitoreo", fields).status == .conflict)
            fields["pct_\(activity)"] = ""
            #expect(try await resp.post("/programas/\(program)/periodos/3/monitoreo", fields).status == .seeOther)
        }
    }
}

@Suite("The program's estado")
struct ProgramStatusTests {
    @Test("The OCI changes the program's estado (audited); a responsable cannot", arguments: TestDB.all)
    func status(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleProgram(app)
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.post("/programas/\(id)/estado", ["estado": "cerrado"]).status == .forbidden)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/programas/\(id)").body.string.contains("Cambiar el estado"))
            #expect(try await oci.post("/programas/\(id)/estado", ["estado": "inventado"]).status == .unprocessableEntity)
            #expect(try await oci.post("/programas/\(id)/estado", ["estado": "cerrado"]).status == .seeOther)
            #expect(try await AnticorruptionProgram.find(id, on: app.db)?.estado == .cerrado)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$field == "estado").filter(\.$objectType == "programa").first()
            #expect(audit?.oldValue == "En seguimiento" && audit?.newValue == "Cerrado")
        }
    }
}
