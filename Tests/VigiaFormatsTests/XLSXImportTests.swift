import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// Workbooks made by openpyxl and re-saved by LibreOffice (scripts/make_xlsx_fixtures.py):
/// real dates, percentages stored as fractions, merged finding cells, a second sheet.
@Suite("Plans and programs from .xlsx workbooks")
struct XLSXImportTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Seeds.root.appendingPathComponent("Tests/Fixtures/xlsx/\(name).xlsx"))
    }
    static func sample(_ name: String) throws -> String { try String(contentsOf: Seeds.sample(name), encoding: .utf8) }

    @Test(arguments: ["plan-openpyxl", "plan-libreoffice"])
    func thePlanReadsLikeItsText(name: String) throws {
        let fromText = try PlanImporter.importPlan(text: Self.sample("plan-mejoramiento-demo.tsv"))
        let fromBook = try PlanImporter.importPlan(workbook: Self.fixture(name))
        #expect(fromBook.plan == fromText.plan)
        #expect(fromBook.plan.hallazgos.count == 4 && fromBook.plan.actionCount == fromText.plan.actionCount)
    }

    @Test(arguments: ["programa-openpyxl", "programa-libreoffice"])
    func theProgramReadsLikeItsText(name: String) throws {
        let fromText = try ProgramImporter.importProgram(text: Self.sample("seguimiento-paac-demo-2026-c1.txt"))
        let fromBook = try ProgramImporter.importProgram(workbook: Self.fixture(name))
        #expect(fromBook.program == fromText.program)
        #expect(fromBook.periodo == fromText.periodo)
    }

    @Test func sheetsAreChosenByName() throws {
        let book = try XLSXWorkbook(data: Self.fixture("plan-libreoffice"))
        #expect(book.sheetNames == ["B-I-007", "Notas"])
        #expect(try PlanImporter.importPlan(workbook: Self.fixture("plan-openpyxl"), sheet: "b-i-007").plan.hallazgos.count == 4)
        let bytes = try Self.fixture("plan-openpyxl")
        let notes = #expect(throws: ImportError.self) { try PlanImporter.importPlan(workbook: bytes, sheet: "Notas") }
        #expect(notes?.description.hasPrefix("Hoja «Notas», fila 1") == true)
        let missing = #expect(throws: ImportError.self) { try PlanImporter.importPlan(workbook: bytes, sheet: "Hoja9") }
        #expect(missing?.description == "El libro no tiene la hoja «Hoja9»; tiene: «B-I-007», «Notas».")
    }

    @Test func cellValuesAsAPersonSeesThem() throws {
        let sheet = try XLSXWorkbook(data: Self.fixture("plan-openpyxl")).sheet()
        let byRow = Dictionary(uniqueKeysWithValues: sheet.rows.map { ($0.number, $0.cells) })
        // Row 12 is the first action: a merged finding cell shows once, the dates (real dates) day-first.
        let first = try #require(byRow[12])
        #expect(first[0] == "1" && first[5] == "02/03/2026" && first[6] == "30/09/2026")
        #expect(try #require(byRow[13])[0] == "" && byRow[13]?[5] == "01/07/2026")
        #expect(XLSXWorkbook.plain(0.75) == "0,75" && XLSXWorkbook.plain(12) == "12" && XLSXWorkbook.plain(-3.5) == "-3,5")
        #expect(XLSXStyles.kind(ofCode: "dd/mm/yyyy") == .date && XLSXStyles.kind(ofCode: "0.0%") == .percent)
        #expect(XLSXStyles.kind(ofCode: "#,##0") == .number && XLSXStyles.kind(ofCode: "[$-240A]d \"de\" mmmm") == .date)
        #expect(XLSXStyles.kind(ofCode: "0\" días\"") == .number)
    }

    @Test func aWorkbookVigiaWroteReadsBackToTheSamePlan() throws {
        let plan = try PlanImporter.importPlan(text: Self.sample("plan-mejoramiento-demo.tsv")).plan
        let first = try XLSXRenderer.render(PlanReport.build(plan, round: nil))
        let again = try PlanImporter.importPlan(workbook: first).plan
        #expect(again.hallazgos == plan.hallazgos)
        // Dates and finding numbers are typed cells, read back as a person sees them.
        let rows = try XLSXWorkbook(data: first).sheet().rows
        let firstAction = try #require(rows.first { $0.cells.first == "1" })
        #expect(firstAction.cells[5] == "02/03/2026" && firstAction.cells[6] == "30/09/2026")
        let second = try XLSXRenderer.render(PlanReport.build(again, round: nil))
        let a = try XLSXSheet.read(first).cells, b = try XLSXSheet.read(second).cells
        let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.map { "\($0): «\(a[$0] ?? "")» → «\(b[$0] ?? "")»" })")
    }

    @Test func whatIsNotAWorkbookIsRefusedClearly() throws {
        let notZip = Data("No.\tDESCRIPCIÓN\n".utf8)
        let refused = #expect(throws: ImportError.self) { try PlanImporter.importPlan(workbook: notZip) }
        #expect(refused?.description.hasPrefix("El archivo no es un libro de Excel (.xlsx) legible") == true)
        var truncated = try Self.fixture("plan-openpyxl")
        truncated = truncated.prefix(truncated.count / 2)
        #expect(throws: ImportError.self) { try PlanImporter.importPlan(workbook: truncated) }
    }

    @Test func damagedWorkbooksNeverTrap() throws {
        let original = try Self.fixture("plan-libreoffice")
        var g = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bytes = [UInt8](original)
            for _ in 0..<Int.random(in: 1...8, using: &g) {
                bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            }
            _ = try? PlanImporter.importPlan(workbook: Data(bytes))
        }
    }
}

extension XLSXImportTests {
    /// A sheet whose cells sit at the last column of many rows would unfold into billions of
    /// blank cells: it is refused by its size, not read.
    @Test func aSheetOfFarApartCellsIsRefused() throws {
        var rows = ""
        for r in 1...400 { rows += "<row r=\"\(r)\"><c r=\"XFD\(r)\" t=\"inlineStr\"><is><t>x</t></is></c></row>" }
        let sheet = XLSXSheetPart.parsed(Data("<worksheet><sheetData>\(rows)</sheetData></worksheet>".utf8))
        #expect(sheet.rows.count == 400 && sheet.rows[0].cells[0].column == 16_383 && sheet.rows[0].cells[0].inline == "x")
        let book = try XLSXWorkbook(data: Self.fixture("plan-openpyxl"))
        let refused = #expect(throws: XLSXReadError.self) { try book.rows(of: sheet, sheet: "Grande") }
        #expect(refused?.message == "la hoja «Grande» es demasiado grande (más de 5 millones de celdas hasta su última columna).")
    }
}
