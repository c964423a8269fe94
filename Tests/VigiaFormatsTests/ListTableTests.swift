import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

@Suite("Lists as CSV and XLSX: typed cells, Excel in Colombia, no formula injection")
struct ListTableTests {
    // 1736000020 is 2025-01-04 14:13:40 UTC: 04/01/2025 09:13 in Colombia.
    static let instant = Date(timeIntervalSince1970: 1_736_000_000 + 20)
    static let table = ListTable(
        title: "Acciones: prueba/1", subtitle: "Alcaldía A · 22/11/2026",
        columns: [.init("Descripción"), .init("Hallazgo"), .init("Fecha final"), .init("% de avance"), .init("Registrado")],
        rows: [[.text("Actualizar; el \"manual\"\r\nde procesos"), .number(3), .date(LocalDate(year: 2025, month: 9, day: 30)), .percent(75.5),
                .instant(instant)],
               [.text("=HYPERLINK(\"http://x\")"), .number(12.25), .date(nil), .percent(nil), .instant(nil)],
               [.text("+57 300"), .number(0), .date(LocalDate(year: 2026, month: 1, day: 1)), .percent(100), .instant(nil)]])

    @Test func instantsAreColombianWallClock() throws {
        let t = try #require(ColombiaClock.wallClock(Self.instant))
        #expect(t.day.dayFirst == "04/01/2025" && t.hour == 9 && t.minute == 13)
        #expect(ListTable.text(.instant(Self.instant)) == "04/01/2025 09:13")
        #expect(ColombiaClock.wallClock(Date(timeIntervalSince1970: 1e300)) == nil)
        #expect(ColombiaClock.wallClock(Date(timeIntervalSince1970: -1e300)) == nil)
    }

    @Test("CSV: BOM, semicolons, CRLF, quotes, decimal comma, dates day-first, formulas neutralised")
    func csv() throws {
        let data = Self.table.csv()
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "Descripción;Hallazgo;Fecha final;% de avance;Registrado")
        #expect(text.hasPrefix("Descripción;Hallazgo;Fecha final;% de avance;Registrado\r\n\"Actualizar; el \"\"manual\"\"\r\nde procesos\";3;30/09/2025;75,5 %;04/01/2025 09:13\r\n"))
        #expect(text.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\";12,25;;;\r\n"))
        #expect(text.contains("\r\n'+57 300;0;01/01/2026;100 %;\r\n"))
        #expect(text.hasSuffix("\r\n"))
    }

    @Test("XLSX: title, header with filter, numbers, dates and % typed; text stays text")
    func xlsx() throws {
        let sheet = try XLSXSheet.read(try Self.table.xlsx())
        #expect(sheet.cells["A1"] == "Acciones: prueba/1" && sheet.cells["A2"] == "Alcaldía A · 22/11/2026")
        #expect(sheet.cells["A4"] == "Descripción" && sheet.cells["E4"] == "Registrado")
        #expect(sheet.cells["A5"] == "Actualizar; el \"manual\"\nde procesos", "\(String(describing: sheet.cells["A5"]))")
        #expect(sheet.numbers["B5"] == 3 && sheet.numbers["B6"] == 12.25)
        // 30/09/2025 is serial 45930; 75,5 % is 0.755; 04/01/2025 09:13 is 45661 + 553/1440.
        #expect(sheet.numbers["C5"] == 45930 && sheet.numbers["D5"] == 0.755)
        #expect(abs((sheet.numbers["E5"] ?? 0) - (45661 + 553.0 / 1440)) < 1e-9)
        #expect(sheet.cells["A6"] == "=HYPERLINK(\"http://x\")" && sheet.formulas["A6"] == nil)
        #expect(sheet.numbers["C6"] == nil && sheet.numbers["D6"] == nil)
        // Our own reader shows the cells as Excel does: dates day-first.
        let read = try XLSXWorkbook(data: try Self.table.xlsx()).sheet()
        #expect(read.name == "Acciones prueba1")
        #expect(read.rows.first { $0.number == 5 }?.cells.prefix(3).last == "30/09/2025")
    }

    @Test func sheetNamesAndEmptyTables() throws {
        #expect(ListSheet.sheetName("[]:*?/\\'") == "Lista")
        #expect(ListSheet.sheetName(String(repeating: "á", count: 40)).count == 31)
        let empty = ListTable(title: "", columns: [], rows: [])
        _ = try empty.xlsx()
        #expect(String(decoding: empty.csv().dropFirst(3), as: UTF8.self) == "\r\n")
    }
}
