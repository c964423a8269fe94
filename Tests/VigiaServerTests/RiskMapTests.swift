import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import VigiaCore
import VigiaFormats
@testable import VigiaServer

func sampleRiskMapText(_ name: String) throws -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return try String(contentsOf: url.appendingPathComponent("Samples/\(name)"), encoding: .utf8)
}

/// The sample map and its two seguimientos, imported as `vigia import risk-map` does, into entity A.
func loadSampleRiskMap(_ app: Application) async throws -> UUID {
    var id: UUID?
    for name in ["mapa-riesgos-corrupcion-demo-2026.tsv", "seguimiento-mapa-riesgos-demo-2026-c1.tsv", "seguimiento-mapa-riesgos-demo-2026-c2.tsv"] {
        id = try await VigiaTasks.importRiskMap(.text(try sampleRiskMapText(name)), methodology: nil, entityNIT: "800-A", at: app.now, on: app.db).id
    }
    return try #require(id)
}

@Suite("Corruption risk maps: import, pages, API and export")
struct RiskMapTests {
    @Test("The sample map and its seguimientos load; a second map of the vigencia and a seguimiento that does not fit are refused and write nothing",
          arguments: TestDB.all)
    func importAndRefusals(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let id = try await loadSampleRiskMap(app)
            let record = try #require(try await RiskMapRecord.find(id, on: app.db))
            let map = try record.map()
            #expect(map.riesgos.count == 6 && record.revision == 3)
            #expect(RiskMapEvaluation(map, period: 1).porcentaje == 37.5 && RiskMapEvaluation(map, period: 2).porcentaje == 67.5)
            let events = try await AuditEvent.query(on: app.db).filter(\.$objectType == "mapa de riesgos").count()
            #expect(events == 3)

            await #expect(throws: ValidationFailure.self) {
                _ = try await VigiaTasks.importRiskMap(.text(try sampleRiskMapText("mapa-riesgos-corrupcion-demo-2026.tsv")), methodology: nil,
                                                       entityNIT: "800-A", at: app.now, on: app.db)
            }
            let stray = try sampleRiskMapText("seguimiento-mapa-riesgos-demo-2026-c1.tsv").replacingOccurrences(of: "\r\n6\t", with: "\r\n9\t")
            do {
                _ = try await VigiaTasks.importRiskMap(.text(stray), methodology: nil, entityNIT: "800-A", at: app.now, on: app.db)
                Issue.record("a seguimiento with a risk the map lacks was accepted")
            } catch let error as ValidationFailure {
                #expect(error.description == "El seguimiento no corresponde al mapa: el riesgo 9 del seguimiento no está en el mapa 2026.")
            }
            let after = try #require(try await RiskMapRecord.find(id, on: app.db))
            #expect(after.revision == 3 && after.document == record.document)
            await #expect(throws: ValidationFailure.self) {
                _ = try await VigiaTasks.importRiskMap(.text("x"), methodology: "iso31000", entityNIT: "800-A", at: app.now, on: app.db)
            }
            _ = fx
        }
    }

    @Test("Every role of the entity reads the map's page: heat maps with a count per cell, the risks of one cell, the period's %; another entity gets 404",
          arguments: TestDB.all)
    func pages(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleRiskMap(app)
            for email in ["oci@a.gov.co", "hacienda@a.gov.co", "consulta@a.gov.co", "admin@a.gov.co"] {
                var user = try await Browser.signedIn(app, as: email)
                #expect(try await user.get("/riesgos").body.string.contains("/riesgos/\(id)"), "\(email)")
                #expect(try await user.get("/riesgos/\(id)").status == .ok, "\(email)")
            }
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            // The home page's card: risks per zone, inherent → residual, and the map's overdue actions today.
            let home = try await oci.get("/").body.string
            let overdue = try #require(try await RiskMapRecord.find(id, on: app.db)).map().overdueActions(today: app.today)
            #expect(home.contains("Riesgos de corrupción · 2026") && home.contains("Extrema: 1 → 0") && home.contains("Baja: 0 → 2"))
            #expect(home.contains(overdue == 1 ? "1 acción del mapa vencida a hoy." : "\(overdue) acciones del mapa vencidas a hoy.") && home.contains("/riesgos/\(id)"))
            let page = try await oci.get("/riesgos/\(id)?periodo=1").body.string
            #expect(page.contains("<svg") && page.contains("Riesgo inherente") && page.contains("Riesgo residual"))
            #expect(page.contains("4 20 80 EXTREMA") && page.contains("2 5 10 BAJA") && page.contains("37,5 %"))
            #expect(page.contains("?periodo=1&amp;celda=inherente-3-2#riesgos"), "each cell links to its risks")
            let second = try await oci.get("/riesgos/\(id)?periodo=2").body.string
            #expect(second.contains("67,5 %") && second.contains("trasladado a Control Disciplinario"))
            let cell = try await oci.get("/riesgos/\(id)?periodo=2&celda=inherente-2-1").body.string
            #expect(cell.contains("del riesgo inherente: 2.") && cell.contains("alterar la liquidación") && !cell.contains("vehículos y el combustible"))
            // A cell that is no cell shows every risk; a forged one is escaped, never echoed raw.
            let odd = try await oci.get("/riesgos/\(id)?celda=%22%3E%3Cscript%3E").body.string
            #expect(odd.contains("vehículos y el combustible") && !odd.contains("\"><script>"))

            let xlsx = try await oci.get("/riesgos/\(id)/documento/xlsx?periodo=2")
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentType) == ReportFormat.xlsx.contentType)
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("mapa-riesgos-corrupcion_segundo-cuatrimestre-2026.xlsx") == true, "\(xlsx.headers.first(name: .contentDisposition) ?? "")")
            let pdf = try await oci.get("/riesgos/\(id)/documento/pdf?periodo=2")
            #expect(String(decoding: pdf.body.readableBytesView.prefix(5), as: UTF8.self) == "%PDF-")
            let printable = try await oci.get("/riesgos/\(id)/documento/html?periodo=2").body.string
            #expect(printable.contains("MAPA DE RIESGOS DE CORRUPCIÓN 2026") && printable.contains(">4 Probable<") && printable.contains(">EXTREMA<"))

            #expect(try await oci.get("/riesgos/\(id)?periodo=7").status == .notFound)
            #expect(try await oci.get("/api/v1/risk-maps/\(id)?periodo=7").status == .notFound)

            var other = try await Browser.signedIn(app, as: "oci@b.gov.co")
            #expect(try await other.get("/riesgos/\(id)/documento/pdf").status == .notFound)
            #expect(try await other.get("/riesgos/\(id)").status == .notFound)
            #expect(!(try await other.get("/riesgos").body.string.contains(id.uuidString)))
            #expect(try await other.get("/api/v1/risk-maps/\(id)").status == .notFound)
        }
    }

    @Test("The API and `vigia export risk-map --format json` give the same document, with the zones and % computed by hand", arguments: TestDB.all)
    func apiAndExport(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleRiskMap(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let list = try await oci.get("/api/v1/risk-maps")
            #expect(list.status == .ok && list.body.string.contains("\"vigencia\":2026"))
            let api = try await oci.get("/api/v1/risk-maps/\(id)?periodo=1")
            #expect(api.status == .ok)
            let report = try JSONDecoder().decode(RiskMapReport.self, from: Data(buffer: api.body))
            #expect(report.porcentaje == 37.5 && report.periodo == 1 && report.semaforo == .rojo)
            #expect(report.riesgos.map { $0.inherente?.texto } == ["4 20 80 EXTREMA", "3 10 30 ALTA", "3 10 30 ALTA", "2 10 20 MODERADA", "2 20 40 ALTA", "3 5 15 MODERADA"])
            #expect(report.riesgos[0].residual?.zona == "Alta" && report.riesgos[0].porcentaje == 40)
            let export = try await VigiaTasks.exportRiskMapJSON(id: id, period: 1, method: nil, on: app.db)
            #expect(try JSONDecoder().decode(RiskMapReport.self, from: export) == report)
            let byAction = try JSONDecoder().decode(RiskMapReport.self, from: Data(buffer: try await oci.get("/api/v1/risk-maps/\(id)?periodo=1&metodo=promedio_acciones").body))
            #expect(byAction.porcentaje.map { ($0 * 100).rounded() / 100 } == 37.86)   // (50 + 30 + 40 + 25 + 100 + 20 + 0) / 7
            #expect(try await oci.get("/api/v1/risk-maps/\(id)?metodo=mediana").status == .unprocessableEntity)
            await #expect(throws: ValidationFailure.self) { _ = try await VigiaTasks.exportRiskMapJSON(id: id, period: 7, method: nil, on: app.db) }
        }
    }

    @Test("Text from an imported map reaches the page escaped", arguments: [TestDB.sqlite])
    func hostileText(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let text = "Vigencia 2026\nNo.\tPROCESO\tRIESGO\tRIESGO INHERENTE\tCONTROLES\tTIPO DE CONTROL\tACCIONES\tRESPONSABLE\n"
                + "1\tjavascript:alert(1)\t<script>alert('x')</script> \"><img src=x onerror=alert(1)>\t3 10 30 ALTA\t<b>control</b>\tPreventivo\t<i>acción</i>\tJefe\n"
            let id = try await VigiaTasks.importRiskMap(.text(text), methodology: nil, entityNIT: "800-A", at: app.now, on: app.db).id
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let page = try await oci.get("/riesgos/\(id)").body.string
            #expect(!page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("<b>control</b>") && !page.contains("<i>acción</i>"))
            #expect(page.contains("&lt;script&gt;alert") && page.contains("&lt;b&gt;control&lt;/b&gt;"))
            #expect(!page.contains("href=\"javascript:"))
        }
    }
}
