import Fluent
import Vapor
import VigiaCore

/// Moves whole plans between the database and `PlanSnapshot`.
enum PlanStore {
    /// The plan with its findings, actions, rounds, grades, change log and signatures, in order.
    static func snapshot(of plan: ImprovementPlan, on db: Database) async throws -> PlanSnapshot {
        guard let s = try await snapshots(of: [plan], on: db).first else { throw Abort(.internalServerError) }
        return s
    }

    /// The snapshots of `plans`, in their order, read with a fixed number of queries whatever
    /// their count (lists, the home page and the reminders read every plan of an entity).
    /// A plan unchanged since it was last read comes from `planSnapshotCache`.
    static func snapshots(of plans: [ImprovementPlan], on db: Database) async throws -> [PlanSnapshot] {
        try await snapshots(ids: try plans.map { try $0.requireID() }, given: plans, on: db)
    }

    /// The same by id (the plans' rows are read only for those not in the cache).
    static func snapshots(ids: [UUID], on db: Database) async throws -> [PlanSnapshot] {
        try await snapshots(ids: ids, given: nil, on: db)
    }

    /// `given`: the callers' copies of the plans, in the order of `ids`, when it has them.
    private static func snapshots(ids: [UUID], given plans: [ImprovementPlan]?, on db: Database) async throws -> [PlanSnapshot] {
        guard !ids.isEmpty else { return [] }
        // A bound number of ids per statement, whatever the number of plans.
        if ids.count > 500 {
            var out: [PlanSnapshot] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let range = start..<min(ids.count, start + 500)
                out += try await snapshots(ids: Array(ids[range]), given: plans.map { Array($0[range]) }, on: db)
            }
            return out
        }
        let cache = planSnapshotCache
        guard !db.inTransaction, cache.capacity > 0 else {
            var rows = plans ?? []
            if plans == nil { rows = try await ImprovementPlan.query(on: db).filter(\.$id ~~ ids).all() }
            let byID = try await load(rows, ids: rows.compactMap(\.id), on: db).reduce(into: [UUID: PlanSnapshot]()) { $0[$1.id ?? UUID()] = $1 }
            return try ids.map { id in
                guard let s = byID[id] else { throw Abort(.internalServerError, reason: "El plan no se pudo leer.") }
                return s
            }
        }
        // The revision is read before the rows: a change committed in between leaves a newer
        // revision, so the entry stored below is never taken for it.
        let revisions = try await PlanRevision.of(ids, on: db)
        var found: [UUID: PlanSnapshot] = [:]
        for id in ids { if let r = revisions[id], let s = cache.get(id, revision: r) { found[id] = s } }
        // The plans' own rows are read again after the revision: the caller's copies may be older
        // than it, and a snapshot stored under a revision must hold nothing older.
        let missingIDs = ids.filter { found[$0] == nil }
        let missing = missingIDs.isEmpty ? [] : try await ImprovementPlan.query(on: db).filter(\.$id ~~ missingIDs).all()
        for s in try await load(missing, ids: missing.compactMap(\.id), on: db) {
            guard let id = s.id else { continue }
            found[id] = s
            if let r = revisions[id] { cache.put(id, revision: r, s) }
        }
        return try ids.map { id in
            guard let s = found[id] else { throw Abort(.internalServerError, reason: "El plan no se pudo leer.") }
            return s
        }
    }

    /// The snapshots of `plans` (ids `ids`) read from the database with a fixed number of queries.
    private static func load(_ plans: [ImprovementPlan], ids: [UUID], on db: Database) async throws -> [PlanSnapshot] {
        guard !ids.isEmpty else { return [] }
        let entities = Dictionary(try await Entity.query(on: db).filter(\.$id ~~ Set(plans.map(\.$entity.id))).all()
            .compactMap { e in e.id.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        let rows = try await PlanRows.read(ids, on: db)
        let changes = Dictionary(grouping: try await ChangeLogEntry.query(on: db).filter(\.$plan.$id ~~ ids).sort(\.$createdAt).all(), by: \.$plan.id)
        let signatures = Dictionary(grouping: try await Signature.query(on: db).filter(\.$plan.$id ~~ ids).all(), by: \.$plan.id)
        return try plans.map { plan in
            let planID = try plan.requireID()
            guard let entity = entities[plan.$entity.id] else { throw Abort(.internalServerError, reason: "El plan no tiene entidad.") }
            var format = entity.format
            format.codigo = plan.formatCodigo
            format.version = plan.formatVersion
            format.fecha = plan.formatFecha
            return PlanSnapshot(
                id: planID, formato: format, unidadAuditable: plan.unidadAuditable,
                numeroAuditoria: plan.numeroAuditoria, periodoAuditoria: plan.periodoAuditoria,
                fechaSuscripcion: plan.fechaSuscripcion, origen: plan.origen, estado: plan.estado, metodo: plan.metodo,
                hallazgos: rows.findings[planID] ?? [], seguimientos: rows.rounds[planID] ?? [],
                controlDeCambios: (changes[planID] ?? []).map {
                    ChangeLogSnapshot(revision: $0.revision, descripcion: $0.descripcion,
                                      fechaAprobacion: $0.fechaAprobacion, version: $0.version)
                },
                firmas: (signatures[planID] ?? []).map { SignatureSnapshot(rol: $0.rol, nombre: $0.nombre, cargo: $0.cargo) }
                    .sorted { (SignatureRole.allCases.firstIndex(of: $0.rol) ?? 0) < (SignatureRole.allCases.firstIndex(of: $1.rol) ?? 0) })
        }
    }

    /// Writes a whole plan (an import or an API create). Run it inside a transaction:
    /// all of it or nothing.
    static func create(_ s: PlanSnapshot, entityID: UUID, by actor: Actor, summary: String,
                       on db: Database) async throws -> ImprovementPlan {
        let dependency = try await dependencyNamed(s.unidadAuditable, entityID: entityID, on: db)
        let entity = try await Entity.find(entityID, on: db)
        let plan = ImprovementPlan(
            entityID: entityID, dependencyID: dependency?.id, unidadAuditable: s.unidadAuditable,
            numeroAuditoria: s.numeroAuditoria, periodoAuditoria: s.periodoAuditoria,
            fechaSuscripcion: s.fechaSuscripcion, origen: s.origen, estado: s.estado, metodo: s.metodo,
            formatCodigo: s.formato.codigo.isEmpty ? (entity?.formatCodigo ?? "") : s.formato.codigo,
            formatVersion: s.formato.version.isEmpty ? (entity?.formatVersion ?? "") : s.formato.version,
            formatFecha: s.formato.fecha.isEmpty ? (entity?.formatFecha ?? "") : s.formato.fecha)
        try await plan.create(on: db)
        let planID = try plan.requireID()
        var actionIDs: [ActionRef: UUID] = [:]
        var findingIDs: [Int: UUID] = [:]
        let dependencies = try await Dependency.query(on: db).filter(\.$entity.$id == entityID).all()   // once, not per action
        for (fi, f) in s.hallazgos.enumerated() {
            let finding = Finding(entityID: entityID, planID: planID, numero: f.numero, descripcion: f.descripcion,
                                  causa: f.causa, efecto: f.efecto, criterio: f.criterio, codigo: (f.codigo ?? "").trimmed)
            try await finding.create(on: db)
            findingIDs[fi] = try finding.requireID()
            for (ai, a) in f.acciones.enumerated() {
                let action = Action(entityID: entityID, findingID: try finding.requireID(), position: ai + 1, snapshot: a)
                try await action.create(on: db)
                try await action.$dependencies.attach(try resolve(a.dependencias, in: dependencies), on: db)
                actionIDs[ActionRef(hallazgo: fi, accion: ai)] = try action.requireID()
            }
        }
        try await createRounds(s.seguimientos, planID: planID, entityID: entityID, actionIDs: actionIDs, findingIDs: findingIDs,
                               by: actor, on: db)
        for c in s.controlDeCambios {
            try await ChangeLogEntry(entityID: entityID, planID: planID, entry: c).create(on: db)
        }
        var roles = Set<SignatureRole>()
        for sig in s.firmas where roles.insert(sig.rol).inserted {   // one per role, as the table requires
            try await Signature(entityID: entityID, planID: planID, signature: sig).create(on: db)
        }
        try await AuditLog.record(summary, by: actor, entityID: entityID, objectType: "plan", objectID: planID,
                                  planID: planID, changes: [
                                      FieldChange(field: "hallazgos", old: nil, new: "\(s.hallazgos.count)"),
                                      FieldChange(field: "acciones", old: nil, new: "\(s.actionCount)"),
                                  ], on: db)
        return plan
    }

    private static func createRounds(_ rounds: [RoundSnapshot], planID: UUID, entityID: UUID, actionIDs: [ActionRef: UUID],
                                     findingIDs: [Int: UUID], by actor: Actor, on db: Database) async throws {
        for r in rounds {
            let round = FollowUpRound(entityID: entityID, planID: planID, numero: r.numero, fechaCorte: r.fechaCorte,
                                      fechaSeguimiento: r.fechaSeguimiento, estado: r.estado, esCierre: r.esCierre)
            try await round.create(on: db)
            for g in r.calificaciones {
                guard let actionID = actionIDs[g.accion] else { continue }
                let a = ActionGrade(entityID: entityID, roundID: try round.requireID(), actionID: actionID)
                a.porcentaje = g.porcentaje; a.evidencias = g.evidencias; a.observaciones = g.observaciones
                a.estado = g.estado; a.justificacion = g.justificacion; a.$updatedBy.id = actor.userID
                try await a.create(on: db)
            }
            for fa in r.hallazgos {
                guard let findingID = findingIDs[fa.hallazgo] else { continue }
                let m = FindingGrade(entityID: entityID, roundID: try round.requireID(), findingID: findingID)
                m.estado = fa.estado; m.justificacion = fa.justificacion
                try await m.create(on: db)
            }
        }
    }

    /// The dependency whose name matches the unidad auditable (accents and case aside).
    static func dependencyNamed(_ name: String, entityID: UUID, on db: Database) async throws -> Dependency? {
        let wanted = name.folded
        guard !wanted.isEmpty else { return nil }
        return try await Dependency.query(on: db).filter(\.$entity.$id == entityID).all().first { $0.name.folded == wanted }
    }

    /// The dependencias with these names among `all` (accents and case aside); an unknown name is refused.
    static func resolve(_ names: [String], in all: [Dependency]) throws -> [Dependency] {
        try names.map { name in
            guard let dep = all.first(where: { $0.name.folded == name.folded }) else {
                throw InvalidInput(field: "dependencias", "La dependencia «\(name)» no existe en la entidad.")
            }
            return dep
        }
    }
}
