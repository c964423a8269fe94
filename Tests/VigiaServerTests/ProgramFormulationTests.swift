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

    @Test("The OCI edits an activity, adds and removes sub-items; a recorded one is never removed; audited", arguments: TestDB.all)
    func editAndRemoveActivities(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let paac = try #require(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == fx.entityA)
                .filter(\.$name == ProgramTemplate.paacV2.name).first())
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/programas/nuevo", ["vigencia": "2027", "plantilla": paac.id!.uuidString, "periodicidad": "cuatrimestral"])
            let program = try #require(try await AnticorruptionProgram.query(on: app.db).filter(\.$vigencia == 2027).first())
            let p = program.id!
            for name in ["Primera", "Segunda", "Tercera"] {
                _ = try await oci.get("/programas/\(p)/componentes/1/actividades/nueva")
                #expect(try await oci.post("/programas/\(p)/componentes/1/actividades/nueva",
                                           ["actividad": name, "meta": "1 informe", "responsables": "OCI", "fechaProgramada": "30/06/2027"]).status == .seeOther)
            }
            func activity(_ name: String) async throws -> ProgramActivity {
                try #require(try await ProgramActivity.query(on: app.db).filter(\.$actividad == name).first())
            }
            let first = try await activity("Primera"), second = try await activity("Segunda")
            // Edit: the form comes filled; a bad date names the field; the change is audited field by field.
            let edit = try await oci.get("/programas/\(p)/actividades/\(first.id!)")
            #expect(edit.status == .ok && edit.body.string.contains(">Primera</textarea>") && edit.body.string.contains("Eliminar la actividad"))
            let bad = try await oci.post("/programas/\(p)/actividades/\(first.id!)", ["actividad": "Primera", "meta": "", "responsables": "OCI", "fechaProgramada": "x"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Meta o producto: escríbala."))
            #expect(try await oci.post("/programas/\(p)/actividades/\(first.id!)",
                                       ["actividad": "Primera, revisada", "meta": "2 informes", "responsables": "OCI", "fechaProgramada": "Permanente"]).status == .seeOther)
            let changed = try await AuditEvent.query(on: app.db).filter(\.$objectID == first.id!).filter(\.$field == "meta").first()
            #expect(changed?.oldValue == "1 informe" && changed?.newValue == "2 informes" && changed?.programID == p)
            #expect(try await activity("Primera, revisada").fechaProgramada == .permanente)
            // Sub-items: one level only.
            #expect(try await oci.post("/programas/\(p)/actividades/\(second.id!)/subactividades/nueva",
                                       ["actividad": "Sub uno", "meta": "1", "responsables": "OCI", "fechaProgramada": "30/04/2027"]).status == .seeOther)
            let sub = try await activity("Sub uno")
            #expect(sub.$parent.id == second.id && sub.position == 1)
            #expect(try await oci.post("/programas/\(p)/actividades/\(sub.id!)/subactividades/nueva",
                                       ["actividad": "Sub sub", "meta": "1", "responsables": "OCI", "fechaProgramada": "30/04/2027"]).status == .conflict)
            #expect(try await oci.get("/programas/\(p)").body.string.contains("• Sub uno"))
            // Roles and entities.
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.get("/programas/\(p)/actividades/\(first.id!)").status == .forbidden)
            #expect(try await responsable.post("/programas/\(p)/actividades/\(first.id!)/eliminar", [:]).status == .forbidden)
            var other = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await other.get("/programas/\(p)/actividades/\(first.id!)").status == .notFound)
            // A recorded seguimiento keeps the activity (and its parent) from removal; nothing is deleted.
            let period = try #require(try await FollowUpPeriod.query(on: app.db).filter(\.$program.$id == p).filter(\.$numero == 1).first())
            let f = ActivityFollowUp(entityID: fx.entityA, activityID: sub.id!, periodID: period.id!)
            f.porcentaje = 50
            try await f.create(on: app.db)
            let refused = try await oci.post("/programas/\(p)/actividades/\(second.id!)/eliminar", [:])
            #expect(refused.status == .conflict && refused.body.string.contains("ya tiene seguimiento o monitoreo registrado"))
            #expect(try await ProgramActivity.find(sub.id, on: app.db) != nil)
            // Removing one without records moves the later ones up.
            #expect(try await oci.post("/programas/\(p)/actividades/\(first.id!)/eliminar", [:]).status == .seeOther)
            #expect(try await ProgramActivity.find(first.id, on: app.db) == nil)
            let (a2, a3) = (try await activity("Segunda"), try await activity("Tercera"))
            #expect(a2.position == 1 && a3.position == 2)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$objectID == first.id!).filter(\.$summary == "Eliminó la actividad 1").first() != nil)
            // A closed program takes no more changes.
            _ = try await oci.post("/programas/\(p)/estado", ["estado": "cerrado"])
            #expect(try await oci.post("/programas/\(p)/actividades/\(second.id!)", ["actividad": "X", "meta": "1", "responsables": "OCI",
                                                                                  "fechaProgramada": "Permanente"]).status == .conflict)
        }
    }

    @Test("The API formulates the same way: activities, sub-items, removal and the program's estado, with the same refusals", arguments: TestDB.all)
    func api(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let paac = try #require(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == fx.entityA)
                .filter(\.$name == ProgramTemplate.paacV2.name).first())
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/programas/nuevo", ["vigencia": "2027", "plantilla": paac.id!.uuidString, "periodicidad": "cuatrimestral"])
            let p = try #require(try await AnticorruptionProgram.query(on: app.db).filter(\.$vigencia == 2027).first()).id!
            func activity(_ text: String, date: String = "30/06/2027") -> JSONBody {
                .o(["subcomponente": .s(""), "actividad": .s(text), "meta": .s("1 informe"), "responsables": .s(""),
                    "dependencias": .a([.s(fx.hacienda.uuidString)]), "fechaProgramada": .s(date)])
            }
            let bad = try await oci.json(.POST, "/api/v1/programs/\(p)/components/1/activities", activity("X", date: "31/13/2027"))
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Fecha programada"))
            let created = try await oci.json(.POST, "/api/v1/programs/\(p)/components/1/activities", activity("Revisar riesgos"))
            #expect(created.status == .created)
            let body = try created.content.decode(ProgramActivityApi.ActivityBody.self)
            #expect(body.responsables == "Secretaría de Hacienda" && body.dependencias == [fx.hacienda])
            let id = try #require(body.id)
            #expect(try await oci.json(.POST, "/api/v1/programs/\(p)/activities/\(id)/subitems", activity("Sub")).status == .created)
            let updated = try await oci.json(.PUT, "/api/v1/programs/\(p)/activities/\(id)", activity("Revisar los riesgos", date: "Permanente"))
            let afterUpdate = try updated.content.decode(ProgramActivityApi.ActivityBody.self)
            #expect(updated.status == .ok && afterUpdate.fechaProgramada == "Permanente")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "Modificó la actividad 1 (API)").first() != nil)
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.json(.DELETE, "/api/v1/programs/\(p)/activities/\(id)", JSONBody.o([:])).status == .forbidden)
            #expect(try await oci.json(.DELETE, "/api/v1/programs/\(p)/activities/\(id)", JSONBody.o([:])).status == .noContent)
            let components = try await ProgramComponent.query(on: app.db).filter(\.$program.$id == p).all().compactMap(\.id)
            #expect(try await ProgramActivity.query(on: app.db).filter(\.$component.$id ~~ components).count() == 0)
            #expect(try await oci.json(.PUT, "/api/v1/programs/\(p)/estado", JSONBody.o(["estado": .s("terminado")])).status == .unprocessableEntity)
            #expect(try await oci.json(.PUT, "/api/v1/programs/\(p)/estado", JSONBody.o(["estado": .s("cerrado")])).status == .ok)
            #expect(try await AnticorruptionProgram.find(p, on: app.db)?.estado == .cerrado)
            #expect(try await oci.json(.POST, "/api/v1/programs/\(p)/components/1/activities", activity("Tarde")).status == .conflict)
            var other = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await other.json(.PUT, "/api/v1/programs/\(p)/estado", JSONBody.o(["estado": .s("formulacion")])).status == .notFound)
        }
    }
}
