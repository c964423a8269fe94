import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Corruption risk maps written from the web and the API: formulation, the OCI's seguimiento, publication")
struct RiskMapFormTests {
    static func stored(_ app: Application, _ id: UUID) async throws -> (RiskMap, Int) {
        let record = try #require(try await RiskMapRecord.find(id, on: app.db))
        return (try record.map(), record.revision)
    }

    @Test("The OCI creates a map, rates a risk with the questionnaire, adds a control (the residual is recomputed) and an action; a refused form comes back as typed",
          arguments: TestDB.all)
    func formulation(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/riesgos").body.string.contains("/riesgos/nuevo"))
            let bad = try await oci.post("/riesgos/nuevo", ["vigencia": "20x6", "metodologia": "iso"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("«20x6» no es un año") && bad.body.string.contains("Metodología: elija"))
            let created = try await oci.post("/riesgos/nuevo", ["vigencia": "2027", "metodologia": "guia2015"])
            #expect(created.status == .seeOther)
            let record = try #require(try await RiskMapRecord.query(on: app.db).filter(\.$vigencia == 2027).first())
            let id = try record.requireID()
            #expect(try await oci.post("/riesgos/nuevo", ["vigencia": "2027", "metodologia": "v6"]).body.string.contains("ya existe el mapa"))

            // A refused risk: every field kept as typed, the message beside it, nothing written.
            let refused = try await oci.post("/riesgos/\(id)/riesgos/nuevo", ["proceso": "Contratación <b>", "riesgo": "", "probabilidad": "2",
                                                                             "respuestas[]": "3", "opcionDeManejo": "aceptar", "revision": "1"])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("value=\"Contratación &lt;b&gt;\"") && page.contains("no se puede aceptar") && page.contains("Riesgo: descríbalo"))
            #expect(page.contains("id=\"q3\" value=\"3\" checked"))
            #expect(try await Self.stored(app, id).1 == 1)

            var fields = ["proceso": "Contratación", "riesgo": "Posibilidad de recibir dádivas para beneficio privado", "probabilidad": "3",
                          "opcionDeManejo": "reducir", "revision": "1"]
            let answers = (1...8).map { "respuestas[]=\($0)" }.joined(separator: "&")
            let saved = try await oci.postRaw("/riesgos/\(id)/riesgos/nuevo", fields, extra: answers)
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/riesgos/\(id)/riesgos/1")
            var (map, revision) = try await Self.stored(app, id)
            #expect(map.metodologia.label(map.riesgos[0].inherente) == "4 10 40 EXTREMA" && map.riesgos[0].respuestasSi == 8 && revision == 2)

            // The same form again, over the revision it was built on: 409, never a silent overwrite.
            fields["revision"] = "1"
            #expect(try await oci.post("/riesgos/\(id)/riesgos/1", fields).status == .conflict)

            let control = ["descripcion": "El comité revisa cada estudio previo", "tipo": "preventivo", "implementacion": "manual",
                           "puntaje": "80", "evidencia": "Actas", "revision": "\(revision)"]
            #expect(try await oci.post("/riesgos/\(id)/riesgos/1/controles/nuevo", control).status == .seeOther)
            let riskPage = try await oci.get("/riesgos/\(id)/riesgos/1").body.string
            #expect(riskPage.contains("Riesgo residual: </strong>2 10 20 MODERADA"))
            (map, revision) = try await Self.stored(app, id)
            let action = ["descripcion": "Publicar en SECOP II", "responsable": "Contratación", "fechaInicio": "01/02/2027", "fechaFin": "31/01/2027",
                          "revision": "\(revision)"]
            let inverted = try await oci.post("/riesgos/\(id)/riesgos/1/acciones/nuevo", action)
            #expect(inverted.status == .unprocessableEntity && inverted.body.string.contains("Fecha de fin: es anterior a la fecha de inicio."))
            #expect(inverted.body.string.contains("type=\"date\" name=\"fechaFin\" id=\"fechaFin\" value=\"2027-01-31\""))
            var good = action
            good["fechaFin"] = "2027-11-30"
            #expect(try await oci.post("/riesgos/\(id)/riesgos/1/acciones/nuevo", good).status == .seeOther)
            (map, revision) = try await Self.stored(app, id)
            #expect(map.riesgos[0].acciones.map(\.plan.fechaFin) == [LocalDate(year: 2027, month: 11, day: 30)] && revision == 4)
            // Every change is in the audit trail.
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectID == id).all().map(\.summary)
            #expect(audit.contains("Creó el mapa de riesgos de corrupción 2027 (Guía para la Gestión del Riesgo de Corrupción 2015)"))
            #expect(audit.contains("Agregó un control del riesgo 1 del mapa de riesgos de corrupción 2027"))
            #expect(audit.count == 4)
            #expect(try await oci.get("/riesgos/\(id)/riesgos/9").status == .notFound)
            #expect(try await oci.get("/riesgos/\(id)/riesgos/1/controles/2").status == .notFound)
        }
    }

    @Test("Only the OCI and the administrador formulate, grade and publish; nothing is written by a refusal", arguments: TestDB.all)
    func roles(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleRiskMap(app)
            let (_, revision) = try await Self.stored(app, id)
            for email in ["hacienda@a.gov.co", "consulta@a.gov.co"] {
                var user = try await Browser.signedIn(app, as: email)
                #expect(try await user.get("/riesgos/\(id)/riesgos/1").status == .forbidden, "\(email)")
                #expect(try await user.post("/riesgos/\(id)/riesgos/1/eliminar", [:]).status == .forbidden, "\(email)")
                #expect(try await user.post("/riesgos/\(id)/seguimiento/1", ["p-1-1": "10"]).status == .forbidden, "\(email)")
                #expect(!(try await user.get("/riesgos/\(id)").body.string.contains("Agregar riesgo")), "\(email)")
                #expect(try await user.json(.POST, "/api/v1/risk-maps", ["vigencia": 2030]).status == .forbidden, "\(email)")
            }
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            #expect(try await admin.get("/riesgos/\(id)/riesgos/1").status == .ok)
            // The administrador stands in for the OCI, as with plans and programs.
            #expect(try await admin.get("/riesgos/\(id)/seguimiento/1").status == .ok)
            #expect(try await Self.stored(app, id).1 == revision)
            #expect(try await Publication.query(on: app.db).count() == 0)
        }
    }

    @Test("The OCI grades a period (a % out of range refuses the form as typed), publishes it frozen with its SHA-256 beside the program, and a new version needs its reason",
          arguments: TestDB.all)
    func followUpAndPublication(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let id = try await loadSampleRiskMap(app)
            var (map, revision) = try await Self.stored(app, id)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let form = try await oci.get("/riesgos/\(id)/seguimiento/3").body.string
            #expect(form.contains("name=\"p-1-1\"") && form.contains("Publicar a más tardar el 18/01/2027"))
            var sent = ["revision": "\(revision)", "p-1-1": "150", "o-1-1": "Acta <3>", "m-2": "si", "d-2": ""]
            let refused = try await oci.post("/riesgos/\(id)/seguimiento/3", sent)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Riesgo 1, acción 1: el % de avance «150» debe ser un número de 0 a 100.") && refused.body.string.contains("Acta &lt;3&gt;"))
            #expect(refused.body.string.contains("Riesgo 2: si se materializó"))
            #expect(try await Self.stored(app, id).1 == revision)
            sent["p-1-1"] = "90"; sent["d-2"] = "Denuncia ante la Procuraduría"
            #expect(try await oci.post("/riesgos/\(id)/seguimiento/3", sent).status == .seeOther)
            (map, revision) = try await Self.stored(app, id)
            #expect(map.riesgos[0].acciones[0].followUp(3) == RiskFollowUp(periodo: 3, porcentaje: 90, observaciones: "Acta <3>"))
            #expect(map.riesgos[1].materializaciones.last == RiskMaterialisation(periodo: 3, materializado: true, descripcion: "Denuncia ante la Procuraduría"))
            // Only the actions sent are graded: the other risks have no grade in period 3.
            #expect(RiskMapEvaluation(map, period: 3).porRiesgo == [1: 90])

            #expect(try await oci.post("/riesgos/\(id)/seguimiento/3/publicar", ["revision": "\(revision)"]).status == .seeOther)
            let v1 = try #require(try await Publication.query(on: app.db).filter(\.$riskMapID == id).first())
            #expect(v1.kind == .riskMap && v1.version == 1 && v1.numero == 3 && v1.year == 2026 && v1.pdfSHA256 == Publishing.sha256(v1.pdf))
            #expect(v1.deadline == LocalDate(year: 2027, month: 1, day: 18) && v1.pdf.starts(with: Data("%PDF".utf8)))
            var anon = Browser(app)
            let publicPage = try await anon.get("/transparencia/\(fx.entityA)").body.string
            #expect(publicPage.contains("MAPA DE RIESGOS DE CORRUPCIÓN 2026") && publicPage.contains(v1.pdfSHA256))
            #expect(try await anon.get("/transparencia/verificar?sha256=\(v1.pdfSHA256)").body.string.contains("MAPA DE RIESGOS DE CORRUPCIÓN 2026"))
            let again = try await oci.post("/riesgos/\(id)/seguimiento/3/publicar", [:])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("Motivo: explique qué cambia"))
            // The refused page keeps the stored grades: saving it again would not blank them.
            #expect(again.body.string.contains("name=\"p-1-1\" id=\"p-1-1\" class=\"percent\" value=\"90\""))
            #expect(try await oci.post("/riesgos/\(id)/seguimiento/3/publicar", ["motivo": "Se corrigió el % de la acción 1"]).status == .seeOther)
            let versions = try await Publication.query(on: app.db).filter(\.$riskMapID == id).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2] && versions[1].note == "Corrección: Se corrigió el % de la acción 1" && versions[0].pdf == v1.pdf)
            // Another map counts its own versions.
            _ = try await oci.post("/riesgos/nuevo", ["vigencia": "2027", "metodologia": "v6"])
            let other = try #require(try await RiskMapRecord.query(on: app.db).filter(\.$vigencia == 2027).first()?.id)
            #expect(try await oci.post("/riesgos/\(other)/seguimiento/3/publicar", [:]).status == .seeOther)
            #expect(try await Publication.query(on: app.db).filter(\.$riskMapID == other).all().map(\.version) == [1])
        }
    }

    @Test("The API writes what the forms write, with the same refusals as JSON naming the field and 409 over a stale revision", arguments: TestDB.all)
    func api(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            struct NewMap: Encodable { var vigencia = 2027; var metodologia = "v6" }
            let ok = try await oci.json(.POST, "/api/v1/risk-maps", NewMap())
            #expect(ok.status == .created)
            let id = try JSONDecoder().decode(RiskMapApi.Created.self, from: Data(buffer: ok.body)).id
            struct RiskBody: Encodable { var proceso = "Talento humano"; var riesgo = "Posibilidad de vincular sin requisitos para favorecer a un tercero"
                var probabilidad = 3; var respuestas = [1, 2, 3, 4, 5, 6, 7]; var opcionDeManejo = "aceptar" }
            let refused = try await oci.json(.POST, "/api/v1/risk-maps/\(id)/risks", RiskBody())
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("\"opcionDeManejo\""))
            var body = RiskBody()
            body.opcionDeManejo = "evitar"
            let risk = try await oci.json(.POST, "/api/v1/risk-maps/\(id)/risks", body)
            #expect(risk.status == .created)
            let saved = try JSONDecoder().decode(Risk.self, from: Data(buffer: risk.body))
            #expect(saved.numero == 1 && saved.inherente == RiskRating(probabilidad: 3, impacto: 3))   // 7 «sí» → Mayor
            struct ControlBody: Encodable { var descripcion = "Verificación de requisitos por dos funcionarios"; var tipo = "detectivo"; var implementacion = "manual" }
            let control = try await oci.json(.POST, "/api/v1/risk-maps/\(id)/risks/1/controls", ControlBody())
            #expect(control.status == .created)
            #expect(try JSONDecoder().decode(Risk.self, from: Data(buffer: control.body)).controles.map(\.tipo) == [.detectivo])
            struct ActionBody: Encodable { var descripcion = "Lista de chequeo"; var responsable = "Talento humano"; var fechaInicio = "2027-02-01"; var fechaFin = "30/06/2027" }
            #expect(try await oci.json(.POST, "/api/v1/risk-maps/\(id)/risks/1/actions", ActionBody()).status == .created)
            struct Grade: Encodable { var riesgo = 1; var accion = 1; var porcentaje: Double = 40; var observaciones = "Lista aplicada en 4 de 10" }
            struct FollowUp: Encodable { var calificaciones = [Grade()]; var revision: Int? }
            let graded = try await oci.json(.PUT, "/api/v1/risk-maps/\(id)/periods/1/seguimiento", FollowUp())
            #expect(graded.status == .ok)
            let report = try JSONDecoder().decode(RiskMapReport.self, from: Data(buffer: graded.body))
            // Detective manual control (30 %): probabilidad Alta 80 % → 56 % → Media; the impacto stays Mayor.
            #expect(report.porcentaje == 40 && report.riesgos.first?.residual?.texto == RiskMethodology.funcionPublicaV6.label(RiskRating(probabilidad: 2, impacto: 3)))
            #expect(try await oci.json(.PUT, "/api/v1/risk-maps/\(id)/periods/1/seguimiento", FollowUp(revision: 1)).status == .conflict)
            #expect(try await oci.send(.DELETE, "/api/v1/risk-maps/\(id)/risks/1/actions/1", json: true, token: true).status == .unprocessableEntity)
            #expect(try await oci.send(.DELETE, "/api/v1/risk-maps/\(id)/risks/1/controls/1", json: true, token: true).status == .noContent)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectID == id).all().map(\.summary)
            #expect(audit.contains("Registró el seguimiento del periodo 1 del mapa de riesgos de corrupción 2027 (API)") && audit.count == 6)
        }
    }
}

@Suite("The map by proceso")
struct RiskMapProcessTests {
    @Test("The page's % per proceso links to that proceso's risks", arguments: [TestDB.sqlite])
    func perProcess(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleRiskMap(app)
            var consulta = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            let page = try await consulta.get("/riesgos/\(id)?periodo=2").body.string
            #expect(page.contains("Avance por proceso") && page.contains("&amp;proceso=Gesti%C3%B3n%20de%20hacienda#riesgos"))
            let one = try await consulta.get("/riesgos/\(id)?periodo=2&proceso=Gesti%C3%B3n%20de%20hacienda").body.string
            #expect(one.contains("Riesgos del proceso «Gestión de hacienda»: 1.") && !one.contains("Posibilidad de direccionar los estudios previos"))
            let none = try await consulta.get("/riesgos/\(id)?proceso=%3Cscript%3E").body.string
            #expect(none.contains("Riesgos del proceso «&lt;script&gt;»: 0."))
        }
    }
}

@Suite("The responsables' monitoreo of a risk map's actions, with evidence files")
struct RiskMonitoringTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    @Test("The responsable of the action's dependencia reports a % with a file inside the window; others read it; the OCI sees it while grading, and grading closes it",
          arguments: TestDB.all)
    func monitoring(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.maxEvidenceBytes = 4 * 1024 * 1024 }) { app, fx in
            let id = try await loadSampleRiskMap(app)
            let (map, _) = try await RiskMapFormTests.stored(app, id)
            #expect(map.riesgos[1].acciones[0].plan.dependencias == [fx.hacienda], "the import matched «Secretaría de Hacienda»")
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let page = try await resp.get("/riesgos/\(id)?periodo=3").body.string
            #expect(page.contains("Su monitoreo del tercer cuatrimestre 2026") && page.contains("Reportar monitoreo"))
            let path = "/riesgos/\(id)/periodos/3/riesgos/2/acciones/1/reporte"
            #expect(try await resp.get(path).body.string.contains("multipart/form-data"))
            let bad = try await resp.upload(path, ["porcentaje": "150", "descripcion": "Perfiles"], files: [("acta.pdf", Self.pdf)])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("«150» debe ser un número de 0 a 100"))
            #expect(try await ProgressReport.query(on: app.db).filter(\.$kind == .riskMonitoring).count() == 0)
            let noToken = try await resp.upload(path, ["porcentaje": "60", "descripcion": "x"], files: [("a.pdf", Self.pdf)], csrf: false)
            #expect(noToken.status == .forbidden)
            // Streamed: a file larger than the default 2 MB body goes through (the CSRF field is checked in the stream).
            let big = Self.pdf + Data(count: 3 * 1024 * 1024)
            let ok = try await resp.upload(path, ["porcentaje": "60", "descripcion": "Perfiles restringidos en 3 de 5 módulos"], files: [("acta.pdf", big)])
            #expect(ok.status == .seeOther)
            let report = try #require(try await ProgressReport.query(on: app.db).filter(\.$kind == .riskMonitoring).first())
            #expect(report.riskMapID == id && report.riskNumero == 2 && report.riskAccion == 1 && report.periodo == 3 && report.porcentaje == 60)
            let evidence = try #require(try await ReportEvidence.query(on: app.db).filter(\.$reportID == report.requireID()).first())
            #expect(evidence.reportKind == .riskMonitoring && evidence.name == "acta.pdf")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectType == "monitoreo del mapa de riesgos").all().map(\.summary)
            // One event per change (%, description, file), all under the same summary.
            #expect(Set(audit) == ["Presentó el monitoreo de la acción 1 del riesgo 2 del mapa de riesgos 2026 (tercer cuatrimestre 2026)"] && audit.count == 3)
            // An action graded in the period, another dependencia's action, another role: refused.
            let graded = try await resp.upload("/riesgos/\(id)/periodos/2/riesgos/2/acciones/1/reporte", ["porcentaje": "1", "descripcion": "x"], files: [])
            #expect(graded.status == .conflict && graded.body.string.contains("La OCI ya calificó esta acción"))
            #expect(try await resp.upload("/riesgos/\(id)/periodos/3/riesgos/1/acciones/1/reporte", ["porcentaje": "1", "descripcion": "x"], files: []).status == .forbidden)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.upload(path, ["porcentaje": "1", "descripcion": "x"], files: []).status == .forbidden)
            var consulta = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            let read = try await consulta.get(path).body.string
            #expect(read.contains("Perfiles restringidos en 3 de 5 módulos") && !read.contains("multipart/form-data"))
            #expect(try await consulta.get("/evidencias/\(evidence.requireID())").status == .ok)
            // The OCI sees it beside the action while grading; once graded, the report is closed.
            let form = try await oci.get("/riesgos/\(id)/seguimiento/3").body.string
            #expect(form.contains("60 %: Perfiles restringidos en 3 de 5 módulos") && form.contains(path))
            let (_, revision) = try await RiskMapFormTests.stored(app, id)
            #expect(try await oci.post("/riesgos/\(id)/seguimiento/3", ["revision": "\(revision)", "p-2-1": "70"]).status == .seeOther)
            let closed = try await resp.upload(path, ["porcentaje": "90", "descripcion": "x"], files: [])
            #expect(closed.status == .conflict && closed.body.string.contains("La OCI ya calificó esta acción"))
            #expect(try await resp.post("/evidencias/\(evidence.requireID())/eliminar", [:]).status == .conflict)

            // An action with a monitoreo cannot be deleted (actions are known by their position).
            let (_, r2) = try await RiskMapFormTests.stored(app, id)
            let action = ["descripcion": "Auditoría de perfiles", "responsable": "Hacienda", "fechaInicio": "01/09/2026", "fechaFin": "15/12/2026",
                          "dependencias[]": fx.hacienda.uuidString, "revision": "\(r2)"]
            #expect(try await oci.post("/riesgos/\(id)/riesgos/2/acciones/nuevo", action).status == .seeOther)
            #expect(try await RiskMapFormTests.stored(app, id).0.riesgos[1].acciones[1].plan.dependencias == [fx.hacienda])
            _ = try await resp.upload("/riesgos/\(id)/periodos/3/riesgos/2/acciones/2/reporte", ["porcentaje": "10", "descripcion": "Inicio"], files: [])
            let refused = try await oci.post("/riesgos/\(id)/riesgos/2/acciones/2/eliminar", [:])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("ya tiene monitoreo de los responsables"))
            // Outside the period's window (it closed with the deadline of its seguimiento).
            let late = try await resp.upload("/riesgos/\(id)/periodos/2/riesgos/2/acciones/2/reporte", ["porcentaje": "1", "descripcion": "x"], files: [])
            #expect(late.status == .conflict && late.body.string.contains("cerró el 14/09/2026"))
            // Positions never move under a monitoreo: action 1 of risk 2 has grades, and a number that does not fit is 404.
            #expect(try await resp.get("/riesgos/\(id)/periodos/3/riesgos/2/acciones/-9223372036854775808/reporte").status == .notFound)
            #expect(try await resp.get("/riesgos/\(id)/periodos/3/riesgos/2/acciones/99999999999999999999/reporte").status == .notFound)
            // A merge of dependencias moves the map's actions too: the new dependencia's responsable reports them.
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            let planeacion = try #require(try await Dependency.query(on: app.db).filter(\.$name == "Secretaría de Planeación").first()?.id)
            #expect(try await admin.post("/administracion/dependencias/\(fx.hacienda)", ["accion": "fusionar", "destino": planeacion.uuidString]).status == .seeOther)
            #expect(try await RiskMapFormTests.stored(app, id).0.riesgos[1].acciones.allSatisfy { $0.plan.dependencias == [planeacion] })
            var foreign = action
            foreign["dependencias[]"] = UUID().uuidString
            foreign["revision"] = "\(try await RiskMapFormTests.stored(app, id).1)"
            #expect(try await oci.post("/riesgos/\(id)/riesgos/2/acciones/2", foreign).body.string.contains("Dependencias: elija de la lista."))
        }
    }
}

@Suite("Reminders of the corruption risk map")
struct RiskMapReminderTests {
    @Test("An action's fecha fin reminds the responsables of its dependencias only; the OCI's digest lists the map's overdue actions, monitoreos to grade and deadlines",
          arguments: TestDB.all)
    func reminders(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let id = try await loadSampleRiskMap(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let (_, revision) = try await RiskMapFormTests.stored(app, id)
            let action = ["descripcion": "Auditoría de perfiles", "responsable": "Hacienda", "fechaInicio": "01/09/2026", "fechaFin": "01/12/2026",
                          "dependencias[]": fx.hacienda.uuidString, "revision": "\(revision)"]
            #expect(try await oci.post("/riesgos/\(id)/riesgos/2/acciones/nuevo", action).status == .seeOther)
            try await ProgressReport(entityID: fx.entityA, riskMapID: id, numero: 2, accion: 2, periodo: 3).save(on: app.db)
            let entity = try #require(try await Entity.find(fx.entityA, on: app.db))
            let today = LocalDate(year: 2026, month: 11, day: 21)!
            let planned = try await NotificationService.plan(entity, today: today, on: app.db, settings: .init())
            let label = "riesgo 2, acción 2 · mapa de riesgos de corrupción 2026"
            let due = planned.filter { $0.subject == "Faltan 10 días: vence \(label)" }
            #expect(due.map(\.recipient.email) == ["hacienda@a.gov.co"])
            #expect(due.first?.body.contains("«Auditoría de perfiles»") == true)
            #expect(!planned.contains { $0.recipient.email == "planeacion@a.gov.co" && $0.subject.contains("mapa de riesgos") })
            let digest = try #require(planned.first { $0.kind == "resumen" && $0.recipient.email == "oci@a.gov.co" })
            #expect(digest.body.contains("\(label) (monitoreo del periodo 3)"))
            // Publication deadlines enter the digest 45 days ahead: on 21/11 the one of 18/01/2027 is not there yet; on 10/12 it is.
            #expect(!digest.body.contains("publicar a más tardar el 18/01/2027"))
            let december = LocalDate(year: 2026, month: 12, day: 10)!
            let later = try await NotificationService.plan(entity, today: december, on: app.db, settings: .init())
            #expect(later.contains { $0.kind == "resumen" && $0.body.contains("Mapa de riesgos de corrupción 2026, tercer cuatrimestre 2026: publicar a más tardar el 18/01/2027") })
            // Overdue: fecha fin before today and under 100 % in its latest grade, as the home page counts them.
            let (map, _) = try await RiskMapFormTests.stored(app, id)
            var overdue: [String] = []
            for r in map.riesgos { for (k, a) in r.acciones.enumerated() {
                guard let end = a.plan.fechaFin, end < today, (a.seguimientos.filter { $0.porcentaje != nil }.max { $0.periodo < $1.periodo }?.porcentaje ?? 0) < 100 else { continue }
                overdue.append("riesgo \(r.numero), acción \(k + 1) · mapa de riesgos de corrupción 2026 (venció el \(end.dayFirst))")
            } }
            #expect(!overdue.isEmpty && overdue.count == map.overdueActions(today: today))
            for line in overdue { #expect(digest.body.contains(line), "\(line)") }
            // Once the period is published, its deadline and its waiting monitoreos leave the digest.
            #expect(try await oci.post("/riesgos/\(id)/seguimiento/3/publicar", [:]).status == .seeOther)
            let after = try await NotificationService.plan(entity, today: december, on: app.db, settings: .init())
            let digest2 = try #require(after.first { $0.kind == "resumen" && $0.recipient.email == "oci@a.gov.co" })
            #expect(!digest2.body.contains("tercer cuatrimestre 2026: publicar") && !digest2.body.contains("(monitoreo del periodo 3)"))
        }
    }
}

@Suite("The program's component 1 and its risk map")
struct RiskMapProgramTests {
    @Test("The program page shows, in component 1, the map of its vigencia at the period's cut-off, with its % and a link", arguments: [TestDB.sqlite])
    func programShowsTheMap(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let program = try await VigiaTasks.importProgram(text: try sampleRiskMapText("seguimiento-paac-demo-2026-c1.txt"), entityNIT: "800-A", at: app.now, on: app.db)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/programas/\(program.id)?periodo=2").body.string.contains("No hay un mapa de riesgos de corrupción 2026 con este corte"))
            let id = try await loadSampleRiskMap(app)
            let page = try await oci.get("/programas/\(program.id)?periodo=2").body.string
            #expect(page.contains("Mapa de riesgos de corrupción 2026 (6 riesgos) · avance de sus acciones al corte 31/08/2026: "))
            #expect(page.contains("67,5 %") && page.contains("/riesgos/\(id)?periodo=2"))

            // An action of the map names the component 1 activity it carries out; the activity shows it.
            let component = try #require(try await ProgramComponent.query(on: app.db).filter(\.$program.$id == program.id).filter(\.$numero == 1).first())
            let activity = try #require(try await ProgramActivity.query(on: app.db).filter(\.$component.$id == component.requireID()).first())
            let form = try await oci.get("/riesgos/\(id)/riesgos/1/acciones/nuevo").body.string
            let activityID = try activity.requireID().uuidString
            #expect(form.contains("Actividad del componente 1 del PAAC/PTEP 2026") && form.contains(activityID))
            var action = ["descripcion": "Socializar el mapa con los supervisores", "responsable": "Planeación", "fechaInicio": "01/02/2026",
                          "fechaFin": "30/06/2026", "actividadPrograma": UUID().uuidString, "revision": "\(try await RiskMapFormTests.stored(app, id).1)"]
            #expect(try await oci.post("/riesgos/\(id)/riesgos/1/acciones/nuevo", action).body.string.contains("Actividad del programa: elija una del componente 1"))
            action["actividadPrograma"] = activityID
            #expect(try await oci.post("/riesgos/\(id)/riesgos/1/acciones/nuevo", action).status == .seeOther)
            let linked = try await oci.get("/programas/\(program.id)?periodo=2").body.string
            #expect(linked.contains(">Mapa de riesgos</a>: riesgo 1, acción 3 · —"))
        }
    }
}

@Suite("The entity's own risk methodologies")
struct RiskMethodologyTests {
    @Test("The OCI copies Función Pública v6, renames a zone and recolours it (version 2), makes a map with it; the map keeps that version; JSON out and in again",
          arguments: TestDB.all)
    func copyEditUseExportImport(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let copied = try await oci.post("/riesgos/metodologias/copiar", ["desde": "v6"])
            #expect(copied.status == .seeOther)
            let editPath = try #require(copied.headers.first(name: .location))
            let key = String(editPath.split(separator: "/").last ?? "")
            let form = try await oci.get(editPath).body.string
            #expect(form.contains("Copia de Función Pública v6 (2022) · versión 1") && form.contains("Muy alta: Alto | Alto | Alto | Alto | Extremo"))
            var outline = RiskMethodologyOutline(.funcionPublicaV6)
            outline.nombre = "Política de administración del riesgo 2027"
            outline.zonas = outline.zonas.replacingOccurrences(of: "Extremo | #FF0000", with: "Crítico | #C00000")
            outline.matriz = outline.matriz.replacingOccurrences(of: "Extremo", with: "Crítico")
            var fields = ["nombre": outline.nombre, "fuente": "Resolución 123 de 2026", "probabilidades": outline.probabilidades, "impactos": outline.impactos,
                          "impactoMinimo": outline.impactoMinimo, "zonas": outline.zonas, "matriz": outline.matriz.replacingOccurrences(of: "Crítico", with: "Rojo"),
                          "umbrales": outline.umbrales, "zonaConAcciones": outline.zonaConAcciones]
            let refused = try await oci.post(editPath, fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("«Rojo» no es una de las zonas"))
            fields["matriz"] = outline.matriz
            #expect(try await oci.post(editPath, fields).status == .seeOther)
            let versions = try await RiskMethodologyRecord.query(on: app.db).filter(\.$key == key).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            let v2 = try versions[1].methodology()
            #expect(v2.zonas.last == RiskZone("Crítico", "#C00000") && v2.fuente == "Resolución 123 de 2026" && v2.controles == RiskMethodology.funcionPublicaV6.controles)

            // A new map with it keeps version 2, whatever happens to the copy afterwards.
            let newMap = try await oci.get("/riesgos/nuevo").body.string
            #expect(newMap.contains("value=\"entidad-\(key)\"") && newMap.contains("Política de administración del riesgo 2027 (de la entidad, versión 2)"))
            #expect(try await oci.post("/riesgos/nuevo", ["vigencia": "2027", "metodologia": "entidad-\(key)"]).status == .seeOther)
            let map = try #require(try await RiskMapRecord.query(on: app.db).filter(\.$vigencia == 2027).first()).map()
            #expect(map.metodologia == v2)
            fields["nombre"] = "Política 2028"
            #expect(try await oci.post(editPath, fields).status == .seeOther)
            #expect(try #require(try await RiskMapRecord.query(on: app.db).filter(\.$vigencia == 2027).first()).map().metodologia == v2)

            // Export, import: a second copy with the same content, as version 1.
            let exported = try await oci.get("/riesgos/metodologias/\(key)/json")
            #expect(exported.status == .ok && exported.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(try await oci.post("/riesgos/metodologias/importar", ["json": exported.body.string]).status == .seeOther)
            let imported = try await RiskMethodologyService.latest(entityID: try #require(try await Entity.query(on: app.db).filter(\.$nit == "800-A").first()?.id), on: app.db)
            #expect(imported.count == 2 && imported.contains { $0.methodology.nombre == "Política 2028" && $0.methodology.version == 1 && $0.key != key })
            let broken = try await oci.post("/riesgos/metodologias/importar", ["json": "{\"nombre\": 3}"])
            #expect(broken.status == .unprocessableEntity && broken.body.string.contains("JSON: el campo «nombre» no tiene el tipo esperado."))
            var unusable = exported.body.string.replacingOccurrences(of: "#C00000", with: "rojo")
            #expect(try await oci.post("/riesgos/metodologias/importar", ["json": unusable]).body.string.contains("no es un color #RRGGBB"))
            unusable = "no es json"
            #expect(try await oci.post("/riesgos/metodologias/importar", ["json": unusable]).status == .unprocessableEntity)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectType == "metodología de riesgos").count()
            #expect(audit == 4)   // copied, version 2, version 3, imported

            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await resp.get("/riesgos/metodologias").status == .forbidden)
            #expect(try await resp.post("/riesgos/metodologias/copiar", ["desde": "v6"]).status == .forbidden)
        }
    }
}

extension Browser {
    /// A form with repeated fields (checkboxes), written as the browser sends them.
    mutating func postRaw(_ path: String, _ fields: [String: String], extra: String) async throws -> TestingHTTPResponse {
        var all = fields
        all["_csrf"] = csrf
        let body = (all.map { "\(escape($0.key))=\(escape($0.value))" } + [extra]).joined(separator: "&")
        let (cookie, pre) = (self.cookie, self.preCSRF)
        let res = try await app.testing().sendRequest(.POST, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: body)
        }
        return res
    }
}
