import Foundation

/// One format-free model of every official document. HTML, XLSX and PDF renderers draw it;
/// a new document is a new builder, never three new layouts.
public struct ReportDocument: Codable, Sendable, Equatable {
    /// Entity, proceso, nombre del formato, fecha, versión, código, consecutivo.
    public var formato: FormatHeader
    public var titulo: String
    public var subtitulo: String?
    public var metadatos: [ReportField]
    public var secciones: [ReportSection]
    /// A note under the tables saying how the figures were computed.
    public var nota: String?
    public var resumen: ReportTable?
    public var controlDeCambios: [ChangeLogSnapshot]?
    public var firmas: [SignatureSnapshot]
    /// File name without extension: `B-I-007_Secretaria-de-Hacienda_seguimiento-1`.
    public var nombreArchivo: String
    /// The semáforo limits the document was made with (those in effect when it was built), so a
    /// published document keeps its colours; nil in documents stored before they existed,
    /// which were made with the default ones.
    public var zonas: RatingZoneLimits?
    /// A bar chart drawn from one of the tables (a native chart in Excel, drawn in the PDF and as SVG in HTML).
    public var grafico: ReportChart?

    public init(formato: FormatHeader, titulo: String, subtitulo: String? = nil, metadatos: [ReportField] = [],
                secciones: [ReportSection], nota: String? = nil, resumen: ReportTable? = nil,
                controlDeCambios: [ChangeLogSnapshot]? = nil, firmas: [SignatureSnapshot] = [], nombreArchivo: String,
                zonas: RatingZoneLimits? = .current, grafico: ReportChart? = nil) {
        self.formato = formato; self.titulo = titulo; self.subtitulo = subtitulo; self.metadatos = metadatos
        self.secciones = secciones; self.nota = nota; self.resumen = resumen; self.controlDeCambios = controlDeCambios
        self.firmas = firmas; self.nombreArchivo = nombreArchivo; self.zonas = zonas; self.grafico = grafico
    }

    /// The chart's bars: one per category, each the values of its series, in order (empty without a chart).
    public var chartBars: [(categoria: String, valores: [Double])] {
        guard let g = grafico, secciones.indices.contains(g.seccion) else { return [] }
        return secciones[g.seccion].tabla.filas.filter { !$0.total }.compactMap { row in
            guard row.celdas.indices.contains(g.categorias) else { return nil }
            let values = g.series.map { s in row.celdas.indices.contains(s.columna) ? max(0, row.celdas[s.columna].valor ?? 0) : 0 }
            return (row.celdas[g.categorias].texto, values)
        }
    }

    /// The limits to colour this document with.
    public var zoneLimits: RatingZoneLimits { zonas ?? RatingZoneLimits() }

    /// Every text of every table cell, in reading order (what a PDF's text must contain).
    public var cellTexts: [String] {
        secciones.flatMap { s in ([s.titulo].compactMap { $0 }) + s.tabla.cellTexts } + (resumen?.cellTexts ?? [])
    }
}

/// A horizontal stacked bar chart of one table's rows (its total rows left out): the categories
/// are the texts of one column, each series the numbers of another.
public struct ReportChart: Codable, Sendable, Equatable {
    public struct Series: Codable, Sendable, Equatable {
        public var nombre: String
        public var columna: Int
        /// 0xRRGGBB.
        public var color: UInt32
        public init(_ nombre: String, columna: Int, color: UInt32) { self.nombre = nombre; self.columna = columna; self.color = color }
    }
    public var titulo: String
    /// Index of the section whose table holds the data.
    public var seccion: Int
    /// Column of the category labels.
    public var categorias: Int
    public var series: [Series]

    public init(titulo: String, seccion: Int = 0, categorias: Int, series: [Series]) {
        self.titulo = titulo; self.seccion = seccion; self.categorias = categorias; self.series = series
    }
}

public struct ReportField: Codable, Sendable, Equatable {
    public var etiqueta: String
    public var valor: String
    public init(_ etiqueta: String, _ valor: String) { self.etiqueta = etiqueta; self.valor = valor }
}

public struct ReportSection: Codable, Sendable, Equatable {
    public var titulo: String?
    public var tabla: ReportTable
    public init(titulo: String? = nil, tabla: ReportTable) { self.titulo = titulo; self.tabla = tabla }
}

public struct ReportColumnGroup: Codable, Sendable, Equatable {
    public var titulo: String
    public var columnas: Int
    public init(_ titulo: String, columnas: Int) { self.titulo = titulo; self.columnas = columnas }
}

public struct ReportColumn: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case texto, numero, porcentaje, fecha }
    public var titulo: String
    /// Width in characters (Excel's unit); the PDF scales these to the page.
    public var ancho: Double
    public var tipo: Kind
    /// Values a drop-down offers (the estado columns).
    public var lista: [String]?
    /// Colour the cells by the rating zones.
    public var semaforo: Bool

    public init(_ titulo: String, ancho: Double, tipo: Kind = .texto, lista: [String]? = nil, semaforo: Bool = false) {
        self.titulo = titulo; self.ancho = ancho; self.tipo = tipo; self.lista = lista; self.semaforo = semaforo
    }
}

/// A derived value the spreadsheet keeps live.
public enum ReportFormula: Codable, Sendable, Equatable {
    /// AVERAGE of `rows` cells of column `column`, starting at this cell's row.
    case averageDown(column: Int, rows: Int)
    /// AVERAGE of the cells of column `column` in the rows marked as finding rows of this table.
    case averageOfColumn(column: Int, rowsAt: [Int])
    /// Whole weeks between the dates of columns `start` and `end` in this cell's row (F14.1's plazo en semanas).
    case weeksBetween(start: Int, end: Int)
    /// SUM of the `rows` cells of column `column` above this cell (a total row).
    case sumAbove(column: Int, rows: Int)
    /// The product of the cells of `columns` in this cell's row (a risk's probabilidad × impacto).
    case product(columns: [Int])
    /// The entry of `table` at the row whose key is the value of column `rowColumn` in this row and the
    /// column whose key is that of `columnColumn` (a heat map's zone, looked up, never a threshold).
    case lookup(rowColumn: Int, columnColumn: Int, rowKeys: [Double], columnKeys: [Double], table: [[String]])
}

public struct ReportCell: Codable, Sendable, Equatable {
    public var texto: String
    /// The number behind a % or number cell (0–100 for %).
    public var valor: Double?
    /// Rows this cell spans downwards (1 = no span).
    public var filas: Int
    /// A cell covered by a span from above: drawn by that cell, never by itself.
    public var cubierta: Bool
    public var formula: ReportFormula?
    public var enlaces: [String]

    public init(_ texto: String, valor: Double? = nil, filas: Int = 1, formula: ReportFormula? = nil, enlaces: [String] = []) {
        self.texto = texto; self.valor = valor; self.filas = max(1, filas); self.cubierta = false
        self.formula = formula; self.enlaces = enlaces
    }

    public static let covered: ReportCell = {
        var c = ReportCell("")
        c.cubierta = true
        return c
    }()

    public static func percent(_ value: Double?, filas: Int = 1, formula: ReportFormula? = nil) -> ReportCell {
        ReportCell(value.map { SpanishFormat.percent($0) } ?? "", valor: value, filas: filas, formula: formula)
    }
}

public struct ReportRow: Codable, Sendable, Equatable {
    public var celdas: [ReportCell]
    /// A total row (bold, kept with the rows above).
    public var total: Bool
    public init(_ celdas: [ReportCell], total: Bool = false) { self.celdas = celdas; self.total = total }
}

public struct ReportTable: Codable, Sendable, Equatable {
    public var grupos: [ReportColumnGroup]
    public var columnas: [ReportColumn]
    public var filas: [ReportRow]

    public init(grupos: [ReportColumnGroup] = [], columnas: [ReportColumn], filas: [ReportRow]) {
        self.grupos = grupos; self.columnas = columnas; self.filas = filas
    }

    /// Rows that must stay on one page together (a span and the rows it covers).
    public var blocks: [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < filas.count {
            var end = start + 1
            var i = start
            while i < end {
                let span = filas[i].celdas.map { $0.cubierta ? 1 : $0.filas }.max() ?? 1
                end = max(end, span >= filas.count - i ? filas.count : i + span)
                i += 1
            }
            out.append(start..<end)
            start = end
        }
        return out
    }

    public var cellTexts: [String] {
        columnas.map(\.titulo) + filas.flatMap { $0.celdas.filter { !$0.cubierta }.map(\.texto) }
    }
}

extension String {
    /// A name safe for a file: accents dropped, spaces as hyphens, nothing else but letters and digits.
    public var fileNameSafe: String {
        var out = ""
        var lastHyphen = false
        for ch in folded.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch); lastHyphen = false }
            else if !lastHyphen && !out.isEmpty { out.append("-"); lastHyphen = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
