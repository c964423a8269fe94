import Foundation
import Testing
import Vapor
import VaporTesting
@testable import VigiaServer

/// What an attacker types. Each must come back as text, never as markup, attribute or URL.
enum Payloads {
    static let benign = "Texto de prueba"
    static let all: [String] = [
        #""><meta http-equiv=refresh content="0;url=https://evil.example/">"#,
        #"'><script>alert(1)</script>"#,
        #""><input type=hidden name=aceptarTodos value=1>"#,
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "{{7*7}}${7*7}<b>negrita</b>",
        #"=HYPERLINK("https://evil.example","clic")"#,
        "nul\u{0000}byte\u{0001}",
        "\u{202E}fdp.exe\u{202C} \u{200F}",
        "<img src=x onerror=alert(1)>",
        "&lt;ya escapado&gt; &amp; &quot; &#x3C;",
        #"x" onmouseover="alert(1)"#,
        "//evil.example/\\evil",
        #"https://evil.example/"><input type=hidden name=aceptarTodos value=1>"#,
    ]
    /// 100 KB: sent through every query parameter and a few forms (through all of them the
    /// suite would take minutes: pages of megabytes).
    static let long = String(repeating: "A<\"'>&", count: 17_000)
    static var withLong: [String] { all + [long] }

    /// The values that are fed to every field a form has (names that need a date, a % or a year
    /// keep a valid value in the second pass, so the text reaches the pages that display it).
    static func validValue(for name: String, current: String) -> String? {
        let n = name.lowercased()
        if n.contains("fecha") || n.hasPrefix("desde") || n.hasPrefix("hasta") { return current.isEmpty ? "30/06/2026" : current }
        if n.hasPrefix("pct_") || n.hasPrefix("porcentaje") || n.hasPrefix("p_") { return "50" }
        if n == "vigencia" { return "2031" }
        if n == "email" { return "nuevo@a.gov.co" }
        if n.contains("cantidad") || n == "numero" || n == "dias" || n == "version" || n == "revision" { return current.isEmpty ? "7" : current }
        return nil
    }
}

/// A form found on a page: where it posts and its fields with their current values.
struct PageForm {
    var action: String
    var multipart: Bool
    var fields: [(name: String, value: String, kind: String)]

    /// Forms of a Plot page (attributes always double-quoted, in the order the views write them).
    static func all(in html: String) -> [PageForm] {
        var forms: [PageForm] = []
        var rest = html[...]
        while let start = rest.range(of: "<form") {
            guard let end = rest[start.upperBound...].range(of: "</form>") else { break }
            let block = String(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
            guard block.contains(#"method="post""#), let action = attr("action", in: block) else { continue }
            var form = PageForm(action: unescape(action), multipart: block.contains("multipart/form-data"), fields: [])
            for tag in tags("input", in: block) {
                guard let name = attr("name", in: tag) else { continue }
                let type = attr("type", in: tag) ?? "text"
                if ["checkbox", "radio", "submit", "file", "button"].contains(type) { continue }
                form.fields.append((unescape(name), unescape(attr("value", in: tag) ?? ""), type))
            }
            for tag in tags("textarea", in: block) {
                if let name = attr("name", in: tag) { form.fields.append((unescape(name), "", "textarea")) }
            }
            for tag in tags("select", in: block) {
                guard let name = attr("name", in: tag), let sel = block.range(of: tag) else { continue }
                let after = block[sel.upperBound...]
                let options = after.prefix(while: { _ in true }).components(separatedBy: "</select>").first ?? ""
                let chosen = tags("option", in: options).first { $0.contains("selected") } ?? tags("option", in: options).first
                form.fields.append((unescape(name), unescape(chosen.flatMap { attr("value", in: $0) } ?? ""), "select"))
            }
            forms.append(form)
        }
        return forms
    }

    static func tags(_ name: String, in s: String) -> [String] {
        var out: [String] = []
        var rest = s[...]
        while let r = rest.range(of: "<\(name) ") ?? rest.range(of: "<\(name)>") {
            guard let close = rest[r.upperBound...].firstIndex(of: ">") else { break }
            out.append(String(rest[r.lowerBound...close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func attr(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[r.upperBound...].prefix { $0 != "\"" })
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Pages rendered from a benign and from a hostile value, compared by a real HTML parser.
struct StructureCheck {
    var pairs: [(name: String, benign: [String], hostile: String, values: Bool)] = []
    /// Pages whose joined structure is the reference of a pair added with no benign page.
    var vocabulary: [String] = []

    /// `values: false` ignores the values of name/type/rel… (for a page where the payload is such a value).
    mutating func add(_ name: String, benign: String, hostile: String, values: Bool = true) { pairs.append((name, [benign], hostile, values)) }
    mutating func add(_ name: String, benign: [String], hostile: String) { pairs.append((name, benign, hostile, true)) }

    /// Runs scripts/html_structure.py (html5lib) over every pair; one problem list per pair.
    func problems() throws -> [String: [String]] {
        guard !pairs.isEmpty else { return [:] }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let list = pairs.map { ["name": $0.name, "benign": $0.benign, "hostile": $0.hostile, "values": $0.values] as [String: Any] }
        let input = try JSONSerialization.data(withJSONObject: ["vocabulary": vocabulary, "pairs": list] as [String: Any])
        let inFile = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-pairs-\(UUID().uuidString).json")
        try input.write(to: inFile)
        defer { try? FileManager.default.removeItem(at: inFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/html_structure.py").path]
        process.standardInput = try FileHandle(forReadingFrom: inFile)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "html_structure.py (¿falta html5lib? make deps lo instala)")
        let results = (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
        var out2: [String: [String]] = [:]
        for r in results {
            if let name = r["name"] as? String, let p = r["problems"] as? [String], !p.isEmpty { out2[name] = p }
        }
        #expect(results.count == pairs.count)
        return out2
    }
}
