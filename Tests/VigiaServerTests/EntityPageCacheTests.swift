import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// The pages that sum up the entity (home, plan list, Acciones) are kept by the entity's revision
/// (M032): unchanged, they cost the session's statement alone; after any change to a plan, a
/// program or a dependencia they show it at once.
@Suite("Entity pages cached by the entity's revision")
struct EntityPageCacheTests {
    func entityRevision(_ app: Application, _ entity: UUID) async throws -> Int {
        let sql = try #require(app.db as? SQLDatabase)
        return try #require(try await sql.raw("SELECT revision FROM entities WHERE id = \(bind: entity)").first()?
            .decode(column: "revision", as: Int.self))
    }

    @Test("An unchanged home, plan list and Acciones cost one statement each, with each session's own CSRF token", arguments: TestDB.all)
    func unchangedPagesCostOneStatement(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var first = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var second = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let counter = QueryCounter()
            counter.install(on: app)
            for path in ["/", "/planes", "/acciones", "/acciones?estado=vencida&pagina=1"] {
                let a = try await first.get(path).body.string
                var status = HTTPStatus.ok, b = ""
                let n = try await counter.count {
                    let res = try await second.get(path)
                    status = res.status
                    b = res.body.string
                }
                #expect(status == .ok, "\(path)")
                // The session with its user and its entity's revision, and nothing else.
                #expect(n == 1 && counter.last.first?.contains("user_sessions") == true, "\(path): \(counter.last)")
                let placeholder = RenderedPageCache.shared.placeholder
                #expect(!b.contains(placeholder) && b.contains(second.csrf) && !b.contains(first.csrf), "\(path)")
                #expect(a.replacingOccurrences(of: first.csrf, with: "T") == b.replacingOccurrences(of: second.csrf, with: "T"), "\(path)")
            }
            _ = fx
        }
    }

    @Test("The entity's revision rises with a plan's, a program's and a dependencia's change, not with a sign-in", arguments: TestDB.all)
    func revisionRisesWithEveryChange(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let program = try await loadSampleProgram(app)
            var revision = try await entityRevision(app, fx.entityA)
            let other = try await entityRevision(app, fx.entityB)
            func rose(_ step: String) async throws {
                let now = try await entityRevision(app, fx.entityA)
                #expect(now > revision, "\(step): the entity's revision did not rise")
                revision = now
            }
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            #expect(try await entityRevision(app, fx.entityA) == revision, "a sign-in is no change to the entity's plans")

            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"]).status == .seeOther)
            try await rose("seguimiento abierto")
            _ = try await oci.get("/programas/\(program)/periodos/3/seguimiento")
            let line = try #require(ActivityLine.lines(of: try await programSnapshot(app, program)).first(where: \.takesPercent))
            #expect(try await oci.post("/programas/\(program)/periodos/3/seguimiento", ["pct_\(line.id)": "55"]).status == .seeOther)
            try await rose("seguimiento de un programa")
            #expect(try await admin.post("/administracion/dependencias", ["nombre": "Oficina de Prensa"]).status == .seeOther)
            try await rose("dependencia creada")
            #expect(try await entityRevision(app, fx.entityB) == other, "another entity's revision moved")
        }
    }

    @Test("After a grade, a new dependencia and a program's publication deadline, the cached pages show them", arguments: TestDB.all)
    func changesShowAtOnce(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let program = try await loadSampleProgram(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            let home = try await oci.get("/").body.string, list = try await oci.get("/planes").body.string
            _ = try await resp.get("/"); _ = try await oci.get("/acciones")
            // Kept before the grade: afterwards it must not come from the cache.
            #expect(try await oci.get("/acciones?estado=cumplida").body.string.contains("Ninguna acción cumple el filtro."))
            #expect(!list.contains("Oficina de Prensa"))

            #expect(try await admin.post("/administracion/dependencias", ["nombre": "Oficina de Prensa"]).status == .seeOther)
            #expect(try await oci.get("/planes").body.string.contains("Oficina de Prensa"), "the list's filter offers the new dependencia")

            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"]).status == .seeOther)
            let ids = try await roundValues(app, plan: fx.planA).hallazgos.map { $0.acciones.map { $0.id!.uuidString } }
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "30/06/2026", "pct_\(ids[0][0])": "100"]).status == .seeOther)
            let cumplidas = try await oci.get("/acciones?estado=cumplida").body.string
            #expect(cumplidas.contains("1 acción"), "\(cumplidas.prefix(2000))")
            // The home's «Acciones por estado» row counts the new round's states, not the cached ones.
            func states(_ html: String) -> String? {
                guard let start = html.range(of: "Acciones por estado") else { return nil }
                return String(html[start.upperBound...]).components(separatedBy: "</tbody>").first
            }
            let graded = try await oci.get("/").body.string
            #expect(states(home) != nil && states(graded) != states(home), "the home shows the grade")

            let dates = try await oci.json(.PUT, "/api/v1/programs/\(program)/periods/3",
                                           ["fechaCorte": "2026-12-31", "fechaLimitePublicacion": "2027-01-20"])
            #expect(dates.status == .ok)
            #expect(try await oci.get("/").body.string.contains("límite 20/01/2027"), "the home shows the program's new deadline")
            // The responsable's home is its own page, not the OCI's.
            #expect(!(try await resp.get("/").body.string.contains("Acciones por estado")))
        }
    }

    @Test("GET /api/v1/plans: an unchanged entity's page costs one statement, and a grade shows at once", arguments: TestDB.all)
    func apiPlanList(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            struct Summary: Decodable { var id: UUID; var porcentaje: Double? }
            func list() async throws -> (Int, [Summary], String?) {
                let res = try await oci.get("/api/v1/plans?por_pagina=1")
                return (Int(res.headers.first(name: "X-Total-Count") ?? "") ?? -1, try JSONDecoder().decode([Summary].self, from: Data(buffer: res.body)),
                        res.headers.first(name: "Link"))
            }
            let first = try await list()
            let counter = QueryCounter()
            counter.install(on: app)
            var again: (Int, [Summary], String?) = (0, [], nil)
            let n = try await counter.count { again = try await list() }
            #expect(n == 1, "\(counter.last)")
            #expect(again.0 == first.0 && again.1.map(\.id) == first.1.map(\.id) && again.2 == first.2)
            #expect(first.1.first { $0.id == fx.planA }?.porcentaje == nil, "not graded yet")

            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"]).status == .seeOther)
            let ids = try await roundValues(app, plan: fx.planA).hallazgos.map { $0.acciones.map { $0.id!.uuidString } }
            #expect(try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "30/06/2026", "pct_\(ids[0][0])": "100"]).status == .seeOther)
            let graded = try await list()
            #expect(graded.1.first { $0.id == fx.planA }?.porcentaje != nil, "the graded plan's % shows on the very page kept before")
        }
    }
}
