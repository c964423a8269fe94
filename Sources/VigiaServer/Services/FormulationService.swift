import Fluent
import Vapor
import VigiaCore

/// Formulating a plan: its findings and their actions, from the web forms and the JSON API
/// alike. One validation (VigiaCore's FormulationRules), one transaction, one audit entry.
enum FormulationService {
    // MARK: - Findings

    /// Adds a finding, with any actions it brings (the API sends them together).
    @discardableResult
    static func addFinding(_ input: FindingSnapshot, to plan: ImprovementPlan, in ctx: UseCaseContext) async throws -> Finding {
        let planID = try plan.requireID()
        var problems = FormulationRules.problems(of: input)
        if try await numberTaken(input.numero, in: planID, on: ctx.db) {
            problems["numero"] = "Ya existe el hallazgo \(input.numero) en este plan."
        }
        var actions: [(ActionSnapshot, [Dependency])] = []
        for (i, a) in input.acciones.enumerated() {
            let deps = try await dependencies(named: a.dependencias, in: ctx)
            for (field, message) in FormulationRules.problems(of: a) {
                problems["acciones[\(i + 1)].\(field)"] = "Acción \(i + 1): \(message)"
            }
            actions.append((a, deps))
        }
        try InvalidInput.check(problems)
        let resolved = actions
        let finding = Finding(entityID: ctx.entityID, planID: planID, numero: input.numero, descripcion: input.descripcion.trimmed,
                              causa: input.causa.trimmed, efecto: input.efecto.trimmed, criterio: input.criterio.trimmed,
                              codigo: (input.codigo ?? "").trimmed)
        try await ctx.db.transaction { db in
            try await finding.create(on: db)
            for (i, (a, deps)) in resolved.enumerated() {
                let action = Action(entityID: ctx.entityID, findingID: try finding.requireID(), position: i + 1, snapshot: a.trimmed)
                try await action.create(on: db)
                try await action.$dependencies.attach(deps, on: db)
            }
            try await AuditLog.record("Agregó el hallazgo \(finding.numero)\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "hallazgo", objectID: finding.id, planID: planID,
                                      changes: [FieldChange(field: "descripción", old: nil, new: finding.descripcion)], on: db)
        }
        return finding
    }

    /// Replaces a finding's fields; records what changed.
    static func updateFinding(_ finding: Finding, with input: FindingSnapshot, in ctx: UseCaseContext) async throws {
        var problems = FormulationRules.problems(of: input)
        if input.numero != finding.numero, try await numberTaken(input.numero, in: finding.$plan.id, on: ctx.db) {
            problems["numero"] = "Ya existe el hallazgo \(input.numero) en este plan."
        }
        try InvalidInput.check(problems)
        let before = finding.auditValues
        finding.numero = input.numero
        finding.descripcion = input.descripcion.trimmed
        finding.causa = input.causa.trimmed
        finding.efecto = input.efecto.trimmed
        finding.criterio = input.criterio.trimmed
        finding.codigo = (input.codigo ?? "").trimmed
        let changes = AuditLog.diff(zip(before, finding.auditValues).map { ($0.0, $0.1, $1.1) })
        try await ctx.db.transaction { db in
            try await finding.save(on: db)
            try await PlanRevision.bump(finding.$plan.id, on: db)   // also when the audit sees no difference
            if !changes.isEmpty {
                try await AuditLog.record("Modificó el hallazgo \(finding.numero)\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                          objectType: "hallazgo", objectID: finding.id, planID: finding.$plan.id, changes: changes, on: db)
            }
        }
    }

    // MARK: - Actions

    /// Adds an action at the end of the finding's list. `dependencies` are already the entity's.
    @discardableResult
    static func addAction(_ input: ActionSnapshot, dependencies: [Dependency], to finding: Finding,
                          in ctx: UseCaseContext) async throws -> Action {
        try InvalidInput.check(FormulationRules.problems(of: input))
        let findingID = try finding.requireID()
        return try await ctx.db.transaction { db in
            // The plan's row lock first: an approved reformulation also appends an action to the finding.
            try await ClosingService.lock(finding.$plan.id, on: db)
            let position = (try await Action.query(on: db).filter(\.$finding.$id == findingID).max(\.$position) ?? 0) + 1
            let action = Action(entityID: ctx.entityID, findingID: findingID, position: position, snapshot: input.trimmed)
            try await action.create(on: db)
            try await action.$dependencies.attach(dependencies, on: db)
            try await AuditLog.record("Agregó la acción \(position) al hallazgo \(finding.numero)\(ctx.auditSuffix)", by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "acción", objectID: action.id, planID: finding.$plan.id,
                                      changes: [FieldChange(field: "descripción", old: nil, new: action.descripcion)], on: db)
            return action
        }
    }

    /// Replaces an action's fields and dependencias (loaded with `.with(\.$dependencies)`); records what changed.
    static func updateAction(_ action: Action, of finding: Finding, with input: ActionSnapshot, dependencies: [Dependency],
                             in ctx: UseCaseContext) async throws {
        // A REFORMULADA action is kept as it was approved to be replaced; its successor is the one to change.
        if try await ActionReformulation.query(on: ctx.db).filter(\.$action.$id == action.requireID()).filter(\.$estado == .aprobada).count() > 0 {
            throw Abort(.conflict, reason: "La acción \(finding.numero).\(action.position) está REFORMULADA: se conserva como estaba; cambie la acción que la reemplazó.")
        }
        try InvalidInput.check(FormulationRules.problems(of: input))
        let before = action.auditValues + [("dependencias", Self.names(action.dependencies))]
        action.apply(input.trimmed)
        let after = action.auditValues + [("dependencias", Self.names(dependencies))]
        let changes = AuditLog.diff(zip(before, after).map { ($0.0, $0.1, $1.1) })
        try await ctx.db.transaction { db in
            try await action.save(on: db)
            try await PlanRevision.bump(finding.$plan.id, on: db)   // also when the audit sees no difference (rounded values)
            try await action.$dependencies.detachAll(on: db)
            try await action.$dependencies.attach(dependencies, on: db)
            if !changes.isEmpty {
                try await AuditLog.record("Modificó la acción \(action.position) del hallazgo \(finding.numero)\(ctx.auditSuffix)",
                                          by: ctx.actor, entityID: ctx.entityID, objectType: "acción", objectID: action.id,
                                          planID: finding.$plan.id, changes: changes, on: db)
            }
        }
    }

    /// The entity's dependencias with these names (compared without accents or case).
    static func dependencies(named names: [String], in ctx: UseCaseContext) async throws -> [Dependency] {
        guard !names.isEmpty else { return [] }
        return try PlanStore.resolve(names, in: try await Dependency.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).all())
    }

    /// The entity's dependencias with these ids (as a form sends them); unknown ids are refused.
    static func dependencies(ids: [String], in ctx: UseCaseContext) async throws -> [Dependency] {
        let wanted = Set(ids.compactMap(UUID.init(uuidString:)))
        guard !ids.isEmpty else { return [] }
        let found = try await Dependency.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).filter(\.$id ~~ wanted).all()
        guard found.count == Set(ids).count else {
            throw InvalidInput(field: "dependencias", "Elija dependencias de la lista.")
        }
        return found.sorted { $0.name < $1.name }
    }

    private static func numberTaken(_ numero: Int, in planID: UUID, on db: Database) async throws -> Bool {
        try await Finding.query(on: db).filter(\.$plan.$id == planID).filter(\.$numero == numero).first() != nil
    }

    private static func names(_ deps: [Dependency]) -> String { deps.map(\.name).sorted().joined(separator: ", ") }
}

extension ActionSnapshot {
    /// The text fields without surrounding blanks, as they are stored.
    var trimmed: ActionSnapshot {
        var a = self
        a.descripcion = a.descripcion.trimmed
        a.responsable = a.responsable.trimmed
        a.meta = a.meta.trimmed
        a.metaUnidad = a.metaUnidad.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        a.indicador = a.indicador.trimmed
        return a
    }
}

extension Finding {
    /// Labelled values for the audit trail.
    var auditValues: [(String, String?)] {
        [("número", "\(numero)"), ("descripción", descripcion), ("causa", causa), ("efecto", efecto), ("criterio", criterio), ("código", codigo)]
    }
}
