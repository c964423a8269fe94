import Foundation
import VigiaCore
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
                filters(model),
                .p(.text(model.total == 1 ? "1 plan" : "\(model.total) planes"),
                   .text(model.pages > 1 ? " · página \(model.page) de \(model.pages)" : "")),
                model.rows.isEmpty ? .p("No hay planes de mejoramiento para mostrar.") : table(model.rows),
                .if(!model.rows.isEmpty, ListDownload.links(path(model.filter), what: "todos estos planes")),
                pager(model),
                .p(.a(.href(SiteURL.actions.path), .text("Ver todas las acciones, con filtros por dependencia, estado y vencimiento"))),
                .if(!model.rows.isEmpty, .p(.strong("Estado de los planes para el comité de control interno: "),
                    .a(.href(SiteURL.committeeReport.path + "?formato=pdf"), .text("PDF")), .text(" · "),
                    .a(.href(SiteURL.committeeReport.path + "?formato=xlsx"), .text("Excel")), .text(" · "),
                    .a(.href(SiteURL.committeeReport.path + "?formato=html"), .text("ver para imprimir")))),
            ]
        }

        /// The list's address with the filter (and a page other than the first).
        static func path(_ f: PlanDigests.Filter, page: Int = 1) -> String {
            var items: [URLQueryItem] = []
            if let d = f.dependencyID { items.append(.init(name: "dependencia", value: d.uuidString)) }
            if let e = f.estado { items.append(.init(name: "estado", value: e.rawValue)) }
            if page > 1 { items.append(.init(name: "pagina", value: "\(page)")) }
            var c = URLComponents()
            c.path = SiteURL.plans.path
            c.queryItems = items.isEmpty ? nil : items
            return c.string ?? SiteURL.plans.path
        }

        static func filters(_ m: Model) -> Node<HTML.BodyContext> {
            let dependencies: [(String, String)] = [("", "Todas")] + m.dependencies.map { ($0.id.uuidString, $0.name) }
            let states: [(String, String)] = [("", "Todos")] + PlanStatus.allCases.map { ($0.rawValue, $0.label) }
            let dependency: Node<HTML.FormContext> = m.dependencies.isEmpty ? .empty
                : .choice("Dependencia", name: "dependencia", options: dependencies, selected: m.filter.dependencyID?.uuidString ?? "")
            return .form(.method(.get), .action(SiteURL.plans.path), .class("filters"), dependency,
                         .choice("Estado del plan", name: "estado", options: states, selected: m.filter.estado?.rawValue ?? ""),
                         .button(.type(.submit), .text("Filtrar")))
        }

        static func pager(_ m: Model) -> Node<HTML.BodyContext> {
            .if(m.pages > 1, .nav(.class("pager"), .ariaLabel("Páginas"),
                .if(m.page > 1, .a(.href(path(m.filter, page: m.page - 1)), .text("« Más recientes"))),
                .text(" "),
                .if(m.page < m.pages, .a(.href(path(m.filter, page: m.page + 1)), .text("Anteriores »")))))
        }

        static func table(_ rows: [Model.Row]) -> Node<HTML.BodyContext> {
            .scrollBox("Planes", .table(.class("list"),
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
