import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("One install, several entities: the superadministrador")
struct InstallationTests {
    static let superPassword = "torre de control 2026 norte"

    static func superadmin(_ app: Application) async throws -> Browser {
        _ = try await VigiaTasks.createUser(email: "root@gobernacion.gov.co", name: "Mesa de ayuda", role: .superadmin, cargo: "",
                                            password: superPassword, dependency: nil, entityNIT: nil, at: app.now, on: app.db)
        var b = Browser(app)
        _ = try await b.get("/ingresar")
        #expect(try await b.post("/ingresar", ["email": "root@gobernacion.gov.co", "password": superPassword]).status == .seeOther)
        _ = try await b.get("/instalacion")
        return b
    }

    @Test("The superadministrador creates an entity and its administrador, who is invited by SMTP and finds an empty, isolated entity",
          arguments: TestDB.all)
    func createEntity(db: TestDB) async throws {
        let smtp = try LocalSMTPServer()
        try await withTestApp(db, settings: { $0.publicURL = "https://vigia.gobernacion.gov.co" }) { app, fx in
            app.smtpSettings = smtp.settings
            var root = try await Self.superadmin(app)
            let list = try await root.get("/instalacion").body.string
            #expect(list.contains("Alcaldía A") && list.contains("Gobernación B") && list.contains("2 entidades"))
            #expect(!list.contains("Planes de mejoramiento</a>"))
            // Bad input names each field, and writes nothing.
            let bad = try await root.post("/instalacion/entidades/nueva", ["entidad": " ", "nit": "abc", "nombre": "", "email": "oci@a.gov.co"])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Nombre de la entidad: escríbalo.", "NIT: «abc» no es un NIT", "Nombre: escriba el nombre de la persona.",
                            "Correo: ya hay una cuenta con oci@a.gov.co."] {
                #expect(bad.body.string.contains(HTMLEscape.text(message)), "\(message)")
            }
            let taken = try await root.post("/instalacion/entidades/nueva", ["entidad": "Municipio de Sol", "nit": "800-B", "nombre": "X", "email": "x@sol.gov.co"])
            #expect(taken.status == .unprocessableEntity)
            #expect(try await Entity.query(on: app.db).filter(\.$install == false).count() == 2)

            let created = try await root.post("/instalacion/entidades/nueva", ["entidad": "Municipio de Sol", "nit": "891.200.300-1",
                                                                              "nombre": "Ana Ríos", "email": "ARios@sol.gov.co", "cargo": "Secretaria General"])
            #expect(created.status == .ok)
            #expect(created.body.string.contains("Se envió la invitación a arios@sol.gov.co."))
            let sol = try #require(try await Entity.query(on: app.db).filter(\.$nit == "891.200.300-1").first())
            let ana = try #require(try await User.query(on: app.db).filter(\.$email == "arios@sol.gov.co").first())
            #expect(ana.role == .administrador && ana.$entity.id == sol.id)
            #expect(try await ProgramTemplateRecord.query(on: app.db).filter(\.$entity.$id == sol.id!).count() > 0)
            let trail = try await AuditEvent.query(on: app.db).filter(\.$entity.$id == sol.id!).all().map(\.summary)
            #expect(trail.contains("Creó la entidad Municipio de Sol (NIT 891.200.300-1)"))
            #expect(trail.contains("Creó el usuario arios@sol.gov.co (Administrador)"))

            let mail = try #require(try await smtp.waitForMessages(1).first.map(decode))
            #expect(mail.subject == "Vigía: su cuenta en Municipio de Sol")
            let secret = try #require(linkSecret(in: mail.body))
            var anaBrowser = Browser(app)
            #expect(try await anaBrowser.get("/clave/nueva?t=\(secret)").status == .ok)
            #expect(try await anaBrowser.post("/clave/nueva", ["t": secret, "nueva": "río claro de montaña 7", "confirmacion": "río claro de montaña 7"]).status == .ok)
            _ = try await anaBrowser.get("/ingresar")
            #expect(try await anaBrowser.post("/ingresar", ["email": "arios@sol.gov.co", "password": "río claro de montaña 7"]).status == .seeOther)
            // Her entity is empty: none of A's plans, none of A's users; A's plan answers 404.
            let plans = try await anaBrowser.get("/planes").body.string
            #expect(!plans.contains("Alcaldía A"))
            #expect(try await anaBrowser.get("/planes/\(fx.planA)").status == .notFound)
            let users = try await anaBrowser.get("/administracion/usuarios").body.string
            #expect(users.contains("arios@sol.gov.co") && !users.contains("admin@a.gov.co") && !users.contains("root@gobernacion.gov.co"))
        }
    }

    @Test("The superadministrador sees no entity's data, and only it opens the install's pages", arguments: TestDB.all)
    func isolation(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var root = try await Self.superadmin(app)
            let home = try await root.get("/")
            #expect(home.status == .seeOther && home.headers.first(name: .location) == "/instalacion")
            for path in ["/planes", "/planes/\(fx.planA)", "/programas", "/calendario", "/notificaciones", "/administracion",
                         "/administracion/usuarios", "/cuenta/tokens"] {
                #expect(try await root.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await root.get("/cuenta/clave").status == .ok)
            // Its sign-ins belong to the install, not to any entity's trail; the install is no entity of the list.
            let rootUser0 = try #require(try await User.query(on: app.db).filter(\.$email == "root@gobernacion.gov.co").first())
            let installHome = try #require(try await Entity.find(rootUser0.$entity.id, on: app.db))
            #expect(installHome.install && installHome.id != fx.entityA && installHome.id != fx.entityB)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$user.$id == rootUser0.id!).filter(\.$entity.$id != installHome.id!).count() == 0)
            #expect(!(try await root.get("/instalacion").body.string.contains("Instalación (superadministradores)")))
            #expect(try await root.get("/instalacion/entidades/\(installHome.id!)").status == .notFound)
            let token = try await VigiaTasks.createToken(email: "root@gobernacion.gov.co", label: "x", at: app.now, on: app.db)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/plans") { $0.headers.bearerAuthorization = .init(token: token) }
            #expect(api.status == .forbidden)

            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            #expect(try await admin.get("/instalacion").status == .forbidden)
            #expect(try await admin.post("/instalacion/entidades/nueva", ["entidad": "X", "nit": "900.000.001", "nombre": "X", "email": "x@x.gov.co"]).status == .forbidden)
            // The entity's administrador can neither list, open nor create a superadministrador.
            let rootUser = try #require(try await User.query(on: app.db).filter(\.$email == "root@gobernacion.gov.co").first())
            #expect(!(try await admin.get("/administracion/usuarios").body.string.contains("root@gobernacion.gov.co")))
            #expect(try await admin.get("/administracion/usuarios/\(rootUser.id!)").status == .notFound)
            _ = try await admin.get("/administracion/usuarios/nuevo")
            let forged = try await admin.post("/administracion/usuarios/nuevo", ["nombre": "Y", "email": "y@a.gov.co", "rol": "superadmin"])
            #expect(forged.status == .unprocessableEntity)
            #expect(try await User.query(on: app.db).filter(\.$email == "y@a.gov.co").first() == nil)
        }
    }

    @Test("Without a mail server, a second administrador's link is shown to the superadministrador once", arguments: TestDB.all)
    func addAdministrator(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var root = try await Self.superadmin(app)
            let page = try await root.get("/instalacion/entidades/\(fx.entityB)").body.string
            #expect(page.contains("Gobernación B") && page.contains("Invitar otro administrador"))
            let added = try await root.post("/instalacion/entidades/\(fx.entityB)", ["nombre": "Carlos Paz", "email": "cpaz@b.gov.co"])
            #expect(added.status == .ok)
            #expect(added.body.string.contains("No hay servidor de correo configurado") && linkSecret(in: added.body.string) != nil)
            let carlos = try #require(try await User.query(on: app.db).filter(\.$email == "cpaz@b.gov.co").first())
            #expect(carlos.role == .administrador && carlos.$entity.id == fx.entityB)
            #expect(try await root.get("/instalacion/entidades/\(UUID())").status == .notFound)
        }
    }
}
