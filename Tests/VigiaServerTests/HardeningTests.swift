import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Uploads, headers, API tokens, program import, documents (SECURITY.md: V3, V8, V12, V14)")
struct HardeningTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".utf8)

    @Test("Upload limits: too many files, too many fields, too long a field; nothing is stored", arguments: TestDB.all)
    func uploadLimits(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.maxFilesPerRequest = 3; $0.maxFieldsPerRequest = 6; $0.maxFieldBytes = 2_000; $0.maxUploadBytes = 150_000 }) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let a1 = try await roundValues(app, plan: fx.planA).hallazgos[0].acciones[0].id!
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let path = "/planes/\(fx.planA)/seguimientos/1/acciones/\(a1)/autoreporte"
            _ = try await resp.get(path)
            let files = (0..<4).map { ("f\($0).pdf", HardeningTests.pdf + Data("\($0)".utf8)) }
            let tooMany = try await resp.upload(path, ["porcentaje": "50", "descripcion": "Avance"], files: files)
            #expect(tooMany.status == .payloadTooLarge)
            #expect(tooMany.body.string.contains("más de 3 archivos"))
            var fields = ["porcentaje": "50", "descripcion": "Avance"]
            for i in 0..<8 { fields["extra\(i)"] = "x" }
            let manyFields = try await resp.upload(path, fields, files: [])
            #expect(manyFields.status == .payloadTooLarge)
            #expect(manyFields.body.string.contains("más de 6 campos"))
            let long = try await resp.upload(path, ["porcentaje": "50", "descripcion": String(repeating: "a", count: 3_000)], files: [])
            #expect(long.status == .payloadTooLarge)
            #expect(long.body.string.contains("«descripcion»"))
            let total = try await resp.upload(path, ["descripcion": "x"], files: [("a.pdf", HardeningTests.pdf + Data(count: 60_000)),
                                                                                  ("b.pdf", HardeningTests.pdf + Data(count: 60_001)),
                                                                                  ("c.pdf", HardeningTests.pdf + Data(count: 60_002))])
            #expect(total.status == .payloadTooLarge)
            #expect(total.body.string.contains("en total"))
            // a text-only report without its token is refused too
            let noToken = try await resp.upload(path, ["porcentaje": "50", "descripcion": "Avance"], files: [], csrf: false)
            #expect(noToken.status == .forbidden)
            #expect(try await ProgressReport.query(on: app.db).count() == 0)
            #expect(try await ReportEvidence.query(on: app.db).count() == 0)
            let tmp = URL(fileURLWithPath: app.settings.dataDirectory).appendingPathComponent("evidencias/tmp")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []).isEmpty)
            // within the limits it works, and the file name is cleaned
            let ok = try await resp.upload(path, ["porcentaje": "50", "descripcion": "Avance"], files: [("../../etc/\u{202E}acta.pdf", HardeningTests.pdf)])
            #expect(ok.status == .seeOther)
            #expect(try await ReportEvidence.query(on: app.db).first()?.name == "acta.pdf")
        }
    }

    @Test("Headers: CSP, HSTS behind TLS, no-store on private pages and downloads; tokens not in logs", arguments: TestDB.all)
    func headers(db: TestDB) async throws {
        try await withTestApp(db, settings: { $0.secureCookies = true }) { app, fx in
            var anon = Browser(app)
            let login = try await anon.get("/ingresar")
            let csp = try #require(login.headers.first(name: "Content-Security-Policy"))
            for directive in ["base-uri 'none'", "object-src 'none'", "form-action 'self'", "frame-ancestors 'none'"] { #expect(csp.contains(directive)) }
            #expect(login.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
            #expect(login.headers.setCookie?["vigia_csrf"]?.isSecure == true)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            for path in ["/planes", "/planes/\(fx.planA)", "/planes/\(fx.planA)/documento/xlsx", "/planes/\(fx.planA)/documento/pdf", "/api/v1/plans"] {
                let res = try await oci.get(path)
                #expect(res.status == .ok, "\(path)")
                #expect(res.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            #expect(RequestLogMiddleware.redacted("/ical/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd.ics") == "/ical/[token].ics")
            #expect(RequestLogMiddleware.redacted("/planes/\(fx.planA)") == "/planes/\(fx.planA)")
        }
        try await withTestApp(db) { app, _ in
            let plain = try await app.testing().sendRequest(.GET, "/ingresar")
            #expect(plain.headers.first(name: "Strict-Transport-Security") == nil)
            // static files: served from Public's folders; a name the file system refuses is a plain 404
            #expect(try await app.testing().sendRequest(.GET, "/css/vigia.css").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/css/" + String(repeating: "a", count: 300)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/" + String(repeating: "b", count: 5000)).status == .notFound)
        }
    }

    @Test("API tokens: listed with creation and last use, expire, revocable from the web; audited", arguments: TestDB.all)
    func apiTokens(db: TestDB) async throws {
        let clock = TestClock()
        try await withTestApp(db, settings: { $0.now = { clock.now } }) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let created = try await oci.post("/cuenta/tokens", ["etiqueta": "Tablero <b>", "dias": "2"])
            #expect(created.status == .ok)
            let body = created.body.string
            let marker = try #require(body.range(of: "<code>"))
            let token = String(body[marker.upperBound...].prefix { $0 != "<" })
            #expect(token.count == 43)
            let call: () async throws -> HTTPStatus = {
                try await app.testing().sendRequest(.GET, "/api/v1/plans") { $0.headers.bearerAuthorization = .init(token: token) }.status
            }
            #expect(try await call() == .ok)
            let list = try await oci.get("/cuenta/tokens")
            #expect(list.body.string.contains("Tablero &lt;b&gt;"))
            #expect(!list.body.string.contains(token))
            #expect(!list.body.string.contains("Nunca"))    // last use is shown
            clock.advance(3 * 86_400)
            #expect(try await call() == .unauthorized)
            let record = try #require(try await ApiToken.query(on: app.db).first())
            // another user cannot revoke it; its owner can (signed in again: three days idle ended the session)
            #expect(try await oci.get("/cuenta/tokens").status == .seeOther)
            oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var other = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            #expect(try await other.post("/cuenta/tokens/\(record.id!)/revocar", [:]).status == .notFound)
            let revoked = try await oci.post("/cuenta/tokens/\(record.id!)/revocar", [:])
            #expect(revoked.status == .seeOther, "\(revoked.status) \(revoked.body.string.prefix(2000))")
            #expect(try await ApiToken.query(on: app.db).count() == 0)
            let summaries = try await AuditEvent.query(on: app.db).filter(\.$objectType == "token").all().map(\.summary)
            #expect(summaries.contains { $0.hasPrefix("Creó el token") } && summaries.contains { $0.hasPrefix("Revocó el token") })
            _ = fx
        }
    }

    @Test("Web program import: the user's entity, the user as actor, each field audited; a published period is refused", arguments: TestDB.all)
    func programImport(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var root = URL(fileURLWithPath: #filePath)
            for _ in 0..<3 { root.deleteLastPathComponent() }
            let c1 = try String(contentsOf: root.appendingPathComponent("Samples/seguimiento-paac-demo-2026-c1.txt"), encoding: .utf8)
            let c2 = try String(contentsOf: root.appendingPathComponent("Samples/seguimiento-paac-demo-2026-c2.txt"), encoding: .utf8)
            // Entity B has the same NIT-less twin problem no more: the web uses the user's entity.
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.post("/programas/importar", ["texto": c1]).status == .seeOther)
            let program = try #require(try await AnticorruptionProgram.query(on: app.db).first())
            #expect(program.$entity.id == fx.entityA)
            let events = try await AuditEvent.query(on: app.db).filter(\.$programID == program.id).all()
            #expect(events.allSatisfy { $0.userName == "oci@a.gov.co" })
            #expect(try await oci.post("/programas/importar", ["texto": c2]).status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$programID == program.id).filter(\.$field != nil).count() > 3)
            let period = try #require(try await FollowUpPeriod.query(on: app.db).filter(\.$program.$id == program.id!).filter(\.$numero == 2).first())
            period.estado = .publicado
            try await period.save(on: app.db)
            let again = try await oci.post("/programas/importar", ["texto": c2])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("ya está publicado"))
            #expect(!again.body.string.contains("Gobernación B"))
        }
    }

    @Test("XLSX cells stay text (no formula injection); the PDF and the calendar show text literally", arguments: TestDB.all)
    func documents(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let payload = #"=HYPERLINK("https://evil.example","clic"), ; \n <b>"#
            let finding = try #require(try await Finding.query(on: app.db).filter(\.$plan.$id == fx.planA).first())
            finding.descripcion = payload
            try await finding.save(on: app.db)
            let action = try #require(try await Action.query(on: app.db).filter(\.$finding.$id == finding.id!).first())
            action.descripcion = "+SUM(A1:A9)"
            try await action.save(on: app.db)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let xlsx = try await oci.get("/planes/\(fx.planA)/documento/xlsx")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-\(UUID().uuidString).xlsx")
            try Data(xlsx.body.readableBytesView).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let unzip = Process()
            unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            unzip.arguments = ["unzip", "-p", file.path, "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]
            let out = Pipe()
            unzip.standardOutput = out
            try unzip.run()
            let xml = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            unzip.waitUntilExit()
            #expect(xml.contains("=HYPERLINK(&quot;https://evil.example&quot;") || xml.contains("=HYPERLINK(\"https://evil.example\""))
            #expect(!xml.contains("HYPERLINK(\"https://evil.example\",\"clic\")</f>") && !xml.contains("SUM(A1:A9)</f>"))
            #expect(!xml.contains("<f>HYPERLINK") && !xml.contains("<f>SUM"))
            // The PDF shows the same text literally.
            let pdf = try await oci.get("/planes/\(fx.planA)/documento/pdf")
            let pdfFile = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-\(UUID().uuidString).pdf")
            try Data(pdf.body.readableBytesView).write(to: pdfFile)
            defer { try? FileManager.default.removeItem(at: pdfFile) }
            let toText = Process()
            toText.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            toText.arguments = ["pdftotext", "-layout", pdfFile.path, "-"]
            let textOut = Pipe()
            toText.standardOutput = textOut
            try toText.run()
            let text = String(decoding: textOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            toText.waitUntilExit()
            #expect(text.contains("+SUM(A1:A9)"))
            #expect(text.contains("=HYPERLINK("))
            // The calendar: the plan's name (unidad auditable) with ICS specials comes back literally.
            let plan = try #require(try await ImprovementPlan.find(fx.planA, on: app.db))
            plan.unidadAuditable = "Oficina; de, prueba\\ <b>"
            try await plan.save(on: app.db)
            try await PlanRevision.bump(fx.planA, on: app.db)   // a change past the services: raise it by hand
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let page = try await resp.post("/calendario", ["accion": "nuevo"])
            let start = try #require(page.body.string.range(of: "/ical/"))
            let token = String(page.body.string[start.upperBound...].prefix { $0 != "<" && $0 != "\"" })
            let feed = try await app.testing().sendRequest(.GET, "/ical/\(token)")
            #expect(feed.headers.first(name: .cacheControl) == "no-store")
            let events = try parseICS(feed.body.string)
            #expect(events.contains { $0.hasSuffix("· Oficina; de, prueba\\ <b>|2") || $0.contains("· Oficina; de, prueba\\ <b>|") })
        }
    }
}

@Suite("NUL characters never reach the database")
struct NulTests {
    @Test("A NUL in a form, a JSON body or an imported file is dropped, on both databases", arguments: TestDB.all)
    func nul(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let finding = try #require(try await Finding.query(on: app.db).filter(\.$plan.$id == fx.planA).first())
            let form = try await oci.post("/planes/\(fx.planA)/hallazgos/\(finding.id!)/editar",
                                          ["numero": "\(finding.numero)", "descripcion": "Con\u{0}nul", "causa": "c", "efecto": "e", "criterio": "k"])
            #expect(form.status == .seeOther)
            #expect(try await Finding.find(finding.id, on: app.db)?.descripcion == "Connul")
            let api = try await oci.json(.PATCH, "/api/v1/plans/\(fx.planA)/findings/\(finding.id!)", ["descripcion": "API\u{0}nul"])
            #expect(api.status == .ok)
            #expect(try await Finding.find(finding.id, on: app.db)?.descripcion == "APInul")
            let imported = try await oci.post("/planes/importar", ["texto": try samplePlanText().replacingOccurrences(of: "Secretaría", with: "Secre\u{0}taría")])
            #expect(imported.status == .seeOther)
        }
    }
}
