import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
import VigiaFormats
@testable import VigiaServer

/// The data records of a downloaded CSV (after the header), each as its raw text: quoted
/// fields may hold line ends, so records are split only outside quotes.
func csvRows(_ body: ByteBuffer) -> [String] {
    let text = String(decoding: Data(buffer: body).dropFirst(3), as: UTF8.self)
    var records: [String] = [], current = "", quoted = false
    for scalar in text.unicodeScalars {
        if scalar == "\"" { quoted.toggle() }
        if scalar == "\n", !quoted {
            if current.hasSuffix("\r") { current.removeLast() }
            records.append(current); current = ""
        } else {
            current.unicodeScalars.append(scalar)
        }
    }
    if !current.isEmpty { records.append(current) }
    return Array(records.dropFirst())
}

@Suite("Every list downloads as XLSX and CSV with exactly the rows its user may see")
struct ListDownloadTests {
    @Test("«Acciones»: filters, and the download holds the page's rows; a responsable sees only its dependencia's", arguments: TestDB.all)
    func actions(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            // A second plan of entity A, of another dependencia.
            _ = try await VigiaTasks.importPlan(text: try samplePlanText(), entityNIT: "800-A", unidad: "Planeación",
                                                dependency: "Secretaría de Planeación", at: app.now, on: app.db)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let all = try await oci.get("/acciones")
            #expect(all.status == .ok)
            let snapshot = try await PlanStore.snapshot(of: try #require(try await ImprovementPlan.find(fx.planA, on: app.db)), on: app.db)
            let perPlan = snapshot.actionCount
            #expect(all.body.string.contains("\(2 * perPlan) acciones · Todas las acciones"))
            #expect(!all.body.string.contains("Oficina B"))
            let csv = try await oci.get("/acciones?formato=csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"acciones-\(LocalDate.today(now: app.now).iso).csv\"")
            #expect(csvRows(csv.body).count == 2 * perPlan)
            // By dependencia; by estado; only overdue: the download follows the same filter.
            let hacienda = "Secretaría de Hacienda".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let one = try await oci.get("/acciones?dependencia=\(hacienda)&formato=csv")
            #expect(csvRows(one.body).count == perPlan && csvRows(one.body).allSatisfy { $0.contains("Secretaría de Hacienda") })
            let today = LocalDate.today(now: app.now)
            let evaluation = PlanEvaluator.evaluate(snapshot)
            var overdue = 0
            for (fi, f) in snapshot.hallazgos.enumerated() {
                for (ai, a) in f.acciones.enumerated()
                where Schedule.isOverdue(percent: evaluation.hallazgos[fi].acciones[ai].porcentaje, fechaFinal: a.fechaFinal, at: today) {
                    overdue += 1
                }
            }
            #expect(overdue > 0)
            let vencidas = try await oci.get("/acciones?vencidas=1&formato=csv")
            #expect(csvRows(vencidas.body).count == 2 * overdue)
            #expect(try await oci.get("/acciones?vencidas=1").body.string.contains("\(2 * overdue == 1 ? "1 acción" : "\(2 * overdue) acciones") · Filtro: solo vencidas"))
            let noneThatYear = try await oci.get("/acciones?anio=1999&formato=csv")
            #expect(csvRows(noneThatYear.body).isEmpty)
            // Junk in the filter is ignored, an unknown format is a Spanish 400.
            #expect(try await oci.get("/acciones?estado=%3Cx%3E&anio=99999999999999999999").status == .ok)
            let bad = try await oci.get("/acciones?formato=pdf")
            #expect(bad.status == .badRequest && bad.body.string.contains("no es un formato de descarga"))

            var hacResp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let mine = try await hacResp.get("/acciones?formato=xlsx")
            #expect(mine.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let sheet = try VigiaFormats.XLSXWorkbook(data: Data(buffer: mine.body)).sheet()
            #expect(sheet.rows.filter { $0.number >= 5 }.count == perPlan && sheet.rows.first { $0.number == 4 }?.cells.first == "Plan (unidad auditable)")
            #expect(!(try await hacResp.get("/acciones?dependencia=Secretar%C3%ADa%20de%20Planeaci%C3%B3n").body.string.contains("Planeación</a>")))
            #expect(csvRows(try await hacResp.get("/acciones?formato=csv").body).allSatisfy { !$0.contains("Planeación") })
        }
    }

    @Test("Plans, users, notifications, autoreportes and the home tables download with the page's rows and roles", arguments: TestDB.all)
    func lists(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let plans = try await oci.get("/planes?formato=csv")
            #expect(csvRows(plans.body).count == 1 && csvRows(plans.body)[0].contains("Auditoría interna (OCI)"))
            #expect(try await oci.get("/planes").body.string.contains("/planes?formato=xlsx"))
            #expect(try await oci.get("/administracion/usuarios?formato=csv").status == .forbidden)
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            let users = csvRows(try await admin.get("/administracion/usuarios?formato=csv").body)
            #expect(users.count == 5 && !users.joined().contains("oci@b.gov.co"))
            #expect(try await oci.get("/?tabla=estados&formato=csv").status == .ok)
            #expect(csvRows(try await oci.get("/?tabla=estados&formato=csv").body).count == ActionState.allCases.count)
            #expect(csvRows(try await oci.get("/?tabla=dependencias&formato=csv").body).first?.hasPrefix("Secretaría de Hacienda;") == true)
            #expect(try await oci.get("/?tabla=otra&formato=csv").status == .badRequest)
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.get("/?formato=csv").status == .ok)
            #expect(try await oci.get("/notificaciones?formato=xlsx").status == .ok)
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "30/06/2025", "fechaSeguimiento": "05/07/2025"])
            let reports = try await responsable.get("/planes/\(fx.planA)/seguimientos/1/autoreportes?formato=csv")
            #expect(reports.status == .ok && csvRows(reports.body).allSatisfy { $0.contains("Sin reporte") })
            var other = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await other.get("/planes/\(fx.planA)/seguimientos/1/autoreportes?formato=csv").status == .notFound)
        }
    }

    @Test("The audit trail: whole for the OCI, one plan's for its readers; pages of 100; dates checked; downloads whole", arguments: TestDB.all)
    func audit(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let admin = try #require(try await User.query(on: app.db).filter(\.$email == "admin@a.gov.co").first())
            for i in 0..<230 {
                try await AuditLog.record("Evento \(i)", by: Actor(userID: admin.id, name: admin.name, at: app.now.addingTimeInterval(Double(i))), entityID: fx.entityA,
                                          objectType: "prueba", objectID: nil, planID: i < 30 ? fx.planA : nil, on: app.db)
            }
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let total = try await AuditEvent.query(on: app.db).filter(\.$entity.$id == fx.entityA).count()
            let first = try await oci.get("/auditoria").body.string
            #expect(first.contains("\(total) eventos · página 1 de \((total + 99) / 100)") && first.contains("Evento 229") && !first.contains("Evento 100<"))
            let second = try await oci.get("/auditoria?pagina=2").body.string
            #expect(second.contains("Evento 129") && !second.contains("Evento 229"))
            #expect(csvRows(try await oci.get("/auditoria?formato=csv").body).count == total)
            let badDate = try await oci.get("/auditoria?desde=31/02/2025")
            #expect(badDate.status == .unprocessableEntity && badDate.body.string.contains("Desde: «31/02/2025» no es una fecha (dd/mm/aaaa)."))
            let future = LocalDate.today(now: app.now).adding(days: 1).dayFirst
            #expect(csvRows(try await oci.get("/auditoria?desde=\(future)&formato=csv").body).isEmpty)

            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.get("/auditoria").status == .forbidden)
            let own = try await responsable.get("/auditoria?plan=\(fx.planA)&formato=csv")
            #expect(own.status == .ok && csvRows(own.body).contains { $0.contains("Evento 29") } && !csvRows(own.body).contains { $0.contains("Evento 30") })
            var planeacion = try await Browser.signedIn(app, as: "planeacion@a.gov.co")
            #expect(try await planeacion.get("/auditoria?plan=\(fx.planA)").status == .notFound)
            var other = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await other.get("/auditoria?plan=\(fx.planA)").status == .notFound)
            #expect(!(try await other.get("/auditoria?formato=csv").body.string.contains("Evento")))
        }
    }

    @Test("Notifications come 50 to a page; the download holds them all", arguments: TestDB.all)
    func notificationPages(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "hacienda@a.gov.co").first())
            for i in 0..<120 {
                let n = Notification()
                n.$entity.id = fx.entityA; n.$user.id = user.id!; n.email = user.email; n.kind = "prueba"; n.dedupKey = "prueba-\(i)"
                n.subject = "Aviso \(i)"; n.body = "Cuerpo \(i)"; n.attempts = 0
                try await n.create(on: app.db)
            }
            var b = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let first = try await b.get("/notificaciones").body.string
            #expect(first.contains("Página 1 de 3 (120 notificaciones)") && first.components(separatedBy: "<details").count - 1 == 50)
            let last = try await b.get("/notificaciones?pagina=3").body.string
            #expect(last.components(separatedBy: "<details").count - 1 == 20 && last.contains("« Más recientes") && !last.contains("Anteriores »"))
            #expect(try await b.get("/notificaciones?pagina=99999999999999999999").status == .ok)
            #expect(csvRows(try await b.get("/notificaciones?formato=csv").body).count == 120)
        }
    }
}
