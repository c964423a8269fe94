import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Adversarial input: no payload adds an element, attribute or URL (SECURITY.md: V5)")
struct AdversarialTests {
    @Test("Every redeclared Plot function escapes; no view bypasses the escaping layer")
    func escapingLayer() throws {
        var check = StructureCheck()
        let benign = SafeHTMLSelfCheck.renderAll(Payloads.benign)
        for (i, p) in Payloads.withLong.enumerated() {
            check.add("selfcheck-\(i)", benign: benign, hostile: SafeHTMLSelfCheck.renderAll(p), values: false)
        }
        let problems = try check.problems()
        #expect(problems.isEmpty, "\(problems)")
        // Source scan: attribute values and raw HTML are made only in SafeHTML.swift (and the SVG
        // charts, whose text goes through HTMLEscape).
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let sources = root.appendingPathComponent("Sources/VigiaServer")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" && file.lastPathComponent != "SafeHTML.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("Attribute(name:"), "\(file.lastPathComponent) builds an Attribute directly")
            let raws = text.components(separatedBy: "\n").filter { $0.contains(".raw(") && !$0.contains("sql.raw(") }.count
            let allowed = file.lastPathComponent == "SVGChart.swift" ? 4 : 0
            #expect(raws <= allowed, "\(file.lastPathComponent) writes raw HTML")
        }
        #expect(SVGChart.bars(title: "<script>", items: [(label: "<b>\"x", value: 50)]).contains("&lt;b&gt;&quot;x"))
        let stacked = SVGChart.stacked(ReportChart(titulo: "<script>", categorias: 0, series: [.init("<i>'s", columna: 1, color: 0x2E7D32)]),
                                       [(categoria: "<b>\"x", valores: [3])])
        #expect(stacked.contains("&lt;b&gt;&quot;x") && stacked.contains("&lt;script&gt;") && stacked.contains("&lt;i&gt;") && !stacked.contains("<b>"))
    }

    @Test("Query parameters that pages echo", arguments: TestDB.all)
    func reflected(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let records = try await EntityRecords.make(app, entity: fx.entityA, nit: "800-A", plan: fx.planA, oci: "oci@a.gov.co")
            let program = records.ids["program"]!
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var anon = Browser(app)
            let pages: [(anonymous: Bool, path: (String) -> String)] = [
                (true, { "/ingresar?siguiente=\($0)" }), (true, { "/transparencia/verificar?sha256=\($0)" }),
                (true, { "/\($0)" }), (false, { "/\($0)" }),
                (false, { "/planes/\(fx.planA)?seguimiento=\($0)" }), (false, { "/planes/\(fx.planA)/documento/html?seguimiento=\($0)" }),
                (false, { "/programas/\(program)?periodo=\($0)" }), (false, { "/programas/\(program)/periodos/1/seguimiento?componente=\($0)" }),
                (false, { "/planes?anio=\($0)&estado=\($0)" }),
                (false, { "/acciones?dependencia=\($0)&anio=\($0)&estado=\($0)&vencidas=\($0)" }),
                (false, { "/auditoria?desde=\($0)&hasta=\($0)&plan=\($0)&pagina=\($0)" }),
            ]
            var check = StructureCheck()
            for (i, page) in pages.enumerated() {
                let enc: (String) -> String = { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
                let benign = page.anonymous ? try await anon.get(page.path(enc(Payloads.benign))) : try await oci.get(page.path(enc(Payloads.benign)))
                for (j, p) in Payloads.withLong.enumerated() {
                    let hostile = page.anonymous ? try await anon.get(page.path(enc(p))) : try await oci.get(page.path(enc(p)))
                    #expect(hostile.status.code < 500, "\(page.path("…")) → \(hostile.status)")
                    check.add("query \(i) payload \(j): \(page.path("P"))", benign: benign.body.string, hostile: hostile.body.string)
                }
            }
            let problems = try check.problems()
            #expect(problems.isEmpty, "\(problems)")
            #expect(try await anon.get("/ingresar").status == .ok)
        }
    }

    /// Fills every field of `form` (text with `text`; dates/%/years valid when `keepValid`).
    static func fields(_ form: PageForm, text: String, keepValid: Bool) -> [String: String] {
        var out: [String: String] = [:]
        for f in form.fields where f.name != "_csrf" {
            switch f.kind {
            case "hidden", "select": out[f.name] = f.value
            default:
                out[f.name] = keepValid ? (Payloads.validValue(for: f.name, current: f.value) ?? text) : text
            }
        }
        return out
    }

    @Test("Every form field, as each role; then every page that shows the values", arguments: TestDB.all)
    func forms(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let ids = try await EntityRecords.make(app, entity: fx.entityA, nit: "800-A", plan: fx.planA, oci: "oci@a.gov.co").ids
            let link = ActivityDependency()
            link.$activity.id = UUID(uuidString: ids["activity"]!)!
            link.$dependency.id = fx.hacienda
            try await link.create(on: app.db)
            let (plan, program, finding, action) = (ids["plan"]!, ids["program"]!, ids["finding"]!, ids["action"]!)
            _ = try await VigiaTasks.createUser(email: "root@install.gov.co", name: "Mesa de ayuda", role: .superadmin, cargo: "",
                                                password: Fixture.password, dependency: nil, entityNIT: nil, at: app.now, on: app.db)
            let consulta = try await User.query(on: app.db).filter(\.$email == "consulta@a.gov.co").first()!.id!
            let crawl: [(String, [String])] = [
                ("oci@a.gov.co", ["/planes/nuevo", "/planes/\(plan)/editar", "/planes/\(plan)/hallazgos/nuevo",
                                  "/planes/\(plan)/hallazgos/\(finding)/editar", "/planes/\(plan)/hallazgos/\(finding)/acciones/nueva",
                                  "/planes/\(plan)/acciones/\(action)/editar", "/planes/\(plan)", "/planes/\(plan)/seguimientos/1",
                                  "/planes/\(plan)/seguimientos/nuevo", "/planes/importar", "/programas/importar", "/programas/nuevo",
                                  "/programas/\(program)/componentes/1/actividades/nueva", "/programas/\(program)/periodos/1/seguimiento",
                                  "/cuenta/tokens", "/programas/\(program)/actividades/\(ids["activity"]!)",
                                  "/programas/\(program)/actividades/\(ids["activity"]!)/subactividades/nueva"]),
                ("admin@a.gov.co", ["/plantillas/\(ids["template"]!)", "/administracion/entidad", "/administracion/dependencias",
                                    "/administracion/usuarios/nuevo", "/administracion/usuarios/\(consulta)"]),
                ("root@install.gov.co", ["/instalacion/entidades/nueva", "/instalacion/entidades/\(fx.entityB)"]),
                ("hacienda@a.gov.co", ["/planes/\(plan)/seguimientos/1/acciones/\(action)/autoreporte", "/programas/\(program)/periodos/1/monitoreo"]),
            ]
            let skip = ["salir", "publicar", "corregir", "eliminar", "revocar", "bloqueos", "notificaciones", "calendario", "evidencias",
                        "desactivar", "reactivar", "correo"]
            let display: [(String, String)] = [
                ("oci@a.gov.co", "/planes/\(plan)"), ("oci@a.gov.co", "/planes/\(plan)?seguimiento=1"), ("oci@a.gov.co", "/planes/\(plan)/documento/html"),
                ("oci@a.gov.co", "/planes/\(plan)/seguimientos/1"), ("oci@a.gov.co", "/planes/\(plan)/seguimientos/1/autoreportes"),
                ("oci@a.gov.co", "/planes"), ("oci@a.gov.co", "/"), ("oci@a.gov.co", "/programas/\(program)"), ("oci@a.gov.co", "/programas"),
                ("oci@a.gov.co", "/programas/\(program)/periodos/1/seguimiento"), ("oci@a.gov.co", "/cuenta/tokens"),
                ("admin@a.gov.co", "/plantillas"), ("hacienda@a.gov.co", "/"), ("hacienda@a.gov.co", "/planes/\(plan)/seguimientos/1/acciones/\(action)/autoreporte"),
                ("hacienda@a.gov.co", "/programas/\(program)/periodos/1/monitoreo"), ("consulta@a.gov.co", "/planes/\(plan)"),
                ("admin@a.gov.co", "/administracion/usuarios"), ("admin@a.gov.co", "/administracion/dependencias"),
                ("oci@a.gov.co", "/acciones"), ("oci@a.gov.co", "/auditoria"),
                ("root@install.gov.co", "/instalacion"), ("root@install.gov.co", "/instalacion/entidades/\(fx.entityB)"),
            ]
            var browsers: [String: Browser] = [:]
            for email in Set(crawl.map(\.0) + display.map(\.0)) { browsers[email] = try await Browser.signedIn(app, as: email) }
            func submit(_ email: String, _ form: PageForm, _ values: [String: String]) async throws -> [String] {
                var b = browsers[email]!
                defer { browsers[email] = b }
                let res = form.multipart ? try await b.upload(form.action, values, files: []) : try await b.post(form.action, values)
                #expect(res.status.code < 500, "\(email) \(form.action) → \(res.status): \(res.body.string.prefix(300))")
                var pages = [res.body.string]
                if res.status == .seeOther, let location = res.headers.first(name: .location), location.hasPrefix("/") {
                    pages.append(try await b.get(location).body.string)
                }
                return pages
            }
            func forms() async throws -> [(String, String, PageForm)] {
                var out: [(String, String, PageForm)] = []
                for (email, paths) in crawl {
                    for path in paths {
                        var b = browsers[email]!
                        let page = try await b.get(path)
                        browsers[email] = b
                        #expect(page.status == .ok, "\(email) GET \(path) → \(page.status)")
                        for f in PageForm.all(in: page.body.string) where !skip.contains(where: { f.action.contains($0) }) {
                            out.append((email, path, f))
                        }
                    }
                }
                return out
            }
            // benign passes: the reference pages (all fields benign text; text fields benign, the rest valid)
            var reference: [String: [String]] = [:]
            let found = try await forms()
            #expect(found.count >= 15)
            for keepValid in [false, true] {
                for (email, path, form) in found {
                    reference["\(keepValid) \(path) → \(form.action)"] = try await submit(email, form, Self.fields(form, text: Payloads.benign, keepValid: keepValid))
                }
            }
            var displayed: [String: String] = [:]
            for (email, path) in display {
                var b = browsers[email]!
                displayed["\(email) \(path)"] = try await b.get(path).body.string
                browsers[email] = b
            }
            // The reference: every element, attribute and URL origin of every page the benign values
            // produced (a later page may show more sections than at the time of its benign twin).
            var check = StructureCheck()
            check.vocabulary = reference.values.flatMap { $0 } + displayed.values
            for (j, payload) in Payloads.all.enumerated() {
                for (email, path, form) in try await forms() {
                    for keepValid in [false, true] {
                        let pages = try await submit(email, form, Self.fields(form, text: payload, keepValid: keepValid))
                        for (k, page) in pages.enumerated() {
                            check.add("payload \(j) \(keepValid) \(path) → \(form.action) [\(k)]", benign: [], hostile: page)
                        }
                    }
                }
            }
            for (email, path) in display {
                var b = browsers[email]!
                let page = try await b.get(path)
                browsers[email] = b
                #expect(page.status == .ok, "\(email) GET \(path) → \(page.status)")
                check.add("display \(email) \(path)", benign: [], hostile: page.body.string)
            }
            let problems = try check.problems()
            #expect(problems.isEmpty, "\(problems.sorted { $0.key < $1.key }.prefix(10))")
        }
    }
}

extension AdversarialTests {
    /// JSON bodies: every string field of the API's writes, then the pages that show them.
    @Test("Every string field of the JSON API, and every column of both importers", arguments: TestDB.all)
    func apiAndImporters(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let ids = try await EntityRecords.make(app, entity: fx.entityA, nit: "800-A", plan: fx.planA, oci: "oci@a.gov.co").ids
            let (plan, program, finding, action, activity) = (ids["plan"]!, ids["program"]!, ids["finding"]!, ids["action"]!, ids["activity"]!)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let pages = ["/planes/\(plan)", "/planes/\(plan)?seguimiento=1", "/planes/\(plan)/documento/html?seguimiento=1",
                         "/planes/\(plan)/seguimientos/1", "/programas/\(program)", "/programas/\(program)/periodos/1/seguimiento",
                         "/planes", "/programas", "/"]
            func write(_ v: String) async throws {
                let calls: [(HTTPMethod, String, [String: Any])] = [
                    (.PATCH, "/api/v1/plans/\(plan)", ["unidadAuditable": v, "numeroAuditoria": v, "periodoAuditoria": v]),
                    (.PATCH, "/api/v1/plans/\(plan)/findings/\(finding)", ["descripcion": v, "causa": v, "efecto": v, "criterio": v]),
                    (.PATCH, "/api/v1/plans/\(plan)/actions/\(action)", ["descripcion": v, "responsable": v, "meta": v, "metaUnidad": v, "indicador": v]),
                    (.PUT, "/api/v1/plans/\(plan)/rounds/1", ["calificaciones": [["accionId": action, "porcentaje": 50, "evidencias": v,
                                                                                  "observaciones": v, "estado": "CERRADA", "justificacion": v]]]),
                    (.PUT, "/api/v1/programs/\(program)/periods/1/seguimiento", ["actividades": [["actividadId": activity, "porcentaje": 40,
                                                                                                   "texto": v, "evidencias": [v]]]]),
                    (.PUT, "/api/v1/programs/\(program)/activities/\(activity)", ["subcomponente": v, "actividad": v, "meta": v, "responsables": v,
                                                                                   "dependencias": [String](), "fechaProgramada": "Permanente"]),
                ]
                for (method, path, body) in calls {
                    let data = try JSONSerialization.data(withJSONObject: body)
                    let (cookie, csrf, pre) = (oci.cookie, oci.csrf, oci.preCSRF)
                    let res = try await app.testing().sendRequest(method, path) { req in
                        req.headers.cookie = Browser.cookies(cookie, pre)
                        req.headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf)
                        req.headers.contentType = .json
                        req.body = ByteBuffer(data: data)
                    }
                    #expect(res.status.code < 500, "\(method) \(path) → \(res.status) \(res.body.string.prefix(300))")
                }
            }
            var check = StructureCheck()
            try await write(Payloads.benign)
            for path in pages { check.vocabulary.append(try await oci.get(path).body.string) }
            // the importers: a benign twin of each file first
            let planText = try samplePlanText()
            var root = URL(fileURLWithPath: #filePath)
            for _ in 0..<3 { root.deleteLastPathComponent() }
            let programText = try String(contentsOf: root.appendingPathComponent("Samples/seguimiento-paac-demo-2026-c1.txt"), encoding: .utf8)
            func importPlan(_ text: String) async throws -> String? {
                let res = try await oci.post("/planes/importar", ["texto": text])
                #expect(res.status.code < 500)
                guard res.status == .seeOther, let location = res.headers.first(name: .location) else { return res.body.string }
                return try await oci.get(location).body.string
            }
            check.vocabulary.append(try #require(try await importPlan(planText)))
            let rows = planText.components(separatedBy: .newlines)
            let dataRow = try #require(rows.firstIndex { $0.hasPrefix("1\t") })
            func importProgram(_ text: String) async throws -> String {
                let res = try await oci.post("/programas/importar", ["texto": text])
                #expect(res.status.code < 500)
                guard res.status == .seeOther, let location = res.headers.first(name: .location) else { return res.body.string }
                return try await oci.get(location).body.string
            }
            check.vocabulary.append(try await importProgram(programText))
            // and what a refused file gives (the form again, with its error)
            check.vocabulary.append(try #require(try await importPlan("\(Payloads.benign)\t\(Payloads.benign)")))
            check.vocabulary.append(try await importProgram(Payloads.benign))
            let columns = rows[dataRow].components(separatedBy: "\t").count
            for (j, payload) in Payloads.all.enumerated() {
                try await write(payload)
                for path in pages { check.add("api payload \(j) \(path)", benign: [], hostile: try await oci.get(path).body.string) }
                let cell = payload.replacingOccurrences(of: "\t", with: " ")
                for c in 0..<columns where j % 3 == c % 3 || j == 0 {   // every column, spread over the payloads
                    var cells = rows[dataRow].components(separatedBy: "\t")
                    cells[c] = cell
                    var changed = rows
                    changed[dataRow] = cells.joined(separator: "\t")
                    if let page = try await importPlan(changed.joined(separator: "\n")) {
                        check.add("import plan payload \(j) column \(c)", benign: [], hostile: page)
                    }
                }
                let hostileProgram = programText.replacingOccurrences(of: "realizó la primera jornada", with: "realizó \(cell) la primera jornada")
                    .replacingOccurrences(of: "https://sanisidro.gov.co/planeacion/riesgos/politica-administracion-riesgo-2026.pdf",
                                          with: j % 2 == 0 ? "javascript:alert(1)" : "https://sanisidro.gov.co/\(cell)")
                check.add("import program payload \(j)", benign: [], hostile: try await importProgram(hostileProgram))
            }
            let problems = try check.problems()
            #expect(problems.isEmpty, "\(problems.sorted { $0.key < $1.key }.prefix(10))")
            #expect(try await oci.get("/ingresar").status.code < 500)
        }
    }
}
