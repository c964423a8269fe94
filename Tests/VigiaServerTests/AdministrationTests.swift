import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Administration of the entity: its data, dependencias, the mail server")
struct AdministrationTests {
    static let entityFields = ["nombre": "Alcaldía de San Isidro", "nit": "890.000.123-4", "proceso": "Evaluación independiente",
                               "nombreFormato": "Plan de mejoramiento", "codigo": "EI-F-07", "version": "3", "fecha": "15/03/2024",
                               "consecutivo": "", "plazoMaximo": "18", "recordatorios": "20"]

    @Test("The administrador sets the entity's name, NIT, format block, plan term and reminder days; documents and reminders follow",
          arguments: TestDB.all)
    func entitySettings(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/administracion/entidad").status == .forbidden)
            let b = try #require(try await Entity.find(fx.entityB, on: app.db))
            b.nit = "890.000.222-1"
            try await b.save(on: app.db)
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            #expect(try await admin.get("/administracion/entidad").body.string.contains("800-A"))
            var bad = Self.entityFields
            bad["nit"] = "890.000.222-1"; bad["plazoMaximo"] = "0"; bad["recordatorios"] = "15, cinco"; bad["nombre"] = " "
            let refused = try await admin.post("/administracion/entidad", bad)
            #expect(refused.status == .unprocessableEntity)
            for message in ["NIT: otra entidad de esta instalación ya tiene el NIT 890.000.222-1.", "Nombre: escriba el nombre de la entidad.",
                            "Plazo máximo: «0» no es un número de meses de 1 a 60", "Recordatorios: «cinco» no es un número de días de 1 a 90."] {
                #expect(refused.body.string.contains(message), "\(message)")
            }
            #expect(try await Entity.find(fx.entityA, on: app.db)?.name == "Alcaldía A")
            #expect(try await admin.post("/administracion/entidad", Self.entityFields).status == .seeOther)
            let doc = try JSONDecoder().decode(PlanDocument.self, from: try await VigiaTasks.exportPlanJSON(id: fx.planA, round: nil, on: app.db))
            // The name and the process are the entity's; a plan keeps the code, version and date of the format it was made on.
            #expect(doc.plan.formato.entidad == "Alcaldía de San Isidro" && doc.plan.formato.proceso == "Evaluación independiente")
            #expect(doc.plan.formato.codigo == "EI-F-012")   // the imported file's own code
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectType == "entidad").all()
            #expect(audit.contains { $0.field == "código" && $0.newValue == "EI-F-07" })
            // Reminders 20 days before: the first action ends 30/09/2026, so on 12/09 (18 days before) it is reminded.
            let before = try await Notification.query(on: app.db).count()
            try await NotificationService.run(today: LocalDate(year: 2026, month: 9, day: 12)!, app: app, smtp: nil)
            #expect(try await Notification.query(on: app.db).count() > before)
        }
    }

    @Test("Dependencias: create, refuse a repeated name, rename (history keeps the old), merge, deactivate only without active users",
          arguments: TestDB.all)
    func dependencies(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            #expect(try await admin.post("/administracion/dependencias", ["nombre": "Secretaría de Salud"]).status == .seeOther)
            let repeated = try await admin.post("/administracion/dependencias", ["nombre": "secretaria de SALUD"])
            #expect(repeated.status == .unprocessableEntity && repeated.body.string.contains("Nombre: ya existe la dependencia «Secretaría de Salud»."))
            let planeacion = try #require(try await Dependency.query(on: app.db).filter(\.$name == "Secretaría de Planeación").first()?.id)
            _ = try await admin.get("/administracion/dependencias/\(planeacion)")
            #expect(try await admin.post("/administracion/dependencias/\(planeacion)", ["accion": "renombrar", "nombre": "Oficina Asesora de Planeación"]).status == .seeOther)
            let rename = try await AuditEvent.query(on: app.db).filter(\.$objectID == planeacion).filter(\.$field == "nombre").first()
            #expect(rename?.oldValue == "Secretaría de Planeación" && rename?.newValue == "Oficina Asesora de Planeación")
            // Hacienda has an active responsable: it cannot be deactivated, but it can be merged.
            #expect(try await admin.post("/administracion/dependencias/\(fx.hacienda)", ["accion": "desactivar"]).status == .conflict)
            let merged = try await admin.post("/administracion/dependencias/\(fx.hacienda)", ["accion": "fusionar", "destino": planeacion.uuidString])
            #expect(merged.status == .seeOther)
            #expect(try await ImprovementPlan.find(fx.planA, on: app.db)?.$dependency.id == planeacion)
            #expect(try await User.query(on: app.db).filter(\.$email == "hacienda@a.gov.co").first()?.$dependency.id == planeacion)
            #expect(try await Dependency.find(fx.hacienda, on: app.db)?.active == false)
            #expect(try await ActionDependency.query(on: app.db).filter(\.$dependency.$id == fx.hacienda).count() == 0)
            // The responsable still sees its plan; the merged name is offered nowhere new.
            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await responsable.get("/planes/\(fx.planA)").status == .ok)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let newPlan = try await oci.get("/planes/nuevo").body.string
            #expect(newPlan.contains("Oficina Asesora de Planeación") && !newPlan.contains("Secretaría de Hacienda"))
            #expect(try await oci.get("/administracion/dependencias").status == .forbidden)
            var b = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await b.post("/administracion/dependencias/\(planeacion)", ["accion": "desactivar"]).status == .forbidden)
        }
    }

    @Test("The mail server page never shows the password; a test message reaches a real SMTP server, a failure is shown",
          arguments: TestDB.all)
    func mailServer(db: TestDB) async throws {
        let smtp = try LocalSMTPServer()
        try await withTestApp(db) { app, _ in
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            app.smtpSettings = nil
            #expect(try await admin.get("/administracion/correo").body.string.contains("No hay servidor de correo configurado"))
            var withPassword = smtp.settings
            withPassword.username = "vigia"; withPassword.password = "secreto-del-correo"
            app.smtpSettings = withPassword
            let page = try await admin.get("/administracion/correo").body.string
            #expect(page.contains("Configurada (no se muestra)") && !page.contains("secreto-del-correo"))
            app.smtpSettings = smtp.settings
            let sent = try await admin.post("/administracion/correo", ["para": "prueba@a.gov.co"])
            #expect(sent.status == .ok && sent.body.string.contains("El servidor de correo aceptó el mensaje para prueba@a.gov.co"))
            #expect(try await smtp.waitForMessages(1).map(decode).first?.subject == "Vigía: correo de prueba")
            app.smtpSettings = SMTPSettings(url: "smtp://127.0.0.1:9", from: "vigia@a.gov.co", allowPlain: true)
            let failed = try await admin.post("/administracion/correo", ["para": "prueba@a.gov.co"])
            #expect(failed.status == .badGateway && failed.body.string.contains("No se pudo enviar"))
        }
    }
}
