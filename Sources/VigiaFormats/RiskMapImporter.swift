import Foundation
import VigiaCore

public struct RiskMapImport: Sendable {
    public var map: RiskMap
    /// The period whose seguimiento the file carries (its «% de avance» column), if any.
    public var periodo: Int?
}

/// Reads a published mapa de riesgos de corrupción (and, when it has the «% avance» and
/// «observaciones» columns, the OCI's seguimiento of one period): pasted from Excel, a text file
/// or an .xlsx sheet. Titles above the table give the entity, the vigencia and the period; the
/// columns are found by their headers, in one row or two (a group row «RIESGO INHERENTE» over
/// «PROBABILIDAD | IMPACTO | ZONA»); a row with a blank No. continues the risk above with another
/// control or action. Ratings are read in the map's methodology, given or recognised from them.
public enum RiskMapImporter {
    public static func importMap(text: String, methodology: RiskMethodology? = nil) throws(ImportError) -> RiskMapImport {
        try importMap(table: TabularText(text), methodology: methodology)
    }

    public static func importMap(workbook: Data, sheet: String? = nil, methodology: RiskMethodology? = nil) throws(ImportError) -> RiskMapImport {
        try WorkbookInput.read(workbook, sheet: sheet) { (table: TabularText) throws(ImportError) in try importMap(table: table, methodology: methodology) }
    }

    static func importMap(table: TabularText, methodology given: RiskMethodology?) throws(ImportError) -> RiskMapImport {
        try table.refuseOverlong()
        let rows = table.rows
        guard let headerIndex = rows.firstIndex(where: RiskMapColumns.isHeader) else {
            throw ImportError(line: rows.first(where: { !$0.isBlank })?.number ?? 1, message:
                "no se encontró la fila de títulos del mapa de riesgos («No. | PROCESO | CAUSAS | RIESGO | … | RIESGO INHERENTE | CONTROLES | RIESGO RESIDUAL | OPCIÓN DE MANEJO | ACCIONES | RESPONSABLE | FECHA | INDICADOR»).")
        }
        var titles = RiskMapTitles()
        for row in rows[..<headerIndex] where !row.isBlank { titles.read(row.nonEmpty.map(\.text)) }
        let sub = rows.indices.contains(headerIndex + 1) && RiskMapColumns.isSubHeader(rows[headerIndex + 1]) ? rows[headerIndex + 1] : nil
        let columns = try RiskMapColumns(header: rows[headerIndex], sub: sub)
        let body = Array(rows[(headerIndex + (sub == nil ? 1 : 2))...])
        let m = given ?? RiskMapImporter.recognise(body, columns)
        guard let year = titles.vigencia else {
            throw ImportError(line: rows[headerIndex].number, message: "falta la vigencia del mapa: escriba arriba de la tabla una línea como «Vigencia 2026».")
        }
        if columns.followUp != nil && titles.periodo == nil {
            throw ImportError(line: rows[headerIndex].number, message:
                "el archivo trae «% de avance» pero no dice de qué periodo: escriba arriba de la tabla «Seguimiento primer cuatrimestre \(year)».")
        }
        var reader = RiskMapRows(columns: columns, methodology: m, period: titles.periodo)
        for row in body where !row.isBlank {
            if RiskMapImporter.isSignature(row, columns) { break }
            do { try reader.read(row) } catch {
                // A rating not read may be written in another methodology than the one recognised.
                var e = error
                if given == nil, e.message.contains("no se reconoce") || e.message.contains("no es un nivel") {
                    e.message += " (Se leyó con la metodología «\(m.nombre)»; si el mapa usa otra, indíquela: guia2015, v5 o v6.)"
                }
                throw e
            }
        }
        guard !reader.risks.isEmpty else {
            throw ImportError(line: rows[headerIndex].number, message: "la tabla no tiene ningún riesgo debajo de sus títulos.")
        }
        let map = RiskMap(entidad: titles.entidad ?? "", vigencia: year, metodologia: m, riesgos: reader.risks)
        return RiskMapImport(map: map, periodo: columns.followUp == nil ? nil : titles.periodo)
    }

    /// The signature block under the table, which ends it: «Elaboró: …», «Aprobó: …» in the first
    /// columns, with nothing in the risk's own columns.
    static func isSignature(_ row: TabularText.Row, _ columns: RiskMapColumns) -> Bool {
        guard let first = row.nonEmpty.first, first.index <= 1 else { return false }
        let f = first.text.folded
        guard ["ELABORO", "REVISO", "APROBO", "FIRMA", "ELABORADO POR", "REVISADO POR", "APROBADO POR"].contains(where: { f.hasPrefix($0 + ":") || f.hasPrefix($0 + " :") || f.hasPrefix($0 + " POR:") })
        else { return false }
        return [columns[.riesgo], columns[.control], columns[.accion], columns[.inherente], columns[.inherenteProbabilidad]]
            .allSatisfy { $0 == nil || $0 == first.index || row[$0].isEmpty }
    }

    /// The methodology the ratings are written in: Función Pública when they name its levels or
    /// percentages, the Guía 2015 otherwise.
    static func recognise(_ rows: [TabularText.Row], _ columns: RiskMapColumns) -> RiskMethodology {
        let cells = rows.prefix(200).flatMap { row in columns.ratingColumns.map { row[$0].folded } }.joined(separator: " ")
        let words = " " + RiskRatingText.wordsOnly(cells) + " "
        let percentStyle = cells.contains("%") || ["MUY BAJA", "LEVE", "MENOR", "MUY ALTA", "MEDIA", "BAJO", "ALTO", "EXTREMO"].contains { words.contains(" \($0) ") }
        return percentStyle ? .funcionPublicaV6 : .guia2015
    }
}

/// What the lines above the table say: the entity, the vigencia and the seguimiento's period.
struct RiskMapTitles {
    var entidad: String?
    var vigencia: Int?
    var periodo: Int?
    private var sawVigencia = false

    mutating func read(_ cells: [String]) {
        for cell in cells {
            let f = cell.folded
            if f.hasPrefix("ENTIDAD") {
                let name = cell.split(separator: ":", maxSplits: 1).dropFirst().first.map { String($0).trimmed } ?? ""
                if !name.isEmpty { entidad = name }
            } else if f.contains("ALCALDIA") || f.contains("GOBERNACION") || f.hasPrefix("MINISTERIO") || f.hasPrefix("HOSPITAL") || f.hasPrefix("UNIVERSIDAD") {
                if entidad == nil && !f.contains("MAPA DE RIESGOS") { entidad = cell.trimmed }
            }
            // «Vigencia 2026» wins over any other year of the titles (a «Decreto 124 de 2016» in the same line).
            if let range = f.range(of: "VIGENCIA"), let year = Self.year(String(f[range.upperBound...])) {
                if !sawVigencia { vigencia = year; sawVigencia = true }
            } else if let year = Self.year(f), f.contains("MAPA DE RIESGOS") || f.contains("CUATRIMESTRE") {
                vigencia = vigencia ?? year
            }
            let words = f.split(separator: " ").map(String.init)
            for k in words.indices.dropLast() where words[k + 1] == "CUATRIMESTRE" {
                if let n = ["PRIMER": 1, "PRIMERO": 1, "SEGUNDO": 2, "TERCER": 3, "TERCERO": 3][words[k]] { periodo = n }
            }
        }
    }

    /// A four-digit year from 2000 to 2100 written in the line.
    static func year(_ text: String) -> Int? {
        RiskRatingText.numbers(text).first { $0 >= 2000 && $0 <= 2100 && $0 == $0.rounded() }.map { Int($0) }
    }
}
