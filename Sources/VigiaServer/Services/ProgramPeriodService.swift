import Fluent
import Vapor
import VigiaCore

/// The dates of a program's period the OCI may change while it is not published: the cut-off,
/// the publication deadline, and the window in which the responsables send their monitoreo.
struct PeriodDates: Sendable, Equatable {
    var fechaCorte: LocalDate?
    var fechaLimite: LocalDate?
    var window = ReportingWindow(from: nil, until: nil)

    init(fechaCorte: LocalDate?, fechaLimite: LocalDate?, window: ReportingWindow) {
        self.fechaCorte = fechaCorte; self.fechaLimite = fechaLimite; self.window = window
    }

    init(_ period: FollowUpPeriod) {
        self.init(fechaCorte: period.fechaCorte, fechaLimite: period.fechaLimite, window: period.reportingWindow)
    }

    /// What is wrong with the dates, by field.
    var problems: [String: String] {
        var e: [String: String] = [:]
        if fechaCorte == nil { e["fechaCorte"] = "Escriba la fecha de corte (dd/mm/aaaa)." }
        if fechaLimite == nil { e["fechaLimitePublicacion"] = "Escriba la fecha límite de publicación (dd/mm/aaaa)." }
        if let corte = fechaCorte, let limite = fechaLimite, limite < corte {
            e["fechaLimitePublicacion"] = "La fecha límite de publicación (\(limite.dayFirst)) es anterior a la fecha de corte (\(corte.dayFirst))."
        }
        if let problem = window.problem(label: "Monitoreo") { e["monitoreoHasta"] = problem }
        return e
    }
}

enum ProgramPeriodService {
    /// Changes a period's dates, from the form and the API alike; refused once it is published
    /// (a correction reopens it first). Every change is in the audit trail.
    static func update(_ period: FollowUpPeriod, to dates: PeriodDates, program: AnticorruptionProgram,
                       in ctx: UseCaseContext) async throws {
        try ProgramAccess.requireFollowUp(ctx.user)
        if period.estado == .publicado {
            throw Abort(.conflict, reason: "El \(period.nombre.lowercased()) está publicado: sus fechas ya no se modifican. Ábralo como corrección para cambiarlas.")
        }
        try InvalidInput.check(dates.problems)
        guard let corte = dates.fechaCorte, let limite = dates.fechaLimite else { return }
        let before = PeriodDates(period)
        func show(_ d: LocalDate?) -> String? { d?.dayFirst }
        let changes = AuditLog.diff([
            ("fecha de corte", show(before.fechaCorte), show(corte)),
            ("fecha límite de publicación", show(before.fechaLimite), show(limite)),
            ("monitoreo desde", show(before.window.from), show(dates.window.from)),
            ("monitoreo hasta", show(before.window.until), show(dates.window.until)),
        ])
        guard !changes.isEmpty else { return }
        try await ctx.db.transaction { db in
            period.fechaCorte = corte
            period.fechaLimite = limite
            period.reportFrom = dates.window.from
            period.reportUntil = dates.window.until
            try await period.save(on: db)
            try await AuditLog.record("Cambió las fechas del \(period.nombre.lowercased())\(ctx.auditSuffix)", by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "periodo", objectID: period.id, planID: nil,
                                      programID: program.id, changes: changes, on: db)
        }
    }

    /// The period `numero` of the program; 404 when it has none.
    static func period(_ numero: Int, of program: AnticorruptionProgram, on db: Database) async throws -> FollowUpPeriod {
        guard let period = try await FollowUpPeriod.query(on: db).filter(\.$program.$id == program.requireID())
            .filter(\.$numero == numero).first() else {
            throw Abort(.notFound, reason: "El programa no tiene el periodo \(numero).")
        }
        return period
    }
}
