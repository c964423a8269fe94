import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaFuzz
@testable import VigiaServer

@Suite("The web imports under generated input: the server keeps answering, a refused file leaves nothing")
struct ServerFuzzTests {
    /// `VIGIA_SERVER_FUZZ` inputs per importer (300 in `make test`; `make fuzz` sets more).
    static var count: UInt64 { UInt64(ProcessInfo.processInfo.environment["VIGIA_SERVER_FUZZ"] ?? "") ?? 300 }

    @Test("Generated plan and program files through /planes/importar and /programas/importar", arguments: TestDB.all)
    func webImports(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let corpus = FuzzCorpus.load()
            for (name, path) in [("plan", "/planes/importar"), ("program", "/programas/importar")] {
                let target = try #require(FuzzTarget.named(name))
                var accepted = 0, refused = 0
                for i in 0..<Self.count {
                    let text = String(decoding: target.input(seed: 7, iteration: i, corpus: corpus), as: UTF8.self)
                    let plans = try await ImprovementPlan.query(on: app.db).count()
                    let findings = try await Finding.query(on: app.db).count()
                    let res = try await oci.post(path, ["texto": text])
                    #expect(res.status.code < 500, "\(name) iteration \(i) → \(res.status)")
                    if res.status == .seeOther { accepted += 1 } else {
                        refused += 1
                        // refused: Spanish message, nothing half-written
                        #expect(res.status == .unprocessableEntity, "\(name) iteration \(i) → \(res.status)")
                        #expect(try await ImprovementPlan.query(on: app.db).count() == plans)
                        #expect(try await Finding.query(on: app.db).count() == findings)
                    }
                }
                #expect(accepted + refused == Int(Self.count))
                #expect(refused > 0)
            }
            #expect(try await oci.get("/planes").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/ingresar").status == .ok)
        }
    }
}
