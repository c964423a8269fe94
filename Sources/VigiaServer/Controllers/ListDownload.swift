import Foundation
import Plot
import Vapor
import VigiaCore
import VigiaFormats

/// A list page downloads as XLSX or CSV with `?formato=xlsx|csv` on its own address: the same
/// query, the same permission checks and filters, so the file holds exactly the rows the page
/// would show that user.
enum ListDownload {
    enum Format: String, Sendable, CaseIterable { case xlsx, csv }

    static let key = "formato"

    /// The format asked for, or nil for the page itself; an unknown one is a 400 in Spanish.
    static func format(_ req: Request) throws -> Format? {
        guard let text = req.query[String.self, at: key] else { return nil }
        guard let f = Format(rawValue: text.lowercased()) else {
            throw Abort(.badRequest, reason: "formato: «\(text)» no es un formato de descarga; use xlsx o csv.")
        }
        return f
    }

    /// The file, named after the list and the day (`planes-de-mejoramiento-2026-11-22.xlsx`).
    static func response(_ table: ListTable, _ format: Format, today: LocalDate) throws -> Response {
        let data = format == .xlsx ? try table.xlsx() : table.csv()
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = format == .xlsx
            ? HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            : HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let name = "\(slug(table.title))-\(today.iso).\(format.rawValue)"
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    /// ASCII, lower case, words joined by hyphens: a file name every system accepts.
    static func slug(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "es_CO"))
        let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "lista" : words.joined(separator: "-")
    }

    /// «Descargar: Excel · CSV» for the page at `path` (which may carry its filters).
    static func links(_ path: String, what: String = "esta lista") -> Node<HTML.BodyContext> {
        let join = path.contains("?") ? "&" : "?"
        return .p(.class("downloads small"), .text("Descargar \(what): "),
                  .a(.href("\(path)\(join)\(key)=xlsx"), .text("Excel")), .text(" · "),
                  .a(.href("\(path)\(join)\(key)=csv"), .text("CSV")))
    }
}
