import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Official documents from the pages and the API")
struct DocumentTests {
    @Test("XLSX, PDF and the printable page, with content types, file names and roles", arguments: TestDB.all)
    func downloads(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let xlsx = try await oci.get("/planes/\(fx.planA)/documento/xlsx?seguimiento=1")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentType) == ReportFormat.xlsx.contentType)
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("filename=\"EI-F-012_secretaria-de-hacienda_seguimiento-1.xlsx\"") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])  // a ZIP
            let pdf = try await oci.get("/planes/\(fx.planA)/documento/pdf?seguimiento=1")
            #expect(pdf.headers.first(name: .contentType) == "application/pdf")
            #expect(String(decoding: pdf.body.readableBytesView.prefix(5), as: UTF8.self) == "%PDF-")
            let html = try await oci.get("/planes/\(fx.planA)/documento/html")
            #expect(html.body.string.contains("DESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN"))
            // through the API, with a token
            let token = try await VigiaTasks.createToken(email: "consulta@a.gov.co", label: "t", at: app.now, on: app.db)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/plans/\(fx.planA)/export/pdf") { req in
                req.headers.bearerAuthorization = .init(token: token)
            }
            #expect(api.status == .ok)
            #expect(api.headers.first(name: .contentType) == "application/pdf")
            // another entity cannot download it
            var b = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await b.get("/planes/\(fx.planA)/documento/pdf").status == .notFound)
        }
    }
}
