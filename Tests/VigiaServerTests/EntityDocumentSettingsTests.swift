import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
import VigiaFormats
@testable import VigiaServer

/// The sheet XML of an XLSX, read with Debian's unzip.
func sheetXML(_ data: Data) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("s-\(UUID().uuidString).xlsx")
    try data.write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    p.arguments = ["-p", path.path, "xl/worksheets/sheet1.xml"]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: out, as: UTF8.self)
}

@Suite("The entity's semáforo zones and publication rule reach every page and document")
struct EntityDocumentSettingsTests {
    static func settings(_ overrides: [String: String]) -> [String: String] {
        ["nombre": "Alcaldía A", "nit": "800.100.200-1", "plazoMaximo": "12", "recordatorios": "15, 5", "zonaBaja": "60", "zonaAlta": "80",
         "periodicidad": "cuatrimestral"].merging(overrides) { _, new in new }
    }

    @Test("Zones 75/90: pages, XLSX of the web and of the command line use them; the other entity keeps the default", arguments: TestDB.all)
    func zones(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            _ = try await admin.get("/administracion/entidad")
            // Refused limits name the field, and nothing changes.
            for (low, high) in [("90", "75"), ("abc", "80"), ("0", "50"), ("60", "101")] {
                let bad = try await admin.post("/administracion/entidad", Self.settings(["zonaBaja": low, "zonaAlta": high]))
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Zonas del semáforo"), "\(low) \(high)")
            }
            #expect(try await Entity.find(fx.entityA, on: app.db)?.zoneLowBelow == 60)
            let saved = try await admin.post("/administracion/entidad", Self.settings(["zonaBaja": "75", "zonaAlta": "90", "periodicidad": "semestral"]))
            #expect(saved.status == .seeOther)
            let entity = try #require(try await Entity.find(fx.entityA, on: app.db))
            #expect(entity.zones == RatingZoneLimits(lowBelow: 75, highFrom: 90) && entity.periodicity == "semestral")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity.$id == fx.entityA).filter(\.$field == "zona baja por debajo de (%)").first()
            #expect(audit?.oldValue == "60" && audit?.newValue == "75")
            #expect(try await admin.get("/administracion/entidad").body.string.contains("value=\"75\""))

            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let mine = try await oci.get("/planes/\(fx.planA)/documento/xlsx")
            #expect(mine.status == .ok)
            let xml = try sheetXML(Data(buffer: mine.body))
            #expect(xml.contains("&lt;0.7495") && xml.contains("&gt;=0.8995") && !xml.contains("0.5995"))
            let (cli, _) = try await VigiaTasks.exportPlanReport(id: fx.planA, round: nil, format: .xlsx, on: app.db)
            #expect(try sheetXML(cli).contains("&lt;0.7495"))
            var other = try await Browser.signedIn(app, as: "oci@b.gov.co")
            let theirs = try sheetXML(Data(buffer: try await other.get("/planes/\(fx.planB)/documento/xlsx").body))
            #expect(theirs.contains("&lt;0.5995") && !theirs.contains("0.7495"))
            // A plan's semáforo word follows the limits: the same % is «Baja» below 75.
            let snapshot = try await PlanStore.snapshot(of: try #require(try await ImprovementPlan.find(fx.planA, on: app.db)), on: app.db)
            if let p = PlanEvaluator.evaluate(snapshot).plan.porcentaje {
                let expected = RatingZone(percent: p, lowBelow: 75, highFrom: 90).label
                #expect(csvRows(try await oci.get("/planes?formato=csv").body).first?.contains(";\(expected);") == true)
            }
            // New programs offer the entity's rule first.
            #expect(try await oci.get("/programas/nuevo").body.string.contains("<option value=\"semestral\" selected"))
        }
    }

    @Test("A document keeps the limits it was made with: a published page is coloured by them, whoever looks and whenever")
    func documentsKeepTheirLimits() throws {
        let table = ReportTable(columnas: [ReportColumn("ACTIVIDAD", ancho: 40), ReportColumn("% AVANCE", ancho: 30, tipo: .porcentaje, semaforo: true)],
                                filas: [ReportRow([ReportCell("Publicar el informe"), .percent(70)])])
        let strict = RatingZoneLimits.$current.withValue(RatingZoneLimits(lowBelow: 75, highFrom: 90)) {
            ReportDocument(formato: FormatHeader(entidad: "E"), titulo: "T", secciones: [ReportSection(tabla: table)], nombreArchivo: "x")
        }
        #expect(strict.zonas == RatingZoneLimits(lowBelow: 75, highFrom: 90))
        let data = try PlanDocument.encoder.encode(strict)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stored = try #require(object["zonas"] as? [String: Any])
        #expect(stored["bajaPorDebajoDe"] as? Double == 75 && stored["altaDesde"] as? Double == 90)
        // Seen later by someone whose own limits are the defaults: still «baja» (red) at 70 %.
        let page = ReportHTMLView.page(strict).render()
        #expect(page.contains("light-cell rojo") && !page.contains("light-cell amarillo"))
        // A document stored before the limits were kept was made with the defaults: «media».
        object["zonas"] = nil
        let old = try JSONDecoder().decode(ReportDocument.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.zonas == nil)
        let oldPage = RatingZoneLimits.$current.withValue(RatingZoneLimits(lowBelow: 75, highFrom: 90)) { ReportHTMLView.page(old).render() }
        #expect(oldPage.contains("light-cell amarillo"))
    }
}
