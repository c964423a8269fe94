import Fluent
import Vapor
import VigiaCore

/// Writing a corruption risk map through `/api/v1/risk-maps`: the same services, rules and roles
/// as the forms. Levels are 0-based indexes into the map's methodology, as in the stored
/// document; dates are dd/mm/aaaa or aaaa-mm-dd; `revision` (optional) refuses with 409 a write
/// over a map changed since it was read.
enum RiskMapApi {
    struct NewMap: Content {
        var vigencia: Int?
        var metodologia: String?
    }

    struct Created: Content {
        var id: UUID
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let body = try req.content.decode(NewMap.self)
        let id = try await RiskMapService.create(vigencia: body.vigencia.map(String.init) ?? "", methodology: body.metodologia ?? "",
                                                 ctx: try req.useCase())
        return try await Created(id: id).encodeResponse(status: .created, for: req)
    }

    /// POST …/risks (a new risk) and PUT …/risks/{numero}: answers the risk as stored, with its number.
    @Sendable static func saveRisk(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map")
        let numero = req.parameters.get("numero") == nil ? nil : try req.intParameter("numero")
        let input = try req.content.decode(RiskInput.self)
        let risk = try await RiskMapService.saveRisk(input, numero: numero, map: id, seen: try? req.content.get(Int.self, at: "revision"), ctx: ctx)
        return try await json(risk, status: numero == nil ? .created : .ok)
    }

    static func json<T: Encodable>(_ value: T, status: HTTPStatus) async throws -> Response {
        let res = Response(status: status, body: .init(data: try PlanDocument.encoder.encode(value)))
        res.headers.contentType = .json
        return res
    }

    @Sendable static func deleteRisk(req: Request) async throws -> HTTPStatus {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero")
        try await RiskMapService.deleteRisk(id, numero: numero, seen: req.query[Int.self, at: "revision"], ctx: ctx)
        return .noContent
    }

    struct ItemBody: Content {
        var descripcion: String?
        var responsable: String?
        var tipo: String?
        var implementacion: String?
        var documentacion: String?
        var frecuencia: String?
        var evidencia: String?
        var puntaje: Double?
        var fechaInicio: String?
        var fechaFin: String?
        var indicador: String?
        var registro: String?
        /// Ids of the dependencias whose responsables report the action's monitoreo.
        var dependencias: [UUID]?
        /// Id of the component 1 activity of the program of the same vigencia the action carries out.
        var actividadPrograma: UUID?
        var revision: Int?

        var form: RiskItemForm {
            var f = RiskItemForm()
            f.descripcion = descripcion; f.responsable = responsable; f.tipo = tipo; f.implementacion = implementacion
            f.documentacion = documentacion; f.frecuencia = frecuencia; f.evidencia = evidencia
            f.puntaje = puntaje.map { SpanishFormat.number($0) }
            f.fechaInicio = fechaInicio; f.fechaFin = fechaFin; f.indicador = indicador; f.registro = registro; f.revision = revision
            f.dependencias = dependencias?.map(\.uuidString)
            f.actividadPrograma = actividadPrograma?.uuidString
            return f
        }
    }

    /// POST …/risks/{n}/controls|actions and PUT …/{posicion}: answers the risk as stored.
    static func saveItem(req: Request, kind: RiskItemKind) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero")
        let position = req.parameters.get("posicion") == nil ? nil : try req.intParameter("posicion")
        let body = try req.content.decode(ItemBody.self)
        try await RiskMapService.saveItem(kind, form: body.form, map: id, risk: numero, position: position, ctx: ctx)
        let (map, _) = try await RiskMapService.read(id, entityID: ctx.entityID, on: req.db)
        return try await json(map.riesgos.first { $0.numero == numero }, status: position == nil ? .created : .ok)
    }

    static func deleteItem(req: Request, kind: RiskItemKind) async throws -> HTTPStatus {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero"), position = try req.intParameter("posicion")
        try await RiskMapService.deleteItem(kind, map: id, risk: numero, position: position, seen: req.query[Int.self, at: "revision"], ctx: ctx)
        return .noContent
    }

    struct Grade: Content {
        var riesgo: Int
        var accion: Int
        var porcentaje: Double?
        var observaciones: String?
    }

    struct Materialisation: Content {
        var riesgo: Int
        var materializado: Bool
        var descripcion: String?
    }

    struct FollowUpBody: Content {
        var calificaciones: [Grade]?
        var materializaciones: [Materialisation]?
        var revision: Int?
    }

    /// PUT …/periods/{periodo}/seguimiento: the grades sent replace the period's for those actions; answers the period's report.
    @Sendable static func putFollowUp(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFollowUp(ctx.user)
        let id = try req.uuidParameter("map"), period = try req.intParameter("periodo")
        let body = try req.content.decode(FollowUpBody.self)
        let grades = (body.calificaciones ?? []).map { g in
            RiskGradeInput(riesgo: g.riesgo, accion: g.accion, porcentaje: g.porcentaje.map { PercentInput(number: $0).text } ?? "",
                           observaciones: g.observaciones ?? "")
        }
        try await RiskMapService.saveFollowUp(id, period: period, grades: grades, materialisations: (body.materializaciones ?? []).map {
            RiskMaterialisationInput(riesgo: $0.riesgo, materializado: $0.materializado, descripcion: $0.descripcion ?? "")
        }, seen: body.revision, ctx: ctx)
        let (map, _) = try await RiskMapService.read(id, entityID: ctx.entityID, on: req.db)
        return try await json(RiskMapReport(map, period: period), status: .ok)
    }
}
