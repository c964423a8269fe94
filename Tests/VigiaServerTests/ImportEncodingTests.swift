import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Import files as offices save them, through the web")
struct ImportEncodingTests {
    static func utf16(_ text: String, bigEndian: Bool) -> Data {
        (bigEndian ? Data([0xFE, 0xFF]) : Data([0xFF, 0xFE]))
            + Data(text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    }

    @Test("A plan saved as «Texto Unicode» with CRLF and a program in UTF-16 BE with CR import like the originals; a ZIP is refused by name",
          arguments: TestDB.all)
    func encodings(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let plans = try await ImprovementPlan.query(on: app.db).count()
            _ = try await oci.get("/planes/importar")
            let plan = Self.utf16(try samplePlanText().replacingOccurrences(of: "\n", with: "\r\n"), bigEndian: false)
            let res = try await oci.upload("/planes/importar", [:], files: [("plan.txt", plan)], field: "archivo")
            #expect(res.status == .seeOther)
            #expect(try await ImprovementPlan.query(on: app.db).count() == plans + 1)

            var url = URL(fileURLWithPath: #filePath)
            for _ in 0..<3 { url.deleteLastPathComponent() }
            let program = try String(contentsOf: url.appendingPathComponent("Samples/seguimiento-paac-demo-2026-c1.txt"), encoding: .utf8)
            _ = try await oci.get("/programas/importar")
            let p = try await oci.upload("/programas/importar", [:], files: [("paac.txt", Self.utf16(program.replacingOccurrences(of: "\n", with: "\r"), bigEndian: true))],
                                         field: "archivo")
            #expect(p.status == .seeOther)
            #expect(try await AnticorruptionProgram.query(on: app.db).count() == 1)

            let zip = try await oci.upload("/planes/importar", [:], files: [("plan.xlsx", Data([0x50, 0x4B, 0x03, 0x04, 0x81, 0x8D, 0x00]))], field: "archivo")
            #expect(zip.status == .unprocessableEntity)
            #expect(zip.body.string.contains("El archivo «plan.xlsx» no es texto"))
        }
    }
}
