import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer
import VigiaFormats

private let pdf = Data("%PDF-1.4\nacta de verificación\n%%EOF".utf8)

/// The sample plan in follow-up, with round 1 (cut-off 31/12/2026) graded by the OCI: finding 2's
/// three actions at 100 %, action 1.1 at 40 %.
private func gradedPlan(_ app: Application, _ fx: Fixture, oci: inout Browser) async throws -> PlanSnapshot {
    let plan = try #require(try await ImprovementPlan.find(fx.planA, on: app.db))
    plan.estado = .enSeguimiento
    try await plan.save(on: app.db)
    try await PlanRevision.bump(fx.planA, on: app.db)   // written past the services
    struct Round: Encodable { var fechaCorte = "2026-12-31" }
    #expect(try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/rounds", Round()).status == .created)
    let s = try await roundValues(app, plan: fx.planA)
    struct Grade: Encodable { var accionId: UUID; var porcentaje: Double }
    struct Grades: Encodable { var calificaciones: [Grade] }
    let grades = s.hallazgos[1].acciones.map { Grade(accionId: $0.id!, porcentaje: 100) } + [Grade(accionId: s.hallazgos[0].acciones[0].id!, porcentaje: 40)]
    let graded = try await oci.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1", Grades(calificaciones: grades))
    #expect(graded.status == .ok, "\(graded.body.string.prefix(300))")
    return try await roundValues(app, plan: fx.planA)
}

@Suite("Closing findings: the review of eficacia and efectividad and reformulation with approval, web and API")
struct ClosingTests {
    @Test("A finding closes only through a recorded review with evidence; its checks refuse in Spanish and write nothing",
          arguments: TestDB.all)
    func review(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.now = TestDates.at(LocalDate(year: 2027, month: 1, day: 20)!) }) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let s = try await gradedPlan(app, fx, oci: &oci)
            let (f1, f2) = (s.hallazgos[0].id!, s.hallazgos[1].id!)
            let e = PlanEvaluator.evaluate(s)
            #expect(e.hallazgos[1].estado == .abierto, "every action CUMPLIDA is not enough")

            let base = "/planes/\(fx.planA)/hallazgos"
            let good = ["fecha": "15/01/2027", "criterios": "Conciliaciones bancarias de julio a diciembre firmadas y sin partidas mayores a 30 días",
                        "eficacia": "eficaz", "efectividad": "efectiva", "decision": "cerrar"]
            #expect(try await oci.get("\(base)/\(f1)/revision").body.string.contains("Aún no: la revisión de eficacia y efectividad se hace cuando todas las acciones están CUMPLIDAS"))
            var res = try await oci.upload("\(base)/\(f1)/revision", good, files: [("acta.pdf", pdf)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("faltan: 1.1 (VENCIDA)"))
            res = try await oci.upload("\(base)/\(f2)/revision", good, files: [])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Evidencias: adjunte al menos un archivo"))
            var early = good
            early["fecha"] = "10/12/2026"
            res = try await oci.upload("\(base)/\(f2)/revision", early, files: [("acta.pdf", pdf)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("no puede verificarse antes de la fecha final de la última acción (15/12/2026)"))
            #expect(res.body.string.contains("value=\"2026-12-10\""), "the form comes back as typed, in the date input")
            var notEffective = good
            notEffective["efectividad"] = "no_efectiva"
            res = try await oci.upload("\(base)/\(f2)/revision", notEffective, files: [("acta.pdf", pdf)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("se cierra solo si las acciones fueron EFICACES y EFECTIVAS"))
            res = try await oci.upload("\(base)/\(f2)/revision", good, files: [("acta.exe", Data("MZ\u{90}binary".utf8))])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Archivo «acta.exe»"))
            #expect(try await FindingReview.query(on: app.db).count() == 0)
            #expect(try await ReportEvidence.query(on: app.db).count() == 0, "nothing half-written")

            // Only the OCI reviews.
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.get("\(base)/\(f2)/revision").status == .forbidden)
            #expect(try await responsable.upload("\(base)/\(f2)/revision", good, files: [("acta.pdf", pdf)]).status == .forbidden)
            // The CSRF token is checked in the stream.
            #expect(try await oci.upload("\(base)/\(f2)/revision", good, files: [("acta.pdf", pdf)], csrf: false).status == .forbidden)

            res = try await oci.upload("\(base)/\(f2)/revision", good, files: [("acta.pdf", pdf)])
            #expect(res.status == .seeOther)
            let closed = try await roundValues(app, plan: fx.planA)
            let ce = PlanEvaluator.current(closed).hallazgos[1]
            #expect(ce.estado == .cerrado && ce.acciones.allSatisfy { $0.estado == .cerrada })
            #expect(closed.hallazgos[1].reviews.first?.evidencias == ["acta.pdf"])
            var page = try await oci.get("/planes/\(fx.planA)").body.string
            #expect(page.contains("Cierre de hallazgos y reformulaciones") && page.contains("15/01/2027: EFICAZ, EFECTIVA → cerrar el hallazgo"))
            // Round 1 was cut off before the review: its document is not rewritten; the next round's shows it.
            #expect(!page.contains("Hallazgo cerrado con la revisión"))
            struct Round2: Encodable { var fechaCorte = "2027-04-30" }
            #expect(try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/rounds", Round2()).status == .created)
            page = try await oci.get("/planes/\(fx.planA)").body.string
            #expect(page.contains("Hallazgo cerrado con la revisión de eficacia y efectividad del 15/01/2027 (EFICAZ, EFECTIVA)."))
            // A review cannot be dated before the last cut-off already past.
            var backdated = good
            backdated["fecha"] = "30/12/2026"
            res = try await oci.upload("\(base)/\(f2)/revision", backdated, files: [("acta.pdf", pdf)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("anterior al corte del último seguimiento (31/12/2026)"))
            let json = try await oci.get("/api/v1/plans/\(fx.planA)").body.string
            #expect(json.contains("\"revisiones\"") && json.replacingOccurrences(of: " ", with: "").contains("\"decision\":\"cerrar\""))
            // The evidence is readable by whoever reads the plan, and it cannot be removed.
            let evidence = try #require(try await ReportEvidence.query(on: app.db).first())
            var consulta = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            #expect(try await consulta.get("/evidencias/\(evidence.id!)").status == .ok)
            #expect(try await oci.post("/evidencias/\(evidence.id!)/eliminar", [:]).status == .conflict)
            var otherEntity = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await otherEntity.get("/evidencias/\(evidence.id!)").status == .notFound)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$planID == fx.planA).all()
            #expect(audit.contains { $0.summary.hasPrefix("Registró la revisión de eficacia y efectividad del hallazgo 2") && $0.field == "estado del hallazgo" && $0.newValue == "CERRADO" })

            // CERRADO cannot be picked in the grading form or through the API.
            struct FindingGrade: Encodable { var hallazgoId: UUID; var estado = "cerrado"; var justificacion = "Todo cumplido" }
            struct Grades: Encodable { var hallazgos: [FindingGrade] }
            res = try await oci.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1", Grades(hallazgos: [FindingGrade(hallazgoId: f1)]))
            #expect(res.status == .unprocessableEntity && res.body.string.contains("se cierra solo con la revisión de eficacia y efectividad"))

            // The API records a review too (multipart, the same service).
            let f4 = closed.hallazgos[3].id!
            var api = good
            api["decision"] = "mantener_abierto"; api["efectividad"] = "sin_evaluar"; api["observaciones"] = "x"
            res = try await oci.upload("/api/v1/plans/\(fx.planA)/findings/\(f4)/reviews", api, files: [("acta.pdf", pdf)])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("faltan"), "finding 4's actions are not graded")
        }
    }

    @Test("A responsable proposes a reformulation; the comité's approval (recorded with its acta) makes the original REFORMULADA and adds its successor; every step notified and audited",
          arguments: TestDB.all)
    func reformulation(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.now = TestDates.at(LocalDate(year: 2027, month: 1, day: 20)!) }) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let s = try await gradedPlan(app, fx, oci: &oci)
            let a11 = s.hallazgos[0].acciones[0]
            let path = "/planes/\(fx.planA)/acciones/\(a11.id!)/reformular"
            var hacienda = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let form = try await hacienda.get(path).body.string
            #expect(form.contains("Reformular la acción 1.1") && form.contains("value=\"2026-09-30\""))
            var fields = ["justificacion": "El módulo de cartera estuvo fuera de servicio cuatro meses", "descripcion": a11.descripcion,
                          "fecha_inicial": "02/03/2026", "fecha_final": "31/12/2026", "meta": a11.meta, "indicador": a11.indicador,
                          "responsable": a11.responsable, "meta_cantidad": a11.metaCantidad.map { SpanishFormat.number($0) } ?? ""]
            var res = try await hacienda.post(path, fields)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Fecha final: ya pasó (31/12/2026)"))
            fields["fecha_final"] = "30/06/2027"
            res = try await hacienda.post(path, fields)
            #expect(res.status == .seeOther)
            #expect(try await hacienda.post(path, fields).status == .conflict, "one pending proposal at a time")
            var consulta = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            #expect(try await consulta.post(path, fields).status == .forbidden)
            var planeacion = try await Browser.signedIn(app, as: "planeacion@a.gov.co")
            #expect(try await planeacion.get(path).status != .ok, "another dependencia's responsable does not see the plan")
            let notices = try await Notification.query(on: app.db).filter(\.$kind == "reformulacion_propuesta").all()
            #expect(!notices.isEmpty && notices.allSatisfy { $0.subject.contains("acción 1.1") })
            let proposal = try #require(try await ActionReformulation.query(on: app.db).first())
            #expect(try await oci.get("/planes/\(fx.planA)").body.string.contains("Reformulaciones pendientes de decisión"))

            // The entity approves in its comité: the acta is required.
            let entity = try #require(try await Entity.find(fx.entityA, on: app.db))
            entity.reformulationApprover = .comite
            try await entity.save(on: app.db)
            let decision = "/planes/\(fx.planA)/reformulaciones/\(proposal.id!)"
            #expect(try await hacienda.post(decision, ["decision": "aprobar"]).status == .forbidden)
            res = try await oci.post(decision, ["decision": "aprobar", "motivo": ""])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Acta del comité"))
            res = try await oci.post(decision, ["decision": "aprobar", "acta": "Acta 01 del 19/01/2027"])
            #expect(res.status == .seeOther)
            #expect(try await oci.post(decision, ["decision": "rechazar", "motivo": "x"]).status == .conflict, "decided once")

            let after = try await roundValues(app, plan: fx.planA)
            let f = after.hallazgos[0]
            #expect(f.acciones.count == 5)
            let successor = f.acciones[4]
            #expect(successor.reformulaA == a11.id && successor.fechaFinal == LocalDate(year: 2027, month: 6, day: 30))
            #expect(successor.dependencias == a11.dependencias)
            let e = PlanEvaluator.current(after)
            #expect(e.hallazgos[0].acciones[0].estado == .reformulada && e.hallazgos[0].acciones[0].porcentaje == 40)
            #expect(after.controlDeCambios.last?.descripcion.contains("Reformulación de la acción 1.1 aprobada por el comité (acta Acta 01 del 19/01/2027): la reemplaza la acción 1.5") == true)
            // Round 1 (cut off 31/12/2026) predates the approval: there 1.1 is itself and 1.5 did not exist yet.
            var rows = PlanReport.build(after).secciones[0].tabla.filas
            #expect(rows[0].celdas[12].texto == "VENCIDA" && rows[4].celdas[11].texto == "Acción nueva: reemplaza a la acción 1.1 desde el 20/01/2027, después de este corte.")
            let responsables = try await Notification.query(on: app.db).filter(\.$kind == "reformulacion_aprobada").all().map(\.email)
            #expect(responsables.isEmpty, "the only responsable of the dependencia proposed it and was told by the decision")
            let told = try await Notification.query(on: app.db).filter(\.$kind == "reformulacion_decision").all()
            #expect(told.count == 1 && told[0].email == "hacienda@a.gov.co" && told[0].subject.hasPrefix("Reformulación aprobada"))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$planID == fx.planA).all().map(\.summary)
            #expect(audit.contains("Propuso reformular la acción 1.1 (nuevas fechas)") && audit.contains("Aprobó la reformulación de la acción 1.1 (nueva acción 1.5)"))

            // Round 1's form: 1.1 still graded there (its period), 1.5 not yet; the API says the same.
            struct Grade: Encodable { var accionId: UUID; var porcentaje: Double }
            struct Grades: Encodable { var calificaciones: [Grade] }
            let successorID = after.hallazgos[0].acciones[4].id!
            #expect(try await oci.get("/planes/\(fx.planA)/seguimientos/1").body.string.contains("<strong>AÚN NO VIGENTE</strong>"))
            res = try await oci.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1", Grades(calificaciones: [Grade(accionId: successorID, porcentaje: 10)]))
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Hallazgo 1, acción 5: su reformulación se aprobó después del corte"))
            #expect(try await oci.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1", Grades(calificaciones: [Grade(accionId: a11.id!, porcentaje: 45)])).status == .ok)
            // Round 2, cut off after the approval: 1.1 is REFORMULADA, read-only, with its last grade; 1.5 is graded.
            struct Round2: Encodable { var fechaCorte = "2027-04-30" }
            #expect(try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/rounds", Round2()).status == .created)
            #expect(try await oci.get("/planes/\(fx.planA)/seguimientos/2").body.string.contains("<strong>REFORMULADA</strong>"))
            res = try await oci.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/2", Grades(calificaciones: [Grade(accionId: a11.id!, porcentaje: 90)]))
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Hallazgo 1, acción 1: está REFORMULADA y ya no se califica"))
            #expect(try await oci.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/2", Grades(calificaciones: [Grade(accionId: successorID, porcentaje: 10)])).status == .ok)
            let graded = try await roundValues(app, plan: fx.planA)
            rows = PlanReport.build(graded).secciones[0].tabla.filas
            #expect(rows[0].celdas[11].texto.contains("REFORMULADA el 20/01/2027") && rows[4].celdas[11].texto == "Reformula la acción 1.1, aprobada el 20/01/2027.")
            #expect(PlanEvaluator.evaluate(graded, round: 1).hallazgos[0].acciones[0].porcentaje == 45)
            // The REFORMULADA action itself can no longer be edited.
            let edit = try await oci.post("/planes/\(fx.planA)/acciones/\(a11.id!)/editar", ["descripcion": "x", "responsable": "y", "fechaInicial": "01/01/2027",
                                                                                              "fechaFinal": "02/02/2027", "meta": "1", "indicador": "Número"])
            #expect(edit.status == .conflict && edit.body.string.contains("está REFORMULADA"))

            // The API: the OCI proposes for 1.2 and rejects it with a reason.
            let a12 = after.hallazgos[0].acciones[1].id!
            struct Proposal: Encodable {
                var justificacion = "Cambio de alcance"; var descripcion = "Presentar el informe al comité"; var fecha_inicial = "01/02/2027"
                var fecha_final = "31/05/2027"; var meta = "1 sesión"; var indicador = "Número de sesiones"; var responsable = "Secretario de Hacienda"
            }
            var bad = Proposal()
            bad.fecha_final = "31/02/2027"
            res = try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/actions/\(a12)/reformulations", bad)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("fecha_final"))
            #expect(try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/actions/\(a12)/reformulations", Proposal()).status == .created)
            let second = try #require(try await ActionReformulation.query(on: app.db).filter(\.$action.$id == a12).first())
            struct Decision: Encodable { var aprobar = false; var motivo: String?; var acta = "Acta 02 del 20/01/2027" }
            res = try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/reformulations/\(second.id!)/decision", Decision())
            #expect(res.status == .unprocessableEntity && res.body.string.contains("Motivo"))
            res = try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/reformulations/\(second.id!)/decision", Decision(motivo: "El comité pidió mantener la acción"))
            #expect(res.status == .ok && res.body.string.replacingOccurrences(of: " ", with: "").contains("\"estado\":\"rechazada\""))
            #expect(try await roundValues(app, plan: fx.planA).hallazgos[0].acciones.count == 5, "a rejection adds nothing")

            // The comité's report counts it: per plan and for the entity, in every format.
            let planReport = try await oci.get("/planes/\(fx.planA)/comite/html").body.string
            #expect(planReport.contains("ESTADO DEL PLAN DE MEJORAMIENTO") && planReport.contains("TOTAL: 0 de 4 hallazgos cerrados"))
            #expect(planReport.contains("<svg") && planReport.contains("Acciones de cada hallazgo"))
            let xlsx = try await oci.get("/planes/comite?formato=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentDisposition)?.contains("estado-de-los-planes_") == true)
            let entries = try ZIPEntries(Data(xlsx.body.readableBytesView)).entries.map(\.path)
            #expect(entries.contains("xl/charts/chart1.xml"), "a native Excel chart")
            let pdf = try await oci.get("/planes/\(fx.planA)/comite/pdf")
            #expect(pdf.status == .ok && String(decoding: pdf.body.readableBytesView.prefix(5), as: UTF8.self) == "%PDF-")
            // A responsable's report holds only its dependencia's plans; another's, none.
            #expect(try await planeacion.get("/planes/comite?formato=html").body.string.contains("<dt>Planes:</dt><dd>0</dd>"))
            #expect(try await hacienda.get("/planes/comite?formato=html").body.string.contains("<dt>Planes:</dt><dd>1</dd>"))
            #expect(try await planeacion.get("/planes/\(fx.planA)/comite/pdf").status == .notFound)
        }
    }

    @Test("What an attacker types into the proposal and the review: refused in Spanish or shown as text; nothing half-written, nothing traps",
          arguments: TestDB.all)
    func hostileInput(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.now = TestDates.at(LocalDate(year: 2027, month: 1, day: 20)!) }) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let s = try await gradedPlan(app, fx, oci: &oci)
            let a12 = s.hallazgos[0].acciones[1]
            let path = "/planes/\(fx.planA)/acciones/\(a12.id!)/reformular"
            let numbers = ["1e308", "-1e308", "nan", "inf", "99999999999999999999", "-0", "0x1p1023", "31/02/2027", "99999-12-31", "\u{0000}"]
            for value in Payloads.withLong + numbers {
                let all = ["justificacion", "descripcion", "fecha_inicial", "fecha_final", "meta", "meta_cantidad", "indicador", "responsable"]
                let res = try await oci.post(path, Dictionary(uniqueKeysWithValues: all.map { ($0, value) }))
                #expect(res.status == .unprocessableEntity, "\(value.prefix(40)) → \(res.status)")
                let review = try await oci.upload("/planes/\(fx.planA)/hallazgos/\(s.hallazgos[1].id!)/revision",
                                                  ["fecha": value, "criterios": value, "eficacia": value, "efectividad": value, "decision": value,
                                                   "observaciones": value], files: [("acta.pdf", pdf)])
                // The 100 KB value passes the upload's limit per field: refused before anything is read further.
                #expect(review.status == (value == Payloads.long ? .payloadTooLarge : .unprocessableEntity), "\(value.prefix(40)) → \(review.status)")
            }
            #expect(try await ActionReformulation.query(on: app.db).count() == 0)
            #expect(try await FindingReview.query(on: app.db).count() == 0)
            #expect(try await ReportEvidence.query(on: app.db).count() == 0)
            // Valid dates, hostile text: accepted, and every page shows it as text.
            let hostile = Payloads.all[1]
            let res = try await oci.post(path, ["justificacion": hostile, "descripcion": hostile, "fecha_inicial": "01/02/2027", "fecha_final": "30/06/2027",
                                                "meta": hostile, "meta_cantidad": "3", "indicador": hostile, "responsable": hostile])
            #expect(res.status == .seeOther)
            let id = try #require(try await ActionReformulation.query(on: app.db).first()?.id)
            for page in ["/planes/\(fx.planA)/reformulaciones/\(id)", "/planes/\(fx.planA)"] {
                let html = try await oci.get(page).body.string
                #expect(!html.contains("<script>alert(1)</script>"), "\(page)")
            }
            let decision = try await oci.get("/planes/\(fx.planA)/reformulaciones/\(id)").body.string
            #expect(decision.contains(HTMLEscape.text(hostile)))
        }
    }

    @Test("A backup made before the approver setting restores: the entity reads as approving through the OCI", arguments: TestDB.all)
    func oldBackupEntity(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let entity = try #require(try await Entity.find(fx.entityA, on: app.db))
            var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode([entity])) as? [[String: Any]])
            json[0].removeValue(forKey: "reformulation_approver")
            json[0]["id"] = UUID().uuidString
            json[0]["nit"] = "900-OLD"
            let old = try JSONDecoder().decode([Entity].self, from: JSONSerialization.data(withJSONObject: json))
            #expect(old[0].reformulationApprover == .oci)
            try await BulkInsert.insert(old, maxRows: 10, on: app.db)
            #expect(try await Entity.find(old[0].id, on: app.db)?.reformulationApprover == .oci)
        }
    }
}
