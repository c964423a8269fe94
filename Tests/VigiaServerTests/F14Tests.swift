import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("SIRECI's F14.1 of a CGR plan: the finding's code, the download, the command")
struct F14Tests {
    @Test("A CGR plan offers its F14.1 at a semester cut-off; the finding's CGR code goes into it; other cut-offs are refused in Spanish",
          arguments: TestDB.all)
    func download(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(!(try await oci.get("/planes/\(fx.planA)").body.string.contains("Descargar F14.1")), "not a CGR plan")
            let plan = try #require(try await ImprovementPlan.find(fx.planA, on: app.db))
            plan.origen = .contraloriaGeneral
            try await plan.save(on: app.db)
            try await PlanRevision.bump(fx.planA, on: app.db)   // written past the services
            #expect(try await oci.get("/planes/\(fx.planA)").body.string.contains("Descargar F14.1"))

            let finding = try #require(try await roundValues(app, plan: fx.planA).hallazgos.first?.id)
            struct Patch: Encodable { var codigo = "CGR-2026-H07" }
            #expect(try await oci.json(.PATCH, "/api/v1/plans/\(fx.planA)/findings/\(finding)", Patch()).status == .ok)
            #expect(try await roundValues(app, plan: fx.planA).hallazgos.first?.codigo == "CGR-2026-H07")
            let form = try await oci.get("/planes/\(fx.planA)/hallazgos/\(finding)/editar").body.string
            #expect(form.contains("name=\"codigo\" id=\"codigo\" value=\"CGR-2026-H07\""))
            let action = try #require(try await roundValues(app, plan: fx.planA).hallazgos.first?.acciones.first?.id)
            struct ActionPatch: Encodable { var objetivo = "Que cada conciliación tenga soporte" }
            #expect(try await oci.json(.PATCH, "/api/v1/plans/\(fx.planA)/actions/\(action)", ActionPatch()).status == .ok)
            #expect(try await roundValues(app, plan: fx.planA).hallazgos.first?.acciones.first?.objetivo == "Que cada conciliación tenga soporte")
            #expect(try await oci.get("/planes/\(fx.planA)/acciones/\(action)/editar").body.string.contains(">Que cada conciliación tenga soporte</textarea>"))

            let xlsx = try await oci.get("/planes/\(fx.planA)/f14?corte=31%2F12%2F2026")
            #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType.contains("spreadsheet") == true)
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("F14.1_") == true)
            let bad = try await oci.get("/planes/\(fx.planA)/f14?corte=15%2F07%2F2026")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("con corte al 30 de junio o al 31 de diciembre"))
            #expect(try await oci.get("/planes/\(fx.planB)/f14?corte=31%2F12%2F2026").status == .notFound)

            let (data, name) = try await VigiaTasks.exportPlanF14(id: fx.planA, corte: "30/06/2026", on: app.db)
            #expect(data.starts(with: Data("PK".utf8)) && name.hasSuffix("_2026-06-30.xlsx"))
            await #expect(throws: ValidationFailure.self) { _ = try await VigiaTasks.exportPlanF14(id: fx.planA, corte: nil, on: app.db) }
            let audit = try await AuditEvent.query(on: app.db).filter(\.$planID == fx.planA).all().map(\.field)
            #expect(audit.contains("código") && audit.contains("objetivo"))
        }
    }
}
