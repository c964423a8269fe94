import Foundation
import Plot
import Vapor
import VigiaCore
import VigiaFormats

/// «Acciones»: every action of the plans the user may see, narrowed by dependencia, estado,
/// vencidas and the year it ends; downloads as XLSX or CSV with the same rows.
enum ActionsPage {
    struct Model: Sendable, Equatable {
        var entityName: String?
        var today: LocalDate
        var filter: ActionFilter
        var dependencies: [String]
        /// Every row within the filter (a download holds them all); the page shows `shown`.
        var rows: [ActionListRow]
        var page = 1

        var pages: Int { max(1, (rows.count + ActionsPage.pageSize - 1) / ActionsPage.pageSize) }
        var shown: ArraySlice<ActionListRow> {
            let start = min(rows.count, (min(page, pages) - 1) * ActionsPage.pageSize)
            return rows[start..<min(rows.count, start + ActionsPage.pageSize)]
        }
    }

    static let title = "Acciones de los planes de mejoramiento"
    static let pageSize = 100

    /// The filter as the query sends it; anything unknown is ignored (the list shows everything).
    static func filter(_ req: Request) -> ActionFilter {
        let text = { (key: String) in req.query[String.self, at: key]?.trimmed }
        return ActionFilter(dependency: text("dependencia").flatMap { $0.isEmpty ? nil : $0 },
                            state: text("estado").flatMap(ActionState.init(rawValue:)),
                            onlyOverdue: text("vencidas") == "1",
                            year: text("anio").flatMap { Int($0) }.flatMap { (1900...9999).contains($0) ? $0 : nil })
    }

    /// The page's own address with the filter, for the download links.
    static func path(_ f: ActionFilter, page: Int = 1) -> String {
        var items: [URLQueryItem] = []
        if let d = f.dependency { items.append(.init(name: "dependencia", value: d)) }
        if let s = f.state { items.append(.init(name: "estado", value: s.rawValue)) }
        if f.onlyOverdue { items.append(.init(name: "vencidas", value: "1")) }
        if let y = f.year { items.append(.init(name: "anio", value: String(y))) }
        if page > 1 { items.append(.init(name: "pagina", value: String(page))) }
        var c = URLComponents()
        c.path = SiteURL.actions.path
        c.queryItems = items.isEmpty ? nil : items
        // `+` and `&` inside a dependencia's name must not split the query.
        c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return c.string ?? SiteURL.actions.path
    }

    static func query(_ req: Request, user: CurrentUser) async throws -> Model {
        let plans = try await HomePage.Model.dashboardPlans(for: user, on: req.db)
        let f = filter(req)
        return Model(entityName: try await PlanListPage.entityName(user, on: req.db), today: req.today, filter: f,
                     dependencies: Array(Set(plans.map(\.group))).sorted(),
                     rows: DashboardFigures.actionRows(plans, today: req.today, filter: f),
                     page: pageNumber(req))
    }

    /// `?pagina=N`, from 1.
    static func pageNumber(_ req: Request) -> Int {
        req.query[String.self, at: "pagina"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
    }

    static func table(_ m: Model) -> ListTable {
        ListTable(title: "Acciones", subtitle: "\(m.entityName ?? "") · \(m.filter.summary) · \(m.today.dayFirst)",
                  columns: [.init("Plan (unidad auditable)", width: 28), .init("Dependencia", width: 24), .init("Hallazgo", width: 9),
                            .init("Acción", width: 8), .init("Descripción", width: 60), .init("Responsable", width: 24),
                            .init("Fecha inicial", width: 12), .init("Fecha final", width: 12), .init("% de avance", width: 11),
                            .init("Estado (último seguimiento)", width: 16), .init("Vencida a hoy", width: 10), .init("Atrasada", width: 10)],
                  rows: m.rows.map { r in
                      [.text(r.plan), .text(r.dependency), .number(Double(r.finding)), .number(Double(r.position)), .text(r.descripcion),
                       .text(r.responsable), .date(r.fechaInicial), .date(r.fechaFinal), .percent(r.percent), .text(r.state?.label ?? ""),
                       .text(r.overdue ? "Sí" : "No"), .text(r.behind ? "Sí" : "No")]
                  })
    }

    static func content(_ m: Model) -> [Node<HTML.BodyContext>] {
        let f = m.filter
        return [
            .h1(.text(title)),
            .form(.method(.get), .action(SiteURL.actions.path), .class("filters"),
                .choice("Dependencia", name: "dependencia", options: [("", "Todas")] + m.dependencies.map { ($0, $0) }, selected: f.dependency ?? ""),
                .choice("Estado en el último seguimiento", name: "estado", options: [("", "Todos")] + ActionState.allCases.map { ($0.rawValue, $0.label) },
                        selected: f.state?.rawValue ?? ""),
                .field("Terminan en el año", name: "anio", value: f.year.map(String.init) ?? "", extra: [.attribute(named: "inputmode", value: "numeric")]),
                .div(.class("field"), .label(.input(.type(.checkbox), .name("vencidas"), .value("1"), .checked(f.onlyOverdue)),
                                             .text(" Solo las vencidas a hoy (fecha final pasada y menos de 100 %)"))),
                .button(.type(.submit), .text("Filtrar"))),
            .p(.text("\(m.rows.count == 1 ? "1 acción" : "\(m.rows.count) acciones") · \(f.summary)"),
               .text(m.pages > 1 ? " · página \(min(m.page, m.pages)) de \(m.pages)" : "")),
            ListDownload.links(path(f)),
            m.rows.isEmpty ? .p(.text("Ninguna acción cumple el filtro.")) : .scrollBox("Acciones", .table(.class("list"),
                .thead(.tr(.th("Plan"), .th("Hallazgo / acción"), .th("Descripción"), .th("Responsable"), .th("Fecha final"), .th("% de avance"),
                           .th("Estado"), .th("Vencida a hoy"))),
                .tbody(.forEach(m.shown) { r in
                    .tr(.td(.unwrap(r.planID, { .a(.href(SiteURL.plan(.value($0)).path), .text(r.plan)) }, else: .text(r.plan)),
                            .div(.class("small"), .text(r.dependency))),
                        .td(.class("nowrap"), .text("\(r.finding) / \(r.position)")),
                        .td(.text(String(r.descripcion.prefix(200)) + (r.descripcion.count > 200 ? "…" : ""))),
                        .td(.text(r.responsable)), .td(.class("nowrap"), .text(r.fechaFinal?.dayFirst ?? "—")),
                        .td(.ratingZone(r.percent)), .td(.text(r.state?.label ?? "—")), .td(.text(r.overdue ? "Sí" : "No")))
                }))),
            .if(m.pages > 1, .nav(.class("pager"), .ariaLabel("Páginas"),
                .if(m.page > 1, .a(.href(path(f, page: min(m.page, m.pages) - 1)), .text("« Anteriores"))),
                .text(" "),
                .if(m.page < m.pages, .a(.href(path(f, page: m.page + 1)), .text("Siguientes »"))))),
        ]
    }
}
