import VigiaCore

/// Why an import stopped, in Spanish, naming the line and, when it applies, the column.
public struct ImportError: Error, Equatable, CustomStringConvertible, Sendable {
    public var line: Int
    /// Column index from 0 (shown as a spreadsheet letter).
    public var column: Int?
    public var columnName: String?
    public var message: String
    /// The worksheet, when the import came from a workbook (then `line` is the sheet's row).
    public var sheet: String? = nil

    public init(line: Int, column: Int? = nil, columnName: String? = nil, message: String) {
        self.line = line; self.column = column; self.columnName = columnName; self.message = message
    }

    public var description: String {
        // Line 0: the file as a whole (e.g. not a workbook).
        if line == 0 && sheet == nil { return message.prefix(1).uppercased() + message.dropFirst() }
        var place = sheet.map { "Hoja «\($0)», fila \(line)" } ?? "Línea \(line)"
        if let column {
            place += ", columna \(ImportError.letter(column))"
            if let columnName { place += " (\(columnName))" }
        }
        return place + ": " + message
    }

    /// 0 → A, 25 → Z, 26 → AA; empty for a negative index.
    public static func letter(_ index: Int) -> String {
        guard index >= 0 else { return "" }
        var n = index, s = ""
        while true {
            s = String(UnicodeScalar(UInt8(65 + n % 26))) + s
            if n < 26 { return s }
            n = n / 26 - 1
        }
    }
}

/// A note about something the importer had to interpret; shown to the user, never silent.
public struct ImportNote: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "Línea \(line): \(message)" }
}

/// Tab-separated text as pasted from Excel: lines of cells, 1-based line numbers.
struct TabularText {
    struct Row {
        let number: Int
        let cells: [String]
        /// The non-blank cells, trimmed; computed once, as every row test reads them (recomputing
        /// them per cell made a row of many cells quadratic).
        let nonEmpty: [(index: Int, text: String)]

        init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
            nonEmpty = cells.enumerated().compactMap { i, cell in
                let text = cell.trimmed
                return text.isEmpty ? nil : (i, text)
            }
        }

        subscript(_ i: Int?) -> String {
            guard let i, i >= 0, i < cells.count else { return "" }
            return cells[i].trimmed
        }
        var isBlank: Bool { nonEmpty.isEmpty }
    }

    let rows: [Row]
    /// Where the first overlong Character was (dropped from its cell): the importers refuse the
    /// file, naming the place, before comparing any text.
    let overlong: (line: Int, column: Int)?

    init(_ text: String) {
        var t = text
        if t.unicodeScalars.first == "\u{FEFF}" { t.unicodeScalars.removeFirst() }
        (rows, overlong) = TabularText.parse(t)
    }

    /// A worksheet's rows (numbered as in the sheet); an overlong Character is dropped and its
    /// place kept, as in text.
    init(sheetRows: [(number: Int, cells: [String])]) {
        var found: (line: Int, column: Int)? = nil
        rows = sheetRows.map { row in
            Row(number: row.number, cells: row.cells.enumerated().map { i, cell in
                guard cell.contains(where: \.isOverlong) else { return cell }
                if found == nil { found = (row.number, i) }
                return String(cell.filter { !$0.isOverlong })
            })
        }
        overlong = found
    }

    func refuseOverlong() throws(ImportError) {
        guard let overlong else { return }
        throw ImportError(line: overlong.line, column: overlong.column, message:
            "un carácter lleva más de 30 acentos o marcas seguidas; no es texto legible. Revise el archivo.")
    }

    /// A line ends at LF, CR or CRLF. Swift reads CRLF as one Character, equal to neither "\r"
    /// nor "\n", so the test names all three. Other Unicode line breaks (VT, FF, NEL, U+2028)
    /// stay inside the cell: editors do not count them as lines, and errors name lines.
    static func isLineEnd(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    /// Splits lines on line ends and cells on tabs, honouring Excel's quoting of cells that hold
    /// tabs, quotes or line breaks (a quoted cell may span lines; the row keeps its first line).
    static func parse(_ text: String) -> (rows: [Row], overlong: (line: Int, column: Int)?) {
        var rows: [Row] = []
        var overlong: (line: Int, column: Int)? = nil
        var cells: [String] = [], current = "", quoted = false, atCellStart = true
        var line = 1, rowLine = 1
        let chars = Array(text)
        // A quote opens a quoted cell only if another quote follows somewhere.
        let lastQuote = chars.lastIndex(of: "\"") ?? -1
        func endRow() {
            cells.append(current)
            rows.append(Row(number: rowLine, cells: cells))
            cells = []; current = ""; atCellStart = true
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c.isOverlong {
                if overlong == nil { overlong = (line, cells.count) }
                continue
            }
            if quoted {
                if c == "\"" {
                    if i < chars.count && chars[i] == "\"" { current.append("\""); i += 1 } else { quoted = false }
                } else if isLineEnd(c) {
                    current.append("\n"); line += 1
                } else {
                    current.append(c)
                }
                continue
            }
            switch c {
            case "\t":
                cells.append(current); current = ""; atCellStart = true
            case _ where isLineEnd(c):
                endRow(); line += 1; rowLine = line
            case "\"" where atCellStart && lastQuote >= i:
                quoted = true; atCellStart = false
            default:
                current.append(c); atCellStart = false
            }
        }
        if !current.isEmpty || !cells.isEmpty { endRow() }
        return (rows, overlong)
    }
}
