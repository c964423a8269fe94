import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// Entity A with three plans of the sample (4 findings, 13 actions each): the fixture's plan of the
/// Secretaría de Hacienda, graded at a cut-off of 30/06/2026 (1.3 at 100 %, 1.4 at 10 %, 2.2 at
/// 50 %, the rest ungraded); an ungraded plan whose unidad auditable is “Oficina de Rentas” but
/// whose Dependency is the Secretaría de Hacienda; an ungraded plan of “Control Disciplinario”,
/// without a Dependency. Action 1.2 (01/07–30/11/2026) ends on 30/11/2026: the figures are
/// checked that day and the next.
@Suite("The home page's figures on a known data set, on both sides of a fecha final")
struct DashboardTests {
    struct Pages {
        var oci: String
        var responsable: String
    }

    func pages(_ db: TestDB, on day: LocalDate) async throws -> Pages {
        var result = Pages(oci: "", responsable: "")
        try await withTestApp(db, settings: { $0.now = TestDates.at(day) }) { app, fx in
            let text = try samplePlanText()
            _ = try await VigiaTasks.importPlan(text: text, entityNIT: "800-A", unidad: "Oficina de Rentas",
                                                dependency: "Secretaría de Hacienda", at: app.now, on: app.db)
            _ = try await VigiaTasks.importPlan(text: text, entityNIT: "800-A", unidad: "Control Disciplinario",
                                                dependency: nil, at: app.now, on: app.db)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let ids = try await roundValues(app, plan: fx.planA).hallazgos.map { $0.acciones.map { $0.id!.uuidString } }
            let saved = try await oci.post("/planes/\(fx.planA)/seguimientos/1", ["fechaCorte": "30/06/2026",
                                           "pct_\(ids[0][2])": "100", "pct_\(ids[0][3])": "10", "pct_\(ids[1][1])": "50"])
            #expect(saved.status == .seeOther)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let reported = try await resp.upload("/planes/\(fx.planA)/seguimientos/1/acciones/\(ids[1][2])/autoreporte",
                                                 ["porcentaje": "30", "descripcion": "Avance"], files: [])
            #expect(reported.status == .seeOther)
            result = Pages(oci: try await oci.get("/").body.string, responsable: try await resp.get("/").body.string)
        }
        return result
    }

    func dependencyRow(_ name: String, _ light: String, overdue: Int, behind: Int) -> String {
        "<tr><td>\(name)</td><td><span class=\"light \(light)</span></td><td class=\"num\">\(overdue)</td><td class=\"num\">\(behind)</td></tr>"
    }

    @Test("On the fecha final of 1.2 (30/11/2026)", arguments: TestDB.all)
    func onTheFechaFinal(db: TestDB) async throws {
        let p = try await pages(db, on: LocalDate(year: 2026, month: 11, day: 30)!)
        // Actions per state in the graded plan, in the order of the table: SIN INICIAR (1.2, not
        // started at the cut-off), EN EJECUCIÓN (the other 11), CUMPLIDA (1.3).
        #expect(p.oci.contains("<th scope=\"col\">SIN INICIAR</th><th scope=\"col\">EN EJECUCIÓN</th><th scope=\"col\">CUMPLIDA</th>"))
        #expect(p.oci.contains("<tr><td class=\"num\">1</td><td class=\"num\">11</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>"))
        // Hacienda: 52,5 % (hallazgo 1 at 55 %, hallazgo 2 at 50 %, the others ungraded); vencidas
        // (fecha final past, below 100 %): 1.1, 2.2, 2.3, 3.1, 4.1, 4.2 of the graded plan and those
        // and 1.3 of the Rentas plan; atrasadas at the cut-off: 1.4 (10 % of 41,9 % expected) and
        // 2.2 (50 % of 79,6 %).
        #expect(p.oci.contains(dependencyRow("Secretaría de Hacienda", "rojo\">52,5 % · Baja", overdue: 13, behind: 2)))
        #expect(p.oci.contains(dependencyRow("Control Disciplinario", "sin_dato\">— · Sin calificar", overdue: 7, behind: 0)))
        #expect(!p.oci.contains("<td>Oficina de Rentas</td>"))   // grouped under its Dependency
        #expect(p.oci.contains("Control Disciplinario: —; Secretaría de Hacienda: 52,5 %"))   // the chart's text equivalent
        #expect(p.oci.contains("3 planes; 2 acciones atrasadas en el último seguimiento."))
        #expect(p.oci.contains("Seguimiento 1 · Secretaría de Hacienda: 1 autoreporte(s) sin calificar"))
        #expect(p.responsable.contains("Hallazgo 1, acción 2 · Secretaría de Hacienda</a></td><td>30/11/2026</td><td>Vence hoy</td>"))
        #expect(p.responsable.contains("Hallazgo 1, acción 2 · Oficina de Rentas</a></td><td>30/11/2026</td><td>Vence hoy</td>"))
        #expect(!p.responsable.contains("Control Disciplinario"))
        #expect(!p.responsable.contains("<svg"))
    }

    @Test("The day after the fecha final of 1.2 (01/12/2026)", arguments: TestDB.all)
    func theDayAfter(db: TestDB) async throws {
        let p = try await pages(db, on: LocalDate(year: 2026, month: 12, day: 1)!)
        #expect(p.oci.contains("<tr><td class=\"num\">1</td><td class=\"num\">11</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>"))
        // 1.2 is now vencida in both Hacienda plans and in the Control Disciplinario plan.
        #expect(p.oci.contains(dependencyRow("Secretaría de Hacienda", "rojo\">52,5 % · Baja", overdue: 15, behind: 2)))
        #expect(p.oci.contains(dependencyRow("Control Disciplinario", "sin_dato\">— · Sin calificar", overdue: 8, behind: 0)))
        #expect(p.responsable.contains("Hallazgo 1, acción 2 · Secretaría de Hacienda</a></td><td>30/11/2026</td><td>Vencida hace 1 días</td>"))
    }
}
