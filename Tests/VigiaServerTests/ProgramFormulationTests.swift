import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Templates, new programs and their activities")
struct ProgramFormulationTests {
    @Test("A template edit is a new version; programs keep theirs; activities reach their responsables", arguments: TestDB.all)
    func templatesAndPrograms(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let paac = try #require(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == fx.entityA)
                .filter(\.$name == ProgramTemplate.paacV2.name).first())
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let created = try await oci.post("/programas/nuevo", ["vigencia": "2027", "plantilla": paac.id!.uuidString, "periodicidad": "semestral"])
            #expect(created.status == .seeOther)
            let program = try #require(try await AnticorruptionProgram.query(on: app.db).filter(\.$vigencia == 2027).first())
            #expect(program.plantilla == "PAAC – Guía V2 · versión 1")
            #expect(try await FollowUpPeriod.query(on: app.db).filter(\.$program.$id == program.id!).count() == 2)
            #expect(try await ProgramComponent.query(on: app.db).filter(\.$program.$id == program.id!).count() == 6)
            // the OCI may not edit templates; the administrator may, as a new version
            #expect(try await oci.post("/plantillas/\(paac.id!)", ["titulo": "x", "periodicidad": "semestral", "estructura": "1. Uno"]).status == .forbidden)
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            let bad = try await admin.post("/plantillas/\(paac.id!)", ["titulo": "T", "periodicidad": "cuatrimestral", "estructura": "- huérfano"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Línea 1"))
            let saved = try await admin.post("/plantillas/\(paac.id!)", ["titulo": "T", "periodicidad": "cuatrimestral",
                                                                         "estructura": "1. Uno\n- Sub A\n2. Dos"])
            #expect(saved.status == .seeOther)
            #expect(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == fx.entityA).filter(\.$name == paac.name).count() == 2)
            // the other entity's copy is untouched, and its template does not exist for this administrador
            #expect(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == fx.entityB).filter(\.$name == paac.name).count() == 1)
            let other = try #require(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == fx.entityB).first())
            #expect(try await admin.get("/plantillas/\(other.id!)").status == .notFound)
            #expect(try await admin.post("/plantillas/\(other.id!)", ["titulo": "x", "periodicidad": "semestral", "estructura": "1. Uno"]).status == .notFound)
            #expect(try await AnticorruptionProgram.find(program.id, on: app.db)?.plantilla == "PAAC – Guía V2 · versión 1")
            // an activity for the Secretaría de Hacienda shows in its monitoreo form
            let hacienda = try #require(try await Dependency.query(on: app.db).filter(\.$name == "Secretaría de Hacienda").first())
            let bad2 = try await oci.post("/programas/\(program.id!)/componentes/1/actividades/nueva",
                                          ["actividad": "Revisar riesgos", "meta": "1 informe", "responsables": "", "fechaProgramada": "31/13/2027"])
            #expect(bad2.status == .unprocessableEntity)
            #expect(bad2.body.string.contains("Fecha programada"))
            let added = try await oci.post("/programas/\(program.id!)/componentes/1/actividades/nueva",
                                           ["actividad": "Revisar los riesgos de recaudo", "meta": "1 informe", "responsables": "",
                                            "dependencias[]": hacienda.id!.uuidString, "fechaProgramada": "Permanente"])
            #expect(added.status == .seeOther)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let form = try await resp.get("/programas/\(program.id!)/periodos/1/monitoreo")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Revisar los riesgos de recaudo"))
        }
    }
}
