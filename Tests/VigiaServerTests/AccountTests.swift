import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// The one-time link in an account e-mail.
func linkSecret(in body: String) -> String? {
    guard let r = body.range(of: "?t=") else { return nil }
    return String(body[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
}

@Suite("Passwords: change, forgot, one-time links")
struct AccountTests {
    @Test("A user changes their password: the current one is required, the policy applies, other sessions end", arguments: TestDB.all)
    func change(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var here = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            var elsewhere = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await here.get("/cuenta/clave").status == .ok)
            let wrong = try await here.post("/cuenta/clave", ["actual": "no-es-la-clave", "nueva": "río cauca azul 74", "confirmacion": "río cauca azul 74"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Contraseña actual: no es la suya."))
            let common = try await here.post("/cuenta/clave", ["actual": Fixture.password, "nueva": "Colombia2026!", "confirmacion": "Colombia2026!"])
            #expect(common.body.string.contains("Nueva contraseña: Esa contraseña es de las más usadas"))
            let mismatch = try await here.post("/cuenta/clave", ["actual": Fixture.password, "nueva": "río cauca azul 74", "confirmacion": "río cauca azul 75"])
            #expect(mismatch.body.string.contains("Confirmación: no coincide con la nueva contraseña."))
            let ok = try await here.post("/cuenta/clave", ["actual": Fixture.password, "nueva": "río cauca azul 74", "confirmacion": "río cauca azul 74"])
            #expect(ok.status == .seeOther)
            #expect(try await here.get("/").status == .ok)
            #expect(try await elsewhere.get("/").status == .seeOther)   // to the login page
            var again = Browser(app)
            _ = try await again.get("/ingresar")
            #expect(try await again.post("/ingresar", ["email": "hacienda@a.gov.co", "password": Fixture.password]).status == .unauthorized)
            #expect(try await again.post("/ingresar", ["email": "hacienda@a.gov.co", "password": "río cauca azul 74"]).status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "Cambió su contraseña; se cerraron sus otras sesiones").count() == 1)
        }
    }

    @Test("«¿Olvidó su contraseña?» through a real SMTP server: one answer for every address, a link that works once and for an hour",
          arguments: TestDB.all)
    func forgot(db: TestDB) async throws {
        let smtp = try LocalSMTPServer()
        let clock = TestClock(TestDates.defaultNow)
        try await withTestApp(db, settings: { $0.now = { clock.now }; $0.publicURL = "https://vigia.alcaldia.gov.co" }) { app, _ in
            app.smtpSettings = smtp.settings
            var visitor = Browser(app)
            #expect(try await visitor.get("/ingresar").body.string.contains("¿Olvidó su contraseña?"))
            _ = try await visitor.get("/clave/olvido")
            let known = try await visitor.post("/clave/olvido", ["email": "Planeacion@a.gov.co "])
            let unknown = try await visitor.post("/clave/olvido", ["email": "nadie@a.gov.co"])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.body.string.contains(ForgotPasswordView.answer) && unknown.body.string.contains(ForgotPasswordView.answer))
            let mail = try #require(try await smtp.waitForMessages(1).first.map(decode))
            #expect(mail.to.contains("planeacion@a.gov.co") && mail.subject == "Vigía: restablecer su contraseña")
            #expect(mail.body.contains("https://vigia.alcaldia.gov.co/clave/nueva?t="))
            let secret = try #require(linkSecret(in: mail.body))
            // Only the hash is kept.
            let stored = try await PasswordToken.query(on: app.db).all()
            #expect(stored.count == 1 && stored[0].tokenHash == Token.sha256(secret) && !stored.contains { $0.tokenHash == secret })
            // A second request within five minutes sends nothing more.
            _ = try await visitor.post("/clave/olvido", ["email": "planeacion@a.gov.co"])
            try await Task.sleep(for: .milliseconds(500))
            #expect(try smtp.messages().count == 1)

            let page = try await visitor.get("/clave/nueva?t=\(secret)")
            #expect(page.status == .ok && page.body.string.contains("planeacion@a.gov.co"))
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            let weak = try await visitor.post("/clave/nueva", ["t": secret, "nueva": "123456789012", "confirmacion": "123456789012"])
            #expect(weak.status == .unprocessableEntity)
            var session = try await Browser.signedIn(app, as: "planeacion@a.gov.co")
            let set = try await visitor.post("/clave/nueva", ["t": secret, "nueva": "sabana de bogotá 2031", "confirmacion": "sabana de bogotá 2031"])
            #expect(set.status == .ok && set.body.string.contains("Su contraseña quedó guardada"))
            #expect(try await session.get("/").status == .seeOther)   // every session ended
            let reuse = try await visitor.post("/clave/nueva", ["t": secret, "nueva": "otra frase larga 2032", "confirmacion": "otra frase larga 2032"])
            #expect(reuse.status == .gone)
            var login = Browser(app)
            _ = try await login.get("/ingresar")
            #expect(try await login.post("/ingresar", ["email": "planeacion@a.gov.co", "password": "sabana de bogotá 2031"]).status == .seeOther)

            // A link an hour and a second old is refused; at the hour it still works.
            clock.advance(301)
            _ = try await visitor.post("/clave/olvido", ["email": "planeacion@a.gov.co"])
            let second = try #require(try await smtp.waitForMessages(2).map(decode).compactMap { linkSecret(in: $0.body) }.first { $0 != secret })
            clock.advance(3600)
            #expect(try await visitor.get("/clave/nueva?t=\(second)").status == .ok)
            clock.advance(1)
            #expect(try await visitor.get("/clave/nueva?t=\(second)").status == .gone)
            #expect(try await visitor.get("/clave/nueva?t=basura").status == .gone)
        }
    }
}
