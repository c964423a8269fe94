import Fluent
import Foundation
import Plot
import SQLKit
import Vapor
import VigiaCore
import VigiaFormats

/// «Auditoría»: the entity's audit trail, newest first, 100 per page, narrowed by dates or to
/// one plan; downloads whole (within the filter) as XLSX or CSV. The whole trail is the OCI's
/// and the administrador's; one plan's trail is open to whoever may read the plan.
enum AuditPage {
    static let pageSize = 100
    /// A download larger than this asks for a narrower date range.
    static let maxDownload = 200_000

    struct Filter: Sendable, Equatable {
        var from: LocalDate?
        var until: LocalDate?
        var planID: UUID?
        var page = 1
        /// Dates typed that are not dates, by field, to show beside the form.
        var errors: [String: String] = [:]
    }

    struct Model: Sendable, Equatable {
        var filter: Filter
        var planName: String?
        var total: Int
        var rows: [PlanPage.Model.AuditRow]
    }

    static let title = "Auditoría de cambios"

    static func filter(_ req: Request) -> Filter {
        var f = Filter()
        for (key, label) in [("desde", "Desde"), ("hasta", "Hasta")] {
            guard let text = req.query[String.self, at: key]?.trimmed, !text.isEmpty else { continue }
            guard let d = LocalDate(dayFirst: text) else { f.errors[key] = "\(label): «\(text)» no es una fecha (dd/mm/aaaa)."; continue }
            if key == "desde" { f.from = d } else { f.until = d }
        }
        f.planID = req.query[String.self, at: "plan"].flatMap(UUID.init(uuidString:))
        f.page = req.query[String.self, at: "pagina"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
        return f
    }

    static func path(_ f: Filter, page: Int? = nil) -> String {
        var items: [URLQueryItem] = []
        if let d = f.from { items.append(.init(name: "desde", value: d.dayFirst)) }
        if let d = f.until { items.append(.init(name: "hasta", value: d.dayFirst)) }
        if let p = f.planID { items.append(.init(name: "plan", value: p.uuidString)) }
        if let page, page > 1 { items.append(.init(name: "pagina", value: String(page))) }
        var c = URLComponents()
        c.path = SiteURL.entityAudit.path
        c.queryItems = items.isEmpty ? nil : items
        return c.string ?? SiteURL.entityAudit.path
    }

    /// The entity's events within the filter (Colombia's days: 00:00 to 24:00 UTC−5).
    static func events(_ f: Filter, entityID: UUID, on db: Database) -> QueryBuilder<AuditEvent> {
        let q = AuditEvent.query(on: db).filter(\.$entity.$id == entityID)
        if let from = f.from { q.filter(\.$at >= ColombiaClock.start(of: from)) }
        if let until = f.until { q.filter(\.$at < ColombiaClock.start(of: until.adding(days: 1))) }
        if let plan = f.planID { q.filter(\.$planID == plan) }
        return q.sort(\.$at, .descending).sort(\.$id, .descending)
    }

    /// The rows of the events within the filter, newest first (`limit` from `offset`, or all of
    /// them): read with SQLKit column by column, since Fluent's model decoding was a third of the page.
    static func rows(_ f: Filter, entityID: UUID, offset: Int = 0, limit: Int? = nil, on db: Database) async throws -> [PlanPage.Model.AuditRow] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        var q = sql.select().columns("at", "user_name", "summary", "field", "old_value", "new_value").from(AuditEvent.schema)
            .where("entity_id", .equal, entityID)
        if let from = f.from { q = q.where("at", .greaterThanOrEqual, ColombiaClock.start(of: from)) }
        if let until = f.until { q = q.where("at", .lessThan, ColombiaClock.start(of: until.adding(days: 1))) }
        if let plan = f.planID { q = q.where("plan_id", .equal, plan) }
        q = q.orderBy("at", .descending).orderBy("id", .descending)
        if let limit { q = q.limit(limit).offset(offset) }
        return try await q.all().map { r in
            .init(at: try r.decode(column: "at", as: Date.self), userName: try r.decode(column: "user_name", as: String.self),
                  summary: try r.decode(column: "summary", as: String.self), field: try r.decode(column: "field", as: String?.self),
                  oldValue: try r.decode(column: "old_value", as: String?.self), newValue: try r.decode(column: "new_value", as: String?.self))
        }
    }

    static func table(_ rows: [PlanPage.Model.AuditRow], subtitle: String) -> ListTable {
        ListTable(title: "Auditoría de cambios", subtitle: subtitle,
                  columns: [.init("Fecha y hora", width: 17), .init("Usuario", width: 26), .init("Qué hizo", width: 60), .init("Campo", width: 20),
                            .init("Antes", width: 40), .init("Después", width: 40)],
                  rows: rows.map { [.instant($0.at), .text($0.userName), .text($0.summary), .text($0.field ?? ""), .text($0.oldValue ?? ""),
                                    .text($0.newValue ?? "")] })
    }

    static func content(_ m: Model) -> [Node<HTML.BodyContext>] {
        let f = m.filter
        let pages = max(1, (m.total + pageSize - 1) / pageSize)
        return [
            .h1(.text(m.planName.map { "\(title) · \($0)" } ?? title)),
            FormErrors.summary(f.errors),
            .form(.method(.get), .action(SiteURL.entityAudit.path), .class("filters"),
                .unwrap(f.planID) { .input(.type(.hidden), .name("plan"), .value($0.uuidString)) },
                .field("Desde", name: "desde", value: f.from?.dayFirst ?? "", type: .date, error: f.errors["desde"]),
                .field("Hasta", name: "hasta", value: f.until?.dayFirst ?? "", type: .date, error: f.errors["hasta"]),
                .button(.type(.submit), .text("Filtrar"))),
            .p(.text(m.total == 1 ? "1 evento" : "\(m.total) eventos") , .text(pages > 1 ? " · página \(f.page) de \(pages)" : "")),
            ListDownload.links(path(f), what: "todos estos eventos"),
            PlanPage.View.auditTrail(m.rows),
            .if(pages > 1, .nav(.class("pager"), .ariaLabel("Páginas"),
                .if(f.page > 1, .a(.href(path(f, page: f.page - 1)), .text("« Más recientes"))),
                .text(" "),
                .if(f.page < pages, .a(.href(path(f, page: f.page + 1)), .text("Anteriores »"))))),
        ]
    }
}
