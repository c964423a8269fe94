import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads back what the tests need from an .xlsx: cell values (shared strings resolved),
/// formulas and merged ranges, with Debian's `unzip` and the XML parser.
struct XLSXSheet {
    var cells: [String: String] = [:]
    var numbers: [String: Double] = [:]
    var formulas: [String: String] = [:]
    var merges: Set<String> = []

    static func read(_ data: Data, sheet: Int = 1) throws -> XLSXSheet {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID().uuidString).xlsx")
        try data.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let strings = SharedStrings.parse(try unzip(path.path, "xl/sharedStrings.xml"))
        let parser = SheetParser(strings: strings)
        let xml = XMLParser(data: try unzip(path.path, "xl/worksheets/sheet\(sheet).xml"))
        xml.delegate = parser
        xml.parse()
        return parser.sheet
    }

    static func unzip(_ archive: String, _ member: String) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", archive, member]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    static func ref(_ row: Int, _ col: Int) -> String {
        var n = col + 1, s = ""
        while n > 0 { s = String(UnicodeScalar(65 + (n - 1) % 26)!) + s; n = (n - 1) / 26 }
        return "\(s)\(row + 1)"
    }

    /// The row (from 0) whose column A holds `text`.
    func row(whereColumnA text: String) -> Int? {
        cells.filter { $0.value == text && $0.key.hasPrefix("A") && Int($0.key.dropFirst()) != nil }
            .compactMap { Int($0.key.dropFirst()) }.min().map { $0 - 1 }
    }
}

private final class SharedStrings: NSObject, XMLParserDelegate {
    var items: [String] = []
    var current = ""
    var inText = false

    static func parse(_ data: Data) -> [String] {
        let s = SharedStrings()
        let p = XMLParser(data: data)
        p.delegate = s
        p.parse()
        return s.items
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { items.append(current) }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    let strings: [String]
    var sheet = XLSXSheet()
    var ref = "", type = "", text = "", element = ""

    init(strings: [String]) { self.strings = strings }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        element = name
        text = ""
        if name == "c" { ref = attributes["r"] ?? ""; type = attributes["t"] ?? "" }
        if name == "mergeCell", let r = attributes["ref"] { sheet.merges.insert(r) }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "v" {
            if type == "s", let i = Int(text), i < strings.count { sheet.cells[ref] = strings[i] }
            else if type == "str" { sheet.cells[ref] = text }   // a formula's text result
            else if let d = Double(text) { sheet.numbers[ref] = d }
        }
        if name == "f" { sheet.formulas[ref] = text }
    }
}
