import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// The entity's rating zones colour the % cells in every renderer, not only the default ones.
@Suite("Rating zones in the PDF and the XLSX", .enabled(if: Poppler.available, "poppler-utils is not installed"))
struct RatingZonesRenderTests {
    /// One row graded 70 %: media (amarillo) by default, baja (rojo) for an entity whose low
    /// zone ends at 75 %.
    static let doc = ReportDocument(
        formato: FormatHeader(entidad: "ENTIDAD DE PRUEBA"), titulo: "SEGUIMIENTO",
        secciones: [ReportSection(tabla: ReportTable(
            columnas: [ReportColumn("ACTIVIDAD", ancho: 40), ReportColumn("% AVANCE", ancho: 30, tipo: .porcentaje, semaforo: true)],
            filas: [ReportRow([ReportCell("Publicar el informe"), .percent(70)])]))],
        nombreArchivo: "zonas")
    static let strict = RatingZoneLimits(lowBelow: 75, highFrom: 90)

    /// Page 1 at 36 dpi as P6 pixels; counts the pixels of each colour.
    static func pixelCounts(_ pdf: Data) throws -> [UInt32: Int] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("z-\(UUID().uuidString).pdf")
        try pdf.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
        p.arguments = ["-r", "36", "-f", "1", "-l", "1", path.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let ppm = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        // "P6\n<w> <h>\n255\n": the pixels start after the third line break.
        var breaks = 0, start = 0
        while start < ppm.count, breaks < 3 { if ppm[start] == 0x0A { breaks += 1 }; start += 1 }
        var counts: [UInt32: Int] = [:]
        for i in stride(from: start, to: ppm.count - 2, by: 3) {
            counts[UInt32(ppm[i]) << 16 | UInt32(ppm[i + 1]) << 8 | UInt32(ppm[i + 2]), default: 0] += 1
        }
        return counts
    }

    @Test func thePDFColoursTheCellByTheEntitysZones() throws {
        let red = ZoneColours.colours(.rojo)!.background, yellow = ZoneColours.colours(.amarillo)!.background
        // MUT
        let byDefault = try Self.pixelCounts(PDFRenderer.render(Self.doc))
        let byEntity = try Self.pixelCounts(PDFRenderer.render(Self.doc, options: .init(zones: Self.strict)))
        // validate
        #expect(byDefault[yellow, default: 0] > 20)
        #expect(byDefault[red, default: 0] == 0)
        #expect(byEntity[red, default: 0] > 20)
        #expect(byEntity[yellow, default: 0] == 0)
    }

    @Test func theXLSXSemaphoreUsesTheEntitysZones() throws {
        let xlsx = try XLSXRenderer.render(Self.doc, options: .init(zones: Self.strict))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("z-\(UUID().uuidString).xlsx")
        try xlsx.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let sheet = String(decoding: try XLSXSheet.unzip(path.path, "xl/worksheets/sheet1.xml"), as: UTF8.self)
        // The thresholds as fractions, less half a decimal (RatingZone rounds to one decimal).
        #expect(sheet.contains("&lt;0.7495"))
        #expect(sheet.contains("&gt;=0.8995"))
        #expect(!sheet.contains("0.5995") && !sheet.contains("0.7995"))
    }
}
