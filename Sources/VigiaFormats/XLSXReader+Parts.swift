import Foundation

/// A reader over one XML part of a workbook: `start`/`end` get local element names (prefix
/// dropped), `text` the characters inside the current element. The parts of a workbook are
/// plain XML (no DTD); this scanner reads them byte by byte with every index checked, so a
/// damaged file ends the reading early instead of trapping (Foundation's XMLParser and
/// ZIPFoundation's in-memory reader both trapped on fuzzed input).
class XLSXPartReader {
    var text = ""

    required init() {}

    /// A reader of this kind after reading `data`.
    static func parsed(_ data: Data) -> Self {
        let r = Self()
        r.run(data)
        return r
    }

    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}

    func run(_ data: Data) {
        let b = [UInt8](data)
        var i = 0
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty { text += Self.decode(pending); pending.removeAll(keepingCapacity: true) }
        }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { pending.append(b[i]); i += 1; continue }
            if Self.has(b, i, "<![CDATA[") {
                let close = Self.find(b, from: i + 9, "]]>") ?? b.count
                flush()
                text += String(decoding: b[(i + 9)..<close], as: UTF8.self)
                i = close + 3
                continue
            }
            if Self.has(b, i, "<!--") { i = (Self.find(b, from: i + 4, "-->") ?? b.count) + 3; continue }
            if Self.has(b, i, "<?") || Self.has(b, i, "<!") { i = (Self.find(b, from: i + 2, ">") ?? b.count) + 1; continue }
            flush()
            guard let close = Self.tagEnd(b, from: i + 1) else { return }
            let inside = Array(b[(i + 1)..<close])
            i = close + 1
            if inside.first == UInt8(ascii: "/") {
                end(Self.local(Self.name(inside.dropFirst())))
                continue
            }
            let selfClosing = inside.last == UInt8(ascii: "/")
            let body = selfClosing ? Array(inside.dropLast()) : inside
            let name = Self.local(Self.name(body[...]))
            text = ""
            start(name, Self.attributes(body))
            if selfClosing { text = ""; end(name) }
        }
    }

    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    static func has(_ b: [UInt8], _ i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        return i >= 0 && i + u.count <= b.count && Array(b[i..<(i + u.count)]) == u
    }

    static func find(_ b: [UInt8], from: Int, _ s: String) -> Int? {
        var i = max(0, from)
        let u = Array(s.utf8)
        while i + u.count <= b.count {
            if b[i] == u[0] && Array(b[i..<(i + u.count)]) == u { return i }
            i += 1
        }
        return nil
    }

    /// The '>' that ends a tag, skipping quoted attribute values.
    static func tagEnd(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        var quote: UInt8? = nil
        while i < b.count {
            let c = b[i]
            if let q = quote { if c == q { quote = nil } } else if c == 34 || c == 39 { quote = c } else if c == 62 { return i }
            i += 1
        }
        return nil
    }

    static func name(_ body: ArraySlice<UInt8>) -> String {
        String(decoding: body.prefix { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 47 }, as: UTF8.self)
    }

    static func attributes(_ body: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        var i = body.firstIndex { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 } ?? body.count
        while i < body.count {
            while i < body.count && (body[i] == 32 || body[i] == 9 || body[i] == 10 || body[i] == 13) { i += 1 }
            let nameStart = i
            while i < body.count && body[i] != 61 && body[i] != 32 { i += 1 }
            let key = local(String(decoding: body[nameStart..<i], as: UTF8.self))
            while i < body.count && body[i] != 34 && body[i] != 39 { i += 1 }
            guard i < body.count else { break }
            let quote = body[i]
            let valueStart = i + 1
            i = valueStart
            while i < body.count && body[i] != quote { i += 1 }
            if !key.isEmpty { out[key] = decode(Array(body[valueStart..<min(i, body.count)])) }
            i += 1
        }
        return out
    }

    /// UTF-8 text with XML's five entities and numeric references resolved.
    static func decode(_ bytes: [UInt8]) -> String {
        let raw = String(decoding: bytes, as: UTF8.self)
        guard raw.contains("&") else { return raw }
        var out = ""
        var rest = raw[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].prefix(12).firstIndex(of: ";") else { out += "&"; rest = rest[rest.index(after: amp)...]; continue }
            let entity = String(rest[rest.index(after: amp)..<semi])
            switch entity {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalar: UInt32? = entity.hasPrefix("#x") || entity.hasPrefix("#X") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let scalar, let u = Unicode.Scalar(scalar) { out.unicodeScalars.append(u) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

/// xl/workbook.xml: the sheets (name and relationship) and the date system.
final class XLSXWorkbookPart: XLSXPartReader {
    var sheets: [(name: String, relationID: String)] = []
    var date1904 = false

    override func start(_ name: String, _ a: [String: String]) {
        if name == "sheet", let sheetName = a["name"], let id = a["id"] { sheets.append((sheetName, id)) }
        if name == "workbookPr", let v = a["date1904"] { date1904 = v == "1" || v == "true" }
    }
}

/// xl/_rels/workbook.xml.rels: relationship id → target path.
final class XLSXRelationships: XLSXPartReader {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] { parsed(data).targets }

    override func start(_ name: String, _ a: [String: String]) {
        if name == "Relationship", let id = a["Id"], let target = a["Target"] { targets[id] = target }
    }
}

/// xl/sharedStrings.xml: each `<si>`'s text (plain or in rich-text runs; phonetic runs skipped).
final class XLSXSharedStrings: XLSXPartReader {
    var strings: [String] = []
    private var current = ""
    private var inPhonetic = false

    static func parse(_ data: Data) -> [String] { parsed(data).strings }

    override func start(_ name: String, _ a: [String: String]) {
        if name == "si" { current = "" }
        if name == "rPh" { inPhonetic = true }
    }

    override func end(_ name: String) {
        switch name {
        case "t" where !inPhonetic: current += text
        case "rPh": inPhonetic = false
        case "si": strings.append(current)
        default: break
        }
        text = ""
    }
}

/// xl/styles.xml: which cell styles show a date or a percentage.
final class XLSXStyles: XLSXPartReader, @unchecked Sendable {
    enum Kind { case date, percent, number }
    private var formats: [Int: String] = [:]
    private var cellFormats: [Int] = []
    private var inCellXfs = false

    override func start(_ name: String, _ a: [String: String]) {
        if name == "numFmt", let id = a["numFmtId"].flatMap({ Int($0) }) { formats[id] = a["formatCode"] ?? "" }
        if name == "cellXfs" { inCellXfs = true }
        if name == "xf", inCellXfs { cellFormats.append(a["numFmtId"].flatMap { Int($0) } ?? 0) }
    }

    override func end(_ name: String) { if name == "cellXfs" { inCellXfs = false } }

    func kind(of style: Int?) -> Kind {
        guard let style, style >= 0, style < cellFormats.count else { return .number }
        let id = cellFormats[style]
        if (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id) { return .date }
        if id == 9 || id == 10 { return .percent }
        guard let code = formats[id] else { return .number }
        return Self.kind(ofCode: code)
    }

    /// A format code's meaning, ignoring quoted text, escaped characters and [colour]/[$-locale] blocks.
    static func kind(ofCode code: String) -> Kind {
        var bare = "", quoted = false, bracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            default: if !quoted && !bracket { bare.append(ch) }
            }
        }
        let lower = bare.lowercased()
        if lower.contains("%") { return .percent }
        if lower.contains("d") || lower.contains("y") || (lower.contains("m") && !lower.contains("0")) { return .date }
        return .number
    }
}

/// One worksheet: rows of cells with their type, style and value.
final class XLSXSheetPart: XLSXPartReader {
    struct Cell {
        var column: Int
        var type: String
        var style: Int?
        var value = ""
        var inline = ""
    }

    struct Row {
        var number: Int
        var cells: [Cell]
    }

    var rows: [Row] = []
    private var row: Row? = nil
    private var cell: Cell? = nil
    private var nextRow = 1
    private var nextColumn = 0
    private var inInline = false

    override func start(_ name: String, _ a: [String: String]) {
        switch name {
        case "row":
            let number = a["r"].flatMap { Int($0) }.flatMap { (1...1_048_576).contains($0) ? $0 : nil } ?? nextRow
            row = Row(number: number, cells: [])
            nextRow = number + 1
            nextColumn = 0
        case "c":
            let column = a["r"].flatMap(Self.column(ofReference:)) ?? nextColumn
            cell = Cell(column: column, type: a["t"] ?? "n", style: a["s"].flatMap { Int($0) })
            nextColumn = column + 1
        case "is": inInline = true
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v": cell?.value = text
        case "t" where inInline: cell?.inline += text
        case "is": inInline = false
        case "c":
            if let c = cell { row?.cells.append(c) }
            cell = nil
        case "row":
            if let r = row { rows.append(r) }
            row = nil
        default: break
        }
        text = ""
    }

    /// "BC12" → 54 (0-based), nil for anything else.
    static func column(ofReference ref: String) -> Int? {
        var n = 0, letters = 0
        for u in ref.utf8 {
            guard (65...90).contains(u) else { break }
            n = n * 26 + Int(u - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}
