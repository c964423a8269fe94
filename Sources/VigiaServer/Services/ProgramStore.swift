import Fluent
import Vapor
import VigiaCore

/// Moves whole anti-corruption programs between the database and `ProgramSnapshot`.
enum ProgramStore {
    /// A program unchanged since it was last read comes from `programSnapshotCache`; the
    /// revision is read before the rows, so a change committed in between is never cached as older.
    static func snapshot(of program: AnticorruptionProgram, on db: Database) async throws -> ProgramSnapshot {
        let programID = try program.requireID()
        let cache = db.inTransaction ? nil : programSnapshotCache
        guard let cache, cache.capacity > 0, let revision = try await ProgramRevision.of([programID], on: db)[programID] else {
            return try await read(program, on: db)
        }
        if let cached = cache.get(programID, revision: revision) { return cached }
        // The program's own row again: the caller's copy may be older than the revision just read.
        guard let current = try await AnticorruptionProgram.find(programID, on: db) else { return try await read(program, on: db) }
        let fresh = try await read(current, on: db)
        cache.put(programID, revision: revision, fresh)
        return fresh
    }

    /// The program's rows, read now.
    static func read(_ program: AnticorruptionProgram, on db: Database) async throws -> ProgramSnapshot {
        let programID = try program.requireID()
        let entity = try await Entity.find(program.$entity.id, on: db)
        let components = try await ProgramComponent.query(on: db).filter(\.$program.$id == programID).sort(\.$numero).all()
        let periods = try await FollowUpPeriod.query(on: db).filter(\.$program.$id == programID).sort(\.$numero).all()
        let componentIDs = components.compactMap(\.id)
        let activities = componentIDs.isEmpty ? [] : try await ProgramActivity.query(on: db)
            .filter(\.$component.$id ~~ componentIDs).sort(\.$position).all()
        let activityIDs = activities.compactMap(\.id)
        let periodNumber = Dictionary(uniqueKeysWithValues: periods.map { ($0.id!, $0.numero) })
        let followUps = activityIDs.isEmpty ? [] : try await ActivityFollowUp.query(on: db).filter(\.$activity.$id ~~ activityIDs).all()
        let monitorings = activityIDs.isEmpty ? [] : try await ProgressReport.query(on: db).filter(\.$activity.$id ~~ activityIDs).all()
        let followUpsBy = Dictionary(grouping: followUps, by: { $0.$activity.id })
        let monitoringsBy = Dictionary(grouping: monitorings, by: { $0.$activity.id ?? UUID() })
        let childrenBy = Dictionary(grouping: activities.filter { $0.$parent.id != nil }, by: { $0.$parent.id ?? UUID() })
        func snap(_ a: ProgramActivity) -> ActivitySnapshot {
            let children = a.id.flatMap { childrenBy[$0] } ?? []
            return ActivitySnapshot(
                id: a.id, subcomponente: a.subcomponente, actividad: a.actividad, meta: a.meta, responsables: a.responsables,
                fechaProgramada: a.fechaProgramada, subitems: children.map(snap),
                seguimientos: (followUpsBy[a.id!] ?? []).compactMap { f in
                    periodNumber[f.$period.id].map {
                        ActivityFollowUpSnapshot(periodo: $0, porcentaje: f.porcentaje, noAplica: f.noAplica, seguimiento: f.seguimiento,
                                                 evidencias: f.evidencias.split(whereSeparator: \.isNewline).map(String.init))
                    }
                }.sorted { $0.periodo < $1.periodo },
                monitoreos: (monitoringsBy[a.id!] ?? []).compactMap { m in
                    m.$period.id.flatMap { periodNumber[$0] }.map {
                        ActivityFollowUpSnapshot(periodo: $0, porcentaje: m.porcentaje, noAplica: m.noAplica, seguimiento: m.descripcion,
                                                 evidencias: m.links)
                    }
                }.sorted { $0.periodo < $1.periodo })
        }
        let signatures = try await ProgramSignature.query(on: db).filter(\.$program.$id == programID).all()
        return ProgramSnapshot(
            id: programID, entidad: entity?.name ?? "", vigencia: program.vigencia, plantilla: program.plantilla,
            titulo: program.titulo,
            componentes: components.map { c in
                ComponentSnapshot(numero: c.numero, nombre: c.nombre,
                                  actividades: activities.filter { $0.$component.id == c.id && $0.$parent.id == nil }.map(snap))
            },
            periodos: periods.map { PeriodSnapshot(numero: $0.numero, nombre: $0.nombre, fechaCorte: $0.fechaCorte,
                                                   fechaLimitePublicacion: $0.fechaLimite) },
            firmas: signatures.map { SignatureSnapshot(rol: $0.rol, nombre: $0.nombre, cargo: $0.cargo) })
    }

    /// The entity's programs with their periods only (no components, activities or signatures):
    /// what the home page's deadlines and publication cards read, in two queries for all of them.
    static func calendars(entityID: UUID, on db: Database) async throws -> [ProgramSnapshot] {
        let programs = try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == entityID).all()
        let ids = programs.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let periods = Dictionary(grouping: try await FollowUpPeriod.query(on: db).filter(\.$program.$id ~~ ids).sort(\.$numero).all(),
                                 by: { $0.$program.id })
        return programs.map { p in
            ProgramSnapshot(id: p.id, entidad: "", vigencia: p.vigencia, plantilla: p.plantilla, titulo: p.titulo, componentes: [],
                            periodos: (p.id.flatMap { periods[$0] } ?? []).map {
                                PeriodSnapshot(numero: $0.numero, nombre: $0.nombre, fechaCorte: $0.fechaCorte, fechaLimitePublicacion: $0.fechaLimite)
                            }, firmas: [])
        }
    }

    /// Writes a whole program (an import). Run it inside a transaction.
    static func create(_ s: ProgramSnapshot, entityID: UUID, by actor: Actor, summary: String,
                       on db: Database) async throws -> AnticorruptionProgram {
        let program = AnticorruptionProgram(entityID: entityID, vigencia: s.vigencia, plantilla: s.plantilla,
                                            titulo: s.titulo.isEmpty ? ProgramTemplate.paacV2.titulo : s.titulo)
        try await program.create(on: db)
        let programID = try program.requireID()
        var periodIDs: [Int: UUID] = [:]
        for p in s.periodos {
            let period = FollowUpPeriod(entityID: entityID, programID: programID, period: p)
            try await period.create(on: db)
            periodIDs[p.numero] = try period.requireID()
        }
        let dependencies = try await Dependency.query(on: db).filter(\.$entity.$id == entityID).all()
        func insert(_ a: ActivitySnapshot, componentID: UUID, parentID: UUID?, position: Int) async throws {
            let activity = ProgramActivity(entityID: entityID, componentID: componentID, parentID: parentID, position: position, snapshot: a)
            try await activity.create(on: db)
            // The dependencias named in the responsables text are linked, so their users see the activity.
            let text = a.responsables.folded
            let named = dependencies.filter { !text.isEmpty && text.contains($0.name.folded) }
            try await activity.$dependencies.attach(named, on: db)
            let activityID = try activity.requireID()
            for f in a.seguimientos {
                guard let periodID = periodIDs[f.periodo] else { continue }
                let row = ActivityFollowUp(entityID: entityID, activityID: activityID, periodID: periodID)
                row.porcentaje = f.porcentaje; row.noAplica = f.noAplica; row.seguimiento = f.seguimiento
                row.evidencias = f.evidencias.joined(separator: "\n"); row.$updatedBy.id = actor.userID
                try await row.create(on: db)
            }
            for (i, sub) in a.subitems.enumerated() {
                try await insert(sub, componentID: componentID, parentID: activityID, position: i + 1)
            }
        }
        for c in s.componentes {
            let component = ProgramComponent(entityID: entityID, programID: programID, numero: c.numero, nombre: c.nombre)
            try await component.create(on: db)
            for (i, a) in c.actividades.enumerated() {
                try await insert(a, componentID: try component.requireID(), parentID: nil, position: i + 1)
            }
        }
        for sig in s.firmas {
            try await ProgramSignature(entityID: entityID, programID: programID, signature: sig).create(on: db)
        }
        try await AuditLog.record(summary, by: actor, entityID: entityID, objectType: "programa", objectID: programID,
                                  planID: nil, programID: programID, changes: [FieldChange(field: "actividades", old: nil, new: "\(s.activityCount)")], on: db)
        return program
    }

    /// Adds a period's seguimiento, read from a document of the same program, to the stored one.
    /// The structure must match activity by activity; otherwise nothing is written.
    static func applyFollowUps(of incoming: ProgramSnapshot, period: Int, to program: AnticorruptionProgram,
                               by actor: Actor, on db: Database) async throws {
        let stored = try await snapshot(of: program, on: db)
        guard let periodRow = try await FollowUpPeriod.query(on: db).filter(\.$program.$id == program.requireID())
            .filter(\.$numero == period).first() else {
            throw ValidationFailure("El programa \(program.vigencia) no tiene el periodo \(period).")
        }
        guard stored.componentes.count == incoming.componentes.count else {
            throw ValidationFailure("El seguimiento trae \(incoming.componentes.count) componentes y el programa registrado \(stored.componentes.count); no corresponden.")
        }
        var pairs: [(UUID, ActivityFollowUpSnapshot)] = []
        func match(_ a: [ActivitySnapshot], _ b: [ActivitySnapshot], _ place: String) throws {
            guard a.count == b.count else {
                throw ValidationFailure("\(place): el seguimiento trae \(b.count) actividades y el programa registrado \(a.count); no corresponden.")
            }
            for (i, (s, n)) in zip(a, b).enumerated() {
                guard s.actividad.folded == n.actividad.folded else {
                    throw ValidationFailure("\(place), actividad \(i + 1): «\(n.actividad)» no coincide con «\(s.actividad)» del programa registrado.")
                }
                if let f = n.followUp(period), let id = s.id { pairs.append((id, f)) }
                try match(s.subitems, n.subitems, "\(place), actividad \(i + 1)")
            }
        }
        for (c, n) in zip(stored.componentes, incoming.componentes) {
            try match(c.actividades, n.actividades, "Componente \(c.numero)")
        }
        let periodID = try periodRow.requireID()
        let existing = try await ActivityFollowUp.query(on: db).filter(\.$period.$id == periodID).all()
        var changes: [FieldChange] = []
        for (activityID, f) in pairs {
            let old = existing.first { $0.$activity.id == activityID }
            let row = old ?? ActivityFollowUp(entityID: program.$entity.id, activityID: activityID, periodID: periodID)
            let place = stored.place(of: activityID) ?? "Actividad"
            let pct: (ActivityFollowUp?) -> String? = { r in r.flatMap { $0.noAplica ? "N/A" : $0.porcentaje.map { SpanishFormat.percent($0) } } }
            let before = (pct(old), old?.seguimiento, old?.evidencias)
            row.porcentaje = f.porcentaje; row.noAplica = f.noAplica; row.seguimiento = f.seguimiento
            row.evidencias = f.evidencias.joined(separator: "\n"); row.$updatedBy.id = actor.userID
            changes += AuditLog.diff([("\(place): % de avance", before.0, pct(row)),
                                      ("\(place): seguimiento", before.1.flatMap { $0.isEmpty ? nil : $0 }, row.seguimiento.isEmpty ? nil : row.seguimiento),
                                      ("\(place): evidencias", before.2.flatMap { $0.isEmpty ? nil : $0 }, row.evidencias.isEmpty ? nil : row.evidencias)])
            try await row.save(on: db)
        }
        try await AuditLog.record("Importó el seguimiento del periodo \(period) (\(pairs.count) actividades)", by: actor, entityID: program.$entity.id,
                                  objectType: "programa", objectID: program.id, planID: nil, programID: program.id,
                                  changes: changes, on: db)
    }
}

extension ProgramSnapshot {
    /// "Componente 2, actividad 3" (or "…, actividad 3.1" for a sub-item), for the audit trail.
    func place(of activityID: UUID) -> String? {
        for c in componentes {
            for (i, a) in c.actividades.enumerated() {
                if a.id == activityID { return "Componente \(c.numero), actividad \(i + 1)" }
                if let j = a.subitems.firstIndex(where: { $0.id == activityID }) { return "Componente \(c.numero), actividad \(i + 1).\(j + 1)" }
            }
        }
        return nil
    }
}
