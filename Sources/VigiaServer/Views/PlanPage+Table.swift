import Plot
import VigiaCore

extension PlanPage.View {
    typealias Column = PlanReportNotes.Column

    /// The B-I-007 table of the document, drawn by the shared renderer; the page adds only the
    /// notes under some cells and, for those who may formulate, the edit links.
    static func table(_ m: PlanPage.Model) -> Node<HTML.BodyContext> {
        guard let table = m.document.secciones.first?.tabla else { return .empty }
        let e = m.evaluation
        return ReportHTMLView.table(table, caption: "Formulación y seguimiento del plan" + (e.fechaCorte.map { " · fecha de corte \($0.dayFirst)" } ?? ""),
                                    captionClass: nil, placeholder: "—",
                                    strong: [Column.number, Column.actionState, Column.findingState]) { row, column in
            .group(notes(m, row: row, column: column), links(m, row: row, column: column))
        }
    }

    static func notes(_ m: PlanPage.Model, row: Int, column: Int) -> Node<HTML.BodyContext> {
        guard row < m.notes.count else { return .empty }
        let r = m.notes[row]
        return .group(
            .forEach(r.notes[column] ?? []) { note in
                .div(.class("small"), .unwrap(note.label) { .strong(.text($0)) }, .text(note.text))
            },
            .if(column == Column.progress && r.behind, .div(.span(.class("tag warn"), .text("Atrasada")))))
    }

    static func links(_ m: PlanPage.Model, row: Int, column: Int) -> Node<HTML.BodyContext> {
        guard m.canFormulate, row < m.links.count else { return .empty }
        let l = m.links[row]
        switch column {
        case Column.number where l.startsFinding:
            return .unwrap(l.findingID) { finding in
                .group(.div(.class("noprint"), .a(.class("small"), .href(SiteURL.editFinding(.value(m.id), .value(finding)).path), .text("Editar"))),
                       .div(.class("noprint"), .a(.class("small"), .href(SiteURL.newAction(.value(m.id), .value(finding)).path), .text("+ Acción"))))
            }
        case Column.action:
            return .unwrap(l.actionID) { action in
                .div(.class("noprint"), .a(.class("small"), .href(SiteURL.editAction(.value(m.id), .value(action)).path), .text("Editar acción")))
            }
        default:
            return .empty
        }
    }
}
