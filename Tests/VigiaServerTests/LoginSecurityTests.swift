import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Login throttling, sessions and redirects (SECURITY.md: V2, V3)")
struct LoginSecurityTests {
    static func attempt(_ app: Application, _ email: String, _ password: String, from address: String = "10.0.0.1") async throws -> TestingHTTPResponse {
        var b = Browser(app)
        try await b.get("/ingresar")
        return try await b.postFrom(address, "/ingresar", ["email": email, "password": password])
    }

    @Test("Unknown e-mail, wrong password and locked account get the same answer", arguments: TestDB.all)
    func sameAnswer(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let unknown = try await Self.attempt(app, "nadie@a.gov.co", "mala")
            let wrong = try await Self.attempt(app, "consulta@a.gov.co", "mala")
            for _ in 0..<5 { _ = try await Self.attempt(app, "consulta@a.gov.co", "mala") }
            let locked = try await Self.attempt(app, "consulta@a.gov.co", Fixture.password)
            for r in [unknown, wrong, locked] {
                #expect(r.status == .unauthorized)
                #expect(r.body.string.contains(AuthController.refusal))
            }
            // the pages differ only by the e-mail typed back into the form
            let strip: (TestingHTTPResponse, String) -> String = { r, e in
                r.body.string.replacingOccurrences(of: e, with: "").replacingOccurrences(of: #"value="[A-Za-z0-9_-]{43}""#, with: "", options: .regularExpression)
            }
            #expect(strip(unknown, "nadie@a.gov.co") == strip(locked, "consulta@a.gov.co"))
            // an unknown address is throttled exactly like a real one
            for _ in 0..<5 { _ = try await Self.attempt(app, "nadie@a.gov.co", "mala") }
            #expect(try await LoginThrottle.lockedFor(LoginThrottle.accountKey("nadie@a.gov.co"), app: app, on: app.db) != nil)
        }
    }

    @Test("Parallel guesses each count", arguments: TestDB.all)
    func parallelGuesses(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await LoginThrottle.recordFailure("cuenta:x@a.gov.co", limit: 5, app: app, on: app.db) }
                }
                try await group.waitForAll()
            }
            let row = try #require(try await LoginThrottleRecord.query(on: app.db).filter(\.$key == "cuenta:x@a.gov.co").first())
            #expect(row.score >= 11.9)
        }
    }

    @Test("A lock decays: a slow trickle of guesses never keeps the account locked", arguments: TestDB.all)
    func decay(db: TestDB) async throws {
        let clock = TestClock()
        try await withTestApp(db, settings: { $0.now = { clock.now } }) { app, _ in
            for _ in 0..<5 { _ = try await Self.attempt(app, "consulta@a.gov.co", "mala") }
            #expect(try await Self.attempt(app, "consulta@a.gov.co", Fixture.password).status == .unauthorized)
            clock.advance(31)
            #expect(try await Self.attempt(app, "consulta@a.gov.co", Fixture.password).status == .seeOther)
            // one guess every 15 minutes: the account stays usable
            for _ in 0..<6 {
                _ = try await Self.attempt(app, "oci@a.gov.co", "mala")
                clock.advance(15 * 60)
            }
            #expect(try await Self.attempt(app, "oci@a.gov.co", Fixture.password).status == .seeOther)
        }
    }

    @Test("An address that guesses many accounts is locked; the administrador sees and lifts an account lock", arguments: TestDB.all)
    func addressLockAndUnlock(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            for i in 0..<20 { _ = try await Self.attempt(app, "u\(i)@a.gov.co", "mala", from: "10.9.9.9") }
            #expect(try await Self.attempt(app, "oci@a.gov.co", Fixture.password, from: "10.9.9.9").status == .unauthorized)
            #expect(try await Self.attempt(app, "oci@a.gov.co", Fixture.password, from: "10.1.1.1").status == .seeOther)

            for _ in 0..<5 { _ = try await Self.attempt(app, "hacienda@a.gov.co", "mala") }
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            let page = try await admin.get("/administracion/bloqueos")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("hacienda@a.gov.co"))
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "hacienda@a.gov.co").first())
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await oci.get("/administracion/bloqueos").status == .forbidden)
            let unlock = try await admin.post("/administracion/bloqueos", ["usuario": user.id!.uuidString])
            #expect(unlock.status == .seeOther)
            #expect(try await Self.attempt(app, "hacienda@a.gov.co", Fixture.password).status == .seeOther)
            let events = try await AuditEvent.query(on: app.db).all().map(\.summary)
            #expect(events.contains { $0.hasPrefix("Cuenta hacienda@a.gov.co bloqueada") })
            #expect(events.contains { $0.hasPrefix("Desbloqueó la cuenta hacienda@a.gov.co") })
            #expect(events.contains { $0.hasPrefix("Ingreso fallido") })
            #expect(events.contains { $0.hasPrefix("Inició sesión") })
        }
    }

    @Test("Sessions end after 30 idle minutes and 10 hours in all; expired rows are purged", arguments: TestDB.all)
    func expiry(db: TestDB) async throws {
        let clock = TestClock()
        try await withTestApp(db, settings: { $0.now = { clock.now } }) { app, _ in
            var b = try await Browser.signedIn(app, as: "oci@a.gov.co")
            clock.advance(29 * 60)
            #expect(try await b.get("/planes").status == .ok)
            clock.advance(31 * 60)
            #expect(try await b.get("/planes").status == .seeOther)
            #expect(try await UserSession.query(on: app.db).count() == 0)

            var c = try await Browser.signedIn(app, as: "oci@a.gov.co")
            for _ in 0..<25 {   // active all day long
                clock.advance(25 * 60)
                if try await c.get("/planes").status != .ok { break }
            }
            #expect(try await c.get("/planes").status == .seeOther)
            _ = try await Browser.signedIn(app, as: "consulta@a.gov.co")
            clock.advance(11 * 3600)
            _ = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            #expect(try await UserSession.query(on: app.db).count() == 1)
        }
    }

    @Test("Logout and password change end the sessions; logout is audited", arguments: TestDB.all)
    func logoutEverywhere(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var one = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var two = try await Browser.signedIn(app, as: "oci@a.gov.co")
            #expect(try await one.post("/salir", [:]).status == .seeOther)
            #expect(try await one.get("/planes").status == .seeOther)
            #expect(try await two.get("/planes").status == .ok)
            try await VigiaTasks.setPassword(email: "oci@a.gov.co", password: "otra-clave-larga-2026", at: app.now, on: app.db)
            #expect(try await two.get("/planes").status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "Cerró la sesión").count() == 1)
        }
    }

    @Test("After login, only the site's own paths", arguments: TestDB.all)
    func redirects(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let cases: [(String, String)] = [
                ("/planes", "/planes"), ("//evil.example", "/"), ("/\\evil.example", "/"), ("/%09/evil.example", "/"),
                ("https://evil.example", "/"), ("/%2F/evil.example", "/"), ("javascript:alert(1)", "/"), ("/\t/evil", "/"),
                (" /planes", "/"), ("/planes?x=1", "/planes?x=1"),
            ]
            for (next, expected) in cases {
                var b = Browser(app)
                try await b.get("/ingresar")
                let res = try await b.post("/ingresar", ["email": "oci@a.gov.co", "password": Fixture.password, "siguiente": next])
                #expect(res.headers.first(name: .location) == expected, "siguiente=\(next)")
            }
        }
    }
}

extension Browser {
    /// A form post that appears to come from `address` (the server trusts X-Forwarded-For in tests).
    mutating func postFrom(_ address: String, _ path: String, _ fields: [String: String]) async throws -> TestingHTTPResponse {
        var all = fields
        all["_csrf"] = csrf
        let body = all.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        let (cookie, pre) = (self.cookie, self.preCSRF)
        let res = try await app.testing().sendRequest(.POST, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
            req.headers.replaceOrAdd(name: .xForwardedFor, value: address)
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: body)
        }
        remember(res)
        return res
    }
}
