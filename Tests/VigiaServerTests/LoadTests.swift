import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Under load: 503 at once past the limit, 304 for unchanged bytes, gzip when asked")
struct LoadTests {
    @Test("Past the limit of requests in progress the server answers 503 with Retry-After at once, and serves again after")
    func shedding() async throws {
        try await withTestApp(.sqlite, settings: { $0.maxRequestsInFlight = 2 }) { app, _ in
            let gate = AsyncStream<Void>.makeStream()
            let started = AsyncStream<Void>.makeStream()
            app.get("lento") { _ -> String in
                started.continuation.yield()
                for await _ in gate.stream { break }
                return "listo"
            }
            let slow = (0..<2).map { _ in Task { try await app.testing().sendRequest(.GET, "/lento").status } }
            var arrived = 0
            for await _ in started.stream { arrived += 1; if arrived == 2 { break } }
            let clock = ContinuousClock()
            var refused: TestingHTTPResponse? = nil
            let elapsed = try await clock.measure { refused = try await app.testing().sendRequest(.GET, "/ingresar") }
            #expect(refused?.status == .serviceUnavailable && refused?.headers.first(name: .retryAfter) == "2")
            #expect(refused?.body.string.contains("demasiadas solicitudes") == true)
            // Both slots stay held until the gate opens below, so a request that queued would never be
            // answered: the refusal came without waiting for one. The bound only stops a queued request
            // from hanging the suite (a second, as before, flaked on a loaded CI machine).
            #expect(elapsed < .seconds(10))
            gate.continuation.yield(); gate.continuation.yield(); gate.continuation.finish()
            for t in slow { #expect(try await t.value == .ok) }
            #expect(try await app.testing().sendRequest(.GET, "/ingresar").status == .ok)
        }
    }

    @Test("The same bytes twice: 304 without a body; other bytes: 200; private pages carry no tag", arguments: TestDB.all)
    func etags(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let first = try await app.testing().sendRequest(.GET, "/transparencia")
            let tag = try #require(first.headers.first(name: .eTag))
            #expect(tag.hasPrefix("W/\""))
            let again = try await app.testing().sendRequest(.GET, "/transparencia") { $0.headers.replaceOrAdd(name: .ifNoneMatch, value: tag) }
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            let other = try await app.testing().sendRequest(.GET, "/transparencia") { $0.headers.replaceOrAdd(name: .ifNoneMatch, value: "W/\"0\"") }
            #expect(other.status == .ok && other.body.readableBytes > 0)
            // A private page is `no-store`: the browser keeps no copy to revalidate, so it gets no tag.
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let page = try await oci.get("/planes/\(fx.planA)")
            #expect(page.status == .ok && page.headers.first(name: .eTag) == nil)
            #expect(page.headers.first(name: .cacheControl)?.contains("no-store") == true)
        }
    }

    @Test("A real HTTP server compresses HTML for a client that accepts gzip, and not for one that does not")
    func gzip() async throws {
        try await withTestApp(.sqlite) { app, _ in
            let server = try app.testing(method: .running(port: 0))
            try await server.test(.GET, "/ingresar", beforeRequest: { req in
                req.headers.replaceOrAdd(name: .acceptEncoding, value: "gzip")
            }, afterResponse: { res in
                #expect(res.headers.first(name: .contentEncoding) == "gzip")
            })
            try await server.test(.GET, "/ingresar", afterResponse: { res in
                #expect(res.headers.first(name: .contentEncoding) == nil && res.body.string.contains("Ingresar"))
            })
        }
    }
}
