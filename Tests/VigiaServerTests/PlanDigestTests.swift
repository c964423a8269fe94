import Fluent
import Foundation
import Logging
import Synchronization
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// Counts the queries the database layer logs (Fluent's "Running query", the drivers' SQL) in
/// the requests of an app whose logger it is.
final class QueryCounter: Sendable {
    private let lines = Mutex<[String]>([])
    /// The statements of the last `count`, each cut to its first 400 characters.
    var last: [String] { lines.withLock { $0 } }

    struct Handler: LogHandler {
        let counter: QueryCounter
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            guard level == .debug else { return }
            // The drivers log every statement they send, Fluent's and raw SQL alike, with its text.
            guard let sql = metadata?["sql"] ?? metadata?["psql_query"] else { return }
            counter.lines.withLock { $0.append(String("\(sql)".prefix(400))) }
        }
    }

    func install(on app: Application) {
        app.logger = Logger(label: "vigia.test.queries") { _ in Handler(counter: self) }
    }

    /// The queries logged while `body` runs.
    func count(_ body: () async throws -> Void) async throws -> Int {
        lines.withLock { $0 = [] }
        try await body()
        return lines.withLock { $0.filter { !$0.hasPrefix("UPDATE \"user_sessions\"") }.count }
    }
}

/// The stored digests (plan list, home) and the cached snapshots (plan page) follow every change
/// at once, and the pages' query counts do not grow with the number of plans.
@Suite("Plan digests and the snapshot cache stay true to the data; pages run a bounded number of queries")
struct PlanDigestTests {
    /// The digest a plan's rows give now, read inside a transaction (so past the cache).
    func freshDigest(_ planID: UUID, on db: Database) async throws -> PlanDigest {
        try await db.transaction { tx in
            let plan = try #require(try await ImprovementPlan.find(planID, on: tx))
            let s = try await PlanStore.snapshot(of: plan, on: tx)
            let reports = try await ProgressReport.query(on: tx).all()
            let waiting = s.seguimientos.filter { $0.estado == .borrador }.compactMap { r -> PlanDigest.Waiting? in
                let n = reports.filter { rep in
                    rep.$round.id == r.id && rep.$action.id.flatMap { NotificationService.ref(of: $0, in: s) }.map { !r.isGraded($0) } == true
                }.count
                return n == 0 ? nil : .init(round: r.numero, count: n)
            }
            return PlanDigest(s, evaluation: PlanEvaluator.evaluate(s), waiting: waiting)
        }
    }

    func storedDigest(_ planID: UUID, as user: String, on app: Application) async throws -> PlanDigest {
        let u = try #require(try await User.query(on: app.db).filter(\.$email == user).first())
        let entries = try await PlanDigests.visible(for: try CurrentUser(u, at: app.now), on: app.db)
        return try #require(entries.first { $0.planID == planID }).digest
    }

    @Test("After each change (grade, autoreporte, new action, renamed dependencia) the list, the home and the plan page show it", arguments: TestDB.all)
    func changesShowAtOnce(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            func check(_ step: String) async throws {
                let stored = try await storedDigest(fx.planA, as: "oci@a.gov.co", on: app)
                #expect(stored == (try await freshDigest(fx.planA, on: app.db)), "\(step)")
            }
            // Warm every cache first: the digests are stored, the plan's snapshot and evaluation are cached.
            _ = try await oci.get("/"); _ = try await oci.get("/planes"); _ = try await oci.get("/planes/\(fx.planA)")
            _ = try await oci.get("/acciones")
            try await check("al comienzo")

            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            try await check("seguimiento abierto")
            #expect(try await oci.get("/planes").body.string.contains("30/06/2026"))

            let ids = try await roundValues(app, plan: fx.planA).hallazgos.map { $0.acciones.map { $0.id!.uuidString } }
            let reported = try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(ids[1][2])/autoreporte",
                                                 ["porcentaje": "30", "descripcion": "Avance"], files: [])
            #expect(reported.status == .seeOther)
            try await check("autoreporte")
            #expect(try await oci.get("/").body.string.contains("Seguimiento 1 · Secretaría de Hacienda: 1 autoreporte(s) sin calificar"))

            let saved = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "30/06/2026",
                                           "pct_\(ids[0][2])": "100", "pct_\(ids[1][2])": "40"])
            #expect(saved.status == .seeOther)
            try await check("calificación")
            let digest = try await storedDigest(fx.planA, as: "oci@a.gov.co", on: app)
            #expect(digest.percent != nil && digest.waiting.isEmpty)
            #expect(try await oci.get("/planes/\(fx.planA)").body.string.contains("100 %"))
            // Acciones evaluates the plan anew (its cached evaluation was of the older revision).
            let cumplidas = try await oci.get("/acciones?estado=cumplida").body.string
            #expect(cumplidas.contains("1 acción"), "\(cumplidas.prefix(3000))")

            let finding = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].id)
            var fields = validActionFields
            fields["descripcion"] = "Acción agregada para la prueba de la caché"
            let added = try await oci.post("/planes/\(fx.planA)/hallazgos/\(finding)/acciones/nueva", fields)
            #expect(added.status == .seeOther, "\(added.body.string.prefix(400))")
            try await check("acción nueva")
            #expect(try await oci.get("/planes/\(fx.planA)").body.string.contains("Acción agregada para la prueba de la caché"))

            let hacienda = fx.hacienda.uuidString
            let renamed = try await admin.post("/administracion/dependencias/\(hacienda)", ["accion": "renombrar", "nombre": "Secretaría de Hacienda Distrital"])
            #expect(renamed.status == .seeOther, "\(renamed.body.string.prefix(400))")
            try await check("dependencia renombrada")
            #expect(try await oci.get("/").body.string.contains("<td>Secretaría de Hacienda Distrital</td>"))
        }
    }

    /// Plans of the sample (4 findings, 13 actions) added to entity A, graded once each.
    func addPlans(_ n: Int, to app: Application) async throws {
        let text = try samplePlanText()
        for i in 0..<n {
            _ = try await VigiaTasks.importPlan(text: text, entityNIT: "800-A", unidad: "Unidad \(i)",
                                                dependency: i.isMultiple(of: 2) ? "Secretaría de Hacienda" : nil, at: app.now, on: app.db)
        }
    }

    /// Statements per page (the session's own bookkeeping aside, which depends on the session, not the plans).
    func queries(plans extra: Int, db: TestDB) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        try await withTestApp(db) { app, fx in
            try await addPlans(extra, to: app)
            let counter = QueryCounter()
            counter.install(on: app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            for path in ["/", "/planes", "/planes/\(fx.planA)"] { _ = try await oci.get(path); _ = try await resp.get(path) }
            for (name, path) in [("home", "/"), ("planes", "/planes"), ("plan", "/planes/\(fx.planA)"), ("api", "/api/v1/plans"),
                                 ("acciones", "/acciones"), ("auditoria", "/auditoria"), ("notificaciones", "/notificaciones"),
                                 ("calendario", "/calendario"), ("programas", "/programas"), ("transparencia", "/transparencia"),
                                 ("descarga de planes", "/planes?formato=xlsx"), ("descarga de acciones", "/acciones?formato=csv")] {
                var status = HTTPStatus.ok
                out["oci " + name] = try await counter.count { status = try await oci.get(path).status }
                if ProcessInfo.processInfo.environment["VIGIA_TEST_QUERIES"] != nil { print("== \(name) \(extra)\n" + counter.last.joined(separator: "\n")) }
                #expect(status == .ok, "\(path)")
            }
            for (name, path) in [("home", "/"), ("planes", "/planes"), ("acciones", "/acciones"), ("calendario", "/calendario")] {
                var status = HTTPStatus.ok
                out["responsable " + name] = try await counter.count { status = try await resp.get(path).status }
                #expect(status == .ok, "\(path)")
            }
        }
        return out
    }

    @Test("Every list page (home, plans, a plan, acciones, auditoría, notificaciones, calendario, programas, transparencia, downloads, API) runs as many queries with 2 plans as with 22",
          arguments: TestDB.all)
    func queriesDoNotGrowWithPlans(db: TestDB) async throws {
        let few = try await queries(plans: 0, db: db), many = try await queries(plans: 20, db: db)
        #expect(few == many, "\(few) \(many)")
        for (page, n) in many { #expect(n > 0 && n <= 10, "\(page): \(n) consultas") }
    }

    @Test("A plan page comes from the page cache with each session's own CSRF token; a flash is shown once", arguments: [TestDB.sqlite])
    func cachedPlanPage(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var first = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var second = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let a = try await first.get("/planes/\(fx.planA)").body.string
            let b = try await second.get("/planes/\(fx.planA)").body.string
            let placeholder = RenderedPageCache.shared.placeholder
            #expect(!a.contains(placeholder) && !b.contains(placeholder))
            #expect(first.csrf != second.csrf && a.contains(first.csrf) && b.contains(second.csrf) && !b.contains(first.csrf))
            // The same bytes but the token: the second came from the cache.
            #expect(a.replacingOccurrences(of: first.csrf, with: "T") == b.replacingOccurrences(of: second.csrf, with: "T"))
            // A form posted with the token of a cached page is accepted.
            let saved = try await second.post("/planes/\(fx.planA)/control-de-cambios", [
                "revision": "2", "descripcion": "Ajuste de fechas", "version": "2", "fechaAprobacion": ""])
            #expect(saved.status == .seeOther)
            let after = try await second.get("/planes/\(fx.planA)").body.string
            #expect(after.contains("Cambio registrado en el control de cambios.") && after.contains("Ajuste de fechas"))
            let again = try await second.get("/planes/\(fx.planA)").body.string
            #expect(!again.contains("Cambio registrado en el control de cambios.") && again.contains("Ajuste de fechas"))
        }
    }

    @Test("Saving an action whose audit sees no difference (a rounded quantity) still raises the plan's revision", arguments: [TestDB.sqlite])
    func roundedEditRaisesTheRevision(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let action = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[0].id)
            var fields = validActionFields
            fields["metaCantidad"] = "2,004"
            #expect(try await oci.post("/planes/\(fx.planA)/acciones/\(action)/editar", fields).status == .seeOther)
            _ = try await oci.get("/planes/\(fx.planA)")   // cached at this revision
            #expect(try await oci.get("/api/v1/plans/\(fx.planA)").body.string.contains("2.004"))   // the JSON too
            let before = try await PlanRevision.of([fx.planA], on: app.db)[fx.planA] ?? -1
            fields["metaCantidad"] = "2,001"
            #expect(try await oci.post("/planes/\(fx.planA)/acciones/\(action)/editar", fields).status == .seeOther)
            let after = try await PlanRevision.of([fx.planA], on: app.db)[fx.planA] ?? -1
            #expect(after > before)
            let json = try await oci.get("/api/v1/plans/\(fx.planA)").body.string
            #expect(json.contains("2.001"), "\(json.prefix(200))")
        }
    }

    @Test("GET /api/v1/plans pages (X-Total-Count, Link), filters by dependencia and estado, and names a bad parameter",
          arguments: TestDB.all)
    func apiListPages(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            try await addPlans(5, to: app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            struct Summary: Decodable { var id: UUID; var unidadAuditable: String }
            func list(_ query: String) async throws -> (TestingHTTPResponse, [Summary]) {
                let res = try await oci.get("/api/v1/plans" + query)
                return (res, res.status == .ok ? try JSONDecoder().decode([Summary].self, from: res.body) : [])
            }
            let (all, every) = try await list("")
            let total = try #require(Int(all.headers.first(name: "X-Total-Count") ?? ""))
            #expect(total == every.count && total >= 6 && all.headers.first(name: "Link") == nil)
            let (first, one) = try await list("?por_pagina=2")
            #expect(one.map(\.id) == every.prefix(2).map(\.id))
            #expect(first.headers.first(name: "Link") == "</api/v1/plans?pagina=2&por_pagina=2>; rel=\"next\"")
            let (_, two) = try await list("?pagina=2&por_pagina=2")
            #expect(two.map(\.id) == Array(every[2..<4]).map(\.id))
            let last = (total + 1) / 2
            let (end, tail) = try await list("?pagina=\(last)&por_pagina=2")
            #expect(tail.map(\.id) == Array(every[(last - 1) * 2..<total]).map(\.id))
            #expect(end.headers.first(name: "Link")?.contains("rel=\"next\"") == false)
            // the responsable's dependencia only, like the page's filter
            let hacienda = try #require(try await Dependency.query(on: app.db).filter(\.$name == "Secretaría de Hacienda").first()?.id)
            let (_, filtered) = try await list("?dependencia=\(hacienda)")
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let own = try JSONDecoder().decode([Summary].self, from: try await resp.get("/api/v1/plans").body)
            #expect(!filtered.isEmpty && Set(filtered.map(\.id)) == Set(own.map(\.id)))
            #expect(try await list("?estado=cerrado").1.isEmpty)
            // bad parameters are named, in Spanish
            for (query, field) in [("?por_pagina=5000", "por_pagina"), ("?pagina=0", "pagina"), ("?pagina=1e400", "pagina"),
                                   ("?dependencia=hacienda", "dependencia"), ("?estado=abierto", "estado")] {
                let (bad, _) = try await list(query)
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("\"\(field)\""), "\(query): \(bad.body.string)")
            }
            _ = fx
        }
    }

    @Test("A signed-in page asks for its session, user and entity in one statement; an unchanged plan page needs 2 in all",
          arguments: TestDB.all)
    func oneStatementForTheSignedInUser(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.get("/planes/\(fx.planA)")   // rendered and cached
            let counter = QueryCounter()
            counter.install(on: app)
            var status = HTTPStatus.ok
            let n = try await counter.count { status = try await oci.get("/planes/\(fx.planA)").status }
            #expect(status == .ok)
            let users = counter.last.filter { $0.contains("users") }
            #expect(users.count == 1 && users.first?.contains("user_sessions") == true, "\(counter.last)")
            // the session with its user; the plan's access check with its revision
            #expect(n == 2, "\(counter.last)")
        }
    }
}
