import Fluent
import Vapor
import VigiaCore

/// `/api/v1/programs`: the same programs, rules and roles as the pages.
enum ProgramApiController {
    struct Summary: Content {
        var id: UUID
        var vigencia: Int
        var plantilla: String
        var actividades: Int
        var periodos: [PeriodSnapshot]
    }

    @Sendable static func list(req: Request) async throws -> [Summary] {
        let user = try req.requireUser()
        var out: [Summary] = []
        for p in try await AnticorruptionProgram.query(on: req.db).filter(\.$entity.$id == user.entityID).sort(\.$vigencia).all() {
            let s = try await ProgramStore.snapshot(of: p, on: req.db)
            out.append(Summary(id: s.id!, vigencia: s.vigencia, plantilla: s.plantilla, actividades: s.activityCount, periodos: s.periodos))
        }
        return out
    }

    /// The program document for `?periodo=N` (default: the last with seguimiento) and `?metodo=`.
    @Sendable static func get(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let snap = try await ProgramStore.snapshot(of: program, on: req.db)
        let period = req.siteQuery(.period) ?? snap.latestGradedPeriod ?? 1
        guard snap.periodos.contains(where: { $0.numero == period }) else {
            throw Abort(.notFound, reason: "El programa no tiene el periodo \(period).")
        }
        let method = (req.query["metodo"] as String?).flatMap(ProgramMethod.init(rawValue:)) ?? program.metodo
        let res = Response(body: .init(data: try PlanDocument.encoder.encode(ProgramDocument(program: snap, period: period, method: method))))
        res.headers.contentType = .json
        return res
    }

    struct GradeInput: Content {
        struct Item: Content {
            var actividadId: UUID
            var porcentaje: Double?
            var noAplica: Bool?
            var texto: String?
            var evidencias: [String]?
        }
        var actividades: [Item]
    }

    @Sendable static func putFollowUp(req: Request) async throws -> Response { try await put(req, monitoring: false) }
    @Sendable static func putMonitoring(req: Request) async throws -> Response { try await put(req, monitoring: true) }

    /// Writes the named activities only; the others keep what they had.
    static func put(_ req: Request, monitoring: Bool) async throws -> Response {
        let ctx = try await ProgramController.context(req, monitoring: monitoring)
        let input = try req.content.decode(GradeInput.self)
        let byID = Dictionary(uniqueKeysWithValues: ctx.lines.map { ($0.id, $0) })
        var values = ActivityGradeValues(lines: ctx.lines, period: ctx.period.numero, monitoring: monitoring)
        var touched: [ActivityLine] = []
        for item in input.actividades {
            guard let line = byID[item.actividadId] else {
                throw Abort(monitoring ? .forbidden : .unprocessableEntity,
                            reason: "actividades: la actividad \(item.actividadId) no está entre las que usted puede reportar en este programa.")
            }
            values.rows[line.id] = .init(notApplicable: item.noAplica ?? false, text: item.texto ?? "",
                                         evidence: (item.evidencias ?? []).joined(separator: "\n"), number: item.porcentaje)
            touched.append(line)
        }
        _ = try await ProgramFollowUpService.save(touched, values: values, period: ctx.period, monitoring: monitoring,
                                                  program: ctx.program, in: try req.useCase())
        let snap = try await ProgramStore.snapshot(of: ctx.program, on: req.db)
        let res = Response(body: .init(data: try PlanDocument.encoder.encode(
            ProgramDocument(program: snap, period: ctx.period.numero, method: ctx.program.metodo))))
        res.headers.contentType = .json
        return res
    }
}

extension ProgramApiController {
    /// A period's dates as the API reads and writes them.
    struct PeriodInput: Content {
        var fechaCorte: LocalDate?
        var fechaLimitePublicacion: LocalDate?
        var monitoreoDesde: LocalDate?
        var monitoreoHasta: LocalDate?
    }

    /// Changes a period's dates (OCI), through the same rules as the form; answers the period.
    @Sendable static func putPeriod(req: Request) async throws -> PeriodInput {
        let ctx = try req.useCase()
        try ProgramAccess.requireFollowUp(ctx.user)
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: ctx.user, on: req.db)
        let period = try await ProgramPeriodService.period(try req.intParameter("numero"), of: program, on: req.db)
        let input = try req.content.decode(PeriodInput.self)
        try await ProgramPeriodService.update(period, to: PeriodDates(
            fechaCorte: input.fechaCorte, fechaLimite: input.fechaLimitePublicacion,
            window: ReportingWindow(from: input.monitoreoDesde, until: input.monitoreoHasta)), program: program, in: ctx)
        return PeriodInput(fechaCorte: period.fechaCorte, fechaLimitePublicacion: period.fechaLimite,
                           monitoreoDesde: period.reportFrom, monitoreoHasta: period.reportUntil)
    }
}
