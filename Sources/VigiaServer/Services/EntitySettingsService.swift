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

    init() {}

    init(_ e: Entity) {
        name = e.name; nit = e.nit; proceso = e.formatProceso; nombreFormato = e.formatNombre; codigo = e.formatCodigo
        version = e.formatVersion; fecha = e.formatFecha; consecutivo = e.formatConsecutivo
        maxPlanMonths = e.maxPlanMonths.map(String.init) ?? ""
        reminderDays = e.reminderSettings.daysBefore.map(String.init).joined(separator: ", ")
        zoneLowBelow = SpanishFormat.number(e.zoneLowBelow); zoneHighFrom = SpanishFormat.number(e.zoneHighFrom)
        periodicity = e.periodicity
    }
}

/// The administrador changes the entity: its name and NIT, the format block of its documents,
/// the maximum term of a plan, the reminder days, the semáforo thresholds and how often the
/// program's seguimiento is published. Audited field by field.
enum EntitySettingsService {
    static func update(_ input: EntitySettingsInput, in ctx: UseCaseContext) async throws {
        try ctx.requireAdministrator("Solo el administrador cambia los datos de la entidad.")
        guard let entity = try await Entity.find(ctx.entityID, on: ctx.db) else { throw Abort(.notFound) }
        var problems: [String: String] = [:]
        let name = input.name.trimmed
        if name.isEmpty { problems["nombre"] = "Nombre: escriba el nombre de la entidad." }
        let nit = input.nit.trimmed
        if let p = EntityRules.nitProblem(nit) { problems["nit"] = p }
        else if try await Entity.query(on: ctx.db).filter(\.$nit == nit).filter(\.$id != ctx.entityID).first() != nil {
            problems["nit"] = "NIT: otra entidad de esta instalación ya tiene el NIT \(nit)."
        }
        var months: Int? = nil
        switch EntityRules.maxPlanMonths(input.maxPlanMonths) {
        case .success(let m): months = m
        case .failure(let p): problems["plazoMaximo"] = p.message
        }
        var days: [Int] = [15, 5]
        switch EntityRules.reminderDays(input.reminderDays) {
        case .success(let d): days = d
        case .failure(let p): problems["recordatorios"] = p.message
        }
        let before = EntitySettingsInput(entity)
        let periodicity = input.periodicity ?? entity.periodicity
        var zones = RatingZoneLimits()
        switch EntityRules.zoneLimits(lowBelow: input.zoneLowBelow ?? before.zoneLowBelow ?? "", highFrom: input.zoneHighFrom ?? before.zoneHighFrom ?? "") {
        case .success(let z): zones = z
        case .failure(let p): problems["zonas"] = p.message
        }
        if !EntityRules.periodicities.contains(periodicity) {
            problems["periodicidad"] = "Publicación del seguimiento: elija cuatrimestral o semestral."
        }
        try InvalidInput.check(problems)
        let daysText = days.map(String.init).joined(separator: ",")
        let t = { (s: String) in s.trimmed }
        let changes = AuditLog.diff([
            ("nombre", before.name, name), ("NIT", before.nit, nit), ("proceso", before.proceso, t(input.proceso)),
            ("nombre del formato", before.nombreFormato, t(input.nombreFormato)), ("código", before.codigo, t(input.codigo)),
            ("versión", before.version, t(input.version)), ("fecha del formato", before.fecha, t(input.fecha)),
            ("consecutivo", before.consecutivo, t(input.consecutivo)),
            ("plazo máximo (meses)", before.maxPlanMonths.isEmpty ? nil : before.maxPlanMonths, months.map(String.init)),
            ("recordatorios (días antes)", before.reminderDays, days.map(String.init).joined(separator: ", ")),
            ("zona baja por debajo de (%)", before.zoneLowBelow, SpanishFormat.number(zones.lowBelow)),
            ("zona alta desde (%)", before.zoneHighFrom, SpanishFormat.number(zones.highFrom)),
            ("publicación del seguimiento", before.periodicity, periodicity),
        ])
        guard !changes.isEmpty else { return }
        entity.name = name
        entity.nit = nit
        entity.format = FormatHeader(entidad: name, proceso: t(input.proceso), nombreFormato: t(input.nombreFormato), codigo: t(input.codigo),
                                     version: t(input.version), fecha: t(input.fecha), consecutivo: t(input.consecutivo))
        entity.maxPlanMonths = months
        entity.reminderDays = daysText
        entity.zoneLowBelow = zones.lowBelow
        entity.zoneHighFrom = zones.highFrom
        entity.periodicity = periodicity
        try await ctx.db.transaction { db in
            try await entity.save(on: db)
            try await AuditLog.record("Modificó los datos de la entidad", by: ctx.actor, entityID: ctx.entityID, objectType: "entidad",
                                      objectID: entity.id, planID: nil, changes: changes, on: db)
        }
    }
}
