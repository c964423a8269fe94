import Plot
import Vapor
import VigiaCore

enum PlanListView {
    struct Row {
        let plan: PlanSnapshot
        let evaluation: RoundEvaluation
    }

    static func render(_ req: Request, entity: String?, rows: [Row]) -> Response {
        let ctx = PageContext(req, title: "Planes de mejoramiento", entityName: entity)
        let canCreate = ctx.user.map { $0.role == .oci || $0.role == .administrador } ?? false
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1("Planes de mejoramiento")
            if canCreate {
                Node<HTML.BodyContext>.div(.class("actions-bar"),
                    .a(.class("button"), .href(SiteURL.newPlan.path), .text("Nuevo plan")),
                    .a(.class("button secondary"), .href(SiteURL.importPlan.path), .text("Importar desde Excel (B-I-007)")))
            }
            if rows.isEmpty {
                Node<HTML.BodyContext>.p("No hay planes de mejoramiento para mostrar.")
            } else {
                Node<HTML.BodyContext>.div(.class("scroll"), .table(.class("list"),
                    .caption(.text("Planes con su avance en el último seguimiento registrado")),
                    .thead(.tr(
                        .th("Unidad auditable"), .th("No. de la auditoría"), .th("Origen"), .th("Estado"),
                        .th("Hallazgos"), .th("Acciones"), .th("Último seguimiento"), .th("% del plan y semáforo"), .th("Atrasadas"))),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .td(.a(.href(SiteURL.plan(.value(row.plan.id!)).path),
                                   .text(row.plan.unidadAuditable.isEmpty ? "(sin unidad auditable)" : row.plan.unidadAuditable))),
                            .td(.text(row.plan.numeroAuditoria)),
                            .td(.text(row.plan.origen.label)),
                            .td(.text(row.plan.estado.label)),
                            .td(.class("num"), .text("\(row.plan.hallazgos.count)")),
                            .td(.class("num"), .text("\(row.plan.actionCount)")),
                            .td(.text(row.evaluation.numero.map { n in
                                "No. \(n)" + (row.evaluation.fechaCorte.map { " · corte \($0.dayFirst)" } ?? "")
                            } ?? "Sin seguimientos")),
                            .td(.light(row.evaluation.plan.porcentaje)),
                            .td(.class("num"), .text("\(row.evaluation.atrasadas)"))
                        )
                    })
                ))
            }
        }
    }
}
