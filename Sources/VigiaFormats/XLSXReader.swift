import Foundation
import VigiaCore

/// Why a workbook could not be read, in Spanish.
public struct XLSXReadError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An .xlsx workbook (Excel, LibreOffice, Google Sheets) read into rows of text cells, as a
/// person sees them: shared and inline strings, formulas' cached values, dates (stored as serial
/// numbers or as text) written day-first, percentages written "75 %", other numbers with a
/// decimal comma. A merged range shows its value in its first cell and leaves the others blank,
/// as copying the sheet from Excel does (so a merged finding applies to every row it spans).
public struct XLSXWorkbook: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        /// Sheet row number (1-based) → cells from column A.
        public var rows: [(number: Int, cells: [String])]
    }

    /// The sheets' names, in the workbook's order.
    public let sheetNames: [String]
    private let parts: [String: Data]
    private let sheetPaths: [String]
    private let strings: [String]
    private let styles: XLSXStyles
    private let date1904: Bool

    /// The most a workbook may unpack to (a "ZIP bomb" stops here).
    public static let maxUnpackedBytes = 200 * 1024 * 1024

    /// The most cells a sheet may spread over (counting the blanks up to each row's last cell).
    public static let maxCells = 5_000_000

    /// True for the bytes of a ZIP archive (an .xlsx is one).
    public static func looksLikeWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    public init(data: Data) throws(XLSXReadError) {
        guard Self.looksLikeWorkbook(data), let zip = try? ZIPEntries(data) else {
            throw XLSXReadError("el archivo no es un libro de Excel (.xlsx) legible; si es un .xls antiguo, ábralo y guárdelo como .xlsx.")
        }
        var parts: [String: Data] = [:]
        var total = 0
        for entry in zip.entries where Self.wanted(entry.path) {
            do {
                let bytes = try zip.contents(of: entry, limit: Self.maxUnpackedBytes - total)
                total += bytes.count
                parts[entry.path] = bytes
            } catch {
                throw XLSXReadError("el libro está dañado o es demasiado grande: \(error.message)")
            }
        }
        guard let workbook = parts["xl/workbook.xml"] else {
            throw XLSXReadError("el archivo es un ZIP pero no un libro de Excel (.xlsx): le falta xl/workbook.xml.")
        }
        let book = XLSXWorkbookPart.parsed(workbook)
        let rels = XLSXRelationships.parse(parts["xl/_rels/workbook.xml.rels"] ?? Data())
        var names: [String] = [], paths: [String] = []
        for sheet in book.sheets {
            guard let target = rels[sheet.relationID] else { continue }
            names.append(sheet.name)
            paths.append(target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }
        guard !names.isEmpty else { throw XLSXReadError("el libro no tiene hojas.") }
        self.sheetNames = names
        self.sheetPaths = paths
        self.parts = parts
        self.date1904 = book.date1904
        self.strings = XLSXSharedStrings.parse(parts["xl/sharedStrings.xml"] ?? Data())
        self.styles = XLSXStyles.parsed(parts["xl/styles.xml"] ?? Data())
    }

    private static func wanted(_ path: String) -> Bool {
        path == "xl/workbook.xml" || path == "xl/_rels/workbook.xml.rels" || path == "xl/sharedStrings.xml"
            || path == "xl/styles.xml" || path.hasPrefix("xl/worksheets/") && path.hasSuffix(".xml")
    }

    /// The sheet named `name` (without regard to case), or the first when nil.
    public func sheet(_ name: String? = nil) throws(XLSXReadError) -> Sheet {
        var index = 0
        if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty {
            let wanted = name.trimmingCharacters(in: .whitespaces).folded
            guard let i = sheetNames.firstIndex(where: { $0.folded == wanted }) else {
                throw XLSXReadError("el libro no tiene la hoja «\(name)»; tiene: \(sheetNames.map { "«\($0)»" }.joined(separator: ", ")).")
            }
            index = i
        }
        guard let xml = parts[sheetPaths[index]] else { throw XLSXReadError("el libro está dañado: falta la hoja «\(sheetNames[index])».") }
        return Sheet(name: sheetNames[index], rows: try rows(of: XLSXSheetPart.parsed(xml), sheet: sheetNames[index]))
    }

    /// A parsed sheet's rows of text, refused when they would spread over too many cells.
    func rows(of raw: XLSXSheetPart, sheet name: String) throws(XLSXReadError) -> [(number: Int, cells: [String])] {
        var rows: [(number: Int, cells: [String])] = []
        var total = 0
        for row in raw.rows {
            var cells: [String] = []
            for cell in row.cells where cell.column >= 0 && cell.column < 16_384 {
                let text = value(cell)
                guard !text.isEmpty else { continue }
                if cells.count <= cell.column { cells += Array(repeating: "", count: cell.column - cells.count + 1) }
                cells[cell.column] = text
            }
            // Cells far apart on many rows would make a sheet of billions of blanks.
            total += cells.count
            guard total <= Self.maxCells else {
                throw XLSXReadError("la hoja «\(name)» es demasiado grande (más de \(Self.maxCells / 1_000_000) millones de celdas hasta su última columna).")
            }
            rows.append((row.number, cells))
        }
        return rows
    }

    /// The text a person sees in the cell.
    func value(_ c: XLSXSheetPart.Cell) -> String {
        switch c.type {
        case "s": return Int(c.value.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
        case "inlineStr": return c.inline
        case "str", "e": return c.value
        case "b": return c.value == "1" ? "VERDADERO" : "FALSO"
        case "d": return LocalDate(iso: String(c.value.prefix(10)))?.dayFirst ?? c.value
        default:
            guard let number = Double(c.value.trimmingCharacters(in: .whitespaces)), number.isFinite else { return c.value }
            switch styles.kind(of: c.style) {
            case .date: return serialDate(number)?.dayFirst ?? Self.plain(number)
            case .percent: return Self.plain(number * 100) + " %"
            case .number: return Self.plain(number)
            }
        }
    }

    /// Excel's day numbers: from 30/12/1899 (with its 29/02/1900 that never was), or from 1904.
    func serialDate(_ serial: Double) -> LocalDate? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        let base = date1904 ? LocalDate(year: 1904, month: 1, day: 1)! : LocalDate(year: 1899, month: 12, day: 30)!
        return base.adding(days: !date1904 && days < 61 ? days + 1 : days)
    }

    /// 12 → "12", 0.5 → "0,5", 75.25 → "75,25" (up to ten decimals, no exponent).
    static func plain(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        var text = String(format: "%.10f", n)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }
}

/// A workbook's sheet as the importers take it; a workbook that cannot be read is an ImportError.
enum WorkbookInput {
    /// Reads the sheet with `importer`; its errors then name the sheet.
    static func read<T>(_ data: Data, sheet: String?, _ importer: (TabularText) throws(ImportError) -> T) throws(ImportError) -> T {
        let s: XLSXWorkbook.Sheet
        do { s = try XLSXWorkbook(data: data).sheet(sheet) } catch { throw ImportError(line: 0, message: error.message) }
        do { return try importer(TabularText(sheetRows: s.rows)) } catch {
            var e = error
            e.sheet = s.name
            throw e
        }
    }
}
