import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("User administration from the web")
struct UserAdminTests {
    @Test("The administrador creates a user, the invitation arrives by SMTP, the person sets a password and signs in", arguments: TestDB.all)
    func invitation(db: TestDB) async throws {
        let smtp = try LocalSMTPServer()
        try await withTestApp(db, settings: { $0.publicURL = "https://vigia.alcaldia.gov.co" }) { app, fx in
            app.smtpSettings = smtp.settings
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            #expect(try await admin.get("/administracion").body.string.contains("Usuarios"))
            _ = try await admin.get("/administracion/usuarios/nuevo")
            // A responsable needs its dependencia; an address already used is refused.
            let noDependency = try await admin.post("/administracion/usuarios/nuevo", ["nombre": "Luisa Gómez", "email": "lgomez@a.gov.co", "rol": "responsable"])
            #expect(noDependency.status == .unprocessableEntity)
            #expect(noDependency.body.string.contains("Dependencia: un responsable reporta por una dependencia; elíjala."))
            let taken = try await admin.post("/administracion/usuarios/nuevo", ["nombre": "Otra", "email": "OCI@a.gov.co", "rol": "oci"])
            #expect(taken.body.string.contains("Correo: ya hay una cuenta con oci@a.gov.co."))
            let created = try await admin.post("/administracion/usuarios/nuevo", ["nombre": "Luisa Gómez", "email": "LGomez@a.gov.co ", "cargo": "Profesional",
                                                                                 "rol": "responsable", "dependencia": fx.hacienda.uuidString])
            #expect(created.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "lgomez@a.gov.co").first())
            #expect(user.role == .responsable && user.$dependency.id == fx.hacienda && user.$entity.id == fx.entityA)
            let mail = try #require(try await smtp.waitForMessages(1).first.map(decode))
            #expect(mail.subject == "Vigía: su cuenta en Alcaldía A" && mail.body.contains("Su usuario es lgomez@a.gov.co"))
            let secret = try #require(linkSecret(in: mail.body))
            var luisa = Browser(app)
            #expect(try await luisa.get("/clave/nueva?t=\(secret)").body.string.contains("Cree su contraseña"))
            #expect(try await luisa.post("/clave/nueva", ["t": secret, "nueva": "cafetal de la montaña 9", "confirmacion": "cafetal de la montaña 9"]).status == .ok)
            _ = try await luisa.get("/ingresar")
            #expect(try await luisa.post("/ingresar", ["email": "lgomez@a.gov.co", "password": "cafetal de la montaña 9"]).status == .seeOther)
            let list = try await admin.get("/administracion/usuarios")
            #expect(list.body.string.contains("Luisa Gómez") && list.body.string.contains("Secretaría de Hacienda"))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectID == user.id).all().map(\.summary)
            #expect(audit.contains("Creó el usuario lgomez@a.gov.co (Responsable de dependencia)"))
            #expect(audit.contains("Envió la invitación a lgomez@a.gov.co por correo"))
            #expect(audit.contains("Aceptó la invitación y creó su contraseña"))
        }
    }

    @Test("Only the administrador of the same entity manages users; deactivation ends sessions and tokens at once; the last administrador stays",
          arguments: TestDB.all)
    func permissionsAndDeactivation(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/administracion/usuarios").status == .forbidden)
            #expect(try await oci.post("/administracion/usuarios/nuevo", ["nombre": "X", "email": "x@a.gov.co", "rol": "administrador"]).status == .forbidden)
            let target = try #require(try await User.query(on: app.db).filter(\.$email == "hacienda@a.gov.co").first())
            let id = try target.requireID()
            var otherEntity = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await otherEntity.get("/administracion/usuarios/\(id)").status == .forbidden)

            var responsable = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let token = try await VigiaTasks.createToken(email: "hacienda@a.gov.co", label: "integración", at: app.now, on: app.db)
            func api() async throws -> HTTPStatus {
                try await app.testing().sendRequest(.GET, "/api/v1/plans") { $0.headers.bearerAuthorization = .init(token: token) }.status
            }
            #expect(try await api() == .ok)
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            // Role and dependencia change, audited field by field.
            _ = try await admin.get("/administracion/usuarios/\(id)")
            #expect(try await admin.post("/administracion/usuarios/\(id)", ["nombre": "Jefe de Hacienda", "cargo": "Secretario", "rol": "consulta",
                                                                           "dependencia": ""]).status == .seeOther)
            let changed = try await AuditEvent.query(on: app.db).filter(\.$objectID == id).filter(\.$field == "rol").first()
            #expect(changed?.oldValue == "Responsable de dependencia" && changed?.newValue == "Consulta")
            // Asking first changes nothing; the page says what will happen.
            let ask = try await admin.get("/administracion/usuarios/\(id)/desactivar")
            #expect(ask.status == .ok && ask.body.string.contains("¿Desactivar a Jefe de Hacienda?") && ask.body.string.contains("Sí, desactivar"))
            #expect(try await User.find(id, on: app.db)?.active == true)
            #expect(try await oci.get("/administracion/usuarios/\(id)/desactivar").status == .forbidden)
            #expect(try await admin.post("/administracion/usuarios/\(id)/desactivar", [:]).status == .seeOther)
            #expect(try await responsable.get("/").status == .seeOther)
            #expect(try await api() == .unauthorized)
            var again = Browser(app)
            _ = try await again.get("/ingresar")
            #expect(try await again.post("/ingresar", ["email": "hacienda@a.gov.co", "password": Fixture.password]).status == .unauthorized)
            #expect(try await admin.get("/administracion/usuarios").body.string.contains("Desactivado"))
            // History keeps the name; reactivation without a mail server shows the link to hand over.
            let reactivated = try await admin.post("/administracion/usuarios/\(id)/reactivar", [:])
            #expect(reactivated.status == .ok && reactivated.body.string.contains("/clave/nueva?t="))
            #expect(try await User.find(id, on: app.db)?.active == true)
            // Nobody deactivates or demotes themselves; the last administrador stays.
            let me = try #require(try await User.query(on: app.db).filter(\.$email == "admin@a.gov.co").first()?.id)
            #expect(try await admin.post("/administracion/usuarios/\(me)/desactivar", [:]).status == .conflict)
            let demote = try await admin.post("/administracion/usuarios/\(me)", ["nombre": "Admin", "rol": "oci"])
            #expect(demote.status == .unprocessableEntity && demote.body.string.contains("No puede quitarse a sí mismo el rol de administrador."))
            _ = fx
        }
    }
}
