import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// One record of every kind for an entity, to fill the route parameters with.
struct EntityRecords {
    var ids: [String: String]

    static func make(_ app: Application, entity: UUID, nit: String, plan: UUID, oci: String) async throws -> EntityRecords {
        var ids: [String: String] = ["plan": plan.uuidString, "numero": "1", "formato": "xlsx", "entity": entity.uuidString]
        let snap = try await roundValues(app, plan: plan)
        let finding = try #require(snap.hallazgos.first?.id), action = try #require(snap.hallazgos.first?.acciones.first?.id)
        ids["finding"] = finding.uuidString
        ids["action"] = action.uuidString
        let round = FollowUpRound(entityID: entity, planID: plan, numero: 1, fechaCorte: LocalDate(year: 2026, month: 6, day: 30), fechaSeguimiento: nil)
        try await round.create(on: app.db)
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("Samples/seguimiento-paac-demo-2026-c1.txt"), encoding: .utf8)
        let program = try await VigiaTasks.importProgram(text: text, entityNIT: nit, at: app.now, on: app.db)
        ids["program"] = program.id.uuidString
        ids["activity"] = try #require(try await ProgramActivity.query(on: app.db).filter(\.$entity.$id == entity).first()?.id).uuidString
        ids["template"] = try #require(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == entity).first()?.id).uuidString
        let report = ProgressReport(entityID: entity, actionID: action, roundID: try round.requireID())
        try await report.create(on: app.db)
        let file = EvidenceFile()
        file.$entity.id = entity; file.sha256 = String(repeating: "ab", count: 32); file.size = 3; file.mime = "application/pdf"
        try await file.create(on: app.db)
        let ev = ReportEvidence()
        ev.$entity.id = entity; ev.reportKind = .autoreporte; ev.reportID = try report.requireID(); ev.$file.id = try file.requireID()
        ev.name = "acta.pdf"; ev.uploadedByName = "x"
        try await ev.create(on: app.db)
        ids["evidence"] = try ev.requireID().uuidString
        let reformulation = ActionReformulation()
        reformulation.$entity.id = entity; reformulation.$plan.id = plan; reformulation.$action.id = action
        reformulation.estado = .pendiente; reformulation.fechaPropuesta = LocalDate(year: 2026, month: 11, day: 20)!
        reformulation.proponente = "x"; reformulation.justificacion = "x"
        reformulation.proposal = ReformulationProposal(keeping: try #require(snap.hallazgos.first?.acciones.first))
        try await reformulation.create(on: app.db)
        ids["reformulation"] = try reformulation.requireID().uuidString
        // Rows written past the services: raise the plan's revision as a change would.
        try await PlanRevision.bump(plan, on: app.db)
        _ = try await VigiaTasks.createToken(email: oci, label: "t", at: app.now, on: app.db)
        let owner = try #require(try await User.query(on: app.db).filter(\.$email == oci).first())
        ids["token"] = try #require(try await ApiToken.query(on: app.db).filter(\.$user.$id == owner.requireID()).first()?.id).uuidString
        ids["user"] = try owner.requireID().uuidString
        let dependency = Dependency(entityID: entity, name: "Dependencia de rutas")
        try await dependency.create(on: app.db)
        ids["dependency"] = try dependency.requireID().uuidString
        ids["map"] = try await VigiaTasks.importRiskMap(.text(try sampleRiskMapText("mapa-riesgos-corrupcion-demo-2026.tsv")), methodology: nil,
                                                       entityNIT: nit, at: app.now, on: app.db).id.uuidString
        ids["posicion"] = "1"
        ids["periodo"] = "1"
        let methodology = try RiskMethodologyRecord(entityID: entity, key: UUID().uuidString.lowercased(), methodology: .funcionPublicaV6)
        try await methodology.create(on: app.db)
        ids["metodologia"] = methodology.key
        return EntityRecords(ids: ids)
    }

    func path(_ route: Route, randomUUIDs: Bool = false) -> String? {
        var parts: [String] = []
        for component in route.path {
            switch component {
            case .constant(let c): parts.append(c)
            case .parameter(let name):
                guard let value = ids[name] else { return nil }
                parts.append(randomUUIDs && UUID(uuidString: value) != nil ? UUID().uuidString : value)
            default: return nil
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

extension Browser {
    /// Any method, with a form or a JSON body, the session cookie and (optionally) the CSRF token.
    mutating func send(_ method: HTTPMethod, _ path: String, multipart: Bool = false, json: Bool = false, token: Bool) async throws -> TestingHTTPResponse {
        let (cookie, pre, csrf) = (self.cookie, self.preCSRF, self.csrf)
        return try await app.testing().sendRequest(method, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
            if json {
                req.headers.contentType = .json
                if token { req.headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf) }
                req.body = ByteBuffer(string: "{}")
            } else if multipart {
                let boundary = "----vigiaroute"
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                let field = token ? "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n" : ""
                req.body = ByteBuffer(string: field + "--\(boundary)\r\nContent-Disposition: form-data; name=\"descripcion\"\r\n\r\nx\r\n--\(boundary)--\r\n")
            } else {
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: token ? "_csrf=\(csrf)" : "descripcion=x")
            }
        }
    }
}

@Suite("Every route: CSRF on every state-changing request, 404 for another entity's ids (SECURITY.md: V4, V13)")
struct RouteSecurityTests {
    static let streamed: Set<String> = ["autoreporte", "evidencias", "reporte", "revision", "reviews"]
    /// Streamed routes the OCI's side writes (the review of eficacia and efectividad), sent by the administrador.
    static let streamedByOCI: Set<String> = ["revision", "reviews"]

    @Test("Each state-changing route without its CSRF token is refused, and nothing is written", arguments: TestDB.all)
    func csrfEverywhere(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let mine = try await EntityRecords.make(app, entity: fx.entityA, nit: "800-A", plan: fx.planA, oci: "oci@a.gov.co")
            // The responsable of Hacienda reports on the plan's actions and on this activity.
            let link = ActivityDependency()
            link.$activity.id = try #require(UUID(uuidString: mine.ids["activity"] ?? ""))
            link.$dependency.id = fx.hacienda
            try await link.create(on: app.db)
            // … and on the first action of the risk map's first risk.
            let record = try #require(try await RiskMapRecord.find(try #require(UUID(uuidString: mine.ids["map"] ?? "")), on: app.db))
            var map = try record.map()
            map.riesgos[0].acciones[0].plan.dependencias = [fx.hacienda]
            try record.set(map)
            try await record.save(on: app.db)
            var b = try await Browser.signedIn(app, as: "admin@a.gov.co")
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let before = try await AuditEvent.query(on: app.db).filter(\.$objectType != "sesión").count()
            var checked = 0
            for route in app.routes.all where [.POST, .PUT, .PATCH, .DELETE].contains(route.method) {
                guard let path = mine.path(route) else { Issue.record("no parameters for \(route.path)"); continue }
                let isAPI = path.hasPrefix("/api/")
                let streamed = Self.streamed.contains(route.path.last?.description ?? "")
                let byOCI = Self.streamedByOCI.contains(route.path.last?.description ?? "")
                let res = streamed ? (byOCI ? try await b.send(route.method, path, multipart: true, token: false)
                                            : try await responsable.send(route.method, path, multipart: true, token: false))
                                   : try await b.send(route.method, path, multipart: false, json: isAPI, token: false)
                #expect(res.status == .forbidden, "\(route.method) \(path) without CSRF → \(res.status)")
                #expect(res.body.string.contains("CSRF"), "\(route.method) \(path)")
                checked += 1
            }
            #expect(checked >= 30)
            // The login form too (an anonymous visitor's token is its own cookie).
            var visitor = Browser(app)
            try await visitor.get("/ingresar")
            let login = try await visitor.post("/ingresar", ["email": "oci@a.gov.co", "password": Fixture.password], csrf: false)
            #expect(login.status == .forbidden)
            // Sign-ins are audited; nothing else may have been written.
            #expect(try await AuditEvent.query(on: app.db).filter(\.$objectType != "sesión").count() == before)
        }
    }

    @Test("A user of entity A gets the same 404 for every id of entity B as for an id that does not exist", arguments: TestDB.all)
    func tenantIsolation(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            _ = try await EntityRecords.make(app, entity: fx.entityA, nit: "800-A", plan: fx.planA, oci: "oci@a.gov.co")
            let theirs = try await EntityRecords.make(app, entity: fx.entityB, nit: "800-B", plan: fx.planB, oci: "oci@b.gov.co")
            let auditBefore = try await AuditEvent.query(on: app.db).filter(\.$entity.$id == fx.entityB).count()
            var checked = 0
            for email in ["admin@a.gov.co", "oci@a.gov.co", "hacienda@a.gov.co", "consulta@a.gov.co"] {
                var b = try await Browser.signedIn(app, as: email)
                for route in app.routes.all where route.path.contains(where: { if case .parameter = $0 { true } else { false } }) {
                    let path = theirs.path(route) ?? ""
                    // Public by law or by secret address: the transparency pages and the calendar feed.
                    if path.isEmpty || path.hasPrefix("/transparencia") || path.hasPrefix("/ical") { continue }
                    let isAPI = path.hasPrefix("/api/")
                    let streamed = Self.streamed.contains(route.path.last?.description ?? "")
                    let other = try await b.send(route.method, path, multipart: streamed, json: isAPI && route.method != .GET, token: true)
                    let random = try await b.send(route.method, try #require(theirs.path(route, randomUUIDs: true)),
                                                  multipart: streamed, json: isAPI && route.method != .GET, token: true)
                    #expect(other.status.code >= 400, "\(email): \(route.method) \(path) → \(other.status)")
                    #expect(other.status == random.status, "\(email): \(route.method) \(path) → \(other.status), unknown id → \(random.status)")
                    checked += 1
                }
            }
            #expect(checked >= 150)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity.$id == fx.entityB).count() == auditBefore)
        }
    }
}
