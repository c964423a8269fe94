import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Roles, entities and CSRF, enforced on the server")
struct RoleTests {
    @Test("A responsable writing an OCI column gets 403 and nothing changes", arguments: TestDB.all)
    func responsableCannotGrade(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            // setup
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let created = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            #expect(created.status == .seeOther)
            let snap = try await roundValues(app, plan: fx.planA)
            let actionID = snap.hallazgos[0].acciones[0].id!.uuidString
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await resp.get("/planes/\(fx.planA)").status == .ok)
            // MUT
            let html = try await resp.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "pct_\(actionID)": "100"])
            let api = try await resp.json(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1",
                                          ["calificaciones": [["accionId": actionID, "porcentaje": "100"]]])
            // validate
            #expect(html.status == .forbidden)
            #expect(html.body.string.contains("Solo la Oficina de Control Interno"))
            #expect(api.status == .forbidden)
            let after = try await roundValues(app, plan: fx.planA)
            #expect(try #require(after.seguimientos.first).calificaciones.isEmpty)
        }
    }

    @Test("The OCI grades a round and the figures and the audit trail follow", arguments: TestDB.all)
    func ociGrades(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let f1 = snap.hallazgos[0].acciones.map { $0.id!.uuidString }
            var fields = ["fechaCorte": "2026-06-30"]
            for (id, p) in zip(f1, ["100", "50", "0", "10"]) { fields["pct_\(id)"] = p }
            let res = try await oci.post("/planes/\(fx.planA)/seguimientos/1", fields)
            #expect(res.status == .seeOther)
            let after = try await roundValues(app, plan: fx.planA)
            let e = PlanEvaluator.evaluate(after, round: 1)
            #expect(e.hallazgos[0].avance.porcentaje == 40)
            #expect(e.hallazgos[0].estado == .abierto)
            #expect(e.plan.porcentaje == 40)
            let page = try await oci.get("/planes/\(fx.planA)?seguimiento=1")
            #expect(page.body.string.contains("40 % · Baja"))
            let events = try await AuditEvent.query(on: app.db).filter(\.$planID == fx.planA).filter(\.$field == "% de avance").count()
            #expect(events == 4)
            // An override without justification is refused, naming the finding and action.
            fields["st_\(f1[1])"] = ActionState.cerrada.rawValue
            let bad = try await oci.post("/planes/\(fx.planA)/seguimientos/1", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Hallazgo 1, acción 2"))
        }
    }

    @Test("Entity A cannot read entity B's plan, by page or API", arguments: TestDB.all)
    func entityIsolation(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/planes/\(fx.planB)").status == .notFound)
            #expect(try await oci.get("/api/v1/plans/\(fx.planB)").status == .notFound)
            let list = try await oci.get("/api/v1/plans")
            #expect(list.body.string.contains(fx.planA.uuidString))
            #expect(!list.body.string.contains(fx.planB.uuidString))
            var ociB = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await ociB.get("/planes/\(fx.planA)").status == .notFound)
            #expect(try await ociB.get("/planes/\(fx.planB)").status == .ok)
        }
    }

    @Test("A responsable sees only its dependency's plans", arguments: TestDB.all)
    func responsableScope(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var other = try await Browser.signedIn(app, as: "planeacion@a.gov.co")
            #expect(try await other.get("/planes/\(fx.planA)").status == .notFound)
            var own = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await own.get("/planes/\(fx.planA)").status == .ok)
            #expect(try await own.get("/planes/nuevo").status == .forbidden)
        }
    }

    @Test("Consulta reads but cannot change anything", arguments: TestDB.all)
    func consultaReadOnly(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var c = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            #expect(try await c.get("/planes/\(fx.planA)").status == .ok)
            let res = try await c.post("/planes/\(fx.planA)/hallazgos/nuevo", ["numero": "99", "descripcion": "x"])
            #expect(res.status == .forbidden)
            let api = try await c.json(.PATCH, "/api/v1/plans/\(fx.planA)", ["numeroAuditoria": "X"])
            #expect(api.status == .forbidden)
            #expect(try await Finding.query(on: app.db).filter(\.$numero == 99).count() == 0)
        }
    }

    @Test("A POST without the CSRF token is refused", arguments: TestDB.all)
    func csrfRequired(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let res = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"], csrf: false)
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("CSRF"))
            let wrong = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30", "_csrf": "falso"], csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try await FollowUpRound.query(on: app.db).count() == 0)
        }
    }

    @Test("Anonymous visitors are sent to the login page; the API answers 401", arguments: TestDB.all)
    func anonymous(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var anon = Browser(app)
            let page = try await anon.get("/planes/\(fx.planA)")
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location)?.hasPrefix("/ingresar") == true)
            #expect(try await anon.get("/api/v1/plans").status == .unauthorized)
            // An unknown address is a Spanish 404 page, not a crash.
            let missing = try await anon.get("/no-existe")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("La página solicitada no existe."))
        }
    }
}
