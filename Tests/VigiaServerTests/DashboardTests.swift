import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("The OCI dashboard on a known data set")
struct DashboardTests {
    @Test("States, progress per dependencia with its chart and text, reports waiting; a responsable sees its pending actions",
          arguments: TestDB.all)
    func dashboard(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let ids = snap.hallazgos[0].acciones.map { $0.id!.uuidString }
            // 1.1 at 100 % (CUMPLIDA), 1.2 at 50 % (EN EJECUCIÓN); the rest ungraded
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "2026-06-30", "pct_\(ids[0])": "100", "pct_\(ids[1])": "50"])
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            _ = try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(ids[2])/autoreporte",
                                      ["porcentaje": "30", "descripcion": "Avance"], files: [])
            let home = try await oci.get("/")
            let html = home.body.string
            #expect(html.contains("<th scope=\"col\">CUMPLIDA</th>"))
            let e = PlanEvaluator.evaluate(try await roundValues(app, plan: fx.planA))
            for (label, count) in e.conteoPorEstado { #expect(html.contains(label), "\(label) \(count)") }
            #expect(html.contains("<svg"))
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("Secretaría de Hacienda: \(SpanishFormat.percent(e.plan.porcentaje))"))   // the chart's text equivalent
            #expect(html.contains("Seguimiento 1 · Secretaría de Hacienda: 1 autoreporte(s) sin calificar"))
            let mine = try await resp.get("/")
            #expect(mine.body.string.contains("Sus acciones pendientes"))
            #expect(!mine.body.string.contains("<svg"))
        }
    }
}
