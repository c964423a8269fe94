import Fluent
import Vapor
import VigiaCore

/// `/api/v1` findings and actions: the same FormulationService as the forms. A PATCH applies
/// the fields sent over the current values, and the result must pass the same rules.
extension ApiController {
    @Sendable static func createFinding(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        try await FormulationService.addFinding(try req.content.decode(FindingInput.self).snapshot, to: plan, in: ctx)
        return try await document(plan, round: nil, req: req, status: .created)
    }

    /// A new finding: only `numero` and `descripcion` are required; `acciones` may come along.
    struct FindingInput: Content {
        var numero: Int
        var descripcion: String
        var causa: String?
        var efecto: String?
        var criterio: String?
        /// The finding's code in the control body's report (SIRECI F14.1).
        var codigo: String?
        var acciones: [ActionPatch]?

        var snapshot: FindingSnapshot {
            FindingSnapshot(numero: numero, descripcion: descripcion, causa: causa ?? "", efecto: efecto ?? "", criterio: criterio ?? "", codigo: codigo,
                            acciones: (acciones ?? []).map { $0.snapshot(over: ActionSnapshot(descripcion: "")) })
        }
    }

    struct FindingPatch: Content {
        var numero: Int?
        var descripcion: String?
        var causa: String?
        var efecto: String?
        var criterio: String?
        var codigo: String?
    }

    @Sendable static func updateFinding(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        let patch = try req.content.decode(FindingPatch.self)
        let input = FindingSnapshot(numero: patch.numero ?? finding.numero, descripcion: patch.descripcion ?? finding.descripcion,
                                    causa: patch.causa ?? finding.causa, efecto: patch.efecto ?? finding.efecto,
                                    criterio: patch.criterio ?? finding.criterio, codigo: patch.codigo ?? finding.codigo)
        try await FormulationService.updateFinding(finding, with: input, in: ctx)
        return try await document(plan, round: nil, req: req)
    }

    @Sendable static func createAction(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        let input = try req.content.decode(ActionPatch.self).snapshot(over: ActionSnapshot(descripcion: ""))
        let deps = try await FormulationService.dependencies(named: input.dependencias, in: ctx)
        try await FormulationService.addAction(input, dependencies: deps, to: finding, in: ctx)
        return try await document(plan, round: nil, req: req, status: .created)
    }

    struct ActionPatch: Content {
        var descripcion: String?
        var tipo: ActionType?
        var responsable: String?
        var dependencias: [String]?
        var fechaInicial: LocalDate?
        var fechaFinal: LocalDate?
        var meta: String?
        var metaCantidad: Double?
        var metaUnidad: String?
        var indicador: String?
        var objetivo: String?

        /// The fields sent laid over `a` (a new action's defaults, or the stored one's values).
        func snapshot(over a: ActionSnapshot) -> ActionSnapshot {
            ActionSnapshot(descripcion: descripcion ?? a.descripcion, tipo: tipo ?? a.tipo, responsable: responsable ?? a.responsable,
                           dependencias: dependencias ?? a.dependencias, fechaInicial: fechaInicial ?? a.fechaInicial,
                           fechaFinal: fechaFinal ?? a.fechaFinal, meta: meta ?? a.meta, metaCantidad: metaCantidad ?? a.metaCantidad,
                           metaUnidad: metaUnidad ?? a.metaUnidad, indicador: indicador ?? a.indicador,
                           objetivo: objetivo ?? a.objetivo)
        }
    }

    @Sendable static func updateAction(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let (action, finding) = try await ActionController.actionOf(plan, req)
        let input = try req.content.decode(ActionPatch.self).snapshot(over: action.snapshot)
        let deps = try await FormulationService.dependencies(named: input.dependencias, in: ctx)
        try await FormulationService.updateAction(action, of: finding, with: input, dependencies: deps, in: ctx)
        return try await document(plan, round: nil, req: req)
    }
}
