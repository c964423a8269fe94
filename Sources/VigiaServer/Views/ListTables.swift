import Foundation
import VigiaCore
import VigiaFormats

/// The lists users see, as downloadable tables: built from the same view models as the pages,
/// so a download holds exactly the page's rows.
enum ListTables {
    static func plans(_ m: PlanListPage.Model, today: LocalDate) -> ListTable {
        ListTable(title: "Planes de mejoramiento", subtitle: "\(m.entityName ?? "") · \(today.dayFirst)",
                  columns: [.init("Unidad auditable", width: 30), .init("No. de la auditoría", width: 16), .init("Origen", width: 24),
                            .init("Estado", width: 14), .init("Hallazgos", width: 10), .init("Acciones", width: 10),
                            .init("Último seguimiento", width: 12), .init("Fecha de corte", width: 12), .init("% del plan", width: 10),
                            .init("Semáforo", width: 12), .init("Acciones atrasadas", width: 11)],
                  rows: m.rows.map { r in
                      [.text(r.unidadAuditable), .text(r.numeroAuditoria), .text(r.origin.label), .text(r.status.label),
                       .number(Double(r.findings)), .number(Double(r.actions)), r.round.map { .number(Double($0)) } ?? .text(""),
                       .date(r.cutOff), .percent(r.percent), .text(RatingZone(percent: r.percent).label), .number(Double(r.behind))]
                  })
    }

    static func users(_ rows: [UsersPage.Row], entity: String, today: LocalDate) -> ListTable {
        ListTable(title: "Usuarios", subtitle: "\(entity) · \(today.dayFirst)",
                  columns: [.init("Nombre", width: 28), .init("Cargo", width: 24), .init("Correo", width: 30), .init("Rol", width: 24),
                            .init("Dependencia", width: 26), .init("Estado", width: 26), .init("Último ingreso", width: 17)],
                  rows: rows.map { [.text($0.name), .text($0.cargo), .text($0.email), .text($0.role.label), .text($0.dependency ?? ""),
                                    .text($0.status), .instant($0.lastLogin)] })
    }

    static func notifications(_ m: InboxPage.Model, user: String, today: LocalDate) -> ListTable {
        ListTable(title: "Notificaciones", subtitle: "\(user) · \(today.dayFirst)",
                  columns: [.init("Fecha y hora", width: 17), .init("Asunto", width: 50), .init("Mensaje", width: 80), .init("Leída", width: 8)],
                  rows: m.notifications.map { [.instant($0.createdAt), .text($0.subject), .text($0.body), .text($0.unread ? "No" : "Sí")] })
    }

    static func progressReports(_ m: ProgressReportViews.ListModel, today: LocalDate) -> ListTable {
        let s = m.snapshot
        var rows: [[ListTable.Value]] = []
        for f in s.hallazgos {
            for (ai, a) in f.acciones.enumerated() {
                let r = a.id.flatMap { m.reports[$0] }
                rows.append([.number(Double(f.numero)), .number(Double(ai + 1)), .text(a.descripcion), .text(a.responsable), .date(a.fechaInicial),
                             .date(a.fechaFinal), .text(r == nil ? "Sin reporte" : "Reportado"), .percent(r?.percent), .text(r?.text ?? ""),
                             .text(r?.links ?? "")])
            }
        }
        return ListTable(title: "Autoreportes", subtitle: "\(s.unidadAuditable) · seguimiento \(m.roundNumero) · corte \(m.fechaCorte?.dayFirst ?? "—") · \(today.dayFirst)",
                         columns: [.init("Hallazgo", width: 9), .init("Acción", width: 8), .init("Descripción", width: 60), .init("Responsable", width: 24),
                                   .init("Fecha inicial", width: 12), .init("Fecha final", width: 12), .init("Reporte", width: 12),
                                   .init("% reportado", width: 11), .init("Avance reportado", width: 60), .init("Enlaces", width: 40)],
                         rows: rows)
    }

    static func pending(_ pending: [PendingAction], user: String, today: LocalDate) -> ListTable {
        ListTable(title: "Acciones pendientes", subtitle: "\(user) · \(today.dayFirst)",
                  columns: [.init("Acción", width: 60), .init("Fecha final", width: 12), .init("Plazo", width: 22), .init("Avance calificado", width: 12)],
                  rows: pending.map { [.text($0.label), .date($0.fechaFinal), .text(DashboardFigures.timeLeftText(today: today, fechaFinal: $0.fechaFinal)),
                                       .percent($0.percent)] })
    }

    static func states(_ states: [StateCount], entity: String, today: LocalDate) -> ListTable {
        ListTable(title: FigureMeaning.statesTitle, subtitle: "\(entity) · \(today.dayFirst) · \(FigureMeaning.vencidaAlCorte)",
                  columns: [.init("Estado", width: 16), .init("Acciones", width: 10)],
                  rows: states.map { [.text($0.state.label), .number(Double($0.count))] })
    }

    static func dependencies(_ rows: [DependencyProgress], entity: String, today: LocalDate) -> ListTable {
        ListTable(title: "Avance por dependencia", subtitle: "\(entity) · \(today.dayFirst)",
                  columns: [.init("Dependencia", width: 34), .init("% del plan", width: 10), .init("Semáforo", width: 12),
                            .init(FigureMeaning.vencidasHoyTitle, width: 11), .init(FigureMeaning.atrasadasTitle, width: 11)],
                  rows: rows.map { [.text(HomePage.View.name($0)), .percent($0.percent), .text(RatingZone(percent: $0.percent).label),
                                    .number(Double($0.overdue)), .number(Double($0.behind))] })
    }

    static func waiting(_ rows: [HomePage.Model.Waiting], entity: String, today: LocalDate) -> ListTable {
        ListTable(title: "Autoreportes por calificar", subtitle: "\(entity) · \(today.dayFirst)",
                  columns: [.init("Seguimiento y plan", width: 60), .init("Autoreportes sin calificar", width: 14)],
                  rows: rows.map { [.text($0.label), .number(Double($0.count))] })
    }
}
