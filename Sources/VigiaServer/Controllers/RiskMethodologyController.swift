import Fluent
import Vapor
import VigiaCore

/// The entity's risk methodologies: list, copy, edit (a new version each save), import and export
/// as JSON. The OCI and the administrador; every other role gets 403.
enum RiskMethodologyController {
    @Sendable static func list(req: Request) async throws -> Response {
        try await listPage(req, json: "", errors: [:])
    }

    static func listPage(_ req: Request, json: String, errors: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        try RiskMapService.requireFormulation(user)
        let own = try await RiskMethodologyService.latest(entityID: user.entityID, on: req.db).map { RiskMethodologyViews.Own(key: $0.key, methodology: $0.methodology) }
        let builtIn = try await RiskMethodologyService.choices(entityID: user.entityID, on: req.db).filter { !$0.value.hasPrefix(RiskMethodologyService.entityPrefix) }
        let ctx = PageContext(req, title: RiskMethodologyViews.title)
        return Layout.render(ctx, status: status) {
            RiskMethodologyViews.listContent(builtIn: builtIn, own: own, json: json, errors: errors, csrf: ctx.csrf)
        }
    }

    struct CopyForm: Content { var desde: String? }

    @Sendable static func copy(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let from = try req.content.decode(CopyForm.self).desde ?? ""
        guard var m = try await RiskMethodologyService.resolve(from, entityID: ctx.entityID, on: req.db) else {
            throw Abort(.notFound, reason: "La metodología que quiere copiar no existe.")
        }
        let source = m.nombre
        m.nombre = "Copia de \(m.nombre)"
        let key = try await RiskMethodologyService.create(m, summary: "Copió la metodología de riesgos «\(source)»", ctx: ctx)
        req.flash("Copia creada. Ajuste las escalas, las zonas o los colores y guárdela.")
        return req.redirect(to: SiteURL.riskMethodology(.value(key)).path)
    }

    struct ImportForm: Content { var json: String? }

    @Sendable static func importJSON(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let text = try req.content.decode(ImportForm.self).json ?? ""
        do {
            let m = try RiskMethodologyService.decode(text)
            let key = try await RiskMethodologyService.create(m, summary: "Importó la metodología de riesgos «\(m.nombre)»", ctx: ctx)
            req.flash("Metodología «\(m.nombre)» importada como versión 1.")
            return req.redirect(to: SiteURL.riskMethodology(.value(key)).path)
        } catch let invalid as InvalidInput {
            let errors = invalid.problems.count == 1 && invalid.problems["json"] != nil ? invalid.problems
                : ["json": "El JSON se leyó, pero la metodología no se puede usar: " + invalid.problems.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")]
            return try await listPage(req, json: text, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try RiskMapService.requireFormulation(user)
        let key = req.parameters.get("metodologia") ?? ""
        let (_, m) = try await RiskMethodologyService.find(key, entityID: user.entityID, on: req.db)
        return render(req, RiskMethodologyViews.EditModel(key: key, current: m, outline: RiskMethodologyOutline(m)))
    }

    static func render(_ req: Request, _ model: RiskMethodologyViews.EditModel, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: RiskMethodologyViews.title)
        return Layout.render(ctx, status: status) { RiskMethodologyViews.editContent(model, csrf: ctx.csrf) }
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let key = req.parameters.get("metodologia") ?? ""
        let outline = try req.content.decode(RiskMethodologyOutline.self)
        do {
            let seen = try? req.content.get(Int.self, at: "version")
            let saved = try await RiskMethodologyService.save(key, outline: outline, seen: seen, ctx: ctx)
            req.flash("Versión \(saved.version) de «\(saved.nombre)» guardada. Los mapas nuevos pueden usarla.")
            return req.redirect(to: SiteURL.riskMethodology(.value(key)).path)
        } catch let invalid as InvalidInput {
            let (_, current) = try await RiskMethodologyService.find(key, entityID: ctx.entityID, on: req.db)
            return render(req, RiskMethodologyViews.EditModel(key: key, current: current, outline: outline, errors: invalid.problems), status: .unprocessableEntity)
        }
    }

    /// The newest version as a JSON file, to keep, share with another entity or edit by hand.
    @Sendable static func json(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try RiskMapService.requireFormulation(user)
        let (_, m) = try await RiskMethodologyService.find(req.parameters.get("metodologia") ?? "", entityID: user.entityID, on: req.db)
        let name = "metodologia-riesgos_\(m.nombre.fileNameSafe)_v\(m.version).json"
        return DocumentController.file(try PlanDocument.encoder.encode(m), name: name, type: "application/json")
    }
}
