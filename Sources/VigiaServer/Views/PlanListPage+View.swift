import Plot

extension PlanListPage {
    enum View {
        static let title = "Planes de mejoramiento"

        static func content(_ model: Model) -> [Node<HTML.BodyContext>] {
            [
                .h1("Planes de mejoramiento"),
                .if(model.canCreate, .div(.class("actions-bar"),
                    .a(.class("button"), .href(SiteURL.newPlan.path), .text("Nuevo plan")),
                    .a(.class("button secondary"), .href(SiteURL.importPlan.path), .text("Importar desde Excel (B-I-007)")))),
                model.rows.isEmpty ? .p("No hay planes de mejoramiento para mostrar.") : table(model.rows),
                .if(!model.rows.isEmpty, ListDownload.links(SiteURL.plans.path)),
                .p(.a(.href(SiteURL.actions.path), .text("Ver todas las acciones, con filtros por dependencia, estado y vencimiento"))),
            ]
        }

        static func table(_ rows: [Model.Row]) -> Node<HTML.BodyContext> {
            .div(.class("scroll"), .table(.class("list"),
                .caption(.text("Planes con su avance en el último seguimiento registrado")),
                .thead(.tr(
                    .th("Unidad auditable"), .th("No. de la auditoría"), .th("Origen"), .th("Estado"),
                    .th("Hallazgos"), .th("Acciones"), .th("Último seguimiento"), .th("% del plan y semáforo"), .th("Atrasadas"))),
                .tbody(.forEach(rows) { row in
                    .tr(
                        .td(.a(.href(SiteURL.plan(.value(row.id)).path),
                               .text(row.unidadAuditable.isEmpty ? "(sin unidad auditable)" : row.unidadAuditable))),
                        .td(.text(row.numeroAuditoria)),
                        .td(.text(row.origin.label)),
                        .td(.text(row.status.label)),
                        .td(.class("num"), .text("\(row.findings)")),
                        .td(.class("num"), .text("\(row.actions)")),
                        .td(.text(row.round.map { n in "No. \(n)" + (row.cutOff.map { " · corte \($0.dayFirst)" } ?? "") } ?? "Sin seguimientos")),
                        .td(.ratingZone(row.percent)),
                        .td(.class("num"), .text("\(row.behind)"))
                    )
                })
            ))
        }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model) }
        }
    }
}
