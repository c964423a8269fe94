import Fluent
import Vapor
import VigiaCore

/// A plan's header as every channel hands it to the service: typed, not yet checked.
struct PlanHeader: Sendable, Equatable {
    var unidadAuditable = ""
    var numeroAuditoria = ""
    var periodoAuditoria = ""
    var fechaSuscripcion: LocalDate? = nil
    var origen = PlanOrigin.auditoriaInterna
    var estado = PlanStatus.formulacion
    var metodo = AggregationMethod.mean

    init() {}

    init(_ p: ImprovementPlan) {
        unidadAuditable = p.unidadAuditable; numeroAuditoria = p.numeroAuditoria; periodoAuditoria = p.periodoAuditoria
        fechaSuscripcion = p.fechaSuscripcion; origen = p.origen; estado = p.estado; metodo = p.metodo
    }
}

/// Creating a plan by hand and editing its header, from the form and the API.
enum PlanService {
    static func create(_ header: PlanHeader, dependency: Dependency?, in ctx: UseCaseContext) async throws -> ImprovementPlan {
        try Access.requireCreatePlan(ctx.user)
        try InvalidInput.check(FormulationRules.headerProblems(unidadAuditable: header.unidadAuditable, hasDependency: dependency != nil))
        let entity = try await Entity.find(ctx.entityID, on: ctx.db)
        let plan = ImprovementPlan(
            entityID: ctx.entityID, dependencyID: dependency?.id, unidadAuditable: "", numeroAuditoria: "", periodoAuditoria: "",
            fechaSuscripcion: nil, origen: header.origen, estado: header.estado, metodo: header.metodo,
            formatCodigo: entity?.formatCodigo ?? "", formatVersion: entity?.formatVersion ?? "", formatFecha: entity?.formatFecha ?? "")
        apply(header, dependency: dependency, to: plan)
        try await ctx.db.transaction { db in
            try await plan.create(on: db)
            try await AuditLog.record("Creó el plan de mejoramiento\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "plan", objectID: plan.id, planID: plan.id,
                                      changes: [FieldChange(field: "unidad auditable", old: nil, new: plan.unidadAuditable)], on: db)
        }
        return plan
    }

    /// Replaces the header; a responsable may neither change the plan's estado nor give the
    /// plan to another dependencia. Returns what changed (also in the audit trail).
    @discardableResult
    static func update(_ plan: ImprovementPlan, with header: PlanHeader, dependency: Dependency?,
                       in ctx: UseCaseContext) async throws -> [FieldChange] {
        var problems = FormulationRules.headerProblems(unidadAuditable: header.unidadAuditable, hasDependency: dependency != nil)
        if ctx.user.role == .responsable && header.estado != plan.estado {
            problems["estado"] = "El estado del plan lo cambia la Oficina de Control Interno."
        }
        try InvalidInput.check(problems)
        if ctx.user.role == .responsable && dependency?.id != ctx.user.dependencyID {
            throw Abort(.forbidden, reason: "Un responsable no puede asignar el plan a otra dependencia.")
        }
        let before = plan.auditValues
        apply(header, dependency: dependency, to: plan)
        let changes = AuditLog.diff(zip(before, plan.auditValues).map { ($0.0, $0.1, $1.1) })
        try await ctx.db.transaction { db in
            try await plan.save(on: db)
            try await PlanRevision.bump(try plan.requireID(), on: db)   // also when the audit sees no difference
            if !changes.isEmpty {
                try await AuditLog.record("Modificó los datos del plan\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                          objectType: "plan", objectID: plan.id, planID: plan.id, changes: changes, on: db)
            }
        }
        return changes
    }

    private static func apply(_ h: PlanHeader, dependency: Dependency?, to plan: ImprovementPlan) {
        plan.$dependency.id = dependency?.id
        plan.unidadAuditable = h.unidadAuditable.trimmed.isEmpty ? (dependency?.name ?? "") : h.unidadAuditable.trimmed
        plan.numeroAuditoria = h.numeroAuditoria.trimmed
        plan.periodoAuditoria = h.periodoAuditoria.trimmed
        plan.fechaSuscripcion = h.fechaSuscripcion
        plan.origen = h.origen
        plan.estado = h.estado
        plan.metodo = h.metodo
    }
}

extension ImprovementPlan {
    /// Labelled values for the audit trail.
    var auditValues: [(String, String?)] {
        [("unidad auditable", unidadAuditable), ("dependencia", $dependency.id?.uuidString), ("no. de la auditoría", numeroAuditoria),
         ("periodo de la auditoría", periodoAuditoria), ("fecha de suscripción", fechaSuscripcion?.dayFirst),
         ("origen", origen.rawValue), ("estado", estado.rawValue), ("método de cálculo", metodo.rawValue)]
    }
}
