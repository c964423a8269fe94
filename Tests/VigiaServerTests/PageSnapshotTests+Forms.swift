import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// The forms and the printable documents, empty, filled and refused, written like the pages of
/// `PageSnapshotTests` (skipped unless `VIGIA_PAGE_SNAPSHOT_DIR` is set).
extension PageSnapshotTests {
    @Test("Writes the forms of a known data set")
    func writeForms() async throws {
        try await withDemoData { dir, app, fx, program in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let plan = "/planes/\(fx.planA)"
            try save(dir, "form-round-new", try await oci.get("\(plan)/seguimientos/nuevo"))
            try save(dir, "form-round-new-error", try await oci.post("\(plan)/seguimientos/nuevo", ["fechaCorte": "31/02/<2026>"]))
            _ = try await oci.post("\(plan)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let a = snap.hallazgos.map { $0.acciones.map { $0.id!.uuidString } }
            let f = snap.hallazgos.map { $0.id!.uuidString }
            let bad = "<b>\"x\" & 'y'</b>"
            try save(dir, "form-finding-new", try await oci.get("\(plan)/hallazgos/nuevo"))
            try save(dir, "form-finding-error", try await oci.post("\(plan)/hallazgos/nuevo", ["numero": "", "descripcion": "", "causa": bad]))
            try save(dir, "form-finding-edit", try await oci.get("\(plan)/hallazgos/\(f[0])/editar"))
            try save(dir, "form-action-new", try await oci.get("\(plan)/hallazgos/\(f[0])/acciones/nueva"))
            try save(dir, "form-action-error", try await oci.post("\(plan)/hallazgos/\(f[0])/acciones/nueva",
                                                                  ["descripcion": bad, "fechaInicial": "40/40/2026", "meta": ""]))
            try save(dir, "form-action-edit", try await oci.get("\(plan)/acciones/\(a[0][0])/editar"))
            try save(dir, "form-plan-new", try await oci.get("/planes/nuevo"))
            try save(dir, "form-plan-error", try await oci.post("/planes/nuevo", ["unidadAuditable": bad, "fechaSuscripcion": "x"]))
            try save(dir, "form-plan-edit", try await oci.get("\(plan)/editar"))
            try save(dir, "form-plan-import", try await oci.get("/planes/importar"))
            try save(dir, "form-round", try await oci.get("\(plan)/seguimientos/1"))
            try save(dir, "form-round-error", try await oci.post("\(plan)/seguimientos/1", [
                "fechaCorte": "30/06/2026", "pct_\(a[0][0])": "abc", "ev_\(a[0][0])": bad, "obs_\(a[0][1])": bad]))
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            try save(dir, "form-reports", try await resp.get("\(plan)/seguimientos/1/autoreportes"))
            try save(dir, "form-report", try await resp.get("\(plan)/seguimientos/1/acciones/\(a[0][2])/autoreporte"))
            try save(dir, "form-report-error", try await resp.upload("\(plan)/seguimientos/1/acciones/\(a[0][2])/autoreporte",
                                                                     ["porcentaje": "abc", "descripcion": bad], files: []))
            try save(dir, "form-program-grade", try await oci.get("/programas/\(program)/periodos/1/seguimiento"))
            try save(dir, "form-program-grade-2", try await oci.get("/programas/\(program)/periodos/2/seguimiento"))
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            try save(dir, "form-templates", try await admin.get("/plantillas"))
            let template = try #require(try await ProgramTemplateRecord.query(on: app.db).first()?.id)
            try save(dir, "form-template-edit", try await admin.get("/plantillas/\(template)"))
            try save(dir, "form-template-error", try await admin.post("/plantillas/\(template)",
                                                                      ["titulo": bad, "periodicidad": "semestral", "estructura": "- <sin componente>"]))
            try save(dir, "form-program-new-error", try await oci.post("/programas/nuevo",
                                                                       ["vigencia": "20x6", "plantilla": template.uuidString, "periodicidad": "semestral"]))
            try save(dir, "form-program-new", try await oci.get("/programas/nuevo"))
            try save(dir, "form-program-import", try await oci.get("/programas/importar"))
            try save(dir, "form-program-import-error", try await oci.post("/programas/importar", ["texto": bad]))
            try save(dir, "form-activity-new", try await oci.get("/programas/\(program)/componentes/1/actividades/nueva"))
            try save(dir, "doc-plan", try await oci.get("\(plan)/documento/html"))
            try save(dir, "doc-plan-round", try await oci.get("\(plan)/documento/html?seguimiento=1"))
            try save(dir, "doc-program", try await oci.get("/programas/\(program)/periodos/1/documento/html"))
        }
    }
}
