import Plot
import VigiaCore

/// The HTML renderer of a `ReportDocument`: the same document as a page, printable.
enum ReportHTMLView {
    /// The page of a signed-in user: an "Actualizar" link (to the same `round`, when the document is
    /// of one) and the document.
    static func content(_ doc: ReportDocument, round: Int?, logo: String? = nil) -> [Node<HTML.BodyContext>] {
        [
            .div(.class("actions-bar noprint"),
                .a(.class("button secondary"), .href(round.map { SiteQuery.append([.round($0)], to: "") } ?? "?"), .text("Actualizar")),
                .span(.class("small"), .text("Use «Imprimir» del navegador: la hoja sale horizontal y sin menús."))),
            page(doc, logo: logo),
        ]
    }

    /// The document itself, also used by the public transparency page.
    /// `logo`: the address of the entity's logo, shown in the format block.
    static func page(_ doc: ReportDocument, logo: String? = nil) -> Node<HTML.BodyContext> {
        // The document's own limits colour its cells, whoever looks at it and whenever.
        RatingZoneLimits.$current.withValue(doc.zoneLimits) { pageBody(doc, logo: logo) }
    }

    static func pageBody(_ doc: ReportDocument, logo: String?) -> Node<HTML.BodyContext> {
        let f = doc.formato
        let hasCode = ![f.fecha, f.version, f.codigo, f.consecutivo].allSatisfy { $0.trimmed.isEmpty }
        return .article(.class("report"),
            .scrollBox("Encabezado del formato", .table(.class("format"),
                .tr(.th(.attribute(named: "rowspan", value: hasCode ? "3" : "2"), .attribute(named: "scope", value: "row"),
                        .unwrap(logo) { .img(.class("logo"), .src($0), .alt("Logo de \(f.entidad)")) }, .text(f.entidad)),
                    .td(.attribute(named: "colspan", value: "4"), .text("PROCESO \(f.proceso)".trimmed))),
                .tr(.td(.attribute(named: "colspan", value: "4"), .strong(.text(f.nombreFormato)))),
                .if(hasCode, .tr(.td(.text("FECHA \(f.fecha)")), .td(.text("VERSIÓN \(f.version)")),
                                 .td(.text("CÓDIGO \(f.codigo)")), .td(.text("CONSECUTIVO \(f.consecutivo)")))))),
            .h1(.class("report-title"), .text(doc.titulo)),
            .unwrap(doc.subtitulo) { .h2(.class("report-title"), .text($0)) },
            .dl(.class("meta"), .forEach(doc.metadatos) { .group(.dt(.text($0.etiqueta)), .dd(.text($0.valor.isEmpty ? "—" : $0.valor))) }),
            .forEach(doc.secciones) { section in
                .section(.unwrap(section.titulo) { .h2(.text($0)) }, table(section.tabla, caption: section.titulo ?? doc.titulo))
            },
            .unwrap(doc.nota) { .p(.class("small"), .text($0)) },
            .unwrap(doc.grafico) { .section(.h2(.text($0.titulo)), SVGChart.stackedNode(doc)) },
            .unwrap(doc.resumen) { .section(.h2("Resumen"), table($0, caption: "Resumen por componente")) },
            .unwrap(doc.controlDeCambios) { changes in
                .section(.h2("Control de cambios"), .scrollBox("Control de cambios", .table(.class("list"),
                    .thead(.tr(.forEach(ChangeLogSnapshot.columns) { .th(.text($0.title)) })),
                    .tbody(.forEach(changes) { c in
                        .tr(.td(.text(c.revision)), .td(.text(c.descripcion)), .td(.text(c.fechaAprobacion?.dayFirst ?? "")), .td(.text(c.version)))
                    }))))
            },
            .if(!doc.firmas.isEmpty, .section(.class("signatures"), .forEach(doc.firmas) { s in
                .div(.class("signature"), .p(.strong(.text("\(s.rol.label):"))), .p(.class("line"), .text(s.nombre)), .p(.text(s.cargo)))
            })))
    }

    /// What a page adds inside a cell after the document's text (notes, edit links), by row and column.
    typealias CellExtras = (_ row: Int, _ column: Int) -> Node<HTML.BodyContext>

    /// A table of a document. `captionClass` nil shows the caption; `placeholder` fills the empty
    /// %, date and state cells of the rows that are not totals (“—”: no figure); the text of the
    /// `strong` columns is emphasised; `extras` lets a page add its controls and notes to a cell,
    /// never change the cell's value.
    static func table(_ t: ReportTable, caption: String, captionClass: String? = "sr-only", placeholder: String? = nil,
                      strong: Set<Int> = [], extras: CellExtras = { _, _ in .empty }) -> Node<HTML.BodyContext> {
        .scrollBox(caption, .table(.class("b007"),
            captionClass.map { .caption(.class($0), .text(caption)) } ?? .caption(.text(caption)),
            .thead(
                .if(!t.grupos.isEmpty, .tr(.forEach(Array(t.grupos.enumerated())) { k, g in
                    .th(.class(k == 0 ? "group-plan" : "group-oci"), .attribute(named: "colspan", value: "\(g.columnas)"),
                        .attribute(named: "scope", value: "colgroup"), .text(g.titulo))
                })),
                .tr(.forEach(t.columnas) { .th(.attribute(named: "scope", value: "col"), .text($0.titulo)) })),
            .tbody(.forEach(Array(t.filas.enumerated())) { r, fila in
                .tr(.if(fila.total, .class("total")), .forEach(Array(fila.celdas.enumerated()).filter { !$0.element.cubierta }) { k, cell in
                    .td(.class(cellClass(t, column: k, cell: cell)),
                        .if(cell.filas > 1, .attribute(named: "rowspan", value: "\(cell.filas)")),
                        emphasis(text(cell, column: k < t.columnas.count ? t.columnas[k] : nil, total: fila.total, placeholder: placeholder),
                                 strong: strong.contains(k) && !fila.total),
                        .forEach(cell.enlaces.filter { !cell.texto.contains($0) }) { .div(.link($0, $0)) },
                        extras(r, k))
                })
            })))
    }

    static func emphasis(_ text: String, strong: Bool) -> Node<HTML.BodyContext> {
        strong && !text.isEmpty ? .strong(.text(text)) : .text(text)
    }

    static func text(_ cell: ReportCell, column: ReportColumn?, total: Bool, placeholder: String?) -> String {
        guard let placeholder, cell.texto.isEmpty, !total, let column, column.tipo != .texto || column.lista != nil else { return cell.texto }
        return placeholder
    }

    /// Numbers right-aligned, dates unbroken, long texts wide, the OCI's columns (every group
    /// after the first) shaded, semáforo columns coloured by their value.
    static func cellClass(_ t: ReportTable, column k: Int, cell: ReportCell) -> String {
        guard k < t.columnas.count else { return "" }
        let col = t.columnas[k]
        var classes: [String] = k == 0 ? ["c0"] : []
        switch col.tipo {
        case .porcentaje, .numero: classes.append("num")
        case .fecha: classes.append("nowrap")
        case .texto: if col.ancho >= 36 { classes.append("long") }
        }
        if let first = t.grupos.first, t.grupos.count > 1, k >= first.columnas { classes.append("oci") }
        if col.semaforo, cell.valor != nil { classes.append("light-cell \(RatingZone(percent: cell.valor).rawValue)") }
        return classes.joined(separator: " ")
    }
}
