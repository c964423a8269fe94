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

    @Test("A plan saved as «Texto Unicode» with CRLF and a program in UTF-16 BE with CR import like the originals; a damaged workbook is refused",
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
            #expect(zip.body.string.contains("El archivo no es un libro de Excel (.xlsx) legible"))
        }
    }

    static func fixture(_ name: String) throws -> Data {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return try Data(contentsOf: url.appendingPathComponent("Tests/Fixtures/xlsx/\(name).xlsx"))
    }

    @Test("Plans and programs import from .xlsx through the web; a wrong sheet is named and nothing is written", arguments: TestDB.all)
    func workbooks(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let plans = try await ImprovementPlan.query(on: app.db).count()
            _ = try await oci.get("/planes/importar")
            let wrong = try await oci.upload("/planes/importar", ["hoja": "Notas"], files: [("plan.xlsx", Self.fixture("plan-libreoffice"))], field: "archivo")
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Hoja «Notas», fila 1"))
            #expect(try await ImprovementPlan.query(on: app.db).count() == plans)
            let ok = try await oci.upload("/planes/importar", ["hoja": ""], files: [("plan.xlsx", Self.fixture("plan-libreoffice"))], field: "archivo")
            #expect(ok.status == .seeOther)
            let created = try #require(try await ImprovementPlan.query(on: app.db).sort(\.$createdAt, .descending).first())
            let snap = try await PlanStore.snapshot(of: created, on: app.db)
            #expect(snap.hallazgos.count == 4 && snap.hallazgos[0].acciones[0].fechaFinal == LocalDate(year: 2026, month: 9, day: 30))
            _ = try await oci.get("/programas/importar")
            let program = try await oci.upload("/programas/importar", [:], files: [("paac.xlsx", Self.fixture("programa-openpyxl"))], field: "archivo")
            #expect(program.status == .seeOther)
            #expect(try await AnticorruptionProgram.query(on: app.db).count() == 1)
        }
    }
}
