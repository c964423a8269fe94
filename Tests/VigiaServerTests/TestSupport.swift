import Fluent
import FluentPostgresDriver
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// Every server test runs on SQLite and, when `VIGIA_TEST_POSTGRES_URL` is set (as `make test`
/// does, with a throw-away server), again on PostgreSQL.
enum TestDB: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [TestDB] {
        ProcessInfo.processInfo.environment["VIGIA_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }

    /// A database of its own for one test.
    func freshURL() async throws -> DatabaseURL {
        let name = "vigia_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        switch self {
        case .sqlite:
            return .sqlite(path: NSTemporaryDirectory() + "\(name).sqlite")
        case .postgres:
            let base = ProcessInfo.processInfo.environment["VIGIA_TEST_POSTGRES_URL"]!
            let admin = try await Application.make(.testing)
            try DatabaseURL(base).configure(admin)
            do {
                try await (admin.db as! SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
                try await admin.asyncShutdown()
            } catch {
                try? await admin.asyncShutdown()
                throw error
            }
            var c = URLComponents(string: base)!
            c.path = "/\(name)"
            return .postgres(url: c.string!)
        }
    }
}

/// Two entities with one user per role, and one imported plan each.
struct Fixture {
    var entityA: UUID
    var entityB: UUID
    var planA: UUID
    var planB: UUID
    var hacienda: UUID
    static let password = "clave-de-prueba-1"
}

enum TestDates {
    /// Saturday 21 November 2026, 10:00 in Bogotá: the default "now" of every test app.
    static let defaultNow = Date(timeIntervalSince1970: 1_795_273_200)
    /// A clock stopped at 10:00 (Bogotá) of `day`.
    static func at(_ day: LocalDate) -> @Sendable () -> Date {
        let seconds = Double(day.dayNumber - 2_440_588) * 86_400 + 15 * 3600
        return { Date(timeIntervalSince1970: seconds) }
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

func withTestApp(_ db: TestDB, settings adjust: (inout ServerSettings) -> Void = { _ in },
                 _ body: (Application, Fixture) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        var settings = ServerSettings(secureCookies: false, failedLoginDelay: 0.01)
        // Every test runs on a fixed date unless it sets its own clock: the calendar moving on
        // must never change what a test checks.
        settings.now = { TestDates.defaultNow }
        settings.dataDirectory = NSTemporaryDirectory() + "vigia-data-" + UUID().uuidString
        settings.maxEvidenceBytes = 64 * 1024
        settings.trustProxy = true
        // Many tests run at once on the one test server: a small pool each.
        settings.databaseConnectionsPerLoop = 2
        adjust(&settings)
        try configure(app, database: try await db.freshURL(), settings: settings)
        try await app.autoMigrate()
        let fixture = try await makeFixture(app.db, at: app.now)
        try await body(app, fixture)
        try await app.asyncShutdown()
    } catch let error as PSQLError {
        try? await app.asyncShutdown()
        // PSQLError's description hides the server's message: a failing test must show it.
        throw ValidationFailure("PostgreSQL: " + String(String(reflecting: error).prefix(2000)))
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

func samplePlanText() throws -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return try String(contentsOf: url.appendingPathComponent("Samples/plan-mejoramiento-demo.tsv"), encoding: .utf8)
}

func makeFixture(_ db: Database, at now: Date) async throws -> Fixture {
    let a = Entity(name: "Alcaldía A", nit: "800-A", format: FormatHeader(entidad: "Alcaldía A", codigo: "A-1", version: "1"))
    let b = Entity(name: "Gobernación B", nit: "800-B", format: FormatHeader(entidad: "Gobernación B", codigo: "B-1", version: "1"))
    try await a.create(on: db)
    try await b.create(on: db)
    let hacienda = Dependency(entityID: a.id!, name: "Secretaría de Hacienda")
    let planeacion = Dependency(entityID: a.id!, name: "Secretaría de Planeación")
    try await hacienda.create(on: db)
    try await planeacion.create(on: db)
    let users: [(String, Role, UUID, UUID?)] = [
        ("admin@a.gov.co", .administrador, a.id!, nil), ("oci@a.gov.co", .oci, a.id!, nil),
        ("hacienda@a.gov.co", .responsable, a.id!, hacienda.id), ("planeacion@a.gov.co", .responsable, a.id!, planeacion.id),
        ("consulta@a.gov.co", .consulta, a.id!, nil), ("oci@b.gov.co", .oci, b.id!, nil),
    ]
    let hash = try Bcrypt.hash(Fixture.password, cost: 4)
    for (email, role, entity, dep) in users {
        try await User(entityID: entity, name: email, email: email, cargo: "Cargo", role: role, dependencyID: dep, passwordHash: hash).create(on: db)
    }
    let text = try samplePlanText()
    let planA = try await VigiaTasks.importPlan(text: text, entityNIT: "800-A", unidad: nil, dependency: "Secretaría de Hacienda", at: now, on: db)
    let planB = try await VigiaTasks.importPlan(text: text, entityNIT: "800-B", unidad: "Oficina B", dependency: nil, at: now, on: db)
    return Fixture(entityA: a.id!, entityB: b.id!, planA: planA.id, planB: planB.id, hacienda: hacienda.id!)
}

/// A signed-in browser: keeps the session cookie and the page's CSRF token.
struct Browser {
    let app: Application
    var cookie: String = ""
    /// An anonymous visitor's CSRF cookie (the login form's).
    var preCSRF: String = ""
    var csrf: String = ""

    init(_ app: Application) { self.app = app }

    static func signedIn(_ app: Application, as email: String) async throws -> Browser {
        var b = Browser(app)
        try await b.signIn(email, password: Fixture.password)
        return b
    }

    mutating func signIn(_ email: String, password: String) async throws {
        let login = try await get("/ingresar")
        #expect(login.status == .ok)
        let res = try await post("/ingresar", ["email": email, "password": password])
        #expect(res.status == .seeOther, "login of \(email)")
        _ = try await get("/planes")
    }

    mutating func remember(_ res: TestingHTTPResponse) {
        if let set = res.headers.setCookie?["vigia_sesion"] { cookie = set.string }
        if let set = res.headers.setCookie?["vigia_csrf"] { preCSRF = set.string }
        let body = res.body.string
        if let r = body.range(of: "name=\"_csrf\" value=\"") {
            csrf = String(body[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let (cookie, pre) = (self.cookie, self.preCSRF)
        let res = try await app.testing().sendRequest(.GET, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
        }
        remember(res)
        return res
    }

    @discardableResult
    mutating func post(_ path: String, _ fields: [String: String], csrf sendToken: Bool = true) async throws -> TestingHTTPResponse {
        var all = fields
        if sendToken { all["_csrf"] = csrf }
        let body = all.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        let (cookie, pre) = (self.cookie, self.preCSRF)
        let res = try await app.testing().sendRequest(.POST, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: body)
        }
        remember(res)
        return res
    }

    /// A multipart form (fields first, then files), as a browser sends an upload form.
    mutating func upload(_ path: String, _ fields: [String: String], files: [(name: String, data: Data)],
                         field: String = "archivos", csrf sendToken: Bool = true) async throws -> TestingHTTPResponse {
        let boundary = "----vigia\(UUID().uuidString)"
        var body = Data()
        var all = [(String, String)]()
        if sendToken { all.append(("_csrf", csrf)) }
        all += fields.map { ($0.key, $0.value) }
        for (k, v) in all {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8))
        }
        for f in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(f.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(f.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        let (cookie, pre) = (self.cookie, self.preCSRF)
        let res = try await app.testing().sendRequest(.POST, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = ByteBuffer(data: body)
        }
        remember(res)
        return res
    }

    /// A JSON call with the session cookie and the CSRF header.
    mutating func json(_ method: HTTPMethod, _ path: String, _ object: some Encodable) async throws -> TestingHTTPResponse {
        let data = try JSONEncoder().encode(object)
        let (cookie, csrf, pre) = (self.cookie, self.csrf, self.preCSRF)
        return try await app.testing().sendRequest(method, path) { req in
            req.headers.cookie = Browser.cookies(cookie, pre)
            req.headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf)
            req.headers.contentType = .json
            req.body = ByteBuffer(data: data)
        }
    }

    static func cookies(_ session: String, _ pre: String) -> HTTPCookies {
        var c = HTTPCookies()
        if !session.isEmpty { c["vigia_sesion"] = .init(string: session) }
        if !pre.isEmpty { c["vigia_csrf"] = .init(string: pre) }
        return c
    }

    func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

func roundValues(_ app: Application, plan: UUID) async throws -> PlanSnapshot {
    try await PlanStore.snapshot(of: try #require(await ImprovementPlan.find(plan, on: app.db)), on: app.db)
}
