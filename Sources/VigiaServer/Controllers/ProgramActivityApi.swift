import Fluent
import Vapor
import VigiaCore

/// The program's formulation through the JSON API: the program's estado and its activities,
/// by the same services as the pages (`ProgramStatusService`, `ProgramActivityService`).
enum ProgramActivityApi {
    struct StatusBody: Content { var estado: String }

    struct ActivityBody: Content {
        var id: UUID?
        var subcomponente: String
        var actividad: String
        var meta: String
        var responsables: String
        /// Ids of the entity's dependencias whose users report the monitoreo.
        var dependencias: [UUID]
        /// dd/mm/aaaa or «Permanente».
        var fechaProgramada: String
    }

    @Sendable static func putStatus(req: Request) async throws -> StatusBody {
        let ctx = try req.useCase()
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: ctx.user, on: req.db)
        let body = try req.content.decode(StatusBody.self)
        guard let status = ProgramStatus(rawValue: body.estado) else {
            throw InvalidInput(field: "estado", "Estado: use formulacion, en_seguimiento o cerrado.")
        }
        try await ProgramStatusService.set(program, to: status, in: ctx)
        return StatusBody(estado: status.rawValue)
    }

    static func form(_ req: Request) throws -> ProgramFormulationController.ActivityForm {
        let b = try req.content.decode(ActivityBody.self)
        var f = ProgramFormulationController.ActivityForm()
        f.subcomponente = b.subcomponente; f.actividad = b.actividad; f.meta = b.meta; f.responsables = b.responsables
        f.dependencias = b.dependencias.map(\.uuidString); f.fechaProgramada = b.fechaProgramada
        return f
    }

    static func body(_ a: ProgramActivity, on db: Database) async throws -> ActivityBody {
        ActivityBody(id: a.id, subcomponente: a.subcomponente, actividad: a.actividad, meta: a.meta, responsables: a.responsables,
                     dependencias: try await a.$dependencies.get(on: db).compactMap(\.id), fechaProgramada: a.fechaProgramada?.description ?? "")
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, component) = try await ProgramFormulationController.componentOf(req, ctx.user)
        let a = try await ProgramActivityService.create(try form(req), in: component, under: nil, program: program, ctx: ctx)
        return try await body(a, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable static func createSubitem(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, parent, component) = try await ProgramFormulationController.activityOf(req, ctx)
        let a = try await ProgramActivityService.create(try form(req), in: component, under: parent, program: program, ctx: ctx)
        return try await body(a, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable static func update(req: Request) async throws -> ActivityBody {
        let ctx = try req.useCase()
        let (program, activity, _) = try await ProgramFormulationController.activityOf(req, ctx)
        try await ProgramActivityService.update(activity, try form(req), program: program, ctx: ctx)
        return try await body(activity, on: req.db)
    }

    @Sendable static func delete(req: Request) async throws -> HTTPStatus {
        let ctx = try req.useCase()
        let (program, activity, _) = try await ProgramFormulationController.activityOf(req, ctx)
        try await ProgramActivityService.remove(activity, program: program, ctx: ctx)
        return .noContent
    }
}
