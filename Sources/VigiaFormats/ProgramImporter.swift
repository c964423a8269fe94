import Foundation
import VigiaCore

public struct ProgramImport: Sendable {
    public var program: ProgramSnapshot
    /// The period the document follows up (e.g. 2 for “SEGUNDO CUATRIMESTRE 2023”).
    public var periodo: Int
}

/// Reads the text of a published PAAC/PTEP seguimiento (as extracted from its PDF): page headers
/// and footers, repeated (and misspelt) table headers, markdown marks and HTML inside cells are
/// set aside; blank subcomponente means “same as above”; “… que contenga:” opens sub-items.
public enum ProgramImporter {
    public static func importProgram(text: String) throws(ImportError) -> ProgramImport {
        try importProgram(table: TabularText(text))
    }

    /// The seguimiento in a worksheet of an .xlsx workbook (the first, or the one named).
    public static func importProgram(workbook: Data, sheet: String? = nil) throws(ImportError) -> ProgramImport {
        try WorkbookInput.read(workbook, sheet: sheet, importProgram(table:))
    }

    static func importProgram(table: TabularText) throws(ImportError) -> ProgramImport {
        try table.refuseOverlong()
        let rows = table.rows
        var state = ReadState()
        for row in rows {
            let cells = row.cells.map(clean)
            let nonEmpty = cells.filter { !$0.isEmpty }
            guard !nonEmpty.isEmpty else { continue }
            let first = nonEmpty[0].folded
            if cells.count == 1 { state.readLine(nonEmpty[0], folded: first, row: row.number); continue }
            if first.hasPrefix("SUB COMPONENTE") || first.hasPrefix("SUBCOMPONENTE") { state.sawHeader = true; continue }
            if nonEmpty.allSatisfy({ $0.allSatisfy { $0 == "-" || $0 == "|" || $0 == ":" } }) { continue }
            if cells.count < 6 {
                state.signatureLines.append((row.number, nonEmpty))
                continue
            }
            guard let c = state.component else {
                throw ImportError(line: row.number, message: "hay una actividad antes del primer «COMPONENTE N: …».")
            }
            guard let p = state.period else {
                throw ImportError(line: row.number, message: "falta el periodo del seguimiento (por ejemplo «SEGUNDO CUATRIMESTRE 2023») antes de la tabla.")
            }
            let activity = try readActivity(cells, row: row.number, period: p, vigencia: state.program.vigencia)
            state.add(activity, blankSubcomponent: cells[0].isEmpty, component: c)
        }
        guard state.sawHeader, !state.program.componentes.isEmpty else {
            throw ImportError(line: rows.first(where: { !$0.isBlank })?.number ?? 1, message:
                "el archivo no tiene la estructura de un seguimiento al PAAC/PTEP: faltan «COMPONENTE N: …» y la tabla «SUB COMPONENTE | ACTIVIDADES | META O PRODUCTO | RESPONSABLES | FECHA PROGRAMADA | % AVANCE | SEGUIMIENTO».")
        }
        guard let p = state.period else {
            throw ImportError(line: 1, message: "no se encontró el periodo del seguimiento (por ejemplo «SEGUNDO CUATRIMESTRE 2023»).")
        }
        var program = state.program
        program.periodos = PeriodSnapshot.cuatrimestres(program.vigencia)
        program.firmas = signatures(state.signatureLines)
        return ProgramImport(program: program, periodo: p)
    }

    /// What the reading has found so far, row after row.
    struct ReadState {
        var program = ProgramSnapshot(vigencia: 0)
        var period: Int? = nil
        /// Index of the current component in `program.componentes`.
        var component: Int? = nil
        var lastSub = ""
        /// The activity (“… que contenga:”) whose sub-items the next rows may be.
        var parent: (component: Int, activity: Int)? = nil
        var sawHeader = false
        var signatureLines: [(Int, [String])] = []

        /// A row of one cell: the title, the period, a component's heading, or (after the
        /// table's header) a line of the signature block.
        mutating func readLine(_ line: String, folded first: String, row: Int) {
            if first.hasPrefix("SEGUIMIENTO PLAN") || first.hasPrefix("SEGUIMIENTO PROGRAMA") || first.hasPrefix("SEGUIMIENTO AL PLAN") {
                program.titulo = line
                if first.contains("PROGRAMA DE TRANSPARENCIA") { program.plantilla = ProgramTemplate.ptep.name }
            } else if let (n, year) = ProgramImporter.periodHeading(first) {
                period = n
                program.vigencia = year
            } else if let (n, name) = ProgramImporter.componentHeading(line) {
                program.componentes.append(ComponentSnapshot(numero: n, nombre: name))
                component = program.componentes.count - 1
                lastSub = ""
                parent = nil
            } else if sawHeader {
                signatureLines.append((row, [line]))
            }
        }

        /// A blank subcomponente means “same as above”; under an open parent it makes a sub-item.
        mutating func add(_ activity: ActivitySnapshot, blankSubcomponent: Bool, component c: Int) {
            var a = activity
            if a.subcomponente.isEmpty { a.subcomponente = lastSub } else { lastSub = a.subcomponente }
            if let par = parent, par.component == c, blankSubcomponent {
                program.componentes[c].actividades[par.activity].subitems.append(a)
                return
            }
            parent = nil
            program.componentes[c].actividades.append(a)
            let isParent = a.actividad.hasSuffix(":") && a.seguimientos.first?.isGraded != true
            if isParent { parent = (c, program.componentes[c].actividades.count - 1) }
        }
    }

    static func readActivity(_ cells: [String], row: Int, period: Int, vigencia: Int) throws(ImportError) -> ActivitySnapshot {
        let titles = ["SUB COMPONENTE", "ACTIVIDADES", "META O PRODUCTO", "RESPONSABLES", "FECHA PROGRAMADA", "% AVANCE", "SEGUIMIENTO"]
        func fail(_ col: Int, _ message: String) -> ImportError {
            ImportError(line: row, column: col, columnName: titles[col], message: message)
        }
        var date: ScheduledDate? = nil
        if !cells[4].isEmpty {
            guard let d = ScheduledDate(text: cells[4]) else {
                throw fail(4, "la fecha programada «\(cells[4])» no es válida; escriba dd/mm/aaaa o «Permanente».")
            }
            date = d
        }
        var followUp = ActivityFollowUpSnapshot(periodo: period)
        let pct = cells[5]
        if pct.folded == "N/A" || pct.folded == "NA" || pct.folded == "NO APLICA" {
            followUp.noAplica = true
        } else if !pct.isEmpty {
            let percent = PercentInput(pct)
            if percent.reading == .notANumber { throw fail(5, "«\(pct)» no es un porcentaje ni N/A.") }
            if let problem = percent.importProblem { throw fail(5, problem) }
            followUp.porcentaje = percent.value
        }
        let raw = cells.count > 6 ? cells[6...].joined(separator: " ") : ""
        followUp.seguimiento = HTMLText.plain(raw)
        followUp.evidencias = HTMLText.links(raw)
        return ActivitySnapshot(subcomponente: cells[0], actividad: cells[1], meta: cells[2], responsables: cells[3],
                                fechaProgramada: date, seguimientos: [followUp])
    }

    /// Trims and drops markdown emphasis around a cell (the PDF extraction adds `**`).
    static func clean(_ cell: String) -> String {
        var t = cell.trimmed
        while t.hasPrefix("#") { t.removeFirst() }
        t = t.trimmed
        if t.hasPrefix("*[") && t.hasSuffix("]*") { return "" }
        if t.utf8.contains(UInt8(ascii: "*")) { t = t.replacingOccurrences(of: "**", with: "") }
        return t.trimmed
    }

    static func periodHeading(_ folded: String) -> (Int, Int)? {
        let ordinals = ["PRIMER": 1, "PRIMERO": 1, "SEGUNDO": 2, "TERCER": 3, "TERCERO": 3, "CUARTO": 4]
        let words = folded.split(separator: " ").map(String.init)
        guard words.count == 3, let n = ordinals[words[0]], words[1] == "CUATRIMESTRE" || words[1] == "SEMESTRE",
              let year = Int(words[2]), (2000...2100).contains(year) else { return nil }
        return (n, year)
    }

    static func componentHeading(_ line: String) -> (Int, String)? {
        // The number is read from the folded text: folding collapses spaces and may change the
        // length (ß → SS), so a position found in one string is not one in the other.
        let folded = line.folded
        guard folded.hasPrefix("COMPONENTE "), let colon = line.firstIndex(of: ":"),
              let foldedColon = folded.firstIndex(of: ":") else { return nil }
        let number = String(folded[folded.index(folded.startIndex, offsetBy: "COMPONENTE ".count)..<foldedColon]).trimmed
        guard let n = Int(number) else { return nil }
        var name = String(line[line.index(after: colon)...]).trimmed
        if name.hasSuffix(".") { name.removeLast() }
        return (n, name)
    }

    /// “NOMBRE” above “Jefe Oficina Control Interno…”, and “Realizó | nombre | cargo”.
    static func signatures(_ lines: [(Int, [String])]) -> [SignatureSnapshot] {
        var out: [SignatureSnapshot] = []
        for (i, line) in lines.enumerated() {
            let first = line.1[0].folded
            if first.hasPrefix("JEFE") && first.contains("CONTROL INTERNO"), i > 0 {
                out.append(SignatureSnapshot(rol: .aprobado, nombre: lines[i - 1].1[0], cargo: line.1[0]))
            }
            if first.hasPrefix("REALIZO") || first.hasPrefix("ELABORO") || first.hasPrefix("ELABORADO"), line.1.count >= 3 {
                out.append(SignatureSnapshot(rol: .elaborado, nombre: line.1[1], cargo: line.1[2]))
            }
        }
        return out
    }
}

/// Text and links out of the bits of HTML a PDF-to-text extraction leaves in cells.
public enum HTMLText {
    public static func links(_ html: String) -> [String] {
        guard html.utf8.contains(UInt8(ascii: "\"")) else { return [] }  // no `href="`: skip the search
        var out: [String] = []
        var rest = html[...]
        while let r = rest.range(of: "href=\"") {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            let link = unescape(String(after[..<end]))
            if !out.contains(link) { out.append(link) }
            rest = after[end...]
        }
        return out
    }

    public static func plain(_ html: String) -> String {
        strip(withoutBareLinks(html))
    }

    /// Drops `<a href="X">X</a>` whose text is its own address: the link is kept as evidence,
    /// so the text would only repeat it.
    static func withoutBareLinks(_ html: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return html }  // no `<a `: skip the search
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: "<a ") {
            out += rest[..<open.lowerBound]
            let tail = rest[open.lowerBound...]
            guard let close = tail.range(of: "</a>"), let gt = tail.firstIndex(of: ">"), gt < close.lowerBound else {
                out += tail
                return out
            }
            let inner = strip(String(tail[tail.index(after: gt)..<close.lowerBound]))
            let href = links(String(tail[..<gt]) + ">").first ?? ""
            if inner != href && inner != unescape(href) { out += inner }
            rest = tail[close.upperBound...]
        }
        return out + rest
    }

    static func strip(_ html: String) -> String {
        var text = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true; text.append(" "); continue }
            if ch == ">" && inTag { inTag = false; continue }
            if !inTag { text.append(ch) }
        }
        return unescape(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").trimmed
    }

    static func unescape(_ s: String) -> String {
        // Most cells have no entity: skip six Foundation passes (the bulk of an import's time).
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        return s.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&nbsp;", with: " ")
    }
}
