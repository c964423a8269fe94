import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("The program seguimiento refuses the same inputs through the form and the API")
struct ProgramParityTests {
    /// (form fields for the line, JSON item fields, the message both must give)
    static let cases: [([String: String], [String: JSONBody], String)] = [
        (["pct": "150"], ["porcentaje": .n(150)], "el % de avance «150» debe ser un número de 0 a 100."),
        (["pct": "40", "na": "on"], ["porcentaje": .n(40), "noAplica": .b(true)], "marque N/A o escriba un %, no ambos."),
        (["ev": "javascript:alert(1)"], ["evidencias": .a([.s("javascript:alert(1)")])], "la evidencia «javascript:alert(1)» no es un enlace (http:// o https://)."),
    ]

    @Test("Each invalid seguimiento line, through the form and through the API", arguments: TestDB.all, cases.indices)
    func parity(db: TestDB, index: Int) async throws {
        let (form, json, message) = Self.cases[index]
        try await withTestApp(db) { app, _ in
            // setup: period 3 of the sample program is open
            let id = try await loadSampleProgram(app)
            let line = try #require(ActivityLine.lines(of: try await programSnapshot(app, id)).first { $0.takesPercent })
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.get("/programas/\(id)/periodos/3/seguimiento")
            let before = try await ActivityFollowUp.query(on: app.db).count()
            // MUT
            var fields: [String: String] = [:]
            for (k, v) in form { fields["\(k)_\(line.id.uuidString)"] = v }
            let web = try await oci.post("/programas/\(id)/periodos/3/seguimiento", fields)
            var item = json
            item["actividadId"] = .s(line.id.uuidString)
            let api = try await oci.json(.PUT, "/api/v1/programs/\(id)/periods/3/seguimiento", JSONBody.o(["actividades": .a([.o(item)])]))
            // validate
            #expect(web.status == .unprocessableEntity)
            #expect(api.status == .unprocessableEntity)
            let place = HTMLEscape.text("\(line.place): \(message)")
            #expect(web.body.string.contains(place), "web: \(message)")
            #expect(try api.content.decode(HTMLErrorMiddleware.ErrorBody.self).reason.contains("\(line.place): \(message)"))
            #expect(try await ActivityFollowUp.query(on: app.db).count() == before)
        }
    }
}
