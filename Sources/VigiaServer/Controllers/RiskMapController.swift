import Fluent
import Vapor
import VigiaCore

/// The entity's mapas de riesgos de corrupción: pages and `/api/v1/risk-maps`, read by every role of
/// the entity (another entity's map does not exist for it).
enum RiskMapController {
    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let rows = try await RiskMapPage.list(entityID: user.entityID, on: req.db)
        let canFormulate = RiskMapPermissions.formulationRefusal(role: user.role) == nil
        return Layout.render(PageContext(req, title: RiskMapPage.title)) { RiskMapPage.listContent(rows, canFormulate: canFormulate) }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var model = try await RiskMapPage.withMonitoring(
            try await RiskMapPage.query(try req.uuidParameter("map"), entityID: user.entityID, period: req.siteQuery(.period),
                                        cell: RiskMapPage.Cell(req.query[String.self, at: "celda"]), on: req.db), user: user, on: req.db)
        model.process = (req.query[String.self, at: "proceso"]).map { String($0.trimmed.prefix(200)) }.flatMap { $0.isEmpty ? nil : $0 }
        let ctx = PageContext(req, title: "\(RiskMapPage.title) \(model.report.vigencia)", entityName: model.report.entidad)
        return Layout.render(ctx) {
            RiskMapPage.content(model, canFormulate: RiskMapPermissions.formulationRefusal(role: user.role) == nil,
                                canFollowUp: RiskMapPermissions.followUpRefusal(role: user.role) == nil)
        }
    }

    struct Summary: Content {
        var id: UUID
        var vigencia: Int
        var metodologia: String
        var riesgos: Int
    }

    @Sendable static func apiList(req: Request) async throws -> [Summary] {
        let user = try req.requireUser()
        return try await RiskMapPage.list(entityID: user.entityID, on: req.db)
            .map { Summary(id: $0.id, vigencia: $0.vigencia, metodologia: $0.methodology, riesgos: $0.risks) }
    }

    /// The map with its figures for `?periodo=N` (default: the last with seguimiento) and `?metodo=`.
    @Sendable static func apiShow(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var model = try await RiskMapPage.query(try req.uuidParameter("map"), entityID: user.entityID, period: req.siteQuery(.period),
                                                cell: nil, on: req.db)
        if let text = req.query[String.self, at: "metodo"], !text.isEmpty {
            guard let method = RiskMapEvaluation.AggregationMethod(rawValue: text) else {
                throw InvalidInput(["metodo": "«\(String(text.prefix(40)))» no es un método; use promedio_riesgos o promedio_acciones."])
            }
            model.report = RiskMapReport(model.map, period: model.report.periodo, method: method)
        }
        let res = Response(body: .init(data: try PlanDocument.encoder.encode(model.report)))
        res.headers.contentType = .json
        return res
    }
}
