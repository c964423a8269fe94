import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Login, sessions and API tokens")
struct AuthTests {
    @Test("Login sets a new, safe session cookie; visitors get no session; a stale id is worth nothing", arguments: TestDB.all)
    func login(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var b = Browser(app)
            let page = try await b.get("/ingresar")
            #expect(page.headers.setCookie?["vigia_sesion"] == nil)
            #expect(try await UserSession.query(on: app.db).count() == 0)
            let res = try await b.post("/ingresar", ["email": "oci@a.gov.co", "password": Fixture.password])
            #expect(res.status == .seeOther)
            let set = try #require(res.headers.setCookie?["vigia_sesion"])
            #expect(set.isHTTPOnly)
            #expect(set.sameSite == .lax)
            #expect(try await UserSession.query(on: app.db).count() == 1)
            // Only the hash of the cookie is stored.
            let row = try #require(try await UserSession.query(on: app.db).first())
            #expect(row.tokenHash == Token.sha256(set.string))
            var stale = Browser(app)
            stale.cookie = (set.string.first == "x" ? "y" : "x") + set.string.dropFirst()   // never the real token
            #expect(try await stale.get("/planes").status == .seeOther)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "consulta@a.gov.co").first())
            #expect(user.passwordHash.hasPrefix("$2"))
        }
    }

    @Test("The API works with a bearer token and returns the export document", arguments: TestDB.all)
    func apiToken(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let token = try await VigiaTasks.createToken(email: "oci@a.gov.co", label: "prueba", at: app.now, on: app.db)
            let res = try await app.testing().sendRequest(.GET, "/api/v1/plans/\(fx.planA)") { req in
                req.headers.bearerAuthorization = .init(token: token)
            }
            #expect(res.status == .ok)
            let doc = try JSONDecoder().decode(PlanDocument.self, from: Data(res.body.readableBytesView))
            #expect(doc.plan.hallazgos.count == 4)
            let exported = try await VigiaTasks.exportPlanJSON(id: fx.planA, round: nil, on: app.db)
            #expect(Data(res.body.readableBytesView) == exported)
            // Create a round and grade it through the API, no cookie, no CSRF needed.
            let round = try await app.testing().sendRequest(.POST, "/api/v1/plans/\(fx.planA)/rounds") { req in
                req.headers.bearerAuthorization = .init(token: token)
                try req.content.encode(["fechaCorte": "2026-06-30"], as: .json)
            }
            #expect(round.status == .created)
            let action = doc.plan.hallazgos[0].acciones[0].id!
            let graded = try await app.testing().sendRequest(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1") { req in
                req.headers.bearerAuthorization = .init(token: token)
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"calificaciones":[{"accionId":"\#(action)","porcentaje":80,"evidencias":"Acta 3"}]}"#)
            }
            #expect(graded.status == .ok)
            let after = try JSONDecoder().decode(PlanDocument.self, from: Data(graded.body.readableBytesView))
            #expect(after.evaluacion.hallazgos[0].acciones[0].porcentaje == 80)
            let bad = try await app.testing().sendRequest(.PUT, "/api/v1/plans/\(fx.planA)/rounds/1") { req in
                req.headers.bearerAuthorization = .init(token: token)
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"calificaciones":[{"accionId":"\#(action)","porcentaje":180}]}"#)
            }
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Hallazgo 1, acción 1"))
        }
    }

    @Test("Import through the web is one transaction and reports line and column", arguments: TestDB.all)
    func importWeb(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let count = try await ImprovementPlan.query(on: app.db).count()
            let broken = try samplePlanText().replacingOccurrences(of: "16/02/2026\t30/06/2026", with: "16/02/2026\t31/06/2026")
            let res = try await oci.post("/planes/importar", ["texto": broken])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("columna G (FECHA FINAL)"))
            #expect(try await ImprovementPlan.query(on: app.db).count() == count)
            #expect(try await Finding.query(on: app.db).count() == 8)
            let ok = try await oci.post("/planes/importar", ["texto": try samplePlanText()])
            #expect(ok.status == .seeOther)
            #expect(try await ImprovementPlan.query(on: app.db).count() == count + 1)
        }
    }
}
