import Fluent
import Vapor
import VigiaCore

/// The entity's settings as the administrador's form sends them (text as typed).
struct EntitySettingsInput: Sendable {
    var name = ""
    var nit = ""
    var proceso = ""
    var nombreFormato = ""
    var codigo = ""
    var version = ""
    var fecha = ""
    var consecutivo = ""
    var maxPlanMonths = ""
    var reminderDays = ""
    /// nil: not sent, the stored value stays.
    var zoneLowBelow: String? = nil
    var zoneHighFrom: String? = nil
    var periodicity: String? = nil
    /// Who approves reformulations ("oci" or "comite"); nil: not sent, the stored value stays.
    var approver: String? = nil

    init() {}

    init(_ e: Entity) {
        name = e.name; nit = e.nit; proceso = e.formatProceso; nombreFormato = e.formatNombre; codigo = e.formatCodigo
        version = e.formatVersion; fecha = e.formatFecha; consecutivo = e.formatConsecutivo
        maxPlanMonths = e.maxPlanMonths.map(String.init) ?? ""
        reminderDays = e.reminderSettings.daysBefore.map(String.init).joined(separator: ", ")
        zoneLowBelow = SpanishFormat.number(e.zoneLowBelow); zoneHighFrom = SpanishFormat.number(e.zoneHighFrom)
        periodicity = e.periodicity
        approver = e.reformulationApprover.rawValue
    }
}

/// The administrador changes the entity: its name and NIT, the format block of its documents,
/// the maximum term of a plan, the reminder days, the semáforo thresholds and how often the
/// program's seguimiento is published. Audited field by field.
enum EntitySettingsService {
    /// The settings as they will be stored, once every field passed its rule.
    struct Checked {
        var name: String, nit: String, months: Int?, days: [Int], zones: RatingZoneLimits, periodicity: String
        var approver: ReformulationApprover
    }

    /// Each field by its rule; every refusal at once, keyed by the form's field.
    static func check(_ input: EntitySettingsInput, _ entity: Entity, in ctx: UseCaseContext) async throws -> Checked {
        var problems: [String: String] = [:]
        func take<T>(_ result: Result<T, EntityProblem>, _ field: String, _ fallback: T) -> T {
            switch result {
            case .success(let v): return v
            case .failure(let p): problems[field] = p.message; return fallback
            }
        }
        let name = input.name.trimmed, nit = input.nit.trimmed
        if name.isEmpty { problems["nombre"] = "Nombre: escriba el nombre de la entidad." }
        if let p = EntityRules.nitProblem(nit) { problems["nit"] = p }
        else if try await Entity.query(on: ctx.db).filter(\.$nit == nit).filter(\.$id != ctx.entityID).first() != nil {
            problems["nit"] = "NIT: otra entidad de esta instalación ya tiene el NIT \(nit)."
        }
        let before = EntitySettingsInput(entity)
        let checked = Checked(
            name: name, nit: nit, months: take(EntityRules.maxPlanMonths(input.maxPlanMonths), "plazoMaximo", nil),
            days: take(EntityRules.reminderDays(input.reminderDays), "recordatorios", [15, 5]),
            zones: take(EntityRules.zoneLimits(lowBelow: input.zoneLowBelow ?? before.zoneLowBelow ?? "",
                                               highFrom: input.zoneHighFrom ?? before.zoneHighFrom ?? ""), "zonas", RatingZoneLimits()),
            periodicity: input.periodicity ?? entity.periodicity,
            approver: ReformulationApprover(rawValue: input.approver ?? entity.reformulationApprover.rawValue) ?? entity.reformulationApprover)
        if let sent = input.approver, ReformulationApprover(rawValue: sent) == nil {
            problems["aprobador"] = "Aprobación de reformulaciones: elija la Oficina de Control Interno o el comité."
        }
        if !EntityRules.periodicities.contains(checked.periodicity) {
            problems["periodicidad"] = "Publicación del seguimiento: elija cuatrimestral o semestral."
        }
        try InvalidInput.check(problems)
        return checked
    }

    static func update(_ input: EntitySettingsInput, in ctx: UseCaseContext) async throws {
        try ctx.requireAdministrator("Solo el administrador cambia los datos de la entidad.")
        guard let entity = try await Entity.find(ctx.entityID, on: ctx.db) else { throw Abort(.notFound) }
        let c = try await check(input, entity, in: ctx)
        let before = EntitySettingsInput(entity)
        let t = { (s: String) in s.trimmed }
        let changes = AuditLog.diff([
            ("nombre", before.name, c.name), ("NIT", before.nit, c.nit), ("proceso", before.proceso, t(input.proceso)),
            ("nombre del formato", before.nombreFormato, t(input.nombreFormato)), ("código", before.codigo, t(input.codigo)),
            ("versión", before.version, t(input.version)), ("fecha del formato", before.fecha, t(input.fecha)),
            ("consecutivo", before.consecutivo, t(input.consecutivo)),
            ("plazo máximo (meses)", before.maxPlanMonths.isEmpty ? nil : before.maxPlanMonths, c.months.map(String.init)),
            ("recordatorios (días antes)", before.reminderDays, c.days.map(String.init).joined(separator: ", ")),
            ("zona baja por debajo de (%)", before.zoneLowBelow, SpanishFormat.number(c.zones.lowBelow)),
            ("zona alta desde (%)", before.zoneHighFrom, SpanishFormat.number(c.zones.highFrom)),
            ("publicación del seguimiento", before.periodicity, c.periodicity),
            ("aprobación de reformulaciones", entity.reformulationApprover.label, c.approver.label),
        ])
        guard !changes.isEmpty else { return }
        entity.name = c.name
        entity.nit = c.nit
        entity.format = FormatHeader(entidad: c.name, proceso: t(input.proceso), nombreFormato: t(input.nombreFormato), codigo: t(input.codigo),
                                     version: t(input.version), fecha: t(input.fecha), consecutivo: t(input.consecutivo))
        entity.maxPlanMonths = c.months
        entity.reminderDays = c.days.map(String.init).joined(separator: ",")
        entity.zoneLowBelow = c.zones.lowBelow
        entity.zoneHighFrom = c.zones.highFrom
        entity.periodicity = c.periodicity
        entity.reformulationApprover = c.approver
        try await ctx.db.transaction { db in
            // Plans and programs first, the entity's row last: the lock order of every change (Revision.swift).
            try await bumpAllRevisions(entityID: ctx.entityID, on: db)   // the name or header is in every plan and program
            try await entity.save(on: db)
            try await AuditLog.record("Modificó los datos de la entidad", by: ctx.actor, entityID: ctx.entityID, objectType: "entidad",
                                      objectID: entity.id, planID: nil, changes: changes, on: db)
        }
    }
}
