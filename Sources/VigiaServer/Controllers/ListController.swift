import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// The cross-plan lists: «Acciones» and «Auditoría» (pages and their downloads).
enum ListController {
    @Sendable static func actions(req: Request) async throws -> Response {
        let user = try req.requireUser()
        if let format = try ListDownload.format(req) {
            return try ListDownload.response(ActionsPage.table(try await ActionsPage.query(req, user: user)), format, today: req.today)
        }
        let f = ActionsPage.filter(req), page = ActionsPage.pageNumber(req)
        let variant = "\(EntityPages.part(f.dependency ?? ""))|\(f.state?.rawValue ?? "")|\(f.onlyOverdue)|\(f.year ?? 0)|\(page)"
        return try await EntityPages.page(req, "acciones", variant: variant, user: user) { placeholder in
            let model = try await ActionsPage.query(req, user: user)
            let ctx = PageContext(req, title: ActionsPage.title, entityName: model.entityName)
            return (Layout.html(ctx.withCSRF(placeholder)) { ActionsPage.content(model) }, .ok, ctx.flash != nil)
        }
    }

    @Sendable static func audit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let f = AuditPage.filter(req)
        var planName: String? = nil
        if let id = f.planID {
            planName = try await Access.plan(id, for: user, .read, on: req.db).unidadAuditable
        } else if !user.role.gradesFollowUps {
            throw Abort(.forbidden, reason: "La auditoría de toda la entidad es de la Oficina de Control Interno y del administrador; la de un plan está en su página.")
        }
        let total = try await AuditPage.events(f, entityID: user.entityID, on: req.db).count()
        if let format = try ListDownload.format(req) {
            guard f.errors.isEmpty else { throw InvalidInput(f.errors) }
            guard total <= AuditPage.maxDownload else {
                throw Abort(.badRequest, reason: "La descarga tendría \(total) eventos (máximo \(AuditPage.maxDownload)): acote las fechas «Desde» y «Hasta».")
            }
            let rows = try await AuditPage.rows(f, entityID: user.entityID, on: req.db)
            let entity = try await PlanListPage.entityName(user, on: req.db) ?? ""
            let scope = [planName.map { "plan \($0)" }, f.from.map { "desde \($0.dayFirst)" }, f.until.map { "hasta \($0.dayFirst)" }].compactMap { $0 }
            return try ListDownload.response(AuditPage.table(rows, subtitle: ([entity] + scope + ["descargado el \(req.today.dayFirst)"]).joined(separator: " · ")),
                                             format, today: req.today)
        }
        let offset = (f.page - 1) * AuditPage.pageSize
        let rows = try await AuditPage.rows(f, entityID: user.entityID, offset: offset, limit: AuditPage.pageSize, on: req.db)
        let model = AuditPage.Model(filter: f, planName: planName, total: total, rows: rows)
        let ctx = PageContext(req, title: AuditPage.title)
        return Layout.render(ctx, status: f.errors.isEmpty ? .ok : .unprocessableEntity) { AuditPage.content(model) }
    }
}
