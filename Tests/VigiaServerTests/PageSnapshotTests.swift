import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// Writes the HTML of the main pages, ids and tokens blanked, to `VIGIA_PAGE_SNAPSHOT_DIR`
/// (skipped when it is not set): run it before and after a change to a view and `diff` the two
/// folders to see what users would see differently.
@Suite("Page snapshots for before/after comparison")
struct PageSnapshotTests {
    @Test("Writes the pages of a known data set")
    func write() async throws {
        try await withDemoData { dir, app, fx, program in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let a = snap.hallazgos.map { $0.acciones.map { $0.id!.uuidString } }
            let f = snap.hallazgos.map { $0.id!.uuidString }
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/1", [
                "fechaCorte": "30/06/2026", "pct_\(a[0][0])": "100", "ev_\(a[0][0])": "Acta 12 <firmada>", "obs_\(a[0][0])": "Cumplida & verificada",
                "pct_\(a[0][1])": "50", "pct_\(a[1][0])": "20", "st_\(a[1][0])": "vencida", "js_\(a[1][0])": "No entregó soportes",
                "fst_\(f[3])": "cerrado", "fjs_\(f[3])": "Subsanado en visita",
            ])
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            _ = try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(a[0][2])/autoreporte",
                                      ["porcentaje": "30", "descripcion": "Avance"], files: [])
            _ = try await oci.post("/programas/\(program)/periodos/1/publicar", [:])
            var consulta = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            let pages: [(String, String)] = [
                ("home", "/"), ("plans", "/planes"), ("plan", "/planes/\(fx.planA)"), ("plan-empty", "/planes/\(fx.planB)"),
                ("programs", "/programas"), ("program", "/programas/\(program)"), ("program-2", "/programas/\(program)?periodo=2"),
                ("inbox", "/notificaciones"), ("calendar", "/calendario"), ("tokens", "/cuenta/tokens"),
            ]
            for (name, path) in pages { try save(dir, "oci-\(name)", try await oci.get(path)) }
            for (name, path) in [("home", "/"), ("plan", "/planes/\(fx.planA)"), ("plans", "/planes"), ("program", "/programas/\(program)")] {
                try save(dir, "resp-\(name)", try await resp.get(path))
                try save(dir, "consulta-\(name)", try await consulta.get(path))
            }
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/1/publicar", [:])
            try save(dir, "oci-plan-published", try await oci.get("/planes/\(fx.planA)"))
            var anon = Browser(app)
            try save(dir, "public-index", try await anon.get("/transparencia"))
            try save(dir, "public-entity", try await anon.get("/transparencia/\(fx.entityA)"))
            try save(dir, "login", try await anon.get("/ingresar"))
        }
    }

    /// The test app with the fixtures and the demo PAAC imported, and the folder to write to;
    /// nothing runs unless `VIGIA_PAGE_SNAPSHOT_DIR` is set.
    func withDemoData(_ body: (String, Application, Fixture, UUID) async throws -> Void) async throws {
        guard let dir = ProcessInfo.processInfo.environment["VIGIA_PAGE_SNAPSHOT_DIR"] else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try await withTestApp(.sqlite) { app, fx in
            let text = try String(contentsOf: samplesFolder().appendingPathComponent("seguimiento-paac-demo-2026-c1.txt"), encoding: .utf8)
            let program = try await VigiaTasks.importProgram(text: text, entityNIT: "800-A", at: app.now, on: app.db).id
            try await body(dir, app, fx, program)
        }
    }

    func samplesFolder() -> URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples")
    }

    func save(_ dir: String, _ name: String, _ res: TestingHTTPResponse) throws {
        var html = res.body.string
        for pattern in ["[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", "value=\"[A-Za-z0-9_-]{43}\"",
                        "[0-9a-f]{64}", "-?[0-9]{6,}"] {
            html = html.replacingOccurrences(of: pattern, with: "…", options: .regularExpression)
        }
        html = html.replacingOccurrences(of: "><", with: ">\n<")
        try "\(res.status.code)\n\(html)".write(toFile: "\(dir)/\(name).html", atomically: true, encoding: .utf8)
    }
}
